//! Source: finds and reads everything under `content/`.
//!
//! In: the site root. Out: [`Content`]: source documents (text, format, metadata from a
//! sidecar `<stem>.meta.toml` or Markdown front matter) and hand-written pages (front
//! matter + Markdown), sorted by path so that every later stage sees the same order.
//! Reads only inside `content/`; never follows a link out of it; never writes.

use crate::model::date::PartialDate;
use crate::model::document::Format;
use crate::model::source::{Content, MetaOrigin, Page, PageMeta, Source, SourceMeta};
use crate::util::error::{Error, Warning, line_col, plain_toml_message, read_text};
use crate::util::front_matter::{self, FrontMatter};
use crate::util::slug::{slugify, unique_slug};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Front matter of a Markdown source (`+++` TOML). Accepts the sidecar keys plus the
/// common site-generator keys `date` (= `published`), `description` (= `summary`),
/// `draft` and an `[extra]` table (`publisher`, `place`, …).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SourceFrontMatter {
    title: Option<String>,
    author: Option<String>,
    attribution: Option<String>,
    publisher: Option<String>,
    published: Option<PartialDate>,
    date: Option<PartialDate>,
    description: Option<String>,
    url: Option<String>,
    #[serde(alias = "license")]
    rights: Option<String>,
    language: Option<String>,
    date_inferred: Option<bool>,
    date_basis: Option<String>,
    summary: Option<String>,
    tags: Vec<String>,
    slug: Option<String>,
    draft: bool,
    extra: toml::Table,
}

/// Finds and reads all sources and pages under `content_dir`. Every source and page is
/// read even after one fails, so the error lists all their problems ([`Error::Many`]).
pub fn discover(content_dir: &Path) -> Result<Content, Error> {
    let (content, errors) = discover_all(content_dir);
    Error::many(errors)?;
    Ok(content)
}

/// Like [`discover`], but returns what could be read along with every problem found: a
/// source whose sidecar has a bad key keeps its good keys; one whose front matter is
/// broken, or that cannot be read, is left out. The build goes on with this to find
/// the problems of later stages too, then fails.
pub fn discover_all(content_dir: &Path) -> (Content, Vec<Error>) {
    let mut content = Content::default();
    let mut errors = Vec::new();
    if let Err(e) = discover_into(content_dir, &mut content, &mut errors) {
        errors.push(e);
    }
    (content, errors)
}

fn discover_into(
    content_dir: &Path,
    content: &mut Content,
    errors: &mut Vec<Error>,
) -> Result<(), Error> {
    let sources_dir = content_dir.join("sources");
    if sources_dir.is_dir() {
        for path in files_under(content_dir, &sources_dir, &mut content.warnings)? {
            let Some(format) = format_of(&path) else {
                continue;
            };
            match read_source(content_dir, &path, format, &mut content.warnings, errors) {
                Ok(Some(source)) => content.sources.push(source),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
    }
    let pages_dir = content_dir.join("pages");
    if pages_dir.is_dir() {
        for path in files_under(content_dir, &pages_dir, &mut content.warnings)? {
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                continue;
            }
            match read_page(content_dir, &pages_dir, &path) {
                Ok(page) if !page.meta.draft => content.pages.push(page),
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
    }
    if let Err(e) = check_unique_slugs(content_dir, &content.sources) {
        errors.push(e);
    }
    Ok(())
}

/// Regular files below `dir`, sorted, not following links out of `content_dir`.
fn files_under(
    content_dir: &Path,
    dir: &Path,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<PathBuf>, Error> {
    let root = content_dir
        .canonicalize()
        .map_err(|e| Error::io(content_dir, e))?;
    let mut files = Vec::new();
    // `content/sources` or `content/pages` itself may be a link out of content/.
    if !is_inside(content_dir, dir) {
        warnings.push(Warning::at(
            rel(content_dir, dir),
            "symbolic link leads outside content/ or nowhere; skipped",
        ));
        return Ok(files);
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf());
            Error::io(
                path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk error")),
            )
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if entry.path_is_symlink() {
            // A link is read only if it resolves to a file inside content/.
            match path.canonicalize() {
                Ok(target) if target.starts_with(&root) && target.is_file() => {
                    files.push(path.to_path_buf())
                }
                _ => warnings.push(Warning::at(
                    rel(content_dir, path),
                    "symbolic link leads outside content/ or nowhere; skipped",
                )),
            }
            continue;
        }
        if entry.file_type().is_file() {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// Reads one document (and its sidecar) outside a site, for `brief extract`.
pub fn read_one(dir: &Path, path: &Path) -> Result<Source, Error> {
    let format = format_of(path).ok_or_else(|| Error::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: "not a .txt, .md, .html, .pdf or .docx document".into(),
    })?;
    let (mut warnings, mut errors) = (Vec::new(), Vec::new());
    let source = read_source(dir, path, format, &mut warnings, &mut errors)?;
    Error::many(errors)?;
    source.ok_or_else(|| Error::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: "the document is marked as a draft".into(),
    })
}

fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".meta.toml") {
        return None;
    }
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        _ => None,
    }
}

/// The path relative to `content/` with forward slashes, for messages and ids.
pub fn rel(content_dir: &Path, path: &Path) -> String {
    let r = path.strip_prefix(content_dir).unwrap_or(path);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_source(
    content_dir: &Path,
    path: &Path,
    format: Format,
    warnings: &mut Vec<Warning>,
    errors: &mut Vec<Error>,
) -> Result<Option<Source>, Error> {
    // PDF and Word files are bytes for their converters; text is decoded (legacy
    // encodings with a warning below).
    let (text, bytes, encoding) = if format.is_binary() {
        (String::new(), read_bytes(path)?, None)
    } else {
        let decoded = crate::util::encoding::read_decoded(path)?;
        (decoded.text, Vec::new(), decoded.encoding)
    };
    let rel_path = rel(content_dir, path);
    if let Some(encoding) = encoding {
        warnings.push(Warning::at(
            &rel_path,
            format!("not UTF-8: read as {encoding}; save it as UTF-8 to silence this"),
        ));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name
        .rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| file_name.clone());

    let mut meta = SourceMeta::default();
    let mut extra = toml::Table::new();
    let mut body_offset = 0;
    let mut title_origin = MetaOrigin::Missing;
    let mut date_origin = MetaOrigin::Missing;
    let mut language_origin = MetaOrigin::Missing;

    // Every problem of this source (front matter, sidecar) is reported, not the first.
    // A source with broken front matter is left out: never published as text.
    let mut broken = false;
    let front = if matches!(format, Format::Markdown | Format::Text) {
        parse_front::<SourceFrontMatter>(path, &text).unwrap_or_else(|e| {
            errors.push(e);
            broken = true;
            None
        })
    } else {
        None
    };
    if let Some((front, offset)) = front {
        if front.draft {
            return Ok(None);
        }
        body_offset = offset;
        let date = front.date;
        let extra_str = |k: &str| {
            front
                .extra
                .get(k)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        meta = SourceMeta {
            title: front.title,
            author: front.author,
            attribution: front.attribution,
            publisher: front.publisher.or_else(|| extra_str("publisher")),
            published: front.published.or(date),
            url: front.url,
            rights: front.rights,
            language: front.language,
            date_inferred: front.date_inferred,
            date_basis: front.date_basis,
            summary: front.summary.or(front.description),
            tags: front.tags,
            slug: front.slug,
        };
        extra = front.extra;
        if meta.title.is_some() {
            title_origin = MetaOrigin::FrontMatter;
        }
        if meta.published.is_some() {
            date_origin = MetaOrigin::FrontMatter;
        }
        if meta.language.is_some() {
            language_origin = MetaOrigin::FrontMatter;
        }
    }

    // The sidecar wins over front matter, key by key.
    let sidecar = path.with_file_name(format!("{stem}.meta.toml"));
    let sidecar_inside = is_inside(content_dir, &sidecar);
    if sidecar.is_file() && !sidecar_inside {
        warnings.push(Warning::at(
            rel(content_dir, &sidecar),
            "symbolic link leads outside content/; skipped",
        ));
    }
    if sidecar.is_file() && sidecar_inside {
        // A bad key is an error; the sidecar's good keys still count, so that the
        // rest of the build finds its own problems with this source.
        let side = read_sidecar(&sidecar, errors)?;
        if side.title.is_some() {
            title_origin = MetaOrigin::Sidecar;
        }
        if side.published.is_some() {
            date_origin = MetaOrigin::Sidecar;
        }
        if side.language.is_some() {
            language_origin = MetaOrigin::Sidecar;
        }
        meta = merge_meta(side, meta);
    }
    if broken {
        return Ok(None);
    }

    if let Some(url) = &meta.url
        && !is_safe_url(url)
    {
        warnings.push(Warning::at(
            &rel_path,
            format!("url `{url}` is not an http(s) address; it will not be linked"),
        ));
        meta.url = None;
    }

    let slug = unique_slug(meta.slug.as_deref().unwrap_or(&stem));
    Ok(Some(Source {
        rel_path,
        file_name,
        slug,
        format,
        text,
        bytes,
        body_offset,
        meta,
        extra,
        title_origin,
        date_origin,
        language_origin,
    }))
}

/// Reads a sidecar, reporting every unknown key and bad value in it into `errors`, not
/// only the first (serde stops at the first): after a failed read, each key is read on
/// its own, and the keys that read well are kept.
fn read_sidecar(sidecar: &Path, errors: &mut Vec<Error>) -> Result<SourceMeta, Error> {
    let text = read_text(sidecar)?;
    let first = match toml::from_str::<SourceMeta>(&text) {
        Ok(meta) => return Ok(meta),
        Err(e) => e,
    };
    let (table, syntax) = toml::de::DeTable::parse_recoverable(&text);
    if !syntax.is_empty() {
        errors.extend(syntax.iter().map(|e| Error::toml(sidecar, &text, e)));
        return Ok(SourceMeta::default());
    }
    let mut good = String::new();
    let before = errors.len();
    for (key, value) in table.get_ref() {
        let span = key.span();
        let one = &text[span.start..value.span().end];
        match toml::from_str::<SourceMeta>(one) {
            Ok(_) => {
                good.push_str(one);
                good.push('\n');
            }
            Err(e) => {
                let at = span.start + e.span().map_or(0, |s| s.start);
                let (line, column) = line_col(&text, at);
                errors.push(Error::Toml {
                    path: sidecar.to_path_buf(),
                    line,
                    column,
                    message: plain_toml_message(&text, at, e.message().trim()),
                });
            }
        }
    }
    if errors.len() == before {
        // Each key reads on its own but not together (`rights` and `license` both).
        errors.push(Error::toml(sidecar, &text, &first));
        return Ok(SourceMeta::default());
    }
    Ok(toml::from_str(&good).unwrap_or_default())
}

/// The front matter of `text` (`+++` TOML or `---` YAML) read as `T`, with the byte
/// offset where the body starts; `None` when the file has none. An unclosed or
/// unreadable block is an error naming its line.
fn parse_front<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<Option<(T, usize)>, Error> {
    match front_matter::find(text) {
        FrontMatter::None => Ok(None),
        FrontMatter::Broken { at, message } => {
            let (line, column) = line_col(text, at);
            Err(Error::Toml {
                path: path.to_path_buf(),
                line,
                column,
                message,
            })
        }
        FrontMatter::Closed {
            toml, start, body, ..
        } => match toml::from_str::<T>(&toml) {
            Ok(t) => Ok(Some((t, body))),
            Err(e) => {
                // The block's lines are the file's lines from `start` on.
                let at = e.span().map_or(0, |s| s.start);
                let (line, column) = line_col(&toml, at);
                let first_line = line_col(text, start).0;
                Err(Error::Toml {
                    path: path.to_path_buf(),
                    line: first_line + line - 1,
                    column,
                    message: plain_toml_message(&toml, at, e.message().trim()),
                })
            }
        },
    }
}

/// A PDF or Word file may be at most this large (a bigger one is refused, named, before
/// it is read: the converters then work on a bounded input).
pub const MAX_BINARY_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a PDF or Word file's bytes, refusing one over [`MAX_BINARY_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > MAX_BINARY_BYTES {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            line: None,
            message: format!(
                "is {} MiB; brief reads PDF and Word files of at most {} MiB",
                len / (1024 * 1024),
                MAX_BINARY_BYTES / (1024 * 1024)
            ),
        });
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// True if `path` resolves, through any links, to a place inside `content_dir`.
fn is_inside(content_dir: &Path, path: &Path) -> bool {
    // `brief extract a.txt` reads beside a file whose parent is "".
    let dir = if content_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        content_dir
    };
    match (dir.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(p)) => p.starts_with(root),
        _ => false,
    }
}

/// Refuses to read `path` if it is a link that leads outside `content_dir`: the build
/// reads nothing outside `content/` (for files such as `entities.toml`).
pub fn check_inside(content_dir: &Path, path: &Path) -> Result<(), Error> {
    if is_inside(content_dir, path) {
        return Ok(());
    }
    Err(Error::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: "is a symbolic link that leads outside content/; brief reads nothing there".into(),
    })
}

/// True for `http://` and `https://` URLs, the only ones a page links to from metadata.
pub fn is_safe_url(url: &str) -> bool {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_control() || c == ' ' || c == '"' || c == '<' || c == '>')
}

fn merge_meta(first: SourceMeta, second: SourceMeta) -> SourceMeta {
    SourceMeta {
        title: first.title.or(second.title),
        author: first.author.or(second.author),
        attribution: first.attribution.or(second.attribution),
        publisher: first.publisher.or(second.publisher),
        published: first.published.or(second.published),
        url: first.url.or(second.url),
        rights: first.rights.or(second.rights),
        language: first.language.or(second.language),
        date_inferred: first.date_inferred.or(second.date_inferred),
        date_basis: first.date_basis.or(second.date_basis),
        summary: first.summary.or(second.summary),
        tags: if first.tags.is_empty() {
            second.tags
        } else {
            first.tags
        },
        slug: first.slug.or(second.slug),
    }
}

fn read_page(content_dir: &Path, pages_dir: &Path, path: &Path) -> Result<Page, Error> {
    let text = read_text(path)?;
    let rel_path = rel(content_dir, path);
    let (meta, body, body_line) = match parse_front::<PageMeta>(path, &text)? {
        Some((meta, offset)) => {
            let body_line = text[..offset].matches('\n').count() + 1;
            (meta, text[offset..].to_string(), body_line)
        }
        None => (PageMeta::default(), text.clone(), 1),
    };
    // pages/_index.md is the home page; pages/a/b.md is a/b/; pages/a/_index.md is a/.
    // A language suffix makes a translation: pages/_index.es.md is the Spanish home.
    let inner = rel(pages_dir, path);
    let without_ext = inner.strip_suffix(".md").unwrap_or(&inner);
    let (without_ext, language) = split_language(without_ext);
    let segments: Vec<String> = without_ext
        .split('/')
        .filter(|s| *s != "_index")
        .map(slugify)
        .collect();
    let site_path = if segments.is_empty() {
        String::new()
    } else {
        format!("{}/", segments.join("/"))
    };
    Ok(Page {
        rel_path,
        path: site_path,
        meta,
        body,
        body_line,
        language,
    })
}

/// `about.es` → (`about`, Some("es")) when the suffix is a language `brief` has words
/// for; anything else is part of the name (`report.v2` stays `report.v2`).
fn split_language(name: &str) -> (&str, Option<String>) {
    if let Some((stem, code)) = name.rsplit_once('.')
        && !stem.is_empty()
        && !stem.ends_with('/')
        && crate::input::config::LANGUAGES.contains(&code)
    {
        return (stem, Some(code.to_string()));
    }
    (name, None)
}

fn check_unique_slugs(content_dir: &Path, sources: &[Source]) -> Result<(), Error> {
    let mut seen: BTreeMap<&str, &Source> = BTreeMap::new();
    for s in sources {
        if let Some(other) = seen.insert(&s.slug, s) {
            return Err(Error::DuplicateSlug {
                slug: s.slug.clone(),
                first: content_dir.join(&other.rel_path),
                second: content_dir.join(&s.rel_path),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_suffix_makes_a_translation() {
        assert_eq!(split_language("_index.es"), ("_index", Some("es".into())));
        assert_eq!(split_language("a/about.en"), ("a/about", Some("en".into())));
        assert_eq!(split_language("report.v2"), ("report.v2", None));
        assert_eq!(split_language("notes.fr"), ("notes.fr", None));
        assert_eq!(split_language("a/.es"), ("a/.es", None));
        assert_eq!(split_language("about"), ("about", None));
    }

    #[test]
    fn sidecar_keys_are_checked() {
        let err = toml::from_str::<SourceMeta>("titel = \"x\"").unwrap_err();
        assert!(err.to_string().contains("titel"));
        let ok: SourceMeta = toml::from_str("published = \"2019-11\"\ntags = [\"a\"]").unwrap();
        assert_eq!(ok.published.unwrap().to_string(), "2019-11");
        assert!(toml::from_str::<SourceMeta>("published = \"2019-13-45\"").is_err());
    }

    #[test]
    fn only_http_urls_are_safe() {
        assert!(is_safe_url("https://example.org/a?b=c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("JAVASCRIPT:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
        assert!(!is_safe_url("https://x/\"onmouseover=\"alert(1)"));
    }

    /// Regression (issue 6): a sidecar that was a symbolic link to a file outside
    /// content/ was read, so its title showed on the site.
    #[test]
    fn a_sidecar_linked_from_outside_content_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("sources")).unwrap();
        std::fs::write(dir.path().join("x.meta.toml"), "title = \"SECRET\"\n").unwrap();
        std::fs::write(content.join("sources/a.txt"), "Title\n\nText.\n").unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("x.meta.toml"),
            content.join("sources/a.meta.toml"),
        )
        .unwrap();
        let found = discover(&content).unwrap();
        assert_eq!(found.sources[0].meta.title, None);
        assert!(
            found
                .warnings
                .iter()
                .any(|w| w.to_string().contains("a.meta.toml")),
            "{:?}",
            found.warnings
        );
        assert!(check_inside(&content, &content.join("sources/a.meta.toml")).is_err());
    }
}
