//! Prints the quotes and sources of each text file given as argument, for reading the
//! output on unannotated articles: `cargo run -p marsad-quotes --example dump -- a.txt b.txt`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let (ents, quotes) = common::extractors();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let out = common::analyse(&ents, &quotes, &text);
        println!("=== {path}");
        for q in &out.quotes {
            let short: String = q.text.chars().take(90).collect();
            println!("Q {} «{}» by {:?} [{}]", q.kind, short, q.speaker.text, q.rule);
        }
        for s in &out.sources {
            println!("S {} ({}) [{}]", s.text, s.kind, s.rule);
        }
    }
}
