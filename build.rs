//! Build script: records which commit `brief` is built from, for `brief --version`.
//!
//! In: the Git checkout around the crate (or `BRIEF_COMMIT`, for builds from an archive
//! without `.git`). Out: the `BRIEF_VERSION` environment variable for the compiler,
//! e.g. `0.1.0 (commit 1a2b3c4d5e6f, 2026-12-02)`, or `0.1.0 (commit unknown)` when
//! neither is there. Nothing the site generator writes depends on it.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}

fn main() {
    println!("cargo::rerun-if-env-changed=BRIEF_COMMIT");
    // Rebuild when HEAD moves: watch HEAD itself and the branch file it points to.
    if let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
        watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
        for name in watched {
            let path = Path::new(&git_dir).join(name);
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
    let from_env = std::env::var("BRIEF_COMMIT").ok().filter(|c| !c.is_empty());
    let commit = from_env.or_else(|| {
        let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
        let day = git(&["show", "-s", "--format=%cs", "HEAD"]);
        Some(match day {
            Some(day) => format!("{hash}, {day}"),
            None => hash,
        })
    });
    let version = env!("CARGO_PKG_VERSION");
    let commit = commit.unwrap_or_else(|| "unknown".into());
    println!("cargo::rustc-env=BRIEF_VERSION={version} (commit {commit})");
}
