//! [`Document`] → the Markdown export editors read (`build/markdown/NAME.md`), and the
//! rule that ties its elements back to the blocks.
//!
//! The site does not read this Markdown: source pages are rendered from the blocks
//! ([`crate::render::html`]), which asks [`is_safe_inline_markdown`] the same question
//! about `.md` blocks and shows [`next_url`]'s URLs as links, so both show the same text.
//!
//! In: a [`Document`]. Out: Markdown without front matter. It never emits raw HTML, a
//! link with a scheme other than `http`, `https` or `mailto`, or text that Markdown
//! would read as markup: text from `.txt` and `.html` sources is escaped so it renders
//! literally, and a `.md` block that holds raw HTML or an unsafe link is escaped too.
//!
//! # The anchor rule
//!
//! Each block becomes exactly one *anchorable element*, in order, so **the N-th
//! anchorable element of the export is block N** (the source page's `id="p-N"`), and an
//! editor can count paragraphs in it. Parsing the export with
//! [`markdown_options`], the events that open an anchorable element are
//! ([`AnchorCounter::is_anchor_start`]):
//!
//! * every `Start(Paragraph)` that is not inside a list `Item` or a `FootnoteDefinition`;
//! * every `Start(Heading)`, `Start(CodeBlock)` and `Start(Item)` not inside a
//!   `FootnoteDefinition`.
//!
//! Nothing inside a footnote definition counts: the reference list is written as
//! `[^N]: …` definitions after the last block.

use crate::model::document::{Block, BlockKind, Document, Format, ListInfo, NoteMarker};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The pulldown-cmark options the export is written for (and `.md` sources are read
/// with): tables, footnotes, heading attributes and task lists; smart punctuation off.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// Follows the nesting of a pulldown-cmark event stream and says which events open an
/// anchorable element (see the module documentation). Feed it every event, in order.
///
/// ```
/// use brief::convert::{AnchorCounter, markdown_options};
/// let md = "# A\n\npara\n\n- one\n- two\n\n> quoted\n";
/// let mut counter = AnchorCounter::new();
/// let n = pulldown_cmark::Parser::new_ext(md, markdown_options())
///     .filter(|e| counter.is_anchor_start(e))
///     .count();
/// assert_eq!(n, 5);
/// ```
#[derive(Debug, Clone, Default)]
pub struct AnchorCounter {
    items: usize,
    footnotes: usize,
}

impl AnchorCounter {
    /// A counter at the top level of a document.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when `event` opens an anchorable element. Updates the nesting state, so it
    /// must see every event of the stream.
    pub fn is_anchor_start(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => {
                self.footnotes += 1;
                false
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.footnotes = self.footnotes.saturating_sub(1);
                false
            }
            Event::Start(Tag::Item) => {
                self.items += 1;
                self.footnotes == 0
            }
            Event::End(TagEnd::Item) => {
                self.items = self.items.saturating_sub(1);
                false
            }
            Event::Start(Tag::Paragraph) => self.footnotes == 0 && self.items == 0,
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => self.footnotes == 0,
            _ => false,
        }
    }
}

/// Number of anchorable elements in `markdown` (parsed with [`markdown_options`]).
pub fn anchorable_count(markdown: &str) -> usize {
    let mut counter = AnchorCounter::new();
    Parser::new_ext(markdown, markdown_options())
        .filter(|e| counter.is_anchor_start(e))
        .count()
}

/// Writes the Markdown export of `doc`: one anchorable element per block, in order,
/// separated by blank lines (consecutive list items of one kind form one tight list),
/// then the references as `[^N]: …` footnote definitions.
pub fn to_markdown(doc: &Document) -> String {
    let raw = doc.format == Format::Markdown;
    let mut out = String::new();
    let mut prev_item: Option<bool> = None;
    let mut prev_level = 0;
    for b in &doc.blocks {
        let item = match b.kind {
            BlockKind::ListItem { ordered } => Some(ordered),
            _ => None,
        };
        let place = doc.lists.get(&b.paragraph).copied().unwrap_or_default();
        let level = if item.is_some() { place.level } else { 0 };
        if !out.is_empty() {
            // Items of one list are separated by a single newline (tight list), and so
            // are a nested list's items from the items around them.
            if item.is_some()
                && prev_item.is_some()
                && (item == prev_item || level.max(prev_level) > 0)
            {
                out.push('\n');
            } else {
                out.push_str("\n\n");
            }
        }
        prev_item = item;
        prev_level = level;
        if item.is_some() && place != ListInfo::default() {
            // Word lists: four spaces a level (past any parent's marker), the item's own
            // number ("4. " starts a list at 4); a task item's checkbox.
            let indent = " ".repeat(4 * place.level as usize);
            let ordered = item == Some(true);
            let mut first = match place.number {
                Some(n) if ordered => format!("{indent}{n}. "),
                _ if ordered => format!("{indent}1. "),
                _ => format!("{indent}- "),
            };
            match place.task {
                Some(true) => first.push_str("[x] "),
                Some(false) => first.push_str("[ ] "),
                None => {}
            }
            let cont = " ".repeat(first.len());
            write_prefixed(&mut out, b, raw, &first, &cont);
            continue;
        }
        write_block(&mut out, b, raw);
    }
    for r in &doc.references {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&format!("[^{}]: ", r.number));
        let mut first = true;
        for line in r
            .text
            .lines()
            .map(|l| l.trim_matches(super::text::is_space))
        {
            if line.is_empty() {
                continue;
            }
            if !first {
                out.push_str("\n    ");
            }
            first = false;
            if raw {
                write_inline(&mut out, line, &[], 0, true);
            } else {
                write_linked_text(&mut out, line);
            }
        }
        if first {
            out.push_str("\\-");
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn write_block(out: &mut String, b: &Block, raw: bool) {
    let raw = raw && is_safe_inline_markdown(&b.text);
    match &b.kind {
        BlockKind::Heading { level } => {
            let level = (*level).clamp(1, 6) as usize;
            out.push_str(&"#".repeat(level));
            out.push(' ');
            let mut s = String::new();
            write_inline(&mut s, &b.text, &b.notes, 0, raw);
            // A heading is one line.
            out.push_str(&s.replace('\n', " "));
        }
        BlockKind::Paragraph => {
            write_prefixed(out, b, raw, "", "");
        }
        BlockKind::Quote => write_prefixed(out, b, raw, "> ", "> "),
        BlockKind::Attribution => {
            let skip = b.text.len() - strip_dashes(&b.text).len();
            let mut s = String::from("— ");
            write_inline(&mut s, &b.text, &b.notes, skip, raw);
            out.push_str(&s);
        }
        BlockKind::ListItem { ordered } => {
            let (first, cont) = if *ordered {
                ("1. ", "   ")
            } else {
                ("- ", "  ")
            };
            write_prefixed(out, b, raw, first, cont);
        }
        BlockKind::Code { lang } => {
            let longest = longest_run(&b.text, '`');
            let fence = "`".repeat(longest.max(2) + 1);
            out.push_str(&fence);
            if let Some(l) = lang {
                out.extend(
                    l.chars().filter(|c| {
                        c.is_alphanumeric() || matches!(c, '-' | '+' | '_' | '.' | '#')
                    }),
                );
            }
            out.push('\n');
            out.push_str(b.text.trim_end_matches(['\n', '\r']));
            out.push('\n');
            out.push_str(&fence);
        }
    }
}

/// Writes the block's inline text, with `first` before the first line and `cont` before
/// every other line. An empty text becomes a no-break space so the element still exists.
fn write_prefixed(out: &mut String, b: &Block, raw: bool, first: &str, cont: &str) {
    let mut s = String::new();
    write_inline(&mut s, &b.text, &b.notes, 0, raw);
    if s.trim().is_empty() {
        s = "\u{a0}".to_string();
    }
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(if i == 0 { first } else { cont });
        out.push_str(line);
    }
}

/// The attribution text without its leading dash(es) and spaces.
fn strip_dashes(s: &str) -> &str {
    s.trim_start_matches(['-', '—', '―', '–'])
        .trim_start_matches(super::text::is_space)
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// The block's footnote markers from `skip` on, in order, without overlaps or markers
/// that are not on character boundaries.
pub fn note_markers(text: &str, notes: &[NoteMarker], skip: usize) -> Vec<NoteMarker> {
    let mut sorted: Vec<&NoteMarker> = notes.iter().filter(|m| m.offset >= skip).collect();
    sorted.sort_by_key(|m| m.offset);
    let mut out: Vec<NoteMarker> = Vec::with_capacity(sorted.len());
    let mut pos = skip;
    for m in sorted {
        let end = m.offset + m.len;
        if m.offset < pos
            || end > text.len()
            || !text.is_char_boundary(m.offset)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push(m.clone());
        pos = end;
    }
    out
}

/// Writes `text[skip..]` as inline Markdown: each line trimmed, the footnote markers
/// replaced by `[^N]`, and (unless `raw`) every character escaped so it renders
/// literally. Lines are joined with `\n` (the caller adds container prefixes).
fn write_inline(out: &mut String, text: &str, notes: &[NoteMarker], skip: usize, raw: bool) {
    let mut s = String::new();
    let mut pos = skip.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    for m in note_markers(text, notes, pos) {
        let end = m.offset + m.len;
        push_segment(&mut s, &text[pos..m.offset], raw);
        s.push_str(&format!("[^{}]", m.number));
        pos = end;
    }
    push_segment(&mut s, &text[pos..], raw);
    // Normalise lines: trim each, drop blank ones (a blank line would split the block).
    let mut first = true;
    for line in s.split(['\n', '\r']) {
        let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
        let line = if raw {
            strip_container_prefix(line)
        } else {
            line
        };
        if line.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(line);
    }
}

/// Leading `>` markers left on continuation lines of a `.md` block inside a blockquote.
fn strip_container_prefix(line: &str) -> &str {
    let mut l = line;
    while let Some(rest) = l.strip_prefix('>') {
        l = rest.trim_start_matches([' ', '\t']);
    }
    l
}

/// Appends a segment of text, escaped unless `raw`. Escaping is per line: ASCII
/// punctuation that Markdown reads as markup anywhere gets a backslash, and so does a
/// line start that would open a block (`-`, `+`, `=`, `1.`, `1)`).
fn push_segment(out: &mut String, seg: &str, raw: bool) {
    if raw {
        out.push_str(seg);
        return;
    }
    escape_into(out, seg, out.is_empty() || out.ends_with('\n'));
}

fn escape_into(out: &mut String, seg: &str, mut at_line_start: bool) {
    let mut chars = seg.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if at_line_start {
            if c == ' ' || c == '\t' || c == '\r' {
                out.push(c);
                continue;
            }
            at_line_start = false;
            match c {
                '-' | '+' | '=' => out.push('\\'),
                '0'..='9' => {
                    // "1." / "1)" at a line start would open an ordered list.
                    let digits = seg[i..].bytes().take_while(u8::is_ascii_digit).count();
                    let after = seg[i + digits..].chars().next();
                    if matches!(after, Some('.' | ')')) {
                        out.push_str(&seg[i..i + digits]);
                        out.push('\\');
                        for _ in 1..digits {
                            chars.next();
                        }
                        continue;
                    }
                }
                _ => {}
            }
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '&'
            | '!' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            // A lone CR ends a line for Markdown too.
            '\n' | '\r' => {
                out.push('\n');
                at_line_start = true;
            }
            _ => out.push(c),
        }
    }
}

/// Escapes plain text, turning `http(s)://` URLs into autolinks.
fn write_linked_text(out: &mut String, text: &str) {
    let mut rest = text;
    let mut line_start = true;
    while let Some(i) = find_url(rest) {
        let (before, from) = rest.split_at(i);
        escape_into(out, before, line_start);
        let len = url_len(from);
        let url = &from[..len];
        out.push('<');
        out.push_str(url);
        out.push('>');
        line_start = false;
        rest = &from[len..];
    }
    escape_into(out, rest, line_start);
}

/// The next `http://` or `https://` URL in `s` that starts a word, as its byte range;
/// a reference list shows these as links (here as autolinks, on the source page as
/// `<a>`).
pub fn next_url(s: &str) -> Option<std::ops::Range<usize>> {
    let i = find_url(s)?;
    Some(i..i + url_len(&s[i..]))
}

/// Byte offset of the next `http://` or `https://` URL that starts a word.
fn find_url(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(j) = s[from..].find("http") {
        let i = from + j;
        let rest = &s[i..];
        let word_start = s[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if word_start
            && (rest.starts_with("http://") || rest.starts_with("https://"))
            && url_len(rest) > 8
        {
            return Some(i);
        }
        from = i + 4;
    }
    None
}

/// Length of the URL at the start of `s`: up to whitespace or a character autolinks
/// cannot hold, without trailing punctuation.
fn url_len(s: &str) -> usize {
    let end = s
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len());
    let t = s[..end].trim_end_matches(['.', ',', ';', ':', ')', ']', '\'', '”', '’']);
    t.len()
}

/// True when a `.md` block's raw text can be written as it is: it parses as one
/// paragraph with no raw HTML and no link or image with an unsafe scheme. Otherwise the
/// block is shown as plain text, here and on the source page
/// ([`crate::render::html`] asks the same question).
pub fn is_safe_inline_markdown(text: &str) -> bool {
    let mut s = String::new();
    write_inline(&mut s, text, &[], 0, true);
    let mut paragraphs = 0;
    let mut depth = 0usize;
    for e in Parser::new_ext(&s, markdown_options()) {
        match e {
            Event::Html(_) | Event::InlineHtml(_) => return false,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if !is_safe_url(&dest_url) {
                    return false;
                }
                depth += 1;
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                paragraphs += 1;
                depth += 1;
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            ) => depth += 1,
            Event::Start(_) => return false,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    paragraphs <= 1
}

/// `http`, `https`, `mailto`, or a relative URL.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let u = url.trim();
    match u.find([':', '/', '?', '#']) {
        Some(i) if u[i..].starts_with(':') => {
            let scheme = u[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
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

    fn html_of(md: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(md, markdown_options()));
        html
    }

    #[test]
    fn escapes_markup_in_text() {
        let texts = [
            "<script>alert(1)</script> & *bold* _it_ `code` [link](x) # not heading",
            "- not a list",
            "1. not a list either",
            "2014) a year",
            "===",
            "> not a quote",
            "| a | b |\n|---|---|",
            "ends with a backslash \\",
            "{#id} ~~strike~~ ![img](y)",
        ];
        for t in texts {
            let doc = Document {
                blocks: vec![block(BlockKind::Paragraph, t)],
                ..Default::default()
            };
            let md = to_markdown(&doc);
            assert_eq!(anchorable_count(&md), 1, "{md}");
            let html = html_of(&md);
            assert!(html.starts_with("<p>"), "{t:?} → {html}");
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<a "), "{html}");
            assert!(!html.contains("<em>"), "{html}");
        }
        let doc = Document {
            blocks: vec![block(BlockKind::Paragraph, "<script>alert(1)</script>")],
            ..Default::default()
        };
        assert!(html_of(&to_markdown(&doc)).contains("&lt;script&gt;"));
    }

    #[test]
    fn one_element_per_block_and_tight_lists() {
        let doc = Document {
            blocks: vec![
                block(BlockKind::Heading { level: 2 }, "Section"),
                block(BlockKind::Quote, "“One.”"),
                block(BlockKind::Quote, "“Two.”"),
                block(BlockKind::Attribution, "--Someone"),
                block(BlockKind::ListItem { ordered: false }, "a\nb"),
                block(BlockKind::ListItem { ordered: false }, "c"),
                block(BlockKind::ListItem { ordered: true }, "d"),
                block(BlockKind::Paragraph, "after"),
                block(
                    BlockKind::Code {
                        lang: Some("rust".into()),
                    },
                    "fn main() {}\n```",
                ),
            ],
            references: vec![Reference {
                number: 1,
                text: "See https://example.org/a_b; javascript:alert(1)\nhttps://example.org/c"
                    .into(),
            }],
            ..Default::default()
        };
        let md = to_markdown(&doc);
        assert_eq!(anchorable_count(&md), doc.blocks.len(), "{md}");
        assert!(md.contains("— Someone"));
        let html = html_of(&md);
        assert!(html.contains("href=\"https://example.org/a_b\""), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert_eq!(html.matches("<blockquote>").count(), 2);
    }

    #[test]
    fn markers_become_footnote_references() {
        let src = "T\n\nIt happened in May 20101 and was reported2.\n\nNotes\n\n[1] a\n\n[2] b";
        let doc = convert(src, Format::Text);
        let md = to_markdown(&doc);
        assert!(md.contains("May 2010[^1] and was reported[^2]."), "{md}");
        assert!(md.contains("[^2]: b"));
        assert_eq!(anchorable_count(&md), doc.blocks.len());
    }

    #[test]
    fn unsafe_markdown_blocks_are_escaped() {
        let src = "Para with <b onclick=x>html</b> and [x](javascript:alert(1)).\n\nSafe *em* [ok](https://e.org).";
        let doc = convert(src, Format::Markdown);
        let md = to_markdown(&doc);
        let html = html_of(&md);
        assert!(!html.contains("<b "), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("<em>em</em>"), "{html}");
        assert_eq!(anchorable_count(&md), doc.blocks.len());
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://x"));
        assert!(is_safe_url("/a/b:c"));
        assert!(is_safe_url("#frag"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" DATA:text/html,x"));
    }
}
