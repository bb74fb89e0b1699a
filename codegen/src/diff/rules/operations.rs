//! The service and its operations: added and removed operations, and
//! what changed in one (input, output, errors, paginator, host prefix).

use std::collections::{BTreeMap, BTreeSet};

use super::{Comparison, Found, Rule, Subject};
use crate::diff::index::{type_key, type_text};
use crate::diff::text::quoted;
use crate::diff::ChangeKind;
use crate::ir::OperationIr;

impl Comparison<'_, '_> {
    pub(super) fn service(&mut self) {
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
                service: None,
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

    pub(super) fn operations(&mut self) {
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
}
