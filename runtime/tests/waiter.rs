//! The waiter state machine over hand-made outcomes: acceptor order and
//! states, the comparators' exact semantics, errors, and the delays of the
//! Smithy waiters specification.

use std::time::Duration;

use serde_json::{json, Value};
use shapesmith_runtime::waiter::{
    Acceptor, AcceptorState, Comparator, ErrorType, Matcher, Step, WaitError, Waitable, Waiter, WaiterSpec,
};

struct Op;

impl Waitable for Op {
    type Input = Value;
    type Output = Value;
}

#[derive(Debug, PartialEq)]
struct Error(Option<&'static str>);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error {:?}", self.0)
    }
}

impl ErrorType for Error {
    fn error_type(&self) -> Option<&str> {
        self.0
    }
}

const fn output(path: &'static str, expected: &'static str, comparator: Comparator, state: AcceptorState) -> Acceptor {
    Acceptor {
        state,
        matcher: Matcher::Output {
            path,
            expected,
            comparator,
        },
    }
}

static STATUS: WaiterSpec = WaiterSpec {
    name: "Ready",
    min_delay: 2,
    max_delay: 120,
    acceptors: &[
        output("Status", "Pending", Comparator::StringEquals, AcceptorState::Retry),
        output("Status", "Ready", Comparator::StringEquals, AcceptorState::Success),
        output("Status", "Failed", Comparator::StringEquals, AcceptorState::Failure),
        Acceptor {
            state: AcceptorState::Retry,
            matcher: Matcher::ErrorType("com.example#NotYet"),
        },
        Acceptor {
            state: AcceptorState::Success,
            matcher: Matcher::ErrorType("Gone"),
        },
    ],
};

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

fn waiter(max_wait: u64) -> Waiter<Op> {
    Waiter::new(&STATUS, json!({"Id": "1"}), Duration::from_secs(max_wait))
}

#[test]
fn retries_until_a_success_acceptor_matches() {
    let mut w = waiter(600);
    assert!(matches!(
        w.step::<Error>(Ok(json!({"Status": "Pending"})), secs(0.0), 1.0),
        Step::RetryAfter(d) if d == secs(2.0)
    ));
    // An output no acceptor matches is a retry too.
    assert!(matches!(
        w.step::<Error>(Ok(json!({"Status": "Unknown"})), secs(2.0), 1.0),
        Step::RetryAfter(d) if d == secs(4.0)
    ));
    assert!(matches!(
        w.step(Err(Error(Some("NotYet"))), secs(6.0), 1.0),
        Step::RetryAfter(d) if d == secs(8.0)
    ));
    match w.step::<Error>(Ok(json!({"Status": "Ready", "Extra": 1})), secs(14.0), 1.0) {
        Step::Done(Ok(output)) => assert_eq!(output["Extra"], 1),
        other => panic!("{other:?}"),
    }
    assert_eq!(w.attempts(), 4);
}

#[test]
fn a_failure_acceptor_fails_naming_it() {
    let mut w = waiter(600);
    match w.step::<Error>(Ok(json!({"Status": "Failed"})), secs(0.0), 0.5) {
        Step::Failed(e @ WaitError::FailureState { index: 2, .. }) => {
            assert_eq!(
                e.to_string(),
                "waiter Ready failed: acceptor 2 matched (failure when output `Status` stringEquals \"Failed\")"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_match_by_type_or_fail_the_waiter() {
    let mut w = waiter(600);
    assert!(matches!(
        w.step(Err(Error(Some("Gone"))), secs(0.0), 0.5),
        Step::Done(Err(Error(Some("Gone"))))
    ));
    assert!(matches!(
        w.step(Err(Error(Some("com.example#NotYet"))), secs(0.0), 0.5),
        Step::RetryAfter(_)
    ));
    assert!(matches!(
        w.step(Err(Error(Some("AccessDenied"))), secs(0.0), 0.5),
        Step::Failed(WaitError::UnexpectedError(Error(Some("AccessDenied"))))
    ));
    assert!(matches!(
        w.step(Err(Error(None)), secs(0.0), 0.5),
        Step::Failed(WaitError::UnexpectedError(Error(None)))
    ));
}

#[test]
fn success_matchers_and_input_output() {
    static SPEC: WaiterSpec = WaiterSpec {
        name: "Exists",
        min_delay: 1,
        max_delay: 10,
        acceptors: &[
            Acceptor {
                state: AcceptorState::Retry,
                matcher: Matcher::Success(false),
            },
            Acceptor {
                state: AcceptorState::Success,
                matcher: Matcher::InputOutput {
                    path: "input.Id == output.Id",
                    expected: "true",
                    comparator: Comparator::BooleanEquals,
                },
            },
        ],
    };
    let mut w: Waiter<Op> = Waiter::new(&SPEC, json!({"Id": "a"}), Duration::from_secs(60));
    assert!(matches!(
        w.step(Err(Error(Some("Anything"))), secs(0.0), 0.0),
        Step::RetryAfter(_)
    ));
    assert!(matches!(
        w.step::<Error>(Ok(json!({"Id": "b"})), secs(1.0), 0.0),
        Step::RetryAfter(_)
    ));
    assert!(matches!(
        w.step::<Error>(Ok(json!({"Id": "a"})), secs(2.0), 0.0),
        Step::Done(Ok(_))
    ));
}

#[test]
fn comparators_follow_the_spec() {
    let c = |comparator: Comparator, value: Value, expected: &str| comparator.matches(&value, expected);
    assert!(c(Comparator::StringEquals, json!("a"), "a"));
    assert!(!c(Comparator::StringEquals, json!(["a"]), "a"));
    assert!(!c(Comparator::StringEquals, json!(1), "1"));
    assert!(!c(Comparator::StringEquals, Value::Null, "null"));
    assert!(c(Comparator::BooleanEquals, json!(true), "true"));
    assert!(c(Comparator::BooleanEquals, json!(false), "false"));
    assert!(!c(Comparator::BooleanEquals, json!("true"), "true"));
    assert!(!c(Comparator::BooleanEquals, json!(true), "yes"));
    assert!(c(Comparator::AllStringEquals, json!(["a", "a"]), "a"));
    assert!(!c(Comparator::AllStringEquals, json!(["a", "b"]), "a"));
    assert!(!c(Comparator::AllStringEquals, json!([]), "a"));
    assert!(!c(Comparator::AllStringEquals, json!("a"), "a"));
    assert!(c(Comparator::AnyStringEquals, json!(["b", "a"]), "a"));
    assert!(!c(Comparator::AnyStringEquals, json!([]), "a"));
    assert!(!c(Comparator::AnyStringEquals, json!([1, "b"]), "a"));
    assert!(!c(Comparator::AnyStringEquals, json!("a"), "a"));
}

#[test]
fn all_and_any_over_a_projection() {
    static FLEET: WaiterSpec = WaiterSpec {
        name: "FleetStarted",
        min_delay: 30,
        max_delay: 120,
        acceptors: &[
            output(
                "Fleets[].State",
                "RUNNING",
                Comparator::AllStringEquals,
                AcceptorState::Success,
            ),
            output(
                "Fleets[].State",
                "STOPPED",
                Comparator::AnyStringEquals,
                AcceptorState::Failure,
            ),
        ],
    };
    let step = |output: Value| {
        let mut w: Waiter<Op> = Waiter::new(&FLEET, json!({}), Duration::from_secs(3600));
        w.step::<Error>(Ok(output), secs(0.0), 0.0)
    };
    assert!(matches!(
        step(json!({"Fleets": [{"State": "RUNNING"}, {"State": "RUNNING"}]})),
        Step::Done(_)
    ));
    assert!(
        matches!(step(json!({"Fleets": [{"State": "RUNNING"}, {"State": "STARTING"}]})), Step::RetryAfter(d) if d == secs(30.0))
    );
    assert!(matches!(
        step(json!({"Fleets": [{"State": "STARTING"}, {"State": "STOPPED"}]})),
        Step::Failed(WaitError::FailureState { index: 1, .. })
    ));
    // No fleets: allStringEquals does not match an empty list.
    assert!(matches!(step(json!({"Fleets": []})), Step::RetryAfter(_)));
}

#[test]
fn delays_grow_to_max_delay_with_jitter() {
    let mut w = waiter(100_000);
    let mut highest = Vec::new();
    for _ in 0..9 {
        match w.step::<Error>(Ok(json!({"Status": "Pending"})), secs(0.0), 1.0) {
            Step::RetryAfter(d) => highest.push(d.as_secs_f64()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(highest, [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 120.0, 120.0, 120.0]);
    let mut w = waiter(100_000);
    let mut lowest = Vec::new();
    let mut middle = Vec::new();
    for _ in 0..4 {
        let d = w.delay(secs(0.0), 0.0).expect("a delay");
        lowest.push(d.as_secs_f64());
        middle.push(w.delay(secs(0.0), 0.5).expect("a delay").as_secs_f64());
        let _ = w.step::<Error>(Ok(json!({"Status": "Pending"})), secs(0.0), 0.0);
    }
    assert_eq!(lowest, [2.0, 2.0, 2.0, 2.0]);
    // random(minDelay, ceiling): 2 + 0.5 * (ceiling - 2), ceilings 2, 2, 4, 8.
    assert_eq!(middle, [2.0, 2.0, 3.0, 5.0]);
}

#[test]
fn the_max_wait_time_bounds_the_delays() {
    let mut w = waiter(20);
    let pending = || Ok::<_, Error>(json!({"Status": "Pending"}));
    // 20 s in all: after 15 s, 5 s remain, and the delay leaves min_delay.
    assert!(matches!(w.step(pending(), secs(0.0), 1.0), Step::RetryAfter(d) if d == secs(2.0)));
    assert!(matches!(w.step(pending(), secs(15.0), 1.0), Step::RetryAfter(d) if d == secs(3.0)));
    match w.step(pending(), secs(18.0), 1.0) {
        Step::Failed(e @ WaitError::MaxWaitExceeded { attempts: 3, .. }) => {
            assert!(e.to_string().contains("after 3 attempts"));
        }
        other => panic!("{other:?}"),
    }
    let mut w = waiter(20);
    assert!(matches!(
        w.step(pending(), secs(25.0), 1.0),
        Step::Failed(WaitError::MaxWaitExceeded { attempts: 1, .. })
    ));
}

#[test]
fn overridden_delays_and_odd_random_numbers() {
    let mut w = waiter(1000).min_delay(secs(1.0)).max_delay(secs(3.0));
    let mut delays = Vec::new();
    for rand in [1.0, 7.0, f64::NAN, -1.0] {
        match w.step::<Error>(Ok(json!({"Status": "Pending"})), secs(0.0), rand) {
            Step::RetryAfter(d) => delays.push(d.as_secs_f64()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(delays, [1.0, 2.0, 1.0, 1.0]);
    // A max below the min is raised to it.
    let w = waiter(1000).min_delay(secs(5.0)).max_delay(secs(1.0));
    assert_eq!(w.delay(secs(0.0), 1.0), Some(secs(5.0)));
}

#[test]
fn a_path_that_does_not_parse_fails_the_waiter() {
    static BAD: WaiterSpec = WaiterSpec {
        name: "Bad",
        min_delay: 2,
        max_delay: 120,
        acceptors: &[output("a[0:1]", "x", Comparator::StringEquals, AcceptorState::Success)],
    };
    let mut w: Waiter<Op> = Waiter::new(&BAD, json!({}), Duration::from_secs(60));
    assert!(matches!(
        w.step::<Error>(Ok(json!({})), secs(0.0), 0.0),
        Step::Failed(WaitError::InvalidPath(_))
    ));
}

#[test]
fn the_driver_sleeps_between_attempts() {
    let mut outcomes = vec![
        Ok(json!({"Status": "Ready"})),
        Err(Error(Some("NotYet"))),
        Ok(json!({"Status": "Pending"})),
    ];
    let mut clock = 0.0;
    let mut slept = Vec::new();
    let result = waiter(600).wait(
        |input: &Value| {
            assert_eq!(input["Id"], "1");
            outcomes.pop().expect("an outcome")
        },
        |d| slept.push(d),
        || 1.0,
        || {
            clock += 1.0;
            secs(clock)
        },
    );
    assert!(matches!(result, Ok(Ok(_))));
    assert_eq!(slept, [secs(2.0), secs(4.0)]);
}
