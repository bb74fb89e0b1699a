//! Endpoint resolution: the Smithy rules engine, as an interpreter over the
//! rule set a service model carries (`smithy.rules#endpointRuleSet`), with
//! the standard library and the AWS functions (`aws.partition` over AWS's
//! `partitions.json`, embedded; `aws.parseArn`;
//! `aws.isVirtualHostableS3Bucket`).
//!
//! A generated crate embeds its service's rule set and wraps this in a
//! typed `endpoint::Params`; this module is the generic part (the crate
//! documentation has an example).
//!
//! Why an interpreter rather than generated Rust: the rule sets of the AWS
//! models are 3 to 7 KB of JSON each; embedding one costs that much data per
//! service, where generated branches would cost far more code to compile,
//! and one interpreter tested against every model's endpoint tests serves
//! them all.

mod aws;
mod eval;
mod functions;
mod parse;
mod partitions;
mod partitions_data;
mod value;

use std::collections::BTreeMap;
use std::fmt;

pub use parse::{Parameter, ParameterType};
pub use partitions::partition;
pub use value::Value;

/// A parsed rule set, ready to resolve endpoints.
#[derive(Debug)]
pub struct RuleSet {
    parameters: Vec<Parameter>,
    rules: Vec<parse::Rule>,
}

impl RuleSet {
    /// Reads the JSON of a `smithy.rules#endpointRuleSet` trait. Unknown
    /// functions, wrong argument counts, malformed templates and rules
    /// nested too deep are errors that say where they are.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| RuleSetError {
            location: String::new(),
            message: format!("not JSON: {e}"),
        })?;
        let (parameters, rules) = parse::rule_set(&json)?;
        Ok(RuleSet { parameters, rules })
    }

    /// The rule set's parameters, in the document's order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// Resolves the endpoint for these parameter values: the first rule that
    /// matches gives an endpoint, or its error message
    /// ([`ResolveError::Rule`]).
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, ResolveError> {
        for name in params.0.keys() {
            if !self.parameters.iter().any(|p| p.name == *name) {
                return Err(ResolveError::UnknownParameter(name.clone()));
            }
        }
        let mut bound = Vec::with_capacity(self.parameters.len());
        for parameter in &self.parameters {
            let value = params.0.get(&parameter.name).or(parameter.default.as_ref());
            let fits = match (value, parameter.kind) {
                (None, _) => true,
                (Some(Value::String(_)), ParameterType::String) | (Some(Value::Bool(_)), ParameterType::Boolean) => {
                    true
                }
                (Some(Value::Array(items)), ParameterType::StringArray) => items.iter().all(|i| i.as_str().is_some()),
                _ => false,
            };
            if !fits {
                return Err(ResolveError::WrongType {
                    parameter: parameter.name.clone(),
                    expected: parameter.kind,
                });
            }
            if parameter.required && value.is_none() {
                return Err(ResolveError::MissingParameter(parameter.name.clone()));
            }
            bound.push((parameter.name.as_str(), value.cloned()));
        }
        match eval::Scope::new(bound).rules(&self.rules)? {
            Some(eval::Outcome::Endpoint(endpoint)) => Ok(endpoint),
            Some(eval::Outcome::Error(message)) => Err(ResolveError::Rule(message)),
            None => Err(ResolveError::Exhausted),
        }
    }
}

/// Calls one rules-engine function (`parseURL`, `aws.parseArn`,
/// `substring`...) on values, as a condition would: `None` is an empty
/// optional. For tests of the function library against the specification's
/// tables; `getAttr` takes its path as a string.
#[doc(hidden)]
pub fn evaluate_function(name: &str, args: Vec<Value>) -> Result<Option<Value>, ResolveError> {
    let function = parse::Function::named(name)
        .ok_or_else(|| ResolveError::InvalidRuleSet(format!("unknown function `{name}`")))?;
    let (min, max) = function.arity();
    if args.len() < min || args.len() > max {
        return Err(ResolveError::InvalidRuleSet(format!(
            "`{name}` takes {min} to {max} arguments"
        )));
    }
    let args = args
        .into_iter()
        .enumerate()
        .map(|(i, v)| match (function, i, v) {
            (parse::Function::GetAttr, 1, Value::String(p)) => parse::path(&p)
                .map(parse::Expr::Path)
                .map_err(ResolveError::InvalidRuleSet),
            (_, _, v) => Ok(parse::Expr::Literal(v)),
        })
        .collect::<Result<Vec<_>, _>>()?;
    eval::Scope::new(Vec::new())
        .call(&parse::Call { function, args })
        .map(|v| v.map(std::borrow::Cow::into_owned))
}

/// Parameter values by name (`Region`, `UseFIPS`...), as the rule set names
/// them. Unset parameters take their defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(BTreeMap<String, Value>);

impl Params {
    /// No values set.
    pub fn new() -> Params {
        Params::default()
    }

    /// Sets a value (a `&str`, `String`, `bool` or `Vec<String>`).
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<Value>) -> Params {
        self.0.insert(name.into(), value.into());
        self
    }

    /// Sets a value in place.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.0.insert(name.into(), value.into());
    }

    /// Sets what an operation binds itself, over what is already set: the
    /// rules engine takes the most specific value.
    pub fn insert_context(&mut self, context: &crate::call::EndpointContext) {
        for (name, value) in context.iter() {
            let value = match value {
                crate::call::ContextValue::String(s) => Value::String(s.clone()),
                crate::call::ContextValue::Bool(b) => Value::Bool(*b),
                crate::call::ContextValue::StringArray(items) => Value::from(items.clone()),
            };
            self.0.insert(name.to_owned(), value);
        }
    }

    /// The value set for `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }
}

/// A resolved endpoint: where to send the request, extra headers, and
/// properties such as the auth schemes to sign with.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Value>,
}

impl Endpoint {
    /// The URL (scheme, host, optional port and base path).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to add to the request.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The endpoint's properties (`authSchemes`, ...).
    pub fn properties(&self) -> &BTreeMap<String, Value> {
        &self.properties
    }

    /// The URL as an `http::Uri`; an error names a URL that is not an
    /// absolute URI (a custom endpoint without a scheme, say).
    pub fn uri(&self) -> Result<http::Uri, String> {
        match self.url.parse::<http::Uri>() {
            Ok(uri) if uri.scheme().is_some() && uri.authority().is_some() => Ok(uri),
            Ok(_) => Err(format!("the endpoint `{}` is not an absolute URL", self.url)),
            Err(e) => Err(format!("the endpoint `{}` is not a URL: {e}", self.url)),
        }
    }

    /// The URL and headers a request to this endpoint gets, for
    /// [`crate::call::ResolveEndpoint`]: the rules' outcome for some
    /// parameters, or the error that names why there is none.
    #[doc(hidden)]
    pub fn for_request(
        resolved: Result<Endpoint, ResolveError>,
    ) -> Result<(http::Uri, http::HeaderMap), crate::error::BuildRequestError> {
        let fail = crate::error::BuildRequestError::new;
        let endpoint = resolved.map_err(|e| fail(format!("no endpoint for these parameters: {e}")))?;
        let uri = endpoint.uri().map_err(fail)?;
        let mut headers = http::HeaderMap::new();
        endpoint.add_headers(&mut headers).map_err(fail)?;
        Ok((uri, headers))
    }

    /// Adds the endpoint's headers to a request's; an error names a header
    /// name or value HTTP does not allow.
    pub fn add_headers(&self, headers: &mut http::HeaderMap) -> Result<(), String> {
        for (name, values) in &self.headers {
            let header = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("the endpoint's header name `{name}` is not valid in HTTP"))?;
            for value in values {
                let value = http::HeaderValue::from_str(value)
                    .map_err(|_| format!("the endpoint's header `{name}` has a value not valid in HTTP: {value:?}"))?;
                headers.append(header.clone(), value);
            }
        }
        Ok(())
    }

    /// The `authSchemes` property, read: which schemes to sign with and
    /// their signing name and region, in the rule set's order of preference.
    pub fn auth_schemes(&self) -> Vec<AuthScheme> {
        let Some(Value::Array(schemes)) = self.properties.get("authSchemes") else {
            return Vec::new();
        };
        schemes
            .iter()
            .filter_map(|s| {
                let text = |key: &str| s.get(key).and_then(Value::as_str).map(str::to_owned);
                Some(AuthScheme {
                    name: text("name")?,
                    signing_name: text("signingName"),
                    signing_region: text("signingRegion"),
                    signing_region_set: match s.get("signingRegionSet") {
                        Some(Value::Array(items)) => {
                            items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect()
                        }
                        _ => Vec::new(),
                    },
                    disable_double_encoding: s.get("disableDoubleEncoding").and_then(Value::as_bool),
                })
            })
            .collect()
    }
}

/// One entry of an endpoint's `authSchemes` property.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthScheme {
    /// `sigv4`, `sigv4a`, `sigv4-s3express`...
    pub name: String,
    /// The service name to sign with.
    pub signing_name: Option<String>,
    /// The region to sign with (SigV4).
    pub signing_region: Option<String>,
    /// The regions to sign for (SigV4a).
    pub signing_region_set: Vec<String>,
    /// Whether the path is encoded only once when signing (S3).
    pub disable_double_encoding: Option<bool>,
}

/// A rule set that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetError {
    location: String,
    message: String,
}

impl RuleSetError {
    /// Where in the document (`rules[2].conditions[0]`); empty for the whole.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "endpoint rule set: {}", self.message)
        } else {
            write!(f, "endpoint rule set, at {}: {}", self.location, self.message)
        }
    }
}

impl std::error::Error for RuleSetError {}

/// Why no endpoint was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveError {
    /// The rule set's own error for these parameters (`Invalid
    /// Configuration: Missing Region`).
    Rule(String),
    /// A required parameter without a default was not set.
    MissingParameter(String),
    /// A value was set for a parameter the rule set does not have.
    UnknownParameter(String),
    /// A parameter was set to a value of the wrong type.
    WrongType {
        /// The parameter.
        parameter: String,
        /// Its type.
        expected: ParameterType,
    },
    /// No rule matched (or none inside a tree whose conditions matched).
    Exhausted,
    /// The rule set is inconsistent (a function given a value of the wrong
    /// type, a reference to nothing); a well-formed model never gives this.
    InvalidRuleSet(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Rule(message) => f.write_str(message),
            ResolveError::MissingParameter(name) => write!(f, "endpoint parameter `{name}` is required"),
            ResolveError::UnknownParameter(name) => write!(f, "the endpoint rules have no parameter `{name}`"),
            ResolveError::WrongType { parameter, expected } => {
                write!(f, "endpoint parameter `{parameter}` takes a {expected:?} value")
            }
            ResolveError::Exhausted => f.write_str("no endpoint rule matched these parameters"),
            ResolveError::InvalidRuleSet(message) => write!(f, "the endpoint rule set is inconsistent: {message}"),
        }
    }
}

impl std::error::Error for ResolveError {}
