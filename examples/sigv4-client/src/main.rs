//! Lists the active AWS Systems Manager sessions of an account: the generated, sans-IO `ssm` crate
//! builds each `DescribeSessions` request and reads each reply, `aws-sigv4` signs the request and
//! `ureq` sends it. The paginator of the generated crate follows the `NextToken`s.
//!
//! Credentials come from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary
//! credentials, `AWS_SESSION_TOKEN`; the region from `AWS_REGION` (default `us-east-1`). The
//! endpoint is resolved from the region by SSM's own endpoint rules in the model (`ssm::endpoint`:
//! China, GovCloud and the ISO partitions included; `AWS_USE_FIPS_ENDPOINT=true` and
//! `AWS_USE_DUALSTACK_ENDPOINT=true` as with the AWS SDKs), unless `AWS_ENDPOINT_URL_SSM` names
//! another one. From the repository root:
//!
//! ```text
//! AWS_REGION=eu-west-1 cargo run --manifest-path examples/sigv4-client/Cargo.toml
//! ```
//!
//! It prints a header and one tab-separated line per session (id, target, owner, status, start
//! date) to stdout, and the count to stderr. Exit status: 0 on success; 1 when a call fails, with
//! the service's error code, message and request id on stderr; 2 when the credentials are missing
//! or the region or endpoint is unusable.
#![forbid(unsafe_code)]

use std::env;
use std::error::Error;
use std::fmt;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use ssm::error::{BuildError, BuildRequestError, PaginationError};
use ssm::operation::describe_sessions::{
    DescribeSessions, DescribeSessionsError, DescribeSessionsInput, DescribeSessionsOutput,
};
use ssm::types::{Session, SessionState};

/// The signing name of Systems Manager.
const SERVICE: &str = "ssm";
/// The region when `AWS_REGION` is unset or empty.
const DEFAULT_REGION: &str = "us-east-1";
/// The longest a single call may take, connecting and reading the reply included.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report();
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Reads the environment, then lists the active sessions page by page.
fn run() -> Result<(), Failure> {
    let credentials = credentials_from_env().ok_or(Failure::NoCredentials)?;
    let region = env_var("AWS_REGION").unwrap_or_else(|| DEFAULT_REGION.to_owned());
    let target = endpoint(&region)?;
    let client = Client::new(target, credentials);
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .build()
        .map_err(Failure::Input)?;

    let mut count = 0;
    for session in DescribeSessions::paginate(input, |input| client.describe_sessions(input)).items() {
        let session = session.map_err(Failure::Call)?;
        if count == 0 {
            println!("SESSION ID\tTARGET\tOWNER\tSTATUS\tSTART DATE");
        }
        print_session(&session);
        count += 1;
    }
    eprintln!("{count} active session(s) in {}", client.target.signing_region);
    Ok(())
}

fn print_session(session: &Session) {
    println!(
        "{}\t{}\t{}\t{}\t{}",
        session.session_id().unwrap_or("-"),
        session.target().unwrap_or("-"),
        session.owner().unwrap_or("-"),
        session.status().map_or("-", |status| status.as_str()),
        session
            .start_date()
            .map_or_else(|| "-".to_owned(), |date| date.to_rfc3339()),
    );
}

/// An environment variable that is set, valid Unicode and not empty.
fn env_var(name: &str) -> Option<String> {
    env::var(name).ok().filter(|value| !value.is_empty())
}

/// Static credentials from the standard environment variables, if both keys are set.
fn credentials_from_env() -> Option<Credentials> {
    Some(Credentials::new(
        env_var("AWS_ACCESS_KEY_ID")?,
        env_var("AWS_SECRET_ACCESS_KEY")?,
        env_var("AWS_SESSION_TOKEN"),
        None,
        "environment",
    ))
}

/// The endpoint SSM's rules give for the region, FIPS and dual-stack settings, or
/// `AWS_ENDPOINT_URL_SSM` (as with the AWS SDKs, for a local test server, say), checked by the same
/// rules.
fn endpoint(region: &str) -> Result<Target, Failure> {
    // The region becomes part of the host name, so only a label is accepted.
    if region.is_empty() || !region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Failure::BadRegion(region.to_owned()));
    }
    let flag = |name: &str| env_var(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let mut params = ssm::endpoint::Params::new()
        .region(region)
        .use_fips(flag("AWS_USE_FIPS_ENDPOINT"))
        .use_dual_stack(flag("AWS_USE_DUALSTACK_ENDPOINT"));
    if let Some(url) = env_var("AWS_ENDPOINT_URL_SSM") {
        params = params.endpoint(url);
    }
    resolve(&params, region)
}

/// Where to send requests and how to sign them.
#[derive(Debug)]
struct Target {
    uri: http::Uri,
    /// From the endpoint's `sigv4` auth scheme when the rules give one, else the region.
    signing_region: String,
    /// From the same auth scheme, else `ssm`.
    signing_name: String,
}

/// The endpoint's URL as a URI, with the signing region and name its `sigv4` auth scheme gives
/// (SSM's rules give none, so those are the region and `ssm`); a URL that is not an absolute URI
/// (a custom endpoint without a scheme, say) or a rule-set error is a bad endpoint.
fn resolve(params: &ssm::endpoint::Params, region: &str) -> Result<Target, Failure> {
    let endpoint = params.resolve().map_err(|e| Failure::BadEndpoint(e.to_string()))?;
    let uri = match endpoint.url().parse::<http::Uri>() {
        Ok(uri) if uri.scheme().is_some() && uri.authority().is_some() => uri,
        _ => return Err(Failure::BadEndpoint(format!("`{}` is not an absolute URL", endpoint.url()))),
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
            .unwrap_or_else(|| SERVICE.to_owned()),
    })
}

/// A blocking Systems Manager client for one endpoint and signing region.
struct Client {
    agent: ureq::Agent,
    target: Target,
    credentials: Credentials,
}

impl Client {
    fn new(target: Target, credentials: Credentials) -> Client {
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
        }
    }

    /// One `DescribeSessions` call: build, sign, send, read.
    fn describe_sessions(&self, input: &DescribeSessionsInput) -> Result<DescribeSessionsOutput, CallError> {
        let mut request = DescribeSessions::request_to(input, &self.target.uri).map_err(CallError::Build)?;
        let (region, name) = (&self.target.signing_region, &self.target.signing_name);
        sign(&mut request, &self.credentials, region, name, SystemTime::now()).map_err(CallError::Sign)?;
        let response = self.send(request).map_err(CallError::Transport)?;
        DescribeSessions::parse_response(&response).map_err(|e| CallError::Service(Box::new(e)))
    }

    /// Sends the request and reads the whole reply, whatever its status.
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, ureq::Error> {
        let (parts, mut body) = self.agent.run(request)?.into_parts();
        let body = body.read_to_vec()?;
        Ok(http::Response::from_parts(parts, body))
    }
}

/// Signs `request` with SigV4 for the service `name` in `region` at `time`: adds the
/// `X-Amz-Date`, `Authorization` and, with a session token, `X-Amz-Security-Token` headers.
fn sign(
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

/// Why one `DescribeSessions` call failed.
#[derive(Debug)]
enum CallError {
    /// The input breaks the model's constraints, or the endpoint is unusable.
    Build(BuildRequestError),
    /// The request could not be signed.
    Sign(Box<dyn Error + Send + Sync>),
    /// No reply: name resolution, connection, TLS, timeout, or the body could not be read.
    Transport(ureq::Error),
    /// The service answered with an error (or with a reply that cannot be read).
    Service(Box<DescribeSessionsError>),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Build(e) => write!(f, "cannot build the request: {e}"),
            CallError::Sign(e) => write!(f, "cannot sign the request: {e}"),
            CallError::Transport(e) => write!(f, "no reply from the service: {e}"),
            CallError::Service(e) => write!(f, "the service returned an error: {e}"),
        }
    }
}

impl Error for CallError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            CallError::Build(e) => Some(e),
            CallError::Sign(e) => Some(e.as_ref()),
            CallError::Transport(e) => Some(e),
            CallError::Service(e) => Some(e.as_ref()),
        }
    }
}

/// Why the program stops without listing every session.
#[derive(Debug)]
enum Failure {
    /// `AWS_ACCESS_KEY_ID` or `AWS_SECRET_ACCESS_KEY` is missing.
    NoCredentials,
    /// `AWS_REGION` cannot be part of a host name.
    BadRegion(String),
    /// `AWS_ENDPOINT_URL_SSM` is not an absolute URL.
    BadEndpoint(String),
    /// The input could not be built.
    Input(BuildError),
    /// A page could not be fetched.
    Call(PaginationError<CallError>),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::NoCredentials | Failure::BadRegion(_) | Failure::BadEndpoint(_) => 2,
            Failure::Input(_) | Failure::Call(_) => 1,
        }
    }

    /// Prints the failure to stderr; for a service error, also its code, message and request id.
    fn report(&self) {
        match self {
            Failure::NoCredentials => eprintln!(
                "error: no AWS credentials in the environment: set AWS_ACCESS_KEY_ID and \
                 AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)"
            ),
            Failure::BadRegion(region) => {
                eprintln!("error: AWS_REGION `{region}` is not a region name (letters, digits and `-`)")
            }
            Failure::BadEndpoint(why) => eprintln!("error: no usable endpoint: {why}"),
            Failure::Input(e) => eprintln!("error: cannot build the DescribeSessions input: {e}"),
            Failure::Call(e) => {
                eprintln!("error: DescribeSessions failed: {e}");
                if let PaginationError::Send(CallError::Service(e)) = e {
                    let status = e.status().map(|status| status.to_string());
                    eprintln!("  code:       {}", e.code().unwrap_or("-"));
                    eprintln!("  message:    {}", e.message().unwrap_or("-"));
                    eprintln!("  request id: {}", e.request_id().unwrap_or("-"));
                    eprintln!("  status:     {}", status.as_deref().unwrap_or("-"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn resolves_the_endpoint_from_the_region() {
        let uri = |params: ssm::endpoint::Params| resolve(&params, "-").map(|t| t.uri.to_string());
        let region = |r: &str| ssm::endpoint::Params::new().region(r);
        assert_eq!(uri(region("eu-west-1")).unwrap(), "https://ssm.eu-west-1.amazonaws.com/");
        assert_eq!(uri(region("cn-north-1")).unwrap(), "https://ssm.cn-north-1.amazonaws.com.cn/");
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
            Err(Failure::BadEndpoint(why)) if why.contains("FIPS and custom endpoint are not supported")
        ));
    }

    #[test]
    fn signs_a_request_to_the_resolved_endpoint() {
        let input = DescribeSessionsInput::builder()
            .state(SessionState::Active)
            .build()
            .unwrap();
        let target = resolve(&ssm::endpoint::Params::new().region("cn-north-1"), "cn-north-1").unwrap();
        assert_eq!((target.signing_region.as_str(), target.signing_name.as_str()), ("cn-north-1", "ssm"));
        let mut request = DescribeSessions::request_to(&input, &target.uri).unwrap();
        let credentials = Credentials::new("AKID", "SECRET", None, None, "test");
        let time = UNIX_EPOCH + Duration::from_secs(1_751_284_800);
        sign(&mut request, &credentials, &target.signing_region, &target.signing_name, time).unwrap();
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

        sign(&mut request, &credentials, "us-east-1", SERVICE, time).unwrap();

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
}
