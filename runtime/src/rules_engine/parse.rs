//! A rule set's JSON (the `smithy.rules#endpointRuleSet` trait) read into a
//! tree the interpreter walks: rules, conditions, expressions and template
//! strings, each checked once here (known functions, argument counts,
//! template syntax, nesting depth) so that evaluation only evaluates.

use serde_json::Value as Json;

use super::value::Value;
use super::RuleSetError;

/// How deep rules and expressions may nest: the working set's rule sets nest
/// at most 6 levels. Parsing and evaluation recurse once per level, so the
/// bound keeps a hostile rule set from overflowing the stack.
const MAX_DEPTH: usize = 48;

/// A parameter's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParameterType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

/// One of the rule set's parameters.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Parameter {
    /// Its name, as references and endpoint tests write it (`Region`).
    pub name: String,
    /// Its type.
    pub kind: ParameterType,
    /// The built-in that supplies it (`AWS::Region`, `SDK::Endpoint`), if any.
    pub built_in: Option<String>,
    /// Whether resolution needs it (after its default is applied).
    pub required: bool,
    /// The value used when it is not set.
    pub default: Option<Value>,
    /// Its documentation.
    pub documentation: Option<String>,
}

#[derive(Debug)]
pub(crate) enum Rule {
    Endpoint {
        conditions: Vec<Condition>,
        endpoint: EndpointTemplate,
    },
    Error {
        conditions: Vec<Condition>,
        message: Expr,
    },
    Tree {
        conditions: Vec<Condition>,
        rules: Vec<Rule>,
    },
}

#[derive(Debug)]
pub(crate) struct EndpointTemplate {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Expr)>,
}

#[derive(Debug)]
pub(crate) struct Condition {
    pub call: Call,
    pub assign: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Call {
    pub function: Function,
    pub args: Vec<Expr>,
}

/// The functions of the standard library and the AWS extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    GetAttr,
    Substring,
    IsValidHostLabel,
    ParseUrl,
    UriEncode,
    Coalesce,
    Ite,
    Split,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

/// Each function by the name rule sets call it.
const FUNCTIONS: [(&str, Function); 15] = [
    ("booleanEquals", Function::BooleanEquals),
    ("stringEquals", Function::StringEquals),
    ("isSet", Function::IsSet),
    ("not", Function::Not),
    ("getAttr", Function::GetAttr),
    ("substring", Function::Substring),
    ("isValidHostLabel", Function::IsValidHostLabel),
    ("parseURL", Function::ParseUrl),
    ("uriEncode", Function::UriEncode),
    ("coalesce", Function::Coalesce),
    ("ite", Function::Ite),
    ("split", Function::Split),
    ("aws.partition", Function::AwsPartition),
    ("aws.parseArn", Function::AwsParseArn),
    ("aws.isVirtualHostableS3Bucket", Function::AwsIsVirtualHostableS3Bucket),
];

impl Function {
    pub(crate) fn named(name: &str) -> Option<Function> {
        FUNCTIONS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// The name rule sets call it by.
    pub(crate) fn name(self) -> &'static str {
        FUNCTIONS.iter().find(|(_, f)| *f == self).map_or("?", |(n, _)| n)
    }

    /// The argument counts it takes (`coalesce` is variadic).
    pub(crate) fn arity(self) -> (usize, usize) {
        match self {
            Function::IsSet | Function::Not | Function::ParseUrl | Function::UriEncode => (1, 1),
            Function::AwsPartition | Function::AwsParseArn => (1, 1),
            Function::BooleanEquals | Function::StringEquals | Function::GetAttr => (2, 2),
            Function::IsValidHostLabel | Function::AwsIsVirtualHostableS3Bucket => (2, 2),
            Function::Ite | Function::Split => (3, 3),
            Function::Substring => (4, 4),
            Function::Coalesce => (2, usize::MAX),
        }
    }
}

#[derive(Debug)]
pub(crate) enum Expr {
    Template(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Object(Vec<(String, Expr)>),
    Ref(String),
    Call(Box<Call>),
    /// `getAttr`'s path, parsed once.
    Path(Vec<PathStep>),
    /// A value given directly (see [`super::evaluate_function`]).
    Literal(Value),
}

/// A string with `{name}` and `{name#path}` holes.
#[derive(Debug)]
pub(crate) struct Template(pub Vec<Piece>);

#[derive(Debug)]
pub(crate) enum Piece {
    Text(String),
    Ref(String),
    Attr(String, Vec<PathStep>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PathStep {
    Key(String),
    Index(i64),
}

/// Reads a rule set document.
pub(crate) fn rule_set(json: &Json) -> Result<(Vec<Parameter>, Vec<Rule>), RuleSetError> {
    let at = Location::root();
    let object = json
        .as_object()
        .ok_or_else(|| at.error("a rule set must be a JSON object"))?;
    let parameters = match object.get("parameters") {
        Some(Json::Object(map)) => map
            .iter()
            .map(|(name, p)| parameter(name, p, &at.key("parameters").key(name)))
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err(at.error("`parameters` must be an object")),
    };
    let rules = rules(object.get("rules"), &at.key("rules"), 0)?;
    Ok((parameters, rules))
}

/// Where in the document something is, for error messages
/// (`rules[1].rules[0].conditions[2]`).
#[derive(Clone)]
struct Location(String);

impl Location {
    fn root() -> Location {
        Location(String::new())
    }
    fn key(&self, key: &str) -> Location {
        if self.0.is_empty() {
            Location(key.to_owned())
        } else {
            Location(format!("{}.{key}", self.0))
        }
    }
    fn index(&self, index: usize) -> Location {
        Location(format!("{}[{index}]", self.0))
    }
    fn error(&self, message: impl Into<String>) -> RuleSetError {
        RuleSetError {
            location: self.0.clone(),
            message: message.into(),
        }
    }
}

fn parameter(name: &str, json: &Json, at: &Location) -> Result<Parameter, RuleSetError> {
    let kind = match json.get("type").and_then(Json::as_str) {
        Some(t) if t.eq_ignore_ascii_case("string") => ParameterType::String,
        Some(t) if t.eq_ignore_ascii_case("boolean") => ParameterType::Boolean,
        Some(t) if t.eq_ignore_ascii_case("stringArray") => ParameterType::StringArray,
        other => return Err(at.error(format!("unknown parameter type {other:?}"))),
    };
    let default = match (json.get("default"), kind) {
        (None | Some(Json::Null), _) => None,
        (Some(Json::String(s)), ParameterType::String) => Some(Value::String(s.clone())),
        (Some(Json::Bool(b)), ParameterType::Boolean) => Some(Value::Bool(*b)),
        (Some(Json::Array(items)), ParameterType::StringArray) => Some(Value::Array(
            items
                .iter()
                .map(|i| i.as_str().map(Value::from))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| at.error("a stringArray default must hold strings"))?,
        )),
        (Some(other), _) => return Err(at.error(format!("default {other} does not match the parameter's type"))),
    };
    Ok(Parameter {
        name: name.to_owned(),
        kind,
        built_in: json.get("builtIn").and_then(Json::as_str).map(str::to_owned),
        required: json.get("required").and_then(Json::as_bool).unwrap_or(false),
        default,
        documentation: json.get("documentation").and_then(Json::as_str).map(str::to_owned),
    })
}

fn rules(json: Option<&Json>, at: &Location, depth: usize) -> Result<Vec<Rule>, RuleSetError> {
    if depth > MAX_DEPTH {
        return Err(at.error(format!("rules nest more than {MAX_DEPTH} levels deep")));
    }
    let items = json
        .and_then(Json::as_array)
        .ok_or_else(|| at.error("`rules` must be an array"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, r)| rule(r, &at.index(i), depth))
        .collect()
}

fn rule(json: &Json, at: &Location, depth: usize) -> Result<Rule, RuleSetError> {
    let conditions = match json.get("conditions") {
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, c)| condition(c, &at.key("conditions").index(i)))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
        Some(_) => return Err(at.key("conditions").error("must be an array")),
    };
    match json.get("type").and_then(Json::as_str) {
        Some("endpoint") => {
            let endpoint = json
                .get("endpoint")
                .ok_or_else(|| at.error("an endpoint rule needs `endpoint`"))?;
            Ok(Rule::Endpoint {
                conditions,
                endpoint: endpoint_template(endpoint, &at.key("endpoint"))?,
            })
        }
        Some("error") => {
            let message = json
                .get("error")
                .ok_or_else(|| at.error("an error rule needs `error`"))?;
            Ok(Rule::Error {
                conditions,
                message: expr(message, &at.key("error"), 0)?,
            })
        }
        Some("tree") => Ok(Rule::Tree {
            conditions,
            rules: rules(json.get("rules"), &at.key("rules"), depth + 1)?,
        }),
        other => Err(at.error(format!("unknown rule type {other:?}"))),
    }
}

fn endpoint_template(json: &Json, at: &Location) -> Result<EndpointTemplate, RuleSetError> {
    let url = json.get("url").ok_or_else(|| at.error("an endpoint needs `url`"))?;
    let mut headers = Vec::new();
    if let Some(map) = json.get("headers") {
        let map = map
            .as_object()
            .ok_or_else(|| at.key("headers").error("must be an object"))?;
        for (name, values) in map {
            let here = at.key("headers").key(name);
            let values = values.as_array().ok_or_else(|| here.error("must be an array"))?;
            let values = values
                .iter()
                .enumerate()
                .map(|(i, v)| expr(v, &here.index(i), 0))
                .collect::<Result<Vec<_>, _>>()?;
            headers.push((name.clone(), values));
        }
    }
    let mut properties = Vec::new();
    if let Some(map) = json.get("properties") {
        let map = map
            .as_object()
            .ok_or_else(|| at.key("properties").error("must be an object"))?;
        for (name, value) in map {
            properties.push((name.clone(), expr(value, &at.key("properties").key(name), 0)?));
        }
    }
    Ok(EndpointTemplate {
        url: expr(url, &at.key("url"), 0)?,
        headers,
        properties,
    })
}

fn condition(json: &Json, at: &Location) -> Result<Condition, RuleSetError> {
    Ok(Condition {
        call: call(json, at, 0)?,
        assign: match json.get("assign") {
            None | Some(Json::Null) => None,
            Some(Json::String(name)) => Some(name.clone()),
            Some(_) => return Err(at.key("assign").error("must be a string")),
        },
    })
}

fn call(json: &Json, at: &Location, depth: usize) -> Result<Call, RuleSetError> {
    let name = json
        .get("fn")
        .and_then(Json::as_str)
        .ok_or_else(|| at.error("a function call needs `fn`"))?;
    let function = Function::named(name).ok_or_else(|| at.error(format!("unknown function `{name}`")))?;
    let argv = json
        .get("argv")
        .and_then(Json::as_array)
        .ok_or_else(|| at.error(format!("`{name}` needs an `argv` array")))?;
    let (min, max) = function.arity();
    if argv.len() < min || argv.len() > max {
        return Err(at.error(format!("`{name}` takes {min} to {max} arguments, not {}", argv.len())));
    }
    let mut args = Vec::with_capacity(argv.len());
    for (i, arg) in argv.iter().enumerate() {
        let here = at.key("argv").index(i);
        // getAttr's path is a literal, parsed here once.
        if function == Function::GetAttr && i == 1 {
            let text = arg
                .as_str()
                .ok_or_else(|| here.error("getAttr's path must be a string"))?;
            args.push(Expr::Path(path(text).map_err(|m| here.error(m))?));
        } else {
            args.push(expr(arg, &here, depth + 1)?);
        }
    }
    Ok(Call { function, args })
}

fn expr(json: &Json, at: &Location, depth: usize) -> Result<Expr, RuleSetError> {
    if depth > MAX_DEPTH {
        return Err(at.error(format!("expressions nest more than {MAX_DEPTH} levels deep")));
    }
    Ok(match json {
        Json::String(s) => Expr::Template(template(s).map_err(|m| at.error(m))?),
        Json::Bool(b) => Expr::Bool(*b),
        Json::Number(n) => Expr::Int(n.as_i64().ok_or_else(|| at.error(format!("{n} is not an integer")))?),
        Json::Array(items) => Expr::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| expr(v, &at.index(i), depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(map) if map.contains_key("ref") => match map.get("ref") {
            Some(Json::String(name)) => Expr::Ref(name.clone()),
            _ => return Err(at.error("`ref` must be a string")),
        },
        Json::Object(map) if map.contains_key("fn") => Expr::Call(Box::new(call(json, at, depth + 1)?)),
        Json::Object(map) => Expr::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), expr(v, &at.key(k), depth + 1)?)))
                .collect::<Result<_, RuleSetError>>()?,
        ),
        Json::Null => return Err(at.error("null is not a value")),
    })
}

/// `{name}`, `{name#path}`, and `{{` / `}}` for literal braces.
pub(crate) fn template(text: &str) -> Result<Template, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some((_, '}')) => break,
                        Some((_, c)) => inner.push(c),
                        None => return Err(format!("template `{text}` has an unclosed `{{` at {at}")),
                    }
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(match inner.split_once('#') {
                    Some((name, p)) if !name.is_empty() => Piece::Attr(name.to_owned(), path(p)?),
                    None if !inner.is_empty() => Piece::Ref(inner),
                    _ => return Err(format!("template `{text}` has an empty or malformed `{{{inner}}}`")),
                });
            }
            '}' => return Err(format!("template `{text}` has a lone `}}` at {at}")),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() || pieces.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(Template(pieces))
}

/// A `getAttr` path: keys split on `.`, each optionally followed by `[n]`.
pub(crate) fn path(text: &str) -> Result<Vec<PathStep>, String> {
    let mut steps = Vec::new();
    for part in text.split('.') {
        match part.split_once('[') {
            Some((key, rest)) => {
                if !key.is_empty() {
                    steps.push(PathStep::Key(key.to_owned()));
                }
                let index = rest
                    .strip_suffix(']')
                    .and_then(|n| n.parse::<i64>().ok())
                    .ok_or_else(|| format!("path `{text}` has a malformed index `[{rest}`"))?;
                steps.push(PathStep::Index(index));
            }
            None if !part.is_empty() => steps.push(PathStep::Key(part.to_owned())),
            None => return Err(format!("path `{text}` has an empty part")),
        }
    }
    Ok(steps)
}
