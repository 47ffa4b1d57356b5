//! Entity mentions, actor coding and in-document coreference for Arabic news.
//!
//! The layer answers three questions about an article: *which names does it mention*
//! (people, organisations, places, named equipment, as exact code-point spans), *who are the
//! actors behind them* (one [`Actor`] per real-world person, body or place, with a CAMEO-style
//! code), and *which other phrases refer to those actors* (surnames, role phrases such as
//! `وزير الدفاع الروسي`, counterparts such as `نظيره الروسي`).
//!
//! # How mentions are found
//!
//! Every source of evidence proposes candidate mentions; overlaps are resolved by length
//! first (the longer, more specific name wins) and then by the reliability of the source:
//!
//! * dictionaries compiled by `marsad-lexicon`: known people, named organisations,
//!   countries, capitals, regions and places (`rule` = `gazetteer:<file>:<entry>`);
//! * structural organisations: a head noun from `org_heads.tsv` followed by a genitive
//!   chain and an optional country nisba (`القوات المسلحة الإيرانية`, rule `org-head+chain`);
//! * structural persons: a title followed by name-like words (`اللواء محمد باقري`,
//!   `title+name`), a name in apposition to a title (`سيرجي شويجو، وزير الدفاع`,
//!   `name+apposition`), a speech verb followed by a name (`speech+name`), or a known given
//!   name followed by name-like words (`first-name`);
//! * surnames and short forms of people already named in the article (`alias`);
//! * regions made of a direction and a country nisba (`أقصى الشرق الروسي`);
//! * named equipment: a model family joined by a dash to a number (`ياك-130`), with a
//!   preceding maker (`سوخوي سو-35`).
//!
//! A mention never includes a proclitic (`لروسيا` → `روسيا`) nor the title of a person.
//! Country adjectives on their own (`الروسي`) and role phrases are not mentions.
//!
//! Name boundaries: a name ends at a function, time or speech word (also behind a proclitic:
//! `وقال`), at a word with the accusative ending (`وزيراً`), at a preposition before a
//! feminine noun (`بدورة`) and at words such as `قوله`, `للصحفيين`. Without a title a name
//! has two words (three when something closes it); after an office or rank up to four when
//! closed (`وزير خارجية إسبانيا خوسيه مانويل غارسيا مارغايو للصحفيين`). A title that is also a
//! common noun (`الفريق` rank or team) opens a name only before a known given name or two name
//! words. An organisation chain takes a place or a named organisation in the genitive
//! (`سفارة الولايات المتحدة`, `وكالة الأناضول للأنباء الرسمية` is the agency itself) and stops
//! at a coordinated body (`قوات التحالف والتحالف العربي`), behind a preposition, and after a
//! named organisation; an indefinite head read behind an article (`التيار الكهربائي`) opens
//! nothing.
//!
//! # Actor coding policy
//!
//! An actor's `code` is its country or group code followed by its **primary** agent code:
//! the first agent of its role title, where `titles.tsv` lists the institution's sector
//! first (`وزير الدفاع` has `GOV|MIL`, so `وزير الدفاع الروسي` is `RUSGOV`); `agents` lists
//! all of them (`[GOV, MIL]`). The country comes, in this order, from a nisba in the role
//! (`وزير الدفاع الروسي`), from the organisation named in the role (`مسؤول في الحكومة
//! التركية`), from `في <country>` (`متحدث باسم الرئاسة في نيجيريا`), from the people
//! dictionary, from a definite nisba right before a person's name (`الفرنسية إيزابيل ...`),
//! or is unknown (`---`). Places carry their ISO3 code, blocs and regions their group code.
//! Named organisations carry the code of `orgs.tsv`.
//!
//! What is still unknown is then taken from the article, because news names the bodies and
//! officials of the country it reports on without repeating the country (`القوات الأمنية`,
//! `مجلس النواب`, `المتحدث باسم وزارة الخارجية`), and annotators and event coders code them
//! with that country: in an article about one country (its country mentions name it at least
//! twice as often as any other) state bodies and offices (`GOV MIL COP JUD LEG SPY`) and
//! people without a sector take it (rule `country:document(XXX)`); otherwise a state body or
//! office takes the country of the nearest place in its sentence or of the last place in the
//! sentence before (`country:context(XXX)`). Gazetteer organisations keep their code.
//!
//! # Coreference
//!
//! Within one article a surname or short form refers to the person whose full name ends
//! with it; a role phrase refers to the named person holding the same role (same title
//! signature and country); `نظيره <nisba>` refers to the holder, in that country, of the role
//! of the person the sentence is about. A bare definite role (`الوزير`, `المسؤول`, `الرئيس`)
//! refers back to the last person referred to before it whose role has the same signature
//! (or the same head word). A known person right after a role holds it, and a definite title
//! right after a name (`كفاح محمود المستشار الإعلامي`) or after `، وهو` / `-وهو` is in
//! apposition. Surname aliases are not taken from patronymics (`بن عبد العزيز`), from the
//! second half of a compound (`عبد العزيز`), nor, as a definite one-word noun, from names found
//! only through a given name (`رائد الفضاء`). Role phrases that resolve to nobody become
//! actors of their own (kind PER, name = the role phrase) without entity mentions. Both kinds of
//! non-name references are kept in [`Actor::role_mentions`]; other layers resolve a span with
//! [`EntityLayer::actor_at`] and [`EntityLayer::resolve_role`].
//!
//! # Speed
//!
//! The layer runs over every token of every article, so per-token work is kept to table
//! lookups: the six dictionaries are scanned in one automaton pass ([`MultiMatcher`]), each
//! token is classified once with one hash lookup into a table of word classes built from the
//! lexicon (proclitic forms included), role and organisation lookups use per-token indexes
//! instead of scans, overlap resolution uses an ordered map over sorted candidate indices, and
//! the alias pass skips tokens whose ending matches no alias.
//!
//! Stepping an automaton through the whole text is the largest cost of the layers that look
//! words up, so the same pass also finds the quote layer's speech vocabulary (verbs, markers,
//! cues, source words): the layer keeps those matches and its title and organisation matches on
//! [`EntityLayer`] ([`EntityLayer::speech_matches`], [`EntityLayer::title_matches`],
//! [`EntityLayer::org_matches`]) for the quote layer, which then scans nothing itself. Other
//! layers hand their own phrase lists to [`EntityRecognizer::with_extra`] (the event layer's
//! trigger forms and actor nouns) and read their matches back with
//! [`EntityLayer::extra_matches`], so each document is scanned once.
//! `cargo run --release -p marsad-entities --example bench -- docs.jsonl` measures the layer
//! and prints a digest of the output for checking that a change kept it.

mod recognize;
mod scan;

pub use scan::{MultiMatcher, Pick, SpeechMatches, lists_id, matcher_keys};

use marsad_lexicon::{Lexicon, PhraseMatch};
use marsad_model::{Actor, Entity};
use marsad_text::TextDoc;
use std::sync::Arc;

/// Entities and actors of one document.
#[derive(Debug, Clone, Default)]
pub struct EntityLayer {
    /// Mentions, sorted by start.
    pub entities: Vec<Entity>,
    /// Actors; `Entity::actor` and `Actor::mentions` index into each other.
    pub actors: Vec<Actor>,
    /// Dictionary matches found while recognising, kept for the layers that need the same
    /// lookups (see [`EntityLayer::title_matches`]).
    dict: Option<DictMatches>,
}

/// The title, organisation and speech-vocabulary matches of the document the layer was
/// recognised from.
#[derive(Debug, Clone, Default)]
pub(crate) struct DictMatches {
    /// [`fingerprint`] of the document, to tell it apart from another.
    pub(crate) doc: u64,
    pub(crate) titles: Vec<PhraseMatch>,
    pub(crate) orgs: Vec<PhraseMatch>,
    pub(crate) speech: SpeechMatches,
    /// The matches of the recognizer's extra lists, with their [`lists_id`].
    pub(crate) extra: Option<(u64, Vec<Vec<PhraseMatch>>)>,
}

impl EntityLayer {
    /// The actor referred to by a mention overlapping the code-point span `start..end`:
    /// first an entity mention (the longest overlap wins), then a role mention. Used by the
    /// quote and event layers to turn a speaker or an argument span into an actor.
    pub fn actor_at(&self, start: usize, end: usize) -> Option<usize> {
        let overlap = |s: usize, e: usize| s < end && start < e;
        let by_entity = self
            .entities
            .iter()
            .filter(|m| overlap(m.start, m.end) && m.actor.is_some())
            .max_by_key(|m| m.end.min(end) - m.start.max(start))
            .and_then(|m| m.actor);
        by_entity.or_else(|| self.resolve_role(start, end))
    }

    /// The actor that a role or description phrase overlapping the code-point span
    /// `start..end` resolves to (`وزير الدفاع الروسي` → the actor of `سيرجي شويجو` when the
    /// article names him as such).
    pub fn resolve_role(&self, start: usize, end: usize) -> Option<usize> {
        self.actors
            .iter()
            .position(|a| a.role_mentions.iter().any(|r| r.start < end && start < r.end))
    }

    /// The first entity mention starting at or after code point `pos`.
    pub fn entity_after(&self, pos: usize) -> Option<&Entity> {
        let i = self.entities.partition_point(|e| e.start < pos);
        self.entities.get(i)
    }

    /// The actor at `index`.
    pub fn actor(&self, index: usize) -> Option<&Actor> {
        self.actors.get(index)
    }

    /// The matches of the title dictionary in `doc`, exactly as
    /// `lexicon.titles.matcher.find(&doc.norm.text)` returns them, when this layer was
    /// recognised from `doc` (the recognizer scans for them anyway; other layers reuse them
    /// instead of scanning the text again). `None` for a layer built otherwise.
    pub fn title_matches(&self, doc: &TextDoc) -> Option<&[PhraseMatch]> {
        self.dict_of(doc).map(|d| d.titles.as_slice())
    }

    /// The matches of the organisation dictionary in `doc`, exactly as
    /// `lexicon.orgs.matcher.find(&doc.norm.text)` returns them; see
    /// [`EntityLayer::title_matches`].
    pub fn org_matches(&self, doc: &TextDoc) -> Option<&[PhraseMatch]> {
        self.dict_of(doc).map(|d| d.orgs.as_slice())
    }

    /// The matches of the speech dictionaries (`lexicon.speech`) in `doc`, each exactly as
    /// its own matcher reports it, when this layer was recognised from `doc`: the recognizer
    /// finds them in the same automaton pass as its own dictionaries, so that the quote layer
    /// does not scan the text again. `None` for a layer built otherwise.
    pub fn speech_matches(&self, doc: &TextDoc) -> Option<&SpeechMatches> {
        self.dict_of(doc).map(|d| &d.speech)
    }

    /// The matches of the extra phrase lists the recognizer was built with
    /// ([`EntityRecognizer::with_extra`]) in `doc`, one list of matches per phrase list, each
    /// exactly as a `PhraseMatcher` over that list's keys reports it (`find_all` for
    /// [`Pick::All`], `find` for [`Pick::Longest`]), when this layer was recognised from `doc`
    /// by a recognizer built with lists whose [`lists_id`] is `lists`. `None` otherwise, and
    /// the asking layer then scans for itself.
    pub fn extra_matches(&self, doc: &TextDoc, lists: u64) -> Option<&[Vec<PhraseMatch>]> {
        self.dict_of(doc)
            .and_then(|d| d.extra.as_ref())
            .filter(|(id, _)| *id == lists)
            .map(|(_, m)| m.as_slice())
    }

    fn dict_of(&self, doc: &TextDoc) -> Option<&DictMatches> {
        self.dict.as_ref().filter(|d| d.doc == fingerprint(doc))
    }
}

/// A hash of a document's matching form and token count, so that matches kept on a layer are
/// only handed out for the document they were found in (one multiply per eight bytes).
pub(crate) fn fingerprint(doc: &TextDoc) -> u64 {
    let bytes = doc.norm.text.as_bytes();
    let mut h = (bytes.len() as u64) ^ (doc.tokens.len() as u64).rotate_left(32);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h
}

/// Finds entities and codes actors. Built once; shared across threads.
#[derive(Debug, Clone)]
pub struct EntityRecognizer {
    lexicon: Arc<Lexicon>,
    /// Per-lexicon preparations (combined automaton, title signatures), built once.
    prepared: Arc<recognize::Prepared>,
}

impl EntityRecognizer {
    /// A recognizer over `lexicon` (all matchers are compiled by the lexicon itself).
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        EntityRecognizer::with_extra(lexicon, &[])
    }

    /// A recognizer over `lexicon` that also finds the phrases of `extra` (other layers'
    /// lists: keys in the matching form, in the order of their own key indices) in the same
    /// automaton pass, and keeps their matches on the layer ([`EntityLayer::extra_matches`]),
    /// so that a layer needing them does not scan the document again.
    pub fn with_extra(lexicon: Arc<Lexicon>, extra: &[(Vec<String>, Pick)]) -> Self {
        let prepared = Arc::new(recognize::Prepared::new(&lexicon, extra));
        EntityRecognizer { lexicon, prepared }
    }

    /// The knowledge in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Recognizes the entities and actors of `doc`.
    pub fn recognize(&self, doc: &TextDoc) -> EntityLayer {
        recognize::run(&self.lexicon, &self.prepared, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept dictionary matches are what the dictionaries' own matchers find, and only
    /// for the document the layer was recognised from.
    #[test]
    fn kept_matches_are_the_dictionaries() {
        let lex = Arc::new(Lexicon::embedded().expect("embedded lexicon"));
        let rec = EntityRecognizer::new(lex.clone());
        let texts = [
            "قال وزير الدفاع الروسي سيرغي شويغو لوكالة الأنباء السعودية إن الجيش مستعد",
            "وللأمم المتحدة وللحكومة العراقية رأي آخر، بحسب المتحدث باسم الخارجية",
        ];
        for t in texts {
            let doc = TextDoc::new(t);
            let layer = rec.recognize(&doc);
            let norm = &doc.norm.text;
            assert_eq!(layer.title_matches(&doc), Some(&lex.titles.matcher.find(norm)[..]));
            assert_eq!(layer.org_matches(&doc), Some(&lex.orgs.matcher.find(norm)[..]));
            let speech = layer.speech_matches(&doc).expect("speech matches");
            assert_eq!(speech.verbs, lex.speech.verbs.find(norm));
            assert_eq!(speech.markers, lex.speech.markers.find_all(norm));
            assert_eq!(speech.cues, lex.speech.cues.find(norm));
            assert_eq!(speech.sources, lex.speech.sources.find_all(norm));
            let other = TextDoc::new("نص آخر");
            assert_eq!(layer.title_matches(&other), None);
            // Same length, other text.
            let mut swapped: Vec<char> = t.chars().collect();
            swapped.swap(0, 2);
            let same_len = TextDoc::new(swapped.into_iter().collect::<String>());
            assert_eq!(same_len.norm.text.len(), doc.norm.text.len());
            assert_eq!(layer.speech_matches(&same_len).map(|_| ()), None);
        }
        assert_eq!(EntityLayer::default().org_matches(&TextDoc::new("نص")), None);
    }

    /// Extra lists are found in the same pass exactly as their own matchers find them, also
    /// when a key of an entity dictionary (`لبنان`) or of another extra list (`لجيش`) hides
    /// the contracted pattern of an `الX` key.
    #[test]
    fn extra_lists_are_their_matchers() {
        use marsad_lexicon::PhraseMatcher;
        let lex = Arc::new(Lexicon::embedded().expect("embedded lexicon"));
        assert!(matcher_keys(&lex.geo.names).contains(&"لبنان"));
        let a: Vec<String> = ["البنان", "الجيش", "الحكومة"].map(String::from).to_vec();
        let b: Vec<String> = ["لجيش", "جيش", "حكومة"].map(String::from).to_vec();
        let extra =
            [(a.clone(), Pick::All), (b.clone(), Pick::Longest), (a.clone(), Pick::Longest)];
        let id = lists_id(&extra);
        let rec = EntityRecognizer::with_extra(lex, &extra);
        let ma = PhraseMatcher::build(a.iter().map(|k| (k.as_str(), ())));
        let mb = PhraseMatcher::build(b.iter().map(|k| (k.as_str(), ())));
        let texts = [
            "للبنان ولبنان البنان فللبنان وللجيش للجيش لجيش الجيش فللحكومة حكومة للحكومة",
            "قال وزير الدفاع اللبناني إن للجيش دورا في حماية لبنان، وللحكومة رأي آخر",
            "",
        ];
        for t in texts {
            let doc = TextDoc::new(t);
            let norm = &doc.norm.text;
            let layer = rec.recognize(&doc);
            // A document without tokens is not scanned: its reader scans it (finding nothing).
            if doc.tokens.is_empty() {
                assert!(layer.extra_matches(&doc, id).is_none());
                continue;
            }
            let got = layer.extra_matches(&doc, id).expect("extra matches");
            assert_eq!(got.len(), 3, "{t}");
            assert_eq!(got[0], ma.find_all(norm), "{t}");
            assert_eq!(got[1], mb.find(norm), "{t}");
            assert_eq!(got[2], ma.find(norm), "{t}");
            assert!(layer.extra_matches(&doc, id ^ 1).is_none());
        }
    }

    #[test]
    fn recognizer_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<EntityRecognizer>();
    }
}
