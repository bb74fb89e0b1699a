//! The JSON protocols' error envelope, read as botocore reads it: where the
//! code comes from when the header is empty or the body capitalises `Code`.

use shapesmith_runtime::aws_json::{error_metadata, rest_error_metadata};

fn response(headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(400);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn an_empty_query_error_code_is_ignored() {
    let reply = response(
        &[("x-amzn-query-error", ";Sender")],
        r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#,
    );
    let meta = error_metadata(true, &reply).unwrap();
    assert_eq!(meta.code(), Some("QueueDoesNotExist"));
    assert_eq!(meta.message(), Some("gone"));
}

#[test]
fn a_query_error_code_wins_over_the_body() {
    let reply = response(
        &[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
        r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#,
    );
    let meta = error_metadata(true, &reply).unwrap();
    assert_eq!(meta.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(meta.shape_name(), Some("QueueDoesNotExist"));
}

#[test]
fn a_capitalised_code_in_a_rest_json_body_is_read() {
    let reply = response(&[], r#"{"Code":"ValidationException","Message":"1 validation error"}"#);
    let meta = rest_error_metadata(&reply).unwrap();
    assert_eq!(meta.code(), Some("ValidationException"));
    assert_eq!(meta.message(), Some("1 validation error"));
    // awsJson names errors by `code` and `__type` only, as botocore does.
    assert_eq!(error_metadata(false, &reply).unwrap().code(), None);
}

#[test]
fn lowercase_code_comes_before_capitalised_code_and_type() {
    let reply = response(&[], r#"{"__type":"C","Code":"B","code":"A"}"#);
    assert_eq!(rest_error_metadata(&reply).unwrap().code(), Some("A"));
    let reply = response(&[], r#"{"__type":"C","Code":"B"}"#);
    assert_eq!(rest_error_metadata(&reply).unwrap().code(), Some("B"));
    // The header names the error before any body field.
    let reply = response(&[("X-Amzn-Errortype", "D:http://internal")], r#"{"code":"A"}"#);
    assert_eq!(rest_error_metadata(&reply).unwrap().code(), Some("D"));
}
