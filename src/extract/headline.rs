//! Headlines: the title of an event on the timeline, and the check every title must pass.
//!
//! In: a sentence (the extractor's analysis copy, footnote markers blanked) and the byte
//! range of the date it states. Out: [`problems`] says what is wrong with a title: it
//! opens like a fragment, has no verb, is cut mid-phrase or is too long. Never panics;
//! every word it judges by comes from the [`Lexicon`] (`fragment_openers`, `verbs`,
//! `verb_lookalikes`, `dangling_words`), so another language needs only its data file.

use super::words::{self, WordSets};
use crate::lang::lexicon::Lexicon;

/// The most words a headline may have (the `…` of a cut does not count).
pub const MAX_WORDS: usize = 12;

/// What is wrong with a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It opens with a conjunction, relative pronoun, time adverb, preposition, a bare
    /// date or number, or a lower-case word (the opener is named).
    Opener(String),
    /// It has no verb: a noun phrase or a date, not news.
    NoVerb,
    /// It is cut mid-phrase (what gives it away is named).
    Cut(String),
    /// It has more than [`MAX_WORDS`] words.
    TooLong(usize),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Opener(o) => write!(f, "opens with {o}"),
            Problem::NoVerb => f.write_str("no verb"),
            Problem::Cut(c) => write!(f, "cut mid-phrase ({c})"),
            Problem::TooLong(n) => write!(f, "{n} words"),
        }
    }
}

/// A word without the marks around it (`“Remain` → `Remain`, `U.S.` → `U.S`).
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Marks a title may open with before its first word.
fn opening_mark(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[')
}

/// The fragment opener the words start with (one to three words), if any.
fn opener_phrase(words: &[&str], lex: &Lexicon) -> Option<String> {
    (1..=3.min(words.len())).rev().find_map(|n| {
        let phrase = words[..n]
            .iter()
            .map(|w| bare(w).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        Lexicon::is_in(lex.fragment_openers, &phrase).then_some(phrase)
    })
}

/// Why a title's first word makes it a fragment, if it does.
fn opener(words: &[&str], lex: &Lexicon) -> Option<String> {
    let first = words.first()?.trim_start_matches(opening_mark);
    let c = first.chars().next()?;
    if c.is_ascii_digit() || c == '$' {
        return Some(format!("a bare number or date `{first}`"));
    }
    if !c.is_alphanumeric() {
        return Some(format!("a mark `{c}`"));
    }
    if c.is_lowercase() {
        return Some(format!("a lower-case word `{first}`"));
    }
    let day = |w: &str| lex.weekdays.iter().any(|d| d.eq_ignore_ascii_case(bare(w)));
    let next_number = words
        .get(1)
        .is_none_or(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    if (lex.month_any_case(bare(first)).is_some() && next_number) || day(first) {
        return Some(format!("a bare date `{first}`"));
    }
    opener_phrase(words, lex).map(|p| format!("`{p}`"))
}

/// True when the word at `i` reads as a verb: a verb form of the lexicon, or a word in
/// -ed or -ing (not a look-alike such as `hundred`, `during`). Only a word written in
/// lower case counts (or the title's first word): `United`, `Remain in Mexico` are
/// names. A word right after an article or a possessive is a noun or an adjective
/// (`the end`, `the proposed rule`, `a meeting`).
pub fn verb_at(words: &[&str], i: usize, sets: &WordSets, lex: &Lexicon) -> bool {
    let w = bare(words[i]);
    let Some(c) = w.chars().next() else {
        return false;
    };
    if c.is_uppercase() && i > 0 {
        return false;
    }
    if i > 0 && Lexicon::is_in(lex.attribute_determiners, bare(words[i - 1])) {
        return false;
    }
    let low = w.to_lowercase();
    if sets.verbs.contains(&low) {
        return true;
    }
    let long = low.chars().count() >= 5;
    let suffix = (low.ends_with("ed") && !low.ends_with("eed")) || low.ends_with("ing");
    long && suffix && !sets.lookalikes.contains(&low) && !low.contains(|c: char| c.is_ascii_digit())
}

/// True when some word of `words` reads as a verb (see [`verb_at`]).
pub fn has_verb(words: &[&str], lex: &'static Lexicon) -> bool {
    let sets = words::word_sets(lex);
    (0..words.len()).any(|i| verb_at(words, i, sets, lex))
}

/// `s` with every run of white space (a no-break space too) as one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `rest` (what follows a title's last word in its sentence) starts at a
/// phrase boundary: the sentence ends, a mark follows, or a word that opens a new phrase
/// (a fragment opener, not the `of` that binds a name: `Department of Homeland`).
fn boundary(rest: &str, lex: &Lexicon) -> bool {
    // A footnote number glued to the word (`reported22`) is no part of the sentence.
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let Some(c) = rest.chars().next() else {
        return true;
    };
    if c.is_alphanumeric() || c == '-' {
        return false;
    }
    if c != ' ' {
        // `’s` / `'s`: a possessive goes on; other marks end a phrase.
        return !lex.possessive_marks.iter().any(|p| rest.starts_with(p))
            || rest[c.len_utf8()..].starts_with(' ');
    }
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    if words.first().is_none_or(|w| bare(w).is_empty()) {
        return true; // a dash or an ellipsis of its own
    }
    match opener_phrase(&words, lex) {
        Some(p) => p != lex.ratio_of,
        None => false,
    }
}

/// Why a title is cut mid-phrase, if it is: it ends on a function word or an open
/// mark, leaves a parenthesis or a quotation open, or stops where its sentence goes on
/// within a phrase (`the U.S. Department of Homeland…`). `quote` is the sentence the
/// title was made from; a title not found in it (an editor's) is judged on its own.
fn cut(title: &str, quote: &str, lex: &'static Lexicon) -> Option<String> {
    let body = title
        .trim_end()
        .trim_end_matches('…')
        .trim_end_matches("...")
        .trim_end();
    let last = body.chars().last()?;
    if matches!(
        last,
        ',' | ';' | ':' | '—' | '–' | '-' | '(' | '[' | '“' | '‘'
    ) {
        return Some(format!("ends on `{last}`"));
    }
    let count = |c: char| body.chars().filter(|&x| x == c).count();
    if count('(') > count(')') {
        return Some("an open parenthesis".into());
    }
    if count('“') > count('”') || count('"') % 2 == 1 {
        return Some("an open quotation".into());
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    let end = bare(words.last()?).to_lowercase();
    if words::word_sets(lex).dangling.contains(&end) {
        return Some(format!("ends on `{end}`"));
    }
    // Where the sentence goes on after the title's last words.
    let tail = squeeze(&words[words.len().saturating_sub(3)..].join(" "));
    let tail = tail.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '”');
    let sentence = squeeze(quote);
    let mut found = false;
    for (i, _) in sentence.match_indices(tail) {
        found = true;
        if boundary(&sentence[i + tail.len()..], lex) {
            return None;
        }
    }
    if found {
        let next: String = sentence[sentence.find(tail).unwrap_or(0) + tail.len()..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        return Some(format!("before `{next}`"));
    }
    None
}

/// Everything wrong with `title`, a headline made from `quote`; empty when it passes.
/// An editor's title is not asked for a verb (the caller leaves [`Problem::NoVerb`] out).
pub fn problems(title: &str, quote: &str, lex: &'static Lexicon) -> Vec<Problem> {
    let mut out = Vec::new();
    let body = title.trim_end().trim_end_matches('…').trim_end();
    let words: Vec<&str> = body
        .split_whitespace()
        .filter(|w| !bare(w).is_empty())
        .collect();
    if words.is_empty() {
        return vec![Problem::NoVerb];
    }
    if let Some(o) = opener(&words, lex) {
        out.push(Problem::Opener(o));
    }
    if !has_verb(&words, lex) {
        out.push(Problem::NoVerb);
    }
    if let Some(c) = cut(title, quote, lex) {
        out.push(Problem::Cut(c));
    }
    if words.len() > MAX_WORDS {
        out.push(Problem::TooLong(words.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::EN;

    fn check(title: &str, quote: &str) -> Vec<Problem> {
        problems(title, quote, &EN)
    }

    #[test]
    fn a_title_may_not_open_like_a_fragment() {
        let q = "Washington, DC—Today, the Washington Office on Latin America sent a letter.";
        assert!(matches!(
            check("Today, the Washington Office on Latin America", q)[0],
            Problem::Opener(_)
        ));
        assert_eq!(
            check("The Washington Office on Latin America sent a letter", q),
            []
        );
        for t in [
            "Which will now affect the Tucson region",
            "As well as the Cadereyta prison riot began",
            "Particularly in the campaign's final weeks, crime rose",
            "2023, almost twice the weekly average of 2022 was reported",
            "October 2019 the office sent a letter",
            "then the office sent a letter",
        ] {
            assert!(
                matches!(check(t, "")[0], Problem::Opener(_)),
                "{t}: {:?}",
                check(t, "")
            );
        }
    }

    #[test]
    fn a_title_needs_a_verb() {
        assert_eq!(check("Since the start of MPP", "")[1], Problem::NoVerb);
        assert_eq!(check("The start of the program", ""), [Problem::NoVerb]);
        assert_eq!(check("U.S. and Mexico agree to expand MPP", ""), []);
        assert_eq!(check("Mexico deploying troops to the border", ""), []);
        // Names and nouns in -ed/-ing are no verbs.
        assert_eq!(check("The United States and the meeting", ""), [Problem::NoVerb]);
    }

    #[test]
    fn a_title_may_not_be_cut_mid_phrase() {
        let q = "The program was expanded to Nogales, which will now affect the Tucson region, according to the U.S. Department of Homeland Security.";
        assert_eq!(
            check("The program was expanded to Nogales", q),
            [],
            "cut before a comma"
        );
        assert!(matches!(
            check(
                "The program was expanded to the U.S. Department of Homeland…",
                q
            )[..],
            [Problem::Cut(_), ..]
        ));
        assert!(matches!(
            check("The program was expanded to", q)[..],
            [Problem::Cut(_)]
        ));
        assert!(matches!(
            check("The office (which opened", "")[..],
            [Problem::Cut(_)]
        ));
        assert_eq!(
            check(
                "Officials reported the deaths",
                "Officials reported the deaths22 in May."
            ),
            [],
            "a footnote marker after the last word"
        );
    }

    #[test]
    fn a_title_has_at_most_twelve_words() {
        let long =
            "The agency opened new offices in seventeen cities across the whole southern region";
        assert_eq!(check(long, ""), [Problem::TooLong(13)]);
        assert_eq!(
            check("The agency opened new offices in seventeen cities", ""),
            []
        );
    }
}
