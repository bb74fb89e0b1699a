//! Service customizations no Smithy trait describes (API Gateway's and
//! Glacier's): the command-line flags give the same code as the
//! `shapesmith.toml` settings the checked-in crates use, and a malformed
//! flag is refused naming it.

mod common;
use common::{root, run_cli, Scratch};

#[test]
fn flags_generate_what_the_config_file_does() {
    let scratch = Scratch::new("customizations");
    let out = scratch.0.join("glacier");
    let model = root().join("tests/fixtures/protocol-tests/restJson1/model-glacier.json");
    let (code, _, stderr) = run_cli(
        &[
            "generate",
            "--model",
            model.to_str().expect("UTF-8 path"),
            "--out",
            out.to_str().expect("UTF-8 path"),
            "--crate-name",
            "rest-json-glacier",
            "--runtime-path",
            "../../runtime",
            "--default-header",
            "X-Amz-Glacier-Version=2012-06-01",
            "--label-default",
            "accountId=-",
            "--glacier-checksums",
        ],
        &root(),
    );
    assert_eq!(code, 0, "{stderr}");
    for file in [
        "src/operation/upload_archive.rs",
        "src/operation/upload_multipart_part.rs",
    ] {
        let ours = std::fs::read_to_string(out.join(file)).expect("generated file");
        let checked_in =
            std::fs::read_to_string(root().join("generated/rest-json-glacier").join(file)).expect("checked-in file");
        assert_eq!(ours, checked_in, "{file} differs from generated/rest-json-glacier");
    }
    let operation = std::fs::read_to_string(out.join("src/operation/upload_archive.rs")).expect("file");
    assert!(operation.contains("X-Amz-Glacier-Version"));
    assert!(operation.contains("glacier_checksums"));
}

#[test]
fn a_flag_without_a_value_is_refused() {
    let scratch = Scratch::new("customizations-bad");
    let (code, _, stderr) = run_cli(
        &[
            "generate",
            "--model",
            "m.json",
            "--out",
            "out",
            "--label-default",
            "accountId",
        ],
        &scratch.0,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`accountId` is not NAME=VALUE"), "{stderr}");
}
