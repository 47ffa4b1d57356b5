//! The batch runner behind `marsad process`: many inputs in, analyses out, on all cores,
//! in input order, in bounded memory.
//!
//! Three stages: a reader thread walks the inputs and groups items into numbered chunks;
//! `jobs` worker threads each take the next chunk as soon as they are free, convert and
//! analyse its items and render them as output lines; a writer thread puts the finished
//! chunks back in input order and writes them. No worker waits for another to finish a
//! chunk (a long article only delays the writing of its own chunk), so the cores stay busy
//! with analysis. Memory is bounded: the reader is at most two chunks ahead of the workers,
//! and a worker does not start a chunk more than `jobs + 2` chunks ahead of the writer.
//!
//! A failing record never stops the batch and is never silent: it becomes one JSON line
//! `{"source":...,"reason":...}` in the error report. A panic in a layer is caught and
//! reported the same way. Writing stops cleanly when the output is closed (a broken pipe,
//! as when the consumer of a pipe stage exits early).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use marsad_model::Analysis;
use marsad_pipeline::{AnalyzeOptions, Analyzer};

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

/// How far the writer has got, shared with the workers so that none runs too far ahead.
struct Progress {
    /// Number of the next chunk the writer needs.
    next: Mutex<u64>,
    /// Signalled when `next` advances or the batch stops.
    advanced: Condvar,
    /// Set when the writer stops early (output closed or failed).
    stopped: AtomicBool,
}

impl Progress {
    /// Waits until chunk `seq` is within `window` chunks of the writer; false when the
    /// batch has stopped.
    fn wait_for_turn(&self, seq: u64, window: u64) -> bool {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        while seq >= *next + window && !self.stopped.load(Ordering::Acquire) {
            next = self.advanced.wait(next).unwrap_or_else(|e| e.into_inner());
        }
        !self.stopped.load(Ordering::Acquire)
    }

    fn advance_to(&self, next: u64) {
        *self.next.lock().unwrap_or_else(|e| e.into_inner()) = next;
        self.advanced.notify_all();
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        // Taking the lock orders the flag with a worker that is about to wait.
        drop(self.next.lock().unwrap_or_else(|e| e.into_inner()));
        self.advanced.notify_all();
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
    let chunk_size = options.chunk.max(1);
    // A worker may start a chunk this many chunks ahead of the writer: room for every
    // worker plus two, so that one long article does not idle the others at once.
    let window = jobs as u64 + 2;
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<(u64, Vec<Item>)>(2);
    // The workers share the receiving end; a worker that sees the batch stopped drops it,
    // which stops the reader.
    let chunk_rx = Mutex::new(Some(chunk_rx));
    let (out_tx, out_rx) = mpsc::sync_channel::<(u64, Vec<Outcome>)>(jobs);
    let progress =
        Progress { next: Mutex::new(0), advanced: Condvar::new(), stopped: AtomicBool::new(false) };
    let bar = progress_bar(options.progress);

    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("marsad-reader".into())
            .spawn_scoped(scope, move || {
                let mut seq = 0u64;
                let mut chunk = Vec::with_capacity(chunk_size);
                read_inputs(&inputs, &read, &mut |item| {
                    chunk.push(item);
                    if chunk.len() >= chunk_size {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_size));
                        if chunk_tx.send((seq, full)).is_err() {
                            return std::ops::ControlFlow::Break(());
                        }
                        seq += 1;
                    }
                    std::ops::ControlFlow::Continue(())
                });
                if !chunk.is_empty() {
                    let _ = chunk_tx.send((seq, chunk));
                }
            })
            .map_err(|e| BatchError::Pool(e.to_string()))?;
        let mut workers = Vec::with_capacity(jobs);
        for k in 0..jobs {
            let out_tx = out_tx.clone();
            let (chunk_rx, progress) = (&chunk_rx, &progress);
            let worker = std::thread::Builder::new()
                .name(format!("marsad-worker-{k}"))
                .spawn_scoped(scope, move || {
                    loop {
                        let next = {
                            let guard = chunk_rx.lock().unwrap_or_else(|e| e.into_inner());
                            guard.as_ref().and_then(|rx| rx.recv().ok())
                        };
                        let Some((seq, chunk)) = next else { break };
                        if !progress.wait_for_turn(seq, window) {
                            break;
                        }
                        let outcomes: Vec<Outcome> = chunk
                            .into_iter()
                            .map(|item| process(item, analyzer, options))
                            .collect();
                        if out_tx.send((seq, outcomes)).is_err() {
                            break;
                        }
                    }
                    if progress.stopped.load(Ordering::Acquire) {
                        // Dropping the receiver makes the reader's next send fail.
                        chunk_rx.lock().unwrap_or_else(|e| e.into_inner()).take();
                    }
                });
            match worker {
                Ok(w) => workers.push(w),
                Err(e) => {
                    progress.stop();
                    chunk_rx.lock().unwrap_or_else(|e| e.into_inner()).take();
                    return Err(BatchError::Pool(e.to_string()));
                }
            }
        }
        drop(out_tx);
        let result = write_outcomes(out_rx, out, errors, options, &progress, bar.as_ref(), start);
        if result.is_err() || result.as_ref().is_ok_and(|s| s.output_closed) {
            progress.stop();
        }
        // Stop the reader if the workers are gone before it finished (an early stop).
        chunk_rx.lock().unwrap_or_else(|e| e.into_inner()).take();
        for w in workers {
            let _ = w.join();
        }
        let _ = reader.join();
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        result.map(|mut s| {
            s.elapsed = start.elapsed();
            s
        })
    })
}

/// The writer: puts finished chunks back in input order and writes them.
fn write_outcomes(
    out_rx: mpsc::Receiver<(u64, Vec<Outcome>)>,
    out: Box<dyn Write + Send>,
    errors: Box<dyn Write + Send>,
    options: &BatchOptions,
    progress: &Progress,
    bar: Option<&indicatif::ProgressBar>,
    start: Instant,
) -> Result<Summary, BatchError> {
    let mut summary = Summary::default();
    let mut w =
        Writer::new(io::BufWriter::with_capacity(1 << 16, out), options.format, &options.gdelt);
    let mut errors = io::BufWriter::new(errors);
    let mut pending: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
    let mut next = 0u64;
    'outer: for (seq, outcomes) in out_rx {
        pending.insert(seq, outcomes);
        while let Some(outcomes) = pending.remove(&next) {
            next += 1;
            progress.advance_to(next);
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
                                // whole batch.
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
            if let Some(bar) = bar {
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
