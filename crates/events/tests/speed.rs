//! Throughput of the event layer alone (entities computed once beforehand), on the dev set's
//! articles when present: `cargo test --release -p marsad-events --test speed -- --ignored
//! --nocapture`. A measurement, not a test of correctness.

mod common;
use marsad_events::EventInput;
use std::time::Instant;

#[test]
#[ignore = "a measurement; needs the shared dev set"]
fn event_layer_throughput() {
    let Ok(raw) = std::fs::read_to_string("/work/shared/dev/gold.json") else { return };
    let gold: serde_json::Value = serde_json::from_str(&raw).expect("json");
    let texts: Vec<String> = gold["documents"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["text"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let e = common::engine();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let doc = marsad_text::TextDoc::new(t.as_str());
            let layer = e.entities.recognize(&doc);
            (doc, layer)
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * 50;
    let rounds: usize =
        std::env::var("SPEED_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(50);
    let bytes = bytes / 50 * rounds;
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (doc, layer) in &prepared {
            n += e
                .coder
                .code(EventInput { doc, entities: layer, timex: &[], quotes: &[], reference: None })
                .len();
        }
    }
    let s = start.elapsed().as_secs_f64();
    println!("events layer: {:.1} MB/s ({n} events, {bytes} bytes)", bytes as f64 / s / 1e6);
    if std::env::var("SPEED_EVENTS_ONLY").is_ok() {
        return;
    }
    let start = Instant::now();
    for _ in 0..10 {
        for t in &texts {
            let doc = marsad_text::TextDoc::new(t.as_str());
            let _ = e.entities.recognize(&doc);
        }
    }
    let s = start.elapsed().as_secs_f64();
    println!("text+entities: {:.1} MB/s", (bytes / 5) as f64 / s / 1e6);
}
