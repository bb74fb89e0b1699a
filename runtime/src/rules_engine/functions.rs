//! The rules engine's standard library, as plain functions on values:
//! `getAttr` paths, `substring`, `isValidHostLabel`, `parseURL`,
//! `uriEncode` and `split` (the boolean and string comparisons, `isSet`,
//! `not`, `coalesce` and `ite` are one-liners in the interpreter).

use super::parse::PathStep;
use super::value::{object, Value};

/// `getAttr`: follows the path through objects and arrays; a missing key or
/// an index out of range (negative indexes count from the end) is `None`.
pub(crate) fn get_attr<'v>(mut value: &'v Value, path: &[PathStep]) -> Option<&'v Value> {
    for step in path {
        value = match (step, value) {
            (PathStep::Key(key), Value::Object(map)) => map.get(key)?,
            (PathStep::Index(index), Value::Array(items)) => {
                let len = i64::try_from(items.len()).ok()?;
                let at = if *index < 0 { len.checked_add(*index)? } else { *index };
                items.get(usize::try_from(at).ok()?)?
            }
            _ => return None,
        };
    }
    Some(value)
}

/// `substring`: characters `start..end` (counted from the end when
/// `reverse`); `None` when the input is too short or not ASCII.
pub(crate) fn substring(input: &str, start: i64, end: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    if start >= end || end > input.len() {
        return None;
    }
    let (from, to) = if reverse {
        (input.len() - end, input.len() - start)
    } else {
        (start, end)
    };
    input.get(from..to).map(str::to_owned)
}

/// `isValidHostLabel`: an RFC 1123 label (letters, digits and `-`, 1 to 63
/// characters, not starting with `-`), or with `allow_subdomains` several
/// joined by `.`.
pub(crate) fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    let label = |l: &str| {
        (1..=63).contains(&l.len()) && !l.starts_with('-') && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if allow_subdomains {
        value.split('.').all(label)
    } else {
        label(value)
    }
}

/// `parseURL`: `scheme://authority/path` for http and https; a URL with a
/// query, without a scheme or host, or with another scheme is `None`. The
/// path is kept as written (empty when there is none, as Java's
/// `URL.getPath()` gives it, which the reference implementation uses);
/// `normalizedPath` always starts and ends with `/`.
pub(crate) fn parse_url(text: &str) -> Option<Value> {
    let (scheme, rest) = text.split_once("://")?;
    if !matches!(scheme, "http" | "https") || text.contains('?') || text.contains('#') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    // A userinfo segment is not part of the authority the rules see.
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if authority.is_empty() {
        return None;
    }
    let host = if authority.starts_with('[') {
        authority.split_once(']').map(|(h, _)| h.trim_start_matches('['))?
    } else {
        authority.split_once(':').map_or(authority, |(h, _)| h)
    };
    let is_ip = authority.starts_with('[') || is_ipv4(host);
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    Some(object([
        ("scheme", scheme.into()),
        ("authority", authority.into()),
        ("path", path.into()),
        ("normalizedPath", normalized.into()),
        ("isIp", is_ip.into()),
    ]))
}

/// Four dot-separated decimal numbers, each 0 to 255.
pub(crate) fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `uriEncode`: RFC 3986 percent-encoding of everything but the unreserved
/// characters, with uppercase hex digits.
pub(crate) fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// `split`: at most `limit` parts (0: no limit); `None` for an empty
/// delimiter or a negative limit, which the spec forbids.
pub(crate) fn split(value: &str, delimiter: &str, limit: i64) -> Option<Value> {
    if delimiter.is_empty() {
        return None;
    }
    let parts: Vec<Value> = match limit {
        0 => value.split(delimiter).map(Value::from).collect(),
        n if n > 0 => value
            .splitn(usize::try_from(n).ok()?, delimiter)
            .map(Value::from)
            .collect(),
        _ => return None,
    };
    Some(Value::Array(parts))
}
