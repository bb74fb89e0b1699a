//! restJson1 over HTTP, sans I/O: the HTTP bindings of the Smithy spec
//! (`@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`,
//! `@httpPrefixHeaders`, `@httpPayload`, `@httpResponseCode`) as the
//! generated operations call them. The JSON body and the errors are read
//! as for awsJson (`aws_json`).
//!
//! Values go to the URI and headers as text: numbers in decimal, floats
//! with `NaN`/`Infinity`/`-Infinity`, timestamps in the member's format
//! (date-time in the URI, http-date in headers, unless `@timestampFormat`
//! says otherwise), blobs and `@mediaType` strings in base64.

use std::borrow::Cow;

use crate::error::{BuildRequestError, ErrorMetadata, Unhandled};
use crate::primitives::{Blob, DateTime};

/// The members of a structure that go in the JSON body, when others are
/// bound to the URI, headers or status: generated structures implement it
/// next to their `Serialize`/`Deserialize`, which keep every member.
#[doc(hidden)]
pub trait HttpBody: Sized {
    /// Writes the body members as a JSON object.
    fn serialize_body<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the body members; the others are left absent (`None`, or the
    /// zero value a client fills in for a missing required member).
    fn deserialize_body<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Serializes the body members of a structure.
#[doc(hidden)]
pub struct BodyRef<'a, T>(pub &'a T);

impl<T: HttpBody> serde::Serialize for BodyRef<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_body(serializer)
    }
}

/// Deserializes the body members of a structure.
#[doc(hidden)]
pub struct BodyOf<T>(pub T);

impl<'de, T: HttpBody> serde::Deserialize<'de> for BodyOf<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_body(deserializer).map(BodyOf)
    }
}

/// How a timestamp is written outside the JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[doc(hidden)]
pub enum TimestampFormat {
    /// Decimal seconds since the epoch.
    EpochSeconds,
    /// RFC 3339.
    DateTime,
    /// IMF-fixdate.
    HttpDate,
}

/// A value as the text the URI or a header carries.
#[doc(hidden)]
pub trait HttpText {
    /// The text.
    fn http_text(&self) -> Cow<'_, str>;
}

/// `HttpText` by `Display` and `FromHttpText` by `FromStr`: the types whose
/// Rust text is their wire text.
macro_rules! decimal_text {
    ($($ty:ty),*) => {
        $(impl HttpText for $ty {
            fn http_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }

        impl FromHttpText for $ty {
            fn from_http_text(text: &str) -> Result<Self, String> {
                text.trim().parse().map_err(|e| format!("`{text}` is not a {}: {e}", stringify!($ty)))
            }
        })*
    };
}

decimal_text!(
    bool,
    i8,
    i16,
    i32,
    i64,
    crate::primitives::BigInteger,
    crate::primitives::BigDecimal
);

macro_rules! float_text {
    ($($ty:ty),*) => {
        $(impl HttpText for $ty {
            fn http_text(&self) -> Cow<'_, str> {
                if self.is_nan() {
                    Cow::Borrowed("NaN")
                } else if self.is_infinite() {
                    Cow::Borrowed(if self.is_sign_positive() { "Infinity" } else { "-Infinity" })
                } else {
                    Cow::Owned(self.to_string())
                }
            }
        })*
    };
}

float_text!(f32, f64);

impl HttpText for String {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl HttpText for str {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl HttpText for Blob {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Owned(crate::primitives::base64_encode(self.as_bytes()))
    }
}

/// A timestamp as text in `format`.
#[doc(hidden)]
pub fn timestamp_text(value: &DateTime, format: TimestampFormat) -> String {
    match format {
        TimestampFormat::EpochSeconds => value.to_string(),
        TimestampFormat::DateTime => value.to_rfc3339(),
        TimestampFormat::HttpDate => value.to_http_date(),
    }
}

/// A `@mediaType` string in a header: its UTF-8 bytes in base64.
#[doc(hidden)]
pub fn base64_text(value: &str) -> String {
    crate::primitives::base64_encode(value.as_bytes())
}

/// A value read back from the text of a header.
#[doc(hidden)]
pub trait FromHttpText: Sized {
    /// Parses the text, or says why it cannot.
    fn from_http_text(text: &str) -> Result<Self, String>;
}

macro_rules! parsed_float {
    ($($ty:ty),*) => {
        $(impl FromHttpText for $ty {
            fn from_http_text(text: &str) -> Result<Self, String> {
                match text.trim() {
                    "NaN" => Ok(<$ty>::NAN),
                    "Infinity" => Ok(<$ty>::INFINITY),
                    "-Infinity" => Ok(<$ty>::NEG_INFINITY),
                    // Rust also reads `inf` and `nan`, which the protocol
                    // does not write.
                    other if other.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => {
                        Err(format!("`{text}` is not a number"))
                    }
                    other => other.parse().map_err(|e| format!("`{text}` is not a number: {e}")),
                }
            }
        })*
    };
}

parsed_float!(f32, f64);

impl FromHttpText for String {
    fn from_http_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromHttpText for Blob {
    fn from_http_text(text: &str) -> Result<Self, String> {
        crate::primitives::base64_decode(text.trim())
            .map(Blob::new)
            .map_err(|reason| format!("`{text}` is not base64: {reason}"))
    }
}

/// A timestamp read from text in `format`.
#[doc(hidden)]
pub fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<DateTime, String> {
    let text = text.trim();
    match format {
        TimestampFormat::EpochSeconds => DateTime::parse_epoch_seconds(text),
        TimestampFormat::DateTime => DateTime::parse_rfc3339(text),
        TimestampFormat::HttpDate => DateTime::parse_http_date(text),
    }
    .map_err(|e| e.to_string())
}

/// A `@mediaType` string from a header: base64 of UTF-8 text.
#[doc(hidden)]
pub fn parse_base64_text(text: &str) -> Result<String, String> {
    let bytes =
        crate::primitives::base64_decode(text.trim()).map_err(|reason| format!("`{text}` is not base64: {reason}"))?;
    String::from_utf8(bytes).map_err(|_| format!("`{text}` is not base64 of UTF-8 text"))
}

/// A list as one header value: items separated by `, `; strings that hold
/// a comma or a double quote, or would lose whitespace at their ends, or are
/// empty, are quoted, with `\` before `"` and `\`.
#[doc(hidden)]
pub fn header_list<'a>(items: impl IntoIterator<Item = Cow<'a, str>>, quote_strings: bool) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if quote_strings && (item.is_empty() || item.contains([',', '"']) || item.trim() != item) {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(&item);
        }
    }
    out
}

/// The items of a list header: split at commas outside double quotes,
/// trimmed, quotes and their escapes removed.
#[doc(hidden)]
pub fn split_header_list(text: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    // An empty list is sent as an empty value.
    if text.trim().is_empty() {
        return Ok(items);
    }
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => item.push(c),
                        None => return Err(format!("unterminated escape in the header list `{text}`")),
                    },
                    Some(c) => item.push(c),
                    None => return Err(format!("unterminated quoted item in the header list `{text}`")),
                }
            }
            while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
            match chars.next() {
                None => {
                    items.push(item);
                    return Ok(items);
                }
                Some(',') => items.push(item),
                Some(c) => return Err(format!("`{c}` after a quoted item in the header list `{text}`")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        items.push(item.trim_end().to_owned());
                        return Ok(items);
                    }
                    Some(',') => break,
                    Some(c) => item.push(c),
                }
            }
            items.push(item.trim_end().to_owned());
        }
    }
}

/// The items of a header list of http-dates, which hold commas themselves
/// (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, ...`): every second comma ends one.
#[doc(hidden)]
pub fn split_http_dates(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (at, c) in text.char_indices() {
        if c == ',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(text.get(start..at).unwrap_or_default().trim().to_owned());
                start = at + 1;
            }
        }
    }
    let last = text.get(start..).unwrap_or_default().trim();
    if !last.is_empty() || !items.is_empty() {
        items.push(last.to_owned());
    }
    items
}

/// A header's value as text, or the reason it is not text. A header sent
/// several times is one list (RFC 9110, section 5.3): its values joined
/// with `, `.
#[doc(hidden)]
pub fn header_text<'a>(headers: &'a http::HeaderMap, name: &str) -> Result<Option<Cow<'a, str>>, String> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let text = |value: &'a http::HeaderValue| {
        value
            .to_str()
            .map_err(|_| format!("header `{name}` is not visible ASCII text"))
    };
    let mut joined = Cow::Borrowed(text(first)?);
    for value in values {
        let joined = joined.to_mut();
        joined.push_str(", ");
        joined.push_str(text(value)?);
    }
    Ok(Some(joined))
}

/// A header of a response read with `parse`: `None` when absent; the
/// reason, naming the header, when it is not text or does not parse.
#[doc(hidden)]
pub fn header<T>(
    headers: &http::HeaderMap,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match header_text(headers, name)? {
        None => Ok(None),
        Some(text) => parse(&text)
            .map(Some)
            .map_err(|reason| format!("header `{name}`: {reason}")),
    }
}

/// A list header of a response, each item read with `parse`; `http_dates`
/// for http-date timestamps, whose items hold commas themselves.
#[doc(hidden)]
pub fn header_items<T>(
    headers: &http::HeaderMap,
    name: &str,
    http_dates: bool,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<Vec<T>>, String> {
    header(headers, name, |text| {
        let items = if http_dates {
            split_http_dates(text)
        } else {
            split_header_list(text)?
        };
        items.iter().map(|item| parse(item)).collect()
    })
}

/// The headers whose names start with `prefix` (case-insensitively), by
/// the rest of their name, lowercase as HTTP/2 has it. A value that is not
/// ASCII text (a proxy's UTF-8, say) is kept with its bytes read as UTF-8,
/// invalid ones replaced, rather than failing the response; a header sent
/// several times gives its values joined with `, `.
#[doc(hidden)]
pub fn prefix_headers(headers: &http::HeaderMap, prefix: &str) -> std::collections::BTreeMap<String, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut found: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for (name, value) in headers {
        if let Some(rest) = name.as_str().strip_prefix(prefix.as_str()) {
            let value = String::from_utf8_lossy(value.as_bytes());
            found
                .entry(rest.to_owned())
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert_with(|| value.into_owned());
        }
    }
    found
}

/// The `Unhandled` error for a response whose headers or payload cannot be
/// read: the reason, with the response's metadata and body.
#[doc(hidden)]
pub fn unreadable<B: AsRef<[u8]>>(response: &http::Response<B>, reason: String) -> Unhandled {
    unreadable_error(
        &ErrorMetadata::new(response.status(), crate::call::request_id(response.headers())),
        response.body().as_ref(),
        reason,
    )
}

/// The `Unhandled` error for an error response whose modelled error cannot
/// be filled in: it keeps the error's code and message.
#[doc(hidden)]
pub fn unreadable_error(meta: &ErrorMetadata, body: &[u8], reason: String) -> Unhandled {
    Unhandled::new(meta.clone(), body, Some(reason.into()))
}

/// A text payload (`@httpPayload` on a string or enum) as UTF-8.
#[doc(hidden)]
pub fn text_payload(body: &[u8]) -> Result<String, String> {
    String::from_utf8(body.to_vec()).map_err(|e| format!("the body is not UTF-8 text: {e}"))
}

/// Percent-encodes `text` for a URI: every byte but the unreserved ones
/// (`A-Z a-z 0-9 - . _ ~`), and `/` too unless `keep_slash`.
fn percent_encode(out: &mut String, text: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}

/// An HTTP request being built from an operation's bindings: the path and
/// query, the headers; [`finish`](Self::finish) adds the endpoint and body.
#[doc(hidden)]
pub struct RequestParts {
    path: String,
    query: String,
    query_names: Vec<String>,
    headers: http::HeaderMap,
}

impl Default for RequestParts {
    fn default() -> Self {
        RequestParts::new()
    }
}

impl RequestParts {
    /// An empty path, query and header set.
    pub fn new() -> RequestParts {
        RequestParts {
            path: String::new(),
            query: String::new(),
            query_names: Vec::new(),
            headers: http::HeaderMap::new(),
        }
    }

    /// Literal text of the URI pattern, as the model writes it.
    pub fn path(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// An `@httpLabel`: percent-encoded (`/` kept when `greedy`); a label
    /// with no value, or an empty one, cannot make a URI.
    pub fn label(&mut self, member: &str, value: Option<&str>, greedy: bool) -> Result<(), BuildRequestError> {
        match value {
            None => Err(BuildRequestError::new(format!(
                "the URI label `{member}` has no value; it is required to build the request"
            ))),
            Some("") => Err(BuildRequestError::new(format!(
                "the URI label `{member}` is empty; it must have a value to build the request"
            ))),
            Some(value) => {
                // A greedy `{Key+}` keeps `/`: object keys such as
                // `photos/2024/` are paths, empty segments included.
                percent_encode(&mut self.path, value, greedy);
                Ok(())
            }
        }
    }

    /// A query parameter, both parts percent-encoded.
    pub fn query(&mut self, name: &str, value: &str) {
        self.query_param(name, Some(value));
    }

    /// A query literal of the URI pattern (`?flag` has no value).
    pub fn query_literal(&mut self, name: &str, value: Option<&str>) {
        self.query_param(name, value);
    }

    /// Whether a parameter of this name is set already (explicit
    /// `@httpQuery` members win over `@httpQueryParams` entries).
    pub fn has_query(&self, name: &str) -> bool {
        self.query_names.iter().any(|n| n == name)
    }

    fn query_param(&mut self, name: &str, value: Option<&str>) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        percent_encode(&mut self.query, name, false);
        if let Some(value) = value {
            self.query.push('=');
            percent_encode(&mut self.query, value, false);
        }
        if !self.has_query(name) {
            self.query_names.push(name.to_owned());
        }
    }

    /// A header, replacing one of the same name; a value that cannot be an
    /// HTTP header value is an error naming the member.
    pub fn header(&mut self, member: &str, name: &str, value: &str) -> Result<(), BuildRequestError> {
        let fail =
            |what: &str| BuildRequestError::new(format!("member `{member}` cannot go in the header `{name}`: {what}"));
        let header_name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| fail("not a header name"))?;
        let header_value = http::HeaderValue::from_str(value).map_err(|_| fail("the value is not header text"))?;
        self.headers.insert(header_name, header_value);
        Ok(())
    }

    /// Whether a header is set.
    pub fn has_header(&self, name: &str) -> bool {
        self.headers.contains_key(name)
    }

    /// The request: `method`, the endpoint's scheme, authority (after the
    /// host prefix) and path, then the operation's path and query; the
    /// headers; `body` with its `content_type` and length.
    pub fn finish(
        mut self,
        method: &str,
        endpoint: Option<&http::Uri>,
        host_prefix: Option<&str>,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<http::Request<Vec<u8>>, BuildRequestError> {
        let fail = |what: String| BuildRequestError::new(what);
        let mut path_and_query = String::new();
        if let Some(endpoint) = endpoint {
            path_and_query.push_str(endpoint.path().trim_end_matches('/'));
        }
        path_and_query.push_str(&self.path);
        if !path_and_query.starts_with('/') {
            path_and_query.insert(0, '/');
        }
        path_and_query.push_str(&self.query);
        let uri = match endpoint {
            None => path_and_query
                .parse::<http::Uri>()
                .map_err(|e| fail(format!("the request URI `{path_and_query}`: {e}")))?,
            Some(endpoint) => {
                let authority = endpoint
                    .authority()
                    .ok_or_else(|| fail(format!("endpoint `{endpoint}` has no host")))?;
                http::Uri::builder()
                    .scheme(endpoint.scheme_str().unwrap_or("https"))
                    .authority(format!("{}{}", host_prefix.unwrap_or_default(), authority))
                    .path_and_query(path_and_query)
                    .build()
                    .map_err(|e| fail(format!("endpoint `{endpoint}`: {e}")))?
            }
        };
        let method =
            http::Method::from_bytes(method.as_bytes()).map_err(|e| fail(format!("method `{method}`: {e}")))?;
        if let Some(content_type) = content_type {
            if !self.headers.contains_key(http::header::CONTENT_TYPE) {
                let value = http::HeaderValue::from_str(content_type)
                    .map_err(|_| fail(format!("content type `{content_type}` is not header text")))?;
                self.headers.insert(http::header::CONTENT_TYPE, value);
            }
        }
        if !body.is_empty() || content_type.is_some() {
            self.headers
                .insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(body.len()));
        }
        let mut request = http::Request::builder()
            .method(method)
            .uri(uri)
            .body(body)
            .map_err(|e| fail(e.to_string()))?;
        *request.headers_mut() = self.headers;
        Ok(request)
    }
}
