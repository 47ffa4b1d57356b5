//! Placeholder for the `Names` knowledge; filled by its owner.

use crate::{DataSource, LexiconError};

/// The `Names` knowledge.
#[derive(Debug, Default)]
pub struct Names {}

impl Names {
    /// Loads it from `source`.
    pub fn load(_source: &DataSource) -> Result<Self, LexiconError> {
        Ok(Self::default())
    }
}
