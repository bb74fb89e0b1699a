//! Patterns the engine refuses: what Java refuses, and the Java syntax it
//! does not implement, each with a message naming the construct and the
//! character offset where it starts.
#![cfg(feature = "validation")]

mod common;
use common::{assert_error, error_of};
use shapesmith_runtime::pattern::Pattern;

#[test]
fn java_syntax_errors() {
    assert_error("(", 0, "unclosed group");
    assert_error("a(b(c)", 1, "unclosed group");
    assert_error("a)", 1, "unmatched ')'");
    assert_error("*a", 0, "dangling meta character '*'");
    assert_error("a|?", 2, "dangling meta character '?'");
    assert_error("a**", 2, "dangling meta character '*'");
    assert_error("a*?+", 3, "dangling meta character '+'");
    assert_error("{x}", 0, "illegal repetition");
    assert_error("a{", 1, "illegal repetition");
    assert_error("a{,2}", 1, "illegal repetition");
    assert_error("a{2,1}", 1, "illegal repetition range");
    assert_error("a{2147483648}", 1, "illegal repetition range");
    assert_error(r"\", 0, "lone backslash");
    assert_error(r"ab\", 2, "lone backslash");
    assert_error("x[ab", 1, "unclosed character class");
    assert_error("[a-", 0, "unclosed character class");
    assert_error("[]", 0, "unclosed character class");
    assert_error("x[z-a]", 2, "illegal character range");
    assert_error(r"[a-\d]", 1, "illegal character range");
    assert_error(r"\i", 0, "illegal/unsupported escape sequence '\\i'");
    assert_error(r"x\y", 1, "illegal/unsupported escape");
    assert_error(r"[\b]", 1, "illegal/unsupported escape");
    assert_error(r"[\1]", 1, "illegal/unsupported escape");
    assert_error(r"\E", 0, "illegal/unsupported escape");
    assert_error(r"\0", 0, "illegal octal escape");
    assert_error(r"\08", 0, "illegal octal escape");
    assert_error(r"\xZZ", 0, "illegal hexadecimal escape");
    assert_error(r"\x{110000}", 0, "too big");
    assert_error(r"\x{41", 0, "unclosed hexadecimal");
    assert_error(r"\u12", 0, "illegal Unicode escape");
    assert_error(r"\u{41}", 0, "illegal Unicode escape");
    assert_error(r"\c", 0, "illegal control escape");
    assert_error(r"\p{Foo}", 0, "unknown character property 'Foo'");
    assert_error(r"\p{lu}", 0, "unknown character property 'lu'");
    assert_error(r"\p{Alphabetic}", 0, "unknown character property");
    assert_error(r"\p{IsFoo}", 0, "unknown or unsupported character property 'IsFoo'");
    assert_error(r"\p{gc=Foo}", 0, "unknown general category 'Foo'");
    assert_error(r"\p{L", 0, "unclosed character family");
    assert_error(r"\p", 0, "illegal character family");
    assert_error("(?<1a>a)", 3, "does not start with a Latin letter");
    assert_error("(?<a>a)(?<a>b)", 7, "already defined");
    assert_error(r"\k<a>(?<a>x)", 0, "<a> does not exist");
    assert_error(r"\kx", 0, "\\k is not followed by '<'");
    assert_error("(?z)", 2, "unknown inline modifier 'z'");
    assert_error("(?", 0, "unterminated group");
    assert_error("(?<=(ab)*)c", 0, "obvious maximum length");
    assert_error(r"(?<=(a)\1)b", 0, "obvious maximum length");
    assert_error("(?<=(?:a|b){1,3})d", 0, "obvious maximum length");
}

#[test]
fn unsupported_java_syntax_is_named() {
    assert_error("(?u)a", 2, "inline flag 'u' is not supported");
    assert_error("(?x)a b", 2, "inline flag 'x'");
    assert_error("a(?U)", 3, "inline flag 'U'");
    assert_error("(?d)a", 2, "inline flag 'd'");
    assert_error(r"\p{IsLatin}", 0, "Unicode scripts are not supported");
    assert_error(r"\p{InGreek}", 0, "Unicode blocks");
    assert_error(r"\p{sc=Latn}", 0, "scripts and blocks");
    assert_error(r"\p{block=Greek}", 0, "scripts and blocks");
    assert_error(
        r"\p{IsIdeographic}",
        0,
        "unsupported character property 'IsIdeographic'",
    );
    assert_error(r"\X", 0, "\\X is not supported");
    assert_error(r"\N{LATIN SMALL LETTER A}", 0, "\\N is not supported");
    assert_error(r"\b{g}", 0, "grapheme boundaries");
    assert_error("x{2}{3}", 4, "a quantifier after a quantifier");
    assert_error("[a&&&b]", 2, "'&&&'");
    assert_error(r"[\sa-c&&]", 0, "a class ending in '&&'");
    assert_error("(?<=a*b*)c", 0, "two unbounded repetitions");
}

#[test]
fn errors_display_offsets_in_characters() {
    let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
    assert_error(&deep, 128, "nested too deeply");
    assert!(Pattern::new(&format!("{}a{}", "(".repeat(100), ")".repeat(100))).is_ok());
    let classes = format!("{}a{}", "[".repeat(200), "]".repeat(200));
    assert_error(&classes, 128, "nested too deeply");
    assert_eq!(error_of("a{2,1}").to_string(), "illegal repetition range at offset 1");
    // Offsets count characters, not bytes, and `\Q...\E` does not shift them.
    assert_eq!(error_of("éé)").offset(), 2);
    assert_eq!(error_of(r"\Qé)\E)").offset(), 6);
    let boxed: Box<dyn std::error::Error> = Box::new(error_of("("));
    assert_eq!(boxed.to_string(), "unclosed group at offset 0");
}

#[test]
fn java_accepts_these_and_so_does_the_engine() {
    for pattern in [
        "",
        "|",
        "()",
        "(|)",
        "(?:)",
        "(?)",
        "(?-)a",
        "(?i-s:a)",
        "^*",
        "a{0,0}",
        "]",
        "}",
        "[]a]",
        "[&&a]",
        "[a&&]",
        r"\Qab",
        r"\Q\E",
        "(?<=a*)b",
        "(?<=a+)b",
        "(?<=(.)*)b",
        r"(?<=\R)b",
        r"\G",
        r"\e",
        r"\a",
        r"\0377",
        r"\x{10FFFF}",
        r"\uD800",
        r"[\uD800-\uDFFF]",
        r"\k<n>(?<n>)",
        r"(?<n>a)\k<n>",
    ] {
        if pattern == r"\k<n>(?<n>)" {
            // Java looks names up while parsing, so a reference before its group is an error.
            assert!(Pattern::new(pattern).is_err());
            continue;
        }
        assert!(
            Pattern::new(pattern).is_ok(),
            "{pattern:?}: {:?}",
            Pattern::new(pattern).err()
        );
    }
}
