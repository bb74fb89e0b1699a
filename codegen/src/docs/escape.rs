//! Escaping for rustdoc: what Markdown would otherwise read as syntax,
//! and the characters rustc refuses or mangles in doc comments.

use super::entities::MAX_ENTITY_LEN;

/// Writes control characters (but line feeds and tabs) and the Unicode
/// bidirectional controls as visible `\u{...}` text: rustc refuses bidi
/// controls in doc comments (they can make code read differently from how
/// it compiles), a lone carriage return ends a doc comment badly, and none
/// of them means anything in rendered documentation.
pub fn escape_invisible(text: &str) -> String {
    let invisible = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(invisible) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if invisible(c) {
                format!("\\u{{{:04X}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Unicode punctuation as CommonMark's flanking rules need it; non-ASCII
/// symbols are approximated as anything that is neither alphanumeric nor
/// whitespace.
pub(super) fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Escapes text so Markdown shows it literally. `before` and `after` are
/// the neighbouring characters outside `text`, when known; unknown
/// neighbours are treated as the worst case.
pub(super) fn escape_text(text: &str, before: Option<char>, after: Option<char>) -> String {
    let is_space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut prev = before;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().or(after);
        match c {
            // `[` and `]` would start (intra-doc) links, a backtick a code
            // span, and a backslash would escape what follows it.
            '\\' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            // rustdoc checks anything that looks like an HTML tag.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if starts_entity(chars.clone()) => out.push_str("&amp;"),
            // Between spaces these cannot open or close emphasis or
            // strikethrough.
            '*' | '~' if !(is_space(prev) && is_space(next)) => {
                out.push('\\');
                out.push(c);
            }
            // Underscores inside words never form emphasis, which keeps
            // `snake_case` readable.
            '_' if !(is_word(prev) && is_word(next)) => out.push_str("\\_"),
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Whether the characters after an `&` would be read as a character
/// reference by Markdown.
fn starts_entity(rest: impl Iterator<Item = char>) -> bool {
    let mut len = 0;
    for (i, c) in rest.take(MAX_ENTITY_LEN).enumerate() {
        match c {
            ';' => return len > 0,
            '#' if i == 0 => {}
            c if c.is_ascii_alphanumeric() => len += 1,
            _ => return false,
        }
    }
    false
}

/// Escapes what would make a line start a heading, list, or setext
/// underline. Other block starts (`>`, `<`, backticks, indentation) are
/// already ruled out by inline escaping and trimming.
pub(super) fn escape_line_start(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after_digits = &line.as_bytes()[digits..];
    let ordered_marker = (1..=9).contains(&digits) && matches!(after_digits, [b'.' | b')'] | [b'.' | b')', b' ', ..]);
    if ordered_marker {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    let bullet = line.starts_with(['-', '+', '*']) && matches!(line.as_bytes().get(1), None | Some(b' '));
    let underline = (line.starts_with('-') && line.chars().all(|c| c == '-'))
        || (line.starts_with('=') && line.chars().all(|c| c == '='));
    if bullet || underline || line.starts_with('#') {
        format!("\\{line}")
    } else {
        line.to_owned()
    }
}
