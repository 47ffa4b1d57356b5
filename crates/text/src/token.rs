//! Tokens of the original text with byte and code-point spans.
//!
//! A word token is a maximal run of letters, digits, combining marks and tatweel; a number
//! keeps its decimal separator (`3.5`, `٣٫٥`) and digit-group commas; everything else that is
//! not white space is a one-character punctuation or symbol token. Tokens never overlap and
//! never include white space.

use crate::chars::{TATWEEL, is_any_digit, is_diacritic, is_word_char};

/// What kind of text a token covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (with marks), possibly mixed with digits (`سو35`).
    Word,
    /// Digits with at most inner separators.
    Number,
    /// Punctuation or any other symbol, one character.
    Punct,
}

/// One token of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: usize,
    /// Byte end (exclusive) in the original text.
    pub end: usize,
    /// Code-point start in the original text.
    pub char_start: usize,
    /// Code-point end (exclusive) in the original text.
    pub char_end: usize,
    /// The token kind.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `original`.
    pub fn text<'a>(&self, original: &'a str) -> &'a str {
        &original[self.start..self.end]
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| k.text(t)).collect()
    }

    #[test]
    fn words_numbers_punct() {
        assert_eq!(
            texts("قالَ: ٣٫٥ مليار، و3.5"),
            ["قالَ", ":", "٣٫٥", "مليار", "،", "و3", ".", "5"]
        );
        assert_eq!(texts("سو-35 «نعم»"), ["سو", "-", "35", "«", "نعم", "»"]);
    }

    #[test]
    fn char_spans() {
        let t = "أمس الثلاثاء";
        let toks = tokenize(t);
        assert_eq!((toks[1].char_start, toks[1].char_end), (4, 12));
    }
}
