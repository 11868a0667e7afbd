//! Util: the ground floor, helpers every stage may use, importing nothing of ours but
//! each other: errors that name file and line, URLs and the site's paths, slugs,
//! folding to ASCII, front matter, decoding legacy encodings, and the HTML toolkit.
//!
//! In: strings (text, HTML, URLs, paths). Out: strings and simple records.

pub mod encoding;
pub mod error;
pub mod fold;
pub mod front_matter;
pub mod html;
pub mod number;
pub mod slug;
pub mod suggest;
pub mod url;
