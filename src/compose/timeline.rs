//! Timeline: dated events from every source become timeline entries, one per happening.
//!
//! In: the events of each source (by source index). Out: [`TimelineEntry`]s in date
//! order, each citing every source that reports it. Two events from different sources
//! are the same happening when their dates are compatible (the same month, one date
//! containing the other, or adjacent months with stronger evidence) and their words
//! agree: enough shared keys (see [`super::text`]), or both say something started (or
//! ended) and name the same thing. Conflicting dates are kept on the entry.
//!
//! Candidates come from an index keyed by (month, keyword), so the work grows with the
//! number of events, not with its square. Groups do not chain: two groups join only when
//! their first events also describe the same happening.

use super::{group, text};
use crate::model::briefing::{Phase, Report, TimelineEntry};
use crate::model::date::PartialDate;
use crate::model::facts::Event;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Month number since year 0, for a date with a month.
fn month_index(d: &PartialDate) -> Option<i64> {
    d.month.map(|m| d.year as i64 * 12 + m as i64 - 1)
}

/// True when one date contains the other (or they are equal).
pub fn contains(a: &PartialDate, b: &PartialDate) -> bool {
    let within = |outer: &PartialDate, inner: &PartialDate| {
        outer.year == inner.year
            && (outer.month.is_none()
                || (outer.month == inner.month && (outer.day.is_none() || outer.day == inner.day)))
    };
    within(a, b) || within(b, a)
}

/// How two dates relate, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closeness {
    /// Same month or one contains the other.
    Same,
    /// Months next to each other.
    Adjacent,
    /// Too far apart.
    Far,
}

fn closeness(a: &PartialDate, b: &PartialDate) -> Closeness {
    if contains(a, b) {
        return Closeness::Same;
    }
    match (month_index(a), month_index(b)) {
        (Some(x), Some(y)) if x == y => Closeness::Same,
        (Some(x), Some(y)) if (x - y).abs() == 1 => Closeness::Adjacent,
        _ => Closeness::Far,
    }
}

/// Names in a sentence: all-capital words (acronyms) and capitalised words that do not
/// start the sentence, as keys.
fn names(sentence: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, w) in text::words(sentence).into_iter().enumerate() {
        let mut chars = w.chars();
        let Some(first) = chars.next() else { continue };
        let acronym = w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        if acronym || (i > 0 && first.is_uppercase()) {
            let k = text::keys(w);
            out.extend(k.into_iter().filter(|k| !k.starts_with('@')));
        }
    }
    out
}

/// What the grouping compares of an event, kept apart from the event so that the
/// pairwise rule reads one small record (its keys and names are in [`Events`]).
struct Item {
    source: usize,
    date: PartialDate,
    /// The event has no end date.
    open: bool,
    /// The title says something started / ended.
    starts: bool,
    ends: bool,
}

/// True when events `a` and `b` (with their keys and their title's names) describe the
/// same happening.
fn same_happening(a: (&Item, &[u32], &[u32]), b: (&Item, &[u32], &[u32])) -> bool {
    let ((a, a_keys, a_names), (b, b_keys, b_names)) = (a, b);
    let close = closeness(&a.date, &b.date);
    if close == Closeness::Far {
        return false;
    }
    let (shared, ratio) = text::overlap_ids(a_keys, b_keys);
    let similar = match close {
        Closeness::Same => shared >= 2 && ratio >= 0.5,
        _ => shared >= 3 && ratio >= 0.6,
    };
    if similar {
        return true;
    }
    // Both titles say the same named thing started (or ended): that happens once.
    ((a.starts && b.starts) || (a.ends && b.ends))
        && a.open
        && b.open
        && text::shared_ids(a_names, b_names) > 0
}

/// Keywords shared by more events than this in one month are not used to find
/// candidates (they do not tell happenings apart).
const MAX_POSTINGS: usize = 150;

/// The slot of a date in the index: (year, month or 0) as one number.
fn slot(year: i32, month: u8) -> i64 {
    year as i64 * 13 + month as i64
}

/// The slots an event with date `d` finds candidates in, ascending: its year, and its
/// month with the months either side, or every month of the year when it has none.
fn scan_slots(d: &PartialDate) -> ([i64; 13], usize) {
    let mut out = [0i64; 13];
    match d.month {
        Some(m) => {
            let prev = if m == 1 {
                slot(d.year - 1, 12)
            } else {
                slot(d.year, m - 1)
            };
            let next = if m == 12 {
                slot(d.year + 1, 1)
            } else {
                slot(d.year, m + 1)
            };
            out[..4].copy_from_slice(&[slot(d.year, 0), prev, slot(d.year, m), next]);
            out[..4].sort_unstable();
            (out, 4)
        }
        None => {
            for (m, s) in out.iter_mut().enumerate() {
                *s = slot(d.year, m as u8);
            }
            (out, 13)
        }
    }
}

/// The events with their keys, and the index of (year, month or 0, key) → events.
struct Events {
    items: Vec<Item>,
    /// Keys of the title and the sentence.
    keys: group::KeyLists,
    /// Names in the title.
    names: group::KeyLists,
    index: group::Index,
}

impl Events {
    fn get(&self, i: usize) -> (&Item, &[u32], &[u32]) {
        (&self.items[i], self.keys.get(i), self.names.get(i))
    }
}

impl group::Items for Events {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn source(&self, i: usize) -> usize {
        self.items[i].source
    }

    fn postings(&self, i: usize, scan: &mut dyn FnMut(&[u32])) {
        let (slots, n) = scan_slots(&self.items[i].date);
        for &k in self.keys.get(i) {
            self.index.scan(k, &slots[..n], scan);
        }
    }

    fn same(&self, a: usize, b: usize) -> bool {
        same_happening(self.get(a), self.get(b))
    }

    /// [`same_happening`], deciding on the key counts when they suffice.
    fn same_counted(&self, a: usize, b: usize, counted: usize) -> bool {
        let ((x, x_keys, x_names), (y, y_keys, y_names)) = (self.get(a), self.get(b));
        let close = closeness(&x.date, &y.date);
        if close == Closeness::Far {
            return false;
        }
        let smaller = x_keys.len().min(y_keys.len()).max(1);
        let need = match close {
            Closeness::Same => text::fewest_shared(smaller, 2, 0.5),
            _ => text::fewest_shared(smaller, 3, 0.6),
        };
        let similar = match need {
            None => false,
            Some(need) if counted >= need => true,
            Some(need) if counted + self.index.capped(b) < need => false,
            Some(need) => text::shares_at_least(x_keys, y_keys, need),
        };
        if similar {
            return true;
        }
        ((x.starts && y.starts) || (x.ends && y.ends))
            && x.open
            && y.open
            && text::shared_ids(x_names, y_names) > 0
    }
}

/// One source's events: its index and its events.
pub type SourceEvents<'a> = (usize, &'a [Arc<Event>]);

/// An event that leads its sentence: (source index, event).
type Led<'a> = (usize, &'a Arc<Event>);
/// An event of a sentence another event leads: (index of the leader among the
/// [`Led`] events, source index, event).
type Rider<'a> = (usize, usize, &'a Arc<Event>);

/// Splits the events into the ones that lead their sentence and the others: of the
/// events one sentence of one source gives, the one with the most precise date (the
/// first in the text on a tie) leads. Returns the leaders and, for each other event,
/// the index of its leader in that list.
fn sentence_leaders<'a>(events: &[SourceEvents<'a>]) -> (Vec<Led<'a>>, Vec<Rider<'a>>) {
    let mut leaders: Vec<Led> = Vec::new();
    let mut others = Vec::new();
    for &(source, evs) in events {
        let sentence = |e: &Event| (e.paragraph, e.quote_offset, e.quote.len());
        let mut by_sentence: BTreeMap<(u32, usize, usize), Vec<&Arc<Event>>> = BTreeMap::new();
        for e in evs {
            by_sentence.entry(sentence(e)).or_default().push(e);
        }
        // In the source's own order, so the timeline's input order is unchanged.
        let mut lead_of: BTreeMap<(u32, usize, usize), &Arc<Event>> = BTreeMap::new();
        for (at, group) in &by_sentence {
            let lead = group
                .iter()
                .min_by_key(|e| (std::cmp::Reverse(e.date.precision()), e.span_offset))
                .expect("a sentence group has members");
            lead_of.insert(*at, lead);
        }
        let start = leaders.len();
        for e in evs {
            if Arc::ptr_eq(lead_of[&sentence(e)], e) {
                leaders.push((source, e));
            }
        }
        for e in evs {
            let lead = lead_of[&sentence(e)];
            if !Arc::ptr_eq(lead, e) {
                let at = leaders[start..]
                    .iter()
                    .position(|(_, l)| Arc::ptr_eq(l, lead))
                    .expect("the leader is listed");
                others.push((start + at, source, e));
            }
        }
    }
    (leaders, others)
}

/// Groups the events of all sources into timeline entries, one per happening; a
/// sentence feeds one entry ([`sentence_leaders`]).
pub fn build(events: &[SourceEvents]) -> Vec<TimelineEntry> {
    let (flat, others) = sentence_leaders(events);
    let keyed: Vec<_> = flat
        .par_iter()
        .map(|(_, e)| {
            let title_keys = text::keys(&e.title);
            let (starts, ends) = (title_keys.contains("@start"), title_keys.contains("@end"));
            // The keys of title and quote together: words never span the two, so this
            // is the keys of the joined text.
            let mut keys = title_keys;
            keys.extend(text::keys(&e.quote));
            (keys, starts, ends, names(&e.title))
        })
        .collect();
    let mut interner = text::Interner::default();
    let (mut keys, mut name_lists) = (group::KeyLists::default(), group::KeyLists::default());
    let mut slots: Vec<i64> = Vec::with_capacity(flat.len());
    let items: Vec<Item> = flat
        .iter()
        .zip(keyed)
        .map(|(&(source, event), (k, starts, ends, names))| {
            keys.push(&interner.ids(k));
            name_lists.push(&interner.ids(names));
            slots.push(slot(event.date.year, event.date.month.unwrap_or(0)));
            Item {
                source,
                date: event.date,
                open: event.end.is_none(),
                starts,
                ends,
            }
        })
        .collect();
    let index = group::Index::new(&slots, &keys, interner.len(), MAX_POSTINGS);
    let events = Events {
        items,
        keys,
        names: name_lists,
        index,
    };
    let roots = group::group(&events);
    // Bucketed by root (an item index), so the groups come in root order.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); roots.len()];
    for (i, r) in roots.into_iter().enumerate() {
        groups[r].push(i);
    }
    groups.retain(|g| !g.is_empty());
    let mut entry_of: Vec<usize> = vec![0; flat.len()];
    for (k, members) in groups.iter().enumerate() {
        for &i in members {
            entry_of[i] = k;
        }
    }
    let mut entries: Vec<TimelineEntry> = groups
        .into_par_iter()
        .map(|members| {
            let mut reports: Vec<Report> = members
                .iter()
                .map(|&i| Report {
                    source: flat[i].0,
                    event: Arc::clone(flat[i].1),
                })
                .collect();
            reports.sort_by(|a, b| {
                (a.source, a.event.paragraph, &a.event.id).cmp(&(
                    b.source,
                    b.event.paragraph,
                    &b.event.id,
                ))
            });
            let dates: Vec<PartialDate> = reports.iter().map(|r| r.event.date).collect();
            let distinct: BTreeSet<PartialDate> = dates.iter().copied().collect();
            let conflicting = distinct
                .iter()
                .any(|a| distinct.iter().any(|b| !contains(a, b)));
            // Filed under the earliest date; among dates that contain one another, the
            // most precise.
            let date = if conflicting {
                *dates
                    .iter()
                    .min_by_key(|d| (d.first_day(), std::cmp::Reverse(d.precision())))
                    .expect("a group has members")
            } else {
                *dates
                    .iter()
                    .max_by_key(|d| d.precision())
                    .expect("a group has members")
            };
            let lead = reports
                .iter()
                .find(|r| r.event.date == date)
                .unwrap_or(&reports[0]);
            TimelineEntry {
                id: reports[0].event.id.clone(),
                date,
                end: reports.iter().filter_map(|r| r.event.end).max(),
                title: lead.event.title.clone(),
                reports,
                also: Vec::new(),
                conflicting,
                phase: Phase::Focus,
            }
        })
        .collect();
    if !others.is_empty() {
        for (leader, source, e) in others {
            entries[entry_of[leader]].also.push(Report {
                source,
                event: Arc::clone(e),
            });
        }
    }
    // Stable, like the sort it replaces; the date string is made once per entry.
    entries.sort_by_cached_key(|e| (e.date.first_day(), e.date, e.end, e.id.clone()));
    entries
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn event(
        id: &str,
        date: &str,
        title: &str,
        quote: &str,
        paragraph: u32,
    ) -> Arc<Event> {
        Arc::new(Event {
            id: id.into(),
            date: PartialDate::parse(date).unwrap(),
            end: None,
            relative: false,
            span: String::new(),
            quote: quote.into(),
            quote_offset: 0,
            span_offset: 0,
            paragraph,
            title: title.into(),
        })
    }

    #[test]
    fn a_sentence_feeds_one_entry_and_lists_its_other_dates() {
        let quote = "The party ruled from 1929 through 2000, between 2000 and 2012 it was in \
                     opposition, and it has ruled again since December 2012.";
        let at = |id: &str, date: &str, span_offset: usize| {
            let mut e = Arc::unwrap_or_clone(event(id, date, "The party ruled", quote, 3));
            e.span_offset = span_offset;
            Arc::new(e)
        };
        let evs = [
            at("ev-1929", "1929", 15),
            at("ev-2000", "2000", 41),
            at("ev-2012", "2012-12", 110),
        ];
        let other = [event(
            "ev-x",
            "2001",
            "Another thing",
            "Another thing in 2001.",
            4,
        )];
        let entries = build(&[(0, &evs), (1, &other)]);
        assert_eq!(entries.len(), 2, "{entries:#?}");
        let lead = entries
            .iter()
            .find(|e| e.reports[0].event.id == "ev-2012")
            .unwrap();
        // The most precise date leads; the others ride along, in text order.
        assert_eq!(lead.reports.len(), 1);
        let also: Vec<&str> = lead.also.iter().map(|r| r.event.id.as_str()).collect();
        assert_eq!(also, ["ev-1929", "ev-2000"]);
        // A different sentence of the same paragraph is its own entry.
        let second = [event("ev-y", "1999", "The party won", "It won in 1999.", 3)];
        let both: Vec<Arc<Event>> = evs.iter().cloned().chain(second).collect();
        assert_eq!(build(&[(0, &both)]).len(), 2);
    }

    #[test]
    fn one_start_reported_twice_is_one_entry_with_both_dates() {
        let a = [event(
            "ev-a",
            "2019-01",
            "The Trump administration started enforcing MPP beginning in January",
            "The Trump administration started enforcing MPP beginning in January.",
            7,
        )];
        let b = [
            event(
                "ev-b",
                "2018-12",
                "Since the start of MPP in December 2018, the United States has returned more",
                "Since the start of MPP in December 2018, the United States has returned more than 50,000 asylum seekers to Mexican border towns.",
                3,
            ),
            event(
                "ev-c",
                "2019-09",
                "In September 2019, the U.S. and Mexican governments agreed to expand the program",
                "In September 2019, the U.S. and Mexican governments agreed to expand the program, which is now operating at the ports in six U.S. border cities.",
                4,
            ),
        ];
        let entries = build(&[(0, &a), (1, &b)]);
        assert_eq!(entries.len(), 2, "{entries:#?}");
        let start = &entries[0];
        assert_eq!(start.reports.len(), 2);
        assert!(start.conflicting);
        assert_eq!(start.date, PartialDate::parse("2018-12").unwrap());
        assert_eq!(start.dates().len(), 2);
    }

    #[test]
    fn unrelated_events_in_the_same_month_stay_apart() {
        let a = [event(
            "ev-a",
            "2010-08",
            "massacre of 72 migrants in San Fernando",
            "In August 2010, 72 migrants were killed in San Fernando.",
            1,
        )];
        let b = [event(
            "ev-b",
            "2010-08",
            "the new bridge opened to traffic",
            "The new bridge opened to traffic in August 2010.",
            1,
        )];
        assert_eq!(build(&[(0, &a), (1, &b)]).len(), 2);
    }

    #[test]
    fn a_year_and_a_month_within_it_with_the_same_words_merge_without_conflict() {
        let a = [event(
            "ev-a",
            "2012",
            "massacre in Cadereyta with 49 victims",
            "In 2012, 49 bodies were found in Cadereyta after a massacre.",
            1,
        )];
        let b = [event(
            "ev-b",
            "2012-05",
            "Cadereyta massacre, 49 victims found",
            "In May 2012 the Cadereyta massacre left 49 victims.",
            2,
        )];
        let e = build(&[(0, &a), (1, &b)]);
        assert_eq!(e.len(), 1);
        assert!(!e[0].conflicting);
        assert_eq!(e[0].date, PartialDate::parse("2012-05").unwrap());
    }
}

#[cfg(test)]
mod scale {
    use super::tests::event;
    use super::*;

    /// 10,000 documents of five events each; run with `--ignored` to time it.
    #[test]
    #[ignore]
    fn ten_thousand_documents() {
        let words = [
            "border", "asylum", "court", "camp", "bridge", "report", "cartel", "shelter", "army",
            "police", "election", "letter", "program", "massacre", "grave", "hearing", "visa",
            "wall", "port", "river", "bus", "clinic", "mayor", "governor", "judge",
        ];
        let docs: Vec<Vec<Arc<Event>>> = (0..10_000u32)
            .map(|d| {
                (0..5u32)
                    .map(|k| {
                        let n = d.wrapping_mul(2654435761).wrapping_add(k * 40503);
                        let w = |i: u32| words[((n >> (i * 3)) % words.len() as u32) as usize];
                        let title = format!("The {} {} {} in Tijuana", w(0), w(1), w(2));
                        let date = format!("{}-{:02}", 2000 + n % 20, 1 + (n / 20) % 12);
                        event(
                            &format!("ev-{d}-{k}"),
                            &date,
                            &title,
                            &format!("{title}."),
                            k + 1,
                        )
                    })
                    .collect()
            })
            .collect();
        let input: Vec<SourceEvents> = docs
            .iter()
            .enumerate()
            .map(|(i, e)| (i, e.as_slice()))
            .collect();
        let start = std::time::Instant::now();
        let entries = build(&input);
        eprintln!(
            "{} entries from 50,000 events in {:?}",
            entries.len(),
            start.elapsed()
        );
    }
}
