//! Inputs: files, directories, archives and standard input, with format detection.
//!
//! The format of an input is decided by its extension (`.txt`, `.html`, `.warc`,
//! `.jsonl`, `.json`, `.zip`, `.gz`, compound ones like `.warc.gz` or `.jsonl.gz`) and,
//! when the extension says nothing, by sniffing its first bytes (gzip and zip magic
//! numbers, `WARC/`, `<html`, `[`, `{`). Directories are walked recursively in sorted
//! order (so output order is reproducible), archives are opened in place and their
//! members read as streams; nested archives are followed to a bounded depth.
//!
//! Readers push [`Item`]s into a sink (a closure returning `ControlFlow::Break` to stop
//! early), which keeps borrowed archive members simple. [`items`] and [`documents`] turn
//! that into an ordinary iterator by running the reader on its own thread behind a bounded
//! channel.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use marsad_model::Document;

use crate::json::{self, Mapping};
use crate::record::{DocOptions, Item, Payload, Record, RecordError};
use crate::warc;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or directory.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(s: &str) -> Input {
        if s == "-" { Input::Stdin } else { Input::Path(PathBuf::from(s)) }
    }
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One plain-text document.
    Text,
    /// One HTML page.
    Html,
    /// A WARC file.
    Warc,
    /// JSON lines.
    Jsonl,
    /// A JSON array of records (or one record).
    Json,
    /// A zip archive.
    Zip,
    /// A gzip-compressed file of another format.
    Gzip,
}

impl Format {
    /// Parses a format name (`text`, `html`, `warc`, `jsonl`, `json`, `zip`, `gz`).
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "warc" => Format::Warc,
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "zip" => Format::Zip,
            "gz" | "gzip" => Format::Gzip,
            _ => return None,
        })
    }
}

/// Options of the readers.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Field mapping of JSON records.
    pub mapping: Arc<Mapping>,
    /// Largest raw record (file, line, WARC block, archive member buffered in memory).
    pub max_record_bytes: usize,
    /// Force a format for every input instead of detecting it.
    pub format: Option<Format>,
    /// How deep archives inside archives are followed.
    pub max_archive_depth: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            mapping: Arc::new(Mapping::default()),
            max_record_bytes: 64 * 1024 * 1024,
            format: None,
            max_archive_depth: 4,
        }
    }
}

/// Format by file name, `None` when the name says nothing.
pub fn format_by_name(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "warc" | "arc" => Format::Warc,
        "jsonl" | "ndjson" | "jsonlines" => Format::Jsonl,
        "json" => Format::Json,
        "zip" => Format::Zip,
        "gz" | "gzip" => Format::Gzip,
        _ => return None,
    })
}

/// Format by content; `None` for binary data of no known kind.
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Some(Format::Gzip);
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(Format::Zip);
    }
    if head.starts_with(b"WARC/") {
        return Some(Format::Warc);
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(head).trim_ascii_start();
    match body.first() {
        Some(b'[') => return Some(Format::Json),
        Some(b'{') => {
            // One object per line, or one pretty-printed object?
            let first_line = body.split(|b| *b == b'\n').next().unwrap_or(body).trim_ascii_end();
            return Some(if first_line.ends_with(b"}") { Format::Jsonl } else { Format::Json });
        }
        Some(b'<') => {
            let lower: Vec<u8> = body.iter().take(2048).map(|b| b.to_ascii_lowercase()).collect();
            if ["<!doctype html", "<html", "<head", "<body", "<div", "<p", "<meta", "<article"]
                .iter()
                .any(|t| memchr::memmem::find(&lower, t.as_bytes()).is_some())
            {
                return Some(Format::Html);
            }
        }
        _ => {}
    }
    // Text unless it has NUL bytes or is mostly control bytes.
    let control = head.iter().filter(|b| **b < 0x09 || (**b > 0x0d && **b < 0x20)).count();
    if head.contains(&0) || control * 10 > head.len() {
        return None;
    }
    Some(Format::Text)
}

/// Reads every input in order, sending one item per record to `sink`.
pub fn read_inputs(
    inputs: &[Input],
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) {
    for input in inputs {
        let flow = match input {
            Input::Stdin => {
                let stdin = io::stdin();
                let mut lock = BufReader::with_capacity(1 << 16, stdin.lock());
                read_stream(&mut lock, "-", "-", options.format, 0, options, sink)
            }
            Input::Path(p) => read_path(p, options, sink),
        };
        if flow.is_break() {
            return;
        }
    }
}

fn read_path(
    path: &Path,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return sink(Item::Error(RecordError::new(
                path.display().to_string(),
                format!("cannot open: {e}"),
            )));
        }
    };
    if !meta.is_dir() {
        return read_file(path, options, sink);
    }
    // Iterative, sorted walk; symbolic links to directories are not followed (no cycles).
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                sink(Item::Error(RecordError::new(
                    dir.display().to_string(),
                    format!("cannot read directory: {e}"),
                )))?;
                continue;
            }
        };
        let mut names: Vec<(PathBuf, bool)> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
                (e.path(), is_dir)
            })
            .collect();
        names.sort();
        let mut subdirs = Vec::new();
        for (p, is_dir) in names {
            if is_dir {
                subdirs.push(p);
            } else {
                read_file(&p, options, sink)?;
            }
        }
        // Subdirectories after the files of their parent, in sorted order.
        stack.extend(subdirs.into_iter().rev());
    }
    ControlFlow::Continue(())
}

fn read_file(
    path: &Path,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let name = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(Item::Error(RecordError::new(name, format!("cannot open: {e}")))),
    };
    let format = options.format.or_else(|| format_by_name(&name));
    if format == Some(Format::Zip) {
        return read_zip(file, &name, 0, options, sink);
    }
    let mut r = BufReader::with_capacity(1 << 16, file);
    read_stream(&mut r, &name, &name, format, 0, options, sink)
}

/// Reads one stream of a known or sniffed format. `name` decides the format by extension
/// when `format` is `None`; `source` labels records.
fn read_stream(
    r: &mut dyn BufRead,
    name: &str,
    source: &str,
    format: Option<Format>,
    depth: usize,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let format = match format.or_else(|| format_by_name(name)) {
        Some(f) => f,
        None => {
            let head = match r.fill_buf() {
                Ok(h) => h,
                Err(e) => {
                    return sink(Item::Error(RecordError::new(source, format!("read error: {e}"))));
                }
            };
            if head.is_empty() {
                return sink(Item::Skipped {
                    source: source.to_string(),
                    reason: "empty input".into(),
                });
            }
            match sniff(head) {
                Some(f) => f,
                None => {
                    return sink(Item::Skipped {
                        source: source.to_string(),
                        reason: "binary data of unknown format".into(),
                    });
                }
            }
        }
    };
    let cap = options.max_record_bytes;
    match format {
        Format::Text | Format::Html => {
            let mut bytes = Vec::new();
            match r.take(cap as u64 + 1).read_to_end(&mut bytes) {
                Ok(_) => {}
                Err(e) => {
                    return sink(Item::Error(RecordError::new(source, format!("read error: {e}"))));
                }
            }
            if bytes.len() > cap {
                // Drain the rest so a stream stays usable; report the record.
                let _ = io::copy(r, &mut io::sink());
                return sink(Item::Error(RecordError::new(
                    source,
                    format!("input exceeds the limit of {cap} bytes"),
                )));
            }
            let payload = if format == Format::Text {
                Payload::Text(bytes)
            } else {
                Payload::Html { bytes, charset: None, url: None, date: None }
            };
            sink(Item::Record(Record { source: source.to_string(), payload }))
        }
        Format::Jsonl => json::read_jsonl(r, source, &options.mapping, cap, sink),
        Format::Json => json::read_json(r, source, &options.mapping, cap, sink),
        Format::Warc => warc::read_warc(r, source, cap, sink),
        Format::Gzip => {
            if depth >= options.max_archive_depth {
                return sink(Item::Error(RecordError::new(source, "archives nested too deeply")));
            }
            let inner = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".GZ")).unwrap_or("");
            let inner_format = if inner.is_empty() { None } else { format_by_name(inner) };
            let mut gz = BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(r));
            // A gzip wrapper is transparent: its content is labelled by the same source.
            if inner_format == Some(Format::Zip) {
                return buffered_zip(&mut gz, source, depth + 1, options, sink);
            }
            read_stream(&mut gz, inner, source, inner_format, depth + 1, options, sink)
        }
        Format::Zip => {
            if depth >= options.max_archive_depth {
                return sink(Item::Error(RecordError::new(source, "archives nested too deeply")));
            }
            buffered_zip(r, source, depth, options, sink)
        }
    }
}

/// A zip archive from a stream that cannot seek: buffered in memory up to the cap.
fn buffered_zip(
    r: &mut dyn BufRead,
    source: &str,
    depth: usize,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let cap = options.max_record_bytes;
    let mut bytes = Vec::new();
    if let Err(e) = r.take(cap as u64 + 1).read_to_end(&mut bytes) {
        return sink(Item::Error(RecordError::new(source, format!("read error: {e}"))));
    }
    if bytes.len() > cap {
        return sink(Item::Error(RecordError::new(
            source,
            format!("zip archive read from a stream exceeds the limit of {cap} bytes"),
        )));
    }
    read_zip(Cursor::new(bytes), source, depth, options, sink)
}

fn read_zip<R: Read + io::Seek>(
    reader: R,
    source: &str,
    depth: usize,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(a) => a,
        Err(e) => {
            return sink(Item::Error(RecordError::new(
                source,
                format!("not a readable zip archive: {e}"),
            )));
        }
    };
    // Members in name order, for reproducible output whatever the archive's layout.
    let mut members: Vec<(String, usize)> = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i).map(|n| (n.to_string(), i)))
        .collect();
    members.sort();
    for (name, index) in members {
        if name.ends_with('/')
            || name.starts_with("__MACOSX/")
            || name.rsplit('/').next().is_some_and(|b| b.starts_with('.'))
        {
            continue;
        }
        let member_source = format!("{source}!{name}");
        let file = match archive.by_index(index) {
            Ok(f) => f,
            Err(e) => {
                sink(Item::Error(RecordError::new(
                    member_source,
                    format!("cannot read zip member: {e}"),
                )))?;
                continue;
            }
        };
        let mut r = BufReader::with_capacity(1 << 16, file);
        let format = options.format.filter(|f| *f != Format::Zip).or_else(|| format_by_name(&name));
        if format == Some(Format::Zip) {
            buffered_zip(&mut r, &member_source, depth + 1, options, sink)?;
        } else {
            read_stream(&mut r, &name, &member_source, format, depth + 1, options, sink)?;
        }
    }
    ControlFlow::Continue(())
}

/// Items of `inputs`, read on a background thread, at most `bound` items ahead.
pub fn items(inputs: Vec<Input>, options: ReadOptions, bound: usize) -> impl Iterator<Item = Item> {
    let (tx, rx) = mpsc::sync_channel(bound.max(1));
    std::thread::spawn(move || {
        read_inputs(&inputs, &options, &mut |item| {
            if tx.send(item).is_err() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
    });
    rx.into_iter()
}

/// Documents of `inputs`, in input order: each record converted with `doc_options`;
/// skipped records are left out.
pub fn documents(
    inputs: Vec<Input>,
    options: ReadOptions,
    doc_options: DocOptions,
) -> impl Iterator<Item = Result<Document, RecordError>> {
    items(inputs, options, 64).filter_map(move |item| match item {
        Item::Record(r) => Some(r.into_document(&doc_options)),
        Item::Error(e) => Some(Err(e)),
        Item::Skipped { .. } => None,
    })
}

/// Reads items from an in-memory input of a given name (tests, fuzzing, embedding).
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) {
    let format = options.format.or_else(|| format_by_name(name));
    if format == Some(Format::Zip) {
        let _ = read_zip(Cursor::new(bytes), name, 0, options, sink);
        return;
    }
    let mut r = BufReader::new(bytes);
    let _ = read_stream(&mut r, name, name, format, 0, options, sink);
}
