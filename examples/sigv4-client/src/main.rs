//! Lists the active AWS Systems Manager sessions of an account: the generated, sans-IO `ssm` crate
//! builds each `DescribeSessions` request and reads each reply, `aws-sigv4` signs the request and
//! `ureq` sends it (through `sigv4_client::Client`, which retries throttled and transient
//! failures as the AWS standard retry mode does). The paginator of the generated crate follows
//! the `NextToken`s.
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
use std::process::ExitCode;

use aws_credential_types::Credentials;
use sigv4_client::{ssm_target, CallError, Client, Target};
use ssm::error::{BuildError, PaginationError};
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsError, DescribeSessionsInput};
use ssm::prelude::ServiceError as _;
use ssm::types::{Session, SessionState};

/// The region when `AWS_REGION` is unset or empty.
const DEFAULT_REGION: &str = "us-east-1";

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
    eprintln!("{count} active session(s) in {}", client.target().signing_region);
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
    ssm_target(&params, region).map_err(Failure::BadEndpoint)
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
    Call(PaginationError<CallError<DescribeSessionsError>>),
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
