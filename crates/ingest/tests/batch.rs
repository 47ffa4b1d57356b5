//! The batch runner: order, error reports, counts, and the output formats.

mod common;

use common::*;
use marsad_ingest::batch::{BatchOptions, Summary, run_batch};
use marsad_ingest::output::{GdeltOptions, OutputFormat, Writer, gdelt_row};
use marsad_ingest::source::{Input, ReadOptions};
use marsad_model::{Analysis, Event, EventActor, EventLocation, Evidence, Span};

fn analyzer() -> marsad_pipeline::Analyzer {
    marsad_pipeline::Analyzer::new().expect("embedded knowledge loads")
}

#[test]
fn batch_output_keeps_input_order_and_reports_every_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = String::new();
    for i in 0..150 {
        if i == 40 || i == 97 {
            data.push_str("{not json}\n");
        }
        data.push_str(&format!(
            "{{\"id\":\"doc-{i}\",\"text\":\"قال الوزير اليوم إن المشروع رقم {i} سيبدأ قريباً.\"}}\n"
        ));
    }
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, data).expect("write");
    let out = Shared::default();
    let errors = Shared::default();
    let options = BatchOptions { jobs: 2, chunk: 7, ..BatchOptions::default() };
    let summary = run_batch(
        vec![Input::Path(path)],
        ReadOptions::default(),
        &options,
        &analyzer(),
        Box::new(out.clone()),
        Box::new(errors.clone()),
    )
    .expect("batch runs");
    assert_eq!((summary.read, summary.ok, summary.failed, summary.skipped), (152, 150, 2, 0));
    let ids: Vec<String> = out
        .text()
        .lines()
        .map(|l| serde_json::from_str::<Analysis>(l).expect("analysis line").id.unwrap_or_default())
        .collect();
    let want: Vec<String> = (0..150).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, want);
    let reports: Vec<serde_json::Value> = errors
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("error line is JSON"))
        .collect();
    assert_eq!(reports.len(), 2);
    assert!(
        reports[0]["source"].as_str().is_some_and(|s| s.ends_with("in.jsonl:41")),
        "{reports:?}"
    );
    assert!(reports[0]["reason"].as_str().is_some_and(|s| s.contains("invalid JSON")));
}

/// An output whose reader goes away after `left` bytes, like `marsad process ... | head`.
struct ClosingPipe {
    left: usize,
}

impl std::io::Write for ClosingPipe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs 20,000 one-line records into an output that closes after `left` bytes.
fn run_into_closing_pipe(jobs: usize, chunk: usize, left: usize) -> Summary {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "{\"text\":\"قال الوزير اليوم إن المشروع سيبدأ قريباً.\"}\n";
    let path = dir.path().join("many.jsonl");
    std::fs::write(&path, line.repeat(20_000)).expect("write");
    let options = BatchOptions { jobs, chunk, ..BatchOptions::default() };
    run_batch(
        vec![Input::Path(path)],
        ReadOptions::default(),
        &options,
        &analyzer(),
        Box::new(ClosingPipe { left }),
        Box::new(std::io::sink()),
    )
    .expect("a closed output is not an error")
}

#[test]
fn a_closed_output_stops_the_batch_cleanly() {
    let summary = run_into_closing_pipe(1, 16, 100_000);
    assert!(summary.output_closed);
    assert!(summary.read < 20_000, "reading stopped early ({} read)", summary.read);
    assert_eq!(summary.failed, 0);
}

fn sample_analysis() -> Analysis {
    let span = |s: usize, e: usize, t: &str| Span { start: s, end: e, text: t.into() };
    let event = Event {
        plover: "CONSULT".into(),
        plover_mode: None,
        plover_context: None,
        cameo: "042".into(),
        goldstein: 1.9,
        quad_class: 1,
        source: Some(EventActor {
            code: "RUSGOV".into(),
            name: Some("وزير الدفاع الروسي".into()),
            actor: None,
            mentions: vec![],
            rule: "t".into(),
        }),
        target: Some(EventActor {
            code: "IRN".into(),
            name: Some("إيران".into()),
            actor: None,
            mentions: vec![],
            rule: "t".into(),
        }),
        date: Some("2023-09-19".into()),
        location: Some(EventLocation {
            name: "طهران".into(),
            country: Some("IRN".into()),
            span: span(20, 25, "طهران"),
        }),
        modality: vec![],
        evidence: Evidence {
            sentence: span(0, 30, "وزير الدفاع الروسي يزور طهران"),
            trigger: span(19, 23, "يزور"),
        },
        mentions: vec![],
        pattern: "pattern:visit.001".into(),
    };
    Analysis {
        schema: "analysis/1".into(),
        id: Some("doc-1".into()),
        text: "وزير الدفاع الروسي يزور طهران".into(),
        meta: marsad_model::DocMeta {
            url: Some("https://example.org/a".into()),
            ..Default::default()
        },
        events: vec![event],
        ..Default::default()
    }
}

#[test]
fn gdelt_rows_have_61_columns_mapped_from_the_event() {
    let a = sample_analysis();
    let row = gdelt_row(&a, &a.events[0], 7, "20240101000000");
    assert_eq!(row.len(), 61);
    assert_eq!(row[0], "7");
    assert_eq!(row[1], "20230919");
    assert_eq!(row[2], "202309");
    assert_eq!(row[3], "2023");
    assert_eq!(row[4], "2023.7151");
    assert_eq!(row[5], "RUSGOV");
    assert_eq!(row[7], "RUS");
    assert_eq!(row[12], "GOV");
    assert_eq!(row[15], "IRN");
    assert_eq!(row[17], "IRN");
    assert_eq!(row[26], "042");
    assert_eq!(row[27], "042");
    assert_eq!(row[28], "04");
    assert_eq!(row[29], "1");
    assert_eq!(row[30], "1.9");
    assert_eq!(row[52], "طهران");
    assert_eq!(row[53], "IR", "FIPS 10-4 code of Iran");
    assert_eq!(row[59], "20240101000000");
    assert_eq!(row[60], "https://example.org/a");

    let mut buf = Vec::new();
    let mut w = Writer::new(
        &mut buf,
        OutputFormat::Gdelt,
        &GdeltOptions { first_id: 1, date_added: Some("20240101000000".into()) },
    );
    w.write(&a).expect("write");
    w.finish().expect("finish");
    let text = String::from_utf8(buf).expect("utf-8");
    assert_eq!(text.lines().count(), 1);
    assert_eq!(text.trim_end_matches('\n').split('\t').count(), 61);
}

#[test]
fn csv_rows_have_a_header_and_one_row_per_event() {
    let a = sample_analysis();
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf, OutputFormat::Csv, &GdeltOptions::default());
    w.write(&a).expect("write");
    w.finish().expect("finish");
    let mut r = csv::Reader::from_reader(&buf[..]);
    let header = r.headers().expect("header").clone();
    assert_eq!(header.len(), marsad_ingest::output::CSV_HEADER.len());
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][8], "042");
    assert_eq!(&rows[0][11], "RUSGOV");
}

#[test]
fn skipped_records_are_counted_by_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "<html><body><article><p>أعلن المجلس البلدي اليوم عن افتتاح حديقة عامة جديدة، تضم مسارات للمشي وملاعب للأطفال.</p></article></body></html>";
    let mut warc = Vec::new();
    warc.extend(gzip(&warc_record("warcinfo", "", b"software: test\r\n")));
    warc.extend(gzip(&warc_record(
        "response",
        "http://example.org/a",
        &http_response("Content-Type: text/html\r\n", page.as_bytes()),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "http://example.org/i.png",
        &http_response("Content-Type: image/png\r\n", b"\x89PNG"),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "http://example.org/j.jpg",
        &http_response("Content-Type: image/jpeg\r\n", b"\xff\xd8"),
    )));
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, warc).expect("write");
    let summary = run_batch(
        vec![Input::Path(path)],
        ReadOptions::default(),
        &BatchOptions { format: OutputFormat::Csv, ..BatchOptions::default() },
        &analyzer(),
        Box::new(std::io::sink()),
        Box::new(std::io::sink()),
    )
    .expect("batch runs");
    assert_eq!((summary.read, summary.ok, summary.failed, summary.skipped), (4, 1, 0, 3));
    assert_eq!(summary.skip_reasons.get("not HTML"), Some(&2));
    assert_eq!(summary.skip_reasons.get("WARC record of type"), Some(&1));
    assert!(
        summary.to_string().contains("skipped: WARC record of type: 1, not HTML: 2"),
        "{summary}"
    );
}

#[test]
fn chunks_finished_out_of_order_are_written_in_input_order() {
    // One record per chunk, more workers than cores and articles of very different
    // lengths, so later chunks often finish before earlier ones.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = String::new();
    for i in 0..60 {
        let body = "قال الوزير اليوم إن المشروع سيبدأ في 5 مايو المقبل. ".repeat(1 + (i % 7) * 30);
        data.push_str(&format!("{{\"id\":\"doc-{i}\",\"text\":\"{body}\"}}\n"));
    }
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, data).expect("write");
    let out = Shared::default();
    let options = BatchOptions { jobs: 4, chunk: 1, ..BatchOptions::default() };
    let summary = run_batch(
        vec![Input::Path(path)],
        ReadOptions::default(),
        &options,
        &analyzer(),
        Box::new(out.clone()),
        Box::new(std::io::sink()),
    )
    .expect("batch runs");
    assert_eq!((summary.read, summary.ok), (60, 60));
    let ids: Vec<String> = out
        .text()
        .lines()
        .map(|l| serde_json::from_str::<Analysis>(l).expect("analysis line").id.unwrap_or_default())
        .collect();
    let want: Vec<String> = (0..60).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn a_closed_output_stops_several_workers_cleanly() {
    let summary = run_into_closing_pipe(3, 4, 50_000);
    assert!(summary.output_closed);
    assert!(summary.read < 20_000, "reading stopped early ({} read)", summary.read);
}
