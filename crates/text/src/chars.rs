//! Character classes for Arabic script and the folding table of the matching form.
//!
//! Kept in one place so that the normaliser, the tokenizer and the segmenter agree on what a
//! letter, a diacritic or a digit is.

/// Arabic tatweel (kashida), a purely typographic stretch.
pub const TATWEEL: char = '\u{0640}';

/// True for Arabic combining marks that carry no letter: harakat, tanwin, shadda, sukun,
/// dagger alef, Quranic annotation marks and the small high/low signs.
pub fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}')
}

/// True for invisible format characters that never change a word: joiners, bidi marks,
/// the byte-order mark and soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' | '\u{00AD}' | '\u{061C}')
}

/// True for Arabic-script letters (base Arabic, supplement, extended and presentation
/// forms), excluding digits, punctuation, tatweel and combining marks.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// True for any character that may appear inside a word token: letters of any script,
/// digits of any script, Arabic diacritics and tatweel.
pub fn is_word_char(c: char) -> bool {
    // Fast paths for the scripts that make up almost all news text.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return true;
    }
    c.is_alphanumeric()
        || is_diacritic(c)
        || c == TATWEEL
        || is_arabic_letter(c)
        || matches!(c, '\u{0300}'..='\u{036F}')
}

/// The ASCII value of an Arabic-Indic (`٠-٩`) or Persian (`۰-۹`) digit.
pub fn arabic_digit_value(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for a digit in ASCII, Arabic-Indic or Persian form.
pub fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || arabic_digit_value(c).is_some()
}

/// True for the Arabic presentation-form blocks, which NFKC maps to base letters.
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Quotation marks that open a quote, with the mark that closes it.
pub fn closing_quote(open: char) -> Option<char> {
    match open {
        '«' => Some('»'),
        '“' => Some('”'),
        '„' => Some('“'),
        '"' => Some('"'),
        '\'' => Some('\''),
        '‘' => Some('’'),
        '‹' => Some('›'),
        _ => None,
    }
}

/// Character class bits of [`class`], precomputed for the first 2048 code points (ASCII,
/// Latin, Greek, Cyrillic, Hebrew and the whole Arabic block), which is nearly every
/// character of news text; the tokenizer reads one table entry instead of calling four
/// classification functions per character.
pub(crate) mod class {
    /// White space or an invisible format character (never part of a token).
    pub const SKIP: u8 = 1;
    /// May continue a word token ([`super::is_word_char`]).
    pub const WORD: u8 = 2;
    /// A digit in any of the three scripts ([`super::is_any_digit`]).
    pub const DIGIT: u8 = 4;
    /// May start a word or number token: a digit, or a word character that is not a mark
    /// or tatweel.
    pub const START: u8 = 8;
}

/// Number of code points covered by the class table.
const CLASS_TABLE_LEN: usize = 0x800;

fn compute_class(c: char) -> u8 {
    let mut k = 0;
    if c.is_whitespace() || is_invisible(c) {
        k |= class::SKIP;
    }
    if is_word_char(c) {
        k |= class::WORD;
    }
    if is_any_digit(c) {
        k |= class::DIGIT;
    }
    if is_any_digit(c) || (is_word_char(c) && !(is_diacritic(c) || c == TATWEEL)) {
        k |= class::START;
    }
    k
}

static CLASS_TABLE: std::sync::LazyLock<[u8; CLASS_TABLE_LEN]> = std::sync::LazyLock::new(|| {
    let mut t = [0u8; CLASS_TABLE_LEN];
    for (cp, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(cp as u32) {
            *slot = compute_class(c);
        }
    }
    t
});

/// Classifies characters with the table, falling back to the functions above it.
#[derive(Clone, Copy)]
pub(crate) struct Classifier {
    table: &'static [u8; CLASS_TABLE_LEN],
}

impl Classifier {
    /// The classifier (the table is built on first use).
    pub(crate) fn new() -> Self {
        Classifier { table: &CLASS_TABLE }
    }

    /// The [`class`] bits of `c`.
    #[inline]
    pub(crate) fn of(self, c: char) -> u8 {
        match self.table.get(c as usize) {
            Some(&k) => k,
            None => compute_class(c),
        }
    }
}

/// The character starting at byte `pos` of `s` and its length in bytes (`None` at the end or
/// when `pos` is not a character boundary). One- and two-byte characters, which make up
/// Arabic and Latin text, are decoded inline without the generic decoder.
#[inline]
pub(crate) fn decode_at(s: &str, pos: usize) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    let b = *bytes.get(pos)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    if (0xC2..=0xDF).contains(&b)
        && let Some(&b2) = bytes.get(pos + 1)
        && let Some(c) = char::from_u32((((b & 0x1F) as u32) << 6) | (b2 & 0x3F) as u32)
    {
        return Some((c, 2));
    }
    let c = s.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}
