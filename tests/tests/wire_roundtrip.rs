//! value -> JSON -> value is the identity for inputs and outputs, for fixed
//! realistic values and for arbitrary ones generated with proptest.
//!
//! Timestamps: a whole-second `DateTime` travels as a JSON integer and is
//! exact for every `i64`. A `DateTime` with a fraction travels as a JSON
//! number that serde reads and writes as an `f64`, so only instants whose
//! decimal text f64 carries exactly can round-trip exactly. An f64 holds any
//! decimal of up to 15 significant digits, so the strategies below use
//! millisecond fractions with |secs| < 1e11 (at most 11 + 3 = 14 digits).
//! Finer fractions of present-day instants are only checked to come back
//! within a microsecond, as `DateTime`'s documentation promises.

use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use proptest::sample::select;
use serde::de::DeserializeOwned;
use serde::Serialize;
use ssm::operation::describe_sessions::{DescribeSessionsInput, DescribeSessionsOutput};
use ssm::primitives::DateTime;
use ssm::types::error::{InternalServerError, InvalidNextToken};
use ssm::types::{
    AccessType, Session, SessionFilter, SessionFilterKey, SessionManagerOutputUrl, SessionState, SessionStatus,
};

mod common;
use common::{dt, filter, OWNER_ARN};

const S3_URL: &str = "https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice-07a16060613c408b5.log";
const CW_URL: &str =
    "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/ssm/sessions";

const INPUT_MEMBERS: [&str; 4] = ["State", "MaxResults", "NextToken", "Filters"];
const OUTPUT_MEMBERS: [&str; 2] = ["Sessions", "NextToken"];
const SESSION_MEMBERS: [&str; 12] = [
    "SessionId",
    "Target",
    "Status",
    "StartDate",
    "EndDate",
    "DocumentName",
    "Owner",
    "Reason",
    "Details",
    "OutputUrl",
    "MaxSessionDuration",
    "AccessType",
];
const OUTPUT_URL_MEMBERS: [&str; 2] = ["S3OutputUrl", "CloudWatchOutputUrl"];

/// Serializes, parses back, and checks the value and the JSON text are stable.
fn round_trip<T>(value: &T) -> String
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("parses back: {e}\n{json}"));
    assert_eq!(&back, value, "value changed through {json}");
    assert_eq!(serde_json::to_string(&back).unwrap(), json, "JSON text changed");
    json
}

fn full_session() -> Session {
    Session::builder()
        .session_id("alice-07a16060613c408b5")
        .target("i-0123456789abcdef0")
        .status(SessionStatus::Terminated)
        .start_date(dt(1_732_704_000, 123_000_000))
        .end_date(DateTime::from_secs(1_732_707_600))
        .document_name("SSM-SessionManagerRunShell")
        .owner(OWNER_ARN)
        .reason("Café \"prod\" hotfix\nticket #42 🚀")
        .details("Interactive shell")
        .output_url(
            SessionManagerOutputUrl::builder()
                .s3_output_url(S3_URL)
                .cloud_watch_output_url(CW_URL)
                .build(),
        )
        .max_session_duration("60")
        .access_type(AccessType::Justintime)
        .build()
}

// ---------------------------------------------------------------- fixed values

#[test]
fn full_input_round_trips() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .max_results(200)
        .next_token("AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==")
        .filters(filter(SessionFilterKey::InvokedAfter, "2024-08-29T00:00:00Z"))
        .filters(filter(SessionFilterKey::InvokedBefore, "2024-11-30T00:00:00Z"))
        .filters(filter(SessionFilterKey::TargetId, "i-0123456789abcdef0"))
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .filters(filter(SessionFilterKey::Status, "Connected"))
        .filters(filter(SessionFilterKey::AccessType, "JustInTime"))
        .build()
        .unwrap();
    round_trip(&input);
}

#[test]
fn empty_input_round_trips() {
    let input = DescribeSessionsInput::builder().build().unwrap();
    assert_eq!(round_trip(&input), "{}");
}

#[test]
fn input_with_unknown_enums_round_trips() {
    let input = DescribeSessionsInput::builder()
        .state("Archived")
        .filters(filter(SessionFilterKey::from("Region"), "eu-west-1"))
        .build()
        .unwrap();
    assert_eq!(
        round_trip(&input),
        r#"{"State":"Archived","Filters":[{"key":"Region","value":"eu-west-1"}]}"#
    );
}

#[test]
fn full_output_round_trips() {
    let output = DescribeSessionsOutput::builder()
        .sessions(full_session())
        .sessions(
            Session::builder()
                .session_id("bob-0c5a2e1b9d3f4a7e6")
                .status("Paused")
                .access_type("Breakglass")
                .build(),
        )
        .sessions(Session::builder().build())
        .next_token("AAEAAbU0ZmM2ZDlj==")
        .build();
    round_trip(&output);
}

#[test]
fn full_session_serializes_to_exact_json() {
    let json = round_trip(&full_session());
    assert_eq!(
        json,
        concat!(
            r#"{"SessionId":"alice-07a16060613c408b5","Target":"i-0123456789abcdef0","Status":"Terminated","#,
            r#""StartDate":1732704000.123,"EndDate":1732707600,"DocumentName":"SSM-SessionManagerRunShell","#,
            r#""Owner":"arn:aws:sts::123456789012:assumed-role/Admin/alice","#,
            r#""Reason":"Café \"prod\" hotfix\nticket #42 🚀","Details":"Interactive shell","#,
            r#""OutputUrl":{"S3OutputUrl":"https://s3.us-east-1.amazonaws.com/ssm-session-logs-123456789012/alice-07a16060613c408b5.log","#,
            r#""CloudWatchOutputUrl":"https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/ssm/sessions"},"#,
            r#""MaxSessionDuration":"60","AccessType":"JustInTime"}"#
        )
    );
}

#[test]
fn canonical_response_body_is_reproduced_byte_for_byte() {
    let body = concat!(
        r#"{"Sessions":[{"SessionId":"alice-07a16060613c408b5","Target":"i-0123456789abcdef0","Status":"Connected","#,
        r#""StartDate":1732704000.5,"Owner":"arn:aws:sts::123456789012:assumed-role/Admin/alice","#,
        r#""OutputUrl":{"S3OutputUrl":"s3://ssm-session-logs/alice.log"},"AccessType":"Breakglass"}],"#,
        r#""NextToken":"n=="}"#
    );
    let output: DescribeSessionsOutput = serde_json::from_str(body).unwrap();
    assert_eq!(serde_json::to_string(&output).unwrap(), body);
}

#[test]
fn whole_timestamps_serialize_as_integers() {
    for (date, text) in [
        (DateTime::from_secs(1_732_704_000), "1732704000"),
        (DateTime::UNIX_EPOCH, "0"),
        (DateTime::from_secs(-86_400), "-86400"),
        (DateTime::from_secs(i64::MAX), "9223372036854775807"),
        (DateTime::from_secs(i64::MIN), "-9223372036854775808"),
    ] {
        let session = Session::builder().start_date(date).build();
        assert_eq!(round_trip(&session), format!(r#"{{"StartDate":{text}}}"#));
    }
}

#[test]
fn fractional_timestamps_serialize_as_decimal_numbers() {
    for (date, text) in [
        (dt(1_732_704_000, 123_000_000), "1732704000.123"),
        (dt(1_732_704_000, 500_000_000), "1732704000.5"),
        (dt(-2, 750_000_000), "-1.25"),
        (dt(-86_401, 500_000_000), "-86400.5"),
        (dt(0, 1_000_000), "0.001"),
    ] {
        let session = Session::builder().end_date(date).build();
        assert_eq!(round_trip(&session), format!(r#"{{"EndDate":{text}}}"#));
    }
}

#[test]
fn nanosecond_timestamp_near_the_epoch_round_trips() {
    // Tiny values are written in exponent form by serde_json and still read back exactly.
    for date in [dt(0, 1), dt(-1, 999_999_999), dt(0, 123_456_789)] {
        round_trip(&Session::builder().start_date(date).build());
    }
}

#[test]
fn empty_strings_and_lists_stay_present() {
    let output = DescribeSessionsOutput::builder()
        .set_sessions(Some(Vec::new()))
        .next_token("")
        .build();
    assert_eq!(round_trip(&output), r#"{"Sessions":[],"NextToken":""}"#);
    let session = Session::builder()
        .session_id("")
        .output_url(SessionManagerOutputUrl::builder().build())
        .build();
    assert_eq!(round_trip(&session), r#"{"SessionId":"","OutputUrl":{}}"#);
}

#[test]
fn control_characters_and_unicode_round_trip() {
    let session = Session::builder()
        .reason("\u{0}\u{1f}\u{7f} tab\t cr\r lf\n \\ \" / é 调试 🚀 \u{2028}\u{feff}")
        .build();
    round_trip(&session);
}

#[test]
fn error_structures_round_trip() {
    let error = InternalServerError::builder()
        .message("An internal error occurred — retry \"later\"")
        .build();
    assert_eq!(
        round_trip(&error),
        r#"{"Message":"An internal error occurred — retry \"later\""}"#
    );
    let error = InvalidNextToken::builder().build();
    assert_eq!(round_trip(&error), "{}");
}

// ---------------------------------------------------------------- proptest

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        1 => "[a-z]{3,8}-[0-9a-f]{17}",
        1 => "i-[0-9a-f]{17}",
        1 => "arn:aws:sts::[0-9]{12}:assumed-role/[A-Za-z]{3,10}/[a-z]{3,10}",
        1 => Just(String::new()),
    ]
}

/// Any enum value: a known one, or arbitrary text that becomes `Unknown`
/// (or, rarely, happens to be a known value).
fn arb_enum<T: From<String> + std::fmt::Debug>(values: &'static [&'static str]) -> impl Strategy<Value = T> {
    prop_oneof![
        select(values).prop_map(|v| T::from(v.to_owned())),
        any::<String>().prop_map(T::from),
    ]
}

fn arb_date_time() -> impl Strategy<Value = DateTime> {
    prop_oneof![
        any::<i64>().prop_map(DateTime::from_secs),
        (-1_000_000_000_000i64..1_000_000_000_000).prop_map(DateTime::from_secs),
        // Millisecond fractions with |secs| < 1e11: at most 14 significant digits.
        (-99_999_999_999i64..100_000_000_000, 1u32..1000).prop_map(|(secs, millis)| dt(secs, millis * 1_000_000)),
    ]
}

fn arb_filter() -> impl Strategy<Value = SessionFilter> {
    (arb_enum::<SessionFilterKey>(SessionFilterKey::values()), arb_text())
        .prop_map(|(key, value)| SessionFilter::builder().key(key).value(value).build().unwrap())
}

fn arb_input() -> impl Strategy<Value = DescribeSessionsInput> {
    (
        of(arb_enum::<SessionState>(SessionState::values())),
        of(any::<i32>()),
        of(arb_text()),
        of(vec(arb_filter(), 0..8)),
    )
        .prop_map(|(state, max_results, next_token, filters)| {
            DescribeSessionsInput::builder()
                .set_state(state)
                .set_max_results(max_results)
                .set_next_token(next_token)
                .set_filters(filters)
                .build()
                .unwrap()
        })
}

fn arb_output_url() -> impl Strategy<Value = SessionManagerOutputUrl> {
    (of(arb_text()), of(arb_text())).prop_map(|(s3, cloud_watch)| {
        SessionManagerOutputUrl::builder()
            .set_s3_output_url(s3)
            .set_cloud_watch_output_url(cloud_watch)
            .build()
    })
}

fn arb_session() -> impl Strategy<Value = Session> {
    let first = (
        of(arb_text()),
        of(arb_text()),
        of(arb_enum::<SessionStatus>(SessionStatus::values())),
        of(arb_date_time()),
        of(arb_date_time()),
        of(arb_text()),
    );
    let second = (
        of(arb_text()),
        of(arb_text()),
        of(arb_text()),
        of(arb_output_url()),
        of(arb_text()),
        of(arb_enum::<AccessType>(AccessType::values())),
    );
    (first, second).prop_map(
        |(
            (session_id, target, status, start_date, end_date, document_name),
            (owner, reason, details, output_url, max_session_duration, access_type),
        )| {
            Session::builder()
                .set_session_id(session_id)
                .set_target(target)
                .set_status(status)
                .set_start_date(start_date)
                .set_end_date(end_date)
                .set_document_name(document_name)
                .set_owner(owner)
                .set_reason(reason)
                .set_details(details)
                .set_output_url(output_url)
                .set_max_session_duration(max_session_duration)
                .set_access_type(access_type)
                .build()
        },
    )
}

fn arb_output() -> impl Strategy<Value = DescribeSessionsOutput> {
    (of(vec(arb_session(), 0..4)), of(arb_text())).prop_map(|(sessions, next_token)| {
        DescribeSessionsOutput::builder()
            .set_sessions(sessions)
            .set_next_token(next_token)
            .build()
    })
}

/// The keys of a JSON object, in order.
fn keys(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// The members that are set, in model order.
fn present<const N: usize>(members: [&'static str; N], set: [bool; N]) -> Vec<&'static str> {
    members
        .into_iter()
        .zip(set)
        .filter_map(|(name, is_set)| is_set.then_some(name))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_input_round_trips(input in arb_input()) {
        let json = serde_json::to_string(&input).unwrap();
        let back: DescribeSessionsInput = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &input, "through {}", json);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn arbitrary_output_round_trips(output in arb_output()) {
        let json = serde_json::to_string(&output).unwrap();
        let back: DescribeSessionsOutput = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &output, "through {}", json);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    /// The crate's own writer and reader (`request`, `parse_response`)
    /// give serde_json's bytes and values exactly.
    #[test]
    fn crate_json_writes_and_reads_as_serde_json_does(input in arb_input(), output in arb_output()) {
        let input_bytes = ssm::json::to_vec(&input).unwrap();
        prop_assert_eq!(&input_bytes, &serde_json::to_vec(&input).unwrap());
        let output_bytes = ssm::json::to_vec(&output).unwrap();
        prop_assert_eq!(&output_bytes, &serde_json::to_vec(&output).unwrap());
        let input_back: DescribeSessionsInput = ssm::json::from_slice(&input_bytes).unwrap();
        prop_assert_eq!(&input_back, &input);
        let output_back: DescribeSessionsOutput = ssm::json::from_slice(&output_bytes).unwrap();
        prop_assert_eq!(&output_back, &output);
    }

    #[test]
    fn arbitrary_output_round_trips_through_bytes(output in arb_output()) {
        let bytes = serde_json::to_vec(&output).unwrap();
        let back: DescribeSessionsOutput = serde_json::from_slice(&bytes).unwrap();
        prop_assert_eq!(back, output);
    }

    #[test]
    fn input_keys_are_the_set_members_in_model_order(input in arb_input()) {
        let value = serde_json::to_value(&input).unwrap();
        let set = [input.state.is_some(), input.max_results.is_some(), input.next_token.is_some(), input.filters.is_some()];
        prop_assert_eq!(keys(&value), present(INPUT_MEMBERS, set));
        for filter in value.get("Filters").and_then(|f| f.as_array()).into_iter().flatten() {
            prop_assert_eq!(keys(filter), ["key", "value"]);
        }
    }

    #[test]
    fn output_keys_are_the_set_members_in_model_order(output in arb_output()) {
        let value = serde_json::to_value(&output).unwrap();
        prop_assert_eq!(keys(&value), present(OUTPUT_MEMBERS, [output.sessions.is_some(), output.next_token.is_some()]));
        for (session, json) in output.sessions().iter().zip(value.get("Sessions").and_then(|s| s.as_array()).into_iter().flatten()) {
            let set = [
                session.session_id.is_some(),
                session.target.is_some(),
                session.status.is_some(),
                session.start_date.is_some(),
                session.end_date.is_some(),
                session.document_name.is_some(),
                session.owner.is_some(),
                session.reason.is_some(),
                session.details.is_some(),
                session.output_url.is_some(),
                session.max_session_duration.is_some(),
                session.access_type.is_some(),
            ];
            prop_assert_eq!(keys(json), present(SESSION_MEMBERS, set));
            if let (Some(url), Some(url_json)) = (&session.output_url, json.get("OutputUrl")) {
                let set = [url.s3_output_url.is_some(), url.cloud_watch_output_url.is_some()];
                prop_assert_eq!(keys(url_json), present(OUTPUT_URL_MEMBERS, set));
            }
        }
    }

    #[test]
    fn timestamps_are_json_integers_exactly_when_whole(date in arb_date_time()) {
        let value = serde_json::to_value(Session::builder().start_date(date).build()).unwrap();
        let number = &value["StartDate"];
        prop_assert_eq!(number.is_i64(), date.subsec_nanos() == 0, "{}", number);
        if date.subsec_nanos() == 0 {
            prop_assert_eq!(number.as_i64(), Some(date.secs()));
        }
    }

    #[test]
    fn present_day_nanosecond_timestamps_round_trip_within_a_microsecond(
        secs in 0i64..4_102_444_800, // up to 2100-01-01
        nanos in 1u32..1_000_000_000,
    ) {
        let date = dt(secs, nanos);
        let json = serde_json::to_string(&Session::builder().start_date(date).build()).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        let back = back.start_date().expect("StartDate is set");
        let total = |d: DateTime| i128::from(d.secs()) * 1_000_000_000 + i128::from(d.subsec_nanos());
        let error = (total(back) - total(date)).abs();
        prop_assert!(error <= 1_000, "{} came back as {} ({} ns off) via {}", date, back, error, json);
    }
}
