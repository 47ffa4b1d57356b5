//! Quick throughput check of the text layer on a UTF-8 file: `cargo run --release -p
//! marsad-text --example throughput FILE`. The maintained benchmark is `marsad bench`.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: throughput FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let docs: Vec<&str> = text.split("\n\n").collect();
    let mb = text.len() as f64 / 1e6;
    for (name, f) in [
        ("normalize", &(|d: &str| marsad_text::normalize(d).text.len()) as &dyn Fn(&str) -> usize),
        ("tokenize", &|d: &str| marsad_text::tokenize(d).len()),
        ("split", &|d: &str| marsad_text::split_sentences(d).len()),
        ("charindex", &|d: &str| marsad_text::CharIndex::new(d).len_chars()),
        ("norm+walk", &|d: &str| {
            let n = marsad_text::normalize(d);
            let toks = marsad_text::tokenize(d);
            let mut w = n.map.walker();
            toks.iter()
                .map(|t| {
                    let a = w.advance_to(t.start);
                    let b = w.advance_to(t.end).max(a);
                    b - a
                })
                .sum::<usize>()
        }),
        ("textdoc", &|d: &str| marsad_text::TextDoc::new(d).tokens.len()),
    ] {
        // `STAGE=normalize` runs one stage once (for instruction counting under callgrind).
        let only = std::env::var("STAGE").ok();
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let mut times = Vec::new();
        for _ in 0..if only.is_some() { 1 } else { 3 } {
            let t = Instant::now();
            let n: usize = docs.iter().map(|d| f(d)).sum();
            std::hint::black_box(n);
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name:<10} {:>8.1} MB/s (median of {})",
            mb / times[times.len() / 2],
            times.len()
        );
    }
}
