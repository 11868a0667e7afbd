//! Gazetteer and accuracy record: the files besides the sources that the briefing reads
//! from `content/`.
//!
//! In: the content folder. Out: [`Inputs`]: the editor's [`Gazetteer`]
//! (`content/entities.toml`; a missing file is an empty gazetteer) and the measured
//! accuracy (`content/accuracy.toml`, free-form), or an error naming the file and line.

use crate::input::source::check_inside;
use crate::model::briefing::{EntityDef, Gazetteer};
use crate::util::error::{Error, read_text};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The measured accuracy of extraction, as written by the gold tests to
/// `content/accuracy.toml` (free-form: the page shows what the file says).
pub const ACCURACY_FILE: &str = "accuracy.toml";

/// The files the briefing reads besides the sources.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// `content/entities.toml`.
    pub gazetteer: Gazetteer,
    /// `content/accuracy.toml`, if present.
    pub accuracy: Option<toml::Table>,
}

/// Reads the gazetteer and the accuracy record from `content/`.
pub fn load_inputs(content_dir: &Path) -> Result<Inputs, Error> {
    let gazetteer = load_gazetteer(content_dir)?;
    let path = content_dir.join(ACCURACY_FILE);
    let accuracy = if path.is_file() {
        check_inside(content_dir, &path)?;
        let text = read_text(&path)?;
        Some(toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?)
    } else {
        None
    };
    Ok(Inputs {
        gazetteer,
        accuracy,
    })
}

/// The gazetteer's file name under `content/`.
pub const GAZETTEER_FILE: &str = "entities.toml";

/// Reads `content/entities.toml` (a missing file is an empty gazetteer).
pub fn load_gazetteer(content_dir: &Path) -> Result<Gazetteer, Error> {
    let path = content_dir.join(GAZETTEER_FILE);
    if !path.is_file() {
        return Ok(Gazetteer::default());
    }
    check_inside(content_dir, &path)?;
    let text = read_text(&path)?;
    let file: GazetteerFile = toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?;
    let mut seen = BTreeSet::new();
    for e in &file.entity {
        if !seen.insert(e.slug()) {
            return Err(Error::Invalid {
                path: path.clone(),
                line: None,
                message: format!("entity id `{}` is used twice", e.id),
            });
        }
    }
    Ok(Gazetteer {
        entities: file.entity,
    })
}

/// `content/entities.toml` as written: a list of `[[entity]]` tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GazetteerFile {
    /// The entities, in file order.
    #[serde(default)]
    pub entity: Vec<EntityDef>,
}
