//! Language: the words of each language and the forms a date is written in.
//!
//! In: a language code and a text. Out: the language's word tables ([`lexicon`]) and
//! the date expressions a text holds, as written ([`dates`]). This layer sits below the
//! pipeline stages: `convert` (datelines) and `extract` (events) both read dates through
//! it, and it imports nothing of theirs.

pub mod dates;
pub mod detect;
pub mod lexicon;
