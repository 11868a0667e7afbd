//! Word sources (issue 17): a `.docx` (tests/fixtures/pdf/report.docx, written by
//! make_docx.py beside it) builds into a source page with its headings, list, table
//! rows and footnote, titled and dated from its core properties; a zip bomb or a
//! broken file is an error naming the file, never a crash or a hang.

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
