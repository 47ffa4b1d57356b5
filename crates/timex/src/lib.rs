//! Arabic time expressions resolved against a reference date.
//!
//! (Being built: see ARCHITECTURE.md.)

use jiff::civil::Date;
use marsad_lexicon::{DataSource, LexiconError};
use marsad_model::Timex;
use marsad_text::TextDoc;

/// Finds and resolves time expressions.
#[derive(Debug, Clone)]
pub struct TimexExtractor {}

impl TimexExtractor {
    /// Loads the time vocabulary from `source`.
    pub fn new(_source: &DataSource) -> Result<Self, LexiconError> {
        Ok(TimexExtractor {})
    }

    /// All time expressions of `doc`, resolved against `reference` when given.
    pub fn extract(&self, _doc: &TextDoc, _reference: Option<Date>) -> Vec<Timex> {
        Vec::new()
    }

    /// A publication date stated in the text itself (a dateline), if any.
    pub fn find_dateline(&self, _doc: &TextDoc) -> Option<Date> {
        None
    }
}
