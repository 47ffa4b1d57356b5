//! The table-driven corpus: Arabic news sentences → expected entity mentions and actor codes.
//!
//! Each `tests/corpus/*.toml` file holds `[[case]]` tables:
//!
//! * `text`: one or more sentences;
//! * `mentions`: every expected entity mention as `"text/TYPE"`, in order of appearance; the
//!   prediction must be exactly this list (no missing and no extra mention);
//! * `codes` (optional): `"mention=CODE"` pairs: the actor of that mention has this code;
//!   `"role:phrase=CODE"` checks the actor a role phrase resolves to;
//! * `same` (optional): `"a=b"` pairs of mentions or role phrases that must share an actor;
//! * `gap` (optional): a documented known weakness; such a case is reported, not asserted.

use std::sync::Arc;

use marsad_entities::{EntityLayer, EntityRecognizer};
use marsad_lexicon::Lexicon;
use marsad_text::TextDoc;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    #[serde(default)]
    mentions: Vec<String>,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    same: Vec<String>,
    #[serde(default)]
    gap: Option<String>,
}

fn actor_of(layer: &EntityLayer, what: &str) -> Option<usize> {
    if let Some(role) = what.strip_prefix("role:") {
        return layer.actors.iter().position(|a| a.role_mentions.iter().any(|r| r.text == role));
    }
    layer.entities.iter().find(|e| e.text == what).and_then(|e| e.actor)
}

fn check(layer: &EntityLayer, case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let got: Vec<String> =
        layer.entities.iter().map(|e| format!("{}/{}", e.text, e.kind.as_str())).collect();
    if got != case.mentions {
        problems.push(format!("mentions: expected {:?}, got {:?}", case.mentions, got));
    }
    for c in &case.codes {
        let Some((what, code)) = c.rsplit_once('=') else {
            problems.push(format!("malformed code check `{c}`"));
            continue;
        };
        match actor_of(layer, what).and_then(|a| layer.actors.get(a)) {
            Some(a) if a.code == code => {}
            Some(a) => problems
                .push(format!("code of `{what}`: expected {code}, got {} ({})", a.code, a.rule)),
            None => problems.push(format!("no actor for `{what}`")),
        }
    }
    for s in &case.same {
        let Some((x, y)) = s.split_once('=') else { continue };
        let (ax, ay) = (actor_of(layer, x), actor_of(layer, y));
        if ax.is_none() || ax != ay {
            problems.push(format!("`{x}` and `{y}` should be one actor ({ax:?} vs {ay:?})"));
        }
    }
    problems
}

#[test]
fn corpus() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let lexicon = Arc::new(Lexicon::embedded().expect("lexicon loads"));
    let rec = EntityRecognizer::new(lexicon);
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("corpus dir").flatten().map(|e| e.path()).collect();
    files.sort();
    let (mut total, mut failed, mut gaps) = (0, 0, 0);
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let content = std::fs::read_to_string(path).expect("read corpus file");
        let file: File =
            toml::from_str(&content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            total += 1;
            let layer = rec.recognize(&TextDoc::new(case.text.clone()));
            let problems = check(&layer, case);
            let name =
                path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            match (&case.gap, problems.is_empty()) {
                (Some(reason), false) => {
                    gaps += 1;
                    eprintln!("GAP {name}: {} — {reason}", case.text);
                }
                (Some(_), true) => eprintln!("GAP CLOSED {name}: {}", case.text),
                (None, false) => {
                    failed += 1;
                    eprintln!("FAIL {name}: {}\n  {}", case.text, problems.join("\n  "));
                }
                (None, true) => {}
            }
        }
    }
    eprintln!("corpus: {total} cases, {failed} failed, {gaps} known gaps");
    assert!(total >= 300, "corpus has {total} cases");
    assert_eq!(failed, 0, "{failed} corpus cases failed");
}
