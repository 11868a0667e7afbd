//! The corrections file: the editor's fixes to what the machine extracted, as written
//! in `content/corrections.toml` (see [`crate::compose::corrections`] for what they do).
//!
//! In: the site root and the file's path under it. Out: [`Corrections`], every
//! `[[correction]]` and `[[add]]` table with its place in the file (for messages), or an
//! error naming the file, line and column. A missing file means no corrections.

use crate::model::date::PartialDate;
use crate::model::facts::Qualifier;
use crate::util::error::{Error, line_col, read_text};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What to do with a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The fact is right as extracted.
    Approve,
    /// The fact is wrong; leave it out.
    Drop,
    /// Change some of its fields.
    Fix,
}

impl Action {
    /// The word used in the corrections file.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Drop => "drop",
            Action::Fix => "fix",
        }
    }
}

/// One `[[correction]]` or `[[add]]` table. Both share the fact fields; which of the
/// other keys are required depends on the table (checked when applied).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Entry {
    /// `[[correction]]`: id of the fact.
    pub id: Option<toml::Spanned<String>>,
    /// `[[correction]]`: what to do.
    pub action: Option<Action>,
    /// `[[add]]`: event or statistic.
    pub kind: Option<Kind>,
    /// `[[add]]`: the source, as its path under content/ (`sources/x.txt`).
    pub source: Option<toml::Spanned<String>>,
    /// `[[add]]`: the sentence, verbatim.
    pub quote: Option<String>,
    /// `[[add]]`: the exact words of the date or figure, inside `quote`.
    pub span: Option<String>,
    /// The editor's reason.
    pub note: Option<String>,
    /// Event date.
    pub date: Option<PartialDate>,
    /// Event end date (an empty string removes it).
    pub end: Option<String>,
    /// Event relative flag.
    pub relative: Option<bool>,
    /// Event title.
    pub title: Option<String>,
    /// Figure value.
    pub value: Option<f64>,
    /// Range low end.
    pub low: Option<f64>,
    /// Range high end.
    pub high: Option<f64>,
    /// Ratio denominator.
    pub of: Option<f64>,
    /// Unit.
    pub unit: Option<String>,
    /// Qualifier.
    pub qualifier: Option<Qualifier>,
    /// What is measured.
    pub measure: Option<String>,
    /// Date the figure refers to.
    pub as_of: Option<PartialDate>,
    /// `[[correction]]` of an event: the editor's choice for the home page's highlights
    /// (`true`), or never a highlight (`false`).
    pub highlight: Option<bool>,
}

/// Kind of an added fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A dated event.
    Event,
    /// A statistic.
    Statistic,
}

/// The corrections file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Corrections {
    /// Corrections of extracted facts, in file order.
    pub correction: Vec<Entry>,
    /// Facts added by hand.
    pub add: Vec<Entry>,
    /// The file's path (for messages).
    #[serde(skip)]
    pub path: PathBuf,
    /// The file's text (for line numbers).
    #[serde(skip)]
    pub text: String,
}

impl Corrections {
    /// Reads the corrections file `rel` under the site `root`; a missing file means no
    /// corrections. Messages name the file by `rel`.
    pub fn load(root: &Path, rel: &Path) -> Result<Corrections, Error> {
        let path = root.join(rel);
        if !path.exists() {
            return Ok(Corrections::default());
        }
        let text = read_text(&path)?;
        let mut c: Corrections = toml::from_str(&text).map_err(|e| Error::toml(rel, &text, &e))?;
        c.path = rel.to_path_buf();
        c.text = text;
        Ok(c)
    }

    /// The line number of a byte offset in the file.
    pub fn line_of(&self, span: std::ops::Range<usize>) -> usize {
        line_col(&self.text, span.start).0
    }
}
