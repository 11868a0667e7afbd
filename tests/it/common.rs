//! Helpers shared by the integration tests: throwaway sites in temp dirs, running the
//! real `brief` binary, and reading what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temp dir, written file by file.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    pub fn new() -> Self {
        let site = TempSite {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "site.toml",
            "title = \"Test site\"\nbase_url = \"https://example.org/\"\n",
        );
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
        self
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read_out(&self, rel: &str) -> String {
        fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `brief ARGS` with `--root` set to this site.
    pub fn brief(&self, args: &[&str]) -> Output {
        brief_at(self.root(), args)
    }
}

/// Runs the real binary.
pub fn brief_at(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("brief runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    out
}

/// Copies the folder `from` to `to` (files and folders; links are skipped).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The repository root (the flagship site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Problems that would let markup from a document run script: event-handler
/// attributes, dangerous URL schemes, frames and embeds, scripts other than the
/// theme's own files and JSON-LD.
pub fn script_hazards(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in brief::util::html::start_tags(html) {
        if matches!(
            t.name.as_str(),
            "iframe" | "object" | "embed" | "frame" | "base"
        ) {
            out.push(format!("<{}> tag", t.name));
        }
        if t.name == "script" {
            let ok = t.attrs.iter().any(|(a, v)| {
                (a == "type" && v == "application/ld+json") || (a == "src" && !v.contains(':'))
            });
            if !ok {
                out.push(format!("inline <script> {:?}", t.attrs));
            }
        }
        for (a, v) in &t.attrs {
            if a.starts_with("on") {
                out.push(format!("<{} {a}=…>", t.name));
            }
            if matches!(
                a.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "srcdoc"
            ) {
                let cleaned: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let cleaned = cleaned
                    .replace("&colon;", ":")
                    .replace("&#58;", ":")
                    .replace("&#x3a;", ":");
                if ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|s| cleaned.starts_with(s))
                    || a == "srcdoc"
                {
                    out.push(format!("<{} {a}={v}>", t.name));
                }
            }
        }
    }
    out
}
