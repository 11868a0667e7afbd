//! Footnote markers glued to the text of a plain-text capture: `reported22`,
//! `(“kidnappings”)4`, `women.5`, `August 20106` (August 2010 + note 6).
//!
//! In: the texts of the body blocks, in order, and the note numbers the document's
//! reference list defines. Out: the markers of each block, as [`NoteMarker`]s whose
//! offsets point at the marker digits in the unchanged text.
//!
//! Markers are only looked for when there is a reference list, only numbers that the list
//! defines can be markers, and of all the candidates only the longest chain whose numbers
//! never decrease (in reading order) is kept. So a figure ("72 victims"), a model name
//! ("G20") or a stray digit that breaks the 1, 2, 3… order never becomes a marker.

use super::furniture::is_closer;
use crate::model::document::NoteMarker;
use std::collections::BTreeSet;

/// At most this many candidates are considered (bounds the work on hostile input).
const MAX_CANDIDATES: usize = 20_000;

#[derive(Debug, Clone)]
struct Candidate {
    block: usize,
    marker: NoteMarker,
}

/// Finds the footnote markers of each text. `numbers` are the reference numbers defined
/// by the document; with none, there are no markers.
pub fn find_markers(texts: &[&str], numbers: &BTreeSet<u32>) -> Vec<Vec<NoteMarker>> {
    let mut out = vec![Vec::new(); texts.len()];
    if numbers.is_empty() {
        return out;
    }
    let mut cands = Vec::new();
    'blocks: for (b, text) in texts.iter().enumerate() {
        for marker in candidates(text, numbers) {
            if cands.len() >= MAX_CANDIDATES {
                break 'blocks;
            }
            cands.push(Candidate { block: b, marker });
        }
    }
    for i in longest_non_decreasing(&cands) {
        let c = &cands[i];
        out[c.block].push(c.marker.clone());
    }
    out
}

/// The candidate markers of one text, in order. Each digit run gives at most one.
fn candidates(text: &str, numbers: &BTreeSet<u32>) -> Vec<NoteMarker> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if let Some(m) = candidate_at(text, start, i, numbers) {
            out.push(m);
        }
    }
    out
}

/// Reads the digit run `text[start..end]` as a marker, if it can be one.
fn candidate_at(
    text: &str,
    start: usize,
    end: usize,
    numbers: &BTreeSet<u32>,
) -> Option<NoteMarker> {
    let run = &text[start..end];
    // What follows must end the word: not a letter, not a digit group or decimal part.
    let after = &text[end..];
    let mut next = after.chars();
    match next.next() {
        Some(c) if c.is_alphanumeric() || c == '%' => return None,
        Some('.' | ',') if next.next().is_some_and(|c| c.is_ascii_digit()) => return None,
        _ => {}
    }
    if in_url(text, start) {
        return None;
    }
    let before = &text[..start];
    let prev = before.chars().next_back()?;
    let glued = if prev.is_alphabetic() {
        let word: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .take(64)
            .collect();
        let word_start = start - word.len();
        if word.chars().any(|c| c.is_ascii_digit()) {
            return None; // H1N1, MP3-style tokens
        }
        if word.chars().count() <= 2 && word.chars().all(char::is_uppercase) {
            return None; // G20, F16, CO2
        }
        if text[..word_start].ends_with(['-', '/', '_']) {
            return None;
        }
        true
    } else if is_closer(prev) {
        true
    } else if matches!(prev, '.' | ',' | ';' | ':') {
        // "women.5" but not "2.5" or "10,000".
        let before_punct = before[..before.len() - 1].chars().next_back();
        before_punct.is_some_and(|c| c.is_alphabetic() || is_closer(c))
    } else {
        false
    };
    if glued {
        let n = small_number(run)?;
        return numbers.contains(&n).then_some(NoteMarker {
            offset: start,
            len: run.len(),
            number: n,
        });
    }
    // A year with a marker glued on: "August 20106" = 2010 + note 6.
    let free_standing = prev.is_whitespace() || matches!(prev, '(' | '“' | '‘');
    if free_standing && (5..=7).contains(&run.len()) {
        let year: u32 = run[..4].parse().ok()?;
        if (1800..=2099).contains(&year) {
            let n = small_number(&run[4..])?;
            if numbers.contains(&n) {
                return Some(NoteMarker {
                    offset: start + 4,
                    len: run.len() - 4,
                    number: n,
                });
            }
        }
    }
    None
}

/// A note number: 1–3 digits, no leading zero.
fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 3 || s.starts_with('0') {
        return None;
    }
    s.parse().ok()
}

/// How far back a token is searched for URL signs (bounds the work on long tokens).
const TOKEN_WINDOW: usize = 256;

/// True when the whitespace-delimited token ending at `at` looks like a URL, a path or
/// an address (only its last [`TOKEN_WINDOW`] bytes are looked at).
fn in_url(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(TOKEN_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..at];
    let tok = window
        .rfind(char::is_whitespace)
        .map_or(window, |i| &window[i..]);
    tok.contains("://") || tok.contains("www.") || tok.contains('/') || tok.contains('@')
}

/// Indices of the longest subsequence of `cands` whose numbers never decrease
/// (O(n log n) patience sorting). Ties keep the earliest-ending chain.
fn longest_non_decreasing(cands: &[Candidate]) -> Vec<usize> {
    // tails[k] = index of the smallest possible last element of a chain of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    for (i, c) in cands.iter().enumerate() {
        let n = c.marker.number;
        // First chain end whose number is > n (non-decreasing chains may repeat n).
        let k = tails.partition_point(|&t| cands[t].marker.number <= n);
        if k > 0 {
            prev[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(n: u32) -> BTreeSet<u32> {
        (1..=n).collect()
    }

    fn found(texts: &[&str], n: u32) -> Vec<Vec<(String, u32)>> {
        find_markers(texts, &nums(n))
            .into_iter()
            .zip(texts)
            .map(|(ms, t)| {
                ms.into_iter()
                    .map(|m| (t[..m.offset + m.len].to_string(), m.number))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn glued_to_words_quotes_and_full_stops() {
        let texts = ["The mayor claimed1 that the “floods”)2 were rare.3 Others disagreed4."];
        let got = &found(&texts, 4)[0];
        let numbers: Vec<u32> = got.iter().map(|g| g.1).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
        assert!(got[0].0.ends_with("claimed1"));
    }

    #[test]
    fn year_plus_marker() {
        let texts = ["Rain fell in March 20051 and again in the spring of 20072."];
        let got = find_markers(&texts, &nums(2));
        assert_eq!(got[0].len(), 2);
        assert_eq!(&texts[0][got[0][0].offset..][..1], "1");
        assert_eq!(got[0][0].number, 1);
        assert_eq!(&texts[0][got[0][1].offset - 4..got[0][1].offset], "2007");
    }

    #[test]
    fn figures_are_not_markers() {
        let texts =
            ["There were 3 boats, $4 million, 2.5 tonnes, 10,000 people and a G2 summit in 2014."];
        assert!(find_markers(&texts, &nums(20))[0].is_empty());
    }

    #[test]
    fn no_reference_list_no_markers() {
        let texts = ["claimed1 and said2"];
        assert!(find_markers(&texts, &BTreeSet::new())[0].is_empty());
    }

    #[test]
    fn out_of_order_candidates_are_dropped() {
        let texts = ["first1 then Route9 then second2 and third3"];
        let got = found(&texts, 9);
        let numbers: Vec<u32> = got[0].iter().map(|g| g.1).collect();
        assert_eq!(numbers, vec![1, 2, 3]);
    }

    #[test]
    fn urls_are_not_markers() {
        let texts = ["see example.org/page1 and www.example2"];
        assert!(find_markers(&texts, &nums(3))[0].is_empty());
    }
}
