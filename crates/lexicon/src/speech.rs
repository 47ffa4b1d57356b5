//! Knowledge of reported speech: verbs of saying, source cues, source nouns and the function
//! words that delimit speakers and reported clauses.
//!
//! Quote extraction in Arabic news is mostly lexical: a verb of saying (`قال`, `أكد`,
//! `مضيفًا`) followed by a complementizer (`إن`, `أن`, `بأن`) or a quotation, a cue such as
//! `بحسب` or `نقلًا عن` before a source, and a handful of words that end the speaker's noun
//! phrase (`اليوم`, `في بيان`, `إلى`). Keeping all of them in `data/speech/` lets analysts
//! extend the vocabulary without touching the extractor. Each list is compiled into a
//! [`PhraseMatcher`] over the matching form, so hamza, ta marbuta and diacritic variants of a
//! form are found without being listed.

use crate::{DataSource, LexiconError, PhraseMatcher, tsv};

const VERBS: &str = "speech/verbs.tsv";
const CUES: &str = "speech/cues.tsv";
const SOURCES: &str = "speech/sources.tsv";
const MARKERS: &str = "speech/markers.tsv";

/// How a speech verb behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbKind {
    /// A finite verb of saying whose subject is the speaker (`قال`).
    Say,
    /// A verb of reporting or publishing (`ذكر`, `أفاد`): an outlet as subject is a source.
    Report,
    /// A verb of relaying (`نقل`): a report whose `عن` phrase names the one who said it
    /// (`نقلت الوكالة عن الوزير قوله`), unlike `تحدث عن` ("spoke about").
    Relay,
    /// A circumstantial participle continuing the current speaker (`مضيفًا`).
    Participle,
}

/// Agreement of a verb form with its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Agreement {
    /// Masculine singular.
    Masculine,
    /// Feminine singular.
    Feminine,
    /// Dual or plural.
    Plural,
}

/// One form of a speech verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechVerb {
    /// Citation form (`قال`).
    pub lemma: String,
    /// How the verb behaves.
    pub kind: VerbKind,
    /// Agreement of this form.
    pub agreement: Agreement,
    /// 1-based line in `verbs.tsv`, for rule names.
    pub line: usize,
    /// The form was listed with `!`: its matching form is also a common word (`بيّن` folds to
    /// `بين` "between"), so it counts as this verb only where the text writes its shadda.
    pub marked: bool,
}

/// How a source cue introduces its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// Ambiguous cue (`وفق`, `حسب`): needs a recognisable source after it.
    Weak,
    /// Unambiguous cue (`نقلًا عن`).
    Strong,
    /// Must be followed by a verb of saying or reporting (`على ما أعلنت`).
    Verbal,
    /// A reporter or a statement addressed to an outlet with `لـ` (`مراسل لرويترز`, `سؤال
    /// لوكالة ...`): only an outlet after it is a source.
    Addressed,
    /// A report that an outlet carried (`نبأ أوردته وكالة ...`): only a news outlet after it
    /// is a source.
    Carried,
}

/// One source cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCue {
    /// The cue as listed.
    pub phrase: String,
    /// How it introduces its source.
    pub kind: CueKind,
}

/// What a source word tells about the phrase it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceClass {
    /// Head noun of a news outlet (`وكالة`, `صحيفة`).
    Media,
    /// Name of a known agency or outlet (`رويترز`).
    Agency,
    /// A document (`بيان`, `تقرير`).
    Document,
    /// Unnamed sources (`مصادر`, `مصدر`, `شهود`).
    Anonymous,
    /// An institution cited as a source after an ambiguous cue (`المرصد`, `الشرطة`).
    Body,
    /// A phrase that opens like a source but names something else (`وكالة الفضاء`, `موقع
    /// الحادث`): no source word is read at its first word.
    Excluded,
}

/// The role of a function word or short phrase around reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerRole {
    /// `أن`, `إن`, `بأن` (with pronouns): reported content follows.
    Complementizer,
    /// `فإن` after an attribution.
    Resumptive,
    /// A time adverb ending a subject.
    Time,
    /// The occasion of a statement (`في بيان`, `خلال`).
    Setting,
    /// A discourse adverbial that may stand between a verb of saying and its subject
    /// (`وقال من جهته الوزير`, `كما ذكرت من جانبها وكالة`): skipped there.
    Aside,
    /// A preposition ending a subject.
    Preposition,
    /// A relative or apposition opener ending a subject.
    Relative,
    /// A conjunction before a new speech verb, trimmed from the previous clause.
    Connective,
    /// A word that makes the following statement background (`بعد`).
    Subordinator,
    /// A postposed attribution (`على حد قوله`).
    Afterword,
    /// Page furniture before a colon (`مشاركة`).
    Label,
    /// A word opening a new clause (`ما`, `حيث`, `إلا`), which ends the search for the
    /// complementizer of a verb of saying.
    Clause,
    /// A negation before a verb of saying (`لم`, `عدم`).
    Negation,
    /// An impersonal verb allowed after a verbal cue (`بحسب ما يذكر`).
    CueVerb,
    /// A demonstrative (`هذه`, `ذلك`): after the first word of a subject it opens the object
    /// (`وأكد مصدر آخر هذه المعلومات`); first, it opens the subject (`وقالت هذه المصادر`).
    Demonstrative,
    /// A form of `كان` before a subject and its verb (`وكانت الوزارة أعلنت`): it ends the
    /// speaker phrase before the verb.
    Auxiliary,
}

/// Speech verbs, cues, source words and markers, compiled for matching.
#[derive(Debug, Default)]
pub struct Speech {
    /// Speech verb forms.
    pub verbs: PhraseMatcher<SpeechVerb>,
    /// Source cues.
    pub cues: PhraseMatcher<SourceCue>,
    /// Source head nouns and known outlet names.
    pub sources: PhraseMatcher<SourceClass>,
    /// Function words and phrases; a phrase may have several roles.
    pub markers: PhraseMatcher<MarkerRole>,
}

impl Speech {
    /// Loads `speech/verbs.tsv`, `speech/cues.tsv`, `speech/sources.tsv` and
    /// `speech/markers.tsv` from `source`.
    pub fn load(source: &DataSource) -> Result<Self, LexiconError> {
        let text = source.read(VERBS)?;
        let verbs = parse_verbs(VERBS, &text)?;
        let text = source.read(CUES)?;
        let cues = parse_cues(CUES, &text)?;
        let text = source.read(SOURCES)?;
        let sources = parse_sources(SOURCES, &text)?;
        let text = source.read(MARKERS)?;
        let markers = parse_markers(MARKERS, &text)?;
        Ok(Speech {
            verbs: PhraseMatcher::build(verbs),
            cues: PhraseMatcher::build(cues),
            sources: PhraseMatcher::build(sources),
            markers: PhraseMatcher::build(markers),
        })
    }

    /// Roles of a single word or phrase (given in any form), empty when it has none.
    pub fn marker_roles(&self, phrase: &str) -> &[MarkerRole] {
        self.markers.get(phrase).unwrap_or(&[])
    }

    /// True when `phrase` has `role`.
    pub fn is_marker(&self, phrase: &str, role: MarkerRole) -> bool {
        self.marker_roles(phrase).contains(&role)
    }
}

fn parse_verbs(file: &str, text: &str) -> Result<Vec<(String, SpeechVerb)>, LexiconError> {
    let mut out = Vec::new();
    for row in tsv(file, text, 3, 5)? {
        let lemma = row.required(0, "lemma")?;
        let kind = match row.required(1, "kind")? {
            "say" => VerbKind::Say,
            "report" => VerbKind::Report,
            "relay" => VerbKind::Relay,
            "participle" => VerbKind::Participle,
            other => {
                return Err(row.error(format!(
                    "unknown kind `{other}` (expected say, report, relay or participle)"
                )));
            }
        };
        let masculine = row.list(2);
        if masculine.is_empty() {
            return Err(row.error("empty column `masculine`"));
        }
        let columns = [
            (masculine, Agreement::Masculine),
            (row.list(3), Agreement::Feminine),
            (row.list(4), Agreement::Plural),
        ];
        for (forms, agreement) in columns {
            for form in forms {
                let (form, marked) = match form.strip_prefix('!') {
                    Some(f) => (f, true),
                    None => (form, false),
                };
                if form.contains(char::is_whitespace) && kind != VerbKind::Say {
                    return Err(row.error(format!("multi-word form `{form}` must be of kind say")));
                }
                if marked && !form.contains('\u{0651}') {
                    return Err(row.error(format!("form `!{form}` is marked but has no shadda")));
                }
                out.push((
                    form.to_string(),
                    SpeechVerb {
                        lemma: lemma.to_string(),
                        kind,
                        agreement,
                        line: row.line,
                        marked,
                    },
                ));
            }
        }
    }
    Ok(out)
}

fn parse_cues(file: &str, text: &str) -> Result<Vec<(String, SourceCue)>, LexiconError> {
    let mut out = Vec::new();
    for row in tsv(file, text, 2, 2)? {
        let phrase = row.required(0, "phrase")?;
        let kind = match row.required(1, "kind")? {
            "weak" => CueKind::Weak,
            "strong" => CueKind::Strong,
            "verbal" => CueKind::Verbal,
            "addressed" => CueKind::Addressed,
            "carried" => CueKind::Carried,
            other => {
                return Err(row.error(format!(
                    "unknown kind `{other}` (expected weak, strong, verbal, addressed or carried)"
                )));
            }
        };
        out.push((phrase.to_string(), SourceCue { phrase: phrase.to_string(), kind }));
    }
    Ok(out)
}

fn parse_sources(file: &str, text: &str) -> Result<Vec<(String, SourceClass)>, LexiconError> {
    let mut out = Vec::new();
    for row in tsv(file, text, 2, 2)? {
        let phrases = row.list(0);
        if phrases.is_empty() {
            return Err(row.error("empty column `phrases`"));
        }
        let class = match row.required(1, "class")? {
            "media" => SourceClass::Media,
            "agency" => SourceClass::Agency,
            "document" => SourceClass::Document,
            "anonymous" => SourceClass::Anonymous,
            "body" => SourceClass::Body,
            "excluded" => SourceClass::Excluded,
            other => {
                return Err(row.error(format!(
                    "unknown class `{other}` (expected media, agency, document, anonymous or body)"
                )));
            }
        };
        out.extend(phrases.into_iter().map(|p| (p.to_string(), class)));
    }
    Ok(out)
}

fn parse_markers(file: &str, text: &str) -> Result<Vec<(String, MarkerRole)>, LexiconError> {
    let mut out = Vec::new();
    for row in tsv(file, text, 2, 2)? {
        let phrase = row.required(0, "phrase")?;
        let role = match row.required(1, "role")? {
            "complementizer" => MarkerRole::Complementizer,
            "resumptive" => MarkerRole::Resumptive,
            "time" => MarkerRole::Time,
            "setting" => MarkerRole::Setting,
            "aside" => MarkerRole::Aside,
            "preposition" => MarkerRole::Preposition,
            "relative" => MarkerRole::Relative,
            "connective" => MarkerRole::Connective,
            "subordinator" => MarkerRole::Subordinator,
            "afterword" => MarkerRole::Afterword,
            "label" => MarkerRole::Label,
            "clause" => MarkerRole::Clause,
            "negation" => MarkerRole::Negation,
            "cue_verb" => MarkerRole::CueVerb,
            "demonstrative" => MarkerRole::Demonstrative,
            "auxiliary" => MarkerRole::Auxiliary,
            other => return Err(row.error(format!("unknown role `{other}`"))),
        };
        out.push((phrase.to_string(), role));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::normalize;

    fn speech() -> Speech {
        match Speech::load(&DataSource::Embedded) {
            Ok(s) => s,
            Err(e) => panic!("speech data must load: {e}"),
        }
    }

    #[test]
    fn embedded_files_load_and_validate() {
        let s = speech();
        assert!(s.verbs.len() > 150, "verbs: {}", s.verbs.len());
        assert!(s.cues.len() >= 10);
        assert!(s.sources.len() >= 50);
        assert!(s.markers.len() >= 80);
        // Every verb form is a real match of itself.
        let said = s.verbs.get("قالت").unwrap_or(&[]);
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].kind, VerbKind::Say);
        assert_eq!(said[0].agreement, Agreement::Feminine);
        let added = s.verbs.get("مضيفًا").unwrap_or(&[]);
        assert_eq!(added[0].kind, VerbKind::Participle);
        assert_eq!(s.sources.get("رويترز"), Some(&[SourceClass::Agency][..]));
        assert!(s.is_marker("بأنه", MarkerRole::Complementizer));
        assert!(s.is_marker("إنها", MarkerRole::Complementizer));
        assert!(s.is_marker("بعد", MarkerRole::Subordinator));
        assert!(s.is_marker("بعد", MarkerRole::Setting));
    }

    #[test]
    fn verbs_match_with_clitics_only_as_words() {
        let s = speech();
        let text = "وقال الوزير في مقال عن أقوال القائل وأضاف";
        let n = normalize(text);
        let found: Vec<&str> = s.verbs.find(&n.text).iter().map(|m| s.verbs.key(m.key)).collect();
        assert_eq!(found, ["قال", "اضاف"]);
    }

    #[test]
    fn relay_verbs_and_demonstratives_load() {
        let s = speech();
        let n = normalize("ونقلت");
        let kinds: Vec<VerbKind> = s
            .verbs
            .find(&n.text)
            .iter()
            .flat_map(|m| s.verbs.values(m.key).iter().map(|v| v.kind))
            .collect();
        assert_eq!(kinds, [VerbKind::Relay]);
        assert!(s.is_marker("هذه", MarkerRole::Demonstrative));
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let bad = "# comment\nقال\tshout\tقال\n";
        let err = parse_verbs("speech/verbs.tsv", bad).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "speech/verbs.tsv:2: unknown kind `shout` (expected say, report, relay or participle)"
            )
        );
        let err = parse_verbs("speech/verbs.tsv", "بين\tsay\t!بين\n").err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("speech/verbs.tsv:1: form `!بين` is marked but has no shadda")
        );
        let err = parse_cues("speech/cues.tsv", "وفق\n").err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("speech/cues.tsv:1:")));
        let err =
            parse_sources("speech/sources.tsv", "رويترز\tpress\n").err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("unknown class `press`")));
        let err =
            parse_markers("speech/markers.tsv", "\n\nأن\tverb\n").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("speech/markers.tsv:3: unknown role `verb`"));
    }
}
