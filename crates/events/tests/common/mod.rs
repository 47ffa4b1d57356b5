//! Shared test helpers: running the coder on a text and scoring events as the project's
//! evaluation does (distinct (plover, source country, target country) tuples per document,
//! paired one-to-one with gold events by maximum matching).

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

#[derive(Debug, Clone)]
pub struct GoldEvent {
    pub plover: Vec<String>,
    pub cameo_root: Vec<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub symmetric: bool,
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

fn side_ok(gold: &Option<String>, pred: &Option<String>) -> bool {
    gold.is_none() || gold == pred
}

fn matches(g: &GoldEvent, p: &(String, Option<String>, Option<String>), cameo: bool) -> bool {
    let labels = if cameo { &g.cameo_root } else { &g.plover };
    if !labels.contains(&p.0) {
        return false;
    }
    (side_ok(&g.source, &p.1) && side_ok(&g.target, &p.2))
        || (g.symmetric && side_ok(&g.source, &p.2) && side_ok(&g.target, &p.1))
}

/// (true positives, predicted, gold) for one document.
pub fn score(gold: &[GoldEvent], events: &[Event], cameo: bool) -> (usize, usize, usize) {
    let preds = tuples(events, cameo);
    let adj: Vec<Vec<usize>> = preds
        .iter()
        .map(|p| (0..gold.len()).filter(|&g| matches(&gold[g], p, cameo)).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; gold.len()];
    fn augment(
        p: usize,
        adj: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &g in &adj[p] {
            if seen[g] {
                continue;
            }
            seen[g] = true;
            if owner[g].is_none_or(|q| augment(q, adj, owner, seen)) {
                owner[g] = Some(p);
                return true;
            }
        }
        false
    }
    let mut tp = 0;
    for p in 0..preds.len() {
        let mut seen = vec![false; gold.len()];
        if augment(p, &adj, &mut owner, &mut seen) {
            tp += 1;
        }
    }
    (tp, preds.len(), gold.len())
}

pub fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 { if gold == 0 { 1.0 } else { 0.0 } } else { tp as f64 / pred as f64 };
    let r = if gold == 0 { 1.0 } else { tp as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Reads the events of a gold/1 document.
pub fn gold_events(doc: &serde_json::Value) -> Vec<GoldEvent> {
    let strs = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    doc["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| GoldEvent {
                    plover: strs(&e["plover"]),
                    cameo_root: strs(&e["cameo_root"]),
                    source: e["source"].as_str().map(str::to_string),
                    target: e["target"].as_str().map(str::to_string),
                    symmetric: e["symmetric"].as_bool().unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default()
}
