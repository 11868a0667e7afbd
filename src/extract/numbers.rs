//! Figures in one sentence: counts, percentages, money, ranges, rates and ratios, each
//! with its hedge, its unit and the exact words that state it.
//!
//! In: a masked sentence (footnote markers and URLs blanked), the byte ranges already
//! taken by dates, and the [`Lexicon`]. Out: [`StatHit`]s in sentence order. A number
//! is left out when it is a year or date, an ordinal, an identifier (`Title 42`,
//! `COVID-19`), a clock time, a duration that only bounds another figure, or a number
//! word that counts nothing (`the two countries’ agencies`, `two or more states`), an
//! age or an age threshold (`aged 12`, `children under 12`), or a number written in a
//! shape that could be read two ways (`60.000`, `45,5` in English; in a language with a
//! decimal comma, `24,000` in a document that also writes `60.000`, see [`Convention`]):
//! a figure is read whole or not at all. Vague amounts (`tens of thousands`, `dozens`)
//! are never turned into numbers.

use super::text::{
    ByteRange, char_at, char_before, strict_ascii_stand_in, word_after, word_before, year_like,
};
use super::words::{window, window_before};
use crate::lang::lexicon::Lexicon;
use crate::lang::lexicon::Qualifier;
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// One figure found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct StatHit {
    /// Byte offset of the figure's words in the sentence.
    pub start: usize,
    /// Byte offset just past them.
    pub end: usize,
    /// The value (`None` for a range).
    pub value: Option<f64>,
    /// Low end of a range.
    pub low: Option<f64>,
    /// High end of a range.
    pub high: Option<f64>,
    /// Denominator of `X of Y`.
    pub of: Option<f64>,
    /// The unit; empty when neither the figure nor the sentence says (caller fills it).
    pub unit: String,
    /// Canonical qualifier.
    pub qualifier: Qualifier,
    /// Start and end of the counted noun phrase, when one follows the figure.
    pub noun: Option<ByteRange>,
    /// Byte offset where the number itself starts (after any qualifier).
    pub number_start: usize,
    /// The denominator of a rate (`per day`), to add to the unit.
    pub rate: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Atom {
    start: usize,
    end: usize,
    value: f64,
    currency: Option<&'static str>,
    percent: bool,
    word: bool,
    scaled: bool,
    scale: f64,
    integer: bool,
    /// The unit of a count glued to the number (`60,000-member` → people).
    counted: Option<&'static str>,
    /// Written with a `+` after it (`300+ arrests`): at least that many.
    plus: bool,
}

struct Patterns {
    atom: Regex,
    /// Fractions in words (`a third`, `two-thirds`, `half`).
    fraction: Regex,
    /// Multipliers in words (`doubled`, `twice`).
    multiplier: Regex,
    /// The non-ASCII characters of the atom pattern (`€`, `£`), for its ASCII stand-in.
    atom_literals: String,
    magnitude: Regex,
    /// A duration in two parts: `19 years and seven months`.
    compound: Regex,
}

fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn patterns(lex: &'static Lexicon) -> &'static Patterns {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static Patterns>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(lex.code).or_insert_with(|| {
        let cur = alternation(lex.currency_prefixes.iter().map(|(w, _)| *w));
        let words = alternation(lex.number_words.iter().map(|(w, _)| *w));
        let scales = alternation(lex.scales.iter().map(|(w, _)| *w));
        let pct = alternation(lex.percent_words.iter().copied());
        let cw = alternation(lex.currency_words.iter().map(|(w, _)| *w));
        // The digits of a figure: with a decimal point, `4,500.5` and `60 000`; with a
        // decimal comma, any run of digits joined by dots and commas (`60.000`, `45,5`,
        // `24,000`), read whole or not at all by `read_decimal_comma`, and `60 000,5`.
        let digits = if lex.decimal_mark == "," {
            r"[0-9]{1,3}(?:[ \u{a0}\u{202f}\u{2009}][0-9]{3})+\b(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)*"
        } else {
            r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:[ \u{a0}\u{202f}\u{2009}][0-9]{3})+\b|[0-9]+(?:\.[0-9]+)?"
        };
        let join = regex::escape(lex.number_word_joiner);
        let atom = format!(
            r"(?:(?P<cur>{cur})[ \u{{a0}}]?)?(?:(?P<num>{digits})|\b(?P<word>(?i:{words})(?:{join}(?i:{words}))?)\b)(?:\s?(?P<scale>(?i:{scales}))\b)?(?:[\s-]?(?P<pct>(?i:{pct})))?(?:\s(?P<cw>(?i:{cw}))\b)?"
        );
        let mags = alternation(lex.vague_amounts.iter().copied());
        let fractions = alternation(lex.fractions.iter().map(|(w, _)| *w));
        let p = Patterns {
            fraction: Regex::new(&format!(r"\b(?i:{fractions})\b")).unwrap(),
            multiplier: Regex::new(&format!(
                r"\b(?i:{})\b",
                alternation(lex.multipliers.iter().map(|(w, _)| *w))
            ))
            .unwrap(),
            atom_literals: atom.chars().filter(|c| !c.is_ascii()).collect(),
            atom: Regex::new(&atom).unwrap(),
            magnitude: Regex::new(&format!(r"\b(?i:{mags})\b")).unwrap(),
            compound: Regex::new(&format!(
                r"\b(?P<y>[0-9]{{1,2}}|(?i:{words}))\s+(?i:{})\s+(?i:{})\s+(?P<m>[0-9]{{1,2}}|(?i:{words}))\s+(?i:{})\b",
                alternation(lex.duration_years.iter().copied()),
                alternation(lex.range_and.iter().copied()),
                alternation(lex.duration_months.iter().copied()),
            ))
            .unwrap(),
        };
        Box::leak(Box::new(p))
    })
}

fn overlaps(taken: &[ByteRange], s: usize, e: usize) -> bool {
    taken.iter().any(|&(a, b)| s < b && a < e)
}

fn atoms(
    s: &str,
    excluded: &[ByteRange],
    lex: &'static Lexicon,
    convention: Convention,
    doc_currency: Option<&'static str>,
) -> Vec<Atom> {
    let p = patterns(lex);
    let mut out = Vec::new();
    // On non-ASCII text the atom pattern runs on a stand-in (same matches, same offsets;
    // see `strict_ascii_stand_in`): its Unicode `\b` would slow it down tenfold.
    let hay = strict_ascii_stand_in(s, &p.atom_literals).unwrap_or(Cow::Borrowed(s));
    for m in p.atom.find_iter(&hay) {
        let (start, end) = (m.start(), m.end());
        if overlaps(excluded, start, end) {
            continue;
        }
        let c = atom_groups(p, &hay, m);
        let text = |g: ByteRange| &s[g.0..g.1];
        let currency = c.cur.and_then(|g| {
            lex.currency_prefixes
                .iter()
                .find(|(w, _)| *w == text(g))
                .map(|&(_, u)| u)
        });
        let cw = c.cw.and_then(|g| {
            let w = text(g).to_lowercase();
            lex.currency_words
                .iter()
                .find(|(x, _)| *x == w || x.to_lowercase() == w)
                .map(|&(_, u)| u)
        });
        let (mut value, word, integer, num_start, num_end) = if let Some(n) = c.num {
            if lex.decimal_mark == "," {
                if group_cut_off(s, n) {
                    continue; // `2, 000`: read whole or not at all
                }
                // `60.000`, `45,5`, `24,000`: by the shape and the document's convention.
                let Some((v, integer)) = read_decimal_comma(s, n, convention, c.scale.is_some())
                else {
                    continue;
                };
                (v, false, integer, n.0, n.1)
            } else {
                if !whole_number(s, n, c.scale.is_some()) {
                    continue; // `45,5`, `60.000`, `0445`, `28.659966`: read whole or not at all
                }
                let digits: String = text(n)
                    .chars()
                    .filter(|c| *c != ',' && !c.is_whitespace())
                    .collect();
                let v: f64 = digits.parse().unwrap_or(f64::NAN);
                (v, false, !text(n).contains('.'), n.0, n.1)
            }
        } else if let Some(w) = c.word {
            let v = text(w)
                .split(lex.number_word_joiner)
                .map(|part| lex.number_word(part).unwrap_or(f64::NAN))
                .sum::<f64>();
            (v, true, true, w.0, w.1)
        } else {
            continue;
        };
        if !value.is_finite() {
            continue;
        }
        // `$1.500`: a sign of more than one currency takes the one its sentence names in
        // words (`pesos`, `dólares`), else the one its document names (the only one it
        // names), else the figure is not reported.
        let mut start = start;
        let mut currency = currency;
        if currency.is_none()
            && let Some(sign) = lex
                .ambiguous_currency_signs
                .iter()
                .find(|sign| s[..sign_before(s, start)].ends_with(*sign))
        {
            let named = match currencies_named_in(s, lex) {
                Named::None => doc_currency,
                Named::One(unit) => Some(unit),
                Named::Several => None,
            };
            match named {
                Some(unit) => {
                    currency = Some(unit);
                    start = sign_before(s, start) - sign.len();
                }
                None => continue,
            }
        }
        // Context of the digits: glued to letters, identifiers, times, ordinals.
        let before = char_before(s, start);
        if currency.is_none()
            && let Some(b) = before
        {
            if b.is_alphanumeric() || matches!(b, '.' | '/' | ':' | '#' | '+' | '§' | '_' | '@') {
                continue;
            }
            if matches!(b, '-' | '–') {
                let b2 = char_before(s, start - b.len_utf8());
                if !b2.is_some_and(|x| x.is_ascii_digit()) {
                    continue;
                }
            }
        }
        let after = char_at(s, num_end);
        // `$48M`: a scale glued to a figure with a currency sign.
        let mut end = end;
        let mut glued = None;
        let mut counted = None;
        let plus = c.scale.is_none() && c.pct.is_none() && after == Some('+');
        if plus {
            end += 1;
        }
        if currency.is_some() && c.scale.is_none() && after.is_some_and(char::is_alphabetic) {
            let letters: usize = s[num_end..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let word = &s[num_end..num_end + letters];
            match lex.glued_scales.iter().find(|(w, _)| *w == word) {
                Some(&(_, f)) => {
                    glued = Some(f);
                    end = num_end + letters;
                }
                None => continue,
            }
        }
        if glued.is_none() && c.scale.is_none() && c.pct.is_none() && c.cw.is_none() && !word {
            // `$2.5 bn`, `$3.5 m`, `2.5 M migrants`: a scale abbreviation after a space.
            // With a currency it is read; without, it could be a unit (`5 m`, meters):
            // the figure is not reported, never read as 2.5.
            if let Some((w, ws)) =
                word_after(s, num_end).map(|(w, ws)| (w.trim_end_matches('.'), ws))
                && ws > num_end
                && s[num_end..ws].chars().all(|c| c == ' ' || c == '\u{a0}')
                && !char_at(s, ws + w.len()).is_some_and(char::is_alphanumeric)
                && let Some(&(_, f)) = lex.glued_scales.iter().find(|(x, _)| *x == w)
            {
                if currency.is_none() {
                    continue;
                }
                glued = Some(f);
                end = ws + w.len();
            }
            // `2 1/2 years`, `2 ½`: the whole part of a mixed fraction.
            let rest = s[num_end..].trim_start_matches([' ', '\u{a0}']);
            let fraction = rest.starts_with(['½', '¼', '¾', '⅓', '⅔'])
                || rest
                    .split(|c: char| !(c.is_ascii_digit() || c == '/'))
                    .next()
                    .is_some_and(|t| {
                        t.split_once('/').is_some_and(|(n, d)| {
                            !n.is_empty() && !d.is_empty() && !d.contains('/')
                        })
                    });
            if fraction && rest.len() < s[num_end..].len() {
                continue;
            }
        }
        if glued.is_none() && c.scale.is_none() && c.pct.is_none() && c.cw.is_none() {
            if after.is_some_and(char::is_alphabetic) && !word {
                continue; // 1st, 3D, 2º
            }
            if after == Some('.') && char_at(s, num_end + 1).is_some_and(|x| matches!(x, 'º' | 'ª'))
            {
                continue; // `el 2.º`: an ordinal
            }
            let next2 = char_at(s, num_end + after.map_or(0, char::len_utf8));
            if matches!(after, Some('-' | '‑')) && next2.is_some_and(char::is_alphabetic) {
                // `60,000-member`: a count of people; `7-year-old`, `10-day`: not a figure.
                let dash = after.map_or(1, char::len_utf8);
                let word: String = s[num_end + dash..]
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                // `at least a five-year bar`: a duration glued to its noun, a figure only
                // with a hedge before it or a term after it (`a five-year plan` counts
                // nothing).
                let hedged = || {
                    let at = match word_before(s, start) {
                        Some((w, ws))
                            if Lexicon::is_in(lex.indefinite_articles, w)
                                && s[ws + w.len()..start].trim().is_empty() =>
                        {
                            ws
                        }
                        _ => start,
                    };
                    qualifier_before(s, at, lex).is_some()
                };
                let duration = lex
                    .glued_durations
                    .iter()
                    .find(|(w, _)| w.eq_ignore_ascii_case(&word))
                    // `a 24-month term of imprisonment`: a term served is the claim too.
                    .filter(|_| {
                        let at = num_end + dash + word.len();
                        hedged() || term_after(s, at, lex) || period_after(s, at, lex)
                    });
                match lex
                    .glued_counts
                    .iter()
                    .find(|(w, _)| w.eq_ignore_ascii_case(&word))
                    .or(duration)
                {
                    Some(&(_, unit)) => {
                        end = num_end + dash + word.len();
                        counted = Some(unit);
                    }
                    None => continue,
                }
            }
            if matches!(after, Some(':' | '/')) && next2.is_some_and(|x| x.is_ascii_digit()) {
                continue; // 3:30, 9/11
            }
            if after == Some('(') && subsection_after(&s[num_end..]) {
                continue; // `8 C.F.R. § 208.16(c)(4)`, `LAR 34.1(a)`: a section
            }
        }
        if currency.is_none() && clock_time(s, num_start, num_end, lex) {
            continue; // `18.30 (UTC-4)`, `a las 18.30 horas`
        }
        if let Some((w, _)) = word_before(s, token_start(s, num_start))
            && currency.is_none()
            && Lexicon::is_in(lex.identifier_words, w)
        {
            continue; // `Title 42`, `No. 21-954`
        }
        if currency.is_none() && listed_identifier(s, token_start(s, num_start), lex) {
            continue; // `ECF Nos. 74, 92, 93`, `Sections 3, 4 and 5`
        }
        if currency.is_none()
            && (pin_cite(s, token_start(s, num_start), lex) || leader(s, num_start))
        {
            continue; // `Id. at 45,486`, `ICE Removals ...... 18`
        }
        if procedure(s, token_start(s, num_start), end, lex) {
            continue; // `recognized for 60 minutes`, `5 legislative days`
        }
        if let Some((w, _)) = word_after(s, end)
            && Lexicon::is_in(lex.identifier_after, w)
        {
            continue;
        }
        if currency.is_none() && c.pct.is_none() && c.scale.is_none() && day_of_month(s, end, lex) {
            continue; // `entre el 3 y el 7 de julio`: a day, not a figure
        }
        let scaled = c.scale.is_some() || glued.is_some();
        let mut scale = 1.0;
        if let Some(f) = glued {
            value *= f;
            scale = f;
        }
        if let Some(g) = c.scale {
            let w = text(g).to_lowercase();
            if let Some(&(_, f)) = lex.scales.iter().find(|(x, _)| *x == w) {
                value *= f;
                scale = f;
            }
        }
        // `30 cents`: a hundredth of the currency.
        if let Some(g) = c.cw
            && Lexicon::is_in(lex.currency_hundredths, text(g))
        {
            value /= 100.0;
        }
        out.push(Atom {
            start,
            end,
            value,
            currency: currency.or(cw),
            percent: c.pct.is_some(),
            word,
            scaled,
            scale,
            integer,
            counted,
            plus,
        });
    }
    out
}

/// True when the words after byte `at` name a month (`7 de julio`, `7 July`, `the 7th
/// of July`): the number before them is a day of a date, even one the date rules left
/// out (the first day of `entre el 3 y el 7 de julio`, read as a range otherwise).
fn day_of_month(s: &str, at: usize, lex: &Lexicon) -> bool {
    let Some((w, ws)) = word_after(s, at) else {
        return false;
    };
    if !s[at..ws].trim().is_empty() {
        return false;
    }
    // As written (`May`, not the modal `may`; `julio`, `sept.`).
    let month = |w: &str| {
        w.len() > 2 && (lex.month(w).is_some() || lex.month(w.trim_end_matches('.')).is_some())
    };
    if month(w) {
        return true;
    }
    w.eq_ignore_ascii_case(lex.day_of)
        && word_after(s, ws + w.len())
            .is_some_and(|(m, ms)| s[ws + w.len()..ms].trim().is_empty() && month(m))
}

/// How a document in a language with a decimal comma writes its numbers, from the
/// shapes of all its numbers. Spanish-language texts of the U.S. government often keep
/// the U.S. convention (`24,000`, `2.5 millones`); others write `60.000` and `45,5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// No number with a separator.
    #[default]
    Unknown,
    /// Dots (or spaces) group thousands, the comma is the decimal mark (`60.000`, `45,5`).
    DecimalComma,
    /// Commas group thousands, the dot is the decimal point (`24,000`, `2.5`).
    DecimalPoint,
    /// Both: only shapes that read one way are read (`60 000`, `1.234,5`).
    Mixed,
}

impl Convention {
    /// The convention of a text: every run of digits joined by `.` and `,` is evidence.
    /// `60.000`, `1.234.567` and `45,5` say decimal comma; `1,234,567`, `1,234.5` and
    /// `2.5` say decimal point; a lone `24,000` says decimal point only when nothing
    /// says decimal comma (it could be neither in a text that writes `60.000`).
    /// Identifiers and clock times (`artículo 3.2`, `a las 10.30 horas`: a word of the
    /// lexicon's `identifier_words` before, or of `identifier_after` after) are no
    /// evidence.
    pub fn of(text: &str, lex: &Lexicon) -> Convention {
        let (mut comma, mut point, mut weak_point) = (false, false, false);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (matches!(bytes[i], b'.' | b',')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let label = word_before(text, start)
                .is_some_and(|(w, _)| Lexicon::is_in(lex.identifier_words, w))
                || word_after(text, i).is_some_and(|(w, ws)| {
                    text[i..ws].trim().is_empty() && Lexicon::is_in(lex.identifier_after, w)
                });
            if label {
                continue;
            }
            // `1.6 millones`: a dot before one or two digits and a scale word reads one
            // way in any convention (see `read_decimal_comma`); no evidence of either.
            let scaled = word_after(text, i).is_some_and(|(w, ws)| {
                text[i..ws].trim().is_empty()
                    && lex.scales.iter().any(|(x, _)| x.eq_ignore_ascii_case(w))
            });
            match Shape::of(&text[start..i]) {
                Shape::DotDecimal if scaled => {}
                Shape::DotGroups | Shape::DotGroupsCommaDecimal | Shape::CommaDecimal => {
                    comma = true
                }
                Shape::CommaGroups(n) if n >= 2 => point = true,
                Shape::CommaGroups(_) => weak_point = true,
                Shape::CommaGroupsDotDecimal | Shape::DotDecimal => point = true,
                Shape::Plain | Shape::Other => {}
            }
        }
        match (comma, point || weak_point) {
            (true, _) if point => Convention::Mixed,
            (true, _) => Convention::DecimalComma,
            (false, true) => Convention::DecimalPoint,
            (false, false) => Convention::Unknown,
        }
    }
}

/// The shape of a run of digits joined by `.` and `,` (no spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `60000`.
    Plain,
    /// `60.000`, `1.234.567`: groups of three after the first.
    DotGroups,
    /// `24,000` (1 comma), `1,234,567` (2): groups of three after the first.
    CommaGroups(usize),
    /// `45,5`: one comma, not followed by exactly three digits.
    CommaDecimal,
    /// `2.5`: one dot, not followed by exactly three digits.
    DotDecimal,
    /// `1.234,5`.
    DotGroupsCommaDecimal,
    /// `1,234.5`.
    CommaGroupsDotDecimal,
    /// Anything else (`24.08.2010`, `1,2,3`): read by no convention.
    Other,
}

impl Shape {
    fn of(t: &str) -> Shape {
        let groups_of_three = |head: &str, sep: char| {
            let mut parts = head.split(sep);
            let first = parts.next().unwrap_or("");
            (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
        };
        let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
        match (dots, commas) {
            (0, 0) => Shape::Plain,
            (_, 0) if groups_of_three(t, '.') => Shape::DotGroups,
            (1, 0) => Shape::DotDecimal,
            (0, _) if groups_of_three(t, ',') => Shape::CommaGroups(commas),
            (0, 1) => Shape::CommaDecimal,
            // Both marks: the last one is the decimal mark, and it occurs once.
            _ => match t.rfind(['.', ',']).map(|i| (&t[..i], &t[i..i + 1])) {
                Some((head, ",")) if commas == 1 && groups_of_three(head, '.') => {
                    Shape::DotGroupsCommaDecimal
                }
                Some((head, ".")) if dots == 1 && groups_of_three(head, ',') => {
                    Shape::CommaGroupsDotDecimal
                }
                _ => Shape::Other,
            },
        }
    }
}

/// The value of the digits at `n` in a language with a decimal comma, and whether it is
/// a whole number; `None` when the shape reads two ways in this document (`24,000` among
/// `60.000`s), is a code (`0445`) or a coordinate (`28,659966`).
fn read_decimal_comma(
    s: &str,
    n: ByteRange,
    convention: Convention,
    scaled: bool,
) -> Option<(f64, bool)> {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    // Glued to more digits the pattern did not take: part of a bigger number.
    if matches!(char_before(s, n.0), Some(',' | '.')) && digit(char_before(s, n.0 - 1)) {
        return None;
    }
    if matches!(char_at(s, n.1), Some(',' | '.')) && digit(char_at(s, n.1 + 1)) {
        return None;
    }
    let t = &s[n.0..n.1];
    let leading_zero =
        t.len() > 1 && t.starts_with('0') && !t.starts_with("0,") && !t.starts_with("0.");
    if leading_zero {
        return None;
    }
    // `60 000`, `60 000,5`: a space groups thousands in either convention.
    if t.contains(|c: char| c.is_whitespace()) {
        if convention == Convention::DecimalPoint && t.contains(',') {
            return None;
        }
        let plain: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        return parse_with(&plain, ',', '.');
    }
    use Convention::{DecimalComma, DecimalPoint, Mixed};
    // A document that writes both marks (`12,4%` and `29.2%`) still reads each number
    // whose shape has one reading: a single mark before one, two or four digits is a
    // decimal mark. `104,116` there has two readings and is not reported.
    let point_ok = convention == DecimalPoint || convention == Mixed;
    let comma_ok = convention != DecimalPoint;
    // In any document, `1.6 millones` reads one way: a dot before one or two digits
    // groups nothing, and the scale word says it is a number.
    if scaled && Shape::of(t) == Shape::DotDecimal {
        return parse_with(t, '.', ',');
    }
    match Shape::of(t) {
        Shape::Plain => parse_with(t, ',', '.'),
        Shape::DotGroups if convention != DecimalPoint && convention != Mixed => {
            parse_with(t, ',', '.')
        }
        Shape::CommaGroups(_) if convention == DecimalPoint => parse_with(t, '.', ','),
        Shape::CommaDecimal if comma_ok => parse_with(t, ',', '.'),
        Shape::DotDecimal if point_ok => parse_with(t, '.', ','),
        Shape::DotGroupsCommaDecimal if convention != DecimalPoint => parse_with(t, ',', '.'),
        Shape::CommaGroupsDotDecimal if convention != DecimalComma => parse_with(t, '.', ','),
        _ => None,
    }
}

/// `t` read with `decimal` as the decimal mark and `group` grouping thousands; `None`
/// with more than three decimals (a coordinate). The bool says it is a whole number.
fn parse_with(t: &str, decimal: char, group: char) -> Option<(f64, bool)> {
    let plain: String = t
        .chars()
        .filter(|c| *c != group)
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    if plain.split_once('.').is_some_and(|(_, f)| f.len() > 3) {
        return None;
    }
    let v: f64 = plain.parse().ok()?;
    Some((v, !plain.contains('.')))
}

/// Where a currency sign before the digits at `start` would end: right before them, or
/// before one space (`US$ 856 millones`, `$ 1.9 billion`).
fn sign_before(s: &str, start: usize) -> usize {
    let head = &s[..start];
    head.strip_suffix(' ')
        .or_else(|| head.strip_suffix('\u{a0}'))
        .unwrap_or(head)
        .len()
}

/// True if the number at `start..end` is a time of day written with a dot or a colon
/// (`18.30`, `6.45`) and followed by a word of the clock (`(UTC-4)`, `horas`, `p.m.`).
fn clock_time(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let Some((h, m)) = s[start..end].split_once(['.', ':']) else {
        return false;
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let clock = digits(h)
        && h.len() <= 2
        && m.len() == 2
        && digits(m)
        && h.parse::<u8>().is_ok_and(|h| h <= 24)
        && m.parse::<u8>().is_ok_and(|m| m < 60);
    let rest = s[end..].trim_start().trim_start_matches('(');
    clock
        && word_after(rest, 0).is_some_and(|(w, _)| {
            let w = w.split('-').next().unwrap_or(w);
            Lexicon::is_in(lex.clock_after, w)
                || Lexicon::is_in(lex.clock_after, w.trim_end_matches('.'))
        })
}

/// The one currency the currency words of a sentence name (`$1.500 pesos`, `… en
/// dólares`), if they name exactly one.
fn currencies_named_in(s: &str, lex: &Lexicon) -> Named {
    let mut found: Option<&'static str> = None;
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let low = w.to_lowercase();
        if let Some(&(_, unit)) = lex
            .currency_words
            .iter()
            .find(|(x, _)| x.to_lowercase() == low)
        {
            if found.is_some_and(|f| f != unit) {
                return Named::Several;
            }
            found = Some(unit);
        }
    }
    found.map_or(Named::None, Named::One)
}

/// The currencies a text names in words.
enum Named {
    None,
    One(&'static str),
    Several,
}

/// The one currency a document names in words (`dólares` and never `pesos`), which its
/// ambiguous signs (`$` in Spanish) stand for where their sentence names none; `None`
/// when it names none or several, or its language has no ambiguous sign.
pub fn document_currency(text: &str, lex: &Lexicon) -> Option<&'static str> {
    if lex.ambiguous_currency_signs.is_empty() {
        return None;
    }
    match currencies_named_in(text, lex) {
        Named::One(unit) => Some(unit),
        _ => None,
    }
}

/// `2, 000`, `2. 000`: the digits at `n` (one to three) and a thousands group cut off
/// from them by a stray space. Neither part is a figure: read whole or not at all.
fn group_cut_off(s: &str, n: ByteRange) -> bool {
    let t = &s[n.0..n.1];
    let group = s[n.1..]
        .strip_prefix([',', '.'])
        .and_then(|r| r.strip_prefix(' '));
    group.is_some_and(|g| {
        t.len() <= 3
            && t.bytes().all(|c| c.is_ascii_digit())
            && g.len() >= 3
            && g.as_bytes()[..3].iter().all(u8::is_ascii_digit)
            && !char_at(g, 3).is_some_and(|c| c.is_ascii_digit())
    })
}

/// True if the digits at `n` are a whole number that counts: no digit group glued to
/// them by a `,` or `.` that the pattern could not read (`45,5`, `1.234.567`), no digit
/// right after them (`21,2005`: a group of four), no dot
/// before exactly three digits unless a scale word follows (`60.000`: a thousands dot in
/// many languages, a decimal point in English; `1.905 billion`), no leading zero
/// (`0445`, a code) and no more than three decimals (`28.659966`, a coordinate).
fn whole_number(s: &str, n: ByteRange, scaled: bool) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let before = char_before(s, n.0);
    if matches!(before, Some(',' | '.')) && digit(char_before(s, n.0 - 1)) {
        return false;
    }
    let after = char_at(s, n.1);
    if matches!(after, Some(',' | '.')) && digit(char_at(s, n.1 + 1)) {
        return false;
    }
    // `21,2005`: a group of more than three digits is no thousands group; the pattern
    // stopped inside it.
    if digit(after) {
        return false;
    }
    let t = &s[n.0..n.1];
    // `during 2018.1 This includes`: a year with a footnote number glued to its period.
    if let Some((int, frac)) = t.split_once('.')
        && int.len() == 4
        && year_like(int)
        && frac.len() <= 2
        && s[n.1..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
    {
        return false;
    }
    if group_cut_off(s, n) {
        return false;
    }
    // Before a scale word the dot is a decimal point (`$1.905 billion`): no one writes a
    // thousand billions with a thousands dot.
    if !t.contains(',')
        && !scaled
        && let Some((int, frac)) = t.split_once('.')
        && frac.len() == 3
        && int.len() <= 3
    {
        return false;
    }
    // `0445`: a code; `28.659966`: a coordinate.
    let leading_zero = t.len() > 1 && t.starts_with('0') && !t.starts_with("0.");
    let long_decimal = t.split_once('.').is_some_and(|(_, f)| f.len() > 3);
    !leading_zero && !long_decimal
}

/// Where the token holding byte `i` starts: digits joined by `-`, `–` or `,` (`21-954`,
/// `45,486–45,534`) are one.
fn token_start(s: &str, i: usize) -> usize {
    let head = &s[..i];
    head.char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || matches!(c, '-' | '–' | ','))
        .last()
        .map_or(i, |(k, _)| k)
}

/// The groups of one match of the atom pattern, as byte ranges of the sentence.
#[derive(Debug, Default)]
struct AtomGroups {
    cur: Option<ByteRange>,
    num: Option<ByteRange>,
    word: Option<ByteRange>,
    scale: Option<ByteRange>,
    pct: Option<ByteRange>,
    cw: Option<ByteRange>,
}

/// The groups of the atom match `m` of `hay`. Most matches are plain digits (with `,` and
/// `.`), perhaps with `%`: nothing but the number (and the percent sign) can match
/// those, so they are read directly; the others ask the regex for its groups (a
/// backtracking search each, the costly part of finding figures).
fn atom_groups(p: &Patterns, hay: &str, m: regex::Match) -> AtomGroups {
    let t = m.as_str();
    let digits = t
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'))
        .unwrap_or(t.len());
    let number_end = m.start() + digits;
    if digits == t.len() {
        return AtomGroups {
            num: Some((m.start(), m.end())),
            ..AtomGroups::default()
        };
    }
    if digits > 0 && &t[digits..] == "%" {
        return AtomGroups {
            num: Some((m.start(), number_end)),
            pct: Some((number_end, m.end())),
            ..AtomGroups::default()
        };
    }
    // The leftmost match from the start of `m` is `m` itself.
    let Some(c) = p.atom.captures_at(hay, m.start()) else {
        return AtomGroups::default();
    };
    let g = |name: &str| c.name(name).map(|g| (g.start(), g.end()));
    AtomGroups {
        cur: g("cur"),
        num: g("num"),
        word: g("word"),
        scale: g("scale"),
        pct: g("pct"),
        cw: g("cw"),
    }
}

/// The gap between two byte offsets, trimmed and lower-cased.
fn gap(s: &str, a: usize, b: usize) -> String {
    s.get(a..b).unwrap_or("").trim().to_lowercase()
}

/// The hedge right before byte `at`: (canonical qualifier, start of the hedge words,
/// whether they belong in the span).
fn qualifier_before(s: &str, at: usize, lex: &Lexicon) -> Option<(Qualifier, usize, bool)> {
    let head = s.get(..at)?.trim_end();
    // Only the end of the head can hold a hedge. An ASCII head lower-cases byte by byte,
    // so lower-casing its last bytes is enough (`from` is where they start); any other
    // head is lower-cased whole.
    // `more\nthan 300`: a hedge broken over two lines is the same hedge, so every ASCII
    // blank is read as a space (which keeps every byte offset).
    let fold = |c: char| {
        if c.is_ascii_whitespace() { ' ' } else { c }
    };
    let (low, from) = if head.is_ascii() {
        let longest = lex.qualifiers.iter().map(|q| q.0.len()).max().unwrap_or(0);
        let from = head.len().saturating_sub(longest + 1);
        let low = head[from..]
            .chars()
            .map(|c| fold(c.to_ascii_lowercase()))
            .collect();
        (low, from)
    } else {
        let low = head.to_lowercase();
        if low.len() != head.len() {
            // Lower-casing changed byte lengths: compare on the original case-insensitively.
            return None;
        }
        (low.chars().map(fold).collect::<String>(), 0)
    };
    let mut best: Option<(Qualifier, usize, bool)> = None;
    for &(q, canon, in_span) in lex.qualifiers {
        if low.ends_with(q) {
            let qs = low.len() - q.len();
            if char_before(&low, qs).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let qs = from + qs;
            if best.is_none_or(|(_, b, _)| qs < b) {
                best = Some((canon, qs, in_span));
            }
        }
    }
    best
}

/// True if a word looks like a plural counted noun.
fn plural_like(w: &str, lex: &Lexicon) -> bool {
    let low = w.to_lowercase();
    if lex.irregular_plurals.contains(&low.as_str()) || lex.unit_of(&low).is_some() {
        return true;
    }
    // `IJs`, `NGOs`, `UACs`: an acronym in the plural.
    let acronym = w.len() >= 3
        && w.ends_with('s')
        && w[..w.len() - 1].chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        return true;
    }
    w == low
        && low.chars().count() >= 4
        && low.chars().all(|c| c.is_alphabetic() || c == '-')
        && low.ends_with('s')
        && !low.ends_with("ss")
        && !low.ends_with("us")
        && !low.ends_with("is")
        && !lex.not_nouns.contains(&low.as_str())
        && !lex.stopwords.contains(&low.as_str())
}

/// The counted noun phrase starting right after byte `at`: its range, the unit word(s)
/// and whether the head is possessive (`countries’`).
fn noun_after(s: &str, at: usize, lex: &Lexicon) -> Option<(ByteRange, String, bool)> {
    let mut pos = at;
    let mut first: Option<usize> = None;
    // Words of a proper name before the noun (`five U.S. Customs and Border Protection
    // (CBP) facilities`) do not count against the four.
    let mut budget = 4;
    let mut in_name = false;
    while budget > 0 {
        budget -= 1;
        // `(CBP)` after a name: its acronym.
        if in_name
            && let Some(inner) = s[pos..].trim_start().strip_prefix('(')
            && let Some((a, _)) = inner.split_once(')')
            && a.len() >= 2
            && a.chars().all(|c| c.is_ascii_uppercase())
        {
            pos = s.len() - inner.len() + a.len() + 1;
        }
        let (w, ws) = word_after(s, pos)?;
        if !s[pos..ws].trim().is_empty() {
            return None; // punctuation in between
        }
        let capital = w.starts_with(|c: char| c.is_uppercase());
        if capital && lex.unit_of(&w.to_lowercase()).is_none() {
            if !in_name {
                budget += 4;
            }
            in_name = true;
        }
        let w = w.trim_end_matches(['’', '\'']);
        let bare = if w.ends_with('.') && !w[..w.len() - 1].contains('.') {
            &w[..w.len() - 1]
        } else {
            w
        };
        let low = bare.to_lowercase();
        let start = *first.get_or_insert(ws);
        // Two-word unit (`asylum seekers`, `political parties`).
        if let Some((w2, w2s)) = word_after(s, ws + w.len())
            && s[ws + w.len()..w2s].trim().is_empty()
        {
            let w2b = w2.trim_end_matches(['.', '’', '\'']);
            let two = format!("{low} {}", w2b.to_lowercase());
            if lex.unit_of(&two).is_some() {
                let end = w2s + w2b.len();
                return Some(finish(s, start, end, two, lex));
            }
        }
        // `29,000 more arrests`: a difference in what the noun counts.
        if first == Some(ws) && Lexicon::is_in(lex.count_comparatives, &low) {
            pos = ws + w.len();
            continue;
        }
        if lex.stopwords.contains(&low.as_str()) {
            // `Customs and Border Protection`: a joiner inside a name.
            let next_capital = word_after(s, ws + w.len())
                .is_some_and(|(n, _)| n.starts_with(|c: char| c.is_uppercase()));
            if !(in_name && next_capital && Lexicon::is_in(lex.name_joiners, &low)) {
                return None;
            }
            pos = ws + w.len();
            continue;
        }
        if plural_like(bare, lex) || lex.durations.contains(&low.as_str()) {
            let end = ws + bare.len();
            return Some(finish(s, start, end, low, lex));
        }
        if bare.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        pos = ws + w.len();
    }
    None
}

fn finish(
    s: &str,
    start: usize,
    end: usize,
    head: String,
    lex: &Lexicon,
) -> (ByteRange, String, bool) {
    let possessive = lex.possessive_marks.iter().any(|m| s[end..].starts_with(m));
    let mut end = end;
    // `organizations and individuals`: a coordinated plural noun joins the phrase.
    if !possessive
        && let Some((j, js)) = word_after(s, end)
        && s[end..js].trim().is_empty()
        && Lexicon::is_in(lex.list_joiners, j)
        && let Some((n, ns)) = word_after(s, js + j.len())
    {
        let n = n.trim_end_matches('.');
        if s[js + j.len()..ns].trim().is_empty()
            && plural_like(n, lex)
            && !lex.durations.contains(&n.to_lowercase().as_str())
        {
            end = ns + n.len();
        }
    }
    ((start, end), head, possessive)
}

/// Finds the figures of one sentence. `excluded` are byte ranges taken by dates. The
/// sentence is its own document for the number convention (see [`find_stats_in`]).
pub fn find_stats(s: &str, excluded: &[ByteRange], lex: &'static Lexicon) -> Vec<StatHit> {
    let doc = Numbering {
        convention: Convention::of(s, lex),
        currency: None,
    };
    find_stats_in(s, excluded, lex, doc)
}

/// What a document tells about all its numbers, for reading each of its sentences.
#[derive(Debug, Clone, Copy, Default)]
pub struct Numbering {
    /// How it writes its numbers (only a language with a decimal comma asks).
    pub convention: Convention,
    /// The one currency it names in words (see [`document_currency`]).
    pub currency: Option<&'static str>,
}

/// Finds the figures of one sentence of a document numbered as `doc` says.
pub fn find_stats_in(
    s: &str,
    excluded: &[ByteRange],
    lex: &'static Lexicon,
    doc: Numbering,
) -> Vec<StatHit> {
    let Numbering {
        convention,
        currency: doc_currency,
    } = doc;
    let p = patterns(lex);
    let mut hits: Vec<StatHit> = Vec::new();
    let mut taken: Vec<ByteRange> = excluded.to_vec();

    // Vague amounts (`tens of thousands`) state no number: their words are taken, so
    // that nothing in them reads as a figure, and nothing is reported.
    for m in p.magnitude.find_iter(s) {
        taken.push((m.start(), m.end()));
    }
    // A duration in two parts is read whole, in months, when it is a term served (`19
    // years and seven months in prison`); never one part of it.
    for c in p.compound.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if overlaps(&taken, whole.start(), whole.end()) {
            continue;
        }
        taken.push((whole.start(), whole.end()));
        let part = |g: &str| {
            let t = c[g].to_lowercase();
            t.parse::<f64>().ok().or_else(|| {
                lex.number_words
                    .iter()
                    .find(|(w, _)| *w == t)
                    .map(|&(_, v)| v)
            })
        };
        if let (Some(y), Some(mo)) = (part("y"), part("m"))
            && (term_after(s, whole.end(), lex)
                || claim_duration(s, whole.start(), whole.end(), whole.end(), lex))
        {
            hits.push(make(
                s,
                whole.start(),
                whole.end(),
                Some(y * 12.0 + mo),
                None,
                None,
                None,
                lex.unit_of(lex.duration_months[0])
                    .unwrap_or(lex.duration_months[0]),
                None,
                lex,
            ));
        }
    }
    // Fractions in words: `nearly a third`, `more than half of them`. A fraction of
    // something, or standing alone (`dropping nearly a third from May`); not an ordinal
    // before a noun (`a third country`, `half brother`).
    let words = WordFigures {
        regex: &p.fraction,
        table: lex.fractions,
        unit: lex.fraction_unit,
    };
    words.find(s, &mut taken, &mut hits, lex, |low, before, next| {
        let tail = before.is_some_and(|b| Lexicon::is_in(lex.range_and, &b.to_lowercase()))
            && Lexicon::is_in(lex.mixed_fraction_tails, low);
        !tail
            && next.is_none_or(|w| {
                let w = w.trim_end_matches('.');
                let verb = w.ends_with("ing") || w.ends_with("ed");
                verb || Lexicon::is_in(lex.stopwords, w) || Lexicon::is_in(&[lex.ratio_of], w)
            })
    });
    // Multipliers in words: `more than doubled`, `almost double the previous record` (a
    // word of `multiplier_words` only before one of `multiplier_next`), never `doubled
    // down`; never glued to a dash (`double-digit`).
    let words = WordFigures {
        regex: &p.multiplier,
        table: lex.multipliers,
        unit: lex.multiplier_unit,
    };
    words.find(s, &mut taken, &mut hits, lex, |low, _, next| {
        let next = next.map(str::to_lowercase);
        if Lexicon::is_in(lex.multiplier_words, low) {
            next.is_some_and(|w| Lexicon::is_in(lex.multiplier_next, &w))
        } else {
            next.is_none_or(|w| w != "down")
        }
    });

    let atoms = whole_atoms(s, atoms(s, &taken, lex, convention, doc_currency), lex);
    let mut i = 0;
    while i < atoms.len() {
        let a = &atoms[i];
        let next = atoms.get(i + 1);
        // `entre el 40 y el 60 %`: an article may stand after the opener and after the
        // joiner of a range; the opener is the word before the article.
        let article_before =
            |at: usize| word_before(s, at).filter(|&(w, _)| Lexicon::is_in(lex.ratio_articles, w));
        let between_word = match article_before(a.start) {
            Some((_, ars)) => word_before(s, ars)
                .filter(|&(w, _)| Lexicon::is_in(lex.range_open, w))
                .or_else(|| word_before(s, a.start)),
            None => word_before(s, a.start),
        }
        .map(|(w, ws)| (w.to_lowercase(), ws));
        // Ratio `one in four`.
        if let Some(b) = next {
            let g = gap(s, a.end, b.start);
            // `40 y el 60 %`: the joiner without the article of the second end.
            let g_range = match g.rsplit_once(' ') {
                Some((j, art)) if Lexicon::is_in(lex.ratio_articles, art) => j.trim().to_string(),
                _ => g.clone(),
            };
            // `ranged from 27,100 to as many as 207,116`: an upper bound's hedge on the
            // second end still joins a range.
            let g_range = match g_range.split_once(' ') {
                Some((to, hedge))
                    if Lexicon::is_in(lex.range_to, to)
                        && lex
                            .qualifiers
                            .iter()
                            .any(|&(q, c, _)| q == hedge && c == Qualifier::UpTo) =>
                {
                    to.to_string()
                }
                _ => g_range,
            };
            if g == lex.ratio_in && !a.percent && !b.percent && a.value < b.value && a.value > 0.0 {
                let value = (a.value / b.value * 10000.0).round() / 100.0;
                let noun = noun_after(s, b.end, lex);
                hits.push(make(
                    s,
                    a.start,
                    b.end,
                    Some(value),
                    None,
                    None,
                    None,
                    "percent",
                    noun,
                    lex,
                ));
                i += 2;
                continue;
            }
            // Ratio `18 of 41 patients`.
            // `4,000 of ICE’s 33,400 detention beds`: a possessive in the article's place.
            let of_the = g.strip_prefix(lex.ratio_of).is_some_and(|r| {
                let r = r.trim();
                let possessive =
                    !r.contains(char::is_whitespace) && (r.ends_with("’s") || r.ends_with("'s"));
                g.len() > r.len() + lex.ratio_of.len()
                    && (Lexicon::is_in(lex.ratio_articles, r) || possessive)
            });
            if (g == lex.ratio_of || of_the)
                && (!a.word || (of_the && b.word))
                && a.integer
                && b.integer
                && !a.percent
                && !b.percent
                && a.currency.is_none()
                && b.currency.is_none()
                && a.value < b.value
                // `2 of 14 years old`: two of that age, no ratio.
                && !is_age(s, b, None, lex)
            {
                // `3 of 11 (25%) medical deaths, compared with 8 of 11 (72.7%) in 2020`:
                // without a noun of its own, a ratio counts what the ratio before it did.
                let past_share = share_in_brackets(s, b.end);
                let noun = noun_after(s, past_share, lex);
                let unit = match &noun {
                    Some(noun) => Some(unit_name(&noun.1, lex)),
                    None if past_share > b.end => hits
                        .iter()
                        .rev()
                        .find(|h| h.of.is_some() && h.noun.is_some())
                        .map(|h| h.unit.clone()),
                    None => None,
                };
                if let Some(unit) = unit {
                    hits.push(make(
                        s,
                        a.start,
                        b.end,
                        Some(a.value),
                        None,
                        None,
                        Some(b.value),
                        &unit,
                        noun,
                        lex,
                    ));
                    i += 2;
                    continue;
                }
            }
            // Ranges: `between 60 and 80%`, `from 5 to 10`, `$500 to $1,000`, `60-80%`.
            let opener = between_word
                .as_ref()
                .filter(|(w, _)| Lexicon::is_in(lex.range_open, w));
            let joined = match opener {
                // `entre 15 a 30 minutos`, `between 5 to 10`: `to` after `between` too.
                Some((w, _)) if Lexicon::is_in(lex.span_between, w) => {
                    Lexicon::is_in(lex.range_and, &g_range)
                        || Lexicon::is_in(lex.range_to, &g_range)
                }
                Some(_) => {
                    Lexicon::is_in(lex.range_to, &g_range)
                        || Lexicon::is_in(lex.span_through, &g_range)
                }
                None => {
                    // `two or three days`, `dos o tres días`: one noun after both.
                    let or = Lexicon::is_in(lex.range_or, &g)
                        && a.word == b.word
                        && noun_after(s, b.end, lex).is_some();
                    or || (Lexicon::is_in(lex.range_to, &g) && (a.word == b.word))
                        || ((g == "-" || g == "–")
                            && s[a.end..b.start].trim() == &s[a.end..b.start])
                }
            };
            let bare = opener.is_none()
                && !grouped(s, a)
                && !grouped(s, b)
                && !a.percent
                && !b.percent
                && a.currency.is_none()
                && b.currency.is_none()
                && qualifier_before(s, a.start, lex).is_none()
                && noun_after(s, b.end, lex).is_none();
            if joined && bare {
                i += 2; // `282-9708`: a phone number or a code, not a range
                continue;
            }
            if joined && is_age(s, a, None, lex) {
                i += 2; // `ages ranged from 16 to 44`: ages, no figure
                continue;
            }
            // `rose from 33 percent to 48 percent`: a change, two figures, not a range;
            // the word of change in the same clause (`higher estimates, ranging from 4 to
            // 27 million` is a range).
            // `increased by more than 300%, from 35 to 150`: a `from` opening its clause
            // reads the clause before.
            let change = opener.is_some_and(|(w, ws)| {
                let clause_start = |end: usize| {
                    s[..end]
                        .rfind([',', ';', ':', '(', '—'])
                        .map_or(0, |c| c + s[c..].chars().next().map_or(1, char::len_utf8))
                };
                let mut clause = clause_start(*ws);
                if clause > 0 && s[clause..*ws].trim().is_empty() && s[..clause].ends_with(',') {
                    clause = clause_start(clause - 1);
                }
                Lexicon::is_in(lex.span_from, w)
                    && s[clause..*ws]
                        .split(|c: char| !c.is_alphanumeric() && c != '%')
                        .filter(|x| !x.is_empty())
                        .rev()
                        .take(6)
                        .any(|x| {
                            Lexicon::is_in(
                                lex.change_words,
                                x.trim_matches(|c: char| !c.is_alphanumeric() && c != '%'),
                            )
                        })
            });
            if joined && change {
                let hb = single(s, b, true, lex);
                // `subieron de 2 a 3 millones`: the first end's value is 2 million, which
                // its span (`2`) does not say; it is left out, never reported as 2.
                let scale_shared = range_low(s, a, b) != a.value;
                if let Some(mut ha) = single(s, a, true, lex).filter(|_| !scale_shared) {
                    if ha.unit.is_empty()
                        && let Some(hb) = &hb
                    {
                        ha.unit = hb.unit.clone();
                    }
                    hits.push(ha);
                }
                hits.extend(hb);
                i += 2;
                continue;
            }
            // Both ends measure the same thing: `fell 40 percent to 60,000` is no range
            // of percentages (it gave 40–60 000 percent).
            let same_kind = (!a.percent || b.percent) && a.counted.is_none();
            // `5-10,000`: 5 000–10 000 or 5–10 000; read neither way.
            let lead_group = |t: &str| {
                t.split([',', '.', ' ', '\u{a0}', '\u{202f}', '\u{2009}'])
                    .next()
                    .and_then(|g| g.parse::<f64>().ok())
            };
            let b_text = &s[b.start..b.end];
            let short_low = !grouped(s, a)
                && b.integer
                && !b.scaled
                && b.value >= 1000.0
                && lead_group(b_text.trim_start_matches(|c: char| !c.is_ascii_digit()))
                    .is_some_and(|lead| a.value <= lead);
            if joined && short_low {
                i += 2;
                continue;
            }
            if joined && same_kind && a.value < range_high(a, b) && a.word == b.word {
                let (lo, hi) = (range_low(s, a, b), range_high(a, b));
                let start = opener.map_or(a.start, |(_, ws)| *ws);
                let unit_atom = if b.currency.is_some() || b.percent {
                    b
                } else {
                    a
                };
                let noun = if unit_atom.percent || unit_atom.currency.is_some() {
                    None
                } else {
                    noun_after(s, b.end, lex)
                        .or_else(|| noun_after_scale(s, b, lex))
                        .filter(|n| !n.2)
                };
                let unit = atom_unit(unit_atom, noun.as_ref(), lex);
                if let Some(n) = noun
                    .as_ref()
                    .filter(|n| lex.durations.contains(&n.1.as_str()))
                {
                    // A range of durations counts with a hedge, or as a claim (`dura entre
                    // 15 a 30 minutos`, `los retuvo durante dos o tres días`).
                    if qualifier_before(s, start, lex).is_none()
                        && !claim_range(s, start, b.end, n.0.1, &g_range, lex)
                    {
                        i += 2;
                        continue;
                    }
                }
                hits.push(make(
                    s,
                    start,
                    b.end,
                    None,
                    Some(lo),
                    Some(hi),
                    None,
                    &unit,
                    noun,
                    lex,
                ));
                i += 2;
                continue;
            }
            // Lists read as a range: `within five, ten, 15 minutes`.
            if let Some(n) = list_len(s, &atoms[i..]) {
                let last = &atoms[i + n - 1];
                if let Some(noun) = noun_after(s, last.end, lex) {
                    let lo = a.value;
                    let hi = last.value;
                    let unit = unit_name(&noun.1, lex);
                    let is_duration = lex.durations.contains(&noun.1.as_str());
                    if !is_duration || qualifier_before(s, a.start, lex).is_some() {
                        hits.push(make(
                            s,
                            a.start,
                            last.end,
                            None,
                            Some(lo),
                            Some(hi),
                            None,
                            &unit,
                            Some(noun),
                            lex,
                        ));
                    }
                    i += n;
                    continue;
                }
            }
        }
        // `entre el 40 y el 60 %`, `40 to 60 percent`, `40-60%` not read as a range above
        // (a low end above the high one, a number word against digits): the second end
        // alone would be a wrong fact, and the first has no unit of its own. Neither is
        // reported.
        if let Some(b) = next {
            let g = gap(s, a.end, b.start);
            let g = match g.rsplit_once(' ') {
                Some((j, art)) if Lexicon::is_in(lex.ratio_articles, art) => j.trim().to_string(),
                _ => g,
            };
            let opened = between_word
                .as_ref()
                .is_some_and(|(w, _)| Lexicon::is_in(lex.range_open, w));
            // `el 40 y el 60 %`, `40 and 60 percent`: the sign of the second end is the
            // first's too, so without `between` the pair still reads as one statement.
            let shared_sign = b.percent || b.currency.is_some() || (b.scaled && !a.scaled);
            let range_joiner = Lexicon::is_in(lex.range_to, &g)
                || Lexicon::is_in(lex.span_through, &g)
                || g == "-"
                || g == "–"
                || ((opened || shared_sign) && Lexicon::is_in(lex.range_and, &g));
            let bare_a = !a.percent
                && a.currency.is_none()
                && a.counted.is_none()
                && noun_after(s, a.end, lex).is_none();
            let unit_b = b.percent
                || b.currency.is_some()
                || b.counted.is_some()
                || (b.scaled && !a.scaled)
                || noun_after(s, b.end, lex).is_some();
            if range_joiner && bare_a && unit_b {
                i += 2;
                continue;
            }
        }
        // `sentenced to 30 and 40 years`: the first number has the second's noun, a
        // duration; both are figures when the second is (it gave `30 brothers`).
        if let Some(b) = next
            && !a.percent
            && a.currency.is_none()
            && a.counted.is_none()
            && noun_after(s, a.end, lex).is_none()
        {
            let g = gap(s, a.end, b.start);
            let joined = Lexicon::is_in(lex.list_joiners, &g)
                || Lexicon::is_in(lex.range_or, &g)
                || Lexicon::is_in(lex.range_to, &g);
            let duration = |n: &(ByteRange, String, bool)| lex.durations.contains(&n.1.as_str());
            if joined && noun_after(s, b.end, lex).is_some_and(|n| duration(&n)) {
                let hb = single(s, b, true, lex);
                if let Some(hb) = hb {
                    let ha = single(s, a, true, lex).map(|ha| StatHit {
                        unit: hb.unit.clone(),
                        ..ha
                    });
                    hits.extend(ha);
                    hits.push(hb);
                }
                i += 2;
                continue;
            }
        }
        // A single figure.
        let counted_before = hits.iter().any(|h| {
            !h.unit.is_empty()
                && h.unit != "percent"
                && !lex.currency_prefixes.iter().any(|(_, u)| *u == h.unit)
        });
        if let Some(h) = single(s, a, counted_before, lex) {
            hits.push(h);
        }
        i += 1;
    }
    hits.extend(ones_in_lists(s, &hits, &taken, lex));
    hits.sort_by_key(|h| h.start);
    let ends: Vec<usize> = hits.iter().map(|h| h.end).collect();
    let mut i = 0;
    hits.retain(|h| {
        let converted = i > 0 && conversion_of(s, ends[i - 1], h, lex);
        i += 1;
        !converted
    });
    hits
}

/// The counts of one in a list of counts: `21 hondureños, 14 salvadoreños, un
/// ecuatoriano y 4 brasileños`, `12 Hondurans, one Ecuadorian and 4 Brazilians`. The
/// word for one counts only as an item of such a list: right after a comma that closes a
/// figure with its counted noun, followed by one noun and then a comma or a list
/// joiner; or, for a word that is only a numeral (`one`, not `un`), as the last item
/// after a joiner (`four Guatemalan nationals and one Mexican citizen`). Anywhere else
/// `un`, `una` and `one` are articles or pronouns.
fn ones_in_lists(s: &str, hits: &[StatHit], taken: &[ByteRange], lex: &Lexicon) -> Vec<StatHit> {
    let mut out = Vec::new();
    for prev in hits
        .iter()
        .filter(|h| h.noun.is_some() && h.value.is_some() && h.rate.is_none() && h.of.is_none())
    {
        // After the figure: a comma, a list joiner, or both (`…, and one escapee`).
        let rest = &s[prev.end..];
        let comma = rest.trim_start().strip_prefix(',');
        let mut at = comma.map_or(prev.end, |after| s.len() - after.len());
        let mut last_item = false;
        if let Some((j, js)) = word_after(s, at)
            && s[at..js].trim().is_empty()
            && Lexicon::is_in(lex.list_joiners, j)
        {
            at = js + j.len();
            last_item = true;
        }
        let numeral = |w: &str| !last_item || Lexicon::is_in(lex.one_numerals, w);
        if comma.is_none() && !last_item {
            continue;
        }
        let Some((one, os)) = word_after(s, at) else {
            continue;
        };
        if !s[at..os].trim().is_empty()
            || !Lexicon::is_in(lex.one_words, one)
            || !numeral(one)
            || overlaps(taken, os, os + one.len())
        {
            continue;
        }
        let Some((noun, ns)) = word_after(s, os + one.len()) else {
            continue;
        };
        let noun = noun.trim_end_matches('.');
        let ne = ns + noun.len();
        let item_end = s[ne..].trim_start();
        // An item inside the list closes with a comma or a joiner; the last item (`and one
        // Mexican citizen`) may run on, but its first word must not be a verb in -ed (`and
        // one remained on shore`).
        let closes = item_end.starts_with(',')
            || word_after(s, ne).is_some_and(|(j, js)| {
                s[ne..js].trim().is_empty() && Lexicon::is_in(lex.list_joiners, j)
            })
            || (last_item && !lex.past_suffixes.iter().any(|x| noun.ends_with(x)));
        let word = noun.chars().all(char::is_alphabetic)
            && !Lexicon::is_in(lex.stopwords, noun)
            && !lex.durations.contains(&noun);
        if !closes || !word || !s[os + one.len()..ns].trim().is_empty() {
            continue;
        }
        let list_unit = hits
            .iter()
            .rfind(|h| h.end <= os && !h.unit.is_empty())
            .map_or(String::new(), |h| h.unit.clone());
        // The noun's own unit when the lexicon knows it; the list's in a list of people
        // (`un ecuatoriano`), for a name (`one Mexican citizen`) or for the list's noun
        // after an adjective (`two hot meals and one cold meal`); else the noun (`one
        // escapee`, not `1 murderers`).
        let low = noun.to_lowercase();
        let next = word_after(s, ne).map(|(w, _)| w.to_lowercase());
        let unit = match lex.unit_of(&low) {
            Some(u) => u.to_string(),
            // Unit names are shared by every language's lexicon.
            None if list_unit == "people"
                || noun.starts_with(char::is_uppercase)
                || list_unit.starts_with(&low)
                || next.is_some_and(|n| n.len() > 2 && list_unit.starts_with(&n)) =>
            {
                list_unit
            }
            None => low,
        };
        out.push(make(
            s,
            os,
            os + one.len(),
            Some(1.0),
            None,
            None,
            None,
            &unit,
            Some(((ns, ne), noun.to_lowercase(), false)),
            lex,
        ));
    }
    out
}

/// True when `h` stands in parentheses right after a figure ending at `prev_end`, in a
/// unit of physical measure: the figure before, converted (`2,100 kilómetros (1,300
/// millas)`, `42 degrees Celsius (108 degrees Fahrenheit)`). At most two words (the
/// scale's name) may stand between the first figure and the parenthesis.
fn conversion_of(s: &str, prev_end: usize, h: &StatHit, lex: &Lexicon) -> bool {
    let Some(between) = s.get(prev_end..h.start) else {
        return false;
    };
    let Some(before) = between.trim_end().strip_suffix('(') else {
        return false;
    };
    if before.chars().any(|c| c.is_ascii_digit()) || before.split_whitespace().count() > 2 {
        return false;
    }
    let Some(rest) = s.get(h.number_start..) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let (Some(number), Some(unit)) = (words.next(), words.next()) else {
        return false;
    };
    let unit = unit.trim_matches(|c: char| !c.is_alphanumeric());
    number.chars().all(|c| !c.is_alphabetic()) && Lexicon::is_in(lex.conversion_units, unit)
}

/// The atoms that are whole figures. Left out, never read in part:
/// - numbers written in parts the pattern cannot join: two atoms with only a space
///   between them (`12 mil 500`, `1 millón 200 mil`, `doscientos cincuenta`, `twenty
///   five`), or digits right after a bare scale word (`mil 500`): reading them apart
///   gave 12 000 and 500;
/// - a range inside a compound adjective (`30-35-foot-wide`), as a number inside one
///   (`30-foot`) is no figure either;
/// - the denominator of a rate per head and the figure it divides (`3,5 por cada 100
///   mil habitantes`, `3.5 per 100,000 residents`): neither counts anything alone.
fn whole_atoms(s: &str, atoms: Vec<Atom>, lex: &Lexicon) -> Vec<Atom> {
    let atoms = thousands_then_digits(s, atoms, lex);
    let mut drop = vec![false; atoms.len()];
    let space_only = |a: usize, b: usize| {
        let g = &s[a..b];
        !g.is_empty()
            && g.chars()
                .all(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
    };
    for i in 0..atoms.len() {
        let a = &atoms[i];
        if let Some(b) = atoms.get(i + 1)
            && space_only(a.end, b.start)
            && !a.percent
            && a.counted.is_none()
            && !a.plus
        {
            drop[i] = true;
            drop[i + 1] = true;
        }
        // `one hundred and twenty`: a number word in parts joined by `and`.
        if let Some(b) = atoms.get(i + 1)
            && a.word
            && b.word
            && a.value >= 100.0
            && a.value % 100.0 == 0.0
            && b.value < 100.0
            && Lexicon::is_in(lex.range_and, s[a.end..b.start].trim())
        {
            drop[i] = true;
            drop[i + 1] = true;
        }
        // `30-35-foot-wide`: a range that is part of a compound adjective, as `30-foot`
        // alone is; reading its first number alone gave 30.
        if compound_range_after(&s[a.end..]) {
            drop[i] = true;
        }
        // Its second number (`35-foot` of `30-35-foot-wide`) is no figure alone either.
        if a.counted.is_some()
            && s[..a.start]
                .strip_suffix(['-', '–'])
                .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()))
        {
            drop[i] = true;
        }
        // `7 mil 000`: digits the pattern did not take as a figure of their own.
        let rest = &s[a.end..];
        let next_digit = rest
            .trim_start_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}'])
            .starts_with(|c: char| c.is_ascii_digit());
        if next_digit && rest.starts_with([' ', '\u{a0}', '\u{202f}', '\u{2009}']) && !a.percent {
            drop[i] = true;
        }
        if let Some((w, ws)) = word_before(s, a.start)
            && space_only(ws + w.len(), a.start)
        {
            let low = w.to_lowercase();
            if lex.scales.iter().any(|(x, _)| *x == low) {
                drop[i] = true;
            }
            let per = lex.per_words.iter().find(|p| {
                let head = s[..ws + w.len()].to_lowercase();
                head.ends_with(*p)
                    && !char_before(&head, head.len() - p.len()).is_some_and(char::is_alphanumeric)
            });
            if let Some(p) = per {
                drop[i] = true;
                let per_start = ws + w.len() - p.len();
                if i > 0 && s[atoms[i - 1].end..per_start].trim().is_empty() {
                    drop[i - 1] = true;
                }
            }
        }
    }
    atoms
        .into_iter()
        .zip(drop)
        .filter_map(|(a, d)| (!d).then_some(a))
        .collect()
}

/// True if `rest` (the text right after a number) goes on as the second number of a
/// compound adjective: a dash, digits, a dash and a letter (`-35-foot-wide`).
fn compound_range_after(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(['-', '–']) else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && rest[digits..]
            .strip_prefix(['-', '–'])
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphabetic)
}

/// `12 mil 500`, `Tres mil 445`, `mil 350`, `6 mil 62`: a whole number of thousands (or
/// the scale word for a thousand alone), a space, then one to three digits (how the
/// Mexican press writes 12,500, 1,350 and 6,062) are one figure.
fn thousands_then_digits(s: &str, atoms: Vec<Atom>, lex: &Lexicon) -> Vec<Atom> {
    let thousand_word = |a: &Atom| {
        a.word
            && a.value == 1e3
            && lex
                .scales
                .iter()
                .any(|&(w, v)| v == 1e3 && s[a.start..a.end].eq_ignore_ascii_case(w))
    };
    let mut out: Vec<Atom> = Vec::with_capacity(atoms.len());
    for b in atoms {
        if let Some(a) = out.last_mut()
            && ((a.scaled && a.scale == 1e3) || thousand_word(a))
            && a.integer
            && !a.percent
            && !a.plus
            && a.counted.is_none()
            && matches!(&s[a.end..b.start], " " | "\u{a0}")
            && !b.word
            && !b.scaled
            && b.currency.is_none()
            && (1..=3).contains(&s[b.start..b.end].len())
            && s[b.start..b.end].bytes().all(|c| c.is_ascii_digit())
        {
            a.end = b.end;
            a.value += b.value;
            a.percent = b.percent;
            a.counted = b.counted;
            a.plus = b.plus;
            continue;
        }
        out.push(b);
    }
    out
}

fn range_low(s: &str, a: &Atom, b: &Atom) -> f64 {
    // `between 2 and 3 million`: the scale of the high end applies to the low end; not
    // to a low end written in full (`entre 300.000 y 2 millones`, `between 300,000 and 2
    // million`: 300 000, not 300 000 million), nor to one above the high end's number.
    // `1.5` in `$1.5-2 billion` is not written in full (a decimal, not a grouping).
    let written_in_full = grouped(s, a) && !a.word && a.integer;
    let high_number = b.value / b.scale;
    if b.scale > 1.0 && a.scale == 1.0 && !written_in_full && a.value < high_number {
        a.value * b.scale
    } else {
        a.value
    }
}

fn range_high(_a: &Atom, b: &Atom) -> f64 {
    b.value
}

/// How many atoms from the first form a comma list `5, 10, 15` (at least three,
/// ascending, plain numbers), if they do.
fn list_len(s: &str, atoms: &[Atom]) -> Option<usize> {
    let mut n = 1;
    while n < atoms.len() {
        let g = s[atoms[n - 1].end..atoms[n].start].trim().to_lowercase();
        let ok = g == "," || g == ", or" || g == ", and" || g == "or" || g == "and";
        if !ok
            || atoms[n].value <= atoms[n - 1].value
            || atoms[n].percent
            || atoms[n].currency.is_some()
        {
            break;
        }
        n += 1;
    }
    (n >= 3).then_some(n)
}

fn unit_name(head: &str, lex: &Lexicon) -> String {
    lex.unit_of(head)
        .map(str::to_string)
        .unwrap_or_else(|| head.to_lowercase())
}

fn atom_unit(a: &Atom, noun: Option<&(ByteRange, String, bool)>, lex: &Lexicon) -> String {
    if let Some(u) = a.counted {
        u.into()
    } else if a.percent {
        "percent".into()
    } else if let Some(c) = a.currency {
        c.into()
    } else if let Some(n) = noun {
        unit_name(&n.1, lex)
    } else {
        String::new()
    }
}

/// A single figure. `counted_before`: an earlier figure of the sentence counts
/// something, so a bare number may carry its unit (`7 people dead and 12 wounded`).
fn single(s: &str, a: &Atom, counted_before: bool, lex: &Lexicon) -> Option<StatHit> {
    // `from 6,509,239 last year`: a date after the number, not a noun.
    let noun =
        if a.percent || a.currency.is_some() || a.counted.is_some() || deictic_after(s, a.end, lex)
        {
            None
        } else {
            noun_after(s, a.end, lex)
                .or_else(|| noun_after_scale(s, a, lex))
                .or_else(|| noun_after_partitive(s, a.end, lex))
        };
    let qual = qualifier_before(s, a.start, lex);
    if is_age(s, a, noun.as_ref(), lex) || definition_threshold(s, a, lex) {
        return None;
    }
    if position_after(s, a, lex) || refers_back(s, a, noun.as_ref(), qual.is_some(), lex) {
        return None;
    }
    if a.word {
        // A number word counts only when it counts something.
        if a.value == 1.0 && !a.scaled {
            return None;
        }
        // Only the first words after the number matter; ASCII lower-cases byte-wise.
        let rest = s[a.end..].trim_start();
        let rest = if rest.is_ascii() {
            let longest = lex.number_word_blockers.iter().map(|b| b.len()).max();
            let n = rest.len().min(longest.unwrap_or(0) + 1);
            rest[..n].to_ascii_lowercase()
        } else {
            rest.to_lowercase()
        };
        // `two more stash houses`: an increment told in words, not a total.
        if lex
            .count_comparatives
            .iter()
            .any(|c| rest.starts_with(c) && rest[c.len()..].starts_with(' '))
        {
            return None;
        }
        // `two of them` is a part of a group told before; `sixty percent of them` is a
        // share, a figure.
        if !a.percent
            && lex.number_word_blockers.iter().any(|b| {
                rest.starts_with(b)
                    && rest[b.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        {
            return None;
        }
        // Without a noun, only with a hedge after a figure that counts something (`At
        // least 55 people were killed, and over a hundred were injured`).
        let carried = counted_before && qual.is_some() && noun.is_none();
        if !(a.percent || a.currency.is_some() || a.scaled || carried || a.counted.is_some())
            && noun.as_ref().is_none_or(|n| n.2)
        {
            return None;
        }
    }
    let mut or_more = None;
    if let Some(n) = &noun {
        if lex.durations.contains(&n.1.as_str()) {
            // `within 72 hours`: a deadline.
            let limit = qual.is_some_and(|q| {
                Lexicon::is_in(lex.duration_limits, &s[q.1..a.start].trim().to_lowercase())
            });
            if limit {
                return None;
            }
            // A duration is a claim with a hedge or in words that make it one (see
            // [`claim_duration`]), never as a bound (`the last four years`, `the lowest
            // in more than two years`).
            let bound = word_before(s, qual.map_or(a.start, |q| q.1))
                .is_some_and(|(w, _)| Lexicon::is_in(lex.duration_bound_words, w));
            let claim = qual.is_none() && claim_duration(s, a.start, a.end, n.0.1, lex);
            // `Casi tres meses después de llegar`: a date, even with a hedge, unless a
            // claim word stands before the hedge (`continued for at least 18 months
            // after the policy ended`).
            let dated = qual.is_some_and(|q| {
                relative_after(s, n.0.1, lex) && !claim_duration(s, q.1, a.end, n.0.1, lex)
            });
            // `Over 22 years (from 1990 to 2012), 2,238 bodies were found`: a hedged
            // duration opening the sentence frames the figures after it.
            let frame = qual.is_some_and(|q| {
                let rest = s[n.0.1..].trim_start();
                let rest = match rest.strip_prefix('(') {
                    Some(r) => r.split_once(')').map_or("", |(_, r)| r.trim_start()),
                    None => rest,
                };
                s[..q.1].trim().is_empty() && rest.starts_with(',')
            });
            if !claim && (qual.is_none() || bound || dated || frame) {
                return None;
            }
            if claim {
                or_more = open_after(s, n.0.1, lex);
            }
        }
        if n.2 {
            // `the 20 countries’ leaders`: the noun is a possessive modifier.
            return Some(make(
                s,
                a.start,
                a.end,
                Some(a.value),
                None,
                None,
                None,
                "",
                None,
                lex,
            ));
        }
    }
    let unit = atom_unit(a, noun.as_ref(), lex);
    // `(2) removes a provision`: an item number of a list, not a figure; `(88,089)` after
    // what it counts is one.
    let breakdown = in_breakdown(s, a);
    let enumerator = char_before(s, a.start) == Some('(')
        && char_at(s, a.end) == Some(')')
        && !grouped(s, a)
        && a.value < 100.0
        && !breakdown;
    if unit.is_empty() && qual.is_none() && enumerator {
        return None;
    }
    // `invoking the Alien Enemies Act of 1798`, after `three flights`: a year (before the
    // years the dates read), not a count that takes the noun told before. After `of`,
    // only in a name (`a total of 1500` may count).
    let year_after_of = unit.is_empty()
        && qual.is_none()
        && !a.word
        && !grouped(s, a)
        && s[a.start..a.end].len() == 4
        && (1000.0..=2100.0).contains(&a.value)
        && word_before(s, a.start).is_some_and(|(w, ws)| {
            let named =
                word_before(s, ws).is_some_and(|(n, _)| n.starts_with(|c: char| c.is_uppercase()));
            (w.eq_ignore_ascii_case(lex.day_of) && named)
                || Lexicon::is_in(lex.narrowing_openers, w)
        });
    if year_after_of {
        return None;
    }
    let counted = counted_before || breakdown || change_target(s, a, lex);
    if unit.is_empty() && qual.is_none() && !counted && !grouped(s, a) && !a.plus {
        // A bare number with no unit, no hedge and no thousands separator is a label,
        // a page, a citation or a code more often than a count (`87 FR 19941`, `Room 603`).
        return None;
    }
    let mut hit = make(
        s,
        a.start,
        a.end,
        Some(a.value),
        None,
        None,
        None,
        &unit,
        noun,
        lex,
    );
    if a.plus && hit.qualifier == Qualifier::Exact {
        hit.qualifier = Qualifier::AtLeast;
    }
    if let Some(end) = or_more.filter(|_| hit.rate.is_none()) {
        hit.end = end;
        hit.qualifier = Qualifier::AtLeast;
    }
    Some(hit)
}

/// True for the number a change ends on (`increased to 72 in 2011`, `before declining to
/// 35`): a count even without its noun, which the sentence named before.
fn change_target(s: &str, a: &Atom, lex: &Lexicon) -> bool {
    let Some((to, ts)) = word_before(s, a.start) else {
        return false;
    };
    let Some((verb, _)) = word_before(s, ts) else {
        return false;
    };
    !a.word
        && !year_like(&s[a.start..a.end])
        && Lexicon::is_in(lex.range_to, to)
        && Lexicon::is_in(lex.change_words, verb)
        && verb.chars().all(char::is_alphabetic)
        && !Lexicon::is_in(lex.count_comparatives, verb)
}

/// True if a prison term's lead (`sentenced to`, `received`, `to serve`) stands before
/// byte `start`, with up to four words of one clause between the verb and `to`
/// (`sentenced Gonzale to 46 months`, `sentenced in federal court to`) or the term's
/// fillers after it (`to serve a consecutive 10 months`).
fn prison_term_lead(s: &str, start: usize, lex: &Lexicon) -> bool {
    let words: Vec<String> = window_before(s, start, 60)
        .split_whitespace()
        .map(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    lex.sentence_leads
        .iter()
        .any(|lead| lead_before(&words, lead, lex))
}

/// True if `words` (lower case, nearest last) end with `lead`, as [`prison_term_lead`]
/// reads it.
fn lead_before(words: &[String], lead: &str, lex: &Lexicon) -> bool {
    let lead: Vec<&str> = lead.split_whitespace().collect();
    let Some((&last, first)) = lead.split_last() else {
        return false;
    };
    // Skip the term's fillers, back to the lead's last word.
    let mut k = words.len();
    while k > 0 && Lexicon::is_in(lex.sentence_fillers, &words[k - 1]) && words.len() - k < 3 {
        k -= 1;
    }
    if k == 0 || words[k - 1] != last {
        return false;
    }
    k -= 1;
    // The lead's first words, right before or across up to four words of its clause.
    let matches_at = |end: usize| {
        end >= first.len()
            && words[end - first.len()..end]
                .iter()
                .zip(first)
                .all(|(w, l)| w == l)
    };
    // A one-word lead (`received`) takes no words between.
    let gap = if first.is_empty() { 0 } else { 4 };
    (0..=gap).any(|n| {
        k >= n
            && words[k - n..k]
                .iter()
                .all(|w| !w.ends_with([',', '.', ';', ':']) && !w.starts_with(char::is_numeric))
            && matches_at(k - n)
    })
}

/// True when a duration with no hedge is the claim itself, not a bound on another figure
/// or a date: `start` is where its number (or its range, with any opener) starts,
/// `num_end` where its (last) number ends and `noun_end` where its unit word ends. A claim is
/// - after a word that makes the time the thing stated (`delayed for 60 days`, `has 30
///   days`, `spent three weeks`, `raptada por 21 días`, `dura entre 15 a 30 minutos`),
///   unless that word opens the sentence (`For five weeks, the president …`: a frame);
/// - counted in a row (`8 consecutive months`) or open-ended (`three weeks or more`);
/// - how long something did not happen (`had not showered in three days`).
///
/// Never a duration followed by a relative word (`two days later`, `tres días antes`:
/// a date) unless a word of the first kind comes before (`pasar de 2 a 4 días antes de
/// dirigirse`).
fn claim_duration(s: &str, start: usize, num_end: usize, noun_end: usize, lex: &Lexicon) -> bool {
    let adjacent =
        |at: usize| word_before(s, at).filter(|&(w, ws)| s[ws + w.len()..at].trim().is_empty());
    let prev = adjacent(start);
    // `extended for an additional 18 months`, `for a total of 18 months`: the words
    // between the claim's word and the number aside.
    let mut claim_word = prev;
    for _ in 0..3 {
        match claim_word {
            Some((w, ws)) if Lexicon::is_in(lex.sentence_fillers, w) => claim_word = adjacent(ws),
            _ => break,
        }
    }
    // `have now been in effect for three weeks`: the time so far, a frame for what
    // followed.
    let elapsed = |ws: usize| {
        window_before(s, ws, 40)
            .split_whitespace()
            .rev()
            .take(4)
            .any(|w| Lexicon::is_in(lex.duration_elapsed_markers, w))
    };
    let verb = claim_word.is_some_and(|(w, ws)| {
        Lexicon::is_in(lex.duration_claim_before, w) && !s[..ws].trim().is_empty() && !elapsed(ws)
    });
    if relative_after(s, noun_end, lex) {
        return verb;
    }
    if verb {
        return true;
    }
    if prison_term_lead(s, start, lex) {
        return true;
    }
    // `8 consecutive months`, `tres meses consecutivos`.
    let in_a_row = [num_end, noun_end].into_iter().any(|at| {
        word_after(s, at).is_some_and(|(w, ws)| {
            s[at..ws].trim().is_empty()
                && Lexicon::is_in(lex.duration_claim_after, w.trim_end_matches('.'))
        })
    });
    if in_a_row || open_after(s, noun_end, lex).is_some() || term_after(s, noun_end, lex) {
        return true;
    }
    prev.is_some_and(|(w, ws)| Lexicon::is_in(lex.duration_in, w) && negated_before(s, ws, lex))
}

/// True if a word of [`Lexicon::duration_periods`] follows byte `at`, the end of a
/// duration glued to its noun, right away or after one lower-case word that names the
/// period (`the 60-day re-registration period`, `a 12-month wind-down period`, `a
/// 48-month prison term`), or glued on by a hyphen (`a five-year-term`): the length of a
/// period set by a rule or a decision is its claim.
fn period_after(s: &str, at: usize, lex: &Lexicon) -> bool {
    let rest = window(s, at, 40);
    // `a 48-month-term`: the period's word glued on by a hyphen.
    let rest = match rest.strip_prefix('-') {
        Some(glued) => glued.split_whitespace().next().unwrap_or(""),
        None if rest.starts_with(char::is_whitespace) => rest,
        None => return false,
    };
    let is_period = |w: &str| {
        Lexicon::is_in(
            lex.duration_periods,
            w.trim_end_matches([',', '.', ';', ':']),
        )
    };
    let namer = |w: &str| w.chars().all(|c| c.is_lowercase() || c == '-');
    let mut words = rest.split_whitespace();
    match (words.next(), words.next()) {
        (Some(first), _) if is_period(first) => true,
        (Some(first), Some(second)) => namer(first) && is_period(second),
        _ => false,
    }
}

/// True if a phrase of [`Lexicon::duration_terms`] follows byte `at` (`in prison`, `term
/// of imprisonment`), after the noun of the duration (`30 years in prison`) or glued to
/// it (`a 24-month term of imprisonment`).
fn term_after(s: &str, at: usize, lex: &Lexicon) -> bool {
    let rest = window(s, at, 40).trim_start().to_lowercase();
    lex.duration_terms
        .iter()
        .any(|t| rest.starts_with(t) && !rest[t.len()..].starts_with(char::is_alphanumeric))
}

/// True when a range of durations with no hedge is a claim: after a word of
/// [`claim_duration`] (`dura entre 15 a 30 minutos`, `pasar de 2 a 4 días`, `ranged
/// from 3 to 6 months`), or an approximation joined by `or` (`two or three days`,
/// `durante dos o tres días`) that is neither a bound (`en los últimos dos o tres años`),
/// nor an age (`niños de 12 o 13 años`), nor a date (`dos o tres días después`).
fn claim_range(
    s: &str,
    start: usize,
    num_end: usize,
    noun_end: usize,
    joiner: &str,
    lex: &Lexicon,
) -> bool {
    if claim_duration(s, start, num_end, noun_end, lex) {
        return true;
    }
    let before = word_before(s, start).filter(|&(w, ws)| s[ws + w.len()..start].trim().is_empty());
    let bound = before.is_some_and(|(w, _)| {
        Lexicon::is_in(lex.duration_bound_words, w) || Lexicon::is_in(lex.age_words, w)
    });
    let age = {
        let after = window(s, num_end, 24).to_lowercase();
        lex.age_after
            .iter()
            .any(|w| after.trim_start().starts_with(w.trim_start()))
    };
    Lexicon::is_in(lex.range_or, joiner) && !bound && !age && !relative_after(s, noun_end, lex)
}

/// True for a relative word right after a duration's unit (`two days later`, `tres días
/// antes`, `a year ago`): the words are a date.
fn relative_after(s: &str, noun_end: usize, lex: &Lexicon) -> bool {
    word_after(s, noun_end).is_some_and(|(w, ws)| {
        s[noun_end..ws].trim().is_empty()
            && (Lexicon::is_in(lex.relative_after, w.trim_end_matches('.'))
                || (!lex.ago.is_empty() && w.eq_ignore_ascii_case(lex.ago)))
    })
}

/// Where the open end after a duration's unit ends (`three weeks or more`), if it has one.
fn open_after(s: &str, at: usize, lex: &Lexicon) -> Option<usize> {
    let rest = window(s, at, 24);
    let lead = rest.len() - rest.trim_start().len();
    if lead == 0 {
        return None;
    }
    let low = rest[lead..].to_lowercase();
    lex.duration_or_more
        .iter()
        .find(|w| low.starts_with(*w) && !low[w.len()..].starts_with(char::is_alphanumeric))
        .map(|w| at + lead + w.len())
}

/// True when a word of negation stands in the clause before byte `at` (`No habían podido
/// ducharse en …`, `had not eaten in …`, `hadn't`).
fn negated_before(s: &str, at: usize, lex: &Lexicon) -> bool {
    let head = &s[..at];
    let clause = &head[head.rfind([',', ';', ':', '(']).map_or(0, |k| k + 1)..];
    clause
        .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .any(|w| {
            let low = w.to_lowercase();
            Lexicon::is_in(lex.negations, &low)
                || lex
                    .negations
                    .iter()
                    .any(|n| n.contains(['’', '\'']) && low.ends_with(n))
        })
}

/// True when the word right after the figure is an ordinal or an adjective of position
/// (`las dos primeras semanas`, `los tres últimos años`, `two previous attempts`): the
/// number picks a place in a sequence, it counts nothing, and the next plural word is no
/// counted noun (it gave `2 primeras`).
fn position_after(s: &str, a: &Atom, lex: &Lexicon) -> bool {
    if a.percent || a.currency.is_some() || a.counted.is_some() {
        return false;
    }
    word_after(s, a.end).is_some_and(|(w, ws)| {
        s[a.end..ws].trim().is_empty()
            && Lexicon::is_in(lex.position_words, w.trim_end_matches('.'))
            && !deictic_after(s, a.end, lex)
    })
}

/// True if the number at `start` is a pin cite's page after a citation's signal (`Id. at
/// 45,486`, `supra, at 12`).
fn pin_cite(s: &str, start: usize, lex: &Lexicon) -> bool {
    let head = window_before(s, start, 24).trim_end().to_lowercase();
    lex.pin_cite_words
        .iter()
        .any(|w| crate::extract::dates::ends_with_phrase(&head, w))
}

/// True if the number between `start` and `end` is a step of a chamber's procedure
/// (`is recognized for 60 minutes`, `have 5 legislative days`).
fn procedure(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    if lex.procedure_before.is_empty() && lex.procedure_after.is_empty() {
        return false;
    }
    let head = window_before(s, start, 24).trim_end().to_lowercase();
    let tail = window(s, end, 24).trim_start().to_lowercase();
    let starts_with_word =
        |t: &str, w: &str| t.starts_with(w) && !t[w.len()..].starts_with(char::is_alphanumeric);
    // `The Chair recognizes the gentleman from Texas (Mr. Vela) for 5 minutes.`, `I yield
    // myself 5 minutes`: the time given to speak, in a sentence of the chamber's order.
    let speaking_time = lex
        .procedure_time_units
        .iter()
        .any(|u| starts_with_word(&tail, u))
        && lex
            .procedure_time_before
            .iter()
            .any(|w| crate::extract::dates::ends_with_phrase(&head, w))
        && {
            let low = s.to_lowercase();
            lex.procedure_sentences
                .iter()
                .any(|w| crate::extract::dates::has_phrase(&low, w))
        };
    speaking_time
        || lex
            .procedure_before
            .iter()
            .any(|w| crate::extract::dates::ends_with_phrase(&head, w))
        || lex
            .procedure_after
            .iter()
            .any(|w| starts_with_word(&tail, w))
}

/// True if the number at `start` follows a table of contents' leader (`ICE Removals
/// ...... 18`, `Resumen . . . . 4`): a page number. Not an ellipsis (`… 18 migrants`,
/// `and then... 40 more`), which cuts a quote, not a line.
fn leader(s: &str, start: usize) -> bool {
    let head = window_before(s, start, 12).trim_end();
    head.ends_with("....") || head.ends_with(". . . .")
}

/// True if a date counted from the document's follows the number (`from 6,509,239 last
/// year to 7,106,010 this year`): its words are no place in a sequence and no noun.
fn deictic_after(s: &str, at: usize, lex: &Lexicon) -> bool {
    let rest = window(s, at, 24).trim_start().to_lowercase();
    (lex.year_deictics.iter())
        .chain(lex.month_deictics)
        .chain(lex.week_deictics)
        .any(|(d, _)| rest.starts_with(d))
}

/// True if `rest` opens with a subsection mark glued to the number before it: `(c)`,
/// `(4)`, `(iii)` (`§ 208.16(c)(4)`, `LAR 34.1(a)`).
fn subsection_after(rest: &str) -> bool {
    rest.strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .is_some_and(|(mark, _)| {
            (1..=4).contains(&mark.len()) && mark.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// True if the number at byte `start` is an item of a list of identifiers after an
/// identifier word: `ECF Nos. 74, 92, 93`, `Sections 3, 4 and 5`. The list goes back over
/// bare numbers, each closed by a comma or followed by a list joiner, with at least one
/// comma or after a plural (`Executive Orders 13767 and 13768`); `Title 42 and 8
/// migrants` is no list.
fn listed_identifier(s: &str, start: usize, lex: &Lexicon) -> bool {
    // `1208.16(c)`: a section's subsections after its number.
    let bare = |t: &str| {
        let mut t = t;
        while let Some(head) = t.strip_suffix(')').and_then(|h| h.rsplit_once('(')) {
            t = head.0;
        }
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    };
    let mut at = start;
    let (mut comma, mut items) = (false, 0);
    for _ in 0..12 {
        let head = s[..at].trim_end();
        if let Some(h) = head.strip_suffix(',') {
            let ws = h
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            if !bare(&h[ws..]) {
                return false;
            }
            (comma, items, at) = (true, items + 1, ws);
            continue;
        }
        let Some((w, ws)) = word_before(s, at) else {
            return false;
        };
        if Lexicon::is_in(lex.list_joiners, w) {
            let Some((_, ns)) = word_before(s, ws).filter(|(n, _)| bare(n)) else {
                return false;
            };
            (items, at) = (items + 1, ns);
            continue;
        }
        // `Sections 3, 4 and 5`; without a comma only after a plural (`Executive Orders
        // 13767 and 13768`): `Title 42 and 300 more` is no list.
        let plural = w.ends_with(['s', 'S']) || w == "§§";
        return items > 0 && (comma || plural) && Lexicon::is_in(lex.identifier_words, w);
    }
    false
}

/// True for a small number word after a definite article with a noun that points back
/// to things just named (`the two countries`, `los dos gobiernos`, `las tres naciones`):
/// a reference, not a measurement. A hedge makes it a count again.
fn refers_back(
    s: &str,
    a: &Atom,
    noun: Option<&(ByteRange, String, bool)>,
    hedged: bool,
    lex: &Lexicon,
) -> bool {
    if !a.word || a.scaled || hedged || a.value > 3.0 {
        return false;
    }
    let Some(n) = noun else {
        return false;
    };
    let head = n.1.rsplit(' ').next().unwrap_or(&n.1);
    Lexicon::is_in(lex.referring_nouns, head)
        && word_before(s, a.start).is_some_and(|(w, ws)| {
            s[ws + w.len()..a.start].trim().is_empty() && Lexicon::is_in(lex.ratio_articles, w)
        })
}

/// The counted noun after a scale and the language's `scale_joiner` (`2,5 millones de
/// personas`).
fn noun_after_scale(s: &str, a: &Atom, lex: &Lexicon) -> Option<(ByteRange, String, bool)> {
    // `2 millones de`, `dos millones de`, `un millón de`: a scale word is followed by the
    // joiner before its noun, and so is a collective written with its article (`un
    // centenar de`, `una docena de`).
    let collective = a.word
        && s[a.start..a.end]
            .split_whitespace()
            .next()
            .is_some_and(|w| Lexicon::is_in(lex.indefinite_articles, w))
        && s[a.start..a.end].trim().contains(' ');
    if !(a.scaled || (a.word && a.value >= 1e6) || collective) || lex.scale_joiner.is_empty() {
        return None;
    }
    let (w, ws) = word_after(s, a.end)?;
    if !s[a.end..ws].trim().is_empty() || !w.eq_ignore_ascii_case(lex.scale_joiner) {
        return None;
    }
    noun_after(s, ws + w.len(), lex)
}

/// The noun of a part of a group (`Five of the undocumented aliens`, `two of these
/// centers`, `Veintiuno de los fallecidos`): after one of [`Lexicon::partitives`] right
/// after the number, what the group's noun counts. A number after the opener makes a
/// ratio (`five of the six recommendations`), read elsewhere.
fn noun_after_partitive(s: &str, at: usize, lex: &Lexicon) -> Option<(ByteRange, String, bool)> {
    let rest = window(s, at, 24);
    let low = rest.to_lowercase();
    let opener = lex.partitives.iter().find(|p| {
        low.strip_prefix(' ')
            .and_then(|r| r.strip_prefix(**p))
            .is_some_and(|r| r.starts_with(' '))
    })?;
    let after = at + 1 + opener.len();
    let (w, _) = word_after(s, after)?;
    if w.starts_with(|c: char| c.is_ascii_digit()) || lex.number_word(&w.to_lowercase()).is_some() {
        return None;
    }
    noun_after(s, after, lex)
}

/// True for a count in a breakdown: alone in parentheses after the capitalised name of
/// what it is for, in a sentence with at least three such (`Texas (1,515), California
/// (511), Arizona (394), Florida (75) and New York (31)`).
fn in_breakdown(s: &str, a: &Atom) -> bool {
    // The count in the parentheses that open at byte `open`, after a capitalised name.
    let pair_at = |open: usize| {
        let inner = &s[open + 1..];
        let Some(close) = inner.find(')') else {
            return false;
        };
        let digits = &inner[..close];
        let count = digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.chars().all(|c| c.is_ascii_digit() || c == ',');
        let head = s[..open].trim_end();
        let word = head
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let named = word.starts_with(char::is_uppercase) && head.len() > word.len();
        count && named
    };
    let enclosed = char_before(s, a.start) == Some('(') && char_at(s, a.end) == Some(')');
    enclosed
        && pair_at(a.start - 1)
        && s.match_indices('(').filter(|&(i, _)| pair_at(i)).count() >= 3
}

/// True if the figure is written with a thousands separator (`75,316`), a scale word or
/// a decimal point: the way counts are written, unlike codes and page numbers.
fn grouped(s: &str, a: &Atom) -> bool {
    let t = &s[a.start..a.end];
    a.scaled || a.word || t.contains([',', '.', ' ', '\u{a0}', '\u{202f}', '\u{2009}'])
}

/// The rate words right after byte `at` (`/day`, ` per day`, ` a day`): the unit suffix
/// they give and where they end. Not `a year ago` (a date).
fn rate_after(s: &str, at: usize, lex: &Lexicon) -> Option<(&'static str, usize)> {
    let rest = window(s, at, 24);
    let low = rest.to_lowercase();
    if low.len() != rest.len() {
        return None;
    }
    for &(w, suffix) in lex.rate_words {
        let glued = w.starts_with('/');
        let lead = if glued {
            0
        } else {
            low.len() - low.trim_start().len()
        };
        if !glued && lead == 0 {
            continue;
        }
        let t = &low[lead..];
        if !t.starts_with(w)
            || t[w.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let end = at + lead + w.len();
        if word_after(s, end).is_some_and(|(n, _)| {
            let n = n.trim_end_matches('.');
            (!lex.ago.is_empty() && n.eq_ignore_ascii_case(lex.ago))
                || Lexicon::is_in(lex.relative_after, n)
        }) {
            return None; // `a year ago`, `a year earlier`
        }
        return Some((suffix, end));
    }
    None
}

/// The rate suffix of a rate word that ends the figure's clause a few words on, with no
/// other figure between (`about 10,000 migrants were crossing the nearly 2,000-mile
/// border each day`, `más de 775 ingresaron por día`).
fn rate_ending_clause(s: &str, at: usize, lex: &Lexicon) -> Option<&'static str> {
    let rest = window(s, at, 160);
    let stop = rest
        .find(['.', ';', ':', '(', '?', '!'])
        .unwrap_or(rest.len());
    let low = rest[..stop].trim_end().to_lowercase();
    let (_, suffix) = lex
        .clause_rate_words
        .iter()
        .find(|(w, _)| crate::extract::dates::ends_with_phrase(&low, w))?;
    let words: Vec<&str> = low.split_whitespace().collect();
    // Another figure between them has the rate, not this one; a measure glued to its
    // noun (`2,000-mile`) is no figure.
    let figure = |w: &&str| {
        w.starts_with(|c: char| c.is_ascii_digit()) && !w.contains('-')
            || lex
                .number_word(w.trim_matches(|c: char| !c.is_alphanumeric()))
                .is_some()
    };
    (words.len() <= 16 && !words.iter().any(figure)).then_some(*suffix)
}

/// True for a threshold inside a definition: `groups of 100 or more individuals`.
fn definition_threshold(s: &str, a: &Atom, lex: &Lexicon) -> bool {
    let after = window(s, a.end, 24).trim_start().to_lowercase();
    let open_ended = lex
        .open_ended
        .iter()
        .any(|w| after.starts_with(w) && !after[w.len()..].starts_with(char::is_alphanumeric));
    open_ended && word_before(s, a.start).is_some_and(|(w, _)| w.eq_ignore_ascii_case(lex.ratio_of))
}

/// True if the figure is an age or an age threshold, not a count: `aged 12`, `ages 12
/// to 17`, `12 years old`, `children under 12`.
fn is_age(s: &str, a: &Atom, noun: Option<&(ByteRange, String, bool)>, lex: &Lexicon) -> bool {
    if a.percent || a.currency.is_some() {
        return false;
    }
    let low_after = window(s, a.end, 24).to_lowercase();
    if lex.age_after.iter().any(|w| {
        let t = low_after.trim_start();
        t.starts_with(w) && (w.starts_with('-') || low_after.starts_with(' '))
    }) {
        return true;
    }

    if appositive_age(s, a, lex) {
        return true;
    }
    let Some((w, ws)) = word_before(s, a.start) else {
        return false;
    };
    if Lexicon::is_in(lex.age_words, w) {
        return true;
    }
    // `ages ranged from 16 to 44`: an age word a few linking words back.
    let mut back = (w, ws);
    for _ in 0..3 {
        if !Lexicon::is_in(lex.age_links, back.0) {
            break;
        }
        match word_before(s, back.1) {
            Some(prev) if Lexicon::is_in(lex.age_words, prev.0) => return true,
            Some(prev) => back = prev,
            None => break,
        }
    }
    // `aged 19 and 22`, `ages 12 to 17`, `ages 17 through 49`: the later ages of a list
    // after an age word.
    let joiner = Lexicon::is_in(lex.list_joiners, w)
        || Lexicon::is_in(lex.range_to, w)
        || Lexicon::is_in(lex.span_through, w);
    if joiner
        && let Some((prev, ps)) = word_before(s, ws)
        && let prev = prev.trim_end_matches(',')
        && !prev.is_empty()
        && prev.chars().all(|c| c.is_ascii_digit())
        && let Some((age, _)) = word_before(s, ps)
        && Lexicon::is_in(lex.age_words, age)
    {
        return true;
    }
    // `children under 12`: a threshold after a noun of people, counting nothing itself.
    let counts = noun.is_some_and(|n| !lex.durations.contains(&n.1.as_str()) && n.1 != "years");
    if counts {
        return false;
    }
    let head = window_before(s, ws, 48).trim_end().to_lowercase();
    let full = format!("{head} {}", w.to_lowercase());
    let threshold = lex
        .threshold_words
        .iter()
        .find(|t| full.ends_with(*t) && full[..full.len() - t.len()].ends_with(' '));
    let Some(t) = threshold else {
        return false;
    };
    let before_threshold = full;
    let before_threshold = before_threshold[..before_threshold.len() - t.len()].trim_end();
    before_threshold
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|x| !x.is_empty())
        .is_some_and(|n| Lexicon::is_in(lex.age_nouns, n))
}

/// True for an age set off by commas after a person's name, in the style of news and
/// court releases: `Edison Escalante, 23, and Clarissa Villarreal, 29, of Laredo`. A
/// whole number below 120 right after `Name, `: closed by a comma (`Diego, 40, was`,
/// `aka Siete, 40, was`), or, after a name of two capitalised words, by `;`, a list
/// joiner, the language's `of` or the end of the sentence. A count after a name is
/// followed by what it counts.
fn appositive_age(s: &str, a: &Atom, lex: &Lexicon) -> bool {
    if !a.integer || a.word || a.scaled || a.plus || a.counted.is_some() || a.value >= 120.0 {
        return false;
    }
    let Some(before_comma) = s[..a.start].strip_suffix(", ") else {
        return false;
    };
    let name_char = |c: char| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-');
    let name = before_comma
        .rsplit(|c: char| !name_char(c))
        .next()
        .unwrap_or("");
    if name.len() < 2 || !name.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let tail = &s[a.end..];
    if tail.starts_with(',') {
        return true;
    }
    let given = before_comma[..before_comma.len() - name.len()].trim_end();
    let given_word = given.rsplit(|c: char| !name_char(c)).next().unwrap_or("");
    if !given_word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let next = word_after(s, a.end).filter(|&(_, ws)| s[a.end..ws].trim().is_empty());
    tail.starts_with(';')
        || tail.trim_end() == "."
        || next.is_some_and(|(w, _)| {
            Lexicon::is_in(lex.list_joiners, w) || w.eq_ignore_ascii_case(lex.ratio_of)
        })
}

/// Figures written as words of a table (`a third`, `doubled`): each match that `keep`
/// accepts, given the word (lower case) and the word right after it, is a figure of the
/// table's value in `unit`.
struct WordFigures<'a> {
    regex: &'a Regex,
    table: &'static [(&'static str, f64)],
    unit: &'static str,
}

impl WordFigures<'_> {
    fn find(
        &self,
        s: &str,
        taken: &mut Vec<ByteRange>,
        hits: &mut Vec<StatHit>,
        lex: &Lexicon,
        keep: impl Fn(&str, Option<&str>, Option<&str>) -> bool,
    ) {
        if self.table.is_empty() {
            return;
        }
        for m in self.regex.find_iter(s) {
            if overlaps(taken, m.start(), m.end()) || s[m.end()..].starts_with('-') {
                continue;
            }
            let low = m.as_str().to_lowercase();
            let Some(&(_, value)) = self.table.iter().find(|(w, _)| *w == low) else {
                continue;
            };
            let next = word_after(s, m.end())
                .filter(|&(_, ws)| s[m.end()..ws].trim().is_empty())
                .map(|(w, _)| w);
            let before = word_before(s, m.start())
                .filter(|&(w, ws)| s[ws + w.len()..m.start()].trim().is_empty())
                .map(|(w, _)| w);
            if !keep(&low, before, next) {
                continue;
            }
            taken.push((m.start(), m.end()));
            hits.push(make(
                s,
                m.start(),
                m.end(),
                Some(value),
                None,
                None,
                None,
                self.unit,
                None,
                lex,
            ));
        }
    }
}

/// True if the number at `start` (its figure ending by `end`) is written with a plus
/// after it (`2.2 million-plus arrests`): at least it, as `300+` is.
fn plus_after(s: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let Some(tail) = s.get(start..) else {
        return false;
    };
    lex.plus_suffixes.iter().any(|p| {
        // The number and at most its scale word before the plus (`2.2 million-plus`).
        tail.find(p).is_some_and(|i| {
            let number = &tail[..i];
            start + i <= end
                && number.ends_with(|c: char| c.is_alphanumeric())
                && number.split_whitespace().count() <= 2
        })
    })
}

/// Past a share in brackets right after byte `at` (`1 of 12 (8.3%) deaths`: the noun
/// comes after it); `at` itself when there is none. The share is a figure of its own.
fn share_in_brackets(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    let Some(inner) = rest.strip_prefix(" (") else {
        return at;
    };
    let Some(close) = inner.find(')') else {
        return at;
    };
    let share = inner[..close].trim_end_matches(['%', ' ']);
    let numeric = !share.is_empty()
        && share.len() < inner[..close].len()
        && share
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b',');
    if numeric { at + 2 + close + 1 } else { at }
}

#[allow(clippy::too_many_arguments)]
fn make(
    s: &str,
    start: usize,
    end: usize,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    of: Option<f64>,
    unit: &str,
    noun: Option<(ByteRange, String, bool)>,
    lex: &Lexicon,
) -> StatHit {
    let (qualifier, span_start) = match qualifier_before(s, start, lex) {
        Some((q, qs, true)) => (q, qs),
        Some((q, _, false)) => (q, start),
        None if plus_after(s, start, end, lex) => (Qualifier::AtLeast, start),
        None => (Qualifier::Exact, start),
    };
    let noun_range = noun.as_ref().map(|n| n.0);
    let end = match noun_range {
        Some((_, ne)) if !noun.as_ref().is_some_and(|n| n.2) => ne.max(end),
        _ => end,
    };
    // A measure glued to its noun (`the nearly 2,000-mile border`) describes a thing; a
    // rate at the clause's end is another figure's.
    let glued_measure = s[start..end].split_once(['-', '–']).is_some_and(|(n, w)| {
        n.ends_with(|c: char| c.is_ascii_digit()) && Lexicon::is_in(lex.conversion_units, w)
    });
    // A rate keeps its denominator: `1,200 encounters/day`, `3,400 per day`.
    let (rate, end) = match rate_after(s, end, lex) {
        Some((suffix, e)) if !glued_measure => (Some(suffix), e),
        _ if glued_measure => (None, end),
        _ => (rate_ending_clause(s, end, lex), end),
    };
    StatHit {
        start: span_start,
        end,
        value,
        low,
        high,
        of,
        unit: unit.to_string(),
        qualifier,
        noun: noun_range,
        number_start: start,
        rate,
    }
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
