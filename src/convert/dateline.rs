//! Datelines: a line near the top of a document that is only a date, possibly with a
//! byline ("05-23-2018", "13 February, 2020", "April 15, 2020", "By Ana Ruiz on April 15,
//! 2020", "Published: Tuesday, 3 March 2020"); the byline and label words come from the
//! lexicon.
//!
//! In: one trimmed line. Out: the [`PartialDate`] it states, or `None` when the line is
//! anything more than a date (a sentence that merely contains a date is not a dateline).
//! Never guesses a year: a line without a four-digit year is not a dateline. The date
//! itself is read by the date recogniser ([`crate::lang::dates`]), in its looser
//! [`Mode::Line`]; this module strips what may stand around it.

use crate::lang::dates::{Absolute, Mode, NumericOrder, Recogniser};
use crate::lang::lexicon::EN;
use crate::model::date::PartialDate;

/// Reads a dateline. See the module documentation for the accepted forms.
///
/// Numeric dates are read month-day-year (`05-23-2018`), except when the first number
/// is greater than 12, which makes it day-month-year (`23-05-2018`); `.` separates as
/// well as `-` and `/`. `YYYY-MM-DD` is also accepted. Word dates accept `13 February,
/// 2020`, `February 13, 2020`, `Feb. 13th 2020` and `February 2020`, month names in any
/// case, with an optional weekday in front.
pub fn parse_dateline(line: &str) -> Option<PartialDate> {
    let line = line.trim_matches(|c: char| c.is_whitespace());
    if line.is_empty() || line.len() > 120 {
        return None;
    }
    let rest = strip_byline(line);
    let rest = strip_label(rest);
    let rest = strip_weekday(rest);
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '·');
    let rest = rest.strip_suffix(['.', ',']).unwrap_or(rest);
    // Every dateline ends with its year: a cheap test before the recogniser's.
    if !rest.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match Recogniser::get(&EN, Mode::Line).absolute(rest)? {
        // A year alone is not a dateline.
        Absolute::Year(_) => None,
        date => date.date(NumericOrder::MonthFirstUnlessImpossible),
    }
}

/// "By Jane Doe on April 15, 2020" / "By Jane Doe | April 15, 2020" / "By Jane Doe, April
/// 15, 2020": keeps what follows the name. The name must be short.
fn strip_byline(line: &str) -> &str {
    let Some(after) = EN.byline_prefixes.iter().find_map(|p| line.strip_prefix(p)) else {
        return line;
    };
    let punctuation = [" | ", " - ", " — ", " · "];
    for sep in EN.byline_on.iter().copied().chain(punctuation) {
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
    for label in EN.dateline_labels {
        if let Some(rest) = line.strip_prefix(label) {
            return rest.trim_start();
        }
    }
    line
}

fn strip_weekday(line: &str) -> &str {
    // The day names come from the language table.
    for d in EN.weekdays.iter().copied() {
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

    #[test]
    fn reads_through_the_recogniser_loosely() {
        assert_eq!(d("23.05.2018").as_deref(), Some("2018-05-23"));
        assert_eq!(d("FEB 13, 2020").as_deref(), Some("2020-02-13"));
        assert_eq!(d("Sept 3 2020").as_deref(), Some("2020-09-03"));
        assert_eq!(d("March 2020.").as_deref(), Some("2020-03"));
        assert_eq!(
            d("Posted on Tue, 5 May 2020").as_deref(),
            Some("2020-05-05")
        );
    }
}
