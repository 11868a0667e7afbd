//! Output: writes the rendered site to disk, all or nothing.
//!
//! In: a list of [`OutputFile`]s (a path inside the site and its bytes). Out: the output
//! folder replaced by a staging folder that was written in full first, so a failed or
//! interrupted build leaves the previous site in place. Refuses to replace a folder the
//! tool did not create, and any path that would land outside the output folder.

use crate::error::Error;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The marker file that says "brief made this folder; it may replace it".
pub const MARKER: &str = ".brief-output";

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, e.g. `sources/a/index.html`.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// What produced it (for error messages), e.g. `source page sources/a.txt`.
    pub origin: String,
}

impl OutputFile {
    /// A new output file.
    pub fn new(
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
        origin: impl Into<String>,
    ) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
            origin: origin.into(),
        }
    }
}

/// Checks a path inside the site: relative, no `..`, no `\`, no NUL, no empty segment.
pub fn check_site_path(path: &str) -> Result<(), String> {
    if path.is_empty()
        || path.starts_with('/')
        || path.contains(['\\', '\0', ':'])
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err(format!(
            "`{}` is not a safe path inside the site",
            path.escape_debug()
        ));
    }
    let p = Path::new(path);
    if p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!(
            "`{}` is not a safe path inside the site",
            path.escape_debug()
        ));
    }
    Ok(())
}

/// Checks the list: safe paths, no two files at one path. Returns it sorted by path.
pub fn check_files(files: Vec<OutputFile>) -> Result<Vec<OutputFile>, Error> {
    let mut by_path: BTreeMap<String, OutputFile> = BTreeMap::new();
    for f in files {
        check_site_path(&f.path).map_err(|reason| Error::UnsafeOutput {
            path: PathBuf::from(&f.path),
            reason: format!("{reason} (from {})", f.origin),
        })?;
        if let Some(prev) = by_path.get(&f.path) {
            return Err(Error::DuplicateOutput {
                path: f.path.clone(),
                first: prev.origin.clone(),
                second: f.origin,
            });
        }
        by_path.insert(f.path.clone(), f);
    }
    Ok(by_path.into_values().collect())
}

/// Refuses output folders that would destroy the user's work: the site root or an
/// ancestor of it, anything inside `content/`, `themes/`, `templates/` or `static/`,
/// and a non-empty folder without the marker file.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Error> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        normalize(&p)
    };
    let root_abs = abs(root);
    let out_abs = abs(out);
    let refuse = |reason: &str| Error::UnsafeOutput {
        path: out.to_path_buf(),
        reason: reason.to_string(),
    };
    if root_abs.starts_with(&out_abs) {
        return Err(refuse(
            "the output folder would contain the site itself; choose a folder such as `public`",
        ));
    }
    for protected in ["content", "themes", "templates", "static", ".git", "src"] {
        if out_abs.starts_with(root_abs.join(protected)) {
            return Err(refuse(&format!(
                "the output folder is inside `{protected}/`, which holds your own files"
            )));
        }
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
        if entries.next().is_some() {
            return Err(refuse(&format!(
                "folder is not empty and was not made by brief (no `{MARKER}` file); \
                 brief will not replace it. Empty it or choose another output folder"
            )));
        }
    }
    if out.exists() && !out.is_dir() {
        return Err(refuse("exists and is not a folder"));
    }
    Ok(())
}

/// Lexically normalises a path (removes `.` and resolves `..`), without touching disk.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Writes `files` into a staging folder beside `out`, then swaps it in.
pub fn write_site(root: &Path, out: &Path, files: &[OutputFile]) -> Result<(), Error> {
    check_output_dir(root, out)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.brief-staging"));
    let old = parent.join(format!(".{name}.brief-old"));
    // Leftovers of an interrupted build are ours to remove.
    for dir in [&staging, &old] {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
    }
    fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    let result = write_all(&staging, files);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        // Swap atomically where the system can, so that even a kill -9 at this moment
        // leaves a complete site (the old one or the new one) at `out`.
        if exchange(&staging, out).is_ok() {
            fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
            return Ok(());
        }
        fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        // Put the previous site back before reporting.
        if old.exists() {
            let _ = fs::rename(&old, out);
        }
        return Err(Error::io(out, e));
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(())
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that live across the call;
    // AT_FDCWD makes them relative to the working directory like std::fs::rename.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere there is no atomic exchange: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this system"))
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    for d in &dirs {
        fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = staging.join(&f.path);
        fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))
    })?;
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        b"This folder is generated by brief and replaced on every build.\n",
    )
    .map_err(|e| Error::io(&marker, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a\\b",
            "a//b",
            "",
            "a\0b",
            "C:/x",
            "./a",
        ] {
            assert!(check_site_path(bad).is_err(), "{bad:?}");
        }
        assert!(check_site_path("sources/a/index.html").is_ok());
    }

    #[test]
    fn two_files_at_one_path_are_an_error() {
        let files = vec![
            OutputFile::new("a/index.html", "1", "page one"),
            OutputFile::new("a/index.html", "2", "page two"),
        ];
        let err = check_files(files).unwrap_err().to_string();
        assert!(
            err.contains("page one") && err.contains("page two"),
            "{err}"
        );
    }

    #[test]
    fn refuses_to_replace_foreign_or_protected_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep me").unwrap();
        assert!(check_output_dir(root, &root.join("mine")).is_err());
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content/public")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn swaps_in_the_new_site_and_keeps_the_old_one_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        write_site(root, &out, &[OutputFile::new("index.html", "one", "t")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        write_site(root, &out, &[OutputFile::new("index.html", "two", "t")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        // A file that cannot be written (its parent is a file) fails the build…
        let bad = [
            OutputFile::new("x", "file", "t"),
            OutputFile::new("x/y.html", "under a file", "t"),
        ];
        assert!(write_site(root, &out, &bad).is_err());
        // …and the previous site is still there.
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
    }
}
