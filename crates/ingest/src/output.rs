//! Batch output writers: analyses as JSON lines, events as CSV, events as a GDELT 2.0
//! event table.
//!
//! The GDELT writer fills the 61 columns of the GDELT 2.0 event table from Marsad's event
//! model; `docs/gdelt-mapping.md` documents every column. Columns Marsad has no evidence for
//! (religion and ethnicity codes, coordinates, tone) stay empty rather than invented.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::OnceLock;

use marsad_model::{Analysis, Event, EventActor};

/// Output formats of `marsad process`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One `analysis/1` JSON object per line.
    Jsonl,
    /// One CSV row per event, with a header row.
    Csv,
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
}

impl OutputFormat {
    /// Parses `jsonl`, `csv` or `gdelt`.
    pub fn parse(s: &str) -> Option<OutputFormat> {
        Some(match s {
            "jsonl" | "json" => OutputFormat::Jsonl,
            "csv" => OutputFormat::Csv,
            "gdelt" | "tsv" => OutputFormat::Gdelt,
            _ => return None,
        })
    }
}

/// Options of the GDELT writer.
#[derive(Debug, Clone)]
pub struct GdeltOptions {
    /// GLOBALEVENTID of the first event; following events count up.
    pub first_id: u64,
    /// DATEADDED (`YYYYMMDDHHMMSS`); the time of the batch start when `None`.
    pub date_added: Option<String>,
}

impl Default for GdeltOptions {
    fn default() -> Self {
        GdeltOptions { first_id: 1, date_added: None }
    }
}

/// Writes analyses in one format.
pub struct Writer<W: Write> {
    out: W,
    format: OutputFormat,
    header_done: bool,
    next_id: u64,
    date_added: String,
}

/// CSV columns, in order.
pub const CSV_HEADER: &[&str] = &[
    "doc_id",
    "url",
    "published",
    "outlet",
    "event",
    "plover",
    "plover_mode",
    "plover_context",
    "cameo",
    "goldstein",
    "quad_class",
    "source_code",
    "source_name",
    "target_code",
    "target_name",
    "date",
    "location",
    "location_country",
    "modality",
    "trigger",
    "trigger_start",
    "trigger_end",
    "sentence",
    "pattern",
];

impl<W: Write> Writer<W> {
    /// A writer of `format` into `out`.
    pub fn new(out: W, format: OutputFormat, gdelt: &GdeltOptions) -> Self {
        let date_added = gdelt
            .date_added
            .clone()
            .unwrap_or_else(|| jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string());
        Writer { out, format, header_done: false, next_id: gdelt.first_id, date_added }
    }

    /// Writes one analysis; returns the number of rows written (events, or 1 for JSONL).
    pub fn write(&mut self, analysis: &Analysis) -> io::Result<usize> {
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, analysis)?;
                self.out.write_all(b"\n")?;
                Ok(1)
            }
            OutputFormat::Csv => {
                if !self.header_done {
                    self.header_done = true;
                    csv_row(&mut self.out, CSV_HEADER.iter().map(|s| s.to_string()))?;
                }
                for (i, e) in analysis.events.iter().enumerate() {
                    csv_row(&mut self.out, csv_fields(analysis, i, e).into_iter())?;
                }
                Ok(analysis.events.len())
            }
            OutputFormat::Gdelt => {
                for e in &analysis.events {
                    let row = gdelt_row(analysis, e, self.next_id, &self.date_added);
                    self.next_id += 1;
                    let line: Vec<String> = row.into_iter().map(|f| clean(&f)).collect();
                    self.out.write_all(line.join("\t").as_bytes())?;
                    self.out.write_all(b"\n")?;
                }
                Ok(analysis.events.len())
            }
        }
    }

    /// Writes bytes already rendered in this writer's format (one or more whole rows).
    pub fn write_raw(&mut self, rows: &[u8]) -> io::Result<()> {
        self.out.write_all(rows)
    }

    /// Writes the CSV header even when no event was written, and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.format == OutputFormat::Csv && !self.header_done {
            self.header_done = true;
            csv_row(&mut self.out, CSV_HEADER.iter().map(|s| s.to_string()))?;
        }
        self.out.flush()
    }
}

/// Tabs and line breaks would break the TSV row.
fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

fn csv_row(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    w.write_record(fields.collect::<Vec<_>>()).map_err(io::Error::other)?;
    w.flush()
}

fn csv_fields(a: &Analysis, index: usize, e: &Event) -> Vec<String> {
    let side = |s: &Option<EventActor>| -> (String, String) {
        s.as_ref().map(|s| (s.code.clone(), s.name.clone().unwrap_or_default())).unwrap_or_default()
    };
    let (sc, sn) = side(&e.source);
    let (tc, tn) = side(&e.target);
    vec![
        a.id.clone().unwrap_or_default(),
        a.meta.url.clone().unwrap_or_default(),
        a.meta.published.clone().unwrap_or_default(),
        a.meta.outlet.clone().unwrap_or_default(),
        index.to_string(),
        e.plover.clone(),
        e.plover_mode.clone().unwrap_or_default(),
        e.plover_context.clone().unwrap_or_default(),
        e.cameo.clone(),
        format!("{:.1}", e.goldstein),
        e.quad_class.to_string(),
        sc,
        sn,
        tc,
        tn,
        e.date.clone().unwrap_or_default(),
        e.location.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
        e.location.as_ref().and_then(|l| l.country.clone()).unwrap_or_default(),
        e.modality.join(";"),
        e.evidence.trigger.text.clone(),
        e.evidence.trigger.start.to_string(),
        e.evidence.trigger.end.to_string(),
        e.evidence.sentence.text.clone(),
        e.pattern.clone(),
    ]
}

/// ISO3 → FIPS 10-4, from `data/iso3_fips.tsv`.
pub fn fips(iso3: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("../data/iso3_fips.tsv")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| l.split_once('\t'))
                .map(|(a, b)| (a.trim(), b.trim()))
                .collect()
        })
        .get(iso3)
        .copied()
}

/// Codes in the country slot of an actor code that are not countries.
const NON_COUNTRY: &[&str] = &[
    "IGO", "NGO", "MNC", "IMG", "UIS", "NGM", "---", "WST", "AFR", "ASA", "EUR", "MEA", "SAM",
    "NAM", "CAS", "SAS", "SEA", "WAF", "EAF", "BLK", "CRB", "PGS", "LAM", "SAF", "MDT", "NAF",
    "CAU", "BAL", "SCN",
];

/// The ten actor columns: code, name, country, known group, ethnic, religion 1 and 2,
/// type 1–3.
fn actor_fields(a: &Analysis, side: &Option<EventActor>) -> [String; 10] {
    let mut f: [String; 10] = Default::default();
    let Some(s) = side else { return f };
    f[0] = s.code.clone();
    let actor = s.actor.and_then(|i| a.actors.get(i));
    f[1] = s.name.clone().or_else(|| actor.map(|x| x.name.clone())).unwrap_or_default();
    let (country, agents): (Option<String>, Vec<String>) = match actor {
        Some(x) if x.code == s.code => (x.country.clone(), x.agents.clone()),
        _ => {
            let country = s.code.get(..3).map(str::to_string);
            let rest = s.code.get(3..).unwrap_or("");
            let agents = rest
                .as_bytes()
                .chunks(3)
                .filter_map(|c| std::str::from_utf8(c).ok())
                .map(str::to_string)
                .collect();
            (country, agents)
        }
    };
    if let Some(c) = country {
        if NON_COUNTRY.contains(&c.as_str()) {
            if matches!(c.as_str(), "IGO" | "NGO" | "MNC" | "IMG" | "UIS" | "NGM") {
                // Transnational actors: the organisation type code is the first type code.
                f[7] = c;
            }
        } else {
            f[2] = c;
        }
    }
    for ag in agents.into_iter().filter(|g| !g.is_empty()) {
        if let Some(slot) = f[7..10].iter_mut().find(|s| s.is_empty()) {
            *slot = ag;
        }
    }
    f
}

/// The reference day of an event: its own date when it is a day, else the analysis's
/// reference date, else the publication date.
fn event_day(a: &Analysis, e: &Event) -> Option<jiff::civil::Date> {
    let candidates = [
        e.date.clone(),
        a.reference_date.as_ref().map(|r| r.date.clone()),
        a.meta.published.clone(),
    ];
    candidates.into_iter().flatten().find_map(|d| if d.len() == 10 { d.parse().ok() } else { None })
}

/// One GDELT 2.0 event row (61 fields).
pub fn gdelt_row(a: &Analysis, e: &Event, id: u64, date_added: &str) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(61);
    row.push(id.to_string());
    match event_day(a, e) {
        Some(d) => {
            row.push(d.strftime("%Y%m%d").to_string());
            row.push(d.strftime("%Y%m").to_string());
            row.push(d.year().to_string());
            let frac =
                f64::from(d.year()) + f64::from(d.day_of_year() - 1) / f64::from(d.days_in_year());
            row.push(format!("{frac:.4}"));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(actor_fields(a, &e.source));
    row.extend(actor_fields(a, &e.target));
    // Root event: stated in the headline or the first two sentences.
    let sentence_index = a.sentences.iter().position(|s| s.start == e.evidence.sentence.start);
    row.push(if sentence_index.is_some_and(|i| i < 3) { "1" } else { "0" }.to_string());
    row.push(e.cameo.clone());
    row.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    row.push(e.cameo.get(..2).unwrap_or(&e.cameo).to_string());
    row.push(e.quad_class.to_string());
    row.push(format!("{:.1}", e.goldstein));
    row.push((1 + e.mentions.len()).to_string());
    row.push("1".into());
    row.push("1".into());
    row.push(String::new());
    // Actor1Geo, Actor2Geo: no per-actor place is modelled.
    row.extend(std::iter::repeat_n(String::new(), 16));
    // ActionGeo.
    match &e.location {
        Some(l) => {
            let country = l.country.as_deref().and_then(fips).unwrap_or("");
            let geo_type = location_type(a, l);
            row.push(geo_type.to_string());
            row.push(l.name.clone());
            row.push(country.to_string());
            row.extend(std::iter::repeat_n(String::new(), 5));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(date_added.to_string());
    row.push(
        a.meta
            .url
            .clone()
            .or_else(|| a.id.clone())
            .or_else(|| a.meta.source.clone())
            .unwrap_or_default(),
    );
    debug_assert_eq!(row.len(), 61);
    row
}

/// GDELT geo type: 1 for a country, 4 for a place inside one, empty when unknown.
fn location_type(a: &Analysis, l: &marsad_model::EventLocation) -> &'static str {
    let entity = a.entities.iter().find(|en| en.start == l.span.start && en.end == l.span.end);
    match entity {
        Some(en) if en.rule.contains("countr") => "1",
        Some(_) if l.country.is_some() => "4",
        None if l.country.is_some() => "4",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_table_loads_and_converts() {
        assert_eq!(fips("SAU"), Some("SA"));
        assert_eq!(fips("DEU"), Some("GM"));
        assert_eq!(fips("XXX"), None);
        // Every data line has two columns of the right widths.
        for (n, line) in include_str!("../data/iso3_fips.tsv").lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 2, "iso3_fips.tsv:{}: expected 2 columns", n + 1);
            assert_eq!(cols[0].len(), 3, "iso3_fips.tsv:{}: ISO3 code", n + 1);
            assert_eq!(cols[1].len(), 2, "iso3_fips.tsv:{}: FIPS code", n + 1);
        }
    }
}
