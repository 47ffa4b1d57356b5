//! `marsad`: the command-line face of Marsad.
//!
//! Only this crate knows about command-line parsing and exit codes; every subcommand is a
//! thin layer over the library crates. Errors are reported in one place ([`main`]) as one
//! line on stderr with a non-zero exit code.

mod analyze;
#[cfg(feature = "ingest")]
mod bench;
mod eval;
mod explain;
mod input;
mod lexicon;
mod pretty;
#[cfg(feature = "ingest")]
mod process;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use marsad_lexicon::DataSource;
use marsad_pipeline::Analyzer;

/// Marsad: Arabic news in, evidence-linked facts out.
#[derive(Debug, Parser)]
#[command(name = "marsad", version, about, long_about = None)]
struct Cli {
    /// Read knowledge files from this directory (laid out like `data/`) instead of the
    /// embedded ones.
    #[arg(long, global = true, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse one article and print its analysis.
    Analyze(analyze::AnalyzeArgs),
    /// Score the analysis of every document of a gold/1 file.
    Eval(eval::EvalArgs),
    /// Show how every event and actor of an article was coded.
    Explain(explain::ExplainArgs),
    /// Read many articles (text, HTML, WARC, JSON lines, archives) and write analyses.
    #[cfg(feature = "ingest")]
    Process(process::ProcessArgs),
    /// Check the knowledge files.
    #[command(subcommand)]
    Lexicon(lexicon::LexiconCommand),
    /// Measure throughput on a corpus.
    #[cfg(feature = "ingest")]
    Bench(bench::BenchArgs),
}

fn analyzer(lexicon: &Option<PathBuf>) -> anyhow::Result<Analyzer> {
    let source = match lexicon {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::Embedded,
    };
    Ok(Analyzer::with_source(source)?)
}

/// The process-wide allocator (see `Cargo.toml`): libraries stay allocator-agnostic.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Analyze(a) => analyzer(&cli.lexicon).and_then(|an| analyze::run(a, &an)),
        Command::Eval(a) => analyzer(&cli.lexicon).and_then(|an| eval::run(a, &an)),
        Command::Explain(a) => analyzer(&cli.lexicon).and_then(|an| explain::run(a, &an)),
        #[cfg(feature = "ingest")]
        Command::Process(a) => analyzer(&cli.lexicon).and_then(|an| process::run(a, &an)),
        Command::Lexicon(c) => lexicon::run(c, &cli.lexicon),
        #[cfg(feature = "ingest")]
        Command::Bench(a) => analyzer(&cli.lexicon).and_then(|an| bench::run(a, &an)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("marsad: {}", chain.join(": "));
            ExitCode::from(2)
        }
    }
}
