//! Resolve: a source's title and date, from its metadata or, failing that, from the
//! converted text.
//!
//! In: a [`Source`] and its [`Document`]. Out: [`Resolved`], with where each value came
//! from. Runs once per source, right after conversion; extraction and composition both
//! read the result.

use crate::model::document::Document;
use crate::model::source::{MetaOrigin, Resolved, Source};

/// Fills the title and date the metadata does not give: from what the file says about
/// itself ([`Document::embedded`]), else the title from the document's first line and
/// the date from its dateline.
pub fn resolve(source: &Source, doc: &Document) -> Resolved {
    let embedded_title = doc
        .embedded
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let (title, title_origin) = match (&source.meta.title, embedded_title, &doc.title) {
        (Some(t), _, _) => (t.clone(), source.title_origin),
        (None, Some(t), _) => (t.to_string(), MetaOrigin::Embedded),
        (None, None, Some(t)) => (t.clone(), MetaOrigin::Inferred),
        (None, None, None) => (source.file_name.clone(), MetaOrigin::Missing),
    };
    let dateline = doc.dateline.as_deref().and_then(super::parse_dateline);
    let (published, date_origin) = match (source.meta.published, doc.embedded.published, dateline) {
        (Some(d), _, _) => (Some(d), source.date_origin),
        (None, Some(d), _) => (Some(d), MetaOrigin::Embedded),
        (None, None, Some(d)) => (Some(d), MetaOrigin::Inferred),
        (None, None, None) => (None, MetaOrigin::Missing),
    };
    // The metadata's language, else the text's as detected, else the site's (`None`).
    let (language, language_origin) = match &source.meta.language {
        Some(l) => (Some(l.clone()), source.language_origin),
        None => {
            let text: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
            match crate::lang::detect::detect(&text.join("\n")) {
                Some(l) => (Some(l.to_string()), MetaOrigin::Inferred),
                None => (None, MetaOrigin::Missing),
            }
        }
    };
    Resolved {
        title,
        title_origin,
        published,
        date_origin,
        language,
        language_origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::PartialDate;
    use crate::model::document::Embedded;
    use crate::model::source::SourceMeta;

    fn source(meta: SourceMeta) -> Source {
        Source {
            rel_path: "sources/a.pdf".into(),
            file_name: "a.pdf".into(),
            slug: "a".into(),
            format: Default::default(),
            text: String::new(),
            bytes: Vec::new(),
            body_offset: 0,
            meta,
            extra: toml::Table::new(),
            title_origin: MetaOrigin::Sidecar,
            date_origin: MetaOrigin::Sidecar,
            language_origin: MetaOrigin::Missing,
        }
    }

    #[test]
    fn the_files_own_metadata_comes_after_the_sidecar_and_before_the_text() {
        let doc = Document {
            title: Some("FIRST LINE".into()),
            dateline: Some("05-23-2018".into()),
            embedded: Embedded {
                title: Some("Report title".into()),
                published: PartialDate::month(2019, 3),
                ..Embedded::default()
            },
            ..Document::default()
        };
        let r = resolve(&source(SourceMeta::default()), &doc);
        assert_eq!(
            (r.title.as_str(), r.title_origin),
            ("Report title", MetaOrigin::Embedded)
        );
        assert_eq!(r.published, PartialDate::month(2019, 3));
        assert_eq!(r.date_origin, MetaOrigin::Embedded);
        let sidecar = SourceMeta {
            title: Some("Sidecar".into()),
            published: PartialDate::parse("2020").ok(),
            ..SourceMeta::default()
        };
        let r = resolve(&source(sidecar), &doc);
        assert_eq!(
            (r.title.as_str(), r.title_origin),
            ("Sidecar", MetaOrigin::Sidecar)
        );
        assert_eq!(r.published.unwrap().to_string(), "2020");
        // Nothing embedded: the first line and the dateline, as before.
        let plain = Document {
            embedded: Embedded::default(),
            ..doc
        };
        let r = resolve(&source(SourceMeta::default()), &plain);
        assert_eq!(r.title_origin, MetaOrigin::Inferred);
        assert_eq!(r.published.unwrap().to_string(), "2018-05-23");
    }
}
