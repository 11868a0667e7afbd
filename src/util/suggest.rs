//! Suggest: "did you mean …?" for a misspelt key or id.
//!
//! In: the word typed and the words that would have been accepted. Out: the closest
//! accepted word, if it is close enough to be a likely typo. A small Levenshtein
//! distance, written here rather than adding a dependency for twenty lines.

/// The edit distance between `a` and `b`, in characters: insertions, deletions,
/// substitutions and swaps of two neighbours (`titel` → `title` is one edit), the
/// "optimal string alignment" form of Damerau–Levenshtein.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Words that mean the same as an accepted key in other tools, mapped to it: a
/// distance would never find `license` → `rights`.
const SYNONYMS: &[(&str, &str)] = &[
    ("licence", "rights"),
    ("copyright", "rights"),
    ("date", "published"),
    ("published_at", "published"),
    ("pubdate", "published"),
    ("publication_date", "published"),
    ("authors", "author"),
    ("creator", "author"),
    ("credit", "attribution"),
    ("source", "url"),
    ("link", "url"),
    ("lang", "language"),
    ("description", "summary"),
    ("keywords", "tags"),
    ("headline", "title"),
    ("name", "title"),
];

/// The accepted word closest to `typed`, when it is a likely typo: at most a third of
/// the word's length away (at least one edit), or a known synonym, or the same word in
/// another case. `None` when nothing is close.
pub fn did_you_mean<'a>(typed: &str, accepted: &[&'a str]) -> Option<&'a str> {
    let lower = typed.to_lowercase();
    if let Some(a) = accepted.iter().find(|a| a.to_lowercase() == lower) {
        return Some(a);
    }
    if let Some((_, to)) = SYNONYMS.iter().find(|(from, _)| *from == lower)
        && let Some(a) = accepted.iter().find(|a| *a == to)
    {
        return Some(a);
    }
    let limit = (typed.chars().count() / 3).max(1);
    accepted
        .iter()
        .map(|a| (levenshtein(&lower, &a.to_lowercase()), *a))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("publised", "published"), 1);
        assert_eq!(levenshtein("títle", "title"), 1);
        assert_eq!(levenshtein("titel", "title"), 1);
    }

    #[test]
    fn suggestions_are_close_words_or_synonyms() {
        let keys = [
            "title",
            "published",
            "rights",
            "author",
            "attribution",
            "url",
        ];
        assert_eq!(did_you_mean("publised", &keys), Some("published"));
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("Title", &keys), Some("title"));
        assert_eq!(did_you_mean("licence", &keys), Some("rights"));
        assert_eq!(did_you_mean("autor", &keys), Some("author"));
        assert_eq!(did_you_mean("colour", &keys), None);
        assert_eq!(did_you_mean("x", &keys), None);
    }
}
