//! Feeds: `sitemap.xml`, the Atom feed and `robots.txt`, rendered from the theme's
//! templates of those names (built in, and overridable file by file like any template).
//!
//! In: the [`Renderer`] (site, settings, paging, URLs). Out: [`OutputFile`]s. The views
//! here say what goes in each file (every page's absolute URL, the newest sources
//! first); the templates say how it is written.

use super::context::truncate_chars;
use super::{Renderer, paging};
use crate::model::date::PartialDate;
use crate::model::site::SourcePage;
use crate::output::OutputFile;
use crate::util::error::Error;
use crate::util::url::paths;
use serde::Serialize;

/// One `<url>` of the sitemap.
#[derive(Debug, Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    /// The page in every language of a bilingual site (empty otherwise).
    alternates: Vec<Alternate>,
}

/// One language version of a sitemap entry (`xhtml:link`).
#[derive(Debug, Clone, Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

/// The Atom feed: the site and its newest sources.
#[derive(Debug, Serialize)]
struct FeedView {
    title: String,
    subtitle: String,
    id: String,
    self_link: String,
    updated: String,
    author: String,
    entries: Vec<FeedEntry>,
}

/// One source in the feed.
#[derive(Debug, Serialize)]
struct FeedEntry {
    title: String,
    link: String,
    updated: String,
    author: Option<String>,
    summary: String,
}

/// The paths of every page worth indexing, with the date of the sources that give a day.
fn sitemap_paths(r: &Renderer) -> Vec<(String, Option<String>)> {
    let mut entries: Vec<(String, Option<String>)> = vec![(String::new(), None)];
    for s in &r.site.sources {
        let lastmod = s
            .published
            .filter(|d| d.day.is_some())
            .map(|d| d.to_string());
        entries.push((s.path(), lastmod));
    }
    for p in &r.site.pages {
        if p.path != paths::METHODOLOGY {
            entries.push((p.path.clone(), None));
        }
    }
    for path in [
        paths::TIMELINE,
        paths::STATISTICS,
        paths::ENTITIES,
        paths::METHODOLOGY,
        paths::BRIEF,
        paths::SEARCH,
    ] {
        entries.push((path.to_string(), None));
    }
    if r.settings.config.extract.enabled {
        entries.push((paths::DATA.to_string(), None));
    }
    for page in 1..r.paging.timeline.len() {
        entries.push((paging::page_path(paths::TIMELINE, page), None));
    }
    for page in 1..r.paging.statistics.len() {
        entries.push((paging::page_path(paths::STATISTICS, page), None));
    }
    for (i, e) in r.site.briefing.entities.iter().enumerate() {
        entries.push((paths::entity(&e.slug), None));
        let base = paths::entity_timeline(&e.slug);
        if !e.events.is_empty() {
            for page in 0..r.paging.entities[i].len() {
                entries.push((paging::page_path(&base, page), None));
            }
        }
    }
    entries.sort();
    entries
}

/// The language versions of a page for the sitemap, as its pages' `<link
/// rel="alternate">` list them: each language, the default also as `x-default`
/// (none on a one-language site).
fn alternates(r: &Renderer, path: &str) -> Vec<Alternate> {
    let mut out = Vec::new();
    for t in r.translations(path) {
        let x_default = t.default.then(|| Alternate {
            lang: "x-default".into(),
            href: t.permalink.clone(),
        });
        out.push(Alternate {
            lang: t.lang,
            href: t.permalink,
        });
        out.extend(x_default);
    }
    out
}

/// `sitemap.xml`, from the `sitemap.xml` template.
pub(super) fn sitemap(r: &Renderer) -> Result<OutputFile, Error> {
    // A bilingual site has one sitemap, at the root, listing each page in every
    // language with its alternates.
    let trees = r.settings.trees();
    let multilingual = trees.len() > 1;
    let mut entries: Vec<SitemapEntry> = Vec::new();
    for (path, lastmod) in sitemap_paths(r) {
        let alternates = alternates(r, &path);
        for (_, prefix) in &trees {
            entries.push(SitemapEntry {
                loc: r.urls.in_tree(prefix).absolute(&path),
                lastmod: lastmod.clone(),
                alternates: alternates.clone(),
            });
        }
    }
    let mut ctx = tera::Context::new();
    ctx.insert("entries", &entries);
    ctx.insert("multilingual", &multilingual);
    let text = r.theme.render("sitemap.xml", &ctx)?;
    Ok(OutputFile::new("sitemap.xml", text, "sitemap"))
}

/// `robots.txt`, from the `robots.txt` template.
pub(super) fn robots(r: &Renderer) -> Result<OutputFile, Error> {
    let mut ctx = tera::Context::new();
    ctx.insert("sitemap_url", &r.urls.absolute("sitemap.xml"));
    let text = r.theme.render("robots.txt", &ctx)?;
    Ok(OutputFile::new("robots.txt", text, "robots.txt"))
}

/// The Atom feed (`[feed] filename`), from the `atom.xml` template: the newest
/// `[feed] limit` sources.
pub(super) fn atom(r: &Renderer) -> Result<OutputFile, Error> {
    let c = &r.settings.config;
    let stamp = |d: &PartialDate| format!("{}T00:00:00Z", d.first_day());
    let updated = r
        .site
        .last_updated
        .map(|d| stamp(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut sources: Vec<&SourcePage> = r.site.sources.iter().collect();
    sources.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then(a.source.slug.cmp(&b.source.slug))
    });
    let entries = sources
        .into_iter()
        .take(c.feed.limit)
        .map(|s| FeedEntry {
            title: s.title.clone(),
            link: r.urls.absolute(&s.path()),
            updated: s
                .published
                .map(|d| stamp(&d))
                .unwrap_or_else(|| updated.clone()),
            author: s.source.meta.publisher.clone(),
            summary: truncate_chars(&r.description_of(s), 300),
        })
        .collect();
    let author = [&c.author, &c.organisation, &c.title]
        .into_iter()
        .find(|a| !a.is_empty())
        .cloned()
        .unwrap_or_default();
    let feed = FeedView {
        title: c.title.clone(),
        subtitle: c.description.clone(),
        id: r.urls.home(),
        self_link: r.urls.absolute(&c.feed.filename),
        updated,
        author,
        entries,
    };
    let mut ctx = tera::Context::new();
    ctx.insert("feed", &feed);
    let text = r.theme.render("atom.xml", &ctx)?;
    Ok(OutputFile::new(c.feed.filename.clone(), text, "Atom feed"))
}
