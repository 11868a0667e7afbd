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
    Briefing, EntityFacts, FigureRef, Measure, ParagraphRef, SourceCounts,
};

use crate::input::config::BriefingConfig;
use crate::input::gazetteer::Inputs;
use crate::model::site::SourcePage;
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

/// Composes the briefing from the source pages' facts (corrections applied).
pub fn build(sources: &[SourcePage], inputs: &Inputs, config: &BriefingConfig) -> Briefing {
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
    let ((timeline, measures), found) = rayon::join(
        || rayon::join(|| timeline::build(&events), || series::build(&figures)),
        || entities::find(g, &matcher, &blocks),
    );

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

    let key_figures = choose_key_figures(&measures, config);
    let mut event_entry = BTreeMap::new();
    for (i, entry) in timeline.iter().enumerate() {
        for r in &entry.reports {
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
        measures,
        entities,
        quotes,
        candidates: found.candidates,
        key_figures,
        gazetteer_size: g.entities.len(),
        accuracy: inputs.accuracy.clone(),
    }
}

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
    let mut ranked: Vec<(usize, usize)> = measures
        .iter()
        .enumerate()
        .map(|(mi, m)| (mi, m.points.len() - 1))
        .collect();
    ranked.sort_by_key(|&(mi, pi)| {
        let m = &measures[mi];
        let p = &m.points[pi];
        (
            std::cmp::Reverse(m.source_count.min(3)),
            unit_rank(&m.unit),
            p.stat.value.is_none(),
            p.source,
            p.stat.paragraph,
            mi,
        )
    });
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
    use super::*;

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
