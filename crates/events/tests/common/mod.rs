//! Shared test helpers: running the coder on a text the way the pipeline does, and reducing
//! events to (plover, source country, target country) tuples. Scoring against gold files goes
//! through `marsad-eval`, the project's one implementation of the rules.

#![allow(dead_code)]

use marsad_entities::EntityRecognizer;
use marsad_events::{EventCoder, EventInput};
use marsad_lexicon::Lexicon;
use marsad_model::Event;
use marsad_text::TextDoc;
use std::sync::{Arc, OnceLock};

pub struct Engine {
    pub coder: EventCoder,
    pub entities: EntityRecognizer,
    pub quotes: marsad_quotes::QuoteExtractor,
    pub timex: marsad_timex::TimexExtractor,
}

pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        let lexicon = Arc::new(Lexicon::embedded().expect("embedded lexicon loads"));
        Engine {
            coder: EventCoder::new(lexicon.clone()).expect("event knowledge loads"),
            entities: EntityRecognizer::new(lexicon.clone()),
            quotes: marsad_quotes::QuoteExtractor::new(lexicon.clone()),
            timex: marsad_timex::TimexExtractor::new(lexicon.source())
                .expect("time knowledge loads"),
        }
    })
}

pub fn run(text: &str, reference: Option<&str>) -> (Vec<Event>, Vec<String>) {
    let e = engine();
    let doc = TextDoc::new(text);
    let layer = e.entities.recognize(&doc);
    let quotes = e.quotes.extract(&doc, &layer);
    let date = reference.and_then(|r| r.parse::<jiff::civil::Date>().ok());
    let timex = e.timex.extract(&doc, date);
    e.coder.explain(EventInput {
        doc: &doc,
        entities: &layer,
        timex: &timex,
        quotes: &quotes.quotes,
        reference,
    })
}

/// Country part of an actor code, `None` for `---`.
pub fn country(code: &str) -> Option<String> {
    code.get(..3).filter(|c| *c != "---").map(str::to_string)
}

/// Distinct predicted tuples: (label, source country, target country); `label` is the PLOVER
/// type or, with `cameo`, the CAMEO root.
pub fn tuples(events: &[Event], cameo: bool) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for e in events {
        let label =
            if cameo { e.cameo.get(..2).unwrap_or("").to_string() } else { e.plover.clone() };
        let t = (
            label,
            e.source.as_ref().and_then(|a| country(&a.code)),
            e.target.as_ref().and_then(|a| country(&a.code)),
        );
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}
