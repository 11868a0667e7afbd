//! Datelines: a line near the top of a document that is only a date, possibly with a
//! byline ("05-23-2018", "13 February, 2020", "April 15, 2020", "By Ana Ruiz on April 15,
//! 2020", "Published: Tuesday, 3 March 2020").
//!
//! In: one trimmed line. Out: the [`PartialDate`] it states, or `None` when the line is
//! anything more than a date (a sentence that merely contains a date is not a dateline).
//! Never guesses a year: a line without a four-digit year is not a dateline.

use crate::model::date::{MONTHS_EN, PartialDate};

/// Reads a dateline. See the module documentation for the accepted forms.
///
/// Numeric dates are read month-day-year (`05-23-2018`), except when the first number
/// is greater than 12, which makes it day-month-year (`23-05-2018`). `YYYY-MM-DD` is
/// also accepted. Word dates accept `13 February, 2020`, `February 13, 2020`,
/// `Feb. 13th 2020` and `February 2020`, with an optional weekday in front.
pub fn parse_dateline(line: &str) -> Option<PartialDate> {
    let line = line.trim_matches(|c: char| c.is_whitespace());
    if line.is_empty() || line.len() > 120 {
        return None;
    }
    let rest = strip_byline(line);
    let rest = strip_label(rest);
    let rest = strip_weekday(rest);
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '·');
    parse_numeric(rest).or_else(|| parse_words(rest))
}

/// "By Jane Doe on April 15, 2020" / "By Jane Doe | April 15, 2020" / "By Jane Doe, April
/// 15, 2020": keeps what follows the name. The name must be short.
fn strip_byline(line: &str) -> &str {
    let Some(after) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
    else {
        return line;
    };
    for sep in [" on ", " | ", " - ", " — ", " · "] {
        if let Some(i) = after.find(sep)
            && after[..i].split_whitespace().count() <= 6
        {
            return &after[i + sep.len()..];
        }
    }
    // "By Jane Doe, April 15, 2020": the date starts at the first month name or digit
    // after a comma.
    if let Some(i) = after.find(", ")
        && after[..i].split_whitespace().count() <= 6
    {
        return &after[i + 2..];
    }
    line
}

/// "Published: …", "Posted on …", "Updated …", "Date: …".
fn strip_label(line: &str) -> &str {
    for label in [
        "Published on",
        "Published:",
        "Published",
        "Posted on",
        "Posted:",
        "Posted",
        "Updated:",
        "Updated",
        "Date:",
        "Dated",
    ] {
        if let Some(rest) = line.strip_prefix(label) {
            return rest.trim_start();
        }
    }
    line
}

fn strip_weekday(line: &str) -> &str {
    // The day names come from the language table the extractor uses.
    const DAYS: &[&str] = crate::extract::lexicon::EN.weekdays;
    for d in DAYS.iter().copied() {
        for cand in [d, &d[..3]] {
            if let Some(rest) = line.strip_prefix(cand) {
                let rest = rest.strip_prefix('.').unwrap_or(rest);
                let rest = rest.strip_prefix(',').unwrap_or(rest);
                if rest.starts_with(' ') {
                    return rest.trim_start();
                }
            }
        }
    }
    line
}

/// `05-23-2018`, `23/05/2018`, `23.05.2018`, `2018-05-23`.
fn parse_numeric(s: &str) -> Option<PartialDate> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if n.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return PartialDate::day(
            n[0] as i32,
            u8::try_from(n[1]).ok()?,
            u8::try_from(n[2]).ok()?,
        );
    }
    if parts[2].len() != 4 {
        return None;
    }
    let year = n[2] as i32;
    let (month, day) = if n[0] > 12 {
        (n[1], n[0])
    } else {
        (n[0], n[1])
    };
    PartialDate::day(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// The month number of an English month name or its abbreviation ("Feb", "Feb.", "Sept").
fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    for (i, m) in MONTHS_EN.iter().enumerate() {
        let full_match = w.eq_ignore_ascii_case(m);
        let abbrev = w.len() <= 4
            && m.len() >= w.len()
            && m.is_char_boundary(w.len())
            && m[..w.len()].eq_ignore_ascii_case(w);
        if full_match || abbrev {
            return Some(i as u8 + 1);
        }
    }
    None
}

/// A day number, allowing an ordinal suffix ("13", "13th", "1st").
fn day_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches(',');
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(['.', ',']);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// `13 February, 2020`, `February 13, 2020`, `Feb. 13th 2020`, `February 2020`.
fn parse_words(s: &str) -> Option<PartialDate> {
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [a, b, c] => {
            let year = year_of(c)?;
            if let (Some(d), Some(m)) = (day_of(a), month_of(b.trim_end_matches(','))) {
                return PartialDate::day(year, m, d);
            }
            if let (Some(m), Some(d)) = (month_of(a), day_of(b)) {
                return PartialDate::day(year, m, d);
            }
            None
        }
        [a, b] => PartialDate::month(year_of(b)?, month_of(a.trim_end_matches(','))?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_dateline(s).map(|d| d.to_string())
    }

    #[test]
    fn numeric_month_first_unless_impossible() {
        assert_eq!(d("07-04-1999").as_deref(), Some("1999-07-04"));
        assert_eq!(d("31/12/2001").as_deref(), Some("2001-12-31"));
        assert_eq!(d("2001-12-31").as_deref(), Some("2001-12-31"));
        assert_eq!(d("13-13-2001"), None);
        assert_eq!(d("07-04-99"), None);
    }

    #[test]
    fn word_dates() {
        assert_eq!(d("3 March, 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(d("March 3, 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(d("Mar. 3rd 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(d("Wednesday, March 3, 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(d("March 2021").as_deref(), Some("2021-03"));
        assert_eq!(d("February 30, 2021"), None);
    }

    #[test]
    fn bylines_and_labels() {
        assert_eq!(
            d("By Ana María Ruiz on June 9, 2017").as_deref(),
            Some("2017-06-09")
        );
        assert_eq!(d("By Sam Lee | 9 June 2017").as_deref(), Some("2017-06-09"));
        assert_eq!(d("Published: 9 June 2017").as_deref(), Some("2017-06-09"));
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert_eq!(d("On June 9, 2017 the river flooded."), None);
        assert_eq!(d("June 9, 2017 was a Friday"), None);
        assert_eq!(d("May the force be with you"), None);
        assert_eq!(d(""), None);
        assert_eq!(d("2017"), None);
    }
}
