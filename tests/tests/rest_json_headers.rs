//! restJson1 headers beyond the compliance suite's cases: a list header
//! sent on several lines is one list (RFC 9110, section 5.3), an empty list
//! header is an empty list, list items that would lose their spaces are
//! quoted, and an explicit `@httpHeader` member wins over a prefix-headers
//! entry for the same header whatever the members' order.

use rest_json_protocol::operation::http_empty_prefix_headers::{HttpEmptyPrefixHeaders, HttpEmptyPrefixHeadersInput};
use rest_json_protocol::operation::input_and_output_with_headers::{
    InputAndOutputWithHeaders, InputAndOutputWithHeadersInput,
};

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
