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
        let message = err.message().trim().to_string();
        Error::Toml {
            path: path.into(),
            line,
            column,
            message,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nné = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // byte 9 is after "né" (3 bytes) → column 3
        assert_eq!(line_col(text, 9), (2, 3));
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
