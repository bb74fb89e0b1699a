//! Conversion of Smithy `@documentation` HTML into rustdoc Markdown.
//!
//! The HTML in AWS models is loose: `<p>` and `<li>` are often left open,
//! `<code>` may contain literal placeholders such as `<instance-id>`, and
//! plain text may contain `<`, `[` or URLs. The conversion therefore runs in
//! three stages:
//!
//! 1. a forgiving tokenizer that treats anything that is not a well-formed tag
//!    as text,
//! 2. a tree builder that applies the implied end-tag rules of HTML (an open
//!    `<p>` ends at the next block, an open `<li>` at the next `<li>`), and
//! 3. a renderer that emits Markdown and escapes everything rustdoc would
//!    otherwise interpret (intra-doc links, HTML tags, emphasis, list
//!    markers, indented code blocks).

mod blocks;
mod entities;
mod escape;
mod inline;
#[cfg(test)]
mod tests;
mod tokenizer;
mod tree;
mod urls;

use blocks::{finish, join_blocks, render_blocks};
pub use escape::escape_invisible;
use tree::parse;

/// Converts a Smithy `@documentation` HTML string to rustdoc Markdown.
///
/// The result has its lines separated by `'\n'`, no trailing whitespace on
/// any line, no leading, trailing or repeated blank lines, and no trailing
/// newline. Code blocks are fenced as `text` so rustdoc never compiles them
/// as doc tests. The conversion never fails: malformed markup degrades to
/// escaped text.
#[must_use]
pub fn html_to_markdown(html: &str) -> String {
    let root = parse(html);
    let blocks = render_blocks(&root.children);
    escape_invisible(&finish(&join_blocks(blocks, false)))
}
