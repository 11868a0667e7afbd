//! Render: turns the composed [`Site`] into the list of files of the site.
//!
//! In: [`Site`], [`Settings`], a loaded [`Theme`]. Out: `Vec<OutputFile>`: every page
//! (home, sources, hand-written pages, 404), the feed, sitemap, robots.txt, `.nojekyll`,
//! `CNAME`, the theme's static files, the published data, the briefing's pages and the
//! search index. Every job is listed first, then rendered in parallel; each file goes to
//! an [`output::Sink`](crate::output::Sink) as soon as it is made (written to disk, or
//! kept in memory for `check` and `serve`).

mod chart;
mod context;
pub mod data;
mod feeds;
pub mod html;
pub mod markdown;
mod pages;
pub mod paging;
pub mod search;
pub mod theme;
mod views;

use crate::input::config::Settings;
use crate::model::site::Site;
use crate::output::{OutputFile, Sink};
use crate::util::error::Error;
use crate::util::url::Urls;
use crate::util::url::paths;
pub use context::short_title;
pub use context::{NavItem, PageView, SiteView, Strings};
use markdown::Highlighter;
pub use pages::source::SourceView;
use search::{SearchDoc, SearchPages, searchable};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
pub use theme::Theme;
pub use views::json_for_script;

/// One job of the render stage: a page or file (or a few) of the site.
#[derive(Debug, Clone, Copy)]
enum Job<'a> {
    /// A source's page.
    Source(usize),
    /// A hand-written page and its aliases.
    Page(&'a crate::model::source::Page),
    /// The home page.
    Home,
    /// `404.html`.
    NotFound,
    /// One set of the published data files (its JSON and CSV).
    Data(data::DataSet),
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
    /// The page listing the data files.
    DataPage,
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
    /// Held (see [`Renderer::render_pages`]), the indexer has every page but waits to
    /// build the index until this is dropped.
    hold: Option<std::sync::mpsc::Sender<()>>,
}

impl PendingSearch {
    /// Lets a held indexer build the index (see [`Renderer::render_pages`]).
    pub fn release(&mut self) {
        self.hold = None;
    }

    /// Waits for the index (releasing it if held); returns its files (under
    /// `pagefind/`).
    pub fn wait(mut self) -> Result<Vec<OutputFile>, Error> {
        self.release();
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
    /// What every page's context starts from (`site`, `nav`, `strings`, `short_title`),
    /// made once: see [`Renderer::context`].
    base: tera::Context,
    /// Per source, what its citations repeat: see [`Renderer::cite`].
    source_cites: Vec<views::SourceCite>,
}

impl<'a> Renderer<'a> {
    /// Prepares rendering (registers the `url` template function).
    pub fn new(settings: &'a Settings, site: &'a Site, theme: &'a Theme) -> Result<Self, Error> {
        let strings = Strings::load(settings)?;
        let mut renderer = Renderer {
            settings,
            site,
            theme,
            strings,
            urls: &settings.urls,
            highlighter: Highlighter::default(),
            paging: paging::Paging::new(&site.briefing, settings.config.briefing.page_size),
            base: tera::Context::new(),
            source_cites: Vec::new(),
        };
        renderer.base = renderer.base_context();
        renderer.source_cites = renderer.source_cites();
        Ok(renderer)
    }

    /// The jobs that make up the site, in the order of the file list: sources, pages,
    /// home, 404, data, sitemap, robots, feed, CNAME, static files, then the briefing's
    /// pages. The search index takes its pages in this order.
    fn jobs(&self) -> Vec<Job<'a>> {
        let c = &self.settings.config;
        let mut jobs: Vec<Job> = (0..self.site.sources.len()).map(Job::Source).collect();
        for p in &self.site.pages {
            // A hand-written methodology page becomes part of the generated one.
            if p.path != paths::METHODOLOGY {
                jobs.push(Job::Page(p));
            }
        }
        jobs.extend([Job::Home, Job::NotFound]);
        let jobs = self.jobs_of_tree(jobs, c);
        // The jobs that may feed the search index first, in their order (which is the
        // index's page order): the indexer can finish while the others render.
        let (searched, rest): (Vec<Job>, Vec<Job>) =
            jobs.into_iter().partition(|j| j.may_be_searched());
        searched.into_iter().chain(rest).collect()
    }

    /// The jobs after the pages: data, feeds, static files and the briefing's pages.
    /// A language tree other than the default leaves out the files every tree shares
    /// (data, sitemap, robots.txt, markers, static files): the default tree writes them.
    fn jobs_of_tree(
        &self,
        mut jobs: Vec<Job<'a>>,
        c: &crate::input::config::Config,
    ) -> Vec<Job<'a>> {
        if c.extract.enabled {
            jobs.extend(data::DataSet::ALL.map(Job::Data));
            jobs.push(Job::DataPage);
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
        if !self.urls.tree().is_empty() {
            jobs.retain(|j| {
                !matches!(
                    j,
                    Job::Data(_)
                        | Job::Sitemap
                        | Job::Robots
                        | Job::NoJekyll
                        | Job::Cname
                        | Job::Statics
                        | Job::TimelineJson
                )
            });
        }
        jobs
    }

    /// Renders one job. Its files are returned, but for the data files and
    /// `data/timeline.json`, which are written into `sink` as they are made.
    fn run(&self, job: Job, sink: &dyn Sink) -> Result<Vec<OutputFile>, Error> {
        let c = &self.settings.config;
        let one = |f: OutputFile| Ok(vec![f]);
        match job {
            Job::Source(i) => {
                let s = &self.site.sources[i];
                let mut files = vec![self.render_source(i, s)?];
                // A PDF whose full text may be published goes beside its page, so that
                // facts can link to their page in it (`file.pdf#page=N`).
                if let Some(name) = s.published_pdf().filter(|_| self.urls.tree().is_empty()) {
                    files.push(OutputFile::new(
                        format!("{}{name}", s.path()),
                        s.source.bytes.clone(),
                        format!("the PDF of {}", s.source.rel_path),
                    ));
                }
                Ok(files)
            }
            Job::Page(p) => self.render_page(p),
            Job::Home => one(self.render_home()?),
            Job::NotFound => one(self.render_404()?),
            Job::Data(set) => {
                data::write(set, self.urls, self.site, c, sink)?;
                Ok(Vec::new())
            }
            Job::Sitemap => one(feeds::sitemap(self)?),
            Job::Robots => one(feeds::robots(self)?),
            Job::NoJekyll => one(OutputFile::new(".nojekyll", "", "GitHub Pages marker")),
            Job::Feed => one(feeds::atom(self)?),
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
            Job::DataPage => one(self.render_data_page()?),
            Job::PrintBrief => one(self.render_print_brief()?),
            Job::SearchPage => one(self.render_search()?),
            Job::TimelineJson => {
                self.write_timeline_json(sink)?;
                Ok(Vec::new())
            }
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
        let (mut times, pending) = self.render_pages(sink, false)?;
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
    ///
    /// With `hold`, the indexer takes every page but builds the index (its largest
    /// moment in memory: pagefind copies every page's words) only once
    /// [`PendingSearch::release`] or [`PendingSearch::wait`] is called: a build frees
    /// the site first.
    pub fn render_pages(
        &self,
        sink: &dyn Sink,
        hold: bool,
    ) -> Result<(RenderTimes, Option<PendingSearch>), Error> {
        let start = std::time::Instant::now();
        let jobs = self.jobs();
        let next = AtomicUsize::new(0);
        let failed: Mutex<Option<(usize, Error)>> = Mutex::new(None);
        let search_enabled = self.settings.config.search.enabled;
        // The jobs that may feed the index: the first ones (see `jobs`).
        let searched = jobs.iter().take_while(|j| j.may_be_searched()).count();
        let (held, release) = std::sync::mpsc::channel::<()>();
        let (feed, indexer) = if search_enabled {
            // Bounded: when the indexer falls behind, rendering waits for it rather
            // than piling up pages in memory. It never deadlocks: the indexer keeps
            // taking pages, holding back the few that arrive ahead of their turn.
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, SearchPages)>(
                2 * rayon::current_num_threads(),
            );
            let lang = self.lang().to_string();
            // Not a scoped thread: it may outlive this call (see `render_pages`).
            let handle =
                std::thread::spawn(move || search::search_index(&lang, searched, rx, release));
            (Some(tx), Some(handle))
        } else {
            (None, None)
        };
        let run_job = |k: usize| {
            // Only the first `searched` jobs feed the index (see `jobs`).
            let feed = feed.as_ref().filter(|_| k < searched);
            let result = self.run(jobs[k], sink).and_then(|files| {
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
        let pending = indexer.map(|handle| PendingSearch {
            handle,
            start,
            hold: hold.then_some(held),
        });
        Ok((times, pending))
    }
}
