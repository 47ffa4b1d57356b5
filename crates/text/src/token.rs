//! Tokens of the original text with byte and code-point spans.
//!
//! A word token is a maximal run of letters, digits, combining marks and tatweel; a number
//! keeps its decimal separator (`3.5`, `٣٫٥`) and digit-group commas; everything else that is
//! not white space is a one-character punctuation or symbol token. Tokens never overlap and
//! never include white space.

use crate::chars::{Classifier, class, decode_at};

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
///
/// The text is walked by byte position with one table lookup per character (see
/// [`Classifier`]); a byte position is only ever advanced by whole characters.
pub fn tokenize(text: &str) -> Vec<Token> {
    let class = Classifier::new();
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut pos = 0;
    let mut nchars = 0usize;
    while let Some((c, len)) = decode_at(text, pos) {
        let b = pos;
        let char_start = nchars;
        nchars += 1;
        pos += len;
        let k = class.of(c);
        if k & class::SKIP != 0 {
            continue;
        }
        let kind = if k & class::START != 0 {
            let mut all_digits = k & class::DIGIT != 0;
            let bytes = text.as_bytes();
            loop {
                // Fast path: the letters U+0621..U+064A (`D8 A1`..`D9 8A`), most of any
                // Arabic word, continue a word and are not digits.
                if let Some(&[b1, b2]) = bytes.get(pos..pos + 2)
                    && b1 & 0xFE == 0xD8
                    && ((((b1 & 0x1F) as u32) << 6) | (b2 & 0x3F) as u32).wrapping_sub(0x621) < 0x2A
                {
                    all_digits = false;
                    pos += 2;
                    nchars += 1;
                    continue;
                }
                let Some((ch, l)) = decode_at(text, pos) else { break };
                let kc = class.of(ch);
                if kc & class::WORD != 0 {
                    all_digits &= kc & class::DIGIT != 0;
                } else if all_digits && matches!(ch, '.' | '٫' | ',' | '٬') {
                    // A decimal or group separator stays inside a number when a digit follows.
                    let next = decode_at(text, pos + l);
                    if next.is_none_or(|(d, _)| class.of(d) & class::DIGIT == 0) {
                        break;
                    }
                } else {
                    break;
                }
                pos += l;
                nchars += 1;
            }
            if all_digits { TokenKind::Number } else { TokenKind::Word }
        } else {
            TokenKind::Punct
        };
        out.push(Token { start: b, end: pos, char_start, char_end: nchars, kind });
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
