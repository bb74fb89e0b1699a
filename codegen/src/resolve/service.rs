//! Where generation starts: the service, its protocol, the operations
//! selected from it, and the module and path each shape of their closure
//! gets before any member is resolved.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{Placement, Resolver, Wire};
use crate::error::Error;
use crate::ir::*;
use crate::model::{trait_ids as t, Model, Shape, ShapeId};
use crate::names::{self, RustIdent};

impl Resolver<'_> {
    pub(super) fn service(&self) -> Result<(ShapeId, crate::model::ServiceShape), Error> {
        let services: Vec<_> = self
            .model
            .shapes
            .iter()
            .filter_map(|(id, s)| match s {
                Shape::Service(svc) => Some((id.clone(), svc.clone())),
                _ => None,
            })
            .collect();
        match services.len() {
            1 => {
                let (id, svc) = services.into_iter().next().expect("one service");
                Ok((id, svc))
            }
            0 => Err(Error::model(self.path, None, "defines no service shape")),
            _ => Err(Error::model(
                self.path,
                None,
                format!(
                    "defines {} service shapes ({}); shapesmith generates one service per model",
                    services.len(),
                    services
                        .iter()
                        .map(|(id, _)| id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// The protocol the service speaks, and what it decides (a service
    /// lists one of them at most; other protocol traits beside it are
    /// ignored): the first of [`Protocol::SUPPORTED`] the service lists.
    pub(super) fn protocol(&self, id: &ShapeId, service: &crate::model::ServiceShape) -> Result<Wire, Error> {
        let query_compatible = service.traits.has(t::AWS_QUERY_COMPATIBLE);
        let Some(protocol) = Protocol::SUPPORTED
            .into_iter()
            .find(|p| service.traits.has(p.trait_id()))
        else {
            let listed: Vec<String> = service
                .traits
                .0
                .keys()
                .filter(|k| k.starts_with("aws.protocols#") && k.as_str() != t::AWS_QUERY_COMPATIBLE)
                .map(|p| format!("`{p}`"))
                .collect();
            let names: Vec<&str> = Protocol::SUPPORTED.iter().map(|p| p.name()).collect();
            let supported = match names.split_last() {
                Some((last, [])) => (*last).to_owned(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            return Err(self.err(
                id,
                format!(
                    "uses {}; shapesmith generates clients for {}",
                    if listed.is_empty() {
                        "no protocol trait".to_owned()
                    } else {
                        listed.join(", ")
                    },
                    supported
                ),
            ));
        };
        // One place says what each protocol means on the wire.
        let (codec, errors, binds_http) = match protocol {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => (
                BodyCodec::Json {
                    media_type: if protocol == Protocol::AwsJson1_0 {
                        "application/x-amz-json-1.0"
                    } else {
                        "application/x-amz-json-1.1"
                    },
                    json_names: false,
                },
                ErrorEnvelope::AwsJson { query_compatible },
                false,
            ),
            Protocol::RestJson1 => (
                BodyCodec::Json {
                    media_type: "application/json",
                    json_names: true,
                },
                ErrorEnvelope::RestJson,
                true,
            ),
        };
        Ok(Wire {
            protocol,
            codec,
            errors,
            binds_http,
        })
    }

    /// Operations bound to the service directly or through its resources.
    pub(super) fn service_operations(
        &self,
        service_id: &ShapeId,
        service: &crate::model::ServiceShape,
    ) -> Result<BTreeMap<String, ShapeId>, Error> {
        let mut ops: BTreeMap<String, ShapeId> = BTreeMap::new();
        walk_bindings(self.model, service_id, service, |from, id, shape| match shape {
            None => self.shape(id).map(|_| ()),
            Some(Shape::Operation(_)) => match ops.insert(id.name().to_owned(), id.clone()) {
                Some(other) if &other != id => Err(self.err(id, format!("has the same name as operation `{other}`"))),
                _ => Ok(()),
            },
            Some(Shape::Resource(_)) => Ok(()),
            Some(other) => Err(self.err(
                from,
                format!(
                    "binds `{id}` as an operation or resource, but its shape type is `{}`",
                    other.type_name()
                ),
            )),
        })?;
        Ok(ops)
    }

    pub(super) fn select(
        &self,
        service_id: &ShapeId,
        all: &BTreeMap<String, ShapeId>,
        wanted: &[String],
    ) -> Result<Vec<(ShapeId, crate::model::OperationShape)>, Error> {
        let names: BTreeSet<&str> = if wanted.is_empty() {
            all.keys().map(String::as_str).collect()
        } else {
            wanted.iter().map(String::as_str).collect()
        };
        let mut out = Vec::new();
        for name in names {
            let id = all.get(name).ok_or_else(|| {
                let mut close: Vec<&str> = all
                    .keys()
                    .map(String::as_str)
                    .filter(|k| k.eq_ignore_ascii_case(name) || k.contains(name) || name.contains(*k))
                    .collect();
                close.truncate(5);
                let hint = if close.is_empty() {
                    format!("it has {} operations", all.len())
                } else {
                    format!("did you mean {}?", close.join(", "))
                };
                self.err(service_id, format!("has no operation `{name}` ({hint})"))
            })?;
            match &*self.shape(id)? {
                Shape::Operation(op) => out.push((id.clone(), op.clone())),
                _ => unreachable!("service_operations only collects operations"),
            }
        }
        Ok(out)
    }

    /// Walks the closure of the selected operations and gives every structure
    /// and enum its Rust path.
    pub(super) fn place(
        &self,
        selected: &[(ShapeId, crate::model::OperationShape)],
        service: &crate::model::ServiceShape,
        wire: Wire,
    ) -> Result<Placement, Error> {
        let mut paths: BTreeMap<ShapeId, TypePath> = BTreeMap::new();
        let mut roles: BTreeMap<ShapeId, StructRole> = BTreeMap::new();
        let mut queue: VecDeque<ShapeId> = VecDeque::new();
        let mut module_names: Vec<String> = selected
            .iter()
            .map(|(id, _)| names::module_name(id.name()).base().to_owned())
            .collect();
        names::dedupe(&mut module_names, &mut BTreeSet::new());
        let op_modules: BTreeMap<ShapeId, RustIdent> = selected
            .iter()
            .zip(module_names)
            .map(|((id, _), m)| (id.clone(), names::module_name(&m)))
            .collect();

        // Operation inputs and outputs live in their operation's module under
        // SDK-style names, whatever the model calls them.
        for (id, op) in selected {
            let op_type = names::type_name(id.name());
            let module = op_modules[id].clone();
            let op_module = vec![RustIdent::plain("operation"), module.clone()];
            for (target, suffix, role) in [
                (op.input.as_ref().map(|r| &r.target), "Input", StructRole::Input),
                (op.output.as_ref().map(|r| &r.target), "Output", StructRole::Output),
            ] {
                let shape_id = op_member_id(id, target, suffix);
                if paths.contains_key(&shape_id) {
                    continue;
                }
                if let Some(target) = target.filter(|t| **t != crate::model::unit_id()) {
                    match &*self.shape(target)? {
                        Shape::Structure(_) => queue.push_back(target.clone()),
                        other => {
                            return Err(self.err(
                                id,
                                format!(
                                    "{} `{target}` has shape type `{}`, not `structure`",
                                    suffix.to_lowercase(),
                                    other.type_name()
                                ),
                            ))
                        }
                    }
                }
                let ident = format!("{op_type}{suffix}");
                paths.insert(
                    shape_id.clone(),
                    TypePath {
                        module: op_module.clone(),
                        file_module: RustIdent::plain(format!("_{}_{}", module.base(), suffix.to_lowercase())),
                        ident: RustIdent::plain(ident),
                    },
                );
                roles.insert(shape_id, role);
            }
            for e in op.errors.iter().chain(&service.errors) {
                queue.push_back(e.target.clone());
            }
        }

        // Everything else reachable: collect, then name per module in id order.
        let found = self.reachable(queue);
        let mut by_module: BTreeMap<Vec<RustIdent>, Vec<(ShapeId, String)>> = BTreeMap::new();
        for id in &found {
            if paths.contains_key(id) {
                continue;
            }
            let shape = self.shape(id)?;
            let module = match &*shape {
                Shape::Structure(a) if a.traits.has(t::ERROR) => {
                    roles.insert(id.clone(), StructRole::Error);
                    vec![RustIdent::plain("types"), RustIdent::plain("error")]
                }
                Shape::Structure(a) => {
                    let role = if a.traits.has(t::INPUT) {
                        StructRole::Input
                    } else {
                        StructRole::Plain
                    };
                    roles.insert(id.clone(), role);
                    vec![RustIdent::plain("types")]
                }
                Shape::Enum(_) | Shape::IntEnum(_) | Shape::Union(_) => vec![RustIdent::plain("types")],
                Shape::String(s) if s.traits.has(t::ENUM) => vec![RustIdent::plain("types")],
                _ => continue,
            };
            by_module
                .entry(module)
                .or_default()
                .push((id.clone(), names::type_name(id.name())));
        }
        for (module, mut entries) in by_module {
            let mut idents: Vec<String> = entries.iter().map(|(_, n)| n.clone()).collect();
            names::dedupe(&mut idents, &mut BTreeSet::new());
            for ((id, _), ident) in entries.drain(..).zip(idents) {
                let file_module = RustIdent::plain(format!("_{}", heck::ToSnakeCase::to_snake_case(ident.as_str())));
                paths.insert(
                    id,
                    TypePath {
                        module: module.clone(),
                        file_module,
                        ident: RustIdent::plain(ident),
                    },
                );
            }
        }
        let in_responses = self.reachable(selected.iter().flat_map(|(id, op)| {
            let output = op_member_id(id, op.output.as_ref().map(|r| &r.target), "Output");
            std::iter::once(output).chain(op.errors.iter().chain(&service.errors).map(|e| e.target.clone()))
        }));
        let outputs = selected
            .iter()
            .map(|(id, op)| op_member_id(id, op.output.as_ref().map(|r| &r.target), "Output"))
            .collect();
        Ok(Placement {
            event_structs: BTreeSet::new(),
            wire,
            op_modules,
            paths,
            roles,
            in_responses,
            outputs,
        })
    }
}

/// Visits, once each and breadth first, every shape a service binds
/// directly or through its resources (following resources), as
/// `visit(binder, id, shape)`; `shape` is `None` when the model lacks it.
pub(crate) fn walk_bindings<E>(
    model: &Model,
    service_id: &ShapeId,
    service: &crate::model::ServiceShape,
    mut visit: impl FnMut(&ShapeId, &ShapeId, Option<&Shape>) -> Result<(), E>,
) -> Result<(), E> {
    let mut queue: VecDeque<(ShapeId, ShapeId)> = service
        .operations
        .iter()
        .chain(&service.resources)
        .map(|r| (service_id.clone(), r.target.clone()))
        .collect();
    let mut seen = BTreeSet::new();
    while let Some((from, id)) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let shape = model.shapes.get(&id);
        visit(&from, &id, shape)?;
        if let Some(Shape::Resource(r)) = shape {
            for bound in r.all_operations().chain(&r.resources) {
                queue.push_back((id.clone(), bound.target.clone()));
            }
        }
    }
    Ok(())
}

/// The id under which an operation's input or output is placed: the target
/// structure, or a synthetic id for `smithy.api#Unit` (one per operation).
pub(super) fn op_member_id(op: &ShapeId, target: Option<&ShapeId>, suffix: &str) -> ShapeId {
    match target {
        Some(t) if *t != crate::model::unit_id() => t.clone(),
        _ => ShapeId::parse(&format!("{}#{}{suffix}", op.namespace(), op.name())).expect("valid id"),
    }
}
