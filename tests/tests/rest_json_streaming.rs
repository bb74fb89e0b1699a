//! `@streaming` blob payloads (the restJson1 suite's `StreamingTraits`):
//! `request_streaming` gives the request with the caller's own body type
//! and length, `parse_response_head` reads a response's status and headers
//! and leaves its body to the caller; both agree with the byte-vector
//! `request` and `parse_response` on everything else.

use rest_json_protocol::operation::streaming_traits::{StreamingTraits, StreamingTraitsInput};
use rest_json_protocol::prelude::Operation as _;
use rest_json_protocol::prelude::ServiceError as _;
use rest_json_protocol::primitives::Blob;

/// A body type of the caller's: chunks it would stream.
#[derive(Debug, PartialEq)]
struct Chunks(Vec<&'static [u8]>);

#[test]
fn request_streaming_keeps_the_callers_body_and_the_bindings() {
    let input = StreamingTraitsInput::builder().foo("Foo").build().expect("input");
    let body = Chunks(vec![b"blobby ", b"blob ", b"blob"]);
    let endpoint: http::Uri = "https://example.com".parse().unwrap();
    let request = StreamingTraits::request_streaming(&input, Some(&endpoint), body, Some(16)).expect("request builds");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().to_string(), "https://example.com/StreamingTraits");
    assert_eq!(request.headers()["x-foo"], "Foo");
    assert_eq!(request.headers()["content-type"], "application/octet-stream");
    assert_eq!(request.headers()["content-length"], "16");
    assert_eq!(request.body(), &Chunks(vec![b"blobby ", b"blob ", b"blob"]));

    // The same request as the byte-vector path, but for the body.
    let whole = StreamingTraitsInput::builder()
        .foo("Foo")
        .blob(Blob::new(b"blobby blob blob".to_vec()))
        .build()
        .expect("input");
    let bytes = StreamingTraits::request_to(&whole, &endpoint).expect("request builds");
    assert_eq!(bytes.uri(), request.uri());
    assert_eq!(bytes.headers(), request.headers());
}

#[test]
fn an_unknown_length_leaves_content_length_out() {
    let input = StreamingTraitsInput::builder().build().expect("input");
    let request = StreamingTraits::request_streaming(&input, None, (), None).expect("request builds");
    assert!(request.headers().get("content-length").is_none());
    assert_eq!(request.headers()["content-type"], "application/octet-stream");
}

#[test]
fn a_payload_set_in_the_input_is_refused() {
    let input = StreamingTraitsInput::builder()
        .blob(Blob::new(b"x".to_vec()))
        .build()
        .expect("input");
    let error = StreamingTraits::request_streaming(&input, None, (), None)
        .unwrap_err()
        .to_string();
    assert!(error.contains("`blob` is set in the input"), "{error}");
}

#[test]
fn parse_response_head_reads_all_but_the_body() {
    let response = http::Response::builder()
        .status(200)
        .header("X-Foo", "Foo")
        .header("Content-Type", "application/octet-stream")
        .body(Chunks(vec![b"not read"]))
        .unwrap();
    let head = StreamingTraits::parse_response_head(&response).expect("head parses");
    assert_eq!(head.foo(), Some("Foo"));
    assert!(head.blob().is_none_or(|b| b.as_bytes().is_empty()));

    // An error status gives the error its headers name.
    let failed = http::Response::builder()
        .status(500)
        .header("X-Amzn-Errortype", "InternalFailure")
        .body(())
        .unwrap();
    let error = StreamingTraits::parse_response_head(&failed).unwrap_err();
    assert_eq!(error.code(), Some("InternalFailure"));
    assert_eq!(error.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
}
