//! Model: the plain data that flows between the stages, serde structs and nothing more.
//!
//! In: nothing (it imports only [`crate::util`] and [`crate::lang`]). Out: the types
//! every stage reads and makes: [`date`], [`source`], [`document`], [`anchors`], [`facts`],
//! [`records`] (the published rows), [`briefing`] and [`site`].
pub mod anchors;
pub mod briefing;
pub mod date;
pub mod document;
pub mod facts;
pub mod records;
pub mod site;
pub mod source;
