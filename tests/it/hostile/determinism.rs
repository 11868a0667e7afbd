//! Determinism and hermeticity (issue 6): the same content gives byte-identical output
//! across builds, across `--jobs 1` and `--jobs 4`, and whatever order the files were
//! written in; the build runs with no network at all (an empty network namespace), and
//! the default binary has no HTTP client linked in.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Copies the flagship site's inputs (site.toml, content/, themes/) into `dst`, in
/// sorted or reverse order (so folder listing order differs between copies).
fn copy_flagship(dst: &Path, reverse: bool) {
    let src = repo();
    let mut files: Vec<_> = ["site.toml", "content", "themes"]
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(src.join(d)).sort_by_file_name())
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    if reverse {
        files.reverse();
    }
    for f in files {
        let to = dst.join(f.strip_prefix(&src).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&f, &to).unwrap();
    }
}

/// Everything a build wrote: the site and the generated Markdown.
fn outputs(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot(&root.join("public"));
    for (k, v) in snapshot(&root.join("build")) {
        all.insert(format!("build/{k}"), v);
    }
    all
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let ka: Vec<_> = a.keys().collect();
    let kb: Vec<_> = b.keys().collect();
    assert_eq!(ka, kb, "{what}: different files");
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{what}: {path} differs");
    }
}

fn build(root: &Path, extra: &[&str]) {
    let mut args = extra.to_vec();
    args.push("build");
    let o = brief_at(root, &args);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn output_is_byte_identical_across_builds_thread_counts_and_file_order() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    copy_flagship(a.path(), false);
    copy_flagship(b.path(), true);
    build(a.path(), &["--jobs", "1"]);
    let first = outputs(a.path());
    assert!(first.len() > 50, "{} files", first.len());
    build(a.path(), &["--jobs", "1"]);
    assert_same(&first, &outputs(a.path()), "a second build");
    build(a.path(), &["--jobs", "4"]);
    assert_same(&first, &outputs(a.path()), "--jobs 1 vs --jobs 4");
    build(b.path(), &["-j", "3"]);
    assert_same(
        &first,
        &outputs(b.path()),
        "files written in reverse order, 3 threads",
    );
    build(b.path(), &[]);
    assert_same(&first, &outputs(b.path()), "all cores");
}

#[test]
fn jobs_must_be_a_number() {
    let site = TempSite::new();
    let o = site.brief(&["--jobs", "many", "build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// Runs the build in a new user and network namespace with no interfaces but a downed
/// loopback: any network request would fail. The output must equal a normal build's.
#[test]
fn the_build_needs_no_network() {
    let probe = Command::new("unshare").args(["-rn", "true"]).output();
    if !matches!(&probe, Ok(o) if o.status.success()) {
        println!(
            "SKIPPED: `unshare -rn` is not permitted here ({probe:?}); no network-namespace test"
        );
        return;
    }
    let site = tempfile::tempdir().unwrap();
    copy_flagship(site.path(), false);
    build(site.path(), &[]);
    let normal = outputs(site.path());
    let o = Command::new("unshare")
        .arg("-rn")
        .arg(env!("CARGO_BIN_EXE_brief"))
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .output()
        .unwrap();
    assert!(o.status.success(), "offline build failed: {}", stderr(&o));
    assert_same(&normal, &outputs(site.path()), "a build without network");
    // `check` (without --external) needs no network either.
    let o = Command::new("unshare")
        .arg("-rn")
        .arg(env!("CARGO_BIN_EXE_brief"))
        .arg("--root")
        .arg(site.path())
        .arg("check")
        .output()
        .unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(
        !stderr(&o).to_lowercase().contains("network")
            && !stderr(&o).to_lowercase().contains("dns"),
        "{}",
        stderr(&o)
    );
}

/// HTTP clients that must not be linked into the default build.
const HTTP_CLIENTS: &[&str] = &[
    "ureq",
    "reqwest",
    "hyper",
    "curl",
    "isahc",
    "attohttpc",
    "surf",
];

#[test]
fn the_default_build_links_no_http_client() {
    // Cargo.toml: the only HTTP client is optional and only the `external` feature
    // turns it on; no default feature does.
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let deps = manifest["dependencies"].as_table().unwrap();
    for (name, spec) in deps {
        if HTTP_CLIENTS.contains(&name.as_str()) {
            assert_eq!(
                spec.get("optional").and_then(|v| v.as_bool()),
                Some(true),
                "{name} must be optional"
            );
        }
    }
    let features = manifest["features"].as_table().unwrap();
    let default: Vec<&str> = features
        .get("default")
        .and_then(|d| d.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    for f in default {
        let enabled = features[f].as_array().unwrap();
        assert!(
            !enabled
                .iter()
                .any(|v| v.as_str() == Some("external") || v.as_str() == Some("dep:ureq")),
            "default feature {f} turns on the HTTP client"
        );
    }
    // The binary cargo built for these tests (default features) holds no trace of one.
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_brief")).unwrap();
    // (Crate names appear in a binary's symbols and panic locations when linked.)
    for needle in ["ureq", "reqwest", "isahc", "attohttpc", "libcurl", "rustls"] {
        assert!(!links_crate(&bytes, needle), "the binary links {needle}");
    }
}

/// True if `name` appears in `bytes` as a crate name does when the crate is linked: in a
/// path (`/ureq-3.0.0/src/…`) or a mangled symbol (`…4ureq5agent…`, its length before
/// it), not inside a longer word. Codegen-unit names are random letters and digits
/// (`6273u8y76ureqpkhbou6e3r05` once held "ureq").
fn links_crate(bytes: &[u8], name: &str) -> bool {
    let n = name.as_bytes();
    let len = n.len().to_string();
    bytes.windows(n.len()).enumerate().any(|(i, w)| {
        if w != n {
            return false;
        }
        let after = bytes.get(i + n.len()).copied().unwrap_or(b' ');
        if after.is_ascii_lowercase() {
            return false;
        }
        let before = &bytes[..i];
        let free = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        free(before.last())
            || (before.ends_with(len.as_bytes())
                && !before[..i - len.len()]
                    .last()
                    .is_some_and(|b| b.is_ascii_digit()))
    })
}

#[test]
fn a_crate_name_inside_a_random_name_is_not_a_link() {
    assert!(!links_crate(
        b"src/lib.rs/@/6273u8y76ureqpkhbou6e3r05",
        "ureq"
    ));
    assert!(links_crate(b"registry/src/ureq-3.0.1/src/agent.rs", "ureq"));
    assert!(links_crate(b"_ZN4ureq5agent5Agent3get17h", "ureq"));
    assert!(!links_crate(b"_ZN14ureqx", "ureq"));
}
