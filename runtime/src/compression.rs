//! `@requestCompression`: request bodies gzip-compressed (RFC 1952) with
//! `flate2`'s pure-Rust backend, when they are large enough for it to pay
//! (see [`RequestOptions`](crate::call::RequestOptions)).

use crate::call::RequestOptions;
use crate::error::BuildRequestError;

/// The request with its body gzip-compressed and `Content-Encoding: gzip`,
/// or unchanged when `options` turn compression off or the body is below
/// their minimum size.
#[doc(hidden)]
pub fn gzip_request(
    request: http::Request<Vec<u8>>,
    options: &RequestOptions,
) -> Result<http::Request<Vec<u8>>, BuildRequestError> {
    if !options.compresses(request.body().len()) {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    let compressed = gzip(&body).map_err(|e| BuildRequestError::new(format!("gzip: {e}")))?;
    // awsJson ignores HTTP bindings, so no other encoding is ever set:
    // gzip is the only one; it is applied last, after any encoding the
    // input set (`Content-Encoding: custom` becomes `custom, gzip`).
    let encoding = match parts.headers.get(http::header::CONTENT_ENCODING).map(|v| v.as_bytes()) {
        Some(given) if !given.is_empty() => {
            let mut value = given.to_vec();
            value.extend_from_slice(b", gzip");
            http::HeaderValue::from_bytes(&value).unwrap_or(http::HeaderValue::from_static("gzip"))
        }
        _ => http::HeaderValue::from_static("gzip"),
    };
    parts.headers.insert(http::header::CONTENT_ENCODING, encoding);
    parts
        .headers
        .insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(compressed.len()));
    Ok(http::Request::from_parts(parts, compressed))
}

/// gzip of `data` at flate2's default level (6), a balance of speed and size.
fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    // JSON bodies large enough to compress usually shrink at least fourfold.
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 4), flate2::Compression::default());
    encoder.write_all(data)?;
    encoder.finish()
}
