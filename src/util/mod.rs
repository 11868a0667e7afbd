//! Helpers every stage may use: plain functions over text, importing nothing of ours.
//!
//! In: strings (HTML, URLs). Out: strings and simple records. [`html`] reads and escapes
//! HTML; [`url`] decodes URL escapes.

pub mod html;
pub mod url;
