//! Throughput of the entity layer on a corpus, separately from the rest of the analysis.
//!
//! Input is a file of documents, one JSON string per line (the text of one article). The
//! example times the text layer alone and the text layer followed by entity recognition,
//! single-threaded, and prints MB/s and the number of facts, so that a speed-up can be
//! checked against unchanged output. With `--dump` it prints the frequent PER and ORG
//! mentions instead, for reviewing systematic errors.
//!
//! `cargo run --release -p marsad-entities --example bench -- docs.jsonl [limit] [--dump]`

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::time::Instant;

use marsad_entities::EntityRecognizer;
use marsad_lexicon::Lexicon;
use marsad_text::TextDoc;

/// CPU time this process has run, in seconds (`/proc/self/schedstat`; 0 where absent): on a
/// shared machine wall-clock time also counts the time other programs ran.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench DOCS.jsonl [LIMIT] [--dump]");
        std::process::exit(2);
    };
    let limit: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(usize::MAX);
    let dump = args.iter().any(|a| a == "--dump");
    let file = match std::fs::File::open(path) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let docs: Vec<String> = std::io::BufRead::lines(file)
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<String>(&l).ok())
        .take(limit)
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let lexicon = match Lexicon::embedded() {
        Ok(l) => Arc::new(l),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let rec = EntityRecognizer::new(lexicon);
    println!("{} documents, {mb:.1} MB", docs.len());
    if dump {
        let mut freq: HashMap<(String, String), usize> = HashMap::new();
        for d in &docs {
            let layer = rec.recognize(&TextDoc::new(d.as_str()));
            for e in &layer.entities {
                if matches!(e.kind.as_str(), "PER" | "ORG") {
                    *freq
                        .entry((e.kind.as_str().to_string(), format!("{}\t{}", e.text, e.rule)))
                        .or_default() += 1;
                }
            }
        }
        let mut v: Vec<_> = freq.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        for ((k, t), c) in v.iter().take(2000) {
            println!("{c}\t{k}\t{t}");
        }
        return;
    }
    let t = Instant::now();
    let c = cpu_secs();
    let tokens: usize = docs.iter().map(|d| TextDoc::new(d.as_str()).tokens.len()).sum();
    let text_secs = t.elapsed().as_secs_f64();
    let text_cpu = cpu_secs() - c;
    println!(
        "text layer          {:>7.1} MB/s  ({:.1} MB/s of CPU time; {tokens} tokens)",
        mb / text_secs,
        mb / text_cpu.max(1e-9)
    );
    let t = Instant::now();
    let c = cpu_secs();
    let mut entities = 0;
    let mut actors = 0;
    // A digest of everything the layer produced, to check that a change kept the output.
    let mut digest = DefaultHasher::new();
    for d in &docs {
        let layer = rec.recognize(&TextDoc::new(d.as_str()));
        entities += layer.entities.len();
        actors += layer.actors.len();
        for e in &layer.entities {
            (e.start, e.end, e.kind.as_str(), &e.code, &e.role, &e.rule, e.actor).hash(&mut digest);
        }
        for a in &layer.actors {
            (&a.name, &a.code, &a.role, &a.rule, &a.mentions).hash(&mut digest);
            for r in &a.role_mentions {
                (r.start, r.end).hash(&mut digest);
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - c;
    println!(
        "text + entities     {:>7.1} MB/s  ({entities} entities, {actors} actors, digest {:016x})",
        mb / secs,
        digest.finish()
    );
    println!("entities alone      {:>7.1} MB/s", mb / (secs - text_secs).max(1e-9));
    println!(
        "CPU time: text + entities {:.1} MB/s, entities alone {:.1} MB/s",
        mb / cpu.max(1e-9),
        mb / (cpu - text_cpu).max(1e-9)
    );
}
