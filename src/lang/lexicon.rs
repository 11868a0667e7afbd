//! Every language-specific word `brief` reads by, in one data file per language.
//!
//! In: a language code (`"en"`). Out: a [`Lexicon`] of month names, number words,
//! hedges, unit nouns, relative-date words, abbreviations and the cue words of the
//! exclusion rules, read once from `src/lang/<code>.toml` (built into the binary; a
//! missing or unknown key is an error the tests catch). Importing nothing of ours: the
//! date recogniser ([`super::dates`]), the extractor, the dateline reader and the
//! English display of dates ([`crate::model::date`]) all take their words from here;
//! the rule code never spells an English word itself. Adding a language means adding
//! one more data file and one line in [`lexicon`].

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The hedge on a figure, in every language's words mapped to one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Qualifier {
    /// No hedge: the figure as stated.
    #[serde(rename = "exact")]
    Exact,
    /// `more than`, `over`, `upwards of`.
    #[serde(rename = "more than")]
    MoreThan,
    /// `nearly`, `close to`.
    #[serde(rename = "nearly")]
    Nearly,
    /// `almost`.
    #[serde(rename = "almost")]
    Almost,
    /// `about`, `some`, `around`, an estimate.
    #[serde(rename = "about")]
    About,
    /// `at least`, `no fewer than`.
    #[serde(rename = "at least")]
    AtLeast,
    /// `up to`, `as many as`, `no more than`.
    #[serde(rename = "up to")]
    UpTo,
    /// `less than`, `fewer than`.
    #[serde(rename = "less than")]
    LessThan,
}

impl Qualifier {
    /// Every qualifier, in order.
    pub const ALL: [Qualifier; 8] = [
        Qualifier::Exact,
        Qualifier::MoreThan,
        Qualifier::Nearly,
        Qualifier::Almost,
        Qualifier::About,
        Qualifier::AtLeast,
        Qualifier::UpTo,
        Qualifier::LessThan,
    ];

    /// The words of the data files and the corrections file (`more than`).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more than",
            Qualifier::Nearly => "nearly",
            Qualifier::Almost => "almost",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at least",
            Qualifier::UpTo => "up to",
            Qualifier::LessThan => "less than",
        }
    }

    /// The qualifier these words name, if any.
    pub fn parse(words: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == words)
    }
}

impl std::fmt::Display for Qualifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The word tables of one language. All entries are lower case unless said otherwise.
#[derive(Debug)]
pub struct Lexicon {
    /// Language code, e.g. `en`.
    pub code: &'static str,
    /// Month names and abbreviations (capitalised, as written) with their number: the
    /// twelve full names first, in calendar order (see [`Lexicon::month_names`]).
    pub months: &'static [(&'static str, u8)],
    /// Week days (capitalised), Monday first.
    pub weekdays: &'static [&'static str],
    /// Cardinal number words with their value (zero to ninety, no ordinals).
    pub number_words: &'static [(&'static str, f64)],
    /// Scale words with their multiplier (`million`).
    pub scales: &'static [(&'static str, f64)],
    /// Hedges written right before a figure, mapped to the canonical qualifier. The
    /// bool says whether the hedge belongs in the span (`within` does, `start at` does not).
    pub qualifiers: &'static [(&'static str, Qualifier, bool)],
    /// Words that join the two ends of a number range after `between`.
    pub range_and: &'static [&'static str],
    /// Words that open a range (`between`, `from`).
    pub range_open: &'static [&'static str],
    /// Words that join the two ends of a range without an opener (`to`).
    pub range_to: &'static [&'static str],
    /// Words joining a list of numbers (`or`, `and`).
    pub list_joiners: &'static [&'static str],
    /// The word of a ratio `X in Y` (one in four).
    pub ratio_in: &'static str,
    /// The word of a ratio `X of Y` (18 of 41 patients).
    pub ratio_of: &'static str,
    /// Percent words written after a figure.
    pub percent_words: &'static [&'static str],
    /// Currency signs/codes written before a figure, with the unit they give.
    pub currency_prefixes: &'static [(&'static str, &'static str)],
    /// Currency words written after a figure, with the unit they give; kept in the span.
    pub currency_words: &'static [(&'static str, &'static str)],
    /// The currency words that name a hundredth of their currency (`30 cents`: 0.30 USD).
    pub currency_hundredths: &'static [&'static str],
    /// The words after a time of day written `18.30` (`18.30 (UTC-4)`, `18.30 horas`):
    /// the number is a clock time, not a figure.
    pub clock_after: &'static [&'static str],
    /// Counted nouns (one or two words) mapped to the unit name.
    pub unit_nouns: &'static [(&'static str, &'static str)],
    /// Irregular plural nouns that count things (no final `s`).
    pub irregular_plurals: &'static [&'static str],
    /// Plural-looking words that are not counted nouns.
    pub not_nouns: &'static [&'static str],
    /// Duration nouns: a figure with one of these only counts with a hedge word.
    pub durations: &'static [&'static str],
    /// Function words that end a noun phrase search (articles, prepositions, verbs).
    pub stopwords: &'static [&'static str],
    /// Words that, right after a number word, mean it is not a measurement (`or more`).
    pub number_word_blockers: &'static [&'static str],
    /// Words right before a number that make it an identifier (`Title 42`, `Section 8`).
    pub identifier_words: &'static [&'static str],
    /// A citation's signal before a pin cite's page (`Id. at 45,486`), lower case.
    pub pin_cite_words: &'static [&'static str],
    /// A note's first word after its number (`1 See sections 208 and 241(b)(3)`): with
    /// the stop words, written with a capital after a number of one or two digits, they
    /// make the number a note's, not a figure.
    pub note_openers: &'static [&'static str],
    /// A chamber's procedure before or after a number (`is recognized for 60 minutes`,
    /// `have 5 legislative days to revise and extend`): no figure, lower case.
    pub procedure_before: &'static [&'static str],
    /// See `procedure_before`.
    pub procedure_after: &'static [&'static str],
    /// Words right after a number that make it an identifier or a clock time.
    pub identifier_after: &'static [&'static str],
    /// Words right before a duration that make it a bound, not a claim (`the last four years`).
    pub duration_bound_words: &'static [&'static str],
    /// Words right before a duration (or the range of durations) that make it the claim
    /// itself (`for 60 days`, `spent three weeks`, `por 21 días`, `dura entre 15 a 30`).
    pub duration_claim_before: &'static [&'static str],
    /// Phrases right before a prison term that make it the claim without `in prison`
    /// after it (`was sentenced to 480 months`, `Garcia received 32 months`).
    pub sentence_leads: &'static [&'static str],
    /// Hedges that make a duration a deadline or a limit, never a figure (`within 72
    /// hours`).
    pub duration_limits: &'static [&'static str],
    /// Words that put what follows them before the verb's time (`face charges following
    /// their arrest Tuesday`: a past Tuesday, whatever the verb's tense).
    pub anteriority_words: &'static [&'static str],
    /// Articles that make a date right after them a noun's modifier (`the January 24
    /// press release`): its tense is its clause's, not that of a verb after a comma.
    pub attributive_articles: &'static [&'static str],
    /// Words that make the date right after them the value of a date of continuity
    /// (`the continuous residence date as Jan. 12, 2011`): a condition, with a word of
    /// [`Lexicon::continuity_words`] in the clause.
    pub condition_date_words: &'static [&'static str],
    /// Headings that open a document's list of references (`References`, `Notes`):
    /// the dates and numbers after them are its sources', not its facts.
    pub reference_headings: &'static [&'static str],
    /// Edit links a wiki prints after a heading (`References [edit]`, `change`).
    pub heading_edit_labels: &'static [&'static str],
    /// Words right after the number of a duration that make it the claim (`8
    /// consecutive months`, `tres meses seguidos`).
    pub duration_claim_after: &'static [&'static str],
    /// Phrases right after a duration that make it a sentence or a term served, the
    /// claim of a court release (`30 years in prison`, `a 24-month term of
    /// imprisonment`, `18 meses de prisión`).
    pub duration_terms: &'static [&'static str],
    /// Nouns of a period whose glued length is a figure (`the 60-day re-registration
    /// period`, `a one-year window`).
    pub duration_periods: &'static [&'static str],
    /// The words between a number and the group it is a part of (`Five of the aliens`,
    /// `Veintiuno de los fallecidos`).
    pub partitives: &'static [&'static str],
    /// Words of a cut-off that set a deadline when the clause obliges someone
    /// ([`Lexicon::obligation_words`]): `must be submitted on or before May 5`.
    pub deadline_words: &'static [&'static str],
    /// Words of an obligation (`must`, `required`, `ask`).
    pub obligation_words: &'static [&'static str],
    /// An appositive after a date that names what took effect on it, which makes a
    /// condition's date an event (`since March 18, 2023, the effective date of …`).
    pub date_appositives: &'static [&'static str],
    /// The words of years and of months in a duration written in two parts (`19 years
    /// and seven months`), read whole, in months, or not at all.
    pub duration_years: &'static [&'static str],
    /// The words of months in such a duration; the first is its unit.
    pub duration_months: &'static [&'static str],
    /// Words after a duration that make it an open-ended claim, `at least` (`three weeks
    /// or more`).
    pub duration_or_more: &'static [&'static str],
    /// Words that negate a clause: `in three days` after one is how long something did
    /// not happen (`had not showered in three days`), a claim.
    pub negations: &'static [&'static str],
    /// The preposition of `in three days` (`en tres días`).
    pub duration_in: &'static [&'static str],
    /// Singular duration words a number is glued to by a dash, with their unit
    /// (`a five-year bar` → `years`): a figure only with a hedge.
    pub glued_durations: &'static [(&'static str, &'static str)],
    /// The joiner of two numbers read as a range of one noun (`two or three days`).
    pub range_or: &'static [&'static str],
    /// The words for one that count one in a list of counts (`21 hondureños, un
    /// ecuatoriano y 4 brasileños`).
    pub one_words: &'static [&'static str],
    /// The words of [`Lexicon::one_words`] that are never an article: as the last item of
    /// a list of counts they count (`two convicted murderers, and one escapee`).
    pub one_numerals: &'static [&'static str],
    /// Words that make the time after a claim word elapsed time so far, a frame (`have
    /// been in effect for three weeks`).
    pub duration_elapsed_markers: &'static [&'static str],
    /// The words between an elapsed time and what it counts from (`un mes después del
    /// inicio`, `two months after arriving`), see `extract::elapsed`.
    pub elapsed_after: &'static [&'static str],
    /// Endings of the verb form after them (`llegar`, `arriving`); the rest is the stem
    /// an earlier event's sentence must hold (`llegó`, `arrived`).
    pub infinitive_endings: &'static [&'static str],
    /// Prepositions that may stand before a bare month or a glued year (`in`, `since`).
    pub date_prepositions: &'static [&'static str],
    /// Words for a part of a month, between a preposition and the month (`in early May`).
    pub month_parts: &'static [&'static str],
    /// Suffixes of a day number (`1st`, `20th`), as written.
    pub day_suffixes: &'static [&'static str],
    /// The word that may stand between a day and its month, or a month and its year
    /// (`20th of May`, `May of 2019`), and before the year of a period (`… of 2010`).
    pub day_of: &'static str,
    /// The words that may stand between a month and its year besides `day_of` (Spanish
    /// `abril del 2000`).
    pub year_of: &'static [&'static str],
    /// The article opening a part of a year (`the first six months of 2010`).
    pub period_article: &'static str,
    /// The articles of a part of a year named by its months (`the first ten months of
    /// 2019`, `los primeros 10 meses de 2019`): the period article and its plurals.
    pub part_articles: &'static [&'static str],
    /// `since`, giving a point event at its date.
    pub since: &'static [&'static str],
    /// Words that open a clause saying what happened at the date before them (`since
    /// May, when the number spiked`): that date is an event, not a baseline.
    pub when: &'static [&'static str],
    /// Words for the first day of a month, written instead of `1` (`el primero de
    /// octubre`).
    pub day_one_words: &'static [&'static str],
    /// The word for `day` before a day of the month given alone (`el pasado día 23`).
    pub day_words: &'static [&'static str],
    /// Words that open a `from … through …` period.
    pub span_from: &'static [&'static str],
    /// Words joining the ends of a `from … through …` span.
    pub span_through: &'static [&'static str],
    /// Words that join two dates into a period with no opener before the first
    /// (`filed January 9, 2012 through March 12, 2012`).
    pub span_through_alone: &'static [&'static str],
    /// The abbreviation of a code's supplement in a citation (`8 U.S.C. § 1158 (2000 &
    /// Supp. V 2005)`): the years in its parenthesis are editions, not events.
    pub code_supplements: &'static [&'static str],
    /// Words that may stand between `from` and the first end of a span (`from its
    /// current expiration date of July 5, 2010, through January 5, 2012`).
    pub span_from_fillers: &'static [&'static str],
    /// The words that open a period in force (`effective on January 5, 1999 and will
    /// remain in effect until July 5, 2000`).
    pub in_effect_from: &'static [&'static str],
    /// The words that name the end of a period in force after `and` (`will remain in
    /// effect until`).
    pub in_effect_until: &'static [&'static str],
    /// `between`.
    pub span_between: &'static [&'static str],
    /// `and`.
    pub span_and: &'static [&'static str],
    /// Ordinals of `the first six months of 2010`-style periods (`last` = 0: counted from the end).
    pub ordinals: &'static [(&'static str, u8)],
    /// Words for "months" and "quarter"/"half" in `the first N months of YEAR`.
    pub period_words: &'static [(&'static str, u8)],
    /// Deictic words for the publication day (`today`).
    pub today: &'static [&'static str],
    /// Deictic words for the day before publication.
    pub yesterday: &'static [&'static str],
    /// Deictic words for the day after publication.
    pub tomorrow: &'static [&'static str],
    /// `now`: only dated when it follows a modal (`will now`).
    pub now: &'static [&'static str],
    /// Modals that make `now` announce a change (`will`).
    pub now_modals: &'static [&'static str],
    /// Verbs of announcing/acting next to which a lower-case `today` dates an action.
    pub action_verbs: &'static [&'static str],
    /// Events held on a day, which `today` after them dates (`a press conference … today`).
    pub event_nouns: &'static [&'static str],
    /// `ago` (`10 years ago`).
    pub ago: &'static str,
    /// Units of an `N … ago` offset with their length in months.
    pub ago_units: &'static [(&'static str, u32)],
    /// `this year` / `last year` / `next year` after a month, with the year offset.
    pub year_deictics: &'static [(&'static str, i32)],
    /// A word right before a month without a year that puts it before (-1) or after (1)
    /// the document's month, never in it (`last October`, `el próximo mayo`).
    pub month_sides: &'static [(&'static str, i32)],
    /// Speech verbs: `said on Tuesday` is an attribution, not an event.
    pub speech_verbs: &'static [&'static str],
    /// Nouns of a statement made on a day (`In a statement Wednesday, HHS said`, `at a
    /// news conference Thursday`): a week day right after one dates the words, not an
    /// event.
    pub statement_nouns: &'static [&'static str],
    /// Words after which a date names a standing rule, not an event (`Under the Speaker's
    /// announced policy of January 3, 2019, the gentleman … is recognized`).
    pub policy_of: &'static [&'static str],
    /// Words that mark a future event (for choosing the year of `July 1st`).
    pub future_markers: &'static [&'static str],
    /// Two words that make a future marker no tense (`coming from`, `next to`).
    pub future_marker_blockers: &'static [&'static str],
    /// Phrases of editorial notes about the document itself (no events there).
    pub editorial_markers: &'static [&'static str],
    /// Phrases of page furniture lines (no facts there).
    pub furniture_markers: &'static [&'static str],
    /// Abbreviations that never end a sentence (`Dr.`, `Mr.`); compared without the dot.
    pub title_abbreviations: &'static [&'static str],
    /// Abbreviations that end a sentence only before a sentence-opening word (`U.S.`, `Inc.`).
    pub abbreviations: &'static [&'static str],
    /// Words that typically open a sentence (capitalised), used after an abbreviation.
    pub sentence_openers: &'static [&'static str],
    /// Suffix of a decade (`1990s`), read as the period 1990–1999.
    pub decade_suffix: &'static str,
    /// Possessive suffixes (`’s`, `'s`, `’`) that make a counted noun a modifier.
    pub possessive_marks: &'static [&'static str],
    /// Indefinite articles that count one (`a year ago`, `an hour ago`).
    pub indefinite_articles: &'static [&'static str],
    /// What opens a byline before a dateline (`By `), as written.
    pub byline_prefixes: &'static [&'static str],
    /// The word that joins a byline's name to its date (` on `), with its spaces.
    pub byline_on: &'static [&'static str],
    /// Labels a dateline may start with (`Published:`, `Posted on`), longest first.
    pub dateline_labels: &'static [&'static str],
    /// Scales glued to a figure after a currency sign, as written (`$48M`).
    pub glued_scales: &'static [(&'static str, f64)],
    /// Words glued to a number by a dash that make it a count, with the unit.
    pub glued_counts: &'static [(&'static str, &'static str)],
    /// Words after `of N` that make N a threshold in a definition (`or more`).
    pub open_ended: &'static [&'static str],
    /// Vague amounts (`tens of thousands`, `dozens`): never read as figures.
    pub vague_amounts: &'static [&'static str],
    /// Words for the current period (`this` fiscal year).
    pub this_words: &'static [&'static str],
    /// Words that end a period at the document's date (`so far`, `to date`).
    pub to_date_words: &'static [&'static str],
    /// Words for the first day of a period (`the start of FY 2023`).
    pub period_start_words: &'static [&'static str],
    /// Day units of `N … ago`, with their length in days (`weeks`: 7).
    pub ago_day_units: &'static [(&'static str, u32)],
    /// Words for a month counted from the document's (`last month`: -1).
    pub month_deictics: &'static [(&'static str, i32)],
    /// What a photo caption opens with, as written (`FILE –`).
    pub caption_prefixes: &'static [&'static str],
    /// A wire photo caption's frame: its opening words and, among its first words, the
    /// word for the photo before a comma (`In this April 30, 2019, photo, …`).
    pub caption_frames: &'static [(&'static str, &'static str)],
    /// The words that open a finer date set off after a coarser one it falls in (`last
    /// month, on Friday, April 12`): the coarse one frames it and dates nothing itself.
    pub narrowing_openers: &'static [&'static str],
    /// The words before a day or month that end a year-long period (`the year ending
    /// September 30`, `the 12 months ended in March 2021`): the twelve months up to it.
    pub year_ending: &'static [&'static str],
    /// The words for half a month (`the first half of January`: days 1 to 15).
    pub month_halves: &'static [&'static str],
    /// The preposition of the place a wire caption gives after its date (`…, July 6,
    /// 2018, in Washington.`).
    pub caption_place_words: &'static [&'static str],
    /// Words for the last part of a period (`the end of 2019`: December).
    pub period_end_words: &'static [&'static str],
    /// Words for the first day of a period (`the first day of the 2020 fiscal year`:
    /// 1 October 2019).
    pub period_first_day_words: &'static [&'static str],
    /// Words for the last day of a period (`the last day of the 2019 fiscal year`).
    pub period_last_day_words: &'static [&'static str],
    /// Seasons with their first month (three months each).
    pub seasons: &'static [(&'static str, u8)],
    /// The last season before the document's date, `{season}` standing for its name
    /// (`last {season}`, `el {season} pasado`).
    pub last_season: &'static [&'static str],
    /// The season of the document's year, `{season}` standing for its name (`this
    /// {season}`, `este {season}`).
    pub this_season: &'static [&'static str],
    /// Words before `last year` that make it a duration.
    pub year_deictic_blockers: &'static [&'static str],
    /// Fractions in words with their value (`a third`).
    pub fractions: &'static [(&'static str, f64)],
    /// The unit of a fraction in words.
    pub fraction_unit: &'static str,
    /// Multipliers in words and their value (`doubled` 2, `se triplicó` 3).
    pub multipliers: &'static [(&'static str, f64)],
    /// Those of the multipliers that are one only before one of `multiplier_next`
    /// (`twice the daily average`, `almost double the previous record`; not `double
    /// standard`, `deported twice`).
    pub multiplier_words: &'static [&'static str],
    /// The words after which `multiplier_words` are multipliers (`the`, `as`; `de`).
    pub multiplier_next: &'static [&'static str],
    /// The unit of a multiplier (`times`).
    pub multiplier_unit: &'static str,
    /// Words before a fiscal year's number, any case (`fiscal year`).
    pub fiscal_year_words: &'static [&'static str],
    /// Codes glued or next to a fiscal year's number, as written (`FY`).
    pub fiscal_year_codes: &'static [&'static str],
    /// The verbs (with their preposition or article, if any) that give a fiscal year's
    /// first or last day (`ended`, `began on`, `terminó el`), lower case: the day is the
    /// year's edge, not an event.
    pub fiscal_year_edges: &'static [&'static str],
    /// The month a fiscal year starts in, in the year before its number (10: October).
    pub fiscal_year_start_month: u8,
    /// Words for a day counted from the event just before in the text, with the days.
    pub after_previous: &'static [(&'static str, i64)],
    /// `days later` after a count of days (`two days later`).
    pub days_later: &'static [&'static str],
    /// The calendar year up to the document's month (`so far this year`).
    pub year_to_date: &'static [&'static str],
    /// After a number: that many days before the event just before in the text (`tres
    /// días antes`, `two days earlier`).
    pub days_before: &'static [&'static str],
    /// Words right after [`Lexicon::days_before`] that give it an object of its own
    /// (`tres días antes de las elecciones`, `two days earlier than planned`): then it
    /// counts from that, not from the event before, and dates nothing.
    pub days_before_blockers: &'static [&'static str],
    /// Words that put the verb of a date in the past (`went`, `was`).
    pub past_markers: &'static [&'static str],
    /// Words before a participle that make it no past marker (`be`).
    pub passive_auxiliaries: &'static [&'static str],
    /// Words before a date that make it the baseline of a comparison.
    pub baseline_cues: &'static [&'static str],
    /// Comparison cues that may stand a few nouns before a baseline date.
    pub comparison_cues: &'static [&'static str],
    /// Baseline cues that are one only after a comparative (`más … que en 2022`; alone,
    /// `que en` is `that in`).
    pub comparative_only_cues: &'static [&'static str],
    /// The comparatives those cues need before them (`más`, `menos`, `mayor`).
    pub comparatives: &'static [&'static str],
    /// Words of change or comparison: `from` after one of them opens a baseline.
    pub change_words: &'static [&'static str],
    /// Words that, before `since`, make its date a baseline.
    pub superlatives: &'static [&'static str],
    /// Words right before a date that make it a cut-off condition.
    pub cutoff_words: &'static [&'static str],
    /// The last word before the colon of a lead-in to a list of conditions (`… may
    /// request deferred action if:`): the dates in its items are conditions, not events.
    pub condition_leads: &'static [&'static str],
    /// Small words inside a proper name (`Customs and Border Protection`, `Office of
    /// Field Operations`), between a count and its noun.
    pub name_joiners: &'static [&'static str],
    /// Determiners before a year used as an attribute (`the 2011 massacre`).
    pub attribute_determiners: &'static [&'static str],
    /// Words that, with a date and nothing else, make a line a heading or a stamp.
    pub stamp_words: &'static [&'static str],
    /// Words right before a number that make it an age (`aged 12`).
    pub age_words: &'static [&'static str],
    /// Words between a prison term's lead and the term (`to serve a consecutive 10 months`).
    pub sentence_fillers: &'static [&'static str],
    /// Words between an age word and the ages it gives (`ages ranged from 16 to 44`).
    pub age_links: &'static [&'static str],
    /// Words before a number that make it a threshold after an age noun (`under 12`).
    pub threshold_words: &'static [&'static str],
    /// Nouns of people an age threshold may follow (`children under 12`).
    pub age_nouns: &'static [&'static str],
    /// Words right after a number that make it an age (`12 years old`).
    pub age_after: &'static [&'static str],
    /// Words that may join a counted noun to a short phrase in a figure's label.
    pub measure_joiners: &'static [&'static str],
    /// Words after `a year` that make it a time, not a rate (`a year earlier`).
    pub relative_after: &'static [&'static str],
    /// Denominators after a figure, with the unit suffix they give (`per day`).
    pub rate_words: &'static [(&'static str, &'static str)],
    /// Rate words that may end the figure's clause further on (`10,000 migrants were
    /// crossing the border each day`, `1.150 personas llegan a diario`), with their suffix.
    pub clause_rate_words: &'static [(&'static str, &'static str)],
    /// Words (one to three) a headline may not start with: conjunctions, relative
    /// pronouns, adverbs of time and focus, prepositions that leave a fragment.
    pub fragment_openers: &'static [&'static str],
    /// Relative pronouns that stand for their clause's subject (`which`, `who`): a
    /// headline puts the noun they stand for back.
    pub relative_pronouns: &'static [&'static str],
    /// Verb forms the suffix rules of headlines miss (auxiliaries, irregular forms,
    /// present forms of common headline verbs).
    pub verbs: &'static [&'static str],
    /// Words in -ed or -ing that are not verbs (`hundred`, `during`).
    pub verb_lookalikes: &'static [&'static str],
    /// Function words a headline may not end on (it would be cut mid-phrase).
    pub dangling_words: &'static [&'static str],
    /// A numeric date (`05/08/2010`) gives the day first (`es`), not the month (`en`).
    pub numeric_day_first: bool,
    /// A month then a day without a year is a date (`July 1`); in Spanish it is not
    /// (`en marzo 21` is 21 in March: the day comes first, `21 de marzo`).
    pub month_then_day: bool,
    /// Words written before the count of an offset into the past (`hace` 10 años); when
    /// there are some, an offset reads `<prefix> N <unit>`, else `N <unit> <ago>`.
    pub ago_prefixes: &'static [&'static str],
    /// Words before a week day that make it the one before the document's day, never that
    /// day itself (`el pasado viernes` in a Friday article: a week earlier).
    pub weekday_last_before: &'static [&'static str],
    /// Words before a week day that count it back from the day told before it, not
    /// from the document's (`found the body on Thursday, March 19 … since the previous
    /// Saturday`: the 14th).
    pub weekday_told_before: &'static [&'static str],
    /// Words before a week day that count it on from the day told before it (`the
    /// following Monday`).
    pub weekday_told_after: &'static [&'static str],
    /// Words after a week day with the same meaning (`el viernes pasado`).
    pub weekday_last_after: &'static [&'static str],
    /// Words of residence (`residing`, `residen`): with one of `residence_date_words`
    /// just before a date (`residing in the United States as of November 6, 2022`), the
    /// date is a condition of eligibility, not an event.
    pub residence_words: &'static [&'static str],
    /// See `residence_words` (`as of`, `al`).
    pub residence_date_words: &'static [&'static str],
    /// Participles that may stand between a comparison cue and its date (`lower than
    /// experienced in December`, `que lo registrado en diciembre`).
    pub baseline_participles: &'static [&'static str],
    /// Words for the document's own year after a part of it (`the first quarter of the
    /// year`, `el primer trimestre del año`).
    pub current_year_words: &'static [&'static str],
    /// Words between a count and its noun that make it a difference (`29,000 more
    /// arrests`).
    pub count_comparatives: &'static [&'static str],
    /// Verbs that move a date (`postponed from January to March`): the two ends after
    /// them are the old date and the new one, not a period.
    pub reschedule_verbs: &'static [&'static str],
    /// A future seen from the past (`was set to expire on Dec. 21`, `estaba previsto
    /// para el 5 de junio`): the day may lie on either side of the document's date, so
    /// it takes the nearest one.
    pub future_in_past: &'static [&'static str],
    /// Written right after a number, they make it a lower bound (`2.2 million-plus`).
    pub plus_suffixes: &'static [&'static str],
    /// Words after a week day that tie it to another day (`the Friday before Christmas`,
    /// `el viernes antes de Navidad`): a day the document's date cannot resolve.
    pub weekday_anchors: &'static [&'static str],
    /// Words that make a `since` date a condition of residence or presence
    /// (`continuously residing in the United States since July 31, 2023`).
    pub continuity_words: &'static [&'static str],
    /// Words that open a clause (`said that`, `dijo que`): the tense of a date after
    /// them is that clause's, not the verb's before them.
    pub complementizers: &'static [&'static str],
    /// Words that make the verb after them an infinitive (`is expected to set a new
    /// ceiling in October`): a past form spelled like the base form (`set`, `put`) is no
    /// past there. Empty where infinitives have their own forms.
    pub infinitive_markers: &'static [&'static str],
    /// Units of a document's own length (`Revised Nov. 7, 2017 (16 pages, $24.95)`): a
    /// line that gives one in parentheses is a catalogue entry, not text.
    pub length_units: &'static [&'static str],
    /// Words of a street address after its number (`1901 S. Bell Street`): a four-digit
    /// number before them is no year.
    pub street_words: &'static [&'static str],
    /// Words that may stand between a baseline's `from` and its date (`from just three
    /// years ago`).
    pub baseline_adverbs: &'static [&'static str],
    /// Words one of which must stand right before such a week day (`the Friday before`,
    /// not `on Friday before leaving`); empty where any may.
    pub weekday_anchor_determiners: &'static [&'static str],
    /// Parts of a day that may stand between a week day and its anchor (`the Friday
    /// night before`).
    pub day_parts: &'static [&'static str],
    /// Words right after an anchor that make it open a clause (`el viernes, después de
    /// que …`): the week day is then the document's own.
    pub anchor_clause_words: &'static [&'static str],
    /// A week counted from the document's (`la próxima semana`: +1), dated to the month it
    /// falls in (a week is no calendar unit of a date).
    pub week_deictics: &'static [(&'static str, i32)],
    /// Weekends counted from the document's day (`last weekend`: -1, the last one before
    /// it; `over the weekend`, `this weekend`: 0, by the tense); see [`Expr::Weekend`].
    ///
    /// [`Expr::Weekend`]: crate::lang::dates::Expr::Weekend
    pub weekend_deictics: &'static [(&'static str, i32)],
    /// Words after a weekend that make it a long one, its days not told (`el fin de
    /// semana festivo`): no date.
    pub weekend_blockers: &'static [&'static str],
    /// Fraction words that, after the range joiner (`and`), end a mixed quantity (`a
    /// year and a half`, `two and a half`) rather than state a fraction of something.
    pub mixed_fraction_tails: &'static [&'static str],
    /// The word between a number of months and a fiscal year that makes them its first
    /// months (`five months into Fiscal Year 2022`).
    pub fiscal_into_words: &'static [&'static str],
    /// The chamber's order giving a member time to speak (`the chair recognizes`, `i yield
    /// myself`): a number of `procedure_time_units` right after one of
    /// `procedure_time_before` (`for`, `yield myself`) in such a sentence is no figure.
    pub procedure_sentences: &'static [&'static str],
    /// The units of time given to speak (`minutes`).
    pub procedure_time_units: &'static [&'static str],
    /// The words right before the time given to speak (`for`, `yield myself`).
    pub procedure_time_before: &'static [&'static str],
    /// The first day of a week (0 = Monday, 6 = Sunday) where a week is dated to its days
    /// (`last week` → Monday to Sunday); `None`: to the month it falls in.
    pub week_first_day: Option<u8>,
    /// The words before an issue number (`Vol. 86, No. 246`): a date right after the
    /// number is the issue's stamp.
    pub issue_number_words: &'static [&'static str],
    /// A state that has lasted until the document's day, after a perfect auxiliary
    /// (`has now been in effect` for three weeks): the days counted back from it.
    pub lasting_states: &'static [&'static str],
    /// The seven days up to the document's day (`the past week`, `within the last
    /// week`), not the calendar week before it (`last week`).
    pub rolling_week: &'static [&'static str],
    /// The perfect auxiliaries before `lasting_states` (`has`, `have`).
    pub perfect_auxiliaries: &'static [&'static str],
    /// The word before a duration (`for` three weeks).
    pub duration_for: &'static [&'static str],
    /// Words of a projection (`projected`, `forecast`), lower case: a year or period
    /// after the document's date in their sentence is an estimate's horizon, no event.
    pub projection_words: &'static [&'static str],
    /// `the previous year` after a fiscal year, `last fiscal year` (lower case): the
    /// fiscal year before.
    pub previous_year_words: &'static [&'static str],
    /// `the same period in` (lower case): the months of the period before, in the year
    /// that follows.
    pub same_period_words: &'static [&'static str],
    /// `the same period last year` (lower case): the period stated before, a year
    /// earlier.
    pub same_period_last_year: &'static [&'static str],
    /// Verb endings that mark the past tense (`-ed`), on words of five letters or more.
    pub past_suffixes: &'static [&'static str],
    /// Endings that look like `past_suffixes` but are not (`-eed`).
    pub not_past_suffixes: &'static [&'static str],
    /// Verb endings that mark the future tense (none in English: it uses `will`).
    pub future_suffixes: &'static [&'static str],
    /// The decimal mark of the language's numbers: `.` (the comma groups thousands) or `,`
    /// (the dot or a space groups thousands); see `extract::numbers`.
    pub decimal_mark: &'static str,
    /// What joins the parts of a compound number word (`twenty-five`: `-`).
    pub number_word_joiner: &'static str,
    /// Currency signs that name no currency by themselves (`$` in Mexico: pesos or dollars):
    /// a figure with one takes the currency a currency word of its sentence names, else is
    /// not reported.
    pub ambiguous_currency_signs: &'static [&'static str],
    /// Articles that may stand between `of` and the whole of a ratio (`18 of the 41`).
    pub ratio_articles: &'static [&'static str],
    /// Words that open a figure's or table's title with its number (`Figure 1.`).
    pub figure_labels: &'static [&'static str],
    /// Labels that open a figure's source or note lines (`Sources:`, `Notes:`).
    pub note_labels: &'static [&'static str],
    /// A line of its own that opens a list of other pages' headlines (`see also:`).
    pub related_labels: &'static [&'static str],
    /// Labels that, opening a line right before a date, make it the page's stamp
    /// (`Signed June 26, 2018`, `date 2021-11-15 WASHINGTON — …`, `Posted on May 3`).
    pub stamp_labels: &'static [&'static str],
    /// Words before a number word that point back to things already named (`all three
    /// agreements`): no new count.
    pub refer_back_quantifiers: &'static [&'static str],
    /// The word between a scale and the counted noun (`2,5 millones de personas`), or
    /// empty where the noun follows the scale directly (`2.5 million people`).
    pub scale_joiner: &'static str,
    /// Words right before `today`, `yesterday` or `tomorrow` that make it no date (`por
    /// la mañana`: in the morning).
    pub day_word_blockers: &'static [&'static str],
    /// Words between a name and the year that closes it (`la Ley de Migración de 2011`):
    /// after a capitalised word, the year is part of the name, not an event.
    pub name_year_joiners: &'static [&'static str],
    /// Ordinals and adjectives of position (`primeras`, `últimos`, `siguientes`): right
    /// after a number they make it a place in a sequence (`las dos primeras semanas`),
    /// not a count, so the figure is not reported.
    pub position_words: &'static [&'static str],
    /// Nouns that a small number word after a definite article only points back to
    /// (`the two countries`, `los dos gobiernos`: the ones just named), counting nothing.
    pub referring_nouns: &'static [&'static str],
    /// Words before the denominator of a rate per head (`per` 100,000 residents, `por
    /// cada` 100 mil habitantes), lower case: that number and the one it divides are
    /// no figures on their own.
    pub per_words: &'static [&'static str],
    /// Units of physical measure (`miles`, `kilómetros`, `degrees`), lower case: a figure
    /// in such a unit in parentheses right after another figure is that figure converted
    /// (`2,100 km (1,300 miles)`), not a second one.
    pub conversion_units: &'static [&'static str],
}

/// The English table, read from `src/lang/en.toml` (built into the binary) on first use.
pub static EN: LazyLock<Lexicon> = LazyLock::new(|| load(include_str!("en.toml")));

/// The Spanish table, read from `src/lang/es.toml`.
pub static ES: LazyLock<Lexicon> = LazyLock::new(|| load(include_str!("es.toml")));

/// The data file of one language, as written (`src/lang/<code>.toml`); see
/// [`Lexicon`] for what each list means.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    code: String,
    months: Vec<(String, u8)>,
    weekdays: Vec<String>,
    number_words: Vec<(String, f64)>,
    scales: Vec<(String, f64)>,
    qualifiers: Vec<(String, Qualifier, bool)>,
    range_and: Vec<String>,
    range_open: Vec<String>,
    range_to: Vec<String>,
    list_joiners: Vec<String>,
    ratio_in: String,
    ratio_of: String,
    percent_words: Vec<String>,
    currency_prefixes: Vec<(String, String)>,
    currency_words: Vec<(String, String)>,
    #[serde(default)]
    currency_hundredths: Vec<String>,
    clock_after: Vec<String>,
    unit_nouns: Vec<(String, String)>,
    irregular_plurals: Vec<String>,
    not_nouns: Vec<String>,
    durations: Vec<String>,
    stopwords: Vec<String>,
    number_word_blockers: Vec<String>,
    identifier_words: Vec<String>,
    #[serde(default)]
    pin_cite_words: Vec<String>,
    #[serde(default)]
    note_openers: Vec<String>,
    #[serde(default)]
    procedure_before: Vec<String>,
    #[serde(default)]
    procedure_after: Vec<String>,
    identifier_after: Vec<String>,
    duration_bound_words: Vec<String>,
    duration_claim_before: Vec<String>,
    sentence_leads: Vec<String>,
    duration_limits: Vec<String>,
    anteriority_words: Vec<String>,
    attributive_articles: Vec<String>,
    condition_date_words: Vec<String>,
    reference_headings: Vec<String>,
    heading_edit_labels: Vec<String>,
    duration_claim_after: Vec<String>,
    duration_terms: Vec<String>,
    duration_periods: Vec<String>,
    partitives: Vec<String>,
    deadline_words: Vec<String>,
    obligation_words: Vec<String>,
    date_appositives: Vec<String>,
    duration_years: Vec<String>,
    duration_months: Vec<String>,
    duration_or_more: Vec<String>,
    negations: Vec<String>,
    duration_in: Vec<String>,
    glued_durations: Vec<(String, String)>,
    range_or: Vec<String>,
    one_words: Vec<String>,
    one_numerals: Vec<String>,
    duration_elapsed_markers: Vec<String>,
    elapsed_after: Vec<String>,
    infinitive_endings: Vec<String>,
    date_prepositions: Vec<String>,
    month_parts: Vec<String>,
    day_suffixes: Vec<String>,
    day_of: String,
    year_of: Vec<String>,
    period_article: String,
    part_articles: Vec<String>,
    since: Vec<String>,
    when: Vec<String>,
    day_one_words: Vec<String>,
    day_words: Vec<String>,
    span_from: Vec<String>,
    span_through: Vec<String>,
    span_through_alone: Vec<String>,
    code_supplements: Vec<String>,
    span_from_fillers: Vec<String>,
    in_effect_from: Vec<String>,
    in_effect_until: Vec<String>,
    span_between: Vec<String>,
    span_and: Vec<String>,
    ordinals: Vec<(String, u8)>,
    period_words: Vec<(String, u8)>,
    today: Vec<String>,
    yesterday: Vec<String>,
    tomorrow: Vec<String>,
    now: Vec<String>,
    now_modals: Vec<String>,
    action_verbs: Vec<String>,
    event_nouns: Vec<String>,
    ago: String,
    ago_units: Vec<(String, u32)>,
    year_deictics: Vec<(String, i32)>,
    month_sides: Vec<(String, i32)>,
    speech_verbs: Vec<String>,
    statement_nouns: Vec<String>,
    policy_of: Vec<String>,
    future_markers: Vec<String>,
    future_marker_blockers: Vec<String>,
    editorial_markers: Vec<String>,
    furniture_markers: Vec<String>,
    title_abbreviations: Vec<String>,
    abbreviations: Vec<String>,
    sentence_openers: Vec<String>,
    decade_suffix: String,
    possessive_marks: Vec<String>,
    indefinite_articles: Vec<String>,
    byline_prefixes: Vec<String>,
    byline_on: Vec<String>,
    dateline_labels: Vec<String>,
    glued_scales: Vec<(String, f64)>,
    glued_counts: Vec<(String, String)>,
    open_ended: Vec<String>,
    vague_amounts: Vec<String>,
    this_words: Vec<String>,
    to_date_words: Vec<String>,
    period_start_words: Vec<String>,
    ago_day_units: Vec<(String, u32)>,
    month_deictics: Vec<(String, i32)>,
    caption_prefixes: Vec<String>,
    caption_frames: Vec<(String, String)>,
    narrowing_openers: Vec<String>,
    year_ending: Vec<String>,
    month_halves: Vec<String>,
    caption_place_words: Vec<String>,
    period_end_words: Vec<String>,
    seasons: Vec<(String, u8)>,
    last_season: Vec<String>,
    this_season: Vec<String>,
    year_deictic_blockers: Vec<String>,
    fractions: Vec<(String, f64)>,
    fraction_unit: String,
    multipliers: Vec<(String, f64)>,
    multiplier_words: Vec<String>,
    multiplier_next: Vec<String>,
    multiplier_unit: String,
    fiscal_year_words: Vec<String>,
    fiscal_year_edges: Vec<String>,
    fiscal_year_codes: Vec<String>,
    fiscal_year_start_month: u8,
    after_previous: Vec<(String, i64)>,
    days_later: Vec<String>,
    year_to_date: Vec<String>,
    days_before: Vec<String>,
    days_before_blockers: Vec<String>,
    past_markers: Vec<String>,
    passive_auxiliaries: Vec<String>,
    baseline_cues: Vec<String>,
    comparison_cues: Vec<String>,
    comparative_only_cues: Vec<String>,
    comparatives: Vec<String>,
    change_words: Vec<String>,
    superlatives: Vec<String>,
    cutoff_words: Vec<String>,
    condition_leads: Vec<String>,
    name_joiners: Vec<String>,
    attribute_determiners: Vec<String>,
    stamp_words: Vec<String>,
    age_words: Vec<String>,
    sentence_fillers: Vec<String>,
    age_links: Vec<String>,
    threshold_words: Vec<String>,
    age_nouns: Vec<String>,
    age_after: Vec<String>,
    measure_joiners: Vec<String>,
    relative_after: Vec<String>,
    rate_words: Vec<(String, String)>,
    clause_rate_words: Vec<(String, String)>,
    fragment_openers: Vec<String>,
    relative_pronouns: Vec<String>,
    verbs: Vec<String>,
    verb_lookalikes: Vec<String>,
    dangling_words: Vec<String>,
    numeric_day_first: bool,
    month_then_day: bool,
    ago_prefixes: Vec<String>,
    weekday_last_before: Vec<String>,
    weekday_told_before: Vec<String>,
    weekday_told_after: Vec<String>,
    weekday_last_after: Vec<String>,
    weekday_anchors: Vec<String>,
    reschedule_verbs: Vec<String>,
    future_in_past: Vec<String>,
    plus_suffixes: Vec<String>,
    count_comparatives: Vec<String>,
    current_year_words: Vec<String>,
    baseline_participles: Vec<String>,
    residence_words: Vec<String>,
    residence_date_words: Vec<String>,
    continuity_words: Vec<String>,
    complementizers: Vec<String>,
    infinitive_markers: Vec<String>,
    length_units: Vec<String>,
    #[serde(default)]
    street_words: Vec<String>,
    #[serde(default)]
    baseline_adverbs: Vec<String>,
    period_first_day_words: Vec<String>,
    period_last_day_words: Vec<String>,
    weekday_anchor_determiners: Vec<String>,
    day_parts: Vec<String>,
    anchor_clause_words: Vec<String>,
    week_deictics: Vec<(String, i32)>,
    weekend_deictics: Vec<(String, i32)>,
    weekend_blockers: Vec<String>,
    mixed_fraction_tails: Vec<String>,
    fiscal_into_words: Vec<String>,
    procedure_sentences: Vec<String>,
    procedure_time_units: Vec<String>,
    procedure_time_before: Vec<String>,
    week_first_day: Option<u8>,
    #[serde(default)]
    issue_number_words: Vec<String>,
    #[serde(default)]
    lasting_states: Vec<String>,
    #[serde(default)]
    rolling_week: Vec<String>,
    #[serde(default)]
    perfect_auxiliaries: Vec<String>,
    #[serde(default)]
    duration_for: Vec<String>,
    #[serde(default)]
    projection_words: Vec<String>,
    #[serde(default)]
    previous_year_words: Vec<String>,
    #[serde(default)]
    same_period_words: Vec<String>,
    #[serde(default)]
    same_period_last_year: Vec<String>,
    past_suffixes: Vec<String>,
    not_past_suffixes: Vec<String>,
    future_suffixes: Vec<String>,
    decimal_mark: String,
    number_word_joiner: String,
    ambiguous_currency_signs: Vec<String>,
    ratio_articles: Vec<String>,
    figure_labels: Vec<String>,
    note_labels: Vec<String>,
    related_labels: Vec<String>,
    stamp_labels: Vec<String>,
    refer_back_quantifiers: Vec<String>,
    scale_joiner: String,
    day_word_blockers: Vec<String>,
    name_year_joiners: Vec<String>,
    position_words: Vec<String>,
    referring_nouns: Vec<String>,
    per_words: Vec<String>,
    conversion_units: Vec<String>,
}

/// Reads a language's data file into a [`Lexicon`]. The words live as long as the
/// process (each table is read once), so the rules can borrow them freely.
fn load(text: &str) -> Lexicon {
    parse(text).expect("the built-in lexicon files are valid")
}

/// Reads a language's data file: every key must be there, no other key may be, and the
/// twelve full month names come first, in calendar order.
fn parse(text: &str) -> Result<Lexicon, String> {
    let f: LexiconFile = toml::from_str(text).map_err(|e| e.to_string())?;
    if !f.months.iter().take(12).map(|m| m.1).eq(1..=12) {
        return Err("`months` must start with the twelve full month names, in order".into());
    }
    Ok(Lexicon {
        code: leak_str(f.code),
        months: leak_pairs(f.months),
        weekdays: leak_list(f.weekdays),
        number_words: leak_pairs(f.number_words),
        scales: leak_pairs(f.scales),
        qualifiers: leak_triples(f.qualifiers),
        range_and: leak_list(f.range_and),
        range_open: leak_list(f.range_open),
        range_to: leak_list(f.range_to),
        list_joiners: leak_list(f.list_joiners),
        ratio_in: leak_str(f.ratio_in),
        ratio_of: leak_str(f.ratio_of),
        percent_words: leak_list(f.percent_words),
        currency_prefixes: leak_str_pairs(f.currency_prefixes),
        currency_words: leak_str_pairs(f.currency_words),
        currency_hundredths: leak_list(f.currency_hundredths),
        clock_after: leak_list(f.clock_after),
        unit_nouns: leak_str_pairs(f.unit_nouns),
        irregular_plurals: leak_list(f.irregular_plurals),
        not_nouns: leak_list(f.not_nouns),
        durations: leak_list(f.durations),
        stopwords: leak_list(f.stopwords),
        number_word_blockers: leak_list(f.number_word_blockers),
        identifier_words: leak_list(f.identifier_words),
        pin_cite_words: leak_list(f.pin_cite_words),
        note_openers: leak_list(f.note_openers),
        procedure_before: leak_list(f.procedure_before),
        procedure_after: leak_list(f.procedure_after),
        identifier_after: leak_list(f.identifier_after),
        duration_bound_words: leak_list(f.duration_bound_words),
        duration_claim_before: leak_list(f.duration_claim_before),
        sentence_leads: leak_list(f.sentence_leads),
        duration_limits: leak_list(f.duration_limits),
        anteriority_words: leak_list(f.anteriority_words),
        attributive_articles: leak_list(f.attributive_articles),
        condition_date_words: leak_list(f.condition_date_words),
        reference_headings: leak_list(f.reference_headings),
        heading_edit_labels: leak_list(f.heading_edit_labels),
        duration_claim_after: leak_list(f.duration_claim_after),
        duration_terms: leak_list(f.duration_terms),
        duration_periods: leak_list(f.duration_periods),
        partitives: leak_list(f.partitives),
        deadline_words: leak_list(f.deadline_words),
        obligation_words: leak_list(f.obligation_words),
        date_appositives: leak_list(f.date_appositives),
        duration_years: leak_list(f.duration_years),
        duration_months: leak_list(f.duration_months),
        duration_or_more: leak_list(f.duration_or_more),
        negations: leak_list(f.negations),
        duration_in: leak_list(f.duration_in),
        glued_durations: leak_str_pairs(f.glued_durations),
        range_or: leak_list(f.range_or),
        one_words: leak_list(f.one_words),
        one_numerals: leak_list(f.one_numerals),
        duration_elapsed_markers: leak_list(f.duration_elapsed_markers),
        elapsed_after: leak_list(f.elapsed_after),
        infinitive_endings: leak_list(f.infinitive_endings),
        date_prepositions: leak_list(f.date_prepositions),
        month_parts: leak_list(f.month_parts),
        day_suffixes: leak_list(f.day_suffixes),
        day_of: leak_str(f.day_of),
        year_of: leak_list(f.year_of),
        period_article: leak_str(f.period_article),
        part_articles: leak_list(f.part_articles),
        since: leak_list(f.since),
        when: leak_list(f.when),
        day_one_words: leak_list(f.day_one_words),
        day_words: leak_list(f.day_words),
        span_from: leak_list(f.span_from),
        span_through: leak_list(f.span_through),
        span_through_alone: leak_list(f.span_through_alone),
        code_supplements: leak_list(f.code_supplements),
        span_from_fillers: leak_list(f.span_from_fillers),
        in_effect_from: leak_list(f.in_effect_from),
        in_effect_until: leak_list(f.in_effect_until),
        span_between: leak_list(f.span_between),
        span_and: leak_list(f.span_and),
        ordinals: leak_pairs(f.ordinals),
        period_words: leak_pairs(f.period_words),
        today: leak_list(f.today),
        yesterday: leak_list(f.yesterday),
        tomorrow: leak_list(f.tomorrow),
        now: leak_list(f.now),
        now_modals: leak_list(f.now_modals),
        action_verbs: leak_list(f.action_verbs),
        event_nouns: leak_list(f.event_nouns),
        ago: leak_str(f.ago),
        ago_units: leak_pairs(f.ago_units),
        year_deictics: leak_pairs(f.year_deictics),
        month_sides: leak_pairs(f.month_sides),
        speech_verbs: leak_list(f.speech_verbs),
        statement_nouns: leak_list(f.statement_nouns),
        policy_of: leak_list(f.policy_of),
        future_markers: leak_list(f.future_markers),
        future_marker_blockers: leak_list(f.future_marker_blockers),
        editorial_markers: leak_list(f.editorial_markers),
        furniture_markers: leak_list(f.furniture_markers),
        title_abbreviations: leak_list(f.title_abbreviations),
        abbreviations: leak_list(f.abbreviations),
        sentence_openers: leak_list(f.sentence_openers),
        decade_suffix: leak_str(f.decade_suffix),
        possessive_marks: leak_list(f.possessive_marks),
        indefinite_articles: leak_list(f.indefinite_articles),
        byline_prefixes: leak_list(f.byline_prefixes),
        byline_on: leak_list(f.byline_on),
        dateline_labels: leak_list(f.dateline_labels),
        glued_scales: leak_pairs(f.glued_scales),
        glued_counts: leak_str_pairs(f.glued_counts),
        open_ended: leak_list(f.open_ended),
        vague_amounts: leak_list(f.vague_amounts),
        this_words: leak_list(f.this_words),
        to_date_words: leak_list(f.to_date_words),
        period_start_words: leak_list(f.period_start_words),
        ago_day_units: leak_pairs(f.ago_day_units),
        month_deictics: leak_pairs(f.month_deictics),
        caption_prefixes: leak_list(f.caption_prefixes),
        caption_frames: leak_str_pairs(f.caption_frames),
        narrowing_openers: leak_list(f.narrowing_openers),
        year_ending: leak_list(f.year_ending),
        month_halves: leak_list(f.month_halves),
        caption_place_words: leak_list(f.caption_place_words),
        period_end_words: leak_list(f.period_end_words),
        seasons: leak_pairs(f.seasons),
        last_season: leak_list(f.last_season),
        this_season: leak_list(f.this_season),
        year_deictic_blockers: leak_list(f.year_deictic_blockers),
        fractions: leak_pairs(f.fractions),
        fraction_unit: leak_str(f.fraction_unit),
        multipliers: leak_pairs(f.multipliers),
        multiplier_words: leak_list(f.multiplier_words),
        multiplier_next: leak_list(f.multiplier_next),
        multiplier_unit: leak_str(f.multiplier_unit),
        fiscal_year_words: leak_list(f.fiscal_year_words),
        fiscal_year_edges: leak_list(f.fiscal_year_edges),
        fiscal_year_codes: leak_list(f.fiscal_year_codes),
        fiscal_year_start_month: f.fiscal_year_start_month,
        after_previous: leak_pairs(f.after_previous),
        days_later: leak_list(f.days_later),
        year_to_date: leak_list(f.year_to_date),
        days_before: leak_list(f.days_before),
        days_before_blockers: leak_list(f.days_before_blockers),
        past_markers: leak_list(f.past_markers),
        passive_auxiliaries: leak_list(f.passive_auxiliaries),
        baseline_cues: leak_list(f.baseline_cues),
        comparison_cues: leak_list(f.comparison_cues),
        comparative_only_cues: leak_list(f.comparative_only_cues),
        comparatives: leak_list(f.comparatives),
        change_words: leak_list(f.change_words),
        superlatives: leak_list(f.superlatives),
        cutoff_words: leak_list(f.cutoff_words),
        condition_leads: leak_list(f.condition_leads),
        name_joiners: leak_list(f.name_joiners),
        attribute_determiners: leak_list(f.attribute_determiners),
        stamp_words: leak_list(f.stamp_words),
        age_words: leak_list(f.age_words),
        sentence_fillers: leak_list(f.sentence_fillers),
        age_links: leak_list(f.age_links),
        threshold_words: leak_list(f.threshold_words),
        age_nouns: leak_list(f.age_nouns),
        age_after: leak_list(f.age_after),
        measure_joiners: leak_list(f.measure_joiners),
        relative_after: leak_list(f.relative_after),
        rate_words: leak_str_pairs(f.rate_words),
        clause_rate_words: leak_str_pairs(f.clause_rate_words),
        fragment_openers: leak_list(f.fragment_openers),
        relative_pronouns: leak_list(f.relative_pronouns),
        verbs: leak_list(f.verbs),
        verb_lookalikes: leak_list(f.verb_lookalikes),
        dangling_words: leak_list(f.dangling_words),
        numeric_day_first: f.numeric_day_first,
        month_then_day: f.month_then_day,
        ago_prefixes: leak_list(f.ago_prefixes),
        weekday_last_before: leak_list(f.weekday_last_before),
        weekday_told_before: leak_list(f.weekday_told_before),
        weekday_told_after: leak_list(f.weekday_told_after),
        weekday_last_after: leak_list(f.weekday_last_after),
        weekday_anchors: leak_list(f.weekday_anchors),
        reschedule_verbs: leak_list(f.reschedule_verbs),
        future_in_past: leak_list(f.future_in_past),
        plus_suffixes: leak_list(f.plus_suffixes),
        count_comparatives: leak_list(f.count_comparatives),
        current_year_words: leak_list(f.current_year_words),
        baseline_participles: leak_list(f.baseline_participles),
        residence_words: leak_list(f.residence_words),
        residence_date_words: leak_list(f.residence_date_words),
        continuity_words: leak_list(f.continuity_words),
        complementizers: leak_list(f.complementizers),
        infinitive_markers: leak_list(f.infinitive_markers),
        length_units: leak_list(f.length_units),
        street_words: leak_list(f.street_words),
        baseline_adverbs: leak_list(f.baseline_adverbs),
        period_first_day_words: leak_list(f.period_first_day_words),
        period_last_day_words: leak_list(f.period_last_day_words),
        weekday_anchor_determiners: leak_list(f.weekday_anchor_determiners),
        day_parts: leak_list(f.day_parts),
        anchor_clause_words: leak_list(f.anchor_clause_words),
        week_deictics: leak_pairs(f.week_deictics),
        weekend_deictics: leak_pairs(f.weekend_deictics),
        weekend_blockers: leak_list(f.weekend_blockers),
        mixed_fraction_tails: leak_list(f.mixed_fraction_tails),
        fiscal_into_words: leak_list(f.fiscal_into_words),
        procedure_sentences: leak_list(f.procedure_sentences),
        procedure_time_units: leak_list(f.procedure_time_units),
        procedure_time_before: leak_list(f.procedure_time_before),
        week_first_day: f.week_first_day,
        issue_number_words: leak_list(f.issue_number_words),
        lasting_states: leak_list(f.lasting_states),
        rolling_week: leak_list(f.rolling_week),
        perfect_auxiliaries: leak_list(f.perfect_auxiliaries),
        duration_for: leak_list(f.duration_for),
        projection_words: leak_list(f.projection_words),
        previous_year_words: leak_list(f.previous_year_words),
        same_period_words: leak_list(f.same_period_words),
        same_period_last_year: leak_list(f.same_period_last_year),
        past_suffixes: leak_list(f.past_suffixes),
        not_past_suffixes: leak_list(f.not_past_suffixes),
        future_suffixes: leak_list(f.future_suffixes),
        decimal_mark: leak_str(f.decimal_mark),
        number_word_joiner: leak_str(f.number_word_joiner),
        ambiguous_currency_signs: leak_list(f.ambiguous_currency_signs),
        ratio_articles: leak_list(f.ratio_articles),
        figure_labels: leak_list(f.figure_labels),
        note_labels: leak_list(f.note_labels),
        related_labels: leak_list(f.related_labels),
        stamp_labels: leak_list(f.stamp_labels),
        refer_back_quantifiers: leak_list(f.refer_back_quantifiers),
        scale_joiner: leak_str(f.scale_joiner),
        day_word_blockers: leak_list(f.day_word_blockers),
        name_year_joiners: leak_list(f.name_year_joiners),
        position_words: leak_list(f.position_words),
        referring_nouns: leak_list(f.referring_nouns),
        per_words: leak_list(f.per_words),
        conversion_units: leak_list(f.conversion_units),
    })
}

fn leak_str(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_list(v: Vec<String>) -> &'static [&'static str] {
    Box::leak(v.into_iter().map(leak_str).collect())
}

fn leak_str_pairs(v: Vec<(String, String)>) -> &'static [(&'static str, &'static str)] {
    Box::leak(
        v.into_iter()
            .map(|(a, b)| (leak_str(a), leak_str(b)))
            .collect(),
    )
}

fn leak_pairs<T>(v: Vec<(String, T)>) -> &'static [(&'static str, T)] {
    Box::leak(v.into_iter().map(|(a, b)| (leak_str(a), b)).collect())
}

fn leak_triples<A, B>(v: Vec<(String, A, B)>) -> &'static [(&'static str, A, B)] {
    Box::leak(v.into_iter().map(|(a, b, c)| (leak_str(a), b, c)).collect())
}

/// Spanish month names (lower case, as written), the first words of a Spanish table to
/// come: the briefing's fact matching already drops them as stop words.
pub const MONTHS_ES: &[(&str, u8)] = &[
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Every month word of every language, as written (`January`, `Sept.`, `enero`).
pub fn month_words() -> impl Iterator<Item = &'static str> {
    EN.months.iter().chain(MONTHS_ES).map(|&(w, _)| w)
}

/// The languages with a lexicon of their own, by code.
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// The lexicon for a language code; unknown codes fall back to English.
pub fn lexicon(language: &str) -> &'static Lexicon {
    match language {
        "en" => &EN,
        "es" => &ES,
        _ => &EN,
    }
}

impl Lexicon {
    /// The twelve full month names, January first (checked when the table is read: it
    /// starts with them, in order).
    pub fn month_names(&self) -> [&'static str; 12] {
        std::array::from_fn(|i| self.months[i].0)
    }

    /// The month number of a (capitalised) month name or abbreviation.
    pub fn month(&self, word: &str) -> Option<u8> {
        self.months
            .iter()
            .find(|(name, _)| *name == word)
            .map(|&(_, n)| n)
    }

    /// The month number of a month name or abbreviation in any case, the abbreviation's
    /// dot optional (`MARCH`, `Feb`, `Sept.`): the looser reading of a dateline.
    pub fn month_any_case(&self, word: &str) -> Option<u8> {
        let w = word.trim_end_matches('.');
        self.months
            .iter()
            .find(|(name, _)| name.trim_end_matches('.').eq_ignore_ascii_case(w))
            .map(|&(_, n)| n)
    }

    /// The value of a number word (case-insensitive).
    pub fn number_word(&self, word: &str) -> Option<f64> {
        find_lowered(self.number_words, word)
    }

    /// The unit for a counted noun (one or two words, lower case), if known.
    pub fn unit_of(&self, noun: &str) -> Option<&'static str> {
        find_lowered(self.unit_nouns, noun)
    }

    /// True if `word` (any case) is in `list`.
    pub fn is_in(list: &[&str], word: &str) -> bool {
        if word.is_ascii() {
            // Lower-casing an ASCII word is byte-wise, and so is comparing it with an
            // ASCII entry; only a non-ASCII entry needs lower-casing on its own.
            return list.iter().any(|x| {
                if x.is_ascii() {
                    x.eq_ignore_ascii_case(word)
                } else {
                    // As `x.to_lowercase() == word.to_ascii_lowercase()` without the two
                    // strings: a final sigma (the one letter `str::to_lowercase` lowers
                    // by context) lowers to a non-ASCII letter either way.
                    x.chars()
                        .flat_map(char::to_lowercase)
                        .eq(word.bytes().map(|b| char::from(b.to_ascii_lowercase())))
                }
            });
        }
        let w = word.to_lowercase();
        list.iter().any(|x| x.to_lowercase() == w)
    }
}

/// The value of the entry of `table` equal to `word` lower-cased. Lower-casing is done
/// without allocating when `word` is ASCII (the common case).
fn find_lowered<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    if word.is_ascii() {
        let lowered_eq = |entry: &str| {
            entry.len() == word.len()
                && entry
                    .bytes()
                    .zip(word.bytes())
                    .all(|(e, w)| e == w.to_ascii_lowercase())
        };
        return table.iter().find(|(e, _)| lowered_eq(e)).map(|&(_, v)| v);
    }
    let w = word.to_lowercase();
    table.iter().find(|(e, _)| *e == w).map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_must_have_every_key_and_no_other() {
        let text = include_str!("en.toml");
        assert!(parse(text).is_ok());
        let extra = format!("{text}\ncolour = []\n");
        assert!(parse(&extra).unwrap_err().contains("colour"));
        let missing = text.replace("\nday_of = \"of\"", "");
        assert!(parse(&missing).unwrap_err().contains("day_of"));
        let shuffled = text.replacen("[\"January\", 1]", "[\"January\", 2]", 1);
        assert!(
            parse(&shuffled)
                .unwrap_err()
                .contains("twelve full month names")
        );
    }

    #[test]
    fn the_spanish_file_has_every_key_and_its_own_words() {
        let es = parse(include_str!("es.toml")).unwrap();
        assert_eq!(es.code, "es");
        assert_eq!(es.month("agosto"), Some(8));
        assert_eq!(es.month("sept."), Some(9));
        assert_eq!(es.month_names()[0], "enero");
        assert_eq!(es.weekdays.len(), 7);
        assert_eq!(es.number_word("veinte"), Some(20.0));
        assert_eq!(es.unit_of("solicitantes"), Some("people"));
        assert_eq!(es.decimal_mark, ",");
        assert!(std::ptr::eq(lexicon("es"), &*ES));
        // Any other code still reads as English.
        assert!(std::ptr::eq(lexicon("fr"), &*EN));
        for code in LANGUAGES {
            assert_eq!(lexicon(code).code, code);
        }
    }

    #[test]
    fn qualifiers_read_back_from_their_words() {
        for q in Qualifier::ALL {
            assert_eq!(Qualifier::parse(q.as_str()), Some(q));
            let json = serde_json::to_string(&q).unwrap();
            assert_eq!(json, format!("\"{}\"", q.as_str()));
            assert_eq!(serde_json::from_str::<Qualifier>(&json).unwrap(), q);
        }
        assert_eq!(
            Qualifier::parse("roughly"),
            None,
            "hedge words are not qualifiers"
        );
        let err = toml::from_str::<OneQualifier>("q = \"lots\"")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("more than"),
            "the error lists the known ones: {err}"
        );
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct OneQualifier {
        q: Qualifier,
    }
}
