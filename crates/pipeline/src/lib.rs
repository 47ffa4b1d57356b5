//! One [`Analyzer`] that runs every layer of Marsad over a document.
//!
//! The order follows the data: text preparation → entities and actors → time expressions
//! → quotes and sources (speakers are actors) → events (actors, dates, reported speech).
//! Loading the knowledge is the expensive part and happens once, in [`Analyzer::new`]; an
//! `Analyzer` is `Sync`, so one instance serves every thread of a batch.
//!
//! Analysis never fails and never panics on text: problems become diagnostics on the result.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use marsad_entities::{EntityLayer, EntityRecognizer};
use marsad_events::{EventCoder, EventInput};
use marsad_lexicon::{DataSource, Lexicon, LexiconError};
use marsad_model::{Analysis, Diagnostic, Document, ReferenceDate, SCHEMA, Sentence, Token};
use marsad_quotes::QuoteExtractor;
use marsad_text::{SentenceKind, TextDoc, TokenKind};
use marsad_timex::TimexExtractor;

/// Why an analyzer could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A knowledge file is missing or malformed.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// Options of one analysis.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Include tokens in the output.
    pub tokens: bool,
    /// Reference date to use when the document's metadata has none.
    pub date: Option<Date>,
}

/// Time spent in each stage, summed over the documents analysed with
/// [`Analyzer::analyze_timed`]; `marsad bench` reports it so a slow layer is named, not guessed.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Text preparation (`TextDoc`) and the reference date.
    pub text: Duration,
    /// Entities and actors.
    pub entities: Duration,
    /// Time expressions.
    pub timex: Duration,
    /// Quotes and sources.
    pub quotes: Duration,
    /// Events.
    pub events: Duration,
    /// Flattening the layers into an [`Analysis`].
    pub output: Duration,
}

impl StageTimes {
    /// The stages with their names, in pipeline order.
    pub fn stages(&self) -> [(&'static str, Duration); 6] {
        [
            ("text", self.text),
            ("entities", self.entities),
            ("timex", self.timex),
            ("quotes", self.quotes),
            ("events", self.events),
            ("output", self.output),
        ]
    }
}

/// Everything needed to analyse documents, loaded once.
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
    entities: EntityRecognizer,
    timex: TimexExtractor,
    quotes: QuoteExtractor,
    events: EventCoder,
}

/// Everything the layers computed for one document, before it is flattened into an
/// [`Analysis`]; `marsad explain` reads it.
#[derive(Debug)]
pub struct Layers {
    /// The prepared text.
    pub doc: TextDoc,
    /// Entities and actors.
    pub entities: EntityLayer,
    /// The reference date used.
    pub reference: Option<ReferenceDate>,
}

impl Layers {
    /// Layers of a document with nothing found (only used if `run` did not keep its layers,
    /// which it always does when asked to).
    fn empty(document: &Document) -> Layers {
        Layers {
            doc: TextDoc::new(document.text.as_str()),
            entities: EntityLayer::default(),
            reference: None,
        }
    }
}

impl Analyzer {
    /// Loads the embedded knowledge.
    pub fn new() -> Result<Analyzer, PipelineError> {
        Analyzer::with_source(DataSource::Embedded)
    }

    /// Loads knowledge from `source`.
    pub fn with_source(source: DataSource) -> Result<Analyzer, PipelineError> {
        let lexicon = Arc::new(Lexicon::load(source)?);
        let timex = TimexExtractor::new(lexicon.source())?;
        let events = EventCoder::new(lexicon.clone())?;
        // The entity layer's automaton pass also finds the event coder's trigger forms and
        // actor nouns, so that each document is scanned once for both layers.
        let entities = EntityRecognizer::with_extra(lexicon.clone(), &events.scan_lists());
        Ok(Analyzer {
            entities,
            quotes: QuoteExtractor::new(lexicon.clone()),
            timex,
            events,
            lexicon,
        })
    }

    /// The loaded knowledge.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The event coder (for explanations).
    pub fn event_coder(&self) -> &EventCoder {
        &self.events
    }

    /// Analyses one document.
    pub fn analyze(&self, document: &Document, options: &AnalyzeOptions) -> Analysis {
        self.run(document, options, None, false).0
    }

    /// Analyses one document and adds the time of each stage to `times`.
    pub fn analyze_timed(
        &self,
        document: &Document,
        options: &AnalyzeOptions,
        times: &mut StageTimes,
    ) -> Analysis {
        self.run(document, options, Some(times), false).0
    }

    /// Analyses one document and also returns the intermediate layers.
    pub fn analyze_layers(
        &self,
        document: &Document,
        options: &AnalyzeOptions,
    ) -> (Analysis, Layers) {
        let (analysis, layers) = self.run(document, options, None, true);
        // `run` always returns the layers when asked to; the fallback is never taken.
        (analysis, layers.unwrap_or_else(|| Layers::empty(document)))
    }

    /// Runs every layer. The layers are returned only when `keep_layers` is set; otherwise
    /// the document text and the entity layer are moved into the [`Analysis`] instead of
    /// being copied.
    fn run(
        &self,
        document: &Document,
        options: &AnalyzeOptions,
        mut times: Option<&mut StageTimes>,
        keep_layers: bool,
    ) -> (Analysis, Option<Layers>) {
        // Reading the clock costs tens of nanoseconds, so it is only read when asked to.
        let mut clock = times.as_ref().map(|_| Instant::now());
        let mut lap = |slot: fn(&mut StageTimes) -> &mut Duration| {
            if let (Some(t), Some(c)) = (times.as_deref_mut(), clock.as_mut()) {
                let now = Instant::now();
                *slot(t) += now - *c;
                *c = now;
            }
        };
        let doc = TextDoc::new(document.text.as_str());
        let mut diagnostics = Vec::new();
        let reference = self.reference_date(document, options, &doc, &mut diagnostics);
        let ref_date = reference.as_ref().and_then(|r| r.date.parse::<Date>().ok());
        lap(|t| &mut t.text);
        let entities = self.entities.recognize(&doc);
        lap(|t| &mut t.entities);
        let timex = self.timex.extract(&doc, ref_date);
        lap(|t| &mut t.timex);
        let quotes = self.quotes.extract(&doc, &entities);
        lap(|t| &mut t.quotes);
        let events = self.events.code(EventInput {
            doc: &doc,
            entities: &entities,
            timex: &timex,
            quotes: &quotes.quotes,
            reference: reference.as_ref().map(|r| r.date.as_str()),
        });
        lap(|t| &mut t.events);
        let sentences = doc
            .sentences
            .iter()
            .map(|s| {
                let (start, end) = doc.char_span(s.start..s.end);
                let kind = match s.kind {
                    SentenceKind::Body => "body",
                    SentenceKind::Headline => "headline",
                };
                Sentence { start, end, kind: kind.into() }
            })
            .collect();
        let tokens = if options.tokens {
            doc.tokens
                .iter()
                .zip(doc.token_norms())
                .map(|(t, n)| Token {
                    start: t.char_start,
                    end: t.char_end,
                    text: t.text(&doc.text).to_string(),
                    kind: match t.kind {
                        TokenKind::Word => "word",
                        TokenKind::Number => "number",
                        TokenKind::Punct => "punct",
                    }
                    .into(),
                    norm: n.to_string(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let (text, entity_list, actors, layers) = if keep_layers {
            let (e, a) = (entities.entities.clone(), entities.actors.clone());
            (
                document.text.clone(),
                e,
                a,
                Some(Layers { doc, entities, reference: reference.clone() }),
            )
        } else {
            let mut entities = entities;
            let e = std::mem::take(&mut entities.entities);
            let a = std::mem::take(&mut entities.actors);
            (doc.text, e, a, None)
        };
        let analysis = Analysis {
            schema: SCHEMA.into(),
            id: document.id.clone(),
            text,
            meta: document.meta.clone(),
            reference_date: reference,
            sentences,
            tokens,
            entities: entity_list,
            actors,
            quotes: quotes.quotes,
            sources: quotes.sources,
            timex,
            events,
            diagnostics,
        };
        lap(|t| &mut t.output);
        (analysis, layers)
    }

    fn reference_date(
        &self,
        document: &Document,
        options: &AnalyzeOptions,
        doc: &TextDoc,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<ReferenceDate> {
        if let Some(p) = &document.meta.published {
            match p.get(..10).unwrap_or(p).parse::<Date>() {
                Ok(d) => {
                    return Some(ReferenceDate { date: d.to_string(), origin: "metadata".into() });
                }
                Err(_) => diagnostics.push(Diagnostic::warning(
                    "M0101",
                    format!("publication date `{p}` is not a YYYY-MM-DD date; ignored"),
                )),
            }
        }
        if let Some(d) = options.date {
            return Some(ReferenceDate { date: d.to_string(), origin: "option".into() });
        }
        if let Some(d) = self.timex.find_dateline(doc) {
            return Some(ReferenceDate { date: d.to_string(), origin: "dateline".into() });
        }
        diagnostics.push(Diagnostic::warning(
            "M0102",
            "no reference date (metadata, --date or dateline): relative time expressions are unresolved",
        ));
        None
    }
}
