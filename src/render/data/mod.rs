//! Data: the extracted facts published as open data.
//!
//! In: the composed [`Site`]. Out, a record at a time into files the
//! [`Sink`] opens (at 10,000 documents they are over a gigabyte): `data/sources.json`, `data/events.json`,
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
use crate::output::{OutputFile, Sink};
use crate::util::error::Error;
use crate::util::url::Urls;
use serde::Serialize;
use std::io::Write;

/// `{"key": [` + one compact JSON record per line + `]}`: valid JSON, much smaller than
/// pretty-printing, and a changed fact is a one-line diff.
#[cfg(test)]
fn json_lines<T: Serialize>(key: &str, records: impl Iterator<Item = T>) -> String {
    let mut out = JsonLines::new(Vec::new(), key).unwrap();
    for r in records {
        out.push(&r).unwrap();
    }
    String::from_utf8(out.finish().unwrap()).unwrap()
}

/// A JSON data file written a record at a time (see `json_lines`).
struct JsonLines<W: Write> {
    out: W,
    /// Records written.
    done: usize,
}

impl<W: Write> JsonLines<W> {
    fn new(mut out: W, key: &str) -> std::io::Result<JsonLines<W>> {
        write!(out, "{{\"{key}\": [")?;
        Ok(JsonLines { out, done: 0 })
    }

    fn push<T: Serialize>(&mut self, record: &T) -> std::io::Result<()> {
        self.out
            .write_all(if self.done == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, record)?;
        self.done += 1;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(b"\n]}\n")?;
        Ok(self.out)
    }
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
#[cfg(test)]
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = Csv::new(Vec::new(), header).unwrap();
    for row in rows {
        w.push(&row).unwrap();
    }
    String::from_utf8(w.finish().unwrap()).unwrap()
}

/// A CSV data file written a row at a time (see `csv`).
struct Csv<W: Write>(csv::Writer<W>);

impl<W: Write> Csv<W> {
    fn new(mut out: W, header: &[&str]) -> std::io::Result<Csv<W>> {
        out.write_all(BOM.to_string().as_bytes())?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        w.write_record(header)?;
        Ok(Csv(w))
    }

    fn push(&mut self, row: &[String]) -> std::io::Result<()> {
        self.0.write_record(row).map_err(|e| match e.kind() {
            csv::ErrorKind::Io(_) => e.into(),
            _ => panic!("rows as long as the header: {e}"),
        })
    }

    fn finish(self) -> std::io::Result<W> {
        self.0.into_inner().map_err(|e| e.into_error())
    }
}

/// The published data files by what they hold. Each set's JSON and CSV are written in
/// one pass over its records, so a record is made once for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSet {
    /// `data/sources.json` and `data/sources.csv`.
    Sources,
    /// `data/events.json` and `data/events.csv`.
    Events,
    /// `data/statistics.json` and `data/statistics.csv`.
    Statistics,
    /// `data/datapackage.json`.
    Package,
}

impl DataSet {
    /// Every set, in the order of the file list.
    pub const ALL: [DataSet; 4] = [
        DataSet::Sources,
        DataSet::Events,
        DataSet::Statistics,
        DataSet::Package,
    ];
}

/// Writes the files of one data set into `sink`: its JSON then its CSV (or the data
/// package).
pub fn write(
    set: DataSet,
    urls: &Urls,
    site: &Site,
    config: &Config,
    sink: &dyn Sink,
) -> Result<(), Error> {
    match set {
        DataSet::Sources => json_and_csv(
            sink,
            [DataFile::SourcesJson, DataFile::SourcesCsv],
            ("sources", &schema::SOURCES.header()),
            sources(urls, site),
            source_row,
        ),
        DataSet::Events => json_and_csv(
            sink,
            [DataFile::EventsJson, DataFile::EventsCsv],
            ("events", &schema::EVENTS.header()),
            events(urls, site),
            event_row,
        ),
        DataSet::Statistics => json_and_csv(
            sink,
            [DataFile::StatisticsJson, DataFile::StatisticsCsv],
            ("statistics", &schema::STATISTICS.header()),
            statistics(urls, site),
            statistic_row,
        ),
        DataSet::Package => sink.put(package(urls, config)),
    }
}

/// A JSON file (records under `key`) and a CSV file (`header`, then a row per record)
/// from one pass over `records`, each written into `sink` a record at a time.
fn json_and_csv<T: Serialize>(
    sink: &dyn Sink,
    [json, csv]: [DataFile; 2],
    (key, header): (&str, &[&str]),
    records: impl Iterator<Item = T>,
    row: fn(&T) -> Vec<String>,
) -> Result<(), Error> {
    let json_file = sink.open(json.path().to_string(), json.origin().to_string())?;
    let csv_file = sink.open(csv.path().to_string(), csv.origin().to_string())?;
    // The errors of a failed write name the file.
    let (json_err, csv_err) = (json_file.error_for(), csv_file.error_for());
    let mut json_out = JsonLines::new(json_file, key).map_err(&json_err)?;
    let mut csv_out = Csv::new(csv_file, header).map_err(&csv_err)?;
    for r in records {
        json_out.push(&r).map_err(&json_err)?;
        csv_out.push(&row(&r)).map_err(&csv_err)?;
    }
    json_out.finish().map_err(&json_err)?.finish()?;
    csv_out.finish().map_err(&csv_err)?.finish()
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

/// `data/datapackage.json`, describing the CSVs.
fn package(urls: &Urls, config: &Config) -> OutputFile {
    let kind = DataFile::DataPackage;
    let text = schema::datapackage(&config.title, &config.description, &urls.absolute(""));
    OutputFile::new(kind.path(), text, kind.origin())
}

/// A row of `data/events.csv`.
fn event_row(e: &EventRecord) -> Vec<String> {
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
}

/// A row of `data/sources.csv`.
fn source_row(s: &SourceRecord) -> Vec<String> {
    let text = |t: &Option<String>| cell(t.as_deref().unwrap_or_default());
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
}

/// A row of `data/statistics.csv`.
fn statistic_row(s: &StatisticRecord) -> Vec<String> {
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
            json_lines("events", std::iter::empty::<u8>()),
            "{\"events\": [\n]}\n"
        );
    }
}
