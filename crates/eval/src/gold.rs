//! The `gold/1` annotation format.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a gold file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid `gold/1` JSON.
    #[error("{path}: not a gold/1 file: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// The format tag is not `gold/1`.
    #[error("{path}: format is `{found}`, expected `gold/1`")]
    Format {
        /// The file.
        path: PathBuf,
        /// The tag found.
        found: String,
    },
    /// A document has neither `text` nor a readable `text_path`.
    #[error("{path}: document `{id}`: {reason}")]
    Document {
        /// The file.
        path: PathBuf,
        /// The document id.
        id: String,
        /// What is wrong.
        reason: String,
    },
}

/// A whole gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    /// Always `gold/1`.
    pub format: String,
    /// The documents.
    pub documents: Vec<GoldDocument>,
}

/// One annotated document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    /// Unique id.
    pub id: String,
    /// Inline text.
    #[serde(default)]
    pub text: Option<String>,
    /// Path of the text relative to the gold file.
    #[serde(default)]
    pub text_path: Option<String>,
    /// Reference date `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// Optional metadata (outlet, headline, ...), kept as JSON.
    #[serde(default)]
    pub metadata: serde_json::Value,
    /// Actors by id.
    #[serde(default)]
    pub actors: BTreeMap<String, GoldActor>,
    /// Entity mentions (optional).
    #[serde(default)]
    pub entities: Option<Vec<GoldEntity>>,
    /// Quotes.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Cited sources.
    #[serde(default)]
    pub sources: Vec<GoldSpan>,
    /// Time expressions.
    #[serde(default)]
    pub timex: Vec<GoldTimex>,
    /// Events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// An actor of the gold annotation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    /// English name.
    #[serde(default)]
    pub name: String,
    /// Country or group code.
    #[serde(default)]
    pub country: Option<String>,
    /// Agent codes.
    #[serde(default)]
    pub agent: Vec<String>,
    /// Role.
    #[serde(default)]
    pub role: Option<String>,
    /// Surface forms in the text.
    #[serde(default)]
    pub names: Vec<String>,
}

/// A gold entity mention.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// Text.
    #[serde(default)]
    pub text: String,
    /// `PER`, `ORG`, `LOC`, `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Actor id, ISO3 or null.
    #[serde(default)]
    pub r#ref: Option<String>,
}

/// A gold quote.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Text.
    #[serde(default)]
    pub text: String,
    /// Speaker actor id.
    #[serde(default)]
    pub speaker: Option<String>,
    /// `direct` or `indirect`.
    #[serde(default)]
    pub kind: Option<String>,
}

/// A gold span (used for sources).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Text.
    #[serde(default)]
    pub text: String,
    /// Actor id.
    #[serde(default)]
    pub r#ref: Option<String>,
}

/// A gold time expression.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTimex {
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Text.
    #[serde(default)]
    pub text: String,
    /// ISO value or null.
    #[serde(default)]
    pub value: Option<String>,
}

/// A gold document-level event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// Acceptable PLOVER types.
    pub plover: Vec<String>,
    /// Acceptable CAMEO roots (two digits).
    #[serde(default)]
    pub cameo_root: Vec<String>,
    /// Source country/group code; null matches anything.
    #[serde(default)]
    pub source: Option<String>,
    /// Target country/group code; null matches anything.
    #[serde(default)]
    pub target: Option<String>,
    /// Matches in either direction.
    #[serde(default)]
    pub symmetric: bool,
    /// The span that states the event.
    #[serde(default)]
    pub evidence: Option<GoldSpan>,
}

impl GoldFile {
    /// Reads a gold file and resolves every document's text.
    pub fn load(path: &Path) -> Result<GoldFile, GoldError> {
        let raw = std::fs::read_to_string(path)
            .map_err(|source| GoldError::Io { path: path.to_path_buf(), source })?;
        let mut file: GoldFile = serde_json::from_str(&raw)
            .map_err(|source| GoldError::Json { path: path.to_path_buf(), source })?;
        if file.format != "gold/1" {
            return Err(GoldError::Format { path: path.to_path_buf(), found: file.format });
        }
        let base = path.parent().unwrap_or(Path::new("."));
        for d in &mut file.documents {
            if d.text.is_none() {
                let Some(rel) = &d.text_path else {
                    return Err(GoldError::Document {
                        path: path.to_path_buf(),
                        id: d.id.clone(),
                        reason: "neither `text` nor `text_path`".into(),
                    });
                };
                let p = base.join(rel);
                let t = std::fs::read_to_string(&p).map_err(|e| GoldError::Document {
                    path: path.to_path_buf(),
                    id: d.id.clone(),
                    reason: format!("cannot read {}: {e}", p.display()),
                })?;
                d.text = Some(t);
            }
        }
        Ok(file)
    }
}

impl GoldDocument {
    /// The document text (resolved by [`GoldFile::load`]).
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    /// Surface texts that name actor `id`: its entity mentions and its `names`.
    pub fn mention_texts(&self, id: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if let Some(es) = &self.entities {
            out.extend(
                es.iter().filter(|e| e.r#ref.as_deref() == Some(id)).map(|e| e.text.as_str()),
            );
        }
        if let Some(a) = self.actors.get(id) {
            out.extend(a.names.iter().map(String::as_str));
        }
        out
    }
}
