//! HTML character references, decoded in text and attribute values.

/// Entities longer than this are not looked for, which keeps stray `&`
/// characters from making decoding quadratic.
pub(super) const MAX_ENTITY_LEN: usize = 32;

/// Replaces character references; unknown or malformed ones stay as text.
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        if let Some((c, len)) = decode_entity(rest) {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `s` (which starts with `&`),
/// returning the character and the reference's length.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let semicolon = s.bytes().take(MAX_ENTITY_LEN).position(|b| b == b';')?;
    let body = &s[1..semicolon];
    let c = match body.strip_prefix('#') {
        Some(number) => decode_numeric(number)?,
        None => named_entity(body)?,
    };
    Some((c, semicolon + 1))
}

fn decode_numeric(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    // `from_str_radix` would accept a leading `+`, which HTML does not.
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = u32::from_str_radix(digits, radix).ok()?;
    Some(
        char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    )
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // Non-breaking and typographic spaces only matter for HTML layout;
        // in Markdown a plain space keeps whitespace handling uniform.
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "laquo" => '\u{AB}',
        "raquo" => '\u{BB}',
        "bull" => '\u{2022}',
        "middot" => '\u{B7}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "deg" => '\u{B0}',
        "plusmn" => '\u{B1}',
        "times" => '\u{D7}',
        "divide" => '\u{F7}',
        "minus" => '\u{2212}',
        "le" => '\u{2264}',
        "ge" => '\u{2265}',
        "ne" => '\u{2260}',
        "infin" => '\u{221E}',
        "larr" => '\u{2190}',
        "rarr" => '\u{2192}',
        "uarr" => '\u{2191}',
        "darr" => '\u{2193}',
        "harr" => '\u{2194}',
        "rArr" => '\u{21D2}',
        "sect" => '\u{A7}',
        "para" => '\u{B6}',
        "euro" => '\u{20AC}',
        "pound" => '\u{A3}',
        "yen" => '\u{A5}',
        "cent" => '\u{A2}',
        "micro" => '\u{B5}',
        "shy" => '\u{AD}',
        _ => return None,
    })
}
