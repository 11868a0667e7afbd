//! Errors and warnings, each naming the file (and line and column where known).
//!
//! In: what went wrong and where. Out: [`Error`] and [`Warning`] values whose `Display`
//! is the message a user reads.
//!
//! [`Error`] stops a build; [`Warning`] is collected and listed at the end of it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A TOML file (site.toml, a sidecar, front matter, corrections) is malformed.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Toml {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A text file is not valid UTF-8.
    #[error("{}: not valid UTF-8 (first bad byte at offset {offset}); save the file as UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A template failed to parse or render.
    #[error("{}: {message}", location(path, *line, *column))]
    Template {
        /// The template file (or its name, for an embedded one).
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// Tera's report.
        message: String,
    },
    /// Several template problems, each already naming its file, line and column.
    #[error("{message}")]
    Templates {
        /// Tera's report.
        message: String,
    },
    /// A template that a page needs does not exist.
    #[error("template `{name}` not found (looked in {})", searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    TemplateNotFound {
        /// The template's name, e.g. `page.html`.
        name: String,
        /// Where it was looked for.
        searched: Vec<PathBuf>,
    },
    /// Two inputs would produce the same URL.
    #[error("{} and {} both give the URL slug `{slug}`; rename one of them", first.display(), second.display())]
    DuplicateSlug {
        /// The clashing slug.
        slug: String,
        /// The first file.
        first: PathBuf,
        /// The second file.
        second: PathBuf,
    },
    /// Two output jobs would write the same file.
    #[error("two pages would be written to `{path}`: {first} and {second}")]
    DuplicateOutput {
        /// Path inside the output folder.
        path: String,
        /// What the first job was.
        first: String,
        /// What the second job was.
        second: String,
    },
    /// The output folder is not safe to replace.
    #[error("{}: {reason}", path.display())]
    UnsafeOutput {
        /// The output folder.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// Several problems, found in one run, sorted by file, line and column (see
    /// [`Error::many`]): each is printed on its own.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
    /// A warning listed among the errors of a failed build ([`Error::Many`]), so that
    /// one run shows every problem; on its own it would not stop the build.
    #[error("{0}")]
    Warned(Warning),
    /// A value in a file is not acceptable.
    #[error("{}: {message}", location(path, *line, None))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

/// A value an editor typed for one field of a correction, refused: the field and why.
/// `brief review` and the review page of `brief serve` show it and write nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{field}`: {message}")]
pub struct FieldError {
    /// The field (`as_of`, `value`, `title`, …).
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl FieldError {
    /// A refusal of `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

fn location(path: &Path, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", path.display()),
        (Some(l), None) => format!("{}:{l}", path.display()),
        _ => path.display().to_string(),
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Turns a `toml` parse error into one that names the file, line and column.
    pub fn toml(path: impl Into<PathBuf>, text: &str, err: &toml::de::Error) -> Self {
        Self::toml_at(path, text, 0, err)
    }

    /// Like [`Error::toml`], for TOML that starts `offset` bytes into `text`
    /// (front matter inside a Markdown file).
    pub fn toml_at(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        err: &toml::de::Error,
    ) -> Self {
        let at = offset + err.span().map(|s| s.start).unwrap_or(0);
        let (line, column) = line_col(text, at);
        let message = plain_toml_message(text, at, err.message().trim());
        Error::Toml {
            path: path.into(),
            line,
            column,
            message,
        }
    }
}

impl Error {
    /// All of `errors` as one error (their order: by file, line, column), or `Ok` when
    /// there are none. Nested [`Error::Many`] are flattened.
    pub fn many(errors: Vec<Error>) -> Result<(), Error> {
        let mut flat = Vec::new();
        for e in errors {
            match e {
                Error::Many(inner) => flat.extend(inner),
                e => flat.push(e),
            }
        }
        match flat.len() {
            0 => Ok(()),
            1 => Err(flat.pop().expect("one error")),
            _ => {
                flat.sort_by_cached_key(|e| e.sort_key());
                Err(Error::Many(flat))
            }
        }
    }

    /// The same error with its file named relative to `root` (the site folder), as an
    /// editor thinks of it: `content/sources/a.meta.toml`, not a long absolute path.
    pub fn relative_to(self, root: &Path) -> Error {
        let strip = |p: PathBuf| match p.strip_prefix(root) {
            Ok(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
            _ => p,
        };
        match self {
            Error::Many(all) => Error::Many(all.into_iter().map(|e| e.relative_to(root)).collect()),
            Error::Io { path, source } => Error::Io {
                path: strip(path),
                source,
            },
            Error::Toml {
                path,
                line,
                column,
                message,
            } => Error::Toml {
                path: strip(path),
                line,
                column,
                message,
            },
            Error::NotUtf8 { path, offset } => Error::NotUtf8 {
                path: strip(path),
                offset,
            },
            Error::Template {
                path,
                line,
                column,
                message,
            } => Error::Template {
                path: strip(path),
                line,
                column,
                message,
            },
            Error::Invalid {
                path,
                line,
                message,
            } => Error::Invalid {
                path: strip(path),
                line,
                message,
            },
            Error::DuplicateSlug {
                slug,
                first,
                second,
            } => Error::DuplicateSlug {
                slug,
                first: strip(first),
                second: strip(second),
            },
            other => other,
        }
    }

    /// The single errors this one holds (itself, unless it is [`Error::Many`]).
    pub fn each(&self) -> Vec<&Error> {
        match self {
            Error::Many(inner) => inner.iter().collect(),
            e => vec![e],
        }
    }

    /// (file, line, column, message), for sorting a list of errors.
    fn sort_key(&self) -> (String, usize, usize, String) {
        let (path, line, column) = match self {
            Error::Io { path, .. } | Error::NotUtf8 { path, .. } => (Some(path), 0, 0),
            Error::Toml {
                path, line, column, ..
            } => (Some(path), *line, *column),
            Error::Template {
                path, line, column, ..
            } => (Some(path), line.unwrap_or(0), column.unwrap_or(0)),
            Error::Invalid { path, line, .. } => (Some(path), line.unwrap_or(0), 0),
            Error::DuplicateSlug { first, .. } => (Some(first), 0, 0),
            Error::Warned(w) => (w.path.as_ref(), w.line.unwrap_or(0), 0),
            Error::UnsafeOutput { path, .. } => (Some(path), 0, 0),
            _ => (None, 0, 0),
        };
        let path = path.map(|p| p.display().to_string()).unwrap_or_default();
        (path, line, column, self.to_string())
    }
}

/// Every problem of a TOML file that `T` refused with `first`, not only the first (serde
/// stops at one): all syntax errors, else each key (and each key of each table, one level
/// down) read as `T` on its own, its error placed at its line. Falls back to `first`
/// when no single key fails (the keys clash only together).
pub fn toml_errors<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    first: &toml::de::Error,
) -> Error {
    let (table, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        let all = syntax.iter().map(|e| Error::toml(path, text, e)).collect();
        return Error::many(all)
            .err()
            .unwrap_or_else(|| Error::toml(path, text, first));
    }
    // (header line to put first, byte range of `key = value` in `text`)
    let mut pieces: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    for (key, value) in table.get_ref() {
        match value.get_ref() {
            toml::de::DeValue::Table(inner) if !text[key.span()].contains('{') => {
                for (k, v) in inner {
                    pieces.push((
                        format!("[{}]\n", key.get_ref()),
                        k.span().start..v.span().end,
                    ));
                }
            }
            _ => pieces.push((String::new(), key.span().start..value.span().end)),
        }
    }
    let mut errors = Vec::new();
    for (header, range) in pieces {
        let Some(slice) = text.get(range.clone()) else {
            continue;
        };
        let mini = format!("{header}{slice}\n");
        if toml::from_str::<toml::Table>(&mini).is_err() {
            // Not TOML on its own (a table of tables): the first error will do.
            continue;
        }
        if let Err(e) = toml::from_str::<T>(&mini) {
            let local = e.span().map_or(header.len(), |s| s.start);
            let at = range.start + local.saturating_sub(header.len());
            let (line, column) = line_col(text, at);
            errors.push(Error::Toml {
                path: path.to_path_buf(),
                line,
                column,
                message: plain_toml_message(text, at, e.message().trim()),
            });
        }
    }
    errors.dedup_by(|a, b| a.to_string() == b.to_string());
    Error::many(errors)
        .err()
        .unwrap_or_else(|| Error::toml(path, text, first))
}

/// A TOML or serde message in an editor's words, with what to do: serde speaks of
/// Rust types ("invalid type: map, expected a string", "expected usize"), and names an
/// unknown key without a suggestion. `at` is the byte offset of the error in `text`,
/// used to name the key of the line.
pub fn plain_toml_message(text: &str, at: usize, message: &str) -> String {
    let key = key_of_line(text, at);
    let key_part = key
        .as_deref()
        .map(|k| format!("`{k}`: "))
        .unwrap_or_default();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((typed, accepted)) = rest.split_once('`')
    {
        let accepted: Vec<&str> = accepted.split('`').skip(1).step_by(2).collect();
        let hint = match crate::util::suggest::did_you_mean(typed, &accepted) {
            Some(k) => format!("did you mean `{k}`?"),
            None if accepted.is_empty() => "this table takes no keys".to_string(),
            None => format!("the keys here are {}", accepted.join(", ")),
        };
        return format!("unknown key `{typed}`; {hint}");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((typed, accepted)) = rest.split_once('`')
    {
        let accepted: Vec<&str> = accepted.split('`').skip(1).step_by(2).collect();
        let hint = match crate::util::suggest::did_you_mean(typed, &accepted) {
            Some(k) => format!("did you mean \"{k}\"?"),
            None => format!("write one of {}", accepted.join(", ")),
        };
        return format!("{key_part}\"{typed}\" is not a choice here; {hint}");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return format!(
            "{key_part}{} here, not {}",
            plain_expected(expected),
            plain_found(found)
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return format!("`{name}` is missing; add `{name} = …` to this table");
    }
    if message.starts_with("invalid date") || message.starts_with("invalid time") {
        return format!("{key_part}{message}; write a date as 2024-03-04, 2024-03 or 2024");
    }
    if message.starts_with("duplicate key") {
        return format!("{message}; keep one of the two lines");
    }
    let m = message.to_string();
    if key_part.is_empty() || m.contains('`') {
        m
    } else {
        format!("{key_part}{m}")
    }
}

/// The key of the `key = value` line holding byte `at` of `text`, if it has one.
fn key_of_line(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let (key, _) = text.get(start..end)?.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[') && !key.contains(' ')).then(|| key.to_string())
}

/// What serde expected, as an editor would say it.
fn plain_expected(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a string" => "write text in quotes, e.g. \"…\"",
        "a sequence" => "write a list, e.g. [\"a\", \"b\"]",
        "a boolean" => "write true or false",
        "usize" | "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "write a whole number, e.g. 10"
        }
        "f32" | "f64" => "write a number, e.g. 1.5",
        "a map" => "write a table",
        _ if e.starts_with("struct ") => "write a table",
        _ if e.starts_with("a date") => "write a date as 2024-03-04, 2024-03 or 2024",
        _ => return format!("write {e}"),
    };
    words.to_string()
}

/// What serde found, as an editor would say it.
fn plain_found(found: &str) -> String {
    let f = found.trim();
    let value = |prefix: &str| f.strip_prefix(prefix).map(|v| v.trim().to_string());
    if f == "map" {
        return "a table".into();
    }
    if f == "sequence" {
        return "a list".into();
    }
    if let Some(v) = value("integer").or_else(|| value("floating point")) {
        return format!("the number {}", v.trim_matches('`'));
    }
    if let Some(v) = value("string") {
        return format!("the text {v}");
    }
    if let Some(v) = value("boolean") {
        return v.trim_matches('`').to_string();
    }
    f.to_string()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Reads a file as UTF-8 text, naming the file and the first bad byte on failure.
/// A leading byte-order mark is removed.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

/// A problem that does not stop the build, reported at its end.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Warning {
    /// The file concerned, relative to the site root where possible.
    pub path: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl Warning {
    /// A warning about a file.
    pub fn at(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Warning {
            path: Some(path.into()),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{l}: {}", p.display(), self.message),
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

/// How many files a repeated warning is printed for before it is counted instead.
pub const WARNINGS_PER_MESSAGE: usize = 5;

/// The lines to print for `warnings`: each as it is, except that a message repeated for
/// more than twice `keep` files is printed for the first `keep` and then once as a
/// count, so a thousand sources without `rights` do not bury the one warning that
/// differs. Order follows each message's first appearance, then the files in their order.
pub fn condensed(warnings: &[Warning], keep: usize) -> Vec<String> {
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in warnings {
        *count.entry(w.message.as_str()).or_default() += 1;
    }
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut lines = Vec::new();
    for w in warnings {
        let total = count[w.message.as_str()];
        let seen = shown.entry(w.message.as_str()).or_default();
        *seen += 1;
        if total <= 2 * keep || *seen <= keep {
            lines.push(w.to_string());
        } else if *seen == keep + 1 {
            let rest = total - keep;
            lines.push(format!(
                "the same for {rest} more file{} (`--verbose` lists every one): {}",
                if rest == 1 { "" } else { "s" },
                w.message
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condensed_counts_a_repeated_message_once_past_the_first_files() {
        let ws: Vec<Warning> = (1..=7)
            .map(|i| Warning::at(format!("sources/p{i}.md"), "no `rights`"))
            .chain([Warning::at("sources/x.md", "no date")])
            .collect();
        let lines = condensed(&ws, 3);
        assert_eq!(
            lines,
            [
                "sources/p1.md: no `rights`",
                "sources/p2.md: no `rights`",
                "sources/p3.md: no `rights`",
                "the same for 4 more files (`--verbose` lists every one): no `rights`",
                "sources/x.md: no date",
            ]
        );
        // Up to twice the limit, every file is named.
        assert_eq!(condensed(&ws[..6], 3).len(), 6);
        assert_eq!(condensed(&ws, 10).len(), 8);
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nné = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // byte 9 is after "né" (3 bytes) → column 3
        assert_eq!(line_col(text, 9), (2, 3));
    }

    #[test]
    fn toml_messages_speak_to_editors_not_rust() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Meta {
            title: Option<String>,
            published: Option<String>,
            tags: Option<Vec<String>>,
            size: Option<usize>,
        }
        let msg = |text: &str| {
            let err = toml::from_str::<Meta>(text).unwrap_err();
            Error::toml("a.meta.toml", text, &err).to_string()
        };
        assert_eq!(
            msg("title = \"x\"\npublised = \"2020\"\n"),
            "a.meta.toml:2:1: unknown key `publised`; did you mean `published`?"
        );
        let m = msg("tags = \"a\"\n");
        assert_eq!(
            m,
            "a.meta.toml:1:8: `tags`: write a list, e.g. [\"a\", \"b\"] here, not the text \"a\""
        );
        let m = msg("size = \"big\"\n");
        assert!(m.contains("`size`: write a whole number"), "{m}");
        assert!(!m.contains("usize"), "{m}");
    }

    #[test]
    fn many_errors_are_flattened_and_sorted() {
        let inv = |p: &str, l| Error::Invalid {
            path: p.into(),
            line: Some(l),
            message: "x".into(),
        };
        assert!(Error::many(vec![]).is_ok());
        let e = Error::many(vec![
            inv("b", 1),
            Error::Many(vec![inv("a", 9), inv("a", 2)]),
        ])
        .unwrap_err();
        assert_eq!(e.to_string(), "a:2: x\na:9: x\nb:1: x");
        assert_eq!(e.each().len(), 3);
    }

    #[test]
    fn toml_errors_name_file_line_and_column() {
        let text = "title = \"x\"\nbad = = 1\n";
        let err = toml::from_str::<toml::Table>(text).unwrap_err();
        let e = Error::toml("site.toml", text, &err);
        let msg = e.to_string();
        assert!(msg.starts_with("site.toml:2:"), "{msg}");
    }
}
