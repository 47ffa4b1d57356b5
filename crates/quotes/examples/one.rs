//! Prints the quotes and sources of one text given as the first argument (a debugging aid):
//! `cargo run -p marsad-quotes --example one -- "قال الوزير إن ..."`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let (ents, quotes) = common::extractors();
    let doc = marsad_text::TextDoc::new(text.as_str());
    let layer = ents.recognize(&doc);
    for e in &layer.entities {
        println!("E {:?} {} actor={:?}", e.kind, e.text, e.actor);
    }
    let out = quotes.extract(&doc, &layer);
    for q in &out.quotes {
        println!("Q {} «{}» by {:?} [{}]", q.kind, q.text, q.speaker.text, q.rule);
    }
    for s in &out.sources {
        println!("S {} ({}) [{}]", s.text, s.kind, s.rule);
    }
}
