//! Loading the event knowledge: the CAMEO code table, the trigger patterns with their
//! generated inflections, the modality cues and the actor nouns.
//!
//! Arabic verbs and deverbal nouns appear in news in dozens of surface forms (person, number,
//! tense, future prefix, object and possessive pronouns). Listing them all by hand would make
//! the pattern file unreadable and incomplete, so a pattern gives the dictionary forms
//! (`زار/يزور`, `زيارة`) and this module generates the regular inflections by rule. Forms that
//! the rules cannot produce are written out in `phrase` patterns.

use marsad_lexicon::{DataSource, LexiconError, Row, tsv};
use marsad_text::normalize_word;
use std::collections::{HashMap, HashSet};

/// Relative path of the CAMEO code table.
pub const CAMEO_FILE: &str = "events/cameo.tsv";
/// Relative path of the trigger patterns.
pub const PATTERNS_FILE: &str = "events/patterns.tsv";
/// Relative path of the modality and argument cues.
pub const CUES_FILE: &str = "events/cues.tsv";
/// Relative path of the actor nouns.
pub const ACTORS_FILE: &str = "events/actors.tsv";

/// The 16 PLOVER event types.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// One CAMEO code with its scores and PLOVER equivalent.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoEntry {
    /// The code (`042`).
    pub code: String,
    /// English name.
    pub name: String,
    /// Goldstein score.
    pub goldstein: f64,
    /// GDELT QuadClass.
    pub quad: u8,
    /// PLOVER type; empty for public statements (root 01), which are not coded.
    pub plover: String,
    /// PLOVER mode, possibly empty.
    pub mode: String,
    /// PLOVER context, possibly empty.
    pub context: String,
}

/// Loads `events/cameo.tsv`.
pub fn load_cameo(source: &DataSource) -> Result<HashMap<String, CameoEntry>, LexiconError> {
    let content = source.read(CAMEO_FILE)?;
    let mut out = HashMap::new();
    for row in tsv(CAMEO_FILE, &content, 5, 7)? {
        let code = row.required(0, "code")?;
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(row.error(format!("`{code}` is not a 2-4 digit CAMEO code")));
        }
        let root: u8 = code[..2].parse().map_err(|_| row.error("bad root"))?;
        if !(1..=20).contains(&root) {
            return Err(row.error(format!("root {root} outside 01..20")));
        }
        let goldstein: f64 = row
            .required(2, "goldstein")?
            .parse()
            .map_err(|_| row.error("goldstein is not a number"))?;
        if !(-10.0..=10.0).contains(&goldstein) {
            return Err(row.error("goldstein outside -10..10"));
        }
        let quad: u8 =
            row.required(3, "quad")?.parse().map_err(|_| row.error("quad is not 1-4"))?;
        let expected = match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        };
        if quad != expected {
            return Err(row.error(format!("quad {quad} but root {root:02} is quad {expected}")));
        }
        let plover = row.optional(4);
        if root != 1 && !PLOVER_TYPES.contains(&plover) {
            return Err(row.error(format!("unknown PLOVER type `{plover}`")));
        }
        if out.contains_key(code) {
            return Err(row.error(format!("duplicate code {code}")));
        }
        out.insert(
            code.to_string(),
            CameoEntry {
                code: code.to_string(),
                name: row.optional(1).to_string(),
                goldstein,
                quad,
                plover: plover.to_string(),
                mode: row.optional(5).to_string(),
                context: row.optional(6).to_string(),
            },
        );
    }
    Ok(out)
}

/// How a pattern's triggers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    /// `PERFECT/IMPERFECT` verbs, inflected by rule.
    Verb,
    /// Event nouns, inflected by rule.
    Noun,
    /// Exact phrases.
    Phrase,
}

/// One trigger pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Unique id (`consult.visit`).
    pub id: String,
    /// CAMEO code, or `None` for a blocking phrase.
    pub cameo: Option<String>,
    /// How triggers are written.
    pub kind: PatternKind,
    /// The triggers as written in the file.
    pub triggers: Vec<String>,
    /// Target markers: `obj`, `gen` or a preposition.
    pub roles: Vec<String>,
    /// Symmetric event.
    pub symmetric: bool,
    /// The subject is the target.
    pub undergo: bool,
    /// The subject is not a side of the event.
    pub nosubj: bool,
    /// Aimed at a person (`هجوم شديد على الرئيس`), the word is a verbal attack: coded as
    /// criticism (111, ACCUSE).
    pub verbal: bool,
    /// Emitted only when the sentence states the target (generic verbs: `دعم`, `منع`).
    pub explicit: bool,
    /// An internal conflict (`الحرب الأهلية`): both sides are one country.
    pub internal: bool,
    /// Held by two or more actors together (`مناورات` of two countries, or `بمشاركة`):
    /// their military cooperation (062, COOPERATE) rather than a show of force.
    pub joint: bool,
    /// Line in the file.
    pub line: usize,
}

impl Pattern {
    /// True when `role` is one of the pattern's target markers.
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

/// What a generated surface form tells about the trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// Index of the pattern.
    pub pattern: u32,
    /// The form carries the future prefix `س`.
    pub future: bool,
    /// Imperfect verb form.
    pub imperfect: bool,
    /// The form ends in an object or possessive pronoun.
    pub pronoun: bool,
    /// Index + 1 into the required-word list: a word that must follow within a few words
    /// (`نشر/ينشر …قوات`), 0 when none.
    pub need: u32,
}

/// Loads and validates `events/patterns.tsv` and generates the surface forms.
pub fn load_patterns(
    source: &DataSource,
    cameo: &HashMap<String, CameoEntry>,
) -> Result<Patterns, LexiconError> {
    let content = source.read(PATTERNS_FILE)?;
    parse_patterns(PATTERNS_FILE, &content, cameo)
}

/// Parsed patterns: the patterns, their surface forms, and the words gapped forms require.
#[derive(Debug, Default)]
pub struct Patterns {
    /// The patterns in file order.
    pub patterns: Vec<Pattern>,
    /// (matching form, what it tells).
    pub forms: Vec<(String, Form)>,
    /// Required words (matching form, without article) of gapped triggers.
    pub needs: Vec<String>,
}

/// Parses pattern rows of `file` (exposed for tests of malformed input).
pub fn parse_patterns(
    file: &str,
    content: &str,
    cameo: &HashMap<String, CameoEntry>,
) -> Result<Patterns, LexiconError> {
    let mut patterns = Vec::new();
    let mut forms = Vec::new();
    let mut needs: Vec<String> = Vec::new();
    let mut ids = HashSet::new();
    for row in tsv(file, content, 4, 6)? {
        let id = row.required(0, "id")?;
        if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-') {
            return Err(row.error(format!("id `{id}` must be ASCII letters, digits, . _ -")));
        }
        if !ids.insert(id.to_string()) {
            return Err(row.error(format!("duplicate pattern id `{id}`")));
        }
        let code = row.required(1, "cameo")?;
        let cameo_code = if code == "block" {
            None
        } else {
            let Some(entry) = cameo.get(code) else {
                return Err(row.error(format!("unknown CAMEO code `{code}`")));
            };
            if entry.plover.is_empty() && !code.starts_with("01") {
                return Err(row.error(format!("CAMEO code {code} has no PLOVER type")));
            }
            Some(code.to_string())
        };
        let kind = match row.required(2, "kind")? {
            "verb" => PatternKind::Verb,
            "noun" => PatternKind::Noun,
            "phrase" => PatternKind::Phrase,
            k => return Err(row.error(format!("unknown kind `{k}` (verb, noun, phrase)"))),
        };
        let triggers: Vec<String> = row.list(3).into_iter().map(str::to_string).collect();
        if triggers.is_empty() {
            return Err(row.error("no trigger"));
        }
        let roles: Vec<String> = row.list(4).into_iter().map(str::to_string).collect();
        for r in &roles {
            if !ROLES.contains(&r.as_str()) {
                return Err(row.error(format!("unknown role `{r}`")));
            }
        }
        let mut pattern = Pattern {
            id: id.to_string(),
            cameo: cameo_code,
            kind,
            triggers,
            roles,
            symmetric: false,
            undergo: false,
            nosubj: false,
            verbal: false,
            explicit: false,
            internal: false,
            joint: false,
            line: row.line,
        };
        for f in row.list(5) {
            match f {
                "sym" => pattern.symmetric = true,
                "undergo" => pattern.undergo = true,
                "nosubj" => pattern.nosubj = true,
                "verbal" => pattern.verbal = true,
                "explicit" => pattern.explicit = true,
                "internal" => pattern.internal = true,
                "joint" => pattern.joint = true,
                _ => return Err(row.error(format!("unknown flag `{f}`"))),
            }
        }
        let index = patterns.len() as u32;
        for t in &pattern.triggers {
            // `HEAD …WORD`: the head, then WORD within a few words (`نشر/ينشر …قوات`).
            let (t, need) = match t.split_once('…') {
                Some((head, word)) => {
                    // Alternatives are separated by commas (`وقع/يوقع …اتفاق,عقد`).
                    let alts: Vec<String> = word
                        .split(',')
                        .map(|a| {
                            let n = normalize_word(a);
                            n.strip_prefix("ال").unwrap_or(&n).to_string()
                        })
                        .collect();
                    let w = alts.join(",");
                    if alts.iter().any(|a| a.is_empty() || a.contains(' ')) {
                        return Err(row.error(format!("`…` must be followed by one word in `{t}`")));
                    }
                    let i = needs.iter().position(|n| *n == w).unwrap_or_else(|| {
                        needs.push(w);
                        needs.len() - 1
                    });
                    (head.trim(), i as u32 + 1)
                }
                None => (t.as_str(), 0),
            };
            let letters: String = t.chars().filter(|c| !matches!(c, '/' | '-' | ' ')).collect();
            let generated = generate(kind, t).map_err(|r| row.error(r))?;
            if generated.is_empty() || normalize_word(&letters).is_empty() {
                return Err(row.error(format!("trigger `{t}` normalises to nothing")));
            }
            for (text, future, imperfect, pronoun) in generated {
                forms.push((text, Form { pattern: index, future, imperfect, pronoun, need }));
            }
        }
        patterns.push(pattern);
    }
    Ok(Patterns { patterns, forms, needs })
}

/// Target markers a pattern may use.
pub const ROLES: &[&str] =
    &["obj", "gen", "إلى", "على", "ضد", "مع", "من", "ل", "ب", "عن", "بين", "في", "بحق"];

type Generated = Vec<(String, bool, bool, bool)>;

/// Generates the surface forms of one trigger: (matching form, future, imperfect, pronoun).
fn generate(kind: PatternKind, trigger: &str) -> Result<Generated, String> {
    let mut out: Generated = Vec::new();
    let mut push = |s: String, future: bool, imperfect: bool, pronoun: bool| {
        let n = normalize_word(&s);
        if !n.is_empty() && !out.iter().any(|(o, ..)| *o == n) {
            out.push((n, future, imperfect, pronoun));
        }
    };
    match kind {
        PatternKind::Phrase => push(trigger.to_string(), false, false, false),
        PatternKind::Noun => {
            let (head, rest) = split_head(trigger);
            for (w, pron) in noun_forms(head) {
                push(join(&w, rest), false, false, pron);
            }
            // The definite phrase (`العمليات العسكرية`): the article on every word after the
            // first (the matcher itself accepts it on the first).
            if !rest.is_empty() {
                let def: Vec<String> = rest
                    .split_whitespace()
                    .map(|w| if w.starts_with("ال") { w.to_string() } else { format!("ال{w}") })
                    .collect();
                for (w, pron) in noun_forms(head) {
                    if !pron {
                        push(join(&w, &def.join(" ")), false, false, false);
                    }
                }
            }
            // The indefinite accusative of a noun phrase (`عرضا عسكريا`, `هجوما انتحاريا`).
            if !rest.is_empty() {
                let acc: Vec<String> = trigger
                    .split_whitespace()
                    .map(|w| {
                        if w.ends_with('ة') || w.ends_with("ات") || w.starts_with("ال") {
                            w.to_string()
                        } else {
                            format!("{w}ا")
                        }
                    })
                    .collect();
                push(acc.join(" "), false, false, false);
            }
        }
        PatternKind::Verb => {
            let Some((perf, imperf)) = trigger.split_once('/') else {
                // An explicit form.
                push(trigger.to_string(), false, false, false);
                return Ok(out);
            };
            let (p_head, p_rest) = split_head(perf.trim());
            let (i_head, i_rest) = split_head(imperf.trim());
            // Fixed words written once after the imperfect belong to both (`أطلق/يطلق النار`).
            let p_rest = if p_rest.is_empty() { i_rest } else { p_rest };
            let multi = !p_rest.is_empty() || !i_rest.is_empty();
            if p_head != "-" && !p_head.is_empty() {
                for (w, pron) in perfect_forms(p_head) {
                    if multi && pron {
                        continue;
                    }
                    push(join(&w, p_rest), false, false, pron);
                }
            }
            if i_head != "-" && !i_head.is_empty() {
                let Some(stem) = i_head.strip_prefix('ي') else {
                    return Err(format!("imperfect `{i_head}` must start with ي"));
                };
                for (w, pron) in imperfect_forms(stem) {
                    if multi && pron {
                        continue;
                    }
                    push(join(&w, i_rest), false, true, pron);
                    push(join(&format!("س{w}"), i_rest), true, true, pron);
                }
            }
        }
    }
    Ok(out)
}

fn split_head(s: &str) -> (&str, &str) {
    match s.split_once(' ') {
        Some((h, r)) => (h, r.trim()),
        None => (s, ""),
    }
}

fn join(head: &str, rest: &str) -> String {
    if rest.is_empty() { head.to_string() } else { format!("{head} {rest}") }
}

const PRONOUNS: &[&str] = &["ه", "ها", "هم", "هما", "نا"];

fn noun_forms(w: &str) -> Vec<(String, bool)> {
    let mut out = vec![(w.to_string(), false)];
    if let Some(stem) = w.strip_suffix('ة') {
        for s in ["ات", "تان", "تين", "تي"] {
            out.push((format!("{stem}{s}"), false));
        }
        for p in PRONOUNS {
            out.push((format!("{stem}ت{p}"), true));
            out.push((format!("{stem}ات{p}"), true));
        }
    } else if w.ends_with("ات") {
        for p in PRONOUNS {
            out.push((format!("{w}{p}"), true));
        }
    } else {
        for s in ["ا", "ان", "ين", "ات"] {
            out.push((format!("{w}{s}"), false));
        }
        for p in PRONOUNS {
            out.push((format!("{w}{p}"), true));
        }
        // A final hamza sits on a yaa before a pronoun in the genitive (`استيائها`).
        if let Some(stem) = w.strip_suffix("اء") {
            for p in PRONOUNS {
                out.push((format!("{stem}ائ{p}"), true));
            }
        }
    }
    out
}

fn perfect_forms(p: &str) -> Vec<(String, bool)> {
    let mut out = vec![(p.to_string(), false)];
    if let Some(base) = p.strip_suffix('ى') {
        for s in ["ت", "يا", "وا", "يتا", "ينا", "يتم"] {
            out.push((format!("{base}{s}"), false));
        }
        for pr in ["ه", "ها", "هم"] {
            out.push((format!("{base}ا{pr}"), true));
            out.push((format!("{base}ت{pr}"), true));
        }
    } else if let Some(base) = p.strip_suffix('ا') {
        for s in ["ت", "وا", "تا"] {
            out.push((format!("{base}{s}"), false));
        }
        for pr in ["ه", "ها", "هم"] {
            out.push((format!("{p}{pr}"), true));
            out.push((format!("{base}ت{pr}"), true));
        }
    } else {
        for s in ["ت", "ا", "تا", "وا", "نا", "تم", "ن"] {
            out.push((format!("{p}{s}"), false));
        }
        for pr in ["ه", "ها", "هم", "هما"] {
            out.push((format!("{p}{pr}"), true));
            out.push((format!("{p}ت{pr}"), true));
            out.push((format!("{p}و{pr}"), true));
        }
    }
    out
}

fn imperfect_forms(stem: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    // The first-person prefixes on a two-letter stem make common words (`أعد` "prepared",
    // `نعد`): those forms are not generated.
    let short = stem.chars().count() < 3;
    for pre in ["ي", "ت", "ن", "أ"] {
        if short && matches!(pre, "ن" | "أ") {
            continue;
        }
        out.push((format!("{pre}{stem}"), false));
        for pr in ["ه", "ها", "هم"] {
            out.push((format!("{pre}{stem}{pr}"), true));
        }
    }
    let last = stem.chars().last();
    for pre in ["ي", "ت"] {
        match last {
            Some('ي' | 'و') => {
                let base: String = {
                    let mut c = stem.chars();
                    c.next_back();
                    c.as_str().to_string()
                };
                out.push((format!("{pre}{base}ون"), false));
                out.push((format!("{pre}{base}وا"), false));
                out.push((format!("{pre}{stem}ان"), false));
            }
            Some('ى') => {
                let base: String = {
                    let mut c = stem.chars();
                    c.next_back();
                    c.as_str().to_string()
                };
                out.push((format!("{pre}{base}ون"), false));
                out.push((format!("{pre}{base}يان"), false));
            }
            _ => {
                for s in ["ون", "ان", "وا", "ن", "ا"] {
                    out.push((format!("{pre}{stem}{s}"), false));
                }
            }
        }
    }
    out
}

/// Kinds of cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// Negation: drop the event.
    Negation,
    /// Future tense.
    Future,
    /// Planned or intended.
    Planned,
    /// Conditional: drop.
    Conditional,
    /// Only possible.
    Hypothetical,
    /// Light verb whose subject is the source of the following noun.
    Support,
    /// Verb whose subject is the target of the following noun.
    Undergo,
    /// Introduces the source after a passive or noun.
    Agentive,
    /// Sports vocabulary.
    Sport,
    /// A denial verb: what follows in the sentence did not happen.
    Denial,
    /// A question particle opening the sentence.
    Question,
    /// A word of threatening, weighing or readiness (`لوح`, `بحث`, `مستعدون`): a sanction
    /// or attack after it is a threat.
    Threat,
    /// A word of weighing (`بحث`, `يدرس`): a sanction after it is a threat.
    Weigh,
    /// A verbal noun of doing after the purpose `ل` (`للقيام ب`, `لإجراء`, `لعقد`): the
    /// event noun right after it is what someone set out to do, not what was done.
    Purpose,
}

/// Loads `events/cues.tsv`.
pub fn load_cues(source: &DataSource) -> Result<Vec<(String, CueKind)>, LexiconError> {
    let content = source.read(CUES_FILE)?;
    let mut out = Vec::new();
    for row in tsv(CUES_FILE, &content, 2, 2)? {
        let phrase = row.required(0, "phrase")?;
        let kind = match row.required(1, "kind")? {
            "negation" => CueKind::Negation,
            "future" => CueKind::Future,
            "planned" => CueKind::Planned,
            "conditional" => CueKind::Conditional,
            "hypothetical" => CueKind::Hypothetical,
            "support" => CueKind::Support,
            "undergo" => CueKind::Undergo,
            "agentive" => CueKind::Agentive,
            "sport" => CueKind::Sport,
            "denial" => CueKind::Denial,
            "question" => CueKind::Question,
            "threat" => CueKind::Threat,
            "weigh" => CueKind::Weigh,
            "purpose" => CueKind::Purpose,
            k => return Err(row.error(format!("unknown cue kind `{k}`"))),
        };
        if normalize_word(phrase).is_empty() {
            return Err(row.error("phrase normalises to nothing"));
        }
        out.push((phrase.to_string(), kind));
    }
    Ok(out)
}

/// What kind of actor an entry of the actor lexicon names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A country or group name (`روسيا`, `الغرب`).
    Country,
    /// A capital standing for its state (`واشنطن`).
    Capital,
    /// A relational adjective (`الروسي`, `غربية`): an actor only next to a noun.
    Nisba,
    /// A people plural (`الروس`, `الإسرائيليين`).
    People,
    /// A named organisation.
    Org,
    /// A common noun or title that needs a country (`الجيش`, `وزير الدفاع`).
    Agent,
    /// A place inside a country (only used for locations).
    Place,
}

/// One entry of the actor lexicon.
#[derive(Debug, Clone)]
pub struct ActorEntry {
    /// Country or group code, if the entry implies one.
    pub country: Option<String>,
    /// CAMEO agent codes.
    pub agents: Vec<String>,
    /// Kind.
    pub kind: ActorKind,
    /// Where it came from (`geo/countries.tsv:RUS`).
    pub rule: String,
}

/// Loads the actor lexicon: countries, groups, places and organisations of the entity
/// knowledge (read leniently: their owners validate them), titles, and `events/actors.tsv`.
pub fn load_actor_lexicon(
    source: &DataSource,
    titles: &[(String, Vec<String>)],
) -> Result<Vec<(String, ActorEntry)>, LexiconError> {
    let mut out: Vec<(String, ActorEntry)> = Vec::new();
    let entry = |country: Option<&str>, agents: Vec<String>, kind, rule: String| ActorEntry {
        country: country.filter(|c| !c.is_empty() && *c != "---").map(str::to_string),
        agents,
        kind,
        rule,
    };
    if let Some(c) = source.read_optional("geo/countries.tsv")? {
        for row in lenient_rows("geo/countries.tsv", &c) {
            let Some(code) = row.cells.first().copied().filter(|c| c.len() == 3) else { continue };
            let rule = format!("gazetteer:countries.tsv:{code}");
            for n in row.list(1) {
                out.push((
                    n.to_string(),
                    entry(Some(code), vec![], ActorKind::Country, rule.clone()),
                ));
            }
            for n in row.list(2) {
                for f in nisba_forms(n) {
                    let kind = if f.1 { ActorKind::People } else { ActorKind::Nisba };
                    out.push((f.0, entry(Some(code), vec![], kind, rule.clone())));
                }
            }
            for n in row.list(3) {
                out.push((
                    n.to_string(),
                    entry(Some(code), vec![], ActorKind::People, rule.clone()),
                ));
            }
            for n in row.list(4) {
                out.push((
                    n.to_string(),
                    entry(Some(code), vec![], ActorKind::Capital, rule.clone()),
                ));
            }
        }
    }
    if let Some(c) = source.read_optional("geo/groups.tsv")? {
        for row in lenient_rows("geo/groups.tsv", &c) {
            let Some(code) = row.cells.first().copied().filter(|c| c.len() == 3) else { continue };
            let rule = format!("gazetteer:groups.tsv:{code}");
            for n in row.list(1) {
                out.push((
                    n.to_string(),
                    entry(Some(code), vec![], ActorKind::Country, rule.clone()),
                ));
            }
            for n in row.list(2) {
                for f in nisba_forms(n) {
                    let kind = if f.1 { ActorKind::People } else { ActorKind::Nisba };
                    out.push((f.0, entry(Some(code), vec![], kind, rule.clone())));
                }
            }
        }
    }
    if let Some(c) = source.read_optional("geo/places.tsv")? {
        for row in lenient_rows("geo/places.tsv", &c) {
            let code = row.optional(1);
            let rule = format!("gazetteer:places.tsv:{}", row.line);
            for n in row.list(0) {
                out.push((
                    n.to_string(),
                    entry(Some(code), vec![], ActorKind::Place, rule.clone()),
                ));
            }
        }
    }
    if let Some(c) = source.read_optional("orgs/orgs.tsv")? {
        for row in lenient_rows("orgs/orgs.tsv", &c) {
            let id = row.optional(0);
            let code = row.optional(2);
            let mut country = row.optional(3);
            if country.is_empty() && code.len() >= 3 && code.is_char_boundary(3) {
                country = &code[..3];
            }
            if matches!(country, "IGO" | "NGO") && code.len() > 3 {
                // International bodies are coded by their group code.
            }
            let agents = row.list(4).into_iter().map(str::to_string).collect::<Vec<_>>();
            let rule = format!("gazetteer:orgs.tsv:{id}");
            for n in row.list(1) {
                out.push((
                    n.to_string(),
                    entry(Some(country), agents.clone(), ActorKind::Org, rule.clone()),
                ));
            }
        }
    }
    // Names whose first letter is a hamza alef fold to a form starting with `ال` (`ألماني` →
    // `الماني`), which the matcher then takes for the article and refuses to prefix with a
    // second one: add the article form (`الألماني`) explicitly.
    let extra: Vec<(String, ActorEntry)> = out
        .iter()
        .filter(|(n, _)| n.starts_with(['أ', 'إ', 'آ']) && normalize_word(n).starts_with("ال"))
        .map(|(n, e)| (format!("ال{n}"), e.clone()))
        .collect();
    out.extend(extra);
    for (phrase, agents) in titles {
        out.push((
            phrase.clone(),
            entry(None, agents.clone(), ActorKind::Agent, format!("title:{phrase}")),
        ));
    }
    let content = source.read(ACTORS_FILE)?;
    for row in tsv(ACTORS_FILE, &content, 3, 3)? {
        let phrase = row.required(0, "phrase")?;
        let agents: Vec<String> = row.list(1).into_iter().map(str::to_string).collect();
        if agents.is_empty() {
            return Err(row.error("no agent code"));
        }
        for a in &agents {
            if a.len() != 3 || !a.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(row.error(format!("agent code `{a}` is not three capital letters")));
            }
        }
        let kind = row.required(2, "kind")?;
        if !matches!(kind, "force" | "state" | "people") {
            return Err(row.error(format!("unknown kind `{kind}` (force, state, people)")));
        }
        out.push((
            phrase.to_string(),
            entry(None, agents, ActorKind::Agent, format!("actors.tsv:{}", row.line)),
        ));
    }
    Ok(out)
}

/// Rows of a file owned by another layer: malformed lines are skipped, not fatal.
fn lenient_rows<'a>(file: &'a str, content: &'a str) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let t = line.trim_end_matches('\r');
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        rows.push(Row { file, line: i + 1, cells: t.split('\t').map(str::trim).collect() });
    }
    rows
}

/// The regular inflections of a nisba (without article): (form, is a human plural).
fn nisba_forms(n: &str) -> Vec<(String, bool)> {
    let words: Vec<&str> = n.split_whitespace().collect();
    let mut out = Vec::new();
    for (suffix, human) in [
        ("", false),
        ("ة", false),
        ("ان", false),
        ("تان", false),
        ("ين", true),
        ("ون", true),
        ("تين", false),
        ("ات", false),
    ] {
        let inflected: Vec<String> = words.iter().map(|w| format!("{w}{suffix}")).collect();
        out.push((inflected.join(" "), human));
        if inflected.len() > 1 {
            let with_article: Vec<String> = inflected
                .iter()
                .enumerate()
                .map(|(i, w)| if i == 0 { w.clone() } else { format!("ال{w}") })
                .collect();
            out.push((with_article.join(" "), human));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms() {
        let g = generate(PatternKind::Verb, "زار/يزور").unwrap_or_default();
        let forms: Vec<&str> = g.iter().map(|f| f.0.as_str()).collect();
        for f in ["زار", "زارت", "زاروا", "يزور", "تزور", "يزورون", "سيزور", "زاره", "يزوران"]
        {
            assert!(forms.contains(&f), "{f} missing from {forms:?}");
        }
        let g = generate(PatternKind::Verb, "التقى/يلتقي").unwrap_or_default();
        let forms: Vec<&str> = g.iter().map(|f| f.0.as_str()).collect();
        for f in ["التقي", "التقت", "التقيا", "التقوا", "يلتقي", "يلتقون", "ستلتقي", "التقاه"]
        {
            assert!(forms.contains(&f), "{f} missing from {forms:?}");
        }
    }

    #[test]
    fn noun_forms_generated() {
        let g = generate(PatternKind::Noun, "زيارة").unwrap_or_default();
        let forms: Vec<&str> = g.iter().map(|f| f.0.as_str()).collect();
        for f in ["زياره", "زيارات", "زيارته", "زيارتها"] {
            assert!(forms.contains(&f), "{f} missing from {forms:?}");
        }
        let g = generate(PatternKind::Noun, "استياء").unwrap_or_default();
        let want = marsad_text::normalize_word("استيائها");
        assert!(g.iter().any(|f| f.0 == want && f.3), "hamza on yaa before a pronoun");
        let g = generate(PatternKind::Noun, "وقف إطلاق النار").unwrap_or_default();
        assert!(g.iter().any(|f| f.0 == "وقف اطلاق النار"));
    }

    #[test]
    fn fixed_words_belong_to_both_tenses() {
        let g = generate(PatternKind::Verb, "أطلق/يطلق النار").unwrap_or_default();
        assert!(g.iter().any(|f| f.0 == "اطلقت النار"));
        assert!(!g.iter().any(|f| f.0 == "اطلقت"));
    }

    #[test]
    fn gapped_triggers_need_one_word() {
        let cameo = HashMap::from([(
            "154".to_string(),
            CameoEntry {
                code: "154".into(),
                name: String::new(),
                goldstein: -7.2,
                quad: 4,
                plover: "MOBILIZE".into(),
                mode: String::new(),
                context: String::new(),
            },
        )]);
        let p = parse_patterns("t.tsv", "m.deploy\t154\tverb\tنشر/ينشر …القوات\tإلى\t\n", &cameo);
        let p = p.unwrap_or_default();
        assert_eq!(p.needs, ["قوات"]);
        assert!(p.forms.iter().all(|(_, f)| f.need == 1));
        let err = parse_patterns("t.tsv", "x\t154\tverb\tنشر/ينشر …\t\t\n", &cameo).err();
        assert!(err.is_some_and(|e| e.to_string().starts_with("t.tsv:1:")));
    }

    #[test]
    fn imperfect_must_start_with_ya() {
        assert!(generate(PatternKind::Verb, "زار/زور").is_err());
    }
}
