//! Render: turns the composed [`Site`] into the list of files of the site.
//!
//! In: [`Site`], [`Settings`], a loaded [`Theme`]. Out: `Vec<OutputFile>`: every page
//! (home, sources, hand-written pages, 404), the feed, sitemap, robots.txt, `.nojekyll`,
//! `CNAME`, the theme's static files, the published data, the briefing's pages and the
//! search index. Every job is listed first, then rendered in parallel; each file goes to
//! an [`output::Sink`](crate::output::Sink) as soon as it is made (written to disk, or
//! kept in memory for `check` and `serve`).

pub mod briefing;
pub mod data;
pub mod html;
pub mod markdown;
pub mod paging;
mod search_text;
pub mod theme;

use crate::compose::{Site, SourcePage};
use crate::config::Settings;
use crate::date::PartialDate;
use crate::error::Error;
use crate::output::{OutputFile, Sink};
use crate::source::MetaOrigin;
use crate::url::Urls;
use markdown::{Highlighter, MarkdownOptions, escape_html};

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
pub use theme::Theme;

/// The theme's words in the site's language, with date formatting.
#[derive(Debug, Clone)]
pub struct Strings {
    table: toml::Table,
}

const EMBEDDED_STRINGS: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/briefing/i18n/en.toml")),
    ("es", include_str!("../../themes/briefing/i18n/es.toml")),
];

impl Strings {
    /// Loads the string table for `language`: the theme's `i18n/<language>.toml` on disk
    /// overrides the built-in table key by key.
    pub fn load(settings: &Settings) -> Result<Strings, Error> {
        let lang = settings.config.language.as_str();
        let mut table = toml::Table::new();
        for (l, text) in EMBEDDED_STRINGS {
            if *l == lang {
                table = toml::from_str(text).expect("built-in string tables are valid TOML");
            }
        }
        let path = settings
            .root
            .join("themes")
            .join(&settings.config.theme)
            .join("i18n")
            .join(format!("{lang}.toml"));
        if path.is_file() {
            let text = crate::error::read_text(&path)?;
            let disk: toml::Table =
                toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?;
            table.extend(disk);
        }
        Ok(Strings { table })
    }

    /// A word by key (the key itself if missing, so a gap shows rather than breaks).
    pub fn get(&self, key: &str) -> String {
        self.table
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// A date for readers, at its own precision: "13 February 2020", "August 2010".
    pub fn date(&self, d: &PartialDate) -> String {
        let month_name = |m: u8| -> String {
            self.table
                .get("months")
                .and_then(|v| v.as_array())
                .and_then(|a| a.get(m as usize - 1))
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| crate::date::MONTHS_EN[m as usize - 1].to_string())
        };
        match (d.month, d.day) {
            (Some(m), Some(day)) => self
                .get("date_day")
                .replace("{day}", &day.to_string())
                .replace("{month}", &month_name(m))
                .replace("{year}", &d.year.to_string()),
            (Some(m), None) => self
                .get("date_month")
                .replace("{month}", &month_name(m))
                .replace("{year}", &d.year.to_string()),
            _ => d.year.to_string(),
        }
    }

    /// All string values, for templates.
    pub fn as_map(&self) -> BTreeMap<String, String> {
        self.table
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
            .collect()
    }
}

/// `site` in templates.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Language code.
    pub language: String,
    /// Base URL with trailing slash.
    pub base_url: String,
    /// Base path (`/` or `/repo/`).
    pub base_path: String,
    /// Author.
    pub author: String,
    /// Organisation.
    pub organisation: String,
    /// Most recent source date (ISO form).
    pub last_updated: Option<String>,
    /// The same, for readers.
    pub last_updated_display: Option<String>,
    /// Link to the Atom feed, if any.
    pub feed_url: Option<String>,
    /// `brief <version>`.
    pub generator: String,
    /// `[extra]` from site.toml.
    pub extra: toml::Table,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Label.
    pub title: String,
    /// Link.
    pub url: String,
    /// Path inside the site (to mark the current page).
    pub path: String,
}

/// `page` in templates: what every page has.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// `home`, `source`, `page`, `404`, …
    pub kind: String,
    /// Title.
    pub title: String,
    /// Meta description (≤ 160 characters).
    pub description: String,
    /// Path inside the site (`sources/a/`).
    pub path: String,
    /// Root-relative link.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Rendered body HTML.
    pub content: String,
    /// Headings of the body: level, id, text.
    pub headings: Vec<(u8, String, String)>,
    /// Free values from front matter.
    pub extra: toml::Table,
}

/// `source` in templates (source pages) and each entry of `sources` (home).
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date, ISO form at its precision.
    pub published: Option<String>,
    /// The same, for readers.
    pub published_display: Option<String>,
    /// True when the date was inferred (by an editor or by brief).
    pub date_inferred: bool,
    /// The editor's reasoning for the date.
    pub date_basis: Option<String>,
    /// The document's own address (http(s) only).
    pub original_url: Option<String>,
    /// Rights as stored.
    pub rights: Option<String>,
    /// Rights for readers.
    pub rights_display: String,
    /// Editor's summary.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// File name under `content/sources/`.
    pub file_name: String,
    /// Path relative to content (`sources/x.txt`).
    pub source_path: String,
    /// Link to its page.
    pub url: String,
    /// Absolute URL of its page.
    pub permalink: String,
    /// Whether the full text is on the page.
    pub full_text: bool,
    /// Things the reader should know about this page's metadata.
    pub notices: Vec<String>,
}

fn truncate_chars(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// One job of the render stage: a page or file (or a few) of the site.
#[derive(Debug, Clone, Copy)]
enum Job<'a> {
    /// A source's page.
    Source(usize),
    /// A hand-written page and its aliases.
    Page(&'a crate::source::Page),
    /// The home page.
    Home,
    /// `404.html`.
    NotFound,
    /// One of the published data files.
    Data(data::DataFile),
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `.nojekyll`.
    NoJekyll,
    /// The Atom feed.
    Feed,
    /// `CNAME`, if configured.
    Cname,
    /// The theme's static files.
    Statics,
    /// A page of the timeline, or of an entity's filtered timeline: (entity, page).
    Timeline(Option<usize>, usize),
    /// A page of the statistics.
    Statistics(usize),
    /// The entities index and a page per entity.
    Entities,
    /// The methodology page.
    Methodology,
    /// The print brief.
    PrintBrief,
    /// The search page.
    SearchPage,
    /// `data/timeline.json`.
    TimelineJson,
}

impl Job<'_> {
    /// True for the files that show every event of the briefing.
    fn is_heavy(self) -> bool {
        matches!(self, Job::PrintBrief | Job::TimelineJson)
    }

    /// False for the jobs that never make a page for the search index (data files,
    /// feeds, markers). A theme may mark any of its pages for the index, and its static
    /// files may hold pages too, so every other job may.
    fn may_be_searched(self) -> bool {
        !matches!(
            self,
            Job::Data(_)
                | Job::Sitemap
                | Job::Robots
                | Job::NoJekyll
                | Job::Feed
                | Job::Cname
                | Job::TimelineJson
        )
    }
}

/// A page for the search index, as the render worker left it.
#[derive(Debug)]
pub(crate) enum SearchDoc {
    /// Its searchable text (read by [`search_text`]) and title: a custom record.
    Text(search_text::PageText),
    /// Its HTML, for pagefind to parse: the page uses pagefind attributes that
    /// [`search_text`] does not read.
    Html(String),
}

/// A job's pages for the search index: (site-relative URL, page).
pub(crate) type SearchPages = Vec<(String, SearchDoc)>;

/// Pages larger than this are left out of the search index. Only the timeline and
/// statistics pages of very large briefings get there (16 MB and 31 MB at 1,000
/// sources); their words are the sources' own sentences, already indexed on the source
/// pages, and pagefind would spend longer on one of them than on a thousand sources.
pub const SEARCH_MAX_PAGE_BYTES: usize = 4 << 20;

/// A page for the search index, if it has a `data-pagefind-body` and is not larger than
/// [`SEARCH_MAX_PAGE_BYTES`]. Its URL is site-relative: pagefind's script prefixes the
/// base path it is served from. Its text is read here, on the render worker, so the
/// indexer (one thread) does not parse HTML.
fn searchable(f: &OutputFile) -> Option<(String, SearchDoc)> {
    if !f.path.ends_with("index.html") || f.bytes.len() > SEARCH_MAX_PAGE_BYTES {
        return None;
    }
    let html = std::str::from_utf8(&f.bytes).ok()?;
    if !html.contains("data-pagefind-body") {
        return None;
    }
    let doc = match search_text::page_text(html) {
        search_text::Scan::Text(t) => SearchDoc::Text(t),
        search_text::Scan::NoBody => return None,
        search_text::Scan::Unsupported => SearchDoc::Html(html.to_string()),
    };
    let dir = f.path.trim_end_matches("index.html");
    Some((format!("/{dir}"), doc))
}

/// How long rendering took, and how much longer the search index needed after it.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderTimes {
    /// Every page and file but the search index.
    pub render: std::time::Duration,
    /// The search index, beyond the time it ran alongside rendering.
    pub search: std::time::Duration,
}

/// The search index of a render, built on its own thread after the pages.
#[derive(Debug)]
pub struct PendingSearch {
    handle: std::thread::JoinHandle<Result<Vec<OutputFile>, Error>>,
    /// When rendering started.
    start: std::time::Instant,
}

impl PendingSearch {
    /// Waits for the index; returns its files (under `pagefind/`).
    pub fn wait(self) -> Result<Vec<OutputFile>, Error> {
        self.handle.join().map_err(|_| Error::Invalid {
            path: "pagefind".into(),
            line: None,
            message: "search index: the indexer panicked".into(),
        })?
    }
}

/// Renders the whole site into files.
pub struct Renderer<'a> {
    settings: &'a Settings,
    site: &'a Site,
    theme: &'a Theme,
    strings: Strings,
    urls: &'a Urls,
    highlighter: Highlighter,
    paging: paging::Paging<'a>,
}

impl<'a> Renderer<'a> {
    /// Prepares rendering (registers the `url` template function).
    pub fn new(settings: &'a Settings, site: &'a Site, theme: &'a Theme) -> Result<Self, Error> {
        let strings = Strings::load(settings)?;
        Ok(Renderer {
            settings,
            site,
            theme,
            strings,
            urls: &settings.urls,
            highlighter: Highlighter::default(),
            paging: paging::Paging::new(&site.briefing, settings.config.briefing.page_size),
        })
    }

    fn site_view(&self) -> SiteView {
        let c = &self.settings.config;
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            base_url: self.urls.base_url(),
            base_path: self.urls.base_path().to_string(),
            author: c.author.clone(),
            organisation: c.organisation.clone(),
            last_updated: self.site.last_updated.map(|d| d.to_string()),
            last_updated_display: self.site.last_updated.map(|d| self.strings.date(&d)),
            feed_url: c.feed.enabled.then(|| self.urls.link(&c.feed.filename)),
            generator: format!("brief {}", env!("CARGO_PKG_VERSION")),
            extra: c.extra.clone(),
        }
    }

    fn nav(&self) -> Vec<NavItem> {
        let mut nav = vec![NavItem {
            title: self.strings.get("home"),
            url: self.urls.link(""),
            path: String::new(),
        }];
        // The briefing's own pages.
        for (key, path) in [
            ("timeline", "timeline/"),
            ("statistics", "statistics/"),
            ("entities", "entities/"),
            ("methodology", "methodology/"),
            ("search", "search/"),
        ] {
            nav.push(NavItem {
                title: self.strings.get(key),
                url: self.urls.link(path),
                path: path.into(),
            });
        }
        let mut pages: Vec<_> = self
            .site
            .pages
            .iter()
            .filter(|p| p.meta.weight > 0 && p.path != briefing::METHODOLOGY_PATH)
            .collect();
        pages.sort_by(|a, b| (a.meta.weight, &a.path).cmp(&(b.meta.weight, &b.path)));
        for p in pages {
            nav.push(NavItem {
                title: p.meta.title.clone(),
                url: self.urls.link(&p.path),
                path: p.path.clone(),
            });
        }
        nav
    }

    fn context(&self, page: &PageView) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_view());
        ctx.insert("nav", &self.nav());
        ctx.insert("strings", &self.strings.as_map());
        ctx.insert("page", page);
        ctx.insert(
            "short_title",
            &briefing::short_title(&self.settings.config.title),
        );
        ctx
    }

    fn page_view(
        &self,
        kind: &str,
        title: &str,
        description: &str,
        path: &str,
        content: String,
    ) -> PageView {
        PageView {
            kind: kind.into(),
            title: title.into(),
            description: truncate_chars(description, 160),
            path: path.into(),
            url: self.urls.link(path),
            permalink: self.urls.absolute(path),
            content,
            headings: Vec::new(),
            extra: toml::Table::new(),
        }
    }

    /// The view of a source for templates.
    pub fn source_view(&self, s: &SourcePage) -> SourceView {
        let mut notices = Vec::new();
        if s.title_origin == MetaOrigin::Inferred {
            notices.push(self.strings.get("title_inferred"));
        }
        match (s.published, s.date_origin) {
            (Some(_), MetaOrigin::Inferred) => notices.push(self.strings.get("date_from_dateline")),
            (None, _) => notices.push(self.strings.get("no_date")),
            _ => {}
        }
        let rights = s.source.meta.rights.clone();
        let rights_display = match rights.as_deref().map(str::trim) {
            None | Some("" | "unknown") => self.strings.get("rights_unknown"),
            Some("all-rights-reserved") => self.strings.get("rights_reserved"),
            Some(other) => other.to_string(),
        };
        let path = s.path();
        SourceView {
            title: s.title.clone(),
            publisher: s.source.meta.publisher.clone(),
            published: s.published.map(|d| d.to_string()),
            published_display: s.published.map(|d| self.strings.date(&d)),
            date_inferred: s.source.meta.date_inferred.unwrap_or(false)
                || s.date_origin == MetaOrigin::Inferred,
            date_basis: s.source.meta.date_basis.clone(),
            original_url: s.source.meta.url.clone(),
            rights,
            rights_display,
            summary: s.source.meta.summary.clone(),
            tags: s.source.meta.tags.clone(),
            file_name: s.source.file_name.clone(),
            source_path: s.source.rel_path.clone(),
            url: self.urls.link(&path),
            permalink: self.urls.absolute(&path),
            full_text: s.full_text,
            notices,
        }
    }

    fn description_of(&self, s: &SourcePage) -> String {
        if let Some(summary) = &s.source.meta.summary {
            return summary.clone();
        }
        let first = s
            .doc
            .blocks
            .iter()
            .find(|b| matches!(b.kind, crate::convert::BlockKind::Paragraph) && b.text.len() > 60)
            .map(|b| b.text.clone());
        match (s.full_text, first) {
            (true, Some(text)) => text,
            _ => {
                let mut d = s.title.clone();
                if let Some(p) = &s.source.meta.publisher {
                    let _ = write!(d, " ({p})");
                }
                d
            }
        }
    }

    fn render_source(&self, index: usize, s: &SourcePage) -> Result<OutputFile, Error> {
        let marks = self.source_marks(index);
        let rendered = html::render_document(
            &s.doc,
            &marks,
            self.settings
                .config
                .highlight
                .enabled
                .then_some(&self.highlighter),
        );
        let path = s.path();
        let content = if s.full_text {
            rendered.html
        } else {
            String::new()
        };
        let mut page = self.page_view("source", &s.title, &self.description_of(s), &path, content);
        page.headings = rendered.headings;
        let mut ctx = self.context(&page);
        ctx.insert("source", &self.source_view(s));
        ctx.insert("facts", &self.source_facts(index));
        ctx.insert("excerpts", &self.source_excerpts(index));
        ctx.insert("entities", &self.source_entities(index));
        ctx.insert("jsonld", &self.source_jsonld(s));
        let html = self.theme.render("source.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            format!("source page for {}", s.source.rel_path),
        ))
    }

    fn render_page(&self, p: &crate::source::Page) -> Result<Vec<OutputFile>, Error> {
        let rendered = markdown::render(
            &p.body,
            &MarkdownOptions {
                trusted_html: true,
                highlighter: self
                    .settings
                    .config
                    .highlight
                    .enabled
                    .then_some(&self.highlighter),
            },
        );
        let html = sanitize_trusted(&rendered.html);
        let mut page = self.page_view("page", &p.meta.title, &p.meta.description, &p.path, html);
        page.headings = rendered.headings;
        page.extra = p.meta.extra.clone();
        let template = p.meta.template.as_deref().unwrap_or("page.html");
        let out = self.theme.render(template, &self.context(&page))?;
        let mut files = vec![OutputFile::new(
            format!("{}index.html", p.path),
            out,
            format!("page {}", p.rel_path),
        )];
        for alias in &p.meta.aliases {
            let alias = alias.trim_matches('/');
            files.push(OutputFile::new(
                format!("{alias}/index.html"),
                redirect_html(&self.urls.link(&p.path)),
                format!("alias {alias} of {}", p.rel_path),
            ));
        }
        Ok(files)
    }

    fn render_home(&self) -> Result<OutputFile, Error> {
        let c = &self.settings.config;
        let (title, description, content) = match &self.site.home {
            Some(home) => {
                let html = sanitize_trusted(
                    &markdown::render(
                        &home.body,
                        &MarkdownOptions {
                            trusted_html: true,
                            ..Default::default()
                        },
                    )
                    .html,
                );
                let title = if home.meta.title.is_empty() {
                    c.title.clone()
                } else {
                    home.meta.title.clone()
                };
                let description = if home.meta.description.is_empty() {
                    c.description.clone()
                } else {
                    home.meta.description.clone()
                };
                (title, description, html)
            }
            None => (c.title.clone(), c.description.clone(), String::new()),
        };
        let page = self.page_view("home", &title, &description, "", content);
        let mut ctx = self.context(&page);
        let sources: Vec<SourceView> = self
            .site
            .sources
            .iter()
            .map(|s| self.source_view(s))
            .collect();
        ctx.insert("sources", &sources);
        self.home_context(&mut ctx);
        let html = self.theme.render("index.html", &ctx)?;
        Ok(OutputFile::new("index.html", html, "home page"))
    }

    fn render_404(&self) -> Result<OutputFile, Error> {
        let title = self.strings.get("not_found_title");
        let page = self.page_view(
            "404",
            &title,
            &self.strings.get("not_found_text"),
            "404.html",
            String::new(),
        );
        let html = self.theme.render("404.html", &self.context(&page))?;
        Ok(OutputFile::new("404.html", html, "404 page"))
    }

    /// The jobs that make up the site, in the order of the file list: sources, pages,
    /// home, 404, data, sitemap, robots, feed, CNAME, static files, then the briefing's
    /// pages. The search index takes its pages in this order.
    fn jobs(&self) -> Vec<Job<'a>> {
        let c = &self.settings.config;
        let mut jobs: Vec<Job> = (0..self.site.sources.len()).map(Job::Source).collect();
        for p in &self.site.pages {
            // A hand-written methodology page becomes part of the generated one.
            if p.path != briefing::METHODOLOGY_PATH {
                jobs.push(Job::Page(p));
            }
        }
        jobs.extend([Job::Home, Job::NotFound]);
        if c.extract.enabled {
            jobs.extend(data::DataFile::ALL.map(Job::Data));
        }
        jobs.extend([Job::Sitemap, Job::Robots, Job::NoJekyll]);
        if c.feed.enabled {
            jobs.push(Job::Feed);
        }
        jobs.extend([Job::Cname, Job::Statics]);
        jobs.extend((0..self.paging.timeline.len()).map(|p| Job::Timeline(None, p)));
        for (i, e) in self.site.briefing.entities.iter().enumerate() {
            if !e.events.is_empty() {
                let pages = self.paging.entities[i].len();
                jobs.extend((0..pages).map(|p| Job::Timeline(Some(i), p)));
            }
        }
        jobs.extend((0..self.paging.statistics.len()).map(Job::Statistics));
        jobs.extend([
            Job::Entities,
            Job::Methodology,
            Job::PrintBrief,
            Job::SearchPage,
            Job::TimelineJson,
        ]);
        // The jobs that may feed the search index first, in their order (which is the
        // index's page order): the indexer can finish while the others render.
        let (searched, rest): (Vec<Job>, Vec<Job>) =
            jobs.into_iter().partition(|j| j.may_be_searched());
        searched.into_iter().chain(rest).collect()
    }

    /// Renders one job.
    fn run(&self, job: Job) -> Result<Vec<OutputFile>, Error> {
        let c = &self.settings.config;
        let one = |f: OutputFile| Ok(vec![f]);
        match job {
            Job::Source(i) => one(self.render_source(i, &self.site.sources[i])?),
            Job::Page(p) => self.render_page(p),
            Job::Home => one(self.render_home()?),
            Job::NotFound => one(self.render_404()?),
            Job::Data(kind) => one(data::file(kind, self.urls, self.site)),
            Job::Sitemap => one(OutputFile::new("sitemap.xml", self.sitemap(), "sitemap")),
            Job::Robots => one(OutputFile::new("robots.txt", self.robots(), "robots.txt")),
            Job::NoJekyll => one(OutputFile::new(".nojekyll", "", "GitHub Pages marker")),
            Job::Feed => one(OutputFile::new(
                c.feed.filename.clone(),
                self.atom(),
                "Atom feed",
            )),
            Job::Cname => Ok(c
                .cname
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(|cname| {
                    OutputFile::new("CNAME", format!("{cname}\n"), "CNAME (site.toml cname)")
                })
                .into_iter()
                .collect()),
            Job::Statics => Ok(self
                .theme
                .statics
                .iter()
                .map(|(path, bytes)| {
                    OutputFile::new(path.clone(), bytes.clone(), format!("static file {path}"))
                })
                .collect()),
            Job::Timeline(entity, page) => one(self.render_timeline(entity, page)?),
            Job::Statistics(page) => {
                // The data files the page links to: those the data jobs or the theme make.
                let existing: std::collections::BTreeSet<String> = data::DataFile::ALL
                    .iter()
                    .filter(|_| c.extract.enabled)
                    .map(|d| d.path().to_string())
                    .chain(self.theme.statics.keys().cloned())
                    .collect();
                one(self.render_statistics(page, &existing)?)
            }
            Job::Entities => self.render_entities(),
            Job::Methodology => one(self.render_methodology()?),
            Job::PrintBrief => one(self.render_print_brief()?),
            Job::SearchPage => one(self.render_search()?),
            Job::TimelineJson => one(OutputFile::new(
                "data/timeline.json",
                self.timeline_json(),
                "timeline data (TimelineJS)",
            )),
        }
    }

    /// Renders every file of the site into `sink`, the search index last.
    ///
    /// Jobs run in parallel, taken in list order (so pages reach the search index
    /// nearly in order and few wait), and each file goes to the sink as soon as it is
    /// rendered. The search index is built on a thread of its own at the same time: it
    /// takes the searchable pages of each job in list order, so it is the same whatever
    /// the thread count.
    pub fn render(&self, sink: &dyn Sink) -> Result<RenderTimes, Error> {
        let (mut times, pending) = self.render_pages(sink)?;
        if let Some(pending) = pending {
            let start = pending.start;
            for f in pending.wait()? {
                sink.put(f)?;
            }
            times.search = start.elapsed().saturating_sub(times.render);
        }
        Ok(times)
    }

    /// Like [`Renderer::render`], but returns as soon as the pages are rendered, with
    /// the search index still being built (`None` when search is off). `brief serve`
    /// shows an edit this way before the index has caught up.
    pub fn render_pages(
        &self,
        sink: &dyn Sink,
    ) -> Result<(RenderTimes, Option<PendingSearch>), Error> {
        let start = std::time::Instant::now();
        let jobs = self.jobs();
        let next = AtomicUsize::new(0);
        let failed: Mutex<Option<(usize, Error)>> = Mutex::new(None);
        let search_enabled = self.settings.config.search.enabled;
        // The jobs that may feed the index: the first ones (see `jobs`).
        let searched = jobs.iter().take_while(|j| j.may_be_searched()).count();
        let (feed, indexer) = if search_enabled {
            // Bounded: when the indexer falls behind, rendering waits for it rather
            // than piling up pages in memory. It never deadlocks: the indexer keeps
            // taking pages, holding back the few that arrive ahead of their turn.
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, SearchPages)>(
                2 * rayon::current_num_threads(),
            );
            let lang = self.lang().to_string();
            // Not a scoped thread: it may outlive this call (see `render_pages`).
            let handle = std::thread::spawn(move || briefing::search_index(&lang, searched, rx));
            (Some(tx), Some(handle))
        } else {
            (None, None)
        };
        let run_job = |k: usize| {
            // Only the first `searched` jobs feed the index (see `jobs`).
            let feed = feed.as_ref().filter(|_| k < searched);
            let result = self.run(jobs[k]).and_then(|files| {
                let mut pages = Vec::new();
                for f in files {
                    if feed.is_some()
                        && let Some(page) = searchable(&f)
                    {
                        pages.push(page);
                    }
                    sink.put(f)?;
                }
                if let Some(feed) = feed {
                    // A closed channel means the indexer failed; it says why.
                    let _ = feed.send((k, pages));
                }
                Ok(())
            });
            if let Err(e) = result {
                let mut f = failed.lock().unwrap_or_else(|e| e.into_inner());
                // The first failing job in list order, whichever thread saw it.
                if f.as_ref().is_none_or(|(at, _)| k < *at) {
                    *f = Some((k, e));
                }
            }
        };
        let stop = || failed.lock().map_or(true, |f| f.is_some());
        // The pages that gather the whole briefing run one after the other, started
        // first by whichever worker comes first: each is large (its view of every
        // event or figure), so only one is in memory at a time, and the longest job
        // does not wait for the others to start. They run on a worker of the pool, so
        // their own parallel parts are taken up by the other workers as those run
        // out of pages (a thread outside the pool would wait for the pool instead).
        let (heavy, light): (Vec<usize>, Vec<usize>) =
            (0..jobs.len()).partition(|&k| jobs[k].is_heavy());
        let heavy_taken = std::sync::atomic::AtomicBool::new(false);
        rayon::scope(|s| {
            for _ in 0..rayon::current_num_threads() {
                s.spawn(|_| {
                    if !heavy_taken.swap(true, Ordering::Relaxed) {
                        for &k in &heavy {
                            if stop() {
                                return;
                            }
                            run_job(k);
                        }
                    }
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= light.len() || stop() {
                            break;
                        }
                        run_job(light[i]);
                    }
                });
            }
        });
        let rendered = start.elapsed();
        drop(feed);
        if let Some((_, e)) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
            return Err(e);
        }
        let times = RenderTimes {
            render: rendered,
            search: std::time::Duration::ZERO,
        };
        let pending = indexer.map(|handle| PendingSearch { handle, start });
        Ok((times, pending))
    }

    fn sitemap(&self) -> String {
        let mut entries: Vec<(String, Option<String>)> = vec![(String::new(), None)];
        for s in &self.site.sources {
            let lastmod = s
                .published
                .filter(|d| d.day.is_some())
                .map(|d| d.to_string());
            entries.push((s.path(), lastmod));
        }
        for p in &self.site.pages {
            if p.path != briefing::METHODOLOGY_PATH {
                entries.push((p.path.clone(), None));
            }
        }
        for path in [
            "timeline/",
            "statistics/",
            "entities/",
            "methodology/",
            "brief/",
            "search/",
        ] {
            entries.push((path.to_string(), None));
        }
        for page in 1..self.paging.timeline.len() {
            entries.push((paging::page_path("timeline/", page), None));
        }
        for page in 1..self.paging.statistics.len() {
            entries.push((paging::page_path("statistics/", page), None));
        }
        for (i, e) in self.site.briefing.entities.iter().enumerate() {
            entries.push((format!("entities/{}/", e.slug), None));
            let base = format!("timeline/{}/", e.slug);
            if !e.events.is_empty() {
                for page in 0..self.paging.entities[i].len() {
                    entries.push((paging::page_path(&base, page), None));
                }
            }
        }
        entries.sort();
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in entries {
            let _ = write!(
                out,
                "  <url><loc>{}</loc>",
                escape_html(&self.urls.absolute(&path))
            );
            if let Some(l) = lastmod {
                let _ = write!(out, "<lastmod>{l}</lastmod>");
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    }

    fn robots(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            self.urls.absolute("sitemap.xml")
        )
    }

    fn atom(&self) -> String {
        let c = &self.settings.config;
        let stamp = |d: &PartialDate| format!("{}T00:00:00Z", d.first_day());
        let updated = self
            .site
            .last_updated
            .map(|d| stamp(&d))
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
        let mut sources: Vec<&SourcePage> = self.site.sources.iter().collect();
        sources.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then(a.source.slug.cmp(&b.source.slug))
        });
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
        );
        let _ = writeln!(out, "  <title>{}</title>", escape_html(&c.title));
        if !c.description.is_empty() {
            let _ = writeln!(
                out,
                "  <subtitle>{}</subtitle>",
                escape_html(&c.description)
            );
        }
        let _ = writeln!(out, "  <id>{}</id>", escape_html(&self.urls.base_url()));
        let _ = writeln!(
            out,
            "  <link href=\"{}\"/>",
            escape_html(&self.urls.base_url())
        );
        let _ = writeln!(
            out,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape_html(&self.urls.absolute(&c.feed.filename))
        );
        let _ = writeln!(out, "  <updated>{updated}</updated>");
        let author = [&c.author, &c.organisation, &c.title]
            .into_iter()
            .find(|a| !a.is_empty())
            .cloned()
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  <author><name>{}</name></author>",
            escape_html(&author)
        );
        let _ = writeln!(out, "  <generator>brief</generator>");
        for s in sources.into_iter().take(c.feed.limit) {
            let link = self.urls.absolute(&s.path());
            let entry_updated = s
                .published
                .map(|d| stamp(&d))
                .unwrap_or_else(|| updated.clone());
            out.push_str("  <entry>\n");
            let _ = writeln!(out, "    <title>{}</title>", escape_html(&s.title));
            let _ = writeln!(out, "    <id>{}</id>", escape_html(&link));
            let _ = writeln!(out, "    <link href=\"{}\"/>", escape_html(&link));
            let _ = writeln!(out, "    <updated>{entry_updated}</updated>");
            if let Some(p) = &s.source.meta.publisher {
                let _ = writeln!(out, "    <author><name>{}</name></author>", escape_html(p));
            }
            let _ = writeln!(
                out,
                "    <summary>{}</summary>",
                escape_html(&truncate_chars(&self.description_of(s), 300))
            );
            out.push_str("  </entry>\n");
        }
        out.push_str("</feed>\n");
        out
    }
}

/// Cleans the HTML of a hand-written page: the author's own markup is kept, script and
/// event handlers are not.
fn sanitize_trusted(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes([
            "id",
            "class",
            "aria-label",
            "aria-labelledby",
            "aria-describedby",
            "title",
            "lang",
            "dir",
            "tabindex",
            "role",
        ])
        .add_tags([
            "section",
            "mark",
            "time",
            "figure",
            "figcaption",
            "details",
            "summary",
            "aside",
            "nav",
            "input",
        ])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("li", ["value"])
        .add_tag_attributes("input", ["type", "disabled", "checked"])
        .add_tag_attributes("img", ["loading"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// A page that sends readers from an old address to the new one.
fn redirect_html(to: &str) -> String {
    let to = escape_html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let d = truncate_chars(&long, 160);
        assert!(d.chars().count() <= 160 && d.ends_with('…'), "{d}");
        assert_eq!(truncate_chars("short", 160), "short");
    }

    #[test]
    fn trusted_pages_lose_scripts_but_keep_structure() {
        let out = sanitize_trusted(
            "<p id=\"x\" onclick=\"evil()\">a<script>alert(1)</script></p><section class=\"c\">b</section>",
        );
        assert!(out.contains("<p id=\"x\">a</p>"), "{out}");
        assert!(out.contains("<section class=\"c\">"), "{out}");
        assert!(!out.contains("script") && !out.contains("onclick"));
    }
}
