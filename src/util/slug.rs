//! Slugs: safe, readable URL path segments.
//!
//! In: any string (a file stem, a title). Out: lower-case ASCII letters, digits and
//! single hyphens, never empty, never `.` or `..`, at most 80 bytes. Common accented
//! Latin letters are folded to their base letter so `Juárez` gives `juarez`.

/// Makes a slug from any text.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let folded = fold(c);
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(f.to_ascii_lowercase());
            } else {
                pending_dash = true;
            }
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.truncate(80);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("untitled");
    }
    // Windows cannot create folders with these names; keep the site portable.
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-page");
    }
    out
}

/// A slug for a name that must not collide with other names: [`slugify`], or, when
/// nothing readable is left (a name in another script), `doc-` and a short hash of the
/// name, so that `привет` and `你好` get different pages.
pub fn unique_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug != "untitled" || name.trim().is_empty() {
        return slug;
    }
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(name.as_bytes());
    let hex: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("doc-{hex}")
}

/// Folds an accented Latin letter to its ASCII base; other characters are returned as
/// they are (and later dropped if not ASCII alphanumeric).
fn fold(c: char) -> String {
    let s = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
            "a"
        }
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => "i",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "o",
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => "u",
        'ñ' | 'Ñ' => "n",
        'ç' | 'Ç' => "c",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return c.to_string(),
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_readable() {
        assert_eq!(slugify("000_1a28bce7c236d9b4"), "000-1a28bce7c236d9b4");
        assert_eq!(slugify("Ciudad Juárez"), "ciudad-juarez");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("a\\b/c\0d"), "a-b-c-d");
        assert_eq!(slugify(".."), "untitled");
        assert_eq!(slugify("ＣＯＮ"), "untitled");
        assert_eq!(slugify("CON"), "con-page");
        assert!(slugify(&"x".repeat(500)).len() <= 80);
    }

    #[test]
    fn names_in_other_scripts_get_distinct_slugs() {
        let a = unique_slug("привет");
        let b = unique_slug("你好");
        assert!(
            a.starts_with("doc-") && b.starts_with("doc-") && a != b,
            "{a} {b}"
        );
        assert_eq!(unique_slug("Ciudad Juárez"), "ciudad-juarez");
    }
}
