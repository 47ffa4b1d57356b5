//! Properties of the text layer on arbitrary input: offset maps round-trip, segments of a
//! word concatenate back to the word, nothing panics.

use marsad_text::{CharIndex, TextDoc, normalize, segment, split_sentences, tokenize};
use proptest::prelude::*;

/// Strings biased towards Arabic script, marks, digits, quotes and white space.
fn arabic_ish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("ال".to_string()),
        Just("و".to_string()),
        Just("ـ".to_string()),
        Just("\u{064E}".to_string()),
        Just("\u{0651}".to_string()),
        Just("\u{FEFB}".to_string()),
        Just("٣٫٥".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just(". ".to_string()),
        Just("؟\n".to_string()),
        Just("  ".to_string()),
        "[\u{0621}-\u{064A}]{1,6}",
        "\\PC{0,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalized_spans_map_to_char_boundaries(s in arabic_ish()) {
        let n = normalize(&s);
        let len = n.text.len();
        for (i, _) in n.text.char_indices() {
            for (j, _) in n.text[i..].char_indices().take(4) {
                let span = n.to_original(i..i + j);
                prop_assert!(span.start <= span.end && span.end <= s.len());
                prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
            }
        }
        let all = n.to_original(0..len);
        prop_assert!(all.end <= s.len());
    }

    #[test]
    fn normalizing_a_mapped_span_gives_the_same_matching_form(s in arabic_ish()) {
        // Each character of the matching form comes from the original span it maps to.
        let n = normalize(&s);
        for (i, c) in n.text.char_indices() {
            let span = n.to_original(i..i + c.len_utf8());
            let back = normalize(&s[span]).text;
            prop_assert!(back.contains(c) || c == ' ', "{c:?} not in {back:?}");
        }
    }

    #[test]
    fn char_index_round_trips(s in "\\PC{0,200}") {
        let idx = CharIndex::new(&s);
        for (n, (b, _)) in s.char_indices().enumerate() {
            prop_assert_eq!(idx.char_offset(&s, b), n);
            prop_assert_eq!(idx.byte_offset(&s, n), b);
        }
    }

    #[test]
    fn segments_concatenate_to_the_word(w in "[\u{0621}-\u{0652}]{0,12}") {
        let seg = segment(&w, |_| false);
        prop_assert_eq!(seg.proclitics.start, 0);
        prop_assert_eq!(seg.proclitics.end, seg.stem.start);
        prop_assert_eq!(seg.stem.end, seg.enclitic.start);
        prop_assert_eq!(seg.enclitic.end, w.len());
        let joined = format!("{}{}{}", &w[seg.proclitics.clone()], &w[seg.stem.clone()], &w[seg.enclitic.clone()]);
        prop_assert_eq!(joined, w);
    }

    #[test]
    fn tokens_and_sentences_are_ordered_valid_spans(s in arabic_ish()) {
        let toks = tokenize(&s);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.start >= last && t.start < t.end && t.end <= s.len());
            prop_assert!(!t.text(&s).trim().is_empty());
            last = t.end;
        }
        let mut last = 0;
        for x in split_sentences(&s) {
            prop_assert!(x.start >= last && x.start < x.end && x.end <= s.len());
            last = x.end;
        }
        let _ = TextDoc::new(s);
    }
}

#[test]
fn huge_line_without_punctuation_is_one_sentence() {
    let s = "كلمة ".repeat(200_000);
    let sents = split_sentences(&s);
    assert_eq!(sents.len(), 1);
}

#[test]
fn unclosed_quote_costs_nothing() {
    let s = format!("قال «{}", "نعم. ".repeat(50_000));
    let sents = split_sentences(&s);
    assert!(sents.len() > 1000);
}
