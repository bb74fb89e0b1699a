//! The conversion checked on small inputs, on real AWS documentation and
//! on messy input whose output must still keep every invariant.

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
