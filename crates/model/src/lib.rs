//! The `analysis/1` model: the facts Marsad produces, as they cross every crate boundary.
//!
//! Every extraction layer fills one part of an [`Analysis`]; the CLI prints it as JSON, the
//! evaluator scores it, the batch writers turn it into JSON lines, CSV or GDELT rows. The
//! field names published here are a contract (`docs/formats.md` of the project): fields may be
//! added, never renamed or dropped.
//!
//! Offsets are Unicode code points into [`Analysis::text`], `start` inclusive, `end`
//! exclusive. Every fact also names the `rule` (dictionary entry or pattern) that produced
//! it, so that `marsad explain` can show the chain.

use serde::{Deserialize, Serialize};

/// The schema tag written into every analysis.
pub const SCHEMA: &str = "analysis/1";

/// One input article: its text and what is known about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// A stable identifier (file path, record id or URL), when the input has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The article text exactly as analysed.
    pub text: String,
    /// Metadata from the reader (HTML meta tags, JSON fields, CLI flags).
    #[serde(default)]
    pub meta: DocMeta,
}

impl Document {
    /// A document with only a text.
    pub fn from_text(text: impl Into<String>) -> Self {
        Document { id: None, text: text.into(), meta: DocMeta::default() }
    }
}

/// Article metadata. All fields are optional: readers fill what they find.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Canonical URL of the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Name of the outlet (site name, newspaper).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date `YYYY-MM-DD` (the reference date of relative time expressions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// BCP-47 language tag when stated or detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where the record came from (file, archive member, WARC offset), for error reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A code-point span with its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Start (code points, inclusive).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The original text of the span.
    pub text: String,
}

/// The full analysis of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Document identifier, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The analysed text; all offsets point into it.
    pub text: String,
    /// Metadata of the document.
    #[serde(default)]
    pub meta: DocMeta,
    /// The reference date actually used for relative time expressions, and where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<ReferenceDate>,
    /// Sentences and headline lines.
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    /// Tokens (only when requested; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
    /// Entity mentions.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Document-level actors with all their mentions.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Direct and indirect quotes.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Cited sources of information.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Time expressions.
    #[serde(default)]
    pub timex: Vec<Timex>,
    /// Coded events.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Problems met while analysing (never fatal).
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// The reference date of an analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `metadata`, `option` or `dateline`.
    pub origin: String,
}

/// A sentence or headline line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// `body` or `headline`.
    pub kind: String,
}

/// A token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The token text.
    pub text: String,
    /// `word`, `number` or `punct`.
    pub kind: String,
    /// Matching form.
    pub norm: String,
}

/// Entity type of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation (government body, agency, armed group, company, outlet).
    #[serde(rename = "ORG")]
    Org,
    /// A place: country, city, region.
    #[serde(rename = "LOC")]
    Loc,
    /// Named equipment, weapons, events.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// The published tag (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The mention text.
    pub text: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name (the fullest name of the actor in the document, or the dictionary name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Index into [`Analysis::actors`] of the actor this mention refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// Actor code (`RUSGOV`, `IRNMIL`, `---REB`) or, for places, the ISO3 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Role or title attached to the mention (`وزير الدفاع الروسي`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The rule or dictionary entry that produced the mention.
    pub rule: String,
}

/// A document-level actor: one real-world person, organisation or place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id within the document (`a0`, `a1`, ...).
    pub id: String,
    /// Fullest name found in the document.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// CAMEO-style actor code: country or group code followed by agent codes.
    pub code: String,
    /// Country or group code (`RUS`, `IGO`, `WST`), `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Agent codes (`GOV`, `MIL`, ...).
    #[serde(default)]
    pub agents: Vec<String>,
    /// Role or title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Indices into [`Analysis::entities`] of every mention, including coreferent roles.
    #[serde(default)]
    pub mentions: Vec<usize>,
    /// Mentions of the actor by role or description only (`وزير الدفاع الروسي`, `نظيره
    /// الروسي`): they resolve to the actor but are not entity mentions, because role phrases
    /// are not names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_mentions: Vec<Span>,
    /// How the code was decided (e.g. `country:nisba(الروسي) agent:title(وزير الدفاع)`).
    pub rule: String,
}

/// A speaker of a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker's fullest name or title in the document; `None` when unresolved.
    pub text: Option<String>,
    /// Index into [`Analysis::actors`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// Actor code of the speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The mention in this sentence that names the speaker (or the pronoun/verb it resolves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<Span>,
}

/// A quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Start of the quoted or reported content (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The content.
    pub text: String,
    /// `direct` or `indirect`.
    pub kind: String,
    /// Who said it.
    pub speaker: Speaker,
    /// The speech verb or cue (`قال`, `أضاف`, a colon in a headline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verb: Option<Span>,
    /// The rule that produced the quote.
    pub rule: String,
}

/// A cited source of information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The source as written (`ريا نوفوستي`, `مصادر مطلعة`).
    pub text: String,
    /// `named` or `anonymous`.
    pub kind: String,
    /// The cue that introduces it (`وفق`, `بحسب`, `نقلت ... عن`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    /// Index into [`Analysis::actors`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// Actor code of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The rule that produced it.
    pub rule: String,
}

/// A time expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// ISO 8601 value at the expression's own granularity (`2023-09-19`, `2023-09`, `P4D`);
    /// `None` when it cannot be resolved.
    pub value: Option<String>,
    /// `date`, `time`, `duration` or `set`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The Hijri value (`1436-09-05`) when the expression is Hijri or resolves to a day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hijri: Option<String>,
    /// Flags: `vague`, `unresolved`, `future`, `past`, `invalid`, `approximate`, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// The rule that produced it.
    pub rule: String,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// CAMEO-style actor code (`RUSGOV`, `IRN`, `---REB`).
    pub code: String,
    /// Name as in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Index into [`Analysis::actors`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<usize>,
    /// Mentions that name this side in the evidence.
    #[serde(default)]
    pub mentions: Vec<Span>,
    /// How the actor was chosen (`subject-after-verb`, `prep:إلى`, ...).
    pub rule: String,
}

/// Where an event is stated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence.
    pub sentence: Span,
    /// The trigger word or phrase.
    pub trigger: Span,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER event type (`CONSULT`, `ASSAULT`, ...).
    pub plover: String,
    /// PLOVER mode, where clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<String>,
    /// PLOVER context, where clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_context: Option<String>,
    /// CAMEO event code (`042`, `1721`).
    pub cameo: String,
    /// Goldstein score of the CAMEO code.
    pub goldstein: f64,
    /// GDELT QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict).
    pub quad_class: u8,
    /// Who acts.
    #[serde(default)]
    pub source: Option<EventActor>,
    /// Who is acted upon.
    #[serde(default)]
    pub target: Option<EventActor>,
    /// Date of the event (ISO 8601), from the time layer or the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Place where it happened, when stated: name and country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<EventLocation>,
    /// Modality flags: `future`, `planned`, `conditional`, `hypothetical`, `reported`, `background`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modality: Vec<String>,
    /// Where it is stated (first mention).
    pub evidence: Evidence,
    /// Further mentions of the same event in the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Evidence>,
    /// Id of the pattern that fired.
    pub pattern: String,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    /// Place name as written.
    pub name: String,
    /// ISO3 country code of the place, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The mention.
    pub span: Span,
}

/// A problem met while analysing; analysis continues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `info`, `warning` or `error`.
    pub level: String,
    /// A stable code (`M0001` style) naming the kind of problem.
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
    /// Where in the text, if it concerns a span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
}

impl Diagnostic {
    /// A warning diagnostic.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            level: "warning".into(),
            code: code.into(),
            message: message.into(),
            span: None,
        }
    }
}

/// Country part of an actor code: its first three characters, or `None` for `---`.
pub fn code_country(code: &str) -> Option<&str> {
    let c = code.get(..3)?;
    (c != "---").then_some(c)
}
