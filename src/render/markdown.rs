//! Markdown → HTML with pulldown-cmark, made safe and linkable.
//!
//! In: Markdown text and [`MarkdownOptions`]. Out: [`Rendered`] HTML. Adds `p-N` ids to
//! the blocks of source pages (see [`crate::convert::to_markdown`] for the counting rule),
//! wraps extracted facts in `<mark>` links, renders footnotes with back-links, highlights
//! fenced code with CSS classes, escapes raw HTML from documents and neutralises
//! `javascript:`-style links. Smart punctuation stays off so quotes stay verbatim.

pub use crate::util::html::escape_html;
use crate::util::slug::slugify;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// A fact to mark inside a block of a source page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The exact words to mark (the first occurrence in the block is marked).
    pub text: String,
    /// `id` of the `<mark>`, so other pages can link to it.
    pub id: String,
    /// Where the mark links to (the timeline entry or the statistic).
    pub href: String,
    /// Tooltip / accessible description.
    pub title: String,
    /// CSS class, e.g. `fact-event` or `fact-stat`.
    pub class: String,
}

/// How to render.
#[derive(Debug, Default)]
pub struct MarkdownOptions<'a> {
    /// Give anchorable blocks `id="p-N"` (source pages).
    pub paragraph_ids: bool,
    /// Facts to mark, by paragraph number.
    pub marks: Option<&'a BTreeMap<u32, Vec<Mark>>>,
    /// Raw HTML in the Markdown is the site author's own: sanitize it with ammonia
    /// rather than escape it. Documents are never trusted.
    pub trusted_html: bool,
    /// Syntax highlighting, if enabled.
    pub highlighter: Option<&'a Highlighter>,
}

/// The HTML of a Markdown text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body HTML (footnotes included at the end).
    pub html: String,
    /// Headings: level, id, text.
    pub headings: Vec<(u8, String, String)>,
    /// True if the text had a fenced code block.
    pub has_code: bool,
    /// Marks that were not found in their paragraph (their ids).
    pub unplaced_marks: Vec<String>,
}

/// Syntax highlighting with CSS classes (`hl-…`); the syntax set loads on first use,
/// so a site without code never pays for it.
#[derive(Debug, Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// Highlights `code` as `lang`; unknown languages come back escaped, unhighlighted.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let set = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let Some(syntax) = (!lang.is_empty())
            .then(|| set.find_syntax_by_token(lang))
            .flatten()
        else {
            return escape_html(code);
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            set,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return escape_html(code);
            }
        }
        generator.finalize()
    }
}

/// True for link targets a page may carry: relative links, fragments, and the
/// http(s)/mailto/tel schemes. `javascript:`, `data:`, `vbscript:` and unknown schemes
/// are refused (also when hidden with case, whitespace or control characters).
pub fn is_safe_link(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first /, ? or # is not a scheme separator.
            if cleaned[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&cleaned[..colon], "http" | "https" | "mailto" | "tel")
        }
    }
}

fn markdown_options() -> Options {
    // The converter's options, so paragraph numbers agree with its blocks.
    crate::convert::markdown_options() | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, opts: &MarkdownOptions) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
    // Which events open an anchorable block: the converter's rule, in one place.
    let mut counter = crate::convert::AnchorCounter::new();
    let anchors: Vec<bool> = events.iter().map(|e| counter.is_anchor_start(e)).collect();
    let mut r = Renderer::new(opts);
    r.anchors = anchors;
    r.collect_footnote_labels(&events);
    r.run(events);
    r.finish()
}

struct Renderer<'o> {
    opts: &'o MarkdownOptions<'o>,
    out: String,
    notes: BTreeMap<String, String>,
    note_order: Vec<String>,
    note_refs: HashMap<String, usize>,
    defined_notes: std::collections::HashSet<String>,
    headings: Vec<(u8, String, String)>,
    used_ids: std::collections::HashSet<String>,
    paragraph: u32,
    anchors: Vec<bool>,
    item_depth: usize,
    quote_depth: usize,
    current_marks: Vec<Mark>,
    has_code: bool,
    unplaced: Vec<String>,
}

impl<'o> Renderer<'o> {
    fn new(opts: &'o MarkdownOptions<'o>) -> Self {
        Renderer {
            opts,
            out: String::new(),
            notes: BTreeMap::new(),
            note_order: Vec::new(),
            note_refs: HashMap::new(),
            defined_notes: Default::default(),
            headings: Vec::new(),
            used_ids: Default::default(),
            paragraph: 0,
            anchors: Vec::new(),
            item_depth: 0,
            quote_depth: 0,
            current_marks: Vec::new(),
            has_code: false,
            unplaced: Vec::new(),
        }
    }

    fn collect_footnote_labels(&mut self, events: &[Event]) {
        for e in events {
            if let Event::Start(Tag::FootnoteDefinition(label)) = e {
                self.defined_notes.insert(label.to_string());
            }
        }
    }

    /// At event `i`: if it opens an anchorable block, starts the block and returns its
    /// ` id="p-N"` attribute (or "" without paragraph ids); otherwise "".
    fn block_at(&mut self, i: usize) -> String {
        if self.anchors.get(i).copied().unwrap_or(false) {
            self.next_block()
        } else {
            String::new()
        }
    }

    /// Starts a new anchorable block: returns its ` id="p-N"` attribute (or "").
    fn next_block(&mut self) -> String {
        self.flush_marks();
        self.paragraph += 1;
        if let Some(marks) = self.opts.marks {
            self.current_marks = marks.get(&self.paragraph).cloned().unwrap_or_default();
        }
        if self.opts.paragraph_ids {
            format!(" id=\"p-{}\"", self.paragraph)
        } else {
            String::new()
        }
    }

    fn flush_marks(&mut self) {
        for m in self.current_marks.drain(..) {
            self.unplaced.push(m.id);
        }
    }

    fn unique_id(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 1;
        while !self.used_ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    fn run(&mut self, events: Vec<Event>) {
        let mut i = 0;
        let mut in_note: Option<(String, String)> = None;
        while i < events.len() {
            // Footnote definitions are rendered apart and placed at the end.
            if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i] {
                let saved = std::mem::take(&mut self.out);
                in_note = Some((label.to_string(), saved));
                i += 1;
                continue;
            }
            if let Event::End(TagEnd::FootnoteDefinition) = &events[i] {
                if let Some((label, saved)) = in_note.take() {
                    let body = std::mem::replace(&mut self.out, saved);
                    self.notes.entry(label).or_insert(body);
                }
                i += 1;
                continue;
            }
            match &events[i] {
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => {
                    // Gather the heading's text first: it names the heading's id.
                    let mut j = i + 1;
                    let mut text = String::new();
                    while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                        if let Event::Text(t) | Event::Code(t) = &events[j] {
                            text.push_str(t);
                        }
                        j += 1;
                    }
                    let lvl = heading_level(*level);
                    let anchored = self.anchors.get(i).copied().unwrap_or(false);
                    self.block_at(i);
                    let id = if self.opts.paragraph_ids && anchored {
                        format!("p-{}", self.paragraph)
                    } else {
                        let base = id
                            .as_ref()
                            .map(|s| slugify(s))
                            .unwrap_or_else(|| slugify(&text));
                        self.unique_id(&base)
                    };
                    self.used_ids.insert(id.clone());
                    let class = if classes.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " class=\"{}\"",
                            escape_html(
                                &classes
                                    .iter()
                                    .map(|c| c.as_ref())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            )
                        )
                    };
                    let _ = write!(self.out, "<h{lvl} id=\"{}\"{class}>", escape_html(&id));
                    self.headings.push((lvl, id, text));
                    self.inline_run(&events[i + 1..j]);
                    let _ = writeln!(self.out, "</h{lvl}>");
                    i = j + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    let attr = self.block_at(i);
                    let _ = write!(self.out, "<p{attr}>");
                }
                Event::End(TagEnd::Paragraph) => self.out.push_str("</p>\n"),
                Event::Start(Tag::Item) => {
                    let attr = self.block_at(i);
                    self.item_depth += 1;
                    let _ = write!(self.out, "<li{attr}>");
                }
                Event::End(TagEnd::Item) => {
                    self.item_depth -= 1;
                    self.out.push_str("</li>\n");
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut j = i + 1;
                    let mut code = String::new();
                    while j < events.len() && !matches!(events[j], Event::End(TagEnd::CodeBlock)) {
                        if let Event::Text(t) = &events[j] {
                            code.push_str(t);
                        }
                        j += 1;
                    }
                    let attr = self.block_at(i);
                    self.has_code = true;
                    let body = match self.opts.highlighter {
                        Some(h) if !lang.is_empty() => h.highlight(&code, &lang),
                        _ => escape_html(&code),
                    };
                    let lang_class = if lang.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"language-{}\"", escape_html(&slugify(&lang)))
                    };
                    let _ = writeln!(
                        self.out,
                        "<pre{attr} class=\"code\" tabindex=\"0\"><code{lang_class}>{body}</code></pre>"
                    );
                    i = j + 1;
                    continue;
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    self.quote_depth += 1;
                    self.out.push_str("<blockquote>\n");
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    self.quote_depth -= 1;
                    self.out.push_str("</blockquote>\n");
                }
                Event::Start(Tag::List(Some(start))) => {
                    if *start == 1 {
                        self.out.push_str("<ol>\n");
                    } else {
                        let _ = writeln!(self.out, "<ol start=\"{start}\">");
                    }
                }
                Event::Start(Tag::List(None)) => self.out.push_str("<ul>\n"),
                Event::End(TagEnd::List(true)) => self.out.push_str("</ol>\n"),
                Event::End(TagEnd::List(false)) => self.out.push_str("</ul>\n"),
                Event::Start(Tag::Table(_)) => {
                    self.out.push_str("<div class=\"table-wrap\"><table>\n")
                }
                Event::End(TagEnd::Table) => self.out.push_str("</tbody></table></div>\n"),
                Event::Start(Tag::TableHead) => self.out.push_str("<thead><tr>"),
                Event::End(TagEnd::TableHead) => self.out.push_str("</tr></thead><tbody>\n"),
                Event::Start(Tag::TableRow) => self.out.push_str("<tr>"),
                Event::End(TagEnd::TableRow) => self.out.push_str("</tr>\n"),
                Event::Start(Tag::TableCell) => self.out.push_str("<td>"),
                Event::End(TagEnd::TableCell) => self.out.push_str("</td>"),
                Event::Rule => self.out.push_str("<hr>\n"),
                Event::Html(html) => self.raw_html(html),
                _ => {
                    // Inline content: collect the run up to the next block-level event.
                    let mut j = i;
                    while j < events.len() && is_inline(&events[j]) {
                        j += 1;
                    }
                    if j == i {
                        i += 1;
                        continue;
                    }
                    self.inline_run(&events[i..j]);
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        self.flush_marks();
    }

    fn raw_html(&mut self, html: &str) {
        if self.opts.trusted_html {
            self.out.push_str(html);
        } else {
            self.out.push_str(&escape_html(html));
        }
    }

    /// Renders inline events, merging adjacent text so marks can be found across the
    /// splits pulldown-cmark makes at escapes.
    fn inline_run(&mut self, events: &[Event]) {
        let mut text = String::new();
        let mut i = 0;
        while i < events.len() {
            let e = &events[i];
            i += 1;
            if let Event::Text(t) = e {
                text.push_str(t);
                continue;
            }
            self.flush_text(&mut text);
            match e {
                Event::Code(c) => {
                    let _ = write!(self.out, "<code>{}</code>", escape_html(c));
                }
                Event::InlineHtml(h) | Event::Html(h) => self.raw_html(h),
                Event::InlineMath(m) | Event::DisplayMath(m) => self.out.push_str(&escape_html(m)),
                Event::SoftBreak => self.out.push('\n'),
                Event::HardBreak => self.out.push_str("<br>\n"),
                Event::FootnoteReference(label) => self.footnote_ref(label),
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    // The alt text is the image's inline content, as plain text.
                    let mut alt = String::new();
                    let mut depth = 1;
                    while i < events.len() && depth > 0 {
                        match &events[i] {
                            Event::Start(Tag::Image { .. }) => depth += 1,
                            Event::End(TagEnd::Image) => depth -= 1,
                            Event::Text(t) | Event::Code(t) => alt.push_str(t),
                            _ => {}
                        }
                        i += 1;
                    }
                    if is_safe_link(dest_url) {
                        let _ = write!(
                            self.out,
                            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\"",
                            escape_html(dest_url),
                            escape_html(&alt)
                        );
                        if !title.is_empty() {
                            let _ = write!(self.out, " title=\"{}\"", escape_html(title));
                        }
                        self.out.push('>');
                    } else {
                        self.out.push_str(&escape_html(&alt));
                    }
                }
                Event::Start(tag) => self.inline_start(tag),
                Event::End(tag) => self.inline_end(tag),
                Event::TaskListMarker(done) => {
                    let _ = write!(
                        self.out,
                        "<input type=\"checkbox\" disabled{}> ",
                        if *done { " checked" } else { "" }
                    );
                }
                _ => {}
            }
        }
        self.flush_text(&mut text);
    }

    fn flush_text(&mut self, text: &mut String) {
        if text.is_empty() {
            return;
        }
        let mut rest: &str = text;
        // Mark the first occurrence of each pending fact, in text order.
        loop {
            let found = self
                .current_marks
                .iter()
                .enumerate()
                .filter(|(_, m)| !m.text.is_empty())
                .filter_map(|(k, m)| rest.find(&m.text).map(|at| (at, k)))
                .min();
            let Some((at, k)) = found else { break };
            let m = self.current_marks.remove(k);
            self.out.push_str(&escape_html(&rest[..at]));
            let _ = write!(
                self.out,
                "<a class=\"fact-link\" href=\"{}\"><mark id=\"{}\" class=\"{}\" title=\"{}\">{}</mark></a>",
                escape_html(&m.href),
                escape_html(&m.id),
                escape_html(&m.class),
                escape_html(&m.title),
                escape_html(&m.text)
            );
            rest = &rest[at + m.text.len()..];
        }
        self.out.push_str(&escape_html(rest));
        text.clear();
    }

    fn footnote_ref(&mut self, label: &str) {
        if !self.defined_notes.contains(label) {
            let _ = write!(self.out, "[^{}]", escape_html(label));
            return;
        }
        if !self.note_order.iter().any(|l| l == label) {
            self.note_order.push(label.to_string());
        }
        let count = self.note_refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let slug = slugify(label);
        let ref_id = if *count == 1 {
            format!("fnref-{slug}")
        } else {
            format!("fnref-{slug}-{count}")
        };
        let _ = write!(
            self.out,
            "<sup class=\"fnref\"><a id=\"{ref_id}\" href=\"#fn-{slug}\" aria-label=\"Note {}\">{}</a></sup>",
            escape_html(label),
            escape_html(label)
        );
    }

    fn inline_start(&mut self, tag: &Tag) {
        match tag {
            Tag::Emphasis => self.out.push_str("<em>"),
            Tag::Strong => self.out.push_str("<strong>"),
            Tag::Strikethrough => self.out.push_str("<del>"),
            Tag::Link {
                dest_url, title, ..
            } => {
                let href: &str = if is_safe_link(dest_url) {
                    dest_url
                } else {
                    "#unsafe-link-removed"
                };
                let _ = write!(self.out, "<a href=\"{}\"", escape_html(href));
                if !title.is_empty() {
                    let _ = write!(self.out, " title=\"{}\"", escape_html(title));
                }
                self.out.push('>');
            }
            _ => {}
        }
    }

    fn inline_end(&mut self, tag: &TagEnd) {
        match tag {
            TagEnd::Emphasis => self.out.push_str("</em>"),
            TagEnd::Strong => self.out.push_str("</strong>"),
            TagEnd::Strikethrough => self.out.push_str("</del>"),
            TagEnd::Link => self.out.push_str("</a>"),
            _ => {}
        }
    }

    fn finish(mut self) -> Rendered {
        if !self.note_order.is_empty() || !self.notes.is_empty() {
            // Notes in order of first reference, then any never referenced.
            let mut order = self.note_order.clone();
            for label in self.notes.keys() {
                if !order.contains(label) {
                    order.push(label.clone());
                }
            }
            self.out.push_str("<section class=\"footnotes\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\">Notes</h2>\n<ol>\n");
            for label in order {
                let Some(body) = self.notes.get(&label) else {
                    continue;
                };
                let slug = slugify(&label);
                let back = if self.note_refs.contains_key(&label) {
                    format!(
                        " <a class=\"fn-back\" href=\"#fnref-{slug}\" aria-label=\"Back to the text of note {0}\">↩</a>",
                        escape_html(&label)
                    )
                } else {
                    String::new()
                };
                let body = body.trim_end();
                let body = match body.strip_suffix("</p>") {
                    Some(b) => format!("{b}{back}</p>"),
                    None => format!("{body}{back}"),
                };
                let value = label
                    .parse::<u32>()
                    .map(|n| format!(" value=\"{n}\""))
                    .unwrap_or_default();
                let _ = writeln!(self.out, "<li id=\"fn-{slug}\"{value}>{body}</li>");
            }
            self.out.push_str("</ol>\n</section>\n");
        }
        Rendered {
            html: self.out,
            headings: self.headings,
            has_code: self.has_code,
            unplaced_marks: self.unplaced,
        }
    }
}

fn is_inline(e: &Event) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(
            md,
            &MarkdownOptions {
                paragraph_ids: true,
                ..Default::default()
            },
        )
        .html
    }

    #[test]
    fn anchorable_blocks_are_numbered_in_order() {
        let out = html("## Head\n\nOne.\n\n> Quoted.\n\n- a\n- b\n\n```\ncode\n```\n");
        for n in 1..=6 {
            assert!(
                out.contains(&format!("id=\"p-{n}\"")),
                "p-{n} missing in {out}"
            );
        }
        assert!(!out.contains("p-7"));
    }

    #[test]
    fn raw_html_from_documents_is_escaped() {
        let out = html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick=\"x\">b</div>\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_link_schemes_are_neutralised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let out = html(&format!("[a](<{url}>)\n"));
            assert!(out.contains("#unsafe-link-removed"), "{url}: {out}");
        }
        assert!(
            html("[a](https://example.org/a:b)\n").contains("href=\"https://example.org/a:b\"")
        );
        assert!(html("[a](../x/#p-1)\n").contains("href=\"../x/#p-1\""));
    }

    #[test]
    fn footnotes_link_both_ways() {
        let out = html("Text[^6] and again[^6].\n\n[^6]: <https://example.org/>\n");
        assert!(out.contains("<a id=\"fnref-6\" href=\"#fn-6\""), "{out}");
        assert!(out.contains("id=\"fnref-6-2\""), "{out}");
        assert!(out.contains("<li id=\"fn-6\" value=\"6\">"), "{out}");
        assert!(out.contains("href=\"#fnref-6\""), "{out}");
    }

    #[test]
    fn marks_wrap_the_first_occurrence_in_their_paragraph() {
        let mut marks = BTreeMap::new();
        marks.insert(
            2,
            vec![Mark {
                text: "August 2010".into(),
                id: "ev-1".into(),
                href: "/timeline/#ev-1".into(),
                title: "Event".into(),
                class: "fact-event".into(),
            }],
        );
        let opts = MarkdownOptions {
            paragraph_ids: true,
            marks: Some(&marks),
            ..Default::default()
        };
        let out = render(
            "In August 2010.\n\nIn August 2010 \\* and August 2010.\n",
            &opts,
        );
        assert_eq!(out.html.matches("<mark").count(), 1, "{}", out.html);
        assert!(out.html.contains(
            "<p id=\"p-2\">In <a class=\"fact-link\" href=\"/timeline/#ev-1\"><mark id=\"ev-1\""
        ));
        assert!(out.unplaced_marks.is_empty());
    }

    #[test]
    fn images_keep_alt_text_and_lose_unsafe_sources() {
        let out = html("![A *map* of \"x\"](map.png)\n\n![bad](javascript:alert(1))\n");
        assert!(
            out.contains("<img src=\"map.png\" alt=\"A map of &quot;x&quot;\""),
            "{out}"
        );
        assert!(!out.contains("javascript"), "{out}");
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let h = Highlighter::default();
        let out = render(
            "```rust\nfn main() {}\n```\n",
            &MarkdownOptions {
                highlighter: Some(&h),
                ..Default::default()
            },
        );
        assert!(out.has_code);
        assert!(out.html.contains("class=\"hl-"), "{}", out.html);
    }
}
