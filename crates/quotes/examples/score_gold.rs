//! Scores quotes, attribution and sources of a `gold/1` file and prints every mismatch:
//! `cargo run -p marsad-quotes --example score_gold -- path/to/gold.json`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: score_gold GOLD.json");
        std::process::exit(2);
    };
    let scores = common::score_file(std::path::Path::new(&path));
    for d in &scores {
        println!(
            "== {}  quotes {}/{}/{}  attr {}  sources {}/{}/{}",
            d.id,
            d.quotes.tp,
            d.quotes.pred,
            d.quotes.gold,
            d.attribution.tp,
            d.sources.tp,
            d.sources.pred,
            d.sources.gold
        );
        for line in &d.report {
            println!("  {line}");
        }
    }
    let (q, a, s) = common::totals(&scores);
    println!(
        "quotes F1 {:.3} ({q:?})\nattribution F1 {:.3} ({a:?})\nsources F1 {:.3} ({s:?})",
        q.f1(),
        a.f1(),
        s.f1()
    );
}
