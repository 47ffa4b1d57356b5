//! Sentence and headline boundaries.
//!
//! Arabic news text marks sentences with `. ! ? ؟ … ؛` but also relies on line breaks: a
//! headline, a caption or a dateline is a line of its own with no final punctuation. The
//! splitter therefore treats every line as a boundary, classifies lines without final
//! punctuation as [`SentenceKind::Headline`], and within a line splits after terminal
//! punctuation unless it is part of a number (`3.5`), an abbreviation (`د.`, `U.S.`), or
//! inside a quotation that closes later on the same line.

use crate::chars::{closing_quote, decode_at, is_any_digit, is_word_char};

/// Whether a sentence is running text or a line without final punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    /// Ends with terminal punctuation (or is followed by more text on its line).
    Body,
    /// A line of its own without final punctuation: a headline, caption or dateline.
    Headline,
}

/// One sentence: a byte span of the original text, trimmed of surrounding white space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte start in the original text.
    pub start: usize,
    /// Byte end (exclusive) in the original text.
    pub end: usize,
    /// Body text or headline line.
    pub kind: SentenceKind,
}

const TERMINALS: &[char] = &['.', '!', '?', '؟', '…', '؛', '。'];
const CLOSERS: &[char] = &['»', '”', '"', '\'', '’', ')', ']', '›'];
/// Latin abbreviations whose final dot does not end a sentence.
const LATIN_ABBREV: &[&str] =
    &["mr", "mrs", "dr", "st", "no", "vs", "etc", "jr", "sr", "prof", "gen"];

/// Quote pairs whose content is not split: open mark → close mark, limited to one line and
/// to this many characters so that a quote that never closes costs nothing.
const MAX_QUOTE_CHARS: usize = 2000;

/// Splits `text` into sentences.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push(text: &str, start: usize, end: usize, kind: SentenceKind, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    out.push(Sentence { start: start + lead, end: end - trail, kind });
}

/// Bytes that `split_line` must look at: the ASCII terminals and quotation marks, the lead
/// bytes `0xC2`, `0xE2` and `0xE3` of `«`, `“ „ ‘ ‹ …` and `。` (which also start other
/// characters, checked one by one), and the second bytes `0x9B` and `0x9F` of `؛` and `؟`
/// (`D8 9B`, `D8 9F`): Arabic letters share the lead byte `D8` with these two, so looking
/// for the rarer second byte skips far more text.
static MAY_MATTER: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = [b'.', b'!', b'?', b'"', b'\'', 0xC2, 0xE2, 0xE3, 0x9B, 0x9F];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Longest stretch, in bytes, within which a closing quotation mark is looked for: the
/// [`MAX_QUOTE_CHARS`] characters after the opening mark take at most four bytes each.
const MAX_QUOTE_BYTES: usize = MAX_QUOTE_CHARS * 4;

fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<Sentence>) {
    let line = &text[from..to];
    let bytes = line.as_bytes();
    let mut sent_start = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        match bytes[pos..].iter().position(|&b| MAY_MATTER[b as usize]) {
            Some(k) => pos += k,
            None => break,
        }
        if matches!(bytes[pos], 0x9B | 0x9F) {
            // A second byte: the character starts one byte earlier, at a lead byte that was
            // skipped; only `؛` and `؟` (lead `D8`) matter.
            if pos > 0 && bytes[pos - 1] == 0xD8 {
                pos -= 1;
            } else {
                pos += 1;
                continue;
            }
        }
        // A byte that may matter is ASCII or a lead byte, so `pos` is a character boundary.
        let Some((c, len)) = decode_at(line, pos) else { break };
        if let Some(close) = closing_quote(c) {
            // Skip over a quotation that closes on this line.
            if (c != '\'' || is_opening_apostrophe(line, pos))
                && let Some(q) = find_close(line, pos + len, close)
            {
                pos = q + close.len_utf8();
                continue;
            }
        }
        if TERMINALS.contains(&c) && !is_non_terminal_dot(line, pos) {
            let mut end = pos + len;
            while let Some((d, l)) = decode_at(line, end) {
                if !(TERMINALS.contains(&d) || CLOSERS.contains(&d)) {
                    break;
                }
                end += l;
            }
            push(text, from + sent_start, from + end, SentenceKind::Body, out);
            sent_start = end;
            pos = end;
            continue;
        }
        pos += len;
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
        push(text, from + sent_start, from + line.len(), kind, out);
    }
}

/// Byte offset of `close` among the first [`MAX_QUOTE_CHARS`] characters of `line` from
/// byte `from` on.
fn find_close(line: &str, from: usize, close: char) -> Option<usize> {
    let mut limit = (from + MAX_QUOTE_BYTES).min(line.len());
    while !line.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = line.get(from..limit)?;
    let at = window.find(close)?;
    // The window bounds the bytes; fewer bytes than the limit are also fewer characters.
    if at >= MAX_QUOTE_CHARS && window[..at].chars().count() >= MAX_QUOTE_CHARS {
        return None;
    }
    Some(from + at)
}

/// A straight apostrophe opens a quote only at the start of a word, not inside one (`it's`).
fn is_opening_apostrophe(line: &str, pos: usize) -> bool {
    !line[..pos].chars().next_back().is_some_and(is_word_char)
}

/// True when the dot at byte `pos` is a decimal point, part of an abbreviation or an
/// ellipsis inside a number range, and so does not end a sentence.
fn is_non_terminal_dot(line: &str, pos: usize) -> bool {
    if line.as_bytes().get(pos) != Some(&b'.') {
        return false;
    }
    let before = &line[..pos];
    let prev = before.chars().next_back();
    let next = line[pos + 1..].chars().next();
    if prev.is_some_and(is_any_digit) && next.is_some_and(is_any_digit) {
        return true;
    }
    // The word before the dot.
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(pos, |(i, _)| i);
    let word = &line[word_start..pos];
    let mut wc = word.chars();
    let single = wc.next().is_some() && wc.next().is_none();
    if single && next.is_some_and(|d| !d.is_whitespace() || word.chars().all(|c| c.is_alphabetic()))
    {
        // A single letter before a dot: an initial (`م.`, `د.`, `U.S.`).
        return next.is_some();
    }
    next.is_some() && LATIN_ABBREV.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<(&str, SentenceKind)> {
        split_sentences(t).iter().map(|s| (&t[s.start..s.end], s.kind)).collect()
    }

    #[test]
    fn headline_and_body() {
        let t = "وزير الدفاع يزور إيران\n\nقال الوزير إن النمو بلغ 3.5 في المئة. وأضاف: نعم؟ لا!\n";
        let s = sents(t);
        assert_eq!(s[0], ("وزير الدفاع يزور إيران", SentenceKind::Headline));
        assert_eq!(s[1].0, "قال الوزير إن النمو بلغ 3.5 في المئة.");
        assert_eq!(s[2].0, "وأضاف: نعم؟");
        assert_eq!(s[3].0, "لا!");
    }

    #[test]
    fn quotes_are_not_split() {
        let t = "قال: \"أعتبر اجتماعنا خطوة. اليوم لدينا فرصة\". ثم غادر.";
        let s = sents(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, "قال: \"أعتبر اجتماعنا خطوة. اليوم لدينا فرصة\".");
    }
}
