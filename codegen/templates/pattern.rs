//! A small, dependency-free regular-expression engine for the ECMA-262 dialect of Smithy's `@pattern` trait.
//!
//! This file is copied verbatim into every generated crate and is also compiled into the code generator, which
//! calls [`Pattern::new`] to reject, at generation time, patterns that generated code could not enforce. That is
//! why it uses `std` only, contains no `unsafe`, and never panics, whatever the pattern or the text.
//!
//! # Semantics
//!
//! * [`Pattern::is_match`] answers what JavaScript's `RegExp.prototype.test` answers: does the pattern match
//!   *anywhere* in the text? Smithy patterns are not implicitly anchored; `^` and `$` must be written.
//! * No flags are set: `^`/`$` match only at the very start/end of the text (no multiline mode) and `.` matches
//!   any character except the line terminators `\n`, `\r`, U+2028 and U+2029.
//! * Text is matched as a sequence of Unicode scalar values (Rust `char`s), as JavaScript does with the `u` flag.
//!   Without `u`, JavaScript sees UTF-16 code units, so `.` and `{n,m}` count characters outside the Basic
//!   Multilingual Plane twice; code points are also what Smithy's `@length` counts, hence this choice.
//! * Matching backtracks in the order ECMA-262 prescribes (greedy or lazy quantifiers, left-to-right
//!   alternation, captures reset on every iteration of a quantified group, an optional iteration that matches
//!   the empty string fails), so backreferences and lookarounds see the same captures as in JavaScript.
//! * Backtracking can take exponential time on patterns such as `(a*)*b`, so every match attempt has a step
//!   budget (see [`Pattern::try_match`]). Repetition of a single-character item (`.`, a literal, a class, `\d`,
//!   ...) is matched by a counting loop, so inputs of millions of characters need neither deep recursion nor a
//!   large backtracking stack.
//!
//! # Supported syntax
//!
//! * Literals and escapes: `\t \n \r \f \v \0`, `\xHH`, `\uHHHH` (a surrogate pair written as two `\u` escapes
//!   is one character), `\u{H...}`, `\cX`, and `\` followed by any character that is not an ASCII letter or
//!   digit (`\. \- \/ \\ \: \( \[ \{ \^ \$ \| \? \* \+` ...).
//! * `.`, character classes `[...]`/`[^...]` with ranges and escapes (`-` is literal first, last, or next to
//!   a class escape; `\b` is a backspace inside a class), and `\d \D \w \W \s \S` inside and outside classes.
//! * Unicode property escapes `\p{..}`/`\P{..}` for `L`/`Letter`, `Lu`/`Uppercase_Letter`,
//!   `Ll`/`Lowercase_Letter`, `N`/`Number` and `Z`/`Separator`, optionally prefixed `gc=` or
//!   `General_Category=` (approximations: see below).
//! * Anchors `^ $`, word boundaries `\b \B`, groups `( )`, `(?: )`, alternation `|`.
//! * Quantifiers `* + ? {n} {n,} {n,m}` and their lazy forms with a trailing `?`.
//! * Lookahead `(?= )`, `(?! )` and lookbehind `(?<= )`, `(?<! )`; as in ECMA-262, a lookbehind body is
//!   matched from right to left, which decides what its captures and backreferences see.
//! * Backreferences `\1`, `\2`, ... to capturing groups; one to a group that has not participated matches the
//!   empty string, as in ECMA-262.
//! * An inline flag group `(?i)` at the start of the pattern (after nothing but `^` anchors), which makes the
//!   whole pattern case-insensitive. This is not ECMA-262 but AWS models use it (`^(?i)all|[0-9]{12}$`); since
//!   it is only accepted where nothing case-sensitive precedes it, its Java scope (the rest of the pattern),
//!   which the model authors had in mind, and "the whole pattern" coincide. The ES2025 scoped form `(?i: )` is accepted too.
//! * As ECMA-262 Annex B allows, a `{` that does not start a valid quantifier, and a lone `}` or `]`, are
//!   literal characters, and a quantified lookahead is allowed.
//!
//! Anything else is rejected with a [`PatternError`]: named groups and named backreferences, other inline
//! flags, backreferences to groups that do not exist, octal escapes, escapes of ASCII letters or digits that
//! have no meaning (`\a`, `\z`, `\A`: usually Perl or Java syntax that ECMA-262 would silently read as a plain
//! letter), lone surrogate escapes (no Rust string can contain one), unbalanced parentheses, unterminated
//! classes, reversed ranges or counts (`[z-a]`, `a{2,1}`), quantifiers with nothing to repeat (`*a`, `a**`,
//! `^*`), and groups nested more than 128 deep.
//!
//! # Approximations
//!
//! `std` has no Unicode general-category tables, so the property escapes are derived from what `char` offers:
//!
//! * `\p{L}` is `char::is_alphabetic() && !char::is_numeric()`. The Alphabetic property is `L` plus `Nl` plus
//!   Other_Alphabetic; removing numbers drops `Nl`, but Other_Alphabetic (some combining marks, circled
//!   letters such as `Ⓐ`) is still admitted, so this is a slight superset of `L`.
//! * `\p{Lu}`/`\p{Ll}` are `char::is_uppercase()`/`char::is_lowercase()` minus numbers: the Uppercase and
//!   Lowercase properties, i.e. `Lu`/`Ll` plus Other_Uppercase/Other_Lowercase (for example `Ⓐ`, `ª`).
//! * `\p{N}` is `char::is_numeric()`, which is exactly `Nd | Nl | No`.
//! * `\p{Z}` is `char::is_whitespace() && !char::is_control()`, which is exactly `Zs | Zl | Zp` (White_Space
//!   minus the control characters it contains).
//! * `\s` is exact: ECMA-262 WhiteSpace and LineTerminator are White_Space minus U+0085, plus U+FEFF.
//! * Case-insensitive matching compares characters by a simple case folding built from the single-character
//!   results of `char::to_uppercase` and `char::to_lowercase` (multi-character mappings such as `ß` → `SS`
//!   are ignored, as simple folding does); a class matches if it contains the character, its lowercase, its
//!   uppercase or its folded form. This agrees with Unicode simple case folding for all but a few special
//!   characters (dotless `ı` matches `i`, as in JavaScript without the `u` flag).
//! * Quantifier counts too large for `usize` are clamped to `usize::MAX` (no text is that long).

use std::fmt;

/// Deepest group nesting accepted. The parser, compiler and lookaround matcher recurse once per level, so a
/// bound keeps a hostile pattern from overflowing the stack; real patterns nest a handful of levels.
const MAX_NESTING: usize = 128;

/// Quantifier upper bound meaning "no limit".
const UNBOUNDED: usize = usize::MAX;

/// Register value meaning "not set", e.g. a capture group that has not participated in the match.
const UNSET: usize = usize::MAX;

/// Steps of matching work allowed per compiled instruction (for texts up to 250,000 characters; longer texts
/// get four steps per character instead), shared by all start positions of one search. Linear-time matches
/// of the patterns Smithy models use need a few steps per character, so only runaway backtracking hits this.
const STEPS_PER_INSTRUCTION: u64 = 1_000_000;

/// Most backtracking frames kept at once (about 128 MiB). Only repetition of a group (not of a single
/// character) over very long texts comes near it; reaching it counts as an exhausted budget.
const MAX_FRAMES: usize = 1 << 22;

/// Why a pattern cannot be compiled: what and where (character offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong, in words.
    message: String,
    /// Where, counted in characters (not bytes) from the start of the pattern.
    offset: usize,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}

/// Builds a [`PatternError`]; a free function keeps the many error sites in the parser short.
fn error(offset: usize, message: impl Into<String>) -> PatternError {
    PatternError {
        message: message.into(),
        offset,
    }
}

/// A compiled ECMA-262 pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    program: Program,
}

impl Pattern {
    /// Compiles an ECMA-262 pattern (the text between the slashes of a JavaScript regex literal, without
    /// flags).
    ///
    /// # Errors
    ///
    /// A [`PatternError`] saying what is wrong and at which character offset, if the pattern is not valid
    /// or uses syntax this engine does not support (see the module documentation).
    pub fn new(source: &str) -> Result<Pattern, PatternError> {
        let mut parser = Parser::new(source);
        let ast = parser.parse()?;
        Ok(Pattern {
            program: Compiler::compile(&ast, parser.groups, parser.sets),
        })
    }

    /// ECMA-262 `RegExp.prototype.test` semantics: true if the pattern matches anywhere in `text` (not
    /// implicitly anchored).
    ///
    /// A search whose step budget runs out (only pathological patterns such as `(a*)*b` need that much
    /// backtracking) counts as "no match"; use [`Pattern::try_match`] to tell the two apart.
    pub fn is_match(&self, text: &str) -> bool {
        self.try_match(text).unwrap_or(false)
    }

    /// Like [`Pattern::is_match`], but returns `None` instead of guessing when the search exhausts its step
    /// budget: one million steps per compiled instruction of the pattern (four per text character and
    /// instruction for texts longer than 250,000 characters), or when it needs more than about four million
    /// backtracking entries at once.
    pub fn try_match(&self, text: &str) -> Option<bool> {
        let chars: Vec<char> = text.chars().collect();
        let mut matcher = Matcher {
            program: &self.program,
            text: &chars,
            regs: vec![UNSET; self.program.regs],
            stack: Vec::new(),
            budget: self.program.budget(chars.len()),
            runs: vec![(UNSET, UNSET); self.program.insts.len()],
        };
        // A pattern that can only match at the start need not be tried at every later position; without this
        // shortcut `^.{1,256}$` would cost a step per character of a long text just to fail at `^`.
        let last_start = if self.program.anchored { 0 } else { chars.len() };
        for start in 0..=last_start {
            match matcher.run(0, start) {
                Ok(true) => return Some(true),
                Ok(false) => {}
                Err(Exhausted) => return None,
            }
        }
        Some(false)
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Character predicates
// ---------------------------------------------------------------------------------------------------------------

/// ECMA-262 word character (for `\w` and `\b`): ASCII letters, digits and `_`, nothing else.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// ECMA-262 LineTerminator: the characters `.` does not match.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// ECMA-262 `\s`: WhiteSpace (tab, VT, FF, space, NBSP, U+FEFF and category Zs) plus LineTerminator. Unicode's
/// White_Space property is exactly that set without U+FEFF and with U+0085, so it is derived from `std`.
fn is_ecma_space(c: char) -> bool {
    c == '\u{feff}' || (c.is_whitespace() && c != '\u{85}')
}

/// The single character `c` upper-cases to, or `c` itself when the mapping has several characters (full case
/// mappings like `ß` → `SS` have no place in a character-by-character comparison).
fn upper1(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// The single character `c` lower-cases to, or `c` itself when the mapping has several characters.
fn lower1(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Approximate simple case folding. Lowercasing alone would miss pairs such as `ſ`/`s` or `ς`/`σ`, which only
/// meet after a round trip through uppercase.
fn fold(c: char) -> char {
    lower1(upper1(c))
}

// ---------------------------------------------------------------------------------------------------------------
// Syntax tree
// ---------------------------------------------------------------------------------------------------------------

/// A named set of characters usable inside and outside classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Builtin {
    /// `\d`: ASCII digits only, as ECMA-262 defines it.
    Digit,
    /// `\w`: ASCII letters, digits and `_`.
    Word,
    /// `\s`: ECMA-262 WhiteSpace and LineTerminator.
    Space,
    /// `\p{L}` (approximation, see the module documentation).
    Letter,
    /// `\p{Lu}` (approximation).
    Uppercase,
    /// `\p{Ll}` (approximation).
    Lowercase,
    /// `\p{N}`.
    Number,
    /// `\p{Z}`.
    Separator,
}

impl Builtin {
    fn contains(self, c: char) -> bool {
        match self {
            Builtin::Digit => c.is_ascii_digit(),
            Builtin::Word => is_word_char(c),
            Builtin::Space => is_ecma_space(c),
            // No character is both a letter and a number, so removing numbers only removes the letter numbers
            // (Nl) that the Alphabetic property adds to L.
            Builtin::Letter => c.is_alphabetic() && !c.is_numeric(),
            Builtin::Uppercase => c.is_uppercase() && !c.is_numeric(),
            Builtin::Lowercase => c.is_lowercase() && !c.is_numeric(),
            Builtin::Number => c.is_numeric(),
            Builtin::Separator => c.is_whitespace() && !c.is_control(),
        }
    }
}

/// One member of a character class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClassItem {
    /// An inclusive range; a single character is a range of one.
    Range(char, char),
    /// A builtin set, negated (`\D`, `\P{L}`, ...) when the flag is true.
    Builtin(Builtin, bool),
}

/// A character class; escapes like `\d` outside brackets are compiled to one-item classes.
#[derive(Debug, Clone)]
struct ClassSet {
    negated: bool,
    items: Vec<ClassItem>,
}

impl ClassSet {
    fn contains(&self, c: char) -> bool {
        self.items.iter().any(|item| match *item {
            ClassItem::Range(lo, hi) => (lo..=hi).contains(&c),
            ClassItem::Builtin(builtin, negated) => builtin.contains(c) != negated,
        })
    }

    /// ECMA-262 applies the negation of `[^...]` after the case-insensitive membership test, so `(?i)[^a]`
    /// rejects `A`; the same order is kept here.
    fn matches(&self, c: char, icase: bool) -> bool {
        let found = if icase {
            [c, lower1(c), upper1(c), fold(c)].iter().any(|&v| self.contains(v))
        } else {
            self.contains(c)
        };
        found != self.negated
    }
}

/// Something that matches exactly one character. Kept separate from [`Node`] so that repetition of such an item
/// can be compiled to a counting loop instead of general backtracking.
#[derive(Debug, Clone, Copy)]
enum Item {
    /// A literal; when `icase` is set, `c` is already case-folded.
    Char { c: char, icase: bool },
    /// `.`
    Any,
    /// A class, by index into [`Program::sets`].
    Set { index: usize, icase: bool },
}

/// Zero-width assertions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Assertion {
    Start,
    End,
    WordBoundary,
    NotWordBoundary,
}

/// Parsed pattern.
#[derive(Debug)]
enum Node {
    Empty,
    One(Item),
    Assert(Assertion),
    /// A capturing group whose start and end are stored in registers `slot` and `slot + 1`.
    Group {
        slot: usize,
        node: Box<Node>,
    },
    Look {
        ahead: bool,
        negate: bool,
        node: Box<Node>,
    },
    /// A backreference by group number (1-based, as written).
    Backref {
        group: usize,
        icase: bool,
    },
    /// `node{min,max}`; `slots` are the capture registers inside `node`, which every iteration resets.
    Repeat {
        node: Box<Node>,
        min: usize,
        max: usize,
        greedy: bool,
        slots: (usize, usize),
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
}

/// Whether every match must start at position 0, so that the search can skip all other start positions.
fn starts_anchored(node: &Node) -> bool {
    match node {
        Node::Assert(Assertion::Start) => true,
        Node::Group { node, .. } => starts_anchored(node),
        Node::Concat(nodes) => nodes.first().is_some_and(starts_anchored),
        Node::Alt(nodes) => nodes.iter().all(starts_anchored),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------------------------

/// What an escape sequence denotes, before it becomes a class member or an item.
enum Escape {
    Char(char),
    Class(ClassItem),
}

impl Escape {
    fn into_class_item(self) -> ClassItem {
        match self {
            Escape::Char(c) => ClassItem::Range(c, c),
            Escape::Class(item) => item,
        }
    }
}

/// A parsed quantifier.
struct Quantifier {
    min: usize,
    max: usize,
    greedy: bool,
    offset: usize,
}

/// Recursive-descent parser over the pattern's characters, so offsets in errors are character offsets.
struct Parser {
    src: Vec<char>,
    pos: usize,
    /// Capturing groups seen so far; groups are numbered by their opening parenthesis.
    groups: usize,
    sets: Vec<ClassSet>,
    /// Whether the items being parsed are case-insensitive.
    icase: bool,
    depth: usize,
    /// Backreferences (group number, offset), checked once all groups are known, since `\2(a)(b)` is legal.
    backrefs: Vec<(usize, usize)>,
    /// Whether everything parsed so far is a `^`, i.e. whether `(?i)` would still affect the whole pattern.
    only_anchors: bool,
}

impl Parser {
    fn new(source: &str) -> Parser {
        Parser {
            src: source.chars().collect(),
            pos: 0,
            groups: 0,
            sets: Vec::new(),
            icase: false,
            depth: 0,
            backrefs: Vec::new(),
            only_anchors: true,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.src.get(self.pos + ahead).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_seq(&mut self, seq: &str) -> bool {
        let len = seq.chars().count();
        let found = self
            .src
            .get(self.pos..self.pos + len)
            .is_some_and(|window| window.iter().copied().eq(seq.chars()));
        if found {
            self.pos += len;
        }
        found
    }

    fn parse(&mut self) -> Result<Node, PatternError> {
        let node = self.disjunction()?;
        if self.pos < self.src.len() {
            // A top-level disjunction only stops early at a `)` that closes nothing.
            return Err(error(self.pos, "unmatched ')'"));
        }
        if let Some(&(group, offset)) = self.backrefs.iter().find(|(group, _)| *group > self.groups) {
            return Err(error(
                offset,
                format!("backreference \\{group} refers to a group that does not exist"),
            ));
        }
        Ok(node)
    }

    fn disjunction(&mut self) -> Result<Node, PatternError> {
        let first = self.alternative()?;
        if self.peek() != Some('|') {
            return Ok(first);
        }
        let mut alternatives = vec![first];
        while self.eat('|') {
            // `(?i)` after a `|` would not cover the alternatives before it.
            self.only_anchors = false;
            alternatives.push(self.alternative()?);
        }
        Ok(Node::Alt(alternatives))
    }

    fn alternative(&mut self) -> Result<Node, PatternError> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            match self.term()? {
                Node::Empty => {}
                node => nodes.push(node),
            }
        }
        if nodes.len() <= 1 {
            return Ok(nodes.pop().unwrap_or(Node::Empty));
        }
        Ok(Node::Concat(nodes))
    }

    /// An atom or assertion with its optional quantifier.
    fn term(&mut self) -> Result<Node, PatternError> {
        let start = self.pos;
        let groups_before = self.groups;
        let Some(c) = self.peek() else {
            return Ok(Node::Empty);
        };
        let (atom, quantifiable) = match c {
            '^' => {
                self.pos += 1;
                (Node::Assert(Assertion::Start), false)
            }
            '$' => {
                self.pos += 1;
                (Node::Assert(Assertion::End), false)
            }
            '(' => self.group()?,
            '[' => (Node::One(self.class()?), true),
            '.' => {
                self.pos += 1;
                (Node::One(Item::Any), true)
            }
            '\\' => {
                let node = self.atom_escape()?;
                let quantifiable = !matches!(node, Node::Assert(_));
                (node, quantifiable)
            }
            '*' | '+' | '?' => return Err(error(start, "nothing to repeat")),
            '{' if self.braces().is_some() => return Err(error(start, "nothing to repeat")),
            ')' => return Err(error(start, "unmatched ')'")),
            _ => {
                self.pos += 1;
                (Node::One(self.char_item(c)), true)
            }
        };
        if !matches!(atom, Node::Assert(Assertion::Start) | Node::Empty) {
            self.only_anchors = false;
        }
        let Some(quantifier) = self.quantifier()? else {
            return Ok(atom);
        };
        if !quantifiable {
            return Err(error(quantifier.offset, "nothing to repeat"));
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min: quantifier.min,
            max: quantifier.max,
            greedy: quantifier.greedy,
            slots: (2 * groups_before, 2 * self.groups),
        })
    }

    fn char_item(&self, c: char) -> Item {
        if self.icase {
            Item::Char {
                c: fold(c),
                icase: true,
            }
        } else {
            Item::Char { c, icase: false }
        }
    }

    fn set_item(&mut self, set: ClassSet) -> Item {
        self.sets.push(set);
        Item::Set {
            index: self.sets.len() - 1,
            icase: self.icase,
        }
    }

    /// A parenthesized construct, with whether a quantifier may follow it.
    fn group(&mut self) -> Result<(Node, bool), PatternError> {
        let open = self.pos;
        self.pos += 1;
        if self.eat_seq("?:") {
            return Ok((self.group_body(open)?, true));
        }
        // Lookbehinds are not quantifiable even under Annex B; lookaheads are.
        for (prefix, ahead, negate) in [
            ("?=", true, false),
            ("?!", true, true),
            ("?<=", false, false),
            ("?<!", false, true),
        ] {
            if self.eat_seq(prefix) {
                let node = Box::new(self.group_body(open)?);
                return Ok((Node::Look { ahead, negate, node }, ahead));
            }
        }
        if self.eat_seq("?<") {
            return Err(error(open, "named capture groups are not supported"));
        }
        if self.eat('?') {
            return self.flag_group(open);
        }
        self.groups += 1;
        let slot = 2 * (self.groups - 1);
        let node = Box::new(self.group_body(open)?);
        Ok((Node::Group { slot, node }, true))
    }

    /// `(?i)` or `(?i:...)`, after the `(?`.
    fn flag_group(&mut self, open: usize) -> Result<(Node, bool), PatternError> {
        let mut flags = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphabetic() || *c == '-') {
            flags.push(c);
            self.pos += 1;
        }
        if flags.is_empty() {
            return Err(error(
                open,
                "invalid group: '(?' must be followed by ':', '=', '!', '<=' or '<!'",
            ));
        }
        if flags != "i" {
            return Err(error(
                open,
                format!("unsupported group or inline flags '(?{flags}' (only (?i) is supported)"),
            ));
        }
        if self.eat(')') {
            if self.depth > 0 || !self.only_anchors {
                return Err(error(
                    open,
                    "inline flag group (?i) is only supported at the start of the pattern",
                ));
            }
            self.icase = true;
            return Ok((Node::Empty, false));
        }
        if self.eat(':') {
            let outer = self.icase;
            self.icase = true;
            let node = self.group_body(open);
            self.icase = outer;
            return Ok((node?, true));
        }
        Err(error(open, "invalid inline flag group: expected ')' or ':' after (?i"))
    }

    /// The disjunction inside a group and the closing parenthesis.
    fn group_body(&mut self, open: usize) -> Result<Node, PatternError> {
        if self.depth >= MAX_NESTING {
            return Err(error(open, "groups are nested too deeply"));
        }
        self.depth += 1;
        let node = self.disjunction()?;
        self.depth -= 1;
        if !self.eat(')') {
            return Err(error(open, "unterminated group"));
        }
        Ok(node)
    }

    /// An escape outside a class; the only place where `\b`, `\B` and backreferences mean what they do.
    fn atom_escape(&mut self) -> Result<Node, PatternError> {
        let start = self.pos;
        self.pos += 1;
        match self.peek() {
            Some('b') => {
                self.pos += 1;
                Ok(Node::Assert(Assertion::WordBoundary))
            }
            Some('B') => {
                self.pos += 1;
                Ok(Node::Assert(Assertion::NotWordBoundary))
            }
            Some('1'..='9') => {
                let mut group: usize = 0;
                while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
                    group = group.saturating_mul(10).saturating_add(digit as usize);
                    self.pos += 1;
                }
                self.backrefs.push((group, start));
                Ok(Node::Backref {
                    group,
                    icase: self.icase,
                })
            }
            Some('k') => Err(error(start, "named backreferences are not supported")),
            _ => {
                let item = match self.escape(start, false)? {
                    Escape::Char(c) => self.char_item(c),
                    Escape::Class(item) => self.set_item(ClassSet {
                        negated: false,
                        items: vec![item],
                    }),
                };
                Ok(Node::One(item))
            }
        }
    }

    /// An escape valid both inside and outside classes; `self.pos` is just after the backslash at `start`.
    fn escape(&mut self, start: usize, in_class: bool) -> Result<Escape, PatternError> {
        let Some(c) = self.peek() else {
            return Err(error(start, "pattern ends with a lone backslash"));
        };
        self.pos += 1;
        let builtin = match c {
            'd' | 'D' => Some(Builtin::Digit),
            'w' | 'W' => Some(Builtin::Word),
            's' | 'S' => Some(Builtin::Space),
            _ => None,
        };
        if let Some(builtin) = builtin {
            return Ok(Escape::Class(ClassItem::Builtin(builtin, c.is_ascii_uppercase())));
        }
        let ch = match c {
            'p' | 'P' => return self.property(start, c == 'P').map(Escape::Class),
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'f' => '\u{c}',
            'v' => '\u{b}',
            'b' if in_class => '\u{8}',
            '0' => {
                if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    return Err(error(start, "octal escapes are not supported"));
                }
                '\0'
            }
            'x' => match self.hex(2).and_then(char::from_u32) {
                Some(ch) => ch,
                None => return Err(error(start, "\\x must be followed by two hexadecimal digits")),
            },
            'u' => self.unicode_escape(start)?,
            'c' => match self.peek().filter(char::is_ascii_alphabetic) {
                Some(letter) => {
                    self.pos += 1;
                    char::from(letter as u8 % 32)
                }
                None => return Err(error(start, "\\c must be followed by an ASCII letter")),
            },
            // ECMA-262 Annex B would read e.g. `\a` as `a`, but such escapes are almost always meant in another
            // dialect (Perl's `\A`, Java's `\z`), so silently changing their meaning would be worse than saying so.
            c if c.is_ascii_alphanumeric() => {
                return Err(error(start, format!("unsupported escape '\\{c}'")));
            }
            c => c,
        };
        Ok(Escape::Char(ch))
    }

    /// `count` hexadecimal digits, consumed only if all are present.
    fn hex(&mut self, count: usize) -> Option<u32> {
        let digits = self.src.get(self.pos..self.pos + count)?;
        let mut value = 0u32;
        for digit in digits {
            value = value * 16 + digit.to_digit(16)?;
        }
        self.pos += count;
        Some(value)
    }

    /// After `\u`: `{H...}`, or four digits, or two `\uHHHH` escapes forming a surrogate pair.
    fn unicode_escape(&mut self, start: usize) -> Result<char, PatternError> {
        if self.eat('{') {
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) {
                value = value.saturating_mul(16).saturating_add(digit);
                digits += 1;
                self.pos += 1;
            }
            if digits == 0 || !self.eat('}') {
                return Err(error(start, "\\u{ must be followed by hexadecimal digits and '}'"));
            }
            return char::from_u32(value).ok_or_else(|| error(start, "\\u{...} is not a Unicode scalar value"));
        }
        let Some(unit) = self.hex(4) else {
            return Err(error(start, "\\u must be followed by four hexadecimal digits or {...}"));
        };
        if (0xD800..0xDC00).contains(&unit) {
            if let Some(c) = self.low_surrogate(unit) {
                return Ok(c);
            }
        }
        char::from_u32(unit).ok_or_else(|| error(start, "a lone surrogate cannot occur in a Rust string"))
    }

    /// Completes a surrogate pair whose high half `high` was just read, if `\uDC00`..`\uDFFF` follows.
    fn low_surrogate(&mut self, high: u32) -> Option<char> {
        let save = self.pos;
        if self.eat_seq("\\u") {
            if let Some(low) = self.hex(4).filter(|low| (0xDC00..0xE000).contains(low)) {
                return char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
            }
        }
        self.pos = save;
        None
    }

    /// After `\p` or `\P`: `{Name}`.
    fn property(&mut self, start: usize, negated: bool) -> Result<ClassItem, PatternError> {
        if !self.eat('{') {
            return Err(error(start, "\\p and \\P must be followed by {Name}"));
        }
        let mut name = String::new();
        loop {
            match self.peek() {
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '=' => {
                    name.push(c);
                    self.pos += 1;
                }
                _ => return Err(error(start, "malformed or unterminated Unicode property escape")),
            }
        }
        let short = name
            .strip_prefix("General_Category=")
            .or_else(|| name.strip_prefix("gc="))
            .unwrap_or(&name);
        let builtin = match short {
            "L" | "Letter" => Builtin::Letter,
            "Lu" | "Uppercase_Letter" => Builtin::Uppercase,
            "Ll" | "Lowercase_Letter" => Builtin::Lowercase,
            "N" | "Number" => Builtin::Number,
            "Z" | "Separator" => Builtin::Separator,
            _ => return Err(error(start, format!("unsupported Unicode property '{name}'"))),
        };
        Ok(ClassItem::Builtin(builtin, negated))
    }

    /// `[...]`, starting at the `[`.
    fn class(&mut self) -> Result<Item, PatternError> {
        let open = self.pos;
        self.pos += 1;
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => return Err(error(open, "unterminated character class")),
                // As in ECMA-262, `]` right after `[` or `[^` closes the class: `[]` matches nothing.
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            let first_offset = self.pos;
            let first = self.class_atom(open)?;
            // `-` is a range operator only between two atoms; first, last or after a range it is literal.
            if self.peek() != Some('-') || self.peek_at(1).is_none_or(|c| c == ']') {
                items.push(first.into_class_item());
                continue;
            }
            self.pos += 1;
            match (first, self.class_atom(open)?) {
                (Escape::Char(lo), Escape::Char(hi)) => {
                    if lo > hi {
                        return Err(error(first_offset, "character class range is out of order"));
                    }
                    items.push(ClassItem::Range(lo, hi));
                }
                // Annex B: next to a class escape such as `\w`, `-` is a literal character.
                (first, second) => {
                    items.push(first.into_class_item());
                    items.push(ClassItem::Range('-', '-'));
                    items.push(second.into_class_item());
                }
            }
        }
        Ok(self.set_item(ClassSet { negated, items }))
    }

    fn class_atom(&mut self, open: usize) -> Result<Escape, PatternError> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(error(open, "unterminated character class"));
        };
        self.pos += 1;
        if c == '\\' {
            self.escape(start, true)
        } else {
            Ok(Escape::Char(c))
        }
    }

    fn quantifier(&mut self) -> Result<Option<Quantifier>, PatternError> {
        let offset = self.pos;
        let (min, max) = match self.peek() {
            Some('*') => (0, UNBOUNDED),
            Some('+') => (1, UNBOUNDED),
            Some('?') => (0, 1),
            Some('{') => match self.braces() {
                Some((min, max, _)) if min > max => {
                    return Err(error(offset, "numbers out of order in {} quantifier"));
                }
                Some((min, max, len)) => {
                    self.pos += len - 1;
                    (min, max)
                }
                // Annex B: a `{` that starts no quantifier is a literal, parsed as the next atom.
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        self.pos += 1;
        let greedy = !self.eat('?');
        Ok(Some(Quantifier {
            min,
            max,
            greedy,
            offset,
        }))
    }

    /// Recognizes `{n}`, `{n,}` or `{n,m}` at the current position without consuming it: (min, max, length).
    fn braces(&self) -> Option<(usize, usize, usize)> {
        let mut i = self.pos + 1;
        let min = self.number(&mut i)?;
        let max = match self.src.get(i) {
            Some('}') => min,
            Some(',') => {
                i += 1;
                if self.src.get(i) == Some(&'}') {
                    UNBOUNDED
                } else {
                    self.number(&mut i)?
                }
            }
            _ => return None,
        };
        if self.src.get(i) != Some(&'}') {
            return None;
        }
        Some((min, max, i + 1 - self.pos))
    }

    /// Decimal digits at `*i` (at least one), saturating rather than overflowing.
    fn number(&self, i: &mut usize) -> Option<usize> {
        let mut value: Option<usize> = None;
        while let Some(digit) = self.src.get(*i).and_then(|c| c.to_digit(10)) {
            value = Some(value.unwrap_or(0).saturating_mul(10).saturating_add(digit as usize));
            *i += 1;
        }
        value
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Program
// ---------------------------------------------------------------------------------------------------------------

/// Instructions of the backtracking machine. Jump targets are instruction indexes. Instructions that consume
/// text carry `back` when they belong to a lookbehind body, which ECMA-262 matches from right to left.
#[derive(Debug, Clone, Copy)]
enum Inst {
    /// Match one character.
    One {
        item: Item,
        back: bool,
    },
    /// `item{min,max}`, matched by counting rather than recursion or one backtracking entry per character.
    /// `to_edge` says that only `$` (`^` when matching backwards) can follow, so that the loop need not
    /// consider any count but the largest: smaller ones cannot end at the edge of the text.
    Single {
        item: Item,
        min: usize,
        max: usize,
        greedy: bool,
        back: bool,
        to_edge: bool,
    },
    Assert(Assertion),
    /// Continue at `first`; on failure, retry from `second` at the same position.
    Split {
        first: usize,
        second: usize,
    },
    Jmp(usize),
    /// Store the position in a register (capture boundaries).
    Save(usize),
    /// Start a group repetition: iteration count in register `reg` becomes 0.
    RepInit(usize),
    /// Decide between another iteration (at the next instruction) and leaving the loop (`exit`).
    RepCheck {
        reg: usize,
        min: usize,
        max: usize,
        greedy: bool,
        exit: usize,
    },
    /// Start an iteration: remember where it started (register `reg + 1`) and reset its captures.
    RepBody {
        reg: usize,
        clear_from: usize,
        clear_to: usize,
    },
    /// End an iteration and jump back to the `RepCheck` at `check`.
    RepEnd {
        reg: usize,
        min: usize,
        check: usize,
    },
    /// Backreference to the capture in registers `slot` and `slot + 1`.
    Backref {
        slot: usize,
        icase: bool,
        back: bool,
    },
    /// Lookaround whose body runs from the next instruction to a `LookDone`; matching continues at `end`.
    Look {
        negate: bool,
        end: usize,
    },
    /// End of a lookaround body.
    LookDone,
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
struct Program {
    insts: Vec<Inst>,
    sets: Vec<ClassSet>,
    /// Number of registers: two per capturing group, then two per group repetition.
    regs: usize,
    anchored: bool,
}

impl Program {
    fn item_matches(&self, item: Item, c: char) -> bool {
        match item {
            Item::Char { c: want, icase } => {
                if icase {
                    fold(c) == want
                } else {
                    c == want
                }
            }
            Item::Any => !is_line_terminator(c),
            Item::Set { index, icase } => self.sets.get(index).is_some_and(|set| set.matches(c, icase)),
        }
    }

    fn budget(&self, text_len: usize) -> u64 {
        let per_inst = STEPS_PER_INSTRUCTION.max(u64::try_from(text_len).unwrap_or(u64::MAX).saturating_mul(4));
        u64::try_from(self.insts.len())
            .unwrap_or(u64::MAX)
            .saturating_mul(per_inst)
    }
}

/// Whether the instruction at `pc` is a `Single` after which only the edge of the text it moves towards can
/// come: `$` going forwards, `^` going backwards, possibly after capture saves and jumps, which neither consume
/// text nor fail. Patterns like `^[1-9][0-9]*$` end that way.
fn followed_by_edge(insts: &[Inst], pc: usize) -> bool {
    let Some(Inst::Single { back, .. }) = insts.get(pc) else {
        return false;
    };
    let edge = if *back { Assertion::Start } else { Assertion::End };
    let mut next = pc + 1;
    // Jumps only go forwards here, but a bound on the walk costs nothing and rules out any cycle.
    for _ in 0..insts.len() {
        match insts.get(next) {
            Some(Inst::Save(_)) => next += 1,
            Some(Inst::Jmp(to)) => next = *to,
            Some(Inst::Assert(assertion)) => return *assertion == edge,
            _ => return false,
        }
    }
    false
}

/// Translates the syntax tree into instructions.
struct Compiler {
    insts: Vec<Inst>,
    regs: usize,
}

impl Compiler {
    fn compile(ast: &Node, groups: usize, sets: Vec<ClassSet>) -> Program {
        let mut compiler = Compiler {
            insts: Vec::new(),
            regs: 2 * groups,
        };
        compiler.emit(ast, false);
        compiler.insts.push(Inst::Match);
        let edges: Vec<bool> = (0..compiler.insts.len())
            .map(|pc| followed_by_edge(&compiler.insts, pc))
            .collect();
        for (inst, edge) in compiler.insts.iter_mut().zip(edges) {
            if let Inst::Single { to_edge, .. } = inst {
                *to_edge = edge;
            }
        }
        Program {
            insts: compiler.insts,
            sets,
            regs: compiler.regs,
            anchored: starts_anchored(ast),
        }
    }

    fn push(&mut self, inst: Inst) -> usize {
        self.insts.push(inst);
        self.insts.len() - 1
    }

    /// Fills in a forward jump target once it is known.
    fn patch(&mut self, at: usize, target: usize) {
        match self.insts.get_mut(at) {
            Some(Inst::Split { second, .. }) => *second = target,
            Some(Inst::Jmp(to)) => *to = target,
            Some(Inst::RepCheck { exit, .. }) => *exit = target,
            Some(Inst::Look { end, .. }) => *end = target,
            _ => {}
        }
    }

    /// Emits `node`; with `back`, for matching from right to left, as ECMA-262 matches lookbehind bodies.
    fn emit(&mut self, node: &Node, back: bool) {
        match node {
            Node::Empty => {}
            Node::One(item) => {
                self.push(Inst::One { item: *item, back });
            }
            Node::Assert(assertion) => {
                self.push(Inst::Assert(*assertion));
            }
            Node::Group { slot, node } => {
                // Matching right to left reaches the end of the group first.
                let (first, last) = if back { (slot + 1, *slot) } else { (*slot, slot + 1) };
                self.push(Inst::Save(first));
                self.emit(node, back);
                self.push(Inst::Save(last));
            }
            Node::Look { ahead, negate, node } => {
                let look = self.push(Inst::Look {
                    negate: *negate,
                    end: 0,
                });
                // The direction of a lookaround's body is its own, whatever the direction around it.
                self.emit(node, !*ahead);
                self.push(Inst::LookDone);
                self.patch(look, self.insts.len());
            }
            Node::Backref { group, icase } => {
                self.push(Inst::Backref {
                    // Groups are numbered from 1; the parser has checked that this one exists.
                    slot: group.saturating_sub(1).saturating_mul(2),
                    icase: *icase,
                    back,
                });
            }
            Node::Concat(nodes) => {
                // Right to left, a sequence is matched last item first.
                if back {
                    for node in nodes.iter().rev() {
                        self.emit(node, back);
                    }
                } else {
                    for node in nodes {
                        self.emit(node, back);
                    }
                }
            }
            Node::Alt(nodes) => {
                let mut exits = Vec::new();
                for (i, node) in nodes.iter().enumerate() {
                    if i + 1 == nodes.len() {
                        self.emit(node, back);
                        break;
                    }
                    let split = self.push(Inst::Split {
                        first: self.insts.len() + 1,
                        second: 0,
                    });
                    self.emit(node, back);
                    exits.push(self.push(Inst::Jmp(0)));
                    self.patch(split, self.insts.len());
                }
                let end = self.insts.len();
                for exit in exits {
                    self.patch(exit, end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
                slots,
            } => self.emit_repeat(node, (*min, *max, *greedy), *slots, back),
        }
    }

    fn emit_repeat(
        &mut self,
        node: &Node,
        (min, max, greedy): (usize, usize, bool),
        slots: (usize, usize),
        back: bool,
    ) {
        if max == 0 {
            return;
        }
        if let Node::One(item) = node {
            self.push(Inst::Single {
                item: *item,
                min,
                max,
                greedy,
                back,
                to_edge: false,
            });
            return;
        }
        if min == 1 && max == 1 {
            self.emit(node, back);
            return;
        }
        // General repetition keeps its iteration count and the start of the current iteration in registers,
        // so `{n,m}` needs no copies of the body and backtracking restores the count like any capture.
        let reg = self.regs;
        self.regs += 2;
        self.push(Inst::RepInit(reg));
        let check = self.push(Inst::RepCheck {
            reg,
            min,
            max,
            greedy,
            exit: 0,
        });
        self.push(Inst::RepBody {
            reg,
            clear_from: slots.0,
            clear_to: slots.1,
        });
        self.emit(node, back);
        self.push(Inst::RepEnd { reg, min, check });
        self.patch(check, self.insts.len());
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Matcher
// ---------------------------------------------------------------------------------------------------------------

/// The step budget ran out or the backtracking stack grew too large.
struct Exhausted;

/// Backtracking stack entries. Register changes are undone through the same stack, so popping back to an
/// alternative restores exactly the captures and loop counters it was pushed with.
enum Frame {
    /// Resume at `pc` and `pos`.
    Alt { pc: usize, pos: usize },
    /// Restore register `reg` to `old`.
    Undo { reg: usize, old: usize },
    /// A greedy `Single` at `pc` that matched `count` characters from `start` may give one back.
    Greedy { pc: usize, start: usize, count: usize },
    /// A lazy `Single` at `pc` that matched `count` characters, ending at `pos`, may take one more.
    Lazy { pc: usize, pos: usize, count: usize },
}

/// Outcome of one instruction.
enum Step {
    /// Continue with this instruction and position.
    Next(usize, usize),
    /// Backtrack.
    Fail,
}

/// The position `count` characters from `pos`, to the left when `back`. Callers have checked that the
/// characters exist, so the subtraction cannot saturate.
fn advance(pos: usize, count: usize, back: bool) -> usize {
    if back {
        pos.saturating_sub(count)
    } else {
        pos.saturating_add(count)
    }
}

struct Matcher<'a> {
    program: &'a Program,
    text: &'a [char],
    regs: Vec<usize>,
    stack: Vec<Frame>,
    budget: u64,
    /// Per instruction, the last known maximal run `(start, end)` of characters matching a forward `Single`:
    /// every character in `start..end` matches it and the one at `end` (if any) does not.
    runs: Vec<(usize, usize)>,
}

impl Matcher<'_> {
    fn charge(&mut self, steps: u64) -> Result<(), Exhausted> {
        self.budget = self.budget.checked_sub(steps).ok_or(Exhausted)?;
        Ok(())
    }

    fn push(&mut self, frame: Frame) -> Result<(), Exhausted> {
        if self.stack.len() >= MAX_FRAMES {
            return Err(Exhausted);
        }
        self.stack.push(frame);
        Ok(())
    }

    fn reg(&self, reg: usize) -> usize {
        self.regs.get(reg).copied().unwrap_or(UNSET)
    }

    fn set_reg(&mut self, reg: usize, value: usize) -> Result<(), Exhausted> {
        let old = match self.regs.get_mut(reg) {
            Some(slot) => std::mem::replace(slot, value),
            None => return Ok(()),
        };
        if old != value {
            self.push(Frame::Undo { reg, old })?;
        }
        Ok(())
    }

    /// How many characters from `pos` on the `Single` at `pc` is known to match, from an earlier scan whose run
    /// of matching characters covered `pos`. Without this, an unanchored search for `[1-9][0-9]*$` would scan
    /// the same digits again from every start position, which is quadratic in the length of the text.
    fn known_run(&self, pc: usize, pos: usize, back: bool) -> usize {
        match self.runs.get(pc) {
            Some(&(start, end)) if !back && start <= pos && pos <= end => end - pos,
            _ => 0,
        }
    }

    /// Records that the characters from `pos` to `pos + count` match the `Single` at `pc` and the next does not.
    fn remember_run(&mut self, pc: usize, pos: usize, count: usize) {
        if let Some(run) = self.runs.get_mut(pc) {
            let start = if run.0 <= pos && pos <= run.1 { run.0 } else { pos };
            *run = (start, pos + count);
        }
    }

    /// Whether the character `skip` characters away from `pos` (in the direction given by `back`) matches.
    fn item_at(&self, item: Item, pos: usize, skip: usize, back: bool) -> bool {
        let index = if back {
            pos.checked_sub(skip.saturating_add(1))
        } else {
            pos.checked_add(skip)
        };
        index
            .and_then(|index| self.text.get(index))
            .is_some_and(|&c| self.program.item_matches(item, c))
    }

    fn is_word_at(&self, pos: usize) -> bool {
        self.text.get(pos).is_some_and(|&c| is_word_char(c))
    }

    fn assertion_holds(&self, assertion: Assertion, pos: usize) -> bool {
        let boundary = || pos.checked_sub(1).is_some_and(|before| self.is_word_at(before)) != self.is_word_at(pos);
        match assertion {
            Assertion::Start => pos == 0,
            Assertion::End => pos == self.text.len(),
            Assertion::WordBoundary => boundary(),
            Assertion::NotWordBoundary => !boundary(),
        }
    }

    /// Runs the program from `pc` at `pos` until `Match` (or, inside a lookaround, its `LookDone`). On failure
    /// the stack is unwound to where it was, restoring all registers; on success the frames pushed since remain,
    /// so that a caller can still undo their register changes.
    fn run(&mut self, pc: usize, pos: usize) -> Result<bool, Exhausted> {
        let base = self.stack.len();
        let (mut pc, mut pos) = (pc, pos);
        loop {
            self.charge(1)?;
            let step = match self.program.insts.get(pc).copied() {
                Some(Inst::Match | Inst::LookDone) => return Ok(true),
                Some(inst) => self.step(inst, pc, pos)?,
                None => Step::Fail,
            };
            match step {
                Step::Next(next_pc, next_pos) => (pc, pos) = (next_pc, next_pos),
                Step::Fail => match self.backtrack(base)? {
                    Some((next_pc, next_pos)) => (pc, pos) = (next_pc, next_pos),
                    None => return Ok(false),
                },
            }
        }
    }

    fn step(&mut self, inst: Inst, pc: usize, pos: usize) -> Result<Step, Exhausted> {
        let next = pc + 1;
        Ok(match inst {
            Inst::One { item, back } if self.item_at(item, pos, 0, back) => Step::Next(next, advance(pos, 1, back)),
            Inst::Single {
                item,
                min,
                max,
                greedy,
                back,
                to_edge,
            } => {
                // A greedy loop takes as many characters as it can and gives them back one at a time; a lazy one
                // takes the minimum and more on demand. Either way one stack frame covers the whole loop, and
                // none is needed when only the largest count can reach the edge of the text.
                let limit = if greedy || to_edge { max } else { min };
                let mut count = self.known_run(pc, pos, back).min(limit);
                while count < limit && self.item_at(item, pos, count, back) {
                    self.charge(1)?;
                    count += 1;
                }
                if count < limit && !back {
                    self.remember_run(pc, pos, count);
                }
                if count < min {
                    return Ok(Step::Fail);
                }
                let end = advance(pos, count, back);
                if !to_edge {
                    if greedy && count > min {
                        self.push(Frame::Greedy { pc, start: pos, count })?;
                    } else if !greedy && count < max {
                        self.push(Frame::Lazy { pc, pos: end, count })?;
                    }
                }
                Step::Next(next, end)
            }
            Inst::Assert(assertion) if self.assertion_holds(assertion, pos) => Step::Next(next, pos),
            Inst::Split { first, second } => {
                self.push(Frame::Alt { pc: second, pos })?;
                Step::Next(first, pos)
            }
            Inst::Jmp(to) => Step::Next(to, pos),
            Inst::Save(reg) => {
                self.set_reg(reg, pos)?;
                Step::Next(next, pos)
            }
            Inst::RepInit(reg) => {
                self.set_reg(reg, 0)?;
                Step::Next(next, pos)
            }
            Inst::RepCheck {
                reg,
                min,
                max,
                greedy,
                exit,
            } => {
                let count = self.reg(reg);
                if count < min {
                    Step::Next(next, pos)
                } else if count >= max {
                    Step::Next(exit, pos)
                } else if greedy {
                    self.push(Frame::Alt { pc: exit, pos })?;
                    Step::Next(next, pos)
                } else {
                    self.push(Frame::Alt { pc: next, pos })?;
                    Step::Next(exit, pos)
                }
            }
            Inst::RepBody {
                reg,
                clear_from,
                clear_to,
            } => {
                self.set_reg(reg + 1, pos)?;
                for slot in clear_from..clear_to {
                    self.charge(1)?;
                    self.set_reg(slot, UNSET)?;
                }
                Step::Next(next, pos)
            }
            Inst::RepEnd { reg, min, check } => {
                let count = self.reg(reg);
                // ECMA-262: once the minimum is met, an iteration that matched the empty string fails. Besides
                // being the specified semantics, this is what keeps `(a*)*` from looping forever.
                if count >= min && self.reg(reg + 1) == pos {
                    return Ok(Step::Fail);
                }
                self.set_reg(reg, count.saturating_add(1))?;
                Step::Next(check, pos)
            }
            Inst::Backref { slot, icase, back } => self.backref(slot, icase, back, next, pos)?,
            Inst::Look { negate, end } => {
                let mark = self.stack.len();
                let matched = self.run(next, pos)?;
                match (matched, negate) {
                    (true, false) => {
                        // Lookarounds are atomic: drop the body's alternatives, keep its captures (undoably).
                        if mark < self.stack.len() {
                            let frames = self.stack.split_off(mark);
                            self.stack
                                .extend(frames.into_iter().filter(|f| matches!(f, Frame::Undo { .. })));
                        }
                        Step::Next(end, pos)
                    }
                    (true, true) => {
                        self.unwind(mark);
                        Step::Fail
                    }
                    (false, false) => Step::Fail,
                    (false, true) => Step::Next(end, pos),
                }
            }
            _ => Step::Fail,
        })
    }

    fn backref(&mut self, slot: usize, icase: bool, back: bool, next: usize, pos: usize) -> Result<Step, Exhausted> {
        let (start, end) = (self.reg(slot), self.reg(slot + 1));
        if start == UNSET || end == UNSET || end < start {
            // ECMA-262: a group that has not participated matches the empty string.
            return Ok(Step::Next(next, pos));
        }
        let len = end - start;
        self.charge(u64::try_from(len).unwrap_or(u64::MAX))?;
        let here = if back {
            pos.checked_sub(len).and_then(|from| self.text.get(from..pos))
        } else {
            self.text.get(pos..pos.saturating_add(len))
        };
        let (Some(captured), Some(here)) = (self.text.get(start..end), here) else {
            return Ok(Step::Fail);
        };
        let same = if icase {
            captured.iter().zip(here).all(|(&a, &b)| fold(a) == fold(b))
        } else {
            captured == here
        };
        Ok(if same {
            Step::Next(next, advance(pos, len, back))
        } else {
            Step::Fail
        })
    }

    /// Pops frames down to `mark`, undoing their register changes.
    fn unwind(&mut self, mark: usize) {
        while self.stack.len() > mark {
            if let Some(Frame::Undo { reg, old }) = self.stack.pop() {
                if let Some(slot) = self.regs.get_mut(reg) {
                    *slot = old;
                }
            }
        }
    }

    /// Pops frames down to `base` until one offers another way to continue: its instruction and position.
    fn backtrack(&mut self, base: usize) -> Result<Option<(usize, usize)>, Exhausted> {
        while self.stack.len() > base {
            self.charge(1)?;
            let Some(frame) = self.stack.pop() else {
                break;
            };
            match frame {
                Frame::Undo { reg, old } => {
                    if let Some(slot) = self.regs.get_mut(reg) {
                        *slot = old;
                    }
                }
                Frame::Alt { pc, pos } => return Ok(Some((pc, pos))),
                Frame::Greedy { pc, start, count } => {
                    let Some(Inst::Single { min, back, .. }) = self.program.insts.get(pc).copied() else {
                        continue;
                    };
                    let count = count.saturating_sub(1);
                    if count > min {
                        self.push(Frame::Greedy { pc, start, count })?;
                    }
                    return Ok(Some((pc + 1, advance(start, count, back))));
                }
                Frame::Lazy { pc, pos, count } => {
                    let Some(Inst::Single { item, max, back, .. }) = self.program.insts.get(pc).copied() else {
                        continue;
                    };
                    if self.item_at(item, pos, 0, back) {
                        let (pos, count) = (advance(pos, 1, back), count + 1);
                        if count < max {
                            self.push(Frame::Lazy { pc, pos, count })?;
                        }
                        return Ok(Some((pc + 1, pos)));
                    }
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn compile(pattern: &str) -> Pattern {
        Pattern::new(pattern).unwrap_or_else(|e| panic!("{pattern:?} should compile: {e}"))
    }

    fn matches(pattern: &str, text: &str) -> bool {
        compile(pattern).is_match(text)
    }

    fn check(pattern: &str, yes: &[&str], no: &[&str]) {
        let p = compile(pattern);
        for text in yes {
            assert_eq!(p.try_match(text), Some(true), "{pattern:?} should match {text:?}");
        }
        for text in no {
            assert_eq!(p.try_match(text), Some(false), "{pattern:?} should not match {text:?}");
        }
    }

    fn error_of(pattern: &str) -> PatternError {
        match Pattern::new(pattern) {
            Ok(_) => panic!("{pattern:?} should be rejected"),
            Err(e) => e,
        }
    }

    fn assert_error(pattern: &str, offset: usize, words: &str) {
        let e = error_of(pattern);
        assert_eq!(e.offset, offset, "{pattern:?}: {e}");
        assert!(e.message.contains(words), "{pattern:?}: {e} should mention {words:?}");
    }

    #[test]
    fn literals_and_escapes() {
        check("abc", &["abc", "xabcx"], &["ab", "acb", ""]);
        check(r"^a\.b$", &["a.b"], &["axb"]);
        check(
            r"^\-\/\\\:\(\)\[\]\{\}\^\$\|\?\*\+\.$",
            &[r"-/\:()[]{}^$|?*+."],
            &[r"-/\:()[]{}^$|?*+x"],
        );
        check(r"^\t\n\r\f\v\0$", &["\t\n\r\u{c}\u{b}\0"], &["tnrfv0"]);
        check(r"^\x41\u0042\u{43}\u{1F600}$", &["ABC\u{1F600}"], &["abc\u{1F600}"]);
        check(r"^\uD83D\uDE00$", &["\u{1F600}"], &["\u{1F600}\u{1F600}", ""]);
        check(r"^\cJ\cj$", &["\n\n"], &["cJcj"]);
        check(r"^é✓\u00e9$", &["é✓é"], &["e✓é"]);
        // ECMA-262 Annex B: lone `]`, `}` and a `{` that starts no quantifier are literals.
        check(r"^a]b}c{d$", &["a]b}c{d"], &["abcd"]);
        check(r"^a{$", &["a{"], &["a"]);
        check(r"^a{,5}$", &["a{,5}"], &["aaa"]);
        check(r"^x{1,2$", &["x{1,2"], &["x"]);
        check(r"^{a}$", &["{a}"], &["a"]);
    }

    #[test]
    fn dot_excludes_line_terminators() {
        check(
            "^.$",
            &["a", " ", "\t", "\u{1F600}", "\u{85}"],
            &["\n", "\r", "\u{2028}", "\u{2029}", "", "ab"],
        );
        check("^.*$", &["anything at all"], &["two\nlines", "cr\rhere"]);
        check("a.c", &["abc", "a c"], &["a\nc"]);
    }

    #[test]
    fn character_classes() {
        check("^[abc]+$", &["abcba"], &["abd", ""]);
        check("^[^abc]$", &["d", "\n"], &["a", ""]);
        check("^[a-fA-F0-9]+$", &["DeadBeef09"], &["xyz"]);
        check("^[-a]+$", &["-a-"], &["b"]);
        check("^[a-]+$", &["-a-"], &["b"]);
        check(r"^[\w+=,.@/-]+$", &["a+=,.@/-_"], &["a b"]);
        check(r"^[a-z0-9-\.]+$", &["us-east-1.x"], &["US"]);
        check(r"^[a-zA-Z0-9-_\.\/]*$", &["a-b_c.d/e"], &["a b"]);
        check(r"^[\]\-\\]+$", &[r"]-\"], &["a"]);
        check(r"^[\b]$", &["\u{8}"], &["b"]);
        check(r"^[\x41-\x43\u{1F600}]+$", &["ABC\u{1F600}"], &["D"]);
        check(r"^[\w-.]+$", &["a-.b"], &["a,b"]);
        // `]` first closes the class, as in ECMA-262: `[]` matches nothing and `[^]` anything.
        check("a[]", &[], &["a", "a[]"]);
        check("^[^]$", &["\n", "x"], &["", "xy"]);
        check("^[.]$", &["."], &["a"]);
    }

    #[test]
    fn class_escapes() {
        check(r"^\d+$", &["0123456789"], &["١", "a", ""]);
        check(r"^\D+$", &["abc", "١"], &["a1"]);
        check(r"^\w+$", &["azAZ09_"], &["é", "-"]);
        check(r"^\W+$", &["-é "], &["a"]);
        let spaces = "\t\n\u{b}\u{c}\r \u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}";
        check(r"^\s+$", &[spaces], &["\u{85}", "\u{200b}", "x"]);
        check(r"^\S+$", &["x\u{85}\u{200b}"], &[" "]);
        check(r"^[\d\s]+$", &["1 2\t3"], &["1a"]);
        check(r"^[^\d\s]+$", &["abc"], &["a1", "a b"]);
        check(r"^[\D]$", &["a"], &["1"]);
        check(r"^[\W\d]+$", &["-1"], &["a"]);
        check(r"^[\S]$", &["a"], &[" "]);
    }

    #[test]
    fn unicode_properties() {
        check(r"^\p{L}+$", &["abcÉñ東京Ωж"], &["a1", "_", " ", "Ⅻ"]);
        check(r"^\p{Letter}+$", &["Straße"], &["1"]);
        check(r"^\P{L}+$", &["123 _-"], &["a"]);
        check(r"^\p{N}+$", &["123١٢٣Ⅻ½²"], &["a"]);
        check(r"^\p{Number}$", &["7"], &["x"]);
        check(r"^\P{N}$", &["x"], &["7"]);
        check(
            r"^\p{Z}+$",
            &[" \u{a0}\u{3000}\u{2028}\u{2029}"],
            &["\t", "\n", "\u{85}", "\u{feff}"],
        );
        check(r"^\p{Separator}$", &[" "], &["x"]);
        check(r"^\P{Z}$", &["x"], &[" "]);
        check(r"^\p{Lu}\p{Ll}+$", &["Élan", "Ωμέγα"], &["élan", "ÉLAN"]);
        check(r"^\p{Uppercase_Letter}\p{Lowercase_Letter}$", &["Ab"], &["aB"]);
        check(r"^\p{gc=L}\p{General_Category=N}$", &["a1"], &["1a"]);
        check(r"^[\p{L}\p{N}]+$", &["abc123"], &["abc 123"]);
        check(r"^[^\p{L}]+$", &["123"], &["a"]);
        check(r"^[\P{L}a]+$", &["1a2"], &["b"]);
    }

    #[test]
    fn anchors_and_word_boundaries() {
        check("^abc$", &["abc"], &["abcd", "xabc", "abc\n"]);
        check("^abc", &["abcd"], &["xabc"]);
        check("abc$", &["xabc"], &["abcd", "abc\n"]);
        check("^$", &[""], &["\n", " "]);
        check(r"\bfoo\b", &["foo", "a foo.", "(foo)"], &["food", "afoo", "foo_"]);
        check(r"\Boo\B", &["foob"], &["oo", "a oo b"]);
        check(r"^\b$", &[], &[""]);
        check(r"^\B$", &[""], &[]);
        // `\w` is ASCII-only in ECMA-262, so there is no boundary between `é` and the end of the text.
        check(r"é\b", &[], &["é"]);
        check(r"\bé", &[], &["é"]);
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
        check(
            "^(?i)all|[0-9]{12}$",
            &["all", "ALL", "Allx", "123456789012", "x123456789012"],
            &["al", "1234"],
        );
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
        check("^a{99999999999999999999999}$", &[], &["a", ""]);
        check("^a{0,99999999999999999999999}$", &["", "aaa"], &["b"]);
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
        check(r"^(?=(a?))\1ab$", &["aab"], &[]);
        check(r"^(?=(\d{2,4}?))\1$", &[], &["1234"]);
        check(r"^(?=(\d{2,4}))\1$", &["1234"], &[]);
        check(r"^(?=(\d{2,}?))\1\d\d$", &["1234"], &[]);
        check(r"^(?=((?:ab)+?))\1ab$", &["abab"], &[]);
        check(r"^(?=((?:ab)+))\1ab$", &[], &["abab"]);
        check(r"^(?=((?:ab){1,3}?))\1ab$", &["abab"], &[]);
        check("^a*?$", &["aaa", ""], &["ab"]);
        check("^a+?b$", &["aaab"], &["b"]);
        check("^s3://([^/]+)/(.*?([^/]+))$", &["s3://b/k/f.zip"], &["s3://b/"]);
    }

    #[test]
    fn backreferences() {
        check(r"^(a|b)\1$", &["aa", "bb"], &["ab", "a"]);
        check(r"^(\w+) \1$", &["hey hey"], &["hey you"]);
        // A group that did not participate matches the empty string.
        check(r"^(?:(a)|b)\1$", &["aa", "b"], &["ba", "bb"]);
        check(r"^\1(a)$", &["a"], &["aa"]);
        check(r"^(a\1)$", &["a"], &["aa"]);
        // Each iteration of a quantified group resets the captures inside it.
        check(r"^(?:(a)|b)*\1$", &["ab", "aa", "aaa", "b"], &["aba"]);
        check(r"^(?:(a)|b)+\1$", &["ab"], &["aba"]);
        check(
            r"^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\11$",
            &["abcdefghijkk"],
            &["abcdefghijka1"],
        );
        check(r"^(?i)(ab)\1$", &["abAB", "ABab"], &["abac"]);
        check(r"^(.)(.)\2\1$", &["abba"], &["abab"]);
    }

    #[test]
    fn lookarounds() {
        check(r"^(?!\s*$).+$", &["x", " a "], &["", "   ", "\t\n", "a\nb"]);
        check(
            r"^(?=.*\d)(?=.*[a-z]).{6,}$",
            &["abc123", "1aaaaa"],
            &["abcdef", "123456", "a1"],
        );
        check(r"foo(?!bar)", &["foobaz", "foo"], &["foobar"]);
        check(r"foo(?=bar)", &["foobar"], &["foobaz"]);
        check(r"^(?=(a))\1$", &["a"], &["aa"]);
        // Captures made by a negative lookahead do not survive it.
        check(r"^(?!(a)b)\1a$", &["a"], &["aa"]);
        check(r"(?<=\$)\d+", &["cost: $42"], &["cost: 42"]);
        check(r"(?<!\$)\b\d+", &["cost: 42"], &["cost: $42"]);
        check(r"^.*(?<=\.json)$", &["a.json"], &["a.jsonx"]);
        check(r"(?<=^|,)x(?=,|$)", &["x", "a,x", "x,b"], &["ax", "xb"]);
        check(r"(?<=a(b|cd)*)e", &["abcde", "ae"], &["be"]);
        check(r"(?<=(\w)\1)z", &["aaz", "abz"], &["z"]);
        // Lookbehind bodies match from right to left: the backreference is reached before its group here...
        check(r"(?<=(a)\1)b", &["ab", "aab"], &["b"]);
        check(r"(?<=\1(a))b", &["aab"], &["ab"]);
        // ...and greedy quantifiers take as much as they can from the right end first.
        check(r"^\d+(?<=(\d+)(\d+))-\2$", &["1053-053"], &["1053-3", "1053-1053"]);
        check(r"(?<=a(?=b(.)))b\1", &["abc"], &["ab", "xbc"]);
        check(r"(?<=(?=b(.))a)b", &[], &["abc"]);
        check(r"^(?=a)*a$", &["a"], &["b"]);
        check(r"^(?:(?=a)a)+$", &["aaa"], &["ab"]);
    }

    #[test]
    fn case_insensitive() {
        check("(?i)hello", &["HeLLo", "say hello"], &["help"]);
        check("^(?i)[a-c]+$", &["aBc", "ABC"], &["abd"]);
        check("^(?i)[^a]$", &["b"], &["A", "a"]);
        check(r"^(?i)\w+$", &["ABC_abc"], &["é"]);
        check("^(?i)straße$", &["STRAßE", "Straße"], &["STRASSE"]);
        check("^(?i)σ$", &["Σ", "ς", "σ"], &["s"]);
        check("^(?i)k$", &["K", "\u{212a}"], &["x"]);
        check("^(?i)[é]$", &["É"], &["e"]);
        check(r"^(?i)\x41$", &["a"], &["b"]);
        check("^^(?i)a$", &["A"], &[]);
        // The scoped ES2025 form.
        check("^(?i:ab)c$", &["ABc", "aBc"], &["ABC"]);
        check("^a(?i:b(?:c))d$", &["aBCd"], &["ABCd", "aBCD"]);
        check("^(?i:a)B$", &["AB"], &["Ab"]);
    }

    #[test]
    fn errors_have_messages_and_offsets() {
        assert_error("(", 0, "unterminated group");
        assert_error("a(b(c)", 1, "unterminated group");
        assert_error("a)", 1, "unmatched ')'");
        assert_error("*a", 0, "nothing to repeat");
        assert_error("a|?", 2, "nothing to repeat");
        assert_error("a**", 2, "nothing to repeat");
        assert_error("a{2}{3}", 4, "nothing to repeat");
        assert_error("{2}", 0, "nothing to repeat");
        assert_error("^*", 1, "nothing to repeat");
        assert_error("a$+", 2, "nothing to repeat");
        assert_error(r"\b+", 2, "nothing to repeat");
        assert_error("(?i)*", 4, "nothing to repeat");
        assert_error("(?<=a)?", 6, "nothing to repeat");
        assert_error("a{2,1}", 1, "out of order");
        assert_error(r"\", 0, "lone backslash");
        assert_error(r"ab\", 2, "lone backslash");
        assert_error(r"[a\", 2, "lone backslash");
        assert_error("x[ab", 1, "unterminated character class");
        assert_error("[a-", 0, "unterminated character class");
        assert_error("x[z-a]", 2, "out of order");
        assert_error("(?<name>a)", 0, "named capture groups");
        assert_error(r"(a)\k<a>", 3, "named backreferences");
        assert_error(r"(a)\2", 3, "does not exist");
        assert_error(r"\1", 0, "does not exist");
        assert_error(r"\a", 0, "unsupported escape");
        assert_error(r"x\z", 1, "unsupported escape");
        assert_error(r"[\B]", 1, "unsupported escape");
        assert_error(r"[\1]", 1, "unsupported escape");
        assert_error(r"\01", 0, "octal");
        assert_error(r"\xZZ", 0, "two hexadecimal digits");
        assert_error(r"\u12", 0, "four hexadecimal digits");
        assert_error(r"\u{110000}", 0, "scalar value");
        assert_error(r"\u{}", 0, "hexadecimal digits");
        assert_error(r"\uD800", 0, "surrogate");
        assert_error(r"\uDC00", 0, "surrogate");
        assert_error(r"\c1", 0, "ASCII letter");
        assert_error(r"\p{Foo}", 0, "unsupported Unicode property 'Foo'");
        assert_error(r"\pL", 0, "{Name}");
        assert_error(r"\p{L", 0, "Unicode property");
        assert_error("(?m)a", 0, "(?m");
        assert_error("(?", 0, "invalid group");
        assert_error("(?i", 0, "expected ')' or ':'");
        assert_error("a(?i)b", 1, "start of the pattern");
        assert_error("a|(?i)b", 2, "start of the pattern");
        assert_error("((?i)a)", 1, "start of the pattern");
        let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
        assert_error(&deep, 128, "nested too deeply");
        assert!(Pattern::new(&format!("{}a{}", "(".repeat(100), ")".repeat(100))).is_ok());
        assert_eq!(
            error_of("a{2,1}").to_string(),
            "numbers out of order in {} quantifier at offset 1"
        );
        // Offsets count characters, not bytes.
        assert_eq!(error_of("éé)").offset, 2);
        let boxed: Box<dyn std::error::Error> = Box::new(error_of("("));
        assert_eq!(boxed.to_string(), "unterminated group at offset 0");
    }

    #[test]
    fn no_panics_on_odd_input() {
        let patterns = [
            "",
            "|",
            "||",
            "()",
            "(|)",
            "(?:)",
            "[]",
            "[^]",
            "(?=)",
            "(?!)",
            "(?<=)",
            "(?<!)",
            "\\0",
            "$^",
            "(?i)",
            "a{0,0}",
            "(a){0}\\1",
            "[\\s\\S]*?",
            "(?=(a))*",
            "\u{0}",
            "\u{10FFFF}",
        ];
        for pattern in patterns {
            let p = compile(pattern);
            for text in ["", "a", "\n", "aaa", "\u{10FFFF}\u{0}"] {
                assert!(p.try_match(text).is_some(), "{pattern:?} on {text:?}");
            }
        }
        for pattern in [
            "[", "(", ")", "\\", "{", "}", "]", "(?", "[\\", "a{", "a{1", "a{1,", "\\u{", "\\p", "\\c",
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
        let spaces = " ".repeat(n);
        assert!(!matches(r"^[\s\S]*\S[\s\S]*$", &spaces));
        assert!(!matches(r"^(?!\s*$).+$", &spaces));
        // Unanchored searches must not rescan the same run of characters from every start position.
        assert_eq!(compile(r"(?!\s*$).+").try_match(&spaces), Some(false));
        let digits = format!("{}x1", "1".repeat(n));
        assert_eq!(compile(r"^([$]LATEST)|([1-9][0-9]*)$").try_match(&digits), Some(true));
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
        assert!(started.elapsed().as_secs() < 60);
    }

    #[test]
    fn pathological_patterns_terminate() {
        // Each of these needs exponentially many steps to fail on "aaa…a!", so the budget must stop it.
        let text = format!("{}!", "a".repeat(40));
        for pattern in [r"(a*)*b", r"(a+)+b", r"(a|a)*b", r"^(a|aa)+$"] {
            let started = Instant::now();
            assert_eq!(compile(pattern).try_match(&text), None, "{pattern}");
            assert!(started.elapsed().as_secs() < 60, "{pattern}");
        }
        let p = compile(r"(a*)*b");
        assert!(!p.is_match(&text));
        assert_eq!(p.try_match("aab"), Some(true));
        assert_eq!(p.try_match("aa"), Some(false));
    }

    /// Every distinct `smithy.api#pattern` of the AWS SSM model (ssm-2014-11-06), as data.
    const SSM_PATTERNS: [&str; 53] = [
        r"^\w{16,128}$",
        r"^(oi)-[0-9a-f]{12}$",
        r"^(?i)all|[0-9]{12}$",
        r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        r"^[0-9]{1,6}(\.[0-9]{1,6}){2,3}$",
        r"^(?!\s*$).+$",
        r"^arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+$",
        r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        r"^[a-zA-Z0-9_\-.]{3,128}$",
        r"^([$]LATEST)|([1-9][0-9]*)$",
        r"^aws:[a-zA-Z]{3,25}$",
        r"^[a-zA-Z0-9_\-:/]{20,128}$",
        r"^[A-Za-z0-9_\-]\w+|Custom:[a-zA-Z0-9_\-]\w+$",
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
        r"^[a-zA-Z0-9_\-.:/]{3,128}$",
        r"^[\w\.\-\:\/ ]*$",
        r"^([0-9]+)\.([0-9]+)$",
        r"^([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)$",
        r"^[a-zA-Z0-9_\-.]{1,128}$",
        r"^(^[1-9][0-9]*$)$",
        r"^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})|(\d{12})$",
        r"^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$",
        r"^[\w+=,.@/-]+$",
        r"^https://.+$|^s3://([^/]+)/(.*?([^/]+))$",
        r"^(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)$",
        r"^.{1,100000}$",
        r"^(20)[0-9][0-9]-(0[1-9]|1[012])-([12][0-9]|3[01]|0[1-9])(T)(2[0-3]|[0-1][0-9])(:[0-5][0-9])(:[0-5][0-9])(Z)$",
        r"^([0-9]{1,6})(\.[0-9]{1,6})$",
        r"^(AWS|Custom):.*$",
        r"^[0-9a-fA-F]{8}\-[0-9a-fA-F]{4}\-[0-9a-fA-F]{4}\-[0-9a-fA-F]{4}\-[0-9a-fA-F]{12}$",
        r"^mw-[0-9a-f]{17}$",
        r"^(^mi-[0-9a-f]{17}$)|(^eks_c:[0-9A-Za-z][A-Za-z0-9\-_]{0,99}_\w{17}$)$",
        r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$",
        r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$",
        r"^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-4][0-3][0-9]|1440)$",
        r"^[0-9]{12}$",
        r"^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$",
        r"^(range|count|sum)$",
        r"^arn:(aws[a-zA-Z-]*)?:ssm:[a-z0-9-\.]{0,63}:[0-9]{12}:opsitem",
        r"^[\s\S]*\S[\s\S]*$",
        r"^arn:(aws[a-zA-Z-]*)?:ssm:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:opsmetadata\/([a-zA-Z0-9-_\.\/]*)$",
        r"^([a-zA-Z0-9:/_-]+)$",
        r"^tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType$",
        r"^[a-zA-Z0-9_\-.]{3,50}$",
        r"^arn:",
        r"^.{1,256}$",
        r"^([$]LATEST|[$]DEFAULT|[$]ALL)$",
        r"^[a-zA-Z0-9:_-]*$",
        r"^([\-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24\:?00)([\.,]\d(?!:))?)?(\17[0-5]\d([\.,]\d)?)?([zZ]|([\-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$",
        r"^[\p{L}\p{Z}\p{N}_.:/=\-@]*$|resource-groups:ResourceTypeFilters|resource-groups:Name$",
        r"^https:\/\/[-a-zA-Z0-9@:%._\+~#=]{1,253}\.s3(\.[a-z\d-]{9,16})?\.amazonaws\.com\/.{1,2000}$",
        r"^\/[\w\.\-\:\/]*$",
        r"^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$",
    ];

    #[test]
    fn all_ssm_patterns_compile() {
        for pattern in SSM_PATTERNS {
            assert!(
                Pattern::new(pattern).is_ok(),
                "{pattern}: {:?}",
                Pattern::new(pattern).err()
            );
        }
    }

    #[test]
    fn ssm_patterns_accept_and_reject_realistic_values() {
        let uuid = "e488f2f6-e686-4afb-8a04-ef6dfe2c2d3a";
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                SSM_PATTERNS[0],
                &["AKIAIOSFODNN7EXAMPLE"],
                &["AKIA-IOSFODNN7EXAMPLE", "short"],
            ),
            (
                SSM_PATTERNS[1],
                &["oi-1a2b3c4d5e6f"],
                &["oi-1A2B3C4D5E6F", "oi-123", "io-1a2b3c4d5e6f"],
            ),
            (SSM_PATTERNS[2], &["all", "ALL", "123456789012"], &["al", "12345678901"]),
            (
                SSM_PATTERNS[3],
                &[uuid],
                &[
                    "E488F2F6-E686-4AFB-8A04-EF6DFE2C2D3A",
                    "e488f2f6e6864afb8a04ef6dfe2c2d3a",
                ],
            ),
            (
                SSM_PATTERNS[4],
                &["3.1.1004.0", "2.3.444"],
                &["3.1", "3.1.1.1.1", "1234567.1.1", "3.1.x"],
            ),
            (SSM_PATTERNS[5], &["My alarm", " x"], &["", " ", "\t\r\n"]),
            (
                SSM_PATTERNS[6],
                &[
                    "arn:aws:iam::123456789012:role/MyRole",
                    "arn:aws-cn:iam::123456789012:role/a/b",
                ],
                &[
                    "arn:aws:iam::12345678901:role/x",
                    "arn:aws:iam::123456789012:role/",
                    "arn:aws-:iam::123456789012:role/x",
                ],
            ),
            (
                SSM_PATTERNS[7],
                &[uuid, "E488F2F6-E686-4AFB-8A04-EF6DFE2C2D3A"],
                &["e488f2f6-e686-4afb-8a04"],
            ),
            (
                SSM_PATTERNS[8],
                &["AWS-RunShellScript", "my.doc_1"],
                &["ab", "has space", "a/b", ""],
            ),
            (SSM_PATTERNS[9], &["$LATEST", "12", "x12"], &["0", "LATEST", ""]),
            (
                SSM_PATTERNS[10],
                &["aws:runCommand", "aws:executeScript"],
                &["aws:ab", "aws:run1", "AWS:runCommand"],
            ),
            (
                SSM_PATTERNS[11],
                &[
                    "pb-0c10e65780EXAMPLE",
                    "arn:aws:ssm:us-east-2:111122223333:patchbaseline/pb-0c",
                ],
                &["pb-0c10e65780"],
            ),
            (
                SSM_PATTERNS[12],
                &["Association", "Custom:MyType", "xCustom:ab", "Custom:"],
                &["-", "!bad", "C"],
            ),
            (
                SSM_PATTERNS[13],
                &["Name", "my tag:über/1=2+3-4@x", "東京 タワー", ""],
                &["a!b", "tab\there", "a#b"],
            ),
            (SSM_PATTERNS[15], &["My Doc: v1.0/x-y_z", ""], &["a@b", "a\nb"]),
            (SSM_PATTERNS[16], &["2.2", "10.01"], &["2", "2.x", ".2"]),
            (
                SSM_PATTERNS[17],
                &["$LATEST", "$DEFAULT", "42"],
                &["042", "$ALL", "LATEST"],
            ),
            (SSM_PATTERNS[19], &["7", "1024"], &["0", "07", "x"]),
            (
                SSM_PATTERNS[20],
                &["ou-ab12-abcdefgh", "123456789012", "ou-ab12-abcdefghx"],
                &["ou-ab-abcdefgh", "12345"],
            ),
            (SSM_PATTERNS[22], &["MyRole+=,.@/-_x"], &["a b", "", "a:b"]),
            (
                SSM_PATTERNS[23],
                &["https://example.com/x.msi", "s3://bucket/path/to/file.zip", "s3://b/f"],
                &["s3://bucket/", "s3://bucket", "http://example.com/x", "https://"],
            ),
            (
                SSM_PATTERNS[24],
                &["i-1234567890abcdef0", "i-12345678", "mi-1234567890abcdef0"],
                &["i-123456789", "mi-12345678", "i-1234567890abcdef0x"],
            ),
            (SSM_PATTERNS[25], &["x", "any value"], &["", "a\nb"]),
            (
                SSM_PATTERNS[26],
                &["2024-01-15T10:30:00Z", "2099-12-31T23:59:59Z"],
                &[
                    "2024-01-15T24:00:00Z",
                    "1999-01-01T00:00:00Z",
                    "2024-13-01T00:00:00Z",
                    "2024-01-15T10:30:00",
                ],
            ),
            (SSM_PATTERNS[27], &["1.0", "123456.654321"], &["1", "1.0.0"]),
            (SSM_PATTERNS[28], &["AWS:Application", "Custom:"], &["Other:x", "aws:x"]),
            (
                SSM_PATTERNS[30],
                &["mw-0c50858d01abcdef0"],
                &["mw-0c50858d01ABCDEF0", "mw-0c50858d01"],
            ),
            (
                SSM_PATTERNS[31],
                &["mi-0123456789abcdef0", "eks_c:cluster-1_0123456789abcdefg"],
                &["mi-0123", "eks_c:-cluster_0123456789abcdefg", "i-0123456789abcdef0"],
            ),
            (
                SSM_PATTERNS[32],
                &["10", "50%", "100%", "7%"],
                &["0", "101%", "0%", "1000%"],
            ),
            (SSM_PATTERNS[33], &["0", "0%", "25", "99%"], &["00", "-1", "100%x"]),
            (
                SSM_PATTERNS[34],
                &["1", "60", "1439", "1440", "999"],
                &["0", "1441", "1450", "01"],
            ),
            (
                SSM_PATTERNS[36],
                &["ou-ab12-abcdefgh"],
                &["ou-AB12-abcdefgh", "ou-a-abcdefgh"],
            ),
            (SSM_PATTERNS[37], &["range", "count", "sum"], &["avg", "sums"]),
            (
                SSM_PATTERNS[38],
                &[
                    "arn:aws:ssm:us-east-1:123456789012:opsitem/oi-1",
                    "arn::ssm::123456789012:opsitem",
                ],
                &[
                    "arn:aws:ssm:us-east-1:12345:opsitem",
                    "arn:aws:ec2:us-east-1:123456789012:opsitem",
                ],
            ),
            (
                SSM_PATTERNS[39],
                &["  x  ", "a\n", "\u{3000}字"],
                &["", " \n\t ", "\u{feff}\u{a0}"],
            ),
            (
                SSM_PATTERNS[40],
                &["arn:aws:ssm:us-east-1:123456789012:opsmetadata/aws/ssm/MyGroup/appmanager"],
                &[
                    "arn:aws:ssm:us-east-1:123456789012:opsmetadata/a b",
                    "arn:aws:ssm:us-east-1:123456789012:opsmeta/x",
                ],
            ),
            (
                SSM_PATTERNS[42],
                &["tag:Env", "Name", "DataType", "xName", "Tiered"],
                &["tag:", "Other", "KeyI"],
            ),
            (
                SSM_PATTERNS[44],
                &["arn:aws:kms:us-east-1:123456789012:key/abc"],
                &["xarn:", "ARN:"],
            ),
            (SSM_PATTERNS[45], &["Reason: maintenance"], &["", "two\nlines"]),
            (SSM_PATTERNS[46], &["$LATEST", "$DEFAULT", "$ALL"], &["$NONE", "1"]),
            (
                SSM_PATTERNS[49],
                &[
                    "tag:Env",
                    "InstanceIds",
                    "resource-groups:Name",
                    "Name with spaces",
                    "東京",
                ],
                &["a!b", "tag#x"],
            ),
            (
                SSM_PATTERNS[50],
                &[
                    "https://mybucket.s3.amazonaws.com/targets.json",
                    "https://b.s3.us-east-1.amazonaws.com/x",
                ],
                &[
                    "https://mybucket.s3.amazonaws.com/",
                    "http://mybucket.s3.amazonaws.com/x",
                    "https://mybucket.s3.amazonaws.com/a\nb",
                    "https://b.s3.us.amazonaws.com/x",
                ],
            ),
            (
                SSM_PATTERNS[51],
                &["/AWS::EC2::Instance", "/", "/Custom/Type-1"],
                &["AWS::EC2::Instance", "/a b"],
            ),
            (
                SSM_PATTERNS[52],
                &[uuid],
                &[
                    "E488F2F6-E686-4AFB-8A04-EF6DFE2C2D3A",
                    "e488f2f6-e686-4afb-8a04-ef6dfe2c2d3",
                ],
            ),
        ];
        assert!(cases.len() >= 20);
        for (pattern, yes, no) in cases {
            check(pattern, yes, no);
        }
    }

    #[test]
    fn iso_8601_date_time_pattern() {
        let iso = SSM_PATTERNS[48];
        assert!(iso.starts_with(r"^([\-]?\d{4}(?!\d{2}\b))"));
        check(
            iso,
            &[
                "2024-01-15T10:30:00Z",
                "2024-01-15",
                "20240115",
                "2024-01",
                "2024",
                "-2024",
                "2024-W05",
                "2024-W05-3",
                "2024W053",
                "2024-001",
                "2024-366",
                "2024-01-15T10",
                "2024-01-15T10:30",
                "2024-01-15T1030",
                "2024-01-15T10:30:00.5Z",
                "2024-01-15T10:30:00,5",
                "20240115T103000Z",
                "2024-01-15T24:00",
                "2024-01-15T10:30:00-05:00",
                "2024-01-15T10:30:00-05",
                "2024-01-15 10:30:00z",
            ],
            &[
                "2024-13-01",
                "2024-00-10",
                "2024-01-32",
                "2024-W53",
                "2024-367",
                "202401",
                "2024-01-15T25:00:00Z",
                "2024-01-15T10:60",
                "2024-01-15T10:30:00+05:00",
                "2024-01-15T10:3000",
                "2024-01-15T1030:00",
                "2024-0115",
                "24-01-15",
                "2024-01-15T10:30:00ZZ",
                "",
            ],
        );
    }

    #[test]
    fn try_match_reports_budget_exhaustion() {
        let p = compile(r"^(\w+\s?)*$");
        let text = format!("{}!", "word ".repeat(30));
        assert_eq!(p.try_match(&text), None);
        assert!(!p.is_match(&text));
        assert_eq!(p.try_match("word word"), Some(true));
    }
}
