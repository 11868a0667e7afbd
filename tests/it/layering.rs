//! Layering: data flows one way through the stages, and no two files of a stage import
//! each other in a circle.
//!
//! Reads every `src/**/*.rs`, collects the `crate::…` paths of its code (comments and
//! string literals left out) and the `super::sibling` paths of its top level, and fails
//! with a message naming both files when:
//! - a stage imports a later stage (the order is [`STAGES`]);
//! - a command (`src/cmd/`, `src/main.rs`) reaches past the library's public API
//!   ([`COMMAND_API`]);
//! - the files of one stage import each other in a circle (a stage's `mod.rs` is its
//!   front door and is left out of this check).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, lowest first: each may import only itself and the stages before it.
/// `lib` is the crate root (`src/lib.rs`: runs the stages); `main` is the binary.
const STAGES: &[&str] = &[
    "util", "lang", "model", "input", "convert", "extract", "compose", "output", "render", "cache",
    "lib", "cmd", "main",
];

/// What the commands may use: the crate root's functions and types, the plain data, the
/// helpers, the configuration, the output files and the cache.
const COMMAND_API: &[&str] = &["util", "model", "input", "output", "cache", "lib", "cmd"];

/// The stage of a file under `src/`: its first folder, or its stem for a top-level file.
fn stage_of(rel: &Path) -> String {
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next().unwrap_or_default().to_string();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// The module folders and files of the crate root, to tell `crate::render_site` (an item
/// of the crate root) from `crate::render::…` (a stage).
fn stage_names(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_string();
            match name.strip_suffix(".rs") {
                Some(stem) if stem != "lib" && stem != "main" => Some(stem.to_string()),
                Some(_) => None,
                None if p.is_dir() => Some(name),
                None => None,
            }
        })
        .collect()
}

/// The code of a file without comments and string literals (so doc links and messages
/// are not imports).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' && !(i > 0 && b[i - 1] == b'\'') {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The first segment of every path after `prefix` (`crate::`, `brief::`, `super::`),
/// including each member of a grouped import (`crate::{a, b::c}` → `a`, `b`).
fn first_segments(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let boundary = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        rest = &rest[at + prefix.len()..];
        if !boundary {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut item) = (0, String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(head(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            out.push(head(&item));
        } else {
            out.push(head(rest));
        }
    }
    out.retain(|s| !s.is_empty() && s != "self");
    out
}

fn head(s: &str) -> String {
    s.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// One import: from which file, to which stage (or sibling file), as written.
#[derive(Debug)]
struct Import {
    file: String,
    target: String,
}

fn imports(src: &Path) -> (Vec<Import>, Vec<Import>) {
    let stages = stage_names(src);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let (mut cross, mut siblings) = (Vec::new(), Vec::new());
    for path in files {
        let rel = path.strip_prefix(src).unwrap().to_path_buf();
        let file = rel.to_string_lossy().replace('\\', "/");
        let code = code_only(&std::fs::read_to_string(&path).unwrap());
        let prefix = if file == "main.rs" {
            "brief::"
        } else {
            "crate::"
        };
        for seg in first_segments(&code, prefix) {
            let target = if stages.contains(&seg) {
                seg
            } else {
                "lib".to_string()
            };
            cross.push(Import {
                file: file.clone(),
                target,
            });
        }
        // Siblings: `super::x` at the top level of a file that is not a mod.rs (unit
        // tests, after `#[cfg(test)]`, may use anything of their own stage).
        let top = code.split("#[cfg(test)]").next().unwrap_or("");
        let is_front_door = file.ends_with("mod.rs") || !file.contains('/');
        if !is_front_door {
            let dir = file.rsplit_once('/').unwrap().0.to_string();
            for seg in first_segments(top, "super::") {
                for candidate in [format!("{dir}/{seg}.rs"), format!("{dir}/{seg}/mod.rs")] {
                    if src.join(&candidate).is_file() && !candidate.ends_with("mod.rs") {
                        siblings.push(Import {
                            file: file.clone(),
                            target: candidate,
                        });
                    }
                }
            }
            // `crate::stage::sibling` names a sibling file too.
            let stage_prefix = format!("crate::{}::", dir.replace('/', "::"));
            for seg in first_segments(top, &stage_prefix) {
                let candidate = format!("{dir}/{seg}.rs");
                if src.join(&candidate).is_file() {
                    siblings.push(Import {
                        file: file.clone(),
                        target: candidate,
                    });
                }
            }
        }
    }
    (cross, siblings)
}

/// Problems with the layering of the tree at `src`.
fn violations(src: &Path) -> Vec<String> {
    let rank = |s: &str| STAGES.iter().position(|x| *x == s);
    let (cross, siblings) = imports(src);
    let mut problems = BTreeSet::new();
    for i in &cross {
        let from = stage_of(Path::new(&i.file));
        let (Some(a), Some(b)) = (rank(&from), rank(&i.target)) else {
            problems.insert(format!(
                "src/{} is in no known stage, or imports one (`{}`): add it to STAGES in tests/it/layering.rs",
                i.file, i.target
            ));
            continue;
        };
        if b > a {
            problems.insert(format!(
                "src/{} (stage `{from}`) imports `{}`, a later stage: data must flow one way ({})",
                i.file,
                i.target,
                STAGES.join(" → ")
            ));
        } else if (from == "cmd" || from == "main")
            && i.target != from
            && !COMMAND_API.contains(&i.target.as_str())
        {
            problems.insert(format!(
                "src/{} (a command) imports `{}`: commands use only the library's public API ({})",
                i.file,
                i.target,
                COMMAND_API.join(", ")
            ));
        }
    }
    // Circles between the files of one stage.
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for i in &siblings {
        if i.file != i.target {
            graph.entry(&i.file).or_default().insert(&i.target);
        }
    }
    for (&a, targets) in &graph {
        for &b in targets {
            if reaches(&graph, b, a, &mut BTreeSet::new()) {
                problems.insert(format!(
                    "src/{a} and src/{b} import each other (directly or through other files of the stage)"
                ));
            }
        }
    }
    problems.into_iter().collect()
}

fn reaches<'a>(
    graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    from: &'a str,
    to: &str,
    seen: &mut BTreeSet<&'a str>,
) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from) {
        return false;
    }
    graph
        .get(from)
        .is_some_and(|next| next.iter().any(|&n| reaches(graph, n, to, seen)))
}

#[test]
fn stages_import_only_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = violations(&src);
    assert!(
        problems.is_empty(),
        "layering violations:\n  {}",
        problems.join("\n  ")
    );
}

/// A small tree with one allowed import, one backward import, a command reaching into a
/// stage and two files importing each other: the check must name exactly those.
#[test]
fn the_check_fails_on_a_forbidden_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |rel: &str, text: &str| {
        let p = src.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("lib.rs", "pub mod convert; pub mod extract; pub mod cmd;\n");
    write(
        "convert/mod.rs",
        "//! uses crate::extract in a comment only\nmod a; mod b;\n",
    );
    write("convert/a.rs", "use super::b::f;\n");
    write(
        "convert/b.rs",
        "use super::a::g;\nuse crate::extract::lexicon;\n",
    );
    write("extract/mod.rs", "use crate::convert::Block; // allowed\n");
    write("cmd/mod.rs", "use crate::{render_site, extract::Facts};\n");
    let problems = violations(src);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    for expected in [
        "src/cmd/mod.rs (a command) imports `extract`",
        "src/convert/a.rs and src/convert/b.rs import each other",
        "src/convert/b.rs and src/convert/a.rs import each other",
        "src/convert/b.rs (stage `convert`) imports `extract`, a later stage",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "missing {expected:?} in {problems:#?}"
        );
    }
}

#[test]
fn grouped_imports_name_each_member() {
    let code = code_only("use crate::{a::b, c, d::{e, f}};\n// crate::z\nlet s = \"crate::y\";");
    assert_eq!(first_segments(&code, "crate::"), ["a", "c", "d"]);
}
