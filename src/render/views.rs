//! Views: the plain, serialisable data the templates of the briefing's pages read (an
//! event, a figure, a citation, a pager, …), and the renderer's helpers that make them.
//!
//! In: the [`Renderer`] (site, briefing, strings, URLs). Out: view structs. Every link
//! goes through [`crate::util::url::Urls`]; documents' words are only ever escaped by
//! the templates.

use crate::model::briefing::{Briefing, Kind, Measure, Phase, Point, TimelineEntry};
use crate::model::date::PartialDate;
use crate::model::facts::Qualifier;
use crate::model::source::Page;
use crate::render::Renderer;
use crate::render::context::PageView;
use crate::render::context::format_number;
use crate::util::number::format_money;
use crate::util::url::paths;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Links between the pages of a timeline or statistics split into pages.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// "Page 2 of 35".
    pub status: String,
    /// The first page.
    pub first: String,
    /// The previous page.
    pub prev: Option<String>,
    /// The next page.
    pub next: Option<String>,
    /// Every page (on the first page only).
    pub pages: Vec<PageLinkView>,
}

/// A page in a [`PagerView`] (the theme's list numbers the pages itself).
#[derive(Debug, Clone, Serialize)]
pub struct PageLinkView {
    /// Its number, from 1 (for themes that show it).
    pub number: usize,
    /// Link.
    pub url: String,
    /// What it holds ("March 2019 – June 2019").
    pub label: String,
    /// True for the page being shown.
    pub current: bool,
}

/// A link to the paragraph of a source that states a fact.
#[derive(Debug, Clone, Serialize)]
pub struct CiteView {
    /// Source title.
    pub title: String,
    /// Short name of who published it (publisher, else title).
    pub label: String,
    /// Link to the sentence or paragraph (`sources/<slug>/#s-…` or `#b-…`).
    pub url: String,
    /// Absolute URL of the source page.
    pub permalink: String,
    /// Publication date, ISO.
    pub published: Option<String>,
    /// Publication date for readers.
    pub published_display: Option<String>,
    /// The paragraph number.
    pub paragraph: u32,
    /// For a PDF source: the page the sentence is on ("p. 12" beside the link).
    pub page: Option<u32>,
    /// That page in the published PDF (`…/report.pdf#page=12`), when the PDF is
    /// published (rights permitting).
    pub pdf_url: Option<String>,
    /// The source's language when it is not the page's (`lang="es"` on its quotes,
    /// for screen readers and hyphenation); none when they agree or it is unknown.
    pub lang: Option<String>,
}

/// What every citation of a source repeats, made once per source when rendering
/// starts (a source is cited by each of its facts on every page that shows them): the
/// parts of a [`CiteView`] that do not depend on the paragraph.
#[derive(Debug, Clone)]
pub(crate) struct SourceCite {
    /// Its page's path (`sources/<slug>/`).
    path: String,
    /// Title.
    title: String,
    /// Publisher, else title.
    label: String,
    /// Absolute URL of its page.
    permalink: String,
    /// Publication date, ISO.
    published: Option<String>,
    /// Publication date for readers.
    published_display: Option<String>,
    /// Its language when it is not the page's.
    lang: Option<String>,
    /// The published PDF's file name, if any.
    pdf: Option<String>,
}

/// A verbatim sentence split around the words of its fact, so pages can emphasise them.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteParts {
    /// Words before the fact.
    pub before: String,
    /// The fact's words (empty if they could not be placed).
    pub span: String,
    /// Words after.
    pub after: String,
}

/// Splits `quote` around `span` at `offset` (falling back to its first occurrence).
pub fn quote_parts(quote: &str, offset: usize, span: &str) -> QuoteParts {
    let at = if quote.get(offset..offset + span.len()) == Some(span) {
        Some(offset)
    } else {
        quote.find(span)
    };
    match at {
        Some(i) if !span.is_empty() => QuoteParts {
            before: quote[..i].to_string(),
            span: span.to_string(),
            after: quote[i + span.len()..].to_string(),
        },
        _ => QuoteParts {
            before: quote.to_string(),
            span: String::new(),
            after: String::new(),
        },
    }
}

/// Where a fact's words are in its source: what [`Renderer::readable`] needs.
pub(crate) struct Quoted<'a> {
    paragraph: u32,
    quote_offset: usize,
    quote: &'a str,
    span_offset: usize,
    span: &'a str,
}

impl<'a> From<&'a crate::model::facts::Event> for Quoted<'a> {
    fn from(e: &'a crate::model::facts::Event) -> Self {
        Quoted {
            paragraph: e.paragraph,
            quote_offset: e.quote_offset,
            quote: &e.quote,
            span_offset: e.span_offset,
            span: &e.span,
        }
    }
}

impl<'a> From<&'a crate::model::facts::Statistic> for Quoted<'a> {
    fn from(s: &'a crate::model::facts::Statistic) -> Self {
        Quoted {
            paragraph: s.paragraph,
            quote_offset: s.quote_offset,
            quote: &s.quote,
            span_offset: s.span_offset,
            span: &s.span,
        }
    }
}

/// A date on a page: ISO for `datetime`, words for readers.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub iso: String,
    /// "13 February 2020".
    pub display: String,
}

/// One source's report of a timeline entry.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// Where it is said.
    pub cite: CiteView,
    /// The sentence, verbatim.
    pub quote: String,
    /// The sentence around its date words.
    pub parts: QuoteParts,
    /// The date it gives.
    pub date: DateView,
    /// The end it gives, if any.
    pub end: Option<DateView>,
}

/// An entity link.
#[derive(Debug, Clone, Serialize)]
pub struct EntityLink {
    /// Name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// Link to its filtered timeline, if it has events.
    pub timeline_url: Option<String>,
    /// `place`, `organization`, `person`.
    pub kind: String,
    /// Its slug (for in-page filtering).
    pub slug: String,
}

/// A timeline entry on a page.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Anchor id.
    pub id: String,
    /// Link to it on the timeline.
    pub url: String,
    /// The date it is filed under.
    pub date: DateView,
    /// End of a period.
    pub end: Option<DateView>,
    /// Short description.
    pub title: String,
    /// The language of the title, made from a source's sentence, when it is not the
    /// page's (for `lang` on the heading).
    pub title_lang: Option<String>,
    /// True when sources disagree on the date.
    pub conflicting: bool,
    /// "December 2018 (WOLA) / January 2019 (The Globe Post)" when dates conflict.
    pub dates_note: String,
    /// Each source's report.
    pub reports: Vec<ReportView>,
    /// Other dates the same sentences give, for readers ("2000 – 2012").
    pub also: Vec<String>,
    /// Entities named.
    pub entities: Vec<EntityLink>,
}

/// The events of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// `before`, `focus` or `after`: where its entries stand against the briefing's
    /// focus (a year the focus starts or ends in is split in two views).
    pub phase: Phase,
    /// Its events, each an [`EventView`] already turned into its template value (see
    /// [`Renderer::years`]).
    pub events: Vec<tera::Value>,
}

/// A figure on a page.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// Anchor id (the statistic id).
    pub id: String,
    /// Link to it on the statistics page.
    pub url: String,
    /// The number for readers: "50,000", "36%", "$500–$1,000".
    pub value: String,
    /// The qualifier for readers ("more than"), empty for exact.
    pub qualifier: String,
    /// The unit for readers ("people"), empty when the value shows it.
    pub unit: String,
    /// What is measured.
    pub label: String,
    /// The exact words of the figure.
    pub span: String,
    /// The sentence, verbatim.
    pub quote: String,
    /// The sentence around the figure's words.
    pub parts: QuoteParts,
    /// The date it refers to.
    pub date: Option<DateView>,
    /// True when dated by its source's publication date.
    pub dated_by_source: bool,
    /// Where it is said.
    pub cite: CiteView,
    /// How many sources its measure has.
    pub series_sources: usize,
    /// Link to its measure.
    pub measure_url: String,
}

/// One entity's page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// Name, kind and links.
    pub link: EntityLink,
    /// Other names.
    pub aliases: Vec<String>,
    /// Events naming it.
    pub events: Vec<EventView>,
    /// Figures naming it.
    pub figures: Vec<FigureView>,
    /// Quotes it speaks.
    pub quotes: Vec<QuoteView>,
    /// Paragraphs naming it.
    pub mentions: Vec<CiteView>,
}

/// An attributed quote.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// The sentence.
    pub text: String,
    /// The speaker as named.
    pub speaker: String,
    /// Link to the speaker's entity page.
    pub speaker_url: Option<String>,
    /// Direct quote (in quotation marks) or reported speech.
    pub direct: bool,
    /// Where.
    pub cite: CiteView,
}

/// A fact of a source, listed on its page.
#[derive(Debug, Clone, Serialize)]
pub struct SourceFactView {
    /// `event` or `statistic`.
    pub kind: String,
    /// The sentence.
    pub quote: String,
    /// The fact's words.
    pub span: String,
    /// Link to the paragraph on this page.
    pub paragraph_url: String,
    /// Link to the briefing's entry.
    pub url: String,
    /// What the link says: "Timeline: December 2018" or "Figures: two types".
    pub name: FactName,
}

/// A link from a quoted sentence to a fact's entry.
#[derive(Debug, Clone, Serialize)]
pub struct FactLink {
    /// Link.
    pub url: String,
    /// What the link says: "Timeline: December 2018".
    pub name: FactName,
}

/// What a link to a fact says, "kind: text": the kind of entry in the page's words,
/// then the fact, whose words may be a source's in another language.
#[derive(Debug, Clone, Serialize)]
pub struct FactName {
    /// "Timeline" or "Figures", in the page's language.
    pub kind: String,
    /// An event's date, in the page's language, or a figure's words in its source.
    pub text: String,
    /// The language of `text` when it is a source's words in another language than
    /// the page's (`lang` on it); none otherwise.
    pub lang: Option<String>,
}

/// A quoted sentence on a page that does not publish the full text.
#[derive(Debug, Clone, Serialize)]
pub struct ExcerptSentence {
    /// Its content id (`s-…`).
    pub id: String,
    /// The sentence, verbatim.
    pub quote: String,
    /// Its facts.
    pub links: Vec<FactLink>,
}

/// The quoted sentences of one paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct ExcerptView {
    /// The paragraph's content id (`b-…`).
    pub id: String,
    /// Its old positional id (`p-N`), kept as an alias for links shared before.
    pub alias: String,
    /// Sentences in text order.
    pub sentences: Vec<ExcerptSentence>,
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are escaped so
/// nothing in the data can close the script element.
pub fn json_for_script(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

impl Renderer<'_> {
    pub(crate) fn briefing(&self) -> &Briefing {
        &self.site.briefing
    }

    pub(crate) fn lang(&self) -> &str {
        &self.settings.config.language
    }

    /// A hand-written page as this tree shows it: its translation into the tree's
    /// language where there is one (`about.es.md`), else the page itself, with its
    /// HTML then wrapped in the default language's `lang` so that screen readers and
    /// checkers know the text is not in the page's language.
    pub(crate) fn translated<'p>(&'p self, page: &'p Page) -> (&'p Page, Option<String>) {
        let Some(default) = self.default_language_if_other() else {
            return (page, None);
        };
        let translation = self
            .site
            .translations
            .iter()
            .find(|t| t.path == page.path && t.language.as_deref() == Some(self.lang()));
        match translation {
            Some(t) => (t, None),
            None => (page, Some(default)),
        }
    }
}

impl Renderer<'_> {
    /// The default language when this tree speaks another: the language of what the
    /// editors wrote (site.toml, sidecars, pages without a translation), which is then
    /// marked with `lang`; `None` in the default tree.
    /// The words of a notes section in the page's language.
    pub(crate) fn note_labels(&self) -> crate::render::markdown::NoteLabels {
        crate::render::markdown::NoteLabels {
            heading: self.strings.get("notes_heading"),
            note: self.strings.get("note_ref"),
            back: self.strings.get("note_back"),
            lang_attr: String::new(),
        }
    }

    pub(crate) fn default_language_if_other(&self) -> Option<String> {
        let trees = self.settings.trees();
        let default = &trees[0].0;
        (default != self.lang()).then(|| default.clone())
    }

    /// The name of a link to an event: "Timeline: <its date>".
    pub(crate) fn event_name(&self, date: &PartialDate) -> FactName {
        FactName {
            kind: self.strings.get("timeline"),
            text: self.strings.date(date),
            lang: None,
        }
    }

    /// The name of a link to a figure of source `source`: "Figures: <its words>",
    /// the words marked with the source's language where it differs from the page's.
    pub(crate) fn figure_name(&self, source: usize, words: &str) -> FactName {
        FactName {
            kind: self.strings.get("statistics"),
            text: words.to_string(),
            lang: self.other_language(source),
        }
    }

    /// The language of a timeline entry's headline (a report's words) when it differs
    /// from the page's.
    pub(crate) fn entry_title_lang(&self, index: usize) -> Option<String> {
        let entry = &self.briefing().timeline[index];
        entry
            .reports
            .iter()
            .find(|r| r.event.title == entry.title)
            .and_then(|r| self.other_language(r.source))
    }
}

/// `html` inside `<div lang="…">` when it is in another language than the page.
pub(crate) fn marked_language(html: String, lang: Option<String>) -> String {
    match lang {
        Some(code) if !html.is_empty() => format!("<div lang=\"{code}\">{html}</div>"),
        _ => html,
    }
}

impl Renderer<'_> {
    /// The language of a source's document (its sidecar's or front matter's
    /// `language`, reduced to the primary subtag: `es-MX` → `es`) when it differs
    /// from the page's UI language; `None` when they agree or it is not known.
    pub(crate) fn other_language(&self, source: usize) -> Option<String> {
        self.other_language_of(&self.site.sources[source])
    }

    /// [`Renderer::other_language`] of a source page.
    pub(crate) fn other_language_of(&self, s: &crate::model::site::SourcePage) -> Option<String> {
        // The language the source was read in (its sidecar's, else detected), so a
        // detected Spanish text is marked too.
        let code = s
            .language
            .as_deref()
            .or(s.source.meta.language.as_deref())?;
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        (!primary.is_empty() && primary != self.lang()).then_some(primary)
    }

    pub(crate) fn date_view(&self, d: &PartialDate) -> DateView {
        DateView {
            iso: d.to_string(),
            display: self.strings.date(d),
        }
    }

    pub(crate) fn word_or(&self, key: &str, fallback: &str) -> String {
        let w = self.strings.get(key);
        if w == key { fallback.to_string() } else { w }
    }

    /// True when a source's page shows paragraph `p-N`: always with the full text; with
    /// quoted sentences only, for the paragraphs that hold a fact.
    pub(crate) fn has_anchor(&self, source: usize, paragraph: u32) -> bool {
        let s = &self.site.sources[source];
        s.full_text
            || s.facts.events.iter().any(|e| e.paragraph == paragraph)
            || s.facts.statistics.iter().any(|f| f.paragraph == paragraph)
    }

    /// A link to paragraph `paragraph` of a source, or to the sentence at
    /// `quote_offset` in it when that sentence states a fact.
    pub(crate) fn cite(
        &self,
        source: usize,
        paragraph: u32,
        quote_offset: Option<usize>,
    ) -> CiteView {
        let s = &self.site.sources[source];
        let c = &self.source_cites[source];
        let url = if self.has_anchor(source, paragraph) {
            let id = match quote_offset {
                Some(offset) => s.anchors.sentence(paragraph, offset),
                None => s.anchors.paragraph(paragraph),
            };
            self.urls.link(&format!("{}#{id}", c.path))
        } else {
            self.urls.link(&c.path)
        };
        let page = usize::try_from(paragraph)
            .ok()
            .and_then(|p| p.checked_sub(1))
            .and_then(|i| s.doc.blocks.get(i))
            .and_then(|b| b.page);
        let pdf_url = page.and_then(|n| {
            c.pdf
                .as_ref()
                .map(|f| self.urls.link(&format!("{}{f}#page={n}", c.path)))
        });
        CiteView {
            page,
            pdf_url,
            lang: c.lang.clone(),
            title: c.title.clone(),
            label: c.label.clone(),
            url,
            paragraph,
            permalink: c.permalink.clone(),
            published: c.published.clone(),
            published_display: c.published_display.clone(),
        }
    }

    /// What every citation of each source repeats (see [`SourceCite`]).
    pub(crate) fn source_cites(&self) -> Vec<SourceCite> {
        self.site
            .sources
            .iter()
            .map(|s| {
                let path = s.path();
                SourceCite {
                    title: s.title.clone(),
                    label: s
                        .source
                        .meta
                        .publisher
                        .clone()
                        .unwrap_or_else(|| s.title.clone()),
                    permalink: self.urls.absolute(&path),
                    published: s.published.map(|d| d.to_string()),
                    published_display: s.published.map(|d| self.strings.date(&d)),
                    lang: self.other_language_of(s),
                    pdf: s.published_pdf(),
                    path,
                }
            })
            .collect()
    }

    pub(crate) fn entity_link(&self, index: usize) -> EntityLink {
        let e = &self.briefing().entities[index];
        EntityLink {
            slug: e.slug.clone(),
            name: e.def.name.clone(),
            url: self.urls.link(&paths::entity(&e.slug)),
            timeline_url: (!e.events.is_empty())
                .then(|| self.urls.link(&paths::entity_timeline(&e.slug))),
            kind: match e.def.kind {
                Kind::Place => "place",
                Kind::Organization => "organization",
                Kind::Person => "person",
            }
            .into(),
        }
    }

    /// Link to timeline entry `index` on its page of the timeline.
    pub(crate) fn entry_url(&self, index: usize) -> String {
        let id = &self.briefing().timeline[index].id;
        self.urls
            .link(&format!("{}#{id}", self.paging.entry_path(index)))
    }

    /// Link to a figure on its page of the statistics.
    pub(crate) fn stat_url(&self, stat_id: &str) -> String {
        self.urls
            .link(&format!("{}#{stat_id}", self.paging.stat_path(stat_id)))
    }

    /// A fact's sentence as readers see it away from its source page: without the
    /// footnote numbers the converter found glued to its words ("August 20106" is
    /// "August 2010" + note 6), and split around the fact's words. The open data keeps
    /// the sentence verbatim.
    pub(crate) fn readable(&self, source: usize, q: &Quoted) -> (String, QuoteParts) {
        let block = usize::try_from(q.paragraph)
            .ok()
            .and_then(|p| p.checked_sub(1))
            .and_then(|i| self.site.sources[source].doc.blocks.get(i));
        let span = q.span_offset..q.span_offset + q.span.len();
        let mut cuts: Vec<std::ops::Range<usize>> = block
            .map(|b| b.notes.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|n| {
                let start = n.offset.checked_sub(q.quote_offset)?;
                let end = start + n.len;
                (end <= q.quote.len()
                    && q.quote.is_char_boundary(start)
                    && q.quote.is_char_boundary(end)
                    && (end <= span.start || start >= span.end))
                    .then_some(start..end)
            })
            .collect();
        if cuts.is_empty() {
            return (
                q.quote.to_string(),
                quote_parts(q.quote, q.span_offset, q.span),
            );
        }
        cuts.sort_by_key(|r| r.start);
        let mut text = String::with_capacity(q.quote.len());
        let (mut at, mut span_offset) = (0, q.span_offset);
        for c in cuts {
            if c.start < at {
                continue;
            }
            text.push_str(&q.quote[at..c.start]);
            if c.end <= span.start {
                span_offset -= c.len();
            }
            at = c.end;
        }
        text.push_str(&q.quote[at..]);
        let parts = quote_parts(&text, span_offset, q.span);
        (text, parts)
    }

    pub(crate) fn event_view(&self, index: usize) -> EventView {
        let entry: &TimelineEntry = &self.briefing().timeline[index];
        let reports: Vec<ReportView> = entry
            .reports
            .iter()
            .map(|r| {
                let (quote, parts) = self.readable(r.source, &r.event.as_ref().into());
                ReportView {
                    cite: self.cite(r.source, r.event.paragraph, Some(r.event.quote_offset)),
                    quote,
                    parts,
                    date: self.date_view(&r.event.date),
                    end: r.event.end.map(|d| self.date_view(&d)),
                }
            })
            .collect();
        let dates_note = if entry.conflicting {
            let mut dated: Vec<_> = entry.reports.iter().zip(&reports).collect();
            // `first_day` writes a string: once per report, not per comparison (an
            // entry may have hundreds of reports). Stable, like `sort_by_key`.
            dated.sort_by_cached_key(|(r, _)| (r.event.date.first_day(), r.event.date));
            dated
                .into_iter()
                .map(|(r, v)| format!("{} ({})", self.strings.date(&r.event.date), v.cite.label))
                .collect::<Vec<_>>()
                .join(" / ")
        } else {
            String::new()
        };
        let entities = self.briefing().entry_entities[index]
            .iter()
            .map(|&i| self.entity_link(i))
            .collect();
        EventView {
            id: entry.id.clone(),
            url: self.entry_url(index),
            date: self.date_view(&entry.date),
            end: entry.end.map(|d| self.date_view(&d)),
            title: entry.title.clone(),
            title_lang: self.entry_title_lang(index),
            conflicting: entry.conflicting,
            dates_note,
            reports,
            also: entry
                .also
                .iter()
                .map(|r| match r.event.end {
                    Some(end) => format!(
                        "{} – {}",
                        self.strings.date(&r.event.date),
                        self.strings.date(&end)
                    ),
                    None => self.strings.date(&r.event.date),
                })
                .collect(),
            entities,
        }
    }

    pub(crate) fn value_text(&self, p: &Point) -> (String, String) {
        let s = &p.stat;
        let lang = self.lang();
        let money = s.unit == "USD" || s.unit.starts_with("USD ");
        let n = |v: f64| {
            if money {
                format_money(v, lang)
            } else {
                format_number(v, lang)
            }
        };
        let raw = match (s.value, s.low, s.high) {
            (Some(v), _, _) => vec![n(v)],
            (None, Some(l), Some(h)) => vec![n(l), n(h)],
            (None, l, h) => l.or(h).map(n).into_iter().collect(),
        };
        // How one number of the unit is written: "{n}%", "${n}" or "{n} US$".
        let (pattern, unit) = match s.unit.as_str() {
            "percent" => ("{n}%".to_string(), String::new()),
            "USD" => (self.word_or("value_usd", "${n}"), String::new()),
            other => (
                "{n}".to_string(),
                self.word_or(&format!("unit_{other}"), other),
            ),
        };
        let written = |v: &str| pattern.replace("{n}", v);
        let mut value = raw.iter().map(|v| written(v)).collect::<Vec<_>>().join("–");
        // "18 of 41".
        if let Some(of) = s.of {
            value = format!(
                "{value} {} {}",
                self.strings.get("of_total"),
                written(&n(of))
            );
        }
        (value, unit)
    }

    pub(crate) fn figure_view(&self, mi: usize, pi: usize) -> FigureView {
        let m: &Measure = &self.briefing().measures[mi];
        let p = &m.points[pi];
        let (value, unit) = self.value_text(p);
        let q = p.stat.qualifier.as_str();
        let qualifier = if p.stat.qualifier == Qualifier::Exact {
            String::new()
        } else {
            let key = format!("qualifier_{}", q.replace(' ', "_"));
            // Spanish qualifiers agree with the unit's gender: "unas 11.200 personas".
            let feminine_key = format!("{key}_feminine");
            let feminine = self
                .strings
                .list("feminine_units")
                .contains(&p.stat.unit.as_str());
            if feminine && self.strings.get(&feminine_key) != feminine_key {
                self.strings.get(&feminine_key)
            } else {
                self.word_or(&key, q)
            }
        };
        let (quote, parts) = self.readable(p.source, &p.stat.as_ref().into());
        let measure_path = self.paging.measure_path(mi);
        FigureView {
            id: p.stat.id.clone(),
            url: self.urls.link(&format!("{measure_path}#{}", p.stat.id)),
            value,
            qualifier,
            unit,
            label: p.stat.measure.clone(),
            span: p.stat.span.clone(),
            quote,
            parts,
            date: p.date.map(|d| self.date_view(&d)),
            dated_by_source: p.dated_by_source,
            cite: self.cite(p.source, p.stat.paragraph, Some(p.stat.quote_offset)),
            series_sources: m.source_count,
            measure_url: self.urls.link(&format!("{measure_path}#{}", m.id)),
        }
    }

    pub(crate) fn quote_view(&self, qi: usize) -> QuoteView {
        let q = &self.briefing().quotes[qi];
        let speaker_url = q.entity.map(|i| self.entity_link(i).url);
        QuoteView {
            text: q.text.clone(),
            speaker: q.speaker.clone(),
            speaker_url,
            direct: q.direct,
            cite: self.cite(q.source, q.paragraph, None),
        }
    }

    pub(crate) fn entity_view(&self, i: usize) -> EntityView {
        let e = &self.briefing().entities[i];
        let mut mentions: Vec<CiteView> = e
            .mentions
            .iter()
            .map(|m| self.cite(m.source, m.paragraph, None))
            .collect();
        mentions.dedup_by(|a, b| a.url == b.url);
        EntityView {
            link: self.entity_link(i),
            aliases: e.def.aliases.clone(),
            events: e.events.iter().map(|&t| self.event_view(t)).collect(),
            figures: e
                .figures
                .iter()
                .map(|f| self.figure_view(f.measure, f.point))
                .collect(),
            quotes: e
                .quotes
                .iter()
                .filter(|&&q| {
                    let q = &self.briefing().quotes[q];
                    self.site.sources[q.source].full_text || self.has_anchor(q.source, q.paragraph)
                })
                .map(|&q| self.quote_view(q))
                .collect(),
            mentions,
        }
    }

    pub(crate) fn counts(&self) -> BTreeMap<&'static str, usize> {
        let b = self.briefing();
        BTreeMap::from([
            ("sources", self.site.sources.len()),
            ("events", b.per_source.iter().map(|c| c.events).sum()),
            (
                "statistics",
                b.per_source.iter().map(|c| c.statistics).sum(),
            ),
            ("entries", b.timeline.len()),
            ("measures", b.measures.len()),
            ("entities", b.entities.len()),
            ("quotes", b.quotes.len()),
        ])
    }

    pub(crate) fn briefing_page(
        &self,
        kind: &str,
        title_key: &str,
        intro_key: &str,
        path: &str,
    ) -> PageView {
        let title = self.strings.get(title_key);
        let intro = self.strings.get(intro_key);
        let mut page = self.page_view(kind, &title, &intro, path, String::new());
        // The whole introduction for the page; `description` is cut for meta tags.
        page.extra.insert("intro".into(), intro.into());
        page
    }

    /// The entries `indexes` grouped by year and phase. Each entry's view becomes its
    /// template value as soon as it is made, while it is still in cache, and is
    /// dropped: a page's context then takes the values as they are (Tera passes a
    /// `Value` inside a serialised struct through without copying it).
    pub(crate) fn years(&self, indexes: &[usize]) -> Vec<YearView> {
        let mut years: Vec<YearView> = Vec::new();
        let views: Vec<tera::Value> = indexes
            .par_iter()
            .map(|&i| tera::Value::from_serializable(&self.event_view(i)))
            .collect();
        for (&i, ev) in indexes.iter().zip(views) {
            let entry = &self.briefing().timeline[i];
            let (year, phase) = (entry.date.year, entry.phase);
            match years.last_mut() {
                Some(y) if y.year == year && y.phase == phase => y.events.push(ev),
                _ => years.push(YearView {
                    year,
                    phase,
                    events: vec![ev],
                }),
            }
        }
        years
    }

    /// The pager of page `current` (0-based) of `total` pages at `base` (none for a
    /// single page), each page labelled by `label(page)`.
    pub(crate) fn pager(
        &self,
        base: &str,
        current: usize,
        total: usize,
        label: impl Fn(usize) -> String,
    ) -> Option<PagerView> {
        if total < 2 {
            return None;
        }
        let link = |p: usize| self.urls.link(&crate::render::paging::page_path(base, p));
        Some(PagerView {
            current: current + 1,
            total,
            status: self
                .strings
                .get("page_of")
                .replace("{n}", &(current + 1).to_string())
                .replace("{total}", &total.to_string()),
            first: link(0),
            prev: (current > 0).then(|| link(current - 1)),
            next: (current + 1 < total).then(|| link(current + 1)),
            // The list of every page on the first page only: on the others it would
            // make the site grow with the square of its size.
            pages: if current == 0 {
                (0..total)
                    .map(|p| PageLinkView {
                        number: p + 1,
                        url: link(p),
                        label: label(p),
                        current: p == current,
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(57000.0, "en"), "57,000");
        assert_eq!(format_number(2500000000.0, "es"), "2.500.000.000");
        assert_eq!(format_number(36.0, "en"), "36");
        assert_eq!(format_number(2.5, "en"), "2.5");
    }

    #[test]
    fn quotes_split_around_their_fact() {
        let p = quote_parts("Since December 2018, more.", 6, "December 2018");
        assert_eq!(
            (p.before.as_str(), p.span.as_str(), p.after.as_str()),
            ("Since ", "December 2018", ", more.")
        );
        let p = quote_parts("No such words.", 3, "absent");
        assert_eq!(p.before, "No such words.");
        assert!(p.span.is_empty());
    }
}
