//! No input makes the recognizer panic, and it runs in linear-ish time.

use std::sync::{Arc, OnceLock};

use marsad_entities::EntityRecognizer;
use marsad_lexicon::Lexicon;
use marsad_text::TextDoc;
use proptest::prelude::*;

fn rec() -> &'static EntityRecognizer {
    static R: OnceLock<EntityRecognizer> = OnceLock::new();
    R.get_or_init(|| EntityRecognizer::new(Arc::new(Lexicon::embedded().expect("lexicon loads"))))
}

fn check_spans(text: &str) {
    let doc = TextDoc::new(text.to_string());
    let layer = rec().recognize(&doc);
    let chars: Vec<char> = text.chars().collect();
    for e in &layer.entities {
        assert!(e.start < e.end && e.end <= chars.len(), "bad span {e:?}");
        let s: String = chars[e.start..e.end].iter().collect();
        assert_eq!(s, e.text);
        let a = e.actor.expect("every mention has an actor");
        assert!(layer.actors[a].mentions.iter().any(|&m| layer.entities[m] == *e));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_strings_do_not_panic(s in "\\PC{0,200}") {
        check_spans(&s);
    }

    #[test]
    fn arabic_like_strings_do_not_panic(s in "[\\u0600-\\u06FF «»\"،,\\-0-9]{0,300}") {
        check_spans(&s);
    }

    #[test]
    fn word_salad_does_not_panic(words in proptest::collection::vec(
        prop_oneof![
            Just("وزير"), Just("الدفاع"), Just("الروسي"), Just("،"), Just("-"), Just("سو"), Just("35"),
            Just("محمد"), Just("بن"), Just("الجيش"), Just("نظيره"), Just("في"), Just("روسيا"),
            Just("\""), Just("القوات"), Just("المسلحة"), Just("للقوات"), Just("قال"), Just("أقصى"),
            Just("الشرق"), Just("وكالة"), Just("الأنباء"), Just("اللواء"), Just("باقري"),
        ],
        0..80,
    )) {
        check_spans(&words.join(" "));
    }
}

#[test]
fn long_garbage_is_bounded() {
    let text =
        "، - \" ".repeat(20_000) + &"محمد ".repeat(20_000) + &"وزير الدفاع الروسي، ".repeat(5_000);
    let t = std::time::Instant::now();
    check_spans(&text);
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}
