//! The edge-case model (`tests/fixtures/edge-cases/model.json`): that its
//! crate compiles at all proves the naming rules; these tests check that the
//! names, nullability, redaction, recursion and validation behave.

use edge_cases::operation::do_thing::{DoThingInput, DoThingOutput};
use edge_cases::operation::ping::{Ping, PingInput, PingOutput};
use edge_cases::prelude::Operation as _;
use edge_cases::types::error::OptionValue;
use edge_cases::types::{FooBar, FooBar2, Kind, LegacyColor, ResultValue, StringValue};

#[test]
fn keyword_and_colliding_members_keep_their_wire_names() {
    let input = DoThingInput::builder()
        .r#type("abc")
        .type_2(7)
        .self_(true)
        .build_value("b")
        .x("x")
        .set_x_value("sx")
        .r#match(Kind::SelfValue)
        .build()
        .unwrap();
    assert_eq!(input.r#type(), Some("abc"));
    assert_eq!(input.type_2(), Some(7));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"type":"abc","Type":7,"self":true,"Build":"b","X":"x","SetX":"sx","match":"Self"}"#
    );
    let back: DoThingInput = serde_json::from_str(&serde_json::to_string(&input).unwrap()).unwrap();
    assert_eq!(back, input);
}

#[test]
fn enum_values_that_are_not_identifiers() {
    assert_eq!(Kind::from("AWS::EC2::Instance"), Kind::AwsEc2Instance);
    assert_eq!(Kind::from("Intelligent-Tiering"), Kind::IntelligentTiering);
    assert_eq!(Kind::from("1st"), Kind::First);
    // The model's own value "Unknown" is a known variant, not the catch-all.
    assert_eq!(Kind::from("Unknown"), Kind::UnknownValue);
    let other = Kind::from("AWS::S3::Bucket");
    assert!(matches!(other, Kind::Unknown(_)));
    assert_eq!(other.as_str(), "AWS::S3::Bucket");
    assert_eq!(
        Kind::values(),
        ["AWS::EC2::Instance", "Intelligent-Tiering", "Unknown", "Self", "1st"]
    );
    // Smithy 1.0 `@enum` strings: the name gives the variant, else the value.
    assert_eq!(LegacyColor::from("red"), LegacyColor::Red);
    assert_eq!(LegacyColor::from("dark-blue"), LegacyColor::DarkBlue);
}

#[test]
fn shapes_named_like_the_prelude_are_renamed_but_keep_their_wire_form() {
    let value = StringValue::builder().text("hello").build().unwrap();
    let output: DoThingOutput = serde_json::from_str(r#"{"Value":{"Text":"hello"}}"#).unwrap();
    assert_eq!(output.value(), &value);
    let nested = ResultValue::builder().ok("abc").build().unwrap();
    assert_eq!(serde_json::to_string(&nested).unwrap(), r#"{"Ok":"abc"}"#);
    // `FooBar` and `Foo_Bar` collide after conversion; the second is numbered.
    let a = FooBar::builder().a("1").build();
    let b = FooBar2::builder().b("2").build();
    assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"A":"1"}"#);
    assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"B":"2"}"#);
}

#[test]
fn recursive_structures_are_boxed_and_round_trip() {
    let body = r#"{"Value":{"Text":"a","Inner":{"Text":"b","Inner":{"Text":"c"}}}}"#;
    let output: DoThingOutput = serde_json::from_str(body).unwrap();
    let inner = output.value().inner().unwrap();
    assert_eq!(inner.text(), "b");
    assert_eq!(inner.inner().unwrap().text(), "c");
    assert_eq!(serde_json::to_string(&output).unwrap(), body);
    let built = StringValue::builder()
        .text("a")
        .inner(StringValue::builder().text("b").build().unwrap())
        .build()
        .unwrap();
    assert_eq!(built.inner().map(StringValue::text), Some("b"));
}

#[test]
fn required_members_outside_inputs_are_plain_values() {
    let err = StringValue::builder().build().unwrap_err();
    assert_eq!(err.member(), "Text");
    assert_eq!(
        err.to_string(),
        "`Text` was not specified but it is required when building `StringValue`"
    );
    // A response that leaves a required member out is repaired with the
    // zero value (Smithy's client error correction), recursively.
    let output = serde_json::from_str::<DoThingOutput>(r#"{"Value":{}}"#).unwrap();
    assert_eq!(output.value().text(), "");
    let output = serde_json::from_str::<DoThingOutput>("{}").unwrap();
    assert_eq!(output.value(), &StringValue::builder().text("").build().unwrap());
    let output = serde_json::from_str::<DoThingOutput>(r#"{"Value":{"Text":null}}"#).unwrap();
    assert_eq!(output.value().text(), "");
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let input = DoThingInput::builder().secret("hunter2").x("visible").build().unwrap();
    let shown = format!("{input:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("*** Sensitive Data Redacted ***"), "{shown}");
    assert!(shown.contains("visible"), "{shown}");
    let builder = format!("{:?}", DoThingInput::builder().secret("hunter2"));
    assert!(!builder.contains("hunter2"), "{builder}");
    // A list of sensitive strings is sensitive as a whole.
    let output: DoThingOutput = serde_json::from_str(r#"{"Value":{"Text":"t"},"Secrets":["s3cr3t"]}"#).unwrap();
    assert!(!format!("{output:?}").contains("s3cr3t"));
    // Serialization is the wire format, so it keeps the value.
    assert!(serde_json::to_string(&input).unwrap().contains("hunter2"));
}

#[test]
fn validation_covers_keys_values_ranges_and_nesting() {
    let input = DoThingInput::builder()
        .r#type("UPPER")
        .tags("ok", "long value")
        .tags("BAD", "v")
        .tags("third", "v")
        .count(-6)
        .ratio(1.5)
        .nested(ResultValue::builder().ok("").build().unwrap())
        .items(StringValue::builder().text("1").build().unwrap())
        .build()
        .unwrap();
    let err = input.validate().unwrap_err();
    let lines: Vec<String> = err.violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "type: does not match the pattern `^[a-z]+$`",
            "Tags: length 3 is above the maximum of 2",
            "Tags[\"BAD\"] (key): does not match the pattern `^[a-z]+$`",
            "Tags[\"ok\"]: length 10 is above the maximum of 3",
            "Nested.Ok: length 0 is below the minimum of 1",
            "Nested.Ok: does not match the pattern `^[a-z]+$`",
            "Count: value -6 is below the minimum of -5",
            "Ratio: value 1.5 is above the maximum of 1",
            "Flag: is required but has no value",
        ]
    );
}

#[test]
fn client_optional_required_member_is_optional_but_validated() {
    let input = DoThingInput::builder().r#type("ok").flag(false).build().unwrap();
    assert_eq!(input.flag(), Some(false));
    assert!(input.validate().is_ok(), "{:?}", input.validate());
}

#[test]
fn unit_operations_have_empty_input_and_output() {
    let input = PingInput::builder().build().unwrap();
    assert_eq!(serde_json::to_string(&input).unwrap(), "{}");
    let output: PingOutput = serde_json::from_str(r#"{"Unexpected":1}"#).unwrap();
    assert_eq!(output, PingOutput::builder().build());
    assert_eq!(Ping::TARGET, "EdgeService.Ping");
}

#[test]
fn errors_display_their_message() {
    let err: OptionValue = serde_json::from_str(r#"{"Message":"nope"}"#).unwrap();
    assert_eq!(err.to_string(), "Option: nope");
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert_eq!(boxed.to_string(), "Option: nope");
}

#[test]
fn idempotency_token_is_filled_when_absent_and_kept_when_set() {
    use edge_cases::operation::do_thing::DoThing;
    let input = DoThingInput::builder().r#type("abc").flag(true).build().unwrap();
    let body = |input: &DoThingInput| -> serde_json::Value {
        serde_json::from_slice(DoThing::request(input).unwrap().body()).unwrap()
    };
    let first = body(&input)["Token"].as_str().expect("a token is filled in").to_owned();
    let second = body(&input)["Token"].as_str().unwrap().to_owned();
    // A version 4 UUID, and a fresh one per request.
    assert_eq!(first.len(), 36, "{first}");
    assert_eq!(&first[14..15], "4", "{first}");
    assert!(matches!(&first[19..20], "8" | "9" | "a" | "b"), "{first}");
    assert_ne!(first, second);
    // The caller's input is not changed, and a token it sets is sent as is.
    assert_eq!(input.token(), None);
    let mut with_token = input.clone();
    with_token.token = Some("00000000-0000-4000-8000-000000000000".into());
    assert_eq!(body(&with_token)["Token"], "00000000-0000-4000-8000-000000000000");
}

#[test]
fn big_numbers_keep_their_digits() {
    let input: DoThingInput = serde_json::from_str(r#"{"Big": 18446744073709551615, "Precise": 12345.678}"#).unwrap();
    assert_eq!(input.big().map(|b| b.as_str()), Some("18446744073709551615"));
    assert_eq!(input.precise().map(|b| b.as_str()), Some("12345.678"));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"Big":18446744073709551615,"Precise":12345.678}"#
    );
}

// ---------------------------------------------------------------------------
// Member names that are methods the generated code defines or calls (the
// `Collide` operation): each gets a `_value` field, and the builders'
// `default()`, `build()` and `clone()` keep working.
// ---------------------------------------------------------------------------

mod collisions {
    use edge_cases::operation::collide::builders::CollideOutputBuilder;
    use edge_cases::operation::collide::{Collide, CollideError, CollideInput, CollideOutput};
    use edge_cases::prelude::Operation as _;
    use edge_cases::types::{Choice, Level, Tier};

    #[test]
    fn members_named_like_generated_or_trait_methods_keep_their_wire_names() {
        let input = CollideInput::builder()
            .default_value("d")
            .builder_value("b")
            .build_value("bu")
            .validate_value("v")
            .meta_value("m")
            .into_value("i")
            .clone_value("c")
            .add_value("a")
            .len_value("l")
            .default_value_2("d2")
            .build()
            .unwrap();
        assert_eq!(input.default_value(), Some("d"));
        assert_eq!(input.default_value_2(), Some("d2"));
        assert_eq!(
            serde_json::to_string(&input).unwrap(),
            r#"{"default":"d","builder":"b","build":"bu","validate":"v","meta":"m","into":"i","clone":"c","add":"a","len":"l","DefaultValue":"d2"}"#
        );
        // Trait methods are not shadowed by the members' getters.
        let copy = input.clone();
        assert_eq!(copy, input);
        assert!(input.validate().is_ok());
    }

    #[test]
    fn a_builder_with_a_member_named_default_still_has_default() {
        let builder = CollideOutputBuilder::default().default_value("x");
        let output: CollideOutput = builder.build().unwrap();
        assert_eq!(output.default_value(), "x");
        // `Default` (capitalised) has a @default of 3.
        assert_eq!(output.default_value_2(), 3);
        assert!(CollideOutput::builder().build().is_err(), "`default` is @required");
    }

    #[test]
    fn union_members_named_unknown_do_not_take_the_catch_all() {
        let choice: Choice = serde_json::from_str(r#"{"unknown":"u"}"#).unwrap();
        assert!(choice.is_unknown_value());
        assert!(!choice.is_unknown(), "is_unknown() is the catch-all's");
        let other: Choice = serde_json::from_str(r#"{"Unknown":5}"#).unwrap();
        assert_eq!(other.as_unknown_value_2(), Ok(&5));
        let new: Choice = serde_json::from_str(r#"{"added":true}"#).unwrap();
        assert!(new.is_unknown());
    }

    #[test]
    fn an_error_named_unhandled_is_a_modelled_variant() {
        let response = http::Response::builder()
            .status(400)
            .header("X-Amzn-Errortype", "Unhandled")
            .body(br#"{"meta":"m","message":"no"}"#.to_vec())
            .unwrap();
        match Collide::parse_response(&response) {
            Err(CollideError::Unhandled2(error)) => {
                assert_eq!(error.meta_value(), Some("m"));
                assert_eq!(error.meta().code(), Some("Unhandled"));
            }
            other => panic!("expected the modelled error, got {other:?}"),
        }
    }

    #[test]
    fn length_on_an_enum_checks_its_wire_value() {
        let ok = CollideInput::builder().tier(Tier::DotNet).build().unwrap();
        assert!(ok.validate().is_ok());
        let long = CollideInput::builder()
            .tier(Tier::from("X".repeat(51).as_str()))
            .build()
            .unwrap();
        let violations: Vec<String> = long
            .validate()
            .unwrap_err()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(violations, ["Tier: length 51 is above the maximum of 50"]);
    }

    #[test]
    fn range_on_an_int_enum_checks_its_wire_value() {
        let ok = CollideInput::builder().level(Level::Low).build().unwrap();
        assert!(ok.validate().is_ok());
        let high = CollideInput::builder().level(Level::High).build().unwrap();
        let violations: Vec<String> = high
            .validate()
            .unwrap_err()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(violations, ["Level: value 9 is above the maximum of 5"]);
    }

    #[test]
    fn float_ranges_compare_as_floats_and_a_bound_at_f32_max_is_dropped() {
        // Ratio is 0.5..=f32::MAX (only its minimum is checked), Share
        // -1.5..=100 (a whole-number bound on a double).
        let ok = CollideInput::builder().ratio(f32::MAX).share(100.0).build().unwrap();
        assert!(ok.validate().is_ok());
        let input = CollideInput::builder().ratio(0.25).share(100.5).build().unwrap();
        let violations: Vec<String> = input
            .validate()
            .unwrap_err()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            violations,
            [
                "Ratio: value 0.25 is below the minimum of 0.5",
                "Share: value 100.5 is above the maximum of 100"
            ]
        );
    }

    #[test]
    fn range_bounds_at_the_type_limits_are_not_checked_but_others_are() {
        // Full is -2^31..=2^31-1 and Wide 0..=i64::MAX: only Wide's minimum
        // can be broken. Small is -128..=10: only its maximum.
        let input = CollideInput::builder()
            .full(i32::MIN)
            .wide(-1)
            .small(11)
            .build()
            .unwrap();
        let violations: Vec<String> = input
            .validate()
            .unwrap_err()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            violations,
            [
                "Wide: value -1 is below the minimum of 0",
                "Small: value 11 is above the maximum of 10"
            ]
        );
    }
}
