//! The review page of `brief serve` (`/review/`): every fact with its sentence, and
//! forms to approve, drop or fix it, which write the corrections file.
//!
//! In: the facts of the last good build ([`SourceFacts`]), the corrections file, and
//! the requests of the page's forms. Out: the page's HTML, and [`Checked`] corrections
//! for [`CorrectionsFile::write`](super::review::CorrectionsFile::write). Never part of
//! the built site: only `serve` calls this, and only when it listens on a loopback
//! address.
//!
//! Who may write: [`Guard`] accepts a request only if its `Host` is the server's own
//! (`127.0.0.1:PORT`, `localhost:PORT`), so a web page cannot reach the page through a
//! name that resolves to 127.0.0.1 (DNS rebinding), and a POST only if its `Origin` is
//! the server's own and its form carries the random token of this server run. A page
//! open in the same browser can neither read the token nor send a form that passes.

use super::review::{Draft, FactRef, ReviewItem, mark_span, review_items};
use crate::SourceFacts;
use crate::input::corrections::{Action, Checked, Corrections, Entry, Kind};
use crate::model::facts::Qualifier;
use crate::util::error::FieldError;
use crate::util::html::escape_html as esc;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::net::SocketAddr;

/// Where the page is served (outside the site's base path when it has one).
pub const REVIEW_PATH: &str = "/review/";

/// Most bytes of a form accepted.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// Why a request was refused (answered with 403 and this text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// Who may see the page and send its forms.
#[derive(Debug, Clone)]
pub struct Guard {
    /// The token every form must carry.
    pub token: String,
    /// `Host` values that name this server.
    hosts: Vec<String>,
}

impl Guard {
    /// The guard of a server listening on `addr`, or `None` when `addr` is not a
    /// loopback address (then there is no review page).
    pub fn new(addr: SocketAddr, token: String) -> Option<Guard> {
        let ip = addr.ip();
        if !ip.is_loopback() {
            return None;
        }
        let port = addr.port();
        let shown = match ip {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        };
        Some(Guard {
            token,
            hosts: vec![format!("{shown}:{port}"), format!("localhost:{port}")],
        })
    }

    /// Accepts a request whose `Host` header names this server.
    pub fn check_host(&self, host: Option<&str>) -> Result<(), Refusal> {
        match host {
            Some(h) if self.hosts.iter().any(|o| o.eq_ignore_ascii_case(h.trim())) => Ok(()),
            Some(h) => Err(Refusal(format!(
                "Refused: the review page answers only to {} (Host was {h:?}).",
                self.hosts.join(" or ")
            ))),
            None => Err(Refusal("Refused: the request has no Host header.".into())),
        }
    }

    /// Accepts a form POST: `Host` names this server, `Origin` is this server's own
    /// origin (browsers send it with every form POST; its absence is refused), and the
    /// form's token is this run's.
    pub fn check_post(
        &self,
        host: Option<&str>,
        origin: Option<&str>,
        token: Option<&str>,
    ) -> Result<(), Refusal> {
        self.check_host(host)?;
        let own = |o: &str| {
            self.hosts
                .iter()
                .any(|h| o.eq_ignore_ascii_case(&format!("http://{h}")))
        };
        match origin.map(str::trim) {
            Some(o) if own(o) => {}
            Some(o) => {
                return Err(Refusal(format!(
                    "Refused: a form from another site ({o}) cannot change the corrections file."
                )));
            }
            None => {
                return Err(Refusal(
                    "Refused: a form without an Origin header cannot change the corrections file."
                        .into(),
                ));
            }
        }
        match token {
            Some(t) if same_bytes(t.as_bytes(), self.token.as_bytes()) => Ok(()),
            _ => Err(Refusal(
                "Refused: the form's token is missing or out of date (the server was restarted?); reload the review page."
                    .into(),
            )),
        }
    }
}

/// Compares in time that does not depend on where the bytes differ.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A new random token (32 hex digits from the operating system's generator).
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The fields of an `application/x-www-form-urlencoded` body (later ones win).
pub fn parse_form(body: &str) -> HashMap<String, String> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| crate::util::url::percent_decode(&s.replace('+', " "));
            (decode(k), decode(v))
        })
        .collect()
}

/// A number for a form field (`1200`, `2.5`).
fn num(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

/// A fact's current value of each field a fix may set, as a form shows it.
fn current(fact: &FactRef) -> Vec<(&'static str, String)> {
    match fact {
        FactRef::Event(e) => vec![
            ("date", e.date.to_string()),
            ("end", e.end.map(|d| d.to_string()).unwrap_or_default()),
            ("relative", e.relative.to_string()),
            ("title", e.title.clone()),
        ],
        FactRef::Statistic(s) => vec![
            ("value", num(s.value)),
            ("low", num(s.low)),
            ("high", num(s.high)),
            ("of", num(s.of)),
            ("unit", s.unit.clone()),
            ("qualifier", s.qualifier.as_str().to_string()),
            ("measure", s.measure.clone()),
            ("as_of", s.as_of.map(|d| d.to_string()).unwrap_or_default()),
        ],
    }
}

/// True when the typed `new` says the same as `old` (numbers compared as numbers).
fn same(old: &str, new: &str) -> bool {
    old == new || matches!((old.parse::<f64>(), new.parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

/// The decision a posted form asks for, checked. `existing` is the fact's correction
/// in the file, if any. A fix writes only the fields whose value differs from what
/// the page showed, on top of an existing fix's fields; an approval of a fixed fact
/// keeps the fix (what the editor approved is the fixed fact); a drop replaces all.
pub fn decide(
    form: &HashMap<String, String>,
    facts: &[SourceFacts],
    existing: Option<&Entry>,
) -> Result<Checked, FieldError> {
    let id = form.get("id").map(|s| s.trim()).unwrap_or_default();
    let items = review_items(facts, &HashSet::new(), true);
    let item = items
        .iter()
        .find(|i| i.fact.id() == id)
        .ok_or_else(|| FieldError::new("id", format!("no fact `{id}` in the last build")))?;
    let action = match form.get("action").map(String::as_str) {
        Some("approve") => Action::Approve,
        Some("drop") => Action::Drop,
        Some("fix") => Action::Fix,
        other => {
            return Err(FieldError::new(
                "action",
                format!("{other:?} is not approve, drop or fix"),
            ));
        }
    };
    let kind = item.fact.kind();
    let existing_fix = existing
        .filter(|e| e.action == Some(Action::Fix))
        .map(Entry::fix_fields);
    let mut draft = Draft::new(id, action);
    draft.note = form.get("note").cloned();
    draft.highlight = match form.get("highlight").map(String::as_str) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    match action {
        Action::Drop => draft.highlight = None,
        Action::Approve => {
            if let Some(fix) = existing_fix {
                draft.action = Action::Fix;
                draft.fix = fix;
            }
        }
        Action::Fix => {
            draft.fix = existing_fix.unwrap_or_default();
            let typed = |key: &str| form.get(key).map(|v| v.trim().to_string());
            let unit_other = typed("unit_other").filter(|u| !u.is_empty());
            for (key, old) in current(&item.fact) {
                let new = match key {
                    "unit" => unit_other.clone().or_else(|| typed("unit")),
                    _ => typed(key),
                };
                let Some(new) = new else { continue };
                if same(&old, &new) || (new.is_empty() && key != "end") {
                    continue;
                }
                draft.fix.insert(key.to_string(), toml::Value::String(new));
            }
            if draft.fix.is_empty() {
                return Err(FieldError::new(
                    "fix",
                    "nothing was changed; change a value, or approve the fact as it is",
                ));
            }
        }
    }
    draft.check(Some(kind))
}

/// What the page says at its top after a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A decision on this fact was written.
    Saved(String),
    /// A form was refused: the fact's id (if known) and the message.
    Refused(Option<String>, String),
}

/// Everything the page shows.
pub struct PageData<'a> {
    /// The facts of the last good build.
    pub facts: &'a [SourceFacts],
    /// The corrections file as the build reads it, or the error reading it.
    pub corrections: Result<&'a Corrections, String>,
    /// The file's path, as shown.
    pub corrections_path: &'a str,
    /// The site's home page (for links to it).
    pub site_root: &'a str,
    /// The form token.
    pub token: &'a str,
    /// What to say at the top.
    pub notice: Option<Notice>,
    /// The error of the last build, if it failed.
    pub build_error: Option<&'a str>,
}

const CSS: &str = "
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b57a4}
h1{margin:.5rem 0}
.fact{border:1px solid #767676;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.fact h2{font-size:1.1rem;margin:0 0 .25rem}
.status{margin:0 0 .5rem;color:#3d3d3d}
blockquote{margin:.5rem 0;padding-left:.75rem;border-left:4px solid #767676}
mark{background:#ffe28a;color:#1a1a1a;padding:0 .1em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0}
form{margin:.5rem 0}
.row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}
label{display:block;font-weight:600;font-size:.95rem}
.hint{display:block;font-weight:400;font-size:.85rem;color:#3d3d3d}
input,select,button{font:inherit;padding:.25rem .4rem;border:1px solid #595959;border-radius:4px;background:#fff;color:#1a1a1a}
input[type=text]{min-width:14rem}
button{background:#0b57a4;color:#fff;border-color:#0b57a4;cursor:pointer}
button.drop{background:#a3201c;border-color:#a3201c}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.saved{background:#e6f4ea;border:1px solid #1e6b34;padding:.5rem 1rem}
.refused{background:#fdecea;border:1px solid #a3201c;padding:.5rem 1rem}
fieldset{border:1px solid #767676;border-radius:4px;margin:.5rem 0}
";

/// The kind of a fact, as the page names it.
fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "Event",
        Kind::Statistic => "Figure",
    }
}

/// A text field with its label (and a hint inside the label, so it is read out).
fn text_field(out: &mut String, id: &str, name: &str, label: &str, hint: &str, attrs: &str) {
    let _ = write!(
        out,
        "<div><label for=\"{name}-{id}\">{label}{}</label><input {attrs} id=\"{name}-{id}\" name=\"{name}\"></div>",
        if hint.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"hint\">{hint}</span>")
        }
    );
}

/// A `<select>` with its label; `options` are (value, shown), `selected` the value.
/// The home page highlight of an event: brief's choice, always or never.
fn highlight_field(out: &mut String, id: &str, highlight: &str) {
    select_field(
        out,
        id,
        "highlight",
        "Home page highlight",
        &[
            (String::new(), "chosen by brief".into()),
            ("true".into(), "always".into()),
            ("false".into(), "never".into()),
        ],
        highlight,
    );
}

fn select_field(
    out: &mut String,
    id: &str,
    name: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
) {
    let _ = write!(
        out,
        "<div><label for=\"{name}-{id}\">{label}</label><select id=\"{name}-{id}\" name=\"{name}\">"
    );
    for (value, shown) in options {
        let sel = if value == selected { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{sel}>{}</option>",
            esc(value),
            esc(shown)
        );
    }
    out.push_str("</select></div>");
}

const DATE_PATTERN: &str = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?";
const DATE_HINT: &str =
    "a year, a month or a day: 2019, 2019-03 or 2019-03-04 (a year or a month alone is fine)";

/// The hidden fields every form carries.
fn hidden(out: &mut String, token: &str, id: &str) {
    let _ = write!(
        out,
        "<input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"id\" value=\"{}\">",
        esc(token),
        esc(id)
    );
}

/// One fact: what it says, where it comes from, what was decided, and its forms.
fn fact_html(
    out: &mut String,
    item: &ReviewItem,
    entry: Option<&Entry>,
    units: &BTreeSet<String>,
    data: &PageData,
) {
    let id = esc(item.fact.id());
    let kind = item.fact.kind();
    let (quote, span, span_offset, paragraph) = item.fact.quote_parts();
    let headline = match item.fact {
        FactRef::Event(e) => e.title.clone(),
        FactRef::Statistic(s) => s.measure.clone(),
    };
    let _ = write!(
        out,
        "<article class=\"fact\" id=\"{id}\" aria-labelledby=\"h-{id}\">\
         <h2 id=\"h-{id}\">{} <code>{id}</code>: {}</h2>",
        kind_word(kind),
        esc(&headline)
    );
    let status = match entry.and_then(|e| e.action) {
        None => "no decision yet".to_string(),
        Some(Action::Approve) => "approved".into(),
        Some(Action::Drop) => "dropped".into(),
        Some(Action::Fix) => "fixed".into(),
    };
    let _ = write!(
        out,
        "<p class=\"status\">Source: {}, paragraph {paragraph}. Decision: <strong>{status}</strong>{}{}</p>",
        esc(&item.source.title),
        entry
            .and_then(|e| e.note.as_deref())
            .map(|n| format!(" — note: {}", esc(n)))
            .unwrap_or_default(),
        match entry.and_then(|e| e.highlight) {
            Some(true) => " — highlighted on the home page",
            Some(false) => " — never highlighted",
            None => "",
        }
    );
    if let Some(Notice::Refused(Some(fid), message)) = &data.notice
        && fid == item.fact.id()
    {
        let _ = write!(
            out,
            "<p class=\"refused\" role=\"alert\">Not saved: {}</p>",
            esc(message)
        );
    }
    // The sentence with its exact words marked.
    let marked = mark_span(quote, span, span_offset);
    let sentence = match (marked.find('«'), marked.rfind('»')) {
        (Some(a), Some(b)) if a < b => format!(
            "{}<mark>{}</mark>{}",
            esc(&marked[..a]),
            esc(&marked[a + '«'.len_utf8()..b]),
            esc(&marked[b + '»'.len_utf8()..])
        ),
        _ => esc(quote),
    };
    let _ = write!(out, "<blockquote><p>{sentence}</p></blockquote>");
    if let Some(text) = item.source.paragraphs.get(&paragraph)
        && text.trim() != quote.trim()
    {
        let _ = write!(
            out,
            "<details><summary>The whole paragraph</summary><p>{}</p></details>",
            esc(text)
        );
    }
    let _ = write!(
        out,
        "<p><a href=\"{}{}#p-{paragraph}\">The sentence on the site</a></p>",
        esc(data.site_root),
        esc(&item.source.page)
    );
    // The current values.
    out.push_str("<dl>");
    for (key, value) in current(&item.fact) {
        if !value.is_empty() {
            let _ = write!(out, "<dt>{key}</dt><dd>{}</dd>", esc(&value));
        }
    }
    out.push_str("</dl>");
    let note = entry.and_then(|e| e.note.clone()).unwrap_or_default();
    let highlight = match entry.and_then(|e| e.highlight) {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    // Approve or drop.
    let _ = write!(
        out,
        "<form method=\"post\" action=\"{REVIEW_PATH}\" aria-label=\"Approve or drop {id}\">"
    );
    hidden(out, data.token, item.fact.id());
    out.push_str("<div class=\"row\">");
    text_field(
        out,
        &id,
        "note",
        "Note",
        "why (optional)",
        &format!("type=\"text\" value=\"{}\"", esc(&note)),
    );
    if kind == Kind::Event {
        highlight_field(out, &id, highlight);
    }
    out.push_str(
        "<button type=\"submit\" name=\"action\" value=\"approve\">Approve</button>\
         <button type=\"submit\" name=\"action\" value=\"drop\" class=\"drop\">Drop</button></div></form>",
    );
    // Fix.
    let _ = write!(
        out,
        "<details><summary>Fix the values</summary>\
         <form method=\"post\" action=\"{REVIEW_PATH}\" aria-label=\"Fix {id}\">\
         <input type=\"hidden\" name=\"action\" value=\"fix\">"
    );
    hidden(out, data.token, item.fact.id());
    out.push_str("<div class=\"row\">");
    let values: HashMap<&str, String> = current(&item.fact).into_iter().collect();
    let val = |k: &str| esc(values.get(k).map(String::as_str).unwrap_or(""));
    match kind {
        Kind::Event => {
            text_field(
                out,
                &id,
                "title",
                "Title",
                "",
                &format!("type=\"text\" value=\"{}\" required", val("title")),
            );
            text_field(
                out,
                &id,
                "date",
                "Date",
                DATE_HINT,
                &format!(
                    "type=\"text\" inputmode=\"numeric\" pattern=\"{DATE_PATTERN}\" value=\"{}\" required",
                    val("date")
                ),
            );
            text_field(
                out,
                &id,
                "end",
                "End date",
                "for a period; same forms, empty for none",
                &format!(
                    "type=\"text\" inputmode=\"numeric\" pattern=\"{DATE_PATTERN}\" value=\"{}\"",
                    val("end")
                ),
            );
            select_field(
                out,
                &id,
                "relative",
                "Date worked out from context",
                &[("false".into(), "no".into()), ("true".into(), "yes".into())],
                &values["relative"],
            );
        }
        Kind::Statistic => {
            for (key, label, hint) in [
                ("value", "Value", "a single number"),
                ("low", "Low end", "of a range"),
                ("high", "High end", "of a range"),
                ("of", "Out of", "the denominator of a ratio"),
            ] {
                text_field(
                    out,
                    &id,
                    key,
                    label,
                    hint,
                    &format!("type=\"number\" step=\"any\" value=\"{}\"", val(key)),
                );
            }
            let qualifiers: Vec<(String, String)> = Qualifier::ALL
                .iter()
                .map(|q| (q.as_str().to_string(), q.as_str().to_string()))
                .collect();
            select_field(
                out,
                &id,
                "qualifier",
                "Qualifier",
                &qualifiers,
                &values["qualifier"],
            );
            let mut unit_options: Vec<(String, String)> = vec![(String::new(), "(none)".into())];
            let mut all = units.clone();
            all.insert(values["unit"].clone());
            unit_options.extend(
                all.into_iter()
                    .filter(|u| !u.is_empty())
                    .map(|u| (u.clone(), u)),
            );
            select_field(out, &id, "unit", "Unit", &unit_options, &values["unit"]);
            text_field(
                out,
                &id,
                "unit_other",
                "Other unit",
                "typed here, it replaces the unit chosen",
                "type=\"text\"",
            );
            text_field(
                out,
                &id,
                "measure",
                "What is measured",
                "",
                &format!("type=\"text\" value=\"{}\" required", val("measure")),
            );
            text_field(
                out,
                &id,
                "as_of",
                "As of",
                DATE_HINT,
                &format!(
                    "type=\"text\" inputmode=\"numeric\" pattern=\"{DATE_PATTERN}\" value=\"{}\"",
                    val("as_of")
                ),
            );
        }
    }
    text_field(
        out,
        &format!("fix-{id}"),
        "note",
        "Note",
        "why (optional)",
        &format!("type=\"text\" value=\"{}\"", esc(&note)),
    );
    if kind == Kind::Event {
        highlight_field(out, &format!("fix-{id}"), highlight);
    }
    out.push_str(
        "<button type=\"submit\">Save the fix</button></div></form></details></article>\n",
    );
}

/// The whole page.
pub fn render(data: &PageData) -> String {
    let items = review_items(data.facts, &HashSet::new(), true);
    let units: BTreeSet<String> = items
        .iter()
        .filter_map(|i| match i.fact {
            FactRef::Statistic(s) if !s.unit.is_empty() => Some(s.unit.clone()),
            _ => None,
        })
        .collect();
    let entries: HashMap<&str, &Entry> = match &data.corrections {
        Ok(c) => c
            .correction
            .iter()
            .filter_map(|e| e.id.as_ref().map(|i| (i.get_ref().as_str(), e)))
            .collect(),
        Err(_) => HashMap::new(),
    };
    let decided = items
        .iter()
        .filter(|i| entries.contains_key(i.fact.id()))
        .count();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Review the facts</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n\
         <h1>Review the facts</h1>\n\
         <p>Each decision is written to <code>{}</code> and the site is rebuilt. This page \
         exists only while <code>brief serve</code> runs, on this computer; it is never part \
         of the built site. <a href=\"{}\">Back to the site</a>.</p>\n\
         <p>{} facts: {decided} with a decision, {} without.</p>\n",
        esc(data.corrections_path),
        esc(data.site_root),
        items.len(),
        items.len() - decided
    );
    match &data.notice {
        Some(Notice::Saved(id)) => {
            let _ = writeln!(
                out,
                "<p class=\"saved\" role=\"status\">Saved the decision on <a href=\"#{0}\">{0}</a>; the site was rebuilt.</p>",
                esc(id)
            );
        }
        Some(Notice::Refused(id, message)) => {
            let link = id
                .as_ref()
                .map(|i| format!(" (<a href=\"#{0}\">{0}</a>)", esc(i)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<p class=\"refused\" role=\"alert\">Not saved{link}: {}</p>",
                esc(message)
            );
        }
        None => {}
    }
    if let Err(e) = &data.corrections {
        let _ = writeln!(
            out,
            "<p class=\"refused\" role=\"alert\">The corrections file cannot be read: {}</p>",
            esc(e)
        );
    }
    if let Some(e) = data.build_error {
        let _ = writeln!(
            out,
            "<p class=\"refused\" role=\"alert\">The last change did not build (the facts below are from the last good build): {}</p>",
            esc(e)
        );
    }
    out.push_str("</header>\n<main>\n");
    for item in &items {
        fact_html(
            &mut out,
            item,
            entries.get(item.fact.id()).copied(),
            &units,
            data,
        );
    }
    let dropped: Vec<&Entry> = entries
        .values()
        .filter(|e| e.action == Some(Action::Drop))
        .copied()
        .collect();
    if !dropped.is_empty() {
        out.push_str(
            "<section aria-labelledby=\"dropped\"><h2 id=\"dropped\">Dropped</h2>\
             <p>These facts are left out of the site. To bring one back, remove its \
             correction from the corrections file.</p><ul>",
        );
        let mut ids: Vec<(&str, &str)> = dropped
            .iter()
            .map(|e| {
                (
                    e.id.as_ref().map(|i| i.get_ref().as_str()).unwrap_or(""),
                    e.note.as_deref().unwrap_or(""),
                )
            })
            .collect();
        ids.sort();
        for (id, note) in ids {
            let _ = write!(out, "<li><code>{}</code> {}</li>", esc(id), esc(note));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::PartialDate;
    use crate::model::facts::{Event, Facts, Statistic};

    fn facts() -> Vec<SourceFacts> {
        let quote = "In March 2019, 1,000 people were returned.";
        vec![SourceFacts {
            source: "sources/a.txt".into(),
            title: "A <report>".into(),
            page: "sources/a/".into(),
            paragraphs: [(2, format!("Before. {quote} After."))].into(),
            facts: Facts {
                events: vec![
                    Event {
                        id: "ev-1".into(),
                        date: PartialDate::month(2019, 3).unwrap(),
                        end: None,
                        relative: false,
                        span: "March 2019".into(),
                        quote: quote.into(),
                        quote_offset: 8,
                        span_offset: 3,
                        paragraph: 2,
                        title: "People returned".into(),
                    }
                    .into(),
                ],
                statistics: vec![
                    Statistic {
                        id: "st-1".into(),
                        value: Some(1000.0),
                        low: None,
                        high: None,
                        of: None,
                        unit: "people".into(),
                        qualifier: Qualifier::Exact,
                        span: "1,000 people".into(),
                        quote: quote.into(),
                        quote_offset: 8,
                        span_offset: 15,
                        measure: "people returned".into(),
                        as_of: None,
                        paragraph: 2,
                    }
                    .into(),
                ],
            },
        }]
    }

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn guard() -> Guard {
        Guard::new("127.0.0.1:4000".parse().unwrap(), "t0k3n".into()).unwrap()
    }

    #[test]
    fn only_loopback_servers_have_a_review_page() {
        assert!(Guard::new("0.0.0.0:4000".parse().unwrap(), "t".into()).is_none());
        assert!(Guard::new("192.168.1.2:4000".parse().unwrap(), "t".into()).is_none());
        assert!(Guard::new("[::1]:4000".parse().unwrap(), "t".into()).is_some());
    }

    #[test]
    fn requests_from_elsewhere_are_refused() {
        let g = guard();
        let own = "http://127.0.0.1:4000";
        assert!(g.check_host(Some("127.0.0.1:4000")).is_ok());
        assert!(g.check_host(Some("localhost:4000")).is_ok());
        // DNS rebinding: a foreign name that resolves to 127.0.0.1.
        assert!(g.check_host(Some("evil.example:4000")).is_err());
        assert!(g.check_host(Some("127.0.0.1:4001")).is_err());
        assert!(g.check_host(None).is_err());
        let post = |host, origin, token| g.check_post(host, origin, token);
        assert!(post(Some("127.0.0.1:4000"), Some(own), Some("t0k3n")).is_ok());
        assert!(
            post(
                Some("localhost:4000"),
                Some("http://localhost:4000"),
                Some("t0k3n")
            )
            .is_ok()
        );
        // Wrong Host, foreign or missing Origin, missing or wrong token.
        assert!(post(Some("evil.example"), Some(own), Some("t0k3n")).is_err());
        let foreign = post(
            Some("127.0.0.1:4000"),
            Some("https://evil.example"),
            Some("t0k3n"),
        );
        assert!(foreign.unwrap_err().0.contains("another site"));
        assert!(post(Some("127.0.0.1:4000"), Some("null"), Some("t0k3n")).is_err());
        assert!(post(Some("127.0.0.1:4000"), None, Some("t0k3n")).is_err());
        assert!(post(Some("127.0.0.1:4000"), Some(own), None).is_err());
        assert!(post(Some("127.0.0.1:4000"), Some(own), Some("t0k3m")).is_err());
        assert!(post(Some("127.0.0.1:4000"), Some(own), Some("")).is_err());
        let t = new_token().unwrap();
        assert_eq!(t.len(), 32);
        assert_ne!(t, new_token().unwrap());
    }

    #[test]
    fn forms_decode() {
        let f = parse_form("id=st-1&note=two+words%21&title=S%C3%A9ance&x");
        assert_eq!(f["note"], "two words!");
        assert_eq!(f["title"], "Séance");
        assert_eq!(f["x"], "");
    }

    #[test]
    fn a_fix_writes_only_what_changed() {
        let f = facts();
        let fix = |pairs: &[(&str, &str)], existing: Option<&Entry>| {
            let mut all = vec![("id", "st-1"), ("action", "fix")];
            all.extend_from_slice(pairs);
            decide(&form(&all), &f, existing)
        };
        let unchanged = [
            ("value", "1000"),
            ("unit", "people"),
            ("qualifier", "exact"),
            ("measure", "people returned"),
            ("as_of", ""),
            ("low", ""),
        ];
        assert_eq!(fix(&unchanged, None).unwrap_err().field, "fix");
        let mut changed = unchanged.to_vec();
        changed[0] = ("value", "1200");
        changed.push(("unit_other", "migrants"));
        changed.push(("note", " typo "));
        assert_eq!(
            fix(&changed, None).unwrap().to_toml(),
            "[[correction]]\nid = \"st-1\"\naction = \"fix\"\nnote = \"typo\"\nvalue = 1200\nunit = \"migrants\"\n"
        );
        // On top of an existing fix, whose fields stay.
        let existing: Corrections =
            toml::from_str("[[correction]]\nid = \"st-1\"\naction = \"fix\"\nas_of = \"2019\"\n")
                .unwrap();
        let mut as_shown = unchanged.to_vec();
        as_shown[4] = ("as_of", "2019");
        as_shown[2] = ("qualifier", "about");
        assert_eq!(
            fix(&as_shown, Some(&existing.correction[0]))
                .unwrap()
                .to_toml(),
            "[[correction]]\nid = \"st-1\"\naction = \"fix\"\nqualifier = \"about\"\nas_of = \"2019\"\n"
        );
        // Approving a fixed fact keeps the fix.
        let approve = form(&[("id", "st-1"), ("action", "approve")]);
        let kept = decide(&approve, &f, Some(&existing.correction[0])).unwrap();
        assert!(
            kept.to_toml()
                .contains("action = \"fix\"\nas_of = \"2019\"")
        );
        // Bad values are refused naming the field.
        let mut bad = unchanged.to_vec();
        bad[4] = ("as_of", "1/2/2021");
        assert_eq!(fix(&bad, None).unwrap_err().field, "as_of");
        let unknown = form(&[("id", "st-9"), ("action", "approve")]);
        assert_eq!(decide(&unknown, &f, None).unwrap_err().field, "id");
    }

    #[test]
    fn an_event_gets_a_title_and_a_highlight() {
        let f = facts();
        let d = decide(
            &form(&[
                ("id", "ev-1"),
                ("action", "fix"),
                ("title", "Single adults returned"),
                ("date", "2019-03"),
                ("end", ""),
                ("relative", "false"),
                ("highlight", "true"),
            ]),
            &f,
            None,
        )
        .unwrap();
        assert_eq!(
            d.to_toml(),
            "[[correction]]\nid = \"ev-1\"\naction = \"fix\"\ntitle = \"Single adults returned\"\nhighlight = true\n"
        );
    }

    #[test]
    fn the_page_labels_every_field_and_escapes_text() {
        let f = facts();
        let c = Corrections::default();
        let html = render(&PageData {
            facts: &f,
            corrections: Ok(&c),
            corrections_path: "content/corrections.toml",
            site_root: "/demo/",
            token: "t0k3n",
            notice: Some(Notice::Saved("ev-1".into())),
            build_error: None,
        });
        assert!(html.contains("A &lt;report&gt;"), "{html}");
        assert!(html.contains("In <mark>March 2019</mark>, 1,000 people"));
        assert!(html.contains("Before. In March 2019"));
        assert!(html.contains("href=\"/demo/sources/a/#p-2\""));
        assert!(html.contains("name=\"token\" value=\"t0k3n\""));
        assert!(html.contains("type=\"number\" step=\"any\" value=\"1000\""));
        assert!(html.contains("2 facts: 0 with a decision, 2 without."));
        // Every control has a label pointing at it.
        let ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        for control in ["<input type=\"text\"", "<input type=\"number\"", "<select"] {
            assert!(html.contains(control));
        }
        for part in html
            .split("<input ")
            .skip(1)
            .chain(html.split("<select ").skip(1))
        {
            if part.starts_with("type=\"hidden\"") {
                continue;
            }
            let id = &part[part.find("id=\"").unwrap() + 4..];
            let id = &id[..id.find('"').unwrap()];
            assert!(
                html.contains(&format!("<label for=\"{id}\"")),
                "no label for {id}"
            );
            assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id} twice");
        }
    }
}
