//! Briefing: composes facts across sources into the briefing's own material: one
//! timeline of happenings, series of figures about the same measure, the actors and
//! places with what they said, and the key figures for the home page.
//!
//! In: the source pages (facts with corrections applied), the editor's gazetteer and the
//! `[briefing]` settings. Out:
//! [`Briefing`], plain data the render stage turns into the timeline, statistics, entity,
//! methodology, print and search pages. One job per module:
//!
//! - [`super::text`]: normalised keywords for comparing sentences;
//! - [`super::timeline`]: events → timeline entries citing every source;
//! - [`super::series`]: figures → measures with their series;
//! - [`super::entities`]: gazetteer, mentions, quotes and speakers, candidate names.

use super::{entities, series, timeline};
use crate::model::briefing::{
    Briefing, EntityFacts, FigureRef, Measure, ParagraphRef, Phase, SourceCounts, TimelineEntry,
};

use crate::input::config::{BriefingConfig, Focus};
use crate::input::gazetteer::Inputs;
use crate::model::site::SourcePage;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// Each source's events, and its figures with its publication date: what the timeline
/// and the series are built from.
pub type FactLists<'a> = (
    Vec<timeline::SourceEvents<'a>>,
    Vec<series::SourceFigures<'a>>,
);

/// The events and figures of every source, by source index.
pub fn fact_lists(sources: &[SourcePage]) -> FactLists<'_> {
    let events = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.facts.events.as_slice()))
        .collect();
    let figures = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.published, s.facts.statistics.as_slice()))
        .collect();
    (events, figures)
}

/// Composes the briefing from the source pages' facts (corrections applied);
/// `chosen` holds the editor's highlight choices by event id.
pub fn build(
    sources: &[SourcePage],
    inputs: &Inputs,
    config: &BriefingConfig,
    chosen: &BTreeMap<String, bool>,
) -> Briefing {
    let (events, figures) = fact_lists(sources);
    let blocks: Vec<entities::Blocks> = sources
        .iter()
        .map(|s| {
            s.doc
                .blocks
                .iter()
                .map(|b| (b.paragraph, b.text.as_str()))
                .collect()
        })
        .collect();
    let g = &inputs.gazetteer;
    // Three independent jobs: each one's serial parts overlap the others' work.
    let matcher = entities::Matcher::new(g);
    let ((mut timeline, measures), found) = rayon::join(
        || rayon::join(|| timeline::build(&events), || series::build(&figures)),
        || entities::find(g, &matcher, &blocks),
    );
    // The focus first, then what came after it, then the background, each in date
    // order (a stable sort: the timeline is in date order already), so that the first
    // page of a long timeline is the story the briefing tells.
    for entry in &mut timeline {
        entry.phase = phase(entry, config.focus.as_ref());
    }
    timeline.sort_by_key(|e| match e.phase {
        Phase::Focus => 0,
        Phase::After => 1,
        Phase::Before => 2,
    });

    let mut entity_facts: Vec<EntityFacts> = g
        .entities
        .iter()
        .map(|def| EntityFacts {
            def: def.clone(),
            slug: def.slug(),
            mentions: Vec::new(),
            events: Vec::new(),
            figures: Vec::new(),
            quotes: Vec::new(),
        })
        .collect();
    for m in &found.mentions {
        entity_facts[m.entity].mentions.push(ParagraphRef {
            source: m.source,
            paragraph: m.paragraph,
        });
    }
    for (i, entry) in timeline.iter().enumerate() {
        let named: BTreeSet<usize> = entry
            .reports
            .iter()
            .flat_map(|r| matcher.find(&r.event.quote))
            .collect();
        for e in named {
            entity_facts[e].events.push(i);
        }
    }
    for (mi, m) in measures.iter().enumerate() {
        for (pi, p) in m.points.iter().enumerate() {
            for e in matcher.find(&p.stat.quote) {
                entity_facts[e].figures.push(FigureRef {
                    measure: mi,
                    point: pi,
                });
            }
        }
    }
    for (qi, q) in found.quotes.iter().enumerate() {
        if let Some(e) = q.entity {
            entity_facts[e].quotes.push(qi);
        }
    }
    // Keep the entities the sources name; quotes then point into the kept list.
    let mut kept_index = vec![None; entity_facts.len()];
    let mut entities: Vec<EntityFacts> = Vec::new();
    for (g_index, e) in entity_facts.into_iter().enumerate() {
        if !e.mentions.is_empty() || !e.quotes.is_empty() {
            kept_index[g_index] = Some(entities.len());
            entities.push(e);
        }
    }
    let mut quotes = found.quotes;
    for q in &mut quotes {
        q.entity = q.entity.and_then(|g| kept_index[g]);
    }

    let highlights = choose_highlights(&timeline, config, chosen);
    let key_figures = choose_key_figures(&measures, config);
    let mut event_entry = rustc_hash::FxHashMap::default();
    event_entry.reserve(
        timeline
            .iter()
            .map(|e| e.reports.len() + e.also.len())
            .sum(),
    );
    for (i, entry) in timeline.iter().enumerate() {
        for r in entry.reports.iter().chain(&entry.also) {
            event_entry.entry(r.event.id.clone()).or_insert(i);
        }
    }
    let mut entry_entities = vec![Vec::new(); timeline.len()];
    let mut source_entities: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (k, e) in entities.iter().enumerate() {
        for &t in &e.events {
            entry_entities[t].push(k);
        }
        let named: BTreeSet<usize> = e.mentions.iter().map(|m| m.source).collect();
        for s in named {
            source_entities[s].push(k);
        }
    }
    Briefing {
        event_entry,
        entry_entities,
        source_entities,
        per_source: sources
            .iter()
            .map(|s| SourceCounts {
                events: s.facts.events.len(),
                statistics: s.facts.statistics.len(),
            })
            .collect(),
        timeline,
        highlights,
        measures,
        entities,
        quotes,
        candidates: found.candidates,
        key_figures,
        gazetteer_size: g.entities.len(),
        accuracy: inputs.accuracy.clone(),
    }
}

/// Where an entry stands against the focus: before it when it ends before the focus
/// starts, after it when it starts after the focus ends.
pub fn phase(entry: &TimelineEntry, focus: Option<&Focus>) -> Phase {
    let Some(focus) = focus else {
        return Phase::Focus;
    };
    let last = entry.end.unwrap_or(entry.date).last_day();
    if focus.start.is_some_and(|s| last < s.first_day()) {
        return Phase::Before;
    }
    if focus
        .end
        .is_some_and(|e| entry.date.first_day() > e.last_day())
    {
        return Phase::After;
    }
    Phase::Focus
}

/// How many of `topics` an entry names, in its title or its sentences (case and
/// word edges respected: "MPP" is not found in "MPPs").
fn topic_hits(entry: &TimelineEntry, topics: &[String]) -> usize {
    if topics.is_empty() {
        return 0;
    }
    let text: String = std::iter::once(entry.title.as_str())
        .chain(entry.reports.iter().map(|r| r.event.quote.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    topics
        .iter()
        .filter(|t| {
            let t = t.trim().to_lowercase();
            !t.is_empty()
                && text.match_indices(&t).any(|(i, _)| {
                    let before = text[..i].chars().next_back();
                    let after = text[i + t.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
        })
        .count()
}

/// The home page's highlights, at most [`HIGHLIGHTS`], in date order: every entry the
/// editor chose (`highlight = true` on one of its events), then the best of the others
/// in focus that the editor did not rule out (`highlight = false`), ranked by one point
/// per source that reports it plus one per topic term it names, the newer first on a
/// tie.
pub fn choose_highlights(
    timeline: &[TimelineEntry],
    config: &BriefingConfig,
    chosen: &BTreeMap<String, bool>,
) -> Vec<usize> {
    let choice = |e: &TimelineEntry| -> Option<bool> {
        let mut ids = e.reports.iter().chain(&e.also).map(|r| &r.event.id);
        let values: Vec<bool> = ids
            .by_ref()
            .filter_map(|id| chosen.get(id).copied())
            .collect();
        if values.contains(&true) {
            Some(true)
        } else if values.contains(&false) {
            Some(false)
        } else {
            None
        }
    };
    let mut picked: Vec<usize> = (0..timeline.len())
        .filter(|&i| choice(&timeline[i]) == Some(true))
        .collect();
    // Each candidate's rank, made once: (score, date, index), best first. Only the best
    // `room` are sorted (the index makes every rank distinct, so this is the order a
    // full sort gives).
    let mut rest: Vec<(Reverse<usize>, Reverse<String>, usize)> = (0..timeline.len())
        .filter(|&i| timeline[i].phase == Phase::Focus && choice(&timeline[i]).is_none())
        .map(|i| {
            let e = &timeline[i];
            let sources: BTreeSet<usize> = e.reports.iter().map(|r| r.source).collect();
            let score = sources.len() + topic_hits(e, &config.topics);
            (Reverse(score), Reverse(e.date.first_day()), i)
        })
        .collect();
    let room = HIGHLIGHTS.saturating_sub(picked.len());
    if rest.len() > room {
        if room > 0 {
            rest.select_nth_unstable(room - 1);
        }
        rest.truncate(room);
    }
    rest.sort_unstable();
    picked.extend(rest.into_iter().map(|(_, _, i)| i));
    picked.sort_unstable();
    picked
}

/// Most highlights the home page shows (the editor's own choices are all shown).
pub const HIGHLIGHTS: usize = 6;

/// How useful a unit is as a headline figure (lower is better).
fn unit_rank(unit: &str) -> u8 {
    match unit {
        "people" | "percent" => 0,
        "cases" | "patients" | "USD" => 1,
        _ => 2,
    }
}

/// The key figures: the ids named in `[briefing] key_figures`, else up to five figures,
/// series with several sources first (their latest figure), then single figures with
/// people or percent units.
pub fn choose_key_figures(measures: &[Measure], config: &BriefingConfig) -> Vec<FigureRef> {
    if !config.key_figures.is_empty() {
        return config
            .key_figures
            .iter()
            .filter_map(|id| {
                measures.iter().enumerate().find_map(|(mi, m)| {
                    m.points
                        .iter()
                        .position(|p| &p.stat.id == id)
                        .map(|pi| FigureRef {
                            measure: mi,
                            point: pi,
                        })
                })
            })
            .collect();
    }
    // Each measure's rank made once (the measure index makes every rank distinct).
    let mut keyed: Vec<_> = measures
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let pi = m.points.len() - 1;
            let p = &m.points[pi];
            let rank = (
                Reverse(m.source_count.min(3)),
                unit_rank(&m.unit),
                p.stat.value.is_none(),
                p.source,
                p.stat.paragraph,
                mi,
            );
            (rank, pi)
        })
        .collect();
    keyed.sort_unstable();
    let ranked: Vec<(usize, usize)> = keyed.into_iter().map(|(r, pi)| (r.5, pi)).collect();
    // One figure per source among the single-source figures, for variety.
    let mut out = Vec::new();
    let mut sources_used = BTreeSet::new();
    for &(mi, pi) in &ranked {
        let m = &measures[mi];
        if m.source_count > 1 || sources_used.insert(m.points[pi].source) {
            out.push((mi, pi));
        }
        if out.len() == 5 {
            break;
        }
    }
    for &(mi, pi) in &ranked {
        if out.len() >= 4 {
            break;
        }
        if !out.contains(&(mi, pi)) {
            out.push((mi, pi));
        }
    }
    out.into_iter()
        .map(|(measure, point)| FigureRef { measure, point })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::series::tests::stat;
    use super::timeline::tests::event;
    use super::*;
    use crate::model::briefing::Report;
    use crate::model::date::PartialDate;

    fn entry(
        id: &str,
        date: &str,
        end: Option<&str>,
        quote: &str,
        sources: &[usize],
    ) -> TimelineEntry {
        let e = event(id, date, "Something happened", quote, 1);
        TimelineEntry {
            id: id.into(),
            date: e.date,
            end: end.map(|d| PartialDate::parse(d).unwrap()),
            title: e.title.clone(),
            reports: sources
                .iter()
                .map(|&source| Report {
                    source,
                    event: e.clone(),
                })
                .collect(),
            also: Vec::new(),
            conflicting: false,
            phase: Phase::Focus,
        }
    }

    fn ids_of(timeline: &[TimelineEntry], h: Vec<usize>) -> Vec<String> {
        h.iter().map(|&i| timeline[i].id.clone()).collect()
    }

    fn focus(text: &str) -> Focus {
        Focus::try_from(text.to_string()).unwrap()
    }

    #[test]
    fn entries_outside_the_focus_are_background_or_afterwards() {
        let f = focus("2018-12..2020-06");
        let phase_of =
            |date: &str, end: Option<&str>| phase(&entry("ev", date, end, "q", &[0]), Some(&f));
        assert_eq!(phase_of("2018-11-30", None), Phase::Before);
        assert_eq!(
            phase_of("2018", None),
            Phase::Focus,
            "2018 ends in December"
        );
        assert_eq!(phase_of("1929", Some("2000")), Phase::Before);
        assert_eq!(
            phase_of("2010", Some("2019")),
            Phase::Focus,
            "a span into the focus"
        );
        assert_eq!(phase_of("2020-06-30", None), Phase::Focus);
        assert_eq!(phase_of("2020-07", None), Phase::After);
        assert_eq!(
            phase(&entry("ev", "1900", None, "q", &[0]), None),
            Phase::Focus
        );
    }

    #[test]
    fn highlights_follow_the_editor_then_sources_and_topics_within_the_focus() {
        let mut timeline = vec![
            entry(
                "ev-old",
                "2010",
                None,
                "A massacre in 2010 shocked the country.",
                &[0, 1, 2],
            ),
            entry(
                "ev-mpp",
                "2019-01",
                None,
                "MPP began in January 2019.",
                &[0],
            ),
            entry(
                "ev-two",
                "2019-03",
                None,
                "Two sources say so in March 2019.",
                &[0, 1],
            ),
            entry(
                "ev-out",
                "2019-04",
                None,
                "Ruled out by the editor in April 2019.",
                &[0, 1, 2],
            ),
            entry(
                "ev-x",
                "2019-05",
                None,
                "Nothing about the topics (MPPs) here.",
                &[0],
            ),
            entry(
                "ev-pick",
                "2009",
                None,
                "The editor's own choice from 2009.",
                &[0],
            ),
        ];
        let config = BriefingConfig {
            focus: Some(focus("2018-12..")),
            topics: vec!["MPP".into()],
            ..BriefingConfig::default()
        };
        for e in &mut timeline {
            e.phase = phase(e, config.focus.as_ref());
        }
        let chosen = BTreeMap::from([("ev-out".to_string(), false), ("ev-pick".to_string(), true)]);
        let ids = |h: Vec<usize>| ids_of(&timeline, h);
        // Background (2010) is left out even with three sources; the editor's `false`
        // wins over three sources; the editor's `true` is in even in the background;
        // "MPPs" is not the topic "MPP". In timeline order.
        assert_eq!(
            ids(choose_highlights(&timeline, &config, &chosen)),
            ["ev-mpp", "ev-two", "ev-x", "ev-pick"]
        );
        // More candidates than room: the lowest scored are left out, the newer of two
        // equal ones kept.
        let many: Vec<TimelineEntry> = (1..=8)
            .map(|m| {
                let sources: &[usize] = if m == 3 { &[0, 1] } else { &[0] };
                entry(
                    &format!("ev-{m}"),
                    &format!("2019-{m:02}"),
                    None,
                    "Some news.",
                    sources,
                )
            })
            .collect();
        let top = ids_of(
            &many,
            choose_highlights(&many, &BriefingConfig::default(), &BTreeMap::new()),
        );
        assert_eq!(top, ["ev-3", "ev-4", "ev-5", "ev-6", "ev-7", "ev-8"]);
        assert_eq!(topic_hits(&timeline[1], &config.topics), 1);
        assert_eq!(topic_hits(&timeline[4], &config.topics), 0);
    }

    #[test]
    fn key_figures_follow_the_settings_else_prefer_series_and_people() {
        let a = [
            stat(
                "st-a",
                50000.0,
                "people",
                "The U.S. has returned more than 50,000 asylum seekers to Mexican border towns.",
                "more than 50,000 asylum seekers",
                "asylum seekers returned",
            ),
            stat(
                "st-t",
                2.0,
                "types",
                "There are two types of kidnappings.",
                "two types",
                "types of kidnappings",
            ),
        ];
        let b = [stat(
            "st-b",
            57000.0,
            "people",
            "The U.S. has sent 57,000 non-Mexican migrants to Mexico to await hearings.",
            "57,000 non-Mexican migrants",
            "migrants sent to Mexico",
        )];
        let measures = series::build(&[(0, None, &a), (1, None, &b)]);
        let chosen = choose_key_figures(&measures, &BriefingConfig::default());
        let first = &measures[chosen[0].measure].points[chosen[0].point];
        assert_eq!(
            first.stat.id, "st-b",
            "the latest figure of the series leads"
        );
        let config = BriefingConfig {
            key_figures: vec!["st-t".into(), "missing".into()],
            ..Default::default()
        };
        let chosen = choose_key_figures(&measures, &config);
        assert_eq!(chosen.len(), 1);
        assert_eq!(
            measures[chosen[0].measure].points[chosen[0].point].stat.id,
            "st-t"
        );
    }
}
