//! Cache: converted documents and their facts, kept between the builds of one process
//! (`brief serve` rebuilds after every edit; only the edited sources are redone).
//!
//! In: a source's input (the body's text, or a PDF's or Word file's bytes: the digest of
//! the content, never its modification time) and format (for conversion), plus its
//! publication date and language (for extraction). Out: the [`Document`] and [`Facts`]
//! an earlier build made from exactly the same input. Keys are SHA-256 digests of every
//! input, with the
//! crate's version standing in for the converter's and extractor's: a cached result is
//! always the one the code would make again, so the output does not depend on it.
//! Entries not used by a build are dropped after it, so the cache holds one site.

use crate::model::date::PartialDate;
use crate::model::document::{Document, Format};
use crate::model::facts::Facts;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

type Key = [u8; 32];

/// Results of earlier builds; shared by reference between the threads of a build.
#[derive(Debug, Default)]
pub struct Cache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    documents: HashMap<Key, Document>,
    facts: HashMap<Key, Facts>,
    used: HashSet<Key>,
    hits: usize,
}

fn digest(parts: &[&[u8]]) -> Key {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for p in parts {
        // Length-prefixed, so no two different inputs run together the same way.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

impl Cache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The converted `input` (a body's text, or a PDF's or Word file's bytes), made by
    /// `convert` unless an earlier build made it. A conversion that fails is not kept:
    /// the next build tries again (and reports it again).
    pub fn document<E>(
        &self,
        input: &[u8],
        format: Format,
        convert: impl FnOnce() -> Result<Document, E>,
    ) -> Result<Document, E> {
        let key = digest(&[b"document", format!("{format:?}").as_bytes(), input]);
        {
            let mut inner = self.lock();
            if let Some(found) = inner.documents.get(&key).cloned() {
                inner.used.insert(key);
                inner.hits += 1;
                return Ok(found);
            }
        }
        let made = convert()?;
        let mut inner = self.lock();
        inner.used.insert(key);
        inner.documents.insert(key, made.clone());
        Ok(made)
    }

    /// The facts of `input` (as for [`Cache::document`]), made by `extract` unless an
    /// earlier build made them.
    pub fn facts(
        &self,
        input: &[u8],
        format: Format,
        published: Option<PartialDate>,
        language: &str,
        extract: impl FnOnce() -> Facts,
    ) -> Facts {
        let published = published.map(|d| d.to_string()).unwrap_or_default();
        let key = digest(&[
            b"facts",
            format!("{format:?}").as_bytes(),
            input,
            published.as_bytes(),
            language.as_bytes(),
        ]);
        self.get_or_make(key, |i| &mut i.facts, extract)
    }

    /// The entry at `key` of the map `map` picks, else what `make` makes (stored). The
    /// lock is not held while making, so the threads of a build work side by side.
    fn get_or_make<T: Clone>(
        &self,
        key: Key,
        map: impl Fn(&mut Inner) -> &mut HashMap<Key, T>,
        make: impl FnOnce() -> T,
    ) -> T {
        {
            let mut inner = self.lock();
            if let Some(found) = map(&mut inner).get(&key).cloned() {
                inner.used.insert(key);
                inner.hits += 1;
                return found;
            }
        }
        let made = make();
        let mut inner = self.lock();
        inner.used.insert(key);
        map(&mut inner).insert(key, made.clone());
        made
    }

    /// Ends a build: forgets what it did not use; returns how many results it reused.
    pub fn end_build(&self) -> usize {
        let mut inner = self.lock();
        let used = std::mem::take(&mut inner.used);
        inner.documents.retain(|k, _| used.contains(k));
        inner.facts.retain(|k, _| used.contains(k));
        std::mem::take(&mut inner.hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_input_is_made_once_and_a_changed_one_again() {
        let cache = Cache::default();
        let mut made = 0;
        let mut doc = |body: &str| {
            cache
                .document(body.as_bytes(), Format::Text, || {
                    made += 1;
                    Ok::<_, ()>(crate::convert::convert(body, Format::Text))
                })
                .unwrap()
        };
        let a = doc("Title\n\nIn March 2020, 5 people.\n");
        let again = doc("Title\n\nIn March 2020, 5 people.\n");
        assert_eq!(a, again);
        doc("Title\n\nIn April 2020, 6 people.\n");
        assert_eq!(made, 2);
        assert_eq!(cache.end_build(), 1);
        // The facts depend on the date that resolves relative dates.
        let mut runs = 0;
        let date = PartialDate::parse("2020-05-01").ok();
        for published in [None, date, date] {
            cache.facts(b"body", Format::Text, published, "en", || {
                runs += 1;
                Facts::default()
            });
        }
        assert_eq!(runs, 2);
        // Entries the last build did not use are gone.
        assert_eq!(cache.end_build(), 1);
        cache.end_build();
        assert!(cache.lock().documents.is_empty() && cache.lock().facts.is_empty());
    }

    /// A PDF or Word file is keyed on its bytes: the same bytes are converted once, a
    /// changed byte again, and a failed conversion is not kept.
    #[test]
    fn binary_sources_are_keyed_on_their_bytes() {
        let cache = Cache::default();
        let mut made = 0;
        let mut doc = |bytes: &[u8], ok: bool| {
            cache.document(bytes, Format::Pdf, || {
                made += 1;
                if ok {
                    Ok(Document::default())
                } else {
                    Err("damaged")
                }
            })
        };
        assert!(doc(b"%PDF-1.7 a", true).is_ok());
        assert!(doc(b"%PDF-1.7 a", true).is_ok());
        assert!(doc(b"%PDF-1.7 b", true).is_ok());
        assert_eq!(doc(b"%PDF-1.7 c", false), Err("damaged"));
        assert_eq!(doc(b"%PDF-1.7 c", false), Err("damaged"));
        assert_eq!(made, 4);
        assert_eq!(cache.end_build(), 1);
    }
}
