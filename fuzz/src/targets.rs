//! The fuzz targets' bodies, shared by `cargo fuzz` (fuzz/fuzz_targets/*.rs), the
//! property tests (tests/hostile/props.rs) and the stable-toolchain fuzz harness
//! (tests/hostile/fuzz.rs). Each takes arbitrary bytes, runs one entry point of the
//! library and panics if an invariant does not hold:
//!
//! * conversion never panics; a `.txt` block's text is the slice of the source at its
//!   `start`; the Markdown export has exactly one anchorable block per block; the source
//!   page's body has an anchor `p-N` for every block;
//! * extraction never panics; every quote is the slice of its block's text at
//!   `quote_offset`, every span the slice of its quote at `span_offset`; the body
//!   rendered with every fact marked at its offset has each mark's id once at most.

use brief::convert::{self};

use brief::extract::{self, Context};
use brief::model::document::{Block, Document, Format};
use brief::model::facts::Facts;
use brief::render::html::{Mark, render_document};
use std::collections::BTreeMap;

/// Text from fuzz bytes: lossy, as the build reads a non-UTF-8 file.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Converts `text` and checks the converter's invariants.
pub fn check_convert(text: &str, format: Format) -> Document {
    let doc = convert::convert(text, format);
    for b in &doc.blocks {
        if let Some(start) = b.start {
            let end = start + b.text.len();
            assert!(end <= text.len(), "block past the end: {b:?}");
            if format == Format::Text {
                assert_eq!(
                    &text[start..end],
                    b.text,
                    "block text is not the source slice"
                );
            }
        }
    }
    let md = convert::to_markdown(&doc);
    assert_eq!(
        convert::anchorable_count(&md),
        doc.blocks.len(),
        "anchor count of the generated Markdown\n{md:?}"
    );
    let html = render_document(&doc, &BTreeMap::new(), None).html;
    for n in 1..=doc.blocks.len() {
        assert!(html.contains(&format!("id=\"p-{n}\"")), "no anchor p-{n}");
    }
    doc
}

/// Extracts facts and checks that every quote and span is where it says, with the
/// rules of every language (English and Spanish); returns the English facts.
pub fn check_extract(blocks: &[Block], published: Option<&str>) -> Facts {
    check_extract_in(blocks, published, "es");
    check_extract_in(blocks, published, "en")
}

/// [`check_extract`] with the rules of one language.
pub fn check_extract_in(blocks: &[Block], published: Option<&str>, language: &str) -> Facts {
    let ctx = Context {
        published: published.and_then(|p| brief::model::date::PartialDate::parse(p).ok()),
        language: language.into(),
        title: None,
    };
    let facts = extract::extract_document(blocks, &ctx);
    let block = |p: u32| {
        blocks
            .iter()
            .find(|b| b.paragraph == p)
            .unwrap_or_else(|| panic!("no block {p}"))
    };
    let spots = facts
        .events
        .iter()
        .map(|e| {
            (
                e.paragraph,
                &e.quote,
                e.quote_offset,
                &e.span,
                e.span_offset,
            )
        })
        .chain(facts.statistics.iter().map(|s| {
            (
                s.paragraph,
                &s.quote,
                s.quote_offset,
                &s.span,
                s.span_offset,
            )
        }));
    for (p, quote, qo, span, so) in spots {
        let text = &block(p).text;
        assert_eq!(
            text.get(qo..qo + quote.len()),
            Some(quote.as_str()),
            "quote not at its offset in block {p}"
        );
        assert!(text.contains(quote.as_str()));
        assert!(!span.is_empty(), "empty span in {quote:?}");
        assert_eq!(
            quote.get(so..so + span.len()),
            Some(span.as_str()),
            "span {span:?} not at {so} in {quote:?}"
        );
    }
    facts
}

/// `cargo fuzz run convert_text`.
pub fn convert_text(data: &[u8]) {
    check_convert(&text_of(data), Format::Text);
}

/// `cargo fuzz run convert_markdown`.
pub fn convert_markdown(data: &[u8]) {
    check_convert(&text_of(data), Format::Markdown);
}

/// `cargo fuzz run convert_html`.
pub fn convert_html(data: &[u8]) {
    check_convert(&text_of(data), Format::Html);
}

/// `cargo fuzz run extract`: the first byte picks the format and the published date.
pub fn extract(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = [Format::Text, Format::Markdown, Format::Html][usize::from(first % 3)];
    let published = ["2020-03-15", "2019-07", "2018"].get(usize::from(first / 3 % 4));
    let doc = convert::convert(&text_of(rest), format);
    let facts = check_extract(&doc.blocks, published.copied());
    let mut marks: BTreeMap<u32, Vec<Mark>> = BTreeMap::new();
    let spots = facts
        .events
        .iter()
        .map(|e| (e.paragraph, e.quote_offset + e.span_offset, &e.span, &e.id))
        .chain(
            facts
                .statistics
                .iter()
                .map(|s| (s.paragraph, s.quote_offset + s.span_offset, &s.span, &s.id)),
        );
    for (p, start, span, id) in spots {
        marks.entry(p).or_default().push(Mark {
            start,
            text: span.clone(),
            id: format!("mark-{id}"),
            href: format!("#{id}"),
            title: String::new(),
            class: String::new(),
        });
    }
    let out = render_document(&doc, &marks, None);
    for m in marks.values().flatten() {
        let found = out.html.matches(&format!("id=\"{}\"", m.id)).count();
        assert!(found <= 1, "mark {} written {found} times", m.id);
        assert!(
            found == 1 || out.unplaced_marks.contains(&m.id),
            "mark {} neither placed nor reported",
            m.id
        );
    }
}
