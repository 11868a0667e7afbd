//! Scaffold: `brief new DIR` writes a small working site to start from.
//!
//! In: a folder that is missing or empty. Out: `site.toml` (every key, commented, with
//! its default), one sample source with its sidecar, the home page's text, a GitHub
//! Pages workflow and a `.gitignore`; the list of files written. Refuses a folder that
//! has anything in it, so it never overwrites anyone's work. The result builds as is.

use crate::util::error::Error;
use std::path::{Path, PathBuf};

/// The GitHub Pages workflow, the same text as brief's own `.github/workflows/pages.yml`.
pub const PAGES_WORKFLOW: &str = include_str!("../../.github/workflows/pages.yml");

/// `site.toml` of a new site: every key, with its default and what it does.
pub const SITE_TOML: &str = r#"# brief site configuration. Every key is optional: a commented-out key shows its
# default. Unknown keys are errors, so a typo is caught rather than ignored.

# Site title, shown in the header and the browser tab.
title = "My briefing"
# One paragraph for the home page and search engines.
description = "What the documents in content/sources/ say, fact by fact."
# Where the site will be served. For local previews keep the default; the GitHub
# Pages workflow sets the real address with `brief build --base-url`.
# base_url = "http://127.0.0.1:1111/"
# Language of the site's own words: "en" or "es".
# language = "en"
# Theme folder under themes/; "briefing" is built into brief.
# theme = "briefing"
# Where `brief build` writes the site. Use "docs" to publish from a branch's docs/
# folder on GitHub Pages.
# output_dir = "public"
# Where the generated Markdown of each source is written for editors to read.
# markdown_dir = "build/markdown"
# Who wrote the briefing (a person or a team), and the organisation publishing it.
# author = ""
# organisation = ""
# A custom domain for GitHub Pages (writes a CNAME file), e.g. "briefing.example.org".
# cname = "briefing.example.org"

[sources]
# When a document's rights are unknown, publish only its metadata, summary and
# quoted facts, not its full text. (Documents marked "all-rights-reserved" never
# have their full text published.)
# careful_with_unknown_rights = false

[extract]
# Find dated events and figures in the documents.
# enabled = true
# The editor's corrections (written by `brief review`; a missing file means none).
# corrections = "content/corrections.toml"
# Make `brief check` fail while any extracted fact has not been reviewed.
# require_review = false


[briefing]
# Ids of the figures to show as key figures on the home page, in order
# (empty: brief chooses the best-supported ones).
# key_figures = []
# How to cite the briefing (default: made from the title, organisation and URL).
# citation = "..."
# Most facts on one page of the timeline (counting each entry's reports) or of the
# statistics; longer ones are split into numbered pages (timeline/page/2/, ...), and
# the print brief keeps this many of the best-supported timeline entries.
# page_size = 1000

[feed]
# Write an Atom feed of the sources.
# enabled = true
# filename = "atom.xml"
# Most entries in the feed, newest first.
# limit = 50

[search]
# Build a full-text search index.
# enabled = true

[highlight]
# Highlight code blocks.
# enabled = true

[extra]
# Free values for your own templates, available as `site.extra`.
"#;

const SAMPLE_SOURCE: &str = "\
A sample source document

This is a sample source. Put the documents your briefing is about in content/sources/ \
as .txt, .md or .html files, one per document, each with a sidecar file of the same \
name ending in .meta.toml that says who published it and when.

On 3 March 2024 the town council approved a new budget. It set aside 1.2 million euros \
for repairs to the old bridge, which more than 4,000 people cross every day.

Delete this file and its sidecar when you add your own documents.
";

const SAMPLE_META: &str = r#"# Metadata of sample.txt. Keys: title, publisher, published ("YYYY", "YYYY-MM"
# or "YYYY-MM-DD"), url, rights ("all-rights-reserved", "unknown" or a licence
# such as "CC-BY-4.0"), language, date_inferred, date_basis, summary, tags, slug.
title = "A sample source document"
publisher = "The Example Gazette"
published = "2024-03-04"
rights = "CC-BY-4.0"
summary = "A made-up report about a town budget, to show how a source looks."
tags = ["sample"]
"#;

const HOME_PAGE: &str = r#"+++
# The home page's own text. Title and description default to site.toml's.
title = "My briefing"
+++

This briefing gathers what the documents in `content/sources/` say. Write an
introduction here in Markdown; the list of sources follows it on the home page.
"#;

const GITIGNORE: &str = "# Built by `brief build`; not part of the sources.\npublic/\nbuild/\n";

/// Every file of a new site: (path inside it, text).
pub fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.toml", SITE_TOML),
        ("content/sources/sample.txt", SAMPLE_SOURCE),
        ("content/sources/sample.meta.toml", SAMPLE_META),
        ("content/pages/_index.md", HOME_PAGE),
        (".github/workflows/pages.yml", PAGES_WORKFLOW),
        (".gitignore", GITIGNORE),
    ]
}

/// Writes a new site into `dir` (created if missing). Refuses a folder that is not
/// empty. Returns the paths written.
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::Invalid {
                path: dir.to_path_buf(),
                line: None,
                message: "exists and is not a folder".into(),
            });
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Invalid {
                path: dir.to_path_buf(),
                line: None,
                message: "folder is not empty; `brief new` only writes into a new or empty \
                          folder, so that nothing is overwritten"
                    .into(),
            });
        }
    }
    let mut written = Vec::new();
    for (rel, text) in files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::config::Config;

    #[test]
    fn site_toml_is_valid_and_mentions_every_key() {
        let config = Config::parse(Path::new("site.toml"), SITE_TOML).unwrap();
        assert_eq!(config.title, "My briefing");
        // Uncommenting every `# key = value` line must still give a valid file.
        let uncommented: String = SITE_TOML
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") && !rest.contains("...") => rest,
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        Config::parse(Path::new("site.toml"), &uncommented).unwrap();
        let defaults = toml::Table::try_from(Config::default()).unwrap();
        for (key, value) in &defaults {
            assert!(
                SITE_TOML.contains(&format!("{key} = ")) || SITE_TOML.contains(&format!("[{key}]")),
                "site.toml template does not mention `{key}`"
            );
            if let Some(table) = value.as_table() {
                for sub in table.keys() {
                    assert!(
                        SITE_TOML.contains(&format!("{sub} = ")),
                        "site.toml template does not mention `{key}.{sub}`"
                    );
                }
            }
        }
    }

    #[test]
    fn pages_workflow_uses_the_official_flow() {
        for needle in [
            "actions/checkout@",
            "id: pages",
            "actions/configure-pages@",
            "actions/cache@",
            "--base-url \"$BASE_URL\"",
            "${{ steps.pages.outputs.base_url }}/",
            "cargo run --release --locked -- build",
            "cargo install --locked --git \"$BRIEF_GIT_URL\" brief",
            "actions/upload-pages-artifact@",
            "path: public",
            "actions/deploy-pages@",
            "name: github-pages",
            "pages: write",
            "id-token: write",
            "group: pages",
            "EDIT ME",
        ] {
            assert!(PAGES_WORKFLOW.contains(needle), "pages.yml lacks {needle}");
        }
        assert!(!PAGES_WORKFLOW.contains('\t'), "YAML must not contain tabs");
    }

    #[test]
    fn sidecar_is_valid() {
        let meta: crate::model::source::SourceMeta = toml::from_str(SAMPLE_META).unwrap();
        assert!(meta.published.is_some() && meta.title.is_some());
    }

    #[test]
    fn refuses_a_non_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = new_site(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
