//! The print brief: the best-supported timeline entries and key figures on a few pages
//! of paper.
//!
//! In: the briefing. Out: `brief/index.html`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::util::error::Error;
use crate::util::url::paths;

impl Renderer<'_> {
    pub(crate) fn render_print_brief(&self) -> Result<OutputFile, Error> {
        let c = &self.settings.config;
        let page = self.page_view(
            "brief",
            &c.title,
            &c.description,
            paths::BRIEF,
            String::new(),
        );
        let mut ctx = self.context(&page);
        ctx.insert("key_figures", &self.key_figures());
        // A timeline longer than a page is cut to its best-supported entries (most
        // sources, then latest), shown in date order: the brief is meant for paper.
        let t = &self.briefing().timeline;
        let mut shown: Vec<usize> = (0..t.len()).collect();
        if shown.len() > self.paging.size {
            shown.sort_by_cached_key(|&i| {
                (
                    std::cmp::Reverse(t[i].reports.len()),
                    std::cmp::Reverse(t[i].date.first_day()),
                    i,
                )
            });
            shown.truncate(self.paging.size);
            shown.sort_unstable();
            ctx.insert(
                "timeline_selection",
                &self
                    .strings
                    .get("brief_selection")
                    .replace("{shown}", &shown.len().to_string())
                    .replace("{total}", &t.len().to_string())
                    .replace("{url}", &self.urls.absolute(paths::TIMELINE)),
            );
        }
        // The focus and what came after it, then the background under its own heading.
        let (years, afterwards, background) = self.years_by_phase(&shown);
        let entries: Vec<_> = years
            .into_iter()
            .flat_map(|y| y.events)
            .chain(afterwards)
            .collect();
        ctx.insert("entries", &entries);
        ctx.insert("background", &background);
        let sources: Vec<_> = self
            .site
            .sources
            .iter()
            .map(|s| self.source_view(s))
            .collect();
        ctx.insert("sources", &sources);
        ctx.insert("citation", &self.citation());
        ctx.insert("counts", &self.counts());
        ctx.insert("citation_meta", &true);
        let html = self.theme.render("brief.html", &ctx)?;
        Ok(OutputFile::new(
            paths::index_html(paths::BRIEF),
            html,
            "print brief",
        ))
    }
}
