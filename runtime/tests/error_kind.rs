//! The standard retry mode's classification of error responses, from the
//! code and the status (`ErrorMetadata::kind`).

use http::StatusCode;
use shapesmith_runtime::aws_json::error_metadata;
use shapesmith_runtime::error::{ErrorKind, ErrorMetadata};

fn kind(status: u16, code: Option<&str>) -> ErrorKind {
    let mut headers = http::HeaderMap::new();
    if let Some(code) = code {
        headers.insert("X-Amzn-Errortype", code.parse().expect("header value"));
    }
    let mut response = http::Response::new(&b"{}"[..]);
    *response.status_mut() = StatusCode::from_u16(status).expect("status");
    *response.headers_mut() = headers;
    error_metadata(false, &response).expect("readable").kind()
}

#[test]
fn throttling_codes_and_429_are_throttling() {
    for code in [
        "Throttling",
        "ThrottlingException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
    ] {
        assert_eq!(kind(400, Some(code)), ErrorKind::Throttling, "{code}");
    }
    assert_eq!(kind(429, None), ErrorKind::Throttling);
    assert!(ErrorKind::Throttling.is_retryable());
}

#[test]
fn timeouts_and_500_502_503_504_are_transient() {
    for code in ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"] {
        assert_eq!(kind(400, Some(code)), ErrorKind::Transient, "{code}");
    }
    for status in [500, 502, 503, 504] {
        assert_eq!(
            kind(status, Some("InternalServerError")),
            ErrorKind::Transient,
            "{status}"
        );
    }
}

#[test]
fn other_5xx_are_server_errors_and_4xx_client_errors() {
    assert_eq!(kind(501, None), ErrorKind::Server);
    assert!(!ErrorKind::Server.is_retryable());
    assert_eq!(kind(400, Some("ValidationException")), ErrorKind::Client);
    assert_eq!(kind(404, None), ErrorKind::Client);
    assert!(!ErrorKind::Client.is_retryable());
}

#[test]
fn metadata_without_a_status_is_a_client_error() {
    assert_eq!(ErrorMetadata::default().kind(), ErrorKind::Client);
}
