//! Placeholder for the `Speech` knowledge; filled by its owner.

use crate::{DataSource, LexiconError};

/// The `Speech` knowledge.
#[derive(Debug, Default)]
pub struct Speech {}

impl Speech {
    /// Loads it from `source`.
    pub fn load(_source: &DataSource) -> Result<Self, LexiconError> {
        Ok(Self::default())
    }
}
