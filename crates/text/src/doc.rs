//! A prepared document: the original text with everything extractors need, computed once.

use crate::{CharIndex, Normalized, Sentence, Token, normalize, split_sentences, tokenize};

/// The original text plus its matching form, tokens, sentences and offset index.
///
/// Extractors read a `TextDoc` and publish spans of [`TextDoc::text`] in code points through
/// [`TextDoc::char_span`]; a span found in the matching form goes back through
/// [`TextDoc::norm_to_original`] first.
#[derive(Debug, Clone)]
pub struct TextDoc {
    /// The original text.
    pub text: String,
    /// Matching form of the whole text with its offset map.
    pub norm: Normalized,
    /// Tokens of the original text.
    pub tokens: Vec<Token>,
    /// Matching form of each token (same order as `tokens`).
    pub token_norms: Vec<String>,
    /// Sentences of the original text.
    pub sentences: Vec<Sentence>,
    /// Byte ↔ code-point index of the original text.
    pub index: CharIndex,
}

impl TextDoc {
    /// Prepares `text`.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let norm = normalize(&text);
        let tokens = tokenize(&text);
        let token_norms = tokens.iter().map(|t| normalize(t.text(&text)).text).collect::<Vec<_>>();
        let sentences = split_sentences(&text);
        let index = CharIndex::new(&text);
        TextDoc { text, norm, tokens, token_norms, sentences, index }
    }

    /// Code-point span of a byte span of the original text.
    pub fn char_span(&self, bytes: std::ops::Range<usize>) -> (usize, usize) {
        self.index.char_span(&self.text, bytes)
    }

    /// Byte span of the original text for a byte span of the matching form.
    pub fn norm_to_original(&self, norm: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.norm.to_original(norm)
    }

    /// The original text of a byte span (empty if the span is not valid).
    pub fn slice(&self, bytes: std::ops::Range<usize>) -> &str {
        self.text.get(bytes).unwrap_or("")
    }

    /// Index of the sentence containing byte offset `pos` of the original text.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }

    /// Index of the first token that ends after byte offset `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }
}
