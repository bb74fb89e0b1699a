//! The fast JSON reader and writer (`json.rs`) against
//! serde_json: whenever the reader returns a value, serde_json must return
//! the same value for the same text; when it gives up, serde_json decides
//! (that is how generated crates use it). The writer must write serde_json's
//! bytes. And on ordinary input neither may give up, or it would be no
//! faster.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json;

/// The reader alone, without the serde_json fallback.
fn json_read<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    json::read(text)
}

/// The writer alone must write serde_json's bytes (and not give up).
fn check_written<T: Serialize + std::fmt::Debug>(value: &T) {
    let mut writer = json::Writer { out: Vec::new() };
    value
        .serialize(&mut writer)
        .unwrap_or_else(|_| panic!("the writer gave up on {value:?}"));
    let expected = serde_json::to_vec(value).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&writer.out),
        String::from_utf8_lossy(&expected),
        "different bytes for {value:?}"
    );
}

/// The reader's answer must be serde_json's, and `Some` when `expect_fast`.
fn check<T>(text: &str, expect_fast: bool)
where
    T: for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let fast = json_read::<T>(text);
    let slow = serde_json::from_str::<T>(text);
    if let Some(fast) = &fast {
        match &slow {
            Ok(slow) => assert_eq!(fast, slow, "different values for {text:?}"),
            Err(e) => panic!("the reader accepted {text:?}, serde_json rejects it: {e}"),
        }
    }
    if expect_fast {
        assert!(
            fast.is_some(),
            "the reader gave up on ordinary input {text:?}: {slow:?}"
        );
    }
}

/// A typed shape like the generated ones: options, nesting, numbers of
/// every width, maps and lists.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Shape {
    name: Option<String>,
    count: Option<i32>,
    small: Option<u8>,
    big: Option<u64>,
    delta: Option<i64>,
    ratio: Option<f64>,
    narrow: Option<f32>,
    flag: Option<bool>,
    tags: Option<Vec<String>>,
    scores: Option<BTreeMap<String, Vec<i64>>>,
    child: Option<Box<Shape>>,
    anything: Option<Value>,
}

#[test]
fn numbers_read_as_serde_json_reads_them() {
    for (text, fast) in [
        ("0", true),
        ("1", true),
        ("-1", true),
        ("1.5", true),
        ("-0.25", true),
        ("1e5", true),
        ("1E+5", true),
        ("2.5e-3", true),
        ("1e-400", true),
        ("0.1", true),
        ("1700000000.123456", true),
        ("9007199254740993", true),
        ("18446744073709551615", false), // 20 digits: left to serde_json
        ("-9223372036854775808", true),
        ("-9223372036854775809", false),
        ("-0", false),
        ("123456789012345678901234567890", false),
        ("1e400", false),
        ("-1e400", false),
        ("01", false),
        ("1.", false),
        (".5", false),
        ("-", false),
        ("1e", false),
        ("1e+", false),
        ("+1", false),
        ("0x10", false),
        ("NaN", false),
        ("Infinity", false),
    ] {
        check::<Value>(text, fast);
        check::<Option<f64>>(text, fast);
    }
    for text in ["255", "256", "-1", "1.0", "4294967296"] {
        check::<u8>(text, false);
        check::<i32>(text, false);
        check::<u64>(text, false);
        check::<f32>(text, false);
    }
}

#[test]
fn strings_read_as_serde_json_reads_them() {
    for (text, fast) in [
        (r#""""#, true),
        (r#""plain""#, true),
        (r#""exactly8""#, true),
        (r#""sixteen bytes!!!""#, true),
        (r#""Zürich ✓ 李雷 –""#, true),
        (r#""esc \" \\ \/ \b \f \n \r \t""#, true),
        (r#""\u0070atching \u00fc \u674e""#, true),
        (r#""pair \ud83d\ude00 end""#, true),
        (r#""\u0000 nul""#, true),
        (r#""\\""#, true),
        (r#""a\"""#, true),
        (r#""ends with escape\n""#, true),
        (r#""lone \ud83d here""#, false),
        (r#""lone \ude00 here""#, false),
        (r#""lead then not trail \ud83d\u0041""#, false),
        (r#""bad \x escape""#, false),
        (r#""short \u12""#, false),
        (r#""bad hex \u12g4""#, false),
        ("\"raw\ttab\"", false),
        ("\"raw\nnewline\"", false),
        ("\"raw\u{1f}unit separator\"", false),
        (r#""unterminated"#, false),
        (r#""unterminated \"#, false),
        ("\"", false),
    ] {
        check::<Value>(text, fast);
        check::<Option<String>>(text, fast);
    }
}

#[test]
fn structure_reads_as_serde_json_reads_it() {
    for (text, fast) in [
        ("{}", true),
        ("[]", true),
        (" \n\t\r{ \"Name\" : \"a\" , \"Count\" : 1 } \n", true),
        (r#"{"Name":null,"Tags":null}"#, true),
        (r#"{"Tags":["a","b"],"Scores":{"x":[1,-2],"y":[]}}"#, true),
        (r#"{"Child":{"Child":{"Name":"deep"}}}"#, true),
        (r#"{"Anything":{"k":[1,2.5,"s",true,false,null,{}]}}"#, true),
        (r#"{"Flag":true}"#, true),
        (r#"{"Name":"a","Name":"b"}"#, false),
        (r#"{"Unknown":1}"#, false),
        (r#"{"Name":"a",}"#, false),
        (r#"{"Tags":["a",]}"#, false),
        (r#"{"Name" "a"}"#, false),
        (r#"{"Name":"a""Count":1}"#, false),
        (r#"{"Name":"a"} trailing"#, false),
        (r#"{"Name":"a"}}"#, false),
        (r#"{"Name":"a""#, false),
        (r#"{Name:"a"}"#, false),
        (r#"{"Flag":tru}"#, false),
        (r#"{"Flag":nul}"#, false),
        (r#"{"Count":"1"}"#, false),
        (r#"{"Name":1}"#, false),
        (r#"{"Small":300}"#, false),
        (r#"{"Tags":"a"}"#, false),
        (r#"["not","an","object"]"#, false),
        ("", false),
        ("   ", false),
    ] {
        check::<Value>(
            text,
            fast || text.contains(r#""Name":"a","Name""#) || text == r#"{"Unknown":1}"#,
        );
        // An array is not a `Shape`.
        check::<Shape>(text, fast && text != "[]");
    }
}

#[test]
fn nesting_beyond_serde_json_s_limit_is_left_to_it() {
    for depth in [1, 64, 127, 128, 129, 500] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        check::<Value>(&text, depth <= 127);
    }
}

/// splitmix64: a seeded generator, so every run checks the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const KEYS: &[&str] = &[
    "Name", "Count", "Small", "Big", "Delta", "Ratio", "Narrow", "Flag", "Tags", "Scores", "Child", "Anything",
];
const STRINGS: &[&str] = &[
    "",
    "plain",
    "with \\\"quotes\\\"",
    "tab\\tand\\nnewline",
    "Zürich ✓",
    "\\u0070\\u00e9\\ud83d\\ude00",
    "a long string that spans several eight-byte words of input",
    "slash\\/es",
];
const NUMBERS: &[&str] = &[
    "0",
    "7",
    "-12",
    "255",
    "4294967295",
    "1.5",
    "-0.001",
    "6.02e23",
    "1E-7",
    "1700000000.123456",
];

/// A random value of `Shape`'s form, as JSON text (sometimes with spaces).
fn random_shape(rng: &mut Rng, depth: u32, out: &mut String) {
    let space = |rng: &mut Rng, out: &mut String| {
        if rng.below(8) == 0 {
            out.push_str(["", " ", "\n", "\t", "\r\n  "][rng.below(5) as usize]);
        }
    };
    out.push('{');
    let members = rng.below(6);
    for i in 0..members {
        if i > 0 {
            out.push(',');
        }
        space(rng, out);
        let key = rng.pick(KEYS);
        out.push_str(&format!("\"{key}\""));
        space(rng, out);
        out.push(':');
        space(rng, out);
        match key {
            _ if rng.below(10) == 0 => out.push_str("null"),
            "Name" => out.push_str(&format!("\"{}\"", rng.pick(STRINGS))),
            "Count" | "Small" | "Big" | "Delta" | "Ratio" | "Narrow" => out.push_str(rng.pick(NUMBERS)),
            "Flag" => out.push_str(if rng.below(2) == 0 { "true" } else { "false" }),
            "Tags" => {
                let items: Vec<String> = (0..rng.below(4))
                    .map(|_| format!("\"{}\"", rng.pick(STRINGS)))
                    .collect();
                out.push_str(&format!("[{}]", items.join(",")));
            }
            "Scores" => {
                let entries: Vec<String> = (0..rng.below(3))
                    .map(|_| format!("\"{}\":[{}]", rng.pick(STRINGS), rng.pick(&["", "1", "1,-2,3"])))
                    .collect();
                out.push_str(&format!("{{{}}}", entries.join(",")));
            }
            "Child" if depth < 4 => random_shape(rng, depth + 1, out),
            "Child" => out.push_str("null"),
            _ => {
                let any = [
                    "1",
                    "\"s\"",
                    "[1,[2,{}]]",
                    "{\"k\":{\"k\":[true,null]}}",
                    "2.5",
                    "false",
                ];
                out.push_str(any[rng.below(any.len() as u64) as usize]);
            }
        }
        space(rng, out);
    }
    out.push('}');
}

/// Random well-formed documents, then the same documents broken by a few
/// random edits: the reader agrees with serde_json on every one.
#[test]
fn random_and_randomly_broken_documents_read_as_serde_json_reads_them() {
    let mut rng = Rng(0x5EED_4A50);
    let edits = [
        "", "\"", "\\", ",", ":", "{", "}", "[", "]", "0", "-", ".", "e", "n", " ", "\u{1}", "é", "\\u",
    ];
    let (mut fast, mut broken_fast) = (0, 0);
    for case in 0..20_000 {
        let mut text = String::new();
        random_shape(&mut rng, 0, &mut text);
        if case % 2 == 1 {
            for _ in 0..=rng.below(3) {
                let mut at = rng.below(text.len() as u64 + 1) as usize;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = at + rng.below(3) as usize;
                while end > text.len() || !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, rng.pick(&edits));
            }
        }
        let value_fast = json_read::<Value>(&text).is_some();
        check::<Value>(&text, false);
        check::<Shape>(&text, false);
        if let Ok(value) = serde_json::from_str::<Value>(&text) {
            check_written(&value);
        }
        if let Ok(shape) = serde_json::from_str::<Shape>(&text) {
            check_written(&shape);
        }
        if case % 2 == 0 {
            // Well-formed: the fast path must be taken (duplicate keys
            // aside, which `Shape` rejects but `Value` accepts).
            assert!(value_fast, "gave up on well-formed {text:?}");
            fast += 1;
        } else if value_fast {
            broken_fast += 1;
        }
    }
    assert_eq!(fast, 10_000);
    // Some edits leave valid JSON (a space, a digit); most do not.
    assert!(broken_fast > 100 && broken_fast < 9_000, "{broken_fast}");
}

#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let every_control: String = (0u8..0x20).map(char::from).collect();
    for text in [
        "",
        "plain",
        "exactly8",
        "sixteen bytes!!!",
        "\"quoted\" and \\backslashed\\",
        "slash / stays",
        "Zürich ✓ 李雷 – 🚀",
        "\u{7f} delete stays",
        every_control.as_str(),
        "a long string that spans several eight-byte words and ends in an escape\n",
    ] {
        check_written(&text);
        check_written(&Value::String(text.to_owned()));
        check_written(&BTreeMap::from([(text.to_owned(), text.to_owned())]));
    }
}

#[test]
fn numbers_are_written_as_serde_json_writes_them() {
    check_written(&vec![0i64, 1, -1, 9, 10, 99, 100, i64::MAX, i64::MIN]);
    check_written(&vec![0u64, 7, u64::MAX]);
    check_written(&vec![i8::MIN, i8::MAX]);
    check_written(&vec![
        0.0f64,
        -0.0,
        1.5,
        0.1,
        1e300,
        1e-300,
        1700000000.123456,
        f64::MAX,
        f64::NAN,
        f64::INFINITY,
    ]);
    check_written(&vec![0.1f32, 3.4e38, f32::NEG_INFINITY]);
    check_written(&Shape {
        name: Some("n".into()),
        count: Some(-3),
        small: Some(255),
        big: Some(u64::MAX),
        delta: Some(i64::MIN),
        ratio: Some(2.5),
        narrow: Some(0.1),
        flag: Some(false),
        tags: Some(vec![String::new(), "t".into()]),
        scores: Some(BTreeMap::from([("k".into(), vec![1, -2])])),
        child: Some(Box::new(Shape {
            name: None,
            count: None,
            small: None,
            big: None,
            delta: None,
            ratio: None,
            narrow: None,
            flag: None,
            tags: None,
            scores: None,
            child: None,
            anything: Some(serde_json::json!({"a": [null, true, {"b": 1.25}]})),
        })),
        anything: None,
    });
}

#[test]
fn values_the_writer_does_not_handle_fall_back_to_serde_json() {
    // Integer map keys: serde_json quotes them; the writer leaves that to it.
    let map = BTreeMap::from([(1u32, "one")]);
    let mut writer = json::Writer { out: Vec::new() };
    assert!(map.serialize(&mut writer).is_err());
    assert_eq!(json::to_vec(&map).unwrap(), serde_json::to_vec(&map).unwrap());
    // An externally tagged enum variant with data.
    #[derive(Serialize)]
    enum Tagged {
        Pair(u8, u8),
    }
    assert_eq!(
        json::to_vec(&Tagged::Pair(1, 2)).unwrap(),
        serde_json::to_vec(&Tagged::Pair(1, 2)).unwrap()
    );
}

#[test]
fn the_public_functions_fall_back_to_serde_json_with_its_errors() {
    let good = br#"{"Name":"a","Count":1}"#;
    assert_eq!(
        json::from_slice::<Shape>(good).unwrap(),
        serde_json::from_slice::<Shape>(good).unwrap()
    );
    for bad in [&b"{\"Name\":\"\xff\"}"[..], b"{\"Name\":1}", b"{\"Name\":\"a\"", b"[1]"] {
        let ours = json::from_slice::<Shape>(bad).unwrap_err().to_string();
        let theirs = serde_json::from_slice::<Shape>(bad).unwrap_err().to_string();
        assert_eq!(ours, theirs);
    }
    let text = r#"{"Count":"1"}"#;
    assert_eq!(
        json::from_str::<Shape>(text).unwrap_err().to_string(),
        serde_json::from_str::<Shape>(text).unwrap_err().to_string()
    );
}

#[test]
fn field_names_that_need_escaping_are_escaped_like_serde_json() {
    #[derive(Debug, Serialize)]
    struct Odd {
        #[serde(rename = "quote\"and\\backslash")]
        a: u8,
        #[serde(rename = "tab\there")]
        b: u8,
        plain: u8,
    }
    check_written(&Odd { a: 1, b: 2, plain: 3 });
}

/// Found in review: methods for a specific type must reject other types
/// themselves, as serde_json does, because some visitors accept them.
#[test]
fn typed_requests_reject_other_types_as_serde_json_does() {
    type Map = serde_json::Map<String, Value>;
    for text in ["null", "[]", "1", "\"s\"", "true", "{}"] {
        check::<Map>(text, text == "{}");
        check::<Vec<u8>>(text, text == "[]");
        check::<String>(text, text == "\"s\"");
        check::<bool>(text, text == "true");
        check::<u32>(text, text == "1");
        check::<()>(text, text == "null");
        check::<Shape>(text, text == "{}");
    }
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(field_identifier)]
    enum Field {
        Name,
    }
    check::<Field>("0", false);
    check::<Field>("\"Name\"", true);
}

/// Found in review: serde_json rounds decimals straight to f32.
#[test]
fn f32_is_left_to_serde_json() {
    for text in ["1.000000059604644776", "1e39", "0.1", "3"] {
        check::<f32>(text, false);
        assert_eq!(
            json::from_str::<f32>(text).map_err(|e| e.to_string()),
            serde_json::from_str::<f32>(text).map_err(|e| e.to_string()),
            "{text}"
        );
    }
}

#[test]
fn serde_json_here_reads_numbers_as_the_module_does() {
    // Without serde_json's arbitrary_precision feature (not enabled in
    // this build) the fast paths are used; with it, json.rs defers.
    assert!(json::plain_serde_json());
}

#[test]
fn to_body_writes_documents_as_serde_json_does() {
    let document: Value = serde_json::from_str(
        r#"{"b":[1,-2,3.5,1e300,true,null,"t\"ab\u0001"],"a":{"nested":{"deeper":[{}]}},"u":18446744073709551615}"#,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(json::to_body(&document).unwrap()).unwrap(),
        String::from_utf8(serde_json::to_vec(&document).unwrap()).unwrap()
    );
}

#[test]
fn to_body_writes_arbitrary_precision_numbers_as_their_text() {
    // What serde_json's `Number` gives a serializer when another crate of
    // the build turns on `arbitrary_precision`.
    struct ArbitraryNumber(&'static str);
    impl Serialize for ArbitraryNumber {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct as _;
            let mut number = serializer.serialize_struct("$serde_json::private::Number", 1)?;
            number.serialize_field("$serde_json::private::Number", self.0)?;
            number.end()
        }
    }
    let value = BTreeMap::from([("Price", ArbitraryNumber("1.50"))]);
    assert_eq!(json::to_body(&value).unwrap(), br#"{"Price":1.50}"#);
    // Text that is not a number is not written raw.
    assert!(json::to_body(&ArbitraryNumber("1.5\"}")).is_err());
}

#[test]
fn to_body_refuses_what_json_bodies_do_not_take() {
    #[derive(Serialize)]
    enum Tagged {
        Pair(u8, u8),
    }
    let error = json::to_body(&Tagged::Pair(1, 2)).unwrap_err();
    assert!(
        error.to_string().contains("a tuple or an enum variant with data"),
        "{error}"
    );
}
