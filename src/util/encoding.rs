//! Encodings: a source document's bytes → its text, whatever encoding it was saved in.
//!
//! In: a file's bytes. Out: the decoded text and, when it was not UTF-8, the name of the
//! encoding it was read as (for a warning that names file and encoding). Never guesses
//! where a guess would garble the text: bytes that no encoding explains are an error.
//!
//! The order: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); then valid UTF-8;
//! then a file that is UTF-8 with damage (a valid multi-byte character beside invalid
//! bytes, or a character cut off at the end) is an error, since a legacy encoding would
//! only turn its characters into mojibake; then `chardetng` guesses the legacy encoding
//! (Windows-1252, ISO-8859-x, Shift_JIS, …) and `encoding_rs` decodes, and the result is
//! refused if it has malformed sequences or control characters (binary data, UTF-16
//! without a byte-order mark).

use crate::util::error::Error;
use encoding_rs::{Encoding, UTF_8};
use std::path::Path;

/// A file's text and, when it was not UTF-8, the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// `Some("windows-1252")`, `Some("UTF-16LE")`, …; `None` for UTF-8.
    pub encoding: Option<&'static str>,
}

/// Reads and decodes a source document (see the module documentation).
pub fn read_decoded(path: &Path) -> Result<Decoded, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode(path, &bytes)
}

/// Decodes `bytes` (the contents of `path`, named in the error).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded, Error> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = enc.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(undecidable(path, enc));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: (enc != UTF_8).then(|| enc.name()),
        });
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: None,
            });
        }
        Err(e) => e,
    };
    let damaged_utf8 = bad.error_len().is_none() || has_utf8_sequence(bytes);
    if damaged_utf8 || bytes.contains(&0) {
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: bad.valid_up_to(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    let control = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'));
    if malformed || control {
        return Err(undecidable(path, enc));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Some(enc.name()),
    })
}

fn undecidable(path: &Path, tried: &'static Encoding) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: format!(
            "neither UTF-8 nor readable as {} (binary data or a mix of encodings?); save the file as UTF-8",
            tried.name()
        ),
    }
}

/// True if `bytes` hold at least one valid multi-byte UTF-8 character: the sign of a
/// UTF-8 file with a few bad bytes rather than a file in a legacy encoding (where a lead
/// byte followed by the right number of continuation bytes is rare).
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                if !rest[..e.valid_up_to()].is_ascii() {
                    return true;
                }
                match e.error_len() {
                    Some(n) => rest = &rest[e.valid_up_to() + n..],
                    None => return false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Decoded, String> {
        decode(Path::new("a.txt"), bytes).map_err(|e| e.to_string())
    }

    #[test]
    fn boms_decide() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Año “x”".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            dec(&utf16le).unwrap(),
            Decoded {
                text: "Año “x”".into(),
                encoding: Some("UTF-16LE")
            }
        );
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("né".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(dec(&utf16be).unwrap().encoding, Some("UTF-16BE"));
        let utf8 = dec("\u{feff}né".as_bytes()).unwrap();
        assert_eq!((utf8.text.as_str(), utf8.encoding), ("né", None));
        // An odd byte after a UTF-16 BOM is malformed.
        assert!(dec(&[0xFF, 0xFE, b'a', 0, b'b']).is_err());
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        // Windows-1252 from Word: curly quotes, an en dash, an accent.
        let w = b"The mayor\x92s office said \x93no\x94 \x96 30 people in Ciudad Ju\xe1rez.";
        let d = dec(w).unwrap();
        assert_eq!(
            d.text,
            "The mayor\u{2019}s office said \u{201c}no\u{201d} \u{2013} 30 people in Ciudad Juárez."
        );
        // So short a text reads the same in windows-1250 and windows-1252.
        assert!(d.encoding.unwrap().starts_with("windows-125"), "{d:?}");
        let latin1 = dec(b"<p>Caf\xe9 de la Se\xf1ora, Espa\xf1a</p>").unwrap();
        assert_eq!(latin1.text, "<p>Café de la Señora, España</p>");
    }

    #[test]
    fn undecidable_bytes_are_errors() {
        // UTF-8 with a stray byte: a legacy reading would garble "é".
        let e = dec(b"caf\xc3\xa9 and \xff").unwrap_err();
        assert!(
            e.contains("not valid UTF-8") && e.contains("offset 10"),
            "{e}"
        );
        // A character cut off at the end.
        assert!(dec(b"end \xe6\x97").unwrap_err().contains("offset 4"));
        // Binary data and UTF-16 without a BOM.
        assert!(dec(b"\x00\x01\x02\xff").is_err());
        assert!(dec(b"a\x00b\x00\xe9\x00").is_err());
    }
}
