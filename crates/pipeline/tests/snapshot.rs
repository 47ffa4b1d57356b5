//! Golden snapshot of the whole analysis of the seed article, in a compact reading form: every
//! entity, actor, quote, source, time expression and event with its span and the rule that
//! produced it. A change to any layer shows up here as a reviewable diff
//! (`INSTA_UPDATE=always cargo test -p marsad-pipeline --test snapshot` rewrites it after
//! review; `cargo insta review` does the same interactively).

use std::fmt::Write;
use std::path::Path;

use marsad_model::{Analysis, Document};
use marsad_pipeline::{AnalyzeOptions, Analyzer};

fn render(a: &Analysis) -> String {
    let mut o = String::new();
    let side = |x: &Option<marsad_model::EventActor>| {
        x.as_ref().map_or("-".to_string(), |x| x.code.clone())
    };
    let _ = writeln!(o, "reference {:?}", a.reference_date.as_ref().map(|r| &r.date));
    let _ = writeln!(o, "sentences {}", a.sentences.len());
    let _ = writeln!(o, "\n# entities");
    for e in &a.entities {
        let _ = writeln!(
            o,
            "{}-{} {} {} [{}] {}",
            e.start,
            e.end,
            e.kind.as_str(),
            e.text,
            e.code.as_deref().unwrap_or("-"),
            e.rule
        );
    }
    let _ = writeln!(o, "\n# actors");
    for x in &a.actors {
        let _ = writeln!(
            o,
            "{} {} {} role={:?} mentions={}",
            x.id,
            x.code,
            x.name,
            x.role,
            x.mentions.len()
        );
    }
    let _ = writeln!(o, "\n# quotes");
    for q in &a.quotes {
        let head: String = q.text.chars().take(40).collect();
        let _ = writeln!(
            o,
            "{}-{} {} speaker={:?} «{head}» {}",
            q.start, q.end, q.kind, q.speaker.text, q.rule
        );
    }
    let _ = writeln!(o, "\n# sources");
    for s in &a.sources {
        let _ = writeln!(o, "{}-{} {} {} {}", s.start, s.end, s.kind, s.text, s.rule);
    }
    let _ = writeln!(o, "\n# timex");
    for t in &a.timex {
        let _ =
            writeln!(o, "{}-{} {} = {:?} {} {}", t.start, t.end, t.text, t.value, t.kind, t.rule);
    }
    let _ = writeln!(o, "\n# events");
    for e in &a.events {
        let _ = writeln!(
            o,
            "{} {} {} -> {} date={:?} trigger={} {}",
            e.plover,
            e.cameo,
            side(&e.source),
            side(&e.target),
            e.date,
            e.evidence.trigger.text,
            e.pattern
        );
    }
    o
}

#[test]
fn seed_analysis_snapshot() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed.txt");
    let text = std::fs::read_to_string(path).expect("seed text");
    let analyzer = Analyzer::new().expect("embedded knowledge loads");
    let mut doc = Document::from_text(text);
    doc.meta.published = Some("2023-09-20".into());
    let analysis = analyzer.analyze(&doc, &AnalyzeOptions::default());
    insta::assert_snapshot!("seed", render(&analysis));
}
