//! The `marsad` binary as a user meets it: analyses, evaluation and bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = marsad()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("marsad starts");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("marsad finishes")
}

#[test]
fn analyzes_the_seed_to_json_whose_text_is_the_input() {
    let out = marsad()
        .args(["analyze", "--date", "2023-09-20"])
        .arg(fixture("seed.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let input = std::fs::read_to_string(fixture("seed.txt")).expect("seed");
    assert_eq!(v["text"].as_str(), Some(input.as_str()));
    assert_eq!(v["schema"], "analysis/1");
    for field in ["entities", "quotes", "sources", "timex", "events", "sentences"] {
        assert!(v[field].is_array(), "{field}");
    }
    assert!(v["sentences"].as_array().is_some_and(|s| s.len() > 20));
    assert_eq!(v["reference_date"]["date"], "2023-09-20");
}

#[test]
fn pretty_output_is_plain_when_not_a_terminal() {
    let out = marsad()
        .args(["analyze", "--format", "pretty"])
        .arg(fixture("seed.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("Article"));
    assert!(!s.contains('\x1b'));
}

#[test]
fn empty_input_gives_an_empty_analysis() {
    let out = run_stdin(&["analyze", "-"], b"");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["text"], "");
    assert_eq!(v["entities"].as_array().map(Vec::len), Some(0));
}

#[test]
fn invalid_utf8_is_an_error_naming_the_byte_offset() {
    let out = run_stdin(&["analyze"], b"abc \xff\xfe def");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid UTF-8 at byte offset 4"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn lossy_mode_reports_a_diagnostic() {
    let out = run_stdin(
        &["analyze", "--lossy"],
        "قال \u{0}".as_bytes().iter().chain(b"\xff").copied().collect::<Vec<_>>().as_slice(),
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
    assert!(diags.iter().any(|d| d["code"] == "M0001"), "{diags:?}");
}

#[test]
fn missing_file_is_a_one_line_error() {
    let out = marsad().args(["analyze", "/nonexistent/article.txt"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("marsad: cannot read /nonexistent/article.txt"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn eval_on_the_seed_prints_every_layer() {
    let out = marsad()
        .args(["eval", "--json", "--gold"])
        .arg(fixture("seed.gold.json"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    for layer in [
        "entities",
        "entities_relaxed",
        "quotes",
        "attribution",
        "sources",
        "timex",
        "events",
        "events_cameo",
    ] {
        for k in ["p", "r", "f1", "pred", "gold"] {
            assert!(v[layer][k].is_number(), "{layer}.{k}");
        }
    }
    assert_eq!(v["entities"]["gold"], 83);
}

#[test]
fn a_large_input_is_analysed() {
    let para = std::fs::read_to_string(fixture("seed.txt")).expect("seed");
    let big = para.repeat(300); // about 2 MB
    let out = run_stdin(&["analyze", "--date", "2023-09-20"], big.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn lexicon_check_reports_sizes_and_names_a_broken_line() {
    let out = marsad().args(["lexicon", "check"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("geo/countries.tsv") && s.contains("PLOVER types 16/16"), "{s}");

    // A copy of the knowledge with one malformed line fails at load with file and line.
    let dir = std::env::temp_dir().join(format!("marsad-badlex-{}", std::process::id()));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    copy_dir(&data, &dir);
    let countries = dir.join("geo/countries.tsv");
    let mut text = std::fs::read_to_string(&countries).expect("countries");
    let line = text.lines().count() + 1;
    text.push_str("XX1\n");
    std::fs::write(&countries, text).expect("write");
    let out =
        marsad().arg("--lexicon").arg(&dir).args(["lexicon", "check"]).output().expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("geo/countries.tsv:{line}:")), "{err}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}
