//! Word sources (issue 17): a `.docx` (tests/fixtures/pdf/report.docx, written by
//! make_docx.py beside it) builds into a source page with its headings, list, table
//! rows and footnote, titled and dated from its core properties; a zip bomb or a
//! broken file is an error naming the file, never a crash or a hang.
//!
//! Files written by real tools: tests/fixtures/docx/mpp-review.docx (python-docx, by
//! make_docx.py there) and mpp-review-libreoffice.docx (the same file saved again by
//! LibreOffice 7.4, which writes its numbering differently): numbered lists in `<ol>`
//! in order, nested, restarted at 4; bullets in `<ul>`; header and footer left out;
//! core properties; facts tied to their paragraphs.

use crate::common::{TempSite, stderr};
use std::io::Write;
use std::path::Path;

fn fixture() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/report.docx"))
        .unwrap()
}

#[test]
fn a_word_source_builds_with_its_structure_and_properties() {
    let site = TempSite::new();
    site.write_bytes("content/sources/review.docx", &fixture());
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("sources/review/index.html");
    assert!(page.contains("Harbour Shelter Review"));
    assert!(page.contains("<h2"), "{page}");
    assert!(page.contains("<li"), "{page}");
    assert!(page.contains("March 2020 | 180"), "{page}");
    assert!(page.contains("Decision of the regional council"), "{page}");
    let events = site.read_out("data/events.json");
    assert!(events.contains("\"2020-09-30\""), "{events}");
    let sources = site.read_out("data/sources.json");
    assert!(
        sources.contains("\"published\":\"2020-10-05\""),
        "{sources}"
    );
}

#[test]
fn a_zip_bomb_and_a_broken_word_file_are_errors_naming_the_file() {
    let mut bomb = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut bomb);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("word/document.xml", opts).unwrap();
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..65 {
            w.write_all(&spaces).unwrap();
        }
        w.finish().unwrap();
    }
    let whole = fixture();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("bomb.docx", bomb.into_inner(), "zip bomb"),
        ("cut.docx", whole[..whole.len() / 2].to_vec(), "bad.docx"),
        ("text.docx", b"just text".to_vec(), "not a Word file"),
    ];
    for (name, bytes, says) in cases {
        let site = TempSite::new();
        site.write_bytes(&format!("content/sources/{name}"), &bytes);
        let started = std::time::Instant::now();
        let o = site.brief(&["build"]);
        let err = stderr(&o);
        assert!(!o.status.success(), "{name} built");
        assert!(err.contains(name), "{name}: {err}");
        assert!(says == "bad.docx" || err.contains(says), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(started.elapsed().as_secs() < 30, "{name} took too long");
    }
}

/// The text of `html`'s `<main>`, tags removed (facts are wrapped in links and marks).
fn main_text(html: &str) -> String {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut out = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The page's list tags and the first words of each item, in order: `<ol start="4">`,
/// `li:End new`, `</ol>`, …
fn list_outline(html: &str) -> Vec<String> {
    let body = &html[html.find("class=\"prose document\"").unwrap()..];
    let body = &body[..body
        .find("<section class=\"footnotes\"")
        .unwrap_or(body.len())];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag = &rest[..rest.find('>').unwrap() + 1];
        if tag.starts_with("<ol") || tag.starts_with("<ul") || tag == "</ol>" || tag == "</ul>" {
            out.push(tag.to_string());
        } else if tag.starts_with("<li") {
            let text = main_text(&format!(
                "<main>{}</main>",
                &rest[..rest.find("\n").unwrap()]
            ));
            out.push(format!(
                "li:{}",
                text.split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        } else if tag == "</li>" {
            out.push(tag.to_string());
        }
        rest = &rest[1..];
    }
    out
}

fn real_fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/docx")
            .join(name),
    )
    .unwrap()
}

/// python-docx's report and LibreOffice's round trip of it build to the same page:
/// the text, no header or footer, the core properties, the lists as Word numbers them,
/// the table rows, the footnote, and facts that point at their paragraphs.
#[test]
fn a_real_word_report_keeps_its_lists_and_drops_its_header_and_footer() {
    for name in ["mpp-review.docx", "mpp-review-libreoffice.docx"] {
        let site = TempSite::new();
        site.write_bytes("content/sources/mpp.docx", &real_fixture(name));
        site.write("content/sources/mpp.meta.toml", "rights = \"CC-BY-4.0\"\n");
        let o = site.brief(&["build"]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let page = site.read_out("sources/mpp/index.html");
        let text = main_text(&page);

        // The text that must appear, the furniture that must not.
        for must in [
            "On 20 December 2018 the DHS announced the Migrant Protection Protocols",
            "By the end of 2019 more than 60,000 asylum seekers had been returned",
            "The first returns took place at San Ysidro on 29 January 2019.",
            "Ciudad Juárez followed in March 2019.",
            "Department of Homeland Security, press release of 24 January 2019.",
            "July 2019 | 12,100",
            "December 2019 | 8,400",
            "Month | People returned to Mexico",
        ] {
            assert!(text.contains(must), "{name}: missing {must:?} in {text}");
        }
        for furniture in ["not for circulation", "MPP two-year review", "· page"] {
            assert!(
                !page.contains(furniture),
                "{name}: header/footer {furniture:?} shown"
            );
        }

        // Title, author and date from the core properties.
        assert!(
            page.contains("<h1>Migrant Protection Protocols: A Two-Year Review</h1>"),
            "{name}"
        );
        let sources: serde_json::Value =
            serde_json::from_str(&site.read_out("data/sources.json")).unwrap();
        let s = &sources["sources"][0];
        assert_eq!(s["author"], "Border Rights Monitor", "{name}");
        assert_eq!(s["published"], "2021-01-25", "{name}");

        // Numbered lists in <ol> in order, nested inside their item, the restarted one
        // from 4; bullets in <ul>, the `List Bullet 2` item nested.
        let outline = list_outline(&page);
        assert_eq!(
            outline,
            [
                "<ol>",
                "li:Hearings were",
                "</li>",
                "li:Only 523",
                "<ol>",
                "li:Legal representation",
                "</li>",
                "li:Most hearings",
                "</li>",
                "</ol>",
                "</li>",
                "li:Kidnappings of",
                "</li>",
                "</ol>",
                "<ol start=\"4\">",
                "li:End new",
                "</li>",
                "li:Decide the",
                "</li>",
                "</ol>",
                "<ul>",
                "li:The Matamoros",
                "</li>",
                "li:Shelters in",
                "<ul>",
                "li:Some shelters",
                "</li>",
                "</ul>",
                "</li>",
                "li:Medical care",
                "</li>",
                "</ul>",
            ],
            "{name}"
        );

        // Facts, each tied to its paragraph (p-N counts blocks: the title is not one).
        let events: serde_json::Value =
            serde_json::from_str(&site.read_out("data/events.json")).unwrap();
        let paragraph_of = |date: &str| {
            events["events"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["date"] == date)
                .unwrap_or_else(|| panic!("{name}: no event on {date}"))["paragraph"]
                .as_u64()
                .unwrap()
        };
        assert_eq!(paragraph_of("2018-12-20"), 2, "{name}");
        assert_eq!(paragraph_of("2019-01-29"), 3, "{name}");
        // "by December 2020", the second numbered item.
        assert_eq!(paragraph_of("2020-12"), 8, "{name}");
        assert_eq!(paragraph_of("2021-01-21"), 26, "{name}");
        let stats = site.read_out("data/statistics.json");
        assert!(stats.contains("more than 60,000 asylum seekers"), "{name}");
        assert!(page.contains("id=\"p-8\""), "{name}");
    }
}
