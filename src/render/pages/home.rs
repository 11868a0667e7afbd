//! The home page: the site's own text, key figures, timeline highlights and how to cite
//! the briefing.
//!
//! In: the site and its briefing. Out: `index.html`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::markdown::{self, MarkdownOptions};
use crate::render::pages::page::sanitize_trusted;
use crate::render::pages::source::SourceView;
use crate::render::views::EventView;
use crate::render::views::FigureView;
use crate::render::views::json_for_script;
use crate::render::views::marked_language;
use crate::util::error::Error;

impl Renderer<'_> {
    pub(crate) fn render_home(&self) -> Result<OutputFile, Error> {
        let c = &self.settings.config;
        let (title, description, content) = match &self.site.home {
            Some(home) => {
                let (home, other) = self.translated(home);
                let html = sanitize_trusted(
                    &markdown::render(
                        &home.body,
                        &MarkdownOptions {
                            trusted_html: true,
                            notes: self.note_labels(),
                            ..Default::default()
                        },
                    )
                    .html,
                );
                let html = marked_language(html, other);
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
        let mut page = self.page_view("home", &title, &description, "", content);
        // The whole summary for the page; `description` is cut for meta tags.
        page.extra.insert("intro".into(), description.into());
        let mut ctx = self.context(&page);
        // Newest first, as a reader scans a list of documents; undated ones last, and
        // titles in alphabetical order within a date.
        let mut order: Vec<&crate::model::site::SourcePage> = self.site.sources.iter().collect();
        order.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
        });
        let sources: Vec<SourceView> = order.into_iter().map(|s| self.source_view(s)).collect();
        ctx.insert("sources", &sources);
        self.home_context(&mut ctx);
        let html = self.theme.render("index.html", &ctx)?;
        Ok(OutputFile::new("index.html", html, "home page"))
    }

    pub(crate) fn key_figures(&self) -> Vec<FigureView> {
        self.briefing()
            .key_figures
            .iter()
            .map(|f| self.figure_view(f.measure, f.point))
            .collect()
    }

    /// The highlights the briefing chose ([`crate::model::briefing::Briefing::highlights`]).
    pub(crate) fn highlights(&self) -> Vec<EventView> {
        self.briefing()
            .highlights
            .iter()
            .map(|&i| self.event_view(i))
            .collect()
    }

    /// How to cite the briefing: `[briefing] citation`, or "Author. Title. Organisation.
    /// URL" from site.toml, the URL being the home page in the page's language. No year:
    /// the newest source's year is not when the briefing was written, and the build does
    /// not know that date (set `citation` to give it).
    pub(crate) fn citation(&self) -> String {
        let c = &self.settings.config;
        if let Some(text) = &c.briefing.citation {
            return text.clone();
        }
        let mut parts: Vec<&str> = Vec::new();
        if !c.author.is_empty() {
            parts.push(&c.author);
        }
        parts.push(&c.title);
        if !c.organisation.is_empty() && c.organisation != c.author {
            parts.push(&c.organisation);
        }
        let mut text: String = parts
            .iter()
            .map(|p| format!("{}. ", p.trim_end_matches('.')))
            .collect();
        text.push_str(&self.urls.home());
        text
    }

    /// What the home page adds: key figures, highlights, counts, citation.
    pub(crate) fn home_context(&self, ctx: &mut tera::Context) {
        ctx.insert("key_figures", &self.key_figures());
        ctx.insert("highlights", &self.highlights());
        ctx.insert("citation", &self.citation());
        ctx.insert("counts", &self.counts());
        let c = &self.settings.config;
        let v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": c.title,
            "description": c.description,
            "url": self.urls.home(),
            "inLanguage": c.language,
        });
        ctx.insert("jsonld", &json_for_script(&v));
        ctx.insert("citation_meta", &true);
    }
}
