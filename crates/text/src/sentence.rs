//! Sentence and headline boundaries.
//!
//! Arabic news text marks sentences with `. ! ? ؟ … ؛` but also relies on line breaks: a
//! headline, a caption or a dateline is a line of its own with no final punctuation. The
//! splitter therefore treats every line as a boundary, classifies lines without final
//! punctuation as [`SentenceKind::Headline`], and within a line splits after terminal
//! punctuation unless it is part of a number (`3.5`), an abbreviation (`د.`, `U.S.`), or
//! inside a quotation that closes later on the same line.

use crate::chars::{closing_quote, is_any_digit, is_word_char};

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

fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<Sentence>) {
    let line = &text[from..to];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sent_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if let Some(close) = closing_quote(c) {
            // Skip over a quotation that closes on this line.
            if (c != '\'' || is_opening_apostrophe(&chars, i))
                && let Some(j) =
                    chars[i + 1..].iter().take(MAX_QUOTE_CHARS).position(|&(_, d)| d == close)
            {
                i += j + 2;
                continue;
            }
        }
        if TERMINALS.contains(&c) && !is_non_terminal_dot(line, &chars, i) {
            let mut j = i + 1;
            while j < chars.len()
                && (TERMINALS.contains(&chars[j].1) || CLOSERS.contains(&chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |&(e, _)| e);
            push(text, from + sent_start, from + end, SentenceKind::Body, out);
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
        push(text, from + sent_start, from + line.len(), kind, out);
    }
}

/// A straight apostrophe opens a quote only at the start of a word, not inside one (`it's`).
fn is_opening_apostrophe(chars: &[(usize, char)], i: usize) -> bool {
    i == 0 || !is_word_char(chars[i - 1].1)
}

/// True when the dot at `i` is a decimal point, part of an abbreviation or an ellipsis
/// inside a number range, and so does not end a sentence.
fn is_non_terminal_dot(line: &str, chars: &[(usize, char)], i: usize) -> bool {
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
