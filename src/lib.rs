//! `brief` builds briefing microsites: a folder of source documents becomes a static site
//! with a timeline of dated events, the statistics the documents state, and a page per
//! source, every fact linked to the sentence it came from.
//!
//! In: a site folder and [`BuildOptions`]. Out: the site written (or, for `check` and
//! `serve`, held in memory) and a [`BuildReport`] with each stage's time.
//!
//! The build is a pipeline of stages, each a folder that takes plain data ([`model`])
//! and returns plain data, run here in order: [`input`] (site.toml, content/) →
//! [`convert`] (documents to blocks; title and date resolved) → [`extract`] (events,
//! statistics) → [`compose`] (corrections, source pages, the briefing: one finished
//! site) → [`render`] (pages and data files) → [`output`] (write, all or nothing).
//! [`util`] and [`lang`] are the ground floor; [`cmd`] holds the commands beyond a
//! build.
#![warn(missing_docs)]

pub mod cache;
pub mod cmd;
pub mod compose;
pub mod convert;
pub mod extract;
pub mod input;
pub mod lang;
pub mod model;
pub mod output;
pub mod render;
pub mod util;

use crate::input::config::{Overrides, Settings};
use crate::output::OutputFile;
pub use crate::render::PendingSearch;
use crate::util::error::{Error, Warning};
use rayon::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Pages written (HTML files).
    pub pages: usize,
    /// Source documents.
    pub sources: usize,
    /// Events published.
    pub events: usize,
    /// Statistics published.
    pub statistics: usize,
    /// Files written in all.
    pub files: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Warning>,
    /// Time per stage, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Conversions and extractions reused from an earlier build ([`BuildOptions::cache`]).
    pub cache_hits: usize,
    /// Each source's language and how it was chosen (`sidecar`, `front matter`,
    /// `detected`, `site default`), for `--verbose`.
    pub languages: Vec<SourceLanguage>,
}

/// The language a source was extracted in, and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLanguage {
    /// The source's path under `content/`.
    pub source: String,
    /// Its language code.
    pub language: String,
    /// `sidecar`, `front matter`, `detected` or `site default`.
    pub how: &'static str,
}

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Command-line overrides of site.toml.
    pub overrides: Overrides,
    /// Render everything but write nothing (for `brief check`).
    pub dry_run: bool,
    /// Conversions and facts of earlier builds in this process (`brief serve`).
    pub cache: Option<std::sync::Arc<cache::Cache>>,
    /// [`render_site`] returns once the pages are rendered, the search index still
    /// being built in [`Rendered::search`] (`brief serve`: an edit shows sooner).
    pub defer_search: bool,
}

/// The result of rendering, before anything is written.
#[derive(Debug)]
pub struct Rendered {
    /// The checked settings.
    pub settings: Settings,
    /// Every file of the site, sorted by path.
    pub files: Vec<OutputFile>,
    /// The generated Markdown of each source: (file name, text).
    pub markdown: Vec<OutputFile>,
    /// The report so far.
    pub report: BuildReport,
    /// The facts of each source, after corrections (for `brief review` and `brief check`).
    pub facts: Vec<SourceFacts>,
    /// Names seen in the sources that are not in `content/entities.toml`, for the
    /// editor (`brief check` lists them; the public pages do not).
    pub candidates: Vec<model::briefing::Candidate>,
    /// The search index, when [`BuildOptions::defer_search`] asked for it later; else
    /// its files are in `files`.
    pub search: Option<PendingSearch>,
}

/// The facts extracted from one source, with what an editor needs to find it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceFacts {
    /// Path relative to `content/`, e.g. `sources/000_x.txt`.
    pub source: String,
    /// The source's title as shown on its page.
    pub title: String,
    /// Its events and statistics.
    pub facts: model::facts::Facts,
    /// Its page's path inside the site (`sources/<slug>/`).
    pub page: String,
    /// The text of each paragraph that holds a fact, by paragraph number (the context
    /// the review page of `brief serve` shows around a sentence).
    pub paragraphs: std::collections::BTreeMap<u32, String>,
}

/// A site composed and ready to render.
struct Composed {
    settings: Settings,
    site: model::site::Site,
    report: BuildReport,
}

/// Converts one source; a PDF or Word file that cannot be read is an error naming it.
fn convert_source(
    content_dir: &Path,
    s: &model::source::Source,
) -> Result<model::document::Document, Error> {
    convert::convert_source(s).map_err(|message| Error::Invalid {
        path: content_dir.join(&s.rel_path),
        line: None,
        message,
    })
}

/// Runs every stage up to rendering: discover, convert, extract, compose, briefing.
fn compose_site(root: &Path, options: &BuildOptions) -> Result<Composed, Error> {
    let mut report = BuildReport::default();
    let mut clock = Instant::now();
    let mut lap = |report: &mut BuildReport, name: &'static str| {
        report.stages.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    // The briefing's quote patterns take a while to compile: start now, so a worker that
    // would wait for the first sources does it.
    rayon::spawn(compose::entities::warm_up);
    let (settings, content, corrections, errors) = read_inputs(root, options);
    lap(&mut report, "discover");

    let cache = options.cache.as_deref();
    let docs: Vec<model::document::Document> = content
        .sources
        .par_iter()
        .map(|s| match cache {
            // Keyed on the body's text, or a PDF's or Word file's bytes: an unchanged
            // file is not read again on every rebuild of `brief serve`.
            Some(c) => c.document(s.input(), s.format, || {
                convert_source(&settings.content_dir, s)
            }),
            None => convert_source(&settings.content_dir, s),
        })
        .collect::<Result<_, Error>>()?;
    let resolved: Vec<model::source::Resolved> = content
        .sources
        .iter()
        .zip(&docs)
        .map(|(s, d)| convert::resolve(s, d))
        .collect();
    report.languages = content
        .sources
        .iter()
        .zip(&resolved)
        .map(|(s, r)| SourceLanguage {
            source: s.rel_path.clone(),
            language: r
                .language
                .clone()
                .unwrap_or_else(|| settings.config.language.clone()),
            how: match r.language_origin {
                model::source::MetaOrigin::Sidecar => "sidecar",
                model::source::MetaOrigin::FrontMatter => "front matter",
                model::source::MetaOrigin::Inferred => "detected",
                _ => "site default",
            },
        })
        .collect();
    lap(&mut report, "convert");

    let facts: Vec<model::facts::Facts> = if settings.config.extract.enabled {
        content
            .sources
            .par_iter()
            .zip(docs.par_iter())
            .zip(resolved.par_iter())
            .map(|((s, d), r)| {
                let ctx = extract_context(s, r, &settings.config.language);
                match cache {
                    Some(c) => c.facts(s.input(), s.format, ctx.published, &ctx.language, || {
                        extract::extract_document(&d.blocks, &ctx)
                    }),
                    None => extract::extract_document(&d.blocks, &ctx),
                }
            })
            .collect()
    } else {
        content
            .sources
            .iter()
            .map(|_| model::facts::Facts::default())
            .collect()
    };
    if let Some(c) = cache {
        report.cache_hits = c.end_build();
    }
    lap(&mut report, "extract");

    let inputs = input::gazetteer::load_inputs(&settings.content_dir)?;
    let parts = compose::Parts {
        content,
        docs,
        resolved,
        facts,
        corrections: &corrections,
        inputs: &inputs,
    };
    let site = compose::compose(&settings, parts);
    lap(&mut report, "compose");

    report.sources = site.sources.len();
    report.events = site.sources.iter().map(|s| s.facts.events.len()).sum();
    report.statistics = site.sources.iter().map(|s| s.facts.statistics.len()).sum();
    // The site's warnings name sources relative to content/; the report names every file
    // relative to the site, as errors do, so the reader finds it from where they run.
    report.warnings = site
        .warnings
        .iter()
        .cloned()
        .map(|mut w| {
            if let Some(p) = &w.path
                && (p.starts_with("sources") || p.starts_with("pages"))
            {
                w.path = Some(Path::new("content").join(p));
            }
            w
        })
        .collect();
    report.warnings.sort();
    if !errors.is_empty() {
        // The build fails, with every error and, among them, every warning of what
        // could be read: all the problems of the site in one run.
        let warned = report.warnings.iter().cloned().map(Error::Warned);
        Error::many(errors.into_iter().chain(warned).collect())?;
    }
    Ok(Composed {
        settings,
        site,
        report,
    })
}

/// What [`read_inputs`] found: the settings, content and corrections it could read, and
/// every problem.
type Inputs = (
    Settings,
    model::source::Content,
    input::corrections::Corrections,
    Vec<Error>,
);

/// Reads site.toml, content/ and the corrections file, with what could be read of each
/// and the problems of all three (and of the templates, when anything failed): the build
/// goes on to compose what it has, then reports them all at once ([`Error::Many`],
/// sorted by file), so an editor fixes everything in one round instead of one error
/// per build (issue 17).
fn read_inputs(root: &Path, options: &BuildOptions) -> Inputs {
    let mut errors = Vec::new();
    // With site.toml broken, the rest is still read, with a default for each value it
    // refused; every problem of site.toml is among the errors.
    let (settings, config_errors) = input::config::load_checked(root, &options.overrides);
    errors.extend(config_errors);
    let (content, content_errors) = input::source::discover_all(&settings.content_dir);
    errors.extend(content_errors);
    let corrections =
        input::corrections::Corrections::load(&settings.root, &settings.config.extract.corrections)
            .unwrap_or_else(|e| {
                errors.push(e);
                input::corrections::Corrections::default()
            });
    if !errors.is_empty() {
        // Rendering would stop at a broken template later: say so now, with the rest.
        if let Err(e) = render::Theme::load(root, &settings.config.theme, &settings.urls) {
            errors.push(e);
        }
    }
    let errors = errors.into_iter().map(|e| e.relative_to(root)).collect();
    (settings, content, corrections, errors)
}

/// What extraction needs to know about a source beyond its blocks: its publication
/// date (from front matter, sidecar or dateline, as resolved) and its language (the
/// site's unless the source says).
pub fn extract_context(
    _source: &model::source::Source,
    resolved: &model::source::Resolved,
    site_language: &str,
) -> extract::Context {
    extract::Context {
        published: resolved.published,
        language: resolved
            .language
            .clone()
            .unwrap_or_else(|| site_language.to_string()),
        title: (resolved.title_origin != model::source::MetaOrigin::Missing)
            .then(|| resolved.title.clone()),
    }
}

/// How [`render_into`] treats the default tree's search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    /// Built and written with the pages; the `search` stage is reported.
    Wait,
    /// Returned still being built ([`BuildOptions::defer_search`]).
    Defer,
    /// Returned with every page but not built until released
    /// ([`render::PendingSearch::release`]): [`build`] frees the site first.
    Hold,
}

/// Renders the site's files into `site_sink` and the generated Markdown into
/// `markdown_sink`; adds the `render` stage to the report, and with [`Search::Wait`]
/// the `search` stage; otherwise returns the default tree's search index, pending.
fn render_into(
    root: &Path,
    composed: &mut Composed,
    site_sink: &dyn output::Sink,
    markdown_sink: &dyn output::Sink,
    search: Search,
) -> Result<Option<render::PendingSearch>, Error> {
    let Composed {
        settings,
        site,
        report,
    } = composed;
    // One tree per language (one for a one-language site): the default language's
    // at the root, the others under `<code>/`. Only the default tree may be deferred;
    // the others wait for their own search index.
    let mut times = render::RenderTimes::default();
    let mut pending = None;
    for (i, (language, prefix)) in settings.trees().into_iter().enumerate() {
        let tree = settings.for_tree(&language, &prefix);
        let theme = render::Theme::load_in(root, &tree.config.theme, &tree.urls, &language)?;
        let renderer = render::Renderer::new(&tree, site, &theme)?;
        let sink = output::Prefixed {
            inner: site_sink,
            prefix: &prefix,
        };
        let tree_times = if search != Search::Wait && i == 0 {
            let (t, p) = renderer.render_pages(&sink, search == Search::Hold)?;
            pending = p;
            t
        } else {
            renderer.render(&sink)?
        };
        times.render += tree_times.render;
        times.search += tree_times.search;
    }
    site.sources.par_iter().try_for_each(|s| {
        markdown_sink.put(OutputFile::new(
            format!("{}.md", s.source.slug),
            markdown_page(s),
            format!("generated Markdown of {}", s.source.rel_path),
        ))
    })?;
    report.stages.push(("render", times.render));
    if search == Search::Wait {
        report.stages.push(("search", times.search));
    }
    Ok(pending)
}

/// Runs every stage up to rendering; writes nothing.
pub fn render_site(root: &Path, options: &BuildOptions) -> Result<Rendered, Error> {
    let mut composed = compose_site(root, options)?;
    let (site_files, markdown_files) = (output::Collect::default(), output::Collect::default());
    let search = render_into(
        root,
        &mut composed,
        &site_files,
        &markdown_files,
        if options.defer_search {
            Search::Defer
        } else {
            Search::Wait
        },
    )?;
    let files = site_files.into_files()?;
    let markdown = markdown_files.into_files()?;
    let Composed {
        settings,
        site,
        mut report,
    } = composed;
    report.pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    report.files = files.len();
    let facts = site
        .sources
        .iter()
        .map(|s| {
            let used: std::collections::HashSet<u32> = (s.facts.events.iter().map(|e| e.paragraph))
                .chain(s.facts.statistics.iter().map(|f| f.paragraph))
                .collect();
            SourceFacts {
                source: s.source.rel_path.clone(),
                title: s.title.clone(),
                facts: s.facts.clone(),
                page: s.path(),
                paragraphs: (s.doc.blocks.iter())
                    .filter(|b| used.contains(&b.paragraph))
                    .map(|b| (b.paragraph, b.text.clone()))
                    .collect(),
            }
        })
        .collect();
    let candidates = site.briefing.candidates.clone();
    Ok(Rendered {
        settings,
        files,
        markdown,
        report,
        facts,
        candidates,
        search,
    })
}

/// The generated Markdown of a source with its front matter, as editors read it.
fn markdown_page(s: &model::site::SourcePage) -> String {
    let mut fm = toml::Table::new();
    fm.insert("title".into(), s.title.clone().into());
    fm.insert("source".into(), s.source.rel_path.clone().into());
    if let Some(p) = &s.source.meta.publisher {
        fm.insert("publisher".into(), p.clone().into());
    }
    if let Some(d) = s.published {
        fm.insert("published".into(), d.to_string().into());
    }
    if let Some(r) = &s.source.meta.rights {
        fm.insert("rights".into(), r.clone().into());
    }
    let fm = toml::to_string(&fm).unwrap_or_default();
    format!("+++\n{fm}+++\n\n{}", convert::to_markdown(&s.doc))
}

/// One document's conversion and facts, for `brief extract`.
#[derive(Debug, Clone)]
pub struct ExtractedFile {
    /// The converted document.
    pub doc: model::document::Document,
    /// The facts found.
    pub facts: model::facts::Facts,
    /// The publication date used to resolve relative dates.
    pub published: Option<model::date::PartialDate>,
    /// The document's title (sidecar, front matter, first line, or file name).
    pub title: String,
}

/// Converts and extracts one document outside a site. `published` overrides the date
/// from a sidecar (`NAME.meta.toml` beside the file) or a dateline in the text.
pub fn extract_file(
    path: &Path,
    published: Option<model::date::PartialDate>,
) -> Result<ExtractedFile, Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let source = input::source::read_one(dir, path)?;
    let doc = convert_source(dir, &source)?;
    let resolved = convert::resolve(&source, &doc);
    let published = published.or(resolved.published);
    let ctx = extract::Context {
        published,
        language: resolved.language.clone().unwrap_or_else(|| "en".into()),
        title: (resolved.title_origin != model::source::MetaOrigin::Missing)
            .then(|| resolved.title.clone()),
    };
    let facts = extract::extract_document(&doc.blocks, &ctx);
    Ok(ExtractedFile {
        doc,
        facts,
        published,
        title: resolved.title,
    })
}

/// Builds the site at `root` into its output folder. Files are written into staging
/// folders as they are rendered; the output folders are replaced only at the end, when
/// everything succeeded.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Error> {
    if options.dry_run {
        return render_site(root, options).map(|r| r.report);
    }
    let mut composed = compose_site(root, options)?;
    // Rendering reads a source's converted blocks, never its text as read (compose was
    // its last reader): free it before the render stage, the build's largest moment in
    // memory (some 90 MB at 10,000 documents).
    for s in &mut composed.site.sources {
        s.source.text = String::new();
        s.source.body_offset = 0;
    }
    let settings = &composed.settings;
    let site_dir = output::Staging::begin(root, &settings.output_dir)?;
    let markdown_dir = output::Staging::begin(root, &settings.markdown_dir)?;
    // The search index is built last, once the site is freed: pagefind's build holds
    // a copy of every page's words, and the site is the largest thing else in memory.
    let pending = render_into(root, &mut composed, &site_dir, &markdown_dir, Search::Hold)?;
    let Composed {
        site, mut report, ..
    } = composed;
    // Freeing a large site's many small allocations takes a while: do it on the side,
    // while the index is built.
    std::thread::spawn(move || drop(site));
    if let Some(pending) = pending {
        let start = Instant::now();
        for f in pending.wait()? {
            output::Sink::put(&site_dir, f)?;
        }
        report.stages.push(("search", start.elapsed()));
    }
    report.pages = site_dir.pages();
    report.files = site_dir.len();
    let start = Instant::now();
    // Each folder is swapped in whole on its own; side by side, the removal of the
    // previous site overlaps that of the previous Markdown.
    let (site_done, markdown_done) = rayon::join(|| site_dir.finish(), || markdown_dir.finish());
    site_done?;
    markdown_done?;
    report.stages.push(("write", start.elapsed()));
    Ok(report)
}
