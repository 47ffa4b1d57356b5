//! Stems for matching inflected words against dictionaries.
//!
//! Two strengths: [`light_stem`] removes only clitics, the article and the commonest
//! inflectional suffixes, which keeps proper names and dictionary keys recognisable;
//! [`stem`] is the Snowball Arabic stemmer for recall-oriented matching of content words.

use crate::clitics::segment;
use crate::normalize::normalize_word;

/// Snowball Arabic stem of a word (applied to its matching form).
pub fn stem(word: &str) -> String {
    let w = normalize_word(word);
    frostem::Stemmer::new(frostem::Algorithm::Arabic).stem(&w).into_owned()
}

/// Light stem: matching form without proclitics, article, pronoun suffixes and the
/// commonest plural/dual/feminine endings; never shorter than two letters.
pub fn light_stem(word: &str) -> String {
    let w = normalize_word(word);
    let seg = segment(&w, |_| false);
    let mut s = w[seg.stem.clone()].to_string();
    for enc in ["هما", "هم", "ها", "كم", "نا", "ه"] {
        if s.chars().count() >= enc.chars().count() + 3 && s.ends_with(enc) {
            s.truncate(s.len() - enc.len());
            // A feminine noun before a pronoun shows its ta: `زيارته` → `زيارة`.
            if s.ends_with('ت') && s.chars().count() >= 4 {
                s.truncate(s.len() - 'ت'.len_utf8());
                s.push('ه');
            }
            break;
        }
    }
    for suf in ["ات", "ون", "ين", "ان", "ه", "ي"] {
        if s.chars().count() >= suf.chars().count() + 3 && s.ends_with(suf) {
            s.truncate(s.len() - suf.len());
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_stems() {
        assert_eq!(light_stem("والمحادثات"), "محادث");
        assert_eq!(light_stem("وزيارته"), "زيار");
    }
}
