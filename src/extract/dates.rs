//! Date expressions in one sentence: absolute dates, periods and dates relative to the
//! document's published date.
//!
//! In: a sentence (already masked: footnote markers and URLs blanked out), the published
//! date and the language's [`Lexicon`]. Out: [`DateHit`]s — byte range of the date words,
//! the resolved start (and end for a period) and whether context supplied part of it.
//! Expressions are tried from most to least specific; an expression never overlaps one
//! found before it.

use super::lexicon::Lexicon;
use super::text::{
    PhraseSet, Range, ascii_stand_in, char_at, char_before, strict_ascii_stand_in, word_after,
    word_before,
};
use crate::model::date::{PartialDate, Precision};
use regex::{Captures, Regex, RegexSet};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// One date expression found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateHit {
    /// Byte offset of the date words in the sentence.
    pub start: usize,
    /// Byte offset just past the date words.
    pub end: usize,
    /// The (start) date.
    pub date: PartialDate,
    /// The end of a period.
    pub end_date: Option<PartialDate>,
    /// True when part of the date came from context (the published date).
    pub relative: bool,
}

/// A pattern compiled on first use: most sentences need only a few of them, and a small
/// site may never need some.
struct Pattern {
    source: String,
    regex: OnceLock<Regex>,
}

impl Pattern {
    fn new(source: String) -> Pattern {
        Pattern {
            source,
            regex: OnceLock::new(),
        }
    }

    /// The compiled regex (its source was checked when the set of all was built).
    fn get(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.source).expect("checked by the set"))
    }
}

struct Patterns {
    between: Pattern,
    from: Pattern,
    since: Pattern,
    year_dash: Pattern,
    month_range: Pattern,
    day_range: Pattern,
    part_of: Pattern,
    year_pair: Pattern,
    decade: Pattern,
    full_mdy: Pattern,
    full_dmy: Pattern,
    num_us: Pattern,
    iso: Pattern,
    month_year: Pattern,
    month_day: Pattern,
    day_of_month: Pattern,
    bare_month: Pattern,
    year: Pattern,
    today: Pattern,
    now: Pattern,
    yesterday: Pattern,
    tomorrow: Pattern,
    weekday: Pattern,
    ago: Pattern,
    /// Any month name, anywhere: a cheap test before the patterns that need one.
    any_month: Regex,
    /// The words that mark a future event.
    future: PhraseSet,
    /// The non-ASCII characters of the patterns (`–`, `—`), for their ASCII stand-in.
    literals: String,
    /// All patterns of [`Patterns::listed`], to learn in one pass which can match.
    set: RegexSet,
}

impl Patterns {
    /// The patterns run over a whole sentence (all but `bare_month`, which runs on a
    /// stand-in of its own), in the order of `set`.
    fn listed(&self) -> [&Pattern; 23] {
        [
            &self.between,
            &self.from,
            &self.since,
            &self.year_dash,
            &self.month_range,
            &self.day_range,
            &self.part_of,
            &self.year_pair,
            &self.decade,
            &self.full_mdy,
            &self.full_dmy,
            &self.num_us,
            &self.iso,
            &self.month_year,
            &self.month_day,
            &self.day_of_month,
            &self.year,
            &self.today,
            &self.now,
            &self.yesterday,
            &self.tomorrow,
            &self.weekday,
            &self.ago,
        ]
    }
}

fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.iter()
        .map(|w| {
            let e = regex::escape(w);
            if w.ends_with('.') {
                e
            } else {
                format!(r"{e}\b")
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

fn patterns(lex: &'static Lexicon) -> &'static Patterns {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static Patterns>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(lex.code)
        .or_insert_with(|| Box::leak(Box::new(build(lex))))
}

fn build(lex: &Lexicon) -> Patterns {
    // Digits are `[0-9]`, not `\d`: every parser here reads ASCII digits only, and a
    // Unicode `\d` makes each pattern about twice as slow to compile.
    let m = format!("(?:{})", alternation(lex.months.iter().map(|(w, _)| *w)));
    let y = r"(?:18|19|20)[0-9][0-9]";
    let d = r"[0-9]{1,2}(?:st|nd|rd|th)?";
    let full_mdy = format!(r"{m}\s+{d},?\s+{y}");
    let full_dmy = format!(r"{d}\s+(?:of\s+)?{m},?\s+{y}");
    let num_us = format!(r"[0-9]{{1,2}}[-/][0-9]{{1,2}}[-/]{y}");
    let iso = format!(r"{y}-[0-9][0-9]-[0-9][0-9]");
    let my = format!(r"{m},?\s+(?:of\s+)?{y}");
    let abs = format!(r"(?:{full_mdy}|{full_dmy}|{num_us}|{iso}|{my}|{y})");
    let words = |l: &[&str]| format!("(?:{})", alternation(l.iter().copied()));
    let ci = |p: String| Pattern::new(format!("(?i:{p})"));
    let re = Pattern::new;
    let num_words = alternation(lex.number_words.iter().map(|(w, _)| *w));
    let ordinals = alternation(lex.ordinals.iter().map(|(w, _)| *w));
    let periods = alternation(lex.period_words.iter().map(|(w, _)| *w));
    let ago_units = alternation(lex.ago_units.iter().map(|(w, _)| *w));
    let year_deictics = alternation(lex.year_deictics.iter().map(|(w, _)| *w));
    let preps = alternation(lex.date_prepositions.iter().copied());
    let weekdays = alternation(lex.weekdays.iter().copied());
    let mut p = Patterns {
        between: re(format!(
            r"\b(?i:{})\s+({abs})\s+(?i:{})\s+({abs})\b",
            words(lex.span_between),
            words(lex.span_and)
        )),
        from: re(format!(
            r"\b(?i:{})\s+({abs})\s+(?i:{})\s+({abs})\b",
            words(lex.span_from),
            words(lex.span_through)
        )),
        since: re(format!(r"\b(?i:{})\s+({abs})\b", words(lex.since))),
        year_dash: re(format!(r"\b({y})\s?[-–—]\s?({y}|[0-9][0-9])\b")),
        month_range: re(format!(r"\b({m})\s?[-–]\s?({m}),?\s+({y})\b")),
        day_range: re(format!(
            r"\b({m})\s+([0-9]{{1,2}})\s?[-–]\s?([0-9]{{1,2}}),?\s+({y})\b"
        )),
        part_of: ci(format!(
            r"\bthe\s+({ordinals})\s+(?:([0-9]{{1,2}}|{num_words})\s+)?({periods})\s+of\s+({y})\b"
        )),
        year_pair: re(format!(r"\b({y})\s+(?i:{})\s+({y})\b", words(lex.span_and))),
        decade: re(format!(
            r"\b((?:19|20)[0-9]0){}\b",
            regex::escape(lex.decade_suffix)
        )),
        full_mdy: re(format!(
            r"\b({m})\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+({y})\b"
        )),
        full_dmy: re(format!(
            r"\b([0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m}),?\s+({y})\b"
        )),
        num_us: re(format!(r"\b([0-9]{{1,2}})[-/]([0-9]{{1,2}})[-/]({y})\b")),
        iso: re(format!(r"\b({y})-([0-9][0-9])-([0-9][0-9])\b")),
        month_year: re(format!(r"\b({m}),?\s+(?:of\s+)?({y})\b")),
        month_day: re(format!(r"\b({m})\s+([0-9]{{1,2}})(?:st|nd|rd|th)?\b")),
        day_of_month: re(format!(
            r"\b([0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m})"
        )),
        bare_month: re(format!(
            r"\b(?i:{preps})\s+(?:(?i:early|mid|late)[-\s]+)?(({m})(?:\s+(?i:{year_deictics}))?)"
        )),
        year: re(format!(r"\b({y})\b")),
        today: ci(format!(r"\b{}", words(lex.today))),
        now: ci(format!(r"\b{}", words(lex.now))),
        yesterday: ci(format!(r"\b{}", words(lex.yesterday))),
        tomorrow: ci(format!(r"\b{}", words(lex.tomorrow))),
        weekday: re(format!(r"\b(?:{weekdays})")),
        ago: ci(format!(
            r"\b([0-9]{{1,3}}|{num_words}|an?)\s+({ago_units})\s+{}\b",
            regex::escape(lex.ago)
        )),
        any_month: Regex::new(
            &lex.months
                .iter()
                .map(|(w, _)| regex::escape(w))
                .collect::<Vec<_>>()
                .join("|"),
        )
        .unwrap(),
        future: PhraseSet::new(lex.future_markers),
        literals: String::new(),
        set: RegexSet::empty(),
    };
    p.literals = p
        .listed()
        .iter()
        .flat_map(|r| r.source.chars())
        .filter(|c| !c.is_ascii())
        .collect();
    p.set = RegexSet::new(p.listed().iter().map(|r| &r.source)).unwrap();
    p
}

/// Parses one absolute date expression (`August 2010`, `05-23-2018`, `2014`).
fn parse_abs(s: &str, lex: &'static Lexicon) -> Option<PartialDate> {
    let p = patterns(lex);
    let s = s.trim();
    let whole = |r: &Regex| {
        r.captures(s)
            .filter(|c| c.get(0).is_some_and(|m| m.as_str() == s))
    };
    if let Some(c) = whole(p.full_mdy.get()) {
        return PartialDate::day(num(&c, 3)?, lex.month(&c[1])?, num(&c, 2)? as u8);
    }
    if let Some(c) = whole(p.full_dmy.get()) {
        return PartialDate::day(num(&c, 3)?, lex.month(&c[2])?, num(&c, 1)? as u8);
    }
    if let Some(c) = whole(p.num_us.get()) {
        return PartialDate::day(num(&c, 3)?, num(&c, 1)? as u8, num(&c, 2)? as u8);
    }
    if let Some(c) = whole(p.iso.get()) {
        return PartialDate::day(num(&c, 1)?, num(&c, 2)? as u8, num(&c, 3)? as u8);
    }
    if let Some(c) = whole(p.month_year.get()) {
        return PartialDate::month(num(&c, 2)?, lex.month(&c[1])?);
    }
    if let Some(c) = whole(p.year.get()) {
        return Some(PartialDate::year(num(&c, 1)?));
    }
    None
}

fn num(c: &Captures, i: usize) -> Option<i32> {
    c.get(i)?.as_str().parse().ok()
}

// The most frequent date patterns (`full_dmy`, `day_of_month`, `month_year`) are read
// from the text of their matches rather than from capture groups, which cost a
// backtracking search per match. Their shape leaves no doubt where each group is:
// a match starts with its day digits (a run the pattern ends with a letter or a space)
// or with its month name; the month name is a single word without commas; the year is
// the last four characters.

/// The number a match starts with: its first group `(\d{1,2})`.
fn leading_number(t: &str) -> Option<i32> {
    let end = t.find(|c: char| !c.is_numeric()).unwrap_or(t.len());
    t[..end].parse().ok()
}

/// The month word before the year a match ends with (`… May, 2019` → `May`), and the
/// year.
fn before_year(t: &str) -> (&str, Option<i32>) {
    let Some((year_start, _)) = t.char_indices().rev().nth(3) else {
        return ("", None);
    };
    let head = t[..year_start].trim_end();
    let head = head.strip_suffix(',').unwrap_or(head);
    let month = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    (month, t[year_start..].parse().ok())
}

/// True if the sentence speaks of the future (`will`, `upcoming`, …).
pub fn is_future(sentence: &str, lex: &'static Lexicon) -> bool {
    patterns(lex).future.any_in(&sentence.to_lowercase())
}

/// True if `phrase` occurs in `hay` (both lower case) as whole words.
pub fn has_phrase(hay: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(k) = hay.get(from..).and_then(|h| h.find(phrase)) {
        let s = from + k;
        let e = s + phrase.len();
        let ok_before = char_before(hay, s).is_none_or(|c| !c.is_alphanumeric());
        let ok_after = char_at(hay, e).is_none_or(|c| !c.is_alphanumeric());
        if ok_before && ok_after {
            return true;
        }
        from = s + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Year for a month (and day) given without one: the published year, moved back a year
/// when that would put a past event after publication, forward when a future event
/// would fall before it.
fn year_for(month: u8, day: Option<u8>, published: PartialDate, future: bool) -> i32 {
    let Some(pm) = published.month else {
        return published.year;
    };
    let (after, before) = match (day, published.day) {
        (Some(d), Some(pd)) => ((month, d) > (pm, pd), (month, d) < (pm, pd)),
        _ => (month > pm, month < pm),
    };
    if after && !future {
        published.year - 1
    } else if before && future {
        published.year + 1
    } else {
        published.year
    }
}

fn overlaps(taken: &[Range], s: usize, e: usize) -> bool {
    taken.iter().any(|&(a, b)| s < b && a < e)
}

/// Finds the date expressions of one sentence.
pub fn find_dates(s: &str, published: Option<PartialDate>, lex: &'static Lexicon) -> Vec<DateHit> {
    let p = patterns(lex);
    let mut hits: Vec<DateHit> = Vec::new();
    let mut taken: Vec<Range> = Vec::new();
    let future = is_future(s, lex);
    // Cheap tests first: most patterns need a digit (every year has two), many a month
    // name. A pattern that cannot match searches the empty text instead of `s`.
    let digits = s
        .chars()
        .any(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()));
    let months = p.any_month.is_match(s);
    // On non-ASCII text the patterns run on a stand-in (same matches, same offsets; see
    // `strict_ascii_stand_in`) when one can be made: a Unicode `\b` slows them down.
    let strict = strict_ascii_stand_in(s, &p.literals);
    // Which patterns match anywhere: one pass of the set over the stand-in (an ASCII
    // sentence is its own). Without a stand-in every pattern is tried.
    let matched = strict.as_ref().map(|h| p.set.matches(h));
    let hay = strict.unwrap_or(Cow::Borrowed(s));
    let on = |r: &Pattern, ok: bool| {
        ok && matched.as_ref().is_none_or(|m| {
            p.listed()
                .iter()
                .position(|x| std::ptr::eq(*x, r))
                .is_some_and(|i| m.matched(i))
        })
    };
    let mut add = |hits: &mut Vec<DateHit>, h: DateHit| {
        if h.start < h.end && !overlaps(&taken, h.start, h.end) {
            if let Some(e) = h.end_date
                && e <= h.date
                && e.precision() == h.date.precision()
            {
                return;
            }
            taken.push((h.start, h.end));
            hits.push(h);
        }
    };
    let span = |start: usize, end: usize, a: PartialDate, b: PartialDate| DateHit {
        start,
        end,
        date: a,
        end_date: Some(b),
        relative: false,
    };
    // A span of whole years, `a` to `b`, over the words of `m`.
    let years = |m: regex::Match, a: i32, b: i32| {
        span(
            m.start(),
            m.end(),
            PartialDate::year(a),
            PartialDate::year(b),
        )
    };
    let point = |start: usize, end: usize, a: PartialDate, relative: bool| DateHit {
        start,
        end,
        date: a,
        end_date: None,
        relative,
    };

    // Periods with explicit ends.
    for r in [&p.between, &p.from] {
        if on(r, digits) {
            for c in r.get().captures_iter(&hay) {
                let (Some(a), Some(b)) = (parse_abs(&c[1], lex), parse_abs(&c[2], lex)) else {
                    continue;
                };
                let m = c.get(0).unwrap();
                add(&mut hits, span(m.start(), m.end(), a, b));
            }
        }
    }
    if on(&p.day_range, digits && months) {
        for c in p.day_range.get().captures_iter(&hay) {
            let (Some(mo), Some(y)) = (lex.month(&c[1]), num(&c, 4)) else {
                continue;
            };
            let (Some(d1), Some(d2)) = (num(&c, 2), num(&c, 3)) else {
                continue;
            };
            if let (Some(a), Some(b)) = (
                PartialDate::day(y, mo, d1 as u8),
                PartialDate::day(y, mo, d2 as u8),
            ) {
                let m = c.get(0).unwrap();
                add(&mut hits, span(m.start(), m.end(), a, b));
            }
        }
    }
    if on(&p.month_range, digits && months) {
        for c in p.month_range.get().captures_iter(&hay) {
            let (Some(m1), Some(m2), Some(y)) = (lex.month(&c[1]), lex.month(&c[2]), num(&c, 3))
            else {
                continue;
            };
            if let (Some(a), Some(b)) = (PartialDate::month(y, m1), PartialDate::month(y, m2)) {
                let m = c.get(0).unwrap();
                add(&mut hits, span(m.start(), m.end(), a, b));
            }
        }
    }
    if on(&p.part_of, digits) {
        for c in p.part_of.get().captures_iter(&hay) {
            let ord = c[1].to_lowercase();
            let ordv = lex
                .ordinals
                .iter()
                .find(|(w, _)| *w == ord)
                .map(|&(_, v)| v);
            let unit = c[3].to_lowercase();
            let per = lex
                .period_words
                .iter()
                .find(|(w, _)| *w == unit)
                .map(|&(_, v)| v);
            let (Some(ordv), Some(per), Some(y)) = (ordv, per, num(&c, 4)) else {
                continue;
            };
            let n: u8 = match c.get(2) {
                Some(g) => g
                    .as_str()
                    .parse()
                    .ok()
                    .or_else(|| lex.number_word(g.as_str()).map(|v| v as u8))
                    .unwrap_or(0),
                None => 1,
            };
            // `the first six months` (per = 1 month, n = 6), `the second quarter` (per = 3, n = 1).
            let len = per.saturating_mul(n);
            if len == 0 || len > 12 {
                continue;
            }
            let (m1, m2) = if ordv == 0 {
                (13 - len, 12)
            } else if per == 1 {
                if ordv != 1 {
                    continue;
                }
                (1, len)
            } else {
                let first = (ordv - 1) * per + 1;
                (first, first + len - 1)
            };
            if m2 > 12 {
                continue;
            }
            if let (Some(a), Some(b)) = (PartialDate::month(y, m1), PartialDate::month(y, m2)) {
                let m = c.get(0).unwrap();
                add(&mut hits, span(m.start(), m.end(), a, b));
            }
        }
    }
    if on(&p.year_dash, digits) {
        for c in p.year_dash.get().captures_iter(&hay) {
            let m = c.get(0).unwrap();
            // `05-23-2018`: a numeric date, not a span.
            if char_before(s, m.start()).is_some_and(|ch| ch == '-' || ch == '/')
                || char_at(s, m.end()).is_some_and(|ch| ch == '-' || ch == '/')
            {
                continue;
            }
            let Some(a) = num(&c, 1) else { continue };
            let Some(mut b) = num(&c, 2) else { continue };
            if c[2].len() == 2 {
                b += a / 100 * 100;
            }
            if b > a && b - a < 100 {
                add(&mut hits, years(m, a, b));
            }
        }
    }
    if on(&p.year_pair, digits) {
        for c in p.year_pair.get().captures_iter(&hay) {
            let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
                continue;
            };
            // Two consecutive years joined by `and` read as one two-year period; other
            // pairs are separate points (found by the year pass below).
            if b == a + 1 {
                let m = c.get(0).unwrap();
                add(&mut hits, years(m, a, b));
            }
        }
    }
    if on(&p.since, digits) {
        for c in p.since.get().captures_iter(&hay) {
            if let Some(a) = parse_abs(&c[1], lex) {
                let m = c.get(0).unwrap();
                add(&mut hits, point(m.start(), m.end(), a, false));
            }
        }
    }
    if on(&p.decade, digits) {
        for c in p.decade.get().captures_iter(&hay) {
            if let Some(a) = num(&c, 1) {
                let m = c.get(0).unwrap();
                add(
                    &mut hits,
                    span(
                        m.start(),
                        m.end(),
                        PartialDate::year(a),
                        PartialDate::year(a + 9),
                    ),
                );
            }
        }
    }
    // Full and month dates.
    if on(&p.full_mdy, digits && months) {
        for c in p.full_mdy.get().captures_iter(&hay) {
            if let (Some(mo), Some(d), Some(y)) = (lex.month(&c[1]), num(&c, 2), num(&c, 3))
                && let Some(dt) = PartialDate::day(y, mo, d as u8)
            {
                let m = c.get(0).unwrap();
                add(&mut hits, point(m.start(), m.end(), dt, false));
            }
        }
    }
    if on(&p.full_dmy, digits && months) {
        // Frequent: the groups are read from the match's text (see `leading_number`).
        for m in p.full_dmy.get().find_iter(&hay) {
            let t = m.as_str();
            let (month, year) = before_year(t);
            if let (Some(d), Some(mo), Some(y)) = (leading_number(t), lex.month(month), year)
                && let Some(dt) = PartialDate::day(y, mo, d as u8)
            {
                add(&mut hits, point(m.start(), m.end(), dt, false));
            }
        }
    }
    let num_us = on(&p.num_us, digits).then(|| p.num_us.get().captures_iter(&hay));
    let iso = on(&p.iso, digits).then(|| p.iso.get().captures_iter(&hay));
    for c in num_us
        .into_iter()
        .flatten()
        .chain(iso.into_iter().flatten())
    {
        let m = c.get(0).unwrap();
        if let Some(dt) = parse_abs(m.as_str(), lex) {
            add(&mut hits, point(m.start(), m.end(), dt, false));
        }
    }
    if on(&p.month_year, digits && months) {
        for m in p.month_year.get().find_iter(&hay) {
            let t = m.as_str();
            let month = t.split(|c: char| c == ',' || c.is_whitespace()).next();
            let month = month.unwrap_or(t);
            if let (Some(mo), Some(y)) = (lex.month(month), before_year(t).1)
                && let Some(dt) = PartialDate::month(y, mo)
            {
                add(&mut hits, point(m.start(), m.end(), dt, false));
            }
        }
    }
    // Years on their own.
    // The year pattern's only group is the whole match: no need for captures.
    if on(&p.year, digits) {
        for m in p.year.get().find_iter(&hay) {
            if !plausible_year(s, m.start(), m.end(), lex) {
                continue;
            }
            if let Ok(y) = m.as_str().parse::<i32>() {
                add(
                    &mut hits,
                    point(m.start(), m.end(), PartialDate::year(y), false),
                );
            }
        }
    }
    // Everything below needs the published date.
    let Some(pubd) = published else {
        return sorted(hits);
    };
    if on(&p.month_day, digits && months) {
        for c in p.month_day.get().captures_iter(&hay) {
            let m = c.get(0).unwrap();
            if char_at(s, m.end()).is_some_and(|ch| ch.is_ascii_digit() || ch == '%') {
                continue;
            }
            if let (Some(mo), Some(d)) = (lex.month(&c[1]), num(&c, 2)) {
                let y = year_for(mo, Some(d as u8), pubd, future);
                if let Some(dt) = PartialDate::day(y, mo, d as u8) {
                    add(&mut hits, point(m.start(), m.end(), dt, true));
                }
            }
        }
    }
    if on(&p.day_of_month, digits && months) {
        for m in p.day_of_month.get().find_iter(&hay) {
            if char_before(s, m.start()).is_some_and(|ch| ch.is_ascii_digit() || ch == '$') {
                continue;
            }
            let t = m.as_str();
            let month = t.rsplit(char::is_whitespace).next().unwrap_or(t);
            if let (Some(d), Some(mo)) = (leading_number(t), lex.month(month)) {
                let y = year_for(mo, Some(d as u8), pubd, future);
                if let Some(dt) = PartialDate::day(y, mo, d as u8) {
                    add(&mut hits, point(m.start(), m.end(), dt, true));
                }
            }
        }
    }
    // `bare_month` starts with short words found everywhere; on non-ASCII text it runs
    // on an ASCII stand-in (same matches, same offsets; see `ascii_stand_in`).
    let stand_in = if months { ascii_stand_in(s) } else { None };
    let bare_hay = match (&stand_in, months) {
        (Some(t), _) => t.as_ref(),
        (None, true) => s,
        (None, false) => "",
    };
    for c in p.bare_month.get().captures_iter(bare_hay) {
        let g = c.get(1).unwrap();
        let month = c.get(2).unwrap();
        let Some(mo) = lex.month(&s[month.range()]) else {
            continue;
        };
        let low = s[g.range()].to_lowercase();
        let offset = lex
            .year_deictics
            .iter()
            .find(|(w, _)| low.ends_with(w))
            .map(|&(_, o)| o);
        let y = match offset {
            Some(o) => pubd.year + o,
            None => year_for(mo, None, pubd, future),
        };
        if let Some(dt) = PartialDate::month(y, mo) {
            add(&mut hits, point(g.start(), g.end(), dt, true));
        }
    }
    if on(&p.ago, true) {
        for c in p.ago.get().captures_iter(&hay) {
            let m = c.get(0).unwrap();
            let n: i32 = c[1]
                .parse()
                .ok()
                .or_else(|| lex.number_word(&c[1]).map(|v| v as i32))
                .unwrap_or(1);
            let unit = c[2].to_lowercase();
            let Some(&(_, months)) = lex.ago_units.iter().find(|(w, _)| *w == unit) else {
                continue;
            };
            let back = n * months as i32;
            let dt = if months % 12 == 0 {
                Some(PartialDate::year(pubd.year - back / 12))
            } else if let Some(pm) = pubd.month {
                let total = pubd.year * 12 + (pm as i32 - 1) - back;
                PartialDate::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
            } else {
                None
            };
            if let Some(dt) = dt {
                add(&mut hits, point(m.start(), m.end(), dt, true));
            }
        }
    }
    if on(&p.today, true) {
        for m in p.today.get().find_iter(&hay) {
            if today_announces(s, m.start(), m.end(), lex) {
                add(&mut hits, point(m.start(), m.end(), pubd, true));
            }
        }
    }
    if on(&p.now, true) {
        for m in p.now.get().find_iter(&hay) {
            let before = word_before(s, m.start()).map(|(w, _)| w.to_lowercase());
            let glued = char_before(s, m.start()).is_some_and(|c| !c.is_whitespace());
            if !glued && before.is_some_and(|w| Lexicon::is_in(lex.now_modals, &w)) {
                add(&mut hits, point(m.start(), m.end(), pubd, true));
            }
        }
    }
    if pubd.precision() == Precision::Day {
        let (y, mo, d) = (pubd.year, pubd.month.unwrap_or(1), pubd.day.unwrap_or(1));
        for (r, delta) in [(&p.yesterday, -1i64), (&p.tomorrow, 1)] {
            if on(r, true) {
                for m in r.get().find_iter(&hay) {
                    if let Some(dt) = shift_days(y, mo, d, delta) {
                        add(&mut hits, point(m.start(), m.end(), dt, true));
                    }
                }
            }
        }
        if on(&p.weekday, true) {
            for m in p.weekday.get().find_iter(&hay) {
                if said_before(s, m.start(), lex) {
                    continue;
                }
                let Some(target) = lex.weekdays.iter().position(|w| *w == m.as_str()) else {
                    continue;
                };
                let wd = crate::model::date::weekday(y, mo, d) as i64;
                let delta = if future {
                    let k = (target as i64 - wd).rem_euclid(7);
                    if k == 0 { 7 } else { k }
                } else {
                    -((wd - target as i64).rem_euclid(7))
                };
                if let Some(dt) = shift_days(y, mo, d, delta) {
                    add(&mut hits, point(m.start(), m.end(), dt, true));
                }
            }
        }
    }
    sorted(hits)
}

fn sorted(mut hits: Vec<DateHit>) -> Vec<DateHit> {
    hits.sort_by_key(|h| h.start);
    hits
}

/// A four-digit number that reads as a year: not money, not part of a bigger number,
/// not a count of something (`2000 migrants`), not a percentage.
fn plausible_year(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    if let Some(c) = char_before(s, start)
        && (c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '#' | '+' | '.' | ',' | '/'))
    {
        return false;
    }
    if let Some(c) = char_at(s, end) {
        if c == '%' || c.is_ascii_digit() {
            return false;
        }
        if (c == ',' || c == '.') && char_at(s, end + 1).is_some_and(|d| d.is_ascii_digit()) {
            return false;
        }
    }
    if let Some((w, _)) = word_after(s, end) {
        let w = w.trim_end_matches('.').to_lowercase();
        if lex.unit_of(&w).is_some()
            || Lexicon::is_in(lex.percent_words, &w)
            || lex.currency_words.iter().any(|(c, _)| *c == w)
        {
            return false;
        }
    }
    let year: i32 = s[start..end].parse().unwrap_or(0);
    (1800..=2100).contains(&year)
}

/// `Today, …` heading a clause, or `today` next to a verb of acting or announcing.
fn today_announces(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let word = &s[start..end];
    let after = s[end..].chars().next();
    if matches!(after, Some('’' | '\'')) {
        return false; // `today’s`
    }
    let first = word.chars().next().is_some_and(char::is_uppercase);
    if first && after == Some(',') {
        let before = s[..start].trim_end();
        let heads = before.is_empty()
            || before.ends_with(['—', '–', '-', ':', '“', '"'])
            || before.ends_with(',') && before.len() < 40;
        if heads {
            return true;
        }
    }
    let prev = word_before(s, start).map(|(w, _)| w.to_lowercase());
    let next = word_after(s, end).map(|(w, _)| w.to_lowercase());
    let acting = |w: &Option<String>| {
        w.as_deref()
            .is_some_and(|w| Lexicon::is_in(lex.action_verbs, w))
    };
    (acting(&prev) || acting(&next)) && !said_before(s, start, lex)
}

/// True if a speech verb stands right before (`said on Tuesday`, `said today`).
fn said_before(s: &str, start: usize, lex: &Lexicon) -> bool {
    let mut at = start;
    for _ in 0..2 {
        let Some((w, ws)) = word_before(s, at) else {
            return false;
        };
        let w = w.to_lowercase();
        if Lexicon::is_in(lex.speech_verbs, &w) {
            return true;
        }
        if !Lexicon::is_in(lex.date_prepositions, &w) {
            return false;
        }
        at = ws;
    }
    false
}

fn shift_days(y: i32, m: u8, d: u8, delta: i64) -> Option<PartialDate> {
    // Walk day by day; deltas are at most a week.
    let (mut y, mut m, mut d) = (y, m, d as i64);
    d += delta;
    while d < 1 {
        if m == 1 {
            m = 12;
            y -= 1;
        } else {
            m -= 1;
        }
        d += crate::model::date::days_in_month(y, m) as i64;
    }
    while d > crate::model::date::days_in_month(y, m) as i64 {
        d -= crate::model::date::days_in_month(y, m) as i64;
        if m == 12 {
            m = 1;
            y += 1;
        } else {
            m += 1;
        }
    }
    PartialDate::day(y, m, d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::lexicon;

    fn find(s: &str, published: &str) -> Vec<(String, String, bool)> {
        let pubd = PartialDate::parse(published).ok();
        find_dates(s, pubd, lexicon("en"))
            .into_iter()
            .map(|h| {
                let d = match h.end_date {
                    Some(e) => format!("{}..{}", h.date, e),
                    None => h.date.to_string(),
                };
                (d, s[h.start..h.end].to_string(), h.relative)
            })
            .collect()
    }

    fn one(s: &str, published: &str) -> (String, String, bool) {
        let v = find(s, published);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(one("It began in August 2010.", "2018").0, "2010-08");
        assert_eq!(
            one("Filed April 15, 2020 in court.", "2021").0,
            "2020-04-15"
        );
        assert_eq!(one("Dated 13 February, 2020.", "2021").0, "2020-02-13");
        assert_eq!(one("Posted 05-23-2018.", "2021").0, "2018-05-23");
        assert_eq!(one("In 2014, it changed.", "2021").0, "2014");
    }

    #[test]
    fn periods() {
        assert_eq!(
            one("between September 2008 and February 2009", "2018"),
            (
                "2008-09..2009-02".into(),
                "between September 2008 and February 2009".into(),
                false
            )
        );
        assert_eq!(
            one("in power from 1929 through 2000", "2018").0,
            "1929..2000"
        );
        assert_eq!(one("Commissioner 2014-2017 (x)", "2018").0, "2014..2017");
        assert_eq!(
            one("during the first six months of 2010.", "2018").0,
            "2010-01..2010-06"
        );
        assert_eq!(
            one("in the first nine months of 2019 were", "2020").0,
            "2019-01..2019-09"
        );
        assert_eq!(one("care in 2018 and 2019 showed", "2020").0, "2018..2019");
        assert_eq!(
            one("in the second quarter of 2021", "2022").0,
            "2021-04..2021-06"
        );
        assert_eq!(
            find("published in 2009 and 2011.", "2018"),
            vec![
                ("2009".into(), "2009".into(), false),
                ("2011".into(), "2011".into(), false)
            ]
        );
        assert_eq!(one("and again since 2012)", "2018").1, "since 2012");
    }

    #[test]
    fn relative_dates() {
        assert_eq!(
            one(
                "Mexico faces an election on July 1st, which may",
                "2018-05-23"
            ),
            ("2018-07-01".into(), "July 1st".into(), true)
        );
        assert_eq!(
            one("debate held on May 20th.", "2018-05-23").0,
            "2018-05-20"
        );
        assert_eq!(
            one("“In September, 18 of 41 patients told MSF.", "2020-02-13").0,
            "2019-09"
        );
        assert_eq!(
            one("began enforcing beginning in January.", "2019-11").0,
            "2019-01"
        );
        assert_eq!(
            one("It was happening 10 years ago in El Paso.", "2019-11").0,
            "2009"
        );
        assert_eq!(
            one("Washington, DC—Today, WOLA sent a letter.", "2019-10").0,
            "2019-10"
        );
        assert_eq!(
            one("which will now affect the Tucson region", "2019-11").0,
            "2019-11"
        );
        assert!(find("which is now operating at the ports", "2019-11").is_empty());
        assert!(find("Rivas said on Tuesday.", "2019-11-20").is_empty());
        assert_eq!(
            one("DHS announced on Tuesday that", "2019-11-21").0,
            "2019-11-19"
        );
        assert!(find("Today’s ruling matters.", "2019-11-21").is_empty());
        assert!(find("We may see it.", "2019-11-21").is_empty());
    }

    #[test]
    fn rejects_non_years() {
        assert!(
            find(
                "It cost $2019 and 2000 migrants came; 1,999 left; 2019%.",
                "2020"
            )
            .is_empty()
        );
        assert!(find("Proceso 2166 and 1750 and 5 May", "").is_empty());
    }

    #[test]
    fn reads_ascii_digits_only() {
        // Arabic-Indic and fullwidth digits: no parser here reads them, so no pattern
        // matches them (and nothing panics).
        assert!(find("It began in ٢٠١٩ and on ３ March ２０２０.", "2021").is_empty());
        assert_eq!(one("On 3 March 2020, ٤ people", "2021").0, "2020-03-03");
    }
}
