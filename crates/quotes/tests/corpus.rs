//! Table-driven corpus: Arabic sentences written for this crate, with the quotes (content,
//! kind, speaker) and sources that must be found in them, negatives included. Each file of
//! `tests/corpus/` covers one family of constructions.

mod common;

use serde_json::Value;

fn load(path: &std::path::Path) -> Vec<toml::Value> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: toml::Value = toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    v.get("case").and_then(|c| c.as_array()).cloned().unwrap_or_default()
}

fn s(v: &toml::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

#[test]
fn corpus_cases_hold() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let (ents, quotes) = common::extractors();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut total = 0;
    let mut failures: Vec<String> = Vec::new();
    for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        for (i, case) in load(file).iter().enumerate() {
            total += 1;
            let text = s(case, "text").unwrap_or_default();
            let out = common::analyse(&ents, &quotes, &text);
            let got: Vec<(String, String, Option<String>)> = out
                .quotes
                .iter()
                .map(|q| (q.text.clone(), q.kind.clone(), q.speaker.text.clone()))
                .collect();
            let want = case.get("quotes").and_then(|q| q.as_array()).cloned().unwrap_or_default();
            let mut ok = got.len() == want.len();
            if ok {
                for (g, w) in got.iter().zip(&want) {
                    let wt = s(w, "text").unwrap_or_default();
                    let wk = s(w, "kind").unwrap_or_default();
                    let speaker_ok = match s(w, "speaker").as_deref() {
                        None => true,
                        Some("-") => g.2.is_none(),
                        Some(sp) => g.2.as_deref() == Some(sp),
                    };
                    ok &= g.0 == wt && g.1 == wk && speaker_ok;
                }
            }
            let got_src: Vec<String> = out.sources.iter().map(|s| s.text.clone()).collect();
            let want_src: Vec<String> = case
                .get("sources")
                .and_then(|q| q.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            ok &= got_src == want_src;
            if let Some(kinds) = case.get("source_kinds").and_then(|k| k.as_array()) {
                let got_kinds: Vec<&str> = out.sources.iter().map(|s| s.kind.as_str()).collect();
                let want_kinds: Vec<&str> = kinds.iter().filter_map(|k| k.as_str()).collect();
                ok &= got_kinds == want_kinds;
            }
            if !ok {
                let rules: Vec<&str> = out.quotes.iter().map(|q| q.rule.as_str()).collect();
                failures.push(format!(
                    "{name}#{}: {text}\n   got quotes {got:?}\n   want {}\n   got sources {got_src:?} want {want_src:?}\n   rules {rules:?}",
                    i + 1,
                    Value::from(format!("{want:?}"))
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(total >= 150, "the corpus has {total} cases");
}
