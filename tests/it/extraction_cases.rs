//! Spec-style extraction cases from `tests/cases/extraction.txt` (English) and
//! `tests/cases/extraction_es.txt` (Spanish).
//!
//! Format (one case per `---`-terminated record; `#` lines are comments):
//!
//! ```text
//! language: es                  (sticky, like `published`; `en` until set)
//! published: 2021-03            (sticky: applies to later cases until changed; `none` clears)
//! kind: paragraph               (optional: paragraph, quote, attribution, list, heading)
//! text: CBP encountered more than 170,000 migrants in March 2021.
//! event: 2021-03 "March 2021"               (date or START..END, span, optional `relative`)
//! stat: 170000 "people" "more than" "more than 170,000 migrants"
//! ---
//! ```
//!
//! In `text:`, `\n` stands for a line break (the lines of one paragraph).
//! A stat value is a number, `LOW..HIGH` for a range, or `N/OF` for an "N of OF" ratio.
//! The `event:` and `stat:` lines of a case are the complete expected lists, in order:
//! a case with none expects nothing. `events: any` or `stats: any` skips that check.

use brief::extract::{Context, extract_document};
use brief::model::date::PartialDate;
use brief::model::document::{Block, BlockKind};

#[derive(Default, Clone)]
struct Case {
    line: usize,
    language: String,
    published: Option<PartialDate>,
    kind: Option<String>,
    text: String,
    events: Vec<String>,
    stats: Vec<String>,
    any_events: bool,
    any_stats: bool,
}

/// Splits `a "b c" "d"` into `["a", "b c", "d"]`.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').unwrap_or(r.len());
            out.push(r[..end].to_string());
            rest = r.get(end + 1..).unwrap_or("").trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    out
}

fn parse(src: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut published = None;
    let mut language = "en".to_string();
    let mut cur = Case::default();
    for (n, line) in src.lines().enumerate() {
        let line_no = n + 1;
        let t = line.trim_end();
        if t.trim_start().starts_with('#') || t.trim().is_empty() {
            continue;
        }
        if t == "---" {
            cur.published = published;
            cur.language = language.clone();
            cases.push(std::mem::take(&mut cur));
            continue;
        }
        let (key, val) = t
            .split_once(':')
            .unwrap_or_else(|| panic!("line {line_no}: no key"));
        let val = val.trim_start();
        if cur.line == 0 {
            cur.line = line_no;
        }
        match key {
            "published" => {
                published = if val == "none" {
                    None
                } else {
                    Some(PartialDate::parse(val).unwrap())
                }
            }
            "language" => language = val.to_string(),
            "kind" => cur.kind = Some(val.to_string()),
            "text" => cur.text = val.replace("\\n", "\n"),
            "event" => cur.events.push(val.to_string()),
            "stat" => cur.stats.push(val.replace("\\n", "\n")),
            "events" if val == "any" => cur.any_events = true,
            "stats" if val == "any" => cur.any_stats = true,
            _ => panic!("line {line_no}: unknown key {key}"),
        }
    }
    // The last case needs no `---` after it.
    if !cur.text.is_empty() {
        cur.published = published;
        cur.language = language;
        cases.push(cur);
    }
    cases
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn normalise_stat(spec: &str) -> String {
    let t = tokens(spec);
    let v = &t[0];
    let value = if let Some((a, b)) = v.split_once("..") {
        format!(
            "{}..{}",
            fmt_num(a.parse().unwrap()),
            fmt_num(b.parse().unwrap())
        )
    } else if let Some((a, b)) = v.split_once('/') {
        format!(
            "{}/{}",
            fmt_num(a.parse().unwrap()),
            fmt_num(b.parse().unwrap())
        )
    } else {
        fmt_num(v.parse().unwrap_or_else(|_| panic!("bad value {v}")))
    };
    format!("{value} {:?} {:?} {:?}", t[1], t[2], t[3])
}

fn normalise_event(spec: &str) -> String {
    let t = tokens(spec);
    let relative = t.get(2).is_some_and(|r| r == "relative");
    format!(
        "{} {:?}{}",
        t[0],
        t[1],
        if relative { " relative" } else { "" }
    )
}

#[test]
fn extraction_cases() {
    run_cases("extraction.txt", 150);
}

#[test]
fn spanish_extraction_cases() {
    run_cases("extraction_es.txt", 100);
}

/// Runs the cases of `tests/cases/<file>`, which must hold at least `at_least`.
fn run_cases(file: &str, at_least: usize) {
    let path = format!("{}/tests/cases/{file}", env!("CARGO_MANIFEST_DIR"));
    let cases = parse(&std::fs::read_to_string(path).unwrap());
    assert!(cases.len() >= at_least, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let kind = match c.kind.as_deref() {
            None | Some("paragraph") => BlockKind::Paragraph,
            Some("quote") => BlockKind::Quote,
            Some("attribution") => BlockKind::Attribution,
            Some("list") => BlockKind::ListItem { ordered: false },
            Some("heading") => BlockKind::Heading { level: 2 },
            Some(k) => panic!("line {}: unknown kind {k}", c.line),
        };
        let block = Block {
            kind,
            text: c.text.clone(),
            start: None,
            paragraph: 1,
            notes: vec![],
            page: None,
        };
        let ctx = Context {
            published: c.published,
            language: c.language.clone(),
            title: None,
        };
        let facts = extract_document(std::slice::from_ref(&block), &ctx);
        let got_events: Vec<String> = facts
            .events
            .iter()
            .map(|e| {
                let d = match e.end {
                    Some(end) => format!("{}..{}", e.date, end),
                    None => e.date.to_string(),
                };
                format!(
                    "{d} {:?}{}",
                    e.span,
                    if e.relative { " relative" } else { "" }
                )
            })
            .collect();
        let got_stats: Vec<String> = facts
            .statistics
            .iter()
            .map(|s| {
                let v = match (s.value, s.low, s.high, s.of) {
                    (Some(v), _, _, Some(of)) => format!("{}/{}", fmt_num(v), fmt_num(of)),
                    (Some(v), _, _, None) => fmt_num(v),
                    (None, Some(l), Some(h), _) => format!("{}..{}", fmt_num(l), fmt_num(h)),
                    _ => "?".into(),
                };
                format!("{v} {:?} {:?} {:?}", s.unit, s.qualifier.as_str(), s.span)
            })
            .collect();
        for s in &facts.statistics {
            assert!(block.text[s.quote_offset..].starts_with(&s.quote));
            assert!(s.quote[s.span_offset..].starts_with(&s.span));
        }
        for e in &facts.events {
            assert!(block.text[e.quote_offset..].starts_with(&e.quote));
            assert!(e.quote[e.span_offset..].starts_with(&e.span));
        }
        let want_events: Vec<String> = c.events.iter().map(|e| normalise_event(e)).collect();
        let want_stats: Vec<String> = c.stats.iter().map(|s| normalise_stat(s)).collect();
        if !c.any_events && got_events != want_events {
            failures.push(format!(
                "line {}: {}\n    events want {want_events:?}\n           got  {got_events:?}",
                c.line, c.text
            ));
        }
        if !c.any_stats && got_stats != want_stats {
            failures.push(format!(
                "line {}: {}\n    stats want {want_stats:?}\n          got  {got_stats:?}",
                c.line, c.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
