//! The JMESPath subset waiters use (<https://jmespath.org/specification.html>):
//! identifiers (bare and quoted), sub-expressions, indexes (negative too),
//! list and object projections (`a[].b`, `a[*].b`, `a.*.b`), filter
//! projections (`a[?b == 'x']`), pipes, comparisons, `&&`, `||`, `!`,
//! parentheses, `@`, raw string and JSON literals, multi-select lists
//! after a dot (`a.[b, c]`), and the functions `length`, `contains` and
//! `keys` (for `@operationContextParams`). Slices, multi-select hashes,
//! multi-select lists elsewhere and the other functions
//! are refused with an error naming them, as is any expression longer or
//! deeper than the limits below: parsing never panics.
//!
//! The parser is a Pratt parser with the binding powers of the JMESPath
//! grammar, so that a projection applies to everything to its right up to
//! a comparison, `&&`, `||` or `|`, as the specification says.

use serde_json::Value;

/// The longest expression accepted, in bytes (AWS waiter paths are a few
/// dozen).
const MAX_LEN: usize = 1024;
/// The deepest syntax tree accepted: nesting (parentheses, brackets,
/// function calls, `!`) and chaining (`a.b`, `a || b`) both add a level,
/// so that evaluating and dropping the tree recurse at most this deep.
const MAX_DEPTH: usize = 64;

/// A parsed JMESPath expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    pub(super) node: Node,
}

impl Expression {
    /// Parses `text`.
    pub fn parse(text: &str) -> Result<Expression, ParseError> {
        if text.len() > MAX_LEN {
            return Err(ParseError::new(0, format!("longer than {MAX_LEN} bytes")));
        }
        let tokens = lex(text)?;
        let mut parser = Parser {
            tokens,
            pos: 0,
            depth: 0,
        };
        let node = parser.expression(0)?;
        match parser.peek() {
            Token::Eof => Ok(Expression { node }),
            token => Err(parser.error(format!("unexpected {}", token.describe()))),
        }
    }

    /// Evaluates the expression over `value`.
    pub fn search(&self, value: &Value) -> Result<Value, EvalError> {
        super::eval::eval(&self.node, value)
    }
}

/// An expression that cannot be parsed, or uses what this subset leaves
/// out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    offset: usize,
    message: String,
}

impl ParseError {
    fn new(offset: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            offset,
            message: message.into(),
        }
    }

    /// The byte offset in the expression where the problem is.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JMESPath error at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ParseError {}

/// A function applied to arguments of the wrong type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub(super) message: String,
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JMESPath evaluation error: {}", self.message)
    }
}

impl std::error::Error for EvalError {}

/// The syntax tree. Every node is evaluated against a "current" value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    /// `@`: the current value.
    Current,
    /// A member of the current object.
    Field(String),
    /// A constant.
    Literal(Value),
    /// Item `n` of the current array, from the end when negative.
    Index(i64),
    /// `left` then `right` over its result (`a.b`, `a[0]`, and `a | b`,
    /// which differ only in where projections stop, decided when parsing).
    Then(Box<Node>, Box<Node>),
    /// The items of the array `left` gives, each through `right`; nulls are
    /// left out.
    ListProjection(Box<Node>, Box<Node>),
    /// The same over the values of an object (`*`).
    ObjectProjection(Box<Node>, Box<Node>),
    /// The array `left` gives, its nested arrays merged one level.
    Flatten(Box<Node>),
    /// The items of the array `left` gives for which `condition` is truthy,
    /// each through `right`.
    Filter {
        left: Box<Node>,
        condition: Box<Node>,
        right: Box<Node>,
    },
    Compare(Comparison, Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Not(Box<Node>),
    Function(Function, Vec<Node>),
    /// `.[a, b]`: a list of what each expression gives (null over null).
    MultiSelectList(Vec<Node>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Comparison {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Function {
    Length,
    Contains,
    Keys,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Identifier(String),
    Quoted(String),
    RawString(String),
    Literal(Value),
    Number(i64),
    Dot,
    Star,
    Flatten,
    LBracket,
    RBracket,
    Filter,
    LParen,
    RParen,
    Comma,
    Pipe,
    Or,
    And,
    Not,
    At,
    Compare(Comparison),
    /// What this subset leaves out: `{`, `&`, `:`...
    Unsupported(&'static str),
    Eof,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Identifier(name) | Token::Quoted(name) => format!("identifier `{name}`"),
            Token::RawString(_) | Token::Literal(_) => "literal".to_owned(),
            Token::Number(n) => format!("number {n}"),
            Token::Eof => "end of expression".to_owned(),
            Token::Unsupported(what) => format!("{what}, which is not supported"),
            other => format!("`{}`", other.symbol()),
        }
    }

    fn symbol(&self) -> &'static str {
        match self {
            Token::Dot => ".",
            Token::Star => "*",
            Token::Flatten => "[]",
            Token::LBracket => "[",
            Token::RBracket => "]",
            Token::Filter => "[?",
            Token::LParen => "(",
            Token::RParen => ")",
            Token::Comma => ",",
            Token::Pipe => "|",
            Token::Or => "||",
            Token::And => "&&",
            Token::Not => "!",
            Token::At => "@",
            Token::Compare(_) => "comparator",
            _ => "token",
        }
    }

    /// How strongly the token binds to what is on its left.
    fn binding_power(&self) -> u8 {
        match self {
            Token::Pipe => 1,
            Token::Or => 2,
            Token::And => 3,
            Token::Compare(_) => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::LBracket => 55,
            Token::LParen => 60,
            _ => 0,
        }
    }
}

/// Binding powers below this end a projection's right-hand side.
const PROJECTION_STOP: u8 = 10;

/// Cuts the expression into tokens, each with its byte offset.
fn lex(text: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let mut next_is = |expected: char| chars.next_if(|&(_, c)| c == expected).is_some();
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => continue,
            '.' => Token::Dot,
            '*' => Token::Star,
            ']' => Token::RBracket,
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            '@' => Token::At,
            '[' if next_is(']') => Token::Flatten,
            '[' if next_is('?') => Token::Filter,
            '[' => Token::LBracket,
            '|' if next_is('|') => Token::Or,
            '|' => Token::Pipe,
            '&' if next_is('&') => Token::And,
            '&' => Token::Unsupported("an expression reference (`&`)"),
            '!' if next_is('=') => Token::Compare(Comparison::Ne),
            '!' => Token::Not,
            '=' if next_is('=') => Token::Compare(Comparison::Eq),
            '<' if next_is('=') => Token::Compare(Comparison::Le),
            '<' => Token::Compare(Comparison::Lt),
            '>' if next_is('=') => Token::Compare(Comparison::Ge),
            '>' => Token::Compare(Comparison::Gt),
            '{' | '}' => Token::Unsupported("a multi-select hash (`{}`)"),
            ':' => Token::Unsupported("a slice (`:`)"),
            '\'' => Token::RawString(delimited(&mut chars, at, '\'')?.replace("\\'", "'")),
            '`' => {
                let json = delimited(&mut chars, at, '`')?.replace("\\`", "`");
                let value = serde_json::from_str(&json)
                    .map_err(|e| ParseError::new(at, format!("the literal `{json}` is not JSON: {e}")))?;
                Token::Literal(value)
            }
            '"' => {
                let raw = delimited(&mut chars, at, '"')?;
                let name: String = serde_json::from_str(&format!("\"{raw}\""))
                    .map_err(|e| ParseError::new(at, format!("bad quoted identifier: {e}")))?;
                Token::Quoted(name)
            }
            '-' | '0'..='9' => {
                let mut digits = String::from(c);
                while let Some((_, d)) = chars.next_if(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                }
                let n = digits
                    .parse()
                    .map_err(|_| ParseError::new(at, format!("`{digits}` is not a usable number")))?;
                Token::Number(n)
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::from(c);
                while let Some((_, d)) = chars.next_if(|(_, d)| d.is_ascii_alphanumeric() || *d == '_') {
                    name.push(d);
                }
                Token::Identifier(name)
            }
            '=' => return Err(ParseError::new(at, "`=` is not an operator; use `==`")),
            other => return Err(ParseError::new(at, format!("unexpected character `{other}`"))),
        };
        tokens.push((at, token));
    }
    tokens.push((text.len(), Token::Eof));
    Ok(tokens)
}

/// The text up to the closing `end`, skipping backslash escapes (left in).
fn delimited(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    start: usize,
    end: char,
) -> Result<String, ParseError> {
    let mut text = String::new();
    while let Some((_, c)) = chars.next() {
        if c == end {
            return Ok(text);
        }
        text.push(c);
        if c == '\\' {
            if let Some((_, escaped)) = chars.next() {
                text.push(escaped);
            }
        }
    }
    Err(ParseError::new(start, format!("unclosed `{end}`")))
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens.get(self.pos).map_or(&Token::Eof, |(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(0, |(at, _)| *at)
    }

    fn next(&mut self) -> Token {
        let token = self.peek().clone();
        self.pos = self.pos.saturating_add(1);
        token
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.offset(), message)
    }

    fn expect(&mut self, expected: &Token) -> Result<(), ParseError> {
        if self.peek() == expected {
            self.next();
            Ok(())
        } else {
            Err(self.error(format!(
                "expected `{}`, found {}",
                expected.symbol(),
                self.peek().describe()
            )))
        }
    }

    /// Runs `f` one nesting level deeper, refusing to go past the limit.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Parser) -> Result<T, ParseError>) -> Result<T, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn expression(&mut self, rbp: u8) -> Result<Node, ParseError> {
        self.nested(|p| {
            let left = p.prefix()?;
            p.chain(left, rbp)
        })
    }

    /// Applies the infix tokens after `left` that bind tighter than `rbp`;
    /// each makes the tree one level deeper, and counts as one.
    fn chain(&mut self, mut left: Node, rbp: u8) -> Result<Node, ParseError> {
        let depth = self.depth;
        while rbp < self.peek().binding_power() {
            if self.depth >= MAX_DEPTH {
                return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
            }
            self.depth += 1;
            left = self.infix(left)?;
        }
        self.depth = depth;
        Ok(left)
    }

    /// What a token means at the start of an expression.
    fn prefix(&mut self) -> Result<Node, ParseError> {
        let at = self.offset();
        match self.next() {
            Token::Identifier(name) if *self.peek() == Token::LParen => self.function(at, &name),
            Token::Identifier(name) | Token::Quoted(name) => Ok(Node::Field(name)),
            Token::RawString(s) => Ok(Node::Literal(Value::String(s))),
            Token::Literal(v) => Ok(Node::Literal(v)),
            Token::At => Ok(Node::Current),
            Token::Star => {
                let right = self.projection_rhs(Token::Star.binding_power())?;
                Ok(Node::ObjectProjection(Box::new(Node::Current), Box::new(right)))
            }
            Token::Flatten => {
                let right = self.projection_rhs(Token::Flatten.binding_power())?;
                Ok(Node::ListProjection(
                    Box::new(Node::Flatten(Box::new(Node::Current))),
                    Box::new(right),
                ))
            }
            Token::Filter => self.filter(Node::Current),
            Token::LBracket => self.bracket(Node::Current),
            Token::Not => {
                let operand = self.expression(Token::Not.binding_power())?;
                Ok(Node::Not(Box::new(operand)))
            }
            Token::LParen => {
                let inner = self.expression(0)?;
                self.expect(&Token::RParen)?;
                Ok(inner)
            }
            token => Err(ParseError::new(
                at,
                format!("expected an expression, found {}", token.describe()),
            )),
        }
    }

    /// What a token means after an expression.
    fn infix(&mut self, left: Node) -> Result<Node, ParseError> {
        let token = self.next();
        let bp = token.binding_power();
        let left = Box::new(left);
        match token {
            Token::Dot => {
                if *self.peek() == Token::Star {
                    self.next();
                    let right = self.projection_rhs(Token::Star.binding_power())?;
                    return Ok(Node::ObjectProjection(left, Box::new(right)));
                }
                let right = self.dot_rhs()?;
                Ok(Node::Then(left, Box::new(right)))
            }
            Token::LBracket => self.bracket(*left),
            Token::Flatten => {
                let right = self.projection_rhs(bp)?;
                Ok(Node::ListProjection(Box::new(Node::Flatten(left)), Box::new(right)))
            }
            Token::Filter => self.filter(*left),
            Token::Pipe => Ok(Node::Then(left, Box::new(self.expression(bp)?))),
            Token::Or => Ok(Node::Or(left, Box::new(self.expression(bp)?))),
            Token::And => Ok(Node::And(left, Box::new(self.expression(bp)?))),
            Token::Compare(op) => Ok(Node::Compare(op, left, Box::new(self.expression(bp)?))),
            Token::LParen => Err(self.error("only a function name can be called")),
            token => Err(self.error(format!("unexpected {}", token.describe()))),
        }
    }

    /// After `.`: an identifier or a function call (`*` is handled before).
    fn dot_rhs(&mut self) -> Result<Node, ParseError> {
        let at = self.offset();
        match self.next() {
            Token::Identifier(name) if *self.peek() == Token::LParen => self.function(at, &name),
            Token::Identifier(name) | Token::Quoted(name) => Ok(Node::Field(name)),
            Token::LBracket => {
                // A multi-select list (`.[a, b]`), which
                // `@operationContextParams` paths use.
                let mut items = vec![self.expression(0)?];
                while *self.peek() == Token::Comma {
                    self.next();
                    items.push(self.expression(0)?);
                }
                self.expect(&Token::RBracket)?;
                Ok(Node::MultiSelectList(items))
            }
            token => Err(ParseError::new(
                at,
                format!("expected an identifier after `.`, found {}", token.describe()),
            )),
        }
    }

    /// After `[`: an index, `*]` (a projection), or what is not supported.
    fn bracket(&mut self, left: Node) -> Result<Node, ParseError> {
        match self.next() {
            Token::Number(n) => {
                self.expect(&Token::RBracket)?;
                Ok(Node::Then(Box::new(left), Box::new(Node::Index(n))))
            }
            Token::Star => {
                self.expect(&Token::RBracket)?;
                let right = self.projection_rhs(Token::Star.binding_power())?;
                Ok(Node::ListProjection(Box::new(left), Box::new(right)))
            }
            Token::Unsupported(what) => Err(self.error(format!("{what} is not supported"))),
            _ => Err(self.error("a multi-select list or slice is not supported")),
        }
    }

    /// After `[?`: the condition, `]`, and the projection's right-hand side.
    fn filter(&mut self, left: Node) -> Result<Node, ParseError> {
        let condition = self.expression(0)?;
        self.expect(&Token::RBracket)?;
        let right = self.projection_rhs(Token::Filter.binding_power())?;
        Ok(Node::Filter {
            left: Box::new(left),
            condition: Box::new(condition),
            right: Box::new(right),
        })
    }

    /// What a projection applies to each item: the expressions to its right
    /// that bind tighter than a projection stop.
    fn projection_rhs(&mut self, bp: u8) -> Result<Node, ParseError> {
        if self.peek().binding_power() < PROJECTION_STOP {
            return Ok(Node::Current);
        }
        match self.peek() {
            Token::LBracket | Token::Filter | Token::Flatten => self.expression(bp),
            Token::Dot => {
                self.next();
                if *self.peek() == Token::Star {
                    self.next();
                    let right = self.projection_rhs(Token::Star.binding_power())?;
                    let node = Node::ObjectProjection(Box::new(Node::Current), Box::new(right));
                    return self.continue_from(node, bp);
                }
                let node = self.dot_rhs()?;
                self.continue_from(node, bp)
            }
            token => Err(self.error(format!("unexpected {} after a projection", token.describe()))),
        }
    }

    /// Goes on parsing infix tokens after `left` while they bind tighter
    /// than `rbp`.
    fn continue_from(&mut self, left: Node, rbp: u8) -> Result<Node, ParseError> {
        self.nested(|p| p.chain(left, rbp))
    }

    /// `name(arg, ...)`, the `(` next.
    fn function(&mut self, at: usize, name: &str) -> Result<Node, ParseError> {
        let (function, arity) = match name {
            "length" => (Function::Length, 1),
            "contains" => (Function::Contains, 2),
            // The one function `@operationContextParams` paths may call.
            "keys" => (Function::Keys, 1),
            other => return Err(ParseError::new(at, format!("the function `{other}` is not supported"))),
        };
        self.expect(&Token::LParen)?;
        let mut args = Vec::new();
        if *self.peek() != Token::RParen {
            loop {
                args.push(self.expression(0)?);
                if *self.peek() == Token::Comma {
                    self.next();
                } else {
                    break;
                }
            }
        }
        self.expect(&Token::RParen)?;
        if args.len() != arity {
            return Err(ParseError::new(
                at,
                format!("`{name}` takes {arity} argument(s), not {}", args.len()),
            ));
        }
        Ok(Node::Function(function, args))
    }
}
