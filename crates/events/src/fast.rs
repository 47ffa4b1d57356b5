//! The coder's word filter, over the shared fast hash of `marsad_lexicon::hash`.

use std::hash::Hasher;

pub(crate) use marsad_lexicon::hash::{FastMap, FastSet, FxHasher};

/// A Bloom filter of one hash over a word list: `false` means the word is certainly not in
/// the list, so most words of a text are rejected without a hash-map probe.
#[derive(Debug, Clone)]
pub(crate) struct WordFilter {
    bits: Vec<u64>,
}

/// Number of bits of a [`WordFilter`] (a power of two).
const FILTER_BITS: usize = 1 << 16;

impl WordFilter {
    /// The filter of `words`.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u64; FILTER_BITS / 64];
        for w in words {
            let i = Self::bit(w);
            bits[i / 64] |= 1 << (i % 64);
        }
        WordFilter { bits }
    }

    fn bit(word: &str) -> usize {
        let mut h = FxHasher::default();
        h.write(word.as_bytes());
        (h.finish() as usize) & (FILTER_BITS - 1)
    }

    /// Whether `word` may be one of the words (`false` only for words that are not).
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        let i = Self::bit(word);
        self.bits.get(i / 64).is_some_and(|b| b & (1 << (i % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_was_inserted() {
        let words = ["لم", "لن", "قد", "سوف", "إذا", "ما", "لا", "وزير الخارجية", ""];
        let mut m: FastMap<String, usize> = FastMap::default();
        for (i, w) in words.iter().enumerate() {
            m.insert((*w).to_string(), i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(*w), Some(&i));
        }
        assert_eq!(m.get("لمم"), None);
        let filter = WordFilter::new(words);
        assert!(words.iter().all(|w| filter.may_contain(w)));
        let mut s: FastSet<(usize, usize)> = FastSet::default();
        s.insert((1, 2));
        assert!(s.contains(&(1, 2)) && !s.contains(&(2, 1)));
    }
}
