//! Every knowledge file the entity layer reads loads and validates, and malformed lines are
//! rejected with file, line and reason.

use std::path::PathBuf;

use marsad_lexicon::{DataSource, Gazetteer, Lexicon, Names, Organisations, Titles};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

#[test]
fn embedded_files_load() {
    let lex = Lexicon::embedded().expect("embedded knowledge loads");
    assert!(lex.geo.countries.len() >= 190, "countries and groups: {}", lex.geo.countries.len());
    assert!(lex.geo.country("RUS").is_some_and(|c| !c.nisbas.is_empty()));
    assert_eq!(lex.geo.nisba("الروسيه"), Some("RUS"));
    assert_eq!(lex.geo.nisba("الكوريه الشماليه"), Some("PRK"));
    assert!(lex.titles.titles.len() > 300);
    assert!(lex.orgs.heads.len() > 100);
    assert!(lex.names.equipment("سوخوي").is_some());
}

#[test]
fn files_on_disk_load_like_embedded() {
    let src = DataSource::Dir(root());
    Gazetteer::load(&src).expect("gazetteer");
    Organisations::load(&src).expect("organisations");
    Titles::load(&src).expect("titles");
    Names::load(&src).expect("names");
}

/// A data directory with the real country file and one extra file.
fn dir_with(rel: &str, content: &str) -> (DataSource, PathBuf) {
    // Tests run in parallel and several write the same file: each gets its own directory.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let unique = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let base = std::env::temp_dir().join(format!(
        "marsad-entities-test-{}-{}-{unique}",
        std::process::id(),
        rel.replace('/', "_")
    ));
    let _ = std::fs::remove_dir_all(&base);
    for sub in ["geo", "orgs", "names"] {
        std::fs::create_dir_all(base.join(sub)).expect("mkdir");
    }
    std::fs::copy(root().join("geo/countries.tsv"), base.join("geo/countries.tsv")).expect("copy");
    std::fs::copy(root().join("geo/groups.tsv"), base.join("geo/groups.tsv")).expect("copy");
    std::fs::write(base.join(rel), content).expect("write");
    (DataSource::Dir(base.clone()), base)
}

fn error_of(rel: &str, content: &str) -> String {
    let (src, base) = dir_with(rel, content);
    let r = Lexicon::load(src).err().map(|e| e.to_string()).unwrap_or_default();
    let _ = std::fs::remove_dir_all(base);
    r
}

#[test]
fn unknown_country_in_places_is_rejected() {
    let e = error_of("geo/places.tsv", "# names iso3 kind\nحلب\tSYR\tcity\nمكان\tXYZ\tcity\n");
    assert_eq!(e, "geo/places.tsv:3: unknown country code `XYZ`");
}

#[test]
fn bad_place_kind_is_rejected() {
    let e = error_of("geo/places.tsv", "حلب\tSYR\tvillage\n");
    assert_eq!(e, "geo/places.tsv:1: unknown place kind `village`");
}

#[test]
fn duplicate_org_id_is_rejected() {
    let e = error_of(
        "orgs/orgs.tsv",
        "# id names code country agents kind\nreuters\tرويترز\tGBRMED\tGBR\tMED\tmedia\nreuters\tوكالة رويترز\tGBRMED\tGBR\tMED\tmedia\n",
    );
    assert_eq!(e, "orgs/orgs.tsv:3: duplicate id `reuters`");
}

#[test]
fn bad_agent_code_is_rejected() {
    let e = error_of("orgs/titles.tsv", "وزير الدفاع\tGOV|XXX\toffice\n");
    assert_eq!(e, "orgs/titles.tsv:1: unknown agent code `XXX`");
    let e =
        error_of("orgs/org_heads.tsv", "الجيش\tMIL\tmilitary\tcomplement\nالقوات\tFOO\tmilitary\n");
    assert_eq!(e, "orgs/org_heads.tsv:2: unknown agent code `FOO`");
}

#[test]
fn bad_org_head_usage_is_rejected() {
    let e = error_of("orgs/org_heads.tsv", "الجيش\tMIL\tmilitary\talways\n");
    assert_eq!(e, "orgs/org_heads.tsv:1: use `standalone`, `complement` or `nisba`, not `always`");
}

#[test]
fn unknown_country_in_people_and_orgs_is_rejected() {
    let e = error_of("names/people.tsv", "فلاديمير بوتين|بوتين\tRUX\tGOV\tالرئيس الروسي\n");
    assert_eq!(e, "names/people.tsv:1: unknown country code `RUX`");
    let e = error_of("orgs/orgs.tsv", "x\tشيء\tRUXGOV\tRUX\tGOV\tgovernment\n");
    assert_eq!(e, "orgs/orgs.tsv:1: unknown country code `RUX`");
}

#[test]
fn bad_cue_and_equipment_lines_are_rejected() {
    let e = error_of("names/name_cues.tsv", "في\tstop\nقال\tverb\n");
    assert_eq!(e, "names/name_cues.tsv:2: unknown cue kind `verb`");
    let e = error_of("names/name_cues.tsv", "في\tstop\nفى\tstop\n");
    assert_eq!(e, "names/name_cues.tsv:2: duplicate cue `فى`");
    let e = error_of("names/equipment.tsv", "سوخوي\tmaker\nياك\tplane\n");
    assert_eq!(e, "names/equipment.tsv:2: kind `plane` is not maker|model");
}

#[test]
fn bad_first_name_lines_are_rejected() {
    let e = error_of("names/first_names.tsv", "محمد\tarabic\tm\nسيرجي\trussian\tx\n");
    assert_eq!(e, "names/first_names.tsv:2: gender `x` is not m|f|u");
}

#[test]
fn duplicate_country_code_is_rejected() {
    let (src, base) = dir_with("geo/places.tsv", "");
    let mut c = std::fs::read_to_string(base.join("geo/countries.tsv")).expect("read");
    c.push_str("RUS\tروسيا البيضاء الثانية\t\t\t\n");
    std::fs::write(base.join("geo/countries.tsv"), &c).expect("write");
    let e = Gazetteer::load(&src).err().map(|e| e.to_string()).unwrap_or_default();
    let line = c.lines().count();
    assert_eq!(e, format!("geo/countries.tsv:{line}: duplicate code `RUS`"));
    let _ = std::fs::remove_dir_all(base);
}
