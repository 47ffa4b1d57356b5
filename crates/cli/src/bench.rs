//! `marsad bench`: throughput of the text layer and of the whole analysis on a real corpus.
//!
//! Benchmarks are measurements, not tests: this command reads a corpus (by default the
//! SaudiNewsNet archives next to the repository), runs each stage single-threaded over every
//! document several times, and reports the median throughput per core together with what was
//! processed (documents, bytes, facts), so a number can be checked against the work done. When
//! the corpus is absent it says so and exits successfully.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use marsad_ingest::{Input, Mapping, ReadOptions, documents, record::DocOptions};
use marsad_model::Document;
use marsad_pipeline::{AnalyzeOptions, Analyzer};

/// Arguments of `marsad bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Corpus: files, directories or archives readable by `marsad process`.
    #[arg(long, default_value = "../shared/corpus/saudinewsnet")]
    pub corpus: Vec<PathBuf>,
    /// Use at most this many documents.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Timed passes per stage (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Only the text layer (normalise, tokenize, split).
    #[arg(long)]
    pub text_only: bool,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// Times `f` over all documents `runs` times; returns (median seconds, last result).
fn time<T>(
    runs: usize,
    docs: &[Document],
    f: impl Fn(&Document) -> T,
    fold: impl Fn(&[T]) -> usize,
) -> (f64, usize) {
    let mut secs = Vec::new();
    let mut count = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out: Vec<T> = docs.iter().map(&f).collect();
        secs.push(t.elapsed().as_secs_f64());
        count = fold(&out);
    }
    (median(secs), count)
}

pub fn run(args: &BenchArgs, analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    let present: Vec<&PathBuf> = args.corpus.iter().filter(|p| p.exists()).collect();
    if present.is_empty() {
        println!(
            "bench: corpus not found ({}); skipping",
            args.corpus.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let options =
        ReadOptions { mapping: Arc::new(Mapping::saudinewsnet()), ..ReadOptions::default() };
    // The same record-to-document conversion as `marsad process` (headline on the first line).
    let doc_options = DocOptions::default();
    let inputs = present.iter().map(|p| Input::Path((*p).clone())).collect();
    let mut docs = Vec::new();
    let mut failed = 0;
    for d in documents(inputs, options, doc_options) {
        match d {
            Ok(d) => docs.push(d),
            Err(_) => failed += 1,
        }
        if args.limit.is_some_and(|l| docs.len() >= l) {
            break;
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} documents, {:.1} MB of text ({failed} records without article text or unreadable)",
        docs.len(),
        mb
    );
    println!("single thread, median of {} passes", args.runs.max(1));
    let report = |name: &str, secs: f64, what: String| {
        println!(
            "  {name:<28} {:>8.1} MB/s  {:>8.0} docs/s  {what}",
            mb / secs,
            docs.len() as f64 / secs
        );
    };
    let (s, n) =
        time(args.runs, &docs, |d| marsad_text::normalize(&d.text).text.len(), |v| v.iter().sum());
    report("normalise", s, format!("{n} bytes of matching form"));
    let (s, n) =
        time(args.runs, &docs, |d| marsad_text::tokenize(&d.text).len(), |v| v.iter().sum());
    report("tokenize", s, format!("{n} tokens"));
    let (s, n) =
        time(args.runs, &docs, |d| marsad_text::split_sentences(&d.text).len(), |v| v.iter().sum());
    report("split sentences", s, format!("{n} sentences"));
    let (s, n) = time(
        args.runs,
        &docs,
        |d| marsad_text::TextDoc::new(d.text.as_str()).tokens.len(),
        |v| v.iter().sum(),
    );
    report("text layer (TextDoc)", s, format!("{n} tokens"));
    if !args.text_only {
        let opts = AnalyzeOptions { date: None, tokens: false };
        let (s, _) = time(
            args.runs,
            &docs,
            |d| analyzer.analyze(d, &opts),
            |v| {
                let (e, q, t, ev): (usize, usize, usize, usize) =
                    v.iter().fold((0, 0, 0, 0), |acc, a| {
                        (
                            acc.0 + a.entities.len(),
                            acc.1 + a.quotes.len(),
                            acc.2 + a.timex.len(),
                            acc.3 + a.events.len(),
                        )
                    });
                println!("  (facts: {e} entities, {q} quotes, {t} timex, {ev} events)");
                v.len()
            },
        );
        report("whole analysis", s, String::new());
        // One more pass with a clock around each stage, to name the slow layers.
        let mut times = marsad_pipeline::StageTimes::default();
        for d in &docs {
            analyzer.analyze_timed(d, &opts, &mut times);
        }
        let total: f64 = times.stages().iter().map(|(_, d)| d.as_secs_f64()).sum();
        println!("  share of the whole analysis, by stage (one timed pass):");
        for (name, d) in times.stages() {
            let secs = d.as_secs_f64();
            println!(
                "    {name:<26} {:>5.1}%  {:>8.1} MB/s alone",
                100.0 * secs / total.max(f64::MIN_POSITIVE),
                mb / secs.max(f64::MIN_POSITIVE)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
