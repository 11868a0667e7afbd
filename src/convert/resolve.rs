//! Resolve: a source's title and date, from its metadata or, failing that, from the
//! converted text.
//!
//! In: a [`Source`] and its [`Document`]. Out: [`Resolved`], with where each value came
//! from. Runs once per source, right after conversion; extraction and composition both
//! read the result.

use crate::model::document::Document;
use crate::model::source::{MetaOrigin, Resolved, Source};

/// Fills the title and date the metadata does not give: the title from the document's
/// first line, the date from its dateline.
pub fn resolve(source: &Source, doc: &Document) -> Resolved {
    let (title, title_origin) = match (&source.meta.title, &doc.title) {
        (Some(t), _) => (t.clone(), source.title_origin),
        (None, Some(t)) => (t.clone(), MetaOrigin::Inferred),
        (None, None) => (source.file_name.clone(), MetaOrigin::Missing),
    };
    let (published, date_origin) = match (source.meta.published, doc.dateline.as_deref()) {
        (Some(d), _) => (Some(d), source.date_origin),
        (None, Some(line)) => match super::parse_dateline(line) {
            Some(d) => (Some(d), MetaOrigin::Inferred),
            None => (None, MetaOrigin::Missing),
        },
        (None, None) => (None, MetaOrigin::Missing),
    };
    Resolved {
        title,
        title_origin,
        published,
        date_origin,
    }
}
