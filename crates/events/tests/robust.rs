//! Bad input: garbage, huge sentences, other scripts must cost bounded time and never panic;
//! malformed knowledge files fail at load with file, line and reason.

mod common;
use marsad_events::{EventCoder, EventInput};
use marsad_lexicon::Lexicon;
use proptest::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn code(text: &str) -> usize {
    let e = common::engine();
    let doc = marsad_text::TextDoc::new(text);
    let layer = marsad_entities::EntityLayer::default();
    e.coder
        .code(EventInput { doc: &doc, entities: &layer, timex: &[], quotes: &[], reference: None })
        .len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,300}") {
        let _ = code(&s);
    }

    #[test]
    fn never_panics_on_arabic_soup(words in proptest::collection::vec(
        prop_oneof![
            Just("قصفت"), Just("روسيا"), Just("و"), Just("على"), Just("،"), Just("لم"), Just("بين"),
            Just("الإيرانية"), Just("زيارة"), Just("إلى"), Just("التي"), Just("نفى"), Just("\n"),
            Just("«"), Just("»"), Just("هجماتها"), Just("فرض"), Just("عقوبات"), Just("غربية"), Just("ُ"),
        ],
        0..200,
    )) {
        let _ = code(&words.join(" "));
    }
}

#[test]
fn five_thousand_word_sentence_is_bounded() {
    let unit = "قصفت الطائرات التركية مواقع في سوريا وأعلنت روسيا وإيران فرض عقوبات على الولايات المتحدة و ";
    let text: String = unit.repeat(5000 / 14 + 1);
    let start = Instant::now();
    let n = code(&text);
    let took = start.elapsed();
    assert!(n > 0, "the sentence states events");
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn other_scripts_state_no_events() {
    assert_eq!(code("The Russian defence minister visits Iran. Турция нанесла удар."), 0);
    assert_eq!(code("1234567890 !!! ??? ... ---"), 0);
    assert_eq!(code(""), 0);
    // Mixed script: Arabic events around Latin names still code.
    assert!(
        code("استقبل الرئيس المصري في القاهرة Emmanuel Macron ووصل الرئيس الفرنسي إلى القاهرة.")
            > 0
    );
}

/// A copy of the repository's data directory with one file replaced.
fn data_with(rel: &str, content: &str) -> std::path::PathBuf {
    let src = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
    let dst = std::env::temp_dir().join(format!(
        "marsad-events-{}-{}",
        std::process::id(),
        rel.replace('/', "_")
    ));
    fn copy(a: &std::path::Path, b: &std::path::Path) {
        let _ = std::fs::create_dir_all(b);
        for e in std::fs::read_dir(a).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                copy(&p, &b.join(e.file_name()));
            } else {
                let _ = std::fs::copy(&p, b.join(e.file_name()));
            }
        }
    }
    copy(src, &dst);
    std::fs::write(dst.join(rel), content).expect("write test file");
    dst
}

fn load_error(rel: &str, content: &str) -> String {
    let dir = data_with(rel, content);
    let lexicon = Arc::new(Lexicon::from_dir(&dir).expect("the other knowledge loads"));
    let err = EventCoder::new(lexicon).err().map(|e| e.to_string()).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    err
}

#[test]
fn malformed_patterns_fail_with_file_line_reason() {
    let head = "# comment\n";
    let cases = [
        ("x.1\t999\tverb\tزار/يزور\tobj\t\n", "events/patterns.tsv:2: unknown CAMEO code `999`"),
        (
            "x.1\t042\tverb\tزار/يزور\tobj\t\nx.1\t042\tnoun\tزيارة\t\t\n",
            "events/patterns.tsv:3: duplicate pattern id `x.1`",
        ),
        (
            "x.1\t042\twalk\tزار\t\t\n",
            "events/patterns.tsv:2: unknown kind `walk` (verb, noun, phrase)",
        ),
        (
            "x.1\t042\tverb\tزار/زور\t\t\n",
            "events/patterns.tsv:2: imperfect `زور` must start with ي",
        ),
        (
            "x.1\t042\tnoun\t\u{064E}\u{064F}\t\t\n",
            "events/patterns.tsv:2: trigger `\u{064E}\u{064F}` normalises to nothing",
        ),
        ("x.1\t042\tnoun\tزيارة\tفوق\t\n", "events/patterns.tsv:2: unknown role `فوق`"),
        ("x.1\t042\n", "events/patterns.tsv:2: expected 4..=6 tab-separated columns, found 2"),
        ("x.1\t01\tnoun\tبيان\t\t\n", ""),
    ];
    for (body, want) in cases {
        let got = load_error("events/patterns.tsv", &format!("{head}{body}"));
        assert_eq!(got, want, "for {body:?}");
    }
}

#[test]
fn malformed_tables_fail_with_file_line_reason() {
    let got = load_error("events/cameo.tsv", "042\tMake a visit\t1.9\t3\tCONSULT\tvisit\t\n");
    assert_eq!(got, "events/cameo.tsv:1: quad 3 but root 04 is quad 1");
    let got = load_error("events/cues.tsv", "لم\tmaybe\n");
    assert_eq!(got, "events/cues.tsv:1: unknown cue kind `maybe`");
    let got = load_error("events/actors.tsv", "الجيش\tmil\tforce\n");
    assert_eq!(got, "events/actors.tsv:1: agent code `mil` is not three capital letters");
}

#[test]
fn shipped_knowledge_checks_clean() {
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let report = marsad_events::check(&lexicon).expect("event knowledge validates");
    assert_eq!(report.plover_types.len(), 16, "{report}");
    assert_eq!(report.roots.len(), 20, "{report}");
    assert!(report.cameo_codes > 300);
    assert!(report.patterns > 200);
}

#[test]
#[ignore = "prints the knowledge report"]
fn print_report() {
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    if let Ok(r) = marsad_events::check(&lexicon) {
        println!("{r}");
    }
}
