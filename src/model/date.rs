//! Calendar dates at the precision a text gives them: a year, a month or a day.
//!
//! In: strings like `"2019"`, `"2019-11"`, `"2019-11-28"`. Out: [`PartialDate`], which
//! orders, prints back in the same ISO form and formats for readers ("November 2019").
//! It never invents precision: a month stays a month.

use crate::lang::dates::{Absolute, NumericOrder};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::LazyLock;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// Year and month.
    Month,
    /// A full calendar day.
    Day,
}

/// A date known to a year, a month or a day.
///
/// Ordering is chronological, with a less precise date sorting before the more precise
/// dates it contains (`2019` < `2019-01` < `2019-01-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year (four digits in practice).
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u8>,
    /// Day 1–31, if known (only with a month).
    pub day: Option<u8>,
}

/// English month names, for display: the English lexicon's. Language tables for display
/// live in the theme's string table; this one is for data.
pub static MONTHS_EN: LazyLock<[&str; 12]> =
    LazyLock::new(|| crate::lang::lexicon::EN.month_names());

impl PartialDate {
    /// A year-only date.
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A year-and-month date. Returns `None` for a month outside 1–12.
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date. Returns `None` if the day does not exist in that month.
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// The precision of this date.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates
    /// such as `2019-13-45`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || format!("`{s}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [y] => Ok(PartialDate::year(num(y, 4)? as i32)),
            [y, m] => PartialDate::month(num(y, 4)? as i32, num(m, 2)? as u8)
                .ok_or_else(|| format!("`{s}` has no such month")),
            [y, m, d] => PartialDate::day(num(y, 4)? as i32, num(m, 2)? as u8, num(d, 2)? as u8)
                .ok_or_else(|| format!("`{s}` is not a day of the calendar")),
            _ => Err(bad()),
        }
    }

    /// The same date cut to a coarser precision (never finer than it is).
    pub fn truncate(&self, precision: Precision) -> Self {
        match precision {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate {
                year: self.year,
                month: self.month,
                day: None,
            },
            Precision::Day => *self,
        }
    }

    /// English display form: "2019", "November 2019", "13 February 2020".
    pub fn display_en(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS_EN[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS_EN[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The first day this date covers, as `YYYY-MM-DD` (for sorting and feeds).
    pub fn first_day(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// The last day this date covers, as `YYYY-MM-DD`.
    pub fn last_day(&self) -> String {
        let month = self.month.unwrap_or(12);
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month))
        )
    }

    /// Day of the week of a full date, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> Option<u8> {
        let (m, d) = (self.month?, self.day?);
        Some(weekday(self.year, m, d))
    }
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day of the week, 0 = Monday … 6 = Sunday (Sakamoto's method).
pub fn weekday(year: i32, month: u8, day: u8) -> u8 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday0 =
        (y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day as i32).rem_euclid(7);
    ((sunday0 + 6) % 7) as u8
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date in a TOML file may be quoted (`"2024-03-04"`, `"2024-03"`, `"2024"`),
/// unquoted (`2024-03-04`, a TOML date, which serde hands over as a one-entry map), or a
/// bare year (`2024`). Anything else is refused in an editor's words, not serde's
/// ("invalid type: map, expected a string").
impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

const DATE_FORMS: &str = "write a date as 2024-03-04, 2024-03 or 2024";

struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date (2024-03-04, 2024-03 or 2024)")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<PartialDate, E> {
        PartialDate::parse(s).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, y: i64) -> Result<PartialDate, E> {
        match i32::try_from(y) {
            Ok(y) if (1..=9999).contains(&y) => Ok(PartialDate::year(y)),
            _ => Err(E::custom(format!("{y} is not a year; {DATE_FORMS}"))),
        }
    }

    fn visit_u64<E: serde::de::Error>(self, y: u64) -> Result<PartialDate, E> {
        self.visit_i64(i64::try_from(y).unwrap_or(i64::MAX))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PartialDate, E> {
        Err(E::custom(format!("{v} is not a date; {DATE_FORMS}")))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<PartialDate, E> {
        Err(E::custom(format!("{v} is not a date; {DATE_FORMS}")))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<PartialDate, A::Error> {
        Err(serde::de::Error::custom(format!(
            "a list is not a date; {DATE_FORMS}"
        )))
    }

    /// An unquoted TOML date or date-time: `toml` passes it as a map of one private key
    /// to its text (`2024-03-04`, `2024-03-04T10:00:00Z`); only the date is kept.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PartialDate, A::Error> {
        let bad = || serde::de::Error::custom(format!("a table is not a date; {DATE_FORMS}"));
        let Some(key) = map.next_key::<String>()? else {
            return Err(bad());
        };
        if !key.contains("datetime") {
            return Err(bad());
        }
        let text: String = map.next_value()?;
        let date = text.get(..10).unwrap_or(&text);
        if !date.contains('-') || date.len() < 10 {
            return Err(serde::de::Error::custom(format!(
                "{text} is a time, not a date; {DATE_FORMS}"
            )));
        }
        PartialDate::parse(date).map_err(serde::de::Error::custom)
    }
}

/// A recognised date expression as a calendar date (here, not in [`crate::lang`], which
/// knows how dates are written but not the calendar).
impl Absolute {
    /// The calendar date, `None` if there is no such day or month.
    pub fn date(self, order: NumericOrder) -> Option<PartialDate> {
        match self {
            Absolute::Day { year, month, day } => PartialDate::day(year, month, day),
            Absolute::Numeric {
                first,
                second,
                year,
            } => {
                let swap = match order {
                    NumericOrder::MonthFirst => false,
                    NumericOrder::MonthFirstUnlessImpossible => first > 12,
                    NumericOrder::DayFirst => true,
                };
                let (month, day) = if swap {
                    (second, first)
                } else {
                    (first, second)
                };
                PartialDate::day(year, month, day)
            }
            Absolute::Month { year, month } => PartialDate::month(year, month),
            Absolute::Year(year) => Some(PartialDate::year(year)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_toml_may_be_quoted_unquoted_or_a_year() {
        #[derive(Debug, Deserialize)]
        struct T {
            d: PartialDate,
        }
        let d = |text: &str| toml::from_str::<T>(text).map(|t| t.d.to_string());
        assert_eq!(d("d = 2024-03-04").unwrap(), "2024-03-04");
        assert_eq!(d("d = \"2024-03-04\"").unwrap(), "2024-03-04");
        assert_eq!(d("d = \"2024-03\"").unwrap(), "2024-03");
        assert_eq!(d("d = 2024").unwrap(), "2024");
        assert_eq!(d("d = 2024-03-04T10:00:00Z").unwrap(), "2024-03-04");
        for bad in [
            "d = 10:00:00",
            "d = true",
            "d = [1]",
            "d = {a = 1}",
            "d = 0",
        ] {
            let msg = d(bad).unwrap_err().to_string();
            assert!(msg.contains("write a date as 2024-03-04"), "{bad}: {msg}");
            assert!(!msg.contains("invalid type"), "{bad}: {msg}");
        }
        assert!(d("d = 2024-02-30").is_err());
    }

    #[test]
    fn recognised_dates_become_calendar_dates() {
        let day = |year, month, day| Absolute::Day { year, month, day };
        assert_eq!(day(2021, 2, 30).date(NumericOrder::MonthFirst), None);
        assert_eq!(
            day(2021, 2, 3).date(NumericOrder::MonthFirst),
            PartialDate::day(2021, 2, 3)
        );
        let numeric = Absolute::Numeric {
            first: 23,
            second: 5,
            year: 2018,
        };
        assert_eq!(
            numeric.date(NumericOrder::MonthFirstUnlessImpossible),
            PartialDate::day(2018, 5, 23)
        );
        assert_eq!(numeric.date(NumericOrder::MonthFirst), None);
    }

    #[test]
    fn parses_the_three_precisions_and_prints_them_back() {
        for s in ["2019", "2019-11", "2018-05-23"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(
            PartialDate::parse("2019-11").unwrap().precision(),
            Precision::Month
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2019-13-45",
            "2019-02-30",
            "19",
            "2019-1",
            "",
            "2019-00",
            "abcd",
        ] {
            assert!(PartialDate::parse(s).is_err(), "{s} should be rejected");
        }
        assert!(PartialDate::parse("2020-02-29").is_ok());
    }

    #[test]
    fn orders_coarse_before_fine() {
        let y = PartialDate::parse("2019").unwrap();
        let m = PartialDate::parse("2019-01").unwrap();
        let d = PartialDate::parse("2019-01-01").unwrap();
        assert!(y < m && m < d);
        assert!(PartialDate::parse("2018-12-31").unwrap() < y);
    }

    #[test]
    fn displays_for_readers() {
        assert_eq!(
            PartialDate::parse("2020-02-13").unwrap().display_en(),
            "13 February 2020"
        );
        assert_eq!(
            PartialDate::parse("2010-08").unwrap().display_en(),
            "August 2010"
        );
    }

    #[test]
    fn knows_weekdays() {
        // 23 May 2018 was a Wednesday; 1 January 2000 a Saturday.
        assert_eq!(weekday(2018, 5, 23), 2);
        assert_eq!(weekday(2000, 1, 1), 5);
    }
}
