//! Generated types: structures, enums and unions added, removed, turned
//! into another kind, or changed (members, variants and values).

use std::collections::BTreeSet;

use super::{field_type, At, Comparison, Reach, Rule};
use crate::diff::index::{type_key, type_text, TypeDef};
use crate::diff::ChangeKind;
use crate::ir::{EnumIr, StructIr, UnionIr, UnionVariantIr};

impl Comparison<'_, '_> {
    pub(super) fn types(&mut self) {
        // An added or removed operation's own input and output are part of
        // the operation, already reported.
        let mut own: BTreeSet<String> = BTreeSet::new();
        for (side, other) in [(self.old, self.new), (self.new, self.old)] {
            for (name, op) in &side.operations {
                if !other.has_operation(name) {
                    own.insert(op.input.rust_path());
                    own.insert(op.output.rust_path());
                }
            }
        }
        let (old, new) = (self.old, self.new);
        let keys: BTreeSet<&String> = old.types.keys().chain(new.types.keys()).collect();
        for key in keys {
            let names_of = |t: TypeDef<'_>| (t.id().clone(), t.path().ident.to_string());
            match (old.types.get(key), new.types.get(key)) {
                (None, Some(t)) if !own.contains(key) => {
                    let (id, name) = names_of(*t);
                    let at = self.at(key, &id, &name);
                    self.push(at, None, ChangeKind::ShapeAdded, Rule::ShapeAdded, added(*t));
                }
                (Some(t), None) if !own.contains(key) => {
                    let (id, name) = names_of(*t);
                    let at = self.at(key, &id, &name);
                    let description = format!("the {} `{name}` was removed", t.kind_name());
                    self.push(at, None, ChangeKind::ShapeRemoved, Rule::ShapeRemoved, description);
                }
                (Some(o), Some(n)) => {
                    let (id, name) = names_of(*n);
                    let at = self.at(key, &id, &name);
                    self.same_type(at, *o, *n);
                }
                _ => {}
            }
        }
    }

    fn same_type(&mut self, at: At<'_>, old: TypeDef<'_>, new: TypeDef<'_>) {
        if old.kind_name() != new.kind_name() {
            let description = format!(
                "`{}` changed from {} to {}",
                at.name,
                article(old.kind_name()),
                article(new.kind_name())
            );
            self.push(
                at,
                None,
                ChangeKind::ShapeKindChanged,
                Rule::ShapeKindChanged,
                description,
            );
            return;
        }
        if old.docs() != new.docs() {
            let description = format!("the documentation of `{}` changed", at.name);
            self.push(
                at,
                None,
                ChangeKind::DocumentationChanged,
                Rule::Documentation,
                description,
            );
        }
        match (old, new) {
            (TypeDef::Struct(o), TypeDef::Struct(n)) => self.structure(at, o, n),
            (TypeDef::Enum(o), TypeDef::Enum(n)) => self.enumeration(at, o, n),
            (TypeDef::Union(o), TypeDef::Union(n)) => self.union(at, o, n),
            _ => {}
        }
    }

    fn structure(&mut self, at: At<'_>, old: &StructIr, new: &StructIr) {
        for m in &new.members {
            match old.members.iter().find(|o| o.name == m.name) {
                Some(o) => self.member(at, new, o, m),
                None => {
                    let (rule, what) = if m.required && m.optional && at.reach == Reach::CheckedInput {
                        (Rule::RequiredInputMemberAdded, "required member")
                    } else if m.required && m.optional && at.reach == Reach::UncheckedInput {
                        (Rule::RequiredUncheckedInputMemberAdded, "required member")
                    } else if !m.optional && m.default.is_none() {
                        (Rule::RequiredMemberAdded, "required member")
                    } else if !m.optional {
                        (Rule::DefaultedMemberAdded, "member with a default")
                    } else {
                        (Rule::OptionalMemberAdded, "optional member")
                    };
                    let checked = if matches!(
                        rule,
                        Rule::RequiredInputMemberAdded | Rule::RequiredUncheckedInputMemberAdded
                    ) {
                        ", checked by validate()"
                    } else {
                        ""
                    };
                    let description = format!(
                        "`{}` gained the {what} `{}` (`{}: {}`{checked})",
                        at.name,
                        m.name,
                        m.field,
                        field_type(m)
                    );
                    self.push(at, Some(&m.name), ChangeKind::MemberAdded, rule, description);
                }
            }
        }
        for o in &old.members {
            if !new.members.iter().any(|m| m.name == o.name) {
                let description = format!(
                    "`{}` lost the member `{}` (`{}: {}`)",
                    at.name,
                    o.name,
                    o.field,
                    field_type(o)
                );
                self.push(
                    at,
                    Some(&o.name),
                    ChangeKind::MemberRemoved,
                    Rule::MemberRemoved,
                    description,
                );
            }
        }
    }

    fn enumeration(&mut self, at: At<'_>, old: &EnumIr, new: &EnumIr) {
        for v in &new.variants {
            match old.variants.iter().find(|o| o.value == v.value) {
                None => {
                    let description = format!(
                        "`{}` gained the value `{}` (`{}::{}`)",
                        at.name, v.value, at.name, v.ident
                    );
                    self.push(
                        at,
                        Some(&v.value),
                        ChangeKind::EnumValueAdded,
                        Rule::EnumValueAdded,
                        description,
                    );
                }
                Some(o) => {
                    if o.ident != v.ident {
                        let description = format!(
                            "the value `{}` of `{}` is now `{}::{}`, was `{}::{}`",
                            v.value, at.name, at.name, v.ident, at.name, o.ident
                        );
                        self.push(
                            at,
                            Some(&v.value),
                            ChangeKind::EnumVariantRenamed,
                            Rule::EnumVariantRenamed,
                            description,
                        );
                    }
                    if o.docs != v.docs {
                        let description = format!("the documentation of `{}::{}` changed", at.name, v.ident);
                        self.push(
                            at,
                            Some(&v.value),
                            ChangeKind::DocumentationChanged,
                            Rule::Documentation,
                            description,
                        );
                    }
                }
            }
        }
        for o in &old.variants {
            if !new.variants.iter().any(|v| v.value == o.value) {
                let description = format!(
                    "`{}` lost the value `{}` (`{}::{}`)",
                    at.name, o.value, at.name, o.ident
                );
                self.push(
                    at,
                    Some(&o.value),
                    ChangeKind::EnumValueRemoved,
                    Rule::EnumValueRemoved,
                    description,
                );
            }
        }
    }

    fn union(&mut self, at: At<'_>, old: &UnionIr, new: &UnionIr) {
        let variant = |v: &UnionVariantIr| format!("`{}::{}({})`", at.name, v.ident, type_text(&v.value.ty));
        for v in &new.variants {
            let wire = v.name.as_str();
            let Some(o) = old.variants.iter().find(|o| o.name == v.name) else {
                let description = format!("`{}` gained the member `{wire}` ({})", at.name, variant(v));
                self.push(
                    at,
                    Some(wire),
                    ChangeKind::UnionMemberAdded,
                    Rule::UnionMemberAdded,
                    description,
                );
                continue;
            };
            let label = format!("`{}.{wire}`", at.name);
            let same_type = type_key(&o.value.ty) == type_key(&v.value.ty) && o.boxed == v.boxed;
            if same_type {
                self.element(at, wire, &label, &o.value, &v.value);
            } else {
                let description = format!("{label} changed type: {} is now {}", variant(o), variant(v));
                self.push(
                    at,
                    Some(wire),
                    ChangeKind::MemberTypeChanged,
                    Rule::TypeChanged,
                    description,
                );
            }
            if o.docs != v.docs {
                let description = format!("the documentation of {label} changed");
                self.push(
                    at,
                    Some(wire),
                    ChangeKind::DocumentationChanged,
                    Rule::Documentation,
                    description,
                );
            }
        }
        for o in &old.variants {
            if !new.variants.iter().any(|v| v.name == o.name) {
                let description = format!("`{}` lost the member `{}` ({})", at.name, o.name, variant(o));
                self.push(
                    at,
                    Some(&o.name),
                    ChangeKind::UnionMemberRemoved,
                    Rule::UnionMemberRemoved,
                    description,
                );
            }
        }
    }
}

/// "new enum `AccessType` with the values `Standard`, `JustInTime`".
fn added(t: TypeDef<'_>) -> String {
    let name = &t.path().ident;
    let listed: Vec<String> = match t {
        TypeDef::Struct(s) => s.members.iter().map(|m| format!("`{}`", m.name)).collect(),
        TypeDef::Enum(e) => e.variants.iter().map(|v| format!("`{}`", v.value)).collect(),
        TypeDef::Union(u) => u.variants.iter().map(|v| format!("`{}`", v.name)).collect(),
    };
    let what = if matches!(t, TypeDef::Enum(_)) {
        "values"
    } else {
        "members"
    };
    // Long lists would drown the notes; the model has the rest.
    const SHOWN: usize = 8;
    let list = match listed.len() {
        0 => return format!("new {} `{name}`", t.kind_name()),
        n if n > SHOWN => format!("{} and {} more", listed[..SHOWN].join(", "), n - SHOWN),
        _ => listed.join(", "),
    };
    format!("new {} `{name}` with the {what} {list}", t.kind_name())
}

/// "a structure", "an enum", "a union".
fn article(kind: &str) -> String {
    let an = kind.starts_with(['e', 'i']);
    format!("{} {kind}", if an { "an" } else { "a" })
}
