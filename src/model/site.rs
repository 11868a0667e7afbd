//! Site: everything the render stage needs, composed once.
//!
//! In: nothing (plain data). Out: [`Site`] (the [`SourcePage`]s with their documents and
//! facts, the hand-written pages, the [`Briefing`] composed across sources, and what the
//! editor's corrections did), as [`crate::compose::compose`] returns it, finished.

use crate::model::anchors::Anchors;
use crate::model::briefing::Briefing;
use crate::model::date::PartialDate;
use crate::model::document::Document;
use crate::model::facts::Facts;
use crate::model::source::{MetaOrigin, Page, Source};
use crate::util::error::Warning;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A source document ready to render.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The source as read.
    pub source: Source,
    /// Its converted form (the page's body is rendered from its blocks; the Markdown
    /// export for editors is written from it too).
    pub doc: Document,
    /// Extracted facts (after corrections).
    pub facts: Facts,
    /// The title to show.
    pub title: String,
    /// Where the title came from.
    pub title_origin: MetaOrigin,
    /// The publication date, if known.
    pub published: Option<PartialDate>,
    /// Where the date came from.
    pub date_origin: MetaOrigin,
    /// The language its facts were extracted in (`None`: the site's).
    pub language: Option<String>,
    /// Where the language came from (`Inferred`: detected from the text).
    pub language_origin: MetaOrigin,
    /// True when the full text may be published (rights permitting).
    pub full_text: bool,
    /// The `id`s of its paragraphs and fact sentences.
    pub anchors: Anchors,
}

impl SourcePage {
    /// Who wrote it: `author` from its sidecar or front matter, else what the file
    /// says about itself ([`crate::model::document::Embedded::author`]).
    pub fn author(&self) -> Option<&str> {
        (self.source.meta.author.as_deref())
            .or(self.doc.embedded.author.as_deref())
            .map(str::trim)
            .filter(|a| !a.is_empty())
    }

    /// The page's path inside the site: `sources/<slug>/`.
    pub fn path(&self) -> String {
        crate::util::url::paths::source(&self.source.slug)
    }

    /// The name of the PDF published beside the page (`<slug>.pdf`): a PDF source
    /// whose full text may be published; `None` otherwise.
    pub fn published_pdf(&self) -> Option<String> {
        (self.full_text && self.source.format == crate::model::document::Format::Pdf)
            .then(|| format!("{}.pdf", self.source.slug))
    }
}

/// Everything the render stage needs.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Source pages, in file-name order.
    pub sources: Vec<SourcePage>,
    /// Hand-written pages other than the home page, in path order.
    pub pages: Vec<Page>,
    /// `content/pages/_index.md`, the home page's own text.
    pub home: Option<Page>,
    /// Hand-written pages (home included) translated into the site's other languages
    /// (`_index.es.md`), each with its `language` set.
    pub translations: Vec<Page>,
    /// The most recent date among the sources, used as "last updated".
    pub last_updated: Option<PartialDate>,
    /// What the editor's corrections did (and which facts an editor reviewed).
    pub corrections: CorrectionReport,
    /// Problems found while composing.
    pub warnings: Vec<Warning>,
    /// Facts composed across sources (timeline, series, entities).
    pub briefing: Briefing,
}

/// What applying the corrections did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorrectionReport {
    /// Facts dropped.
    pub dropped: usize,
    /// Facts changed.
    pub fixed: usize,
    /// Facts approved as extracted.
    pub approved: usize,
    /// Facts added by hand.
    pub added: usize,
    /// The same counts for events alone.
    pub events: ReviewCounts,
    /// The same counts for figures alone.
    pub statistics: ReviewCounts,
    /// Ids of every fact an editor has looked at (approved, fixed or added).
    pub reviewed: BTreeSet<String>,
    /// Events the editor chose as highlights (`true`) or ruled out (`false`).
    pub highlight: BTreeMap<String, bool>,
    /// Corrections that point at nothing, and other problems.
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

/// What the editor did to one kind of fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReviewCounts {
    /// Approved as extracted.
    pub approved: usize,
    /// Corrected.
    pub fixed: usize,
    /// Removed.
    pub dropped: usize,
    /// Added by hand.
    pub added: usize,
}
