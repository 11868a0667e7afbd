//! URLs: the one place that turns a path inside the site into a link.
//!
//! In: the configured base URL (`https://org.github.io/repo/`). Out: root-relative links
//! that carry the base path (`/repo/timeline/`) for pages, and absolute URLs for
//! canonical links, feeds, sitemaps and data files. Every URL the build emits goes
//! through [`Urls`], so a site works at a domain root and under a project subpath alike.
//! Where each page lives inside the site is [`paths`], the one list of site paths;
//! [`percent_decode`] reads `%HH` escapes in links and requests (`percent-encoding`).

/// Where the pages and files live inside the site (the one list; links are made from
/// these by [`Urls`]).
pub mod paths {
    /// The timeline.
    pub const TIMELINE: &str = "timeline/";
    /// The statistics.
    pub const STATISTICS: &str = "statistics/";
    /// The index of entities.
    pub const ENTITIES: &str = "entities/";
    /// The generated methodology page.
    pub const METHODOLOGY: &str = "methodology/";
    /// The print brief.
    pub const BRIEF: &str = "brief/";
    /// The search page.
    pub const SEARCH: &str = "search/";
    /// The timeline in TimelineJS's format.
    pub const TIMELINE_JSON: &str = "data/timeline.json";
    /// The events as JSON.
    pub const EVENTS_JSON: &str = "data/events.json";
    /// The figures as JSON.
    pub const STATISTICS_JSON: &str = "data/statistics.json";
    /// The events as CSV.
    pub const EVENTS_CSV: &str = "data/events.csv";
    /// The figures as CSV.
    pub const STATISTICS_CSV: &str = "data/statistics.csv";
    /// The sources as JSON.
    pub const SOURCES_JSON: &str = "data/sources.json";
    /// The sources as CSV.
    pub const SOURCES_CSV: &str = "data/sources.csv";
    /// The Frictionless data package describing the CSVs.
    pub const DATAPACKAGE: &str = "data/datapackage.json";
    /// The page listing the data files.
    pub const DATA: &str = "data/";

    /// A source's page.
    pub fn source(slug: &str) -> String {
        format!("sources/{slug}/")
    }

    /// An entity's page.
    pub fn entity(slug: &str) -> String {
        format!("{ENTITIES}{slug}/")
    }

    /// An entity's own timeline.
    pub fn entity_timeline(slug: &str) -> String {
        format!("{TIMELINE}{slug}/")
    }

    /// The file of a page folder (`timeline/` → `timeline/index.html`).
    pub fn index_html(dir: &str) -> String {
        format!("{dir}index.html")
    }
}

/// Builds the site's URLs from its base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    origin: String,
    base_path: String,
    /// The language tree the links are made for: `""`, or `"es/"` for the Spanish pages
    /// of a bilingual site. Pages are linked inside it; files every tree shares (data,
    /// styles, scripts, PDFs, the sitemap) stay at the root.
    tree: String,
}

impl Urls {
    /// Checks and splits a base URL such as `https://example.org/mpp-briefing`
    /// (a missing trailing slash is added).
    pub fn new(base_url: &str) -> Result<Urls, String> {
        let url = base_url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("`{url}` must start with https:// or http://"))?;
        let scheme_len = url.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(['?', '#', ' ', '@']) {
            return Err(format!("`{url}` has no valid host"));
        }
        if path.contains(['?', '#', ' ', '\\']) || path.split('/').any(|s| s == ".." || s == ".") {
            return Err(format!("`{url}` has an unusable path"));
        }
        let mut base_path = path.to_string();
        if !base_path.ends_with('/') {
            base_path.push('/');
        }
        Ok(Urls {
            origin: url[..scheme_len + host.len()].to_string(),
            base_path,
            tree: String::new(),
        })
    }

    /// The same site's URLs for the language tree under `prefix` (`""` or `"es/"`).
    pub fn in_tree(&self, prefix: &str) -> Urls {
        Urls {
            tree: prefix.to_string(),
            ..self.clone()
        }
    }

    /// The language tree's prefix (`""`, or `"es/"`).
    pub fn tree(&self) -> &str {
        &self.tree
    }

    /// True for a path that every language tree shares, written once at the root: a
    /// file that is not a page (`data/events.json`, `style.css`, a PDF, `sitemap.xml`,
    /// `robots.txt`). Pages (folders, `.html`), feeds (`.xml` but the sitemap) and the
    /// search index (one per language) belong to each tree.
    pub fn is_shared(path: &str) -> bool {
        let path = path.trim_start_matches('/');
        let path = path.split(['#', '?']).next().unwrap_or("");
        let last = path.rsplit('/').next().unwrap_or("");
        let Some((_, ext)) = last.rsplit_once('.') else {
            return false;
        };
        if path.starts_with("pagefind/") || ext == "html" {
            return false;
        }
        ext != "xml" || path == "sitemap.xml"
    }

    /// The base path, always with leading and trailing slash (`/` or `/repo/`).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The base URL with trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin, self.base_path)
    }

    /// The absolute URL of the language tree's home page: the base URL in the default
    /// tree, `https://org.github.io/repo/es/` in the Spanish tree of a bilingual site.
    pub fn home(&self) -> String {
        self.absolute("")
    }

    /// A root-relative link to a path inside the site: `""` → `/repo/`,
    /// `"sources/a/"` → `/repo/sources/a/`, `"sources/a/#p-3"` keeps its fragment.
    /// In a language tree, pages link inside the tree (`/repo/es/sources/a/`) and
    /// shared files at the root (see [`Urls::is_shared`]).
    pub fn link(&self, path: &str) -> String {
        self.join(&[&self.base_path], path)
    }

    /// The absolute URL of a path inside the site.
    pub fn absolute(&self, path: &str) -> String {
        self.join(&[&self.origin, &self.base_path], path)
    }

    /// `prefix`, then the tree (unless `path` is shared), then `path` without its
    /// leading slashes, in one allocation: links are made for every fact on every page.
    fn join(&self, prefix: &[&str], path: &str) -> String {
        let path = path.trim_start_matches('/');
        // The default tree is empty: no need to ask whether the path is shared.
        let tree = if self.tree.is_empty() || Urls::is_shared(path) {
            ""
        } else {
            &self.tree
        };
        let len = prefix.iter().map(|p| p.len()).sum::<usize>() + tree.len() + path.len();
        let mut out = String::with_capacity(len);
        for p in prefix {
            out.push_str(p);
        }
        out.push_str(tree);
        out.push_str(path);
        out
    }
}

/// Decodes `%HH` escapes. A `%` not followed by two hex digits stays as written, and
/// bytes that are not UTF-8 become U+FFFD: never an error.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subpath_and_root_sites() {
        let u = Urls::new("https://example.org/mpp-briefing").unwrap();
        assert_eq!(u.base_path(), "/mpp-briefing/");
        assert_eq!(u.link(""), "/mpp-briefing/");
        assert_eq!(u.link("/timeline/"), "/mpp-briefing/timeline/");
        assert_eq!(
            u.absolute("sources/x/#p-2"),
            "https://example.org/mpp-briefing/sources/x/#p-2"
        );
        let r = Urls::new("https://org.github.io").unwrap();
        assert_eq!(r.link("a/"), "/a/");
        assert_eq!(r.base_url(), "https://org.github.io/");
    }

    #[test]
    fn a_language_tree_links_its_pages_inside_and_shared_files_at_the_root() {
        let u = Urls::new("https://org.github.io/repo/")
            .unwrap()
            .in_tree("es/");
        assert_eq!(u.link(""), "/repo/es/");
        assert_eq!(u.link("timeline/page/2/"), "/repo/es/timeline/page/2/");
        assert_eq!(u.link("sources/a/#p-3"), "/repo/es/sources/a/#p-3");
        assert_eq!(u.link("404.html"), "/repo/es/404.html");
        assert_eq!(u.link("atom.xml"), "/repo/es/atom.xml");
        assert_eq!(u.link("pagefind/"), "/repo/es/pagefind/");
        assert_eq!(u.link("data/"), "/repo/es/data/");
        assert_eq!(u.link("data/events.csv"), "/repo/data/events.csv");
        assert_eq!(u.link("style.css"), "/repo/style.css");
        assert_eq!(u.link("sitemap.xml"), "/repo/sitemap.xml");
        assert_eq!(
            u.link("sources/a/report.pdf#page=2"),
            "/repo/sources/a/report.pdf#page=2"
        );
        assert_eq!(u.absolute("brief/"), "https://org.github.io/repo/es/brief/");
        assert_eq!(u.home(), "https://org.github.io/repo/es/");
        assert_eq!(u.in_tree("").home(), u.base_url());
        assert_eq!(u.in_tree("").link("brief/"), "/repo/brief/");
    }

    #[test]
    fn rejects_unusable_base_urls() {
        for bad in [
            "example.org",
            "ftp://x/",
            "https:///x",
            "https://x/../y",
            "javascript:alert(1)",
        ] {
            assert!(Urls::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn percent_escapes_decode_and_the_rest_stays() {
        assert_eq!(percent_decode("caf%C3%A9%2"), "café%2");
        assert_eq!(percent_decode("a%2Fb%zz%"), "a/b%zz%");
        assert_eq!(percent_decode("%FF%41"), "\u{FFFD}A");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
