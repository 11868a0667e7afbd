//! Plain text (`.txt`, raw web captures) → [`Document`].
//!
//! In: the file's text, byte for byte (a leading BOM is skipped; `\n`, `\r\n` and `\r`
//! end lines). Out: title, dateline, blocks, references and dropped furniture lines.
//!
//! Every block's `text` is a verbatim slice of the source, trimmed only of surrounding
//! whitespace (Unicode White_Space, which includes NBSP), and `start` is its byte offset
//! in the source. A list item's text starts after its marker ("- ", "1. "); an
//! attribution keeps its leading "--". Nothing here rewrites text: quotes, NBSPs and footnote digits stay.
//!
//! The steps, each a small general rule:
//! 1. Lines; paragraphs ("units") are runs of non-blank lines (a line of only
//!    whitespace or NBSP is blank).
//! 2. Furniture ([`super::furniture`]): rules that hold anywhere, then before the title,
//!    then after the body, walking back from the end.
//! 3. Title: the first remaining unit, if it is one line, at most 30 words and has no
//!    sentence punctuation at its end.
//! 4. Dateline: among the first units, the first that is only a date
//!    ([`super::parse_dateline`]).
//! 5. Reference list: a heading from [`REFERENCE_HEADINGS`] followed by `[n]` entries;
//!    paragraphs without a label continue the previous entry.
//! 6. Body: epigraphs (a quoted paragraph followed by a `--`/`—` attribution), quoted
//!    runs (introduced by a paragraph ending in `:`, closed when the curly quotes
//!    balance), list items, conservative headings, paragraphs.
//! 7. Footnote markers ([`super::notes`]), only when there is a reference list.

use super::furniture::{self, Rule, ends_with_punctuation, is_label_line, list_marker_len};
use super::{notes, parse_dateline};
use crate::model::document::{Block, BlockKind, Document, Dropped, Format, Reference};
use std::collections::BTreeSet;

/// Headings that introduce a reference list (compared case-insensitively, with an
/// optional final colon).
pub const REFERENCE_HEADINGS: &[&str] = &[
    "resources",
    "references",
    "notes",
    "sources",
    "footnotes",
    "endnotes",
    "bibliography",
    "works cited",
];

/// A title has at most this many words.
const TITLE_MAX_WORDS: usize = 30;
/// A heading inside the body has at most this many words.
const HEADING_MAX_WORDS: usize = 10;
/// A heading inside the body has at most this many bytes.
const HEADING_MAX_BYTES: usize = 100;
/// A dateline is looked for among this many units after the title.
const DATELINE_WINDOW: usize = 6;
/// A quoted run may span at most this many paragraphs.
const QUOTE_RUN_MAX: usize = 30;

/// One non-blank line: the trimmed byte range in the source and its 1-based number.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    no: usize,
}

/// A paragraph: consecutive non-blank lines.
#[derive(Debug, Clone)]
struct Unit {
    lines: Vec<Line>,
}

impl Unit {
    fn start(&self) -> usize {
        self.lines[0].start
    }
    fn end(&self) -> usize {
        self.lines[self.lines.len() - 1].end
    }
    fn single(&self) -> bool {
        self.lines.len() == 1
    }
}

/// What a unit turned out to be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Body,
    Furniture(Rule),
    Title,
    Dateline,
    RefHeading,
    RefEntry,
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Splits `src` (from `base`) into trimmed, non-blank lines. Blank lines are kept as
/// `None` so paragraphs can be found.
fn lines(src: &str, base: usize) -> Vec<Option<Line>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut pos = base;
    let mut no = 1;
    while pos <= bytes.len() {
        let mut end = pos;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let raw = &src[pos..end];
        let trimmed = raw.trim_start_matches(is_space);
        let lead = raw.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(is_space);
        out.push((!trimmed.is_empty()).then_some(Line {
            start: pos + lead,
            end: pos + lead + trimmed.len(),
            no,
        }));
        if end >= bytes.len() {
            break;
        }
        pos = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        no += 1;
    }
    out
}

fn units(lines: Vec<Option<Line>>) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut cur: Vec<Line> = Vec::new();
    for l in lines {
        match l {
            Some(l) => cur.push(l),
            None if !cur.is_empty() => out.push(Unit {
                lines: std::mem::take(&mut cur),
            }),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(Unit { lines: cur });
    }
    out
}

/// Joins a paragraph that ends in a month name to the next when that one opens with the
/// rest of its date (`… was held on May` / `13, 2022. For the reasons …`): a page
/// converted with a blank line after every line cut the date in two. Only this shape:
/// the month is the last word (no closing mark), and the next paragraph starts with a
/// day number, a comma and a four-digit year.
fn join_split_dates(src: &str, units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        if let Some(prev) = out.last_mut()
            && ends_in_month(&src[prev.start()..prev.end()])
            && opens_with_day_and_year(&src[u.start()..u.end()])
        {
            prev.lines.extend(u.lines);
            continue;
        }
        out.push(u);
    }
    out
}

/// True if the last word of `t` is a month name (English, any case after the first
/// letter), preceded by another word on its line.
fn ends_in_month(t: &str) -> bool {
    let Some((head, last)) = t.rsplit_once(' ') else {
        return false;
    };
    !head.trim().is_empty()
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && crate::lang::lexicon::EN.month(last).is_some()
}

/// True if `t` opens with a day number (one or two digits), a comma and a year of four
/// digits (`13, 2022`).
fn opens_with_day_and_year(t: &str) -> bool {
    let b = t.as_bytes();
    let day = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&day) || b.get(day) != Some(&b',') || b.get(day + 1) != Some(&b' ') {
        return false;
    }
    let year = &b[(day + 2).min(b.len())..];
    year.len() >= 4
        && year[..4].iter().all(u8::is_ascii_digit)
        && year.get(4).is_none_or(|c| !c.is_ascii_digit())
}

/// True for the opening quotation marks a quoted paragraph may start with.
fn opens_quote(s: &str) -> bool {
    s.starts_with(['“', '"', '«', '„', '‘'])
}

/// An epigraph attribution line: `--Name`, `— Name`, `―Name`, `– Name`.
fn attribution_body(s: &str) -> Option<&str> {
    let rest = s
        .strip_prefix("--")
        .or_else(|| s.strip_prefix('—'))
        .or_else(|| s.strip_prefix('―'))
        .or_else(|| s.strip_prefix('–'))?;
    let rest = rest.trim_start_matches(is_space);
    (rest.chars().next().is_some_and(char::is_alphabetic) && rest.len() <= 400).then_some(rest)
}

/// Change in curly-quote depth over `s`: opening marks count +1, closing −1.
fn quote_balance(s: &str) -> i64 {
    s.chars()
        .map(|c| match c {
            '“' | '«' | '„' => 1,
            '”' | '»' => -1,
            _ => 0,
        })
        .sum()
}

fn is_reference_heading(s: &str) -> bool {
    let t = s.trim_end_matches(':').trim().to_lowercase();
    REFERENCE_HEADINGS.contains(&t.as_str())
}

/// `[12] text` / `[12]text` / `[^12]: text`: the number and the byte length of the label
/// (with the whitespace after it).
fn reference_label(s: &str) -> Option<(u32, usize)> {
    let rest = s.strip_prefix('[')?;
    let rest2 = rest.strip_prefix('^').unwrap_or(rest);
    let digits = rest2.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let n: u32 = rest2[..digits].parse().ok()?;
    let after = rest2[digits..].strip_prefix(']')?;
    let after = after.strip_prefix(':').unwrap_or(after);
    let label_len = s.len() - after.len();
    let text = after.trim_start_matches(is_space);
    Some((n, label_len + (after.len() - text.len())))
}

/// A heading inside the body: one short line, no sentence punctuation at its end, not an
/// introduction (":"), capitalised.
fn heading_shape(s: &str) -> bool {
    s.len() <= HEADING_MAX_BYTES
        && s.split_whitespace().count() <= HEADING_MAX_WORDS
        && !ends_with_punctuation(s)
        && !furniture::is_list_line(s)
        && s.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '“' | '‘' | '"'))
}

/// Body text that a heading may introduce: ends with sentence punctuation and is more
/// than a label.
fn is_body_text(s: &str) -> bool {
    ends_with_punctuation(s) && !is_label_line(s) && s.split_whitespace().count() >= 4
}

/// Converts plain text. See the module documentation.
pub fn convert_text(src: &str) -> Document {
    let base = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let units = join_split_dates(src, units(lines(src, base)));
    let texts: Vec<&str> = units.iter().map(|u| &src[u.start()..u.end()]).collect();
    let n = units.len();
    let mut roles = vec![Role::Body; n];

    // 2a. Rules that hold anywhere.
    for (i, r) in furniture::mark_anywhere(&texts).into_iter().enumerate() {
        if let Some(r) = r {
            roles[i] = Role::Furniture(r);
        }
    }
    // 2b. Before the title.
    let mut i = 0;
    while i < n {
        if roles[i] == Role::Body {
            match furniture::head_rule(texts[i]) {
                Some(r) => roles[i] = Role::Furniture(r),
                None => break,
            }
        }
        i += 1;
    }
    // 3. Title.
    let mut title = None;
    if i < n && units[i].single() {
        let t = texts[i];
        if t.len() <= 300
            && t.split_whitespace().count() <= TITLE_MAX_WORDS
            && !ends_with_punctuation(t)
            && parse_dateline(t).is_none()
        {
            roles[i] = Role::Title;
            title = Some(i);
        }
    }
    // 2c. After the body: the about section, then walk back while furniture.
    mark_tail(&units, &texts, &mut roles);
    // 2d. Menu runs across paragraphs: three or more label units in a row.
    mark_menu_runs(&units, &texts, &mut roles);

    // 4. Dateline.
    let mut dateline = None;
    let from = title.map_or(0, |t| t + 1);
    for j in (from..n)
        .filter(|&j| roles[j] == Role::Body)
        .take(DATELINE_WINDOW)
    {
        if units[j].single() && parse_dateline(texts[j]).is_some() {
            roles[j] = Role::Dateline;
            dateline = Some(j);
            break;
        }
    }

    // 5. Reference list.
    let references = mark_references(&units, &texts, &mut roles);

    // 6. Body blocks.
    let mut blocks = body_blocks(src, &units, &texts, &roles);

    // 7. Footnote markers.
    let numbers: BTreeSet<u32> = references.iter().map(|r| r.number).collect();
    if !numbers.is_empty() {
        let btexts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        let found = notes::find_markers(&btexts, &numbers);
        for (b, ms) in blocks.iter_mut().zip(found) {
            b.notes = ms;
        }
    }
    for (k, b) in blocks.iter_mut().enumerate() {
        b.paragraph = k as u32 + 1;
    }

    let mut dropped = Vec::new();
    for (u, role) in units.iter().zip(&roles) {
        if let Role::Furniture(rule) = role {
            for l in &u.lines {
                dropped.push(Dropped {
                    line: l.no,
                    text: src[l.start..l.end].to_string(),
                    reason: rule.reason().to_string(),
                });
            }
        }
    }

    Document {
        title: title.map(|t| texts[t].to_string()),
        dateline: dateline.map(|d| texts[d].to_string()),
        blocks,
        references,
        dropped,
        embedded: Default::default(),
        lists: Default::default(),
        format: Format::Text,
    }
}

/// Marks furniture after the body, walking back from the end.
fn mark_tail(units: &[Unit], texts: &[&str], roles: &mut [Role]) {
    let n = units.len();
    // The about section: an "About X" label among the last four paragraphs, followed
    // only by (at most three) paragraphs that are not themselves headings.
    let live: Vec<usize> = (0..n).filter(|&j| roles[j] == Role::Body).collect();
    let mut end = n;
    for &k in live.iter().rev().take(4) {
        if units[k].single() && furniture::is_about_heading(texts[k]) {
            let after = live.iter().filter(|&&j| j > k).count();
            if after <= 3 {
                for r in roles.iter_mut().skip(k) {
                    if *r == Role::Body {
                        *r = Role::Furniture(Rule::AboutSection);
                    }
                }
                end = k;
            }
            break;
        }
    }
    for j in (0..end).rev() {
        match roles[j] {
            Role::Body => match furniture::tail_rule(texts[j]) {
                Some(r) => roles[j] = Role::Furniture(r),
                None => break,
            },
            Role::Furniture(_) => continue,
            _ => break,
        }
    }
}

/// Three or more consecutive single-line label paragraphs (ignoring ones already
/// dropped) are a menu.
fn mark_menu_runs(units: &[Unit], texts: &[&str], roles: &mut [Role]) {
    let live: Vec<usize> = (0..units.len())
        .filter(|&j| roles[j] == Role::Body)
        .collect();
    let mut k = 0;
    while k < live.len() {
        let is_label = |j: usize| units[j].single() && furniture::is_menu_line(texts[j]);
        let mut e = k;
        while e < live.len() && is_label(live[e]) {
            e += 1;
        }
        if e - k >= 3 {
            for &j in &live[k..e] {
                roles[j] = Role::Furniture(Rule::MenuRun);
            }
        }
        k = e.max(k + 1);
    }
}

/// Finds the reference list (the last reference heading followed by a `[n]` entry, or a
/// trailing run of `[n]` entries starting at 1) and returns its entries.
fn mark_references(units: &[Unit], texts: &[&str], roles: &mut [Role]) -> Vec<Reference> {
    let live: Vec<usize> = (0..units.len())
        .filter(|&j| roles[j] == Role::Body)
        .collect();
    let labelled = |j: usize| reference_label(texts[j]).is_some();
    let mut first_entry = None;
    for (k, &j) in live.iter().enumerate().rev() {
        if units[j].single()
            && is_reference_heading(texts[j])
            && live.get(k + 1).is_some_and(|&e| labelled(e))
        {
            roles[j] = Role::RefHeading;
            first_entry = Some(k + 1);
            break;
        }
    }
    if first_entry.is_none() {
        // No heading: a trailing run of labelled paragraphs (at least two, no
        // continuations) that starts at [1].
        let mut k = live.len();
        while k > 0 && labelled(live[k - 1]) {
            k -= 1;
        }
        while k < live.len() && reference_label(texts[live[k]]).is_some_and(|(n, _)| n != 1) {
            k += 1;
        }
        if live.len() - k >= 2 {
            first_entry = Some(k);
        }
    }
    let Some(first) = first_entry else {
        return Vec::new();
    };
    let mut refs: Vec<Reference> = Vec::new();
    for &j in &live[first..] {
        roles[j] = Role::RefEntry;
        let t = texts[j];
        match reference_label(t) {
            Some((number, len)) => refs.push(Reference {
                number,
                text: t[len..].to_string(),
            }),
            None => {
                if let Some(last) = refs.last_mut() {
                    last.text.push('\n');
                    last.text.push_str(t);
                }
            }
        }
    }
    refs
}

/// The body blocks, from the units left as body (and the reference heading).
fn body_blocks(src: &str, units: &[Unit], texts: &[&str], roles: &[Role]) -> Vec<Block> {
    let live: Vec<usize> = (0..units.len())
        .filter(|&j| matches!(roles[j], Role::Body | Role::RefHeading))
        .collect();
    let mut kinds: Vec<Option<BlockKind>> = vec![None; units.len()];

    // Epigraphs and quoted runs.
    let mut k = 0;
    while k < live.len() {
        let j = live[k];
        if roles[j] == Role::RefHeading {
            k += 1;
            continue;
        }
        let t = texts[j];
        // Epigraph: quoted paragraph(s) followed by an attribution line.
        if opens_quote(t)
            && let Some(&a) = live.get(k + 1)
            && units[a].single()
            && attribution_body(texts[a]).is_some()
        {
            kinds[j] = Some(BlockKind::Quote);
            kinds[a] = Some(BlockKind::Attribution);
            k += 2;
            continue;
        }
        // Quoted run introduced by a line ending in ':'.
        let introduced = k > 0 && texts[live[k - 1]].trim_end().ends_with(':');
        if introduced && t.starts_with(['“', '«', '„']) {
            let mut depth = 0i64;
            let mut close = None;
            for (m, &q) in live[k..].iter().enumerate().take(QUOTE_RUN_MAX) {
                if roles[q] == Role::RefHeading {
                    break;
                }
                depth += quote_balance(texts[q]);
                if depth <= 0 {
                    close = Some(k + m);
                    break;
                }
            }
            if let Some(c) = close {
                for &q in &live[k..=c] {
                    kinds[q] = Some(BlockKind::Quote);
                }
                k = c + 1;
                continue;
            }
        }
        k += 1;
    }

    let mut blocks = Vec::new();
    let mut push = |kind: BlockKind, start: usize, end: usize| {
        blocks.push(Block {
            kind,
            text: src[start..end].to_string(),
            start: Some(start),
            paragraph: 0,
            notes: Vec::new(),
            page: None,
        });
    };
    for (k, &j) in live.iter().enumerate() {
        let u = &units[j];
        let t = texts[j];
        if roles[j] == Role::RefHeading {
            push(BlockKind::Heading { level: 2 }, u.start(), u.end());
            continue;
        }
        if let Some(kind) = kinds[j].clone() {
            push(kind, u.start(), u.end());
            continue;
        }
        // Lists: each line with a marker starts an item; lines without one continue it.
        if u.lines
            .iter()
            .any(|l| list_marker_len(&src[l.start..l.end]).is_some())
        {
            let mut para: Option<(usize, usize)> = None;
            let mut item: Option<(bool, usize, usize)> = None;
            for l in &u.lines {
                let lt = &src[l.start..l.end];
                match list_marker_len(lt) {
                    Some(m) => {
                        if let Some((s, e)) = para.take() {
                            push(BlockKind::Paragraph, s, e);
                        }
                        if let Some((o, s, e)) = item.take() {
                            push(BlockKind::ListItem { ordered: o }, s, e);
                        }
                        let ordered = lt.as_bytes()[0].is_ascii_digit();
                        let s = l.start
                            + m
                            + (lt[m..].len() - lt[m..].trim_start_matches(is_space).len());
                        if s < l.end {
                            item = Some((ordered, s, l.end));
                        }
                    }
                    None => match (&mut item, &mut para) {
                        (Some((_, _, e)), _) => *e = l.end,
                        (None, Some((_, e))) => *e = l.end,
                        (None, None) => para = Some((l.start, l.end)),
                    },
                }
            }
            if let Some((s, e)) = para {
                push(BlockKind::Paragraph, s, e);
            }
            if let Some((o, s, e)) = item {
                push(BlockKind::ListItem { ordered: o }, s, e);
            }
            continue;
        }
        // Headings: stand alone between body paragraphs and introduce body text.
        let after_body = k > 0 && roles[live[k - 1]] == Role::Body;
        let before_body = live
            .get(k + 1)
            .is_some_and(|&nx| roles[nx] == Role::Body && is_body_text(texts[nx]));
        if u.single() && after_body && before_body && heading_shape(t) {
            push(BlockKind::Heading { level: 2 }, u.start(), u.end());
            continue;
        }
        push(BlockKind::Paragraph, u.start(), u.end());
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(String, &str)> {
        doc.blocks
            .iter()
            .map(|b| {
                let k = match &b.kind {
                    BlockKind::Heading { .. } => "h",
                    BlockKind::Paragraph => "p",
                    BlockKind::Quote => "q",
                    BlockKind::Attribution => "a",
                    BlockKind::ListItem { .. } => "li",
                    BlockKind::Code { .. } => "code",
                };
                (k.to_string(), b.text.as_str())
            })
            .collect()
    }

    fn check_offsets(src: &str, doc: &Document) {
        for b in &doc.blocks {
            let s = b.start.unwrap();
            assert_eq!(&src[s..s + b.text.len()], b.text);
        }
    }

    #[test]
    fn a_date_cut_by_a_blank_line_is_joined() {
        let src = "Order\n\nThe court heard the parties. A hearing was held on May\n\n13, 2022. The motion is granted.\n\nIn May\n\n2022 was a year.";
        let doc = convert_text(src);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.contains("held on May\n\n13, 2022.")),
            "{texts:?}"
        );
        // Only a day and a year after the month: a year alone is not joined.
        assert!(
            !texts.iter().any(|t| t.contains("In May\n\n2022")),
            "{texts:?}"
        );
        check_offsets(src, &doc);
    }

    #[test]
    fn title_dateline_and_paragraphs() {
        let src = "back to top\n\nRiver Floods Reach the Capital\n\nMarch 3, 2021\n\nThe river rose overnight.\n \u{a0}\nResidents fled.";
        let doc = convert_text(src);
        assert_eq!(doc.title.as_deref(), Some("River Floods Reach the Capital"));
        assert_eq!(doc.dateline.as_deref(), Some("March 3, 2021"));
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[1].paragraph, 2);
        assert_eq!(doc.dropped.len(), 1);
        assert_eq!(doc.dropped[0].line, 1);
        check_offsets(src, &doc);
    }

    #[test]
    fn epigraph_and_attribution() {
        let src = "A Title\n\n“Water is life.”\n\u{a0}\n--A. Person, poet 1901-1950\n\nThe body starts here.";
        let doc = convert_text(src);
        let k = kinds(&doc);
        assert_eq!(k[0].0, "q");
        assert_eq!(k[1].0, "a");
        assert_eq!(k[2].0, "p");
    }

    #[test]
    fn quoted_run_closes_when_quotes_balance() {
        let src = "T\n\nThe agency says:\n\n“First part.\n\n“Second part,” he said.\n\nThird part.”\n\nAfter the quote.";
        let doc = convert_text(src);
        let k: Vec<String> = kinds(&doc).into_iter().map(|x| x.0).collect();
        assert_eq!(k, ["p", "q", "q", "q", "p"]);
    }

    #[test]
    fn unclosed_quoted_run_stays_paragraphs() {
        let src = "T\n\nThe agency says:\n\n“First part.\n\nNever closed.";
        let k: Vec<String> = kinds(&convert_text(src)).into_iter().map(|x| x.0).collect();
        assert_eq!(k, ["p", "p", "p"]);
    }

    #[test]
    fn lists() {
        let src = "T\n\nShopping:\n- eggs\n- milk\n  and cream\n\n1. one\n2) two";
        let doc = convert_text(src);
        let k = kinds(&doc);
        assert_eq!(k[0], ("p".into(), "Shopping:"));
        assert_eq!(k[1], ("li".into(), "eggs"));
        assert_eq!(k[2], ("li".into(), "milk\n  and cream"));
        assert_eq!(doc.blocks[3].kind, BlockKind::ListItem { ordered: true });
        assert_eq!(k[4], ("li".into(), "two"));
        check_offsets(src, &doc);
    }

    #[test]
    fn a_breakdown_of_short_count_lines_is_kept() {
        // One count a paragraph, no stops: a report's breakdown, not a menu.
        let src = "T\n\nOf the 135 individuals with records:\n\n0 individuals had homicide convictions\n\n11 individuals had sex offense convictions\n\n14 individuals had domestic violence convictions\n\nThe report ends here.";
        let doc = convert_text(src);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.contains(&"11 individuals had sex offense convictions"),
            "{texts:?}"
        );
        assert!(doc.dropped.is_empty(), "{:?}", doc.dropped);
    }

    #[test]
    fn headings_are_conservative() {
        let src = "T\n\nThe first paragraph ends here.\n\nA Section Heading\n\nThe section body has a sentence.\n\nA long line that has no final full stop but far too many words to be a heading at all\n\nMore text follows here.";
        let doc = convert_text(src);
        let k = kinds(&doc);
        assert_eq!(k[1].0, "h");
        assert_eq!(k[3].0, "p");
    }

    #[test]
    fn reference_list_with_continuations() {
        let src = "T\n\nBody says so1 and more2.\n\nNotes\n\n[1] First https://a.example/x;\n\nhttps://b.example/y\n\n[2]Second.\n\nback to top";
        let doc = convert_text(src);
        assert_eq!(doc.references.len(), 2);
        assert_eq!(
            doc.references[0].text,
            "First https://a.example/x;\nhttps://b.example/y"
        );
        assert_eq!(doc.references[1].text, "Second.");
        assert_eq!(doc.blocks.last().unwrap().text, "Notes");
        let ms: Vec<u32> = doc.blocks[0].notes.iter().map(|m| m.number).collect();
        assert_eq!(ms, vec![1, 2]);
    }

    #[test]
    fn tail_furniture_and_about_section() {
        let src = "T\n\nThe story ends.\n\nSubscribe to our newsletter.\n\n© 2020 Example News\n\nMore Stories\n\nAbout Example News\n\nExample News covers the valley.";
        let doc = convert_text(src);
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.dropped.len(), 5);
    }

    #[test]
    fn crlf_and_bom_keep_offsets_verbatim() {
        let src = "\u{feff}Title Here\r\n\r\nFirst para.\r\nSame para.\r\n\r\nSecond.";
        let doc = convert_text(src);
        assert_eq!(doc.title.as_deref(), Some("Title Here"));
        assert_eq!(doc.blocks[0].text, "First para.\r\nSame para.");
        check_offsets(src, &doc);
    }

    #[test]
    fn hostile_and_degenerate_inputs() {
        for src in [
            "",
            " \n\u{a0}\n\t",
            "\u{feff}",
            "\r\r\n\r",
            "ü",
            "[1]",
            "“",
            "--",
        ] {
            let doc = convert_text(src);
            check_offsets(src, &doc);
        }
        let big = "ä".repeat(2_500_000);
        let doc = convert_text(&big);
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn pathological_text_is_bounded() {
        use crate::convert::{anchorable_count, to_markdown};
        let mut big = "a1".repeat(2_500_000);
        big.push_str("\n\nNotes\n\n[1] x\n\n[2] y");
        let many = "Word.\n\n- item\n\n“Quote:\n\n".repeat(20_000);
        let lone_cr = "Title\n\nLine one\r- two\r1. three\r===\r> four";
        for src in [big.as_str(), many.as_str(), lone_cr] {
            let t = std::time::Instant::now();
            let doc = convert_text(src);
            check_offsets(src, &doc);
            let md = to_markdown(&doc);
            assert_eq!(anchorable_count(&md), doc.blocks.len());
            assert!(t.elapsed().as_secs() < 30);
        }
    }
}
