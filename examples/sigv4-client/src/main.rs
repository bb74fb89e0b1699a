//! Lists the active AWS Systems Manager sessions of an account: the generated, sans-IO `ssm` crate
//! builds each `DescribeSessions` request and reads each reply, `aws-sigv4` signs the request and
//! `ureq` sends it. The paginator of the generated crate follows the `NextToken`s.
//!
//! Credentials come from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary
//! credentials, `AWS_SESSION_TOKEN`; the region from `AWS_REGION` (default `us-east-1`). The
//! endpoint is `https://ssm.{region}.amazonaws.com` unless `AWS_ENDPOINT_URL_SSM` names another
//! one. From the repository root:
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
    let endpoint = endpoint(&region)?;
    let client = Client::new(endpoint, region, credentials);
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
    eprintln!("{count} active session(s) in {}", client.region);
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

/// The endpoint: `AWS_ENDPOINT_URL_SSM` if set (as with the AWS SDKs, for a local test server, say),
/// else the regional endpoint `https://ssm.{region}.amazonaws.com`.
fn endpoint(region: &str) -> Result<http::Uri, Failure> {
    if let Some(url) = env_var("AWS_ENDPOINT_URL_SSM") {
        return match url.parse::<http::Uri>() {
            Ok(uri) if uri.scheme().is_some() && uri.authority().is_some() => Ok(uri),
            _ => Err(Failure::BadEndpoint(url)),
        };
    }
    // The region becomes part of the host name, so only a label is accepted.
    let is_label = !region.is_empty() && region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    match format!("https://ssm.{region}.amazonaws.com").parse() {
        Ok(uri) if is_label => Ok(uri),
        _ => Err(Failure::BadRegion(region.to_owned())),
    }
}

/// A blocking Systems Manager client for one endpoint and signing region.
struct Client {
    agent: ureq::Agent,
    endpoint: http::Uri,
    region: String,
    credentials: Credentials,
}

impl Client {
    fn new(endpoint: http::Uri, region: String, credentials: Credentials) -> Client {
        let agent = ureq::Agent::config_builder()
            // Error replies must reach `parse_response` as responses, so that it can read the
            // error code, message and request id; ureq would otherwise turn them into errors.
            .http_status_as_error(false)
            .timeout_global(Some(CALL_TIMEOUT))
            .build()
            .new_agent();
        Client {
            agent,
            endpoint,
            region,
            credentials,
        }
    }

    /// One `DescribeSessions` call: build, sign, send, read.
    fn describe_sessions(&self, input: &DescribeSessionsInput) -> Result<DescribeSessionsOutput, CallError> {
        let mut request = DescribeSessions::request_to(input, &self.endpoint).map_err(CallError::Build)?;
        sign(&mut request, &self.credentials, &self.region, SystemTime::now()).map_err(CallError::Sign)?;
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

/// Signs `request` with SigV4 for Systems Manager in `region` at `time`: adds the `X-Amz-Date`,
/// `Authorization` and, with a session token, `X-Amz-Security-Token` headers.
fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(SERVICE)
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
            Failure::BadEndpoint(url) => eprintln!("error: AWS_ENDPOINT_URL_SSM `{url}` is not an absolute URL"),
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

        sign(&mut request, &credentials, "us-east-1", time).unwrap();

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
