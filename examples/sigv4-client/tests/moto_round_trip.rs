//! Round trips against moto's server, the AWS emulator (pinned in `.ci/moto`): requests built by
//! the generated crates' `request_for` (endpoint parameters with `endpoint` = moto's URL, region
//! `us-east-1`), signed with SigV4 (fake credentials `testing`/`testing`), sent with ureq through
//! the example's `Client` (with its standard-mode retries), read by the generated
//! `parse_response`.
//!
//! - SSM Parameter Store (`generated/ssm-parameters`, awsJson1_1): PutParameter, GetParameter,
//!   GetParametersByPath through the generated paginator over several pages, DeleteParameter,
//!   and the modelled `ParameterNotFound` and `ParameterAlreadyExists` errors.
//! - SQS (`generated/sqs`, awsJson1_0 with `@awsQueryCompatible`): CreateQueue, GetQueueUrl,
//!   SendMessage, ReceiveMessage, DeleteMessage, DeleteQueue, and the modelled
//!   `QueueDoesNotExist` error.
//! - Amazon EFS (`generated/efs`, restJson1): CreateFileSystem (201, a JSON body),
//!   DescribeFileSystems by a query parameter and through the generated paginator,
//!   DeleteFileSystem (204, a URI label), and the modelled `FileSystemNotFound` error (404, named
//!   by `X-Amzn-ErrorType`).
//!
//! The emulator is the one at `SHAPESMITH_MOTO_URL` when that is set; otherwise this starts one
//! with `.ci/moto start` (which installs the pinned moto into `target/moto-venv` the first time)
//! and stops it after the last case. An emulator that does not start fails the run with moto's
//! log: it is never skipped.
//!
//! Its own `main` (`harness = false`): `cargo test --test moto_round_trip [NAME...]` runs the
//! cases whose names contain one of the NAMEs (all of them by default); `--list` lists them.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::{SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials;
use efs::operation::create_file_system::{CreateFileSystem, CreateFileSystemInput};
use efs::operation::delete_file_system::{DeleteFileSystem, DeleteFileSystemInput};
use efs::operation::describe_file_systems::{DescribeFileSystems, DescribeFileSystemsError, DescribeFileSystemsInput};
use sigv4_client::{CallError, Client, Target};
// The three crates share shapesmith-runtime, so one import of its traits serves them all.
use sqs::operation::create_queue::{CreateQueue, CreateQueueInput};
use sqs::operation::delete_message::{DeleteMessage, DeleteMessageInput};
use sqs::operation::delete_queue::{DeleteQueue, DeleteQueueInput};
use sqs::operation::get_queue_url::{GetQueueUrl, GetQueueUrlError, GetQueueUrlInput};
use sqs::operation::receive_message::{ReceiveMessage, ReceiveMessageInput};
use sqs::operation::send_message::{SendMessage, SendMessageInput};
use ssm_parameters::operation::delete_parameter::{DeleteParameter, DeleteParameterInput};
use ssm_parameters::operation::get_parameter::{GetParameter, GetParameterError, GetParameterInput};
use ssm_parameters::operation::get_parameters_by_path::{GetParametersByPath, GetParametersByPathInput};
use ssm_parameters::operation::put_parameter::{PutParameter, PutParameterError, PutParameterInput};
use ssm_parameters::prelude::{Operation as _, ServiceError as _};
use ssm_parameters::types::ParameterType;

const REGION: &str = "us-east-1";
/// How many parameters the pagination case puts under its path, and the page size it asks for:
/// three pages (5, 5, 2).
const PARAMETERS: usize = 12;
const PAGE_SIZE: i32 = 5;

/// One case: a name and the function that panics when it fails.
type Case = (&'static str, fn(&Emulator));

const CASES: &[Case] = &[
    ("ssm_put_and_get_parameter", ssm_put_and_get_parameter),
    (
        "ssm_get_parameters_by_path_over_several_pages",
        ssm_get_parameters_by_path_over_several_pages,
    ),
    (
        "ssm_delete_parameter_then_parameter_not_found",
        ssm_delete_parameter_then_parameter_not_found,
    ),
    ("sqs_create_send_receive_delete", sqs_create_send_receive_delete),
    ("sqs_queue_does_not_exist", sqs_queue_does_not_exist),
    ("efs_create_describe_delete", efs_create_describe_delete),
    ("efs_file_system_not_found", efs_file_system_not_found),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let cases: Vec<&Case> = CASES
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f)))
        .collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in &cases {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }
    if cases.is_empty() {
        println!("running 0 tests");
        return ExitCode::SUCCESS;
    }

    println!("\nrunning {} tests against moto", cases.len());
    let emulator = match Emulator::start() {
        Ok(emulator) => emulator,
        Err(why) => {
            // Never a skip: no emulator is a failure of every case.
            eprintln!("error: the emulator did not start, so no round trip ran:\n{why}");
            println!("\ntest result: FAILED. 0 passed; {} failed (no emulator)", cases.len());
            return ExitCode::FAILURE;
        }
    };
    println!("emulator: {} ({})", emulator.server.url, emulator.server.origin());

    let mut failed = Vec::new();
    for (name, case) in &cases {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| case(&emulator)));
        println!("test {name} ... {}", if outcome.is_ok() { "ok" } else { "FAILED" });
        if outcome.is_err() {
            failed.push(*name);
        }
    }
    drop(emulator);

    let passed = cases.len() - failed.len();
    if failed.is_empty() {
        println!("\ntest result: ok. {passed} passed; 0 failed\n");
        ExitCode::SUCCESS
    } else {
        println!("\nfailures: {}", failed.join(", "));
        println!("\ntest result: FAILED. {passed} passed; {} failed\n", failed.len());
        ExitCode::FAILURE
    }
}

/// moto's server, and what every case needs to talk to it.
struct Emulator {
    server: Server,
    /// Names made unique per run, so that a long-running emulator (`SHAPESMITH_MOTO_URL`) can
    /// serve several runs.
    run: String,
    ssm: Client,
    sqs: Client,
    efs: Client,
}

impl Emulator {
    fn start() -> Result<Emulator, String> {
        // A failure after this line drops `server`, which stops the emulator it started.
        let server = Server::start()?;
        let ssm = Target::from_endpoint(
            &server.ssm_params().resolve().map_err(|e| e.to_string())?,
            REGION,
            "ssm",
        )?;
        let sqs = Target::from_endpoint(
            &server.sqs_params().resolve().map_err(|e| e.to_string())?,
            REGION,
            "sqs",
        )?;
        let efs = Target::from_endpoint(
            &server.efs_params().resolve().map_err(|e| e.to_string())?,
            REGION,
            "elasticfilesystem",
        )?;
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        Ok(Emulator {
            run: format!("{}-{millis}", std::process::id()),
            ssm: Client::new(ssm, credentials()),
            sqs: Client::new(sqs, credentials()),
            efs: Client::new(efs, credentials()),
            server,
        })
    }

    fn ssm_params(&self) -> ssm_parameters::endpoint::Params {
        self.server.ssm_params()
    }

    fn sqs_params(&self) -> sqs::endpoint::Params {
        self.server.sqs_params()
    }

    fn efs_params(&self) -> efs::endpoint::Params {
        self.server.efs_params()
    }

    /// A parameter path of this run.
    fn path(&self, case: &str) -> String {
        format!("/shapesmith/test/{}/{case}", self.run)
    }
}

/// The emulator's URL; the emulator is stopped on drop if this process started it.
struct Server {
    url: String,
    started: bool,
}

impl Server {
    /// The emulator at `SHAPESMITH_MOTO_URL`, or a new one from `.ci/moto start`.
    fn start() -> Result<Server, String> {
        match std::env::var("SHAPESMITH_MOTO_URL") {
            Ok(url) if !url.is_empty() => Ok(Server { url, started: false }),
            _ => Ok(Server {
                url: moto_script("start")?,
                started: true,
            }),
        }
    }

    fn origin(&self) -> &'static str {
        if self.started {
            "started by this test, stopped after it"
        } else {
            "from SHAPESMITH_MOTO_URL"
        }
    }

    /// SSM's endpoint parameters: region us-east-1, the emulator as the custom endpoint.
    fn ssm_params(&self) -> ssm_parameters::endpoint::Params {
        ssm_parameters::endpoint::Params::new()
            .region(REGION)
            .endpoint(&self.url)
    }

    /// SQS's, the same way.
    fn sqs_params(&self) -> sqs::endpoint::Params {
        sqs::endpoint::Params::new().region(REGION).endpoint(&self.url)
    }

    /// EFS's, the same way.
    fn efs_params(&self) -> efs::endpoint::Params {
        efs::endpoint::Params::new().region(REGION).endpoint(&self.url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.started {
            if let Err(why) = moto_script("stop") {
                eprintln!("warning: could not stop the emulator: {why}");
            }
        }
    }
}

/// Runs `.ci/moto <command>`; its stdout (the URL, for `start`) or, on failure, its stderr
/// (which holds moto's log).
fn moto_script(command: &str) -> Result<String, String> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/moto");
    let output = Command::new(&script)
        .arg(command)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("`.ci/moto {command}` failed ({}):\n{stderr}", output.status));
    }
    eprint!("{stderr}");
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// moto accepts any credentials; these are the ones its documentation uses.
fn credentials() -> Credentials {
    Credentials::new("testing", "testing", None, None, "moto")
}

fn put_parameter(
    moto: &Emulator,
    name: &str,
    value: &str,
    overwrite: bool,
) -> Result<i64, CallError<PutParameterError>> {
    let input = PutParameterInput::builder()
        .name(name)
        .value(value)
        .r#type(ParameterType::String)
        .overwrite(overwrite)
        .build()
        .unwrap();
    let params = moto.ssm_params();
    let output = moto.ssm.call(
        || PutParameter::request_for(&input, &params),
        PutParameter::parse_response,
    )?;
    Ok(output.version())
}

fn get_parameter(moto: &Emulator, name: &str) -> Result<String, CallError<GetParameterError>> {
    let input = GetParameterInput::builder().name(name).build().unwrap();
    let params = moto.ssm_params();
    let output = moto.ssm.call(
        || GetParameter::request_for(&input, &params),
        GetParameter::parse_response,
    )?;
    let parameter = output.parameter().expect("GetParameter gives the parameter");
    assert_eq!(parameter.name(), Some(name));
    Ok(parameter.value().expect("the parameter has a value").to_owned())
}

fn ssm_put_and_get_parameter(moto: &Emulator) {
    let name = format!("{}/greeting", moto.path("put-get"));
    assert_eq!(put_parameter(moto, &name, "hello, moto", false).unwrap(), 1);
    assert_eq!(get_parameter(moto, &name).unwrap(), "hello, moto");

    // A second put without Overwrite is the modelled ParameterAlreadyExists error.
    let error = put_parameter(moto, &name, "again", false).unwrap_err();
    let error = error
        .service_error()
        .unwrap_or_else(|| panic!("not a service error: {error}"));
    assert!(error.is_parameter_already_exists(), "{error:?}");
    assert!(matches!(error, PutParameterError::ParameterAlreadyExists(_)));
    assert_eq!(error.code(), Some("ParameterAlreadyExists"));
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));

    // With Overwrite, a new version.
    assert_eq!(put_parameter(moto, &name, "hello again", true).unwrap(), 2);
    assert_eq!(get_parameter(moto, &name).unwrap(), "hello again");
}

fn ssm_get_parameters_by_path_over_several_pages(moto: &Emulator) {
    let path = moto.path("by-path");
    let mut expected: Vec<(String, String)> = (0..PARAMETERS)
        .map(|i| (format!("{path}/param-{i:02}"), format!("value {i}")))
        .collect();
    for (name, value) in &expected {
        put_parameter(moto, name, value, true).unwrap();
    }

    let input = GetParametersByPathInput::builder()
        .path(&path)
        .recursive(true)
        .build()
        .unwrap();
    let params = moto.ssm_params();
    let mut page_sizes = Vec::new();
    let mut tokens = 0;
    let mut found = Vec::new();
    let pages = GetParametersByPath::paginate(input, |input| {
        moto.ssm.call(
            || GetParametersByPath::request_for(input, &params),
            GetParametersByPath::parse_response,
        )
    })
    .page_size(PAGE_SIZE);
    for page in pages {
        let page = page.unwrap();
        page_sizes.push(page.parameters().len());
        tokens += usize::from(page.next_token().is_some_and(|t| !t.is_empty()));
        for parameter in page.parameters() {
            found.push((
                parameter.name().unwrap().to_owned(),
                parameter.value().unwrap().to_owned(),
            ));
        }
    }

    assert!(page_sizes.len() > 1, "one page only: {page_sizes:?}");
    assert!(page_sizes.iter().all(|&n| n <= PAGE_SIZE as usize), "{page_sizes:?}");
    assert_eq!(tokens, page_sizes.len() - 1, "every page but the last has a token");
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "pages {page_sizes:?}");
    eprintln!("    GetParametersByPath: {PARAMETERS} parameters in pages of {page_sizes:?}");
}

fn ssm_delete_parameter_then_parameter_not_found(moto: &Emulator) {
    let name = format!("{}/doomed", moto.path("delete"));
    put_parameter(moto, &name, "short-lived", false).unwrap();
    assert_eq!(get_parameter(moto, &name).unwrap(), "short-lived");

    let input = DeleteParameterInput::builder().name(&name).build().unwrap();
    let params = moto.ssm_params();
    let delete = || {
        moto.ssm.call(
            || DeleteParameter::request_for(&input, &params),
            DeleteParameter::parse_response,
        )
    };
    delete().unwrap();

    let error = get_parameter(moto, &name).unwrap_err();
    let error = error
        .service_error()
        .unwrap_or_else(|| panic!("not a service error: {error}"));
    assert!(error.is_parameter_not_found(), "{error:?}");
    let GetParameterError::ParameterNotFound(not_found) = error else {
        panic!("not ParameterNotFound: {error:?}")
    };
    assert_eq!(error.code(), Some("ParameterNotFound"));
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
    eprintln!("    GetParameter after DeleteParameter: {not_found:?}");

    // Deleting it again is DeleteParameter's own ParameterNotFound.
    let error = delete().unwrap_err();
    assert!(
        error.service_error().is_some_and(|e| e.is_parameter_not_found()),
        "{error:?}"
    );
}

fn sqs_create_send_receive_delete(moto: &Emulator) {
    let params = moto.sqs_params();
    let queue_name = format!("shapesmith-{}", moto.run);
    let input = CreateQueueInput::builder().queue_name(&queue_name).build().unwrap();
    let created = moto
        .sqs
        .call(
            || CreateQueue::request_for(&input, &params),
            CreateQueue::parse_response,
        )
        .unwrap();
    let queue_url = created.queue_url().expect("CreateQueue gives the queue URL").to_owned();
    assert!(queue_url.ends_with(&format!("/{queue_name}")), "{queue_url}");

    let input = GetQueueUrlInput::builder().queue_name(&queue_name).build().unwrap();
    let found = moto
        .sqs
        .call(
            || GetQueueUrl::request_for(&input, &params),
            GetQueueUrl::parse_response,
        )
        .unwrap();
    assert_eq!(found.queue_url(), Some(queue_url.as_str()));

    let body = "Hello from shapesmith: {\"json\": true, \"unicode\": \"\u{e9}\u{1F980}\"}";
    let input = SendMessageInput::builder()
        .queue_url(&queue_url)
        .message_body(body)
        .build()
        .unwrap();
    let sent = moto
        .sqs
        .call(
            || SendMessage::request_for(&input, &params),
            SendMessage::parse_response,
        )
        .unwrap();
    let message_id = sent.message_id().expect("SendMessage gives the message id").to_owned();

    let input = ReceiveMessageInput::builder()
        .queue_url(&queue_url)
        .max_number_of_messages(1)
        .wait_time_seconds(1)
        .build()
        .unwrap();
    let received = moto
        .sqs
        .call(
            || ReceiveMessage::request_for(&input, &params),
            ReceiveMessage::parse_response,
        )
        .unwrap();
    let [message] = received.messages() else {
        panic!("expected one message, got {:?}", received.messages())
    };
    assert_eq!(message.body(), Some(body));
    assert_eq!(message.message_id(), Some(message_id.as_str()));

    let receipt_handle = message.receipt_handle().expect("a receipt handle");
    let input = DeleteMessageInput::builder()
        .queue_url(&queue_url)
        .receipt_handle(receipt_handle)
        .build()
        .unwrap();
    moto.sqs
        .call(
            || DeleteMessage::request_for(&input, &params),
            DeleteMessage::parse_response,
        )
        .unwrap();

    let input = DeleteQueueInput::builder().queue_url(&queue_url).build().unwrap();
    moto.sqs
        .call(
            || DeleteQueue::request_for(&input, &params),
            DeleteQueue::parse_response,
        )
        .unwrap();
}

fn sqs_queue_does_not_exist(moto: &Emulator) {
    let params = moto.sqs_params();
    let input = GetQueueUrlInput::builder()
        .queue_name(format!("shapesmith-missing-{}", moto.run))
        .build()
        .unwrap();
    let error = moto
        .sqs
        .call(
            || GetQueueUrl::request_for(&input, &params),
            GetQueueUrl::parse_response,
        )
        .unwrap_err();
    let error = error
        .service_error()
        .unwrap_or_else(|| panic!("not a service error: {error}"));
    assert!(error.is_queue_does_not_exist(), "{error:?}");
    assert!(matches!(error, GetQueueUrlError::QueueDoesNotExist(_)));
    // @awsQueryCompatible: the code is the query code from `x-amzn-query-error`.
    assert_eq!(error.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
    eprintln!(
        "    GetQueueUrl of a missing queue: code {:?}, {:?}",
        error.code(),
        error.message()
    );
}

/// How many file systems the EFS case creates, and the page size it asks for.
const FILE_SYSTEMS: usize = 3;
const EFS_PAGE_SIZE: i32 = 2;

fn efs_create_describe_delete(moto: &Emulator) {
    let params = moto.efs_params();
    let mut created = Vec::new();
    for i in 0..FILE_SYSTEMS {
        let token = format!("shapesmith-{}-{i}", moto.run);
        let input = CreateFileSystemInput::builder().creation_token(&token).build().unwrap();
        let output = moto
            .efs
            .call(
                || CreateFileSystem::request_for(&input, &params),
                CreateFileSystem::parse_response,
            )
            .unwrap();
        assert_eq!(output.creation_token(), token);
        assert!(output.file_system_id().starts_with("fs-"), "{output:?}");
        created.push((token, output.file_system_id().to_owned()));
    }

    // One by its creation token, a query parameter.
    let (token, id) = &created[0];
    let input = DescribeFileSystemsInput::builder()
        .creation_token(token)
        .build()
        .unwrap();
    let found = moto
        .efs
        .call(
            || DescribeFileSystems::request_for(&input, &params),
            DescribeFileSystems::parse_response,
        )
        .unwrap();
    let ids: Vec<&str> = found.file_systems().iter().map(|f| f.file_system_id()).collect();
    assert_eq!(ids, [id.as_str()]);

    // All of them through the paginator (`Marker`/`NextMarker`, `MaxItems` in the query).
    let mut listed = Vec::new();
    let mut pages = 0;
    let input = DescribeFileSystemsInput::builder().build().unwrap();
    for page in DescribeFileSystems::paginate(input, |input| {
        moto.efs.call(
            || DescribeFileSystems::request_for(input, &params),
            DescribeFileSystems::parse_response,
        )
    })
    .page_size(EFS_PAGE_SIZE)
    {
        let page = page.unwrap();
        pages += 1;
        listed.extend(page.file_systems().iter().map(|f| f.file_system_id().to_owned()));
    }
    for (_, id) in &created {
        assert!(listed.contains(id), "{id} not listed in {listed:?}");
    }
    assert!(
        pages > 1,
        "{} file systems in one page of at most {EFS_PAGE_SIZE}",
        listed.len()
    );
    eprintln!(
        "    DescribeFileSystems: {} file systems in {pages} page(s)",
        listed.len()
    );

    // DeleteFileSystem: 204 and no body; the id is a URI label.
    for (_, id) in &created {
        let input = DeleteFileSystemInput::builder().file_system_id(id).build().unwrap();
        moto.efs
            .call(
                || DeleteFileSystem::request_for(&input, &params),
                DeleteFileSystem::parse_response,
            )
            .unwrap();
    }
}

fn efs_file_system_not_found(moto: &Emulator) {
    let params = moto.efs_params();
    let input = DescribeFileSystemsInput::builder()
        .file_system_id("fs-0123456789abcdef0")
        .build()
        .unwrap();
    let error = moto
        .efs
        .call(
            || DescribeFileSystems::request_for(&input, &params),
            DescribeFileSystems::parse_response,
        )
        .unwrap_err();
    let error = error
        .service_error()
        .unwrap_or_else(|| panic!("not a service error: {error}"));
    assert!(error.is_file_system_not_found(), "{error:?}");
    let DescribeFileSystemsError::FileSystemNotFound(not_found) = error else {
        panic!("not FileSystemNotFound: {error:?}")
    };
    assert_eq!(error.code(), Some("FileSystemNotFound"));
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    eprintln!("    DescribeFileSystems of a missing id: {not_found:?}");
}
