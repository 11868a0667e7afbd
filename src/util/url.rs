//! URL text: percent-decoding, with the `percent-encoding` crate.
//!
//! In: a path or fragment as written in a link or a request (`caf%C3%A9`). Out: the text
//! it stands for (`café`).

/// Decodes `%HH` escapes. A `%` not followed by two hex digits stays as written, and
/// bytes that are not UTF-8 become U+FFFD: never an error.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_the_rest() {
        assert_eq!(percent_decode("caf%C3%A9%2"), "café%2");
        assert_eq!(percent_decode("a%2Fb%zz%"), "a/b%zz%");
        assert_eq!(percent_decode("%FF%41"), "\u{FFFD}A");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
