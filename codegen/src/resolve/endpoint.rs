//! The service's endpoint rules -> [`EndpointIr`]: the rule set checked by
//! the runtime's own parser (so a rule set the generated crate could not
//! read is found now), its parameters typed and named, and, when asked,
//! its `smithy.rules#endpointTests` cases as tests.

use serde_json::Value;
use shapesmith_runtime::rules_engine::{ParameterType, RuleSet};

use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::{EndpointExpect, EndpointIr, EndpointParamIr, EndpointParamKind, EndpointTestIr, EndpointTestValue};
use crate::model::{ShapeId, Traits};
use crate::names::{self, RustIdent};

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";

/// What went wrong, for the caller to report as a model error (a test case
/// that does not fit the rule set) or as a warning (a rule set the engine
/// cannot read: the crate is still useful with a given endpoint).
pub(crate) enum Problem {
    Unreadable(String),
    BadTest(String),
}

/// The endpoint IR of a service, `Ok(None)` when it has no rule set.
pub(crate) fn endpoint(traits: &Traits, with_tests: bool) -> Result<Option<EndpointIr>, Problem> {
    let Some(json) = traits.get(RULE_SET) else {
        return Ok(None);
    };
    let rule_set = json.to_string();
    let parsed = RuleSet::from_json(&rule_set).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let fields = names::field_names_reserving(parsed.parameters().iter().map(|p| p.name.as_str()), &["new", "resolve"]);
    let params: Vec<EndpointParamIr> = parsed
        .parameters()
        .iter()
        .zip(fields)
        .map(|(p, field)| {
            // Rule-set documentation is plain text; the HTML reader escapes
            // what rustdoc would misread, as for the model's other docs.
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
        })
        .collect();
    let tests = if with_tests {
        tests(traits.get(TESTS), &params)?
    } else {
        Vec::new()
    };
    Ok(Some(EndpointIr {
        rule_set,
        params,
        tests,
    }))
}

fn tests(json: Option<&Value>, params: &[EndpointParamIr]) -> Result<Vec<EndpointTestIr>, Problem> {
    let cases = match json.map(|t| t.get("testCases")) {
        None | Some(None) => return Ok(Vec::new()),
        Some(Some(Value::Array(cases))) => cases,
        Some(Some(_)) => return Err(Problem::BadTest("`testCases` is not an array".into())),
    };
    let width = cases.len().to_string().len();
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let bad = |what: String| Problem::BadTest(format!("case {i}: {what}"));
            let mut values = Vec::new();
            if let Some(map) = case.get("params").and_then(Value::as_object) {
                for (name, value) in map {
                    let index = params
                        .iter()
                        .position(|p| p.name == *name)
                        .ok_or_else(|| bad(format!("sets `{name}`, which the rule set does not have")))?;
                    let value = match (params[index].kind, value) {
                        (EndpointParamKind::String, Value::String(s)) => EndpointTestValue::String(s.clone()),
                        (EndpointParamKind::Bool, Value::Bool(b)) => EndpointTestValue::Bool(*b),
                        (EndpointParamKind::StringArray, Value::Array(items)) => EndpointTestValue::StringArray(
                            items
                                .iter()
                                .map(|i| i.as_str().map(str::to_owned))
                                .collect::<Option<_>>()
                                .ok_or_else(|| bad(format!("`{name}` holds something other than strings")))?,
                        ),
                        (_, other) => return Err(bad(format!("`{name}` = {other} does not fit its type"))),
                    };
                    values.push((index, value));
                }
            }
            let expect = case.get("expect").ok_or_else(|| bad("has no `expect`".into()))?;
            let expect = match (expect.get("endpoint"), expect.get("error")) {
                (Some(endpoint), None) => EndpointExpect::Endpoint {
                    url: endpoint
                        .get("url")
                        .and_then(Value::as_str)
                        .ok_or_else(|| bad("expects an endpoint without a url".into()))?
                        .to_owned(),
                    headers: endpoint
                        .get("headers")
                        .and_then(Value::as_object)
                        .map(|h| {
                            h.iter()
                                .map(|(k, v)| {
                                    let values = v
                                        .as_array()
                                        .map(|vs| vs.iter().filter_map(Value::as_str).map(str::to_owned).collect());
                                    values
                                        .map(|vs| (k.clone(), vs))
                                        .ok_or_else(|| bad(format!("header `{k}` is not a list")))
                                })
                                .collect::<Result<Vec<_>, _>>()
                        })
                        .transpose()?
                        .unwrap_or_default(),
                    properties: endpoint
                        .get("properties")
                        .cloned()
                        .unwrap_or_else(|| Value::Object(Default::default()))
                        .to_string(),
                },
                (None, Some(Value::String(message))) => EndpointExpect::Error(message.clone()),
                _ => return Err(bad("expects neither one endpoint nor one error message".into())),
            };
            Ok(EndpointTestIr {
                name: RustIdent::plain(format!("case_{i:0width$}")),
                docs: case.get("documentation").and_then(Value::as_str).map(html_to_markdown),
                params: values,
                expect,
            })
        })
        .collect()
}

/// Reports a problem: a rule set the engine cannot read is a warning (the
/// crate is generated without its `endpoint` module), a broken test case is
/// a model error.
pub(crate) fn report(
    problem: Problem,
    service: &ShapeId,
    path: &std::path::Path,
    warn: impl FnOnce(String),
) -> Result<Option<EndpointIr>, Error> {
    match problem {
        Problem::Unreadable(why) => {
            warn(format!(
                "has endpoint rules the rules engine cannot read ({why}); no `endpoint` module is generated"
            ));
            Ok(None)
        }
        Problem::BadTest(why) => Err(Error::model(
            path,
            Some(service),
            format!("has an endpoint test that does not fit its rules: {why}"),
        )),
    }
}
