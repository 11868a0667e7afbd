//! Events dated by the time elapsed since another: `Ahora, un mes después del inicio de
//! los Protocolos …` (the start a month before the document's date; `Ahora` the
//! document's date, what the sentence reports now) and `Casi tres meses después de
//! llegar a México` (three months after the arrival the text dated before it: `llegó …
//! el 21 de junio`).
//!
//! In: a masked sentence, the dates already found in it, the document's date, the
//! events found before the sentence and the [`Lexicon`]. Out: [`DateHit`]s, relative.
//! Kept narrow on purpose: a count of months or years (`un mes`, `tres meses`, `two
//! years`), then the language's `after` words, and either a sentence that opens with
//! `now` and a comma (the elapsed time then counts back from the document's date) or an
//! infinitive whose verb dated an earlier event (`después de llegar` → `llegó`). Anything
//! else (`tres meses después de la elección`, `a few months later`) dates nothing here.

use super::dates::{DateHit, phrase_positions};
use super::text::{ByteRange, word_after, word_before};
use crate::lang::lexicon::Lexicon;
use crate::model::date::{PartialDate, Precision};
use crate::model::facts::Event;
use std::sync::Arc;

/// The elapsed-time events of sentence `s`; `found` are the date ranges already taken.
pub fn find(
    s: &str,
    found: &[ByteRange],
    published: Option<PartialDate>,
    earlier: &[Arc<Event>],
    lex: &Lexicon,
) -> Vec<DateHit> {
    let mut out = Vec::new();
    let low = s.to_lowercase();
    if low.len() != s.len() || lex.elapsed_after.is_empty() {
        return out;
    }
    for after in lex.elapsed_after {
        for k in phrase_positions(&low, after) {
            if let Some(hits) = one(s, k, k + after.len(), found, published, earlier, lex) {
                out.extend(hits);
            }
        }
    }
    out
}

/// The hits of the `after` words at `k..after_end`, if the words around them qualify.
fn one(
    s: &str,
    k: usize,
    after_end: usize,
    found: &[ByteRange],
    published: Option<PartialDate>,
    earlier: &[Arc<Event>],
    lex: &Lexicon,
) -> Option<Vec<DateHit>> {
    let (unit, us) = word_before(s, k)?;
    let months = lex
        .ago_units
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(unit))
        .map(|&(_, m)| m as i32)?;
    let (number, ns) = word_before(s, us)?;
    let count = if Lexicon::is_in(lex.one_words, number)
        || Lexicon::is_in(lex.indefinite_articles, number)
    {
        1
    } else if let Some(v) = lex.number_word(number) {
        v as i32
    } else {
        number
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=99).contains(n))?
    };
    let (next, xs) = word_after(s, after_end)?;
    let end = xs + next.len();
    if found.iter().any(|&(a, b)| ns < b && a < end) {
        return None;
    }
    let shift = count * months;
    let span_hit = |date: PartialDate| DateHit {
        start: ns,
        end,
        date,
        end_date: None,
        relative: true,
        event: true,
    };
    // `Ahora, un mes después del inicio de …`: the start `count` units before the
    // document's date, and `Ahora` the document's date.
    if let Some((now, 0)) = word_after(s, 0)
        && Lexicon::is_in(lex.now, now)
        && s[now.len()..ns].trim() == ","
    {
        let pubd = published?;
        let date = shifted(pubd, -shift)?;
        let now_hit = DateHit {
            start: 0,
            end: now.len(),
            date: pubd,
            end_date: None,
            relative: true,
            event: true,
        };
        return Some(vec![now_hit, span_hit(date)]);
    }
    // `después de llegar` after an event whose sentence says `llegó`.
    let ending = lex
        .infinitive_endings
        .iter()
        .find(|e| next.len() > e.len() + 3 && next.ends_with(*e))?;
    let stem = next[..next.len() - ending.len()].to_lowercase();
    let anchor = earlier.iter().rev().find(|e| {
        e.quote.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let w = w.to_lowercase();
            w.starts_with(&stem) && w != next.to_lowercase()
        })
    })?;
    let date = shifted(anchor.date, shift)?;
    Some(vec![span_hit(date)])
}

/// `d` moved by `months` months, at month precision (year precision for a year date
/// moved by whole years); `None` for a day-less shift of a year date.
fn shifted(d: PartialDate, months: i32) -> Option<PartialDate> {
    match (d.precision(), d.month) {
        (Precision::Year, _) if months % 12 == 0 => Some(PartialDate::year(d.year + months / 12)),
        (_, Some(m)) => {
            let total = d.year * 12 + (m as i32 - 1) + months;
            PartialDate::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
        }
        _ => None,
    }
}
