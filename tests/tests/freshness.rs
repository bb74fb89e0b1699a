//! `generated/` must be exactly what shapesmith writes from `model/` today,
//! and generating must be deterministic.

use std::path::{Path, PathBuf};

use shapesmith::workspace::WorkspaceConfig;

fn config_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shapesmith.toml")
}

#[test]
fn generated_crates_are_fresh() {
    let workspace = WorkspaceConfig::load(&config_file()).unwrap_or_else(|e| panic!("{e}"));
    let mut stale = Vec::new();
    for entry in &workspace.crates {
        let out = entry.out_dir(&workspace.root);
        let differences = entry
            .config(&workspace.root)
            .unwrap_or_else(|e| panic!("{e}"))
            .check(&out)
            .unwrap_or_else(|e| panic!("{e}"));
        for difference in differences {
            stale.push(format!("  {}: {difference}", entry.out.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale:\n{}\nregenerate it with: cargo run -p shapesmith-cli -- generate",
        stale.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let workspace = WorkspaceConfig::load(&config_file()).unwrap_or_else(|e| panic!("{e}"));
    for entry in &workspace.crates {
        let config = entry.config(&workspace.root).unwrap_or_else(|e| panic!("{e}"));
        let first = config.files().unwrap_or_else(|e| panic!("{e}"));
        let second = config.files().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first, second, "{} differs between two runs", entry.name);
    }
}

/// Shapes are a map in the JSON AST; their order in the file must not
/// change the output.
#[test]
fn shape_order_in_the_file_does_not_matter() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/ssm/describe-sessions.json");
    let text = std::fs::read_to_string(&model).expect("model");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let shapes = value["shapes"].as_object().expect("shapes");
    let mut reversed = serde_json::Map::new();
    for (id, shape) in shapes.iter().rev() {
        reversed.insert(id.clone(), shape.clone());
    }
    let mut shuffled = value.clone();
    shuffled["shapes"] = serde_json::Value::Object(reversed);
    let dir = std::env::temp_dir().join(format!("shapesmith-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let copy = dir.join("describe-sessions.json");
    std::fs::write(&copy, serde_json::to_string(&shuffled).expect("json")).expect("write");

    let generate = |path: &Path| {
        shapesmith::Config::new(path)
            .crate_name("ssm")
            .operation("DescribeSessions")
            .files()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // Only the recorded SHA-256 of the model file may differ.
    let original = generate(&model);
    let sha256 = |g: &shapesmith::Generated| {
        let lib = &g.files[std::path::Path::new("src/lib.rs")];
        let line = lib
            .lines()
            .find(|l| l.contains("MODEL_SHA256"))
            .expect("MODEL_SHA256")
            .to_owned();
        line.split('"').nth(1).expect("a quoted hash").to_owned()
    };
    let mut reordered = generate(&copy);
    let (from, to) = (sha256(&reordered), sha256(&original));
    assert_ne!(from, to, "the two files differ, so their hashes must");
    for text in reordered.files.values_mut() {
        *text = text.replace(&from, &to);
    }
    assert_eq!(original, reordered);
    std::fs::remove_dir_all(&dir).ok();
}
