//! Wire behaviour as reviewed snapshots: the request body of representative
//! inputs and the parsed value of representative response bodies. A change
//! in what goes on or comes off the wire shows up as an insta diff.

use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsInput, DescribeSessionsOutput};
use ssm::prelude::Operation as _;
use ssm::types::{SessionFilterKey, SessionState};

mod common;
use common::filter;

fn body(input: &DescribeSessionsInput) -> String {
    let request = DescribeSessions::request(input).expect("a valid input");
    String::from_utf8(request.body().clone()).expect("JSON is UTF-8")
}

#[test]
fn request_active_sessions_of_an_owner() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::Active)
        .filters(filter(
            SessionFilterKey::Owner,
            "arn:aws:sts::123456789012:assumed-role/Admin/alice",
        ))
        .build()
        .unwrap();
    insta::assert_snapshot!(body(&input));
}

#[test]
fn request_history_page_with_every_member() {
    let input = DescribeSessionsInput::builder()
        .state(SessionState::History)
        .max_results(50)
        .next_token("AAEAAbU0ZmM2ZDlj==")
        .filters(filter(SessionFilterKey::InvokedAfter, "2024-08-29T00:00:00Z"))
        .filters(filter(SessionFilterKey::InvokedBefore, "2024-09-01T00:00:00Z"))
        .filters(filter(SessionFilterKey::TargetId, "i-0123456789abcdef0"))
        .filters(filter(SessionFilterKey::Status, "Terminated"))
        .filters(filter(SessionFilterKey::AccessType, "JustInTime"))
        .filters(filter(SessionFilterKey::from("Region"), "eu-west-1"))
        .build()
        .unwrap();
    insta::assert_snapshot!(body(&input));
}

#[test]
fn response_with_every_session_member() {
    let output: DescribeSessionsOutput = serde_json::from_str(
        r#"{
            "Sessions": [{
                "SessionId": "alice-07a16060613c408b5",
                "Target": "i-0123456789abcdef0",
                "Status": "Connected",
                "StartDate": 1732704000.123,
                "EndDate": 1732707600,
                "DocumentName": "SSM-SessionManagerRunShell",
                "Owner": "arn:aws:sts::123456789012:assumed-role/Admin/alice",
                "Reason": "Caf\u00e9 \"prod\" fix \ud83d\ude80",
                "Details": "",
                "OutputUrl": {
                    "S3OutputUrl": "s3://ssm-logs/alice-07a16060613c408b5.log",
                    "CloudWatchOutputUrl": "https://console.aws.amazon.com/cloudwatch/home#logEventViewer:group=ssm"
                },
                "MaxSessionDuration": "60",
                "AccessType": "JustInTime"
            }],
            "NextToken": "AAEAAbU0ZmM2ZDlj=="
        }"#,
    )
    .unwrap();
    insta::assert_debug_snapshot!(output);
}

#[test]
fn response_with_unknown_values_nulls_and_extra_fields() {
    let output: DescribeSessionsOutput = serde_json::from_str(
        r#"{
            "Sessions": [
                {"SessionId": "bob-1", "Status": "Paused", "AccessType": "Breakglass", "Owner": null, "Shard": 7},
                {"SessionId": "carol-2", "StartDate": -1.25, "OutputUrl": {}}
            ],
            "NextToken": null,
            "ResponseMetadata": {"RequestId": "6f1c1b0a"}
        }"#,
    )
    .unwrap();
    insta::assert_debug_snapshot!(output);
}
