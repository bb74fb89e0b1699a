//! Structures, unions and enums, and the passes over the finished
//! structures: boxing recursive members and finding what `validate()` has
//! work in.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{docs, Placement, Resolver};
use crate::error::Error;
use crate::ir::*;
use crate::model::{trait_ids as t, Aggregate, Shape, ShapeId};
use crate::names::{self, RustIdent};

impl Resolver<'_> {
    pub(super) fn structure(
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
            let http = if placement.event_structs.contains(id) {
                self.event_binding(&member_id, name, member, &value.ty)?
            } else if placement.wire.binds_http && role != StructRole::Plain {
                self.http_binding(&member_id, member, &value.ty, role)?
            } else if matches!(role, StructRole::Input | StructRole::Output) && self.is_event_stream(&member.target) {
                // The JSON-RPC protocols send an event stream as the whole
                // body too, and the other members not at all.
                HttpBinding::Payload(PayloadKind::EventStream)
            } else {
                HttpBinding::Body
            };
            members.push(MemberIr {
                name: name.clone(),
                wire_name: self.wire_name(&member_id, name, member, placement)?,
                http,
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
        self.unique_wire_names(id, members.iter().map(|m| (m.name.as_str(), m.wire_name.as_str())))?;
        let message_member = (role == StructRole::Error)
            .then(|| {
                members
                    .iter()
                    .position(|m| m.name.eq_ignore_ascii_case("message") && matches!(m.value.ty, ValueType::String))
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
            event: placement.event_structs.contains(id),
        })
    }

    /// Refuses two members sent under one name (a `@jsonName` equal to
    /// another member's name): a reader could not tell them apart.
    fn unique_wire_names<'a>(
        &self,
        id: &ShapeId,
        members: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), Error> {
        let mut seen = std::collections::BTreeMap::new();
        for (name, wire) in members {
            if let Some(first) = seen.insert(wire, name) {
                return Err(self.err(
                    &id.member(name),
                    format!("is sent as `{wire}`, the name member `{first}` is sent as"),
                ));
            }
        }
        Ok(())
    }

    /// Whether the shape is an event stream (a `@streaming` union).
    fn is_event_stream(&self, id: &ShapeId) -> bool {
        matches!(self.model.shape(id).as_deref(), Some(Shape::Union(u)) if u.traits.has(t::STREAMING))
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

    pub(super) fn union(
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
                name: name.clone(),
                wire_name: self.wire_name(&id.member(name), name, member, placement)?,
                docs: docs(member.traits.documentation()),
                value: self.element(&id.member(name), member, placement, patterns)?,
                boxed: false,
            });
        }
        self.unique_wire_names(id, variants.iter().map(|v| (v.name.as_str(), v.wire_name.as_str())))?;
        Ok(UnionIr {
            id: id.clone(),
            path,
            docs: docs(shape.traits.documentation()),
            variants,
            event_stream: shape.traits.has(t::STREAMING),
        })
    }

    pub(super) fn enumeration(&self, id: &ShapeId, path: TypePath) -> Result<EnumIr, Error> {
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

/// A value's direct (unboxed, not in a list or map) aggregate target.
fn direct_target(ty: &ValueType) -> Option<&TypePath> {
    match ty {
        ValueType::Struct(p) | ValueType::Union(p) => Some(p),
        _ => None,
    }
}

/// Boxes each member that leads back to its own structure or union through
/// direct members only (lists and maps already give indirection).
pub(super) fn box_recursive_members(structures: &mut [StructIr], unions: &mut [UnionIr]) {
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

/// The generated types reached from `roots` (operation inputs for what a
/// caller sends, which alone get `validate()`; waited-on inputs and outputs
/// for what waiters inspect): the roots and every structure, union and enum
/// reached from them through members, lists and maps.
pub(super) fn reachable_shapes(roots: &[TypePath], structures: &[StructIr], unions: &[UnionIr]) -> BTreeSet<TypePath> {
    fn reach<'a>(e: &'a Element, out: &mut Vec<&'a TypePath>) {
        match &e.ty {
            ValueType::Struct(p) | ValueType::Union(p) | ValueType::Enum(p) | ValueType::IntEnum(p) => out.push(p),
            ValueType::List { item, .. } => reach(item, out),
            ValueType::Map { key, value, .. } => {
                reach(key, out);
                reach(value, out);
            }
            _ => {}
        }
    }
    let mut sent: BTreeSet<TypePath> = BTreeSet::new();
    let mut pending: Vec<&TypePath> = roots.iter().collect();
    while let Some(path) = pending.pop() {
        if !sent.insert(path.clone()) {
            continue;
        }
        if let Some(s) = structures.iter().find(|s| s.path == *path) {
            s.members.iter().for_each(|m| reach(&m.value, &mut pending));
        } else if let Some(u) = unions.iter().find(|u| u.path == *path) {
            u.variants.iter().for_each(|v| reach(&v.value, &mut pending));
        }
    }
    sent
}

/// Numbers the patterns that the sent structures and unions check, in
/// pattern order: the crate's compiled table holds only those.
pub(super) fn number_checked_patterns(
    sent: &BTreeSet<TypePath>,
    structures: &[StructIr],
    unions: &[UnionIr],
    patterns: &mut [PatternIr],
) {
    fn mark(e: &Element, used: &mut BTreeSet<usize>) {
        used.extend(e.constraints.pattern);
        match &e.ty {
            ValueType::List { item, .. } => mark(item, used),
            ValueType::Map { key, value, .. } => {
                mark(key, used);
                mark(value, used);
            }
            _ => {}
        }
    }
    let mut used = BTreeSet::new();
    for s in structures.iter().filter(|s| sent.contains(&s.path)) {
        s.members.iter().for_each(|m| mark(&m.value, &mut used));
    }
    for u in unions.iter().filter(|u| sent.contains(&u.path)) {
        u.variants.iter().for_each(|v| mark(&v.value, &mut used));
    }
    for (table_index, index) in used.into_iter().enumerate() {
        if let Some(pattern) = patterns.get_mut(index) {
            pattern.table_index = Some(table_index);
        }
    }
}

/// The structures and unions `validate()` has work in: a constraint or a
/// required input member here, or in a value reached through members, lists
/// and maps. A fixpoint, so recursive shapes settle.
pub(super) fn validated_structures(structures: &[StructIr], unions: &[UnionIr]) -> BTreeSet<TypePath> {
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
