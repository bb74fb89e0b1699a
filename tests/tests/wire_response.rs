//! Parsing awsJson1_1 `DescribeSessions` response bodies.

use ssm::operation::describe_sessions::DescribeSessionsOutput;
use ssm::primitives::DateTime;
use ssm::types::error::{InternalServerError, InvalidFilterKey, InvalidNextToken};
use ssm::types::{AccessType, Session, SessionManagerOutputUrl, SessionStatus};

const S3_URL: &str = "https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice-07a16060613c408b5.log";
const CW_URL: &str = "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/ssm/sessions;stream=alice-07a16060613c408b5";

fn parse(body: &str) -> DescribeSessionsOutput {
    serde_json::from_str::<DescribeSessionsOutput>(body).unwrap_or_else(|e| panic!("body should parse: {e}\n{body}"))
}

/// Parses `{"Sessions":[<session>]}` and returns the one session.
fn parse_session(session_json: &str) -> Session {
    let output = parse(&format!(r#"{{"Sessions":[{session_json}]}}"#));
    assert_eq!(output.sessions().len(), 1);
    output.sessions()[0].clone()
}

fn start_date(json_number: &str) -> DateTime {
    parse_session(&format!(r#"{{"StartDate":{json_number}}}"#))
        .start_date()
        .expect("StartDate is set")
}

#[test]
fn session_with_every_field_set_parses_each_member() {
    let body = r#"{
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
                "Details": "Interactive shell",
                "OutputUrl": {
                    "S3OutputUrl": "https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice-07a16060613c408b5.log",
                    "CloudWatchOutputUrl": "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/ssm/sessions;stream=alice-07a16060613c408b5"
                },
                "MaxSessionDuration": "60",
                "AccessType": "JustInTime"
            }
        ],
        "NextToken": "AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w=="
    }"#;
    let output = parse(body);
    assert_eq!(
        output.next_token(),
        Some("AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==")
    );
    let [session] = output.sessions() else {
        panic!("expected one session, got {:?}", output.sessions())
    };
    assert_eq!(session.session_id(), Some("alice-07a16060613c408b5"));
    assert_eq!(session.target(), Some("i-0123456789abcdef0"));
    assert_eq!(session.status(), Some(&SessionStatus::Terminated));
    assert_eq!(
        session.start_date(),
        DateTime::from_secs_and_nanos(1_732_704_000, 123_000_000)
    );
    assert_eq!(session.end_date(), Some(DateTime::from_secs(1_732_707_600)));
    assert_eq!(session.document_name(), Some("SSM-SessionManagerRunShell"));
    assert_eq!(
        session.owner(),
        Some("arn:aws:sts::123456789012:assumed-role/Admin/alice")
    );
    assert_eq!(session.reason(), Some("Investigating high CPU on web-1"));
    assert_eq!(session.details(), Some("Interactive shell"));
    let url = session.output_url().expect("OutputUrl is set");
    assert_eq!(url.s3_output_url(), Some(S3_URL));
    assert_eq!(url.cloud_watch_output_url(), Some(CW_URL));
    assert_eq!(session.max_session_duration(), Some("60"));
    assert_eq!(session.access_type(), Some(&AccessType::Justintime));

    let expected = Session::builder()
        .session_id("alice-07a16060613c408b5")
        .target("i-0123456789abcdef0")
        .status(SessionStatus::Terminated)
        .start_date(DateTime::from_secs_and_nanos(1_732_704_000, 123_000_000).unwrap())
        .end_date(DateTime::from_secs(1_732_707_600))
        .document_name("SSM-SessionManagerRunShell")
        .owner("arn:aws:sts::123456789012:assumed-role/Admin/alice")
        .reason("Investigating high CPU on web-1")
        .details("Interactive shell")
        .output_url(
            SessionManagerOutputUrl::builder()
                .s3_output_url(S3_URL)
                .cloud_watch_output_url(CW_URL)
                .build(),
        )
        .max_session_duration("60")
        .access_type(AccessType::Justintime)
        .build();
    assert_eq!(session, &expected);
}

#[test]
fn members_may_appear_in_any_order() {
    let session = parse_session(
        r#"{"AccessType":"Standard","StartDate":1732704000,"Status":"Connected","SessionId":"bob-0c5a2e1b9d3f4a7e6"}"#,
    );
    assert_eq!(session.session_id(), Some("bob-0c5a2e1b9d3f4a7e6"));
    assert_eq!(session.status(), Some(&SessionStatus::Connected));
    assert_eq!(session.start_date(), Some(DateTime::from_secs(1_732_704_000)));
    assert_eq!(session.access_type(), Some(&AccessType::Standard));
}

#[test]
fn sessions_keep_their_order() {
    let output = parse(
        r#"{"Sessions":[
            {"SessionId":"alice-07a16060613c408b5","Status":"Connected"},
            {"SessionId":"bob-0c5a2e1b9d3f4a7e6","Status":"Disconnected"},
            {"SessionId":"carol-0f1e2d3c4b5a69788","Status":"Failed"}
        ]}"#,
    );
    let ids: Vec<_> = output.sessions().iter().map(|s| s.session_id().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "alice-07a16060613c408b5",
            "bob-0c5a2e1b9d3f4a7e6",
            "carol-0f1e2d3c4b5a69788"
        ]
    );
    let statuses: Vec<_> = output.sessions().iter().map(|s| s.status().unwrap().clone()).collect();
    assert_eq!(
        statuses,
        [
            SessionStatus::Connected,
            SessionStatus::Disconnected,
            SessionStatus::Failed
        ]
    );
}

#[test]
fn whole_timestamp_has_zero_nanos() {
    let date = start_date("1732704000");
    assert_eq!(date.secs(), 1_732_704_000);
    assert_eq!(date.subsec_nanos(), 0);
}

#[test]
fn fractional_timestamp_keeps_exact_milliseconds() {
    let date = start_date("1732704000.123");
    assert_eq!(date.secs(), 1_732_704_000);
    assert_eq!(date.subsec_nanos(), 123_000_000);
}

#[test]
fn fractional_timestamps_of_various_precisions() {
    for (json, secs, nanos) in [
        ("1732704000.5", 1_732_704_000, 500_000_000),
        ("1732704000.25", 1_732_704_000, 250_000_000),
        ("1732704000.001", 1_732_704_000, 1_000_000),
        ("1732704000.999", 1_732_704_000, 999_000_000),
        ("1.000001", 1, 1_000),
        ("0.5", 0, 500_000_000),
    ] {
        let date = start_date(json);
        assert_eq!((date.secs(), date.subsec_nanos()), (secs, nanos), "for {json}");
    }
}

#[test]
fn timestamp_with_a_zero_fraction_is_whole() {
    assert_eq!(start_date("1732704000.0"), DateTime::from_secs(1_732_704_000));
    assert_eq!(start_date("1732704000.000"), DateTime::from_secs(1_732_704_000));
}

#[test]
fn timestamp_in_exponent_notation_parses() {
    assert_eq!(
        start_date("1.7327040001E9"),
        DateTime::from_secs_and_nanos(1_732_704_000, 100_000_000).unwrap()
    );
    assert_eq!(start_date("1.732704e9"), DateTime::from_secs(1_732_704_000));
}

#[test]
fn zero_timestamp_is_the_epoch() {
    assert_eq!(start_date("0"), DateTime::UNIX_EPOCH);
    assert_eq!(start_date("-0"), DateTime::UNIX_EPOCH);
    assert_eq!(start_date("0.0"), DateTime::UNIX_EPOCH);
}

#[test]
fn negative_whole_timestamp() {
    let date = start_date("-86400");
    assert_eq!(date.secs(), -86_400);
    assert_eq!(date.subsec_nanos(), 0);
}

#[test]
fn negative_fractional_timestamps_round_seconds_towards_negative_infinity() {
    for (json, secs, nanos) in [
        ("-1.5", -2, 500_000_000),
        ("-1.25", -2, 750_000_000),
        ("-0.001", -1, 999_000_000),
        ("-86400.5", -86_401, 500_000_000),
    ] {
        let date = start_date(json);
        assert_eq!((date.secs(), date.subsec_nanos()), (secs, nanos), "for {json}");
    }
}

#[test]
fn extreme_whole_timestamps_parse_exactly() {
    assert_eq!(start_date("9223372036854775807"), DateTime::from_secs(i64::MAX));
    assert_eq!(start_date("-9223372036854775808"), DateTime::from_secs(i64::MIN));
}

#[test]
fn unknown_top_level_fields_are_ignored() {
    let output = parse(
        r#"{"Sessions":[],"ResponseMetadata":{"RequestId":"4f5c1b2a-1111-2222-3333-444455556666"},
            "Count":3,"Flags":[true,null,{"deep":[1,2,3]}],"NextToken":"t1"}"#,
    );
    assert_eq!(output.next_token(), Some("t1"));
    assert_eq!(output.sessions, Some(vec![]));
}

#[test]
fn unknown_nested_fields_are_ignored() {
    let session = parse_session(
        r#"{"SessionId":"alice-07a16060613c408b5","Protocol":"SSH","Tags":[{"Key":"team","Value":"infra"}],
            "OutputUrl":{"S3OutputUrl":"s3://bucket/key.log","KmsKeyId":"alias/aws/ssm","Extra":{"a":null}},
            "AccessType":"Standard","FutureNumber":1.5e10}"#,
    );
    let expected = Session::builder()
        .session_id("alice-07a16060613c408b5")
        .output_url(
            SessionManagerOutputUrl::builder()
                .s3_output_url("s3://bucket/key.log")
                .build(),
        )
        .access_type(AccessType::Standard)
        .build();
    assert_eq!(session, expected);
}

#[test]
fn member_names_are_case_sensitive() {
    // "sessionId" is not the model member "SessionId", so it is an unknown field.
    let session = parse_session(r#"{"sessionId":"alice-07a16060613c408b5","STATUS":"Connected"}"#);
    assert_eq!(session, Session::builder().build());
}

#[test]
fn unknown_status_is_preserved() {
    let session = parse_session(r#"{"SessionId":"alice-07a16060613c408b5","Status":"Paused"}"#);
    let status = session.status().expect("Status is set");
    assert!(matches!(status, SessionStatus::Unknown(_)), "{status:?}");
    assert_eq!(status.as_str(), "Paused");
}

#[test]
fn unknown_access_type_is_preserved() {
    let session = parse_session(r#"{"AccessType":"Breakglass"}"#);
    let access = session.access_type().expect("AccessType is set");
    assert!(matches!(access, AccessType::Unknown(_)), "{access:?}");
    assert_eq!(access.as_str(), "Breakglass");
}

#[test]
fn unknown_enum_values_reserialize_unchanged() {
    let body = r#"{"Sessions":[{"SessionId":"alice-07a16060613c408b5","Status":"Paused","AccessType":"Breakglass"}]}"#;
    let output = parse(body);
    assert_eq!(serde_json::to_string(&output).unwrap(), body);
}

#[test]
fn enum_values_are_case_sensitive() {
    let session = parse_session(r#"{"Status":"connected","AccessType":"STANDARD"}"#);
    assert!(matches!(session.status(), Some(SessionStatus::Unknown(_))));
    assert_eq!(session.status().unwrap().as_str(), "connected");
    assert!(matches!(session.access_type(), Some(AccessType::Unknown(_))));
    assert_eq!(session.access_type().unwrap().as_str(), "STANDARD");
}

#[test]
fn every_known_status_parses_to_its_variant() {
    for (wire, variant) in [
        ("Connected", SessionStatus::Connected),
        ("Connecting", SessionStatus::Connecting),
        ("Disconnected", SessionStatus::Disconnected),
        ("Terminated", SessionStatus::Terminated),
        ("Terminating", SessionStatus::Terminating),
        ("Failed", SessionStatus::Failed),
    ] {
        let session = parse_session(&format!(r#"{{"Status":"{wire}"}}"#));
        assert_eq!(session.status(), Some(&variant));
    }
}

#[test]
fn null_session_members_read_as_absent() {
    let session = parse_session(
        r#"{"SessionId":null,"Target":null,"Status":null,"StartDate":null,"EndDate":null,
            "DocumentName":null,"Owner":null,"Reason":null,"Details":null,"OutputUrl":null,
            "MaxSessionDuration":null,"AccessType":null}"#,
    );
    assert_eq!(session, Session::builder().build());
    assert_eq!(serde_json::to_string(&session).unwrap(), "{}");
}

#[test]
fn null_nested_output_url_members_read_as_absent() {
    let session = parse_session(
        r#"{"OutputUrl":{"S3OutputUrl":null,"CloudWatchOutputUrl":"https://console.aws.amazon.com/cw"}}"#,
    );
    let url = session.output_url().unwrap();
    assert_eq!(url.s3_output_url(), None);
    assert_eq!(url.cloud_watch_output_url(), Some("https://console.aws.amazon.com/cw"));
}

#[test]
fn null_top_level_members_read_as_absent() {
    let output = parse(r#"{"Sessions":null,"NextToken":null}"#);
    assert!(output.sessions.is_none());
    assert_eq!(output.next_token(), None);
    assert_eq!(output, DescribeSessionsOutput::builder().build());
}

#[test]
fn empty_sessions_list_is_present_but_empty() {
    let output = parse(r#"{"Sessions":[]}"#);
    assert!(output.sessions().is_empty());
    assert_eq!(output.sessions, Some(Vec::new()));
}

#[test]
fn absent_sessions_is_none_and_accessor_gives_empty_slice() {
    let output = parse(r#"{"NextToken":"t"}"#);
    assert!(output.sessions().is_empty());
    assert!(output.sessions.is_none());
}

#[test]
fn empty_object_body_has_no_members() {
    let output = parse("{}");
    assert!(output.sessions.is_none());
    assert!(output.next_token.is_none());
}

#[test]
fn json_escapes_in_strings_are_decoded() {
    let session = parse_session(
        r#"{"Reason":"Caf\u00e9 \"prod\" fix\nline2\ttab \\ back \/ slash \ud83d\ude80 done","Details":"\u0000\u001f"}"#,
    );
    assert_eq!(
        session.reason(),
        Some("Café \"prod\" fix\nline2\ttab \\ back / slash 🚀 done")
    );
    assert_eq!(session.details(), Some("\u{0}\u{1f}"));
}

#[test]
fn raw_utf8_in_strings_is_kept() {
    let session = parse_session(
        r#"{"Reason":"Zoë's 调试 session 🚀","Owner":"arn:aws:sts::123456789012:assumed-role/Admin/zoë"}"#,
    );
    assert_eq!(session.reason(), Some("Zoë's 调试 session 🚀"));
    assert_eq!(
        session.owner(),
        Some("arn:aws:sts::123456789012:assumed-role/Admin/zoë")
    );
}

#[test]
fn empty_strings_are_present_not_absent() {
    let output = parse(r#"{"Sessions":[{"SessionId":""}],"NextToken":""}"#);
    assert_eq!(output.next_token(), Some(""));
    assert_eq!(output.sessions()[0].session_id(), Some(""));
}

#[test]
fn body_from_bytes_parses_like_body_from_str() {
    let body = br#"{"Sessions":[{"SessionId":"alice-07a16060613c408b5","StartDate":1732704000.5}],"NextToken":"n"}"#;
    let from_slice: DescribeSessionsOutput = serde_json::from_slice(body).unwrap();
    let from_str = parse(std::str::from_utf8(body).unwrap());
    assert_eq!(from_slice, from_str);
    assert_eq!(
        from_slice.sessions()[0].start_date(),
        DateTime::from_secs_and_nanos(1_732_704_000, 500_000_000)
    );
}

#[test]
fn internal_server_error_parses_message_and_ignores_type() {
    let error: InternalServerError = serde_json::from_str(
        r#"{"__type":"com.amazonaws.ssm#InternalServerError","Message":"An internal error occurred. Retry later."}"#,
    )
    .unwrap();
    assert_eq!(error.message(), Some("An internal error occurred. Retry later."));
    assert_eq!(
        error.to_string(),
        "InternalServerError: An internal error occurred. Retry later."
    );
}

#[test]
fn internal_server_error_without_message() {
    let error: InternalServerError = serde_json::from_str(r#"{"__type":"InternalServerError"}"#).unwrap();
    assert_eq!(error.message(), None);
    assert_eq!(error.to_string(), "InternalServerError");
}

#[test]
fn invalid_next_token_error_parses_message() {
    let error: InvalidNextToken = serde_json::from_str(
        r#"{"__type":"com.amazonaws.ssm#InvalidNextToken","Message":"The specified token isn't valid."}"#,
    )
    .unwrap();
    assert_eq!(error.message(), Some("The specified token isn't valid."));
    assert_eq!(error.to_string(), "InvalidNextToken: The specified token isn't valid.");
}

#[test]
fn invalid_filter_key_error_has_no_members_and_ignores_fields() {
    let error: InvalidFilterKey =
        serde_json::from_str(r#"{"__type":"com.amazonaws.ssm#InvalidFilterKey","Message":"Bad key"}"#).unwrap();
    assert_eq!(error, InvalidFilterKey::builder().build());
    assert_eq!(error.to_string(), "InvalidFilterKey");
    assert_eq!(serde_json::to_string(&error).unwrap(), "{}");
}
