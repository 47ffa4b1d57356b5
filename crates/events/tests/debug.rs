//! `SENT='...' cargo test -p marsad-events --test debug -- --ignored --nocapture` prints how
//! a sentence is coded: a maintainer's tool for writing patterns.

mod common;

#[test]
#[ignore = "interactive tool"]
fn explain_sentence() {
    let Ok(text) = std::env::var("SENT") else { return };
    let (events, log) = common::run(&text, None);
    for l in log {
        println!("{l}");
    }
    for e in events {
        println!(
            "{} {} {:?} -> {:?} {:?}",
            e.plover,
            e.cameo,
            e.source.map(|s| s.code),
            e.target.map(|t| t.code),
            e.modality
        );
    }
}
