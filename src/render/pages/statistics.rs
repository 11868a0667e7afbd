//! The statistics pages: every measure with its figures and chart, split into pages when
//! long.
//!
//! In: the briefing's measures and paging. Out: `statistics/index.html`,
//! `statistics/page/N/`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::chart::MeasureView;
use crate::render::views::json_for_script;
use crate::util::error::Error;
use crate::util::url::paths;
use rayon::prelude::*;
use std::collections::BTreeSet;

impl Renderer<'_> {
    /// A page of the statistics.
    pub(crate) fn render_statistics(
        &self,
        page_no: usize,
        existing: &BTreeSet<String>,
    ) -> Result<OutputFile, Error> {
        let path = crate::render::paging::page_path(paths::STATISTICS, page_no);
        let mut page = self.briefing_page("statistics", "statistics", "statistics_intro", &path);
        let pages = &self.paging.statistics;
        // Pages are labelled by the figures they hold, counted across the pages
        // (measure names are too long and too alike to tell pages apart).
        let measures = &self.briefing().measures;
        let counts: Vec<usize> = pages
            .iter()
            .map(|page| page.iter().map(|&m| measures[m].points.len()).sum())
            .collect();
        let pager = self.pager(paths::STATISTICS, page_no, pages.len(), |p| {
            let from: usize = counts[..p].iter().sum::<usize>() + 1;
            self.strings
                .get("figures_range")
                .replace("{from}", &from.to_string())
                .replace("{to}", &(from + counts[p] - 1).to_string())
        });
        if let Some(p) = &pager {
            page.title = format!("{} ({})", page.title, p.status);
        }
        let mut ctx = self.context(&page);
        ctx.insert("pager", &pager);
        let measures: Vec<MeasureView> = pages[page_no]
            .par_iter()
            .map(|&i| self.measure_view(i))
            .collect();
        let (series, single): (Vec<MeasureView>, Vec<MeasureView>) =
            measures.into_iter().partition(|m| m.figures.len() > 1);
        ctx.insert("series", &series);
        ctx.insert("single", &single);
        // The context holds its own copy: free ours before the page is rendered.
        drop((series, single));
        let mut downloads = Vec::new();
        for (file, format) in [
            (paths::STATISTICS_CSV, "CSV"),
            (paths::STATISTICS_JSON, "JSON"),
        ] {
            if existing.contains(file) {
                downloads.push(serde_json::json!({"url": self.urls.link(file), "absolute": self.urls.absolute(file), "format": format}));
            }
        }
        ctx.insert("downloads", &downloads);
        let c = &self.settings.config;
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": format!("{}: {}", c.title, self.strings.get("statistics")),
            "description": self.strings.get("statistics_intro"),
            "url": self.urls.absolute(paths::STATISTICS),
            "inLanguage": c.language,
            "isAccessibleForFree": true,
        });
        if !c.author.is_empty() || !c.organisation.is_empty() {
            let name = if c.organisation.is_empty() {
                &c.author
            } else {
                &c.organisation
            };
            v["creator"] = serde_json::json!({"@type": "Organization", "name": name});
        }
        let dist: Vec<serde_json::Value> = downloads
            .iter()
            .map(|d| {
                let fmt = if d["format"] == "CSV" { "text/csv" } else { "application/json" };
                serde_json::json!({"@type": "DataDownload", "encodingFormat": fmt, "contentUrl": d["absolute"]})
            })
            .collect();
        if !dist.is_empty() {
            v["distribution"] = dist.into();
        }
        ctx.insert("jsonld", &json_for_script(&v));
        let html = self.theme.render("statistics.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            "statistics page",
        ))
    }
}
