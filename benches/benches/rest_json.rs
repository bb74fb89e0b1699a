//! restJson1 (issue 10) on AWS Lambda's real model: building an `Invoke`
//! request (a label, a query parameter, headers, a blob payload), reading its
//! response (the status, headers, the payload), and reading a 50-function
//! `ListFunctions` page (a JSON body) next to parsing the same bytes into a
//! `serde_json::Value`, as a yardstick.
//!
//! Run from `benches/`: `cargo bench --bench rest_json -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use lambda::operation::invoke::{Invoke, InvokeInput};
use lambda::operation::list_functions::ListFunctions;
use lambda::prelude::Operation as _;
use lambda::primitives::Blob;
use lambda::types::{InvocationType, LogType};

/// A page as Lambda writes it: 50 functions with their usual fields.
fn list_functions_page() -> Vec<u8> {
    let functions: Vec<String> = (0..50)
        .map(|i| {
            format!(
                r#"{{"FunctionName":"orders-{i}","FunctionArn":"arn:aws:lambda:eu-west-1:123456789012:function:orders-{i}","Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/lambda-orders","Handler":"app.handler","CodeSize":{size},"Description":"Order pipeline step {i}","Timeout":30,"MemorySize":512,"LastModified":"2026-11-{day:02}T10:15:30.000+0000","CodeSha256":"q3Zc8n0mJ3xYf4cJQ2t9c8m7lK1pX0oZ2qV5bW7yR1s=","Version":"$LATEST","TracingConfig":{{"Mode":"PassThrough"}},"RevisionId":"6f1c2a9e-3b7d-4e2a-9c1f-{i:012}","PackageType":"Zip","Architectures":["arm64"],"EphemeralStorage":{{"Size":512}},"SnapStart":{{"ApplyOn":"None","OptimizationStatus":"Off"}},"LoggingConfig":{{"LogFormat":"Text","LogGroup":"/aws/lambda/orders-{i}"}}}}"#,
                size = 10_000 + i * 37,
                day = i % 28 + 1
            )
        })
        .collect();
    format!(
        r#"{{"Functions":[{}],"NextMarker":"eyJNYXJrZXIiOiAib3JkZXJzLTQ5In0="}}"#,
        functions.join(",")
    )
    .into_bytes()
}

fn benches(c: &mut Criterion) {
    let endpoint: http::Uri = "https://lambda.eu-west-1.amazonaws.com".parse().expect("uri");
    let input = InvokeInput::builder()
        .function_name("arn:aws:lambda:eu-west-1:123456789012:function:orders-7")
        .qualifier("prod")
        .invocation_type(InvocationType::RequestResponse)
        .log_type(LogType::Tail)
        .payload(Blob::new(br#"{"order":42,"items":[1,2,3]}"#.to_vec()))
        .build()
        .expect("input");
    c.bench_function("rest_json/invoke request", |b| {
        b.iter(|| Invoke::request_to(black_box(&input), &endpoint).expect("builds"))
    });

    let reply = http::Response::builder()
        .status(200)
        .header("x-amzn-RequestId", "9b2e4f0c-31a7-4d6e-8c5b-2f1a7e9d3c40")
        .header("X-Amz-Executed-Version", "7")
        .header("X-Amz-Log-Result", "U1RBUlQgUmVxdWVzdElkOiA5YjJl")
        .header("Content-Type", "application/json")
        .body(br#"{"statusCode":200,"body":"{\"ok\":true}"}"#.to_vec())
        .expect("response");
    c.bench_function("rest_json/invoke response", |b| {
        b.iter(|| Invoke::parse_response(black_box(&reply)).expect("parses"))
    });

    let page = list_functions_page();
    let page_reply = http::Response::builder()
        .status(200)
        .header("x-amzn-RequestId", "9b2e4f0c-31a7-4d6e-8c5b-2f1a7e9d3c40")
        .body(page.clone())
        .expect("response");
    let parsed = ListFunctions::parse_response(&page_reply).expect("parses");
    assert_eq!(parsed.functions().len(), 50);
    let mut group = c.benchmark_group(format!("rest_json/list_functions page ({} bytes)", page.len()));
    group.bench_function("shapesmith parse_response", |b| {
        b.iter(|| ListFunctions::parse_response(black_box(&page_reply)).expect("parses"))
    });
    group.bench_function("serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&page)).expect("parses"))
    });
    group.finish();
}

criterion_group!(rest_json, benches);
criterion_main!(rest_json);
