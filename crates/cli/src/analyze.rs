//! `marsad analyze`: one article in, one analysis out.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use jiff::civil::Date;
use marsad_model::{Diagnostic, Document};
use marsad_pipeline::{AnalyzeOptions, Analyzer};

/// Output formats of `analyze`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The analysis/1 JSON object.
    Json,
    /// A readable rendering (colour on a terminal).
    Pretty,
}

/// Arguments of `marsad analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The article (plain UTF-8 text); `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Publication date (reference for relative dates), YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Include tokens in the JSON output.
    #[arg(long)]
    pub tokens: bool,
    /// Replace invalid UTF-8 with U+FFFD (reported as a diagnostic) instead of failing.
    #[arg(long)]
    pub lossy: bool,
}

pub fn run(args: &AnalyzeArgs, analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    let (text, lossy) = crate::input::read_text(args.file.as_deref(), args.lossy)?;
    let mut doc = Document::from_text(text);
    doc.id = args.file.as_ref().map(|p| p.display().to_string());
    let options = AnalyzeOptions { tokens: args.tokens, date: args.date };
    let mut analysis = analyzer.analyze(&doc, &options);
    if let Some((offset, n)) = lossy {
        analysis.diagnostics.push(Diagnostic::warning(
            "M0001",
            format!(
                "invalid UTF-8 from byte offset {offset}: {n} replacement character(s) inserted"
            ),
        ));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &analysis).context("cannot write output")?;
            writeln!(out)?;
        }
        Format::Pretty => {
            let colour = std::io::stdout().is_terminal();
            out.write_all(crate::pretty::render(&analysis, colour).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
