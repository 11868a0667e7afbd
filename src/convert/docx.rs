//! Word (`.docx`) → [`Document`]: not read yet.

use crate::model::document::Document;

/// Converts a Word file's bytes.
pub fn convert_docx(_bytes: &[u8]) -> Result<Document, String> {
    Err("Word files (.docx) are not read yet".into())
}
