//! The data page: every published data file, its columns and how the tables join.
//!
//! In: the schema of the tables ([`crate::render::data::schema`]) and the site's
//! settings. Out: `data/index.html`, with a schema.org `Dataset` in JSON-LD; and
//! [`Renderer::dataset_jsonld`], which the statistics page uses for its own `Dataset`.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::data::schema::{Kind, TABLES};
use crate::render::views::json_for_script;
use crate::util::error::Error;
use crate::util::url::paths;
use serde_json::json;

/// A column's type as readers see it.
fn kind_label(kind: Kind) -> String {
    match kind {
        Kind::Text => "text".into(),
        Kind::PartialDate => "date (YYYY, YYYY-MM or YYYY-MM-DD)".into(),
        Kind::Url => "URL".into(),
        Kind::Integer => "whole number".into(),
        Kind::Number => "number".into(),
        Kind::Boolean => "true / false".into(),
        Kind::OneOf(words) => words.join(" / "),
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
        let tables: Vec<serde_json::Value> = TABLES
            .iter()
            .map(|t| {
                json!({
                    "name": t.name,
                    "description": t.description,
                    "csv": self.urls.link(t.csv),
                    "json": self.urls.link(t.json),
                    "primary_key": t.primary_key,
                    "foreign_key": t.foreign_key.map(|(f, table, target)| json!({"field": f, "table": table, "target": target})),
                    "fields": t.fields.iter().map(|f| json!({
                        "name": f.name,
                        "kind": kind_label(f.kind),
                        "required": f.required,
                        "description": f.description,
                    })).collect::<Vec<_>>(),
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
