//! Times the text layer (`TextDoc::new`) and the time-expression layer separately over a file
//! of texts separated by NUL bytes, and prints a checksum of what was found so that a faster
//! version can be checked to find the same things.
//!
//! Usage: `cargo run --release -p marsad-timex --example timex_throughput -- texts.bin [runs]`

use std::time::Instant;

use marsad_lexicon::DataSource;
use marsad_text::TextDoc;
use marsad_timex::TimexExtractor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: timex_throughput FILE [runs]")?;
    let runs: usize = std::env::args().nth(2).map_or(Ok(3), |s| s.parse())?;
    let raw = std::fs::read_to_string(path)?;
    let texts: Vec<&str> = raw.split('\0').filter(|t| !t.is_empty()).collect();
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let extractor = TimexExtractor::new(&DataSource::Embedded)?;
    let reference = "2015-07-21".parse().ok();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut text_secs = Vec::new();
    let mut timex_secs = Vec::new();
    let mut checksum = 0usize;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let docs: Vec<TextDoc> = texts.iter().map(|t| TextDoc::new(*t)).collect();
        text_secs.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut sum = 0usize;
        for d in &docs {
            for x in extractor.extract(d, reference) {
                sum = sum.wrapping_mul(31).wrapping_add(x.start * 7 + x.end + x.rule.len());
            }
        }
        timex_secs.push(t.elapsed().as_secs_f64());
        // Datelines are only looked for when a document has no date; checked, not timed.
        for d in &docs {
            sum = sum.wrapping_add(extractor.find_dateline(d).map_or(0, |d| d.day() as usize));
        }
        checksum = sum;
    }
    let (a, b) = (median(text_secs), median(timex_secs));
    println!("{} texts, {mb:.1} MB, checksum {checksum}", texts.len());
    println!("  text layer (TextDoc) {:>8.1} MB/s", mb / a);
    println!("  timex                {:>8.1} MB/s", mb / b);
    Ok(())
}
