//! Model -> IR: select operations, walk their closure, decide every name,
//! type, nullability and constraint once, and reject what cannot be generated.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use serde_json::Value;

use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::*;
use crate::model::{Model, Shape, ShapeId};
use crate::names::{self, RustIdent};
use crate::warning::Warning;

mod endpoint;
mod http;
mod operations;
mod protocol_tests;
mod service;
mod structures;
mod values;
mod waiters;

pub(crate) use service::walk_bindings;
use structures::{box_recursive_members, number_checked_patterns, reachable_shapes, validated_structures};

/// What to generate: the settings the resolver needs from [`crate::Config`].
pub struct Selection<'a> {
    /// The package name.
    pub crate_name: &'a str,
    /// The package's version and metadata.
    pub package: &'a PackageIr,
    /// Where the runtime modules come from.
    pub runtime: &'a Runtime,
    /// Operation shape names; empty means every operation of the service.
    pub operations: &'a [String],
    /// Whether to collect the model's protocol compliance cases.
    pub protocol_tests: bool,
    /// Compliance cases to skip, by id, with the reason.
    pub skip_tests: &'a BTreeMap<String, String>,
    /// Operations whose endpoint comes from an input member: operation name
    /// to member name.
    pub endpoint_members: &'a BTreeMap<String, String>,
    /// Whether `request()` runs `validate()` first.
    pub validate_requests: bool,
    /// Whether outputs and errors get `validate()` too.
    pub validate_outputs: bool,
    /// Whether to emit the model's endpoint tests as tests.
    pub endpoint_tests: bool,
    /// Service customizations no trait describes.
    pub customizations: &'a Customizations,
}

/// Builds the IR for the selected operations of the model's service.
pub fn resolve(model: &Model, path: &Path, selection: &Selection<'_>) -> Result<CrateIr, Error> {
    Resolver {
        model,
        path,
        collections: std::cell::RefCell::new(Vec::new()),
        warnings: std::cell::RefCell::new(Vec::new()),
    }
    .run(selection)
}

struct Resolver<'a> {
    model: &'a Model,
    path: &'a Path,
    /// The lists and maps being expanded, to reject one that contains itself
    /// with no structure or union in between (it would have no finite type).
    collections: std::cell::RefCell<Vec<ShapeId>>,
    /// What the crate will not enforce, in the order it was found.
    warnings: std::cell::RefCell<Vec<Warning>>,
}

/// A service's protocol and what it decides on the wire.
#[derive(Debug, Clone, Copy)]
struct Wire {
    protocol: Protocol,
    codec: BodyCodec,
    errors: ErrorEnvelope,
    /// Members of inputs, outputs and errors are bound to HTTP parts and
    /// operations have `@http` (restJson1), rather than `POST /` with every
    /// member in the body.
    binds_http: bool,
}

/// Where each aggregate shape of the closure goes, decided before any member
/// is looked at so member types can refer to paths.
struct Placement {
    /// Structures that are events of an event stream (`@streaming` union
    /// members): their members may be `@eventHeader` or `@eventPayload`.
    event_structs: BTreeSet<ShapeId>,
    /// The protocol and what it decides.
    wire: Wire,
    /// The module of each selected operation under `crate::operation`.
    op_modules: BTreeMap<ShapeId, RustIdent>,
    paths: BTreeMap<ShapeId, TypePath>,
    roles: BTreeMap<ShapeId, StructRole>,
    /// Shapes reachable from an operation output or error.
    in_responses: BTreeSet<ShapeId>,
    /// Operation outputs (also those that are another operation's input).
    outputs: BTreeSet<ShapeId>,
}

impl Resolver<'_> {
    fn err(&self, shape: &ShapeId, message: impl Into<String>) -> Error {
        Error::model(self.path, Some(shape), message)
    }

    /// Records a warning once (a shape reached through several members
    /// would give the same one each time).
    fn warn(&self, shape: &ShapeId, message: impl Into<String>) {
        let warning = Warning {
            path: self.path.to_owned(),
            shape: shape.clone(),
            message: message.into(),
        };
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    /// Marks a list or map as being expanded until the guard is dropped.
    fn enter_collection(&self, id: &ShapeId) -> Result<CollectionGuard<'_>, Error> {
        let mut stack = self.collections.borrow_mut();
        if stack.contains(id) {
            return Err(self.err(
                id,
                "contains itself with no structure or union in between, so it has no finite type",
            ));
        }
        stack.push(id.clone());
        Ok(CollectionGuard(&self.collections))
    }

    fn shape(&self, id: &ShapeId) -> Result<std::borrow::Cow<'_, Shape>, Error> {
        // References were checked when the model was parsed; this guards the
        // ids the resolver builds itself.
        self.model
            .shape(id)
            .ok_or_else(|| Error::model(self.path, Some(id), "is not defined in the model"))
    }

    /// Every shape reachable from `roots`, the roots included. Ids the
    /// model lacks (a synthetic `Unit` input or output) are kept but lead
    /// nowhere; references were checked when the model was parsed.
    fn reachable(&self, roots: impl IntoIterator<Item = ShapeId>) -> BTreeSet<ShapeId> {
        let mut found = BTreeSet::new();
        let mut queue: VecDeque<ShapeId> = roots.into_iter().collect();
        while let Some(id) = queue.pop_front() {
            if found.insert(id.clone()) {
                if let Some(shape) = self.model.shape(&id) {
                    queue.extend(shape.references().into_iter().map(|(_, target)| target.clone()));
                }
            }
        }
        found
    }

    fn run(&self, selection: &Selection<'_>) -> Result<CrateIr, Error> {
        let (service_id, service) = self.service()?;
        let wire = self.protocol(&service_id, &service)?;
        let all_ops = self.service_operations(&service_id, &service)?;
        let selected = self.select(&service_id, &all_ops, selection.operations)?;
        let mut placement = self.place(&selected, &service, wire)?;
        for id in placement.paths.keys() {
            if let Some(Shape::Union(u)) = self.model.shape(id).as_deref() {
                if u.traits.has(crate::model::trait_ids::STREAMING) {
                    placement
                        .event_structs
                        .extend(u.members.0.iter().map(|(_, m)| m.target.clone()));
                }
            }
        }

        let mut patterns: Vec<PatternIr> = Vec::new();
        let mut structures = Vec::new();
        let mut enums = Vec::new();
        let mut unions = Vec::new();
        for (id, path) in &placement.paths {
            if let Some(role) = placement.roles.get(id) {
                structures.push(self.structure(id, path.clone(), *role, &placement, &mut patterns)?);
                continue;
            }
            match &*self.shape(id)? {
                Shape::Union(u) => unions.push(self.union(id, u, path.clone(), &placement, &mut patterns)?),
                _ => enums.push(self.enumeration(id, path.clone())?),
            }
        }
        structures.sort_by(|a, b| a.path.cmp(&b.path));
        unions.sort_by(|a, b| a.path.cmp(&b.path));
        box_recursive_members(&mut structures, &mut unions);
        let validated = validated_structures(&structures, &unions);
        enums.sort_by(|a, b| a.path.cmp(&b.path));

        let mut operations = Vec::new();
        for (id, op) in &selected {
            let mut ir = self.operation(id, op, (&service_id, &service), &placement, &structures)?;
            ir.waiters = self.waiters(id, op)?;
            if let Some(member) = selection.endpoint_members.get(id.name()) {
                let input = structures.iter().find(|s| s.path == ir.input);
                let field = input
                    .and_then(|s| {
                        s.members
                            .iter()
                            .find(|m| m.name == *member && matches!(m.value.ty, ValueType::String))
                    })
                    .map(|m| m.field.clone())
                    .ok_or_else(|| {
                        self.err(
                            id,
                            format!("has no string input member `{member}` to take the endpoint from"),
                        )
                    })?;
                ir.endpoint_member = Some(field);
            }
            operations.push(ir);
        }
        operations.sort_by(|a, b| a.module.cmp(&b.module));
        let protocol_tests = if selection.protocol_tests {
            self.protocol_tests(wire.protocol, &selected, &operations, selection.skip_tests)?
        } else {
            Vec::new()
        };

        let endpoint = self.endpoint(&service_id, &service.traits, selection.endpoint_tests)?;
        if let Some(endpoint) = &endpoint {
            for op in &mut operations {
                let (Some((_, shape)), Some(input)) = (
                    selected.iter().find(|(id, _)| *id == op.id),
                    structures.iter().find(|s| s.path == op.input),
                ) else {
                    continue;
                };
                op.endpoint_context = self.endpoint_context(&op.id, shape, input, endpoint)?;
            }
        }
        let mut inputs: Vec<TypePath> = operations.iter().map(|op| op.input.clone()).collect();
        if selection.validate_outputs {
            inputs.extend(structures.iter().map(|s| s.path.clone()));
            inputs.extend(unions.iter().map(|u| u.path.clone()));
        }
        let sent = reachable_shapes(&inputs, &structures, &unions);
        let mut waited: Vec<TypePath> = operations
            .iter()
            .filter(|op| !op.waiters.is_empty())
            .flat_map(|op| [op.input.clone(), op.output.clone()])
            .collect();
        // `@operationContextParams` paths read the input as waiter paths do.
        waited.extend(
            operations
                .iter()
                .filter(|op| {
                    op.endpoint_context
                        .iter()
                        .any(|c| matches!(c.source, ContextSourceIr::Path(_)))
                })
                .map(|op| op.input.clone()),
        );
        let inspected = reachable_shapes(&waited, &structures, &unions);
        let validated = validated.intersection(&sent).cloned().collect();
        number_checked_patterns(&sent, &structures, &unions, &mut patterns);
        let prelude_free = {
            let mut idents: Vec<String> = Vec::new();
            for s in &structures {
                idents.push(s.path.ident.to_string());
                idents.push(s.path.builder_ident().to_string());
            }
            idents.extend(enums.iter().map(|e| e.path.ident.to_string()));
            idents.extend(unions.iter().map(|u| u.path.ident.to_string()));
            for op in &operations {
                idents.push(op.ident.to_string());
                idents.push(op.error_ident().to_string());
            }
            !idents
                .iter()
                .any(|ident| names::std_prelude_names().any(|name| name == ident.trim_start_matches("r#")))
        };

        Ok(CrateIr {
            crate_name: selection.crate_name.to_owned(),
            package: selection.package.clone(),
            runtime: selection.runtime.clone(),
            model_sha256: self.model.sha256.clone(),
            model_file: self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            service: ServiceIr {
                name: service_id.name().to_owned(),
                version: service.version.clone(),
                docs: docs(service.traits.documentation()),
                title: service
                    .traits
                    .get("smithy.api#title")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                id: service_id,
                protocol: wire.protocol,
                codec: wire.codec,
                errors: wire.errors,
            },
            operations,
            structures,
            protocol_tests,
            validate_requests: selection.validate_requests,
            enums,
            unions,
            patterns,
            validated,
            sent,
            inspected,
            prelude_free,
            endpoint,
            customizations: selection.customizations.clone(),
            warnings: {
                // By shape, so the report reads like the model, whatever
                // order the shapes were reached in.
                let mut warnings = self.warnings.take();
                warnings.sort_by(|a, b| (&a.shape, &a.message).cmp(&(&b.shape, &b.message)));
                warnings
            },
        })
    }
}

/// Pops the collection [`Resolver::enter_collection`] pushed.
struct CollectionGuard<'a>(&'a std::cell::RefCell<Vec<ShapeId>>);

impl Drop for CollectionGuard<'_> {
    fn drop(&mut self) {
        self.0.borrow_mut().pop();
    }
}

fn docs(html: Option<&str>) -> Option<String> {
    html.map(html_to_markdown).filter(|d| !d.trim().is_empty())
}
