//! `brief new`: the scaffold builds on the first try and passes `brief check`; a
//! non-empty folder is refused and left alone.

use std::path::Path;
use std::process::{Command, Output};

fn brief(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .arg(root)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn new_site_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-briefing");
    let out = brief(&["new"], &site);
    assert!(out.status.success(), "{}", text(&out));
    for file in [
        "site.toml",
        "content/sources/sample.txt",
        "content/sources/sample.meta.toml",
        "content/pages/_index.md",
        "content/entities.toml",
        ".github/workflows/pages.yml",
        ".gitignore",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    // Publishing needs no edit: no placeholder anywhere, and the workflow downloads the
    // release of the very brief that made the site.
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let body = std::fs::read_to_string(entry.path()).unwrap();
            for placeholder in ["EDIT ME", "YOUR-ORG", "BRIEF_GIT_URL"] {
                assert!(
                    !body.contains(placeholder),
                    "{placeholder} in {:?}",
                    entry.path()
                );
            }
        }
    }
    let workflow = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        workflow.contains(&format!("  BRIEF_VERSION: \"{version}\"\n")),
        "{workflow}"
    );
    assert!(workflow.contains(&format!(
        "  BRIEF_RELEASES: {}/releases/download\n",
        env!("CARGO_PKG_REPOSITORY")
    )));
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--version")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.starts_with(&format!("brief {version} (commit ")),
        "{printed}"
    );

    let out = brief(&["build", "--root"], &site);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("0 warnings"), "{}", text(&out));
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("My briefing"));
    assert!(
        index.contains("sources/sample/"),
        "home does not list the sample"
    );
    let page = std::fs::read_to_string(site.join("public/sources/sample/index.html")).unwrap();
    assert!(page.contains("town council"), "{page}");
    // The example entity is found, so "Actors and places" is not empty on a new site.
    let entity = std::fs::read_to_string(site.join("public/entities/town-council/index.html"))
        .expect("the example entity has a page");
    assert!(entity.contains("Town council"), "{entity}");

    let out = brief(&["check", "--root"], &site);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn refuses_a_folder_with_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "my notes").unwrap();
    let out = brief(&["new"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("not empty"), "{}", text(&out));
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["new"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Exit codes"));
}
