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
fn opener_phrase(words: &[&str], lex: &'static Lexicon) -> Option<String> {
    let openers = &words::word_sets(lex).openers;
    let n = 3.min(words.len());
    let mut phrase = String::new();
    let mut ends = [0usize; 3];
    for (i, w) in words[..n].iter().enumerate() {
        if i > 0 {
            phrase.push(' ');
        }
        phrase.extend(bare(w).chars().flat_map(char::to_lowercase));
        ends[i] = phrase.len();
    }
    (1..=n)
        .rev()
        .map(|k| &phrase[..ends[k - 1]])
        .find(|p| openers.contains(*p))
        .map(str::to_string)
}

/// Why a title's first word makes it a fragment, if it does.
fn opener(words: &[&str], lex: &'static Lexicon) -> Option<String> {
    let first = words.first()?.trim_start_matches(opening_mark);
    let c = first.chars().next()?;
    if hedged_figure(words, lex) {
        return None;
    }
    // A year, or a number standing alone or before a comma (`2023, almost twice…`), is
    // a bare date or figure; a count with its noun may open a headline (`130 citizens of
    // Venezuela were removed`).
    let year = |w: &str| {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        digits.len() == 4 && !w.contains(',')
    };
    if (c.is_ascii_digit() || c == '$') && (year(first) || first.ends_with(',') || words.len() == 1)
    {
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
fn boundary(rest: &str, lex: &'static Lexicon) -> bool {
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

/// A word of a headline in the making; `date` marks the words of the event's date.
#[derive(Debug, Clone)]
struct W {
    text: String,
    date: bool,
}

fn texts(ws: &[W]) -> Vec<&str> {
    ws.iter().map(|w| w.text.as_str()).collect()
}

/// The clauses of `quote`, its date at `start..end`: the words between marks (`,` `;`
/// `:` `—` `|`, a spaced `–`; not the comma of `9,758` nor the colon of `10:30`),
/// parenthetical remarks left out; and the index of the clause of the date. `None` when
/// the date sits inside parentheses.
fn clauses(quote: &str, start: usize, end: usize, lex: &Lexicon) -> Option<(Vec<Vec<W>>, usize)> {
    let bytes = quote.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let space = |i: usize| bytes.get(i).is_none_or(|b| b.is_ascii_whitespace());
    let mut out: Vec<Vec<W>> = vec![Vec::new()];
    let mut word = String::new();
    let mut word_date = false;
    let mut depth = 0usize;
    let mut glued = None;
    fn flush(out: &mut [Vec<W>], word: &mut String, date: bool) {
        if !word.is_empty()
            && let Some(last) = out.last_mut()
        {
            last.push(W {
                text: std::mem::take(word),
                date,
            });
        }
    }
    for (i, c) in quote.char_indices() {
        let in_date = i >= start && i < end;
        // `July’s total`: the date glued to a possessive stays one word, no date word
        // (dropping it would leave `’s total`).
        let possessive = i == end
            && lex
                .possessive_marks
                .iter()
                .any(|p| quote[i..].starts_with(p));
        if possessive {
            word_date = false;
            glued = Some(out.len() - 1);
        } else if i == start || i == end {
            flush(&mut out, &mut word, word_date);
        }
        match c {
            '(' | '[' => {
                flush(&mut out, &mut word, word_date);
                depth += 1;
                continue;
            }
            ')' | ']' => {
                flush(&mut out, &mut word, word_date);
                depth = depth.saturating_sub(1);
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            if in_date {
                return None;
            }
            continue;
        }
        let mark = match c {
            ',' | ':' => !(i > 0 && digit(i - 1) && digit(i + 1)),
            ';' | '—' | '|' | '?' | '!' => true,
            '–' => i > 0 && space(i - 1) && space(i + c.len_utf8()),
            _ => false,
        };
        if mark || c.is_whitespace() {
            flush(&mut out, &mut word, word_date);
            if mark && out.last().is_some_and(|l| !l.is_empty()) {
                out.push(Vec::new());
            }
            continue;
        }
        if word.is_empty() {
            word_date = in_date;
        }
        word.push(c);
    }
    flush(&mut out, &mut word, word_date);
    // The sentence's final stop (not the dot of `U.S.`).
    if let Some(w) = out.last_mut().and_then(|l| l.last_mut())
        && w.text.ends_with('.')
        && !w.text[..w.text.len() - 1].contains('.')
    {
        w.text.pop();
    }
    out.retain(|l| !l.is_empty());
    let d = out
        .iter()
        .position(|c| c.iter().any(|w| w.date))
        .or(glued)?;
    Some((out, d))
}

/// The number of words of the fragment opener at the front of `ws` (none inside the
/// date, none that opens a hedged figure: `As many as 2,800`), if any.
fn front_opener(ws: &[W], lex: &'static Lexicon) -> Option<(usize, String)> {
    let plain: Vec<&str> = ws
        .iter()
        .take_while(|w| !w.date)
        .take(4)
        .map(|w| w.text.as_str())
        .collect();
    if hedged_figure(&plain, lex) {
        return None;
    }
    let phrase = opener_phrase(&plain, lex)?;
    Some((phrase.split(' ').count(), phrase))
}

/// True when the words open with a hedge before a number (`As many as 2,800`, `Over
/// 500`): a headline may start so.
fn hedged_figure(words: &[&str], lex: &Lexicon) -> bool {
    let figure = |w: &&str| w.starts_with(|c: char| c.is_ascii_digit() || c == '$');
    // A qualifier is one word or more: without a figure after the first word, none fits.
    if !words.iter().skip(1).any(figure) {
        return false;
    }
    lex.qualifiers.iter().any(|(q, _, _)| {
        let n = q.bytes().filter(|&b| b == b' ').count() + 1;
        words.len() > n
            && words[n].starts_with(|c: char| c.is_ascii_digit() || c == '$')
            && q.split(' ')
                .zip(&words[..n])
                .all(|(a, w)| a.eq_ignore_ascii_case(bare(w)))
    })
}

/// `ws` without what may not open a headline: the date, fragment openers (a
/// preposition right before the date goes with it). Also returns the last opener
/// dropped (`which`).
fn strip_front(mut ws: Vec<W>, lex: &'static Lexicon) -> (Vec<W>, Option<String>) {
    let mut lead = None;
    loop {
        if ws.first().is_some_and(|w| w.date) {
            let n = ws.iter().take_while(|w| w.date).count();
            ws.drain(..n);
        } else if let Some((n, phrase)) = front_opener(&ws, lex) {
            ws.drain(..n);
            lead = Some(phrase);
        } else {
            break;
        }
    }
    (ws, lead)
}

/// The index of the first verb of `ws` (not a word of the date).
fn verb_pos(ws: &[W], lex: &'static Lexicon) -> Option<usize> {
    let sets = words::word_sets(lex);
    let t = texts(ws);
    (0..ws.len()).find(|&i| !ws[i].date && verb_at(&t, i, sets, lex))
}

/// The noun phrase a relative pronoun stands for: the words that end clause `ws`, back
/// to a verb, a fragment opener or the date (`…such as the San Fernando massacre` →
/// `the San Fernando massacre`); at most six.
fn antecedent(ws: &[W], lex: &'static Lexicon) -> Vec<W> {
    let sets = words::word_sets(lex);
    let t = texts(ws);
    let mut from = ws.len();
    while from > 0 && ws.len() - from < 6 {
        let i = from - 1;
        let opener = sets.openers.contains(&bare(&ws[i].text).to_lowercase());
        if ws[i].date || opener || verb_at(&t, i, sets, lex) {
            break;
        }
        from = i;
    }
    ws[from..].to_vec()
}

/// A clause with a subject and a verb, from clause `k` on: the clause without its
/// openers; given the subject it lacks (the noun a `which` stands for, or the subject
/// of the clause before: `…, and reported 247 deaths`); or, when it has no verb (a
/// subject set off by commas), joined to the first verb of a later clause.
fn complete(cl: &[Vec<W>], k: usize, lex: &'static Lexicon) -> Option<Vec<W>> {
    let (ws, lead) = strip_front(cl.get(k)?.clone(), lex);
    if ws.is_empty() || (lead.is_some() && verb_pos(&ws, lex).is_none()) {
        // An introductory phrase (`In September 2019,`, `Since the start of MPP in
        // December 2018,`): the news is the clause after it.
        return complete(cl, k + 1, lex);
    }
    match verb_pos(&ws, lex) {
        Some(0) => {
            let relative = lead
                .as_deref()
                .is_some_and(|l| words::word_sets(lex).relative.contains(&l.to_lowercase()));
            let subject = if relative {
                antecedent(&strip_front(cl.get(k.checked_sub(1)?)?.clone(), lex).0, lex)
            } else {
                (0..k).rev().find_map(|j| {
                    let (wj, _) = strip_front(cl[j].clone(), lex);
                    // The subject up to its verb, without a relative clause of its own
                    // (`Current estimates, which …, vary` → `Current estimates`).
                    let p = verb_pos(&wj, lex).filter(|&p| p > 0)?;
                    let sets = words::word_sets(lex);
                    let rel = (1..p).find(|&i| {
                        let w = bare(&wj[i].text).to_lowercase();
                        sets.openers.contains(&w) && sets.relative.contains(&w)
                    });
                    Some(wj[..rel.unwrap_or(p)].to_vec())
                })?
            };
            (!subject.is_empty()).then(|| [subject, ws].concat())
        }
        Some(_) => Some(ws),
        None => (k + 1..cl.len()).find_map(|m| {
            let (wm, _) = strip_front(cl[m].clone(), lex);
            verb_pos(&wm, lex).map(|p| [ws.clone(), wm[p..].to_vec()].concat())
        }),
    }
}

/// True when a cut after the first `k` of `ws` falls at a phrase boundary: before a
/// fragment opener (not the `of` of a name), never inside the date.
fn cut_ok(ws: &[W], k: usize, lex: &'static Lexicon) -> bool {
    let next = texts(&ws[k..ws.len().min(k + 3)]);
    !(ws[k].date && ws[k - 1].date) && opener_phrase(&next, lex).is_some_and(|p| p != lex.ratio_of)
}

/// `ws` as a headline: the date dropped where it stands at an edge (with its
/// preposition), at most [`MAX_WORDS`] words cut at a phrase boundary, never ending on a
/// function word, capitalised.
fn finish(ws: Vec<W>, lex: &'static Lexicon) -> Option<String> {
    let sets = words::word_sets(lex);
    let (mut ws, _) = strip_front(ws, lex);
    let trim_end = |ws: &mut Vec<W>| {
        while let Some(last) = ws.last() {
            let low = bare(&last.text).to_lowercase();
            if last.date {
                while ws.last().is_some_and(|w| w.date) {
                    ws.pop();
                }
                while ws
                    .last()
                    .is_some_and(|w| Lexicon::is_in(lex.date_prepositions, bare(&w.text)))
                {
                    ws.pop();
                }
            } else if sets.dangling.contains(&low) || low.is_empty() {
                ws.pop();
            } else {
                break;
            }
        }
    };
    trim_end(&mut ws);
    let words_of = |ws: &[W]| ws.iter().filter(|w| !bare(&w.text).is_empty()).count();
    if words_of(&ws) > MAX_WORDS {
        // The longest prefix of at most MAX_WORDS words, in one pass (a run-on
        // sentence may have thousands).
        let mut k = 0;
        let mut n = 0;
        while k < ws.len() {
            let counts = !bare(&ws[k].text).is_empty();
            if counts && n == MAX_WORDS {
                break;
            }
            n += usize::from(counts);
            k += 1;
        }
        let at = (4..=k)
            .rev()
            .find(|&k| cut_ok(&ws, k, lex) && verb_pos(&ws[..k], lex).is_some());
        ws.truncate(at.unwrap_or(k));
        trim_end(&mut ws);
    }
    if ws.is_empty() {
        return None;
    }
    let mut title = texts(&ws).join(" ");
    // Quotation marks left open by the cut go.
    let count = |c: char| title.chars().filter(|&x| x == c).count();
    if count('“') != count('”') || count('"') % 2 == 1 {
        title.retain(|c| !matches!(c, '“' | '”' | '"'));
    }
    let title = title.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | ' '));
    let mut chars = title.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The headline of an event (issue 18: "headlines, not fragments"). In: the sentence
/// (`quote`, footnote markers blanked), the byte range of its date and `fallback`, the
/// title to keep when nothing better is found. Out: a title of at most [`MAX_WORDS`]
/// words, built from the clause that holds the date: subject + verb + object where the
/// sentence has them (a `which` replaced by the noun it stands for, a subject set off
/// by commas joined to its verb), without the openers and introductory phrases that
/// make a fragment (`Today,`, `In September 2019,`, `Particularly in`, `As well as`),
/// the date dropped where it stands at an edge (it is shown beside the title), cut at a
/// phrase boundary. When that clause has no verb, the sentence's main clause. Of the
/// candidates, the first that passes [`problems`], else the one with fewest problems
/// (the fallback among them: never worse than it).
pub fn headline(
    quote: &str,
    start: usize,
    end: usize,
    fallback: &str,
    lex: &'static Lexicon,
) -> String {
    let mut candidates: Vec<String> = Vec::new();
    if let Some((cl, d)) = clauses(quote, start, end, lex) {
        let main = (0..cl.len()).find(|&k| {
            let (ws, _) = strip_front(cl[k].clone(), lex);
            verb_pos(&ws, lex).is_some_and(|p| p > 0)
        });
        for k in [Some(d), main].into_iter().flatten() {
            if let Some(t) = complete(&cl, k, lex).and_then(|ws| finish(ws, lex)) {
                candidates.push(t);
            }
        }
    }
    candidates.push(fallback.to_string());
    let mut best: Option<(usize, &String)> = None;
    for c in &candidates {
        let n = problems(c, quote, lex).len();
        if best.is_none_or(|(b, _)| n < b) {
            best = Some((n, c));
        }
        if n == 0 {
            break;
        }
    }
    best.map_or_else(|| fallback.to_string(), |(_, c)| c.clone())
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
        assert_eq!(
            check("The United States and the meeting", ""),
            [Problem::NoVerb]
        );
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

    fn head(quote: &str, span: &str) -> String {
        let start = quote.find(span).unwrap();
        headline(quote, start, start + span.len(), "fallback", &EN)
    }

    /// The five fragment titles of issue 18, from sentences that hold them.
    #[test]
    fn the_fragments_of_issue_18_become_headlines() {
        let q = "Washington, DC—Today, the Washington Office on Latin America (WOLA), together with more than 160 organizations and individuals from the United States, Mexico, and elsewhere sent a letter to the Mexican government.";
        assert_eq!(
            head(q, "Today"),
            "The Washington Office on Latin America sent a letter"
        );
        let q = "Even as these crimes continue, the administration is expanding the purview of the MPP, which will now affect the Tucson region, according to the U.S. Department of Homeland Security.";
        assert_eq!(head(q, "now"), "The MPP will now affect the Tucson region");
        let q = "Significant is the targeted killing of migrants in contexts such as the San Fernando massacre, which claimed 72 victims in August 2010; as well as the Cadereyta massacre with 49 victims in May 2012.";
        assert_eq!(
            head(q, "August 2010"),
            "The San Fernando massacre claimed 72 victims"
        );
        // No verb in the clause of the date: the sentence's main clause.
        let t = head(q, "May 2012");
        assert!(
            t.starts_with("Significant is") && problems(&t, q, &EN).is_empty(),
            "{t}"
        );
        let q = "Migration was a central issue of the race, particularly in the campaign’s second debate held in Tijuana on May 20th.";
        assert_eq!(
            head(q, "May 20th"),
            "The campaign’s second debate held in Tijuana"
        );
        let q = "Agents recorded 9,000 encounters in the first week of May 2023, almost twice the weekly average of 2022.";
        let t = head(q, "2022");
        assert!(t.starts_with("Agents recorded 9,000 encounters"), "{t}");
        assert!(problems(&t, q, &EN).is_empty(), "{t}");
    }

    #[test]
    fn an_introductory_date_goes_and_a_date_inside_stays() {
        let q = "On 20 December 2018, the U.S. announced it would return asylum seekers to Mexico.";
        assert_eq!(
            head(q, "20 December 2018"),
            "The U.S. announced it would return asylum seekers to Mexico"
        );
        let q = "The U.S. on 20 December 2018 announced the policy.";
        assert_eq!(
            head(q, "20 December 2018"),
            "The U.S. on 20 December 2018 announced the policy"
        );
        // At the end, with its preposition.
        let q = "The governments agreed to expand the program in September 2019.";
        assert_eq!(
            head(q, "September 2019"),
            "The governments agreed to expand the program"
        );
    }

    #[test]
    fn a_which_gets_its_noun_back_and_a_where_does_not() {
        let q = "Officials inspected the Matamoros camp, which closed in March 2021.";
        assert_eq!(head(q, "March 2021"), "The Matamoros camp closed");
        let q =
            "The graves were found in Tamaulipas, where 72 migrants were killed in August 2010.";
        assert_eq!(head(q, "August 2010"), "72 migrants were killed");
    }

    #[test]
    fn a_clause_without_a_subject_takes_the_one_before() {
        let q = "US Border Patrol recorded 557 deaths in fiscal year 2021, and reported 247 deaths in fiscal year 2020.";
        assert_eq!(
            head(q, "fiscal year 2020"),
            "US Border Patrol reported 247 deaths"
        );
        let q = "The agency grew, and officials opened 17 offices in 2014.";
        assert_eq!(head(q, "2014"), "Officials opened 17 offices");
    }

    #[test]
    fn long_clauses_are_cut_at_a_phrase_boundary() {
        let q = "In 2014 the agency opened new offices in seventeen cities across the whole of the southern region and the north of the country.";
        assert_eq!(
            head(q, "2014"),
            "The agency opened new offices in seventeen cities"
        );
        let q = "In 2014 the agency opened new offices.";
        assert_eq!(head(q, "2014"), "The agency opened new offices");
    }

    #[test]
    fn without_a_better_headline_the_fallback_stays() {
        let q = "The party (in power from 1929 through 2000) lost.";
        assert_eq!(head(q, "from 1929 through 2000"), "fallback");
        let q = "July’s total numbers between ports of entry are also lower.";
        assert_eq!(
            head(q, "July"),
            "July’s total numbers between ports of entry are also lower"
        );
    }
}
