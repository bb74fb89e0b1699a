//! The tree builder, which applies HTML's implied end tags (an open `<p>`
//! ends at the next block, an open `<li>` at the next `<li>`).

use super::entities::decode_entities;
use super::tokenizer::{RawTag, Token, Tokenizer};

/// The elements the renderer distinguishes; many HTML names map to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tag {
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

    pub(super) fn is_block(self) -> bool {
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

pub(super) enum Node {
    /// Decoded text.
    Text(String),
    Element(Element),
}

pub(super) struct Element {
    pub(super) tag: Tag,
    pub(super) href: Option<String>,
    pub(super) children: Vec<Node>,
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

pub(super) fn parse(html: &str) -> Element {
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

/// Concatenates the text below `nodes`, turning line breaks and block
/// boundaries into newlines (`pre`) or spaces.
pub(super) fn plain_text(nodes: &[Node], out: &mut String, pre: bool) {
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
