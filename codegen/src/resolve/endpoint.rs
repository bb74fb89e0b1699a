//! The service's endpoint rules -> [`EndpointIr`]: the rule set checked by
//! the runtime's own parser (so a rule set the generated crate could not
//! read is found now), its parameters typed and named, and, when asked,
//! its `smithy.rules#endpointTests` cases as tests.

use serde_json::Value;
use shapesmith_runtime::rules_engine::{Parameter, ParameterType, RuleSet};

use super::Resolver;
use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::{EndpointExpect, EndpointIr, EndpointParamIr, EndpointParamKind, EndpointTestIr, EndpointTestValue};
use crate::model::{ShapeId, Traits};
use crate::names::{self, RustIdent};

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";

impl Resolver<'_> {
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
    EndpointParamIr {
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
fn test_case(case: &Value, params: &[EndpointParamIr], name: RustIdent) -> Result<EndpointTestIr, String> {
    let mut values = Vec::new();
    for (key, value) in case.get("params").and_then(Value::as_object).into_iter().flatten() {
        let (index, param) = params
            .iter()
            .enumerate()
            .find(|(_, p)| p.name == *key)
            .ok_or_else(|| format!("sets `{key}`, which the rule set does not have"))?;
        let value = match (param.kind, value) {
            (EndpointParamKind::String, Value::String(s)) => EndpointTestValue::String(s.clone()),
            (EndpointParamKind::Bool, Value::Bool(b)) => EndpointTestValue::Bool(*b),
            (EndpointParamKind::StringArray, Value::Array(items)) => EndpointTestValue::StringArray(
                strings(items).ok_or_else(|| format!("`{key}` holds something other than strings"))?,
            ),
            (_, other) => return Err(format!("`{key}` = {other} does not fit its type")),
        };
        values.push((index, value));
    }
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
