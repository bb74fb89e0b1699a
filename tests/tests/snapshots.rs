//! Golden snapshots of every file shapesmith generates for DescribeSessions,
//! from today's model and from the model before the 2025-06-30 AccessType
//! change. Both sets use the same snapshot names, so
//! `diff -r tests/tests/snapshots/before_accesstype tests/tests/snapshots/describe_sessions`
//! shows that API change as the generated crate sees it.
//!
//! Review changes with `cargo insta review`.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate(model: &Path) -> shapesmith::Generated {
    shapesmith::Config::new(model)
        .crate_name("ssm")
        .operation("DescribeSessions")
        .files()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `src/types/_session.rs` -> `src__types___session.rs`.
fn snapshot_name(path: &Path) -> String {
    path.to_string_lossy().replace('/', "__")
}

fn assert_crate_snapshots(model: &Path, folder: &str) {
    let generated = generate(model);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("snapshots/{folder}"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (path, content) in &generated.files {
            insta::assert_snapshot!(snapshot_name(path), content);
        }
    });
}

#[test]
fn describe_sessions_crate() {
    assert_crate_snapshots(
        &workspace().join("model/ssm/describe-sessions.json"),
        "describe_sessions",
    );
}

#[test]
fn describe_sessions_crate_before_accesstype() {
    assert_crate_snapshots(
        &workspace().join("tests/fixtures/before-accesstype/describe-sessions.json"),
        "before_accesstype",
    );
}

/// The file list itself is part of the API: a file appearing or vanishing
/// must be a reviewed change too.
#[test]
fn describe_sessions_file_list() {
    let generated = generate(&workspace().join("model/ssm/describe-sessions.json"));
    let list: Vec<String> = generated.files.keys().map(|p| p.display().to_string()).collect();
    insta::assert_snapshot!(list.join("\n"));
}
