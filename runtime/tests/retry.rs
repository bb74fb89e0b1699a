//! The standard retry mode: backoff with the caller's random numbers, the
//! attempt limit, what is not retried, and the token bucket's accounting.

use std::cell::RefCell;
use std::time::Duration;

use shapesmith_runtime::error::ErrorKind;
use shapesmith_runtime::retry::{
    self, Classify, GiveUpReason, RetryDecision, RetryPolicy, SendError, TokenBucket, Transport,
};

/// An error of a given kind, as a service error would classify.
#[derive(Debug, PartialEq)]
struct Failure(ErrorKind);

impl Classify for Failure {
    fn retry_kind(&self) -> ErrorKind {
        self.0
    }
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

#[test]
fn backoff_doubles_with_the_callers_random_number() {
    let policy = RetryPolicy::standard();
    assert_eq!(policy.backoff(0, 0.5), secs(0.5));
    assert_eq!(policy.backoff(1, 0.5), secs(1.0));
    assert_eq!(policy.backoff(2, 0.5), secs(2.0));
    assert_eq!(policy.backoff(3, 0.25), secs(2.0));
    assert_eq!(policy.backoff(0, 0.0), Duration::ZERO);
}

#[test]
fn backoff_is_capped_at_20_seconds() {
    let policy = RetryPolicy::standard();
    assert_eq!(policy.backoff(5, 0.99), secs(20.0));
    assert_eq!(policy.backoff(4, 0.99), secs(0.99 * 16.0));
    assert_eq!(policy.backoff(u32::MAX, 0.99), secs(20.0));
    // Random numbers out of range are clamped, never a panic.
    assert_eq!(policy.backoff(0, f64::NAN), Duration::ZERO);
    assert_eq!(policy.backoff(0, -3.0), Duration::ZERO);
    assert_eq!(policy.backoff(0, 7.0), secs(1.0));
    assert_eq!(policy.backoff(40, f64::INFINITY), secs(20.0));
}

#[test]
fn the_delays_of_a_call_follow_the_sequence() {
    let policy = RetryPolicy::standard().max_attempts(5);
    let bucket = TokenBucket::standard();
    let mut state = policy.start();
    let mut delays = Vec::new();
    while let RetryDecision::RetryAfter(d) = policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.5) {
        delays.push(d);
    }
    assert_eq!(delays, [secs(0.5), secs(1.0), secs(2.0), secs(4.0)]);
    assert_eq!(state.attempt(), 5);
}

#[test]
fn three_attempts_by_default() {
    let policy = RetryPolicy::standard();
    let bucket = TokenBucket::standard();
    let mut calls = 0;
    let mut slept = Vec::new();
    let result: Result<(), Failure> = retry::run(
        &policy,
        &bucket,
        || 0.5,
        |d| slept.push(d),
        |attempt| {
            calls += 1;
            assert_eq!(attempt, calls);
            Err(Failure(ErrorKind::Throttling))
        },
    );
    assert_eq!(result, Err(Failure(ErrorKind::Throttling)));
    assert_eq!(calls, 3);
    assert_eq!(slept, [secs(0.5), secs(1.0)]);
    // Two retries of 5 tokens each, not given back.
    assert_eq!(bucket.available(), 490);
}

#[test]
fn max_attempts_is_configurable_and_at_least_one() {
    let bucket = TokenBucket::standard();
    let policy = RetryPolicy::standard().max_attempts(0);
    assert_eq!(policy.attempts(), 1);
    let mut state = policy.start();
    assert_eq!(
        policy.on_failure(&bucket, &mut state, ErrorKind::Transient, 0.1),
        RetryDecision::GiveUp(GiveUpReason::MaxAttempts(1))
    );
    let policy = RetryPolicy::standard().max_attempts(2);
    let mut state = policy.start();
    assert!(matches!(
        policy.on_failure(&bucket, &mut state, ErrorKind::Transient, 0.1),
        RetryDecision::RetryAfter(_)
    ));
    assert_eq!(
        policy.on_failure(&bucket, &mut state, ErrorKind::Transient, 0.1),
        RetryDecision::GiveUp(GiveUpReason::MaxAttempts(2))
    );
}

#[test]
fn client_and_server_errors_are_not_retried() {
    let policy = RetryPolicy::standard();
    let bucket = TokenBucket::standard();
    for kind in [ErrorKind::Client, ErrorKind::Server] {
        let mut state = policy.start();
        assert_eq!(
            policy.on_failure(&bucket, &mut state, kind, 0.5),
            RetryDecision::GiveUp(GiveUpReason::NotRetryable(kind))
        );
        assert_eq!(state.attempt(), 1);
    }
    assert_eq!(bucket.available(), 500);
    let mut calls = 0;
    let result: Result<(), Failure> = retry::run(
        &policy,
        &bucket,
        || 0.5,
        |_| panic!("no sleep before giving up"),
        |_| {
            calls += 1;
            Err(Failure(ErrorKind::Client))
        },
    );
    assert!(result.is_err());
    assert_eq!(calls, 1);
}

#[test]
fn transport_errors_are_transient_and_cost_10() {
    assert_eq!(Transport("timed out").retry_kind(), ErrorKind::Transient);
    let wrapped: SendError<Failure, &str> = SendError::Transport("reset");
    assert_eq!(wrapped.retry_kind(), ErrorKind::Transient);
    let wrapped: SendError<Failure, &str> = SendError::Service(Failure(ErrorKind::Client));
    assert_eq!(wrapped.retry_kind(), ErrorKind::Client);

    let policy = RetryPolicy::standard();
    let bucket = TokenBucket::standard();
    let mut state = policy.start();
    policy.on_failure(&bucket, &mut state, ErrorKind::Transient, 0.5);
    assert_eq!(state.retry_cost(), 10);
    assert_eq!(bucket.available(), 490);
    policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.5);
    assert_eq!(state.retry_cost(), 5);
    assert_eq!(bucket.available(), 485);
}

#[test]
fn an_empty_bucket_refuses_retries() {
    let policy = RetryPolicy::standard().max_attempts(100);
    let bucket = TokenBucket::with_capacity(12);
    let mut state = policy.start();
    assert!(matches!(
        policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.5),
        RetryDecision::RetryAfter(_)
    ));
    assert!(matches!(
        policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.5),
        RetryDecision::RetryAfter(_)
    ));
    assert_eq!(bucket.available(), 2);
    assert_eq!(
        policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.5),
        RetryDecision::GiveUp(GiveUpReason::NoRetryTokens)
    );
    // A refused retry takes nothing and leaves the attempt where it was.
    assert_eq!(bucket.available(), 2);
    assert_eq!(state.attempt(), 3);
}

#[test]
fn the_standard_bucket_drains_after_100_throttled_retries() {
    let policy = RetryPolicy::standard().max_attempts(u32::MAX);
    let bucket = TokenBucket::standard();
    let mut state = policy.start();
    let mut retries = 0;
    while let RetryDecision::RetryAfter(_) = policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.5) {
        retries += 1;
    }
    assert_eq!(retries, 100);
    assert_eq!(bucket.available(), 0);
}

#[test]
fn success_after_a_retry_refunds_its_cost() {
    let policy = RetryPolicy::standard();
    let bucket = TokenBucket::standard();
    let answers = RefCell::new(vec![Ok("ok"), Err(Failure(ErrorKind::Transient))]);
    let result = retry::run(
        &policy,
        &bucket,
        || 0.0,
        |_| {},
        |_| answers.borrow_mut().pop().expect("an answer"),
    );
    assert_eq!(result, Ok("ok"));
    assert_eq!(bucket.available(), 500);

    // Only the last retry's cost comes back; the earlier one is spent.
    let answers = RefCell::new(vec![
        Ok("ok"),
        Err(Failure(ErrorKind::Throttling)),
        Err(Failure(ErrorKind::Transient)),
    ]);
    let result = retry::run(
        &policy,
        &bucket,
        || 0.0,
        |_| {},
        |_| answers.borrow_mut().pop().expect("an answer"),
    );
    assert_eq!(result, Ok("ok"));
    assert_eq!(bucket.available(), 490);
}

#[test]
fn first_try_success_adds_a_token_up_to_capacity() {
    let policy = RetryPolicy::standard();
    let bucket = TokenBucket::standard();
    let mut state = policy.start();
    policy.on_failure(&bucket, &mut state, ErrorKind::Transient, 0.5);
    assert_eq!(bucket.available(), 490);
    for _ in 0..3 {
        policy.on_success(&bucket, &policy.start());
    }
    assert_eq!(bucket.available(), 493);
    for _ in 0..20 {
        assert_eq!(
            retry::run::<_, Failure, _, _, _>(&policy, &bucket, || 0.5, |_| {}, |_| Ok(())),
            Ok(())
        );
    }
    assert_eq!(bucket.available(), 500);
    assert_eq!(bucket.capacity(), 500);
}

#[test]
fn the_bucket_is_shared_between_threads() {
    let policy = RetryPolicy::standard().max_attempts(u32::MAX);
    let bucket = std::sync::Arc::new(TokenBucket::with_capacity(1000));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let bucket = bucket.clone();
            let policy = policy.clone();
            std::thread::spawn(move || {
                let mut state = policy.start();
                let mut retries = 0u32;
                while let RetryDecision::RetryAfter(_) =
                    policy.on_failure(&bucket, &mut state, ErrorKind::Throttling, 0.0)
                {
                    retries += 1;
                }
                retries
            })
        })
        .collect();
    let total: u32 = threads.into_iter().map(|t| t.join().expect("thread")).sum();
    assert_eq!(total, 200);
    assert_eq!(bucket.available(), 0);
}

#[test]
fn run_async_retries_the_same_way() {
    let policy = RetryPolicy::standard();
    let bucket = TokenBucket::standard();
    let answers = RefCell::new(vec![Ok(7), Err(SendError::<Failure, &str>::Transport("reset"))]);
    let slept = RefCell::new(Vec::new());
    let future = retry::run_async(
        &policy,
        &bucket,
        || 0.5,
        |d| {
            slept.borrow_mut().push(d);
            std::future::ready(())
        },
        |_| std::future::ready(answers.borrow_mut().pop().expect("an answer")),
    );
    let result = block_on(future);
    assert!(matches!(result, Ok(7)));
    assert_eq!(*slept.borrow(), [secs(0.5)]);
}

/// Polls a future whose parts are all ready.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
