//! Theme: finds the templates and static files a site is rendered with.
//!
//! In: the site root and the theme name. Out: a [`Theme`]: a Tera instance with every
//! template loaded and the static files to copy. Lookup order, file by file: the site's
//! `templates/` folder, then `themes/<name>/templates/`, then the default theme built
//! into `brief` (so a site without `themes/` still builds). Template errors name the
//! file, line and column; every template that does not parse is reported, not only the
//! first.

use crate::util::error::{Error, read_text};
use crate::util::url::Urls;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The default theme (`themes/briefing/`: templates, static files, i18n), built into the
/// binary, so a site without `themes/` still builds.
static EMBEDDED: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/briefing");

/// The files of the default theme under `folder` (`templates`, `static`), by their path
/// inside it with `/` separators, in path order.
fn embedded_files(folder: &str) -> Vec<(String, &'static [u8])> {
    fn walk(
        dir: &'static include_dir::Dir<'static>,
        out: &mut Vec<&'static include_dir::File<'static>>,
    ) {
        out.extend(dir.files());
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    if let Some(dir) = EMBEDDED.get_dir(folder) {
        walk(dir, &mut files);
    }
    let mut out: Vec<(String, &'static [u8])> = files
        .into_iter()
        .filter_map(|f| {
            let rel = f.path().strip_prefix(folder).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), f.contents()))
        })
        .collect();
    out.sort();
    out
}

/// A file of the default theme, by its path under `themes/briefing/` (`i18n/en.toml`).
pub fn embedded_text(path: &str) -> Option<&'static str> {
    EMBEDDED.get_file(path).and_then(|f| f.contents_utf8())
}

/// Name of the default theme.
pub const DEFAULT_THEME: &str = "briefing";

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into `brief`.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

/// Loaded templates and static files.
pub struct Theme {
    /// The Tera instance with all templates.
    pub tera: tera::Tera,
    /// Template name → where it came from (for error messages).
    pub origins: BTreeMap<String, Origin>,
    /// Static files: path inside the site → bytes (theme first, then the site's `static/`).
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Folders searched for templates, in order (for "not found" errors).
    pub searched: Vec<PathBuf>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("origins", &self.origins)
            .finish()
    }
}

impl Theme {
    /// Loads the theme `name` for the site at `root`.
    pub fn load(root: &Path, name: &str, urls: &Urls) -> Result<Theme, Error> {
        let theme_dir = root.join("themes").join(name);
        if name != DEFAULT_THEME && !theme_dir.is_dir() {
            return Err(Error::Invalid {
                path: root.join(crate::input::config::CONFIG_FILE),
                line: None,
                message: format!(
                    "theme = \"{name}\", but there is no folder {}",
                    theme_dir.display()
                ),
            });
        }
        let mut sources: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        let mut statics: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        if name == DEFAULT_THEME {
            for (n, bytes) in embedded_files("templates") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                sources.insert(n, (text, Origin::Embedded));
            }
            for (n, bytes) in embedded_files("static") {
                statics.insert(n, bytes.to_vec());
            }
        }
        let site_templates = root.join("templates");
        let theme_templates = theme_dir.join("templates");
        for dir in [&theme_templates, &site_templates] {
            for (n, path) in files_in(dir)? {
                let text = read_text(&path)?;
                sources.insert(n, (text, Origin::File(path)));
            }
        }
        for dir in [theme_dir.join("static"), root.join("static")] {
            for (n, path) in files_in(&dir)? {
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                statics.insert(n, bytes);
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        // Functions must exist before templates are added: Tera checks calls at load.
        let link_urls = urls.clone();
        tera.register_function("url", move |kwargs: tera::Kwargs, _: &tera::State| {
            let path: &str = kwargs.must_get("path")?;
            Ok::<String, tera::Error>(link_urls.link(path))
        });
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(
            sources
                .iter()
                .map(|(n, (text, _))| (n.as_str(), text.as_str())),
        ) {
            // Tera stops at the first template it cannot parse. Issue 17: parse each on
            // its own to report every broken one in this run, each at its line.
            let mut broken = Vec::new();
            if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                for (n, (text, _)) in &sources {
                    let mut alone = tera::Tera::new();
                    if let Err(e) = alone.add_raw_template(n, text)
                        && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
                    {
                        broken.push(template_error(&e, &origins, n));
                    }
                }
            }
            if broken.is_empty() {
                broken.push(template_error(&e, &origins, ""));
            }
            Error::many(broken)?;
        }
        Ok(Theme {
            tera,
            origins,
            statics,
            searched: vec![
                site_templates,
                theme_templates,
                PathBuf::from("(built-in theme `briefing`)"),
            ],
        })
    }

    /// Renders `name` with `ctx`, turning Tera's errors into ones that name the file.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Error> {
        if !self.tera.contains_template(name) {
            return Err(Error::TemplateNotFound {
                name: name.to_string(),
                searched: self.searched.clone(),
            });
        }
        self.tera
            .render(name, ctx)
            .map_err(|e| template_error(&e, &self.origins, name))
    }
}

/// Files under `dir` as (name relative to `dir` with `/`, path), sorted.
fn files_in(dir: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Error::io(
                dir,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk error")),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = crate::input::source::rel(dir, entry.path());
        if name.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        out.push((name, entry.path().to_path_buf()));
    }
    Ok(out)
}

/// Tera's terse syntax messages, with what usually causes them.
fn with_hint(message: &str) -> String {
    let hint = match message {
        "Unknown tag" => {
            "; is a `{% for %}`, `{% if %}` or `{% block %}` above it left open, or a tag misspelt?"
        }
        "Unexpected end of input" => {
            ": the template ends inside a tag or a block; close every `{% if %}`, `{% for %}` and `{% block %}`"
        }
        _ => "",
    };
    format!("{message}{hint}")
}

/// Maps a Tera error to an [`Error::Template`] naming the file, line and column.
fn template_error(e: &tera::Error, origins: &BTreeMap<String, Origin>, fallback: &str) -> Error {
    use tera::ErrorKind;
    let path_of = |name: &str| match origins.get(name) {
        Some(Origin::File(p)) => p.clone(),
        _ => PathBuf::from(format!("{name} (built-in theme)")),
    };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let name = if r.filename().is_empty() {
                fallback
            } else {
                r.filename()
            };
            let span = r.span();
            Error::Template {
                path: path_of(name),
                line: Some(span.start_line),
                column: Some(span.start_col + 1),
                message: with_hint(r.message()),
            }
        }
        ErrorKind::TemplateNotFound(name) => Error::TemplateNotFound {
            name: name.clone(),
            searched: vec![
                PathBuf::from("templates/"),
                PathBuf::from("themes/<theme>/templates/"),
            ],
        },
        _ if fallback.is_empty() => Error::Templates {
            message: e.to_string(),
        },
        _ => Error::Template {
            path: path_of(fallback),
            line: None,
            column: None,
            message: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17: Tera stops at the first template it cannot parse, so a theme with two
    /// broken templates took two builds to mend. Both are reported, each at its line;
    /// the templates that are fine (and extend ones not given alone) raise nothing.
    #[test]
    fn every_broken_template_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(
            t.join("page.html"),
            "{% extends \"base.html\" %}\n{% block main %}{{ page.title }\n{% endblock %}\n",
        )
        .unwrap();
        std::fs::write(
            t.join("source.html"),
            "{% extends \"base.html\" %}\n{% block main %}\n{% for s in sources %}{{ s.title }}\n{% endblock %}\n",
        )
        .unwrap();
        std::fs::write(t.join("zz.html"), "{% if x %}\n{{ x }}\n").unwrap();
        let urls = Urls::new("https://example.org/").unwrap();
        let err = Theme::load(dir.path(), DEFAULT_THEME, &urls)
            .unwrap_err()
            .relative_to(dir.path());
        let lines: Vec<String> = err.each().iter().map(|e| e.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("templates/page.html:2:31: "),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("templates/source.html:4:"),
            "{lines:?}"
        );
        assert!(lines[2].starts_with("templates/zz.html:"), "{lines:?}");
    }
}
