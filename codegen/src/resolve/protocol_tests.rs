//! The protocol compliance cases (`smithy.test#httpRequestTests` and
//! `httpResponseTests`) that apply to the selected client operations.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Resolver;
use crate::error::Error;
use crate::ir::*;
use crate::model::ShapeId;
use crate::names;

impl Resolver<'_> {
    /// The client-side compliance cases on the selected operations and their
    /// error structures, in operation order, then case order.
    pub(super) fn protocol_tests(
        &self,
        protocol: Protocol,
        selected: &[(ShapeId, crate::model::OperationShape)],
        operations: &[OperationIr],
        skips: &BTreeMap<String, String>,
    ) -> Result<Vec<ProtocolTestIr>, Error> {
        let mut cases: Vec<(ShapeId, &OperationIr, ProtocolTestKind, TypePath, Value)> = Vec::new();
        let mut error_seen = BTreeSet::new();
        for (id, op) in selected {
            let ir = operations
                .iter()
                .find(|o| o.id == *id)
                .ok_or_else(|| Error::Internal(format!("operation `{id}` was not resolved")))?;
            for trait_id in ["smithy.test#httpRequestTests", "smithy.test#httpResponseTests"] {
                let (kind, ty) = if trait_id.ends_with("RequestTests") {
                    (ProtocolTestKind::Request, ir.input.clone())
                } else {
                    (ProtocolTestKind::Response, ir.output.clone())
                };
                for case in op.traits.get(trait_id).and_then(Value::as_array).into_iter().flatten() {
                    cases.push((id.clone(), ir, kind.clone(), ty.clone(), case.clone()));
                }
            }
            // Error cases belong to the first selected operation that lists the error.
            for error in &ir.errors {
                let error_id = error.id.clone();
                if !error_seen.insert(error_id.clone()) {
                    continue;
                }
                let shape = self.shape(&error_id)?;
                for case in shape
                    .traits()
                    .get("smithy.test#httpResponseTests")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    cases.push((
                        error_id.clone(),
                        ir,
                        ProtocolTestKind::ErrorResponse(error.clone()),
                        error.path.clone(),
                        case.clone(),
                    ));
                }
            }
        }

        // restJson1 gives a request case and a response case one id.
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        for (.., case) in &cases {
            if let Some(id) = case.get("id").and_then(Value::as_str) {
                *ids.entry(id.to_owned()).or_default() += 1;
            }
        }
        let mut tests = Vec::new();
        let mut taken = BTreeSet::new();
        for (shape, op, kind, params_type, case) in cases {
            let text = |key: &str| case.get(key).and_then(Value::as_str).map(str::to_owned);
            let list = |key: &str| -> Vec<String> {
                case.get(key)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                    .unwrap_or_default()
            };
            let Some(id) = text("id") else {
                return Err(self.err(&shape, "has a protocol test without an `id`"));
            };
            if text("protocol").as_deref() != Some(protocol.trait_id())
                || text("appliesTo").as_deref() == Some("server")
            {
                continue;
            }
            let suffix = match (ids.get(&id).copied().unwrap_or(0) > 1, &kind) {
                (false, _) => "",
                (true, ProtocolTestKind::Request) => "_request",
                (true, _) => "_response",
            };
            let mut function = vec![format!("{}{suffix}", heck::ToSnakeCase::to_snake_case(id.as_str()))];
            names::dedupe(&mut function, &mut taken);
            tests.push(ProtocolTestIr {
                function: names::module_name(&function[0]),
                docs: text("documentation"),
                operation: OperationRef {
                    module: op.module.clone(),
                    ident: op.ident.clone(),
                },
                kind,
                params: case
                    .get("params")
                    .cloned()
                    .unwrap_or(Value::Object(serde_json::Map::new())),
                params_type,
                method: text("method"),
                uri: text("uri"),
                query_params: list("queryParams"),
                forbid_query_params: list("forbidQueryParams"),
                require_query_params: list("requireQueryParams"),
                host: text("host"),
                resolved_host: text("resolvedHost"),
                headers: case
                    .get("headers")
                    .and_then(Value::as_object)
                    .map(|h| {
                        h.iter()
                            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                            .collect()
                    })
                    .unwrap_or_default(),
                forbid_headers: list("forbidHeaders"),
                require_headers: list("requireHeaders"),
                body: text("body"),
                body_media_type: text("bodyMediaType"),
                code: case
                    .get("code")
                    .and_then(Value::as_u64)
                    .and_then(|c| u16::try_from(c).ok()),
                error_code: match text("vendorParamsShape").as_deref() {
                    Some("aws.protocoltests.config#ErrorCodeParams") => {
                        let vendor = |key: &str| {
                            case.get("vendorParams")
                                .and_then(|v| v.get(key))
                                .and_then(Value::as_str)
                                .map(str::to_owned)
                        };
                        vendor("code").map(|code| (code, vendor("type")))
                    }
                    _ => None,
                },
                skip: skips.get(&id).cloned(),
                id,
            });
        }
        Ok(tests)
    }
}
