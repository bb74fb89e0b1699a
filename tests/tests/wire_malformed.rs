//! Malformed `DescribeSessions` bodies give an `Err`, never a panic, and the
//! error names the problem where serde_json does.

use ssm::operation::describe_sessions::{
    DescribeSessions, DescribeSessionsError, DescribeSessionsInput, DescribeSessionsOutput,
};
use ssm::prelude::Operation as _;
use ssm::types::SessionFilter;

const VALID_BODY: &str = concat!(
    r#"{"Sessions":[{"SessionId":"alice-07a16060613c408b5","Target":"i-0123456789abcdef0","#,
    r#""Status":"Connected","StartDate":1732704000.123,"Owner":"arn:aws:sts::123456789012:assumed-role/Admin/alice","#,
    r#""Reason":"Caf\u00e9 \"prod\" \ud83d\ude80","OutputUrl":{"S3OutputUrl":"s3://ssm-logs/alice.log"},"#,
    r#""AccessType":"Standard"}],"NextToken":"AAEAAbU0ZmM2ZDlj=="}"#
);

/// Parses an output body that must be rejected and returns the error text.
/// `parse_response` (the crate's own reader) must reject it with the same
/// error as serde_json.
fn output_error(body: &str) -> String {
    let message = match serde_json::from_str::<DescribeSessionsOutput>(body) {
        Ok(value) => panic!("body should be rejected but parsed as {value:?}\n{body}"),
        Err(e) => e.to_string(),
    };
    if body.trim().is_empty() {
        return message; // the protocol reads an empty body as `{}`
    }
    let response = http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap();
    match DescribeSessions::parse_response(&response) {
        Err(DescribeSessionsError::Unhandled(unhandled)) => {
            let parse_error = unhandled.parse_error().map(ToString::to_string);
            assert_eq!(
                parse_error.as_deref(),
                Some(message.as_str()),
                "parse_response on {body}"
            );
        }
        other => panic!("parse_response should reject {body} like serde_json, got {other:?}"),
    }
    message
}

fn session_error(session_json: &str) -> String {
    output_error(&format!(r#"{{"Sessions":[{session_json}]}}"#))
}

fn input_error(body: &str) -> String {
    match serde_json::from_str::<DescribeSessionsInput>(body) {
        Ok(value) => panic!("body should be rejected but parsed as {value:?}\n{body}"),
        Err(e) => e.to_string(),
    }
}

fn assert_contains(message: &str, needle: &str) {
    assert!(
        message.contains(needle),
        "error message {message:?} should contain {needle:?}"
    );
}

#[test]
fn the_reference_body_is_valid() {
    let output: DescribeSessionsOutput = serde_json::from_str(VALID_BODY).unwrap();
    assert_eq!(output.sessions().len(), 1);
    assert_eq!(output.next_token(), Some("AAEAAbU0ZmM2ZDlj=="));
}

#[test]
fn every_truncation_of_a_valid_body_is_an_eof_error() {
    for end in 0..VALID_BODY.len() {
        if !VALID_BODY.is_char_boundary(end) {
            continue;
        }
        let prefix = &VALID_BODY[..end];
        match serde_json::from_str::<DescribeSessionsOutput>(prefix) {
            Ok(value) => panic!("prefix of {end} bytes parsed as {value:?}: {prefix}"),
            Err(e) => assert!(
                e.is_eof(),
                "prefix of {end} bytes should be an EOF error, got {e}: {prefix}"
            ),
        }
    }
}

#[test]
fn every_byte_truncation_of_a_valid_body_fails_from_slice() {
    // Includes cuts inside multi-byte UTF-8 sequences.
    let body = r#"{"Sessions":[{"Reason":"Zoë 🚀 调试"}]}"#.as_bytes();
    for end in 0..body.len() {
        assert!(
            serde_json::from_slice::<DescribeSessionsOutput>(&body[..end]).is_err(),
            "prefix of {end} bytes"
        );
    }
}

#[test]
fn truncated_body_names_eof() {
    let message = output_error(r#"{"Sessions":[{"SessionId":"alice-07a1"#);
    assert_contains(&message, "EOF while parsing a string");
}

#[test]
fn empty_body_is_an_error() {
    let message = output_error("");
    assert_contains(&message, "EOF while parsing a value");
    assert!(serde_json::from_slice::<DescribeSessionsOutput>(b"").is_err());
    assert!(serde_json::from_str::<DescribeSessionsOutput>("   \n").is_err());
}

#[test]
fn sessions_as_object_is_an_invalid_type() {
    let message = output_error(r#"{"Sessions":{"SessionId":"alice-07a16060613c408b5"}}"#);
    assert_contains(&message, "invalid type: map, expected a sequence");
}

#[test]
fn sessions_as_string_is_an_invalid_type() {
    let message = output_error(r#"{"Sessions":"alice-07a16060613c408b5"}"#);
    assert_contains(&message, "invalid type: string");
}

#[test]
fn start_date_as_iso_string_is_an_invalid_type() {
    let message = session_error(r#"{"StartDate":"2024-11-27T10:40:00Z"}"#);
    assert_contains(&message, "invalid type: string \"2024-11-27T10:40:00Z\"");
    assert_contains(&message, "epoch seconds");
}

#[test]
fn start_date_as_numeric_string_is_an_invalid_type() {
    let message = session_error(r#"{"StartDate":"1732704000"}"#);
    assert_contains(&message, "invalid type: string \"1732704000\"");
}

#[test]
fn end_date_as_boolean_is_an_invalid_type() {
    let message = session_error(r#"{"EndDate":true}"#);
    assert_contains(&message, "invalid type: boolean `true`");
}

#[test]
fn start_date_as_object_is_an_invalid_type() {
    let message = session_error(r#"{"StartDate":{"secs":1732704000}}"#);
    assert_contains(&message, "invalid type: map");
}

#[test]
fn max_results_as_string_is_an_invalid_type() {
    let message = input_error(r#"{"State":"Active","MaxResults":"50"}"#);
    assert_contains(&message, "invalid type: string \"50\", expected i32");
}

#[test]
fn max_results_as_fraction_is_an_invalid_type() {
    let message = input_error(r#"{"MaxResults":50.5}"#);
    assert_contains(&message, "invalid type: floating point `50.5`, expected i32");
}

#[test]
fn session_id_as_number_is_an_invalid_type() {
    let message = session_error(r#"{"SessionId":42}"#);
    assert_contains(&message, "invalid type: integer `42`, expected a string");
}

#[test]
fn status_as_number_is_an_invalid_type() {
    let message = session_error(r#"{"Status":1}"#);
    assert_contains(&message, "invalid type: integer `1`");
    assert_contains(&message, "SessionStatus");
}

#[test]
fn output_url_as_string_is_an_invalid_type() {
    let message = session_error(r#"{"OutputUrl":"s3://ssm-logs/alice.log"}"#);
    assert_contains(&message, "invalid type: string \"s3://ssm-logs/alice.log\"");
}

#[test]
fn filters_as_object_is_an_invalid_type() {
    let message = input_error(r#"{"State":"Active","Filters":{"key":"Owner","value":"x"}}"#);
    assert_contains(&message, "invalid type: map, expected a sequence");
}

#[test]
fn null_inside_the_sessions_list_is_an_error() {
    let message = output_error(r#"{"Sessions":[null]}"#);
    assert_contains(&message, "invalid type: null");
}

#[test]
fn a_session_that_is_not_an_object_is_an_invalid_type() {
    // Sessions are read in the list's own storage (`wire::read_struct_list`);
    // an element of the wrong kind must fail as serde's `Vec` would.
    for (element, kind) in [
        ("7", "integer"),
        ("[]", "sequence"),
        (r#""alice""#, "string"),
        ("true", "boolean"),
    ] {
        let message = output_error(&format!(r#"{{"Sessions":[{element}]}}"#));
        assert_contains(&message, &format!("invalid type: {kind}"));
    }
}

#[test]
fn a_bad_session_after_good_ones_is_an_error() {
    let message = output_error(r#"{"Sessions":[{"SessionId":"a"},{"SessionId":"b"},{"SessionId":3}]}"#);
    assert_contains(&message, "invalid type: integer `3`");
    let message = output_error(r#"{"Sessions":[{"SessionId":"a"},{"SessionId":"a","SessionId":"b"}]}"#);
    assert_contains(&message, "duplicate field `SessionId`");
}

#[test]
fn duplicate_sessions_member_is_rejected() {
    let message = output_error(r#"{"Sessions":[],"Sessions":[{"SessionId":"a"}]}"#);
    assert_contains(&message, "duplicate field `Sessions`");
}

#[test]
fn max_results_above_i32_is_out_of_range() {
    let message = input_error(r#"{"MaxResults":2147483648}"#);
    assert_contains(&message, "invalid value: integer `2147483648`, expected i32");
}

#[test]
fn max_results_below_i32_is_out_of_range() {
    let message = input_error(r#"{"MaxResults":-2147483649}"#);
    assert_contains(&message, "invalid value: integer `-2147483649`, expected i32");
}

#[test]
fn huge_timestamp_is_rejected() {
    let message = session_error(r#"{"StartDate":1e300}"#);
    assert_contains(&message, "out of range");
}

#[test]
fn huge_negative_timestamp_is_rejected() {
    let message = session_error(r#"{"StartDate":-1e300}"#);
    assert_contains(&message, "out of range");
}

#[test]
fn timestamp_beyond_i64_seconds_is_rejected() {
    let message = session_error(r#"{"StartDate":9223372036854775808}"#);
    assert_contains(&message, "out of range");
    let message = session_error(r#"{"StartDate":18446744073709551615}"#);
    assert_contains(&message, "out of range");
    let message = session_error(r#"{"StartDate":1.5e19}"#);
    assert_contains(&message, "out of range");
}

#[test]
fn timestamp_overflowing_f64_is_rejected_by_the_json_parser() {
    let message = session_error(r#"{"StartDate":1e400}"#);
    assert_contains(&message, "number out of range");
}

#[test]
fn nan_and_infinity_are_not_json() {
    for literal in ["NaN", "Infinity", "-Infinity", "nan", "inf"] {
        let message = session_error(&format!(r#"{{"StartDate":{literal}}}"#));
        assert!(
            message.contains("expected value")
                || message.contains("expected ident")
                || message.contains("invalid number"),
            "{literal}: {message}"
        );
    }
}

#[test]
fn malformed_numbers_are_rejected() {
    for number in ["01", "1.", ".5", "1e", "+1", "0x10", "1_000", "--1"] {
        let result =
            serde_json::from_str::<DescribeSessionsOutput>(&format!(r#"{{"Sessions":[{{"StartDate":{number}}}]}}"#));
        assert!(result.is_err(), "{number} should be rejected, got {result:?}");
    }
}

#[test]
fn session_filter_without_value_names_the_missing_field() {
    let message = serde_json::from_str::<SessionFilter>(r#"{"key":"Owner"}"#)
        .unwrap_err()
        .to_string();
    assert_contains(&message, "missing field `value`");
}

#[test]
fn session_filter_without_key_names_the_missing_field() {
    let message = serde_json::from_str::<SessionFilter>(r#"{"value":"i-0123456789abcdef0"}"#)
        .unwrap_err()
        .to_string();
    assert_contains(&message, "missing field `key`");
}

#[test]
fn session_filter_with_wrongly_cased_members_is_missing_them() {
    let message = serde_json::from_str::<SessionFilter>(
        r#"{"Key":"Owner","Value":"arn:aws:sts::123456789012:assumed-role/Admin/alice"}"#,
    )
    .unwrap_err()
    .to_string();
    assert_contains(&message, "missing field `key`");
}

#[test]
fn session_filter_with_null_required_value_is_an_error() {
    let message = serde_json::from_str::<SessionFilter>(r#"{"key":"Owner","value":null}"#)
        .unwrap_err()
        .to_string();
    // `null` reads as absent, so a null required member is a missing one.
    assert_contains(&message, "missing field `value`");
}

#[test]
fn missing_filter_value_inside_an_input_is_an_error() {
    let message =
        input_error(r#"{"State":"Active","Filters":[{"key":"Target","value":"i-0123456789abcdef0"},{"key":"Owner"}]}"#);
    assert_contains(&message, "missing field `value`");
}

#[test]
fn trailing_garbage_is_rejected() {
    for body in [r#"{"NextToken":"t"}x"#, r#"{"NextToken":"t"} {}"#, "{}}", "{},"] {
        let message = output_error(body);
        assert_contains(&message, "trailing characters");
    }
}

#[test]
fn trailing_whitespace_is_allowed() {
    let output: DescribeSessionsOutput = serde_json::from_str("{\"NextToken\":\"t\"} \n\t").unwrap();
    assert_eq!(output.next_token(), Some("t"));
}

#[test]
fn trailing_comma_is_rejected() {
    let message = output_error(r#"{"NextToken":"t",}"#);
    assert_contains(&message, "trailing comma");
}

#[test]
fn duplicate_member_is_rejected() {
    let message = output_error(r#"{"NextToken":"a","NextToken":"b"}"#);
    assert_contains(&message, "duplicate field `NextToken`");
}

#[test]
fn non_utf8_bytes_in_a_string_are_rejected() {
    let body = b"{\"NextToken\":\"abc\xff\xfe\"}";
    let message = serde_json::from_slice::<DescribeSessionsOutput>(body)
        .unwrap_err()
        .to_string();
    assert_contains(&message, "invalid unicode code point");
}

#[test]
fn non_utf8_bytes_outside_strings_are_rejected() {
    let body = b"\xef\xbb\xbf{}"; // a UTF-8 byte order mark is not JSON either
    assert!(serde_json::from_slice::<DescribeSessionsOutput>(body).is_err());
    let body = b"{\xff:1}";
    assert!(serde_json::from_slice::<DescribeSessionsOutput>(body).is_err());
}

#[test]
fn lone_surrogate_escapes_are_rejected() {
    for reason in [
        r"broken \ud83d here",
        r"\ud83d",
        r"trailing \ude80 alone",
        r"\ud83d\u0041",
    ] {
        let message = session_error(&format!(r#"{{"Reason":"{reason}"}}"#));
        assert!(
            message.contains("surrogate") || message.contains("hex escape"),
            "{reason}: {message}"
        );
    }
}

#[test]
fn invalid_escape_is_rejected() {
    let message = session_error(r#"{"Reason":"bad \x41 escape"}"#);
    assert_contains(&message, "invalid escape");
}

#[test]
fn raw_control_character_in_a_string_is_rejected() {
    let message = session_error("{\"Reason\":\"line1\nline2\"}");
    assert_contains(&message, "control character");
}

#[test]
fn unquoted_and_single_quoted_keys_are_rejected() {
    assert_contains(&output_error("{NextToken:\"t\"}"), "key must be a string");
    assert_contains(&output_error("{'NextToken':'t'}"), "key must be a string");
}

#[test]
fn top_level_scalars_are_rejected() {
    for body in ["null", "true", "42", "\"Sessions\""] {
        let message = output_error(body);
        assert_contains(&message, "invalid type");
    }
}

#[test]
fn top_level_array_is_rejected() {
    // awsJson1_1 structures are JSON objects; a positional array is not a valid body.
    for body in ["[]", r#"[null,"AAEAAbU0"]"#] {
        let message = output_error(body);
        assert_contains(&message, "invalid type: sequence");
    }
}

#[test]
fn session_filter_as_array_is_rejected() {
    let result =
        serde_json::from_str::<SessionFilter>(r#"["Owner","arn:aws:sts::123456789012:assumed-role/Admin/alice"]"#);
    let message = result
        .expect_err("a positional array is not an awsJson1_1 structure")
        .to_string();
    assert_contains(&message, "invalid type: sequence");
}

#[test]
fn deeply_nested_unknown_field_is_skipped_without_overflowing_the_stack() {
    // serde_json skips ignored values iteratively, so nesting far beyond its
    // recursion limit inside an unknown member is harmless.
    let depth = 100_000;
    let body = format!(
        r#"{{"Unknown":{}{},"NextToken":"t"}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let output = serde_json::from_str::<DescribeSessionsOutput>(&body).expect("unknown members are ignored");
    assert_eq!(output.next_token(), Some("t"));
}

#[test]
fn deeply_nested_unbalanced_unknown_field_is_an_error_not_a_crash() {
    let depth = 100_000;
    let body = format!(r#"{{"Unknown":{}}}"#, "[".repeat(depth));
    let error = serde_json::from_str::<DescribeSessionsOutput>(&body).expect_err("unbalanced brackets");
    assert!(error.is_syntax() || error.is_eof(), "{error}");
}
