//! Date expressions in one sentence, resolved: absolute dates, periods and dates
//! relative to the document's published date.
//!
//! In: a sentence (already masked: footnote markers and URLs blanked out), the published
//! date and the language's [`Lexicon`]. Out: [`DateHit`]s — byte range of the date words,
//! the resolved start (and end for a period) and whether context supplied part of it.
//!
//! What a sentence says is the recogniser's ([`crate::lang::dates`]): this module runs
//! its rules over the sentence, most specific first, keeps what dates an event (a year
//! that is not a count, a `today` that announces something), resolves each expression
//! against the published date (the year of `July 1st`, the day of `Tuesday`) and never
//! lets an expression overlap one found before it.

use super::text::{
    ByteRange, ascii_stand_in, char_at, char_before, strict_ascii_stand_in, word_after,
    word_before, year_like,
};
use super::words::{window_before, word_sets};
use crate::lang::dates::{
    Absolute, Expr, Found, Kind, Mode, NumericOrder, RULES, Recogniser, fiscal_month,
};
use crate::lang::lexicon::Lexicon;
use crate::model::date::{PartialDate, Precision};
use regex::SetMatches;
use std::borrow::Cow;
use std::cell::OnceCell;

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
    /// False for a date that dates no event of its own: the baseline of a comparison
    /// (`32% lower than in June`), a cut-off (`filed before May 15`), a year used as an
    /// attribute (`the 2011 massacre`). Its words are still a date, not a figure.
    pub event: bool,
}

/// A period followed by the part of it meant, in brackets, dates nothing of its own: the
/// bracket does (`Fiscal Year 2016 (October 1, 2015 - March 31, 2016)`).
fn narrowed_in_brackets(hits: &mut [DateHit], s: &str) {
    let span = |h: &DateHit| (h.date.first_day(), h.end_date.unwrap_or(h.date).last_day());
    for i in 0..hits.len() {
        let (outer, rest) = (&hits[i], &s[hits[i].end..]);
        let Some(inside) = rest.trim_start().strip_prefix('(') else {
            continue;
        };
        let open = s.len() - inside.len();
        let inner = hits.iter().find(|h| {
            h.start == open + (inside.len() - inside.trim_start().len())
                && s[h.end..].trim_start().starts_with(')')
        });
        let Some(inner) = inner else { continue };
        let ((a, b), (c, d)) = (span(outer), span(inner));
        if outer.event && inner.event && a <= c && d <= b && (a, b) != (c, d) {
            hits[i].event = false;
        }
    }
}

/// A day without its year after a day with one in the same sentence, later in that year,
/// is in that year (`announced on September 17, 1994, … and launched two weeks later on
/// October 1`): the sentence's own year, not one from the document's date. `month_days`
/// are where the days without a year start.
fn in_the_year_just_told(hits: &mut [DateHit], month_days: &[usize]) {
    let told: Vec<(usize, PartialDate)> = hits
        .iter()
        .filter(|h| !h.relative && h.end_date.is_none() && h.date.precision() == Precision::Day)
        .map(|h| (h.end, h.date))
        .collect();
    for h in hits.iter_mut().filter(|h| month_days.contains(&h.start)) {
        let Some(&(_, last)) = told
            .iter()
            .filter(|(end, _)| *end <= h.start)
            .max_by_key(|(end, _)| *end)
        else {
            continue;
        };
        let (Some(m), Some(d)) = (h.date.month, h.date.day) else {
            continue;
        };
        if let Some(date) = in_year_told(last, m, Some(d)) {
            h.date = date;
        }
    }
}

/// True if `phrase` occurs in `hay` (both lower case) as whole words.
pub fn has_phrase(hay: &str, phrase: &str) -> bool {
    phrase_positions(hay, phrase).next().is_some()
}

/// True if `hay` (lower case) ends with `phrase` as whole words.
pub fn ends_with_phrase(hay: &str, phrase: &str) -> bool {
    hay.strip_suffix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
}

/// Where `phrase` occurs in `hay` (both lower case) as whole words.
pub fn phrase_positions<'a>(hay: &'a str, phrase: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = hay.get(from..).and_then(|h| h.find(phrase)) {
            let s = from + k;
            let e = s + phrase.len();
            from = s + phrase.chars().next().map_or(1, char::len_utf8);
            let ok_before = char_before(hay, s).is_none_or(|c| !c.is_alphanumeric());
            let ok_after = char_at(hay, e).is_none_or(|c| !c.is_alphanumeric());
            if ok_before && ok_after {
                return Some(s);
            }
        }
        None
    })
}

/// What the text before a sentence tells about the dates in it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Before {
    /// The day of the event just before the sentence, if it has one (what `the following
    /// day` counts from).
    pub day: Option<PartialDate>,
    /// The fiscal year the document named last (see [`fiscal_year_named`]): what `last
    /// year` counts from in a report by fiscal years.
    pub fiscal_year: Option<i32>,
    /// The week a heading names as the document's own (`Immigration Recap, Sept. 8-13`,
    /// see [`own_week`]): what `this week` means in it.
    pub week: Option<(PartialDate, PartialDate)>,
    /// The last period the text stated (see [`period_told`]): what `the same period last
    /// year` moves a year back.
    pub period: Option<(PartialDate, PartialDate)>,
    /// The last date told in the paragraph so far in its own words (see [`date_told`]):
    /// what gives its year to a later month without one in a document dated to its year
    /// only (`In March 2014, … an interview in May`).
    pub told: Option<PartialDate>,
}

/// The hits that end before byte `at`, in the order of their ends.
fn told_before(hits: &[DateHit], at: usize) -> Vec<DateHit> {
    let mut told: Vec<DateHit> = hits.iter().filter(|h| h.end <= at).cloned().collect();
    told.sort_by_key(|h| h.end);
    told
}

/// The last date of `hits` (sorted by position) told whole in its own words, a day,
/// month or year rather than a period; else `before`.
pub fn date_told(hits: &[DateHit], before: Option<PartialDate>) -> Option<PartialDate> {
    hits.iter()
        .rev()
        .find(|h| h.event && !h.relative && h.end_date.is_none())
        .map(|h| h.date)
        .or(before)
}

/// The month `month` (and day `day`) in the year of `told`, when it comes no earlier
/// in that year: `in May` after `In March 2014`, not `on March 3` after `September 17,
/// 1994` (which may be the next March).
fn in_year_told(told: PartialDate, month: u8, day: Option<u8>) -> Option<PartialDate> {
    if told
        .month
        .is_some_and(|m| (m, told.day.unwrap_or(0)) > (month, day.unwrap_or(31)))
    {
        return None;
    }
    match day {
        Some(d) => PartialDate::day(told.year, month, d),
        None => PartialDate::month(told.year, month),
    }
}

/// The day of the event told last before `at` (in the sentence, else `previous`, the
/// one before it), as its year, month, day and week day (0 = Monday); `None` when that
/// event is a period or not dated to its day.
fn day_told(
    hits: &[DateHit],
    at: usize,
    previous: Option<PartialDate>,
) -> Option<(PartialDate, u8, u8, i64)> {
    let told = hits
        .iter()
        .filter(|h| h.event && h.end <= at)
        .max_by_key(|h| h.end)
        .map_or(previous, |h| h.end_date.is_none().then_some(h.date))?;
    let (m, d) = (told.month?, told.day?);
    Some((
        told,
        m,
        d,
        crate::model::date::weekday(told.year, m, d) as i64,
    ))
}

/// The first `target` week day (0 = Monday) on or after the day told last before `at`
/// (see [`day_told`]), when that day is in the document's month `p`; `None` otherwise.
fn weekday_after_day_told(
    hits: &[DateHit],
    at: usize,
    previous: Option<PartialDate>,
    p: PartialDate,
    target: u8,
) -> Option<PartialDate> {
    let (told, m, d, wd) = day_told(hits, at, previous)?;
    if told.year != p.year || p.month.is_some_and(|pm| pm != m) {
        return None;
    }
    shift_days(told.year, m, d, (target as i64 - wd).rem_euclid(7))
}

/// -1 if `head` (the text before a week day) ends with a word that counts it back from
/// the day told before it (`the previous`), 1 with one that counts it on (`the
/// following`); `None` otherwise.
fn told_step(head: &str, lex: &Lexicon) -> Option<i64> {
    let head = head.trim_end();
    let ends = |list: &[&str]| {
        list.iter()
            .any(|w| strip_word_suffix(head, w).is_some_and(|h| h.is_empty() || h.ends_with(' ')))
    };
    if ends(lex.weekday_told_before) {
        Some(-1)
    } else if ends(lex.weekday_told_after) {
        Some(1)
    } else {
        None
    }
}

/// The week day `target` one to seven days before (`step` -1) or after (`step` 1) the
/// day told last before `at` (see [`day_told`]).
fn weekday_from_day_told(
    hits: &[DateHit],
    at: usize,
    previous: Option<PartialDate>,
    target: u8,
    step: i64,
) -> Option<PartialDate> {
    let (told, m, d, wd) = day_told(hits, at, previous)?;
    let gap = if step < 0 {
        -((wd - target as i64 - 1).rem_euclid(7) + 1)
    } else {
        (target as i64 - wd - 1).rem_euclid(7) + 1
    };
    shift_days(told.year, m, d, gap)
}

/// The days a heading's hits name as the document's week: a period of two to seven days
/// that ends on the document's day or in the week before it (a weekly digest's `Sept.
/// 8-13`, `February 19–25`).
pub fn own_week(
    hits: &[DateHit],
    published: Option<PartialDate>,
) -> Option<(PartialDate, PartialDate)> {
    let p = published.filter(|p| p.precision() == Precision::Day)?;
    let (m, d) = (p.month?, p.day?);
    let week_before = shift_days(p.year, m, d, -7)?;
    hits.iter().find_map(|h| {
        let end = h.end_date.filter(|e| e.precision() == Precision::Day)?;
        let (sm, sd) = (h.date.month?, h.date.day?);
        let six_after = shift_days(h.date.year, sm, sd, 6)?;
        (h.date < end && end <= six_after && week_before <= end && end <= p)
            .then_some((h.date, end))
    })
}

/// Finds the date expressions of one sentence, after the text that `before` describes.
pub fn find_dates(
    s: &str,
    published: Option<PartialDate>,
    before: &Before,
    lex: &'static Lexicon,
) -> Vec<DateHit> {
    let (previous, fiscal) = (before.day, before.fiscal_year);
    let rec = Recogniser::get(lex, Mode::Text);
    let scan = Scan::new(s, rec);
    let mut hits = Hits::default();
    let mut after_previous = Vec::new();
    let mut years_ago = Vec::new();
    let mut month_days = Vec::new();
    // `last year`, `two years ago`: where, and how many years from the document's.
    let mut year_words: Vec<(usize, i32)> = Vec::new();
    // Whether the sentence holds a projection word (see `projected`), found once.
    let projection = OnceCell::new();
    for (i, rule) in RULES.iter().enumerate() {
        if !resolvable(rule.kind, published) || !scan.may_match(i) {
            continue;
        }
        rec.each(i, scan.hay(i, rec), s, |f| {
            if let Expr::AfterPrevious(days) = f.expr {
                after_previous.push((f, days));
            } else if matches!(f.expr, Expr::Ago { unit_months, .. } if unit_months % 12 == 0)
                && is_date(&f, s, lex)
            {
                years_ago.push(f);
            } else if is_date(&f, s, lex)
                && let Some(mut h) = resolve(f, published, order(lex), || {
                    match side_before(s, f.start, lex) {
                        Some(side) => side > 0,
                        None => future_at(s, f.start, f.end, lex),
                    }
                })
            {
                // `the end of 2020`, `a principios de 2020`, said alone, is the year: the
                // words do not say which month (as the end of a period, `between June
                // 2018 and the end of 2019`, it is the year's last month).
                if rule.name == "year_edge" && h.end_date.is_none() {
                    h.date = PartialDate::year(h.date.year);
                }
                h.event =
                    dates_an_event(&f, s, lex) && !projected(&h, s, published, lex, &projection);
                // `el pasado primero de octubre` in a document dated to its year only:
                // the year before or its own, which cannot be told. The words stay read
                // (its month is no month of its own) but date nothing.
                if matches!(f.expr, Expr::MonthDay { .. })
                    && side_before(s, f.start, lex).is_some()
                    && published.is_some_and(|p| p.month.is_none())
                {
                    h.event = false;
                }
                // `was set to be debated … beginning Thursday`, said on a Saturday: the
                // plan is seen from the past, so the day is the nearest such week day,
                // before or after the document's.
                if let Expr::Weekday(target) = f.expr
                    && let Some(p) = published
                    && planned_in_past(s, f.start, lex)
                    && let Some(date) = nearest_weekday(p, target)
                {
                    h.date = date;
                }
                if matches!(f.expr, Expr::MonthDay { .. }) {
                    if let Some(p) = published
                        && (moved_to(s, f.start, lex)
                            || this_day(s, f.start, lex)
                            || planned_in_past(s, f.start, lex))
                    {
                        nearest_year(&mut h, p);
                    }
                    if !fits_its_weekday(&mut h, s, f.start, lex) {
                        return;
                    }
                    month_days.push(f.start);
                }
                if let Expr::YearOffset(o) = f.expr {
                    year_words.push((f.start, o));
                }
                // `In March 2014, inmates launched a hunger strike. … in an interview in
                // May`, in an article dated to its year only: the document's date cannot
                // place the month, the year told before it in the paragraph does. So it
                // does for a month alone in a story told of an earlier year (`apprehended
                // him in May 2012, and … removed him in June`, in an opinion of 2022): a
                // month told with its year and no day, in a year before the document's,
                // carries the story on. (After a day, `On Feb. 9, 2022, … March 22` in a
                // release of 2023, the story has often moved on a year.)
                let told = published.and_then(|p| {
                    // In a document dated to its month, only a month alone can follow a
                    // story: the hits before it are gathered only then.
                    let bare_month = matches!(f.expr, Expr::BareMonth { .. });
                    if p.month.is_some() && !bare_month {
                        return None;
                    }
                    let t = date_told(&told_before(&hits.hits, f.start), before.told)?;
                    let story = t.precision() == Precision::Month && t.year < p.year;
                    (p.month.is_none() || story).then_some(t)
                });
                let date = told.and_then(|t| match f.expr {
                    Expr::BareMonth {
                        month,
                        year_offset: None,
                        side: None,
                    } => in_year_told(t, month, None),
                    Expr::MonthDay { month, day } => in_year_told(t, month, Some(day)),
                    _ => None,
                });
                if let Some(date) = date {
                    h.date = date;
                }
                // `closing out Fiscal Year 2025 … at the start of the fiscal year`, said
                // in October 2025: the start of the fiscal year just named (the sentence's
                // own, else the document's), not of the one the document's date opens.
                if let Expr::FiscalYearStart { start_month } = f.expr {
                    let named = fiscal_year_named(&told_before(&hits.hits, f.start), fiscal, lex);
                    if let Some(date) = current_fiscal(named, published)
                        .and_then(|fy| PartialDate::day(fy - 1, start_month, 1))
                    {
                        h.date = date;
                    }
                }
                // A week day in a document dated to its month: the first such day on or
                // after the day told just before it in that month (`El viernes, 16 de
                // octubre, … ya el sábado habían continuado viaje`: the 17th).
                if let Expr::Weekday(target) = f.expr
                    && let Some(p) = published.filter(|p| p.day.is_none())
                    && let Some(date) =
                        weekday_after_day_told(&hits.hits, f.start, previous, p, target)
                {
                    h.date = date;
                }
                // `the previous Saturday`, `the following Monday`: from the day told
                // before it; with none, no date.
                if let Expr::Weekday(target) = f.expr
                    && let Some(step) = told_step(&s[..f.start], lex)
                {
                    match weekday_from_day_told(&hits.hits, f.start, previous, target, step) {
                        Some(date) => h.date = date,
                        None => h.event = false,
                    }
                }
                // `this week` in a weekly digest whose heading names its week.
                if let (Expr::WeekOffset { offset: 0, .. }, Some((a, b))) = (f.expr, before.week)
                    && h.end_date.is_some_and(|e| e <= b)
                {
                    h.date = a;
                    h.end_date = Some(b);
                }
                hits.add(h);
            }
        });
    }
    in_the_year_just_told(&mut hits.hits, &month_days);
    narrowed_in_brackets(&mut hits.hits, s);
    // `a year ago` after a month of the same sentence (`30% in November, down from 53% a
    // year ago`): that month, years before; else years before the document's year.
    for f in years_ago {
        let Expr::Ago { count, unit_months } = f.expr else {
            continue;
        };
        let month = hits
            .hits
            .iter()
            .filter(|h| h.event && h.end <= f.start)
            .max_by_key(|h| h.end)
            .filter(|h| h.end_date.is_none() && h.date.precision() == Precision::Month);
        let hit = match month {
            Some(h) => PartialDate::month(
                h.date.year - count * (unit_months as i32 / 12),
                h.date.month.unwrap_or(1),
            )
            .map(|date| relative_hit(&f, date)),
            None => {
                year_words.push((f.start, -count * (unit_months as i32 / 12)));
                resolve(f, published, order(lex), || false)
            }
        };
        if let Some(mut h) = hit {
            h.event = dates_an_event(&f, s, lex);
            hits.add(h);
        }
    }
    // `the following day`: from the day of the hit just before it in the sentence, else
    // from the event before the sentence; nothing when that date has no day, except for
    // the same day (`In November 2018, … a proclamation issued the same day`), which
    // lies inside that month or year.
    for (f, days) in after_previous {
        if dated_again_after(&hits.hits, s, f.end) {
            continue;
        }
        let before = hits
            .hits
            .iter()
            .filter(|h| h.event && h.end <= f.start)
            .max_by_key(|h| h.end);
        let from = match before {
            Some(h) => (h.end_date.is_none()).then_some(h.date),
            None => previous,
        };
        let Some(from) = from else {
            continue;
        };
        if from.precision() != Precision::Day {
            if days == 0 {
                hits.add(relative_hit(&f, from));
            }
            continue;
        }
        let (Some(m), Some(d)) = (from.month, from.day) else {
            continue;
        };
        if let Some(date) = shift_days(from.year, m, d, days) {
            hits.add(relative_hit(&f, date));
        }
    }
    edges_of_periods(&mut hits.hits, s, lex);
    weeks_of_months(&mut hits.hits, s, lex);
    consecutive_days(&mut hits.hits, s, lex);
    previous_fiscal_years(&mut hits, s, published, fiscal, lex);
    if holds_figure(s) {
        fiscal_year_words(&mut hits.hits, &year_words, published, fiscal, lex);
    }
    same_periods(&mut hits.hits, s, lex);
    same_period_last_year(&mut hits.hits, s, published, before.period, lex);
    glosses(&mut hits.hits, s);
    appositives(&mut hits.hits, s);
    narrowed(&mut hits.hits, s, lex);
    years_ending(&mut hits.hits, s, lex);
    hits.sorted()
}

/// `the year ending September 30`, `the 12 months ended in March 2021`: the twelve
/// months up to that day (from the day after it a year before) or month (from the month
/// after it a year before), not the day or month itself.
fn years_ending(hits: &mut [DateHit], s: &str, lex: &Lexicon) {
    for h in hits.iter_mut() {
        if !h.event || h.end_date.is_some() || h.date.precision() == Precision::Year {
            continue;
        }
        let window = window_before(s, h.start, 60);
        let mut head = window.trim_end();
        if let Some((rest, w)) = head.rsplit_once(char::is_whitespace)
            && Lexicon::is_in(lex.narrowing_openers, w)
        {
            head = rest.trim_end();
        }
        // The phrase ending `head`, as written there (`The year ended`).
        let lower = head.to_lowercase();
        let Some(phrase) = lex.year_ending.iter().find(|p| {
            ends_with_phrase(&lower, p)
                && head
                    .get(head.len().saturating_sub(p.len())..)
                    .is_some_and(|t| t.eq_ignore_ascii_case(p))
        }) else {
            continue;
        };
        let phrase_start = h.start - window.len() + head.len() - phrase.len();
        let (y, m) = (h.date.year, h.date.month.unwrap_or(1));
        let start = match h.date.day {
            // The day after the same day a year before (28 February after 29 February).
            Some(d) => shift_days(
                y - 1,
                m,
                d.min(crate::model::date::days_in_month(y - 1, m)),
                1,
            ),
            None if m == 12 => PartialDate::month(y, 1),
            None => PartialDate::month(y - 1, m + 1),
        };
        let Some(start) = start else {
            continue;
        };
        h.start = phrase_start;
        h.end_date = Some(h.date);
        h.date = start;
    }
}

/// `last month, on Friday, April 12, I visited …`: a coarser date set off by a comma
/// and followed by a finer one inside it (after `on`, a week day) is the frame of that
/// one; it dates no event of its own.
fn narrowed(hits: &mut [DateHit], s: &str, lex: &Lexicon) {
    // Only a comma and opening words between them (`Lexicon::is_in` ignores case).
    let set_off = |from: usize, to: usize| {
        s.get(from..to)
            .and_then(|gap| gap.trim_start().strip_prefix(','))
            .is_some_and(|rest| {
                rest.split_whitespace().all(|w| {
                    let w = w.trim_end_matches(',');
                    Lexicon::is_in(lex.narrowing_openers, w) || Lexicon::is_in(lex.weekdays, w)
                })
            })
    };
    let span = |h: &DateHit| (h.date.first_day(), h.end_date.unwrap_or(h.date).last_day());
    for j in 0..hits.len() {
        let coarse_end = hits[j].end;
        let mut finer = hits
            .iter()
            .filter(|h| h.event && set_off(coarse_end, h.start));
        let Some(h) = finer.next() else {
            continue;
        };
        let ((lo, hi), (a, b)) = (span(&hits[j]), span(h));
        if lo <= a && b <= hi && (a != lo || b != hi) {
            hits[j].event = false;
        }
    }
}

/// True if a date follows `end` with at most two short words between (`the same day in
/// 2020`, `the same date last year`, `la misma fecha de 2020`): the words before `end`
/// name a day of that other year, not the day of the event told just before.
fn dated_again_after(hits: &[DateHit], s: &str, end: usize) -> bool {
    hits.iter().any(|h| {
        h.start >= end && {
            let gap: Vec<&str> = s[end..h.start].split_whitespace().collect();
            gap.len() <= 2 && gap.iter().all(|w| w.chars().count() <= 4)
        }
    })
}

/// `Monday, the last day of the 2019 fiscal year`: a date right after another, set off
/// by a comma and naming the same day or period, restates it.
fn appositives(hits: &mut [DateHit], s: &str) {
    for j in 0..hits.len() {
        let (end, date, end_date) = (hits[j].end, hits[j].date, hits[j].end_date);
        for h in hits.iter_mut() {
            let between = s.get(end..h.start).map(str::trim);
            if between == Some(",") && h.date == date && h.end_date == end_date {
                h.event = false;
            }
        }
    }
}

/// `In Fiscal Year 2014 (FY14, Oct. 1, 2013, up to Sept. 30, 2014)`: in a parenthesis
/// right after a period, the same period again or its first or last day restates the
/// period; it dates no event of its own.
fn glosses(hits: &mut [DateHit], s: &str) {
    for j in 0..hits.len() {
        let Some(end) = hits[j].end_date else {
            continue;
        };
        let rest = &s[hits[j].end..];
        let Some(inside) = rest.trim_start().strip_prefix('(') else {
            continue;
        };
        let open = s.len() - inside.len();
        let Some(close) = inside.find(')').map(|k| open + k) else {
            continue;
        };
        let (lo, hi) = (hits[j].date.first_day(), end.last_day());
        for h in hits.iter_mut() {
            if h.start < open || h.end > close {
                continue;
            }
            let (a, b) = (h.date.first_day(), h.end_date.unwrap_or(h.date).last_day());
            let edge = h.end_date.is_none()
                && h.date.precision() == Precision::Day
                && (a == lo || b == hi);
            if (a == lo && b == hi) || edge {
                h.event = false;
            }
        }
    }
}

/// The number of the fiscal year a hit spans, if it is one, or a part of one that starts
/// on its first day (`FY 2023`, `so far this FY`, `the first half of fiscal year 2023`,
/// `since the beginning of the fiscal year`).
fn fiscal_year_of_hit(h: &DateHit, start_month: u8) -> Option<i32> {
    (h.date.month == Some(start_month) && h.date.day == Some(1))
        .then(|| fiscal_year_of(h.date, start_month))
        .flatten()
}

/// The whole fiscal year `fy` (U.S.: 1 October of the year before to 30 September).
fn fiscal_year_span(fy: i32, start_month: u8) -> Option<(PartialDate, PartialDate)> {
    let start = PartialDate::day(fy - 1, start_month, 1)?;
    let (y, m) = if start_month == 1 {
        (fy - 1, 12)
    } else {
        (fy, start_month - 1)
    };
    Some((
        start,
        PartialDate::day(y, m, crate::model::date::days_in_month(y, m))?,
    ))
}

/// `compared with only 13 the previous year` in a sentence that counts in fiscal years
/// (`so far this FY`), `last fiscal year`: the fiscal year before the one stated before
/// it (or, for a phrase that names the fiscal year, the document's). An event when a
/// figure goes with it, a baseline otherwise, like any date.
fn previous_fiscal_years(
    hits: &mut Hits,
    s: &str,
    published: Option<PartialDate>,
    fiscal: Option<i32>,
    lex: &'static Lexicon,
) {
    if lex.previous_year_words.is_empty() || lex.fiscal_year_words.is_empty() {
        return;
    }
    let low = s.to_ascii_lowercase();
    let start_month = lex.fiscal_year_start_month;
    for phrase in lex.previous_year_words {
        for at in phrase_positions(&low, phrase) {
            let last = hits
                .hits
                .iter()
                .filter(|h| h.end <= at)
                .max_by_key(|h| h.end);
            let before = match last {
                Some(h) => fiscal_year_of_hit(h, start_month),
                None => current_fiscal(fiscal, published),
            };
            let names_fiscal = lex.fiscal_year_words.iter().any(|w| phrase.contains(w));
            let fy = match before {
                Some(fy) => fy,
                None if names_fiscal => {
                    match published.and_then(|p| fiscal_year_of(p, start_month)) {
                        Some(fy) => fy,
                        None => continue,
                    }
                }
                None => continue,
            };
            let Some((date, end)) = fiscal_year_span(fy - 1, start_month) else {
                continue;
            };
            let span = (at, at + phrase.len());
            let words = clause_words_before(s, at, 10);
            hits.add(DateHit {
                start: span.0,
                end: span.1,
                date,
                end_date: Some(end),
                relative: true,
                event: count_before(&words) && !baseline(s, span, &words, false, true, lex),
            });
        }
    }
}

/// The fiscal year a document counts in, if it is the year of its date or the next
/// (a report on fiscal year 2014 dated 2014 or late in 2014): `fiscal` is the one it named
/// last before the sentence.
fn current_fiscal(fiscal: Option<i32>, published: Option<PartialDate>) -> Option<i32> {
    let (fy, p) = (fiscal?, published?);
    (fy == p.year || fy == p.year + 1).then_some(fy)
}

/// The fiscal year the hits of a sentence name last, if the last whole fiscal year among
/// them (`In fiscal 2014, …`); else `before`. What the next sentences count in. A year
/// counted from the document's (`a year ago`, `last fiscal year`) names one only when
/// none was named before: `up 7.8 percent from a year ago` does not move a report on
/// fiscal year 2014 to 2013.
pub fn fiscal_year_named(hits: &[DateHit], before: Option<i32>, lex: &Lexicon) -> Option<i32> {
    let start_month = lex.fiscal_year_start_month;
    hits.iter()
        .rev()
        .filter(|h| !(h.relative && before.is_some()))
        .find_map(|h| {
            let fy = fiscal_year_of_hit(h, start_month)?;
            let (start, end) = fiscal_year_span(fy, start_month)?;
            (h.date == start && h.end_date == Some(end)).then_some(fy)
        })
        .or(before)
}

/// `up 3.4 percent from a year ago`, `from 6,509,239 last year to 7,106,010 this year`
/// in a document that counts in fiscal years (it named the fiscal year of its date before
/// the words, or the sentence names one before them): the fiscal year that many years from
/// the document's, not the calendar year. A year that ends the U.S. fiscal year
/// only: a language whose fiscal year is the calendar year has nothing to change.
fn fiscal_year_words(
    hits: &mut [DateHit],
    words: &[(usize, i32)],
    published: Option<PartialDate>,
    fiscal: Option<i32>,
    lex: &Lexicon,
) {
    let start_month = lex.fiscal_year_start_month;
    if start_month <= 1 {
        return;
    }
    for &(at, offset) in words {
        let in_sentence = hits
            .iter()
            .filter(|h| h.end <= at && !words.iter().any(|&(w, _)| w == h.start))
            .max_by_key(|h| h.end)
            .and_then(|h| fiscal_year_named(std::slice::from_ref(h), None, lex));
        // The words count from the document's own fiscal year, whatever the year named
        // before them (`from 340,252 in fiscal 2011 to 364,768 last year`, dated 2013: the
        // fiscal year 2012): the one it reports on, else the one its date falls in.
        let current =
            current_fiscal(fiscal, published).or_else(|| current_fiscal(in_sentence, published));
        if current.is_none() && in_sentence.is_none() {
            continue;
        }
        let Some(fy) = current.or_else(|| {
            let p = published?;
            fiscal_year_of(p, start_month).or(Some(p.year))
        }) else {
            continue;
        };
        let Some((date, end)) = fiscal_year_span(fy + offset, start_month) else {
            continue;
        };
        if let Some(h) = hits
            .iter_mut()
            .find(|h| h.start == at && h.end_date.is_none() && h.date.month.is_none())
        {
            h.date = date;
            h.end_date = Some(end);
        }
    }
}

/// `up from 170,896 over the same period in FY 2022`, after `the first half of fiscal
/// year 2023`: the months of the period stated before it, in the fiscal (or calendar)
/// year that follows the phrase. An event when a figure goes with it, a baseline
/// otherwise.
fn same_periods(hits: &mut [DateHit], s: &str, lex: &'static Lexicon) {
    let low = s.to_ascii_lowercase();
    for phrase in lex.same_period_words {
        for at in phrase_positions(&low, phrase) {
            let after = at + phrase.len();
            let after = after + (s[after..].len() - s[after..].trim_start().len());
            let Some(j) = hits.iter().position(|h| h.start == after) else {
                continue;
            };
            // The year after the phrase: its first month and year.
            let year = hits[j].clone();
            let (y0, m0) = match (year.end_date, year.date.month) {
                (Some(e), Some(m)) => {
                    let months = (e.year * 12 + e.month.unwrap_or(0) as i32)
                        - (year.date.year * 12 + m as i32);
                    if months != 11 {
                        continue;
                    }
                    (year.date.year, m)
                }
                (None, None) => (year.date.year, 1),
                _ => continue,
            };
            // The period before it, inside one such year.
            let Some(period) = hits
                .iter()
                .filter(|h| h.end <= at && h.end_date.is_some() && h.date.month.is_some())
                .max_by_key(|h| h.end)
                .cloned()
            else {
                continue;
            };
            let (Some(pm), Some(pe)) = (period.date.month, period.end_date) else {
                continue;
            };
            let cy = if pm >= m0 {
                period.date.year
            } else {
                period.date.year - 1
            };
            let span_months =
                (pe.year * 12 + pe.month.unwrap_or(12) as i32) - (cy * 12 + m0 as i32);
            let shift = y0 - cy;
            if !(0..=11).contains(&span_months) || shift == 0 {
                continue;
            }
            let (Some(date), Some(end)) = (shift_year(period.date, shift), shift_year(pe, shift))
            else {
                continue;
            };
            let words = clause_words_before(s, at, 10);
            let h = &mut hits[j];
            h.event = count_before(&words) && !baseline(s, (at, h.end), &words, false, true, lex);
            h.start = at;
            h.date = date;
            h.end_date = Some(end);
            h.relative = true;
        }
    }
}

/// The period an event hit states (`From Oct. 1 through March 31`), or runs up to the
/// document's date (`Since Oct. 1`).
fn period_of(
    h: &DateHit,
    s: &str,
    published: Option<PartialDate>,
    lex: &Lexicon,
) -> Option<(PartialDate, PartialDate)> {
    if let Some(end) = h.end_date {
        return Some((h.date, end));
    }
    // `since` opens the hit's words or stands right before them (any case, no copy).
    let head = s[..h.start].trim_end();
    let words = &s[h.start..h.end];
    let since = lex.since.iter().any(|w| {
        let opens = words
            .get(..w.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(w) && words[w.len()..].starts_with(' '));
        opens || strip_word_suffix(head, w).is_some()
    });
    since
        .then_some(())
        .and(published)
        .filter(|p| h.date < *p)
        .map(|p| (h.date, p))
}

/// The last period the event hits of a sentence state (see [`period_of`]), else `before`.
pub fn period_told(
    hits: &[DateHit],
    s: &str,
    published: Option<PartialDate>,
    before: Option<(PartialDate, PartialDate)>,
    lex: &Lexicon,
) -> Option<(PartialDate, PartialDate)> {
    hits.iter()
        .rev()
        .filter(|h| h.event)
        .find_map(|h| period_of(h, s, published, lex))
        .or(before)
}

/// `594,142 apprehensions during the same period last year`, after `From Oct. 1 through
/// March 31`: the period stated before the phrase (in the sentence, else the last one the
/// text stated), a year earlier. An event when a figure goes with it (a count among the
/// three words before the phrase, or the phrase opening a sentence that states one), a
/// baseline otherwise (`a 97 percent increase over the same period in the previous year`).
fn same_period_last_year(
    hits: &mut Vec<DateHit>,
    s: &str,
    published: Option<PartialDate>,
    before: Option<(PartialDate, PartialDate)>,
    lex: &Lexicon,
) {
    // Every phrase has its `same` (`mismo`) second: a sentence without it pays no copy.
    let key = |p: &&str| p.split(' ').nth(1).is_some_and(|w| s.contains(w));
    if !lex.same_period_last_year.iter().any(key) {
        return;
    }
    let low = s.to_ascii_lowercase();
    for phrase in lex.same_period_last_year {
        for at in phrase_positions(&low, phrase) {
            let end = at + phrase.len();
            let stated = hits
                .iter()
                .filter(|h| h.event && h.end <= at)
                .max_by_key(|h| h.end)
                .and_then(|h| period_of(h, s, published, lex));
            let Some((from, to)) = stated.or(before) else {
                continue;
            };
            let (Some(date), Some(end_date)) = (shift_year(from, -1), shift_year(to, -1)) else {
                continue;
            };
            let words = clause_words_before(s, at, 4);
            let count = |w: &String| {
                w.chars().any(|c| c.is_ascii_digit())
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            };
            let opens = words.len() <= 1 && s[end..].trim_start().starts_with(',');
            let event = words.iter().rev().take(3).any(count) || (opens && holds_figure(&s[end..]));
            hits.retain(|h| h.end <= at || h.start >= end);
            hits.push(DateHit {
                start: at,
                end,
                date,
                end_date: Some(end_date),
                relative: true,
                event,
            });
        }
    }
    hits.sort_by_key(|h| h.start);
}

/// True if a count stands right before a comparison period, perhaps with one short word
/// between (`only 13` the previous year, `170,896 over` the same period): the period's
/// own figure, which makes it a dated snapshot. A percentage there is the change, not
/// the period's figure (`rose 20% over the previous year`).
fn count_before(words: &[String]) -> bool {
    let count = |w: &String| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',');
    let short = |w: &String| w.len() <= 6 && w.chars().all(char::is_alphabetic);
    match words {
        [.., w] if count(w) => true,
        [.., n, w] => count(n) && short(w),
        _ => false,
    }
}

/// True if `s` holds a figure: a number that is not a year (`835,401`, `3.4`). Year words
/// are fiscal years only where something is counted (`up 3.4 percent from a year ago`);
/// `a year ago CBP and the city entered into a partnership` is the calendar year.
fn holds_figure(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|t| t.trim_matches([',', '.']))
        .any(|t| t.chars().any(|c| c.is_ascii_digit()) && !year_like(t))
}

/// `d` moved by `years`, the day kept (the last of February when it was the 29th).
fn shift_year(d: PartialDate, years: i32) -> Option<PartialDate> {
    let y = d.year + years;
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            PartialDate::day(y, m, day.min(crate::model::date::days_in_month(y, m)))
        }
        (Some(m), None) => PartialDate::month(y, m),
        _ => Some(PartialDate::year(y)),
    }
}

/// `the first two weeks of October`, `the last week of May 2020`, `the first week of
/// October in 1994`, `the first seven days of August`, `los primeros diez días de
/// marzo`: the days of those weeks, over the whole phrase. The month was read on its own
/// (and its year, when one follows, as a year of its own: it is taken in).
/// Two week days in a row joined by `and` (`caught crossing the border Monday and
/// Tuesday`, `el lunes y el martes`), or two day words (`today and tomorrow`, `ayer y
/// hoy`), are one period of two days, as two months or two years in a row are.
///
/// So are two dates of days in a row told with their week days (`On Sat. March 18 and
/// Sun. March 19`, `Saturday, March 18 and Sunday, March 19`), and two decades in a row
/// (`the 1990s and 2000s`: 1990 to 2009).
fn consecutive_days(hits: &mut Vec<DateHit>, s: &str, lex: &Lexicon) {
    let one_day = |h: &DateHit| h.end_date.is_none() && h.date.precision() == Precision::Day;
    let weekday = |h: &DateHit| {
        let t = &s[h.start..h.end];
        let named = |list: &[&str]| list.iter().any(|w| t.eq_ignore_ascii_case(w));
        one_day(h)
            && (named(lex.weekdays)
                || named(lex.today)
                || named(lex.yesterday)
                || named(lex.tomorrow))
    };
    // `Sun.`, `Sunday,`: the week day written before the second date.
    let without_week_day = |gap: &str| -> Option<usize> {
        let g = gap.trim_end().trim_end_matches(',');
        let (w, at) = word_before(g, g.len())?;
        let abbreviated = w.strip_suffix('.').filter(|a| a.len() >= 3);
        let low = abbreviated.unwrap_or(w).to_lowercase();
        let named = lex.weekdays.iter().any(|d| {
            let d = d.to_lowercase();
            d == low || (abbreviated.is_some() && d.starts_with(&low))
        });
        named.then_some(at)
    };
    hits.sort_by_key(|h| h.start);
    let mut i = 0;
    while i + 1 < hits.len() {
        let (a, b) = (&hits[i], &hits[i + 1]);
        let gap = s[a.end..b.start].trim();
        let gap = gap
            .strip_suffix(lex.period_article)
            .map_or(gap, str::trim_end)
            .trim_end();
        let (year, month, day) = (a.date.year, a.date.month, a.date.day);
        let next = month.zip(day).and_then(|(m, d)| shift_days(year, m, d, 1));
        // The second date's week day is written: `June 5 and June 6` alone may be two
        // days of two happenings (`two interdictions on June 5 and June 6`).
        let dates = one_day(a)
            && one_day(b)
            && !weekday(a)
            && !weekday(b)
            && without_week_day(gap)
                .is_some_and(|at| Lexicon::is_in(lex.span_and, gap[..at].trim_end()));
        let week_days = weekday(a) && weekday(b) && Lexicon::is_in(lex.span_and, gap);
        // `the 1990s and 2000s`: two decades in a row.
        let decade = |h: &DateHit| {
            h.date.precision() == Precision::Year
                && h.date.year % 10 == 0
                && h.end_date
                    .is_some_and(|e| e == PartialDate::year(h.date.year + 9))
        };
        if decade(a)
            && decade(b)
            && b.date.year == a.date.year + 10
            && Lexicon::is_in(lex.span_and, gap)
        {
            let (end, to) = (b.end, b.end_date);
            hits[i].end = end;
            hits[i].end_date = to;
            hits.remove(i + 1);
            continue;
        }
        if (week_days || dates) && next == Some(b.date) {
            let (end, to) = (b.end, b.date);
            hits[i].end = end;
            hits[i].end_date = Some(to);
            hits.remove(i + 1);
        }
        i += 1;
    }
}

fn weeks_of_months(hits: &mut Vec<DateHit>, s: &str, lex: &Lexicon) {
    let unit_days = |w: &str| {
        lex.ago_day_units
            .iter()
            .find(|(u, _)| u.eq_ignore_ascii_case(w))
            .map(|&(_, d)| d)
    };
    let mut merged_years = Vec::new();
    for i in 0..hits.len() {
        let h = &hits[i];
        if h.end_date.is_some() || h.date.precision() != Precision::Month {
            continue;
        }
        let Some(month) = h.date.month else {
            continue;
        };
        // The words before the month, nearest last: `the first two weeks of`.
        let head: Vec<&str> = window_before(s, h.start, 60).split_whitespace().collect();
        let n = head.len();
        if n < 4 || !head[n - 1].eq_ignore_ascii_case(lex.day_of) {
            continue;
        }
        // `the first half of January`: days 1 to 15; `the second half`: 16 to the end.
        let half = Lexicon::is_in(lex.month_halves, &head[n - 2].to_lowercase());
        let (unit, count, ord_at) = if half {
            (0, 1, n - 3)
        } else {
            let Some(unit) = unit_days(head[n - 2]) else {
                continue;
            };
            // Weeks up to four; days, two or more, up to the month's (`the first day of`
            // is a period's edge, read elsewhere).
            let most = if unit == 7 { 4.0 } else { 31.0 };
            let written = lex
                .number_word(&head[n - 3].to_lowercase())
                .or_else(|| head[n - 3].parse::<f64>().ok());
            let (count, ord_at) = match written {
                Some(v) if (1.0..=most).contains(&v) && v.fract() == 0.0 => (v as u32, n - 4),
                _ => (1, n - 3),
            };
            if unit == 1 && count < 2 {
                continue;
            }
            (unit, count, ord_at)
        };
        let ordinal = head[ord_at].to_lowercase();
        let Some(&(_, ord)) = lex.ordinals.iter().find(|(w, _)| *w == ordinal) else {
            continue;
        };
        let article = ord_at
            .checked_sub(1)
            .is_some_and(|k| Lexicon::is_in(lex.part_articles, &head[k].to_lowercase()));
        // `the second week of` has no calendar edge; `the first weeks of` no count.
        let plural = head[n - 2].ends_with(['s', 'S']);
        let fits = if half {
            ord <= 2
        } else {
            ord <= 1 && (count > 1) == plural
        };
        if !article || !fits {
            continue;
        }
        // A year right after the month (`October in 1994`, `October, 1994`).
        let mut year = h.date.year;
        let mut end = h.end;
        let mut relative = h.relative;
        if let Some(j) = hits.iter().position(|y| {
            y.start > h.end && y.date.precision() == Precision::Year && y.end_date.is_none() && {
                let gap = s[h.end..y.start].trim().trim_start_matches(',').trim();
                gap.is_empty() || Lexicon::is_in(lex.date_prepositions, gap)
            }
        }) {
            year = hits[j].date.year;
            end = hits[j].end;
            relative = false;
            merged_years.push(j);
        }
        let dim = crate::model::date::days_in_month(year, month);
        let days = if half {
            15
        } else {
            (unit * count).min(dim as u32) as u8
        };
        let (a, b) = if ord == 1 {
            (1, days)
        } else if half {
            (16, dim)
        } else {
            (dim - days + 1, dim)
        };
        let (Some(from), Some(to)) = (
            PartialDate::day(year, month, a),
            PartialDate::day(year, month, b),
        ) else {
            continue;
        };
        // The phrase starts at its article.
        let phrase = head[ord_at - 1..].join(" ");
        let start = s[..h.start].rfind(&*phrase).unwrap_or(h.start);
        let h = &mut hits[i];
        h.start = start;
        h.end = end;
        h.date = from;
        h.end_date = Some(to);
        h.relative = relative;
    }
    merged_years.sort_unstable();
    for j in merged_years.into_iter().rev() {
        hits.remove(j);
    }
}

/// `the end of the second quarter of FY2023`, `the start of the first half of 2019`: the
/// last (first) month of the period read after `the end of` (`the start of`), over the
/// whole phrase.
fn edges_of_periods(hits: &mut [DateHit], s: &str, lex: &Lexicon) {
    for h in hits.iter_mut() {
        let Some(end) = h.end_date else {
            continue;
        };
        let before = s[..h.start].trim_end();
        // `the last day of the 2019 fiscal year`: the period's own article after `of`.
        let before = strip_word_suffix(before, lex.period_article).map_or(before, str::trim_end);
        let Some(head) = strip_word_suffix(before, lex.day_of) else {
            continue;
        };
        let head = head.trim_end();
        // `the last day of …`, `the first day of …`: that day.
        let first = lex
            .period_first_day_words
            .iter()
            .find_map(|w| strip_word_suffix(head, w));
        let last = lex
            .period_last_day_words
            .iter()
            .find_map(|w| strip_word_suffix(head, w));
        if let Some(lead) = first.or(last) {
            if let Some(start) = strip_word_suffix(lead.trim_end(), lex.period_article) {
                h.start = start.len();
                h.date = if last.is_some() { end } else { h.date };
                h.end_date = None;
            }
            continue;
        }
        let Some((lead, edge)) = head.rsplit_once(char::is_whitespace) else {
            continue;
        };
        let edge = edge.to_lowercase();
        let at_end = Lexicon::is_in(lex.period_end_words, &edge);
        if !at_end && !Lexicon::is_in(lex.period_start_words, &edge) {
            continue;
        }
        let Some(start) = strip_word_suffix(lead.trim_end(), lex.period_article).map(str::len)
        else {
            continue;
        };
        let d = if at_end { end } else { h.date };
        let Some(month) = d.month.and_then(|m| PartialDate::month(d.year, m)) else {
            continue;
        };
        h.start = start;
        h.date = month;
        h.end_date = None;
    }
}

/// True if the verb that governs the date at `start..end` speaks of the future: the
/// nearest tense word to it in its clause is a future marker (`will`, `would`,
/// `scheduled`) rather than a past one (`went`, `was`, a word in -ed not after `be`).
/// Past and present resolve a month or day without a year to the latest one on or
/// before the document's date, the future to the next one on or after it.
pub fn future_at(s: &str, start: usize, end: usize, lex: &'static Lexicon) -> bool {
    const WINDOW: usize = 16;
    // Sixteen words are well within 200 bytes: look no further on either side.
    let from = start - window_before(s, start, 200).len();
    let to = end + super::words::window(s, end, 200).len();
    let clause_left = from + after_last(&s[from..start], &[';', '—', '(', ')', '“', '"']);
    let clause_right = s[end..to]
        .find([';', '—', '(', ')', '”', '"'])
        .map_or(to, |i| end + i);
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let sets = word_sets(lex);
    // A two-word future marker (`due to`, `set to`) starting with `w`, followed by `n`.
    let pair_marker = |w: &str, n: &str| {
        lex.future_markers.iter().any(|m| {
            m.len() == w.len() + 1 + n.len()
                && m.starts_with(w)
                && m.as_bytes()[w.len()] == b' '
                && m.ends_with(n)
        })
    };
    // The tense of the word at `i` of `ws` (None: no tense word).
    let tense = |ws: &[String], i: usize| -> Option<bool> {
        let w = ws[i].as_str();
        let pair = ws.get(i + 1).is_some_and(|n| pair_marker(w, n));
        let contracted = w.ends_with("’ll") || w.ends_with("'ll");
        if sets.future.contains(w) || pair || contracted {
            // `interdictions coming from five voyages`, `next to the port`: no future.
            let blocked = ws.get(i + 1).is_some_and(|n| {
                lex.future_marker_blockers
                    .iter()
                    .any(|b| b.split_once(' ') == Some((w, n.as_str())))
            });
            return (!blocked).then_some(true);
        }
        // `is expected to set a new ceiling`: an infinitive, whatever its spelling.
        let infinitive = i > 0 && Lexicon::is_in(lex.infinitive_markers, &ws[i - 1]);
        if sets.past.contains(w) && !infinitive {
            return Some(false);
        }
        let after_be = i > 0 && Lexicon::is_in(lex.passive_auxiliaries, &ws[i - 1]);
        // Verb endings (`-ed`; `-ó`, `-rá`), on words of five bytes or more.
        let ends = |list: &[&str]| w.len() >= 5 && list.iter().any(|x| w.ends_with(x));
        if ends(lex.future_suffixes) {
            return Some(true);
        }
        let ed = ends(lex.past_suffixes) && !ends(lex.not_past_suffixes) && !after_be;
        ed.then_some(false)
    };
    // The verb before the date governs it (`went into effect on May 12, and … will`),
    // within its comma-bounded clause; else the first tense word after it (`On May 12,
    // the agency will …`).
    let near = after_last(&s[clause_left..start], &[',']);
    let mut near_left = words(&s[clause_left + near..start]);
    // `Detalló que a partir del 10 de marzo la cifra aumentará`: a date after `que` or
    // `that` belongs to that clause; the verb of saying before it is not its tense.
    if let Some(i) = near_left
        .iter()
        .rposition(|w| Lexicon::is_in(lex.complementizers, w))
    {
        near_left.drain(..=i);
    }
    // `following their arrest Tuesday`: before the verb's time, whatever its tense.
    let earlier = |i: usize| {
        (i + 1 < near_left.len() && Lexicon::is_in(lex.anteriority_words, &near_left[i]))
            .then_some(false)
    };
    if let Some(t) = (0..near_left.len())
        .rev()
        .take(WINDOW)
        .find_map(|i| tense(&near_left, i).or_else(|| earlier(i)))
    {
        return t;
    }
    // `the January 24 press release, provide …`: a date that modifies a noun takes no
    // tense from past the comma that ends its noun phrase.
    let attributive = s[..start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| Lexicon::is_in(lex.attributive_articles, &w.to_lowercase()))
        && s[end..]
            .strip_prefix(' ')
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_lowercase()));
    let clause_right = match s[end..clause_right].find(',') {
        Some(i) if attributive => end + i,
        _ => clause_right,
    };
    let right = words(&s[end..clause_right]);
    if let Some(t) = (0..right.len()).take(WINDOW).find_map(|i| tense(&right, i)) {
        return t;
    }
    let left = words(&s[clause_left..start]);
    (0..left.len())
        .rev()
        .take(WINDOW)
        .find_map(|i| tense(&left, i))
        .unwrap_or(false)
}

/// One sentence made ready for the rules: what it holds, the haystacks they run on and
/// which of them can match.
struct Scan<'a> {
    /// Has an ASCII (or other) digit: most rules need one (every year has two).
    digits: bool,
    /// Has a month name: many rules need one.
    months: bool,
    /// The sentence, or its strict stand-in: on non-ASCII text the rules run on a
    /// stand-in (same matches, same offsets; see `strict_ascii_stand_in`) when one can be
    /// made: a Unicode `\b` slows them down.
    hay: Cow<'a, str>,
    /// The rules that match anywhere, from one pass of the set over the stand-in (an
    /// ASCII sentence is its own). Without a stand-in every rule is tried.
    matched: Option<SetMatches>,
    /// The haystack of the rules not in the set (`in May`, which starts with short words
    /// found everywhere): the looser `ascii_stand_in`, or the sentence; made on first use.
    loose: OnceCell<Cow<'a, str>>,
    sentence: &'a str,
}

impl<'a> Scan<'a> {
    fn new(s: &'a str, rec: &Recogniser) -> Scan<'a> {
        let digits = s
            .chars()
            .any(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()));
        let months = rec.has_month(s);
        let strict = strict_ascii_stand_in(s, rec.literals());
        let matched = strict.as_ref().map(|h| rec.set().matches(h));
        Scan {
            digits,
            months,
            hay: strict.unwrap_or(Cow::Borrowed(s)),
            matched,
            loose: OnceCell::new(),
            sentence: s,
        }
    }

    /// True if rule `i` may match: the sentence has what it needs, and the set (if it
    /// was run and the rule is in it) says it matches.
    fn may_match(&self, i: usize) -> bool {
        let rule = &RULES[i];
        (self.digits || !rule.needs.digit)
            && (self.months || !rule.needs.month)
            && (!rule.in_set || self.matched.as_ref().is_none_or(|m| m.matched(i)))
    }

    fn hay(&self, i: usize, rec: &Recogniser) -> &str {
        if RULES[i].in_set {
            &self.hay
        } else if !rec.source(i).is_ascii() {
            // The rule spells non-ASCII words (`este año`): the stand-in would hide them.
            self.sentence
        } else {
            self.loose.get_or_init(|| {
                let s = self.sentence;
                ascii_stand_in(s).unwrap_or(Cow::Borrowed(s))
            })
        }
    }
}

/// The hits kept so far, none overlapping another.
#[derive(Default)]
struct Hits {
    hits: Vec<DateHit>,
    taken: Vec<ByteRange>,
}

impl Hits {
    /// Keeps `h` unless it is empty, overlaps a hit kept before, or is a period that ends
    /// before it starts.
    fn add(&mut self, h: DateHit) {
        if h.start >= h.end || self.taken.iter().any(|&(a, b)| h.start < b && a < h.end) {
            return;
        }
        if let Some(e) = h.end_date
            && e <= h.date
            && e.precision() == h.date.precision()
        {
            return;
        }
        self.taken.push((h.start, h.end));
        self.hits.push(h);
    }

    fn sorted(mut self) -> Vec<DateHit> {
        self.hits.sort_by_key(|h| h.start);
        self.hits
    }
}

/// True if a rule of this kind can be resolved with this published date.
fn resolvable(kind: Kind, published: Option<PartialDate>) -> bool {
    match kind {
        Kind::Absolute => true,
        Kind::Relative => published.is_some(),
        // `yesterday` in a document dated to the month is dated to that month, and in
        // one dated to its year only to that year (see `resolve_relative`).
        Kind::RelativeDay => published.is_some(),
        Kind::Previous => true,
    }
}

/// True if what was found dates an event here: a year that is not a count or money, a
/// `today` or `now` that announces something, a week day not merely of a quote.
fn dates_an_event(f: &Found, s: &str, lex: &'static Lexicon) -> bool {
    if names_its_effect(s, f.end, lex) {
        return true;
    }
    let fiscal = lex
        .fiscal_year_codes
        .iter()
        .any(|c| s[f.start..].starts_with(c));
    let attribute = (matches!(f.expr, Expr::Date(Absolute::Year(_))) || fiscal)
        && attribute_year(s, f.start, f.end, lex);
    // `in a May 2019 Memorandum`, `the March 2020 guidance`: a month as an attribute.
    let attribute = attribute
        || (matches!(f.expr, Expr::Date(Absolute::Month { .. }))
            && determiner_before(s[..f.start].trim_end(), lex)
            && modifies_noun_after(s, f.end, lex));
    // `the Trafficking Victims Protection Reauthorization Act of 2005 and 2008`.
    let years = matches!(f.expr, Expr::Period(Absolute::Year(_), Absolute::Year(_)));
    let attribute = attribute || (years && name_ending_in_year(s[..f.start].trim_end(), lex));
    let attribute = attribute
        || (matches!(f.expr, Expr::Date(Absolute::Year(_))) && bracketed_label(s, f, lex));
    let since = matches!(f.expr, Expr::Since(_));
    let period = matches!(f.expr, Expr::Period(..));
    let words = &clause_words_before(s, f.start, 10);
    // `(Oct.1, 2009`: the year of a date not read whole is no fact of its own.
    let glued =
        matches!(f.expr, Expr::Date(Absolute::Year(_))) && glued_date_before(s, f.start, lex);
    !(attribute
        || glued
        || yearly_cycle(f.expr)
        || policy_date(s, f.start, lex)
        || issue_stamp(s, f.start, lex)
        || appended(s, f, lex)
        || since_a_peak(s, f.start, lex)
        || dateline(s, f)
        || cited(s, f, lex)
        || fiscal_year_edge(s, f.start, lex)
        // `more than three weeks ago`: the `than` hedges the count of days back (the
        // month they fall in is all that is kept); it compares nothing.
        || (!deadline(words, lex)
            && ((!matches!(f.expr, Expr::DaysAgoAbout(_))
                && baseline(s, (f.start, f.end), words, since, period, lex))
                || cut_off(words, lex)))
        || (since && continuity(words, lex)))
}

/// True if the date ending at `end` is followed by an appositive that names what took
/// effect on it (`since March 18, 2023, the effective date of this redesignation`).
pub fn names_its_effect(s: &str, end: usize, lex: &Lexicon) -> bool {
    let Some(rest) = s[end..].strip_prefix(',') else {
        return false;
    };
    let rest = rest.trim_start();
    lex.date_appositives.iter().any(|a| {
        rest.get(..a.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(a))
            && !rest[a.len()..].starts_with(char::is_alphanumeric)
    })
}

/// True if a year closes a short capitalised label in brackets (`(Venezuela 2021)`,
/// `(Smith 2019)`): the name of a designation or a citation, not an event.
fn bracketed_label(s: &str, f: &Found, lex: &Lexicon) -> bool {
    if !s[f.end..].trim_start().starts_with(')') {
        return false;
    }
    let head = &s[..f.start];
    let Some(open) = head.rfind('(') else {
        return false;
    };
    let words: Vec<&str> = head[open + 1..].split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && lex.month_any_case(w).is_none())
}

/// `text` without `word` (any case) at its end, when `word` starts a word there.
fn strip_word_suffix<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let k = text.len().checked_sub(word.len())?;
    (text.is_char_boundary(k)
        && text[k..].eq_ignore_ascii_case(word)
        && char_before(text, k).is_none_or(|c| !c.is_alphanumeric()))
    .then(|| &text[..k])
}

/// True if a word of continuity stands in the clause before a `since` date
/// (`continuously physically present … since October 3, 2023`): a condition of
/// eligibility, not an event.
fn continuity(words: &[String], lex: &Lexicon) -> bool {
    has_word(words, lex.continuity_words)
}

/// True if one of `words` (punctuation around it aside) is in `list`.
fn has_word(words: &[String], list: &[&str]) -> bool {
    words
        .iter()
        .any(|w| Lexicon::is_in(list, w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// True if the date is the first or last day of a fiscal year named just before it
/// (`in the 2019 fiscal year, which ended Sept. 30`, `Fiscal Year 2014 began October 1,
/// 2013`, `el año fiscal 2019, que terminó el 30 de septiembre`): the year's edge, not
/// an event.
fn fiscal_year_edge(s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = window_before(s, start, 80).to_lowercase();
    let head = head.trim_end();
    let Some(named) = lex.fiscal_year_edges.iter().find_map(|e| {
        head.strip_suffix(e)
            .filter(|h| h.ends_with(char::is_whitespace))
    }) else {
        return false;
    };
    // The fiscal year is named in the few words before the verb (`fiscal year`,
    // `FY2019`, `FY 2019`), perhaps with the other edge between (`began October 1,
    // 2013 and ended`).
    let tail = window_before(named, named.len(), 70);
    lex.fiscal_year_words.iter().any(|w| has_phrase(tail, w))
        || tail.split_whitespace().any(|w| fiscal_code(w, lex))
}

/// True if `w` (punctuation around it aside, any case) is a fiscal year's code alone or
/// glued to its number: `FY`, `FY2019`, `fy19`.
fn fiscal_code(w: &str, lex: &Lexicon) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    lex.fiscal_year_codes.iter().any(|c| {
        w.get(..c.len()).is_some_and(|h| h.eq_ignore_ascii_case(c))
            && w[c.len()..].bytes().all(|b| b.is_ascii_digit())
    })
}

/// True if a year, month or period after the document's date is only the horizon of a
/// projection (`is projected to reach 3 million by FY2033`, `forecast to grow through
/// 2030`): an estimate, not an event. A day stays an event (`the rule is projected to
/// take effect on October 1, 2025` is a scheduled act), and so does anything without a
/// projection word in its sentence (`will take effect in FY2026`).
/// `projection` holds whether the sentence has a projection word, once one hit asked.
fn projected(
    h: &DateHit,
    s: &str,
    published: Option<PartialDate>,
    lex: &Lexicon,
    projection: &OnceCell<bool>,
) -> bool {
    let Some(pubd) = published else {
        return false;
    };
    if h.date.day.is_some() && h.end_date.is_none() {
        return false;
    }
    let later = match (h.date.year.cmp(&pubd.year), h.date.month, pubd.month) {
        (std::cmp::Ordering::Greater, ..) => true,
        (std::cmp::Ordering::Equal, Some(a), Some(b)) => a > b,
        _ => false,
    };
    // Checked only for a later date, so that a long sentence is lowercased only when needed.
    later
        && *projection.get_or_init(|| {
            let low = s.to_lowercase();
            lex.projection_words.iter().any(|w| has_phrase(&low, w))
        })
}

/// True if a day written in full opens the sentence after a place name and before a
/// dash: a dateline run into the text (`Mexico City, July 08, 2014 – We applaud …`,
/// `Ciudad de México, 28 de marzo de 2023.- La …`, `WASHINGTON, DC – (January 20, 2020)
/// On Friday, …`), the document's own date, not an event.
fn dateline(s: &str, f: &Found) -> bool {
    if !matches!(
        f.expr,
        Expr::Date(Absolute::Day { .. } | Absolute::Numeric { .. }) | Expr::MonthDay { .. }
    ) {
        return false;
    }
    // `28 marzo 2023.- La secretaría …`: the Mexican press writes a stop before the dash.
    let after = s[f.end..].trim_start();
    let after = after.strip_prefix('.').unwrap_or(after);
    // A wire agency after the date: `Sept. 10 (UPI) --`, `September 30, ANI/Sputnik :`.
    let agency = |w: &str| {
        (1..=24).contains(&w.len())
            && w.split(['/', ' ', '-'])
                .all(|p| p.starts_with(char::is_uppercase) && p.chars().all(char::is_alphabetic))
    };
    let in_parens = after.strip_prefix('(').and_then(|a| a.split_once(')'));
    let before_colon = after.strip_prefix(',').and_then(|a| a.split_once(':'));
    let dash = match (in_parens, before_colon) {
        (Some((name, rest)), _) if agency(name.trim()) => {
            rest.trim_start().starts_with(['–', '—', '-'])
        }
        (_, Some((name, _))) => agency(name.trim()),
        _ => after.starts_with(['–', '—', '-']),
    };
    let before = s[..f.start].trim_end();
    // `WASHINGTON, DC – (January 20, 2020) On Friday, …`: the date in parentheses after
    // the place (and its dash, if any).
    let enclosed = s[f.end..].starts_with(')') && before.ends_with('(');
    let before = before.strip_suffix('(').map_or(before, str::trim_end);
    let dash = dash || enclosed;
    // `Washington, US - September 30, ANI/Sputnik :`: the dash before the date.
    let Some(place) = before
        .strip_suffix(',')
        .or_else(|| before.strip_suffix(['–', '—', '-']).map(str::trim_end))
        .or_else(|| enclosed.then_some(before))
    else {
        return false;
    };
    let words: Vec<&str> = place
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // Capitalised words, perhaps joined by short lower-case ones (`Ciudad de México`).
    let capital = |w: &&str| w.starts_with(char::is_uppercase);
    let joiner = |w: &&str| w.chars().count() <= 3 && w.chars().all(char::is_lowercase);
    dash && (1..=6).contains(&words.len())
        && words.first().is_some_and(capital)
        && words.last().is_some_and(capital)
        && words.iter().all(|w| capital(w) || joiner(w))
}

/// True if the date ends a noun phrase after `since`, which follows a word of change:
/// `a 72% decrease since the peak of the crisis in May` (the baseline of the change,
/// like `since May` right after it). Only nouns and small words between `since` and
/// the date: a verb there (`since the office opened in May`) dates an event.
fn since_a_peak(s: &str, start: usize, lex: &'static Lexicon) -> bool {
    let words = clause_words_before(s, start, 16);
    let sets = word_sets(lex);
    let bare = |w: &String| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
            .to_string()
    };
    let Some(k) = words
        .iter()
        .rposition(|w| Lexicon::is_in(lex.since, &bare(w)))
    else {
        return false;
    };
    let between = &words[k + 1..];
    if between.len() < 2 {
        return false; // `since May` itself: the `since` rule's and `baseline`'s
    }
    let nouns_only = between.iter().all(|w| {
        let t = bare(w);
        !(t.is_empty()
            || t.ends_with("ed")
            || t.ends_with("ing")
            || sets.past.contains(t.as_str())
            || t.chars().any(|c| c.is_ascii_digit()))
    });
    let change = words[..k]
        .iter()
        .rev()
        .take(3)
        .any(|w| sets.change.contains(bare(w).as_str()));
    nouns_only && change
}

/// True if a day written in full is appended to the end of the sentence after a comma,
/// with no preposition (`President Trump holds up the deal at the White House, June 11,
/// 2019.`, perhaps with a week day and a credit `(V. Macchi/VOA)` after): the style of a
/// photo caption, whose date is the photo's, not an event's. Prose says `on June 11`.
fn appended(s: &str, f: &Found, lex: &Lexicon) -> bool {
    if !matches!(
        f.expr,
        Expr::Date(Absolute::Day { .. } | Absolute::Numeric { .. })
    ) {
        return false;
    }
    let after = s[f.end..].trim();
    let credit = after
        .strip_prefix('.')
        .map(str::trim_start)
        .is_some_and(|r| r.is_empty() || (r.starts_with('(') && r.ends_with(')')));
    // `at the Embassy in Washington, Tuesday, June 4, 2019, as part of …`: in the middle
    // of the caption the date is set off by commas and keeps its week day.
    let inset = after.starts_with(',');
    if !credit && !inset {
        return false;
    }
    let mut before = s[..f.start].trim_end();
    let mut weekday = false;
    // `Washington, Tuesday, June 4, 2019.`: the week day belongs to the date.
    if let Some(head) = before.strip_suffix(',') {
        let head = head.trim_end();
        if let Some((rest, w)) = head.rsplit_once(char::is_whitespace)
            && lex.weekdays.iter().any(|d| d.eq_ignore_ascii_case(w))
        {
            before = rest.trim_end();
            weekday = true;
        }
    }
    // `at ICE headquarters, July 6, 2018, in Washington.`: the place after the date, in
    // the style of a wire photo's caption.
    let place = after
        .strip_prefix(',')
        .map(str::trim_start)
        .and_then(|r| {
            lex.caption_place_words
                .iter()
                .find_map(|w| r.strip_prefix(w).map(str::trim_start))
        })
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    (credit || weekday || place) && before.ends_with(',') && before.len() > 20
}

/// True if the date follows an issue number (`Federal Register Vol. 86, No. 246
/// Tuesday, December 28, 2021`, `Volume 82, Issue 10 (January 17, 2017)`): the issue's
/// publication stamp, not an event.
fn issue_stamp(s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = window_before(s, start, 60);
    let mut words = head
        .split_whitespace()
        .rev()
        .map(|w| w.trim_end_matches(',').trim_start_matches(['(', '[']))
        .filter(|w| !w.is_empty())
        .skip_while(|w| lex.weekdays.iter().any(|d| d.eq_ignore_ascii_case(w)));
    let number = words
        .next()
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    let no = words.next().is_some_and(|w| {
        lex.issue_number_words
            .iter()
            .any(|n| n.eq_ignore_ascii_case(w))
    });
    number && no
}

/// True if the date is the one in parentheses that closes a citation of a reporter or
/// register (`88 Fed. Reg. 31314 (May 16, 2023)`, `683 F. Supp. 3d 1025 (Mar. 2, 2023)`)
/// or an issue's number (`Volume 79, Number 85 (Friday, May 2, 2014)`): the date of the
/// cited text, not an event of this one.
fn cited(s: &str, f: &Found, lex: &Lexicon) -> bool {
    let before = s[..f.start].trim_end();
    let after = s[f.end..].trim_start();
    // `Number 85 (Friday, May 2, 2014)`: the week day of the issue's date.
    let before = before
        .strip_suffix(',')
        .and_then(|b| word_before(b, b.len()))
        .filter(|(w, _)| lex.weekdays.iter().any(|d| d.eq_ignore_ascii_case(w)))
        .map_or(before, |(_, at)| before[..at].trim_end());
    // `8 U.S.C. § 1158 (2000 & Supp. V 2005)`: a code's edition and its supplement.
    if let Some(found) = code_supplement(before, after, lex) {
        return found;
    }
    let Some(head) = before.strip_suffix('(') else {
        return false;
    };
    if !after.starts_with(')') {
        return false;
    }
    let mut words = head.split_whitespace().rev();
    let page = words.next().unwrap_or("");
    // `585 U.S (2018)`, `585 U.S. ___ (2018)`: a slip opinion's volume and reporter,
    // its page not yet given.
    let page = if page.bytes().all(|b| b == b'_') {
        words.next().unwrap_or("")
    } else {
        page
    };
    if abbreviation(page) {
        return words
            .next()
            .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    }
    // `8 U.S.C. § 1225(b)(2)(C) (2018)`, `§§ 1158(b)(1)(A) and 1231(b)(3)(A) (2018)`: a
    // section of a code, its subsections in parentheses, and the code's edition.
    if let Some(open) = page.find('(') {
        let (section, subsections) = page.split_at(open);
        let subsections = subsections.split_inclusive(')').all(|g| {
            g.len() > 2
                && g.starts_with('(')
                && g.ends_with(')')
                && g[1..g.len() - 1].bytes().all(|b| b.is_ascii_alphanumeric())
        });
        let section_sign = head
            .split_whitespace()
            .rev()
            .take(6)
            .any(|w| w.starts_with('§'));
        // `1003.1(d)(3)`: a section's number may have a dot.
        return subsections
            && section_sign
            && section.starts_with(|c: char| c.is_ascii_digit())
            && section.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    }
    if page.is_empty() || !page.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // The reporter: abbreviations (`Fed. Reg.`, `F. Supp. 3d`, `U.S.`) before the page,
    // or nothing when the sentence was cut after them (`… Reg.` `31314 (May 16, 2023)`).
    if head.trim() == page {
        return page.len() >= 2;
    }
    // `Volume 79, Number 85 (…)`: an issue's number.
    let mut words = words.peekable();
    if words
        .peek()
        .is_some_and(|w| Lexicon::is_in(lex.identifier_words, &w.to_lowercase()))
    {
        return true;
    }
    let mut abbreviations = 0;
    for w in words.take(3) {
        if abbreviation(w) {
            abbreviations += 1;
        } else if !(w.bytes().all(|b| b.is_ascii_alphanumeric()) && w.len() <= 3) {
            break;
        }
    }
    abbreviations > 0
}

/// True if a volume's number and a reporter's capitals stand right before `start`
/// (`22 I&N Dec. 21`, `23 IN Dec. 814`): the abbreviation after them is the reporter's
/// (`Dec.`, decisions), not a month.
fn reporter_before(s: &str, start: usize) -> bool {
    let mut words = s[..start].split_whitespace().rev();
    let reporter = words.next().unwrap_or("");
    let volume = words.next().unwrap_or("");
    reporter.len() >= 2
        && reporter.chars().any(|c| c.is_ascii_uppercase())
        && reporter
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '&' || c == '.')
        && !volume.is_empty()
        && volume.bytes().all(|b| b.is_ascii_digit())
}

/// True for a reporter's or code's abbreviation: `Supp.`, `U.S.C.`, or `U.S` with its
/// last dot lost.
fn abbreviation(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && (w.ends_with('.') || (w.len() >= 3 && w.contains('.')))
        && w.chars().all(|c| c.is_alphanumeric() || c == '.')
}

/// Whether a year found in a parenthesis of a code's edition and supplement (`8 U.S.C.
/// § 1158 (2000 & Supp. V 2005)`) is cited there: `None` when the parenthesis around
/// it names no supplement, so the other readings apply. `before` and `after` are the
/// trimmed text either side of the year.
fn code_supplement(before: &str, after: &str, lex: &Lexicon) -> Option<bool> {
    let open = before.rfind('(')?;
    let close = after.find(')')?;
    let mut inside = before[open + 1..]
        .split_whitespace()
        .chain(after[..close].split_whitespace());
    if before[open..].contains(')') || !inside.any(|w| Lexicon::is_in(lex.code_supplements, w)) {
        return None;
    }
    let head = &before[..open];
    Some(
        head.split_whitespace()
            .rev()
            .take(6)
            .any(|w| w.starts_with('§')),
    )
}

/// True if what was found is a date here: a year that is not a count or money, a
/// `today` or `now` that announces something, a week day not merely of a quote.
fn is_date(f: &Found, s: &str, lex: &Lexicon) -> bool {
    if matches!(f.expr, Expr::MonthDay { .. } | Expr::BareMonth { .. })
        && capitalised_month_in_a_name(&s[..f.end], f.start, lex)
    {
        return false;
    }
    if matches!(f.expr, Expr::MonthDay { .. } | Expr::BareMonth { .. })
        && reporter_before(s, f.start)
    {
        return false;
    }
    // `Oct.1, 2009`: a month glued to its day is no month alone (see
    // [`glued_date_before`]).
    if matches!(f.expr, Expr::BareMonth { .. })
        && char_at(s, f.end).is_some_and(|c| c.is_ascii_digit())
    {
        return false;
    }
    match f.expr {
        Expr::Date(Absolute::Year(_)) => plausible_year(s, f.start, f.end, lex),
        Expr::Today => today_announces(s, f.start, f.end, lex),
        Expr::Now => {
            let before = word_before(s, f.start).map(|(w, _)| w.to_lowercase());
            let glued = char_before(s, f.start).is_some_and(|c| !c.is_whitespace());
            // `has now imposed a 24-month term`: an act of a court or an agency, done
            // by the document's day.
            let acted = || {
                let verb = word_after(s, f.end).map(|(w, _)| w.to_lowercase());
                before
                    .as_ref()
                    .is_some_and(|w| Lexicon::is_in(lex.perfect_auxiliaries, w))
                    && verb.is_some_and(|v| Lexicon::is_in(lex.action_verbs, &v))
            };
            !glued
                && (before
                    .as_ref()
                    .is_some_and(|w| Lexicon::is_in(lex.now_modals, w))
                    || acted())
        }
        // `Tuesday, June 4, 2019`: the week day of a date written in full is part of it.
        Expr::Weekday(_) | Expr::LastWeekday(_) | Expr::WeekdaySpan(..) => {
            let rest = s[f.end..].trim_start_matches([',', ' ']);
            let dated = rest.starts_with(|c: char| c.is_ascii_digit())
                || lex.months.iter().any(|(m, _)| rest.starts_with(m));
            // The day of words said (`said Tuesday`, `In a statement Wednesday`, `On
            // Tuesday, DHS said`) is no event.
            let words_day = said_before(s, f.start, lex)
                || stated_on(s, f.start, lex)
                || (opens_sentence(s, f.start, lex) && says_after(s, f.end, lex));
            !(dated || words_day || weekday_of_another_day(s, f, lex))
        }
        // `por la mañana`: the morning, not tomorrow.
        Expr::DayOffset(_) if !lex.day_word_blockers.is_empty() => {
            let before = word_before(s, f.start).map(|(w, _)| w.to_lowercase());
            before.is_none_or(|w| !Lexicon::is_in(lex.day_word_blockers, &w))
        }
        // `the spokesman said this week`: the week of a statement, not of an event.
        Expr::WeekOffset { .. } | Expr::Weekend(_) if said_before(s, f.start, lex) => false,
        Expr::YearOffset(_) | Expr::MonthOffset(_) | Expr::WeekOffset { .. } => {
            let before = word_before(s, f.start).map(|(w, _)| w.to_lowercase());
            let possessive = s[f.end..].starts_with(['’', '\'']);
            !possessive && before.is_none_or(|w| !Lexicon::is_in(lex.year_deictic_blockers, &w))
        }
        _ => true,
    }
}

/// True if a week day is counted from another day than the document's (`the Friday
/// night before Christmas`, `the Monday after the election`, `el viernes antes de
/// Navidad`): the document's date cannot tell which week, so it dates nothing.
fn weekday_of_another_day(s: &str, f: &Found, lex: &Lexicon) -> bool {
    let determined = lex.weekday_anchor_determiners.is_empty()
        || word_before(s, f.start).is_some_and(|(w, _)| {
            Lexicon::is_in(lex.weekday_anchor_determiners, &w.to_lowercase())
        });
    if !determined {
        return false;
    }
    let tail = s[f.end..].to_lowercase();
    let mut rest = tail.trim_start();
    if let Some(part) = lex.day_parts.iter().find(|p| starts_with_words(rest, p)) {
        rest = rest[part.len()..].trim_start();
    }
    let Some(anchor) = lex
        .weekday_anchors
        .iter()
        .find(|a| starts_with_words(rest, a))
    else {
        return false;
    };
    let after = &rest[anchor.len()..];
    word_after(after, 0).is_none_or(|(w, _)| !Lexicon::is_in(lex.anchor_clause_words, w))
}

/// True if `text` (lower case) starts with the words of `phrase`, followed by a word end.
fn starts_with_words(text: &str, phrase: &str) -> bool {
    text.starts_with(phrase) && !text[phrase.len()..].starts_with(char::is_alphanumeric)
}

/// True if a month without a year, at `start..` of `s`, is capitalised inside a sentence
/// of a language that writes month names in lower case: a name (`Plaza de Mayo`, `calle
/// 5 de Mayo`), not a date. A date with its year is still read (`5 de Mayo de 2010`).
fn capitalised_month_in_a_name(s: &str, start: usize, lex: &Lexicon) -> bool {
    let lower_case_months = lex.months[0].0.starts_with(char::is_lowercase);
    if !lower_case_months {
        return false;
    }
    let tail = &s[start..];
    let mut word_start = None;
    for (i, c) in tail
        .char_indices()
        .chain(std::iter::once((tail.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '.';
        match (in_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(ws)) => {
                let w = &tail[ws..i];
                let month = lex.month(w).or_else(|| lex.month(w.trim_end_matches('.')));
                if w.starts_with(char::is_uppercase) && month.is_some() {
                    return !s[..start + ws].trim().is_empty();
                }
                word_start = None;
            }
            _ => {}
        }
    }
    false
}

/// The byte offset just past the last of `marks` in `s` (0 if none).
fn after_last(s: &str, marks: &[char]) -> usize {
    let b = s.as_bytes();
    // A comma between two digits groups thousands (`by over 15,000 from FY16`): no clause
    // ends there.
    let grouping = |i: usize| {
        i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    s.char_indices()
        .rev()
        .find(|&(i, c)| marks.contains(&c) && !(c == ',' && grouping(i)))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// A word of a date as the clause words read it (`2015`, `May`, `FY`, `fiscal`).
fn date_word(w: &str, lex: &Lexicon) -> bool {
    let t = w.trim_matches(|c: char| !c.is_alphanumeric());
    year_like(t)
        || lex.month_any_case(t).is_some()
        || fiscal_code(t, lex)
        || lex
            .fiscal_year_words
            .iter()
            .any(|p| p.split(' ').any(|x| x.eq_ignore_ascii_case(t)))
}

/// How many of the last `words` are a list joiner and the date before it (`… Fiscal Year
/// 2015 and`), if they are that.
fn joined_date(words: &[String], lex: &Lexicon) -> Option<usize> {
    let (last, rest) = words.split_last()?;
    if !Lexicon::is_in(lex.list_joiners, last) {
        return None;
    }
    let dated = rest.iter().rev().take_while(|w| date_word(w, lex)).count();
    let anchored = rest[rest.len() - dated..].iter().any(|w| {
        let t = w.trim_matches(|c: char| !c.is_alphanumeric());
        year_like(t) || lex.month_any_case(t).is_some()
    });
    (dated > 0 && anchored).then_some(dated + 1)
}

/// The words of the clause before byte `at`, lower case, nearest last (at most `n`). A
/// clause ends at `;`, `:`, `—`, a parenthesis or a comma.
fn clause_words_before(s: &str, at: usize, n: usize) -> Vec<String> {
    // `n` words fit in well under 24 bytes each.
    let mut head = window_before(s, at, 24 * n);
    let cut_word =
        head.len() < at && char_before(s, at - head.len()).is_some_and(char::is_alphanumeric);
    if cut_word {
        // The window starts inside a word: leave that word out.
        head = head
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest);
    }
    let from = after_last(head, &[';', ':', '—', '(', ')', ',', '“', '"']);
    // Only the last `n` words are kept: lower only those.
    let mut words: Vec<String> = head[from..]
        .split_whitespace()
        .rev()
        .take(n)
        .map(str::to_lowercase)
        .collect();
    words.reverse();
    words
}

/// True if `words` (nearest last) end with `phrase` (one or more words) at word `k`
/// from the end (0: the last words).
fn phrase_at(words: &[String], phrase: &str, k: usize) -> bool {
    // Most calls fail on the last word: compare it first (it is the phrase's last word,
    // which the comparison of every word below makes again).
    let Some(last) = words.len().checked_sub(k + 1).map(|i| &words[i]) else {
        return false;
    };
    let tail = match phrase.bytes().rposition(|b| b == b' ') {
        Some(i) => &phrase[i + 1..],
        None => phrase,
    };
    // A word with an ASCII letter, digit or `.` at both ends is its own trimmed form.
    let kept = |b: u8| b.is_ascii_alphanumeric() || b == b'.';
    let plain = last.as_bytes().first().is_some_and(|&b| kept(b))
        && last.as_bytes().last().is_some_and(|&b| kept(b));
    let trimmed = if plain {
        last.as_str()
    } else {
        last.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
    };
    if trimmed != tail {
        return false;
    }
    let n = phrase.split(' ').count();
    let end = words.len().saturating_sub(k);
    end >= n
        && words[end - n..end]
            .iter()
            .zip(phrase.split(' '))
            .all(|(w, q)| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.') == q)
}

/// True if the date at `start` only serves as the baseline of a comparison (`32% lower
/// than in June`, `compared to December`, `the lowest … since September 2020`): a cue
/// within the clause before it and no figure between the cue and the date. `words` are
/// the clause's words before the date, lower case, nearest last.
fn baseline(
    s: &str,
    (start, end): ByteRange,
    words: &[String],
    since: bool,
    period: bool,
    lex: &'static Lexicon,
) -> bool {
    // `an increase from May 12 when CBP processed 1,000`: a baseline with its own figure
    // after it is a dated snapshot.
    let rest = &s[end..];
    let rest = &rest[..rest.find([';', '—', '.', ',']).unwrap_or(rest.len())];
    // `45% lower than in December 2023 and 16% lower than March 2023`: a figure after a
    // list joiner belongs to the next comparison, not to this date.
    let low = rest.to_ascii_lowercase();
    let rest = match lex
        .list_joiners
        .iter()
        .filter_map(|j| phrase_positions(&low, j).next())
        .min()
    {
        Some(k) => &rest[..k],
        None => rest,
    };
    if rest
        .split(|c: char| !c.is_ascii_digit())
        .any(|t| !t.is_empty() && !year_like(t))
    {
        return false;
    }
    // `since May, when the number of migrants spiked`: the clause after it says what
    // happened at the date, which makes it an event.
    let clause = s[end..]
        .trim_start()
        .strip_prefix(',')
        .unwrap_or("")
        .trim_start();
    let when = clause
        .split_whitespace()
        .next()
        .is_some_and(|w| Lexicon::is_in(lex.when, &w.to_lowercase()));
    if when {
        return false;
    }
    // `compared to the same time period for Fiscal Year 2015 and Fiscal Year 2014`: a date
    // joined to the one before it is read as that one. Only then are the words before
    // the earlier date read (up to sixteen in all).
    if joined_date(words, lex).is_some() {
        let all = clause_words_before(s, start, 16);
        if let Some(joined) = joined_date(&all, lex) {
            let earlier = &all[..all.len() - joined];
            let earlier = &earlier[earlier.len().saturating_sub(10)..];
            if baseline_cue(s, (start, end), earlier, false, period, lex) {
                return true;
            }
        }
    }
    baseline_cue(s, (start, end), words, since, period, lex)
}

/// True if a baseline cue stands among `words`, the clause's words before the date at
/// `start..end` (lower case, nearest last), with no figure between it (see [`baseline`]).
fn baseline_cue(
    s: &str,
    (start, end): ByteRange,
    words: &[String],
    since: bool,
    period: bool,
    lex: &'static Lexicon,
) -> bool {
    let sets = word_sets(lex);
    let with_since;
    let words = if since {
        // `since February 2021` was read with its `since`: put it back in front.
        let mut w = words.to_vec();
        w.push(lex.since.first().copied().unwrap_or_default().to_string());
        with_since = w;
        &with_since[..]
    } else {
        words
    };
    // The words are lower case already.
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
    }
    // `to more than $95 million since …`: `more than` before an amount is a hedge, no
    // word of change.
    let hedge = |i: usize| {
        Lexicon::is_in(lex.count_comparatives, bare(&words[i]))
            && words
                .get(i + 1)
                .is_some_and(|t| Lexicon::is_in(lex.comparison_cues, bare(t)))
            && words.get(i + 2).is_some_and(|a| {
                let a = bare(a.trim_start_matches(|c: char| !c.is_alphanumeric()));
                a.starts_with(|c: char| c.is_ascii_digit()) || lex.number_word(a).is_some()
            })
    };
    let change = (0..words.len()).any(|i| sets.change.contains(bare(&words[i])) && !hedge(i));
    // `lower than FY 2014 and FY 2013`: an earlier date of the same comparison, joined
    // to this one, is neither a figure nor a word that breaks the cue off.
    let date_word = |w: &str| date_word(w, lex);
    let figure = |w: &String| w.chars().any(|c| c.is_ascii_digit()) && !date_word(w);
    for k in 0..words.len() {
        if figure(&words[words.len() - 1 - k]) {
            return false; // `compared to 18,000 in March 2021`: a dated snapshot
        }
        // A cue counts when only small words stand between it and the date (`lower
        // than in June`, not `more than doubled from fiscal years …`), or dates of the
        // same comparison joined to it (`than May and April`).
        let between = &words[words.len() - k..];
        let joined = between
            .last()
            .is_some_and(|w| w.ends_with(',') || Lexicon::is_in(lex.list_joiners, w));
        let small = between.iter().all(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            sets.stamp.contains(t)
                || Lexicon::is_in(lex.baseline_participles, t)
                || (joined && (date_word(w) || Lexicon::is_in(lex.list_joiners, t)))
        });
        let cue = lex.baseline_cues.iter().find(|c| phrase_at(words, c, k));
        if let Some(cue) = cue.filter(|_| small) {
            // `que en 2022` is a baseline after `más`/`menos` only; otherwise `que` is
            // `that` (`señala que en el año fiscal 2023, …`).
            let before = words.len() - k - cue.split(' ').count();
            let compared = !Lexicon::is_in(lex.comparative_only_cues, cue)
                || words[..before].iter().any(|w| {
                    Lexicon::is_in(
                        lex.comparatives,
                        w.trim_matches(|c: char| !c.is_alphanumeric()),
                    )
                });
            if compared {
                return true;
            }
        }
        // `lower than the monthly average for all of 2019`: a comparison cue with only
        // nouns (no verb, no figure) between it and the date.
        let nouns_only = words[words.len() - k..].iter().all(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            !(t.ends_with("ed") || t.ends_with("ing") || sets.past.contains(t))
        });
        // `More than half of refugees from …`: `than` before an amount is a hedge.
        let amount = |w: &String| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            t.starts_with(|c: char| c.is_ascii_digit())
                || lex.number_word(t).is_some()
                || lex.fractions.iter().any(|(n, _)| n.eq_ignore_ascii_case(t))
        };
        let compared = (1..=7).contains(&k)
            && nouns_only
            && !amount(&words[words.len() - k])
            && lex.comparison_cues.iter().any(|c| phrase_at(words, c, k));
        if compared {
            return true;
        }
        // `dropping nearly a third from May`: `from` after a word of change.
        // A `from` that is also the `of` of a date (Spanish `de`: `los últimos diez días
        // de julio`) only right after the word of change (`bajaron de julio`).
        // `from just three years ago`: the adverb aside.
        let adverbs = if k == 0 {
            words
                .iter()
                .rev()
                .take_while(|w| Lexicon::is_in(lex.baseline_adverbs, bare(w)))
                .count()
        } else {
            0
        };
        let from = lex
            .span_from
            .iter()
            .find(|c| phrase_at(&words[..words.len() - adverbs], c, 0));
        let from = from.is_some_and(|c| {
            !(*c == lex.day_of || Lexicon::is_in(lex.year_of, c))
                || words.len().checked_sub(2).is_some_and(|j| {
                    sets.change
                        .contains(words[j].trim_matches(|c: char| !c.is_alphanumeric()))
                })
        });
        // A period after `from` opens a span when `to`/`through` follows it (`rose from
        // FY2020 to FY2022`); alone, it is the baseline (`37 percent from fiscal year 2021`).
        if k == 0
            && change
            && from
            && !(period && (joins_two(&s[start..end], lex) || span_follows(s, end, lex)))
        {
            return true;
        }
        if k == 0 || !Lexicon::is_in(lex.since, &words[words.len() - 1]) {
            continue;
        }
        // `the lowest … since September 2020`, `has more than tripled since …`.
        if lex.superlatives.iter().any(|c| phrase_at(words, c, k)) || change {
            return true;
        }
    }
    false
}

/// The last `chars` characters before `end`, lower-cased, their runs of white space
/// (line breaks too) made one space.
fn last_words(s: &str, end: usize, chars: usize) -> String {
    let from = s[..end]
        .char_indices()
        .rev()
        .nth(chars)
        .map_or(0, |(i, _)| i);
    let words: Vec<&str> = s[from..end].split_whitespace().collect();
    words.join(" ").to_lowercase()
}

/// True if the date names a standing rule (`announced policy of January 3, 2019`).
fn policy_date(s: &str, start: usize, lex: &Lexicon) -> bool {
    if lex.policy_of.is_empty() {
        return false;
    }
    let head = last_words(s, start, 40);
    lex.policy_of.iter().any(|p| head.ends_with(p))
}

/// True for two days without a year that make a whole year, the second the day before
/// the first (`fiscal years, which run from October 1 to September 30`): a yearly
/// cycle defined, no period that happened.
fn yearly_cycle(e: Expr) -> bool {
    let Expr::DayPair {
        from: (fm, fd),
        to: (tm, td),
    } = e
    else {
        return false;
    };
    // Any leap year serves: 29 February is a day of it.
    shift_days(2000, fm, fd, -1)
        .is_some_and(|d| d.month == Some(tm) && d.day == Some(td) && (fm, fd) != (1, 1))
}

/// True if a date's text names both ends of a period (`FY2013 to FY2022`, `fiscal years
/// 2006 through 2015`, `2014-2017`).
fn joins_two(t: &str, lex: &Lexicon) -> bool {
    t.contains(['-', '–', '—'])
        || t.split_whitespace().any(|w| {
            Lexicon::is_in(lex.span_through, &w.to_lowercase())
                || Lexicon::is_in(lex.span_and, &w.to_lowercase())
        })
}

/// True if a span's second end follows `end` (`to`, `through`, a dash).
fn span_follows(s: &str, end: usize, lex: &Lexicon) -> bool {
    let rest = s[end..].trim_start().trim_start_matches(',').trim_start();
    rest.starts_with(['-', '–', '—'])
        || lex.span_through.iter().any(|w| {
            rest.get(..w.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
                && !rest[w.len()..].starts_with(char::is_alphanumeric)
        })
}

/// True if the words before a date set a deadline someone must meet (`Comments must be
/// submitted on or before December 19, 2019`, `we ask that you answer no later than April
/// 2, 2021`): an event on that day, neither a cut-off nor a comparison. `must have
/// entered on or before June 15, 2012` asks what was done by then: a condition.
fn deadline(words: &[String], lex: &Lexicon) -> bool {
    lex.deadline_words.iter().any(|c| phrase_at(words, c, 0))
        && has_word(words, lex.obligation_words)
        && !has_word(words, lex.perfect_auxiliaries)
}

/// True if the date at `start` is a cut-off condition (`filed before May 15`,
/// `residing in the United States as of November 6, 2022`, `the continuous residence
/// date as Jan. 12, 2011`).
fn cut_off(words: &[String], lex: &Lexicon) -> bool {
    let ends_with = |list: &[&str]| list.iter().any(|c| phrase_at(words, c, 0));
    ends_with(lex.cutoff_words)
        || (ends_with(lex.residence_date_words) && has_word(words, lex.residence_words))
        || (ends_with(lex.condition_date_words) && has_word(words, lex.continuity_words))
}

/// True if the text before a year ends a name that the year closes: `la Ley de
/// Migración de 2011`, `la Masacre de San Fernando de 2010` (a capitalised word, not a
/// month, then one of `name_year_joiners`).
fn name_ending_in_year(before: &str, lex: &Lexicon) -> bool {
    let Some((head, joiner)) = before.rsplit_once(char::is_whitespace) else {
        return false;
    };
    // `… Act of 2005 and 2008`: the second year of the name.
    if Lexicon::is_in(lex.list_joiners, joiner)
        && let Some((rest, year)) = head.trim_end().rsplit_once(char::is_whitespace)
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        return name_ending_in_year(rest.trim_end(), lex);
    }
    if !Lexicon::is_in(lex.name_year_joiners, joiner) {
        return false;
    }
    let Some(word) = head
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    else {
        return false;
    };
    // `… de San Fernando de 2010`: the name's last word is capitalised; a sentence's
    // first word is not a name (`En 2010`), nor is a month (`Agosto de 2010`).
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let opens_sentence = head.trim_end().len() == word.len();
    capital && !opens_sentence && lex.month_any_case(word).is_none()
}

/// True if `w` is a capitalised word of letters that could be part of a name: not a
/// month, week day, season, preposition or word of time (`Disease`, not `Year`, `March`,
/// `Since`).
fn name_word(w: &str, lex: &Lexicon) -> bool {
    let lower = w.to_lowercase();
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && w.chars().skip(1).any(char::is_lowercase)
        && lex.month_any_case(w).is_none()
        && !Lexicon::is_in(lex.weekdays, &lower)
        && !lex.seasons.iter().any(|(s, _)| *s == lower)
        && !Lexicon::is_in(lex.stopwords, &lower)
        && !Lexicon::is_in(lex.date_prepositions, &lower)
        && !Lexicon::is_in(lex.durations, &lower)
        && !lex.fiscal_year_words.iter().any(|f| *f == lower)
}

/// True if `before` ends with a word of [`Lexicon::attribute_determiners`] (`the`, `a`,
/// `’s`).
fn determiner_before(before: &str, lex: &Lexicon) -> bool {
    let tail = window_before(before, before.len(), 12).to_lowercase();
    lex.attribute_determiners.iter().any(|d| {
        tail.ends_with(d)
            && (d.starts_with(['’', '\'']) || {
                let cut = tail.len() - d.len();
                char_before(&tail, cut).is_none_or(|c| !c.is_alphanumeric())
            })
    })
}

/// True if the year at `start..end` is an attribute or part of a name: a determiner
/// before it and a noun or name after it (`the 2011 San Fernando massacre`, `a 2016
/// precedent`, `the 2020 census data`).
fn attribute_year(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let before = s[..start].trim_end();
    if name_ending_in_year(before, lex) {
        return true;
    }
    // `the Coronavirus Disease 2019 pandemic`: a year alone right after two capitalised
    // words of a name, neither a word of dates (not `Director of the Border Program
    // 2015-2019`, `the United States from 2017 to 2018`).
    let mut last_two = before.rsplit(char::is_whitespace);
    if s[start..end].bytes().all(|b| b.is_ascii_digit())
        && last_two.next().is_some_and(|w| name_word(w, lex))
        && last_two.next().is_some_and(|w| name_word(w, lex))
    {
        return true;
    }
    if determiner_before(before, lex) {
        return modifies_noun_after(s, end, lex);
    }
    // `a problematic 2008 law`: one adjective between the determiner and the year.
    if let Some((w, ws)) = word_before(s, start)
        && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && !Lexicon::is_in(lex.stopwords, w)
        && !Lexicon::is_in(lex.date_prepositions, w)
        && !lex.durations.contains(&w)
        && !Lexicon::is_in(lex.fiscal_year_words, w)
        && determiner_before(s[..ws].trim_end(), lex)
    {
        return modifies_noun_after(s, end, lex);
    }
    // At the start of a sentence, a year before a capitalised name is part of the name
    // (`2011 San Fernando massacre is located in …`).
    let Some((next, ns)) = word_after(s, end) else {
        return false;
    };
    // The start of a line, a heading (`= 2010 … =`) or a label (`Title: 2010 …`).
    let opens =
        before.is_empty() || before.ends_with(':') || before.chars().all(|c| !c.is_alphanumeric());
    let name =
        next.chars().next().is_some_and(char::is_uppercase) && lex.month_any_case(next).is_none();
    s[end..ns].trim().is_empty() && opens && name
}

/// True if a noun or name follows the date ending at byte `end`, with no punctuation
/// between: after a determiner, the date is then its attribute (`a 2016 precedent`).
fn modifies_noun_after(s: &str, end: usize, lex: &Lexicon) -> bool {
    let Some((next, ns)) = word_after(s, end) else {
        return false;
    };
    if !s[end..ns].trim().is_empty() {
        return false; // punctuation after the date
    }
    let w = next
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !w.is_empty()
        && !Lexicon::is_in(lex.stopwords, &w)
        && !Lexicon::is_in(lex.span_and, &w)
        && !Lexicon::is_in(lex.span_through, &w)
}

/// True if the date at `start` is the new end a verb of moving a date gives
/// (`extended the stay until March 11`, `lo prorrogó hasta el 11 de marzo`): the tense of
/// that verb says when the date was moved, not when the date is.
fn moved_to(s: &str, start: usize, lex: &Lexicon) -> bool {
    let words = clause_words_before(s, start, 10);
    if !lex.span_through.iter().any(|w| phrase_at(&words, w, 0)) {
        return false;
    }
    if has_word(&words, lex.reschedule_verbs) {
        return true;
    }
    // `extend the stay by at least seven days, to March 10`: the end alone after a
    // comma; the verb is in the clause before it.
    let lead = s[..start].trim_end();
    let head = lead
        .rsplit_once(char::is_whitespace)
        .map_or("", |(h, _)| h.trim_end());
    words.len() == 1
        && head.ends_with(',')
        && has_word(
            &clause_words_before(s, head.len() - 1, 10),
            lex.reschedule_verbs,
        )
}

/// True if a demonstrative stands right before the day (`el año fiscal concluye este 30 de
/// septiembre`, `this Sept. 30`): the one nearest the document's day, whatever the tense.
fn this_day(s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = s[..start].trim_end().to_lowercase();
    lex.this_words.iter().any(|w| ends_with_phrase(&head, w))
}

/// The side of the document's date a word right before a day or month puts it on, its
/// article aside (`el pasado primero de octubre`: -1, `el próximo 5 de junio`: 1).
fn side_before(s: &str, start: usize, lex: &Lexicon) -> Option<i32> {
    let words = clause_words_before(s, start, 1);
    let w = words.last()?.to_lowercase();
    lex.month_sides
        .iter()
        .find(|(x, _)| *x == w)
        .map(|&(_, side)| side)
}

/// True if the day is planned as seen from the past (`was set to expire on Dec. 21`,
/// `estaba previsto para el 5 de junio`): it may lie before or after the document's day.
fn planned_in_past(s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = clause_words_before(s, start, 14).join(" ");
    lex.future_in_past.iter().any(|p| has_phrase(&head, p))
}

/// Puts a day without a year in the year (the document's, the one before or after) that
/// brings it nearest the document's day.
fn nearest_year(h: &mut DateHit, published: PartialDate) {
    let (Some(month), Some(day)) = (h.date.month, h.date.day) else {
        return;
    };
    let (Some(pm), Some(pd)) = (published.month, published.day) else {
        return;
    };
    // Days counted as if every month had 31: near enough to compare distances.
    let serial = |y: i32, m: u8, d: u8| y * 372 + (m as i32 - 1) * 31 + d as i32;
    let here = serial(published.year, pm, pd);
    let best = [0, -1, 1]
        .iter()
        .map(|d| published.year + d)
        .filter_map(|y| PartialDate::day(y, month, day))
        .min_by_key(|c| (serial(c.year, month, day) - here).abs());
    if let Some(date) = best {
        h.date = date;
    }
}

/// The week day `target` (0 = the lexicon's first week day) nearest the document's
/// day, before or after it; `None` when the document has no day.
fn nearest_weekday(published: PartialDate, target: u8) -> Option<PartialDate> {
    let (y, m, d) = (published.year, published.month?, published.day?);
    let wd = crate::model::date::weekday(y, m, d) as i64;
    let ahead = (target as i64 - wd).rem_euclid(7);
    let delta = if ahead <= 3 { ahead } else { ahead - 7 };
    shift_days(y, m, d, delta)
}

/// A day without a year written after its week day (`Wednesday, March 11`, `el
/// miércoles 11 de marzo`) falls on that week day: its year is the one of the
/// document's year, the year before or the year after where it does, the nearest to
/// the year the tense gave. False when none does (a typo or a misread date: nothing is
/// better than a wrong day); true, the hit unchanged, when no week day is written.
fn fits_its_weekday(h: &mut DateHit, s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = s[..start].trim_end().trim_end_matches(',').trim_end();
    let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some(target) = lex
        .weekdays
        .iter()
        .position(|w| w.eq_ignore_ascii_case(word))
    else {
        return true;
    };
    let (Some(month), Some(day)) = (h.date.month, h.date.day) else {
        return true;
    };
    let year = [0, -1, 1]
        .iter()
        .map(|d| h.date.year + d)
        .find(|&y| crate::model::date::weekday(y, month, day) as usize == target);
    match year.and_then(|y| PartialDate::day(y, month, day)) {
        Some(date) => {
            h.date = date;
            true
        }
        None => false,
    }
}

/// The hit of an expression: its dates, resolved against the published date when it
/// needs it. `None` when there is no such date (`February 30`) or nothing to resolve by.
/// `future` says whether the verb of the expression is in the future; it is asked only
/// for an expression whose date depends on it.
fn resolve(
    f: Found,
    published: Option<PartialDate>,
    order: NumericOrder,
    future: impl FnOnce() -> bool,
) -> Option<DateHit> {
    let abs = |a: Absolute| a.date(order);
    let (date, end_date, relative) = match f.expr {
        Expr::Date(a) | Expr::Since(a) => (abs(a)?, None, false),
        Expr::Period(a, b) => (abs(a)?, Some(abs(b)?), false),
        // The end takes its year as a day alone would; the start the same year, or the
        // one before when it comes later in the calendar (`between December 20 and
        // January 5`).
        Expr::DayPair { from, to } => {
            let pubd = published?;
            let end = year_for(to.0, Some(to.1), pubd, future());
            let start = if from > to { end - 1 } else { end };
            let a = PartialDate::day(start, from.0, from.1)?;
            let b = PartialDate::day(end, to.0, to.1)?;
            (a, Some(b), true)
        }
        Expr::DayToMonthEnd { from, to } | Expr::DayToMonth { from, to } => {
            let pubd = published?;
            let end = year_for(to, None, pubd, future());
            let start = if from.0 > to { end - 1 } else { end };
            let a = PartialDate::day(start, from.0, from.1)?;
            let b = match f.expr {
                Expr::DayToMonth { .. } => PartialDate::month(end, to)?,
                _ => PartialDate::day(end, to, crate::model::date::days_in_month(end, to))?,
            };
            (a, Some(b), true)
        }
        // The last month takes its year as a month alone would; the first the same year,
        // or the one before when it comes later in the calendar (`from November to
        // February`).
        Expr::MonthPair {
            from,
            to,
            year_offset,
        } => {
            let pubd = published?;
            let end = match year_offset {
                Some(o) => pubd.year + o,
                None => year_for(to, None, pubd, future()),
            };
            let start = if from > to { end - 1 } else { end };
            let a = PartialDate::month(start, from)?;
            (a, Some(PartialDate::month(end, to)?), true)
        }
        Expr::OpenPeriod {
            from,
            to: (month, day),
            year_offset,
        } => {
            let a = abs(from)?;
            let end_in = |y: i32| match day {
                Some(d) => PartialDate::day(y, month, d),
                None => PartialDate::month(y, month),
            };
            let b = match year_offset {
                Some(o) => end_in(published?.year + o)?,
                None => {
                    let same = end_in(a.year)?;
                    if same.first_day() > a.first_day() {
                        same
                    } else {
                        end_in(a.year + 1)?
                    }
                }
            };
            (a, Some(b), year_offset.is_some())
        }
        Expr::ThisFiscalPart {
            first,
            last,
            start_month,
        } => {
            let fy = fiscal_year_of(published?, start_month)?;
            let (y1, m1) = fiscal_month(fy, start_month, first);
            let (y2, m2) = fiscal_month(fy, start_month, last);
            let end_day = crate::model::date::days_in_month(y2, m2);
            (
                PartialDate::day(y1, m1, 1)?,
                Some(PartialDate::day(y2, m2, end_day)?),
                true,
            )
        }
        Expr::YearToDate => {
            let pubd = published?;
            let start = PartialDate::month(pubd.year, 1)?;
            let end = PartialDate::month(pubd.year, pubd.month?)?;
            (start, Some(end), true)
        }
        Expr::LastSeason(first) => {
            // Over when the document's month is past its last month: this year's;
            // otherwise last year's.
            let pubd = published?;
            let last = first + 2;
            let year = if pubd.month? > last {
                pubd.year
            } else {
                pubd.year - 1
            };
            let start = PartialDate::month(year, first)?;
            (start, Some(PartialDate::month(year, last)?), true)
        }
        Expr::ThisSeason(first) => {
            let year = published?.year;
            let start = PartialDate::month(year, first)?;
            (start, Some(PartialDate::month(year, first + 2)?), true)
        }
        Expr::DaysToDate(days) => {
            let pubd = published?;
            let (y, m, d) = (pubd.year, pubd.month?, pubd.day?);
            (shift_days(y, m, d, -days)?, Some(pubd), true)
        }
        Expr::ThisFiscalYear {
            to_date,
            start_month,
        } => {
            let pubd = published?;
            // Dated to a month only, the year to date runs to the last month that is
            // over: a release of January reports the fiscal year through December.
            let last = match (to_date, pubd.day, pubd.month) {
                (true, None, Some(m)) => {
                    let (y, m) = if m == 1 {
                        (pubd.year - 1, 12)
                    } else {
                        (pubd.year, m - 1)
                    };
                    PartialDate::day(y, m, crate::model::date::days_in_month(y, m))?
                }
                _ => pubd,
            };
            let fy = fiscal_year_of(last, start_month)?;
            let (start, whole_end) = fiscal_year_span(fy, start_month)?;
            (start, Some(if to_date { last } else { whole_end }), true)
        }
        Expr::WeekOffset {
            offset,
            first_day: Some(first),
        } => {
            let (start, end) = week_days(published?, offset, first, future)?;
            (start, (end != start).then_some(end), true)
        }
        Expr::Weekend(offset) => {
            let (start, end) = weekend_days(published?, offset, future)?;
            (start, Some(end), true)
        }
        Expr::WeekdaySpan(first, last) => {
            // The second day read as a week day alone; the first, the latest such day
            // before it. In a document dated to its month, that month.
            let end = resolve_relative(Expr::Weekday(last), published?, future())?;
            match end.day {
                Some(d) => {
                    let back = (last as i64 - first as i64).rem_euclid(7);
                    let start = shift_days(end.year, end.month?, d, -back)?;
                    (start, Some(end), true)
                }
                None => (end, None, true),
            }
        }
        e => {
            let pubd = published?;
            let needs_tense = matches!(
                e,
                Expr::MonthDay { .. }
                    | Expr::BareMonth { .. }
                    | Expr::Weekday(_)
                    | Expr::DayOfMonth(_)
            );
            let future = needs_tense && future();
            (resolve_relative(e, pubd, future)?, None, true)
        }
    };
    Some(DateHit {
        start: f.start,
        end: f.end,
        date,
        end_date,
        relative,
        event: true,
    })
}

/// The first and last day of the week `offset` weeks from the document's day, weeks
/// starting on `first` (0 = Monday). The document's own week (`this week`) ends on its
/// day when the verb is past or present, and starts on it when the verb is future.
/// `None` without the document's day: a week is no part of a month date.
fn week_days(
    pubd: PartialDate,
    offset: i32,
    first: u8,
    future: impl FnOnce() -> bool,
) -> Option<(PartialDate, PartialDate)> {
    // `this week` in a release dated to the month only: that month.
    if offset == 0 && pubd.day.is_none() {
        let month = PartialDate::month(pubd.year, pubd.month?)?;
        return Some((month, month));
    }
    let (y, m, d) = (pubd.year, pubd.month?, pubd.day?);
    let into_week = (crate::model::date::weekday(y, m, d) as i64 - first as i64).rem_euclid(7);
    let start = -into_week + 7 * offset as i64;
    let (a, b) = match offset {
        0 if future() => (0, start + 6),
        0 => (start, 0),
        _ => (start, start + 6),
    };
    Some((shift_days(y, m, d, a)?, shift_days(y, m, d, b)?))
}

/// The Saturday and Sunday of the weekend `offset` counts from the document's day: -1
/// the last one before that day (none when it is a Saturday: the one just begun or the
/// week before's cannot be told); 0 the coming one when `future` (`will patrol over the
/// weekend`), else the last one (on a Sunday, that weekend; on a Saturday, none). `None`
/// without the document's day.
fn weekend_days(
    pubd: PartialDate,
    offset: i32,
    future: impl FnOnce() -> bool,
) -> Option<(PartialDate, PartialDate)> {
    let (y, m, d) = (pubd.year, pubd.month?, pubd.day?);
    // 0 = Monday … 5 = Saturday, 6 = Sunday.
    let wd = crate::model::date::weekday(y, m, d) as i64;
    let saturday = match (offset, wd) {
        (-1, 5) => return None,
        (-1, 6) | (0, 6) => -1,
        (-1, _) => -(wd + 2),
        (0, _) if future() => 5 - wd,
        // Said on a Saturday of the past: today, or the weekend before.
        (0, 5) => return None,
        (0, _) => -(wd + 2),
        _ => return None,
    };
    Some((
        shift_days(y, m, d, saturday)?,
        shift_days(y, m, d, saturday + 1)?,
    ))
}

/// How the language writes the two numbers of a numeric date (`05/08/2010`).
fn order(lex: &Lexicon) -> NumericOrder {
    if lex.numeric_day_first {
        NumericOrder::DayFirst
    } else {
        NumericOrder::MonthFirst
    }
}

/// The date of a relative expression, published on `pubd`.
fn resolve_relative(e: Expr, pubd: PartialDate, future: bool) -> Option<PartialDate> {
    let day = || Some((pubd.year, pubd.month?, pubd.day?));
    match e {
        Expr::MonthDay { month, day } => {
            PartialDate::day(year_for(month, Some(day), pubd, future), month, day)
        }
        Expr::BareMonth {
            month,
            year_offset,
            side,
        } => {
            let y = match (year_offset, side) {
                (Some(o), _) => pubd.year + o,
                // `last October`: the last one before the document's month; without the
                // document's month, which year is unknown. So it is for the month just
                // before the document's (`last August`, said in September): that month
                // would be `last month`, so the words may mean the one a year before.
                (None, Some(s)) => {
                    let pm = pubd.month?;
                    if s < 0 && month % 12 + 1 == pm {
                        return None;
                    }
                    match (s < 0, month < pm, month > pm) {
                        (true, true, _) | (false, _, true) => pubd.year,
                        (true, ..) => pubd.year - 1,
                        (false, ..) => pubd.year + 1,
                    }
                }
                (None, None) => year_for(month, None, pubd, future),
            };
            PartialDate::month(y, month)
        }
        Expr::Ago { count, unit_months } => {
            let back = count * unit_months as i32;
            if unit_months % 12 == 0 {
                Some(PartialDate::year(pubd.year - back / 12))
            } else {
                let total = pubd.year * 12 + (pubd.month? as i32 - 1) - back;
                PartialDate::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
            }
        }
        Expr::Today | Expr::Now => Some(pubd),
        Expr::DayOffset(delta) => match day() {
            Some((y, mo, d)) => shift_days(y, mo, d, delta),
            None => Some(pubd),
        },
        Expr::DaysAgoAbout(back) => match day() {
            // From half as many days again to three quarters of them (`over a week`,
            // `about three weeks`): one month, or nothing.
            Some((y, mo, d)) => {
                let far = shift_days(y, mo, d, -(back * 3 + 1) / 2)?;
                let near = shift_days(y, mo, d, -(back * 3 / 4).max(1))?;
                (far.year == near.year && far.month == near.month)
                    .then(|| PartialDate::month(near.year, near.month?))
                    .flatten()
            }
            None => Some(pubd),
        },
        Expr::Weekday(target) => {
            // In a document dated to the month, the week day is dated to that month.
            let Some((y, mo, d)) = day() else {
                return Some(pubd);
            };
            let wd = crate::model::date::weekday(y, mo, d) as i64;
            let target = target as i64;
            // The next one on or after the document's day (`will rise from Thursday`,
            // said on a Thursday, is that day), the latest one on or before it.
            let delta = if future {
                (target - wd).rem_euclid(7)
            } else {
                -((wd - target).rem_euclid(7))
            };
            shift_days(y, mo, d, delta)
        }
        Expr::LastWeekday(target) => {
            let Some((y, mo, d)) = day() else {
                return Some(pubd);
            };
            let wd = crate::model::date::weekday(y, mo, d) as i64;
            // One to seven days back: never the document's own day.
            let delta = -((wd - target as i64 - 1).rem_euclid(7) + 1);
            shift_days(y, mo, d, delta)
        }
        Expr::WeekOffset { offset: o, .. } => match day() {
            // A week is no unit of a date: the month it falls in.
            Some((y, mo, d)) => {
                let shifted = shift_days(y, mo, d, 7 * o as i64)?;
                PartialDate::month(shifted.year, shifted.month?)
            }
            None => Some(pubd),
        },
        Expr::YearOffset(o) => Some(PartialDate::year(pubd.year + o)),
        Expr::MonthOffset(o) => {
            let total = pubd.year * 12 + (pubd.month? as i32 - 1) + o;
            PartialDate::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
        }
        Expr::FiscalYearStart { start_month } => {
            let fy = fiscal_year_of(pubd, start_month)?;
            PartialDate::day(fy - 1, start_month, 1)
        }
        Expr::DayOfMonth(d) => {
            let m = pubd.month?;
            match pubd.day {
                // A day still to come this month: last month's.
                Some(pd) if d > pd && !future => {
                    let (y, m) = if m == 1 {
                        (pubd.year - 1, 12)
                    } else {
                        (pubd.year, m - 1)
                    };
                    PartialDate::day(y, m, d)
                }
                _ => PartialDate::day(pubd.year, m, d),
            }
        }
        Expr::Date(_)
        | Expr::Since(_)
        | Expr::Period(..)
        | Expr::DayPair { .. }
        | Expr::DayToMonthEnd { .. }
        | Expr::DayToMonth { .. }
        | Expr::MonthPair { .. }
        | Expr::OpenPeriod { .. }
        | Expr::ThisFiscalPart { .. }
        | Expr::AfterPrevious(_)
        | Expr::Weekend(_)
        | Expr::WeekdaySpan(..)
        | Expr::ThisFiscalYear { .. }
        | Expr::DaysToDate(_)
        | Expr::LastSeason(_)
        | Expr::ThisSeason(_)
        | Expr::YearToDate => None,
    }
}

/// The number of the fiscal year `date` falls in (it ends in the year of its number);
/// `None` without a month.
fn fiscal_year_of(date: PartialDate, start_month: u8) -> Option<i32> {
    let m = date.month?;
    Some(if start_month > 1 && m >= start_month {
        date.year + 1
    } else {
        date.year
    })
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

/// A four-digit number that reads as a year: not money, not part of a bigger number,
/// not a count of something (`2000 migrants`), not a percentage.
fn plausible_year(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    if let Some(c) = char_before(s, start)
        && (c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '#' | '+' | '.' | ',' | '/'))
    {
        return false;
    }
    // `Order No. 5283–2021`, `No. 21-2021`: the end of an identifier, not a year (a
    // span of two years, `2014–2021`, was read before).
    if let Some(c) = char_before(s, start)
        && matches!(c, '-' | '–')
        && char_before(s, start - c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
    {
        return false;
    }
    if let Some(c) = char_at(s, end) {
        if c == '%' || c.is_ascii_digit() {
            return false;
        }
        // `USCIS 2020–0013`, `2021-28016`: a docket or document number.
        if matches!(c, '-' | '–')
            && char_at(s, end + c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
        {
            let digits = s[end + c.len_utf8()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            if digits >= 3 {
                return false;
            }
        }
        if (c == ',' || c == '.') && char_at(s, end + 1).is_some_and(|d| d.is_ascii_digit()) {
            return false;
        }
    }
    if let Some((w, _)) = word_after(s, end) {
        let w = w.trim_end_matches('.').to_lowercase();
        // `1951 millas`, `2000 miles long`: a distance, not a year.
        if lex.unit_of(&w).is_some()
            || Lexicon::is_in(lex.conversion_units, &w)
            || Lexicon::is_in(lex.percent_words, &w)
            || lex.currency_words.iter().any(|(c, _)| *c == w)
        {
            return false;
        }
    }
    if street_number(s, end, lex) {
        return false;
    }
    let year: i32 = s[start..end].parse().unwrap_or(0);
    (1800..=2100).contains(&year)
}

/// True if the few capitalised words after `end` close with a street word (`1901 S.
/// Bell Street`, `2707 Martin Luther King Jr Ave`): the number before them is the
/// address's.
fn street_number(s: &str, end: usize, lex: &Lexicon) -> bool {
    if lex.street_words.is_empty() {
        return false;
    }
    s[end..]
        .split_whitespace()
        .take(5)
        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
        .any(|w| {
            let w = w.trim_end_matches(',').to_lowercase();
            Lexicon::is_in(lex.street_words, &w)
        })
}

/// True if a month abbreviation glued to its day stands before the year (`Oct.1, 2009`):
/// a date not read as one, whose year alone would be a different fact.
fn glued_date_before(s: &str, start: usize, lex: &Lexicon) -> bool {
    let Some(head) = s[..start].trim_end().strip_suffix(',') else {
        return false;
    };
    let token = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some(dot) = token.find('.') else {
        return false;
    };
    let day = &token[dot + 1..];
    (1..=2).contains(&day.len())
        && day.bytes().all(|b| b.is_ascii_digit())
        && super::text::month_abbreviation_before(s, head.len() - token.len() + dot, lex)
}

/// `Today, …` heading a clause, or `today` next to a verb of acting or announcing or
/// after an event held that day.
fn today_announces(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let word = &s[start..end];
    let after = s[end..].chars().next();
    if matches!(after, Some('’' | '\'')) {
        // `today’s court ruling`, `today’s announcement`: an act of that day; not
        // `Today’s WatchBlog post` (a name).
        return s[end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(2)
            .any(|w| Lexicon::is_in(lex.event_nouns, &w.to_lowercase()));
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
    // A verb of acting among the few words around it (`CBP today released …`,
    // `released operational statistics today for …`).
    // Six words before it for an event (below), the last four for a verb.
    let words = clause_words_before(s, start, 6);
    let before = &words[words.len().saturating_sub(4)..];
    let after: Vec<String> = s[end..]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(2)
        .map(str::to_lowercase)
        .collect();
    let acting = before.iter().chain(&after).any(|w| {
        Lexicon::is_in(
            lex.action_verbs,
            w.trim_matches(|c: char| !c.is_alphanumeric()),
        )
    });
    // An event held that day just before it (`at a press conference in San Salvador
    // today`), not the event's name for itself (`la conferencia de hoy`).
    let genitive = words.last().is_some_and(|w| w == lex.day_of);
    let held = !genitive && words.iter().any(|w| Lexicon::is_in(lex.event_nouns, w));
    (acting || held) && !said_before(s, start, lex)
}

/// True if a speech verb stands right before (`said on Tuesday`, `said today`).
fn said_before(s: &str, start: usize, lex: &Lexicon) -> bool {
    let mut at = start;
    for _ in 0..2 {
        let Some((w, ws)) = word_before(s, at) else {
            return false;
        };
        // `The United States on Friday announced`: a capital inside the sentence makes
        // a name, not a verb.
        let name = ws > 0 && w.starts_with(char::is_uppercase);
        let w = w.to_lowercase();
        if Lexicon::is_in(lex.speech_verbs, &w) {
            return !name;
        }
        if !Lexicon::is_in(lex.date_prepositions, &w) {
            return false;
        }
        at = ws;
    }
    false
}

/// True if nothing but a date preposition stands before `start` in the sentence (`On
/// Monday, …`, `El lunes …`).
fn opens_sentence(s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = s[..start].trim_end();
    head.is_empty()
        || word_before(s, start).is_some_and(|(w, ws)| {
            s[..ws].trim().is_empty() && Lexicon::is_in(lex.date_prepositions, &w.to_lowercase())
        })
}

/// True if a speech verb follows `end` within a few words of a subject, with no comma
/// or figure between (`El lunes el diario Expreso de Matamoros informó que …`, `On
/// Tuesday, the Department of Homeland Security said …`): the day of the words.
fn says_after(s: &str, end: usize, lex: &Lexicon) -> bool {
    let rest = s[end..].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    for w in rest.split_whitespace().take(7) {
        let t = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if Lexicon::is_in(lex.speech_verbs, &t) {
            return true;
        }
        if w.contains([',', ';', ':']) || w.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
    }
    false
}

/// True if a statement noun stands right before `start`, perhaps with a date
/// preposition between (`In a statement Wednesday`, `en un comunicado el miércoles`).
fn stated_on(s: &str, start: usize, lex: &Lexicon) -> bool {
    // A line break may stand inside the noun (`a news` + `conference Thursday`).
    let mut head = last_words(s, start, 60);
    if let Some((w, ws)) = word_before(&head, head.len())
        && Lexicon::is_in(lex.date_prepositions, &w.to_lowercase())
    {
        head.truncate(ws);
    }
    let head = head.trim_end();
    lex.statement_nouns.iter().any(|n| {
        head.ends_with(n)
            && !char_before(head, head.len() - n.len()).is_some_and(char::is_alphanumeric)
    })
}

/// An event dated `date` by the relative expression `f`.
fn relative_hit(f: &Found, date: PartialDate) -> DateHit {
    DateHit {
        start: f.start,
        end: f.end,
        date,
        end_date: None,
        relative: true,
        event: true,
    }
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
    use crate::lang::lexicon::lexicon;

    fn find(s: &str, published: &str) -> Vec<(String, String, bool)> {
        let pubd = PartialDate::parse(published).ok();
        find_dates(s, pubd, &Before::default(), lexicon("en"))
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
        assert_eq!(
            one("We welcome today’s court ruling.", "2019-11-21").0,
            "2019-11-21"
        );
        assert!(find("Today’s WatchBlog post looks at it.", "2019-11-21").is_empty());
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

    fn find_es(s: &str, published: &str) -> Vec<(String, String)> {
        let pubd = PartialDate::parse(published).ok();
        find_dates(s, pubd, &Before::default(), lexicon("es"))
            .into_iter()
            .filter(|h| h.event)
            .map(|h| {
                let d = match h.end_date {
                    Some(e) => format!("{}..{}", h.date, e),
                    None => h.date.to_string(),
                };
                (d, s[h.start..h.end].to_string())
            })
            .collect()
    }

    #[test]
    fn spanish_dates() {
        let one = |s: &str, p: &str| find_es(s, p).into_iter().next().map(|h| h.0);
        assert_eq!(
            one("el 24 de agosto de 2010", "2019"),
            Some("2010-08-24".into())
        );
        assert_eq!(one("en enero de 2019", "2020"), Some("2019-01".into()));
        assert_eq!(
            one("entre el 22 y 23 de agosto de 2010", "2019"),
            Some("2010-08-22..2010-08-23".into())
        );
        assert_eq!(
            one("del 1 al 15 de marzo de 2020", "2021"),
            Some("2020-03-01..2020-03-15".into())
        );
        assert_eq!(one("el 05/08/2010", "2019"), Some("2010-08-05".into()));
        assert_eq!(one("hace 10 años", "2019-11"), Some("2009".into()));
        // The Friday before a Friday, never the day itself.
        assert_eq!(
            one("el pasado viernes", "2020-01-24"),
            Some("2020-01-17".into())
        );
        assert_eq!(one("este viernes", "2020-01-24"), Some("2020-01-24".into()));
        // A week is dated to the month it falls in.
        assert_eq!(
            one("abrirá la próxima semana", "2019-07-29"),
            Some("2019-08".into())
        );
        // Tense from the verb's ending.
        assert_eq!(
            one("entró en vigor el 12 de mayo", "2023-06-06"),
            Some("2023-05-12".into())
        );
        assert_eq!(
            one("será el 12 de mayo", "2023-06-06"),
            Some("2024-05-12".into())
        );
        // The morning, not tomorrow.
        assert_eq!(one("salió por la mañana", "2023-06-06"), None);
    }
}
