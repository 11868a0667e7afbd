//! Compose: puts the converted documents, their facts and the hand-written pages
//! together into one [`Site`], the plain data the render stage turns into files.
//!
//! In: [`Parts`]: the [`Content`] read, a [`Document`], a [`Resolved`] title and date and
//! the [`Facts`] of each source, the editor's corrections, the gazetteer; and settings.
//! Out: the finished [`Site`], in one call: corrections applied ([`corrections`]), source
//! pages made (warning about missing titles and dates, deciding per source whether the
//! full text may be published), and the [`briefing`] composed across sources
//! ([`timeline`], [`series`], [`entities`]). Reads no files.

pub mod briefing;
pub mod corrections;
pub mod entities;
mod group;
pub mod series;
pub mod text;
pub mod timeline;

use crate::input::config::Settings;
use crate::input::corrections::Corrections;
use crate::input::gazetteer::Inputs;
use crate::model::anchors::Anchors;
use crate::model::document::{Document, Format};
use crate::model::facts::Facts;
use crate::model::site::{Site, SourcePage};
use crate::model::source::{Content, MetaOrigin, Resolved};
use crate::util::error::Warning;
use rayon::prelude::*;

/// Rights values that forbid republishing the full text.
fn rights_reserved(rights: Option<&str>) -> bool {
    matches!(
        rights.map(|r| r.trim().to_ascii_lowercase()).as_deref(),
        Some("all-rights-reserved" | "all rights reserved" | "reserved")
    )
}

fn rights_unknown(rights: Option<&str>) -> bool {
    matches!(
        rights.map(|r| r.trim().to_ascii_lowercase()).as_deref(),
        None | Some("" | "unknown")
    )
}

/// Everything composing needs, as the earlier stages made it: one entry per source in
/// each of `docs`, `resolved` and `facts`, in the order of `content.sources`.
pub struct Parts<'a> {
    /// What was read from `content/`.
    pub content: Content,
    /// Each source converted.
    pub docs: Vec<Document>,
    /// Each source's title and date, resolved once after conversion.
    pub resolved: Vec<Resolved>,
    /// Each source's facts, as extracted (corrections not yet applied).
    pub facts: Vec<Facts>,
    /// The editor's corrections file.
    pub corrections: &'a Corrections,
    /// The gazetteer and accuracy record.
    pub inputs: &'a Inputs,
}

/// Builds the finished site model: applies the corrections, makes the source pages and
/// composes the briefing across them.
pub fn compose(settings: &Settings, parts: Parts) -> Site {
    let Parts {
        content,
        docs,
        resolved,
        mut facts,
        corrections,
        inputs,
    } = parts;
    let paths: Vec<&str> = content
        .sources
        .iter()
        .map(|s| s.rel_path.as_str())
        .collect();
    let report = corrections::apply(corrections, &paths, &docs, &mut facts);
    let mut warnings = content.warnings;
    let mut sources = Vec::with_capacity(docs.len());
    let mut last_updated = None;
    // Hashing every paragraph and fact sentence: in parallel, before the serial loop.
    let anchors: Vec<Anchors> = docs
        .par_iter()
        .zip(&facts)
        .map(|(doc, facts)| Anchors::new(doc, facts))
        .collect();
    let per_source = content
        .sources
        .into_iter()
        .zip(docs)
        .zip(resolved)
        .zip(facts)
        .zip(anchors);
    for ((((source, doc), resolved), facts), anchors) in per_source {
        let Resolved {
            title,
            title_origin,
            published,
            date_origin,
        } = resolved;
        if source.format == Format::Pdf && doc.blocks.is_empty() {
            warnings.push(Warning::at(
                &source.rel_path,
                "no text layer (a scanned PDF?): brief does not OCR, so none of its text is published",
            ));
        }
        if title_origin == MetaOrigin::Missing {
            warnings.push(Warning::at(
                &source.rel_path,
                "no title: add `title` to its sidecar (.meta.toml) or a first line",
            ));
        }
        if published.is_none() {
            warnings.push(Warning::at(
                &source.rel_path,
                "no publication date: add `published = \"YYYY-MM-DD\"` to its sidecar",
            ));
        }
        let rights = source.meta.rights.as_deref();
        let full_text = !(rights_reserved(rights)
            || (rights_unknown(rights) && settings.config.sources.careful_with_unknown_rights));
        last_updated = last_updated.max(published);
        sources.push(SourcePage {
            anchors,
            source,
            doc,
            facts,
            title,
            title_origin,
            published,
            date_origin,
            full_text,
        });
    }
    warnings.extend(report.warnings.iter().cloned());
    let briefing = briefing::build(
        &sources,
        inputs,
        &settings.config.briefing,
        &report.highlight,
    );
    let (mut home, mut pages) = (None, Vec::new());
    for page in content.pages {
        if page.path.is_empty() {
            home = Some(page);
        } else {
            pages.push(page);
        }
    }
    Site {
        sources,
        pages,
        home,
        last_updated,
        corrections: report,
        warnings,
        briefing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_words_are_read_leniently() {
        assert!(rights_reserved(Some("all-rights-reserved")));
        assert!(rights_reserved(Some("All Rights Reserved")));
        assert!(!rights_reserved(Some("CC-BY-4.0")));
        assert!(rights_unknown(None) && rights_unknown(Some("unknown")));
    }
}
