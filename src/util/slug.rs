//! Slugs: safe, readable URL path segments.
//!
//! In: any string (a file stem, a title). Out: lower-case ASCII letters, digits and
//! single hyphens, never empty, never `.` or `..`, at most 80 bytes. Letters are
//! transliterated to ASCII ([`super::fold::to_ascii`]) so `Juárez` gives `juarez`.

/// Makes a slug from any text.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    // A slug keeps at most 80 bytes: a few hundred characters are plenty to make them.
    let head: String = text.chars().take(400).collect();
    for f in super::fold::to_ascii(&head).chars() {
        if f.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(f.to_ascii_lowercase());
            if out.len() >= 80 {
                break;
            }
        } else {
            pending_dash = true;
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
/// nothing readable is left (characters without a transliteration), `doc-` and a short
/// hash of the name, so that two such names get different pages.
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
        assert_eq!(slugify("ＣＯＮ"), "con-page", "full-width letters fold too");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("CON"), "con-page");
        assert!(slugify(&"x".repeat(500)).len() <= 80);
    }

    #[test]
    fn names_in_other_scripts_get_distinct_slugs() {
        assert_eq!(unique_slug("привет"), "privet");
        assert_eq!(unique_slug("你好"), "ni-hao");
        // Characters without a transliteration leave nothing readable: a hash decides.
        let a = unique_slug("\u{e000}\u{e001}");
        let b = unique_slug("\u{e002}");
        assert!(
            a.starts_with("doc-") && b.starts_with("doc-") && a != b,
            "{a} {b}"
        );
        assert_eq!(unique_slug("Ciudad Juárez"), "ciudad-juarez");
    }
}
