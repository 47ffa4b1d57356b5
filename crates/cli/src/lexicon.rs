//! `marsad lexicon`: checks the knowledge files.

use std::path::PathBuf;
use std::process::ExitCode;

use marsad_lexicon::DataSource;
use marsad_pipeline::Analyzer;

/// Subcommands of `marsad lexicon`.
#[derive(Debug, clap::Subcommand)]
pub enum LexiconCommand {
    /// Load, validate and compile every knowledge file; report what was loaded or the first
    /// error (file:line: reason, exit code 2).
    Check,
}

/// Knowledge directories, in the order the layers use them.
const DIRS: [&str; 6] = ["geo", "orgs", "names", "speech", "time", "events"];

pub fn run(cmd: &LexiconCommand, dir: &Option<PathBuf>) -> anyhow::Result<ExitCode> {
    match cmd {
        LexiconCommand::Check => {
            let source = dir.clone().map_or(DataSource::Embedded, DataSource::Dir);
            let start = std::time::Instant::now();
            // Building an analyzer loads and validates every file of every layer.
            let analyzer = Analyzer::with_source(source.clone())?;
            let elapsed = start.elapsed();
            let report = marsad_events::check(analyzer.lexicon())?;
            let origin = match &source {
                DataSource::Embedded => "embedded".to_string(),
                DataSource::Dir(d) => d.display().to_string(),
            };
            println!("knowledge ({origin}) loaded, validated and compiled in {elapsed:.0?}");
            for d in DIRS {
                for file in source.list(d) {
                    let text = source.read(&file)?;
                    let entries = text
                        .lines()
                        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                        .count();
                    println!("  {file:<28} {entries:>6} entries");
                }
            }
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
