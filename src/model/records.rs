//! Records: the published form of a fact, one row of `data/events.json` or
//! `data/statistics.json` (and of `brief extract --format json`), declared once.
//!
//! In: an extracted [`Event`] or [`Statistic`] and its [`Provenance`] (which source,
//! where its page is, the source's blocks). Out: [`EventRecord`] and
//! [`StatisticRecord`], in the schema the README documents ("Data contract"): the fact's
//! own fields plus where it came from, the paragraph's URL and, like a W3C
//! TextQuoteSelector, a little text before and after the quote.

use crate::model::anchors::Anchors;
use crate::model::date::{PartialDate, Precision};
use crate::model::document::Block;
use crate::model::facts::{Event, Qualifier, Statistic};
use serde::Serialize;
use std::collections::BTreeSet;

/// Where the facts of one source are published.
#[derive(Debug, Clone)]
pub struct Provenance<'a> {
    /// `sources/<file name>` (or the file's path, outside a site).
    pub source_path: String,
    /// The source's title, so a row reads without a join.
    pub source_title: String,
    /// URL of the source page, when it has one.
    pub source_url: Option<String>,
    /// URL of the page the paragraph anchors (`#p-N`) are on (`""` outside a site).
    pub page_url: String,
    /// The source's blocks, for the text around each quote.
    pub blocks: &'a [Block],
    /// The ids of its paragraphs and fact sentences.
    pub anchors: &'a Anchors,
    /// URL of the source's PDF, when it is published beside the page.
    pub pdf_url: Option<String>,
    /// The source's publication date: the `as_of` of a figure that gives none.
    pub published: Option<PartialDate>,
    /// Ids of the facts an editor reviewed.
    pub reviewed: &'a BTreeSet<String>,
}

impl Provenance<'_> {
    /// URL of the sentence at `quote_offset` in block `paragraph`.
    fn anchor(&self, paragraph: u32, quote_offset: usize) -> String {
        format!(
            "{}#{}",
            self.page_url,
            self.anchors.sentence(paragraph, quote_offset)
        )
    }

    /// The page of a paged source (PDF) that block `paragraph` starts on.
    fn page(&self, paragraph: u32) -> Option<u32> {
        self.blocks
            .iter()
            .find(|b| b.paragraph == paragraph)
            .and_then(|b| b.page)
    }

    /// `file.pdf#page=N`, when the PDF is published and the page known.
    fn pdf_page_url(&self, paragraph: u32) -> Option<String> {
        let page = self.page(paragraph)?;
        Some(format!("{}#page={page}", self.pdf_url.as_ref()?))
    }

    /// `extracted`, or `reviewed` when an editor approved, fixed or added the fact.
    fn status(&self, id: &str) -> &'static str {
        if self.reviewed.contains(id) {
            "reviewed"
        } else {
            "extracted"
        }
    }

    /// Text around a quote inside its block: (prefix, suffix), at most 32 characters
    /// each.
    fn context(&self, paragraph: u32, offset: usize, len: usize) -> (String, String) {
        let Some(block) = self.blocks.iter().find(|b| b.paragraph == paragraph) else {
            return (String::new(), String::new());
        };
        let text = &block.text;
        if offset + len > text.len()
            || !text.is_char_boundary(offset)
            || !text.is_char_boundary(offset + len)
        {
            return (String::new(), String::new());
        }
        let before: String = {
            let chars: Vec<char> = text[..offset].chars().rev().take(32).collect();
            chars.into_iter().rev().collect()
        };
        let after: String = text[offset + len..].chars().take(32).collect();
        (before, after)
    }
}

/// One row of `data/events.json`.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    /// Stable id.
    pub id: String,
    /// `sources/<file name>`.
    pub source_path: String,
    /// The source's title.
    pub source_title: String,
    /// URL of the source page (null outside a site).
    pub source_url: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// End of a span, same forms, or null.
    pub end: Option<String>,
    /// `year`, `month` or `day`.
    pub precision: Precision,
    /// The date for readers, e.g. "August 2010".
    pub display_date: String,
    /// True when part of the date came from the document's date or context.
    pub relative: bool,
    /// The exact date words.
    pub span: String,
    /// The full sentence, verbatim.
    pub quote: String,
    /// Up to 32 characters before the quote in its paragraph.
    pub prefix: String,
    /// Up to 32 characters after the quote in its paragraph.
    pub suffix: String,
    /// Paragraph number (its position in the source; see `anchor` for a stable link).
    pub paragraph: u32,
    /// Page of a PDF source the paragraph starts on; `None` for other formats.
    pub page: Option<u32>,
    /// The page in the published PDF (`file.pdf#page=N`), when the PDF is published.
    pub pdf_url: Option<String>,
    /// URL of the sentence on the source page: its `id` comes from its words, so it
    /// survives edits elsewhere in the document.
    pub anchor: String,
    /// URL of the page with a Text Fragment (`#:~:text=`) that asks the browser to
    /// find and highlight the quote itself: a fallback for when the anchor is gone.
    pub text_url: String,
    /// Short description.
    pub title: String,
    /// `extracted`, or `reviewed` when an editor approved, fixed or added it.
    pub status: &'static str,
}

/// One row of `data/statistics.json`.
#[derive(Debug, Clone, Serialize)]
pub struct StatisticRecord {
    /// Stable id.
    pub id: String,
    /// `sources/<file name>`.
    pub source_path: String,
    /// The source's title.
    pub source_title: String,
    /// URL of the source page (null outside a site).
    pub source_url: Option<String>,
    /// The value, or null for a range.
    pub value: Option<f64>,
    /// Low end of a range.
    pub low: Option<f64>,
    /// High end of a range.
    pub high: Option<f64>,
    /// Denominator of an "X of Y" ratio.
    pub of: Option<f64>,
    /// What is counted.
    pub unit: String,
    /// `exact`, `more than`, …
    pub qualifier: Qualifier,
    /// The exact words of the figure.
    pub span: String,
    /// The full sentence, verbatim.
    pub quote: String,
    /// Up to 32 characters before the quote in its paragraph.
    pub prefix: String,
    /// Up to 32 characters after the quote in its paragraph.
    pub suffix: String,
    /// What is measured.
    pub measure: String,
    /// The date the figure refers to.
    pub as_of: Option<String>,
    /// Paragraph number (its position in the source; see `anchor` for a stable link).
    pub paragraph: u32,
    /// Page of a PDF source the paragraph starts on; `None` for other formats.
    pub page: Option<u32>,
    /// The page in the published PDF (`file.pdf#page=N`), when the PDF is published.
    pub pdf_url: Option<String>,
    /// URL of the sentence on the source page: its `id` comes from its words, so it
    /// survives edits elsewhere in the document.
    pub anchor: String,
    /// URL of the page with a Text Fragment (`#:~:text=`) that asks the browser to
    /// find and highlight the quote itself: a fallback for when the anchor is gone.
    pub text_url: String,
    /// `extracted`, or `reviewed` when an editor approved, fixed or added it.
    pub status: &'static str,
}

impl EventRecord {
    /// The published record of an event.
    pub fn new(e: &Event, p: &Provenance) -> EventRecord {
        let (prefix, suffix) = p.context(e.paragraph, e.quote_offset, e.quote.len());
        let display_date = match e.end {
            Some(end) => format!("{} – {}", e.date.display_en(), end.display_en()),
            None => e.date.display_en(),
        };
        EventRecord {
            id: e.id.clone(),
            source_path: p.source_path.clone(),
            source_title: p.source_title.clone(),
            source_url: p.source_url.clone(),
            date: e.date.to_string(),
            end: e.end.map(|d| d.to_string()),
            precision: e.date.precision(),
            display_date,
            relative: e.relative,
            span: e.span.clone(),
            quote: e.quote.clone(),
            prefix,
            suffix,
            paragraph: e.paragraph,
            page: p.page(e.paragraph),
            pdf_url: p.pdf_page_url(e.paragraph),
            anchor: p.anchor(e.paragraph, e.quote_offset),
            text_url: text_fragment_url(&p.page_url, &e.quote),
            title: e.title.clone(),
            status: p.status(&e.id),
        }
    }
}

impl StatisticRecord {
    /// The published record of a figure.
    pub fn new(st: &Statistic, p: &Provenance) -> StatisticRecord {
        let (prefix, suffix) = p.context(st.paragraph, st.quote_offset, st.quote.len());
        StatisticRecord {
            id: st.id.clone(),
            source_path: p.source_path.clone(),
            source_title: p.source_title.clone(),
            source_url: p.source_url.clone(),
            value: st.value,
            low: st.low,
            high: st.high,
            of: st.of,
            unit: st.unit.clone(),
            qualifier: st.qualifier,
            span: st.span.clone(),
            quote: st.quote.clone(),
            prefix,
            suffix,
            measure: st.measure.clone(),
            as_of: st.as_of.or(p.published).map(|d| d.to_string()),
            paragraph: st.paragraph,
            page: p.page(st.paragraph),
            pdf_url: p.pdf_page_url(st.paragraph),
            anchor: p.anchor(st.paragraph, st.quote_offset),
            text_url: text_fragment_url(&p.page_url, &st.quote),
            status: p.status(&st.id),
        }
    }
}

/// `page#:~:text=…`: a Text Fragment (WICG scroll-to-text) for `quote`. A quote of
/// more than eight words is given by its first and last four words
/// (`textStart,textEnd`), which keeps the URL short and still matches one sentence.
/// Each part is percent-encoded, `-`, `,` and `&` included, as the syntax requires.
pub fn text_fragment_url(page_url: &str, quote: &str) -> String {
    // Only the words the fragment uses are looked at: the first nine (to tell a long
    // quote) and, for a long one, the last four, read from the end.
    let first: Vec<&str> = quote.split_whitespace().take(9).collect();
    if first.is_empty() {
        return page_url.to_string();
    }
    let mut out = String::with_capacity(page_url.len() + 10 + 3 * quote.len().min(96));
    out.push_str(page_url);
    out.push_str("#:~:text=");
    if first.len() > 8 {
        let mut last: Vec<&str> = quote.split_whitespace().rev().take(4).collect();
        last.reverse();
        percent_encode_words(&mut out, &first[..4]);
        out.push(',');
        percent_encode_words(&mut out, &last);
    } else {
        percent_encode_words(&mut out, &first);
    }
    out
}

/// Appends `words` joined by `%20`, each byte but the unreserved ones percent-encoded.
fn percent_encode_words(out: &mut String, words: &[&str]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str("%20");
        }
        for b in w.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'!' | b'*' | b'\'') {
                out.push(char::from(b));
            } else {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fragments_encode_the_reserved_characters() {
        assert_eq!(
            text_fragment_url("https://x.org/s/", "Short, well-known & done."),
            "https://x.org/s/#:~:text=Short%2C%20well%2Dknown%20%26%20done."
        );
        assert_eq!(
            text_fragment_url(
                "/p/",
                "On 20 December 2018 the United States announced the Migrant Protection Protocols."
            ),
            "/p/#:~:text=On%2020%20December%202018,the%20Migrant%20Protection%20Protocols."
        );
        assert_eq!(text_fragment_url("/p/", "  "), "/p/");
    }
}
