//! Config: `site.toml` → [`Config`].
//!
//! In: the site root and the command line's [`Overrides`]. Out: [`Settings`] (the
//! parsed config, output folders, [`Urls`]), and every problem of the file, each naming
//! file, line and column ([`load_checked`]).
//!
//! Read in two steps, as ripgrep does with its arguments: the TOML is parsed into serde
//! structs that reject unknown keys (naming file, line and column), then checked and
//! completed into the settings the build uses. Every table documents its defaults.

use crate::model::date::PartialDate;
use crate::util::error::Error;
use crate::util::url::Urls;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The whole of `site.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and the `<title>` (default: `"Briefing"`).
    pub title: String,
    /// One-paragraph summary for the home page and meta description (default: empty).
    pub description: String,
    /// Where the site will be served, e.g. `https://org.github.io/repo/`
    /// (default: `http://127.0.0.1:1111/`). `brief build --base-url` overrides it.
    pub base_url: String,
    /// Language of the site's own words: `en` or `es` (default: `en`).
    pub language: String,
    /// The languages of a multilingual site, the default (served at `/`) first, the
    /// others under `/<code>/` (default: empty: one tree, in `language`). When set,
    /// `language` is its first entry.
    pub languages: Vec<String>,
    /// Theme folder name under `themes/` (default: `briefing`, also built into `brief`).
    pub theme: String,
    /// Output folder, relative to the site root (default: `public`; `docs` for
    /// publishing from a branch's `docs/` folder).
    pub output_dir: PathBuf,
    /// Where the generated Markdown of each source is written for editors to read
    /// (default: `build/markdown`).
    pub markdown_dir: PathBuf,
    /// Author of the briefing (a person or a team; default: empty).
    pub author: String,
    /// Organisation publishing the briefing (default: empty).
    pub organisation: String,
    /// A custom domain for GitHub Pages; writes a `CNAME` file (default: none).
    pub cname: Option<String>,
    /// Sources: how to treat the documents under `content/sources/`.
    pub sources: SourcesConfig,
    /// Fact extraction.
    pub extract: ExtractConfig,
    /// The briefing pages (home, timeline, statistics).
    pub briefing: BriefingConfig,
    /// The Atom feed.
    pub feed: FeedConfig,
    /// Full-text search.
    pub search: SearchConfig,
    /// Code highlighting.
    pub highlight: HighlightConfig,
    /// Free-form values passed to templates as `site.extra`.
    pub extra: toml::Table,
    /// The site's title and description in its other languages, as
    /// `[translations.es]` tables (default: none; the tree of a language without one
    /// shows `title` and `description`).
    pub translations: BTreeMap<String, Translation>,
}

/// `[translations.<code>]`: what a language tree shows instead of `title` and
/// `description`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Translation {
    /// The site title in this language.
    pub title: Option<String>,
    /// The summary in this language.
    pub description: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefing".into(),
            description: String::new(),
            base_url: "http://127.0.0.1:1111/".into(),
            language: "en".into(),
            languages: Vec::new(),
            theme: "briefing".into(),
            output_dir: PathBuf::from("public"),
            markdown_dir: PathBuf::from("build/markdown"),
            author: String::new(),
            organisation: String::new(),
            cname: None,
            sources: SourcesConfig::default(),
            extract: ExtractConfig::default(),
            briefing: BriefingConfig::default(),
            feed: FeedConfig::default(),
            search: SearchConfig::default(),
            highlight: HighlightConfig::default(),
            extra: toml::Table::new(),
            translations: BTreeMap::new(),
        }
    }
}

/// `[sources]`
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourcesConfig {
    /// When a source's rights are unknown, publish only its metadata, summary and quoted
    /// facts, not its full text (default: `false`: unknown rights publish the full text;
    /// `all-rights-reserved` never does).
    pub careful_with_unknown_rights: bool,
}

/// `[extract]`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {
    /// Extract events and statistics (default: `true`).
    pub enabled: bool,
    /// The editor's corrections file, relative to the site root
    /// (default: `content/corrections.toml`; a missing file means no corrections).
    pub corrections: PathBuf,
    /// `brief check` fails while any fact has not been reviewed (approved, fixed or
    /// dropped) in the corrections file (default: `false`: a note only).
    pub require_review: bool,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            enabled: true,
            corrections: PathBuf::from("content/corrections.toml"),
            require_review: false,
        }
    }
}

/// `[briefing]`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BriefingConfig {
    /// Ids of the statistics to show as key figures on the home page, in order
    /// (default: empty: the best-supported figures are chosen).
    pub key_figures: Vec<String>,
    /// How to cite the briefing; shown on the home page (default: generated from the
    /// title, organisation and URL).
    pub citation: Option<String>,
    /// Most facts on one page of the timeline (counting each entry's reports) or of the
    /// statistics: longer ones are split into numbered pages (`timeline/page/2/`, …),
    /// and the print brief keeps this many of the best-supported entries (default:
    /// 1000).
    pub page_size: usize,
    /// The period the briefing is about, `"2018-12..2021-06"` (either end may be left
    /// open: `"2018-12.."`). Timeline entries outside it are kept, grouped under
    /// "Background" (before) or "Afterwards", and never chosen as highlights (default:
    /// none: everything is in focus).
    pub focus: Option<Focus>,
    /// Terms the briefing is about (`["Remain in Mexico", "MPP"]`): an entry that names
    /// one ranks higher among the home page's highlights (default: none).
    pub topics: Vec<String>,
}

impl Default for BriefingConfig {
    fn default() -> Self {
        BriefingConfig {
            key_figures: Vec::new(),
            citation: None,
            page_size: 1000,
            focus: None,
            topics: Vec::new(),
        }
    }
}

/// `[briefing] focus`: a period, `"START..END"`, each a date (`2018`, `2018-12` or
/// `2018-12-20`) or empty for an open end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Focus {
    /// First day of the focus: the first day of this date (open when `None`).
    pub start: Option<PartialDate>,
    /// Last day of the focus: the last day of this date (open when `None`).
    pub end: Option<PartialDate>,
}

impl TryFrom<String> for Focus {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let usage =
            "write the period as \"START..END\", e.g. \"2018-12..2021-06\" or \"2018-12..\"";
        let Some((a, b)) = text.split_once("..") else {
            return Err(format!("focus = \"{text}\": no `..`; {usage}"));
        };
        let side = |s: &str| -> Result<Option<PartialDate>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            PartialDate::parse(s)
                .map(Some)
                .map_err(|e| format!("focus = \"{text}\": `{s}` is not a date ({e}); {usage}"))
        };
        let (start, end) = (side(a)?, side(b)?);
        if start.is_none() && end.is_none() {
            return Err(format!(
                "focus = \"{text}\" has no start and no end; {usage}"
            ));
        }
        if let (Some(s), Some(e)) = (start, end)
            && s.first_day() > e.last_day()
        {
            return Err(format!("focus = \"{text}\" ends before it starts"));
        }
        Ok(Focus { start, end })
    }
}

impl From<Focus> for String {
    fn from(f: Focus) -> String {
        let side = |d: Option<PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        format!("{}..{}", side(f.start), side(f.end))
    }
}

/// `[feed]`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedConfig {
    /// Write an Atom feed of the sources (default: `true`).
    pub enabled: bool,
    /// File name of the feed (default: `atom.xml`).
    pub filename: String,
    /// Most entries in the feed, newest first (default: 50).
    pub limit: usize,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            enabled: true,
            filename: "atom.xml".into(),
            limit: 50,
        }
    }
}

/// `[search]`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Build a full-text search index (default: `true`).
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

/// `[highlight]`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HighlightConfig {
    /// Highlight fenced code with CSS classes (default: `true`).
    pub enabled: bool,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig { enabled: true }
    }
}

/// Settings that come from the command line rather than `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--output`.
    pub output_dir: Option<PathBuf>,
    /// Serve at this origin (`http://127.0.0.1:1111`): replaces the scheme and host of
    /// `base_url` and keeps its path (`brief serve`).
    pub origin: Option<String>,
}

/// The checked configuration a build uses.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site root (the folder holding `site.toml`).
    pub root: PathBuf,
    /// The parsed `site.toml` (with overrides applied).
    pub config: Config,
    /// URL builder for the base URL.
    pub urls: Urls,
    /// Absolute output folder.
    pub output_dir: PathBuf,
    /// Absolute folder for generated Markdown.
    pub markdown_dir: PathBuf,
    /// `content/` under the root.
    pub content_dir: PathBuf,
    /// The text of site.toml (empty without one), to name lines in later messages.
    pub config_text: String,
}

impl Config {
    /// Parses `site.toml` text; `path` is used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        // Every unknown key and bad value of the file, not only the first.
        toml::from_str(text).map_err(|e| crate::util::error::toml_errors::<Config>(path, text, &e))
    }
}

/// Loads and checks `root/site.toml` (a missing file means all defaults): the settings,
/// or every problem of the file at once (see [`load_checked`]).
pub fn load(root: &Path, overrides: &Overrides) -> Result<Settings, Error> {
    let (settings, errors) = load_checked(root, overrides);
    Error::many(errors)?;
    Ok(settings)
}

/// Loads `root/site.toml` and lists every problem of it, not only the first: its syntax,
/// unknown keys and values of the wrong type (all of them, see [`Config::parse`]), then
/// what the values mean (`base_url`, `language`, `theme`, `[briefing] page_size`), each
/// at its line, even when the file has other mistakes. The settings use the default in
/// place of each refused value, so that the rest of the site is still read and checked.
pub fn load_checked(root: &Path, overrides: &Overrides) -> (Settings, Vec<Error>) {
    let path = root.join(CONFIG_FILE);
    let mut errors = Vec::new();
    let (mut config, config_text) = if path.exists() {
        match crate::util::error::read_text(&path) {
            Ok(text) => match Config::parse(&path, &text) {
                Ok(c) => (c, text),
                Err(e) => {
                    errors.push(e);
                    (salvage(&text), text)
                }
            },
            Err(e) => {
                errors.push(e);
                (Config::default(), String::new())
            }
        }
    } else {
        (Config::default(), String::new())
    };
    if let Some(url) = &overrides.base_url {
        config.base_url = url.clone();
    }
    if let Some(out) = &overrides.output_dir {
        config.output_dir = out.clone();
    }
    let defaults = Config::default();
    let line = |table: Option<&str>, key: &str| key_line(&config_text, table, key);
    let mut invalid = |line: Option<usize>, message: String| {
        errors.push(Error::Invalid {
            path: path.clone(),
            line,
            message,
        })
    };
    let mut urls = match Urls::new(&config.base_url) {
        Ok(u) => u,
        Err(m) => {
            // A value given with --base-url has no line in the file.
            let at = overrides
                .base_url
                .is_none()
                .then(|| line(None, "base_url"))
                .flatten();
            invalid(at, format!("base_url: {m}"));
            config.base_url.clone_from(&defaults.base_url);
            Urls::new(&config.base_url).expect("the default base_url is valid")
        }
    };
    if let Some(origin) = &overrides.origin {
        config.base_url = format!("{}{}", origin.trim_end_matches('/'), urls.base_path());
        match Urls::new(&config.base_url) {
            Ok(u) => urls = u,
            Err(m) => invalid(None, format!("base_url: {m}")),
        }
    }
    if !matches!(config.language.as_str(), "en" | "es") {
        invalid(
            line(None, "language"),
            format!(
                "language = \"{}\" is not supported; use \"en\" or \"es\"",
                config.language
            ),
        );
        config.language.clone_from(&defaults.language);
    }
    check_languages(&mut config, &config_text, &mut invalid);
    check_translations(&config, &config_text, &mut invalid);
    if config.theme != defaults.theme && !root.join("themes").join(&config.theme).is_dir() {
        invalid(
            line(None, "theme"),
            format!(
                "theme = \"{0}\", but there is no folder themes/{0}; add it, or remove `theme` to use the built-in theme \"{1}\"",
                config.theme, defaults.theme
            ),
        );
        config.theme.clone_from(&defaults.theme);
    }
    if config.briefing.page_size == 0 {
        invalid(
            line(Some("briefing"), "page_size"),
            "[briefing] page_size = 0: a page holds at least one entry; use 1 or more".into(),
        );
        config.briefing.page_size = defaults.briefing.page_size;
    }
    let output_dir = root.join(&config.output_dir);
    let markdown_dir = root.join(&config.markdown_dir);
    let settings = Settings {
        root: root.to_path_buf(),
        content_dir: root.join("content"),
        urls,
        output_dir,
        markdown_dir,
        config,
        config_text,
    };
    (settings, errors)
}

/// The UI languages `brief` has words for.
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// A language's own name, for the language switch ("English", "Español").
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "es" => "Español",
        other => other,
    }
}

/// Checks `languages` (known codes, no duplicates, agreeing with `language` when both
/// are written) and makes `language` its first entry. Refused entries are dropped.
fn check_languages(
    config: &mut Config,
    text: &str,
    invalid: &mut impl FnMut(Option<usize>, String),
) {
    if config.languages.is_empty() {
        return;
    }
    let at = key_line(text, None, "languages");
    let mut kept: Vec<String> = Vec::new();
    for code in &config.languages {
        if !LANGUAGES.contains(&code.as_str()) {
            invalid(
                at,
                format!("languages: \"{code}\" is not supported; use \"en\" and/or \"es\""),
            );
        } else if kept.contains(code) {
            invalid(at, format!("languages: \"{code}\" is listed twice"));
        } else {
            kept.push(code.clone());
        }
    }
    if kept.is_empty() {
        config.languages.clear();
        return;
    }
    // `language` written beside `languages` must name the default (first) language.
    if let Some(line) = key_line(text, None, "language")
        && config.language != kept[0]
    {
        invalid(
            Some(line),
            format!(
                "language = \"{}\" but languages = [{}] starts with \"{}\": the first of `languages` is the default language; remove `language` or make them agree",
                config.language,
                kept.iter()
                    .map(|l| format!("\"{l}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                kept[0]
            ),
        );
    }
    config.language.clone_from(&kept[0]);
    config.languages = kept;
}

/// Checks that each `[translations.<code>]` names a language `brief` knows other than
/// the default. One the site is not built in waits, unused, until `languages` lists it
/// (like a page translation).
fn check_translations(
    config: &Config,
    text: &str,
    invalid: &mut impl FnMut(Option<usize>, String),
) {
    let default = config.languages.first().unwrap_or(&config.language);
    for code in config.translations.keys() {
        let at = key_line(text, Some("translations"), code);
        if code == default {
            invalid(
                at,
                format!(
                    "translations.{code}: \"{code}\" is the default language; set `title` and `description` at the top of site.toml instead"
                ),
            );
        } else if !LANGUAGES.contains(&code.as_str()) {
            invalid(
                at,
                format!("translations.{code}: \"{code}\" is not supported; use \"en\" or \"es\""),
            );
        }
    }
}

impl Settings {
    /// The site's language trees: `(code, path prefix)`, the default language first
    /// with the prefix `""`, then `("es", "es/")`… One entry for a one-language site.
    pub fn trees(&self) -> Vec<(String, String)> {
        if self.config.languages.len() < 2 {
            return vec![(self.config.language.clone(), String::new())];
        }
        self.config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let prefix = if i == 0 {
                    String::new()
                } else {
                    format!("{l}/")
                };
                (l.clone(), prefix)
            })
            .collect()
    }

    /// The settings of one language tree: its UI language, and URLs under its prefix.
    pub fn for_tree(&self, language: &str, prefix: &str) -> Settings {
        let mut s = self.clone();
        s.config.language = language.to_string();
        if let Some(t) = self.config.translations.get(language) {
            if let Some(title) = &t.title {
                s.config.title.clone_from(title);
            }
            if let Some(description) = &t.description {
                s.config.description.clone_from(description);
            }
        }
        s.urls = self.urls.in_tree(prefix);
        s
    }
}

/// The values of a site.toml that [`Config::parse`] refused which the checks of
/// [`load_checked`] look at, where they have the right type, over the defaults: so a
/// bad language is reported beside a misspelt key.
fn salvage(text: &str) -> Config {
    let mut c = Config::default();
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return c;
    };
    let string = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(v) = string(&table, "base_url") {
        c.base_url = v;
    }
    if let Some(v) = string(&table, "language") {
        c.language = v;
    }
    if let Some(v) = string(&table, "theme") {
        c.theme = v;
    }
    if let Some(n) = table
        .get("briefing")
        .and_then(|b| b.get("page_size"))
        .and_then(|v| v.as_integer())
        .and_then(|n| usize::try_from(n).ok())
    {
        c.briefing.page_size = n;
    }
    c
}

/// The 1-based line of `key` (in `[table]`, or at the top) of a TOML text, if it is there.
fn key_line(text: &str, table: Option<&str>, key: &str) -> Option<usize> {
    let (doc, _) = toml::de::DeTable::parse_recoverable(text);
    let top = doc.get_ref();
    let span = match table {
        None => top.iter().find(|(k, _)| k.get_ref() == key)?.0.span(),
        Some(t) => match top.iter().find(|(k, _)| k.get_ref() == t)?.1.get_ref() {
            toml::de::DeValue::Table(inner) => {
                inner.iter().find(|(k, _)| k.get_ref() == key)?.0.span()
            }
            _ => return None,
        },
    };
    Some(crate::util::error::line_col(text, span.start).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_replaces_the_host_and_keeps_the_base_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "base_url = \"https://org.github.io/repo/\"\n",
        )
        .unwrap();
        let overrides = Overrides {
            origin: Some("http://127.0.0.1:1111".into()),
            ..Overrides::default()
        };
        let s = load(dir.path(), &overrides).unwrap();
        assert_eq!(s.config.base_url, "http://127.0.0.1:1111/repo/");
        assert_eq!(s.urls.base_path(), "/repo/");
    }

    #[test]
    fn empty_file_gives_documented_defaults() {
        let c = Config::parse(Path::new("site.toml"), "").unwrap();
        assert_eq!(c.theme, "briefing");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert!(c.extract.enabled && c.feed.enabled && c.search.enabled);
    }

    #[test]
    fn focus_is_a_period_with_open_ends_and_clear_errors() {
        let parse = |focus: &str| {
            Config::parse(
                Path::new("site.toml"),
                &format!("[briefing]\nfocus = \"{focus}\"\n"),
            )
            .map(|c| c.briefing.focus.unwrap())
        };
        let f = parse("2018-12..2021-06").unwrap();
        assert_eq!(f.start.unwrap().to_string(), "2018-12");
        assert_eq!(f.end.unwrap().last_day(), "2021-06-30");
        assert!(parse("2018-12..").unwrap().end.is_none());
        assert!(parse("..2020").unwrap().start.is_none());
        for bad in ["2018", "..", "2019-13..2020", "2021..2019"] {
            let msg = parse(bad).unwrap_err().to_string();
            assert!(msg.starts_with("site.toml:2:"), "{bad}: {msg}");
            assert!(msg.contains("focus"), "{bad}: {msg}");
        }
    }

    /// Issue 17: every mistake of site.toml in one run, each at its line.
    #[test]
    fn every_bad_key_of_site_toml_is_reported() {
        let text = "titel = \"x\"\nlanguage = \"en\"\n\n[feed]\nlimt = 3\n\n[briefing]\npage_size = \"ten\"\nkey_figures = [\"st-1\"]\n";
        let err = Config::parse(Path::new("site.toml"), text).unwrap_err();
        let lines: Vec<String> = err.each().iter().map(|e| e.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("site.toml:1:1: unknown key `titel`; did you mean `title`?"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("site.toml:5:1: unknown key `limt`; did you mean `limit`?"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("site.toml:8:13: `page_size`: write a whole number"),
            "{lines:?}"
        );
    }

    /// Issue 17: what the values of site.toml mean was checked one at a time, after the
    /// file had parsed: a bad base_url hid a bad language. Now every problem is listed at
    /// its line, beside the parse errors, and the settings keep going with defaults.
    #[test]
    fn every_meaning_problem_of_site_toml_is_reported_with_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let write = |text: &str| std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        write(
            "title = \"x\"\nbase_url = \"example.org\"\nlanguage = \"fr\"\ntheme = \"nope\"\n\n[briefing]\npage_size = 0\nkey_figures = [\"st-1\"]\n",
        );
        let (settings, errors) = load_checked(dir.path(), &Overrides::default());
        let lines: Vec<String> = errors
            .into_iter()
            .map(|e| e.relative_to(dir.path()).to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "site.toml:2: base_url: `example.org` must start with https:// or http://",
                "site.toml:3: language = \"fr\" is not supported; use \"en\" or \"es\"",
                "site.toml:4: theme = \"nope\", but there is no folder themes/nope; add it, or remove `theme` to use the built-in theme \"briefing\"",
                "site.toml:7: [briefing] page_size = 0: a page holds at least one entry; use 1 or more",
            ]
        );
        // The rest of the file still counts; each refused value is the default.
        assert_eq!(settings.config.briefing.key_figures, ["st-1"]);
        assert_eq!(settings.config.language, "en");
        assert_eq!(settings.config.theme, "briefing");
        assert!(load(dir.path(), &Overrides::default()).is_err());

        // A misspelt key and a bad focus (parse errors) beside a bad language.
        write("titel = \"x\"\nlanguage = \"fr\"\n[briefing]\nfocus = \"2021..2019\"\n");
        let (_, errors) = load_checked(dir.path(), &Overrides::default());
        let all = Error::many(errors).unwrap_err().relative_to(dir.path());
        let all: Vec<String> = all.each().iter().map(|e| e.to_string()).collect();
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(
            all[0].starts_with("site.toml:1:1: unknown key `titel`"),
            "{all:?}"
        );
        assert!(
            all[1].starts_with("site.toml:2: language = \"fr\""),
            "{all:?}"
        );
        assert!(all[2].starts_with("site.toml:4:"), "{all:?}");
        assert!(all[2].contains("ends before it starts"), "{all:?}");
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_line() {
        let err =
            Config::parse(Path::new("site.toml"), "title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("site.toml:2:1"), "{msg}");
        assert!(msg.contains("titel"), "{msg}");
        let err = Config::parse(Path::new("site.toml"), "[feed]\nlimt = 3\n").unwrap_err();
        assert!(err.to_string().starts_with("site.toml:2:"), "{err}");
    }
}
