//! DynamoDB's `Query` from the real model (`generated/dynamodb`) paged by
//! `LastEvaluatedKey`, a map of attribute values, over hand-made pages: the
//! key a page ends at is the `ExclusiveStartKey` of the next request.

use std::collections::BTreeMap;

use dynamodb::operation::query::{Query, QueryInput, QueryOutput};
use dynamodb::prelude::Operation as _;
use dynamodb::types::AttributeValue;
use serde_json::{json, Value};

type Item = BTreeMap<String, AttributeValue>;

/// Music items of one artist, `per_page` to a page, as DynamoDB would
/// answer `Query(Artist = "Acme Band")` with `Limit`.
fn pages() -> Vec<Value> {
    let songs = [
        "Happy Day",
        "Hello World",
        "PartiQL Rocks",
        "Sunny Days",
        "Zebra Crossing",
    ];
    songs
        .chunks(2)
        .enumerate()
        .map(|(i, chunk)| {
            let items: Vec<Value> = chunk
                .iter()
                .map(|song| json!({"Artist": {"S": "Acme Band"}, "SongTitle": {"S": song}, "Plays": {"N": "1200"}}))
                .collect();
            let mut page = json!({"Items": items, "Count": chunk.len(), "ScannedCount": chunk.len()});
            if (i + 1) * 2 < songs.len() {
                let last = chunk.last().unwrap();
                page["LastEvaluatedKey"] = json!({"Artist": {"S": "Acme Band"}, "SongTitle": {"S": last}});
            }
            page
        })
        .collect()
}

fn send(input: &QueryInput, sent: &mut Vec<Value>) -> Result<QueryOutput, String> {
    let request = Query::request(input).map_err(|e| e.to_string())?;
    assert_eq!(request.headers()["X-Amz-Target"], "DynamoDB_20120810.Query");
    assert_eq!(request.headers()["Content-Type"], "application/x-amz-json-1.0");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    let pages = pages();
    // The page after the one whose last key the request starts from.
    let index = match body.get("ExclusiveStartKey") {
        None => 0,
        Some(start) => {
            1 + pages
                .iter()
                .position(|p| p.get("LastEvaluatedKey") == Some(start))
                .unwrap_or_else(|| panic!("no page ends at {start}"))
        }
    };
    sent.push(body);
    let reply = http::Response::builder()
        .status(200)
        .header("x-amzn-RequestId", format!("REQ{index}"))
        .body(pages[index].to_string().into_bytes())
        .unwrap();
    Query::parse_response(&reply).map_err(|e| e.to_string())
}

fn title(item: &Item) -> &str {
    item["SongTitle"].as_s().unwrap()
}

#[test]
fn query_pages_through_last_evaluated_key() {
    let input = QueryInput::builder()
        .table_name("Music")
        .key_condition_expression("Artist = :artist")
        .expression_attribute_values(":artist", AttributeValue::S("Acme Band".to_owned()))
        .limit(2)
        .build()
        .unwrap();
    let mut sent = Vec::new();
    let items: Vec<Item> = Query::paginate(input, |input| send(input, &mut sent))
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    let titles: Vec<&str> = items.iter().map(title).collect();
    assert_eq!(
        titles,
        [
            "Happy Day",
            "Hello World",
            "PartiQL Rocks",
            "Sunny Days",
            "Zebra Crossing"
        ]
    );
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].get("ExclusiveStartKey"), None);
    assert_eq!(
        sent[1]["ExclusiveStartKey"],
        json!({"Artist": {"S": "Acme Band"}, "SongTitle": {"S": "Hello World"}})
    );
    assert_eq!(
        sent[2]["ExclusiveStartKey"],
        json!({"Artist": {"S": "Acme Band"}, "SongTitle": {"S": "Sunny Days"}})
    );
    // Every request keeps the caller's other members.
    for body in &sent {
        assert_eq!(body["TableName"], "Music");
        assert_eq!(body["Limit"], 2);
        assert_eq!(body["KeyConditionExpression"], "Artist = :artist");
    }
}

#[test]
fn page_size_sets_limit_on_every_request() {
    let input = QueryInput::builder().table_name("Music").build().unwrap();
    let mut sent = Vec::new();
    let pages: Vec<QueryOutput> = Query::paginate(input, |input| send(input, &mut sent))
        .page_size(2)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[2].last_evaluated_key(), None);
    assert!(sent.iter().all(|body| body["Limit"] == 2));
}

#[test]
fn put_item_on_a_table_arn_goes_to_the_account_endpoint() {
    use dynamodb::endpoint::Params;
    use dynamodb::operation::put_item::{PutItem, PutItemInput};
    let on_arn = PutItemInput::builder()
        .table_name("arn:aws:dynamodb:us-east-1:123456789012:table/Music")
        .item("Artist", AttributeValue::S("Acme Band".to_owned()))
        .build()
        .unwrap();
    let host = |input: &PutItemInput, params: &Params| {
        let request = PutItem::request_for(input, params).unwrap_or_else(|e| panic!("{e}"));
        request.uri().host().unwrap().to_owned()
    };
    // The table ARN is bound to the rules' ResourceArn (@contextParam), and
    // the account-id endpoint mode is `preferred` when unset, as in the SDKs.
    let region = Params::new().region("us-east-1");
    assert_eq!(host(&on_arn, &region), "123456789012.ddb.us-east-1.amazonaws.com");
    let disabled = Params::new().region("us-east-1").account_id_endpoint_mode("disabled");
    assert_eq!(host(&on_arn, &disabled), "dynamodb.us-east-1.amazonaws.com");
    // A plain table name has no account in it.
    let by_name = PutItemInput::builder().table_name("Music").build().unwrap();
    assert_eq!(host(&by_name, &region), "dynamodb.us-east-1.amazonaws.com");
    assert_eq!(
        PutItem::endpoint_context(&by_name).get("ResourceArn"),
        Some(&dynamodb::call::ContextValue::String("Music".to_owned()))
    );
}
