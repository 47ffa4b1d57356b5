//! JSON inputs: field mappings, JSON lines, and JSON arrays read one element at a time.
//!
//! Scrapers name their fields differently (`content`, `text`, `body`, `articleBody` ...), so
//! a [`Mapping`] lists, for each document field, the JSON keys to try in order. Presets
//! cover Marsad's own `Document` shape and SaudiNewsNet; `key=field,...` overrides build
//! custom ones.
//!
//! Each record is parsed on its own with `serde_json::from_slice`: a streaming
//! deserializer cannot resynchronise after a malformed record, while per-record parsing
//! turns one bad line into one error. JSON arrays (SaudiNewsNet ships one array per day)
//! are cut into elements by a small byte scanner that tracks strings and nesting, so a big
//! array is never held whole in memory.

use std::io::{self, BufRead};
use std::ops::ControlFlow;
use std::sync::Arc;

use marsad_model::{DocMeta, Document};
use serde_json::Value;

use crate::lines::{Line, read_line_capped};
use crate::record::{Item, Payload, Record, RecordError};

/// Which JSON keys fill which document fields. Every list is tried in order; the first key
/// holding a non-empty string (or number, for ids) wins. Keys are looked up at the top level
/// and then inside a `meta` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Name of the mapping (for messages).
    pub name: String,
    /// Record id.
    pub id: Vec<String>,
    /// Article text.
    pub text: Vec<String>,
    /// Raw HTML of the article, extracted when no text field is present.
    pub html: Vec<String>,
    /// Headline.
    pub title: Vec<String>,
    /// Byline.
    pub author: Vec<String>,
    /// URL.
    pub url: Vec<String>,
    /// Publication date (normalised to `YYYY-MM-DD`).
    pub published: Vec<String>,
    /// Outlet.
    pub outlet: Vec<String>,
    /// Language.
    pub language: Vec<String>,
}

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

impl Default for Mapping {
    /// Marsad's `Document` shape plus the most common scraper field names.
    fn default() -> Self {
        Mapping {
            name: "default".into(),
            id: keys(&["id", "_id", "doc_id"]),
            text: keys(&["text", "content", "body", "articleBody", "article", "maintext"]),
            html: keys(&["html", "raw_html"]),
            title: keys(&["title", "headline"]),
            author: keys(&["author", "authors", "byline"]),
            url: keys(&["url", "link", "source_url"]),
            published: keys(&[
                "published",
                "date_publish",
                "datePublished",
                "date",
                "published_at",
                "pubdate",
            ]),
            outlet: keys(&["outlet", "site_name", "source_domain", "publisher"]),
            language: keys(&["language", "lang"]),
        }
    }
}

/// Why a mapping specification was rejected.
#[derive(Debug, thiserror::Error)]
#[error("mapping `{spec}`: {reason}")]
pub struct MappingError {
    spec: String,
    reason: String,
}

impl Mapping {
    /// SaudiNewsNet: `content`, `title`, `author`, `url`, `date_extracted`, `source` (outlet).
    pub fn saudinewsnet() -> Mapping {
        Mapping {
            name: "saudinewsnet".into(),
            id: Vec::new(),
            text: keys(&["content"]),
            html: Vec::new(),
            title: keys(&["title"]),
            author: keys(&["author"]),
            url: keys(&["url"]),
            published: keys(&["date_extracted"]),
            outlet: keys(&["source"]),
            language: Vec::new(),
        }
    }

    /// Parses a preset name (`default`, `saudinewsnet`) or a list of overrides on the
    /// default mapping, `field=key[|key...],...` (fields: id, text, html, title, author,
    /// url, published, outlet, language).
    pub fn parse(spec: &str) -> Result<Mapping, MappingError> {
        match spec {
            "default" | "marsad" => return Ok(Mapping::default()),
            "saudinewsnet" | "sanad-sa" => return Ok(Mapping::saudinewsnet()),
            _ => {}
        }
        let err = |reason: String| MappingError { spec: spec.to_string(), reason };
        let mut m = Mapping { name: spec.to_string(), ..Mapping::default() };
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (field, list) = part
                .split_once('=')
                .ok_or_else(|| err(format!("`{part}` is neither a preset nor field=key")))?;
            let list: Vec<String> =
                list.split('|').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect();
            let slot = match field.trim() {
                "id" => &mut m.id,
                "text" => &mut m.text,
                "html" => &mut m.html,
                "title" => &mut m.title,
                "author" => &mut m.author,
                "url" => &mut m.url,
                "published" | "date" => &mut m.published,
                "outlet" => &mut m.outlet,
                "language" => &mut m.language,
                other => return Err(err(format!("unknown field `{other}`"))),
            };
            *slot = list;
        }
        Ok(m)
    }
}

/// The string value of the first of `keys` present in `obj` (or its `meta` object).
fn field(obj: &serde_json::Map<String, Value>, keys: &[String]) -> Option<String> {
    let meta = obj.get("meta").and_then(Value::as_object);
    for key in keys {
        for scope in std::iter::once(obj).chain(meta) {
            if let Some(v) = scope.get(key)
                && let Some(s) = scalar_or_names(v)
            {
                return Some(s);
            }
        }
    }
    None
}

/// A string, a number, an object with a `name`, or a list of these joined by `، `.
pub(crate) fn scalar_or_names(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => return o.get("name").and_then(scalar_or_names),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().take(32).filter_map(scalar_or_names).collect();
            parts.join("، ")
        }
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Maps one JSON object to a document.
pub fn map_record(bytes: &[u8], mapping: &Mapping, headline: bool) -> Result<Document, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("JSON record is not an object".into());
    };
    let meta = DocMeta {
        url: field(&obj, &mapping.url),
        outlet: field(&obj, &mapping.outlet),
        title: field(&obj, &mapping.title),
        author: field(&obj, &mapping.author),
        published: field(&obj, &mapping.published).and_then(|d| crate::date::normalize(&d)),
        language: field(&obj, &mapping.language),
        source: None,
    };
    let id = field(&obj, &mapping.id);
    if let Some(body) = field(&obj, &mapping.text) {
        let text = match (&meta.title, headline) {
            (Some(t), true) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
            _ => body,
        };
        return Ok(Document { id, text, meta });
    }
    if let Some(html) = field(&obj, &mapping.html) {
        let page = crate::html::extract(&html, meta.url.as_deref());
        let mut doc = page.into_document(headline);
        // Fields stated in the record win over what the page says about itself.
        let m = &mut doc.meta;
        m.url = meta.url.or(m.url.take());
        m.outlet = meta.outlet.or(m.outlet.take());
        m.title = meta.title.or(m.title.take());
        m.author = meta.author.or(m.author.take());
        m.published = meta.published.or(m.published.take());
        m.language = meta.language.or(m.language.take());
        doc.id = id;
        return Ok(doc);
    }
    let has_empty_text = mapping.text.iter().any(|k| obj.get(k).is_some_and(|v| v.is_string()));
    if has_empty_text {
        // An empty body with a headline is still a (headline-only) article.
        if let (Some(t), true) = (&meta.title, headline) {
            return Ok(Document { id, text: t.clone(), meta });
        }
        return Err(crate::record::EMPTY_TEXT.into());
    }
    Err(format!(
        "no text field ({}) in the record (mapping `{}`)",
        mapping.text.join("|"),
        mapping.name
    ))
}

/// Reads JSON lines: one record per non-blank line, each at most `cap` bytes.
pub fn read_jsonl(
    r: &mut dyn BufRead,
    source: &str,
    mapping: &Arc<Mapping>,
    cap: usize,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        line_no += 1;
        let where_ = || format!("{source}:{line_no}");
        match read_line_capped(r, &mut buf, cap) {
            Ok(Line::Eof) => return ControlFlow::Continue(()),
            Ok(Line::TooLong(n)) => {
                sink(Item::Error(RecordError::new(
                    where_(),
                    format!("line of {n} bytes exceeds the limit of {cap} bytes"),
                )))?;
            }
            Ok(Line::Ok(_)) => {
                let trimmed = buf.trim_ascii();
                if trimmed.is_empty() {
                    continue;
                }
                let bytes =
                    trimmed.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(trimmed).to_vec();
                sink(Item::Record(Record {
                    source: where_(),
                    payload: Payload::Json { bytes, mapping: mapping.clone() },
                }))?;
            }
            Err(e) => {
                return sink(Item::Error(RecordError::new(where_(), format!("read error: {e}"))));
            }
        }
    }
}

/// Scanner state between input bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// Before the first significant byte.
    Start,
    /// Between values (whitespace, commas).
    Between,
    /// Inside an object or array, outside strings.
    Value,
    /// Inside a string.
    Str,
    /// Just after a backslash in a string.
    Escape,
    /// After the closing bracket of the top-level array.
    Closed,
}

/// What the scanner found after a byte.
enum Found {
    /// A complete element of `len` bytes (its first `cap` bytes are in the buffer).
    Element(usize),
    /// Something that is not a record.
    Bad(&'static str),
}

/// Cuts a byte stream into top-level JSON values (or elements of a top-level array).
struct Scanner {
    state: Scan,
    in_array: bool,
    depth: usize,
    buf: Vec<u8>,
    len: usize,
    cap: usize,
}

impl Scanner {
    fn push(&mut self, b: u8) {
        self.len += 1;
        if self.buf.len() < self.cap {
            self.buf.push(b);
        }
    }

    /// [`Scanner::push`] of every byte of `bytes`.
    fn push_slice(&mut self, bytes: &[u8]) {
        self.len += bytes.len();
        let room = self.cap.saturating_sub(self.buf.len()).min(bytes.len());
        self.buf.extend_from_slice(&bytes[..room]);
    }

    fn step(&mut self, b: u8) -> Option<Found> {
        match self.state {
            Scan::Start => match b {
                b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF => None,
                b'[' => {
                    self.in_array = true;
                    self.state = Scan::Between;
                    None
                }
                _ => {
                    self.state = Scan::Between;
                    self.step(b)
                }
            },
            Scan::Closed => (!b.is_ascii_whitespace())
                .then_some(Found::Bad("data after the end of the JSON array")),
            Scan::Between => match b {
                b' ' | b'\t' | b'\r' | b'\n' | b',' => None,
                b']' if self.in_array => {
                    self.state = Scan::Closed;
                    None
                }
                b'{' | b'[' => {
                    self.buf.clear();
                    self.len = 0;
                    self.depth = 1;
                    self.state = Scan::Value;
                    self.push(b);
                    None
                }
                _ => Some(Found::Bad("JSON record is not an object")),
            },
            Scan::Value => {
                self.push(b);
                match b {
                    b'"' => self.state = Scan::Str,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            self.state = Scan::Between;
                            return Some(Found::Element(self.len));
                        }
                    }
                    _ => {}
                }
                None
            }
            Scan::Str => {
                self.push(b);
                match b {
                    b'\\' => self.state = Scan::Escape,
                    b'"' => self.state = Scan::Value,
                    _ => {}
                }
                None
            }
            Scan::Escape => {
                self.push(b);
                self.state = Scan::Str;
                None
            }
        }
    }
}

/// Reads a JSON file holding an array of records (or one record, or several concatenated
/// records). Elements larger than `cap` bytes become errors and scanning continues after
/// them; a bare scalar between records is reported and skipped byte by byte.
pub fn read_json(
    r: &mut dyn BufRead,
    source: &str,
    mapping: &Arc<Mapping>,
    cap: usize,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut sc =
        Scanner { state: Scan::Start, in_array: false, depth: 0, buf: Vec::new(), len: 0, cap };
    let mut index = 0usize;
    let mut reported_bad = false;
    loop {
        let (used, found) = {
            let chunk = match r.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return sink(Item::Error(RecordError::new(
                        format!("{source}#{index}"),
                        format!("read error: {e}"),
                    )));
                }
            };
            if chunk.is_empty() {
                break;
            }
            let mut used = 0;
            let mut found = None;
            while used < chunk.len() {
                if sc.state == Scan::Str {
                    // Inside a string only a quote or a backslash changes the state: copy
                    // everything before the next one in bulk (most of a record is text).
                    let rest = &chunk[used..];
                    let k = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
                    sc.push_slice(&rest[..k]);
                    used += k;
                    if used == chunk.len() {
                        break;
                    }
                }
                let b = chunk[used];
                used += 1;
                if let Some(f) = sc.step(b) {
                    found = Some(f);
                    break;
                }
            }
            (used, found)
        };
        r.consume(used);
        match found {
            None => {}
            Some(Found::Element(len)) => {
                let where_ = format!("{source}#{index}");
                index += 1;
                reported_bad = false;
                if len > cap {
                    sink(Item::Error(RecordError::new(
                        where_,
                        format!("record of {len} bytes exceeds the limit of {cap} bytes"),
                    )))?;
                } else {
                    let bytes = std::mem::take(&mut sc.buf);
                    sink(Item::Record(Record {
                        source: where_,
                        payload: Payload::Json { bytes, mapping: mapping.clone() },
                    }))?;
                }
            }
            Some(Found::Bad(reason)) => {
                // One report per run of stray bytes, not one per byte.
                if !reported_bad {
                    reported_bad = true;
                    sink(Item::Error(RecordError::new(format!("{source}#{index}"), reason)))?;
                    index += 1;
                }
                if sc.state == Scan::Closed {
                    return ControlFlow::Continue(());
                }
            }
        }
    }
    match sc.state {
        Scan::Value | Scan::Str | Scan::Escape => sink(Item::Error(RecordError::new(
            format!("{source}#{index}"),
            "input ends inside a JSON record (truncated file?)",
        ))),
        Scan::Between if sc.in_array => sink(Item::Error(RecordError::new(
            source,
            "input ends before the JSON array is closed",
        ))),
        _ => ControlFlow::Continue(()),
    }
}
