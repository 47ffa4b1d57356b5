//! The founding article: events scored against its hand annotation with the project's scorer
//! (`marsad-eval`), and the dev set when it is available on this machine (never committed).

mod common;
use common::*;

use marsad_eval::{GoldFile, LayerScore, Report, score_document};
use marsad_model::Analysis;

/// Scores the events of every document of a gold file; prints per-document tuples when
/// `verbose` (and the coder's explanations with `EXPLAIN=1`).
fn eval_file(path: &std::path::Path, verbose: bool) -> Option<(LayerScore, LayerScore)> {
    let gold = GoldFile::load(path).ok()?;
    let mut report = Report::default();
    for doc in &gold.documents {
        let (events, log) = run(doc.text(), doc.published.as_deref());
        let analysis = Analysis { text: doc.text().to_string(), events, ..Default::default() };
        let score = score_document(doc, &analysis);
        if verbose {
            println!("== {}", doc.id);
            for t in tuples(&analysis.events, false) {
                println!("  P {t:?}");
            }
            for m in score.mismatches.iter().filter(|m| m.layer == "events") {
                println!("  {} {}", m.kind, m.what);
            }
            if std::env::var("EXPLAIN").is_ok() {
                for l in log {
                    println!("    {l}");
                }
            }
        }
        report.push(score);
    }
    Some((report.layer("events"), report.layer("events_cameo")))
}

#[test]
fn seed_events_f1() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed.gold.json");
    let (plover, cameo) = eval_file(&path, true).expect("seed gold readable");
    println!("seed events PLOVER {plover:?}; CAMEO {cameo:?}");
    assert!(plover.f1 >= 0.85, "PLOVER F1 {}", plover.f1);
    assert!(cameo.f1 >= 0.80, "CAMEO F1 {}", cameo.f1);
}

#[test]
#[ignore = "needs the dev set of the shared workspace"]
fn dev_events() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev/gold.json");
    let Some((plover, cameo)) = eval_file(&path, true) else { return };
    println!("dev events PLOVER {plover:?}; CAMEO {cameo:?}");
}
