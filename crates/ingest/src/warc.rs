//! WARC 1.0/1.1 reading (Common Crawl CC-NEWS and any web archive).
//!
//! A WARC file is a sequence of records, each a version line, headers, an empty line, a
//! block of exactly `Content-Length` bytes and two CRLFs. CC-NEWS compresses each record as
//! its own gzip member; the caller wraps the input in a multi-member gzip decoder so this
//! reader sees the concatenated stream either way.
//!
//! Only `response` records (and `resource` records holding HTML) carry pages. Their block
//! is an HTTP response: the status line and headers are stripped, chunked transfer coding
//! and gzip/deflate content coding are undone (falling back to the raw body when the stored
//! body turns out to be already decoded, which crawlers often do while keeping the header),
//! and the charset of the `Content-Type` header is passed on to the HTML decoder. Non-HTML
//! responses are skipped and counted.
//!
//! Lengths are not trusted: a record whose `Content-Length` runs past the end of the input,
//! or is not followed by the record separator, becomes an error, and the reader
//! resynchronises on the next `WARC/` version line. Every allocation is capped, so a lying
//! header costs at most the cap, never a crash or a hang.

use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

use crate::lines::{Line, read_line_capped};
use crate::record::{Item, Payload, Record, RecordError};

/// Longest header line kept.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines in one record.
const MAX_HEADERS: usize = 512;

/// Reads WARC records from `r` (already decompressed), sending one item per record.
/// Records whose block exceeds `cap` bytes are skipped over and reported.
pub fn read_warc(
    r: &mut dyn BufRead,
    source: &str,
    cap: usize,
    sink: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut line = Vec::new();
    let mut index = 0usize;
    let mut resync = false;
    loop {
        // Version line, skipping blank lines between records.
        let version = match read_line_capped(r, &mut line, MAX_HEADER_LINE) {
            Ok(Line::Eof) => return ControlFlow::Continue(()),
            Ok(_) => line.trim_ascii(),
            Err(e) => {
                return sink(Item::Error(RecordError::new(
                    format!("{source}#{index}"),
                    format!("read error: {e}"),
                )));
            }
        };
        if version.is_empty() {
            continue;
        }
        if !version.starts_with(b"WARC/") {
            if !resync {
                resync = true;
                sink(Item::Error(RecordError::new(
                    format!("{source}#{index}"),
                    "expected a WARC version line; skipping to the next record",
                )))?;
                index += 1;
            }
            continue;
        }
        resync = false;
        let where_ = format!("{source}#{index}");
        index += 1;
        // Headers.
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut ended = false;
        for _ in 0..MAX_HEADERS {
            match read_line_capped(r, &mut line, MAX_HEADER_LINE) {
                Ok(Line::Eof) => break,
                Ok(_) => {}
                Err(e) => {
                    return sink(Item::Error(RecordError::new(where_, format!("read error: {e}"))));
                }
            }
            let l = line.trim_ascii_end();
            if l.is_empty() {
                ended = true;
                break;
            }
            let l = String::from_utf8_lossy(l);
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        if !ended {
            sink(Item::Error(RecordError::new(
                &where_,
                "WARC headers do not end (truncated or not a WARC file)",
            )))?;
            resync = true;
            continue;
        }
        let header = |k: &str| headers.iter().find(|(hk, _)| hk == k).map(|(_, v)| v.as_str());
        let Some(length) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            sink(Item::Error(RecordError::new(
                &where_,
                "WARC record without a valid Content-Length",
            )))?;
            resync = true;
            continue;
        };
        let kind = header("warc-type").unwrap_or("").to_ascii_lowercase();
        let uri = header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let date = header("warc-date").and_then(crate::date::normalize);
        let where_ = match &uri {
            Some(u) => format!("{where_} {u}"),
            None => where_,
        };
        // Block.
        if length > cap as u64 {
            let skipped = match io::copy(&mut r.take(length), &mut io::sink()) {
                Ok(n) => n,
                Err(e) => {
                    return sink(Item::Error(RecordError::new(where_, format!("read error: {e}"))));
                }
            };
            if skipped < length {
                return sink(Item::Error(RecordError::new(
                    where_,
                    format!("Content-Length {length} but the input ends after {skipped} bytes"),
                )));
            }
            sink(Item::Error(RecordError::new(
                &where_,
                format!("record of {length} bytes exceeds the limit of {cap} bytes"),
            )))?;
            continue;
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        match r.take(length).read_to_end(&mut block) {
            Ok(_) => {}
            Err(e) => {
                return sink(Item::Error(RecordError::new(where_, format!("read error: {e}"))));
            }
        }
        if (block.len() as u64) < length {
            return sink(Item::Error(RecordError::new(
                where_,
                format!("Content-Length {length} but the input ends after {} bytes", block.len()),
            )));
        }
        // The separator: two CRLFs (tolerating bare LFs). Anything else means the length lied.
        if !separator_follows(r) {
            sink(Item::Error(RecordError::new(
                &where_,
                format!(
                    "Content-Length {length} does not match the record (no record separator after the block)"
                ),
            )))?;
            resync = true;
            continue;
        }
        match kind.as_str() {
            "response" => sink(http_record(where_, &block, uri, date, cap))?,
            "resource" => {
                let ct = header("content-type").unwrap_or("").to_ascii_lowercase();
                if is_html_type(&ct) || (ct.is_empty() && sniff_html(&block)) {
                    sink(Item::Record(Record {
                        source: where_,
                        payload: Payload::Html {
                            bytes: block,
                            charset: charset_of(&ct),
                            url: uri,
                            date,
                        },
                    }))?;
                } else {
                    sink(Item::Skipped {
                        source: where_,
                        reason: format!("resource of type `{ct}`"),
                    })?;
                }
            }
            other => sink(Item::Skipped {
                source: where_,
                reason: format!("WARC record of type `{other}`"),
            })?,
        }
    }
}

/// Consumes the record separator; false when the next bytes are something else.
fn separator_follows(r: &mut dyn BufRead) -> bool {
    let mut newlines = 0;
    loop {
        let b = match r.fill_buf() {
            Ok([]) => return true,
            Ok(buf) => buf[0],
            Err(_) => return false,
        };
        match b {
            b'\n' => {
                newlines += 1;
                r.consume(1);
                if newlines == 2 {
                    return true;
                }
            }
            b'\r' => r.consume(1),
            _ => return false,
        }
    }
}

fn is_html_type(ct: &str) -> bool {
    ct.starts_with("text/html") || ct.starts_with("application/xhtml")
}

fn sniff_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(body);
    let head: Vec<u8> = body.iter().take(1024).map(|b| b.to_ascii_lowercase()).collect();
    let head = head.trim_ascii_start();
    head.starts_with(b"<!doctype html") || memchr::memmem::find(head, b"<html").is_some()
}

/// `text/html; charset=windows-1256` → `windows-1256`.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// Turns the block of a `response` record into an HTML record, a skip or an error.
fn http_record(
    source: String,
    block: &[u8],
    url: Option<String>,
    date: Option<String>,
    cap: usize,
) -> Item {
    let Some((head_len, body_start)) = find_head_end(block) else {
        return Item::Error(RecordError::new(source, "HTTP response without a header end"));
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&code) {
        return Item::Skipped { source, reason: format!("HTTP status `{}`", status.trim()) };
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut coding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = v.trim().to_ascii_lowercase(),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => coding = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    let raw = &block[body_start..];
    let body = decode_body(raw, chunked, &coding, cap);
    let body = match body {
        Ok(b) => b,
        Err(reason) => return Item::Error(RecordError::new(source, reason)),
    };
    let html =
        if content_type.is_empty() { sniff_html(&body) } else { is_html_type(&content_type) };
    if !html {
        let ct = if content_type.is_empty() { "unknown".to_string() } else { content_type };
        return Item::Skipped { source, reason: format!("not HTML (`{ct}`)") };
    }
    Item::Record(Record {
        source,
        payload: Payload::Html { bytes: body, charset: charset_of(&content_type), url, date },
    })
}

/// Length of the HTTP head and start of the body.
fn find_head_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|p| (p, p + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|p| (p, p + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Undoes transfer and content codings, falling back to the stored bytes when they turn
/// out to be already decoded.
fn decode_body(raw: &[u8], chunked: bool, coding: &str, cap: usize) -> Result<Vec<u8>, String> {
    let dechunked =
        if chunked { dechunk(raw).unwrap_or_else(|| raw.to_vec()) } else { raw.to_vec() };
    let decoded = match coding {
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&dechunked[..]), cap),
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&dechunked[..]), cap)
            .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&dechunked[..]), cap)),
        "" | "identity" => return Ok(dechunked),
        other => {
            return if sniff_html(&dechunked) {
                Ok(dechunked)
            } else {
                Err(format!("unsupported Content-Encoding `{other}`"))
            };
        }
    };
    match decoded {
        Ok(d) => Ok(d),
        Err(e) if e.starts_with("decoded body") => Err(e),
        Err(e) => {
            if sniff_html(&dechunked) {
                Ok(dechunked)
            } else {
                Err(format!("cannot decode {coding} body: {e}"))
            }
        }
    }
}

fn inflate(mut r: impl Read, cap: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let n = (&mut r).take(cap as u64 + 1).read_to_end(&mut out).map_err(|e| e.to_string())?;
    if n > cap {
        return Err(format!("decoded body exceeds the limit of {cap} bytes"));
    }
    Ok(out)
}

/// Decodes chunked transfer coding; `None` when the body is not validly chunked.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let nl = memchr::memchr(b'\n', raw)?;
        let size_line = std::str::from_utf8(&raw[..nl]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = &raw[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if raw.len() < size {
            return None;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size..];
        raw = raw.strip_prefix(b"\r\n").or_else(|| raw.strip_prefix(b"\n")).unwrap_or(raw);
        if raw.is_empty() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_decoded() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn html_is_sniffed_after_a_bom_and_whitespace() {
        assert!(sniff_html(b"\xEF\xBB\xBF\r\n  <!DOCTYPE html><html>"));
        assert!(sniff_html(b"<head></head><HTML>"));
        assert!(!sniff_html(b"\x89PNG\r\n"));
    }

    #[test]
    fn charset_is_read_from_content_type() {
        assert_eq!(
            charset_of("text/html; charset=\"windows-1256\"").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(charset_of("text/html"), None);
    }
}
