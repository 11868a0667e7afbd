//! Serve: a local preview that rebuilds when a file changes and reloads open pages.
//!
//! In: the site root, an address and a port. Out: an HTTP server on that address that
//! serves the site, built in memory with its base URL pointed at the server, under the
//! configured base path. Nothing is written to disk, so serving never touches
//! `content/`, `themes/`, the output folder or any other file.
//!
//! `content/`, `themes/`, `templates/`, `static/` and `site.toml` are watched; a burst
//! of changes (an editor saving several files) is gathered for 100 ms, then the site
//! is rebuilt. Every HTML page served gets a small script (`/__brief/live.js`, only
//! here, never in `brief build`) that listens for Server-Sent Events on
//! `/__brief/events`: `reload` after a good build, `build-error` with the error text
//! after a failed one, which the script shows in an overlay (set with `textContent`,
//! never parsed as HTML) while the last good site stays served.
//!
//! On a loopback address it also offers the review page, `/review/`
//! ([`super::review_page`]): the only thing `serve` ever writes is the corrections file,
//! and only from that page's forms (own `Host` and `Origin`, this run's token). After
//! a write the answer waits for the rebuild, so the page it redirects to shows it.

use super::review::CorrectionsFile;
use super::review_page::{self, Guard, Notice, REVIEW_PATH};
use crate::input::config::Overrides;
use crate::input::corrections::Corrections;
use crate::util::error::{Error, WARNINGS_PER_MESSAGE, condensed};
use crate::util::url::percent_decode;
use crate::{BuildOptions, render_site};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

/// The file watcher, with its debouncer.
type Watching = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Where the live-reload script is served.
pub const LIVE_SCRIPT_PATH: &str = "/__brief/live.js";
/// Where the Server-Sent Events are served.
pub const EVENTS_PATH: &str = "/__brief/events";
/// How long to wait for more changes before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// The folders under the site root that are watched (besides `site.toml`).
pub const WATCHED_DIRS: &[&str] = &["content", "themes", "templates", "static"];

const LIVE_JS: &str = r#"// brief serve: reloads this page when the site is rebuilt. Not part of the built site.
(function () {
  "use strict";
  var overlay = null;
  var instance = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "brief-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "padding:2rem;background:rgba(24,24,24,.94);color:#fafafa;" +
        "font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      var title = document.createElement("p");
      title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8a80";
      title.textContent = "brief: the last change did not build. " +
        "The page underneath is the last good version; fix the file and save.";
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.style.cssText = "margin-top:1rem";
      close.addEventListener("click", function () { overlay.hidden = true; });
      overlay.appendChild(title);
      overlay.appendChild(pre);
      overlay.appendChild(close);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
    overlay.hidden = false;
  }
  var events = new EventSource("/__brief/events");
  events.addEventListener("hello", function (e) {
    // A new server instance (restarted) means the page may be stale.
    var id = e.data.split(" ")[0];
    if (instance !== null && id !== instance) { location.reload(); }
    instance = id;
  });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("build-error", function (e) { showError(e.data); });
})();
"#;

/// Options of `brief serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to listen on (default 127.0.0.1).
    pub bind: IpAddr,
    /// Port (0: any free port; the address is printed).
    pub port: u16,
    /// Print only errors.
    pub quiet: bool,
}

/// A message to the open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// The site was rebuilt: reload.
    Reload,
    /// The last change did not build: show this text.
    BuildError(String),
}

impl LiveEvent {
    /// The event in Server-Sent Events form.
    pub fn to_sse(&self) -> String {
        match self {
            LiveEvent::Reload => "event: reload\ndata: reload\n\n".into(),
            LiveEvent::BuildError(text) => sse_event("build-error", text),
        }
    }
}

/// One SSE event; each line of `data` becomes its own `data:` line.
fn sse_event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    let data = data.replace('\r', "");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The files of a built site: path inside the site → bytes.
type SiteFiles = HashMap<String, Arc<[u8]>>;

/// The last good site and the state of the last build.
#[derive(Debug, Default)]
struct State {
    /// Path inside the site → bytes.
    files: SiteFiles,
    /// The base path the files are served under.
    base_path: String,
    /// The error of the last build, if it failed.
    error: Option<String>,
    /// Good builds so far.
    generation: u64,
    /// Builds started so far, good or not.
    started: u64,
    /// The number (in `started`) of the last build that finished.
    finished: u64,
    /// The facts of the last good build (for the review page).
    facts: Arc<Vec<crate::SourceFacts>>,
    /// The corrections file: its path under the root, and where it is.
    corrections: Option<(PathBuf, PathBuf)>,
}

struct Shared {
    state: RwLock<State>,
    subscribers: Mutex<Vec<mpsc::Sender<LiveEvent>>>,
    /// Identifies this server run, so pages notice a restart.
    instance: String,
    /// Conversions and facts of the previous build: a rebuild redoes only what changed.
    cache: Arc<crate::cache::Cache>,
    /// Who may use the review page; `None`: no review page (not on loopback).
    review: Option<Guard>,
    /// One write of the corrections file at a time.
    writing: Mutex<()>,
    /// Asks the main loop for a rebuild (after a write the watcher does not see).
    wake: Mutex<mpsc::Sender<Wake>>,
}

/// What wakes the main loop.
enum Wake {
    /// Files changed.
    Files(DebounceEventResult),
    /// The review page wrote the corrections file (outside the watched folders).
    Review(String),
}

impl Shared {
    fn broadcast(&self, event: &LiveEvent) {
        let mut subs = self.subscribers.lock().unwrap_or_else(|e| e.into_inner());
        subs.retain(|s| s.send(event.clone()).is_ok());
    }
}

/// The origin pages are served from, for the base URL (`http://127.0.0.1:1111`).
fn local_origin(addr: SocketAddr) -> String {
    let ip = addr.ip();
    let shown = if ip.is_unspecified() {
        match ip {
            IpAddr::V4(_) => "127.0.0.1".to_string(),
            IpAddr::V6(_) => "[::1]".to_string(),
        }
    } else {
        match ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        }
    };
    format!("http://{shown}:{}", addr.port())
}

/// A site built in memory: its base path, files and report, its search index while
/// that is still being built, its facts and its corrections file (path under the
/// root, and where it is).
struct Built {
    base_path: String,
    files: SiteFiles,
    report: crate::BuildReport,
    search: Option<crate::PendingSearch>,
    facts: Vec<crate::SourceFacts>,
    corrections: (PathBuf, PathBuf),
}

/// Builds the site in memory with its base URL moved to `origin` (the path of
/// site.toml's `base_url` is kept).
fn build_in_memory(
    root: &Path,
    origin: &str,
    cache: &Arc<crate::cache::Cache>,
) -> Result<Built, Error> {
    let options = BuildOptions {
        overrides: Overrides {
            origin: Some(origin.to_string()),
            ..Overrides::default()
        },
        dry_run: true,
        cache: Some(Arc::clone(cache)),
        defer_search: true,
    };
    let rendered = render_site(root, &options)?;
    let base_path = rendered.settings.urls.base_path().to_string();
    let files = rendered
        .files
        .into_iter()
        .map(|f| (f.path, Arc::from(f.bytes)))
        .collect();
    let rel = rendered.settings.config.extract.corrections.clone();
    let corrections = (rel.clone(), rendered.settings.root.join(rel));
    Ok(Built {
        base_path,
        files,
        report: rendered.report,
        search: rendered.search,
        facts: rendered.facts,
        corrections,
    })
}

/// The search index's folder in the site.
const SEARCH_DIR: &str = "pagefind/";

/// Waits on its own thread for the search index of build `generation` and puts it in
/// place of the previous one, unless a newer build came first. Until then the pages
/// are served with the previous index, so an edit shows as soon as its pages are
/// ready and search catches up a few tens of milliseconds later.
fn land_search(shared: &Arc<Shared>, generation: u64, pending: crate::PendingSearch) {
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        let result = pending.wait();
        let mut state = shared.state.write().unwrap_or_else(|e| e.into_inner());
        if state.generation != generation {
            return;
        }
        match result {
            Ok(index) => {
                state.files.retain(|path, _| !path.starts_with(SEARCH_DIR));
                state
                    .files
                    .extend(index.into_iter().map(|f| (f.path, Arc::from(f.bytes))));
            }
            Err(e) => eprintln!("search index: error: {}", error_text(&e)),
        }
    });
}

/// Rebuilds and updates the state; tells the pages and the terminal. A panic in the
/// build is caught and reported like an error, so the server survives it.
fn rebuild(shared: &Arc<Shared>, root: &Path, origin: &str, quiet: bool, why: &str) {
    let start = Instant::now();
    let number = {
        let mut state = shared.state.write().unwrap_or_else(|e| e.into_inner());
        state.started += 1;
        state.started
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build_in_memory(root, origin, &shared.cache)
    }))
    .unwrap_or_else(|_| {
        Err(Error::Invalid {
            path: root.to_path_buf(),
            line: None,
            message: "the build panicked (a bug in brief; please report it)".into(),
        })
    });
    // With no index to serve meanwhile (the first build), the pages wait for theirs.
    let first = !(shared.state.read().unwrap_or_else(|e| e.into_inner()))
        .files
        .keys()
        .any(|p| p.starts_with(SEARCH_DIR));
    let result = match result {
        Ok(mut built) if first && built.search.is_some() => {
            let pending = built.search.take().expect("checked above");
            pending.wait().map(|index| {
                (built.files).extend(index.into_iter().map(|f| (f.path, Arc::from(f.bytes))));
                built
            })
        }
        other => other,
    };
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    let mut state = shared.state.write().unwrap_or_else(|e| e.into_inner());
    state.finished = number;
    match result {
        Ok(Built {
            base_path,
            mut files,
            report,
            search,
            facts,
            corrections,
        }) => {
            if search.is_some() {
                // The previous index serves until this build's lands.
                for (path, bytes) in &state.files {
                    if path.starts_with(SEARCH_DIR) {
                        files
                            .entry(path.clone())
                            .or_insert_with(|| Arc::clone(bytes));
                    }
                }
            }
            state.files = files;
            state.base_path = base_path;
            state.facts = Arc::new(facts);
            state.corrections = Some(corrections);
            state.error = None;
            state.generation += 1;
            if let Some(pending) = search {
                land_search(shared, state.generation, pending);
            }
            if !quiet {
                for line in condensed(&report.warnings, WARNINGS_PER_MESSAGE) {
                    eprintln!("warning: {line}");
                }
                eprintln!(
                    "{why}: built {} pages, {} warnings in {elapsed:.0} ms",
                    report.pages,
                    report.warnings.len()
                );
            }
            shared.broadcast(&LiveEvent::Reload);
        }
        Err(e) => {
            let text = error_text(&e);
            eprintln!("{why}: error: {text}");
            eprintln!("(still serving the last good build; fix the file and save)");
            state.error = Some(text.clone());
            shared.broadcast(&LiveEvent::BuildError(text));
        }
    }
}

/// An error with its causes, one per line.
fn error_text(e: &Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    text
}

/// Runs the server until the process is stopped. Errors only when it cannot start
/// (port in use, site folder missing); build errors are shown, not returned.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| Error::io(&options.root, e))?;
    let addr = SocketAddr::new(options.bind, options.port);
    let server = tiny_http::Server::http(addr).map_err(|e| Error::Invalid {
        path: PathBuf::from(addr.to_string()),
        line: None,
        message: format!("cannot listen there: {e} (is another server using the port? try --port)"),
    })?;
    let actual = server.server_addr().to_ip().unwrap_or(addr);
    let origin = local_origin(actual);
    let review = match review_page::new_token() {
        Ok(token) => Guard::new(actual, token),
        Err(e) => {
            eprintln!("warning: no review page (no random token: {e})");
            None
        }
    };
    let instance = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
        .to_string();
    let (tx, rx) = mpsc::channel::<Wake>();
    let wake = tx.clone();
    let shared = Arc::new(Shared {
        state: RwLock::new(State {
            base_path: "/".into(),
            ..State::default()
        }),
        subscribers: Mutex::new(Vec::new()),
        instance,
        cache: Arc::default(),
        writing: Mutex::new(()),
        wake: Mutex::new(wake),
        review,
    });

    // Watch before the first build, so no change made during it is missed.
    // A burst of changes (an editor saving several files) arrives as one batch, DEBOUNCE
    // after it quietens.
    let mut watcher = new_debouncer(DEBOUNCE, None, move |batch| {
        let _ = tx.send(Wake::Files(batch));
    })
    .map_err(|e| Error::Invalid {
        path: root.clone(),
        line: None,
        message: format!("cannot watch for changes: {e}"),
    })?;
    let mut watched: HashSet<PathBuf> = HashSet::new();
    watch_dirs(&mut watcher, &root, &mut watched);

    rebuild(&shared, &options.root, &origin, options.quiet, "started");
    let base_path = shared
        .state
        .read()
        .map(|s| s.base_path.clone())
        .unwrap_or_else(|e| e.into_inner().base_path.clone());
    println!("serving at {origin}{base_path}  (press Ctrl-C to stop)");
    if shared.review.is_some() && !options.quiet {
        println!("review the facts at {origin}{REVIEW_PATH}");
    }
    let _ = std::io::stdout().flush();

    let server = Arc::new(server);
    for _ in 0..4 {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(&shared, request);
            }
        });
    }

    while let Ok(wake) = rx.recv() {
        let batch = match wake {
            Wake::Files(batch) => batch,
            Wake::Review(why) => {
                rebuild(&shared, &options.root, &origin, options.quiet, &why);
                continue;
            }
        };
        let mut changed: Vec<PathBuf> = Vec::new();
        for event in batch.unwrap_or_default() {
            collect_relevant(&root, event.event, &mut changed);
        }
        if changed.is_empty() {
            continue;
        }
        watch_dirs(&mut watcher, &root, &mut watched);
        changed.sort();
        changed.dedup();
        let why = match changed.as_slice() {
            [one] => format!("changed {}", crate::input::source::rel(&root, one)),
            many => format!("changed {} files", many.len()),
        };
        rebuild(&shared, &options.root, &origin, options.quiet, &why);
    }
    Ok(())
}

/// Watches the site root (for `site.toml` and new folders) and each watched folder
/// that exists and is not watched yet.
fn watch_dirs(watcher: &mut Watching, root: &Path, watched: &mut HashSet<PathBuf>) {
    if watched.insert(root.to_path_buf())
        && let Err(e) = watcher.watch(root, RecursiveMode::NonRecursive)
    {
        eprintln!("warning: cannot watch {}: {e}", root.display());
    }
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() && !watched.contains(&path) {
            match watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(path);
                }
                Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
            }
        }
    }
}

/// Adds the paths of `event` that matter for the site to `changed`.
fn collect_relevant(root: &Path, event: notify::Event, changed: &mut Vec<PathBuf>) {
    // Reading files during a build must not trigger another build.
    if let EventKind::Access(kind) = event.kind
        && !matches!(
            kind,
            notify::event::AccessKind::Close(notify::event::AccessMode::Write)
        )
    {
        return;
    }
    for path in event.paths {
        if is_relevant(root, &path) {
            changed.push(path);
        }
    }
}

/// True for `site.toml` and anything under the watched folders.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    match parts.next().and_then(|c| c.as_os_str().to_str()) {
        Some(crate::input::config::CONFIG_FILE) => parts.next().is_none(),
        Some(first) => WATCHED_DIRS.contains(&first),
        None => false,
    }
}

/// The Content-Type for a file name (text types in UTF-8).
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "xml" | "atom+xml")
    {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Adds the live-reload script to an HTML page (before the last `</body>`, or at
/// the end).
pub fn inject_live_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT_PATH}\"></script>\n");
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// What a request for a path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Serve this file (path inside the site).
    File(String),
    /// Redirect to this path (adds the trailing slash of a folder, or the base path).
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// A path that tries to leave the site (`..`, `\`, NUL): refused.
    Refused,
}

/// Resolves a request path (already percent-decoded, without query) against the files
/// of the site served under `base_path`.
pub fn resolve_request(path: &str, base_path: &str, has_file: impl Fn(&str) -> bool) -> Resolved {
    if path.contains(['\\', '\0'])
        || path.split('/').any(|s| s == ".." || s == ".")
        || !path.starts_with('/')
    {
        return Resolved::Refused;
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        if path == "/" || format!("{path}/") == base_path {
            return Resolved::Redirect(base_path.to_string());
        }
        return Resolved::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if has_file(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if has_file(rel) {
        Resolved::File(rel.to_string())
    } else if has_file(&format!("{rel}/index.html")) {
        Resolved::Redirect(format!("{path}/"))
    } else {
        Resolved::NotFound
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| tiny_http::Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).unwrap())
}

fn respond(request: tiny_http::Request, status: u16, content_type: &str, body: Vec<u8>) {
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn error_page(error: &str) -> Vec<u8> {
    let escaped = crate::util::html::escape_html(error);
    inject_live_script(
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Build error</title></head>\n\
             <body>\n<h1>The site did not build</h1>\n<pre>{escaped}</pre>\n\
             <p>Fix the file and save; this page reloads by itself.</p>\n</body>\n</html>\n"
        )
        .as_bytes(),
    )
}

/// Answers one request.
fn handle(shared: &Arc<Shared>, request: tiny_http::Request) {
    use tiny_http::Method;
    let review_path = {
        let raw = request.url();
        let path = raw.split(['?', '#']).next().unwrap_or("");
        path == REVIEW_PATH || path == REVIEW_PATH.trim_end_matches('/')
    };
    if review_path {
        handle_review(shared, request);
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"Method not allowed\n".to_vec(),
        );
        return;
    }
    let raw = request.url().to_string();
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path);
    if path == LIVE_SCRIPT_PATH {
        respond(
            request,
            200,
            &content_type("live.js"),
            LIVE_JS.as_bytes().to_vec(),
        );
        return;
    }
    if path == EVENTS_PATH {
        if *request.method() == Method::Head {
            respond(request, 200, "text/event-stream", Vec::new());
        } else {
            subscribe(shared, request);
        }
        return;
    }
    let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
    if state.generation == 0 {
        let error = state
            .error
            .clone()
            .unwrap_or_else(|| "not built yet".into());
        drop(state);
        respond(request, 500, &content_type("x.html"), error_page(&error));
        return;
    }
    let resolved = resolve_request(&path, &state.base_path, |p| state.files.contains_key(p));
    match resolved {
        Resolved::File(file) => {
            let bytes = state.files[&file].clone();
            drop(state);
            let body = if file.ends_with(".html") {
                inject_live_script(&bytes)
            } else {
                bytes.to_vec()
            };
            respond(request, 200, &content_type(&file), body);
        }
        Resolved::Redirect(to) => {
            drop(state);
            let response = tiny_http::Response::from_data(Vec::new())
                .with_status_code(301)
                .with_header(header("Location", &to))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        }
        Resolved::NotFound => {
            let page = state.files.get("404.html").cloned();
            drop(state);
            match page {
                Some(bytes) => respond(
                    request,
                    404,
                    &content_type("404.html"),
                    inject_live_script(&bytes),
                ),
                None => respond(
                    request,
                    404,
                    &content_type("x.txt"),
                    b"Not found\n".to_vec(),
                ),
            }
        }
        Resolved::Refused => {
            drop(state);
            respond(
                request,
                400,
                &content_type("x.txt"),
                b"Refused: the path leaves the site\n".to_vec(),
            );
        }
    }
}

/// A request header's value.
fn header_value<'a>(request: &'a tiny_http::Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Answers with the review page's headers: never cached, never framed by another
/// page (a click on a framed form would be a write), no referrer sent elsewhere,
/// nothing loaded from elsewhere.
fn respond_review(request: tiny_http::Request, status: u16, body: String, location: Option<&str>) {
    let mut response = tiny_http::Response::from_data(body.into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Frame-Options", "DENY"))
        // Not `no-referrer`: with it, browsers send `Origin: null` with the page's own
        // forms, which the guard must refuse.
        .with_header(header("Referrer-Policy", "same-origin"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ));
    if let Some(to) = location {
        response = response.with_header(header("Location", to));
    }
    let _ = request.respond(response);
}

/// A short plain page for a refusal.
fn refusal_page(text: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused</title></head>\
         <body><h1>Refused</h1><p>{}</p></body></html>\n",
        crate::util::html::escape_html(text)
    )
}

/// The review page, as of now.
fn review_html(shared: &Shared, guard: &Guard, notice: Option<Notice>) -> String {
    let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
    let facts = Arc::clone(&state.facts);
    let site_root = state.base_path.clone();
    let build_error = state.error.clone();
    let corrections_file = state.corrections.clone();
    drop(state);
    let (shown, loaded) = match &corrections_file {
        Some((rel, path)) => (
            rel.display().to_string(),
            CorrectionsFile::read(path)
                .and_then(|f| f.corrections())
                .map_err(|e| e.to_string()),
        ),
        None => (String::new(), Ok(Corrections::default())),
    };
    review_page::render(&review_page::PageData {
        facts: &facts,
        corrections: loaded.as_ref().map_err(Clone::clone),
        corrections_path: &shown,
        site_root: &site_root,
        token: &guard.token,
        notice,
        build_error: build_error.as_deref(),
    })
}

/// `/review/`: the page (GET), or a decision from its forms (POST), which is checked,
/// written, built, and answered with a redirect back to the page.
fn handle_review(shared: &Arc<Shared>, mut request: tiny_http::Request) {
    use tiny_http::Method;
    let Some(guard) = &shared.review else {
        respond(
            request,
            404,
            &content_type("x.txt"),
            b"The review page is offered only when brief serve listens on a loopback address (the default, 127.0.0.1).\n"
                .to_vec(),
        );
        return;
    };
    if let Err(refusal) = guard.check_host(header_value(&request, "Host")) {
        respond_review(request, 403, refusal_page(&refusal.0), None);
        return;
    }
    let method = request.method().clone();
    if matches!(method, Method::Get | Method::Head) {
        if request.url().split(['?', '#']).next() != Some(REVIEW_PATH) {
            respond_review(request, 301, String::new(), Some(REVIEW_PATH));
            return;
        }
        let saved = request
            .url()
            .split_once("?saved=")
            .map(|(_, id)| percent_decode(id.split(['&', '#']).next().unwrap_or("")));
        let body = review_html(shared, guard, saved.map(Notice::Saved));
        respond_review(request, 200, body, None);
        return;
    }
    if method != Method::Post {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"Method not allowed\n".to_vec(),
        );
        return;
    }
    let form_type = header_value(&request, "Content-Type")
        .is_some_and(|t| t.trim().starts_with("application/x-www-form-urlencoded"));
    let mut body = String::new();
    let read = std::io::Read::read_to_string(
        &mut std::io::Read::take(request.as_reader(), review_page::MAX_FORM_BYTES as u64 + 1),
        &mut body,
    );
    let form = review_page::parse_form(&body);
    let checked = guard.check_post(
        header_value(&request, "Host"),
        header_value(&request, "Origin"),
        form.get("token").map(String::as_str),
    );
    if let Err(refusal) = checked {
        respond_review(request, 403, refusal_page(&refusal.0), None);
        return;
    }
    if !form_type || read.is_err() || body.len() > review_page::MAX_FORM_BYTES {
        let text = "Refused: not a form of the review page.";
        respond_review(request, 400, refusal_page(text), None);
        return;
    }
    let id = form.get("id").cloned().unwrap_or_default();
    match write_decision(shared, &form) {
        Ok(()) => {
            let to = format!(
                "{REVIEW_PATH}?saved={}#{}",
                percent_encoding::utf8_percent_encode(&id, FRAGMENT_SAFE),
                percent_encoding::utf8_percent_encode(&id, FRAGMENT_SAFE)
            );
            respond_review(request, 303, String::new(), Some(&to));
        }
        Err(message) => {
            let known = (!id.is_empty()).then_some(id);
            let body = review_html(shared, guard, Some(Notice::Refused(known, message)));
            respond_review(request, 422, body, None);
        }
    }
}

/// What is escaped of a fact id in the address the review page redirects to.
const FRAGMENT_SAFE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_');

/// How long a write waits for the rebuild that shows it.
const REBUILD_WAIT: Duration = Duration::from_secs(60);

/// Checks the decision a form asks for, writes it to the corrections file, and waits
/// for the rebuild that includes it. The error is the message for the editor.
fn write_decision(
    shared: &Arc<Shared>,
    form: &std::collections::HashMap<String, String>,
) -> Result<(), String> {
    let _one_at_a_time = shared.writing.lock().unwrap_or_else(|e| e.into_inner());
    let (facts, corrections) = {
        let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
        (Arc::clone(&state.facts), state.corrections.clone())
    };
    let Some((rel, path)) = corrections else {
        return Err("the site has not built yet".into());
    };
    let mut file = CorrectionsFile::read(&path).map_err(|e| e.to_string())?;
    let id = form.get("id").map(|s| s.trim()).unwrap_or_default();
    let existing = file.entry(id).map_err(|e| e.to_string())?;
    let checked =
        review_page::decide(form, &facts, existing.as_ref()).map_err(|e| e.to_string())?;
    file.write(&[checked], None).map_err(|e| e.to_string())?;
    let before = {
        let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
        state.started
    };
    // The watcher sees a file under content/; anywhere else, ask for the rebuild.
    if !is_relevant(Path::new(""), &rel) {
        let wake = shared.wake.lock().unwrap_or_else(|e| e.into_inner());
        let _ = wake.send(Wake::Review(format!("review page: {id}")));
    }
    let deadline = Instant::now() + REBUILD_WAIT;
    while Instant::now() < deadline {
        if shared
            .state
            .read()
            .map(|s| s.finished > before)
            .unwrap_or(true)
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// Keeps an event stream open: says hello (and the current error, if any), then
/// forwards each [`LiveEvent`], with a comment every 15 s so a closed page is noticed.
fn subscribe(shared: &Arc<Shared>, request: tiny_http::Request) {
    let (tx, rx) = mpsc::channel::<LiveEvent>();
    let mut greeting = {
        let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
        shared
            .subscribers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        let mut g = sse_event(
            "hello",
            &format!("{} {}", shared.instance, state.generation),
        );
        if let Some(error) = &state.error {
            g.push_str(&LiveEvent::BuildError(error.clone()).to_sse());
        }
        g
    };
    greeting.insert_str(
        0,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Connection: close\r\n\r\nretry: 1000\n\n",
    );
    std::thread::spawn(move || {
        let mut writer = request.into_writer();
        if writer
            .write_all(greeting.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        loop {
            let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
                Ok(event) => event.to_sse(),
                Err(RecvTimeoutError::Timeout) => ": ping\n\n".into(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if writer
                .write_all(chunk.as_bytes())
                .and_then(|()| writer.flush())
                .is_err()
            {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_resolve_under_the_base_path() {
        let files = ["index.html", "a/index.html", "style.css"];
        let has = |p: &str| files.contains(&p);
        let r = |p: &str| resolve_request(p, "/repo/", has);
        assert_eq!(r("/repo/"), Resolved::File("index.html".into()));
        assert_eq!(r("/repo/a/"), Resolved::File("a/index.html".into()));
        assert_eq!(r("/repo/a"), Resolved::Redirect("/repo/a/".into()));
        assert_eq!(r("/repo/style.css"), Resolved::File("style.css".into()));
        assert_eq!(r("/repo"), Resolved::Redirect("/repo/".into()));
        assert_eq!(r("/"), Resolved::Redirect("/repo/".into()));
        assert_eq!(r("/repo/b/"), Resolved::NotFound);
        assert_eq!(r("/other/"), Resolved::NotFound);
        assert_eq!(r("/repo/../site.toml"), Resolved::Refused);
        assert_eq!(r("/repo/a/..\\x"), Resolved::Refused);
        assert_eq!(r("/repo/./index.html"), Resolved::Refused);
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject_live_script(html)).unwrap();
        assert_eq!(
            out,
            "<body><p>x</p><script src=\"/__brief/live.js\"></script>\n</BODY></html>"
        );
        let out = inject_live_script(b"<p>fragment</p>");
        assert!(out.ends_with(b"</script>\n"));
    }

    #[test]
    fn error_events_keep_every_line() {
        let e = LiveEvent::BuildError("a.html:3:1: bad\r\n<b>x</b>".into()).to_sse();
        assert_eq!(
            e,
            "event: build-error\ndata: a.html:3:1: bad\ndata: <b>x</b>\n\n"
        );
    }

    #[test]
    fn only_site_files_are_relevant() {
        let root = Path::new("/site");
        assert!(is_relevant(root, Path::new("/site/site.toml")));
        assert!(is_relevant(root, Path::new("/site/content/sources/a.txt")));
        assert!(is_relevant(root, Path::new("/site/templates/page.html")));
        assert!(!is_relevant(root, Path::new("/site/public/index.html")));
        assert!(!is_relevant(root, Path::new("/site/site.toml.swp")));
        assert!(!is_relevant(root, Path::new("/elsewhere/site.toml")));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("data"), "application/octet-stream");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("data/events.json"), "application/json");
        assert_eq!(content_type("fonts/a.woff2"), "font/woff2");
    }
}
