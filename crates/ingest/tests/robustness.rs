//! Malformed and hostile inputs: every one must give errors or skips, never a panic, a
//! hang or unbounded memory.

mod common;

use std::time::{Duration, Instant};

use common::*;
use marsad_ingest::source::ReadOptions;

#[test]
fn truncated_gzip_keeps_the_records_before_the_cut() {
    let mut data = String::new();
    for i in 0..2000 {
        data.push_str(&format!("{{\"text\":\"الخبر رقم {i} عن حدث مهم في المنطقة\"}}\n"));
    }
    let gz = gzip(data.as_bytes());
    let cut = &gz[..gz.len() / 2];
    let docs = read_docs("cut.jsonl.gz", cut, &ReadOptions::default());
    let ok = docs.iter().filter(|d| d.is_ok()).count();
    let errors: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
    assert!(ok > 100, "records before the cut are read ({ok})");
    assert!(!errors.is_empty(), "the cut is reported");
    assert!(errors.iter().all(|e| e.source.starts_with("cut.jsonl.gz")));
}

#[test]
fn binary_garbage_in_every_format_is_reported_not_fatal() {
    for seed in 1..6u64 {
        let junk = garbage(200_000, seed);
        for name in
            ["g.jsonl", "g.json", "g.warc", "g.html", "g.txt", "g.zip", "g.gz", "g.warc.gz", "g"]
        {
            let start = Instant::now();
            let items = read_items(name, &junk, &ReadOptions::default());
            for item in items {
                if let marsad_ingest::Item::Record(r) = item {
                    let _ = r.into_document(&Default::default());
                }
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{name} seed {seed} took too long");
        }
    }
}

#[test]
fn a_100_mb_line_is_one_error_and_the_next_line_is_read() {
    let mut data = Vec::with_capacity(100 * 1024 * 1024 + 100);
    data.extend_from_slice(b"{\"text\":\"");
    data.resize(100 * 1024 * 1024, b'a');
    data.extend_from_slice(b"\"}\n{\"text\":\"after\"}\n");
    let docs = read_docs("big.jsonl", &data, &ReadOptions::default());
    assert_eq!(docs.len(), 2);
    let err = docs[0].as_ref().expect_err("oversized line is an error");
    assert!(err.reason.contains("exceeds the limit"), "{}", err.reason);
    assert_eq!(docs[1].as_ref().map(|d| d.text.as_str()).ok(), Some("after"));
}

#[test]
fn oversized_text_is_an_error_record() {
    let text = "كلمة ".repeat(300_000);
    let line = serde_json::json!({ "text": text }).to_string();
    let items = read_items("one.jsonl", line.as_bytes(), &ReadOptions::default());
    let Some(marsad_ingest::Item::Record(r)) = items.into_iter().next() else {
        panic!("one record expected")
    };
    let options =
        marsad_ingest::record::DocOptions { max_text_bytes: 1_000_000, ..Default::default() };
    let err = r.into_document(&options).expect_err("too big");
    assert!(err.reason.contains("exceeds the limit of 1000000 bytes"), "{}", err.reason);
}

#[test]
fn html_nested_100000_levels_is_extracted_quickly() {
    for tag in ["div", "b", "span", "table", "blockquote"] {
        let mut html = String::from("<html><body>");
        for _ in 0..100_000 {
            html.push('<');
            html.push_str(tag);
            html.push('>');
        }
        html.push_str("<p>النص العميق في آخر الصفحة، بعد مئة ألف مستوى من التداخل.</p>");
        let start = Instant::now();
        let page = marsad_ingest::html::extract(&html, None);
        assert!(page.body.contains("النص العميق"), "{tag}: {}", page.body);
        assert!(start.elapsed() < Duration::from_secs(20), "{tag} took {:?}", start.elapsed());
    }
}

#[test]
fn empty_warc_files_give_nothing() {
    assert!(read_items("empty.warc", b"", &ReadOptions::default()).is_empty());
    assert!(read_items("empty.warc.gz", &gzip(b""), &ReadOptions::default()).is_empty());
    assert!(read_docs("blank.warc", b"\r\n\r\n", &ReadOptions::default()).is_empty());
}

#[test]
fn warc_record_whose_length_lies() {
    let page = http_response(
        "Content-Type: text/html\r\n",
        "<html><body><p>صفحة سليمة، فيها نص المقال كاملاً.</p></body></html>".as_bytes(),
    );
    let good = warc_record("response", "http://example.org/good", &page);
    // Too short: the block ends early and no separator follows.
    let mut short = warc_record("response", "http://example.org/short", &page);
    let pos =
        std::str::from_utf8(&short).ok().and_then(|s| s.find("Content-Length: ")).expect("header");
    let len_end = short[pos..].iter().position(|b| *b == b'\r').expect("eol") + pos;
    short.splice(pos..len_end, b"Content-Length: 20".iter().copied());
    let mut data = short.clone();
    data.extend_from_slice(&good);
    let docs = read_docs("lies.warc", &data, &ReadOptions::default());
    assert!(
        docs[0].as_ref().err().is_some_and(|e| e.reason.contains("does not match")),
        "{docs:?}"
    );
    let last = docs.last().and_then(|d| d.as_ref().ok()).expect("the next record is still read");
    assert_eq!(last.meta.url.as_deref(), Some("http://example.org/good"));

    // Too long: runs past the end of the input.
    let mut long = warc_record("response", "http://example.org/long", &page);
    let pos =
        std::str::from_utf8(&long).ok().and_then(|s| s.find("Content-Length: ")).expect("header");
    let len_end = long[pos..].iter().position(|b| *b == b'\r').expect("eol") + pos;
    long.splice(pos..len_end, b"Content-Length: 999999".iter().copied());
    let docs = read_docs("long.warc", &long, &ReadOptions::default());
    assert_eq!(docs.len(), 1);
    assert!(docs[0].as_ref().err().is_some_and(|e| e.reason.contains("input ends")), "{docs:?}");

    // Absurd: larger than any cap; no allocation, one error.
    let huge = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999999\r\n\r\nshort";
    let docs = read_docs("huge.warc", huge, &ReadOptions::default());
    assert_eq!(docs.len(), 1);
    assert!(docs[0].is_err());
}

#[test]
fn nested_byline_like_wrappers_stay_linear() {
    // Every level has a class that the metadata scan looks at, and the innermost text is
    // large: reading each level's whole subtree would be quadratic.
    let mut html = String::from("<html><body>");
    for _ in 0..350 {
        html.push_str("<div class=\"post-date author-box\">");
    }
    for i in 0..20_000 {
        html.push_str(&format!(
            "<p>نص طويل في عمق الصفحة، الفقرة {i}، ليكون كبيراً بما يكفي لاختبار الحدود.</p>"
        ));
    }
    let start = Instant::now();
    let page = marsad_ingest::html::extract(&html, None);
    assert!(
        page.body.starts_with("نص طويل في عمق الصفحة"),
        "{}",
        page.body.chars().take(200).collect::<String>()
    );
    assert!(start.elapsed() < Duration::from_secs(30), "took {:?}", start.elapsed());
}
