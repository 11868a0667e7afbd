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
