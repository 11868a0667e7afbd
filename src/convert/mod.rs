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
//!   Markdown ([`markdown`], via pulldown-cmark) and HTML ([`html`], via ammonia).
//! * [`furniture`] holds the page-furniture rules for plain text.
//! * [`to_markdown`] writes the Markdown export; [`AnchorCounter`] /
//!   [`anchorable_count`] check that its N-th element is block N.

use serde::{Deserialize, Serialize};

mod dateline;
pub mod furniture;
pub mod html;
pub mod markdown;
mod notes;
mod render;
pub mod text;

pub use dateline::parse_dateline;
pub use markdown::split_front_matter;
pub use render::{
    AnchorCounter, anchorable_count, is_safe_inline_markdown, markdown_options, next_url,
    to_markdown,
};

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
    }
}

/// The formats a source document may come in, by file extension.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.txt`: plain text, as captured from the web.
    #[default]
    Text,
    /// `.md`: Markdown (optionally with `+++` TOML front matter).
    Markdown,
    /// `.html` / `.htm`: an HTML page or fragment.
    Html,
}

/// What a block is, for rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading (level 2–6; the document title is not a block).
    Heading {
        /// Heading level, 2 to 6.
        level: u8,
    },
    /// An ordinary paragraph.
    Paragraph,
    /// A paragraph of quoted text (an epigraph, a quoted report).
    Quote,
    /// The attribution line of an epigraph ("-- Name, role").
    Attribution,
    /// One item of a list.
    ListItem {
        /// Numbered list rather than bullets.
        ordered: bool,
    },
    /// Preformatted code, with the language named on its fence if any.
    Code {
        /// Language name from the fence, e.g. `rust`.
        lang: Option<String>,
    },
}

/// A footnote marker inside a block's text, e.g. the `22` of `reported22`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteMarker {
    /// Byte offset of the marker in [`Block::text`].
    pub offset: usize,
    /// Length of the marker in bytes.
    pub len: usize,
    /// The note number it points to.
    pub number: u32,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of block this is.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The block's text exactly as in the source (for `.txt`, a verbatim slice of the file;
    /// for `.md`, the raw Markdown of the block; for `.html`, its text content).
    pub text: String,
    /// Byte offset of `text` in the source file's text, when `text` is a verbatim slice.
    pub start: Option<usize>,
    /// 1-based paragraph number: the block's anchor is `p-{paragraph}`.
    pub paragraph: u32,
    /// Footnote markers found in `text`.
    pub notes: Vec<NoteMarker>,
}

/// One entry of a document's reference (footnote) list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The note number (`[5]` → 5).
    pub number: u32,
    /// The entry's text, as in the source, without the `[5]` label.
    pub text: String,
}

/// A line left out of the page, with the reason (for `--verbose` and `brief check`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// 1-based line number in the source.
    pub line: usize,
    /// The line's text.
    pub text: String,
    /// Why it was dropped ("page furniture at the end of the document", …).
    pub reason: String,
}

/// A source document after conversion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The title line found in the text, if any (not repeated as a block).
    pub title: Option<String>,
    /// A dateline found near the top ("05-23-2018"), verbatim, if any (metadata, not a block).
    pub dateline: Option<String>,
    /// The blocks, in reading order, numbered from 1.
    pub blocks: Vec<Block>,
    /// The reference list, in order.
    pub references: Vec<Reference>,
    /// Lines dropped as page furniture.
    pub dropped: Vec<Dropped>,
    /// The format the document was converted from. [`to_markdown`] escapes the text of
    /// `.txt` and `.html` blocks but writes the raw Markdown of `.md` blocks.
    #[serde(default)]
    pub format: Format,
}
