//! Anchors: the `id`s a source page gives its paragraphs and its fact sentences, made
//! from their words so that a link shared today still points at the same words after
//! the document is edited.
//!
//! In: a converted [`Document`] and its [`Facts`]. Out: [`Anchors`]: for each block a
//! content anchor (`b-` + 8 hex digits of the SHA-256 of its normalised text), and for
//! each sentence that states a fact (a fact's `quote` at its paragraph and offset) a
//! sentence anchor (`s-` + 8 hex digits of its normalised words).
//!
//! Normalised means lower case with runs of whitespace made one space, so re-wrapping a
//! paragraph or changing the case of a word in a heading moves nothing; editing the
//! words of a paragraph does change its anchor (the old link then lands at the top of
//! the page rather than on different words). Only true duplicates (the same normalised
//! text twice in one document) get a suffix, `-2`, `-3`, in document order.
//!
//! The positional `p-N` ids of earlier versions stay as aliases (an empty element at
//! the start of block N), so links already shared keep working; they are not used for
//! new links because inserting one paragraph moves every `p-N` after it.

use crate::model::document::Document;
use crate::model::facts::Facts;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// The anchors of one source page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// The content anchor of each block, by position (block `paragraph` N is index N-1).
    pub blocks: Vec<String>,
    /// The anchor of each fact sentence, keyed by (paragraph, byte offset of the quote
    /// in the block's text).
    pub sentences: BTreeMap<(u32, usize), String>,
}

/// Lower case, whitespace runs as one space, trimmed.
#[cfg(test)]
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// `prefix` + the first 8 hex digits of the SHA-256 of the normalised text (lower
/// case, whitespace runs as one space, trimmed). The words are hashed as they are
/// lowered, without building the normalised text; an ASCII word is lowered byte by
/// byte (the same as `char::to_lowercase` for ASCII), and only if it has capitals.
fn hashed(prefix: &str, text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut lowered = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        if word.is_ascii() {
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                lowered.clear();
                lowered.push_str(word);
                lowered.make_ascii_lowercase();
                hasher.update(lowered.as_bytes());
            } else {
                hasher.update(word.as_bytes());
            }
        } else {
            lowered.clear();
            lowered.extend(word.chars().flat_map(char::to_lowercase));
            hasher.update(lowered.as_bytes());
        }
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(prefix.len() + 8);
    out.push_str(prefix);
    for b in &digest[..4] {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    out
}

/// Gives `base` a `-N` suffix from its second occurrence on.
#[derive(Default)]
struct Unique(HashMap<String, u32>);

impl Unique {
    fn id(&mut self, base: String) -> String {
        let n = self.0.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }
}

impl Anchors {
    /// The anchors of `doc`'s blocks and of the sentences `facts` quote.
    pub fn new(doc: &Document, facts: &Facts) -> Anchors {
        let mut unique = Unique::default();
        let blocks = doc
            .blocks
            .iter()
            .map(|b| unique.id(hashed("b-", &b.text)))
            .collect();
        let mut quoted: BTreeMap<(u32, usize), &str> = BTreeMap::new();
        for e in &facts.events {
            quoted.insert((e.paragraph, e.quote_offset), &e.quote);
        }
        for s in &facts.statistics {
            quoted.insert((s.paragraph, s.quote_offset), &s.quote);
        }
        let mut unique = Unique::default();
        let sentences = quoted
            .into_iter()
            .map(|(at, quote)| (at, unique.id(hashed("s-", quote))))
            .collect();
        Anchors { blocks, sentences }
    }

    /// The content anchor of block `paragraph` (1-based), if there is such a block.
    pub fn block(&self, paragraph: u32) -> Option<&str> {
        let i = usize::try_from(paragraph).ok()?.checked_sub(1)?;
        self.blocks.get(i).map(String::as_str)
    }

    /// The anchor of the sentence at `quote_offset` in block `paragraph`, else the
    /// block's, else the positional `p-N`.
    pub fn sentence(&self, paragraph: u32, quote_offset: usize) -> String {
        match self.sentences.get(&(paragraph, quote_offset)) {
            Some(s) => s.clone(),
            None => self.paragraph(paragraph),
        }
    }

    /// The anchor of block `paragraph`: its content anchor, or `p-N` when it has none.
    pub fn paragraph(&self, paragraph: u32) -> String {
        match self.block(paragraph) {
            Some(b) => b.to_string(),
            None => format!("p-{paragraph}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::{Block, BlockKind};

    #[test]
    fn hashing_word_by_word_gives_the_hash_of_the_normalised_text() {
        let whole = |prefix: &str, text: &str| {
            let digest = Sha256::digest(normalise(text).as_bytes());
            let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
            format!("{prefix}{hex}")
        };
        for text in [
            "",
            "   ",
            "The Migrant Protection Protocols",
            "  lower  case\twords\n",
            "ÉL DIJO: «Más de 1.500 PERSONAS»",
            "İstanbul ΣΟΦΙΑ straße\u{a0}NBSP\u{2003}EM",
            "MiXeD ascii and ÜNICODE",
        ] {
            assert_eq!(hashed("b-", text), whole("b-", text), "{text:?}");
        }
    }

    fn doc(texts: &[&str]) -> Document {
        Document {
            blocks: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Block {
                    kind: BlockKind::Paragraph,
                    text: (*t).to_string(),
                    start: None,
                    paragraph: i as u32 + 1,
                    notes: Vec::new(),
                    page: None,
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn block_anchors_come_from_the_words_not_the_position() {
        let a = Anchors::new(&doc(&["One two.", "Three four."]), &Facts::default());
        let b = Anchors::new(
            &doc(&["Inserted first.", "One  two.", "Three\nfour."]),
            &Facts::default(),
        );
        assert_eq!(a.blocks[0], b.blocks[1]);
        assert_eq!(a.blocks[1], b.blocks[2]);
        assert_ne!(a.blocks[0], a.blocks[1]);
        assert!(a.blocks[0].starts_with("b-") && a.blocks[0].len() == 10);
        assert_eq!(a.paragraph(2), a.blocks[1]);
        assert_eq!(a.paragraph(9), "p-9");
        assert_eq!(a.block(0), None);
    }

    #[test]
    fn only_true_duplicates_get_a_suffix() {
        let a = Anchors::new(&doc(&["Same.", "Other.", "same."]), &Facts::default());
        assert_eq!(a.blocks[2], format!("{}-2", a.blocks[0]));
        assert_eq!(a.blocks[1].len(), 10, "{}", a.blocks[1]);
    }
}
