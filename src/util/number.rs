//! Numbers for readers: digit grouping and the decimal mark of a UI language.
//!
//! In: a value and a language code. Out: text. Used by the render stage's views and
//! the theme's `number` filter alike.

/// A count with its noun for the command line, in English: "1 event", "2 events".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A number for readers in `lang`: "57,000" and "2.5" in English, "57.000" and "2,5"
/// in Spanish.
pub fn format_number(v: f64, lang: &str) -> String {
    let (thousands, decimal) = if lang == "es" { ('.', ',') } else { (',', '.') };
    let neg = v < 0.0;
    let v = v.abs();
    let whole = v.trunc() as u64;
    let frac = v - v.trunc();
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    if frac > 0.0005 {
        let f = format!("{frac:.2}");
        let f = f
            .trim_start_matches('0')
            .trim_end_matches('0')
            .trim_end_matches('.');
        out.push_str(&f.replacen('.', &decimal.to_string(), 1));
    }
    if neg { format!("-{out}") } else { out }
}

/// An amount of money as [`format_number`] writes it, with its cents in two digits when
/// it has any (`0.3` → `0.30`, `1.5` → `1.50`; `12` stays `12`).
pub fn format_money(v: f64, lang: &str) -> String {
    let mut out = format_number(v, lang);
    let decimal = if lang == "es" { ',' } else { '.' };
    if out
        .rsplit_once(decimal)
        .is_some_and(|(_, cents)| cents.len() == 1)
    {
        out.push('0');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_shows_its_cents_in_two_digits() {
        assert_eq!(format_money(0.3, "en"), "0.30");
        assert_eq!(format_money(1.5, "es"), "1,50");
        assert_eq!(format_money(0.85, "en"), "0.85");
        assert_eq!(format_money(12.0, "en"), "12");
        assert_eq!(format_money(1500.0, "es"), "1.500");
    }

    #[test]
    fn spanish_groups_with_a_dot_and_writes_a_decimal_comma() {
        assert_eq!(format_number(11200.0, "es"), "11.200");
        assert_eq!(format_number(45.5, "es"), "45,5");
        assert_eq!(format_number(11200.0, "en"), "11,200");
        assert_eq!(format_number(999.0, "es"), "999");
    }
}
