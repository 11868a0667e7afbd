//! Review: extracted facts put in front of an editor, and the editor's decisions
//! written to the corrections file.
//!
//! In: the facts of each source ([`SourceFacts`], from [`crate::render_site`]) and the
//! corrections file (default `content/corrections.toml`). Out: a plain-text report of
//! each event and figure with the sentence it came from, and new `[[correction]]`
//! entries appended at the end of the corrections file.
//!
//! What the editor wrote is never rewritten: decisions are only appended, and the file
//! is read again just before writing; if it changed since it was first read (an editor
//! saved it meanwhile), nothing is written and the caller gets an error saying so.
//! Applying corrections is the extraction stage's job, not this module's.

use crate::SourceFacts;
use crate::model::facts::{Event, Qualifier, Statistic};
use crate::util::error::Error;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Keys a `fix` correction may set.
pub const FIX_KEYS: &[&str] = &[
    "date",
    "end",
    "relative",
    "title",
    "value",
    "low",
    "high",
    "of",
    "unit",
    "qualifier",
    "measure",
    "as_of",
];

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

    fn quote_parts(&self) -> (&str, &str, usize, u32) {
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
    let _ = writeln!(
        out,
        "{} facts to review: {events} events, {} figures.",
        items.len(),
        items.len() - events
    );
    out
}

use crate::input::corrections::Action;

/// One `[[correction]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The fact's id.
    pub id: String,
    /// What to do with it.
    pub action: Action,
    /// The editor's reason, if given.
    pub note: Option<String>,
    /// For [`Action::Fix`]: the fields to replace (keys from [`FIX_KEYS`]).
    pub fix: toml::Table,
}

impl Decision {
    /// A decision without a note or fixes.
    pub fn new(id: impl Into<String>, action: Action) -> Self {
        Decision {
            id: id.into(),
            action,
            note: None,
            fix: toml::Table::new(),
        }
    }
}

/// The TOML text of `decisions`, one `[[correction]]` table each, with a comment line
/// first. Errors on a fix key that is not in [`FIX_KEYS`].
pub fn format_decisions(decisions: &[Decision]) -> Result<String, String> {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::from("\n# Added by `brief review`.\n");
    for d in decisions {
        let _ = writeln!(out, "[[correction]]");
        let _ = writeln!(out, "id = {}", quote(&d.id));
        let _ = writeln!(out, "action = {}", quote(d.action.as_str()));
        if let Some(note) = d.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = writeln!(out, "note = {}", quote(note.trim()));
        }
        for (key, value) in &d.fix {
            if !FIX_KEYS.contains(&key.as_str()) {
                return Err(format!(
                    "`{key}` cannot be fixed; use one of: {}",
                    FIX_KEYS.join(", ")
                ));
            }
            let _ = writeln!(out, "{key} = {value}");
        }
        out.push('\n');
    }
    Ok(out)
}

/// The corrections file as it was when read, so that decisions can be appended safely.
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

    /// Appends `decisions` at the end of the file (creating it if it did not exist).
    /// Refuses, writing nothing, if the file changed since it was read, or if the
    /// result would not be valid TOML.
    pub fn append(&mut self, decisions: &[Decision]) -> Result<(), Error> {
        if decisions.is_empty() {
            return Ok(());
        }
        let now = CorrectionsFile::read(&self.path)?;
        if now.original != self.original {
            return Err(Error::Invalid {
                path: self.path.clone(),
                line: None,
                message: "changed since `brief review` read it (was it edited meanwhile?); \
                          nothing was written. Run `brief review` again"
                    .into(),
            });
        }
        let invalid = |message: String| Error::Invalid {
            path: self.path.clone(),
            line: None,
            message,
        };
        let before = self.text()?;
        let mut added = format_decisions(decisions).map_err(invalid)?;
        if !before.is_empty() && !before.ends_with('\n') {
            added.insert(0, '\n');
        }
        if before.is_empty() {
            added = added.trim_start().to_string();
        }
        let after = format!("{before}{added}");
        if let Err(e) = toml::from_str::<toml::Table>(&after) {
            return Err(invalid(format!(
                "appending the decisions would make the file invalid ({}); \
                 does it define `correction` as something other than [[correction]] tables?",
                e.message().trim()
            )));
        }
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .append(self.original.is_some())
            .create_new(self.original.is_none())
            .write(true)
            .open(&self.path)
            .map_err(|e| Error::io(&self.path, e))?;
        file.write_all(added.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| Error::io(&self.path, e))?;
        let mut bytes = self.original.take().unwrap_or_default();
        bytes.extend_from_slice(added.as_bytes());
        self.original = Some(bytes);
        Ok(())
    }
}

/// Asks about each item in turn: one line per fact from `input`, starting with `a`
/// (approve), `d` (drop), `f` (fix), `s` (skip) or `q` (quit); anything after the
/// letter is kept as the note (`d duplicate of the March figure`). A fix lists
/// `key=value` pairs first, then the note: `f value=1200 unit=people the report says
/// 1,200`; a bad key or value is reported and asked again. End of input quits. Returns
/// the decisions made, in order.
pub fn interactive(
    items: &[ReviewItem],
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> std::io::Result<Vec<Decision>> {
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
            decisions.push(Decision {
                note: (!note.is_empty()).then(|| note.to_string()),
                fix,
                ..Decision::new(item.fact.id(), action)
            });
            break;
        }
        writeln!(output)?;
    }
    Ok(decisions)
}

/// Splits the text after `f` into its leading `key=value` pairs and the note after
/// them. A value is read as TOML when it is one (`1200`, `true`, `"two words"`), else
/// as a string (`people`, `2019-03`). Keys must be in [`FIX_KEYS`].
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
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if raw.is_empty() {
            return Err(format!("`{key}` has no value"));
        }
        let value = toml::from_str::<toml::Table>(&format!("v = {raw}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .filter(|v| !matches!(v, toml::Value::Datetime(_)))
            .unwrap_or_else(|| toml::Value::String(raw.trim_matches('"').to_string()));
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
        assert!(report.ends_with("2 facts to review: 1 events, 1 figures.\n"));
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
        file.append(&[Decision::new("ev-3", Action::Approve), fix])
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
        // A second append from the same reader works: it knows what it wrote.
        file.append(&[Decision::new("ev-4", Action::Drop)]).unwrap();
        assert_eq!(
            CorrectionsFile::read(&path).unwrap().ids().unwrap().len(),
            4
        );
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/corrections.toml");
        let mut file = CorrectionsFile::read(&path).unwrap();
        assert!(file.ids().unwrap().is_empty());
        file.append(&[Decision::new("ev-1", Action::Approve)])
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# Added by `brief review`.\n[[correction]]\n"),
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
            .append(&[Decision::new("ev-1", Action::Drop)])
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
        assert!(file.append(&[Decision::new("ev-1", Action::Drop)]).is_err());
    }

    #[test]
    fn bad_fix_keys_and_bad_toml_are_refused() {
        let mut d = Decision::new("ev-1", Action::Fix);
        d.fix.insert("colour".into(), "red".into());
        assert!(format_decisions(&[d]).unwrap_err().contains("colour"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        std::fs::write(&path, "correction = 3\n").unwrap();
        let mut file = CorrectionsFile::read(&path).unwrap();
        assert!(file.append(&[Decision::new("ev-1", Action::Drop)]).is_err());
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
        assert_eq!(decisions[0].action, Action::Drop);
        assert_eq!(decisions[0].note.as_deref(), Some("too vague"));
        let mut input = std::io::Cursor::new("s\na\n");
        let decisions = interactive(&items, &mut input, &mut Vec::new()).unwrap();
        assert_eq!(
            decisions,
            vec![Decision::new("st-0a1b2c3d4e", Action::Approve)]
        );
    }

    #[test]
    fn interactive_fix_takes_key_value_pairs_then_a_note() {
        let f = facts();
        let items = review_items(&f, &HashSet::new(), false);
        // A bad key and a fix without fields are asked again; the third answer counts.
        let mut input = std::io::Cursor::new(
            "f colour=red\nf\nf value=1200 unit=people qualifier=\"more than\" as_of=2019-03 the report says 1,200\n",
        );
        let mut out = Vec::new();
        let decisions = interactive(&items, &mut input, &mut out).unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert!(shown.contains("`colour` cannot be fixed"), "{shown}");
        assert!(shown.contains("a fix needs key=value pairs"), "{shown}");
        assert_eq!(decisions.len(), 1);
        let d = &decisions[0];
        assert_eq!(d.action, Action::Fix);
        assert_eq!(d.note.as_deref(), Some("the report says 1,200"));
        assert_eq!(d.fix["value"].as_integer(), Some(1200));
        assert_eq!(d.fix["unit"].as_str(), Some("people"));
        assert_eq!(d.fix["qualifier"].as_str(), Some("more than"));
        assert_eq!(d.fix["as_of"].as_str(), Some("2019-03"));
        // What is written back parses and keeps the typed value.
        let text = format_decisions(&decisions).unwrap();
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let entry = &parsed["correction"].as_array().unwrap()[0];
        assert_eq!(entry["value"].as_integer(), Some(1200));
        assert_eq!(entry["action"].as_str(), Some("fix"));
    }
}
