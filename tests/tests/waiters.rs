//! The generated `GetCommandInvocation::wait_until_command_executed` waiter
//! (SSM's `CommandExecuted`) against a fake SSM: the send function builds the
//! real request with `GetCommandInvocation::request`, answers from a
//! hand-made sequence of HTTP responses and reads each with
//! `GetCommandInvocation::parse_response`; the clock advances only by the
//! delays the waiter asks for.

use ssm_commands::prelude::Operation as _;
use ssm_commands::prelude::ServiceError as _;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;

use ssm_commands::operation::get_command_invocation::{
    GetCommandInvocation, GetCommandInvocationError, GetCommandInvocationInput, GetCommandInvocationOutput,
};
use ssm_commands::types::CommandInvocationStatus;
use ssm_commands::waiter::{AcceptorState, WaitError};

const COMMAND_ID: &str = "3b1e9a4c-7d2f-4e8a-9c61-0f5d2e7a8b93";
const INSTANCE_ID: &str = "i-0123456789abcdef0";

fn input() -> GetCommandInvocationInput {
    GetCommandInvocationInput::builder()
        .command_id(COMMAND_ID)
        .instance_id(INSTANCE_ID)
        .build()
        .expect("required members set")
}

fn status(status: &str) -> http::Response<Vec<u8>> {
    let body = format!(
        r#"{{"CommandId":"{COMMAND_ID}","InstanceId":"{INSTANCE_ID}","DocumentName":"AWS-RunShellScript",
            "Status":"{status}","StatusDetails":"{status}","ResponseCode":0}}"#
    );
    response(200, body)
}

fn error(code: &str) -> http::Response<Vec<u8>> {
    let status = if code == "InternalServerError" { 500 } else { 400 };
    response(
        status,
        format!(r#"{{"__type":"{code}","message":"{code} for the test"}}"#),
    )
}

fn response(status: u16, body: String) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-requestid", "0f8c2b6e-1d4a-4c3e-8b7f-5a9d0e2c4f61")
        .body(body.into_bytes())
        .expect("valid response")
}

/// A fake SSM answering from `responses` in order, on a virtual clock.
struct Fake {
    responses: RefCell<VecDeque<http::Response<Vec<u8>>>>,
    sent: Cell<u32>,
    clock: Cell<Duration>,
    slept: RefCell<Vec<Duration>>,
}

impl Fake {
    fn new(responses: Vec<http::Response<Vec<u8>>>) -> Fake {
        Fake {
            responses: RefCell::new(responses.into()),
            sent: Cell::new(0),
            clock: Cell::new(Duration::ZERO),
            slept: RefCell::new(Vec::new()),
        }
    }

    fn send(&self, input: &GetCommandInvocationInput) -> Result<GetCommandInvocationOutput, GetCommandInvocationError> {
        let request = GetCommandInvocation::request(input).expect("request builds");
        assert_eq!(request.headers()["x-amz-target"], "AmazonSSM.GetCommandInvocation");
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
        assert_eq!(body["CommandId"], COMMAND_ID);
        self.sent.set(self.sent.get() + 1);
        let response = self.responses.borrow_mut().pop_front().expect("a response left");
        GetCommandInvocation::parse_response(&response)
    }

    fn sleep(&self, delay: Duration) {
        self.slept.borrow_mut().push(delay);
        self.clock.set(self.clock.get() + delay);
    }

    /// Waits with a fixed random number.
    fn wait(
        &self,
        max_wait: Duration,
        rand: f64,
    ) -> Result<
        Result<GetCommandInvocationOutput, GetCommandInvocationError>,
        WaitError<GetCommandInvocationOutput, GetCommandInvocationError>,
    > {
        GetCommandInvocation::wait_until_command_executed(input(), max_wait).wait(
            |input| self.send(input),
            |delay| self.sleep(delay),
            || rand,
            || self.clock.get(),
        )
    }
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

#[test]
fn pending_then_in_progress_then_success() {
    let fake = Fake::new(vec![status("Pending"), status("InProgress"), status("Success")]);
    let output = fake
        .wait(Duration::from_secs(600), 1.0)
        .expect("no failure")
        .expect("an output");
    assert_eq!(output.status(), Some(&CommandInvocationStatus::Success));
    assert_eq!(fake.sent.get(), 3);
    // minDelay is 5 in the model: the highest delays are 5, then 10.
    assert_eq!(*fake.slept.borrow(), [secs(5.0), secs(10.0)]);

    // With rand = 0.5, random(5, 5) then random(5, 10).
    let fake = Fake::new(vec![status("Delayed"), status("InProgress"), status("Success")]);
    assert!(matches!(fake.wait(Duration::from_secs(600), 0.5), Ok(Ok(_))));
    assert_eq!(*fake.slept.borrow(), [secs(5.0), secs(7.5)]);
}

#[test]
fn a_failed_status_fails_naming_the_acceptor() {
    let fake = Fake::new(vec![status("InProgress"), status("Failed")]);
    match fake.wait(Duration::from_secs(600), 0.0) {
        Err(e @ WaitError::FailureState { .. }) => {
            assert_eq!(
                e.to_string(),
                "waiter CommandExecuted failed: acceptor 6 matched (failure when output `Status` stringEquals \
                 \"Failed\")"
            );
            let WaitError::FailureState {
                waiter,
                index,
                acceptor,
                outcome,
            } = e
            else {
                unreachable!()
            };
            assert_eq!(
                (waiter, index, acceptor.state),
                ("CommandExecuted", 6, AcceptorState::Failure)
            );
            assert_eq!(
                outcome.expect("the output").status(),
                Some(&CommandInvocationStatus::Failed)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fake.sent.get(), 2);
    for failure in ["Cancelled", "TimedOut", "Cancelling"] {
        let fake = Fake::new(vec![status(failure)]);
        assert!(matches!(
            fake.wait(Duration::from_secs(600), 0.0),
            Err(WaitError::FailureState { .. })
        ));
    }
}

#[test]
fn invocation_does_not_exist_is_retried() {
    // Right after SendCommand, the invocation may not exist yet.
    let fake = Fake::new(vec![
        error("InvocationDoesNotExist"),
        error("InvocationDoesNotExist"),
        status("Success"),
    ]);
    assert!(matches!(fake.wait(Duration::from_secs(600), 0.0), Ok(Ok(_))));
    assert_eq!(fake.sent.get(), 3);
    assert_eq!(*fake.slept.borrow(), [secs(5.0), secs(5.0)]);
}

#[test]
fn an_unexpected_error_fails_the_waiter() {
    let fake = Fake::new(vec![status("Pending"), error("InvalidCommandId")]);
    match fake.wait(Duration::from_secs(600), 0.0) {
        Err(WaitError::UnexpectedError(e)) => {
            assert!(e.is_invalid_command_id());
            assert_eq!(e.code(), Some("InvalidCommandId"));
        }
        other => panic!("{other:?}"),
    }
    // An error the model does not list is unexpected too.
    let fake = Fake::new(vec![error("ThrottlingException")]);
    assert!(matches!(
        fake.wait(Duration::from_secs(600), 0.0),
        Err(WaitError::UnexpectedError(GetCommandInvocationError::Unhandled(_)))
    ));
}

#[test]
fn the_max_wait_time_ends_the_wait() {
    let pending = (0..20).map(|_| status("Pending")).collect();
    let fake = Fake::new(pending);
    match fake.wait(Duration::from_secs(30), 1.0) {
        Err(WaitError::MaxWaitExceeded { attempts, last }) => {
            assert_eq!(attempts, 4);
            assert_eq!(
                last.expect("an output").status(),
                Some(&CommandInvocationStatus::Pending)
            );
        }
        other => panic!("{other:?}"),
    }
    // 5 + 10, then 20 would pass 30 - 5: cut to 10, and at 25 s only the
    // minimum delay is left.
    assert_eq!(*fake.slept.borrow(), [secs(5.0), secs(10.0), secs(10.0)]);
    assert!(fake.clock.get() <= Duration::from_secs(30));
}

#[test]
fn step_by_step_with_async_send() {
    let fake = Fake::new(vec![status("InProgress"), status("Success")]);
    let waiter = GetCommandInvocation::wait_until_command_executed(input(), Duration::from_secs(60))
        .min_delay(Duration::from_secs(1))
        .max_delay(Duration::from_secs(2));
    assert_eq!(waiter.spec().name, "CommandExecuted");
    assert_eq!(waiter.spec().acceptors.len(), 9);
    let future = waiter.wait_async(
        |input| std::future::ready(fake.send(&input)),
        |delay| {
            fake.sleep(delay);
            std::future::ready(())
        },
        || 1.0,
        || fake.clock.get(),
    );
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let result = loop {
        if let std::task::Poll::Ready(result) = future.as_mut().poll(&mut cx) {
            break result;
        }
    };
    assert!(matches!(result, Ok(Ok(_))));
    assert_eq!(*fake.slept.borrow(), [secs(1.0)]);
}

/// A waiter path the runtime's parser refuses is a generation warning, and
/// that waiter is left out.
#[test]
fn an_unparsable_path_is_a_warning() {
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(workspace.join("model/ssm/ssm-2014-11-06.json")).expect("model");
    let broken = text.replacen(r#""path": "Status""#, r#""path": "Status[0:2]""#, 1);
    assert_ne!(text, broken, "the model has a Status path");
    let path = std::env::temp_dir().join(format!("shapesmith-waiter-{}.json", std::process::id()));
    std::fs::write(&path, broken).expect("writable temp dir");
    let generated = shapesmith::Config::new(&path)
        .crate_name("ssm-commands")
        .operation("GetCommandInvocation")
        .files();
    let _ = std::fs::remove_file(&path);
    let generated = generated.expect("generates");
    let messages: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.contains("GetCommandInvocation")
            && m.contains("waiter `CommandExecuted` that is not generated")
            && m.contains("slice")),
        "{messages:?}"
    );
    let code: String = generated.files.values().map(String::as_str).collect();
    assert!(!code.contains("wait_until_command_executed"));
    assert!(!code.contains("Waitable"));
    let manifest = generated
        .files
        .iter()
        .find(|(p, _)| p.ends_with("Cargo.toml"))
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    assert!(!manifest.contains("waiters"), "{manifest}");
}

/// With the vendored runtime the waiter module is copied into the crate
/// (a folder, like the pattern and rules engines), so the waiter is
/// generated there too, with no warning.
#[test]
fn the_vendored_runtime_carries_the_waiter_module() {
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let generated = shapesmith::Config::new(workspace.join("model/ssm/ssm-2014-11-06.json"))
        .crate_name("ssm-commands")
        .operation("GetCommandInvocation")
        .runtime(shapesmith::Runtime::Vendored)
        .files()
        .expect("generates");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let code: String = generated.files.values().map(String::as_str).collect();
    assert!(code.contains("wait_until_command_executed"));
    for file in [
        "src/waiter/mod.rs",
        "src/waiter/jmespath.rs",
        "src/waiter/acceptor.rs",
        "src/waiter/eval.rs",
        "src/waiter/inspect.rs",
    ] {
        assert!(
            generated.files.contains_key(std::path::Path::new(file)),
            "{file} is missing"
        );
    }
}

/// The hand-made restJson1 service's `JobDone` waiter (`generated/rest-edge-cases`)
/// reads `State`, `Steps[].Status` and `output.JobId`, members whose JSON
/// keys are their `@jsonName`s (`state`, `status`, `jobId`): the paths name
/// members as the model does, and the waiter reads them by those names
/// whatever the wire calls them.
mod json_name {
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::time::Duration;

    use rest_edge_cases::operation::get_job::{GetJob, GetJobError, GetJobInput, GetJobOutput};
    use rest_edge_cases::prelude::Operation as _;
    use rest_edge_cases::types::JobState;
    use rest_edge_cases::waiter::{Inspect, WaitError};

    const JOB: &str = "job-7f3a";

    fn input() -> GetJobInput {
        GetJobInput::builder()
            .job_id(JOB)
            .build()
            .expect("required members set")
    }

    /// A job response as the service writes it, with the `@jsonName` keys.
    fn job(id: &str, state: &str, steps: &[(&str, &str)]) -> http::Response<Vec<u8>> {
        let steps: Vec<String> = steps
            .iter()
            .map(|(name, status)| format!(r#"{{"name":"{name}","status":"{status}"}}"#))
            .collect();
        let body = format!(r#"{{"jobId":"{id}","state":"{state}","steps":[{}]}}"#, steps.join(","));
        http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(body.into_bytes())
            .expect("valid response")
    }

    type Outcome = Result<Result<GetJobOutput, GetJobError>, WaitError<GetJobOutput, GetJobError>>;

    fn wait(responses: Vec<http::Response<Vec<u8>>>) -> (Outcome, u32) {
        let responses = RefCell::new(VecDeque::from(responses));
        let (sent, clock) = (Cell::new(0u32), Cell::new(Duration::ZERO));
        let outcome = GetJob::wait_until_job_done(input(), Duration::from_secs(60)).wait(
            |input| {
                let request = GetJob::request(input).expect("request builds");
                assert_eq!(request.uri().path(), format!("/jobs/{JOB}"));
                sent.set(sent.get() + 1);
                let response = responses.borrow_mut().pop_front().expect("a response left");
                GetJob::parse_response(&response)
            },
            |delay| clock.set(clock.get() + delay),
            || 0.0,
            || clock.get(),
        );
        (outcome, sent.get())
    }

    #[test]
    fn the_output_reads_by_member_name_not_by_json_key() {
        let response = job(JOB, "RUNNING", &[("build", "DONE"), ("test", "RUNNING")]);
        let output = GetJob::parse_response(&response).expect("parses");
        assert_eq!(
            output.tree(),
            serde_json::json!({
                "JobId": JOB,
                "State": "RUNNING",
                "Steps": [{"Name": "build", "Status": "DONE"}, {"Name": "test", "Status": "RUNNING"}],
            })
        );
    }

    #[test]
    fn running_then_done_succeeds() {
        let (outcome, sent) = wait(vec![
            job(JOB, "RUNNING", &[("build", "RUNNING")]),
            job(JOB, "RUNNING", &[("build", "DONE"), ("test", "RUNNING")]),
            job(JOB, "DONE", &[("build", "DONE"), ("test", "DONE")]),
        ]);
        let output = outcome.expect("no failure").expect("an output");
        assert_eq!(output.state(), Some(&JobState::Done));
        assert_eq!(sent, 3);
    }

    #[test]
    fn a_failed_step_fails_the_waiter() {
        let (outcome, sent) = wait(vec![
            job(JOB, "RUNNING", &[("build", "RUNNING")]),
            job(JOB, "RUNNING", &[("build", "DONE"), ("test", "FAILED")]),
        ]);
        match outcome {
            Err(WaitError::FailureState { index, .. }) => assert_eq!(index, 1),
            other => panic!("expected the failed-step acceptor, got {other:?}"),
        }
        assert_eq!(sent, 2);
    }

    #[test]
    fn an_input_output_path_compares_the_input_with_the_output() {
        let (outcome, sent) = wait(vec![job("job-other", "DONE", &[])]);
        match outcome {
            Err(WaitError::FailureState { index, .. }) => assert_eq!(index, 0),
            other => panic!("expected the input/output acceptor, got {other:?}"),
        }
        assert_eq!(sent, 1);
    }
}
