//! Interim converter (replaced by the real one on merge).
use super::*;
use crate::date::PartialDate;

/// Interim.
pub fn convert(text: &str, _format: Format) -> Document {
    let mut doc = Document::default();
    let mut pos = 0;
    let mut n = 0;
    for chunk in text.split("\n\n") {
        let t = chunk.trim();
        if !t.is_empty() {
            if doc.title.is_none() {
                doc.title = Some(t.to_string());
            } else {
                n += 1;
                let start = pos + chunk.find(t).unwrap_or(0);
                doc.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: t.to_string(),
                    start: Some(start),
                    paragraph: n,
                    notes: vec![],
                });
            }
        }
        pos += chunk.len() + 2;
    }
    doc
}

/// Interim.
pub fn to_markdown(doc: &Document) -> String {
    doc.blocks
        .iter()
        .map(|b| b.text.replace('<', "&lt;"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Interim.
pub fn parse_dateline(_line: &str) -> Option<PartialDate> {
    None
}
