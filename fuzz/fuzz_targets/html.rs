//! Any bytes as an HTML page: decoding, depth capping, parsing and extraction must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = marsad_ingest::encoding::decode(data, None, true);
    let page = marsad_ingest::html::extract(&text, None);
    let _ = page.into_document(true);
});
