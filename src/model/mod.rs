//! Model: the plain data that flows between the stages. Imports nothing of ours but
//! [`crate::util`]; every stage may import it.
pub mod briefing;
pub mod date;
pub mod document;
pub mod facts;
pub mod records;
pub mod site;
pub mod source;
