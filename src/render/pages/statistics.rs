//! The statistics pages: every measure with its figures and chart, split into pages when
//! long.
//!
//! In: the briefing's measures and paging. Out: `statistics/index.html`,
//! `statistics/page/N/`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::chart::MeasureView;
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
        let (series, single) = self.measure_values(&pages[page_no]);
        ctx.insert_value("series", tera::Value::from(series));
        ctx.insert_value("single", tera::Value::from(single));
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
        let files: Vec<(&str, &str)> = downloads
            .iter()
            .map(|d| {
                let csv = d["format"] == "CSV";
                let path = if csv {
                    paths::STATISTICS_CSV
                } else {
                    paths::STATISTICS_JSON
                };
                (path, if csv { "text/csv" } else { "application/json" })
            })
            .collect();
        let name = format!(
            "{}: {}",
            self.settings.config.title,
            self.strings.get("statistics")
        );
        let intro = self.strings.get("statistics_intro");
        let jsonld = self.dataset_jsonld(&name, &intro, paths::STATISTICS, &files);
        ctx.insert("jsonld", &jsonld);
        let html = self.theme.render("statistics.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            "statistics page",
        ))
    }

    /// The template values of `measures`, split into series (two figures or more) and
    /// single figures, each in page order. Each [`MeasureView`] becomes its value as
    /// soon as it is made, while it is still in cache, and is dropped: a page holds a
    /// thousand figures or so, and only their values are needed.
    fn measure_values(&self, measures: &[usize]) -> (Vec<tera::Value>, Vec<tera::Value>) {
        let values: Vec<(bool, tera::Value)> = measures
            .par_iter()
            .map(|&i| {
                let view: MeasureView = self.measure_view(i);
                (
                    view.figures.len() > 1,
                    tera::Value::from_serializable(&view),
                )
            })
            .collect();
        let (series, single): (Vec<_>, Vec<_>) = values.into_iter().partition(|(s, _)| *s);
        let values = |v: Vec<(bool, tera::Value)>| v.into_iter().map(|(_, value)| value).collect();
        (values(series), values(single))
    }
}
