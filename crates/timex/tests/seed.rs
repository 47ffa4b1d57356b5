//! Scores the extractor on the founding article against its gold annotation, with the timex
//! rule of the project's scoring contract: a prediction is a true positive when its span
//! overlaps a gold expression and its value is equal after normalisation; durations (`P...`)
//! and expressions without a value are not scored.

use std::path::PathBuf;

use marsad_lexicon::DataSource;
use marsad_text::{TextDoc, normalize_word};
use marsad_timex::TimexExtractor;
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    documents: Vec<GoldDoc>,
}

#[derive(Deserialize)]
struct GoldDoc {
    text_path: String,
    published: String,
    timex: Vec<GoldTimex>,
}

#[derive(Deserialize)]
struct GoldTimex {
    start: usize,
    end: usize,
    value: Option<String>,
}

fn scored(v: Option<&str>) -> bool {
    v.is_some_and(|v| !v.is_empty() && !v.starts_with('P'))
}

#[test]
fn seed_timex_f1_is_at_least_0_90() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let gold: Gold = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("seed.gold.json")).expect("gold file"),
    )
    .expect("gold/1 JSON");
    let extractor = TimexExtractor::new(&DataSource::Embedded).expect("time vocabulary loads");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for doc in gold.documents {
        let text = std::fs::read_to_string(fixtures.join(&doc.text_path)).expect("seed text");
        let reference = doc.published.parse().expect("published date");
        let found = extractor.extract(&TextDoc::new(text), Some(reference));
        let gold_t: Vec<&GoldTimex> =
            doc.timex.iter().filter(|g| scored(g.value.as_deref())).collect();
        let mut used = vec![false; gold_t.len()];
        for p in found.iter().filter(|p| scored(p.value.as_deref())) {
            let pv = p.value.as_deref().map(normalize_word);
            let hit = gold_t.iter().enumerate().position(|(k, g)| {
                !used[k]
                    && p.start < g.end
                    && g.start < p.end
                    && g.value.as_deref().map(normalize_word) == pv
            });
            match hit {
                Some(k) => {
                    used[k] = true;
                    tp += 1;
                }
                None => fp += 1,
            }
        }
        fn_ += used.iter().filter(|u| !**u).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    println!("seed timex: tp={tp} fp={fp} fn={fn_} P={p:.3} R={r:.3} F1={f1:.3}");
    assert!(f1 >= 0.90, "seed timex F1 {f1:.3} < 0.90 (tp={tp} fp={fp} fn={fn_})");
}
