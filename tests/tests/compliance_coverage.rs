//! The compliance suite is complete: every case of Smithy's awsJson1_1 suite
//! that applies to clients (`appliesTo` absent or `client`) is a generated
//! `#[test]` in `generated/json-protocol` or `generated/machine-learning`,
//! none is skipped without a reason, and no server-only case is generated.
//! The tests themselves run as those crates' unit tests.

use std::path::Path;

fn workspace_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// `AwsJson11Enums` -> `aws_json11_enums`, as shapesmith names the tests.
fn test_name(id: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = id.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

#[test]
fn every_client_case_is_a_generated_test() {
    let cases: serde_json::Value =
        serde_json::from_str(&workspace_file("tests/fixtures/protocol-tests/awsJson1_1/cases.json"))
            .expect("cases.json");
    let generated = workspace_file("generated/json-protocol/src/protocol_tests.rs")
        + &workspace_file("generated/machine-learning/src/protocol_tests.rs");

    let mut client = 0;
    let mut missing = Vec::new();
    for case in cases.as_array().expect("a list") {
        let id = case["id"].as_str().expect("id");
        let applies_to = case["appliesTo"].as_str();
        let marker = format!("/// Compliance case `{id}`.");
        if applies_to == Some("server") {
            assert!(!generated.contains(&marker), "server-only case {id} was generated");
            continue;
        }
        client += 1;
        let function = format!("fn {}()", test_name(id));
        if !generated.contains(&marker) || !generated.contains(&function) {
            missing.push(id.to_owned());
        }
    }
    assert_eq!(client, 119, "client cases in cases.json");
    assert!(missing.is_empty(), "cases without a generated test: {missing:?}");
    assert_eq!(generated.matches("#[test]").count(), 119);
    assert!(!generated.contains("#[ignore"), "a compliance case is skipped");
}
