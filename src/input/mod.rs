//! Input: everything read from the site folder before conversion.
//!
//! In: the site root. Out: the checked settings ([`config`]), the sources and
//! hand-written pages under `content/` with their metadata ([`source`]), the gazetteer
//! and accuracy record ([`gazetteer`]) and the editor's corrections file
//! ([`corrections`]); every error names the file and line.
pub mod config;
pub mod corrections;
pub mod gazetteer;
pub mod source;
