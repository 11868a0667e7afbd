//! Data: the extracted facts published as open data.
//!
//! In: the composed [`Site`]. Out: `data/sources.json`, `data/events.json`,
//! `data/statistics.json`, their CSV twins (UTF-8 with a byte-order mark, so Excel keeps
//! accents) and `data/datapackage.json` describing the CSVs, in the schema declared in
//! [`schema`] and documented in the README ("Data contract"). Each fact carries its
//! provenance: source file and title, page URL, paragraph anchor, the verbatim sentence
//! and, like a W3C TextQuoteSelector, a little text before and after it.

use crate::model::records::{EventRecord, Provenance, StatisticRecord};
use crate::util::url::paths;
pub mod schema;
pub mod schema_es;
mod timelinejs;

use crate::input::config::Config;
use crate::model::site::{Site, SourcePage};
use crate::output::OutputFile;
use crate::util::url::Urls;
use serde::Serialize;

/// `{"key": [` + one compact JSON record per line + `]}`: valid JSON, much smaller than
/// pretty-printing, and a changed fact is a one-line diff.
fn json_lines<T: Serialize>(key: &str, count: usize, records: impl Iterator<Item = T>) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(count * 512 + 32);
    out.extend_from_slice(b"{\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\": [");
    for (i, r) in records.enumerate() {
        if i == SAMPLE {
            reserve_for_rest(&mut out, i, count);
        }
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, &r).expect("plain data serializes");
    }
    out.extend_from_slice(b"\n]}\n");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Records written before [`reserve_for_rest`] sizes the rest of a large data file.
const SAMPLE: usize = 256;

/// Makes room for the `count - done` records still to come, at the size of those so
/// far (plus an eighth), so that a file of hundreds of megabytes is not copied as it
/// grows.
fn reserve_for_rest(out: &mut Vec<u8>, done: usize, count: usize) {
    let rest = count.saturating_sub(done);
    let average = out.len() / done.max(1);
    let want = out.len() + rest * average / 8 * 9;
    out.reserve(want.saturating_sub(out.len()));
}

/// Where the facts of one source page are published.
fn provenance<'a>(urls: &Urls, site: &'a Site, s: &'a SourcePage) -> Provenance<'a> {
    let page_url = urls.absolute(&s.path());
    Provenance {
        source_path: s.source.rel_path.clone(),
        source_title: s.title.clone(),
        source_url: Some(page_url.clone()),
        page_url,
        blocks: &s.doc.blocks,
        anchors: &s.anchors,
        pdf_url: s
            .published_pdf()
            .map(|f| urls.absolute(&format!("{}{f}", s.path()))),
        published: s.published,
        reviewed: &site.corrections.reviewed,
    }
}

/// All event records of the site, in source then document order, made one at a time
/// as a file is written (at 10,000 documents they take hundreds of megabytes).
pub fn events<'a>(urls: &'a Urls, site: &'a Site) -> impl Iterator<Item = EventRecord> + 'a {
    site.sources.iter().flat_map(move |s| {
        let p = provenance(urls, site, s);
        s.facts.events.iter().map(move |e| EventRecord::new(e, &p))
    })
}

/// All statistic records of the site, in source then document order.
pub fn statistics<'a>(
    urls: &'a Urls,
    site: &'a Site,
) -> impl Iterator<Item = StatisticRecord> + 'a {
    site.sources.iter().flat_map(move |s| {
        let p = provenance(urls, site, s);
        s.facts
            .statistics
            .iter()
            .map(move |st| StatisticRecord::new(st, &p))
    })
}

/// A CSV text cell: a leading `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets
/// do not run document text as a formula (quoting is the `csv` crate's job).
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
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

/// The byte-order mark that opens every CSV: without it Excel reads UTF-8 as the
/// system's code page and "México" becomes "MÃ©xico". Other readers skip it.
pub const BOM: char = '\u{feff}';

/// RFC 4180 CSV (CRLF line ends, fields quoted when needed) with a header row, after a
/// byte-order mark. A row of another length than the header is a bug, and panics.
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_string().into_bytes());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(&row).expect("rows as long as the header");
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("UTF-8 cells make UTF-8 CSV")
}

/// One of the published data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// `data/sources.json`.
    SourcesJson,
    /// `data/events.json`.
    EventsJson,
    /// `data/statistics.json`.
    StatisticsJson,
    /// `data/sources.csv`.
    SourcesCsv,
    /// `data/events.csv`.
    EventsCsv,
    /// `data/statistics.csv`.
    StatisticsCsv,
    /// `data/datapackage.json`.
    DataPackage,
}

impl DataFile {
    /// Every data file, in the order of the file list.
    pub const ALL: [DataFile; 7] = [
        DataFile::SourcesJson,
        DataFile::EventsJson,
        DataFile::StatisticsJson,
        DataFile::SourcesCsv,
        DataFile::EventsCsv,
        DataFile::StatisticsCsv,
        DataFile::DataPackage,
    ];

    /// Its path inside the site.
    pub fn path(self) -> &'static str {
        match self {
            DataFile::SourcesJson => schema::SOURCES.json,
            DataFile::EventsJson => schema::EVENTS.json,
            DataFile::StatisticsJson => schema::STATISTICS.json,
            DataFile::SourcesCsv => schema::SOURCES.csv,
            DataFile::EventsCsv => schema::EVENTS.csv,
            DataFile::StatisticsCsv => schema::STATISTICS.csv,
            DataFile::DataPackage => paths::DATAPACKAGE,
        }
    }

    fn origin(self) -> &'static str {
        match self {
            DataFile::SourcesJson => "sources data",
            DataFile::EventsJson => "events data",
            DataFile::StatisticsJson => "statistics data",
            DataFile::SourcesCsv => "sources data (CSV)",
            DataFile::EventsCsv => "events data (CSV)",
            DataFile::StatisticsCsv => "statistics data (CSV)",
            DataFile::DataPackage => "data package (datapackage.json)",
        }
    }
}

/// One row of `data/sources.json`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRecord {
    /// `sources/<file name>`.
    pub path: String,
    /// The title shown.
    pub title: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// The credit line its licence asks for.
    pub attribution: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// When, at the precision known.
    pub published: Option<String>,
    /// The document's own address.
    pub url: Option<String>,
    /// Its page on the site.
    pub page_url: String,
    /// Licence, `unknown` or `all-rights-reserved`.
    pub rights: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Whether its full text is published.
    pub full_text: bool,
    /// Events taken from it.
    pub events: usize,
    /// Figures taken from it.
    pub statistics: usize,
}

/// The source records of the site, in file-name order.
pub fn sources<'a>(urls: &'a Urls, site: &'a Site) -> impl Iterator<Item = SourceRecord> + 'a {
    site.sources.iter().map(|s| {
        let meta = &s.source.meta;
        SourceRecord {
            path: s.source.rel_path.clone(),
            title: s.title.clone(),
            author: s.author().map(str::to_string),
            attribution: meta.attribution.clone(),
            publisher: meta.publisher.clone(),
            published: s.published.map(|d| d.to_string()),
            url: meta.url.clone(),
            page_url: urls.absolute(&s.path()),
            rights: meta.rights.clone(),
            language: meta.language.clone(),
            full_text: s.full_text,
            events: s.facts.events.len(),
            statistics: s.facts.statistics.len(),
        }
    })
}

/// One data file (each is made on its own, so they can be made in parallel and only
/// one at a time need be in memory).
pub fn file(kind: DataFile, urls: &Urls, site: &Site, config: &Config) -> OutputFile {
    // One record per line: compact for large sites, still readable and diff-friendly.
    let count = |n: fn(&SourcePage) -> usize| site.sources.iter().map(n).sum();
    let text = match kind {
        DataFile::SourcesJson => json_lines("sources", site.sources.len(), sources(urls, site)),
        DataFile::SourcesCsv => sources_csv(sources(urls, site)),
        DataFile::DataPackage => {
            schema::datapackage(&config.title, &config.description, &urls.absolute(""))
        }
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

fn events_csv(records: impl Iterator<Item = EventRecord>) -> String {
    csv(
        &schema::EVENTS.header(),
        records.map(|e| {
            vec![
                cell(&e.id),
                cell(&e.source_path),
                cell(&e.source_title),
                cell(e.source_url.as_deref().unwrap_or_default()),
                e.date.clone(),
                e.end.clone().unwrap_or_default(),
                format!("{:?}", e.precision).to_lowercase(),
                cell(&e.display_date),
                e.relative.to_string(),
                cell(&e.span),
                cell(&e.quote),
                e.paragraph.to_string(),
                e.page.map(|p| p.to_string()).unwrap_or_default(),
                cell(e.pdf_url.as_deref().unwrap_or_default()),
                cell(&e.anchor),
                cell(&e.text_url),
                cell(&e.title),
                e.status.to_string(),
            ]
        }),
    )
}

fn sources_csv(records: impl Iterator<Item = SourceRecord>) -> String {
    let text = |t: &Option<String>| cell(t.as_deref().unwrap_or_default());
    csv(
        &schema::SOURCES.header(),
        records.map(|s| {
            vec![
                cell(&s.path),
                cell(&s.title),
                text(&s.author),
                text(&s.attribution),
                text(&s.publisher),
                s.published.clone().unwrap_or_default(),
                text(&s.url),
                cell(&s.page_url),
                text(&s.rights),
                text(&s.language),
                s.full_text.to_string(),
                s.events.to_string(),
                s.statistics.to_string(),
            ]
        }),
    )
}

fn statistics_csv(records: impl Iterator<Item = StatisticRecord>) -> String {
    csv(
        &schema::STATISTICS.header(),
        records.map(|s| {
            vec![
                cell(&s.id),
                cell(&s.source_path),
                cell(&s.source_title),
                cell(s.source_url.as_deref().unwrap_or_default()),
                num(s.value),
                num(s.low),
                num(s.high),
                num(s.of),
                cell(&s.unit),
                s.qualifier.to_string(),
                cell(&s.span),
                cell(&s.quote),
                cell(&s.measure),
                s.as_of.clone().unwrap_or_default(),
                s.paragraph.to_string(),
                s.page.map(|p| p.to_string()).unwrap_or_default(),
                cell(s.pdf_url.as_deref().unwrap_or_default()),
                cell(&s.anchor),
                cell(&s.text_url),
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
        let row = |cells: &[&str]| {
            let cells = cells.iter().map(|c| cell(c)).collect();
            csv(&["h1", "h2"], std::iter::once(cells))
        };
        let row = |cells: &[&str]| row(cells).strip_prefix(BOM).unwrap().to_string();
        assert_eq!(row(&["plain", "a, b"]), "h1,h2\r\nplain,\"a, b\"\r\n");
        assert_eq!(
            row(&["say \"hi\"", "x"]),
            "h1,h2\r\n\"say \"\"hi\"\"\",x\r\n"
        );
        assert_eq!(
            row(&["=HYPERLINK(\"x\")", "-1"]),
            "h1,h2\r\n\"'=HYPERLINK(\"\"x\"\")\",'-1\r\n"
        );
        assert_eq!(row(&["two\nlines", ""]), "h1,h2\r\n\"two\nlines\",\r\n");
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
