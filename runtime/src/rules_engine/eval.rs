//! The interpreter: walks the rules in order with the parameters and the
//! variables conditions assign in scope, as the rules engine specification
//! describes evaluation.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::parse::{Call, Condition, EndpointTemplate, Expr, Function, Piece, Rule, Template};
use super::value::Value;
use super::{aws, functions, partitions, Endpoint, ResolveError};

/// What a rule that matched gives.
pub(crate) enum Outcome {
    Endpoint(Endpoint),
    Error(String),
}

/// Names in scope, innermost last: the parameters, then the variables the
/// conditions of the rules being evaluated assigned.
pub(crate) struct Scope<'a> {
    vars: Vec<(&'a str, Option<Value>)>,
}

impl<'a> Scope<'a> {
    pub(crate) fn new(parameters: Vec<(&'a str, Option<Value>)>) -> Scope<'a> {
        Scope { vars: parameters }
    }

    /// The first rule that matches, `None` when none does. A tree whose
    /// conditions match is final: if none of its rules matches, resolution
    /// fails (rule exhaustion), it does not go on to the next rule.
    pub(crate) fn rules(&mut self, rules: &'a [Rule]) -> Result<Option<Outcome>, ResolveError> {
        for rule in rules {
            let mark = self.vars.len();
            let conditions = match rule {
                Rule::Endpoint { conditions, .. } | Rule::Error { conditions, .. } | Rule::Tree { conditions, .. } => {
                    conditions
                }
            };
            if self.conditions(conditions)? {
                let outcome = match rule {
                    Rule::Endpoint { endpoint, .. } => Outcome::Endpoint(self.endpoint(endpoint)?),
                    Rule::Error { message, .. } => Outcome::Error(self.string(message, "an error rule's message")?),
                    Rule::Tree { rules, .. } => self.rules(rules)?.ok_or(ResolveError::Exhausted)?,
                };
                return Ok(Some(outcome));
            }
            self.vars.truncate(mark);
        }
        Ok(None)
    }

    fn conditions(&mut self, conditions: &'a [Condition]) -> Result<bool, ResolveError> {
        for condition in conditions {
            let value = self.call(&condition.call)?;
            // A condition holds when it gives a value that is not `false`
            // (an empty optional does not hold).
            let holds = value.as_deref().is_some_and(|v| *v != Value::Bool(false));
            if !holds {
                return Ok(false);
            }
            // Only a value kept in scope needs to be owned.
            let kept = condition.assign.as_ref().map(|name| (name, value.map(Cow::into_owned)));
            if let Some((name, value)) = kept {
                self.vars.push((name, value));
            }
        }
        Ok(true)
    }

    fn endpoint(&self, template: &EndpointTemplate) -> Result<Endpoint, ResolveError> {
        let url = self.string(&template.url, "an endpoint's url")?;
        let mut headers = BTreeMap::new();
        for (name, values) in &template.headers {
            let values = values
                .iter()
                .map(|v| self.string(v, "a header value"))
                .collect::<Result<Vec<_>, _>>()?;
            headers.insert(name.clone(), values);
        }
        let mut properties = BTreeMap::new();
        for (name, value) in &template.properties {
            let value = self
                .expr(value)?
                .ok_or_else(|| invalid(format!("endpoint property `{name}` has no value")))?;
            properties.insert(name.clone(), value);
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    /// The value bound to `name`, borrowed: partitions and parsed URLs are
    /// objects, and cloning one for each `getAttr` would dominate the cost.
    fn lookup(&self, name: &str) -> Result<Option<&Value>, ResolveError> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
            .ok_or_else(|| invalid(format!("`{name}` is neither a parameter nor a variable in scope")))
    }

    fn string(&self, expr: &Expr, what: &str) -> Result<String, ResolveError> {
        match self.expr(expr)? {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(invalid(format!("{what} is a {}, not a string", other.type_name()))),
            None => Err(invalid(format!("{what} has no value"))),
        }
    }

    fn template(&self, template: &Template) -> Result<String, ResolveError> {
        let mut out = String::new();
        for piece in &template.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Ref(name) => match self.lookup(name)? {
                    Some(Value::String(s)) => out.push_str(s),
                    _ => {
                        return Err(invalid(format!(
                            "template refers to `{name}`, which is not a string that is set"
                        )))
                    }
                },
                Piece::Attr(name, path) => match self.lookup(name)?.and_then(|v| functions::get_attr(v, path)) {
                    Some(Value::String(s)) => out.push_str(s),
                    _ => {
                        return Err(invalid(format!(
                            "template refers to an attribute of `{name}` that is not a string"
                        )))
                    }
                },
            }
        }
        Ok(out)
    }

    fn expr(&self, expr: &Expr) -> Result<Option<Value>, ResolveError> {
        Ok(match expr {
            Expr::Template(t) => Some(Value::String(self.template(t)?)),
            Expr::Bool(b) => Some(Value::Bool(*b)),
            Expr::Int(n) => Some(Value::Int(*n)),
            Expr::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .map(|i| self.expr(i)?.ok_or_else(|| invalid("an array element has no value")))
                    .collect::<Result<_, _>>()?,
            )),
            Expr::Object(entries) => Some(Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        Ok((
                            k.clone(),
                            self.expr(v)?.ok_or_else(|| invalid(format!("`{k}` has no value")))?,
                        ))
                    })
                    .collect::<Result<_, ResolveError>>()?,
            )),
            Expr::Ref(name) => self.lookup(name)?.cloned(),
            Expr::Call(call) => self.call(call)?.map(Cow::into_owned),
            Expr::Path(_) => return Err(invalid("a getAttr path used as a value")),
            Expr::Literal(v) => Some(v.clone()),
        })
    }

    /// An argument's value, borrowed when it is a reference (most are).
    fn arg(&self, call: &Call, index: usize) -> Result<Option<Cow<'_, Value>>, ResolveError> {
        let expr = call
            .args
            .get(index)
            .ok_or_else(|| invalid(format!("`{}` is missing argument {index}", call.function.name())))?;
        Ok(match expr {
            Expr::Ref(name) => self.lookup(name)?.map(Cow::Borrowed),
            Expr::Call(inner) => self.call(inner)?,
            other => self.expr(other)?.map(Cow::Owned),
        })
    }

    /// A function's value: borrowed where it is (part of) a value in
    /// scope, as `getAttr` on a reference gives, so that a partition or a
    /// parsed URL is not cloned for each attribute read.
    pub(crate) fn call(&self, call: &Call) -> Result<Option<Cow<'_, Value>>, ResolveError> {
        if call.function == Function::GetAttr {
            let path = match call.args.get(1) {
                Some(Expr::Path(path)) => path,
                _ => return Err(invalid("getAttr without a path")),
            };
            return Ok(match self.arg(call, 0)? {
                Some(Cow::Borrowed(v)) => functions::get_attr(v, path).map(Cow::Borrowed),
                Some(Cow::Owned(v)) => functions::get_attr(&v, path).cloned().map(Cow::Owned),
                None => None,
            });
        }
        Ok(self.call_owned(call)?.map(Cow::Owned))
    }

    /// The functions whose value is always new.
    fn call_owned(&self, call: &Call) -> Result<Option<Value>, ResolveError> {
        let f = call.function;
        let string = |v| string_arg(f, v);
        let boolean = |v| boolean_arg(f, v);
        let int = |v| int_arg(f, v);
        Ok(match call.function {
            Function::IsSet => Some(Value::Bool(self.arg(call, 0)?.is_some())),
            Function::Not => boolean(self.arg(call, 0)?)?.map(|b| Value::Bool(!b)),
            Function::BooleanEquals => match (boolean(self.arg(call, 0)?)?, boolean(self.arg(call, 1)?)?) {
                (Some(a), Some(b)) => Some(Value::Bool(a == b)),
                _ => None,
            },
            Function::StringEquals => match (string(self.arg(call, 0)?)?, string(self.arg(call, 1)?)?) {
                (Some(a), Some(b)) => Some(Value::Bool(a == b)),
                _ => None,
            },
            Function::GetAttr => return Err(invalid("getAttr is evaluated by `call`")),
            Function::Substring => {
                let input = string(self.arg(call, 0)?)?;
                let (start, end) = (int(self.arg(call, 1)?)?, int(self.arg(call, 2)?)?);
                let reverse = boolean(self.arg(call, 3)?)?;
                match (input, start, end, reverse) {
                    (Some(s), Some(a), Some(b), Some(r)) => functions::substring(&s, a, b, r).map(Value::String),
                    _ => None,
                }
            }
            Function::IsValidHostLabel => match (string(self.arg(call, 0)?)?, boolean(self.arg(call, 1)?)?) {
                (Some(s), Some(sub)) => Some(Value::Bool(functions::is_valid_host_label(&s, sub))),
                _ => None,
            },
            Function::AwsIsVirtualHostableS3Bucket => match (string(self.arg(call, 0)?)?, boolean(self.arg(call, 1)?)?)
            {
                (Some(s), Some(sub)) => Some(Value::Bool(aws::is_virtual_hostable_s3_bucket(&s, sub))),
                _ => None,
            },
            Function::ParseUrl => string(self.arg(call, 0)?)?.and_then(|s| functions::parse_url(&s)),
            Function::UriEncode => string(self.arg(call, 0)?)?.map(|s| Value::String(functions::uri_encode(&s))),
            Function::AwsPartition => string(self.arg(call, 0)?)?.and_then(|s| partitions::partition(&s)),
            Function::AwsParseArn => string(self.arg(call, 0)?)?.and_then(|s| aws::parse_arn(&s)),
            Function::Split => match (
                string(self.arg(call, 0)?)?,
                string(self.arg(call, 1)?)?,
                int(self.arg(call, 2)?)?,
            ) {
                (Some(s), Some(d), Some(n)) => functions::split(&s, &d, n),
                _ => None,
            },
            Function::Coalesce => {
                let mut found = None;
                for i in 0..call.args.len() {
                    found = self.arg(call, i)?.map(Cow::into_owned);
                    if found.is_some() {
                        break;
                    }
                }
                found
            }
            Function::Ite => match boolean(self.arg(call, 0)?)? {
                Some(true) => self.arg(call, 1)?.map(Cow::into_owned),
                Some(false) => self.arg(call, 2)?.map(Cow::into_owned),
                None => None,
            },
        })
    }
}

fn wrong(function: Function, value: &Value, expected: &str) -> ResolveError {
    invalid(format!(
        "`{}` got a {} where it takes a {expected}",
        function.name(),
        value.type_name()
    ))
}

fn string_arg(function: Function, value: Option<Cow<'_, Value>>) -> Result<Option<Cow<'_, str>>, ResolveError> {
    match value {
        None => Ok(None),
        Some(Cow::Borrowed(Value::String(s))) => Ok(Some(Cow::Borrowed(s))),
        Some(Cow::Owned(Value::String(s))) => Ok(Some(Cow::Owned(s))),
        Some(other) => Err(wrong(function, &other, "string")),
    }
}

fn boolean_arg(function: Function, value: Option<Cow<'_, Value>>) -> Result<Option<bool>, ResolveError> {
    match value.as_deref() {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(wrong(function, other, "boolean")),
    }
}

fn int_arg(function: Function, value: Option<Cow<'_, Value>>) -> Result<Option<i64>, ResolveError> {
    match value.as_deref() {
        None => Ok(None),
        Some(Value::Int(n)) => Ok(Some(*n)),
        Some(other) => Err(wrong(function, other, "integer")),
    }
}

fn invalid(message: impl Into<String>) -> ResolveError {
    ResolveError::InvalidRuleSet(message.into())
}
