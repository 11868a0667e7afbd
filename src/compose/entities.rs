//! Entities: the actors and places of a briefing, read from the editor's gazetteer
//! (`content/entities.toml`), found in the sources' text, with the quotes attributed to
//! them and the names `brief` saw that the gazetteer lacks.
//!
//! In: the gazetteer and each source's blocks. Out: [`Mention`]s (entity, source,
//! paragraph), [`Quote`]s with their speakers, and [`Candidate`] names. Names match as
//! whole words, case-sensitively; accents never matter (`Juarez` finds `Juárez`). All
//! names are matched in one pass by a single alternation, so the cost grows with the
//! text, not with text × gazetteer.

use crate::model::briefing::{Candidate, Gazetteer, Kind, Mention, Quote};
use crate::util::fold::fold_letter;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Folds letters with diacritics to their base letter (one char for one char, case
/// kept), curly apostrophes to `'` and no-break spaces to spaces.
fn fold_accents(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2019}' => '\'',
            '\u{a0}' => ' ',
            other => fold_letter(other),
        })
        .collect()
}

/// Finds gazetteer names in text.
#[derive(Debug, Clone)]
pub struct Matcher {
    regex: Option<Regex>,
    by_name: BTreeMap<String, usize>,
}

impl Matcher {
    /// Builds the matcher for a gazetteer.
    pub fn new(g: &Gazetteer) -> Matcher {
        let mut by_name = BTreeMap::new();
        for (i, e) in g.entities.iter().enumerate() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let folded = fold_accents(name.trim());
                if !folded.is_empty() {
                    by_name.entry(folded).or_insert(i);
                }
            }
        }
        // Longest names first, so "Ciudad Juárez" wins over "Juárez".
        let mut names: Vec<&String> = by_name.keys().collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let regex = (!names.is_empty()).then(|| {
            let alternation = names
                .iter()
                .map(|n| regex::escape(n))
                .collect::<Vec<_>>()
                .join("|");
            Regex::new(&format!(r"\b(?:{alternation})\b"))
                .expect("escaped names form a valid regex")
        });
        Matcher { regex, by_name }
    }

    /// The entities (gazetteer indexes) named in `text`, sorted.
    pub fn find(&self, text: &str) -> BTreeSet<usize> {
        let Some(re) = &self.regex else {
            return BTreeSet::new();
        };
        let folded = fold_accents(text);
        re.find_iter(&folded)
            .filter_map(|m| self.by_name.get(m.as_str()).copied())
            .collect()
    }
}

/// Splits a block's text into sentences (verbatim slices).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '"' | '’' | ')') {
                j += 1;
            }
            let space = j < chars.len() && chars[j].1.is_whitespace();
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts =
                k < chars.len() && (chars[k].1.is_uppercase() || matches!(chars[k].1, '“' | '"'));
            // "U.S." and initials do not end a sentence.
            let word_before: String = text[start..at]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_string();
            let abbreviation = c == '.'
                && (word_before.chars().filter(|c| c.is_alphabetic()).count() <= 1
                    || ["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov"]
                        .contains(&word_before.trim_start_matches(['(', '“', '"'])));
            if space && next_starts && !abbreviation {
                let end = if j < chars.len() {
                    chars[j].0
                } else {
                    text.len()
                };
                let s = text[start..end].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = if k < chars.len() {
                    chars[k].0
                } else {
                    text.len()
                };
                i = k;
                continue;
            }
        }
        i += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A regex with a larger lazy-DFA cache than the default: the name patterns hold large
/// Unicode classes, and with the default cache the search keeps rebuilding states or
/// falls back to slower engines on a big corpus. Matches are the same.
fn big_regex(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(32 << 20)
        .build()
        .expect("valid")
}

const SPEECH: &str =
    "said|says|told|tells|added|explained|warned|noted|stated|wrote|argued|concluded|suggested";
const NAME: &str = r"\p{Lu}[\p{L}'’.-]+(?:\s+(?:de|del|la|van|von)?\s*\p{Lu}[\p{L}'’-]+){0,3}";

struct QuoteFinder {
    /// The words every pattern below needs (a speech verb, or "according to"): most
    /// sentences have none, and one pass for them spares the five patterns.
    cue: aho_corasick::AhoCorasick,
    quote_then_speaker: Regex,
    quote_said_speaker: Regex,
    name_told: Regex,
    pronoun_said: Regex,
    according_to: Regex,
}

impl QuoteFinder {
    fn new() -> QuoteFinder {
        QuoteFinder {
            cue: aho_corasick::AhoCorasick::new(SPEECH.split('|').chain(["according to"]))
                .expect("a few words"),
            quote_then_speaker: big_regex(&format!(
                r"[”\x22],?\s+(?P<who>{NAME}|he|she|they)\s+(?:{SPEECH})\b"
            )),
            quote_said_speaker: big_regex(&format!(r"[”\x22],?\s+(?:{SPEECH})\s+(?P<who>{NAME})")),
            name_told: big_regex(&format!(
                r"^(?P<who>{NAME}),?(?:[^.“”]{{0,120}}?)\s(?:{SPEECH})\b"
            )),
            according_to: big_regex(&format!(r"\baccording to (?P<who>{NAME})")),
            pronoun_said: big_regex(&format!(r"^(?:He|She|They)\s+(?:\w+\s+)?(?:{SPEECH})\b")),
        }
    }
}

/// The `who` group of `re` in `sentence`. Most sentences quote no one: the fast
/// `is_match` turns them away before the slower search for groups.
fn who(re: &Regex, sentence: &str) -> Option<String> {
    if !re.is_match(sentence) {
        return None;
    }
    re.captures(sentence).map(|c| c["who"].to_string())
}

/// Words that start sentences and are not names.
fn is_function_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    super::text::keys(&lower).is_empty()
        || [
            "this", "these", "those", "there", "but", "and", "the", "a", "in", "on", "as", "it",
            "its", "his", "her", "their", "our", "we", "you", "when", "while",
        ]
        .contains(&lower.as_str())
}

/// Everything found about entities in the sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Every mention, sorted.
    pub mentions: Vec<Mention>,
    /// Every quote, in source and paragraph order.
    pub quotes: Vec<Quote>,
    /// Names not in the gazetteer, most frequent first.
    pub candidates: Vec<Candidate>,
}

/// Names seen: how often, and whether as a speaker.
type NameCounts = BTreeMap<String, (usize, bool)>;

/// One source's blocks as (paragraph, text).
pub type Blocks<'a> = Vec<(u32, &'a str)>;

/// The quote patterns and the capitalised-phrase pattern, compiled once per process:
/// their Unicode letter classes make them the slowest regexes to build (about 20 ms),
/// which a small site or a `serve` rebuild would otherwise pay every time.
static FINDER: LazyLock<QuoteFinder> = LazyLock::new(QuoteFinder::new);
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    big_regex(r"\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:de|del|la|las|los|of|the|y)\s+)?\p{Lu}[\p{L}'’-]+)+")
});

/// Compiles the patterns [`find`] needs, so that a build can do it early, on a thread
/// that would otherwise wait.
pub fn warm_up() {
    rayon::join(|| LazyLock::force(&FINDER), || LazyLock::force(&PHRASE));
}

/// Finds mentions (with `matcher`, built from `g`), quotes and candidate names in all
/// sources.
pub fn find(g: &Gazetteer, matcher: &Matcher, sources: &[Blocks]) -> Found {
    let (finder, phrase) = (&*FINDER, &*PHRASE);
    // Each source on its own (a pronoun refers to the last speaker of its source), in
    // parallel; the results are joined in source order.
    let per_source: Vec<(Found, NameCounts)> = sources
        .par_iter()
        .enumerate()
        .map(|(source, blocks)| {
            let mut found = Found::default();
            let mut counts: BTreeMap<String, (usize, bool)> = BTreeMap::new();
            let mut last_speaker: Option<String> = None;
            for (paragraph, text) in blocks {
                for entity in matcher.find(text) {
                    found.mentions.push(Mention {
                        entity,
                        source,
                        paragraph: *paragraph,
                    });
                }
                for m in phrase.find_iter(text) {
                    let mut words: Vec<&str> = m.as_str().split_whitespace().collect();
                    while words.first().is_some_and(|w| is_function_word(w)) {
                        words.remove(0);
                    }
                    if words.len() >= 2 {
                        counts.entry(words.join(" ")).or_default().0 += 1;
                    }
                }
                for sentence in sentences(text) {
                    if !finder.cue.is_match(sentence) {
                        continue;
                    }
                    let mut speaker: Option<(String, bool)> = None;
                    if let Some(c) = who(&finder.quote_then_speaker, sentence) {
                        speaker = Some((c, true));
                    } else if let Some(c) = who(&finder.quote_said_speaker, sentence) {
                        speaker = Some((c, true));
                    } else if let Some(c) = who(&finder.name_told, sentence) {
                        speaker = Some((c, false));
                    } else if let Some(c) = who(&finder.according_to, sentence) {
                        speaker = Some((c, false));
                    } else if finder.pronoun_said.is_match(sentence) {
                        speaker = Some(("she".into(), false));
                    }
                    let Some((who, direct)) = speaker else {
                        continue;
                    };
                    let who = who.trim_end_matches(['.', ',']).to_string();
                    let who = if ["he", "she", "they"].contains(&who.to_lowercase().as_str()) {
                        match &last_speaker {
                            Some(s) => s.clone(),
                            None => continue,
                        }
                    } else {
                        who
                    };
                    if is_function_word(who.split_whitespace().next().unwrap_or("")) {
                        continue;
                    }
                    let entity = resolve_speaker(g, matcher, &who);
                    // A lone capitalised word opening reported speech is as often an adverb
                    // ("Meantime, officials said") as a name: keep it only if it is known.
                    if !direct && entity.is_none() && !who.contains(' ') {
                        continue;
                    }
                    if entity.is_none() {
                        counts.entry(who.clone()).or_default().1 = true;
                    }
                    last_speaker = Some(who.clone());
                    found.quotes.push(Quote {
                        source,
                        paragraph: *paragraph,
                        text: sentence.to_string(),
                        speaker: who,
                        entity,
                        direct,
                    });
                }
            }
            (found, counts)
        })
        .collect();
    let mut found = Found::default();
    let mut counts: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for (f, c) in per_source {
        found.mentions.extend(f.mentions);
        found.quotes.extend(f.quotes);
        for (name, (count, speaker)) in c {
            let e = counts.entry(name).or_default();
            e.0 += count;
            e.1 |= speaker;
        }
    }
    found.mentions.sort();
    found.mentions.dedup();
    let known: Vec<String> = g
        .entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|n| fold_accents(n))
        .collect();
    let mut candidates: Vec<Candidate> = counts
        .into_iter()
        .filter(|(name, (count, speaker))| {
            let f = fold_accents(name);
            (*count >= 2 || *speaker)
                && !known
                    .iter()
                    .any(|k| f.contains(k.as_str()) || k.contains(f.as_str()))
        })
        .map(|(name, (count, speaker))| Candidate {
            name,
            count: count.max(1),
            speaker,
        })
        .collect();
    candidates.sort_by(|a, b| {
        (b.speaker, b.count)
            .cmp(&(a.speaker, a.count))
            .then(a.name.cmp(&b.name))
    });
    candidates.truncate(40);
    found.candidates = candidates;
    found
}

/// The gazetteer entity a speaker's name refers to: a name or alias in it, or a person
/// whose last name it is.
fn resolve_speaker(g: &Gazetteer, matcher: &Matcher, who: &str) -> Option<usize> {
    if let Some(&i) = matcher.find(who).iter().next() {
        return Some(i);
    }
    let last = fold_accents(who.split_whitespace().last()?);
    g.entities.iter().position(|e| {
        e.kind == Kind::Person
            && std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| fold_accents(n).split_whitespace().last() == Some(last.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::gazetteer::GazetteerFile;

    fn gazetteer() -> Gazetteer {
        toml::from_str::<GazetteerFile>(
            r#"
[[entity]]
id = "juarez"
name = "Juárez"
kind = "place"
aliases = ["Ciudad Juárez", "Juarez"]
[[entity]]
id = "taylor-levy"
name = "Taylor Levy"
kind = "person"
[[entity]]
id = "el-paso"
name = "El Paso"
kind = "place"
"#,
        )
        .map(|f| Gazetteer { entities: f.entity })
        .unwrap()
    }

    #[test]
    fn names_match_whole_words_and_ignore_accents() {
        let g = gazetteer();
        let m = Matcher::new(&g);
        assert_eq!(
            m.find("including some 13,000 in Juarez, across"),
            BTreeSet::from([0])
        );
        assert_eq!(
            m.find("in Ciudad Juárez and El Paso"),
            BTreeSet::from([0, 2])
        );
        assert!(m.find("Juarezville and el paso").is_empty());
    }

    #[test]
    fn speakers_are_found_and_pronouns_resolved() {
        let g = gazetteer();
        let text = "Taylor Levy, a private immigration attorney in El Paso, Texas told The Globe Post there are two types of kidnappings. “Extortions start at $10,000 but are then willing to negotiate down,” Levy said. She further said that people are kidnapped. Meantime, officials said nothing. “We will not stop,” said Rubén Martín. Officials are complicit, according to Kennji Kizuka, a researcher. “They are powerless,” he told The Globe Post.";
        let found = find(&g, &Matcher::new(&g), &[vec![(4, text)]]);
        let speakers: Vec<(&str, Option<usize>, bool)> = found
            .quotes
            .iter()
            .map(|q| (q.speaker.as_str(), q.entity, q.direct))
            .collect();
        assert_eq!(
            speakers,
            [
                ("Taylor Levy", Some(1), false),
                ("Levy", Some(1), true),
                ("Levy", Some(1), false),
                ("Rubén Martín", None, true),
                ("Kennji Kizuka", None, false),
                ("Kennji Kizuka", None, true)
            ]
        );
        assert!(
            found
                .candidates
                .iter()
                .any(|c| c.name == "Rubén Martín" && c.speaker)
        );
        assert_eq!(found.mentions.len(), 2);
    }

    #[test]
    fn sentences_do_not_break_at_initials() {
        let s = sentences("The U.S. has sent 57,000 migrants. They wait. “Go,” he said. Done");
        assert_eq!(
            s,
            [
                "The U.S. has sent 57,000 migrants.",
                "They wait.",
                "“Go,” he said.",
                "Done"
            ]
        );
    }
}
