//! Conversion between byte offsets (what Rust strings use) and code-point offsets (what the
//! `analysis/1` contract publishes).

/// A byte → code-point index for one text, built once and queried in O(log n).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every 64th character, so that a lookup scans at most 63 characters.
    checkpoints: Vec<usize>,
    len_chars: usize,
    text_len: usize,
}

const STRIDE: usize = 64;

impl CharIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut n = 0;
        for (i, _) in text.char_indices() {
            if n % STRIDE == 0 {
                checkpoints.push(i);
            }
            n += 1;
        }
        CharIndex { checkpoints, len_chars: n, text_len: text.len() }
    }

    /// The number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The code-point offset of byte offset `byte` in `text` (which must be the text the index
    /// was built from). A byte inside a character counts as that character's start; offsets
    /// past the end clamp to the end.
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if byte >= self.text_len {
            return self.len_chars;
        }
        let k = match self.checkpoints.binary_search(&byte) {
            Ok(k) => return k * STRIDE,
            Err(k) => k.saturating_sub(1),
        };
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        let mut n = k * STRIDE;
        for (i, _) in text[base..].char_indices() {
            if base + i >= byte {
                return if base + i == byte { n } else { n - 1 };
            }
            n += 1;
        }
        n
    }

    /// The byte offset of code-point offset `ch`; offsets past the end clamp to the end.
    pub fn byte_offset(&self, text: &str, ch: usize) -> usize {
        if ch >= self.len_chars {
            return self.text_len;
        }
        let k = ch / STRIDE;
        let base = self.checkpoints[k];
        text[base..].char_indices().nth(ch - k * STRIDE).map_or(self.text_len, |(i, _)| base + i)
    }

    /// Converts a byte span into a code-point span.
    pub fn char_span(&self, text: &str, span: std::ops::Range<usize>) -> (usize, usize) {
        (self.char_offset(text, span.start), self.char_offset(text, span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let t = "abc شويجو ٢٠ x".repeat(30);
        let idx = CharIndex::new(&t);
        for (n, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.char_offset(&t, b), n);
            assert_eq!(idx.byte_offset(&t, n), b);
        }
        assert_eq!(idx.char_offset(&t, t.len()), t.chars().count());
    }
}
