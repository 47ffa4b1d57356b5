//! The quote layer reads the speech, title and organisation matches that the entity layer
//! found in the same document instead of scanning the text again. This test runs every
//! sentence of the table-driven corpus (and the seed article) both ways: with the entity
//! layer as the recognizer returns it, and with a copy that carries only the entities and
//! actors, so that the quote layer scans the text itself. The results must be equal.

mod common;

use marsad_entities::EntityLayer;
use marsad_text::TextDoc;

fn texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = Vec::new();
    for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let raw = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        let v: toml::Value = toml::from_str(&raw).unwrap_or_else(|e| panic!("{e}"));
        for case in v.get("case").and_then(|c| c.as_array()).cloned().unwrap_or_default() {
            if let Some(t) = case.get("text").and_then(|t| t.as_str()) {
                out.push(t.to_string());
            }
        }
    }
    let seed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed.txt");
    if let Ok(t) = std::fs::read_to_string(seed) {
        out.push(t);
    }
    out
}

#[test]
fn kept_matches_give_the_same_quotes_as_a_fresh_scan() {
    let (ents, quotes) = common::extractors();
    let texts = texts();
    assert!(texts.len() > 20, "the corpus has sentences");
    for text in &texts {
        let doc = TextDoc::new(text.as_str());
        let layer = ents.recognize(&doc);
        assert!(layer.speech_matches(&doc).is_some());
        let mut bare = EntityLayer::default();
        bare.entities = layer.entities.clone();
        bare.actors = layer.actors.clone();
        assert!(bare.speech_matches(&doc).is_none());
        let kept = quotes.extract(&doc, &layer);
        let fresh = quotes.extract(&doc, &bare);
        assert_eq!(kept.quotes, fresh.quotes, "{text}");
        assert_eq!(kept.sources, fresh.sources, "{text}");
    }
}
