//! Link targets: finding bare URLs in text, telling absolute ones, and
//! encoding them for Markdown.

use super::tree::{Node, Tag};

/// Finds the first `http://` or `https://` URL in `text`, returning its
/// byte range. Like rustdoc's `bare_urls` lint, it also finds URLs glued to
/// a preceding word.
pub(super) fn find_url(text: &str) -> Option<(usize, usize)> {
    text.match_indices("http").find_map(|(start, _)| {
        let len = url_len(&text[start..])?;
        Some((start, start + len))
    })
}

/// Length of the URL at the start of `text`, if it is one with a host.
fn url_len(text: &str) -> Option<usize> {
    let host_start = ["https://", "http://"]
        .iter()
        .find(|scheme| text.starts_with(*scheme))?
        .len();
    let mut end = text
        .find(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^')
        })
        .unwrap_or(text.len());
    // Trailing punctuation almost always ends the sentence, and a closing
    // parenthesis belongs to the URL only if it is balanced.
    while let Some(c) = text[..end].chars().next_back() {
        let url = &text[..end];
        let unbalanced = c == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'') || unbalanced {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    (end > host_start).then_some(end)
}

pub(super) fn is_absolute_url(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    ["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|scheme| lower.len() > scheme.len() && lower.starts_with(scheme))
}

const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes the characters that would end or break a Markdown link
/// destination or autolink.
pub(super) fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '\\' | '`') {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push('%');
                out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
                out.push(char::from(HEX_DIGITS[usize::from(byte & 0xF)]));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first absolute link target below `nodes`.
pub(super) fn first_link(nodes: &[Node]) -> Option<&str> {
    nodes.iter().find_map(|node| match node {
        Node::Text(_) => None,
        Node::Element(e) => e
            .href
            .as_deref()
            .map(str::trim)
            .filter(|href| e.tag == Tag::Link && is_absolute_url(href))
            .or_else(|| first_link(&e.children)),
    })
}
