//! The regular-expression engine behind Smithy's `@pattern` trait, reading
//! the Java syntax AWS models are written in, with Java's meaning.
//!
//! Smithy validates models with Java, and the services that enforce the
//! patterns mostly run on the JVM, so `java.util.regex.Pattern` is the
//! reference: [`Pattern::is_match`] answers what
//! `Pattern.compile(p).matcher(text).find()` answers. The engine is also
//! compiled into shapesmith, which calls [`Pattern::new`] to find, at
//! generation time, the patterns generated code could not enforce. It
//! contains no `unsafe` and never panics, whatever the pattern or the text.
//!
//! # Semantics
//!
//! * Matching is a search: the pattern matches if it matches *anywhere* in
//!   the text. Smithy patterns are not implicitly anchored; `^` and `$` must
//!   be written.
//! * Text is a sequence of Unicode scalar values (Rust `char`s). Java sees
//!   UTF-16, but reads a surrogate pair as one code point, as here.
//! * `.` matches anything but the line terminators `\n`, `\r`, U+0085,
//!   U+2028 and U+2029 (anything at all under `(?s)`).
//! * `^` and `\A` match at the start of the text only. `$` and `\Z` match at
//!   the end and also before a line terminator that ends the text (a final
//!   `\r\n` counts as one terminator); `\z` matches only at the very end.
//!   Under `(?m)`, `^` also matches after any line terminator except at the
//!   end of the text, and `$` before any line terminator.
//! * `\d`, `\w`, `\s` and the POSIX classes (`\p{Alpha}`, `\p{Print}`, ...)
//!   are US-ASCII only, and `\b` is the boundary between a `\w` character and
//!   anything else (as in Java 19 and later; see Divergences).
//! * `(?i)` compares ASCII letters without regard to case; other characters
//!   must be equal. As in Java, inline flags hold to the end of the group
//!   they are written in, and `(?i)` widens `\p{Lu}`, `\p{Ll}`, `\p{Lt}`,
//!   `\p{Lower}`, `\p{Upper}` and the other case properties to all cased
//!   letters.
//! * General categories come from the Unicode 16.0 tables of the
//!   `unicode-general-category` crate; the derived properties Alphabetic,
//!   Lowercase, Uppercase and White_Space from Rust's `char` methods.
//! * Captures keep their value from earlier iterations of a loop, a
//!   backreference to a group that has not matched fails, and an iteration
//!   that matches the empty string ends its loop, as in Java.
//! * Backtracking can take exponential time on patterns such as `(a*)*b`, so
//!   every search has a step budget (see [`Pattern::try_match`]). Repetition
//!   of a single-character item is matched by a counting loop, so texts of
//!   millions of characters need neither deep recursion nor a large stack.
//!
//! # Supported syntax
//!
//! * Literals, `\Q...\E` quoting (also inside classes), and the escapes
//!   `\t \n \r \f \a \e`, `\0n`, `\0nn`, `\0mnn` (octal), `\xhh`, `\x{h...h}`,
//!   `\uhhhh` (a surrogate pair written as two `\u` escapes is one code
//!   point), `\cX`, and a backslash before any character that is not an
//!   ASCII letter or digit.
//! * `.`, classes `[...]` and `[^...]` with ranges, nested classes (union,
//!   `[a-d[m-p]]`), intersection (`[a-z&&[^aeiou]]`); `\d \D \w \W \s \S \h
//!   \H \v \V` inside and outside classes (but, as in Java, `\v` right
//!   before a `-` in a class is U+000B: `[\v-x]` is a range); `\R` (a line
//!   break).
//! * `\p{..}` and `\P{..}` (also `\pL`): the general categories (`Lu`, `L`,
//!   `IsLu`, `gc=Lu`, `general_category=Lu`, Java's `LC`, `LD`), the POSIX
//!   classes `Lower Upper ASCII Alpha Digit Alnum Punct Graph Print Blank
//!   Cntrl XDigit Space`, `L1`, `all`, `javaLowerCase javaUpperCase
//!   javaWhitespace javaLetter javaDigit javaLetterOrDigit javaAlphabetic
//!   javaISOControl javaTitleCase javaSpaceChar javaDefined`, the Unicode
//!   versions of the POSIX classes after `Is` (`IsAlpha`, `IsPunct`,
//!   `IsSpace`, ...), and the binary properties `IsAlphabetic
//!   IsLetter IsLowercase IsUppercase IsTitlecase IsPunctuation IsControl
//!   IsWhite_Space IsDigit IsHex_Digit IsJoin_Control
//!   IsNoncharacter_Code_Point IsAssigned IsWord IsAlnum IsBlank IsGraph
//!   IsPrint`.
//! * Anchors `^ $ \A \G \Z \z`, word boundaries `\b \B`, groups `( )`,
//!   `(?: )`, named groups `(?<name> )`, atomic groups `(?> )`, alternation.
//! * Quantifiers `* + ? {n} {n,} {n,m}`, lazy (`*?`) and possessive (`*+`).
//! * Lookahead `(?= )`, `(?! )` and lookbehind `(?<= )`, `(?<! )`. As in
//!   Java, a lookbehind body is matched forwards from each possible start
//!   (nearest first) and must end where the lookbehind stands.
//! * Backreferences `\1`... (Java reads `\17` as group 17 only if 17 groups
//!   are open at that point, else as `\1` and `7`) and `\k<name>`.
//! * Inline flags `(?i)`, `(?s)`, `(?m)`, turned off after `-`, alone or
//!   scoped `(?i: )`.
//!
//! Anything else is a [`PatternError`] naming the construct and its offset:
//! syntax Java refuses, and Java syntax this engine does not implement
//! (flags `u x d U`, scripts and blocks `\p{IsLatin}` `\p{InGreek}`,
//! `\p{IsIdeographic}`, `\p{javaMirrored}` and the other Java properties not
//! listed above, `\X`, `\N{..}`, `\b{g}`, a count right after a
//! quantifier such as `x{2}{3}`, `&&&` in a class, a class ending in `&&`
//! after more than one member (`[\sa-c&&]`), and a lookbehind with two
//! unbounded repetitions in sequence such as `(?<=a*b*)`, to which Java
//! gives surprising meanings). As in Java, a lookbehind must have an obvious
//! maximum length (no backreference, no unbounded repetition of more than a
//! single character). Groups and classes nest at most 128 deep.
//!
//! # Divergences from Java
//!
//! * Rust text cannot contain a lone surrogate, so a class or escape that
//!   only matches lone surrogates (`[\uD800-\uDFFF]`, `\uDC00`) matches
//!   nothing here, where Java would match unpaired surrogates in a UTF-16
//!   string. For every text Rust can hold the answers agree.
//! * `\b` follows Java 19 and later (ASCII word characters, like `\w`); Java
//!   17 and earlier counted every letter or digit (`é`) as a word character.
//! * The Unicode tables are those of Unicode 16.0; a given Java version may
//!   use an older Unicode (Java 17 has 13.0), so characters assigned or
//!   recategorized since differ.
//! * Captures are restored when matching backtracks out of the attempt that
//!   made them. Java keeps some captures made by attempts that failed, which
//!   a later backreference can observe; `runtime/tests/pattern_oracle.rs` lists the one such
//!   pattern its random tables met.

mod class;
mod compile;
mod matcher;
mod parse;

use std::fmt;

/// Deepest group or class nesting accepted. The parser, compiler and
/// matcher recurse once per level, so a bound keeps a hostile pattern from
/// overflowing the stack; real patterns nest a handful of levels.
const MAX_NESTING: usize = 128;

/// Quantifier upper bound meaning "no limit".
const UNBOUNDED: usize = usize::MAX;

/// Register value meaning "not set", e.g. a group that has not matched.
const UNSET: usize = usize::MAX;

/// Steps of matching work allowed per compiled instruction (for texts up to
/// 250,000 characters; longer texts get four steps per character instead),
/// shared by all start positions of one search. Linear-time matches of the
/// patterns Smithy models use need a few steps per character, so only
/// runaway backtracking hits this.
const STEPS_PER_INSTRUCTION: u64 = 1_000_000;

/// Most backtracking frames kept at once (about 128 MiB). Only repetition of
/// a group (not of a single character) over very long texts comes near it;
/// reaching it counts as an exhausted budget.
const MAX_FRAMES: usize = 1 << 22;

/// Why a pattern cannot be compiled: what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    message: String,
    offset: usize,
}

impl PatternError {
    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, counted in characters (not bytes) from the start of the pattern.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}

/// Builds a [`PatternError`]; a free function keeps the many error sites in
/// the parser short.
fn error(offset: usize, message: impl Into<String>) -> PatternError {
    PatternError {
        message: message.into(),
        offset,
    }
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    program: compile::Program,
}

impl Pattern {
    /// Compiles a pattern written in Java's syntax (what
    /// `java.util.regex.Pattern.compile` takes, without flags).
    ///
    /// # Errors
    ///
    /// A [`PatternError`] saying what is wrong and at which character offset,
    /// if Java would refuse the pattern or it uses syntax this engine does not
    /// support (see the module documentation).
    pub fn new(source: &str) -> Result<Pattern, PatternError> {
        let mut parser = parse::Parser::new(source);
        let ast = parser.parse()?;
        Ok(Pattern {
            program: compile::Compiler::compile(&ast, parser.groups, parser.sets),
        })
    }

    /// Java's `Matcher.find()`: true if the pattern matches anywhere in
    /// `text` (not implicitly anchored).
    ///
    /// A search whose step budget runs out (only pathological patterns such
    /// as `(a*)*b` need that much backtracking) counts as "no match"; use
    /// [`Pattern::try_match`] to tell the two apart.
    pub fn is_match(&self, text: &str) -> bool {
        self.try_match(text).unwrap_or(false)
    }

    /// Like [`Pattern::is_match`], but returns `None` instead of guessing
    /// when the search exhausts its step budget: one million steps per
    /// compiled instruction of the pattern (four per text character and
    /// instruction for texts longer than 250,000 characters), or when it
    /// needs more than about four million backtracking entries at once.
    pub fn try_match(&self, text: &str) -> Option<bool> {
        matcher::find(&self.program, text)
    }
}
