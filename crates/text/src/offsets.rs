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

/// True for the bytes `10xxxxxx` that continue a UTF-8 character.
#[inline]
fn is_continuation(b: u8) -> bool {
    (b as i8) < -64
}

impl CharIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        // A character starts at every byte that is not a UTF-8 continuation byte. Blocks of
        // bytes are counted in bulk; only a block in which a checkpoint character starts is
        // walked byte by byte.
        const BLOCK: usize = 32;
        let mut n = 0;
        let mut next = 0;
        let bytes = text.as_bytes();
        let mut blocks = bytes.chunks_exact(BLOCK);
        let mut offset = 0;
        let mut walk = |block: &[u8], offset: usize, n: &mut usize| {
            let count = block.iter().fold(0usize, |a, &b| a + usize::from(!is_continuation(b)));
            if *n + count > next {
                let mut m = *n;
                for (j, &b) in block.iter().enumerate() {
                    if !is_continuation(b) {
                        if m == next {
                            checkpoints.push(offset + j);
                            next += STRIDE;
                        }
                        m += 1;
                    }
                }
            }
            *n += count;
        };
        for block in blocks.by_ref() {
            walk(block, offset, &mut n);
            offset += BLOCK;
        }
        walk(blocks.remainder(), offset, &mut n);
        CharIndex { checkpoints, len_chars: n, text_len: text.len() }
    }

    /// Byte offsets of every [`STRIDE`]-th character (for the equality tests).
    #[cfg(test)]
    pub(crate) fn checkpoints(&self) -> &[usize] {
        &self.checkpoints
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
        let rest = text.as_bytes().get(byte..).unwrap_or_default();
        if rest.first().is_some_and(|&b| is_continuation(b))
            && rest.iter().all(|&b| is_continuation(b))
        {
            // A byte inside the last character counts as the end of the text.
            return self.len_chars;
        }
        let k = match self.checkpoints.binary_search(&byte) {
            Ok(k) => return k * STRIDE,
            Err(k) => k.saturating_sub(1),
        };
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        // Characters starting in `base..=byte`, less one: the character at `byte` itself, or
        // the one `byte` falls inside of.
        let starts = text
            .as_bytes()
            .get(base..=byte)
            .map_or(0, |s| s.iter().filter(|&&b| !is_continuation(b)).count());
        (k * STRIDE + starts).saturating_sub(1)
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
