//! Model -> IR: select operations, walk their closure, decide every name,
//! type, nullability and constraint once, and reject what cannot be generated.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use base64::Engine as _;
use serde_json::Value;

use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::*;
use crate::model::{trait_ids as t, Aggregate, Member, Model, Shape, ShapeId, Traits};
use crate::names::{self, RustIdent};
use crate::warning::Warning;

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
    /// Whether to emit the model's endpoint tests as tests.
    pub endpoint_tests: bool,
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

/// A `@range` as the model wrote it, before the member's type is known.
type RawRange = (Option<serde_json::Number>, Option<serde_json::Number>);

/// Where each aggregate shape of the closure goes, decided before any member
/// is looked at so member types can refer to paths.
struct Placement {
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
        let protocol = self.protocol(&service_id, &service)?;
        let all_ops = self.service_operations(&service_id, &service)?;
        let selected = self.select(&service_id, &all_ops, selection.operations)?;
        let placement = self.place(&selected, &service)?;

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
            if let Some(member) = selection.endpoint_members.get(id.name()) {
                let input = structures.iter().find(|s| s.path == ir.input);
                let field = input
                    .and_then(|s| {
                        s.members
                            .iter()
                            .find(|m| m.wire_name == *member && matches!(m.value.ty, ValueType::String))
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
            self.protocol_tests(protocol, &selected, &operations, selection.skip_tests)?
        } else {
            Vec::new()
        };

        let endpoint = match crate::resolve_endpoint::endpoint(&service.traits, selection.endpoint_tests) {
            Ok(endpoint) => endpoint,
            Err(problem) => {
                crate::resolve_endpoint::report(problem, &service_id, self.path, |m| self.warn(&service_id, m))?
            }
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
                protocol,
            },
            operations,
            structures,
            protocol_tests,
            validate_requests: selection.validate_requests,
            enums,
            unions,
            patterns,
            validated,
            endpoint,
            warnings: {
                // By shape, so the report reads like the model, whatever
                // order the shapes were reached in.
                let mut warnings = self.warnings.take();
                warnings.sort_by(|a, b| (&a.shape, &a.message).cmp(&(&b.shape, &b.message)));
                warnings
            },
        })
    }

    fn operation(
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
                    let member = input_struct
                        .members
                        .iter()
                        .find(|m| m.wire_name == label)
                        .ok_or_else(|| {
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
            target: format!("{}.{}", service_id.name(), id.name()),
            gzip,
            endpoint_member: None,
        })
    }

    /// The client-side compliance cases on the selected operations and their
    /// error structures, in operation order, then case order.
    fn protocol_tests(
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
            let mut function = vec![heck::ToSnakeCase::to_snake_case(id.as_str())];
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
        let member = |s: &'_ StructIr, key: &str, name: &str| -> Result<MemberIr, Error> {
            if name.contains('.') {
                return Err(self.err(
                    id,
                    format!("@paginated `{key}` is a nested path (`{name}`), which shapesmith does not support yet"),
                ));
            }
            s.members.iter().find(|m| m.wire_name == name).cloned().ok_or_else(|| {
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
        for (m, key) in [(&input_token, "inputToken"), (&output_token, "outputToken")] {
            if !matches!(m.value.ty, ValueType::String) {
                return Err(self.err(
                    id,
                    format!("@paginated `{key}` member `{}` is not a string", m.wire_name),
                ));
            }
        }
        let page_size = setting("pageSize")
            .map(|name| member(input, "pageSize", name))
            .transpose()?
            .map(|m| (m.field, m.value.ty));
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
            page_size,
            items,
        }))
    }

    fn service(&self) -> Result<(ShapeId, crate::model::ServiceShape), Error> {
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

    /// The JSON-RPC protocol the service speaks (a service lists one of them
    /// at most; other protocol traits beside it are ignored).
    fn protocol(&self, id: &ShapeId, service: &crate::model::ServiceShape) -> Result<Protocol, Error> {
        let query_compatible = service.traits.has(t::AWS_QUERY_COMPATIBLE);
        let protocols: Vec<&String> = service
            .traits
            .0
            .keys()
            .filter(|k| k.starts_with("aws.protocols#") && k.as_str() != t::AWS_QUERY_COMPATIBLE)
            .collect();
        let version = protocols.iter().find_map(|p| match p.as_str() {
            t::AWS_JSON_1_0 => Some(JsonVersion::V1_0),
            t::AWS_JSON_1_1 => Some(JsonVersion::V1_1),
            _ => None,
        });
        match version {
            Some(version) => Ok(Protocol {
                version,
                query_compatible,
            }),
            None => Err(self.err(
                id,
                format!(
                    "uses {}; shapesmith generates clients for awsJson1_0 and awsJson1_1",
                    if protocols.is_empty() {
                        "no protocol trait".to_owned()
                    } else {
                        protocols
                            .iter()
                            .map(|p| format!("`{p}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
            )),
        }
    }

    /// Operations bound to the service directly or through its resources.
    fn service_operations(
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

    fn select(
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
    fn place(
        &self,
        selected: &[(ShapeId, crate::model::OperationShape)],
        service: &crate::model::ServiceShape,
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
            op_modules,
            paths,
            roles,
            in_responses,
            outputs,
        })
    }

    fn structure(
        &self,
        id: &ShapeId,
        path: TypePath,
        role: StructRole,
        placement: &Placement,
        patterns: &mut Vec<PatternIr>,
    ) -> Result<StructIr, Error> {
        let empty = Aggregate::default();
        let shape = self.model.shape(id);
        let aggregate = match shape.as_deref() {
            Some(Shape::Structure(a)) => a,
            // Synthetic inputs and outputs of operations that use `Unit`.
            _ => &empty,
        };
        // Error structures carry the response's metadata in a field `meta`.
        let reserved: &[&str] = if role == StructRole::Error { &["meta"] } else { &[] };
        let fields = names::field_names_reserving(aggregate.members.0.iter().map(|(n, _)| n.as_str()), reserved);
        let mut members = Vec::new();
        for ((name, member), field) in aggregate.members.0.iter().zip(fields) {
            let member_id = id.member(name);
            let value = self.element(&member_id, member, placement, patterns)?;
            let required = member.traits.has(t::REQUIRED);
            let model_default = match member.traits.get(t::DEFAULT) {
                None | Some(Value::Null) => None,
                Some(v) => Some(ModelDefault {
                    value: self.check_default(&member_id, &value.ty, v)?,
                    text: v.to_string(),
                }),
            };
            let default = model_default.as_ref().map(|d| d.value.clone());
            // Smithy's client nullability: every member of an input is
            // optional, as is anything marked `@clientOptional`; otherwise
            // `@required` and `@default` members are plain values.
            let optional =
                role == StructRole::Input || member.traits.has(t::CLIENT_OPTIONAL) || !(required || default.is_some());
            members.push(MemberIr {
                wire_name: name.clone(),
                field,
                docs: docs(member.traits.documentation()),
                sensitive: member.traits.has(t::SENSITIVE) || self.is_sensitive(&member.target)?,
                value,
                optional,
                required,
                boxed: false,
                default: if optional { None } else { default },
                model_default,
                idempotency_token: member.traits.has("smithy.api#idempotencyToken"),
            });
        }
        let message_member = (role == StructRole::Error)
            .then(|| {
                members.iter().position(|m| {
                    m.wire_name.eq_ignore_ascii_case("message") && matches!(m.value.ty, ValueType::String)
                })
            })
            .flatten();
        Ok(StructIr {
            id: id.clone(),
            path,
            docs: docs(aggregate.traits.documentation()),
            role,
            message_member,
            members,
            error_correction: placement.in_responses.contains(id),
            retryable: aggregate.traits.get("smithy.api#retryable").map(|retryable| {
                match retryable.get("throttling").and_then(Value::as_bool) {
                    Some(true) => Retryable::Throttling,
                    _ => Retryable::Transient,
                }
            }),
            server_fault: aggregate.traits.get(t::ERROR).and_then(Value::as_str) == Some("server"),
            carries_request_id: placement.outputs.contains(id),
        })
    }

    /// Whether a value of this shape holds sensitive data anywhere below it
    /// (a list of sensitive strings is as sensitive as the strings).
    fn is_sensitive(&self, id: &ShapeId) -> Result<bool, Error> {
        let shape = self.shape(id)?;
        if shape.traits().has(t::SENSITIVE) {
            return Ok(true);
        }
        Ok(match &*shape {
            Shape::List(l) | Shape::Set(l) => {
                l.member.traits.has(t::SENSITIVE) || self.is_sensitive(&l.member.target)?
            }
            Shape::Map(m) => {
                m.value.traits.has(t::SENSITIVE)
                    || self.is_sensitive(&m.value.target)?
                    || self.is_sensitive(&m.key.target)?
            }
            _ => false,
        })
    }

    fn element(
        &self,
        at: &ShapeId,
        member: &Member,
        placement: &Placement,
        patterns: &mut Vec<PatternIr>,
    ) -> Result<Element, Error> {
        let target = &member.target;
        let shape = self.shape(target)?;
        let (constraints, raw_range) = self.constraints(at, target, &member.traits, shape.traits(), patterns)?;
        let ty = match &*shape {
            Shape::Boolean(_) => ValueType::Bool,
            Shape::Byte(_) => ValueType::Byte,
            Shape::Short(_) => ValueType::Short,
            Shape::Integer(_) => ValueType::Integer,
            Shape::Long(_) => ValueType::Long,
            Shape::Float(_) => ValueType::Float,
            Shape::Double(_) => ValueType::Double,
            Shape::BigInteger(_) => ValueType::BigInteger,
            Shape::BigDecimal(_) => ValueType::BigDecimal,
            Shape::Blob(_) => ValueType::Blob,
            Shape::Document(_) => ValueType::Document,
            Shape::String(s) if s.traits.has(t::ENUM) => ValueType::Enum(placement.paths[target].clone()),
            Shape::String(_) => ValueType::String,
            Shape::Timestamp(s) => {
                let format = member
                    .traits
                    .get(t::TIMESTAMP_FORMAT)
                    .or_else(|| s.traits.get(t::TIMESTAMP_FORMAT))
                    .map(|f| f.as_str().unwrap_or_default())
                    .unwrap_or("epoch-seconds");
                ValueType::Timestamp(match format {
                    "epoch-seconds" => TimestampFormat::EpochSeconds,
                    "date-time" => TimestampFormat::DateTime,
                    "http-date" => TimestampFormat::HttpDate,
                    other => return Err(self.err(at, format!("has an unknown @timestampFormat `{other}`"))),
                })
            }
            Shape::Enum(_) => ValueType::Enum(placement.paths[target].clone()),
            Shape::IntEnum(_) => ValueType::IntEnum(placement.paths[target].clone()),
            Shape::Union(_) => ValueType::Union(placement.paths[target].clone()),
            Shape::Structure(_) => ValueType::Struct(placement.paths[target].clone()),
            Shape::List(l) | Shape::Set(l) => {
                let _guard = self.enter_collection(target)?;
                ValueType::List {
                    item: Box::new(self.element(&target.member("member"), &l.member, placement, patterns)?),
                    sparse: l.traits.has(t::SPARSE),
                }
            }
            Shape::Map(m) => {
                let _guard = self.enter_collection(target)?;
                let key = self.element(&target.member("key"), &m.key, placement, patterns)?;
                if !matches!(key.ty, ValueType::String | ValueType::Enum(_)) {
                    return Err(self.err(target, "has a map key that is not a string shape"));
                }
                let value = self.element(&target.member("value"), &m.value, placement, patterns)?;
                ValueType::Map {
                    key: Box::new(key),
                    value: Box::new(value),
                    sparse: m.traits.has(t::SPARSE),
                }
            }
            other @ (Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_)) => {
                return Err(self.err(
                    at,
                    format!(
                        "targets `{target}`, whose shape type `{}` is not a value",
                        other.type_name()
                    ),
                ))
            }
        };
        let mut constraints = constraints;
        if let Some((min, max)) = raw_range {
            constraints.range = self.range(at, &ty, min, max)?;
        }
        Ok(Element { ty, constraints })
    }

    /// `@range` bounds as values of the member's type. A bound at the
    /// type's own limit holds for every value, and checking it would be a
    /// comparison rustc flags as useless, so it is dropped; one beyond the
    /// type's limits, or not a whole number for an integer, is a model
    /// error. Big numbers have no Rust type to compare with: their bounds
    /// are not checked, with a warning.
    fn range(
        &self,
        at: &ShapeId,
        ty: &ValueType,
        min: Option<serde_json::Number>,
        max: Option<serde_json::Number>,
    ) -> Result<Option<Range>, Error> {
        let typed = |bound: Option<serde_json::Number>,
                     limit_of: fn((f64, f64)) -> f64|
         -> Result<Option<RangeBound>, Error> {
            let Some(n) = bound else { return Ok(None) };
            let text = n.to_string();
            if let Some((lowest, highest)) = integer_limits(ty) {
                let value = text
                    .parse::<i64>()
                    .ok()
                    .filter(|v| (lowest..=highest).contains(&i128::from(*v)))
                    .ok_or_else(|| {
                        self.err(at, format!("has a @range bound {text} that is not a whole number in the range of its type ({lowest} to {highest})"))
                    })?;
                let at_limit = i128::from(value) == lowest || i128::from(value) == highest;
                return Ok((!at_limit).then_some(RangeBound {
                    text,
                    value: BoundValue::Integer(value),
                }));
            }
            let limits = match ty {
                ValueType::Float => (f64::from(f32::MIN), f64::from(f32::MAX)),
                ValueType::Double => (f64::MIN, f64::MAX),
                _ => unreachable!("range() is only called for numbers"),
            };
            let value = n
                .as_f64()
                .filter(|v| v.is_finite() && (limits.0..=limits.1).contains(v))
                .ok_or_else(|| {
                    self.err(
                        at,
                        format!(
                            "has a @range bound {text} beyond the range of its type ({:e} to {:e})",
                            limits.0, limits.1
                        ),
                    )
                })?;
            let at_limit = value == limit_of(limits);
            Ok((!at_limit).then_some(RangeBound {
                text,
                value: BoundValue::Float(value),
            }))
        };
        match ty {
            ValueType::Byte
            | ValueType::Short
            | ValueType::Integer
            | ValueType::Long
            | ValueType::IntEnum(_)
            | ValueType::Float
            | ValueType::Double => {
                let min = typed(min, |(lowest, _)| lowest)?;
                let max = typed(max, |(_, highest)| highest)?;
                Ok((min.is_some() || max.is_some()).then_some((min, max)))
            }
            ValueType::BigInteger | ValueType::BigDecimal => {
                self.warn(at, "has a @range on a big number, which is not checked (big numbers are kept as exact text, with no Rust type to compare with)");
                Ok(None)
            }
            _ => Err(self.err(at, "has a @range but is not a number")),
        }
    }

    /// Constraint traits: the member's own traits win over its target's.
    /// `@range` comes back as the model's numbers, typed by the caller once
    /// the member's type is known.
    fn constraints(
        &self,
        at: &ShapeId,
        target_id: &ShapeId,
        member: &Traits,
        target: &Traits,
        patterns: &mut Vec<PatternIr>,
    ) -> Result<(Constraints, Option<RawRange>), Error> {
        let pick = |id: &str| member.get(id).or_else(|| target.get(id));
        let bound = |v: &Value, key: &str, which: &str| -> Result<Option<serde_json::Number>, Error> {
            match v.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => Ok(Some(n.clone())),
                Some(other) => Err(self.err(
                    at,
                    format!("has a {which} trait whose `{key}` is {other}, not a number"),
                )),
            }
        };
        let mut out = Constraints::default();
        if let Some(length) = pick(t::LENGTH) {
            let as_u64 = |v: Option<serde_json::Number>, key: &str| -> Result<Option<u64>, Error> {
                v.map(|n| {
                    n.as_u64()
                        .ok_or_else(|| self.err(at, format!("has a @length `{key}` of {n}, not a whole number ≥ 0")))
                })
                .transpose()
            };
            out.length = Some((
                as_u64(bound(length, "min", "@length")?, "min")?,
                as_u64(bound(length, "max", "@length")?, "max")?,
            ));
        }
        let mut range = None;
        if let Some(trait_value) = pick(t::RANGE) {
            range = Some((
                bound(trait_value, "min", "@range")?,
                bound(trait_value, "max", "@range")?,
            ));
        }
        if let Some(pattern) = pick(t::PATTERN) {
            let pattern = pattern
                .as_str()
                .ok_or_else(|| self.err(at, format!("has a @pattern that is not a string: {pattern}")))?;
            if let Err(e) = crate::pattern::Pattern::new(pattern) {
                // A pattern this engine cannot read is no reason to refuse
                // the model: the service checks it anyway.
                let owner = if member.get(t::PATTERN).is_some() {
                    at
                } else {
                    target_id
                };
                self.warn(
                    owner,
                    format!("has a @pattern `{pattern}` that cannot be compiled ({e}); it is not checked"),
                );
                return Ok((out, range));
            }
            out.pattern = Some(match patterns.iter().position(|p| p.source == pattern) {
                Some(i) => i,
                None => {
                    patterns.push(PatternIr {
                        source: pattern.to_owned(),
                    });
                    patterns.len() - 1
                }
            });
        }
        Ok((out, range))
    }

    fn union(
        &self,
        id: &ShapeId,
        shape: &Aggregate,
        path: TypePath,
        placement: &Placement,
        patterns: &mut Vec<PatternIr>,
    ) -> Result<UnionIr, Error> {
        let mut idents: Vec<String> = shape
            .members
            .0
            .iter()
            .map(|(n, _)| names::variant_name(n).to_string())
            .collect();
        names::dedupe(&mut idents, &mut BTreeSet::from(["Unknown".to_owned()]));
        // `is_unknown` is the method for the `Unknown` variant.
        let methods = names::field_names_reserving(shape.members.0.iter().map(|(n, _)| n.as_str()), &["unknown"]);
        let mut variants = Vec::new();
        for (((name, member), ident), method) in shape.members.0.iter().zip(idents).zip(methods) {
            variants.push(UnionVariantIr {
                ident: RustIdent::plain(ident),
                method,
                wire_name: name.clone(),
                docs: docs(member.traits.documentation()),
                value: self.element(&id.member(name), member, placement, patterns)?,
                boxed: false,
            });
        }
        Ok(UnionIr {
            id: id.clone(),
            path,
            docs: docs(shape.traits.documentation()),
            variants,
        })
    }

    /// A `@default` must fit the member's type; it is decoded here once.
    fn check_default(&self, at: &ShapeId, ty: &ValueType, value: &Value) -> Result<DefaultValue, Error> {
        let integer = |fits: fn(i64) -> bool| value.as_i64().filter(|n| fits(*n)).map(DefaultValue::Integer);
        let decoded = match ty {
            ValueType::Bool => value.as_bool().map(DefaultValue::Bool),
            ValueType::Byte => integer(|n| i8::try_from(n).is_ok()),
            ValueType::Short => integer(|n| i16::try_from(n).is_ok()),
            ValueType::Integer | ValueType::IntEnum(_) => integer(|n| i32::try_from(n).is_ok()),
            ValueType::Long => integer(|_| true),
            ValueType::Float => value
                .as_f64()
                .filter(|f| f.abs() <= f64::from(f32::MAX))
                .map(DefaultValue::Float),
            ValueType::Double => value.as_f64().map(DefaultValue::Float),
            ValueType::String | ValueType::Enum(_) => value.as_str().map(|s| DefaultValue::Text(s.to_owned())),
            ValueType::Blob => match value.as_str() {
                Some(text) => Some(DefaultValue::Bytes(
                    base64::engine::general_purpose::STANDARD.decode(text).map_err(|e| {
                        self.err(
                            at,
                            format!("has a @default of {value}, which is not base64 for a blob: {e}"),
                        )
                    })?,
                )),
                None => None,
            },
            ValueType::Timestamp(_) => value.as_f64().and_then(timestamp_default),
            ValueType::List { .. } => value.as_array().filter(|a| a.is_empty()).map(|_| DefaultValue::Empty),
            ValueType::Map { .. } => value.as_object().filter(|m| m.is_empty()).map(|_| DefaultValue::Empty),
            ValueType::Document => Some(DefaultValue::Document(value.clone())),
            _ => None,
        };
        decoded.ok_or_else(|| {
            self.err(
                at,
                format!("has a @default of {value}, which shapesmith cannot use for this member's type"),
            )
        })
    }

    fn enumeration(&self, id: &ShapeId, path: TypePath) -> Result<EnumIr, Error> {
        let shape = self.shape(id)?;
        let mut variants: Vec<(String, String, Option<String>)> = Vec::new();
        match &*shape {
            Shape::Enum(a) => {
                for (name, member) in &a.members.0 {
                    let value = match member.traits.get(t::ENUM_VALUE) {
                        Some(Value::String(v)) => v.clone(),
                        None => name.clone(),
                        Some(other) => {
                            return Err(self.err(
                                &id.member(name),
                                format!("has an @enumValue that is not a string: {other}"),
                            ))
                        }
                    };
                    variants.push((name.clone(), value, docs(member.traits.documentation())));
                }
            }
            Shape::IntEnum(a) => {
                for (name, member) in &a.members.0 {
                    let value = member
                        .traits
                        .get(t::ENUM_VALUE)
                        .and_then(Value::as_i64)
                        .and_then(|v| i32::try_from(v).ok())
                        .ok_or_else(|| self.err(&id.member(name), "needs an @enumValue that is a 32-bit integer"))?;
                    variants.push((name.clone(), value.to_string(), docs(member.traits.documentation())));
                }
            }
            Shape::String(s) => {
                let defs = s
                    .traits
                    .get(t::ENUM)
                    .and_then(Value::as_array)
                    .ok_or_else(|| self.err(id, "has an @enum trait that is not a list"))?;
                for def in defs {
                    let value = def
                        .get("value")
                        .and_then(Value::as_str)
                        .ok_or_else(|| self.err(id, "has an @enum entry without a string `value`"))?;
                    let name = def.get("name").and_then(Value::as_str).unwrap_or(value);
                    let doc = def.get("documentation").and_then(Value::as_str);
                    variants.push((name.to_owned(), value.to_owned(), docs(doc)));
                }
            }
            other => unreachable!("only enums are placed without a role, found {}", other.type_name()),
        }
        let mut seen_values = BTreeSet::new();
        for (_, value, _) in &variants {
            if !seen_values.insert(value) {
                return Err(self.err(id, format!("lists the value `{value}` twice")));
            }
        }
        let mut idents: Vec<String> = variants
            .iter()
            .map(|(n, _, _)| names::variant_name(n).to_string())
            .collect();
        names::dedupe(&mut idents, &mut BTreeSet::from(["Unknown".to_owned()]));
        Ok(EnumIr {
            id: id.clone(),
            path,
            int: matches!(&*shape, Shape::IntEnum(_)),
            docs: docs(shape.traits().documentation()),
            variants: variants
                .into_iter()
                .zip(idents)
                .map(|((_, value, docs), ident)| VariantIr {
                    ident: RustIdent::plain(ident),
                    value,
                    docs,
                })
                .collect(),
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

/// The id under which an operation's input or output is placed: the target
/// structure, or a synthetic id for `smithy.api#Unit` (one per operation).
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

fn op_member_id(op: &ShapeId, target: Option<&ShapeId>, suffix: &str) -> ShapeId {
    match target {
        Some(t) if *t != crate::model::unit_id() => t.clone(),
        _ => ShapeId::parse(&format!("{}#{}{suffix}", op.namespace(), op.name())).expect("valid id"),
    }
}

/// A value's direct (unboxed, not in a list or map) aggregate target.
fn direct_target(ty: &ValueType) -> Option<&TypePath> {
    match ty {
        ValueType::Struct(p) | ValueType::Union(p) => Some(p),
        _ => None,
    }
}

/// Boxes each member that leads back to its own structure or union through
/// direct members only (lists and maps already give indirection).
fn box_recursive_members(structures: &mut [StructIr], unions: &mut [UnionIr]) {
    let mut edges: BTreeMap<TypePath, Vec<TypePath>> = BTreeMap::new();
    for s in structures.iter() {
        let targets = s
            .members
            .iter()
            .filter_map(|m| direct_target(&m.value.ty))
            .cloned()
            .collect();
        edges.insert(s.path.clone(), targets);
    }
    for u in unions.iter() {
        let targets = u
            .variants
            .iter()
            .filter_map(|v| direct_target(&v.value.ty))
            .cloned()
            .collect();
        edges.insert(u.path.clone(), targets);
    }
    let reaches = |from: &TypePath, to: &TypePath| {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(at) = stack.pop() {
            if at == to {
                return true;
            }
            if seen.insert(at) {
                stack.extend(edges.get(at).into_iter().flatten());
            }
        }
        false
    };
    for s in structures.iter_mut() {
        for m in &mut s.members {
            m.boxed = direct_target(&m.value.ty).is_some_and(|t| reaches(t, &s.path));
        }
    }
    for u in unions.iter_mut() {
        for v in &mut u.variants {
            v.boxed = direct_target(&v.value.ty).is_some_and(|t| reaches(t, &u.path));
        }
    }
}

/// The structures and unions `validate()` has work in: a constraint or a
/// required input member here, or in a value reached through members, lists
/// and maps. A fixpoint, so recursive shapes settle.
fn validated_structures(structures: &[StructIr], unions: &[UnionIr]) -> BTreeSet<TypePath> {
    fn element_needs(e: &Element, validated: &BTreeSet<TypePath>) -> bool {
        !e.constraints.is_empty()
            || match &e.ty {
                ValueType::Struct(p) | ValueType::Union(p) => validated.contains(p),
                ValueType::List { item, .. } => element_needs(item, validated),
                ValueType::Map { key, value, .. } => element_needs(key, validated) || element_needs(value, validated),
                _ => false,
            }
    }
    let mut validated = BTreeSet::new();
    loop {
        let before = validated.len();
        for s in structures {
            if s.members
                .iter()
                .any(|m| (m.required && m.optional) || element_needs(&m.value, &validated))
            {
                validated.insert(s.path.clone());
            }
        }
        for u in unions {
            if u.variants.iter().any(|v| element_needs(&v.value, &validated)) {
                validated.insert(u.path.clone());
            }
        }
        if validated.len() == before {
            return validated;
        }
    }
}

fn docs(html: Option<&str>) -> Option<String> {
    html.map(html_to_markdown).filter(|d| !d.trim().is_empty())
}

/// Epoch seconds (possibly fractional) as whole seconds and nanoseconds,
/// if they fit an `i64` of seconds.
fn timestamp_default(seconds: f64) -> Option<DefaultValue> {
    if !seconds.is_finite() || seconds.abs() >= 9.2e18 {
        return None;
    }
    let secs = seconds.floor();
    let nanos = ((seconds - secs) * 1e9).round();
    // Both casts are in range: checked just above, and 0 <= nanos <= 1e9.
    let (secs, nanos) = (secs as i64, nanos as u32);
    Some(if nanos >= 1_000_000_000 {
        DefaultValue::Timestamp {
            secs: secs.checked_add(1)?,
            nanos: 0,
        }
    } else {
        DefaultValue::Timestamp { secs, nanos }
    })
}

/// The smallest and largest value of an integer type, for `@range` bounds.
fn integer_limits(ty: &ValueType) -> Option<(i128, i128)> {
    Some(match ty {
        ValueType::Byte => (i8::MIN.into(), i8::MAX.into()),
        ValueType::Short => (i16::MIN.into(), i16::MAX.into()),
        ValueType::Integer | ValueType::IntEnum(_) => (i32::MIN.into(), i32::MAX.into()),
        ValueType::Long => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}
