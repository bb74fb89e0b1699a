//! A small blocking client for the generated, sans-IO crates: the generated crate builds each
//! request (`request_for` / `request_to`) and reads each reply (`parse_response`), `aws-sigv4`
//! signs the request and `ureq` sends it. Nothing in it is specific to one service or operation
//! except [`Client::describe_sessions`], which the `sigv4-client` program uses; the round-trip
//! tests (`tests/`) drive SSM Parameter Store and SQS through the same [`Client::call`].
#![forbid(unsafe_code)]

use std::collections::hash_map::RandomState;
use std::error::Error;
use std::fmt;
use std::hash::BuildHasher;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use ssm::endpoint::Endpoint;
use ssm::error::{BuildRequestError, ErrorKind};
use ssm::operation::describe_sessions::{
    DescribeSessions, DescribeSessionsError, DescribeSessionsInput, DescribeSessionsOutput,
};
use ssm::prelude::Operation as _;
use ssm::retry::{Classify, RetryPolicy, TokenBucket};

/// The signing name of Systems Manager.
pub const SSM_SERVICE: &str = "ssm";
/// The longest a single call may take, connecting and reading the reply included.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Where to send requests and how to sign them.
#[derive(Debug, Clone)]
pub struct Target {
    /// The endpoint's URL.
    pub uri: http::Uri,
    /// From the endpoint's `sigv4` auth scheme when the rules give one, else the region.
    pub signing_region: String,
    /// From the same auth scheme, else the service's signing name.
    pub signing_name: String,
}

impl Target {
    /// The target of a resolved endpoint (of any generated crate: they share the runtime's
    /// `Endpoint`): its URL as a URI, with the signing region and name its `sigv4` auth scheme
    /// gives, else `region` and `service`. A URL that is not an absolute URI (a custom endpoint
    /// without a scheme, say) is an error.
    pub fn from_endpoint(endpoint: &Endpoint, region: &str, service: &str) -> Result<Target, String> {
        let uri = match endpoint.url().parse::<http::Uri>() {
            Ok(uri) if uri.scheme().is_some() && uri.authority().is_some() => uri,
            _ => return Err(format!("`{}` is not an absolute URL", endpoint.url())),
        };
        let scheme = endpoint.auth_schemes().into_iter().find(|s| s.name == "sigv4");
        Ok(Target {
            uri,
            signing_region: scheme
                .as_ref()
                .and_then(|s| s.signing_region.clone())
                .unwrap_or_else(|| region.to_owned()),
            signing_name: scheme
                .and_then(|s| s.signing_name)
                .unwrap_or_else(|| service.to_owned()),
        })
    }
}

/// SSM's endpoint for `params` (SSM's rules give no auth scheme, so the signing region is
/// `region` and the name `ssm`); a rule-set error or a URL that is not absolute is an error.
pub fn ssm_target(params: &ssm::endpoint::Params, region: &str) -> Result<Target, String> {
    let endpoint = params.resolve().map_err(|e| e.to_string())?;
    Target::from_endpoint(&endpoint, region, SSM_SERVICE)
}

/// A blocking client for one signing region and service: signs, sends and reads any operation
/// of a generated crate, with the AWS standard retry mode (`retry::run` of the runtime).
pub struct Client {
    agent: ureq::Agent,
    target: Target,
    credentials: Credentials,
    policy: RetryPolicy,
    bucket: TokenBucket,
}

impl Client {
    /// A client for `target` with the standard retry mode (3 attempts).
    pub fn new(target: Target, credentials: Credentials) -> Client {
        let agent = ureq::Agent::config_builder()
            // Error replies must reach `parse_response` as responses, so that it can read the
            // error code, message and request id; ureq would otherwise turn them into errors.
            .http_status_as_error(false)
            .timeout_global(Some(CALL_TIMEOUT))
            .build()
            .new_agent();
        Client {
            agent,
            target,
            credentials,
            policy: RetryPolicy::standard(),
            bucket: TokenBucket::standard(),
        }
    }

    /// Another retry policy (`RetryPolicy::standard().max_attempts(1)` never retries).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Client {
        self.policy = policy;
        self
    }

    /// Where the client sends requests and how it signs them.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// One call of any operation, retried as the standard mode says (throttling and transient
    /// errors, transport failures): `build` makes the request (`Op::request_for(&input,
    /// &params)`, say; called again for each attempt, which is signed afresh), `parse` reads the
    /// reply (`Op::parse_response`).
    pub fn call<O, E>(
        &self,
        mut build: impl FnMut() -> Result<http::Request<Vec<u8>>, BuildRequestError>,
        mut parse: impl FnMut(&http::Response<Vec<u8>>) -> Result<O, E>,
    ) -> Result<O, CallError<E>>
    where
        E: Classify,
    {
        ssm::retry::run(&self.policy, &self.bucket, jitter, std::thread::sleep, |_attempt| {
            let response = self.send(build().map_err(CallError::Build)?)?;
            parse(&response).map_err(|e| CallError::Service(Box::new(e)))
        })
    }

    /// One `DescribeSessions` call to the client's endpoint: build, sign, send, read.
    pub fn describe_sessions(
        &self,
        input: &DescribeSessionsInput,
    ) -> Result<DescribeSessionsOutput, CallError<DescribeSessionsError>> {
        self.call(
            || DescribeSessions::request_to(input, &self.target.uri),
            DescribeSessions::parse_response,
        )
    }

    /// Signs the request and sends it; reads the whole reply, whatever its status.
    fn send<E>(&self, mut request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, CallError<E>> {
        let (region, name) = (&self.target.signing_region, &self.target.signing_name);
        sign(&mut request, &self.credentials, region, name, SystemTime::now()).map_err(CallError::Sign)?;
        let read = |request| -> Result<_, ureq::Error> {
            let (parts, mut body) = self.agent.run(request)?.into_parts();
            let body = body.read_to_vec()?;
            Ok(http::Response::from_parts(parts, body))
        };
        read(request).map_err(CallError::Transport)
    }
}

/// A number in `[0, 1)` for the retry backoff's jitter: std's per-process random hash keys,
/// which is random enough to spread retries and needs no other dependency.
fn jitter() -> f64 {
    let bits = RandomState::new().hash_one(SystemTime::now());
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// Signs `request` with SigV4 for the service `name` in `region` at `time`: adds the
/// `X-Amz-Date`, `Authorization` and, with a session token, `X-Amz-Security-Token` headers.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    name: &str,
    time: SystemTime,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(name)
        .time(time)
        .settings(SigningSettings::default())
        .build()?
        .into();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), value.to_str()?)))
        .collect::<Result<Vec<_>, http::header::ToStrError>>()?;
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )?;
    let (instructions, _signature) = aws_sigv4::http_request::sign(signable, &params)?.into_parts();
    // Like `instructions.apply_to_request_http1x(request)`, which panics on a header value that is
    // not valid (an access key id with a control character, say) where this returns an error.
    let (headers, _query_params) = instructions.into_parts();
    for header in headers {
        let mut value = http::HeaderValue::from_str(header.value())?;
        value.set_sensitive(header.sensitive());
        request.headers_mut().insert(header.name(), value);
    }
    Ok(())
}

/// Why one call failed; `E` is the operation's error type.
#[derive(Debug)]
pub enum CallError<E> {
    /// The input breaks the model's constraints, or the endpoint is unusable.
    Build(BuildRequestError),
    /// The request could not be signed.
    Sign(Box<dyn Error + Send + Sync>),
    /// No reply: name resolution, connection, TLS, timeout, or the body could not be read.
    Transport(ureq::Error),
    /// The service answered with an error (or with a reply that cannot be read).
    Service(Box<E>),
}

impl<E> CallError<E> {
    /// The service's error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            CallError::Service(e) => Some(e),
            _ => None,
        }
    }
}

/// A transport failure is transient (retried); a request that cannot be built or signed fails
/// the same way again; a service error is classified by the generated crate.
impl<E: Classify> Classify for CallError<E> {
    fn retry_kind(&self) -> ErrorKind {
        match self {
            CallError::Build(_) | CallError::Sign(_) => ErrorKind::Client,
            CallError::Transport(_) => ErrorKind::Transient,
            CallError::Service(e) => e.retry_kind(),
        }
    }
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Build(e) => write!(f, "cannot build the request: {e}"),
            CallError::Sign(e) => write!(f, "cannot sign the request: {e}"),
            CallError::Transport(e) => write!(f, "no reply from the service: {e}"),
            CallError::Service(e) => write!(f, "the service returned an error: {e}"),
        }
    }
}

impl<E: Error + 'static> Error for CallError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            CallError::Build(e) => Some(e),
            CallError::Sign(e) => Some(e.as_ref()),
            CallError::Transport(e) => Some(e),
            CallError::Service(e) => Some(e.as_ref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssm::types::SessionState;
    use std::time::UNIX_EPOCH;

    #[test]
    fn resolves_the_endpoint_from_the_region() {
        let uri = |params: ssm::endpoint::Params| ssm_target(&params, "-").map(|t| t.uri.to_string());
        let region = |r: &str| ssm::endpoint::Params::new().region(r);
        assert_eq!(
            uri(region("eu-west-1")).unwrap(),
            "https://ssm.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            uri(region("cn-north-1")).unwrap(),
            "https://ssm.cn-north-1.amazonaws.com.cn/"
        );
        assert_eq!(
            uri(region("us-gov-west-1").use_fips(true)).unwrap(),
            "https://ssm.us-gov-west-1.amazonaws.com/"
        );
        assert_eq!(
            uri(region("us-east-1").endpoint("http://127.0.0.1:5000")).unwrap(),
            "http://127.0.0.1:5000/"
        );
        assert!(matches!(
            uri(region("us-east-1").use_fips(true).endpoint("http://127.0.0.1:5000")),
            Err(why) if why.contains("FIPS and custom endpoint are not supported")
        ));
    }

    #[test]
    fn signs_a_request_to_the_resolved_endpoint() {
        let input = DescribeSessionsInput::builder()
            .state(SessionState::Active)
            .build()
            .unwrap();
        let target = ssm_target(&ssm::endpoint::Params::new().region("cn-north-1"), "cn-north-1").unwrap();
        assert_eq!(
            (target.signing_region.as_str(), target.signing_name.as_str()),
            ("cn-north-1", "ssm")
        );
        let mut request = DescribeSessions::request_to(&input, &target.uri).unwrap();
        let credentials = Credentials::new("AKID", "SECRET", None, None, "test");
        let time = UNIX_EPOCH + Duration::from_secs(1_751_284_800);
        sign(
            &mut request,
            &credentials,
            &target.signing_region,
            &target.signing_name,
            time,
        )
        .unwrap();
        assert_eq!(request.uri().host(), Some("ssm.cn-north-1.amazonaws.com.cn"));
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKID/20250630/cn-north-1/ssm/aws4_request, "),
            "{authorization}"
        );
    }

    #[test]
    fn signs_a_describe_sessions_request() {
        let input = DescribeSessionsInput::builder()
            .state(SessionState::Active)
            .build()
            .unwrap();
        let endpoint = http::Uri::from_static("https://ssm.us-east-1.amazonaws.com");
        let mut request = DescribeSessions::request_to(&input, &endpoint).unwrap();
        let credentials = Credentials::new("AKID", "SECRET", None, None, "test");
        // 2025-06-30T12:00:00Z
        let time = UNIX_EPOCH + Duration::from_secs(1_751_284_800);

        sign(&mut request, &credentials, "us-east-1", SSM_SERVICE, time).unwrap();

        let header = |name: &str| request.headers().get(name).map(|value| value.to_str().unwrap());
        assert_eq!(header("x-amz-date"), Some("20250630T120000Z"));
        assert_eq!(header("x-amz-security-token"), None);
        // The signature was checked against a separate implementation of the SigV4 algorithm
        // (canonical request, string to sign, derived key) over the same request.
        assert_eq!(
            header("authorization"),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKID/20250630/us-east-1/ssm/aws4_request, \
                 SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-target, \
                 Signature=cd8acc3f07fc2e8c4eeab29530c548732c528dc2c25bde6c6bc0536859f85530"
            )
        );
        // The signed body and target are the ones the generated crate built.
        assert_eq!(request.body(), br#"{"State":"Active"}"#);
        assert_eq!(header("x-amz-target"), Some("AmazonSSM.DescribeSessions"));
    }

    #[test]
    fn classifies_call_errors_for_retries() {
        let build: CallError<DescribeSessionsError> = CallError::Build(BuildRequestError::new("bad".into()));
        assert_eq!(build.retry_kind(), ErrorKind::Client);
        assert!((0..1000).map(|_| jitter()).all(|r| (0.0..1.0).contains(&r)));
    }
}
