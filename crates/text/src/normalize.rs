//! The matching form of Arabic text, with a map back to the original.
//!
//! Dictionaries and extractors compare words in a *matching form*: diacritics, tatweel and
//! invisible marks removed; `أ إ آ ٱ` folded to `ا`, `ى` to `ي`, `ة` to `ه`, `ؤ` to `و`,
//! `ئ` to `ي`; Persian `ک ی` to Arabic `ك ي`; Arabic-Indic and Persian digits to ASCII;
//! presentation forms through NFKC (so `ﻻ` becomes `لا`); runs of spaces and tabs to one
//! space; Latin letters lower-cased. The matching form is lossy by design, which is why every
//! byte of it records where it came from: [`OffsetMap::to_original`] turns any span of the
//! matching form back into a span of the original text.

use crate::ByteSpan;
use crate::chars::{TATWEEL, arabic_digit_value, is_diacritic, is_invisible, is_presentation_form};
use unicode_normalization::UnicodeNormalization;

/// Folds one character into its matching form; `None` drops it (diacritics, tatweel,
/// invisible marks). Presentation forms are handled by [`normalize`] (they may expand).
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    // Fast paths: ASCII and the basic Arabic letters are almost all of news text.
    if c.is_ascii() {
        return Some(match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\t' => ' ',
            _ => c,
        });
    }
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return match c {
            'أ' | 'إ' | 'آ' => Some('ا'),
            'ى' | 'ئ' => Some('ي'),
            'ة' => Some('ه'),
            'ؤ' => Some('و'),
            TATWEEL => None,
            _ => Some(c),
        };
    }
    if is_diacritic(c) || c == TATWEEL || is_invisible(c) {
        return None;
    }
    if let Some(d) = arabic_digit_value(c) {
        return char::from_digit(d, 10);
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ئ' => 'ي',
        'ة' | 'ۀ' | 'ە' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '٫' => '.',
        '٬' => ',',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => ' ',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    })
}

/// A character of the matching form with its length in UTF-8 (`len` 0 when the character
/// is dropped).
#[derive(Debug, Clone, Copy)]
struct Folded {
    len: u8,
    c: char,
}

impl Default for Folded {
    fn default() -> Self {
        Folded { len: 0, c: ' ' }
    }
}

/// [`fold_char`] of U+0600..U+06FF, built once so that the normaliser reads one entry per
/// Arabic letter. Every folded character of this block takes one or two bytes.
static ARABIC_FOLD: std::sync::LazyLock<[Folded; 0x100]> = std::sync::LazyLock::new(|| {
    let mut t = [Folded::default(); 0x100];
    for (k, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x600 + k as u32).and_then(fold_char) {
            *slot = Folded { len: c.len_utf8() as u8, c };
        }
    }
    t
});

/// A map from byte offsets of a matching form back to byte offsets of its original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// For each byte of the matching form, the start of the original character it came from.
    /// For each byte of the matching form, the start and the end of the original character
    /// it came from (one vector of pairs: one write per byte, and both ends read together).
    spans: Vec<(u32, u32)>,
    /// Length of the original text in bytes.
    original_len: u32,
}

impl OffsetMap {
    /// A map from its parts (for the equality tests of the normaliser).
    #[cfg(test)]
    pub(crate) fn from_parts(start: Vec<u32>, end: Vec<u32>, original_len: u32) -> Self {
        OffsetMap { spans: start.into_iter().zip(end).collect(), original_len }
    }

    /// The original span that produced `span` of the matching form. An empty span maps to an
    /// empty span at the position of the next original character (or the end).
    pub fn to_original(&self, span: ByteSpan) -> ByteSpan {
        let n = self.spans.len();
        let s = span.start.min(n);
        let e = span.end.min(n).max(s);
        let start = if s < n { self.spans[s].0 as usize } else { self.original_len as usize };
        if e == s {
            return start..start;
        }
        let end = self.spans[e - 1].1 as usize;
        start..end.max(start)
    }

    /// The original byte offset at which matching-form byte `pos` begins.
    pub fn original_offset(&self, pos: usize) -> usize {
        self.spans.get(pos).map_or(self.original_len as usize, |&(o, _)| o as usize)
    }

    /// The matching-form byte offset where original byte offset `orig` begins: the first
    /// byte of the matching form that comes from a character at or after `orig`.
    pub fn from_original(&self, orig: usize) -> usize {
        self.spans.partition_point(|&(s, _)| (s as usize) < orig)
    }

    /// A cursor that maps increasing original offsets to matching-form offsets in amortised
    /// constant time (what [`OffsetMap::from_original`] does with a binary search).
    pub fn walker(&self) -> OffsetWalker<'_> {
        OffsetWalker { map: self, pos: 0 }
    }

    /// Length of the matching form in bytes.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when the matching form is empty.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// See [`OffsetMap::walker`].
#[derive(Debug)]
pub struct OffsetWalker<'a> {
    map: &'a OffsetMap,
    pos: usize,
}

impl OffsetWalker<'_> {
    /// The matching-form offset for original offset `orig`; `orig` must not decrease between
    /// calls (a smaller one restarts the walk from the beginning).
    pub fn advance_to(&mut self, orig: usize) -> usize {
        let starts = &self.map.spans;
        if self.pos > 0 && starts.get(self.pos - 1).is_some_and(|&(s, _)| s as usize >= orig) {
            self.pos = 0;
        }
        // `starts` never decreases, so the answer is the first entry at or after `pos` that
        // reaches `orig`: found by doubling steps from `pos`, then a binary search in the
        // last step, which costs a few probes for the short distance between tokens.
        let below = |k: usize| starts.get(k).is_some_and(|&(s, _)| (s as usize) < orig);
        if !below(self.pos) {
            return self.pos;
        }
        // `lo` is below `orig`; find `hi` that is not (or the end).
        let mut lo = self.pos;
        let mut step = 1;
        let mut hi = lo + step;
        while below(hi) {
            lo = hi;
            step *= 2;
            hi = lo + step;
        }
        let hi = hi.min(starts.len());
        self.pos = lo + 1 + starts[lo + 1..hi].partition_point(|&(s, _)| (s as usize) < orig);
        self.pos
    }
}

/// A text in matching form together with the map back to its original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The matching form.
    pub text: String,
    /// Byte offsets of `text` back into the original.
    pub map: OffsetMap,
}

impl Normalized {
    /// The original span of a span of the matching form.
    pub fn to_original(&self, span: ByteSpan) -> ByteSpan {
        self.map.to_original(span)
    }
}

/// Normalises `original` into its matching form, keeping the offset map.
///
/// Offsets are stored as `u32`; texts over 4 GiB are out of scope of one analysis and the
/// ingestion layer refuses them before they reach here.
pub fn normalize(original: &str) -> Normalized {
    let n = original.len();
    let bytes = original.as_bytes();
    let fold: &[Folded; 0x100] = &ARABIC_FOLD;
    let mut w = MapWriter::new(original);
    let mut last_space = false;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        // ASCII: one byte in, at most one byte out.
        if b < 0x80 {
            let f = match b {
                b'A'..=b'Z' => b + 32,
                b'\t' => b' ',
                _ => b,
            };
            if f == b' ' {
                if last_space {
                    w.extend_last((i + 1) as u32);
                    i += 1;
                    continue;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            if f == b {
                w.same1(i);
            } else {
                w.put1(f, i as u32, (i + 1) as u32);
            }
            i += 1;
            continue;
        }
        // The basic Arabic block (U+0600..U+06FF, lead bytes D8..DB): decode inline and fold
        // through the table, which holds the folded character already encoded; this is most
        // of Arabic text.
        if (0xD8..=0xDB).contains(&b)
            && let Some(&b2) = bytes.get(i + 1)
        {
            let cp = (((b & 0x1F) as usize) << 6) | (b2 & 0x3F) as usize;
            let f = fold.get(cp - 0x600).copied().unwrap_or_default();
            let (o_start, o_end) = (i as u32, (i + 2) as u32);
            i += 2;
            match f.len {
                // Dropped (a mark or tatweel); the space state is unchanged.
                0 => {}
                1 => {
                    last_space = f.c == ' ';
                    w.put1(f.c as u8, o_start, o_end);
                }
                2 if f.c as usize == cp => {
                    last_space = false;
                    w.same2(o_start as usize);
                }
                2 => {
                    last_space = false;
                    w.put2(f.c, o_start, o_end);
                }
                _ => {
                    last_space = false;
                    w.put(f.c, o_start, o_end);
                }
            }
            continue;
        }
        let Some(c) = original[i..].chars().next() else { break };
        let len = c.len_utf8();
        let (o_start, o_end) = (i as u32, (i + len) as u32);
        i += len;
        if is_presentation_form(c) {
            for d in std::iter::once(c).nfkc() {
                if let Some(f) = fold_char(d) {
                    last_space = false;
                    w.put(f, o_start, o_end);
                }
            }
            continue;
        }
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' {
            if last_space {
                w.extend_last(o_end);
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        w.put(f, o_start, o_end);
    }
    w.finish()
}

/// The matching form and its map under construction.
///
/// Most characters are their own matching form; those are not pushed one by one but
/// remembered as a run of the original text that is copied at once when a character that
/// changes (or the end) comes.
struct MapWriter<'a> {
    original: &'a str,
    out: String,
    spans: Vec<(u32, u32)>,
    /// Byte range of the original text that is its own matching form and is not yet in
    /// `out` (its map is already written).
    run: std::ops::Range<usize>,
}

impl<'a> MapWriter<'a> {
    fn new(original: &'a str) -> Self {
        let n = original.len();
        MapWriter {
            original,
            out: String::with_capacity(n),
            spans: Vec::with_capacity(n),
            run: 0..0,
        }
    }

    /// Copies the pending run of unchanged text.
    #[inline]
    fn flush(&mut self) {
        if !self.run.is_empty() {
            self.out.push_str(self.original.get(self.run.clone()).unwrap_or_default());
            self.run = 0..0;
        }
    }

    /// Appends the one-byte character at `o_start` of the original, unchanged.
    #[inline]
    fn same1(&mut self, o_start: usize) {
        self.extend_run(o_start, 1);
        self.spans.push((o_start as u32, (o_start + 1) as u32));
    }

    /// Appends the two-byte character at `o_start` of the original, unchanged.
    #[inline]
    fn same2(&mut self, o_start: usize) {
        self.extend_run(o_start, 2);
        let (s, e) = (o_start as u32, (o_start + 2) as u32);
        self.spans.extend_from_slice(&[(s, e), (s, e)]);
    }

    #[inline]
    fn extend_run(&mut self, o_start: usize, len: usize) {
        if self.run.end != o_start || self.run.is_empty() {
            self.flush();
            self.run.start = o_start;
        }
        self.run.end = o_start + len;
    }

    /// Appends a one-byte character that came from `o_start..o_end`.
    #[inline]
    fn put1(&mut self, f: u8, o_start: u32, o_end: u32) {
        self.flush();
        self.out.push(f as char);
        self.spans.push((o_start, o_end));
    }

    /// Appends a two-byte character that came from `o_start..o_end`.
    #[inline]
    fn put2(&mut self, f: char, o_start: u32, o_end: u32) {
        self.flush();
        self.out.push(f);
        self.spans.extend_from_slice(&[(o_start, o_end), (o_start, o_end)]);
    }

    /// Appends any character that came from `o_start..o_end`.
    fn put(&mut self, f: char, o_start: u32, o_end: u32) {
        self.flush();
        self.out.push(f);
        for _ in 0..f.len_utf8() {
            self.spans.push((o_start, o_end));
        }
    }

    /// Extends the original span of the last byte written to `o_end` (a run of spaces).
    #[inline]
    fn extend_last(&mut self, o_end: u32) {
        if let Some((_, e)) = self.spans.last_mut() {
            *e = o_end;
        }
    }

    fn finish(mut self) -> Normalized {
        self.flush();
        let original_len = self.original.len() as u32;
        Normalized { text: self.out, map: OffsetMap { spans: self.spans, original_len } }
    }
}

/// The matching form of a short string (a word or a dictionary phrase), without the map.
/// Leading and trailing spaces are trimmed.
pub fn normalize_word(s: &str) -> String {
    normalize(s).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters_and_drops_marks() {
        let n = normalize("إيرانُ الروسيّة ـــ مُستشفى ٢٠٢٣");
        assert_eq!(n.text, "ايران الروسيه مستشفي 2023");
    }

    #[test]
    fn maps_back_to_original() {
        let orig = "قالَ  شويجو";
        let n = normalize(orig);
        assert_eq!(n.text, "قال شويجو");
        let pos = n.text.find("شويجو").unwrap_or_default();
        let span = n.to_original(pos..n.text.len());
        assert_eq!(&orig[span], "شويجو");
    }

    #[test]
    fn presentation_forms_expand() {
        let n = normalize("\u{FEFB}");
        assert_eq!(n.text, "لا");
        assert_eq!(n.to_original(0..n.text.len()), 0..3);
    }
}
