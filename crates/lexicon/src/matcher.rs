//! Phrase matching over the matching form of a text.
//!
//! A [`PhraseMatcher`] compiles a list of phrases (names, titles, cues) into one
//! character-wise double-array Aho–Corasick automaton over their matching forms, and finds
//! them in the matching form of a document with Arabic word boundaries:
//!
//! * a match must end at the end of a word (no partial words: `روس` does not match inside
//!   `روسيا`);
//! * a match starts at the start of a word, or after a proclitic attached to that word
//!   (`و ف ب ل ك` and their combinations, optionally followed by the article when the phrase
//!   itself does not start with it), so `لروسيا` yields `روسيا` and `والإيرانية` yields
//!   `الإيرانية`;
//! * the phrase `ال X` also matches `للX` (`ل` + `ال` contracted), reported from the second
//!   letter.
//!
//! Matches are reported as byte spans of the matching form; callers map them back to the
//! original text with the document's offset map.

use daachorse::CharwiseDoubleArrayAhoCorasick;
use marsad_text::normalize_word;

/// One match of a phrase in a matching-form text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Byte start in the matching form (after any proclitic).
    pub start: usize,
    /// Byte end (exclusive) in the matching form.
    pub end: usize,
    /// Byte start of the word the match begins in (before any proclitic).
    pub word_start: usize,
    /// Index of the phrase key (see [`PhraseMatcher::values`]).
    pub key: usize,
}

impl PhraseMatch {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty match (never produced).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A compiled set of phrases, each with one or more values.
pub struct PhraseMatcher<V> {
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    keys: Vec<String>,
    values: Vec<Vec<V>>,
}

impl<V> std::fmt::Debug for PhraseMatcher<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseMatcher").field("phrases", &self.keys.len()).finish()
    }
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcher { automaton: None, keys: Vec::new(), values: Vec::new() }
    }
}

/// Proclitic sequences (matching form) that may precede a phrase inside the same word.
const PREFIXES: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "وال", "فال", "بال", "كال",
    "وبال", "فبال", "وكال", "ولل", "فلل", "لل", "ال",
];

#[inline]
fn is_word_char(c: char) -> bool {
    marsad_text::chars::is_word_char(c)
}

impl<V> PhraseMatcher<V> {
    /// Compiles `entries` (phrase, value). Phrases are normalised to the matching form with
    /// single spaces; a phrase listed twice keeps all its values. Empty phrases are ignored.
    pub fn build<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, V)>) -> Self {
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut values: Vec<Vec<V>> = Vec::new();
        for (phrase, v) in entries {
            let k = normalize_word(phrase.as_ref());
            let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
            if k.is_empty() {
                continue;
            }
            let i = *index.entry(k.clone()).or_insert_with(|| {
                keys.push(k);
                values.push(Vec::new());
                keys.len() - 1
            });
            values[i].push(v);
        }
        // `الX` also matches after a contracted `ل`: `للX` → search `لX` preceded by `ل`.
        let mut patterns: Vec<(String, u32)> =
            keys.iter().enumerate().map(|(i, k)| (k.clone(), i as u32)).collect();
        let mut seen: std::collections::HashSet<String> = keys.iter().cloned().collect();
        for (i, k) in keys.iter().enumerate() {
            if let Some(rest) = k.strip_prefix("ال") {
                let alt = format!("ل{rest}");
                if rest.chars().count() >= 2 && seen.insert(alt.clone()) {
                    patterns.push((alt, i as u32 | CONTRACTED));
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            CharwiseDoubleArrayAhoCorasick::with_values(patterns).ok()
        };
        PhraseMatcher { automaton, keys, values }
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no phrase was compiled.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The matching-form phrase of key `k`.
    pub fn key(&self, k: usize) -> &str {
        &self.keys[k]
    }

    /// The values of key `k`.
    pub fn values(&self, k: usize) -> &[V] {
        &self.values[k]
    }

    /// Exact lookup of a phrase (given in any form) among the keys.
    pub fn get(&self, phrase: &str) -> Option<&[V]> {
        let k = normalize_word(phrase);
        self.keys.iter().position(|x| *x == k).map(|i| self.values[i].as_slice())
    }

    /// All matches in `norm` (a matching-form text) that respect word boundaries, possibly
    /// overlapping, ordered by start then by decreasing length.
    pub fn find_all(&self, norm: &str) -> Vec<PhraseMatch> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(norm) {
            let (start, end) = (m.start(), m.end());
            let raw = m.value();
            let key = (raw & !CONTRACTED) as usize;
            let contracted = raw & CONTRACTED != 0;
            if norm[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let word_start = norm[..start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_word_char(c))
                .last()
                .map_or(start, |(i, _)| i);
            let prefix = &norm[word_start..start];
            let ok = if contracted {
                // `لX` matched: the word must read `للX`, `وللX`, `فللX`.
                matches!(prefix, "ل" | "ول" | "فل")
            } else {
                prefix.is_empty()
                    || (PREFIXES.contains(&prefix)
                        && !(prefix.ends_with("ال") && self.keys[key].starts_with("ال")))
            };
            if ok {
                out.push(PhraseMatch { start, end, word_start, key });
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
    }

    /// Non-overlapping matches, leftmost first, longest at each position.
    pub fn find(&self, norm: &str) -> Vec<PhraseMatch> {
        let mut all = self.find_all(norm);
        // Longest first; among equals, leftmost first. A candidate is kept when it overlaps no
        // kept match. Kept spans never overlap, so the kept span starting last before the
        // candidate's end is the only one that can overlap it: one ordered-map lookup each.
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.start.cmp(&b.start)));
        let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        let mut out: Vec<PhraseMatch> = Vec::new();
        for m in all {
            // The candidate's own span is tested; a kept match also claims its proclitics.
            let clash = taken.range(..m.end).next_back().is_some_and(|(_, &e)| e > m.start);
            if !clash {
                taken.insert(m.word_start.min(m.start), m.end);
                out.push(m);
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }
}

const CONTRACTED: u32 = 1 << 31;

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::normalize;

    fn found(m: &PhraseMatcher<&str>, text: &str) -> Vec<String> {
        let n = normalize(text);
        m.find(&n.text).iter().map(|x| text[n.to_original(x.start..x.end)].to_string()).collect()
    }

    #[test]
    fn boundaries_and_proclitics() {
        let m = PhraseMatcher::build([
            ("روسيا", "RUS"),
            ("إيران", "IRN"),
            ("الولايات المتحدة", "USA"),
            ("القوات المسلحة", "MIL"),
            ("روس", "x"),
        ]);
        assert_eq!(found(&m, "بين روسيا وإيران ولروسيا"), ["روسيا", "إيران", "روسيا"]);
        assert_eq!(found(&m, "فرضته الولاياتُ المتحدة"), ["الولاياتُ المتحدة"]);
        assert_eq!(found(&m, "للقوات المسلحة"), ["لقوات المسلحة"]);
        assert_eq!(found(&m, "مروسيا"), Vec::<String>::new());
    }

    #[test]
    fn longest_wins() {
        let m = PhraseMatcher::build([("وزير الدفاع", 1), ("وزير", 2), ("الدفاع الروسي", 3)]);
        let n = normalize("وزير الدفاع الروسي");
        let ms = m.find(&n.text);
        let got: Vec<i32> = ms.iter().map(|x| m.values(x.key)[0]).collect();
        assert_eq!(got, [2, 3]);
    }
}
