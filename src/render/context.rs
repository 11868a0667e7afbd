//! Context: what every page's template gets besides its own view: the theme's words in
//! the site's language ([`Strings`]), the site ([`SiteView`]), the navigation and the
//! page's own metadata ([`PageView`]).
//!
//! In: the settings and the theme's `i18n/<language>.toml`. Out: a `tera::Context` per
//! page.

use crate::input::config::Settings;
use crate::model::date::PartialDate;
use crate::render::{Renderer, theme};
use crate::util::error::Error;
use crate::util::url::paths;
use serde::Serialize;
use std::collections::BTreeMap;

/// The theme's words in the site's language, with date formatting.
#[derive(Debug, Clone)]
pub struct Strings {
    table: toml::Table,
    /// The date formats, read once from `table`: dates are formatted for every fact
    /// on every page that shows it.
    dates: DateFormats,
}

/// `date_day`, `date_month` and the month names of a string table, for [`Strings::date`].
#[derive(Debug, Clone)]
struct DateFormats {
    day: String,
    month: String,
    months: [String; 12],
}

impl DateFormats {
    fn of(table: &toml::Table) -> DateFormats {
        let get = |key: &str| {
            table
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or(key)
                .to_string()
        };
        let months: [String; 12] = std::array::from_fn(|i| {
            table
                .get("months")
                .and_then(|v| v.as_array())
                .and_then(|a| a.get(i))
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| crate::model::date::MONTHS_EN[i].to_string())
        });
        DateFormats {
            day: get("date_day"),
            month: get("date_month"),
            months,
        }
    }
}

/// `template` with `{day}`, `{month}` and `{year}` replaced in one pass: the same text
/// as replacing each in turn when the values hold no `{`.
fn fill_date(template: &str, day: Option<&str>, month: &str, year: &str) -> String {
    let mut out = String::with_capacity(template.len() + month.len() + 8);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let value = [
            ("{day}", day),
            ("{month}", Some(month)),
            ("{year}", Some(year)),
        ]
        .into_iter()
        .find_map(|(p, v)| v.filter(|_| tail.starts_with(p)).map(|v| (p.len(), v)));
        match value {
            Some((len, v)) => {
                out.push_str(v);
                rest = &tail[len..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl Strings {
    /// Loads the string table for `language`: the theme's `i18n/<language>.toml` on disk
    /// overrides the built-in table key by key.
    pub fn load(settings: &Settings) -> Result<Strings, Error> {
        let lang = settings.config.language.as_str();
        let mut table = match theme::embedded_text(&format!("i18n/{lang}.toml")) {
            Some(text) => toml::from_str(text).expect("built-in string tables are valid TOML"),
            None => toml::Table::new(),
        };
        let path = settings
            .root
            .join("themes")
            .join(&settings.config.theme)
            .join("i18n")
            .join(format!("{lang}.toml"));
        if path.is_file() {
            let text = crate::util::error::read_text(&path)?;
            let disk: toml::Table =
                toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?;
            table.extend(disk);
        }
        let dates = DateFormats::of(&table);
        Ok(Strings { table, dates })
    }

    /// A word by key (the key itself if missing, so a gap shows rather than breaks).
    pub fn get(&self, key: &str) -> String {
        self.table
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// A date for readers, at its own precision: "13 February 2020", "August 2010".
    pub fn date(&self, d: &PartialDate) -> String {
        let f = &self.dates;
        match (d.month, d.day) {
            (Some(m), Some(day)) => fill_date(
                &f.day,
                Some(&day.to_string()),
                &f.months[m as usize - 1],
                &d.year.to_string(),
            ),
            (Some(m), None) => fill_date(
                &f.month,
                None,
                &f.months[m as usize - 1],
                &d.year.to_string(),
            ),
            _ => d.year.to_string(),
        }
    }

    /// A list of words by key (empty if missing).
    pub fn list(&self, key: &str) -> Vec<&str> {
        self.table
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default()
    }

    /// All string values, for templates.
    pub fn as_map(&self) -> BTreeMap<String, String> {
        self.table
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
            .collect()
    }
}

/// `site` in templates.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Language code.
    pub language: String,
    /// Base URL with trailing slash.
    pub base_url: String,
    /// Absolute URL of this language tree's home page (the base URL in the default
    /// tree, `…/es/` in the Spanish one): where a citation or feed points readers.
    pub home_url: String,
    /// Base path (`/` or `/repo/`).
    pub base_path: String,
    /// Author.
    pub author: String,
    /// Organisation.
    pub organisation: String,
    /// Most recent source date (ISO form).
    pub last_updated: Option<String>,
    /// The same, for readers.
    pub last_updated_display: Option<String>,
    /// Link to the Atom feed, if any.
    pub feed_url: Option<String>,
    /// Link to the data page, if the build extracts facts.
    pub data_url: Option<String>,
    /// `brief <version>`.
    pub generator: String,
    /// brief's home page (the crate's `repository`), for the footer's "Built with brief".
    pub generator_url: String,
    /// `[extra]` from site.toml.
    pub extra: toml::Table,
}

/// One language version of a page (`translations` in templates).
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    /// Language code (`en`, `es`).
    pub lang: String,
    /// The language's own name ("English", "Español").
    pub name: String,
    /// Root-relative link to the page in that language.
    pub url: String,
    /// Absolute URL of the page in that language.
    pub permalink: String,
    /// True for the page's own language.
    pub current: bool,
    /// True for the default language (at the root): also the `x-default`.
    pub default: bool,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Label.
    pub title: String,
    /// Link.
    pub url: String,
    /// Path inside the site (to mark the current page).
    pub path: String,
}

/// `page` in templates: what every page has.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// `home`, `source`, `page`, `404`, …
    pub kind: String,
    /// Title.
    pub title: String,
    /// Meta description (≤ 160 characters).
    pub description: String,
    /// Path inside the site (`sources/a/`).
    pub path: String,
    /// Root-relative link.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Rendered body HTML.
    pub content: String,
    /// Headings of the body: level, id, text.
    pub headings: Vec<(u8, String, String)>,
    /// Free values from front matter.
    pub extra: toml::Table,
}

pub(crate) fn truncate_chars(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

impl Renderer<'_> {
    pub(crate) fn site_view(&self) -> SiteView {
        let c = &self.settings.config;
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            base_url: self.urls.base_url(),
            home_url: self.urls.home(),
            base_path: self.urls.base_path().to_string(),
            author: c.author.clone(),
            organisation: c.organisation.clone(),
            last_updated: self.site.last_updated.map(|d| d.to_string()),
            last_updated_display: self.site.last_updated.map(|d| self.strings.date(&d)),
            feed_url: c.feed.enabled.then(|| self.urls.link(&c.feed.filename)),
            data_url: c.extract.enabled.then(|| self.urls.link(paths::DATA)),
            generator: format!("brief {}", env!("CARGO_PKG_VERSION")),
            generator_url: env!("CARGO_PKG_REPOSITORY").to_string(),
            extra: c.extra.clone(),
        }
    }

    pub(crate) fn nav(&self) -> Vec<NavItem> {
        let mut nav = vec![NavItem {
            title: self.strings.get("home"),
            url: self.urls.link(""),
            path: String::new(),
        }];
        // The briefing's own pages.
        for (key, path) in [
            ("timeline", paths::TIMELINE),
            ("statistics", paths::STATISTICS),
            ("entities", paths::ENTITIES),
            ("methodology", paths::METHODOLOGY),
            ("search", paths::SEARCH),
        ] {
            nav.push(NavItem {
                title: self.strings.get(key),
                url: self.urls.link(path),
                path: path.into(),
            });
        }
        let mut pages: Vec<_> = self
            .site
            .pages
            .iter()
            .filter(|p| p.meta.weight > 0 && p.path != paths::METHODOLOGY)
            .collect();
        pages.sort_by(|a, b| (a.meta.weight, &a.path).cmp(&(b.meta.weight, &b.path)));
        for p in pages {
            nav.push(NavItem {
                title: p.meta.title.clone(),
                url: self.urls.link(&p.path),
                path: p.path.clone(),
            });
        }
        nav
    }

    pub(crate) fn context(&self, page: &PageView) -> tera::Context {
        // The same for every page: converted to template values once, cloned per page.
        let mut ctx = self.base.clone();
        ctx.insert("page", page);
        ctx.insert("translations", &self.translations(&page.path));
        ctx
    }

    /// The part of [`Renderer::context`] that does not depend on the page.
    pub(crate) fn base_context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_view());
        ctx.insert("nav", &self.nav());
        ctx.insert("strings", &self.strings.as_map());
        ctx.insert("short_title", &short_title(&self.settings.config.title));
        ctx
    }

    /// The same page in every language of a bilingual site (empty for a one-language
    /// site): for the `hreflang` alternates and the language switch.
    pub(crate) fn translations(&self, path: &str) -> Vec<Translation> {
        let trees = self.settings.trees();
        if trees.len() < 2 {
            return Vec::new();
        }
        trees
            .iter()
            .map(|(code, prefix)| {
                let urls = self.urls.in_tree(prefix);
                Translation {
                    lang: code.clone(),
                    name: crate::input::config::language_name(code).to_string(),
                    url: urls.link(path),
                    permalink: urls.absolute(path),
                    current: *code == self.settings.config.language,
                    default: prefix.is_empty(),
                }
            })
            .collect()
    }

    pub(crate) fn page_view(
        &self,
        kind: &str,
        title: &str,
        description: &str,
        path: &str,
        content: String,
    ) -> PageView {
        PageView {
            kind: kind.into(),
            title: title.into(),
            description: truncate_chars(description, 160),
            path: path.into(),
            url: self.urls.link(path),
            permalink: self.urls.absolute(path),
            content,
            headings: Vec::new(),
            extra: toml::Table::new(),
        }
    }
}

/// The site title for `<title>`, at most 65 characters: the title itself when short
/// enough, else the part before a colon, else the title cut at a word.
pub fn short_title(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= 65 {
        return title.to_string();
    }
    if let Some((head, _)) = title.split_once(':')
        && head.trim().chars().count() >= 8
    {
        return head.trim().to_string();
    }
    crate::render::context::truncate_chars(title, 65)
}

pub(crate) use crate::util::number::format_number;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let d = truncate_chars(&long, 160);
        assert!(d.chars().count() <= 160 && d.ends_with('…'), "{d}");
        assert_eq!(truncate_chars("short", 160), "short");
    }

    #[test]
    fn english_and_spanish_tables_have_the_same_words() {
        let en: toml::Table =
            toml::from_str(include_str!("../../themes/briefing/i18n/en.toml")).unwrap();
        let es: toml::Table =
            toml::from_str(include_str!("../../themes/briefing/i18n/es.toml")).unwrap();
        let keys = |t: &toml::Table| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&en), keys(&es));
    }

    #[test]
    fn long_titles_are_shortened_for_the_title_element() {
        assert_eq!(
            short_title(
                "Remain in Mexico: the Migrant Protection Protocols and violence against migrants"
            ),
            "Remain in Mexico"
        );
        assert_eq!(short_title("Short"), "Short");
        assert!(short_title(&"word ".repeat(30)).chars().count() <= 65);
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn one_pass_dates_read_as_replacing_each_placeholder_in_turn() {
        let in_turn = |t: &str, day: Option<&str>, month: &str, year: &str| {
            let t = match day {
                Some(d) => t.replace("{day}", d),
                None => t.to_string(),
            };
            t.replace("{month}", month).replace("{year}", year)
        };
        for t in [
            "{day} {month} {year}",
            "{day} de {month} de {year}",
            "{month} {year}",
            "{year}-{month}-{day}",
            "{{month}} {day",
            "{ {yea{year}r}",
            "",
            "plain",
        ] {
            for day in [Some("7"), None] {
                assert_eq!(
                    fill_date(t, day, "marzo", "2019"),
                    in_turn(t, day, "marzo", "2019"),
                    "{t}"
                );
            }
        }
    }
}
