//! Data: the extracted facts published as open data.
//!
//! In: the composed [`Site`]. Out: `data/events.json`, `data/statistics.json` and their
//! CSV twins, in the schema documented in the README ("Data contract"). Each item carries
//! its provenance: source file, page URL, paragraph anchor, the verbatim sentence and,
//! like a W3C TextQuoteSelector, a little text before and after it.

use crate::extract::{Event, Statistic};
use crate::model::date::Precision;
use crate::model::site::{Site, SourcePage};
use crate::output::OutputFile;
use crate::util::url::Urls;
use serde::Serialize;
use std::collections::BTreeSet;

/// One row of `data/events.json`.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    /// Stable id.
    pub id: String,
    /// `sources/<file name>`.
    pub source_path: String,
    /// URL of the source page.
    pub source_url: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// End of a span, same forms, or null.
    pub end: Option<String>,
    /// `year`, `month` or `day`.
    pub precision: Precision,
    /// The date for readers, e.g. "August 2010".
    pub display_date: String,
    /// True when part of the date came from the document's date or context.
    pub relative: bool,
    /// The exact date words.
    pub span: String,
    /// The full sentence, verbatim.
    pub quote: String,
    /// Up to 32 characters before the quote in its paragraph.
    pub prefix: String,
    /// Up to 32 characters after the quote in its paragraph.
    pub suffix: String,
    /// Paragraph number.
    pub paragraph: u32,
    /// URL of the paragraph.
    pub anchor: String,
    /// Short description.
    pub title: String,
    /// `extracted`, or `reviewed` when an editor approved, fixed or added it.
    pub status: &'static str,
}

/// One row of `data/statistics.json`.
#[derive(Debug, Clone, Serialize)]
pub struct StatisticRecord {
    /// Stable id.
    pub id: String,
    /// `sources/<file name>`.
    pub source_path: String,
    /// URL of the source page.
    pub source_url: String,
    /// The value, or null for a range.
    pub value: Option<f64>,
    /// Low end of a range.
    pub low: Option<f64>,
    /// High end of a range.
    pub high: Option<f64>,
    /// Denominator of an "X of Y" ratio.
    pub of: Option<f64>,
    /// What is counted.
    pub unit: String,
    /// `exact`, `more than`, …
    pub qualifier: String,
    /// The exact words of the figure.
    pub span: String,
    /// The full sentence, verbatim.
    pub quote: String,
    /// Up to 32 characters before the quote in its paragraph.
    pub prefix: String,
    /// Up to 32 characters after the quote in its paragraph.
    pub suffix: String,
    /// What is measured.
    pub measure: String,
    /// The date the figure refers to.
    pub as_of: Option<String>,
    /// Paragraph number.
    pub paragraph: u32,
    /// URL of the paragraph.
    pub anchor: String,
    /// `extracted`, or `reviewed` when an editor approved, fixed or added it.
    pub status: &'static str,
}

/// `{"key": [` + one compact JSON record per line + `]}`: valid JSON, much smaller than
/// pretty-printing, and a changed fact is a one-line diff.
fn json_lines<T: Serialize>(key: &str, count: usize, records: impl Iterator<Item = T>) -> String {
    let mut out = String::with_capacity(count * 512 + 32);
    out.push_str("{\"");
    out.push_str(key);
    out.push_str("\": [");
    for (i, r) in records.enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(&r).expect("plain data serializes"));
    }
    out.push_str("\n]}\n");
    out
}

/// Text around a quote inside its block: (prefix, suffix), at most 32 characters each.
fn context(s: &SourcePage, paragraph: u32, offset: usize, len: usize) -> (String, String) {
    let Some(block) = s.doc.blocks.iter().find(|b| b.paragraph == paragraph) else {
        return (String::new(), String::new());
    };
    let text = &block.text;
    if offset + len > text.len()
        || !text.is_char_boundary(offset)
        || !text.is_char_boundary(offset + len)
    {
        return (String::new(), String::new());
    }
    let before: String = {
        let chars: Vec<char> = text[..offset].chars().rev().take(32).collect();
        chars.into_iter().rev().collect()
    };
    let after: String = text[offset + len..].chars().take(32).collect();
    (before, after)
}

fn status(reviewed: &BTreeSet<String>, id: &str) -> &'static str {
    if reviewed.contains(id) {
        "reviewed"
    } else {
        "extracted"
    }
}

fn event_record(
    urls: &Urls,
    s: &SourcePage,
    e: &Event,
    reviewed: &BTreeSet<String>,
) -> EventRecord {
    let (prefix, suffix) = context(s, e.paragraph, e.quote_offset, e.quote.len());
    let display_date = match e.end {
        Some(end) => format!("{} – {}", e.date.display_en(), end.display_en()),
        None => e.date.display_en(),
    };
    EventRecord {
        id: e.id.clone(),
        source_path: s.source.rel_path.clone(),
        source_url: urls.absolute(&s.path()),
        date: e.date.to_string(),
        end: e.end.map(|d| d.to_string()),
        precision: e.date.precision(),
        display_date,
        relative: e.relative,
        span: e.span.clone(),
        quote: e.quote.clone(),
        prefix,
        suffix,
        paragraph: e.paragraph,
        anchor: urls.absolute(&format!("{}#p-{}", s.path(), e.paragraph)),
        title: e.title.clone(),
        status: status(reviewed, &e.id),
    }
}

fn statistic_record(
    urls: &Urls,
    s: &SourcePage,
    st: &Statistic,
    reviewed: &BTreeSet<String>,
) -> StatisticRecord {
    let (prefix, suffix) = context(s, st.paragraph, st.quote_offset, st.quote.len());
    StatisticRecord {
        id: st.id.clone(),
        source_path: s.source.rel_path.clone(),
        source_url: urls.absolute(&s.path()),
        value: st.value,
        low: st.low,
        high: st.high,
        of: st.of,
        unit: st.unit.clone(),
        qualifier: st.qualifier.clone(),
        span: st.span.clone(),
        quote: st.quote.clone(),
        prefix,
        suffix,
        measure: st.measure.clone(),
        as_of: st.as_of.or(s.published).map(|d| d.to_string()),
        paragraph: st.paragraph,
        anchor: urls.absolute(&format!("{}#p-{}", s.path(), st.paragraph)),
        status: status(reviewed, &st.id),
    }
}

/// All event records of the site, in source then document order, made one at a time
/// as a file is written (at 10,000 documents they take hundreds of megabytes).
pub fn events<'a>(urls: &'a Urls, site: &'a Site) -> impl Iterator<Item = EventRecord> + 'a {
    site.sources
        .iter()
        .flat_map(|s| s.facts.events.iter().map(move |e| (s, e)))
        .map(|(s, e)| event_record(urls, s, e, &site.corrections.reviewed))
}

/// All statistic records of the site, in source then document order.
pub fn statistics<'a>(
    urls: &'a Urls,
    site: &'a Site,
) -> impl Iterator<Item = StatisticRecord> + 'a {
    site.sources
        .iter()
        .flat_map(|s| s.facts.statistics.iter().map(move |st| (s, st)))
        .map(|(s, st)| statistic_record(urls, s, st, &site.corrections.reviewed))
}

/// A CSV cell: quoted when needed (RFC 4180), and a leading `=`, `+`, `-` or `@` in
/// text is prefixed with `'` so spreadsheets do not run document text as a formula.
fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|n| {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        }
    })
    .unwrap_or_default()
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One of the published data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// `data/events.json`.
    EventsJson,
    /// `data/statistics.json`.
    StatisticsJson,
    /// `data/events.csv`.
    EventsCsv,
    /// `data/statistics.csv`.
    StatisticsCsv,
}

impl DataFile {
    /// Every data file, in the order of the file list.
    pub const ALL: [DataFile; 4] = [
        DataFile::EventsJson,
        DataFile::StatisticsJson,
        DataFile::EventsCsv,
        DataFile::StatisticsCsv,
    ];

    /// Its path inside the site.
    pub fn path(self) -> &'static str {
        match self {
            DataFile::EventsJson => "data/events.json",
            DataFile::StatisticsJson => "data/statistics.json",
            DataFile::EventsCsv => "data/events.csv",
            DataFile::StatisticsCsv => "data/statistics.csv",
        }
    }

    fn origin(self) -> &'static str {
        match self {
            DataFile::EventsJson => "events data",
            DataFile::StatisticsJson => "statistics data",
            DataFile::EventsCsv => "events data (CSV)",
            DataFile::StatisticsCsv => "statistics data (CSV)",
        }
    }
}

/// One data file (each is made on its own, so they can be made in parallel and only
/// one at a time need be in memory).
pub fn file(kind: DataFile, urls: &Urls, site: &Site) -> OutputFile {
    // One record per line: compact for large sites, still readable and diff-friendly.
    let count = |n: fn(&SourcePage) -> usize| site.sources.iter().map(n).sum();
    let text = match kind {
        DataFile::EventsJson => json_lines(
            "events",
            count(|s| s.facts.events.len()),
            events(urls, site),
        ),
        DataFile::StatisticsJson => json_lines(
            "statistics",
            count(|s| s.facts.statistics.len()),
            statistics(urls, site),
        ),
        DataFile::EventsCsv => events_csv(events(urls, site)),
        DataFile::StatisticsCsv => statistics_csv(statistics(urls, site)),
    };
    OutputFile::new(kind.path(), text, kind.origin())
}

/// The data files: JSON and CSV for events and statistics.
pub fn files(urls: &Urls, site: &Site) -> Vec<OutputFile> {
    DataFile::ALL.map(|kind| file(kind, urls, site)).to_vec()
}

fn events_csv(records: impl Iterator<Item = EventRecord>) -> String {
    csv(
        &[
            "id",
            "source_path",
            "source_url",
            "date",
            "end",
            "precision",
            "display_date",
            "relative",
            "span",
            "quote",
            "paragraph",
            "anchor",
            "title",
            "status",
        ],
        records.map(|e| {
            vec![
                cell(&e.id),
                cell(&e.source_path),
                cell(&e.source_url),
                e.date.clone(),
                e.end.clone().unwrap_or_default(),
                format!("{:?}", e.precision).to_lowercase(),
                cell(&e.display_date),
                e.relative.to_string(),
                cell(&e.span),
                cell(&e.quote),
                e.paragraph.to_string(),
                cell(&e.anchor),
                cell(&e.title),
                e.status.to_string(),
            ]
        }),
    )
}

fn statistics_csv(records: impl Iterator<Item = StatisticRecord>) -> String {
    csv(
        &[
            "id",
            "source_path",
            "source_url",
            "value",
            "low",
            "high",
            "of",
            "unit",
            "qualifier",
            "span",
            "quote",
            "measure",
            "as_of",
            "paragraph",
            "anchor",
            "status",
        ],
        records.map(|s| {
            vec![
                cell(&s.id),
                cell(&s.source_path),
                cell(&s.source_url),
                num(s.value),
                num(s.low),
                num(s.high),
                num(s.of),
                cell(&s.unit),
                cell(&s.qualifier),
                cell(&s.span),
                cell(&s.quote),
                cell(&s.measure),
                s.as_of.clone().unwrap_or_default(),
                s.paragraph.to_string(),
                cell(&s.anchor),
                s.status.to_string(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_guarded() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(num(Some(2500000000.0)), "2500000000");
        assert_eq!(num(Some(2.5)), "2.5");
    }

    #[test]
    fn json_lines_is_valid_json_with_one_record_per_line() {
        let out = json_lines(
            "events",
            2,
            [
                serde_json::json!({"a": 1}),
                serde_json::json!({"b": "x\ny"}),
            ]
            .into_iter(),
        );
        assert_eq!(out, "{\"events\": [\n{\"a\":1},\n{\"b\":\"x\\ny\"}\n]}\n");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["events"].as_array().unwrap().len(), 2);
        assert_eq!(
            json_lines("events", 0, std::iter::empty::<u8>()),
            "{\"events\": [\n]}\n"
        );
    }
}
