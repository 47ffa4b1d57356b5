//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex};

use marsad_ingest::record::DocOptions;
use marsad_ingest::source::{ReadOptions, read_bytes};
use marsad_ingest::{Item, RecordError};
use marsad_model::Document;

/// Items read from an in-memory input.
pub fn read_items(name: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Item> {
    let mut items = Vec::new();
    read_bytes(name, bytes, options, &mut |i| {
        items.push(i);
        ControlFlow::Continue(())
    });
    items
}

/// Documents and errors of an in-memory input (skipped records left out), in order.
pub fn read_docs(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Vec<Result<Document, RecordError>> {
    read_items(name, bytes, options)
        .into_iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some(r.into_document(&DocOptions::default())),
            Item::Error(e) => Some(Err(e)),
            Item::Skipped { .. } => None,
        })
        .collect()
}

/// Number of skipped items.
pub fn skipped(items: &[Item]) -> usize {
    items.iter().filter(|i| matches!(i, Item::Skipped { .. })).count()
}

/// gzip of `data` as one member.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("write to memory");
    e.finish().expect("finish gzip")
}

/// A writer into shared memory, for batch outputs.
#[derive(Clone, Default)]
pub struct Shared(pub Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

/// Deterministic pseudo-random bytes (xorshift), for garbage inputs.
pub fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// One WARC record.
pub fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response block.
pub fn http_response(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    b.extend_from_slice(body);
    b
}
