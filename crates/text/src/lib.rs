//! The Arabic text layer of Marsad.
//!
//! Everything above this crate (dictionaries, extractors, the CLI) sees Arabic text through
//! four operations defined here, and none of them may lose the way back to the source:
//!
//! * [`normalize`] folds text into a *matching form* (no diacritics or tatweel, unified alef,
//!   ya and ta marbuta, ASCII digits, NFKC presentation forms) and keeps an [`OffsetMap`]
//!   from every byte of that form back to the original;
//! * [`tokenize`] cuts the original text into word, number and punctuation tokens that carry
//!   byte and code-point spans;
//! * [`split_sentences`] finds sentence and headline boundaries;
//! * [`segment`] separates proclitics (`و ف ب ل ك س ال`) and pronoun enclitics from a word,
//!   guarded by a lexicon so that names such as `فرنسا` or `بيروت` stay whole.
//!
//! The crate knows nothing about entities, events or I/O. Its invariant: every function is
//! total (no panic on any `&str`) and every span it returns is a valid char-boundary range
//! of the text it was given.

pub mod chars;
mod clitics;
mod doc;
mod normalize;
mod offsets;
#[cfg(test)]
mod oracle_tests;
mod sentence;
mod stem;
mod token;

pub use clitics::{Segmentation, is_guarded, segment, strip_proclitics};
pub use doc::TextDoc;
pub use normalize::{Normalized, OffsetMap, OffsetWalker, fold_char, normalize, normalize_word};
pub use offsets::CharIndex;
pub use sentence::{Sentence, SentenceKind, split_sentences};
pub use stem::{light_stem, stem};
pub use token::{Token, TokenKind, tokenize};

/// A half-open range of byte offsets `[start, end)` into some text.
pub type ByteSpan = std::ops::Range<usize>;
