//! The forgiving tokenizer: anything that is not a well-formed tag is text.

use super::entities::decode_entities;

/// A syntactically well-formed tag; whether it is really markup is decided
/// by the tree builder, which knows the element names and the context.
pub(super) struct RawTag<'a> {
    /// Element name, lower-cased.
    pub(super) name: String,
    pub(super) closing: bool,
    pub(super) self_closing: bool,
    /// Decoded value of the `href` attribute.
    pub(super) href: Option<String>,
    /// The tag as written, for tags that turn out to be literal text.
    pub(super) source: &'a str,
}

pub(super) enum Token<'a> {
    /// Raw text, entities not yet decoded.
    Text(&'a str),
    Tag(RawTag<'a>),
}

pub(super) struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Self { input, pos: 0 }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.input.get(self.pos..).filter(|rest| !rest.is_empty())?;
            if rest.starts_with('<') {
                if let Some(len) = declaration_len(rest) {
                    self.pos += len;
                    continue;
                }
                if let Some((tag, len)) = parse_tag(rest) {
                    self.pos += len;
                    return Some(Token::Tag(tag));
                }
            }
            // A `<` that did not parse as markup is text, so the search for
            // the next tag starts after it.
            let from = usize::from(rest.starts_with('<'));
            let len = rest[from..].find('<').map_or(rest.len(), |i| i + from);
            self.pos += len;
            return Some(Token::Text(&rest[..len]));
        }
    }
}

/// Length of a comment, `<!DOCTYPE ...>` or `<?...?>` at the start of `s`.
/// Unterminated ones are left to be shown as text rather than swallowing the
/// rest of the documentation.
fn declaration_len(s: &str) -> Option<usize> {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map(|end| end + "<!--".len() + "-->".len());
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        return s.find('>').map(|end| end + 1);
    }
    None
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

/// Parses the tag at the start of `s` (which starts with `<`), returning it
/// and its length in bytes.
fn parse_tag(s: &str) -> Option<(RawTag<'_>, usize)> {
    let closing = s[1..].starts_with('/');
    let name_start = 1 + usize::from(closing);
    let after_slash = &s[name_start..];
    if !after_slash.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = after_slash
        .find(|c: char| !is_name_char(c))
        .unwrap_or(after_slash.len());
    let mut pos = name_start + name_len;
    let mut href = None;
    loop {
        let rest = &s[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        let end = if trimmed.starts_with('>') {
            Some((false, 1))
        } else if trimmed.starts_with("/>") {
            Some((true, 2))
        } else {
            None
        };
        if let Some((self_closing, delimiter_len)) = end {
            let len = pos + delimiter_len;
            let tag = RawTag {
                name: after_slash[..name_len].to_ascii_lowercase(),
                closing,
                self_closing,
                href,
                source: &s[..len],
            };
            return Some((tag, len));
        }
        let (name, value, len) = parse_attribute(trimmed)?;
        if name.eq_ignore_ascii_case("href") {
            href = Some(decode_entities(value));
        }
        pos += len;
    }
}

/// Parses `name`, `name=value`, `name="value"` or `name='value'` at the start
/// of `s`, returning the name, the raw value and the length consumed.
fn parse_attribute(s: &str) -> Option<(&str, &str, usize)> {
    let name_len = s
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '/' | '='))
        .unwrap_or(s.len());
    if name_len == 0 {
        return None;
    }
    let name = &s[..name_len];
    let Some(after_equals) = s[name_len..].trim_start().strip_prefix('=') else {
        return Some((name, "", name_len));
    };
    let value = after_equals.trim_start();
    let value_start = s.len() - value.len();
    if let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let inner = &value[1..];
        let close = inner.find(quote)?;
        return Some((name, &inner[..close], value_start + close + 2));
    }
    let len = value
        .find(|c: char| c.is_whitespace() || c == '>')
        .unwrap_or(value.len());
    (len > 0).then(|| (name, &value[..len], value_start + len))
}
