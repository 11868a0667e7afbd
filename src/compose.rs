//! Compose: puts the converted documents, their facts and the hand-written pages
//! together into one [`Site`], the plain data the render stage turns into files.
//!
//! In: [`crate::source::Content`], a [`Document`] and [`Facts`] per source, settings.
//! Out: [`Site`]. Fills metadata the sidecar did not give (title from the first line,
//! date from a dateline) and says so; decides per source whether the full text may be
//! published. Reads no files.

use crate::config::Settings;
use crate::convert::{self, Document};
use crate::date::PartialDate;
use crate::error::Warning;
use crate::extract::Facts;
use crate::source::{Content, MetaOrigin, Page, Source};

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
    /// True when the full text may be published (rights permitting).
    pub full_text: bool,
}

impl SourcePage {
    /// The page's path inside the site: `sources/<slug>/`.
    pub fn path(&self) -> String {
        format!("sources/{}/", self.source.slug)
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
    /// The most recent date among the sources, used as "last updated".
    pub last_updated: Option<PartialDate>,
    /// Ids of facts an editor has reviewed (approved, fixed or added).
    pub reviewed: std::collections::BTreeSet<String>,
    /// What the editor's corrections did.
    pub corrections: crate::corrections::CorrectionReport,
    /// Problems found while composing.
    pub warnings: Vec<Warning>,
    /// Facts composed across sources (timeline, series, entities); filled by
    /// [`crate::briefing::build`] after composing.
    pub briefing: crate::briefing::Briefing,
}

/// A source's title and date, from its metadata or, failing that, from its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The title to show.
    pub title: String,
    /// Where it came from.
    pub title_origin: MetaOrigin,
    /// The publication date, if known.
    pub published: Option<PartialDate>,
    /// Where it came from.
    pub date_origin: MetaOrigin,
}

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
        (None, Some(line)) => match convert::parse_dateline(line) {
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

/// Builds the site model.
pub fn compose(
    settings: &Settings,
    content: Content,
    docs: Vec<Document>,
    facts: Vec<Facts>,
) -> Site {
    let mut site = Site {
        warnings: content.warnings,
        ..Default::default()
    };
    for ((source, doc), facts) in content.sources.into_iter().zip(docs).zip(facts) {
        let Resolved {
            title,
            title_origin,
            published,
            date_origin,
        } = resolve(&source, &doc);
        if title_origin == MetaOrigin::Missing {
            site.warnings.push(Warning::at(
                &source.rel_path,
                "no title: add `title` to its sidecar (.meta.toml) or a first line",
            ));
        }
        if published.is_none() {
            site.warnings.push(Warning::at(
                &source.rel_path,
                "no publication date: add `published = \"YYYY-MM-DD\"` to its sidecar",
            ));
        }
        let rights = source.meta.rights.as_deref();
        let full_text = !(rights_reserved(rights)
            || (rights_unknown(rights) && settings.config.sources.careful_with_unknown_rights));
        site.last_updated = site.last_updated.max(published);
        site.sources.push(SourcePage {
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
    for page in content.pages {
        if page.path.is_empty() {
            site.home = Some(page);
        } else {
            site.pages.push(page);
        }
    }
    site
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
