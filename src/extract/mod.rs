//! Extract: dated events and statistics from a converted document, each with its
//! provenance (paragraph, verbatim sentence, exact words).
//!
//! In: the blocks of a [`crate::model::document::Document`] and a [`Context`] (published date,
//! language). Out: [`Facts`]. Every `quote` is a verbatim substring of the block it came
//! from (`quote_offset` is its byte offset there), and every `span` a substring of its
//! `quote` (at `span_offset`).
//!
//! How it works: each block of prose is split into sentences ([`text`]); footnote
//! markers (the converter's, or ones we detect such as `reported22` and `August 20106`)
//! and URLs are blanked in a same-length copy so they never read as numbers or years.
//! [`dates`] finds date expressions and periods, [`numbers`] the figures; numbers inside
//! a date are not figures. Every word of a language lives in its [`lexicon`] (English,
//! Spanish), chosen by [`Context::language`]; how the document writes its numbers
//! (`24,000` or `24.000`) is read once from all its blocks ([`numbers::Convention`]).
//!
//! Ids: `ev-` or `st-` followed by the first 10 hex digits of the SHA-256 of
//! `kind \x1f quote \x1f span` (kind is `event` or `statistic`). The same sentence and
//! span give the same id on every build; a second item with the same text in a document
//! gets `-2`, a third `-3`, in document order.

pub mod dates;
pub mod elapsed;
pub mod headline;
pub mod numbers;
pub mod text;
pub mod words;

use crate::lang::lexicon::{self, Lexicon};
use crate::model::date::{PartialDate, Precision};
use crate::model::document::{Block, BlockKind};
use crate::model::facts::{Event, Facts, Qualifier, Statistic};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use text::PhraseSet;

/// What the extractor needs to know about the document besides its blocks.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The document's published date, used to resolve relative dates (`in January`,
    /// `Today`, `10 years ago`) and as the default `as_of` of figures. Without it,
    /// relative dates are skipped.
    pub published: Option<PartialDate>,
    /// Language code of the document (`en`); selects the [`lexicon`].
    pub language: String,
    /// The document's title (front matter, sidecar or the file's own metadata). A body
    /// paragraph that only repeats it is the headline printed again (a web capture's
    /// second copy), not a statement: its dates and figures are the body's, said again,
    /// so none is reported (what it says still dates the sentences after it). A title
    /// with a final stop is a sentence and is read like any other.
    pub title: Option<String>,
}

/// Blocks longer than this are read only up to this many bytes (bounded work).
const MAX_BLOCK: usize = 200_000;

/// Extracts the dated events and the statistics of a document's blocks.
///
/// Only prose blocks (paragraphs, quotes, attributions, list items) are read; headings,
/// code and reference-list entries (`[12] …`) are not. Never panics.
pub fn extract_document(blocks: &[Block], ctx: &Context) -> Facts {
    let lex = lexicon::lexicon(&ctx.language);
    let mut facts = Facts::default();
    let mut carry = dates::Before::default();
    // How the document writes its numbers (`24,000` or `24.000`), from all of them.
    // and which currency its ambiguous signs stand for (`$` in Spanish), from all its words.
    let numbering = if lex.decimal_mark == "." {
        numbers::Numbering {
            convention: numbers::Convention::DecimalPoint,
            currency: None,
        }
    } else {
        let all = blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<&str>>()
            .join("\n");
        numbers::Numbering {
            convention: numbers::Convention::of(&all, lex),
            currency: numbers::document_currency(&all, lex),
        }
    };
    // In the items of a list of conditions (after `… may request it if:`).
    let mut conditions = false;
    // After a paragraph that leads into a list (`… interdicted 1,036 migrants compared
    // to:`), in the short paragraphs without a final stop that are its items.
    let mut led = false;
    // The references list at the end (`References`, `Notes`): its dates are sources'.
    let body = blocks
        .iter()
        .position(|b| opens_references(&b.text, lex))
        .unwrap_or(blocks.len());
    // A headline has no final stop; a title that is a sentence (a lead used as the
    // title, as some sidecars do) may be the statement itself and is read.
    let title = ctx
        .title
        .as_deref()
        .map(squeeze)
        .filter(|t| !t.is_empty() && !ends_as_sentence(t));
    for block in &blocks[..body] {
        let list_item = matches!(block.kind, BlockKind::ListItem { .. });
        if !list_item {
            conditions = leads_to_conditions(&block.text, lex);
        }
        let prose = matches!(
            block.kind,
            BlockKind::Paragraph
                | BlockKind::Quote
                | BlockKind::Attribution
                | BlockKind::ListItem { .. }
        );
        let paragraph = block.kind == BlockKind::Paragraph;
        let item = led && paragraph && !ends_as_sentence(&block.text);
        if prose {
            let place = ListPlace {
                condition: conditions && list_item,
                item,
            };
            let headline = title
                .as_deref()
                .is_some_and(|t| block.text.len() < 2 * t.len() + 16 && squeeze(&block.text) == t);
            if headline {
                // Read for what it tells later sentences (a digest's week, the year),
                // but its facts are the body's, said again.
                let mut again = Facts::default();
                extract_block(block, ctx, lex, numbering, place, &mut again, &mut carry);
            } else {
                extract_block(block, ctx, lex, numbering, place, &mut facts, &mut carry);
            }
        }
        led = item || (paragraph && block.text.trim_end().ends_with(':'));
    }
    date_weekdays_by_days_told(&mut facts.events, ctx.published, lex);
    assign_ids(&mut facts);
    facts
}

/// In a document dated to its month only, a week day said alone (`officers … Wednesday
/// discovered two women`) is dated to that month. When the last day of that month the
/// text names in full (`on Wednesday, January 19`, `March 18, 2020`) falls on that week
/// day, the week day is that day: a release's lead tells the event its body dates. An
/// earlier day is no match (`23 on Sunday and seven on Wednesday`, after `On Feb. 2` and
/// `On Feb. 3`, were later days), nor is a day found from another week day.
fn date_weekdays_by_days_told(
    events: &mut [Arc<Event>],
    published: Option<PartialDate>,
    lex: &Lexicon,
) {
    let Some((year, Some(month))) = published
        .filter(|p| p.precision() == Precision::Month)
        .map(|p| (p.year, p.month))
    else {
        return;
    };
    let Some(last) = events
        .iter()
        .filter(|e| e.end.is_none() && e.date.precision() == Precision::Day)
        // Named by its number: not a week day or `yesterday` resolved before.
        .filter(|e| e.span.contains(|c: char| c.is_ascii_digit()))
        .filter(|e| e.date.year == year && e.date.month == Some(month))
        .map(|e| e.date)
        .max()
    else {
        return;
    };
    let Some(name) = last.weekday().and_then(|w| lex.weekdays.get(w as usize)) else {
        return;
    };
    for e in events.iter_mut() {
        if e.relative
            && e.end.is_none()
            && e.date.precision() == Precision::Month
            && e.span.trim().eq_ignore_ascii_case(name)
        {
            Arc::make_mut(e).date = last;
        }
    }
}

/// `text` with its runs of white space made one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True if `text` is a heading that opens a references list: `References`, `## Notes`,
/// `References [edit]` (a wiki's edit link), any case, nothing else in the block.
fn opens_references(text: &str, lex: &Lexicon) -> bool {
    // A heading is a few words: most blocks are ruled out before any copy is made.
    let t = text.trim().trim_start_matches('#').trim();
    if t.len() > 64 {
        return false;
    }
    let t = t.to_lowercase();
    let t = lex
        .heading_edit_labels
        .iter()
        .find_map(|l| t.strip_suffix(l).map(str::trim_end))
        .unwrap_or(&t);
    Lexicon::is_in(lex.reference_headings, t.trim_end_matches(':'))
}

/// The lines of a block that are the items of a list of conditions written in it: those
/// opening with a bullet (`- `, `• `, `* `) after a line that leads into them (see
/// `leads_to_conditions`), as byte ranges.
fn condition_lines(text: &str, lex: &Lexicon) -> Vec<text::ByteRange> {
    list_items(
        text,
        |line| leads_to_conditions(line, lex),
        |line| line.trim_start().starts_with(['-', '•', '*', '–']),
    )
}

/// The lines of a block that are the items of a list led into by a line of its own
/// ending with a colon (`… 79 flights to the following countries:` then `Guatemala – 36
/// flights`), up to a blank line: the lead's sentence goes on in them, so they are no
/// captions even when short and without a verb. A label of one or two words (`Summary:`,
/// `Contact:`, `Additional Materials:`) leads into a section, not a list: the lines after
/// it stay lines of their own.
fn item_lines(text: &str) -> Vec<text::ByteRange> {
    let lead = |line: &str| {
        line.trim()
            .strip_suffix(':')
            .is_some_and(|head| head.split_whitespace().nth(2).is_some())
    };
    list_items(text, lead, |line| !line.trim().is_empty() && !lead(line))
}

/// The lines (as byte ranges) for which `item` holds, each after a line for which `lead`
/// holds or after another such item.
fn list_items(
    text: &str,
    lead: impl Fn(&str) -> bool,
    item: impl Fn(&str) -> bool,
) -> Vec<text::ByteRange> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut open = false;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if open && item(line) {
            out.push((start, at));
        } else {
            open = lead(line);
        }
    }
    out
}

/// True if a block leads into a list of conditions: it ends with a colon after one of
/// the language's condition words (`… may request deferred action if:`, `… si:`).
fn leads_to_conditions(text: &str, lex: &Lexicon) -> bool {
    let Some(head) = text.trim_end().strip_suffix(':') else {
        return false;
    };
    let low = head.to_lowercase();
    lex.condition_leads
        .iter()
        .any(|w| dates::ends_with_phrase(&low, w))
}

/// True if the block is an entry of a reference list: `[12] …`, or an encyclopedia's
/// back-link caret after its number (`1. ^ a b "Mexican authorities find 19 …"`, `↑
/// «…»`). Its titles and dates are the cited works', not the text's.
fn is_reference_entry(text: &str) -> bool {
    let t = text.trim_start();
    let bracketed = t.starts_with('[')
        && t[1..].split_once(']').is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
        });
    let numbered = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = match numbered.strip_prefix('.') {
        Some(rest) if numbered.len() < t.len() => rest.trim_start(),
        _ => t,
    };
    let caret = numbered.starts_with(['^', '↑'])
        && numbered[numbered.chars().next().map_or(0, char::len_utf8)..]
            .starts_with([' ', '\u{a0}']);
    bracketed || caret
}

/// Where a block stands in a list written as blocks.
#[derive(Debug, Clone, Copy)]
struct ListPlace {
    /// An item of a list of conditions (see `leads_to_conditions`): its dates are no
    /// events.
    condition: bool,
    /// A paragraph of its own that is an item of the list the paragraph before led into
    /// (`7,175 Haitian Migrants in Fiscal Year 2022`): no caption, however short.
    item: bool,
}

/// True if a block's text ends as a sentence does (a final stop, a closing quote).
fn ends_as_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '”', '"', '’', ':', ';'])
}

/// Extracts the facts of one block. `place`: where it stands in a list. `carry` is what
/// the blocks before it left, updated here.
fn extract_block(
    block: &Block,
    ctx: &Context,
    lex: &'static Lexicon,
    numbering: numbers::Numbering,
    place: ListPlace,
    facts: &mut Facts,
    carry: &mut dates::Before,
) {
    // A paragraph's years are its own: a month in the next one takes none of them.
    carry.told = None;
    let conditions = place.condition;
    let mut cut = block.text.len().min(MAX_BLOCK);
    while !block.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &block.text[..cut];
    if is_reference_entry(text) {
        return;
    }
    let markers = text::footnote_markers(text, &block.notes, lex);
    let split_copy = text::mask(text, &markers);
    let mut blanks = markers.clone();
    blanks.extend(text::urls(text));
    let analysis = text::mask(text, &blanks);
    let mut block_unit: Option<String> = None;
    let phrases = marker_phrases(lex);
    let sentences = text::sentences(&split_copy, lex);
    let furniture = furniture_lines(text, lex);
    let condition_lines = condition_lines(text, lex);
    let item_lines = item_lines(text);
    let paragraph = block.kind == BlockKind::Paragraph;
    // `FILE – A migrant and her daughter walk …, Dec. 4, 2018.`: a photo caption.
    let photo = lex
        .caption_prefixes
        .iter()
        .any(|p| text.trim_start().starts_with(p))
        || wire_caption(text, lex);
    for (qs, qe) in sentences {
        let quote = &text[qs..qe];
        let a = &analysis[qs..qe];
        let low = quote.to_lowercase();
        if phrases.furniture.any_in(&low)
            || table_row(quote)
            || furniture.iter().any(|&(a, b)| qs >= a && qs < b)
        {
            continue;
        }
        let mut hits = dates::find_dates(a, ctx.published, carry, lex);
        carry.fiscal_year = dates::fiscal_year_named(&hits, carry.fiscal_year, lex);
        carry.told = dates::date_told(&hits, carry.told);
        let taken: Vec<text::ByteRange> = hits.iter().map(|h| (h.start, h.end)).collect();
        hits.extend(elapsed::find(a, &taken, ctx.published, &facts.events, lex));
        hits.sort_by_key(|h| h.start);
        let date_ranges: Vec<text::ByteRange> = hits.iter().map(|h| (h.start, h.end)).collect();
        // `The following day,` left alone by a line break: counted from the event before,
        // never a stamp of its own.
        let chained = hits.iter().any(|h| {
            lex.after_previous
                .iter()
                .any(|(w, _)| a[h.start..h.end].eq_ignore_ascii_case(w))
        });
        // `• 5,396 en el año fiscal 2016` (after `la cifra de interceptados en años
        // anteriores:`): a list item that opens with a number that is not its date gives
        // that figure; it is no stamp.
        let item = place.item || item_lines.iter().any(|&(a, b)| qs >= a && qs < b);
        let list_item = matches!(block.kind, BlockKind::ListItem { .. });
        let first = a.len() - a.trim_start().len();
        let item_figure = (item || list_item)
            && a[first..].starts_with(|c: char| c.is_ascii_digit())
            && !date_ranges.iter().any(|&(s, e)| first >= s && first < e);
        if !chained && !item_figure && only_dates(a, &date_ranges, lex) {
            continue; // a dateline, a stamp (`Updated: …`) or a list heading (`Since May 12:`)
        }
        if let Some(h) = hits.iter().rfind(|h| h.event) {
            let day = h.end_date.is_none() && h.date.precision() == Precision::Day;
            carry.day = day.then_some(h.date);
        }
        carry.period = dates::period_told(&hits, a, ctx.published, carry.period, lex);
        let editorial = phrases.editorial.any_in(&low) || byline(a, &date_ranges, lex);
        // A line of its own with no final stop and no verb: a caption, a chart title, a
        // heading run into the text (`Federal RegisterOct 19, 2022`).
        let line_end = text[qe..].trim_start_matches([' ', '\t']);
        let own_line = line_end.is_empty() || line_end.starts_with('\n');
        let caption = photo
            || (paragraph
                && own_line
                && !chained
                && !item
                && (caption_like(quote, lex) || title_line(quote, lex)));
        let heading = matches!(block.kind, BlockKind::Heading { .. });
        if (caption || heading) && carry.week.is_none() {
            carry.week = dates::own_week(&hits, ctx.published);
        }
        let condition = |at: usize| condition_lines.iter().any(|&(a, b)| at >= a && at < b);
        // Only a sentence with an event to report pays for the citation search.
        let citations = if hits.iter().any(|h| h.event) {
            text::citation_parentheticals(a, lex)
        } else {
            Vec::new()
        };
        let cited = |at: usize| citations.iter().any(|&(a, b)| at >= a && at < b);
        let furniture_at = |at: usize| furniture_line(a, at, &date_ranges, lex);
        if !editorial && !caption && !conditions {
            let events = hits.iter().filter(|h| {
                h.event && !condition(qs + h.start) && !furniture_at(h.start) && !cited(h.start)
            });
            // One item per fact: the same period twice in one sentence, in the same words
            // (`the proportion of FY17 removals … interior removals in FY17`) or not
            // (`during Fiscal Year (FY) 2016 … admitted during FY 2016`), is told once.
            // Other words for the same day or month may be another fact (`el pasado
            // miércoles` beside `hace una semana`, `on October 26 … later that day`), and
            // so may a year said twice (`in early 2017 and 2018 … in late 2018`).
            let mut told_periods = Vec::new();
            for h in events {
                let again = h.end_date.is_some() && told_periods.contains(&(h.date, h.end_date));
                // `since March 18, 2023, the effective date of this redesignation`: the
                // day named for what took effect on it is a fact of its own.
                let restated =
                    ends_a_period(h, &facts.events) && !dates::names_its_effect(a, h.end, lex);
                if restated || again {
                    continue;
                }
                told_periods.push((h.date, h.end_date));
                facts.events.push(Arc::new(Event {
                    id: String::new(),
                    date: h.date,
                    end: h.end_date,
                    relative: h.relative,
                    span: quote[h.start..h.end].to_string(),
                    quote: quote.to_string(),
                    quote_offset: qs,
                    span_offset: h.start,
                    paragraph: block.paragraph,
                    title: title_for(a, h.start, h.end, lex),
                }));
            }
        }
        // A caption's figures have no sentence to say what they count or when (`1500
        // mexicanos esperan en la frontera` under a photo): none is reported.
        if caption || label_line(quote) {
            continue;
        }
        let stats = numbers::find_stats_in(a, &date_ranges, lex, numbering);
        let figures: Vec<text::ByteRange> = stats.iter().map(|st| (st.start, st.end)).collect();
        let mut sentence_unit: Option<String> = None;
        for st in stats {
            let mut unit = st.unit.clone();
            if unit.is_empty() {
                unit = sentence_unit
                    .clone()
                    .or_else(|| unit_noun_before(a, st.number_start, lex))
                    .or_else(|| block_unit.clone())
                    .unwrap_or_else(|| "count".to_string());
            }
            // A share, a sum, a multiplier or a duration says nothing of what the next
            // bare number counts (`valid for four years. Although 5,000 are available`).
            let counts = unit != "percent"
                && unit != lex.multiplier_unit
                && !lex.durations.contains(&unit.as_str())
                && unit != lex.fraction_unit
                && !lex.currency_prefixes.iter().any(|(_, u)| *u == unit);
            if counts && !in_a_complement(a, st.start, lex) {
                sentence_unit = Some(unit.clone());
                block_unit = Some(unit.clone());
            }
            if let Some(rate) = st.rate {
                unit = if unit == "count" {
                    rate.to_string()
                } else {
                    format!("{unit} {rate}")
                };
            }
            if refers_back(a, &st, &unit, &facts.statistics, lex) || furniture_at(st.start) {
                continue;
            }
            let as_of = as_of_for(a, &hits, (st.start, st.end), &figures, ctx.published, lex)
                .or(ctx.published);
            let measure = measure_for(a, &st, &unit, lex);
            facts.statistics.push(Arc::new(Statistic {
                id: String::new(),
                value: st.value,
                low: st.low,
                high: st.high,
                of: st.of,
                unit,
                qualifier: st.qualifier,
                span: quote[st.start..st.end].to_string(),
                quote: quote.to_string(),
                quote_offset: qs,
                span_offset: st.start,
                measure,
                as_of,
                paragraph: block.paragraph,
            }));
        }
    }
}

/// True if a day on its own is one end of a period the document already gave, day to
/// day (`extending TPS for 18 months, beginning on March 18, 2023, and ending on September
/// 17, 2024.` then `to retain TPS through September 17, 2024`): a restatement of that
/// period, not an event of its own.
/// Both must write that day out (`this week`, `fiscal year 2024` do not: `Sept. 30` after
/// them is a fact of its own; nor does `el sábado pasado`, which falls on it by chance).
fn ends_a_period(hit: &dates::DateHit, earlier: &[Arc<Event>]) -> bool {
    let Some(day) = hit
        .date
        .day
        .filter(|_| hit.end_date.is_none() && !hit.relative)
    else {
        return false;
    };
    let writes_day = |span: &str| {
        span.split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() <= 2 && w.parse() == Ok(day))
    };
    earlier.iter().any(|e| {
        e.end.is_some_and(|end| {
            end.precision() == Precision::Day
                && (e.date == hit.date || end == hit.date)
                && writes_day(&e.span)
        })
    })
}

/// True if an unhedged count names people or things already counted, not a new count:
/// after a definite article, the same value, unit and noun as a figure earlier in the document
/// (`Two men were sentenced …` then `what the two men put them through`), or a number
/// word after `all` (`all three agreements have entered into force`, after the three
/// countries were named).
fn refers_back(
    s: &str,
    st: &numbers::StatHit,
    unit: &str,
    earlier: &[Arc<Statistic>],
    lex: &Lexicon,
) -> bool {
    let Some(value) = st.value else {
        return false;
    };
    if st.qualifier != Qualifier::Exact || st.start != st.number_start {
        return false;
    }
    let Some((before, _)) = text::word_before(s, st.number_start) else {
        return false;
    };
    let digits = s[st.number_start..].starts_with(|c: char| c.is_ascii_digit());
    let all = !digits && Lexicon::is_in(lex.refer_back_quantifiers, before);
    // The same noun too: `the two victims` after `Two men` is a count of its own.
    let noun = st.noun.map(|(a, b)| s[a..b].to_lowercase());
    let again = Lexicon::is_in(lex.ratio_articles, before)
        && noun.is_some_and(|n| {
            earlier.iter().any(|e| {
                e.value == Some(value) && e.unit == unit && e.span.to_lowercase().ends_with(&n)
            })
        });
    all || again
}

/// The furniture and editorial phrases of a lexicon, looked up in one pass each.
struct MarkerPhrases {
    furniture: PhraseSet,
    editorial: PhraseSet,
}

/// The [`MarkerPhrases`] of `lex`, built once per language.
fn marker_phrases(lex: &'static Lexicon) -> &'static MarkerPhrases {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static MarkerPhrases>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(lex.code).or_insert_with(|| {
        Box::leak(Box::new(MarkerPhrases {
            furniture: PhraseSet::new(lex.furniture_markers),
            editorial: PhraseSet::new(lex.editorial_markers),
        }))
    })
}

/// True when a sentence holds dates and, besides punctuation, only the lexicon's stamp
/// words: a dateline, a stamp (`Release Date: …`) or a list heading (`Since May 12:`).
fn only_dates(s: &str, ranges: &[text::ByteRange], lex: &'static Lexicon) -> bool {
    if ranges.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let dated = ranges.iter().any(|&(a, b)| i >= a && i < b);
        rest.push(if dated || !c.is_alphanumeric() {
            ' '
        } else {
            c
        });
    }
    let weekday = |w: &str| {
        lex.weekdays.iter().any(|d| {
            d.eq_ignore_ascii_case(w)
                || (w.len() == 3 && d.get(..3).is_some_and(|a| a.eq_ignore_ascii_case(w)))
        })
    };
    // A citation line (`87 Fed. Reg. 19941 (Apr. 6, 2022)`, `603 F. Supp. 3d 406 (W.D.
    // La. 2022)`) is a stamp too: numbers, codes and short abbreviations only.
    let code = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            || Lexicon::is_in(lex.identifier_words, w)
            || Lexicon::is_in(lex.identifier_words, &format!("{w}."))
            || (w.chars().count() <= 4 && w.chars().next().is_some_and(char::is_uppercase))
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let sets = words::word_sets(lex);
    let stamp = |w: &&str| sets.stamp.contains(&w.to_lowercase()) || weekday(w);
    words.iter().all(|w| stamp(w) || code(w)) && words.iter().filter(|w| !stamp(w)).count() <= 8
}

/// True for a row of a table rather than a sentence: cells split by `|` or tabs with
/// numbers in them, or at least three numbers and no more words than numbers
/// (`Total | 29,205 | 30,077 | 30,389`). Its figures have no sentence to say what they
/// count or when, so none is reported.
fn table_row(s: &str) -> bool {
    let mut numbers = 0;
    let mut words = 0;
    for t in s.split_whitespace() {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        if t.chars().any(|c| c.is_ascii_digit()) && !t.chars().any(char::is_alphabetic) {
            numbers += 1;
        } else if t.chars().any(char::is_alphabetic) {
            words += 1;
        }
    }
    let cells = s.contains('|') || s.contains('\t');
    // `| Sentence | 28 months in prison |`: a row drawn with pipes at both ends (an
    // infobox or a table copied as text), whatever it holds.
    let t = s.trim();
    let drawn =
        t.len() > 2 && t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3;
    drawn || (cells && numbers >= 2) || (numbers >= 3 && words <= numbers)
}

/// True for a byline with a date (`By Ana Torres · August 14, 2023`): the sentence
/// opens with the byline word and a capitalised name, not a date (`By May 2019, …`), and
/// is short.
fn byline(s: &str, dates: &[text::ByteRange], lex: &Lexicon) -> bool {
    let Some(prefix) = lex.byline_prefixes.iter().find(|p| s.starts_with(*p)) else {
        return false;
    };
    let name_at = prefix.len();
    let capital = s[name_at..].chars().next().is_some_and(char::is_uppercase);
    let dated_name = dates.iter().any(|&(a, _)| a == name_at);
    capital && !dated_name && s.split_whitespace().count() <= 16
}

/// The byte ranges of `text` that are a figure's or table's furniture in a report: a
/// line opening with a figure label and its number (`Figure 1. UC Encounters …,
/// FY2009-FY2023*`), and from a line opening with a source or note label (`Sources:
/// FY2009-FY2013: USBP, …`, `Notes: *FY2023 figures represent …`) to the end of the
/// block. Their dates and numbers are the chart's and the cited works', not the text's.
/// The same from a page's `see also:` or `Related` label on: other pages' headlines, up
/// to the first line that ends as a sentence does (the page's own text).
fn furniture_lines(text: &str, lex: &Lexicon) -> Vec<text::ByteRange> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut headlines: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim_start();
        if let Some(from) = headlines {
            if !t.trim_end().ends_with(['.', '!', '?', ':', '”', '"']) {
                continue;
            }
            out.push((from, start));
            headlines = None;
        }
        let first = t.split_whitespace().next().unwrap_or("");
        let label = first.trim_end_matches(':');
        if Lexicon::is_in(lex.related_labels, t.trim_end().trim_end_matches(':')) {
            headlines = Some(start);
            continue;
        }
        if first.ends_with(':') && Lexicon::is_in(lex.note_labels, label) {
            out.push((start, note_end(text, start)));
            break;
        }
        let numbered = t[first.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        if numbered && Lexicon::is_in(lex.figure_labels, first) {
            out.push((start, at));
        }
    }
    if let Some(from) = headlines {
        out.push((from, text.len()));
    }
    out
}

/// Where a source or note that opens at byte `start` of `text` ends: at the end of the
/// block, or, in a hard-wrapped page whose text runs on without a blank line (`Source:
/// Created by CRS with information from Mexico's Secretary` / `of the Interior.` /
/// `Mexico has received U.S. assistance …`), after its first line that ends a sentence
/// when the next line opens one and what follows is prose (more than twice the note's
/// length, with a sentence's stop): the page's own text again.
fn note_end(text: &str, start: usize) -> usize {
    let mut at = start;
    let mut lines = text[start..].split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        at += line.len();
        let Some(next) = lines.peek() else { break };
        let ends = line.trim_end().ends_with('.');
        let opens = next.trim_start().starts_with(char::is_uppercase);
        // The rest runs on as prose: it is longer than the note so far and has a stop.
        let rest = &text[at..];
        if ends && opens && rest.len() > 2 * (at - start) && rest.contains(". ") {
            return at;
        }
    }
    text.len()
}

/// True if the line of sentence `s` that holds byte `at` is furniture, whatever the
/// sentence around it: a line in square brackets (`[Federal Register Volume 79, Number 85
/// (Friday, May 2, 2014)]`), a label and its value (`- Opened: 1950`), or, in a sentence
/// of several lines, a line of dates, stamp words and a stamp's label only (`USCA11
/// Case: 20-12089 Date Filed: 03/23/2021 Page: 1 of 12` over a court opinion).
/// `dates` are the byte ranges of the sentence's dates.
fn furniture_line(s: &str, at: usize, dates: &[text::ByteRange], lex: &'static Lexicon) -> bool {
    let start = s[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = s[at..].find('\n').map_or(s.len(), |i| at + i);
    let line = &s[start..end];
    let t = line.trim();
    if t.starts_with('[') && t.ends_with(']') {
        return true;
    }
    let prefix = &s[start..at];
    if label_line(line)
        || stamp_label_before(prefix, lex)
        || inline_stamp(prefix, lex)
        || catalogue_line(line, lex)
    {
        return true;
    }
    // A sentence of one line is judged whole, by the caller.
    if start == 0 && end == s.len() {
        return false;
    }
    // A wrapped line of text can hold only a date and small words (`On August 21, 2015,`,
    // `FY2018  and 30,000 for FY2019.`): a stamp line also has a label (`Filed`, `Page`).
    let sets = words::word_sets(lex);
    let label = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .map(str::to_lowercase)
        .any(|w| {
            sets.stamp.contains(&w)
                && !Lexicon::is_in(lex.date_prepositions, &w)
                && !Lexicon::is_in(lex.since, &w)
        });
    let in_line: Vec<text::ByteRange> = dates
        .iter()
        .filter(|&&(a, b)| a >= start && b <= end)
        .map(|&(a, b)| (a - start, b - start))
        .collect();
    label && only_dates(line, &in_line, lex)
}

/// True if `line` gives a document's length in parentheses (`Premium Revised Nov. 7,
/// 2017 (16 pages, $24.95)`): an entry in a catalogue of a report's editions, whose date
/// and figures describe the document, not its subject.
fn catalogue_line(line: &str, lex: &Lexicon) -> bool {
    line.match_indices('(').any(|(i, _)| {
        let inner = &line[i + 1..];
        let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Some(rest) = inner[digits..].strip_prefix(' ') else {
            return false;
        };
        let unit = rest
            .split(|c: char| c.is_whitespace() || c == ',' || c == ')')
            .next()
            .unwrap_or("");
        digits > 0 && Lexicon::is_in(lex.length_units, &unit.to_lowercase())
    })
}

/// True if the words just before a date, anywhere in its line, are a stamp's label set
/// off as one: before a colon (`… Page: 1 Date Filed: 03/31/2023 …`) or in capitals
/// (`No. 20-60974 FILED March 31, 2023`), as in a court opinion's page stamps run into
/// its text. In running prose the same words are a verb (`was filed March 31`).
fn inline_stamp(prefix: &str, lex: &Lexicon) -> bool {
    let p = prefix.trim_end();
    let (p, colon) = match p.strip_suffix(':') {
        Some(p) => (p.trim_end(), true),
        None => (p, false),
    };
    let mut words = p.rsplit(char::is_whitespace);
    let last = words.next().unwrap_or("");
    let capitals = last.len() >= 4 && last.chars().all(|c| c.is_ascii_uppercase());
    if !colon && !capitals {
        return false;
    }
    let one = last.to_lowercase();
    let two = words.next().map(|w| format!("{} {one}", w.to_lowercase()));
    Lexicon::is_in(lex.stamp_labels, &one)
        || two.is_some_and(|t| Lexicon::is_in(lex.stamp_labels, &t))
}

/// True if `prefix`, the start of a line up to a date, is a stamp's label (`Signed `,
/// `date `, `Posted on `, `Publicado el `): the date is the page's stamp, not an event.
fn stamp_label_before(prefix: &str, lex: &Lexicon) -> bool {
    let p = prefix.trim().trim_end_matches(':').trim_end();
    if p.is_empty() || p.len() > 40 {
        return false;
    }
    let p = match p.rsplit_once(' ') {
        Some((head, last))
            if Lexicon::is_in(lex.date_prepositions, last)
                || last.eq_ignore_ascii_case(lex.period_article) =>
        {
            head.trim_end().trim_end_matches(':').trim_end()
        }
        _ => p,
    };
    Lexicon::is_in(lex.stamp_labels, p)
}

/// True for a label and its value (`Fatalities: 55+`, `Muertos: 72`, `| Opened | 2007 |`):
/// an infobox or fact-box line, whose figure or date has no sentence to say what it
/// counts or dates. The label is one to four words without digits, the value at most
/// four words, with no final stop.
fn label_line(s: &str) -> bool {
    let t = s.trim().trim_start_matches(['-', '*', '•']).trim_start();
    // An infobox as a pipe table (`| Opened | March 2017[1] |`): a label cell and one
    // value cell.
    let pipe = t
        .trim_start_matches('|')
        .split_once('|')
        .and_then(|(label, rest)| {
            let value = rest.trim_end().strip_suffix('|').unwrap_or(rest);
            (!value.contains('|')).then_some((label, value))
        });
    let Some((label, value)) = pipe.or_else(|| t.split_once(':')) else {
        return false;
    };
    let label_words = label.split_whitespace().count();
    (1..=4).contains(&label_words)
        && !label.chars().any(|c| c.is_ascii_digit())
        && value.split_whitespace().count() <= 4
        && !value.trim_end().ends_with(['.', '!', '?'])
}

/// True for a wire photo caption framed by the lexicon's `caption_frames`: it opens
/// with the frame's words and names the photo among its next twelve words, with no
/// clause closed by a comma before it except a date's (`In this April 30, 2019, photo,
/// a migrant …`, `In this file photo taken Aug. 5, 2019, …`). A sentence that opens
/// `In this` and speaks of a photo later (`In this case, the photo …`) is no caption.
fn wire_caption(text: &str, lex: &Lexicon) -> bool {
    let t = text.trim_start();
    lex.caption_frames.iter().any(|&(open, noun)| {
        let Some(rest) = t
            .get(..open.len())
            .filter(|h| h.eq_ignore_ascii_case(open))
            .map(|_| &t[open.len()..])
        else {
            return false;
        };
        if !rest.starts_with(' ') {
            return false;
        }
        let words: Vec<&str> = rest.split_whitespace().take(12).collect();
        words
            .iter()
            .position(|w| w.trim_end_matches(',').eq_ignore_ascii_case(noun))
            .is_some_and(|k| {
                // No clause closes before the photo is named (`In this case, the photo`).
                words[..k].iter().all(|w| {
                    !w.ends_with(',') || w.trim_end_matches(',').chars().any(|c| c.is_ascii_digit())
                })
            })
    })
}

/// True for a short line with no final stop and no verb of tense: a photo
/// caption or a label (`The Matamoros camp in December 2019`), whose dates are no events.
fn caption_like(text: &str, lex: &'static Lexicon) -> bool {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?', '”', '"', '’', ':', ';', ')']) {
        return false;
    }
    let words: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let sets = words::word_sets(lex);
    words.len() <= 30 && !words.iter().any(|w| sets.verb_like(w))
}

/// True for the title of a figure or table on a line of its own: its longer words
/// capitalised but for small words (`from`, `through`) and no final stop, a note of its
/// date in parentheses aside (`Status of … Applications Received from Fiscal Year 2011
/// through June 2016, by Fiscal Year (as of June 2016)`). Its dates and numbers label
/// the chart, they tell nothing.
fn title_line(text: &str, lex: &Lexicon) -> bool {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?', '”', '"', '’', ':', ';']) {
        return false;
    }
    let long: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .filter(|w| !Lexicon::is_in(lex.stopwords, w))
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    long.len() >= 4 && capitalised * 20 >= long.len() * 17
}

/// The unit of the nearest known counted noun before byte `at` (`victims … between
/// 70,000 and 120,000` → people).
/// In `victims of forced disappearances` the head `victims` wins over the noun of its
/// `of` phrase.
fn unit_noun_before(s: &str, at: usize, lex: &Lexicon) -> Option<String> {
    let head = s.get(..at)?;
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let k = (0..words.len())
        .rev()
        .find(|&k| lex.unit_of(words[k]).is_some())?;
    let mut unit = lex.unit_of(words[k])?;
    for back in 1..=2 {
        if k > back && words[k - back].eq_ignore_ascii_case(lex.ratio_of) {
            if let Some(u) = lex.unit_of(words[k - back - 1]) {
                unit = u;
            }
            break;
        }
    }
    (unit != "USD").then(|| unit.to_string())
}

/// True if the figure at `start` opens a complement of another noun (`apprehensions in
/// the five Texas-based sectors fell from nearly 561,000`): what it counts is not what
/// the sentence's bare numbers count, so they do not take its unit.
fn in_a_complement(s: &str, start: usize, lex: &Lexicon) -> bool {
    let mut words = s[..start].split_whitespace().rev();
    let mut w = words.next();
    if w.is_some_and(|x| Lexicon::is_in(lex.ratio_articles, &x.to_lowercase())) {
        w = words.next();
    }
    w.is_some_and(|x| Lexicon::is_in(lex.measure_joiners, &x.to_lowercase()))
}

/// The date a figure refers to: the time expression that governs it, the nearest event
/// date in the same clause (`11,333 during the first six months of 2010`), never one
/// with another figure between them (that date governs the other figure) nor a baseline.
/// `None` (the caller falls back to the document's date) when there is none, or when
/// the date opens a running count (`Since the start of MPP in December 2018, … has
/// returned more than 50,000`).
fn as_of_for(
    quote: &str,
    hits: &[dates::DateHit],
    (start, end): text::ByteRange,
    figures: &[text::ByteRange],
    published: Option<PartialDate>,
    lex: &Lexicon,
) -> Option<PartialDate> {
    let (cl, cr) = clause(quote, start, end);
    // A figure in between holds its own date, unless it qualifies ours (`78% of almost
    // 3,700 patients … in 2018 and 2019`, `72 victims from 6 countries in August 2010`).
    let of_ours = |s: usize| {
        let gap = quote[end..s].to_lowercase();
        let mut words = gap.split_whitespace();
        words
            .next()
            .is_some_and(|w| Lexicon::is_in(lex.measure_joiners, w) || w == lex.ratio_of)
            && words.all(|w| {
                lex.qualifiers
                    .iter()
                    .any(|(q, _, _)| q.split_whitespace().any(|x| x == w))
            })
    };
    let between = |a: usize, b: usize| {
        figures
            .iter()
            .any(|&(s, e)| s >= a && e <= b && (s, e) != (start, end) && !(s >= end && of_ours(s)))
    };
    // `from 561,000 in FY23 to 407,000 in FY24`: a date before `to` is the first end's.
    let to_before = |h: &dates::DateHit| {
        quote[h.end..start]
            .split_whitespace()
            .any(|w| Lexicon::is_in(lex.range_to, w))
    };
    let candidates: Vec<&dates::DateHit> = hits
        .iter()
        .filter(|h| h.event && h.start >= cl && h.end <= cr)
        .filter(|h| {
            if h.start >= end {
                !between(end, h.start)
            } else if h.end > start {
                // A date among the figure's own words (`40,000 arrived last month`).
                true
            } else {
                !between(h.end, start) && !to_before(h)
            }
        })
        .collect();
    // `9,095 en marzo, 9,209 en abril`: a date joined to the figure by a preposition
    // alone is its own, however near the date of the figure before.
    let joined = candidates.iter().copied().find(|h| {
        h.start >= end
            && quote[end..h.start]
                .split_whitespace()
                .all(|w| Lexicon::is_in(lex.date_prepositions, &w.to_lowercase()))
    });
    let near = joined.or_else(|| {
        candidates.iter().copied().min_by_key(|h| {
            if h.start >= end {
                h.start - end
            } else {
                start.saturating_sub(h.end)
            }
        })
    });
    // `In June, agents made 5,311 …, apprehended 425 … and 2,347 …`: a date that opens
    // the sentence, set off by a comma (after a gloss in brackets: `In fiscal year 2017
    // (Oct. 1, 2016, to Sept. 30, 2017), about 53,700 …`), dates every figure that has
    // none nearer.
    let opener = || {
        hits.iter().find(|h| {
            let after = quote[h.end..].trim_start();
            let after = match after.strip_prefix('(') {
                Some(r) => r.split_once(')').map_or(after, |(_, r)| r.trim_start()),
                None => after,
            };
            h.event
                && h.start < start
                && quote[..h.start].split_whitespace().count() <= 2
                && after.starts_with(',')
        })
    };
    let h = near.or_else(opener)?;
    let (l, _) = clause(quote, h.start, h.end);
    // `more than 5,000 since 2013`, `desde 2013`: a running total, as of the document's
    // date (the `since` may be the date's own first word).
    let lead = quote[l..h.end].to_lowercase();
    let opens_count = lead
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| lex.since.contains(&w));
    if opens_count {
        return None;
    }
    // A period still running at the document's date (`this fiscal year`, `este año`)
    // has counted up to that date, not to its end.
    let until = h.end_date.unwrap_or(h.date);
    match published {
        Some(p) if h.end_date.is_some() && h.date <= p && until > p => Some(p),
        _ => Some(until),
    }
}

const CLAUSE_MARKS: [char; 7] = [';', '(', ')', '—', '–', ':', '“'];

fn clause(quote: &str, start: usize, end: usize) -> (usize, usize) {
    let left = quote[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| CLAUSE_MARKS.contains(&c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let right = quote[end..]
        .char_indices()
        .find(|&(_, c)| CLAUSE_MARKS.contains(&c) && c != '“')
        .map_or(quote.len(), |(i, _)| end + i);
    (left, right)
}

fn tidy(words: &[&str]) -> String {
    let t = words.join(" ");
    t.trim_matches(|c: char| !c.is_alphanumeric() && c != '$' && c != '%')
        .to_string()
}

/// The title of an event on the timeline: a headline built from the clause that holds
/// the date ([`headline::headline`]), with [`clause_title`] as its fallback.
fn title_for(quote: &str, start: usize, end: usize, lex: &'static Lexicon) -> String {
    headline::headline(quote, start, end, &clause_title(quote, start, end), lex)
}

/// The titles before headlines (kept as the fallback): the clause that holds the date
/// (widened to at least eight words, or the parenthesis it sits in), without a
/// dateline ("Washington, DC—") or other parentheses; at most 14 words, never ending on
/// a short function word.
fn clause_title(quote: &str, start: usize, end: usize) -> String {
    // Clause boundaries: commas as well as the stronger marks, as byte ranges.
    // Parentheses are removed below rather than cut at; a comma between digits
    // ("9,758") is part of a number.
    let bytes = quote.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let marks: Vec<(usize, usize)> = quote
        .char_indices()
        .filter(|&(i, c)| match c {
            ',' => !(i > 0 && digit_at(i - 1) && digit_at(i + 1)),
            '(' | ')' => false,
            _ => CLAUSE_MARKS.contains(&c) || c == '”',
        })
        .map(|(i, c)| (i, i + c.len_utf8()))
        .collect();
    // The clause runs from the end of the last mark before the date to the start of
    // the first mark after it; `li`/`ri` index `marks` (None = sentence edge).
    let mut li = marks.iter().rposition(|&(_, e)| e <= start);
    let mut ri = marks.iter().position(|&(s, _)| s >= end);
    let bounds = |li: Option<usize>, ri: Option<usize>| {
        (
            li.map_or(0, |i| marks[i].1),
            ri.map_or(quote.len(), |i| marks[i].0),
        )
    };
    // Widen a short clause to the right first (the news follows the date), then left.
    loop {
        let (l, r) = bounds(li, ri);
        if quote[l..r].split_whitespace().count() >= 8 {
            break;
        }
        match (ri, li) {
            (Some(i), _) => ri = (i + 1 < marks.len()).then_some(i + 1),
            (None, Some(i)) => li = i.checked_sub(1),
            (None, None) => break,
        }
    }
    let (l, r) = bounds(li, ri);
    // A date inside parentheses: the clause stays inside them.
    let (mut l, mut r) = (l, r);
    let mut depth = 0usize;
    let open = quote[..start]
        .char_indices()
        .rev()
        .find_map(|(i, c)| match c {
            ')' => {
                depth += 1;
                None
            }
            '(' if depth == 0 => Some(i),
            '(' => {
                depth -= 1;
                None
            }
            _ => None,
        });
    if let Some(open) = open
        && let Some(close) = quote[end..].find(')').map(|i| end + i)
    {
        l = l.max(open + 1);
        r = r.min(close);
    }
    let mut text = quote[l..r].to_string();
    // A dateline before a dash ("Washington, DC—") is not part of the news.
    if let Some(i) = text.find('—')
        && text[..i].split_whitespace().count() <= 3
    {
        text = text[i + '—'.len_utf8()..].to_string();
    }
    // Parenthetical remarks go, and so does half of one cut by the clause.
    while let (Some(a), Some(b)) = (
        text.find('('),
        text[text.find('(').unwrap_or(0)..].find(')'),
    ) {
        text.replace_range(a..=a + b, "");
    }
    if let Some(b) = text.find(')') {
        text.replace_range(..=b, "");
    }
    if let Some(a) = text.find('(') {
        text.truncate(a);
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let cut = words.len() > 14;
    words.truncate(14);
    // Never end on a short function word or a dangling mark.
    while words.len() > 3
        && words.last().is_some_and(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty() || (w.chars().count() <= 3 && w.chars().all(char::is_lowercase))
        })
    {
        words.pop();
    }
    let mut title = tidy(&words).replace(" ,", ",");
    if let Some(first) = title.chars().next()
        && first.is_lowercase()
    {
        title = first.to_uppercase().collect::<String>() + &title[first.len_utf8()..];
    }
    if cut {
        title.push('…');
    }
    title
}

/// A short label of what a figure measures: the noun phrase of what is counted, never a
/// window of words. The counted noun and its modifiers (`asylum seekers`, `victims from
/// 6 countries` → `victims`), with a short `of`/`from`/`in` phrase (`patients in Nuevo
/// Laredo`); for a figure without a noun, the phrase after its `of` (`78% of … patients`
/// → `patients`) or the subject before its verb (`Extortions start at $10,000` →
/// `Extortions`); else the unit.
fn measure_for(quote: &str, st: &numbers::StatHit, unit: &str, lex: &'static Lexicon) -> String {
    if let Some((ns, _)) = st.noun
        && let Some(m) = noun_phrase(&quote[ns..], lex)
    {
        return m;
    }
    // `the $2.5 billion dollar Mérida Initiative`: the noun right after the figure.
    if let Some(m) = noun_phrase(&quote[st.end..], lex) {
        return m;
    }
    // `78% of almost 3,700 patients`: the phrase after `of`, past hedges and numbers.
    let after = &quote[st.end..];
    let mut rest = after.trim_start();
    if let Some(r) = rest.strip_prefix(lex.ratio_of)
        && r.starts_with(char::is_whitespace)
    {
        rest = r.trim_start();
        loop {
            let skip = rest
                .split_whitespace()
                .next()
                .filter(|w| {
                    w.chars().any(|c| c.is_ascii_digit())
                        || Lexicon::is_in(lex.stopwords, w)
                        || lex
                            .qualifiers
                            .iter()
                            .any(|(q, _, _)| q.eq_ignore_ascii_case(w))
                })
                .map(str::len);
            match skip {
                Some(n) => rest = rest[n..].trim_start(),
                None => break,
            }
        }
        if let Some(m) = noun_phrase(rest, lex) {
            return m;
        }
    }
    // The subject: the nouns that open the clause before the figure.
    let (l, _) = clause(quote, st.start, st.end);
    let before: Vec<&str> = quote[l..st.start].split_whitespace().collect();
    let subject: Vec<&str> = before
        .iter()
        .take_while(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            !t.is_empty() && !stops_phrase(t, lex) && !t.chars().any(|c| c.is_ascii_digit())
        })
        .take(5)
        .copied()
        .collect();
    let m = tidy(&subject);
    if !m.is_empty() && subject.len() < before.len() {
        return m;
    }
    unit.to_string()
}

/// True for a word that ends a noun phrase: a function word or a verb of tense.
fn stops_phrase(w: &str, lex: &'static Lexicon) -> bool {
    let low = w.to_lowercase();
    let sets = words::word_sets(lex);
    sets.stop.contains(&low) || sets.verb_like(&low)
}

/// The noun phrase at the start of `text`: words up to a function word, a verb, a
/// number or a mark, with one `of`/`from`/`in` phrase; at most seven words.
fn noun_phrase(text: &str, lex: &'static Lexicon) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut joined = false;
    for w in text.split_whitespace() {
        let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'');
        let low = t.to_lowercase();
        let letters = t.chars().any(char::is_alphabetic);
        if !letters
            || t.chars().any(|c| c.is_ascii_digit())
            || words.len() >= 7
            || lex.month(t).is_some()
        {
            break;
        }
        if Lexicon::is_in(lex.measure_joiners, &low) && !joined && !words.is_empty() {
            joined = true;
            words.push(t);
            continue;
        }
        if stops_phrase(t, lex) {
            break;
        }
        // An abbreviation keeps its dots (`U.S.`).
        let abbreviation = w.ends_with('.') && w[..w.len() - 1].contains('.');
        words.push(if abbreviation { w } else { t });
        // A word with a mark after it (`seekers,`) ends the phrase.
        if w.len() > t.len() && !w.ends_with(t) && !abbreviation {
            break;
        }
    }
    // Never end on the joiner.
    while words
        .last()
        .is_some_and(|w| Lexicon::is_in(lex.measure_joiners, &w.to_lowercase()))
    {
        words.pop();
    }
    let m = words.join(" ");
    (!m.is_empty()).then_some(m)
}

fn short_hash(kind: &str, quote: &str, span: &str) -> String {
    let mut h = Sha256::new();
    h.update(kind.as_bytes());
    h.update([0x1f]);
    h.update(quote.as_bytes());
    h.update([0x1f]);
    h.update(span.as_bytes());
    h.finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn assign_ids(facts: &mut Facts) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut unique = |base: String| {
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    };
    // The facts were just made: `make_mut` changes them in place.
    for e in &mut facts.events {
        let id = unique(format!("ev-{}", short_hash("event", &e.quote, &e.span)));
        Arc::make_mut(e).id = id;
    }
    for s in &mut facts.statistics {
        let id = unique(format!("st-{}", short_hash("statistic", &s.quote, &s.span)));
        Arc::make_mut(s).id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_broken_over_two_lines_is_read_whole() {
        let block = para(
            "The government issued the orders in March 2020 and continued until April\n2022, when officials ended them.\n2011 San Fernando massacre\n2011 San Fernando massacre is located in Tamaulipas",
            1,
        );
        let ctx = Context {
            published: PartialDate::parse("2023-05-18").ok(),
            language: "en".into(),
            title: None,
        };
        let facts = extract_document(&[block], &ctx);
        let dates: Vec<String> = facts.events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2020-03", "2022-04"],
            "April + 2022 across the line break, no 2023-04"
        );
    }

    #[test]
    fn the_headline_printed_again_in_the_body_gives_nothing_but_still_dates() {
        let title = "Border Patrol Agents Rescued 13 Migrants On June 11 Near Laredo";
        let blocks = [
            para(title, 1),
            para(
                "Agents rescued 13 migrants from a stash house this week.",
                2,
            ),
        ];
        let ctx = Context {
            published: PartialDate::parse("2024-06-24").ok(),
            language: "en".into(),
            // White space does not matter.
            title: Some(format!("  {}", title.replace(" On ", "\nOn "))),
        };
        let facts = extract_document(&blocks, &ctx);
        let found: Vec<(u32, String)> = facts
            .statistics
            .iter()
            .map(|s| (s.paragraph, s.span.clone()))
            .chain(facts.events.iter().map(|e| (e.paragraph, e.span.clone())))
            .collect();
        assert!(
            found.iter().all(|(p, _)| *p == 2),
            "nothing from the repeated headline: {found:?}"
        );
        assert!(found.iter().any(|(_, s)| s == "13 migrants"), "{found:?}");
        // Without the title, the line in title case is still a heading (see
        // `title_line`); the same words in sentence case are read like any other line.
        let first_line = |blocks: &[Block]| {
            let facts = extract_document(
                blocks,
                &Context {
                    title: None,
                    ..ctx.clone()
                },
            );
            let first: Vec<String> = (facts
                .statistics
                .iter()
                .map(|s| (s.paragraph, s.span.clone())))
            .chain(facts.events.iter().map(|e| (e.paragraph, e.span.clone())))
            .filter(|(p, _)| *p == 1)
            .map(|(_, s)| s)
            .collect();
            first
        };
        assert_eq!(first_line(&blocks), Vec::<String>::new());
        let plain = "Border Patrol agents rescued 13 migrants on June 11 near Laredo";
        let first = first_line(&[para(plain, 1), blocks[1].clone()]);
        assert!(!first.is_empty(), "{first:?}");
        // A title that is a sentence (a lead used as the title) is the statement itself.
        let lead = "Agents rescued 13 migrants from a stash house on June 11.";
        let facts = extract_document(
            &[para(lead, 1)],
            &Context {
                title: Some(lead.into()),
                ..ctx
            },
        );
        assert_eq!(facts.statistics.len(), 1);
        assert_eq!(facts.events.len(), 1);
    }

    #[test]
    fn related_headlines_and_figure_notes_give_nothing() {
        let ctx = Context {
            published: PartialDate::parse("2008-11-05").ok(),
            language: "en".into(),
            title: None,
        };
        let related = para(
            "Printer Friendly Page\nsee also:\n CBP Reported Fiscal Year 2008 Achievements for Baltimore Port of Entry\n CBP Reported Fiscal Year 2008 Achievements for El Paso Sector",
            1,
        );
        let notes = para(
            "Agents made 1,200 arrests in fiscal year 2008.\nNotes: FY2007 figures include 300 returns.",
            2,
        );
        let facts = extract_document(&[related, notes], &ctx);
        let events: Vec<String> = facts.events.iter().map(|e| e.span.clone()).collect();
        let stats: Vec<String> = facts.statistics.iter().map(|s| s.span.clone()).collect();
        assert_eq!(events, ["fiscal year 2008"]);
        assert_eq!(stats, ["1,200 arrests"]);
    }

    #[test]
    fn a_related_label_covers_headlines_not_the_text_after_them() {
        let ctx = Context {
            published: PartialDate::parse("2025").ok(),
            language: "en".into(),
            title: None,
        };
        let block = para(
            "Related Content\nPress Release\nSmugglers Sentenced After Crash in 2019\nBROWNSVILLE, Texas – Two residents pleaded guilty on Sept. 27, 2023.\nAgents found four migrants.",
            1,
        );
        let facts = extract_document(&[block], &ctx);
        let events: Vec<String> = facts.events.iter().map(|e| e.span.clone()).collect();
        let stats: Vec<String> = facts.statistics.iter().map(|s| s.span.clone()).collect();
        assert_eq!(events, ["Sept. 27, 2023"]);
        assert_eq!(stats, ["Two residents", "four migrants"]);
    }

    #[test]
    fn dates_in_a_list_of_conditions_are_no_events() {
        let ctx = Context {
            published: PartialDate::parse("2013-01-10").ok(),
            language: "en".into(),
            title: None,
        };
        let item = |text: &str, n: u32| Block {
            kind: BlockKind::ListItem { ordered: false },
            ..para(text, n)
        };
        let blocks = [
            para("The program was announced on June 15, 2012.", 1),
            para(
                "You may request consideration of deferred action if you:",
                2,
            ),
            item("were under the age of 31 as of June 15, 2012;", 3),
            item(
                "have continuously resided in the United States since June 15, 2007;",
                4,
            ),
            para("Agents processed the first requests on August 15, 2012.", 5),
            para("Officials listed what happened next:", 6),
            item("The first permits were issued on September 10, 2012.", 7),
        ];
        let facts = extract_document(&blocks, &ctx);
        let events: Vec<String> = facts.events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(events, ["2012-06-15", "2012-08-15", "2012-09-10"]);
        // The same list written as lines of one block.
        let one = para(
            "The program was announced on June 15, 2012.\nYou may request it if you:\n- were under 31 as of June 15, 2012\n- have resided here since June 15, 2007\nThe first permits were issued on September 10, 2012.",
            1,
        );
        let facts = extract_document(&[one], &ctx);
        let events: Vec<String> = facts.events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(events, ["2012-06-15", "2012-09-10"]);
    }

    fn title(quote: &str, span: &str) -> String {
        let start = quote.find(span).unwrap();
        clause_title(quote, start, start + span.len())
    }

    #[test]
    fn titles_are_the_clause_of_the_date() {
        assert_eq!(
            title(
                "In September 2019, the governments agreed to expand the program, which now runs in six cities.",
                "September 2019"
            ),
            "In September 2019, the governments agreed to expand the program"
        );
        assert_eq!(
            title(
                "Since the start of MPP in December 2018, the United States has returned more than 50,000 people.",
                "December 2018"
            ),
            "Since the start of MPP in December 2018"
        );
    }

    #[test]
    fn titles_keep_numbers_whole_and_stay_inside_parentheses() {
        assert_eq!(
            title(
                "The reports documented 9,758 cases between May 2008 and June 2009, and more later.",
                "May 2008"
            ),
            "The reports documented 9,758 cases between May 2008 and June 2009"
        );
        assert_eq!(
            title(
                "The party (in power from 1929 through 2000, briefly) lost.",
                "1929"
            ),
            "In power from 1929 through 2000"
        );
    }

    #[test]
    fn titles_drop_datelines_and_cut_long_clauses_cleanly() {
        assert_eq!(
            title(
                "Washington, DC—Today, the office sent a letter to the government.",
                "Today"
            ),
            "Today, the office sent a letter to the government.".trim_end_matches('.')
        );
        let long = "In 2014 the agency opened new offices in seventeen cities across the whole of the southern region and the north of the country.";
        let t = title(long, "2014");
        assert!(
            t.ends_with('…') && t.split_whitespace().count() <= 14,
            "{t}"
        );
        assert!(!t.trim_end_matches('…').ends_with(" the"), "{t}");
        // Multi-byte marks on both sides never split a character.
        let t = title("“Quoted” — in 2013 “Dublin” — text; more…", "2013");
        assert!(t.contains("2013"), "{t}");
    }

    fn para(text: &str, n: u32) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            start: None,
            paragraph: n,
            notes: vec![],
            page: None,
        }
    }

    #[test]
    fn nothing_is_extracted_after_a_references_heading() {
        let body = "In March 2019, officials returned 6,000 people.";
        let entry = "2. Office of Statistics (2019), Fiscal Year 2018 Enforcement Report, released in June 2019, 12 pp.";
        for heading in [
            "References",
            "References change",
            "## Notes",
            "External links [edit]",
        ] {
            let blocks = [para(body, 1), para(heading, 2), para(entry, 3)];
            let f = extract_document(&blocks, &ctx("2019-12"));
            let dates: Vec<String> = f.events.iter().map(|e| e.date.to_string()).collect();
            assert_eq!(dates, ["2019-03"], "{heading}");
            assert_eq!(f.statistics.len(), 1, "{heading}");
        }
        // Without the heading, or under one that only starts with such a word, the
        // entry is read as any paragraph.
        let blocks = [para("Notes from the field", 1), para(entry, 2)];
        let f = extract_document(&blocks, &ctx("2019-12"));
        assert!(!f.events.is_empty());
        // Spanish.
        let es = Context {
            published: PartialDate::parse("2019-12").ok(),
            language: "es".into(),
            title: None,
        };
        let blocks = [
            para("En marzo de 2019 regresaron 6000 personas.", 1),
            para("Referencias [editar]", 2),
            para(entry, 3),
        ];
        let f = extract_document(&blocks, &es);
        let dates: Vec<String> = f.events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2019-03"]);
    }

    #[test]
    fn a_running_count_since_a_date_is_as_of_the_document_date() {
        let text = "Since the start of the program in March 2019, officials have returned more than 60,000 people. In April 2019, officials returned 6,000 people.";
        let f = extract_document(&[para(text, 1)], &ctx("2019-12"));
        let as_of: Vec<String> = f
            .statistics
            .iter()
            .map(|s| s.as_of.unwrap().to_string())
            .collect();
        assert_eq!(as_of, ["2019-12", "2019-04"]);
    }

    fn as_of_all(text: &str, published: &str) -> Vec<String> {
        let f = extract_document(&[para(text, 1)], &ctx(published));
        f.statistics
            .iter()
            .map(|s| s.as_of.unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_date_opening_the_sentence_dates_every_figure_after_it() {
        assert_eq!(
            as_of_all(
                "In June, agents made 5,311 family unit apprehensions, apprehended 425 unaccompanied children and 2,347 single adults.",
                "2019-07-16"
            ),
            ["2019-06", "2019-06", "2019-06"]
        );
        // Not when it stands later in the sentence: it dates the figure next to it.
        assert_eq!(
            as_of_all(
                "Officials said that in June, agents made 5,311 apprehensions, 425 arrests and 2,347 returns.",
                "2019-07-16"
            ),
            ["2019-06", "2019-07-16", "2019-07-16"]
        );
    }

    #[test]
    fn a_date_before_to_belongs_to_the_first_end_of_the_change() {
        assert_eq!(
            as_of_all(
                "Apprehensions fell from nearly 561,000 during the first five months of FY23 to nearly 407,000 in FY24.",
                "2024-03-09"
            ),
            // FY24 was still running on the document's date: counted up to it.
            ["2023-02-28", "2024-03-09"]
        );
        // A baseline dates no figure: the change is the document's.
        assert_eq!(
            as_of_all(
                "Encounters were 45% lower than in December 2023 and 16% lower than March 2023.",
                "2024-04-12"
            ),
            ["2024-04-12", "2024-04-12"]
        );
    }

    #[test]
    fn a_date_joined_to_its_figure_a_gloss_and_a_running_period() {
        // The date right after a figure is its own, not the one before the comma.
        assert_eq!(
            as_of_all(
                "Agents recorded 9,095 crossings in March, 9,209 in April and 9,870 in May.",
                "2019-07-16"
            ),
            ["2019-03", "2019-04", "2019-05"]
        );
        // A gloss in brackets between an opening date and its comma.
        assert_eq!(
            as_of_all(
                "In fiscal year 2017 (Oct. 1, 2016, to Sept. 30, 2017), about 53,700 refugees were admitted.",
                "2018-03-01"
            ),
            ["2017-09-30"]
        );
        // A running total since a year, the `since` being the date's own word.
        assert_eq!(
            as_of_all(
                "The shelter has received more than 5,000 people since 2013.",
                "2019-07-16"
            ),
            ["2019-07-16"]
        );
        // A period still running at the document's date counts up to that date.
        assert_eq!(
            as_of_all(
                "So far this fiscal year, agents have arrested 12,000 people.",
                "2024-03-09"
            ),
            ["2024-03-09"]
        );
    }

    fn ctx(p: &str) -> Context {
        Context {
            published: PartialDate::parse(p).ok(),
            language: "en".into(),
            title: None,
        }
    }

    #[test]
    fn quotes_and_spans_are_verbatim_and_ids_stable() {
        let blocks = vec![
            para(
                "The reports documented 9,758 cases between September 2008 and February 2009, and another 11,333 during the first six months of 20108. Next.",
                1,
            ),
            para("13 February, 2020", 2),
        ];
        let f = extract_document(&blocks, &ctx("2020-02-13"));
        assert_eq!(f.events.len(), 2);
        assert_eq!(f.statistics.len(), 2);
        assert_eq!(f.statistics[1].unit, "cases");
        assert_eq!(f.events[1].span, "the first six months of 2010");
        for e in &f.events {
            assert_eq!(
                &blocks[0].text[e.quote_offset..e.quote_offset + e.quote.len()],
                e.quote
            );
            assert_eq!(
                &e.quote[e.span_offset..e.span_offset + e.span.len()],
                e.span
            );
            assert!(e.id.starts_with("ev-") && e.id.len() == 13);
        }
        let again = extract_document(&blocks, &ctx("2020-02-13"));
        assert_eq!(f, again);
    }

    #[test]
    fn uses_the_converters_note_markers() {
        let text = "It claimed 72 victims in August 20106 and 30 more in 20117.";
        let mut b = para(text, 4);
        let six = text.find("20106").unwrap() + 4;
        let seven = text.find("20117").unwrap() + 4;
        b.notes = vec![
            crate::model::document::NoteMarker {
                offset: six,
                len: 1,
                number: 6,
            },
            crate::model::document::NoteMarker {
                offset: seven,
                len: 1,
                number: 7,
            },
        ];
        let f = extract_document(&[b], &ctx("2018"));
        let spans: Vec<&str> = f.events.iter().map(|e| e.span.as_str()).collect();
        assert_eq!(spans, vec!["August 2010", "2011"]);
        assert_eq!(f.events[0].paragraph, 4);
        let values: Vec<f64> = f.statistics.iter().filter_map(|s| s.value).collect();
        assert_eq!(values, vec![72.0, 30.0]);
    }

    #[test]
    fn duplicate_ids_get_suffixes() {
        let blocks = vec![para("In 2014 it grew.", 1), para("In 2014 it grew.", 2)];
        let f = extract_document(&blocks, &ctx("2020"));
        assert_eq!(f.events[1].id, format!("{}-2", f.events[0].id));
    }

    #[test]
    fn skips_headings_references_and_furniture() {
        let mut h = para("Elections in 2018", 1);
        h.kind = BlockKind::Heading { level: 2 };
        let blocks = vec![
            h,
            para("[3] https://example.org/2015/05/report 2016", 2),
            para("Copyright 2021 Nexstar Media Inc. All rights reserved.", 3),
        ];
        assert_eq!(extract_document(&blocks, &ctx("2020")), Facts::default());
    }

    #[test]
    fn survives_random_text() {
        // Deterministic pseudo-random strings over the characters the rules look at.
        let alphabet: Vec<&str> = vec![
            "1",
            "9",
            "20",
            "2019",
            "20106",
            ",",
            ".",
            "-",
            "–",
            "$",
            "%",
            " ",
            "\u{a0}",
            "“",
            "”",
            "’",
            "…",
            "(",
            ")",
            "[3]",
            "May",
            "July 1st",
            "between",
            "and",
            "of",
            "in",
            "one",
            "four",
            "million",
            "people",
            "Today",
            "now",
            "will",
            "U.S.",
            "\n",
            "é",
            "İ",
            "said",
            "Tuesday",
            "ago",
            "years",
            "within",
            "the first six months of",
            "tens of thousands",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
                if seed.is_multiple_of(3) {
                    t.push(' ');
                }
            }
            seed = seed.wrapping_add(0x9e37_79b9);
            let b = para(&t, 1);
            let f = extract_document(std::slice::from_ref(&b), &ctx("2019-11-20"));
            for e in &f.events {
                assert!(b.text[e.quote_offset..].starts_with(&e.quote), "{t:?}");
                assert!(e.quote[e.span_offset..].starts_with(&e.span), "{t:?}");
            }
            for st in &f.statistics {
                assert!(b.text[st.quote_offset..].starts_with(&st.quote), "{t:?}");
                assert!(st.quote[st.span_offset..].starts_with(&st.span), "{t:?}");
            }
        }
    }

    #[test]
    fn survives_odd_input() {
        let long = "9".repeat(300_000);
        for t in [
            "",
            "\u{a0}",
            "“”",
            "…….",
            "$",
            "%",
            "$1.",
            "1,",
            "between and",
            long.as_str(),
        ] {
            let _ = extract_document(&[para(t, 1)], &ctx("2020-01-01"));
        }
    }
}
