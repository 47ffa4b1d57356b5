//! The founding article: events scored against its hand annotation, and the dev set when it
//! is available on this machine (never committed).

mod common;
use common::*;

fn eval_file(path: &str, verbose: bool) -> Option<[(usize, usize, usize); 2]> {
    let dir = std::path::Path::new(path).parent()?.to_path_buf();
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let mut totals = [(0, 0, 0); 2];
    for doc in gold["documents"].as_array()? {
        let text = match doc["text"].as_str() {
            Some(t) => t.to_string(),
            None => std::fs::read_to_string(dir.join(doc["text_path"].as_str()?)).ok()?,
        };
        let (events, log) = run(&text, doc["published"].as_str());
        let g = gold_events(doc);
        for (i, cameo) in [false, true].into_iter().enumerate() {
            let (tp, p, n) = score(&g, &events, cameo);
            totals[i].0 += tp;
            totals[i].1 += p;
            totals[i].2 += n;
        }
        if verbose {
            let (tp, p, n) = score(&g, &events, false);
            println!("== {} tp={tp} pred={p} gold={n}", doc["id"]);
            for t in tuples(&events, false) {
                println!("  P {t:?}");
            }
            for e in &g {
                println!("  G {:?} {:?}->{:?} sym={}", e.plover, e.source, e.target, e.symmetric);
            }
            if std::env::var("EXPLAIN").is_ok() {
                for l in log {
                    println!("    {l}");
                }
            }
        }
    }
    Some(totals)
}

#[test]
fn seed_events_f1() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seed.gold.json");
    let totals = eval_file(path, true).expect("seed gold readable");
    let (p, r, f) = prf(totals[0].0, totals[0].1, totals[0].2);
    let (cp, cr, cf) = prf(totals[1].0, totals[1].1, totals[1].2);
    println!(
        "seed events PLOVER P={p:.3} R={r:.3} F1={f:.3}; CAMEO P={cp:.3} R={cr:.3} F1={cf:.3}"
    );
    assert!(f >= 0.85, "PLOVER F1 {f}");
    assert!(cf >= 0.80, "CAMEO F1 {cf}");
}

#[test]
#[ignore = "needs the dev set of the shared workspace"]
fn dev_events() {
    let Some(totals) = eval_file("/work/shared/dev/gold.json", true) else { return };
    let (p, r, f) = prf(totals[0].0, totals[0].1, totals[0].2);
    let (cp, cr, cf) = prf(totals[1].0, totals[1].1, totals[1].2);
    println!("dev events PLOVER P={p:.3} R={r:.3} F1={f:.3}; CAMEO P={cp:.3} R={cr:.3} F1={cf:.3}");
}
