//! Text plumbing for extraction: footnote markers, masking and sentence boundaries.
//!
//! In: the verbatim text of one block (and the converter's note markers, if any).
//! Out: byte ranges — of footnote markers, of URLs, and of sentences. Nothing here
//! changes the text; masking makes a same-length copy so every offset found in the copy
//! is valid in the original.

use crate::lang::lexicon::Lexicon;
use crate::model::document::NoteMarker;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// A half-open byte range `[start, end)` in a block's text.
pub type ByteRange = (usize, usize);

static BRACKET_NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[[0-9]{1,3}\]").unwrap());
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+").unwrap());
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\([0-9]{3}\)\s?|\b[0-9]{3}[-.])[0-9]{3}[-.][0-9]{4}\b").unwrap()
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|mx|pdf|html?)(?:/\S*)?\b",
    )
    .unwrap()
});

/// True for a word that is a year (`2014`), not a count.
pub fn year_like(t: &str) -> bool {
    t.len() == 4 && t.parse::<i32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// The character before byte `i`, if any.
pub fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

/// The character at byte `i`, if any.
pub fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// The word (letters, digits, dots, apostrophes) that ends right before byte `i`,
/// skipping whitespace first. Returns the word and its start.
pub fn word_before(s: &str, i: usize) -> Option<(&str, usize)> {
    let head = s.get(..i)?;
    let trimmed = head.trim_end();
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '’' | '\'' | '-' | '§'))
        .last()
        .map(|(k, _)| k)?;
    Some((&s[start..end], start))
}

/// The word that starts at or after byte `i` (after whitespace). Returns it and its start.
pub fn word_after(s: &str, i: usize) -> Option<(&str, usize)> {
    let tail = s.get(i..)?;
    let lead = tail.len() - tail.trim_start().len();
    let start = i + lead;
    let rest = &s[start..];
    let len: usize = rest
        .char_indices()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '’' | '\'' | '-'))
        .map(|(_, c)| c.len_utf8())
        .sum();
    if len == 0 {
        return None;
    }
    // A trailing dot belongs to the word only for abbreviations; callers strip as needed.
    Some((&s[start..start + len], start))
}

/// True if the word ending at byte `dot` (a `.`) is a month's abbreviation (`Oct`).
pub fn month_abbreviation_before(text: &str, dot: usize, lex: &Lexicon) -> bool {
    let word_start = text[..dot]
        .char_indices()
        .rfind(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    lex.month(&text[word_start..=dot]).is_some()
}

/// Footnote markers of a block: the converter's when it found any, else our own guess:
/// `[12]`, digits glued to a word or closing mark (`reported22`, `women.5`, `)4`), and a
/// digit or two glued to a year after a month or a date preposition (`August 20106`).
pub fn footnote_markers(text: &str, notes: &[NoteMarker], lex: &Lexicon) -> Vec<ByteRange> {
    if !notes.is_empty() {
        return notes
            .iter()
            .filter(|n| text.is_char_boundary(n.offset) && text.is_char_boundary(n.offset + n.len))
            .filter(|n| n.offset + n.len <= text.len())
            .map(|n| (n.offset, n.offset + n.len))
            .collect();
    }
    let mut out: Vec<ByteRange> = BRACKET_NOTE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    for m in DIGITS.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let next = char_at(text, e);
        if next.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        // A decimal or a thousands group continues the number: not a marker end.
        if matches!(next, Some('.') | Some(','))
            && char_at(text, e + 1).is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let prev = char_before(text, s);
        // `Q2`, `H1`, `FY16`: a code of one to four capitals and its number (a quarter,
        // a half, a fiscal year), not a word with a note.
        let caps = text[..s]
            .chars()
            .rev()
            .take_while(char::is_ascii_uppercase)
            .count();
        let code = (1..=4).contains(&caps)
            && char_before(text, s - caps).is_none_or(|c| !c.is_alphanumeric());
        let glued = match prev {
            _ if code => false,
            Some(c) if c.is_alphabetic() => true,
            Some(')' | '”' | '"' | ']' | '’') => true,
            // `(Oct.1, 2009`: a day glued to its month's abbreviation, not a note.
            Some('.') if month_abbreviation_before(text, s - 1, lex) => false,
            Some('.' | ',' | ';') => {
                let p2 = char_before(text, s - 1);
                p2.is_some_and(|c| c.is_alphabetic() || matches!(c, ')' | '”' | '"' | ']'))
            }
            _ => false,
        };
        if glued && m.len() <= 3 || note_number(text, s, e, lex) {
            out.push((s, e));
            continue;
        }
        // A year with a note glued on: 5 or 6 digits, the first four a plausible year,
        // after a month name or a date preposition.
        if (5..=6).contains(&m.len()) && prev.is_some_and(char::is_whitespace) {
            let year: i32 = m.as_str()[..4].parse().unwrap_or(0);
            if !(1800..=2100).contains(&year) {
                continue;
            }
            let before = word_before(text, s).map(|(w, _)| w.trim_end_matches('.'));
            // `during Fiscal Year (FY) 20191`: after a fiscal year's words or code too.
            let fiscal = |w: &str| {
                let w = w.trim_matches(['(', ')']);
                Lexicon::is_in(lex.fiscal_year_codes, w)
                    || lex.fiscal_year_words.iter().any(|f| {
                        f.rsplit(' ')
                            .next()
                            .is_some_and(|last| last.eq_ignore_ascii_case(w))
                    })
            };
            let token = text[..s].split_whitespace().next_back().unwrap_or("");
            let ok = fiscal(token)
                || before.is_some_and(|w| {
                    lex.month(w).is_some()
                        || lex.month(&format!("{w}.")).is_some()
                        || Lexicon::is_in(lex.date_prepositions, w)
                });
            if ok {
                out.push((s + 4, e));
            }
        }
    }
    out.sort();
    out
}

/// True for a number of one or two digits (`text[s..e]`) that opens a note run into the
/// text: before a note's first word or a stop word written with a capital (`1 See
/// sections 208 and 241(b)(3)`, `the return policy of 1 The policy is administered`), or,
/// opening the block or a sentence, before a capitalised word and a past tense (`for
/// care. 1 Officials estimated that …`). A count is not followed by `See` or `The`, and
/// a sentence does not open with digits.
fn note_number(text: &str, s: usize, e: usize, lex: &Lexicon) -> bool {
    if e - s > 2
        || !text[e..].starts_with(' ')
        || !char_before(text, s).is_none_or(char::is_whitespace)
    {
        return false;
    }
    let Some((w, w_at)) = word_after(text, e) else {
        return false;
    };
    let mut letters = w.chars();
    let capital = letters.next().is_some_and(char::is_uppercase)
        && letters.next().is_some_and(char::is_lowercase);
    // `13 May 2012`, `12 De Octubre` (a title in capitals): a day before its month.
    let next = word_after(text, w_at + w.len()).map(|(n, _)| n);
    if !capital
        || lex.month_any_case(w).is_some()
        || next.is_some_and(|n| lex.month_any_case(n).is_some())
    {
        return false;
    }
    if Lexicon::is_in(lex.note_openers, w) || Lexicon::is_in(lex.stopwords, w.trim_end_matches('.'))
    {
        return true;
    }
    let before = text[..s].trim_end();
    let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?']);
    opens_sentence
        && next
            .is_some_and(|n| n.starts_with(char::is_lowercase) && n.len() > 4 && n.ends_with("ed"))
}

/// Like [`ascii_stand_in`], for a regex that may also read single non-ASCII characters
/// through `\s`, `\d` or its own non-ASCII `literals` (`€`): `None` as well when `s`
/// holds non-ASCII white space, a non-ASCII digit or one of `literals`, so that every
/// non-ASCII character left is read only through `\b`.
pub fn strict_ascii_stand_in<'a>(s: &'a str, literals: &str) -> Option<Cow<'a, str>> {
    let unsafe_char =
        |c: char| !c.is_ascii() && (c.is_whitespace() || c.is_numeric() || literals.contains(c));
    if s.chars().any(unsafe_char) {
        return None;
    }
    ascii_stand_in(s)
}

/// URLs, bare domain names and phone numbers in a text: never facts.
pub fn urls(text: &str) -> Vec<ByteRange> {
    // URL reads non-ASCII text only through `\b`, `\S+`, `\S*` and `[\w.-]+`.
    let url_hay = ascii_stand_in(text).unwrap_or(Cow::Borrowed(text));
    let phone_hay = if may_hold_phone(text) { text } else { "" };
    URL.find_iter(&url_hay)
        .chain(PHONE.find_iter(phone_hay))
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// A law report citation's parenthetical (`554 F. Supp. 3d 818 (N.D. Tex. 2021)`, `142
/// S. Ct. 926 (2021)`, `87 Fed. Reg. 19941 (Apr. 6, 2022)`): volume, reporter, page.
static REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[0-9]{1,4}\s+(?:(?:[A-Z][A-Za-z&]*\.|[2-9](?:d|th))\s?)+\s*[0-9]{1,6}(?:,\s*[0-9]{1,6})?\s*(\([^()]{0,60}\))")
        .unwrap()
});
/// A court's parenthetical with a date (`(D.D.C. Jun. 25, 2020)`, `(5th Cir. 2021)`):
/// abbreviations, then a number.
static COURT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\((?:[0-9]{1,2}(?:st|nd|rd|th)\s+)?((?:[A-Z][A-Za-z]{0,5}\.\s?){1,4})[^()]{0,30}[0-9]\)",
    )
    .unwrap()
});

/// The parentheticals of legal citations in `text`, whose dates are the cited
/// decisions' or issues', not events of the text: after a reporter citation, or a
/// court's abbreviation then a date (a month's abbreviation does not open one).
pub fn citation_parentheticals(text: &str, lex: &Lexicon) -> Vec<ByteRange> {
    if !text.contains('(') {
        return Vec::new();
    }
    let reporters = REPORTER
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| (m.start(), m.end()));
    let courts = COURT.captures_iter(text).filter_map(|c| {
        let first = c[1].split(['.', ' ']).next().unwrap_or("");
        let m = c.get(0)?;
        lex.month_any_case(first)
            .is_none()
            .then_some((m.start(), m.end()))
    });
    reporters.chain(courts).collect()
}

/// False when `text` surely holds no phone number: every match of PHONE has a `-` or `.`
/// followed by three digits and another `-` or `.`.
fn may_hold_phone(text: &str) -> bool {
    let mut digits_since_mark: Option<usize> = None;
    for c in text.chars() {
        if c == '-' || c == '.' {
            if digits_since_mark == Some(3) {
                return true;
            }
            digits_since_mark = Some(0);
        } else if c.is_numeric() {
            digits_since_mark = digits_since_mark.map(|n| n + 1);
        } else {
            digits_since_mark = None;
        }
    }
    false
}

/// A copy of `text` with every character inside `ranges` replaced by spaces (one per
/// byte), so offsets into the copy are offsets into `text`. A character is blanked when
/// it starts inside a range (the whole character, even if it runs past the range's end).
pub fn mask(text: &str, ranges: &[ByteRange]) -> String {
    if ranges.is_empty() {
        return text.to_string();
    }
    // Which bytes lie inside a range: one pass over the ranges, one over the text.
    let mut inside = vec![false; text.len()];
    for &(s, e) in ranges {
        let e = e.min(text.len());
        if s < e {
            inside[s..e].fill(true);
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if inside[i] {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// A set of lower-case phrases looked up as whole words in a lower-case text: the same
/// answer as trying [`crate::extract::dates::has_phrase`] with each phrase, in one pass.
pub struct PhraseSet {
    phrases: AhoCorasick,
}

impl PhraseSet {
    /// The set of `phrases` (none of them empty).
    pub fn new(phrases: &[&str]) -> PhraseSet {
        let phrases = phrases.iter().filter(|p| !p.is_empty());
        PhraseSet {
            phrases: AhoCorasick::new(phrases).expect("phrase lists are small"),
        }
    }

    /// True if one of the phrases occurs in `hay` (lower case) as whole words.
    pub fn any_in(&self, hay: &str) -> bool {
        // Most texts hold none of the phrases at all: a quick test first. Then every
        // occurrence of every phrase, overlapping ones included, as `has_phrase` tries
        // them; a phrase is valid UTF-8, so matches fall on character boundaries.
        if !self.phrases.is_match(hay) {
            return false;
        }
        self.phrases.find_overlapping_iter(hay).any(|m| {
            char_before(hay, m.start()).is_none_or(|c| !c.is_alphanumeric())
                && char_at(hay, m.end()).is_none_or(|c| !c.is_alphanumeric())
        })
    }
}

/// A same-length ASCII stand-in for `s`, for a regex whose literals are all ASCII
/// (none of them `_` or `#`) and that reads other characters only through `\b` and
/// repeated classes (`\s+`, `\S*`, `[\w.-]+`). Such a regex finds the same matches at
/// the same byte offsets in the stand-in as in `s`, and much faster: the regex crate's
/// fast engine gives up on non-ASCII text when a pattern holds a Unicode `\b`.
///
/// Each non-ASCII character becomes as many bytes as it takes (at least two): spaces for
/// white space (so a literal single space never matches there), `_` for a word
/// character, `#` for anything else. Returns `None` (use `s` itself) when `s` holds one
/// of the two non-ASCII letters that case-insensitive matching equates with ASCII ones
/// (`ſ` with `s`, the Kelvin sign with `k`).
pub fn ascii_stand_in(s: &str) -> Option<Cow<'_, str>> {
    if s.is_ascii() {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let fill = if c.is_ascii() {
            out.push(c);
            continue;
        } else if c == '\u{17f}' || c == '\u{212a}' {
            return None;
        } else if c.is_whitespace() {
            ' '
        } else if regex_syntax::is_word_character(c) {
            '_'
        } else {
            '#'
        };
        out.extend(std::iter::repeat_n(fill, c.len_utf8()));
    }
    Some(Cow::Owned(out))
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

const TERMINALS: [char; 4] = ['.', '!', '?', '…'];
const CLOSERS: [char; 6] = ['”', '"', '’', '\'', ')', ']'];
const OPENERS: [char; 6] = ['“', '"', '‘', '\'', '(', '['];

/// Splits a (marker-masked) block text into sentences: byte ranges, trimmed of
/// surrounding whitespace. A sentence keeps its closing quotation mark; a footnote
/// marker after its final stop is left out because the masked copy has spaces there.
/// Leading dashes of an attribution line (`--Name`) are not part of the sentence.
pub fn sentences(masked: &str, lex: &Lexicon) -> Vec<ByteRange> {
    let mut out = Vec::new();
    let mut start = skip_lead(masked, 0);
    let chars: Vec<(usize, char)> = masked.char_indices().collect();
    // A block of several lines may hold text wrapped inside its sentences (see below).
    let several_lines = masked.matches('\n').nth(1).is_some();
    // The longest line: a hard-wrapped block's lines come close to it. One line over a
    // third longer than all the others (a run of page links under a report's summary) is
    // no column: the next longest is.
    let mut lengths: Vec<usize> = masked.lines().map(|l| l.trim().chars().count()).collect();
    lengths.sort_unstable();
    let width = match lengths[..] {
        [.., second, first] if first * 3 > second * 4 => second,
        [.., first] => first,
        [] => 0,
    };
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if i < start {
            k += 1;
            continue;
        }
        let mut boundary_end = None;
        if TERMINALS.contains(&c) {
            // Extend over further terminals and closing marks.
            let mut j = k + 1;
            while j < chars.len()
                && (TERMINALS.contains(&chars[j].1) || CLOSERS.contains(&chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(masked.len(), |&(b, _)| b);
            let follows_space = chars.get(j).is_none_or(|&(_, ch)| is_space(ch));
            if follows_space && is_boundary(masked, i, c, end, lex) {
                boundary_end = Some(end);
            }
            k = j.max(k + 1);
        } else if c == '\n' {
            let next = masked[i..].trim_start();
            let first = next.chars().next();
            // A line ending inside a sentence (`… until April` + `2022, when …`, `in
            // the` + `2019 report`, `8 C.F.R. §` + `208.16(c)`) runs on when the next
            // starts with a digit.
            let before = masked[start..i].trim_end();
            let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            // So does one ending on a number when the next opens with the code it
            // numbers (`offenses under 8` + `U.S.C. § 1325(a)`).
            let next_word = next.split_whitespace().next().unwrap_or("");
            let runs_on = first.is_some_and(|n| n.is_ascii_digit())
                && (before.ends_with(',')
                    || Lexicon::is_in(lex.stopwords, last_word)
                    || Lexicon::is_in(lex.identifier_words, last_word)
                    || lex.month(last_word).is_some())
                || !last_word.is_empty()
                    && last_word.bytes().all(|b| b.is_ascii_digit())
                    && Lexicon::is_in(lex.identifier_after, next_word);
            // In a block of several lines, a line was wrapped inside its sentence when:
            // - it is long and stops on a lower-case word or a comma (text taken from a
            //   PDF: `… ports of entry` + `(POEs) were roughly comparable …`), unless it
            //   is short beside the block's longest (a headline above paragraphs of one
            //   line each: `… Migrants in the Region` + `Today, at the …`);
            // - it stops on a comma and nearly fills a narrow column (`… From 2015 to
            //   November 2018,` + `Mexico reported …`);
            // - it stops on any word and fills the block's width (`… Customs and Border`
            //   + `Protection had …` in a Congressional Record column);
            // - it stops on a word before a line opening with a parenthesis (`… the
            //   Secretary of Homeland Security` + `(Secretary) extended …`);
            // - it is long and breaks a word with a hyphen (`… at a removal hearing,
            //   Hernandez-` + `Trochez's attorney conceded …`).
            let line = &masked[masked[..i].rfind('\n').map_or(0, |n| n + 1)..i];
            let len = line.trim().chars().count();
            let last = before.chars().next_back();
            let wrapped = several_lines
                && ((len >= 70
                    && len * 2 >= width
                    && last.is_some_and(|c| c.is_lowercase() || c == ','))
                    || (len >= 40 && len * 10 >= width * 8 && last == Some(','))
                    || (len >= 60
                        && len * 10 >= width * 9
                        && last.is_some_and(char::is_alphanumeric))
                    || (len >= 40
                        && first == Some('(')
                        && last.is_some_and(char::is_alphanumeric))
                    || (len >= 40
                        && before
                            .strip_suffix('-')
                            .is_some_and(|w| w.ends_with(char::is_alphabetic))));
            // Rows drawn with pipes (`| Date | 27 June 2022 |`) are lines of their own.
            let row = before.ends_with('|') || first == Some('|');
            if row
                || !runs_on
                    && !wrapped
                    && first.is_some_and(|n| {
                        n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n)
                    })
            {
                boundary_end = Some(i);
            }
            k += 1;
        } else {
            k += 1;
        }
        if let Some(end) = boundary_end {
            push_trimmed(masked, start, end, &mut out);
            start = skip_lead(masked, end);
        }
    }
    if start < masked.len() {
        push_trimmed(masked, start, masked.len(), &mut out);
    }
    out
}

fn skip_lead(s: &str, from: usize) -> usize {
    let mut i = from;
    for (k, c) in s[from..].char_indices() {
        if is_space(c) || matches!(c, '-' | '—' | '–' | '―') {
            i = from + k + c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn push_trimmed(s: &str, start: usize, end: usize, out: &mut Vec<ByteRange>) {
    let piece = &s[start..end];
    let t = piece.trim_end();
    if !t.trim().is_empty() {
        out.push((start, start + t.len()));
    }
}

/// Decides whether the terminal `c` at byte `i` (the run ends at `end`) closes a sentence.
fn is_boundary(s: &str, i: usize, c: char, end: usize, lex: &Lexicon) -> bool {
    let rest = s[end..].trim_start();
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next)) {
        return false;
    }
    if c != '.' {
        // `!`, `?`, `…`: the capital letter (already checked) decides.
        return true;
    }
    // The word the dot ends.
    let head = &s[..i];
    let wstart = head
        .char_indices()
        .rev()
        .take_while(|&(_, ch)| ch.is_alphanumeric() || ch == '.')
        .last()
        .map_or(i, |(b, _)| b);
    let word = &s[wstart..i];
    if word.is_empty() {
        return true;
    }
    if lex.title_abbreviations.contains(&word) {
        return false;
    }
    let dotted = word.contains('.') && word.chars().all(|ch| ch.is_alphabetic() || ch == '.');
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if dotted || initial || lex.abbreviations.contains(&word) {
        let next_word: String = rest.chars().take_while(|ch| ch.is_alphabetic()).collect();
        return lex.sentence_openers.contains(&next_word.as_str());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::lexicon;

    fn split(text: &str) -> Vec<String> {
        let lex = lexicon("en");
        let marks = footnote_markers(text, &[], lex);
        let masked = mask(text, &marks);
        sentences(&masked, lex)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn splits_on_stops_and_keeps_closing_quotes() {
        assert_eq!(
            split("“Family separation is nothing new. It was true then,” she said. Next one."),
            vec![
                "“Family separation is nothing new.",
                "It was true then,” she said.",
                "Next one."
            ]
        );
        assert_eq!(
            split("They suffered sexual violence on the way.” Officials agreed."),
            vec![
                "They suffered sexual violence on the way.”",
                "Officials agreed."
            ]
        );
    }

    #[test]
    fn lines_wrapped_inside_a_sentence_run_on() {
        // Text taken from a PDF: long lines that stop on a lower-case word run on, even
        // when the next starts with a capital or a parenthesis.
        let text = "Encounters at the border have remained at record-high levels since the start of\n\
                    Title 42 expulsions. In the first eight months of the year, encounters between\n\
                    ports of entry (POEs) were roughly comparable to the same months a year before.";
        assert_eq!(
            split(text),
            vec![
                "Encounters at the border have remained at record-high levels since the start of\nTitle 42 expulsions.",
                "In the first eight months of the year, encounters between\nports of entry (POEs) were roughly comparable to the same months a year before."
            ]
        );
        // A long line that breaks a word with a hyphen runs on into the next.
        assert_eq!(
            split(
                "served them with notices to appear, charging them as subject to removal because\n\
                 immigration officer. On August 11, 2014, at a removal hearing, Hernandez-\n\
                 Trochez's attorney conceded removability and expressed an intent to apply."
            )[1],
            "On August 11, 2014, at a removal hearing, Hernandez-\nTrochez's attorney conceded removability and expressed an intent to apply."
        );
        // Short lines (a court's caption, an infobox) stay lines of their own.
        assert_eq!(
            split(
                "United States District Court, Western District of Louisiana\nMay 20, 2022\nOrder"
            ),
            vec![
                "United States District Court, Western District of Louisiana",
                "May 20, 2022",
                "Order"
            ]
        );
    }

    #[test]
    fn one_overlong_line_does_not_set_the_column_width() {
        // A report's summary wrapped at about 60 characters, with a run of page links
        // under it: the links are no column, so the wrapped lines still run on.
        let text = "EOIR had 649 immigration judges on staff at the end of FY2023\n\
                    Q2. In FY2022 it hired 104 judges, its largest number on record.\n\
                    link to page 4 link to page 5 link to page 6 link to page 7 link to page 8 link to page 9";
        assert_eq!(
            split(text)[0],
            "EOIR had 649 immigration judges on staff at the end of FY2023\nQ2."
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Dr. Smith met U.S. officials in Washington, D.C. on Monday. They talked."),
            vec![
                "Dr. Smith met U.S. officials in Washington, D.C. on Monday.",
                "They talked."
            ]
        );
        assert_eq!(
            split("Aid went to the U.S. The rest stayed."),
            vec!["Aid went to the U.S.", "The rest stayed."]
        );
        assert_eq!(
            split("It cost $2.5 billion. Fine."),
            vec!["It cost $2.5 billion.", "Fine."]
        );
        // A citation's abbreviation before its number; at the end of a sentence it ends it.
        assert_eq!(
            split("See 83 Fed. Reg. 45,486 (2018). It cited Reg. The rest stayed."),
            vec![
                "See 83 Fed. Reg. 45,486 (2018).",
                "It cited Reg.",
                "The rest stayed."
            ]
        );
    }

    #[test]
    fn footnote_markers_after_stops_are_left_out() {
        assert_eq!(
            split("Abuse affects many women.5 Also notable is this.12"),
            vec!["Abuse affects many women.", "Also notable is this."]
        );
        assert_eq!(
            split("It happened in May 20127. Then more."),
            vec!["It happened in May 20127.", "Then more."]
        );
        assert_eq!(
            split("--Jane Roe, Commissioner 2014-2017 (under Obama)1"),
            vec!["Jane Roe, Commissioner 2014-2017 (under Obama)"]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_does_not_split() {
        assert_eq!(
            split("It went on … by separating families. Done…"),
            vec!["It went on … by separating families.", "Done…"]
        );
    }

    #[test]
    fn finds_glued_markers() {
        let lex = lexicon("en");
        let t = "in August 20106; reported22 how; 1,000 people; (“x”)4 and 2.5";
        let m = footnote_markers(t, &[], lex);
        let got: Vec<&str> = m.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, vec!["6", "22", "4"]);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "", " ", "\u{a0}.", "…", "“", "1.", "a.1", "--", "—", "U.S.", "x\n\nY",
        ] {
            let _ = split(t);
        }
    }
}
