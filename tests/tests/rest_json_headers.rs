//! restJson1 headers beyond the compliance suite's cases: a list header
//! sent on several lines is one list (RFC 9110, section 5.3), an empty list
//! header is an empty list, list items that would lose their spaces are
//! quoted, and an explicit `@httpHeader` member wins over a prefix-headers
//! entry for the same header whatever the members' order.

use rest_json_protocol::operation::http_empty_prefix_headers::{HttpEmptyPrefixHeaders, HttpEmptyPrefixHeadersInput};
use rest_json_protocol::operation::input_and_output_with_headers::{
    InputAndOutputWithHeaders, InputAndOutputWithHeadersInput,
};
use rest_json_protocol::prelude::Operation as _;

fn response(headers: &[(&str, &str)]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(200);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Vec::new()).expect("valid response")
}

#[test]
fn a_list_header_on_several_lines_is_one_list() {
    let output = InputAndOutputWithHeaders::parse_response(&response(&[
        ("X-StringList", "a"),
        ("X-StringList", "\"b, c\", d"),
        ("X-IntegerList", "1, 2"),
        ("X-IntegerList", "3"),
    ]))
    .expect("parses");
    assert_eq!(
        output.header_string_list(),
        Some(&["a", "b, c", "d"].map(String::from)[..])
    );
    assert_eq!(output.header_integer_list(), Some(&[1, 2, 3][..]));
}

#[test]
fn an_empty_list_header_is_an_empty_list() {
    let output = InputAndOutputWithHeaders::parse_response(&response(&[("X-StringList", ""), ("X-IntegerList", "")]))
        .expect("parses");
    assert_eq!(output.header_string_list(), Some(&[][..]));
    assert_eq!(output.header_integer_list(), Some(&[][..]));
    assert_eq!(output.header_boolean_list(), None, "absent");

    // And it is what an empty list is sent as.
    let input = InputAndOutputWithHeadersInput::builder()
        .set_header_string_list(Some(Vec::new()))
        .build()
        .expect("input");
    let request = InputAndOutputWithHeaders::request(&input).expect("request builds");
    assert_eq!(request.headers()["x-stringlist"], "");
}

#[test]
fn items_that_would_lose_their_spaces_are_quoted_and_read_back() {
    let items = vec![" padded ".to_owned(), String::new(), "plain".to_owned()];
    let input = InputAndOutputWithHeadersInput::builder()
        .set_header_string_list(Some(items.clone()))
        .build()
        .expect("input");
    let request = InputAndOutputWithHeaders::request(&input).expect("request builds");
    let sent = request.headers()["x-stringlist"].to_str().expect("text");
    assert_eq!(sent, r#"" padded ", "", plain"#);
    let output = InputAndOutputWithHeaders::parse_response(&response(&[("X-StringList", sent)])).expect("parses");
    assert_eq!(output.header_string_list(), Some(&items[..]));
}

#[test]
fn an_explicit_header_wins_over_a_prefix_headers_entry() {
    let input = HttpEmptyPrefixHeadersInput::builder()
        .prefix_headers("hello", "from the map")
        .specific_header("explicit")
        .build()
        .expect("input");
    let request = HttpEmptyPrefixHeaders::request(&input).expect("request builds");
    let values: Vec<&str> = request
        .headers()
        .get_all("hello")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(values, ["explicit"]);
}

/// `@sparse` lists and maps in bindings (a hand-made model,
/// `generated/rest-edge-cases`): nulls send nothing, and read back as the
/// map's values; enum keys of prefix headers; a greedy label with the URI's
/// query literal.
#[test]
fn sparse_collections_and_enum_keys_in_bindings() {
    use rest_edge_cases::operation::put_object::{PutObject, PutObjectInput};
    use rest_edge_cases::primitives::Blob as EdgeBlob;
    use rest_edge_cases::types::Kind;
    use std::collections::BTreeMap;

    let input = PutObjectInput::builder()
        .bucket("photos")
        .key("2024/summer/a b.jpg")
        .set_tags(Some(vec![Some("a".to_owned()), None, Some("b, c".to_owned())]))
        .set_options(Some(BTreeMap::from([
            ("x".to_owned(), Some(vec![Some("1".to_owned()), None])),
            ("y".to_owned(), None),
        ])))
        .set_meta_value(Some(BTreeMap::from([
            ("k".to_owned(), Some("v".to_owned())),
            ("n".to_owned(), None),
        ])))
        .r#type("image/jpeg")
        .body(EdgeBlob::new(b"jpeg bytes".to_vec()))
        .build()
        .expect("input");
    let request = PutObject::request(&input).expect("request builds");
    assert_eq!(request.uri().path(), "/photos/2024/summer/a%20b.jpg");
    assert_eq!(request.uri().query(), Some("x-id=PutObject&x=1"));
    assert_eq!(request.headers()["x-tags"], r#"a, "b, c""#);
    assert_eq!(request.headers()["x-meta-k"], "v");
    assert!(request.headers().get("x-meta-n").is_none());
    assert_eq!(request.headers()["x-type"], "image/jpeg");
    assert_eq!(request.body().as_slice(), b"jpeg bytes");

    let reply = response(&[
        ("X-Tags", "a, \"b, c\""),
        ("X-Kind-Small", "1"),
        ("X-Kind-Huge", "2"),
        ("X-Meta-M", "z"),
        ("X-Version", "7"),
    ]);
    let output = PutObject::parse_response(&reply).expect("parses");
    assert_eq!(output.tags(), [Some("a".to_owned()), Some("b, c".to_owned())]);
    let kinds: Vec<(String, String)> = output
        .meta_value()
        .expect("prefix headers")
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.clone()))
        .collect();
    // In the enum's order: known values first, then values this version
    // does not know.
    assert_eq!(
        kinds,
        [
            ("small".to_owned(), "1".to_owned()),
            ("huge".to_owned(), "2".to_owned())
        ]
    );
    assert!(output.meta_value().is_some_and(|m| m.contains_key(&Kind::Small)));
    assert_eq!(output.sparse().and_then(|m| m.get("m")), Some(&Some("z".to_owned())));
    assert_eq!(output.code(), 200);
    assert_eq!(output.version(), "7");
}
