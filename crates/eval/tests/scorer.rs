//! Tests of the scorer itself: a perfect prediction scores 1.0 everywhere, an empty one
//! scores recall 0, and hand-made partial cases score what the rules of `formats.md` say.

use std::path::Path;

use marsad_eval::{GoldDocument, GoldFile, LayerScore, Report, score_document};
use marsad_model::{
    Analysis, Entity, EntityType, Event, EventActor, Evidence, Quote, Source, Span, Speaker, Timex,
};

fn seed() -> GoldDocument {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed.gold.json");
    let mut file = GoldFile::load(&path).expect("seed gold loads");
    file.documents.remove(0)
}

fn kind(s: &str) -> EntityType {
    match s {
        "PER" => EntityType::Per,
        "ORG" => EntityType::Org,
        "LOC" => EntityType::Loc,
        _ => EntityType::Misc,
    }
}

fn side(code: Option<&str>) -> Option<EventActor> {
    code.map(|c| EventActor {
        code: c.into(),
        name: None,
        actor: None,
        mentions: vec![],
        rule: "gold".into(),
    })
}

fn event(plover: &str, cameo: &str, s: Option<&str>, t: Option<&str>) -> Event {
    Event {
        plover: plover.into(),
        plover_mode: None,
        plover_context: None,
        cameo: cameo.into(),
        goldstein: 0.0,
        quad_class: 1,
        source: side(s),
        target: side(t),
        date: None,
        location: None,
        modality: vec![],
        evidence: Evidence { sentence: Span::default(), trigger: Span::default() },
        mentions: vec![],
        pattern: "gold".into(),
    }
}

/// An analysis that states exactly what the gold says.
fn perfect(g: &GoldDocument) -> Analysis {
    let mut a = Analysis { text: g.text().to_string(), ..Default::default() };
    for e in g.entities.as_deref().unwrap_or(&[]) {
        a.entities.push(Entity {
            start: e.start,
            end: e.end,
            text: e.text.clone(),
            kind: kind(&e.kind),
            canonical: None,
            actor: None,
            code: None,
            role: None,
            rule: "gold".into(),
        });
    }
    for q in &g.quotes {
        let who =
            q.speaker.as_deref().and_then(|s| g.mention_texts(s).first().map(|m| m.to_string()));
        a.quotes.push(Quote {
            start: q.start,
            end: q.end,
            text: q.text.clone(),
            kind: q.kind.clone().unwrap_or_default(),
            speaker: Speaker { text: who, actor: None, code: None, mention: None },
            verb: None,
            rule: "gold".into(),
        });
    }
    for s in &g.sources {
        a.sources.push(Source {
            start: s.start,
            end: s.end,
            text: s.text.clone(),
            kind: "named".into(),
            cue: None,
            actor: None,
            code: None,
            rule: "gold".into(),
        });
    }
    for t in &g.timex {
        a.timex.push(Timex {
            start: t.start,
            end: t.end,
            text: t.text.clone(),
            value: t.value.clone(),
            kind: "date".into(),
            hijri: None,
            flags: vec![],
            rule: "gold".into(),
        });
    }
    for e in &g.events {
        let cameo = format!("{}0", e.cameo_root[0]);
        a.events.push(event(&e.plover[0], &cameo, e.source.as_deref(), e.target.as_deref()));
    }
    a
}

fn layer(r: &Report, name: &str) -> LayerScore {
    r.layer(name)
}

#[test]
fn perfect_prediction_scores_one_everywhere() {
    let g = seed();
    let mut r = Report::default();
    r.push(score_document(&g, &perfect(&g)));
    for name in marsad_eval::LAYERS {
        let s = layer(&r, name);
        assert_eq!((s.p, s.r, s.f1), (1.0, 1.0, 1.0), "{name}: {s:?}");
    }
    assert_eq!(layer(&r, "entities").gold, 83);
    assert_eq!(layer(&r, "quotes").gold, 14);
    assert_eq!(layer(&r, "events").gold, 9);
}

#[test]
fn empty_prediction_scores_recall_zero() {
    let g = seed();
    let empty = Analysis { text: g.text().to_string(), ..Default::default() };
    let mut r = Report::default();
    r.push(score_document(&g, &empty));
    for name in marsad_eval::LAYERS {
        let s = layer(&r, name);
        assert_eq!((s.p, s.r, s.f1, s.pred), (0.0, 0.0, 0.0, 0), "{name}: {s:?}");
    }
}

#[test]
fn partial_cases_score_by_the_rules() {
    let g = seed();
    let mut a = perfect(&g);
    // Entities: shift one span by a character (strict miss, relaxed hit), change a type.
    a.entities[0].end -= 1;
    a.entities[1].kind = EntityType::Org;
    // Quotes: a quote overlapping less than half of the shorter does not match; a wrong speaker
    // keeps the quote but loses attribution.
    let q0 = &mut a.quotes[0];
    let len = q0.end - q0.start;
    q0.start += len / 2 + 2;
    q0.end += len;
    a.quotes[1].speaker.text = Some("محمد باقري".into());
    // Timex: a wrong value is a miss; a duration is not scored.
    a.timex[0].value = Some("2023-09-18".into());
    a.timex.push(Timex {
        start: 0,
        end: 1,
        text: "x".into(),
        value: Some("P4D".into()),
        kind: "duration".into(),
        hijri: None,
        flags: vec![],
        rule: "t".into(),
    });
    // Events: a duplicate tuple counts once; a symmetric gold event matches reversed; a wrong
    // country is spurious.
    a.events.push(event("CONSULT", "042", Some("RUSGOV"), Some("IRNMIL")));
    a.events[0] = event("CONSULT", "043", Some("IRN"), Some("RUS"));
    a.events.push(event("ASSAULT", "190", Some("---REB"), Some("UKR")));
    let mut r = Report::default();
    r.push(score_document(&g, &a));

    let e = layer(&r, "entities");
    assert_eq!((e.tp, e.pred, e.gold), (81, 83, 83));
    let er = layer(&r, "entities_relaxed");
    assert_eq!((er.tp, er.pred, er.gold), (82, 83, 83));
    let q = layer(&r, "quotes");
    assert_eq!((q.tp, q.pred, q.gold), (13, 14, 14));
    let at = layer(&r, "attribution");
    assert_eq!(at.tp, 12);
    let t = layer(&r, "timex");
    assert_eq!((t.tp, t.pred, t.gold), (7, 8, 8));
    let ev = layer(&r, "events");
    // Nine distinct gold tuples; the prediction adds CONSULT IRN→RUS (the reverse of a
    // symmetric gold event, which pairs only once) and ASSAULT with an unknown source.
    assert_eq!((ev.tp, ev.pred, ev.gold), (9, 11, 9));
    assert!((ev.p - 9.0 / 11.0).abs() < 1e-9 && (ev.r - 1.0).abs() < 1e-9);
}

#[test]
fn dev_set_loads_when_present() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev/gold.json");
    if !path.exists() {
        eprintln!("skipping: {} not present", path.display());
        return;
    }
    let file = GoldFile::load(&path).expect("dev gold loads");
    assert_eq!(file.documents.len(), 8);
    assert!(file.documents.iter().all(|d| !d.text().is_empty()));
}
