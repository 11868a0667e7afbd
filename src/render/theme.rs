//! Theme: finds the templates and static files a site is rendered with.
//!
//! In: the site root and the theme name. Out: a [`Theme`]: a Tera instance with every
//! template loaded and the static files to copy. Lookup order, file by file: the site's
//! `templates/` folder, then `themes/<name>/templates/`, then the default theme built
//! into `brief` (so a site without `themes/` still builds). Template errors name the
//! file, line and column.

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
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(n, (text, _))| (n.as_str(), text.as_str())),
        )
        .map_err(|e| template_error(&e, &origins, ""))?;
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
                message: r.message().to_string(),
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
