//! A new user's first try, outside this repository: generate with no
//! runtime setting, then `cargo build` the crate as it was written. While
//! `shapesmith-runtime` is not on crates.io the default must not depend on
//! it (the first try once failed with "no matching package named
//! `shapesmith-runtime` found").

use std::process::Command;

mod common;
use common::{root, run_cli, Scratch};

#[test]
fn a_crate_generated_outside_the_workspace_with_default_settings_builds() {
    let dir = Scratch::new("first-try");
    let model = root().join("model/ssm/describe-sessions.json");
    let out = dir.0.join("ssm");
    let (code, _, stderr) = run_cli(
        &[
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &dir.0,
    );
    assert_eq!(code, 0, "generate failed: {stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml");
    assert!(
        !manifest.contains("shapesmith-runtime"),
        "the default names a crate that is not published:\n{manifest}"
    );
    // The workspace's lock file pins the dependencies to versions this
    // machine has (cargo drops what the crate does not use); offline, so
    // the test needs no network. A target folder of its own under target/,
    // kept between runs.
    std::fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock")).expect("copy Cargo.lock");
    let build = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", root().join("target/first-try"))
        .output()
        .expect("run cargo");
    assert!(
        build.status.success(),
        "cargo build of the generated crate failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
}
