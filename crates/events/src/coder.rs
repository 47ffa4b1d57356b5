//! The event coder proper: triggers → arguments → modality → events.
//!
//! Evaluation and users care about *who did what to whom*, so most of the work here is
//! choosing the two sides of each trigger from the actor mentions of its sentence with a
//! small set of Arabic word-order rules:
//!
//! * verbs: the subject stands before the verb (SVO, `واشنطن طلبت`) or right after it (VSO,
//!   `قصفت الطائرات التركية`); the target is the direct object or the object of the
//!   preposition the pattern names (`طلبت من طهران`);
//! * nouns: a genitive complement or a nisba adjective (`زيارة شويجو`, `عقوبات غربية`), the
//!   subject of a light verb (`شنت الطائرات غارات`, `غارات نفذها الجيش`), the subject of an
//!   undergoing verb as target (`تعرضت القوات التركية لهجوم`, `تخضع روسيا لعقوبات`);
//! * coordination (`روسيا وإيران`) gives several sides, `بين X و Y` both sides of a symmetric
//!   event; a possessive pronoun on the trigger (`حربها`) points back to the nearest country.
//!
//! Every choice is recorded as a rule name on the event side, and `explain` prints the
//! tried-and-rejected alternatives.

use crate::EventInput;
use crate::data::{ActorEntry, ActorKind, CameoEntry, CueKind, Form, Pattern, PatternKind};
use crate::fast::FastMap;
use marsad_lexicon::{PhraseMatch, PhraseMatcher};
use marsad_model::{Event, EventActor, EventLocation, Evidence, Span};
use marsad_text::{TextDoc, TokenKind};
use std::collections::HashMap;

/// Compiled event knowledge.
pub(crate) struct Knowledge {
    pub cameo: HashMap<String, CameoEntry>,
    pub patterns: Vec<Pattern>,
    pub triggers: PhraseMatcher<Form>,
    /// The alternatives of each required word of gapped triggers.
    pub needs: Vec<Vec<String>>,
    /// Cue phrases by their first word: (the following words, kind).
    pub cue_words: FastMap<String, Vec<(Vec<String>, CueKind)>>,
    /// The first words of the cues, to skip most words of a text without a lookup.
    pub cue_filter: crate::fast::WordFilter,
    pub actors: PhraseMatcher<u32>,
    pub actor_entries: Vec<ActorEntry>,
    /// Both phrase lists in one automaton, so that a document is scanned once.
    pub scanner: crate::scan::Scanner,
    /// `marsad_entities::lists_id` of [`crate::EventCoder::scan_lists`], to recognise the
    /// entity layer's matches of these lists.
    pub lists_id: u64,
}

/// What was tried for one trigger, kept only when an explanation is asked for (building
/// the strings costs more than coding the event).
pub(crate) struct Notes {
    on: bool,
    lines: Vec<String>,
}

impl Notes {
    fn new(on: bool) -> Self {
        Notes { on, lines: Vec::new() }
    }
    fn join(&self, sep: &str) -> String {
        self.lines.join(sep)
    }
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Records a note (formatted lazily) when explanations are on.
macro_rules! note {
    ($notes:expr, $($arg:tt)*) => {
        if $notes.on {
            $notes.lines.push(format!($($arg)*));
        }
    };
}

/// How far (in tokens) rules look around a trigger.
const SUBJECT_WINDOW: usize = 4;
const OBJECT_WINDOW: usize = 6;
const PREP_WINDOW: usize = 10;
const MODALITY_WINDOW: usize = 3;
/// How far (in tokens) a threatening, demanding or refusing word governs a later trigger.
const GOVERNOR_WINDOW: usize = 6;
/// How far back (in tokens) a possessive pronoun looks for its country.
const ANTECEDENT_WINDOW: usize = 40;
/// Sentences longer than this many tokens are coded only in their first part: a real
/// sentence never gets there, and garbage input must cost bounded time.
const MAX_SENTENCE_TOKENS: usize = 400;

/// One actor mention in the document.
#[derive(Debug, Clone)]
struct Mention {
    t0: usize,
    t1: usize,
    bytes: std::ops::Range<usize>,
    country: Option<String>,
    code: String,
    kind: ActorKind,
    /// The governing preposition and the number of tokens between it and the mention.
    prep: Option<(&'static str, usize)>,
    /// Attached conjunction `و` on the first word.
    conj: bool,
    actor: Option<usize>,
    rule: String,
    force: bool,
    /// A named person or a person's title (`الرئيس الأمريكي`).
    person: bool,
}

impl Mention {
    fn strong(&self) -> bool {
        !matches!(self.kind, ActorKind::Nisba | ActorKind::Place) && self.country.is_some()
    }
    fn usable(&self) -> bool {
        !matches!(self.kind, ActorKind::Nisba | ActorKind::Place)
    }
}

const PREPS: &[(&str, &str)] = &[
    ("الي", "إلى"),
    ("علي", "على"),
    ("ضد", "ضد"),
    ("مع", "مع"),
    ("من", "من"),
    ("عن", "عن"),
    ("في", "في"),
    ("بين", "بين"),
    ("بحق", "بحق"),
    ("لدي", "لدى"),
    ("حول", "حول"),
    ("نحو", "نحو"),
    ("تجاه", "تجاه"),
    ("عبر", "عبر"),
];

fn prep_of(norm: &str) -> Option<&'static str> {
    let w = norm.strip_prefix('و').or_else(|| norm.strip_prefix('ف')).unwrap_or(norm);
    PREPS.iter().find(|(n, _)| *n == w || *n == norm).map(|(_, p)| *p)
}

/// The preposition attached to a word as a proclitic (`لروسيا`, `وبالقاهرة`).
fn attached_prep(prefix: &str) -> Option<&'static str> {
    let p = prefix.strip_prefix('و').or_else(|| prefix.strip_prefix('ف')).unwrap_or(prefix);
    if p.starts_with('ل') {
        Some("ل")
    } else if p.starts_with('ب') {
        Some("ب")
    } else {
        None
    }
}

/// Punctuation that ends a clause. Quotation marks and brackets do not: Arabic news wraps
/// names in them (`جماعة «بوكو حرام»`).
fn is_clause_stop(tok: &str) -> bool {
    matches!(tok, "." | "؛" | ";" | "!" | "؟" | "?" | ":")
}

/// One trigger occurrence.
#[derive(Debug, Clone)]
struct Trigger {
    t0: usize,
    t1: usize,
    bytes: std::ops::Range<usize>,
    form: Form,
    passive: bool,
    /// The form belongs to a verb pattern and a noun pattern of the same root.
    mixed: bool,
}

/// Why a trigger states no event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unreal {
    /// Negated or denied.
    Negated,
    /// Inside a condition.
    Conditional,
    /// The consequence of a condition (after `فإن`).
    Consequence,
}

/// What makes a trigger part of another statement.
#[derive(Debug, Clone, Copy)]
enum Governor<'t> {
    /// Threatened: a sanction or attack is coded as a threat.
    Threat,
    /// Weighed (`بحث`, `يدرس`): a sanction is coded as a threat.
    Weigh,
    /// Demanded or refused by this trigger, which states the event.
    Complement(&'t Trigger),
}

struct Side {
    mentions: Vec<usize>,
    rule: String,
    /// Whether coordinated partners join the side (`روسيا وإيران`).
    expand: bool,
}

fn side(i: usize, rule: &str) -> Option<Side> {
    Some(Side { mentions: vec![i], rule: rule.to_string(), expand: true })
}

const RELATIVES: &[&str] =
    &["الذي", "التي", "اللذان", "اللتان", "اللذين", "اللتين", "الذين", "اللواتي", "اللاتي"];

pub(crate) fn code(
    k: &Knowledge,
    input: EventInput<'_>,
    log: &mut Option<Vec<String>>,
) -> Vec<Event> {
    let doc = input.doc;
    // The entity layer's pass finds both lists when its recognizer was built with them
    // (`EventCoder::scan_lists`); otherwise the coder scans the document itself.
    let (trigger_matches, actor_matches) = match input.entities.extra_matches(doc, k.lists_id) {
        Some([triggers, actors]) => (triggers.clone(), actors.clone()),
        _ => {
            let crate::scan::Scan { triggers, actors } = k.scanner.scan(&doc.norm.text);
            (triggers, actors)
        }
    };
    let triggers = find_triggers(k, doc, trigger_matches);
    // Most articles of a general news stream (sports, culture, weather) state no political
    // event at all: they cost one automaton pass.
    if triggers.iter().all(|t| k.patterns[t.form.pattern as usize].cameo.is_none()) {
        trace(log, || "no event trigger in the document".to_string());
        return Vec::new();
    }
    let cues = find_cues(k, doc);
    // Words a preposition does not reach across: triggers and light verbs.
    let mut barrier = vec![false; doc.tokens.len()];
    for t in &triggers {
        for b in barrier.iter_mut().take(t.t1).skip(t.t0) {
            *b = true;
        }
    }
    for (i, c) in cues.iter().enumerate() {
        if c.iter().any(|k| matches!(k, CueKind::Support | CueKind::Undergo)) {
            barrier[i] = true;
        }
    }
    let mut mentions = find_mentions(k, doc, input, &barrier, actor_matches);
    mentions.sort_by_key(|m| (m.t0, m.t1));
    // The countries the article is about, most mentioned first.
    let mut counts: FastMap<&str, (usize, usize)> = FastMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if let Some(c) = m.country.as_deref()
            && c.len() == 3
            && !matches!(c, "IGO" | "NGO")
        {
            let e = counts.entry(c).or_insert((0, i));
            e.0 += 1;
        }
    }
    let mut topic: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    topic.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    if let Some(l) = log.as_mut() {
        let t: Vec<String> = topic.iter().map(|(c, (n, _))| format!("{c}:{n}")).collect();
        l.push(format!("document countries: {}", t.join(" ")));
    }
    // An article about one country (its main country named at least four times as often as
    // the next) is about domestic events: a missing side is that country too.
    let domestic = match (topic.first(), topic.get(1)) {
        (Some(a), Some(b)) => a.1.0 >= 4 * b.1.0,
        (Some(_), None) => true,
        _ => false,
    };
    let topic: Vec<String> = topic.into_iter().map(|(c, _)| c.to_string()).collect();
    // State agents without a country (`الجيش`, `السلطات`) belong to the main country of an
    // article about one country.
    if let Some(main) = topic.first().filter(|_| domestic) {
        for m in mentions.iter_mut() {
            if m.kind == ActorKind::Agent
                && m.country.is_none()
                && STATE_AGENTS.iter().any(|a| m.code.ends_with(a))
            {
                m.country = Some(main.clone());
                m.code = format!("{main}{}", m.code.get(3..).unwrap_or(""));
                m.rule.push_str("+document-country");
            }
        }
    }
    // A national news agency in the dateline (`واس`, `كونا`) reports its own officials
    // without a nisba (`وزير الخارجية`): state agents without a country are that agency's.
    let head_end = doc.sentences.first().map_or(0, |s| doc.token_at(s.end)).min(16);
    let agency = mentions
        .iter()
        .take_while(|m| m.t0 < head_end)
        .find(|m| m.code.ends_with("MED") && has(&m.rule, "orgs.tsv") && m.country.is_some())
        .and_then(|m| m.country.clone());
    if let Some(home) = agency.filter(|_| !domestic) {
        for m in mentions.iter_mut() {
            if matches!(m.kind, ActorKind::Agent | ActorKind::Org)
                && (m.country.is_none() || m.rule.ends_with("+entity-document-country"))
                && STATE_AGENTS.iter().any(|a| m.code.ends_with(a))
            {
                m.country = Some(home.clone());
                m.code = format!("{home}{}", m.code.get(3..).unwrap_or(""));
                m.rule.push_str("+agency-country");
            }
        }
    }
    let mut out: Vec<Event> = Vec::new();
    let mut keys: FastMap<(String, String, String), usize> = FastMap::default();
    // Whether each event came from a symmetric pattern.
    let mut symmetric: Vec<bool> = Vec::new();

    for (si, sentence) in doc.sentences.iter().enumerate() {
        let s0 = doc.token_at(sentence.start);
        let mut s1 = doc.token_at(sentence.end);
        if s1 > s0 + MAX_SENTENCE_TOKENS {
            s1 = s0 + MAX_SENTENCE_TOKENS;
        }
        if s0 >= s1 {
            continue;
        }
        // Triggers and mentions are sorted by position: take this sentence's by bisection, and
        // the mentions of a few sentences before it for pronoun antecedents.
        let first = triggers.partition_point(|t| t.t0 < s0);
        let last = triggers.partition_point(|t| t.t0 < s1);
        let in_sentence: Vec<&Trigger> =
            triggers[first..last].iter().filter(|t| t.t1 <= s1).collect();
        if in_sentence.is_empty() {
            continue;
        }
        // Sports reports use the words of force (`هجوم`, `قصف`, `عقوبة`): in a sentence with
        // sports vocabulary those triggers are not political events. A question states no
        // event either.
        let sport = (s0..s1).any(|t| cues[t].contains(&CueKind::Sport));
        let question = doc.slice(sentence.start..sentence.end).trim_end().ends_with(['؟', '?'])
            || cues[s0].contains(&CueKind::Question);
        if question {
            trace(log, || format!("sentence {si}: a question, triggers ignored"));
            continue;
        }
        if let Some(l) = log.as_mut() {
            let ms: Vec<String> = mentions
                .iter()
                .filter(|m| m.t0 >= s0 && m.t1 <= s1)
                .map(|m| {
                    format!(
                        "{}={}{}{}",
                        doc.slice(m.bytes.clone()),
                        m.code,
                        match m.kind {
                            ActorKind::Nisba => "/nisba",
                            ActorKind::Place => "/place",
                            ActorKind::Agent => "/agent",
                            _ => "",
                        },
                        m.prep.map_or(String::new(), |(p, d)| format!("/{p}{d}"))
                    )
                })
                .collect();
            l.push(format!("sentence {si}: actors {}", ms.join(", ")));
        }
        let lo = mentions.partition_point(|m| m.t0 < s0.saturating_sub(ANTECEDENT_WINDOW));
        let hi = mentions.partition_point(|m| m.t0 < s1);
        let local = &mentions[lo..hi];
        let ctx = Ctx { doc, barrier: &barrier, mentions: local, cues: &cues, s0, s1 };
        for trig in in_sentence.iter().copied() {
            let pattern = &k.patterns[trig.form.pattern as usize];
            let Some(code) = pattern.cameo.as_deref() else { continue };
            let trigger_text = doc.slice(trig.bytes.clone());
            let Some(entry) = k.cameo.get(code) else { continue };
            if sport && &code[..2] != "08" {
                trace(log, || {
                    format!("`{trigger_text}`: pattern {} ignored in a sports sentence", pattern.id)
                });
                continue;
            }
            // A deverbal noun (or a verb form read as one, `للتشاور`) after the purpose `ل`
            // (`لإنقاذ`, `لتعزيز`) says what an actor set out to do, not what was done; after a verb of undergoing (`تعرض لهجوم`)
            // the `ل` is that verb's preposition and the event is real.
            let tok = doc.token_norm(trig.t0);
            // Nor after a word of threatening or readiness (`مستعدة لفرض عقوبات`): that
            // is a threat, coded below.
            let governed = trig.t0 > s0
                && (trig.t0.saturating_sub(6).max(s0)..trig.t0).any(|t| {
                    cues[t].contains(&CueKind::Undergo) || cues[t].contains(&CueKind::Threat)
                });
            let purpose = ((pattern.kind == PatternKind::Noun
                || pattern.kind == PatternKind::Verb)
                && !trig.form.pronoun
                && !governed
                && tok.strip_prefix('و').unwrap_or(tok).starts_with('ل')
                && !marsad_text::normalize_word(trigger_text).starts_with('ل'))
                // `للقيام بزيارة`, `لإجراء محادثات`: the same purpose through a verbal noun
                // of doing right before the trigger.
                || (pattern.kind == PatternKind::Noun
                    && trig.t0 > s0
                    && cues[trig.t0 - 1].contains(&CueKind::Purpose));
            // `هذا الهجوم`, `تلك الزيارة`: a demonstrative points back to an event already
            // told, not to a new one. After `بشأن`, `حول` the noun is what is talked about
            // (`محادثات بشأن مساعدات جديدة`), unless a relative clause says it took place
            // (`حول الاتفاق الذي تم التوصل إليه`).
            let prev_word = if trig.t0 > s0 { doc.token_norm(trig.t0 - 1) } else { "" };
            let anaphoric = pattern.kind != PatternKind::Verb
                && (DEMONSTRATIVES.contains(&prev_word.strip_prefix('و').unwrap_or(prev_word))
                    || (TOPIC_PREPS.contains(&prev_word)
                        && !(trig.t1..(trig.t1 + 3).min(s1))
                            .any(|t| RELATIVES.contains(&doc.token_norm(t)))));
            // A noun a few words after a verb of requesting (`ستطلب من واشنطن زيادة
            // المساعدات`) is what was asked for, not something done.
            let requested = pattern.kind == PatternKind::Noun
                && in_sentence.iter().any(|o| {
                    let op = &k.patterns[o.form.pattern as usize];
                    op.kind == PatternKind::Verb
                        && op.cameo.as_deref().is_some_and(|c| c.starts_with("10"))
                        && o.t1 <= trig.t0
                        && trig.t0 - o.t1 <= REQUEST_REACH
                        && !(o.t1..trig.t0).any(|t| barrier.get(t).copied().unwrap_or(false))
                });
            // A noun governed by the `ب` of a verb or noun of welcoming or praise (`رحبت
            // الجامعة بالهدنة`) names what was welcomed: it may be an event, but the one who welcomed
            // it is not its author (checked once the sides are known).
            let welcomed = pattern.kind == PatternKind::Noun
                && tok.strip_prefix('و').unwrap_or(tok).starts_with('ب')
                && in_sentence.iter().any(|o| {
                    let op = &k.patterns[o.form.pattern as usize];
                    op.cameo.as_deref() == Some("051")
                        && o.t1 <= trig.t0
                        && trig.t0 - o.t1 <= 6
                        && !(o.t1..trig.t0).any(|t| barrier.get(t).copied().unwrap_or(false))
                });
            // `احتجاجا على` after another event (`استدعت السفير احتجاجا على التصريحات`) says
            // why it was done: the protest is that event, not a demonstration.
            let manner = marsad_text::normalize_word(trigger_text) == "احتجاجا"
                && in_sentence.iter().any(|o| {
                    let op = &k.patterns[o.form.pattern as usize];
                    o.t1 <= trig.t0 && op.cameo.as_deref().is_some_and(|c| !c.starts_with("14"))
                });
            if manner {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} dropped: the reason for an earlier event, not a protest",
                        pattern.id
                    )
                });
                continue;
            }
            if requested {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} dropped: what a request asks for, not an event",
                        pattern.id
                    )
                });
                continue;
            }
            if anaphoric {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} dropped: after `{prev_word}`, an event already told or a topic of talk",
                        pattern.id
                    )
                });
                continue;
            }
            if purpose {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} dropped: a purpose (`ل`), not an event",
                        pattern.id
                    )
                });
                continue;
            }
            if entry.plover.is_empty() {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} (CAMEO {code}) is a public statement, not coded",
                        pattern.id
                    )
                });
                continue;
            }
            // A trigger inside an organisation's name is part of the name (`مجلس التعاون
            // الخليجي`, `أنقذوا الأطفال`).
            if local.iter().any(|m| {
                m.kind == ActorKind::Org
                    && has(&m.rule, "orgs.tsv")
                    && m.t0 < trig.t1
                    && trig.t0 < m.t1
            }) {
                trace(log, || {
                    format!("`{trigger_text}`: inside an organisation's name, not an event")
                });
                continue;
            }
            let mut notes = Notes::new(log.is_some());
            // Drops the trigger, logging the notes so far (and a last one, if given).
            macro_rules! dropped {
                () => {{
                    trace(log, || {
                        format!(
                            "`{trigger_text}`: pattern {} dropped: {}",
                            pattern.id,
                            notes.join("; ")
                        )
                    });
                    continue;
                }};
                ($($arg:tt)+) => {{
                    note!(notes, $($arg)+);
                    dropped!()
                }};
            }
            // Modality.
            let modality = ctx.modality(trig, &mut notes);
            // A sanction or an attack that is only weighed, threatened, demanded or refused
            // (`لوح بفرض عقوبات`, `بحث فرض عقوبات`, `طالب بفرض عقوبات`, `رفض الحرب`) did
            // not happen: the word that governs it states the event.
            let governor = ctx.governor(trig, &in_sentence, k);
            let threat_code = match &code[..2] {
                "16" => Some("1312"),
                "18" | "19" | "20" => Some("138"),
                _ => None,
            };
            let unreal_sanction = code.starts_with("16")
                && match &modality {
                    Err(Unreal::Consequence) => true,
                    Ok(flags) => flags
                        .iter()
                        .any(|f| matches!(f.as_str(), "future" | "planned" | "hypothetical")),
                    Err(_) => false,
                };
            let threatened = threat_code.is_some()
                && (matches!(governor, Some(Governor::Threat))
                    || (matches!(governor, Some(Governor::Weigh)) && code.starts_with("16"))
                    || unreal_sanction);
            if !threatened
                && threat_code.is_some()
                && let Some(Governor::Complement(g)) = governor
                && k.patterns[g.form.pattern as usize].kind == PatternKind::Verb
            {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} dropped: the complement of `{}`, which states the event",
                        pattern.id,
                        doc.slice(g.bytes.clone())
                    )
                });
                continue;
            }
            let (code, entry) = match threat_code.filter(|_| threatened) {
                Some(t) => match k.cameo.get(t) {
                    Some(e) => {
                        note!(notes, "only threatened or weighed: coded as a threat");
                        (t, e)
                    }
                    None => (code, entry),
                },
                None => (code, entry),
            };
            let modality = match modality {
                Ok(m) => Ok(m),
                Err(Unreal::Consequence) if threatened => Ok(vec!["hypothetical".to_string()]),
                Err(e) => Err(e),
            };
            let Ok(mut modality) = modality else {
                dropped!();
            };
            let (source, target, location) = ctx.arguments(trig, pattern, &mut notes);
            // The verb that governs a clause subject may be negated (`لن تشارك السعودية في
            // المناورات`).
            if let Some(sd) = source.as_ref().filter(|s| s.rule == "clause-subject") {
                let t0 = local[sd.mentions[0]].t0;
                let negated = (t0.saturating_sub(3).max(s0)..t0)
                    .any(|t| cues[t].contains(&CueKind::Negation));
                if negated {
                    trace(log, || {
                        format!(
                            "`{trigger_text}`: pattern {} dropped: the clause is negated",
                            pattern.id
                        )
                    });
                    continue;
                }
            }
            // An attack on a person who is not a soldier is a verbal one.
            let verbal = pattern.verbal
                && target.as_ref().and_then(|t| t.mentions.first()).is_some_and(|&i| {
                    let m = &local[i];
                    m.person && !m.force
                });
            let (code, entry) = match k.cameo.get("111").filter(|_| verbal) {
                Some(e) => {
                    note!(notes, "aimed at a person: a verbal attack");
                    ("111", e)
                }
                None => (code, entry),
            };
            let sources = ctx.expand(&source);
            let targets = ctx.expand(&target);
            // Exercises held by two countries together, or with others taking part
            // (`بمشاركة`), are military cooperation, not a show of force against someone.
            let joint = pattern.joint
                && targets.is_empty()
                && (sources.len() >= 2
                    || (trig.t1..(trig.t1 + 8).min(s1)).any(|t| {
                        let w = doc.token_norm(t);
                        has(w, "مشارك") || has(w, "مشترك")
                    }));
            let joint_entry = k.cameo.get(JOINT_CODE).filter(|_| joint);
            // Generic verbs (`دعم`, `طلب`, `منع`, `أعاد`) are political events only with the
            // counterpart they are done to stated in the sentence.
            if pattern.explicit && targets.is_empty() && sources.len() < 2 {
                trace(log, || {
                    format!(
                        "`{trigger_text}`: pattern {} dropped: it needs a stated target; {}",
                        pattern.id,
                        notes.join("; ")
                    )
                });
                continue;
            }
            let mut pairs: Vec<(Option<usize>, Option<usize>, String, String)> = Vec::new();
            // Exercises held together are each side's show of force and, besides, their
            // military cooperation with each other: one more pair, coded 062.
            let joint_pair = joint_entry.map(|_| {
                let (a, b) = if sources.len() >= 2 {
                    (Some(sources[0]), Some(sources[1]))
                } else {
                    (sources.first().copied(), None)
                };
                (a, b, src_rule_of(&source), format!("{}+joint", src_rule_of(&source)))
            });
            let src_rule = source.as_ref().map_or(String::new(), |s| s.rule.clone());
            let tgt_rule = target.as_ref().map_or(String::new(), |s| s.rule.clone());
            // Coordinated subjects of a mutual event act on each other (`اتفقت روسيا وإيران`);
            // of a one-way conflict event they act together (`عقوبات الولايات المتحدة
            // والاتحاد الأوروبي`), each against the target still to be found.
            // A reciprocal verb makes any event mutual (`تبادلت القوات الهندية والباكستانية
            // إطلاق النار`).
            let reciprocal =
                (trig.t0.saturating_sub(SUBJECT_WINDOW + 1).max(s0)..trig.t0).any(|t| {
                    let w = doc.token_norm(t);
                    let w = w.strip_prefix('و').unwrap_or(w);
                    ["تبادل", "يتبادل", "تتبادل"].iter().any(|r| w.starts_with(r))
                });
            let mutual = pattern.symmetric || entry.quad <= 2 || reciprocal;
            if targets.is_empty() && sources.len() >= 2 && mutual {
                pairs.push((
                    Some(sources[0]),
                    Some(sources[1]),
                    src_rule.clone(),
                    format!("{src_rule}+coordination"),
                ));
            } else if pattern.symmetric && sources.is_empty() && targets.len() >= 2 {
                pairs.push((
                    Some(targets[0]),
                    Some(targets[1]),
                    format!("{tgt_rule}+coordination"),
                    tgt_rule.clone(),
                ));
            } else {
                let ss: Vec<Option<usize>> = if sources.is_empty() {
                    vec![None]
                } else {
                    sources.iter().map(|&s| Some(s)).collect()
                };
                let ts: Vec<Option<usize>> = if targets.is_empty() {
                    vec![None]
                } else {
                    targets.iter().map(|&t| Some(t)).collect()
                };
                for s in &ss {
                    for t in &ts {
                        pairs.push((*s, *t, src_rule.clone(), tgt_rule.clone()));
                    }
                }
            }
            let loc = location.map(|m| {
                let mm = &local[m];
                let (c0, c1) = char_span(doc, mm.bytes.clone());
                let name = doc.slice(mm.bytes.clone()).to_string();
                EventLocation {
                    name: name.clone(),
                    country: mm.country.clone(),
                    span: Span { start: c0, end: c1, text: name },
                }
            });
            let c0 = char_of(doc, trig.bytes.start);
            let quote = input.quotes.iter().find(|q| q.start <= c0 && c0 < q.end);
            let reported = quote.is_some();
            if reported && !modality.iter().any(|m| m == "reported") {
                modality.push("reported".to_string());
            }
            let date = ctx.date(trig, input, &mut modality);
            // Coordinated sides (`وقوف الكويت ومساندتها للسعودية`) pair every source with
            // every target; a pair of one country with itself is an artefact of that when
            // another pair links two countries.
            let pair_country = |i: Option<usize>| i.and_then(|i| local[i].country.clone());
            let mixed_pairs = pairs.len() > 1
                && pairs.iter().any(|(s, t, ..)| {
                    let (a, b) = (pair_country(*s), pair_country(*t));
                    a.is_some() && b.is_some() && a != b
                });
            let pairs: Vec<_> = pairs
                .into_iter()
                .filter(|(s, t, ..)| {
                    let a = pair_country(*s);
                    !(mixed_pairs && !pattern.internal && a.is_some() && a == pair_country(*t))
                })
                .collect();
            let n_plain = pairs.len();
            let pairs: Vec<_> = pairs.into_iter().chain(joint_pair).collect();
            for (pi, (s, t, srule, trule)) in pairs.into_iter().enumerate() {
                let jp = pi >= n_plain;
                let (code, entry) = match (jp, joint_entry) {
                    (true, Some(e)) => {
                        note!(notes, "held together: also their military cooperation");
                        (JOINT_CODE, e)
                    }
                    _ => (code, entry),
                };
                let root = &code[..2];
                let symmetric_pair = pattern.symmetric || jp;
                let mut src = s.map(|i| ctx.event_actor(i, &srule));
                // A common noun of people without a country (`الصيادين`, `المحتجزين`) says
                // who was hit but not whose: the side is left to the article-level rules.
                let t = t.filter(|&i| {
                    let m = &local[i];
                    !(m.country.is_none() && m.kind == ActorKind::Agent && m.code.ends_with("CVL"))
                });
                let mut tgt = t.map(|i| ctx.event_actor(i, &trule));
                // Inside a quote, an event without a named source is the speaker's own
                // (`"ندين هذا القصف"`, `"اننا نحقق"`).
                // So is a threat the quote names no author for (`«ينبغي أن نكون مستعدين
                // لتطبيق عقوبات»`).
                if src.is_none()
                    && (ctx.first_person(trig, pattern)
                        || (threatened
                            && quote.is_some_and(|q| {
                                let qt =
                                    doc.token_at(doc.index.byte_offset(&doc.text, q.start)).max(s0);
                                !local.iter().any(|m| m.t0 >= qt && m.t1 <= trig.t0 && m.usable())
                            })))
                    && let Some(code) = quote.and_then(|q| q.speaker.code.clone())
                {
                    let q = quote.map(|q| &q.speaker);
                    src = Some(EventActor {
                        code,
                        name: q.and_then(|s| s.text.clone()),
                        actor: q.and_then(|s| s.actor),
                        mentions: q.and_then(|s| s.mention.clone()).into_iter().collect(),
                        rule: "quote-speaker".to_string(),
                    });
                    note!(notes, "source: the speaker of the quote");
                }
                // A civil war is fought inside one country: the country named with it, the
                // place it is in, or the article's main country.
                if pattern.internal {
                    let c = src
                        .as_ref()
                        .and_then(country_of)
                        .or_else(|| tgt.as_ref().and_then(country_of))
                        .or_else(|| loc.as_ref().and_then(|l| l.country.clone()))
                        .or_else(|| topic.first().cloned());
                    if let Some(c) = c {
                        let mut a = topic_actor(&c);
                        a.rule = "internal-conflict".into();
                        src = Some(a.clone());
                        tgt = Some(a);
                        note!(notes, "an internal conflict: both sides are {c}");
                    }
                }
                // Place-based fallbacks for material events.
                if let Some(l) = &loc {
                    let lc = l.country.clone();
                    let violent = matches!(root, "15" | "17" | "18" | "19" | "20");
                    if tgt.is_none()
                        && violent
                        && lc.is_some()
                        && lc != src.as_ref().and_then(country_of)
                    {
                        tgt = Some(place_actor(l, "location-as-target"));
                        note!(notes, "target: none found, taken from the place of the event");
                    }
                    if matches!(root, "14" | "15")
                        && src.as_ref().and_then(country_of).is_none()
                        && lc.is_some()
                    {
                        src = Some(place_actor(l, "location-as-source"));
                        note!(notes, "source: protesters take the country of the place");
                    }
                }
                if root == "14"
                    && src.as_ref().and_then(country_of).is_none()
                    && let Some(m) = mentions.iter().find(|m| {
                        m.t0 >= s0
                            && m.t1 <= s1
                            && m.country.is_some()
                            && matches!(
                                m.kind,
                                ActorKind::Place
                                    | ActorKind::Capital
                                    | ActorKind::Country
                                    | ActorKind::Nisba
                            )
                    })
                {
                    let (c0, c1) = char_span(doc, m.bytes.clone());
                    let name = doc.slice(m.bytes.clone()).to_string();
                    let l = EventLocation {
                        name: name.clone(),
                        country: m.country.clone(),
                        span: Span { start: c0, end: c1, text: name },
                    };
                    src = Some(place_actor(&l, "place-in-sentence-as-source"));
                    note!(notes, "source: protesters take the country of a place in the sentence");
                }
                if src.as_ref().and_then(country_of).is_none()
                    && tgt.as_ref().and_then(country_of).is_none()
                {
                    dropped!("no side with a known country: not emitted");
                }
                // Arrests, detentions, confiscations and investigations without a named agent
                // are the work of the target's own state.
                // Where the place is named, it is that place's state (`اعتقلوا في المياه
                // السودانية`).
                let place = loc.as_ref().and_then(|l| l.country.clone());
                // Nationals of a country in an article about two (`الصيادين المصريين` in a
                // report from Sudan) are held by the other one: the article-level rule below
                // decides.
                let nationals = t.is_some_and(|i| {
                    local[i].kind == ActorKind::Agent && local[i].code.ends_with("CVL")
                });
                if src.is_none()
                    && (domestic || !nationals || place.is_some())
                    && matches!(root, "09" | "17")
                    && let Some(c) = place.clone().or_else(|| tgt.as_ref().and_then(country_of))
                {
                    let mut a = topic_actor(&c);
                    a.rule =
                        if place.is_some() { "state-of-place" } else { "state-of-target" }.into();
                    src = Some(a);
                    note!(notes, "source: the state where it happened");
                }
                // A missing side is the article's other main country.
                let group: Vec<String> = sources
                    .iter()
                    .chain(targets.iter())
                    .filter_map(|&i| local[i].country.clone())
                    .collect();
                // An organisation's own meeting (`في اجتماعه`) names no counterpart.
                let own_meeting = pattern.symmetric
                    && pattern.kind == PatternKind::Noun
                    && trig.form.pronoun
                    && root == "04";
                if tgt.is_none() && own_meeting {
                    dropped!("a meeting of its own without a counterpart: not emitted");
                }
                // The article's main country to fill a missing side: the first one in an
                // article about one country, else the first that is neither the known side
                // nor one of the coordinated sources.
                let topic_fill = |known: Option<&EventActor>| {
                    let known = known.and_then(country_of);
                    if domestic {
                        topic.first()
                    } else {
                        topic.iter().find(|c| Some(*c) != known.as_ref() && !group.contains(c))
                    }
                };
                if tgt.is_none() {
                    if let Some(c) = topic_fill(src.as_ref()) {
                        tgt = Some(topic_actor(c));
                        note!(notes, "target: none found, the article's main other country");
                    }
                } else if src.is_none() {
                    // A demand, accusation, rejection or threat named only by a noun, with no
                    // one making it (`ضغوط العقوبات على روسيا`), is not coded.
                    if pattern.kind != PatternKind::Verb
                        && matches!(root, "10" | "11" | "12" | "13")
                    {
                        dropped!("a verbal conflict noun without its author: not emitted");
                    }
                    if let Some(c) = topic_fill(tgt.as_ref()) {
                        src = Some(topic_actor(c));
                        note!(notes, "source: none found, the article's main other country");
                    }
                }
                if welcomed
                    && src.as_ref().is_some_and(|a| {
                        !a.rule.starts_with("genitive")
                            && !a.rule.starts_with("nisba")
                            && !a.rule.starts_with("prep:")
                    })
                {
                    dropped!("welcomed by its subject, who is not its author");
                }
                // A meeting, visit, invitation or aid between two actors of one country is a
                // domestic affair or a misread side (`زيارة سموه لمصر` read with the Egyptian
                // host as visitor; a hospital's `الرعاية الطبية`), never the international
                // event these codes mean. Aid whose side was only filled in from the article's
                // main country keeps its named side and leaves the other open; a meeting needs
                // its counterpart.
                let international =
                    code == "036" || code.starts_with("04") || code.starts_with("07");
                let sc = src.as_ref().and_then(country_of);
                if international && sc.is_some() && sc == tgt.as_ref().and_then(country_of) {
                    let filled = |a: &Option<EventActor>| {
                        a.as_ref().is_some_and(|a| a.rule == "document-topic")
                    };
                    if filled(&tgt) {
                        tgt = None;
                        note!(
                            notes,
                            "target: the article's country is the source's own, left open"
                        );
                    } else if filled(&src) {
                        src = None;
                        note!(
                            notes,
                            "source: the article's country is the target's own, left open"
                        );
                    } else {
                        dropped!("both sides of one country: not an international meeting or aid");
                    }
                    if !code.starts_with("07") {
                        dropped!("both sides of one country: not an international meeting or aid");
                    }
                }
                let (c0, c1) = char_span(doc, trig.bytes.clone());
                let (sc0, sc1) = char_span(doc, sentence.start..sentence.end);
                let evidence = Evidence {
                    sentence: Span {
                        start: sc0,
                        end: sc1,
                        text: doc.slice(sentence.start..sentence.end).to_string(),
                    },
                    trigger: Span { start: c0, end: c1, text: trigger_text.to_string() },
                };
                let scode = src.as_ref().map_or(String::new(), |a| a.code.clone());
                let tcode = tgt.as_ref().map_or(String::new(), |a| a.code.clone());
                // Symmetric events are one event whichever side is named first.
                let key = if symmetric_pair {
                    let a = src.as_ref().and_then(country_of).unwrap_or_default();
                    let b = tgt.as_ref().and_then(country_of).unwrap_or_default();
                    let (a, b) = if a <= b { (a, b) } else { (b, a) };
                    (entry.plover.clone(), format!("sym:{a}"), b)
                } else {
                    // The same type between the same countries is one event of the article
                    // (`الجيش التركي` and `تركيا` shelling Syria); actors without a country
                    // keep their own code.
                    let side_key = |a: &Option<EventActor>, code: &String| {
                        a.as_ref().and_then(country_of).unwrap_or_else(|| code.clone())
                    };
                    (entry.plover.clone(), side_key(&src, &scode), side_key(&tgt, &tcode))
                };
                trace(log, || {
                    format!(
                        "`{trigger_text}` ({}): pattern {} → CAMEO {code} {} / PLOVER {}; source {} [{}]; target {} [{}]{}{}",
                        evidence.trigger.start,
                        pattern.id,
                        entry.name,
                        entry.plover,
                        if scode.is_empty() { "-" } else { &scode },
                        src.as_ref().map_or("", |a| a.rule.as_str()),
                        if tcode.is_empty() { "-" } else { &tcode },
                        tgt.as_ref().map_or("", |a| a.rule.as_str()),
                        if modality.is_empty() {
                            String::new()
                        } else {
                            format!("; modality {}", modality.join(","))
                        },
                        if notes.is_empty() {
                            String::new()
                        } else {
                            format!("; tried: {}", notes.join("; "))
                        },
                    )
                });
                if let Some(&i) = keys.get(&key) {
                    let ev: &mut Event = &mut out[i];
                    ev.mentions.push(evidence);
                    merge_side(&mut ev.source, src);
                    merge_side(&mut ev.target, tgt);
                    continue;
                }
                keys.insert(key, out.len());
                symmetric.push(symmetric_pair);
                out.push(Event {
                    plover: entry.plover.clone(),
                    plover_mode: (!entry.mode.is_empty()).then(|| entry.mode.clone()),
                    plover_context: (!entry.context.is_empty()).then(|| entry.context.clone()),
                    cameo: entry.code.clone(),
                    goldstein: entry.goldstein,
                    quad_class: entry.quad,
                    source: src,
                    target: tgt,
                    date: date.clone(),
                    location: loc.clone(),
                    modality: modality.clone(),
                    evidence,
                    mentions: Vec::new(),
                    pattern: format!("pattern:{}", pattern.id),
                });
            }
        }
    }
    merge_partial(merge_reciprocal(out, &symmetric))
}

/// An event whose target is unknown is the same as an event of the article of that type with
/// the same source (`قصفت القوات التركية` after `قصفت تركيا مواقع في سوريا`): it becomes a
/// mention of that event rather than a second, vaguer one. An unknown source is kept apart:
/// it is often a group without a country, another actor than the named one.
fn merge_partial(events: Vec<Event>) -> Vec<Event> {
    let sides = |e: &Event| {
        (e.source.as_ref().and_then(country_of), e.target.as_ref().and_then(country_of))
    };
    let full: Vec<(String, String, String, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match sides(e) {
            (Some(a), Some(b)) => Some((e.plover.clone(), a, b, i)),
            _ => None,
        })
        .collect();
    let mut into: Vec<Option<usize>> = vec![None; events.len()];
    for (i, e) in events.iter().enumerate() {
        let found = match sides(e) {
            (Some(a), None) => full.iter().find(|f| f.0 == e.plover && f.1 == a),
            _ => None,
        };
        into[i] = found.map(|f| f.3);
    }
    let mut moved: Vec<(usize, Vec<Evidence>)> = Vec::new();
    let mut out: Vec<Option<Event>> = Vec::with_capacity(events.len());
    for (i, ev) in events.into_iter().enumerate() {
        match into[i] {
            Some(j) => {
                let mut m = vec![ev.evidence];
                m.extend(ev.mentions);
                moved.push((j, m));
                out.push(None);
            }
            None => out.push(Some(ev)),
        }
    }
    for (j, m) in moved {
        if let Some(Some(ev)) = out.get_mut(j) {
            ev.mentions.extend(m);
        }
    }
    out.into_iter().flatten().collect()
}

/// Events of one type between the same two countries in opposite directions are one event
/// when either is symmetric or cooperative (`X meets Y` and `Y's talks with X`, `X praises
/// Y` and `Y welcomes X`): the later ones become mentions of the first.
fn merge_reciprocal(events: Vec<Event>, symmetric: &[bool]) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut seen: FastMap<(String, String, String), (usize, bool)> = FastMap::default();
    for (i, ev) in events.into_iter().enumerate() {
        // Cooperation between two countries is mutual in an article's account of it;
        // conflict (accusations, attacks) is not.
        // Aid and releases go one way (`أفرجت مصر عن سودانيين` and `أفرج السودان عن مصريين`
        // are two events).
        let cooperative = ev.quad_class <= 2 && !matches!(ev.plover.as_str(), "AID" | "RETREAT");
        let sym = symmetric.get(i).copied().unwrap_or(false) || cooperative;
        let a = ev.source.as_ref().and_then(country_of).unwrap_or_default();
        let b = ev.target.as_ref().and_then(country_of).unwrap_or_default();
        let (x, y) = if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
        let key = (ev.plover.clone(), x, y);
        if !a.is_empty() && !b.is_empty() && a != b {
            if let Some(&(j, sym_j)) = seen.get(&key)
                && (sym || sym_j)
            {
                let first: &mut Event = &mut out[j];
                first.mentions.push(ev.evidence);
                first.mentions.extend(ev.mentions);
                continue;
            }
            seen.entry(key).or_insert((out.len(), sym));
        }
        out.push(ev);
    }
    out
}

fn merge_side(side: &mut Option<EventActor>, new: Option<EventActor>) {
    if let (Some(a), Some(b)) = (side.as_mut(), new) {
        for m in b.mentions {
            if !a.mentions.contains(&m) {
                a.mentions.push(m);
            }
        }
    }
}

fn country_of(a: &EventActor) -> Option<String> {
    let c = a.code.get(..3)?;
    (c != "---").then(|| c.to_string())
}

const STATE_AGENTS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG"];

fn src_rule_of(side: &Option<Side>) -> String {
    side.as_ref().map_or(String::new(), |s| s.rule.clone())
}

fn topic_actor(country: &str) -> EventActor {
    EventActor {
        code: country.to_string(),
        name: None,
        actor: None,
        mentions: Vec::new(),
        rule: "document-topic".to_string(),
    }
}

fn place_actor(l: &EventLocation, rule: &str) -> EventActor {
    EventActor {
        code: l.country.clone().unwrap_or_else(|| "---".into()),
        name: Some(l.name.clone()),
        actor: None,
        mentions: vec![l.span.clone()],
        rule: rule.to_string(),
    }
}

struct Ctx<'a> {
    doc: &'a TextDoc,
    mentions: &'a [Mention],
    barrier: &'a [bool],
    cues: &'a [CueSet],
    s0: usize,
    s1: usize,
}

impl Ctx<'_> {
    fn norm(&self, t: usize) -> &str {
        self.doc.token_norm(t)
    }

    /// Whether the trigger speaks in the first person plural (`نحقق`, `ندين`, `اجتماعنا`,
    /// `طالبنا`): its agent is the speaker of the quote it stands in.
    fn first_person(&self, trig: &Trigger, p: &Pattern) -> bool {
        let w = self.norm(trig.t0);
        let w = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).unwrap_or(w);
        let w = w.strip_prefix('س').filter(|_| trig.form.future).unwrap_or(w);
        let last = self.norm(trig.t1.saturating_sub(1));
        (p.kind == PatternKind::Verb && trig.form.imperfect && w.starts_with('ن'))
            || last.ends_with("نا")
    }

    fn stop(&self, t: usize) -> bool {
        is_clause_stop(self.norm(t))
    }

    /// Why the event must not be emitted (negated, conditional), else its flags.
    fn modality(&self, trig: &Trigger, notes: &mut Notes) -> Result<Vec<String>, Unreal> {
        let mut flags = Vec::new();
        if trig.form.future {
            flags.push("future".to_string());
        }
        // A denial verb earlier in the sentence (`نفى الكرملين أن يكون ... قد التقى`).
        for t in self.s0..trig.t0 {
            if self.cues[t].contains(&CueKind::Denial) {
                note!(notes, "denied by `{}`", self.norm(t));
                return Err(Unreal::Negated);
            }
            // A conditional sentence (`إذا هاجمت إسرائيل إيران فإن ...`, `في حال وافقت ...`).
            if self.cues[t].contains(&CueKind::Conditional) {
                note!(notes, "conditional `{}`", self.norm(t));
                // What follows `فإن` is the consequence a speaker announces (`إذا ... فإنه
                // من المنطقي فرض عقوبات`); what precedes it is only the condition.
                let consequence = (t + 1..trig.t0).any(|u| {
                    let w = self.norm(u);
                    w.starts_with("فان") || w == "فسوف"
                });
                if consequence {
                    return Err(Unreal::Consequence);
                }
                return Err(Unreal::Conditional);
            }
        }
        // Cues bind to the light verb of a noun trigger (`لم تفرض اليابان أي عقوبات`).
        let mut anchor = trig.t0;
        for t in (trig.t0.saturating_sub(5).max(self.s0)..trig.t0).rev() {
            if self.stop(t) {
                break;
            }
            if self.cues[t].iter().any(|c| matches!(c, CueKind::Support | CueKind::Undergo)) {
                anchor = t;
                break;
            }
        }
        let mut t = anchor;
        let mut steps = 0;
        while t > self.s0 && steps < MODALITY_WINDOW {
            t -= 1;
            if self.stop(t) || self.norm(t) == "،" || self.norm(t) == "," {
                break;
            }
            steps += 1;
            // `لا سيما` (especially) is not a negation.
            // `لا سيما` (especially) and `لا يزال`, `ما زال` (still) are not negations.
            let next = self.norm(t + 1);
            if matches!(self.norm(t), "لا" | "ما")
                && (next == "سيما"
                    || ["يزال", "تزال", "زال", "زالت", "يزالون", "نزال"].contains(&next))
            {
                continue;
            }
            for c in self.cues[t].iter() {
                match c {
                    CueKind::Negation => {
                        note!(notes, "negated by `{}`", self.norm(t));
                        return Err(Unreal::Negated);
                    }
                    CueKind::Conditional => {
                        note!(notes, "conditional `{}`", self.norm(t));
                        return Err(Unreal::Conditional);
                    }
                    CueKind::Future => push_flag(&mut flags, "future"),
                    CueKind::Planned => push_flag(&mut flags, "planned"),
                    CueKind::Hypothetical
                        // `قد` before a perfect verb asserts, before an imperfect it hedges.
                        if (self.norm(t) != "قد" || trig.form.imperfect) => {
                            push_flag(&mut flags, "hypothetical");
                        }
                    _ => {}
                }
            }
        }
        for t in trig.t1..(trig.t1 + 4).min(self.s1) {
            if self.stop(t) {
                break;
            }
            if self.cues[t].contains(&CueKind::Planned) {
                push_flag(&mut flags, "planned");
            }
        }
        Ok(flags)
    }

    /// What governs a trigger: a word of threatening or weighing (`لوح`, `بحث`, `مستعدون`)
    /// or a threatening trigger a few words before it in the same clause, or a demanding or
    /// refusing trigger whose complement it is (`طالب بفرض عقوبات`, `رفض توقيع الاتفاق`).
    fn governor<'t>(
        &self,
        trig: &Trigger,
        triggers: &[&'t Trigger],
        k: &Knowledge,
    ) -> Option<Governor<'t>> {
        let from = trig.t0.saturating_sub(GOVERNOR_WINDOW).max(self.s0);
        if (from..trig.t0).any(|t| self.stop(t)) {
            let last_stop = (from..trig.t0).rev().find(|&t| self.stop(t))?;
            return self.governor_from(last_stop + 1, trig, triggers, k);
        }
        self.governor_from(from, trig, triggers, k)
    }

    fn governor_from<'t>(
        &self,
        from: usize,
        trig: &Trigger,
        triggers: &[&'t Trigger],
        k: &Knowledge,
    ) -> Option<Governor<'t>> {
        // The nearest governing trigger before this one.
        let prev = triggers.iter().rev().find(|g| g.t1 <= trig.t0 && g.t0 >= from).and_then(|g| {
            let root = k.patterns[g.form.pattern as usize].cameo.as_deref()?.get(..2)?;
            match root {
                "13" => Some(Governor::Threat),
                "02" | "10" | "12" => Some(Governor::Complement(g)),
                _ => None,
            }
        });
        if prev.is_some() {
            return prev;
        }
        if (from..trig.t0).any(|t| self.cues[t].contains(&CueKind::Threat)) {
            return Some(Governor::Threat);
        }
        (from..trig.t0).any(|t| self.cues[t].contains(&CueKind::Weigh)).then_some(Governor::Weigh)
    }

    fn date(
        &self,
        trig: &Trigger,
        input: EventInput<'_>,
        modality: &mut Vec<String>,
    ) -> Option<String> {
        let c0 = char_of(self.doc, trig.bytes.start);
        let s0 = self.doc.tokens.get(self.s0).map_or(0, |t| t.char_start);
        let s1 = self.doc.tokens.get(self.s1.saturating_sub(1)).map_or(0, |t| t.char_end);
        let best = input
            .timex
            .iter()
            .filter(|t| t.start >= s0 && t.end <= s1 && t.kind == "date")
            .filter_map(|t| t.value.as_ref().map(|v| (t.start.abs_diff(c0), v)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, v)| v.clone());
        if let (Some(v), Some(r)) = (&best, input.reference)
            && let (Some(a), Some(b)) = (day_number(v), day_number(r))
            && b - a > 31
        {
            push_flag(modality, "background");
        }
        best.or_else(|| input.reference.map(str::to_string))
    }

    fn mentions_in(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, &Mention)> {
        self.mentions.iter().enumerate().filter(move |(_, m)| m.t0 >= from && m.t1 <= to)
    }

    /// First usable mention starting in `[from, to)` without a governing preposition.
    fn bare_after(&self, from: usize, to: usize, skip: &[usize], object: bool) -> Option<usize> {
        let to = to.min(self.s1);
        for t in from..to {
            if self.stop(t) {
                return None;
            }
            if let Some((i, _)) = self.mentions_in(t, self.s1).find(|(i, m)| {
                m.t0 == t
                    && (m.usable()
                        || (object && m.kind == ActorKind::Nisba && t > from)
                        || (object && m.kind == ActorKind::Place))
                    && m.prep.is_none()
                    && !skip.contains(i)
            }) {
                return Some(i);
            }
            // Another preposition starts an adjunct, another verb or event word another
            // clause: stop looking for a bare argument.
            if prep_of(self.norm(t)).is_some()
                || (t > from && self.barrier.get(t).copied().unwrap_or(false))
            {
                return None;
            }
        }
        None
    }

    /// Nearest usable mention ending in `(from, to]` without a governing preposition.
    fn bare_before(&self, from: usize, to: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        // A long name may start well before the window; what counts is where it ends.
        let ending = self
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t1 > from && m.t1 <= to && m.t0 >= self.s0);
        for (i, m) in ending {
            if m.usable() && m.prep.is_none() {
                if (m.t1..to).any(|t| self.stop(t)) {
                    continue;
                }
                best = Some(i);
            }
        }
        best.map(|b| self.coordination_head(b))
    }

    /// The first member of the coordination a mention ends (`روسيا وإيران` → `روسيا`).
    fn coordination_head(&self, i: usize) -> usize {
        let mut first = i;
        for _ in 0..4 {
            let cur = &self.mentions[first];
            let prev = self.mentions.iter().position(|m| {
                m.usable()
                    && m.prep.is_none()
                    && ((cur.conj && m.t1 == cur.t0)
                        || (m.t1 + 1 == cur.t0 && self.norm(m.t1) == "و"))
            });
            match prev {
                Some(p) if p != first => first = p,
                _ => break,
            }
        }
        first
    }

    /// First mention after `from` governed by preposition `p`.
    fn prep_after(&self, from: usize, p: &str) -> Option<usize> {
        let to = (from + PREP_WINDOW).min(self.s1);
        for (i, m) in self.mentions_in(from, to) {
            if (from..m.t0).any(|t| self.stop(t)) {
                return None;
            }
            let usable = m.usable()
                || m.kind == ActorKind::Place
                || (m.kind == ActorKind::Nisba && m.prep.is_some_and(|(_, d)| d >= 1));
            if usable && m.prep.is_some_and(|(q, d)| q == p && d <= 2) {
                return Some(i);
            }
        }
        None
    }

    fn cue_in(&self, from: usize, to: usize, kind: CueKind) -> Option<usize> {
        (from..to.min(self.s1)).find(|&t| self.cues[t].contains(&kind))
    }

    fn arguments(
        &self,
        trig: &Trigger,
        p: &Pattern,
        notes: &mut Notes,
    ) -> (Option<Side>, Option<Side>, Option<usize>) {
        let mut source: Option<Side> = None;
        let mut target: Option<Side> = None;
        let left = trig.t0.saturating_sub(SUBJECT_WINDOW).max(self.s0);
        let mut subject_after: Option<usize> = None;
        // A trigger that names its own actors (`متظاهرون عراقيون`, `المحتجين`).
        if let Some(i) =
            self.mentions.iter().position(|m| m.t0 <= trig.t0 && trig.t0 < m.t1 && m.usable())
        {
            source = side(i, "trigger-is-actor");
        }
        // A form that is both a verb and a noun (`قصف`) tries the noun rules, then the verb's.
        let kind = if trig.mixed { PatternKind::Phrase } else { p.kind };
        if kind != PatternKind::Verb {
            self.noun_arguments(trig, p, left, &mut source, &mut target, notes);
        }
        // `X تم اعتقاله`: the noun after `تم` says what was done to the topic before it.
        if kind == PatternKind::Noun
            && trig.passive
            && target.is_none()
            && let Some(b) = self.bare_before(left.saturating_sub(2).max(self.s0), trig.t0)
        {
            target = side(b, "passive-subject");
        }
        // After a relative pronoun the subject is the noun it refers to (`المخاطر التي تهدد
        // الأمن`, `العناصر الذين يتعاونون معنا`), never the words after the verb.
        let relative = trig.t0 > self.s0 && RELATIVES.contains(&self.norm(trig.t0 - 1));
        if kind != PatternKind::Noun && source.is_none() && !p.nosubj && relative {
            match self.relative_antecedent(trig.t0) {
                Some(a) => source = side(a, "relative-antecedent"),
                None => note!(notes, "source: the relative pronoun refers to no actor"),
            }
        }
        // A first-person verb (`نطالب`) has "we" as its subject: the speaker, never a name.
        let first_person = kind == PatternKind::Verb && self.first_person(trig, p);
        if kind != PatternKind::Noun && source.is_none() && !p.nosubj && !relative && !first_person
        {
            let mut before = self.bare_before(left, trig.t0);
            let mut shared = false;
            // `استقبل الرئيس الوزير وبحث معه`: a verb joined by `و` after another trigger's
            // subject and object shares that subject; the nearest name is the object.
            if before.is_some() && self.norm(trig.t0).starts_with('و') {
                let v1 = (self.s0..trig.t0)
                    .rev()
                    .find(|&t| self.barrier.get(t).copied().unwrap_or(false));
                if let Some(v1) = v1 {
                    let bare: Vec<usize> = self
                        .mentions_in(v1 + 1, trig.t0)
                        .filter(|(_, m)| m.usable() && m.prep.is_none())
                        .map(|(i, _)| i)
                        .collect();
                    if bare.len() >= 2 && self.mentions[bare[0]].t0 <= v1 + 2 {
                        before = Some(bare[0]);
                        shared = true;
                    }
                }
            }
            let after = if before.is_none() {
                self.bare_after(trig.t1, trig.t1 + SUBJECT_WINDOW, &[], false)
            } else {
                None
            };
            let (subj, rule) = match (before, after) {
                (Some(b), _) if shared => (Some(b), "shared-subject"),
                (Some(b), _) => (Some(b), "subject-before-verb"),
                (None, Some(a)) => {
                    subject_after = Some(a);
                    (Some(a), "subject-after-verb")
                }
                _ => (None, ""),
            };
            // Unvocalised `قتل جنود` is read as the passive "soldiers were killed": a common
            // noun of soldiers, police or civilians right after a killing or abduction verb is
            // its victim (armed groups, `قتل مسلحون`, stay the agents).
            let code = p.cameo.as_deref().unwrap_or("");
            let victim = subject_after.is_some_and(|a| {
                code.starts_with("18")
                    && self.mentions[a].kind == ActorKind::Agent
                    && !self.mentions[a].code.ends_with("REB")
            });
            match subj {
                Some(sj) if victim => {
                    subject_after = None;
                    if target.is_none() {
                        target = side(sj, "passive-victim");
                    }
                }
                Some(sj) if trig.passive || p.undergo => {
                    if target.is_none() {
                        target = side(
                            sj,
                            if trig.passive { "passive-subject" } else { "undergoing-subject" },
                        );
                    }
                }
                Some(sj) => source = side(sj, rule),
                None => match self.previous_subject(trig) {
                    // A sentence opening with a verb and no subject goes on about the subject
                    // of the sentence before (`... قال سلفاكير. واتهم خصومه ...`).
                    Some(ps) if !trig.passive && !p.undergo => {
                        source = side(ps, "previous-sentence-subject");
                    }
                    _ => note!(notes, "source: no subject before or after the verb"),
                },
            }
            // A verb with an object pronoun (`احتلها`) has its object already.
            let clitic_object = trig.form.pronoun && kind == PatternKind::Verb;
            if p.has_role("obj") && target.is_none() && !clitic_object {
                let mut from = subject_after.map_or(trig.t1, |a| self.mentions[a].t1);
                // Skip appositions of a subject after the verb (`استقبل X، وزير الدفاع، Y`).
                while subject_after.is_some() && matches!(self.norm(from), "،" | ",") {
                    match self.mentions.iter().find(|m| m.t0 == from + 1 && m.usable()) {
                        Some(m) => from = m.t1,
                        None => break,
                    }
                }
                // A name right after a title subject is the same person (`وزير الدفاع
                // الأمريكي أشتون كارتر`), not the object.
                if let Some(a) = subject_after {
                    let c = self.mentions[a].country.clone();
                    if let Some(m) = self.mentions.iter().find(|m| {
                        m.t0 == from && m.usable() && m.country.is_some() && m.country == c
                    }) {
                        from = m.t1;
                    }
                }
                let skip: Vec<usize> = subject_after.into_iter().collect();
                if let Some(o) = self.bare_after(from, from + OBJECT_WINDOW, &skip, true) {
                    target = side(o, "object");
                }
            }
        }
        // Agentive phrase: `من قبل X`.
        if source.is_none()
            && let Some(c) = self.cue_in(trig.t1, trig.t1 + 6, CueKind::Agentive)
            && let Some(a) = self
                .mentions_in(c + 1, (c + 4).min(self.s1))
                .find(|(_, m)| m.usable())
                .map(|(i, _)| i)
        {
            source = side(a, "agentive-phrase");
        }
        // Prepositional targets in the order of the pattern.
        if target.is_none() {
            for r in &p.roles {
                if r == "obj" || r == "gen" {
                    continue;
                }
                let after_source = source
                    .as_ref()
                    .and_then(|s| s.mentions.first())
                    .map(|&i| self.mentions[i].t1)
                    .filter(|&e| e > trig.t1 && e <= trig.t1 + 12);
                let from = after_source.unwrap_or(trig.t1);
                if let Some(m) = self.prep_after(from, r) {
                    let subject_source = source
                        .as_ref()
                        .is_some_and(|s| has(&s.rule, "subject") && !s.rule.starts_with("clause"));
                    if r == "بين" && !subject_source {
                        let group = self.expand(&side(m, "between"));
                        if group.len() >= 2 {
                            source = Some(Side {
                                mentions: vec![group[0]],
                                rule: "between-first".into(),
                                expand: false,
                            });
                            target = Some(Side {
                                mentions: group[1..].to_vec(),
                                rule: "between-second".into(),
                                expand: false,
                            });
                            break;
                        }
                    }
                    target = side(m, &format!("prep:{r}"));
                    break;
                }
                note!(notes, "target: no mention after `{r}`");
            }
        }
        // A side-less source with a known target: the nearest actor before the trigger in
        // the sentence (the speaker or agent of a clause whose subject is dropped).
        // A noun without a source: the subject of the clause it stands in
        // (`عززت روسيا وإيران التعاون`, `شارك آلاف السودانيين في مظاهرات`).
        let cooperative = matches!(
            p.cameo.as_deref().and_then(|c| c.get(..2)),
            Some("03" | "04" | "05" | "06" | "07" | "08" | "14")
        );
        if source.is_none() && kind == PatternKind::Noun && cooperative {
            let tgt = target.as_ref().map(|t| t.mentions.clone()).unwrap_or_default();
            if let Some(b) = self.bare_before(trig.t0.saturating_sub(6).max(self.s0), trig.t0)
                && !tgt.contains(&b)
                && self.mentions[b].strong()
            {
                source = side(b, "clause-subject");
            }
        }
        let prep_target = target.as_ref().is_some_and(|t| t.rule.starts_with("prep:"));
        if source.is_none() && prep_target && !p.undergo && !trig.passive {
            let tgt = target.as_ref().map(|t| t.mentions.clone()).unwrap_or_default();
            if let Some((i, _)) = self
                .mentions
                .iter()
                .enumerate()
                .filter(|(i, m)| {
                    m.t1 <= trig.t0
                        && m.t0 >= self.s0
                        && m.strong()
                        && !tgt.contains(i)
                        && m.prep.is_none_or(|(p, _)| matches!(p, "عن" | "من"))
                })
                .max_by_key(|(_, m)| m.t1)
            {
                source = side(i, "nearest-actor-before");
            }
        }
        // Neither side identical.
        if let (Some(s), Some(t)) = (&source, &target)
            && s.mentions == t.mentions
        {
            target = None;
        }
        // Location: the first place within a few words after a `في` that follows the
        // trigger (`في بلدة فوتوكول بشمال الكاميرون`).
        let mut location = None;
        let end = (trig.t1 + PREP_WINDOW + 4).min(self.s1);
        let mut t = trig.t1;
        while t < end && location.is_none() {
            if self.stop(t) {
                break;
            }
            // `في X`, or `ب` on a noun of place (`بمدينة أبها`, `ببلدة`).
            let w = self.norm(t);
            let at_place = w
                .strip_prefix('ب')
                .map(|r| r.strip_prefix("ال").unwrap_or(r))
                .is_some_and(|r| PLACE_NOUNS.contains(&r));
            if prep_of(w) == Some("في") || at_place {
                location = self
                    .mentions_in(t + 1, (t + 7).min(self.s1))
                    .find(|(_, m)| {
                        m.country.is_some()
                            && (matches!(
                                m.kind,
                                ActorKind::Country | ActorKind::Capital | ActorKind::Place
                            ) || (m.kind == ActorKind::Nisba && m.t0 > t + 1))
                    })
                    .map(|(i, _)| i);
            }
            t += 1;
        }
        (source, target, location)
    }

    /// Rules for noun triggers: nisba adjective, genitive, possessive pronoun, light verbs
    /// before the noun and relative clauses after it.
    fn noun_arguments(
        &self,
        trig: &Trigger,
        p: &Pattern,
        left: usize,
        source: &mut Option<Side>,
        target: &mut Option<Side>,
        notes: &mut Notes,
    ) {
        let next = trig.t1;
        let adj = self
            .mentions_in(next, (next + 3).min(self.s1))
            .find(|(_, m)| m.kind == ActorKind::Nisba && m.prep.is_none() && m.t0 <= next + 1)
            .map(|(i, _)| i);
        if let Some(a) = adj {
            *source = side(a, "nisba-adjective");
            // Two nisbas name both sides (`محادثات أذربيجانية أرمينية`).
            let end = self.mentions[a].t1;
            if let Some((b, _)) = self.mentions_in(end, (end + 2).min(self.s1)).find(|(_, m)| {
                m.kind == ActorKind::Nisba
                    && (m.t0 == end || (m.t0 == end + 1 && self.norm(end) == "و"))
                    && m.country != self.mentions[a].country
            }) {
                *target = side(b, "second-nisba-adjective");
            }
        }
        let word = self.norm(trig.t1.saturating_sub(1));
        // Only third-person singular possessives point back to a country (`حربها`,
        // `زيارته`); `نا` is the speaker and `هم`/`هما` a group.
        let singular_pronoun = trig.form.pronoun
            && !word.ends_with("هم")
            && !word.ends_with("هما")
            && !word.ends_with("نا");
        let code = p.cameo.as_deref().unwrap_or("");
        let violent = matches!(code.get(..2), Some("15" | "17" | "18" | "19" | "20"));
        let genitive = self
            .mentions_in(next, (next + 2).min(self.s1))
            .find(|(_, m)| {
                m.t0 == next && m.prep.is_none() && (m.usable() || m.kind == ActorKind::Place)
            })
            .map(|(i, m)| (i, m.force));
        if trig.form.pronoun {
            // A noun with a possessive suffix has no genitive: what follows is its object.
            if singular_pronoun && let Some(a) = self.antecedent(trig.t0) {
                if p.has_role("gen") {
                    *target = side(a, "pronoun-antecedent");
                } else if source.is_none() {
                    *source = side(a, "pronoun-antecedent");
                }
            }
            if let Some((g, _)) = genitive
                && p.has_role("obj")
                && target.is_none()
            {
                *target = side(g, "object-of-noun");
            }
        } else if let Some((g, force)) = genitive {
            let place = matches!(
                self.mentions[g].kind,
                ActorKind::Place | ActorKind::Country | ActorKind::Capital
            );
            // The victim of a killing or abduction is its genitive even when a soldier;
            // a place after a violent noun is what is hit (`قصف حلب`).
            let _ = force;
            if p.has_role("gen") || (violent && place) {
                *target = side(g, "genitive-patient");
            } else if self.mentions[g].kind == ActorKind::Place {
                // A town does not act.
            } else if source.is_none() {
                *source = side(g, "genitive-agent");
            } else if p.has_role("obj") && target.is_none() {
                *target = side(g, "object-of-noun");
            }
        }
        // A light verb before the noun: its subject acts (`شنت الطائرات غارات`) or, for
        // verbs of undergoing, is acted upon (`تعرضت القوات لهجوم`).
        if let Some(v) = (left.saturating_sub(4).max(self.s0)..trig.t0).rev().find(|&t| {
            self.cues[t].contains(&CueKind::Support) || self.cues[t].contains(&CueKind::Undergo)
        }) {
            let undergo = self.cues[v].contains(&CueKind::Undergo);
            if (undergo && target.is_none()) || (!undergo && source.is_none()) {
                let subj = self
                    .bare_after(v + 1, trig.t0, &[], false)
                    .or_else(|| self.relative_antecedent(v))
                    .or_else(|| self.bare_before(v.saturating_sub(SUBJECT_WINDOW).max(self.s0), v));
                match (subj, undergo) {
                    (Some(sj), false) => *source = side(sj, "light-verb-subject"),
                    (Some(sj), true) => *target = side(sj, "undergoing-subject"),
                    _ => note!(notes, "light verb `{}` without a subject", self.norm(v)),
                }
            }
        }
        // A relative clause after the noun: `غارات نفذها الجيش السوري`.
        // A relative clause after the noun names its agent (`العقوبات التي أقرتها الأمم
        // المتحدة`, `الضغوط التي تمارسها تركيا`).
        if source.is_none() {
            let rel =
                (trig.t1..(trig.t1 + 3).min(self.s1)).find(|&t| RELATIVES.contains(&self.norm(t)));
            if let Some(r) = rel
                && let Some(sj) = self.bare_after(r + 2, r + 2 + SUBJECT_WINDOW, &[], false)
                && self.mentions[sj].t0 == r + 2
            {
                *source = side(sj, "relative-clause-subject");
            }
        }
        // The subject may stand after the light verb or between the noun and it
        // (`هجومين يشتبه أن جماعة بوكو حرام نفذتهما`).
        if source.is_none()
            && let Some(v) = self.cue_in(trig.t1, trig.t1 + 10, CueKind::Support)
        {
            let crossed = (trig.t1..v).any(|t| self.stop(t));
            let between = self
                .mentions_in(trig.t1, v)
                .filter(|(_, m)| m.usable() && m.prep.is_none())
                .last()
                .map(|(i, _)| i);
            let after = self.bare_after(v + 1, v + 1 + SUBJECT_WINDOW, &[], false);
            if !crossed && let Some(sj) = after.or(between) {
                *source = side(sj, "relative-clause-subject");
            }
        }
    }

    /// The noun a relative pronoun before token `v` refers to (`موسكو وطهران، اللتين تواجهان`).
    fn relative_antecedent(&self, v: usize) -> Option<usize> {
        let mut t = v;
        while t > self.s0 {
            t -= 1;
            let w = self.norm(t);
            if w == "،" || w == "," {
                continue;
            }
            if !RELATIVES.contains(&w) {
                return None;
            }
            // The mention (possibly the first of a coordination) ending before the pronoun.
            let mut end = t;
            while end > self.s0 && matches!(self.norm(end - 1), "،" | "," | ")" | "»" | "\"") {
                end -= 1;
            }
            let last = self.mentions.iter().rposition(|m| {
                m.t1 <= end
                    && m.t1 + 1 >= end
                    && m.t0 >= self.s0
                    && m.usable()
                    && (m.t1..end).all(|g| prep_of(self.norm(g)).is_none())
            })?;
            // Walk back over a coordination to its first member.
            let mut first = last;
            while let Some(prev) = self.mentions.iter().position(|m| {
                m.usable()
                    && ((self.mentions[first].conj && m.t1 == self.mentions[first].t0)
                        || (m.t1 + 1 == self.mentions[first].t0 && self.norm(m.t1) == "و"))
            }) {
                first = prev;
            }
            return Some(first);
        }
        None
    }

    /// For a verb opening its sentence (`واتهم`, `وأضاف`), the subject of the sentence before:
    /// its first country-bearing mention without a preposition.
    fn previous_subject(&self, trig: &Trigger) -> Option<usize> {
        let opens = trig.t0 == self.s0
            || (trig.t0 == self.s0 + 1 && matches!(self.norm(self.s0), "و" | "ف" | "ثم"));
        if !opens || self.s0 == 0 {
            return None;
        }
        let floor = self.s0.saturating_sub(ANTECEDENT_WINDOW);
        let start = (floor..self.s0.saturating_sub(1))
            .rev()
            .find(|&t| self.stop(t))
            .map_or(floor, |t| t + 1);
        self.mentions
            .iter()
            .position(|m| m.t0 >= start && m.t1 <= self.s0 && m.strong() && m.prep.is_none())
    }

    /// The nearest country-bearing mention before token `t`, in this sentence or the two
    /// before it.
    fn antecedent(&self, t: usize) -> Option<usize> {
        let floor = self.s0.saturating_sub(ANTECEDENT_WINDOW);
        self.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t1 <= t && m.t0 >= floor && m.strong())
            .max_by_key(|(_, m)| m.t1)
            .map(|(i, _)| i)
    }

    /// The mentions of a side with their coordinated partners (`روسيا وإيران`).
    fn expand(&self, side: &Option<Side>) -> Vec<usize> {
        let Some(side) = side else { return Vec::new() };
        let mut out = side.mentions.clone();
        if !side.expand {
            return out;
        }
        let mut last = out[0];
        for _ in 0..4 {
            let end = self.mentions[last].t1;
            // `X و Y`, `X وY`, or `X والأمير Y` (a title word between).
            let next = self.mentions.iter().enumerate().find(|(_, m)| {
                (m.usable() || (m.kind == ActorKind::Nisba && m.conj && m.t0 == end))
                    && ((m.t0 == end && m.conj)
                        || (m.t0 == end + 1 && self.norm(end) == "و")
                        || (m.t0 == end + 1
                            && self.norm(end).starts_with('و')
                            && self.norm(end).chars().count() > 3
                            && self.doc.tokens.get(end).is_some_and(|t| t.kind == TokenKind::Word)))
            });
            match next {
                Some((i, _)) if !out.contains(&i) => {
                    out.push(i);
                    last = i;
                }
                _ => break,
            }
        }
        out
    }

    fn event_actor(&self, i: usize, rule: &str) -> EventActor {
        let m = &self.mentions[i];
        let (c0, c1) = char_span(self.doc, m.bytes.clone());
        let text = self.doc.slice(m.bytes.clone()).to_string();
        EventActor {
            code: m.code.clone(),
            name: Some(text.clone()),
            actor: m.actor,
            mentions: vec![Span { start: c0, end: c1, text }],
            rule: format!("{rule} ({})", m.rule),
        }
    }
}

fn push_flag(flags: &mut Vec<String>, f: &str) {
    if !flags.iter().any(|x| x == f) {
        flags.push(f.to_string());
    }
}

/// Days since an arbitrary epoch of a `YYYY-MM-DD` / `YYYY-MM` / `YYYY` value.
fn day_number(v: &str) -> Option<i64> {
    let mut it = v.split('-');
    let y: i64 = it.next()?.get(..4)?.parse().ok()?;
    let m: i64 = it.next().and_then(|m| m.get(..2)?.parse().ok()).unwrap_or(12);
    let d: i64 = it.next().and_then(|d| d.get(..2)?.parse().ok()).unwrap_or(28);
    Some(y * 372 + m * 31 + d)
}

/// The byte offset of code-point offset `ch` of the original text (what
/// `CharIndex::byte_offset` returns), found from the nearest token at or before it: entity
/// spans start and end at token edges, so this walks few characters, if any.
fn byte_of_char(doc: &TextDoc, ch: usize) -> usize {
    let i = doc.tokens.partition_point(|t| t.char_start <= ch);
    let Some(t) = i.checked_sub(1).and_then(|i| doc.tokens.get(i)) else {
        return doc.index.byte_offset(&doc.text, ch);
    };
    let (b, c) = if ch >= t.char_end { (t.end, t.char_end) } else { (t.start, t.char_start) };
    doc.text
        .get(b..)
        .and_then(|rest| rest.char_indices().nth(ch - c))
        .map_or(doc.text.len(), |(j, _)| b + j)
}

/// The code-point offset of byte offset `byte` of the original text (what
/// `CharIndex::char_offset` returns), counted from the nearest token edge before it: spans of
/// triggers, mentions and sentences lie on or next to token edges, so this walks few
/// characters. Far from any token, inside a character or past the end, the index answers.
fn char_of(doc: &TextDoc, byte: usize) -> usize {
    let i = doc.tokens.partition_point(|t| t.start <= byte);
    let Some(t) = i.checked_sub(1).and_then(|i| doc.tokens.get(i)) else {
        return doc.index.char_offset(&doc.text, byte);
    };
    let (b, c) = if byte >= t.end { (t.end, t.char_end) } else { (t.start, t.char_start) };
    match doc.text.get(b..byte) {
        Some(gap) if byte < doc.text.len() && gap.len() <= 256 => c + gap.chars().count(),
        _ => doc.index.char_offset(&doc.text, byte),
    }
}

/// The code-point span of a byte span of the original text (see [`char_of`]).
fn char_span(doc: &TextDoc, bytes: std::ops::Range<usize>) -> (usize, usize) {
    (char_of(doc, bytes.start), char_of(doc, bytes.end))
}

/// `s` without any number of leading articles (`trim_start_matches("ال")` without building a
/// substring searcher for each call).
fn trim_al(mut s: &str) -> &str {
    while let Some(r) = s.strip_prefix("ال") {
        s = r;
    }
    s
}

/// Whether `needle` occurs in `hay` (`str::contains` for the short strings of rules and words,
/// without building a substring searcher for each call).
fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w == n)
}

fn token_span(doc: &TextDoc, bytes: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    if bytes.start >= bytes.end {
        return None;
    }
    let t0 = doc.token_at(bytes.start);
    let t1 = doc.token_at(bytes.end - 1) + 1;
    (t0 < t1 && t1 <= doc.tokens.len()).then_some((t0, t1))
}

fn find_triggers(k: &Knowledge, doc: &TextDoc, all: Vec<PhraseMatch>) -> Vec<Trigger> {
    let mut out = Vec::new();
    for m in longest_matches(all, doc.norm.text.len()) {
        let values = k.triggers.values(m.key);
        // A blocking phrase with the same letters as a generated form wins (`رحلة` is a trip,
        // not `رحله` "deported him").
        if values.iter().any(|f| k.patterns[f.pattern as usize].cameo.is_none()) {
            continue;
        }
        let bytes = doc.norm_to_original(m.start..m.end);
        let Some((t0, t1)) = token_span(doc, &bytes) else { continue };
        // The first pattern (in file order) whose required following word, if any, is there;
        // gapped forms whose word is there are more specific than plain ones.
        let Some(form) = values
            .iter()
            .filter(|f| f.need == 0 || needs_met(k, doc, t1, f.need))
            .min_by_key(|f| (f.need == 0, f.pattern))
            .copied()
        else {
            continue;
        };
        // A damma on the first letter of the verb marks the passive (`قُتل`, `استُهدف`).
        let word = doc.slice(bytes.clone());
        // So does `تم` a word or two before (`تم اعتقاله`, `تم إلقاء القبض عليهم`).
        let passive = (k.patterns[form.pattern as usize].kind == PatternKind::Verb
            && word.chars().take(4).any(|c| c == '\u{064F}'))
            || (t0.saturating_sub(2)..t0).any(|t| {
                let w = doc.token_norm(t);
                matches!(w.strip_prefix('و').unwrap_or(w), "تم" | "يتم" | "تمت")
            });
        let kind_of = |f: &Form| k.patterns[f.pattern as usize].kind;
        let mixed = values.iter().any(|f| kind_of(f) == PatternKind::Verb)
            && values.iter().any(|f| kind_of(f) == PatternKind::Noun);
        out.push(Trigger { t0, t1, bytes, form, passive, mixed });
    }
    out
}

/// Whether required word `need` (1-based) appears within six words after token `t1`, in the
/// same clause, possibly with proclitics, the article or a pronoun suffix.
fn needs_met(k: &Knowledge, doc: &TextDoc, t1: usize, need: u32) -> bool {
    let Some(words) = k.needs.get(need as usize - 1) else { return false };
    words.iter().any(|w| need_word_after(doc, t1, w))
}

/// Whether `word` begins one of the next few tokens of the clause, clitics aside.
fn need_word_after(doc: &TextDoc, t1: usize, word: &str) -> bool {
    for t in t1..(t1 + 6).min(doc.tokens.len()) {
        let w = doc.token_norm(t);
        if is_clause_stop(w) {
            return false;
        }
        if w.starts_with(word) {
            return true;
        }
        let mut stem = w;
        for p in ["و", "ف"] {
            stem = stem.strip_prefix(p).unwrap_or(stem);
        }
        for p in ["بال", "لل", "كال", "ال", "ب", "ل"] {
            if let Some(r) = stem.strip_prefix(p)
                && r.starts_with(word)
            {
                return true;
            }
        }
        if stem.starts_with(word) {
            return true;
        }
    }
    false
}

/// The cue kinds found on one token, as a bit set (one small integer per token, no
/// allocation).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CueSet(u16);

impl CueSet {
    fn contains(&self, k: &CueKind) -> bool {
        self.0 & (1 << (*k as u16)) != 0
    }
    fn insert(&mut self, k: CueKind) {
        self.0 |= 1 << (k as u16);
    }
    fn iter(&self) -> impl Iterator<Item = CueKind> + '_ {
        ALL_CUES.iter().copied().filter(|k| self.contains(k))
    }
}

const ALL_CUES: &[CueKind] = &[
    CueKind::Negation,
    CueKind::Future,
    CueKind::Planned,
    CueKind::Conditional,
    CueKind::Hypothetical,
    CueKind::Support,
    CueKind::Undergo,
    CueKind::Agentive,
    CueKind::Sport,
    CueKind::Denial,
    CueKind::Question,
    CueKind::Threat,
    CueKind::Weigh,
    CueKind::Purpose,
];

/// Non-overlapping matches, longest first then leftmost (the selection of
/// `PhraseMatcher::find`), in linear time with an occupancy map so that huge documents cost
/// no more than their length.
fn longest_matches(mut all: Vec<PhraseMatch>, len: usize) -> Vec<PhraseMatch> {
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.start.cmp(&b.start)));
    let mut taken = vec![false; len + 1];
    let mut out = Vec::with_capacity(all.len());
    for m in all {
        let end = m.end.min(len);
        if taken[m.start.min(end)..end].iter().any(|&b| b) {
            continue;
        }
        for b in taken.iter_mut().take(end).skip(m.word_start.min(m.start)) {
            *b = true;
        }
        out.push(m);
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Cues are short function words, so they are looked up word by word (with an optional
/// conjunction `و`/`ف`) rather than searched for inside words.
fn find_cues(k: &Knowledge, doc: &TextDoc) -> Vec<CueSet> {
    let n = doc.tokens.len();
    let mut out = vec![CueSet::default(); n];
    for (t, slot) in out.iter_mut().enumerate() {
        let w = doc.token_norm(t);
        if w.is_empty() || doc.tokens[t].kind != TokenKind::Word {
            continue;
        }
        let bare = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'));
        for cand in std::iter::once(w).chain(bare) {
            if !k.cue_filter.may_contain(cand) {
                continue;
            }
            let Some(entries) = k.cue_words.get(cand) else { continue };
            for (rest, kind) in entries {
                let fits = rest.iter().enumerate().all(|(j, r)| doc.token_norm(t + 1 + j) == r);
                if fits {
                    slot.insert(*kind);
                }
            }
        }
    }
    out
}

fn build_code(country: Option<&str>, agents: &[String]) -> String {
    let mut code = country.unwrap_or("---").to_string();
    if let Some(a) = agents.first()
        && code != *a
    {
        code.push_str(a);
    }
    code
}

const DIRECTIONS: &[&str] =
    &["شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي"];

/// Words of side or heading (matching form, without the article) after which a nisba or a
/// compass noun gives a direction, not an actor (`من الجهة الغربية`, `باتجاه الشرق`). Not
/// `الجانب`, `الأطراف` or `الجهات`: `الجانب الروسي`, `الأطراف الليبية` and `الجهات الإيرانية`
/// are actors.
const SIDES: &[&str] = &["جهه", "ناحيه", "اتجاه", "ضفه"];

/// Compass nouns that are also names of groups of countries (`الغرب`, `الشرق`).
const COMPASS_NOUNS: &[&str] = &["غرب", "شرق"];

/// Country names that are also common words (`مالي` "financial"): a country only after a
/// word that introduces a place.
const AMBIGUOUS_NAMES: &[&str] = &["مالي", "ماليه"];
/// Nouns after which a definite ambiguous word is the nisba (`الجيش المالي`).
const NISBA_HEADS: &[&str] = &[
    "جيش",
    "قوات",
    "حكومه",
    "رئيس",
    "سلطات",
    "شرطه",
    "جنود",
    "جندي",
    "نظيره",
    "وزير",
    "امن",
    "شعب",
    "مواطنين",
    "جانب",
    "وفد",
    "برلمان",
];
/// Nouns of place that, with `ب`, say where an event happened (normalised).
const PLACE_NOUNS: &[&str] =
    &["مدينه", "بلده", "منطقه", "محافظه", "ولايه", "قريه", "اقليم", "العاصمه", "عاصمه", "مخيم"];

/// Demonstratives (normalised) that make an event noun refer back to an earlier one.
const DEMONSTRATIVES: &[&str] = &[
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هذين",
    "هاتين",
    "هذان",
    "هاتان",
    "بهذا",
    "بهذه",
    "لهذا",
    "لهذه",
    "بذلك",
    "بتلك",
    "لذلك",
    "لتلك",
];

/// Words that introduce the topic of talks or statements (normalised): an event noun after
/// them is what is talked about. The importance or necessity of an event (`أهمية المساعدات`,
/// `ضرورة دعم`) is likewise something argued for, not something done.
const TOPIC_PREPS: &[&str] =
    &["بشان", "حول", "بخصوص", "حيال", "وبشان", "وحول", "اهميه", "واهميه", "ضروره", "وضروره"];

/// How many words after a verb of requesting an event noun is still what was asked for (the
/// one asked may stand between them: `طلبت الحكومة من الاتحاد الأوروبي زيادة المساعدات`), as
/// long as no other trigger or light verb comes between.
const REQUEST_REACH: usize = 8;

/// At most this many titles join one name (a bound, so that no input makes the loop long).
const MAX_TITLE_CHAIN: usize = 8;

/// The CAMEO code of exercises held together (pattern flag `joint`): cooperate militarily.
const JOINT_CODE: &str = "062";

/// Quotation marks that may enclose a name between a preposition and it.
const QUOTE_MARKS: &[&str] = &["«", "»", "\"", "“", "”", "'"];

const PLACE_CONTEXT: &[&str] = &[
    "في",
    "الي",
    "من",
    "شمال",
    "جنوب",
    "وسط",
    "شرق",
    "غرب",
    "دوله",
    "جمهوريه",
    "حكومه",
    "جيش",
    "رئيس",
];

fn find_mentions(
    k: &Knowledge,
    doc: &TextDoc,
    input: EventInput<'_>,
    barrier: &[bool],
    all_actor_matches: Vec<PhraseMatch>,
) -> Vec<Mention> {
    // Countries named by any word (overlapping matches included), so that a title that
    // contains a nisba (`المستشار الألماني`) gets its country.
    let mut token_country: Vec<Option<&str>> = vec![None; doc.tokens.len()];
    let mut lexical: FastMap<(usize, usize), (ActorKind, Option<&str>)> = FastMap::default();
    for m in &all_actor_matches {
        let Some(&ei) = k.actors.values(m.key).first() else { continue };
        let entry = &k.actor_entries[ei as usize];
        if !matches!(
            entry.kind,
            ActorKind::Nisba | ActorKind::People | ActorKind::Capital | ActorKind::Country
        ) {
            continue;
        }
        let bytes = doc.norm_to_original(m.start..m.end);
        if let Some((t0, t1)) = token_span(doc, &bytes) {
            lexical.insert((t0, t1), (entry.kind, entry.country.as_deref()));
            for c in token_country.iter_mut().take(t1).skip(t0) {
                if c.is_none() {
                    *c = entry.country.as_deref();
                }
            }
        }
    }
    // The actor lexicon's own mentions.
    let mut own: Vec<Mention> = Vec::new();
    for m in longest_matches(all_actor_matches, doc.norm.text.len()) {
        let Some(&ei) = k.actors.values(m.key).first() else { continue };
        let entry = &k.actor_entries[ei as usize];
        let bytes = doc.norm_to_original(m.start..m.end);
        let Some((t0, t1)) = token_span(doc, &bytes) else { continue };
        let prefix = &doc.norm.text[m.word_start..m.start];
        // The article belongs to the mention (`الجيش`), the other proclitics do not.
        let bytes = if prefix.ends_with("ال") {
            doc.norm_to_original(m.start - "ال".len()..m.end)
        } else if prefix.ends_with("لل") {
            doc.norm_to_original(m.start - "ل".len()..m.end)
        } else {
            bytes
        };
        // A proper name written without the article never takes it: `المشهد` is "the
        // scene", not the city of Mashhad.
        if matches!(entry.kind, ActorKind::Country | ActorKind::Capital | ActorKind::Place)
            && (prefix.ends_with("ال") || prefix.ends_with("لل"))
            && !k.actors.key(m.key).starts_with("ال")
            && !AMBIGUOUS_NAMES.contains(&k.actors.key(m.key))
        {
            continue;
        }
        let prev = if t0 > 0 { doc.token_norm(t0 - 1) } else { "" };
        // A nisba after a compass word names a region (`شمال غربي سوريا`), not an actor; so
        // does a nisba or a compass noun after a word of side or heading (`من الجهة الغربية`,
        // `من جهة الغرب`, `باتجاه الشرق`).
        let prev_bare = prev.trim_start_matches('و').trim_start_matches("ال");
        let prev_side = SIDES.iter().any(|s| {
            prev_bare == *s
                || prev
                    .strip_prefix('ب')
                    .or_else(|| prev.strip_prefix('ل'))
                    .is_some_and(|p| p.trim_start_matches("ال") == *s)
        });
        if (entry.kind == ActorKind::Nisba && DIRECTIONS.contains(&trim_al(prev)))
            || (prev_side
                && (entry.kind == ActorKind::Nisba
                    || COMPASS_NOUNS.contains(&k.actors.key(m.key).trim_start_matches("ال"))))
        {
            continue;
        }
        // So does a compass word before a nisba (`الغرب الأوكراني` is western Ukraine, not
        // the West).
        let own_word = doc.token_norm(t0);
        if t1 == t0 + 1
            && DIRECTIONS.contains(&trim_al(own_word.trim_start_matches('و')))
            && lexical.get(&(t1, t1 + 1)).is_some_and(|(kind, _)| *kind == ActorKind::Nisba)
        {
            continue;
        }
        // With the article the word is the nisba only after a noun of state or force
        // (`الجيش المالي`); elsewhere it is "financial" (`الضغط المالي`, `وزارة المالية`).
        let definite = prefix.ends_with("ال") || prefix.ends_with("لل");
        let head = trim_al(prev.trim_start_matches('و'));
        if AMBIGUOUS_NAMES.contains(&k.actors.key(m.key))
            && ((!PLACE_CONTEXT.contains(&prev.trim_start_matches('و')) && prefix.is_empty())
                || (definite && !NISBA_HEADS.contains(&head)))
        {
            continue;
        }
        let mut country = entry.country.clone();
        let mut rule = entry.rule.clone();
        if country.is_none()
            && entry.kind == ActorKind::Agent
            && let Some(c) = token_country[t0..t1].iter().flatten().next()
        {
            country = Some((*c).to_string());
            rule.push_str("+nisba-in-title");
        }
        own.push(Mention {
            t0,
            t1,
            bytes,
            code: build_code(country.as_deref(), &entry.agents),
            country,
            kind: entry.kind,
            prep: attached_prep(prefix).map(|p| (p, 0)),
            conj: prefix.starts_with('و'),
            actor: None,
            person: rule.starts_with("title:"),
            rule,
            force: entry.agents.iter().any(|a| matches!(a.as_str(), "MIL" | "REB" | "COP")),
        });
    }
    // Agent nouns take the country of a following nisba or country noun:
    // `الجيش التركي`, `القوات المسلحة الإيرانية`, `قوات الحكومة الليبية`, `حكومة مصر`.
    let mut merged: Vec<Mention> = Vec::with_capacity(own.len());
    let n_own = own.len();
    let mut slots: Vec<Option<Mention>> = own.into_iter().map(Some).collect();
    let mut i = 0;
    while i < n_own {
        let Some(mut m) = slots[i].take() else {
            i += 1;
            continue;
        };
        if m.kind == ActorKind::Agent && m.country.is_none() {
            let mut j = i + 1;
            let mut prev_t1 = m.t1;
            // Skip further agent words (`قوات الحكومة`).
            while let Some(o) = slots.get(j).and_then(Option::as_ref) {
                if o.kind == ActorKind::Agent
                    && o.country.is_none()
                    && o.t0 == prev_t1
                    && o.prep.is_none()
                {
                    prev_t1 = o.t1;
                    j += 1;
                } else {
                    break;
                }
            }
            if let Some(n) = slots.get(j).and_then(Option::as_ref) {
                let gap_ok = n.t0 >= m.t1
                    && n.t0 <= prev_t1 + 1
                    && n.prep.is_none()
                    && !n.conj
                    && (m.t1..n.t0).all(|t| {
                        doc.tokens[t].kind == TokenKind::Word
                            && prep_of(doc.token_norm(t)).is_none()
                            && !barrier.get(t).copied().unwrap_or(false)
                    });
                // `السلطات في بكين`, `الحكومة في دمشق`: the seat gives the country.
                let seat = n.t0 == prev_t1 + 1
                    && prep_of(doc.token_norm(prev_t1)) == Some("في")
                    && n.kind == ActorKind::Capital;
                let nisba_like = matches!(
                    n.kind,
                    ActorKind::Nisba | ActorKind::Country | ActorKind::Capital | ActorKind::People
                );
                if (gap_ok || seat) && nisba_like {
                    m.country = n.country.clone();
                    let agents: Vec<String> = k_agents(&m.code).into_iter().collect();
                    m.code = build_code(n.country.as_deref(), &agents);
                    m.t1 = n.t1;
                    m.bytes = m.bytes.start..n.bytes.end;
                    m.rule = format!("{}+{}", m.rule, n.rule);
                    merged.push(m);
                    // The agent words in between and the nisba are part of this mention.
                    for slot in slots.iter_mut().take(j + 1).skip(i + 1) {
                        *slot = None;
                    }
                    i = j + 1;
                    continue;
                }
            }
        }
        merged.push(m);
        i += 1;
    }
    // Entity-layer mentions: names of people and organisations with their codes. Where the
    // lexicon already found a country-bearing actor (`الجيش التركي`, `روسيا`) it is kept: its
    // country comes from the words themselves.
    let mut strong_tok = vec![false; doc.tokens.len()];
    // The country-bearing lexicon mention on each token, by index into `merged`.
    let mut strong_owner: Vec<Option<usize>> = vec![None; doc.tokens.len()];
    for (i, m) in merged.iter().enumerate() {
        if m.country.is_none() {
            continue;
        }
        for o in strong_owner.iter_mut().take(m.t1).skip(m.t0) {
            *o = Some(i);
        }
        if m.kind == ActorKind::Place {
            continue;
        }
        for b in strong_tok.iter_mut().take(m.t1).skip(m.t0) {
            *b = true;
        }
    }
    let own_strong =
        |t0: usize, t1: usize| strong_tok[t0..t1.min(strong_tok.len())].iter().any(|&b| b);
    let mut out: Vec<Mention> = Vec::new();
    let mut dropped_nisba: Vec<bool> = vec![false; merged.len()];
    for e in &input.entities.entities {
        if e.kind == marsad_model::EntityType::Misc {
            continue;
        }
        let b0 = byte_of_char(doc, e.start);
        let b1 = byte_of_char(doc, e.end);
        let Some((t0, t1)) = token_span(doc, &(b0..b1)) else { continue };
        let actor = e.actor.and_then(|a| input.entities.actors.get(a));
        if own_strong(t0, t1) {
            // A named body ending in a nisba (`مجلس الوزراء الكويتي`) is one actor of that
            // country: the entity replaces the bare nisba inside it.
            let mut inner: Vec<usize> = Vec::new();
            for o in strong_owner[t0..t1.min(strong_owner.len())].iter().flatten() {
                if !inner.contains(o) {
                    inner.push(*o);
                }
            }
            let ecountry = actor.and_then(|a| a.country.as_deref());
            let absorbs = !inner.is_empty()
                && inner.iter().all(|&i| {
                    let m = &merged[i];
                    m.kind == ActorKind::Nisba
                        && m.t0 > t0
                        && m.t1 <= t1
                        && m.country.as_deref() == ecountry
                });
            if !absorbs {
                continue;
            }
            for &i in &inner {
                dropped_nisba[i] = true;
            }
        }
        let prev = if t0 > 0 { doc.token_norm(t0 - 1) } else { "" };
        // Only short names can be one of the ambiguous words; normalising costs an allocation.
        if e.text.chars().count() <= 6
            && AMBIGUOUS_NAMES.contains(&marsad_text::normalize_word(&e.text).as_str())
            && !PLACE_CONTEXT.contains(&prev.trim_start_matches('و'))
        {
            continue;
        }
        let code = actor
            .map(|a| a.code.clone())
            .or_else(|| e.code.clone())
            .unwrap_or_else(|| "---".into());
        let mut country = actor
            .and_then(|a| a.country.clone())
            .or_else(|| code.get(..3).filter(|c| *c != "---").map(str::to_string));
        let agents: &[String] = actor.map_or(&[], |a| a.agents.as_slice());
        // A place that is not a country or capital locates an event; it does not act.
        let mut kind = match e.kind {
            marsad_model::EntityType::Loc => ActorKind::Place,
            _ => ActorKind::Org,
        };
        if let Some((k2, c2)) = lexical.get(&(t0, t1)) {
            kind = *k2;
            if country.is_none() {
                country = c2.map(str::to_string);
            }
        }
        let tok_start = doc.tokens[t0].start;
        let pre = if b0 > tok_start {
            marsad_text::normalize_word(doc.slice(tok_start..b0))
        } else {
            String::new()
        };
        out.push(Mention {
            t0,
            t1,
            bytes: b0..b1,
            country,
            code,
            kind,
            prep: attached_prep(&pre).map(|p| (p, 0)),
            conj: pre.starts_with('و'),
            actor: e.actor,
            // The entity layer's fallback country (the article's main one) is marked, so a
            // national agency's dateline can overrule it below.
            rule: if actor.is_some_and(|a| {
                a.rule.contains("country:document(") || a.rule.contains("country:context(")
            }) {
                ["entity:", e.rule.as_str(), "+entity-document-country"].concat()
            } else {
                ["entity:", e.rule.as_str()].concat()
            },
            force: agents.iter().any(|a| matches!(a.as_str(), "MIL" | "REB" | "COP")),
            person: e.kind == marsad_model::EntityType::Per,
        });
    }
    if dropped_nisba.iter().any(|&d| d) {
        let mut i = 0;
        merged.retain(|_| {
            i += 1;
            !dropped_nisba.get(i - 1).copied().unwrap_or(false)
        });
    }
    // Lexicon mentions without a country give way to entity mentions on the same words.
    let mut entity_tok = vec![false; doc.tokens.len()];
    for o in &out {
        for b in entity_tok.iter_mut().take(o.t1).skip(o.t0) {
            *b = true;
        }
    }
    merged.retain(|m| {
        m.country.is_some() || !entity_tok[m.t0..m.t1.min(entity_tok.len())].iter().any(|&b| b)
    });
    // A title without a country next to a name is part of that name's mention: before it
    // (`الأمير محمد بن سلمان`), overlapping its first word (`صاحب السمو الملكي الأمير` +
    // `الأمير محمد بن سلمان`), in a chain (`فخامة الرئيس الفريق الركن`), or right after it
    // as an apposition (`محمد بن سلمان ولي ولي العهد وزير الدفاع`). The name's mention grows
    // to cover them and takes over the preposition or conjunction written on the first title
    // (`لفخامة الرئيس عبدالفتاح السيسي`).
    // Titles indexed by the token they end at and the token they start at, so that each
    // mention looks only at the few titles touching its own words.
    let is_title: Vec<bool> =
        merged.iter().map(|m| m.kind == ActorKind::Agent && m.country.is_none()).collect();
    // Titles that carry a country (`وزير الخارجية الروسي`, or one given by the agency's
    // dateline) directly before a name describe that person: a name the gazetteer does not
    // know takes the title's country (`وزير الخارجية الأستاذ عادل بن أحمد الجبير`).
    let is_country_title: Vec<bool> = merged
        .iter()
        .map(|m| m.kind == ActorKind::Agent && m.country.is_some() && m.person)
        .collect();
    let mut by_end: FastMap<usize, Vec<usize>> = FastMap::default();
    let mut by_start: FastMap<usize, Vec<usize>> = FastMap::default();
    for (i, m) in merged.iter().enumerate() {
        if is_title[i] || is_country_title[i] {
            by_end.entry(m.t1).or_default().push(i);
            by_start.entry(m.t0).or_default().push(i);
        }
    }
    let mut absorbed = vec![false; merged.len()];
    if !by_end.is_empty() {
        // Only the titles are read while the names grow: a copy of those few, by index.
        let merged_ro: FastMap<usize, Mention> =
            by_start.values().flatten().map(|&i| (i, merged[i].clone())).collect();
        let absorb = |m: &mut Mention, absorbed: &mut Vec<bool>| {
            // Backwards: titles ending at or inside the mention's first word, repeatedly;
            // not across a conjunction (`الرئيس ورئيس الوزراء`).
            let mut rounds = 0;
            while !m.conj && rounds < MAX_TITLE_CHAIN {
                rounds += 1;
                let found = (m.t0..=m.t1)
                    .filter_map(|e| by_end.get(&e))
                    .flatten()
                    .copied()
                    .find(|&i| is_title[i] && !absorbed[i] && merged_ro[&i].t0 < m.t0);
                let Some(i) = found else { break };
                let t = &merged_ro[&i];
                absorbed[i] = true;
                m.t0 = t.t0;
                m.bytes = t.bytes.start..m.bytes.end;
                if t.prep.is_some() {
                    m.prep = t.prep;
                }
                m.conj |= t.conj;
            }
            if m.person
                && !m.conj
                && m.rule.starts_with("entity:")
                && !m.rule.contains("people.tsv")
                && let Some(i) = (m.t0..=m.t1)
                    .filter_map(|e| by_end.get(&e))
                    .flatten()
                    .copied()
                    .find(|&i| is_country_title[i] && !absorbed[i] && merged_ro[&i].t0 < m.t0)
            {
                let t = &merged_ro[&i];
                absorbed[i] = true;
                m.t0 = t.t0;
                m.bytes = t.bytes.start..m.bytes.end;
                m.country = t.country.clone();
                m.code = t.code.clone();
                m.rule = format!("{}+{}", t.rule, m.rule);
                if t.prep.is_some() {
                    m.prep = t.prep;
                }
                m.conj |= t.conj;
            }
            // Forwards: titles in apposition right after a named person.
            let mut rounds = 0;
            while m.person && m.country.is_some() && rounds < MAX_TITLE_CHAIN {
                rounds += 1;
                let found = by_start.get(&m.t1).into_iter().flatten().copied().find(|&i| {
                    is_title[i]
                        && !absorbed[i]
                        && merged_ro[&i].prep.is_none()
                        && !merged_ro[&i].conj
                });
                let Some(i) = found else { break };
                let t = &merged_ro[&i];
                absorbed[i] = true;
                m.t1 = t.t1;
                m.bytes = m.bytes.start..t.bytes.end;
            }
        };
        for m in out.iter_mut() {
            absorb(m, &mut absorbed);
        }
        for (j, m) in merged.iter_mut().enumerate() {
            if !is_title[j] && !absorbed[j] {
                absorb(m, &mut absorbed);
            }
        }
    }
    let mut j = 0;
    merged.retain(|_| {
        j += 1;
        !absorbed[j - 1]
    });
    // Governing prepositions written as separate words, up to three words before the mention.
    let mut all: Vec<Mention> = out.into_iter().chain(merged).collect();
    all.sort_by_key(|m| (m.t0, m.t1));
    for m in all.iter_mut() {
        if m.prep.is_some() {
            continue;
        }
        // Quotation marks around a name (`ضد تنظيم «داعش»`) do not count as words.
        let mut d = 0;
        let mut t = m.t0;
        while d < 3 && t > 0 {
            t -= 1;
            let w = doc.token_norm(t);
            if doc.tokens[t].kind != TokenKind::Word {
                if QUOTE_MARKS.contains(&w) && m.t0 - t <= 4 {
                    continue;
                }
                break;
            }
            d += 1;
            if let Some(p) = prep_of(w) {
                m.prep = Some((p, d - 1));
                break;
            }
            if barrier.get(t).copied().unwrap_or(false) {
                break;
            }
            // An intervening word with an attached preposition (`للمواقع X`, `بالقرب`).
            let bare = w.strip_prefix('و').unwrap_or(w);
            let attached = if bare.starts_with("لل")
                // `لفخامة الرئيس`, `لسمو الأمير`: an honorific carries the preposition.
                || bare.strip_prefix('ل').is_some_and(|h| HONORIFICS.contains(&h))
            {
                Some("ل")
            } else if bare.starts_with("بال") {
                Some("ب")
            } else {
                None
            };
            if let Some(p) = attached {
                m.prep = Some((p, d));
                break;
            }
        }
    }
    all
}

/// Forms of address written before a title or name (matching form), which take the
/// preposition that governs the mention (`برقية لفخامة الرئيس`).
const HONORIFICS: &[&str] = &["فخامه", "سمو", "معالي", "جلاله", "دوله", "سعاده", "صاحب"];

fn k_agents(code: &str) -> Option<String> {
    code.get(3..6).filter(|a| a.len() == 3).map(str::to_string)
}

/// Appends a line to the explanation trace when one is being kept; the line is only built
/// when it is needed.
fn trace(log: &mut Option<Vec<String>>, line: impl FnOnce() -> String) {
    if let Some(l) = log.as_mut() {
        l.push(line());
    }
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "قال وزير الخارجية «سيرغي لافروف»: إن روسيا   ستردّ.\n\nوأضاف abc ١٢٣ 😀 .",
        "  بدأت المحادثات، في جنيف؟",
        "",
        "x",
    ];

    /// The token-based offset conversions give what the document's index gives, at every
    /// offset (inside characters, between tokens, before the first and past the last).
    #[test]
    fn token_offsets_match_the_index() {
        for t in TEXTS {
            let doc = TextDoc::new(*t);
            for b in 0..=t.len() + 2 {
                assert_eq!(char_of(&doc, b), doc.index.char_offset(&doc.text, b), "{t} @{b}");
            }
            for c in 0..=t.chars().count() + 2 {
                assert_eq!(byte_of_char(&doc, c), doc.index.byte_offset(&doc.text, c), "{t} #{c}");
            }
        }
    }

    #[test]
    fn string_helpers_match_std() {
        for s in ["", "ال", "الال", "الجيش", "والجيش", "ا", "orgs.tsv+x", "gazetteer:orgs.tsv"]
        {
            assert_eq!(trim_al(s), s.trim_start_matches("ال"), "{s}");
            for n in ["", "ال", "orgs.tsv", "جيش", "x"] {
                assert_eq!(has(s, n), s.contains(n), "{s} {n}");
            }
        }
    }
}
