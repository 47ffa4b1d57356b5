//! Getting articles into Marsad: readers for every common shape of news input, and the
//! batch runner behind `marsad process`.
//!
//! News arrives as loose text files, saved HTML pages, WARC crawls (CC-NEWS), JSON lines or
//! JSON arrays from scrapers, and archives of all of these. Every reader here turns its input
//! into a stream of [`Item`]s: a [`Record`] (raw bytes plus what is known about them), a
//! [`RecordError`] (one bad record, with where it came from and why) or a skipped record
//! (for example a WARC response that is an image). A bad record never stops a stream, and
//! a stream never holds a whole big input in memory: records are read one at a time with
//! size caps, so a 100 MB line or a lying length header costs bounded memory and time.
//!
//! Records stay raw until [`Record::into_document`] turns them into a
//! [`marsad_model::Document`] (HTML extraction, JSON field mapping, decoding). That step is
//! deliberately separate so the batch runner can do it on worker threads: reading is
//! sequential, extraction and analysis are parallel.
//!
//! Module map: [`source`] (format detection, files, directories, archives, stdin),
//! [`html`] (main-content and metadata extraction), [`warc`], [`json`] (field mappings,
//! JSON lines, streamed JSON arrays), [`encoding`] (charset detection), [`batch`] (the
//! parallel, order-preserving runner, feature `batch`, on by default), [`output`] (JSON
//! lines, CSV and GDELT writers).

#[cfg(feature = "batch")]
pub mod batch;
pub mod date;
pub mod encoding;
pub mod html;
pub mod json;
pub mod lines;
pub mod output;
pub mod record;
pub mod source;
pub mod warc;

#[cfg(feature = "batch")]
pub use batch::{BatchError, BatchOptions, Summary, run_batch};
pub use json::Mapping;
pub use output::OutputFormat;
pub use record::{Item, Payload, Record, RecordError};
pub use source::{Format, Input, ReadOptions, documents, items, read_inputs};
