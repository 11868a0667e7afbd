//! Hostile and broken input: script injection in every input slot, file names that try
//! to escape, and malformed or pathological documents. The build must either succeed
//! (with a named warning) or fail with a clear error; never panic, never hang, never
//! write outside the output folder, never let document markup run script.

mod broken;
mod dataloss;
mod determinism;
mod fuzz;
mod paths;
mod props;

use crate::common::*;
use std::fs;

fn vectors() -> Vec<String> {
    include_str!("../hostile/xss_vectors.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The input slots a vector is placed in, per vector (see [`write_hostile_fixture`]).
const SLOTS: &[&str] = &[
    "txt: title line",
    "txt: body paragraph",
    "txt: dated sentence with a figure (quote of an event and a statistic: timeline, statistics, JSON-LD, search, feeds, data files)",
    "md: front matter title",
    "md: front matter summary",
    "md: dated sentence (extracted quote)",
    "md: list item",
    "md: blockquote",
    "md: footnote definition",
    "md: link URL",
    "md: link text",
    "md: image URL",
    "html: <title>",
    "html: <h1>",
    "html: paragraph with a dated sentence",
    "html: raw body markup",
    "sidecar: title",
    "sidecar: publisher",
    "sidecar: url",
    "sidecar: summary",
    "sidecar: date_basis",
    "sidecar: tags",
    "page: front matter title",
    "page: front matter description",
    "page: body",
    "corrections add: unit",
    "corrections add: measure",
    "corrections add: note",
    "corrections fix: event title",
    "corrections fix: statistic unit and measure",
    "entities.toml: name",
    "entities.toml: alias",
];

/// Site-wide slots, one vector each (site.toml title, description, author).
const SITE_SLOTS: usize = 3;

/// Writes a site with every vector in every input slot of [`SLOTS`] into `root`;
/// returns (vectors, slots per vector).
pub fn write_hostile_fixture(root: &std::path::Path) -> (usize, usize) {
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    let v = vectors();
    w(
        "site.toml",
        &format!(
            "title = {}\ndescription = {}\nauthor = {}\nbase_url = \"https://example.org/sub/\"\n",
            toml_str(&format!("Site {}", v[0])),
            toml_str(&v[1]),
            toml_str(&v[2])
        ),
    );
    let mut corrections = String::new();
    let mut entities = String::new();
    for (i, vector) in v.iter().enumerate() {
        let sentence = format!("On 3 March 2020, more than 5,000 people {vector} were sent back.");
        // The entity's name and alias are in the text so that it gets a page.
        let name = format!("Agent{i:02} {vector} Smith");
        let alias = format!("Alias{i:02} {vector} Jones");
        let txt = format!(
            "Title {vector}\n\n{sentence}\n\n{vector}\n\n{name} met {alias} in May 2019.\n"
        );
        w(&format!("content/sources/t{i:02}.txt"), &txt);
        w(
            &format!("content/sources/m{i:02}.md"),
            &format!(
                "+++\ntitle = {0}\nsummary = {0}\n+++\n{sentence}\n\n- {vector}\n\n> {vector}\n\n\
                 See [link {i}](<{vector}>), [{vector}](https://example.org/{i}) and \
                 ![image {i}](<{vector}>)[^1].\n\n[^1]: {vector}\n",
                toml_str(vector)
            ),
        );
        w(
            &format!("content/sources/h{i:02}.html"),
            &format!(
                "<html><head><title>{vector}</title></head><body><h1>{vector}</h1><p>{sentence}</p><p>{vector}</p></body></html>"
            ),
        );
        w(
            &format!("content/sources/t{i:02}.meta.toml"),
            &format!(
                "title = {0}\npublisher = {0}\nurl = {0}\nsummary = {0}\ndate_basis = {0}\ntags = [{0}]\npublished = \"2020-03\"\n",
                toml_str(vector)
            ),
        );
        w(
            &format!("content/pages/p{i:02}.md"),
            &format!(
                "+++\ntitle = {0}\ndescription = {0}\nweight = 0\n+++\n{vector}\n\n{sentence}\n",
                toml_str(vector)
            ),
        );
        corrections.push_str(&format!(
            "[[add]]\nkind = \"statistic\"\nsource = \"sources/t{i:02}.txt\"\nquote = {}\nspan = \"5,000\"\nvalue = 5000\nunit = {}\nmeasure = {}\nnote = {}\n\n",
            toml_str(&sentence),
            toml_str(vector),
            toml_str(vector),
            toml_str(vector)
        ));
        // Fixes of the facts the machine finds in the text source carry the vector too.
        let doc = brief::convert::convert(&txt, brief::model::document::Format::Text);
        let facts = brief::extract::extract_document(
            &doc.blocks,
            &brief::extract::Context {
                published: brief::model::date::PartialDate::parse("2020-03").ok(),
                language: "en".into(),
                title: None,
            },
        );
        for e in &facts.events {
            corrections.push_str(&format!(
                "[[correction]]\nid = \"{}\"\naction = \"fix\"\ntitle = {}\nnote = {}\n\n",
                e.id,
                toml_str(vector),
                toml_str(vector)
            ));
        }
        for st in &facts.statistics {
            corrections.push_str(&format!(
                "[[correction]]\nid = \"{}\"\naction = \"fix\"\nunit = {}\nmeasure = {}\n\n",
                st.id,
                toml_str(vector),
                toml_str(vector)
            ));
        }
        assert!(
            !facts.events.is_empty() && !facts.statistics.is_empty(),
            "vector {i}: the dated sentence yields an event and a figure to fix"
        );
        entities.push_str(&format!(
            "[[entity]]\nid = \"e{i:02}\"\nname = {}\nkind = \"person\"\naliases = [{}]\n\n",
            toml_str(&name),
            toml_str(&alias)
        ));
    }
    w("content/corrections.toml", &corrections);
    w("content/entities.toml", &entities);
    (v.len(), SLOTS.len())
}

/// Builds a site with every vector in every input slot; returns it and the number of
/// (vector, slot) placements.
pub fn hostile_site() -> (TempSite, usize) {
    let site = TempSite::new();
    let (vectors, slots) = write_hostile_fixture(site.root());
    (site, vectors * slots + SITE_SLOTS)
}

/// Writes the fixture for the browser test (tests/hostile/browser/run.sh) into
/// `$BRIEF_HOSTILE_FIXTURE`, with a `slots.json` listing what went where.
#[test]
#[ignore = "run by tests/hostile/browser/run.sh"]
fn write_fixture_for_the_browser_test() {
    let dir = std::env::var("BRIEF_HOSTILE_FIXTURE").expect("set BRIEF_HOSTILE_FIXTURE");
    let root = std::path::Path::new(&dir);
    let (vectors, slots) = write_hostile_fixture(root);
    let ids: Vec<String> = (1..=vectors).map(|n| format!("v{n:02}")).collect();
    let manifest = serde_json::json!({
        "vectors": ids,
        "slots": SLOTS,
        "site_slots": SITE_SLOTS,
        "placements": vectors * slots + SITE_SLOTS,
    });
    fs::write(root.join("slots.json"), manifest.to_string()).unwrap();
}

#[test]
fn no_vector_in_any_slot_becomes_live_markup() {
    let (site, slots) = hostile_site();
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut checked = 0;
    for (path, bytes) in snapshot(&site.out()) {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(&bytes);
            let hazards = script_hazards(&text);
            assert!(hazards.is_empty(), "{path}: {hazards:?}");
            checked += 1;
        }
    }
    assert!(slots >= 40 * 30, "{slots} slots");
    assert!(checked > 100, "only {checked} pages checked");
}

#[test]
fn hostile_file_names_stay_inside_the_output_with_unique_slugs() {
    let site = TempSite::new();
    let long = "l".repeat(200);
    let names = [
        "..evil.txt".to_string(),
        "...txt".to_string(),
        "a\\b.txt".to_string(),
        "con.txt".to_string(),
        "NUL.txt".to_string(),
        format!("{long}.txt"),
        "ｅｖｉｌ.txt".to_string(),
        "éclair.txt".to_string(),
        "привет.txt".to_string(),
        "你好.txt".to_string(),
        " spaced name .txt".to_string(),
    ];
    for n in &names {
        site.write(
            &format!("content/sources/{n}"),
            "Title\n\nSome text of the document here.\n",
        );
    }
    // A link that points outside content/ and a link loop.
    let outside = site.root().join("secret.txt");
    fs::write(&outside, "SECRET-OUTSIDE-CONTENT\n\nsecret text").unwrap();
    std::os::unix::fs::symlink(&outside, site.root().join("content/sources/link.txt")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("content/sources"),
        site.root().join("content/sources/loop"),
    )
    .unwrap();
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("link.txt"),
        "the skipped link is named: {}",
        stderr(&o)
    );
    let files = snapshot(&site.out());
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("SECRET-OUTSIDE-CONTENT"),
            "{path} leaks a file outside content/"
        );
        for seg in path.split('/') {
            assert!(seg.len() <= 100, "{path}");
            assert!(seg.is_ascii(), "{path}");
            assert_ne!(seg, "..");
        }
    }
    let pages: Vec<_> = files
        .keys()
        .filter(|p| p.starts_with("sources/") && p.ends_with("/index.html"))
        .collect();
    // Names starting with a dot are hidden files and are skipped, like editors' backups.
    let hidden = names.iter().filter(|n| n.starts_with('.')).count();
    assert_eq!(pages.len(), names.len() - hidden, "{pages:?}");
    // Nothing was written next to the output folder except our own.
    for e in fs::read_dir(site.root()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ["site.toml", "content", "public", "build", "secret.txt"].contains(&name.as_str()),
            "{name}"
        );
    }
}

#[test]
fn impossible_dates_in_metadata_are_errors_naming_the_file() {
    let site = TempSite::new();
    site.write("content/sources/a.txt", "Title\n\nText.\n");
    site.write(
        "content/sources/a.meta.toml",
        "published = \"2019-13-45\"\n",
    );
    let o = site.brief(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("a.meta.toml:1:") && err.contains("2019-13-45"),
        "{err}"
    );
}

#[test]
fn malformed_front_matter_names_file_line_and_column() {
    let site = TempSite::new();
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\nweight = \"heavy\"\n+++\nBody\n",
    );
    let err = stderr(&site.brief(&["build"]));
    assert!(err.contains("about.md:3:"), "{err}");
    let site = TempSite::new();
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\ncolour = \"red\"\n+++\nBody\n",
    );
    let err = stderr(&site.brief(&["build"]));
    assert!(
        err.contains("about.md:3:1") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn the_build_never_writes_under_content_or_themes() {
    let site = TempSite::new();
    site.write("content/sources/a.txt", "Title\n\nText on 3 March 2020.\n");
    site.write(
        "themes/briefing/templates/page.html",
        "{% extends \"base.html\" %}",
    );
    let before_content = snapshot(&site.root().join("content"));
    let before_themes = snapshot(&site.root().join("themes"));
    assert!(site.brief(&["build"]).status.success());
    assert_eq!(before_content, snapshot(&site.root().join("content")));
    assert_eq!(before_themes, snapshot(&site.root().join("themes")));
}
