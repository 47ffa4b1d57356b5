//! Runs the table-driven corpus in `tests/corpus/*.toml` (see the header of each file for the
//! format): every expected expression must be found with its exact span and value, and no
//! unexpected expression may carry a value.

use std::path::PathBuf;

use marsad_lexicon::DataSource;
use marsad_text::TextDoc;
use marsad_timex::TimexExtractor;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct CorpusFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    #[serde(rename = "ref")]
    reference: Option<String>,
    text: String,
    expect: Vec<Expect>,
    #[serde(default)]
    extra: bool,
}

#[derive(Debug, Deserialize)]
struct Expect {
    text: String,
    value: Option<String>,
    hijri: Option<String>,
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn corpus_expressions_resolve() {
    let extractor =
        TimexExtractor::new(&DataSource::Embedded).expect("embedded time vocabulary loads");
    let mut failures = Vec::new();
    let mut expressions = 0;
    let files = corpus_files();
    assert!(!files.is_empty(), "no corpus files found");
    for path in files {
        let content = std::fs::read_to_string(&path).expect("corpus file is readable");
        let corpus: CorpusFile =
            toml::from_str(&content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for case in corpus.case {
            let reference =
                case.reference.as_deref().map(|r| r.parse().expect("reference is a date"));
            let doc = TextDoc::new(case.text.clone());
            let found = extractor.extract(&doc, reference);
            for exp in &case.expect {
                expressions += 1;
                match found.iter().find(|t| t.text == exp.text) {
                    None => failures.push(format!(
                        "{name}: `{}`: missing `{}`; found {:?}",
                        case.text,
                        exp.text,
                        found.iter().map(|t| (&t.text, &t.value)).collect::<Vec<_>>()
                    )),
                    Some(t) => {
                        if t.value != exp.value {
                            failures.push(format!(
                                "{name}: `{}`: value {:?}, expected {:?} ({})",
                                exp.text, t.value, exp.value, t.rule
                            ));
                        }
                        if exp.hijri.is_some() && t.hijri != exp.hijri {
                            failures.push(format!(
                                "{name}: `{}`: hijri {:?}, expected {:?}",
                                exp.text, t.hijri, exp.hijri
                            ));
                        }
                    }
                }
            }
            if !case.extra {
                for t in found.iter().filter(|t| t.value.is_some()) {
                    if !case.expect.iter().any(|e| e.text == t.text) {
                        failures.push(format!(
                            "{name}: `{}`: unexpected `{}` = {:?} ({})",
                            case.text, t.text, t.value, t.rule
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {expressions} corpus checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        expressions >= 300,
        "the corpus should hold at least 300 expressions, has {expressions}"
    );
}
