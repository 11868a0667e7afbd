//! Folding: letters with diacritics to their ASCII base letter, for matching and URLs
//! (`Juárez` meets `Juarez`), with the `deunicode` crate's tables.
//!
//! In: a character or a string. Out: [`fold_letter`] maps one letter to one letter
//! (case kept; anything that is not a letter with an ASCII base is left as it is, so
//! offsets counted in characters stay valid); [`to_ascii`] transliterates a whole string
//! (`Straße` → `Strasse`, `привет` → `privet`) for slugs.

/// The ASCII base of a letter with diacritics (`á` → `a`, `Ñ` → `N`); every other
/// character unchanged.
pub fn fold_letter(c: char) -> char {
    if c.is_ascii() || !c.is_alphabetic() {
        return c;
    }
    match deunicode::deunicode_char(c).map(str::as_bytes) {
        Some(&[b]) if b.is_ascii_alphabetic() => b as char,
        _ => c,
    }
}

/// A string transliterated to ASCII (characters without a transliteration dropped).
pub fn to_ascii(text: &str) -> String {
    deunicode::deunicode_with_tofu(text, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_one_to_one_keeping_case() {
        let folded: String = "Ciudad Juárez, ÑANDÚ, Łódź – “ø”"
            .chars()
            .map(fold_letter)
            .collect();
        assert_eq!(folded, "Ciudad Juarez, NANDU, Lodz – “o”");
        assert_eq!(fold_letter('ß'), 'ß', "no single-letter base: unchanged");
        assert_eq!(fold_letter('你'), '你');
    }

    #[test]
    fn strings_transliterate() {
        assert_eq!(to_ascii("Straße Æon"), "Strasse AEon");
        assert_eq!(to_ascii("привет"), "privet");
    }
}
