//! One table per construct: texts each pattern must and must not be found
//! in, with the meaning `java.util.regex.Pattern` documents. (The oracle
//! test checks the same constructs against Java itself, on many more rows.)
#![cfg(feature = "validation")]

mod common;
use common::{check, compile};

#[test]
fn literals_and_escapes() {
    check("abc", &["abc", "xabcx"], &["ab", "acb", ""]);
    check(r"^a\.b$", &["a.b"], &["axb"]);
    check(
        r"^\-\/\\\:\(\)\[\]\{\}\^\$\|\?\*\+\.$",
        &[r"-/\:()[]{}^$|?*+."],
        &[r"-/\:()[]{}^$|?*+x"],
    );
    check(r"^\t\n\r\f\a\e$", &["\t\n\r\u{c}\u{7}\u{1b}"], &["tnrfae"]);
    check(r"^\x41\u0042\x{43}\x{1F600}$", &["ABC\u{1F600}"], &["abc\u{1F600}"]);
    // Java reads a surrogate pair written as two escapes as the one code point it encodes.
    check(r"^\uD83D\uDE00$", &["\u{1F600}"], &["\u{1F600}\u{1F600}", ""]);
    // `\cX` is X with bit 6 flipped: `\cJ` is a line feed, `\c?` is DEL.
    check(r"^\cJ\c?$", &["\n\u{7f}"], &["cJc?"]);
    check(r"^é✓\u00e9$", &["é✓é"], &["e✓é"]);
    // A lone `]` or `}` is a literal.
    check(r"^a]b}c$", &["a]b}c"], &["abc"]);
}

#[test]
fn octal_escapes() {
    check(r"^\0101$", &["A"], &["\u{8}1"]);
    check(r"^\07$", &["\u{7}"], &["7"]);
    check(r"^\0377$", &["\u{ff}"], &[]);
    // Three digits only when the first is 0 to 3: `\0400` is `\040` (space) then `0`.
    check(r"^\0400$", &[" 0"], &["\u{100}"]);
    check(
        r"^[^/:|\000-\037]+$",
        &["name.txt", "a b"],
        &["a/b", "a\u{1f}", "\u{0}"],
    );
}

#[test]
fn quoting() {
    check(r"^\Qa.b*\E$", &["a.b*"], &["axb", "a.bb"]);
    check(r"^[\Q-]\E]+$", &["-]"], &["a"]);
    check(r"^\Q(unterminated", &["(unterminated"], &["unterminated"]);
    // The quantifier after `\E` applies to the last quoted character.
    check(r"^\Qab\E{2}$", &["abb"], &["abab"]);
    check(r"^a\Q\E*$", &["", "aaa"], &["b"]);
}

#[test]
fn dot_excludes_line_terminators() {
    check(
        "^.$",
        &["a", " ", "\t", "\u{1F600}", "\u{b}", "\u{c}"],
        &["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "", "ab"],
    );
    check("^.*$", &["anything at all"], &["two\nlines", "cr\rhere"]);
    check("a.c", &["abc", "a c"], &["a\nc", "a\u{85}c"]);
    check("(?s)a.c", &["a\nc", "a\u{2029}c"], &["ac"]);
    check("a(?s:.)c.", &["a\ncx"], &["a\nc\n"]);
    check("(?s)a(?-s).", &["ax"], &["a\n"]);
}

#[test]
fn character_classes() {
    check("^[abc]+$", &["abcba"], &["abd", ""]);
    check("^[^abc]$", &["d", "\n"], &["a", ""]);
    check("^[a-fA-F0-9]+$", &["DeadBeef09"], &["xyz"]);
    check("^[-a]+$", &["-a-"], &["b"]);
    check("^[a-]+$", &["-a-"], &["b"]);
    check(r"^[\w+=,.@/-]+$", &["a+=,.@/-_"], &["a b"]);
    check(r"^[a-zA-Z0-9-_\.\/]*$", &["a-b_c.d/e"], &["a b"]);
    check(r"^[\]\-\\]+$", &[r"]-\"], &["a"]);
    check(r"^[\x41-\x43\x{1F600}]+$", &["ABC\u{1F600}"], &["D"]);
    check(r"^[\w-.]+$", &["a-.b"], &["a,b"]);
    // `]` right after `[` is a literal in Java.
    check("^[]a]+$", &["]a"], &["b"]);
    check("^[.]$", &["."], &["a"]);
}

#[test]
fn class_union_intersection_and_negation() {
    check("^[a-c[x-z]]+$", &["abxz"], &["d", "w"]);
    check("^[a-z&&[^aeiou]]+$", &["bcd", "xyz"], &["a", "bad"]);
    check("^[a-z&&def]$", &["d", "f"], &["a", "g"]);
    check("^[\\p{Print}&&[^|:/]]+$", &["ab c"], &["a|b", "a:b", "a/b", "é"]);
    check("^[\\p{L}&&\\p{Lu}]+$", &["ÉA"], &["é", "1"]);
    // The `^` of Java 9 and later complements the whole class, nested classes included.
    check("^[^a[b]]$", &["c"], &["a", "b"]);
    check("^[^a-z&&d]$", &["a", "1"], &["d"]);
    check("^[a-f&&[^b]&&[^e]]+$", &["acdf"], &["b", "e"]);
    check("^[\\w&&[^\\d]]+$", &["abc_"], &["a1"]);
    // An empty side of `&&` is ignored.
    check("^[&&a]$", &["a"], &["&"]);
    check("^[a&&]$", &["a"], &["&"]);
    // Right before a `-`, Java reads `\v` as U+000B, so `[\v-x]` is a range.
    check(r"^[\v-x]$", &["\u{b}", "a", "x", " "], &["y", "\u{85}"]);
    check(r"^[\v]$", &["\u{85}", "\n"], &["a"]);
}

#[test]
fn predefined_classes_are_ascii() {
    check(r"^\d+$", &["0123456789"], &["١", "a", ""]);
    check(r"^\D+$", &["abc", "١"], &["a1"]);
    check(r"^\w+$", &["azAZ09_"], &["é", "-"]);
    check(r"^\W+$", &["-é "], &["a"]);
    check(r"^\s+$", &[" \t\n\u{b}\u{c}\r"], &["\u{a0}", "\u{85}", "\u{2028}", "x"]);
    check(r"^\S+$", &["x\u{85}\u{a0}"], &[" "]);
    check(r"^\h+$", &[" \t\u{a0}\u{3000}"], &["\n"]);
    check(r"^\v+$", &["\n\u{b}\u{c}\r\u{85}\u{2028}"], &[" "]);
    check(r"^\R\z", &["\r\n", "\n", "\u{2029}"], &["\n\n", " "]);
    check(r"^[\d\s]+$", &["1 2\t3"], &["1a"]);
    check(r"^[^\d\s]+$", &["abc"], &["a1", "a b"]);
}

#[test]
fn posix_classes_are_ascii() {
    check(r"^\p{Print}+$", &["Hello, World! ~"], &["é", "\t", "\u{7f}"]);
    check(r"^\p{Graph}+$", &["a!~"], &[" "]);
    check(r"^\p{Alnum}+$", &["abc123"], &["é", "_"]);
    check(r"^\p{Alpha}+$", &["abcXYZ"], &["é", "1"]);
    check(r"^\p{Punct}+$", &["!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"], &["a", "¡"]);
    check(r"^\p{ASCII}+$", &["\u{0}\u{7f}"], &["\u{80}"]);
    check(r"^\p{Lower}\p{Upper}$", &["aB"], &["éB", "Ab"]);
    check(r"^\p{XDigit}+$", &["09afAF"], &["g"]);
    check(r"^\p{Cntrl}+$", &["\u{0}\u{1f}\u{7f}"], &["\u{80}"]);
    check(r"^\p{Blank}+$", &[" \t"], &["\n"]);
    check(r"^\p{Space}+$", &[" \t\n\u{b}\u{c}\r"], &["\u{a0}"]);
    check(r"^[\p{Graph}\x20]*$", &["a b!"], &["é"]);
}

#[test]
fn unicode_categories_are_exact() {
    // Exact general categories, not approximations: Ⓐ (So, yet Alphabetic) is no letter, ª (Lo) no Ll.
    check(r"^\p{L}+$", &["abcÉñ東京Ωжª"], &["a1", "_", " ", "Ⅻ", "Ⓐ", "\u{301}"]);
    check(r"^\p{Lu}$", &["É", "Ω"], &["Ⓐ", "ǅ", "é"]);
    check(r"^\p{Ll}$", &["é"], &["ª", "É"]);
    check(r"^\p{Lt}$", &["ǅ"], &["D"]);
    check(r"^\p{LC}+$", &["aǅB"], &["ª"]);
    check(r"^\p{LD}+$", &["a1٣"], &["Ⅻ", "_"]);
    check(r"^\p{M}+$", &["\u{301}\u{20dd}\u{903}"], &["a"]);
    check(r"^\p{N}+$", &["123١٢٣Ⅻ½²"], &["a"]);
    check(r"^\p{Nd}+$", &["1١"], &["Ⅻ", "½"]);
    check(r"^\p{P}+$", &["!,.-«»"], &["$", "+"]);
    check(r"^\p{S}+$", &["$+©€"], &["!"]);
    check(
        r"^\p{Z}+$",
        &[" \u{a0}\u{3000}\u{2028}\u{2029}"],
        &["\t", "\n", "\u{85}", "\u{feff}"],
    );
    check(r"^\p{C}+$", &["\u{0}\u{ad}\u{e000}"], &["a"]);
    check(r"^\p{Cn}$", &["\u{378}"], &["a"]);
    check(r"^\P{L}+$", &["123 _-"], &["a"]);
    check(r"^\pL\PL$", &["a1"], &["1a"]);
    check(r"^\p{IsL}\p{gc=Nd}\p{general_category=Zs}$", &["a1 "], &["1a "]);
    check(r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$", &["é\u{301}$1!"], &[" ", "\u{0}"]);
    check(r"^[^\p{C}]+$", &["abc é"], &["a\u{0}", "\u{200b}"]);
    // Characters outside the Basic Multilingual Plane.
    check(r"^\p{So}$", &["\u{1F600}"], &["a"]);
    check(r"^\p{Lu}$", &["\u{1D400}"], &["\u{1D41A}"]);
}

#[test]
fn java_and_binary_properties() {
    check(r"^\p{javaLowerCase}+$", &["aéª"], &["A"]);
    check(r"^\p{javaLetterOrDigit}+$", &["a1é٣"], &["_"]);
    check(r"^\p{IsAlphabetic}+$", &["aéⅫⓐ"], &["1"]);
    check(r"^\p{IsWhite_Space}+$", &[" \u{85}\u{a0}\n"], &["\u{200b}"]);
    check(r"^\p{IsPunctuation}+$", &["!«"], &["$"]);
    check(r"^\p{L1}+$", &["\u{0}ÿ"], &["Ā"]);
}

#[test]
fn anchors_and_line_terminators() {
    check(
        "^abc$",
        &["abc", "abc\n", "abc\r\n", "abc\u{2028}"],
        &["abcd", "xabc", "abc\n\n"],
    );
    check("^abc", &["abcd"], &["xabc", "x\nabc"]);
    check("abc$", &["xabc", "abc\r"], &["abcd", "abc\nx"]);
    check(r"abc\Z", &["abc", "abc\n"], &["abc\n\n"]);
    check(r"abc\z", &["abc"], &["abc\n"]);
    check(r"\Aabc", &["abc"], &["xabc"]);
    check(
        r"^\Asnap-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})\z$",
        &["snap-0123abcd"],
        &["snap-0123abcd\n"],
    );
    check("^$", &["", "\n", "\r\n"], &[" ", "\n\n"]);
    // Between `\r` and `\n` there is no line boundary.
    check(r"\r$", &["a\r"], &["a\r\n"]);
    check("(?m)^b$", &["a\nb\nc", "a\r\nb\r\n"], &["ab"]);
    // Java's multiline `^` does not match at the end of the text, even after a line terminator.
    check("(?m)^", &["a"], &[""]);
    check("(?m)\\n^", &["\na"], &["a\n"]);
}

#[test]
fn word_boundaries_are_ascii() {
    check(r"\bfoo\b", &["foo", "a foo.", "(foo)"], &["food", "afoo", "foo_"]);
    check(r"\Boo\B", &["foob"], &["oo", "a oo b"]);
    check(r"^\b$", &[], &[""]);
    check(r"^\B$", &[""], &[]);
    // `\w` is ASCII, and so is `\b` (Java 19 and later): no boundary between `é` and the end.
    check(r"é\b", &[], &["é"]);
    check(r"a\b", &["aé"], &["ab"]);
}

#[test]
fn search_is_unanchored() {
    check("b", &["abc", "b"], &["ac", ""]);
    check("[0-9]{3}", &["ab123cd"], &["ab12cd"]);
    check("", &["", "anything"], &[]);
    check("x*", &["", "yyy"], &[]);
}

#[test]
fn alternation_precedence() {
    // `^` binds to the first alternative and `$` to the last one only.
    check("^a|b$", &["ax", "xb", "a", "b"], &["xa", "bx"]);
    check("^(a|b)$", &["a", "b"], &["ax", "xb"]);
    check("^(?:cat|dog|)$", &["cat", "dog", ""], &["cow"]);
}

#[test]
fn quantifiers() {
    check("^a*$", &["", "aaaa"], &["ab"]);
    check("^a+$", &["a", "aaa"], &[""]);
    check("^ab?c$", &["ac", "abc"], &["abbc"]);
    check("^a{3}$", &["aaa"], &["aa", "aaaa"]);
    check("^a{2,}$", &["aa", "aaaaaaa"], &["a"]);
    check("^a{2,4}$", &["aa", "aaa", "aaaa"], &["a", "aaaaa"]);
    check("^a{0}$", &[""], &["a"]);
    check("^(?:ab){2,3}$", &["abab", "ababab"], &["ab", "abababab"]);
    check(
        r"^[0-9]{1,6}(\.[0-9]{1,6}){2,3}$",
        &["1.2.3", "1.2.3.4"],
        &["1.2", "1.2.3.4.5"],
    );
    check("^(a|bc)*$", &["", "abca", "bcbc"], &["abcb"]);
    check("^(?:a*)*$", &["", "aaa"], &["b"]);
    check("^(?:a?)+b$", &["b", "aab"], &["aa"]);
    check("^(?:)*$", &[""], &["a"]);
    check("^a{2147483647}$", &[], &["a", ""]);
}

#[test]
fn lazy_quantifiers() {
    // Lazy and greedy quantifiers accept the same strings; a lookahead (atomic) followed by a
    // backreference reveals which capture each one prefers.
    check(r"^(?=(a+))\1b$", &["aab"], &[]);
    check(r"^(?=(a+?))\1b$", &[], &["aab"]);
    check(r"^(?=(a+?))\1ab$", &["aab"], &[]);
    check(r"^(?=(a*?))\1aab$", &["aab"], &[]);
    check(r"^(?=(a??))\1aab$", &["aab"], &[]);
    check(r"^(?=(\d{2,4}?))\1$", &[], &["1234"]);
    check(r"^(?=(\d{2,4}))\1$", &["1234"], &[]);
    check(r"^(?=((?:ab)+?))\1ab$", &["abab"], &[]);
    check("^a*?$", &["aaa", ""], &["ab"]);
    check("^a+?b$", &["aaab"], &["b"]);
    check("^s3://([^/]+)/(.*?([^/]+))$", &["s3://b/k/f.zip"], &["s3://b/"]);
}

#[test]
fn possessive_quantifiers_and_atomic_groups() {
    // A possessive quantifier never gives back what it took.
    check("^a*+a", &[], &["aaa"]);
    check("^a*+b", &["aab"], &["aa"]);
    check(r"^\d{1}+$", &["7"], &["77"]);
    check(r"^\d{1,2}+\d$", &["123"], &["12"]);
    check("^(?:ab)++$", &["abab"], &["aba"]);
    check(
        r"^arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\d{1}+:\d{12}+:application/[a-zA-Z0-9_.-]{1,128}$",
        &["arn:aws:kinesisanalytics:us-east-1:123456789012:application/app"],
        &["arn:aws:kinesisanalytics:us-east-12:123456789012:application/app"],
    );
    check("^(?>a+)a", &[], &["aaa"]);
    check("^(?>ab|a)b", &[], &["ab"]);
    check("^(?>a|ab)b$", &["ab"], &["abb"]);
}

#[test]
fn backreferences() {
    check(r"^(a|b)\1$", &["aa", "bb"], &["ab", "a"]);
    check(r"^(\w+) \1$", &["hey hey"], &["hey you"]);
    // A group that has not matched makes the reference fail (in ECMA-262 it would match the empty string).
    check(r"^(?:(a)|b)\1$", &["aa"], &["b", "ba", "bb"]);
    check(r"^\1(a)$", &[], &["a"]);
    // Captures keep their value from earlier iterations.
    check(r"^(?:(a)|b)+\1$", &["aba", "aa", "aaa"], &["b"]);
    // `\11` is group 11 when 11 groups are open, else group 1 followed by `1`.
    check(
        r"^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\11$",
        &["abcdefghijkk"],
        &["abcdefghijka1"],
    );
    check(r"^(a)\11$", &["aa1"], &["aa"]);
    check(r"^(?i)(ab)\1$", &["abAB", "ABab"], &["abac"]);
    check(r"^(.)(.)\2\1$", &["abba"], &["abab"]);
    check(r"^(?<x>.)\k<x>$", &["aa"], &["ab"]);
    // A reference to a group that does not exist never matches, repeated or not (Java accepts it).
    check(r"\1", &[], &["", "a"]);
    check(r"\1{2}", &[], &["", "a"]);
    check(r"(?:\2)++|x", &["x"], &["", "a"]);
    check(r"(a)\2?b", &["ab"], &["a"]);
}

#[test]
fn lookarounds() {
    check(r"^(?!\s*$).+$", &["x", " a "], &["", "   ", "\t\r\n", "a\nb"]);
    check(
        r"^(?=.*\d)(?=.*[a-z]).{6,}$",
        &["abc123", "1aaaaa"],
        &["abcdef", "123456", "a1"],
    );
    check(r"foo(?!bar)", &["foobaz", "foo"], &["foobar"]);
    check(r"foo(?=bar)", &["foobar"], &["foobaz"]);
    check(r"^(?=(a))\1$", &["a"], &["aa"]);
    check(r"(?<=\$)\d+", &["cost: $42"], &["cost: 42"]);
    check(r"(?<!\$)\b\d+", &["cost: 42"], &["cost: $42"]);
    check(r"^.*(?<=\.json)$", &["a.json"], &["a.jsonx"]);
    check(r"(?<=^|,)x(?=,|$)", &["x", "a,x", "x,b"], &["ax", "xb"]);
    check(r"^[0-9A-Za-z\.\-_]*(?<!\.)$", &["a.b", ""], &["a."]);
    check(r"^(?=a)*a$", &["a"], &["b"]);
}

#[test]
fn case_insensitivity_is_ascii_and_scoped() {
    check("(?i)hello", &["HeLLo", "say hello"], &["help"]);
    check("^(?i)[a-c]+$", &["aBc", "ABC"], &["abd"]);
    check("^(?i)[^a]$", &["b"], &["A", "a"]);
    check(r"^(?i)\w+$", &["ABC_abc"], &["é"]);
    // ASCII only: é/É, K/KELVIN SIGN, s/LONG S do not meet without Unicode case folding.
    check("^(?i)é$", &["é"], &["É"]);
    check("^(?i)k$", &["K", "k"], &["\u{212a}"]);
    check("^(?i)s$", &["S"], &["\u{17f}"]);
    check(r"^(?i)\x41$", &["a"], &["b"]);
    // `(?i)` holds to the end of the group it is written in, alternatives included.
    check("^a(?i)b$", &["aB"], &["AB"]);
    check("^(a(?i)b|c)d$", &["aBd", "Cd"], &["aBD", "ABd"]);
    check("^(?i:ab)c$", &["ABc", "aBc"], &["ABC"]);
    check("^(?i)a(?-i)b$", &["Ab"], &["AB"]);
    check(
        "^(?i)all|[0-9]{12}$",
        &["all", "ALL", "Allx", "123456789012", "x123456789012"],
        &["al", "1234"],
    );
    check(
        r"^(?![^:\\]*/action/|(?i).*<script>.*</script>.*)[^:\\]+$",
        &["a/b"],
        &["x<SCRIPT>y</script>", "a/action/"],
    );
    // The case properties widen to all cased letters.
    check(r"^(?i)\p{Lu}$", &["a", "A"], &["1"]);
    check(r"^(?i)\p{Lower}$", &["A", "a"], &["é"]);
}

#[test]
fn surrogate_ranges() {
    // Java reads `\uD800\uDC00` as U+10000 and `\uDBFF\uDFFF` as U+10FFFF: the usual "XML characters" class.
    let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";
    check(
        xml,
        &["abc", "\u{1F600}", "\u{10FFFF}", "\t\r\n", ""],
        &["\u{0}", "\u{FFFE}", "a\u{1}"],
    );
    // A range of lone surrogates matches only unpaired surrogates in Java; no Rust text has one.
    check(r"[\uD800-\uDFFF]", &[], &["a", "\u{1F600}", "\u{D7FF}\u{E000}"]);
    check(r"^[^\uD800-\uDFFF]+$", &["a\u{1F600}"], &[]);
    check(r"\uDC00", &[], &["\u{1F600}"]);
    check(r"[\uD800\uDBFF-\uDC00\uDFFF]", &[], &["\u{10000}", "\u{10FFFF}"]);
}

#[test]
fn compiled_patterns_are_reusable_and_shareable() {
    let p = compile(r"^\p{Lu}\w*$");
    let shared = std::sync::Arc::new(p.clone());
    let handle = {
        let shared = shared.clone();
        std::thread::spawn(move || shared.is_match("Abc"))
    };
    assert!(handle.join().unwrap_or(false));
    assert!(!p.is_match("abc"));
}
