//! Direct and indirect quotes, their speakers, and cited sources.
//!
//! (Being built: see ARCHITECTURE.md.)

use marsad_entities::EntityLayer;
use marsad_lexicon::Lexicon;
use marsad_model::{Quote, Source};
use marsad_text::TextDoc;
use std::sync::Arc;

/// Quotes and sources of one document.
#[derive(Debug, Clone, Default)]
pub struct QuoteLayer {
    /// Quotes, sorted by start.
    pub quotes: Vec<Quote>,
    /// Cited sources, sorted by start.
    pub sources: Vec<Source>,
}

/// Finds quotes and sources.
#[derive(Debug, Clone)]
pub struct QuoteExtractor {
    #[allow(dead_code)]
    lexicon: Arc<Lexicon>,
}

impl QuoteExtractor {
    /// An extractor over `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        QuoteExtractor { lexicon }
    }

    /// Quotes and sources of `doc`, with speakers resolved against `entities`.
    pub fn extract(&self, _doc: &TextDoc, _entities: &EntityLayer) -> QuoteLayer {
        QuoteLayer::default()
    }
}
