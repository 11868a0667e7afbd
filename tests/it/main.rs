//! Integration tests, in one binary (it links once), one module per topic: each builds
//! small fixture sites (or the flagship) into a temp dir with the real `brief` binary or
//! the library, and checks what comes out.
//!
//! The slow hostile-input runs are `#[ignore]`d and run by `.ci/run`, e.g.
//! `cargo test --test it hostile::broken -- --ignored`.

mod common;
#[path = "../../fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

mod anchors;
mod bilingual_flagship;
mod briefing_flagship;
mod build;
mod cache;
mod check;
mod convert_flagship;
mod docx;
mod errors;
mod extraction_cases;
mod extraction_gold;
mod extraction_roundtrip;
mod flagship;
mod hostile;
mod languages;
mod layering;
mod new;
mod paging;
mod pdf;
mod serve;
mod source_languages;
mod titles;
mod web_sources;
