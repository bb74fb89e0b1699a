//! `smithy.waiters#waitable` (<https://smithy.io/2.0/additional-specs/waiters.html>):
//! each waiter's acceptors, its paths checked with the runtime's JMESPath
//! parser. A waiter that cannot work is left out with a warning, not an
//! error: the rest of the crate does not depend on it.

use std::collections::BTreeSet;

use serde_json::Value;
use shapesmith_runtime::waiter::Expression;

use super::{docs, Resolver};
use crate::error::Error;
use crate::ir::*;
use crate::model::ShapeId;
use crate::names::{self, RustIdent};

const WAITABLE: &str = "smithy.waiters#waitable";
/// The spec's defaults, in seconds.
const DEFAULT_MIN_DELAY: u64 = 2;
const DEFAULT_MAX_DELAY: u64 = 120;

impl Resolver<'_> {
    /// The operation's waiters. Their paths name members as the model
    /// does; the runtime evaluates them over the same names
    /// (`waiter::Inspect`), whatever the wire calls the members.
    pub(super) fn waiters(&self, id: &ShapeId, op: &crate::model::OperationShape) -> Result<Vec<WaiterIr>, Error> {
        let Some(trait_value) = op.traits.get(WAITABLE) else {
            return Ok(Vec::new());
        };
        let Some(waiters) = trait_value.as_object() else {
            return Err(self.err(id, "has a smithy.waiters#waitable trait that is not an object"));
        };
        let mut out = Vec::new();
        for (name, waiter) in waiters {
            match self.waiter(name, waiter) {
                Ok(ir) => out.push(ir),
                Err(problem) => self.warn(id, format!("has a waiter `{name}` that is not generated: {problem}")),
            }
        }
        let mut methods: Vec<String> = out.iter().map(|w| w.method.base().to_owned()).collect();
        names::dedupe(&mut methods, &mut BTreeSet::new());
        for (waiter, method) in out.iter_mut().zip(methods) {
            waiter.spec = RustIdent::plain(method.trim_start_matches("wait_until_").to_uppercase());
            waiter.method = RustIdent::plain(method);
        }
        Ok(out)
    }

    /// One waiter, or why it cannot be generated.
    fn waiter(&self, name: &str, waiter: &Value) -> Result<WaiterIr, String> {
        let snake = heck::ToSnakeCase::to_snake_case(
            name.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
                .as_str(),
        );
        if snake.is_empty() {
            return Err("its name makes no identifier".to_owned());
        }
        let delay = |key: &str, default: u64| match waiter.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_u64()
                .filter(|d| *d >= 1)
                .ok_or(format!("`{key}` is not a positive integer")),
        };
        let min_delay = delay("minDelay", DEFAULT_MIN_DELAY)?;
        let max_delay = delay("maxDelay", DEFAULT_MAX_DELAY)?;
        if max_delay < min_delay {
            return Err(format!("`maxDelay` {max_delay} is below `minDelay` {min_delay}"));
        }
        let acceptors = waiter
            .get("acceptors")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .ok_or("it has no acceptors")?
            .iter()
            .enumerate()
            .map(|(i, a)| acceptor(a).map_err(|e| format!("acceptor {i}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(WaiterIr {
            name: name.to_owned(),
            method: RustIdent::plain(format!("wait_until_{snake}")),
            spec: RustIdent::plain(snake.to_uppercase()),
            docs: docs(waiter.get("documentation").and_then(Value::as_str)),
            min_delay,
            max_delay,
            acceptors,
            deprecated: waiter.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
        })
    }
}

fn acceptor(value: &Value) -> Result<AcceptorIr, String> {
    let state = match value.get("state").and_then(Value::as_str) {
        Some("success") => AcceptorStateIr::Success,
        Some("failure") => AcceptorStateIr::Failure,
        Some("retry") => AcceptorStateIr::Retry,
        other => return Err(format!("unknown state {other:?}")),
    };
    let matcher = value.get("matcher").and_then(Value::as_object).ok_or("no matcher")?;
    let mut entries = matcher.iter();
    let (Some((kind, body)), None) = (entries.next(), entries.next()) else {
        return Err("a matcher must have exactly one member".to_owned());
    };
    let matcher = match kind.as_str() {
        "output" | "inputOutput" => {
            let field = |key: &str| {
                body.get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or(format!("`{kind}` has no string `{key}`"))
            };
            let (path, expected, comparator) = (field("path")?, field("expected")?, field("comparator")?);
            if !matches!(
                comparator.as_str(),
                "stringEquals" | "booleanEquals" | "allStringEquals" | "anyStringEquals"
            ) {
                return Err(format!("unknown comparator `{comparator}`"));
            }
            if comparator == "booleanEquals" && !matches!(expected.as_str(), "true" | "false") {
                return Err(format!("booleanEquals expects `true` or `false`, not `{expected}`"));
            }
            Expression::parse(&path).map_err(|e| format!("path `{path}`: {e}"))?;
            MatcherIr::Path {
                input_output: kind == "inputOutput",
                path,
                expected,
                comparator,
            }
        }
        "success" => MatcherIr::Success(body.as_bool().ok_or("`success` is not a boolean")?),
        "errorType" => MatcherIr::ErrorType(body.as_str().ok_or("`errorType` is not a string")?.to_owned()),
        other => return Err(format!("unknown matcher `{other}`")),
    };
    Ok(AcceptorIr { state, matcher })
}
