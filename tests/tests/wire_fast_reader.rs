//! `parse_response` reads bodies with the crate's own JSON reader, which
//! must give exactly what serde_json gives (the same value, or the same
//! error) on every body, except that epoch-second timestamps keep every
//! digit instead of going through `f64`.

use http::Response;
use ssm::operation::describe_sessions::{DescribeSessions, DescribeSessionsError, DescribeSessionsOutput};
use ssm::prelude::Operation as _;
use ssm::primitives::DateTime;

/// A realistic body: every member, escapes, non-ASCII, fractional and whole
/// timestamps, an unknown member and an unknown enum value.
const BODY: &str = concat!(
    r#"{"Sessions":[{"SessionId":"alice-07a16060613c408b5","Target":"i-0123456789abcdef0","#,
    r#""Status":"Terminated","StartDate":1732704000.123,"EndDate":1732707600,"#,
    r#""DocumentName":"SSM-SessionManagerRunShell","Owner":"arn:aws:sts::123456789012:assumed-role/Admin/Zoë","#,
    r#""Reason":"Caf\u00e9 \"prod\" \ud83d\ude80 ✓","Details":"line one\nline\ttwo \\ \/","#,
    r#""OutputUrl":{"S3OutputUrl":"https:\/\/s3.us-east-1.amazonaws.com\/logs\/a.log","CloudWatchOutputUrl":""},"#,
    r#""MaxSessionDuration":"60","AccessType":"JustInTime","FutureMember":{"nested":[1,2.5e3,null,true]}},"#,
    r#" {"SessionId":"bob","Status":"Hibernating","StartDate":1.7e9,"EndDate":-1.25,"AccessType":null}],"#,
    r#""NextToken":"AAEAAbU0ZmM2ZDlj=="}"#
);

fn parse_response(body: &[u8]) -> Result<DescribeSessionsOutput, String> {
    let response = Response::builder().status(200).body(body.to_vec()).unwrap();
    DescribeSessions::parse_response(&response).map_err(|error| match error {
        DescribeSessionsError::Unhandled(unhandled) => unhandled
            .parse_error()
            .map_or_else(|| format!("{unhandled:?}"), ToString::to_string),
        other => format!("{other:?}"),
    })
}

fn serde_json(body: &[u8]) -> Result<DescribeSessionsOutput, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json(b"{}");
    }
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

#[test]
fn the_realistic_body_reads_the_same_both_ways() {
    let fast = parse_response(BODY.as_bytes()).expect("parses");
    assert_eq!(Ok(fast.clone()), serde_json(BODY.as_bytes()));
    let [alice, bob] = fast.sessions() else {
        panic!("two sessions")
    };
    assert_eq!(alice.reason(), Some("Café \"prod\" 🚀 ✓"));
    assert_eq!(alice.details(), Some("line one\nline\ttwo \\ /"));
    assert_eq!(
        alice.start_date(),
        DateTime::from_secs_and_nanos(1_732_704_000, 123_000_000)
    );
    assert_eq!(bob.start_date(), Some(DateTime::from_secs(1_700_000_000)));
    assert_eq!(bob.end_date(), DateTime::from_secs_and_nanos(-2, 750_000_000));
}

/// splitmix64, seeded: the same cases on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Thousands of bodies broken by random edits (bytes removed, replaced or
/// inserted, including invalid UTF-8): each reads to the same value or the
/// same error message through `parse_response` as through serde_json.
#[test]
fn randomly_broken_bodies_read_the_same_both_ways() {
    let alphabet: &[u8] = b"\"\\{}[],:0123456789.-eE+ntfu \x01\xff\xc3";
    let mut state = 0x0BAD_B0D1;
    let (mut same_value, mut same_error) = (0, 0);
    for _ in 0..20_000 {
        let mut body = BODY.as_bytes().to_vec();
        for _ in 0..=next(&mut state) % 3 {
            let at = (next(&mut state) % (body.len() as u64 + 1)) as usize;
            let byte = alphabet[(next(&mut state) % alphabet.len() as u64) as usize];
            match next(&mut state) % 3 {
                0 if at < body.len() => {
                    body.remove(at);
                }
                1 if at < body.len() => body[at] = byte,
                _ => body.insert(at, byte),
            }
        }
        let fast = parse_response(&body);
        assert_eq!(fast, serde_json(&body), "body {:?}", String::from_utf8_lossy(&body));
        if fast.is_ok() {
            same_value += 1;
        } else {
            same_error += 1;
        }
    }
    // Both outcomes are well represented.
    assert!(same_value > 500 && same_error > 10_000, "{same_value} / {same_error}");
}

#[test]
fn timestamps_keep_every_digit_through_parse_response() {
    let body = br#"{"Sessions":[{"StartDate":1700000000.123456789,"EndDate":1700000000.000000001}]}"#;
    let fast = parse_response(body).unwrap();
    let session = &fast.sessions()[0];
    assert_eq!(
        session.start_date(),
        DateTime::from_secs_and_nanos(1_700_000_000, 123_456_789)
    );
    assert_eq!(session.end_date(), DateTime::from_secs_and_nanos(1_700_000_000, 1));
    // Through serde_json the number is an f64 first, which carries ~16
    // significant digits: the same instant to within a microsecond.
    let slow = serde_json(body).unwrap();
    let slow_start = slow.sessions()[0].start_date().unwrap();
    assert_eq!(slow_start.secs(), 1_700_000_000);
    assert!(slow_start.subsec_nanos().abs_diff(123_456_789) < 1_000);
}

#[test]
fn timestamps_as_strings_are_rejected_by_parse_response_as_by_serde_json() {
    let body = br#"{"Sessions":[{"StartDate":"1700000000"}]}"#;
    let fast = parse_response(body).unwrap_err();
    assert_eq!(Err(fast.clone()), serde_json(body));
    assert!(fast.contains("invalid type: string"), "{fast}");
}

#[test]
fn timestamps_out_of_range_are_rejected_by_parse_response_as_by_serde_json() {
    for number in ["1e400", "99999999999999999999", "-99999999999999999999.5", "1e19"] {
        let body = format!(r#"{{"Sessions":[{{"StartDate":{number}}}]}}"#);
        let fast = parse_response(body.as_bytes());
        assert!(fast.is_err(), "{number}: {fast:?}");
        assert_eq!(fast, serde_json(body.as_bytes()), "{number}");
    }
}

#[test]
fn timestamp_edge_cases_read_the_same_both_ways() {
    // Up to 15 significant digits an f64 holds the decimal exactly, so both
    // paths must agree to the nanosecond; integers and exponents too.
    for number in [
        "0",
        "-0",
        "-0.0",
        "0.000",
        "1e3",
        "1E-3",
        "-1e-3",
        "2.5e+2",
        "-1.25",
        "-0.5",
        "1700000000.5",
        "1700000000.001",
        "1700000000.123456",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "1.7976931348623157e308",
        "4.9e-324",
    ] {
        let body = format!(r#"{{"Sessions":[{{"StartDate":{number}}}]}}"#);
        assert_eq!(parse_response(body.as_bytes()), serde_json(body.as_bytes()), "{number}");
    }
}

/// Found in review: a `null` error body must stay unreadable (serde_json
/// rejects `null` as a map), not become an error without a code.
#[test]
fn null_or_non_object_error_bodies_are_unhandled_as_with_serde_json() {
    for body in ["null", "[]", "1", "\"ThrottlingException\""] {
        let response = Response::builder().status(400).body(body.as_bytes().to_vec()).unwrap();
        match DescribeSessions::parse_response(&response) {
            Err(DescribeSessionsError::Unhandled(unhandled)) => {
                let expected = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(body)
                    .unwrap_err()
                    .to_string();
                assert_eq!(
                    unhandled.parse_error().map(ToString::to_string),
                    Some(expected),
                    "{body}"
                );
            }
            other => panic!("{body}: expected Unhandled with a parse error, got {other:?}"),
        }
    }
}
