//! awsJson1_0 and awsJson1_1 over HTTP, sans I/O: building requests and
//! reading responses for the operation types, which any HTTP client can then
//! send. The two protocols differ only in their media type.
//!
//! [`RequestOptions`] holds the settings a client gives every request it
//! builds (`request_with`); `request` and `request_to` use the defaults.
// Some helpers serve only models that use the trait they implement
// (`@hostLabel`, `@idempotencyToken`).

use crate::error::{ErrorMetadata, Unhandled};

/// Which JSON-RPC protocol a service speaks.
#[derive(Clone, Copy, Debug)]
#[doc(hidden)]
pub struct Protocol {
    pub version: JsonVersion,
    /// `@awsQueryCompatible`: the service moved from awsQuery and keeps its
    /// query error codes, in the `x-amzn-query-error` header.
    pub query_compatible: bool,
}

/// awsJson1_0 or awsJson1_1.
#[derive(Clone, Copy, Debug)]
#[doc(hidden)]
pub enum JsonVersion {
    V1_0,
    V1_1,
}

impl Protocol {
    /// The media type of every request and response.
    pub fn content_type(self) -> &'static str {
        match self.version {
            JsonVersion::V1_0 => "application/x-amz-json-1.0",
            JsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// How an operation's `request_with` builds its request: the settings the
/// AWS SDKs call `disable_request_compression` and
/// `request_min_compression_size_bytes`, for the operations whose model
/// has `@requestCompression` (others ignore them). Built like
/// `RequestOptions::new().request_min_compression_size_bytes(1024)`; and
/// where `@idempotencyToken` members left empty get their token.
#[derive(Clone)]
#[non_exhaustive]
pub struct RequestOptions {
    disable_request_compression: bool,
    request_min_compression_size_bytes: u32,
    idempotency_token_provider: Option<std::sync::Arc<dyn Fn() -> String + Send + Sync>>,
}

impl Default for RequestOptions {
    fn default() -> RequestOptions {
        RequestOptions {
            disable_request_compression: false,
            request_min_compression_size_bytes: RequestOptions::DEFAULT_MIN_COMPRESSION_SIZE_BYTES,
            idempotency_token_provider: None,
        }
    }
}

impl std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestOptions")
            .field("disable_request_compression", &self.disable_request_compression)
            .field(
                "request_min_compression_size_bytes",
                &self.request_min_compression_size_bytes,
            )
            .field(
                "idempotency_token_provider",
                &self.idempotency_token_provider.as_ref().map(|_| "<provider>"),
            )
            .finish()
    }
}

/// Equal when the settings are, and both use the default token provider
/// or the very same one.
impl PartialEq for RequestOptions {
    fn eq(&self, other: &RequestOptions) -> bool {
        self.disable_request_compression == other.disable_request_compression
            && self.request_min_compression_size_bytes == other.request_min_compression_size_bytes
            && match (&self.idempotency_token_provider, &other.idempotency_token_provider) {
                (None, None) => true,
                (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Eq for RequestOptions {}

impl RequestOptions {
    /// The AWS SDKs' default minimum: 10 KiB.
    pub const DEFAULT_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_240;
    /// The largest minimum the AWS SDKs accept: 10 MiB.
    pub const MAX_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_485_760;

    /// The defaults: compression on, for bodies of at least 10,240 bytes.
    pub fn new() -> RequestOptions {
        RequestOptions::default()
    }

    /// With `true`, request bodies are sent uncompressed, without
    /// `Content-Encoding`, even where the model allows compression.
    pub fn disable_request_compression(mut self, disable: bool) -> RequestOptions {
        self.disable_request_compression = disable;
        self
    }

    /// Bodies shorter than this many bytes are sent uncompressed (10,240 by
    /// default; 0 compresses every body). At most
    /// [`MAX_MIN_COMPRESSION_SIZE_BYTES`](Self::MAX_MIN_COMPRESSION_SIZE_BYTES):
    /// `request_with` refuses a larger value.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> RequestOptions {
        self.request_min_compression_size_bytes = bytes;
        self
    }

    /// Makes the tokens of `@idempotencyToken` members the input leaves
    /// empty (by default a random UUID each): for tests that need a
    /// known value, or a caller with its own source of randomness (on
    /// `wasm32-unknown-unknown`, see [`idempotency_token`]).
    pub fn idempotency_token_provider(
        mut self,
        provider: impl Fn() -> String + Send + Sync + 'static,
    ) -> RequestOptions {
        self.idempotency_token_provider = Some(std::sync::Arc::new(provider));
        self
    }

    /// A token for an `@idempotencyToken` member the input left empty.
    #[doc(hidden)]
    pub fn idempotency_token(&self) -> String {
        match &self.idempotency_token_provider {
            Some(provider) => provider(),
            None => idempotency_token(),
        }
    }

    /// Whether compression is turned off.
    pub fn get_disable_request_compression(&self) -> bool {
        self.disable_request_compression
    }

    /// The minimum size of a body to compress, in bytes.
    pub fn get_request_min_compression_size_bytes(&self) -> u32 {
        self.request_min_compression_size_bytes
    }

    /// Refuses a minimum outside `0..=10_485_760`, as the AWS SDKs do.
    #[doc(hidden)]
    pub fn check(&self) -> Result<(), crate::error::BuildRequestError> {
        if self.request_min_compression_size_bytes > RequestOptions::MAX_MIN_COMPRESSION_SIZE_BYTES {
            return Err(crate::error::BuildRequestError::new(format!(
                "request_min_compression_size_bytes must be at most {}, got {}",
                RequestOptions::MAX_MIN_COMPRESSION_SIZE_BYTES,
                self.request_min_compression_size_bytes
            )));
        }
        Ok(())
    }

    /// Whether a body of `len` bytes is to be compressed.
    #[doc(hidden)]
    pub fn compresses(&self, len: usize) -> bool {
        !self.disable_request_compression
            && u64::try_from(len).unwrap_or(u64::MAX) >= u64::from(self.request_min_compression_size_bytes)
    }
}

/// The id AWS gave the request a successful response answers (its
/// `x-amzn-RequestId` header), which AWS support asks for. Every operation
/// output implements it; errors carry theirs in their
/// [`ErrorMetadata`].
pub trait RequestId {
    /// The request id, when the response had one (`None` for a value built
    /// by hand).
    fn request_id(&self) -> Option<&str>;
}

/// A `POST /` request with the protocol's headers and `body` (`{}` at least).
#[doc(hidden)]
pub fn request(
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
        .header(http::header::CONTENT_TYPE, protocol.content_type())
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

/// The request URI for an endpoint: its scheme and authority (with the
/// operation's host prefix in front of the host), its path plus `/`.
fn endpoint_uri(endpoint: &http::Uri, host_prefix: Option<&str>) -> Result<http::Uri, crate::error::BuildRequestError> {
    let fail = |what: String| crate::error::BuildRequestError::new(what);
    let authority = endpoint
        .authority()
        .ok_or_else(|| fail(format!("endpoint `{endpoint}` has no host")))?;
    let authority = format!("{}{}", host_prefix.unwrap_or_default(), authority);
    let path = endpoint.path().trim_end_matches('/');
    http::Uri::builder()
        .scheme(endpoint.scheme_str().unwrap_or("https"))
        .authority(authority)
        .path_and_query(format!("{path}/"))
        .build()
        .map_err(|e| fail(format!("endpoint `{endpoint}`: {e}")))
}

/// Checks a `@hostLabel` value before it goes into the host name.
#[doc(hidden)]
pub fn host_label(member: &'static str, value: Option<&str>) -> Result<String, crate::error::BuildRequestError> {
    match value {
        Some(value) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            Ok(value.to_owned())
        }
        Some(value) => Err(crate::error::BuildRequestError::new(format!(
            "host label `{member}` must be letters, digits and `-`, got `{value}`"
        ))),
        None => Err(crate::error::BuildRequestError::new(format!(
            "host label `{member}` has no value"
        ))),
    }
}

/// Parses a JSON body; an empty (or all-whitespace) body is an empty object.
#[doc(hidden)]
pub fn from_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return crate::json::from_str("{}");
    }
    crate::json::from_slice(body)
}

/// Reads a successful response body.
#[doc(hidden)]
pub fn parse_output<T: serde::de::DeserializeOwned>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<T, Unhandled> {
    from_body(body).map_err(|e| Unhandled::new(ErrorMetadata::new(status, request_id(headers)), body, Some(e)))
}

/// The error's code, message and request id, from the headers and the
/// top-level `code`/`__type` and `message`/`Message`/`errorMessage` fields;
/// for a query-compatible service, the code and type of the
/// `x-amzn-query-error` header (`AWS.SimpleQueueService.NonExistentQueue;Sender`).
#[doc(hidden)]
pub fn error_metadata(
    query_compatible: bool,
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<ErrorMetadata, Unhandled> {
    let mut meta = ErrorMetadata::new(status, request_id(headers));
    if query_compatible {
        if let Some((code, kind)) = headers
            .get("x-amzn-query-error")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(';'))
        {
            meta.query = Some(Box::new(crate::error::QueryError {
                code: code.trim().to_owned(),
                error_type: kind.trim().to_owned(),
            }));
        }
    }
    let sanitized = |code: String| sanitize_error_code(&code).to_owned();
    // The header names the error even when the body cannot be read.
    meta.shape = headers
        .get("X-Amzn-Errortype")
        .and_then(|v| v.to_str().ok())
        .map(|code| sanitized(code.to_owned()));
    // Error bodies are small; only top-level fields count, so read them as a map.
    let fields: serde_json::Map<String, serde_json::Value> = match from_body(body) {
        Ok(fields) => fields,
        Err(e) => return Err(Unhandled::new(meta, body, Some(e))),
    };
    let text = |key: &str| fields.get(key).and_then(serde_json::Value::as_str).map(str::to_owned);
    if meta.shape.is_none() {
        meta.shape = text("code").or_else(|| text("__type")).map(sanitized);
    }
    meta.message = text("message")
        .or_else(|| text("Message"))
        .or_else(|| text("errorMessage"));
    Ok(meta)
}

/// Reads a modelled error's body and attaches the metadata.
#[doc(hidden)]
pub fn parse_error<T: serde::de::DeserializeOwned>(
    body: &[u8],
    meta: ErrorMetadata,
) -> Result<(T, ErrorMetadata), Unhandled> {
    match from_body(body) {
        Ok(value) => Ok((value, meta)),
        Err(e) => Err(Unhandled::new(meta, body, Some(e))),
    }
}

/// `aws.protocoltests.json#FooError:http://...` -> `FooError`: cut at the
/// first `:`, then keep what follows the first `#`.
#[doc(hidden)]
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    code.split_once('#').map_or(code, |(_, name)| name)
}

/// The request id of a response: its `x-amzn-RequestId` (or
/// `x-amz-request-id`) header.
#[doc(hidden)]
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get("x-amzn-RequestId")
        .or_else(|| headers.get("x-amz-request-id"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A fresh `@idempotencyToken`: a random (version 4) UUID. The randomness
/// comes from the standard library's hasher keys, which are seeded from
/// the operating system, mixed with the time and a counter.
///
/// `wasm32-unknown-unknown` has neither: there `SystemTime::now` panics, so
/// it is left out, and the standard library seeds its hasher keys from
/// memory addresses only, so tokens from separate runs can repeat. Set the
/// token yourself there.
#[doc(hidden)]
pub fn idempotency_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    // `usize`: 64-bit atomics are missing on some 32-bit targets.
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let mut words = [0u64; 2];
    for word in &mut words {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        #[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
        if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            hasher.write_u128(now.as_nanos());
        }
        *word = hasher.finish();
    }
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&words[0].to_be_bytes());
    bytes[8..].copy_from_slice(&words[1].to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
