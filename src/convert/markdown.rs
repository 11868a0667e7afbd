//! Markdown sources (`.md`) → [`Document`].
//!
//! In: the file's text, with optional `+++` TOML front matter (split off here, parsed by
//! the caller). Out: blocks read with pulldown-cmark ([`super::markdown_options`]):
//! headings, paragraphs, list items, blockquote paragraphs (as quotes) and code blocks,
//! each with its raw Markdown (the inline content, without the `#`, `-` or `>` markers of
//! its own line) and its byte offset in the whole file; footnote definitions become
//! references. The first level-1 heading, when it comes before any other block, is the
//! title. Never executes or passes through raw HTML: HTML blocks are dropped (and listed
//! in [`Document::dropped`]), inline HTML is escaped by [`super::to_markdown`] and on the
//! source page.
//!
//! Nesting is flattened: a nested list item is one more item, a second paragraph of a
//! list item becomes a paragraph after it, a table row (the header row too) becomes a
//! paragraph: its cells as written, from the first cell to the last, with the `|` between
//! them (so a figure in a cell keeps its row).

use super::markdown_options;
use crate::model::document::{
    Block, BlockKind, Document, Dropped, Format, ListInfo, NoteMarker, Reference,
};
use crate::util::front_matter::split_front_matter;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// A block as gathered: kind, byte range in the body, footnote references (range,
/// label), for code the concatenated text, and a task item's checkbox.
type RawBlock = (
    BlockKind,
    Range<usize>,
    Vec<(Range<usize>, String)>,
    Option<String>,
    Option<bool>,
);

/// What the innermost open container is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Frame {
    Quote,
    Item { ordered: bool, emitted: bool },
    Footnote,
    Other,
}

/// Where inline content is being gathered.
#[derive(Debug)]
struct Gather {
    kind: BlockKind,
    range: Option<Range<usize>>,
    notes: Vec<(Range<usize>, String)>,
    /// For code: the text events, concatenated.
    code: String,
    /// A task list item's checkbox (`[x]` → done), read from its marker, which is not
    /// part of the block's range.
    task: Option<bool>,
}

impl Gather {
    fn new(kind: BlockKind) -> Self {
        Gather {
            kind,
            range: None,
            notes: Vec::new(),
            code: String::new(),
            task: None,
        }
    }
    fn extend(&mut self, r: &Range<usize>) {
        self.range = Some(match self.range.take() {
            None => r.clone(),
            Some(cur) => cur.start.min(r.start)..cur.end.max(r.end),
        });
    }
}

/// Files whose lines open more containers than this (`>` and list markers at a line
/// start) are read as plain text: pulldown-cmark's work grows with the square of the
/// nesting depth.
pub const MAX_MARKDOWN_NESTING: usize = 1000;

/// The most container markers that open any line of `text` (linear).
fn nesting_estimate(text: &str) -> usize {
    text.lines()
        .map(|line| {
            let b = line.as_bytes();
            let (mut i, mut n) = (0, 0);
            while i < b.len() {
                match b[i] {
                    b' ' | b'\t' => i += 1,
                    b'>' => {
                        n += 1;
                        i += 1;
                    }
                    b'-' | b'*' | b'+' if matches!(b.get(i + 1), Some(b' ' | b'\t')) => {
                        n += 1;
                        i += 2;
                    }
                    b'0'..=b'9' => {
                        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                        if matches!(b.get(i + d), Some(b'.' | b')')) {
                            n += 1;
                            i += d + 1;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            n
        })
        .max()
        .unwrap_or(0)
}

/// Converts a Markdown file. See the module documentation.
///
/// A file nested deeper than [`MAX_MARKDOWN_NESTING`] is converted as plain text
/// instead (its blocks are then escaped as plain text).
pub fn convert_markdown(src: &str) -> Document {
    if nesting_estimate(src) > MAX_MARKDOWN_NESTING {
        return super::text::convert_text(src);
    }
    let body =
        split_front_matter(src).map_or(if src.starts_with('\u{feff}') { 3 } else { 0 }, |(_, b)| b);
    let text = &src[body..];
    let mut doc = Document {
        format: Format::Markdown,
        ..Default::default()
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut gather: Option<Gather> = None;
    let mut lists: Vec<bool> = Vec::new();
    // Footnote definitions: label → collected text ranges.
    let mut footnotes: Vec<(String, Vec<Range<usize>>)> = Vec::new();
    let mut blocks: Vec<RawBlock> = Vec::new();

    let finish = |g: Gather, blocks: &mut Vec<_>, stack: &mut Vec<Frame>| {
        if let Some(r) = g.range.clone() {
            let code = matches!(g.kind, BlockKind::Code { .. }).then_some(g.code);
            blocks.push((g.kind, r, g.notes, code, g.task));
            if let Some(Frame::Item { emitted, .. }) = stack
                .iter_mut()
                .rev()
                .find(|f| matches!(f, Frame::Item { .. }))
            {
                *emitted = true;
            }
        } else if let BlockKind::Code { .. } = g.kind {
            // An empty code block still is a block.
            blocks.push((g.kind, 0..0, Vec::new(), Some(String::new()), None));
        }
    };

    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        let in_footnote = stack.contains(&Frame::Footnote);
        match event {
            Event::Start(tag) => {
                // A new block inside a tight item ends the item's own text.
                let inline = matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Superscript
                        | Tag::Subscript
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                );
                if inline {
                    // Issue 17: the block's bytes include the markup around its text
                    // (`**REYNOSA, 20 May 2023** —` lost its opening `**`).
                    if let Some(g) = gather.as_mut() {
                        g.extend(&range);
                    }
                } else if tag != Tag::TableCell
                    && let Some(g) = gather.take()
                {
                    finish(g, &mut blocks, &mut stack);
                }
                match tag {
                    Tag::Paragraph => {
                        if in_footnote {
                            if let Some(f) = footnotes.last_mut() {
                                f.1.push(range.clone());
                            }
                            stack.push(Frame::Other);
                            continue;
                        }
                        let kind = match stack.iter().rev().find(|f| !matches!(f, Frame::Other)) {
                            Some(Frame::Item {
                                ordered,
                                emitted: false,
                            }) => BlockKind::ListItem { ordered: *ordered },
                            Some(Frame::Quote) => BlockKind::Quote,
                            _ => BlockKind::Paragraph,
                        };
                        gather = Some(Gather::new(kind));
                        stack.push(Frame::Other);
                    }
                    Tag::Heading { level, .. } => {
                        gather = Some(Gather::new(BlockKind::Heading { level: level as u8 }));
                        stack.push(Frame::Other);
                    }
                    Tag::CodeBlock(kind) => {
                        let lang = match kind {
                            CodeBlockKind::Fenced(info) => info
                                .split_whitespace()
                                .next()
                                .filter(|l| !l.is_empty())
                                .map(str::to_string),
                            CodeBlockKind::Indented => None,
                        };
                        gather = Some(Gather::new(BlockKind::Code { lang }));
                        stack.push(Frame::Other);
                    }
                    Tag::BlockQuote(_) => stack.push(Frame::Quote),
                    Tag::List(start) => {
                        lists.push(start.is_some());
                        stack.push(Frame::Other);
                    }
                    Tag::Item => {
                        let ordered = lists.last().copied().unwrap_or(false);
                        stack.push(Frame::Item {
                            ordered,
                            emitted: false,
                        });
                        if !in_footnote {
                            // Tight items have no paragraph: gather the item's inline text.
                            gather = Some(Gather::new(BlockKind::ListItem { ordered }));
                        }
                    }
                    Tag::FootnoteDefinition(label) => {
                        footnotes.push((label.to_string(), Vec::new()));
                        stack.push(Frame::Footnote);
                    }
                    Tag::TableHead | Tag::TableRow => {
                        gather = Some(Gather::new(BlockKind::Paragraph));
                        stack.push(Frame::Other);
                    }
                    Tag::HtmlBlock => {
                        stack.push(Frame::Other);
                        if !in_footnote {
                            let line = src[..body + range.start].matches('\n').count() + 1;
                            doc.dropped.push(Dropped {
                                line,
                                text: text[range.clone()].trim_end().to_string(),
                                reason: "raw HTML block in a Markdown source".to_string(),
                            });
                        }
                    }
                    _ => stack.push(Frame::Other),
                }
            }
            Event::End(tag) => {
                let ends_block = !matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                        | TagEnd::Link
                        | TagEnd::Image
                        | TagEnd::TableCell
                );
                if ends_block && let Some(g) = gather.take() {
                    finish(g, &mut blocks, &mut stack);
                }
                if matches!(tag, TagEnd::List(_)) {
                    lists.pop();
                }
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(g) = gather.as_mut() {
                    if matches!(g.kind, BlockKind::Code { .. }) {
                        g.code.push_str(&t);
                    }
                    g.extend(&range);
                }
            }
            Event::FootnoteReference(label) => {
                if let Some(g) = gather.as_mut() {
                    g.notes.push((range.clone(), label.to_string()));
                    g.extend(&range);
                }
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                if let Some(g) = gather.as_mut()
                    && !matches!(event, Event::SoftBreak | Event::HardBreak)
                {
                    g.extend(&range);
                }
            }
            // Issue 17: `- [x] done` showed its `[x]`. The item's text starts after the
            // marker; the checkbox is kept beside it (Document::lists).
            Event::TaskListMarker(done) => {
                if let Some(g) = gather.as_mut()
                    && matches!(g.kind, BlockKind::ListItem { .. })
                {
                    g.task = Some(done);
                }
            }
            Event::Rule => {}
        }
    }
    if let Some(g) = gather.take() {
        finish(g, &mut blocks, &mut stack);
    }

    // Footnote labels → numbers: numeric labels keep their number, others get the next
    // free numbers in order of definition.
    let mut numbers: BTreeMap<String, u32> = BTreeMap::new();
    let mut used: std::collections::BTreeSet<u32> = footnotes
        .iter()
        .filter_map(|(l, _)| l.parse::<u32>().ok())
        .collect();
    let mut next = 1;
    for (label, _) in &footnotes {
        let n = match label.parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                while used.contains(&next) {
                    next += 1;
                }
                used.insert(next);
                next
            }
        };
        numbers.entry(label.clone()).or_insert(n);
    }
    for (label, ranges) in &footnotes {
        let parts: Vec<&str> = ranges
            .iter()
            .map(|r| text[r.clone()].trim())
            .filter(|s| !s.is_empty())
            .collect();
        doc.references.push(Reference {
            number: numbers[label],
            text: parts.join("\n"),
        });
    }

    for (kind, r, notes, code, task) in blocks {
        let (block_text, start) = match code {
            Some(code) => {
                let verbatim = text.get(r.clone()) == Some(code.as_str()) && !code.is_empty();
                (code, verbatim.then_some(body + r.start))
            }
            None => (text[r.clone()].to_string(), Some(body + r.start)),
        };
        if let (BlockKind::Heading { level: 1 }, None, true) =
            (&kind, &doc.title, doc.blocks.is_empty())
        {
            doc.title = Some(block_text);
            continue;
        }
        let kind = match kind {
            BlockKind::Heading { level } => BlockKind::Heading {
                level: level.max(2),
            },
            k => k,
        };
        let notes = notes
            .into_iter()
            .filter_map(|(nr, label)| {
                Some(NoteMarker {
                    offset: nr.start.checked_sub(r.start)?,
                    len: nr.len(),
                    number: *numbers.get(&label)?,
                })
            })
            .collect();
        let n = doc.blocks.len() as u32 + 1;
        if task.is_some() {
            doc.lists.insert(
                n,
                ListInfo {
                    task,
                    ..Default::default()
                },
            );
        }
        doc.blocks.push(Block {
            kind,
            text: block_text,
            start,
            paragraph: n,
            notes,
            page: None,
        });
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::{anchorable_count, to_markdown};

    #[test]
    fn front_matter() {
        let src = "+++\ntitle = \"x\"\n+++\n# Hello\n";
        let (toml, body) = split_front_matter(src).unwrap();
        assert_eq!(toml, "title = \"x\"\n");
        assert_eq!(&src[body..], "# Hello\n");
        assert!(split_front_matter("+++\nnever closed").is_none());
        assert!(split_front_matter("no front matter").is_none());
        let crlf = "\u{feff}+++\r\na = 1\r\n+++\r\nbody";
        let (toml, body) = split_front_matter(crlf).unwrap();
        assert_eq!(toml, "a = 1\r\n");
        assert_eq!(&crlf[body..], "body");
    }

    #[test]
    fn blocks_with_offsets() {
        let src = "+++\na = 1\n+++\n# Title\n\nIntro *em* text[^n].\n\n## Part {#p}\n\n- one\n- two\n  more\n\n> quoted\n> lines\n\n```rust\nfn x() {}\n```\n\n[^n]: The note.\n";
        let doc = convert_markdown(src);
        assert_eq!(doc.title.as_deref(), Some("Title"));
        let kinds: Vec<&BlockKind> = doc.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(
            kinds,
            [
                &BlockKind::Paragraph,
                &BlockKind::Heading { level: 2 },
                &BlockKind::ListItem { ordered: false },
                &BlockKind::ListItem { ordered: false },
                &BlockKind::Quote,
                &BlockKind::Code {
                    lang: Some("rust".into())
                },
            ]
        );
        assert_eq!(doc.blocks[1].text, "Part");
        assert_eq!(doc.blocks[3].text, "two\n  more");
        assert_eq!(doc.blocks[4].text, "quoted\n> lines");
        assert_eq!(doc.blocks[5].text, "fn x() {}\n");
        for b in &doc.blocks {
            if let Some(s) = b.start {
                assert_eq!(&src[s..s + b.text.len()], b.text);
            }
        }
        assert_eq!(doc.references.len(), 1);
        assert_eq!(doc.references[0].text, "The note.");
        assert_eq!(doc.blocks[0].notes.len(), 1);
        let md = to_markdown(&doc);
        assert_eq!(anchorable_count(&md), doc.blocks.len(), "{md}");
        assert!(md.contains("Intro *em* text[^1]."), "{md}");
        assert!(md.contains("[^1]: The note."), "{md}");
    }

    #[test]
    fn nesting_is_flattened_and_html_dropped() {
        let src = "- a\n  - b\n    - c\n\n1. loose\n\n   second para\n\n<div onclick=x>hi</div>\n\n| h1 | h2 |\n|----|----|\n| c1 | c2 |\n";
        let doc = convert_markdown(src);
        let md = to_markdown(&doc);
        assert_eq!(
            anchorable_count(&md),
            doc.blocks.len(),
            "{md}\n{:#?}",
            doc.blocks
        );
        assert_eq!(doc.dropped.len(), 1);
        assert!(!md.contains("onclick"));
    }

    /// Regression (issue 17): a GFM table was dropped (its cells ended the row's text),
    /// and a first line opening with `**` lost the `**` (the block began at its text).
    #[test]
    fn tables_and_inline_markup_at_the_edges_are_kept() {
        let src = "**REYNOSA, 20 May 2023** \u{2014} It rained [here](https://x.org).\n\n\
            | A | B |\n|---|--:|\n| *x* | 1,400 people |\n\n- [x] done ~~not~~\n";
        let doc = convert_markdown(src);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "**REYNOSA, 20 May 2023** \u{2014} It rained [here](https://x.org).",
                "A | B",
                "*x* | 1,400 people",
                // The task marker is not text; the checkbox is kept beside the block.
                "done ~~not~~",
            ]
        );
        assert_eq!(doc.lists[&4].task, Some(true));
        for b in &doc.blocks {
            let s = b.start.unwrap();
            assert_eq!(&src[s..s + b.text.len()], b.text);
        }
        let md = to_markdown(&doc);
        assert_eq!(anchorable_count(&md), doc.blocks.len(), "{md}");
    }

    /// Regression (issue 17): `- [x] done` showed its `[x]` as text. The item's text
    /// starts after the marker (still a verbatim slice), its checkbox is kept beside it
    /// and written back by the export; `[x]` elsewhere stays text.
    #[test]
    fn task_list_items_keep_their_checkbox_not_their_marker() {
        let src = "- [x] Census on 19 May 2023
- [ ] Churches
- plain [x] item

[x] not a task
";
        let doc = convert_markdown(src);
        let got: Vec<(&str, Option<bool>)> = doc
            .blocks
            .iter()
            .map(|b| {
                (
                    b.text.as_str(),
                    doc.lists.get(&b.paragraph).and_then(|l| l.task),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Census on 19 May 2023", Some(true)),
                ("Churches", Some(false)),
                ("plain [x] item", None),
                ("[x] not a task", None),
            ]
        );
        for b in &doc.blocks {
            let s = b.start.unwrap();
            assert_eq!(&src[s..s + b.text.len()], b.text);
        }
        let md = to_markdown(&doc);
        assert!(
            md.starts_with("- [x] Census on 19 May 2023\n- [ ] Churches\n- plain [x] item"),
            "{md}"
        );
        assert_eq!(anchorable_count(&md), doc.blocks.len(), "{md}");
    }

    #[test]
    fn pathological_nesting_is_bounded() {
        let deep_quote = ">".repeat(100_000) + " deep";
        let deep_list: String = (0..100_000).map(|_| "- ").collect::<String>() + "x";
        assert_eq!(nesting_estimate("> > - 1. x\n>"), 4);
        for src in [
            deep_quote,
            deep_list,
            String::new(),
            "\u{feff}".into(),
            "ü\r\n\r\nä".into(),
        ] {
            let t = std::time::Instant::now();
            let doc = convert_markdown(&src);
            let md = to_markdown(&doc);
            assert_eq!(anchorable_count(&md), doc.blocks.len());
            assert!(t.elapsed().as_secs() < 10);
        }
    }
}
