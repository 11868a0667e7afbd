//! Convert: a source document's text becomes a [`Document`], a list of blocks in reading
//! order, each tied to the exact bytes it came from, plus its reference list and the
//! page-furniture lines that were dropped. [`to_markdown`] writes the Markdown export
//! editors read (`build/markdown/`); the site's source pages are rendered from the
//! blocks themselves ([`crate::render::html`]).
//!
//! In: the raw text of a `.txt`, `.md` or `.html` source. Out: [`Document`]. Never
//! changes the text of a block: extraction quotes must stay verbatim. Never panics, and
//! the work is bounded (roughly linear) on any input, however hostile.
//!
//! * [`convert`] dispatches on [`Format`]: plain text ([`text`], the real work: title,
//!   dateline, furniture, quotes, lists, headings, references, footnote markers),
//!   Markdown ([`markdown`], via pulldown-cmark) and HTML ([`html`], via ammonia, the
//!   article of a saved page found by [`webpage`]).
//! * [`furniture`] holds the page-furniture rules for plain text.
//! * [`to_markdown`] writes the Markdown export; [`AnchorCounter`] /
//!   [`anchorable_count`] check that its N-th element is block N.

use crate::model::document::{Document, Format};
use crate::model::source::Source;

mod dateline;
pub mod docx;
pub mod furniture;
pub mod html;
pub mod markdown;
mod notes;
pub mod pdf;
mod render;
mod resolve;
pub mod text;
pub mod webpage;

pub use dateline::parse_dateline;
pub use render::{
    AnchorCounter, anchorable_count, is_safe_inline_markdown, markdown_options, next_url,
    note_markers, to_markdown,
};
pub use resolve::resolve;

/// Converts a source document's text into a [`Document`].
///
/// Pure: the same text gives the same document. For [`Format::Text`] every block's `text`
/// is a verbatim slice of `text` at `start`; for [`Format::Markdown`] it is the block's
/// raw Markdown (a slice at `start`, except code whose fences or container markers had to
/// be removed); for [`Format::Html`] it is decoded text content and `start` is `None`.
pub fn convert(text: &str, format: Format) -> Document {
    match format {
        Format::Text => text::convert_text(text),
        Format::Markdown => markdown::convert_markdown(text),
        Format::Html => html::convert_html(text),
        // Read from bytes by [`convert_source`]; as text they hold nothing.
        Format::Pdf | Format::Docx => Document {
            format,
            ..Default::default()
        },
    }
}

/// Converts a source: its text, or for a PDF or Word file its bytes. The error says what
/// is wrong with the file, for a message that names it.
pub fn convert_source(source: &Source) -> Result<Document, String> {
    match source.format {
        Format::Pdf => pdf::convert_pdf(&source.bytes),
        Format::Docx => docx::convert_docx(&source.bytes),
        f => Ok(convert(source.body(), f)),
    }
}
