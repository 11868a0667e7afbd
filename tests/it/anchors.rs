//! Stable anchors: a link to a fact's sentence, a paragraph or a timeline entry still
//! points at the same words after the editor inserts a paragraph at the top of every
//! source; links shared before (`#p-N`) still land on a paragraph.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The flagship's content, copied into a temp site built under a subpath.
fn flagship() -> TempSite {
    let site = TempSite::new();
    copy_dir(&repo().join("content"), &site.root().join("content"));
    fs::copy(repo().join("site.toml"), site.root().join("site.toml")).unwrap();
    copy_dir(&repo().join("themes"), &site.root().join("themes"));
    site
}

fn build(site: &TempSite) {
    let o = site.brief(&["build", "--base-url", "https://example.org/repo/"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// id → anchor of every event and figure in the open data.
fn fact_anchors(site: &TempSite) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (file, key) in [
        ("data/events.json", "events"),
        ("data/statistics.json", "statistics"),
    ] {
        let v: serde_json::Value = serde_json::from_str(&site.read_out(file)).unwrap();
        for r in v[key].as_array().unwrap() {
            out.insert(
                r["id"].as_str().unwrap().to_string(),
                r["anchor"].as_str().unwrap().to_string(),
            );
        }
    }
    out
}

/// Every `id="…"` of every page under `dir`, by page.
fn ids(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, bytes)| {
            let html = String::from_utf8(bytes).unwrap();
            let ids = html
                .split(" id=\"")
                .skip(1)
                .map(|rest| rest[..rest.find('"').unwrap()].to_string())
                .collect();
            (p, ids)
        })
        .collect()
}

/// Inserts a new paragraph (with a date of its own) before the first long paragraph
/// of every `.txt` source.
fn insert_paragraph_at_top(root: &Path) -> usize {
    let mut changed = 0;
    for entry in fs::read_dir(root.join("content/sources")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let Some(i) = paragraphs.iter().position(|p| p.trim().len() > 80) else {
            continue;
        };
        let mut out: Vec<&str> = paragraphs[..i].to_vec();
        out.push(
            "On 3 March 2021, officials in Tijuana opened a new shelter for 300 migrants \
             waiting for their hearings.",
        );
        out.extend(&paragraphs[i..]);
        fs::write(&path, out.join("\n\n")).unwrap();
        changed += 1;
    }
    changed
}

#[test]
fn inserting_a_paragraph_at_the_top_moves_no_existing_anchor() {
    let site = flagship();
    build(&site);
    let facts_before = fact_anchors(&site);
    let ids_before = ids(&site.out());
    assert!(facts_before.len() > 40, "{}", facts_before.len());
    // Every fact links to a sentence, and the sentence is on its page.
    for (id, anchor) in &facts_before {
        let (page, fragment) = anchor.split_once('#').unwrap();
        assert!(fragment.starts_with("s-"), "{id}: {anchor}");
        let page = page.strip_prefix("https://example.org/repo/").unwrap();
        let on_page = &ids_before[&format!("{page}index.html")];
        assert!(on_page.contains(fragment), "{id}: no #{fragment} on {page}");
    }

    assert_eq!(insert_paragraph_at_top(site.root()), 5);
    build(&site);
    let facts_after = fact_anchors(&site);
    let ids_after = ids(&site.out());

    // No fact changed id or anchor; the inserted paragraph added facts of its own.
    for (id, anchor) in &facts_before {
        assert_eq!(facts_after.get(id), Some(anchor), "fact {id} moved");
    }
    assert!(facts_after.len() > facts_before.len());
    // No id on a source, timeline or figures page went away: the content ids are all
    // still there. (The positional aliases p-N are positions: they shift by design. The
    // home page's highlights may change when a new event comes in.)
    let mut moved = Vec::new();
    for (page, before) in &ids_before {
        if !(page.starts_with("sources/")
            || page.starts_with("timeline/")
            || page.starts_with("statistics/"))
        {
            continue;
        }
        let after = ids_after.get(page).cloned().unwrap_or_default();
        moved.extend(
            before
                .difference(&after)
                .filter(|id| !id.starts_with("p-"))
                .map(|id| format!("{page}#{id}")),
        );
    }
    assert!(moved.is_empty(), "ids gone after the insertion: {moved:?}");

    // A source page's paragraphs carry a content id, a p-N alias and a permalink.
    let page = &ids_after["sources/000-1a28bce7c236d9b4/index.html"];
    assert!(page.iter().any(|id| id.starts_with("b-")));
    assert!(page.contains("p-1") && page.contains("p-2"));
    let html = site.read_out("sources/000-1a28bce7c236d9b4/index.html");
    assert!(html.contains("<span class=\"alias\" id=\"p-1\"></span>"));
    assert!(
        html.contains("class=\"permalink\" href=\"#s-"),
        "no sentence permalink"
    );
    assert!(
        html.contains("class=\"permalink\" href=\"#b-"),
        "no paragraph permalink"
    );
}
