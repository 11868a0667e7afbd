//! Check: what is wrong with a rendered site, found before anything is published.
//!
//! In: the rendered files of a site, in memory (from [`crate::render_site`]), and its
//! [`Urls`]. Out: a list of [`Problem`]s: links and `#anchors` that lead nowhere, HTML
//! pages no link reaches from the home page, the build's warnings (sources without a
//! title or a date, …), and problems with facts and corrections. Writes nothing and
//! reaches no network; checking external addresses is left to the command line.
//!
//! HTML is read with lol_html, as everywhere in `brief` ([`crate::util::html`]):
//! [`scan_html`] needs only `href`, `src` and `id` (and `name` on `<a>`), character
//! references decoded, outside comments and raw-text elements (`<script>`, `<style>`).
//! The pages are scanned once per check, in parallel.

use crate::output::OutputFile;
use crate::util::html::decode_entities;
use crate::util::url::Urls;
use crate::util::url::percent_decode;
use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;

/// What is wrong with one link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkProblemKind {
    /// No file of the site answers the link.
    MissingPage,
    /// The page exists but has no element with the `#fragment` as its `id`.
    MissingAnchor,
    /// A root-relative link that is not under the site's base path, so it would leave
    /// the site once published (e.g. `/timeline/` on a site served at `/repo/`).
    OutsideBasePath,
}

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkProblem {
    /// The page holding the link (path inside the site, e.g. `sources/a/index.html`).
    pub page: String,
    /// The link as written in the page (character references decoded).
    pub link: String,
    /// What is wrong.
    pub kind: LinkProblemKind,
}

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            LinkProblemKind::MissingPage => "broken link",
            LinkProblemKind::MissingAnchor => "broken anchor",
            LinkProblemKind::OutsideBasePath => "link outside the base path",
        };
        write!(f, "{}: {what} `{}`", self.page, self.link)
    }
}

/// One problem `brief check` reports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// A link or anchor that leads nowhere.
    Link(LinkProblem),
    /// An HTML page that no chain of links from `index.html` reaches.
    Orphan(String),
    /// A warning of the build (source without a title or date, bad metadata, …).
    Warning(crate::util::error::Warning),
    /// A problem with extracted facts or the corrections file (see [`fact_problems`]).
    Fact(String),
    /// A cited external address that did not answer (only with `--external`).
    External {
        /// The address.
        url: String,
        /// The pages citing it.
        pages: Vec<String>,
        /// What went wrong.
        reason: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Link(l) => write!(f, "{l}"),
            Problem::Orphan(p) => {
                write!(f, "{p}: orphan page (no link from index.html leads here)")
            }
            Problem::Warning(w) => write!(f, "{w}"),
            Problem::Fact(m) => write!(f, "{m}"),
            Problem::External { url, pages, reason } => {
                write!(f, "{}: external link `{url}`: {reason}", pages.join(", "))
            }
        }
    }
}

/// The `href`/`src` values and `id`s of one HTML document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlRefs {
    /// Every `href` and `src` value, character references decoded, in document order.
    pub links: Vec<String>,
    /// Every `id` (and `name` of an `<a>`), character references decoded.
    pub ids: HashSet<String>,
    /// True for a redirect stub (`<meta http-equiv="refresh">`), as written for aliases.
    pub redirect: bool,
}

/// Reads the links and ids of an HTML document, with lol_html: its selectors pick the
/// few elements with these attributes, so the others cost no work here.
pub fn scan_html(html: &str) -> HtmlRefs {
    let refs = RefCell::new(HtmlRefs::default());
    let link = |el: &mut Element<'_, '_>, attr: &str| {
        if let Some(v) = el.get_attribute(attr) {
            refs.borrow_mut()
                .links
                .push(decode_entities(&v).into_owned());
        }
        Ok(())
    };
    let id = |el: &mut Element<'_, '_>, attr: &str| {
        if let Some(v) = el.get_attribute(attr) {
            refs.borrow_mut()
                .ids
                .insert(decode_entities(&v).into_owned());
        }
        Ok(())
    };
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("[href]", |el| link(el, "href")))
        .append_element_content_handler(element!("[src]", |el| link(el, "src")))
        .append_element_content_handler(element!("[id]", |el| id(el, "id")))
        .append_element_content_handler(element!("a[name]", |el| id(el, "name")))
        .append_element_content_handler(element!("meta[http-equiv]", |el| {
            if el
                .get_attribute("http-equiv")
                .is_some_and(|v| decode_entities(&v).eq_ignore_ascii_case("refresh"))
            {
                refs.borrow_mut().redirect = true;
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Cannot fail: no memory limit, not strict, and the handlers return no errors.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    refs.into_inner()
}

/// Where a link points, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// Not part of the site (another scheme or host): not checked here.
    External,
    /// A path inside the site (may not exist), with the fragment if any.
    Internal { path: String, fragment: String },
    /// A root-relative path outside the base path.
    Outside,
}

/// Resolves `link` found on the page at `page` (path of its file inside the site).
fn resolve(page: &str, link: &str, urls: &Urls) -> Target {
    let link = link.trim();
    if link.is_empty() || link.starts_with("//") {
        return Target::External;
    }
    let base_url = urls.base_url();
    let base_path = urls.base_path();
    let origin = &base_url[..base_url.len() - base_path.len()];
    let scheme_end = link.find(':');
    let first_delim = link.find(['/', '?', '#']);
    let mut link = link.to_string();
    if let Some(c) = scheme_end
        && first_delim.is_none_or(|d| c < d)
    {
        // An absolute URL: internal only when it is under our own base URL.
        match link.strip_prefix(origin) {
            Some(rest) if rest.starts_with('/') => link = rest.to_string(),
            _ => return Target::External,
        }
    }
    let (before_fragment, fragment) = match link.split_once('#') {
        Some((a, f)) => (a.to_string(), percent_decode(f)),
        None => (link.clone(), String::new()),
    };
    let path = before_fragment
        .split_once('?')
        .map_or(before_fragment.as_str(), |(p, _)| p);
    let page_dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "",
    };
    let absolute = if path.is_empty() {
        format!("{base_path}{page}")
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{base_path}{page_dir}{path}")
    };
    // Remove `.` and `..` segments as a browser would.
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = absolute.split('/').collect();
    for (n, seg) in parts.iter().enumerate() {
        let last = n + 1 == parts.len();
        match *seg {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            s => segments.push(s),
        }
    }
    let absolute = percent_decode(&segments.join("/"));
    let inside = if absolute == base_path.trim_end_matches('/') {
        Some("")
    } else {
        absolute.strip_prefix(base_path)
    };
    match inside {
        Some(p) => Target::Internal {
            path: p.to_string(),
            fragment,
        },
        None => Target::Outside,
    }
}

/// The file serving a path inside the site: `dir/` → `dir/index.html`, and `dir` →
/// `dir/index.html` when there is no file `dir` (servers redirect it).
pub fn file_for_path<'a>(files: &'a HashMap<&str, usize>, path: &str) -> Option<&'a str> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates
        .iter()
        .find_map(|c| files.get_key_value(c.as_str()).map(|(k, _)| *k))
}

/// The scanned HTML pages of a rendered site, by path.
struct Pages<'a> {
    index: HashMap<&'a str, usize>,
    html: BTreeMap<&'a str, HtmlRefs>,
}

impl<'a> Pages<'a> {
    fn new(files: &'a [OutputFile]) -> Self {
        let index = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i))
            .collect();
        let html = files
            .par_iter()
            .filter(|f| is_html(&f.path))
            .map(|f| {
                (
                    f.path.as_str(),
                    scan_html(&String::from_utf8_lossy(&f.bytes)),
                )
            })
            .collect();
        Pages { index, html }
    }
}

fn is_html(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

/// Checks every `href` and `src` of every HTML page in `files` that points inside the
/// site: the file must be among `files`, and a `#fragment` must be an `id` of the
/// target page (`#` alone and `#top` are always fine). Links to other sites are not
/// checked here. Problems are sorted by page, then link.
pub fn check_links(files: &[OutputFile], urls: &Urls) -> Vec<LinkProblem> {
    link_problems(&Pages::new(files), urls)
}

fn link_problems(pages: &Pages<'_>, urls: &Urls) -> Vec<LinkProblem> {
    let mut problems = BTreeSet::new();
    for (page, refs) in &pages.html {
        for link in &refs.links {
            let kind = match resolve(page, link, urls) {
                Target::External => None,
                Target::Outside => Some(LinkProblemKind::OutsideBasePath),
                Target::Internal { path, fragment } => match file_for_path(&pages.index, &path) {
                    None => Some(LinkProblemKind::MissingPage),
                    Some(target) => {
                        let ok = fragment.is_empty()
                            || fragment == "top"
                            || pages
                                .html
                                .get(target)
                                .is_none_or(|t| t.ids.contains(&fragment));
                        (!ok).then_some(LinkProblemKind::MissingAnchor)
                    }
                },
            };
            if let Some(kind) = kind {
                problems.insert(LinkProblem {
                    page: page.to_string(),
                    link: link.clone(),
                    kind,
                });
            }
        }
    }
    problems.into_iter().collect()
}

/// HTML pages of `files` that no chain of links starting at `index.html` reaches,
/// sorted. The 404 pages (one per language tree) and redirect stubs (aliases) are not counted: nothing is meant
/// to link to them.
pub fn orphan_pages(files: &[OutputFile], urls: &Urls) -> Vec<String> {
    orphans(&Pages::new(files), urls)
}

/// The 404 page of the site or of a language tree (`404.html`, `es/404.html`).
fn is_not_found(path: &str) -> bool {
    path == "404.html"
        || path
            .strip_suffix("/404.html")
            .is_some_and(|tree| crate::input::config::LANGUAGES.contains(&tree))
}

fn orphans(pages: &Pages<'_>, urls: &Urls) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut queue: VecDeque<&str> = VecDeque::new();
    if pages.html.contains_key("index.html") {
        seen.insert("index.html");
        queue.push_back("index.html");
    }
    while let Some(page) = queue.pop_front() {
        let Some(refs) = pages.html.get(page) else {
            continue;
        };
        for link in &refs.links {
            if let Target::Internal { path, .. } = resolve(page, link, urls)
                && let Some(target) = file_for_path(&pages.index, &path)
                && pages.html.contains_key(target)
                && seen.insert(target)
            {
                queue.push_back(target);
            }
        }
    }
    pages
        .html
        .iter()
        .filter(|(path, refs)| !seen.contains(*path) && !is_not_found(path) && !refs.redirect)
        .map(|(path, _)| path.to_string())
        .collect()
}

/// Cited addresses on other sites: each `http(s)` link of the HTML pages that is not
/// under the site's own base URL, with the pages citing it, sorted by address.
pub fn external_links(files: &[OutputFile], urls: &Urls) -> BTreeMap<String, Vec<String>> {
    let pages = Pages::new(files);
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (page, refs) in &pages.html {
        for link in &refs.links {
            let link = link.trim();
            let is_http = link.starts_with("http://") || link.starts_with("https://");
            if is_http && resolve(page, link, urls) == Target::External {
                let url = link.split_once('#').map_or(link, |(u, _)| u).to_string();
                let citing = out.entry(url).or_default();
                if citing.last().map(String::as_str) != Some(page) {
                    citing.push(page.to_string());
                }
            }
        }
    }
    out
}

/// Problems with facts, for `brief check`: the extension point for checks that need
/// the extraction stage.
///
/// In: the rendered site. Out: [`Problem::Fact`]s. Nothing is found here yet:
/// corrections that point at no fact are reported by the corrections stage as build
/// warnings (and so already fail the check, since [`check_rendered`] includes every
/// warning); facts waiting for review are counted by `brief check` as a note, not a
/// failure; entities missing from the gazetteer belong here once extraction reports
/// them.
pub fn fact_problems(rendered: &crate::Rendered) -> Vec<Problem> {
    let _ = rendered;
    Vec::new()
}

/// Every problem of a rendered site that can be found offline: links, orphans, the
/// build's warnings and fact problems.
pub fn check_rendered(rendered: &crate::Rendered) -> Vec<Problem> {
    let urls = &rendered.settings.urls;
    let pages = Pages::new(&rendered.files);
    let mut problems: Vec<Problem> = link_problems(&pages, urls)
        .into_iter()
        .map(Problem::Link)
        .collect();
    problems.extend(orphans(&pages, urls).into_iter().map(Problem::Orphan));
    problems.extend(
        rendered
            .report
            .warnings
            .iter()
            .cloned()
            .map(Problem::Warning),
    );
    problems.extend(fact_problems(rendered));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile::new(path, html, "test")
    }

    fn site() -> Vec<OutputFile> {
        vec![
            page(
                "index.html",
                r##"<!DOCTYPE html><html><head><link rel="stylesheet" href="/repo/style.css">
                <link rel="canonical" href="https://example.org/repo/"></head>
                <body><a href="#main">skip</a><main id="main">
                <a href='/repo/sources/a/'>A</a>
                <a href=/repo/sources/a/#p-2>A2</a>
                <a href="sources/b/index.html#p&#x2D;1">B</a>
                <a href="https://elsewhere.example/x">out</a>
                <a href="mailto:x@example.org">mail</a>
                <!-- <a href="/repo/commented/"> -->
                <script>var s = "<a href='/repo/in-script/'>";</script>
                </main></body></html>"##,
            ),
            page(
                "sources/a/index.html",
                r#"<p id="p-1">x</p><p id="p-2">y</p><a href="../b/">b</a>"#,
            ),
            page(
                "sources/b/index.html",
                r#"<p id="p-1">x</p><a href="/repo/">home</a>"#,
            ),
            page("style.css", "body{}"),
            page("404.html", "<p>not found</p>"),
            page(
                "old/index.html",
                r#"<meta http-equiv="refresh" content="0; url=/repo/"><a href="/repo/">x</a>"#,
            ),
        ]
    }

    fn urls() -> Urls {
        Urls::new("https://example.org/repo/").unwrap()
    }

    #[test]
    fn scanner_reads_attributes_not_comments_or_scripts() {
        let refs = scan_html(&String::from_utf8_lossy(&site()[0].bytes));
        assert_eq!(
            refs.links,
            vec![
                "/repo/style.css",
                "https://example.org/repo/",
                "#main",
                "/repo/sources/a/",
                "/repo/sources/a/#p-2",
                "sources/b/index.html#p-1",
                "https://elsewhere.example/x",
                "mailto:x@example.org",
            ]
        );
        assert!(refs.ids.contains("main"));
        assert!(!refs.redirect);
    }

    #[test]
    fn clean_site_has_no_problems() {
        assert_eq!(check_links(&site(), &urls()), vec![]);
        assert_eq!(orphan_pages(&site(), &urls()), Vec::<String>::new());
    }

    #[test]
    fn broken_links_anchors_and_outside_paths_are_found() {
        let mut files = site();
        files.push(page(
            "sources/c/index.html",
            r##"<a href="/repo/nowhere/">x</a><a href="/repo/sources/a/#p-9">y</a>
               <a href="/timeline/">z</a><a href="#p-1">self</a><a href="../a/#p-1">ok</a>"##,
        ));
        let problems = check_links(&files, &urls());
        let kinds: Vec<_> = problems.iter().map(|p| (p.link.as_str(), p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("#p-1", LinkProblemKind::MissingAnchor),
                ("/repo/nowhere/", LinkProblemKind::MissingPage),
                ("/repo/sources/a/#p-9", LinkProblemKind::MissingAnchor),
                ("/timeline/", LinkProblemKind::OutsideBasePath),
            ]
        );
        assert!(problems[1].to_string().contains("sources/c/index.html"));
        // c is linked from nowhere.
        assert_eq!(orphan_pages(&files, &urls()), vec!["sources/c/index.html"]);
    }

    #[test]
    fn links_without_trailing_slash_find_the_index() {
        let files = vec![
            page(
                "index.html",
                r#"<a href="/repo/a">a</a><a href="/repo">home</a>"#,
            ),
            page("a/index.html", "<p>a</p>"),
        ];
        assert_eq!(check_links(&files, &urls()), vec![]);
        assert!(orphan_pages(&files, &urls()).is_empty());
    }

    #[test]
    fn external_links_are_collected_once_per_page() {
        let ext = external_links(&site(), &urls());
        assert_eq!(
            ext.keys().collect::<Vec<_>>(),
            vec!["https://elsewhere.example/x"]
        );
    }

    #[test]
    fn attributes_decode_entities_and_links_percent_escapes() {
        let refs = scan_html(
            "<a href=\"a&amp;b&#39;c&#x2F;d&bogus;\" id='caf&eacute;'>x</a><a name=n></a>\
             <meta http-equiv=Refresh content=0><p name=not-an-id>",
        );
        assert_eq!(refs.links, vec!["a&b'c/d&bogus;"]);
        assert_eq!(
            refs.ids,
            HashSet::from(["café".to_string(), "n".to_string()])
        );
        assert!(refs.redirect);
        let files = vec![
            page(
                "index.html",
                r#"<a href="caf%C3%A9/#r%C3%A9sum%C3%A9">x</a>"#,
            ),
            page("café/index.html", r#"<h2 id="résumé">R</h2>"#),
        ];
        assert_eq!(check_links(&files, &urls()), vec![]);
    }
}
