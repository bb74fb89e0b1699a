//! One call to a service, whatever its protocol: the [`Operation`] trait
//! every generated operation implements (its input, output and error
//! types, the requests built from an input, the response read into an
//! output or an error), the [`RequestOptions`] a request is built with and
//! the [`RequestId`] of a response. Sans I/O: any HTTP client sends what
//! these build.
//!
//! What differs by protocol (how the body is written and read, where the
//! members go in the HTTP message, how an error names itself) lives in the
//! generated `build_request`, `parse_output` and `parse_error` and the
//! runtime modules they call (`json_rpc`, `rest`, `aws_json`).

use crate::error::{BuildRequestError, ErrorMetadata, Unhandled};

/// An operation of a service: `DescribeSessions::request_to(&input, &endpoint)`
/// builds its request, `DescribeSessions::parse_response(&response)` reads
/// the answer. Generated code supplies the three hidden methods; the
/// request builders and `parse_response` are the same for every operation.
///
/// Bring the trait into scope to call them (`use ssm::Operation as _;`).
pub trait Operation {
    /// The operation's name in the model (`DescribeSessions`).
    const NAME: &'static str;
    /// The input structure.
    type Input;
    /// The output structure.
    type Output;
    /// The operation's error enum: its modelled errors and `Unhandled`.
    type Error: From<Unhandled>;

    /// The request for `input`, to `endpoint` or with the path `/`.
    #[doc(hidden)]
    fn build_request(
        input: &Self::Input,
        endpoint: Option<&http::Uri>,
        options: &RequestOptions,
    ) -> Result<http::Request<Vec<u8>>, BuildRequestError>;

    /// The output of a response with a success status.
    #[doc(hidden)]
    fn parse_output<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, Self::Error>;

    /// The error of a response with an error status.
    #[doc(hidden)]
    fn parse_error<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self::Error;

    /// The HTTP request for `input`, with the path `/` (for a client that
    /// sets the endpoint itself). The model's constraints (`@required`,
    /// `@length`, `@range`, `@pattern`) are not checked unless the crate
    /// was generated with `validate_requests`: Smithy says clients should
    /// not enforce them (the service does, and may accept more than an
    /// older model says); call `validate()` on the input to check them.
    fn request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, BuildRequestError> {
        Self::request_with(input, None, &RequestOptions::default())
    }

    /// The HTTP request for `input` to `endpoint` (for example
    /// `https://ssm.us-east-1.amazonaws.com`): the endpoint's path plus the
    /// operation's, and any host prefix the operation defines.
    fn request_to(input: &Self::Input, endpoint: &http::Uri) -> Result<http::Request<Vec<u8>>, BuildRequestError> {
        Self::request_with(input, Some(endpoint), &RequestOptions::default())
    }

    /// The HTTP request for `input`, to `endpoint` when given (as
    /// [`request_to`](Self::request_to)) or with the path `/` (as
    /// [`request`](Self::request)), built with `options` (request
    /// compression for `@requestCompression` operations, idempotency
    /// tokens). An out-of-range compression minimum is refused.
    fn request_with(
        input: &Self::Input,
        endpoint: Option<&http::Uri>,
        options: &RequestOptions,
    ) -> Result<http::Request<Vec<u8>>, BuildRequestError> {
        options.check()?;
        Self::build_request(input, endpoint, options)
    }

    /// The endpoint-rule parameters this operation binds from `input` and
    /// its model (`@contextParam` members, `@operationContextParams` paths,
    /// `@staticContextParams`): a DynamoDB table ARN, an S3 bucket...
    fn endpoint_context(input: &Self::Input) -> EndpointContext {
        let _ = input;
        EndpointContext::default()
    }

    /// The HTTP request for `input` to the endpoint the service's rules give
    /// for `params` (the crate's `endpoint::Params`: region, FIPS,
    /// dual-stack, custom endpoint) and what the operation binds itself
    /// ([`endpoint_context`](Self::endpoint_context), which wins, as the
    /// rules engine takes the most specific value), with the endpoint's
    /// headers; the rules' error for these parameters is the error.
    fn request_for<P: ResolveEndpoint>(
        input: &Self::Input,
        params: &P,
    ) -> Result<http::Request<Vec<u8>>, BuildRequestError> {
        let (uri, headers) = params.resolve_endpoint_in(&Self::endpoint_context(input))?;
        let mut request = Self::request_to(input, &uri)?;
        for (name, value) in &headers {
            request.headers_mut().append(name.clone(), value.clone());
        }
        Ok(request)
    }

    /// Reads the response: the output for a 2xx status, else the modelled
    /// error its code names, else `Unhandled` (which keeps the body, also
    /// when it cannot be read).
    // Modelled errors are returned unboxed, as the AWS SDK does: they are
    // the rare path, and boxing would make every match noisier.
    #[allow(clippy::result_large_err)]
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, Self::Error> {
        if response.status().is_success() {
            Self::parse_output(response)
        } else {
            Err(Self::parse_error(response))
        }
    }
}

/// Endpoint parameters that resolve to where a request goes, as each
/// generated crate's `endpoint::Params` does: what
/// [`Operation::request_for`] takes.
pub trait ResolveEndpoint {
    /// The endpoint's URL and the headers it adds to every request, or why
    /// these parameters have none.
    fn resolve_endpoint(&self) -> Result<(http::Uri, http::HeaderMap), BuildRequestError>;

    /// The same with what an operation binds itself on top. Generated
    /// `endpoint::Params` apply `context`; a resolver of your own that
    /// does not override this ignores it.
    fn resolve_endpoint_in(
        &self,
        context: &EndpointContext,
    ) -> Result<(http::Uri, http::HeaderMap), BuildRequestError> {
        let _ = context;
        self.resolve_endpoint()
    }
}

/// A value an operation binds to an endpoint-rule parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextValue {
    /// A string (an enum by its wire value).
    String(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings (`@operationContextParams` over a list or a map's keys).
    StringArray(Vec<String>),
}

/// The endpoint-rule parameters an operation binds itself (Smithy's
/// `@staticContextParams`, `@contextParam`, `@operationContextParams`).
/// They are more specific than the caller's `Params`, so they win.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointContext {
    values: Vec<(&'static str, ContextValue)>,
}

impl EndpointContext {
    /// Binds `name`; `None` leaves it to the caller's `Params`. A second
    /// binding of a name replaces the first (generated code binds the
    /// least specific first).
    #[doc(hidden)]
    pub fn set(&mut self, name: &'static str, value: Option<ContextValue>) {
        let Some(value) = value else {
            return;
        };
        match self.values.iter_mut().find(|(n, _)| *n == name) {
            Some((_, slot)) => *slot = value,
            None => self.values.push((name, value)),
        }
    }

    /// The value bound to `name`, if any.
    pub fn get(&self, name: &str) -> Option<&ContextValue> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Every binding, by rule-set parameter name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &ContextValue)> + '_ {
        self.values.iter().map(|(n, v)| (*n, v))
    }
}

/// A modelled error read from an error response: the generated error
/// structures, which keep the response's [`ErrorMetadata`].
#[doc(hidden)]
pub trait ModelledError {
    /// Attaches the response's code, message, request id and status.
    fn set_meta(&mut self, meta: ErrorMetadata);
}

/// `Unhandled` for an error response whose code the operation does not
/// model, in the operation's error type.
#[doc(hidden)]
pub fn unhandled<E: From<Unhandled>>(meta: ErrorMetadata, body: &[u8]) -> E {
    E::from(Unhandled::new(meta, body, None))
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

/// The request URI for an endpoint: its scheme and authority (with the
/// operation's host prefix in front of the host), its path plus `/`.
#[doc(hidden)]
pub fn endpoint_uri(
    endpoint: &http::Uri,
    host_prefix: Option<&str>,
) -> Result<http::Uri, crate::error::BuildRequestError> {
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
