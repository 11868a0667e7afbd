//! Issue 17: saved web pages, Markdown with everything GFM has, and sources in legacy
//! encodings. The fixtures are in `tests/fixtures/issue17/` (written by its
//! `make_fixtures.py`); each test builds a site from one of them with the real binary and
//! checks the text that must be on the source page, the furniture that must not, the
//! title and date found, and the facts with their paragraph.

use crate::common::{TempSite, stderr};
use brief::convert::{anchorable_count, convert, to_markdown};
use brief::model::document::Format;
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/issue17")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Builds a site with the one fixture; returns it and the build's stderr.
fn build_with(name: &str) -> (TempSite, String) {
    let site = TempSite::new();
    site.write_bytes(&format!("content/sources/{name}"), &fixture(name));
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    (site, err)
}

/// The facts of one kind (`events`, `statistics`) as (quote, paragraph, date or value).
fn facts(site: &TempSite, kind: &str) -> Vec<(String, u64, String)> {
    let v: Value = serde_json::from_str(&site.read_out(&format!("data/{kind}.json"))).unwrap();
    v[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let what = match kind {
                "events" => f["date"].as_str().unwrap().to_string(),
                _ => f["value"].to_string(),
            };
            (
                f["quote"].as_str().unwrap().to_string(),
                f["paragraph"].as_u64().unwrap(),
                what,
            )
        })
        .collect()
}

fn has_fact(list: &[(String, u64, String)], starts: &str, paragraph: u64, what: &str) -> bool {
    list.iter()
        .any(|(q, p, w)| q.starts_with(starts) && *p == paragraph && w == what)
}

/// The generated Markdown export of the source (its front matter has title and date).
fn export(site: &TempSite, slug: &str) -> String {
    std::fs::read_to_string(site.root().join(format!("build/markdown/{slug}.md"))).unwrap()
}

#[test]
fn a_saved_news_page_keeps_the_article_and_its_metadata_and_loses_the_furniture() {
    let (site, _) = build_with("border-ledger.html");
    let page = site.read_out("sources/border-ledger/index.html");
    let md = export(&site, "border-ledger");
    for text in [
        "Shelters in the Mexican border city of Reynosa began turning families away",
        "A new appointment system",
        "We are telling mothers with babies that there is no room",
        "without giving a date",
    ] {
        assert!(md.contains(text), "missing {text:?}:\n{md}");
    }
    for furniture in [
        "Advertisement",
        "Buy cheap flights",
        "Sponsored",
        "We use cookies",
        "Accept all cookies",
        "Investigations",
        "Related stories",
        "Title 42 ends",
        "Matamoros camp cleared",
        "Sign up for our newsletter",
        "Privacy policy",
        "All rights reserved",
        "dataLayer",
    ] {
        assert!(!md.contains(furniture), "kept {furniture:?}:\n{md}");
        assert!(!page.contains(furniture), "page kept {furniture:?}");
    }
    // The title without the site's name, the date of the page (not of a related story).
    assert!(
        md.contains("title = \"Reynosa shelters turn families away as waits grow\""),
        "{md}"
    );
    assert!(md.contains("published = \"2023-05-21\""), "{md}");
    assert!(
        page.contains("<title>Reynosa shelters turn families away as waits grow"),
        "the page's title"
    );
    // The headline is the title, not repeated as the first paragraph.
    assert!(
        md.contains("\n\nShelters in the Mexican border city"),
        "{md}"
    );

    let events = facts(&site, "events");
    assert!(
        has_fact(&events, "On 14 May 2023, about 3,500", 1 + 1, "2023-05-14"),
        "{events:?}"
    );
    assert!(
        has_fact(&events, "The Senda de Vida shelter", 3, "2023-05-18"),
        "{events:?}"
    );
    assert!(
        has_fact(&events, "Since 12 January 2023", 5, "2023-01-12"),
        "{events:?}"
    );
    assert!(
        !events.iter().any(|(_, _, d)| d == "2023-05-11"),
        "related story's date"
    );
    let stats = facts(&site, "statistics");
    assert!(
        has_fact(&stats, "On 14 May 2023, about 3,500", 2, "3500.0"),
        "{stats:?}"
    );
    assert!(
        has_fact(&stats, "The Senda de Vida shelter", 3, "1400.0"),
        "{stats:?}"
    );
}

#[test]
fn a_saved_pages_own_metadata_is_read_into_embedded() {
    let html = String::from_utf8(fixture("border-ledger.html")).unwrap();
    let doc = convert(&html, Format::Html);
    let e = &doc.embedded;
    assert_eq!(
        e.title.as_deref(),
        Some("Reynosa shelters turn families away as waits grow")
    );
    assert_eq!(
        e.published.map(|d| d.to_string()).as_deref(),
        Some("2023-05-21")
    );
    assert_eq!(e.author.as_deref(), Some("Lucia Ferrer"));
    assert_eq!(e.publisher.as_deref(), Some("The Border Ledger"));
    assert_eq!(
        e.url.as_deref(),
        Some("https://borderledger.example/2023/05/21/reynosa-shelters-full")
    );
    // The ads were dropped, and said so.
    assert!(
        doc.dropped
            .iter()
            .any(|d| d.text.contains("Buy cheap flights")),
        "{:?}",
        doc.dropped
    );
    let md = to_markdown(&doc);
    assert_eq!(anchorable_count(&md), doc.blocks.len());
}

/// Issue 17: a table in a Markdown source was dropped, and `**REYNOSA, 20 May 2023** —`
/// as a first line showed a stray `**`.
#[test]
fn a_markdown_source_keeps_tables_emphasis_strikethrough_tasks_and_notes() {
    let (site, _) = build_with("shelter-census.md");
    let page = site.read_out("sources/shelter-census/index.html");
    // Emphasis in the first line: bold, with no `**` left over.
    assert!(
        page.contains("<strong><span class=\"sentence\""),
        "no bold first line"
    );
    assert!(!page.contains("**"), "stray ** on the page");
    // A table row is a paragraph of its own, its cells as written.
    for row in [
        "Shelter | People on 19 May 2023 | Capacity",
        "Senda de Vida | 1,400 people | 600",
        "Casa del Migrante | 2,100 people | 800",
    ] {
        assert!(page.contains(row), "missing row {row:?}");
    }
    assert!(page.contains("<del>April</del>"), "strikethrough");
    // Task items: a drawn checkbox with an accessible name, and no `[x]` in the text.
    for (label, glyph, text) in [
        ("done", '☑', "Census of the <a"),
        ("not done", '☐', "Census of the churches"),
    ] {
        let li = page.lines().find(|l| l.contains(text)).unwrap_or("");
        assert!(
            li.contains(&format!(
                "aria-label=\"{label}\" data-pagefind-ignore>{glyph}</span> "
            )),
            "task list item: {li}"
        );
    }
    assert!(
        !page.contains("[x]") && !page.contains("[ ]"),
        "task marker shown"
    );
    assert!(page.contains("census of 15 March 2023"), "footnote");
    assert!(page.contains("href=\"#fn-1\""), "footnote reference");
    let md = export(&site, "shelter-census");
    assert!(md.contains("title = \"Reynosa shelter census\""), "{md}");
    assert!(md.contains("published = \"2023-05-22\""), "{md}");
    let events = facts(&site, "events");
    assert!(
        has_fact(&events, "**REYNOSA, 20 May 2023** —", 1, "2023-05-19"),
        "{events:?}"
    );
    // The date is marked on the page where the fact is.
    assert!(page.contains("title=\"Timeline: 19 May 2023\">19 May 2023</mark>"));
}

#[test]
fn a_windows_1252_text_is_decoded_with_a_warning() {
    let (site, err) = build_with("matamoros-1252.txt");
    assert!(
        err.contains("matamoros-1252.txt: not UTF-8: read as windows-1252"),
        "{err}"
    );
    let page = site.read_out("sources/matamoros-1252/index.html");
    assert!(
        page.contains("The city’s civil protection office"),
        "curly apostrophe"
    );
    assert!(page.contains("José Peña Muñoz"), "accents");
    assert!(!page.contains('\u{fffd}'), "replacement character");
    let md = export(&site, "matamoros-1252");
    assert!(md.contains("title = \"Statement on the closure of the Matamoros camp\""));
    assert!(md.contains("published = \"2023-04-02\""), "{md}");
    let events = facts(&site, "events");
    assert!(
        has_fact(
            &events,
            "MATAMOROS, 2 April 2023 – The city’s",
            1,
            "2023-04-01"
        ),
        "{events:?}"
    );
    let stats = facts(&site, "statistics");
    assert!(
        has_fact(&stats, "MATAMOROS, 2 April 2023", 1, "2000.0"),
        "{stats:?}"
    );
}

#[test]
fn a_utf16_text_with_a_byte_order_mark_is_decoded_with_a_warning() {
    let (site, err) = build_with("juarez-utf16.txt");
    assert!(
        err.contains("juarez-utf16.txt: not UTF-8: read as UTF-16LE"),
        "{err}"
    );
    let page = site.read_out("sources/juarez-utf16/index.html");
    assert!(page.contains("Ciudad Juárez registered"), "{page}");
    let md = export(&site, "juarez-utf16");
    assert!(
        md.contains("title = \"Monthly note: arrivals in Ciudad Juárez\""),
        "{md}"
    );
    assert!(md.contains("published = \"2023-03-06\""), "{md}");
    let events = facts(&site, "events");
    assert!(
        has_fact(
            &events,
            "On 3 March 2023, the municipal shelter",
            1,
            "2023-03-03"
        ),
        "{events:?}"
    );
    let stats = facts(&site, "statistics");
    assert!(has_fact(&stats, "On 3 March 2023", 1, "850.0"), "{stats:?}");
}

/// The page's own metadata is as hostile as its text: a title with markup is escaped,
/// an address that is not http(s) is not kept.
#[test]
fn hostile_metadata_of_a_saved_page_stays_escaped() {
    let site = TempSite::new();
    site.write(
        "content/sources/x.html",
        r#"<html><head><title>t</title>
        <meta property="og:title" content="<script>alert(1)</script>Hi &lt;img src=x onerror=alert(2)&gt;">
        <link rel="canonical" href="javascript:alert(3)">
        <script type="application/ld+json">{"@type":"NewsArticle","author":"<b onmouseover=alert(4)>A</b>","datePublished":"2023-05-21"}</script>
        </head><body><nav><a href="/">Home</a></nav><article><p onclick="alert(5)">On 14 May 2023,
        about 3,500 migrants were waiting in Reynosa, the shelter directors said. They had come
        from many countries and waited for weeks for an appointment.</p></article></body></html>"#,
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("sources/x/index.html");
    for bad in [
        "<script>alert",
        "<img src=x",
        "<b onmouseover",
        "onclick",
        "javascript:alert",
    ] {
        assert!(!page.contains(bad), "{bad} on the page");
    }
    assert!(
        page.contains("&lt;script&gt;alert(1)"),
        "the title is shown, escaped"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"));
}

/// Issue 17: a task item showed its `[x]`. It shows a checkbox instead (a glyph named
/// "done"/"not done" for screen readers), its text without the marker, and a fact in it
/// is extracted (the quote without the marker) and linked from the item.
#[test]
fn a_task_list_item_shows_a_checkbox_and_keeps_its_facts() {
    let site = TempSite::new();
    site.write(
        "content/sources/tasks.md",
        "# Shelter tasks\n\nThe network set itself three tasks on 2 May 2023.\n\n\
         - [x] The Reynosa shelter opened on 3 May 2023 for 400 people.\n\
         - [ ] Census of the churches\n",
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("sources/tasks/index.html");
    let li = page
        .lines()
        .find(|l| l.contains("Reynosa shelter opened"))
        .unwrap();
    assert!(li.starts_with("<li id="), "{li}");
    assert!(
        li.contains(
            "<span class=\"task\" role=\"img\" aria-label=\"done\" data-pagefind-ignore>☑</span> "
        ),
        "{li}"
    );
    assert!(!li.contains("[x]"), "{li}");
    assert!(
        li.contains("title=\"Timeline: 3 May 2023\">3 May 2023</mark>"),
        "{li}"
    );
    let events = facts(&site, "events");
    assert!(
        has_fact(
            &events,
            "The Reynosa shelter opened on 3 May 2023",
            2,
            "2023-05-03"
        ),
        "{events:?}"
    );
    assert!(
        events.iter().all(|(q, _, _)| !q.contains("[x]")),
        "{events:?}"
    );
    let md = export(&site, "tasks");
    assert!(md.contains("- [x] The Reynosa shelter opened"), "{md}");
    assert!(md.contains("- [ ] Census of the churches"), "{md}");
}
