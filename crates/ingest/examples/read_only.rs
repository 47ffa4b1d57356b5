//! Reads inputs into documents without analysing them and prints the reading throughput:
//! `read_only [--mapping NAME] INPUT...`. Separates the cost of ingestion from analysis.

use std::sync::Arc;
use std::time::Instant;

use marsad_ingest::source::{Input, ReadOptions};
use marsad_ingest::{Item, Mapping};

fn main() {
    let mut mapping = Mapping::default();
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--mapping" {
            let spec = args.next().unwrap_or_default();
            mapping = match Mapping::parse(&spec) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            };
        } else {
            inputs.push(Input::parse(&a));
        }
    }
    let options = ReadOptions { mapping: Arc::new(mapping), ..ReadOptions::default() };
    let start = Instant::now();
    let (mut ok, mut failed, mut skipped, mut bytes, mut text) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for item in marsad_ingest::items(inputs, options, 256) {
        match item {
            Item::Record(r) => {
                bytes += r.raw_len() as u64;
                match r.into_document(&Default::default()) {
                    Ok(d) => {
                        ok += 1;
                        text += d.text.len() as u64;
                    }
                    Err(e) if e.is_empty_text() => skipped += 1,
                    Err(_) => failed += 1,
                }
            }
            Item::Error(_) => failed += 1,
            Item::Skipped { .. } => skipped += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "ok {ok} failed {failed} skipped {skipped}; {:.1} MB raw, {:.1} MB text in {secs:.2} s: {:.0} docs/s, {:.1} MB/s (one thread)",
        bytes as f64 / 1e6,
        text as f64 / 1e6,
        ok as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
