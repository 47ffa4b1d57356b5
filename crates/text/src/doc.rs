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
    /// Byte span in `norm.text` of each token's matching form (same order as `tokens`).
    token_norm_spans: Vec<(u32, u32)>,
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
        // Tokens never contain white space, so a token's matching form is the slice of the
        // document's matching form between the mapped ends of the token; tokens are sorted, so
        // one forward walk over the map finds every boundary.
        let mut walker = norm.map.walker();
        let token_norm_spans = tokens
            .iter()
            .map(|t| {
                let a = walker.advance_to(t.start);
                let b = walker.advance_to(t.end).max(a);
                (a as u32, b as u32)
            })
            .collect::<Vec<_>>();
        let sentences = split_sentences(&text);
        let index = CharIndex::new(&text);
        TextDoc { text, norm, tokens, token_norm_spans, sentences, index }
    }

    /// The matching form of token `i` (empty when `i` is out of range).
    pub fn token_norm(&self, i: usize) -> &str {
        self.token_norm_spans
            .get(i)
            .and_then(|&(a, b)| self.norm.text.get(a as usize..b as usize))
            .unwrap_or("")
    }

    /// The matching forms of all tokens, in order.
    pub fn token_norms(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.tokens.len()).map(|i| self.token_norm(i))
    }

    /// Byte span in the matching form of token `i`.
    pub fn token_norm_span(&self, i: usize) -> std::ops::Range<usize> {
        self.token_norm_spans.get(i).map_or(0..0, |&(a, b)| a as usize..b as usize)
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
