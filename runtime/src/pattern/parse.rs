//! From pattern text to a syntax tree, reading Java's syntax.

use super::class::{self, Prop, Set};
use super::{error, PatternError, MAX_NESTING, UNBOUNDED};

/// Something that matches exactly one character. Kept apart from [`Node`] so
/// that repetition of such an item can be compiled to a counting loop.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item {
    /// A literal; with `icase` (Java's `(?i)`, ASCII only) `c` is an ASCII
    /// lowercase letter that also matches its uppercase.
    Char { c: char, icase: bool },
    /// `.`; with `dotall` (`(?s)`) it matches line terminators too.
    Any { dotall: bool },
    /// A class, by index into the program's sets.
    Set(usize),
    /// Matches nothing: a lone surrogate written as `\uD800` (no Rust text
    /// contains one).
    Never,
}

/// Zero-width assertions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Assertion {
    /// `^` (without `(?m)`), `\A`, `\G`: the start of the text.
    Start,
    /// `^` with `(?m)`: the start, or after a line terminator that is not
    /// the last character of the text (and not between `\r` and `\n`).
    LineStart,
    /// `$` (without `(?m)`) and `\Z`: the end, or before a line terminator
    /// that ends the text (a final `\r\n` counts as one).
    End,
    /// `\z`: the very end of the text.
    EndText,
    /// `$` with `(?m)`: the end, or before any line terminator (not between
    /// `\r` and `\n`).
    LineEnd,
    WordBoundary,
    NotWordBoundary,
}

/// Parsed pattern.
#[derive(Debug)]
pub(crate) enum Node {
    Empty,
    One(Item),
    Assert(Assertion),
    /// A capturing group whose start and end are stored in registers `slot`
    /// and `slot + 1`.
    Group {
        slot: usize,
        node: Box<Node>,
    },
    Look {
        ahead: bool,
        negate: bool,
        node: Box<Node>,
    },
    /// `(?>...)` and possessive quantifiers: once the body has matched, its
    /// other ways of matching are forgotten.
    Atomic(Box<Node>),
    /// `\R`: `\r\n` or one vertical whitespace character (the alternation
    /// it holds). Java treats it as one node: a lookbehind can bound it, and
    /// under a quantifier each repetition is atomic.
    LineBreak(Box<Node>),
    /// A backreference by group number (1-based); `icase` compares ASCII
    /// letters case-insensitively.
    Backref {
        group: usize,
        icase: bool,
    },
    /// `node{min,max}`.
    Repeat {
        node: Box<Node>,
        min: usize,
        max: usize,
        greedy: bool,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
}

/// Whether every match must start at position 0, so that the search can
/// skip all other start positions.
pub(crate) fn starts_anchored(node: &Node) -> bool {
    match node {
        Node::Assert(Assertion::Start) => true,
        Node::Group { node, .. } | Node::Atomic(node) => starts_anchored(node),
        Node::Concat(nodes) => nodes.first().is_some_and(starts_anchored),
        Node::Alt(nodes) => nodes.iter().all(starts_anchored),
        _ => false,
    }
}

/// Java refuses a lookbehind whose length it cannot bound: one with a
/// backreference, with unbounded repetition of anything but a single
/// character (`a*` and `(.)*` are accepted, `(ab)*` is not), or with a
/// bounded repetition of a group holding alternatives or quantifiers
/// (`(?:ab){1,3}` is accepted, `(?:a|b){1,3}` is not).
fn has_obvious_maximum(node: &Node) -> bool {
    match node {
        Node::Backref { .. } => false,
        Node::Repeat { node, max, .. } => match node.as_ref() {
            Node::One(_) | Node::LineBreak(_) => true,
            Node::Atomic(inner) if matches!(inner.as_ref(), Node::LineBreak(_)) => true,
            Node::Group { node: inner, .. } if matches!(inner.as_ref(), Node::One(_)) => true,
            body => *max != UNBOUNDED && is_deterministic(body) && has_obvious_maximum(body),
        },
        Node::Group { node, .. } | Node::Atomic(node) => has_obvious_maximum(node),
        Node::Concat(nodes) | Node::Alt(nodes) => nodes.iter().all(has_obvious_maximum),
        Node::Empty | Node::One(_) | Node::Assert(_) | Node::Look { .. } | Node::LineBreak(_) => true,
    }
}

/// Whether a repeated group's body has neither alternatives nor quantifiers.
fn is_deterministic(node: &Node) -> bool {
    match node {
        Node::Alt(_) | Node::Repeat { .. } | Node::Backref { .. } => false,
        Node::Group { node, .. } | Node::Atomic(node) => is_deterministic(node),
        Node::Concat(nodes) => nodes.iter().all(is_deterministic),
        Node::Empty | Node::One(_) | Node::Assert(_) | Node::Look { .. } | Node::LineBreak(_) => true,
    }
}

/// How many unbounded repetitions a lookbehind body can run through one
/// after the other. Java 17 never matches a lookbehind with two (`(?<=a*b*)`
/// fails even where it should match), so those are refused rather than
/// given either meaning.
fn unbounded_in_sequence(node: &Node) -> usize {
    match node {
        Node::Repeat { max, node, .. } => {
            if *max == UNBOUNDED {
                1
            } else {
                unbounded_in_sequence(node)
            }
        }
        Node::Group { node, .. } | Node::Atomic(node) => unbounded_in_sequence(node),
        Node::Concat(nodes) => nodes.iter().map(unbounded_in_sequence).fold(0, usize::saturating_add),
        Node::Alt(nodes) => nodes.iter().map(unbounded_in_sequence).max().unwrap_or(0),
        Node::Empty
        | Node::One(_)
        | Node::Assert(_)
        | Node::Look { .. }
        | Node::Backref { .. }
        | Node::LineBreak(_) => 0,
    }
}

/// One character of the pattern after `\Q...\E` has been read: Java quotes
/// before it parses, so a quoted character is a literal wherever it is.
#[derive(Debug, Clone, Copy)]
struct Tok {
    c: char,
    quoted: bool,
}

/// Splits the pattern into characters, marking those between `\Q` and `\E`
/// (or the end) as quoted. Offsets stay those of the original pattern
/// because the markers are kept as (skipped) entries of `None`.
fn tokenize(source: &str) -> Vec<Option<Tok>> {
    let chars: Vec<char> = source.chars().collect();
    let mut toks = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\\' && chars.get(i + 1) == Some(&'Q') {
            toks.push(None);
            toks.push(None);
            i += 2;
            while let Some(&q) = chars.get(i) {
                if q == '\\' && chars.get(i + 1) == Some(&'E') {
                    toks.push(None);
                    toks.push(None);
                    i += 2;
                    break;
                }
                toks.push(Some(Tok { c: q, quoted: true }));
                i += 1;
            }
            continue;
        }
        if c == '\\' {
            // An escaped character is never the start of `\Q`: `\\Q` is a
            // backslash and a `Q`.
            toks.push(Some(Tok { c, quoted: false }));
            if let Some(&next) = chars.get(i + 1) {
                toks.push(Some(Tok { c: next, quoted: false }));
            }
            i += 2;
            continue;
        }
        toks.push(Some(Tok { c, quoted: false }));
        i += 1;
    }
    toks
}

/// Java's inline flags that this engine implements.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    /// `i`: ASCII case-insensitive.
    icase: bool,
    /// `s`: `.` matches line terminators.
    dotall: bool,
    /// `m`: `^` and `$` at line boundaries.
    multiline: bool,
}

/// What an escape sequence denotes before it becomes a node or class member.
enum Escape {
    /// A code point (a lone surrogate is possible, hence `u32`).
    Char(u32),
    Set(Set),
}

/// A parsed quantifier.
struct Quantifier {
    min: usize,
    max: usize,
    greedy: bool,
    possessive: bool,
}

/// Recursive-descent parser; positions are indexes into the tokens, which are
/// the pattern's character offsets.
pub(crate) struct Parser {
    src: Vec<Option<Tok>>,
    pos: usize,
    /// Capturing groups opened so far, numbered by their opening parenthesis.
    pub(crate) groups: usize,
    names: Vec<(String, usize)>,
    pub(crate) sets: Vec<Set>,
    flags: Flags,
    depth: usize,
}

impl Parser {
    pub(crate) fn new(source: &str) -> Parser {
        Parser {
            src: tokenize(source),
            pos: 0,
            groups: 0,
            names: Vec::new(),
            sets: Vec::new(),
            flags: Flags::default(),
            depth: 0,
        }
    }

    /// Skips the `\Q`/`\E` markers.
    fn skip_markers(&mut self) {
        while matches!(self.src.get(self.pos), Some(None)) {
            self.pos += 1;
        }
    }

    fn tok(&mut self) -> Option<Tok> {
        self.skip_markers();
        self.src.get(self.pos).copied().flatten()
    }

    /// The next character if it is an unquoted one (syntax), else `None`.
    fn peek(&mut self) -> Option<char> {
        self.tok().filter(|t| !t.quoted).map(|t| t.c)
    }

    /// The unquoted character `ahead` tokens after the current one.
    fn peek_at(&mut self, ahead: usize) -> Option<char> {
        self.skip_markers();
        let mut i = self.pos;
        let mut left = ahead;
        loop {
            match self.src.get(i) {
                None => return None,
                Some(None) => i += 1,
                Some(Some(t)) if left == 0 => return (!t.quoted).then_some(t.c),
                Some(Some(_)) => {
                    left -= 1;
                    i += 1;
                }
            }
        }
    }

    fn bump(&mut self) {
        self.skip_markers();
        self.pos += 1;
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn at_end(&mut self) -> bool {
        self.tok().is_none()
    }

    pub(crate) fn parse(&mut self) -> Result<Node, PatternError> {
        let node = self.disjunction()?;
        if !self.at_end() {
            // A top-level disjunction only stops early at a `)` that closes nothing.
            return Err(error(self.pos, "unmatched ')'"));
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
            alternatives.push(self.alternative()?);
        }
        Ok(Node::Alt(alternatives))
    }

    fn alternative(&mut self) -> Result<Node, PatternError> {
        let mut nodes = Vec::new();
        while let Some(tok) = self.tok() {
            if !tok.quoted && (tok.c == '|' || tok.c == ')') {
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
        let Some(tok) = self.tok() else {
            return Ok(Node::Empty);
        };
        let atom = if tok.quoted {
            self.bump();
            Node::One(self.char_item(u32::from(tok.c)))
        } else {
            match tok.c {
                '^' => {
                    self.bump();
                    Node::Assert(if self.flags.multiline {
                        Assertion::LineStart
                    } else {
                        Assertion::Start
                    })
                }
                '$' => {
                    self.bump();
                    Node::Assert(if self.flags.multiline {
                        Assertion::LineEnd
                    } else {
                        Assertion::End
                    })
                }
                '(' => match self.group()? {
                    // A flag group `(?i)` changes the flags and is nothing itself.
                    None => return Ok(Node::Empty),
                    Some(node) => node,
                },
                '[' => {
                    let set = self.class()?;
                    Node::One(self.set_item(set))
                }
                '.' => {
                    self.bump();
                    Node::One(Item::Any {
                        dotall: self.flags.dotall,
                    })
                }
                '\\' => self.atom_escape()?,
                '*' | '+' | '?' => return Err(error(start, format!("dangling meta character '{}'", tok.c))),
                '{' => {
                    // Java reads a well-formed count with nothing before it as repeating nothing: `{2}x` is `x`.
                    self.quantifier()?;
                    if self.peek() == Some('{') {
                        return Err(error(self.pos, "a quantifier after a quantifier is not supported"));
                    }
                    return Ok(Node::Empty);
                }
                ')' => return Err(error(start, "unmatched ')'")),
                c => {
                    self.bump();
                    Node::One(self.char_item(u32::from(c)))
                }
            }
        };
        let Some(quantifier) = self.quantifier()? else {
            return Ok(atom);
        };
        if self.peek() == Some('{') {
            // Java accepts `x{2}{3}` but gives the second count no effect, and `x*{2}`; refuse rather than copy.
            return Err(error(self.pos, "a quantifier after a quantifier is not supported"));
        }
        // Java matches each repetition of `\R` atomically (`\R{2}` never splits a `\r\n`).
        let atom = match atom {
            Node::LineBreak(_) => Node::Atomic(Box::new(atom)),
            atom => atom,
        };
        let repeat = Node::Repeat {
            node: Box::new(atom),
            min: quantifier.min,
            max: quantifier.max,
            greedy: quantifier.greedy,
        };
        Ok(if quantifier.possessive {
            Node::Atomic(Box::new(repeat))
        } else {
            repeat
        })
    }

    /// A literal code point, which `(?i)` makes match both ASCII cases.
    fn char_item(&self, cp: u32) -> Item {
        let Some(c) = char::from_u32(cp) else {
            return Item::Never;
        };
        if self.flags.icase && c.is_ascii_alphabetic() {
            Item::Char {
                c: c.to_ascii_lowercase(),
                icase: true,
            }
        } else {
            Item::Char { c, icase: false }
        }
    }

    fn set_item(&mut self, set: Set) -> Item {
        self.sets.push(set);
        Item::Set(self.sets.len() - 1)
    }

    /// A parenthesized construct; `None` for a flag group `(?i)`, whose flags
    /// then hold to the end of the enclosing group, as in Java.
    fn group(&mut self) -> Result<Option<Node>, PatternError> {
        let open = self.pos;
        self.bump();
        if !self.eat('?') {
            self.groups += 1;
            let slot = 2 * (self.groups - 1);
            let node = Box::new(self.group_body(open)?);
            return Ok(Some(Node::Group { slot, node }));
        }
        let look = |ahead, negate, node| Node::Look {
            ahead,
            negate,
            node: Box::new(node),
        };
        match self.peek() {
            Some(':') => {
                self.bump();
                self.group_body(open).map(Some)
            }
            Some('=') => {
                self.bump();
                Ok(Some(look(true, false, self.group_body(open)?)))
            }
            Some('!') => {
                self.bump();
                Ok(Some(look(true, true, self.group_body(open)?)))
            }
            Some('>') => {
                self.bump();
                Ok(Some(Node::Atomic(Box::new(self.group_body(open)?))))
            }
            Some('<') => {
                self.bump();
                for (sign, negate) in [('=', false), ('!', true)] {
                    if self.eat(sign) {
                        let body = self.group_body(open)?;
                        if !has_obvious_maximum(&body) {
                            return Err(error(open, "look-behind group does not have an obvious maximum length"));
                        }
                        if unbounded_in_sequence(&body) > 1 {
                            return Err(error(
                                open,
                                "a look-behind with two unbounded repetitions in sequence is not supported",
                            ));
                        }
                        return Ok(Some(look(false, negate, body)));
                    }
                }
                let name = self.group_name(open)?;
                if self.names.iter().any(|(n, _)| *n == name) {
                    return Err(error(
                        open,
                        format!("named capturing group <{name}> is already defined"),
                    ));
                }
                self.groups += 1;
                self.names.push((name, self.groups));
                let slot = 2 * (self.groups - 1);
                let node = Box::new(self.group_body(open)?);
                Ok(Some(Node::Group { slot, node }))
            }
            _ => self.flag_group(open),
        }
    }

    /// `name>` after `(?<` or `\k<`: an ASCII letter, then letters and digits.
    fn group_name(&mut self, open: usize) -> Result<String, PatternError> {
        let mut name = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_alphanumeric) {
            if name.is_empty() && !c.is_ascii_alphabetic() {
                return Err(error(
                    self.pos,
                    "capturing group name does not start with a Latin letter",
                ));
            }
            name.push(c);
            self.bump();
        }
        if name.is_empty() || !self.eat('>') {
            return Err(error(open, "named capturing group is missing trailing '>'"));
        }
        Ok(name)
    }

    /// `(?flags)` or `(?flags:...)` after the `(?`, where flags may be
    /// turned off after a `-`.
    fn flag_group(&mut self, open: usize) -> Result<Option<Node>, PatternError> {
        let mut on = true;
        let mut flags = self.flags;
        loop {
            let at = self.pos;
            let Some(c) = self.peek() else {
                return Err(error(open, "unterminated group"));
            };
            self.bump();
            match c {
                '-' => on = false,
                'i' => flags.icase = on,
                's' => flags.dotall = on,
                'm' => flags.multiline = on,
                ')' => {
                    self.flags = flags;
                    return Ok(None);
                }
                ':' => {
                    let outer = std::mem::replace(&mut self.flags, flags);
                    let node = self.group_body(open);
                    self.flags = outer;
                    return node.map(Some);
                }
                'u' | 'x' | 'd' | 'U' | 'c' => {
                    return Err(error(
                        at,
                        format!("inline flag '{c}' is not supported (only i, s and m are)"),
                    ));
                }
                _ => return Err(error(at, format!("unknown inline modifier '{c}'"))),
            }
        }
    }

    /// The disjunction inside a group and the closing parenthesis. Flags set
    /// inside the group end with it.
    fn group_body(&mut self, open: usize) -> Result<Node, PatternError> {
        if self.depth >= MAX_NESTING {
            return Err(error(open, "groups are nested too deeply"));
        }
        self.depth += 1;
        let outer = self.flags;
        let node = self.disjunction();
        self.flags = outer;
        self.depth -= 1;
        let node = node?;
        if !self.eat(')') {
            return Err(error(open, "unclosed group"));
        }
        Ok(node)
    }

    /// An escape outside a class.
    fn atom_escape(&mut self) -> Result<Node, PatternError> {
        let start = self.pos;
        self.bump();
        let Some(c) = self.peek() else {
            return Err(error(start, "pattern ends with a lone backslash"));
        };
        let assertion = match c {
            'b' if self.peek_at(1) == Some('{') && self.peek_at(2) == Some('g') && self.peek_at(3) == Some('}') => {
                return Err(error(start, "\\b{g} (grapheme boundaries) is not supported"));
            }
            'b' => Some(Assertion::WordBoundary),
            'B' => Some(Assertion::NotWordBoundary),
            'A' | 'G' => Some(Assertion::Start),
            'Z' => Some(Assertion::End),
            'z' => Some(Assertion::EndText),
            _ => None,
        };
        if let Some(assertion) = assertion {
            self.bump();
            return Ok(Node::Assert(assertion));
        }
        match c {
            '1'..='9' => {
                self.bump();
                Ok(self.backref(c))
            }
            'k' => {
                self.bump();
                if !self.eat('<') {
                    return Err(error(start, "\\k is not followed by '<' for a named capturing group"));
                }
                let name = self.group_name(start)?;
                match self.names.iter().find(|(n, _)| *n == name) {
                    Some(&(_, group)) => Ok(Node::Backref {
                        group,
                        icase: self.flags.icase,
                    }),
                    None => Err(error(start, format!("named capturing group <{name}> does not exist"))),
                }
            }
            'R' => {
                self.bump();
                // Java: `\r\n|[\n\x0B\f\r\x85\u2028\u2029]`, not atomic: `\R\n` matches "\r\n".
                let crlf = Node::Concat(vec![
                    Node::One(Item::Char { c: '\r', icase: false }),
                    Node::One(Item::Char { c: '\n', icase: false }),
                ]);
                let single = Node::One(self.set_item(Set::Prop(Prop::VSpace)));
                Ok(Node::LineBreak(Box::new(Node::Alt(vec![crlf, single]))))
            }
            'X' | 'N' => Err(error(start, format!("\\{c} is not supported"))),
            _ => Ok(Node::One(match self.escape(start, false)? {
                Escape::Char(cp) => self.char_item(cp),
                Escape::Set(set) => self.set_item(set),
            })),
        }
    }

    /// `\N` after its first digit: Java reads more digits only while the
    /// number stays at most the count of groups opened so far.
    fn backref(&mut self, first: char) -> Node {
        let mut group = first.to_digit(10).unwrap_or(0) as usize;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            let longer = group.saturating_mul(10).saturating_add(digit as usize);
            if longer > self.groups {
                break;
            }
            group = longer;
            self.bump();
        }
        Node::Backref {
            group,
            icase: self.flags.icase,
        }
    }

    /// An escape valid both inside and outside classes; the current token is
    /// the character after the backslash at `start`.
    fn escape(&mut self, start: usize, in_class: bool) -> Result<Escape, PatternError> {
        let Some(tok) = self.tok() else {
            return Err(error(start, "pattern ends with a lone backslash"));
        };
        self.bump();
        let c = tok.c;
        let prop = match c {
            'd' => Some(Prop::Digit),
            'w' => Some(Prop::Word),
            's' => Some(Prop::Space),
            'h' => Some(Prop::HSpace),
            'v' => Some(Prop::VSpace),
            'D' | 'W' | 'S' | 'H' | 'V' => None,
            'p' | 'P' => return self.property(start, c == 'P').map(Escape::Set),
            _ => None,
        };
        if let Some(prop) = prop {
            return Ok(Escape::Set(Set::Prop(prop)));
        }
        let negated = match c {
            'D' => Some(Prop::Digit),
            'W' => Some(Prop::Word),
            'S' => Some(Prop::Space),
            'H' => Some(Prop::HSpace),
            'V' => Some(Prop::VSpace),
            _ => None,
        };
        if let Some(prop) = negated {
            return Ok(Escape::Set(Set::Not(Box::new(Set::Prop(prop)))));
        }
        let cp = match c {
            't' => 0x09,
            'n' => 0x0a,
            'r' => 0x0d,
            'f' => 0x0c,
            'a' => 0x07,
            'e' => 0x1b,
            '0' => self.octal(start)?,
            'x' => self.hex_escape(start)?,
            'u' => self.unicode_escape(start)?,
            'c' => match self.tok() {
                Some(t) => {
                    self.bump();
                    u32::from(t.c) ^ 64
                }
                None => return Err(error(start, "illegal control escape sequence")),
            },
            '1'..='9' if in_class => {
                return Err(error(
                    start,
                    "illegal/unsupported escape sequence (backreference in a class)",
                ));
            }
            // Java refuses a backslash before a letter that means nothing (`\i`, `\y`): it is reserved.
            c if c.is_ascii_alphabetic() => {
                return Err(error(start, format!("illegal/unsupported escape sequence '\\{c}'")));
            }
            c => u32::from(c),
        };
        Ok(Escape::Char(cp))
    }

    /// After `\0`: one to three octal digits (three only if the first is 0 to 3).
    fn octal(&mut self, start: usize) -> Result<u32, PatternError> {
        let digit = |p: &mut Parser| p.peek().and_then(|c| c.to_digit(8));
        let Some(first) = digit(self) else {
            return Err(error(start, "illegal octal escape sequence"));
        };
        self.bump();
        let mut value = first;
        if let Some(second) = digit(self) {
            self.bump();
            value = value * 8 + second;
            if first <= 3 {
                if let Some(third) = digit(self) {
                    self.bump();
                    value = value * 8 + third;
                }
            }
        }
        Ok(value)
    }

    /// `count` hexadecimal digits, consumed only if all are present.
    fn hex(&mut self, count: usize) -> Option<u32> {
        let save = self.pos;
        let mut value = 0u32;
        for _ in 0..count {
            let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) else {
                self.pos = save;
                return None;
            };
            value = value * 16 + digit;
            self.bump();
        }
        Some(value)
    }

    /// After `\x`: two hexadecimal digits or `{H...}`.
    fn hex_escape(&mut self, start: usize) -> Result<u32, PatternError> {
        if self.eat('{') {
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) {
                value = value.saturating_mul(16).saturating_add(digit);
                digits += 1;
                self.bump();
            }
            if digits == 0 || !self.eat('}') {
                return Err(error(start, "unclosed hexadecimal escape sequence"));
            }
            if value > 0x10ffff {
                return Err(error(start, "hexadecimal codepoint is too big"));
            }
            return Ok(value);
        }
        self.hex(2)
            .ok_or_else(|| error(start, "illegal hexadecimal escape sequence"))
    }

    /// After `\u`: four digits, or two `\uHHHH` escapes forming a surrogate
    /// pair, which Java reads as the one code point they encode.
    fn unicode_escape(&mut self, start: usize) -> Result<u32, PatternError> {
        let Some(unit) = self.hex(4) else {
            return Err(error(start, "illegal Unicode escape sequence"));
        };
        if (0xd800..0xdc00).contains(&unit) {
            let save = self.pos;
            if self.eat('\\') && self.eat('u') {
                if let Some(low) = self.hex(4).filter(|low| (0xdc00..0xe000).contains(low)) {
                    return Ok(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
                }
            }
            self.pos = save;
        }
        Ok(unit)
    }

    /// After `\p` or `\P`: `{Name}` or a single letter (`\pL`).
    fn property(&mut self, start: usize, negated: bool) -> Result<Set, PatternError> {
        let mut name = String::new();
        if self.eat('{') {
            loop {
                match self.tok() {
                    Some(t) if !t.quoted && t.c == '}' => {
                        self.bump();
                        break;
                    }
                    Some(t) => {
                        name.push(t.c);
                        self.bump();
                    }
                    None => return Err(error(start, "unclosed character family")),
                }
            }
        } else if let Some(c) = self.peek() {
            name.push(c);
            self.bump();
        } else {
            return Err(error(start, "illegal character family: \\p must be followed by a name"));
        }
        let prop = class::property(&name, self.flags.icase).map_err(|message| error(start, message))?;
        let set = Set::Prop(prop);
        Ok(if negated { Set::Not(Box::new(set)) } else { set })
    }

    /// `[...]`, starting at the `[`: operands separated by `&&` are
    /// intersected, each operand is a union of ranges, escapes and nested
    /// classes, and a leading `^` complements the whole class.
    fn class(&mut self) -> Result<Set, PatternError> {
        let open = self.pos;
        if self.depth >= MAX_NESTING {
            return Err(error(open, "character classes are nested too deeply"));
        }
        self.depth += 1;
        let set = self.class_body(open);
        self.depth -= 1;
        set
    }

    fn class_body(&mut self, open: usize) -> Result<Set, PatternError> {
        self.bump();
        let negated = self.eat('^');
        let mut operands: Vec<Vec<Set>> = vec![Vec::new()];
        loop {
            let Some(tok) = self.tok() else {
                return Err(error(open, "unclosed character class"));
            };
            let current = operands.len() - 1;
            let nothing_yet = operands.iter().all(Vec::is_empty);
            if !tok.quoted {
                match tok.c {
                    // As in Java, `]` right after `[` or `[^` is a literal (`[]a]`).
                    ']' if !nothing_yet => {
                        self.bump();
                        break;
                    }
                    '[' => {
                        let nested = self.class()?;
                        if let Some(operand) = operands.get_mut(current) {
                            operand.push(nested);
                        }
                        continue;
                    }
                    '&' if self.peek_at(1) == Some('&') => {
                        if self.peek_at(2) == Some('&') {
                            // Java reads `[a&&&b]` as matching a, b and `&` alike; refuse rather than guess.
                            return Err(error(self.pos, "'&&&' in a character class is not supported"));
                        }
                        self.bump();
                        self.bump();
                        operands.push(Vec::new());
                        continue;
                    }
                    _ => {}
                }
            }
            let member = self.class_range(open)?;
            if let Some(operand) = operands.get_mut(current) {
                operand.push(member);
            }
        }
        // Java ignores an empty side of `&&` (`[&&a]` is `[a]`, `[a&&]` is `[a]`), except that a trailing
        // `&&` intersects with the last member alone (`[\sa-c&&]` is `[a-c]`); refuse that rather than copy it.
        if operands.len() > 1 && operands.last().is_some_and(Vec::is_empty) {
            let before: usize = operands.iter().map(Vec::len).sum();
            if before > 1 {
                return Err(error(open, "a class ending in '&&' is not supported"));
            }
        }
        let mut operands: Vec<Set> = operands
            .into_iter()
            .filter_map(|mut o| match o.len() {
                0 => None,
                1 => o.pop(),
                _ => Some(Set::Union(o)),
            })
            .collect();
        let set = match operands.len() {
            0 => return Err(error(open, "bad class syntax")),
            1 => match operands.pop() {
                Some(set) => set,
                None => return Err(error(open, "bad class syntax")),
            },
            _ => Set::And(operands),
        };
        Ok(if negated { Set::Not(Box::new(set)) } else { set })
    }

    /// A single character, a range or an escape inside a class.
    fn class_range(&mut self, open: usize) -> Result<Set, PatternError> {
        let first_offset = self.pos;
        let lo = match self.class_atom(open)? {
            Escape::Set(set) => return Ok(set),
            Escape::Char(cp) => cp,
        };
        // `-` makes a range unless it comes last or before a nested class.
        let is_range = self.peek() == Some('-') && !matches!(self.tok_after_dash(), None | Some(']') | Some('['));
        if !is_range {
            return Ok(self.range_set(lo, lo));
        }
        self.bump();
        let hi = match self.class_atom(open)? {
            Escape::Char(cp) => cp,
            Escape::Set(_) => return Err(error(first_offset, "illegal character range")),
        };
        if hi < lo {
            return Err(error(first_offset, "illegal character range"));
        }
        Ok(self.range_set(lo, hi))
    }

    /// The unquoted character after the `-` at the current position (a
    /// quoted one is a literal and counts as a range end, shown as `a`).
    fn tok_after_dash(&mut self) -> Option<char> {
        self.skip_markers();
        let mut i = self.pos + 1;
        loop {
            match self.src.get(i) {
                None => return None,
                Some(None) => i += 1,
                Some(Some(t)) => return Some(if t.quoted { 'a' } else { t.c }),
            }
        }
    }

    fn range_set(&self, lo: u32, hi: u32) -> Set {
        Set::Range {
            lo,
            hi,
            icase: self.flags.icase,
        }
    }

    fn class_atom(&mut self, open: usize) -> Result<Escape, PatternError> {
        let start = self.pos;
        let Some(tok) = self.tok() else {
            return Err(error(open, "unclosed character class"));
        };
        if !tok.quoted && tok.c == '\\' && self.peek_at(1) == Some('v') && self.peek_at(2) == Some('-') {
            // Java reads `\v` right before a `-` in a class as U+000B (its meaning before Java 8), not as
            // vertical whitespace: `[\v-x]` is the range U+000B to `x`.
            self.bump();
            self.bump();
            return Ok(Escape::Char(0x0b));
        }
        self.bump();
        if tok.c == '\\' && !tok.quoted {
            self.escape(start, true)
        } else {
            Ok(Escape::Char(u32::from(tok.c)))
        }
    }

    fn quantifier(&mut self) -> Result<Option<Quantifier>, PatternError> {
        let offset = self.pos;
        let (min, max) = match self.peek() {
            Some('*') => {
                self.bump();
                (0, UNBOUNDED)
            }
            Some('+') => {
                self.bump();
                (1, UNBOUNDED)
            }
            Some('?') => {
                self.bump();
                (0, 1)
            }
            Some('{') => {
                self.bump();
                self.braces(offset)?
            }
            _ => return Ok(None),
        };
        let (greedy, possessive) = if self.eat('?') {
            (false, false)
        } else if self.eat('+') {
            (true, true)
        } else {
            (true, false)
        };
        Ok(Some(Quantifier {
            min,
            max,
            greedy,
            possessive,
        }))
    }

    /// `n}`, `n,}` or `n,m}` after a `{`, which Java requires.
    fn braces(&mut self, offset: usize) -> Result<(usize, usize), PatternError> {
        let min = self.number(offset)?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                UNBOUNDED
            } else {
                self.number(offset)?
            }
        } else {
            min
        };
        if !self.eat('}') {
            return Err(error(offset, "illegal repetition"));
        }
        if min > max {
            return Err(error(offset, "illegal repetition range"));
        }
        Ok((min, max))
    }

    /// Decimal digits (at least one); Java refuses counts above `i32::MAX`.
    fn number(&mut self, offset: usize) -> Result<usize, PatternError> {
        let mut value: Option<u64> = None;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            let next = value.unwrap_or(0).saturating_mul(10).saturating_add(u64::from(digit));
            if next > i32::MAX as u64 {
                return Err(error(offset, "illegal repetition range"));
            }
            value = Some(next);
            self.bump();
        }
        let value = value.ok_or_else(|| error(offset, "illegal repetition"))?;
        usize::try_from(value).map_err(|_| error(offset, "illegal repetition range"))
    }
}
