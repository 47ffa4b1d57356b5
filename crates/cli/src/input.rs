//! Reading one article from a file or standard input, with explicit UTF-8 handling.

use anyhow::{Context, bail};
use std::io::Read;
use std::path::Path;

/// Reads `path` (or stdin for `-`/none). Invalid UTF-8 is an error naming the byte offset,
/// unless `lossy`, in which case invalid bytes become U+FFFD and the second value says how
/// many bytes were replaced and where the first one was.
pub fn read_text(
    path: Option<&Path>,
    lossy: bool,
) -> anyhow::Result<(String, Option<(usize, usize)>)> {
    let mut bytes = Vec::new();
    match path {
        None => {
            std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        }
        Some(p) if p == Path::new("-") => {
            std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        }
        Some(p) => {
            bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        }
    }
    // A UTF-8 byte-order mark is not part of the text.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) if lossy => {
            let first = e.valid_up_to();
            let s = String::from_utf8_lossy(body).into_owned();
            let replaced = s.chars().filter(|&c| c == '\u{FFFD}').count();
            Ok((s, Some((first, replaced))))
        }
        Err(e) => {
            let name = path.map_or("standard input".to_string(), |p| p.display().to_string());
            bail!(
                "{name}: invalid UTF-8 at byte offset {} (use --lossy to replace invalid bytes)",
                e.valid_up_to()
            )
        }
    }
}
