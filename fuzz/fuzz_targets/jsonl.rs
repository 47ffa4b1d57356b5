//! Any bytes as JSON lines and as a JSON array, with the default and SaudiNewsNet mappings.
#![no_main]

use std::ops::ControlFlow;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use marsad_ingest::source::{ReadOptions, read_bytes};
use marsad_ingest::{Item, Mapping, record::DocOptions};

fuzz_target!(|data: &[u8]| {
    for mapping in [Mapping::default(), Mapping::saudinewsnet()] {
        let options = ReadOptions { mapping: Arc::new(mapping), max_record_bytes: 1 << 20, ..ReadOptions::default() };
        for name in ["f.jsonl", "f.json"] {
            read_bytes(name, data, &options, &mut |item| {
                if let Item::Record(r) = item {
                    let _ = r.into_document(&DocOptions::default());
                }
                ControlFlow::Continue(())
            });
        }
    }
});
