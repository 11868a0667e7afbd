//! Unit tests of rendering a document by offsets (kept beside the module, in their own
//! file).

use super::*;
use crate::convert::convert;
use crate::model::document::Reference;

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.to_string(),
        start: None,
        paragraph: 0,
        notes: Vec::new(),
        page: None,
    }
}

fn mark(start: usize, text: &str, id: &str) -> Mark {
    Mark {
        start,
        text: text.into(),
        id: id.into(),
        href: format!("/timeline/#{id}"),
        title: "Event".into(),
        class: "fact-event".into(),
    }
}

fn marks_at(n: u32, marks: Vec<Mark>) -> BTreeMap<u32, Vec<Mark>> {
    BTreeMap::from([(n, marks)])
}

/// Fails unless every element opened is closed in order and no link is inside a
/// link: what the mark rules promise.
fn assert_well_formed(html: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("unclosed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "misnested </{name}> in {html}");
        } else {
            let name = tag.split([' ', '>']).next().unwrap_or("");
            if matches!(name, "br" | "img" | "input" | "hr") {
                continue;
            }
            assert!(
                !(name == "a" && stack.contains(&"a")),
                "a link inside a link in {html}"
            );
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {html}");
}

#[test]
fn every_block_is_numbered_in_order() {
    let doc = Document {
        blocks: vec![
            block(BlockKind::Heading { level: 2 }, "Head"),
            block(BlockKind::Paragraph, "One."),
            block(BlockKind::Quote, "Quoted."),
            block(BlockKind::ListItem { ordered: false }, "a"),
            block(BlockKind::ListItem { ordered: false }, "b"),
            block(BlockKind::Code { lang: None }, "code"),
            block(BlockKind::Paragraph, "  \n "),
        ],
        ..Default::default()
    };
    let out = render_document(&doc, &BTreeMap::new(), None);
    assert_eq!(
        out.html,
        "<h2 id=\"p-1\">Head</h2>\n<p id=\"p-2\">One.</p>\n<blockquote>\n<p id=\"p-3\">Quoted.</p>\n</blockquote>\n\
         <ul>\n<li id=\"p-4\">a</li>\n<li id=\"p-5\">b</li>\n</ul>\n\
         <pre id=\"p-6\" class=\"code\" tabindex=\"0\"><code>code\n</code></pre>\n<p id=\"p-7\">\u{a0}</p>\n"
    );
    assert_eq!(
        out.headings,
        vec![(2, "p-1".to_string(), "Head".to_string())]
    );
}

/// Issue 14: the mark is where the fact is, not on the first occurrence of its words.
#[test]
fn a_repeated_sentence_is_marked_where_the_fact_is() {
    let text = "In August 2010 it began.\nIn August 2010 it began.";
    let second = text.rfind("August 2010").unwrap();
    let doc = convert(text, Format::Text);
    let n = doc
        .blocks
        .iter()
        .find(|b| b.text.contains("began"))
        .map(|b| b.paragraph)
        .unwrap();
    let b = &doc.blocks[n as usize - 1];
    let at = b.text.rfind("August 2010").unwrap();
    assert!(at > 0 && b.start.map(|s| s + at) == Some(second));
    let out = render_document(
        &doc,
        &marks_at(n, vec![mark(at, "August 2010", "mark-ev-1")]),
        None,
    );
    assert!(out.unplaced_marks.is_empty());
    assert!(
        out.html.contains(
            "In August 2010 it began.\nIn <a class=\"fact-link\" href=\"/timeline/#mark-ev-1\"><mark id=\"mark-ev-1\" class=\"fact-event\" title=\"Event\">August 2010</mark></a> it began."
        ),
        "{}",
        out.html
    );
}

#[test]
fn marks_in_markdown_sources_follow_emphasis_and_links() {
    let src = "The *program* cost $4 million, [said](https://e.org/) **1,200 people** in Title 42 and *Title* 42.[^1]\n\n[^1]: A note.\n";
    let doc = convert(src, Format::Markdown);
    let text = &doc.blocks[0].text;
    let at = |s: &str| text.find(s).unwrap();
    let marks = vec![
        mark(at("$4 million"), "$4 million", "m-money"),
        mark(at("said"), "said", "m-link"),
        mark(at("1,200 people"), "1,200 people", "m-strong"),
        mark(at("program* cost"), "program* cost", "m-cross"),
        mark(text.rfind("42").unwrap(), "42", "m-second"),
    ];
    let out = render_document(&doc, &marks_at(1, marks), None);
    let html = &out.html;
    assert_well_formed(html);
    assert!(out.unplaced_marks.is_empty(), "{:?}", out.unplaced_marks);
    // Plain text after emphasis.
    assert!(
        html.contains(
            "<mark id=\"m-money\" class=\"fact-event\" title=\"Event\">$4 million</mark></a>,"
        ),
        "{html}"
    );
    // Inside a link: a bare mark, no link in a link.
    assert!(html.contains("<a href=\"https://e.org/\"><mark id=\"m-link\" class=\"fact-event\" title=\"Event\">said</mark></a>"), "{html}");
    // Inside strong.
    assert!(
        html.contains(
            "<strong><a class=\"fact-link\" href=\"/timeline/#m-strong\"><mark id=\"m-strong\""
        ),
        "{html}"
    );
    // Across the end of emphasis: split, the id on the first piece only.
    assert!(html.contains("<em><a class=\"fact-link\" href=\"/timeline/#m-cross\"><mark id=\"m-cross\" class=\"fact-event\" title=\"Event\">program</mark></a></em><a class=\"fact-link\" href=\"/timeline/#m-cross\"><mark class=\"fact-event\" title=\"Event\"> cost</mark></a>"), "{html}");
    assert_eq!(html.matches("id=\"m-cross\"").count(), 1);
    // The second "42", where the fact is.
    assert!(html.contains("in Title 42 and <em>Title</em> <a class=\"fact-link\" href=\"/timeline/#m-second\"><mark id=\"m-second\" class=\"fact-event\" title=\"Event\">42</mark></a>.<sup class=\"fnref\"><a id=\"fnref-1\""), "{html}");
    assert!(
        html.contains("<li id=\"fn-1\" value=\"1\"><p>A note. <a class=\"fn-back\""),
        "{html}"
    );
}

#[test]
fn overlapping_and_misplaced_marks_are_left_out() {
    let doc = Document {
        blocks: vec![block(
            BlockKind::Paragraph,
            "From 2019 to 2020, 300 people.",
        )],
        ..Default::default()
    };
    let marks = vec![
        mark(5, "2019 to 2020", "long"),
        mark(13, "2020", "inside"),
        mark(0, "2019", "wrong-offset"),
        mark(19, "300 people", "ok"),
    ];
    let out = render_document(&doc, &marks_at(1, marks), None);
    assert_well_formed(&out.html);
    let mut unplaced = out.unplaced_marks.clone();
    unplaced.sort();
    assert_eq!(unplaced, ["inside", "wrong-offset"]);
    assert!(out.html.contains("id=\"long\"") && out.html.contains("id=\"ok\""));
}

#[test]
fn note_markers_end_marks_and_link_to_the_notes() {
    let text = "It began in August 20106 and was reported2.";
    let mut b = block(BlockKind::Paragraph, text);
    b.notes = vec![
        NoteMarker {
            offset: text.find("6 and").unwrap(),
            len: 1,
            number: 6,
        },
        NoteMarker {
            offset: text.find("2.").unwrap(),
            len: 1,
            number: 2,
        },
    ];
    let doc = Document {
        blocks: vec![b],
        references: vec![
            Reference {
                number: 6,
                text: "See https://example.org/a_b; javascript:alert(1)".into(),
            },
            Reference {
                number: 2,
                text: "<b>b</b>".into(),
            },
        ],
        ..Default::default()
    };
    let at = text.find("August 2010").unwrap();
    let out = render_document(&doc, &marks_at(1, vec![mark(at, "August 2010", "m")]), None);
    let html = &out.html;
    assert_well_formed(html);
    assert!(
        html.contains(
            "August 2010</mark></a><sup class=\"fnref\"><a id=\"fnref-6\" href=\"#fn-6\""
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<a href=\"https://example.org/a_b\">https://example.org/a_b</a>; javascript:alert(1)"
        ),
        "{html}"
    );
    assert!(html.contains("&lt;b&gt;b&lt;/b&gt;"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
}

#[test]
fn hostile_markup_is_still_escaped() {
    let doc = Document {
        blocks: vec![
            block(
                BlockKind::Paragraph,
                "<script>alert(1)</script> & *x* [a](javascript:x)",
            ),
            block(
                BlockKind::Heading { level: 2 },
                "<img src=x onerror=alert(1)>",
            ),
        ],
        ..Default::default()
    };
    let out = render_document(&doc, &BTreeMap::new(), None).html;
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *x* [a](javascript:x)"),
        "{out}"
    );
    assert!(
        !out.contains("<script") && !out.contains("<img") && !out.contains("<em>"),
        "{out}"
    );

    let src = "Raw <b onclick=x>html</b> here.\n\nA [link](javascript:alert(1)) and ![img](javascript:alert(1)).\n\nSafe *em* [ok](https://e.org) ![map](map.png \"t\").[^n]\n\n[^n]: See <script>x</script> [bad](javascript:y)\n";
    let doc = convert(src, Format::Markdown);
    let out = render_document(&doc, &BTreeMap::new(), None).html;
    assert_well_formed(&out);
    assert!(
        out.contains("<p id=\"p-1\">Raw &lt;b onclick=x&gt;html&lt;/b&gt; here.</p>"),
        "{out}"
    );
    assert!(
        out.contains("A [link](javascript:alert(1)) and ![img](javascript:alert(1)).</p>"),
        "{out}"
    );
    assert!(out.contains("Safe <em>em</em> <a href=\"https://e.org\">ok</a> <img src=\"map.png\" alt=\"map\" loading=\"lazy\" title=\"t\">."), "{out}");
    assert!(
        !out.contains("<script") && !out.contains("<b ") && !out.contains("href=\"javascript"),
        "{out}"
    );
    assert!(out.contains("&lt;script&gt;x&lt;/script&gt;"), "{out}");
}

/// Marks at random places over text full of markup never break the nesting.
#[test]
fn random_marks_keep_the_html_well_formed() {
    let pieces = [
        "a",
        "bc ",
        "*",
        "**",
        "_",
        "[",
        "](https://e.org)",
        "`",
        "\\*",
        "&amp;",
        "<i>",
        "\n",
        "  ",
        "é",
        "![x](y.png)",
        "~~",
        "[^1]",
        "42",
        "—",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for format in [Format::Markdown, Format::Text] {
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..next(14) + 1 {
                text.push_str(pieces[next(pieces.len())]);
            }
            let doc = Document {
                blocks: vec![block(BlockKind::Paragraph, &text)],
                references: vec![Reference {
                    number: 1,
                    text: "n".into(),
                }],
                format,
                ..Default::default()
            };
            let mut marks = Vec::new();
            for k in 0..next(4) {
                let mut a = next(text.len() + 1);
                let mut b = (a + next(8)).min(text.len());
                while !text.is_char_boundary(a) {
                    a -= 1;
                }
                while !text.is_char_boundary(b) {
                    b += 1;
                }
                marks.push(mark(a, &text[a..b], &format!("m{k}")));
            }
            let out = render_document(&doc, &marks_at(1, marks.clone()), None);
            assert_well_formed(&out.html);
            for m in &marks {
                let ids = out.html.matches(&format!("id=\"{}\"", m.id)).count();
                let unplaced = out.unplaced_marks.contains(&m.id);
                assert!(
                    ids + usize::from(unplaced) == 1,
                    "{text:?} {m:?}: {}",
                    out.html
                );
            }
        }
    }
}

/// Word lists (issue 17): an item nested in another stays open around its list, a list
/// numbered from 4 says so, a list of another kind at the same level inside one item
/// is a sibling list, and every list is closed at the end, well nested.
#[test]
fn nested_and_numbered_lists_nest_inside_their_item() {
    use crate::model::document::ListInfo;
    let doc = Document {
        blocks: vec![
            block(BlockKind::ListItem { ordered: true }, "one"),
            block(BlockKind::ListItem { ordered: true }, "one.a"),
            block(BlockKind::ListItem { ordered: false }, "one.bullet"),
            block(BlockKind::ListItem { ordered: true }, "two"),
            block(BlockKind::Paragraph, "Between."),
            block(BlockKind::ListItem { ordered: true }, "four"),
            block(BlockKind::ListItem { ordered: true }, "one again"),
        ],
        lists: BTreeMap::from([
            (
                1,
                ListInfo {
                    level: 0,
                    number: Some(1),
                    task: None,
                },
            ),
            (
                2,
                ListInfo {
                    level: 1,
                    number: Some(1),
                    task: None,
                },
            ),
            (
                3,
                ListInfo {
                    level: 1,
                    number: None,
                    task: None,
                },
            ),
            (
                4,
                ListInfo {
                    level: 0,
                    number: Some(2),
                    task: None,
                },
            ),
            (
                6,
                ListInfo {
                    level: 0,
                    number: Some(4),
                    task: None,
                },
            ),
            (
                7,
                ListInfo {
                    level: 0,
                    number: Some(1),
                    task: None,
                },
            ),
        ]),
        ..Default::default()
    };
    let out = render_document(&doc, &BTreeMap::new(), None);
    assert_eq!(
        out.html,
        "<ol>\n<li id=\"p-1\">one\n<ol>\n<li id=\"p-2\">one.a</li>\n</ol>\n\
         <ul>\n<li id=\"p-3\">one.bullet</li>\n</ul>\n</li>\n<li id=\"p-4\">two</li>\n</ol>\n\
         <p id=\"p-5\">Between.</p>\n\
         <ol start=\"4\">\n<li id=\"p-6\">four</li>\n</ol>\n<ol>\n<li id=\"p-7\">one again</li>\n</ol>\n"
    );
    assert_well_formed(&out.html);
}
