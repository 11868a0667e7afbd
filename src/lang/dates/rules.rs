//! The table of date rules: for each form a date is written in, its regex (built from
//! the lexicon's words), its kind and the reader that turns a match into an [`Expr`].
//!
//! In: a [`Vocab`] (the lexicon's words as regex parts, for one [`super::Mode`]). Out:
//! each rule's regex source, and per match a [`Found`]. [`RULES`] is long because it is
//! the whole table, one entry per form, each with its example.

use super::{Absolute, Expr, Found, Kind, Mode, Needs, Recogniser, fiscal_month};
use crate::lang::lexicon::Lexicon;
use regex::{Captures, Match};

const NOTHING: Needs = Needs {
    digit: false,
    month: false,
};
const DIGIT: Needs = Needs {
    digit: true,
    month: false,
};
const MONTH: Needs = Needs {
    digit: false,
    month: true,
};
const DIGIT_MONTH: Needs = Needs {
    digit: true,
    month: true,
};

/// How a rule turns a match into an expression. The text is the one the expression was
/// found in (the haystack may be a same-length stand-in of it).
#[derive(Clone, Copy)]
pub(super) enum Read {
    /// From the capture groups.
    Groups(fn(&Recogniser, &Captures, &str) -> Option<Found>),
    /// From the matched text alone: no capture search, for the most frequent forms.
    Text(fn(&Recogniser, Match, &str) -> Option<Found>),
}

/// One form of date expression.
pub struct Rule {
    /// A short name, for tests and messages.
    pub name: &'static str,
    /// What resolving its expressions needs.
    pub kind: Kind,
    /// What a text must hold for it to match.
    pub needs: Needs,
    /// False for a rule that starts with short words found everywhere (`in May`): it runs
    /// on its own ASCII stand-in of a text, and its entry in the set never matches.
    pub in_set: bool,
    /// An absolute date on its own: also read whole, as an end of a period (`between …
    /// and …`) or a dateline ([`Recogniser::absolute`]).
    pub alone: bool,
    /// A text the rule reads (for tests).
    pub example: &'static str,
    pub(super) source: fn(&Vocab) -> String,
    pub(super) read: Read,
}

/// The parts of the rules' regexes, built once per lexicon and mode.
pub(super) struct Vocab<'a> {
    lex: &'a Lexicon,
    /// Any month name.
    m: String,
    /// A year.
    y: &'static str,
    /// A numeric date's separator.
    sep: &'static str,
    /// An ISO date's separator.
    iso_sep: &'static str,
    /// An ISO date's month or day.
    iso_num: &'static str,
    /// Any absolute date, as the rules `full_mdy` … `year` read it.
    abs: String,
    /// The suffixes of a day number (`1st`), in a group.
    th: String,
    /// The word between a day and its month (`20th of May`).
    of: String,
    /// The words between a month and its year (`of`, `de`, `del`), in a group.
    year_of: String,
}

impl Vocab<'_> {
    pub(super) fn new(lex: &Lexicon, mode: Mode) -> Vocab<'_> {
        // Digits are `[0-9]`, not `\d`: every reader here reads ASCII digits only, and a
        // Unicode `\d` makes each pattern about twice as slow to compile.
        let months = lex.months.iter().map(|(w, _)| *w);
        let (m, y, sep, iso_sep, iso_num) = match mode {
            Mode::Text => (
                format!("(?:{})", alternation(months)),
                r"(?:18|19|20)[0-9][0-9]",
                "[-/]",
                "-",
                "[0-9][0-9]",
            ),
            Mode::Line => (
                format!("(?:{})", loose_alternation(months)),
                "[0-9]{4}",
                "[-/.]",
                "[-/.]",
                "[0-9]{1,2}",
            ),
        };
        let th = format!("(?:{})", plain(lex.day_suffixes));
        let of = regex::escape(lex.day_of);
        let d = format!(r"[0-9]{{1,2}}{th}?");
        // `Dec. 21,2005`: the comma may stand for the space.
        let full_mdy = format!(r"{m}\s+{d}(?:,\s*|\s+){y}");
        let year_of = format!(
            "(?:{})",
            std::iter::once(of.clone())
                .chain(lex.year_of.iter().map(|w| regex::escape(w)))
                .collect::<Vec<_>>()
                .join("|")
        );
        let full_dmy = format!(r"{d}\s+(?:{of}\s+)?{m},?\s+(?:{year_of}\s+)?{y}");
        let num_us = format!(r"[0-9]{{1,2}}{sep}[0-9]{{1,2}}{sep}{y}");
        let iso = format!(r"{y}{iso_sep}{iso_num}{iso_sep}{iso_num}");
        let my = format!(r"{m},?\s+(?:{year_of}\s+)?{y}");
        let edge = format!(
            r"(?i:{}\s+)?(?i:{})\s+{of}\s+{y}",
            regex::escape(lex.period_article),
            alternation(
                lex.period_start_words
                    .iter()
                    .chain(lex.period_end_words)
                    .copied()
            )
        );
        let abs = format!(r"(?:{full_mdy}|{full_dmy}|{num_us}|{iso}|{my}|{edge}|{y})");
        Vocab {
            lex,
            m,
            y,
            sep,
            iso_sep,
            iso_num,
            abs,
            th,
            of,
            year_of,
        }
    }

    /// A fiscal-year label before its year: `FY`, `FY `, `fiscal year `, `Fiscal Year
    /// (FY) `.
    fn fiscal_label(&self) -> String {
        let lex = self.lex;
        format!(
            r"(?:\b(?i:{})s?\s+(?:\((?:{})\)\s+)?|\b(?:{})\s?)",
            alternation(lex.fiscal_year_words.iter().copied()),
            plain(lex.fiscal_year_codes),
            plain(lex.fiscal_year_codes)
        )
    }

    /// The words that open a period (`between`, `from`), any case.
    fn range_openers(&self) -> String {
        let lex = self.lex;
        let all = lex.span_between.iter().chain(lex.span_from).copied();
        format!("(?i:{})", alternation(all))
    }

    /// The words that join the ends of a period (`and`, `to`, `through`), any case.
    fn range_joiners(&self) -> String {
        let lex = self.lex;
        let all = lex.span_and.iter().chain(lex.span_through).copied();
        format!("(?i:{})", alternation(all))
    }

    /// A day of a month without a year, in the language's order, in two groups (`June
    /// 5`: month then day; `el 5 de junio`: day then month); see [`month_day_at`].
    fn month_day(&self) -> String {
        let (m, th, of) = (&self.m, &self.th, &self.of);
        if self.lex.month_then_day {
            format!(r"({m})\s+([0-9]{{1,2}}){th}?")
        } else {
            let art = self.article();
            format!(r"(?:{art}\s+)?([0-9]{{1,2}}){th}?\s+(?:{of}\s+)?({m})")
        }
    }

    /// The article that may stand before a day number (`entre el 22 y el 23`), any case.
    fn article(&self) -> String {
        format!("(?i:{})", regex::escape(self.lex.period_article))
    }

    /// A day of the month: its number, or a word for the first (`primero`).
    fn day(&self) -> String {
        match self.lex.day_one_words {
            [] => "[0-9]{1,2}".to_string(),
            one => format!("(?:[0-9]{{1,2}}|{})", self.words(one)),
        }
    }

    /// A case-insensitive alternation of a word list, in a group.
    fn words(&self, list: &[&str]) -> String {
        format!("(?i:{})", words(list))
    }
}

/// The forms of a season phrase (`last {season}`) as one regex, the season's name in a
/// group; a regex that never matches when the lexicon has no such forms.
fn season_forms(v: &Vocab, forms: &[&str]) -> String {
    if v.lex.seasons.is_empty() || forms.is_empty() {
        return NEVER.to_string();
    }
    let name = format!("({})", keys(v.lex.seasons));
    let forms: Vec<String> = forms
        .iter()
        .map(|f| {
            f.split(' ')
                .map(|w| {
                    if w == "{season}" {
                        name.clone()
                    } else {
                        regex::escape(w)
                    }
                })
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    format!(r"(?i:\b(?:{})\b)", forms.join("|"))
}

/// The (month, day) of a [`Vocab::month_day`] match whose two groups start at `g`.
fn month_day_at(r: &Recogniser, c: &Captures, g: usize) -> Option<(u8, u8)> {
    let day = |i: usize| u8::try_from(num(c, i)?).ok();
    if r.lex.month_then_day {
        Some((r.month(&c[g])?, day(g + 1)?))
    } else {
        Some((r.month(&c[g + 1])?, day(g)?))
    }
}

/// The phrases of a lexicon list as one case-insensitive regex; one that never matches
/// when the list is empty.
fn phrase_list(list: &[&str]) -> String {
    if list.is_empty() {
        return NEVER.to_string();
    }
    format!(r"(?i:\b(?:{})\b)", alternation(list.iter().copied()))
}

/// The first month of the season a [`season_forms`] match names; `None` for a season
/// that runs into the next year (winter).
fn season(r: &Recogniser, c: &Captures) -> Option<u8> {
    let name = c.iter().skip(1).flatten().next()?.as_str().to_lowercase();
    let &(_, first) = r.lex.seasons.iter().find(|(w, _)| *w == name)?;
    (first <= 10).then_some(first)
}

/// The words as a regex alternation, longest first, each ending at a word boundary
/// (but a word ending with a dot, `Jan.`).
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.iter()
        .map(|w| {
            let e = regex::escape(w);
            if w.ends_with('.') {
                e
            } else {
                format!(r"{e}\b")
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Like [`alternation`], with the final dot of a word optional (`Jan.` also as `Jan`).
fn loose_alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.trim_end_matches('.').len()));
    v.iter()
        .map(|w| {
            let bare = w.trim_end_matches('.');
            let dot = if bare.len() < w.len() { r"\.?" } else { "" };
            format!(r"{}\b{dot}", regex::escape(bare))
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// The words as a regex alternation, as listed.
fn plain(list: &[&str]) -> String {
    let escaped: Vec<String> = list.iter().map(|w| regex::escape(w)).collect();
    escaped.join("|")
}

/// A group of the words as an alternation.
fn words(list: &[&str]) -> String {
    format!("(?:{})", alternation(list.iter().copied()))
}

/// The words of a table as an alternation.
fn keys<T>(table: &[(&str, T)]) -> String {
    alternation(table.iter().map(|(w, _)| *w))
}

/// `first two quarters`, `last six months`, `primer semestre`: an ordinal, perhaps a
/// count, and one of `units`, in groups 1 to 3.
fn ordinal_part(v: &Vocab, units: &str) -> String {
    format!(
        r"({})\s+(?:([0-9]{{1,2}}|{})\s+)?({units})",
        keys(v.lex.ordinals),
        keys(v.lex.number_words),
    )
}

/// The year words (`last year`, `el año pasado`) as they follow a month, with the word
/// `of` before them where it contracts with their article (`octubre del año pasado`:
/// `de` + `el`), in a group of their own.
fn month_year_words(v: &Vocab) -> String {
    year_words(v, &[])
}

/// The year words of [`month_year_words`] and the words of `extra` (`the year`), each
/// with `of` before it.
fn year_words(v: &Vocab, extra: &[&str]) -> String {
    let lex = v.lex;
    let article = format!("{} ", lex.period_article);
    let all: Vec<&str> = lex
        .year_deictics
        .iter()
        .map(|(w, _)| *w)
        .chain(extra.iter().copied())
        .collect();
    let mut forms: Vec<String> = all.iter().map(|w| w.to_string()).collect();
    for of in lex
        .year_of
        .iter()
        .filter(|w| w.ends_with(lex.period_article))
    {
        for w in &all {
            if let Some(rest) = w.strip_prefix(article.as_str()) {
                forms.push(format!("{of} {rest}"));
            }
        }
    }
    format!(
        r"(?:{of}\s+)?((?i:{}))",
        alternation(forms.iter().map(String::as_str)),
        of = v.of
    )
}

/// The rules, most specific first: a reader takes them in this order and keeps an
/// expression only where it does not overlap one found before.
pub static RULES: [Rule; 63] = [
    // Parts of a fiscal year: `the first two quarters of fiscal year 2019`, `the start of
    // FY 2023`.
    Rule {
        name: "fiscal_part",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "the first two quarters of fiscal year 2019",
        source: |v| {
            format!(
                r"(?i:\b(?:{}\s+)?(?:{}|({}))\s+{}\s+(?:{}|{})(?:\s+\(FY\))?\s?((?:19|20)?[0-9]{{2}})\b)",
                regex::escape(v.lex.period_article),
                ordinal_part(v, &period_word_forms(v.lex)),
                alternation(v.lex.period_start_words.iter().copied()),
                v.of,
                alternation(v.lex.fiscal_year_words.iter().copied()),
                plain(v.lex.fiscal_year_codes),
            )
        },
        read: Read::Groups(read_fiscal_part),
    },
    // The same parts of the document's fiscal year: `the first five months of this
    // fiscal year`.
    Rule {
        name: "this_fiscal_part",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "the first five months of this fiscal year",
        source: |v| {
            format!(
                r"(?i:\b(?:{}\s+)?{}\s+{}\s+(?:{})\s+(?:{}|{})\b)",
                regex::escape(v.lex.period_article),
                ordinal_part(v, &period_word_forms(v.lex)),
                v.of,
                alternation(v.lex.this_words.iter().copied()),
                alternation(v.lex.fiscal_year_words.iter().copied()),
                plain(v.lex.fiscal_year_codes),
            )
        },
        read: Read::Groups(|r, c, _| {
            let (first, last) = fiscal_part_months(r, c)?;
            let start_month = r.lex.fiscal_year_start_month;
            found(
                c,
                Expr::ThisFiscalPart {
                    first,
                    last,
                    start_month,
                },
            )
        }),
    },
    // So many months into a fiscal year: `Only five months into Fiscal Year 2022`, `6
    // months into this fiscal year 2019`: its first months, as `the first five months of`.
    Rule {
        name: "fiscal_months_into",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "five months into Fiscal Year 2022",
        source: |v| {
            if v.lex.fiscal_into_words.is_empty() {
                return NEVER.to_string();
            }
            format!(
                r"(?i:\b([0-9]{{1,2}}|{})\s+(?:{})\s+(?:{})\s+(?:(?:{})\s+)?(?:{}|{})\s?((?:19|20)[0-9]{{2}})\b)",
                keys(v.lex.number_words),
                alternation(v.lex.duration_months.iter().copied()),
                alternation(v.lex.fiscal_into_words.iter().copied()),
                alternation(v.lex.this_words.iter().copied()),
                alternation(v.lex.fiscal_year_words.iter().copied()),
                plain(v.lex.fiscal_year_codes),
            )
        },
        read: Read::Groups(|r, c, _| {
            let count = &c[1];
            let n: u8 = count
                .parse()
                .ok()
                .or_else(|| r.lex.number_word(count).map(|v| v as u8))?;
            if !(1..=12).contains(&n) {
                return None;
            }
            let fy = num(c, 2)?;
            let start = r.lex.fiscal_year_start_month;
            found(
                c,
                whole_months(fiscal_month(fy, start, 1), fiscal_month(fy, start, n)),
            )
        }),
    },
    // A fiscal year to a date: `beginning in FY 2018 through early June 2022`, `from
    // fiscal year 2015 to March 2016`: from the fiscal year's first day to the date.
    Rule {
        name: "fiscal_year_to_date",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "beginning in FY 2018 through early June 2022",
        source: |v| {
            let fy = v.fiscal_label();
            format!(
                r"\b{}\s+{fy}((?:19|20)?[0-9]{{2}})\s+{}\s+(?:{}[-\s]\s*)?({})\b",
                v.words(v.lex.span_from),
                v.words(v.lex.span_through),
                v.words(v.lex.month_parts),
                v.abs
            )
        },
        read: Read::Groups(|r, c, _| {
            let fy = fiscal_year_number(c, 1)?;
            let start = r.lex.fiscal_year_start_month;
            if !(2..=12).contains(&start) {
                return None;
            }
            let (year, month) = fiscal_month(fy, start, 1);
            let first = Absolute::Day {
                year,
                month,
                day: 1,
            };
            let last = r.absolute(&c[2])?;
            // The date must end the period after it starts, within the years that follow.
            let last_year = match last {
                Absolute::Day { year, .. }
                | Absolute::Numeric { year, .. }
                | Absolute::Month { year, .. } => year,
                // `from fiscal years 2006 through 2015`: a year is a fiscal year here.
                Absolute::Year(_) => return None,
            };
            if last_year < fy - 1 || last_year > fy + 20 {
                return None;
            }
            found(c, Expr::Period(first, last))
        }),
    },
    // A fiscal year up to one of its months: `FY2021 (through August)`, `fiscal year 2019
    // through May`: from the fiscal year's first day to the end of that month.
    Rule {
        name: "fiscal_year_through_month",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "FY2021 (through August)",
        source: |v| {
            let fy = v.fiscal_label();
            format!(
                r"{fy}((?:19|20)?[0-9]{{2}})\s+(\(\s*)?(?i:{})\s+({})\b(?:\s*\))?",
                alternation(v.lex.span_through.iter().copied()),
                v.m,
            )
        },
        read: Read::Groups(|r, c, text| {
            let fy = fiscal_year_number(c, 1)?;
            let start = r.lex.fiscal_year_start_month;
            let month = r.month_alone(&text[c.get(3)?.range()])?;
            if !(2..=12).contains(&start) {
                return None;
            }
            // A parenthesis opened must be closed.
            let whole = c.get(0)?.as_str();
            if c.get(2).is_some() != whole.ends_with(')') {
                return None;
            }
            let (year, first) = fiscal_month(fy, start, 1);
            let last = Absolute::Month {
                year: if month >= start { fy - 1 } else { fy },
                month,
            };
            let first = Absolute::Day {
                year,
                month: first,
                day: 1,
            };
            found(c, Expr::Period(first, last))
        }),
    },
    // Fiscal years: `FY2019`, `FY 19`, `fiscal year 2020`, `FY2019-FY2021`.
    Rule {
        name: "fiscal_year",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "FY2019",
        source: |v| {
            let fy = v.fiscal_label();
            let to = alternation(v.lex.span_through.iter().chain(v.lex.span_and).copied());
            // `FY2023 Q2`: a quarter of the fiscal year.
            format!(
                r"{fy}((?:19|20)?[0-9]{{2}})(?:(?:\s?[-–]\s?|\s+(?i:{to})\s+)(?:{fy})?((?:19|20)?[0-9]{{2}})|\s+Q([1-4]))?\b"
            )
        },
        read: Read::Groups(|r, c, text| {
            let year = |i: usize| fiscal_year_number(c, i);
            let first = year(1)?;
            // `between FY 2010 and FY 2016`: one period, whatever its length.
            let head = text[..c.get(0)?.start()].trim_end().to_lowercase();
            let between = r.lex.span_between.iter().any(|w| {
                head.strip_suffix(w)
                    .is_some_and(|h| h.is_empty() || h.ends_with(' '))
            });
            if let Some(q) = c.get(3) {
                return fiscal_quarter(r, c, first, q.as_str().parse().ok()?);
            }
            // A two-digit last year is in the first one's century, or the next
            // (`fiscal years 1992–94`, `FY 1999-01`).
            let last = match c.get(2) {
                Some(g) if g.as_str().len() == 2 => {
                    let y = first - first % 100 + g.as_str().parse::<i32>().ok()?;
                    if y < first { y + 100 } else { y }
                }
                Some(_) => year(2)?,
                None => first,
            };
            let joined_by_and = c.get(0).is_some_and(|m| {
                m.as_str()
                    .split_whitespace()
                    .any(|w| Lexicon::is_in(r.lex.span_and, w))
            });
            // A long period needs its last year written whole (`fiscal years 1994–2018`).
            let longest = match c.get(2).map(|g| g.as_str().len()) {
                Some(4) => 50,
                _ => 20,
            };
            if last < first
                || last - first > longest
                || (joined_by_and && !between && last != first + 1)
            {
                // `fiscal year 2013 to 68,541`: the second number is no year.
                let mut f = fiscal_years(r, c, first, first)?;
                f.end = c.get(1)?.end();
                return Some(f);
            }
            fiscal_years(r, c, first, last)
        }),
    },
    Rule {
        name: "fiscal_year_after",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "the 2021 fiscal year",
        source: |v| {
            format!(
                r"\b((?:19|20)[0-9]{{2}})\s+(?i:{})\b",
                alternation(v.lex.fiscal_year_words.iter().copied())
            )
        },
        read: Read::Groups(|r, c, _| {
            let y = num(c, 1)?;
            fiscal_years(r, c, y, y)
        }),
    },
    // Periods with explicit ends.
    Rule {
        name: "between",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "between September 2008 and February 2009",
        source: |v| {
            format!(
                r"\b{}\s+{}({}),?\s+{}\s+({})\b",
                v.words(v.lex.span_between),
                from_filler(v),
                v.abs,
                v.words(v.lex.span_and),
                v.abs
            )
        },
        read: Read::Groups(read_ends),
    },
    Rule {
        name: "from",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "from Oct. 1, 2018, to Sept. 30, 2019",
        // `Since May 12, 2023 to January 31, 2024`: `since` opens the period too.
        source: |v| {
            let from: Vec<&str> = v.lex.span_from.iter().chain(v.lex.since).copied().collect();
            format!(
                r"\b{}\s+{}({}),?\s+{}\s+({})\b",
                v.words(&from),
                from_filler(v),
                v.abs,
                v.words(v.lex.span_through),
                v.abs
            )
        },
        read: Read::Groups(read_ends),
    },
    // Two dates joined by `through` with no opener: `applications filed January 9, 2012
    // through March 12, 2012`.
    Rule {
        name: "through",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "January 9, 2012 through March 12, 2012",
        source: |v| {
            if v.lex.span_through_alone.is_empty() {
                return NEVER.to_string();
            }
            format!(
                r"\b({}),?\s+{}\s+({})\b",
                v.abs,
                v.words(v.lex.span_through_alone),
                v.abs
            )
        },
        // A year alone before a day is the tail of a date not read (`Oct.1, 2009 through
        // Jul. 31, 2010`), not the period's start.
        read: Read::Groups(|r, c, t| {
            let (a, b) = (r.absolute(&c[1])?, r.absolute(&c[2])?);
            if matches!(a, Absolute::Year(_)) != matches!(b, Absolute::Year(_)) {
                return None;
            }
            read_ends(r, c, t)
        }),
    },
    // Two dates of one kind joined by a dash: `(October 1, 2015 - March 31, 2016)`,
    // `January 2019 – March 2020`. Bare years have their own rule (`year_dash`).
    Rule {
        name: "dash",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "October 1, 2015 - March 31, 2016",
        source: |v| format!(r"\b({}),?\s*[-–—]\s*({})\b", v.abs, v.abs),
        read: Read::Groups(|r, c, t| {
            let (a, b) = (r.absolute(&c[1])?, r.absolute(&c[2])?);
            // Both ends of one kind, the first before the second.
            let key = |x: Absolute| match x {
                Absolute::Day { year, month, day } => Some((0, year, month, day)),
                Absolute::Month { year, month } => Some((1, year, month, 0)),
                _ => None,
            };
            let (ka, kb) = (key(a)?, key(b)?);
            if ka.0 != kb.0 || ka >= kb {
                return None;
            }
            read_ends(r, c, t)
        }),
    },
    // A period in force: `effective on January 5, 1999 and will remain in effect until
    // July 5, 2000` (Federal Register notices), not two dates.
    Rule {
        name: "in_effect",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "effective on August 28, 1997 and will remain in effect until August 27, 1998",
        source: |v| {
            let (from, until) = (v.lex.in_effect_from, v.lex.in_effect_until);
            if from.is_empty() || until.is_empty() {
                return NEVER.to_string();
            }
            let spaced = |list: &[&str]| v.words(list).replace(' ', r"\s+");
            format!(
                r"\b{}\s+({}),?\s+{}\s+{}\s+({})\b",
                spaced(from),
                v.abs,
                v.words(v.lex.span_and),
                spaced(until),
                v.abs
            )
        },
        read: Read::Groups(read_ends),
    },
    // A period whose last end has no year: `between October 2018 and June of this year`,
    // `from October 2013 to September`, `del 1 de octubre de 2021 al 31 de agosto de este
    // año`. Both ends are months, or both days.
    Rule {
        name: "open_period",
        kind: Kind::Relative,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "between October 2018 and June of this year",
        source: |v| {
            let (m, y, th, of, yo) = (&v.m, v.y, &v.th, &v.of, &v.year_of);
            let art = v.article();
            let (open, join) = (v.range_openers(), v.range_joiners());
            let tail = month_year_words(v);
            if v.lex.month_then_day {
                format!(
                    r"\b({open})\s+({m})(?:\s+([0-9]{{1,2}}){th}?,?)?\s+({y}),?\s+({join})\s+({m})(?:\s+([0-9]{{1,2}}){th}?)?(?:\s+{tail})?\b"
                )
            } else {
                format!(
                    r"\b({open})\s+(?:{art}\s+)?(?:([0-9]{{1,2}}){th}?\s+{of}\s+)?({m})\s+(?:{yo}\s+)?({y})\s+({join})\s+(?:{art}\s+)?(?:([0-9]{{1,2}}){th}?\s+{of}\s+)?({m})(?:\s+{tail})?\b"
                )
            }
        },
        read: Read::Groups(|r, c, text| {
            // With a year or a day after the last month, other rules read it.
            let rest = after_match(r, text, c.get(0)?.end());
            if rest.starts_with(|ch: char| ch.is_ascii_digit()) || !joined_right(r, c) {
                return None;
            }
            if rescheduled(r, &text[..c.get(0)?.start()]) {
                return None;
            }
            let day = |g: usize| c.get(g).and_then(|x| x.as_str().parse::<u8>().ok());
            let (d1, m1, year, m2, d2) = if r.lex.month_then_day {
                (day(3), r.month(&c[2])?, num(c, 4)?, r.month(&c[6])?, day(7))
            } else {
                (day(2), r.month(&c[3])?, num(c, 4)?, r.month(&c[7])?, day(6))
            };
            let from = match d1 {
                Some(day) if d2.is_some() => Absolute::Day {
                    year,
                    month: m1,
                    day,
                },
                None if d2.is_none() => Absolute::Month { year, month: m1 },
                _ => return None,
            };
            let year_offset = c.get(8).and_then(|g| {
                let low = g.as_str().to_lowercase();
                r.lex
                    .year_deictics
                    .iter()
                    .find(|(w, _)| low.ends_with(w))
                    .map(|&(_, o)| o)
            });
            let to = (m2, d2);
            found(
                c,
                Expr::OpenPeriod {
                    from,
                    to,
                    year_offset,
                },
            )
        }),
    },
    // Periods whose ends share the year (and the month): `between February 19 and May
    // 25, 2021`, `from January 1 to 21, 2023`, `from 12 May to 2 June 2023`, `from
    // January to March 2021`.
    Rule {
        name: "shared_year_mdy",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "from January 1 to 21, 2023",
        source: |v| {
            let (m, y, th) = (&v.m, v.y, &v.th);
            format!(
                r"\b(?:({})\s+)?({m})\s+([0-9]{{1,2}}){th}?\s*({}|[-–—])\s*(?:({m})\s+)?([0-9]{{1,2}}){th}?,?\s+({y})\b",
                v.range_openers(),
                v.range_joiners()
            )
        },
        read: Read::Groups(|r, c, _| {
            let (m1, d1) = (r.month(&c[2])?, num(c, 3)?);
            // `from January 1 to 21, 2023`: the end in the same month, later in it.
            let m2 = match c.get(5) {
                Some(g) => r.month(g.as_str())?,
                None => m1,
            };
            let (d2, year) = (num(c, 6)?, num(c, 7)?);
            if c.get(5).is_none() && d1 >= d2 {
                return None;
            }
            shared_year(r, c, (m1, d1 as u8), (m2, d2 as u8), year)
        }),
    },
    Rule {
        name: "shared_year_dmy",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "from 12 May to 2 June 2023",
        source: |v| {
            let (m, y, th) = (&v.m, v.y, &v.th);
            format!(
                r"\b(?:({})\s+)?(?:{art}\s+)?([0-9]{{1,2}}){th}?\s+(?:{of}\s+)?({m})\s*({}|[-–—])\s*(?:{art}\s+)?([0-9]{{1,2}}){th}?\s+(?:{of}\s+)?({m}),?\s+(?:{of}\s+)?({y})\b",
                v.range_openers(),
                v.range_joiners(),
                art = v.article(),
                of = v.of,
            )
        },
        read: Read::Groups(|r, c, _| {
            let (d1, m1) = (num(c, 2)?, r.month(&c[3])?);
            let (d2, m2, year) = (num(c, 5)?, r.month(&c[6])?, num(c, 7)?);
            shared_year(r, c, (m1, d1 as u8), (m2, d2 as u8), year)
        }),
    },
    // Two days of one month: `entre el 22 y 23 de agosto de 2010`, `del 1 al 15 de marzo
    // de 2020`, `between 12 and 15 May 2020`.
    Rule {
        name: "day_pair",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "between 12 and 15 May 2020",
        source: |v| {
            let (m, y, th) = (&v.m, v.y, &v.th);
            format!(
                r"\b(?:({})\s+)?(?:{art}\s+)?([0-9]{{1,2}}){th}?\s*({}|[-–—])\s*(?:{art}\s+)?([0-9]{{1,2}}){th}?\s+(?:{of}\s+)?({m}),?\s+(?:{of}\s+)?({y})\b",
                v.range_openers(),
                v.range_joiners(),
                art = v.article(),
                of = v.of,
            )
        },
        read: Read::Groups(|r, c, _| {
            let (d1, d2) = (num(c, 2)?, num(c, 4)?);
            let (month, year) = (r.month(&c[5])?, num(c, 6)?);
            if d1 >= d2 {
                return None;
            }
            shared_year(r, c, (month, d1 as u8), (month, d2 as u8), year)
        }),
    },
    Rule {
        name: "shared_year_months",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "from January to March 2021",
        // `between mid-May and mid-June 2019`: a part of a month still ends the period
        // at that month.
        source: |v| {
            let (m, y) = (&v.m, v.y);
            let part = format!(r"(?:(?i:{})[-\s]+)?", plain(v.lex.month_parts));
            format!(
                r"\b({})\s+{part}({m})\s+({})\s+{part}({m}),?\s+(?:{of}\s+)?({y})\b",
                v.range_openers(),
                v.range_joiners(),
                of = v.of,
            )
        },
        read: Read::Groups(|r, c, _| {
            let (m1, m2, year) = (r.month(&c[2])?, r.month(&c[4])?, num(c, 5)?);
            if !joined_right(r, c) {
                return None;
            }
            let y1 = if m1 > m2 { year - 1 } else { year };
            let a = Absolute::Month {
                year: y1,
                month: m1,
            };
            found(c, Expr::Period(a, Absolute::Month { year, month: m2 }))
        }),
    },
    Rule {
        name: "day_range",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "March 3-5, 2020",
        source: |v| {
            let (m, y) = (&v.m, v.y);
            format!(r"\b({m})\s+([0-9]{{1,2}})\s?[-–]\s?([0-9]{{1,2}}),?\s+({y})\b")
        },
        read: Read::Groups(|r, c, _| {
            let (month, year) = (r.month(&c[1])?, num(c, 4)?);
            let (d1, d2) = (num(c, 2)?, num(c, 3)?);
            let day = |d: i32| Absolute::Day {
                year,
                month,
                day: d as u8,
            };
            found(c, Expr::Period(day(d1), day(d2)))
        }),
    },
    Rule {
        name: "month_range",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "March-May 2020",
        source: |v| format!(r"\b({m})\s?[-–]\s?({m}),?\s+({y})\b", m = v.m, y = v.y),
        read: Read::Groups(|r, c, _| {
            let (m1, m2, year) = (r.month(&c[1])?, r.month(&c[2])?, num(c, 3)?);
            let month = |month| Absolute::Month { year, month };
            found(c, Expr::Period(month(m1), month(m2)))
        }),
    },
    // Two months in a row joined by `and`, then their year: one period (`May and June
    // 2021`, `mayo y junio de 2021`), as without the year (`consecutive_months`).
    Rule {
        name: "consecutive_months_year",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "May and June 2021",
        source: |v| {
            format!(
                r"\b({m})\s+({})\s+({m}),?\s+(?:{yo}\s+)?({y})\b",
                v.words(v.lex.span_and),
                m = v.m,
                y = v.y,
                yo = v.year_of,
            )
        },
        read: Read::Groups(|r, c, _| {
            let (m1, m2, year) = (r.month(&c[1])?, r.month(&c[3])?, num(c, 4)?);
            if m2 != m1 + 1 {
                return None;
            }
            let month = |month| Absolute::Month { year, month };
            found(c, Expr::Period(month(m1), month(m2)))
        }),
    },
    Rule {
        name: "part_of",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "the first six months of 2010",
        source: |v| {
            format!(
                r"(?i:\b{}\s+{}\s+{}\s+({})\b)",
                words(v.lex.part_articles),
                ordinal_part(v, &keys(v.lex.period_words)),
                v.year_of,
                v.y
            )
        },
        read: Read::Groups(read_part_of),
    },
    // The same part of the document's year, or of a year counted from it: `the first
    // quarter of the year`, `el primer trimestre del año`, `the first half of last year`.
    Rule {
        name: "part_of_the_year",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "the first quarter of the year",
        source: |v| {
            format!(
                r"(?i:\b{}\s+{}\s+{})",
                words(v.lex.part_articles),
                ordinal_part(v, &keys(v.lex.period_words)),
                year_words(v, v.lex.current_year_words),
            )
        },
        read: Read::Groups(|r, c, text| {
            // `the first quarter of the year 2020`: that year, not the document's.
            if text[c.get(0)?.end()..]
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit())
            {
                return None;
            }
            let (from, to) = part_months(r, c)?;
            let low = c.get(4)?.as_str().to_lowercase();
            let year_offset = r
                .lex
                .year_deictics
                .iter()
                .find(|(w, _)| low.ends_with(w))
                .map_or(0, |&(_, o)| o);
            let year_offset = Some(year_offset);
            found(
                c,
                Expr::MonthPair {
                    from,
                    to,
                    year_offset,
                },
            )
        }),
    },
    Rule {
        name: "season",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "the summer of 2017",
        // Two seasons in a row share the year: `the spring and summer of 2014` is one
        // period, March to August (`spring and fall` leave a season out: no period).
        source: |v| {
            let article = regex::escape(v.lex.period_article);
            let seasons = keys(v.lex.seasons);
            format!(
                r"(?i:\b(?:{article}\s+)?(?:({seasons})\s+(?:{})\s+(?:{article}\s+)?)?({seasons})\s+(?:{}\s+)?((?:18|19|20)[0-9]{{2}})\b)",
                alternation(v.lex.range_and.iter().copied()),
                v.of
            )
        },
        read: Read::Groups(|r, c, _| {
            let first_month = |name: &str| {
                let name = name.to_lowercase();
                r.lex
                    .seasons
                    .iter()
                    .find(|(w, _)| *w == name)
                    .map(|&(_, m)| m)
            };
            let last = first_month(&c[2])?;
            let first = match c.get(1) {
                Some(m) => first_month(m.as_str()).filter(|&f| f + 3 == last)?,
                None => last,
            };
            let year = num(c, 3)?;
            if last > 10 {
                return None;
            }
            let month = |month| Absolute::Month { year, month };
            found(c, Expr::Period(month(first), month(last + 2)))
        }),
    },
    // `toward the end of the summer`, `the start of spring`: the season's last (first)
    // month, its year from the tense like a month without one. After `season`, which
    // reads the same words with a year (`the end of the summer of 2017`).
    Rule {
        name: "season_edge",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "the end of the summer",
        source: |v| {
            if v.lex.seasons.is_empty() {
                return NEVER.to_string();
            }
            let article = regex::escape(v.lex.period_article);
            format!(
                r"(?i:\b(?:{article}\s+)?({})\s+{}\s+(?:{article}\s+)?({})\b)",
                alternation(
                    v.lex
                        .period_start_words
                        .iter()
                        .chain(v.lex.period_end_words)
                        .copied()
                ),
                v.of,
                keys(v.lex.seasons),
            )
        },
        read: Read::Groups(|r, c, text| {
            let whole = c.get(0)?;
            // With a year after it, the season is read with its year (or not at all).
            let rest = after_match(r, text, whole.end());
            if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let edge = c[1].to_lowercase();
            let name = c[2].to_lowercase();
            let &(_, first) = r.lex.seasons.iter().find(|(w, _)| *w == name)?;
            let at_end = r.lex.period_end_words.iter().any(|w| *w == edge);
            let month = if at_end { (first + 1) % 12 + 1 } else { first };
            found(
                c,
                Expr::BareMonth {
                    month,
                    year_offset: None,
                    side: None,
                },
            )
        }),
    },
    // `last summer`, `el verano pasado`: the last such season over before the
    // document's date.
    Rule {
        name: "last_season",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "last summer",
        source: |v| season_forms(v, v.lex.last_season),
        read: Read::Groups(|r, c, _| found(c, Expr::LastSeason(season(r, c)?))),
    },
    Rule {
        name: "this_season",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "this summer",
        source: |v| season_forms(v, v.lex.this_season),
        read: Read::Groups(|r, c, _| found(c, Expr::ThisSeason(season(r, c)?))),
    },
    Rule {
        name: "year_dash",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "2014-2017",
        source: |v| format!(r"\b({y})\s?[-–—]\s?({y}|[0-9][0-9])\b", y = v.y),
        read: Read::Groups(|_, c, text| {
            let m = c.get(0)?;
            // `05-23-2018`: a numeric date, not a span.
            if char_before(text, m.start()).is_some_and(|ch| ch == '-' || ch == '/')
                || char_at(text, m.end()).is_some_and(|ch| ch == '-' || ch == '/')
            {
                return None;
            }
            let a = num(c, 1)?;
            let mut b = num(c, 2)?;
            if c[2].len() == 2 {
                b += a / 100 * 100;
            }
            (b > a && b - a < 100).then(|| years(m, a, b))
        }),
    },
    Rule {
        name: "year_pair",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "2018 and 2019",
        source: |v| format!(r"\b({y})\s+{}\s+({y})\b", v.words(v.lex.span_and), y = v.y),
        read: Read::Groups(|r, c, text| {
            let (a, b) = (num(c, 1)?, num(c, 2)?);
            // Two consecutive years joined by `and` read as one two-year period; other
            // pairs are separate points (found by the `year` rule), and so are years
            // with a part of their own (`early 2017 and late 2018`).
            let m = c.get(0)?;
            let parted = |at: usize| {
                text[..at]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| Lexicon::is_in(r.lex.month_parts, w))
            };
            if parted(m.start()) || parted(c.get(2)?.start()) {
                return None;
            }
            (b == a + 1).then(|| years(m, a, b))
        }),
    },
    Rule {
        name: "since",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "since 2012",
        source: |v| format!(r"\b{}\s+({})\b", v.words(v.lex.since), v.abs),
        read: Read::Groups(|r, c, _| found(c, Expr::Since(r.absolute(&c[1])?))),
    },
    Rule {
        name: "decade",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: false,
        example: "the 1990s",
        source: |v| {
            format!(
                r"\b((?:19|20)[0-9]0){}\b",
                regex::escape(v.lex.decade_suffix)
            )
        },
        read: Read::Groups(|_, c, _| {
            let a = num(c, 1)?;
            Some(years(c.get(0)?, a, a + 9))
        }),
    },
    // Full and month dates.
    Rule {
        name: "full_mdy",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: true,
        example: "April 15, 2020",
        source: |v| {
            let (m, y) = (&v.m, v.y);
            format!(
                r"\b({m})\s+([0-9]{{1,2}}){th}?(?:,\s*|\s+)({y})\b",
                th = v.th
            )
        },
        read: Read::Groups(|r, c, _| {
            let (month, day, year) = (r.month(&c[1])?, num(c, 2)?, num(c, 3)?);
            let day = day as u8;
            found(c, Expr::Date(Absolute::Day { year, month, day }))
        }),
    },
    Rule {
        name: "full_dmy",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: true,
        example: "13 February, 2020",
        source: |v| {
            let (m, y) = (&v.m, v.y);
            let (th, of, d, year_of) = (&v.th, &v.of, v.day(), &v.year_of);
            format!(r"\b({d}){th}?\s+(?:{of}\s+)?({m}),?\s+(?:{year_of}\s+)?({y})\b")
        },
        // Frequent: the groups are read from the match's text (see `leading_number`).
        read: Read::Text(|r, m, _| {
            let t = m.as_str();
            let (month, year) = before_year(t, r.lex);
            let (day, month, year) = (day_number(r, t)?, r.month(month)?, year?);
            let day = day as u8;
            Some(at(m, Expr::Date(Absolute::Day { year, month, day })))
        }),
    },
    Rule {
        name: "num_us",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: true,
        example: "05-23-2018",
        source: |v| {
            let (s, y) = (v.sep, v.y);
            format!(r"\b([0-9]{{1,2}}){s}([0-9]{{1,2}}){s}({y})\b")
        },
        read: Read::Groups(|_, c, _| {
            let (first, second, year) = (num(c, 1)? as u8, num(c, 2)? as u8, num(c, 3)?);
            let numeric = Absolute::Numeric {
                first,
                second,
                year,
            };
            found(c, Expr::Date(numeric))
        }),
    },
    Rule {
        name: "iso",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: true,
        example: "2018-05-23",
        source: |v| {
            let (y, s, n) = (v.y, v.iso_sep, v.iso_num);
            format!(r"\b({y}){s}({n}){s}({n})\b")
        },
        read: Read::Groups(|_, c, _| {
            let (year, month, day) = (num(c, 1)?, num(c, 2)? as u8, num(c, 3)? as u8);
            found(c, Expr::Date(Absolute::Day { year, month, day }))
        }),
    },
    Rule {
        name: "month_year",
        kind: Kind::Absolute,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: true,
        example: "August 2010",
        source: |v| format!(r"\b({}),?\s+(?:{}\s+)?({})\b", v.m, v.year_of, v.y),
        // Frequent: read from the match's text.
        read: Read::Text(|r, m, _| {
            let t = m.as_str();
            let month = t.split(|c: char| c == ',' || c.is_whitespace()).next();
            let month = r.month(month.unwrap_or(t))?;
            let year = before_year(t, r.lex).1?;
            Some(at(m, Expr::Date(Absolute::Month { year, month })))
        }),
    },
    // The edges of a year: `the end of 2019` (December), `the beginning of 2020` (January).
    Rule {
        name: "year_edge",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: true,
        example: "the end of 2019",
        source: |v| {
            format!(
                r"(?i:\b(?:{}\s+)?({})\s+{}\s+({}))\b",
                regex::escape(v.lex.period_article),
                alternation(
                    v.lex
                        .period_start_words
                        .iter()
                        .chain(v.lex.period_end_words)
                        .copied()
                ),
                v.of,
                v.y
            )
        },
        read: Read::Groups(|r, c, _| {
            let edge = c[1].to_lowercase();
            let year = num(c, 2)?;
            let month = if Lexicon::is_in(r.lex.period_end_words, &edge) {
                12
            } else {
                1
            };
            found(c, Expr::Date(Absolute::Month { year, month }))
        }),
    },
    // Years on their own.
    Rule {
        name: "year",
        kind: Kind::Absolute,
        needs: DIGIT,
        in_set: true,
        alone: true,
        example: "2014",
        source: |v| format!(r"\b({})\b", v.y),
        // The only group is the whole match: no need for captures.
        read: Read::Text(|_, m, _| {
            let year = m.as_str().parse().ok()?;
            Some(at(m, Expr::Date(Absolute::Year(year))))
        }),
    },
    // Everything below needs the document's date.
    // Two days without a year (`between May 12 and June 2`, `entre el 23 de febrero y 2
    // de marzo`): one period, in the year the document's date gives its end.
    Rule {
        name: "day_pair_bare",
        kind: Kind::Relative,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "between May 12 and June 2",
        // A dash needs no opener: `March 4 – March 8`.
        source: |v| {
            let (open, join, end) = (v.range_openers(), v.range_joiners(), v.month_day());
            format!(r"\b(?:({open})\s+)?{end}\s*({join}|[-–])\s*{end}\b")
        },
        read: Read::Groups(|r, c, text| {
            // With a year after it, a rule of its own reads it (`… 2 de marzo de 2025`).
            let rest = after_match(r, text, c.get(0)?.end());
            if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let dash = matches!(&c[4], "-" | "–");
            if c.get(1).is_none() && !dash {
                return None;
            }
            let (from, to) = (month_day_at(r, c, 2)?, month_day_at(r, c, 5)?);
            found(c, Expr::DayPair { from, to })
        }),
    },
    // A day to the end of a month, without a year: `from June 5 through the end of
    // September`, `desde el 5 de junio hasta finales de septiembre`: one period, in the
    // year the month would take alone, to the month's last day.
    Rule {
        name: "day_to_month_end",
        kind: Kind::Relative,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "from June 5 through the end of September",
        source: |v| {
            let (m, of, art) = (&v.m, &v.of, v.article());
            let (open, day) = (v.range_openers(), v.month_day());
            let through = v.words(v.lex.span_through);
            let end = v.words(v.lex.period_end_words);
            format!(r"\b(?:({open})\s+)?{day},?\s+{through}\s+(?:{art}\s+)?{end}\s+{of}\s+({m})\b")
        },
        read: Read::Groups(|r, c, text| {
            // With a year after it, the period is another's (`… end of September 2024`).
            let rest = after_match(r, text, c.get(0)?.end());
            if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let from = month_day_at(r, c, 2)?;
            if !(1..=31).contains(&from.1) {
                return None;
            }
            let to = r.month(&c[4])?;
            found(c, Expr::DayToMonthEnd { from, to })
        }),
    },
    // A day to a month, without a year: `from January 21 to April`, `entre el 3 de
    // marzo y junio`: one period, from that day to that month, in the year the month
    // would take alone (the day's the same, or the one before).
    Rule {
        name: "day_to_month",
        kind: Kind::Relative,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "from January 21 to April",
        source: |v| {
            let (open, join, day) = (v.range_openers(), v.range_joiners(), v.month_day());
            format!(r"\b({open})\s+{day},?\s+({join})\s+({m})\b", m = v.m)
        },
        read: Read::Groups(|r, c, text| {
            // A day or a year after the month makes it another period's end (`… to April
            // 3`, `… to April 2017`); `of` after it, a part of it.
            let rest = after_match(r, text, c.get(0)?.end());
            if rest.starts_with(|ch: char| ch.is_ascii_digit()) || !joined_right(r, c) {
                return None;
            }
            let from = month_day_at(r, c, 2)?;
            let to = r.month_alone(&c[5])?;
            if !(1..=31).contains(&from.1) || to == from.0 {
                return None;
            }
            found(c, Expr::DayToMonth { from, to })
        }),
    },
    // Two days of one month without a year: `from January 1 to 21`, `January 4–10`, `del 1
    // al 21 de enero`, `entre el 3 y el 9 de marzo`: one period, in the year the
    // document's date gives its end. A word joins the days only after an opener (`rose
    // from 5 on January 1 to 21 on …` is no period); a dash needs none.
    Rule {
        name: "day_range_bare",
        kind: Kind::Relative,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "from January 1 to 21",
        source: |v| {
            let (m, th, of) = (&v.m, &v.th, &v.of);
            let art = v.article();
            let (open, join) = (v.range_openers(), v.range_joiners());
            if v.lex.month_then_day {
                format!(
                    r"\b(?:({open})\s+)?({m})\s+([0-9]{{1,2}}){th}?\s*({join}|[-–])\s*([0-9]{{1,2}}){th}?\b"
                )
            } else {
                format!(
                    r"\b(?:({open})\s+)?(?:{art}\s+)?([0-9]{{1,2}}){th}?\s*({join}|[-–])\s*(?:{art}\s+)?([0-9]{{1,2}}){th}?\s+(?:{of}\s+)?({m})\b"
                )
            }
        },
        read: Read::Groups(|r, c, text| {
            let whole = c.get(0)?;
            let rest = after_match(r, text, whole.end());
            // With a year after it, a rule of its own reads it (a number after a comma
            // that is no year opens the next clause: `entre el 23 y 26 de julio, 73
            // eran …`); a grouped number or a unit after the last day makes it a figure
            // (`from January 1 to 21 people`).
            let year_after = rest
                .get(..4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                && !rest[4..].starts_with(|ch: char| ch.is_ascii_digit());
            let comma = text[whole.end()..].starts_with(", ");
            if (rest.starts_with(|ch: char| ch.is_ascii_digit()) && (year_after || !comma))
                || text[whole.end()..].starts_with(['.', ',', '%'])
                    && text[whole.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit())
            {
                return None;
            }
            let next = rest
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            if r.lex.unit_of(next).is_some() {
                return None;
            }
            let (month, d1, d2) = if r.lex.month_then_day {
                (r.month(&c[2])?, num(c, 3)?, num(c, 5)?)
            } else {
                (r.month(&c[5])?, num(c, 2)?, num(c, 4)?)
            };
            let dash = c.iter().flatten().any(|g| matches!(g.as_str(), "-" | "–"));
            if !(1..=31).contains(&d1) || !(d1..=31).contains(&d2) || d1 == d2 {
                return None;
            }
            if (c.get(1).is_none() && !dash) || !joined_right(r, c) {
                return None;
            }
            let (from, to) = ((month, d1 as u8), (month, d2 as u8));
            found(c, Expr::DayPair { from, to })
        }),
    },
    // Two months without a year: `from January to March`, `de enero a octubre pasado`,
    // `between January and October last year`.
    // Two months in a row joined by `and`, with no year or day after them: one period
    // (`November and December encounters were at their lowest`), as two years in a row
    // are (`year_pair`); months apart stay two points (`bare_month`).
    Rule {
        name: "consecutive_months",
        kind: Kind::Relative,
        needs: MONTH,
        in_set: true,
        alone: false,
        example: "November and December",
        source: |v| {
            format!(
                r"\b({m})\s+({})\s+({m})\b",
                v.words(v.lex.span_and),
                m = v.m
            )
        },
        read: Read::Groups(|r, c, text| {
            let rest = after_match(r, text, c.get(0)?.end());
            if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let (from, to) = (r.month(&c[1])?, r.month(&c[3])?);
            if to != from + 1 {
                return None;
            }
            found(
                c,
                Expr::MonthPair {
                    from,
                    to,
                    year_offset: None,
                },
            )
        }),
    },
    Rule {
        name: "month_pair_bare",
        kind: Kind::Relative,
        needs: MONTH,
        in_set: true,
        alone: false,
        example: "from January to March",
        source: |v| {
            format!(
                r"\b({})\s+({m})\s+({})\s+({m})(?:\s+{})?\b",
                v.range_openers(),
                v.range_joiners(),
                month_year_words(v),
                m = v.m,
            )
        },
        read: Read::Groups(|r, c, text| {
            // With a year after it, a rule of its own reads it (`… a marzo de 2021`).
            let rest = after_match(r, text, c.get(0)?.end());
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 4 || !joined_right(r, c) {
                return None;
            }
            // `postponed from January to March`: the old date and the new, not a period.
            if rescheduled(r, &text[..c.get(0)?.start()]) {
                return None;
            }
            let (from, to) = (r.month(&c[2])?, r.month(&c[4])?);
            let year_offset = c.get(5).and_then(|g| {
                let low = g.as_str().to_lowercase();
                r.lex
                    .year_deictics
                    .iter()
                    .find(|(w, _)| low.ends_with(w))
                    .map(|&(_, o)| o)
            });
            found(
                c,
                Expr::MonthPair {
                    from,
                    to,
                    year_offset,
                },
            )
        }),
    },
    Rule {
        name: "day_alone",
        kind: Kind::RelativeDay,
        needs: DIGIT,
        in_set: false,
        alone: false,
        example: "el pasado día 23",
        source: |v| {
            if v.lex.day_words.is_empty() {
                return NEVER.to_string();
            }
            format!(
                r"(?i:\b(?:{}\s+)?(?:pasado\s+)?{}\s+([0-9]{{1,2}})\b)",
                regex::escape(v.lex.period_article),
                v.words(v.lex.day_words)
            )
        },
        read: Read::Groups(|r, c, text| {
            // `el día 23 de marzo`: a date with its month, read by the rules for those.
            let rest = text[c.get(0)?.end()..].trim_start();
            let of_month = rest
                .strip_prefix(r.lex.day_of)
                .is_some_and(|x| x.starts_with(char::is_whitespace));
            let day = num(c, 1)?;
            if of_month || !(1..=31).contains(&day) {
                return None;
            }
            found(c, Expr::DayOfMonth(day as u8))
        }),
    },
    Rule {
        name: "month_day",
        kind: Kind::Relative,
        needs: DIGIT_MONTH,
        in_set: true,
        alone: false,
        example: "July 1st",
        source: |v| {
            if !v.lex.month_then_day {
                return NEVER.to_string();
            }
            format!(r"\b({})\s+([0-9]{{1,2}}){}?\b", v.m, v.th)
        },
        read: Read::Groups(|r, c, text| {
            let m = c.get(0)?;
            if char_at(text, m.end()).is_some_and(|ch| ch.is_ascii_digit() || ch == '%') {
                return None;
            }
            // `en enero 1.571 cubanos`: a grouped or decimal number, not a day.
            let mut rest = text[m.end()..].chars();
            if matches!(rest.next(), Some('.' | ','))
                && rest.next().is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
            // `December 30, 2022Washington`: a year is written but glued to what follows,
            // so the rules for a full date could not read it; the day is not one without
            // a year either.
            let rest = text[m.end()..].trim_start_matches([',', ' ']);
            if rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (month, day) = (r.month(&c[1])?, num(c, 2)? as u8);
            found(c, Expr::MonthDay { month, day })
        }),
    },
    Rule {
        name: "day_of_month",
        kind: Kind::Relative,
        // `el primero de octubre` has no digit.
        needs: MONTH,
        in_set: true,
        alone: false,
        example: "20th of May",
        source: |v| format!(r"\b({}){}?\s+(?:{}\s+)?({})", v.day(), v.th, v.of, v.m),
        read: Read::Text(|r, m, text| {
            if char_before(text, m.start()).is_some_and(|ch| ch.is_ascii_digit() || ch == '$') {
                return None;
            }
            if ends_a_day_range(r, &text[..m.start()]) {
                return None; // `del 3 al 7 de julio`: never the end of a range as a day
            }
            let t = m.as_str();
            let month = t.rsplit(char::is_whitespace).next().unwrap_or(t);
            let (day, month) = (day_number(r, t)? as u8, r.month(month)?);
            Some(at(m, Expr::MonthDay { month, day }))
        }),
    },
    Rule {
        name: "bare_month",
        kind: Kind::Relative,
        needs: MONTH,
        in_set: false,
        alone: false,
        example: "in May last year",
        source: |v| {
            format!(
                r"\b(?i:{})\s+(?:(?i:{})[-\s]+)?(({})(?:\s+{})?)",
                alternation(v.lex.date_prepositions.iter().copied()),
                plain(v.lex.month_parts),
                v.m,
                month_year_words(v),
            )
        },
        read: Read::Groups(|r, c, text| {
            let (g, month) = (c.get(1)?, c.get(2)?);
            let month = r.month_alone(&text[month.range()])?;
            let low = text[g.range()].to_lowercase();
            let year_offset = r
                .lex
                .year_deictics
                .iter()
                .find(|(w, _)| low.ends_with(w))
                .map(|&(_, o)| o);
            // `since last October`, `el próximo mayo`: the word right before the month.
            let before = text[c.get(0)?.start()..g.start()].to_lowercase();
            let side = before.split_whitespace().last().and_then(|w| {
                r.lex
                    .month_sides
                    .iter()
                    .find(|(s, _)| *s == w)
                    .map(|&(_, o)| o)
            });
            Some(at(
                g,
                Expr::BareMonth {
                    month,
                    year_offset,
                    side,
                },
            ))
        }),
    },
    Rule {
        name: "month_possessive",
        kind: Kind::Relative,
        needs: MONTH,
        in_set: true,
        alone: false,
        example: "February’s",
        source: |v| {
            let marks = plain(v.lex.possessive_marks);
            format!(r"\b({})(?:{marks})", v.m)
        },
        read: Read::Groups(|r, c, text| {
            let m = c.get(1)?;
            let month = r.month_alone(&text[m.range()])?;
            Some(at(
                m,
                Expr::BareMonth {
                    month,
                    year_offset: None,
                    side: None,
                },
            ))
        }),
    },
    Rule {
        name: "ago",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "10 years ago",
        source: |v| ago_source(v, &keys(v.lex.ago_units)),
        read: Read::Groups(|r, c, _| {
            let count = i32::try_from(ago_count(r, c)).ok()?;
            let unit = c[2].to_lowercase();
            let &(_, unit_months) = r.lex.ago_units.iter().find(|(w, _)| *w == unit)?;
            found(c, Expr::Ago { count, unit_months })
        }),
    },
    Rule {
        name: "this_fiscal_year",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "so far this FY",
        source: |v| {
            let fy = format!(
                "(?:(?i:{})|{})",
                alternation(v.lex.fiscal_year_words.iter().copied()),
                plain(v.lex.fiscal_year_codes)
            );
            let to_date = alternation(v.lex.to_date_words.iter().copied());
            // `this FY`, `the start of the fiscal year`, `fiscal year to date` (the
            // fiscal year is the current one only with `to date`).
            format!(
                r"(?:\b(?i:({to_date}))\s+)?\b(?:(?i:{})\s+{fy}|(?i:{}\s+({})\s+{}\s+{})\s+{fy}|{fy}\s+(?i:({to_date})))(?:\s+(?i:({to_date})))?\b",
                alternation(v.lex.this_words.iter().copied()),
                regex::escape(v.lex.period_article),
                alternation(v.lex.period_start_words.iter().copied()),
                v.of,
                regex::escape(v.lex.period_article),
            )
        },
        read: Read::Groups(|r, c, _| {
            let start_month = r.lex.fiscal_year_start_month;
            let expr = if c.get(2).is_some() {
                Expr::FiscalYearStart { start_month }
            } else {
                let to_date = c.get(1).is_some() || c.get(3).is_some() || c.get(4).is_some();
                Expr::ThisFiscalYear {
                    to_date,
                    start_month,
                }
            };
            found(c, expr)
        }),
    },
    // `so far this year`, `en lo que va del año`: January to the document's month.
    Rule {
        name: "year_to_date",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "so far this year",
        source: |v| phrase_list(v.lex.year_to_date),
        read: Read::Groups(|r, c, text| {
            // `FY22’s year-to-date numbers`, `fiscal year-to-date`: the year to date of
            // another year, or of a fiscal year, not of the document's calendar year.
            let head = text[..c.get(0)?.start()].trim_end();
            let prev = head.rsplit(char::is_whitespace).next().unwrap_or("");
            let prev = prev
                .strip_suffix("’s")
                .or_else(|| prev.strip_suffix("'s"))
                .unwrap_or(prev)
                .to_lowercase();
            let fiscal = r
                .lex
                .fiscal_year_words
                .iter()
                .any(|w| w.split(' ').next() == Some(prev.as_str()));
            if fiscal || prev.chars().any(|ch| ch.is_ascii_digit()) {
                return None;
            }
            found(c, Expr::YearToDate)
        }),
    },
    // `last year`, `this month`: a year or a month counted from the document's.
    Rule {
        name: "deictic",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "last month",
        source: |v| {
            let (years, months) = (keys(v.lex.year_deictics), keys(v.lex.month_deictics));
            let weeks = if v.lex.week_deictics.is_empty() {
                NEVER.to_string()
            } else {
                keys(v.lex.week_deictics)
            };
            format!(r"(?i:\b(?:({years})|({months})|({weeks}))\b)")
        },
        read: Read::Groups(|r, c, _| {
            let offset = |table: &[(&str, i32)], g: Match| {
                let low = g.as_str().to_lowercase();
                table.iter().find(|(w, _)| *w == low).map(|&(_, o)| o)
            };
            let expr = match (c.get(1), c.get(2)) {
                (Some(g), _) => Expr::YearOffset(offset(r.lex.year_deictics, g)?),
                (None, Some(g)) => Expr::MonthOffset(offset(r.lex.month_deictics, g)?),
                _ => Expr::WeekOffset {
                    offset: offset(r.lex.week_deictics, c.get(3)?)?,
                    first_day: r.lex.week_first_day,
                },
            };
            found(c, expr)
        }),
    },
    // `over the weekend`, `this weekend`, `el pasado fin de semana`.
    Rule {
        name: "weekend",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "over the weekend",
        source: |v| {
            if v.lex.weekend_deictics.is_empty() {
                return NEVER.to_string();
            }
            format!(r"(?i:\b(?:{})\b)", keys(v.lex.weekend_deictics))
        },
        read: Read::Groups(|r, c, text| {
            let low = c.get(0)?.as_str().to_lowercase();
            let &(_, o) = r.lex.weekend_deictics.iter().find(|(w, _)| *w == low)?;
            let next = text[c.get(0)?.end()..]
                .split(|ch: char| !ch.is_alphanumeric())
                .find(|w| !w.is_empty());
            if next.is_some_and(|w| Lexicon::is_in(r.lex.weekend_blockers, &w.to_lowercase())) {
                return None;
            }
            found(c, Expr::Weekend(o))
        }),
    },
    Rule {
        name: "days_ago",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "three weeks ago",
        source: |v| ago_source(v, &keys(v.lex.ago_day_units)),
        read: Read::Groups(|r, c, text| {
            let count = ago_count(r, c);
            let unit = c[2].to_lowercase();
            let &(_, days) = r.lex.ago_day_units.iter().find(|(w, _)| *w == unit)?;
            let back = count.checked_mul(days as i64)?;
            if !(1..=120).contains(&back) {
                return None;
            }
            // `over a week ago`: a hedge before the count leaves no day.
            let head = &text[..c.get(0)?.start()];
            let from = head.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
            let before = head[from..].trim_end().to_lowercase();
            let hedged = r.lex.qualifiers.iter().any(|(w, _, _)| {
                before
                    .strip_suffix(w)
                    .is_some_and(|b| b.is_empty() || b.ends_with(|ch: char| !ch.is_alphanumeric()))
            });
            found(
                c,
                if hedged {
                    Expr::DaysAgoAbout(back)
                } else {
                    Expr::DayOffset(-back)
                },
            )
        }),
    },
    // `within the last week`, `in the past week`: the seven days up to the document's
    // day (not `the last week of June`).
    Rule {
        name: "rolling_week",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "within the last week",
        source: |v| phrase_list(v.lex.rolling_week),
        read: Read::Groups(|r, c, text| {
            let next = text[c.get(0)?.end()..].split_whitespace().next();
            if next.is_some_and(|w| w.eq_ignore_ascii_case(r.lex.day_of)) {
                return None;
            }
            found(c, Expr::DaysToDate(7))
        }),
    },
    // `has now been in effect for three weeks`: the days counted back from the
    // document's day, which the state lasts until.
    Rule {
        name: "lasting",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "has now been in effect for three weeks",
        source: |v| {
            if v.lex.lasting_states.is_empty() {
                return NEVER.to_string();
            }
            format!(
                r"(?i:\b(?:{})\s+(?:{})\s+(?:{})\s+([0-9]{{1,3}}|{}|{})\s+({})\b)",
                alternation(v.lex.perfect_auxiliaries.iter().copied()),
                alternation(v.lex.lasting_states.iter().copied()),
                alternation(v.lex.duration_for.iter().copied()),
                keys(v.lex.number_words),
                alternation(v.lex.indefinite_articles.iter().copied()),
                keys(v.lex.ago_day_units),
            )
        },
        read: Read::Groups(|r, c, _| {
            let count = ago_count(r, c);
            let unit = c[2].to_lowercase();
            let &(_, days) = r.lex.ago_day_units.iter().find(|(w, _)| *w == unit)?;
            let back = count.checked_mul(days as i64)?;
            if !(1..=120).contains(&back) {
                return None;
            }
            found(c, Expr::DaysToDate(back))
        }),
    },
    Rule {
        name: "today",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "today",
        source: |v| format!(r"(?i:\b{})", words(v.lex.today)),
        read: Read::Text(|_, m, _| Some(at(m, Expr::Today))),
    },
    Rule {
        name: "now",
        kind: Kind::Relative,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "now",
        source: |v| format!(r"(?i:\b{})", words(v.lex.now)),
        read: Read::Text(|_, m, _| Some(at(m, Expr::Now))),
    },
    Rule {
        name: "yesterday",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "yesterday",
        source: |v| format!(r"(?i:\b{})", words(v.lex.yesterday)),
        read: Read::Text(|_, m, _| Some(at(m, Expr::DayOffset(-1)))),
    },
    Rule {
        name: "tomorrow",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "tomorrow",
        source: |v| format!(r"(?i:\b{})", words(v.lex.tomorrow)),
        read: Read::Text(|_, m, _| Some(at(m, Expr::DayOffset(1)))),
    },
    // `between Saturday and Monday`, `from Friday to Sunday`: one period of days.
    Rule {
        name: "weekday_span",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "between Saturday and Monday",
        source: |v| {
            let days = alternation(v.lex.weekdays.iter().copied());
            let both = |a: &[&'static str], b: &[&'static str]| -> Vec<&'static str> {
                a.iter().chain(b).copied().collect()
            };
            let open = both(v.lex.span_between, v.lex.span_from);
            let join = both(v.lex.span_and, v.lex.span_through);
            format!(
                r"\b{}\s+({days})\s+{}\s+({days})\b",
                v.words(&open),
                v.words(&join)
            )
        },
        read: Read::Groups(|r, c, _| {
            let day = |k: usize| {
                let w = c.get(k)?.as_str();
                r.lex.weekdays.iter().position(|d| *d == w).map(|i| i as u8)
            };
            let (first, last) = (day(1)?, day(2)?);
            (first != last).then_some(())?;
            found(c, Expr::WeekdaySpan(first, last))
        }),
    },
    Rule {
        name: "weekday",
        kind: Kind::RelativeDay,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "Tuesday",
        source: |v| {
            let days = alternation(v.lex.weekdays.iter().copied());
            let (before, after) = (v.lex.weekday_last_before, v.lex.weekday_last_after);
            if before.is_empty() && after.is_empty() {
                return format!(r"\b(?:{days})");
            }
            // `el pasado viernes`, `el viernes pasado`: the one before the document's day.
            let opt = |list: &[&str]| {
                if list.is_empty() {
                    NEVER.to_string()
                } else {
                    v.words(list)
                }
            };
            format!(
                r"(?:\b({})\s+)?\b({days})(?:\s+({})\b)?",
                opt(before),
                opt(after)
            )
        },
        read: Read::Text(|r, m, text| {
            let t = &text[m.start()..m.end()];
            if let Some(day) = r.lex.weekdays.iter().position(|w| *w == t) {
                return Some(at(m, Expr::Weekday(day as u8)));
            }
            // With the words of `weekday_last_before` or `weekday_last_after`.
            let (day, name) = r
                .lex
                .weekdays
                .iter()
                .enumerate()
                .find_map(|(i, w)| t.find(w).map(|k| (i, (k, k + w.len()))))?;
            let last = name.0 > 0 || name.1 < t.len();
            let expr = if last {
                Expr::LastWeekday(day as u8)
            } else {
                Expr::Weekday(day as u8)
            };
            Some(at(m, expr))
        }),
    },
    Rule {
        name: "after_previous",
        kind: Kind::Previous,
        needs: NOTHING,
        in_set: true,
        alone: false,
        example: "the following day",
        source: |v| {
            let before = if v.lex.days_before.is_empty() {
                NEVER.to_string()
            } else {
                alternation(v.lex.days_before.iter().copied())
            };
            format!(
                r"(?i:\b(?:({})|([0-9]{{1,2}}|{})\s+(?:({})|({before}))))\b",
                keys(v.lex.after_previous),
                keys(v.lex.number_words),
                alternation(v.lex.days_later.iter().copied())
            )
        },
        read: Read::Groups(|r, c, text| {
            let days = match (c.get(1), c.get(2)) {
                (Some(p), _) => {
                    let p = p.as_str().to_lowercase();
                    r.lex.after_previous.iter().find(|(w, _)| *w == p)?.1
                }
                (None, Some(n)) => n
                    .as_str()
                    .parse()
                    .ok()
                    .or_else(|| r.lex.number_word(n.as_str()).map(|v| v as i64))?,
                _ => return None,
            };
            if !(0..=31).contains(&days) {
                return None;
            }
            if c.get(4).is_some() {
                // `tres días antes de las elecciones`: before something else.
                let next = text[c.get(0)?.end()..]
                    .split(|ch: char| !ch.is_alphanumeric())
                    .find(|w| !w.is_empty());
                if next.is_some_and(|w| Lexicon::is_in(r.lex.days_before_blockers, w)) {
                    return None;
                }
                return found(c, Expr::AfterPrevious(-days));
            }
            found(c, Expr::AfterPrevious(days))
        }),
    },
];

/// The plural and singular forms of the period words (`quarters`, `quarter`).
fn period_word_forms(lex: &Lexicon) -> String {
    let mut forms: Vec<String> = Vec::new();
    for (w, _) in lex.period_words {
        forms.push(w.to_string());
        if let Some(one) = w.strip_suffix('s') {
            forms.push(one.to_string());
        } else {
            forms.push(format!("{w}s"));
        }
    }
    alternation(forms.iter().map(String::as_str))
}

/// The fiscal year in group `i`: `FY22`'s two digits are a year of this century, `FY 99`'s of
/// the last.
fn fiscal_year_number(c: &Captures, i: usize) -> Option<i32> {
    let g = c.get(i)?;
    let y: i32 = g.as_str().parse().ok()?;
    // `FY 99` is 1999, `FY 19` 2019: two digits from 70 up are of the last century.
    Some(match g.as_str().len() {
        2 if y >= 70 => 1900 + y,
        2 => 2000 + y,
        _ => y,
    })
}

/// `the first two quarters of fiscal year 2019` (from the first day of the fiscal year to
/// the last day of its sixth month), `the start of FY 2023` (its first day).
fn read_fiscal_part(r: &Recogniser, c: &Captures, _: &str) -> Option<Found> {
    let lex = r.lex;
    let fy = fiscal_year_number(c, 5)?;
    let start = lex.fiscal_year_start_month;
    // The `i`-th month of the fiscal year (1-based) as a calendar year and month.
    let month_at = |i: u8| fiscal_month(fy, start, i);
    if c.get(4).is_some() {
        let (year, month) = month_at(1);
        return found(
            c,
            Expr::Date(Absolute::Day {
                year,
                month,
                day: 1,
            }),
        );
    }
    let (m1, m2) = fiscal_part_months(r, c)?;
    let (y1, mo1) = month_at(m1);
    let (y2, mo2) = month_at(m2);
    found(c, whole_months((y1, mo1), (y2, mo2)))
}

/// The first and last month (1-based, counted from the fiscal year's first month) of
/// `the first two quarters`, `the last six months` (groups 1 to 3: the ordinal, the
/// count, the period word).
fn fiscal_part_months(r: &Recogniser, c: &Captures) -> Option<(u8, u8)> {
    let lex = r.lex;
    let ord = c[1].to_lowercase();
    let &(_, ordv) = lex.ordinals.iter().find(|(w, _)| *w == ord)?;
    let unit = c[3].to_lowercase();
    let per = lex
        .period_words
        .iter()
        .find(|(w, _)| *w == unit || w.strip_suffix('s') == Some(&unit) || format!("{w}s") == unit)?
        .1;
    let n: u8 = match c.get(2) {
        Some(g) => g
            .as_str()
            .parse()
            .ok()
            .or_else(|| lex.number_word(g.as_str()).map(|v| v as u8))?,
        None => 1,
    };
    let len = per.checked_mul(n)?;
    let (m1, m2) = if ordv == 0 {
        (13u8.checked_sub(len)?, 12)
    } else {
        let first = (ordv - 1).checked_mul(per)? + 1;
        (first, first.checked_add(len)? - 1)
    };
    (len > 0 && m2 <= 12 && m1 >= 1).then_some((m1, m2))
}

/// The regex of `N <unit> ago` (or `<prefix> N <unit>`, `hace 10 años`) for the unit
/// words `units` (an alternation): the count in group 1 (digits, a number word or `a`),
/// the unit in group 2.
fn ago_source(v: &Vocab, units: &str) -> String {
    if !v.lex.ago_prefixes.is_empty() {
        // `hace 10 años`: the offset word comes first.
        return format!(
            r"(?i:\b(?:{})\s+([0-9]{{1,3}}|{}|{})\s+({units})\b)",
            alternation(v.lex.ago_prefixes.iter().copied()),
            keys(v.lex.number_words),
            alternation(v.lex.indefinite_articles.iter().copied()),
        );
    }
    format!(
        r"(?i:\b([0-9]{{1,3}}|{}|{})\s+({units})\s+{}\b)",
        keys(v.lex.number_words),
        alternation(v.lex.indefinite_articles.iter().copied()),
        regex::escape(v.lex.ago)
    )
}

/// The count of an `N <unit> ago` match: digits, a number word, else one (`a year ago`).
fn ago_count(r: &Recogniser, c: &Captures) -> i64 {
    c[1].parse()
        .ok()
        .or_else(|| r.lex.number_word(&c[1]).map(|v| v as i64))
        .unwrap_or(1)
}

/// Fiscal years `first` to `last`: from the first day of the start month in the year
/// before `first` to the last day of the month before it in `last` (U.S. federal:
/// 1 October – 30 September).
fn fiscal_years(r: &Recogniser, c: &Captures, first: i32, last: i32) -> Option<Found> {
    let start = r.lex.fiscal_year_start_month;
    if !(2..=12).contains(&start) || last < first || last - first > 50 {
        return None;
    }
    let end_month = start - 1;
    found(c, whole_months((first - 1, start), (last, end_month)))
}

/// Quarter `q` (1–4) of fiscal year `fy`: its three months, first day to last.
fn fiscal_quarter(r: &Recogniser, c: &Captures, fy: i32, q: u8) -> Option<Found> {
    let start = r.lex.fiscal_year_start_month;
    if !(1..=4).contains(&q) || !(1..=12).contains(&start) {
        return None;
    }
    let (y1, m1) = fiscal_month(fy, start, 3 * (q - 1) + 1);
    let (y2, m2) = fiscal_month(fy, start, 3 * q);
    found(c, whole_months((y1, m1), (y2, m2)))
}

/// A period whose ends share `year` (and perhaps the month): the start falls in the year
/// before when it comes after the end in the calendar (`from December 20 to January 5,
/// 2021`).
fn shared_year(
    r: &Recogniser,
    c: &Captures,
    (m1, d1): (u8, u8),
    (m2, d2): (u8, u8),
    year: i32,
) -> Option<Found> {
    if !joined_right(r, c) {
        return None;
    }
    let y1 = if (m1, d1) > (m2, d2) { year - 1 } else { year };
    let a = Absolute::Day {
        year: y1,
        month: m1,
        day: d1,
    };
    let b = Absolute::Day {
        year,
        month: m2,
        day: d2,
    };
    found(c, Expr::Period(a, b))
}

/// The text after a match from byte `end`, without the commas, spaces and `of` word
/// (`de`) that may stand between it and a year (`… 2 de marzo de 2025`): what the rules
/// for dates without a year look at to leave a date with its year to the rules for those.
fn after_match<'t>(r: &Recogniser, text: &'t str, end: usize) -> &'t str {
    let rest = text[end..].trim_start_matches([',', ' ']);
    rest.strip_prefix(r.lex.day_of)
        .map_or(rest, str::trim_start)
}

/// The opener and the joiner of a period agree: `between … and …`, `from … to …`, or no
/// opener and `to`, `through` or a dash (`May 12 and June 2, 2023` are two dates).
fn joined_right(r: &Recogniser, c: &Captures) -> bool {
    let lex = r.lex;
    let opener = c.get(1).map(|g| g.as_str().to_lowercase());
    let joiner = c
        .iter()
        .skip(2)
        .flatten()
        .map(|g| g.as_str().to_lowercase())
        .find(|g| {
            Lexicon::is_in(lex.span_and, g)
                || Lexicon::is_in(lex.span_through, g)
                || g == "-"
                || g == "–"
                || g == "—"
        });
    let Some(joiner) = joiner else {
        return false;
    };
    // An em dash sets off a clause (`the raid — on May 5 — …`) unless `from` opens a
    // period before it (`from July 17 — August 20, 2014`).
    if joiner == "—" {
        return opener.is_some_and(|o| Lexicon::is_in(lex.span_from, &o));
    }
    let and = Lexicon::is_in(lex.span_and, &joiner);
    match opener {
        Some(o) if Lexicon::is_in(lex.span_between, &o) => and,
        _ => !and,
    }
}

/// True if `head` (the text before a period) ends with a verb of moving a date
/// (`postponed`, `aplazó`), perhaps with one word between (`moved back`): the two ends
/// are the old date and the new one.
fn rescheduled(r: &Recogniser, head: &str) -> bool {
    head.rsplit(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| Lexicon::is_in(r.lex.reschedule_verbs, &w.to_lowercase()))
}

/// True if `head` (the text before a day and its month) ends with the first day of a
/// range and its joiner: `del 3 al`, `from 3 to`, `3–`, `entre el 3 y el`. The day after
/// it is the end of a period without a year, which no rule reads: it is not reported as
/// a day of its own.
fn ends_a_day_range(r: &Recogniser, head: &str) -> bool {
    let lex = r.lex;
    let head = head.trim_end();
    let head = head
        .strip_suffix(lex.period_article)
        .filter(|h| h.ends_with(char::is_whitespace))
        .map_or(head, str::trim_end);
    if let Some(h) = head.strip_suffix(['-', '–']) {
        return h.trim_end().ends_with(|c: char| c.is_ascii_digit());
    }
    let mut words = head.rsplit(char::is_whitespace);
    let (Some(joiner), Some(day)) = (words.next(), words.next()) else {
        return false;
    };
    let day = day.trim_end_matches(|c: char| c.is_alphabetic() || c == '.' || c == 'º');
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let joiner = joiner.to_lowercase();
    if Lexicon::is_in(lex.span_through, &joiner) {
        return true;
    }
    // `y`/`and` join a range only after `entre`/`between`.
    Lexicon::is_in(lex.span_and, &joiner) && words.any(|w| Lexicon::is_in(lex.span_between, w))
}

/// The number of days in a month (1–12) of a year.
/// The period from the first day of month `from` to the last day of month `to`
/// (each a year and a month).
fn whole_months(from: (i32, u8), to: (i32, u8)) -> Expr {
    let a = Absolute::Day {
        year: from.0,
        month: from.1,
        day: 1,
    };
    let b = Absolute::Day {
        year: to.0,
        month: to.1,
        day: days_in_month(to.0, to.1),
    };
    Expr::Period(a, b)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The set entry of a rule that is not in the set: a class that matches nothing.
pub(super) const NEVER: &str = r"[^\s\S]";

fn read_ends(r: &Recogniser, c: &Captures, _: &str) -> Option<Found> {
    let (a, b) = (r.absolute(&c[1])?, r.absolute(&c[2])?);
    found(c, Expr::Period(a, b))
}

/// `the first six months of 2010` (ordinal 1, 6 × 1 month), `the second quarter of
/// 2021` (ordinal 2, 1 × 3 months), `the last half of 2019` (ordinal 0: from the end).
fn read_part_of(r: &Recogniser, c: &Captures, _: &str) -> Option<Found> {
    let (m1, m2) = part_months(r, c)?;
    let year = num(c, 4)?;
    let month = |month| Absolute::Month { year, month };
    found(c, Expr::Period(month(m1), month(m2)))
}

/// The first and last month of `the first six months`, `the second quarter`, `el primer
/// semestre` (groups 1 to 3: the ordinal, the count, the period word).
fn part_months(r: &Recogniser, c: &Captures) -> Option<(u8, u8)> {
    let lex = r.lex;
    let ord = c[1].to_lowercase();
    let ordv = lex
        .ordinals
        .iter()
        .find(|(w, _)| *w == ord)
        .map(|&(_, v)| v);
    let unit = c[3].to_lowercase();
    let per = lex.period_words.iter().find(|(w, _)| *w == unit);
    let (ordv, &(_, per)) = (ordv?, per?);
    let n: u8 = match c.get(2) {
        Some(g) => g
            .as_str()
            .parse()
            .ok()
            .or_else(|| lex.number_word(g.as_str()).map(|v| v as u8))
            .unwrap_or(0),
        None => 1,
    };
    let len = per.saturating_mul(n);
    if len == 0 || len > 12 {
        return None;
    }
    let (m1, m2) = if ordv == 0 {
        (13 - len, 12)
    } else if per == 1 {
        if ordv != 1 {
            return None;
        }
        (1, len)
    } else {
        let first = (ordv - 1) * per + 1;
        (first, first + len - 1)
    };
    (m2 <= 12).then_some((m1, m2))
}

fn num(c: &Captures, i: usize) -> Option<i32> {
    c.get(i)?.as_str().parse().ok()
}

/// The expression over the whole match of `c`.
fn found(c: &Captures, expr: Expr) -> Option<Found> {
    Some(at(c.get(0)?, expr))
}

/// The expression over the words of `m`.
fn at(m: Match, expr: Expr) -> Found {
    Found {
        start: m.start(),
        end: m.end(),
        expr,
    }
}

/// A span of whole years, `a` to `b`, over the words of `m`.
fn years(m: Match, a: i32, b: i32) -> Found {
    at(m, Expr::Period(Absolute::Year(a), Absolute::Year(b)))
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

// The most frequent forms (`full_dmy`, `day_of_month`, `month_year`) are read from the
// text of their matches rather than from capture groups, which cost a backtracking
// search per match. Their shape leaves no doubt where each group is: a match starts with
// its day digits (a run the pattern ends with a letter or a space) or with its month
// name; the month name is a single word without commas; the year is the last four
// characters.

/// The number a match starts with: its first group `([0-9]{1,2})`.
/// The day a match starts with: its number, or 1 for a word for the first day
/// (`primero de octubre`).
fn day_number(r: &Recogniser, t: &str) -> Option<i32> {
    leading_number(t).or_else(|| {
        let w = t.split_whitespace().next()?.to_lowercase();
        Lexicon::is_in(r.lex.day_one_words, &w).then_some(1)
    })
}

fn leading_number(t: &str) -> Option<i32> {
    let end = t.find(|c: char| !c.is_numeric()).unwrap_or(t.len());
    t[..end].parse().ok()
}

/// The month word before the year a match ends with (`… May, 2019` → `May`, `… agosto
/// de 2010` → `agosto`), and the year.
fn before_year<'t>(t: &'t str, lex: &Lexicon) -> (&'t str, Option<i32>) {
    let Some((year_start, _)) = t.char_indices().rev().nth(3) else {
        return ("", None);
    };
    let head = t[..year_start].trim_end();
    let head = head.strip_suffix(',').unwrap_or(head);
    // `24 de agosto de 2010`: the word between the month and the year is no month.
    let head = match head.rsplit_once(char::is_whitespace) {
        Some((rest, last))
            if last.eq_ignore_ascii_case(lex.day_of)
                || lex.year_of.iter().any(|w| last.eq_ignore_ascii_case(w)) =>
        {
            rest.trim_end()
        }
        _ => head,
    };
    let month = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    (month, t[year_start..].parse().ok())
}

/// The optional words that name a period's first end before it (`from its current
/// expiration date of July 5, 2010, through …`, `from calendar years 2019 through 2022`).
fn from_filler(v: &Vocab<'_>) -> String {
    match v.lex.span_from_fillers {
        [] => String::new(),
        list => format!(r"(?:{}\s+)?", v.words(list).replace(' ', r"\s+")),
    }
}
