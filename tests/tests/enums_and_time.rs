//! The enum API (`as_str`, conversions, `Display`, `values()`, unknown
//! values) and the `DateTime` primitive (exact seconds + nanoseconds,
//! decimal text, `SystemTime`).

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use ssm::primitives::DateTime;
use ssm::types::{AccessType, SessionFilterKey, SessionState, SessionStatus};

mod common;
use common::dt;

fn parse(text: &str) -> (i64, u32) {
    let date = DateTime::parse_epoch_seconds(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"));
    (date.secs(), date.subsec_nanos())
}

// ---------------------------------------------------------------- enums

#[test]
fn session_state_values_in_model_order() {
    assert_eq!(SessionState::values(), ["Active", "History"]);
}

#[test]
fn session_status_values_in_model_order() {
    assert_eq!(
        SessionStatus::values(),
        [
            "Connected",
            "Connecting",
            "Disconnected",
            "Terminated",
            "Terminating",
            "Failed"
        ]
    );
}

#[test]
fn session_filter_key_values_in_model_order() {
    assert_eq!(
        SessionFilterKey::values(),
        [
            "InvokedAfter",
            "InvokedBefore",
            "Target",
            "Owner",
            "Status",
            "SessionId",
            "AccessType"
        ]
    );
}

#[test]
fn access_type_values_in_model_order() {
    assert_eq!(AccessType::values(), ["Standard", "JustInTime"]);
}

#[test]
fn session_state_as_str() {
    assert_eq!(SessionState::Active.as_str(), "Active");
    assert_eq!(SessionState::History.as_str(), "History");
}

#[test]
fn session_status_as_str() {
    assert_eq!(SessionStatus::Connected.as_str(), "Connected");
    assert_eq!(SessionStatus::Connecting.as_str(), "Connecting");
    assert_eq!(SessionStatus::Disconnected.as_str(), "Disconnected");
    assert_eq!(SessionStatus::Terminated.as_str(), "Terminated");
    assert_eq!(SessionStatus::Terminating.as_str(), "Terminating");
    assert_eq!(SessionStatus::Failed.as_str(), "Failed");
}

#[test]
fn session_filter_key_as_str_uses_enum_values_not_member_names() {
    assert_eq!(SessionFilterKey::InvokedAfter.as_str(), "InvokedAfter");
    assert_eq!(SessionFilterKey::InvokedBefore.as_str(), "InvokedBefore");
    // The model member is TARGET_ID but its value is "Target".
    assert_eq!(SessionFilterKey::TargetId.as_str(), "Target");
    assert_eq!(SessionFilterKey::Owner.as_str(), "Owner");
    assert_eq!(SessionFilterKey::Status.as_str(), "Status");
    assert_eq!(SessionFilterKey::SessionId.as_str(), "SessionId");
    assert_eq!(SessionFilterKey::AccessType.as_str(), "AccessType");
}

#[test]
fn access_type_as_str() {
    assert_eq!(AccessType::Standard.as_str(), "Standard");
    assert_eq!(AccessType::Justintime.as_str(), "JustInTime");
}

#[test]
fn from_str_ref_maps_every_value_to_a_known_variant() {
    assert_eq!(SessionState::from("Active"), SessionState::Active);
    assert_eq!(SessionState::from("History"), SessionState::History);
    assert_eq!(SessionStatus::from("Terminating"), SessionStatus::Terminating);
    assert_eq!(SessionFilterKey::from("Target"), SessionFilterKey::TargetId);
    assert_eq!(AccessType::from("JustInTime"), AccessType::Justintime);
}

#[test]
fn every_listed_value_round_trips_through_a_known_variant() {
    for &value in SessionState::values() {
        let parsed = SessionState::from(value);
        assert!(!matches!(parsed, SessionState::Unknown(_)), "{value}");
        assert_eq!(parsed.as_str(), value);
    }
    for &value in SessionStatus::values() {
        let parsed = SessionStatus::from(value);
        assert!(!matches!(parsed, SessionStatus::Unknown(_)), "{value}");
        assert_eq!(parsed.as_str(), value);
    }
    for &value in SessionFilterKey::values() {
        let parsed = SessionFilterKey::from(value);
        assert!(!matches!(parsed, SessionFilterKey::Unknown(_)), "{value}");
        assert_eq!(parsed.as_str(), value);
    }
    for &value in AccessType::values() {
        let parsed = AccessType::from(value);
        assert!(!matches!(parsed, AccessType::Unknown(_)), "{value}");
        assert_eq!(parsed.as_str(), value);
    }
}

#[test]
fn from_string_matches_from_str_ref() {
    for value in ["Connected", "Failed", "Paused", ""] {
        assert_eq!(
            SessionStatus::from(value.to_owned()),
            SessionStatus::from(value),
            "{value}"
        );
    }
    assert_eq!(AccessType::from("JustInTime".to_owned()), AccessType::Justintime);
    assert_eq!(SessionFilterKey::from("Target".to_owned()), SessionFilterKey::TargetId);
}

#[test]
fn from_str_trait_is_infallible_and_matches_from() {
    assert_eq!(SessionStatus::from_str("Disconnected"), Ok(SessionStatus::Disconnected));
    assert_eq!("History".parse::<SessionState>(), Ok(SessionState::History));
    let unknown = "Breakglass".parse::<AccessType>().unwrap();
    assert!(matches!(unknown, AccessType::Unknown(_)));
    assert_eq!(unknown.as_str(), "Breakglass");
}

#[test]
fn display_writes_the_wire_value() {
    assert_eq!(SessionState::History.to_string(), "History");
    assert_eq!(SessionFilterKey::TargetId.to_string(), "Target");
    assert_eq!(AccessType::Justintime.to_string(), "JustInTime");
    assert_eq!(SessionStatus::from("Paused").to_string(), "Paused");
    assert_eq!(format!("[{:>9}]", SessionStatus::Failed.as_str()), "[   Failed]");
}

#[test]
fn as_ref_str_gives_the_wire_value() {
    fn text<T: AsRef<str>>(value: &T) -> &str {
        value.as_ref()
    }
    assert_eq!(text(&SessionFilterKey::SessionId), "SessionId");
    assert_eq!(text(&SessionStatus::from("Paused")), "Paused");
}

#[test]
fn wrong_case_and_whitespace_are_unknown() {
    for value in [
        "connected",
        "CONNECTED",
        " Connected",
        "Connected ",
        "Connected\n",
        "Conn",
        "",
    ] {
        let status = SessionStatus::from(value);
        assert!(
            matches!(status, SessionStatus::Unknown(_)),
            "{value:?} became {status:?}"
        );
        assert_eq!(status.as_str(), value);
        assert_ne!(status, SessionStatus::Connected);
    }
}

#[test]
fn rust_variant_names_are_not_wire_values() {
    // `TargetId` and `Justintime` are Rust names; the wire values differ.
    let key = SessionFilterKey::from("TargetId");
    assert!(matches!(key, SessionFilterKey::Unknown(_)));
    assert_ne!(key, SessionFilterKey::TargetId);
    let access = AccessType::from("Justintime");
    assert!(matches!(access, AccessType::Unknown(_)));
    assert_ne!(access, AccessType::Justintime);
    for name in ["ACTIVE", "TARGET_ID", "JUSTINTIME"] {
        assert!(matches!(SessionState::from(name), SessionState::Unknown(_)), "{name}");
        assert!(
            matches!(SessionFilterKey::from(name), SessionFilterKey::Unknown(_)),
            "{name}"
        );
        assert!(matches!(AccessType::from(name), AccessType::Unknown(_)), "{name}");
    }
}

#[test]
fn unknown_values_keep_their_text_exactly() {
    for text in ["Paused", "Zoë", "🚀", "with \"quotes\"", "a\nb"] {
        let status = SessionStatus::from(text);
        match &status {
            SessionStatus::Unknown(value) => assert_eq!(value.as_str(), text),
            other => panic!("{text:?} became {other:?}"),
        }
        assert_eq!(status.as_str(), text);
    }
}

#[test]
fn unknown_values_compare_by_text() {
    assert_eq!(SessionStatus::from("Paused"), SessionStatus::from("Paused"));
    assert_ne!(SessionStatus::from("Paused"), SessionStatus::from("paused"));
}

#[test]
fn enums_serialize_as_json_strings() {
    assert_eq!(serde_json::to_string(&SessionStatus::Failed).unwrap(), r#""Failed""#);
    assert_eq!(
        serde_json::to_string(&SessionFilterKey::TargetId).unwrap(),
        r#""Target""#
    );
    assert_eq!(
        serde_json::to_string(&AccessType::from("Breakglass")).unwrap(),
        r#""Breakglass""#
    );
    assert_eq!(
        serde_json::from_str::<AccessType>(r#""JustInTime""#).unwrap(),
        AccessType::Justintime
    );
    assert_eq!(
        serde_json::from_str::<SessionStatus>(r#""Paused""#).unwrap().as_str(),
        "Paused"
    );
}

#[test]
fn enums_reject_non_string_json() {
    for json in ["1", "null", "true", "[]", "{}"] {
        assert!(serde_json::from_str::<SessionState>(json).is_err(), "{json}");
    }
}

proptest! {
    #[test]
    fn any_text_round_trips_through_session_status(text in any::<String>()) {
        let status = SessionStatus::from(text.as_str());
        prop_assert_eq!(status.as_str(), text.as_str());
        let known = SessionStatus::values().contains(&text.as_str());
        prop_assert_eq!(matches!(status, SessionStatus::Unknown(_)), !known);
    }

    #[test]
    fn any_text_round_trips_through_session_filter_key(text in any::<String>()) {
        let key = SessionFilterKey::from(text.clone());
        prop_assert_eq!(key.as_str(), text.as_str());
        let json = serde_json::to_string(&key).unwrap();
        prop_assert_eq!(serde_json::from_str::<SessionFilterKey>(&json).unwrap(), key);
    }
}

// ---------------------------------------------------------------- DateTime

#[test]
fn from_secs_has_zero_nanos() {
    let date = DateTime::from_secs(1_732_704_000);
    assert_eq!(date.secs(), 1_732_704_000);
    assert_eq!(date.subsec_nanos(), 0);
}

#[test]
fn from_secs_and_nanos_rejects_a_full_second_of_nanos() {
    assert_eq!(DateTime::from_secs_and_nanos(1, 1_000_000_000), None);
    assert_eq!(DateTime::from_secs_and_nanos(1, u32::MAX), None);
    let date = DateTime::from_secs_and_nanos(-1, 999_999_999).unwrap();
    assert_eq!((date.secs(), date.subsec_nanos()), (-1, 999_999_999));
}

#[test]
fn unix_epoch_constant_is_zero() {
    assert_eq!(DateTime::UNIX_EPOCH, DateTime::from_secs(0));
    assert_eq!(DateTime::UNIX_EPOCH.to_string(), "0");
}

#[test]
fn ordering_follows_time() {
    let mut dates = vec![
        dt(0, 1),
        dt(-1, 999_999_999),
        DateTime::UNIX_EPOCH,
        dt(-2, 0),
        dt(1_732_704_000, 0),
    ];
    dates.sort();
    assert_eq!(
        dates,
        [
            dt(-2, 0),
            dt(-1, 999_999_999),
            DateTime::UNIX_EPOCH,
            dt(0, 1),
            dt(1_732_704_000, 0)
        ]
    );
}

#[test]
fn display_of_whole_seconds_is_an_integer() {
    assert_eq!(DateTime::from_secs(1_732_704_000).to_string(), "1732704000");
    assert_eq!(DateTime::from_secs(-86_400).to_string(), "-86400");
    assert_eq!(DateTime::from_secs(i64::MAX).to_string(), "9223372036854775807");
    assert_eq!(DateTime::from_secs(i64::MIN).to_string(), "-9223372036854775808");
}

#[test]
fn display_of_fractions_trims_trailing_zeros() {
    assert_eq!(dt(1_732_704_000, 123_000_000).to_string(), "1732704000.123");
    assert_eq!(dt(0, 500_000_000).to_string(), "0.5");
    assert_eq!(dt(0, 1).to_string(), "0.000000001");
    assert_eq!(dt(1, 100).to_string(), "1.0000001");
    assert_eq!(dt(1_732_704_000, 999_999_999).to_string(), "1732704000.999999999");
}

#[test]
fn display_of_negative_fractions() {
    assert_eq!(dt(-2, 750_000_000).to_string(), "-1.25");
    assert_eq!(dt(-1, 500_000_000).to_string(), "-0.5");
    assert_eq!(dt(-1, 999_999_999).to_string(), "-0.000000001");
    assert_eq!(dt(-1, 1).to_string(), "-0.999999999");
    assert_eq!(dt(-86_401, 500_000_000).to_string(), "-86400.5");
    assert_eq!(dt(i64::MIN, 1).to_string(), "-9223372036854775807.999999999");
    assert_eq!(dt(i64::MAX, 5).to_string(), "9223372036854775807.000000005");
}

#[test]
fn parse_whole_seconds() {
    assert_eq!(parse("1700000000"), (1_700_000_000, 0));
    assert_eq!(parse("0"), (0, 0));
    assert_eq!(parse("-0"), (0, 0));
    assert_eq!(parse("-1"), (-1, 0));
    assert_eq!(parse("007"), (7, 0));
    assert_eq!(parse("9223372036854775807"), (i64::MAX, 0));
}

#[test]
fn parse_negative_fraction_floors_the_seconds() {
    assert_eq!(parse("-1.25"), (-2, 750_000_000));
    assert_eq!(parse("-0.5"), (-1, 500_000_000));
    assert_eq!(parse("-0.000000001"), (-1, 999_999_999));
    assert_eq!(parse("-1.0"), (-1, 0));
    assert_eq!(parse("-0.000"), (0, 0));
}

#[test]
fn parse_positive_fractions_exactly() {
    assert_eq!(parse("1732704000.123"), (1_732_704_000, 123_000_000));
    assert_eq!(parse("1.5000"), (1, 500_000_000));
    assert_eq!(parse("0.000000001"), (0, 1));
    assert_eq!(parse("0.999999999"), (0, 999_999_999));
    assert_eq!(parse("1.000000000"), (1, 0));
}

#[test]
fn parse_truncates_digits_beyond_nanoseconds_towards_negative_infinity() {
    assert_eq!(parse("1.0000000001"), (1, 0));
    assert_eq!(parse("1.9999999999"), (1, 999_999_999));
    assert_eq!(parse("1.0000000000000"), (1, 0));
    // Negative values round down, i.e. away from zero.
    assert_eq!(parse("-1.0000000001"), (-2, 999_999_999));
    assert_eq!(parse("-0.9999999999"), (-1, 0));
    assert_eq!(parse("-1.0000000000"), (-1, 0));
}

#[test]
fn parse_rejects_malformed_text() {
    for text in [
        "", "1.", ".5", "1e3", "+1", "-", "-.5", "--1", " 1", "1 ", "0x10", "1.2.3", "1,5", "1_000", "NaN", "inf", "١",
        "1.-5", "-1.+5", "1.5e0",
    ] {
        let error = DateTime::parse_epoch_seconds(text).expect_err(text);
        assert_eq!(
            error.to_string(),
            format!("`{text}` is not an epoch-seconds timestamp: expected digits with an optional fraction"),
        );
    }
}

#[test]
fn parse_rejects_seconds_beyond_i64() {
    for text in [
        "9223372036854775808",
        "9223372036854775808.5",
        "-9223372036854775809",
        "99999999999999999999",
    ] {
        let error = DateTime::parse_epoch_seconds(text).expect_err(text);
        assert_eq!(
            error.to_string(),
            format!("`{text}` is not an epoch-seconds timestamp: seconds out of range")
        );
    }
    // Flooring -9223372036854775808.5 would need i64::MIN - 1.
    assert!(DateTime::parse_epoch_seconds("-9223372036854775808.5").is_err());
}

#[test]
fn parse_accepts_the_lowest_fractional_instant() {
    assert_eq!(parse("-9223372036854775807.5"), (i64::MIN, 500_000_000));
}

#[test]
fn parse_accepts_i64_min_seconds() {
    assert_eq!(parse("-9223372036854775808"), (i64::MIN, 0));
    let text = DateTime::from_secs(i64::MIN).to_string();
    assert_eq!(text.parse::<DateTime>(), Ok(DateTime::from_secs(i64::MIN)));
}

#[test]
fn from_str_trait_parses_like_parse_epoch_seconds() {
    assert_eq!("-1.25".parse::<DateTime>(), Ok(dt(-2, 750_000_000)));
    assert_eq!(DateTime::from_str("1732704000.123"), Ok(dt(1_732_704_000, 123_000_000)));
    assert!("1e3".parse::<DateTime>().is_err());
}

#[test]
fn parse_error_is_a_std_error() {
    let error: Box<dyn std::error::Error> = Box::new(DateTime::parse_epoch_seconds("soon").unwrap_err());
    assert_eq!(
        error.to_string(),
        "`soon` is not an epoch-seconds timestamp: expected digits with an optional fraction"
    );
}

#[test]
fn display_then_parse_is_the_identity_for_edge_values() {
    for date in [
        DateTime::UNIX_EPOCH,
        dt(0, 1),
        dt(-1, 1),
        dt(-1, 999_999_999),
        dt(1_732_704_000, 123_456_789),
        dt(-1_732_704_000, 123_456_789),
        dt(i64::MAX, 999_999_999),
        dt(i64::MIN, 1),
        DateTime::from_secs(i64::MAX),
    ] {
        assert_eq!(DateTime::parse_epoch_seconds(&date.to_string()), Ok(date), "{date}");
    }
}

#[test]
fn as_secs_f64_is_the_nearest_f64() {
    assert_eq!(dt(1_732_704_000, 123_000_000).as_secs_f64(), 1_732_704_000.123);
    assert_eq!(dt(-2, 750_000_000).as_secs_f64(), -1.25);
    assert_eq!(DateTime::from_secs(-86_400).as_secs_f64(), -86_400.0);
    assert_eq!(dt(0, 1).as_secs_f64(), 1e-9);
}

#[test]
fn system_time_after_the_epoch_converts_exactly() {
    let time = UNIX_EPOCH + Duration::new(1_732_704_000, 123_456_789);
    let date = DateTime::from(time);
    assert_eq!((date.secs(), date.subsec_nanos()), (1_732_704_000, 123_456_789));
    assert_eq!(SystemTime::try_from(date), Ok(time));
}

#[test]
fn system_time_before_the_epoch_floors_the_seconds() {
    let time = UNIX_EPOCH - Duration::new(1, 250_000_000);
    let date = DateTime::from(time);
    assert_eq!((date.secs(), date.subsec_nanos()), (-2, 750_000_000));
    assert_eq!(date.to_string(), "-1.25");
    assert_eq!(SystemTime::try_from(date), Ok(time));
}

#[test]
fn system_time_whole_seconds_before_the_epoch() {
    let time = UNIX_EPOCH - Duration::from_secs(5);
    let date = DateTime::from(time);
    assert_eq!((date.secs(), date.subsec_nanos()), (-5, 0));
    assert_eq!(SystemTime::try_from(date), Ok(time));
}

#[test]
fn system_time_one_nanosecond_before_the_epoch() {
    let time = UNIX_EPOCH - Duration::from_nanos(1);
    let date = DateTime::from(time);
    assert_eq!((date.secs(), date.subsec_nanos()), (-1, 999_999_999));
    assert_eq!(SystemTime::try_from(date), Ok(time));
}

#[test]
fn system_time_unix_epoch_is_zero() {
    assert_eq!(DateTime::from(UNIX_EPOCH), DateTime::UNIX_EPOCH);
    assert_eq!(SystemTime::try_from(DateTime::UNIX_EPOCH), Ok(UNIX_EPOCH));
}

#[test]
fn system_time_now_round_trips() {
    let now = SystemTime::now();
    assert_eq!(SystemTime::try_from(DateTime::from(now)), Ok(now));
}

proptest! {
    #[test]
    fn display_then_parse_is_the_identity(secs in any::<i64>(), nanos in 0u32..1_000_000_000) {
        let date = dt(secs, nanos);
        prop_assert_eq!(DateTime::parse_epoch_seconds(&date.to_string()), Ok(date));
    }

    #[test]
    fn system_time_round_trips(secs in -100_000_000_000i64..100_000_000_000, nanos in 0u32..1_000_000_000) {
        let date = dt(secs, nanos);
        let time = SystemTime::try_from(date).expect("within SystemTime range");
        prop_assert_eq!(DateTime::from(time), date);
        let expected = if secs >= 0 {
            UNIX_EPOCH + Duration::new(secs.unsigned_abs(), nanos)
        } else {
            UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs()) + Duration::from_nanos(u64::from(nanos))
        };
        prop_assert_eq!(time, expected);
    }

    #[test]
    fn ordering_matches_seconds_then_nanos(a in any::<(i64, u32)>(), b in any::<(i64, u32)>()) {
        let (a, b) = ((a.0, a.1 % 1_000_000_000), (b.0, b.1 % 1_000_000_000));
        prop_assert_eq!(dt(a.0, a.1).cmp(&dt(b.0, b.1)), a.cmp(&b));
    }
}

/// A fraction too long for the parser's stack buffer (f64 prints 1e-300 as
/// 302 characters) still reads, truncated to the nanosecond.
#[test]
fn tiny_fractional_timestamp_reads_as_the_epoch() {
    let parsed: ssm::types::Session = serde_json::from_str(r#"{"StartDate":1e-300}"#).unwrap();
    let date = parsed.start_date().unwrap();
    assert_eq!((date.secs(), date.subsec_nanos()), (0, 0));
    let parsed: ssm::types::Session = serde_json::from_str(r#"{"StartDate":-1e-300}"#).unwrap();
    let date = parsed.start_date().unwrap();
    assert_eq!((date.secs(), date.subsec_nanos()), (-1, 999_999_999));
}

proptest::proptest! {
    /// Reading a fractional timestamp gives exactly the decimal that `f64`'s
    /// `Display` (the shortest text that reads back as the number) shows:
    /// the crate's arithmetic fast path agrees with formatting.
    #[test]
    fn fractional_timestamps_read_as_their_shortest_decimal(
        seconds in -4_000_000_000i64..4_000_000_000,
        fraction in 0u32..1_000_000_000,
        digits in 1usize..=9,
    ) {
        let text = format!("{seconds}.{:09}", fraction);
        let text = &text[..text.len() - (9 - digits)];
        let value: f64 = text.parse().unwrap();
        let body = format!(r#"{{"StartDate":{}}}"#, serde_json::to_string(&value).unwrap());
        let session: ssm::types::Session = serde_json::from_str(&body).unwrap();
        let expected = ssm::primitives::DateTime::parse_epoch_seconds(&value.to_string()).unwrap();
        proptest::prop_assert_eq!(session.start_date(), Some(expected));
    }
}
