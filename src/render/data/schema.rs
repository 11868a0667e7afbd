//! Schema: the columns of every published table, declared once.
//!
//! In: nothing (constants). Out: the header row of each CSV, the field lists on the
//! data page, and `data/datapackage.json`, a Frictionless Tabular Data Package
//! (<https://specs.frictionlessdata.io/tabular-data-package/>) with each column's type,
//! the primary keys and the foreign keys from facts to sources. Because all three come
//! from [`TABLES`], a column cannot be added to one and forgotten in another.

use crate::util::url::paths;
use serde_json::{Value, json};

/// A column's type, as Frictionless names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A date at the precision known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    PartialDate,
    /// An absolute URL.
    Url,
    /// A whole number.
    Integer,
    /// A number (a decimal point, no thousands separator).
    Number,
    /// `true` or `false`.
    Boolean,
    /// One word of a fixed list.
    OneOf(&'static [&'static str]),
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name: the CSV header and the JSON key.
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// True when every row has a value.
    pub required: bool,
    /// What it holds, for the data page and the data package.
    pub description: &'static str,
}

/// One published table: a CSV and its JSON twin.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Resource name in the data package (and the JSON file's top-level key).
    pub name: &'static str,
    /// Path of the CSV inside the site.
    pub csv: &'static str,
    /// Path of the JSON twin inside the site.
    pub json: &'static str,
    /// One line on what a row is.
    pub description: &'static str,
    /// The columns, in CSV order.
    pub fields: &'static [Field],
    /// The column that identifies a row.
    pub primary_key: &'static str,
    /// (column, table, column it refers to), if any.
    pub foreign_key: Option<(&'static str, &'static str, &'static str)>,
}

impl Table {
    /// The CSV header row.
    pub fn header(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

const fn f(name: &'static str, kind: Kind, required: bool, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required,
        description,
    }
}

const SOURCE_PATH: Field = f(
    "source_path",
    Kind::Text,
    true,
    "The source document it comes from (its path in sources.csv).",
);
const SOURCE_TITLE: Field = f("source_title", Kind::Text, true, "That document's title.");
const SOURCE_URL: Field = f(
    "source_url",
    Kind::Url,
    false,
    "The source's page on this site.",
);
const QUOTE: Field = f(
    "quote",
    Kind::Text,
    true,
    "The whole sentence, byte for byte as in the source.",
);
const PARAGRAPH: Field = f(
    "paragraph",
    Kind::Integer,
    true,
    "Number of the paragraph in the source (its position: use anchor to link to it).",
);
const PAGE: Field = f(
    "page",
    Kind::Integer,
    false,
    "Page of a PDF source that paragraph starts on (empty for other formats).",
);
const PDF_URL: Field = f(
    "pdf_url",
    Kind::Url,
    false,
    "That page in the PDF itself (file.pdf#page=N), when the PDF is published with the site.",
);
const ANCHOR: Field = f(
    "anchor",
    Kind::Url,
    true,
    "Address of that sentence on the source page; its id comes from the sentence's words, so it survives edits elsewhere in the document.",
);
const TEXT_URL: Field = f(
    "text_url",
    Kind::Url,
    true,
    "The source page with a Text Fragment (#:~:text=) that makes the browser find and highlight the sentence itself.",
);
const STATUS: Field = f(
    "status",
    Kind::OneOf(&["extracted", "reviewed"]),
    true,
    "“reviewed” once an editor approved, corrected or added the fact.",
);

/// `data/sources.csv`: one row per source document.
pub const SOURCES: Table = Table {
    name: "sources",
    csv: paths::SOURCES_CSV,
    json: paths::SOURCES_JSON,
    description: "The source documents: who published each, when, under what rights, and how many facts it gave.",
    fields: &[
        f(
            "path",
            Kind::Text,
            true,
            "The document's file under content/, e.g. sources/report.txt.",
        ),
        f("title", Kind::Text, true, "Its title."),
        f(
            "author",
            Kind::Text,
            false,
            "Who wrote it (its metadata's author, else the file's own).",
        ),
        f(
            "attribution",
            Kind::Text,
            false,
            "The credit line its licence asks for (CC BY licences require one).",
        ),
        f("publisher", Kind::Text, false, "Who published it."),
        f(
            "published",
            Kind::PartialDate,
            false,
            "When it was published, at the precision known.",
        ),
        f("url", Kind::Url, false, "The document's own address."),
        f("page_url", Kind::Url, true, "Its page on this site."),
        f(
            "rights",
            Kind::Text,
            false,
            "Its licence, “unknown” or “all-rights-reserved”.",
        ),
        f("language", Kind::Text, false, "Its language code (en, es)."),
        f(
            "full_text",
            Kind::Boolean,
            true,
            "Whether its full text is published on this site (rights permitting).",
        ),
        f("events", Kind::Integer, true, "Dated events taken from it."),
        f("statistics", Kind::Integer, true, "Figures taken from it."),
    ],
    primary_key: "path",
    foreign_key: None,
};

/// `data/events.csv`: one row per dated event a source reports.
pub const EVENTS: Table = Table {
    name: "events",
    csv: paths::EVENTS_CSV,
    json: paths::EVENTS_JSON,
    description: "Every dated event a source reports, with the sentence that states it.",
    fields: &[
        f(
            "id",
            Kind::Text,
            true,
            "Stable id: the same while the sentence is unchanged.",
        ),
        SOURCE_PATH,
        SOURCE_TITLE,
        SOURCE_URL,
        f(
            "date",
            Kind::PartialDate,
            true,
            "When: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
        f(
            "end",
            Kind::PartialDate,
            false,
            "End of a span, same forms.",
        ),
        f(
            "precision",
            Kind::OneOf(&["year", "month", "day"]),
            true,
            "How precise the date is.",
        ),
        f("display_date", Kind::Text, true, "The date for readers."),
        f(
            "relative",
            Kind::Boolean,
            true,
            "True when part of the date came from the document's own date.",
        ),
        f("span", Kind::Text, true, "The exact words of the date."),
        QUOTE,
        PARAGRAPH,
        PAGE,
        PDF_URL,
        ANCHOR,
        TEXT_URL,
        f("title", Kind::Text, true, "A short description."),
        STATUS,
    ],
    primary_key: "id",
    foreign_key: Some(("source_path", "sources", "path")),
};

/// `data/statistics.csv`: one row per figure a source states.
pub const STATISTICS: Table = Table {
    name: "statistics",
    csv: paths::STATISTICS_CSV,
    json: paths::STATISTICS_JSON,
    description: "Every figure a source states, with its unit, hedge and the sentence that states it.",
    fields: &[
        f(
            "id",
            Kind::Text,
            true,
            "Stable id: the same while the sentence is unchanged.",
        ),
        SOURCE_PATH,
        SOURCE_TITLE,
        SOURCE_URL,
        f(
            "value",
            Kind::Number,
            false,
            "The value (empty for a range).",
        ),
        f("low", Kind::Number, false, "Low end of a range."),
        f("high", Kind::Number, false, "High end of a range."),
        f(
            "of",
            Kind::Number,
            false,
            "Denominator of an “X of Y” figure.",
        ),
        f(
            "unit",
            Kind::Text,
            true,
            "What is counted, or the currency or percent.",
        ),
        f(
            "qualifier",
            Kind::Text,
            true,
            "The hedge: exact, more than, about, at least, …",
        ),
        f("span", Kind::Text, true, "The exact words of the figure."),
        QUOTE,
        f("measure", Kind::Text, true, "What is measured."),
        f(
            "as_of",
            Kind::PartialDate,
            false,
            "The date the figure refers to (else the document's date).",
        ),
        PARAGRAPH,
        PAGE,
        PDF_URL,
        ANCHOR,
        TEXT_URL,
        STATUS,
    ],
    primary_key: "id",
    foreign_key: Some(("source_path", "sources", "path")),
};

/// Every table, sources first (the others refer to it).
pub const TABLES: [Table; 3] = [SOURCES, EVENTS, STATISTICS];

/// A field as a Frictionless Table Schema field descriptor.
fn field_descriptor(f: &Field) -> Value {
    let (kind, format, mut constraints) = match f.kind {
        Kind::Text => ("string", "default", json!({})),
        Kind::PartialDate => (
            "string",
            "default",
            json!({"pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"}),
        ),
        Kind::Url => ("string", "uri", json!({})),
        Kind::Integer => ("integer", "default", json!({})),
        Kind::Number => ("number", "default", json!({})),
        Kind::Boolean => ("boolean", "default", json!({})),
        Kind::OneOf(words) => ("string", "default", json!({ "enum": words })),
    };
    if f.required {
        constraints["required"] = json!(true);
    }
    json!({
        "name": f.name,
        "type": kind,
        "format": format,
        "description": f.description,
        "constraints": constraints,
    })
}

/// A name Frictionless accepts: lower case letters, digits and `-._`.
fn package_name(title: &str) -> String {
    let name: String = deunicode::deunicode(title)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if name.is_empty() {
        "briefing".into()
    } else {
        name
    }
}

/// `data/datapackage.json`: every CSV with its schema, keys and links. `homepage` is
/// the site's address.
pub fn datapackage(title: &str, description: &str, homepage: &str) -> String {
    let resources: Vec<Value> = TABLES
        .iter()
        .map(|t| {
            let mut schema = json!({
                "fields": t.fields.iter().map(field_descriptor).collect::<Vec<_>>(),
                "primaryKey": [t.primary_key],
                "missingValues": [""],
            });
            if let Some((field, resource, target)) = t.foreign_key {
                schema["foreignKeys"] = json!([{
                    "fields": [field],
                    "reference": {"resource": resource, "fields": [target]},
                }]);
            }
            json!({
                "name": t.name,
                "path": t.csv.trim_start_matches(paths::DATA),
                "profile": "tabular-data-resource",
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": true},
                "schema": schema,
            })
        })
        .collect();
    let package = json!({
        "profile": "tabular-data-package",
        "name": package_name(title),
        "title": title,
        "description": description,
        "homepage": homepage,
        "resources": resources,
    });
    let mut text = serde_json::to_string_pretty(&package).expect("plain data serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_its_keys_among_its_fields() {
        for t in TABLES {
            let names = t.header();
            assert!(names.contains(&t.primary_key), "{}", t.name);
            let unique: std::collections::BTreeSet<_> = names.iter().collect();
            assert_eq!(unique.len(), names.len(), "{}: a column twice", t.name);
            if let Some((field, resource, target)) = t.foreign_key {
                assert!(names.contains(&field));
                let other = TABLES.iter().find(|o| o.name == resource).unwrap();
                assert!(other.header().contains(&target));
                assert_eq!(other.primary_key, target);
            }
        }
    }

    #[test]
    fn datapackage_is_valid_json_naming_every_csv() {
        let text = datapackage("Remain in México: a briefing", "d", "https://x.org/");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["name"], "remain-in-mexico-a-briefing");
        let paths: Vec<&str> = v["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["sources.csv", "events.csv", "statistics.csv"]);
        assert_eq!(
            v["resources"][1]["schema"]["foreignKeys"][0]["reference"]["resource"],
            "sources"
        );
        assert_eq!(package_name("  "), "briefing");
    }
}
