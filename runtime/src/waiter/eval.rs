//! Evaluation of the JMESPath subset over `serde_json::Value`, with the
//! specification's rules: a missing member or an index out of range is
//! `null`, projections leave nulls out, ordering comparisons hold only
//! between numbers (`null` otherwise), and `&&`, `||`, `!` use JMESPath's
//! truthiness (`false`, `null`, and empty strings, arrays and objects are
//! false).

use serde_json::Value;

use super::jmespath::{Comparison, EvalError, Function, Node};

pub(super) fn eval(node: &Node, current: &Value) -> Result<Value, EvalError> {
    Ok(match node {
        Node::Current => current.clone(),
        Node::Field(name) => current.get(name.as_str()).cloned().unwrap_or(Value::Null),
        Node::Literal(value) => value.clone(),
        Node::Index(n) => match current {
            Value::Array(items) => index(items, *n).cloned().unwrap_or(Value::Null),
            _ => Value::Null,
        },
        Node::Then(left, right) => eval(right, &eval(left, current)?)?,
        Node::ListProjection(left, right) => match eval(left, current)? {
            Value::Array(items) => project(items.iter(), right)?,
            _ => Value::Null,
        },
        Node::ObjectProjection(left, right) => match eval(left, current)? {
            Value::Object(members) => project(members.values(), right)?,
            _ => Value::Null,
        },
        Node::Flatten(inner) => match eval(inner, current)? {
            Value::Array(items) => {
                let mut flat = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::Array(nested) => flat.extend(nested),
                        other => flat.push(other),
                    }
                }
                Value::Array(flat)
            }
            _ => Value::Null,
        },
        Node::Filter { left, condition, right } => match eval(left, current)? {
            Value::Array(items) => {
                let mut kept = Vec::new();
                for item in &items {
                    if truthy(&eval(condition, item)?) {
                        kept.push(item);
                    }
                }
                project(kept.into_iter(), right)?
            }
            _ => Value::Null,
        },
        Node::Compare(op, left, right) => compare(*op, &eval(left, current)?, &eval(right, current)?),
        Node::And(left, right) => {
            let left = eval(left, current)?;
            if truthy(&left) {
                eval(right, current)?
            } else {
                left
            }
        }
        Node::Or(left, right) => {
            let left = eval(left, current)?;
            if truthy(&left) {
                left
            } else {
                eval(right, current)?
            }
        }
        Node::Not(inner) => Value::Bool(!truthy(&eval(inner, current)?)),
        Node::MultiSelectList(items) => match current {
            Value::Null => Value::Null,
            _ => Value::Array(
                items
                    .iter()
                    .map(|item| eval(item, current))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        },
        Node::Function(function, args) => {
            let args = args
                .iter()
                .map(|arg| eval(arg, current))
                .collect::<Result<Vec<_>, _>>()?;
            call(*function, &args)?
        }
    })
}

/// Item `n` of `items`, counting from the end when `n` is negative.
fn index(items: &[Value], n: i64) -> Option<&Value> {
    let position = if n < 0 {
        let back = usize::try_from(n.checked_neg()?).ok()?;
        items.len().checked_sub(back)?
    } else {
        usize::try_from(n).ok()?
    };
    items.get(position)
}

/// Each item through `right`, nulls left out.
fn project<'a>(items: impl Iterator<Item = &'a Value>, right: &Node) -> Result<Value, EvalError> {
    let mut out = Vec::new();
    for item in items {
        let value = eval(right, item)?;
        if !value.is_null() {
            out.push(value);
        }
    }
    Ok(Value::Array(out))
}

pub(super) fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Number(_) => true,
    }
}

/// JMESPath equality: numbers by value (`1 == 1.0`), the rest structurally.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

fn compare(op: Comparison, a: &Value, b: &Value) -> Value {
    match op {
        Comparison::Eq => Value::Bool(equal(a, b)),
        Comparison::Ne => Value::Bool(!equal(a, b)),
        ordering => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) if a.is_number() && b.is_number() => Value::Bool(match ordering {
                Comparison::Lt => x < y,
                Comparison::Le => x <= y,
                Comparison::Gt => x > y,
                _ => x >= y,
            }),
            _ => Value::Null,
        },
    }
}

fn call(function: Function, args: &[Value]) -> Result<Value, EvalError> {
    let type_error = |expected: &str| EvalError {
        message: format!("{} expects {expected}", function_name(function)),
    };
    match (function, args) {
        (Function::Length, [Value::String(s)]) => Ok(Value::from(s.chars().count())),
        (Function::Length, [Value::Array(a)]) => Ok(Value::from(a.len())),
        (Function::Length, [Value::Object(o)]) => Ok(Value::from(o.len())),
        (Function::Length, _) => Err(type_error("a string, an array or an object")),
        (Function::Contains, [Value::Array(items), search]) => Ok(Value::Bool(items.iter().any(|i| equal(i, search)))),
        (Function::Contains, [Value::String(s), Value::String(search)]) => Ok(Value::Bool(s.contains(search.as_str()))),
        (Function::Contains, [Value::String(_), _]) => Ok(Value::Bool(false)),
        (Function::Contains, _) => Err(type_error("an array or a string")),
        (Function::Keys, [Value::Object(o)]) => Ok(Value::Array(o.keys().cloned().map(Value::String).collect())),
        (Function::Keys, _) => Err(type_error("an object")),
    }
}

fn function_name(function: Function) -> &'static str {
    match function {
        Function::Length => "length()",
        Function::Contains => "contains()",
        Function::Keys => "keys()",
    }
}
