//! Shared test helpers: the extractors built once, entities + quotes run the way the pipeline
//! runs them, and gold files scored through `marsad-eval`, the project's one implementation
//! of the scoring rules.

#![allow(dead_code)]

use marsad_entities::EntityRecognizer;
use marsad_eval::{GoldFile, Report, score_document};
use marsad_lexicon::Lexicon;
use marsad_model::Analysis;
use marsad_quotes::{QuoteExtractor, QuoteLayer};
use marsad_text::TextDoc;
use std::sync::Arc;

/// Loads the embedded knowledge once per test binary.
pub fn extractors() -> (EntityRecognizer, QuoteExtractor) {
    let lex = match Lexicon::embedded() {
        Ok(l) => Arc::new(l),
        Err(e) => panic!("knowledge must load: {e}"),
    };
    (EntityRecognizer::new(lex.clone()), QuoteExtractor::new(lex))
}

/// Runs entities and quotes on `text`.
pub fn analyse(ents: &EntityRecognizer, quotes: &QuoteExtractor, text: &str) -> QuoteLayer {
    let doc = TextDoc::new(text);
    let layer = ents.recognize(&doc);
    quotes.extract(&doc, &layer)
}

/// Scores the quotes and sources of every document of a gold file.
pub fn score_file(path: &std::path::Path) -> Report {
    let gold = match GoldFile::load(path) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let (ents, quotes) = extractors();
    let mut report = Report::default();
    for doc in &gold.documents {
        let layer = analyse(&ents, &quotes, doc.text());
        let analysis = Analysis {
            text: doc.text().to_string(),
            quotes: layer.quotes,
            sources: layer.sources,
            ..Default::default()
        };
        report.push(score_document(doc, &analysis));
    }
    report
}

/// The mismatches of the quote layers, one line each, for assertion messages.
pub fn mismatches(report: &Report) -> Vec<String> {
    report
        .documents
        .iter()
        .flat_map(|d| {
            d.mismatches
                .iter()
                .filter(|m| matches!(m.layer, "quotes" | "attribution" | "sources"))
                .map(move |m| format!("{} {} {} {}", d.id, m.layer, m.kind, m.what))
        })
        .collect()
}
