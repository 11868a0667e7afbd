//! Source pages: one page per source document, its text rendered from the document's
//! blocks with every fact marked where it was found, its facts, excerpts (when the full
//! text may not be published), the entities it names and its JSON-LD.
//!
//! In: a source page of the site. Out: `sources/<slug>/index.html`.

use crate::model::site::SourcePage;
use crate::model::source::MetaOrigin;
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::html::Mark;
use crate::render::views::EntityLink;
use crate::render::views::ExcerptSentence;
use crate::render::views::ExcerptView;
use crate::render::views::FactLink;
use crate::render::views::SourceFactView;
use crate::render::views::json_for_script;
use crate::util::error::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The links from a source's facts into the briefing, made once per page: its marks,
/// its list of facts and its excerpts each link every fact.
pub(crate) struct FactUrls {
    /// Per event of the source: the link to its timeline entry; none for an event in
    /// no entry.
    events: Vec<Option<String>>,
    /// Per statistic of the source: the link to its figure.
    statistics: Vec<String>,
}

/// `source` in templates (source pages) and each entry of `sources` (home).
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Title.
    pub title: String,
    /// The document's language when it is not the page's (`lang` on its title and
    /// text); none when they agree or it is unknown.
    pub lang: Option<String>,
    /// Who wrote it: the sidecar's or front matter's `author`, else the file's own.
    pub author: Option<String>,
    /// The credit line the licence asks for (`attribution`).
    pub attribution: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date, ISO form at its precision.
    pub published: Option<String>,
    /// The same, for readers.
    pub published_display: Option<String>,
    /// True when the date was inferred (by an editor or by brief).
    pub date_inferred: bool,
    /// The editor's reasoning for the date.
    pub date_basis: Option<String>,
    /// The language `date_basis` is written in (the editors', the site's default) when
    /// it is not the page's.
    pub date_basis_lang: Option<String>,
    /// The document's own address (http(s) only).
    pub original_url: Option<String>,
    /// Rights as stored.
    pub rights: Option<String>,
    /// Rights for readers.
    pub rights_display: String,
    /// Editor's summary.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// File name under `content/sources/`.
    pub file_name: String,
    /// Path relative to content (`sources/x.txt`).
    pub source_path: String,
    /// Link to its page.
    pub url: String,
    /// Absolute URL of its page.
    pub permalink: String,
    /// Whether the full text is on the page.
    pub full_text: bool,
    /// Things the reader should know about this page's metadata.
    pub notices: Vec<String>,
}

impl Renderer<'_> {
    /// The view of a source for templates.
    pub(crate) fn source_view(&self, s: &SourcePage) -> SourceView {
        let mut notices = Vec::new();
        match s.title_origin {
            MetaOrigin::Inferred => notices.push(self.strings.get("title_inferred")),
            MetaOrigin::Embedded => notices.push(self.strings.get("title_embedded")),
            _ => {}
        }
        match (s.published, s.date_origin) {
            (Some(_), MetaOrigin::Inferred) => notices.push(self.strings.get("date_from_dateline")),
            (Some(_), MetaOrigin::Embedded) => notices.push(self.strings.get("date_embedded")),
            (None, _) => notices.push(self.strings.get("no_date")),
            _ => {}
        }
        // A source in another language than the site's says which, and how it was told.
        if let Some(lang) = s.language.as_deref()
            && lang != self.settings.config.language
        {
            let key = match s.language_origin {
                MetaOrigin::Inferred => "language_detected",
                _ => "language_given",
            };
            let name = self.strings.get(&format!("language_{lang}"));
            notices.push(self.strings.get(key).replace("{language}", &name));
        }
        let rights = s.source.meta.rights.clone();
        let rights_display = match rights.as_deref().map(str::trim) {
            None | Some("" | "unknown") => self.strings.get("rights_unknown"),
            Some("all-rights-reserved") => self.strings.get("rights_reserved"),
            Some(other) => other.to_string(),
        };
        let path = s.path();
        SourceView {
            lang: self.other_language_of(s),
            title: s.title.clone(),
            author: s.author().map(str::to_string),
            attribution: s.source.meta.attribution.clone(),
            publisher: s.source.meta.publisher.clone(),
            published: s.published.map(|d| d.to_string()),
            published_display: s.published.map(|d| self.strings.date(&d)),
            date_inferred: s.source.meta.date_inferred.unwrap_or(false)
                || s.date_origin == MetaOrigin::Inferred,
            date_basis: s.source.meta.date_basis.clone(),
            date_basis_lang: self.default_language_if_other(),
            original_url: s.source.meta.url.clone(),
            rights,
            rights_display,
            summary: s.source.meta.summary.clone(),
            tags: s.source.meta.tags.clone(),
            file_name: s.source.file_name.clone(),
            source_path: s.source.rel_path.clone(),
            url: self.urls.link(&path),
            permalink: self.urls.absolute(&path),
            full_text: s.full_text,
            notices,
        }
    }

    pub(crate) fn description_of(&self, s: &SourcePage) -> String {
        if let Some(summary) = &s.source.meta.summary {
            return summary.clone();
        }
        let first = s
            .doc
            .blocks
            .iter()
            .find(|b| {
                matches!(b.kind, crate::model::document::BlockKind::Paragraph) && b.text.len() > 60
            })
            .map(|b| match s.doc.format {
                crate::model::document::Format::Markdown => markdown_text(&b.text),
                _ => b.text.clone(),
            });
        match (s.full_text, first) {
            (true, Some(text)) => text,
            _ => {
                let mut d = s.title.clone();
                if let Some(p) = &s.source.meta.publisher {
                    let _ = write!(d, " ({p})");
                }
                d
            }
        }
    }

    /// The links of source `index`'s facts (see [`FactUrls`]).
    pub(crate) fn fact_urls(&self, index: usize) -> FactUrls {
        let s = &self.site.sources[index];
        FactUrls {
            events: s
                .facts
                .events
                .iter()
                .map(|e| {
                    let &entry = self.briefing().event_entry.get(&e.id)?;
                    Some(self.entry_url(entry))
                })
                .collect(),
            statistics: s
                .facts
                .statistics
                .iter()
                .map(|st| self.stat_url(&st.id))
                .collect(),
        }
    }

    pub(crate) fn render_source(&self, index: usize, s: &SourcePage) -> Result<OutputFile, Error> {
        let urls = self.fact_urls(index);
        let marks = self.source_marks(index, &urls);
        let sentences = self.source_sentences(index);
        let paragraph_link = self.strings.get("link_paragraph");
        let (task_done, task_open) = (self.strings.get("task_done"), self.strings.get("task_open"));
        let pdf = s.published_pdf();
        let rendered = crate::render::html::render_anchored(
            &s.doc,
            &crate::render::html::Anchoring {
                anchors: &s.anchors,
                facts: &marks,
                sentences: &sentences,
                paragraph_link: &paragraph_link,
                pdf: pdf.as_deref(),
                task_labels: [&task_done, &task_open],
                labels_lang: self.other_language_of(s).map(|_| self.lang()),
                note_labels: &self.note_labels(),
            },
            self.settings
                .config
                .highlight
                .enabled
                .then_some(&self.highlighter),
        );
        let path = s.path();
        let content = if s.full_text {
            rendered.html
        } else {
            String::new()
        };
        let mut page = self.page_view("source", &s.title, &self.description_of(s), &path, content);
        page.headings = rendered.headings;
        let mut ctx = self.context(&page);
        ctx.insert("source", &self.source_view(s));
        ctx.insert("facts", &self.source_facts(index, &urls));
        ctx.insert("excerpts", &self.source_excerpts(index, &urls));
        ctx.insert("entities", &self.source_entities(index));
        ctx.insert("jsonld", &self.source_jsonld(s));
        let html = self.theme.render("source.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            format!("source page for {}", s.source.rel_path),
        ))
    }

    /// Marks for a source page, by block: each fact's words, at their byte offset in the
    /// block's text, link to its timeline entry or figure.
    ///
    /// A mark's tooltip (`title`) is in the language of the text it sits in: on a page
    /// in the document's language "Timeline: <date>" and "Figures: <measure>"; in a
    /// document in another language the measure alone (a source's words) and no
    /// tooltip for an event (its date would be in the page's language).
    pub(crate) fn source_marks(&self, index: usize, urls: &FactUrls) -> BTreeMap<u32, Vec<Mark>> {
        let s = &self.site.sources[index];
        let foreign = self.other_language(index).is_some();
        let mut marks: BTreeMap<u32, Vec<Mark>> = BTreeMap::new();
        for (e, url) in s.facts.events.iter().zip(&urls.events) {
            let Some(url) = url else {
                continue;
            };
            marks.entry(e.paragraph).or_default().push(Mark {
                start: e.quote_offset + e.span_offset,
                text: e.span.clone(),
                id: format!("mark-{}", e.id),
                href: url.clone(),
                title: if foreign {
                    String::new()
                } else {
                    let name = self.event_name(&e.date);
                    format!("{}: {}", name.kind, name.text)
                },
                class: "fact-event".into(),
            });
        }
        for (st, url) in s.facts.statistics.iter().zip(&urls.statistics) {
            marks.entry(st.paragraph).or_default().push(Mark {
                start: st.quote_offset + st.span_offset,
                text: st.span.clone(),
                id: format!("mark-{}", st.id),
                href: url.clone(),
                title: if foreign {
                    st.measure.clone()
                } else {
                    format!("{}: {}", self.strings.get("statistics"), st.measure)
                },
                class: "fact-stat".into(),
            });
        }
        marks
    }

    /// The sentences of a source that state a fact, by block: each a span with its
    /// content id and a permalink to it.
    pub(crate) fn source_sentences(&self, index: usize) -> BTreeMap<u32, Vec<Mark>> {
        let s = &self.site.sources[index];
        let label = self.strings.get("link_sentence");
        let mut out: BTreeMap<u32, Vec<Mark>> = BTreeMap::new();
        let quotes = s
            .facts
            .events
            .iter()
            .map(|e| (e.paragraph, e.quote_offset, &e.quote))
            .chain(
                s.facts
                    .statistics
                    .iter()
                    .map(|f| (f.paragraph, f.quote_offset, &f.quote)),
            );
        for (paragraph, offset, quote) in quotes {
            let Some(id) = s.anchors.sentences.get(&(paragraph, offset)) else {
                continue;
            };
            let list = out.entry(paragraph).or_default();
            if list.iter().any(|m| m.start == offset) {
                continue;
            }
            list.push(Mark {
                start: offset,
                text: quote.clone(),
                id: id.clone(),
                href: format!("#{id}"),
                title: label.clone(),
                class: "sentence".into(),
            });
        }
        out
    }

    /// The facts of a source with links into the briefing, in paragraph order.
    pub(crate) fn source_facts(&self, index: usize, urls: &FactUrls) -> Vec<SourceFactView> {
        let s = &self.site.sources[index];
        let page = s.path();
        let mut out: Vec<(u32, usize, SourceFactView)> = Vec::new();
        for (e, url) in s.facts.events.iter().zip(&urls.events) {
            let Some(url) = url else {
                continue;
            };
            out.push((
                e.paragraph,
                e.quote_offset,
                SourceFactView {
                    kind: "event".into(),
                    quote: e.quote.clone(),
                    span: e.span.clone(),
                    paragraph_url: self.urls.link(&format!(
                        "{page}#{}",
                        s.anchors.sentence(e.paragraph, e.quote_offset)
                    )),
                    url: url.clone(),
                    name: self.event_name(&e.date),
                },
            ));
        }
        for (st, url) in s.facts.statistics.iter().zip(&urls.statistics) {
            out.push((
                st.paragraph,
                st.quote_offset,
                SourceFactView {
                    kind: "statistic".into(),
                    quote: st.quote.clone(),
                    span: st.span.clone(),
                    paragraph_url: self.urls.link(&format!(
                        "{page}#{}",
                        s.anchors.sentence(st.paragraph, st.quote_offset)
                    )),
                    url: url.clone(),
                    name: self.figure_name(index, &st.span),
                },
            ));
        }
        out.sort_by(|a, b| (a.0, a.1, &a.2.url).cmp(&(b.0, b.1, &b.2.url)));
        out.into_iter().map(|(_, _, v)| v).collect()
    }

    /// The quoted sentences of a source whose full text is not published, by paragraph
    /// (each paragraph keeps its `p-N` anchor), each sentence with its facts' links.
    pub(crate) fn source_excerpts(&self, index: usize, urls: &FactUrls) -> Vec<ExcerptView> {
        let s = &self.site.sources[index];
        let mut by_paragraph: BTreeMap<u32, Vec<(usize, String, Vec<FactLink>)>> = BTreeMap::new();
        let mut add = |paragraph: u32, offset: usize, quote: &str, link: FactLink| {
            let sentences = by_paragraph.entry(paragraph).or_default();
            match sentences.iter_mut().find(|(_, q, _)| q == quote) {
                Some((_, _, links)) => links.push(link),
                None => sentences.push((offset, quote.to_string(), vec![link])),
            }
        };
        for (e, url) in s.facts.events.iter().zip(&urls.events) {
            let Some(url) = url else {
                continue;
            };
            add(
                e.paragraph,
                e.quote_offset,
                &e.quote,
                FactLink {
                    url: url.clone(),
                    name: self.event_name(&e.date),
                },
            );
        }
        for (st, url) in s.facts.statistics.iter().zip(&urls.statistics) {
            add(
                st.paragraph,
                st.quote_offset,
                &st.quote,
                FactLink {
                    url: url.clone(),
                    name: self.figure_name(index, &st.span),
                },
            );
        }
        by_paragraph
            .into_iter()
            .map(|(paragraph, mut sentences)| {
                sentences.sort_by_key(|(offset, _, _)| *offset);
                ExcerptView {
                    id: s.anchors.paragraph(paragraph),
                    alias: format!("p-{paragraph}"),
                    sentences: sentences
                        .into_iter()
                        .map(|(offset, quote, links)| ExcerptSentence {
                            id: s.anchors.sentence(paragraph, offset),
                            quote,
                            links,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Entities a source names.
    pub(crate) fn source_entities(&self, index: usize) -> Vec<EntityLink> {
        self.briefing().source_entities[index]
            .iter()
            .map(|&i| self.entity_link(i))
            .collect()
    }

    /// JSON-LD of a source page (`Article`).
    pub(crate) fn source_jsonld(&self, s: &SourcePage) -> String {
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": s.title,
            "url": self.urls.absolute(&s.path()),
            "isPartOf": {"@type": "WebSite", "name": self.settings.config.title, "url": self.urls.home()},
        });
        if let Some(p) = &s.source.meta.publisher {
            v["publisher"] = serde_json::json!({"@type": "Organization", "name": p});
        }
        if let Some(d) = s.published {
            v["datePublished"] = d.to_string().into();
        }
        if let Some(u) = &s.source.meta.url {
            v["sameAs"] = u.clone().into();
        }
        json_for_script(&v)
    }
}

/// The words of a `.md` block without its inline markup, for a page description
/// (issue 17: `**REYNOSA, 20 May 2023** —` showed its `**` in the description).
fn markdown_text(inline: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new_ext(inline, crate::convert::markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script> & co"});
        let s = json_for_script(&v);
        assert!(
            !s.contains("</") && !s.contains('<') && !s.contains('&'),
            "{s}"
        );
    }
}
