//! What failed on real AWS models, on the hand-made `real-model-failures`
//! service (`tests/fixtures/real-model-failures/model.json`): DynamoDB's
//! map page tokens, `@pattern` and `@length` on enum members and list
//! members (Bedrock, DataSync, EBS, Network Firewall, Resource Groups), and
//! shape names that generated readers use for themselves (Payment
//! Cryptography's `Key`). That the crate compiles is the first test.

use std::collections::BTreeMap;

use real_model_failures::error::PaginationError;
use real_model_failures::operation::names::{Names, NamesOutput};
use real_model_failures::operation::query::{Query, QueryInput, QueryOutput};
use real_model_failures::prelude::Operation as _;
use real_model_failures::types::{AttributeValue, Tier};
use serde_json::{json, Value};

/// A DynamoDB-style page: items, and the key to start the next page from.
fn page(ids: &[&str], last: Option<&str>) -> String {
    let items: Vec<Value> = ids.iter().map(|id| json!({"pk": {"S": id}, "n": {"N": "1"}})).collect();
    let mut body = json!({"Items": items, "Count": ids.len()});
    if let Some(last) = last {
        body["LastEvaluatedKey"] = json!({"pk": {"S": last}, "sk": {"N": "7"}});
    }
    body.to_string()
}

fn reply(body: String) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-amzn-RequestId", "R1")
        .body(body.into_bytes())
        .unwrap()
}

/// Serves pages by the `ExclusiveStartKey` of the request body.
fn serve(input: &QueryInput, sent: &mut Vec<Value>) -> Result<QueryOutput, String> {
    let request = Query::request(input).map_err(|e| e.to_string())?;
    assert_eq!(request.headers()["X-Amz-Target"], "Shadows.Query");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    let start = body.get("ExclusiveStartKey").cloned();
    sent.push(body);
    let body = match start {
        None => page(&["a", "b"], Some("b")),
        Some(key) if key == json!({"pk": {"S": "b"}, "sk": {"N": "7"}}) => page(&["c"], Some("c")),
        Some(key) if key == json!({"pk": {"S": "c"}, "sk": {"N": "7"}}) => page(&["d"], None),
        Some(other) => panic!("no page starts at {other}"),
    };
    Query::parse_response(&reply(body)).map_err(|e| e.to_string())
}

/// What `validate()` says is wrong with the input, one line per violation.
fn violations(input: &QueryInput) -> Vec<String> {
    input
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn pk(item: &BTreeMap<String, AttributeValue>) -> String {
    item["pk"].as_s().unwrap().clone()
}

#[test]
fn query_pages_by_the_last_evaluated_key_map() {
    let input = QueryInput::builder().table_name("Music").build().unwrap();
    let mut sent = Vec::new();
    let ids: Vec<String> = Query::paginate(input, |input| serve(input, &mut sent))
        .items()
        .map(|item| pk(&item.unwrap()))
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    // The key each page ended at starts the next, as the map it was.
    let starts: Vec<Option<&Value>> = sent.iter().map(|body| body.get("ExclusiveStartKey")).collect();
    assert_eq!(starts[0], None);
    assert_eq!(starts[1], Some(&json!({"pk": {"S": "b"}, "sk": {"N": "7"}})));
    assert_eq!(starts[2], Some(&json!({"pk": {"S": "c"}, "sk": {"N": "7"}})));
    assert_eq!(sent.len(), 3);
}

#[test]
fn an_empty_last_evaluated_key_ends_the_pages() {
    let input = QueryInput::builder().table_name("Music").build().unwrap();
    let pages: Vec<QueryOutput> = Query::paginate(input, |_| {
        Query::parse_response(&reply(r#"{"Items":[],"Count":0,"LastEvaluatedKey":{}}"#.to_owned()))
    })
    .map(Result::unwrap)
    .collect();
    assert_eq!(pages.len(), 1);
}

#[test]
fn a_repeated_key_stops_naming_its_attributes_not_their_values() {
    let input = QueryInput::builder().table_name("Music").build().unwrap();
    let mut pages = Query::paginate(input, |_| {
        Query::parse_response(&reply(page(&["secret-id"], Some("secret-id"))))
    });
    assert!(pages.next().unwrap().is_ok());
    assert!(pages.next().unwrap().is_ok());
    match pages.next() {
        Some(Err(PaginationError::RepeatedToken(token))) => {
            assert_eq!(token, "{pk, sk}");
        }
        other => panic!("expected a repeated-token error, got {other:?}"),
    }
}

#[test]
fn a_caller_resumes_from_a_key_of_their_own() {
    let start = BTreeMap::from([
        ("pk".to_owned(), AttributeValue::S("c".to_owned())),
        ("sk".to_owned(), AttributeValue::N("7".to_owned())),
    ]);
    let input = QueryInput::builder()
        .table_name("Music")
        .set_exclusive_start_key(Some(start))
        .build()
        .unwrap();
    let mut sent = Vec::new();
    let ids: Vec<String> = Query::paginate(input, |input| serve(input, &mut sent))
        .items()
        .map(|item| pk(&item.unwrap()))
        .collect();
    assert_eq!(ids, ["d"]);
}

#[test]
fn pattern_on_an_enum_member_checks_its_wire_value() {
    let ok = QueryInput::builder()
        .table_name("Music")
        .tier(Tier::Premium)
        .build()
        .unwrap();
    assert!(ok.validate().is_ok());
    let lower = QueryInput::builder()
        .table_name("Music")
        .tier(Tier::from("premium"))
        .build()
        .unwrap();
    let violations = violations(&lower);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].starts_with("Tier: "), "{violations:?}");
    assert!(violations[0].contains("^[A-Z][a-z]+$"), "{violations:?}");
}

#[test]
fn pattern_and_length_on_a_list_member_check_each_enum_value() {
    let input = QueryInput::builder()
        .table_name("Music")
        .tiers(Tier::Standard)
        .tiers(Tier::from("ultra"))
        .tiers(Tier::from("Enterprise"))
        .build()
        .unwrap();
    let violations = violations(&input);
    assert_eq!(violations.len(), 2, "{violations:?}");
    assert!(violations[0].starts_with("Tiers[1]: "), "{violations:?}");
    assert!(violations[1].starts_with("Tiers[2]: length 10"), "{violations:?}");
    // With validate_requests on, the request is refused before it is built.
    assert!(Query::request(&input).is_err());
}

#[test]
fn names_the_readers_use_read_and_write_as_members() {
    let body = json!({
        "Key": {"Key": {"Key": "k", "Value": 1, "Field": "f", "map": "m", "slots": "s", "key": 2}, "Visitor": {"Key": "v"}},
        "Value": "Value",
        "Field": {"Key": "k", "Value": 3},
        "Visitor": {"Field": {"Field": "inner"}},
        "Ok": {"Value": 4},
        "Err": {"Key": "e"},
        "Option": "Unknown",
        "Result": {"Value": 5},
        "Vec": [{"Key": "b1"}, {"Value": 6}],
        "String": "plain",
        "Box": {"Field": "boxed"},
        "Some": {"key": 9},
        "None": "Key",
        "Default": {"slots": "d"},
        "Deserialize": {"map": "x"},
        "Serialize": {"Unknown": "u"},
        "Formatter": {"Key": "fmt"},
        "MapAccess": {"Value": 7},
        "PhantomData": {"Field": "p"}
    });
    let output: NamesOutput = serde_json::from_value(body.clone()).unwrap();
    let parsed = Names::parse_response(&reply(body.to_string())).unwrap();
    assert_eq!(parsed.key().unwrap().key().unwrap().map(), Some("m"));
    assert_eq!(parsed.string(), Some("plain"));
    assert_eq!(parsed.vec().len(), 2);
    // Written back, it is the same JSON.
    let written: Value = serde_json::from_slice(&real_model_failures::json::to_vec(&output).unwrap()).unwrap();
    assert_eq!(written, body);
}
