//! The date recogniser: every form a date is written in, as one table of rules.
//!
//! In: a text (a sentence, or a line that may be a dateline) and the language's
//! [`Lexicon`]. Out: [`Found`] expressions, each a byte range and an [`Expr`] saying what
//! was written (day, month and year numbers, a period, `July 1st` without a year,
//! `10 years ago`, `Tuesday`, …), never resolved against a document's date: the year of
//! `July 1st` or the day of `Tuesday` is the reader's business (`extract::dates` for
//! sentences, `convert::dateline` for datelines).
//!
//! [`RULES`] lists the rules from most to least specific, the order in which a reader
//! takes them. Each rule is one entry: its regex, built from the lexicon's words; its
//! [`Kind`] (what resolving it needs); and the function that turns a match into an
//! [`Expr`]. A [`Recogniser`] compiles them for one lexicon and [`Mode`], each regex on
//! first use, and all of them into one `RegexSet` whose index is the rule index, to learn
//! in one pass which rules can match a text. The table is in `rules.rs`; this file holds
//! what it speaks of (the expressions) and the compiled [`Recogniser`].

mod rules;

pub use rules::{RULES, Rule};

use super::lexicon::Lexicon;
use regex::{Match, Regex, RegexSet};
use rules::{NEVER, Read, Vocab};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A date written in full, as written (not yet checked against the calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absolute {
    /// A day (`April 15, 2020`, `13 February 2020`, `2018-05-23`).
    Day {
        /// The year.
        year: i32,
        /// The month, 1–12 when the lexicon named it.
        month: u8,
        /// The day number as written.
        day: u8,
    },
    /// Two numbers and a year (`05-23-2018`): month and day in the US order, or day and
    /// month; see [`Absolute::date`].
    Numeric {
        /// The first number.
        first: u8,
        /// The second number.
        second: u8,
        /// The year.
        year: i32,
    },
    /// A month (`August 2010`).
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u8,
    },
    /// A year (`2014`).
    Year(i32),
}

/// How to read the two numbers of [`Absolute::Numeric`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// Month first (`05-23-2018`), as US sources write; `23-05-2018` is no date.
    MonthFirst,
    /// Month first, unless the first number cannot be a month (`23-05-2018`).
    MonthFirstUnlessImpossible,
    /// Day first (`23-05-2018`, `05/08/2010` = 5 August), as Spanish sources write;
    /// `05-23-2018` is no date.
    DayFirst,
}

/// What one date expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expr {
    /// A date on its own (`August 2010`, `05-23-2018`, `2014`).
    Date(Absolute),
    /// `since` a date: the date is the event's.
    Since(Absolute),
    /// A period with both ends known (`between … and …`, `2014-2017`, `March 3-5, 2020`,
    /// `the first six months of 2010`, `the 1990s`).
    Period(Absolute, Absolute),
    /// A day of the month alone (`el pasado día 23`): in the document's month, or the
    /// month before when that day is after the document's.
    DayOfMonth(u8),
    /// Two days without a year, first and last of a period (`between May 12 and June
    /// 2`), as (month, day).
    DayPair {
        /// The first day.
        from: (u8, u8),
        /// The last day.
        to: (u8, u8),
    },
    /// A day without a year to the end of a month (`from June 5 through the end of
    /// September`): the month's year as a month alone would take it, the day's the same
    /// or the one before.
    DayToMonthEnd {
        /// The first day, as (month, day).
        from: (u8, u8),
        /// The last month, 1–12, to its last day.
        to: u8,
    },
    /// A day to a month, without a year (`from January 21 to April`): the month's year
    /// as a month alone would take it, the day's the same or the one before.
    DayToMonth {
        /// The first day, as (month, day).
        from: (u8, u8),
        /// The last month, 1–12.
        to: u8,
    },
    /// A period whose first end has its year and whose last has none (`between October
    /// 2018 and June`, `del 1 de octubre de 2021 al 31 de agosto de este año`): the last
    /// end in the year its word gives (`of this year`), else the first one that is not
    /// before the start.
    OpenPeriod {
        /// The first end.
        from: Absolute,
        /// The last end's month and day (`None`: the whole month).
        to: (u8, Option<u8>),
        /// The year word's offset from the document's year, for the last end.
        year_offset: Option<i32>,
    },
    /// Two months without a year, first and last of a period (`from January to March`,
    /// `de enero a octubre`), perhaps with a year word (`between January and October
    /// last year`).
    MonthPair {
        /// The first month, 1–12.
        from: u8,
        /// The last month, 1–12.
        to: u8,
        /// The year word's offset from the document's year, for the last month.
        year_offset: Option<i32>,
    },
    /// Months of the document's fiscal year (`the first five months of this fiscal
    /// year`), 1-based from its first month.
    ThisFiscalPart {
        /// The first month of the part, counted from the fiscal year's first.
        first: u8,
        /// The last month of the part.
        last: u8,
        /// The month the fiscal year starts in.
        start_month: u8,
    },
    /// A day without a year (`July 1st`, `20 May`).
    MonthDay {
        /// The month, 1–12.
        month: u8,
        /// The day number as written.
        day: u8,
    },
    /// A month without a year (`in May`), perhaps with a year word (`in May last year`).
    BareMonth {
        /// The month, 1–12.
        month: u8,
        /// The year word's offset from the document's year (`last year`: -1).
        year_offset: Option<i32>,
        /// A word that puts the month before or after the document's month, never in it
        /// (`last October`: -1, `next May`: 1).
        side: Option<i32>,
    },
    /// `10 years ago`, `a month ago`.
    Ago {
        /// How many units.
        count: i32,
        /// The unit's length in months (a year: 12).
        unit_months: u32,
    },
    /// `today`.
    Today,
    /// `now`.
    Now,
    /// `yesterday` (-1), `tomorrow` (+1): days from the document's day.
    DayOffset(i64),
    /// `over a week ago`, `about two weeks ago`: a hedged count of days back, so no
    /// day: the month those days fall in, when they all fall in one.
    DaysAgoAbout(i64),
    /// A day of the week, 0 = Monday.
    Weekday(u8),
    /// The days from one day of the week to another (`between Saturday and Monday`): the
    /// second read as a week day alone, the first the latest such day before it.
    WeekdaySpan(u8, u8),
    /// The day of the week before the document's day, never that day (`el pasado
    /// viernes`), 0 = Monday.
    LastWeekday(u8),
    /// A week counted from the document's (`la próxima semana`: +1).
    WeekOffset {
        /// Weeks from the document's.
        offset: i32,
        /// The first day of a week (0 = Monday) where a week is dated to its days;
        /// `None`: to the month it falls in.
        first_day: Option<u8>,
    },
    /// A weekend, Saturday and Sunday, counted from the document's day (`over the
    /// weekend`: -1; `this weekend`: 0).
    Weekend(i32),
    /// Days after the date of the event just before in the text (`the following day`).
    AfterPrevious(i64),
    /// The fiscal year the document's date falls in (`this FY`), up to that date when
    /// `to_date` (`so far this FY`); it starts in `start_month` of the year before its
    /// number.
    ThisFiscalYear {
        /// Ends at the document's date.
        to_date: bool,
        /// The first month of a fiscal year.
        start_month: u8,
    },
    /// The first day of the fiscal year the document's date falls in (`since the
    /// beginning of the fiscal year`).
    FiscalYearStart {
        /// The first month of a fiscal year.
        start_month: u8,
    },
    /// The calendar year of the document's date, from its first month to the
    /// document's month (`so far this year`, `en lo que va del año`).
    YearToDate,
    /// The days from this many days before the document's day to that day: a state
    /// that has lasted until now (`has now been in effect for three weeks`).
    DaysToDate(i64),
    /// The last season before the document's date (`last summer`, `el verano pasado`),
    /// by its first month.
    LastSeason(u8),
    /// The season of the document's year (`this summer`), by its first month.
    ThisSeason(u8),
    /// A year counted from the document's (`last year`: -1).
    YearOffset(i32),
    /// A month counted from the document's (`last month`: -1).
    MonthOffset(i32),
}

/// One date expression in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the date words.
    pub start: usize,
    /// Byte offset just past them.
    pub end: usize,
    /// What they say.
    pub expr: Expr,
}

/// What resolving a rule's expressions needs besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nothing: the date is written in full.
    Absolute,
    /// The document's date (`July 1st`, `in May`, `10 years ago`, `today`).
    Relative,
    /// The document's day (`yesterday`, `Tuesday`).
    RelativeDay,
    /// The day of the event just before in the text (`the following day`).
    Previous,
}

/// What a text must hold for a rule to match it: cheap tests before the regex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// An ASCII digit (every year has some).
    pub digit: bool,
    /// A month name of the lexicon.
    pub month: bool,
}

/// How strictly to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Running text: month names as the lexicon writes them, years 1800–2099, numeric
    /// dates with `-` or `/`, ISO dates with two-digit month and day.
    Text,
    /// A line that is only a date: month names in any case with the abbreviation's dot
    /// optional (`FEB 3, 2020`), any four-digit year, numeric dates also with `.`
    /// (`23.05.2018`), ISO dates also with one-digit parts. (The case of month names is
    /// evened out in the text before the rules run, see [`Recogniser::absolute`]: a
    /// case-insensitive regex takes three times as long to compile.)
    Line,
}

/// The rules of one lexicon and mode, compiled.
pub struct Recogniser {
    lex: &'static Lexicon,
    mode: Mode,
    /// The regex source of each rule of [`RULES`], same index.
    sources: Vec<String>,
    /// Each rule's regex, compiled on first use: most texts need only a few of them.
    regexes: Vec<OnceLock<Regex>>,
    /// All rules (the set entry of a rule not in the set never matches).
    set: OnceLock<RegexSet>,
    /// Any month name, anywhere: a cheap test before the rules that need one.
    any_month: OnceLock<Regex>,
    /// The non-ASCII characters of the rules in the set (`–`, `—`).
    literals: String,
}

impl Recogniser {
    /// The recogniser of a lexicon in a mode, built on first use.
    pub fn get(lex: &'static Lexicon, mode: Mode) -> &'static Recogniser {
        type Cache = Mutex<HashMap<(&'static str, Mode), &'static Recogniser>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        map.entry((lex.code, mode))
            .or_insert_with(|| Box::leak(Box::new(Recogniser::new(lex, mode))))
    }

    fn new(lex: &'static Lexicon, mode: Mode) -> Recogniser {
        let vocab = Vocab::new(lex, mode);
        let sources: Vec<String> = RULES.iter().map(|r| (r.source)(&vocab)).collect();
        let literals = RULES
            .iter()
            .zip(&sources)
            .filter(|(r, _)| r.in_set)
            .flat_map(|(_, s)| s.chars())
            .filter(|c| !c.is_ascii())
            .collect();
        Recogniser {
            lex,
            mode,
            regexes: sources.iter().map(|_| OnceLock::new()).collect(),
            sources,
            set: OnceLock::new(),
            any_month: OnceLock::new(),
            literals,
        }
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &'static Lexicon {
        self.lex
    }

    /// True if a month name of the lexicon occurs in `text` (as written).
    pub fn has_month(&self, text: &str) -> bool {
        let any_month = self.any_month.get_or_init(|| {
            let months = self.lex.months.iter().map(|(w, _)| regex::escape(w));
            Regex::new(&months.collect::<Vec<_>>().join("|")).unwrap()
        });
        any_month.is_match(text)
    }

    /// The non-ASCII characters the rules in the set spell out (`–`, `—`).
    pub fn literals(&self) -> &str {
        &self.literals
    }

    /// All rules as one set: its index is the index in [`RULES`].
    pub fn set(&self) -> &RegexSet {
        self.set.get_or_init(|| {
            let entries = RULES
                .iter()
                .zip(&self.sources)
                .map(|(r, s)| if r.in_set { s.as_str() } else { NEVER });
            RegexSet::new(entries).expect("the rules are valid regexes")
        })
    }

    /// The regex source of rule `i`.
    pub fn source(&self, i: usize) -> &str {
        &self.sources[i]
    }

    fn regex(&self, i: usize) -> &Regex {
        self.regexes[i]
            .get_or_init(|| Regex::new(&self.sources[i]).expect("the rules are valid regexes"))
    }

    /// The month number of a month word, read as the mode says.
    fn month(&self, word: &str) -> Option<u8> {
        match self.mode {
            Mode::Text => self.lex.month(word),
            Mode::Line => self.lex.month_any_case(word),
        }
    }

    /// The month number of a month word standing alone (`in May`, `February’s`): not a
    /// month abbreviation written without its dot (`in Mar del Plata`, `Jan said`).
    fn month_alone(&self, word: &str) -> Option<u8> {
        let abbreviated = !word.ends_with('.') && !self.lex.month_names().contains(&word);
        if abbreviated && self.mode == Mode::Text {
            return None;
        }
        self.month(word)
    }

    /// Calls `f` with each expression rule `i` finds in `hay`, left to right. `hay` is
    /// `text` or a same-length stand-in of it (same matches at the same offsets); the
    /// rule reads what lies around a match in `text`.
    pub fn each(&self, i: usize, hay: &str, text: &str, mut f: impl FnMut(Found)) {
        let regex = self.regex(i);
        match RULES[i].read {
            Read::Groups(read) => {
                // A read that keeps only the start of its match (`FY 2014 and FY 2013` is
                // no period: `FY 2014`) leaves the rest to be matched again.
                let mut at = 0;
                while let Some(c) = regex.captures_at(hay, at) {
                    let m = c.get(0).expect("a match has its whole");
                    let mut next = m.end();
                    if let Some(e) = read(self, &c, text) {
                        if e.end > m.start() && e.end < m.end() {
                            next = e.end;
                        }
                        f(e);
                    }
                    if next == m.start() {
                        next += hay[next..].chars().next().map_or(1, char::len_utf8);
                    }
                    if next > hay.len() {
                        break;
                    }
                    at = next;
                }
            }
            Read::Text(read) => {
                for m in regex.find_iter(hay) {
                    if let Some(e) = read(self, m, text) {
                        f(e);
                    }
                }
            }
        }
    }

    /// The absolute date `s` is, all of it (`August 2010`, `05-23-2018`, `2014`), read
    /// by the first rule marked [`Rule::alone`] whose first match is the whole of `s`
    /// (white space around it aside).
    pub fn absolute(&self, s: &str) -> Option<Absolute> {
        let s = s.trim();
        let even;
        let s = match self.mode {
            Mode::Text => s,
            Mode::Line => {
                even = self.even_months(s);
                even.as_str()
            }
        };
        // A date with a month name has letters; one without, none: only the rules that
        // can match are tried (and compiled).
        let words = s.bytes().any(|b| b.is_ascii_alphabetic());
        let whole = |m: Match| m.start() == 0 && m.end() == s.len();
        for (i, rule) in RULES.iter().enumerate() {
            // A date with letters may be one of a month or an edge of a year (`the end of
            // 2019`); one without can be neither.
            if !rule.alone || (rule.needs.month || rule.name == "year_edge") != words {
                continue;
            }
            let found = match rule.read {
                Read::Groups(read) => match self.regex(i).captures(s) {
                    Some(c) if c.get(0).is_some_and(whole) => read(self, &c, s),
                    _ => continue,
                },
                Read::Text(read) => match self.regex(i).find(s) {
                    Some(m) if whole(m) => read(self, m, s),
                    _ => continue,
                },
            };
            return match found?.expr {
                Expr::Date(a) => Some(a),
                _ => None,
            };
        }
        None
    }
}

impl Recogniser {
    /// `s` with each word that is a month name in any case written as the lexicon
    /// writes it (`MARCH`, `march` → `March`; `FEB` → `Feb`): same length, same offsets.
    fn even_months(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            let word_start =
                c.is_ascii_alphabetic() && !out.ends_with(|p: char| p.is_alphanumeric());
            if !word_start {
                out.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let len = rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            let (word, tail) = rest.split_at(len);
            if self.lex.month_any_case(word).is_some() {
                out.push(c.to_ascii_uppercase());
                out.push_str(&word[1..].to_ascii_lowercase());
            } else {
                out.push_str(word);
            }
            rest = tail;
        }
        out
    }
}

/// The `i`-th month (1-based) of fiscal year `fy`, whose first month is `start`, as a
/// calendar year and month: month 1 of FY2020 starting in October is October 2019.
pub fn fiscal_month(fy: i32, start: u8, i: u8) -> (i32, u8) {
    let m0 = start as i32 - 1 + i as i32 - 1;
    let y = if start > 1 { fy - 1 } else { fy };
    (y + m0 / 12, (m0 % 12 + 1) as u8)
}

/// The index in [`RULES`] of the rule named `name`.
pub fn rule_index(name: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.name == name)
        .expect("a rule of that name")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::EN;

    fn text() -> &'static Recogniser {
        Recogniser::get(&EN, Mode::Text)
    }

    fn all(rule: &str, s: &str) -> Vec<Found> {
        let mut v = Vec::new();
        text().each(rule_index(rule), s, s, |f| v.push(f));
        v
    }

    #[test]
    fn the_set_index_is_the_rule_index() {
        let r = text();
        assert_eq!(r.set().len(), RULES.len());
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule_index(rule.name), i, "names are unique");
            let set_source = &r.set().patterns()[i];
            if rule.in_set {
                assert_eq!(set_source, r.source(i), "{}", rule.name);
                assert!(r.set().matches(rule.example).matched(i), "{}", rule.name);
            } else {
                assert_eq!(set_source, NEVER);
                assert!(!r.set().matches(rule.example).matched(i), "{}", rule.name);
            }
        }
    }

    #[test]
    fn dates_alone_are_read_whole() {
        let alone: Vec<&str> = RULES.iter().filter(|r| r.alone).map(|r| r.name).collect();
        assert_eq!(
            alone,
            [
                "full_mdy",
                "full_dmy",
                "num_us",
                "iso",
                "month_year",
                "year_edge",
                "year"
            ]
        );
        for rule in RULES.iter().filter(|r| r.alone) {
            assert!(text().absolute(rule.example).is_some(), "{}", rule.name);
            let longer = format!("{} more", rule.example);
            assert_eq!(text().absolute(&longer), None, "{}", rule.name);
        }
    }

    #[test]
    fn every_rule_reads_its_example() {
        // A rule of one language only (`el pasado día 23`) reads its example in that one.
        let es = Recogniser::get(crate::lang::lexicon::lexicon("es"), Mode::Text);
        for (i, rule) in RULES.iter().enumerate() {
            let mut v = Vec::new();
            text().each(i, rule.example, rule.example, |f| v.push(f));
            es.each(i, rule.example, rule.example, |f| v.push(f));
            assert!(
                !v.is_empty(),
                "{} reads nothing in {:?}",
                rule.name,
                rule.example
            );
        }
    }

    #[test]
    fn says_what_was_written() {
        let day = |year, month, day| Absolute::Day { year, month, day };
        assert_eq!(
            all("between", "between 05-23-2018 and August 2019")[0].expr,
            Expr::Period(
                Absolute::Numeric {
                    first: 5,
                    second: 23,
                    year: 2018
                },
                Absolute::Month {
                    year: 2019,
                    month: 8
                }
            )
        );
        assert_eq!(
            all("full_dmy", "on 13 February, 2020.")[0],
            Found {
                start: 3,
                end: 20,
                expr: Expr::Date(day(2020, 2, 13))
            }
        );
        assert_eq!(
            all("part_of", "the second quarter of 2021")[0].expr,
            Expr::Period(
                Absolute::Month {
                    year: 2021,
                    month: 4
                },
                Absolute::Month {
                    year: 2021,
                    month: 6
                }
            )
        );
        // Not resolved: no year, no calendar check.
        assert_eq!(
            all("month_day", "on July 1st")[0].expr,
            Expr::MonthDay { month: 7, day: 1 }
        );
        assert_eq!(
            all("bare_month", "in May last year")[0],
            Found {
                start: 3,
                end: 16,
                expr: Expr::BareMonth {
                    month: 5,
                    year_offset: Some(-1),
                    side: None,
                }
            }
        );
        assert_eq!(text().absolute("February 30, 2021"), Some(day(2021, 2, 30)));
    }

    #[test]
    fn fiscal_quarters() {
        let day = |year, month, day| Absolute::Day { year, month, day };
        let v = all("fiscal_year", "rose in FY2022 Q4.");
        assert_eq!(
            v[0],
            Found {
                start: 8,
                end: 17,
                expr: Expr::Period(day(2022, 7, 1), day(2022, 9, 30))
            }
        );
    }

    #[test]
    fn lines_read_more_loosely() {
        let line = Recogniser::get(&EN, Mode::Line);
        let day = |year, month, day| Some(Absolute::Day { year, month, day });
        assert_eq!(line.absolute("FEB 3, 2020"), day(2020, 2, 3));
        assert_eq!(text().absolute("FEB 3, 2020"), None);
        assert_eq!(line.absolute("2020.2.3"), day(2020, 2, 3));
        assert_eq!(
            line.absolute("23.05.2018"),
            Some(Absolute::Numeric {
                first: 23,
                second: 5,
                year: 2018
            })
        );
        assert_eq!(line.absolute("June 9, 2017 was a Friday"), None);
    }
}
