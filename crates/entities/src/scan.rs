//! One dictionary pass over a document instead of one per dictionary.
//!
//! The layer looks up six phrase lists (titles, nisbas, places, organisations, people,
//! organisation heads). Each list has its own automaton in `marsad-lexicon`, and scanning the
//! whole matching form six times cost more than everything else the layer does. [`Scanner`]
//! compiles the keys of all six into a single automaton, runs it once, and then picks, for
//! each list separately, exactly the matches that list's own `PhraseMatcher::find` would
//! return (longest first, then leftmost, no overlaps), so the results do not change.
//!
//! One detail of the lists' automata is reproduced on purpose: a phrase `الX` also matches
//! `للX`, through a second pattern `لX` that a list only adds when `لX` is not itself one of
//! its keys. In a shared automaton another list's key `لX` would hide that pattern, so such
//! phrases are also compiled into a small second automaton whose contracted matches are
//! added back.

use std::collections::{BTreeMap, HashSet};

use marsad_lexicon::{Lexicon, PhraseMatch, PhraseMatcher};

/// The dictionaries scanned together, in the order of [`Scanner::scan`]'s result.
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

/// Matches of every dictionary, each list as its own matcher's `find` returns it.
pub(crate) type Scan = [Vec<PhraseMatch>; SOURCES];

/// A combined automaton over the keys of the entity dictionaries.
#[derive(Debug)]
pub(crate) struct Scanner {
    all: PhraseMatcher<(u8, u32)>,
    /// Keys `الX` whose contracted pattern `لX` is another list's key.
    contracted: PhraseMatcher<(u8, u32)>,
}

impl Scanner {
    pub(crate) fn new(lex: &Lexicon) -> Self {
        let lists: [(Source, Vec<&str>); SOURCES] = [
            (Source::Titles, keys(&lex.titles.matcher)),
            (Source::Nisbas, keys(&lex.geo.nisba_matcher)),
            (Source::Places, keys(&lex.geo.names)),
            (Source::Orgs, keys(&lex.orgs.matcher)),
            (Source::People, keys(&lex.names.people_matcher)),
            (Source::Heads, keys(&lex.orgs.head_matcher)),
        ];
        let every: HashSet<&str> = lists.iter().flat_map(|(_, k)| k.iter().copied()).collect();
        let mut entries: Vec<(&str, (u8, u32))> = Vec::new();
        let mut hidden: Vec<(&str, (u8, u32))> = Vec::new();
        for (source, list) in &lists {
            let own: HashSet<&str> = list.iter().copied().collect();
            for (k, key) in list.iter().enumerate() {
                let value = (*source as u8, k as u32);
                entries.push((key, value));
                if let Some(rest) = key.strip_prefix("ال")
                    && rest.chars().count() >= 2
                {
                    let alt = format!("ل{rest}");
                    if every.contains(alt.as_str()) && !own.contains(alt.as_str()) {
                        hidden.push((key, value));
                    }
                }
            }
        }
        Scanner { all: PhraseMatcher::build(entries), contracted: PhraseMatcher::build(hidden) }
    }

    /// The matches of each dictionary in `norm` (the document's matching form).
    pub(crate) fn scan(&self, norm: &str) -> Scan {
        let mut raw: Scan = Default::default();
        for m in self.all.find_all(norm) {
            for &(source, key) in self.all.values(m.key) {
                raw[source as usize].push(PhraseMatch { key: key as usize, ..m.clone() });
            }
        }
        if !self.contracted.is_empty() {
            let mut added = [false; SOURCES];
            for m in self.contracted.find_all(norm) {
                // Only the contracted reading (`للX` read as `الX`) was hidden.
                if norm.get(m.start..m.end) == Some(self.contracted.key(m.key)) {
                    continue;
                }
                for &(source, key) in self.contracted.values(m.key) {
                    raw[source as usize].push(PhraseMatch { key: key as usize, ..m.clone() });
                    added[source as usize] = true;
                }
            }
            for (list, added) in raw.iter_mut().zip(added) {
                if added {
                    list.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
                }
            }
        }
        raw.map(select)
    }
}

fn keys<V>(m: &PhraseMatcher<V>) -> Vec<&str> {
    (0..m.len()).map(|k| m.key(k)).collect()
}

/// Non-overlapping matches, longest first then leftmost, as `PhraseMatcher::find` picks
/// them; the intervals taken so far are disjoint, so one ordered lookup decides overlap.
fn select(mut all: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
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

    /// The combined scan returns what each dictionary's own matcher finds.
    #[test]
    fn same_as_separate_matchers() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let scanner = Scanner::new(&lex);
        let texts = [
            "قال وزير الخارجية الروسي سيرغي لافروف للصحفيين في موسكو إن الجيش التركي والقوات المسلحة الإيرانية",
            "أعلنت وكالة الأنباء السعودية الرسمية أن خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز استقبل للرئيس",
            "ولللجنة الدولية للصليب الأحمر والمتحدث باسم الحكومة العراقية في بغداد وللأمم المتحدة وللولايات المتحدة",
            "",
            "١٢٣ abc ال ل لل",
        ];
        for t in texts {
            let norm = normalize(t).text;
            let got = scanner.scan(&norm);
            assert_eq!(got[Source::Titles as usize], lex.titles.matcher.find(&norm), "{t}");
            assert_eq!(got[Source::Nisbas as usize], lex.geo.nisba_matcher.find(&norm), "{t}");
            assert_eq!(got[Source::Places as usize], lex.geo.names.find(&norm), "{t}");
            assert_eq!(got[Source::Orgs as usize], lex.orgs.matcher.find(&norm), "{t}");
            assert_eq!(got[Source::People as usize], lex.names.people_matcher.find(&norm), "{t}");
            assert_eq!(got[Source::Heads as usize], lex.orgs.head_matcher.find(&norm), "{t}");
        }
    }
}
