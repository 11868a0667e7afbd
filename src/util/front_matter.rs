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

/// The metadata block at the top of a file, as [`find`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatter {
    /// The file does not open with front matter.
    None,
    /// A closed block. `toml` is TOML text whose lines are the block's lines one for
    /// one (YAML is rewritten line by line, see [`yaml_to_toml`]), so a TOML error's
    /// line is the file's line once `first_line` is added.
    Closed {
        /// The block as TOML.
        toml: String,
        /// Byte offset in the file of the block's first line (after the opening fence).
        start: usize,
        /// Byte offset where the body starts.
        body: usize,
        /// `+++` (TOML) or `---` (YAML).
        fence: &'static str,
    },
    /// The block could not be read: an opening fence never closed, or YAML beyond the
    /// simple subset. Never published as text.
    Broken {
        /// Byte offset in the file of the problem.
        at: usize,
        /// What is wrong and what to do.
        message: String,
    },
}

/// Finds `+++` TOML or `---` YAML front matter at the top of `text` (after a BOM).
///
/// A `+++` first line always opens front matter: unclosed, it is [`FrontMatter::Broken`]
/// (it was once published as a paragraph, and its `date = …` line became a timeline
/// event). A `---` first line opens YAML front matter when a `---` (or `...`) line closes
/// it, or, unclosed, when the next line looks like `key: value`; otherwise it is left to
/// the Markdown (a rule).
pub fn find(text: &str) -> FrontMatter {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let t = &text[base..];
    let Some(first_end) = t.find('\n') else {
        let only = t.trim_end();
        if only == "+++" || only == "---" {
            return FrontMatter::Broken {
                at: base,
                message: format!(
                    "front matter opened with `{only}` is never closed; add the metadata and a closing `{only}` line, or remove it"
                ),
            };
        }
        return FrontMatter::None;
    };
    let fence: &'static str = match t[..first_end].trim_end() {
        "+++" => "+++",
        "---" => "---",
        _ => return FrontMatter::None,
    };
    let start = first_end + 1;
    let mut pos = start;
    let mut close = None;
    while pos < t.len() {
        let line_end = t[pos..].find('\n').map_or(t.len(), |i| pos + i);
        let line = t[pos..line_end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            close = Some((pos, (line_end + 1).min(t.len())));
            break;
        }
        pos = line_end + 1;
    }
    let Some((end, body)) = close else {
        let next = t[start..].lines().next().unwrap_or("");
        if fence == "---" && !looks_like_yaml_key(next) {
            return FrontMatter::None;
        }
        return FrontMatter::Broken {
            at: base,
            message: format!(
                "front matter opened with `{fence}` on line 1 is never closed; add a `{fence}` line after the metadata"
            ),
        };
    };
    let block = &t[start..end];
    let toml = if fence == "+++" {
        Ok(block.to_string())
    } else {
        yaml_to_toml(block)
    };
    match toml {
        Ok(toml) => FrontMatter::Closed {
            toml,
            start: base + start,
            body: base + body,
            fence,
        },
        Err((at, message)) => FrontMatter::Broken {
            at: base + start + at,
            message,
        },
    }
}

fn looks_like_yaml_key(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// Rewrites the simple YAML that front matter uses as TOML, line for line (so line
/// numbers stay): `key: value` (text, quoted text, numbers, `true`/`false`, dates),
/// flow lists `[a, b]`, block lists (`key:` then `- item` lines), one level of nested
/// keys (`extra:` then indented `key: value`, as TOML dotted keys) and `#` comments.
///
/// Written by hand instead of taking a YAML crate: the well-kept ones are large, and
/// front matter needs this much; anything more (anchors, `|` blocks, deeper nesting)
/// is refused with its line, asking for TOML between `+++` lines. Errors are (byte
/// offset in `yaml`, message).
pub fn yaml_to_toml(yaml: &str) -> Result<String, (usize, String)> {
    let mut out: Vec<String> = Vec::new();
    // The key whose block list or nested table the following indented lines fill.
    let mut parent: Option<String> = None;
    // The index in `out` of the last list item of the open block list.
    let mut open_list: Option<usize> = None;
    let close_list = |out: &mut Vec<String>, open: &mut Option<usize>| {
        if let Some(i) = open.take() {
            let item = out[i].trim_end_matches(',').to_string();
            out[i] = format!("{item}]");
        }
    };
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let line = line.trim_end();
        let trimmed = line.trim_start();
        let indented = trimmed.len() < line.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            out.push(String::new());
            continue;
        }
        let too_much = |what: &str| {
            (
                at,
                format!(
                    "{what} is more YAML than brief reads (key: value, lists, one level of nesting); write the front matter as TOML between `+++` lines"
                ),
            )
        };
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            let Some(key) = &parent else {
                return Err(too_much("a list item outside a key"));
            };
            let value = yaml_scalar(item.trim()).map_err(|m| (at, m))?;
            if let Some(i) = open_list {
                out[i].push(',');
                out.push(value);
            } else {
                let i = out.len() - 1;
                if !out[i].ends_with("= [") {
                    return Err(too_much(&format!("a list under `{key}` after nested keys")));
                }
                out.push(value);
            }
            open_list = Some(out.len() - 1);
            continue;
        }
        close_list(&mut out, &mut open_list);
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err((
                at,
                format!("`{trimmed}` is not a `key: value` line; write `key: value`"),
            ));
        };
        let key = key.trim().trim_matches('"');
        if key.is_empty() || !looks_like_yaml_key(&format!("{key}:")) {
            return Err(too_much(&format!("the key `{key}`")));
        }
        let value = value.trim();
        if indented {
            let Some(p) = &parent else {
                return Err(too_much("an indented key outside a table"));
            };
            if value.is_empty() {
                return Err(too_much("a table inside a table"));
            }
            let v = yaml_scalar(value).map_err(|m| (at, m))?;
            out.push(format!("{p}.{key} = {v}"));
            continue;
        }
        if value.is_empty() {
            // A block list or a nested table follows; which one, the next line tells.
            parent = Some(key.to_string());
            out.push(format!("{key} = ["));
            continue;
        }
        parent = None;
        let v = yaml_scalar(value).map_err(|m| (at, m))?;
        out.push(format!("{key} = {v}"));
    }
    close_list(&mut out, &mut open_list);
    // A `key:` line followed by nested keys, not a list: no `= [` left open.
    let mut text = String::new();
    for (i, line) in out.iter().enumerate() {
        if let Some(key) = line.strip_suffix(" = [") {
            let is_list = out.get(i + 1).is_some_and(|n| !n.contains(" = "));
            let has_children = out[i + 1..]
                .iter()
                .take_while(|n| !n.is_empty())
                .any(|n| n.starts_with(&format!("{key}.")));
            if !is_list && has_children {
                text.push('\n');
                continue;
            }
            if !is_list {
                text.push_str(&format!("{key} = \"\"\n"));
                continue;
            }
        }
        text.push_str(line);
        text.push('\n');
    }
    Ok(text)
}

/// One YAML scalar or flow list as a TOML value.
fn yaml_scalar(v: &str) -> Result<String, String> {
    let v = v.trim();
    if v.starts_with('&') || v.starts_with('*') || v.starts_with('|') || v.starts_with('>') {
        return Err(format!(
            "`{v}`: anchors and multi-line text are more YAML than brief reads; write the front matter as TOML between `+++` lines"
        ));
    }
    if let Some(inner) = v.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return Err(format!("`{v}`: a list must end with `]` on the same line"));
        };
        let items: Result<Vec<String>, String> = inner
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(yaml_scalar)
            .collect();
        return Ok(format!("[{}]", items?.join(", ")));
    }
    if v.starts_with('"') {
        // YAML's double-quoted escapes are TOML's for what front matter holds.
        return Ok(v.to_string());
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return Ok(quote(&inner.replace("''", "'")));
    }
    let is_date = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let is_number = v.parse::<i64>().is_ok() && !v.starts_with('+') && !v.starts_with('0');
    if is_date || is_number || v == "0" || v == "true" || v == "false" {
        return Ok(v.to_string());
    }
    // Plain text: a trailing ` # comment` is YAML's, not the value's.
    let v = v.split(" #").next().unwrap_or(v).trim();
    Ok(quote(v))
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_becomes_toml_line_for_line() {
        let text = "---\ntitle: The report\npublished: 2024-03-04\ntags: [a, 'b c']\nauthors:\n  - Ana\n  - Bo\nextra:\n  place: Madrid\ndraft: false\n---\nBody\n";
        let FrontMatter::Closed {
            toml, start, body, ..
        } = find(text)
        else {
            panic!("{:?}", find(text))
        };
        assert_eq!(start, 4);
        assert_eq!(&text[body..], "Body\n");
        assert_eq!(toml.lines().count(), 9, "{toml}");
        let t: toml::Table = toml::from_str(&toml).unwrap();
        assert_eq!(t["title"].as_str(), Some("The report"));
        assert!(t["published"].is_datetime());
        assert_eq!(t["tags"].as_array().unwrap().len(), 2);
        assert_eq!(t["authors"].as_array().unwrap()[1].as_str(), Some("Bo"));
        assert_eq!(t["extra"]["place"].as_str(), Some("Madrid"));
    }

    #[test]
    fn unclosed_or_unreadable_front_matter_is_broken_not_text() {
        assert!(matches!(
            find("+++\ntitle = \"x\"\ndate = 2023-05-20\n\nBody"),
            FrontMatter::Broken { .. }
        ));
        assert!(matches!(
            find("---\ntitle: x\n\nBody"),
            FrontMatter::Broken { .. }
        ));
        assert!(matches!(
            find("---\ntext: |\n  a\n---\n"),
            FrontMatter::Broken { .. }
        ));
        // A rule at the top of a Markdown file, not front matter.
        assert_eq!(find("---\n\nA paragraph.\n"), FrontMatter::None);
        assert_eq!(find("Title\n\nText"), FrontMatter::None);
    }
}
