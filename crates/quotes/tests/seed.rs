//! The founding article scored against its gold annotation (quotes, attribution, sources),
//! with real entities from `marsad-entities`, by the project's scoring rules.

mod common;

#[test]
fn seed_article_meets_targets() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed.gold.json");
    let r = common::score_file(&path);
    let report = common::mismatches(&r);
    let (q, a, s) = (r.layer("quotes"), r.layer("attribution"), r.layer("sources"));
    assert!(q.f1 >= 0.95, "quotes F1 {:.3} {q:?}\n{report:#?}", q.f1);
    assert!(a.f1 >= 0.90, "attribution F1 {:.3} {a:?}\n{report:#?}", a.f1);
    assert!(s.f1 >= 0.95, "sources F1 {:.3} {s:?}\n{report:#?}", s.f1);
}
