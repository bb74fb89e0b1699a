//! The service's endpoint rules -> [`EndpointIr`]: the rule set checked by
//! the runtime's own parser (so a rule set the generated crate could not
//! read is found now), its parameters typed and named, and, when asked,
//! its `smithy.rules#endpointTests` cases as tests.

use serde_json::Value;
use shapesmith_runtime::rules_engine::{Parameter, ParameterType, RuleSet};

use super::Resolver;
use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::{
    ContextSourceIr, EndpointContextIr, EndpointExpect, EndpointIr, EndpointOperationInputIr, EndpointParamIr,
    EndpointParamKind, EndpointTestIr, EndpointTestValue, StructIr, ValueType,
};
use crate::model::{ShapeId, Traits};
use crate::names::{self, RustIdent};

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";

const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";

impl Resolver<'_> {
    /// The endpoint parameters an operation binds itself, least specific
    /// first. A binding to a parameter the rule set does not have, or of
    /// the wrong type, is a warning and is left out: the caller's `Params`
    /// still apply.
    pub(super) fn endpoint_context(
        &self,
        id: &ShapeId,
        op: &crate::model::OperationShape,
        input: &StructIr,
        endpoint: &EndpointIr,
    ) -> Result<Vec<EndpointContextIr>, Error> {
        let kind_of = |name: &str| endpoint.params.iter().find(|p| p.name == name).map(|p| p.kind);
        let mut out = Vec::new();
        let skip = |at: &ShapeId, why: String| self.warn(at, format!("{why}; the endpoint rules do not get it"));
        if let Some(Value::Object(params)) = op.traits.get(OPERATION_CONTEXT_PARAMS) {
            for (name, spec) in params {
                let Some(path) = spec.get("path").and_then(Value::as_str) else {
                    return Err(self.err(
                        id,
                        format!("has an @operationContextParams `{name}` without a `path` string"),
                    ));
                };
                if let Err(e) = shapesmith_runtime::waiter::Expression::parse(path) {
                    skip(
                        id,
                        format!("has an @operationContextParams `{name}` whose path `{path}` does not parse ({e})"),
                    );
                    continue;
                }
                match kind_of(name) {
                    Some(EndpointParamKind::String | EndpointParamKind::StringArray) => out.push(EndpointContextIr {
                        name: name.clone(),
                        source: ContextSourceIr::Path(path.to_owned()),
                    }),
                    _ => skip(id, format!("binds `{name}` by @operationContextParams, which the rule set has not as a string or string array")),
                }
            }
        }
        let input_shape = self.model.shape(&input.id);
        let members = match input_shape.as_deref() {
            Some(crate::model::Shape::Structure(s)) => Some(&s.members.0),
            _ => None,
        };
        for m in &input.members {
            let Some(context) = members
                .and_then(|ms| ms.iter().find(|(n, _)| *n == m.name))
                .and_then(|(_, member)| member.traits.get(CONTEXT_PARAM))
            else {
                continue;
            };
            let at = input.id.member(&m.name);
            let Some(name) = context.get("name").and_then(Value::as_str) else {
                return Err(self.err(&at, "has a @contextParam without a `name` string"));
            };
            let (kind, is_enum) = match &m.value.ty {
                ValueType::String => (EndpointParamKind::String, false),
                ValueType::Enum(_) => (EndpointParamKind::String, true),
                ValueType::Bool => (EndpointParamKind::Bool, false),
                _ => {
                    skip(
                        &at,
                        format!("binds `{name}` by @contextParam, but is neither a string nor a boolean"),
                    );
                    continue;
                }
            };
            if kind_of(name) != Some(kind) {
                skip(
                    &at,
                    format!(
                        "binds `{name}` by @contextParam, which the rule set has not as a {}",
                        if kind == EndpointParamKind::Bool {
                            "boolean"
                        } else {
                            "string"
                        }
                    ),
                );
                continue;
            }
            out.push(EndpointContextIr {
                name: name.to_owned(),
                source: ContextSourceIr::Member {
                    field: m.field.clone(),
                    kind,
                    is_enum,
                },
            });
        }
        if let Some(Value::Object(params)) = op.traits.get(STATIC_CONTEXT_PARAMS) {
            for (name, spec) in params {
                let value = match (spec.get("value"), kind_of(name)) {
                    (Some(Value::Bool(b)), Some(EndpointParamKind::Bool)) => EndpointTestValue::Bool(*b),
                    (Some(Value::String(s)), Some(EndpointParamKind::String)) => EndpointTestValue::String(s.clone()),
                    (Some(Value::Array(items)), Some(EndpointParamKind::StringArray))
                        if items.iter().all(Value::is_string) =>
                    {
                        EndpointTestValue::StringArray(
                            items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                        )
                    }
                    _ => {
                        skip(
                            id,
                            format!(
                                "has an @staticContextParams `{name}` whose value is not of the rule set's type for it"
                            ),
                        );
                        continue;
                    }
                };
                out.push(EndpointContextIr {
                    name: name.clone(),
                    source: ContextSourceIr::Static(value),
                });
            }
        }
        Ok(out)
    }

    /// The endpoint IR of a service, `None` when it has no rule set. A rule
    /// set the engine cannot read is a warning (the crate is still useful
    /// with an endpoint given by hand); a test case that does not fit the
    /// rule set is a model error.
    pub(super) fn endpoint(
        &self,
        service: &ShapeId,
        traits: &Traits,
        with_tests: bool,
    ) -> Result<Option<EndpointIr>, Error> {
        let Some(json) = traits.get(RULE_SET) else {
            return Ok(None);
        };
        let rule_set = json.to_string();
        let parsed = match RuleSet::from_json(&rule_set) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.warn(
                    service,
                    format!("has endpoint rules the rules engine cannot read ({e}); no `endpoint` module is generated"),
                );
                return Ok(None);
            }
        };
        let fields =
            names::field_names_reserving(parsed.parameters().iter().map(|p| p.name.as_str()), &["new", "resolve"]);
        let params: Vec<EndpointParamIr> = parsed.parameters().iter().zip(fields).map(param).collect();
        let cases = match traits.get(TESTS).and_then(|t| t.get("testCases")) {
            Some(cases) if with_tests => cases
                .as_array()
                .ok_or_else(|| self.err(service, "has endpoint tests whose `testCases` is not an array"))?
                .as_slice(),
            _ => &[],
        };
        let width = cases.len().to_string().len();
        let tests = cases
            .iter()
            .enumerate()
            .map(|(i, case)| {
                test_case(case, &params, RustIdent::plain(format!("case_{i:0width$}"))).map_err(|why| {
                    self.err(
                        service,
                        format!("has an endpoint test that does not fit its rules: case {i}: {why}"),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Some(EndpointIr {
            rule_set,
            params,
            tests,
        }))
    }
}

fn param((p, field): (&Parameter, RustIdent)) -> EndpointParamIr {
    // Rule-set documentation is plain text; the HTML reader escapes what
    // rustdoc would misread, as for the model's other docs.
    let mut docs = p.documentation.as_deref().map(html_to_markdown).unwrap_or_default();
    if let Some(built_in) = &p.built_in {
        docs.push_str(&format!("\n\nBuilt-in: `{built_in}`."));
    }
    if let Some(default) = &p.default {
        docs.push_str(&format!("\n\nDefault: `{}`.", default.to_json()));
    }
    // What the AWS SDKs fill in when the caller sets nothing: the account-id
    // endpoint mode is `preferred` (an account endpoint when the account is
    // known), not unset.
    let sdk_default = match p.built_in.as_deref() {
        Some("AWS::Auth::AccountIdEndpointMode") if p.default.is_none() => Some("preferred".to_owned()),
        _ => None,
    };
    if let Some(default) = &sdk_default {
        docs.push_str(&format!("\n\nUnset, it is `{default}`, as in the AWS SDKs."));
    }
    EndpointParamIr {
        sdk_default,
        built_in: p.built_in.clone(),
        name: p.name.clone(),
        field,
        kind: match p.kind {
            ParameterType::Boolean => EndpointParamKind::Bool,
            ParameterType::StringArray => EndpointParamKind::StringArray,
            _ => EndpointParamKind::String,
        },
        docs,
    }
}

/// One test case, or why it does not fit the rule set's parameters.
/// A parameter value of a test case, checked against the parameter's type.
fn test_value(key: &str, param: &EndpointParamIr, value: &Value) -> Result<EndpointTestValue, String> {
    Ok(match (param.kind, value) {
        (EndpointParamKind::String, Value::String(s)) => EndpointTestValue::String(s.clone()),
        (EndpointParamKind::Bool, Value::Bool(b)) => EndpointTestValue::Bool(*b),
        (EndpointParamKind::StringArray, Value::Array(items)) => EndpointTestValue::StringArray(
            strings(items).ok_or_else(|| format!("`{key}` holds something other than strings"))?,
        ),
        (_, other) => return Err(format!("`{key}` = {other} does not fit its type")),
    })
}

/// An `operationInputs` entry: its built-in parameters (by built-in name)
/// and client parameters (by parameter name) as rule-set parameters.
fn operation_input(input: &Value, params: &[EndpointParamIr]) -> Result<EndpointOperationInputIr, String> {
    let operation = input
        .get("operationName")
        .and_then(Value::as_str)
        .ok_or("has an `operationInputs` entry without an `operationName`")?;
    let mut values = Vec::new();
    for (key, value) in input
        .get("builtInParams")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let (index, param) = params
            .iter()
            .enumerate()
            .find(|(_, p)| p.built_in.as_deref() == Some(key.as_str()))
            .ok_or_else(|| format!("sets the built-in `{key}`, which no rule-set parameter takes"))?;
        values.push((index, test_value(key, param, value)?));
    }
    for (key, value) in input
        .get("clientParams")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let (index, param) = params
            .iter()
            .enumerate()
            .find(|(_, p)| p.name == *key)
            .ok_or_else(|| format!("sets the client parameter `{key}`, which the rule set does not have"))?;
        values.push((index, test_value(key, param, value)?));
    }
    Ok(EndpointOperationInputIr {
        operation: operation.to_owned(),
        params: values,
        input: input
            .get("operationParams")
            .map_or_else(|| "{}".to_owned(), Value::to_string),
    })
}

fn test_case(case: &Value, params: &[EndpointParamIr], name: RustIdent) -> Result<EndpointTestIr, String> {
    let mut values = Vec::new();
    for (key, value) in case.get("params").and_then(Value::as_object).into_iter().flatten() {
        let (index, param) = params
            .iter()
            .enumerate()
            .find(|(_, p)| p.name == *key)
            .ok_or_else(|| format!("sets `{key}`, which the rule set does not have"))?;
        values.push((index, test_value(key, param, value)?));
    }
    let operation_inputs = case
        .get("operationInputs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|input| operation_input(input, params))
        .collect::<Result<Vec<_>, _>>()?;
    let expect = case.get("expect").ok_or("has no `expect`")?;
    let expect = match (expect.get("endpoint"), expect.get("error")) {
        (Some(endpoint), None) => expected_endpoint(endpoint)?,
        (None, Some(Value::String(message))) => EndpointExpect::Error(message.clone()),
        _ => return Err("expects neither one endpoint nor one error message".into()),
    };
    Ok(EndpointTestIr {
        name,
        docs: case.get("documentation").and_then(Value::as_str).map(html_to_markdown),
        params: values,
        expect,
        operation_inputs,
    })
}

fn expected_endpoint(endpoint: &Value) -> Result<EndpointExpect, String> {
    let url = endpoint
        .get("url")
        .and_then(Value::as_str)
        .ok_or("expects an endpoint without a url")?;
    let mut headers = Vec::new();
    for (name, values) in endpoint.get("headers").and_then(Value::as_object).into_iter().flatten() {
        let values = values
            .as_array()
            .and_then(|v| strings(v))
            .ok_or_else(|| format!("header `{name}` is not a list of strings"))?;
        headers.push((name.clone(), values));
    }
    let properties = endpoint
        .get("properties")
        .map_or_else(|| "{}".to_owned(), Value::to_string);
    Ok(EndpointExpect::Endpoint {
        url: url.to_owned(),
        headers,
        properties,
    })
}

/// The items as strings, if every one is a string.
fn strings(items: &[Value]) -> Option<Vec<String>> {
    items.iter().map(|i| i.as_str().map(str::to_owned)).collect()
}
