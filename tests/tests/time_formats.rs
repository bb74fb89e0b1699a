//! Timestamps as text: RFC 3339 (`@timestampFormat("date-time")`) and
//! HTTP-date (`"http-date"`), read from responses and written in requests.
//! Epoch-seconds numbers are in `enums_and_time.rs`.

use std::time::SystemTime;

use ssm::primitives::DateTime;

mod common;
use common::dt;

/// 1994-11-06T08:49:37Z, RFC 9110's example instant.
const RFC9110_EXAMPLE: i64 = 784_111_777;
/// 2016-12-31T23:59:59Z: the last leap second so far came right after it.
const LAST_LEAP_SECOND_DAY_END: i64 = 1_483_228_799;

fn http(text: &str) -> Result<DateTime, String> {
    DateTime::parse_http_date(text).map_err(|e| e.to_string())
}

fn rfc3339(text: &str) -> Result<DateTime, String> {
    DateTime::parse_rfc3339(text).map_err(|e| e.to_string())
}

fn this_year() -> i64 {
    let now = DateTime::from(SystemTime::now());
    let text = now.to_rfc3339();
    text.get(..4).and_then(|y| y.parse().ok()).expect("a four-digit year")
}

// --- HTTP-date ----------------------------------------------------------

#[test]
fn http_date_with_a_huge_year_is_an_error_not_an_overflow() {
    // Found in a response header: it used to overflow the seconds.
    let err = http("Sun, 02 Jan 999999999999999 00:00:00 GMT").unwrap_err();
    assert_eq!(
        err,
        "`Sun, 02 Jan 999999999999999 00:00:00 GMT` is not an HTTP-date timestamp: expected `Sun, 06 Nov 1994 08:49:37 GMT`"
    );
    assert!(http("Sun, 02 Jan 99999 00:00:00 GMT").is_err());
}

#[test]
fn http_date_reads_all_three_forms_of_rfc9110() {
    let expected = DateTime::from_secs(RFC9110_EXAMPLE);
    assert_eq!(http("Sun, 06 Nov 1994 08:49:37 GMT"), Ok(expected));
    assert_eq!(http("Sunday, 06-Nov-94 08:49:37 GMT"), Ok(expected));
    assert_eq!(http("Sun Nov  6 08:49:37 1994"), Ok(expected));
}

#[test]
fn asctime_days_are_space_padded_or_two_digits() {
    assert_eq!(
        http("Wed Nov 16 08:49:37 1994"),
        Ok(DateTime::from_secs(RFC9110_EXAMPLE + 10 * 86_400))
    );
    assert_eq!(
        http("Sun Nov 06 08:49:37 1994"),
        Ok(DateTime::from_secs(RFC9110_EXAMPLE))
    );
    assert!(http("Sun Nov 6 08:49:37 1994").is_err(), "the pad is part of the form");
}

#[test]
fn rfc850_years_more_than_50_years_ahead_are_in_the_past_century() {
    let year = this_year();
    let in_49_years = (year + 49) % 100;
    let in_51_years = (year + 51) % 100;
    let read_year = |two: i64| {
        let text = format!("Thursday, 01-Jan-{two:02} 00:00:00 GMT");
        let time = http(&text).unwrap_or_else(|e| panic!("{e}"));
        time.to_rfc3339()[..4].parse::<i64>().unwrap()
    };
    assert_eq!(read_year(in_49_years), year + 49);
    assert_eq!(read_year(in_51_years), year + 51 - 100);
    assert_eq!(read_year(year % 100), year);
    assert_eq!(read_year(94), if year + 50 >= 2094 { 2094 } else { 1994 });
}

#[test]
fn http_date_is_written_as_imf_fixdate_whatever_form_was_read() {
    for text in ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
        assert_eq!(http(text).unwrap().to_http_date(), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
    assert_eq!(
        dt(RFC9110_EXAMPLE, 250_000_000).to_http_date(),
        "Sun, 06 Nov 1994 08:49:37.250 GMT"
    );
}

#[test]
fn http_date_keeps_a_fraction_of_a_second() {
    assert_eq!(
        http("Sun, 06 Nov 1994 08:49:37.25 GMT"),
        Ok(dt(RFC9110_EXAMPLE, 250_000_000))
    );
    // More digits than nanoseconds are truncated, not accumulated.
    assert_eq!(
        http("Sun, 06 Nov 1994 08:49:37.1234567890123456789012345 GMT"),
        Ok(dt(RFC9110_EXAMPLE, 123_456_789))
    );
    assert!(http("Sun, 06 Nov 1994 08:49:37. GMT").is_err());
}

#[test]
fn http_date_refuses_days_that_do_not_exist() {
    assert!(http("Fri, 30 Feb 2024 00:00:00 GMT").is_err());
    assert!(http("Thu, 29 Feb 2024 00:00:00 GMT").is_ok());
    assert!(
        http("Thu, 29 Feb 1900 00:00:00 GMT").is_err(),
        "1900 is not a leap year"
    );
    assert!(http("Thu, 31 Apr 2024 00:00:00 GMT").is_err());
    assert!(http("Thu, 00 Apr 2024 00:00:00 GMT").is_err());
}

#[test]
fn http_date_refuses_times_that_do_not_exist() {
    assert!(http("Sun, 06 Nov 1994 24:00:00 GMT").is_err());
    assert!(http("Sun, 06 Nov 1994 08:60:00 GMT").is_err());
    assert!(http("Sun, 06 Nov 1994 08:49:61 GMT").is_err());
    assert!(
        http("Sun, 06 Nov 1994 08:49:60 GMT").is_err(),
        "a leap second only ends a day"
    );
}

#[test]
fn http_date_leap_second_reads_as_the_last_second_of_the_day() {
    assert_eq!(
        http("Sat, 31 Dec 2016 23:59:60 GMT"),
        Ok(DateTime::from_secs(LAST_LEAP_SECOND_DAY_END))
    );
}

#[test]
fn http_date_refuses_other_shapes() {
    for text in [
        "",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sunday, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Funday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 06 Nov +994 08:49:37 GMT",
        "1994-11-06T08:49:37Z",
    ] {
        assert!(http(text).is_err(), "{text:?} must be refused");
    }
}

#[test]
fn http_date_errors_name_the_input_and_the_reason() {
    let err = http("Sun, 06 Nov 1994 08:49:37 UTC").unwrap_err();
    assert!(err.contains("`Sun, 06 Nov 1994 08:49:37 UTC`"), "{err}");
    assert!(err.contains("GMT"), "{err}");
    assert!(http("Fri, 30 Feb 2024 00:00:00 GMT")
        .unwrap_err()
        .contains("no such date"));
}

// --- RFC 3339 -----------------------------------------------------------

#[test]
fn rfc3339_refuses_second_60_outside_a_leap_second() {
    let err = rfc3339("2024-05-01T12:34:60Z").unwrap_err();
    assert!(err.contains("leap second"), "{err}");
    assert!(rfc3339("2024-05-01T12:34:61Z").is_err());
}

#[test]
fn rfc3339_leap_second_at_the_end_of_a_utc_day_reads_as_its_last_second() {
    let last = Ok(DateTime::from_secs(LAST_LEAP_SECOND_DAY_END));
    assert_eq!(rfc3339("2016-12-31T23:59:60Z"), last);
    // The same instant in California: the UTC minute is what counts.
    assert_eq!(rfc3339("2016-12-31T15:59:60-08:00"), last);
    assert_eq!(
        rfc3339("2016-12-31T23:59:60.5Z"),
        Ok(dt(LAST_LEAP_SECOND_DAY_END, 500_000_000))
    );
    assert!(rfc3339("2016-12-31T23:59:60+01:00").is_err(), "22:59 UTC");
}

#[test]
fn rfc3339_refuses_offsets_beyond_23_59() {
    for offset in ["+99:99", "+24:00", "-24:00", "+23:60", "+05:75"] {
        let text = format!("2019-12-16T22:48:18{offset}");
        let err = rfc3339(&text).unwrap_err();
        assert!(err.contains("offset"), "{text}: {err}");
    }
    // 2019-12-17T00:00:00Z, from either end of the range.
    let midnight = Ok(DateTime::from_secs(1_576_540_800));
    assert_eq!(rfc3339("2019-12-17T23:59:00+23:59"), midnight);
    assert_eq!(rfc3339("2019-12-16T00:01:00-23:59"), midnight);
}

#[test]
fn rfc3339_offsets_move_the_instant() {
    let utc = Ok(DateTime::from_secs(1_576_540_098));
    assert_eq!(rfc3339("2019-12-16T23:48:18Z"), utc);
    assert_eq!(rfc3339("2019-12-16T22:48:18-01:00"), utc);
    assert_eq!(rfc3339("2019-12-17T00:48:18+01:00"), utc);
    assert_eq!(rfc3339("2019-12-17T05:18:18+05:30"), utc);
    assert_eq!(rfc3339("2019-12-16t23:48:18z"), utc);
}

#[test]
fn rfc3339_refuses_days_that_do_not_exist() {
    assert!(rfc3339("2023-02-29T00:00:00Z").is_err());
    assert!(rfc3339("2024-02-30T00:00:00Z").is_err());
    assert!(rfc3339("2100-02-29T00:00:00Z").is_err(), "2100 is not a leap year");
    assert!(rfc3339("2024-06-31T00:00:00Z").is_err());
    assert!(rfc3339("2024-13-01T00:00:00Z").is_err());
    assert!(rfc3339("2024-00-10T00:00:00Z").is_err());
    assert_eq!(rfc3339("2000-02-29T00:00:00Z"), Ok(DateTime::from_secs(951_782_400)));
}

#[test]
fn rfc3339_long_fractions_are_truncated_to_nanoseconds() {
    assert_eq!(
        rfc3339("2019-12-16T23:48:18.98765432109876543210987654321Z"),
        Ok(dt(1_576_540_098, 987_654_321))
    );
    assert_eq!(rfc3339("2019-12-16T23:48:18.5Z"), Ok(dt(1_576_540_098, 500_000_000)));
    assert!(rfc3339("2019-12-16T23:48:18.Z").is_err());
}

#[test]
fn rfc3339_refuses_other_shapes() {
    for text in [
        "",
        "2019-12-16",
        "2019-12-16T23:48:18",
        "2019-12-16 23:48:18Z",
        "+2019-12-16T23:48:18Z",
        "12019-12-16T23:48:18Z",
        "2019-12-16T23:48:18+0100",
        "2019-12-16T23:48:18+01",
        "2019-12-16T23:48:18Z ",
        "2019-12-16T23:48:18.5.5Z",
        "Mon, 16 Dec 2019 23:48:18 GMT",
    ] {
        assert!(rfc3339(text).is_err(), "{text:?} must be refused");
    }
}

#[test]
fn rfc3339_covers_years_0000_to_9999() {
    assert_eq!(
        rfc3339("9999-12-31T23:59:59Z"),
        Ok(DateTime::from_secs(253_402_300_799))
    );
    assert_eq!(
        rfc3339("0001-01-01T00:00:00Z"),
        Ok(DateTime::from_secs(-62_135_596_800))
    );
    assert_eq!(
        DateTime::from_secs(253_402_300_799).to_rfc3339(),
        "9999-12-31T23:59:59Z"
    );
}

// --- Formatting the extremes ----------------------------------------------

#[test]
fn formatting_the_extreme_instants_does_not_overflow() {
    for time in [
        DateTime::from_secs(i64::MAX),
        DateTime::from_secs(i64::MIN),
        dt(i64::MAX, 999_999_999),
    ] {
        // Years beyond four digits are outside both formats: written, but
        // not read back.
        let rfc = time.to_rfc3339();
        let http_text = time.to_http_date();
        assert!(DateTime::parse_rfc3339(&rfc).is_err(), "{rfc}");
        assert!(DateTime::parse_http_date(&http_text).is_err(), "{http_text}");
    }
    assert_eq!(
        DateTime::from_secs(i64::MAX).to_rfc3339(),
        "292277026596-12-04T15:30:07Z"
    );
}

#[test]
fn formats_read_back_as_the_same_millisecond() {
    for secs in [
        0,
        RFC9110_EXAMPLE,
        LAST_LEAP_SECOND_DAY_END,
        -62_135_596_800,
        253_402_300_799,
    ] {
        let time = dt(secs, 123_000_000);
        assert_eq!(DateTime::parse_rfc3339(&time.to_rfc3339()), Ok(time));
        assert_eq!(DateTime::parse_http_date(&time.to_http_date()), Ok(time));
    }
}
