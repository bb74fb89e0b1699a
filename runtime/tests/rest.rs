//! restJson1's HTTP bindings in the runtime (`rest`): URI labels and query
//! parameters, header lists both ways, the text of simple values, and bad
//! input (unterminated quotes, non-ASCII headers, malformed numbers) as
//! errors that say what is wrong.

use std::borrow::Cow;

use shapesmith_runtime::primitives::{Blob, DateTime};
use shapesmith_runtime::rest::{
    base64_text, header, header_items, header_list, header_text, parse_base64_text, parse_timestamp, prefix_headers,
    split_header_list, split_http_dates, timestamp_text, FromHttpText, HttpText, RequestParts, TimestampFormat,
};

fn built(parts: RequestParts) -> http::Request<Vec<u8>> {
    parts
        .finish("GET", None, None, None, Vec::new())
        .expect("request builds")
}

#[test]
fn labels_are_percent_encoded_and_greedy_ones_keep_slashes() {
    let mut parts = RequestParts::new();
    parts.path("/buckets/");
    parts.label("Bucket", Some("my bucket:1"), false).unwrap();
    parts.path("/keys/");
    parts.label("Key", Some("a/b c/ü.txt"), true).unwrap();
    assert_eq!(
        built(parts).uri().path(),
        "/buckets/my%20bucket%3A1/keys/a/b%20c/%C3%BC.txt"
    );

    // Empty segments are a key's own (`photos//2024/`).
    let mut parts = RequestParts::new();
    parts.path("/");
    parts.label("Key", Some("photos//2024/"), true).unwrap();
    assert_eq!(built(parts).uri().path(), "/photos//2024/");

    // A plain label encodes `/` as well.
    let mut parts = RequestParts::new();
    parts.path("/k/");
    parts.label("Key", Some("a/b"), false).unwrap();
    assert_eq!(built(parts).uri().path(), "/k/a%2Fb");
}

#[test]
fn a_label_without_a_value_is_an_error_naming_it() {
    let mut parts = RequestParts::new();
    let missing = parts.label("FunctionName", None, false).unwrap_err().to_string();
    assert!(missing.contains("`FunctionName` has no value"), "{missing}");
    let empty = parts.label("FunctionName", Some(""), false).unwrap_err().to_string();
    assert!(empty.contains("`FunctionName` is empty"), "{empty}");
}

#[test]
fn query_parameters_are_encoded_and_explicit_ones_are_remembered() {
    let mut parts = RequestParts::new();
    parts.path("/list");
    parts.query_literal("type", Some("all"));
    parts.query_literal("flag", None);
    parts.query("Marker", "page 2/3=+&");
    parts.query("Tag", "a");
    parts.query("Tag", "b");
    assert!(parts.has_query("Marker"));
    assert!(parts.has_query("flag"));
    assert!(!parts.has_query("Other"));
    let request = built(parts);
    assert_eq!(
        request.uri().query(),
        Some("type=all&flag&Marker=page%202%2F3%3D%2B%26&Tag=a&Tag=b")
    );
}

#[test]
fn finish_joins_the_endpoint_path_and_prefixes_the_host() {
    let mut parts = RequestParts::new();
    parts.path("/things");
    let endpoint: http::Uri = "https://example.com/base/".parse().unwrap();
    let request = parts
        .finish(
            "POST",
            Some(&endpoint),
            Some("data."),
            Some("application/json"),
            b"{}".to_vec(),
        )
        .unwrap();
    assert_eq!(request.uri().to_string(), "https://data.example.com/base/things");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["content-length"], "2");
    // No body and no content type: neither header.
    let request = RequestParts::new().finish("GET", None, None, None, Vec::new()).unwrap();
    assert!(request.headers().is_empty());
}

#[test]
fn a_header_value_that_is_not_header_text_is_an_error() {
    let mut parts = RequestParts::new();
    let error = parts.header("Note", "X-Note", "line\nbreak").unwrap_err().to_string();
    assert!(error.contains("member `Note`") && error.contains("X-Note"), "{error}");
    let error = parts.header("Note", "bad name", "v").unwrap_err().to_string();
    assert!(error.contains("not a header name"), "{error}");
}

#[test]
fn header_lists_quote_only_what_needs_it() {
    let items = ["b,c", "\"def\"", "a", "back\\slash"].map(Cow::Borrowed);
    let joined = header_list(items, true);
    assert_eq!(joined, r#""b,c", "\"def\"", a, back\slash"#);
    assert_eq!(
        split_header_list(&joined).unwrap(),
        ["b,c", "\"def\"", "a", "back\\slash"]
    );
    // Numbers and timestamps are never quoted.
    assert_eq!(header_list(["1", "2"].map(Cow::Borrowed), false), "1, 2");
}

#[test]
fn header_lists_split_at_commas_outside_quotes() {
    assert_eq!(split_header_list("a, b,c ,  d").unwrap(), ["a", "b", "c", "d"]);
    assert_eq!(split_header_list(r#""a, b", c"#).unwrap(), ["a, b", "c"]);
    assert_eq!(split_header_list(r#""say \"hi\"""#).unwrap(), [r#"say "hi""#]);
}

#[test]
fn a_broken_quoted_header_list_is_an_error() {
    let unterminated = split_header_list(r#""a, b"#).unwrap_err();
    assert!(unterminated.contains("unterminated quoted item"), "{unterminated}");
    let trailing = split_header_list(r#""a" b, c"#).unwrap_err();
    assert!(trailing.contains("after a quoted item"), "{trailing}");
    let escape = split_header_list(r#""a\"#).unwrap_err();
    assert!(escape.contains("unterminated escape"), "{escape}");
}

#[test]
fn http_date_lists_split_at_every_second_comma() {
    let two = "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:00 GMT";
    assert_eq!(
        split_http_dates(two),
        ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 00:00:00 GMT"]
    );
    assert_eq!(split_http_dates(""), Vec::<String>::new());
    // A malformed list still splits; each item then fails to parse alone.
    let items = split_http_dates("Mon, 16 Dec");
    assert_eq!(items, ["Mon, 16 Dec"]);
    assert!(parse_timestamp(&items[0], TimestampFormat::HttpDate).is_err());
}

#[test]
fn simple_values_as_text() {
    assert_eq!(true.http_text(), "true");
    assert_eq!((-7i8).http_text(), "-7");
    assert_eq!(i64::MAX.http_text(), "9223372036854775807");
    assert_eq!(1.1f32.http_text(), "1.1");
    assert_eq!(f64::NAN.http_text(), "NaN");
    assert_eq!(f32::INFINITY.http_text(), "Infinity");
    assert_eq!(f64::NEG_INFINITY.http_text(), "-Infinity");
    assert_eq!(Blob::new(b"hello".to_vec()).http_text(), "aGVsbG8=");
    assert_eq!(base64_text("hello"), "aGVsbG8=");
    let instant = DateTime::from_secs(1_576_540_098);
    assert_eq!(
        timestamp_text(&instant, TimestampFormat::HttpDate),
        "Mon, 16 Dec 2019 23:48:18 GMT"
    );
    assert_eq!(
        timestamp_text(&instant, TimestampFormat::DateTime),
        "2019-12-16T23:48:18Z"
    );
    assert_eq!(timestamp_text(&instant, TimestampFormat::EpochSeconds), "1576540098");
}

#[test]
fn simple_values_from_text() {
    assert_eq!(i32::from_http_text(" 42 "), Ok(42));
    assert_eq!(bool::from_http_text("false"), Ok(false));
    assert!(f64::from_http_text("NaN").unwrap().is_nan());
    assert_eq!(f32::from_http_text("-Infinity"), Ok(f32::NEG_INFINITY));
    assert_eq!(f64::from_http_text("1e3"), Ok(1000.0));
    assert_eq!(Blob::from_http_text("aGVsbG8="), Ok(Blob::new(b"hello".to_vec())));
    assert_eq!(parse_base64_text("aGVsbG8="), Ok("hello".to_owned()));
    assert_eq!(
        parse_timestamp("1576540098.5", TimestampFormat::EpochSeconds).map(|t| t.subsec_nanos()),
        Ok(500_000_000)
    );
}

#[test]
fn malformed_values_are_errors_that_quote_the_text() {
    let overflow = i8::from_http_text("128").unwrap_err();
    assert!(overflow.contains("`128` is not a i8"), "{overflow}");
    assert!(i32::from_http_text("12x").is_err());
    assert!(bool::from_http_text("yes").is_err());
    // Rust reads `inf` and `nan`; the protocol does not write them.
    assert!(f64::from_http_text("inf").is_err());
    assert!(f64::from_http_text("nan").is_err());
    assert!(Blob::from_http_text("not base64!").is_err());
    assert!(parse_base64_text("/w==").unwrap_err().contains("UTF-8"));
    assert!(parse_timestamp("yesterday", TimestampFormat::DateTime).is_err());
}

#[test]
fn prefix_headers_are_gathered_by_the_rest_of_their_name() {
    let mut headers = http::HeaderMap::new();
    headers.insert("X-Foo-Abc", "Abc value".parse().unwrap());
    headers.insert("x-foo-def", "Def value".parse().unwrap());
    headers.insert("X-Foo", "not a prefix match".parse().unwrap());
    headers.insert("X-Bar-Abc", "other".parse().unwrap());
    let found = prefix_headers(&headers, "X-Foo-");
    assert_eq!(found.len(), 2);
    assert_eq!(found["abc"], "Abc value");
    assert_eq!(found["def"], "Def value");

    // A value that is not ASCII text is kept, its bytes read as UTF-8.
    headers.insert("X-Foo-Bin", http::HeaderValue::from_bytes("café".as_bytes()).unwrap());
    headers.append("X-Foo-Abc", "again".parse().unwrap());
    let found = prefix_headers(&headers, "X-Foo-");
    assert_eq!(found["bin"], "café");
    assert_eq!(found["abc"], "Abc value, again");
}

#[test]
fn an_empty_list_header_is_no_items() {
    assert_eq!(split_header_list("").unwrap(), Vec::<String>::new());
    assert_eq!(split_header_list("  ").unwrap(), Vec::<String>::new());
    assert_eq!(split_header_list(r#""""#).unwrap(), [""]);
    assert_eq!(
        header_list([" a ", "", "b"].map(Cow::Borrowed), true),
        r#"" a ", "", b"#
    );
}

#[test]
fn a_header_sent_twice_is_one_list() {
    let mut headers = http::HeaderMap::new();
    headers.append("X-List", "a, b".parse().unwrap());
    headers.append("X-List", "c".parse().unwrap());
    assert_eq!(header_text(&headers, "x-list").unwrap().as_deref(), Some("a, b, c"));
    assert_eq!(header_text(&headers, "x-other").unwrap(), None);
    let items = header_items(&headers, "X-List", false, |item| Ok(item.to_owned())).unwrap();
    assert_eq!(items, Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]));
    let error = header(&headers, "X-List", |_| Err::<(), _>("no".to_owned())).unwrap_err();
    assert_eq!(error, "header `X-List`: no");
}
