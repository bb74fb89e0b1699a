//! Conversion of Smithy `@documentation` HTML into rustdoc Markdown.
//!
//! The HTML in AWS models is loose: `<p>` and `<li>` are often left open,
//! `<code>` may contain literal placeholders such as `<instance-id>`, and
//! plain text may contain `<`, `[` or URLs. The conversion therefore runs in
//! three stages:
//!
//! 1. a forgiving tokenizer that treats anything that is not a well-formed tag
//!    as text,
//! 2. a tree builder that applies the implied end-tag rules of HTML (an open
//!    `<p>` ends at the next block, an open `<li>` at the next `<li>`), and
//! 3. a renderer that emits Markdown and escapes everything rustdoc would
//!    otherwise interpret (intra-doc links, HTML tags, emphasis, list
//!    markers, indented code blocks).

/// Converts a Smithy `@documentation` HTML string to rustdoc Markdown.
///
/// The result has its lines separated by `'\n'`, no trailing whitespace on
/// any line, no leading, trailing or repeated blank lines, and no trailing
/// newline. Code blocks are fenced as `text` so rustdoc never compiles them
/// as doc tests. The conversion never fails: malformed markup degrades to
/// escaped text.
#[must_use]
pub fn html_to_markdown(html: &str) -> String {
    let root = parse(html);
    let blocks = render_blocks(&root.children);
    escape_invisible(&finish(&join_blocks(blocks, false)))
}

/// Writes control characters (but line feeds and tabs) and the Unicode
/// bidirectional controls as visible `\u{...}` text: rustc refuses bidi
/// controls in doc comments (they can make code read differently from how
/// it compiles), a lone carriage return ends a doc comment badly, and none
/// of them means anything in rendered documentation.
pub fn escape_invisible(text: &str) -> String {
    let invisible = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(invisible) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if invisible(c) {
                format!("\\u{{{:04X}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

/// Entities longer than this are not looked for, which keeps stray `&`
/// characters from making decoding quadratic.
const MAX_ENTITY_LEN: usize = 32;

/// A syntactically well-formed tag; whether it is really markup is decided
/// by the tree builder, which knows the element names and the context.
struct RawTag<'a> {
    /// Element name, lower-cased.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Decoded value of the `href` attribute.
    href: Option<String>,
    /// The tag as written, for tags that turn out to be literal text.
    source: &'a str,
}

enum Token<'a> {
    /// Raw text, entities not yet decoded.
    Text(&'a str),
    Tag(RawTag<'a>),
}

struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    fn new(input: &'a str) -> Self {
        Self { input, pos: 0 }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.input.get(self.pos..).filter(|rest| !rest.is_empty())?;
            if rest.starts_with('<') {
                if let Some(len) = declaration_len(rest) {
                    self.pos += len;
                    continue;
                }
                if let Some((tag, len)) = parse_tag(rest) {
                    self.pos += len;
                    return Some(Token::Tag(tag));
                }
            }
            // A `<` that did not parse as markup is text, so the search for
            // the next tag starts after it.
            let from = usize::from(rest.starts_with('<'));
            let len = rest[from..].find('<').map_or(rest.len(), |i| i + from);
            self.pos += len;
            return Some(Token::Text(&rest[..len]));
        }
    }
}

/// Length of a comment, `<!DOCTYPE ...>` or `<?...?>` at the start of `s`.
/// Unterminated ones are left to be shown as text rather than swallowing the
/// rest of the documentation.
fn declaration_len(s: &str) -> Option<usize> {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map(|end| end + "<!--".len() + "-->".len());
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        return s.find('>').map(|end| end + 1);
    }
    None
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

/// Parses the tag at the start of `s` (which starts with `<`), returning it
/// and its length in bytes.
fn parse_tag(s: &str) -> Option<(RawTag<'_>, usize)> {
    let closing = s[1..].starts_with('/');
    let name_start = 1 + usize::from(closing);
    let after_slash = &s[name_start..];
    if !after_slash.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = after_slash
        .find(|c: char| !is_name_char(c))
        .unwrap_or(after_slash.len());
    let mut pos = name_start + name_len;
    let mut href = None;
    loop {
        let rest = &s[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        let end = if trimmed.starts_with('>') {
            Some((false, 1))
        } else if trimmed.starts_with("/>") {
            Some((true, 2))
        } else {
            None
        };
        if let Some((self_closing, delimiter_len)) = end {
            let len = pos + delimiter_len;
            let tag = RawTag {
                name: after_slash[..name_len].to_ascii_lowercase(),
                closing,
                self_closing,
                href,
                source: &s[..len],
            };
            return Some((tag, len));
        }
        let (name, value, len) = parse_attribute(trimmed)?;
        if name.eq_ignore_ascii_case("href") {
            href = Some(decode_entities(value));
        }
        pos += len;
    }
}

/// Parses `name`, `name=value`, `name="value"` or `name='value'` at the start
/// of `s`, returning the name, the raw value and the length consumed.
fn parse_attribute(s: &str) -> Option<(&str, &str, usize)> {
    let name_len = s
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '/' | '='))
        .unwrap_or(s.len());
    if name_len == 0 {
        return None;
    }
    let name = &s[..name_len];
    let Some(after_equals) = s[name_len..].trim_start().strip_prefix('=') else {
        return Some((name, "", name_len));
    };
    let value = after_equals.trim_start();
    let value_start = s.len() - value.len();
    if let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let inner = &value[1..];
        let close = inner.find(quote)?;
        return Some((name, &inner[..close], value_start + close + 2));
    }
    let len = value
        .find(|c: char| c.is_whitespace() || c == '>')
        .unwrap_or(value.len());
    (len > 0).then(|| (name, &value[..len], value_start + len))
}

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

/// Replaces character references; unknown or malformed ones stay as text.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        if let Some((c, len)) = decode_entity(rest) {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `s` (which starts with `&`),
/// returning the character and the reference's length.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let semicolon = s.bytes().take(MAX_ENTITY_LEN).position(|b| b == b';')?;
    let body = &s[1..semicolon];
    let c = match body.strip_prefix('#') {
        Some(number) => decode_numeric(number)?,
        None => named_entity(body)?,
    };
    Some((c, semicolon + 1))
}

fn decode_numeric(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    // `from_str_radix` would accept a leading `+`, which HTML does not.
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = u32::from_str_radix(digits, radix).ok()?;
    Some(
        char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    )
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // Non-breaking and typographic spaces only matter for HTML layout;
        // in Markdown a plain space keeps whitespace handling uniform.
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "laquo" => '\u{AB}',
        "raquo" => '\u{BB}',
        "bull" => '\u{2022}',
        "middot" => '\u{B7}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "deg" => '\u{B0}',
        "plusmn" => '\u{B1}',
        "times" => '\u{D7}',
        "divide" => '\u{F7}',
        "minus" => '\u{2212}',
        "le" => '\u{2264}',
        "ge" => '\u{2265}',
        "ne" => '\u{2260}',
        "infin" => '\u{221E}',
        "larr" => '\u{2190}',
        "rarr" => '\u{2192}',
        "uarr" => '\u{2191}',
        "darr" => '\u{2193}',
        "harr" => '\u{2194}',
        "rArr" => '\u{21D2}',
        "sect" => '\u{A7}',
        "para" => '\u{B6}',
        "euro" => '\u{20AC}',
        "pound" => '\u{A3}',
        "yen" => '\u{A5}',
        "cent" => '\u{A2}',
        "micro" => '\u{B5}',
        "shy" => '\u{AD}',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Tree
// ---------------------------------------------------------------------------

/// The elements the renderer distinguishes; many HTML names map to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Root,
    Paragraph,
    BulletList,
    OrderedList,
    Item,
    Term,
    Definition,
    Pre,
    Code,
    Link,
    Bold,
    Italic,
    Break,
    Heading,
    /// `<note>`, `<important>`, ... rendered as a paragraph with a label.
    Admonition(&'static str),
    /// A block container without formatting of its own, such as `<div>`.
    Block,
    /// A known element that is dropped while its text is kept.
    Ignored,
}

impl Tag {
    /// Elements that structure a document; they end open paragraphs and
    /// stop end tags of inline elements from closing across them.
    fn is_structural(self) -> bool {
        matches!(
            self,
            Tag::BulletList
                | Tag::OrderedList
                | Tag::Item
                | Tag::Term
                | Tag::Definition
                | Tag::Pre
                | Tag::Heading
                | Tag::Admonition(_)
                | Tag::Block
        )
    }

    fn is_block(self) -> bool {
        self == Tag::Paragraph || self.is_structural()
    }

    /// Whether an open `self` hides open elements below it from an end tag
    /// (explicit or implied) for `closing`, like HTML's element scopes.
    fn is_barrier_for(self, closing: Tag) -> bool {
        match closing {
            Tag::Item => matches!(self, Tag::BulletList | Tag::OrderedList),
            Tag::Term | Tag::Definition => self == Tag::Block,
            Tag::Paragraph | Tag::Code | Tag::Link | Tag::Bold | Tag::Italic => self.is_structural(),
            _ => false,
        }
    }
}

/// Maps an element name to its tag; `None` for names this module does not
/// know.
fn tag_for(name: &str) -> Option<Tag> {
    Some(match name {
        "p" => Tag::Paragraph,
        "ul" => Tag::BulletList,
        "ol" => Tag::OrderedList,
        "li" => Tag::Item,
        "dt" => Tag::Term,
        "dd" => Tag::Definition,
        "pre" => Tag::Pre,
        "code" | "tt" | "kbd" | "samp" => Tag::Code,
        "a" => Tag::Link,
        "b" | "strong" => Tag::Bold,
        "i" | "em" | "var" | "cite" | "dfn" => Tag::Italic,
        "br" => Tag::Break,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
        "note" => Tag::Admonition("Note"),
        "important" => Tag::Admonition("Important"),
        "warning" => Tag::Admonition("Warning"),
        "div" | "dl" | "section" | "article" | "aside" | "nav" | "main" | "header" | "footer" | "blockquote"
        | "figure" | "figcaption" | "details" | "summary" | "center" | "address" | "fullname" | "title"
        | "examples" | "example" | "html" | "body" | "table" | "caption" | "thead" | "tbody" | "tfoot" | "tr"
        | "td" | "th" | "hr" => Tag::Block,
        "span" | "u" | "ins" | "del" | "s" | "strike" | "sup" | "sub" | "small" | "big" | "font" | "abbr"
        | "acronym" | "q" | "label" | "mark" | "img" | "wbr" | "meta" | "link" | "head" | "nobr" | "col"
        | "colgroup" | "input" | "area" | "base" => Tag::Ignored,
        _ => return None,
    })
}

/// Elements that never have content, so they are never left open.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr" | "img" | "wbr" | "meta" | "link" | "col" | "input" | "area" | "base"
    )
}

enum Node {
    /// Decoded text.
    Text(String),
    Element(Element),
}

struct Element {
    tag: Tag,
    href: Option<String>,
    children: Vec<Node>,
}

impl Element {
    fn new(tag: Tag, href: Option<String>) -> Self {
        Self {
            tag,
            href,
            children: Vec::new(),
        }
    }
}

fn parse(html: &str) -> Element {
    let mut tree = TreeBuilder::new();
    for token in Tokenizer::new(html) {
        match token {
            Token::Text(text) => tree.text(&decode_entities(text)),
            Token::Tag(tag) => tree.tag(tag),
        }
    }
    tree.finish()
}

struct TreeBuilder {
    root: Element,
    /// Open elements, innermost last.
    open: Vec<Element>,
}

impl TreeBuilder {
    fn new() -> Self {
        Self {
            root: Element::new(Tag::Root, None),
            open: Vec::new(),
        }
    }

    fn current(&mut self) -> &mut Element {
        self.open.last_mut().unwrap_or(&mut self.root)
    }

    fn text(&mut self, text: &str) {
        let children = &mut self.current().children;
        if let Some(Node::Text(last)) = children.last_mut() {
            last.push_str(text);
        } else {
            children.push(Node::Text(text.to_owned()));
        }
    }

    fn append(&mut self, element: Element) {
        self.current().children.push(Node::Element(element));
    }

    fn tag(&mut self, raw: RawTag<'_>) {
        let Some(tag) = tag_for(&raw.name) else {
            self.unknown(&raw);
            return;
        };
        let void = is_void(&raw.name);
        if tag == Tag::Ignored || (raw.closing && void) {
            return;
        }
        if raw.closing {
            self.close(tag);
            return;
        }
        self.close_implied(tag);
        let element = Element::new(tag, raw.href);
        if void || raw.self_closing {
            self.append(element);
        } else {
            self.open.push(element);
        }
    }

    /// Unknown tags are dropped, except inside code, where they are
    /// placeholders such as `<tag name>`, and names that no HTML element
    /// has, such as `<instance-id>`.
    fn unknown(&mut self, raw: &RawTag<'_>) {
        let in_code = self.open.iter().any(|e| matches!(e.tag, Tag::Code | Tag::Pre));
        if in_code || !raw.name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.text(&decode_entities(raw.source));
        }
    }

    /// Applies HTML's implied end tags before `tag` is opened.
    fn close_implied(&mut self, tag: Tag) {
        if tag.is_block() {
            self.close(Tag::Paragraph);
        }
        match tag {
            Tag::Item => self.close(Tag::Item),
            Tag::Term | Tag::Definition => {
                self.close_where(|t| matches!(t, Tag::Term | Tag::Definition), |t| t == Tag::Block);
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag) {
        self.close_where(|t| t == tag, |t| t.is_barrier_for(tag));
    }

    /// Closes the innermost open element matching `target` (and everything
    /// inside it), unless a `barrier` element is found first. End tags with
    /// nothing to close are ignored, as browsers do.
    fn close_where(&mut self, target: impl Fn(Tag) -> bool, barrier: impl Fn(Tag) -> bool) {
        for (depth, element) in self.open.iter().enumerate().rev() {
            if target(element.tag) {
                self.pop_to(depth);
                return;
            }
            if barrier(element.tag) {
                return;
            }
        }
    }

    /// Closes open elements until only `depth` remain.
    fn pop_to(&mut self, depth: usize) {
        while self.open.len() > depth {
            let Some(element) = self.open.pop() else {
                break;
            };
            self.append(element);
        }
    }

    fn finish(mut self) -> Element {
        self.pop_to(0);
        self.root
    }
}

// ---------------------------------------------------------------------------
// Block rendering
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    List,
    Code,
}

/// A rendered block: its lines, without separating blank lines.
struct Block {
    kind: BlockKind,
    lines: Vec<String>,
}

/// Renders a sequence of nodes, grouping runs of inline content into
/// paragraphs.
fn render_blocks<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut inline: Vec<&Node> = Vec::new();
    // `<li>` without a surrounding list still renders as one list.
    let mut stray_items: Vec<Vec<&Node>> = Vec::new();
    for node in nodes {
        match node {
            Node::Element(e) if e.tag == Tag::Item => {
                flush_inline(&mut inline, &mut blocks);
                stray_items.push(e.children.iter().collect());
            }
            Node::Text(text) if !stray_items.is_empty() && text.trim().is_empty() => {}
            Node::Element(e) if e.tag.is_block() => {
                flush_items(&mut stray_items, &mut blocks);
                flush_inline(&mut inline, &mut blocks);
                blocks.extend(render_block(e));
            }
            _ => {
                flush_items(&mut stray_items, &mut blocks);
                inline.push(node);
            }
        }
    }
    flush_items(&mut stray_items, &mut blocks);
    flush_inline(&mut inline, &mut blocks);
    blocks
}

fn flush_inline(inline: &mut Vec<&Node>, blocks: &mut Vec<Block>) {
    if !inline.is_empty() {
        let mut writer = Inline::new();
        for node in inline.drain(..) {
            writer.node(node);
        }
        blocks.extend(paragraphs(&writer.out));
    }
}

fn flush_items(items: &mut Vec<Vec<&Node>>, blocks: &mut Vec<Block>) {
    if !items.is_empty() {
        blocks.extend(render_list(std::mem::take(items), false));
    }
}

fn render_block(element: &Element) -> Vec<Block> {
    match element.tag {
        Tag::BulletList | Tag::OrderedList => {
            render_list(list_items(&element.children), element.tag == Tag::OrderedList)
                .into_iter()
                .collect()
        }
        Tag::Item => render_list(vec![element.children.iter().collect()], false)
            .into_iter()
            .collect(),
        Tag::Pre => code_block(&element.children).into_iter().collect(),
        Tag::Admonition(label) => admonition(label, &element.children),
        Tag::Term | Tag::Heading => {
            let mut writer = Inline::new();
            writer.emphasis(&element.children, Delimiter::Bold);
            paragraphs(&writer.out)
        }
        _ => render_blocks(&element.children),
    }
}

/// Splits inline output into paragraphs: a single `<br>` becomes a hard line
/// break, several in a row end the paragraph.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = Vec::new();
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() {
            push_paragraph(&mut lines, &mut blocks);
        } else {
            lines.push(escape_line_start(line));
        }
    }
    push_paragraph(&mut lines, &mut blocks);
    blocks
}

fn push_paragraph(lines: &mut Vec<String>, blocks: &mut Vec<Block>) {
    if lines.is_empty() {
        return;
    }
    let mut lines = std::mem::take(lines);
    let last = lines.len() - 1;
    // A trailing backslash is a hard line break that, unlike two trailing
    // spaces, survives whitespace trimming.
    lines[..last].iter_mut().for_each(|line| line.push('\\'));
    blocks.push(Block {
        kind: BlockKind::Paragraph,
        lines,
    });
}

/// Groups the children of `<ul>`/`<ol>` into items. Content between items
/// (typically a `<p>` after a closed `<li>`) continues the previous item.
fn list_items(children: &[Node]) -> Vec<Vec<&Node>> {
    let mut items: Vec<Vec<&Node>> = Vec::new();
    for child in children {
        match child {
            Node::Element(e) if e.tag == Tag::Item => items.push(e.children.iter().collect()),
            Node::Text(text) if text.trim().is_empty() => {}
            _ => match items.last_mut() {
                Some(item) => item.push(child),
                None => items.push(vec![child]),
            },
        }
    }
    items
}

fn render_list(items: Vec<Vec<&Node>>, ordered: bool) -> Option<Block> {
    let items: Vec<Vec<Block>> = items
        .into_iter()
        .map(render_blocks)
        .filter(|blocks| !blocks.is_empty())
        .collect();
    if items.is_empty() {
        return None;
    }
    // Items of several paragraphs need blank lines, and CommonMark then
    // treats the whole list as loose; separating every item keeps it even.
    let loose = !items.iter().all(|blocks| is_tight(blocks));
    let mut lines = Vec::new();
    for (index, blocks) in items.into_iter().enumerate() {
        if loose && index > 0 {
            lines.push(String::new());
        }
        let marker = if ordered {
            format!("{}. ", index + 1)
        } else {
            "- ".to_owned()
        };
        // Continuation lines must be indented to the item's content column.
        let indent = " ".repeat(marker.len());
        for (i, line) in join_blocks(blocks, !loose).into_iter().enumerate() {
            lines.push(match i {
                0 => format!("{marker}{line}"),
                _ if line.is_empty() => line,
                _ => format!("{indent}{line}"),
            });
        }
    }
    Some(Block {
        kind: BlockKind::List,
        lines,
    })
}

/// An item fits a tight list if it is one block, or a paragraph followed by
/// a nested list (which may follow the paragraph without a blank line).
fn is_tight(blocks: &[Block]) -> bool {
    match blocks {
        [_] => true,
        [first, second] => first.kind == BlockKind::Paragraph && second.kind == BlockKind::List,
        _ => false,
    }
}

/// Joins blocks with blank lines; in tight lists a nested list directly
/// follows its paragraph.
fn join_blocks(blocks: Vec<Block>, tight: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for (index, block) in blocks.into_iter().enumerate() {
        if index > 0 && !(tight && block.kind == BlockKind::List) {
            lines.push(String::new());
        }
        lines.extend(block.lines);
    }
    lines
}

fn admonition(label: &str, children: &[Node]) -> Vec<Block> {
    let mut blocks = render_blocks(children);
    let label = format!("**{label}:**");
    match blocks.first_mut() {
        None => {}
        Some(first) if first.kind == BlockKind::Paragraph => {
            if let Some(line) = first.lines.first_mut() {
                line.insert_str(0, &format!("{label} "));
            }
        }
        Some(_) => blocks.insert(
            0,
            Block {
                kind: BlockKind::Paragraph,
                lines: vec![label],
            },
        ),
    }
    blocks
}

fn code_block(children: &[Node]) -> Option<Block> {
    let mut raw = String::new();
    plain_text(children, &mut raw, true);
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|line| !line.is_empty())?;
    let last = lines.iter().rposition(|line| !line.is_empty())?;
    let body = &lines[first..=last];
    // The source indentation of the HTML is not part of the code.
    let indent = body
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let fence = "`".repeat(longest_run(&raw, '`').max(2) + 1);
    let mut out = vec![format!("{fence}text")];
    out.extend(
        body.iter()
            .map(|line| line.get(indent..).unwrap_or_default().to_owned()),
    );
    out.push(fence);
    Some(Block {
        kind: BlockKind::Code,
        lines: out,
    })
}

/// Concatenates the text below `nodes`, turning line breaks and block
/// boundaries into newlines (`pre`) or spaces.
fn plain_text(nodes: &[Node], out: &mut String, pre: bool) {
    let separator = if pre { '\n' } else { ' ' };
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.tag == Tag::Break => out.push(separator),
            Node::Element(e) if e.tag.is_block() => {
                out.push(separator);
                plain_text(&e.children, out, pre);
                out.push(separator);
            }
            Node::Element(e) => plain_text(&e.children, out, pre),
        }
    }
}

fn longest_run(text: &str, target: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for c in text.chars() {
        current = if c == target { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// Trims every line, drops leading and trailing blank lines and collapses
/// runs of blank lines.
fn finish(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines.iter().map(|line| line.trim_end()) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
    }
    out
}

// ---------------------------------------------------------------------------
// Inline rendering
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delimiter {
    Bold,
    Italic,
}

impl Delimiter {
    fn marker(self) -> &'static str {
        match self {
            Delimiter::Bold => "**",
            Delimiter::Italic => "*",
        }
    }
}

/// What the inline content being written is nested in.
#[derive(Clone, Copy, Debug, Default)]
struct Context {
    /// `<br>` starts a new line; only at paragraph level, since emphasis and
    /// link text cannot span paragraphs.
    breaks: bool,
    bold: bool,
    italic: bool,
    link: bool,
}

/// Byte offsets of emphasis markers whose closing marker only works if the
/// next character is whitespace or punctuation (CommonMark's flanking rule).
struct PendingClose {
    open: usize,
    close: usize,
    len: usize,
}

/// Writes inline content as one line of Markdown, with `'\n'` for line
/// breaks, collapsing whitespace as HTML does.
struct Inline {
    out: String,
    context: Context,
    pending: Option<PendingClose>,
    /// Start offset and content of a code span that ends `out`. Two spans in
    /// a row would fuse their backtick fences, so a following one is merged
    /// into it, which looks the same.
    last_code: Option<(usize, String)>,
}

impl Inline {
    /// A writer for paragraph-level content.
    fn new() -> Self {
        Self::with_context(Context {
            breaks: true,
            ..Context::default()
        })
    }

    fn with_context(context: Context) -> Self {
        Self {
            out: String::new(),
            context,
            pending: None,
            last_code: None,
        }
    }

    /// A writer for content that is wrapped in markers afterwards.
    fn nested(&self) -> Self {
        Self::with_context(Context {
            breaks: false,
            ..self.context
        })
    }

    /// Appends finished Markdown, first dropping the markers of an emphasis
    /// whose closing marker `s` would invalidate: `**x.**y` does not close in
    /// CommonMark and would show literal asterisks.
    fn emit(&mut self, s: &str) {
        let Some(first) = s.chars().next() else {
            return;
        };
        if let Some(pending) = self.pending.take() {
            if !first.is_whitespace() && !is_punctuation(first) {
                let close = pending.close..pending.close + pending.len;
                self.out.replace_range(close, "");
                self.out.replace_range(pending.open..pending.open + pending.len, "");
            }
        }
        self.out.push_str(s);
        self.last_code = None;
    }

    fn space(&mut self) {
        if !self.out.ends_with([' ', '\n']) {
            self.emit(" ");
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        let element = match node {
            Node::Text(text) => return self.text(text),
            Node::Element(element) => element,
        };
        match element.tag {
            Tag::Break => self.line_break(),
            Tag::Code | Tag::Pre => self.code(&element.children),
            Tag::Link => self.link(element),
            Tag::Bold => self.emphasis(&element.children, Delimiter::Bold),
            Tag::Italic => self.emphasis(&element.children, Delimiter::Italic),
            // Blocks inside inline elements (`<b><p>x</p></b>`) run in.
            _ => {
                self.space();
                self.nodes(&element.children);
                self.space();
            }
        }
    }

    fn line_break(&mut self) {
        if self.context.breaks {
            let kept = self.out.trim_end_matches(' ').len();
            self.out.truncate(kept);
            self.emit("\n");
        } else {
            self.space();
        }
    }

    fn text(&mut self, text: &str) {
        let ends_with_space = text.ends_with(char::is_whitespace);
        if text.starts_with(char::is_whitespace) {
            self.space();
        }
        let mut words = text.split_whitespace().peekable();
        while let Some(word) = words.next() {
            let more = words.peek().is_some();
            self.word(word, (more || ends_with_space).then_some(' '));
            if more {
                self.space();
            }
        }
        if ends_with_space {
            self.space();
        }
    }

    /// Writes a word, marking up bare URLs so rustdoc's `bare_urls` lint
    /// stays quiet. `after` is the next character, if known.
    fn word(&mut self, word: &str, after: Option<char>) {
        let mut rest = word;
        while let Some((start, end)) = find_url(rest) {
            self.escaped(&rest[..start], Some('h'));
            let url = &rest[start..end];
            // Link text cannot contain an autolink, but a code span is fine.
            if self.context.link {
                self.code_span(url);
            } else {
                self.emit(&format!("<{url}>"));
            }
            rest = &rest[end..];
        }
        self.escaped(rest, after);
    }

    fn escaped(&mut self, text: &str, after: Option<char>) {
        let before = self.out.chars().next_back();
        self.emit(&escape_text(text, before, after));
    }

    fn code(&mut self, children: &[Node]) {
        let mut raw = String::new();
        plain_text(children, &mut raw, false);
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if raw.starts_with(char::is_whitespace) {
            self.space();
        }
        if !text.is_empty() {
            // `<code><a href>name</a></code>` is common in AWS docs; a code
            // span cannot hold a link, but a link can hold a code span.
            match first_link(children).filter(|_| !self.context.link) {
                Some(url) => self.emit(&format!("[{}]({})", code_span(&text), encode_url(url))),
                None => self.code_span(&text),
            }
        }
        if raw.ends_with(char::is_whitespace) {
            self.space();
        }
    }

    fn code_span(&mut self, text: &str) {
        let content = match self.last_code.take() {
            Some((start, previous)) => {
                self.out.truncate(start);
                previous + text
            }
            None => text.to_owned(),
        };
        let span = code_span(&content);
        self.emit(&span);
        self.last_code = Some((self.out.len() - span.len(), content));
    }

    fn link(&mut self, element: &Element) {
        let href = element
            .href
            .as_deref()
            .map(str::trim)
            .filter(|href| is_absolute_url(href) && !self.context.link);
        // Relative links cannot be resolved from generated code, and
        // rustdoc would take some of them for intra-doc links.
        let Some(href) = href else {
            self.nodes(&element.children);
            return;
        };
        let mut inner = self.nested();
        inner.context.link = true;
        inner.nodes(&element.children);
        let mut plain = String::new();
        plain_text(&element.children, &mut plain, false);
        let url = encode_url(href);
        let text = inner.out.trim_matches(' ');
        if inner.out.starts_with(' ') {
            self.space();
        }
        if text.is_empty() || plain.trim() == href {
            self.emit(&format!("<{url}>"));
        } else {
            self.emit(&format!("[{text}]({url})"));
        }
        if inner.out.ends_with(' ') {
            self.space();
        }
    }

    fn emphasis(&mut self, children: &[Node], delimiter: Delimiter) {
        let active = match delimiter {
            Delimiter::Bold => self.context.bold,
            Delimiter::Italic => self.context.italic,
        };
        // `**a **b** c**` would not nest, and the outer markers suffice.
        if active {
            self.nodes(children);
            return;
        }
        let mut inner = self.nested();
        match delimiter {
            Delimiter::Bold => inner.context.bold = true,
            Delimiter::Italic => inner.context.italic = true,
        }
        inner.nodes(children);
        self.wrap(&inner.out, delimiter.marker());
    }

    /// Writes `content` between emphasis markers, moving its surrounding
    /// whitespace outside (`** x**` is not emphasis) and leaving out markers
    /// that CommonMark would not accept.
    fn wrap(&mut self, content: &str, marker: &str) {
        let text = content.trim_matches(' ');
        if content.starts_with(' ') {
            self.space();
        }
        if !text.is_empty() {
            let before = self.out.chars().next_back();
            let starts_with_punctuation = text.starts_with(is_punctuation);
            // `x**(y)**` cannot open: the marker is preceded by a letter
            // and followed by punctuation.
            let can_open = !starts_with_punctuation || before.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
            if can_open {
                self.emit(marker);
                let open = self.out.len() - marker.len();
                self.out.push_str(text);
                let close = self.out.len();
                self.out.push_str(marker);
                if text.ends_with(is_punctuation) {
                    self.pending = Some(PendingClose {
                        open,
                        close,
                        len: marker.len(),
                    });
                }
            } else {
                self.emit(text);
            }
        }
        if content.ends_with(' ') {
            self.space();
        }
    }
}

/// Unicode punctuation as CommonMark's flanking rules need it; non-ASCII
/// symbols are approximated as anything that is neither alphanumeric nor
/// whitespace.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Escapes text so Markdown shows it literally. `before` and `after` are
/// the neighbouring characters outside `text`, when known; unknown
/// neighbours are treated as the worst case.
fn escape_text(text: &str, before: Option<char>, after: Option<char>) -> String {
    let is_space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut prev = before;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().or(after);
        match c {
            // `[` and `]` would start (intra-doc) links, a backtick a code
            // span, and a backslash would escape what follows it.
            '\\' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            // rustdoc checks anything that looks like an HTML tag.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if starts_entity(chars.clone()) => out.push_str("&amp;"),
            // Between spaces these cannot open or close emphasis or
            // strikethrough.
            '*' | '~' if !(is_space(prev) && is_space(next)) => {
                out.push('\\');
                out.push(c);
            }
            // Underscores inside words never form emphasis, which keeps
            // `snake_case` readable.
            '_' if !(is_word(prev) && is_word(next)) => out.push_str("\\_"),
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Whether the characters after an `&` would be read as a character
/// reference by Markdown.
fn starts_entity(rest: impl Iterator<Item = char>) -> bool {
    let mut len = 0;
    for (i, c) in rest.take(MAX_ENTITY_LEN).enumerate() {
        match c {
            ';' => return len > 0,
            '#' if i == 0 => {}
            c if c.is_ascii_alphanumeric() => len += 1,
            _ => return false,
        }
    }
    false
}

/// Escapes what would make a line start a heading, list, or setext
/// underline. Other block starts (`>`, `<`, backticks, indentation) are
/// already ruled out by inline escaping and trimming.
fn escape_line_start(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after_digits = &line.as_bytes()[digits..];
    let ordered_marker = (1..=9).contains(&digits) && matches!(after_digits, [b'.' | b')'] | [b'.' | b')', b' ', ..]);
    if ordered_marker {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    let bullet = line.starts_with(['-', '+', '*']) && matches!(line.as_bytes().get(1), None | Some(b' '));
    let underline = (line.starts_with('-') && line.chars().all(|c| c == '-'))
        || (line.starts_with('=') && line.chars().all(|c| c == '='));
    if bullet || underline || line.starts_with('#') {
        format!("\\{line}")
    } else {
        line.to_owned()
    }
}

/// Finds the first `http://` or `https://` URL in `text`, returning its
/// byte range. Like rustdoc's `bare_urls` lint, it also finds URLs glued to
/// a preceding word.
fn find_url(text: &str) -> Option<(usize, usize)> {
    text.match_indices("http").find_map(|(start, _)| {
        let len = url_len(&text[start..])?;
        Some((start, start + len))
    })
}

/// Length of the URL at the start of `text`, if it is one with a host.
fn url_len(text: &str) -> Option<usize> {
    let host_start = ["https://", "http://"]
        .iter()
        .find(|scheme| text.starts_with(*scheme))?
        .len();
    let mut end = text
        .find(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^')
        })
        .unwrap_or(text.len());
    // Trailing punctuation almost always ends the sentence, and a closing
    // parenthesis belongs to the URL only if it is balanced.
    while let Some(c) = text[..end].chars().next_back() {
        let url = &text[..end];
        let unbalanced = c == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'') || unbalanced {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    (end > host_start).then_some(end)
}

fn is_absolute_url(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    ["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|scheme| lower.len() > scheme.len() && lower.starts_with(scheme))
}

const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes the characters that would end or break a Markdown link
/// destination or autolink.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '\\' | '`') {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push('%');
                out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
                out.push(char::from(HEX_DIGITS[usize::from(byte & 0xF)]));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first absolute link target below `nodes`.
fn first_link(nodes: &[Node]) -> Option<&str> {
    nodes.iter().find_map(|node| match node {
        Node::Text(_) => None,
        Node::Element(e) => e
            .href
            .as_deref()
            .map(str::trim)
            .filter(|href| e.tag == Tag::Link && is_absolute_url(href))
            .or_else(|| first_link(&e.children)),
    })
}

/// A code span whose fence is longer than any backtick run inside it.
fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    // A space keeps a leading or trailing backtick from merging with the
    // fence; CommonMark strips one space on each side.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    #[test]
    fn empty_and_blank_input() {
        assert_eq!(md(""), "");
        assert_eq!(md("  \n\t "), "");
        assert_eq!(md("<p></p><p> </p>"), "");
    }

    #[test]
    fn paragraphs_collapse_whitespace() {
        assert_eq!(
            md("<p>First\n   line.</p>\n   <p>Second  one. </p>"),
            "First line.\n\nSecond one."
        );
        assert_eq!(md("plain text"), "plain text");
    }

    #[test]
    fn unclosed_paragraphs_end_at_next_block() {
        assert_eq!(md("<p>a<p>b<ul><li>c</ul>d"), "a\n\nb\n\n- c\n\nd");
    }

    #[test]
    fn simple_lists() {
        assert_eq!(md("<ul><li>a</li><li>b</li></ul>"), "- a\n- b");
        assert_eq!(md("<ol><li>a<li>b</ol>"), "1. a\n2. b");
        assert_eq!(md("<p>Intro</p><ul><li><p>x</p></li></ul>"), "Intro\n\n- x");
    }

    #[test]
    fn nested_lists_with_paragraphs_in_items() {
        let html = "<ul><li><p>a</p><ul><li><p>b</p></li></ul></li><li><p>c</p></li></ul>";
        assert_eq!(md(html), "- a\n  - b\n- c");
        assert_eq!(
            md("<ol><li>x<ol><li>y<ul><li>z</li></ul></li></ol></li></ol>"),
            "1. x\n   1. y\n      - z"
        );
    }

    #[test]
    fn items_with_several_paragraphs_make_a_loose_list() {
        let html = "<ul><li><p>Key: A</p><p>Ops: B</p></li><li><p>Key: C</p></li></ul>";
        assert_eq!(md(html), "- Key: A\n\n  Ops: B\n\n- Key: C");
    }

    #[test]
    fn long_ordered_lists_indent_to_the_content() {
        let items = "<li>x<ul><li>y</li></ul></li>".repeat(10);
        let out = md(&format!("<ol>{items}</ol>"));
        assert!(out.ends_with("10. x\n    - y"), "{out}");
    }

    #[test]
    fn stray_list_items_form_one_list() {
        assert_eq!(md("<li>a</li>\n<li>b"), "- a\n- b");
        assert_eq!(md("<ul><li>a</li><p>more</p></ul>"), "- a\n\n  more");
    }

    #[test]
    fn inline_code_is_not_escaped() {
        assert_eq!(md("<code>a_b*[c]</code>"), "`a_b*[c]`");
        assert_eq!(md("<code>a`b</code>"), "``a`b``");
        assert_eq!(md("<code>`a</code>"), "`` `a ``");
        assert_eq!(md("Use <code> x </code>."), "Use `x` .");
        assert_eq!(md("<code>&lt;id&gt; &amp;</code>"), "`<id> &`");
        assert_eq!(md("<code>a</code><code>`b</code> <code>c</code>"), "``a`b`` `c`");
    }

    #[test]
    fn placeholders_inside_code_stay_literal() {
        assert_eq!(
            md("<code>Key=<tag name>,Values=<instance-id-1></code>"),
            "`Key=<tag name>,Values=<instance-id-1>`"
        );
        assert_eq!(md("<code>arn:<i>region</i>:doc</code>"), "`arn:region:doc`");
    }

    #[test]
    fn code_wrapping_a_link_becomes_a_linked_code_span() {
        assert_eq!(
            md("<code>\n <a href=\"https://e.com/a\">Name</a>\n</code>"),
            "[`Name`](https://e.com/a)"
        );
    }

    #[test]
    fn pre_becomes_text_fence() {
        assert_eq!(
            md("<pre><code>\n    fn main() {\n        x &lt; y\n    }\n</code></pre>"),
            "```text\nfn main() {\n    x < y\n}\n```"
        );
        assert_eq!(md("<pre>a ``` b</pre>"), "````text\na ``` b\n````");
        assert_eq!(
            md("<ul><li>Run:<pre>ls\n  -l</pre></li></ul>"),
            "- Run:\n\n  ```text\n  ls\n    -l\n  ```"
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            md("See <a href=\"https://e.com/x\">the [docs]</a>."),
            "See [the \\[docs\\]](https://e.com/x)."
        );
        assert_eq!(md("<a href=\"https://e.com\"></a>"), "<https://e.com>");
        assert_eq!(md("<a href=\"https://e.com\">https://e.com</a>"), "<https://e.com>");
        assert_eq!(
            md("<a href=\"https://e.com/a b(c)\">x</a>"),
            "[x](https://e.com/a%20b%28c%29)"
        );
        assert_eq!(md("<a href=\"Foo\">Foo</a> op"), "Foo op");
        assert_eq!(md("<a>AddTagsToResource</a>"), "AddTagsToResource");
        assert_eq!(
            md("<a href='https://e.com?a=1&amp;b=2'> <b>x</b> </a>"),
            "[**x**](https://e.com?a=1&b=2)"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            md("Go to https://example.com/a_b. Or (http://x.org/p)."),
            "Go to <https://example.com/a_b>. Or (<http://x.org/p>)."
        );
        assert_eq!(
            md("see https://en.wikipedia.org/wiki/Cron_(software), ok"),
            "see <https://en.wikipedia.org/wiki/Cron_(software)>, ok"
        );
        assert_eq!(md("<code>https://x.org</code>"), "`https://x.org`");
        assert_eq!(md("xhttps://a.b and http://"), "x<https://a.b> and http://");
        assert_eq!(md("http://[x]http://a.b"), "http://\\[x\\]<http://a.b>");
        assert_eq!(
            md("<a href=\"https://a.b/c\">see https://a.b/c.</a>"),
            "[see `https://a.b/c`.](https://a.b/c)"
        );
    }

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(md("a[0] and [b](c)"), "a\\[0\\] and \\[b\\](c)");
        assert_eq!(md("x &lt; y &gt; z, a<5"), "x &lt; y &gt; z, a&lt;5");
        assert_eq!(md("*x* a * b 2*3"), "\\*x\\* a * b 2\\*3");
        assert_eq!(md("snake_case _x_ a\\b `c`"), "snake_case \\_x\\_ a\\\\b \\`c\\`");
        assert_eq!(md("~/.ssh and &amp;amp; and A & B"), "\\~/.ssh and &amp;amp; and A & B");
    }

    #[test]
    fn block_syntax_at_line_start_is_escaped() {
        assert_eq!(md("<p>1. not a list</p>"), "1\\. not a list");
        assert_eq!(md("<p>2) no</p><p>2024.01 ok</p>"), "2\\) no\n\n2024.01 ok");
        assert_eq!(md("<p>- no</p><p>-5 ok</p>"), "\\- no\n\n-5 ok");
        assert_eq!(md("<p># no</p><p>+ no</p>"), "\\# no\n\n\\+ no");
        assert_eq!(md("a<br>---<br>* b"), "a\\\n\\---\\\n\\* b");
        assert_eq!(md("<p>    indented</p>"), "indented");
    }

    #[test]
    fn entities() {
        assert_eq!(
            md("&amp; &quot;q&quot; &apos;a&#39; &#x2014; &#8212;&nbsp;x"),
            "& \"q\" 'a' \u{2014} \u{2014} x"
        );
        assert_eq!(md("&bogus; &#xZZ; &amp"), "&amp;bogus; &amp;#xZZ; &amp");
        assert_eq!(md("&#0; &#x110000;"), "\u{FFFD} \u{FFFD}");
        assert_eq!(md("&lt;b&gt;not bold&lt;/b&gt;"), "&lt;b&gt;not bold&lt;/b&gt;");
    }

    #[test]
    fn emphasis() {
        assert_eq!(md("<b>x</b> <strong>y</strong>"), "**x** **y**");
        assert_eq!(md("<i>a</i> <em>b</em>"), "*a* *b*");
        assert_eq!(md("a<b> x </b>y"), "a **x** y");
        assert_eq!(md("<b></b><i> </i>z"), "z");
        assert_eq!(md("<b>a <b>b</b> c</b>"), "**a b c**");
        assert_eq!(md("<b><i>x</i></b>"), "***x***");
        assert_eq!(md("<i>Instance</i>s"), "*Instance*s");
    }

    #[test]
    fn emphasis_that_would_not_parse_is_dropped() {
        assert_eq!(md("<b>Note:</b>text"), "Note:text");
        assert_eq!(md("<b>Note:</b> text"), "**Note:** text");
        assert_eq!(md("x<i>(y)</i>"), "x(y)");
        assert_eq!(md("<b><code>Id</code></b>s"), "`Id`s");
    }

    #[test]
    fn notes_and_important() {
        assert_eq!(
            md("<p>Text</p><note><p>Be careful.</p></note>"),
            "Text\n\n**Note:** Be careful."
        );
        assert_eq!(
            md("<important><ul><li>a</li></ul></important>"),
            "**Important:**\n\n- a"
        );
        assert_eq!(md("<note> </note>"), "");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("a<br/>b<br>"), "a\\\nb");
        assert_eq!(md("a<br><br/>b"), "a\n\nb");
        assert_eq!(md("<b>a<br>b</b>"), "**a b**");
    }

    #[test]
    fn definition_lists() {
        assert_eq!(
            md("<dl><dt>Term</dt><dd><p>Def one.</p></dd><dt><b>T2</b><dd>Def two.</dl>"),
            "**Term**\n\nDef one.\n\n**T2**\n\nDef two."
        );
    }

    #[test]
    fn unknown_tags_are_dropped_but_keep_text() {
        assert_eq!(
            md("<fullname>Amazon SSM</fullname><p>Text <span>in</span> <foo x=\"1\">x</foo></p>"),
            "Amazon SSM\n\nText in x"
        );
        assert_eq!(md("a<div>b</div>c"), "a\n\nb\n\nc");
        assert_eq!(md("<examples><title>T</title></examples>"), "T");
        assert_eq!(md("a<!-- hidden -->b<!DOCTYPE html>"), "ab");
    }

    #[test]
    fn literal_angle_brackets_stay_text() {
        assert_eq!(
            md("Use <instance-id> or < 5 or <user_arn>, a <= b"),
            "Use &lt;instance-id&gt; or &lt; 5 or &lt;user_arn&gt;, a &lt;= b"
        );
        assert_eq!(md("<a href=\"x>broken"), "&lt;a href=\"x&gt;broken");
        assert_eq!(md("trailing <"), "trailing &lt;");
    }

    #[test]
    fn unclosed_and_stray_tags() {
        assert_eq!(md("<b>bold"), "**bold**");
        assert_eq!(md("<code>x"), "`x`");
        assert_eq!(md("a</b></p></li></ul>b"), "ab");
        assert_eq!(md("<ul><li><b>x</li><li>y</b></li></ul>"), "- **x**\n- y");
    }

    #[test]
    fn non_ascii_text_is_safe() {
        assert_eq!(md("<p>Grüße — ünïcödé <b>ß</b>.</p>"), "Grüße — ünïcödé **ß**.");
        assert_eq!(md("é<é"), "é&lt;é");
    }

    #[test]
    fn real_ssm_documentation() {
        let html = "<p>The filter value. Valid values for each filter key are as follows:</p>
         <ul>
            <li>
               <p>
                  <b>InvokedAfter</b>: Specify a timestamp to limit your results.
     For example, specify <code>2024-07-07T00:00:00Z</code> to see a list of command executions
     occurring July 7, 2021, and later.</p>
            </li>
            <li>
               <p>
                  <b>Status</b>: Specify a valid command status to see a list of
     all command executions with that status.</p>
               <p>The status values you can specify for <code>ListCommands</code> are:</p>
               <ul>
                  <li>
                     <p>
                        <code>Pending</code>
                     </p>
                  </li>
                  <li>
                     <p>
                        <code>InProgress</code>
                     </p>
                  </li>
               </ul>
            </li>
         </ul>
         <note>
            <p>To add tags to an existing SSM document, use the <a>AddTagsToResource</a>
    operation.</p>
         </note>";
        let expected = "The filter value. Valid values for each filter key are as follows:

- **InvokedAfter**: Specify a timestamp to limit your results. For example, specify \
`2024-07-07T00:00:00Z` to see a list of command executions occurring July 7, 2021, and later.

- **Status**: Specify a valid command status to see a list of all command executions with \
that status.

  The status values you can specify for `ListCommands` are:

  - `Pending`
  - `InProgress`

**Note:** To add tags to an existing SSM document, use the AddTagsToResource operation.";
        assert_eq!(md(html), expected);
    }

    #[test]
    fn output_invariants_hold_for_messy_input() {
        let inputs = [
            "<p>a <b>b <i>c</p> d</i></b><ul><li>e<p>f<li><ol><li>g",
            "<dl><dt>x<dd><ul><li><pre>\n\n\n  y  \n\n\n\n z</pre></ul></dl>",
            "<<<>>><</a><a href=>x</a><a href=\"https://a.b\"><a href=\"https://c.d\">y</a></a>",
            "<note></note><important><pre></pre></important>&#;&#x;&;&",
            "<ul>\n<li>\n</li>\n</ul>\n<p>\n</p>",
        ];
        for input in inputs {
            let out = md(input);
            assert!(!out.starts_with('\n') && !out.ends_with('\n'), "{out:?}");
            assert!(!out.contains("\n\n\n"), "{out:?}");
            assert!(out.lines().all(|l| l == l.trim_end()), "{out:?}");
        }
    }
}
