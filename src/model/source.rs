//! Sources and pages: what was read from `content/`, before conversion.
//!
//! In: nothing (plain data). Out: [`Content`] ([`Source`] documents with their
//! [`SourceMeta`], hand-written [`Page`]s), as [`crate::input::source`] reads them.

use crate::model::date::PartialDate;
use crate::model::document::Format;
use crate::util::error::Warning;
use serde::{Deserialize, Serialize};

/// Metadata of a source document, from its sidecar file or front matter.
///
/// Sidecar keys: `title`, `author`, `attribution`, `publisher`, `published`
/// (`2024-03-04`, quoted or not, `"2024-03"` or `2024`), `url`, `rights` (or `license`),
/// `language`, `date_inferred`, `date_basis`, `summary`, `tags`, and `slug` (to choose
/// the page's URL).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourceMeta {
    /// The headline.
    pub title: Option<String>,
    /// Who wrote it (a person or an organisation).
    pub author: Option<String>,
    /// The credit line a licence asks for, as the rights holder wants it written
    /// (CC BY licences require one).
    pub attribution: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published, at the precision known.
    pub published: Option<PartialDate>,
    /// The document's own address.
    pub url: Option<String>,
    /// `all-rights-reserved`, `unknown`, or a licence name such as `CC-BY-4.0`
    /// (`license` is the same key).
    #[serde(alias = "license")]
    pub rights: Option<String>,
    /// Language code of the document (e.g. `en`, `es`).
    pub language: Option<String>,
    /// True when the date was worked out from the content, not printed.
    pub date_inferred: Option<bool>,
    /// The reasoning behind the date.
    pub date_basis: Option<String>,
    /// A short summary written by an editor.
    pub summary: Option<String>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// URL slug for the source page (default: from the file name).
    pub slug: Option<String>,
}

/// Where each metadata field came from, shown on the source page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaOrigin {
    /// A `<stem>.meta.toml` sidecar.
    Sidecar,
    /// `+++` front matter in the document.
    FrontMatter,
    /// Worked out by `brief` from the text (title line, dateline).
    Inferred,
    /// The file's own metadata (document properties, meta tags).
    Embedded,
    /// Not known.
    Missing,
}

/// One source document.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators: `sources/000_x.txt`.
    pub rel_path: String,
    /// File name as in `content/sources/`.
    pub file_name: String,
    /// URL slug of its page.
    pub slug: String,
    /// Format, from the extension.
    pub format: Format,
    /// The full text of the file (a leading BOM removed); empty for PDF and Word files.
    pub text: String,
    /// The file's bytes, for the formats read as bytes (PDF, Word); empty otherwise.
    pub bytes: Vec<u8>,
    /// Byte offset where the document body starts (after front matter).
    pub body_offset: usize,
    /// Metadata.
    pub meta: SourceMeta,
    /// Free values from front matter `[extra]`.
    pub extra: toml::Table,
    /// Where the title came from.
    pub title_origin: MetaOrigin,
    /// Where the published date came from.
    pub date_origin: MetaOrigin,
    /// Where the metadata's `language` came from (`Missing` when it gives none).
    pub language_origin: MetaOrigin,
}

impl Source {
    /// The document body (the text after any front matter).
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// What the converter reads: the body's bytes, or a PDF's or Word file's own bytes.
    pub fn input(&self) -> &[u8] {
        if self.format.is_binary() {
            &self.bytes
        } else {
            self.body().as_bytes()
        }
    }
}

/// Front matter of a hand-written page under `content/pages/`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageMeta {
    /// Page title.
    pub title: String,
    /// Summary for the meta description.
    pub description: String,
    /// Order in the navigation (lower first; 0 = not in the navigation).
    pub weight: i64,
    /// Template to render it with (default: `page.html`).
    pub template: Option<String>,
    /// Drafts are not built.
    pub draft: bool,
    /// Old paths that should redirect here (`old/path/`).
    pub aliases: Vec<String>,
    /// Free values for templates.
    pub extra: toml::Table,
}

/// One hand-written page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`: `pages/about.md`.
    pub rel_path: String,
    /// The page's path in the site: `about/`, or `""` for `pages/_index.md` (home).
    pub path: String,
    /// Front matter.
    pub meta: PageMeta,
    /// The Markdown body.
    pub body: String,
    /// Line number (1-based) where the body starts in the file.
    pub body_line: usize,
    /// The language of a translation, from its file name (`about.es.md` → `es`, Zola's
    /// convention); `None` for a page without a language suffix, which is in the
    /// site's default language.
    pub language: Option<String>,
}

/// Everything found under `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Source documents, sorted by path.
    pub sources: Vec<Source>,
    /// Hand-written pages, sorted by path (drafts left out).
    pub pages: Vec<Page>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Warning>,
}

/// A source's title and date, from its metadata or, failing that, from its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The title to show.
    pub title: String,
    /// Where it came from.
    pub title_origin: MetaOrigin,
    /// The publication date, if known.
    pub published: Option<PartialDate>,
    /// Where it came from.
    pub date_origin: MetaOrigin,
    /// The language the source is extracted in (`None`: the site's).
    pub language: Option<String>,
    /// Where it came from: the sidecar or front matter, `Inferred` when detected from
    /// the text, `Missing` when neither said (the site's language is used).
    pub language_origin: MetaOrigin,
}
