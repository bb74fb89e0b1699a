//! The rules: every difference between the two IRs, and what it does to the
//! users of the generated crate.
//!
//! What the generated API looks like decides each rule: structures are
//! `#[non_exhaustive]` with pub fields and builders; every input member is an
//! `Option<T>`, checked by `validate()` for `@required`, `@length`, `@range`
//! and `@pattern`, which `request()` runs only when the crate is generated
//! with `validate_requests` (Smithy says clients should not enforce
//! constraints, so by default a constraint change reaches no request and
//! breaks nothing); outside inputs `@required`
//! and `@default` members are plain `T` and `build()` fails without a
//! required one; enums and unions are `#[non_exhaustive]` with an `Unknown`
//! variant; responses are read without validation.

use std::collections::{BTreeMap, BTreeSet};

use super::constraints::{self, Direction};
use super::index::{type_key, type_text, Index, TypeDef};
use super::text::quoted;
use super::{Bump, ChangeKind};
use crate::ir::{
    Element, EnumIr, MemberIr, ModelDefault, OperationIr, StructIr, StructRole, UnionIr, UnionVariantIr, ValueType,
};
use crate::model::ShapeId;

/// Every rule, with its bump and its one-line reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    OperationAdded,
    OperationRemoved,
    ErrorAdded,
    ErrorRemoved,
    PaginationAdded,
    PaginationRemoved,
    PaginationChanged,
    ShapeAdded,
    ShapeRemoved,
    ShapeKindChanged,
    OptionalMemberAdded,
    DefaultedMemberAdded,
    RequiredInputMemberAdded,
    RequiredUncheckedInputMemberAdded,
    RequiredMemberAdded,
    MemberRemoved,
    RequiredInInput,
    OptionalInInput,
    RequiredInUncheckedInput,
    RequiredInOutput,
    OptionalInOutput,
    FieldBecameRequired,
    FieldBecameOptional,
    RequiredTraitOnly,
    TypeChanged,
    EnumValueAdded,
    EnumValueRemoved,
    EnumVariantRenamed,
    UnionMemberAdded,
    UnionMemberRemoved,
    TightenedInInput,
    TightenedInOutput,
    UnclearInInput,
    ChangedInUncheckedInput,
    UnclearInOutput,
    LoosenedInInput,
    LoosenedInOutput,
    DefaultOnInput,
    DefaultShapesField,
    DefaultWithoutEffect,
    DefaultValueChanged,
    Sensitivity,
    Wire,
    Documentation,
}

impl Rule {
    pub(super) fn bump(self) -> Bump {
        use Rule::*;
        match self {
            OperationRemoved
            | ErrorRemoved
            | PaginationRemoved
            | PaginationChanged
            | ShapeRemoved
            | ShapeKindChanged
            | RequiredInputMemberAdded
            | RequiredMemberAdded
            | MemberRemoved
            | RequiredInInput
            | FieldBecameRequired
            | FieldBecameOptional
            | TypeChanged
            | EnumValueRemoved
            | EnumVariantRenamed
            | UnionMemberRemoved
            | TightenedInInput
            | UnclearInInput
            | DefaultShapesField => Bump::Major,
            OperationAdded
            | ErrorAdded
            | PaginationAdded
            | ShapeAdded
            | OptionalMemberAdded
            | DefaultedMemberAdded
            | OptionalInInput
            | RequiredUncheckedInputMemberAdded
            | EnumValueAdded
            | UnionMemberAdded
            | LoosenedInInput => Bump::Minor,
            RequiredInOutput
            | OptionalInOutput
            | RequiredTraitOnly
            | TightenedInOutput
            | UnclearInOutput
            | LoosenedInOutput
            | RequiredInUncheckedInput
            | ChangedInUncheckedInput
            | DefaultOnInput
            | DefaultWithoutEffect
            | DefaultValueChanged
            | Sensitivity
            | Wire
            | Documentation => Bump::Patch,
        }
    }

    pub(super) fn explain(self) -> &'static str {
        use Rule::*;
        match self {
            OperationAdded => "a new operation is new API; existing code is untouched",
            OperationRemoved => "code that calls the removed operation or names its types no longer compiles",
            ErrorAdded => "the operation's error enum is #[non_exhaustive], so a new variant breaks no match",
            ErrorRemoved => "code that matches the removed error variant no longer compiles",
            PaginationAdded => "the paginator is new API; existing calls are untouched",
            PaginationRemoved => "code that uses the operation's paginator no longer compiles",
            PaginationChanged => "the paginator yields other items, so code that uses them may no longer compile",
            ShapeAdded => "a new type is new API; no existing code names it",
            ShapeRemoved => "code that names the removed type no longer compiles",
            ShapeKindChanged => "the type is now another kind of Rust item, so code that uses it no longer compiles",
            OptionalMemberAdded => "a new Option<T> field on a #[non_exhaustive] struct, and new builder methods, break no code",
            DefaultedMemberAdded => {
                "a new field with a @default on a #[non_exhaustive] struct: build() fills it in, so no code breaks"
            }
            RequiredInputMemberAdded => {
                "request() runs validate() (validate_requests is on), which now rejects requests without the new @required member"
            }
            RequiredUncheckedInputMemberAdded => {
                "a new Option<T> input field; request() does not run validate() (validate_requests is off), so requests without it still go out"
            }
            RequiredMemberAdded => {
                "a new required field without a default: build() fails (or starts returning Result) where code does not set it"
            }
            MemberRemoved => "the field and its accessors are gone, so code that uses them no longer compiles",
            RequiredInInput => {
                "request() runs validate() (validate_requests is on), which now rejects requests without it; the field stays Option<T>"
            }
            RequiredInUncheckedInput => {
                "the field stays Option<T> and request() does not run validate() (validate_requests is off): only what validate() says changes"
            }
            OptionalInInput => "validate() now accepts requests without it, which it rejected before; the field stays Option<T>",
            RequiredInOutput | OptionalInOutput => {
                "the field stays Option<T> and only responses reach it, which are read without validation: only validate() changes"
            }
            FieldBecameRequired => "the field changes from Option<T> to T, so code that reads or sets it no longer compiles",
            FieldBecameOptional => "the field changes from T to Option<T>, so code that reads or sets it no longer compiles",
            RequiredTraitOnly => {
                "the field keeps its type (it has a @default or is @clientOptional), so only the documentation changes"
            }
            TypeChanged => "the Rust type changed, so code that reads or sets the value no longer compiles",
            EnumValueAdded => {
                "enums are #[non_exhaustive] and already read unknown values as Unknown, so a new variant breaks no code"
            }
            EnumValueRemoved => "code that names the removed variant no longer compiles (the value now reads as Unknown)",
            EnumVariantRenamed => "the value's variant has a new name, so code that names the old one no longer compiles",
            UnionMemberAdded => {
                "unions are #[non_exhaustive] with an Unknown variant, so a new variant breaks no code"
            }
            UnionMemberRemoved => "code that builds or matches the removed variant no longer compiles",
            TightenedInInput => {
                "an input reaches it and request() runs validate() (validate_requests is on), which now rejects values it accepted before"
            }
            ChangedInUncheckedInput => {
                "an input reaches it, but request() does not run validate() (validate_requests is off): every request goes out as before; only what validate() says changes"
            }
            TightenedInOutput | LoosenedInOutput | UnclearInOutput => {
                "only responses reach it, and they are read without validation: only what validate() checks changes"
            }
            UnclearInInput => {
                "neither clearly tighter nor looser, so treated as tightened: validate(), which request() runs (validate_requests is on), may reject values it accepted before"
            }
            LoosenedInInput => "validate() now accepts request values it rejected before; every valid request stays valid",
            DefaultOnInput => "input members are always Option<T> and sent only when set, so the API does not change",
            DefaultShapesField => {
                "outside inputs a @default decides whether the field is T or Option<T> and whether build() can fail"
            }
            DefaultWithoutEffect => "the member is @clientOptional, so the field stays Option<T> and the API does not change",
            DefaultValueChanged => "builders and response reading fill in another value; the API does not change",
            Sensitivity => "only what Debug prints changes",
            Wire => "the bytes on the wire change; the Rust API does not",
            Documentation => "only the documentation changes",
        }
    }
}

/// Where a change belongs: the operations it is listed under follow from it.
#[derive(Debug, Clone)]
pub(super) enum Subject {
    /// The service itself.
    Service,
    /// An operation, by name.
    Operation(String),
    /// A generated type, by Rust path.
    Type(String),
}

/// A difference found, before it is put under its operations.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub subject: Subject,
    pub shape: Option<ShapeId>,
    pub rust_type: Option<String>,
    pub member: Option<String>,
    pub kind: ChangeKind,
    pub rule: Rule,
    pub description: String,
}

/// Every difference between the two sides.
/// `validate_requests`: whether `request()` runs `validate()`, which
/// decides whether a constraint change can break a caller.
pub(super) fn compare(old: &Index<'_>, new: &Index<'_>, validate_requests: bool) -> Vec<Found> {
    let mut c = Comparison {
        old,
        new,
        validate_requests,
        out: Vec::new(),
    };
    c.service();
    c.operations();
    c.types();
    c.out
}

struct Comparison<'i, 'a> {
    old: &'i Index<'a>,
    new: &'i Index<'a>,
    validate_requests: bool,
    out: Vec<Found>,
}

/// What reaches a type, which decides what a constraint change on it does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// An operation input, and `request()` runs `validate()`.
    CheckedInput,
    /// An operation input, sent without validation.
    UncheckedInput,
    /// Only responses, which are read without validation.
    Output,
}

/// The type a change is in, as the report names it.
#[derive(Clone, Copy)]
struct At<'x> {
    key: &'x str,
    id: &'x ShapeId,
    /// The Rust type name (`Session`).
    name: &'x str,
    /// What reaches the type in either model.
    reach: Reach,
}

impl Comparison<'_, '_> {
    fn push(&mut self, at: At<'_>, member: Option<&str>, kind: ChangeKind, rule: Rule, description: String) {
        self.out.push(Found {
            subject: Subject::Type(at.key.to_owned()),
            shape: Some(at.id.clone()),
            rust_type: Some(at.key.to_owned()),
            member: member.map(str::to_owned),
            kind,
            rule,
            description,
        });
    }

    fn push_op(&mut self, op: &OperationIr, kind: ChangeKind, rule: Rule, description: String) {
        self.out.push(Found {
            subject: Subject::Operation(op.name.clone()),
            shape: Some(op.id.clone()),
            rust_type: Some(format!("crate::operation::{}::{}", op.module, op.ident)),
            member: None,
            kind,
            rule,
            description,
        });
    }

    fn service(&mut self) {
        let (Some(old), Some(new)) = (self.old.ir, self.new.ir) else {
            return;
        };
        let (old, new) = (&old.service, &new.service);
        let mut push = |description: String| {
            self.out.push(Found {
                subject: Subject::Service,
                shape: Some(new.id.clone()),
                rust_type: None,
                member: None,
                kind: ChangeKind::DocumentationChanged,
                rule: Rule::Documentation,
                description,
            })
        };
        if old.title != new.title {
            push(format!(
                "the service's title changed from {} to {}",
                quoted(old.title.as_deref()),
                quoted(new.title.as_deref())
            ));
        }
        if old.docs != new.docs {
            push(format!(
                "the documentation of the service `{}` (the crate's documentation) changed",
                new.name
            ));
        }
    }

    fn operations(&mut self) {
        let names: BTreeSet<&str> = self
            .old
            .operations
            .keys()
            .chain(self.new.operations.keys())
            .copied()
            .collect();
        for name in names {
            match (self.old.operations.get(name), self.new.operations.get(name)) {
                (None, Some(op)) => self.push_op(
                    op,
                    ChangeKind::OperationAdded,
                    Rule::OperationAdded,
                    format!("new operation `{name}` (`operation::{}::{}`)", op.module, op.ident),
                ),
                (Some(op), None) => self.push_op(
                    op,
                    ChangeKind::OperationRemoved,
                    Rule::OperationRemoved,
                    format!("the operation `{name}` was removed (`operation::{}`)", op.module),
                ),
                (Some(old), Some(new)) => self.operation(old, new),
                (None, None) => {}
            }
        }
    }

    fn operation(&mut self, old: &OperationIr, new: &OperationIr) {
        let name = &new.name;
        if old.docs != new.docs {
            self.push_op(
                new,
                ChangeKind::DocumentationChanged,
                Rule::Documentation,
                format!("the documentation of `{name}` changed"),
            );
        }
        let errors = |op: &OperationIr| -> BTreeMap<String, String> {
            op.errors
                .iter()
                .map(|e| (e.code.clone(), e.variant.to_string()))
                .collect()
        };
        let (old_errors, new_errors) = (errors(old), errors(new));
        for (code, variant) in &new_errors {
            if !old_errors.contains_key(code) {
                self.push_op(
                    new,
                    ChangeKind::ErrorAdded,
                    Rule::ErrorAdded,
                    format!(
                        "`{name}` can return the new error `{code}` (`{}Error::{variant}`)",
                        new.ident
                    ),
                );
            }
        }
        for (code, variant) in &old_errors {
            if !new_errors.contains_key(code) {
                self.push_op(
                    new,
                    ChangeKind::ErrorRemoved,
                    Rule::ErrorRemoved,
                    format!(
                        "`{name}` no longer lists the error `{code}` (`{}Error::{variant}`)",
                        old.ident
                    ),
                );
            }
        }
        match (&old.pagination, &new.pagination) {
            (None, Some(_)) => self.push_op(
                new,
                ChangeKind::PaginationAdded,
                Rule::PaginationAdded,
                format!("`{name}` became paginated (`{}::paginate`)", new.ident),
            ),
            (Some(_), None) => self.push_op(
                new,
                ChangeKind::PaginationRemoved,
                Rule::PaginationRemoved,
                format!("`{name}` is no longer paginated (`{}::paginate` is gone)", new.ident),
            ),
            (Some(a), Some(b)) => {
                let items = |p: &crate::ir::PaginationIr| {
                    p.items
                        .as_ref()
                        .map(|(field, _, ty)| (field.to_string(), type_key(ty), type_text(ty)))
                };
                let (old_items, new_items) = (items(a), items(b));
                if old_items.as_ref().map(|i| (&i.0, &i.1)) != new_items.as_ref().map(|i| (&i.0, &i.1)) {
                    let show = |i: Option<(String, String, String)>| match i {
                        Some((field, _, ty)) => format!("`{ty}` from `{field}`"),
                        None => "no items".to_owned(),
                    };
                    self.push_op(
                        new,
                        ChangeKind::PaginationChanged,
                        Rule::PaginationChanged,
                        format!(
                            "the paginator of `{name}` yields {}, was {}",
                            show(new_items),
                            show(old_items)
                        ),
                    );
                }
                let tokens = |p: &crate::ir::PaginationIr| {
                    (
                        p.input_token.to_string(),
                        p.output_token.0.to_string(),
                        p.page_size.as_ref().map(|(f, _)| f.to_string()),
                    )
                };
                if tokens(a) != tokens(b) {
                    self.push_op(
                        new,
                        ChangeKind::WireChanged,
                        Rule::Wire,
                        format!("the paginator of `{name}` uses other token or page size members"),
                    );
                }
            }
            (None, None) => {}
        }
        let prefix = |op: &OperationIr| op.host_prefix.as_ref().map(|h| h.template.clone());
        if prefix(old) != prefix(new) {
            self.push_op(
                new,
                ChangeKind::WireChanged,
                Rule::Wire,
                format!(
                    "`{name}` sends to the host prefix {}, was {}",
                    quoted(prefix(new).as_deref()),
                    quoted(prefix(old).as_deref())
                ),
            );
        }
        if old.gzip != new.gzip {
            let what = if new.gzip { "now" } else { "no longer" };
            self.push_op(
                new,
                ChangeKind::WireChanged,
                Rule::Wire,
                format!("`{name}` {what} gzip-compresses its request bodies"),
            );
        }
    }

    fn types(&mut self) {
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

    fn at<'x>(&self, key: &'x str, id: &'x ShapeId, name: &'x str) -> At<'x> {
        At {
            key,
            id,
            name,
            reach: match (
                self.old.reached_by_input(key) || self.new.reached_by_input(key),
                self.validate_requests,
            ) {
                (true, true) => Reach::CheckedInput,
                (true, false) => Reach::UncheckedInput,
                (false, _) => Reach::Output,
            },
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
            match old.members.iter().find(|o| o.wire_name == m.wire_name) {
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
                        m.wire_name,
                        m.field,
                        field_type(m)
                    );
                    self.push(at, Some(&m.wire_name), ChangeKind::MemberAdded, rule, description);
                }
            }
        }
        for o in &old.members {
            if !new.members.iter().any(|m| m.wire_name == o.wire_name) {
                let description = format!(
                    "`{}` lost the member `{}` (`{}: {}`)",
                    at.name,
                    o.wire_name,
                    o.field,
                    field_type(o)
                );
                self.push(
                    at,
                    Some(&o.wire_name),
                    ChangeKind::MemberRemoved,
                    Rule::MemberRemoved,
                    description,
                );
            }
        }
    }

    fn member(&mut self, at: At<'_>, new_struct: &StructIr, old: &MemberIr, new: &MemberIr) {
        let wire = new.wire_name.as_str();
        let label = format!("`{}.{wire}`", at.name);
        let same_type = type_key(&old.value.ty) == type_key(&new.value.ty) && old.boxed == new.boxed;
        if !same_type {
            let inner = |m: &MemberIr| {
                let ty = type_text(&m.value.ty);
                if m.boxed {
                    format!("Box<{ty}>")
                } else {
                    ty
                }
            };
            let description = format!("{label} changed type from `{}` to `{}`", inner(old), inner(new));
            self.push(
                at,
                Some(wire),
                ChangeKind::MemberTypeChanged,
                Rule::TypeChanged,
                description,
            );
        }

        // Nullability: the field's type (`optional`) and what validate()
        // checks (`required` on an `Option<T>` field) are separate effects.
        let default_toggled = old.model_default.is_some() != new.model_default.is_some();
        let required_toggled = old.required != new.required;
        let became = |required: bool| {
            if required {
                ChangeKind::MemberBecameRequired
            } else {
                ChangeKind::MemberBecameOptional
            }
        };
        if old.optional != new.optional {
            // A flip that only the @default explains is the @default's rule.
            if required_toggled || !default_toggled {
                let (rule, kind) = if new.optional {
                    (Rule::FieldBecameOptional, became(false))
                } else {
                    (Rule::FieldBecameRequired, became(true))
                };
                let description = format!(
                    "{label} became {} (`{}: {}`, was `{}`)",
                    if new.optional { "optional" } else { "required" },
                    new.field,
                    field_type(new),
                    field_type(old)
                );
                self.push(at, Some(wire), kind, rule, description);
            }
        } else if (old.required && old.optional) != (new.required && new.optional) {
            let rule = match (new.required, at.reach) {
                (true, Reach::CheckedInput) => Rule::RequiredInInput,
                (false, Reach::CheckedInput) => Rule::OptionalInInput,
                (_, Reach::UncheckedInput) => Rule::RequiredInUncheckedInput,
                (true, Reach::Output) => Rule::RequiredInOutput,
                (false, Reach::Output) => Rule::OptionalInOutput,
            };
            let description = if new.required {
                format!("{label} became @required: validate() rejects a value without it")
            } else {
                format!("{label} is no longer @required: validate() accepts a value without it")
            };
            self.push(at, Some(wire), became(new.required), rule, description);
        } else if required_toggled {
            let description = format!(
                "{label} {} @required; its field stays `{}`",
                if new.required { "became" } else { "is no longer" },
                field_type(new)
            );
            self.push(
                at,
                Some(wire),
                became(new.required),
                Rule::RequiredTraitOnly,
                description,
            );
        }

        self.default(at, &label, new_struct.role, old, new);

        if old.sensitive != new.sensitive {
            let description = format!(
                "{label} {} @sensitive: Debug {} it",
                if new.sensitive { "became" } else { "is no longer" },
                if new.sensitive { "redacts" } else { "shows" }
            );
            self.push(
                at,
                Some(wire),
                ChangeKind::SensitivityChanged,
                Rule::Sensitivity,
                description,
            );
        }
        if old.idempotency_token != new.idempotency_token {
            let description = format!(
                "{label} {} an @idempotencyToken: a request without it {} a fresh token",
                if new.idempotency_token {
                    "became"
                } else {
                    "is no longer"
                },
                if new.idempotency_token {
                    "gets"
                } else {
                    "no longer gets"
                }
            );
            self.push(at, Some(wire), ChangeKind::WireChanged, Rule::Wire, description);
        }
        if old.docs != new.docs {
            let description = format!("the documentation of {label} changed");
            self.push(
                at,
                Some(wire),
                ChangeKind::DocumentationChanged,
                Rule::Documentation,
                description,
            );
        }
        if same_type {
            self.element(at, wire, &label, &old.value, &new.value);
        }
    }

    /// `@default` added, removed or changed. The IR keeps a default only
    /// where it makes the field a plain `T`; the model has the rest.
    fn default(&mut self, at: At<'_>, label: &str, role: StructRole, old: &MemberIr, new: &MemberIr) {
        let wire = new.wire_name.as_str();
        let (old_default, new_default) = (old.model_default.as_ref(), new.model_default.as_ref());
        let shown = |v: Option<&ModelDefault>| v.map_or_else(|| "none".to_owned(), |v| v.text.clone());
        let field_effect = (old.optional, old.default.is_some()) != (new.optional, new.default.is_some());
        let rule = if role == StructRole::Input {
            Rule::DefaultOnInput
        } else if field_effect {
            Rule::DefaultShapesField
        } else {
            Rule::DefaultWithoutEffect
        };
        let field = format!("`{}: {}`", new.field, field_type(new));
        match (old_default, new_default) {
            (None, Some(v)) => {
                let v = &v.text;
                let description = format!("{label} gained the @default {v} ({field}, was `{}`)", field_type(old));
                self.push(at, Some(wire), ChangeKind::DefaultAdded, rule, description);
            }
            (Some(v), None) => {
                let v = &v.text;
                let description = format!("{label} lost its @default {v} ({field}, was `{}`)", field_type(old));
                self.push(at, Some(wire), ChangeKind::DefaultRemoved, rule, description);
            }
            (Some(a), Some(b)) if a.value != b.value => {
                let rule = if role == StructRole::Input {
                    Rule::DefaultOnInput
                } else {
                    Rule::DefaultValueChanged
                };
                let description = format!("{label} has the @default {}, was {}", shown(Some(b)), shown(Some(a)));
                self.push(at, Some(wire), ChangeKind::DefaultChanged, rule, description);
            }
            _ => {}
        }
    }

    /// Constraints and wire formats at each level of a value whose type did
    /// not change: the member itself, list items, map keys and values.
    fn element(&mut self, at: At<'_>, wire: &str, label: &str, old: &Element, new: &Element) {
        let (old_side, new_side) = (self.old, self.new);
        let changes = constraints::compare(
            &old.constraints,
            &new.constraints,
            |i| old_side.pattern(i),
            |i| new_side.pattern(i),
        );
        for change in changes {
            let (kind, how) = match change.direction {
                Direction::Tighter => (ChangeKind::ConstraintTightened, "tightened"),
                Direction::Looser => (ChangeKind::ConstraintLoosened, "loosened"),
                Direction::Mixed => (
                    ChangeKind::ConstraintTightened,
                    "moved (some values became valid, others invalid; treated as tightened)",
                ),
                Direction::Unclear => (
                    ChangeKind::ConstraintTightened,
                    "changed (neither clearly tighter nor looser; treated as tightened)",
                ),
            };
            let rule = match (at.reach, change.direction) {
                (Reach::CheckedInput, Direction::Tighter) => Rule::TightenedInInput,
                (Reach::CheckedInput, Direction::Looser) => Rule::LoosenedInInput,
                (Reach::CheckedInput, Direction::Mixed | Direction::Unclear) => Rule::UnclearInInput,
                (Reach::UncheckedInput, _) => Rule::ChangedInUncheckedInput,
                (Reach::Output, Direction::Tighter) => Rule::TightenedInOutput,
                (Reach::Output, Direction::Looser) => Rule::LoosenedInOutput,
                (Reach::Output, Direction::Mixed | Direction::Unclear) => Rule::UnclearInOutput,
            };
            let description = format!("the {} of {label} {how}: {} -> {}", change.name, change.old, change.new);
            self.push(at, Some(wire), kind, rule, description);
        }
        match (&old.ty, &new.ty) {
            (ValueType::Timestamp(a), ValueType::Timestamp(b)) if a != b => {
                let description = format!("{label} is sent and read as {b:?} timestamps, was {a:?}");
                self.push(at, Some(wire), ChangeKind::WireChanged, Rule::Wire, description);
            }
            (ValueType::List { item: a, .. }, ValueType::List { item: b, .. }) => {
                self.element(at, wire, &format!("{label} (items)"), a, b);
            }
            (ValueType::Map { key: ka, value: va, .. }, ValueType::Map { key: kb, value: vb, .. }) => {
                self.element(at, wire, &format!("{label} (keys)"), ka, kb);
                self.element(at, wire, &format!("{label} (values)"), va, vb);
            }
            _ => {}
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
            let wire = v.wire_name.as_str();
            let Some(o) = old.variants.iter().find(|o| o.wire_name == v.wire_name) else {
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
            if !new.variants.iter().any(|v| v.wire_name == o.wire_name) {
                let description = format!("`{}` lost the member `{}` ({})", at.name, o.wire_name, variant(o));
                self.push(
                    at,
                    Some(&o.wire_name),
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
        TypeDef::Struct(s) => s.members.iter().map(|m| format!("`{}`", m.wire_name)).collect(),
        TypeDef::Enum(e) => e.variants.iter().map(|v| format!("`{}`", v.value)).collect(),
        TypeDef::Union(u) => u.variants.iter().map(|v| format!("`{}`", v.wire_name)).collect(),
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

/// The field's Rust type: `Option<Box<T>>`, `T`...
fn field_type(m: &MemberIr) -> String {
    let ty = type_text(&m.value.ty);
    let ty = if m.boxed { format!("Box<{ty}>") } else { ty };
    if m.optional {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

/// "a structure", "an enum", "a union".
fn article(kind: &str) -> String {
    let an = kind.starts_with(['e', 'i']);
    format!("{} {kind}", if an { "an" } else { "a" })
}
