//! Clitic segmentation: `وبالمحادثات` → `و` + `ب` + `ال` + `محادثات`.
//!
//! Arabic writes conjunctions (`و ف`), prepositions (`ب ل ك`), the future particle (`س`)
//! and the article (`ال`) attached to the next word, and object/possessive pronouns
//! (`ه ها هم هما كم كن نا ي`) attached to the end. Matching needs the bare word; spans need
//! the exact split. Names that merely begin with those letters (`فرنسا`, `بيروت`, `لبنان`,
//! `كندا`, `والي`, `بغداد`, `فلسطين`) must stay whole, so segmentation consults a guard:
//! a built-in list of such words plus a caller-supplied predicate (the dictionaries above
//! this crate know many more names).

use crate::ByteSpan;
use crate::normalize::fold_char;

/// A word split into proclitics, stem and enclitic, as byte spans of the word given.
/// The three spans are contiguous and cover the whole word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmentation {
    /// Conjunction, preposition, future particle and article, in order (may be empty).
    pub proclitics: ByteSpan,
    /// The word itself.
    pub stem: ByteSpan,
    /// A pronoun suffix (may be empty).
    pub enclitic: ByteSpan,
    /// True when the proclitics end with the article `ال` (or `لل` = `ل` + `ال`).
    pub has_article: bool,
}

/// Words that begin or end with clitic letters but are whole words (matching form).
const GUARD: &[&str] = &[
    "فرنسا",
    "فلسطين",
    "فنلندا",
    "فنزويلا",
    "فيتنام",
    "فيينا",
    "فلوريدا",
    "فيلادلفيا",
    "فرانكفورت",
    "بيروت",
    "بغداد",
    "بريطانيا",
    "بلجيكا",
    "بولندا",
    "بلغاريا",
    "باكستان",
    "بنغلاديش",
    "البحرين",
    "برلين",
    "بكين",
    "باريس",
    "بروكسل",
    "بنغازي",
    "بوتين",
    "بايدن",
    "باقري",
    "بن",
    "بنت",
    "بين",
    "بعد",
    "لبنان",
    "ليبيا",
    "لندن",
    "لاهاي",
    "لوكسمبورغ",
    "ليتوانيا",
    "لاتفيا",
    "لافروف",
    "لجنه",
    "لقاء",
    "كندا",
    "كوريا",
    "كوبا",
    "كينيا",
    "كابول",
    "كييف",
    "كاراكاس",
    "كولومبيا",
    "كرواتيا",
    "كازاخستان",
    "كيم",
    "كل",
    "كان",
    "كانت",
    "كما",
    "كبير",
    "كبيره",
    "كلمه",
    "والي",
    "واشنطن",
    "وارسو",
    "وزير",
    "وزاره",
    "وكاله",
    "وفد",
    "وقف",
    "وطني",
    "ولايه",
    "وحده",
    "سوريا",
    "سوريه",
    "سودان",
    "السودان",
    "سلطنه",
    "سيول",
    "سنغافوره",
    "سلوفاكيا",
    "سلوفينيا",
    "سعودي",
    "السعوديه",
    "سيرجي",
    "سلمان",
    "سفير",
    "سفاره",
    "سياسه",
    "سلاح",
    "سنه",
    "الله",
    "اليمن",
    "اليابان",
    "اليونان",
    "الهند",
    "الجزائر",
    "المغرب",
    "العراق",
    "الكويت",
    "مصر",
    "ايران",
    "تركيا",
    "روسيا",
    "الصين",
    "ليس",
    "لكن",
    "لدي",
    "لدى",
    "له",
    "لها",
    "لهم",
    "بلاد",
    "بلد",
    "بيان",
    "بعض",
    "كلام",
    "لجان",
    "فريق",
    "فترة",
    "فصائل",
    "وسط",
    "وصول",
];

/// Proclitic prefixes in matching form, longest first. `لل` stands for `ل` + `ال`.
const PROCLITICS: &[(&str, bool)] = &[
    ("وبال", true),
    ("فبال", true),
    ("وكال", true),
    ("فكال", true),
    ("وللت", false),
    ("ولل", true),
    ("فلل", true),
    ("وال", true),
    ("فال", true),
    ("بال", true),
    ("كال", true),
    ("لل", true),
    ("ال", true),
    ("وب", false),
    ("وف", false),
    ("ول", false),
    ("وك", false),
    ("وس", false),
    ("فب", false),
    ("فل", false),
    ("فك", false),
    ("فس", false),
    ("و", false),
    ("ف", false),
    ("ب", false),
    ("ل", false),
    ("ك", false),
    ("س", false),
];

/// Pronoun enclitics in matching form, longest first.
const ENCLITICS: &[&str] = &["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي"];

/// Letters of `word` in matching form with the byte offset each starts at.
fn letters(word: &str) -> Vec<(usize, char)> {
    word.char_indices().filter_map(|(i, c)| fold_char(c).map(|f| (i, f))).collect()
}

fn folded(ls: &[(usize, char)]) -> String {
    ls.iter().map(|&(_, c)| c).collect()
}

/// True when `w` (matching form) is in the built-in guard list.
pub fn is_guarded(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| GUARD.iter().map(|g| crate::normalize_word(g)).collect()).contains(w)
}

/// Splits `word` into proclitics, stem and enclitic. `known` tells whether a matching-form
/// string is a known whole word (a name or dictionary entry); known words and guarded words
/// are never split, and a split whose stem is known is preferred.
pub fn segment(word: &str, known: impl Fn(&str) -> bool) -> Segmentation {
    let ls = letters(word);
    let whole = folded(&ls);
    let unsplit = Segmentation {
        proclitics: 0..0,
        stem: 0..word.len(),
        enclitic: word.len()..word.len(),
        has_article: false,
    };
    if ls.is_empty() || is_guarded(&whole) || known(&whole) {
        return unsplit;
    }
    let n = ls.len();
    // A known word with a pronoun suffix (`بلاده` = `بلاد` + `ه`) keeps its initial letters.
    for &e in ENCLITICS {
        if let Some(bare) = whole.strip_suffix(e)
            && bare.chars().count() >= 2
            && (is_guarded(bare) || known(bare))
        {
            let cut = n - e.chars().count();
            let at = ls.get(cut).map_or(word.len(), |l| l.0);
            return Segmentation {
                proclitics: 0..0,
                stem: 0..at,
                enclitic: at..word.len(),
                has_article: false,
            };
        }
    }
    let byte_at = |k: usize| if k < n { ls[k].0 } else { word.len() };
    // Proclitics: a split whose stem is a known word wins; otherwise the longest prefix
    // that leaves a plausible stem.
    let mut best: Option<(usize, bool)> = None;
    let mut best_known = false;
    for &(p, art) in PROCLITICS {
        let plen = p.chars().count();
        if !whole.starts_with(p) || n < plen + 2 {
            continue;
        }
        // The future particle only precedes an imperfect verb prefix.
        if p.ends_with('س') && !matches!(whole.chars().nth(plen), Some('ي' | 'ت' | 'ن' | 'ا'))
        {
            continue;
        }
        let rest: String = whole.chars().skip(plen).collect();
        let rest_n = n - plen;
        // `ال` before a known name that itself starts with the article (`الجزائر`).
        let (plen, art, rest) =
            if art && (known(&format!("ال{rest}")) || is_guarded(&format!("ال{rest}"))) {
                let keep = if p.ends_with("لل") { 1 } else { 2 };
                (plen - keep, false, format!("{}{rest}", if keep == 1 { "ل" } else { "ال" }))
            } else {
                (plen, art, rest)
            };
        let is_known = known(&rest) || is_guarded(&rest);
        let plausible = is_known || (art && rest_n >= 2) || rest_n >= 3;
        if !plausible {
            continue;
        }
        if is_known && !best_known {
            best = Some((plen, art));
            best_known = true;
        } else if best.is_none() {
            best = Some((plen, art));
        }
    }
    let (pre, article) = best.unwrap_or((0, false));
    // Enclitics: only when a stem of at least three letters remains and the stem is not
    // itself a known word that happens to end like a pronoun.
    let mut enc = 0;
    let stem_str: String = whole.chars().skip(pre).collect();
    if !(known(&stem_str) || is_guarded(&stem_str)) {
        for &e in ENCLITICS {
            let elen = e.chars().count();
            if stem_str.ends_with(e) && n - pre >= elen + 3 {
                let bare: String = stem_str.chars().take(n - pre - elen).collect();
                // Single-letter `ي`/`ك`/`ه` are frequent word endings (nisba, names):
                // strip them only when the remaining stem is known.
                if elen == 1 && !known(&bare) {
                    continue;
                }
                enc = elen;
                break;
            }
        }
    }
    Segmentation {
        proclitics: 0..byte_at(pre),
        stem: byte_at(pre)..byte_at(n - enc),
        enclitic: byte_at(n - enc)..word.len(),
        has_article: article,
    }
}

/// The byte offset in `word` after its proclitics (conjunction, preposition, article),
/// using only the built-in guard. Handy for trimming entity spans: `لروسيا` → 1 letter.
pub fn strip_proclitics(word: &str, known: impl Fn(&str) -> bool) -> usize {
    segment(word, known).stem.start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(w: &str) -> (&str, &str, &str) {
        let s = segment(w, |_| false);
        (&w[s.proclitics], &w[s.stem], &w[s.enclitic])
    }

    #[test]
    fn splits_proclitics() {
        assert_eq!(parts("وبالمحادثات"), ("وبال", "محادثات", ""));
        assert_eq!(parts("للتعاون"), ("لل", "تعاون", ""));
        assert_eq!(parts("والعسكري"), ("وال", "عسكري", ""));
        assert_eq!(parts("سيزور"), ("س", "يزور", ""));
    }

    #[test]
    fn guards_names() {
        for w in ["فرنسا", "بيروت", "لبنان", "كندا", "والي", "بغداد", "فلسطين"]
        {
            assert_eq!(parts(w), ("", w, ""), "{w}");
        }
        assert_eq!(parts("لروسيا"), ("ل", "روسيا", ""));
        assert_eq!(parts("وفرنسا"), ("و", "فرنسا", ""));
    }

    #[test]
    fn splits_enclitics() {
        assert_eq!(parts("زيارتهم"), ("", "زيارت", "هم"));
        assert_eq!(parts("علاقاتهما"), ("", "علاقات", "هما"));
    }
}
