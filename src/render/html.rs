//! A source page's body: a converted [`Document`] → HTML, straight from its blocks.
//!
//! In: a [`Document`] (blocks with their kind, text and footnote markers, and the
//! reference list), its [`Anchoring`] (the blocks' content ids from
//! [`crate::model::anchors`], the fact sentences and the facts to mark in it, each a
//! [`Mark`]: block number and byte offset in the block's text, as extraction found them)
//! and the optional code [`Highlighter`]. Out: [`SourceHtml`], the body HTML and the
//! page's headings.
//!
//! One pass over the blocks, in order; block N (1-based, the block's `paragraph`) is the
//! element whose `id` is its content anchor (`b-…`), and it holds an empty
//! `<span class="alias" id="p-N">` so that links to the old positional ids still land
//! on it ([`render_document`], without anchors, keeps `id="p-N"`). A block with a fact,
//! and every heading, ends with a permalink (`¶`) to itself:
//!
//! * a heading is `<hN>`; a paragraph, and an epigraph's attribution (`— Name`), `<p>`;
//!   a quote `<blockquote><p>`; consecutive list items of one kind are the `<li>`s of
//!   one `<ul>` or `<ol>`; code is `<pre class="code"><code>`, highlighted with CSS
//!   classes when highlighting is on;
//! * the text of `.txt` and `.html` blocks is escaped, never read as markup: each line
//!   trimmed, blank lines dropped, lines joined by a newline (by a space in headings); a
//!   block with no visible text keeps a no-break space so the element is not empty;
//! * a `.md` block is inline Markdown, parsed with pulldown-cmark (by offset, see
//!   [`Parser::into_offset_iter`]) when it is safe
//!   ([`crate::convert::is_safe_inline_markdown`]: one paragraph, no raw HTML, no link
//!   or image other than relative, `http(s)` or `mailto`); otherwise it is shown as
//!   plain text, like a `.txt` block. As a second line of defence raw HTML is still
//!   escaped, a link that fails [`is_safe_link`] loses its target and an image with an
//!   unsafe source is replaced by its alt text;
//! * footnote markers become links to the notes; the reference list becomes the notes
//!   section at the end (as on hand-written pages, [`super::markdown`]): a `.txt` or
//!   `.html` reference is escaped text whose URLs are links, a `.md` one is rendered as
//!   untrusted Markdown (raw HTML escaped, unsafe links neutralised).
//!
//! The Markdown written to `build/markdown/` ([`crate::convert::to_markdown`]) is an
//! export for editors; this page does not read it.
//!
//! # Sentences and marks
//!
//! A sentence that states a fact is a `<span class="sentence" id="s-…">`, followed by a
//! permalink (`#`) to it; the fact marks sit inside it. Sentence spans are placed and
//! split like marks (below), one layer out: they close before markup that opens or
//! closes an element, but footnote references, inline code, images and line breaks sit
//! inside them.
//!
//! A fact's mark covers the bytes `start..start + text.len()` of its block's text (the
//! extractor's `quote_offset + span_offset`), so the words are marked where the fact
//! is, also when the same words occur earlier in the block. The HTML stays well-formed:
//!
//! * A mark is `<a class="fact-link" href…><mark id… class… title…>…</mark></a>` around
//!   text only. Where it meets inline markup (emphasis, a link's start or end, a
//!   footnote reference, inline code, an image, a hard break) it is closed before and
//!   reopened after, so a mark is split rather than crossing an element; only its first
//!   piece carries the `id`. Inside a link a piece is a bare `<mark>` (links do not
//!   nest). Inline code, alt text and footnote markers are never marked.
//! * Overlapping marks: in order of start (the longer first at one start), a mark that
//!   overlaps one already placed is left out.
//! * A mark whose words are not at its offset in the block's text, or none of whose
//!   words are shown as text, is left out.
//!
//! Left-out marks are listed in [`SourceHtml::unplaced_marks`]; their facts are still
//! listed beside the text and in the briefing.

use super::markdown::{Footnotes, Highlighter, NoteLabels, image, inline_end, inline_start};
use crate::convert::note_markers;
use crate::model::anchors::Anchors;
use crate::model::document::{Block, BlockKind, Document, Format, ListInfo, NoteMarker, Reference};
use crate::util::html::{escape_html, escape_into};
use crate::util::slug::slugify;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

/// A fact to mark inside a block of a source page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the marked words in the block's text.
    pub start: usize,
    /// The marked words (the mark is placed only if they are at `start`).
    pub text: String,
    /// `id` of the `<mark>`, so other pages can link to it.
    pub id: String,
    /// Where the mark links to (the timeline entry or the statistic).
    pub href: String,
    /// Tooltip / accessible description; empty for none.
    pub title: String,
    /// CSS class, e.g. `fact-event` or `fact-stat`.
    pub class: String,
}

/// The body of a source page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceHtml {
    /// The body HTML (notes included at the end).
    pub html: String,
    /// Headings: level, id (`p-N`), text.
    pub headings: Vec<(u8, String, String)>,
    /// Marks that were left out (their ids), see the module documentation.
    pub unplaced_marks: Vec<String>,
}

/// The pulldown-cmark options `.md` blocks are read with: the converter's, plus
/// strikethrough; smart punctuation stays off so quotes stay verbatim.
fn options() -> Options {
    crate::convert::markdown_options() | Options::ENABLE_STRIKETHROUGH
}

/// Renders the body of a source page with positional ids (`p-N`) and no sentence
/// spans. `marks` are keyed by block number (1-based).
pub fn render_document(
    doc: &Document,
    marks: &BTreeMap<u32, Vec<Mark>>,
    highlighter: Option<&Highlighter>,
) -> SourceHtml {
    render_anchored(
        doc,
        &Anchoring {
            anchors: &Anchors::default(),
            facts: marks,
            sentences: &BTreeMap::new(),
            paragraph_link: "",
            pdf: None,
            task_labels: ["done", "not done"],
            labels_lang: None,
            note_labels: &NoteLabels::default(),
        },
        highlighter,
    )
}

/// What a source page anchors and marks.
#[derive(Debug, Clone, Copy)]
pub struct Anchoring<'a> {
    /// The blocks' content ids (a block without one keeps `p-N`; a block with one
    /// also gets an empty `p-N` alias, for links shared before).
    pub anchors: &'a Anchors,
    /// The facts to mark, by block number (1-based).
    pub facts: &'a BTreeMap<u32, Vec<Mark>>,
    /// The fact sentences, by block number: each becomes a `<span class="sentence">`
    /// with the mark's id, followed by a permalink to it (`href`, labelled `title`).
    pub sentences: &'a BTreeMap<u32, Vec<Mark>>,
    /// Accessible label of a paragraph's permalink; empty for no permalinks.
    pub paragraph_link: &'a str,
    /// The source's PDF beside the page (`slug.pdf`), when it is published: the
    /// "p. N" page marks link to its pages.
    pub pdf: Option<&'a str>,
    /// The accessible names of a task item's checkbox, done and not done.
    pub task_labels: [&'a str; 2],
    /// The language of the labels above when the document's text is in another one
    /// (an English source on a Spanish page): each labelled element says so.
    pub labels_lang: Option<&'a str>,
    /// The words of the notes section, in the page's language.
    pub note_labels: &'a NoteLabels,
}

/// Renders the body of a source page: block N gets its content id (and a `p-N`
/// alias), fact sentences their spans, facts their marks.
pub fn render_anchored(
    doc: &Document,
    anchoring: &Anchoring,
    highlighter: Option<&Highlighter>,
) -> SourceHtml {
    let total: usize = doc.blocks.iter().map(|b| b.text.len()).sum();
    let labels_lang = anchoring
        .labels_lang
        .map(|l| format!(" lang=\"{}\"", escape_html(l)))
        .unwrap_or_default();
    let mut page = Page {
        out: String::with_capacity(total + total / 4 + 256),
        notes: Footnotes::with_labels(NoteLabels {
            lang_attr: labels_lang.clone(),
            ..anchoring.note_labels.clone()
        }),
        headings: Vec::new(),
        unplaced: Vec::new(),
        highlighter,
        markdown: doc.format == Format::Markdown,
        labels_lang: &labels_lang,
    };
    page.notes.defined = doc
        .references
        .iter()
        .map(|r| r.number.to_string())
        .collect();
    let mut lists = Lists::default();
    let mut last_page = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        let n = i as u32 + 1;
        let item = match b.kind {
            BlockKind::ListItem { ordered } => Some(ordered),
            _ => None,
        };
        // A paged source (PDF): "p. 12" where page 12 starts, outside any list.
        let new_page = b.page.filter(|&p| last_page != Some(p));
        if let Some(p) = new_page {
            last_page = Some(p);
            lists.close_all(&mut page.out);
            let label = format!("p.\u{a0}{p}");
            let label = match anchoring.pdf {
                Some(f) => format!("<a href=\"{}#page={p}\">{label}</a>", escape_html(f)),
                None => label,
            };
            let _ = writeln!(
                page.out,
                "<p class=\"page-break\" id=\"page-{p}\">{label}</p>"
            );
        }
        let place = doc.lists.get(&n).copied().unwrap_or_default();
        match item {
            Some(ordered) => lists.item(&mut page.out, ordered, place),
            None => lists.close_all(&mut page.out),
        }
        // The item stays open when the next block is an item nested in it.
        let nests = item.is_some()
            && doc.blocks.get(i + 1).is_some_and(|next| {
                matches!(next.kind, BlockKind::ListItem { .. })
                    && next.page.is_none_or(|p| Some(p) == last_page)
                    && doc.lists.get(&(n + 1)).map_or(0, |p| p.level) > place.level
            });
        let facts = anchoring.facts.get(&n).map_or(&[][..], Vec::as_slice);
        let sentences = anchoring.sentences.get(&n).map_or(&[][..], Vec::as_slice);
        let id = anchoring.anchors.paragraph(n);
        let permalink = (!anchoring.paragraph_link.is_empty()
            && (!facts.is_empty() || matches!(b.kind, BlockKind::Heading { .. })))
        .then_some(anchoring.paragraph_link);
        page.block(
            b,
            &BlockIds {
                n,
                id: &id,
                permalink,
                task: place.task.map(|done| {
                    if done {
                        ('☑', anchoring.task_labels[0])
                    } else {
                        ('☐', anchoring.task_labels[1])
                    }
                }),
            },
            sentences,
            facts,
        );
        if item.is_some() {
            if nests {
                page.out.push('\n');
                lists.keep_open();
            } else {
                page.out.push_str("</li>\n");
            }
        }
    }
    lists.close_all(&mut page.out);
    for r in &doc.references {
        let label = r.number.to_string();
        if !page.notes.bodies.contains_key(&label) {
            let body = page.reference(r);
            page.notes.bodies.insert(label, body);
        }
    }
    page.notes.write_section(&mut page.out);
    SourceHtml {
        html: page.out,
        headings: page.headings,
        unplaced_marks: page.unplaced,
    }
}

struct Page<'h> {
    out: String,
    notes: Footnotes,
    headings: Vec<(u8, String, String)>,
    unplaced: Vec<String>,
    highlighter: Option<&'h Highlighter>,
    /// ` lang="…"` for the labels of permalinks and task boxes, or empty (see
    /// [`Anchoring::labels_lang`]).
    labels_lang: &'h str,
    /// The document is a `.md` source: its blocks hold inline Markdown.
    markdown: bool,
}

/// How a block's inline content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// A paragraph, quote or list item: lines joined by newlines; no visible text gives
    /// a no-break space.
    Block,
    /// A heading: one line.
    Heading,
    /// An attribution: `—`, then the text after the dashes.
    Attribution,
}

/// A block's inline content, ready to write.
enum Inline {
    /// Escaped text: the kept lines (byte ranges in the block's text) and the footnote
    /// markers inside them.
    Plain {
        lines: Vec<Range<usize>>,
        notes: Vec<NoteMarker>,
    },
    /// Inline Markdown: the text to parse and, for each of its bytes (and its end), the
    /// byte offset in the block's text it came from.
    Markdown { text: String, map: Vec<usize> },
}

impl Inline {
    /// True when nothing but whitespace would show.
    fn is_blank(&self, text: &str) -> bool {
        match self {
            Inline::Plain { lines, .. } => lines.iter().all(|r| text[r.clone()].trim().is_empty()),
            Inline::Markdown { text, .. } => text.trim().is_empty(),
        }
    }

    /// Where the bytes `range` of the block's text are in this content, if any shows.
    fn locate(&self, range: Range<usize>) -> Option<Range<usize>> {
        match self {
            Inline::Plain { .. } => Some(range),
            Inline::Markdown { map, .. } => {
                let start = map.partition_point(|&o| o < range.start);
                let end = map.partition_point(|&o| o < range.end);
                (start < end).then_some(start..end)
            }
        }
    }
}

/// The lists open around the current block, outermost first: each list's kind, level,
/// the number its next item would have, and whether its last item is still open (a
/// nested list follows inside it).
#[derive(Default)]
struct Lists(Vec<OpenList>);

struct OpenList {
    ordered: bool,
    level: u8,
    next: Option<u32>,
    item_open: bool,
}

impl Lists {
    /// Closes the innermost list, and the item around it.
    fn close_one(&mut self, out: &mut String) {
        if let Some(l) = self.0.pop() {
            out.push_str(if l.ordered { "</ol>\n" } else { "</ul>\n" });
            if let Some(parent) = self.0.last_mut()
                && parent.item_open
            {
                out.push_str("</li>\n");
                parent.item_open = false;
            }
        }
    }

    fn close_all(&mut self, out: &mut String) {
        while !self.0.is_empty() {
            self.close_one(out);
        }
    }

    /// Before an item: closes the lists nested deeper than it, or of another kind at
    /// its level, or whose numbering it does not continue; opens its list if needed
    /// (`<ol start="4">` for a list numbered from 4).
    fn item(&mut self, out: &mut String, ordered: bool, place: ListInfo) {
        while self.0.last().is_some_and(|l| l.level > place.level) {
            self.close_one(out);
        }
        if let Some(l) = self.0.last()
            && l.level == place.level
            && (l.ordered != ordered
                || place.number.is_some() && l.next.is_some() && place.number != l.next)
        {
            // A sibling list inside the same item keeps that item open.
            let l = self.0.pop().expect("checked");
            out.push_str(if l.ordered { "</ol>\n" } else { "</ul>\n" });
        }
        if self.0.last().is_none_or(|l| l.level < place.level) {
            match (ordered, place.number) {
                (true, Some(start)) if start != 1 => {
                    let _ = writeln!(out, "<ol start=\"{start}\">");
                }
                (true, _) => out.push_str("<ol>\n"),
                (false, _) => out.push_str("<ul>\n"),
            }
            self.0.push(OpenList {
                ordered,
                level: place.level,
                next: None,
                item_open: false,
            });
        }
        if let Some(l) = self.0.last_mut() {
            l.next = place.number.map(|n| n.saturating_add(1));
        }
    }

    /// The item just written stays open: a nested list follows inside it.
    fn keep_open(&mut self) {
        if let Some(l) = self.0.last_mut() {
            l.item_open = true;
        }
    }
}

impl Page<'_> {
    /// Writes the start of block `ids`: the element's id, then the `p-N` alias when
    /// the id is a content id.
    fn open_block(&mut self, tag: &str, ids: &BlockIds, extra: &str) {
        let _ = write!(self.out, "<{tag} id=\"{}\"{extra}>", escape_html(ids.id));
        self.alias(ids);
    }

    /// An empty element with the old positional id, inside the block, for links
    /// shared before ids came from content.
    fn alias(&mut self, ids: &BlockIds) {
        if ids.id != format!("p-{}", ids.n) {
            let _ = write!(self.out, "<span class=\"alias\" id=\"p-{}\"></span>", ids.n);
        }
    }

    /// The block's permalink, if it has one, before its end.
    fn permalink(&mut self, ids: &BlockIds) {
        if let Some(label) = ids.permalink {
            let _ = write!(
                self.out,
                " <a class=\"permalink\" href=\"#{}\" aria-label=\"{}\"{} data-pagefind-ignore>¶</a>",
                escape_html(ids.id),
                escape_html(label),
                self.labels_lang
            );
        }
    }

    fn block(&mut self, b: &Block, ids: &BlockIds, sentences: &[Mark], marks: &[Mark]) {
        let marks = Layers { sentences, marks };
        match &b.kind {
            BlockKind::Heading { level } => {
                let level = (*level).clamp(1, 6);
                self.open_block(&format!("h{level}"), ids, "");
                let mut text = String::new();
                self.inline(b, 0, Layout::Heading, marks, Some(&mut text));
                self.permalink(ids);
                let _ = writeln!(self.out, "</h{level}>");
                self.headings.push((level, ids.id.to_string(), text));
            }
            BlockKind::Paragraph => {
                self.open_block("p", ids, "");
                self.inline(b, 0, Layout::Block, marks, None);
                self.permalink(ids);
                self.out.push_str("</p>\n");
            }
            BlockKind::Quote => {
                self.out.push_str("<blockquote>\n");
                self.open_block("p", ids, "");
                self.inline(b, 0, Layout::Block, marks, None);
                self.permalink(ids);
                self.out.push_str("</p>\n</blockquote>\n");
            }
            BlockKind::Attribution => {
                let dashes = b.text.len()
                    - b.text
                        .trim_start_matches(['-', '—', '―', '–'])
                        .trim_start_matches(char::is_whitespace)
                        .len();
                self.open_block("p", ids, "");
                self.out.push('—');
                self.inline(b, dashes, Layout::Attribution, marks, None);
                self.permalink(ids);
                self.out.push_str("</p>\n");
            }
            BlockKind::ListItem { .. } => {
                // Closed by the caller, after any list nested in it.
                self.open_block("li", ids, "");
                // Issue 17: a task item's checkbox, drawn, with an accessible name (a
                // disabled <input> would be a form control outside any form).
                if let Some((glyph, label)) = ids.task {
                    let _ = write!(
                        self.out,
                        "<span class=\"task\" role=\"img\" aria-label=\"{}\"{} data-pagefind-ignore>{glyph}</span> ",
                        escape_html(label),
                        self.labels_lang
                    );
                }
                self.inline(b, 0, Layout::Block, marks, None);
                self.permalink(ids);
            }
            BlockKind::Code { lang } => {
                let lang: String = lang
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '_' | '.' | '#'))
                    .collect();
                let mut code = b.text.trim_end_matches(['\n', '\r']).to_string();
                code.push('\n');
                let body = match self.highlighter {
                    Some(h) if !lang.is_empty() => h.highlight(&code, &lang),
                    _ => escape_html(&code),
                };
                let lang_class = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"language-{}\"", escape_html(&slugify(&lang)))
                };
                // The alias goes before: `<pre>` keeps its text as is.
                self.alias(ids);
                let _ = writeln!(
                    self.out,
                    "<pre id=\"{}\" class=\"code\" tabindex=\"0\"><code{lang_class}>{body}</code></pre>",
                    escape_html(ids.id)
                );
                self.unplaced
                    .extend(marks.marks.iter().map(|m| m.id.clone()));
                self.unplaced.extend(sentences.iter().map(|m| m.id.clone()));
            }
        }
    }

    /// Writes the inline content of `b.text[skip..]`, with its marks.
    fn inline(
        &mut self,
        b: &Block,
        skip: usize,
        layout: Layout,
        marks: Layers,
        heading_text: Option<&mut String>,
    ) {
        let mut skip = skip.min(b.text.len());
        while !b.text.is_char_boundary(skip) {
            skip -= 1;
        }
        let notes = note_markers(&b.text, &b.notes, skip);
        let content = if self.markdown && crate::convert::is_safe_inline_markdown(&b.text) {
            let (text, map) = inline_markdown(&b.text, &notes, skip, layout == Layout::Heading);
            Inline::Markdown { text, map }
        } else {
            Inline::Plain {
                lines: plain_lines(&b.text, skip),
                notes,
            }
        };
        let empty = match &content {
            Inline::Plain { lines, .. } => lines.is_empty(),
            Inline::Markdown { text, .. } => text.is_empty(),
        };
        match layout {
            Layout::Block if content.is_blank(&b.text) => {
                self.out.push('\u{a0}');
                self.unplaced
                    .extend(marks.marks.iter().map(|m| m.id.clone()));
                self.unplaced
                    .extend(marks.sentences.iter().map(|m| m.id.clone()));
                return;
            }
            Layout::Attribution if !empty => self.out.push(' '),
            _ => {}
        }
        let mut cursor = MarkCursor::new(
            place(&b.text, marks.sentences, &content, &mut self.unplaced),
            place(&b.text, marks.marks, &content, &mut self.unplaced),
            self.labels_lang,
        );
        let sep = if layout == Layout::Heading { " " } else { "\n" };
        match &content {
            Inline::Plain { lines, notes } => {
                self.plain(&b.text, lines, notes, sep, &mut cursor, heading_text)
            }
            Inline::Markdown { text, .. } => self.markdown(text, &mut cursor, heading_text),
        }
        cursor.finish(&mut self.out, &mut self.unplaced);
    }

    /// Writes escaped lines, with footnote references at the markers.
    fn plain(
        &mut self,
        text: &str,
        lines: &[Range<usize>],
        notes: &[NoteMarker],
        sep: &str,
        cursor: &mut MarkCursor,
        mut heading_text: Option<&mut String>,
    ) {
        let mut notes = notes.iter().peekable();
        let mut done = 0;
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                cursor.text(&mut self.out, sep, done.max(lines[i - 1].end));
                if let Some(h) = heading_text.as_deref_mut() {
                    h.push_str(sep);
                }
            }
            let mut pos = line.start.max(done);
            while let Some(m) = notes.next_if(|m| m.offset < line.end) {
                if m.offset < pos {
                    continue;
                }
                let seg = &text[pos..m.offset];
                cursor.text(&mut self.out, seg, pos);
                if let Some(h) = heading_text.as_deref_mut() {
                    h.push_str(seg);
                }
                cursor.pause_fact(&mut self.out);
                self.notes.reference(&mut self.out, &m.number.to_string());
                pos = m.offset + m.len;
            }
            if pos < line.end {
                let seg = &text[pos..line.end];
                cursor.text(&mut self.out, seg, pos);
                if let Some(h) = heading_text.as_deref_mut() {
                    h.push_str(seg);
                }
            }
            done = pos.max(line.end);
        }
    }

    /// Writes inline Markdown, parsed by offset so marks land on the source bytes.
    fn markdown(
        &mut self,
        md: &str,
        cursor: &mut MarkCursor,
        mut heading_text: Option<&mut String>,
    ) {
        // pulldown-cmark reads `[^N]` as a reference only when note N is defined: define
        // the page's notes that the text names, after it.
        let mut src = String::new();
        let mut named: Vec<&str> = Vec::new();
        let mut rest = md;
        while let Some(i) = rest.find("[^") {
            rest = &rest[i + 2..];
            if let Some(label) = rest.split(']').next()
                && self.notes.defined.contains(label)
                && !named.contains(&label)
            {
                named.push(label);
                let _ = write!(src, "\n\n[^{label}]: -");
            }
        }
        let src = if src.is_empty() {
            std::borrow::Cow::Borrowed(md)
        } else {
            std::borrow::Cow::Owned(format!("{md}{src}\n"))
        };
        let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&src, options())
            .into_offset_iter()
            .collect();
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            i += 1;
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => break,
                Event::Text(t) => {
                    if let Some(h) = heading_text.as_deref_mut() {
                        h.push_str(t);
                    }
                    if md.get(range.clone()) == Some(t.as_ref()) {
                        cursor.text(&mut self.out, t, range.start);
                    } else {
                        // An escape or an entity: one piece.
                        cursor.unit(&mut self.out, t, range.start);
                    }
                }
                Event::SoftBreak => {
                    if md.get(range.clone()) == Some("\n") {
                        cursor.text(&mut self.out, "\n", range.start);
                    } else {
                        cursor.unit(&mut self.out, "\n", range.start);
                    }
                }
                // Never trusted: shown as text.
                Event::InlineHtml(h) | Event::Html(h) => cursor.unit(&mut self.out, h, range.start),
                Event::InlineMath(m) | Event::DisplayMath(m) => {
                    cursor.unit(&mut self.out, m, range.start)
                }
                Event::Code(c) => {
                    if let Some(h) = heading_text.as_deref_mut() {
                        h.push_str(c);
                    }
                    cursor.pause_fact(&mut self.out);
                    let _ = write!(self.out, "<code>{}</code>", escape_html(c));
                }
                Event::HardBreak => {
                    cursor.pause_fact(&mut self.out);
                    self.out.push_str("<br>\n");
                }
                Event::FootnoteReference(label) => {
                    cursor.pause_fact(&mut self.out);
                    self.notes.reference(&mut self.out, label);
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    cursor.pause_fact(&mut self.out);
                    // The alt text is the image's inline content, as plain text.
                    let mut alt = String::new();
                    let mut depth = 1;
                    while i < events.len() && depth > 0 {
                        match &events[i].0 {
                            Event::Start(Tag::Image { .. }) => depth += 1,
                            Event::End(TagEnd::Image) => depth -= 1,
                            Event::Text(t) | Event::Code(t) => alt.push_str(t),
                            _ => {}
                        }
                        i += 1;
                    }
                    if let Some(h) = heading_text.as_deref_mut() {
                        h.push_str(&alt);
                    }
                    image(&mut self.out, dest_url, title, &alt);
                }
                Event::Start(tag) => {
                    cursor.pause(&mut self.out);
                    if inline_start(&mut self.out, tag) {
                        cursor.links += 1;
                    }
                }
                Event::End(tag) => {
                    cursor.pause(&mut self.out);
                    if inline_end(&mut self.out, tag) {
                        cursor.links = cursor.links.saturating_sub(1);
                    }
                }
                Event::TaskListMarker(_) | Event::Rule => {}
            }
        }
    }

    /// The body of a note: a `.md` reference is Markdown (rendered as a hand-written
    /// page's, untrusted); a plain one is escaped text whose URLs are links.
    fn reference(&self, r: &Reference) -> String {
        if self.markdown {
            let mut md = String::new();
            for line in r.text.split(['\n', '\r']) {
                let line = strip_container_prefix(line.trim_matches(char::is_whitespace));
                if !line.is_empty() {
                    if !md.is_empty() {
                        md.push('\n');
                    }
                    md.push_str(line);
                }
            }
            if md.is_empty() {
                return "<p>-</p>\n".to_string();
            }
            return super::markdown::render(
                &md,
                &super::markdown::MarkdownOptions {
                    highlighter: self.highlighter,
                    ..Default::default()
                },
            )
            .html;
        }
        let mut out = String::from("<p>");
        let mut first = true;
        for line in r.text.split(['\n', '\r']) {
            let line = line.trim_matches(char::is_whitespace);
            if line.is_empty() {
                continue;
            }
            if !first {
                out.push('\n');
            }
            first = false;
            let mut rest = line;
            while let Some(url) = crate::convert::next_url(rest) {
                escape_into(&mut out, &rest[..url.start]);
                let u = escape_html(&rest[url.clone()]);
                let _ = write!(out, "<a href=\"{u}\">{u}</a>");
                rest = &rest[url.end..];
            }
            escape_into(&mut out, rest);
        }
        if first {
            out.push('-');
        }
        out.push_str("</p>\n");
        out
    }
}

/// The lines of `text[skip..]` (split at `\n` and `\r`), each trimmed of spaces and
/// tabs, blank ones left out.
fn plain_lines(text: &str, skip: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = skip;
    let bytes = text.as_bytes();
    for end in (skip..text.len())
        .filter(|&i| matches!(bytes[i], b'\n' | b'\r'))
        .chain([text.len()])
    {
        let line = &text[start..end];
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let trimmed = line.trim_matches([' ', '\t']);
        if !trimmed.is_empty() {
            lines.push(start + lead..start + lead + trimmed.len());
        }
        start = end + 1;
    }
    lines
}

/// The inline Markdown of a `.md` block, as the export writes it: footnote markers
/// become `[^N]`, each line trimmed and rid of leftover `>` markers, blank lines left
/// out, lines joined by `\n` (a space in a heading). Returns the text and, for each of
/// its bytes and its end, the offset in the block's text it came from.
fn inline_markdown(
    text: &str,
    notes: &[NoteMarker],
    skip: usize,
    one_line: bool,
) -> (String, Vec<usize>) {
    // First the markers, replaced.
    let mut with_notes = String::with_capacity(text.len() - skip + 8);
    let mut map1: Vec<usize> = Vec::with_capacity(text.len() - skip + 8);
    let mut pos = skip;
    for m in notes {
        with_notes.push_str(&text[pos..m.offset]);
        map1.extend(pos..m.offset);
        let label = format!("[^{}]", m.number);
        map1.extend(std::iter::repeat_n(m.offset, label.len()));
        with_notes.push_str(&label);
        pos = m.offset + m.len;
    }
    with_notes.push_str(&text[pos..]);
    map1.extend(pos..text.len());
    map1.push(text.len());
    // Then the lines.
    let mut out = String::with_capacity(with_notes.len());
    let mut map = Vec::with_capacity(map1.len());
    let bytes = with_notes.as_bytes();
    let mut start = 0;
    for end in (0..bytes.len())
        .filter(|&i| matches!(bytes[i], b'\n' | b'\r'))
        .chain([bytes.len()])
    {
        let line = &with_notes[start..end];
        let trimmed = strip_container_prefix(line.trim_matches([' ', '\t']));
        if !trimmed.is_empty() {
            let at = start + (line.len() - line.trim_start_matches([' ', '\t']).len());
            let at = at + (line.trim_matches([' ', '\t']).len() - trimmed.len());
            if !out.is_empty() {
                out.push(if one_line { ' ' } else { '\n' });
                map.push(map1[start.saturating_sub(1)]);
            }
            out.push_str(trimmed);
            map.extend_from_slice(&map1[at..at + trimmed.len()]);
        }
        start = end + 1;
    }
    map.push(text.len());
    (out, map)
}

/// Leading `>` markers left on continuation lines of a `.md` block inside a blockquote.
fn strip_container_prefix(line: &str) -> &str {
    let mut l = line;
    while let Some(rest) = l.strip_prefix('>') {
        l = rest.trim_start_matches([' ', '\t']);
    }
    l
}

/// The block's marks that can be placed, as ranges of `content`, in order, without
/// overlaps; the others go to `unplaced`.
fn place<'m>(
    text: &str,
    marks: &'m [Mark],
    content: &Inline,
    unplaced: &mut Vec<String>,
) -> Vec<(Range<usize>, &'m Mark)> {
    let mut found: Vec<(Range<usize>, &Mark)> = Vec::with_capacity(marks.len());
    for m in marks {
        let end = m.start + m.text.len();
        let located = (!m.text.is_empty() && text.get(m.start..end) == Some(m.text.as_str()))
            .then(|| content.locate(m.start..end))
            .flatten();
        match located {
            Some(r) => found.push((r, m)),
            None => unplaced.push(m.id.clone()),
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut placed: Vec<(Range<usize>, &Mark)> = Vec::with_capacity(found.len());
    for (r, m) in found {
        if placed.last().is_some_and(|(p, _)| r.start < p.end) {
            unplaced.push(m.id.clone());
        } else {
            placed.push((r, m));
        }
    }
    placed
}

/// A block's number, id and permalink label.
struct BlockIds<'a> {
    /// Its 1-based number (the `p-N` alias).
    n: u32,
    /// Its element id.
    id: &'a str,
    /// The accessible label of its permalink, if it gets one.
    permalink: Option<&'a str>,
    /// A task list item's checkbox: the glyph and its accessible label.
    task: Option<(char, &'a str)>,
}

/// The sentence spans and fact marks of one block.
#[derive(Clone, Copy)]
struct Layers<'m> {
    sentences: &'m [Mark],
    marks: &'m [Mark],
}

/// How a layer's pieces are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `<span class="sentence">`, and a permalink after its last piece.
    Sentence,
    /// `<a class="fact-link"><mark>` (a bare `<mark>` inside a link).
    Fact,
}

/// One layer of ranges (sentences, or fact marks) opened and closed as a block's text
/// is written, in order.
struct Layer<'m> {
    style: Style,
    marks: Vec<(Range<usize>, &'m Mark)>,
    /// The mark being written or next to come.
    next: usize,
    /// A piece of `marks[next]` is open; `true` if it is wrapped in a link.
    open: Option<bool>,
    /// `marks[next]` has been opened (its id written).
    started: bool,
    /// Ids of the marks that ended before they were opened.
    unplaced: Vec<String>,
    /// ` lang="…"` for a sentence permalink's label, or empty.
    labels_lang: &'m str,
}

impl<'m> Layer<'m> {
    fn new(style: Style, marks: Vec<(Range<usize>, &'m Mark)>, labels_lang: &'m str) -> Self {
        Layer {
            style,
            labels_lang,
            marks,
            next: 0,
            open: None,
            started: false,
            unplaced: Vec::new(),
        }
    }

    fn current(&self) -> Option<(Range<usize>, &'m Mark)> {
        self.marks.get(self.next).map(|(r, m)| (r.clone(), *m))
    }

    /// True when the current mark ends at or before `here`.
    fn ends_by(&self, here: usize) -> bool {
        self.current().is_some_and(|(r, _)| r.end <= here)
    }

    /// True when the current mark covers `here` and no piece of it is open.
    fn due(&self, here: usize) -> bool {
        self.open.is_none() && self.current().is_some_and(|(r, _)| r.start <= here)
    }

    /// Where the text must next be cut for this layer.
    fn boundary(&self) -> usize {
        match self.current() {
            None => usize::MAX,
            Some((r, _)) if self.open.is_some() => r.end,
            Some((r, _)) => r.start,
        }
    }

    /// Closes the open piece, if any.
    fn close(&mut self, out: &mut String) {
        if let Some(linked) = self.open.take() {
            out.push_str(match (self.style, linked) {
                (Style::Sentence, _) => "</span>",
                (Style::Fact, true) => "</mark></a>",
                (Style::Fact, false) => "</mark>",
            });
        }
    }

    /// Finishes the current mark: closes it, and after a sentence outside a link
    /// writes its permalink.
    fn end_current(&mut self, out: &mut String, links: usize) {
        self.close(out);
        if let Some((_, m)) = self.current() {
            if !self.started {
                self.unplaced.push(m.id.clone());
            } else if self.style == Style::Sentence && links == 0 {
                let _ = write!(
                    out,
                    "<a class=\"permalink\" href=\"{}\" aria-label=\"{}\"{} data-pagefind-ignore>#</a>",
                    escape_html(&m.href),
                    escape_html(&m.title),
                    self.labels_lang
                );
            }
        }
        self.next += 1;
        self.started = false;
    }

    /// Finishes the marks that end at or before `here`.
    fn settle(&mut self, out: &mut String, here: usize, links: usize) {
        while self.ends_by(here) {
            self.end_current(out, links);
        }
    }

    fn open_piece(&mut self, out: &mut String, links: usize) {
        let Some((_, m)) = self.current() else {
            return;
        };
        let id = if self.started {
            String::new()
        } else {
            format!(" id=\"{}\"", escape_html(&m.id))
        };
        let linked = self.style == Style::Fact && links == 0;
        match self.style {
            Style::Sentence => {
                let _ = write!(out, "<span class=\"{}\"{id}>", escape_html(&m.class));
            }
            Style::Fact => {
                if linked {
                    let _ = write!(
                        out,
                        "<a class=\"fact-link\" href=\"{}\">",
                        escape_html(&m.href)
                    );
                }
                // An empty title is left out (see [`Mark::title`]).
                let title = if m.title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", escape_html(&m.title))
                };
                let _ = write!(out, "<mark{id} class=\"{}\"{title}>", escape_html(&m.class));
            }
        }
        self.open = Some(linked);
        self.started = true;
    }

    /// Ends the mark left open, if any; marks never opened are unplaced.
    fn finish(mut self, out: &mut String, links: usize, unplaced: &mut Vec<String>) {
        if self.started {
            self.end_current(out, links);
        }
        unplaced.append(&mut self.unplaced);
        let rest = self.marks.get(self.next..).unwrap_or_default();
        unplaced.extend(rest.iter().map(|(_, m)| m.id.clone()));
    }
}

/// Opens and closes a block's sentence spans and, inside them, its fact marks as its
/// text is written, in order. A piece is never left crossing an element: at inline
/// markup both layers close and reopen after it, and where a mark crosses a sentence's
/// edge it is closed and reopened there.
struct MarkCursor<'m> {
    sentences: Layer<'m>,
    facts: Layer<'m>,
    /// Depth of the links the text is in.
    links: usize,
}

impl<'m> MarkCursor<'m> {
    fn new(
        sentences: Vec<(Range<usize>, &'m Mark)>,
        facts: Vec<(Range<usize>, &'m Mark)>,
        labels_lang: &'m str,
    ) -> Self {
        MarkCursor {
            sentences: Layer::new(Style::Sentence, sentences, labels_lang),
            facts: Layer::new(Style::Fact, facts, labels_lang),
            links: 0,
        }
    }

    /// Ends what ends at or before `here` and opens what covers it, inner inside outer.
    fn step(&mut self, out: &mut String, here: usize) {
        self.facts.settle(out, here, self.links);
        if self.sentences.ends_by(here) {
            self.facts.close(out);
            self.sentences.settle(out, here, self.links);
        }
        if self.sentences.due(here) {
            self.facts.close(out);
            self.sentences.open_piece(out, self.links);
        }
        if self.facts.due(here) {
            self.facts.open_piece(out, self.links);
        }
    }

    /// Writes `t`, the text at `at..at + t.len()`, escaped, opening and closing marks
    /// at their offsets.
    fn text(&mut self, out: &mut String, t: &str, at: usize) {
        let mut pos = 0;
        while pos < t.len() {
            self.step(out, at + pos);
            let limit = self.sentences.boundary().min(self.facts.boundary());
            let mut cut = limit.saturating_sub(at).min(t.len()).max(pos + 1);
            while !t.is_char_boundary(cut) {
                cut += 1;
            }
            escape_into(out, &t[pos..cut]);
            pos = cut;
        }
    }

    /// Writes `t`, text that stands for the source bytes from `at` (an escape, an
    /// entity), escaped and whole: inside the marks that cover `at`, if any.
    fn unit(&mut self, out: &mut String, t: &str, at: usize) {
        self.step(out, at);
        escape_into(out, t);
    }

    /// Closes the open fact mark, if any, before an element that may sit inside a
    /// sentence (a footnote reference, inline code, an image, a line break).
    fn pause_fact(&mut self, out: &mut String) {
        self.facts.close(out);
    }

    /// Closes the open pieces, if any, before markup that opens or closes an element.
    fn pause(&mut self, out: &mut String) {
        self.facts.close(out);
        self.sentences.close(out);
    }

    /// Closes the open pieces; marks never opened are unplaced.
    fn finish(self, out: &mut String, unplaced: &mut Vec<String>) {
        let links = self.links;
        self.facts.finish(out, links, unplaced);
        self.sentences.finish(out, links, unplaced);
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
