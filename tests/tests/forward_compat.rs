//! Forward compatibility across the 2025-06-30 AccessType change: a crate
//! generated from the model before it (`ssm_before_accesstype`) reads what a
//! service on the new model sends, and the crate from the new model (`ssm`)
//! still builds and sends every request that was valid before.

use proptest::prelude::*;
use ssm_before_accesstype as old;
use ssm_before_accesstype::prelude::Operation as _;

/// A response as the service sends it under the new model.
const NEW_RESPONSE: &str = r#"{
    "Sessions": [
        {
            "SessionId": "alice-07a16060613c408b5",
            "Target": "i-0123456789abcdef0",
            "Status": "Connected",
            "StartDate": 1751300000.25,
            "Owner": "arn:aws:sts::123456789012:assumed-role/Admin/alice",
            "AccessType": "JustInTime",
            "MaxSessionDuration": "60"
        },
        {
            "SessionId": "bob-0f1e2d3c4b5a69788",
            "Target": "i-0fedcba9876543210",
            "Status": "Paused",
            "StartDate": 1751300100,
            "AccessType": "Standard"
        }
    ],
    "NextToken": "AAEAAbU0ZmM2ZDlj"
}"#;

#[test]
fn old_crate_reads_a_new_response() {
    let output: old::operation::describe_sessions::DescribeSessionsOutput =
        serde_json::from_str(NEW_RESPONSE).expect("the old crate parses a new response");
    let sessions = output.sessions();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].session_id(), Some("alice-07a16060613c408b5"));
    assert_eq!(sessions[0].status(), Some(&old::types::SessionStatus::Connected));
    assert_eq!(
        sessions[0].start_date().map(|d| (d.secs(), d.subsec_nanos())),
        Some((1_751_300_000, 250_000_000))
    );
    // A status neither model lists is kept as text.
    let paused = sessions[1].status().expect("status");
    assert!(matches!(paused, old::types::SessionStatus::Unknown(_)));
    assert_eq!(paused.as_str(), "Paused");
    assert_eq!(output.next_token(), Some("AAEAAbU0ZmM2ZDlj"));
}

#[test]
fn old_crate_keeps_the_new_filter_key_and_writes_it_back_unchanged() {
    let echoed = r#"{"key":"AccessType","value":"JustInTime"}"#;
    let filter: old::types::SessionFilter = serde_json::from_str(echoed).expect("parses");
    assert!(matches!(filter.key(), old::types::SessionFilterKey::Unknown(_)));
    assert_eq!(filter.key().as_str(), "AccessType");
    assert_eq!(serde_json::to_string(&filter).unwrap(), echoed);
    // The new crate knows the value.
    let new: ssm::types::SessionFilter = serde_json::from_str(echoed).unwrap();
    assert_eq!(new.key(), &ssm::types::SessionFilterKey::AccessType);
}

#[test]
fn old_crate_sends_the_new_filter_key_it_was_given_as_text() {
    let input = old::operation::describe_sessions::DescribeSessionsInput::builder()
        .state(old::types::SessionState::Active)
        .filters(
            old::types::SessionFilter::builder()
                .key(old::types::SessionFilterKey::from("AccessType"))
                .value("JustInTime")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let request = old::operation::describe_sessions::DescribeSessions::request(&input).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"State":"Active","Filters":[{"key":"AccessType","value":"JustInTime"}]}"#
    );
}

fn old_filter_key() -> impl Strategy<Value = old::types::SessionFilterKey> {
    prop::sample::select(old::types::SessionFilterKey::values()).prop_map(old::types::SessionFilterKey::from)
}

fn old_input() -> impl Strategy<Value = old::operation::describe_sessions::DescribeSessionsInput> {
    let filter = (old_filter_key(), "[ -~]{1,40}").prop_map(|(key, value)| {
        old::types::SessionFilter::builder()
            .key(key)
            .value(value)
            .build()
            .unwrap()
    });
    (
        prop::sample::select(vec!["Active", "History"]),
        prop::option::of(1..=200i32),
        prop::option::of("[A-Za-z0-9+/=]{1,64}"),
        prop::option::of(prop::collection::vec(filter, 1..=6)),
    )
        .prop_map(|(state, max_results, next_token, filters)| {
            old::operation::describe_sessions::DescribeSessionsInput::builder()
                .state(old::types::SessionState::from(state))
                .set_max_results(max_results)
                .set_next_token(next_token)
                .set_filters(filters)
                .build()
                .unwrap()
        })
}

proptest! {
    /// Every request valid under the old model is valid under the new one,
    /// and the new crate sends exactly the same bytes for it.
    #[test]
    fn new_crate_sends_every_old_request_unchanged(input in old_input()) {
        prop_assert!(input.validate().is_ok(), "{:?}", input.validate());
        let old_request = old::operation::describe_sessions::DescribeSessions::request(&input).unwrap();
        let new_input: ssm::operation::describe_sessions::DescribeSessionsInput =
            serde_json::from_slice(old_request.body()).unwrap();
        let new_request = ssm::operation::describe_sessions::DescribeSessions::request(&new_input)
            .expect("the new crate accepts every old request");
        prop_assert_eq!(new_request.body(), old_request.body());
        prop_assert_eq!(new_request.headers(), old_request.headers());
    }
}
