//! Robustness: no panic on any input, linear time on long texts, and a step
//! budget that stops catastrophic backtracking.
#![cfg(feature = "validation")]

mod common;
use common::{compile, matches};
use shapesmith_runtime::pattern::Pattern;
use std::time::Instant;

#[test]
fn no_panics_on_odd_input() {
    let patterns = [
        "",
        "|",
        "||",
        "()",
        "(|)",
        "(?:)",
        "[]a]",
        "(?=)",
        "(?!)",
        "(?<=)",
        "(?<!)",
        r"\00",
        "$^",
        "(?i)",
        "a{0,0}",
        r"(a){0}\1",
        r"[\s\S]*?",
        "(?=(a))*",
        "\u{0}",
        "\u{10FFFF}",
        r"\Q",
        r"\Q\E",
        "(?m)^$",
        r"\R*",
        "(?>)*",
        "(?:a|)*+",
        r"\b*",
        r"(?<=\b)",
        r"\z*",
        r"[\uD800-\uDFFF]*",
        r"\uDC00?",
    ];
    for pattern in patterns {
        let p = compile(pattern);
        for text in ["", "a", "\n", "\r\n", "aaa", "\u{10FFFF}\u{0}", "\u{85}\u{2028}"] {
            assert!(p.try_match(text).is_some(), "{pattern:?} on {text:?}");
        }
    }
    for pattern in [
        "[",
        "(",
        ")",
        "\\",
        "{",
        "}",
        "]",
        "(?",
        "[\\",
        "a{",
        "a{1",
        "a{1,",
        "\\x{",
        "\\p",
        "\\c",
        "\\Q\\",
        "[&&]",
        "[^",
        "(?<",
        "(?<a",
        "\\k<",
        "\\p{",
        "[a-\\Q",
        "[\\Qa-",
        "(?i",
        "(?-",
        "\\0",
        "\\x{FFFFFFFFFFFF}",
    ] {
        let _ = Pattern::new(pattern);
    }
}

#[test]
fn long_inputs_are_linear_and_do_not_overflow_the_stack() {
    let n = 1_000_000;
    let long = "a".repeat(n);
    let started = Instant::now();
    assert!(!matches(r"^.{1,256}$", &long));
    assert!(matches(r"^.{1,256}$", &long[..256]));
    assert!(!matches(r"^.{1,100000}$", &long));
    assert!(!matches(r"^[a-zA-Z0-9_\-.]{3,128}$", &long));
    assert!(matches(r"^[a-zA-Z0-9_\-.]{3,}$", &long));
    assert!(matches(r"^.*$", &long));
    assert!(matches(r"^.*?$", &long));
    assert!(matches(r"^[\s\S]*$", &long));
    assert!(matches(r"(?!\s*$).+", &long));
    assert!(matches(r"^(?!\s*$).+$", &long));
    assert!(matches(r"^[\s\S]*\S[\s\S]*$", &long));
    assert!(matches(r"^\p{Print}+$", &long));
    assert!(matches(r"^\p{L}*+\z", &long));
    let spaces = " ".repeat(n);
    assert!(!matches(r"^[\s\S]*\S[\s\S]*$", &spaces));
    assert!(!matches(r"^(?!\s*$).+$", &spaces));
    // Unanchored searches must not rescan the same run of characters from every start position.
    assert_eq!(compile(r"(?!\s*$).+").try_match(&spaces), Some(false));
    let digits = format!("{}x1", "1".repeat(n));
    assert_eq!(compile(r"^([$]LATEST)|([1-9][0-9]*)$").try_match(&digits), Some(true));
    assert_eq!(
        compile(r"[1-9][0-9]*$").try_match(&format!("{}x", "1".repeat(n))),
        Some(false)
    );
    assert_eq!(
        compile(r"[0-9]{12}").try_match(&"12345678901 ".repeat(n / 12)),
        Some(false)
    );
    let mut lines = "ab\n".repeat(n / 3);
    assert!(!matches(r"^.*$", &lines));
    lines.push('z');
    assert!(matches(r"z$", &lines));
    // Repetition of a group is not recursive either; only its backtracking entries grow.
    assert!(matches(r"^(?:ab)*$", &"ab".repeat(200_000)));
    assert!(matches(r"^(ab)+$", &"ab".repeat(200_000)));
    assert!(matches(r"^(?:ab)*+$", &"ab".repeat(200_000)));
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn pathological_patterns_terminate() {
    // Each of these needs exponentially many steps to fail on "aaa…a!", so the budget must stop it.
    let text = format!("{}!", "a".repeat(40));
    for pattern in [r"(a*)*b", r"(a+)+b", r"(a|a)*b", r"^(a|aa)+$", r"(?:a|a)*\z"] {
        let started = Instant::now();
        assert_eq!(compile(pattern).try_match(&text), None, "{pattern}");
        assert!(started.elapsed().as_secs() < 60, "{pattern}");
    }
    let p = compile(r"(a*)*b");
    assert!(!p.is_match(&text));
    assert_eq!(p.try_match("aab"), Some(true));
    assert_eq!(p.try_match("aa"), Some(false));
    // Possessive quantifiers and atomic groups are the Java author's way out, and they work here too.
    assert_eq!(compile(r"(?>a+)+b").try_match(&text), Some(false));
    assert_eq!(compile(r"(a++)+b").try_match(&text), Some(false));
}

#[test]
fn try_match_reports_budget_exhaustion() {
    let p = compile(r"^(\w+\s?)*$");
    let text = format!("{}!", "word ".repeat(30));
    assert_eq!(p.try_match(&text), None);
    assert!(!p.is_match(&text));
    assert_eq!(p.try_match("word word"), Some(true));
}
