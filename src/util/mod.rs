//! Util: small helpers every stage may use (errors, slugs, URLs). The ground floor:
//! imports nothing of ours.
pub mod error;
pub mod fold;
pub mod front_matter;
pub mod slug;
pub mod url;
