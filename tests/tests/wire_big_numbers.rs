//! `bigInteger` and `bigDecimal` on the wire: every digit kept, through the
//! crate's `json` reader and writer and through plain serde_json, and
//! written back as the same JSON text.

use edge_cases::operation::do_thing::DoThingInput;
use edge_cases::primitives::{BigDecimal, BigInteger};

/// Reads `body` both ways; they must agree.
fn read(body: &str) -> Result<DoThingInput, String> {
    let fast = edge_cases::json::from_slice::<DoThingInput>(body.as_bytes()).map_err(|e| e.to_string());
    let plain = serde_json::from_str::<DoThingInput>(body).map_err(|e| e.to_string());
    assert_eq!(fast, plain, "the crate's reader and serde_json disagree on {body}");
    fast
}

/// Writes `input` both ways; they must agree.
fn write(input: &DoThingInput) -> String {
    let fast = String::from_utf8(edge_cases::json::to_vec(input).unwrap()).unwrap();
    let plain = serde_json::to_string(input).unwrap();
    assert_eq!(fast, plain, "the crate's writer and serde_json disagree");
    fast
}

fn big(body: &str) -> String {
    let input = read(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    input.big().map(|n| n.as_str().to_owned()).expect("Big is set")
}

fn precise(body: &str) -> String {
    let input = read(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    input.precise().map(|n| n.as_str().to_owned()).expect("Precise is set")
}

#[test]
fn a_30_digit_integer_keeps_every_digit() {
    // It used to read as 1.2345678901234568e+29.
    assert_eq!(
        big(r#"{"Big":123456789012345678901234567890}"#),
        "123456789012345678901234567890"
    );
}

#[test]
fn a_negative_30_digit_integer_keeps_every_digit() {
    assert_eq!(
        big(r#"{"Big": -987654321098765432109876543210 }"#),
        "-987654321098765432109876543210"
    );
}

#[test]
fn integers_at_the_64_bit_edges_keep_their_digits() {
    for text in [
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "0",
        "-0",
    ] {
        assert_eq!(big(&format!(r#"{{"Big":{text}}}"#)), text);
    }
}

#[test]
fn decimals_keep_every_digit_and_trailing_zeros() {
    let pi = "3.14159265358979323846264338327950288419716939937510";
    assert_eq!(precise(&format!(r#"{{"Precise":{pi}}}"#)), pi);
    assert_eq!(
        precise(r#"{"Precise":-0.000000000000000000000000000001}"#),
        "-0.000000000000000000000000000001"
    );
    assert_eq!(precise(r#"{"Precise":1.50}"#), "1.50");
    assert_eq!(
        precise(r#"{"Precise":12345678901234567890.12345678901234567890}"#),
        "12345678901234567890.12345678901234567890"
    );
}

#[test]
fn decimals_keep_their_exponents_as_written() {
    for text in ["6.02214076e23", "1E-400", "-1.5e+300", "2e308", "1e-7", "0e0"] {
        assert_eq!(precise(&format!(r#"{{"Precise":{text}}}"#)), text);
    }
}

#[test]
fn big_numbers_are_written_back_as_the_same_text() {
    let body = r#"{"Big":-123456789012345678901234567890,"Precise":6.02214076E+23}"#;
    assert_eq!(write(&read(body).unwrap()), body);
    let body = r#"{"Big":-0,"Precise":-0.0}"#;
    assert_eq!(write(&read(body).unwrap()), body);
    let body = r#"{"Big":42,"Precise":1.50}"#;
    assert_eq!(write(&read(body).unwrap()), body);
}

#[test]
fn big_numbers_built_from_text_are_written_as_that_text() {
    let input = DoThingInput::builder()
        .big("99999999999999999999999999999999999999".parse::<BigInteger>().unwrap())
        .precise(
            "0.1000000000000000000000000000000000000001"
                .parse::<BigDecimal>()
                .unwrap(),
        )
        .build()
        .unwrap();
    assert_eq!(
        write(&input),
        r#"{"Big":99999999999999999999999999999999999999,"Precise":0.1000000000000000000000000000000000000001}"#
    );
    let small = DoThingInput::builder().big(BigInteger::from(-7)).build().unwrap();
    assert_eq!(write(&small), r#"{"Big":-7}"#);
}

#[test]
fn a_big_integer_with_a_fraction_or_exponent_is_refused_clearly() {
    for text in ["1.5", "1e30", "12345678901234567890.0"] {
        let body = format!(r#"{{"Big":{text}}}"#);
        let err = read(&body).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "`{text}` is not a bigInteger: expected a JSON integer (no fraction or exponent)"
            )),
            "{err}"
        );
        assert!(err.contains("line 1 column"), "serde_json's position: {err}");
    }
}

#[test]
fn big_numbers_as_strings_or_other_json_are_refused() {
    for value in [r#""123""#, "true", "[1]", r#"{"n":1}"#] {
        let err = read(&format!(r#"{{"Big":{value},"Precise":1}}"#)).unwrap_err();
        assert!(err.contains("is not a bigInteger"), "{value}: {err}");
        let err = read(&format!(r#"{{"Precise":{value}}}"#)).unwrap_err();
        assert!(err.contains("is not a bigDecimal"), "{value}: {err}");
    }
    // null is an absent member, as for every type.
    assert_eq!(read(r#"{"Big":null}"#).unwrap().big(), None);
}

#[test]
fn from_str_takes_json_number_text_only() {
    for text in [
        "+1", "01", "1.", ".5", "NaN", "inf", "1_000", " 1", "1 ", "", "-", "0x10", "1e", "١",
    ] {
        assert!(text.parse::<BigDecimal>().is_err(), "{text:?}");
        assert!(text.parse::<BigInteger>().is_err(), "{text:?}");
    }
    let err = "1.5".parse::<BigInteger>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "`1.5` is not a bigInteger: expected a JSON integer (no fraction or exponent)"
    );
    let err = "1,5".parse::<BigDecimal>().unwrap_err();
    assert_eq!(err.to_string(), "`1,5` is not a bigDecimal: expected a JSON number");
    assert_eq!("-1.25e-3".parse::<BigDecimal>().unwrap().to_string(), "-1.25e-3");
}

#[test]
fn through_serde_json_value_big_numbers_are_only_as_exact_as_value() {
    // serde_json::Value holds numbers beyond 64 bits as f64 (without
    // `arbitrary_precision`): the digits are gone before the type sees
    // them. A decimal reads rounded; an integer is refused, naming the
    // rounded text, rather than read as a different integer.
    let body = r#"{"Big":123456789012345678901234567890}"#;
    let err = serde_json::from_value::<DoThingInput>(serde_json::from_str(body).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("`1.2345678901234568e+29` is not a bigInteger"),
        "{err}"
    );
    let body = r#"{"Precise":123456789012345678901234567890}"#;
    let input: DoThingInput = serde_json::from_value(serde_json::from_str(body).unwrap()).unwrap();
    assert_eq!(input.precise().map(BigDecimal::as_str), Some("1.2345678901234568e+29"));
    let body = r#"{"Big":-9223372036854775808}"#;
    let input: DoThingInput = serde_json::from_value(serde_json::from_str(body).unwrap()).unwrap();
    assert_eq!(input.big().map(BigInteger::as_str), Some("-9223372036854775808"));
}
