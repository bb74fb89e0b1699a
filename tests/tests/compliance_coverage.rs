//! The compliance suites are complete: every case of Smithy's awsJson1_1,
//! awsJson1_0 and restJson1 suites that applies to clients (`appliesTo`
//! absent or `client`, not a `malformedRequest` case) is a generated
//! `#[test]` (in `generated/json-protocol` and `generated/machine-learning`,
//! `generated/json-rpc10` and `generated/query-compatible-json-rpc10`, or
//! `generated/rest-json-*`), none is skipped, and no server-only case is
//! generated.
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

/// Every client case of `suite`'s `cases.json` is a test in one of
/// `crates`, none is skipped, no server-only case is generated, and there
/// are `expected` of them.
fn check_suite(suite: &str, crates: &[&str], expected: usize) {
    let cases: serde_json::Value = serde_json::from_str(&workspace_file(&format!(
        "tests/fixtures/protocol-tests/{suite}/cases.json"
    )))
    .expect("cases.json");
    let generated: String = crates
        .iter()
        .map(|name| workspace_file(&format!("generated/{name}/src/protocol_tests.rs")))
        .collect();

    let mut client = 0;
    let mut missing = Vec::new();
    for case in cases.as_array().expect("a list") {
        let id = case["id"].as_str().expect("id");
        let applies_to = case["appliesTo"].as_str();
        let kind = case["kind"].as_str().expect("kind");
        let marker = format!("/// Compliance case `{id}` ({kind}).");
        // Malformed-request cases test how a server refuses bad requests.
        if applies_to == Some("server") || case["kind"] == "malformedRequest" {
            assert!(!generated.contains(&marker), "server-only case {id} was generated");
            continue;
        }
        client += 1;
        // restJson1 gives a request and a response case one id: then the
        // test's name says which it is.
        let function = format!("fn {}()", test_name(id));
        let with_kind = format!("fn {}_{kind}()", test_name(id));
        if !generated.contains(&marker) || !(generated.contains(&function) || generated.contains(&with_kind)) {
            missing.push(id.to_owned());
        }
    }
    assert_eq!(client, expected, "client cases in {suite}/cases.json");
    assert!(
        missing.is_empty(),
        "{suite} cases without a generated test: {missing:?}"
    );
    assert_eq!(generated.matches("#[test]").count(), expected);
    assert!(!generated.contains("#[ignore"), "a {suite} compliance case is skipped");
}

#[test]
fn every_aws_json_1_1_client_case_is_a_generated_test() {
    check_suite("awsJson1_1", &["json-protocol", "machine-learning"], 119);
}

#[test]
fn every_aws_json_1_0_client_case_is_a_generated_test() {
    check_suite("awsJson1_0", &["json-rpc10", "query-compatible-json-rpc10"], 70);
}

#[test]
fn every_rest_json_1_client_case_is_a_generated_test() {
    check_suite(
        "restJson1",
        &["rest-json-protocol", "rest-json-apigateway", "rest-json-glacier"],
        249,
    );
}
