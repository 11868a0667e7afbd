//! The generated methodology page: sources, what was extracted from each, the editor's
//! corrections and the measured accuracy.
//!
//! In: the site, its briefing and corrections. Out: `methodology/index.html`; a
//! hand-written `content/pages/methodology.md` is shown at its top instead of becoming
//! a page of its own.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::util::error::Error;
use crate::util::url::paths;

/// The measured accuracy record as (dotted key, value) rows.
pub(crate) fn flatten_toml(prefix: &str, t: &toml::Table) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, v) in t {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(inner) => out.extend(flatten_toml(&key, inner)),
            toml::Value::String(s) => out.push((key, s.clone())),
            other => out.push((key, other.to_string())),
        }
    }
    out
}

impl Renderer<'_> {
    /// What an editor did, per kind of fact: how many are published, how many of
    /// those an editor reviewed (approved, corrected or added) and how many not, and
    /// how many were corrected, removed and added.
    fn review_rows(&self) -> Vec<serde_json::Value> {
        let c = &self.site.corrections;
        let reviewed = |ids: &mut dyn Iterator<Item = &String>| {
            let (mut all, mut seen) = (0usize, 0usize);
            for id in ids {
                all += 1;
                seen += usize::from(c.reviewed.contains(id));
            }
            (all, seen)
        };
        let sources = &self.site.sources;
        let events = reviewed(
            &mut sources
                .iter()
                .flat_map(|s| s.facts.events.iter().map(|e| &e.id)),
        );
        let figures = reviewed(
            &mut sources
                .iter()
                .flat_map(|s| s.facts.statistics.iter().map(|f| &f.id)),
        );
        [
            ("events", events, c.events),
            ("figures", figures, c.statistics),
        ]
        .into_iter()
        .map(|(key, (published, seen), counts)| {
            serde_json::json!({
                "kind": self.strings.get(key),
                "published": published,
                "reviewed": seen,
                "unreviewed": published - seen,
                "fixed": counts.fixed,
                "dropped": counts.dropped,
                "added": counts.added,
            })
        })
        .collect()
    }

    pub(crate) fn render_methodology(&self) -> Result<OutputFile, Error> {
        let mut page = self.briefing_page(
            "methodology",
            "methodology",
            "methodology_intro",
            paths::METHODOLOGY,
        );
        // The editor's own words, from content/pages/methodology.md, come first.
        if let Some(p) = self
            .site
            .pages
            .iter()
            .find(|p| p.path == paths::METHODOLOGY)
        {
            let (p, other) = self.translated(p);
            let rendered = crate::render::markdown::render(
                &p.body,
                &crate::render::markdown::MarkdownOptions {
                    trusted_html: true,
                    notes: self.note_labels(),
                    ..Default::default()
                },
            );
            page.content = crate::render::views::marked_language(
                crate::render::pages::page::sanitize_trusted(&rendered.html),
                other,
            );
        }
        let mut ctx = self.context(&page);
        let b = self.briefing();
        let per_source: Vec<serde_json::Value> = self
            .site
            .sources
            .iter()
            .zip(&b.per_source)
            .map(|(s, c)| {
                serde_json::json!({
                    "title": s.title,
                    "lang": self.other_language_of(s),
                    "url": self.urls.link(&s.path()),
                    "events": c.events,
                    "statistics": c.statistics,
                    "full_text": s.full_text,
                })
            })
            .collect();
        ctx.insert("per_source", &per_source);
        ctx.insert("counts", &self.counts());
        // No corrections and no reviews: say so plainly rather than "0 facts".
        let c = &self.site.corrections;
        let reviewed = c.reviewed.len();
        let corrections = Some(c.fixed + c.dropped + c.added).filter(|&n| n > 0 || reviewed > 0);
        ctx.insert("corrections", &corrections);
        ctx.insert("reviewed", &reviewed);
        ctx.insert("review", &self.review_rows());
        ctx.insert("gazetteer_size", &b.gazetteer_size);
        let accuracy: Vec<(String, String)> = b
            .accuracy
            .iter()
            .flat_map(|t| flatten_toml("", t))
            .collect();
        ctx.insert("accuracy", &accuracy);
        // The measurement's record (content/accuracy.toml) is written in English.
        ctx.insert("accuracy_lang", &Some("en").filter(|&en| en != self.lang()));
        let html = self.theme.render("methodology.html", &ctx)?;
        Ok(OutputFile::new(
            paths::index_html(paths::METHODOLOGY),
            html,
            "methodology page",
        ))
    }
}
