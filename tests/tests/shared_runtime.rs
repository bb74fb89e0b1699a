//! Two generated services, one runtime: their `DateTime` is one type, and
//! their errors implement one trait, so code written once works with both
//! (here SSM over awsJson1_1 and the awsJson1_0 test service).

use http::Response;
use shapesmith_runtime::call::Operation as _;
use shapesmith_runtime::error::{ErrorKind, ServiceError};
use shapesmith_runtime::primitives::DateTime;

/// One line about any error of any generated service.
fn summary<E: ServiceError>(error: &E) -> String {
    format!(
        "{} (HTTP {}, request {}): retry = {}",
        error.code().unwrap_or("?"),
        error.status().map_or(0, |s| s.as_u16()),
        error.request_id().unwrap_or("?"),
        error.kind().is_retryable()
    )
}

/// Any service's timestamps, as one type.
fn latest(times: &[DateTime]) -> Option<DateTime> {
    times.iter().copied().max()
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("valid response")
}

#[test]
fn one_error_function_serves_two_services() {
    use json_rpc10::operation::greeting_with_errors::GreetingWithErrors;
    use ssm::operation::describe_sessions::DescribeSessions;

    let ssm_error = DescribeSessions::parse_response(&response(
        500,
        &[("x-amzn-RequestId", "ssm-1")],
        r#"{"__type":"InternalServerError","Message":"boom"}"#,
    ))
    .expect_err("an error response");
    assert!(ssm_error.is_internal_server_error());
    assert!(!ssm_error.is_unhandled());
    assert_eq!(
        summary(&ssm_error),
        "InternalServerError (HTTP 500, request ssm-1): retry = true"
    );

    let rpc_error = GreetingWithErrors::parse_response(&response(
        400,
        &[
            ("x-amzn-RequestId", "rpc-1"),
            ("X-Amzn-Errortype", "ThrottlingException"),
        ],
        "{}",
    ))
    .expect_err("an error response");
    assert!(rpc_error.is_unhandled(), "the model does not list ThrottlingException");
    assert_eq!(rpc_error.kind(), ErrorKind::Throttling);
    assert_eq!(
        summary(&rpc_error),
        "ThrottlingException (HTTP 400, request rpc-1): retry = true"
    );

    let modelled = GreetingWithErrors::parse_response(&response(400, &[("X-Amzn-Errortype", "FooError")], "{}"))
        .expect_err("an error response");
    assert!(modelled.is_foo_error());
    // FooError is @error("server"): the service's fault, whatever the status.
    assert_eq!(modelled.kind(), ErrorKind::Server);

    // Both kinds of error in one collection, as trait objects.
    let errors: Vec<&dyn ServiceError> = vec![&ssm_error, &rpc_error, &modelled];
    let retryable = errors.iter().filter(|e| e.kind().is_retryable()).count();
    assert_eq!(retryable, 2);
}

#[test]
fn both_services_share_one_date_time() {
    // The same type under both crates' paths: no conversion needed.
    let from_ssm: ssm::primitives::DateTime = ssm::primitives::DateTime::from_secs(1_700_000_000);
    let from_rpc: json_rpc10::primitives::DateTime = from_ssm;
    let later = json_rpc10::primitives::DateTime::from_secs(1_800_000_000);
    assert_eq!(latest(&[from_ssm, from_rpc, later]), Some(later));
}

#[test]
fn modelled_errors_implement_the_trait_too() {
    use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsError};
    let error = DescribeSessions::parse_response(&response(
        400,
        &[("x-amzn-RequestId", "r")],
        r#"{"__type":"InvalidNextToken","Message":"stale"}"#,
    ))
    .expect_err("an error response");
    let DescribeSessionsError::InvalidNextToken(inner) = &error else {
        panic!("expected InvalidNextToken, got {error:?}");
    };
    assert_eq!(summary(inner), "InvalidNextToken (HTTP 400, request r): retry = false");
    assert_eq!(ServiceError::message(inner), Some("stale"));
}

#[test]
fn successful_outputs_of_both_services_carry_their_request_id() {
    use json_rpc10::operation::greeting_with_errors::GreetingWithErrors;
    use shapesmith_runtime::call::RequestId;
    use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsOutput};

    fn id_of<O: RequestId>(output: &O) -> Option<&str> {
        output.request_id()
    }
    let sessions =
        DescribeSessions::parse_response(&response(200, &[("x-amzn-RequestId", "ssm-ok")], r#"{"Sessions":[]}"#))
            .expect("parses");
    let greeting = GreetingWithErrors::parse_response(&response(
        200,
        &[("x-amzn-RequestId", "rpc-ok")],
        r#"{"greeting":"hi"}"#,
    ))
    .expect("parses");
    assert_eq!(id_of(&sessions), Some("ssm-ok"));
    assert_eq!(id_of(&greeting), Some("rpc-ok"));
    // A value built by hand has none; the request id is not part of the body.
    let built = DescribeSessionsOutput::builder().build();
    assert_eq!(id_of(&built), None);
    assert_eq!(serde_json::to_string(&sessions).unwrap(), r#"{"Sessions":[]}"#);
}
