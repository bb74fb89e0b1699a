//! The fast JSON reader (`templates/json.rs`) against serde_json: whenever
//! the reader returns a value, serde_json must return the same value for the
//! same text; when it gives up, serde_json decides (that is how generated
//! crates use it). And on ordinary input it must not give up, or it would
//! be no faster.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::json;

/// The reader's answer must be serde_json's, and `Some` when `expect_fast`.
fn check<T>(text: &str, expect_fast: bool)
where
    T: for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let fast = json::from_str::<T>(text);
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
#[derive(Debug, PartialEq, Deserialize)]
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
        let value_fast = json::from_str::<Value>(&text).is_some();
        check::<Value>(&text, false);
        check::<Shape>(&text, false);
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
