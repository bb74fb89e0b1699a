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

use super::index::{type_text, Index};
use super::{Bump, ChangeKind};
use crate::ir::{MemberIr, OperationIr};
use crate::model::ShapeId;

mod members;
mod operations;
mod types;

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
    /// Why the service now rejects calls that worked, if it does.
    pub service: Option<&'static str>,
    pub description: String,
}

/// Whether the service rejects calls that worked before the change,
/// whatever the crate's API does: a new required input member, a member
/// made required, a removed operation or input member, an enum value an
/// input can no longer send. `input`: an operation input reaches the type.
fn service_break(kind: ChangeKind, rule: Rule, input: bool) -> Option<&'static str> {
    match kind {
        ChangeKind::OperationRemoved => Some("the service no longer has the operation, so every call to it fails"),
        ChangeKind::MemberAdded
            if input
                && matches!(
                    rule,
                    Rule::RequiredInputMemberAdded | Rule::RequiredUncheckedInputMemberAdded
                ) =>
        {
            Some("the service rejects every request without the new @required member, which existing calls do not set")
        }
        ChangeKind::MemberBecameRequired if input => {
            Some("the service rejects requests without the member, which existing calls may leave unset")
        }
        ChangeKind::MemberRemoved if input => {
            Some("the service no longer takes the member, so calls that set it may be rejected")
        }
        ChangeKind::EnumValueRemoved if input => {
            Some("the service no longer accepts the value, which existing calls may send")
        }
        _ => None,
    }
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
        let input = at.reach != Reach::Output;
        self.out.push(Found {
            subject: Subject::Type(at.key.to_owned()),
            shape: Some(at.id.clone()),
            rust_type: Some(at.key.to_owned()),
            member: member.map(str::to_owned),
            kind,
            rule,
            service: service_break(kind, rule, input),
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
            service: service_break(kind, rule, false),
            description,
        });
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
