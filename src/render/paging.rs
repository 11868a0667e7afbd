//! Paging: how the timeline and the statistics are split into pages.
//!
//! In: the [`Briefing`] and `[briefing] page_size`. Out: [`Paging`]: the timeline
//! entries and the measures on each page, the page of every entry, measure and figure,
//! and the pages' paths (`timeline/`, `timeline/page/2/`, …). A briefing that fits on
//! one page keeps its single `timeline/` and `statistics/` pages.

use crate::model::briefing::Briefing;
use crate::util::url::paths;
use std::collections::HashMap;
use std::ops::Range;

/// The path of page `page` (0-based) of a paged list living at `base` (`timeline/`):
/// the first page is `base` itself, the others `base` + `page/N/`.
pub fn page_path(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", page + 1)
    }
}

/// Splits items, in order, into pages holding at most `size` of their `weights` (the
/// facts they show); an item heavier than a page gets a page of its own, and no item
/// is split. There is always one page at least (empty for no items).
pub fn split(weights: impl IntoIterator<Item = usize>, size: usize) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut held, mut n) = (0, 0, 0);
    for (i, w) in weights.into_iter().enumerate() {
        if held > 0 && held + w > size {
            pages.push(start..i);
            (start, held) = (i, 0);
        }
        held += w;
        n = i + 1;
    }
    if n > start || pages.is_empty() {
        pages.push(start..n);
    }
    pages
}

/// The page holding each item, from the pages of [`split`].
fn page_of(pages: &[Range<usize>]) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(p, r)| r.clone().map(move |_| p))
        .collect()
}

/// Where each timeline entry and each figure is shown. Pages are filled by the facts
/// they show: a timeline entry counts its reports, a measure its figures.
#[derive(Debug, Clone)]
pub struct Paging<'a> {
    /// Most facts on a page.
    pub size: usize,
    /// The timeline's pages: ranges of entry indexes (entries are in date order).
    pub timeline: Vec<Range<usize>>,
    /// Each entity's filtered timeline's pages: ranges of indexes into its events.
    pub entities: Vec<Vec<Range<usize>>>,
    /// The statistics pages: measure indexes, the series (measures with more than one
    /// figure) first, then the single figures, each in the briefing's order.
    pub statistics: Vec<Vec<usize>>,
    /// Page of each timeline entry.
    entry_page: Vec<usize>,
    /// Page of each measure.
    measure_page: Vec<usize>,
    /// Measure of each figure, by statistic id.
    stat_measure: HashMap<&'a str, usize>,
}

impl<'a> Paging<'a> {
    /// Splits the briefing's timelines and statistics into pages of at most `size` facts.
    pub fn new(briefing: &'a Briefing, size: usize) -> Paging<'a> {
        let size = size.max(1);
        let t = &briefing.timeline;
        let timeline = split(t.iter().map(|e| e.reports.len()), size);
        let entities = briefing
            .entities
            .iter()
            .map(|e| split(e.events.iter().map(|&i| t[i].reports.len()), size))
            .collect();
        let measures = &briefing.measures;
        let (series, single): (Vec<usize>, Vec<usize>) =
            (0..measures.len()).partition(|&m| measures[m].points.len() > 1);
        let order: Vec<usize> = series.into_iter().chain(single).collect();
        let statistics: Vec<Vec<usize>> =
            split(order.iter().map(|&m| measures[m].points.len()), size)
                .into_iter()
                .map(|r| order[r].to_vec())
                .collect();
        let mut measure_page = vec![0; measures.len()];
        for (p, page) in statistics.iter().enumerate() {
            for &m in page {
                measure_page[m] = p;
            }
        }
        let stat_measure = measures
            .iter()
            .enumerate()
            .flat_map(|(m, measure)| measure.points.iter().map(move |p| (p.stat.id.as_str(), m)))
            .collect();
        Paging {
            size,
            entry_page: page_of(&timeline),
            timeline,
            entities,
            statistics,
            measure_page,
            stat_measure,
        }
    }

    /// The page showing timeline entry `entry`.
    pub fn entry_path(&self, entry: usize) -> String {
        page_path(
            paths::TIMELINE,
            self.entry_page.get(entry).copied().unwrap_or(0),
        )
    }

    /// The statistics page showing measure `measure`.
    pub fn measure_path(&self, measure: usize) -> String {
        page_path(
            paths::STATISTICS,
            self.measure_page.get(measure).copied().unwrap_or(0),
        )
    }

    /// The statistics page showing the figure with id `stat_id` (the first page if no
    /// measure holds it).
    pub fn stat_path(&self, stat_id: &str) -> String {
        match self.stat_measure.get(stat_id) {
            Some(&m) => self.measure_path(m),
            None => paths::STATISTICS.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_keeps_the_plain_address() {
        assert_eq!(page_path("timeline/", 0), "timeline/");
        assert_eq!(page_path("timeline/", 1), "timeline/page/2/");
        assert_eq!(page_path("timeline/mexico/", 4), "timeline/mexico/page/5/");
    }

    #[test]
    fn pages_fill_up_to_their_size_without_splitting_an_item() {
        assert_eq!(split([], 3), vec![0..0]);
        assert_eq!(split([1, 1, 1], 3), vec![0..3]);
        assert_eq!(split([1, 1, 1, 1, 1, 1, 1], 3), vec![0..3, 3..6, 6..7]);
        // An item heavier than a page has a page of its own.
        assert_eq!(split([2, 5, 1, 1], 3), vec![0..1, 1..2, 2..4]);
        assert_eq!(split([4], 3), vec![0..1]);
        assert_eq!(page_of(&split([2, 5, 1, 1], 3)), vec![0, 1, 2, 2]);
    }
}
