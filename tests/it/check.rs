//! `brief check`: non-zero with a broken link and an orphan page, naming both; zero on a
//! clean site and on the flagship site in the repository.

use std::path::Path;
use std::process::{Command, Output};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A small site; `broken` adds a link to a missing page and a page nothing links to.
fn fixture(root: &Path, broken: bool) {
    write(
        root,
        "site.toml",
        "title = \"Check test\"\nbase_url = \"https://example.org/demo/\"\n",
    );
    write(
        root,
        "content/sources/a.txt",
        "A report\n\nThe first paragraph.\n\nThe second paragraph.\n",
    );
    write(
        root,
        "content/sources/a.meta.toml",
        "title = \"A report\"\npublished = \"2020-01-02\"\nrights = \"unknown\"\n",
    );
    let mut home = String::from(
        "+++\ntitle = \"Home\"\n+++\n\nSee [the second paragraph](sources/a/#p-2) and [about](about/).\n",
    );
    if broken {
        home.push_str("\nAlso [a missing page](/demo/nowhere/).\n");
        write(
            root,
            "content/pages/hidden.md",
            "+++\ntitle = \"Hidden\"\n+++\n\nNo link leads here.\n",
        );
    }
    write(root, "content/pages/_index.md", &home);
    write(
        root,
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\n\nBack [home](../).\n",
    );
}

fn check(root: &Path) -> (Output, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, text)
}

#[test]
fn broken_link_and_orphan_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path(), true);
    let (out, text) = check(dir.path());
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("index.html: broken link `/demo/nowhere/`"),
        "{text}"
    );
    assert!(text.contains("hidden/index.html: orphan page"), "{text}");
    // Nothing was written.
    assert!(!dir.path().join("public").exists());
}

#[test]
fn clean_site_passes() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path(), false);
    let (out, text) = check(dir.path());
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("0 problems"), "{text}");
}

#[test]
fn missing_date_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path(), false);
    write(
        dir.path(),
        "content/sources/a.meta.toml",
        "title = \"A report\"\n",
    );
    let (out, text) = check(dir.path());
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("no publication date"), "{text}");
}

#[test]
fn flagship_site_passes_at_its_own_base_url() {
    let (out, text) = check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(out.status.code(), Some(0), "{text}");
}

#[test]
fn flagship_site_passes_under_a_project_subpath_and_at_a_domain_root() {
    for base in [
        "https://example.org/mpp-briefing/",
        "https://briefing.example.org/",
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args([
                "--root",
                env!("CARGO_MANIFEST_DIR"),
                "check",
                "--base-url",
                base,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{base}: {text}");
        assert!(text.contains("0 broken links"), "{text}");
    }
}

#[test]
fn unreviewed_facts_fail_the_check_when_the_site_requires_review() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fixture(root, false);
    write(
        root,
        "content/sources/a.txt",
        "A report\n\nIn March 2021, more than 170,000 migrants arrived.\n\nThe second paragraph.\n",
    );
    let (out, text) = check(root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "review is optional by default: {text}"
    );
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    write(
        root,
        "site.toml",
        &format!("{toml}[extract]\nrequire_review = true\n"),
    );
    let (out, text) = check(root);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("sources/a.txt: fact ev-") && text.contains("waiting for review"),
        "{text}"
    );
}
