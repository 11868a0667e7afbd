//! Word sets: the lexicon's longer word lists as hash sets, for the rules that look
//! words up once per word of a sentence (tense, noun phrases, baselines, stamps).
//!
//! In: a [`Lexicon`]. Out: its lists lower-cased into sets, built once per language.
//! Callers look up lower-case words; `Lexicon::is_in` stays for short lists. The sets
//! are only looked up, never iterated, so they hash with `rustc-hash` (SipHash was 4 % of
//! extraction's instructions).

use crate::lang::lexicon::Lexicon;
use rustc_hash::FxHashSet as HashSet;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The sets of one lexicon.
pub struct WordSets {
    /// Function words that end a noun phrase.
    pub stop: HashSet<String>,
    /// Words that put a verb in the past.
    pub past: HashSet<String>,
    /// One-word future markers (`will`, `would`).
    pub future: HashSet<String>,
    /// Words of change or comparison.
    pub change: HashSet<String>,
    /// Words a stamp or a list heading may hold besides its date.
    pub stamp: HashSet<String>,
    /// Verb forms of headlines: the lexicon's `verbs`, action verbs and speech verbs.
    pub verbs: HashSet<String>,
    /// Words in -ed or -ing that are not verbs.
    pub lookalikes: HashSet<String>,
    /// Function words a headline may not end on.
    pub dangling: HashSet<String>,
    /// Words and phrases that make a fragment when a headline opens with them.
    pub openers: HashSet<String>,
    /// Relative pronouns (`which`, `who`).
    pub relative: HashSet<String>,
}

impl WordSets {
    /// True for a lower-case word that carries tense: a past or future marker, or a
    /// word in -ed (`reported`; not `need`, `indeed`).
    pub fn verb_like(&self, low: &str) -> bool {
        self.past.contains(low)
            || self.future.contains(low)
            || (low.len() >= 5 && low.ends_with("ed") && !low.ends_with("eed"))
    }
}

fn set(list: &[&str]) -> HashSet<String> {
    list.iter().map(|w| w.to_lowercase()).collect()
}

/// The word sets of `lex`, built on first use.
pub fn word_sets(lex: &'static Lexicon) -> &'static WordSets {
    // Asked for many times per sentence from every extraction thread: each thread keeps
    // the sets it has seen, so only the first ask per thread and language takes the lock.
    thread_local! {
        static SEEN: std::cell::RefCell<Vec<(&'static str, &'static WordSets)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    if let Some(sets) = SEEN.with(|seen| {
        seen.borrow()
            .iter()
            .find(|(code, _)| *code == lex.code)
            .map(|&(_, sets)| sets)
    }) {
        return sets;
    }
    let sets = shared_word_sets(lex);
    SEEN.with(|seen| seen.borrow_mut().push((lex.code, sets)));
    sets
}

/// The sets of `lex`, made once per process.
fn shared_word_sets(lex: &'static Lexicon) -> &'static WordSets {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static WordSets>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(lex.code).or_insert_with(|| {
        let single: Vec<&str> = lex
            .future_markers
            .iter()
            .copied()
            .filter(|m| !m.contains(' '))
            .collect();
        Box::leak(Box::new(WordSets {
            stop: set(lex.stopwords),
            past: set(lex.past_markers),
            future: set(&single),
            change: set(lex.change_words),
            stamp: set(lex.stamp_words),
            verbs: [lex.verbs, lex.action_verbs, lex.speech_verbs]
                .iter()
                .flat_map(|l| l.iter())
                .map(|w| w.to_lowercase())
                .collect(),
            lookalikes: set(lex.verb_lookalikes),
            dangling: set(lex.dangling_words),
            openers: set(lex.fragment_openers),
            relative: set(lex.relative_pronouns),
        }))
    })
}

/// `s` from byte `from`, at most about `len` bytes, cut at a character boundary.
pub fn window(s: &str, from: usize, len: usize) -> &str {
    let mut end = (from + len).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(from..end).unwrap_or("")
}

/// `s` up to byte `to`, its last `len` bytes or so, cut at a character boundary.
pub fn window_before(s: &str, to: usize, len: usize) -> &str {
    let mut start = to.saturating_sub(len);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s.get(start..to).unwrap_or("")
}
