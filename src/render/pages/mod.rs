//! Pages: one module per kind of page, each adding its `render_*` method to the
//! [`super::Renderer`].
//!
//! In: the site, its briefing and the theme. Out: [`crate::output::OutputFile`]s.

pub mod brief;
pub mod data;
pub mod entities;
pub mod home;
pub mod methodology;
pub mod page;
pub mod search;
pub mod source;
pub mod statistics;
pub mod timeline;
