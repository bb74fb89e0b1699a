//! Model evolution: what changes between two versions of a model mean for the
//! users of the generated crate.
//!
//! Both models are resolved into the IR with the same selection of
//! operations, so the comparison sees exactly the Rust API shapesmith would
//! generate: types are matched by their Rust path, members by their wire
//! name, enum values by their value. Each difference is classified by a rule
//! ([`Change::rule`] explains it in one line) into a [`Bump`], and listed under
//! every selected operation that reaches it in either model.
//!
//! ```no_run
//! let report = shapesmith::diff::diff(
//!     "tests/fixtures/before-accesstype/describe-sessions.json".as_ref(),
//!     "model/ssm/describe-sessions.json".as_ref(),
//!     &[],
//! )?;
//! assert_eq!(report.semver, shapesmith::diff::Bump::Minor);
//! print!("{}", report.to_text());
//! # Ok::<(), shapesmith::Error>(())
//! ```

mod constraints;
mod index;
mod render;
mod rules;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::ir::CrateIr;
use crate::model::{Model, Shape, ShapeId};
use crate::resolve::{self, Selection};

use index::Index;
use rules::Subject;

/// How far a change moves the generated crate's version, in semver terms.
/// Ordered: the overall bump of a report is the largest of its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Bump {
    /// Nothing the crate's users can see.
    None,
    /// Documentation or behaviour, no change to the API.
    Patch,
    /// New API; all code that compiled and worked before still does.
    Minor,
    /// Code that compiled or worked before may not any more.
    Major,
}

impl Bump {
    /// `"none"`, `"patch"`, `"minor"` or `"major"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The version that follows `current` (`MAJOR.MINOR.PATCH`) for this
    /// bump, following Cargo's rules: below 1.0 the minor number is the
    /// breaking one, so a breaking change makes `0.1.3` into `0.2.0` and
    /// anything else into `0.1.4`. `None` when `current` is not a plain
    /// three-number version (pre-releases and build metadata included).
    pub fn next_version(self, current: &str) -> Option<String> {
        let mut parts = current.trim().split('.').map(|p| {
            // Leading zeros and signs are not valid semver numbers.
            let plain = !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p == "0" || !p.starts_with('0'));
            plain.then(|| p.parse::<u64>().ok()).flatten()
        });
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let next = match (self, major) {
            (Bump::None, _) => (major, minor, patch),
            (Bump::Major, 0) => (0, minor.checked_add(1)?, 0),
            (Bump::Major, _) => (major.checked_add(1)?, 0, 0),
            (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch.checked_add(1)?),
            (Bump::Minor, _) => (major, minor.checked_add(1)?, 0),
        };
        Some(format!("{}.{}.{}", next.0, next.1, next.2))
    }
}

impl std::fmt::Display for Bump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened, independent of how it is classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A selected operation exists only in the new model.
    OperationAdded,
    /// A selected operation exists only in the old model.
    OperationRemoved,
    /// An operation lists a new error (a new variant of its error enum).
    ErrorAdded,
    /// An operation no longer lists an error.
    ErrorRemoved,
    /// An operation became `@paginated`.
    PaginationAdded,
    /// An operation is no longer `@paginated`.
    PaginationRemoved,
    /// The items a paginator yields changed.
    PaginationChanged,
    /// A structure, enum or union is new in the crate.
    ShapeAdded,
    /// A structure, enum or union is gone from the crate.
    ShapeRemoved,
    /// A type became another kind of type (structure, enum, union).
    ShapeKindChanged,
    /// A structure gained a member.
    MemberAdded,
    /// A structure lost a member.
    MemberRemoved,
    /// A member became required (`@required`, or a plain `T` field).
    MemberBecameRequired,
    /// A member became optional (no `@required`, or an `Option<T>` field).
    MemberBecameOptional,
    /// A member's or union member's Rust type changed.
    MemberTypeChanged,
    /// An enum gained a value.
    EnumValueAdded,
    /// An enum lost a value.
    EnumValueRemoved,
    /// An enum value's Rust variant got another name.
    EnumVariantRenamed,
    /// A union gained a member.
    UnionMemberAdded,
    /// A union lost a member.
    UnionMemberRemoved,
    /// A `@length`, `@range` or `@pattern` accepts fewer values (or, for a
    /// changed pattern, maybe fewer).
    ConstraintTightened,
    /// A `@length`, `@range` or `@pattern` accepts more values.
    ConstraintLoosened,
    /// A member gained a `@default`.
    DefaultAdded,
    /// A member lost its `@default`.
    DefaultRemoved,
    /// A member's `@default` value changed.
    DefaultChanged,
    /// A member became or stopped being `@sensitive`.
    SensitivityChanged,
    /// What goes over the wire changed without changing the API (timestamp
    /// format, idempotency token, host prefix, compression, page tokens).
    WireChanged,
    /// Only documentation changed.
    DocumentationChanged,
}

impl ChangeKind {
    /// The kind in kebab case, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::OperationAdded => "operation-added",
            ChangeKind::OperationRemoved => "operation-removed",
            ChangeKind::ErrorAdded => "error-added",
            ChangeKind::ErrorRemoved => "error-removed",
            ChangeKind::PaginationAdded => "pagination-added",
            ChangeKind::PaginationRemoved => "pagination-removed",
            ChangeKind::PaginationChanged => "pagination-changed",
            ChangeKind::ShapeAdded => "shape-added",
            ChangeKind::ShapeRemoved => "shape-removed",
            ChangeKind::ShapeKindChanged => "shape-kind-changed",
            ChangeKind::MemberAdded => "member-added",
            ChangeKind::MemberRemoved => "member-removed",
            ChangeKind::MemberBecameRequired => "member-became-required",
            ChangeKind::MemberBecameOptional => "member-became-optional",
            ChangeKind::MemberTypeChanged => "member-type-changed",
            ChangeKind::EnumValueAdded => "enum-value-added",
            ChangeKind::EnumValueRemoved => "enum-value-removed",
            ChangeKind::EnumVariantRenamed => "enum-variant-renamed",
            ChangeKind::UnionMemberAdded => "union-member-added",
            ChangeKind::UnionMemberRemoved => "union-member-removed",
            ChangeKind::ConstraintTightened => "constraint-tightened",
            ChangeKind::ConstraintLoosened => "constraint-loosened",
            ChangeKind::DefaultAdded => "default-added",
            ChangeKind::DefaultRemoved => "default-removed",
            ChangeKind::DefaultChanged => "default-changed",
            ChangeKind::SensitivityChanged => "sensitivity-changed",
            ChangeKind::WireChanged => "wire-changed",
            ChangeKind::DocumentationChanged => "documentation-changed",
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One classified difference between the two models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The selected operations that reach the change in either model, by
    /// name; empty for changes to the service itself.
    pub operations: Vec<String>,
    /// The shape the change is in (the operation's for operation changes);
    /// `None` for the service.
    pub shape: Option<ShapeId>,
    /// The Rust type the change is in (`crate::types::Session`), if any.
    pub rust_type: Option<String>,
    /// The member, enum value or union member, by its name on the wire.
    pub member: Option<String>,
    /// What happened.
    pub kind: ChangeKind,
    /// What it means for the crate's version: the larger of `api` and
    /// `service`.
    pub bump: Bump,
    /// What it does to code that uses the crate (compiles or not, what
    /// `build()` and `validate()` do).
    pub api: Bump,
    /// What it does at the service: `Major` when calls that worked are now
    /// rejected, whatever the Rust API does.
    pub service: Bump,
    /// The rule that decided `api`, in one line.
    pub rule: &'static str,
    /// Why the service rejects calls that worked, when it does.
    pub service_rule: Option<&'static str>,
    /// What changed, for a person.
    pub description: String,
}

/// How an operation fares between the two models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OperationStatus {
    /// Only in the new model.
    Added,
    /// In both, with changes.
    Updated,
    /// Only in the old model.
    Removed,
}

impl OperationStatus {
    /// `"new"`, `"updated"` or `"removed"`, as release notes say it.
    pub fn as_str(self) -> &'static str {
        match self {
            OperationStatus::Added => "new",
            OperationStatus::Updated => "updated",
            OperationStatus::Removed => "removed",
        }
    }
}

/// The changes that reach one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationReport {
    /// The operation's shape name.
    pub name: String,
    /// New, updated or removed.
    pub status: OperationStatus,
    /// The largest bump of its changes.
    pub bump: Bump,
    /// Its changes, breaking first, then by shape, member and kind.
    pub changes: Vec<Change>,
}

/// One of the two model files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// The path as given.
    pub path: PathBuf,
    /// SHA-256 of the file, in hex.
    pub sha256: String,
}

/// The result of comparing two models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The service, by `@title` (else its shape name).
    pub service: String,
    /// The old model.
    pub old: ModelInfo,
    /// The new model.
    pub new: ModelInfo,
    /// Operations with changes, by name.
    pub operations: Vec<OperationReport>,
    /// Changes to the service itself, which reach no single operation.
    pub service_changes: Vec<Change>,
    /// The overall bump: the largest of all changes.
    pub semver: Bump,
}

impl Report {
    /// Whether a change breaks code that compiled or worked before.
    pub fn is_breaking(&self) -> bool {
        self.semver == Bump::Major
    }

    /// Every change once, in report order (a change that reaches several
    /// operations is listed under each of them, but returned once here).
    pub fn changes(&self) -> Vec<&Change> {
        let mut seen = BTreeSet::new();
        self.operations
            .iter()
            .flat_map(|op| &op.changes)
            .chain(&self.service_changes)
            .filter(|c| seen.insert((&c.shape, &c.member, c.kind, &c.description)))
            .collect()
    }

    /// Release notes a person can read: a summary line, the two model
    /// files, the changes by operation with their bump and rule, and the
    /// overall bump with what to do about the version.
    pub fn to_text(&self) -> String {
        render::text(self, None)
    }

    /// Like [`Report::to_text`], with the exact next version for a crate
    /// now at `current`.
    pub fn to_text_for_version(&self, current: &str) -> String {
        render::text(self, Some(current))
    }

    /// The same content as JSON, with the overall bump in `"semver"`.
    pub fn to_json(&self) -> serde_json::Value {
        render::json(self, None)
    }

    /// Like [`Report::to_json`], with the exact next version for a crate
    /// now at `current`.
    pub fn to_json_for_version(&self, current: &str) -> serde_json::Value {
        render::json(self, Some(current))
    }
}

/// Compares the model at `old` with the model at `new`, restricted to
/// `operations` (operation shape names; empty means every operation of
/// either model).
///
/// An operation named in `operations` may be missing from one of the models
/// (it was added or removed) but not from both.
///
/// The crates are taken to be generated without `validate_requests` (the
/// default): `request()` sends what `validate()` would refuse, so a
/// tightened input constraint breaks no caller. See
/// [`diff_validating_requests`] for crates generated with it.
pub fn diff(old: &Path, new: &Path, operations: &[String]) -> Result<Report, Error> {
    diff_validating_requests(old, new, operations, false)
}

/// Like [`diff`], for a crate generated with `validate_requests` on or off:
/// when `request()` runs `validate()`, a tightened input constraint, or an
/// input member becoming `@required`, breaks callers whose requests it now
/// refuses.
pub fn diff_validating_requests(
    old: &Path,
    new: &Path,
    operations: &[String],
    validate_requests: bool,
) -> Result<Report, Error> {
    let old_model = Model::load(old)?;
    let new_model = Model::load(new)?;
    let (old_ops, new_ops) = if operations.is_empty() {
        (None, None)
    } else {
        let old_names = operation_names(&old_model);
        let new_names = operation_names(&new_model);
        for name in operations {
            if !old_names.contains(name) && !new_names.contains(name) {
                return Err(Error::Config(format!(
                    "neither {} nor {} has an operation `{name}`",
                    old.display(),
                    new.display()
                )));
            }
        }
        let pick = |names: &BTreeSet<String>| -> Vec<String> {
            operations.iter().filter(|n| names.contains(*n)).cloned().collect()
        };
        (Some(pick(&old_names)), Some(pick(&new_names)))
    };
    let old_ir = resolve_side(&old_model, old, old_ops.as_deref())?;
    let new_ir = resolve_side(&new_model, new, new_ops.as_deref())?;
    let old_index = Index::new(old_ir.as_ref());
    let new_index = Index::new(new_ir.as_ref());

    let service = [&new_ir, &old_ir]
        .into_iter()
        .flatten()
        .next()
        .map(|ir| ir.service.title.clone().unwrap_or_else(|| ir.service.name.clone()))
        .or_else(|| service_id(&new_model).map(|id| id.name().to_owned()))
        .unwrap_or_else(|| "the service".to_owned());

    let found = rules::compare(&old_index, &new_index, validate_requests);
    let (operations, service_changes) = group(found, &old_index, &new_index);
    let semver = operations
        .iter()
        .map(|op| op.bump)
        .chain(service_changes.iter().map(|c| c.bump))
        .max()
        .unwrap_or(Bump::None);
    Ok(Report {
        service,
        old: ModelInfo {
            path: old.to_owned(),
            sha256: old_model.sha256.clone(),
        },
        new: ModelInfo {
            path: new.to_owned(),
            sha256: new_model.sha256.clone(),
        },
        operations,
        service_changes,
        semver,
    })
}

/// Resolves one model for the diff. `Some(empty)` means none of the
/// requested operations is in this model: there is nothing to resolve, and
/// resolving would mean "every operation".
fn resolve_side(model: &Model, path: &Path, operations: Option<&[String]>) -> Result<Option<CrateIr>, Error> {
    let operations = match operations {
        Some([]) => return Ok(None),
        Some(ops) => ops,
        None => &[],
    };
    let none = BTreeMap::new();
    resolve::resolve(
        model,
        path,
        &Selection {
            // Neither name nor version shows in the types being compared.
            crate_name: "diff",
            package: &crate::ir::PackageIr::default(),
            runtime: &crate::ir::Runtime::default(),
            operations,
            protocol_tests: false,
            skip_tests: &none,
            endpoint_members: &none,
            // The comparison is told whether requests are validated; the
            // types compared are the same either way.
            validate_requests: false,
            validate_outputs: false,
            endpoint_tests: false,
            customizations: &crate::ir::Customizations::default(),
        },
    )
    .map(Some)
}

/// The model's service, when it has exactly one.
fn service_id(model: &Model) -> Option<&ShapeId> {
    let mut services = model.shapes.iter().filter(|(_, s)| matches!(s, Shape::Service(_)));
    match (services.next(), services.next()) {
        (Some((id, _)), None) => Some(id),
        _ => None,
    }
}

/// The names of the operations the service binds, directly or through its
/// resources.
fn operation_names(model: &Model) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let Some((id, Shape::Service(service))) = service_id(model).and_then(|id| Some((id, model.shapes.get(id)?))) else {
        return names;
    };
    let Ok(()) = resolve::walk_bindings(model, id, service, |_, id, shape| {
        if let Some(Shape::Operation(_)) = shape {
            names.insert(id.name().to_owned());
        }
        Ok::<(), std::convert::Infallible>(())
    });
    names
}

/// Puts each change under the operations it reaches, in either model.
fn group(found: Vec<rules::Found>, old: &Index<'_>, new: &Index<'_>) -> (Vec<OperationReport>, Vec<Change>) {
    let mut by_op: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    let mut service_changes = Vec::new();
    for f in found {
        let operations: Vec<String> = match &f.subject {
            Subject::Service => Vec::new(),
            Subject::Operation(name) => vec![name.clone()],
            Subject::Type(key) => {
                let mut ops: BTreeSet<&str> = old.operations_reaching(key);
                ops.extend(new.operations_reaching(key));
                ops.into_iter().map(str::to_owned).collect()
            }
        };
        let service = if f.service.is_some() { Bump::Major } else { Bump::None };
        let change = Change {
            operations,
            shape: f.shape,
            rust_type: f.rust_type,
            member: f.member,
            kind: f.kind,
            bump: f.rule.bump().max(service),
            api: f.rule.bump(),
            service,
            rule: f.rule.explain(),
            service_rule: f.service,
            description: f.description,
        };
        if matches!(f.subject, Subject::Service) {
            service_changes.push(change);
            continue;
        }
        // A type no selected operation reaches is not in the crate: nothing
        // to report (the IR only holds reachable types, so this is a guard).
        for op in &change.operations {
            by_op.entry(op.clone()).or_default().push(change.clone());
        }
    }
    sort_changes(&mut service_changes);
    let operations = by_op
        .into_iter()
        .map(|(name, mut changes)| {
            sort_changes(&mut changes);
            let status = match (old.has_operation(&name), new.has_operation(&name)) {
                (false, true) => OperationStatus::Added,
                (true, false) => OperationStatus::Removed,
                _ => OperationStatus::Updated,
            };
            let bump = changes.iter().map(|c| c.bump).max().unwrap_or(Bump::None);
            OperationReport {
                name,
                status,
                bump,
                changes,
            }
        })
        .collect();
    (operations, service_changes)
}

/// Breaking first, then by shape, member, kind and text: the same input
/// always gives the same report.
fn sort_changes(changes: &mut [Change]) {
    changes.sort_by(|a, b| {
        b.bump
            .cmp(&a.bump)
            .then_with(|| a.shape.cmp(&b.shape))
            .then_with(|| a.member.cmp(&b.member))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.description.cmp(&b.description))
    });
}
