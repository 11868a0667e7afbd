//! The search page (the index itself is built by [`crate::render::search`]).
//!
//! In: nothing but the site. Out: `search/index.html`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::util::error::Error;
use crate::util::url::paths;

impl Renderer<'_> {
    pub(crate) fn render_search(&self) -> Result<OutputFile, Error> {
        let page = self.briefing_page("search", "search", "search_intro", paths::SEARCH);
        let mut ctx = self.context(&page);
        ctx.insert("search_enabled", &self.settings.config.search.enabled);
        let html = self.theme.render("search.html", &ctx)?;
        Ok(OutputFile::new(
            paths::index_html(paths::SEARCH),
            html,
            "search page",
        ))
    }
}
