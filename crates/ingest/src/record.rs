//! The unit that flows from readers to workers: a raw [`Record`], or why one failed.
//!
//! A record keeps its payload undecoded so that the expensive part (charset detection,
//! HTML extraction, JSON parsing) runs on the worker threads of a batch, not on the single
//! reading thread.

use std::sync::Arc;

use marsad_model::{DocMeta, Document};

use crate::json::Mapping;
use crate::{encoding, html, json};

/// Reason of the error for records without any text (counted as skipped by batches).
pub const EMPTY_TEXT: &str = "no article text found";

/// One record that could not be read or turned into a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordError {
    /// Where the record came from (`file`, `archive.zip!member#12`, `crawl.warc.gz#rec3`).
    pub source: String,
    /// Why it failed.
    pub reason: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

// `source` is the record's origin, not an underlying error, so the trait is implemented
// by hand rather than derived.
impl std::error::Error for RecordError {}

impl RecordError {
    /// True when the record simply had no text (an empty page or body), which batches count
    /// as skipped rather than failed.
    pub fn is_empty_text(&self) -> bool {
        self.reason == EMPTY_TEXT
    }

    /// An error for `source`.
    pub fn new(source: impl Into<String>, reason: impl Into<String>) -> Self {
        RecordError { source: source.into(), reason: reason.into() }
    }
}

/// What a reader produced for one record.
#[derive(Debug)]
pub enum Item {
    /// A record to turn into a document.
    Record(Record),
    /// A record that could not be read.
    Error(RecordError),
    /// A record that is not an article (an image in a WARC, a binary file in a directory).
    Skipped {
        /// Where it came from.
        source: String,
        /// Why it was skipped.
        reason: String,
    },
}

/// The raw content of a record.
#[derive(Debug)]
pub enum Payload {
    /// A plain-text file (any encoding).
    Text(Vec<u8>),
    /// An HTML page.
    Html {
        /// The bytes as served.
        bytes: Vec<u8>,
        /// Charset from the HTTP `Content-Type` header, if any.
        charset: Option<String>,
        /// URL the page was fetched from (WARC target URI).
        url: Option<String>,
        /// Fallback publication date (`YYYY-MM-DD`), e.g. the crawl date.
        date: Option<String>,
    },
    /// One JSON object to map with a [`Mapping`].
    Json {
        /// The object's bytes.
        bytes: Vec<u8>,
        /// The field mapping.
        mapping: Arc<Mapping>,
    },
    /// A document that needs no further work.
    Document(Document),
}

/// A record: where it came from and its raw content.
#[derive(Debug)]
pub struct Record {
    /// Where it came from, for ids and error reports.
    pub source: String,
    /// The content.
    pub payload: Payload,
}

/// Options of the record → document step.
#[derive(Debug, Clone)]
pub struct DocOptions {
    /// Documents whose text is longer than this many bytes are errors.
    pub max_text_bytes: usize,
    /// HTML pages larger than this many bytes are errors (a parsed page takes several times
    /// its size in memory, and no article page is this big).
    pub max_html_bytes: usize,
    /// Put the headline (when known) on the first line of the text, followed by an empty
    /// line, so that the analysis sees it as a headline.
    pub headline: bool,
}

impl Default for DocOptions {
    fn default() -> Self {
        DocOptions {
            max_text_bytes: 10 * 1024 * 1024,
            max_html_bytes: 16 * 1024 * 1024,
            headline: true,
        }
    }
}

impl Record {
    /// Size of the raw payload in bytes (for throughput figures).
    pub fn raw_len(&self) -> usize {
        match &self.payload {
            Payload::Text(b) => b.len(),
            Payload::Html { bytes, .. } | Payload::Json { bytes, .. } => bytes.len(),
            Payload::Document(d) => d.text.len(),
        }
    }

    /// Decodes, extracts and maps the record into a document.
    pub fn into_document(self, options: &DocOptions) -> Result<Document, RecordError> {
        let source = self.source;
        let mut doc = match self.payload {
            Payload::Text(bytes) => {
                let (text, _) = encoding::decode(&bytes, None, false);
                Document {
                    id: Some(source.clone()),
                    text: text.trim_start_matches('\u{feff}').to_string(),
                    meta: DocMeta { source: Some(source.clone()), ..DocMeta::default() },
                }
            }
            Payload::Html { bytes, charset, url, date } => {
                if bytes.len() > options.max_html_bytes {
                    return Err(RecordError::new(
                        source,
                        format!(
                            "HTML page of {} bytes exceeds the limit of {} bytes",
                            bytes.len(),
                            options.max_html_bytes
                        ),
                    ));
                }
                let (text, _) = encoding::decode(&bytes, charset.as_deref(), true);
                let page = html::extract(&text, url.as_deref());
                let mut doc = page.into_document(options.headline);
                if doc.meta.published.is_none() {
                    doc.meta.published = date;
                }
                doc.id = doc.meta.url.clone().or_else(|| Some(source.clone()));
                doc.meta.source = Some(source.clone());
                doc
            }
            Payload::Json { bytes, mapping } => {
                let mut doc = json::map_record(&bytes, &mapping, options.headline)
                    .map_err(|reason| RecordError::new(&source, reason))?;
                if doc.id.is_none() {
                    doc.id = doc.meta.url.clone().or_else(|| Some(source.clone()));
                }
                doc.meta.source = Some(source.clone());
                doc
            }
            Payload::Document(d) => d,
        };
        if doc.text.len() > options.max_text_bytes {
            return Err(RecordError::new(
                source,
                format!(
                    "text of {} bytes exceeds the limit of {} bytes",
                    doc.text.len(),
                    options.max_text_bytes
                ),
            ));
        }
        if doc.text.trim().is_empty() {
            return Err(RecordError::new(source, EMPTY_TEXT));
        }
        if doc.meta.source.is_none() {
            doc.meta.source = Some(source);
        }
        if doc.meta.language.is_none() {
            doc.meta.language = detect_language(&doc.text).map(str::to_string);
        }
        Ok(doc)
    }
}

/// `ar` when most letters of the text (first 4 KB) are Arabic, `en` when most are Latin;
/// `None` otherwise. Only a script check: enough to route or skip documents, not to tell
/// Arabic from Persian or English from French.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let (mut arabic, mut latin, mut letters) = (0usize, 0usize, 0usize);
    for c in text.chars().take(4096) {
        // Script ranges first: `is_alphabetic` takes Unicode's slow path for every non-ASCII
        // character, which made this the costliest step of reading a record.
        match c {
            '\u{0621}'..='\u{063A}'
            | '\u{0641}'..='\u{064A}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => {
                arabic += 1;
                letters += 1;
            }
            'a'..='z' | 'A'..='Z' => {
                latin += 1;
                letters += 1;
            }
            c if c.is_ascii() => {}
            '\u{0600}'..='\u{06FF}' => {}
            c if c.is_alphabetic() => {
                letters += 1;
                if ('\u{00C0}'..='\u{024F}').contains(&c) {
                    latin += 1;
                }
            }
            _ => {}
        }
    }
    if letters < 20 {
        return None;
    }
    if arabic * 2 > letters {
        Some("ar")
    } else if latin * 2 > letters {
        Some("en")
    } else {
        None
    }
}
