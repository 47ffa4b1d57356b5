//! Extracts the article of HTML pages and prints one JSON line per page:
//! `{"file", "title", "author", "published", "outlet", "body", "seconds"}`, where
//! `seconds` is the mean extraction time (decoding + parsing + extraction) over
//! `--repeat N` runs. Used by `scripts/extraction_vs_trafilatura.py`.

use std::time::Instant;

fn main() {
    let mut repeat = 1usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
        } else {
            files.push(a);
        }
    }
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                continue;
            }
        };
        let start = Instant::now();
        let mut page = marsad_ingest::html::Page::default();
        for _ in 0..repeat {
            let (text, _) = marsad_ingest::encoding::decode(&bytes, None, true);
            page = marsad_ingest::html::extract(&text, None);
        }
        let seconds = start.elapsed().as_secs_f64() / repeat as f64;
        let line = serde_json::json!({
            "file": file,
            "title": page.title,
            "author": page.author,
            "published": page.published,
            "outlet": page.outlet,
            "body": page.body,
            "seconds": seconds,
        });
        println!("{line}");
    }
}
