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

use super::{group, text};
use crate::model::briefing::{Measure, Point};
use crate::model::date::PartialDate;
use crate::model::facts::Statistic;
use crate::util::slug::slugify;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

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

/// What the grouping compares of a figure (its keys are in [`Figures`]).
struct Item {
    source: usize,
    /// The unit, as a number (equal numbers: equal units).
    unit: u32,
    value: Option<f64>,
}

fn same_measure(a: (&Item, &[u32]), b: (&Item, &[u32])) -> bool {
    let ((a, a_keys), (b, b_keys)) = (a, b);
    if a.unit != b.unit || a.source == b.source {
        return false;
    }
    if let (Some(x), Some(y)) = (a.value, b.value) {
        let (lo, hi) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
        if lo == 0.0 || hi / lo > 10.0 {
            return false;
        }
    }
    let (shared, ratio) = text::overlap_ids(a_keys, b_keys);
    (shared >= 3 && ratio >= 0.4) || (shared >= 2 && ratio >= 0.6)
}

/// Keywords shared by more figures than this are not used to find candidates.
const MAX_POSTINGS: usize = 400;

/// The figures with their keys, and the index of (unit, key) → figures.
struct Figures {
    items: Vec<Item>,
    keys: group::KeyLists,
    index: group::Index,
}

impl group::Items for Figures {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn source(&self, i: usize) -> usize {
        self.items[i].source
    }

    fn postings(&self, i: usize, scan: &mut dyn FnMut(&[u32])) {
        let unit = [self.items[i].unit as i64];
        for &k in self.keys.get(i) {
            self.index.scan(k, &unit, scan);
        }
    }

    fn same(&self, a: usize, b: usize) -> bool {
        same_measure(
            (&self.items[a], self.keys.get(a)),
            (&self.items[b], self.keys.get(b)),
        )
    }

    /// [`same_measure`], deciding on the key counts when they suffice.
    fn same_counted(&self, a: usize, b: usize, counted: usize) -> bool {
        let (x, y) = (&self.items[a], &self.items[b]);
        if x.unit != y.unit || x.source == y.source {
            return false;
        }
        if let (Some(v), Some(w)) = (x.value, y.value) {
            let (lo, hi) = (v.abs().min(w.abs()), v.abs().max(w.abs()));
            if lo == 0.0 || hi / lo > 10.0 {
                return false;
            }
        }
        let (x_keys, y_keys) = (self.keys.get(a), self.keys.get(b));
        let smaller = x_keys.len().min(y_keys.len()).max(1);
        let need = match (
            text::fewest_shared(smaller, 3, 0.4),
            text::fewest_shared(smaller, 2, 0.6),
        ) {
            (Some(m), Some(n)) => m.min(n),
            (Some(n), None) | (None, Some(n)) => n,
            (None, None) => return false,
        };
        if counted >= need {
            return true;
        }
        if counted + self.index.capped(b) < need {
            return false;
        }
        text::shares_at_least(x_keys, y_keys, need)
    }
}

/// One source's figures: its index, its publication date and its statistics.
pub type SourceFigures<'a> = (usize, Option<PartialDate>, &'a [Arc<Statistic>]);

/// Groups the figures of all sources into measures.
pub fn build(figures: &[SourceFigures]) -> Vec<Measure> {
    let published: HashMap<usize, Option<PartialDate>, rustc_hash::FxBuildHasher> =
        figures.iter().map(|(s, d, _)| (*s, *d)).collect();
    let flat: Vec<(usize, &Arc<Statistic>)> = figures
        .iter()
        .flat_map(|(source, _, stats)| stats.iter().map(move |s| (*source, s)))
        .collect();
    let keyed: Vec<BTreeSet<String>> = flat
        .par_iter()
        .map(|(_, s)| text::keys(&clause_of(s)))
        .collect();
    let mut interner = text::Interner::default();
    let mut units: HashMap<&str, u32, rustc_hash::FxBuildHasher> = HashMap::default();
    let mut keys = group::KeyLists::default();
    let mut slots: Vec<i64> = Vec::with_capacity(flat.len());
    let items: Vec<Item> = flat
        .iter()
        .zip(keyed)
        .map(|(&(source, stat), k)| {
            keys.push(&interner.ids(k));
            let next = units.len() as u32;
            let unit = *units.entry(stat.unit.as_str()).or_insert(next);
            slots.push(unit as i64);
            Item {
                source,
                unit,
                value: stat.plot_value(),
            }
        })
        .collect();
    let index = group::Index::new(&slots, &keys, interner.len(), MAX_POSTINGS);
    let figures = Figures { items, keys, index };
    let roots = group::group(&figures);
    // Bucketed by root (an item index), so the groups come in root order.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); roots.len()];
    for (i, r) in roots.into_iter().enumerate() {
        groups[r].push(i);
    }
    groups.retain(|g| !g.is_empty());
    let mut used_ids: HashSet<String, rustc_hash::FxBuildHasher> = HashSet::default();
    let mut next_number: HashMap<String, u32, rustc_hash::FxBuildHasher> = HashMap::default();
    let measures: Vec<Measure> = groups
        .into_par_iter()
        .map(|members| {
            let mut points: Vec<Point> = members
                .iter()
                .map(|&i| {
                    let (source, stat) = flat[i];
                    let (date, by_source) = match stat.as_of {
                        Some(d) => (Some(d), false),
                        None => (published.get(&source).copied().flatten(), true),
                    };
                    Point {
                        source,
                        stat: Arc::clone(stat),
                        date,
                        dated_by_source: by_source,
                    }
                })
                .collect();
            // Stable, like the sort it replaces; the key is made once per point.
            points.sort_by_cached_key(|p| {
                (
                    p.date.is_none(),
                    p.date.map(|d| d.first_day()),
                    p.date,
                    p.source,
                    p.stat.id.clone(),
                )
            });
            let source_count = points
                .iter()
                .map(|p| p.source)
                .collect::<BTreeSet<_>>()
                .len();
            // Points of one date are next to each other: sources disagree on a date when
            // it has two sources and two values (then some pair differs in both).
            let disagree = points
                .chunk_by(|a, b| a.date == b.date)
                .filter(|run| run[0].date.is_some())
                .any(|run| {
                    let (first_source, first_value) = (run[0].source, run[0].plot_value());
                    run.iter().any(|p| p.source != first_source)
                        && run.iter().any(|p| p.plot_value() != first_value)
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
    // Series with more sources first, then by label. The keys are read once into a
    // list that is sorted instead of the measures (the index keeps it stable).
    let mut order: Vec<_> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let key = (
                std::cmp::Reverse(m.source_count),
                m.unit.as_str(),
                m.label.as_str(),
                m.points[0].stat.id.as_str(),
            );
            (key, i)
        })
        .collect();
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    let mut taken: Vec<Option<Measure>> = measures.into_iter().map(Some).collect();
    let mut measures: Vec<Measure> = (order.into_iter())
        .map(|i| taken[i].take().expect("each measure is taken once"))
        .collect();
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
        // Ids only ever get taken, so the search for a free number of this base goes on
        // from where it last stopped.
        let n = next_number.entry(base.clone()).or_insert(1);
        let mut id = if *n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while used_ids.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        *n += 1;
        used_ids.insert(id.clone());
        m.id = id;
    }
    measures
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::facts::Qualifier;

    pub(crate) fn stat(
        id: &str,
        value: f64,
        unit: &str,
        quote: &str,
        span: &str,
        measure: &str,
    ) -> Arc<Statistic> {
        Arc::new(Statistic {
            id: id.into(),
            value: Some(value),
            low: None,
            high: None,
            of: None,
            unit: unit.into(),
            qualifier: Qualifier::MoreThan,
            span: span.into(),
            quote: quote.into(),
            quote_offset: 0,
            span_offset: quote.find(span).unwrap_or(0),
            measure: measure.into(),
            as_of: None,
            paragraph: 1,
        })
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
