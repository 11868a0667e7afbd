//! The build cache of `brief serve`: a rebuild reuses the conversions and facts of
//! unchanged sources, redoes an edited one, and gives the same files as a build
//! without a cache.

use crate::common::copy_dir;
use brief::{BuildOptions, cache::Cache, render_site};
use std::path::Path;
use std::sync::Arc;

fn files(root: &Path, cache: Option<&Arc<Cache>>) -> (Vec<(String, Vec<u8>)>, usize) {
    let options = BuildOptions {
        dry_run: true,
        cache: cache.cloned(),
        ..BuildOptions::default()
    };
    let r = render_site(root, &options).unwrap();
    let files = r.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    (files, r.report.cache_hits)
}

#[test]
fn a_rebuild_redoes_only_the_edited_source_and_matches_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    let sources = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .filter(|e| {
            let p = e.as_ref().unwrap().path();
            !p.to_string_lossy().ends_with(".meta.toml")
        })
        .count();

    let cache = Arc::new(Cache::default());
    let (first, hits) = files(root, Some(&cache));
    assert_eq!(hits, 0);
    assert_eq!(first, files(root, None).0, "a cold cache changes nothing");
    let (second, hits) = files(root, Some(&cache));
    assert_eq!(hits, 2 * sources, "every conversion and extraction reused");
    assert_eq!(second, first);

    // Edit one source: it is converted and extracted again, the others are reused,
    // and the result is what a build without a cache makes.
    let edited = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .min()
        .unwrap();
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\n\nOn 3 March 2021, 1,234 people were counted at the crossing.\n");
    std::fs::write(&edited, text).unwrap();
    let (third, hits) = files(root, Some(&cache));
    assert_eq!(hits, 2 * (sources - 1));
    assert_ne!(third, first);
    assert_eq!(third, files(root, None).0);
}

/// `brief serve` converted every PDF and Word file again on every rebuild (the cache was
/// keyed on text, and they have none). Now they are keyed on a digest of their bytes:
/// an unchanged file is reused, even when its modification time changes; a changed one
/// is converted again, and the output is what a build without a cache makes.
#[test]
fn a_rebuild_reuses_unchanged_pdf_and_word_files_by_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(root.join("site.toml"), "title = \"Cache\"\n").unwrap();
    let sources = root.join("content/sources");
    std::fs::create_dir_all(&sources).unwrap();
    let fixture = |p: &str| std::fs::read(repo.join("tests/fixtures").join(p)).unwrap();
    std::fs::write(sources.join("report.pdf"), fixture("pdf/one_column.pdf")).unwrap();
    std::fs::write(sources.join("review.docx"), fixture("docx/mpp-review.docx")).unwrap();
    std::fs::write(
        sources.join("note.txt"),
        "A note\n\nOn 3 March 2021, 1,234 people were counted at the crossing.\n",
    )
    .unwrap();

    let cache = Arc::new(Cache::default());
    let (first, hits) = files(root, Some(&cache));
    assert_eq!(hits, 0);
    let (second, hits) = files(root, Some(&cache));
    assert_eq!(
        hits,
        2 * 3,
        "every conversion and extraction reused, PDF and Word too"
    );
    assert_eq!(second, first);

    // The same bytes written again (a new modification time): still reused.
    std::fs::write(sources.join("report.pdf"), fixture("pdf/one_column.pdf")).unwrap();
    let (_, hits) = files(root, Some(&cache));
    assert_eq!(hits, 2 * 3, "keyed on the bytes, not the modification time");

    // Another Word file under the same name: converted and extracted again.
    std::fs::write(
        sources.join("review.docx"),
        fixture("docx/mpp-review-libreoffice.docx"),
    )
    .unwrap();
    let (fourth, hits) = files(root, Some(&cache));
    assert_eq!(hits, 2 * 2);
    assert_eq!(fourth, files(root, None).0);
}
