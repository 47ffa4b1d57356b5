//! `marsad lexicon`: checks the knowledge files.

use std::path::PathBuf;
use std::process::ExitCode;

use marsad_lexicon::DataSource;
use marsad_pipeline::Analyzer;

/// Subcommands of `marsad lexicon`.
#[derive(Debug, clap::Subcommand)]
pub enum LexiconCommand {
    /// Load and validate every knowledge file; report sizes or the first error (file:line).
    Check,
}

pub fn run(cmd: &LexiconCommand, dir: &Option<PathBuf>) -> anyhow::Result<ExitCode> {
    match cmd {
        LexiconCommand::Check => {
            let source = dir.clone().map_or(DataSource::Embedded, DataSource::Dir);
            let start = std::time::Instant::now();
            let analyzer = Analyzer::with_source(source)?;
            let lex = analyzer.lexicon();
            println!("knowledge loaded and compiled in {:.0?}", start.elapsed());
            println!("{lex:#?}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
