//! The flagship site (this repository's content/), built into a temp copy: required
//! files, verbatim provenance of every published fact, extraction accuracy against the
//! gold annotations, and no page furniture in the pages.

use crate::common::*;
use serde_json::Value;
use std::fs;

/// A temp copy of the flagship site (so parallel tests never share an output folder).
fn flagship() -> TempSite {
    let site = TempSite::new();
    fs::copy(repo().join("site.toml"), site.root().join("site.toml")).unwrap();
    copy_dir(&repo().join("content"), &site.root().join("content"));
    copy_dir(&repo().join("themes"), &site.root().join("themes"));
    site
}

fn built(base_url: &str) -> TempSite {
    let site = flagship();
    let o = site.brief(&["build", "--base-url", base_url]);
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

fn json(site: &TempSite, rel: &str) -> Value {
    serde_json::from_str(&site.read_out(rel)).unwrap()
}

#[test]
fn the_flagship_has_every_required_file() {
    let site = built("https://example.org/mpp-briefing/");
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        ".nojekyll",
    ] {
        assert!(site.out().join(f).is_file(), "missing {f}");
    }
    let sources = fs::read_dir(site.out().join("sources")).unwrap().count();
    assert_eq!(sources, 5);
}

/// Every page marked for search, and only those, is in the index (the indexer stops
/// once the jobs that may make such pages are in; one arriving later would be lost).
#[test]
fn every_page_marked_for_search_is_in_the_index() {
    let site = built("https://example.org/mpp-briefing/");
    let marked = walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html")
        .filter(|e| {
            fs::read_to_string(e.path())
                .unwrap()
                .contains("data-pagefind-body")
        })
        .count();
    let entry = json(&site, "pagefind/pagefind-entry.json");
    assert!(marked >= 25, "only {marked} pages marked");
    assert_eq!(entry["languages"]["en"]["page_count"], marked);
}

#[test]
fn every_fact_quotes_its_source_verbatim_and_links_to_a_real_paragraph() {
    let site = built("https://example.org/mpp-briefing/");
    let events = json(&site, "data/events.json");
    let stats = json(&site, "data/statistics.json");
    let items: Vec<&Value> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .chain(stats["statistics"].as_array().unwrap())
        .collect();
    assert!(items.len() >= 50, "{} facts", items.len());
    for item in items {
        let source_path = item["source_path"].as_str().unwrap();
        let text = fs::read_to_string(site.root().join("content").join(source_path)).unwrap();
        let quote = item["quote"].as_str().unwrap();
        let span = item["span"].as_str().unwrap();
        assert!(
            text.contains(quote),
            "quote not verbatim in {source_path}: {quote}"
        );
        assert!(quote.contains(span), "span not in quote: {span} / {quote}");
        let anchor = item["anchor"].as_str().unwrap();
        let rel = anchor
            .strip_prefix("https://example.org/mpp-briefing/")
            .unwrap();
        let (page, frag) = rel.split_once('#').unwrap();
        let html = site.read_out(&format!("{page}index.html"));
        assert!(
            html.contains(&format!("id=\"{frag}\"")),
            "{anchor} has no target"
        );
        let prefix = item["prefix"].as_str().unwrap();
        let suffix = item["suffix"].as_str().unwrap();
        assert!(
            text.contains(&format!("{prefix}{quote}{suffix}")),
            "context of {quote}"
        );
    }
    // CSV twins exist with one row per fact.
    let csv = site.read_out("data/statistics.csv");
    assert_eq!(
        csv.lines().count() - 1,
        stats["statistics"].as_array().unwrap().len()
    );
}

#[test]
fn fact_ids_are_stable_across_rebuilds_and_base_urls() {
    let a = built("https://example.org/mpp-briefing/");
    let b = built("https://org.github.io/");
    let ids = |s: &TempSite| -> Vec<String> {
        json(s, "data/events.json")["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
}

/// Runs the project's scorer (../shared/tools/score_extraction.py) when it is there.
#[test]
fn extraction_meets_the_gold_standard_on_the_flagship() {
    let scorer = repo().join("../shared/tools/score_extraction.py");
    let gold = repo().join("tests/gold");
    if !scorer.exists() {
        eprintln!("skipped: {} not found", scorer.display());
        return;
    }
    let site = built("https://example.org/mpp-briefing/");
    let o = std::process::Command::new("python3")
        .arg(&scorer)
        .arg(site.out())
        .arg(&gold)
        .args(["--min-f1", "0.95"])
        .output()
        .expect("python3 runs");
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}");
    assert!(o.status.success(), "scorer below 0.95:\n{out}");
}

#[test]
fn page_furniture_never_reaches_the_pages() {
    let site = built("https://example.org/mpp-briefing/");
    let furniture = [
        "top of page",
        "bottom of page",
        "Related Post",
        "Latest Stories",
        "Mexico + 2 more",
        "View original",
        "Don't Miss",
        "More Julian Resendiz",
        "Copyright 2021",
        "Visit the homepage",
    ];
    for (path, bytes) in snapshot(&site.out()) {
        if !path.starts_with("sources/") {
            continue;
        }
        let mut html = String::from_utf8_lossy(&bytes).into_owned();
        // The editor's note on how the date was worked out may quote the furniture.
        if let (Some(a), Some(b)) = (
            html.find("<details class=\"date-basis\""),
            html.find("</details>"),
        ) {
            html.replace_range(a..b, "");
        }
        for f in furniture {
            assert!(!html.contains(f), "{path} contains page furniture `{f}`");
        }
    }
}

#[test]
fn the_reference_list_of_002_becomes_real_footnotes() {
    let site = built("https://example.org/mpp-briefing/");
    let html = site.read_out("sources/002-95af5cb3ceccfe72/index.html");
    // "August 20106" is August 2010 + note 6 (the date may be marked as a fact).
    let marker = "<sup class=\"fnref\"><a id=\"fnref-6\" href=\"#fn-6\"";
    assert!(
        html.contains(&format!("August 2010{marker}"))
            || html.contains(&format!("August 2010</mark></a>{marker}")),
        "marker 6"
    );
    for n in 1..=26 {
        assert!(
            html.contains(&format!("<li id=\"fn-{n}\"")),
            "note {n} missing"
        );
    }
    assert!(html.contains("href=\"#fnref-6\""), "back-link of note 6");
}
