//! Series: figures about the same measure, from any source, become one series in date
//! order.
//!
//! In: the statistics of each source and each source's publication date. Out:
//! [`Measure`]s, each a list of [`Point`]s dated by the figure's own date (`as_of`), else
//! its source's date. Two figures measure the same thing when they have the same unit,
//! values within a factor of ten of each other, come from different sources, and the
//! clause around each figure shares enough keys (see [`super::text`]: "returned … asylum
//! seekers to Mexican border towns" meets "migrants … sent to Mexico"). Candidates come
//! from an index keyed by (unit, keyword), so the work grows with the number of figures.

use super::text;
use crate::date::PartialDate;
use crate::extract::Statistic;
use crate::slug::slugify;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One figure of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Index of the source in [`crate::compose::Site::sources`].
    pub source: usize,
    /// The figure as extracted.
    pub stat: Statistic,
    /// The date it refers to: `as_of`, else the source's publication date.
    pub date: Option<PartialDate>,
    /// True when `date` is the source's publication date rather than the figure's own.
    pub dated_by_source: bool,
}

impl Point {
    /// The value to plot: the value, else the middle of a range.
    pub fn plot_value(&self) -> Option<f64> {
        self.stat.value.or(match (self.stat.low, self.stat.high) {
            (Some(l), Some(h)) => Some((l + h) / 2.0),
            (l, h) => l.or(h),
        })
    }
}

/// A measure and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// Anchor id (`m-` + a slug of the label; unique on the page).
    pub id: String,
    /// What is measured (the label of the best-dated figure).
    pub label: String,
    /// The unit all its figures share.
    pub unit: String,
    /// The figures, in date order (undated last).
    pub points: Vec<Point>,
    /// How many different sources give a figure.
    pub source_count: usize,
    /// True when sources give different values for the same date.
    pub disagree: bool,
}

/// The words around a figure: its clause in the sentence (split at commas, semicolons,
/// colons, dashes and brackets), plus the extractor's label.
pub fn clause_of(stat: &Statistic) -> String {
    let q = &stat.quote;
    let at = stat.span_offset.min(q.len());
    let at = (0..=at).rev().find(|&i| q.is_char_boundary(i)).unwrap_or(0);
    let end_at = (at + stat.span.len()).min(q.len());
    let end_at = (end_at..=q.len())
        .find(|&i| q.is_char_boundary(i))
        .unwrap_or(q.len());
    let marks = [',', ';', ':', '—', '–', '(', ')'];
    let left = q[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| marks.contains(&c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let right = q[end_at..]
        .char_indices()
        .find(|&(_, c)| marks.contains(&c))
        .map_or(q.len(), |(i, _)| end_at + i);
    format!("{} {}", &q[left..right], stat.measure)
}

struct Item {
    source: usize,
    stat: Statistic,
    keys: BTreeSet<String>,
    value: Option<f64>,
}

fn same_measure(a: &Item, b: &Item) -> bool {
    if a.stat.unit != b.stat.unit || a.source == b.source {
        return false;
    }
    if let (Some(x), Some(y)) = (a.value, b.value) {
        let (lo, hi) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
        if lo == 0.0 || hi / lo > 10.0 {
            return false;
        }
    }
    let (shared, ratio) = text::overlap(&a.keys, &b.keys);
    (shared >= 3 && ratio >= 0.4) || (shared >= 2 && ratio >= 0.6)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Keywords shared by more figures than this are not used to find candidates.
const MAX_POSTINGS: usize = 400;

/// Groups the figures of all sources into measures. `figures` holds, per source, its
/// index, its publication date and its statistics.
pub fn build(figures: &[(usize, Option<PartialDate>, &[Statistic])]) -> Vec<Measure> {
    let published: HashMap<usize, Option<PartialDate>> =
        figures.iter().map(|(s, d, _)| (*s, *d)).collect();
    let items: Vec<Item> = figures
        .iter()
        .flat_map(|(source, _, stats)| {
            stats.iter().map(move |s| {
                let p = Point {
                    source: *source,
                    stat: s.clone(),
                    date: None,
                    dated_by_source: false,
                };
                Item {
                    source: *source,
                    keys: text::keys(&clause_of(s)),
                    value: p.plot_value(),
                    stat: s.clone(),
                }
            })
        })
        .collect();
    let mut index: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        for k in &it.keys {
            index
                .entry((it.stat.unit.as_str(), k.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut group_sources: Vec<BTreeSet<usize>> =
        items.iter().map(|it| BTreeSet::from([it.source])).collect();
    for (i, it) in items.iter().enumerate() {
        let mut shared: HashMap<usize, u32> = HashMap::new();
        for k in &it.keys {
            if let Some(list) = index.get(&(it.stat.unit.as_str(), k.as_str()))
                && list.len() <= MAX_POSTINGS
            {
                for &j in list.iter().filter(|&&j| j > i) {
                    *shared.entry(j).or_insert(0) += 1;
                }
            }
        }
        // Every rule needs two shared keys; check candidates in index order.
        let mut candidates: Vec<usize> = shared
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(j, _)| j)
            .collect();
        candidates.sort_unstable();
        for j in candidates {
            if !same_measure(it, &items[j]) {
                continue;
            }
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            if ri == rj || !group_sources[ri].is_disjoint(&group_sources[rj]) {
                continue;
            }
            // No chains: the groups' first figures must measure the same thing too.
            if !same_measure(&items[ri], &items[rj]) {
                continue;
            }
            let (keep, gone) = (ri.min(rj), ri.max(rj));
            parent[gone] = keep;
            let moved = std::mem::take(&mut group_sources[gone]);
            group_sources[keep].extend(moved);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    let mut measures: Vec<Measure> = groups
        .into_values()
        .map(|members| {
            let mut points: Vec<Point> = members
                .iter()
                .map(|&i| {
                    let it = &items[i];
                    let (date, by_source) = match it.stat.as_of {
                        Some(d) => (Some(d), false),
                        None => (published.get(&it.source).copied().flatten(), true),
                    };
                    Point {
                        source: it.source,
                        stat: it.stat.clone(),
                        date,
                        dated_by_source: by_source,
                    }
                })
                .collect();
            points.sort_by(|a, b| {
                let key = |p: &Point| {
                    (
                        p.date.is_none(),
                        p.date.map(|d| d.first_day()),
                        p.date,
                        p.source,
                        p.stat.id.clone(),
                    )
                };
                key(a).cmp(&key(b))
            });
            let source_count = points
                .iter()
                .map(|p| p.source)
                .collect::<BTreeSet<_>>()
                .len();
            let disagree = points.iter().any(|a| {
                points.iter().any(|b| {
                    a.source != b.source
                        && a.date.is_some()
                        && a.date == b.date
                        && a.plot_value() != b.plot_value()
                })
            });
            // The shortest label names the measure most plainly.
            let lead = points
                .iter()
                .filter(|p| !p.stat.measure.trim().is_empty())
                .min_by_key(|p| (p.stat.measure.chars().count(), p.stat.id.clone()))
                .unwrap_or(&points[0])
                .clone();
            Measure {
                id: String::new(),
                label: lead.stat.measure.clone(),
                unit: lead.stat.unit.clone(),
                points,
                source_count,
                disagree,
            }
        })
        .collect();
    // Series with more sources first, then by label.
    measures.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.source_count),
            &a.unit,
            &a.label,
            &a.points[0].stat.id,
        )
            .cmp(&(
                std::cmp::Reverse(b.source_count),
                &b.unit,
                &b.label,
                &b.points[0].stat.id,
            ))
    });
    for m in &mut measures {
        let slug = slugify(&m.label);
        let cut = slug
            .char_indices()
            .filter(|&(i, c)| c == '-' && i <= 40)
            .map(|(i, _)| i)
            .next_back();
        let slug = match cut {
            Some(i) if slug.len() > 40 => slug[..i].to_string(),
            _ => slug,
        };
        let base = format!("m-{slug}");
        let mut id = base.clone();
        let mut n = 1;
        while used_ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        used_ids.insert(id.clone());
        m.id = id;
    }
    measures
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn stat(
        id: &str,
        value: f64,
        unit: &str,
        quote: &str,
        span: &str,
        measure: &str,
    ) -> Statistic {
        Statistic {
            id: id.into(),
            value: Some(value),
            low: None,
            high: None,
            of: None,
            unit: unit.into(),
            qualifier: "more than".into(),
            span: span.into(),
            quote: quote.into(),
            quote_offset: 0,
            span_offset: quote.find(span).unwrap_or(0),
            measure: measure.into(),
            as_of: None,
            paragraph: 1,
        }
    }

    #[test]
    fn returned_and_sent_to_mexico_form_one_series_in_date_order() {
        let d = |s: &str| Some(PartialDate::parse(s).unwrap());
        let a = [stat(
            "st-a",
            50000.0,
            "people",
            "Since the start of MPP in December 2018, the United States has returned more than 50,000 asylum seekers to Mexican border towns.",
            "more than 50,000 asylum seekers",
            "asylum seekers to Mexican border towns",
        )];
        let b = [
            stat(
                "st-b",
                57000.0,
                "people",
                "Since then the U.S. has sent 57,000 non-Mexican migrants to Mexico as they await their U.S. asylum hearings.",
                "57,000 non-Mexican migrants",
                "non-Mexican migrants to Mexico",
            ),
            stat(
                "st-x",
                78.0,
                "percent",
                "78 percent showed signs of exposure to violence.",
                "78 percent",
                "showed signs of exposure to violence",
            ),
        ];
        let c = [
            stat(
                "st-c",
                55000.0,
                "people",
                "More than 55,000 migrants have been sent to Mexico under the MPP program, including some 13,000 in Juarez, across the border from El Paso.",
                "More than 55,000 migrants",
                "migrants have been sent to Mexico under the MPP program",
            ),
            stat(
                "st-d",
                13000.0,
                "people",
                "More than 55,000 migrants have been sent to Mexico under the MPP program, including some 13,000 in Juarez, across the border from El Paso.",
                "some 13,000",
                "in Juarez",
            ),
        ];
        let m = build(&[
            (0, d("2019-10"), &a),
            (1, d("2020-02-13"), &b),
            (2, d("2019-11"), &c),
        ]);
        let series = &m[0];
        let ids: Vec<&str> = series.points.iter().map(|p| p.stat.id.as_str()).collect();
        assert_eq!(ids, ["st-a", "st-c", "st-b"], "{m:#?}");
        assert_eq!(series.source_count, 3);
        assert_eq!(m.len(), 3);
    }
}
