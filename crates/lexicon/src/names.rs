//! Person names and the other word lists that delimit names in running text.
//!
//! * `names/first_names.tsv`: given names; a known given name followed by name-like words is
//!   evidence of a person even without a title.
//! * `names/people.tsv`: prominent people with their full name, short forms and actor code.
//! * `names/name_cues.tsv`: function words that end a name, speech verbs that announce one,
//!   name connectors (`بن`, `أبو`), adjectives that continue an organisation name, time words,
//!   direction words for regions (`أقصى الشرق الروسي`) and counterpart nouns (`نظيره`).
//! * `names/equipment.tsv`: makers and model families of named equipment (`سوخوي`, `ياك`).

use std::collections::{HashMap, HashSet};

use marsad_text::normalize_word;

use crate::{DataSource, LexiconError, PhraseMatcher, tsv};

/// First-name file, relative to `data/`.
pub const FIRST_NAMES_FILE: &str = "names/first_names.tsv";
/// People file, relative to `data/`.
pub const PEOPLE_FILE: &str = "names/people.tsv";
/// Name-cue file, relative to `data/`.
pub const CUES_FILE: &str = "names/name_cues.tsv";
/// Equipment file, relative to `data/`.
pub const EQUIPMENT_FILE: &str = "names/equipment.tsv";

const ORIGINS: &[&str] = &[
    "arabic", "persian", "turkish", "kurdish", "russian", "english", "french", "german", "spanish",
    "italian", "chinese", "korean", "japanese", "african", "hebrew", "other",
];

/// A kind of cue word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A function word: never part of a name or an organisation name.
    Stop,
    /// A speech verb; a name may follow (`قال سيرجي ريابكوف`).
    Speech,
    /// A word inside a name joining its parts (`بن`, `أبو`, `عبد`).
    Connector,
    /// An adjective that continues an organisation name (`الرسمية`, `المسلحة`).
    OrgAdjective,
    /// A time word (`اليوم`, `الأحد`): ends names and organisation names.
    Time,
    /// A direction word that forms a region with a nisba (`الشرق` in `الشرق الروسي`).
    Direction,
    /// A counterpart noun (`نظير`): `نظيره الروسي` names the Russian holder of a role.
    Counterpart,
    /// A common word that is never a person name although it may look like one.
    NotName,
    /// A title that is also a common noun (`الفريق` rank or team, `الرائد` major or
    /// pioneer): it opens a person name only before a known given name or two name words.
    AmbiguousTitle,
}

/// A prominent person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Names, full name first, then short forms.
    pub names: Vec<String>,
    /// Country or group code, or `None`.
    pub country: Option<String>,
    /// Agent codes.
    pub agents: Vec<String>,
    /// Best-known role.
    pub role: Option<String>,
    /// 1-based line in `people.tsv`.
    pub line: usize,
}

/// An equipment maker or model family.
#[derive(Debug, Clone)]
pub struct Equipment {
    /// The name as listed.
    pub name: String,
    /// `maker` (opens a model name: `سوخوي`) or `model` (a family: `ياك`, `سو`).
    pub kind: String,
    /// 1-based line.
    pub line: usize,
}

/// Maps keyed by dictionary words, asked several times about every token of every document:
/// the shared fast hash (`crate::hash`) instead of the collision-resistant default.
type WordMap<V> = crate::hash::FastMap<String, V>;

/// Names knowledge, compiled.
#[derive(Debug, Default)]
pub struct Names {
    first: WordMap<(String, char)>,
    /// Known people.
    pub people: Vec<Person>,
    /// Matcher over all names of known people (values index `people`).
    pub people_matcher: PhraseMatcher<usize>,
    cues: WordMap<Vec<Cue>>,
    /// Equipment makers and families.
    pub equipment: Vec<Equipment>,
    equipment_index: WordMap<usize>,
}

impl Names {
    /// Loads the name files from `source`; missing files count as empty.
    pub fn load(source: &DataSource) -> Result<Self, LexiconError> {
        let mut n = Names::default();
        if let Some(content) = source.read_optional(FIRST_NAMES_FILE)? {
            for row in tsv(FIRST_NAMES_FILE, &content, 1, 3)? {
                let name = row.required(0, "name")?;
                let origin = row.optional(1);
                if !origin.is_empty() && !ORIGINS.contains(&origin) {
                    return Err(row.error(format!("unknown origin `{origin}`")));
                }
                let gender = match row.optional(2) {
                    "" | "u" => 'u',
                    "m" => 'm',
                    "f" => 'f',
                    other => return Err(row.error(format!("gender `{other}` is not m|f|u"))),
                };
                n.first.insert(normalize_word(name), (origin.to_string(), gender));
            }
        }
        if let Some(content) = source.read_optional(PEOPLE_FILE)? {
            let known = crate::geo::known_codes(source)?;
            let mut seen: HashMap<String, usize> = HashMap::new();
            for row in tsv(PEOPLE_FILE, &content, 1, 4)? {
                let names: Vec<String> = row.list(0).iter().map(|s| s.to_string()).collect();
                if names.is_empty() {
                    return Err(row.error("empty column `names`"));
                }
                let full = normalize_word(&names[0]);
                if let Some(line) = seen.insert(full, row.line) {
                    return Err(
                        row.error(format!("person `{}` already listed at line {line}", names[0]))
                    );
                }
                let country = row.optional(1);
                if !country.is_empty() && known.len() > 2 && !known.contains(country) {
                    return Err(row.error(format!("unknown country code `{country}`")));
                }
                let agents = crate::orgs::agents_of(&row, 2)?;
                let role = row.optional(3);
                n.people.push(Person {
                    names,
                    country: (!country.is_empty()).then(|| country.to_string()),
                    agents,
                    role: (!role.is_empty()).then(|| role.to_string()),
                    line: row.line,
                });
            }
        }
        n.people_matcher = PhraseMatcher::build(
            n.people
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.names.iter().map(move |x| (x.clone(), i))),
        );
        if let Some(content) = source.read_optional(CUES_FILE)? {
            for row in tsv(CUES_FILE, &content, 2, 2)? {
                let word = row.required(0, "word")?;
                let cue = match row.required(1, "kind")? {
                    "stop" => Cue::Stop,
                    "speech" => Cue::Speech,
                    "connector" => Cue::Connector,
                    "org_adjective" => Cue::OrgAdjective,
                    "time" => Cue::Time,
                    "direction" => Cue::Direction,
                    "counterpart" => Cue::Counterpart,
                    "not_name" => Cue::NotName,
                    "ambiguous_title" => Cue::AmbiguousTitle,
                    other => return Err(row.error(format!("unknown cue kind `{other}`"))),
                };
                let list = n.cues.entry(normalize_word(word)).or_default();
                if list.contains(&cue) {
                    return Err(row.error(format!("duplicate cue `{word}`")));
                }
                list.push(cue);
            }
        }
        if let Some(content) = source.read_optional(EQUIPMENT_FILE)? {
            let mut seen = HashSet::new();
            for row in tsv(EQUIPMENT_FILE, &content, 2, 2)? {
                let name = row.required(0, "name")?;
                let kind = row.required(1, "kind")?;
                if !matches!(kind, "maker" | "model") {
                    return Err(row.error(format!("kind `{kind}` is not maker|model")));
                }
                let k = normalize_word(name);
                if !seen.insert(k.clone()) {
                    return Err(row.error(format!("duplicate equipment name `{name}`")));
                }
                n.equipment_index.insert(k, n.equipment.len());
                n.equipment.push(Equipment {
                    name: name.to_string(),
                    kind: kind.to_string(),
                    line: row.line,
                });
            }
        }
        Ok(n)
    }

    /// True when `norm_word` (matching form) is a known given name.
    pub fn is_first_name(&self, norm_word: &str) -> bool {
        self.first.contains_key(norm_word)
    }

    /// Origin and gender of a given name.
    pub fn first_name(&self, norm_word: &str) -> Option<(&str, char)> {
        self.first.get(norm_word).map(|(o, g)| (o.as_str(), *g))
    }

    /// True when `norm_word` has cue kind `cue`.
    pub fn is_cue(&self, norm_word: &str, cue: Cue) -> bool {
        self.cues.get(norm_word).is_some_and(|l| l.contains(&cue))
    }

    /// All cue kinds of `norm_word` (empty when it is no cue), for callers that classify a
    /// word once instead of asking about each kind.
    pub fn cues(&self, norm_word: &str) -> &[Cue] {
        self.cues.get(norm_word).map_or(&[], Vec::as_slice)
    }

    /// All given names (matching form), in no particular order.
    pub fn first_names(&self) -> impl Iterator<Item = &str> {
        self.first.keys().map(String::as_str)
    }

    /// All cue words (matching form) with their kinds, in no particular order.
    pub fn cue_words(&self) -> impl Iterator<Item = (&str, &[Cue])> {
        self.cues.iter().map(|(w, c)| (w.as_str(), c.as_slice()))
    }

    /// The equipment entry named `norm_word`.
    pub fn equipment(&self, norm_word: &str) -> Option<&Equipment> {
        self.equipment_index.get(norm_word).and_then(|&i| self.equipment.get(i))
    }

    /// Number of known given names.
    pub fn first_name_count(&self) -> usize {
        self.first.len()
    }
}
