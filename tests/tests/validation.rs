//! `validate()` checks the model's constraints (`@required`, `@length`,
//! `@range`, `@pattern`) and reports every violation with its member path;
//! builders report missing required members.
//!
//! Constraints from `model/ssm/describe-sessions.json`:
//! - `DescribeSessionsRequest.State` is `@required`.
//! - `MaxResults` (`SessionMaxResults`): `@range(min: 1, max: 200)`.
//! - `Filters` (`SessionFilterList`): `@length(min: 1, max: 6)`.
//! - `SessionFilter.key` and `.value` are `@required`; `value`: `@length(1..=400)`.
//! - `Session`: `SessionId` length 1..=96, `Target` 1..=400, `Owner` 1..=256,
//!   `Reason` 1..=256 and `@pattern("^.{1,256}$")`, `Details` 1..=1024,
//!   `DocumentName` `@pattern("^[a-zA-Z0-9_\-.]{3,128}$")`,
//!   `MaxSessionDuration` length 1..=4 and a pattern for 1..=1440 (as written).
//! - `SessionManagerOutputUrl`: both URLs length 1..=2083.
//!
//! The model has no `@sensitive` members, so there is nothing to redact.

use ssm::error::{ConstraintViolation, Rule, ValidationError};
use ssm::operation::describe_sessions::DescribeSessionsInput;
use ssm::types::{SessionFilter, SessionFilterKey, SessionState};
// Only what a caller sends has `validate()` by default; the model's rules on
// what the service sends are checked on the crate generated with
// `validate_outputs`.
use ssm_validated::operation::describe_sessions::DescribeSessionsOutput;
use ssm_validated::types::{Session, SessionManagerOutputUrl};

mod common;
use common::{filter, OWNER_ARN};

fn valid_input() -> DescribeSessionsInput {
    DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .max_results(50)
        .next_token("AAEAAbU0ZmM2ZDlj==")
        .filters(filter(SessionFilterKey::TargetId, "i-0123456789abcdef0"))
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .build()
        .unwrap()
}

fn valid_session() -> Session {
    Session::builder()
        .session_id("alice-07a16060613c408b5")
        .target("i-0123456789abcdef0")
        .status("Connected")
        .document_name("SSM-SessionManagerRunShell")
        .owner(OWNER_ARN)
        .reason("Investigating high CPU on web-1 — Zoë 🚀")
        .details("Interactive shell")
        .output_url(
            SessionManagerOutputUrl::builder()
                .s3_output_url("https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice.log")
                .cloud_watch_output_url("https://console.aws.amazon.com/cloudwatch/home?region=us-east-1")
                .build(),
        )
        .max_session_duration("60")
        .access_type("Standard")
        .build()
}

/// The `Display` of each violation, in order.
fn violation_lines(result: Result<(), ValidationError>) -> Vec<String> {
    let error = result.expect_err("the value should be invalid");
    error.violations().iter().map(ToString::to_string).collect()
}

fn input_violations(input: &DescribeSessionsInput) -> Vec<String> {
    violation_lines(input.validate())
}

fn session_violations(session: Session) -> Vec<String> {
    violation_lines(session.validate())
}

#[test]
fn valid_input_passes() {
    assert_eq!(valid_input().validate(), Ok(()));
}

#[test]
fn minimal_input_with_only_state_passes() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .build()
        .unwrap();
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn input_at_every_bound_passes() {
    for max_results in [1, 200] {
        let mut input = valid_input();
        input.max_results = Some(max_results);
        input.filters = Some(vec![filter(SessionFilterKey::SessionId, &"a".repeat(400))]);
        assert_eq!(input.validate(), Ok(()), "MaxResults {max_results}");
    }
    let mut input = valid_input();
    input.filters = Some(
        (0..6)
            .map(|i| filter(SessionFilterKey::Owner, &format!("user-{i}")))
            .collect(),
    );
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn missing_state_is_required() {
    let input = DescribeSessionsInput::builder()
        .max_results(10)
        .build()
        .expect("operation input builders do not check");
    assert_eq!(input_violations(&input), ["State: is required but has no value"]);
    let error = input.validate().unwrap_err();
    assert_eq!(error.violations()[0].path(), "State");
    assert_eq!(error.violations()[0].rule(), &Rule::Required);
}

#[test]
fn empty_input_reports_only_missing_state() {
    let input = DescribeSessionsInput::builder().build().unwrap();
    assert_eq!(input_violations(&input), ["State: is required but has no value"]);
}

#[test]
fn empty_filter_list_is_below_min_length() {
    let mut input = valid_input();
    input.filters = Some(Vec::new());
    assert_eq!(
        input_violations(&input),
        ["Filters: length 0 is below the minimum of 1"]
    );
    let error = input.validate().unwrap_err();
    assert_eq!(error.violations()[0].rule(), &Rule::LengthBelow { length: 0, min: 1 });
}

#[test]
fn seven_filters_is_above_max_length() {
    let mut input = valid_input();
    input.filters = Some(
        (0..7)
            .map(|i| filter(SessionFilterKey::TargetId, &format!("i-0123456789abcdef{i}")))
            .collect(),
    );
    assert_eq!(
        input_violations(&input),
        ["Filters: length 7 is above the maximum of 6"]
    );
    let error = input.validate().unwrap_err();
    assert_eq!(error.violations()[0].rule(), &Rule::LengthAbove { length: 7, max: 6 });
}

#[test]
fn empty_filter_value_is_below_min_length() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(SessionFilterKey::Owner, ""))
        .build()
        .unwrap();
    assert_eq!(
        input_violations(&input),
        ["Filters[0].value: length 0 is below the minimum of 1"]
    );
}

#[test]
fn filter_value_over_400_characters_is_above_max_length() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .filters(filter(SessionFilterKey::Status, "Connected"))
        .filters(filter(SessionFilterKey::TargetId, &"x".repeat(401)))
        .build()
        .unwrap();
    assert_eq!(
        input_violations(&input),
        ["Filters[2].value: length 401 is above the maximum of 400"]
    );
}

#[test]
fn lengths_count_characters_not_bytes() {
    // 400 two-byte and four-byte characters are 400 characters, not 800 or 1600 bytes.
    for ch in ["é", "🚀"] {
        let input = DescribeSessionsInput::builder()
            .state(SessionState::Active)
            .filters(filter(SessionFilterKey::Owner, &ch.repeat(400)))
            .build()
            .unwrap();
        assert_eq!(input.validate(), Ok(()), "{ch}");
    }
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(SessionFilterKey::Owner, &"🚀".repeat(401)))
        .build()
        .unwrap();
    assert_eq!(
        input_violations(&input),
        ["Filters[0].value: length 401 is above the maximum of 400"]
    );
}

#[test]
fn max_results_zero_is_below_range() {
    let mut input = valid_input();
    input.max_results = Some(0);
    assert_eq!(
        input_violations(&input),
        ["MaxResults: value 0 is below the minimum of 1"]
    );
    let error = input.validate().unwrap_err();
    assert_eq!(
        error.violations()[0].rule(),
        &Rule::RangeBelow {
            value: "0".to_owned(),
            min: "1"
        }
    );
}

#[test]
fn max_results_201_is_above_range() {
    let mut input = valid_input();
    input.max_results = Some(201);
    assert_eq!(
        input_violations(&input),
        ["MaxResults: value 201 is above the maximum of 200"]
    );
    let error = input.validate().unwrap_err();
    assert_eq!(
        error.violations()[0].rule(),
        &Rule::RangeAbove {
            value: "201".to_owned(),
            max: "200"
        }
    );
}

#[test]
fn max_results_extremes_are_out_of_range() {
    let mut input = valid_input();
    input.max_results = Some(i32::MIN);
    assert_eq!(
        input_violations(&input),
        ["MaxResults: value -2147483648 is below the minimum of 1"]
    );
    input.max_results = Some(i32::MAX);
    assert_eq!(
        input_violations(&input),
        ["MaxResults: value 2147483647 is above the maximum of 200"]
    );
}

#[test]
fn multiple_violations_are_all_reported_in_member_order() {
    let input = DescribeSessionsInput::builder()
        .max_results(0)
        .filters(filter(SessionFilterKey::Owner, ""))
        .filters(filter(SessionFilterKey::TargetId, "i-0123456789abcdef0"))
        .filters(filter(SessionFilterKey::Status, ""))
        .build()
        .unwrap();
    assert_eq!(
        input_violations(&input),
        [
            "State: is required but has no value",
            "MaxResults: value 0 is below the minimum of 1",
            "Filters[0].value: length 0 is below the minimum of 1",
            "Filters[2].value: length 0 is below the minimum of 1",
        ]
    );
}

#[test]
fn list_length_violation_comes_before_item_violations() {
    let mut input = valid_input();
    let mut filters: Vec<_> = (0..7)
        .map(|i| filter(SessionFilterKey::Owner, &format!("user-{i}")))
        .collect();
    filters[6].value = String::new();
    input.filters = Some(filters);
    assert_eq!(
        input_violations(&input),
        [
            "Filters: length 7 is above the maximum of 6",
            "Filters[6].value: length 0 is below the minimum of 1"
        ]
    );
}

#[test]
fn validation_error_display_has_one_violation_per_line() {
    let input = DescribeSessionsInput::builder()
        .max_results(201)
        .filters(filter(SessionFilterKey::Owner, ""))
        .build()
        .unwrap();
    let error = input.validate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "State: is required but has no value\n\
         MaxResults: value 201 is above the maximum of 200\n\
         Filters[0].value: length 0 is below the minimum of 1"
    );
}

#[test]
fn validation_error_is_a_std_error() {
    let error: Box<dyn std::error::Error> = Box::new(
        DescribeSessionsInput::builder()
            .build()
            .unwrap()
            .validate()
            .unwrap_err(),
    );
    assert_eq!(error.to_string(), "State: is required but has no value");
    assert!(error.source().is_none());
}

#[test]
fn rule_display_for_every_rule_kind() {
    assert_eq!(Rule::Required.to_string(), "is required but has no value");
    assert_eq!(
        Rule::LengthBelow { length: 0, min: 1 }.to_string(),
        "length 0 is below the minimum of 1"
    );
    assert_eq!(
        Rule::LengthAbove { length: 7, max: 6 }.to_string(),
        "length 7 is above the maximum of 6"
    );
    assert_eq!(
        Rule::RangeBelow {
            value: "0".into(),
            min: "1"
        }
        .to_string(),
        "value 0 is below the minimum of 1"
    );
    assert_eq!(
        Rule::RangeAbove {
            value: "201".into(),
            max: "200"
        }
        .to_string(),
        "value 201 is above the maximum of 200"
    );
    assert_eq!(
        Rule::Pattern { pattern: "^a$" }.to_string(),
        "does not match the pattern `^a$`"
    );
}

#[test]
fn unknown_enum_values_are_not_constraint_violations() {
    // validate() checks @required/@length/@range/@pattern only; enums stay open.
    let input = DescribeSessionsInput::builder()
        .state("Archived")
        .filters(filter(SessionFilterKey::from("Region"), "eu-west-1"))
        .build()
        .unwrap();
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn session_filter_validates_on_its_own_with_a_top_level_path() {
    assert_eq!(filter(SessionFilterKey::Owner, OWNER_ARN).validate(), Ok(()));
    assert_eq!(
        violation_lines(filter(SessionFilterKey::Owner, "").validate()),
        ["value: length 0 is below the minimum of 1"]
    );
}

#[test]
fn session_filter_build_without_key_names_the_member() {
    let error = SessionFilter::builder().value(OWNER_ARN).build().unwrap_err();
    assert_eq!(error.member(), "key");
    assert_eq!(error.structure(), "SessionFilter");
    assert_eq!(
        error.to_string(),
        "`key` was not specified but it is required when building `SessionFilter`"
    );
}

#[test]
fn session_filter_build_without_value_names_the_member() {
    let error = SessionFilter::builder()
        .key(SessionFilterKey::Owner)
        .build()
        .unwrap_err();
    assert_eq!(error.member(), "value");
    assert_eq!(error.structure(), "SessionFilter");
    assert_eq!(
        error.to_string(),
        "`value` was not specified but it is required when building `SessionFilter`"
    );
}

#[test]
fn session_filter_build_with_nothing_names_the_first_required_member() {
    let error = SessionFilter::builder().build().unwrap_err();
    assert_eq!(error.member(), "key");
}

#[test]
fn session_filter_build_with_set_none_fails() {
    let error = SessionFilter::builder()
        .key(SessionFilterKey::Owner)
        .value("x")
        .set_value(None)
        .build()
        .unwrap_err();
    assert_eq!(error.member(), "value");
}

#[test]
fn build_error_is_a_std_error() {
    let error: Box<dyn std::error::Error> = Box::new(SessionFilter::builder().build().unwrap_err());
    assert!(error.to_string().contains("`key`"));
}

#[test]
fn valid_session_passes() {
    assert_eq!(valid_session().validate(), Ok(()));
    assert_eq!(
        Session::builder().build().validate(),
        Ok(()),
        "all members are optional"
    );
}

#[test]
fn session_length_bounds_are_checked() {
    let mut session = valid_session();
    session.session_id = Some("s".repeat(97));
    session.target = Some(String::new());
    session.owner = Some("o".repeat(257));
    session.details = Some("d".repeat(1025));
    assert_eq!(
        session_violations(session),
        [
            "SessionId: length 97 is above the maximum of 96",
            "Target: length 0 is below the minimum of 1",
            "Owner: length 257 is above the maximum of 256",
            "Details: length 1025 is above the maximum of 1024",
        ]
    );
}

#[test]
fn session_lengths_at_the_maximum_pass() {
    let mut session = valid_session();
    session.session_id = Some("s".repeat(96));
    session.target = Some("t".repeat(400));
    session.owner = Some("o".repeat(256));
    session.reason = Some("r".repeat(256));
    session.details = Some("d".repeat(1024));
    assert_eq!(session.validate(), Ok(()));
}

#[test]
fn document_name_pattern_accepts_real_document_names() {
    for name in [
        "SSM-SessionManagerRunShell",
        "AWS-StartPortForwardingSession",
        "AWS-StartSSHSession",
        "my_doc.v2",
    ] {
        let mut session = valid_session();
        session.document_name = Some(name.to_owned());
        assert_eq!(session.validate(), Ok(()), "{name}");
    }
}

#[test]
fn document_name_pattern_rejects_bad_names() {
    for name in ["ab", "Run Shell", "doc/with/slash", "ünïcode", &"a".repeat(129), ""] {
        let mut session = valid_session();
        session.document_name = Some(name.to_owned());
        assert_eq!(
            session_violations(session),
            [r"DocumentName: does not match the pattern `^[a-zA-Z0-9_\-.]{3,128}$`"],
            "{name:?}"
        );
    }
}

#[test]
fn max_session_duration_pattern_applies_as_written() {
    for ok in ["1", "60", "999", "1000", "1439", "1440"] {
        let mut session = valid_session();
        session.max_session_duration = Some(ok.to_owned());
        assert_eq!(session.validate(), Ok(()), "{ok}");
    }
    // The model's pattern `1[0-4][0-3][0-9]` leaves gaps such as 1299 and 1050..=1099.
    for bad in ["0", "1441", "1299", "1050", "0060", "abc"] {
        let mut session = valid_session();
        session.max_session_duration = Some(bad.to_owned());
        assert_eq!(
            session_violations(session),
            ["MaxSessionDuration: does not match the pattern `^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-4][0-3][0-9]|1440)$`"],
            "{bad}"
        );
    }
}

#[test]
fn max_session_duration_reports_length_then_pattern() {
    let mut session = valid_session();
    session.max_session_duration = Some("01440".to_owned());
    assert_eq!(
        session_violations(session),
        [
            "MaxSessionDuration: length 5 is above the maximum of 4",
            "MaxSessionDuration: does not match the pattern `^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-4][0-3][0-9]|1440)$`",
        ]
    );
    let mut session = valid_session();
    session.max_session_duration = Some(String::new());
    assert_eq!(
        session_violations(session),
        [
            "MaxSessionDuration: length 0 is below the minimum of 1",
            "MaxSessionDuration: does not match the pattern `^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-4][0-3][0-9]|1440)$`",
        ]
    );
}

#[test]
fn reason_of_257_characters_breaks_length_and_pattern() {
    let mut session = valid_session();
    session.reason = Some("é".repeat(257));
    assert_eq!(
        session_violations(session),
        [
            "Reason: length 257 is above the maximum of 256",
            "Reason: does not match the pattern `^.{1,256}$`"
        ]
    );
}

#[test]
fn reason_with_a_line_feed_breaks_the_pattern() {
    // In Java's regex syntax (the one AWS models use) `.` does not match line terminators.
    for reason in ["line one\nline two", "\n", "two trailing newlines\n\n"] {
        let mut session = valid_session();
        session.reason = Some(reason.to_owned());
        assert_eq!(
            session_violations(session),
            ["Reason: does not match the pattern `^.{1,256}$`"],
            "{reason:?}"
        );
    }
}

#[test]
fn reason_with_other_line_terminators_breaks_the_pattern() {
    let accepted: Vec<&str> = [
        "carriage\rreturn",
        "line\u{2028}separator",
        "paragraph\u{2029}separator",
    ]
    .into_iter()
    .filter(|reason| {
        let mut session = valid_session();
        session.reason = Some((*reason).to_owned());
        session.validate().is_ok()
    })
    .collect();
    assert!(
        accepted.is_empty(),
        "these reasons should break `^.{{1,256}}$` but pass: {accepted:?}"
    );
    let mut session = valid_session();
    session.reason = Some("carriage\rreturn".to_owned());
    assert_eq!(
        session_violations(session),
        ["Reason: does not match the pattern `^.{1,256}$`"]
    );
}

#[test]
fn reason_with_one_trailing_line_terminator_passes() {
    // Java's `$` (without MULTILINE) also matches before a line terminator that ends the text, so
    // `^.{1,256}$` accepts one trailing `\n`, `\r\n` or U+2028, as the service does.
    for reason in ["trailing newline\n", "trailing crlf\r\n", "trailing separator\u{2028}"] {
        let mut session = valid_session();
        session.reason = Some(reason.to_owned());
        assert_eq!(session.validate(), Ok(()), "{reason:?}");
    }
}

#[test]
fn reason_with_unicode_and_quotes_passes() {
    let mut session = valid_session();
    session.reason = Some("Café \"prod\" fix 🚀 \t tab".to_owned());
    assert_eq!(session.validate(), Ok(()));
}

#[test]
fn output_url_violations_have_nested_paths() {
    let mut session = valid_session();
    session.output_url = Some(
        SessionManagerOutputUrl::builder()
            .s3_output_url("")
            .cloud_watch_output_url("c".repeat(2084))
            .build(),
    );
    assert_eq!(
        session_violations(session),
        [
            "OutputUrl.S3OutputUrl: length 0 is below the minimum of 1",
            "OutputUrl.CloudWatchOutputUrl: length 2084 is above the maximum of 2083",
        ]
    );
}

#[test]
fn output_violations_have_list_index_paths() {
    let mut bad = valid_session();
    bad.session_id = Some(String::new());
    bad.output_url = Some(SessionManagerOutputUrl::builder().s3_output_url("").build());
    let output = DescribeSessionsOutput::builder()
        .sessions(valid_session())
        .sessions(bad)
        .next_token("t")
        .build();
    let error = output.validate().unwrap_err();
    let paths: Vec<_> = error.violations().iter().map(ConstraintViolation::path).collect();
    assert_eq!(paths, ["Sessions[1].SessionId", "Sessions[1].OutputUrl.S3OutputUrl"]);
    assert_eq!(
        error.to_string(),
        "Sessions[1].SessionId: length 0 is below the minimum of 1\n\
         Sessions[1].OutputUrl.S3OutputUrl: length 0 is below the minimum of 1"
    );
}

#[test]
fn empty_output_passes() {
    assert_eq!(DescribeSessionsOutput::builder().build().validate(), Ok(()));
}

#[test]
fn debug_output_names_the_type_and_members() {
    let debug = format!("{:?}", valid_input());
    assert!(debug.starts_with("DescribeSessionsInput {"), "{debug}");
    for needle in [
        "state: Some(Active)",
        "max_results: Some(50)",
        "TargetId",
        "i-0123456789abcdef0",
        OWNER_ARN,
    ] {
        assert!(debug.contains(needle), "{debug} should contain {needle}");
    }
    let debug = format!("{:?}", valid_session());
    assert!(debug.starts_with("Session {"), "{debug}");
    assert!(debug.contains("alice-07a16060613c408b5"), "{debug}");
}

#[test]
fn debug_output_of_errors_is_informative() {
    let error = DescribeSessionsInput::builder()
        .build()
        .unwrap()
        .validate()
        .unwrap_err();
    let debug = format!("{error:?}");
    assert!(debug.contains("State") && debug.contains("Required"), "{debug}");
    let debug = format!("{:?}", SessionFilter::builder().build().unwrap_err());
    assert!(debug.contains("key") && debug.contains("SessionFilter"), "{debug}");
}
