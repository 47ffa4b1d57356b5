//! Political event coding in CAMEO and PLOVER.
//!
//! An event is a trigger (a verb or deverbal noun from `data/events/patterns.tsv`) plus the
//! two actors it relates, coded with the trigger pattern's CAMEO code and, through
//! `data/events/cameo.tsv`, its PLOVER type, Goldstein score and QuadClass. The knowledge is
//! data so that analysts can add triggers without touching Rust:
//!
//! * `events/cameo.tsv` — every CAMEO code with Goldstein, QuadClass, PLOVER type/mode/context;
//! * `events/patterns.tsv` — triggers with their dictionary forms, inflected by rule;
//! * `events/cues.tsv` — negation, future, conditional, light-verb and sports cues;
//! * `events/actors.tsv` — common nouns that act (`الجيش`, `المتظاهرين`).
//!
//! Actors come from the entity layer when it has them; the coder also recognises countries,
//! capitals, nisba adjectives, groups and organisations from the shared gazetteers itself, so
//! that a bare `الدبابات التركية قصفت` is coded TUR even without a named entity.
//!
//! Modality policy (documented in `data/README.md`): negated, denied, conditional and
//! questioned events are not emitted; future, planned, hypothetical and reported (inside a
//! quote) events are emitted with the corresponding `modality` flag; events dated more than a
//! month before the reference date carry `background`. Sanctions and attacks that are only
//! threatened, weighed, announced or stated as the consequence of a condition are threats
//! (THREATEN), because that is the event the article reports; those demanded or refused by a
//! verb are left to that verb.
//!
//! Article-level decisions, each visible in the side's `rule`: a side the sentence does not
//! state is the article's main other country (`document-topic`; in an article about one
//! country, that country), arrests and investigations default to the target's own state
//! (`state-of-target`), first-person events in a quote belong to its speaker
//! (`quote-speaker`); events with no stated side at all, and demands or accusations named by a
//! noun without their author, are not emitted. Events of one type between the same countries
//! collapse into one with all mentions, across directions when symmetric or cooperative.

mod coder;
pub mod data;
mod fast;
mod scan;

use coder::Knowledge;
use data::{ActorEntry, CueKind};
use marsad_entities::EntityLayer;
use marsad_lexicon::{Lexicon, LexiconError, PhraseMatcher};
use marsad_model::{Event, Quote, Timex};
use marsad_text::TextDoc;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Everything an event coder reads about one document.
#[derive(Debug, Clone, Copy)]
pub struct EventInput<'a> {
    /// The prepared text.
    pub doc: &'a TextDoc,
    /// Entities and actors.
    pub entities: &'a EntityLayer,
    /// Time expressions.
    pub timex: &'a [Timex],
    /// Quotes (events inside quotes are reported speech).
    pub quotes: &'a [Quote],
    /// Reference date `YYYY-MM-DD`, if known.
    pub reference: Option<&'a str>,
}

/// Codes events.
#[derive(Clone)]
pub struct EventCoder {
    knowledge: Arc<Knowledge>,
}

impl std::fmt::Debug for EventCoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventCoder")
            .field("patterns", &self.knowledge.patterns.len())
            .field("forms", &self.knowledge.triggers.len())
            .finish()
    }
}

impl EventCoder {
    /// Loads event patterns and code tables through `lexicon`'s data source.
    pub fn new(lexicon: Arc<Lexicon>) -> Result<Self, LexiconError> {
        Ok(EventCoder { knowledge: Arc::new(load(&lexicon)?) })
    }

    /// The events of one document.
    pub fn code(&self, input: EventInput<'_>) -> Vec<Event> {
        coder::code(&self.knowledge, input, &mut None)
    }

    /// The phrase lists the coder looks up in every document (trigger forms, actor nouns).
    /// An entity recognizer built with them (`EntityRecognizer::with_extra`) finds them in
    /// its own automaton pass, and [`EventCoder::code`] then reads their matches from the
    /// [`EntityLayer`] instead of scanning the document a second time.
    pub fn scan_lists(&self) -> Vec<(Vec<String>, marsad_entities::Pick)> {
        scan_lists(&self.knowledge.triggers, &self.knowledge.actors)
    }

    /// The events with a human-readable explanation of how each was coded and which rules
    /// were tried and rejected.
    pub fn explain(&self, input: EventInput<'_>) -> (Vec<Event>, Vec<String>) {
        let mut log = Some(Vec::new());
        let events = coder::code(&self.knowledge, input, &mut log);
        (events, log.unwrap_or_default())
    }
}

/// The phrase lists the coder looks up, in the form `EntityRecognizer::with_extra` takes:
/// the trigger forms, then the actor nouns, every match of each.
fn scan_lists<A, B>(
    triggers: &PhraseMatcher<A>,
    actors: &PhraseMatcher<B>,
) -> Vec<(Vec<String>, marsad_entities::Pick)> {
    let keys = |list: Vec<&str>| list.into_iter().map(str::to_string).collect::<Vec<_>>();
    vec![
        (keys(marsad_entities::matcher_keys(triggers)), marsad_entities::Pick::All),
        (keys(marsad_entities::matcher_keys(actors)), marsad_entities::Pick::All),
    ]
}

fn load(lexicon: &Lexicon) -> Result<Knowledge, LexiconError> {
    let source = lexicon.source();
    let cameo = data::load_cameo(source)?;
    let data::Patterns { patterns, forms, needs } = data::load_patterns(source, &cameo)?;
    let cues = data::load_cues(source)?;
    // Generic one-word titles that are also adjectives (`العسكري`, `الأمني`) would turn
    // `التعاون العسكري` into an actor; they are left to the entity layer.
    let titles: Vec<(String, Vec<String>)> = lexicon
        .titles
        .titles
        .iter()
        .filter(|t| {
            !(t.kind == marsad_lexicon::TitleKind::Generic
                && !t.phrase.contains(' ')
                && t.phrase.ends_with('ي'))
                // `إمام` folds to `امام` "in front of".
                && marsad_text::normalize_word(&t.phrase) != "امام"
        })
        .map(|t| (t.phrase.clone(), t.agents.clone()))
        .collect();
    let actor_list = data::load_actor_lexicon(source, &titles)?;
    let triggers = PhraseMatcher::build(forms);
    let mut cue_words: fast::FastMap<String, Vec<(Vec<String>, CueKind)>> =
        fast::FastMap::default();
    for (phrase, kind) in cues {
        let norm = marsad_text::normalize_word(&phrase);
        let mut words = norm.split_whitespace().map(str::to_string);
        if let Some(first) = words.next() {
            cue_words.entry(first).or_default().push((words.collect(), kind));
        }
    }
    let mut actor_entries: Vec<ActorEntry> = Vec::with_capacity(actor_list.len());
    let mut actor_keys = Vec::with_capacity(actor_list.len());
    for (phrase, entry) in actor_list {
        actor_keys.push((phrase, actor_entries.len() as u32));
        actor_entries.push(entry);
    }
    let actors = PhraseMatcher::build(actor_keys);
    let scanner = scan::Scanner::new(&triggers, &actors);
    let cue_filter = fast::WordFilter::new(cue_words.keys().map(String::as_str));
    // A required word lists its alternatives with commas: split once here, not per trigger.
    let needs: Vec<Vec<String>> =
        needs.iter().map(|w| w.split(',').map(str::to_string).collect()).collect();
    let lists_id = marsad_entities::lists_id(&scan_lists(&triggers, &actors));
    Ok(Knowledge {
        lists_id,
        cameo,
        patterns,
        triggers,
        needs,
        cue_words,
        cue_filter,
        actors,
        actor_entries,
        scanner,
    })
}

/// What `marsad lexicon check` reports about the event knowledge.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Number of CAMEO codes in the table.
    pub cameo_codes: usize,
    /// Number of patterns (including blocking phrases).
    pub patterns: usize,
    /// Number of distinct surface forms generated.
    pub forms: usize,
    /// Number of cue phrases.
    pub cues: usize,
    /// Patterns per CAMEO root.
    pub roots: BTreeMap<String, usize>,
    /// PLOVER types reached by at least one pattern.
    pub plover_types: BTreeSet<String>,
    /// Non-fatal findings (forms shared by patterns of different roots, uncovered types).
    pub warnings: Vec<String>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "events: {} CAMEO codes, {} patterns, {} surface forms, {} cues",
            self.cameo_codes, self.patterns, self.forms, self.cues
        )?;
        let roots: Vec<String> = self.roots.iter().map(|(r, n)| format!("{r}:{n}")).collect();
        writeln!(f, "events: patterns per CAMEO root {}", roots.join(" "))?;
        writeln!(f, "events: PLOVER types {}/16", self.plover_types.len())?;
        for w in &self.warnings {
            writeln!(f, "events: warning: {w}")?;
        }
        Ok(())
    }
}

/// Validates the event knowledge of `lexicon`'s data source: every pattern names a known
/// CAMEO code with a PLOVER type, ids are unique, every trigger normalises to a non-empty
/// form (errors name file, line and reason); reports coverage and ambiguous forms.
pub fn check(lexicon: &Lexicon) -> Result<Report, LexiconError> {
    let source = lexicon.source();
    let cameo = data::load_cameo(source)?;
    let data::Patterns { patterns, forms, .. } = data::load_patterns(source, &cameo)?;
    let cues = data::load_cues(source)?;
    let mut report = Report {
        cameo_codes: cameo.len(),
        patterns: patterns.len(),
        cues: cues.len(),
        ..Report::default()
    };
    for p in &patterns {
        if let Some(c) = &p.cameo {
            *report.roots.entry(c[..2].to_string()).or_default() += 1;
            if let Some(e) = cameo.get(c)
                && !e.plover.is_empty()
            {
                report.plover_types.insert(e.plover.clone());
            }
        }
    }
    let mut by_form: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    // Gapped forms are told apart by their required word; only plain forms can collide.
    for (text, form) in forms.iter().filter(|(_, f)| f.need == 0) {
        if let Some(c) = &patterns[form.pattern as usize].cameo {
            by_form.entry(text.as_str()).or_default().insert(c[..2].to_string());
        }
    }
    report.forms = by_form.len();
    for (text, roots) in &by_form {
        if roots.len() > 1 {
            let r: Vec<&str> = roots.iter().map(String::as_str).collect();
            report.warnings.push(format!(
                "form `{text}` belongs to roots {} (first pattern wins)",
                r.join(",")
            ));
        }
    }
    for t in data::PLOVER_TYPES {
        if !report.plover_types.contains(*t) {
            report.warnings.push(format!("no pattern reaches PLOVER type {t}"));
        }
    }
    let _ = CueKind::Sport;
    Ok(report)
}
