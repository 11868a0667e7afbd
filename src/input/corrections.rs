//! The corrections file: the editor's fixes to what the machine extracted, as written
//! in `content/corrections.toml` (see [`crate::compose::corrections`] for what they do).
//!
//! In: the site root and the file's path under it. Out: [`Corrections`], every
//! `[[correction]]` and `[[add]]` table with its place in the file (for messages), or an
//! error naming the file, line and column. A missing file means no corrections.
//!
//! Also the one check of what an editor types ([`Draft::check`]): `brief review` and the
//! review page of `brief serve` run it before writing, and the reader runs the same
//! per-entry check ([`check_entry`]), so nothing written is refused by the next build.

use crate::model::date::PartialDate;
use crate::model::facts::Qualifier;
use crate::util::error::{Error, FieldError, line_col, read_text};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What to do with a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The fact is right as extracted.
    Approve,
    /// The fact is wrong; leave it out.
    Drop,
    /// Change some of its fields.
    Fix,
}

impl Action {
    /// The word used in the corrections file.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Drop => "drop",
            Action::Fix => "fix",
        }
    }
}

/// One `[[correction]]` or `[[add]]` table. Both share the fact fields; which of the
/// other keys are required depends on the table (checked when applied).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Entry {
    /// `[[correction]]`: id of the fact.
    pub id: Option<toml::Spanned<String>>,
    /// `[[correction]]`: what to do.
    pub action: Option<Action>,
    /// `[[add]]`: event or statistic.
    pub kind: Option<Kind>,
    /// `[[add]]`: the source, as its path under content/ (`sources/x.txt`).
    pub source: Option<toml::Spanned<String>>,
    /// `[[add]]`: the sentence, verbatim.
    pub quote: Option<String>,
    /// `[[add]]`: the exact words of the date or figure, inside `quote`.
    pub span: Option<String>,
    /// The editor's reason.
    pub note: Option<String>,
    /// Event date.
    pub date: Option<PartialDate>,
    /// Event end date (an empty string removes it). A date may be written unquoted
    /// (`end = 2024-03-04`) or as a year (`end = 2024`), as everywhere else.
    #[serde(deserialize_with = "date_text")]
    pub end: Option<String>,
    /// Event relative flag.
    pub relative: Option<bool>,
    /// Event title.
    pub title: Option<String>,
    /// Figure value.
    pub value: Option<f64>,
    /// Range low end.
    pub low: Option<f64>,
    /// Range high end.
    pub high: Option<f64>,
    /// Ratio denominator.
    pub of: Option<f64>,
    /// Unit.
    pub unit: Option<String>,
    /// Qualifier.
    pub qualifier: Option<Qualifier>,
    /// What is measured.
    pub measure: Option<String>,
    /// Date the figure refers to.
    pub as_of: Option<PartialDate>,
    /// `[[correction]]` of an event: the editor's choice for the home page's highlights
    /// (`true`), or never a highlight (`false`).
    pub highlight: Option<bool>,
}

impl Entry {
    /// The fields a `fix` of this entry sets, as TOML values (dates as text), in
    /// [`FIX_KEYS`] order.
    pub fn fix_fields(&self) -> toml::Table {
        let mut t = toml::Table::new();
        let text = |s: &str| toml::Value::String(s.to_string());
        let date = |d: &Option<PartialDate>| d.map(|d| toml::Value::String(d.to_string()));
        let num = |v: Option<f64>| v.map(toml::Value::Float);
        let fields = [
            ("date", date(&self.date)),
            ("end", self.end.as_deref().map(text)),
            ("relative", self.relative.map(toml::Value::Boolean)),
            ("title", self.title.as_deref().map(text)),
            ("value", num(self.value)),
            ("low", num(self.low)),
            ("high", num(self.high)),
            ("of", num(self.of)),
            ("unit", self.unit.as_deref().map(text)),
            ("qualifier", self.qualifier.map(|q| text(q.as_str()))),
            ("measure", self.measure.as_deref().map(text)),
            ("as_of", date(&self.as_of)),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                t.insert(key.to_string(), v);
            }
        }
        t
    }
}

/// Kind of an added fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A dated event.
    Event,
    /// A statistic.
    Statistic,
}

/// The corrections file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Corrections {
    /// Corrections of extracted facts, in file order.
    pub correction: Vec<Entry>,
    /// Facts added by hand.
    pub add: Vec<Entry>,
    /// The file's path (for messages).
    #[serde(skip)]
    pub path: PathBuf,
    /// The file's text (for line numbers).
    #[serde(skip)]
    pub text: String,
}

impl Corrections {
    /// Reads the corrections file `rel` under the site `root`; a missing file means no
    /// corrections. Messages name the file by `rel`.
    pub fn load(root: &Path, rel: &Path) -> Result<Corrections, Error> {
        let path = root.join(rel);
        if !path.exists() {
            return Ok(Corrections::default());
        }
        Corrections::parse(rel, read_text(&path)?)
    }

    /// Reads the text of a corrections file (named `rel` in messages): TOML into
    /// [`Entry`] tables, then [`check_entry`] on each. The build reads the file with
    /// this, and the writers of `brief review` and `brief serve` run their result
    /// through it before putting it in place.
    pub fn parse(rel: &Path, text: String) -> Result<Corrections, Error> {
        let mut c: Corrections = toml::from_str(&text).map_err(|e| Error::toml(rel, &text, &e))?;
        c.path = rel.to_path_buf();
        c.text = text;
        // Every bad entry is reported, not the first.
        let mut errors = Vec::new();
        for entry in c.correction.iter().chain(&c.add) {
            if let Err(e) = check_entry(entry) {
                let at = entry.id.as_ref().or(entry.source.as_ref());
                errors.push(Error::Invalid {
                    path: rel.to_path_buf(),
                    line: at.map(|s| c.line_of(s.span())),
                    message: e.to_string(),
                });
            }
        }
        Error::many(errors)?;
        Ok(c)
    }

    /// The line number of a byte offset in the file.
    pub fn line_of(&self, span: std::ops::Range<usize>) -> usize {
        line_col(&self.text, span.start).0
    }
}

/// `end` as text: quoted text as it is (`""` removes an end), an unquoted date or a year
/// as its text; [`check_entry`] then checks that it is a date.
fn date_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match toml::Value::deserialize(d)? {
        toml::Value::String(s) => Ok(Some(s)),
        toml::Value::Integer(i) => Ok(Some(i.to_string())),
        toml::Value::Datetime(dt) => match dt.date {
            Some(date) if dt.time.is_none() => Ok(Some(date.to_string())),
            _ => Err(serde::de::Error::custom(format!(
                "{dt} is not a date; write a date as 2024-03-04, 2024-03 or 2024"
            ))),
        },
        other => Err(serde::de::Error::custom(format!(
            "{} is not a date; write a date as 2024-03-04, 2024-03 or 2024",
            shown(&other)
        ))),
    }
}

/// Keys a `fix` may set on an event.
pub const EVENT_FIX_KEYS: &[&str] = FIX_KEYS.split_at(4).0;

/// Keys a `fix` may set on a statistic.
pub const STATISTIC_FIX_KEYS: &[&str] = FIX_KEYS.split_at(4).1;

/// Every key a `fix` may set, in the order they are written: an event's four, then a
/// statistic's eight.
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

/// Checks what serde cannot: an `end` that is empty or a date, numbers that are
/// finite, a title or label that is not blank. Run on every entry the build reads.
pub fn check_entry(e: &Entry) -> Result<(), FieldError> {
    if let Some(end) = &e.end
        && !end.trim().is_empty()
    {
        PartialDate::parse(end)
            .map_err(|m| FieldError::new("end", format!("{m} (or \"\" to remove the end)")))?;
    }
    for (field, v) in [
        ("value", e.value),
        ("low", e.low),
        ("high", e.high),
        ("of", e.of),
    ] {
        if v.is_some_and(|v| !v.is_finite()) {
            return Err(FieldError::new(field, "must be a finite number"));
        }
    }
    if let (Some(low), Some(high)) = (e.low, e.high)
        && low > high
    {
        return Err(FieldError::new(
            "low",
            format!("{low} is more than `high` ({high})"),
        ));
    }
    for (field, v) in [("title", &e.title), ("measure", &e.measure)] {
        if v.as_ref().is_some_and(|t| t.trim().is_empty()) {
            return Err(FieldError::new(field, "must not be empty"));
        }
    }
    Ok(())
}

/// A checked value, as the corrections file will hold it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// Text; dates are written as text too (`as_of = "2018"`).
    Text(String),
    /// A whole number.
    Integer(i64),
    /// Any other number.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
}

impl FieldValue {
    /// The value as TOML.
    pub fn to_toml(&self) -> toml::Value {
        match self {
            FieldValue::Text(s) => toml::Value::String(s.clone()),
            FieldValue::Integer(i) => toml::Value::Integer(*i),
            FieldValue::Float(f) => toml::Value::Float(*f),
            FieldValue::Bool(b) => toml::Value::Boolean(*b),
        }
    }
}

/// What a TOML value looks like to an editor (for messages).
fn shown(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

/// A date field: text or a bare year (`2018`, as the terminal reads `as_of=2018`),
/// written back as the text `"2018"`; with `empty_ok`, `""` stays (it removes an end).
fn check_date(field: &str, value: &toml::Value, empty_ok: bool) -> Result<FieldValue, FieldError> {
    let text = match value {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        other => {
            return Err(FieldError::new(
                field,
                format!(
                    "{} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
                    shown(other)
                ),
            ));
        }
    };
    if text.is_empty() && empty_ok {
        return Ok(FieldValue::Text(text));
    }
    PartialDate::parse(&text)
        .map(|d| FieldValue::Text(d.to_string()))
        .map_err(|m| FieldError::new(field, m))
}

/// A number field: a TOML number, or text holding one (a form field).
fn check_number(field: &str, value: &toml::Value) -> Result<FieldValue, FieldError> {
    let bad = || {
        FieldError::new(
            field,
            format!(
                "{} is not a number; write it with digits and an optional decimal point, without thousands separators (1200, 2.5)",
                shown(value)
            ),
        )
    };
    let checked = match value {
        toml::Value::Integer(i) => FieldValue::Integer(*i),
        toml::Value::Float(f) => FieldValue::Float(*f),
        toml::Value::String(s) => {
            let s = s.trim();
            if let Ok(i) = s.parse::<i64>() {
                FieldValue::Integer(i)
            } else if s
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
            {
                FieldValue::Float(s.parse::<f64>().map_err(|_| bad())?)
            } else {
                return Err(bad());
            }
        }
        _ => return Err(bad()),
    };
    match checked {
        FieldValue::Float(f) if !f.is_finite() => Err(bad()),
        // A whole number is written as one (`value = 1200`, not `1200.0`).
        FieldValue::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            Ok(FieldValue::Integer(f as i64))
        }
        other => Ok(other),
    }
}

/// Checks one value an editor typed for `field` (a fix key, `note` or `highlight`) and
/// returns it as the corrections file must hold it.
pub fn check_value(field: &str, value: &toml::Value) -> Result<FieldValue, FieldError> {
    let text = |empty_ok: bool| match value {
        toml::Value::String(s) if empty_ok || !s.trim().is_empty() => {
            Ok(FieldValue::Text(s.trim().to_string()))
        }
        toml::Value::String(_) => Err(FieldError::new(field, "must not be empty")),
        other => Err(FieldError::new(
            field,
            format!("{} is not text; put it in quotes", shown(other)),
        )),
    };
    match field {
        "date" | "as_of" => check_date(field, value, false),
        "end" => check_date(field, value, true),
        "value" | "low" | "high" | "of" => check_number(field, value),
        "title" | "measure" => text(false),
        "unit" | "note" => text(true),
        "relative" | "highlight" => match value {
            toml::Value::Boolean(b) => Ok(FieldValue::Bool(*b)),
            toml::Value::String(s) if s == "true" || s == "false" => {
                Ok(FieldValue::Bool(s == "true"))
            }
            other => Err(FieldError::new(
                field,
                format!("{} is neither true nor false", shown(other)),
            )),
        },
        "qualifier" => {
            let word = match value {
                toml::Value::String(s) => s.trim(),
                _ => "",
            };
            match Qualifier::ALL.iter().find(|q| q.as_str() == word) {
                Some(q) => Ok(FieldValue::Text(q.as_str().to_string())),
                None => Err(FieldError::new(
                    field,
                    format!(
                        "{} is not a qualifier; use one of: {}",
                        shown(value),
                        Qualifier::ALL.map(|q| q.as_str()).join(", ")
                    ),
                )),
            }
        }
        _ => Err(FieldError::new(
            field,
            format!("cannot be fixed; use one of: {}", FIX_KEYS.join(", ")),
        )),
    }
}

/// A decision about one fact as an editor made it (typed in `brief review`, or posted
/// by the review page): not yet checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The fact's id.
    pub id: String,
    /// What to do with it.
    pub action: Action,
    /// The editor's reason, if given.
    pub note: Option<String>,
    /// For [`Action::Fix`]: the fields to replace (keys from [`FIX_KEYS`]), as typed.
    pub fix: toml::Table,
    /// The editor's choice for the home page's highlights (events only).
    pub highlight: Option<bool>,
}

/// A correction that passed [`Draft::check`]: its keys and values in the order they
/// are written (`id`, `action`, `note`, the fixed fields, `highlight`).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The fact's id.
    pub id: String,
    /// Every key with its value, `id` first.
    pub fields: Vec<(String, FieldValue)>,
}

impl Checked {
    /// The `[[correction]]` table as TOML text.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[[correction]]\n");
        for (key, value) in &self.fields {
            out.push_str(&format!("{key} = {}\n", value.to_toml()));
        }
        out
    }
}

impl Draft {
    /// A decision without a note, fixes or highlight.
    pub fn new(id: impl Into<String>, action: Action) -> Self {
        Draft {
            id: id.into(),
            action,
            note: None,
            fix: toml::Table::new(),
            highlight: None,
        }
    }

    /// Checks the decision about a fact of `kind` (`None`: not known, any fix key
    /// goes): each value with [`check_value`], the keys against the kind and the
    /// action, then the whole table through the build's own reader. The error names
    /// the field.
    pub fn check(&self, kind: Option<Kind>) -> Result<Checked, FieldError> {
        let id = self.id.trim();
        if id.is_empty() || id.chars().any(char::is_control) {
            return Err(FieldError::new("id", "a fact id such as ev-3f2a9c1b0d"));
        }
        let mut fields = vec![
            ("id".to_string(), FieldValue::Text(id.to_string())),
            (
                "action".to_string(),
                FieldValue::Text(self.action.as_str().to_string()),
            ),
        ];
        if let Some(note) = self
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            fields.push(("note".into(), FieldValue::Text(note.to_string())));
        }
        if self.action == Action::Fix && self.fix.is_empty() {
            return Err(FieldError::new(
                "action",
                "a fix needs at least one field to change",
            ));
        }
        let allowed = match kind {
            Some(Kind::Event) => EVENT_FIX_KEYS,
            Some(Kind::Statistic) => STATISTIC_FIX_KEYS,
            None => FIX_KEYS,
        };
        for key in FIX_KEYS {
            let Some(value) = self.fix.get(*key) else {
                continue;
            };
            if self.action != Action::Fix {
                return Err(FieldError::new(
                    *key,
                    format!("only a fix changes values, not {}", self.action.as_str()),
                ));
            }
            if !allowed.contains(key) {
                let what = if kind == Some(Kind::Event) {
                    "an event"
                } else {
                    "a figure"
                };
                return Err(FieldError::new(
                    *key,
                    format!("{what} has no `{key}`; use one of: {}", allowed.join(", ")),
                ));
            }
            fields.push((key.to_string(), check_value(key, value)?));
        }
        if let Some(key) = self.fix.keys().find(|k| !FIX_KEYS.contains(&k.as_str())) {
            return Err(check_value(key, &self.fix[key])
                .err()
                .unwrap_or_else(|| FieldError::new(key.as_str(), "cannot be fixed")));
        }
        if let Some(h) = self.highlight {
            if kind == Some(Kind::Statistic) {
                return Err(FieldError::new("highlight", "only events are highlighted"));
            }
            fields.push(("highlight".into(), FieldValue::Bool(h)));
        }
        let checked = Checked {
            id: id.to_string(),
            fields,
        };
        // The last word is the build's: the table as it will be written, read back by
        // the reader every build uses (its serde types, then check_entry).
        let read: Corrections = toml::from_str(&checked.to_toml())
            .map_err(|e| FieldError::new("correction", e.message().trim().to_string()))?;
        read.correction.iter().try_for_each(check_entry)?;
        Ok(checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_refuses_what_serde_lets_through_naming_line_and_field() {
        let text = "[[correction]]\nid = \"ev-1\"\naction = \"fix\"\nend = \"soon\"\n";
        let err = Corrections::parse(Path::new("content/corrections.toml"), text.into())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/corrections.toml:2: `end`: `soon` is not a date"),
            "{err}"
        );
        let ok = "[[correction]]\nid = \"ev-1\"\naction = \"fix\"\nend = \"\"\n";
        assert!(Corrections::parse(Path::new("c.toml"), ok.into()).is_ok());
    }

    /// Issue 17: dates may be unquoted in corrections as in sidecars, and every bad
    /// entry is reported, not only the first.
    #[test]
    fn unquoted_dates_are_read_and_every_bad_entry_is_named() {
        let text = "[[correction]]\nid = \"ev-1\"\naction = \"fix\"\ndate = 2019-03-04\nend = 2019-04-01\n\n[[correction]]\nid = \"st-2\"\naction = \"fix\"\nas_of = 2018\n";
        let c = Corrections::parse(Path::new("c.toml"), text.into()).unwrap();
        assert_eq!(c.correction[0].date.unwrap().to_string(), "2019-03-04");
        assert_eq!(c.correction[0].end.as_deref(), Some("2019-04-01"));
        assert_eq!(c.correction[1].as_of.unwrap().to_string(), "2018");
        let bad = "[[correction]]\nid = \"ev-1\"\naction = \"fix\"\nend = \"soon\"\n\n[[correction]]\nid = \"st-2\"\naction = \"fix\"\nlow = 5.0\nhigh = 1.0\n";
        let err = Corrections::parse(Path::new("c.toml"), bad.into()).unwrap_err();
        let msg = err.to_string();
        assert_eq!(err.each().len(), 2, "{msg}");
        assert!(
            msg.contains("c.toml:2: `end`") && msg.contains("c.toml:7: `low`"),
            "{msg}"
        );
    }

    #[test]
    fn values_are_written_as_the_reader_wants_them() {
        let v = |field: &str, value: toml::Value| check_value(field, &value);
        assert_eq!(v("as_of", 2018.into()), Ok(FieldValue::Text("2018".into())));
        assert_eq!(
            v("date", " 2019-3-04".into()).unwrap_err().field,
            "date".to_string()
        );
        assert_eq!(v("end", "".into()), Ok(FieldValue::Text(String::new())));
        assert_eq!(v("value", "1200".into()), Ok(FieldValue::Integer(1200)));
        assert_eq!(v("of", "2.5".into()), Ok(FieldValue::Float(2.5)));
        assert!(v("value", "inf".into()).is_err());
        assert!(v("value", "1e999".into()).is_err());
        assert_eq!(v("relative", "true".into()), Ok(FieldValue::Bool(true)));
        assert_eq!(
            v("qualifier", "at least".into()),
            Ok(FieldValue::Text("at least".into()))
        );
        assert!(v("title", "  ".into()).is_err());
        assert!(v("title", 3.into()).unwrap_err().message.contains("quotes"));
        let mut d = Draft::new("ev-1", Action::Approve);
        d.fix.insert("title".into(), "x".into());
        assert_eq!(d.check(None).unwrap_err().field, "title");
        d.action = Action::Fix;
        d.highlight = Some(true);
        assert!(d.check(Some(Kind::Statistic)).is_err());
        assert_eq!(
            d.check(Some(Kind::Event)).unwrap().to_toml(),
            "[[correction]]\nid = \"ev-1\"\naction = \"fix\"\ntitle = \"x\"\nhighlight = true\n"
        );
        let mut low_high = Draft::new("st-1", Action::Fix);
        low_high.fix.insert("low".into(), 9.into());
        low_high.fix.insert("high".into(), 3.into());
        assert_eq!(low_high.check(None).unwrap_err().field, "low");
    }
}
