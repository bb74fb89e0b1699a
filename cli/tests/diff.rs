//! `shapesmith diff`: every classification rule on a model edited for it,
//! the real AccessType change (release notes and JSON as snapshots), and the
//! command line's exit codes.
//!
//! Each rule test checks the exact list of changes found (kind, bump, shape,
//! member) and the overall bump, so a rule that classifies differently, or a
//! change found twice or not at all, fails it.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use shapesmith::diff::{diff, diff_validating_requests, Bump, ChangeKind, OperationStatus, Report};

mod common;
use common::{root, run_cli, Scratch};
use ChangeKind::*;

const SSM: &str = "com.amazonaws.ssm#";
const EDGE: &str = "example.edge#";

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("model")).expect("json")
}

/// The real DescribeSessions slice of the SSM model.
fn slice() -> Value {
    read(&root().join(NEW_SLICE))
}

/// The hand-written edge-case model: operations `DoThing` and `Ping`.
fn edge() -> Value {
    read(&root().join("tests/fixtures/edge-cases/model.json"))
}

fn report_for(old: &Value, new: &Value, operations: &[&str]) -> Report {
    let scratch = Scratch::new("diff");
    let old = scratch.write("old.json", &old.to_string());
    let new = scratch.write("new.json", &new.to_string());
    let operations: Vec<String> = operations.iter().map(|s| s.to_string()).collect();
    diff_validating_requests(&old, &new, &operations, VALIDATED.get()).unwrap_or_else(|e| panic!("{e}"))
}

thread_local! {
    /// Whether the crate compared is generated with `validate_requests`.
    static VALIDATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the diff comparing crates generated with
/// `validate_requests` (request() runs validate()).
fn validated<R>(f: impl FnOnce() -> R) -> R {
    VALIDATED.set(true);
    let result = f();
    VALIDATED.set(false);
    result
}

/// `base` -> `base` edited.
fn after(base: Value, edit: impl FnOnce(&mut Value)) -> Report {
    let mut new = base.clone();
    edit(&mut new);
    report_for(&base, &new, &[])
}

/// `base` edited -> `base`: the reverse change.
fn before(base: Value, edit: impl FnOnce(&mut Value)) -> Report {
    let mut old = base.clone();
    edit(&mut old);
    report_for(&old, &base, &[])
}

/// Both sides edited from `base`: for changes that need a shared setup.
fn between(base: Value, setup: impl Fn(&mut Value), edit: impl FnOnce(&mut Value)) -> Report {
    let mut old = base;
    setup(&mut old);
    let mut new = old.clone();
    edit(&mut new);
    report_for(&old, &new, &[])
}

fn shape<'a>(model: &'a mut Value, id: &str) -> &'a mut Value {
    &mut model["shapes"][id]
}

fn member<'a>(model: &'a mut Value, id: &str, name: &str) -> &'a mut Value {
    &mut model["shapes"][id]["members"][name]
}

fn traits<'a>(model: &'a mut Value, id: &str, name: &str) -> &'a mut Value {
    &mut member(model, id, name)["traits"]
}

fn remove_member(model: &mut Value, id: &str, name: &str) {
    model["shapes"][id]["members"]
        .as_object_mut()
        .expect("members")
        .remove(name);
}

type Expected<'a> = (ChangeKind, Bump, &'a str, Option<&'a str>);

/// Checks the overall bump and every change found (each once), as
/// (kind, bump, shape name, member) in any order.
#[track_caller]
fn assert_changes(report: &Report, semver: Bump, expected: &[Expected<'_>]) {
    let mut found: Vec<(ChangeKind, Bump, String, Option<String>)> = report
        .changes()
        .into_iter()
        .map(|c| {
            (
                c.kind,
                c.bump,
                c.shape.as_ref().map(|s| s.name().to_owned()).unwrap_or_default(),
                c.member.clone(),
            )
        })
        .collect();
    let mut expected: Vec<(ChangeKind, Bump, String, Option<String>)> = expected
        .iter()
        .map(|(k, b, s, m)| (*k, *b, s.to_string(), m.map(str::to_owned)))
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "\n{}", report.to_text());
    assert_eq!(report.semver, semver, "\n{}", report.to_text());
    assert_eq!(report.to_json()["semver"], semver.as_str());
}

fn description(report: &Report, kind: ChangeKind) -> &str {
    let change = report.changes().into_iter().find(|c| c.kind == kind).expect("change");
    &change.description
}

// --- The real AccessType change -------------------------------------------

fn accesstype_pair() -> (PathBuf, PathBuf) {
    (root().join(OLD_SLICE), root().join(NEW_SLICE))
}

#[test]
fn accesstype_slice_is_minor_and_reaches_describe_sessions() {
    let (old, new) = accesstype_pair();
    let report = diff(&old, &new, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_changes(
        &report,
        Bump::Minor,
        &[
            (EnumValueAdded, Bump::Minor, "SessionFilterKey", Some("AccessType")),
            (MemberAdded, Bump::Minor, "Session", Some("AccessType")),
            (ShapeAdded, Bump::Minor, "AccessType", None),
            (DocumentationChanged, Bump::Patch, "AmazonSSM", None),
        ],
    );
    assert_eq!(report.operations.len(), 1);
    let op = &report.operations[0];
    assert_eq!(
        (op.name.as_str(), op.status, op.bump),
        ("DescribeSessions", OperationStatus::Updated, Bump::Minor)
    );
    assert_eq!(op.changes.len(), 3);
    for change in &op.changes {
        assert_eq!(change.operations, ["DescribeSessions"]);
    }
    let text = report.to_text();
    for needle in [
        "1 updated api method",
        "`SessionFilterKey` gained the value `AccessType`",
        "`Session` gained the optional member `AccessType`",
        "new enum `AccessType` with the values `Standard`, `JustInTime`",
        "f26a98808d90e0b71e216462c1653d8af0f8f617a0a96a3ea57e9c26567a7897",
        "cca790fcf8b8e122fbd107f0a2b611dbda98e2a8874d318d3cb9b11c00048d67",
        "semver: minor",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn accesstype_full_model_restricted_to_describe_sessions() {
    let report = diff(
        &root().join("tests/fixtures/before-accesstype/ssm-2014-11-06.before-accesstype.json"),
        &root().join("model/ssm/ssm-2014-11-06.json"),
        &["DescribeSessions".to_owned()],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_changes(
        &report,
        Bump::Minor,
        &[
            (EnumValueAdded, Bump::Minor, "SessionFilterKey", Some("AccessType")),
            (MemberAdded, Bump::Minor, "Session", Some("AccessType")),
            (ShapeAdded, Bump::Minor, "AccessType", None),
            (DocumentationChanged, Bump::Patch, "AmazonSSM", None),
        ],
    );
}

#[test]
fn accesstype_full_model_is_minor() {
    // Every operation of both whole SSM models: nine months of changes, none
    // breaking, with AccessType under DescribeSessions as in the slice.
    let report = diff(
        &root().join("tests/fixtures/before-accesstype/ssm-2014-11-06.before-accesstype.json"),
        &root().join("model/ssm/ssm-2014-11-06.json"),
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.semver, Bump::Minor, "\n{}", report.to_text());
    assert!(report.operations.iter().all(|op| op.status == OperationStatus::Updated));
    let op = report
        .operations
        .iter()
        .find(|op| op.name == "DescribeSessions")
        .expect("DescribeSessions changed");
    let found: Vec<(ChangeKind, Bump, &str, Option<&str>)> = op
        .changes
        .iter()
        .map(|c| {
            (
                c.kind,
                c.bump,
                c.shape.as_ref().map_or("", |s| s.name()),
                c.member.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (ShapeAdded, Bump::Minor, "AccessType", None),
            (MemberAdded, Bump::Minor, "Session", Some("AccessType")),
            (EnumValueAdded, Bump::Minor, "SessionFilterKey", Some("AccessType")),
        ]
    );
}

/// Runs the command line from the workspace root, as a user would.
fn shapesmith(args: &[&str]) -> (i32, String, String) {
    run_cli(args, &root())
}

const OLD_SLICE: &str = "tests/fixtures/before-accesstype/describe-sessions.json";
const NEW_SLICE: &str = "model/ssm/describe-sessions.json";

#[test]
fn accesstype_release_notes_snapshot() {
    let (code, stdout, stderr) = shapesmith(&["diff", OLD_SLICE, NEW_SLICE]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    insta::assert_snapshot!("accesstype_text", stdout);
}

#[test]
fn accesstype_json_snapshot() {
    let (code, stdout, stderr) = shapesmith(&["diff", OLD_SLICE, NEW_SLICE, "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let json: Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(json["semver"], "minor");
    assert_eq!(json["operations"][0]["name"], "DescribeSessions");
    insta::assert_snapshot!("accesstype_json", stdout);
}

#[test]
fn crate_version_gives_the_next_version() {
    let (code, stdout, _) = shapesmith(&["diff", OLD_SLICE, NEW_SLICE, "--crate-version", "0.1.0"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("bump the crate's version 0.1.0 -> 0.1.1"), "{stdout}");
    let (_, stdout, _) = shapesmith(&[
        "diff",
        OLD_SLICE,
        NEW_SLICE,
        "--crate-version",
        "1.2.3",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(json["next_version"], "1.3.0");
}

#[test]
fn next_version_follows_cargo_semver() {
    let cases = [
        (Bump::Major, "1.4.2", Some("2.0.0")),
        (Bump::Minor, "1.4.2", Some("1.5.0")),
        (Bump::Patch, "1.4.2", Some("1.4.3")),
        (Bump::None, "1.4.2", Some("1.4.2")),
        // Below 1.0 the minor number is the breaking one.
        (Bump::Major, "0.1.3", Some("0.2.0")),
        (Bump::Minor, "0.1.3", Some("0.1.4")),
        (Bump::Patch, "0.1.3", Some("0.1.4")),
        (Bump::Major, "1.0", None),
        (Bump::Major, "1.0.0-beta.1", None),
        (Bump::Major, "01.0.0", None),
    ];
    for (bump, current, next) in cases {
        assert_eq!(bump.next_version(current).as_deref(), next, "{bump} from {current}");
    }
    assert!(Bump::None < Bump::Patch && Bump::Patch < Bump::Minor && Bump::Minor < Bump::Major);
}

// --- The command line ------------------------------------------------------

#[test]
fn exit_codes() {
    // Nothing breaking.
    assert_eq!(shapesmith(&["diff", OLD_SLICE, NEW_SLICE]).0, 0);
    assert_eq!(shapesmith(&["diff", NEW_SLICE, NEW_SLICE]).0, 0);

    // A breaking change: the reverse of AccessType removes an enum value.
    let (code, stdout, _) = shapesmith(&["diff", NEW_SLICE, OLD_SLICE]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("semver: major"), "{stdout}");
    let (code, stdout, _) = shapesmith(&["diff", NEW_SLICE, OLD_SLICE, "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(serde_json::from_str::<Value>(&stdout).expect("json")["semver"], "major");

    // Bad input.
    let (code, _, stderr) = shapesmith(&["diff", OLD_SLICE, "model/ssm/no-such-model.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: model/ssm/no-such-model.json: cannot read"),
        "{stderr}"
    );
    let (code, _, stderr) = shapesmith(&["diff", OLD_SLICE, NEW_SLICE, "--operation", "NoSuchOperation"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("has an operation `NoSuchOperation`"), "{stderr}");
    let scratch = Scratch::new("diff");
    let broken = scratch.write(
        "broken.json",
        &json!({"smithy": "2.0", "shapes": {"a#B": {"type": "nope"}}}).to_string(),
    );
    let (code, _, stderr) = shapesmith(&["diff", OLD_SLICE, broken.to_str().expect("utf-8 path")]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("broken.json"),
        "{stderr}"
    );
    assert_eq!(shapesmith(&["diff", OLD_SLICE, NEW_SLICE, "--format", "yaml"]).0, 2);
    assert_eq!(shapesmith(&["diff", OLD_SLICE]).0, 2);
    assert_eq!(
        shapesmith(&["diff", OLD_SLICE, NEW_SLICE, "--crate-version", "one"]).0,
        2
    );
}

// --- Operations --------------------------------------------------------------

fn without_ping(model: &mut Value) {
    let ops = model["shapes"][format!("{EDGE}EdgeService")]["operations"]
        .as_array_mut()
        .expect("operations");
    ops.retain(|op| op["target"] != format!("{EDGE}Ping"));
    model["shapes"]
        .as_object_mut()
        .expect("shapes")
        .remove(&format!("{EDGE}Ping"));
}

#[test]
fn operation_added_is_minor() {
    let report = before(edge(), without_ping);
    // Its Unit input and output are part of the operation, not new shapes.
    assert_changes(&report, Bump::Minor, &[(OperationAdded, Bump::Minor, "Ping", None)]);
    assert_eq!(report.operations[0].status, OperationStatus::Added);
    assert!(report.to_text().contains("1 new api method"));
}

#[test]
fn operation_removed_is_major() {
    let report = after(edge(), without_ping);
    assert_changes(&report, Bump::Major, &[(OperationRemoved, Bump::Major, "Ping", None)]);
    assert_eq!(report.operations[0].status, OperationStatus::Removed);
    assert!(report.to_text().contains("1 removed api method"));
}

#[test]
fn operation_only_in_the_new_model_can_be_selected() {
    let mut old = edge();
    without_ping(&mut old);
    let report = report_for(&old, &edge(), &["Ping"]);
    assert_changes(&report, Bump::Minor, &[(OperationAdded, Bump::Minor, "Ping", None)]);
}

#[test]
fn error_added_is_minor_and_removed_is_major() {
    let add_error = |m: &mut Value| {
        *shape(m, &format!("{SSM}ThrottlingException")) = json!({
            "type": "structure",
            "members": {"Message": {"target": "smithy.api#String"}},
            "traits": {"smithy.api#error": "client"}
        });
        shape(m, &format!("{SSM}DescribeSessions"))["errors"]
            .as_array_mut()
            .expect("errors")
            .push(json!({"target": format!("{SSM}ThrottlingException")}));
    };
    assert_changes(
        &after(slice(), add_error),
        Bump::Minor,
        &[
            (ErrorAdded, Bump::Minor, "DescribeSessions", None),
            (ShapeAdded, Bump::Minor, "ThrottlingException", None),
        ],
    );
    assert_changes(
        &before(slice(), add_error),
        Bump::Major,
        &[
            (ErrorRemoved, Bump::Major, "DescribeSessions", None),
            (ShapeRemoved, Bump::Major, "ThrottlingException", None),
        ],
    );
}

#[test]
fn pagination_removed_is_major_and_added_is_minor() {
    let unpaginate = |m: &mut Value| {
        shape(m, &format!("{SSM}DescribeSessions"))["traits"]
            .as_object_mut()
            .expect("traits")
            .remove("smithy.api#paginated");
    };
    assert_changes(
        &after(slice(), unpaginate),
        Bump::Major,
        &[(PaginationRemoved, Bump::Major, "DescribeSessions", None)],
    );
    assert_changes(
        &before(slice(), unpaginate),
        Bump::Minor,
        &[(PaginationAdded, Bump::Minor, "DescribeSessions", None)],
    );
}

// --- Shapes --------------------------------------------------------------------

fn with_region(m: &mut Value) {
    *shape(m, &format!("{SSM}Region")) = json!({
        "type": "structure",
        "members": {"Name": {"target": "smithy.api#String"}}
    });
    *member(m, &format!("{SSM}Session"), "Region") = json!({"target": format!("{SSM}Region")});
}

#[test]
fn shape_added_is_minor() {
    assert_changes(
        &after(slice(), with_region),
        Bump::Minor,
        &[
            (ShapeAdded, Bump::Minor, "Region", None),
            (MemberAdded, Bump::Minor, "Session", Some("Region")),
        ],
    );
}

#[test]
fn shape_removed_is_major() {
    assert_changes(
        &before(slice(), with_region),
        Bump::Major,
        &[
            (ShapeRemoved, Bump::Major, "Region", None),
            (MemberRemoved, Bump::Major, "Session", Some("Region")),
        ],
    );
}

#[test]
fn shape_kind_changed_is_major() {
    let report = after(slice(), |m| {
        shape(m, &format!("{SSM}SessionManagerOutputUrl"))["type"] = json!("union");
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(ShapeKindChanged, Bump::Major, "SessionManagerOutputUrl", None)],
    );
    assert!(description(&report, ShapeKindChanged).contains("from a structure to a union"));
}

// --- Members -------------------------------------------------------------------

#[test]
fn optional_member_added_is_minor_in_an_output() {
    let report = after(slice(), |m| {
        *member(m, &format!("{SSM}Session"), "Region") = json!({"target": "smithy.api#String"});
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(MemberAdded, Bump::Minor, "Session", Some("Region"))],
    );
    assert!(description(&report, MemberAdded).contains("`region: Option<String>`"));
}

#[test]
fn optional_member_added_is_minor_in_an_input() {
    let report = after(slice(), |m| {
        *member(m, &format!("{SSM}DescribeSessionsRequest"), "Region") = json!({"target": "smithy.api#String"});
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(MemberAdded, Bump::Minor, "DescribeSessionsRequest", Some("Region"))],
    );
}

#[test]
fn required_member_added_to_an_input_with_validate_requests_is_major() {
    let report = validated(|| {
        after(slice(), |m| {
            *member(m, &format!("{SSM}DescribeSessionsRequest"), "Region") =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberAdded, Bump::Major, "DescribeSessionsRequest", Some("Region"))],
    );
    // Input members are always Option<T>; validate() is what changes.
    assert!(description(&report, MemberAdded).contains("`region: Option<String>`, checked by validate()"));
}

#[test]
fn required_member_added_to_an_output_structure_is_major() {
    let report = after(slice(), |m| {
        *member(m, &format!("{SSM}Session"), "Region") =
            json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberAdded, Bump::Major, "Session", Some("Region"))],
    );
    assert!(description(&report, MemberAdded).contains("`region: String`"));
}

#[test]
fn member_with_a_default_added_to_an_output_structure_is_minor() {
    let report = after(slice(), |m| {
        *member(m, &format!("{SSM}Session"), "Count") = json!({
            "target": "smithy.api#Integer",
            "traits": {"smithy.api#required": {}, "smithy.api#default": 0}
        });
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(MemberAdded, Bump::Minor, "Session", Some("Count"))],
    );
}

#[test]
fn member_removed_is_major() {
    let report = after(slice(), |m| remove_member(m, &format!("{SSM}Session"), "Owner"));
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberRemoved, Bump::Major, "Session", Some("Owner"))],
    );
}

#[test]
fn input_member_becoming_required_with_validate_requests_is_major() {
    let report = validated(|| {
        after(slice(), |m| {
            traits(m, &format!("{SSM}DescribeSessionsRequest"), "NextToken")["smithy.api#required"] = json!({});
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(
            MemberBecameRequired,
            Bump::Major,
            "DescribeSessionsRequest",
            Some("NextToken"),
        )],
    );
}

#[test]
fn input_member_becoming_optional_with_validate_requests_is_minor() {
    let report = validated(|| {
        after(slice(), |m| {
            traits(m, &format!("{SSM}DescribeSessionsRequest"), "State")
                .as_object_mut()
                .expect("traits")
                .remove("smithy.api#required");
        })
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(
            MemberBecameOptional,
            Bump::Minor,
            "DescribeSessionsRequest",
            Some("State"),
        )],
    );
}

#[test]
fn output_member_becoming_required_is_major() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}Session"), "SessionId")["smithy.api#required"] = json!({});
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberBecameRequired, Bump::Major, "Session", Some("SessionId"))],
    );
    assert!(description(&report, MemberBecameRequired).contains("`session_id: String`, was `Option<String>`"));
}

#[test]
fn output_member_becoming_optional_is_major() {
    // `SessionFilter` is not an input itself: its @required members are plain fields.
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}SessionFilter"), "value")
            .as_object_mut()
            .expect("traits")
            .remove("smithy.api#required");
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberBecameOptional, Bump::Major, "SessionFilter", Some("value"))],
    );
}

#[test]
fn required_without_effect_on_the_field_is_patch() {
    // A member with a @default is a plain field with or without @required.
    let report = between(
        slice(),
        |m| {
            *member(m, &format!("{SSM}Session"), "Count") =
                json!({"target": "smithy.api#Integer", "traits": {"smithy.api#default": 0}});
        },
        |m| traits(m, &format!("{SSM}Session"), "Count")["smithy.api#required"] = json!({}),
    );
    assert_changes(
        &report,
        Bump::Patch,
        &[(MemberBecameRequired, Bump::Patch, "Session", Some("Count"))],
    );
}

#[test]
fn client_optional_member_becoming_required_in_responses_only_is_patch() {
    // The field stays Option<T>; only validate() on a response value changes.
    let report = between(
        slice(),
        |m| traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#clientOptional"] = json!({}),
        |m| traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#required"] = json!({}),
    );
    assert_changes(
        &report,
        Bump::Patch,
        &[(MemberBecameRequired, Bump::Patch, "Session", Some("Owner"))],
    );
}

#[test]
fn client_optional_member_becoming_optional_in_responses_only_is_patch() {
    let report = between(
        slice(),
        |m| {
            traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#clientOptional"] = json!({});
            traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#required"] = json!({});
        },
        |m| {
            traits(m, &format!("{SSM}Session"), "Owner")
                .as_object_mut()
                .expect("traits")
                .remove("smithy.api#required");
        },
    );
    assert_changes(
        &report,
        Bump::Patch,
        &[(MemberBecameOptional, Bump::Patch, "Session", Some("Owner"))],
    );
}

#[test]
fn client_optional_member_becoming_optional_in_requests_with_validate_requests_is_minor() {
    // `SessionFilter` is not an input, but requests carry it: with
    // @clientOptional its field is an Option<T> that validate() checks.
    let report = validated(|| {
        between(
            slice(),
            |m| traits(m, &format!("{SSM}SessionFilter"), "value")["smithy.api#clientOptional"] = json!({}),
            |m| {
                traits(m, &format!("{SSM}SessionFilter"), "value")
                    .as_object_mut()
                    .expect("traits")
                    .remove("smithy.api#required");
            },
        )
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(MemberBecameOptional, Bump::Minor, "SessionFilter", Some("value"))],
    );
}

#[test]
fn client_optional_added_to_a_required_member_is_major() {
    // `value: String` becomes `value: Option<String>`.
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}SessionFilter"), "value")["smithy.api#clientOptional"] = json!({});
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberBecameOptional, Bump::Major, "SessionFilter", Some("value"))],
    );
}

#[test]
fn member_type_changed_is_major() {
    // enum -> string: the field type changes, and the enum leaves the crate.
    let report = after(slice(), |m| {
        member(m, &format!("{SSM}Session"), "Status")["target"] = json!("smithy.api#String");
    });
    assert_changes(
        &report,
        Bump::Major,
        &[
            (MemberTypeChanged, Bump::Major, "Session", Some("Status")),
            (ShapeRemoved, Bump::Major, "SessionStatus", None),
        ],
    );
    assert!(description(&report, MemberTypeChanged).contains("from `SessionStatus` to `String`"));
}

#[test]
fn list_becoming_sparse_is_a_type_change() {
    let report = after(slice(), |m| {
        shape(m, &format!("{SSM}SessionList"))["traits"] = json!({"smithy.api#sparse": {}});
    });
    // The paginator only yields items of dense lists.
    assert_changes(
        &report,
        Bump::Major,
        &[
            (
                MemberTypeChanged,
                Bump::Major,
                "DescribeSessionsResponse",
                Some("Sessions"),
            ),
            (PaginationChanged, Bump::Major, "DescribeSessions", None),
        ],
    );
    assert!(description(&report, MemberTypeChanged).contains("`Vec<Option<Session>>`"));
}

// --- Enums and unions ------------------------------------------------------------

#[test]
fn enum_value_added_is_minor() {
    let report = after(slice(), |m| {
        *member(m, &format!("{SSM}SessionState"), "PENDING") =
            json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "Pending"}});
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(EnumValueAdded, Bump::Minor, "SessionState", Some("Pending"))],
    );
}

#[test]
fn enum_value_removed_is_major() {
    let report = after(slice(), |m| remove_member(m, &format!("{SSM}SessionState"), "HISTORY"));
    assert_changes(
        &report,
        Bump::Major,
        &[(EnumValueRemoved, Bump::Major, "SessionState", Some("History"))],
    );
}

#[test]
fn enum_variant_renamed_is_major() {
    // Same value on the wire, another member name: another Rust variant.
    let report = after(slice(), |m| {
        remove_member(m, &format!("{SSM}SessionFilterKey"), "OWNER");
        *member(m, &format!("{SSM}SessionFilterKey"), "OWNER_NAME") =
            json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "Owner"}});
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(EnumVariantRenamed, Bump::Major, "SessionFilterKey", Some("Owner"))],
    );
}

fn with_selector(m: &mut Value) {
    *shape(m, &format!("{SSM}Selector")) = json!({
        "type": "union",
        "members": {
            "ById": {"target": "smithy.api#String"},
            "ByTag": {"target": "smithy.api#String"}
        }
    });
    *member(m, &format!("{SSM}Session"), "Selector") = json!({"target": format!("{SSM}Selector")});
}

fn add_by_owner(m: &mut Value) {
    *member(m, &format!("{SSM}Selector"), "ByOwner") = json!({"target": "smithy.api#String"});
}

#[test]
fn union_member_added_is_minor() {
    assert_changes(
        &between(slice(), with_selector, add_by_owner),
        Bump::Minor,
        &[(UnionMemberAdded, Bump::Minor, "Selector", Some("ByOwner"))],
    );
}

#[test]
fn union_member_removed_is_major() {
    let report = between(
        slice(),
        |m| {
            with_selector(m);
            add_by_owner(m);
        },
        |m| remove_member(m, &format!("{SSM}Selector"), "ByOwner"),
    );
    assert_changes(
        &report,
        Bump::Major,
        &[(UnionMemberRemoved, Bump::Major, "Selector", Some("ByOwner"))],
    );
}

#[test]
fn union_member_type_changed_is_major() {
    let report = between(slice(), with_selector, |m| {
        member(m, &format!("{SSM}Selector"), "ById")["target"] = json!("smithy.api#Integer");
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(MemberTypeChanged, Bump::Major, "Selector", Some("ById"))],
    );
}

// --- Constraints -----------------------------------------------------------------

fn set_trait(m: &mut Value, id: &str, name: &str, value: Value) {
    shape(m, &format!("{SSM}{id}"))["traits"][name] = value;
}

#[test]
fn length_tightened_in_an_input_with_validate_requests_is_major() {
    // SessionFilterValue is the `value` of the filters a request sends.
    let report = validated(|| {
        after(slice(), |m| {
            set_trait(
                m,
                "SessionFilterValue",
                "smithy.api#length",
                json!({"min": 1, "max": 200}),
            );
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(ConstraintTightened, Bump::Major, "SessionFilter", Some("value"))],
    );
    assert!(description(&report, ConstraintTightened)
        .contains("@length of `SessionFilter.value` tightened: 1..=400 -> 1..=200"));
}

#[test]
fn length_tightened_in_an_input_is_a_patch_when_requests_are_not_validated() {
    // The default: request() does not run validate(), so every request that
    // went out before still goes out; only validate()'s answer changes.
    let report = after(slice(), |m| {
        set_trait(
            m,
            "SessionFilterValue",
            "smithy.api#length",
            json!({"min": 1, "max": 200}),
        );
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(ConstraintTightened, Bump::Patch, "SessionFilter", Some("value"))],
    );
    let change = report
        .changes()
        .into_iter()
        .find(|c| c.kind == ConstraintTightened)
        .expect("change");
    assert!(change.rule.contains("validate_requests is off"), "{}", change.rule);
}

#[test]
fn pattern_added_to_an_input_is_a_patch_when_requests_are_not_validated() {
    let report = after(slice(), |m| {
        set_trait(m, "SessionFilterValue", "smithy.api#pattern", json!("^[a-z]+$"));
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(ConstraintTightened, Bump::Patch, "SessionFilter", Some("value"))],
    );
}

#[test]
fn input_member_becoming_required_breaks_calls_at_the_service_whatever_validate_requests_says() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}DescribeSessionsRequest"), "NextToken")["smithy.api#required"] = json!({});
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(
            MemberBecameRequired,
            Bump::Major,
            "DescribeSessionsRequest",
            Some("NextToken"),
        )],
    );
    let change = &report.changes()[0];
    // The crate's API does not change (the field stays Option<T>, request()
    // does not validate); the service's contract does.
    assert_eq!((change.api, change.service), (Bump::Patch, Bump::Major));
    assert!(change
        .service_rule
        .unwrap()
        .contains("rejects requests without the member"));
}

#[test]
fn required_member_added_to_an_input_breaks_calls_at_the_service_whatever_validate_requests_says() {
    for validate in [false, true] {
        let edit = |m: &mut Value| {
            *member(m, &format!("{SSM}DescribeSessionsRequest"), "Region") =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
        };
        let report = if validate {
            validated(|| after(slice(), edit))
        } else {
            after(slice(), edit)
        };
        assert_changes(
            &report,
            Bump::Major,
            &[(MemberAdded, Bump::Major, "DescribeSessionsRequest", Some("Region"))],
        );
        let change = &report.changes()[0];
        let api = if validate { Bump::Major } else { Bump::Minor };
        assert_eq!(
            (change.api, change.service),
            (api, Bump::Major),
            "validate_requests {validate}"
        );
        assert!(change.service_rule.unwrap().contains("new @required member"));
    }
    // The release notes give both verdicts.
    let text = after(slice(), |m| {
        *member(m, &format!("{SSM}DescribeSessionsRequest"), "Region") =
            json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
    })
    .to_text();
    assert!(text.contains("api (minor): "), "{text}");
    assert!(
        text.contains("service (major): the service rejects every request without the new @required member"),
        "{text}"
    );
    assert!(text.contains("semver: major"), "{text}");
}

#[test]
fn removed_input_member_and_input_enum_value_break_calls_at_the_service() {
    let report = after(slice(), |m| {
        m["shapes"][format!("{SSM}DescribeSessionsRequest")]["members"]
            .as_object_mut()
            .unwrap()
            .remove("Filters");
    });
    let change = report
        .changes()
        .into_iter()
        .find(|c| c.kind == MemberRemoved)
        .expect("removed");
    assert_eq!(change.service, Bump::Major);
    assert!(change.service_rule.unwrap().contains("no longer takes the member"));
    let report = after(slice(), |m| {
        m["shapes"][format!("{SSM}SessionState")]["members"]
            .as_object_mut()
            .unwrap()
            .remove("HISTORY");
    });
    let change = report
        .changes()
        .into_iter()
        .find(|c| c.kind == EnumValueRemoved)
        .expect("removed value");
    assert_eq!((change.api, change.service), (Bump::Major, Bump::Major));
    assert!(change.service_rule.unwrap().contains("no longer accepts the value"));
}

#[test]
fn output_only_changes_do_not_break_the_service_contract() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#required"] = json!({});
    });
    for change in report.changes() {
        assert_eq!(change.service, Bump::None, "{change:?}");
        assert!(change.service_rule.is_none());
    }
}

#[test]
fn range_tightened_in_an_input_with_validate_requests_is_major() {
    let report = validated(|| {
        after(slice(), |m| {
            set_trait(
                m,
                "SessionMaxResults",
                "smithy.api#range",
                json!({"min": 5, "max": 200}),
            );
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(
            ConstraintTightened,
            Bump::Major,
            "DescribeSessionsRequest",
            Some("MaxResults"),
        )],
    );
}

#[test]
fn list_length_tightened_in_an_input_with_validate_requests_is_major() {
    let report = validated(|| {
        after(slice(), |m| {
            set_trait(m, "SessionFilterList", "smithy.api#length", json!({"min": 1, "max": 5}));
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(
            ConstraintTightened,
            Bump::Major,
            "DescribeSessionsRequest",
            Some("Filters"),
        )],
    );
}

#[test]
fn constraint_tightened_only_in_outputs_is_patch() {
    // SessionId is only in responses, which are read without validation.
    let report = after(slice(), |m| {
        set_trait(m, "SessionId", "smithy.api#length", json!({"min": 1, "max": 50}));
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(ConstraintTightened, Bump::Patch, "Session", Some("SessionId"))],
    );
}

#[test]
fn constraint_loosened_in_an_input_with_validate_requests_is_minor() {
    let report = validated(|| {
        after(slice(), |m| {
            set_trait(
                m,
                "SessionMaxResults",
                "smithy.api#range",
                json!({"min": 1, "max": 500}),
            );
        })
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(
            ConstraintLoosened,
            Bump::Minor,
            "DescribeSessionsRequest",
            Some("MaxResults"),
        )],
    );
}

#[test]
fn constraint_removed_from_an_input_with_validate_requests_is_a_loosening() {
    let report = validated(|| {
        after(slice(), |m| {
            shape(m, &format!("{SSM}SessionFilterValue"))["traits"]
                .as_object_mut()
                .expect("traits")
                .remove("smithy.api#length");
        })
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(ConstraintLoosened, Bump::Minor, "SessionFilter", Some("value"))],
    );
}

#[test]
fn constraint_loosened_only_in_outputs_is_patch() {
    let report = after(slice(), |m| {
        set_trait(m, "SessionId", "smithy.api#length", json!({"min": 1, "max": 200}));
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(ConstraintLoosened, Bump::Patch, "Session", Some("SessionId"))],
    );
}

#[test]
fn range_that_moves_with_validate_requests_is_treated_as_tightened() {
    let report = validated(|| {
        after(slice(), |m| {
            set_trait(
                m,
                "SessionMaxResults",
                "smithy.api#range",
                json!({"min": 10, "max": 500}),
            );
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(
            ConstraintTightened,
            Bump::Major,
            "DescribeSessionsRequest",
            Some("MaxResults"),
        )],
    );
    assert!(description(&report, ConstraintTightened).contains("treated as tightened"));
}

#[test]
fn pattern_added_to_an_input_with_validate_requests_is_major() {
    let report = validated(|| {
        after(slice(), |m| {
            set_trait(m, "SessionFilterValue", "smithy.api#pattern", json!("^[a-z]+$"));
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(ConstraintTightened, Bump::Major, "SessionFilter", Some("value"))],
    );
}

#[test]
fn pattern_rewritten_in_an_input_with_validate_requests_is_treated_as_tightened() {
    // `Name` is the type of DoThing's input member `type`, of the keys of
    // `Tags`, and of `Result.Ok` (which the input reaches through `Nested`).
    let report = validated(|| {
        after(edge(), |m| {
            shape(m, &format!("{EDGE}Name"))["traits"]["smithy.api#pattern"] = json!("^[a-z0-9]+$");
        })
    });
    assert_changes(
        &report,
        Bump::Major,
        &[
            (ConstraintTightened, Bump::Major, "DoThingRequest", Some("type")),
            (ConstraintTightened, Bump::Major, "DoThingRequest", Some("Tags")),
            (ConstraintTightened, Bump::Major, "Result", Some("Ok")),
        ],
    );
    let text = description(&report, ConstraintTightened);
    assert!(
        text.contains("neither clearly tighter nor looser; treated as tightened"),
        "{text}"
    );
    assert!(text.contains("`^[a-z]+$` -> `^[a-z0-9]+$`"), "{text}");
}

#[test]
fn pattern_with_wider_quantifiers_with_validate_requests_is_loosened() {
    let report = validated(|| {
        between(
            slice(),
            |m| set_trait(m, "SessionFilterValue", "smithy.api#pattern", json!("^.{1,256}$")),
            |m| set_trait(m, "SessionFilterValue", "smithy.api#pattern", json!("^.{1,512}$")),
        )
    });
    assert_changes(
        &report,
        Bump::Minor,
        &[(ConstraintLoosened, Bump::Minor, "SessionFilter", Some("value"))],
    );
}

#[test]
fn pattern_rewritten_only_in_outputs_is_patch() {
    let report = after(slice(), |m| {
        set_trait(
            m,
            "DocumentName",
            "smithy.api#pattern",
            json!("^[a-zA-Z0-9_\\-.:]{3,128}$"),
        );
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(ConstraintTightened, Bump::Patch, "Session", Some("DocumentName"))],
    );
}

// --- Defaults ----------------------------------------------------------------------

fn owner_default(m: &mut Value) {
    traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#default"] = json!("");
}

#[test]
fn default_added_outside_inputs_is_major() {
    // `owner: Option<String>` becomes `owner: String`.
    let report = after(slice(), owner_default);
    assert_changes(
        &report,
        Bump::Major,
        &[(DefaultAdded, Bump::Major, "Session", Some("Owner"))],
    );
    assert!(description(&report, DefaultAdded).contains("`owner: String`, was `Option<String>`"));
}

#[test]
fn default_removed_outside_inputs_is_major() {
    assert_changes(
        &before(slice(), owner_default),
        Bump::Major,
        &[(DefaultRemoved, Bump::Major, "Session", Some("Owner"))],
    );
}

#[test]
fn default_added_to_a_required_member_outside_inputs_is_major() {
    // The field stays `String`, but build() no longer fails without it.
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}SessionFilter"), "value")["smithy.api#default"] = json!("");
    });
    assert_changes(
        &report,
        Bump::Major,
        &[(DefaultAdded, Bump::Major, "SessionFilter", Some("value"))],
    );
}

#[test]
fn default_on_an_input_is_patch() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}DescribeSessionsRequest"), "MaxResults")["smithy.api#default"] = json!(20);
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(DefaultAdded, Bump::Patch, "DescribeSessionsRequest", Some("MaxResults"))],
    );
    let report = before(slice(), |m| {
        traits(m, &format!("{SSM}DescribeSessionsRequest"), "MaxResults")["smithy.api#default"] = json!(20);
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(
            DefaultRemoved,
            Bump::Patch,
            "DescribeSessionsRequest",
            Some("MaxResults"),
        )],
    );
}

#[test]
fn default_on_a_client_optional_member_is_patch() {
    // @clientOptional keeps the field an Option<T> whatever the default.
    let report = between(
        slice(),
        |m| traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#clientOptional"] = json!({}),
        owner_default,
    );
    assert_changes(
        &report,
        Bump::Patch,
        &[(DefaultAdded, Bump::Patch, "Session", Some("Owner"))],
    );
}

#[test]
fn default_value_changed_is_patch() {
    let report = between(slice(), owner_default, |m| {
        traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#default"] = json!("nobody");
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(DefaultChanged, Bump::Patch, "Session", Some("Owner"))],
    );
}

// --- Changes that leave the API alone ------------------------------------------------

#[test]
fn documentation_only_changes_are_patch() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#documentation"] = json!("<p>Who started it.</p>");
        shape(m, &format!("{SSM}Session"))["traits"]["smithy.api#documentation"] = json!("<p>A session.</p>");
        shape(m, &format!("{SSM}DescribeSessions"))["traits"]["smithy.api#documentation"] =
            json!("<p>Lists sessions.</p>");
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[
            (DocumentationChanged, Bump::Patch, "Session", Some("Owner")),
            (DocumentationChanged, Bump::Patch, "Session", None),
            (DocumentationChanged, Bump::Patch, "DescribeSessions", None),
        ],
    );
}

#[test]
fn sensitivity_is_patch() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#sensitive"] = json!({});
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(SensitivityChanged, Bump::Patch, "Session", Some("Owner"))],
    );
}

#[test]
fn timestamp_format_is_a_wire_change() {
    let report = after(slice(), |m| {
        traits(m, &format!("{SSM}Session"), "StartDate")["smithy.api#timestampFormat"] = json!("date-time");
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(WireChanged, Bump::Patch, "Session", Some("StartDate"))],
    );
}

#[test]
fn request_compression_is_a_wire_change() {
    let report = after(slice(), |m| {
        shape(m, &format!("{SSM}DescribeSessions"))["traits"]["smithy.api#requestCompression"] =
            json!({"encodings": ["gzip"]});
    });
    assert_changes(
        &report,
        Bump::Patch,
        &[(WireChanged, Bump::Patch, "DescribeSessions", None)],
    );
}

#[test]
fn identical_models_give_nothing() {
    let report = after(slice(), |_| {});
    assert_changes(&report, Bump::None, &[]);
    assert!(report.operations.is_empty());
    assert!(report.to_text().contains("no changes"));
}

// --- Reach -----------------------------------------------------------------------------

#[test]
fn shapes_no_operation_reaches_give_nothing() {
    let report = after(slice(), |m| {
        *shape(m, &format!("{SSM}Unrelated")) = json!({
            "type": "structure",
            "members": {"Name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}
        });
    });
    assert_changes(&report, Bump::None, &[]);
}

fn drop_kind_value(m: &mut Value) {
    remove_member(m, &format!("{EDGE}Kind"), "FIRST");
}

#[test]
fn operation_selection_limits_the_diff() {
    // `Kind` is reached by DoThing only: a breaking change to it...
    let mut new = edge();
    drop_kind_value(&mut new);
    let all = report_for(&edge(), &new, &[]);
    assert_eq!(all.semver, Bump::Major);
    assert_eq!(all.operations.len(), 1);
    assert_eq!(all.operations[0].name, "DoThing");
    // ...is nothing to a crate of `Ping` alone.
    assert_changes(&report_for(&edge(), &new, &["Ping"]), Bump::None, &[]);
    assert_changes(
        &report_for(&edge(), &new, &["DoThing"]),
        Bump::Major,
        &[(EnumValueRemoved, Bump::Major, "Kind", Some("1st"))],
    );
}

#[test]
fn a_shared_shape_is_listed_under_every_operation_that_reaches_it() {
    // A second operation that reads sessions too.
    let second = |m: &mut Value| {
        *shape(m, &format!("{SSM}GetSession")) = json!({
            "type": "operation",
            "input": {"target": "smithy.api#Unit"},
            "output": {"target": format!("{SSM}GetSessionResponse")}
        });
        *shape(m, &format!("{SSM}GetSessionResponse")) = json!({
            "type": "structure",
            "members": {"Session": {"target": format!("{SSM}Session")}}
        });
        shape(m, &format!("{SSM}AmazonSSM"))["operations"]
            .as_array_mut()
            .expect("operations")
            .push(json!({"target": format!("{SSM}GetSession")}));
    };
    let report = between(slice(), second, |m| remove_member(m, &format!("{SSM}Session"), "Owner"));
    let names: Vec<&str> = report.operations.iter().map(|op| op.name.as_str()).collect();
    assert_eq!(names, ["DescribeSessions", "GetSession"]);
    for op in &report.operations {
        assert_eq!(op.changes.len(), 1);
        assert_eq!(op.changes[0].kind, MemberRemoved);
        assert_eq!(op.changes[0].operations, ["DescribeSessions", "GetSession"]);
    }
    assert_eq!(report.changes().len(), 1);
}

#[test]
fn breaking_changes_come_first_and_the_order_is_stable() {
    let edit = |m: &mut Value| {
        traits(m, &format!("{SSM}Session"), "Owner")["smithy.api#documentation"] = json!("<p>Who.</p>");
        remove_member(m, &format!("{SSM}Session"), "Reason");
        *member(m, &format!("{SSM}Session"), "Region") = json!({"target": "smithy.api#String"});
    };
    let first = after(slice(), edit);
    let bumps: Vec<Bump> = first.operations[0].changes.iter().map(|c| c.bump).collect();
    assert_eq!(bumps, [Bump::Major, Bump::Minor, Bump::Patch]);
    // Only the temporary paths differ between two runs.
    let second = after(slice(), edit);
    assert_eq!(first.operations, second.operations);
    assert_eq!(first.to_json()["operations"], second.to_json()["operations"]);
}
