//! Scores quotes, attribution and sources of a `gold/1` file and prints every mismatch:
//! `cargo run -p marsad-quotes --example score_gold -- path/to/gold.json`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: score_gold GOLD.json");
        std::process::exit(2);
    };
    let r = common::score_file(std::path::Path::new(&path));
    for line in common::mismatches(&r) {
        println!("  {line}");
    }
    for layer in ["quotes", "attribution", "sources"] {
        let s = r.layer(layer);
        println!("{layer} F1 {:.3} ({s:?})", s.f1);
    }
}
