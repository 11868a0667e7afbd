//! PDF sources (issue 17): a real PDF made by Chromium (tests/fixtures/pdf/, with the
//! script that made it) builds into a source page with its text, without its running
//! header and page numbers, with "p. N" where each page starts; every fact knows its
//! page (in the open data too, with a link into the PDF when it may be published); a
//! broken or text-less PDF is named, never a crash.

use crate::common::{TempSite, stderr};
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf")
            .join(name),
    )
    .unwrap()
}

/// A valid PDF of one empty page: what a scan without a text layer looks like to brief.
fn pdf_without_text() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        "<< /Length 0 >>\nstream\n\nendstream",
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[test]
fn a_pdf_source_builds_with_its_text_pages_and_metadata_and_without_its_furniture() {
    let site = TempSite::new();
    site.write_bytes("content/sources/report.pdf", &fixture("one_column.pdf"));
    site.write_bytes("content/sources/survey.pdf", &fixture("two_columns.pdf"));
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("sources/report/index.html");
    assert!(
        page.contains("On March 3, 2021, the river rose above its banks"),
        "{page}"
    );
    assert!(page.contains("River Valley Water Report"));
    assert!(!page.contains("Annual Report"), "running header published");
    assert!(
        page.contains("id=\"page-1\"><a href=\"report.pdf#page=1\">p.\u{a0}1<"),
        "{page}"
    );
    assert!(
        page.contains("id=\"page-2\"><a href=\"report.pdf#page=2\">p.\u{a0}2<"),
        "{page}"
    );
    // The second page's heading comes after its marker.
    assert!(page.find("id=\"page-2\"").unwrap() < page.find("Recovery").unwrap());
    // The footnote is a footnote.
    assert!(page.contains("Inspection report of the treatment plant"));
    let survey = site.read_out("sources/survey/index.html");
    let at = |w: &str| survey.find(w).unwrap_or_else(|| panic!("{w}: {survey}"));
    let (a, b) = (at("Bravo"), at("Echo"));
    assert!(a < b, "the left column is read first");
    assert!(!survey.contains("Field Notes") && !survey.contains("Page 2"));
    let events = site.read_out("data/events.json");
    assert!(events.contains("\"2021-03-03\""), "{events}");
    // The PDF is published beside its page; page marks and facts link into it.
    let published = std::fs::read(site.out().join("sources/report/report.pdf")).unwrap();
    assert_eq!(published, fixture("one_column.pdf"));
    assert!(
        page.contains("<a href=\"report.pdf#page=2\">p.\u{a0}2</a>"),
        "{page}"
    );
    assert!(
        events.contains(
            "\"page\":2,\"pdf_url\":\"https://example.org/sources/report/report.pdf#page=2\""
        ),
        "{events}"
    );
    let csv = site.read_out("data/statistics.csv");
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",paragraph,page,pdf_url,")
    );
    // The timeline cites the page too, linked into the published PDF.
    let timeline = site.read_out("timeline/index.html");
    assert!(
        timeline.contains("/sources/report/report.pdf#page=1\">p.\u{a0}1</a>"),
        "{timeline}"
    );
}

#[test]
fn a_pdf_whose_rights_are_reserved_is_not_published_but_its_facts_keep_their_page() {
    let site = TempSite::new();
    site.write_bytes("content/sources/report.pdf", &fixture("one_column.pdf"));
    site.write(
        "content/sources/report.meta.toml",
        "rights = \"all-rights-reserved\"\n",
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.out().join("sources/report/report.pdf").exists());
    let events = site.read_out("data/events.json");
    assert!(events.contains("\"page\":1,\"pdf_url\":null"), "{events}");
    // The timeline still says which page, without a link to a PDF it does not publish.
    let timeline = site.read_out("timeline/index.html");
    assert!(timeline.contains("</a>, p.\u{a0}1"), "{timeline}");
    assert!(!timeline.contains(".pdf#page"), "{timeline}");
}

#[test]
fn every_fact_from_a_pdf_knows_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, fixture("one_column.pdf")).unwrap();
    let x = brief::extract_file(&path, None).unwrap();
    assert_eq!(x.title, "River Valley Water Report");
    let page_of = |paragraph: u32| x.doc.blocks[paragraph as usize - 1].page;
    let march = x
        .facts
        .events
        .iter()
        .find(|e| e.span == "March 3, 2021")
        .unwrap();
    assert_eq!(page_of(march.paragraph), Some(1));
    let june = x
        .facts
        .events
        .iter()
        .find(|e| e.span.contains("June 2021"))
        .unwrap();
    assert_eq!(page_of(june.paragraph), Some(2));
    assert!(x.doc.blocks.iter().all(|b| b.page.is_some()));
}

#[test]
fn a_broken_pdf_is_an_error_naming_the_file_not_a_crash() {
    let whole = fixture("one_column.pdf");
    let cases: [(&str, Vec<u8>); 3] = [
        (
            "garbage.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog".to_vec(),
        ),
        ("notpdf.pdf", b"hello, I am text".to_vec()),
        ("truncated.pdf", whole[..whole.len() / 2].to_vec()),
    ];
    for (name, bytes) in cases {
        let site = TempSite::new();
        site.write_bytes(&format!("content/sources/{name}"), &bytes);
        let o = site.brief(&["build"]);
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{name}: {err}");
        if !o.status.success() {
            assert!(err.contains(name), "{name}: {err}");
        }
    }
}

#[test]
fn a_pdf_without_a_text_layer_is_a_warning_naming_it() {
    let site = TempSite::new();
    site.write_bytes("content/sources/scan.pdf", &pdf_without_text());
    let o = site.brief(&["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("scan.pdf") && err.contains("no text layer"),
        "{err}"
    );
}

/// The Word report printed by LibreOffice (tests/fixtures/pdf/make_libreoffice.sh): its
/// numbered, lettered and bulleted items read whole and render as the lists they are,
/// without the Word header and footer; the title, author and date come from the file;
/// each fact has the page it is on and the date it says.
#[test]
fn a_libreoffice_pdf_reads_its_lists_whole_and_its_facts_with_their_pages() {
    let site = TempSite::new();
    site.write_bytes(
        "content/sources/mpp.pdf",
        &fixture("mpp-review-libreoffice.pdf"),
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("sources/mpp/index.html");
    assert!(page.contains("Migrant Protection Protocols: A Two-Year Review"));
    assert!(page.contains("Border Rights Monitor"), "the author: {page}");
    // Numbered items, the nested lettered ones and the list restarted at 4.
    let at = |w: &str| page.find(w).unwrap_or_else(|| panic!("{w}: {page}"));
    assert!(at("<ol>") < at("Hearings were postponed"));
    assert!(at("<ol start=\"4\">") < at("End new returns"));
    assert!(at("<ul>\n<li id=\"b-") < at("The Matamoros camp"));
    assert!(!page.contains(|c| ('\u{e000}'..='\u{f8ff}').contains(&c)));
    // A table row is a paragraph, its cells in order; the footnote a footnote.
    assert!(page.contains("December 2019 | 8,400"), "{page}");
    assert!(page.contains("Department of Homeland Security, press release"));
    for furniture in ["not for circulation", "MPP two-year review", "· page"] {
        assert!(!page.contains(furniture), "{furniture}: {page}");
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mpp.pdf");
    std::fs::write(&path, fixture("mpp-review-libreoffice.pdf")).unwrap();
    let x = brief::extract_file(&path, None).unwrap();
    assert_eq!(x.title, "Migrant Protection Protocols: A Two-Year Review");
    assert_eq!(
        x.doc.embedded.author.as_deref(),
        Some("Border Rights Monitor")
    );
    assert_eq!(x.doc.embedded.published.unwrap().to_string(), "2021-01-25");
    let texts: Vec<&str> = x.doc.blocks.iter().map(|b| b.text.as_str()).collect();
    for item in [
        "Hearings were postponed for more than 12,000 people in March 2020.",
        "Most hearings took place in tent courts in Laredo and Brownsville.",
        "End new returns under the protocols.",
        "Decide the 25,000 pending cases within 90 days.",
        "Some shelters turned away families with children.",
    ] {
        assert!(texts.contains(&item), "{item}: {texts:#?}");
    }
    let page_of = |paragraph: u32| x.doc.blocks[paragraph as usize - 1].page;
    let event = |span: &str| {
        x.facts
            .events
            .iter()
            .find(|e| e.span == span)
            .unwrap_or_else(|| panic!("{span}: {:#?}", x.facts.events))
    };
    // The wrapped item's date is whole: March 2020, not a bare March.
    let march = event("March 2020");
    assert_eq!(march.date.to_string(), "2020-03");
    assert!(march.quote.starts_with("Hearings were postponed"));
    assert_eq!(page_of(march.paragraph), Some(1));
    assert!(!x.facts.events.iter().any(|e| e.span == "March"));
    let suspended = event("21 January 2021");
    assert_eq!(suspended.date.to_string(), "2021-01-21");
    assert_eq!(page_of(suspended.paragraph), Some(2));
    assert_eq!(page_of(event("20 December 2018").paragraph), Some(1));
    let pending = x
        .facts
        .statistics
        .iter()
        .find(|s| s.quote.starts_with("Decide the 25,000"))
        .unwrap_or_else(|| panic!("{:#?}", x.facts.statistics));
    assert_eq!(page_of(pending.paragraph), Some(1));
}
