//! One member of a structure: its field type, nullability, `@default`,
//! wire name and format, and the constraints at each level of its value.

use super::{field_type, At, Comparison, Reach, Rule};
use crate::diff::constraints::{self, Direction};
use crate::diff::index::{type_key, type_text};
use crate::diff::ChangeKind;
use crate::ir::{Element, MemberIr, ModelDefault, StructIr, StructRole, ValueType};

impl Comparison<'_, '_> {
    pub(super) fn member(&mut self, at: At<'_>, new_struct: &StructIr, old: &MemberIr, new: &MemberIr) {
        let wire = new.name.as_str();
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
        let wire = new.name.as_str();
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
    pub(super) fn element(&mut self, at: At<'_>, wire: &str, label: &str, old: &Element, new: &Element) {
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
}
