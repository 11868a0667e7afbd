//! Briefing: the material composed across sources (timeline entries, measures with
//! their series, entities with their mentions and quotes, key figures).
//!
//! In: nothing (plain data). Out: the types [`crate::compose`] produces and the render
//! stage reads: [`Briefing`], [`TimelineEntry`], [`Measure`], [`Point`], the gazetteer's
//! [`EntityDef`]s and what was found about them.

use crate::model::date::PartialDate;
use crate::model::facts::{Event, Statistic};
use crate::util::slug::slugify;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A paragraph of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ParagraphRef {
    /// Index of the source in [`crate::model::site::Site::sources`].
    pub source: usize,
    /// Its paragraph number (anchor `p-N`).
    pub paragraph: u32,
}

/// A figure of the briefing: a point of a measure's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FigureRef {
    /// Index into [`Briefing::measures`].
    pub measure: usize,
    /// Index into that measure's [`Measure::points`].
    pub point: usize,
}

/// An entity with everything the sources say about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityFacts {
    /// The gazetteer entry.
    pub def: EntityDef,
    /// Its page slug.
    pub slug: String,
    /// The paragraphs naming it.
    pub mentions: Vec<ParagraphRef>,
    /// Timeline entries (indexes into [`Briefing::timeline`]) whose sentences name it.
    pub events: Vec<usize>,
    /// Figures naming it.
    pub figures: Vec<FigureRef>,
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
    /// The home page's highlights: indexes into `timeline`, in date order.
    pub highlights: Vec<usize>,
    /// Measures, best-supported first.
    pub measures: Vec<Measure>,
    /// Entities of the gazetteer that the sources name, in gazetteer order.
    pub entities: Vec<EntityFacts>,
    /// Every attributed quote.
    pub quotes: Vec<Quote>,
    /// Names seen that the gazetteer lacks.
    pub candidates: Vec<Candidate>,
    /// Key figures for the home page.
    pub key_figures: Vec<FigureRef>,
    /// Facts per source, in source order.
    pub per_source: Vec<SourceCounts>,
    /// Gazetteer size.
    pub gazetteer_size: usize,
    /// The measured accuracy, if recorded.
    pub accuracy: Option<toml::Table>,
    /// Event id → index of its timeline entry (hashed: every source page looks up each
    /// of its events, and a sorted map of a 10,000-document briefing's half a million
    /// ids cost a string comparison per level).
    pub event_entry: FxHashMap<String, usize>,
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

/// One source's report of a happening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Index of the source in [`crate::model::site::Site::sources`].
    pub source: usize,
    /// The event as extracted (shared with the source's facts).
    pub event: Arc<Event>,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// Anchor id on the timeline page (the id of its first report's event).
    pub id: String,
    /// The date it is filed under (the earliest date its sources give).
    pub date: PartialDate,
    /// The end of a period, if any report gives one.
    pub end: Option<PartialDate>,
    /// A short description.
    pub title: String,
    /// The sources' reports, in source order.
    pub reports: Vec<Report>,
    /// Other dates the reporting sentences give: a sentence feeds one entry (its most
    /// precise date, the first on a tie), and its other events are listed here rather
    /// than repeating the sentence in entries of their own.
    pub also: Vec<Report>,
    /// True when the sources give dates that do not contain one another.
    pub conflicting: bool,
    /// Where the entry stands against the briefing's focus (`[briefing] focus`).
    pub phase: Phase,
}

/// Where a timeline entry stands against the briefing's focus period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Ends before the focus starts: background.
    Before,
    /// Overlaps the focus (every entry, when no focus is set).
    #[default]
    Focus,
    /// Starts after the focus ends.
    After,
}

impl TimelineEntry {
    /// The distinct dates the reports give, in order.
    pub fn dates(&self) -> Vec<PartialDate> {
        let set: BTreeSet<PartialDate> = self.reports.iter().map(|r| r.event.date).collect();
        set.into_iter().collect()
    }
}

/// One figure of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Index of the source in [`crate::model::site::Site::sources`].
    pub source: usize,
    /// The figure as extracted (shared with the source's facts).
    pub stat: Arc<Statistic>,
    /// The date it refers to: `as_of`, else the source's publication date.
    pub date: Option<PartialDate>,
    /// True when `date` is the source's publication date rather than the figure's own.
    pub dated_by_source: bool,
}

impl Point {
    /// The value to plot: the value, else the middle of a range.
    pub fn plot_value(&self) -> Option<f64> {
        self.stat.plot_value()
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

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A city, region or country.
    Place,
    /// An organisation, agency, government.
    Organization,
    /// A person.
    Person,
}

/// One `[[entity]]` of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    /// Stable id (also its page's slug).
    pub id: String,
    /// The name to show.
    pub name: String,
    /// Place, organisation or person.
    pub kind: Kind,
    /// Other spellings found in the text.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl EntityDef {
    /// The slug of its page.
    pub fn slug(&self) -> String {
        slugify(&self.id)
    }
}

/// The editor's list of entities, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    /// The entities.
    pub entities: Vec<EntityDef>,
}

/// An entity named in a paragraph of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Mention {
    /// Gazetteer index.
    pub entity: usize,
    /// Source index.
    pub source: usize,
    /// Paragraph number.
    pub paragraph: u32,
}

/// Words a source attributes to someone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Quote {
    /// Source index.
    pub source: usize,
    /// Paragraph number.
    pub paragraph: u32,
    /// The sentence, verbatim.
    pub text: String,
    /// The speaker as the text names them (a pronoun is resolved to the last speaker).
    pub speaker: String,
    /// The speaker's entity, if known (a gazetteer index from [`crate::compose::entities::find`]; an index into
    /// [`Briefing::entities`] once composed).
    pub entity: Option<usize>,
    /// True for words in quotation marks, false for reported speech.
    pub direct: bool,
}

/// A name seen in the text that the gazetteer lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The name as written.
    pub name: String,
    /// How often it occurs.
    pub count: usize,
    /// True when it speaks in a quote.
    pub speaker: bool,
}
