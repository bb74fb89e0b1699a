//! Inline rendering: text, code spans, links and emphasis, written as one
//! line of Markdown per paragraph.

use super::escape::{escape_text, is_punctuation};
use super::tree::{plain_text, Element, Node, Tag};
use super::urls::{encode_url, find_url, first_link, is_absolute_url};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Delimiter {
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
pub(super) struct Inline {
    pub(super) out: String,
    context: Context,
    pending: Option<PendingClose>,
    /// Start offset and content of a code span that ends `out`. Two spans in
    /// a row would fuse their backtick fences, so a following one is merged
    /// into it, which looks the same.
    last_code: Option<(usize, String)>,
}

impl Inline {
    /// A writer for paragraph-level content.
    pub(super) fn new() -> Self {
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

    pub(super) fn node(&mut self, node: &Node) {
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

    pub(super) fn emphasis(&mut self, children: &[Node], delimiter: Delimiter) {
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

pub(super) fn longest_run(text: &str, target: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for c in text.chars() {
        current = if c == target { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}
