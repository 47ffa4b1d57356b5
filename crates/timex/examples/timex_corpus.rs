//! Runs the table-driven corpus (`tests/corpus/*.toml`) through the extractor and prints one
//! JSON line per expected expression: the expected span and value, the value Marsad gives to
//! that span (a prediction overlapping it), whether that is correct, and the time per
//! expression (extraction alone, and with the preparation of the text). `scripts/timex_vs_dateparser.py` reads these lines.
//!
//! Usage: `cargo run --release -p marsad-timex --example timex_corpus -- [corpus dir] [repeats]`

use std::path::PathBuf;
use std::time::Instant;

use marsad_lexicon::DataSource;
use marsad_text::TextDoc;
use marsad_timex::TimexExtractor;
use serde::Deserialize;

#[derive(Deserialize)]
struct CorpusFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    #[serde(rename = "ref")]
    reference: Option<String>,
    text: String,
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
struct Expect {
    text: String,
    value: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    let repeats: usize =
        std::env::args().nth(2).map(|s| s.parse()).transpose()?.unwrap_or(20).max(1);
    let extractor = TimexExtractor::new(&DataSource::Embedded)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let corpus: CorpusFile = toml::from_str(&std::fs::read_to_string(&path)?)?;
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for case in corpus.case {
            if case.expect.is_empty() {
                continue;
            }
            let reference = case.reference.as_deref().map(str::parse).transpose()?;
            // Median times of extraction alone (the pipeline prepares the text once for all
            // layers) and of text preparation plus extraction.
            let mut times = Vec::with_capacity(repeats);
            let mut times_prep = Vec::with_capacity(repeats);
            let mut found = Vec::new();
            for _ in 0..repeats {
                let started = Instant::now();
                let doc = TextDoc::new(case.text.as_str());
                let prepared = Instant::now();
                found = extractor.extract(&doc, reference);
                let done = Instant::now();
                times.push((done - prepared).as_secs_f64());
                times_prep.push((done - started).as_secs_f64());
            }
            times.sort_by(f64::total_cmp);
            times_prep.sort_by(f64::total_cmp);
            let per_expression = times[times.len() / 2] / case.expect.len() as f64;
            let per_expression_prep = times_prep[times_prep.len() / 2] / case.expect.len() as f64;
            for exp in &case.expect {
                let start = case.text.find(&exp.text).map(|b| case.text[..b].chars().count());
                let end = start.map(|s| s + exp.text.chars().count());
                let overlapping: Vec<_> = match (start, end) {
                    (Some(s), Some(e)) => {
                        found.iter().filter(|t| t.start < e && s < t.end).collect()
                    }
                    _ => Vec::new(),
                };
                let got = overlapping.iter().find_map(|t| t.value.clone());
                let correct = match &exp.value {
                    Some(v) => overlapping.iter().any(|t| t.value.as_deref() == Some(v.as_str())),
                    None => got.is_none(),
                };
                let line = serde_json::json!({
                    "file": file,
                    "ref": case.reference,
                    "sentence": case.text,
                    "text": exp.text,
                    "expected": exp.value,
                    "got": got,
                    "correct": correct,
                    "seconds": per_expression,
                    "seconds_with_prep": per_expression_prep,
                });
                println!("{line}");
            }
        }
    }
    Ok(())
}
