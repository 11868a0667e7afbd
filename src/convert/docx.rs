//! Word (`.docx`) → [`Document`]: a zip (the `zip` crate) of XML parts (read with
//! `quick-xml`).
//!
//! In: the file's bytes. Out: blocks from `word/document.xml` (paragraph styles
//! `Heading1`…`Heading6` become headings, the `Title` style the title, numbered or
//! `ListParagraph` paragraphs list items, `Quote` quotes, each table row one paragraph
//! of its cells joined by ` | `); footnotes from `word/footnotes.xml` as the reference
//! list, their reference marks as note markers; `docProps/core.xml` (title, creator,
//! created) as [`Document::embedded`]. Never panics; every part is read with a cap on
//! its inflated size, whatever the archive claims (zip bombs).

use super::parse_dateline;
use crate::model::date::PartialDate;
use crate::model::document::{Block, BlockKind, Document, Embedded, Format, NoteMarker, Reference};
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
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
    let mut doc = parse_document(&document, &footnotes)?;
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

/// One paragraph as read: its style, whether it is numbered, its text and note marks.
#[derive(Default)]
struct Para {
    style: String,
    numbered: bool,
    text: String,
    notes: Vec<NoteMarker>,
}

/// Walks `word/document.xml`.
fn parse_document(
    xml: &[u8],
    footnotes: &BTreeMap<String, (u32, String)>,
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
    let mut paras: Vec<(BlockKind, String, Vec<NoteMarker>, String)> = Vec::new();
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
                    paras.push((
                        kind_of(&p.style, p.numbered),
                        text.to_string(),
                        notes,
                        p.style,
                    ));
                }
                "tc" if table_depth == 1 => row.extend(cell.take()),
                "tr" if table_depth == 1 => {
                    let text = row
                        .drain(..)
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" | ");
                    if !text.is_empty() {
                        paras.push((BlockKind::Paragraph, text, Vec::new(), String::new()));
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
    for (k, (kind, text, notes, style)) in paras.into_iter().enumerate() {
        if style.eq_ignore_ascii_case("title") && doc.title.is_none() {
            doc.title = Some(text);
            continue;
        }
        if doc.dateline.is_none() && k < 6 && parse_dateline(&text).is_some() {
            doc.dateline = Some(text);
            continue;
        }
        doc.blocks.push(Block {
            kind,
            text,
            start: None,
            paragraph: doc.blocks.len() as u32 + 1,
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
    if numbered || s.starts_with("listparagraph") || s.starts_with("listbullet") {
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
