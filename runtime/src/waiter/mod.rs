//! Waiters for `smithy.waiters#waitable` operations, sans I/O, as the
//! Smithy waiters specification (<https://smithy.io/2.0/additional-specs/waiters.html>)
//! describes them: the caller makes each attempt, and the [`Waiter`] says
//! whether the resource reached the state waited for, will never reach it,
//! or how long to wait before the next attempt.
//!
//! - The acceptors are tried in order on each attempt's outcome; the first
//!   that matches decides. An output no acceptor matches means retry; an
//!   error no acceptor matches fails the waiter.
//! - `output` and `inputOutput` matchers evaluate a JMESPath expression
//!   ([`Expression`]) over the output as [`Inspect`] gives it (keyed by the
//!   model's member names, whatever the wire calls them), or over
//!   `{"input": ..., "output": ...}`.
//! - Delays grow as the specification says: the retry `n` (from 1) waits a
//!   random time between `minDelay` and `min(minDelay * 2^(n-1), maxDelay)`
//!   (its "attempt ceiling" formula reaches `maxDelay` at the same attempt),
//!   shortened so that the wait never ends less than `minDelay` before the
//!   caller's maximum wait time; once less than `minDelay` is left, the
//!   waiter fails.
//!
//! The random number and the time elapsed since the first attempt come from
//! the caller (there is no clock or random source on every target). The
//! specification has each attempt go through the client's retry strategy:
//! a send function can wrap its call in [`crate::retry::run`], so that a
//! throttled attempt is retried before the waiter sees its outcome.

mod acceptor;
mod eval;
mod inspect;
mod jmespath;

use std::future::Future;
use std::time::Duration;

pub use acceptor::{Acceptor, AcceptorState, Comparator, Matcher, WaiterSpec};
pub use inspect::{members, Inspect};
pub use jmespath::{EvalError, Expression, ParseError};
/// The tree [`Inspect`] gives and paths are evaluated over.
pub use serde_json::Value;

use crate::error::ServiceError;
use crate::retry::SendError;

/// An operation with waiters: its input and output, which the matchers read
/// by member name ([`Inspect`]).
pub trait Waitable {
    /// The operation input.
    type Input: Inspect;
    /// The operation output.
    type Output: Inspect;
}

/// The type of an error, which `errorType` matchers compare: the error's
/// shape name. Implemented for every error of a generated crate and for
/// [`SendError`] (a transport failure has no type, so it fails the waiter
/// unless a `success: false` acceptor matches).
pub trait ErrorType {
    /// The error shape's name, if the error has one.
    fn error_type(&self) -> Option<&str>;
}

impl<T: ServiceError + ?Sized> ErrorType for T {
    fn error_type(&self) -> Option<&str> {
        self.meta().shape_name().or_else(|| self.meta().code())
    }
}

impl<S: ErrorType, T> ErrorType for SendError<S, T> {
    fn error_type(&self) -> Option<&str> {
        match self {
            SendError::Service(e) => e.error_type(),
            SendError::Transport(_) => None,
        }
    }
}

/// What to do after an attempt.
#[derive(Debug)]
pub enum Step<O, E> {
    /// A success acceptor matched: the attempt's outcome.
    Done(Result<O, E>),
    /// The waiter failed.
    Failed(WaitError<O, E>),
    /// Wait this long, then make the next attempt.
    RetryAfter(Duration),
}

/// Why a waiter failed.
#[non_exhaustive]
#[derive(Debug)]
pub enum WaitError<O, E> {
    /// A failure acceptor matched.
    FailureState {
        /// The waiter's name.
        waiter: &'static str,
        /// The acceptor's position in the model, from 0.
        index: usize,
        /// The acceptor.
        acceptor: Acceptor,
        /// The attempt's outcome (boxed: outputs can be large, and this
        /// error is returned by value).
        outcome: Box<Result<O, E>>,
    },
    /// An error no acceptor matches.
    UnexpectedError(E),
    /// The maximum wait time is (nearly) spent; the last outcome kept
    /// the waiter retrying.
    MaxWaitExceeded {
        /// Attempts made.
        attempts: u32,
        /// The last attempt's outcome.
        last: Box<Result<O, E>>,
    },
    /// A path of the waiter does not parse (generation checks every path, so
    /// this means a runtime older than the generator).
    InvalidPath(ParseError),
}

impl<O, E: std::fmt::Display> std::fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitError::FailureState {
                waiter,
                index,
                acceptor,
                ..
            } => write!(f, "waiter {waiter} failed: acceptor {index} matched ({acceptor})"),
            WaitError::UnexpectedError(e) => write!(f, "waiter failed on an unexpected error: {e}"),
            WaitError::MaxWaitExceeded { attempts, .. } => {
                write!(
                    f,
                    "waiter gave up: the maximum wait time ran out after {attempts} attempts"
                )
            }
            WaitError::InvalidPath(e) => write!(f, "waiter path does not parse: {e}"),
        }
    }
}

impl<O: std::fmt::Debug, E: std::fmt::Debug + std::fmt::Display> std::error::Error for WaitError<O, E> {}

/// A waiter in progress: the input it polls with, its acceptors and timing.
pub struct Waiter<W: Waitable> {
    spec: &'static WaiterSpec,
    input: W::Input,
    paths: Result<Vec<Option<Expression>>, ParseError>,
    min_delay: Duration,
    max_delay: Duration,
    max_wait: Duration,
    attempts: u32,
}

impl<W: Waitable> Waiter<W> {
    /// A waiter for `spec` polling with `input`, giving up after `max_wait`
    /// (which the specification leaves to the caller).
    pub fn new(spec: &'static WaiterSpec, input: W::Input, max_wait: Duration) -> Waiter<W> {
        let paths = spec
            .acceptors
            .iter()
            .map(|acceptor| acceptor.path().map(Expression::parse).transpose())
            .collect();
        Waiter {
            spec,
            input,
            paths,
            min_delay: Duration::from_secs(spec.min_delay),
            max_delay: Duration::from_secs(spec.max_delay),
            max_wait,
            attempts: 0,
        }
    }

    /// Overrides the model's shortest delay.
    pub fn min_delay(mut self, delay: Duration) -> Waiter<W> {
        self.min_delay = delay;
        self.max_delay = self.max_delay.max(delay);
        self
    }

    /// Overrides the model's longest delay (not below the shortest).
    pub fn max_delay(mut self, delay: Duration) -> Waiter<W> {
        self.max_delay = delay.max(self.min_delay);
        self
    }

    /// The input every attempt sends.
    pub fn input(&self) -> &W::Input {
        &self.input
    }

    /// The waiter as the model declares it.
    pub fn spec(&self) -> &'static WaiterSpec {
        self.spec
    }

    /// Attempts seen so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Takes an attempt's outcome, with the time elapsed since the waiter
    /// started (before its first attempt) and a random number in `[0, 1)`,
    /// and says what comes next.
    pub fn step<E: ErrorType>(
        &mut self,
        outcome: Result<W::Output, E>,
        elapsed: Duration,
        rand: f64,
    ) -> Step<W::Output, E> {
        self.attempts = self.attempts.saturating_add(1);
        let paths = match &self.paths {
            Ok(paths) => paths,
            Err(e) => return Step::Failed(WaitError::InvalidPath(e.clone())),
        };
        let matched = match &outcome {
            Ok(output) => {
                let output = output.tree();
                let input_output = if self.spec.acceptors.iter().any(Acceptor::reads_input) {
                    inspect::members([("input", self.input.tree()), ("output", output.clone())])
                } else {
                    serde_json::Value::Null
                };
                let seen = acceptor::Seen::Output {
                    output: &output,
                    input_output: &input_output,
                };
                first_match(self.spec, paths, &seen)
            }
            Err(e) => first_match(self.spec, paths, &acceptor::Seen::Error(e.error_type())),
        };
        match (matched, outcome) {
            (Some((_, acceptor)), outcome) if acceptor.state == AcceptorState::Success => Step::Done(outcome),
            (Some((index, acceptor)), outcome) if acceptor.state == AcceptorState::Failure => {
                Step::Failed(WaitError::FailureState {
                    waiter: self.spec.name,
                    index,
                    acceptor: *acceptor,
                    outcome: Box::new(outcome),
                })
            }
            (None, Err(e)) => Step::Failed(WaitError::UnexpectedError(e)),
            (_, outcome) => match self.delay(elapsed, rand) {
                Some(delay) => Step::RetryAfter(delay),
                None => Step::Failed(WaitError::MaxWaitExceeded {
                    attempts: self.attempts,
                    last: Box::new(outcome),
                }),
            },
        }
    }

    /// The delay before the next attempt, or `None` when the maximum wait
    /// time leaves no room for one.
    pub fn delay(&self, elapsed: Duration, rand: f64) -> Option<Duration> {
        let remaining = self.max_wait.checked_sub(elapsed)?;
        if remaining <= self.min_delay {
            return None;
        }
        let retry = self.attempts.max(1);
        let exp = 2f64.powi(i32::try_from(retry.saturating_sub(1)).unwrap_or(i32::MAX));
        let min = self.min_delay.as_secs_f64();
        let max = self.max_delay.as_secs_f64();
        let ceiling = (min * exp).min(max);
        let rand = if rand.is_nan() { 0.0 } else { rand.clamp(0.0, 1.0) };
        let delay = Duration::try_from_secs_f64(min + rand * (ceiling - min).max(0.0)).unwrap_or(self.max_delay);
        // Never sleep past the point where one last attempt still fits.
        let latest = remaining.saturating_sub(self.min_delay);
        Some(delay.min(latest))
    }

    /// Waits with a blocking `send` (the HTTP client plus the operation's
    /// `request` and `parse_response`), `sleep`, `rand` (numbers in
    /// `[0, 1)`) and `elapsed` (time since the wait began, e.g.
    /// `Instant::elapsed` of an `Instant` taken before).
    pub fn wait<E, F, S, R, C>(
        mut self,
        mut send: F,
        mut sleep: S,
        mut rand: R,
        mut elapsed: C,
    ) -> Result<Result<W::Output, E>, WaitError<W::Output, E>>
    where
        E: ErrorType,
        F: FnMut(&W::Input) -> Result<W::Output, E>,
        S: FnMut(Duration),
        R: FnMut() -> f64,
        C: FnMut() -> Duration,
    {
        loop {
            let outcome = send(&self.input);
            match self.step(outcome, elapsed(), rand()) {
                Step::Done(outcome) => return Ok(outcome),
                Step::Failed(e) => return Err(e),
                Step::RetryAfter(delay) => sleep(delay),
            }
        }
    }

    /// [`wait`](Self::wait) with an async `send` (given the input by value)
    /// and an async `sleep`.
    pub async fn wait_async<E, F, Fut, S, SF, R, C>(
        mut self,
        mut send: F,
        mut sleep: S,
        mut rand: R,
        mut elapsed: C,
    ) -> Result<Result<W::Output, E>, WaitError<W::Output, E>>
    where
        W::Input: Clone,
        E: ErrorType,
        F: FnMut(W::Input) -> Fut,
        Fut: Future<Output = Result<W::Output, E>>,
        S: FnMut(Duration) -> SF,
        SF: Future<Output = ()>,
        R: FnMut() -> f64,
        C: FnMut() -> Duration,
    {
        loop {
            let outcome = send(self.input.clone()).await;
            match self.step(outcome, elapsed(), rand()) {
                Step::Done(outcome) => return Ok(outcome),
                Step::Failed(e) => return Err(e),
                Step::RetryAfter(delay) => sleep(delay).await,
            }
        }
    }
}

/// The first acceptor that matches, with its position.
fn first_match<'s>(
    spec: &'s WaiterSpec,
    paths: &[Option<Expression>],
    seen: &acceptor::Seen<'_>,
) -> Option<(usize, &'s Acceptor)> {
    spec.acceptors
        .iter()
        .zip(paths)
        .enumerate()
        .find(|(_, (acceptor, path))| acceptor::matches(&acceptor.matcher, path.as_ref(), seen))
        .map(|(index, (acceptor, _))| (index, acceptor))
}

/// An `@operationContextParams` path evaluated over an operation's input
/// (the same JMESPath subset and member names as waiter paths): a string,
/// or the strings of a list (nulls left out); `None` when the path finds
/// nothing usable, which leaves the parameter to the caller's `Params`.
/// The path was checked when the crate was generated.
#[doc(hidden)]
pub fn context_value(path: &str, input: &dyn Inspect) -> Option<crate::call::ContextValue> {
    let found = Expression::parse(path).ok()?.search(&input.tree()).ok()?;
    match found {
        Value::String(s) => Some(crate::call::ContextValue::String(s)),
        Value::Array(items) => Some(crate::call::ContextValue::StringArray(
            items
                .into_iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s),
                    _ => None,
                })
                .collect(),
        )),
        _ => None,
    }
}
