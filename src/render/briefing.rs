//! Briefing pages: renders the material of [`crate::briefing::Briefing`] (the timeline,
//! the statistics, the entities, the generated methodology, the print brief and the
//! search page), `data/timeline.json` (TimelineJS format), the search index (pagefind),
//! and the parts of the home and source pages that come from it (key figures, timeline
//! highlights, marks on facts, "cited in" lists, JSON-LD).
//!
//! In: the [`Renderer`] (settings, site, theme, strings). Out: [`OutputFile`]s and
//! template views. Every view is plain serialisable data; every link goes through
//! [`crate::url::Urls`]; documents' words are only ever escaped by the templates.

use super::html::Mark;
use super::{PageView, Renderer};
use crate::briefing::{Briefing, Kind, Measure, Point, TimelineEntry};
use crate::compose::SourcePage;
use crate::date::PartialDate;
use crate::error::Error;
use crate::output::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    /// Link to the paragraph (`sources/<slug>/#p-N`).
    pub url: String,
    /// Absolute URL of the source page.
    pub permalink: String,
    /// Publication date, ISO.
    pub published: Option<String>,
    /// Publication date for readers.
    pub published_display: Option<String>,
    /// The paragraph number.
    pub paragraph: u32,
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
    /// True when sources disagree on the date.
    pub conflicting: bool,
    /// "December 2018 (WOLA) / January 2019 (The Globe Post)" when dates conflict.
    pub dates_note: String,
    /// Each source's report.
    pub reports: Vec<ReportView>,
    /// Entities named.
    pub entities: Vec<EntityLink>,
}

/// The events of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// Its events.
    pub events: Vec<EventView>,
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

/// A point of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartPoint {
    /// x in the viewBox.
    pub x: f64,
    /// y in the viewBox.
    pub y: f64,
    /// "more than 50,000 (October 2019, WOLA)".
    pub label: String,
    /// Anchor of the figure.
    pub id: String,
    /// The value, written above the point.
    pub value: String,
}

/// A small line chart of a series.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// viewBox width.
    pub width: u32,
    /// viewBox height.
    pub height: u32,
    /// `points` attribute of the polyline.
    pub polyline: String,
    /// The points.
    pub points: Vec<ChartPoint>,
    /// Top of the y axis, for readers.
    pub max_label: String,
    /// Left and right date labels.
    pub first_label: String,
    /// Right date label.
    pub last_label: String,
    /// Baseline y.
    pub base_y: f64,
    /// Short description for `<desc>`.
    pub desc: String,
}

/// A measure with its figures.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    /// Anchor id.
    pub id: String,
    /// What is measured.
    pub label: String,
    /// Unit for readers.
    pub unit: String,
    /// Figures in date order.
    pub figures: Vec<FigureView>,
    /// Chart, for series of two or more dated figures.
    pub chart: Option<ChartView>,
    /// True when sources disagree.
    pub disagree: bool,
    /// Distinct sources.
    pub source_count: usize,
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
    /// "Timeline: December 2018" or "Figures: more than 50,000 people".
    pub label: String,
}

/// The generated methodology page's path; a hand-written `content/pages/methodology.md`
/// is shown at its top instead of becoming a page of its own.
pub const METHODOLOGY_PATH: &str = "methodology/";

/// A link from a quoted sentence to a fact's entry.
#[derive(Debug, Clone, Serialize)]
pub struct FactLink {
    /// Link.
    pub url: String,
    /// "Timeline: December 2018".
    pub label: String,
}

/// A quoted sentence on a page that does not publish the full text.
#[derive(Debug, Clone, Serialize)]
pub struct ExcerptSentence {
    /// The sentence, verbatim.
    pub quote: String,
    /// Its facts.
    pub links: Vec<FactLink>,
}

/// The quoted sentences of one paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct ExcerptView {
    /// `p-N`.
    pub id: String,
    /// Sentences in text order.
    pub sentences: Vec<ExcerptSentence>,
}

fn format_number(v: f64, lang: &str) -> String {
    let (thousands, decimal) = if lang == "es" { ('.', ',') } else { (',', '.') };
    let neg = v < 0.0;
    let v = v.abs();
    let whole = v.trunc() as u64;
    let frac = v - v.trunc();
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    if frac > 0.0005 {
        let f = format!("{frac:.2}");
        let f = f
            .trim_start_matches('0')
            .trim_end_matches('0')
            .trim_end_matches('.');
        out.push_str(&f.replacen('.', &decimal.to_string(), 1));
    }
    if neg { format!("-{out}") } else { out }
}

/// The site title for `<title>`, at most 65 characters: the title itself when short
/// enough, else the part before a colon, else the title cut at a word.
pub fn short_title(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= 65 {
        return title.to_string();
    }
    if let Some((head, _)) = title.split_once(':')
        && head.trim().chars().count() >= 8
    {
        return head.trim().to_string();
    }
    super::truncate_chars(title, 65)
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
    fn briefing(&self) -> &Briefing {
        &self.site.briefing
    }

    pub(super) fn lang(&self) -> &str {
        &self.settings.config.language
    }

    fn date_view(&self, d: &PartialDate) -> DateView {
        DateView {
            iso: d.to_string(),
            display: self.strings.date(d),
        }
    }

    fn word_or(&self, key: &str, fallback: &str) -> String {
        let w = self.strings.get(key);
        if w == key { fallback.to_string() } else { w }
    }

    /// True when a source's page shows paragraph `p-N`: always with the full text; with
    /// quoted sentences only, for the paragraphs that hold a fact.
    fn has_anchor(&self, source: usize, paragraph: u32) -> bool {
        let s = &self.site.sources[source];
        s.full_text
            || s.facts.events.iter().any(|e| e.paragraph == paragraph)
            || s.facts.statistics.iter().any(|f| f.paragraph == paragraph)
    }

    fn cite(&self, source: usize, paragraph: u32) -> CiteView {
        let s = &self.site.sources[source];
        let url = if self.has_anchor(source, paragraph) {
            self.urls.link(&format!("{}#p-{paragraph}", s.path()))
        } else {
            self.urls.link(&s.path())
        };
        CiteView {
            title: s.title.clone(),
            label: s
                .source
                .meta
                .publisher
                .clone()
                .unwrap_or_else(|| s.title.clone()),
            url,
            paragraph,
            permalink: self.urls.absolute(&s.path()),
            published: s.published.map(|d| d.to_string()),
            published_display: s.published.map(|d| self.strings.date(&d)),
        }
    }

    fn entity_link(&self, index: usize) -> EntityLink {
        let e = &self.briefing().entities[index];
        EntityLink {
            slug: e.slug.clone(),
            name: e.def.name.clone(),
            url: self.urls.link(&format!("entities/{}/", e.slug)),
            timeline_url: (!e.events.is_empty())
                .then(|| self.urls.link(&format!("timeline/{}/", e.slug))),
            kind: match e.def.kind {
                Kind::Place => "place",
                Kind::Organization => "organization",
                Kind::Person => "person",
            }
            .into(),
        }
    }

    /// Link to timeline entry `index` on its page of the timeline.
    fn entry_url(&self, index: usize) -> String {
        let id = &self.briefing().timeline[index].id;
        self.urls
            .link(&format!("{}#{id}", self.paging.entry_path(index)))
    }

    /// Link to a figure on its page of the statistics.
    fn stat_url(&self, stat_id: &str) -> String {
        self.urls
            .link(&format!("{}#{stat_id}", self.paging.stat_path(stat_id)))
    }

    fn event_view(&self, index: usize) -> EventView {
        let entry: &TimelineEntry = &self.briefing().timeline[index];
        let reports: Vec<ReportView> = entry
            .reports
            .iter()
            .map(|r| ReportView {
                cite: self.cite(r.source, r.event.paragraph),
                quote: r.event.quote.clone(),
                parts: quote_parts(&r.event.quote, r.event.span_offset, &r.event.span),
                date: self.date_view(&r.event.date),
                end: r.event.end.map(|d| self.date_view(&d)),
            })
            .collect();
        let dates_note = if entry.conflicting {
            let mut dated: Vec<_> = entry.reports.iter().zip(&reports).collect();
            dated.sort_by_key(|(r, _)| (r.event.date.first_day(), r.event.date));
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
            conflicting: entry.conflicting,
            dates_note,
            reports,
            entities,
        }
    }

    fn value_text(&self, p: &Point) -> (String, String) {
        let s = &p.stat;
        let lang = self.lang();
        let n = |v: f64| format_number(v, lang);
        let raw = match (s.value, s.low, s.high) {
            (Some(v), _, _) => vec![n(v)],
            (None, Some(l), Some(h)) => vec![n(l), n(h)],
            (None, l, h) => l.or(h).map(n).into_iter().collect(),
        };
        let (prefix, suffix, unit) = match s.unit.as_str() {
            "percent" => ("", "%", String::new()),
            "USD" => ("$", "", String::new()),
            other => ("", "", self.word_or(&format!("unit_{other}"), other)),
        };
        let mut value = raw
            .iter()
            .map(|v| format!("{prefix}{v}{suffix}"))
            .collect::<Vec<_>>()
            .join("–");
        // "18 of 41".
        if let Some(of) = s.of {
            value = format!(
                "{value} {} {prefix}{}{suffix}",
                self.strings.get("of_total"),
                n(of)
            );
        }
        (value, unit)
    }

    fn figure_view(&self, mi: usize, pi: usize) -> FigureView {
        let m: &Measure = &self.briefing().measures[mi];
        let p = &m.points[pi];
        let (value, unit) = self.value_text(p);
        let q = p.stat.qualifier.as_str();
        let qualifier = if q == "exact" || q.is_empty() {
            String::new()
        } else {
            self.word_or(&format!("qualifier_{}", q.replace(' ', "_")), q)
        };
        FigureView {
            id: p.stat.id.clone(),
            url: self
                .urls
                .link(&format!("{}#{}", self.paging.measure_path(mi), p.stat.id)),
            value,
            qualifier,
            unit,
            label: p.stat.measure.clone(),
            span: p.stat.span.clone(),
            quote: p.stat.quote.clone(),
            parts: quote_parts(&p.stat.quote, p.stat.span_offset, &p.stat.span),
            date: p.date.map(|d| self.date_view(&d)),
            dated_by_source: p.dated_by_source,
            cite: self.cite(p.source, p.stat.paragraph),
            series_sources: m.source_count,
            measure_url: self
                .urls
                .link(&format!("{}#{}", self.paging.measure_path(mi), m.id)),
        }
    }

    fn chart(&self, m: &Measure, figures: &[FigureView]) -> Option<ChartView> {
        let dated: Vec<(usize, f64, PartialDate)> = m
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, p.plot_value()?, p.date?)))
            .collect();
        if dated.len() < 2 {
            return None;
        }
        let day = |d: &PartialDate| -> f64 {
            let m = d.month.unwrap_or(7) as f64;
            let dd = d.day.unwrap_or(15) as f64;
            d.year as f64 * 372.0 + (m - 1.0) * 31.0 + dd
        };
        let (w, h, pad_l, pad_r, pad_t, pad_b) = (560.0, 190.0, 40.0, 40.0, 34.0, 30.0);
        let t0 = dated
            .iter()
            .map(|(_, _, d)| day(d))
            .fold(f64::INFINITY, f64::min);
        let t1 = dated
            .iter()
            .map(|(_, _, d)| day(d))
            .fold(f64::NEG_INFINITY, f64::max);
        let vmax = dated
            .iter()
            .map(|(_, v, _)| *v)
            .fold(0.0, f64::max)
            .max(1e-9);
        let span = (t1 - t0).max(1.0);
        let points: Vec<ChartPoint> = dated
            .iter()
            .map(|(i, v, d)| {
                let f = &figures[*i];
                let x = pad_l + (day(d) - t0) / span * (w - pad_l - pad_r);
                let y = pad_t + (1.0 - v / vmax) * (h - pad_t - pad_b);
                let label = format!(
                    "{}{} ({}, {})",
                    if f.qualifier.is_empty() {
                        String::new()
                    } else {
                        format!("{} ", f.qualifier)
                    },
                    f.value,
                    self.strings.date(d),
                    f.cite.label
                );
                ChartPoint {
                    x: (x * 10.0).round() / 10.0,
                    y: (y * 10.0).round() / 10.0,
                    label,
                    id: f.id.clone(),
                    value: f.value.clone(),
                }
            })
            .collect();
        let polyline = points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ");
        let desc = points
            .iter()
            .map(|p| p.label.clone())
            .collect::<Vec<_>>()
            .join("; ");
        let first = dated
            .first()
            .map(|(_, _, d)| self.strings.date(d))
            .unwrap_or_default();
        let last = dated
            .last()
            .map(|(_, _, d)| self.strings.date(d))
            .unwrap_or_default();
        Some(ChartView {
            width: w as u32,
            height: h as u32,
            polyline,
            points,
            max_label: format_number(vmax, self.lang()),
            first_label: first,
            last_label: last,
            base_y: h - pad_b,
            desc,
        })
    }

    fn measure_view(&self, mi: usize) -> MeasureView {
        let m = &self.briefing().measures[mi];
        let figures: Vec<FigureView> = (0..m.points.len())
            .map(|pi| self.figure_view(mi, pi))
            .collect();
        let chart = self.chart(m, &figures);
        MeasureView {
            id: m.id.clone(),
            label: m.label.clone(),
            unit: figures.first().map(|f| f.unit.clone()).unwrap_or_default(),
            figures,
            chart,
            disagree: m.disagree,
            source_count: m.source_count,
        }
    }

    fn quote_view(&self, qi: usize) -> QuoteView {
        let q = &self.briefing().quotes[qi];
        let speaker_url = q.entity.map(|i| self.entity_link(i).url);
        QuoteView {
            text: q.text.clone(),
            speaker: q.speaker.clone(),
            speaker_url,
            direct: q.direct,
            cite: self.cite(q.source, q.paragraph),
        }
    }

    /// Marks for a source page, by block: each fact's words, at their byte offset in the
    /// block's text, link to its timeline entry or figure.
    pub(super) fn source_marks(&self, index: usize) -> BTreeMap<u32, Vec<Mark>> {
        let s = &self.site.sources[index];
        let mut marks: BTreeMap<u32, Vec<Mark>> = BTreeMap::new();
        for e in &s.facts.events {
            let Some(&ei) = self.briefing().event_entry.get(&e.id) else {
                continue;
            };
            let entry = &self.briefing().timeline[ei];
            marks.entry(e.paragraph).or_default().push(Mark {
                start: e.quote_offset + e.span_offset,
                text: e.span.clone(),
                id: format!("mark-{}", e.id),
                href: self.entry_url(ei),
                title: format!(
                    "{}: {}",
                    self.strings.get("timeline"),
                    self.strings.date(&entry.date)
                ),
                class: "fact-event".into(),
            });
        }
        for st in &s.facts.statistics {
            marks.entry(st.paragraph).or_default().push(Mark {
                start: st.quote_offset + st.span_offset,
                text: st.span.clone(),
                id: format!("mark-{}", st.id),
                href: self.stat_url(&st.id),
                title: format!("{}: {}", self.strings.get("statistics"), st.measure),
                class: "fact-stat".into(),
            });
        }
        marks
    }

    /// The facts of a source with links into the briefing, in paragraph order.
    pub(super) fn source_facts(&self, index: usize) -> Vec<SourceFactView> {
        let s = &self.site.sources[index];
        let page = s.path();
        let mut out: Vec<(u32, usize, SourceFactView)> = Vec::new();
        for e in &s.facts.events {
            let Some(&ei) = self.briefing().event_entry.get(&e.id) else {
                continue;
            };
            out.push((
                e.paragraph,
                e.quote_offset,
                SourceFactView {
                    kind: "event".into(),
                    quote: e.quote.clone(),
                    span: e.span.clone(),
                    paragraph_url: self.urls.link(&format!("{page}#p-{}", e.paragraph)),
                    url: self.entry_url(ei),
                    label: format!(
                        "{}: {}",
                        self.strings.get("timeline"),
                        self.strings.date(&e.date)
                    ),
                },
            ));
        }
        for st in &s.facts.statistics {
            out.push((
                st.paragraph,
                st.quote_offset,
                SourceFactView {
                    kind: "statistic".into(),
                    quote: st.quote.clone(),
                    span: st.span.clone(),
                    paragraph_url: self.urls.link(&format!("{page}#p-{}", st.paragraph)),
                    url: self.stat_url(&st.id),
                    label: format!("{}: {}", self.strings.get("statistics"), st.span),
                },
            ));
        }
        out.sort_by(|a, b| (a.0, a.1, &a.2.url).cmp(&(b.0, b.1, &b.2.url)));
        out.into_iter().map(|(_, _, v)| v).collect()
    }

    /// The quoted sentences of a source whose full text is not published, by paragraph
    /// (each paragraph keeps its `p-N` anchor), each sentence with its facts' links.
    pub(super) fn source_excerpts(&self, index: usize) -> Vec<ExcerptView> {
        let s = &self.site.sources[index];
        let mut by_paragraph: BTreeMap<u32, Vec<(usize, String, Vec<FactLink>)>> = BTreeMap::new();
        let mut add = |paragraph: u32, offset: usize, quote: &str, link: FactLink| {
            let sentences = by_paragraph.entry(paragraph).or_default();
            match sentences.iter_mut().find(|(_, q, _)| q == quote) {
                Some((_, _, links)) => links.push(link),
                None => sentences.push((offset, quote.to_string(), vec![link])),
            }
        };
        for e in &s.facts.events {
            let Some(&ei) = self.briefing().event_entry.get(&e.id) else {
                continue;
            };
            add(
                e.paragraph,
                e.quote_offset,
                &e.quote,
                FactLink {
                    url: self.entry_url(ei),
                    label: format!(
                        "{}: {}",
                        self.strings.get("timeline"),
                        self.strings.date(&e.date)
                    ),
                },
            );
        }
        for st in &s.facts.statistics {
            add(
                st.paragraph,
                st.quote_offset,
                &st.quote,
                FactLink {
                    url: self.stat_url(&st.id),
                    label: format!("{}: {}", self.strings.get("statistics"), st.span),
                },
            );
        }
        by_paragraph
            .into_iter()
            .map(|(paragraph, mut sentences)| {
                sentences.sort_by_key(|(offset, _, _)| *offset);
                ExcerptView {
                    id: format!("p-{paragraph}"),
                    sentences: sentences
                        .into_iter()
                        .map(|(_, quote, links)| ExcerptSentence { quote, links })
                        .collect(),
                }
            })
            .collect()
    }

    /// Entities a source names.
    pub(super) fn source_entities(&self, index: usize) -> Vec<EntityLink> {
        self.briefing().source_entities[index]
            .iter()
            .map(|&i| self.entity_link(i))
            .collect()
    }

    /// JSON-LD of a source page (`Article`).
    pub(super) fn source_jsonld(&self, s: &SourcePage) -> String {
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": s.title,
            "url": self.urls.absolute(&s.path()),
            "isPartOf": {"@type": "WebSite", "name": self.settings.config.title, "url": self.urls.base_url()},
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

    fn key_figures(&self) -> Vec<FigureView> {
        self.briefing()
            .key_figures
            .iter()
            .map(|&(mi, pi)| self.figure_view(mi, pi))
            .collect()
    }

    fn highlights(&self) -> Vec<EventView> {
        let t = &self.briefing().timeline;
        let mut idx: Vec<usize> = (0..t.len()).collect();
        idx.sort_by_key(|&i| {
            (
                std::cmp::Reverse(t[i].reports.len()),
                std::cmp::Reverse(t[i].date.first_day()),
                i,
            )
        });
        idx.truncate(6);
        idx.sort();
        idx.into_iter().map(|i| self.event_view(i)).collect()
    }

    fn citation(&self) -> String {
        let c = &self.settings.config;
        if let Some(text) = &c.briefing.citation {
            return text.clone();
        }
        let who = [&c.organisation, &c.author]
            .into_iter()
            .find(|a| !a.is_empty())
            .cloned()
            .unwrap_or_default();
        let when = self
            .site
            .last_updated
            .map(|d| format!(" ({})", d.year))
            .unwrap_or_default();
        let who = if who.is_empty() {
            String::new()
        } else {
            format!("{who}{when}. ")
        };
        format!("{who}{}. {}", c.title, self.urls.base_url())
    }

    /// What the home page adds: key figures, highlights, counts, citation.
    pub(super) fn home_context(&self, ctx: &mut tera::Context) {
        ctx.insert("key_figures", &self.key_figures());
        ctx.insert("highlights", &self.highlights());
        ctx.insert("citation", &self.citation());
        ctx.insert("counts", &self.counts());
        let c = &self.settings.config;
        let v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": c.title,
            "description": c.description,
            "url": self.urls.base_url(),
            "inLanguage": c.language,
        });
        ctx.insert("jsonld", &json_for_script(&v));
        ctx.insert("citation_meta", &true);
    }

    fn counts(&self) -> BTreeMap<&'static str, usize> {
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

    fn briefing_page(&self, kind: &str, title_key: &str, intro_key: &str, path: &str) -> PageView {
        let title = self.strings.get(title_key);
        let intro = self.strings.get(intro_key);
        let mut page = self.page_view(kind, &title, &intro, path, String::new());
        // The whole introduction for the page; `description` is cut for meta tags.
        page.extra.insert("intro".into(), intro.into());
        page
    }

    fn years(&self, indexes: &[usize]) -> Vec<YearView> {
        let mut years: Vec<YearView> = Vec::new();
        let views: Vec<EventView> = indexes.par_iter().map(|&i| self.event_view(i)).collect();
        for (&i, ev) in indexes.iter().zip(views) {
            let year = self.briefing().timeline[i].date.year;
            match years.last_mut() {
                Some(y) if y.year == year => y.events.push(ev),
                _ => years.push(YearView {
                    year,
                    events: vec![ev],
                }),
            }
        }
        years
    }

    /// The overview strip: one dot per entry on a line across the years.
    fn strip(&self, indexes: &[usize], w: f64) -> serde_json::Value {
        let t = &self.briefing().timeline;
        if indexes.is_empty() {
            return serde_json::Value::Null;
        }
        let y0 = indexes.iter().map(|&i| t[i].date.year).min().unwrap_or(0);
        let y1 = indexes
            .iter()
            .map(|&i| {
                t[i].end
                    .map_or(t[i].date.year, |d| d.year.max(t[i].date.year))
            })
            .max()
            .unwrap_or(0)
            + 1;
        let pad = 20.0;
        // Years without events take a sixth of the room of years with events, so a long
        // empty stretch does not squeeze the busy years; stretches of five or more empty
        // years are marked as breaks in the axis.
        let busy: BTreeSet<i32> = indexes
            .iter()
            .flat_map(|&i| [Some(t[i].date.year), t[i].end.map(|d| d.year)])
            .flatten()
            .collect();
        let weight = |y: i32| if busy.contains(&y) { 1.0 } else { 1.0 / 6.0 };
        let mut start_of: BTreeMap<i32, f64> = BTreeMap::new();
        let mut total = 0.0;
        for y in y0..y1 {
            start_of.insert(y, total);
            total += weight(y);
        }
        let scale = (w - 2.0 * pad) / total;
        let x = |d: &PartialDate| -> f64 {
            let frac = (d.month.unwrap_or(7) as f64 - 1.0) / 12.0;
            let at = start_of.get(&d.year).copied().unwrap_or(total) + frac * weight(d.year);
            ((pad + at * scale) * 10.0).round() / 10.0
        };
        let year_x = |y: i32| -> f64 {
            let at = start_of.get(&y).copied().unwrap_or(total);
            ((pad + at * scale) * 10.0).round() / 10.0
        };
        let mut breaks = Vec::new();
        let mut run_start: Option<i32> = None;
        for y in y0..=y1 {
            let empty = y < y1 && !busy.contains(&y);
            match (empty, run_start) {
                (true, None) => run_start = Some(y),
                (false, Some(from)) => {
                    if y - from >= 5 {
                        breaks.push(serde_json::json!({"x": (year_x(from) + year_x(y)) / 2.0}));
                    }
                    run_start = None;
                }
                _ => {}
            }
        }
        // Dots closer than a dot's width stack upwards.
        let mut seen: BTreeMap<i64, u32> = BTreeMap::new();
        let placed: Vec<(usize, f64, u32)> = indexes
            .iter()
            .map(|&i| {
                let px = x(&t[i].date);
                let stack = seen.entry((px / 9.0).round() as i64).or_insert(0);
                *stack += 1;
                (i, px, *stack)
            })
            .collect();
        let tallest = placed.iter().map(|p| p.2).max().unwrap_or(1) as f64;
        let height = 40.0 + tallest * 9.0;
        let axis = height - 26.0;
        // Ticks at busy years, at least 56 units apart.
        let mut ticks: Vec<serde_json::Value> = Vec::new();
        let mut last_x = f64::NEG_INFINITY;
        for &y in &busy {
            let tx = year_x(y);
            if y >= y0 && y < y1 && tx - last_x >= 56.0 {
                ticks.push(serde_json::json!({"x": tx, "label": y}));
                last_x = tx;
            }
        }
        let dots: Vec<serde_json::Value> = placed
            .into_iter()
            .map(|(i, px, stack)| {
                let e = &t[i];
                serde_json::json!({
                    "x": px,
                    "y": axis - 6.0 - (stack as f64 - 1.0) * 9.0,
                    "id": e.id,
                    "label": format!("{}: {}", self.strings.date(&e.date), e.title),
                    "multi": e.reports.len() > 1,
                })
            })
            .collect();
        serde_json::json!({
            "width": w,
            "height": height,
            "axis": axis,
            "dots": dots,
            "ticks": ticks,
            "breaks": breaks,
            "first": y0,
            "last": y1 - 1,
        })
    }

    /// The pager of page `current` (0-based) of `total` pages at `base` (none for a
    /// single page), each page labelled by `label(page)`.
    fn pager(
        &self,
        base: &str,
        current: usize,
        total: usize,
        label: impl Fn(usize) -> String,
    ) -> Option<PagerView> {
        if total < 2 {
            return None;
        }
        let link = |p: usize| self.urls.link(&super::paging::page_path(base, p));
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

    /// A page of the timeline (`entity`: of an entity's filtered timeline).
    pub(super) fn render_timeline(
        &self,
        entity: Option<usize>,
        page_no: usize,
    ) -> Result<OutputFile, Error> {
        let t = &self.briefing().timeline;
        // Positions in the paged list: entry indexes, or indexes into an entity's events.
        let (base, ranges, events): (String, _, &[usize]) = match entity {
            None => ("timeline/".into(), &self.paging.timeline, &[]),
            Some(e) => {
                let ent = &self.briefing().entities[e];
                let base = format!("timeline/{}/", ent.slug);
                (base, &self.paging.entities[e], ent.events.as_slice())
            }
        };
        let entry = |k: usize| if entity.is_some() { events[k] } else { k };
        let indexes: Vec<usize> = ranges[page_no].clone().map(entry).collect();
        let path = super::paging::page_path(&base, page_no);
        let mut page = self.briefing_page("timeline", "timeline", "timeline_intro", &path);
        if let Some(e) = entity {
            let name = &self.briefing().entities[e].def.name;
            page.title = format!("{}: {}", self.strings.get("timeline"), name);
            page.description = self
                .strings
                .get("timeline_filtered_intro")
                .replace("{name}", name);
        }
        let pager = self.pager(&base, page_no, ranges.len(), |p| {
            let r = &ranges[p];
            let (first, last) = (&t[entry(r.start)].date, &t[entry(r.end - 1)].date);
            let (a, b) = (self.strings.date(first), self.strings.date(last));
            if a == b { a } else { format!("{a} – {b}") }
        });
        if let Some(p) = &pager {
            page.title = format!("{} ({})", page.title, p.status);
        }
        let mut ctx = self.context(&page);
        ctx.insert("pager", &pager);
        ctx.insert("years", &self.years(&indexes));
        // A wide overview for large screens, a narrow one (drawn at its own size, so its
        // text stays legible) for phones; CSS shows one of them.
        ctx.insert("strip", &self.strip(&indexes, 900.0));
        ctx.insert("strip_narrow", &self.strip(&indexes, 380.0));
        ctx.insert("filter", &entity.map(|e| self.entity_link(e)));
        let filters: Vec<(EntityLink, usize)> = self
            .briefing()
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.events.is_empty())
            .map(|(i, e)| (self.entity_link(i), e.events.len()))
            .collect();
        ctx.insert("filters", &filters);
        ctx.insert("timeline_url", &self.urls.link("timeline/"));
        ctx.insert("timeline_json", &self.urls.link("data/timeline.json"));
        let html = self.theme.render("timeline.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            "timeline page",
        ))
    }

    /// A page of the statistics.
    pub(super) fn render_statistics(
        &self,
        page_no: usize,
        existing: &BTreeSet<String>,
    ) -> Result<OutputFile, Error> {
        let path = super::paging::page_path("statistics/", page_no);
        let mut page = self.briefing_page("statistics", "statistics", "statistics_intro", &path);
        let pages = &self.paging.statistics;
        // Pages are labelled by the figures they hold, counted across the pages
        // (measure names are too long and too alike to tell pages apart).
        let measures = &self.briefing().measures;
        let counts: Vec<usize> = pages
            .iter()
            .map(|page| page.iter().map(|&m| measures[m].points.len()).sum())
            .collect();
        let pager = self.pager("statistics/", page_no, pages.len(), |p| {
            let from: usize = counts[..p].iter().sum::<usize>() + 1;
            self.strings
                .get("figures_range")
                .replace("{from}", &from.to_string())
                .replace("{to}", &(from + counts[p] - 1).to_string())
        });
        if let Some(p) = &pager {
            page.title = format!("{} ({})", page.title, p.status);
        }
        let mut ctx = self.context(&page);
        ctx.insert("pager", &pager);
        let measures: Vec<MeasureView> = pages[page_no]
            .par_iter()
            .map(|&i| self.measure_view(i))
            .collect();
        let (series, single): (Vec<MeasureView>, Vec<MeasureView>) =
            measures.into_iter().partition(|m| m.figures.len() > 1);
        ctx.insert("series", &series);
        ctx.insert("single", &single);
        // The context holds its own copy: free ours before the page is rendered.
        drop((series, single));
        let mut downloads = Vec::new();
        for (file, format) in [
            ("data/statistics.csv", "CSV"),
            ("data/statistics.json", "JSON"),
        ] {
            if existing.contains(file) {
                downloads.push(serde_json::json!({"url": self.urls.link(file), "absolute": self.urls.absolute(file), "format": format}));
            }
        }
        ctx.insert("downloads", &downloads);
        let c = &self.settings.config;
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": format!("{}: {}", c.title, self.strings.get("statistics")),
            "description": self.strings.get("statistics_intro"),
            "url": self.urls.absolute("statistics/"),
            "inLanguage": c.language,
            "isAccessibleForFree": true,
        });
        if !c.author.is_empty() || !c.organisation.is_empty() {
            let name = if c.organisation.is_empty() {
                &c.author
            } else {
                &c.organisation
            };
            v["creator"] = serde_json::json!({"@type": "Organization", "name": name});
        }
        let dist: Vec<serde_json::Value> = downloads
            .iter()
            .map(|d| {
                let fmt = if d["format"] == "CSV" { "text/csv" } else { "application/json" };
                serde_json::json!({"@type": "DataDownload", "encodingFormat": fmt, "contentUrl": d["absolute"]})
            })
            .collect();
        if !dist.is_empty() {
            v["distribution"] = dist.into();
        }
        ctx.insert("jsonld", &json_for_script(&v));
        let html = self.theme.render("statistics.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            "statistics page",
        ))
    }

    fn entity_view(&self, i: usize) -> EntityView {
        let e = &self.briefing().entities[i];
        let mut mentions: Vec<CiteView> =
            e.mentions.iter().map(|&(s, p)| self.cite(s, p)).collect();
        mentions.dedup_by(|a, b| a.url == b.url);
        EntityView {
            link: self.entity_link(i),
            aliases: e.def.aliases.clone(),
            events: e.events.iter().map(|&t| self.event_view(t)).collect(),
            figures: e
                .figures
                .iter()
                .map(|&(m, p)| self.figure_view(m, p))
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

    pub(super) fn render_entities(&self) -> Result<Vec<OutputFile>, Error> {
        let mut files = Vec::new();
        let page = self.briefing_page("entities", "entities", "entities_intro", "entities/");
        let mut ctx = self.context(&page);
        let mut groups: BTreeMap<Kind, Vec<(EntityLink, usize)>> = BTreeMap::new();
        for (i, e) in self.briefing().entities.iter().enumerate() {
            groups
                .entry(e.def.kind)
                .or_default()
                .push((self.entity_link(i), e.mentions.len()));
        }
        let groups: Vec<(String, Vec<(EntityLink, usize)>)> = groups
            .into_iter()
            .map(|(k, mut v)| {
                v.sort_by(|a, b| a.0.name.cmp(&b.0.name));
                let key = match k {
                    Kind::Place => "kind_places",
                    Kind::Organization => "kind_organizations",
                    Kind::Person => "kind_people",
                };
                (self.strings.get(key), v)
            })
            .collect();
        ctx.insert("groups", &groups);
        files.push(OutputFile::new(
            "entities/index.html",
            self.theme.render("entities.html", &ctx)?,
            "entities index",
        ));
        for i in 0..self.briefing().entities.len() {
            let view = self.entity_view(i);
            let path = format!("entities/{}/", self.briefing().entities[i].slug);
            let kind_word = self.strings.get(&format!("kind_{}", view.link.kind));
            let desc = self
                .strings
                .get("entity_intro")
                .replace("{name}", &view.link.name)
                .replace("{kind}", &kind_word);
            let page = self.page_view("entity", &view.link.name, &desc, &path, String::new());
            let mut ctx = self.context(&page);
            ctx.insert("entity", &view);
            ctx.insert("kind_word", &kind_word);
            files.push(OutputFile::new(
                format!("{path}index.html"),
                self.theme.render("entity.html", &ctx)?,
                "entity page",
            ));
        }
        Ok(files)
    }

    pub(super) fn render_methodology(&self) -> Result<OutputFile, Error> {
        let mut page = self.briefing_page(
            "methodology",
            "methodology",
            "methodology_intro",
            "methodology/",
        );
        // The editor's own words, from content/pages/methodology.md, come first.
        if let Some(p) = self.site.pages.iter().find(|p| p.path == METHODOLOGY_PATH) {
            let rendered = super::markdown::render(
                &p.body,
                &super::MarkdownOptions {
                    trusted_html: true,
                    ..Default::default()
                },
            );
            page.content = super::sanitize_trusted(&rendered.html);
        }
        let mut ctx = self.context(&page);
        let b = self.briefing();
        let per_source: Vec<serde_json::Value> = self
            .site
            .sources
            .iter()
            .zip(&b.per_source)
            .map(|(s, c)| {
                serde_json::json!({
                    "title": s.title,
                    "url": self.urls.link(&s.path()),
                    "events": c.events,
                    "statistics": c.statistics,
                    "full_text": s.full_text,
                })
            })
            .collect();
        ctx.insert("per_source", &per_source);
        ctx.insert("counts", &self.counts());
        // No corrections and no reviews: say so plainly rather than "0 facts".
        let corrections = b.corrections.filter(|&n| n > 0 || b.reviewed > 0);
        ctx.insert("corrections", &corrections);
        ctx.insert("reviewed", &b.reviewed);
        ctx.insert("gazetteer_size", &b.gazetteer_size);
        ctx.insert("candidates", &b.candidates);
        let accuracy: Vec<(String, String)> = b
            .accuracy
            .iter()
            .flat_map(|t| flatten_toml("", t))
            .collect();
        ctx.insert("accuracy", &accuracy);
        let html = self.theme.render("methodology.html", &ctx)?;
        Ok(OutputFile::new(
            "methodology/index.html",
            html,
            "methodology page",
        ))
    }

    pub(super) fn render_print_brief(&self) -> Result<OutputFile, Error> {
        let c = &self.settings.config;
        let page = self.page_view("brief", &c.title, &c.description, "brief/", String::new());
        let mut ctx = self.context(&page);
        ctx.insert("key_figures", &self.key_figures());
        // A timeline longer than a page is cut to its best-supported entries (most
        // sources, then latest), shown in date order: the brief is meant for paper.
        let t = &self.briefing().timeline;
        let mut shown: Vec<usize> = (0..t.len()).collect();
        if shown.len() > self.paging.size {
            shown.sort_by_key(|&i| {
                (
                    std::cmp::Reverse(t[i].reports.len()),
                    std::cmp::Reverse(t[i].date.first_day()),
                    i,
                )
            });
            shown.truncate(self.paging.size);
            shown.sort_unstable();
            ctx.insert(
                "timeline_selection",
                &self
                    .strings
                    .get("brief_selection")
                    .replace("{shown}", &shown.len().to_string())
                    .replace("{total}", &t.len().to_string())
                    .replace("{url}", &self.urls.absolute("timeline/")),
            );
        }
        ctx.insert("years", &self.years(&shown));
        let sources: Vec<_> = self
            .site
            .sources
            .iter()
            .map(|s| self.source_view(s))
            .collect();
        ctx.insert("sources", &sources);
        ctx.insert("citation", &self.citation());
        ctx.insert("counts", &self.counts());
        ctx.insert("citation_meta", &true);
        let html = self.theme.render("brief.html", &ctx)?;
        Ok(OutputFile::new("brief/index.html", html, "print brief"))
    }

    pub(super) fn render_search(&self) -> Result<OutputFile, Error> {
        let page = self.briefing_page("search", "search", "search_intro", "search/");
        let mut ctx = self.context(&page);
        ctx.insert("search_enabled", &self.settings.config.search.enabled);
        let html = self.theme.render("search.html", &ctx)?;
        Ok(OutputFile::new("search/index.html", html, "search page"))
    }

    pub(super) fn timeline_json(&self) -> String {
        // Typed rows, fields in alphabetical order: the bytes `serde_json::Value` (with
        // its sorted maps) gave, without building a tree of values for every event.
        #[derive(Serialize)]
        struct Ymd {
            #[serde(skip_serializing_if = "Option::is_none")]
            day: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            month: Option<String>,
            year: String,
        }
        #[derive(Serialize)]
        struct Text<'a> {
            headline: &'a str,
            text: String,
        }
        #[derive(Serialize)]
        struct Slide<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            end_date: Option<Ymd>,
            group: String,
            start_date: Ymd,
            text: Text<'a>,
            unique_id: &'a str,
        }
        #[derive(Serialize)]
        struct Title<'a> {
            text: Text<'a>,
        }
        #[derive(Serialize)]
        struct TimelineJs<'a> {
            events: Vec<Slide<'a>>,
            title: Title<'a>,
        }
        let ymd = |d: &PartialDate| Ymd {
            day: d.day.map(|x| x.to_string()),
            month: d.month.map(|x| x.to_string()),
            year: d.year.to_string(),
        };
        let events: Vec<Slide> = self
            .briefing()
            .timeline
            .par_iter()
            .map(|e| {
                let text = e
                    .reports
                    .iter()
                    .map(|r| {
                        let s = &self.site.sources[r.source];
                        // The cite label of `cite()`: the publisher, else the title.
                        let label = s.source.meta.publisher.as_ref().unwrap_or(&s.title);
                        let href = self.urls.absolute(&format!(
                            "{}#p-{}",
                            self.site.sources[r.source].path(),
                            r.event.paragraph
                        ));
                        format!(
                            "<p>“{}” — <a href=\"{}\">{}</a></p>",
                            super::markdown::escape_html(&r.event.quote),
                            super::markdown::escape_html(&href),
                            super::markdown::escape_html(label)
                        )
                    })
                    .collect::<String>();
                Slide {
                    end_date: e.end.as_ref().map(ymd),
                    group: e.date.year.to_string(),
                    start_date: ymd(&e.date),
                    text: Text {
                        headline: &e.title,
                        text,
                    },
                    unique_id: &e.id,
                }
            })
            .collect();
        let c = &self.settings.config;
        let v = TimelineJs {
            events,
            title: Title {
                text: Text {
                    headline: &c.title,
                    text: c.description.clone(),
                },
            },
        };
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }
}

/// Builds the pagefind search index from the pages that arrive on `pages`, each job's
/// pages tagged with the job's place in the list: they are indexed in list order
/// whatever order they arrive in (pagefind numbers pages in the order it sees them).
/// Finishes once jobs `0..jobs` have all arrived (or the channel closes). Returns the
/// index's files under `pagefind/`.
pub(super) fn search_index(
    lang: &str,
    jobs: usize,
    pages: std::sync::mpsc::Receiver<(usize, super::SearchPages)>,
) -> Result<Vec<OutputFile>, Error> {
    let fail = |e: String| Error::Invalid {
        path: "pagefind".into(),
        line: None,
        message: format!("search index: {e}"),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let built = runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(lang.to_string())
            .keep_index_url(true)
            .build();
        let mut index =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        let mut waiting: BTreeMap<usize, super::SearchPages> = BTreeMap::new();
        let mut next = 0;
        while next < jobs
            && let Ok((k, job_pages)) = pages.recv()
        {
            waiting.insert(k, job_pages);
            while let Some(ready) = waiting.remove(&next) {
                for (url, doc) in ready {
                    match doc {
                        super::SearchDoc::Text(t) => {
                            let meta = t.title.map(|t| BTreeMap::from([("title".to_string(), t)]));
                            index
                                .add_custom_record(url, t.text, lang.to_string(), meta, None, None)
                                .await
                        }
                        super::SearchDoc::Html(html) => {
                            index.add_html_file(None, Some(url), html).await
                        }
                    }
                    .map_err(|e| e.to_string())?;
                }
                next += 1;
            }
        }
        index.get_files().await.map_err(|e| e.to_string())
    });
    let synthetic = built.map_err(fail)?;
    let mut out: Vec<OutputFile> = synthetic
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let rel = match name.rfind("pagefind/") {
                Some(i) => name[i..].to_string(),
                None => format!("pagefind/{}", name.trim_start_matches('/')),
            };
            // The search page has its own small interface: pagefind's bundled UIs
            // and playground are not published.
            let unused = rel.contains("playground")
                || ["-ui.", "-modular-ui.", "-component-ui.", "-highlight."]
                    .iter()
                    .any(|u| rel.contains(u));
            (!unused).then(|| OutputFile::new(rel, f.contents, "search index (pagefind)"))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn flatten_toml(prefix: &str, t: &toml::Table) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, v) in t {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(inner) => out.extend(flatten_toml(&key, inner)),
            toml::Value::String(s) => out.push((key, s.clone())),
            other => out.push((key, other.to_string())),
        }
    }
    out
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
    fn long_titles_are_shortened_for_the_title_element() {
        assert_eq!(
            short_title(
                "Remain in Mexico: the Migrant Protection Protocols and violence against migrants"
            ),
            "Remain in Mexico"
        );
        assert_eq!(short_title("Short"), "Short");
        assert!(short_title(&"word ".repeat(30)).chars().count() <= 65);
    }

    #[test]
    fn english_and_spanish_tables_have_the_same_words() {
        let en: toml::Table =
            toml::from_str(include_str!("../../themes/briefing/i18n/en.toml")).unwrap();
        let es: toml::Table =
            toml::from_str(include_str!("../../themes/briefing/i18n/es.toml")).unwrap();
        let keys = |t: &toml::Table| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&en), keys(&es));
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
