//! Hostile paths (issue 6): file names with `..`, slash and backslash lookalikes, NUL-ish
//! characters, Windows reserved names, very long names, Unicode lookalikes and RTL
//! overrides; titles, slugs, aliases and entity ids with `../`; symbolic links out of
//! `content/` and in loops. Nothing may be written outside the output folders, nothing
//! outside `content/` read, and every source keeps a unique, readable page.

use crate::common::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

const CANARY: &str = "CANARY-OUTSIDE-CONTENT";

/// A site folder and, beside it, a folder of files the build must never read.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let s = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        let outside = s.outside();
        fs::create_dir_all(outside.join("dir")).unwrap();
        fs::write(
            outside.join("secret.txt"),
            format!("{CANARY} title\n\n{CANARY} text on 3 March 2020.\n"),
        )
        .unwrap();
        fs::write(
            outside.join("dir/inner.txt"),
            format!("{CANARY}\n\nmore {CANARY}\n"),
        )
        .unwrap();
        fs::write(
            outside.join("dir/inner.md"),
            format!("+++\ntitle = \"{CANARY}\"\n+++\n{CANARY}\n"),
        )
        .unwrap();
        fs::write(
            outside.join("secret.meta.toml"),
            format!("title = \"{CANARY}\"\n"),
        )
        .unwrap();
        fs::write(outside.join("entities.toml"), format!("[[entity]]\nid = \"x\"\nname = \"Outsider Person\"\naliases = [\"{CANARY}\"]\nkind = \"person\"\n")).unwrap();
        write(
            &s.root().join("site.toml"),
            "title = \"Paths\"\nbase_url = \"https://example.org/\"\n",
        );
        s
    }
    fn root(&self) -> std::path::PathBuf {
        self.dir.path().join("site")
    }
    fn outside(&self) -> std::path::PathBuf {
        self.dir.path().join("outside")
    }
    fn content(&self) -> std::path::PathBuf {
        self.root().join("content")
    }
}

fn write(p: &Path, text: &str) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Every path under `dir` (files, folders, links), relative.
fn tree(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// The file names tried as sources, with the count of those that are documents the
/// build should publish (hidden files, starting with a dot, are skipped like backups).
fn hostile_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "..evil.txt",
        "...txt",
        "a..b.txt",
        "..%2f..%2fetc.txt",
        "%2e%2e%2fpasswd.txt",
        "a\\b.txt",
        "..\\..\\windows.txt",
        "∕etc∕passwd.txt",  // U+2215 division slash
        "⁄etc⁄shadow.txt",  // U+2044 fraction slash
        "／etc／hosts.txt", // U+FF0F fullwidth solidus
        "．．／up.txt",     // fullwidth dots and solidus
        "\u{2024}\u{2024}one-dot-leader.txt",
        "nul\u{2400}sym.txt", // U+2400 symbol for NUL
        "a%00b.txt",
        "tab\there.txt",
        "new\nline.txt",
        "CON",
        "con.txt",
        "NUL.txt",
        "aux.md",
        "COM1.html",
        "lpt9.txt",
        "PRN.md",
        "evil\u{202e}txt.exe.txt", // RTL override
        "\u{200b}zero-width.txt",
        "ｅｖｉｌ.txt",
        "évil.txt",
        "evil.txt",
        "Evil.txt",
        "привет.txt",
        "你好.txt",
        " spaced name .txt",
        "-dash.txt",
        "~tilde.txt",
        "trailing.dot..txt",
        "UPPER.TXT",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The longest name Linux allows (255 bytes), in ASCII and in 2-byte characters.
    names.push(format!("{}.txt", "l".repeat(251)));
    names.push(format!("{}.txt", "é".repeat(125)));
    names
}

/// Checks what a build of `sb` did: no panic, nothing outside content/ shown, nothing
/// written outside the output folders, every segment of every output path readable.
/// Returns the source pages written.
fn check_contained(sb: &Sandbox, before_root: &[String], o: &std::process::Output) -> Vec<String> {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    let snap = |d: &str| {
        let p = sb.root().join(d);
        if p.exists() {
            snapshot(&p)
        } else {
            Default::default()
        }
    };
    let out = snap("public");
    let md = snap("build");
    for (path, bytes) in out.iter().chain(md.iter()) {
        assert!(
            !String::from_utf8_lossy(bytes).contains(CANARY),
            "{path} shows a file from outside content/"
        );
        for seg in path.split('/') {
            assert!(
                seg.is_ascii() && seg.len() <= 100,
                "unreadable segment in {path}"
            );
            assert!(seg != ".." && seg != "." && !seg.contains('\\'), "{path}");
        }
    }
    let after: Vec<String> = tree(sb.dir.path())
        .into_iter()
        .filter(|p| !p.starts_with("site/public") && !p.starts_with("site/build"))
        .collect();
    let before: Vec<&String> = before_root
        .iter()
        .filter(|p| !p.starts_with("site/public") && !p.starts_with("site/build"))
        .collect();
    let after: Vec<&String> = after.iter().collect();
    assert_eq!(before, after, "files appeared outside public/ and build/");
    out.keys()
        .filter(|p| {
            p.starts_with("sources/") && p.ends_with("/index.html") && p.matches('/').count() == 2
        })
        .cloned()
        .collect()
}

#[test]
fn each_hostile_file_name_gets_one_readable_page() {
    let names = hostile_names();
    let mut published = 0;
    for (i, n) in names.iter().enumerate() {
        let sb = Sandbox::new();
        let sources = sb.content().join("sources");
        write(&sources.join("plain.txt"), "Plain\n\nA plain document.\n");
        write(
            &sources.join(n),
            &format!("Document {i}\n\nSome text of document {i} on 3 March 2020.\n"),
        );
        let before = tree(sb.dir.path());
        let o = brief_at(&sb.root(), &["build"]);
        assert!(o.status.success(), "{n:?}: {}", stderr(&o));
        let pages = check_contained(&sb, &before, &o);
        let lower = n.to_ascii_lowercase();
        let doc = [".txt", ".md", ".html"].iter().any(|e| lower.ends_with(e));
        let expected = if doc && !n.starts_with('.') { 2 } else { 1 };
        assert_eq!(pages.len(), expected, "{n:?}: {pages:?}");
        published += expected - 1;
    }
    println!(
        "{} hostile file names: {published} published, 0 escapes",
        names.len()
    );
}

#[test]
fn colliding_slugs_fail_naming_both_files() {
    for pair in [
        ["evil.txt", "Evil.txt"],
        ["a..b.txt", "a\\b.txt"],
        ["evil.txt", "evil.md"],
        ["évil.txt", "evil.html"],
        // Full-width letters fold to their ASCII letters, as accents do.
        ["ｅｖｉｌ.txt", "évil.txt"],
    ] {
        let sb = Sandbox::new();
        for n in pair {
            write(&sb.content().join("sources").join(n), "Title\n\nText.\n");
        }
        let before = tree(sb.dir.path());
        let o = brief_at(&sb.root(), &["build"]);
        assert_eq!(o.status.code(), Some(1), "{pair:?}");
        let err = stderr(&o);
        assert!(
            err.contains(pair[0]) && err.contains(pair[1]) && err.contains("slug"),
            "{err}"
        );
        check_contained(&sb, &before, &o);
        assert!(!sb.root().join("public").exists());
    }
}

#[test]
fn path_like_titles_and_links_out_of_content_never_escape() {
    let sb = Sandbox::new();
    let content = sb.content();
    let sources = content.join("sources");
    let mut expected = 0;
    // Titles, slugs and publishers that look like paths; urls that are not http(s).
    for (i, t) in [
        "../../etc/passwd",
        "..\\..\\boot.ini",
        "/etc/shadow",
        "C:\\Windows",
        "a/../../b",
        "%2e%2e/x",
    ]
    .iter()
    .enumerate()
    {
        write(&sources.join(format!("meta{i}.txt")), "Title\n\nText.\n");
        write(
            &sources.join(format!("meta{i}.meta.toml")),
            &format!(
                "title = {0}\npublisher = {0}\nslug = {1}\nurl = \"file:///etc/passwd\"\n",
                toml::Value::String(t.to_string()),
                toml::Value::String(format!("{i}{t}"))
            ),
        );
        expected += 1;
    }
    // Links: a file and a folder outside content/, a sidecar outside, a loop, a dangling
    // link, a link to a file inside content/ (allowed: read once more under its name).
    symlink(sb.outside().join("secret.txt"), sources.join("link.txt")).unwrap();
    symlink(sb.outside().join("dir"), sources.join("linkdir")).unwrap();
    write(
        &sources.join("secret.txt"),
        "Inside\n\nThe inside document names Outsider Person.\n",
    );
    symlink(
        sb.outside().join("secret.meta.toml"),
        sources.join("secret.meta.toml"),
    )
    .unwrap();
    symlink(&sources, sources.join("loop")).unwrap();
    symlink(sources.join("loop2"), sources.join("loop2")).unwrap();
    symlink(
        sb.outside().join("missing.txt"),
        sources.join("dangling.txt"),
    )
    .unwrap();
    write(&sources.join("evil.txt"), "Evil\n\nText.\n");
    symlink(sources.join("evil.txt"), sources.join("alias-of-evil.txt")).unwrap();
    symlink(sb.outside().join("dir"), content.join("pages")).unwrap();
    symlink(sb.outside().join("dir"), content.join("sources/sub")).unwrap();
    expected += 3; // secret.txt (the inside one), evil.txt and alias-of-evil.txt

    let before_outside = snapshot(&sb.outside());
    let before = tree(sb.dir.path());
    let o = brief_at(&sb.root(), &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for named in [
        "link.txt",
        "linkdir",
        "dangling.txt",
        "loop2",
        "secret.meta.toml",
        "pages",
        "sub",
    ] {
        assert!(
            err.contains(named),
            "the skipped link {named} is named: {err}"
        );
    }
    let pages = check_contained(&sb, &before, &o);
    assert_eq!(before_outside, snapshot(&sb.outside()));
    assert_eq!(pages.len(), expected, "{pages:#?}");

    // A gazetteer that is a link out of content/ is refused by name.
    symlink(
        sb.outside().join("entities.toml"),
        content.join("entities.toml"),
    )
    .unwrap();
    let o = brief_at(&sb.root(), &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("entities.toml") && err.contains("outside content/"),
        "{err}"
    );
    check_contained(&sb, &tree(sb.dir.path()), &o);
}

#[test]
fn aliases_and_entity_ids_with_dot_dot_fail_or_stay_inside() {
    for alias in [
        "../../etc/x",
        "/../../x/",
        "a/../../b",
        "..",
        "C:\\x",
        "a\\..\\..\\b",
        "x\0y",
    ] {
        let sb = Sandbox::new();
        write(
            &sb.content().join("pages/about.md"),
            &format!(
                "+++\ntitle = \"About\"\naliases = [{}]\n+++\nBody\n",
                toml::Value::String(alias.into())
            ),
        );
        let before = tree(sb.dir.path());
        let o = brief_at(&sb.root(), &["build"]);
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{err}");
        if o.status.success() {
            for p in snapshot(&sb.root().join("public")).keys() {
                assert!(!p.split('/').any(|s| s == ".."), "{alias}: {p}");
            }
        } else {
            assert!(
                err.contains("about.md") && err.contains("not a safe path"),
                "{alias}: {err}"
            );
        }
        let after: Vec<String> = tree(sb.dir.path())
            .into_iter()
            .filter(|p| !p.starts_with("site/public") && !p.starts_with("site/build"))
            .collect();
        assert_eq!(before, after, "{alias}: wrote outside the output");
    }
    // Entity ids become page addresses: `../` is slugified away.
    let sb = Sandbox::new();
    write(
        &sb.content().join("sources/a.txt"),
        "Title\n\nAlice Example spoke on 3 March 2020.\n",
    );
    write(
        &sb.content().join("entities.toml"),
        "[[entity]]\nid = \"../../../etc/x\"\nname = \"Alice Example\"\nkind = \"person\"\n",
    );
    let o = brief_at(&sb.root(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = snapshot(&sb.root().join("public"));
    assert!(
        out.contains_key("entities/etc-x/index.html"),
        "{:?}",
        out.keys().collect::<Vec<_>>()
    );
    assert!(!sb.dir.path().join("etc").exists() && !sb.root().join("etc").exists());
}

/// `brief extract a.txt` from the document's own folder still reads its sidecar (the
/// check that keeps links out of content/ must not refuse a file's plain neighbour).
#[test]
fn extract_reads_the_sidecar_beside_a_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("a.txt"),
        "Title\n\nThey met on 3 March to talk.\n",
    );
    write(
        &dir.path().join("a.meta.toml"),
        "published = \"2020-03-10\"\n",
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(dir.path())
        .args(["extract", "a.txt", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2020-03-03"), "{out}");
}
