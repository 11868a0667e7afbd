//! Which language a text is in, when its metadata does not say.
//!
//! In: a text. Out: the code of one of the languages `brief` has a lexicon for
//! ([`super::lexicon::LANGUAGES`]), or `None` when the text is too short or the guess is
//! not reliable (the caller then uses the site's language). Uses the `whatlang` crate,
//! limited to those languages; never guesses a language it cannot extract.

use whatlang::{Detector, Lang};

/// Texts shorter than this (in characters) are not guessed at: a title or a table row
/// says too little.
const MIN_CHARS: usize = 40;

/// At most this much of a text is read (in bytes): a few paragraphs of prose tell
/// English from Spanish, and reading a whole document cost a 1,000-document build
/// about 0.3 s.
const MAX_BYTES: usize = 4_000;

/// The language of `text`, if it can be told reliably.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut cut = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
        return None;
    }
    let detector = Detector::with_allowlist(vec![Lang::Eng, Lang::Spa]);
    let info = detector.detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    match info.lang() {
        Lang::Eng => Some("en"),
        Lang::Spa => Some("es"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_spanish_from_english() {
        let es = "La Secretaria viajó a Miami el martes para participar en una reunión \
                  bilateral con altos funcionarios del gobierno mexicano sobre la migración.";
        let en = "The Secretary traveled to Miami on Tuesday to take part in a bilateral \
                  meeting with senior officials of the Mexican government on migration.";
        assert_eq!(detect(es), Some("es"));
        assert_eq!(detect(en), Some("en"));
    }

    #[test]
    fn a_short_text_is_not_guessed() {
        assert_eq!(detect("Hoy, 24 de agosto"), None);
        assert_eq!(detect(""), None);
    }
}
