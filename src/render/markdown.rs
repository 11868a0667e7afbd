//! Markdown → HTML with pulldown-cmark, made safe and linkable: the hand-written pages
//! (`content/pages/`) and the home page's text.
//!
//! In: Markdown text and [`MarkdownOptions`]. Out: [`RenderedMarkdown`] HTML. Gives headings
//! slug ids, renders footnotes with back-links, highlights fenced code with CSS classes,
//! escapes raw HTML unless it is the site author's own (then the caller sanitizes it)
//! and neutralises `javascript:`-style links. Smart punctuation stays off so quotes stay
//! verbatim. Source pages are rendered from their blocks by [`super::html`], which
//! shares the escaping, link and footnote rules kept here.

use crate::util::html::{escape_html, escape_into};
use crate::util::slug::slugify;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// How to render.
#[derive(Debug, Default)]
pub struct MarkdownOptions<'a> {
    /// Raw HTML in the Markdown is the site author's own: sanitize it with ammonia
    /// rather than escape it. Documents are never trusted.
    pub trusted_html: bool,
    /// Syntax highlighting, if enabled.
    pub highlighter: Option<&'a Highlighter>,
    /// The words of the notes section, in the page's language.
    pub notes: NoteLabels,
}

/// The words of a notes section: its heading and the accessible names of a note's
/// reference and of its way back (`{n}`: the note's label), and the language they are
/// in when the text around them is in another (` lang="es"`, else empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLabels {
    /// The section's heading (`Notes`).
    pub heading: String,
    /// A reference's name (`Note {n}`).
    pub note: String,
    /// The way back's name (`Back to the text of note {n}`).
    pub back: String,
    /// ` lang="…"` when the labels' language is not the text's, else empty.
    pub lang_attr: String,
}

impl Default for NoteLabels {
    fn default() -> Self {
        NoteLabels {
            heading: "Notes".into(),
            note: "Note {n}".into(),
            back: "Back to the text of note {n}".into(),
            lang_attr: String::new(),
        }
    }
}

/// The HTML of a Markdown text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedMarkdown {
    /// The body HTML (footnotes included at the end).
    pub html: String,
    /// Headings: level, id, text.
    pub headings: Vec<(u8, String, String)>,
    /// True if the text had a fenced code block.
    pub has_code: bool,
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

/// Tables, footnotes, heading attributes and strikethrough; smart punctuation off.
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, opts: &MarkdownOptions) -> RenderedMarkdown {
    let events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
    let mut r = MarkdownWriter::new(opts);
    r.collect_footnote_labels(&events);
    r.run(events);
    r.finish()
}

struct MarkdownWriter<'o> {
    opts: &'o MarkdownOptions<'o>,
    out: String,
    notes: Footnotes,
    headings: Vec<(u8, String, String)>,
    used_ids: HashSet<String>,
    item_depth: usize,
    quote_depth: usize,
    has_code: bool,
}

impl<'o> MarkdownWriter<'o> {
    fn new(opts: &'o MarkdownOptions<'o>) -> Self {
        MarkdownWriter {
            opts,
            out: String::new(),
            notes: Footnotes::with_labels(opts.notes.clone()),
            headings: Vec::new(),
            used_ids: Default::default(),
            item_depth: 0,
            quote_depth: 0,
            has_code: false,
        }
    }

    fn collect_footnote_labels(&mut self, events: &[Event]) {
        for e in events {
            if let Event::Start(Tag::FootnoteDefinition(label)) = e {
                self.notes.defined.insert(label.to_string());
            }
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
                    self.notes.bodies.entry(label).or_insert(body);
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
                    let base = id
                        .as_ref()
                        .map(|s| slugify(s))
                        .unwrap_or_else(|| slugify(&text));
                    let id = self.unique_id(&base);
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
                Event::Start(Tag::Paragraph) => self.out.push_str("<p>"),
                Event::End(TagEnd::Paragraph) => self.out.push_str("</p>\n"),
                Event::Start(Tag::Item) => {
                    self.item_depth += 1;
                    self.out.push_str("<li>");
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
                        "<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{body}</code></pre>"
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
    }

    fn raw_html(&mut self, html: &str) {
        if self.opts.trusted_html {
            self.out.push_str(html);
        } else {
            self.out.push_str(&escape_html(html));
        }
    }

    /// Renders inline events.
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
                    image(&mut self.out, dest_url, title, &alt);
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
        escape_into(&mut self.out, text);
        text.clear();
    }

    fn footnote_ref(&mut self, label: &str) {
        self.notes.reference(&mut self.out, label);
    }

    fn inline_start(&mut self, tag: &Tag) {
        inline_start(&mut self.out, tag);
    }

    fn inline_end(&mut self, tag: &TagEnd) {
        inline_end(&mut self.out, tag);
    }

    fn finish(mut self) -> RenderedMarkdown {
        self.notes.write_section(&mut self.out);
        RenderedMarkdown {
            html: self.out,
            headings: self.headings,
            has_code: self.has_code,
        }
    }
}

/// Footnote references and the notes section at the end of a page, shared by this
/// renderer and [`super::html`] (source pages): a reference to a defined note links to
/// it (`fnref-N`, `fnref-N-2` for the second reference, …); notes are listed in order
/// of first reference, then those never referenced, each with a back-link.
#[derive(Debug, Default)]
pub(super) struct Footnotes {
    /// Labels that have a note: only these become links.
    pub(super) defined: HashSet<String>,
    /// The HTML body of each note, by label (the first definition wins).
    pub(super) bodies: BTreeMap<String, String>,
    order: Vec<String>,
    refs: HashMap<String, usize>,
    /// The words of the section.
    pub(super) labels: NoteLabels,
}

impl Footnotes {
    /// No notes yet; the section will use `labels`.
    pub(super) fn with_labels(labels: NoteLabels) -> Self {
        Footnotes {
            labels,
            ..Default::default()
        }
    }

    /// Writes a reference to note `label`: a link if the note is defined, else the
    /// literal `[^label]`.
    pub(super) fn reference(&mut self, out: &mut String, label: &str) {
        if !self.defined.contains(label) {
            let _ = write!(out, "[^{}]", escape_html(label));
            return;
        }
        if !self.order.iter().any(|l| l == label) {
            self.order.push(label.to_string());
        }
        let count = self.refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let slug = slugify(label);
        let ref_id = if *count == 1 {
            format!("fnref-{slug}")
        } else {
            format!("fnref-{slug}-{count}")
        };
        let _ = write!(
            out,
            "<sup class=\"fnref\"><a id=\"{ref_id}\" href=\"#fn-{slug}\" aria-label=\"{}\"{}>{}</a></sup>",
            escape_html(&self.labels.note.replace("{n}", label)),
            self.labels.lang_attr,
            escape_html(label)
        );
    }

    /// Writes the notes section (nothing when there are no notes).
    pub(super) fn write_section(&self, out: &mut String) {
        if self.order.is_empty() && self.bodies.is_empty() {
            return;
        }
        // Notes in order of first reference, then any never referenced.
        let mut order = self.order.clone();
        for label in self.bodies.keys() {
            if !order.contains(label) {
                order.push(label.clone());
            }
        }
        let _ = write!(
            out,
            "<section class=\"footnotes\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\"{}>{}</h2>\n<ol>\n",
            self.labels.lang_attr,
            escape_html(&self.labels.heading)
        );
        for label in order {
            let Some(body) = self.bodies.get(&label) else {
                continue;
            };
            let slug = slugify(&label);
            let back = if self.refs.contains_key(&label) {
                format!(
                    " <a class=\"fn-back\" href=\"#fnref-{slug}\" aria-label=\"{}\"{}>↩</a>",
                    escape_html(&self.labels.back.replace("{n}", &label)),
                    self.labels.lang_attr
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
            let _ = writeln!(out, "<li id=\"fn-{slug}\"{value}>{body}</li>");
        }
        out.push_str("</ol>\n</section>\n");
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

/// Writes an image: an `<img>` when its source is a safe link, else only its alt text,
/// escaped.
pub(crate) fn image(out: &mut String, src: &str, title: &str, alt: &str) {
    if is_safe_link(src) {
        let _ = write!(
            out,
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\"",
            escape_html(src),
            escape_html(alt)
        );
        if !title.is_empty() {
            let _ = write!(out, " title=\"{}\"", escape_html(title));
        }
        out.push('>');
    } else {
        escape_into(out, alt);
    }
}

/// Writes the opening tag of inline markup (emphasis, strong, strikethrough, a link with
/// an unsafe target neutralised); returns true for a link. Other tags write nothing.
pub(crate) fn inline_start(out: &mut String, tag: &Tag) -> bool {
    match tag {
        Tag::Emphasis => out.push_str("<em>"),
        Tag::Strong => out.push_str("<strong>"),
        Tag::Strikethrough => out.push_str("<del>"),
        Tag::Link {
            dest_url, title, ..
        } => {
            let href: &str = if is_safe_link(dest_url) {
                dest_url
            } else {
                "#unsafe-link-removed"
            };
            let _ = write!(out, "<a href=\"{}\"", escape_html(href));
            if !title.is_empty() {
                let _ = write!(out, " title=\"{}\"", escape_html(title));
            }
            out.push('>');
            return true;
        }
        _ => {}
    }
    false
}

/// Writes the closing tag of inline markup; returns true for a link.
pub(crate) fn inline_end(out: &mut String, tag: &TagEnd) -> bool {
    match tag {
        TagEnd::Emphasis => out.push_str("</em>"),
        TagEnd::Strong => out.push_str("</strong>"),
        TagEnd::Strikethrough => out.push_str("</del>"),
        TagEnd::Link => {
            out.push_str("</a>");
            return true;
        }
        _ => {}
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md, &MarkdownOptions::default()).html
    }

    #[test]
    fn headings_get_unique_slug_ids_and_blocks_none() {
        let out = html("## Head\n\nOne.\n\n## Head\n\n- a\n\n### Other {#own}\n");
        assert!(out.contains("<h2 id=\"head\">Head</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"head-2\">"), "{out}");
        assert!(out.contains("<h3 id=\"own\">"), "{out}");
        assert!(
            out.contains("<p>One.</p>") && out.contains("<li>a</li>"),
            "{out}"
        );
        assert!(!out.contains("p-1"), "{out}");
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
