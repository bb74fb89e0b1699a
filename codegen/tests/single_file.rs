//! `write_to_out_dir()`: one file that can be `include!`d in any module, so
//! no path in it may start at `crate::` (the including crate's root), with
//! the runtime as a dependency or copied in.

use std::path::Path;

fn single_file(runtime: shapesmith::Runtime, out: &Path) -> String {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/ssm/describe-sessions.json");
    // Only this test sets OUT_DIR, and each runs in its own folder under it.
    std::env::set_var("OUT_DIR", out);
    let path = shapesmith::Config::new(model)
        .crate_name("ssm")
        .operation("DescribeSessions")
        .runtime(runtime)
        // Session's patterns (an output's) make the crate carry the pattern engine.
        .validate_outputs(true)
        .write_to_out_dir()
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::read_to_string(path).expect("written")
}

#[test]
fn no_path_starts_at_the_including_crate_s_root() {
    let out = std::env::temp_dir().join(format!("shapesmith-single-file-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    for runtime in [
        shapesmith::Runtime::Path("../runtime".into()),
        shapesmith::Runtime::Vendored,
    ] {
        let text = single_file(runtime.clone(), &out);
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{runtime:?}: not Rust: {e}"));
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!code.contains("crate::"), "{runtime:?}: a crate:: path is left");
        assert!(code.contains("super::"), "{runtime:?}: paths should be relative");
        let vendored = code.contains("pub mod json {");
        assert_eq!(vendored, runtime == shapesmith::Runtime::Vendored, "{runtime:?}");
        // The model has patterns: the engine is re-exported, or copied with its submodules inline
        // (its `mod parse;` declarations would point at files a single file does not have).
        if vendored {
            assert!(code.contains("pub mod pattern {"), "{runtime:?}");
            for submodule in ["class", "compile", "matcher", "parse"] {
                assert!(
                    code.contains(&format!("mod {submodule} {{")),
                    "{runtime:?}: {submodule}"
                );
                assert!(!code.contains(&format!("mod {submodule};")), "{runtime:?}: {submodule}");
            }
        } else {
            assert!(code.contains("pub use ::shapesmith_runtime::pattern;"), "{runtime:?}");
        }
    }
    std::fs::remove_dir_all(&out).ok();
}
