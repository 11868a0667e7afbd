//! `brief serve`, driven for real: the binary on a free port against a small site in a
//! temporary folder, fetched over plain HTTP/1.1 on 127.0.0.1, with its Server-Sent
//! Events followed while files change. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// Kills the server when the test ends, however it ends.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const GOOD_TEMPLATE: &str = "{% extends \"base.html\" %}\n{% block main %}\n\
    <h1 id=\"custom\">{{ page.title }} (custom v1)</h1>\n{{ page.content | safe }}\n{% endblock main %}\n";

fn fixture(root: &Path) {
    write(
        root,
        "site.toml",
        "title = \"Serve test\"\nbase_url = \"https://example.org/demo/\"\n",
    );
    write(
        root,
        "content/sources/a.txt",
        "A report\n\nThe original sentence of the report.\n",
    );
    write(
        root,
        "content/sources/a.meta.toml",
        "title = \"A report\"\npublished = \"2020-01-02\"\n",
    );
    write(
        root,
        "content/pages/_index.md",
        "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n",
    );
    write(
        root,
        "content/pages/about.md",
        "+++\ntitle = \"About\"\nweight = 1\ntemplate = \"custom.html\"\n+++\n\nAbout us.\n",
    );
    write(root, "templates/custom.html", GOOD_TEMPLATE);
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start brief serve");
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&stderr);
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server {
        child,
        port: 0,
        stderr,
    };
    let line = rx
        .recv_timeout(WAIT)
        .unwrap_or_else(|_| panic!("no address printed; stderr: {}", server.stderr()));
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    assert!(url.ends_with("/demo/"), "{url}");
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .unwrap();
    server.port = port.parse().unwrap();
    server
}

impl Server {
    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// GET `path`; returns (status, headers in lower case, body).
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    /// Subscribes to the event stream; events arrive as (name, data).
    fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__brief/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let (mut name, mut data) = (String::new(), Vec::<String>::new());
            let mut in_body = false;
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                let l = line.trim_end_matches(['\r', '\n']).to_string();
                line.clear();
                if !in_body {
                    in_body = l.is_empty();
                    continue;
                }
                if l.is_empty() {
                    if !name.is_empty()
                        && tx
                            .send((std::mem::take(&mut name), data.join("\n")))
                            .is_err()
                    {
                        return;
                    }
                    data.clear();
                } else if let Some(n) = l.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = l.strip_prefix("data: ") {
                    data.push(d.to_string());
                }
            }
        });
        rx
    }
}

/// Waits for the event called `name`, skipping others.
fn expect_event(rx: &Receiver<(String, String)>, name: &str, server: &Server) -> String {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((n, data)) if n == name => return data,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!(
        "no `{name}` event within {WAIT:?}; server stderr:\n{}",
        server.stderr()
    );
}

#[test]
fn serves_rebuilds_reports_errors_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fixture(root);
    let server = start(root);

    // The site under its base path, with the live script; links point at the server.
    let (status, head, body) = server.get("/demo/");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(body.contains("<script src=\"/__brief/live.js\"></script>"));
    assert!(body.contains("/demo/sources/a/"), "{body}");
    assert!(
        !body.contains("example.org/demo"),
        "base URL not overridden"
    );
    let (status, _, _) = server.get("/");
    assert_eq!(status, 301);
    let (status, head, _) = server.get("/demo/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    let (status, head, js) = server.get("/__brief/live.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"));
    assert!(js.contains("textContent") && !js.contains("innerHTML"));
    let (status, _, body) = server.get("/demo/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "404 page expected: {body}");
    let (status, _, _) = server.get("/demo/../site.toml");
    assert_eq!(status, 400);
    let (status, _, _) = server.get("/demo/%2e%2e/site.toml");
    assert_eq!(status, 400);

    let (status, _, page) = server.get("/demo/sources/a/");
    assert_eq!(status, 200);
    assert!(page.contains("The original sentence"), "{page}");

    let events = server.events();
    expect_event(&events, "hello", &server);

    // The search index is there from the start.
    let (status, _, entry) = server.get("/demo/pagefind/pagefind-entry.json");
    assert_eq!(status, 200, "{entry}");
    let index_meta = |entry: &str| {
        let v: serde_json::Value = serde_json::from_str(entry).unwrap();
        let hash = v["languages"]["en"]["hash"].as_str().unwrap().to_string();
        format!("/demo/pagefind/pagefind.{hash}.pf_meta")
    };
    assert_eq!(server.get(&index_meta(&entry)).0, 200);

    // Edit a source: a reload, and the new text.
    write(
        root,
        "content/sources/a.txt",
        "A report\n\nThe changed sentence of the report.\n",
    );
    expect_event(&events, "reload", &server);
    let (_, _, page) = server.get("/demo/sources/a/");
    assert!(page.contains("The changed sentence"), "{page}");
    assert!(server.stderr().contains("ms"), "rebuild time not reported");
    // The search index follows the pages: a new index for the new words, whole.
    let deadline = Instant::now() + Duration::from_secs(20);
    let new_entry = loop {
        let (_, _, now) = server.get("/demo/pagefind/pagefind-entry.json");
        if now != entry {
            break now;
        }
        assert!(
            Instant::now() < deadline,
            "the search index was not updated"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(server.get(&index_meta(&new_entry)).0, 200);

    // Break the template: an error event naming the file; the last good page stays.
    let (_, _, about) = server.get("/demo/about/");
    assert!(about.contains("(custom v1)"), "{about}");
    write(root, "templates/custom.html", "{% if %}\n<h1>broken</h1>\n");
    let error = expect_event(&events, "build-error", &server);
    assert!(error.contains("custom.html"), "{error}");
    let (status, _, about) = server.get("/demo/about/");
    assert_eq!(status, 200);
    assert!(about.contains("(custom v1)"), "{about}");
    assert!(
        server.stderr().contains("custom.html"),
        "{}",
        server.stderr()
    );
    // A page opened now learns of the error at once.
    let late = server.events();
    expect_event(&late, "hello", &server);
    let again = expect_event(&late, "build-error", &server);
    assert!(again.contains("custom.html"));

    // Fix it: a reload and the new page.
    write(
        root,
        "templates/custom.html",
        &GOOD_TEMPLATE.replace("custom v1", "custom v2"),
    );
    expect_event(&events, "reload", &server);
    let (status, _, about) = server.get("/demo/about/");
    assert_eq!(status, 200);
    assert!(about.contains("(custom v2)"), "{about}");

    // Serving wrote nothing into the site folder.
    assert!(!root.join("public").exists());
    assert!(!root.join("build").exists());
}

impl Server {
    /// Sends a raw request (`{PORT}` replaced by the port); returns (status, headers in
    /// lower case, body).
    fn raw(&self, request: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(WAIT * 3)).unwrap();
        stream
            .write_all(request.replace("{PORT}", &self.port.to_string()).as_bytes())
            .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    /// POSTs `form` to /review/ with the given Host and Origin (`None`: no header).
    fn post_review(&self, host: &str, origin: Option<&str>, form: &str) -> (u16, String, String) {
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        self.raw(&format!(
            "POST /review/ HTTP/1.1\r\nHost: {host}\r\n{origin}\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{form}",
            form.len()
        ))
    }
}

/// A site with one dated, counted sentence: one event and one figure to review.
fn review_fixture(root: &Path) {
    fixture(root);
    write(
        root,
        "content/sources/a.txt",
        "A report\n\nIn March 2019, 1,200 people were returned to Mexico.\n",
    );
    write(
        root,
        "content/corrections.toml",
        "# The editor's own comment.\n",
    );
}

/// The value of the first `name="token"` field of a page.
fn token_of(page: &str) -> String {
    let at = page.find("name=\"token\" value=\"").expect("a token field") + 20;
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

/// The id of the first fact of `prefix` (`ev-`, `st-`) on the review page.
fn fact_id(page: &str, prefix: &str) -> String {
    let needle = format!("class=\"fact\" id=\"{prefix}");
    let at = page.find(&needle).expect("a fact") + needle.len() - prefix.len();
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

#[test]
fn the_review_page_refuses_requests_from_elsewhere_and_writes_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    review_fixture(root);
    let server = start(root);
    let corrections = root.join("content/corrections.toml");
    let original = std::fs::read_to_string(&corrections).unwrap();
    let own_host = "127.0.0.1:{PORT}";
    let own_origin = "http://127.0.0.1:{PORT}";

    let (status, head, page) =
        server.raw("GET /review/ HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200, "{page}");
    assert!(head.contains("x-frame-options: deny"), "{head}");
    assert!(head.contains("frame-ancestors 'none'"), "{head}");
    assert!(
        !page.contains("/__brief/live.js"),
        "the review page must not reload under the editor's typing"
    );
    let token = token_of(&page);
    let event = fact_id(&page, "ev-");
    let figure = fact_id(&page, "st-");
    assert!(page.contains("<mark>March 2019</mark>"), "{page}");

    // A name that resolves to 127.0.0.1 (DNS rebinding) does not get the page.
    let (status, _, body) = server
        .raw("GET /review/ HTTP/1.1\r\nHost: evil.example:{PORT}\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 403);
    assert!(!body.contains(&token));

    let approve = format!("token={token}&id={event}&action=approve");
    let wrong = if token.starts_with('0') { '1' } else { '0' };
    let refused = [
        ("evil.example:{PORT}", Some(own_origin), approve.clone()),
        (own_host, Some("https://evil.example"), approve.clone()),
        (own_host, Some("null"), approve.clone()),
        (own_host, None, approve.clone()),
        (
            own_host,
            Some(own_origin),
            format!("id={event}&action=approve"),
        ),
        (
            own_host,
            Some(own_origin),
            format!("token={wrong}{}&id={event}&action=approve", &token[1..]),
        ),
    ];
    for (host, origin, form) in &refused {
        let (status, _, body) = server.post_review(host, *origin, form);
        assert_eq!(status, 403, "{host} {origin:?} {form}: {body}");
        assert!(body.contains("Refused"), "{body}");
    }
    assert_eq!(std::fs::read_to_string(&corrections).unwrap(), original);

    // A value the build would reject: refused naming the field, nothing written.
    let bad = format!("token={token}&id={figure}&action=fix&as_of=1%2F2%2F2021");
    let (status, _, body) = server.post_review(own_host, Some(own_origin), &bad);
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("`as_of`: `1/2/2021` is not a date"), "{body}");
    assert_eq!(std::fs::read_to_string(&corrections).unwrap(), original);

    // Its own form: written, built, and the page says so.
    let fix = format!(
        "token={token}&id={figure}&action=fix&value=1300&unit=people&as_of=2019&note=the+table+says+1%2C300"
    );
    let (status, head, body) = server.post_review(own_host, Some(own_origin), &fix);
    assert_eq!(status, 303, "{body}");
    assert!(
        head.contains(&format!("location: /review/?saved={figure}#{figure}")),
        "{head}"
    );
    let text = std::fs::read_to_string(&corrections).unwrap();
    assert!(text.starts_with(&original), "{text}");
    let written: toml::Table = toml::from_str(&text).unwrap();
    let entry = &written["correction"].as_array().unwrap()[0];
    assert_eq!(entry["id"].as_str(), Some(figure.as_str()));
    assert_eq!(entry["value"].as_integer(), Some(1300));
    assert_eq!(entry["as_of"].as_str(), Some("2019"));
    assert_eq!(entry["note"].as_str(), Some("the table says 1,300"));
    // The answer came after the rebuild: the site shows the new value at once.
    let (_, _, data) = server.get("/demo/data/statistics.json");
    assert!(
        data.contains("\"value\": 1300") || data.contains("\"value\":1300"),
        "{data}"
    );
}

#[test]
fn the_review_address_takes_only_get_and_post() {
    let dir = tempfile::tempdir().unwrap();
    review_fixture(dir.path());
    let server = start(dir.path());
    // The same server answers other paths as before; the review path with another
    // method is refused.
    let (status, _, _) = server.raw(
        "PUT /review/ HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 405);
    let (status, head, _) =
        server.raw("GET /review HTTP/1.1\r\nHost: localhost:{PORT}\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 301);
    assert!(head.contains("location: /review/"), "{head}");
}

/// A corrections file outside the watched folders (site.toml `[extract] corrections`):
/// the watcher does not see the write, so the review page asks for the rebuild itself.
#[test]
fn a_corrections_file_outside_content_is_rebuilt_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    review_fixture(root);
    write(
        root,
        "site.toml",
        "title = \"Serve test\"\nbase_url = \"https://example.org/demo/\"\n\n\
         [extract]\ncorrections = \"corrections.toml\"\n",
    );
    let server = start(root);
    let (_, _, page) =
        server.raw("GET /review/ HTTP/1.1\r\nHost: localhost:{PORT}\r\nConnection: close\r\n\r\n");
    assert!(page.contains("<code>corrections.toml</code>"), "{page}");
    let form = format!(
        "token={}&id={}&action=fix&value=4321",
        token_of(&page),
        fact_id(&page, "st-")
    );
    let (status, _, body) =
        server.post_review("localhost:{PORT}", Some("http://localhost:{PORT}"), &form);
    assert_eq!(status, 303, "{body}");
    assert!(
        std::fs::read_to_string(root.join("corrections.toml"))
            .unwrap()
            .contains("value = 4321")
    );
    let (_, _, data) = server.get("/demo/data/statistics.json");
    assert!(data.contains("4321"), "{data}\n{}", server.stderr());
}
