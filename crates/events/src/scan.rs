//! One automaton pass over a document for both of the coder's phrase lists.
//!
//! The coder looks up trigger forms (about twelve thousand generated inflections) and actor
//! nouns. Each list has its own automaton, and stepping an automaton through the whole
//! matching form of a document is the largest single cost of the layer, so [`Scanner`]
//! compiles the keys of both lists into one automaton, runs it once, and hands each list
//! exactly the matches its own `PhraseMatcher::find_all` would return, with that list's key
//! indices, so that nothing downstream changes.
//!
//! In the pipeline even that pass is saved: the entity recognizer is built with the same two
//! lists (`EventCoder::scan_lists`) and finds them in its own automaton pass, and the coder
//! reads those matches from the `EntityLayer`. [`Scanner`] is what the coder falls back to
//! when the layer does not carry them (a recognizer built without the lists, a layer of
//! another document), and the reference the shared pass is tested against.
//!
//! One detail of the lists' automata is reproduced on purpose: a phrase `الX` also matches
//! `للX` through a second pattern `لX`, which a list only adds when `لX` is not itself one of
//! its own keys. In the shared automaton another list's key `لX` hides that pattern; such
//! phrases are remembered with the key that hides them, and a match of that key read after a
//! contracting `ل` (`للX`, `وللX`, `فللX`) is given back to them.

use crate::data::Form;
use crate::fast::{FastMap, FastSet};
use marsad_lexicon::{PhraseMatch, PhraseMatcher};

/// Which list a key of the combined automaton comes from.
const TRIGGERS: u8 = 0;
const ACTORS: u8 = 1;

/// The matches of each list in one document, as the list's own `find_all` returns them.
pub(crate) struct Scan {
    /// Trigger-form matches (keys of the trigger matcher).
    pub triggers: Vec<PhraseMatch>,
    /// Actor-noun matches (keys of the actor matcher).
    pub actors: Vec<PhraseMatch>,
}

/// A combined automaton over the keys of the trigger and actor matchers.
pub(crate) struct Scanner {
    all: PhraseMatcher<(u8, u32)>,
    /// For each key `لX` of `all`: the list keys `الX` whose contracted pattern it hides.
    hidden: Vec<Vec<(u8, u32)>>,
}

impl Scanner {
    pub(crate) fn new(triggers: &PhraseMatcher<Form>, actors: &PhraseMatcher<u32>) -> Self {
        let lists: [(u8, Vec<&str>); 2] = [(TRIGGERS, keys(triggers)), (ACTORS, keys(actors))];
        let every: FastSet<&str> = lists.iter().flat_map(|(_, k)| k.iter().copied()).collect();
        let mut entries: Vec<(&str, (u8, u32))> = Vec::new();
        let mut hidden_by: Vec<(String, (u8, u32))> = Vec::new();
        for (source, list) in &lists {
            let own: FastSet<&str> = list.iter().copied().collect();
            for (k, key) in list.iter().enumerate() {
                let value = (*source, k as u32);
                entries.push((key, value));
                if let Some(rest) = key.strip_prefix("ال")
                    && rest.chars().count() >= 2
                {
                    let alt = format!("ل{rest}");
                    if every.contains(alt.as_str()) && !own.contains(alt.as_str()) {
                        hidden_by.push((alt, value));
                    }
                }
            }
        }
        let all = PhraseMatcher::build(entries);
        let index: FastMap<&str, usize> = (0..all.len()).map(|k| (all.key(k), k)).collect();
        let mut hidden: Vec<Vec<(u8, u32)>> = vec![Vec::new(); all.len()];
        for (alt, value) in hidden_by {
            if let Some(&k) = index.get(alt.as_str()) {
                hidden[k].push(value);
            }
        }
        Scanner { all, hidden }
    }

    /// The matches of both lists in `norm` (a document's matching form).
    pub(crate) fn scan(&self, norm: &str) -> Scan {
        let mut out = Scan { triggers: Vec::new(), actors: Vec::new() };
        for m in self.all.find_all(norm) {
            let contracted = !self.hidden[m.key].is_empty()
                && matches!(norm.get(m.word_start..m.start), Some("ل" | "ول" | "فل"));
            let hidden: &[(u8, u32)] = if contracted { &self.hidden[m.key] } else { &[] };
            for &(source, key) in self.all.values(m.key).iter().chain(hidden) {
                let list = if source == TRIGGERS { &mut out.triggers } else { &mut out.actors };
                list.push(PhraseMatch { key: key as usize, ..m.clone() });
            }
        }
        out
    }
}

/// The keys of a matcher, in the order of its key indices.
fn keys<V>(m: &PhraseMatcher<V>) -> Vec<&str> {
    (0..m.len()).map(|k| m.key(k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_lexicon::Lexicon;
    use marsad_text::normalize;

    /// Sentences written for this test: triggers, actors, proclitics, the contracted article,
    /// keys that overlap, and text that is not Arabic at all.
    const TEXTS: &[&str] = &[
        "قصفت الطائرات التركية مواقع للمسلحين في شمال سوريا، وأعلن الجيش العراقي اعتقال عشرة أشخاص",
        "استقبل وزير الخارجية السعودي نظيره الإيراني في الرياض وبحثا تعزيز التعاون بين البلدين",
        "وللجيش وللشرطة فللحكومة للمتظاهرين لللجنة وللقوات المسلحة الإيرانية والمحتجين بالعاصمة",
        "طالبت الولايات المتحدة روسيا بوقف الغارات، ولوحت بفرض عقوبات جديدة على موسكو",
        "لن تشارك مصر في المناورات المشتركة، وقال المتحدث باسم الحكومة إن الزيارة ستتم الشهر المقبل",
        "اتهمت المعارضة السورية قوات النظام بقتل مدنيين، فيما نفى الكرملين أن يكون قد التقى بالوفد",
        "وقعت الحكومة الليبية اتفاقا مع الأمم المتحدة لتقديم مساعدات إنسانية للنازحين والللاجئين",
        "",
        "١٢٣ abc ال ل لل و",
    ];

    /// The combined scan returns what each list's own matcher finds.
    #[test]
    fn same_as_separate_matchers() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let k = crate::load(&lex).expect("event knowledge");
        for t in TEXTS {
            let norm = normalize(t).text;
            let got = k.scanner.scan(&norm);
            assert_eq!(got.triggers, k.triggers.find_all(&norm), "triggers in {t}");
            assert_eq!(got.actors, k.actors.find_all(&norm), "actors in {t}");
        }
    }

    /// The entity layer's single pass, built with the coder's lists, finds exactly what the
    /// coder's own scan finds, the contracted article (`للX`, `وللX`, `فللX`) included.
    #[test]
    fn same_as_entity_layer_pass() {
        use marsad_entities::{EntityRecognizer, lists_id};
        use marsad_text::TextDoc;
        let lex = std::sync::Arc::new(Lexicon::embedded().expect("embedded lexicon"));
        let coder = crate::EventCoder::new(lex.clone()).expect("event coder");
        let k = &coder.knowledge;
        let lists = coder.scan_lists();
        assert_eq!(lists_id(&lists), k.lists_id);
        let rec = EntityRecognizer::with_extra(lex.clone(), &lists);
        let plain = EntityRecognizer::new(lex);
        let more = [
            "للحكومة وللجيش فللشرطة للقوات لللجنة وللمعارضة فللمتظاهرين للرئيس وللوزير للسفير",
            "أدان الاتحاد الأوروبي الهجوم، وللاتحاد الأفريقي موقف مماثل، وللمجلس العسكري بيان",
        ];
        for t in TEXTS.iter().chain(&more) {
            let doc = TextDoc::new(*t);
            let own = k.scanner.scan(&doc.norm.text);
            let layer = rec.recognize(&doc);
            // A document without tokens is not scanned by the entity layer; the coder then
            // scans it itself.
            if doc.tokens.is_empty() {
                assert!(layer.extra_matches(&doc, k.lists_id).is_none());
                continue;
            }
            let shared = layer.extra_matches(&doc, k.lists_id).expect("kept matches");
            assert_eq!(shared.len(), 2, "{t}");
            assert_eq!(shared[0], own.triggers, "triggers in {t}");
            assert_eq!(shared[1], own.actors, "actors in {t}");
            // Another document, another list set, or a layer without the lists: no matches.
            assert!(layer.extra_matches(&TextDoc::new("نص آخر"), k.lists_id).is_none());
            assert!(layer.extra_matches(&doc, k.lists_id ^ 1).is_none());
            let bare = plain.recognize(&doc);
            assert!(bare.extra_matches(&doc, k.lists_id).is_none());
            // The events coded from either layer are the same.
            let input = |entities| crate::EventInput {
                doc: &doc,
                entities,
                timex: &[],
                quotes: &[],
                reference: None,
            };
            assert_eq!(coder.code(input(&layer)), coder.code(input(&bare)), "{t}");
        }
    }

    /// A list's `الX` whose contracted pattern `لX` is the other list's key still matches
    /// `للX` (the lists are made up for the test: the real ones have no such pair today).
    #[test]
    fn contracted_article_hidden_by_the_other_list() {
        let form = crate::data::Form {
            pattern: 0,
            future: false,
            imperfect: false,
            pronoun: false,
            need: 0,
        };
        let triggers = PhraseMatcher::build([("لجيش", form), ("زيارة", form)]);
        let actors = PhraseMatcher::build([("الجيش", 0u32), ("الزيارة", 1)]);
        let scanner = Scanner::new(&triggers, &actors);
        assert!(scanner.hidden.iter().any(|h| !h.is_empty()));
        for t in ["وللجيش فللجيش للجيش لجيش الجيش بالجيش", "للزيارة والزيارة زيارة", ""]
        {
            let norm = normalize(t).text;
            let got = scanner.scan(&norm);
            assert_eq!(got.triggers, triggers.find_all(&norm), "triggers in {t}");
            assert_eq!(got.actors, actors.find_all(&norm), "actors in {t}");
            assert!(!t.contains("للجيش") || !got.actors.is_empty(), "{t}");
        }
    }

    /// Every key of both lists is a key of the combined automaton (keys are already in the
    /// matching form, which normalising again leaves as it is).
    #[test]
    fn every_key_is_compiled() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let k = crate::load(&lex).expect("event knowledge");
        let all: std::collections::HashSet<&str> =
            (0..k.scanner.all.len()).map(|i| k.scanner.all.key(i)).collect();
        for i in 0..k.triggers.len() {
            assert!(all.contains(k.triggers.key(i)), "trigger key {}", k.triggers.key(i));
        }
        for i in 0..k.actors.len() {
            assert!(all.contains(k.actors.key(i)), "actor key {}", k.actors.key(i));
        }
    }
}
