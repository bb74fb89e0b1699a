//! Exact awsJson1_1 request bodies for `DescribeSessions`.
//!
//! A request body is `serde_json::to_string(&input)`: keys are the model's
//! member names, in model order, absent optional members are omitted and
//! enums are their wire strings.

use ssm::operation::describe_sessions::DescribeSessionsInput;
use ssm::types::{SessionFilterKey, SessionState};

mod common;
use common::{filter, INSTANCE, NEXT_TOKEN, OWNER_ARN};

fn body(input: &DescribeSessionsInput) -> String {
    serde_json::to_string(input).expect("a request body always serializes")
}

#[test]
fn empty_input_is_an_empty_object() {
    let input = DescribeSessionsInput::builder().build().unwrap();
    assert_eq!(body(&input), "{}");
}

#[test]
fn state_only_input_has_only_the_state_key() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .build()
        .unwrap();
    assert_eq!(body(&input), r#"{"State":"Active"}"#);
}

#[test]
fn input_with_every_member_set_has_exact_body_in_model_order() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .max_results(50)
        .next_token(NEXT_TOKEN)
        .filters(filter(SessionFilterKey::InvokedAfter, "2024-08-29T00:00:00Z"))
        .filters(filter(SessionFilterKey::TargetId, INSTANCE))
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .filters(filter(SessionFilterKey::AccessType, "JustInTime"))
        .build()
        .unwrap();
    let expected = concat!(
        r#"{"State":"History","#,
        r#""MaxResults":50,"#,
        r#""NextToken":"AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==","#,
        r#""Filters":["#,
        r#"{"key":"InvokedAfter","value":"2024-08-29T00:00:00Z"},"#,
        r#"{"key":"Target","value":"i-0123456789abcdef0"},"#,
        r#"{"key":"Owner","value":"arn:aws:sts::123456789012:assumed-role/Admin/alice"},"#,
        r#"{"key":"AccessType","value":"JustInTime"}"#,
        r#"]}"#,
    );
    assert_eq!(body(&input), expected);
}

#[test]
fn member_order_follows_the_model_not_the_builder_call_order() {
    let input = DescribeSessionsInput::builder()
        .filters(filter(SessionFilterKey::Status, "Connected"))
        .next_token("token-2")
        .max_results(10)
        .state(SessionState::Active)
        .build()
        .unwrap();
    assert_eq!(
        body(&input),
        r#"{"State":"Active","MaxResults":10,"NextToken":"token-2","Filters":[{"key":"Status","value":"Connected"}]}"#
    );
}

#[test]
fn filters_keep_their_insertion_order() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .filters(filter(SessionFilterKey::SessionId, "alice-07a16060613c408b5"))
        .filters(filter(SessionFilterKey::InvokedBefore, "2024-11-30T00:00:00Z"))
        .build()
        .unwrap();
    assert_eq!(
        body(&input),
        concat!(
            r#"{"State":"History","Filters":["#,
            r#"{"key":"SessionId","value":"alice-07a16060613c408b5"},"#,
            r#"{"key":"InvokedBefore","value":"2024-11-30T00:00:00Z"}]}"#
        )
    );
}

#[test]
fn set_filters_replaces_the_list() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .set_filters(Some(vec![filter(SessionFilterKey::TargetId, INSTANCE)]))
        .build()
        .unwrap();
    assert_eq!(
        body(&input),
        r#"{"State":"Active","Filters":[{"key":"Target","value":"i-0123456789abcdef0"}]}"#
    );
}

#[test]
fn unset_members_via_set_none_are_omitted() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .max_results(25)
        .set_max_results(None)
        .next_token(NEXT_TOKEN)
        .set_next_token(None)
        .build()
        .unwrap();
    assert_eq!(body(&input), r#"{"State":"Active"}"#);
}

#[test]
fn an_empty_filter_list_is_sent_as_an_empty_array_not_omitted() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .set_filters(Some(Vec::new()))
        .build()
        .unwrap();
    assert_eq!(body(&input), r#"{"State":"Active","Filters":[]}"#);
}

#[test]
fn serialization_does_not_validate_max_results() {
    // Out-of-range values are the job of validate(), not of the serializer.
    let input = DescribeSessionsInput::builder().max_results(-1).build().unwrap();
    assert_eq!(body(&input), r#"{"MaxResults":-1}"#);
    let input = DescribeSessionsInput::builder().max_results(i32::MAX).build().unwrap();
    assert_eq!(body(&input), r#"{"MaxResults":2147483647}"#);
}

#[test]
fn session_state_variants_serialize_to_wire_strings() {
    for (state, wire) in [(SessionState::Active, "Active"), (SessionState::History, "History")] {
        let input = DescribeSessionsInput::builder().state(state).build().unwrap();
        assert_eq!(body(&input), format!(r#"{{"State":"{wire}"}}"#));
    }
}

#[test]
fn each_session_filter_key_variant_serializes_to_its_wire_string() {
    let cases = [
        (SessionFilterKey::InvokedAfter, "InvokedAfter"),
        (SessionFilterKey::InvokedBefore, "InvokedBefore"),
        (SessionFilterKey::TargetId, "Target"),
        (SessionFilterKey::Owner, "Owner"),
        (SessionFilterKey::Status, "Status"),
        (SessionFilterKey::SessionId, "SessionId"),
        (SessionFilterKey::AccessType, "AccessType"),
    ];
    assert_eq!(
        cases.len(),
        SessionFilterKey::values().len(),
        "one case per model value"
    );
    for (key, wire) in cases {
        let json = serde_json::to_string(&filter(key, "x")).unwrap();
        assert_eq!(json, format!(r#"{{"key":"{wire}","value":"x"}}"#));
    }
}

#[test]
fn session_filter_uses_lower_case_key_and_value_member_names() {
    let json = serde_json::to_string(&filter(SessionFilterKey::Owner, OWNER_ARN)).unwrap();
    assert_eq!(
        json,
        r#"{"key":"Owner","value":"arn:aws:sts::123456789012:assumed-role/Admin/alice"}"#
    );
}

#[test]
fn unknown_enum_values_serialize_as_their_text() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::from("Archived"))
        .filters(filter(SessionFilterKey::from("Region"), "eu-west-1"))
        .build()
        .unwrap();
    assert_eq!(
        body(&input),
        r#"{"State":"Archived","Filters":[{"key":"Region","value":"eu-west-1"}]}"#
    );
}

#[test]
fn strings_are_json_escaped() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .next_token("a\"b\\c\nd\te\u{1}f")
        .filters(filter(
            SessionFilterKey::Owner,
            "arn:aws:sts::123456789012:assumed-role/Admin/Zoë 🚀",
        ))
        .build()
        .unwrap();
    assert_eq!(
        body(&input),
        concat!(
            r#"{"State":"Active","NextToken":"a\"b\\c\nd\te\u0001f","#,
            r#""Filters":[{"key":"Owner","value":"arn:aws:sts::123456789012:assumed-role/Admin/Zoë 🚀"}]}"#
        )
    );
}

#[test]
fn to_vec_gives_the_same_bytes_as_to_string() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .max_results(200)
        .filters(filter(SessionFilterKey::TargetId, INSTANCE))
        .build()
        .unwrap();
    let bytes = serde_json::to_vec(&input).unwrap();
    assert_eq!(
        bytes,
        br#"{"State":"History","MaxResults":200,"Filters":[{"key":"Target","value":"i-0123456789abcdef0"}]}"#
    );
}

#[test]
fn accessors_and_pub_fields_return_the_built_values() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .max_results(5)
        .next_token(NEXT_TOKEN)
        .filters(filter(SessionFilterKey::Owner, OWNER_ARN))
        .build()
        .unwrap();
    assert_eq!(input.state(), Some(&SessionState::Active));
    assert_eq!(input.max_results(), Some(5));
    assert_eq!(input.next_token(), Some(NEXT_TOKEN));
    let filters = input.filters().expect("filters are set");
    assert_eq!(filters.len(), 1);
    assert_eq!(filters[0].key(), &SessionFilterKey::Owner);
    assert_eq!(filters[0].value(), OWNER_ARN);
    assert_eq!(input.state, Some(SessionState::Active));
}
