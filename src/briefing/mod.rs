//! Briefing: composes facts across sources into the briefing's own material: one
//! timeline of happenings, series of figures about the same measure, the actors and
//! places with what they said, and the key figures for the home page.
//!
//! In: the composed [`Site`], the editor's gazetteer and the `[briefing]` settings. Out:
//! [`Briefing`], plain data the render stage turns into the timeline, statistics, entity,
//! methodology, print and search pages. One job per module:
//!
//! - [`text`]: normalised keywords for comparing sentences;
//! - [`timeline`]: events → timeline entries citing every source;
//! - [`series`]: figures → measures with their series;
//! - [`entities`]: gazetteer, mentions, quotes and speakers, candidate names.

pub mod entities;
mod group;
pub mod series;
pub mod text;
pub mod timeline;

use crate::compose::Site;
use crate::config::BriefingConfig;
use crate::error::Error;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use entities::{Candidate, EntityDef, Gazetteer, Kind, Mention, Quote};
pub use series::{Measure, Point};
pub use timeline::{Report, TimelineEntry};

/// The measured accuracy of extraction, as written by the gold tests to
/// `content/accuracy.toml` (free-form: the page shows what the file says).
pub const ACCURACY_FILE: &str = "accuracy.toml";

/// The files the briefing reads besides the sources.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// `content/entities.toml`.
    pub gazetteer: Gazetteer,
    /// `content/accuracy.toml`, if present.
    pub accuracy: Option<toml::Table>,
}

/// Reads the gazetteer and the accuracy record from `content/`.
pub fn load_inputs(content_dir: &Path) -> Result<Inputs, Error> {
    let gazetteer = entities::load(content_dir)?;
    let path = content_dir.join(ACCURACY_FILE);
    let accuracy = if path.is_file() {
        crate::source::check_inside(content_dir, &path)?;
        let text = crate::error::read_text(&path)?;
        Some(toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?)
    } else {
        None
    };
    Ok(Inputs {
        gazetteer,
        accuracy,
    })
}

/// An entity with everything the sources say about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityFacts {
    /// The gazetteer entry.
    pub def: EntityDef,
    /// Its page slug.
    pub slug: String,
    /// (source, paragraph) pairs naming it.
    pub mentions: Vec<(usize, u32)>,
    /// Timeline entries (indexes into [`Briefing::timeline`]) whose sentences name it.
    pub events: Vec<usize>,
    /// Figures naming it: (measure index, point index).
    pub figures: Vec<(usize, usize)>,
    /// Quotes (indexes into [`Briefing::quotes`]) it speaks.
    pub quotes: Vec<usize>,
}

/// Facts per source, for the methodology page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SourceCounts {
    /// Events extracted.
    pub events: usize,
    /// Figures extracted.
    pub statistics: usize,
}

/// The briefing's composed material.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Briefing {
    /// Timeline entries in date order.
    pub timeline: Vec<TimelineEntry>,
    /// Measures, best-supported first.
    pub measures: Vec<Measure>,
    /// Entities of the gazetteer that the sources name, in gazetteer order.
    pub entities: Vec<EntityFacts>,
    /// Every attributed quote.
    pub quotes: Vec<Quote>,
    /// Names seen that the gazetteer lacks.
    pub candidates: Vec<Candidate>,
    /// Key figures for the home page: (measure index, point index).
    pub key_figures: Vec<(usize, usize)>,
    /// Facts per source, in source order.
    pub per_source: Vec<SourceCounts>,
    /// Gazetteer size.
    pub gazetteer_size: usize,
    /// How many facts an editor corrected, removed or added, when the pipeline reports it.
    pub corrections: Option<usize>,
    /// How many facts an editor reviewed (approved, fixed or added).
    pub reviewed: usize,
    /// The measured accuracy, if recorded.
    pub accuracy: Option<toml::Table>,
    /// Event id → index of its timeline entry.
    pub event_entry: BTreeMap<String, usize>,
    /// Per timeline entry, the entities (indexes into `entities`) it names.
    pub entry_entities: Vec<Vec<usize>>,
    /// Per source, the entities it names.
    pub source_entities: Vec<Vec<usize>>,
}

impl Briefing {
    /// The timeline entry holding an event id.
    pub fn entry_of_event(&self, event_id: &str) -> Option<&TimelineEntry> {
        self.event_entry
            .get(event_id)
            .and_then(|&i| self.timeline.get(i))
    }
}

/// Each source's events, and its figures with its publication date: what the timeline
/// and the series are built from.
pub type FactLists<'a> = (
    Vec<timeline::SourceEvents<'a>>,
    Vec<series::SourceFigures<'a>>,
);

/// The events and figures of every source, by source index.
pub fn fact_lists(site: &Site) -> FactLists<'_> {
    let events = site
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.facts.events.as_slice()))
        .collect();
    let figures = site
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.published, s.facts.statistics.as_slice()))
        .collect();
    (events, figures)
}

/// Composes the briefing from the site's facts.
pub fn build(site: &Site, inputs: &Inputs, config: &BriefingConfig) -> Briefing {
    let (events, figures) = fact_lists(site);
    let blocks: Vec<entities::Blocks> = site
        .sources
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
        entity_facts[m.entity]
            .mentions
            .push((m.source, m.paragraph));
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
                entity_facts[e].figures.push((mi, pi));
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
    let mut source_entities: Vec<Vec<usize>> = vec![Vec::new(); site.sources.len()];
    for (k, e) in entities.iter().enumerate() {
        for &t in &e.events {
            entry_entities[t].push(k);
        }
        let named: BTreeSet<usize> = e.mentions.iter().map(|&(s, _)| s).collect();
        for s in named {
            source_entities[s].push(k);
        }
    }
    Briefing {
        event_entry,
        entry_entities,
        source_entities,
        per_source: site
            .sources
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
        corrections: Some(
            site.corrections.fixed + site.corrections.dropped + site.corrections.added,
        ),
        reviewed: site.reviewed.len(),
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
pub fn choose_key_figures(measures: &[Measure], config: &BriefingConfig) -> Vec<(usize, usize)> {
    if !config.key_figures.is_empty() {
        return config
            .key_figures
            .iter()
            .filter_map(|id| {
                measures.iter().enumerate().find_map(|(mi, m)| {
                    m.points
                        .iter()
                        .position(|p| &p.stat.id == id)
                        .map(|pi| (mi, pi))
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
    out
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
        let first = &measures[chosen[0].0].points[chosen[0].1];
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
        assert_eq!(measures[chosen[0].0].points[chosen[0].1].stat.id, "st-t");
    }
}
