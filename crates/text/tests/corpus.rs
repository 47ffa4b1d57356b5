//! Table-driven Arabic corpora for the text layer (`tests/corpus/*.toml`).

use marsad_text::{SentenceKind, segment, split_sentences};
use serde::Deserialize;

#[derive(Deserialize)]
struct SegFile {
    case: Vec<SegCase>,
}

#[derive(Deserialize)]
struct SegCase {
    word: String,
    expect: [String; 3],
    #[serde(default)]
    known: Vec<String>,
}

#[derive(Deserialize)]
struct SentFile {
    case: Vec<SentCase>,
}

#[derive(Deserialize)]
struct SentCase {
    text: String,
    expect: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
}

fn load<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    let s = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn segmentation_corpus() {
    let file: SegFile = load("segment.toml");
    let mut failures = Vec::new();
    for c in &file.case {
        let known: Vec<String> = c.known.iter().map(|k| marsad_text::normalize_word(k)).collect();
        let s = segment(&c.word, |w| known.iter().any(|k| k == w));
        let got = [&c.word[s.proclitics], &c.word[s.stem], &c.word[s.enclitic]];
        if got != [c.expect[0].as_str(), c.expect[1].as_str(), c.expect[2].as_str()] {
            failures.push(format!("{}: got {got:?}, expected {:?}", c.word, c.expect));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}

#[test]
fn sentence_corpus() {
    let file: SentFile = load("sentences.toml");
    let mut failures = Vec::new();
    for c in &file.case {
        let sents = split_sentences(&c.text);
        let got: Vec<&str> = sents.iter().map(|s| &c.text[s.start..s.end]).collect();
        if got != c.expect {
            failures.push(format!("{:?}: got {got:?}", c.text));
            continue;
        }
        if !c.kinds.is_empty() {
            let kinds: Vec<&str> = sents
                .iter()
                .map(|s| if s.kind == SentenceKind::Headline { "headline" } else { "body" })
                .collect();
            if kinds != c.kinds {
                failures.push(format!("{:?}: kinds {kinds:?}", c.text));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}
