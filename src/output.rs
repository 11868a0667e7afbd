//! Output: writes the rendered site to disk, all or nothing.
//!
//! In: [`OutputFile`]s (a path inside the site and its bytes), handed to a [`Sink`] one
//! by one as they are rendered, or, for the files too large to hold whole (the data
//! files), written a piece at a time through a [`Writer`] the sink opens. Out: either the files in memory ([`Collect`], for
//! `check`, `serve` and dry runs) or a [`Staging`] folder that is written as files come
//! and swapped in for the output folder only when the whole build succeeded, so a failed
//! or interrupted build leaves the previous site in place. Refuses to replace a folder
//! the tool did not create, any path that would land outside the output folder, and two
//! files at one path.

use crate::util::error::Error;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

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
            return Err(duplicate(&f.path, &prev.origin, &f.origin));
        }
        by_path.insert(f.path.clone(), f);
    }
    Ok(by_path.into_values().collect())
}

/// Where rendered files go, one at a time and from any thread.
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<(), Error>;

    /// Opens a file at `path` (inside the site) to be written a piece at a time; it is
    /// the sink's once [`Writer::finish`] returns. For the files too large to hold
    /// whole: at 10,000 documents the data files are over a gigabyte.
    fn open(&self, path: String, origin: String) -> Result<Writer<'_>, Error>;
}

/// A file being written a piece at a time ([`Sink::open`]): to disk as it comes
/// ([`Staging`]), or gathered in memory and handed to [`Sink::put`] at the end.
pub struct Writer<'a> {
    target: Target<'a>,
}

/// Where a [`Writer`]'s bytes go.
enum Target<'a> {
    /// Gathered, then put whole into the sink.
    Memory(&'a dyn Sink, OutputFile),
    /// Written into the staging folder as they come.
    File(std::io::BufWriter<fs::File>, PathBuf),
    /// Dropped: a second file at a path already written (the sink reports the clash).
    Discard,
}

impl<'a> Writer<'a> {
    /// A writer that gathers the file in memory and puts it into `sink` when finished.
    pub fn in_memory(sink: &'a dyn Sink, path: String, origin: String) -> Writer<'a> {
        Writer {
            target: Target::Memory(sink, OutputFile::new(path, Vec::new(), origin)),
        }
    }

    /// What turns a failed write into an error naming the file (usable once the
    /// writer is moved into whatever formats the file).
    pub fn error_for(&self) -> impl Fn(std::io::Error) -> Error + use<> {
        let path = match &self.target {
            Target::Memory(_, f) => PathBuf::from(&f.path),
            Target::File(_, path) => path.clone(),
            Target::Discard => PathBuf::new(),
        };
        move |e| Error::io(&path, e)
    }

    /// Ends the file: flushes it to disk, or hands it to the sink.
    pub fn finish(self) -> Result<(), Error> {
        match self.target {
            Target::Memory(sink, file) => sink.put(file),
            Target::File(mut w, path) => w.flush().map_err(|e| Error::io(&path, e)),
            Target::Discard => Ok(()),
        }
    }
}

impl std::io::Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.target {
            Target::Memory(_, f) => f.bytes.write(buf),
            Target::File(w, _) => w.write(buf),
            Target::Discard => Ok(buf.len()),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.target {
            Target::Memory(_, f) => f.bytes.write_all(buf),
            Target::File(w, _) => w.write_all(buf),
            Target::Discard => Ok(()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.target {
            Target::File(w, _) => w.flush(),
            _ => Ok(()),
        }
    }
}

/// A sink that puts every file under a folder of another sink: a language tree's files
/// (`es/` + `timeline/index.html`).
pub struct Prefixed<'a> {
    /// Where the files go.
    pub inner: &'a dyn Sink,
    /// The folder, with its trailing slash (`es/`); empty puts files where they are.
    pub prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn put(&self, mut file: OutputFile) -> Result<(), Error> {
        if !self.prefix.is_empty() {
            file.path = format!("{}{}", self.prefix, file.path);
        }
        self.inner.put(file)
    }

    fn open(&self, path: String, origin: String) -> Result<Writer<'_>, Error> {
        self.inner.open(format!("{}{path}", self.prefix), origin)
    }
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect {
    files: Mutex<Vec<OutputFile>>,
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), Error> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }

    fn open(&self, path: String, origin: String) -> Result<Writer<'_>, Error> {
        Ok(Writer::in_memory(self, path, origin))
    }
}

impl Collect {
    /// The files, checked by [`check_files`] and sorted by path.
    pub fn into_files(self) -> Result<Vec<OutputFile>, Error> {
        check_files(self.files.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The error for two files at one path; the origins are named in sorted order so the
/// message does not depend on which thread finished first.
fn duplicate(path: &str, a: &str, b: &str) -> Error {
    let (first, second) = ordered(a, b);
    Error::DuplicateOutput {
        path: path.to_string(),
        first: first.to_string(),
        second: second.to_string(),
    }
}

/// `a` and `b`, smaller first.
fn ordered<'s>(a: &'s str, b: &'s str) -> (&'s str, &'s str) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Paths and origins of the files written so far.
#[derive(Debug, Default)]
struct Written {
    files: BTreeMap<String, String>,
    dirs: HashSet<PathBuf>,
    /// The first clash of two files at one path: (path, origin, origin).
    duplicate: Option<(String, String, String)>,
}

/// A staging folder beside the output folder: files are written into it as they are
/// rendered; [`Staging::finish`] swaps it in. Dropped unfinished (an error on the way),
/// it is removed and the output folder is left as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    written: Mutex<Written>,
    finished: bool,
}

impl Staging {
    /// Checks the output folder ([`check_output_dir`]) and starts an empty staging folder.
    pub fn begin(root: &Path, out: &Path) -> Result<Staging, Error> {
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
        Ok(Staging {
            out: out.to_path_buf(),
            staging,
            old,
            written: Mutex::new(Written::default()),
            finished: false,
        })
    }

    /// How many files were written.
    pub fn len(&self) -> usize {
        self.lock().files.len()
    }

    /// True when no file was written.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many of the written files are HTML pages.
    pub fn pages(&self) -> usize {
        let w = self.lock();
        w.files.keys().filter(|p| p.ends_with(".html")).count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the marker file and swaps the staging folder in for the output folder.
    /// Fails, writing nothing more, if two files had the same path.
    pub fn finish(mut self) -> Result<(), Error> {
        if let Some((path, a, b)) = self.lock().duplicate.take() {
            return Err(duplicate(&path, &a, &b));
        }
        let marker = self.staging.join(MARKER);
        write_or_link(
            &self.out.join(MARKER),
            &marker,
            b"This folder is generated by brief and replaced on every build.\n",
        )
        .map_err(|e| Error::io(&marker, e))?;
        let (staging, out, old) = (&self.staging, &self.out, &self.old);
        if out.exists() {
            // Swap atomically where the system can, so that even a kill -9 at this moment
            // leaves a complete site (the old one or the new one) at `out`.
            if exchange(staging, out).is_ok() {
                self.finished = true;
                remove_tree(staging).map_err(|e| Error::io(staging, e))?;
                return Ok(());
            }
            fs::rename(out, old).map_err(|e| Error::io(out, e))?;
        }
        if let Err(e) = fs::rename(staging, out) {
            // Put the previous site back before reporting.
            if old.exists() {
                let _ = fs::rename(old, out);
            }
            return Err(Error::io(out, e));
        }
        self.finished = true;
        if old.exists() {
            remove_tree(old).map_err(|e| Error::io(old, e))?;
        }
        Ok(())
    }
}

impl Staging {
    /// Checks `path` and records it as written by `origin`; returns where to write it
    /// in the staging folder (its folder made), or `None` for a second file at a path
    /// already written (reported by `finish`).
    fn register(&self, path: &str, origin: &str) -> Result<Option<PathBuf>, Error> {
        check_site_path(path).map_err(|reason| Error::UnsafeOutput {
            path: PathBuf::from(path),
            reason: format!("{reason} (from {origin})"),
        })?;
        let staged = self.staging.join(path);
        let dir = staged.parent().map(Path::to_path_buf);
        let mut w = self.lock();
        if let Some(first) = w.files.get(path) {
            // Reported by `finish`, after every file had its chance; the smallest
            // clash is kept so the message is the same on every run.
            let (a, b) = ordered(first, origin);
            let clash = (path.to_string(), a.to_string(), b.to_string());
            if w.duplicate.as_ref().is_none_or(|d| clash < *d) {
                w.duplicate = Some(clash);
            }
            return Ok(None);
        }
        w.files.insert(path.to_string(), origin.to_string());
        if let Some(d) = &dir
            && !w.dirs.contains(d)
        {
            fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
            w.dirs.insert(d.clone());
        }
        Ok(Some(staged))
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Error> {
        match self.register(&file.path, &file.origin)? {
            Some(path) => write_or_link(&self.out.join(&file.path), &path, &file.bytes)
                .map_err(|e| Error::io(&path, e)),
            None => Ok(()),
        }
    }

    fn open(&self, path: String, origin: String) -> Result<Writer<'_>, Error> {
        let target = match self.register(&path, &origin)? {
            Some(path) => {
                let file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
                Target::File(std::io::BufWriter::with_capacity(1 << 18, file), path)
            }
            None => Target::Discard,
        };
        Ok(Writer { target })
    }
}

/// Removes the folder `dir` and everything in it, the entries of each folder in
/// parallel (a large site's folders are many, and deleting is mostly waiting on the
/// file system). Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Writes `bytes` at `path`, or, when the current output already holds a regular file
/// `current` with exactly these bytes, links `path` to it instead. A rebuild mostly
/// writes what the last one wrote, and creating a file is the slow part (the file
/// system allocates an inode for it, and on ext4 that gets slower the more files were
/// deleted in the last minutes, as every rebuild deletes the previous site): a link
/// allocates nothing, and deleting the old site afterwards only drops a name. The
/// current output is only read, never changed, so a failed or interrupted build still
/// leaves it whole; where links are not possible the file is written.
fn write_or_link(current: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let same = fs::symlink_metadata(current)
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(current).is_ok_and(|old| old == bytes);
    if same && fs::hard_link(current, path).is_ok() {
        return Ok(());
    }
    fs::write(path, bytes)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
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
    let staging = Staging::begin(root, out)?;
    files.par_iter().try_for_each(|f| staging.put(f.clone()))?;
    staging.finish()
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // The system call itself rather than libc's wrapper, which musl (the static Linux
    // release builds) only has from 1.2.5 on: the link failed without it.
    // SAFETY: both arguments are valid NUL-terminated paths that live across the call;
    // AT_FDCWD makes them relative to the working directory like std::fs::rename.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD as libc::c_long,
            ca.as_ptr(),
            libc::AT_FDCWD as libc::c_long,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE as libc::c_long,
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

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_and_the_old_site_is_never_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let site = |b: &str| {
            vec![
                OutputFile::new("same.html", "unchanged", "t"),
                OutputFile::new("a/changed.html", b, "t"),
            ]
        };
        write_site(root, &out, &site("first")).unwrap();
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        let (same, changed) = (inode("same.html"), inode("a/changed.html"));
        // A copy of the old site's changed file, hard-linked so a write into it shows.
        let watcher = root.join("watch");
        fs::hard_link(out.join("a/changed.html"), &watcher).unwrap();
        write_site(root, &out, &site("second")).unwrap();
        assert_eq!(inode("same.html"), same, "identical bytes: linked");
        assert_ne!(inode("a/changed.html"), changed, "new bytes: a new file");
        assert_eq!(
            fs::read_to_string(out.join("a/changed.html")).unwrap(),
            "second"
        );
        assert_eq!(fs::read_to_string(&watcher).unwrap(), "first");
        // A same-length file with other bytes is written, not linked.
        write_site(root, &out, &site("third!")).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/changed.html")).unwrap(),
            "third!"
        );
        assert_eq!(
            fs::read_to_string(out.join("same.html")).unwrap(),
            "unchanged"
        );
        assert!(!root.join(".public.brief-staging").exists());
        assert!(!root.join(".public.brief-old").exists());
    }
}
