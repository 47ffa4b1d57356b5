//! Placeholder for the `Titles` knowledge; filled by its owner.

use crate::{DataSource, LexiconError};

/// The `Titles` knowledge.
#[derive(Debug, Default)]
pub struct Titles {}

impl Titles {
    /// Loads it from `source`.
    pub fn load(_source: &DataSource) -> Result<Self, LexiconError> {
        Ok(Self::default())
    }
}
