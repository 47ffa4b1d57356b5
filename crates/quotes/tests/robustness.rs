//! Bad input: unbalanced quotation marks, quotations that never close, a 10,000-word
//! quotation, random mixtures of Arabic speech words and marks. Extraction must never panic,
//! must stay fast, and every span must lie inside the text with its text matching.

mod common;

use marsad_quotes::QuoteLayer;
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractors() -> &'static (marsad_entities::EntityRecognizer, marsad_quotes::QuoteExtractor) {
    static E: OnceLock<(marsad_entities::EntityRecognizer, marsad_quotes::QuoteExtractor)> =
        OnceLock::new();
    E.get_or_init(common::extractors)
}

fn run(text: &str) -> QuoteLayer {
    let (e, q) = extractors();
    common::analyse(e, q, text)
}

fn check_spans(text: &str, layer: &QuoteLayer) {
    let chars: Vec<char> = text.chars().collect();
    for q in &layer.quotes {
        assert!(q.start < q.end && q.end <= chars.len(), "quote span {}..{}", q.start, q.end);
        let s: String = chars[q.start..q.end].iter().collect();
        assert_eq!(s, q.text);
        assert!(q.kind == "direct" || q.kind == "indirect");
    }
    for s in &layer.sources {
        assert!(s.start < s.end && s.end <= chars.len(), "source span {}..{}", s.start, s.end);
        let t: String = chars[s.start..s.end].iter().collect();
        assert_eq!(t, s.text);
    }
}

#[test]
fn ten_thousand_word_quote_is_bounded() {
    let body = "كلمة ".repeat(10_000);
    let text = format!("وقال الوزير: «{body}». ثم انتهى الاجتماع.");
    let started = std::time::Instant::now();
    let out = run(&text);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    check_spans(&text, &out);
    assert_eq!(out.quotes.len(), 1);
    // The content is capped, not followed to the end of a runaway quotation.
    assert!(out.quotes[0].text.len() <= 12_000, "{} bytes", out.quotes[0].text.len());
}

#[test]
fn unclosed_quotes_give_sensible_spans() {
    let text = "وقال المتحدث: «لن نتراجع عن موقفنا\n\nوفي سياق آخر، ارتفعت الأسعار.";
    let out = run(text);
    check_spans(text, &out);
    assert_eq!(out.quotes.len(), 1);
    assert_eq!(out.quotes[0].text, "لن نتراجع عن موقفنا");
    let text = "قال \"نعم \" لا \"";
    check_spans(text, &run(text));
    let text = "»»» «« قال: « « « إن";
    check_spans(text, &run(text));
}

#[test]
fn very_long_text_without_marks_is_linear() {
    let text = "وقال الوزير إن الحكومة ستعمل على الإصلاح. ".repeat(2_000);
    let started = std::time::Instant::now();
    let out = run(&text);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    check_spans(&text, &out);
    assert_eq!(out.quotes.len(), 2_000);
}

const PIECES: &[&str] = &[
    "قال",
    "وقال",
    "إن",
    "أن",
    "بأن",
    "وأضاف",
    "مضيفا",
    "الوزير",
    "بحسب",
    "وفق",
    "رويترز",
    "وكالة",
    "مصادر",
    "«",
    "»",
    "\"",
    "“",
    "”",
    "'",
    ":",
    "،",
    ".",
    "\n",
    "نقلت",
    "عن",
    "فإن",
    "لـ",
    "-",
    " ",
    "شويجو",
    "؟",
    "x",
    "٣",
    "ً",
    "ـ",
    "\u{200f}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn random_speech_soup_never_panics(parts in proptest::collection::vec(0..PIECES.len(), 0..80)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        let out = run(&text);
        check_spans(&text, &out);
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        let out = run(&text);
        check_spans(&text, &out);
    }
}
