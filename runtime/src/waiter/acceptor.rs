//! Acceptors and matchers of the `smithy.waiters#waitable` trait
//! (<https://smithy.io/2.0/additional-specs/waiters.html>), as constants a
//! generated crate can declare, and how one matches an attempt's outcome.

use std::fmt;

use serde_json::Value;

use super::jmespath::{EvalError, Expression};

/// The state an acceptor moves the waiter to when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// The waiter is done.
    Success,
    /// The waiter fails: the resource will not reach the state waited for.
    Failure,
    /// Try again after a delay.
    Retry,
}

/// How the value a path selects is compared with the expected one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// The value is a string equal to the expected one.
    StringEquals,
    /// The value is a boolean equal to the expected one (`"true"` or
    /// `"false"`).
    BooleanEquals,
    /// The value is a non-empty list whose every item is a string equal to
    /// the expected one (an empty list does not match).
    AllStringEquals,
    /// The value is a list with at least one string equal to the expected one.
    AnyStringEquals,
}

impl Comparator {
    /// Whether `value` matches `expected` by this comparator.
    pub fn matches(self, value: &Value, expected: &str) -> bool {
        let is_expected = |v: &Value| v.as_str() == Some(expected);
        match self {
            Comparator::StringEquals => is_expected(value),
            Comparator::BooleanEquals => match (value, expected) {
                (Value::Bool(b), "true") => *b,
                (Value::Bool(b), "false") => !*b,
                _ => false,
            },
            Comparator::AllStringEquals => value
                .as_array()
                .is_some_and(|items| !items.is_empty() && items.iter().all(is_expected)),
            Comparator::AnyStringEquals => value.as_array().is_some_and(|items| items.iter().any(is_expected)),
        }
    }

    /// The name the model uses.
    pub fn name(self) -> &'static str {
        match self {
            Comparator::StringEquals => "stringEquals",
            Comparator::BooleanEquals => "booleanEquals",
            Comparator::AllStringEquals => "allStringEquals",
            Comparator::AnyStringEquals => "anyStringEquals",
        }
    }
}

/// What an acceptor looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// A path into the output of a successful attempt.
    Output {
        /// The JMESPath expression, over the output's member names.
        path: &'static str,
        /// The value to compare with.
        expected: &'static str,
        /// How to compare.
        comparator: Comparator,
    },
    /// A path into `{"input": ..., "output": ...}` of a successful attempt.
    InputOutput {
        /// The JMESPath expression.
        path: &'static str,
        /// The value to compare with.
        expected: &'static str,
        /// How to compare.
        comparator: Comparator,
    },
    /// `true` matches a successful attempt, `false` any error.
    Success(bool),
    /// An error of this type (its shape name; an absolute shape id counts by
    /// its name).
    ErrorType(&'static str),
}

/// One acceptor: a matcher and the state it leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acceptor {
    /// Where the waiter goes when the matcher matches.
    pub state: AcceptorState,
    /// What to match.
    pub matcher: Matcher,
}

impl Acceptor {
    /// Whether the matcher reads the input too (`inputOutput`).
    pub fn reads_input(&self) -> bool {
        matches!(self.matcher, Matcher::InputOutput { .. })
    }

    /// The path of an `output` or `inputOutput` matcher.
    pub fn path(&self) -> Option<&'static str> {
        match self.matcher {
            Matcher::Output { path, .. } | Matcher::InputOutput { path, .. } => Some(path),
            Matcher::Success(_) | Matcher::ErrorType(_) => None,
        }
    }
}

/// `failure when output `Status` stringEquals "Failed"`.
impl fmt::Display for Acceptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        };
        match self.matcher {
            Matcher::Output {
                path,
                expected,
                comparator,
            } => write!(f, "{state} when output `{path}` {} {expected:?}", comparator.name()),
            Matcher::InputOutput {
                path,
                expected,
                comparator,
            } => write!(
                f,
                "{state} when inputOutput `{path}` {} {expected:?}",
                comparator.name()
            ),
            Matcher::Success(true) => write!(f, "{state} when the operation succeeds"),
            Matcher::Success(false) => write!(f, "{state} when the operation fails"),
            Matcher::ErrorType(name) => write!(f, "{state} on error {name}"),
        }
    }
}

/// A waiter as the model declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaiterSpec {
    /// The waiter's name (`CommandExecuted`).
    pub name: &'static str,
    /// The shortest delay between attempts, in seconds (the spec's default is 2).
    pub min_delay: u64,
    /// The longest delay between attempts, in seconds (the default is 120).
    pub max_delay: u64,
    /// The acceptors, in the order they are tried.
    pub acceptors: &'static [Acceptor],
}

/// An attempt's outcome, as the matchers see it.
pub(super) enum Seen<'a> {
    /// The output, and the document `{"input": ..., "output": ...}`.
    Output { output: &'a Value, input_output: &'a Value },
    /// An error of this type, if it has one.
    Error(Option<&'a str>),
}

/// Whether the acceptor's matcher matches; a path that cannot be evaluated
/// over this value does not match.
pub(super) fn matches(matcher: &Matcher, path: Option<&Expression>, seen: &Seen<'_>) -> bool {
    let compare = |document: &Value, expected: &str, comparator: Comparator| {
        let value: Result<Value, EvalError> = match path {
            Some(path) => path.search(document),
            None => return false,
        };
        value.is_ok_and(|value| comparator.matches(&value, expected))
    };
    match (matcher, seen) {
        (
            Matcher::Output {
                expected, comparator, ..
            },
            Seen::Output { output, .. },
        ) => compare(output, expected, *comparator),
        (
            Matcher::InputOutput {
                expected, comparator, ..
            },
            Seen::Output { input_output, .. },
        ) => compare(input_output, expected, *comparator),
        (Matcher::Success(expected), Seen::Output { .. }) => *expected,
        (Matcher::Success(expected), Seen::Error(_)) => !*expected,
        (Matcher::ErrorType(expected), Seen::Error(Some(name))) => {
            let short = |s: &'_ str| s.rsplit_once('#').map_or(s, |(_, name)| name).to_owned();
            short(expected) == short(name)
        }
        _ => false,
    }
}
