//! The model's HTML documentation reaches the generated crates as Markdown:
//! no HTML tag is left in any doc comment (rustdoc without warnings is
//! checked by CI's `cargo doc` with `-D warnings`).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn generated_doc_comments_have_no_html_tags() {
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let mut files = Vec::new();
    rust_files(&generated, &mut files);
    assert!(files.len() > 50, "found only {} generated files", files.len());
    let tags = [
        "<p>", "</p>", "<ul>", "<li>", "</li>", "<code>", "</code>", "<a href", "<b>", "<i>", "<note>", "<br",
    ];
    let mut doc_lines = 0;
    let mut offending = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable file");
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_start();
            if !(line.starts_with("///") || line.starts_with("//!")) {
                continue;
            }
            doc_lines += 1;
            if tags.iter().any(|tag| line.contains(tag)) {
                offending.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    assert!(doc_lines > 1000, "found only {doc_lines} doc lines");
    assert!(offending.is_empty(), "HTML left in docs:\n{}", offending.join("\n"));
}

#[test]
fn the_model_documentation_reaches_the_types() {
    let session = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/ssm/src/types/_session_filter.rs"),
    )
    .expect("generated file");
    // <p>...</p> then a <ul> of <li><p>...</p></li> in the model.
    assert!(session.contains("/// The filter value. Valid values for each filter key are as follows:\n    ///\n    /// - InvokedAfter: Specify a timestamp"));
    assert!(session.contains("///   - Connected"), "nested list items are indented");
}

#[test]
fn bidi_and_control_characters_in_docs_are_written_as_escapes() {
    // The edge-case model's CollideRequest documentation holds U+202E, U+202C,
    // U+2066, U+2069 and a bell; rustc refuses the first four in doc comments.
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/edge-cases/src/operation/collide/_collide_input.rs");
    let text = std::fs::read_to_string(&file).expect("readable file");
    assert!(
        text.contains(r"Right-to-left override: \u{202E}evil\u{202C}, isolate \u{2066}x\u{2069}, a bell \u{0007}"),
        "escaped text missing"
    );
    let raw = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        '\u{7}',
    ];
    assert!(!text.contains(raw), "a raw bidi or control character is left");
}
