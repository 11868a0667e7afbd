//! Text keys: turns a sentence into the small set of normalised keywords the grouping
//! stages compare.
//!
//! In: any text. Out: sorted, de-duplicated keys. Words are lower-cased, folded to ASCII,
//! lemmatised crudely (plural `-s`/`-es`/`-ies`, past `-ed`, `-ing`), cut to a five-letter
//! stem (truncation stemming, so `Mexican` and `Mexico` meet) and stop words, month
//! names and numbers are dropped. A few general verb and noun classes (`return`, `send`,
//! `deport` → one "transfer" class; `begin`, `start`, `launch` → one "start" class;
//! people nouns) replace their words, so paraphrases of the same happening meet.

use crate::lang::lexicon::month_words;
use crate::util::fold::fold_letter;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// Words that carry no topic.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "also",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "least",
    "less",
    "like",
    "many",
    "may",
    "more",
    "most",
    "much",
    "must",
    "near",
    "nearly",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "today",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "including",
    "according",
    "told",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "so-called",
    "still",
    "well",
    "already",
    "around",
];

/// General classes of verbs and nouns: any word starting with one of the stems on the
/// right (stems of four letters or fewer: equal to it) also gives the class key on the left.
const CLASSES: &[(&str, &[&str])] = &[
    (
        "@start",
        &[
            "start",
            "begin",
            "began",
            "begun",
            "launch",
            "introduc",
            "implement",
            "inaugur",
            "commenc",
            "establish",
        ],
    ),
    (
        "@end",
        &[
            "end", "ended", "stop", "halt", "termin", "suspend", "cancel", "abolish",
        ],
    ),
    ("@expand", &["expand", "extend", "widen", "grow", "increas"]),
    (
        "@transfer",
        &[
            "return", "sent", "send", "deport", "expel", "remov", "transfer",
        ],
    ),
    (
        "@kill",
        &["kill", "murder", "slain", "massacr", "dead", "death", "die"],
    ),
    ("@kidnap", &["kidnap", "abduct", "disappear", "hostag"]),
    (
        "@people",
        &[
            "migrant",
            "asylum",
            "seeker",
            "refugee",
            "people",
            "person",
            "immigrant",
            "returnee",
            "individual",
        ],
    ),
];

/// Folds letters with diacritics to their base letter and lower-cases.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let f = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            other => fold_letter(other),
        };
        out.extend(f.to_lowercase());
    }
    out
}

/// Splits text into words (letters, digits, inner hyphens and apostrophes).
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c: char| c == '-' || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The lemma of a folded word: plural and verb endings removed.
pub fn lemma(word: &str) -> String {
    let w = word.trim_end_matches("'s");
    let n = w.len();
    let cut = |k: usize| w[..n - k].to_string();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 4
        && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("sses") || w.ends_with("xes"))
    {
        return cut(2);
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return cut(1);
    }
    if n > 5 && w.ends_with("ing") {
        return cut(3);
    }
    if n > 4 && w.ends_with("ed") {
        return cut(2);
    }
    w.to_string()
}

fn is_stop(w: &str) -> bool {
    // Asked for every word of every fact: a hash set rather than two list scans.
    // Month names are stop words too (dates are compared separately): the lexicon's, in
    // lower case and without the abbreviation's dot.
    static STOP_WORDS: LazyLock<rustc_hash::FxHashSet<Cow<'static, str>>> = LazyLock::new(|| {
        let months = month_words().map(|w| Cow::Owned(w.trim_end_matches('.').to_lowercase()));
        STOP.iter()
            .map(|&w| Cow::Borrowed(w))
            .chain(months)
            .collect()
    });
    STOP_WORDS.contains(w)
}

/// The keys of a text (see the module comment).
pub fn keys(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in words(&fold(text)) {
        if is_stop(w) || w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let l = lemma(w);
        if l.len() < 2 {
            continue;
        }
        // A word of a class stands for its class, so "returned" and "sent" meet and a
        // class word does not count twice.
        let class = CLASSES.iter().find(|(_, stems)| {
            stems.iter().any(|s| {
                // Most words start with another letter than every stem: skip those fast.
                if s.as_bytes()[0] != l.as_bytes()[0] {
                    false
                } else if s.len() <= 4 {
                    l == *s
                } else {
                    l.starts_with(s)
                }
            })
        });
        match class {
            Some((name, _)) => out.insert((*name).to_string()),
            None => out.insert(l.chars().take(5).collect()),
        };
    }
    out
}

/// How many keys two sets share, and that count over the smaller set's size.
pub fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> (usize, f64) {
    let shared = a.intersection(b).count();
    let smaller = a.len().min(b.len()).max(1);
    (shared, shared as f64 / smaller as f64)
}

/// Keys as small numbers, so that comparing two sets of keys is a merge of sorted
/// integers rather than of strings.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32, rustc_hash::FxBuildHasher>,
}

impl Interner {
    /// How many keys have a number (the numbers are `0..len`).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no key has a number yet.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The numbers of `keys`, sorted.
    pub fn ids(&mut self, keys: BTreeSet<String>) -> Vec<u32> {
        let mut out: Vec<u32> = keys
            .into_iter()
            .map(|k| {
                let next = self.ids.len() as u32;
                *self.ids.entry(k).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// [`overlap`] of two sorted lists of key numbers.
pub fn overlap_ids(a: &[u32], b: &[u32]) -> (usize, f64) {
    let shared = shared_ids(a, b);
    let smaller = a.len().min(b.len()).max(1);
    (shared, shared as f64 / smaller as f64)
}

/// How many numbers two sorted lists share.
pub fn shared_ids(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The fewest shared keys that meet `shared >= least` and `shared / smaller >= ratio`
/// (the ratio as [`overlap_ids`] computes it, `smaller` at least 1), or `None` when no
/// count up to `smaller` does. Both tests only get easier as the count grows.
pub fn fewest_shared(smaller: usize, least: usize, ratio: f64) -> Option<usize> {
    let meets = |s: usize| s >= least && s as f64 / smaller as f64 >= ratio;
    // Start just under the exact bound (float rounding moves it by far less than one).
    let from = ((ratio * smaller as f64).ceil() as usize)
        .saturating_sub(2)
        .max(least);
    (from..=smaller).find(|&s| meets(s))
}

/// True when two sorted lists of key numbers share at least `need` numbers; stops as
/// soon as the answer is known.
pub fn shares_at_least(a: &[u32], b: &[u32], need: usize) -> bool {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while n < need {
        if n + (a.len() - i).min(b.len() - j) < need {
            return false;
        }
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fewest_shared_count_is_where_the_ratio_test_starts_to_pass() {
        for smaller in 1..80 {
            for (least, ratio) in [(2, 0.5), (3, 0.6), (3, 0.4), (2, 0.6)] {
                let fewest = fewest_shared(smaller, least, ratio);
                for s in 0..=smaller {
                    let meets = s >= least && s as f64 / smaller as f64 >= ratio;
                    assert_eq!(
                        meets,
                        fewest.is_some_and(|n| s >= n),
                        "{smaller} {s} {ratio}"
                    );
                }
            }
        }
    }

    #[test]
    fn shares_at_least_agrees_with_the_count() {
        let lists: [&[u32]; 5] = [&[], &[1, 3, 5, 7, 9], &[2, 3, 4, 5], &[1, 2, 3], &[9, 10]];
        for a in lists {
            for b in lists {
                let n = shared_ids(a, b);
                for need in 0..6 {
                    assert_eq!(shares_at_least(a, b, need), n >= need, "{a:?} {b:?} {need}");
                }
            }
        }
    }

    #[test]
    fn paraphrases_share_keys() {
        let a = keys(
            "the United States has returned more than 50,000 asylum seekers to Mexican border towns",
        );
        let b = keys("More than 55,000 migrants have been sent to Mexico under the MPP program");
        assert!(a.contains("@transfer") && b.contains("@transfer"));
        assert!(a.contains("mexic") && b.contains("mexic"));
        assert!(a.contains("@people") && b.contains("@people"));
        assert!(!a.iter().any(|k| k.chars().any(|c| c.is_ascii_digit())));
    }

    #[test]
    fn stop_words_and_months_are_dropped_and_accents_folded() {
        let k = keys("In January the city of Ciudad Juárez");
        assert!(k.contains("juare") && k.contains("ciuda"));
        assert!(!k.contains("janua") && !k.contains("the"));
        assert_eq!(lemma("cities"), "city");
        assert_eq!(lemma("kidnappings"), "kidnapping");
    }
}
