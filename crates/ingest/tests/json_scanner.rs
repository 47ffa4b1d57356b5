//! Property: the streaming JSON-array reader cuts any array of objects into exactly the
//! elements serde_json sees, whatever the strings contain (brackets, quotes, escapes).

mod common;

use common::read_docs;
use marsad_ingest::source::ReadOptions;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arrays_are_cut_like_serde_cuts_them(texts in prop::collection::vec("[\\PC\\[\\]{}\"\\\\,: ]{1,40}", 0..12), pretty in any::<bool>()) {
        let texts: Vec<String> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
        let records: Vec<serde_json::Value> = texts
            .iter()
            .map(|t| serde_json::json!({ "text": t, "nested": { "list": [1, {"x": "]"}] } }))
            .collect();
        let array = serde_json::Value::Array(records);
        let bytes = if pretty { serde_json::to_vec_pretty(&array) } else { serde_json::to_vec(&array) }.expect("serialise");
        let docs = read_docs("p.json", &bytes, &ReadOptions::default());
        let got: Vec<String> = docs.into_iter().map(|d| d.expect("every element reads").text).collect();
        let want: Vec<String> = texts.iter().map(|t| t.trim().to_string()).collect();
        prop_assert_eq!(got, want);
    }

    /// The same array read through buffers of a few bytes, so that strings, escapes and
    /// records are cut at every possible place between two reads, gives the same records.
    #[test]
    fn small_read_buffers_cut_records_alike(texts in prop::collection::vec("[\\PC\\[\\]{}\"\\\\,: ]{1,40}", 0..8), cap in 1usize..9) {
        let records: Vec<serde_json::Value> =
            texts.iter().map(|t| serde_json::json!({ "text": t, "n": [1, {"x": "]"}] })).collect();
        let bytes = serde_json::to_vec(&serde_json::Value::Array(records)).expect("serialise");
        let mapping = std::sync::Arc::new(marsad_ingest::Mapping::default());
        let mut got = Vec::new();
        let mut r = std::io::BufReader::with_capacity(cap, bytes.as_slice());
        let _ = marsad_ingest::json::read_json(&mut r, "p.json", &mapping, 1 << 20, &mut |item| {
            if let marsad_ingest::Item::Record(rec) = item
                && let marsad_ingest::Payload::Json { bytes, .. } = rec.payload
            {
                got.push(bytes);
            }
            std::ops::ControlFlow::Continue(())
        });
        let want: Vec<Vec<u8>> = texts
            .iter()
            .map(|t| serde_json::to_vec(&serde_json::json!({ "text": t, "n": [1, {"x": "]"}] })).expect("serialise"))
            .collect();
        prop_assert_eq!(got, want);
    }
}
