//! The retry policy driven by what generated crates classify: a send
//! function over hand-made HTTP responses, read by the generated
//! `parse_response`, retried by `shapesmith_runtime::retry::run`.

use shapesmith_runtime::call::Operation as _;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

use shapesmith_runtime::retry::{self, RetryPolicy, SendError, TokenBucket};
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsInput};
use ssm::types::SessionState;

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .body(body.as_bytes().to_vec())
        .expect("valid response")
}

fn throttled() -> Result<http::Response<Vec<u8>>, &'static str> {
    Ok(response(
        400,
        r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
    ))
}

fn unavailable() -> Result<http::Response<Vec<u8>>, &'static str> {
    Ok(response(503, r#"{"__type":"ServiceUnavailable"}"#))
}

fn invalid() -> Result<http::Response<Vec<u8>>, &'static str> {
    Ok(response(400, r#"{"__type":"InvalidFilterKey","message":"bad key"}"#))
}

fn ok() -> Result<http::Response<Vec<u8>>, &'static str> {
    Ok(response(200, r#"{"Sessions":[]}"#))
}

/// Sends `DescribeSessions` once per answer, with retries; returns the
/// result, the attempts made and the delays slept.
fn call(
    bucket: &TokenBucket,
    answers: Vec<Result<http::Response<Vec<u8>>, &'static str>>,
) -> (bool, u32, Vec<Duration>) {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .build()
        .expect("input");
    let request = DescribeSessions::request(&input).expect("request");
    let answers = RefCell::new(VecDeque::from(answers));
    let attempts = Cell::new(0);
    let mut slept = Vec::new();
    let result = retry::run(
        &RetryPolicy::standard(),
        bucket,
        || 0.5,
        |d| slept.push(d),
        |attempt| {
            assert_eq!(request.headers()["x-amz-target"], "AmazonSSM.DescribeSessions");
            attempts.set(attempt);
            let response = answers
                .borrow_mut()
                .pop_front()
                .expect("an answer")
                .map_err(SendError::Transport)?;
            DescribeSessions::parse_response(&response).map_err(SendError::Service)
        },
    );
    (result.is_ok(), attempts.get(), slept)
}

#[test]
fn throttling_and_503_are_retried_with_backoff() {
    let bucket = TokenBucket::standard();
    let (ok_, attempts, slept) = call(&bucket, vec![throttled(), unavailable(), ok()]);
    assert!(ok_);
    assert_eq!(attempts, 3);
    assert_eq!(slept, [Duration::from_millis(500), Duration::from_secs(1)]);
    // 5 for the throttling retry (spent), 10 for the transient one (refunded).
    assert_eq!(bucket.available(), 495);
}

#[test]
fn transport_errors_are_retried_and_attempts_are_capped() {
    let bucket = TokenBucket::standard();
    let (ok_, attempts, _) = call(&bucket, vec![Err("timed out"), Err("reset"), Err("reset"), ok()]);
    assert!(!ok_);
    assert_eq!(attempts, 3);
    assert_eq!(bucket.available(), 480);
}

#[test]
fn a_modelled_client_error_is_not_retried() {
    let bucket = TokenBucket::standard();
    let (ok_, attempts, slept) = call(&bucket, vec![invalid(), ok()]);
    assert!(!ok_);
    assert_eq!(attempts, 1);
    assert!(slept.is_empty());
    assert_eq!(bucket.available(), 500);
}

#[test]
fn an_empty_bucket_stops_retries_for_the_whole_client() {
    let bucket = TokenBucket::with_capacity(7);
    let (ok_, attempts, _) = call(&bucket, vec![throttled(), throttled(), ok()]);
    assert!(!ok_);
    assert_eq!(attempts, 2);
    assert_eq!(bucket.available(), 2);
    // The next call of the same client gets no retry either.
    let (ok_, attempts, _) = call(&bucket, vec![unavailable(), ok()]);
    assert!(!ok_);
    assert_eq!(attempts, 1);
    // Successes refill it, a token each.
    for _ in 0..3 {
        assert!(call(&bucket, vec![ok()]).0);
    }
    assert_eq!(bucket.available(), 5);
    assert!(call(&bucket, vec![throttled(), ok()]).0);
    assert_eq!(bucket.available(), 5);
}
