//! What the generator leaves out instead of refusing the model: a warning on
//! standard error naming the shape (exit 0, the crate generated without that
//! check), or an error when warnings are denied (exit 2, nothing written).

use serde_json::{json, Value};

mod common;
use common::{run_cli, Scratch};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/ssm/describe-sessions.json");

/// The DescribeSessions slice with `DocumentName`'s pattern replaced by one
/// no engine can compile (a reversed range), and a `@range` on a new
/// bigInteger filter member.
fn model_with_two_warnings() -> String {
    let mut model: Value = serde_json::from_str(&std::fs::read_to_string(MODEL).expect("model")).expect("json");
    let shapes = model["shapes"].as_object_mut().expect("shapes");
    shapes["com.amazonaws.ssm#DocumentName"]["traits"]["smithy.api#pattern"] = json!("^[z-a]+$");
    shapes.insert(
        "com.amazonaws.ssm#Huge".into(),
        json!({"type": "bigInteger", "traits": {"smithy.api#range": {"min": 1}}}),
    );
    shapes["com.amazonaws.ssm#DescribeSessionsRequest"]["members"]["Huge"] =
        json!({"target": "com.amazonaws.ssm#Huge"});
    model.to_string()
}

#[test]
fn an_uncompilable_pattern_is_left_out_with_a_warning() {
    let dir = Scratch::new("warn");
    let model = dir.write("model.json", &model_with_two_warnings());
    let out = dir.0.join("out");
    let (code, stdout, stderr) = run_cli(
        &[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            // Session (an output) has the patterns: it keeps its validate().
            "--validate-outputs",
        ],
        &dir.0,
    );
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    // By shape id.
    assert!(
        warnings[0].contains("Huge") && warnings[0].contains("@range"),
        "{stderr}"
    );
    assert!(
        warnings[1].contains("com.amazonaws.ssm#DocumentName") && warnings[1].contains("`^[z-a]+$`"),
        "{stderr}"
    );
    // The other patterns are still checked; this one is not in the table.
    let validation = std::fs::read_to_string(out.join("src/validation.rs")).expect("validation.rs");
    assert!(validation.contains("^.{1,256}$"), "{validation}");
    assert!(!validation.contains("[z-a]"), "{validation}");
}

#[test]
fn denied_warnings_fail_and_write_nothing() {
    let dir = Scratch::new("deny");
    let model = dir.write("model.json", &model_with_two_warnings());
    let out = dir.0.join("out");
    let (code, stdout, stderr) = run_cli(
        &[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--deny-warnings",
        ],
        &dir.0,
    );
    assert_eq!(code, 2, "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.starts_with("error: warnings are denied"), "{stderr}");
    assert!(stderr.contains("`^[z-a]+$`") && stderr.contains("Huge"), "{stderr}");
    assert!(!out.exists(), "nothing is written when warnings are denied");
}

#[test]
fn the_config_file_can_deny_warnings() {
    let dir = Scratch::new("deny-toml");
    dir.write("model.json", &model_with_two_warnings());
    dir.write(
        "shapesmith.toml",
        "[[crate]]\nname = \"ssm\"\nmodel = \"model.json\"\nout = \"out\"\ndeny_warnings = true\n",
    );
    let (code, _, stderr) = run_cli(&["generate"], &dir.0);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("warnings are denied"), "{stderr}");
    assert!(!dir.0.join("out").exists());
}

#[test]
fn the_library_returns_the_warnings() {
    let dir = Scratch::new("warn-lib");
    let model = dir.write("model.json", &model_with_two_warnings());
    let generated = shapesmith::Config::new(&model).files().expect("generates");
    let shapes: Vec<String> = generated.warnings.iter().map(|w| w.shape.to_string()).collect();
    assert_eq!(
        shapes,
        [
            "com.amazonaws.ssm#DescribeSessionsRequest$Huge",
            "com.amazonaws.ssm#DocumentName"
        ]
    );
    // A model without warnings has none.
    let clean = shapesmith::Config::new(MODEL).files().expect("generates");
    assert!(clean.warnings.is_empty(), "{:?}", clean.warnings);
}

/// A nested `@paginated` path (valid Smithy, which shapesmith does not
/// follow yet) leaves the operation without a paginator, with a warning.
#[test]
fn a_nested_pagination_path_drops_the_paginator_with_a_warning() {
    let mut model: Value = serde_json::from_str(&std::fs::read_to_string(MODEL).expect("model")).expect("json");
    model["shapes"]["com.amazonaws.ssm#DescribeSessions"]["traits"]["smithy.api#paginated"]["outputToken"] =
        json!("Page.NextToken");
    let dir = Scratch::new("warn-nested-pages");
    let model = dir.write("model.json", &model.to_string());
    let out = dir.0.join("out");
    let (code, _, stderr) = run_cli(
        &[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &dir.0,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("com.amazonaws.ssm#DescribeSessions") && stderr.contains("nested path (`Page.NextToken`)"),
        "{stderr}"
    );
    let operation = std::fs::read_to_string(out.join("src/operation/describe_sessions.rs")).expect("operation file");
    assert!(operation.contains("fn build_request("));
    assert!(!operation.contains("Paginated for"), "no paginator expected");
}

#[test]
fn a_page_size_the_paginator_cannot_set_is_a_warning() {
    // DescribeSessions pages with `MaxResults`; made a string here, which
    // `set_page_size(i32)` cannot fill.
    let mut model: Value = serde_json::from_str(&std::fs::read_to_string(MODEL).expect("model")).expect("json");
    model["shapes"]["com.amazonaws.ssm#SessionMaxResults"] = json!({"type": "string"});
    let dir = Scratch::new("page-size");
    let model = dir.write("model.json", &model.to_string());
    let out = dir.0.join("out");
    let (code, stdout, stderr) = run_cli(
        &[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &dir.0,
    );
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].contains("com.amazonaws.ssm#DescribeSessions")
            && warnings[0].contains("cannot set the page size")
            && warnings[0].contains("`MaxResults`"),
        "{stderr}"
    );
    // The paginator is still there; it leaves the page size to the service.
    let operation =
        std::fs::read_to_string(out.join("src/operation/describe_sessions.rs")).expect("describe_sessions.rs");
    assert!(operation.contains("fn set_page_size(_input"), "{operation}");
}
