//! Readers: JSON lines, JSON arrays, mappings, archives, directories and WARC files.

mod common;

use std::io::Write;
use std::sync::Arc;

use common::*;
use marsad_ingest::source::{Input, ReadOptions};
use marsad_ingest::{Item, Mapping};

#[test]
fn one_bad_json_line_is_one_error() {
    let data = "{\"text\":\"الخبر الأول\"}\n{\"text\": broken\n\n{\"text\":\"الخبر الثاني\",\"title\":\"عنوان\"}\n";
    let docs = read_docs("in.jsonl", data.as_bytes(), &ReadOptions::default());
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].as_ref().map(|d| d.text.as_str()).ok(), Some("الخبر الأول"));
    let err = docs[1].as_ref().expect_err("second line fails");
    assert_eq!(err.source, "in.jsonl:2");
    assert!(err.reason.contains("invalid JSON"), "{}", err.reason);
    let third = docs[2].as_ref().expect("third line");
    assert_eq!(third.text, "عنوان\n\nالخبر الثاني");
    assert_eq!(third.meta.title.as_deref(), Some("عنوان"));
}

#[test]
fn saudinewsnet_mapping_fills_every_field() {
    let record = r#"[{"source":"sabq","url":"http://example.sa/n/1","date_extracted":"2015-07-21 10:11:12",
        "title":"افتتاح مشروع جديد","author":"فريق التحرير","content":"افتتح المحافظ اليوم مشروعاً جديداً.\nوحضر الافتتاح عدد من المسؤولين."},
        {"source":"was","url":"http://example.sa/n/2","date_extracted":"2015-07-21 11:00:00","title":"خبر بلا نص","author":"","content":" "}]"#;
    let options =
        ReadOptions { mapping: Arc::new(Mapping::saudinewsnet()), ..ReadOptions::default() };
    let docs = read_docs("day.json", record.as_bytes(), &options);
    assert_eq!(docs.len(), 2);
    let d = docs[0].as_ref().expect("first record");
    assert_eq!(d.id.as_deref(), Some("http://example.sa/n/1"));
    assert_eq!(d.meta.outlet.as_deref(), Some("sabq"));
    assert_eq!(d.meta.published.as_deref(), Some("2015-07-21"));
    assert_eq!(d.meta.author.as_deref(), Some("فريق التحرير"));
    assert_eq!(d.meta.source.as_deref(), Some("day.json#0"));
    assert!(d.text.starts_with("افتتاح مشروع جديد\n\nافتتح المحافظ"));
    // An empty body with a headline is a headline-only article.
    assert_eq!(docs[1].as_ref().map(|d| d.text.as_str()).ok(), Some("خبر بلا نص"));
}

#[test]
fn custom_mappings_are_parsed() {
    let m = Mapping::parse("text=body|story,published=pub").expect("valid mapping");
    assert_eq!(m.text, vec!["body", "story"]);
    assert_eq!(m.published, vec!["pub"]);
    assert!(Mapping::parse("colour=red").is_err());
    assert!(Mapping::parse("nonsense").is_err());
}

#[test]
fn json_arrays_are_streamed_element_by_element() {
    let data = r#"[ {"text":"\"أ\" ]}"}, {"text": }, 42, {"text":"ب"} ]"#;
    let docs = read_docs("a.json", data.as_bytes(), &ReadOptions::default());
    let texts: Vec<String> = docs
        .iter()
        .map(|d| d.as_ref().map(|d| d.text.clone()).unwrap_or_else(|e| format!("ERR {}", e.source)))
        .collect();
    assert_eq!(texts, vec!["\"أ\" ]}", "ERR a.json#1", "ERR a.json#2", "ب"]);
    // Truncated array: the records before the cut survive, then one error.
    let docs =
        read_docs("t.json", r#"[{"text":"أ"},{"text":"ب"#.as_bytes(), &ReadOptions::default());
    assert_eq!(docs.len(), 2);
    assert!(docs[0].is_ok());
    assert!(docs[1].as_ref().err().is_some_and(|e| e.reason.contains("truncated")));
}

#[test]
fn zip_and_gzip_archives_are_read_in_name_order() {
    let mut zip_bytes = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut zip_bytes);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("b/page.html", opts).expect("zip");
        z.write_all("<html><body><article><p>نص الصفحة في الأرشيف، وهو نص طويل بما يكفي ليكون مقالاً.</p></article></body></html>".as_bytes()).expect("zip");
        z.start_file("a/lines.jsonl", opts).expect("zip");
        z.write_all("{\"text\":\"سطر أول\"}\n{\"text\":\"سطر ثان\"}\n".as_bytes()).expect("zip");
        z.start_file("c/note.txt", opts).expect("zip");
        z.write_all("نص عادي".as_bytes()).expect("zip");
        z.start_file("d/inner.jsonl.gz", opts).expect("zip");
        z.write_all(&gzip("{\"text\":\"مضغوط\"}\n".as_bytes())).expect("zip");
        z.finish().expect("zip");
    }
    let docs = read_docs("bundle.zip", zip_bytes.get_ref(), &ReadOptions::default());
    let got: Vec<(String, String)> = docs
        .into_iter()
        .map(|d| d.map(|d| (d.meta.source.unwrap_or_default(), d.text)).expect("all members read"))
        .collect();
    assert_eq!(got[0], ("bundle.zip!a/lines.jsonl:1".to_string(), "سطر أول".to_string()));
    assert_eq!(got[1].1, "سطر ثان");
    assert_eq!(got[2].0, "bundle.zip!b/page.html");
    assert!(got[2].1.contains("نص الصفحة في الأرشيف"));
    assert_eq!(got[3], ("bundle.zip!c/note.txt".to_string(), "نص عادي".to_string()));
    assert_eq!(got[4], ("bundle.zip!d/inner.jsonl.gz:1".to_string(), "مضغوط".to_string()));
}

#[test]
fn directories_are_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("b.txt"), "ب").expect("write");
    std::fs::write(dir.path().join("a.txt"), "أ").expect("write");
    std::fs::write(dir.path().join("sub/c.jsonl.gz"), gzip("{\"text\":\"ج\"}\n".as_bytes()))
        .expect("write");
    std::fs::write(dir.path().join("image.bin"), [0u8, 1, 2, 3, 0, 0]).expect("write");
    std::fs::write(dir.path().join(".hidden.txt"), "مخفي").expect("write");
    let items: Vec<Item> = marsad_ingest::items(
        vec![Input::Path(dir.path().to_path_buf())],
        ReadOptions::default(),
        4,
    )
    .collect();
    assert_eq!(skipped(&items), 1, "the binary file is skipped");
    let docs: Vec<String> = marsad_ingest::documents(
        vec![Input::Path(dir.path().to_path_buf())],
        ReadOptions::default(),
        Default::default(),
    )
    .map(|d| d.map(|d| d.text).expect("ok"))
    .collect();
    assert_eq!(docs, vec!["أ", "ب", "ج"]);
}

#[test]
fn warc_responses_are_decoded_and_non_html_skipped() {
    let page_1256 = encoding_rs::WINDOWS_1256
        .encode("<html><body><div class=\"article-body\"><p>أعلن الوزير اليوم عن خطة جديدة، تشمل مشاريع في عدة مناطق.</p></div></body></html>")
        .0
        .into_owned();
    let gz_page = gzip("<html><body><article><p>خبر مضغوط ومجزأ، يصل عبر ترميز النقل المجزأ والضغط معاً.</p></article></body></html>".as_bytes());
    let mut chunked = Vec::new();
    for part in gz_page.chunks(10) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut warc = Vec::new();
    warc.extend(gzip(&warc_record("warcinfo", "", b"software: test\r\n")));
    warc.extend(gzip(&warc_record(
        "response",
        "http://example.org/a",
        &http_response("Content-Type: text/html; charset=windows-1256\r\n", &page_1256),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "http://example.org/logo.png",
        &http_response("Content-Type: image/png\r\n", b"\x89PNG...."),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "http://example.org/b",
        &http_response(
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        ),
    )));
    let items = read_items("crawl.warc.gz", &warc, &ReadOptions::default());
    assert_eq!(skipped(&items), 2, "warcinfo and the image are skipped");
    let docs = read_docs("crawl.warc.gz", &warc, &ReadOptions::default());
    assert_eq!(docs.len(), 2);
    let a = docs[0].as_ref().expect("1256 page");
    assert!(a.text.contains("أعلن الوزير اليوم عن خطة جديدة"), "{}", a.text);
    assert_eq!(a.meta.url.as_deref(), Some("http://example.org/a"));
    assert_eq!(a.meta.published.as_deref(), Some("2024-03-01"));
    let b = docs[1].as_ref().expect("chunked gzip page");
    assert!(b.text.contains("خبر مضغوط ومجزأ"), "{}", b.text);
}

#[test]
fn language_is_detected_when_not_stated() {
    let data = "{\"text\":\"أعلنت الحكومة اليوم عن حزمة جديدة من الإجراءات الاقتصادية لدعم الشركات الصغيرة.\"}\n{\"text\":\"The government announced a new package of economic measures today.\"}\n{\"text\":\"نص\",\"language\":\"fa\"}\n";
    let docs = read_docs("langs.jsonl", data.as_bytes(), &ReadOptions::default());
    let langs: Vec<Option<String>> =
        docs.into_iter().map(|d| d.expect("ok").meta.language).collect();
    assert_eq!(langs, vec![Some("ar".to_string()), Some("en".to_string()), Some("fa".to_string())]);
}
