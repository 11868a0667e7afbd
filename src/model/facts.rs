//! Facts: what extraction finds in one document, each fact with its provenance
//! (paragraph, verbatim sentence, exact words).
//!
//! In: nothing (plain data). Out: [`Event`], [`Statistic`] and [`Facts`], the records
//! [`crate::extract`] produces, corrections adjust, the briefing groups and the data
//! files publish.

pub use crate::lang::lexicon::Qualifier;
use crate::model::date::PartialDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A dated event found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: the same text gives the same id on every build.
    pub id: String,
    /// The date (the start, for a span).
    pub date: PartialDate,
    /// The end of a span, if the event covers a period.
    pub end: Option<PartialDate>,
    /// True when part of the date came from the document's date or context.
    pub relative: bool,
    /// The exact date words, e.g. `between September 2008 and February 2009`.
    pub span: String,
    /// The full sentence, verbatim.
    pub quote: String,
    /// Byte offset of `quote` in the block's text.
    pub quote_offset: usize,
    /// Byte offset of `span` in `quote`.
    pub span_offset: usize,
    /// Paragraph number of the block (anchor `p-N`).
    pub paragraph: u32,
    /// A short description of what happened.
    pub title: String,
}

/// A figure found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistic {
    /// Stable id.
    pub id: String,
    /// The value (`None` for a range).
    pub value: Option<f64>,
    /// Low end of a range.
    pub low: Option<f64>,
    /// High end of a range.
    pub high: Option<f64>,
    /// Denominator of an "X of Y" ratio.
    pub of: Option<f64>,
    /// What is counted: `people`, `percent`, `USD`, `cases`, …
    pub unit: String,
    /// The hedge (`exact`, `more than`, `nearly`, …).
    pub qualifier: Qualifier,
    /// The exact words of the figure.
    pub span: String,
    /// The full sentence, verbatim.
    pub quote: String,
    /// Byte offset of `quote` in the block's text.
    pub quote_offset: usize,
    /// Byte offset of `span` in `quote`.
    pub span_offset: usize,
    /// A short label of what is measured.
    pub measure: String,
    /// The date the figure refers to, if known (else the document's date).
    pub as_of: Option<PartialDate>,
    /// Paragraph number of the block (anchor `p-N`).
    pub paragraph: u32,
}

/// Everything extracted from one document. Each fact is shared (`Arc`) with the
/// timeline entries and series that cite it, not copied into them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Dated events, in document order.
    pub events: Vec<Arc<Event>>,
    /// Statistics, in document order.
    pub statistics: Vec<Arc<Statistic>>,
}

impl Statistic {
    /// The value to plot: the value, else the middle of a range.
    pub fn plot_value(&self) -> Option<f64> {
        self.value.or(match (self.low, self.high) {
            (Some(l), Some(h)) => Some((l + h) / 2.0),
            (l, h) => l.or(h),
        })
    }
}
