//! A fast, non-cryptographic hash for the coder's lookup tables.
//!
//! The coder looks up every word of a document in its cue table and keeps a few small maps
//! per document (mentions by token span, events by key). The standard library's SipHash
//! resists hash flooding, which costs more than the lookups themselves here, and the keys are
//! the project's own words and small integers, not attacker-chosen table sizes: a multiply-
//! and-rotate hash in the style of Firefox's `FxHash` is enough. Only lookups and insertions
//! go through these maps; nothing depends on their iteration order.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Multiply-and-rotate word hash.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiplication mixes upwards only: the low bits, which pick the bucket, would
        // depend on the low bytes of the words alone (for Arabic text, mostly the same UTF-8
        // lead byte). Rotating brings the well-mixed high bits down.
        self.hash.rotate_left(26)
    }
}

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
