//! HTML sources (`.html`, `.htm`) → [`Document`].
//!
//! In: an HTML page or fragment. Out: blocks with the text content of its `p`, `h1`–`h6`,
//! `li`, `blockquote`, `pre` (and `div`/table-cell text outside those), entities decoded
//! and whitespace collapsed; `start` is `None` because the text is not a slice of the
//! source; the page's own metadata in [`Document::embedded`].
//!
//! A whole page (one with `nav`, `header`, `footer`, `aside`, `article` or `main`) is
//! first cut down to its article by [`super::webpage`] (Readability's scoring), and its
//! metadata is read there; a fragment, a page Readability finds nothing in, and a page
//! too deep to parse are read whole. The title is the `<title>` (its site name dropped),
//! else the first `<h1>`; a first heading that repeats the headline is not a block. Ad
//! labels, cookie notices, lone buttons and calls to action left among the blocks are
//! dropped ([`Document::dropped`]).
//!
//! Nothing is executed and no markup survives: the page (or the article's HTML) is run
//! through `ammonia` with a whitelist of structural tags and no attributes, and with the
//! *contents* of `script`, `style`, `nav`, `header`, `footer`, `aside`, forms and
//! embedded objects removed. The sanitised serialisation (plain tags, escaped text) is
//! then read with lol_html ([`crate::util::html::read_tokens`]) and walked here.

use super::webpage::{Page, drop_site_name};
use crate::model::document::{Block, BlockKind, Document, Dropped, Format};
use crate::util::html::{Token, decode_entities, read_tokens};
use lol_html::html_content::TextType;
use std::collections::{HashMap, HashSet};

/// Tags kept by the sanitiser: the structure the walker needs.
const KEEP: &[&str] = &[
    "title",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "br",
    "hr",
    "div",
    "section",
    "article",
    "main",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "caption",
];

/// Tags dropped together with everything inside them.
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "iframe",
    "object", "embed", "svg", "math", "form", "select", "button", "canvas", "audio", "video",
    "textarea",
];

fn sanitize(src: &str) -> String {
    let mut b = ammonia::Builder::empty();
    b.tags(KEEP.iter().copied().collect::<HashSet<&str>>())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect::<HashSet<&str>>())
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::new())
        .link_rel(None)
        .strip_comments(true);
    b.clean(src).to_string()
}

/// Pages nested deeper than this are read without structure (the HTML tree builder's
/// work grows with the square of the nesting depth).
pub const MAX_HTML_DEPTH: usize = 1000;

/// Elements that close themselves implicitly or never have content; they do not count
/// towards the nesting estimate.
const NOT_NESTING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "br", "img", "hr", "meta", "link", "input",
    "area", "base", "col", "embed", "param", "source", "track", "wbr",
];

/// What a first read of a page gives: an estimate of its deepest element nesting, and
/// the page flattened (every tag a space, the contents of `script`, `style` and other
/// raw-text elements dropped, the rest of the text as written) for a page too deep to
/// read with structure.
#[derive(Default)]
struct Prescan {
    depth: usize,
    max: usize,
    flat: String,
}

fn prescan_token(p: &mut Prescan, t: Token<'_, '_, '_>) {
    match t {
        Token::Start { name, element } => {
            p.flat.push(' ');
            if element.can_have_content() && !NOT_NESTING.contains(&name) {
                p.depth += 1;
                p.max = p.max.max(p.depth);
            }
        }
        Token::End(name) => {
            p.flat.push(' ');
            if !NOT_NESTING.contains(&name) {
                p.depth = p.depth.saturating_sub(1);
            }
        }
        Token::Text(_, TextType::ScriptData | TextType::RawText) => {}
        Token::Text(raw, _) => p.flat.push_str(raw),
    }
}

/// A linear estimate of the deepest element nesting in `src` (elements left open count).
#[cfg(test)]
fn nesting_estimate(src: &str) -> usize {
    read_tokens(src, Prescan::default(), prescan_token).max
}

/// Converts an HTML page. See the module documentation.
///
/// A page nested deeper than [`MAX_HTML_DEPTH`] is flattened first (every tag and
/// comment removed, with the contents of `script`, `style` and other raw-text elements;
/// text kept), so the work stays bounded.
pub fn convert_html(src: &str) -> Document {
    let pre = read_tokens(src, Prescan::default(), prescan_token);
    if pre.max > MAX_HTML_DEPTH {
        return walk(&pre.flat);
    }
    let page = Page::parse(src);
    if !page.is_whole_page() {
        return walk(src);
    }
    let embedded = page.metadata();
    let title_tag = page.title_tag();
    // Readability may panic on a page no one foresaw; the page is then read whole.
    let main = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page.main_content()))
        .ok()
        .flatten();
    let mut doc = match &main {
        Some(content) => walk(content),
        None => walk(src),
    };
    if main.is_some() {
        doc.title = title_tag.or(doc.title);
    }
    doc.title = doc
        .title
        .map(|t| drop_site_name(&t, embedded.publisher.as_deref()));
    // The article's own headline, when Readability kept it, is the title, not a block.
    let headline = embedded.title.as_deref().or(doc.title.as_deref());
    if let (Some(first), Some(h)) = (doc.blocks.first(), headline)
        && matches!(first.kind, BlockKind::Heading { .. })
        && first.text.trim() == h.trim()
    {
        doc.blocks.remove(0);
    }
    doc.embedded = embedded;
    for (k, b) in doc.blocks.iter_mut().enumerate() {
        b.paragraph = k as u32 + 1;
    }
    doc
}

/// Reads `src` by tag names (see the module documentation).
fn walk(src: &str) -> Document {
    let clean = sanitize(src);
    let start = Reading {
        doc: Document {
            format: Format::Html,
            ..Default::default()
        },
        ..Default::default()
    };
    let Reading {
        mut doc,
        mut w,
        text,
    } = read_tokens(&clean, start, read_token);
    w.text(&text);
    w.flush(&mut doc);
    if doc.title.is_none() {
        doc.title = w.first_h1;
    }
    drop_furniture(&mut doc);
    for (k, b) in doc.blocks.iter_mut().enumerate() {
        b.paragraph = k as u32 + 1;
    }
    doc
}

/// Openings of the short paragraphs a page wraps around an article that Readability
/// may leave in: ad labels and cookie notices.
const WEB_FURNITURE: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "ad:",
    "paid content",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "accept all cookies",
    "accept cookies",
    "by continuing to use this site",
];

/// Whole blocks that are a page's buttons.
const WEB_BUTTONS: &[&str] = &[
    "share",
    "print",
    "email",
    "tweet",
    "skip to content",
    "skip to main content",
    "back to top",
    "advertisement",
];

/// Drops ad labels, cookie notices, buttons and calls to action (the plain-text rule)
/// among the blocks, listing each in [`Document::dropped`] (line 0: an HTML page has no
/// lines that mean anything).
fn drop_furniture(doc: &mut Document) {
    use super::furniture::is_call_to_action;
    let blocks = std::mem::take(&mut doc.blocks);
    for b in blocks {
        let text = b.text.trim();
        let lower = text.to_lowercase();
        let short = text.len() <= 200;
        let reason = if short && WEB_FURNITURE.iter().any(|w| lower.starts_with(w)) {
            Some("an advertisement or cookie notice in a web page")
        } else if !matches!(b.kind, BlockKind::Code { .. })
            && (WEB_BUTTONS.contains(&lower.as_str()) || is_call_to_action(text))
        {
            Some("page furniture in a web page")
        } else {
            None
        };
        match reason {
            Some(reason) => doc.dropped.push(Dropped {
                line: 0,
                text: b.text,
                reason: reason.to_string(),
            }),
            None => doc.blocks.push(b),
        }
    }
}

/// Elements that decide a block's kind; other open elements are only counted.
const SIGNIFICANT: &[&str] = &[
    "title",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
];

/// The walk through the sanitised serialisation: the document so far, the walker, and
/// the text read since the last tag (a text node may come in several runs).
#[derive(Default)]
struct Reading {
    doc: Document,
    w: Walker,
    text: String,
}

fn read_token(r: &mut Reading, t: Token<'_, '_, '_>) {
    let (name, closing) = match t {
        Token::Text(raw, _) => {
            r.text.push_str(raw);
            return;
        }
        Token::Start { name, .. } => (name, false),
        Token::End(name) => (name, true),
    };
    let text = std::mem::take(&mut r.text);
    r.w.text(&text);
    r.w.tag(name, closing, &mut r.doc);
}

/// Walks the sanitised serialisation. Only the significant open elements are kept on a
/// stack (and `pre` is counted), so the work per tag does not grow with the nesting
/// depth of `div`s and the like.
#[derive(Default)]
struct Walker {
    stack: Vec<String>,
    pre: usize,
    buf: String,
    first_h1: Option<String>,
    h1_seen: bool,
}

impl Walker {
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if self.pre > 0 {
            self.buf.push_str(&decoded);
            return;
        }
        for c in decoded.chars() {
            if c.is_ascii_whitespace() {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
            }
        }
    }

    fn tag(&mut self, name: &str, closing: bool, doc: &mut Document) {
        match name {
            "br" => {
                let t = self.buf.trim_end_matches(' ').len();
                self.buf.truncate(t);
                self.buf.push('\n');
                return;
            }
            "" => return,
            _ => {}
        }
        self.flush(doc);
        if !SIGNIFICANT.contains(&name) {
            return;
        }
        if closing {
            if let Some(i) = self.stack.iter().rposition(|t| t == name) {
                self.stack.truncate(i);
                self.pre = self.stack.iter().filter(|t| *t == "pre").count();
            }
        } else {
            if name == "pre" {
                self.pre += 1;
            }
            self.stack.push(name.to_string());
        }
    }

    /// Turns the gathered text into a block of the kind its context gives.
    fn flush(&mut self, doc: &mut Document) {
        let buf = std::mem::take(&mut self.buf);
        let in_pre = self.pre > 0;
        let text = if in_pre {
            buf.strip_prefix('\n')
                .unwrap_or(&buf)
                .trim_end()
                .to_string()
        } else {
            buf.lines()
                .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        if text.trim().is_empty() {
            return;
        }
        let mut kind = BlockKind::Paragraph;
        for t in self.stack.iter().rev() {
            kind = match t.as_str() {
                "title" => {
                    if doc.title.is_none() {
                        doc.title = Some(text.replace('\n', " "));
                    }
                    return;
                }
                "pre" => BlockKind::Code { lang: None },
                "h1" => {
                    if !self.h1_seen {
                        self.h1_seen = true;
                        if doc.title.is_none() {
                            self.first_h1 = Some(text.replace('\n', " "));
                            return;
                        }
                    }
                    BlockKind::Heading { level: 2 }
                }
                "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading {
                    level: t.as_bytes()[1] - b'0',
                },
                "li" => {
                    let ordered = self
                        .stack
                        .iter()
                        .rev()
                        .find(|x| *x == "ol" || *x == "ul")
                        .is_some_and(|x| x == "ol");
                    BlockKind::ListItem { ordered }
                }
                "blockquote" => BlockKind::Quote,
                _ => continue,
            };
            break;
        }
        doc.blocks.push(Block {
            kind,
            text,
            start: None,
            paragraph: 0,
            notes: Vec::new(),
            page: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::{anchorable_count, to_markdown};

    #[test]
    fn structure_and_entities() {
        let src = "<html><head><title>The &amp; Title</title><style>p{}</style></head><body>\
            <nav><a href=/>Home</a></nav><h1>Big</h1><p>One &lt;two&gt;&nbsp;three\n  four</p>\
            <h3>Sub</h3><ul><li>a<ul><li>b</li></ul></li></ul><ol><li>c</li></ol>\
            <blockquote><p>q1</p><p>q2</p></blockquote><pre>x  = 1\n</pre><div>loose</div>\
            <footer>© me</footer></body></html>";
        let doc = convert_html(src);
        assert_eq!(doc.title.as_deref(), Some("The & Title"));
        let got: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading { level: 2 }, "Big"),
                (BlockKind::Paragraph, "One <two>\u{a0}three four"),
                (BlockKind::Heading { level: 3 }, "Sub"),
                (BlockKind::ListItem { ordered: false }, "a"),
                (BlockKind::ListItem { ordered: false }, "b"),
                (BlockKind::ListItem { ordered: true }, "c"),
                (BlockKind::Quote, "q1"),
                (BlockKind::Quote, "q2"),
                (BlockKind::Code { lang: None }, "x  = 1"),
                (BlockKind::Paragraph, "loose"),
            ]
        );
        assert!(doc.blocks.iter().all(|b| b.start.is_none()));
        let md = to_markdown(&doc);
        assert_eq!(anchorable_count(&md), doc.blocks.len(), "{md}");
    }

    #[test]
    fn scripts_and_handlers_are_gone() {
        let src = "<h1>T</h1><p onclick=\"evil()\">Hi <script>alert(1)</script><img src=x onerror=alert(2)>\
            <a href=\"javascript:alert(3)\">link</a></p><p>&lt;script&gt;alert(4)&lt;/script&gt;</p>";
        let doc = convert_html(src);
        let all: String = doc.blocks.iter().map(|b| b.text.clone()).collect();
        assert!(
            !all.contains("alert(1)") && !all.contains("alert(2)") && !all.contains("alert(3)")
        );
        let md = to_markdown(&doc);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("onclick") && !html.contains("javascript"));
    }

    /// Readability's scoring stays bounded on a long saved page (20,000 paragraphs,
    /// 2.3 MB) and on one with more elements than it scores.
    #[test]
    fn long_saved_pages_stay_bounded() {
        let p = "<p>On 3 March 2020, about 5,000 people crossed the bridge, officials said.</p>";
        for n in [20_000, 60_000] {
            let src = format!(
                "<html><body><nav><a href=/>Home</a></nav><article>{}</article></body></html>",
                p.repeat(n)
            );
            let t = std::time::Instant::now();
            let doc = convert_html(&src);
            assert_eq!(doc.blocks.len(), n);
            assert!(t.elapsed().as_secs() < 20, "{n}: {:?}", t.elapsed());
        }
    }

    #[test]
    fn first_h1_is_title_without_title_tag() {
        let doc = convert_html("<h1>Only</h1><p>x</p><h1>Again</h1>");
        assert_eq!(doc.title.as_deref(), Some("Only"));
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn degenerate_inputs() {
        let deep = "<div>".repeat(100_000) + "deep<script>x()</script>" + &"</div>".repeat(100_000);
        for src in [
            "",
            "   ",
            "<",
            "&",
            "&#xFFFFFFFF;",
            "<p>\u{feff}ü</p>",
            deep.as_str(),
        ] {
            let t = std::time::Instant::now();
            let doc = convert_html(src);
            let md = to_markdown(&doc);
            assert_eq!(anchorable_count(&md), doc.blocks.len());
            assert!(!md.contains("x()"));
            assert!(t.elapsed().as_secs() < 10);
        }
        assert_eq!(convert_html(&deep).blocks[0].text, "deep");
        assert_eq!(
            nesting_estimate("<div><p>a<p>b<br><img src=x/></div><div>"),
            1
        );
    }
}
