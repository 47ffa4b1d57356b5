//! Prints the time expressions of a text read from standard input as JSON lines.
//!
//! Usage: `cargo run -p marsad-timex --example timex_text -- [YYYY-MM-DD] < article.txt`

use std::io::Read as _;

use marsad_lexicon::DataSource;
use marsad_text::TextDoc;
use marsad_timex::TimexExtractor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reference = std::env::args().nth(1).map(|s| s.parse()).transpose()?;
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let extractor = TimexExtractor::new(&DataSource::Embedded)?;
    let doc = TextDoc::new(text);
    if reference.is_none() {
        println!("{{\"dateline\": {:?}}}", extractor.find_dateline(&doc).map(|d| d.to_string()));
    }
    for t in extractor.extract(&doc, reference) {
        println!("{}", serde_json::to_string(&t)?);
    }
    Ok(())
}
