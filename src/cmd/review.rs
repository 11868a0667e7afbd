//! Review: extracted facts put in front of an editor, and the editor's decisions
//! written to the corrections file.
//!
//! In: the facts of each source ([`SourceFacts`], from [`crate::render_site`]) and the
//! corrections file (default `content/corrections.toml`). Out: a plain-text report of
//! each event and figure with the sentence it came from, and `[[correction]]` tables
//! written to the corrections file ([`CorrectionsFile::write`], also used by the review
//! page of `brief serve`).
//!
//! Every decision is checked by [`Draft::check`] (the corrections reader's own check)
//! before anything is written. Writing keeps what the editor wrote, comments and order:
//! a fact without a correction gets a new table at the end of the `[[correction]]`
//! list; a fact that has one gets that table updated in place (its comment lines and
//! the inline comments of the keys it keeps stay). The whole new text is read back by
//! the build's reader, then written to a temporary file beside the original, synced
//! and renamed over it. If the file changed since it was read (an editor saved it
//! meanwhile), nothing is written and the caller gets an error saying so. Applying
//! corrections is the compose stage's job, not this module's.

use crate::SourceFacts;
use crate::input::corrections::{Action, Corrections, Entry, Kind};
pub use crate::input::corrections::{Checked, Draft, FIX_KEYS};
use crate::model::facts::{Event, Qualifier, Statistic};
use crate::util::error::Error;
use crate::util::number::counted;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// One decision of the editor (`[[correction]]` to be): see [`Draft`].
pub type Decision = Draft;

/// An event or a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FactRef<'a> {
    /// A dated event.
    Event(&'a Event),
    /// A figure.
    Statistic(&'a Statistic),
}

impl FactRef<'_> {
    /// The fact's stable id.
    pub fn id(&self) -> &str {
        match self {
            FactRef::Event(e) => &e.id,
            FactRef::Statistic(s) => &s.id,
        }
    }

    /// Event or statistic.
    pub fn kind(&self) -> Kind {
        match self {
            FactRef::Event(_) => Kind::Event,
            FactRef::Statistic(_) => Kind::Statistic,
        }
    }

    /// The sentence, the exact words inside it, their offset in it, and the paragraph.
    pub fn quote_parts(&self) -> (&str, &str, usize, u32) {
        match self {
            FactRef::Event(e) => (&e.quote, &e.span, e.span_offset, e.paragraph),
            FactRef::Statistic(s) => (&s.quote, &s.span, s.span_offset, s.paragraph),
        }
    }
}

/// One fact to review, with the source it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewItem<'a> {
    /// The source.
    pub source: &'a SourceFacts,
    /// The fact.
    pub fact: FactRef<'a>,
}

/// The facts to review, source by source, events before figures. Facts whose id is in
/// `decided` are left out unless `all` is set.
pub fn review_items<'a>(
    facts: &'a [SourceFacts],
    decided: &HashSet<String>,
    all: bool,
) -> Vec<ReviewItem<'a>> {
    let mut items = Vec::new();
    for source in facts {
        let events = source.facts.events.iter().map(|e| FactRef::Event(e));
        let stats = source
            .facts
            .statistics
            .iter()
            .map(|s| FactRef::Statistic(s));
        for fact in events.chain(stats) {
            if all || !decided.contains(fact.id()) {
                items.push(ReviewItem { source, fact });
            }
        }
    }
    items
}

/// The quote with its exact words marked «like this» (the quote as is if the span
/// cannot be found in it).
pub fn mark_span(quote: &str, span: &str, span_offset: usize) -> String {
    let at = match quote.get(span_offset..span_offset + span.len()) {
        Some(s) if s == span && !span.is_empty() => Some(span_offset),
        _ if span.is_empty() => None,
        _ => quote.find(span),
    };
    match at {
        Some(i) => format!(
            "{}«{}»{}",
            &quote[..i],
            &quote[i..i + span.len()],
            &quote[i + span.len()..]
        ),
        None => quote.to_string(),
    }
}

/// A number for editors: `13000` → `13,000`, `2.5` stays.
fn number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = (v.abs() as i64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// One fact as the editor sees it; `n` of `total` numbers it.
pub fn format_item(item: &ReviewItem, n: usize, total: usize) -> String {
    let (quote, span, span_offset, paragraph) = item.fact.quote_parts();
    let mut out = String::new();
    let kind = match item.fact {
        FactRef::Event(_) => "event",
        FactRef::Statistic(_) => "figure",
    };
    let _ = writeln!(
        out,
        "[{n}/{total}] {kind} {}  ({} ¶{paragraph}: {})",
        item.fact.id(),
        item.source.source,
        item.source.title
    );
    match item.fact {
        FactRef::Event(e) => {
            let mut date = e.date.to_string();
            if let Some(end) = e.end {
                let _ = write!(date, " to {end}");
            }
            if e.relative {
                date.push_str(" (worked out from context)");
            }
            let _ = writeln!(out, "  date:     {date}");
            let _ = writeln!(out, "  title:    {}", e.title);
        }
        FactRef::Statistic(s) => {
            let mut value = match (s.value, s.low, s.high) {
                (Some(v), _, _) => number(v),
                (None, Some(l), Some(h)) => format!("{}–{}", number(l), number(h)),
                (None, Some(l), None) => format!("{} or more", number(l)),
                (None, None, Some(h)) => format!("up to {}", number(h)),
                (None, None, None) => "?".into(),
            };
            if let Some(of) = s.of {
                let _ = write!(value, " of {}", number(of));
            }
            let qualifier = if s.qualifier == Qualifier::Exact {
                String::new()
            } else {
                format!("{} ", s.qualifier)
            };
            let _ = writeln!(out, "  value:    {qualifier}{value} {}", s.unit);
            let _ = writeln!(out, "  measure:  {}", s.measure);
            if let Some(d) = s.as_of {
                let _ = writeln!(out, "  as of:    {d}");
            }
        }
    }
    let _ = writeln!(
        out,
        "  quote:    \"{}\"",
        mark_span(quote, span, span_offset)
    );
    out
}

/// The whole report (`brief review --list`).
pub fn format_report(items: &[ReviewItem]) -> String {
    if items.is_empty() {
        return "No facts to review.\n".into();
    }
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        out.push_str(&format_item(item, i + 1, items.len()));
        out.push('\n');
    }
    let events = items
        .iter()
        .filter(|i| matches!(i.fact, FactRef::Event(_)))
        .count();
    let figures = items.len() - events;
    let _ = writeln!(
        out,
        "{} to review: {}, {}.",
        counted(items.len(), "fact", "facts"),
        counted(events, "event", "events"),
        counted(figures, "figure", "figures")
    );
    out
}

/// The corrections file as it was when read, so that decisions can be written safely.
#[derive(Debug, Clone)]
pub struct CorrectionsFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its bytes when read (`None`: it did not exist).
    original: Option<Vec<u8>>,
}

impl CorrectionsFile {
    /// Reads the file at `path`; a missing file is an empty one.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let original = match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(path, e)),
        };
        Ok(CorrectionsFile {
            path: path.to_path_buf(),
            original,
        })
    }

    /// The text as read (empty for a missing file).
    fn text(&self) -> Result<String, Error> {
        match &self.original {
            None => Ok(String::new()),
            Some(b) => String::from_utf8(b.clone()).map_err(|e| Error::NotUtf8 {
                path: self.path.clone(),
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// The file read by the build's reader.
    pub fn corrections(&self) -> Result<Corrections, Error> {
        Corrections::parse(&self.path, self.text()?)
    }

    /// The ids that already have a `[[correction]]`, in file order. Malformed TOML is
    /// an error naming the line and column.
    pub fn ids(&self) -> Result<Vec<String>, Error> {
        let text = self.text()?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| Error::toml(&self.path, &text, &e))?;
        let mut ids = Vec::new();
        if let Some(entries) = table.get("correction").and_then(|c| c.as_array()) {
            for entry in entries {
                if let Some(id) = entry.get("id").and_then(|i| i.as_str()) {
                    ids.push(id.to_string());
                }
            }
        }
        Ok(ids)
    }

    /// The last `[[correction]]` of the fact `id`, as the build reads it.
    pub fn entry(&self, id: &str) -> Result<Option<Entry>, Error> {
        Ok(self
            .corrections()?
            .correction
            .into_iter()
            .rfind(|e| e.id.as_ref().is_some_and(|i| i.get_ref() == id)))
    }

    /// Writes `decisions`: a fact that has a `[[correction]]` gets it updated in place
    /// (the last one, if there are several), any other gets a new table at the end
    /// of the list, the first of them after a `# {comment}` line when one is given.
    /// Refuses, writing nothing, if the file changed since it was read or if the build
    /// would not read the result; else replaces the file atomically (temporary file in
    /// the same folder, synced, renamed over it).
    pub fn write(&mut self, decisions: &[Checked], comment: Option<&str>) -> Result<(), Error> {
        if decisions.is_empty() {
            return Ok(());
        }
        let now = CorrectionsFile::read(&self.path)?;
        if now.original != self.original {
            return Err(Error::Invalid {
                path: self.path.clone(),
                line: None,
                message: "the file changed since the review started (saved in an editor?); \
                          nothing was written, run the review again"
                    .into(),
            });
        }
        let refuse = |why: String| Error::Invalid {
            path: self.path.clone(),
            line: None,
            message: format!("nothing was written: {why}"),
        };
        let text = self.text()?;
        let mut doc: toml_edit::DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| refuse(e.message().trim().to_string()))?;
        // Comments after the last table are the document's trailing text, which
        // toml_edit writes after every table: they go before the first new table
        // instead, so that what the editor wrote stays where it was.
        let mut trailing = doc
            .trailing()
            .as_str()
            .map(str::to_string)
            .unwrap_or_default();
        doc.set_trailing("");
        let list = doc
            .entry("correction")
            .or_insert_with(|| toml_edit::Item::ArrayOfTables(Default::default()))
            .as_array_of_tables_mut()
            .ok_or_else(|| {
                refuse(
                    "`correction` is defined as something other than [[correction]] tables".into(),
                )
            })?;
        let mut commented = comment.is_none();
        for d in decisions {
            let found = list
                .iter()
                .enumerate()
                .filter(|(_, t)| t.get("id").and_then(|i| i.as_str()) == Some(d.id.as_str()))
                .map(|(i, _)| i)
                .last();
            match found.and_then(|i| list.get_mut(i)) {
                Some(table) => update_table(table, d),
                None => {
                    let mut table = toml_edit::Table::new();
                    update_table(&mut table, d);
                    let mut prefix = std::mem::take(&mut trailing);
                    if !commented {
                        let c = comment.unwrap_or_default();
                        prefix.push_str(&format!("\n# {c}\n"));
                        commented = true;
                    } else if !list.is_empty() || !prefix.is_empty() {
                        prefix.push('\n');
                    }
                    table.decor_mut().set_prefix(prefix);
                    list.push(table);
                }
            }
        }
        doc.set_trailing(trailing);
        let mut out = doc.to_string();
        if !out.ends_with('\n') {
            out.push('\n');
        }
        // The build's own reader has the last word: what it refuses is not written.
        Corrections::parse(&self.path, out.clone()).map_err(|e| refuse(e.to_string()))?;
        write_atomically(&self.path, out.as_bytes())?;
        self.original = Some(out.into_bytes());
        Ok(())
    }
}

/// Makes `table` say what `d` says: keys it no longer has go, kept keys get their new
/// value with their comments, new keys go at the end.
fn update_table(table: &mut toml_edit::Table, d: &Checked) {
    let stale: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !d.fields.iter().any(|(f, _)| f == k))
        .collect();
    for k in stale {
        table.remove(&k);
    }
    for (key, value) in &d.fields {
        let new = match value.to_toml() {
            toml::Value::String(s) => toml_edit::Value::from(s),
            toml::Value::Integer(i) => toml_edit::Value::from(i),
            toml::Value::Float(f) => toml_edit::Value::from(f),
            toml::Value::Boolean(b) => toml_edit::Value::from(b),
            other => toml_edit::Value::from(other.to_string()),
        };
        match table.get_mut(key).and_then(|i| i.as_value_mut()) {
            Some(old) => {
                let decor = old.decor().clone();
                *old = new;
                *old.decor_mut() = decor;
            }
            None => {
                table.insert(key, toml_edit::value(new));
            }
        }
    }
}

/// Replaces the file at `path` with `bytes`, or leaves it as it was: a temporary file
/// in the same folder, synced to disk, renamed over it, and the folder synced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.brief-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    // The rename is only durable once the folder is; not all systems allow this.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Asks about each item in turn: one line per fact from `input`, starting with `a`
/// (approve), `d` (drop), `f` (fix), `s` (skip) or `q` (quit); anything after the
/// letter is kept as the note (`d duplicate of the March figure`). A fix lists
/// `key=value` pairs first, then the note: `f value=1200 unit=people the report says
/// 1,200`. A `title` or `measure` takes every word up to the next `key=` or ` -- `
/// (`f title=Single adults returned -- headline`); other values are one word unless
/// quoted (`unit="encounters per day"`). Each decision goes through [`Draft::check`];
/// a bad key or value is reported, naming the field, and asked again. End of input
/// quits. Returns the checked decisions, in order.
pub fn interactive(
    items: &[ReviewItem],
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> std::io::Result<Vec<Checked>> {
    let mut decisions = Vec::new();
    'items: for (i, item) in items.iter().enumerate() {
        write!(output, "{}", format_item(item, i + 1, items.len()))?;
        loop {
            write!(
                output,
                "  [a]pprove, [d]rop, [f]ix key=value..., [s]kip, [q]uit (a note may follow) > "
            )?;
            output.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(output)?;
                break 'items;
            }
            let line = line.trim();
            let mut chars = line.chars();
            let key = chars.next().map(|c| c.to_ascii_lowercase());
            let mut note = chars.as_str().trim();
            let mut fix = toml::Table::new();
            let action = match key {
                Some('a') => Action::Approve,
                Some('d') => Action::Drop,
                Some('f') => match parse_fix(note) {
                    Ok((fields, rest)) if !fields.is_empty() => {
                        fix = fields;
                        note = rest;
                        Action::Fix
                    }
                    Ok(_) => {
                        writeln!(
                            output,
                            "  a fix needs key=value pairs, e.g. `f value=1200 unit=people`; keys: {}",
                            FIX_KEYS.join(", ")
                        )?;
                        continue;
                    }
                    Err(e) => {
                        writeln!(output, "  {e}")?;
                        continue;
                    }
                },
                Some('s') => break,
                Some('q') => {
                    writeln!(output)?;
                    break 'items;
                }
                _ => continue,
            };
            let note = note.strip_prefix("--").unwrap_or(note).trim();
            let draft = Draft {
                note: (!note.is_empty()).then(|| note.to_string()),
                fix,
                ..Draft::new(item.fact.id(), action)
            };
            match draft.check(Some(item.fact.kind())) {
                Ok(checked) => decisions.push(checked),
                Err(e) => {
                    writeln!(output, "  {e}; nothing recorded, try again")?;
                    continue;
                }
            }
            break;
        }
        writeln!(output)?;
    }
    Ok(decisions)
}

/// Keys whose unquoted value runs over several words (up to the next `key=` or ` -- `):
/// a title must keep every word the editor typed.
const TEXT_KEYS: &[&str] = &["title", "measure"];

/// Where the unquoted value of a [`TEXT_KEYS`] key ends in `after`: before ` -- `, or
/// before the next word that starts a `key=` pair, or at the end.
fn text_value_end(after: &str) -> usize {
    let mut end = after.len();
    if let Some(i) = after.find(" --") {
        end = i;
    }
    let mut at = 0;
    for word in after.split(' ') {
        if at >= end {
            break;
        }
        if at > 0
            && let Some((k, _)) = word.split_once('=')
            && FIX_KEYS.contains(&k)
        {
            end = at - 1;
            break;
        }
        at += word.len() + 1;
    }
    end
}

/// Splits the text after `f` into its leading `key=value` pairs and the note after
/// them. A value is read as TOML when it is one (`1200`, `true`, `"two words"`), else
/// as text (`people`, `2019-03`); [`TEXT_KEYS`] take their words as text. Keys must be
/// in [`FIX_KEYS`]; the values are checked later, by [`Draft::check`].
fn parse_fix(text: &str) -> Result<(toml::Table, &str), String> {
    let mut fields = toml::Table::new();
    let mut rest = text.trim_start();
    while let Some((key, after)) = rest.split_once('=') {
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            break;
        }
        if !FIX_KEYS.contains(&key) {
            return Err(format!(
                "`{key}` cannot be fixed; use one of: {}",
                FIX_KEYS.join(", ")
            ));
        }
        let after = after.trim_start();
        let (raw, next) = if let Some(quoted) = after.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => (&after[..end + 2], &after[end + 2..]),
                None => return Err(format!("`{key}`: the quoted value has no closing \"")),
            }
        } else if TEXT_KEYS.contains(&key) {
            let end = text_value_end(after);
            (after[..end].trim_end(), &after[end..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if raw.is_empty() {
            return Err(format!("`{key}` has no value"));
        }
        let value = if TEXT_KEYS.contains(&key) && !raw.starts_with('"') {
            toml::Value::String(raw.to_string())
        } else {
            toml::from_str::<toml::Table>(&format!("v = {raw}"))
                .ok()
                .and_then(|mut t| t.remove("v"))
                .filter(|v| !matches!(v, toml::Value::Datetime(_)))
                .unwrap_or_else(|| toml::Value::String(raw.trim_matches('"').to_string()))
        };
        fields.insert(key.to_string(), value);
        rest = next.trim_start();
    }
    Ok((fields, rest.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::PartialDate;
    use crate::model::facts::Facts;

    fn facts() -> Vec<SourceFacts> {
        let quote = "Between January and March 2019, more than 1,000 people were returned.";
        vec![SourceFacts {
            source: "sources/a.txt".into(),
            title: "A report".into(),
            facts: Facts {
                events: vec![
                    Event {
                        id: "ev-3f2a9c1b0d".into(),
                        date: PartialDate::month(2019, 1).unwrap(),
                        end: PartialDate::month(2019, 3),
                        relative: false,
                        span: "Between January and March 2019".into(),
                        quote: quote.into(),
                        quote_offset: 0,
                        span_offset: 0,
                        paragraph: 4,
                        title: "People returned".into(),
                    }
                    .into(),
                ],
                statistics: vec![
                    Statistic {
                        id: "st-0a1b2c3d4e".into(),
                        value: Some(1000.0),
                        low: None,
                        high: None,
                        of: None,
                        unit: "people".into(),
                        qualifier: Qualifier::MoreThan,
                        span: "more than 1,000 people".into(),
                        quote: quote.into(),
                        quote_offset: 0,
                        span_offset: 32,
                        measure: "people returned to Mexico".into(),
                        as_of: PartialDate::month(2019, 3),
                        paragraph: 4,
                    }
                    .into(),
                ],
            },
            ..SourceFacts::default()
        }]
    }

    #[test]
    fn report_lists_each_fact_with_its_quote() {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        let report = format_report(&items);
        assert!(report.contains("[1/2] event ev-3f2a9c1b0d  (sources/a.txt ¶4: A report)"));
        assert!(report.contains("date:     2019-01 to 2019-03"), "{report}");
        assert!(report.contains("quote:    \"«Between January and March 2019», more than"));
        assert!(report.contains("[2/2] figure st-0a1b2c3d4e"));
        assert!(
            report.contains("value:    more than 1,000 people"),
            "{report}"
        );
        assert_eq!(number(-1234567.0), "-1,234,567");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(100.0), "100");
        assert!(report.contains("«more than 1,000 people»"), "{report}");
        assert!(
            report.ends_with("2 facts to review: 1 event, 1 figure.\n"),
            "{report}"
        );
        assert_eq!(counted(0, "fact", "facts"), "0 facts");
        // Decided facts are left out unless asked for.
        let decided: HashSet<String> = ["ev-3f2a9c1b0d".to_string()].into();
        assert_eq!(review_items(&f, &decided, false).len(), 1);
        assert_eq!(review_items(&f, &decided, true).len(), 2);
        assert_eq!(format_report(&[]), "No facts to review.\n");
    }

    #[test]
    fn span_marking_survives_bad_offsets() {
        assert_eq!(mark_span("añb c", "c", 99), "añb «c»");
        assert_eq!(mark_span("añb c", "c", 2), "añb «c»");
        assert_eq!(mark_span("abc", "zz", 0), "abc");
    }

    fn checked(id: &str, action: Action) -> Checked {
        Draft::new(id, action).check(None).unwrap()
    }

    #[test]
    fn decisions_are_appended_after_the_editors_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        let editor = "# My notes, keep them.\n[[correction]]\nid = \"ev-1\"\naction = \"drop\"";
        std::fs::write(&path, editor).unwrap();
        let mut file = CorrectionsFile::read(&path).unwrap();
        assert_eq!(file.ids().unwrap(), vec!["ev-1"]);
        let mut fix = Decision::new("st-2", Action::Fix);
        fix.fix.insert("value".into(), 1200.into());
        fix.fix.insert("unit".into(), "people".into());
        fix.note = Some("the report says \"1,200\"".into());
        let fix = fix.check(Some(Kind::Statistic)).unwrap();
        file.write(&[checked("ev-3", Action::Approve), fix], None)
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(editor), "{text}");
        let again = CorrectionsFile::read(&path).unwrap();
        assert_eq!(again.ids().unwrap(), vec!["ev-1", "ev-3", "st-2"]);
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let last = &parsed["correction"].as_array().unwrap()[2];
        assert_eq!(last["action"].as_str(), Some("fix"));
        assert_eq!(last["value"].as_integer(), Some(1200));
        assert_eq!(last["note"].as_str(), Some("the report says \"1,200\""));
        // A second write from the same reader works: it knows what it wrote.
        file.write(&[checked("ev-4", Action::Drop)], None).unwrap();
        assert_eq!(
            CorrectionsFile::read(&path).unwrap().ids().unwrap().len(),
            4
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_second_decision_replaces_the_first_in_place_keeping_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        let editor = "# Header.\n\n# Why this one.\n[[correction]]\nid = \"st-1\"\naction = \"fix\"\n\
                      value = 5 # was 50\nunit = \"people\"\n\n# Next.\n[[correction]]\nid = \"ev-2\"\naction = \"approve\"\n";
        std::fs::write(&path, editor).unwrap();
        let mut file = CorrectionsFile::read(&path).unwrap();
        let mut d = Draft::new("st-1", Action::Fix);
        d.fix.insert("value".into(), "7".into());
        d.note = Some("seven".into());
        file.write(&[d.check(Some(Kind::Statistic)).unwrap()], None)
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "# Header.\n\n# Why this one.\n[[correction]]\nid = \"st-1\"\naction = \"fix\"\n\
             value = 7 # was 50\nnote = \"seven\"\n\n# Next.\n[[correction]]\nid = \"ev-2\"\naction = \"approve\"\n"
        );
    }

    /// Comments after the last table stay where the editor put them, before what is
    /// added (toml_edit keeps them as the document's trailing text, written last).
    #[test]
    fn comments_at_the_end_stay_before_new_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        for editor in [
            "# Only a comment.\n",
            "[[correction]]\nid = \"ev-1\"\naction = \"drop\"\n\n# To do: ev-9.\n",
        ] {
            std::fs::write(&path, editor).unwrap();
            let mut file = CorrectionsFile::read(&path).unwrap();
            file.write(&[checked("ev-3", Action::Approve)], None)
                .unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.starts_with(editor), "{text}");
            assert!(
                text.ends_with("[[correction]]\nid = \"ev-3\"\naction = \"approve\"\n"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/corrections.toml");
        let mut file = CorrectionsFile::read(&path).unwrap();
        assert!(file.ids().unwrap().is_empty());
        file.write(
            &[checked("ev-1", Action::Approve)],
            Some("Added by `brief review`."),
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("\n# Added by `brief review`.\n[[correction]]\n"),
            "{text}"
        );
    }

    #[test]
    fn refuses_when_the_file_changed_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        std::fs::write(&path, "# v1\n").unwrap();
        let mut file = CorrectionsFile::read(&path).unwrap();
        std::fs::write(&path, "# v2, saved by the editor\n").unwrap();
        let err = file
            .write(&[checked("ev-1", Action::Drop)], None)
            .unwrap_err();
        assert!(err.to_string().contains("changed since"), "{err}");
        assert!(err.to_string().contains("corrections.toml"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# v2, saved by the editor\n"
        );
        // Created meanwhile counts too.
        let new_path = dir.path().join("new.toml");
        let mut file = CorrectionsFile::read(&new_path).unwrap();
        std::fs::write(&new_path, "").unwrap();
        assert!(file.write(&[checked("ev-1", Action::Drop)], None).is_err());
    }

    #[test]
    fn bad_fix_keys_and_bad_toml_are_refused() {
        let mut d = Decision::new("ev-1", Action::Fix);
        d.fix.insert("colour".into(), "red".into());
        assert!(d.check(None).unwrap_err().to_string().contains("colour"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        std::fs::write(&path, "correction = 3\n").unwrap();
        let mut file = CorrectionsFile::read(&path).unwrap();
        assert!(file.write(&[checked("ev-1", Action::Drop)], None).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "correction = 3\n");
        std::fs::write(&path, "x = = 1\n").unwrap();
        let file = CorrectionsFile::read(&path).unwrap();
        assert!(file.ids().unwrap_err().to_string().contains(":1:"));
    }

    #[test]
    fn interactive_reads_one_letter_per_fact() {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        let mut input = std::io::Cursor::new("x\nd  too vague \nq\n");
        let mut out = Vec::new();
        let decisions = interactive(&items, &mut input, &mut out).unwrap();
        assert_eq!(decisions.len(), 1);
        assert_eq!(
            decisions[0].to_toml(),
            "[[correction]]\nid = \"ev-3f2a9c1b0d\"\naction = \"drop\"\nnote = \"too vague\"\n"
        );
        let mut input = std::io::Cursor::new("s\na\n");
        let decisions = interactive(&items, &mut input, &mut Vec::new()).unwrap();
        assert_eq!(decisions, vec![checked("st-0a1b2c3d4e", Action::Approve)]);
    }

    /// Runs one fix answer on the figure (second item) and returns what would be
    /// written, or what the editor was told.
    fn fix_figure(answer: &str) -> Result<String, String> {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        let mut input = std::io::Cursor::new(format!("s\n{answer}\n"));
        let mut out = Vec::new();
        let decisions = interactive(&items, &mut input, &mut out).unwrap();
        match decisions.as_slice() {
            [d] => Ok(d.to_toml()),
            _ => Err(String::from_utf8(out).unwrap()),
        }
    }

    #[test]
    fn interactive_fix_takes_key_value_pairs_then_a_note() {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        // A bad key and a fix without fields are asked again; the third answer counts.
        let mut input = std::io::Cursor::new(
            "s\nf colour=red\nf\nf value=1200 unit=people qualifier=\"more than\" as_of=2019-03 the report says 1,200\n",
        );
        let mut out = Vec::new();
        let decisions = interactive(&items, &mut input, &mut out).unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert!(shown.contains("`colour` cannot be fixed"), "{shown}");
        assert!(shown.contains("a fix needs key=value pairs"), "{shown}");
        assert_eq!(decisions.len(), 1);
        let text = decisions[0].to_toml();
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let entry = &parsed["correction"].as_array().unwrap()[0];
        assert_eq!(entry["action"].as_str(), Some("fix"));
        assert_eq!(entry["note"].as_str(), Some("the report says 1,200"));
        assert_eq!(entry["value"].as_integer(), Some(1200));
        assert_eq!(entry["unit"].as_str(), Some("people"));
        assert_eq!(entry["qualifier"].as_str(), Some("more than"));
        assert_eq!(entry["as_of"].as_str(), Some("2019-03"));
    }

    /// Bug seen by users: `f as_of=2018` was written as the integer 2018, and the next
    /// build failed with "invalid type: integer". A date is written as a string.
    #[test]
    fn a_bare_year_is_written_as_a_date_string() {
        let text = fix_figure("f as_of=2018").unwrap();
        assert!(text.contains("as_of = \"2018\"\n"), "{text}");
        crate::input::corrections::Corrections::parse(Path::new("c.toml"), text).unwrap();
    }

    /// Bug seen by users: `f date=1/2/2021` was accepted, then the build failed. It is
    /// refused at once, naming the field, and nothing is recorded.
    #[test]
    fn a_date_the_build_rejects_is_refused_naming_the_field() {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        let mut input = std::io::Cursor::new("f date=1/2/2021\n");
        let mut out = Vec::new();
        let decisions = interactive(&items, &mut input, &mut out).unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert!(decisions.is_empty());
        assert!(
            shown.contains(
                "`date`: `1/2/2021` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            ),
            "{shown}"
        );
        let told = fix_figure("f value=12,000").unwrap_err();
        assert!(told.contains("`value`: `12,000` is not a number"), "{told}");
        let told = fix_figure("f qualifier=roughly").unwrap_err();
        assert!(
            told.contains("`qualifier`: `roughly` is not a qualifier"),
            "{told}"
        );
        let told = fix_figure("f title=Nope").unwrap_err();
        assert!(told.contains("`title`: a figure has no `title`"), "{told}");
    }

    /// Bug seen by users: `title=Single adults returned` without quotes stored "Single".
    /// A title takes every word up to the next `key=` or ` -- `.
    #[test]
    fn an_unquoted_title_keeps_every_word() {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        let mut input = std::io::Cursor::new(
            "f title=Single adults returned to Mexico relative=false -- from the headline\n",
        );
        let decisions = interactive(&items, &mut input, &mut Vec::new()).unwrap();
        assert_eq!(
            decisions[0].to_toml(),
            "[[correction]]\nid = \"ev-3f2a9c1b0d\"\naction = \"fix\"\nnote = \"from the headline\"\n\
             relative = false\ntitle = \"Single adults returned to Mexico\"\n"
        );
        let text = fix_figure("f measure=people returned, by month").unwrap();
        assert!(
            text.contains("measure = \"people returned, by month\""),
            "{text}"
        );
    }
}
