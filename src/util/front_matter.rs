//! Front matter: the `+++` TOML block at the top of a Markdown file.
//!
//! In: a file's text. Out: the TOML text between the fences and where the body starts.

/// Splits `+++` TOML front matter off a Markdown file. Returns the TOML text (between
/// the fences) and the byte offset where the body starts, or `None` when the file does
/// not open with a `+++` line or the front matter is not closed. A leading BOM is
/// skipped.
pub fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let t = &text[base..];
    let first_end = t.find('\n')?;
    if t[..first_end].trim_end_matches('\r').trim_end() != "+++" {
        return None;
    }
    let toml_start = first_end + 1;
    let mut pos = toml_start;
    while pos <= t.len() {
        let line_end = t[pos..].find('\n').map_or(t.len(), |i| pos + i);
        if t[pos..line_end].trim_end_matches('\r').trim_end() == "+++" {
            let body = (line_end + 1).min(t.len());
            return Some((&t[toml_start..pos], base + body));
        }
        if line_end >= t.len() {
            break;
        }
        pos = line_end + 1;
    }
    None
}
