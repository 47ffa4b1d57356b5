//! `marsad explain`: how every actor and event of an article was coded.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;
use marsad_events::EventInput;
use marsad_model::Document;
use marsad_pipeline::{AnalyzeOptions, Analyzer};

/// Arguments of `marsad explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The article (plain UTF-8 text); `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Publication date (reference for relative dates), YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<Date>,
}

pub fn run(args: &ExplainArgs, analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    let (text, _) = crate::input::read_text(args.file.as_deref(), true)?;
    let doc = Document::from_text(text);
    let options = AnalyzeOptions { tokens: false, date: args.date };
    let (analysis, layers) = analyzer.analyze_layers(&doc, &options);
    let mut out = std::io::stdout().lock();
    writeln!(out, "Actors")?;
    for a in &analysis.actors {
        writeln!(out, "  {} {} ← {}", a.code, a.name, a.rule)?;
        for &m in &a.mentions {
            if let Some(e) = analysis.entities.get(m) {
                writeln!(out, "      mention «{}» @{}-{} ← {}", e.text, e.start, e.end, e.rule)?;
            }
        }
    }
    let (_, lines) = analyzer.event_coder().explain(EventInput {
        doc: &layers.doc,
        entities: &layers.entities,
        timex: &analysis.timex,
        quotes: &analysis.quotes,
        reference: layers.reference.as_ref().map(|r| r.date.as_str()),
    });
    writeln!(out, "\nEvents")?;
    for e in &analysis.events {
        let side = |x: &Option<marsad_model::EventActor>| {
            x.as_ref().map_or("—".to_string(), |x| format!("{} ({})", x.code, x.rule))
        };
        writeln!(
            out,
            "  {} / CAMEO {} (Goldstein {:+.1}, quad {}) «{}» pattern {}",
            e.plover, e.cameo, e.goldstein, e.quad_class, e.evidence.trigger.text, e.pattern
        )?;
        writeln!(out, "      source {}", side(&e.source))?;
        writeln!(out, "      target {}", side(&e.target))?;
        if let Some(d) = &e.date {
            writeln!(out, "      date {d}")?;
        }
    }
    if !lines.is_empty() {
        writeln!(out, "\nTrace")?;
        for l in lines {
            writeln!(out, "  {l}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
