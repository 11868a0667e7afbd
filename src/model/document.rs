//! Document: a source after conversion, as a list of blocks in reading order, each tied
//! to the exact bytes it came from, plus its reference list and the lines dropped as
//! page furniture.
//!
//! In: nothing (plain data). Out: the types [`crate::convert`] produces and every later
//! stage reads: [`Document`], [`Block`], [`BlockKind`], [`ListInfo`], [`NoteMarker`],
//! [`Reference`], [`Dropped`] and the source [`Format`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// `.pdf`: a PDF with a text layer (read from its bytes, not as text).
    Pdf,
    /// `.docx`: a Word document (a zip of XML parts, read from its bytes).
    Docx,
}

impl Format {
    /// True for the formats read as bytes and converted by their own reader (PDF,
    /// Word); their [`crate::model::source::Source::text`] is empty.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx)
    }
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

/// What a source says of a list item beyond "numbered or not": where it sits, for the
/// formats that nest lists or number them from elsewhere than 1 (Word), and its
/// checkbox, for a task list item (Markdown `- [x]`): see [`Document::lists`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListInfo {
    /// Nesting depth: 0 for an item of a top-level list, 1 for an item of a list inside
    /// an item, and so on.
    #[serde(default)]
    pub level: u8,
    /// The item's number as the source shows it (the `4` of "4."), for a numbered item;
    /// `None` counts on from the item before, or from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// A task list item's checkbox: `Some(true)` for done (`[x]`), `Some(false)` for
    /// not done (`[ ]`); the marker is not part of the block's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<bool>,
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
    /// for `.md`, the raw Markdown of the block; for `.html`, `.pdf` and `.docx`, its
    /// text content).
    pub text: String,
    /// Byte offset of `text` in the source file's text, when `text` is a verbatim slice.
    pub start: Option<usize>,
    /// 1-based paragraph number: the block's anchor is `p-{paragraph}`.
    pub paragraph: u32,
    /// Footnote markers found in `text`.
    pub notes: Vec<NoteMarker>,
    /// The page of a paged source (PDF) where the block starts, from 1; `None` for
    /// the other formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
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

/// What a file says about itself, beside its text: a PDF's or Word file's document
/// properties, a web page's meta tags and JSON-LD. Each converter fills what its format
/// has; [`crate::convert::resolve`] uses it where the sidecar and front matter are
/// silent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embedded {
    /// The title (`og:title`, a PDF's Title, a Word file's dc:title).
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who published it (a web page's site name, JSON-LD `publisher`).
    pub publisher: Option<String>,
    /// When it was published (`article:published_time`, JSON-LD `datePublished`; a
    /// PDF's or Word file's creation date only when nothing better is known).
    pub published: Option<crate::model::date::PartialDate>,
    /// The document's own address (`<link rel=canonical>`).
    pub url: Option<String>,
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
    /// What the file says about itself (document properties, meta tags).
    #[serde(default)]
    pub embedded: Embedded,
    /// What the source says of its list items, by block number (1-based): where they
    /// sit (a Word file's numbering definitions) and their checkboxes (Markdown task
    /// lists); an item not listed is at the top level, numbered on from 1 in its list,
    /// and no task. A table beside the blocks rather than a field of
    /// [`BlockKind::ListItem`], so that converters that know nothing of nesting build
    /// their items as before.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lists: BTreeMap<u32, ListInfo>,
    /// The format the document was converted from. [`crate::convert::to_markdown`] escapes the text of
    /// `.txt` and `.html` blocks but writes the raw Markdown of `.md` blocks.
    #[serde(default)]
    pub format: Format,
}
