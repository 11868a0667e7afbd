//! Saved web pages: the article inside the page, and what the page says about itself.
//!
//! In: the HTML of a page as a browser saves it. Out: the HTML of its main content
//! ([`main_content`], found by Readability's scoring with `dom_smoothie`: navigation,
//! cookie banners, ads, related-article lists and footers score low and are left out)
//! and its metadata ([`metadata`]: meta tags, JSON-LD, the byline's `<time>`, the
//! canonical link) as an [`Embedded`]. Both read the page with html5ever (through
//! `dom_query`), the parser ammonia already uses. Nothing here sanitises: the content's
//! HTML goes through [`super::html`]'s ammonia pass like any other page.

use crate::model::date::PartialDate;
use crate::model::document::Embedded;
use dom_query::Document as Dom;
use serde_json::Value;

/// Pages with more elements than this are not scored (Readability's work grows faster
/// than the page); they are read whole, by tag names. Long reports saved from the web
/// have a few thousand elements.
const MAX_ELEMENTS: usize = 50_000;

/// A parsed page.
pub struct Page {
    dom: Dom,
}

impl Page {
    /// Parses `html` (html5ever: never fails, repairs what it must).
    pub fn parse(html: &str) -> Page {
        Page {
            dom: Dom::from(html),
        }
    }

    /// True if the page is a whole page (it has a `<body>` with something around the
    /// text: navigation, a header, an `<article>`) rather than a fragment, where there
    /// is no furniture to find.
    pub fn is_whole_page(&self) -> bool {
        self.dom
            .select("nav, header, footer, aside, article, main, [role=main]")
            .exists()
    }

    /// The `<title>` text, whitespace collapsed.
    pub fn title_tag(&self) -> Option<String> {
        clean(&self.dom.select("head title").first().text())
    }

    /// The HTML of the page's main content, or `None` when Readability finds none (then
    /// the whole page is read).
    pub fn main_content(self) -> Option<String> {
        let cfg = dom_smoothie::Config {
            max_elements_to_parse: MAX_ELEMENTS,
            // The page's metadata is read by [`Page::metadata`].
            disable_json_ld: true,
            ..Default::default()
        };
        let mut r = dom_smoothie::Readability::with_document(self.dom, None, Some(cfg)).ok()?;
        let article = r.parse().ok()?;
        let html = article.content.to_string();
        (!article.text_content.trim().is_empty()).then_some(html)
    }

    /// What the page says about itself. Titles lose a trailing site name ("Title |
    /// Site"); dates keep their day (the time and zone of an ISO timestamp are dropped).
    pub fn metadata(&self) -> Embedded {
        let meta = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                let sel = format!("meta[property=\"{k}\"], meta[name=\"{k}\"]");
                self.dom
                    .select(&sel)
                    .iter()
                    .find_map(|m| m.attr("content").and_then(|c| clean(&c)))
            })
        };
        let ld = self.json_ld();
        let site_name = meta(&["og:site_name", "application-name"]).or(ld.publisher.clone());
        let title = meta(&["og:title", "twitter:title"])
            .or(ld.title.clone())
            .or_else(|| self.title_tag())
            .map(|t| drop_site_name(&t, site_name.as_deref()));
        let published = meta(&[
            "article:published_time",
            "og:published_time",
            "datePublished",
            "date",
            "dc.date",
            "DC.date.issued",
        ])
        .and_then(|d| iso_date(&d))
        .or(ld.published)
        .or_else(|| self.byline_time());
        let author = ld
            .author
            .clone()
            .or_else(|| meta(&["author", "article:author", "dc.creator"]))
            .filter(|a| !a.starts_with("http"))
            .or_else(|| self.byline_author());
        let url = self
            .dom
            .select("link[rel=canonical]")
            .iter()
            .find_map(|l| l.attr("href").and_then(|h| clean(&h)))
            .or_else(|| meta(&["og:url"]))
            .filter(|u| crate::input::source::is_safe_url(u));
        Embedded {
            title,
            author,
            publisher: site_name,
            published,
            url,
        }
    }

    /// The `<time datetime>` of the byline (an element whose class names a byline,
    /// dateline, author or publication line; or `time[pubdate]`, `itemprop`).
    fn byline_time(&self) -> Option<PartialDate> {
        const BYLINE: &str = "[class*=byline] time[datetime], [class*=dateline] time[datetime], \
            [class*=author] time[datetime], [class*=publish] time[datetime], \
            [class*=article-meta] time[datetime], [class*=post-meta] time[datetime], \
            time[pubdate][datetime], time[itemprop=datePublished][datetime], \
            [itemprop=datePublished][content], article header time[datetime]";
        self.dom.select(BYLINE).iter().find_map(|t| {
            t.attr("datetime")
                .or_else(|| t.attr("content"))
                .and_then(|d| iso_date(&d))
        })
    }

    /// The author named in a byline element (`rel=author`, `itemprop=author`).
    fn byline_author(&self) -> Option<String> {
        self.dom
            .select("[rel=author], [itemprop=author] [itemprop=name], [itemprop=author]")
            .iter()
            .find_map(|a| clean(&a.text()))
            .filter(|a| a.len() < 100)
    }

    /// The first JSON-LD `Article` (or `NewsArticle`, `ReportageNewsArticle`,
    /// `BlogPosting`, …) of the page, also inside an array or `@graph`.
    fn json_ld(&self) -> LdArticle {
        self.dom
            .select("script[type=\"application/ld+json\"]")
            .iter()
            .filter_map(|s| serde_json::from_str::<Value>(s.text().trim()).ok())
            .find_map(|v| find_article(&v, 0))
            .map(|a| LdArticle::from(&a))
            .unwrap_or_default()
    }
}

/// What a JSON-LD article gives.
#[derive(Default)]
struct LdArticle {
    title: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<PartialDate>,
}

impl From<&Value> for LdArticle {
    fn from(a: &Value) -> Self {
        LdArticle {
            title: a
                .get("headline")
                .or_else(|| a.get("name"))
                .and_then(Value::as_str)
                .and_then(clean),
            author: a.get("author").and_then(names),
            publisher: a.get("publisher").and_then(names),
            published: a
                .get("datePublished")
                .and_then(Value::as_str)
                .and_then(iso_date),
        }
    }
}

/// The article object in a JSON-LD value (depth-limited: JSON-LD nests a few levels).
fn find_article(v: &Value, depth: usize) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(o) => {
            let is_article = |t: &Value| {
                t.as_str()
                    .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
            };
            let typed = match o.get("@type") {
                Some(Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                return Some(v.clone());
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

/// A person or organisation: a string, `{"name": …}`, or a list of them (joined).
fn names(v: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(clean),
        _ => None,
    };
    match v {
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(one).collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        v => one(v),
    }
}

/// The date at the start of an ISO 8601 value ("2023-05-21T09:30:00-05:00" →
/// 2023-05-21; "2023-05" → 2023-05).
fn iso_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    let date = s.split(['T', ' ']).next()?;
    PartialDate::parse(date).ok()
}

/// Whitespace collapsed; `None` if nothing is left.
fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// "Title | Site", "Title - Site", "Title — Site" → "Title", when the last segment is the
/// site's name or a short trailing segment (at most four words, and shorter than what is
/// left).
pub fn drop_site_name(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            if head.is_empty() {
                continue;
            }
            let is_site = site.is_some_and(|s| s.trim().eq_ignore_ascii_case(tail));
            let short = tail.split_whitespace().count() <= 4 && tail.len() < head.len();
            if is_site || short {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_leave_titles() {
        let site = Some("The Border Ledger");
        assert_eq!(
            drop_site_name("Shelter full in Reynosa | The Border Ledger", site),
            "Shelter full in Reynosa"
        );
        assert_eq!(
            drop_site_name("Shelter full in Reynosa - Ledger", None),
            "Shelter full in Reynosa"
        );
        assert_eq!(
            drop_site_name("Shelter full in Reynosa — The Border Ledger", site),
            "Shelter full in Reynosa"
        );
        // A dash inside the title stays when what follows is long.
        let t = "Remain in Mexico - what the court said about the program and its end";
        assert_eq!(drop_site_name(t, None), t);
        assert_eq!(drop_site_name("Only a title", site), "Only a title");
    }

    #[test]
    fn metadata_from_meta_tags_json_ld_and_byline() {
        let page = Page::parse(
            r#"<html><head><title>Headline here | Site</title>
            <meta property="og:site_name" content="The Site">
            <link rel="canonical" href="https://example.org/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"x"},
              {"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2023-05-21T10:00:00Z",
               "author":[{"@type":"Person","name":"Ana Ruiz"},{"name":"Bo Li"}],
               "publisher":{"@type":"Organization","name":"The Site Ltd"}}]}</script>
            </head><body><p class="byline">By X <time datetime="2022-01-02">2 Jan</time></p></body></html>"#,
        );
        let m = page.metadata();
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz, Bo Li"));
        assert_eq!(m.publisher.as_deref(), Some("The Site"));
        assert_eq!(m.published.unwrap().to_string(), "2023-05-21");
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
        // Only the byline's <time>; the canonical link must be http(s).
        let page = Page::parse(
            r#"<title>Shelters fill up - Ledger</title><link rel=canonical href="javascript:alert(1)">
            <div class="post-byline">By <a rel="author">Ana</a> on <time datetime="2022-01-02T08:00">2 Jan</time></div>"#,
        );
        let m = page.metadata();
        assert_eq!(m.title.as_deref(), Some("Shelters fill up"));
        assert_eq!(m.published.unwrap().to_string(), "2022-01-02");
        assert_eq!(m.author.as_deref(), Some("Ana"));
        assert_eq!(m.url, None);
    }
}
