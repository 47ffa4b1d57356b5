//! Scoring Marsad's analyses against `gold/1` annotations.
//!
//! The rules are the project's contract (`formats.md`, "How matching is scored") and are
//! implemented here exactly once, so that the CLI, the test suite and any experiment score the
//! same way. Every layer pairs predictions with gold items one-to-one by a maximum bipartite
//! matching, so a prediction can never be counted twice, and reports precision, recall and F1
//! micro-averaged over documents.

mod gold;
mod matching;
mod score;

pub use gold::{
    GoldActor, GoldDocument, GoldEntity, GoldError, GoldEvent, GoldFile, GoldQuote, GoldSpan,
    GoldTimex,
};
pub use matching::max_matching;
pub use score::{DocumentScore, LAYERS, LayerScore, Mismatch, Report, fold, score_document};
