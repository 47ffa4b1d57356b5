//! One dictionary pass over a document instead of one per dictionary.
//!
//! The entity layer looks up six phrase lists (titles, nisbas, places, organisations, people,
//! organisation heads), and the quote layer four more (speech verbs, markers, cues, source
//! words), and other layers may add their own lists (the event layer's trigger forms and actor
//! nouns, see `EntityRecognizer::with_extra`). Each list has its own automaton in `marsad-lexicon`, and scanning the whole
//! matching form once per list cost more than everything else those layers do.
//! [`MultiMatcher`] compiles the keys of several lists into a single automaton, runs it once,
//! and then gives each list exactly what its own `PhraseMatcher` would return: every match
//! (`find_all`) or the non-overlapping ones, longest first, then leftmost (`find`).
//!
//! One detail of the lists' automata is reproduced on purpose: a phrase `الX` also matches
//! `للX`, through a second pattern `لX` that a list only adds when `لX` is not itself one of
//! its keys. In a shared automaton another list's key `لX` hides that pattern; but the shared
//! automaton then reports `لX` itself wherever it occurs, and an occurrence behind `ل`, `ول`
//! or `فل` is exactly the contracted reading the hidden pattern would have found. Those
//! occurrences are handed to the lists that lost their pattern, so no second pass is needed.

use std::collections::{BTreeMap, HashMap, HashSet};

use marsad_lexicon::{Lexicon, PhraseMatch, PhraseMatcher};

/// How a list's matches are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Every match, as `PhraseMatcher::find_all` returns them.
    All,
    /// Non-overlapping matches, as `PhraseMatcher::find` returns them.
    Longest,
}

/// A combined automaton over the keys of several phrase lists.
///
/// Each list's matches use that list's own key indices (`PhraseMatcher::key`,
/// `PhraseMatcher::values` of the list's matcher apply unchanged).
#[derive(Debug)]
pub struct MultiMatcher {
    all: PhraseMatcher<(u8, u32)>,
    /// For a combined key `لX`, the (list, key) pairs of keys `الX` whose own contracted
    /// pattern `لX` this key hides.
    contracted: Vec<Vec<(u8, u32)>>,
    picks: Vec<Pick>,
}

impl MultiMatcher {
    /// A matcher over `lists`: each list's keys (in the matching form, in the order of its own
    /// matcher's key indices) and how its matches are picked. Lists after the 256th are
    /// ignored (their results are empty).
    pub fn new(lists: &[(Vec<&str>, Pick)]) -> Self {
        let every: HashSet<&str> = lists.iter().flat_map(|(k, _)| k.iter().copied()).collect();
        let mut entries: Vec<(&str, (u8, u32))> = Vec::new();
        let mut hidden: Vec<(String, (u8, u32))> = Vec::new();
        for (source, (list, _)) in lists.iter().enumerate().take(usize::from(u8::MAX) + 1) {
            let own: HashSet<&str> = list.iter().copied().collect();
            for (k, key) in list.iter().enumerate() {
                let value = (source as u8, k as u32);
                entries.push((key, value));
                if let Some(rest) = key.strip_prefix("ال")
                    && rest.chars().count() >= 2
                {
                    let alt = format!("ل{rest}");
                    if every.contains(alt.as_str()) && !own.contains(alt.as_str()) {
                        hidden.push((alt, value));
                    }
                }
            }
        }
        let all = PhraseMatcher::build(entries);
        let index: HashMap<&str, usize> = (0..all.len()).map(|k| (all.key(k), k)).collect();
        let mut contracted = vec![Vec::new(); all.len()];
        for (alt, value) in hidden {
            if let Some(&k) = index.get(alt.as_str()) {
                contracted[k].push(value);
            }
        }
        MultiMatcher { all, contracted, picks: lists.iter().map(|(_, p)| *p).collect() }
    }

    /// The matches of each list in `norm` (a matching-form text), in list order.
    pub fn scan(&self, norm: &str) -> Vec<Vec<PhraseMatch>> {
        let mut raw: Vec<Vec<PhraseMatch>> = vec![Vec::new(); self.picks.len()];
        for m in self.all.find_all(norm) {
            for &(source, key) in self.all.values(m.key) {
                raw[source as usize].push(PhraseMatch { key: key as usize, ..m.clone() });
            }
            let hidden = &self.contracted[m.key];
            // Only the contracted reading (`للX`, `وللX`, `فللX` read as `الX`) was hidden.
            if !hidden.is_empty()
                && matches!(norm.get(m.word_start..m.start), Some("ل" | "ول" | "فل"))
            {
                for &(source, key) in hidden {
                    raw[source as usize].push(PhraseMatch { key: key as usize, ..m.clone() });
                }
            }
        }
        raw.into_iter()
            .zip(&self.picks)
            .map(|(list, pick)| match pick {
                Pick::All => list,
                Pick::Longest => select(list),
            })
            .collect()
    }
}

/// The dictionaries of the entity layer, in the order of [`Scanner::scan`]'s result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Titles = 0,
    Nisbas = 1,
    Places = 2,
    Orgs = 3,
    People = 4,
    Heads = 5,
}

const SOURCES: usize = 6;

/// Matches of every entity dictionary, each list as its own matcher's `find` returns it.
pub(crate) type Scan = [Vec<PhraseMatch>; SOURCES];

/// The combined automaton over the keys of the entity dictionaries and of the speech
/// dictionaries. The quote layer reads the speech matches of the same document, so they are
/// found in this pass too and kept on the [`crate::EntityLayer`].
#[derive(Debug)]
pub(crate) struct Scanner {
    multi: MultiMatcher,
    /// Number of extra lists after the speech dictionaries.
    extra: usize,
}

impl Scanner {
    /// The scanner of `lex`'s dictionaries, plus `extra` phrase lists of other layers (keys in
    /// the matching form) found in the same pass.
    pub(crate) fn new(lex: &Lexicon, extra: &[(Vec<String>, Pick)]) -> Self {
        use Source::*;
        let mut lists: Vec<(Vec<&str>, Pick)> = [Titles, Nisbas, Places, Orgs, People, Heads]
            .map(|source| {
                let keys = match source {
                    Titles => matcher_keys(&lex.titles.matcher),
                    Nisbas => matcher_keys(&lex.geo.nisba_matcher),
                    Places => matcher_keys(&lex.geo.names),
                    Orgs => matcher_keys(&lex.orgs.matcher),
                    People => matcher_keys(&lex.names.people_matcher),
                    Heads => matcher_keys(&lex.orgs.head_matcher),
                };
                (keys, Pick::Longest)
            })
            .into_iter()
            .collect();
        let sp = &lex.speech;
        lists.extend([
            (matcher_keys(&sp.verbs), Pick::Longest),
            (matcher_keys(&sp.markers), Pick::All),
            (matcher_keys(&sp.cues), Pick::Longest),
            (matcher_keys(&sp.sources), Pick::All),
        ]);
        // The combined automaton holds at most 256 lists; extra lists beyond that are dropped
        // (and then never reported, so their layer scans for itself).
        let room = usize::from(u8::MAX) + 1 - lists.len();
        let extra = &extra[..extra.len().min(room)];
        lists.extend(
            extra.iter().map(|(keys, pick)| (keys.iter().map(String::as_str).collect(), *pick)),
        );
        Scanner { multi: MultiMatcher::new(&lists), extra: extra.len() }
    }

    /// The matches of each entity dictionary, of the speech dictionaries and of the extra
    /// lists in `norm` (the document's matching form).
    pub(crate) fn scan(&self, norm: &str) -> (Scan, SpeechMatches, Vec<Vec<PhraseMatch>>) {
        let mut lists = self.multi.scan(norm).into_iter();
        let mut out: Scan = Default::default();
        for slot in &mut out {
            *slot = lists.next().unwrap_or_default();
        }
        let mut next = || lists.next().unwrap_or_default();
        let speech =
            SpeechMatches { verbs: next(), markers: next(), cues: next(), sources: next() };
        let extra: Vec<Vec<PhraseMatch>> = lists.take(self.extra).collect();
        (out, speech, extra)
    }

    /// How many extra lists this scanner reports.
    pub(crate) fn extra_lists(&self) -> usize {
        self.extra
    }
}

/// An identifier of a set of phrase lists (their keys and picks), so that a layer asking for
/// the matches of its lists gets them only from a recognizer built with exactly those lists.
pub fn lists_id(lists: &[(Vec<String>, Pick)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    lists.len().hash(&mut h);
    for (keys, pick) in lists {
        keys.hash(&mut h);
        matches!(pick, Pick::All).hash(&mut h);
    }
    h.finish()
}

/// The matches of the speech dictionaries of `marsad_lexicon::Speech` in one document, each
/// exactly as that dictionary's own matcher reports it.
#[derive(Debug, Clone, Default)]
pub struct SpeechMatches {
    /// `speech.verbs.find`.
    pub verbs: Vec<PhraseMatch>,
    /// `speech.markers.find_all`.
    pub markers: Vec<PhraseMatch>,
    /// `speech.cues.find`.
    pub cues: Vec<PhraseMatch>,
    /// `speech.sources.find_all`.
    pub sources: Vec<PhraseMatch>,
}

/// The keys of a matcher, in the order of its key indices.
pub fn matcher_keys<V>(m: &PhraseMatcher<V>) -> Vec<&str> {
    (0..m.len()).map(|k| m.key(k)).collect()
}

/// Non-overlapping matches, longest first then leftmost, as `PhraseMatcher::find` picks
/// them; the intervals taken so far are disjoint, so one ordered lookup decides overlap.
fn select(mut all: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    // `all` is in text order. When each match, with the proclitics it claims, ends before
    // the next one begins, no two overlap and every one is kept, in that order: the usual
    // case, decided without sorting.
    if all.windows(2).all(|w| w[0].end <= w[1].word_start.min(w[1].start)) {
        return all;
    }
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.start.cmp(&b.start)));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for m in all {
        let free = taken.range(..m.end).next_back().is_none_or(|(_, &e)| m.start >= e);
        if free {
            taken.insert(m.word_start.min(m.start), m.end);
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::normalize;

    const TEXTS: &[&str] = &[
        "قال وزير الخارجية الروسي سيرغي لافروف للصحفيين في موسكو إن الجيش التركي والقوات المسلحة الإيرانية",
        "أعلنت وكالة الأنباء السعودية الرسمية أن خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز استقبل للرئيس",
        "ولللجنة الدولية للصليب الأحمر والمتحدث باسم الحكومة العراقية في بغداد وللأمم المتحدة وللولايات المتحدة",
        "فللحكومة وللجيش للشرطة لللجنة ولوزارة الداخلية فلوزير الدفاع للمتحدث للمصادر",
        "وأضاف مضيفًا أن المصادر أشارت إلى أن الاجتماع سيعقد، بحسب ما أفادت وكالة الأنباء",
        "ونقلت وكالات روسية عن مسؤول قوله إن «الوضع مستقر»، وفقًا لمصدر مطلع، ولم يفصح الدبلوماسيون",
        "",
        "١٢٣ abc ال ل لل",
    ];

    /// The combined scan returns what each dictionary's own matcher finds.
    #[test]
    fn same_as_separate_matchers() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let scanner = Scanner::new(&lex, &[]);
        for t in TEXTS {
            let norm = normalize(t).text;
            let (got, speech, _) = scanner.scan(&norm);
            let sp = &lex.speech;
            assert_eq!(speech.verbs, sp.verbs.find(&norm), "{t}");
            assert_eq!(speech.markers, sp.markers.find_all(&norm), "{t}");
            assert_eq!(speech.cues, sp.cues.find(&norm), "{t}");
            assert_eq!(speech.sources, sp.sources.find_all(&norm), "{t}");
            assert_eq!(got[Source::Titles as usize], lex.titles.matcher.find(&norm), "{t}");
            assert_eq!(got[Source::Nisbas as usize], lex.geo.nisba_matcher.find(&norm), "{t}");
            assert_eq!(got[Source::Places as usize], lex.geo.names.find(&norm), "{t}");
            assert_eq!(got[Source::Orgs as usize], lex.orgs.matcher.find(&norm), "{t}");
            assert_eq!(got[Source::People as usize], lex.names.people_matcher.find(&norm), "{t}");
            assert_eq!(got[Source::Heads as usize], lex.orgs.head_matcher.find(&norm), "{t}");
        }
    }

    /// A list whose contracted pattern another list's key hides still finds `للX`, both as
    /// `find` and as `find_all`.
    #[test]
    fn hidden_contracted_pattern() {
        let a = PhraseMatcher::build([("اللجنة", 1), ("الجيش", 2)]);
        let b = PhraseMatcher::build([("لجنة", 3), ("لجيش", 4), ("جيش", 5)]);
        for pick in [Pick::All, Pick::Longest] {
            let multi = MultiMatcher::new(&[(matcher_keys(&a), pick), (matcher_keys(&b), pick)]);
            for t in TEXTS.iter().chain(&["لجنة اللجنة للجنة ولللجنة فللجيش ولجيش بالجيش للجيش"])
            {
                let norm = normalize(t).text;
                let got = multi.scan(&norm);
                let want = |m: &PhraseMatcher<i32>| match pick {
                    Pick::All => m.find_all(&norm),
                    Pick::Longest => m.find(&norm),
                };
                assert_eq!(got[0], want(&a), "{t}");
                assert_eq!(got[1], want(&b), "{t}");
            }
        }
    }
}
