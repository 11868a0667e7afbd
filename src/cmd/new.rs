//! Scaffold: `brief new DIR` writes a small working site to start from.
//!
//! In: a folder that is missing or empty. Out: `site.toml` (every key, commented, with
//! its default), one sample source with its sidecar, the home page's text, the list of
//! actors and places (`content/entities.toml`, with one example), a GitHub
//! Pages workflow and a `.gitignore`; the list of files written. Refuses a folder that
//! has anything in it, so it never overwrites anyone's work. The result builds as is,
//! and publishes as is: the workflow downloads this very version of brief from the
//! repository named in `Cargo.toml` (no address to edit, no compiler on the runner).

use crate::util::error::Error;
use std::path::{Path, PathBuf};

/// The GitHub Pages workflow of a new site, with `@BRIEF_VERSION@` and
/// `@BRIEF_REPOSITORY@` still to fill in (see [`pages_workflow`]).
const PAGES_WORKFLOW_TEMPLATE: &str = include_str!("new_site_pages.yml");

/// The version of brief a new site's workflow downloads: this one.
pub const BRIEF_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where brief's releases are published: the crate's `repository` in `Cargo.toml`
/// (the one place to change for a fork that publishes its own releases).
pub const BRIEF_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The GitHub Pages workflow of a new site: it downloads brief [`BRIEF_VERSION`] from
/// [`BRIEF_REPOSITORY`]'s releases, checks its checksum and builds the site.
pub fn pages_workflow() -> String {
    PAGES_WORKFLOW_TEMPLATE
        .replace("@BRIEF_VERSION@", BRIEF_VERSION)
        .replace("@BRIEF_REPOSITORY@", BRIEF_REPOSITORY.trim_end_matches('/'))
}

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
# A bilingual site: every page in each language, the first at /, the others under
# /<code>/ (README, "Languages").
# languages = ["en", "es"]
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
# The period the briefing is about ("START..END", an end may stay open: "2018-12..").
# Earlier events go under "Background", later ones under "Afterwards", and neither is
# chosen as a highlight of the home page.
# focus = "2018-12..2021-06"
# Terms the briefing is about: an event that names one ranks higher among the
# highlights.
# topics = ["Remain in Mexico", "MPP"]

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

# The title and description in the site's other languages (with `languages`):
# [translations.es]
# title = "Mi informe"
# description = "Lo que dicen los documentos, dato por dato."
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

const SAMPLE_META: &str = r#"# Metadata of sample.txt. Keys: title, author, attribution, publisher, published
# (2024-03-04, 2024-03 or 2024), url, rights ("all-rights-reserved", "unknown" or a
# licence such as "CC-BY-4.0"; `license` is the same key), language, date_inferred,
# date_basis, summary, tags, slug. CC BY licences require an attribution.
title = "A sample source document"
author = "Ana Example"
publisher = "The Example Gazette"
published = 2024-03-04
rights = "CC-BY-4.0"
attribution = "A sample source document by Ana Example, The Example Gazette, CC BY 4.0"
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

const ENTITIES: &str = r#"# The actors and places of this briefing. brief finds these names in the sources
# (whole words, case-sensitive; accents never matter) and gives each one a page with
# its events, figures and quotes. Names brief saw in the documents that are not here
# are listed by `brief check` as candidates to add.
#
# [[entity]]
# id = "slug-like-id"           # also the page address: entities/<id>/
# name = "Name as shown"
# kind = "place"                # "place", "organization" or "person"
# aliases = ["Other spelling"]  # optional

[[entity]]
id = "town-council"
name = "Town council"
kind = "organization"
aliases = ["town council"]
"#;

const GITIGNORE: &str = "# Built by `brief build`; not part of the sources.\npublic/\nbuild/\n";

/// Every file of a new site: (path inside it, text).
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("site.toml", SITE_TOML.into()),
        ("content/sources/sample.txt", SAMPLE_SOURCE.into()),
        ("content/sources/sample.meta.toml", SAMPLE_META.into()),
        ("content/pages/_index.md", HOME_PAGE.into()),
        ("content/entities.toml", ENTITIES.into()),
        (".github/workflows/pages.yml", pages_workflow()),
        (".gitignore", GITIGNORE.into()),
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
        std::fs::write(&path, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
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
                SITE_TOML.contains(&format!("{key} = "))
                    || SITE_TOML.contains(&format!("[{key}]"))
                    || SITE_TOML.contains(&format!("[{key}.")),
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

    /// `uses:` lines of a workflow as (action, commit, version comment).
    fn pinned_actions(workflow: &str) -> Vec<(String, String, String)> {
        let pin =
            regex::Regex::new(r"uses: ([\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$").unwrap();
        workflow
            .lines()
            .filter(|l| l.trim_start().trim_start_matches("- ").starts_with("uses:"))
            .map(|l| {
                let caps = pin.captures(l.trim_end()).unwrap_or_else(|| {
                    panic!("not pinned to a full commit with its version in a comment: {l}")
                });
                (
                    caps[1].to_string(),
                    caps[2].to_string(),
                    caps[3].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn new_site_workflow_downloads_this_version_and_needs_no_edit() {
        let workflow = pages_workflow();
        assert!(!workflow.contains("@BRIEF_"), "placeholder left");
        assert!(!workflow.contains("EDIT ME") && !workflow.contains("YOUR-ORG"));
        assert!(
            !workflow.to_lowercase().contains("cargo"),
            "no Rust toolchain"
        );
        // The pinned version is the crate's own.
        let pinned = workflow
            .lines()
            .find_map(|l| l.trim().strip_prefix("BRIEF_VERSION: "))
            .expect("BRIEF_VERSION line");
        assert_eq!(pinned, format!("\"{}\"", env!("CARGO_PKG_VERSION")));
        let releases = format!("BRIEF_RELEASES: {BRIEF_REPOSITORY}/releases/download");
        assert!(workflow.contains(&releases), "{releases}");
        assert!(BRIEF_REPOSITORY.starts_with("https://github.com/"));
        for needle in [
            "sha256sum --check --strict",
            "--base-url \"$BASE_URL\"",
            "${{ steps.pages.outputs.base_url }}/",
            "path: public",
            "name: github-pages",
            "persist-credentials: false",
            "permissions: {}",
            "group: pages",
        ] {
            assert!(
                workflow.contains(needle),
                "new site's pages.yml lacks {needle}"
            );
        }
        assert!(!workflow.contains('\t'), "YAML must not contain tabs");
        assert_eq!(
            pinned_actions(&workflow).len(),
            4,
            "checkout, configure, upload, deploy"
        );
    }

    #[test]
    fn every_workflow_pins_the_same_commit_for_an_action() {
        let own = include_str!("../../.github/workflows/pages.yml");
        assert!(
            own.contains("cargo run --release --locked -- build"),
            "own builds from source"
        );
        let release = include_str!("../../.github/workflows/release.yml");
        let new_site = pages_workflow();
        let mut seen: std::collections::HashMap<String, (String, String)> = Default::default();
        for workflow in [own, release, new_site.as_str()] {
            for (action, commit, version) in pinned_actions(workflow) {
                let first = seen
                    .entry(action.clone())
                    .or_insert((commit.clone(), version.clone()));
                assert_eq!(first, &(commit, version), "{action} is pinned differently");
            }
        }
        assert_eq!(
            pinned_actions(own).len(),
            5,
            "checkout, configure, cache, upload, deploy"
        );
        assert!(seen.len() >= 7, "{seen:?}");
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
