//! `DescribeSessions::parse_response`: successful outputs, and how an error
//! response becomes a `DescribeSessionsError` (AWSJSON11-FACTS.md sections 1
//! and 5): where the code comes from, how it is cleaned up, message and
//! request id, modelled errors, `Unhandled`, `Display` and `source`.

use ssm::prelude::Operation as _;
use ssm::prelude::ServiceError as _;
use std::error::Error as _;

use http::{Response, StatusCode};
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsError, DescribeSessionsOutput};
use ssm::primitives::DateTime;
use ssm::types::{AccessType, SessionStatus};

const REQUEST_ID: &str = "7f4e2c1a-9b3d-4e8f-a2c6-0d1e5b7a9c3f";
const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// A response with the awsJson1_1 content type and the given extra headers.
fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status).header("Content-Type", CONTENT_TYPE);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("valid test response")
}

fn parse_ok(response: &Response<Vec<u8>>) -> DescribeSessionsOutput {
    DescribeSessions::parse_response(response).unwrap_or_else(|e| panic!("expected an output, got {e:?}"))
}

fn parse_err(response: &Response<Vec<u8>>) -> DescribeSessionsError {
    match DescribeSessions::parse_response(response) {
        Ok(output) => panic!("expected an error, got {output:?}"),
        Err(error) => error,
    }
}

fn variant(error: &DescribeSessionsError) -> &'static str {
    match error {
        DescribeSessionsError::InternalServerError(_) => "InternalServerError",
        DescribeSessionsError::InvalidFilterKey(_) => "InvalidFilterKey",
        DescribeSessionsError::InvalidNextToken(_) => "InvalidNextToken",
        DescribeSessionsError::Unhandled(_) => "Unhandled",
        _ => "a variant this test does not know",
    }
}

fn unhandled(error: &DescribeSessionsError) -> &ssm::error::Unhandled {
    match error {
        DescribeSessionsError::Unhandled(unhandled) => unhandled,
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Successful responses
// ---------------------------------------------------------------------------

const FULL_BODY: &str = r#"{
    "Sessions": [
        {
            "SessionId": "alice-07a16060613c408b5",
            "Target": "i-0123456789abcdef0",
            "Status": "Terminated",
            "StartDate": 1732704000.123,
            "EndDate": 1732707600,
            "DocumentName": "SSM-SessionManagerRunShell",
            "Owner": "arn:aws:sts::123456789012:assumed-role/Admin/alice",
            "Reason": "Investigating high CPU on web-1",
            "OutputUrl": {
                "S3OutputUrl": "https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice-07a16060613c408b5.log",
                "CloudWatchOutputUrl": "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1"
            },
            "MaxSessionDuration": "60",
            "AccessType": "Standard"
        },
        {
            "SessionId": "bob-0c5a2e1b9d3f4a7e6",
            "Target": "mi-0a1b2c3d4e5f67890",
            "Status": "Connected",
            "StartDate": 1732710000,
            "Owner": "arn:aws:iam::123456789012:user/bob",
            "AccessType": "JustInTime"
        }
    ],
    "NextToken": "AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w=="
}"#;

#[test]
fn ok_with_full_body_parses_every_member() {
    let output = parse_ok(&response(200, &[("x-amzn-RequestId", REQUEST_ID)], FULL_BODY));
    assert_eq!(
        output.next_token(),
        Some("AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==")
    );
    let sessions = output.sessions();
    assert_eq!(sessions.len(), 2);

    let alice = &sessions[0];
    assert_eq!(alice.session_id(), Some("alice-07a16060613c408b5"));
    assert_eq!(alice.target(), Some("i-0123456789abcdef0"));
    assert_eq!(alice.status(), Some(&SessionStatus::Terminated));
    assert_eq!(
        alice.start_date(),
        DateTime::from_secs_and_nanos(1_732_704_000, 123_000_000)
    );
    assert_eq!(alice.end_date(), Some(DateTime::from_secs(1_732_707_600)));
    assert_eq!(alice.document_name(), Some("SSM-SessionManagerRunShell"));
    assert_eq!(
        alice.owner(),
        Some("arn:aws:sts::123456789012:assumed-role/Admin/alice")
    );
    assert_eq!(alice.reason(), Some("Investigating high CPU on web-1"));
    assert_eq!(alice.details(), None);
    let output_url = alice.output_url().expect("OutputUrl is set");
    assert_eq!(
        output_url.s3_output_url(),
        Some("https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice-07a16060613c408b5.log")
    );
    assert_eq!(
        output_url.cloud_watch_output_url(),
        Some("https://console.aws.amazon.com/cloudwatch/home?region=us-east-1")
    );
    assert_eq!(alice.max_session_duration(), Some("60"));
    assert_eq!(alice.access_type(), Some(&AccessType::Standard));

    let bob = &sessions[1];
    assert_eq!(bob.session_id(), Some("bob-0c5a2e1b9d3f4a7e6"));
    assert_eq!(bob.target(), Some("mi-0a1b2c3d4e5f67890"));
    assert_eq!(bob.status(), Some(&SessionStatus::Connected));
    assert_eq!(bob.start_date(), Some(DateTime::from_secs(1_732_710_000)));
    assert_eq!(bob.end_date(), None);
    assert_eq!(bob.access_type(), Some(&AccessType::Justintime));
}

#[test]
fn ok_output_equals_direct_serde_parse_of_the_body() {
    let output = parse_ok(&response(200, &[], FULL_BODY));
    let direct: DescribeSessionsOutput = serde_json::from_str(FULL_BODY).unwrap();
    assert_eq!(output, direct);
}

#[test]
fn ok_with_empty_body_is_an_output_with_nothing_set() {
    let output = parse_ok(&response(200, &[], ""));
    assert!(output.sessions.is_none());
    assert!(output.next_token.is_none());
    assert_eq!(output, DescribeSessionsOutput::builder().build());
}

#[test]
fn ok_with_whitespace_only_body_is_an_output_with_nothing_set() {
    let output = parse_ok(&response(200, &[], " \r\n\t"));
    assert_eq!(output, DescribeSessionsOutput::builder().build());
}

#[test]
fn ok_with_empty_object_is_an_output_with_nothing_set() {
    let output = parse_ok(&response(200, &[], "{}"));
    assert_eq!(output, DescribeSessionsOutput::builder().build());
}

#[test]
fn ok_with_unknown_fields_ignores_them() {
    let body = r#"{
        "Sessions": [{"SessionId": "carol-1f2e3d4c5b6a79801", "Region": "us-east-1"}],
        "ResponseMetadata": {"RequestId": "abc", "__type": "Whatever"},
        "__type": "DescribeSessionsResponse",
        "Extra": [1, 2, {"nested": null}]
    }"#;
    let output = parse_ok(&response(200, &[], body));
    assert_eq!(output.sessions().len(), 1);
    assert_eq!(output.sessions()[0].session_id(), Some("carol-1f2e3d4c5b6a79801"));
    assert_eq!(output.next_token(), None);
}

#[test]
fn ok_with_only_unknown_fields_is_an_output_with_nothing_set() {
    let output = parse_ok(&response(200, &[], r#"{"Unexpected":"value","Count":3}"#));
    assert_eq!(output, DescribeSessionsOutput::builder().build());
}

#[test]
fn ok_with_null_members_treats_them_as_absent() {
    let output = parse_ok(&response(200, &[], r#"{"Sessions":null,"NextToken":null}"#));
    assert_eq!(output, DescribeSessionsOutput::builder().build());
}

#[test]
fn ok_with_empty_sessions_list_keeps_it_empty_not_absent() {
    let output = parse_ok(&response(200, &[], r#"{"Sessions":[]}"#));
    assert_eq!(output.sessions, Some(vec![]));
}

#[test]
fn ok_does_not_depend_on_the_content_type_header() {
    let response = Response::builder()
        .status(200)
        .body(FULL_BODY.as_bytes().to_vec())
        .unwrap();
    let output = DescribeSessions::parse_response(&response).expect("parses");
    assert_eq!(output.sessions().len(), 2);
}

#[test]
fn other_2xx_statuses_are_success_too() {
    let output = parse_ok(&response(202, &[], r#"{"NextToken":"t-2"}"#));
    assert_eq!(output.next_token(), Some("t-2"));
}

#[test]
fn parse_response_accepts_any_byte_container() {
    let from_str: Response<&str> = Response::builder().status(200).body(r#"{"NextToken":"a"}"#).unwrap();
    assert_eq!(
        DescribeSessions::parse_response(&from_str).unwrap().next_token(),
        Some("a")
    );
    let from_slice: Response<&[u8]> = Response::builder()
        .status(200)
        .body(&b"{\"NextToken\":\"b\"}"[..])
        .unwrap();
    assert_eq!(
        DescribeSessions::parse_response(&from_slice).unwrap().next_token(),
        Some("b")
    );
    let from_string: Response<String> = Response::builder().status(200).body(String::new()).unwrap();
    assert_eq!(
        DescribeSessions::parse_response(&from_string).unwrap(),
        DescribeSessionsOutput::builder().build()
    );
}

#[test]
fn ok_with_invalid_json_is_unhandled_with_raw_body_and_parse_error() {
    let body = r#"{"Sessions":[{"SessionId":"alice-07a16060613c408b5""#;
    let error = parse_err(&response(200, &[("x-amzn-RequestId", REQUEST_ID)], body));
    let unhandled = unhandled(&error);
    assert_eq!(unhandled.body(), body.as_bytes());
    assert!(unhandled.parse_error().is_some());
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert_eq!(error.request_id(), Some(REQUEST_ID));
}

#[test]
fn ok_with_wrongly_typed_member_is_unhandled() {
    let body = r#"{"Sessions":"not a list"}"#;
    let error = parse_err(&response(200, &[], body));
    let unhandled = unhandled(&error);
    assert_eq!(unhandled.body(), body.as_bytes());
    assert!(unhandled.parse_error().is_some());
    assert_eq!(error.status(), Some(StatusCode::OK));
}

#[test]
fn ok_with_html_body_is_unhandled_and_keeps_non_utf8_bytes() {
    let body: Vec<u8> = b"<html>\xff\xfe gateway</html>".to_vec();
    let response = Response::builder().status(200).body(body.clone()).unwrap();
    let error = DescribeSessions::parse_response(&response).expect_err("not JSON");
    assert_eq!(unhandled(&error).body(), body.as_slice());
    assert!(unhandled(&error).parse_error().is_some());
}

#[test]
fn ok_with_invalid_utf8_in_a_string_names_the_position() {
    // parse_response checks UTF-8 once for the whole body and parses text;
    // a body that fails the check is parsed as bytes so the error says where.
    let body = b"{\"NextToken\":\"abc\xff\xfe\"}".to_vec();
    let response = Response::builder().status(200).body(body).unwrap();
    let error = DescribeSessions::parse_response(&response).expect_err("not UTF-8");
    let message = unhandled(&error).parse_error().expect("a parse error").to_string();
    assert!(message.contains("invalid unicode code point"), "{message}");
    assert!(message.contains("line 1 column"), "{message}");
}

#[test]
fn ok_with_utf8_strings_parses_as_text() {
    let body = r#"{"NextToken":"Zürich ✓ 李雷","Sessions":[]}"#;
    let response = Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap();
    let output = DescribeSessions::parse_response(&response).expect("parses");
    assert_eq!(output.next_token(), Some("Zürich ✓ 李雷"));
}

// ---------------------------------------------------------------------------
// Where the error code comes from
// ---------------------------------------------------------------------------

#[test]
fn code_from_x_amzn_errortype_header() {
    let error = parse_err(&response(
        400,
        &[("X-Amzn-Errortype", "InvalidNextToken")],
        r#"{"Message":"The specified token is not valid."}"#,
    ));
    assert_eq!(variant(&error), "InvalidNextToken");
    assert_eq!(error.code(), Some("InvalidNextToken"));
}

#[test]
fn code_header_name_is_case_insensitive() {
    for name in ["x-amzn-errortype", "X-AMZN-ERRORTYPE", "X-Amzn-ErrorType"] {
        let error = parse_err(&response(400, &[(name, "InvalidFilterKey")], "{}"));
        assert_eq!(variant(&error), "InvalidFilterKey", "header spelled {name}");
    }
}

#[test]
fn code_header_takes_precedence_over_body_type_and_code() {
    let body = r#"{"__type":"InvalidFilterKey","code":"InternalServerError","Message":"bad"}"#;
    let error = parse_err(&response(400, &[("X-Amzn-Errortype", "InvalidNextToken")], body));
    assert_eq!(variant(&error), "InvalidNextToken");
    assert_eq!(error.code(), Some("InvalidNextToken"));
}

#[test]
fn code_from_body_code_field() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"code":"InvalidFilterKey","Message":"Unknown key"}"#,
    ));
    assert_eq!(variant(&error), "InvalidFilterKey");
    assert_eq!(error.code(), Some("InvalidFilterKey"));
}

#[test]
fn code_from_body_type_field() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidNextToken","Message":"expired"}"#,
    ));
    assert_eq!(variant(&error), "InvalidNextToken");
    assert_eq!(error.code(), Some("InvalidNextToken"));
}

#[test]
fn code_body_field_takes_precedence_over_type() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidNextToken","code":"InvalidFilterKey"}"#,
    ));
    assert_eq!(variant(&error), "InvalidFilterKey");
}

#[test]
fn code_body_lookup_is_case_sensitive() {
    // Only `code` and `__type` name the error; `Code` and `__Type` are ordinary fields.
    let error = parse_err(&response(
        400,
        &[],
        r#"{"Code":"InvalidNextToken","__Type":"InvalidNextToken"}"#,
    ));
    assert_eq!(variant(&error), "Unhandled");
    assert_eq!(error.code(), None);
}

#[test]
fn non_string_code_fields_are_ignored() {
    let error = parse_err(&response(400, &[], r#"{"code":400,"__type":"InvalidFilterKey"}"#));
    assert_eq!(variant(&error), "InvalidFilterKey");
}

#[test]
fn error_without_any_code_is_unhandled_without_code() {
    let body = r#"{"Message":"Something went wrong"}"#;
    let error = parse_err(&response(400, &[("x-amzn-RequestId", REQUEST_ID)], body));
    assert_eq!(variant(&error), "Unhandled");
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), Some("Something went wrong"));
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert!(unhandled(&error).parse_error().is_none());
    assert_eq!(unhandled(&error).body(), body.as_bytes());
}

// ---------------------------------------------------------------------------
// Cleaning up the code (sanitizing)
// ---------------------------------------------------------------------------

/// The code the error ends up with when the body's `__type` is `raw`.
fn code_from_type(raw: &str) -> (Option<String>, &'static str) {
    let body = serde_json::json!({ "__type": raw, "Message": "m" }).to_string();
    let error = parse_err(&response(400, &[], &body));
    (error.code().map(str::to_owned), variant(&error))
}

#[test]
fn sanitize_suffix_after_colon_is_dropped() {
    let (code, _) = code_from_type("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/");
    assert_eq!(code.as_deref(), Some("FooError"));
}

#[test]
fn sanitize_namespace_before_hash_is_dropped() {
    assert_eq!(
        code_from_type("com.amazonaws.ssm#InvalidNextToken"),
        (Some("InvalidNextToken".to_owned()), "InvalidNextToken")
    );
}

#[test]
fn sanitize_other_namespace_and_suffix_are_both_dropped() {
    assert_eq!(
        code_from_type(
            "aws.different.namespace#InvalidNextToken:http://internal.amazon.com/coral/com.amazon.coral.validate/"
        ),
        (Some("InvalidNextToken".to_owned()), "InvalidNextToken")
    );
}

#[test]
fn sanitize_every_facts_sheet_spelling_gives_the_same_code() {
    for raw in [
        "InvalidFilterKey",
        "InvalidFilterKey:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        "com.amazonaws.ssm#InvalidFilterKey",
        "aws.different.namespace#InvalidFilterKey",
        "com.amazonaws.ssm#InvalidFilterKey:http://internal.amazon.com/coral/com.amazon.coral.validate/",
    ] {
        assert_eq!(
            code_from_type(raw),
            (Some("InvalidFilterKey".to_owned()), "InvalidFilterKey"),
            "raw code {raw}"
        );
    }
}

#[test]
fn sanitize_applies_to_the_header_code() {
    let error = parse_err(&response(
        500,
        &[(
            "X-Amzn-Errortype",
            "com.amazonaws.ssm#InternalServerError:http://internal.amazon.com/coral/com.amazon.coral.service/",
        )],
        "",
    ));
    assert_eq!(variant(&error), "InternalServerError");
    assert_eq!(error.code(), Some("InternalServerError"));
}

#[test]
fn sanitize_applies_to_the_body_code_field() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"code":"com.amazonaws.ssm#InvalidFilterKey:http://x/"}"#,
    ));
    assert_eq!(variant(&error), "InvalidFilterKey");
}

#[test]
fn sanitized_unknown_code_is_kept_on_unhandled() {
    let (code, variant) = code_from_type("com.amazonaws.ssm#ThrottlingException:http://internal.amazon.com/");
    assert_eq!(code.as_deref(), Some("ThrottlingException"));
    assert_eq!(variant, "Unhandled");
}

// ---------------------------------------------------------------------------
// Nested `__type` is not a code
// ---------------------------------------------------------------------------

#[test]
fn nested_type_does_not_override_the_top_level_type() {
    // AwsJson11FooErrorWithNestedTypeProperty.
    let body = r#"{
        "__type": "com.amazonaws.ssm#InvalidNextToken",
        "ErrorDetails": {"__type": "com.amazon.internal#ErrorDetails", "reason": "Some reason"},
        "Message": "The token has expired"
    }"#;
    let error = parse_err(&response(400, &[], body));
    assert_eq!(variant(&error), "InvalidNextToken");
    assert_eq!(error.code(), Some("InvalidNextToken"));
    assert_eq!(error.message(), Some("The token has expired"));
}

#[test]
fn nested_type_alone_is_ignored() {
    let body = r#"{"ErrorDetails":{"__type":"InvalidNextToken","code":"InvalidFilterKey"},"Message":"nested"}"#;
    let error = parse_err(&response(400, &[], body));
    assert_eq!(variant(&error), "Unhandled");
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), Some("nested"));
}

// ---------------------------------------------------------------------------
// Message
// ---------------------------------------------------------------------------

fn message_of(body: &str) -> Option<String> {
    parse_err(&response(400, &[], body)).message().map(str::to_owned)
}

#[test]
fn message_from_lowercase_message() {
    assert_eq!(
        message_of(r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#).as_deref(),
        Some("Rate exceeded")
    );
}

#[test]
fn message_from_capitalized_message() {
    assert_eq!(
        message_of(r#"{"__type":"ThrottlingException","Message":"Rate exceeded"}"#).as_deref(),
        Some("Rate exceeded")
    );
}

#[test]
fn message_from_error_message() {
    assert_eq!(
        message_of(r#"{"__type":"ThrottlingException","errorMessage":"Rate exceeded"}"#).as_deref(),
        Some("Rate exceeded")
    );
}

#[test]
fn message_precedence_is_message_then_capitalized_then_error_message() {
    assert_eq!(
        message_of(r#"{"errorMessage":"third","Message":"second","message":"first"}"#).as_deref(),
        Some("first")
    );
    assert_eq!(
        message_of(r#"{"errorMessage":"third","Message":"second"}"#).as_deref(),
        Some("second")
    );
}

#[test]
fn message_is_none_when_absent_or_nested() {
    assert_eq!(message_of(r#"{"__type":"ThrottlingException"}"#), None);
    assert_eq!(message_of(r#"{"Details":{"message":"nested"}}"#), None);
}

#[test]
fn message_on_modelled_error_from_lowercase_message_reaches_meta() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidNextToken","message":"lower-case text"}"#,
    ));
    assert_eq!(variant(&error), "InvalidNextToken");
    assert_eq!(error.message(), Some("lower-case text"));
}

// ---------------------------------------------------------------------------
// Request id
// ---------------------------------------------------------------------------

#[test]
fn request_id_from_x_amzn_request_id_header() {
    let error = parse_err(&response(
        400,
        &[("x-amzn-RequestId", REQUEST_ID)],
        r#"{"__type":"InvalidFilterKey"}"#,
    ));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.meta().request_id(), Some(REQUEST_ID));
}

#[test]
fn request_id_header_name_is_case_insensitive() {
    for name in [
        "X-Amzn-Requestid",
        "x-amzn-requestid",
        "X-AMZN-REQUESTID",
        "x-amzn-RequestId",
    ] {
        let error = parse_err(&response(
            400,
            &[(name, REQUEST_ID)],
            r#"{"__type":"InvalidFilterKey"}"#,
        ));
        assert_eq!(error.request_id(), Some(REQUEST_ID), "header spelled {name}");
    }
}

#[test]
fn request_id_is_none_without_the_header() {
    let error = parse_err(&response(400, &[], r#"{"__type":"InvalidFilterKey"}"#));
    assert_eq!(error.request_id(), None);
}

#[test]
fn request_id_is_never_taken_from_the_body() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidFilterKey","RequestId":"from-body"}"#,
    ));
    assert_eq!(error.request_id(), None);
}

// ---------------------------------------------------------------------------
// Modelled errors
// ---------------------------------------------------------------------------

#[test]
fn internal_server_error_500_maps_to_its_variant_with_fields() {
    let error = parse_err(&response(
        500,
        &[("x-amzn-RequestId", REQUEST_ID)],
        r#"{"__type":"InternalServerError","Message":"An internal error occurred. Try again."}"#,
    ));
    let DescribeSessionsError::InternalServerError(inner) = &error else {
        panic!("expected InternalServerError, got {error:?}");
    };
    assert_eq!(inner.message(), Some("An internal error occurred. Try again."));
    assert_eq!(inner.meta().code(), Some("InternalServerError"));
    assert_eq!(inner.meta().status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(inner.meta().request_id(), Some(REQUEST_ID));
    assert_eq!(inner.meta().message(), Some("An internal error occurred. Try again."));
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(error.code(), Some("InternalServerError"));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.meta(), inner.meta());
}

#[test]
fn invalid_filter_key_400_maps_to_its_variant_with_fields() {
    let error = parse_err(&response(
        400,
        &[("x-amzn-RequestId", REQUEST_ID)],
        r#"{"__type":"InvalidFilterKey","Message":"The specified key is not valid: Region"}"#,
    ));
    let DescribeSessionsError::InvalidFilterKey(inner) = &error else {
        panic!("expected InvalidFilterKey, got {error:?}");
    };
    // InvalidFilterKey has no members in the model: the message is in the metadata.
    assert_eq!(inner.meta().message(), Some("The specified key is not valid: Region"));
    assert_eq!(error.message(), Some("The specified key is not valid: Region"));
    assert_eq!(inner.meta().status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(inner.meta().code(), Some("InvalidFilterKey"));
    assert_eq!(inner.meta().request_id(), Some(REQUEST_ID));
}

#[test]
fn invalid_next_token_400_maps_to_its_variant_with_fields() {
    let error = parse_err(&response(
        400,
        &[("X-Amzn-Requestid", REQUEST_ID)],
        r#"{"__type":"com.amazonaws.ssm#InvalidNextToken","Message":"The specified token is not valid."}"#,
    ));
    let DescribeSessionsError::InvalidNextToken(inner) = &error else {
        panic!("expected InvalidNextToken, got {error:?}");
    };
    assert_eq!(inner.message(), Some("The specified token is not valid."));
    assert_eq!(inner.meta().status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(inner.meta().code(), Some("InvalidNextToken"));
    assert_eq!(inner.meta().request_id(), Some(REQUEST_ID));
    assert_eq!(error.message(), Some("The specified token is not valid."));
}

#[test]
fn modelled_error_ignores_unknown_body_fields() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidNextToken","Message":"expired","Reason":"TTL","Detail":{"a":[1,2]}}"#,
    ));
    let DescribeSessionsError::InvalidNextToken(inner) = &error else {
        panic!("expected InvalidNextToken, got {error:?}");
    };
    assert_eq!(inner.message(), Some("expired"));
}

#[test]
fn modelled_error_type_comes_from_the_code_not_the_status() {
    // Clients must not work out the error type from the status code.
    let error = parse_err(&response(
        503,
        &[],
        r#"{"__type":"InvalidNextToken","Message":"odd status"}"#,
    ));
    assert_eq!(variant(&error), "InvalidNextToken");
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));

    let error = parse_err(&response(500, &[], r#"{"Message":"no code"}"#));
    assert_eq!(
        variant(&error),
        "Unhandled",
        "a 500 without a code is not InternalServerError"
    );
}

#[test]
fn modelled_error_with_only_type_in_body_has_no_message() {
    // AwsJson11EmptyComplexError: a body holding only `__type`.
    let error = parse_err(&response(400, &[], r#"{"__type":"InvalidFilterKey"}"#));
    let DescribeSessionsError::InvalidFilterKey(inner) = &error else {
        panic!("expected InvalidFilterKey, got {error:?}");
    };
    assert_eq!(inner.meta().code(), Some("InvalidFilterKey"));
    assert_eq!(error.message(), None);
}

#[test]
fn error_with_no_body_but_the_header_is_the_modelled_error() {
    // AwsJson11FooErrorUsingXAmznErrorType: no body, code 500.
    let error = parse_err(&response(
        500,
        &[
            ("X-Amzn-Errortype", "InternalServerError"),
            ("x-amzn-RequestId", REQUEST_ID),
        ],
        "",
    ));
    let DescribeSessionsError::InternalServerError(inner) = &error else {
        panic!("expected InternalServerError, got {error:?}");
    };
    assert_eq!(inner.message(), None);
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.code(), Some("InternalServerError"));
}

#[test]
fn error_with_no_body_and_unknown_header_code_is_unhandled() {
    let error = parse_err(&response(429, &[("X-Amzn-Errortype", "ThrottlingException")], ""));
    let unhandled = unhandled(&error);
    assert!(unhandled.body().is_empty());
    assert!(unhandled.parse_error().is_none());
    assert_eq!(error.code(), Some("ThrottlingException"));
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
}

#[test]
fn error_with_no_body_and_no_header_is_unhandled_without_code() {
    let error = parse_err(&response(502, &[], ""));
    let unhandled = unhandled(&error);
    assert!(unhandled.parse_error().is_none());
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
}

#[test]
fn modelled_code_with_body_not_matching_the_shape_is_unhandled_with_code() {
    let body = r#"{"__type":"InvalidNextToken","Message":42}"#;
    let error = parse_err(&response(400, &[("x-amzn-RequestId", REQUEST_ID)], body));
    let unhandled = unhandled(&error);
    assert!(unhandled.parse_error().is_some());
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(error.code(), Some("InvalidNextToken"));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
}

// ---------------------------------------------------------------------------
// Unhandled
// ---------------------------------------------------------------------------

#[test]
fn unknown_code_is_unhandled_with_code_message_status_and_request_id() {
    let body = r#"{"__type":"com.amazonaws.ssm#ThrottlingException","message":"Rate exceeded"}"#;
    let error = parse_err(&response(400, &[("x-amzn-RequestId", REQUEST_ID)], body));
    let unhandled = unhandled(&error);
    assert_eq!(error.code(), Some("ThrottlingException"));
    assert_eq!(error.message(), Some("Rate exceeded"));
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(unhandled.meta().code(), Some("ThrottlingException"));
    assert_eq!(unhandled.body(), body.as_bytes());
    assert!(unhandled.parse_error().is_none());
}

#[test]
fn code_matching_is_exact_and_case_sensitive() {
    for raw in ["invalidnexttoken", "InvalidNextTokenException", "InvalidNextTokens"] {
        let (code, variant) = code_from_type(raw);
        assert_eq!(variant, "Unhandled", "raw code {raw:?}");
        assert_eq!(code.as_deref(), Some(raw));
    }
}

#[test]
fn error_body_not_json_is_unhandled_with_parse_error_and_raw_body() {
    let body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let error = parse_err(&response(502, &[("x-amzn-RequestId", REQUEST_ID)], body));
    let unhandled = unhandled(&error);
    assert!(unhandled.parse_error().is_some());
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.code(), None);
}

#[test]
fn error_body_json_array_is_unhandled_with_parse_error() {
    let body = r#"[{"__type":"InvalidNextToken"}]"#;
    let error = parse_err(&response(400, &[], body));
    let unhandled = unhandled(&error);
    assert!(unhandled.parse_error().is_some());
    assert_eq!(unhandled.body(), body.as_bytes());
}

#[test]
fn error_body_not_json_still_keeps_the_header_code() {
    let body = "upstream connect error or disconnect/reset before headers";
    let error = parse_err(&response(
        503,
        &[
            ("X-Amzn-Errortype", "InternalServerError"),
            ("x-amzn-RequestId", REQUEST_ID),
        ],
        body,
    ));
    let unhandled = unhandled(&error);
    assert!(unhandled.parse_error().is_some());
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.code(), Some("InternalServerError"), "the header names the error");
}

// ---------------------------------------------------------------------------
// Display and source
// ---------------------------------------------------------------------------

#[test]
fn display_of_modelled_errors_names_the_error_and_message() {
    let cases = [
        (500, "InternalServerError", "InternalServerError: Try again later"),
        (400, "InvalidNextToken", "InvalidNextToken: Try again later"),
    ];
    for (status, code, expected) in cases {
        let body = format!(r#"{{"__type":"{code}","Message":"Try again later"}}"#);
        let error = parse_err(&response(status, &[], &body));
        assert_eq!(error.to_string(), expected);
    }
}

#[test]
fn display_of_memberless_modelled_error_shows_the_response_message() {
    // InvalidFilterKey has no `Message` member in the model; the message the
    // response carried is still shown.
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidFilterKey","Message":"Try again later"}"#,
    ));
    assert_eq!(error.to_string(), "InvalidFilterKey: Try again later");
    assert_eq!(error.message(), Some("Try again later"));
}

#[test]
fn display_of_modelled_error_without_message_is_the_name() {
    let error = parse_err(&response(500, &[], r#"{"__type":"InternalServerError"}"#));
    assert_eq!(error.to_string(), "InternalServerError");
}

#[test]
fn display_of_unhandled_with_code_and_message() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
    ));
    assert_eq!(
        error.to_string(),
        "unhandled error ThrottlingException (HTTP 400): Rate exceeded"
    );
}

#[test]
fn display_of_unhandled_without_code() {
    let error = parse_err(&response(502, &[], ""));
    assert_eq!(error.to_string(), "unhandled error without a code (HTTP 502)");
}

#[test]
fn display_of_unreadable_body_mentions_status_and_parse_error() {
    let error = parse_err(&response(200, &[], "{not json"));
    let text = error.to_string();
    let parse_error = unhandled(&error).parse_error().unwrap().to_string();
    assert_eq!(text, format!("cannot read the response body (HTTP 200): {parse_error}"));
}

#[test]
fn source_of_modelled_error_is_the_error_structure() {
    let error = parse_err(&response(
        400,
        &[],
        r#"{"__type":"InvalidNextToken","Message":"expired"}"#,
    ));
    let source = error.source().expect("a modelled error has a source");
    let inner = source
        .downcast_ref::<ssm::types::error::InvalidNextToken>()
        .expect("the source is the InvalidNextToken structure");
    assert_eq!(inner.message(), Some("expired"));
    assert!(source.source().is_none());
}

#[test]
fn source_of_internal_server_error_and_invalid_filter_key() {
    let error = parse_err(&response(500, &[], r#"{"__type":"InternalServerError"}"#));
    assert!(error
        .source()
        .and_then(|s| s.downcast_ref::<ssm::types::error::InternalServerError>())
        .is_some());
    let error = parse_err(&response(400, &[], r#"{"__type":"InvalidFilterKey"}"#));
    assert!(error
        .source()
        .and_then(|s| s.downcast_ref::<ssm::types::error::InvalidFilterKey>())
        .is_some());
}

#[test]
fn source_chain_of_unreadable_body_ends_at_the_json_error() {
    let error = parse_err(&response(500, &[], "Internal Server Error"));
    let unhandled_source = error.source().expect("Unhandled is the source");
    assert!(unhandled_source.downcast_ref::<ssm::error::Unhandled>().is_some());
    let json_error = unhandled_source
        .source()
        .expect("the JSON error is the source of Unhandled");
    assert!(json_error.downcast_ref::<serde_json::Error>().is_some());
}

#[test]
fn source_of_unhandled_error_code_has_no_json_error() {
    let error = parse_err(&response(400, &[], r#"{"__type":"AccessDeniedException"}"#));
    let unhandled_source = error.source().expect("Unhandled is the source");
    assert!(unhandled_source.downcast_ref::<ssm::error::Unhandled>().is_some());
    assert!(unhandled_source.source().is_none());
}

#[test]
fn errors_are_send_sync_and_static() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<DescribeSessionsError>();
    assert_error::<ssm::error::Unhandled>();
    assert_error::<ssm::error::BuildRequestError>();
}
