//! `marsad process`: analyse many articles in one run.
//!
//! A thin layer over `marsad_ingest::run_batch`: it parses flags, opens the output and
//! error files, prints the summary on stderr and turns failed records into a non-zero
//! exit code (1), so scripts notice them. `-` as input reads standard input and as output
//! writes standard output, which makes the command a clean pipe stage (Spark `RDD.pipe`).

use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use marsad_ingest::Mapping;
use marsad_ingest::batch::{BatchOptions, run_batch};
use marsad_ingest::output::{GdeltOptions, OutputFormat};
use marsad_ingest::record::DocOptions;
use marsad_ingest::source::{Format, Input, ReadOptions};
use marsad_pipeline::{AnalyzeOptions, Analyzer};

/// Arguments of `marsad process`.
#[derive(Debug, clap::Args)]
pub struct ProcessArgs {
    /// Inputs: files, directories (recursive), .zip/.gz archives, or `-` for stdin.
    /// Formats: .txt, .html, .warc(.gz), .jsonl, .json; others are sniffed.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output file (`-` = stdout).
    #[arg(short, long, default_value = "-", value_name = "FILE")]
    output: String,
    /// Output format: jsonl (one analysis per line), csv (one event per row), gdelt (GDELT
    /// 2.0 event table, 61 tab-separated columns).
    #[arg(short, long, default_value = "jsonl", value_parser = ["jsonl", "csv", "gdelt"])]
    format: String,
    /// Worker threads (default: all cores).
    #[arg(short, long, default_value_t = 0)]
    jobs: usize,
    /// Write one JSON line per failed record here instead of stderr.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// JSON field mapping: `default`, `saudinewsnet`, or `field=key|key,...` overrides
    /// (fields: id, text, html, title, author, url, published, outlet, language).
    #[arg(long, default_value = "default")]
    mapping: String,
    /// Force the input format (text, html, warc, jsonl, json, zip, gz) instead of detecting it.
    #[arg(long, value_name = "FORMAT")]
    input_format: Option<String>,
    /// Largest document text, in bytes; longer documents are reported as failed.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    max_text_bytes: usize,
    /// Largest raw record (file, line, WARC record), in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_record_bytes: usize,
    /// Do not put the headline on the first line of the analysed text.
    #[arg(long)]
    no_headline: bool,
    /// Reference date (YYYY-MM-DD) for documents without a publication date.
    #[arg(long)]
    date: Option<String>,
    /// Records per work chunk.
    #[arg(long, default_value_t = 64)]
    chunk: usize,
    /// GDELT: GLOBALEVENTID of the first event.
    #[arg(long, default_value_t = 1)]
    first_event_id: u64,
    /// GDELT: DATEADDED value (YYYYMMDDHHMMSS); default: now (UTC).
    #[arg(long)]
    date_added: Option<String>,
    /// Do not show the progress bar (it is only shown on a terminal anyway).
    #[arg(long)]
    quiet: bool,
}

/// Runs a batch.
pub fn run(args: &ProcessArgs, analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    let mapping = Mapping::parse(&args.mapping)?;
    let format = match args.format.as_str() {
        "csv" => OutputFormat::Csv,
        "gdelt" => OutputFormat::Gdelt,
        _ => OutputFormat::Jsonl,
    };
    let input_format = match &args.input_format {
        Some(f) => Some(Format::parse(f).with_context(|| format!("unknown input format `{f}`"))?),
        None => None,
    };
    let date = match &args.date {
        Some(d) => Some(d.parse().with_context(|| format!("--date `{d}` is not YYYY-MM-DD"))?),
        None => None,
    };
    if let Some(d) = &args.date_added {
        anyhow::ensure!(
            d.len() == 14 && d.bytes().all(|b| b.is_ascii_digit()),
            "--date-added `{d}` is not YYYYMMDDHHMMSS"
        );
    }
    let read = ReadOptions {
        mapping: Arc::new(mapping),
        max_record_bytes: args.max_record_bytes,
        format: input_format,
        ..ReadOptions::default()
    };
    let options = BatchOptions {
        jobs: args.jobs,
        format,
        chunk: args.chunk,
        doc: DocOptions {
            max_text_bytes: args.max_text_bytes,
            headline: !args.no_headline,
            ..DocOptions::default()
        },
        analyze: AnalyzeOptions { date, ..AnalyzeOptions::default() },
        gdelt: GdeltOptions { first_id: args.first_event_id, date_added: args.date_added.clone() },
        progress: !args.quiet,
    };
    let out: Box<dyn Write + Send> = if args.output == "-" {
        Box::new(io::stdout())
    } else {
        Box::new(
            File::create(&args.output)
                .with_context(|| format!("cannot create `{}`", args.output))?,
        )
    };
    let errors: Box<dyn Write + Send> = match &args.errors {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create `{}`", p.display()))?)
        }
        None => Box::new(io::stderr()),
    };
    let inputs = args.inputs.iter().map(|s| Input::parse(s)).collect();
    let summary = run_batch(inputs, read, &options, analyzer, out, errors)?;
    eprintln!("marsad process: {summary}");
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cmd {
        #[command(flatten)]
        args: ProcessArgs,
    }

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("marsad-process-{}-{name}", std::process::id()))
    }

    #[test]
    fn failed_records_are_reported_and_give_exit_code_1() -> anyhow::Result<()> {
        let input = temp("in.jsonl");
        let output = temp("out.tsv");
        let errors = temp("errors.jsonl");
        std::fs::write(
            &input,
            "{\"text\":\"زار وزير الخارجية الأردني العاصمة المصرية القاهرة أمس.\",\"published\":\"2024-01-10\"}\n{oops\n",
        )?;
        let cmd = Cmd::try_parse_from([
            "process",
            input.to_str().unwrap_or_default(),
            "-o",
            output.to_str().unwrap_or_default(),
            "-f",
            "gdelt",
            "--errors",
            errors.to_str().unwrap_or_default(),
            "--date-added",
            "20240110000000",
        ])?;
        let code = run(&cmd.args, &Analyzer::new()?)?;
        assert_eq!(code, ExitCode::from(1));
        let reports = std::fs::read_to_string(&errors)?;
        assert_eq!(reports.lines().count(), 1);
        assert!(reports.contains("in.jsonl:2"));
        for row in std::fs::read_to_string(&output)?.lines() {
            assert_eq!(row.split('\t').count(), 61);
        }
        for p in [input, output, errors] {
            let _ = std::fs::remove_file(p);
        }
        Ok(())
    }
}
