//! `marsad eval`: analyse every document of a gold/1 file and score it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use marsad_eval::{GoldFile, Report, score_document};
use marsad_model::Document;
use marsad_pipeline::{AnalyzeOptions, Analyzer};

/// Arguments of `marsad eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The gold/1 annotation file.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print one JSON object `{layer: {p, r, f1, pred, gold}}` instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Also list, per document, what was missed and what was spurious.
    #[arg(long)]
    pub details: bool,
    /// With --details, only these layers (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub layer: Vec<String>,
}

/// Analyses and scores every document of `gold`.
pub fn evaluate(gold: &GoldFile, analyzer: &Analyzer) -> Report {
    let mut report = Report::default();
    for g in &gold.documents {
        let mut doc = Document::from_text(g.text());
        doc.id = Some(g.id.clone());
        doc.meta.published = g.published.clone();
        let analysis = analyzer.analyze(&doc, &AnalyzeOptions::default());
        report.push(score_document(g, &analysis));
    }
    report
}

pub fn run(args: &EvalArgs, analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    let gold = GoldFile::load(&args.gold)?;
    let report = evaluate(&gold, analyzer);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} document(s) from {}", gold.documents.len(), args.gold.display())?;
    writeln!(
        out,
        "{:<18} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "layer", "P", "R", "F1", "tp", "pred", "gold"
    )?;
    for (layer, s) in &report.totals {
        writeln!(
            out,
            "{:<18} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
            layer, s.p, s.r, s.f1, s.tp, s.pred, s.gold
        )?;
    }
    if args.details {
        for d in &report.documents {
            writeln!(out, "\n== {}", d.id)?;
            for m in &d.mismatches {
                if args.layer.is_empty() || args.layer.iter().any(|l| l == m.layer) {
                    writeln!(out, "  {:<16} {:<8} {}", m.layer, m.kind, m.what)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
