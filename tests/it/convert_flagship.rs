//! The converter on the five flagship documents: furniture gone, gold sentences kept
//! verbatim, references and footnote markers of 002, datelines, offsets, and the anchor
//! rule of the generated Markdown.

use brief::convert::{anchorable_count, convert, to_markdown};

use brief::model::document::{BlockKind, Document, Format};
use std::path::Path;

const DOCS: [&str; 5] = [
    "000_1a28bce7c236d9b4",
    "001_13c3848cb01a7b47",
    "002_95af5cb3ceccfe72",
    "003_3481cb0292ef4d2e",
    "004_6f541f5bf407c4c5",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn source(name: &str) -> String {
    std::fs::read_to_string(root().join(format!("content/sources/{name}.txt"))).unwrap()
}

fn doc(name: &str) -> (String, Document) {
    let src = source(name);
    let d = convert(&src, Format::Text);
    (src, d)
}

const FURNITURE: [&str; 10] = [
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

#[test]
fn furniture_is_gone() {
    for name in DOCS {
        let (_, d) = doc(name);
        let md = to_markdown(&d);
        for f in FURNITURE {
            assert!(
                d.blocks.iter().all(|b| !b.text.contains(f)),
                "{name}: {f:?} in a block"
            );
            assert!(!md.contains(f), "{name}: {f:?} in the Markdown");
        }
    }
}

#[test]
fn gold_sentences_are_in_blocks_verbatim() {
    for name in DOCS {
        let (_, d) = doc(name);
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(format!("tests/gold/{name}.gold.json"))).unwrap(),
        )
        .unwrap();
        for key in ["events", "statistics"] {
            for item in gold[key].as_array().unwrap() {
                let s = item["sentence"].as_str().unwrap();
                assert!(
                    d.blocks.iter().any(|b| b.text.contains(s)),
                    "{name}: gold sentence not in any block: {s:?}"
                );
            }
        }
    }
}

#[test]
fn offsets_are_verbatim() {
    for name in DOCS {
        let (src, d) = doc(name);
        for b in &d.blocks {
            let s = b.start.expect("text blocks have offsets");
            assert_eq!(
                &src[s..s + b.text.len()],
                b.text,
                "{name} block {}",
                b.paragraph
            );
            for m in &b.notes {
                let digits = &b.text[m.offset..m.offset + m.len];
                assert_eq!(digits.parse::<u32>().unwrap(), m.number);
            }
        }
        let numbers: Vec<u32> = d.blocks.iter().map(|b| b.paragraph).collect();
        assert_eq!(numbers, (1..=d.blocks.len() as u32).collect::<Vec<_>>());
    }
}

#[test]
fn references_and_markers_of_002() {
    let (_, d) = doc("002_95af5cb3ceccfe72");
    assert_eq!(d.references.len(), 26);
    let refs: Vec<u32> = d.references.iter().map(|r| r.number).collect();
    assert_eq!(refs, (1..=26).collect::<Vec<_>>());
    // [4] and [15] continue on the next paragraph.
    assert!(
        d.references[3]
            .text
            .contains("https://www.hrw.org/report/2013/02/20")
    );
    assert!(d.references[14].text.contains("sinfronteras.org.mx"));
    let markers: Vec<u32> = d
        .blocks
        .iter()
        .flat_map(|b| b.notes.iter().map(|m| m.number))
        .collect();
    assert_eq!(markers, (1..=26).collect::<Vec<_>>());
    let b = d
        .blocks
        .iter()
        .find(|b| b.text.contains("August 20106"))
        .unwrap();
    let m = b.notes.iter().find(|m| m.number == 6).unwrap();
    assert_eq!(m.len, 1);
    assert_eq!(
        &b.text[m.offset - "August 2010".len()..m.offset + 1],
        "August 20106"
    );
    for (year, n) in [("May 2012", 7), ("of 2010", 8)] {
        let b = d
            .blocks
            .iter()
            .find(|b| b.notes.iter().any(|m| m.number == n))
            .unwrap();
        let m = b.notes.iter().find(|m| m.number == n).unwrap();
        assert!(b.text[..m.offset].ends_with(year), "marker {n}");
    }
    // Real figures are never markers.
    for b in &d.blocks {
        for m in &b.notes {
            let after = &b.text[m.offset + m.len..];
            assert!(!after.starts_with(" victims") && !after.starts_with(" countries"));
        }
    }
    let md = to_markdown(&d);
    assert!(md.contains("August 2010[^6]"), "{md}");
    assert!(md.contains("May 2012[^7]."));
    assert!(md.contains("reported[^22]"));
    assert!(md.contains("[^26]: <https://www.nytimes.com/2017/07/10/"));
    assert!(md.contains("72 victims from 6 countries"));
    assert!(matches!(d.blocks[0].kind, BlockKind::Quote));
    assert!(matches!(d.blocks[1].kind, BlockKind::Attribution));
}

#[test]
fn titles_and_datelines() {
    let expect = [
        (
            "000_1a28bce7c236d9b4",
            "US Migrant Protection Protocols Fuel Kidnappings in Mexico",
            None,
        ),
        (
            "002_95af5cb3ceccfe72",
            "The U.S., Mexico and the Persecution of Migrants on Both Sides of the Border",
            Some("05-23-2018"),
        ),
        (
            "003_3481cb0292ef4d2e",
            "Migrants en route to the U.S. trafficked in Mexico",
            Some("13 February, 2020"),
        ),
        (
            "004_6f541f5bf407c4c5",
            "Border-wide campaign aims to stop US from forcing asylum seekers to wait in Mexico",
            None,
        ),
    ];
    for (name, title, dateline) in expect {
        let (_, d) = doc(name);
        assert_eq!(d.title.as_deref(), Some(title), "{name}");
        assert_eq!(d.dateline.as_deref(), dateline, "{name}");
    }
    let (_, d) = doc("001_13c3848cb01a7b47");
    assert!(
        d.title
            .unwrap()
            .starts_with("Mexico Government Must Ensure")
    );
    let date = brief::convert::parse_dateline("05-23-2018").unwrap();
    assert_eq!(date.to_string(), "2018-05-23");
    let date = brief::convert::parse_dateline("13 February, 2020").unwrap();
    assert_eq!(date.to_string(), "2020-02-13");
}

#[test]
fn body_paragraphs_are_kept() {
    let (_, d) = doc("000_1a28bce7c236d9b4");
    assert!(d.blocks.iter().any(|b| b.text
        == "Ever since the Trump administration began enforcing these protocols, stories of kidnappings have become the norm"
        && b.kind == BlockKind::Paragraph));
    let (_, d) = doc("004_6f541f5bf407c4c5");
    assert!(
        d.blocks
            .iter()
            .any(|b| b.text.starts_with("Lawyer: Separating")
                && b.kind == BlockKind::Heading { level: 2 })
    );
    let (_, d) = doc("003_3481cb0292ef4d2e");
    let quotes = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Quote)
        .count();
    assert_eq!(quotes, 6);
}

#[test]
fn anchor_rule_holds_for_flagship_and_fixtures() {
    for name in DOCS {
        let (_, d) = doc(name);
        let md = to_markdown(&d);
        assert_eq!(anchorable_count(&md), d.blocks.len(), "{name}\n{md}");
    }
    let md_src = "+++\ntitle = \"t\"\n+++\n# T\n\nText with *emphasis*, a [link](https://e.org) and a note[^a].\n\n## Part\n\n1. one\n2. two\n   - nested\n\n> quote one\n>\n> quote two\n\n```sh\necho hi\n```\n\n[^a]: A note.\n";
    let html_src = "<title>T</title><h2>Part</h2><p>One</p><ul><li>a</li><li>b</li></ul><blockquote>q</blockquote><pre>code</pre>";
    for (src, f) in [(md_src, Format::Markdown), (html_src, Format::Html)] {
        let d = convert(src, f);
        assert!(!d.blocks.is_empty());
        let md = to_markdown(&d);
        assert_eq!(anchorable_count(&md), d.blocks.len(), "{f:?}\n{md}");
    }
}

#[test]
fn hostile_text_is_escaped() {
    let src = "A Title\n\nHello <script>alert(1)</script> **x** [a](javascript:alert(2)).";
    let d = convert(src, Format::Text);
    let md = to_markdown(&d);
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&md, brief::convert::markdown_options()),
    );
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("<script") && !html.contains("<strong>") && !html.contains("<a "));
}

#[test]
fn sources_are_unchanged() {
    use sha2::{Digest, Sha256};
    let expect = [
        (
            "000_1a28bce7c236d9b4",
            "5e4f99db919d04c82ed62a3bb9774933660a3fb84889e1f95af63e3dec65ba0a",
        ),
        (
            "001_13c3848cb01a7b47",
            "ba92f43a5dce63c02266eadb2bd9a153795258d98308501864ccbca00da44592",
        ),
        (
            "002_95af5cb3ceccfe72",
            "511d92599615e1a81f1ff0a4d22acfc4c8195c800cf545c3fd3a9ebfe8430eaa",
        ),
        (
            "003_3481cb0292ef4d2e",
            "f558d851cad0edaa63cef28eaa6a6d24a059e326429c57cbaa03b49144660a02",
        ),
        (
            "004_6f541f5bf407c4c5",
            "d760479ee2b5f6c349cd3d8682e3bc5a0390671484a64709cfb7dd8598f9e30b",
        ),
    ];
    for (name, sum) in expect {
        let hex: String = Sha256::digest(source(name).as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, sum, "{name}");
    }
}
