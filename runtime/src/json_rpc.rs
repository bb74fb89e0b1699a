//! awsJson1_0 and awsJson1_1 requests: every operation is a `POST /` with
//! an `X-Amz-Target` header and a JSON body; the two protocols differ only
//! in their media type. Responses and errors are read by `aws_json`.

use crate::call::endpoint_uri;

/// What a JSON-RPC protocol puts on every request, as the generator decided
/// it from the model.
#[derive(Clone, Copy, Debug)]
#[doc(hidden)]
pub struct Protocol {
    /// The media type of every request and response
    /// (`application/x-amz-json-1.0` or `-1.1`).
    pub media_type: &'static str,
    /// `@awsQueryCompatible`: the service moved from awsQuery and keeps its
    /// query error codes, in the `x-amzn-query-error` header.
    pub query_compatible: bool,
}

/// A `POST /` request with the protocol's headers and `input` as its JSON
/// body (`{}` at least).
#[doc(hidden)]
pub fn request<T: serde::Serialize + ?Sized>(
    protocol: Protocol,
    target: &str,
    input: &T,
    endpoint: Option<&http::Uri>,
    host_prefix: Option<&str>,
) -> Result<http::Request<Vec<u8>>, crate::error::BuildRequestError> {
    let body = crate::json::to_body(input)?;
    post(protocol, target, body, endpoint, host_prefix)
}

/// The request around a body already written: not generic, so it is
/// compiled once, not once per operation (it was an eighth of a generated
/// crate's LLVM IR).
fn post(
    protocol: Protocol,
    target: &str,
    body: Vec<u8>,
    endpoint: Option<&http::Uri>,
    host_prefix: Option<&str>,
) -> Result<http::Request<Vec<u8>>, crate::error::BuildRequestError> {
    let uri = match endpoint {
        None => http::Uri::from_static("/"),
        Some(endpoint) => endpoint_uri(endpoint, host_prefix)?,
    };
    let mut builder = http::Request::builder()
        .method(http::Method::POST)
        .uri(uri)
        .header(http::header::CONTENT_TYPE, protocol.media_type)
        .header("X-Amz-Target", target)
        .header(http::header::CONTENT_LENGTH, body.len());
    if protocol.query_compatible {
        // Tells the service to answer in query-compatible form (the
        // `x-amzn-query-error` header on errors).
        builder = builder.header("x-amzn-query-mode", "true");
    }
    builder
        .body(body)
        .map_err(|e| crate::error::BuildRequestError::new(e.to_string()))
}
