//! Prints the entities and actors of a text file (or of standard input) for inspection.

use std::io::Read;
use std::sync::Arc;

use marsad_entities::EntityRecognizer;
use marsad_lexicon::Lexicon;
use marsad_text::TextDoc;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path).unwrap_or_default(),
        None => {
            let _ = std::io::stdin().read_to_string(&mut text);
        }
    }
    let lexicon = match Lexicon::embedded() {
        Ok(l) => Arc::new(l),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let layer = EntityRecognizer::new(lexicon).recognize(&TextDoc::new(text));
    for e in &layer.entities {
        println!(
            "{}\t{}..{}\t{}\t{}\t{}",
            e.kind.as_str(),
            e.start,
            e.end,
            e.text,
            e.code.as_deref().unwrap_or("-"),
            e.rule
        );
    }
    for a in &layer.actors {
        let roles: Vec<&str> = a.role_mentions.iter().map(|r| r.text.as_str()).collect();
        println!("{}\t{}\t{}\t{}\t{:?}\t{}", a.id, a.kind.as_str(), a.name, a.code, roles, a.rule);
    }
}
