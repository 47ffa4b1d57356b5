//! Placeholder for the `Organisations` knowledge; filled by its owner.

use crate::{DataSource, LexiconError};

/// The `Organisations` knowledge.
#[derive(Debug, Default)]
pub struct Organisations {}

impl Organisations {
    /// Loads it from `source`.
    pub fn load(_source: &DataSource) -> Result<Self, LexiconError> {
        Ok(Self::default())
    }
}
