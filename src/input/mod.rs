//! Input: everything read from the site folder before conversion: `site.toml`, the
//! sources and hand-written pages under `content/`, with their metadata.
pub mod config;
pub mod corrections;
pub mod gazetteer;
pub mod source;
