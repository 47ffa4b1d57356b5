//! Political event coding in CAMEO and PLOVER.
//!
//! (Being built: see ARCHITECTURE.md.)

use marsad_entities::EntityLayer;
use marsad_lexicon::{Lexicon, LexiconError};
use marsad_model::{Event, Quote, Timex};
use marsad_text::TextDoc;
use std::sync::Arc;

/// Everything an event coder reads about one document.
#[derive(Debug, Clone, Copy)]
pub struct EventInput<'a> {
    /// The prepared text.
    pub doc: &'a TextDoc,
    /// Entities and actors.
    pub entities: &'a EntityLayer,
    /// Time expressions.
    pub timex: &'a [Timex],
    /// Quotes (events inside quotes are reported speech).
    pub quotes: &'a [Quote],
    /// Reference date `YYYY-MM-DD`, if known.
    pub reference: Option<&'a str>,
}

/// Codes events.
#[derive(Debug, Clone)]
pub struct EventCoder {
    #[allow(dead_code)]
    lexicon: Arc<Lexicon>,
}

impl EventCoder {
    /// Loads event patterns and code tables through `lexicon`'s data source.
    pub fn new(lexicon: Arc<Lexicon>) -> Result<Self, LexiconError> {
        Ok(EventCoder { lexicon })
    }

    /// The events of one document.
    pub fn code(&self, _input: EventInput<'_>) -> Vec<Event> {
        Vec::new()
    }

    /// The events with a human-readable explanation of how each was coded and which rules
    /// were tried and rejected.
    pub fn explain(&self, input: EventInput<'_>) -> (Vec<Event>, Vec<String>) {
        (self.code(input), Vec::new())
    }
}
