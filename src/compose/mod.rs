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
use crate::model::source::{Content, MetaOrigin, Page, Resolved, Source};
use crate::util::error::Warning;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

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

/// The facts of a paragraph repeated word for word in the same source are kept once,
/// from its first occurrence: a source with 100 copies of a paragraph gave 100
/// identical timeline entries (issue 17). Each repeated paragraph is a warning naming
/// the line of its first copy. Short paragraphs ("Yes.", a dateline) are left alone.
fn collapse_repeats(source: &Source, doc: &Document, facts: &mut Facts) -> Vec<Warning> {
    const SHORTEST: usize = 40;
    let mut first: std::collections::HashMap<&str, (u32, Option<usize>, usize)> =
        std::collections::HashMap::new();
    let mut repeats: std::collections::HashSet<u32> = std::collections::HashSet::new();
    for b in &doc.blocks {
        let text = b.text.trim();
        if text.chars().count() < SHORTEST {
            continue;
        }
        let entry = first.entry(text).or_insert((b.paragraph, b.start, 0));
        if entry.0 != b.paragraph {
            entry.2 += 1;
            repeats.insert(b.paragraph);
        }
    }
    if repeats.is_empty() {
        return Vec::new();
    }
    facts.events.retain(|e| !repeats.contains(&e.paragraph));
    facts.statistics.retain(|f| !repeats.contains(&f.paragraph));
    let mut found: Vec<_> = first.into_values().filter(|(_, _, n)| *n > 0).collect();
    found.sort();
    found
        .into_iter()
        .map(|(paragraph, start, copies)| {
            let line = start.map(|at| {
                crate::util::error::line_col(&source.text, source.body_offset + at).0
            });
            Warning {
                path: Some(source.rel_path.clone().into()),
                line,
                message: format!(
                    "paragraph {paragraph} is repeated {copies} more time{} word for word; its facts are counted once (remove the copies if they are a conversion mistake)",
                    if copies == 1 { "" } else { "s" }
                ),
            }
        })
        .collect()
}

/// What an editor should know about a source's rights: its full text republished with
/// no word on its rights, or a CC BY licence (which requires a credit) without an
/// `attribution` or `author` to credit.
fn rights_warnings(source: &Source, doc: &Document, full_text: bool) -> Vec<Warning> {
    let mut out = Vec::new();
    let rights = source.meta.rights.as_deref();
    // Only when nothing is said: `rights = "unknown"` is an editor's word (the flagship
    // says it of four articles, knowingly published in full).
    if full_text && rights.is_none_or(|r| r.trim().is_empty()) {
        out.push(Warning::at(
            &source.rel_path,
            "no `rights`, and its full text is published: add `rights` to its sidecar (a licence such as \"CC-BY-4.0\", \"all-rights-reserved\", or \"unknown\"), or set `careful_with_unknown_rights = true` under [sources] in site.toml to publish only its facts",
        ));
    }
    let needs_credit = rights.is_some_and(|r| {
        let r = r.trim().to_ascii_uppercase().replace([' ', '_'], "-");
        r.starts_with("CC-BY") || r.starts_with("CCBY")
    });
    let author = source.meta.author.as_ref().or(doc.embedded.author.as_ref());
    if needs_credit && source.meta.attribution.is_none() && author.is_none() {
        out.push(Warning::at(
            &source.rel_path,
            format!(
                "`rights = \"{}\"` requires crediting the author: add `attribution = \"…\"` (or `author`) to its sidecar",
                rights.unwrap_or_default()
            ),
        ));
    }
    out
}

/// `[briefing] key_figures` ids that name no published figure (a typo, or a figure
/// whose sentence changed): each with its line in site.toml and the closest id.
fn key_figure_warnings(settings: &Settings, sources: &[SourcePage]) -> Vec<Warning> {
    let ids: Vec<&str> = sources
        .iter()
        .flat_map(|s| s.facts.statistics.iter().map(|f| f.id.as_str()))
        .collect();
    let text = &settings.config_text;
    settings
        .config
        .briefing
        .key_figures
        .iter()
        .filter(|id| !ids.contains(&id.as_str()))
        .map(|id| {
            let line = text
                .find(&format!("\"{id}\""))
                .map(|at| crate::util::error::line_col(text, at).0);
            let hint = match crate::util::suggest::did_you_mean(id, &ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`brief review --list` shows the figures and their ids".to_string(),
            };
            Warning {
                path: Some(crate::input::config::CONFIG_FILE.into()),
                line,
                message: format!(
                    "[briefing] key_figures: no published figure has the id `{id}`; {hint}"
                ),
            }
        })
        .collect()
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
    let mut warnings = content.warnings;
    for ((source, doc), facts) in content.sources.iter().zip(&docs).zip(facts.iter_mut()) {
        warnings.extend(collapse_repeats(source, doc, facts));
    }
    let report = corrections::apply(corrections, &paths, &docs, &mut facts);
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
            language,
            language_origin,
        } = resolved;
        if doc.blocks.iter().all(|b| b.text.trim().is_empty()) {
            // An empty file was once published as a page titled with its file name.
            let message = if source.format == Format::Pdf {
                "no text layer (a scanned PDF?): brief does not OCR, so it is left out of the site"
            } else {
                "has no text; it is left out of the site (add its text, or remove the file)"
            };
            warnings.push(Warning::at(&source.rel_path, message));
            continue;
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
        let careful = settings.config.sources.careful_with_unknown_rights;
        let full_text = !(rights_reserved(rights) || (rights_unknown(rights) && careful));
        warnings.extend(rights_warnings(&source, &doc, full_text));
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
            language,
            language_origin,
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
    warnings.extend(key_figure_warnings(settings, &sources));
    let (home, pages, translations) = split_pages(settings, content.pages, &mut warnings);
    Site {
        sources,
        pages,
        home,
        translations,
        last_updated,
        corrections: report,
        warnings,
        briefing,
    }
}

/// Splits the hand-written pages into the home page, the other pages in the default
/// language, and translations into the site's other languages. A translation into a
/// language the site is not built in waits, unbuilt, until `languages` lists it (as
/// Hugo does). A second page for one path and language is left out with a warning.
fn split_pages(
    settings: &Settings,
    all: Vec<Page>,
    warnings: &mut Vec<Warning>,
) -> (Option<Page>, Vec<Page>, Vec<Page>) {
    let trees = settings.trees();
    let default = trees[0].0.as_str();
    let (mut home, mut pages, mut translations) = (None, Vec::new(), Vec::<Page>::new());
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    for mut page in all {
        if page.language.as_deref() == Some(default) {
            page.language = None;
        }
        let lang = page.language.clone().unwrap_or_else(|| default.to_string());
        if !trees.iter().any(|(code, _)| *code == lang) {
            continue;
        }
        match seen.entry((page.path.clone(), lang.clone())) {
            Entry::Occupied(first) => {
                warnings.push(Warning::at(
                    &page.rel_path,
                    format!(
                        "a second page for /{} in \"{lang}\" (the first is {}); it is not built",
                        page.path,
                        first.get()
                    ),
                ));
                continue;
            }
            Entry::Vacant(v) => {
                v.insert(page.rel_path.clone());
            }
        }
        if page.language.is_some() {
            translations.push(page);
        } else if page.path.is_empty() {
            home = Some(page);
        } else {
            pages.push(page);
        }
    }
    (home, pages, translations)
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
