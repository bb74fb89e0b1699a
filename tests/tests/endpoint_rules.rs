//! The endpoint rules engine against AWS's own expectations: every
//! `smithy.rules#endpointTests` case of every model in `model/` (SSM and
//! the working set in `model/aws/`), resolved by the runtime's interpreter
//! over the model's `smithy.rules#endpointRuleSet`. None is skipped.

use shapesmith_runtime::call::Operation as _;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use shapesmith_runtime::rules_engine::{Params, ResolveError, RuleSet, Value};

fn models() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = vec![root.join("model/ssm/ssm-2014-11-06.json")];
    let mut aws: Vec<PathBuf> = std::fs::read_dir(root.join("model/aws"))
        .expect("model/aws")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    aws.sort();
    paths.extend(aws);
    paths
}

/// The service shape's rule set (as JSON text) and test cases.
fn rules_and_tests(path: &Path) -> (String, Vec<Json>) {
    let model: Json = serde_json::from_str(&std::fs::read_to_string(path).expect("model")).expect("json");
    let service = model["shapes"]
        .as_object()
        .expect("shapes")
        .values()
        .find(|s| s["type"] == "service")
        .expect("a service shape");
    let rules = service["traits"]["smithy.rules#endpointRuleSet"].to_string();
    let tests = service["traits"]["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (rules, tests)
}

fn value(json: &Json) -> Value {
    match json {
        Json::String(s) => Value::from(s.as_str()),
        Json::Bool(b) => Value::from(*b),
        Json::Array(items) => Value::from(
            items
                .iter()
                .map(|i| i.as_str().expect("string array").to_owned())
                .collect::<Vec<_>>(),
        ),
        other => panic!("unexpected parameter value {other}"),
    }
}

/// Runs one case; `Err` says how it failed.
fn run(rules: &RuleSet, case: &Json) -> Result<(), String> {
    let mut params = Params::new();
    if let Some(map) = case["params"].as_object() {
        for (name, v) in map {
            params.insert(name.clone(), value(v));
        }
    }
    let got = rules.resolve(&params);
    let expect = &case["expect"];
    match (got, expect.get("endpoint"), expect.get("error")) {
        (Ok(endpoint), Some(want), None) => {
            if endpoint.url() != want["url"] {
                return Err(format!("url {} != {}", endpoint.url(), want["url"]));
            }
            let headers: serde_json::Map<String, Json> = endpoint
                .headers()
                .iter()
                .map(|(k, v)| (k.clone(), Json::from(v.clone())))
                .collect();
            let want_headers = want.get("headers").cloned().unwrap_or(Json::Object(Default::default()));
            if Json::Object(headers.clone()) != want_headers {
                return Err(format!("headers {headers:?} != {want_headers}"));
            }
            let properties: serde_json::Map<String, Json> = endpoint
                .properties()
                .iter()
                .map(|(k, v)| (k.clone(), v.to_json()))
                .collect();
            let want_properties = want
                .get("properties")
                .cloned()
                .unwrap_or(Json::Object(Default::default()));
            if Json::Object(properties.clone()) != want_properties {
                return Err(format!("properties {properties:?} != {want_properties}"));
            }
            Ok(())
        }
        (Err(ResolveError::Rule(message)), None, Some(want)) if want == message.as_str() => Ok(()),
        (got, _, _) => Err(format!("got {got:?}, expected {expect}")),
    }
}

#[test]
fn every_endpoint_test_of_every_model_passes() {
    let mut total = 0;
    let mut failures = Vec::new();
    for path in models() {
        let (text, tests) = rules_and_tests(&path);
        let rules = RuleSet::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (i, case) in tests.iter().enumerate() {
            total += 1;
            if let Err(why) = run(&rules, case) {
                failures.push(format!(
                    "{} case {i} ({}): {why}",
                    path.file_name().unwrap().to_string_lossy(),
                    case["documentation"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // SSM's 49, the working set's 917, DynamoDB's 370 and SSO's and SSO
    // OIDC's 40 each: a model that lost its tests would pass vacuously.
    assert_eq!(total, 49 + 917 + 370 + 40 + 40);
}

#[test]
fn ssm_from_a_region_and_the_rule_set_s_own_errors() {
    let (text, _) = rules_and_tests(&models()[0]);
    let rules = RuleSet::from_json(&text).unwrap();
    let resolve = |params: Params| rules.resolve(&params);
    assert_eq!(
        resolve(Params::new().set("Region", "eu-west-3")).unwrap().url(),
        "https://ssm.eu-west-3.amazonaws.com"
    );
    assert_eq!(
        resolve(Params::new().set("Region", "cn-northwest-1").set("UseDualStack", true))
            .unwrap()
            .url(),
        "https://ssm.cn-northwest-1.api.amazonwebservices.com.cn"
    );
    // A region this data does not list, in a known pattern: GovCloud.
    assert_eq!(
        resolve(Params::new().set("Region", "us-gov-north-7").set("UseFIPS", true))
            .unwrap()
            .url(),
        "https://ssm.us-gov-north-7.amazonaws.com"
    );
    assert_eq!(
        resolve(Params::new()).unwrap_err(),
        ResolveError::Rule("Invalid Configuration: Missing Region".into())
    );
    assert_eq!(
        resolve(Params::new().set("Region", "us-east-1").set("UseFIPS", "yes"))
            .unwrap_err()
            .to_string(),
        "endpoint parameter `UseFIPS` takes a Boolean value"
    );
    assert_eq!(
        resolve(Params::new().set("Regoin", "us-east-1")).unwrap_err(),
        ResolveError::UnknownParameter("Regoin".into())
    );
}

#[test]
fn an_operation_request_from_endpoint_parameters() {
    use ssm::endpoint::Params;
    use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsInput};
    use ssm::types::SessionState;
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .build()
        .unwrap();
    let request = DescribeSessions::request_for(&input, &Params::new().region("cn-north-1")).unwrap();
    assert_eq!(request.uri().to_string(), "https://ssm.cn-north-1.amazonaws.com.cn/");
    assert_eq!(request.headers()["x-amz-target"], "AmazonSSM.DescribeSessions");
    let custom = DescribeSessions::request_for(
        &input,
        &Params::new().region("us-east-1").endpoint("http://127.0.0.1:5000/base"),
    )
    .unwrap();
    assert_eq!(custom.uri().to_string(), "http://127.0.0.1:5000/base/");
    let refused = DescribeSessions::request_for(
        &input,
        &Params::new()
            .region("us-east-1")
            .use_fips(true)
            .endpoint("http://127.0.0.1:5000"),
    );
    assert_eq!(
        refused.unwrap_err().to_string(),
        "no endpoint for these parameters: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    let not_a_url = DescribeSessions::request_for(&input, &Params::new().endpoint("localhost"));
    assert_eq!(
        not_a_url.unwrap_err().to_string(),
        "the endpoint `localhost` is not an absolute URL"
    );
}
