//! Any bytes as a WARC file (plain and as a gzip member): reading, HTTP decoding and
//! extraction of every record must not panic or hang.
#![no_main]

use std::ops::ControlFlow;

use libfuzzer_sys::fuzz_target;
use marsad_ingest::source::{ReadOptions, read_bytes};
use marsad_ingest::{Item, record::DocOptions};

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions { max_record_bytes: 1 << 20, ..ReadOptions::default() };
    for name in ["f.warc", "f.warc.gz"] {
        read_bytes(name, data, &options, &mut |item| {
            if let Item::Record(r) = item {
                let _ = r.into_document(&DocOptions::default());
            }
            ControlFlow::Continue(())
        });
    }
});
