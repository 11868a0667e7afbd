//! `brief` builds briefing microsites: a folder of source documents becomes a static site
//! with a timeline of dated events, the statistics the documents state, and a page per
//! source, every fact linked to the sentence it came from.
#![warn(missing_docs)]

pub mod convert;
pub mod date;
pub mod extract;
