//! Scores the extractor on the founding article against its gold annotation with the
//! project's scorer (`marsad-eval`): a prediction is a true positive when its span overlaps a
//! gold expression and its value is equal; durations and expressions without a value are not
//! scored.

use std::path::PathBuf;

use marsad_eval::{GoldFile, Report, score_document};
use marsad_lexicon::DataSource;
use marsad_model::Analysis;
use marsad_text::TextDoc;
use marsad_timex::TimexExtractor;

#[test]
fn seed_timex_f1_is_at_least_0_90() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed.gold.json");
    let gold = GoldFile::load(&path).expect("seed gold loads");
    let extractor = TimexExtractor::new(&DataSource::Embedded).expect("time vocabulary loads");
    let mut report = Report::default();
    for doc in &gold.documents {
        let reference = doc.published.as_deref().and_then(|p| p.parse().ok());
        let timex = extractor.extract(&TextDoc::new(doc.text()), reference);
        let analysis = Analysis { text: doc.text().to_string(), timex, ..Default::default() };
        report.push(score_document(doc, &analysis));
    }
    let s = report.layer("timex");
    println!("seed timex: {s:?}");
    assert!(s.f1 >= 0.90, "seed timex F1 {:.3} < 0.90 ({s:?})", s.f1);
}
