//! Strict and relaxed entity F1 on the founding article against its gold annotation, scored
//! by `marsad-eval` (strict: same type and exactly the same code-point span; relaxed: same
//! type and overlapping spans).

use std::sync::Arc;

use marsad_entities::EntityRecognizer;
use marsad_eval::{GoldFile, Report, score_document};
use marsad_lexicon::Lexicon;
use marsad_model::Analysis;
use marsad_text::TextDoc;

#[test]
fn seed_entity_f1() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed.gold.json");
    let gold = GoldFile::load(&path).expect("seed gold loads");
    let lexicon = Arc::new(Lexicon::embedded().expect("lexicon loads"));
    let recognizer = EntityRecognizer::new(lexicon);
    let mut report = Report::default();
    for doc in &gold.documents {
        let layer = recognizer.recognize(&TextDoc::new(doc.text()));
        let analysis = Analysis {
            text: doc.text().to_string(),
            entities: layer.entities,
            ..Default::default()
        };
        report.push(score_document(doc, &analysis));
    }
    let missed: Vec<String> = report
        .documents
        .iter()
        .flat_map(|d| d.mismatches.iter().filter(|m| m.layer == "entities"))
        .map(|m| format!("{} {}", m.kind, m.what))
        .collect();
    let (strict, relaxed) = (report.layer("entities"), report.layer("entities_relaxed"));
    println!("seed entities strict {strict:?} relaxed {relaxed:?}");
    assert!(strict.f1 >= 0.95, "strict F1 {:.3}\n{missed:#?}", strict.f1);
    assert!(relaxed.f1 >= 0.95, "relaxed F1 {:.3}", relaxed.f1);
}
