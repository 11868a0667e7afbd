//! Every language-specific word `brief` reads by, in one table per language.
//!
//! In: a language code (`"en"`). Out: a [`Lexicon`] of month names, number words,
//! hedges, unit nouns, relative-date words, abbreviations and the cue words of the
//! exclusion rules. Pure data, importing nothing of ours: the date recogniser
//! ([`super::dates`]), the extractor, the dateline reader and the English display of
//! dates ([`crate::model::date`]) all take their words from here; the rule code never spells
//! an English word itself. Adding a language means adding one more `Lexicon` value here.
//!
//! Long because it is data: the English table is most of the file.

use serde::{Deserialize, Serialize};

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
    /// Vague magnitudes (`tens of thousands`) with their low and high bound.
    pub magnitudes: &'static [(&'static str, f64, f64)],
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
    /// Words right after a number that make it an identifier or a clock time.
    pub identifier_after: &'static [&'static str],
    /// Words right before a duration that make it a bound, not a claim (`the last four years`).
    pub duration_bound_words: &'static [&'static str],
    /// Prepositions that may stand before a bare month or a glued year (`in`, `since`).
    pub date_prepositions: &'static [&'static str],
    /// Words for a part of a month, between a preposition and the month (`in early May`).
    pub month_parts: &'static [&'static str],
    /// Suffixes of a day number (`1st`, `20th`), as written.
    pub day_suffixes: &'static [&'static str],
    /// The word that may stand between a day and its month, or a month and its year
    /// (`20th of May`, `May of 2019`), and before the year of a period (`… of 2010`).
    pub day_of: &'static str,
    /// The article opening a part of a year (`the first six months of 2010`).
    pub period_article: &'static str,
    /// `since`, giving a point event at its date.
    pub since: &'static [&'static str],
    /// Words that open a `from … through …` period.
    pub span_from: &'static [&'static str],
    /// Words joining the ends of a `from … through …` span.
    pub span_through: &'static [&'static str],
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
    /// `ago` (`10 years ago`).
    pub ago: &'static str,
    /// Units of an `N … ago` offset with their length in months.
    pub ago_units: &'static [(&'static str, u32)],
    /// `this year` / `last year` / `next year` after a month, with the year offset.
    pub year_deictics: &'static [(&'static str, i32)],
    /// Speech verbs: `said on Tuesday` is an attribution, not an event.
    pub speech_verbs: &'static [&'static str],
    /// Words that mark a future event (for choosing the year of `July 1st`).
    pub future_markers: &'static [&'static str],
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
}

/// The English table.
pub const EN: Lexicon = Lexicon {
    code: "en",
    months: &[
        ("January", 1),
        ("February", 2),
        ("March", 3),
        ("April", 4),
        ("May", 5),
        ("June", 6),
        ("July", 7),
        ("August", 8),
        ("September", 9),
        ("October", 10),
        ("November", 11),
        ("December", 12),
        ("Jan.", 1),
        ("Feb.", 2),
        ("Mar.", 3),
        ("Apr.", 4),
        ("Jun.", 6),
        ("Jul.", 7),
        ("Aug.", 8),
        ("Sept.", 9),
        ("Sep.", 9),
        ("Oct.", 10),
        ("Nov.", 11),
        ("Dec.", 12),
    ],
    weekdays: &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    number_words: &[
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("thirteen", 13.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("sixteen", 16.0),
        ("seventeen", 17.0),
        ("eighteen", 18.0),
        ("nineteen", 19.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("one", 1.0),
    ],
    scales: &[
        ("hundred", 1e2),
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
    ],
    magnitudes: &[
        ("tens of thousands", 1e4, 1e5),
        ("hundreds of thousands", 1e5, 1e6),
        ("tens of millions", 1e7, 1e8),
        ("hundreds of millions", 1e8, 1e9),
    ],
    qualifiers: &[
        ("more than", Qualifier::MoreThan, true),
        ("over", Qualifier::MoreThan, true),
        ("upwards of", Qualifier::MoreThan, true),
        ("in excess of", Qualifier::MoreThan, true),
        ("nearly", Qualifier::Nearly, true),
        ("almost", Qualifier::Almost, true),
        ("close to", Qualifier::Nearly, true),
        ("about", Qualifier::About, true),
        ("some", Qualifier::About, true),
        ("around", Qualifier::About, true),
        ("approximately", Qualifier::About, true),
        ("roughly", Qualifier::About, true),
        ("an estimated", Qualifier::About, true),
        ("an average of", Qualifier::About, true),
        ("at least", Qualifier::AtLeast, true),
        ("no fewer than", Qualifier::AtLeast, true),
        ("a minimum of", Qualifier::AtLeast, true),
        ("start at", Qualifier::AtLeast, false),
        ("starts at", Qualifier::AtLeast, false),
        ("starting at", Qualifier::AtLeast, false),
        ("up to", Qualifier::UpTo, true),
        ("as many as", Qualifier::UpTo, true),
        ("as much as", Qualifier::UpTo, true),
        ("within", Qualifier::UpTo, true),
        ("a maximum of", Qualifier::UpTo, true),
        ("no more than", Qualifier::UpTo, true),
        ("fewer than", Qualifier::LessThan, true),
        ("less than", Qualifier::LessThan, true),
        ("under", Qualifier::LessThan, true),
    ],
    range_and: &["and"],
    range_open: &["between", "from"],
    range_to: &["to"],
    list_joiners: &["or", "and"],
    ratio_in: "in",
    ratio_of: "of",
    percent_words: &["%", "percent", "per cent"],
    currency_prefixes: &[("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP")],
    currency_words: &[
        ("dollars", "USD"),
        ("dollar", "USD"),
        ("pesos", "MXN"),
        ("euros", "EUR"),
    ],
    unit_nouns: &[
        ("asylum seekers", "people"),
        ("asylum-seekers", "people"),
        ("political parties", "political parties"),
        ("family units", "family units"),
        ("family members", "people"),
        ("people", "people"),
        ("persons", "people"),
        ("individuals", "people"),
        ("victims", "people"),
        ("migrants", "people"),
        ("immigrants", "people"),
        ("emigrants", "people"),
        ("refugees", "people"),
        ("seekers", "people"),
        ("asylees", "people"),
        ("officials", "people"),
        ("officers", "people"),
        ("agents", "people"),
        ("citizens", "people"),
        ("nationals", "people"),
        ("residents", "people"),
        ("returnees", "people"),
        ("deportees", "people"),
        ("detainees", "people"),
        ("prisoners", "people"),
        ("survivors", "people"),
        ("children", "people"),
        ("minors", "people"),
        ("adults", "people"),
        ("women", "people"),
        ("men", "people"),
        ("girls", "people"),
        ("boys", "people"),
        ("workers", "people"),
        ("members", "people"),
        ("journalists", "people"),
        ("activists", "people"),
        ("soldiers", "people"),
        ("troops", "people"),
        ("travelers", "people"),
        ("travellers", "people"),
        ("applicants", "people"),
        ("defendants", "people"),
        ("plaintiffs", "people"),
        ("judges", "people"),
        ("lawyers", "people"),
        ("attorneys", "people"),
        ("students", "people"),
        ("organizations", "organizations"),
        ("organisations", "organizations"),
        ("groups", "organizations"),
        ("disappearances", "cases"),
        ("kidnappings", "cases"),
        ("abductions", "cases"),
        ("cases", "cases"),
        ("patients", "patients"),
        ("dollars", "USD"),
    ],
    irregular_plurals: &[
        "people",
        "children",
        "women",
        "men",
        "staff",
        "personnel",
        "police",
        "data",
    ],
    not_nouns: &[
        "times",
        "ways",
        "is",
        "was",
        "has",
        "does",
        "its",
        "this",
        "thus",
        "always",
        "across",
        "towards",
        "whereas",
        "perhaps",
        "as",
        "us",
        "plus",
        "less",
        "unless",
        "his",
        "hers",
        "yes",
        "news",
        "sometimes",
        "besides",
        "afterwards",
        "nevertheless",
        "various",
        "previous",
        "numerous",
        "serious",
        "dangerous",
        "famous",
        "obvious",
        "tens",
        "hundreds",
        "thousands",
        "millions",
        "dozens",
        "scores",
        "percent",
        "billions",
    ],
    durations: &[
        "seconds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "decade",
        "centuries",
    ],
    stopwords: &[
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "into",
        "onto",
        "upon",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "do",
        "did",
        "does",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "it",
        "its",
        "they",
        "their",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "this",
        "these",
        "those",
        "there",
        "here",
        "not",
        "no",
        "so",
        "if",
        "per",
        "each",
        "every",
        "all",
        "more",
        "most",
        "less",
        "other",
        "another",
        "such",
        "about",
        "over",
        "under",
        "between",
        "during",
        "through",
        "since",
        "until",
        "after",
        "before",
        "across",
        "along",
        "among",
        "around",
        "against",
        "without",
        "within",
        "via",
        "including",
        "like",
        "out",
        "up",
        "down",
        "off",
        "too",
        "also",
        "only",
        "just",
        "even",
        "still",
        "yet",
        "ago",
        "later",
        "earlier",
        "left",
        "said",
        "told",
        "says",
        "got",
        "get",
        "gets",
        "made",
        "make",
        "makes",
    ],
    number_word_blockers: &["or more", "or so", "of the", "of them", "of us", "of those"],
    identifier_words: &[
        "title",
        "section",
        "sections",
        "sec.",
        "rule",
        "article",
        "articles",
        "chapter",
        "part",
        "order",
        "proclamation",
        "no.",
        "nos.",
        "number",
        "page",
        "pages",
        "p.",
        "pp.",
        "vol.",
        "volume",
        "docket",
        "law",
        "code",
        "amendment",
        "paragraph",
        "para.",
        "form",
        "route",
        "highway",
        "interstate",
        "room",
        "suite",
        "box",
        "flight",
        "resolution",
        "bill",
        "act",
        "u.s.c.",
        "§",
        "§§",
        "case",
        "version",
        "step",
        "phase",
        "level",
        "category",
        "class",
        "grade",
        "figure",
        "table",
        "appendix",
        "exhibit",
        "annex",
        "district",
        "precinct",
        "ward",
        "zone",
        "gate",
        "lane",
        "bridge",
        "station",
        "port",
        "covid",
        "h.r.",
        "f.2d",
        "f.3d",
        "f.4th",
        "fed.",
        "reg.",
        "c.f.r.",
        "ct.",
        "supp.",
        "id.",
    ],
    identifier_after: &[
        "a.m.",
        "p.m.",
        "am",
        "pm",
        "u.s.c.",
        "c.f.r.",
        "cfr",
        "usc",
        "fed.",
        "f.2d",
        "f.3d",
        "f.4th",
        "s.ct.",
        "supp.",
        "stat.",
        "o’clock",
        "o'clock",
    ],
    duration_bound_words: &[
        "last",
        "past",
        "first",
        "next",
        "previous",
        "following",
        "of",
        "space",
        "coming",
        "recent",
    ],
    date_prepositions: &[
        "in",
        "on",
        "since",
        "during",
        "until",
        "till",
        "by",
        "through",
        "throughout",
        "from",
        "of",
        "early",
        "mid",
        "late",
        "last",
        "this",
        "next",
        "before",
        "after",
        "beginning",
        "starting",
        "around",
        "between",
        "and",
        "to",
        "as",
        "for",
        "as of",
    ],
    month_parts: &["early", "mid", "late"],
    day_suffixes: &["st", "nd", "rd", "th"],
    day_of: "of",
    period_article: "the",
    since: &["since"],
    span_from: &["from"],
    span_through: &["through", "to", "until", "till", "thru"],
    span_between: &["between"],
    span_and: &["and"],
    ordinals: &[
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("last", 0),
        ("final", 0),
    ],
    period_words: &[("months", 1), ("quarter", 3), ("half", 6)],
    today: &["today"],
    yesterday: &["yesterday"],
    tomorrow: &["tomorrow"],
    now: &["now"],
    now_modals: &["will", "shall", "would", "’ll", "'ll"],
    action_verbs: &[
        "announced",
        "announces",
        "released",
        "releases",
        "issued",
        "issues",
        "published",
        "publishes",
        "sent",
        "sends",
        "signed",
        "signs",
        "filed",
        "files",
        "launched",
        "launches",
        "unveiled",
        "unveils",
        "ruled",
        "rules",
        "declared",
        "declares",
        "began",
        "begins",
        "started",
        "starts",
        "introduced",
        "introduces",
        "approved",
        "approves",
        "ordered",
        "orders",
        "blocked",
        "blocks",
        "reported",
        "reports",
        "submitted",
        "submits",
        "implemented",
        "implements",
        "expanded",
        "expands",
        "ended",
        "ends",
        "rescinded",
        "rescinds",
        "terminated",
        "terminates",
        "took",
        "takes",
        "opened",
        "opens",
        "closed",
        "closes",
        "arrived",
        "arrives",
        "will",
    ],
    ago: "ago",
    ago_units: &[
        ("years", 12),
        ("year", 12),
        ("decades", 120),
        ("decade", 120),
        ("months", 1),
        ("month", 1),
    ],
    year_deictics: &[("this year", 0), ("last year", -1), ("next year", 1)],
    speech_verbs: &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "noted",
        "notes",
        "explained",
        "explains",
        "stated",
        "states",
        "wrote",
        "writes",
        "commented",
        "remarked",
        "argued",
        "argues",
        "insisted",
        "claimed",
        "claims",
        "testified",
        "asked",
    ],
    future_markers: &[
        "will",
        "shall",
        "’ll",
        "'ll",
        "upcoming",
        "scheduled",
        "expected",
        "set to",
        "faces",
        "face",
        "plans",
        "planned",
        "plan to",
        "next",
        "coming",
        "is to",
        "are to",
        "due to",
        "to be held",
        "forthcoming",
    ],
    editorial_markers: &[
        "we received",
        "we are grateful",
        "permission to reproduce",
        "reproduced with permission",
        "reprinted with permission",
        "originally published",
        "editor’s note",
        "editor's note",
        "last updated",
        "this article was updated",
        "this story was updated",
    ],
    furniture_markers: &[
        "copyright",
        "©",
        "all rights reserved",
        "top of page",
        "bottom of page",
        "related post",
        "latest stories",
        "sign up",
        "subscribe",
    ],
    title_abbreviations: &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt",
        "Capt", "Hon", "Rev", "Fr", "No", "Nos", "Vol", "pp", "p", "vs", "v", "e.g", "i.e", "cf",
        "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
        "Dec", "Mt", "Ft", "Sec", "Art", "Ch", "para", "Fig", "al", "Tex", "Ariz", "Calif", "Fla",
        "Ill", "Mass", "Mich", "Penn", "Wash", "Va", "Ga", "La", "Ala",
    ],
    abbreviations: &[
        "U.S", "U.K", "U.N", "E.U", "D.C", "Inc", "Co", "Corp", "Ltd", "Jr", "Sr", "etc", "a.m",
        "p.m", "U.S.A", "Dept", "Govt", "Assn", "Bros",
    ],
    sentence_openers: &[
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "In",
        "A",
        "An",
        "But",
        "And",
        "However",
        "He",
        "She",
        "They",
        "We",
        "I",
        "There",
        "On",
        "At",
        "For",
        "As",
        "Since",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "According",
        "Many",
        "Most",
        "Some",
        "Under",
        "During",
        "Meanwhile",
        "Still",
        "Yet",
        "Also",
        "Our",
        "Their",
        "His",
        "Her",
        "Officials",
        "Last",
        "Earlier",
        "Later",
        "Today",
        "Now",
        "Then",
    ],
    decade_suffix: "s",
    possessive_marks: &["’s", "'s", "’", "'"],
};

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

/// The lexicon for a language code; unknown codes fall back to English.
pub fn lexicon(language: &str) -> &'static Lexicon {
    match language {
        "en" => &EN,
        _ => &EN,
    }
}

impl Lexicon {
    /// The twelve full month names, January first (checked when compiled: the table
    /// starts with them, in order).
    pub const fn month_names(&self) -> [&'static str; 12] {
        let mut names = [""; 12];
        let mut i = 0;
        while i < 12 {
            assert!(self.months[i].1 as usize == i + 1, "full month names first");
            names[i] = self.months[i].0;
            i += 1;
        }
        names
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
                    x.to_lowercase() == word.to_ascii_lowercase()
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
