//! Operations: their errors, paginators, `@endpoint` host prefix, request
//! compression and `X-Amz-Target`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::service::op_member_id;
use super::{docs, Placement, Resolver};
use crate::error::Error;
use crate::ir::*;
use crate::model::{trait_ids as t, Shape, ShapeId};
use crate::names::{self, RustIdent};

impl Resolver<'_> {
    pub(super) fn operation(
        &self,
        id: &ShapeId,
        op: &crate::model::OperationShape,
        (service_id, service): (&ShapeId, &crate::model::ServiceShape),
        placement: &Placement,
        structures: &[StructIr],
    ) -> Result<OperationIr, Error> {
        let input_id = op_member_id(id, op.input.as_ref().map(|r| &r.target), "Input");
        let output_id = op_member_id(id, op.output.as_ref().map(|r| &r.target), "Output");
        let find = |path: &TypePath| structures.iter().find(|s| s.path == *path);
        let input = placement.paths[&input_id].clone();
        let output = placement.paths[&output_id].clone();
        let (input_struct, output_struct) = match (find(&input), find(&output)) {
            (Some(i), Some(o)) => (i, o),
            _ => return Err(Error::Internal(format!("operation `{id}` lost its input or output"))),
        };

        for (owner, listed) in [(id, &op.errors), (service_id, &service.errors)] {
            for error in listed {
                self.check_error_target(owner, &error.target)?;
            }
        }
        let mut error_ids: Vec<&ShapeId> = op.errors.iter().chain(&service.errors).map(|e| &e.target).collect();
        error_ids.sort_by_key(|e| e.name());
        error_ids.dedup();
        let mut variants: Vec<String> = error_ids.iter().map(|e| names::type_name(e.name())).collect();
        names::dedupe(&mut variants, &mut BTreeSet::from(["Unhandled".to_owned()]));
        // `is_unhandled()` is the catch-all's.
        let mut is_methods: Vec<String> = variants
            .iter()
            .map(|v| format!("is_{}", heck::ToSnakeCase::to_snake_case(v.as_str())))
            .collect();
        names::dedupe(&mut is_methods, &mut BTreeSet::from(["is_unhandled".to_owned()]));
        let errors = error_ids
            .iter()
            .zip(variants)
            .zip(is_methods)
            .map(|((e, variant), is_method)| OperationErrorIr {
                id: (*e).clone(),
                variant: RustIdent::plain(variant),
                path: placement.paths[*e].clone(),
                code: e.name().to_owned(),
                is_method: RustIdent::plain(is_method),
            })
            .collect();

        let pagination = self.pagination(id, op, service, input_struct, output_struct)?;
        let host_prefix = match op.traits.get("smithy.api#endpoint") {
            None => None,
            Some(endpoint) => {
                let template = endpoint
                    .get("hostPrefix")
                    .and_then(Value::as_str)
                    .ok_or_else(|| self.err(id, "has an @endpoint trait without a string `hostPrefix`"))?;
                let mut parts = Vec::new();
                let mut rest = template;
                while let Some((text, after)) = rest.split_once('{') {
                    let (label, after) = after.split_once('}').ok_or_else(|| {
                        self.err(
                            id,
                            format!("has an @endpoint hostPrefix `{template}` with an unclosed `{{`"),
                        )
                    })?;
                    let member = input_struct.members.iter().find(|m| m.name == label).ok_or_else(|| {
                        self.err(id, format!("@endpoint host label `{{{label}}}` names no input member"))
                    })?;
                    if !text.is_empty() {
                        parts.push(HostPart::Text(text.to_owned()));
                    }
                    parts.push(HostPart::Label {
                        label: label.to_owned(),
                        field: member.field.clone(),
                    });
                    rest = after;
                }
                if !rest.is_empty() {
                    parts.push(HostPart::Text(rest.to_owned()));
                }
                Some(HostPrefixIr {
                    template: template.to_owned(),
                    parts,
                })
            }
        };
        let gzip = op
            .traits
            .get("smithy.api#requestCompression")
            .and_then(|t| t.get("encodings"))
            .and_then(Value::as_array)
            .is_some_and(|encodings| encodings.iter().any(|e| e.as_str() == Some("gzip")));

        Ok(OperationIr {
            id: id.clone(),
            name: id.name().to_owned(),
            ident: RustIdent::plain(names::type_name(id.name())),
            module: placement.op_modules[id].clone(),
            docs: docs(op.traits.documentation()),
            input,
            output,
            errors,
            pagination,
            host_prefix,
            gzip,
            checksum_required: op.traits.has("smithy.api#httpChecksumRequired"),
            endpoint_member: None,
            waiters: Vec::new(),
            endpoint_context: Vec::new(),
            bindings: if placement.wire.binds_http {
                Bindings::Http(self.http_trait(id, &op.traits, input_struct)?)
            } else {
                Bindings::Rpc {
                    target: format!("{}.{}", service_id.name(), id.name()),
                }
            },
        })
    }

    /// An error an operation or service lists must be a structure with
    /// `@error`: its code, message and metadata are what the error enum
    /// reads, and nothing else has them.
    fn check_error_target(&self, owner: &ShapeId, target: &ShapeId) -> Result<(), Error> {
        let problem = match self.model.shape(target).as_deref() {
            Some(Shape::Structure(s)) if s.traits.has(t::ERROR) => return Ok(()),
            Some(Shape::Structure(_)) => "a structure without @error".to_owned(),
            Some(other) => format!("of shape type `{}`", other.type_name()),
            None => "not defined in the model".to_owned(),
        };
        Err(self.err(
            owner,
            format!("lists `{target}` as an error, which is {problem}; an error must be a structure with @error"),
        ))
    }

    /// `@paginated` on the operation, completed from the service's.
    fn pagination(
        &self,
        id: &ShapeId,
        op: &crate::model::OperationShape,
        service: &crate::model::ServiceShape,
        input: &StructIr,
        output: &StructIr,
    ) -> Result<Option<PaginationIr>, Error> {
        let Some(own) = op.traits.get(t::PAGINATED) else {
            return Ok(None);
        };
        let setting = |key: &str| {
            own.get(key)
                .or_else(|| service.traits.get(t::PAGINATED).and_then(|s| s.get(key)))
                .and_then(Value::as_str)
        };
        // A valid model is never refused for its paginator: without one,
        // the operation still works page by page.
        for key in ["inputToken", "outputToken", "pageSize", "items"] {
            if let Some(name) = setting(key).filter(|name| name.contains('.')) {
                self.warn(
                    id,
                    format!("has no paginator: @paginated `{key}` is a nested path (`{name}`), which shapesmith does not follow yet"),
                );
                return Ok(None);
            }
        }
        let member = |s: &'_ StructIr, key: &str, name: &str| -> Result<MemberIr, Error> {
            s.members.iter().find(|m| m.name == name).cloned().ok_or_else(|| {
                self.err(
                    id,
                    format!("@paginated `{key}` names `{name}`, which `{}` does not have", s.id),
                )
            })
        };
        let (Some(input_token), Some(output_token)) = (setting("inputToken"), setting("outputToken")) else {
            return Err(self.err(id, "is @paginated without an inputToken and outputToken"));
        };
        let input_token = member(input, "inputToken", input_token)?;
        let output_token = member(output, "outputToken", output_token)?;
        // Strings, or maps keyed by strings (DynamoDB pages by a map of
        // attribute values); the paginator hands the output's token to the
        // next input, so both must be of one type.
        let token = input_token.value.ty.clone();
        let pageable = match &token {
            ValueType::String => true,
            ValueType::Map { key, .. } => matches!(key.ty, ValueType::String),
            _ => false,
        };
        if !pageable {
            self.warn(
                id,
                format!(
                    "has no paginator: @paginated `inputToken` member `{}` is neither a string nor a map keyed by strings",
                    input_token.name
                ),
            );
            return Ok(None);
        }
        // Compared as Rust types: constraints on the map's values do not count.
        if output_token.value.ty.tokens().to_string() != token.tokens().to_string() {
            self.warn(
                id,
                format!(
                    "has no paginator: @paginated `outputToken` member `{}` is not of the type of `inputToken` member `{}`",
                    output_token.name, input_token.name
                ),
            );
            return Ok(None);
        }
        let page_size = match setting("pageSize")
            .map(|name| member(input, "pageSize", name))
            .transpose()?
        {
            Some(m) if matches!(m.value.ty, ValueType::Integer | ValueType::Long) => Some((m.field, m.value.ty)),
            Some(m) => {
                // Smithy wants an integer; the paginator still pages, at the
                // service's default page size.
                self.warn(
                    id,
                    format!(
                        "has a paginator that cannot set the page size: @paginated `pageSize` member `{}` is not an integer or long",
                        m.name
                    ),
                );
                None
            }
            None => None,
        };
        let items = match setting("items").map(|name| member(output, "items", name)).transpose()? {
            Some(m) => match &m.value.ty {
                ValueType::List { item, sparse: false } => Some((m.field.clone(), m.optional, item.ty.clone())),
                _ => None,
            },
            None => None,
        };
        Ok(Some(PaginationIr {
            input_token: input_token.field,
            output_token: (output_token.field, output_token.optional),
            token,
            page_size,
            items,
        }))
    }
}
