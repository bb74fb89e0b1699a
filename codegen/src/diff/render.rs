//! A report as release notes for people and as JSON for tools; both carry
//! the same content.

use std::fmt::Write;

use serde_json::{json, Value};

use super::{Bump, Change, OperationStatus, Report};

/// "1 new api method, 2 updated api methods", as AWS's release notes count.
fn summary(report: &Report) -> String {
    let count = |status| report.operations.iter().filter(|op| op.status == status).count();
    let parts: Vec<String> = [
        (OperationStatus::Added, "new"),
        (OperationStatus::Updated, "updated"),
        (OperationStatus::Removed, "removed"),
    ]
    .into_iter()
    .filter_map(|(status, word)| {
        let n = count(status);
        (n > 0).then(|| format!("{n} {word} api method{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    match (parts.is_empty(), report.service_changes.is_empty()) {
        (false, _) => parts.join(", "),
        (true, false) => "no api method changes".to_owned(),
        (true, true) => "no changes".to_owned(),
    }
}

/// What to do with the crate's version, with worked examples for 1.x and
/// 0.x crates, or the exact next version when the current one is known.
fn advice(semver: Bump, current: Option<&str>) -> String {
    let what = match semver {
        Bump::None => return "nothing the selected operations reach changed: no new version is needed".to_owned(),
        Bump::Patch => "no API change",
        Bump::Minor => "new API, nothing breaking",
        Bump::Major => "breaking changes",
    };
    if let Some(next) = current.and_then(|c| semver.next_version(c).map(|n| (c.trim(), n))) {
        return format!("{what}: bump the crate's version {} -> {}", next.0, next.1);
    }
    let example = |v: &str| semver.next_version(v).unwrap_or_default();
    format!(
        "{what}: bump the crate's version, e.g. 1.4.2 -> {} (below 1.0, 0.4.2 -> {})",
        example("1.4.2"),
        example("0.4.2")
    )
}

/// The release notes.
pub(super) fn text(report: &Report, current: Option<&str>) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_text(&mut out, report, current);
    out
}

fn write_text(out: &mut String, report: &Report, current: Option<&str>) -> std::fmt::Result {
    writeln!(out, "{}: {}", report.service, summary(report))?;
    writeln!(out)?;
    for (label, model) in [("old", &report.old), ("new", &report.new)] {
        writeln!(out, "{label}  {}", model.path.display())?;
        writeln!(out, "     sha256 {}", model.sha256)?;
    }
    for op in &report.operations {
        writeln!(out)?;
        writeln!(out, "{} ({} api method): {}", op.name, op.status.as_str(), op.bump)?;
        for change in &op.changes {
            write_change(out, change)?;
        }
    }
    if !report.service_changes.is_empty() {
        writeln!(out)?;
        writeln!(out, "The service")?;
        for change in &report.service_changes {
            write_change(out, change)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "semver: {}", report.semver)?;
    writeln!(out, "{}", advice(report.semver, current))
}

fn write_change(out: &mut String, change: &Change) -> std::fmt::Result {
    writeln!(out, "  {:<5}  {}", change.bump.as_str(), change.description)?;
    // The API's verdict, and the service's where it is the larger.
    if change.service > change.api {
        writeln!(out, "         api ({}): {}", change.api.as_str(), change.rule)?;
        if let Some(service) = change.service_rule {
            writeln!(out, "         service ({}): {service}", change.service.as_str())?;
        }
        Ok(())
    } else {
        writeln!(out, "         rule: {}", change.rule)?;
        match change.service_rule {
            Some(service) => writeln!(out, "         service: {service}"),
            None => Ok(()),
        }
    }
}

/// The same content as JSON.
pub(super) fn json(report: &Report, current: Option<&str>) -> Value {
    let model = |m: &super::ModelInfo| {
        json!({
            "path": m.path.display().to_string(),
            "sha256": m.sha256,
        })
    };
    let count = |status| report.operations.iter().filter(|op| op.status == status).count();
    let mut out = json!({
        "semver": report.semver.as_str(),
        "advice": advice(report.semver, current),
    });
    if let Some(next) = current.and_then(|c| report.semver.next_version(c)) {
        out["next_version"] = json!(next);
    }
    out["service"] = json!(report.service);
    out["old"] = model(&report.old);
    out["new"] = model(&report.new);
    out["summary"] = json!({
        "text": summary(report),
        "new": count(OperationStatus::Added),
        "updated": count(OperationStatus::Updated),
        "removed": count(OperationStatus::Removed),
    });
    out["operations"] = report
        .operations
        .iter()
        .map(|op| {
            json!({
                "name": op.name,
                "status": op.status.as_str(),
                "bump": op.bump.as_str(),
                "changes": op.changes.iter().map(change).collect::<Vec<_>>(),
            })
        })
        .collect();
    out["service_changes"] = report.service_changes.iter().map(change).collect();
    out
}

fn change(c: &Change) -> Value {
    json!({
        "kind": c.kind.as_str(),
        "bump": c.bump.as_str(),
        "shape": c.shape.as_ref().map(|s| s.as_str()),
        "rust_type": c.rust_type,
        "member": c.member,
        "description": c.description,
        "api": c.api.as_str(),
        "service": c.service.as_str(),
        "rule": c.rule,
        "service_rule": c.service_rule,
        "operations": c.operations,
    })
}
