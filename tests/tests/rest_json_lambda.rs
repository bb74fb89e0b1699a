//! restJson1 on a real service: the generated `lambda` crate (AWS Lambda's
//! own model) builds `Invoke` and `ListFunctions` requests (labels, query,
//! headers, a blob payload), reads responses (status as a member, headers,
//! payload, modelled errors named by `X-Amzn-Errortype`), pages through
//! `ListFunctions` by its query token, and waits with `GetFunction`'s
//! `FunctionExists`. The responses are hand-written from the Lambda API
//! reference.
// The send functions return the operations' error enums, unboxed as
// `parse_response` returns them (as the AWS SDK does): Lambda's list many
// modelled errors.
#![allow(clippy::result_large_err)]

use lambda::prelude::Operation as _;
use lambda::prelude::ServiceError as _;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use lambda::operation::get_function::{GetFunction, GetFunctionInput};
use lambda::operation::invoke::{Invoke, InvokeInput};
use lambda::operation::invoke_with_response_stream::InvokeWithResponseStream;
use lambda::operation::list_functions::{ListFunctions, ListFunctionsInput};
use lambda::primitives::Blob;
use lambda::types::{InvocationType, LogType};

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder()
        .status(status)
        .header("x-amzn-RequestId", "9b2e4f0c-31a7-4d6e-8c5b-2f1a7e9d3c40");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("valid response")
}

fn invoke_input() -> InvokeInput {
    InvokeInput::builder()
        .function_name("my-function")
        .qualifier("prod")
        .invocation_type(InvocationType::RequestResponse)
        .log_type(LogType::Tail)
        .payload(Blob::new(br#"{"order":42}"#.to_vec()))
        .build()
        .expect("input")
}

#[test]
fn invoke_request_binds_label_query_headers_and_payload() {
    let endpoint: http::Uri = "https://lambda.eu-west-1.amazonaws.com".parse().unwrap();
    let request = Invoke::request_to(&invoke_input(), &endpoint).expect("request builds");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/my-function/invocations?Qualifier=prod"
    );
    let headers = request.headers();
    assert_eq!(headers["x-amz-invocation-type"], "RequestResponse");
    assert_eq!(headers["x-amz-log-type"], "Tail");
    assert_eq!(headers["content-type"], "application/octet-stream");
    assert_eq!(headers["content-length"], "12");
    assert_eq!(request.body().as_slice(), br#"{"order":42}"#);
}

#[test]
fn a_function_arn_label_is_percent_encoded() {
    let input = InvokeInput::builder()
        .function_name("arn:aws:lambda:us-east-1:123456789012:function:my function")
        .build()
        .expect("input");
    let request = Invoke::request(&input).expect("request builds");
    assert_eq!(
        request.uri().path(),
        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy%20function/invocations"
    );
    // No payload: no body, no content type.
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn a_missing_or_empty_label_is_an_error_before_any_request() {
    let missing = Invoke::request(&InvokeInput::builder().build().expect("input")).unwrap_err();
    assert!(missing.to_string().contains("FunctionName"), "{missing}");
    let empty = Invoke::request(&InvokeInput::builder().function_name("").build().expect("input")).unwrap_err();
    assert!(empty.to_string().contains("is empty"), "{empty}");
}

#[test]
fn invoke_response_fills_status_headers_and_payload() {
    let reply = response(
        200,
        &[
            ("X-Amz-Executed-Version", "7"),
            ("X-Amz-Function-Error", "Unhandled"),
            ("X-Amz-Log-Result", "U1RBUlQgUmVxdWVzdElk"),
            ("Content-Type", "application/json"),
        ],
        r#"{"errorMessage":"boom","errorType":"Error"}"#,
    );
    let output = Invoke::parse_response(&reply).expect("parses");
    assert_eq!(output.status_code(), 200);
    assert_eq!(output.executed_version(), Some("7"));
    assert_eq!(output.function_error(), Some("Unhandled"));
    assert_eq!(output.log_result(), Some("U1RBUlQgUmVxdWVzdElk"));
    assert_eq!(
        output.payload().map(Blob::as_bytes),
        Some(&br#"{"errorMessage":"boom","errorType":"Error"}"#[..])
    );
    assert_eq!(
        lambda::call::RequestId::request_id(&output),
        Some("9b2e4f0c-31a7-4d6e-8c5b-2f1a7e9d3c40")
    );

    // An asynchronous invocation: 202 and no payload.
    let accepted = Invoke::parse_response(&response(202, &[], "")).expect("parses");
    assert_eq!(accepted.status_code(), 202);
    assert!(accepted.payload().is_none());
}

#[test]
fn a_capitalised_code_in_the_body_picks_the_modelled_error_as_botocore_does() {
    let reply = response(
        404,
        &[],
        r#"{"Code":"ResourceNotFoundException","Message":"Function not found: nope"}"#,
    );
    let error = Invoke::parse_response(&reply).unwrap_err();
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(error.message(), Some("Function not found: nope"));
}

#[test]
fn modelled_errors_come_from_the_error_type_header() {
    let reply = response(
        404,
        &[(
            "X-Amzn-Errortype",
            "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.lambda/",
        )],
        r#"{"Type":"User","Message":"Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope"}"#,
    );
    let error = Invoke::parse_response(&reply).unwrap_err();
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        error.message(),
        Some("Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope")
    );
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));

    // Throttling carries a header-bound member (`Retry-After`).
    let throttled = response(
        429,
        &[("X-Amzn-Errortype", "TooManyRequestsException"), ("Retry-After", "3")],
        r#"{"Type":"User","message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}"#,
    );
    match Invoke::parse_response(&throttled).unwrap_err() {
        lambda::operation::invoke::InvokeError::TooManyRequestsException(e) => {
            assert_eq!(e.retry_after_seconds(), Some("3"));
            assert_eq!(e.message(), Some("Rate exceeded"));
        }
        other => panic!("expected TooManyRequestsException, got {other:?}"),
    }
}

#[test]
fn an_unreadable_header_is_unhandled_not_a_panic() {
    // `StatusCode` is the status; a header that should be base64 text but
    // is not ASCII cannot be read.
    let reply = http::Response::builder()
        .status(200)
        .header(
            "X-Amz-Executed-Version",
            http::HeaderValue::from_bytes(b"caf\xe9").unwrap(),
        )
        .body(Vec::new())
        .unwrap();
    let error = Invoke::parse_response(&reply).unwrap_err();
    assert!(error.is_unhandled());
    assert!(error.to_string().contains("X-Amz-Executed-Version"), "{error}");
}

/// `ListFunctions` pages by `Marker` (a query parameter) and `NextMarker`.
#[test]
fn list_functions_pages_through_the_query_token() {
    let pages = RefCell::new(VecDeque::from([
        r#"{"Functions":[{"FunctionName":"a"},{"FunctionName":"b"}],"NextMarker":"page 2/3=+"}"#,
        r#"{"Functions":[{"FunctionName":"c"}],"NextMarker":"p3"}"#,
        r#"{"Functions":[{"FunctionName":"d"}]}"#,
    ]));
    let queries = RefCell::new(Vec::new());
    let send = |input: &ListFunctionsInput| {
        let request = ListFunctions::request(input).expect("request builds");
        assert_eq!(request.method(), http::Method::GET);
        assert_eq!(request.uri().path(), "/2015-03-31/functions");
        assert!(request.body().is_empty());
        queries
            .borrow_mut()
            .push(request.uri().query().unwrap_or_default().to_owned());
        let body = pages.borrow_mut().pop_front().expect("a page left");
        ListFunctions::parse_response(&response(200, &[], body))
    };
    let input = ListFunctionsInput::builder().max_items(2).build().expect("input");
    let names: Vec<String> = ListFunctions::paginate(input, send)
        .items()
        .map(|f| f.expect("page").function_name().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names, ["a", "b", "c", "d"]);
    assert_eq!(
        *queries.borrow(),
        [
            "MaxItems=2",
            "Marker=page%202%2F3%3D%2B&MaxItems=2",
            "Marker=p3&MaxItems=2"
        ]
    );
}

#[test]
fn request_for_resolves_lambdas_endpoint_from_the_region() {
    let params = lambda::endpoint::Params::new().region("cn-north-1");
    let request = Invoke::request_for(&invoke_input(), &params).expect("request builds");
    assert_eq!(request.uri().host(), Some("lambda.cn-north-1.amazonaws.com.cn"));
}

/// `InvokeWithResponseStream` answers with an event stream: its head (the
/// status and headers) is read on its own, the body left to stream.
#[test]
fn a_streamed_response_head_is_read_without_its_body() {
    let reply = http::Response::builder()
        .status(200)
        .header("X-Amz-Executed-Version", "$LATEST")
        .header("Content-Type", "application/vnd.amazon.eventstream")
        .body(())
        .unwrap();
    let head = InvokeWithResponseStream::parse_response_head(&reply).expect("head parses");
    assert_eq!(head.status_code(), 200);
    assert_eq!(head.executed_version(), Some("$LATEST"));
    assert_eq!(
        head.response_stream_content_type(),
        Some("application/vnd.amazon.eventstream")
    );
}

/// `FunctionExists`: retry on `ResourceNotFoundException`, success on 200.
#[test]
fn function_exists_waiter_retries_until_found() {
    let replies = RefCell::new(VecDeque::from([
        response(
            404,
            &[("X-Amzn-Errortype", "ResourceNotFoundException")],
            r#"{"Message":"Function not found"}"#,
        ),
        response(
            200,
            &[],
            r#"{"Configuration":{"FunctionName":"my-function","State":"Active"}}"#,
        ),
    ]));
    let clock = RefCell::new(Duration::ZERO);
    let send = |input: &GetFunctionInput| {
        let request = GetFunction::request(input).expect("request builds");
        assert_eq!(request.uri().path(), "/2015-03-31/functions/my-function");
        GetFunction::parse_response(&replies.borrow_mut().pop_front().expect("a reply left"))
    };
    let input = GetFunctionInput::builder()
        .function_name("my-function")
        .build()
        .expect("input");
    let output = GetFunction::wait_until_function_exists(input, Duration::from_secs(60))
        .wait(send, |delay| *clock.borrow_mut() += delay, || 0.5, || *clock.borrow())
        .expect("the waiter succeeds")
        .expect("the last reply is the output");
    assert_eq!(
        output.configuration().and_then(|c| c.function_name()),
        Some("my-function")
    );
    assert!(replies.borrow().is_empty());
}
