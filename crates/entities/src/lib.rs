//! Entity mentions, actor coding and in-document coreference.
//!
//! (Being built: see ARCHITECTURE.md.)

use marsad_lexicon::Lexicon;
use marsad_model::{Actor, Entity};
use marsad_text::TextDoc;
use std::sync::Arc;

/// Entities and actors of one document.
#[derive(Debug, Clone, Default)]
pub struct EntityLayer {
    /// Mentions, sorted by start.
    pub entities: Vec<Entity>,
    /// Actors; `Entity::actor` and `Actor::mentions` index into each other.
    pub actors: Vec<Actor>,
}

/// Finds entities and codes actors.
#[derive(Debug, Clone)]
pub struct EntityRecognizer {
    #[allow(dead_code)]
    lexicon: Arc<Lexicon>,
}

impl EntityRecognizer {
    /// A recognizer over `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        EntityRecognizer { lexicon }
    }

    /// Recognizes the entities of `doc`.
    pub fn recognize(&self, _doc: &TextDoc) -> EntityLayer {
        EntityLayer::default()
    }
}
