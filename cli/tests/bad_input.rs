//! Broken models and wrong arguments: each gives its own clear error, from the
//! library and from the CLI (exit status 2, one line naming the file, the
//! shape and the problem), never a panic.

use std::path::Path;

use serde_json::{json, Value};

mod common;
use common::{run_cli, Scratch};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/ssm/describe-sessions.json");

fn real_model() -> Value {
    serde_json::from_str(&std::fs::read_to_string(MODEL).expect("model")).expect("json")
}

fn shapes(model: &mut Value) -> &mut serde_json::Map<String, Value> {
    model["shapes"].as_object_mut().expect("shapes")
}

struct Case {
    name: &'static str,
    /// The model text; `None` means the file does not exist.
    model: Option<String>,
    operation: &'static str,
    /// Every one of these must appear in the message.
    expect: &'static [&'static str],
}

fn edited(edit: impl FnOnce(&mut Value)) -> Option<String> {
    let mut model = real_model();
    edit(&mut model);
    Some(model.to_string())
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "missing-file",
            model: None,
            operation: "DescribeSessions",
            expect: &["model.json", "cannot read"],
        },
        Case {
            name: "truncated-json",
            model: Some(real_model().to_string()[..500].to_owned()),
            operation: "DescribeSessions",
            expect: &["model.json", "invalid JSON AST model", "line 1 column 500"],
        },
        Case {
            name: "not-a-model",
            model: Some("[1, 2, 3]".to_owned()),
            operation: "DescribeSessions",
            expect: &[
                "model.json",
                "the top level must be a JSON object with `smithy` and `shapes`",
            ],
        },
        Case {
            name: "dangling-member-target",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#Session"]["members"]["Owner"]["target"] = json!("com.amazonaws.ssm#Nope");
            }),
            operation: "DescribeSessions",
            expect: &[
                "model.json",
                "shape `com.amazonaws.ssm#Session`",
                "member `Owner` targets `com.amazonaws.ssm#Nope`, which is not defined in the model",
            ],
        },
        Case {
            name: "range-beyond-the-integer-type",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionMaxResults"]["traits"]["smithy.api#range"] =
                    json!({"max": 3_000_000_000u64});
            }),
            operation: "DescribeSessions",
            expect: &["MaxResults", "@range bound 3000000000", "-2147483648 to 2147483647"],
        },
        Case {
            name: "range-bound-not-whole-on-an-integer",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionMaxResults"]["traits"]["smithy.api#range"] = json!({"min": 1.5});
            }),
            operation: "DescribeSessions",
            expect: &["MaxResults", "@range bound 1.5", "not a whole number"],
        },
        Case {
            name: "range-beyond-f32",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionMaxResults"]["type"] = json!("float");
                shapes(m)["com.amazonaws.ssm#SessionMaxResults"]["traits"]["smithy.api#range"] = json!({"max": 1e39});
            }),
            operation: "DescribeSessions",
            expect: &[
                "MaxResults",
                "@range bound 1e+39",
                "beyond the range of its type (-3.4028234663852886e38 to 3.4028234663852886e38)",
            ],
        },
        Case {
            name: "range-on-a-string",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionFilterValue"]["traits"]["smithy.api#range"] = json!({"min": 1});
            }),
            operation: "DescribeSessions",
            expect: &["SessionFilter$value", "has a @range but is not a number"],
        },
        Case {
            name: "unknown-shape-type",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionOwner"]["type"] = json!("strin");
            }),
            operation: "DescribeSessions",
            expect: &["shape `com.amazonaws.ssm#SessionOwner`", "unknown shape type `strin`"],
        },
        Case {
            name: "shape-without-type",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionOwner"]
                    .as_object_mut()
                    .unwrap()
                    .remove("type");
            }),
            operation: "DescribeSessions",
            expect: &["shape `com.amazonaws.ssm#SessionOwner`", "has no `type`"],
        },
        Case {
            name: "bad-shape-id",
            model: edited(|m| {
                shapes(m).insert("NoNamespace".into(), json!({"type": "string"}));
            }),
            operation: "DescribeSessions",
            expect: &["`NoNamespace` is not an absolute shape id"],
        },
        Case {
            name: "malformed-member",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#Session"]["members"]["Owner"]["target"] = json!(5);
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#Session`",
                "not a valid `structure` shape",
                "invalid type: integer `5`",
            ],
        },
        Case {
            name: "unknown-operation",
            model: edited(|_| {}),
            operation: "DescribeSession",
            expect: &[
                "shape `com.amazonaws.ssm#AmazonSSM`",
                "has no operation `DescribeSession`",
                "did you mean DescribeSessions?",
            ],
        },
        Case {
            name: "no-service",
            model: edited(|m| {
                shapes(m).remove("com.amazonaws.ssm#AmazonSSM");
            }),
            operation: "DescribeSessions",
            expect: &["model.json", "defines no service shape"],
        },
        Case {
            name: "other-protocol",
            model: edited(|m| {
                let traits = shapes(m)["com.amazonaws.ssm#AmazonSSM"]["traits"]
                    .as_object_mut()
                    .unwrap();
                traits.remove("aws.protocols#awsJson1_1");
                traits.insert("aws.protocols#restXml".into(), json!({}));
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#AmazonSSM`",
                "uses `aws.protocols#restXml`; shapesmith generates clients for awsJson1_0, awsJson1_1 and restJson1",
            ],
        },
        // restJson1 without the `@http` trait it needs on each operation.
        Case {
            name: "rest-json-without-http",
            model: edited(|m| {
                let traits = shapes(m)["com.amazonaws.ssm#AmazonSSM"]["traits"]
                    .as_object_mut()
                    .unwrap();
                traits.remove("aws.protocols#awsJson1_1");
                traits.insert("aws.protocols#restJson1".into(), json!({}));
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#DescribeSessions`",
                "has no @http trait, which restJson1 operations need",
            ],
        },
        Case {
            name: "duplicate-enum-value",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionState"]["members"]["HISTORY"]["traits"]["smithy.api#enumValue"] =
                    json!("Active");
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#SessionState`",
                "lists the value `Active` twice",
            ],
        },
        Case {
            name: "length-not-a-number",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionFilterValue"]["traits"]["smithy.api#length"]["min"] = json!("one");
            }),
            operation: "DescribeSessions",
            expect: &[
                "com.amazonaws.ssm#SessionFilter$value",
                "@length trait whose `min` is \"one\", not a number",
            ],
        },
        // A pattern that cannot be compiled is a warning, not an error: see
        // tests/warnings.rs.
        Case {
            name: "operation-input-not-a-structure",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#DescribeSessions"]["input"]["target"] =
                    json!("com.amazonaws.ssm#SessionId");
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#DescribeSessions`",
                "input `com.amazonaws.ssm#SessionId` has shape type `string`, not `structure`",
            ],
        },
        Case {
            name: "list-contains-itself",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionFilterList"]["member"]["target"] =
                    json!("com.amazonaws.ssm#SessionFilterList");
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#SessionFilterList`",
                "contains itself with no structure or union in between",
            ],
        },
        Case {
            name: "error-targets-a-string",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#DescribeSessions"]["errors"] = json!([{"target": "com.amazonaws.ssm#SessionId"}]);
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#DescribeSessions`",
                "lists `com.amazonaws.ssm#SessionId` as an error, which is of shape type `string`; an error must be a structure with @error",
            ],
        },
        Case {
            name: "error-targets-an-enum",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#DescribeSessions"]["errors"] = json!([{"target": "com.amazonaws.ssm#SessionState"}]);
            }),
            operation: "DescribeSessions",
            expect: &["lists `com.amazonaws.ssm#SessionState` as an error, which is of shape type `enum`"],
        },
        Case {
            name: "error-without-error-trait",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#DescribeSessions"]["errors"] = json!([{"target": "com.amazonaws.ssm#Session"}]);
            }),
            operation: "DescribeSessions",
            expect: &["lists `com.amazonaws.ssm#Session` as an error, which is a structure without @error"],
        },
        Case {
            name: "service-error-targets-the-service",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#AmazonSSM"]["errors"] = json!([{"target": "com.amazonaws.ssm#AmazonSSM"}]);
            }),
            operation: "DescribeSessions",
            expect: &[
                "shape `com.amazonaws.ssm#AmazonSSM`",
                "lists `com.amazonaws.ssm#AmazonSSM` as an error, which is of shape type `service`",
            ],
        },
        Case {
            name: "pattern-on-an-integer",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#SessionMaxResults"]["traits"]["smithy.api#pattern"] = json!("^[0-9]+$");
            }),
            operation: "DescribeSessions",
            expect: &["MaxResults", "has a @pattern, which applies to strings, on `com.amazonaws.ssm#SessionMaxResults`, of shape type `integer`"],
        },
        Case {
            // restJson1 honours @jsonName; two members under one name
            // could not be told apart on the wire.
            name: "json-name-taken-by-another-member",
            model: edited(|m| {
                let service = &mut shapes(m)["com.amazonaws.ssm#AmazonSSM"]["traits"];
                let traits = service.as_object_mut().expect("traits");
                traits.remove("aws.protocols#awsJson1_1");
                traits.insert("aws.protocols#restJson1".to_owned(), json!({}));
                shapes(m)["com.amazonaws.ssm#Session"]["members"]["Status"]["traits"]["smithy.api#jsonName"] =
                    json!("Owner");
            }),
            operation: "DescribeSessions",
            expect: &[
                "com.amazonaws.ssm#Session$Owner",
                "is sent as `Owner`, the name member `Status` is sent as",
            ],
        },
        Case {
            name: "member-targets-operation",
            model: edited(|m| {
                shapes(m)["com.amazonaws.ssm#Session"]["members"]["Owner"]["target"] =
                    json!("com.amazonaws.ssm#DescribeSessions");
            }),
            operation: "DescribeSessions",
            expect: &[
                "com.amazonaws.ssm#Session$Owner",
                "whose shape type `operation` is not a value",
            ],
        },
    ]
}

fn library_error(model: &Path, operation: &str) -> String {
    match shapesmith::Config::new(model)
        .crate_name("ssm")
        .operation(operation)
        .files()
    {
        Ok(_) => panic!("{}: generation unexpectedly succeeded", model.display()),
        Err(e) => e.to_string(),
    }
}

fn cli(args: &[&str]) -> (i32, String, String) {
    run_cli(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

fn assert_contains_all(message: &str, expect: &[&str], case: &str, source: &str) {
    for needle in expect {
        assert!(
            message.contains(needle),
            "{case} ({source}): expected `{needle}` in:\n{message}"
        );
    }
}

#[test]
fn broken_models_give_specific_errors_from_the_library_and_the_cli() {
    for case in cases() {
        let scratch = Scratch::new(case.name);
        let model = match &case.model {
            Some(text) => scratch.write("model.json", text),
            None => scratch.0.join("model.json"),
        };
        let message = library_error(&model, case.operation);
        assert_contains_all(&message, case.expect, case.name, "library");

        let out = scratch.0.join("out");
        let (code, stdout, stderr) = cli(&[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--operation",
            case.operation,
        ]);
        assert_eq!(code, 2, "{}: exit status; stderr:\n{stderr}", case.name);
        assert!(stdout.is_empty(), "{}: nothing on stdout, got {stdout}", case.name);
        assert_eq!(
            stderr.lines().count(),
            1,
            "{}: one line of error, got:\n{stderr}",
            case.name
        );
        assert!(stderr.starts_with("error: "), "{}: {stderr}", case.name);
        assert!(!stderr.contains("panicked"), "{}: {stderr}", case.name);
        assert_contains_all(&stderr, case.expect, case.name, "cli");
        assert!(!out.exists(), "{}: nothing is written on error", case.name);
    }
}

#[test]
fn wrong_arguments_exit_2_with_usage() {
    for (args, needle) in [
        (vec!["generate", "--model", MODEL], "--out"),
        (vec!["generate", "--out", "somewhere"], "--model"),
        (vec!["generate", "--bogus"], "--bogus"),
        (vec!["frobnicate"], "frobnicate"),
        (vec![], "Usage"),
    ] {
        let (code, _, stderr) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: expected `{needle}` in {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn invalid_crate_name_is_rejected() {
    let scratch = Scratch::new("crate-name");
    let out = scratch.0.join("out");
    let (code, _, stderr) = cli(&[
        "generate",
        "--model",
        MODEL,
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "not a name",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`not a name` is not a valid crate name"), "{stderr}");
}

#[test]
fn missing_config_file_is_reported() {
    let scratch = Scratch::new("config");
    let missing = scratch.0.join("shapesmith.toml");
    let (code, _, stderr) = cli(&["generate", "--config", missing.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("shapesmith.toml: cannot read"), "{stderr}");

    std::fs::write(&missing, "[[crate]]\nname = \"ssm\"\n").unwrap();
    let (code, _, stderr) = cli(&["generate", "--config", missing.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing field `model`"), "{stderr}");
}

/// `--check` writes nothing, exits 1 and lists what differs; after
/// generating, it exits 0.
#[test]
fn check_reports_stale_files_then_fresh() {
    let scratch = Scratch::new("check");
    let out = scratch.0.join("ssm");
    let args = |check: bool| {
        let mut a = vec![
            "generate",
            "--model",
            MODEL,
            "--out",
            out.to_str().unwrap(),
            "--operation",
            "DescribeSessions",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
        if check {
            a.push("--check".to_owned());
        }
        a
    };
    let run = |a: Vec<String>| cli(&a.iter().map(String::as_str).collect::<Vec<_>>());

    let (code, stdout, _) = run(args(true));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("missing: src/lib.rs"), "{stdout}");
    assert!(!out.exists(), "--check wrote files");

    let (code, stdout, stderr) = run(args(false));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, stdout, _) = run(args(true));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("up to date"), "{stdout}");

    // A hand edit and a stray file are both reported.
    let session = out.join("src/types/_session.rs");
    let mut text = std::fs::read_to_string(&session).unwrap();
    text.push_str("// edited\n");
    std::fs::write(&session, text).unwrap();
    std::fs::write(out.join("src/types/_stray.rs"), "").unwrap();
    let (code, stdout, _) = run(args(true));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("changed: src/types/_session.rs"), "{stdout}");
    assert!(stdout.contains("extra:   src/types/_stray.rs"), "{stdout}");
    assert!(stdout.contains("regenerate with: shapesmith generate"), "{stdout}");

    // Generating again repairs both, and leaves unchanged files untouched.
    let untouched = out.join("src/lib.rs");
    let modified = |path: &std::path::Path| std::fs::metadata(path).unwrap().modified().unwrap();
    let before = modified(&untouched);
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(run(args(false)).0, 0);
    assert_eq!(run(args(true)).0, 0);
    assert!(!out.join("src/types/_stray.rs").exists());
    assert_eq!(modified(&untouched), before, "an unchanged file was rewritten");
}
