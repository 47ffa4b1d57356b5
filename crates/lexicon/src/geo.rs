//! Placeholder for the `Gazetteer` knowledge; filled by its owner.

use crate::{DataSource, LexiconError};

/// The `Gazetteer` knowledge.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Loads it from `source`.
    pub fn load(_source: &DataSource) -> Result<Self, LexiconError> {
        Ok(Self::default())
    }
}
