//! Equality tests of the text layer against its previous, simpler implementations, kept
//! here as oracles: the tokenizer, the sentence splitter, the normaliser and the code-point
//! index were rewritten for speed and must give exactly the same results on any input.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use crate::chars::{
    TATWEEL, closing_quote, is_any_digit, is_diacritic, is_presentation_form, is_word_char,
};
use crate::normalize::{Normalized, OffsetMap, fold_char};
use crate::sentence::{Sentence, SentenceKind};
use crate::token::{Token, TokenKind};
use crate::{CharIndex, normalize, split_sentences, tokenize};
use unicode_normalization::UnicodeNormalization;

const STRIDE: usize = 64;
const TERMINALS: &[char] = &['.', '!', '?', '؟', '…', '؛', '。'];
const CLOSERS: &[char] = &['»', '”', '"', '\'', '’', ')', ']', '›'];
const LATIN_ABBREV: &[&str] =
    &["mr", "mrs", "dr", "st", "no", "vs", "etc", "jr", "sr", "prof", "gen"];
const MAX_QUOTE_CHARS: usize = 2000;

fn old_tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut it = text.char_indices().peekable();
    let mut nchars = 0usize;
    while let Some((b, c)) = it.next() {
        let char_start = nchars;
        nchars += 1;
        if c.is_whitespace() || crate::chars::is_invisible(c) {
            continue;
        }
        let mut end = b + c.len_utf8();
        let kind = if is_any_digit(c) || (is_word_char(c) && !(is_diacritic(c) || c == TATWEEL)) {
            let mut all_digits = is_any_digit(c);
            while let Some(&(i, ch)) = it.peek() {
                if is_word_char(ch) {
                    all_digits &= is_any_digit(ch);
                } else if matches!(ch, '.' | '٫' | ',' | '٬') && all_digits {
                    // A decimal or group separator stays inside a number when a digit follows.
                    let next = text[i + ch.len_utf8()..].chars().next();
                    if !next.is_some_and(is_any_digit) {
                        break;
                    }
                } else {
                    break;
                }
                it.next();
                nchars += 1;
                end = i + ch.len_utf8();
            }
            if all_digits { TokenKind::Number } else { TokenKind::Word }
        } else {
            TokenKind::Punct
        };
        out.push(Token { start: b, end, char_start, char_end: nchars, kind });
    }
    out
}

fn old_split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        old_split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn old_push(text: &str, start: usize, end: usize, kind: SentenceKind, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    out.push(Sentence { start: start + lead, end: end - trail, kind });
}

fn old_split_line(text: &str, from: usize, to: usize, out: &mut Vec<Sentence>) {
    let line = &text[from..to];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sent_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if let Some(close) = closing_quote(c) {
            // Skip over a quotation that closes on this line.
            if (c != '\'' || old_is_opening_apostrophe(&chars, i))
                && let Some(j) =
                    chars[i + 1..].iter().take(MAX_QUOTE_CHARS).position(|&(_, d)| d == close)
            {
                i += j + 2;
                continue;
            }
        }
        if TERMINALS.contains(&c) && !old_is_non_terminal_dot(line, &chars, i) {
            let mut j = i + 1;
            while j < chars.len()
                && (TERMINALS.contains(&chars[j].1) || CLOSERS.contains(&chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |&(e, _)| e);
            old_push(text, from + sent_start, from + end, SentenceKind::Body, out);
            sent_start = end;
            i = j;
            continue;
        }
        let _ = b;
        i += 1;
    }
    if sent_start < line.len() {
        let rest = line[sent_start..].trim_end();
        let kind = match rest.chars().last() {
            Some(c) if TERMINALS.contains(&c) || CLOSERS.contains(&c) || c == ':' => {
                SentenceKind::Body
            }
            _ if sent_start > 0 && !line[..sent_start].trim().is_empty() => SentenceKind::Body,
            _ => SentenceKind::Headline,
        };
        old_push(text, from + sent_start, from + line.len(), kind, out);
    }
}

/// A straight apostrophe opens a quote only at the start of a word, not inside one (`it's`).
fn old_is_opening_apostrophe(chars: &[(usize, char)], i: usize) -> bool {
    i == 0 || !is_word_char(chars[i - 1].1)
}

/// True when the dot at `i` is a decimal point, part of an abbreviation or an ellipsis
/// inside a number range, and so does not end a sentence.
fn old_is_non_terminal_dot(line: &str, chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    if c != '.' {
        return false;
    }
    let prev = i.checked_sub(1).map(|k| chars[k].1);
    let next = chars.get(i + 1).map(|&(_, d)| d);
    if prev.is_some_and(is_any_digit) && next.is_some_and(is_any_digit) {
        return true;
    }
    // The word before the dot.
    let mut k = i;
    while k > 0 && is_word_char(chars[k - 1].1) {
        k -= 1;
    }
    let word = &line[chars.get(k).map_or(0, |x| x.0)..chars[i].0];
    let n = word.chars().count();
    if n == 1 && next.is_some_and(|d| !d.is_whitespace() || word.chars().all(|c| c.is_alphabetic()))
    {
        // A single letter before a dot: an initial (`م.`, `د.`, `U.S.`).
        return next.is_some();
    }
    LATIN_ABBREV.contains(&word.to_ascii_lowercase().as_str()) && next.is_some()
}

fn old_normalize(original: &str) -> Normalized {
    let n = original.len();
    let mut out = String::with_capacity(n);
    let mut start: Vec<u32> = Vec::with_capacity(n);
    let mut end: Vec<u32> = Vec::with_capacity(n);
    let mut last_space = false;
    let bytes = original.as_bytes();
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
                    if let Some(e) = end.last_mut() {
                        *e = (i + 1) as u32;
                    }
                    i += 1;
                    continue;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            out.push(f as char);
            start.push(i as u32);
            end.push((i + 1) as u32);
            i += 1;
            continue;
        }
        // Two-byte Arabic block (U+0600..U+07FF): decode inline, fold, and write the map for
        // both bytes at once; this is most of Arabic text.
        if (0xD8..=0xDB).contains(&b) && i + 1 < n {
            let c = char::from_u32((((b & 0x1F) as u32) << 6) | (bytes[i + 1] & 0x3F) as u32);
            if let Some(c) = c {
                let (o_start, o_end) = (i as u32, (i + 2) as u32);
                i += 2;
                match fold_char(c) {
                    None => {}
                    Some(f) if f.len_utf8() == 2 => {
                        last_space = false;
                        out.push(f);
                        start.extend_from_slice(&[o_start, o_start]);
                        end.extend_from_slice(&[o_end, o_end]);
                    }
                    Some(f) => {
                        last_space = f == ' ';
                        old_push_char(f, o_start, o_end, &mut out, &mut start, &mut end);
                    }
                }
                continue;
            }
        }
        let Some(c) = original[i..].chars().next() else { break };
        let len = c.len_utf8();
        let (o_start, o_end) = (i as u32, (i + len) as u32);
        i += len;
        if is_presentation_form(c) {
            for d in std::iter::once(c).nfkc() {
                if let Some(f) = fold_char(d) {
                    last_space = false;
                    old_push_char(f, o_start, o_end, &mut out, &mut start, &mut end);
                }
            }
            continue;
        }
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' {
            if last_space {
                if let Some(e) = end.last_mut() {
                    *e = o_end;
                }
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        old_push_char(f, o_start, o_end, &mut out, &mut start, &mut end);
    }
    Normalized { text: out, map: OffsetMap::from_parts(start, end, n as u32) }
}

#[inline]
fn old_push_char(
    f: char,
    o_start: u32,
    o_end: u32,
    out: &mut String,
    start: &mut Vec<u32>,
    end: &mut Vec<u32>,
) {
    out.push(f);
    for _ in 0..f.len_utf8() {
        start.push(o_start);
        end.push(o_end);
    }
}

mod index {
    use super::*;

    pub(super) fn old_char_offset(text: &str, byte: usize) -> usize {
        let (len_chars, text_len) = (text.chars().count(), text.len());
        let checkpoints: Vec<usize> = text.char_indices().step_by(STRIDE).map(|(i, _)| i).collect();
        if byte >= text_len {
            return len_chars;
        }
        let k = match checkpoints.binary_search(&byte) {
            Ok(k) => return k * STRIDE,
            Err(k) => k.saturating_sub(1),
        };
        let base = checkpoints.get(k).copied().unwrap_or(0);
        let mut n = k * STRIDE;
        for (i, _) in text[base..].char_indices() {
            if base + i >= byte {
                return if base + i == byte { n } else { n - 1 };
            }
            n += 1;
        }
        n
    }
}

/// Strings biased towards what the rewritten code special-cases: Arabic letters and marks,
/// digits of three scripts with separators, quotes, terminals, abbreviations, white space
/// of every kind, presentation forms and arbitrary characters.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("ال".to_string()),
        Just("و".to_string()),
        Just("ـ".to_string()),
        Just("\u{064E}".to_string()),
        Just("\u{0651}".to_string()),
        Just("\u{FEFB}".to_string()),
        Just("\u{FDFA}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{00A0}".to_string()),
        Just("٣٫٥".to_string()),
        Just("3,5".to_string()),
        Just("۱۲".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just(". ".to_string()),
        Just(".".to_string()),
        Just("…".to_string()),
        Just("؛".to_string()),
        Just("؟\n".to_string()),
        Just("\n".to_string()),
        Just("Dr. ".to_string()),
        Just("U.S.".to_string()),
        Just("د.".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        "[\u{0600}-\u{06FF}]{1,6}",
        "[a-zA-Z0-9]{1,4}",
        "\\PC{0,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tokenize_equals_the_oracle(s in texty()) {
        prop_assert_eq!(tokenize(&s), old_tokenize(&s));
    }

    #[test]
    fn split_sentences_equals_the_oracle(s in texty()) {
        prop_assert_eq!(split_sentences(&s), old_split_sentences(&s));
    }

    #[test]
    fn normalize_equals_the_oracle(s in texty()) {
        prop_assert_eq!(normalize(&s), old_normalize(&s));
    }

    #[test]
    fn char_offset_equals_the_oracle(s in texty()) {
        let idx = CharIndex::new(&s);
        for b in 0..=s.len() + 1 {
            prop_assert_eq!(idx.char_offset(&s, b), index::old_char_offset(&s, b), "byte {}", b);
        }
    }
}

#[test]
fn long_quotes_and_lines_equal_the_oracle() {
    // A quotation that closes just inside and just outside the look-ahead limit, in one-,
    // two- and three-byte characters.
    for fill in ["a", "ب", "…"] {
        for n in [1990, 1998, 1999, 2000, 2001, 2010] {
            let s = format!("قال «{}» ثم. وأضاف. ", fill.repeat(n));
            assert_eq!(split_sentences(&s), old_split_sentences(&s), "{fill} x {n}");
        }
    }
}

/// The checkpoints of the code-point index as the previous implementation built them.
fn old_checkpoints(text: &str) -> Vec<usize> {
    text.char_indices().step_by(STRIDE).map(|(i, _)| i).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn char_index_and_walker_equal_the_oracles(s in texty()) {
        let idx = CharIndex::new(&s);
        let old = old_checkpoints(&s);
        prop_assert_eq!(idx.checkpoints(), old.as_slice());
        prop_assert_eq!(idx.len_chars(), s.chars().count());
        // The walker gives what a binary search over the whole map gives.
        let n = normalize(&s);
        let mut w = n.map.walker();
        for t in tokenize(&s) {
            prop_assert_eq!(w.advance_to(t.start), n.map.from_original(t.start));
            prop_assert_eq!(w.advance_to(t.end), n.map.from_original(t.end));
        }
    }
}

#[test]
fn arabic_fold_table_equals_fold_char() {
    for cp in 0x600..0x700u32 {
        let c = char::from_u32(cp).unwrap();
        let s = c.to_string();
        let expected: String = fold_char(c).map(String::from).unwrap_or_default();
        assert_eq!(normalize(&s).text, expected, "U+{cp:04X}");
    }
}
