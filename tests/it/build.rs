//! The build engine, end to end: small fixture sites built into temp dirs by the real
//! binary, one behaviour per test.

use crate::common::*;
use std::fs;

const SOURCE: &str = "A Test Headline\n\n05-23-2018\n\nThe first paragraph says something about the border in some detail.\n\nA second paragraph follows here.";

#[test]
fn a_minimal_site_builds_every_required_file() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "index.html",
        "sources/doc/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        ".nojekyll",
        "style.css",
        "data/events.json",
        "data/statistics.csv",
    ] {
        assert!(site.out().join(f).is_file(), "missing {f}");
    }
    assert!(!site.out().join("CNAME").exists());
    // The generated Markdown is visible for editors.
    assert!(site.root().join("build/markdown/doc.md").is_file());
    // The review page belongs to `brief serve` alone, never to the published site.
    assert!(!site.out().join("review").exists());
    let all = walkdir::WalkDir::new(site.out()).into_iter();
    for entry in all
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(
            !text.contains("/review/"),
            "{} links to the review page",
            entry.path().display()
        );
    }
}

#[test]
fn a_subpath_base_url_prefixes_every_internal_link() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    let o = site.brief(&["build", "--base-url", "https://example.org/mpp-briefing"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = site.read_out("index.html");
    assert!(
        index.contains("href=\"/mpp-briefing/style.css\""),
        "{index}"
    );
    assert!(
        index.contains("href=\"/mpp-briefing/sources/doc/\""),
        "{index}"
    );
    assert!(index.contains("<link rel=\"canonical\" href=\"https://example.org/mpp-briefing/\">"));
    // No root-relative link escapes the base path.
    for (path, bytes) in snapshot(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for part in html
            .split("href=\"/")
            .skip(1)
            .chain(html.split("src=\"/").skip(1))
        {
            assert!(
                part.starts_with("mpp-briefing/"),
                "{path}: link /{}",
                &part[..part.len().min(40)]
            );
        }
    }
    let sitemap = site.read_out("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/mpp-briefing/sources/doc/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn a_site_template_overrides_the_theme_file_by_file() {
    let site = TempSite::new();
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\nHello.\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock main %}",
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let about = site.read_out("about/index.html");
    assert!(about.contains("<p class=\"custom\">About</p>"), "{about}");
    // base.html still comes from the built-in theme.
    assert!(about.contains("class=\"site-header\""));
}

#[test]
fn a_broken_template_fails_with_its_location_and_keeps_the_old_site() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    assert!(site.brief(&["build"]).status.success());
    let before = snapshot(&site.out());
    site.write("templates/page.html", "line one\n{% if %}\n");
    let o = site.brief(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("page.html") && err.contains(":2:"), "{err}");
    assert_eq!(
        snapshot(&site.out()),
        before,
        "the previous output must stay intact"
    );
}

#[test]
fn two_sources_with_one_slug_are_an_error_naming_both() {
    let site = TempSite::new();
    site.write("content/sources/a b.txt", SOURCE);
    site.write("content/sources/a-b.txt", SOURCE);
    let o = site.brief(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("a b.txt") && err.contains("a-b.txt") && err.contains("`a-b`"),
        "{err}"
    );
}

#[test]
fn hostile_html_in_documents_is_inert() {
    let site = TempSite::new();
    site.write(
        "content/sources/evil.txt",
        "Evil <script>alert(1)</script>\n\nA paragraph <img src=x onerror=alert(2)> with <a href=\"javascript:alert(3)\">a link</a>.",
    );
    site.write(
        "content/sources/evil.meta.toml",
        "title = \"<script>alert(4)</script>\"\nurl = \"javascript:alert(5)\"\n",
    );
    site.write(
        "content/sources/page.md",
        "+++\ntitle = \"Markdown <b onmouseover=alert(6)>\"\n+++\nText <script>alert(7)</script> and [link](javascript:alert(8)).\n\n<iframe src=\"https://evil.example\"></iframe>\n",
    );
    site.write(
        "content/sources/page2.html",
        "<html><head><title>T</title><script>alert(9)</script></head><body><p onclick=\"alert(10)\">Body text of the page.</p><svg onload=alert(11)></svg></body></html>",
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("javascript:alert(5)"),
        "the unsafe url is reported"
    );
    // Document text may mention these things, escaped; it must never become markup.
    for (path, bytes) in snapshot(&site.out()) {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let hazards = script_hazards(&String::from_utf8_lossy(&bytes));
            assert!(hazards.is_empty(), "{path}: {hazards:?}");
        }
    }
}

#[test]
fn the_output_folder_must_be_ours_to_replace() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    site.write("public/my-notes.txt", "precious");
    let o = site.brief(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not made by brief"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(site.root().join("public/my-notes.txt")).unwrap(),
        "precious"
    );
    let o = site.brief(&["build", "--output", "content"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(site.root().join("content/sources/doc.txt").exists());
}

#[test]
fn malformed_toml_is_reported_with_file_line_and_column() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    site.write(
        "content/sources/doc.meta.toml",
        "title = \"ok\"\npublished = 2019-11\nrights = \n",
    );
    let o = site.brief(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("doc.meta.toml:2:") || err.contains("doc.meta.toml:3:"),
        "{err}"
    );

    let site = TempSite::new();
    site.write("site.toml", "title = \"x\"\n[feed]\nlimt = 3\n");
    let err = stderr(&site.brief(&["build"]));
    assert!(
        err.contains("site.toml:3:1") && err.contains("limt"),
        "{err}"
    );
}

/// Since issue 17 a Latin-1 source is decoded (with a warning naming the file and the
/// encoding); a UTF-8 source with a stray byte is still an error naming file and byte.
#[test]
fn non_utf8_sources_are_decoded_or_name_the_file_and_byte() {
    let site = TempSite::new();
    site.write_bytes(
        "content/sources/latin1.txt",
        b"Caf\xe9 con leche\n\nUn p\xe1rrafo con texto.\n",
    );
    let o = site.brief(&["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("latin1.txt: not UTF-8: read as"), "{err}");
    let page = site.read_out("sources/latin1/index.html");
    assert!(page.contains("Café con leche") && page.contains("Un párrafo"));

    site.write_bytes("content/sources/latin1.txt", b"Caf\xc3\xa9 \xe9\n");
    let o = site.brief(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("latin1.txt") && err.contains("offset 6"),
        "{err}"
    );
}

#[test]
fn a_cname_is_written_when_configured() {
    let site = TempSite::new();
    site.write(
        "site.toml",
        "title = \"x\"\nbase_url = \"https://brief.example.org/\"\ncname = \"brief.example.org\"\n",
    );
    assert!(site.brief(&["build"]).status.success());
    assert_eq!(site.read_out("CNAME"), "brief.example.org\n");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    site.write("content/sources/other.md", "+++\ntitle = \"Other\"\ndate = 2020-12-27\n+++\n## Heading\n\nText[^1].\n\n[^1]: A note.\n");
    assert!(site.brief(&["build"]).status.success());
    let first = snapshot(&site.out());
    assert!(site.brief(&["build"]).status.success());
    assert_eq!(first, snapshot(&site.out()));
}

#[test]
fn sources_without_metadata_get_inferred_title_and_date() {
    let site = TempSite::new();
    site.write("content/sources/doc.txt", SOURCE);
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("sources/doc/index.html");
    assert!(page.contains("<h1>A Test Headline</h1>"), "{page}");
    assert!(page.contains("datetime=\"2018-05-23\""), "{page}");
    assert!(page.contains("taken from the first line"), "{page}");
}

/// `brief extract --format json` prints the records of the data files, declared once:
/// the same fields in the same order, the same ids, quotes and surrounding text.
#[test]
fn extract_prints_the_records_the_build_publishes() {
    let site = TempSite::new();
    site.write(
        "content/sources/doc.txt",
        "Camp Report\n\n05-23-2018\n\nIn March 2019, more than 2,000 people waited at the bridge. Officials said so.",
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let built: serde_json::Value =
        serde_json::from_str(&site.read_out("data/events.json")).unwrap();
    let doc = site.root().join("content/sources/doc.txt");
    let o = site.brief(&["extract", "--format", "json", doc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for kind in ["events", "statistics"] {
        let file = format!("data/{kind}.json");
        let built: serde_json::Value = serde_json::from_str(&site.read_out(&file)).unwrap();
        let (a, b) = (&built[kind][0], &printed[kind][0]);
        assert!(a.is_object() && b.is_object(), "{kind}: {a} / {b}");
        let keys =
            |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(a), keys(b), "{kind}: same fields");
        for field in [
            "id",
            "quote",
            "span",
            "prefix",
            "suffix",
            "paragraph",
            "status",
        ] {
            assert_eq!(a[field], b[field], "{kind}.{field}");
        }
        assert!(
            b["source_url"].is_null() && b["anchor"].as_str().unwrap().starts_with("#s-"),
            "{b}"
        );
    }
    assert_eq!(built["events"][0]["date"], "2019-03");
}
