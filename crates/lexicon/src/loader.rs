//! Reading data files: where they are, and parsing TSV with precise errors.

use std::borrow::Cow;
use std::path::PathBuf;

/// An error in a knowledge file: which file, which line, what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file is not there.
    #[error("{file}: missing data file")]
    Missing {
        /// Relative path of the file.
        file: String,
    },
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// Relative path of the file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{file}:{line}: {reason}")]
    Invalid {
        /// Relative path of the file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Where data files come from.
#[derive(Debug, Clone)]
pub enum DataSource {
    /// The files embedded in the binary at build time.
    Embedded,
    /// A directory laid out like the repository's `data/`.
    Dir(PathBuf),
}

impl DataSource {
    /// Reads the file at `rel` (e.g. `geo/countries.tsv`).
    pub fn read(&self, rel: &str) -> Result<Cow<'static, str>, LexiconError> {
        match self {
            DataSource::Embedded => crate::embedded::EMBEDDED
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(_, c)| Cow::Borrowed(*c))
                .ok_or_else(|| LexiconError::Missing { file: rel.to_string() }),
            DataSource::Dir(dir) => {
                let path = dir.join(rel);
                match std::fs::read_to_string(&path) {
                    Ok(s) => Ok(Cow::Owned(s)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        Err(LexiconError::Missing { file: rel.to_string() })
                    }
                    Err(e) => Err(LexiconError::Io { file: rel.to_string(), source: e }),
                }
            }
        }
    }

    /// Reads the file at `rel`, or `None` when it does not exist.
    pub fn read_optional(&self, rel: &str) -> Result<Option<Cow<'static, str>>, LexiconError> {
        match self.read(rel) {
            Ok(s) => Ok(Some(s)),
            Err(LexiconError::Missing { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Relative paths of all files under `dir` (embedded source only lists embedded files).
    pub fn list(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        match self {
            DataSource::Embedded => crate::embedded::EMBEDDED
                .iter()
                .filter(|(p, _)| p.starts_with(&prefix))
                .map(|(p, _)| p.to_string())
                .collect(),
            DataSource::Dir(root) => {
                let mut out = Vec::new();
                if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
                    for e in rd.flatten() {
                        if let Some(name) = e.file_name().to_str() {
                            out.push(format!("{prefix}{name}"));
                        }
                    }
                }
                out.sort();
                out
            }
        }
    }
}

/// One data row of a TSV file.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// File the row came from (for errors).
    pub file: &'a str,
    /// 1-based line number.
    pub line: usize,
    /// The cells, trimmed.
    pub cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Cell `i`, or an error naming the column when the row is too short.
    pub fn get(&self, i: usize, column: &str) -> Result<&'a str, LexiconError> {
        self.cells.get(i).copied().ok_or_else(|| self.error(format!("missing column `{column}`")))
    }

    /// Cell `i`, required to be non-empty.
    pub fn required(&self, i: usize, column: &str) -> Result<&'a str, LexiconError> {
        let v = self.get(i, column)?;
        if v.is_empty() {
            return Err(self.error(format!("empty column `{column}`")));
        }
        Ok(v)
    }

    /// Cell `i`, or `""` when absent.
    pub fn optional(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    /// Cell `i` split on `|` into non-empty trimmed variants.
    pub fn list(&self, i: usize) -> Vec<&'a str> {
        split_list(self.optional(i))
    }

    /// An error at this row.
    pub fn error(&self, reason: impl Into<String>) -> LexiconError {
        LexiconError::Invalid {
            file: self.file.to_string(),
            line: self.line,
            reason: reason.into(),
        }
    }
}

/// Splits a `|`-separated cell into its non-empty, trimmed variants.
pub fn split_list(cell: &str) -> Vec<&str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Parses TSV `content` of `file`: skips blank lines and `#` comments, splits on tabs, trims
/// cells, and checks that every row has between `min_cols` and `max_cols` cells.
pub fn tsv<'a>(
    file: &'a str,
    content: &'a str,
    min_cols: usize,
    max_cols: usize,
) -> Result<Vec<Row<'a>>, LexiconError> {
    let mut rows = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let t = line.trim_end_matches('\r');
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = t.split('\t').map(str::trim).collect();
        let row = Row { file, line: i + 1, cells };
        if row.cells.len() < min_cols || row.cells.len() > max_cols {
            return Err(row.error(format!(
                "expected {min_cols}..={max_cols} tab-separated columns, found {}",
                row.cells.len()
            )));
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_file_and_line() {
        let err = tsv("x.tsv", "# comment\na\tb\n\nc\n", 2, 2).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("x.tsv:4: expected 2..=2 tab-separated columns, found 1")
        );
    }
}
