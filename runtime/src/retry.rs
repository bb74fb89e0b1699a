//! Retries as the AWS SDKs' *standard* retry mode makes them, sans I/O: the
//! policy decides whether and when to retry, the caller sends, sleeps and
//! supplies the randomness (so that this works with any HTTP client, in
//! async code, and on wasm32, where there is no OS clock or randomness).
//!
//! The standard mode, as the AWS SDKs and Tools reference guide
//! (<https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html>)
//! and the SDKs' retry documentation describe it:
//!
//! - at most 3 attempts in all, unless configured;
//! - only throttling and transient errors are retried
//!   ([`ErrorKind::is_retryable`]); a transport failure (a timeout, a
//!   connection reset) counts as transient;
//! - before retry `i` (the first retry is `i = 0`) the caller waits
//!   `min(rand * 2^i, 20)` seconds, `rand` uniform in `[0, 1)` ("full
//!   jitter", base 1 s, cap 20 s);
//! - a token bucket shared by a client limits retries when many calls fail
//!   at once: it starts with 500 tokens, a retry takes 5 tokens (10 after a
//!   transient error or timeout), a retry is not made when the bucket holds
//!   fewer tokens than it costs, a call that succeeds at its first attempt
//!   puts 1 token back (up to the capacity), and a call that succeeds after
//!   a retry gets that retry's cost back.
//!
//! [`run`] drives a whole call; [`RetryPolicy::on_failure`] and
//! [`RetryPolicy::on_success`] are the steps, for a loop of one's own.
//!
//! shapesmith's README (section "Retries") has an example.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::error::{ErrorKind, ServiceError};

/// Attempts in all (the first one included) in standard mode.
const STANDARD_MAX_ATTEMPTS: u32 = 3;
/// The largest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(20);
/// The backoff of the first retry before jitter.
const BASE_BACKOFF: Duration = Duration::from_secs(1);
/// The bucket's tokens at the start, and at most.
const BUCKET_CAPACITY: u32 = 500;
/// What a retry takes from the bucket.
const RETRY_COST: u32 = 5;
/// What a retry after a transient error or timeout takes.
const TIMEOUT_RETRY_COST: u32 = 10;
/// What a call that succeeds at its first attempt gives back.
const SUCCESS_REWARD: u32 = 1;

/// How an error counts for retrying: implemented for every error a generated
/// crate returns (through [`ServiceError`]), for [`Transport`] and for
/// [`SendError`]. Implement it for an error type of one's own that wraps
/// them.
pub trait Classify {
    /// What the standard retry mode makes of the error.
    fn retry_kind(&self) -> ErrorKind;
}

impl<T: ServiceError + ?Sized> Classify for T {
    fn retry_kind(&self) -> ErrorKind {
        self.kind()
    }
}

/// A failure to get a response at all (a timeout, a refused or reset
/// connection): transient, as the standard mode treats it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transport<E>(pub E);

impl<E> Classify for Transport<E> {
    fn retry_kind(&self) -> ErrorKind {
        ErrorKind::Transient
    }
}

impl<E: std::fmt::Display> std::fmt::Display for Transport<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "transport error: {}", self.0)
    }
}

impl<E: std::fmt::Debug + std::fmt::Display> std::error::Error for Transport<E> {}

/// What a send function returns when it fails: the service's error response
/// (classified by its code and status), or no response at all (transient).
#[derive(Debug)]
pub enum SendError<S, T> {
    /// The service answered with an error.
    Service(S),
    /// The request or the response did not get through.
    Transport(T),
}

impl<S: Classify, T> Classify for SendError<S, T> {
    fn retry_kind(&self) -> ErrorKind {
        match self {
            SendError::Service(e) => e.retry_kind(),
            SendError::Transport(_) => ErrorKind::Transient,
        }
    }
}

impl<S: std::fmt::Display, T: std::fmt::Display> std::fmt::Display for SendError<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Service(e) => write!(f, "{e}"),
            SendError::Transport(e) => write!(f, "transport error: {e}"),
        }
    }
}

impl<S, T> std::error::Error for SendError<S, T>
where
    S: std::error::Error + 'static,
    T: std::error::Error + 'static,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendError::Service(e) => Some(e),
            SendError::Transport(e) => Some(e),
        }
    }
}

/// The retry tokens a client's calls share. It is a single atomic counter,
/// so one bucket can be shared by reference (or in an `Arc`) between
/// threads and tasks without a lock.
#[derive(Debug)]
pub struct TokenBucket {
    tokens: AtomicU32,
    capacity: u32,
}

impl TokenBucket {
    /// A full bucket of the standard mode's 500 tokens.
    pub fn standard() -> TokenBucket {
        TokenBucket::with_capacity(BUCKET_CAPACITY)
    }

    /// A full bucket of `capacity` tokens.
    pub fn with_capacity(capacity: u32) -> TokenBucket {
        TokenBucket {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }

    /// The most tokens the bucket holds.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Takes `cost` tokens if there are that many; leaves the bucket as it is
    /// otherwise.
    fn try_take(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| tokens.checked_sub(cost))
            .is_ok()
    }

    /// Puts `amount` tokens back, up to the capacity.
    fn give(&self, amount: u32) {
        // `fetch_update` only fails when the closure returns None, which it never does.
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
            Some(tokens.saturating_add(amount).min(self.capacity))
        });
    }
}

impl Default for TokenBucket {
    fn default() -> TokenBucket {
        TokenBucket::standard()
    }
}

/// When to retry, and how long to wait first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_backoff: Duration,
    max_backoff: Duration,
}

impl RetryPolicy {
    /// The standard mode: 3 attempts, backoff `min(rand * 2^i, 20)` seconds.
    pub fn standard() -> RetryPolicy {
        RetryPolicy {
            max_attempts: STANDARD_MAX_ATTEMPTS,
            base_backoff: BASE_BACKOFF,
            max_backoff: MAX_BACKOFF,
        }
    }

    /// Attempts in all, the first one included (at least 1: 1 never retries).
    pub fn max_attempts(mut self, attempts: u32) -> RetryPolicy {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff of the first retry before jitter (1 s in standard mode).
    pub fn base_backoff(mut self, base: Duration) -> RetryPolicy {
        self.base_backoff = base;
        self
    }

    /// The longest wait between two attempts (20 s in standard mode).
    pub fn max_backoff(mut self, max: Duration) -> RetryPolicy {
        self.max_backoff = max;
        self
    }

    /// The configured number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry `retry` (0 for the first retry):
    /// `min(rand * base * 2^retry, max)`. A `rand` outside `[0, 1]` (or NaN)
    /// is clamped into it.
    pub fn backoff(&self, retry: u32, rand: f64) -> Duration {
        let rand = if rand.is_nan() { 0.0 } else { rand.clamp(0.0, 1.0) };
        // 2^retry overflows nothing as a float; the cap takes over long before.
        let exp = 2f64.powi(i32::try_from(retry).unwrap_or(i32::MAX));
        let seconds = rand * self.base_backoff.as_secs_f64() * exp;
        let max = self.max_backoff.as_secs_f64();
        if seconds.is_finite() && seconds < max {
            Duration::try_from_secs_f64(seconds).unwrap_or(self.max_backoff)
        } else {
            self.max_backoff
        }
    }

    /// The state of a new call: its first attempt is about to be made.
    pub fn start(&self) -> RetryState {
        RetryState { attempt: 1, held: 0 }
    }

    /// Attempt `state.attempt()` failed with an error of `kind`: retry after
    /// a wait, or give up. A retry takes its cost from `bucket` and moves
    /// `state` to the next attempt.
    pub fn on_failure(
        &self,
        bucket: &TokenBucket,
        state: &mut RetryState,
        kind: ErrorKind,
        rand: f64,
    ) -> RetryDecision {
        if !kind.is_retryable() {
            return RetryDecision::GiveUp(GiveUpReason::NotRetryable(kind));
        }
        if state.attempt >= self.max_attempts {
            return RetryDecision::GiveUp(GiveUpReason::MaxAttempts(state.attempt));
        }
        let cost = if kind == ErrorKind::Transient {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        if !bucket.try_take(cost) {
            return RetryDecision::GiveUp(GiveUpReason::NoRetryTokens);
        }
        let delay = self.backoff(state.attempt.saturating_sub(1), rand);
        state.attempt = state.attempt.saturating_add(1);
        state.held = cost;
        RetryDecision::RetryAfter(delay)
    }

    /// The call succeeded: a first attempt rewards the bucket with a token, a
    /// retry gets its cost back.
    pub fn on_success(&self, bucket: &TokenBucket, state: &RetryState) {
        if state.held == 0 {
            bucket.give(SUCCESS_REWARD);
        } else {
            bucket.give(state.held);
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::standard()
    }
}

/// Where a call stands: which attempt it is at, and what its last retry took
/// from the bucket (given back if the call ends in success).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryState {
    attempt: u32,
    held: u32,
}

impl RetryState {
    /// The attempt being made, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The tokens the last retry took.
    pub fn retry_cost(&self) -> u32 {
        self.held
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then make the next attempt.
    RetryAfter(Duration),
    /// Return the error.
    GiveUp(GiveUpReason),
}

/// Why a failed call is not retried.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GiveUpReason {
    /// The error is not one the standard mode retries.
    NotRetryable(ErrorKind),
    /// This many attempts were made, the most the policy allows.
    MaxAttempts(u32),
    /// The token bucket does not hold what a retry costs: many calls of the
    /// client are failing, and retrying them would add to the load.
    NoRetryTokens,
}

impl std::fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GiveUpReason::NotRetryable(kind) => write!(f, "a {kind:?} error is not retried"),
            GiveUpReason::MaxAttempts(n) => write!(f, "gave up after {n} attempts"),
            GiveUpReason::NoRetryTokens => f.write_str("the retry token bucket is empty"),
        }
    }
}

/// Makes a call with retries: `attempt(n)` makes attempt `n` (from 1),
/// `sleep` waits, `rand` gives numbers in `[0, 1)`. Returns the first
/// success, or the last error.
pub fn run<T, E, A, S, R>(
    policy: &RetryPolicy,
    bucket: &TokenBucket,
    mut rand: R,
    mut sleep: S,
    mut attempt: A,
) -> Result<T, E>
where
    E: Classify,
    A: FnMut(u32) -> Result<T, E>,
    S: FnMut(Duration),
    R: FnMut() -> f64,
{
    let mut state = policy.start();
    loop {
        match attempt(state.attempt()) {
            Ok(value) => {
                policy.on_success(bucket, &state);
                return Ok(value);
            }
            Err(e) => match policy.on_failure(bucket, &mut state, e.retry_kind(), rand()) {
                RetryDecision::RetryAfter(delay) => sleep(delay),
                RetryDecision::GiveUp(_) => return Err(e),
            },
        }
    }
}

/// [`run`] for async code: `sleep` and `attempt` return futures (the
/// runtime's timer, the HTTP client's send).
pub async fn run_async<T, E, A, AF, S, SF, R>(
    policy: &RetryPolicy,
    bucket: &TokenBucket,
    mut rand: R,
    mut sleep: S,
    mut attempt: A,
) -> Result<T, E>
where
    E: Classify,
    A: FnMut(u32) -> AF,
    AF: Future<Output = Result<T, E>>,
    S: FnMut(Duration) -> SF,
    SF: Future<Output = ()>,
    R: FnMut() -> f64,
{
    let mut state = policy.start();
    loop {
        match attempt(state.attempt()).await {
            Ok(value) => {
                policy.on_success(bucket, &state);
                return Ok(value);
            }
            Err(e) => match policy.on_failure(bucket, &mut state, e.retry_kind(), rand()) {
                RetryDecision::RetryAfter(delay) => sleep(delay).await,
                RetryDecision::GiveUp(_) => return Err(e),
            },
        }
    }
}
