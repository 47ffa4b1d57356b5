//! The batch runner behind `marsad process`: many inputs in, analyses out, on all cores,
//! in input order, in bounded memory.
//!
//! Three stages: a reader thread walks the inputs and groups items into chunks; the calling
//! thread converts and analyses each chunk on a rayon pool (`par_iter` keeps the order of
//! the chunk); a writer thread writes results and error reports in order. The channels
//! between the stages hold two chunks each, so memory is bounded by a few chunks whatever
//! the size of the input, and reading, analysing and writing overlap.
//!
//! A failing record never stops the batch and is never silent: it becomes one JSON line
//! `{"source":...,"reason":...}` in the error report. A panic in a layer is caught and
//! reported the same way. Writing stops cleanly when the output is closed (a broken pipe,
//! as when the consumer of a pipe stage exits early).

use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use marsad_model::Analysis;
use marsad_pipeline::{AnalyzeOptions, Analyzer};
use rayon::prelude::*;

use crate::output::{GdeltOptions, OutputFormat, Writer};
use crate::record::{DocOptions, Item, RecordError};
use crate::source::{Input, ReadOptions, read_inputs};

/// Options of a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Output format.
    pub format: OutputFormat,
    /// Records per chunk.
    pub chunk: usize,
    /// Record → document options (text size limit, headline).
    pub doc: DocOptions,
    /// Analysis options.
    pub analyze: AnalyzeOptions,
    /// GDELT writer options.
    pub gdelt: GdeltOptions,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            jobs: 0,
            format: OutputFormat::Jsonl,
            chunk: 64,
            doc: DocOptions::default(),
            analyze: AnalyzeOptions::default(),
            gdelt: GdeltOptions::default(),
            progress: false,
        }
    }
}

/// Counts of a finished batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Records read (ok + failed + skipped).
    pub read: u64,
    /// Records analysed and written.
    pub ok: u64,
    /// Records that failed (each reported).
    pub failed: u64,
    /// Records skipped as not articles (non-HTML WARC responses, binary files).
    pub skipped: u64,
    /// Rows written (analyses for JSONL, events for CSV and GDELT).
    pub rows: u64,
    /// Raw input bytes of the records.
    pub bytes: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// True when writing stopped because the output was closed.
    pub output_closed: bool,
    /// Skipped records by kind of reason (`not HTML`, `WARC record of type`, ...).
    pub skip_reasons: std::collections::BTreeMap<String, u64>,
}

/// The kind of a skip reason: its text before the first quoted detail.
fn reason_kind(reason: &str) -> String {
    reason.split(['`', '(']).next().unwrap_or(reason).trim().to_string()
}

impl Summary {
    /// Articles per second.
    pub fn articles_per_sec(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Megabytes (10^6 bytes) of input per second.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "records read {}, ok {}, failed {}, skipped {}; rows written {}; {:.1} MB in {:.2} s: {:.1} articles/s, {:.2} MB/s",
            self.read,
            self.ok,
            self.failed,
            self.skipped,
            self.rows,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.articles_per_sec(),
            self.mb_per_sec()
        )?;
        if !self.skip_reasons.is_empty() {
            let kinds: Vec<String> =
                self.skip_reasons.iter().map(|(k, n)| format!("{k}: {n}")).collect();
            write!(f, "; skipped: {}", kinds.join(", "))?;
        }
        if self.output_closed {
            write!(f, "; stopped early: the output was closed by its reader")?;
        }
        Ok(())
    }
}

/// Why a batch could not run at all (single records never cause this).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The worker pool could not be built.
    #[error("cannot start worker threads: {0}")]
    Pool(String),
    /// The error report could not be written.
    #[error("cannot write the error report: {0}")]
    Errors(io::Error),
    /// The output could not be written (other than being closed by its reader).
    #[error("cannot write the output: {0}")]
    Output(io::Error),
}

/// What became of one item.
enum Outcome {
    Ok(Box<Analysis>, u64),
    /// An analysis already rendered as one JSON line by the worker (JSONL output), so that
    /// serialisation runs in parallel rather than on the single writer thread.
    Line(Vec<u8>, u64),
    Failed(RecordError, u64),
    Skipped(String),
}

fn process(item: Item, analyzer: &Analyzer, options: &BatchOptions) -> Outcome {
    match item {
        Item::Error(e) => Outcome::Failed(e, 0),
        Item::Skipped { reason, .. } => Outcome::Skipped(reason_kind(&reason)),
        Item::Record(r) => {
            let bytes = r.raw_len() as u64;
            let source = r.source.clone();
            let result = catch_unwind(AssertUnwindSafe(|| {
                r.into_document(&options.doc).map(|doc| analyzer.analyze(&doc, &options.analyze))
            }));
            match result {
                Ok(Ok(a)) if options.format == OutputFormat::Jsonl => {
                    let mut line = Vec::with_capacity(a.text.len() * 3);
                    match serde_json::to_writer(&mut line, &a) {
                        Ok(()) => {
                            line.push(b'\n');
                            Outcome::Line(line, bytes)
                        }
                        Err(e) => Outcome::Failed(
                            RecordError::new(source, format!("cannot serialise the analysis: {e}")),
                            bytes,
                        ),
                    }
                }
                Ok(Ok(a)) => Outcome::Ok(Box::new(a), bytes),
                Ok(Err(e)) if e.is_empty_text() => Outcome::Skipped(e.reason),
                Ok(Err(e)) => Outcome::Failed(e, bytes),
                Err(panic) => {
                    let msg = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    Outcome::Failed(
                        RecordError::new(source, format!("internal error (panic): {msg}")),
                        bytes,
                    )
                }
            }
        }
    }
}

/// Runs a batch: reads `inputs`, analyses every record with `analyzer`, writes results to
/// `out` and one JSON line per failed record to `errors`.
pub fn run_batch(
    inputs: Vec<Input>,
    read: ReadOptions,
    options: &BatchOptions,
    analyzer: &Analyzer,
    out: Box<dyn Write + Send>,
    errors: Box<dyn Write + Send>,
) -> Result<Summary, BatchError> {
    let start = Instant::now();
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("marsad-worker-{i}"))
        .build()
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let chunk_size = options.chunk.max(1);
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let (out_tx, out_rx) = mpsc::sync_channel::<Vec<Outcome>>(2);
    let bar = progress_bar(options.progress);

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut chunk = Vec::with_capacity(chunk_size);
            read_inputs(&inputs, &read, &mut |item| {
                chunk.push(item);
                if chunk.len() >= chunk_size {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_size));
                    if chunk_tx.send(full).is_err() {
                        return std::ops::ControlFlow::Break(());
                    }
                }
                std::ops::ControlFlow::Continue(())
            });
            if !chunk.is_empty() {
                let _ = chunk_tx.send(chunk);
            }
        });
        let format = options.format;
        let gdelt = options.gdelt.clone();
        let bar_w = bar.clone();
        let writer = scope.spawn(move || -> Result<Summary, BatchError> {
            let mut summary = Summary::default();
            let mut w = Writer::new(io::BufWriter::with_capacity(1 << 16, out), format, &gdelt);
            let mut errors = io::BufWriter::new(errors);
            'outer: for outcomes in out_rx {
                for o in outcomes {
                    summary.read += 1;
                    match o {
                        Outcome::Ok(_, bytes) | Outcome::Line(_, bytes) => {
                            summary.bytes += bytes;
                            let written = match &o {
                                Outcome::Ok(a, _) => w.write(a),
                                Outcome::Line(line, _) => w.write_raw(line).map(|()| 1),
                                _ => Ok(0),
                            };
                            match written {
                                Ok(rows) => {
                                    summary.ok += 1;
                                    summary.rows += rows as u64;
                                }
                                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                                    // The reader of the output has gone (`| head`): stop the
                                    // whole batch; dropping the channel stops the other stages.
                                    summary.ok += 1;
                                    summary.output_closed = true;
                                    break 'outer;
                                }
                                Err(e) => return Err(BatchError::Output(e)),
                            }
                        }
                        Outcome::Failed(e, bytes) => {
                            summary.bytes += bytes;
                            summary.failed += 1;
                            serde_json::to_writer(&mut errors, &e)
                                .map_err(|e| BatchError::Errors(e.into()))?;
                            errors.write_all(b"\n").map_err(BatchError::Errors)?;
                        }
                        Outcome::Skipped(kind) => {
                            summary.skipped += 1;
                            *summary.skip_reasons.entry(kind).or_insert(0) += 1;
                        }
                    }
                }
                if let Some(bar) = &bar_w {
                    let secs = start.elapsed().as_secs_f64().max(1e-9);
                    bar.set_position(summary.read);
                    bar.set_message(format!(
                        "ok {} failed {} | {:.0} articles/s | {:.2} MB/s",
                        summary.ok,
                        summary.failed,
                        summary.ok as f64 / secs,
                        summary.bytes as f64 / 1e6 / secs
                    ));
                }
            }
            if summary.output_closed {
                errors.flush().map_err(BatchError::Errors)?;
                return Ok(summary);
            }
            match w.finish() {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => summary.output_closed = true,
                Err(e) => return Err(BatchError::Output(e)),
            }
            errors.flush().map_err(BatchError::Errors)?;
            Ok(summary)
        });
        for chunk in chunk_rx {
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk.into_par_iter().map(|item| process(item, analyzer, options)).collect()
            });
            if out_tx.send(outcomes).is_err() {
                // The writer stopped (an error it will report); stop reading too.
                break;
            }
        }
        drop(out_tx);
        let _ = reader.join();
        let result = writer.join().unwrap_or_else(|_| {
            Err(BatchError::Output(io::Error::other("writer thread panicked")))
        });
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        result.map(|mut s| {
            s.elapsed = start.elapsed();
            s
        })
    })
}

fn progress_bar(wanted: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !wanted || !io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {elapsed_precise} records {pos} | {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
