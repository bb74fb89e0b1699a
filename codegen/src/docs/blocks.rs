//! Block rendering: paragraphs, lists, code blocks and admonitions, and
//! the final clean-up of the lines.

use super::escape::escape_line_start;
use super::inline::{longest_run, Delimiter, Inline};
use super::tree::{plain_text, Element, Node, Tag};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    List,
    Code,
}

/// A rendered block: its lines, without separating blank lines.
pub(super) struct Block {
    kind: BlockKind,
    lines: Vec<String>,
}

/// Renders a sequence of nodes, grouping runs of inline content into
/// paragraphs.
pub(super) fn render_blocks<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> Vec<Block> {
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
pub(super) fn join_blocks(blocks: Vec<Block>, tight: bool) -> Vec<String> {
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

/// Trims every line, drops leading and trailing blank lines and collapses
/// runs of blank lines.
pub(super) fn finish(lines: &[String]) -> String {
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
