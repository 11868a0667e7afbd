//! Word (`.docx`) → [`Document`]: a zip (the `zip` crate) of XML parts (read with
//! `quick-xml`).
//!
//! In: the file's bytes. Out: blocks from `word/document.xml` (paragraph styles
//! `Heading1`…`Heading6` become headings, the `Title` style the title, numbered or
//! `ListParagraph` paragraphs list items, `Quote` quotes, each table row one paragraph
//! of its cells joined by ` | `); list items ordered or bulleted, nested and numbered
//! as `word/numbering.xml` defines them (through the paragraph's own `w:numPr` or its
//! style's, from `word/styles.xml`) into [`Document::lists`]; footnotes from
//! `word/footnotes.xml` as the reference list, their reference marks as note markers;
//! `docProps/core.xml` (title, creator, created) as [`Document::embedded`]. Headers and
//! footers (`word/header*.xml`, `word/footer*.xml`) are page furniture: never read.
//! Never panics; every part is read with a cap on its inflated size, whatever the
//! archive claims (zip bombs).

use super::parse_dateline;
use crate::model::date::PartialDate;
use crate::model::document::{
    Block, BlockKind, Document, Embedded, Format, ListInfo, NoteMarker, Reference,
};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

/// One part of a Word file may inflate to at most this many bytes.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// A Word file may hold at most this many parts.
const MAX_PARTS: usize = 10_000;

/// Converts a Word file's bytes. An error says what is wrong, for a message that names
/// the file.
pub fn convert_docx(bytes: &[u8]) -> Result<Document, String> {
    match std::panic::catch_unwind(|| convert_inner(bytes)) {
        Ok(r) => r,
        Err(_) => Err("the Word reader failed on this file (a damaged or unusual file)".into()),
    }
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn convert_inner(bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a Word file (not a readable zip archive: {e})"))?;
    if zip.len() > MAX_PARTS {
        return Err(format!(
            "holds {} parts; brief reads Word files of at most {MAX_PARTS}",
            zip.len()
        ));
    }
    let document = read_part(&mut zip, "word/document.xml")?
        .ok_or("not a Word file (no word/document.xml)")?;
    let footnotes = match read_part(&mut zip, "word/footnotes.xml")? {
        Some(x) => parse_footnotes(&x)?,
        None => BTreeMap::new(),
    };
    let mut numbering = match read_part(&mut zip, "word/numbering.xml")? {
        Some(x) => parse_numbering(&x)?,
        None => Numbering::default(),
    };
    if let Some(x) = read_part(&mut zip, "word/styles.xml")? {
        numbering.styles = parse_styles(&x)?;
    }
    let mut doc = parse_document(&document, &footnotes, &mut numbering)?;
    if let Some(core) = read_part(&mut zip, "docProps/core.xml")? {
        doc.embedded = parse_core(&core, doc.dateline.is_some());
    }
    Ok(doc)
}

/// A part's bytes, at most [`MAX_PART_BYTES`] of them inflated; `None` if absent.
fn read_part(zip: &mut Archive, name: &str) -> Result<Option<Vec<u8>>, String> {
    let part = match zip.by_name(name) {
        Ok(p) => p,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be read: {e}")),
    };
    let mut out = Vec::new();
    part.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name} cannot be read: {e}"))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} inflates to more than {} MiB; refused as a likely zip bomb",
            MAX_PART_BYTES / (1024 * 1024)
        ));
    }
    Ok(Some(out))
}

/// The value of an attribute by its local name (`w:val` → `val`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `&amp;` and the other predefined entities, and character references.
fn entity(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.clone().into_inner().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

/// One paragraph as read: its style, its own numbering (`w:numPr`), its text and note
/// marks.
#[derive(Default)]
struct Para {
    style: String,
    numbered: bool,
    num_id: Option<String>,
    ilvl: Option<u8>,
    text: String,
    notes: Vec<NoteMarker>,
}

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Level {
    /// `w:numFmt`: `bullet`, `decimal`, `lowerLetter`, `upperRoman`, `none`, …
    format: String,
    /// `w:start` (1 when absent).
    start: u32,
}

impl Default for Level {
    fn default() -> Self {
        // The defaults of the OOXML schema.
        Level {
            format: "decimal".into(),
            start: 1,
        }
    }
}

/// A list instance (`w:num`): the definition it uses and what it changes of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Num {
    /// `w:abstractNumId`.
    abstract_id: String,
    /// `w:lvlOverride/w:startOverride`, by level: the instance restarts there.
    start_overrides: BTreeMap<u8, u32>,
    /// `w:lvlOverride/w:lvl`: levels redefined for this instance.
    levels: BTreeMap<u8, Level>,
}

/// A paragraph style's numbering (`w:pPr/w:numPr`) and the style it is based on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct StyleNum {
    num_id: Option<String>,
    ilvl: Option<u8>,
    based_on: Option<String>,
}

/// A Word file's list definitions (`word/numbering.xml`), the numbering its paragraph
/// styles carry (`word/styles.xml`), and the counters while the document is read.
#[derive(Debug, Default)]
struct Numbering {
    /// `w:abstractNum` by id: its levels.
    abstracts: BTreeMap<String, BTreeMap<u8, Level>>,
    /// `w:num` by id.
    nums: BTreeMap<String, Num>,
    /// Paragraph styles by id.
    styles: BTreeMap<String, StyleNum>,
    /// The last number given at each level, by list definition: Word counts on across
    /// the instances of one definition (LibreOffice writes a list as several).
    counters: BTreeMap<String, [Option<u32>; 9]>,
    /// The instances and levels whose start override was applied (at their first item).
    restarted: BTreeSet<(String, u8)>,
}

/// What the numbering says of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Listing {
    /// No numbering anywhere, or definitions that cannot be found.
    Unknown,
    /// Numbering removed (`w:numId` 0): not a list item, whatever the style says.
    NotAList,
    /// A list item: numbered or not, and where it sits.
    Item { ordered: bool, place: ListInfo },
}

impl Numbering {
    /// The paragraph's listing from its own `w:numPr` (`num_id`, `ilvl`), else its
    /// style's (following `w:basedOn`); counts the item.
    fn listing(&mut self, style: &str, num_id: Option<&str>, ilvl: Option<u8>) -> Listing {
        let (mut num_id, mut ilvl) = (num_id.map(str::to_string), ilvl);
        let mut s = Some(style.to_string());
        // A bounded walk: a loop of basedOn is a damaged file, not a hang.
        for _ in 0..16 {
            let Some(st) = s.as_deref().and_then(|id| self.styles.get(id)) else {
                break;
            };
            if num_id.is_none() {
                num_id.clone_from(&st.num_id);
            }
            if ilvl.is_none() {
                ilvl = st.ilvl;
            }
            s.clone_from(&st.based_on);
        }
        let Some(num_id) = num_id else {
            return Listing::Unknown;
        };
        if num_id == "0" {
            return Listing::NotAList;
        }
        let ilvl = ilvl.unwrap_or(0).min(8);
        let Some(num) = self.nums.get(&num_id) else {
            return Listing::Unknown;
        };
        // A level defined nowhere (a list style linked with `w:numStyleLink`, not
        // followed): the style's name decides, as without numbering.
        let Some(level) = num
            .levels
            .get(&ilvl)
            .or_else(|| self.abstracts.get(&num.abstract_id)?.get(&ilvl))
            .cloned()
        else {
            return Listing::Unknown;
        };
        let counters = self.counters.entry(num.abstract_id.clone()).or_default();
        // An item ends the lists nested deeper than it.
        for c in counters.iter_mut().skip(ilvl as usize + 1) {
            *c = None;
        }
        let i = ilvl as usize;
        counters[i] = Some(match num.start_overrides.get(&ilvl) {
            Some(&n) if self.restarted.insert((num_id.clone(), ilvl)) => n,
            _ => counters[i].map_or(level.start, |c| c.saturating_add(1)),
        });
        let ordered = !matches!(level.format.as_str(), "bullet" | "none");
        Listing::Item {
            ordered,
            place: ListInfo {
                // `List Bullet 2` and its kin are a second level by their style alone.
                level: ilvl.max(style_depth(style)),
                number: if ordered { counters[i] } else { None },
                task: None,
            },
        }
    }
}

/// The nesting depth a list style's name implies: `ListBullet2` → 1, `ListNumber3` → 2.
fn style_depth(style: &str) -> u8 {
    let s = style.to_ascii_lowercase().replace(' ', "");
    ["listbullet", "listnumber"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .and_then(|n| n.parse::<u8>().ok())
        .map_or(0, |n| n.saturating_sub(1).min(8))
}

/// `word/numbering.xml` → the list definitions and instances.
fn parse_numbering(xml: &[u8]) -> Result<Numbering, String> {
    let mut n = Numbering::default();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut abstract_id: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut override_lvl: Option<u8> = None;
    let mut lvl: Option<(u8, Level)> = None;
    let ilvl_of = |e: &BytesStart| {
        attr(e, "ilvl")
            .and_then(|v| v.parse::<u8>().ok())
            .map(|v| v.min(8))
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/numbering.xml is not well-formed XML: {e}"))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let val = || attr(&e, "val");
                let number = || val().and_then(|v| v.parse::<u32>().ok());
                match e.local_name().as_ref() {
                    "abstractNum" if !empty => abstract_id = attr(&e, "abstractNumId"),
                    "num" if !empty => {
                        num_id = attr(&e, "numId");
                        if let Some(id) = &num_id {
                            n.nums.insert(id.clone(), Num::default());
                        }
                    }
                    "abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num_id, val()) {
                            n.nums.entry(id.clone()).or_default().abstract_id = v;
                        }
                    }
                    "lvlOverride" if !empty => override_lvl = ilvl_of(&e),
                    "startOverride" => {
                        if let (Some(id), Some(l), Some(v)) = (&num_id, override_lvl, number()) {
                            n.nums
                                .entry(id.clone())
                                .or_default()
                                .start_overrides
                                .insert(l, v);
                        }
                    }
                    "lvl" if !empty => {
                        lvl = ilvl_of(&e).or(override_lvl).map(|l| (l, Level::default()));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), number()) {
                            l.start = v;
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val()) {
                            l.format = v;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "lvl" => {
                    if let Some((i, l)) = lvl.take() {
                        if let Some(id) = &num_id {
                            n.nums.entry(id.clone()).or_default().levels.insert(i, l);
                        } else if let Some(id) = &abstract_id {
                            n.abstracts.entry(id.clone()).or_default().insert(i, l);
                        }
                    }
                }
                "lvlOverride" => override_lvl = None,
                "num" => num_id = None,
                "abstractNum" => abstract_id = None,
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(n)
}

/// `word/styles.xml` → the paragraph styles' numbering and `w:basedOn`.
fn parse_styles(xml: &[u8]) -> Result<BTreeMap<String, StyleNum>, String> {
    let mut styles = BTreeMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(String, StyleNum)> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/styles.xml is not well-formed XML: {e}"))?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                match local.as_ref() {
                    "style" => {
                        current = (attr(&e, "type").as_deref() == Some("paragraph"))
                            .then(|| attr(&e, "styleId"))
                            .flatten()
                            .map(|id| (id, StyleNum::default()));
                    }
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num_id = attr(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.ilvl = attr(&e, "val").and_then(|v| v.parse::<u8>().ok());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = current.take() {
                    styles.insert(id, s);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(styles)
}

/// A paragraph (or table row) read: its kind, text, note marks, style and list place.
type ReadPara = (BlockKind, String, Vec<NoteMarker>, String, Option<ListInfo>);

/// Walks `word/document.xml`.
fn parse_document(
    xml: &[u8],
    footnotes: &BTreeMap<String, (u32, String)>,
    numbering: &mut Numbering,
) -> Result<Document, String> {
    let mut doc = Document {
        format: Format::Docx,
        references: footnotes
            .values()
            .map(|(number, text)| Reference {
                number: *number,
                text: text.clone(),
            })
            .collect(),
        ..Default::default()
    };
    doc.references.sort_by_key(|r| r.number);
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut para: Option<Para> = None;
    let mut in_text = false;
    // Tables: the cells of the current row (the outermost table; a nested one's
    // paragraphs go into the cell that holds it).
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut paras: Vec<ReadPara> = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/document.xml is not well-formed XML: {e}"))?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "p" => para = Some(Para::default()),
                "pStyle" => {
                    if let (Some(p), Some(v)) = (para.as_mut(), attr(&e, "val")) {
                        p.style = v;
                    }
                }
                "numPr" => {
                    if let Some(p) = para.as_mut() {
                        p.numbered = true;
                    }
                }
                "numId" => {
                    if let Some(p) = para.as_mut() {
                        p.num_id = attr(&e, "val");
                    }
                }
                "ilvl" => {
                    if let Some(p) = para.as_mut() {
                        p.ilvl = attr(&e, "val").and_then(|v| v.parse::<u8>().ok());
                    }
                }
                "t" => in_text = true,
                "tab" | "br" | "cr" => {
                    if let Some(p) = para.as_mut() {
                        p.text.push(' ');
                    }
                }
                "footnoteReference" => {
                    if let (Some(p), Some((number, _))) = (
                        para.as_mut(),
                        attr(&e, "id").and_then(|id| footnotes.get(&id)),
                    ) {
                        let label = number.to_string();
                        p.notes.push(NoteMarker {
                            offset: p.text.len(),
                            len: label.len(),
                            number: *number,
                        });
                        p.text.push_str(&label);
                    }
                }
                "tbl" => table_depth += 1,
                "tc" if table_depth == 1 => cell = Some(String::new()),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let Some(p) = para.take() else { continue };
                    if let Some(c) = cell.as_mut() {
                        if !c.is_empty() && !p.text.trim().is_empty() {
                            c.push(' ');
                        }
                        c.push_str(p.text.trim());
                        continue;
                    }
                    let text = p.text.trim();
                    if text.is_empty() {
                        continue;
                    }
                    let lead = p.text.len() - p.text.trim_start().len();
                    let notes = p
                        .notes
                        .into_iter()
                        .filter(|m| m.offset >= lead && m.offset + m.len <= lead + text.len())
                        .map(|m| NoteMarker {
                            offset: m.offset - lead,
                            ..m
                        })
                        .collect();
                    let mut kind = kind_of(&p.style, p.numbered);
                    let mut place = None;
                    // A numbered heading ("1. Introduction") stays a heading.
                    if !matches!(kind, BlockKind::Heading { .. }) {
                        match numbering.listing(&p.style, p.num_id.as_deref(), p.ilvl) {
                            Listing::Item { ordered, place: at } => {
                                kind = BlockKind::ListItem { ordered };
                                place = Some(at);
                            }
                            Listing::NotAList if matches!(kind, BlockKind::ListItem { .. }) => {
                                kind = BlockKind::Paragraph;
                            }
                            _ => {}
                        }
                    }
                    paras.push((kind, text.to_string(), notes, p.style, place));
                }
                "tc" if table_depth == 1 => row.extend(cell.take()),
                "tr" if table_depth == 1 => {
                    let text = row
                        .drain(..)
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" | ");
                    if !text.is_empty() {
                        paras.push((BlockKind::Paragraph, text, Vec::new(), String::new(), None));
                    }
                }
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&entity(&r));
                }
            }
            _ => {}
        }
        buf.clear();
    }
    for (k, (kind, text, notes, style, place)) in paras.into_iter().enumerate() {
        if style.eq_ignore_ascii_case("title") && doc.title.is_none() {
            doc.title = Some(text);
            continue;
        }
        if doc.dateline.is_none() && k < 6 && parse_dateline(&text).is_some() {
            doc.dateline = Some(text);
            continue;
        }
        let paragraph = doc.blocks.len() as u32 + 1;
        if let Some(at) = place.filter(|p| p.level > 0 || p.number.is_some()) {
            doc.lists.insert(paragraph, at);
        }
        doc.blocks.push(Block {
            kind,
            text,
            start: None,
            paragraph,
            notes,
            page: None,
        });
    }
    Ok(doc)
}

/// A paragraph style (and numbering) → the kind of block.
fn kind_of(style: &str, numbered: bool) -> BlockKind {
    let s = style.to_ascii_lowercase().replace(' ', "");
    if let Some(n) = s.strip_prefix("heading").and_then(|n| n.parse::<u8>().ok()) {
        return BlockKind::Heading {
            level: (n + 1).clamp(2, 6),
        };
    }
    if numbered
        || s.starts_with("listparagraph")
        || s.starts_with("listbullet")
        || s.starts_with("listnumber")
    {
        return BlockKind::ListItem {
            ordered: s.starts_with("listnumber"),
        };
    }
    if s == "quote" || s == "intensequote" {
        return BlockKind::Quote;
    }
    BlockKind::Paragraph
}

/// `word/footnotes.xml` → (footnote id → (its number, counted from 1 in order, text)).
fn parse_footnotes(xml: &[u8]) -> Result<BTreeMap<String, (u32, String)>, String> {
    let mut notes = BTreeMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/footnotes.xml is not well-formed XML: {e}"))?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                // Separators and continuation notices are not notes.
                "footnote" if attr(&e, "type").is_none() => {
                    current = attr(&e, "id").map(|id| (id, String::new()));
                }
                "t" => in_text = true,
                "p" | "tab" | "br" => {
                    if let Some((_, t)) = current.as_mut()
                        && !t.is_empty()
                    {
                        t.push(' ');
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "footnote" => {
                    if let Some((id, text)) = current.take() {
                        let n = notes.len() as u32 + 1;
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        notes.insert(id, (n, text));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&entity(&r));
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(notes)
}

/// `docProps/core.xml`: dc:title, dc:creator, dcterms:created (the date only when the
/// text has no dateline: the day a file was made is a poor guess at publication).
fn parse_core(xml: &[u8], has_dateline: bool) -> Embedded {
    let mut e = Embedded::default();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut field: Option<String> = None;
    let mut text = String::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Eof => break,
            Event::Start(s) => {
                field = Some(s.local_name().as_ref().to_string());
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push_str(&entity(&r)),
            Event::End(_) => {
                let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                match field.take().as_deref() {
                    _ if value.is_empty() => {}
                    Some("title") => e.title = Some(value),
                    Some("creator") => e.author = Some(value),
                    Some("created") if !has_dateline => {
                        e.published = value.get(..10).and_then(|d| PartialDate::parse(d).ok());
                    }
                    _ => {}
                }
                text.clear();
            }
            _ => {}
        }
        buf.clear();
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Document {
        let path = format!(
            "{}/tests/fixtures/pdf/report.docx",
            env!("CARGO_MANIFEST_DIR")
        );
        convert_docx(&std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn headings_lists_tables_footnotes_and_properties() {
        let d = fixture();
        assert_eq!(d.title.as_deref(), Some("Harbour Shelter Review"));
        assert_eq!(d.embedded.title.as_deref(), Some("Harbour Shelter Review"));
        assert_eq!(d.embedded.author.as_deref(), Some("Harbour Volunteers"));
        assert_eq!(d.embedded.published.unwrap().to_string(), "2020-10-05");
        let blocks: Vec<(&BlockKind, &str)> = d
            .blocks
            .iter()
            .map(|b| (&b.kind, b.text.as_str()))
            .collect();
        assert_eq!(blocks[0], (&BlockKind::Heading { level: 2 }, "Background"));
        assert_eq!(
            blocks[2].1,
            "The regional government opened two schools as shelters1 on 20 February 2020."
        );
        assert_eq!(
            blocks[3],
            (&BlockKind::Heading { level: 3 }, "What the survey found")
        );
        assert_eq!(
            blocks[4],
            (
                &BlockKind::ListItem { ordered: false },
                "12 children were treated for infections."
            )
        );
        assert_eq!(blocks[6].1, "Month | People in shelters");
        assert_eq!(blocks[7].1, "March 2020 | 180");
        assert_eq!(blocks[9].1, "The last shelter closed on 30 September 2020.");
        assert_eq!(d.references.len(), 1);
        assert_eq!(d.references[0].number, 1);
        assert_eq!(
            d.references[0].text,
            "Decision of the regional council, 19 February 2020."
        );
        let m = &d.blocks[2].notes[0];
        assert_eq!(
            (m.number, &d.blocks[2].text[m.offset..m.offset + m.len]),
            (1, "1")
        );
    }

    fn numbering(xml: &str, styles: &str) -> Numbering {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let mut n =
            parse_numbering(format!("<w:numbering {w}>{xml}</w:numbering>").as_bytes()).unwrap();
        n.styles = parse_styles(format!("<w:styles {w}>{styles}</w:styles>").as_bytes()).unwrap();
        n
    }

    fn item(ordered: bool, level: u8, number: Option<u32>) -> Listing {
        Listing::Item {
            ordered,
            place: ListInfo {
                level,
                number,
                task: None,
            },
        }
    }

    /// The numbering rules: a level's `numFmt` decides numbers or bullets; counting goes
    /// on across the instances of one definition (LibreOffice writes a restarted list
    /// as two), restarts at a `startOverride` on the instance's first item, and an item
    /// resets the levels below it; a style's `numPr` counts when the paragraph has none
    /// (python-docx's `List Number`), through `basedOn`; `numId` 0 is no list; a
    /// missing or unreadable definition leaves the decision to the style's name.
    #[test]
    fn numbering_definitions_give_order_level_and_number() {
        let mut n = numbering(
            r#"<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>
               <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
               <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="8"/></w:num>
               <w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
               <w:num w:numId="6"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
               <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
               <w:abstractNum w:abstractNumId="9"><w:numStyleLink w:val="Bullets"/></w:abstractNum>
               <w:num w:numId="8"><w:abstractNumId w:val="9"/></w:num>"#,
            r#"<w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
               <w:style w:type="paragraph" w:styleId="MyList"><w:basedOn w:val="ListNumber"/></w:style>
               <w:style w:type="paragraph" w:styleId="ListBullet2"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
               <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>"#,
        );
        assert_eq!(n.listing("ListNumber", None, None), item(true, 0, Some(1)));
        assert_eq!(n.listing("MyList", None, None), item(true, 0, Some(2)));
        assert_eq!(n.listing("", Some("5"), Some(1)), item(true, 1, Some(1)));
        assert_eq!(n.listing("", Some("5"), Some(1)), item(true, 1, Some(2)));
        assert_eq!(n.listing("", Some("5"), Some(0)), item(true, 0, Some(3)));
        // The level below was reset by the item above it.
        assert_eq!(n.listing("", Some("5"), Some(1)), item(true, 1, Some(1)));
        assert_eq!(n.listing("", Some("6"), None), item(true, 0, Some(4)));
        assert_eq!(n.listing("", Some("7"), None), item(true, 0, Some(5)));
        assert_eq!(n.listing("ListBullet2", None, None), item(false, 1, None));
        assert_eq!(n.listing("", Some("0"), None), Listing::NotAList);
        assert_eq!(n.listing("ListNumber", Some("0"), None), Listing::NotAList);
        assert_eq!(n.listing("Loop", None, None), Listing::Unknown);
        assert_eq!(n.listing("", Some("99"), None), Listing::Unknown);
        // A definition through a linked list style is not followed: the style decides.
        assert_eq!(n.listing("", Some("8"), None), Listing::Unknown);
    }

    fn mpp(name: &str) -> Document {
        let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
        convert_docx(&std::fs::read(path).unwrap()).unwrap()
    }

    /// python-docx's file (numbering through styles and its own numPr) and LibreOffice's
    /// round trip of it (numPr everywhere, a restarted list split in two instances)
    /// give the same lists.
    #[test]
    fn python_docx_and_libreoffice_lists_agree() {
        for name in ["mpp-review.docx", "mpp-review-libreoffice.docx"] {
            let d = mpp(name);
            let items: Vec<(bool, u8, Option<u32>, &str)> = d
                .blocks
                .iter()
                .filter_map(|b| match b.kind {
                    BlockKind::ListItem { ordered } => {
                        let p = d.lists.get(&b.paragraph).copied().unwrap_or_default();
                        Some((ordered, p.level, p.number, &b.text[..12]))
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(
                items,
                [
                    (true, 0, Some(1), "Hearings wer"),
                    (true, 0, Some(2), "Only 523 peo"),
                    (true, 1, Some(1), "Legal repres"),
                    (true, 1, Some(2), "Most hearing"),
                    (true, 0, Some(3), "Kidnappings "),
                    (true, 0, Some(4), "End new retu"),
                    (true, 0, Some(5), "Decide the 2"),
                    (false, 0, None, "The Matamoro"),
                    (false, 0, None, "Shelters in "),
                    (false, 1, None, "Some shelter"),
                    (false, 0, None, "Medical care"),
                ],
                "{name}"
            );
            // Headers and footers are separate parts, never read.
            assert!(
                d.blocks
                    .iter()
                    .all(|b| !b.text.contains("circulation")
                        && !b.text.contains("MPP two-year review")),
                "{name}"
            );
        }
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        for bytes in [&b""[..], b"PK\x03\x04", b"not a zip at all"] {
            assert!(convert_docx(bytes).is_err());
        }
    }

    /// A zip bomb: a document.xml that inflates past the cap is refused, named.
    #[test]
    fn a_zip_bomb_is_refused() {
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            w.start_file("word/document.xml", opts).unwrap();
            let zeros = vec![b' '; 1024 * 1024];
            for _ in 0..(MAX_PART_BYTES / (1024 * 1024) + 1) {
                std::io::Write::write_all(&mut w, &zeros).unwrap();
            }
            w.finish().unwrap();
        }
        let bytes = out.into_inner();
        assert!(bytes.len() < 1024 * 1024);
        let err = convert_docx(&bytes).unwrap_err();
        assert!(
            err.contains("word/document.xml") && err.contains("zip bomb"),
            "{err}"
        );
    }
}
