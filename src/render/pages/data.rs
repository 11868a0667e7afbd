//! The data page: every published data file, its columns and how the tables join.
//!
//! In: the schema of the tables ([`crate::render::data::schema`]), its Spanish
//! descriptions ([`crate::render::data::schema_es`]) and the site's settings. Out: `data/index.html`, with a schema.org `Dataset` in JSON-LD; and
//! [`Renderer::dataset_jsonld`], which the statistics page uses for its own `Dataset`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::data::schema::{Kind, TABLES};
use crate::render::data::schema_es::description;
use crate::render::views::json_for_script;
use crate::util::error::Error;
use crate::util::url::paths;
use serde_json::json;

/// The theme's word for a column's type (`data_kind_*`), and the values the column
/// takes when they are a fixed list (written as they are in the data, never translated).
fn kind_label(kind: Kind) -> (&'static str, &'static [&'static str]) {
    match kind {
        Kind::Text => ("data_kind_text", &[]),
        Kind::PartialDate => ("data_kind_date", &[]),
        Kind::Url => ("data_kind_url", &[]),
        Kind::Integer => ("data_kind_integer", &[]),
        Kind::Number => ("data_kind_number", &[]),
        Kind::Boolean => ("data_kind_one_of", &["true", "false"]),
        Kind::OneOf(words) => ("data_kind_one_of", words),
    }
}

/// The key of the theme's word for a table's heading on the data page: the table's
/// name (`sources`, `events`), but `figures` for `statistics`, as in the navigation.
fn table_title(name: &'static str) -> &'static str {
    match name {
        "statistics" => "figures",
        other => other,
    }
}

impl Renderer<'_> {
    /// A schema.org `Dataset` for a page that offers data files: `files` are (path
    /// inside the site, MIME type).
    pub(crate) fn dataset_jsonld(
        &self,
        name: &str,
        description: &str,
        page: &str,
        files: &[(&str, &str)],
    ) -> String {
        let c = &self.settings.config;
        let mut v = json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": name,
            "description": description,
            "url": self.urls.absolute(page),
            "inLanguage": c.language,
            "isAccessibleForFree": true,
        });
        let creator = if c.organisation.is_empty() {
            &c.author
        } else {
            &c.organisation
        };
        if !creator.is_empty() {
            v["creator"] = json!({"@type": "Organization", "name": creator});
        }
        if !files.is_empty() {
            v["distribution"] = files
                .iter()
                .map(|(path, mime)| {
                    json!({"@type": "DataDownload", "encodingFormat": mime, "contentUrl": self.urls.absolute(path)})
                })
                .collect::<Vec<_>>()
                .into();
        }
        json_for_script(&v)
    }

    /// `data/index.html`.
    pub(crate) fn render_data_page(&self) -> Result<OutputFile, Error> {
        let page = self.briefing_page("data", "data", "data_intro", paths::DATA);
        let mut ctx = self.context(&page);
        let lang = self.lang();
        let tables: Vec<serde_json::Value> = TABLES
            .iter()
            .map(|t| {
                json!({
                    "name": t.name,
                    "title": self.strings.get(table_title(t.name)),
                    "description": description(t.description, lang),
                    "csv": self.urls.link(t.csv),
                    "json": self.urls.link(t.json),
                    "primary_key": t.primary_key,
                    "foreign_key": t.foreign_key.map(|(f, table, target)| json!({"field": f, "table": table, "target": target})),
                    "fields": t.fields.iter().map(|f| {
                        let (kind, values) = kind_label(f.kind);
                        json!({
                            "name": f.name,
                            "kind": self.strings.get(kind),
                            "values": values,
                            "required": f.required,
                            "description": description(f.description, lang),
                        })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        ctx.insert("tables", &tables);
        ctx.insert("datapackage", &self.urls.link(paths::DATAPACKAGE));
        ctx.insert("timeline_json", &self.urls.link(paths::TIMELINE_JSON));
        let mut files: Vec<(&str, &str)> = Vec::new();
        for t in TABLES {
            files.push((t.csv, "text/csv"));
            files.push((t.json, "application/json"));
        }
        let c = &self.settings.config;
        let name = format!("{}: {}", c.title, self.strings.get("data"));
        let jsonld =
            self.dataset_jsonld(&name, &self.strings.get("data_intro"), paths::DATA, &files);
        ctx.insert("jsonld", &jsonld);
        let html = self.theme.render("data.html", &ctx)?;
        Ok(OutputFile::new(
            paths::index_html(paths::DATA),
            html,
            "data page",
        ))
    }
}
