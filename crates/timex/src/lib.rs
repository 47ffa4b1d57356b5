//! Arabic time expressions resolved against a reference date.
//!
//! News states time relative to the day it is written (`أمس الثلاثاء`, `الشهر الماضي`,
//! `الخميس المقبل`), in three naming systems for the Gregorian months (`سبتمبر`, `أيلول`,
//! `شتنبر`) and in the Hijri calendar (`5 رمضان 1436 هـ`). This crate finds such expressions,
//! keeps their exact span in the original text, and resolves each to a TIMEX3-style ISO 8601
//! value at the granularity the text gives: a day (`2023-09-19`), a month (`2023-09`), a
//! year, an ISO week (`2015-W30`), a season (`2014-FA`), a clock time or a duration (`P4D`).
//! Hijri dates are converted with the Umm al-Qura calendar and keep their Hijri value too.
//!
//! The words are data (`data/time/*.tsv`, see `data/README.md`); the grammar that combines
//! them is in [`grammar`](crate) and the calendar arithmetic in `calendar`. Precision comes
//! first: an expression whose value cannot be known for sure (no reference date, a day that
//! does not exist, a count from another event, "the coming days") is still reported, with no
//! value and a flag that says why, so downstream layers never see a wrong confident date.

mod calendar;
mod grammar;
mod vocab;

use jiff::civil::Date;
use marsad_lexicon::{DataSource, LexiconError};
use marsad_model::Timex;
use marsad_text::TextDoc;

use grammar::{Match, Scanner, Val};
use vocab::Vocab;

/// Bytes from the start of a text within which a dateline is looked for.
const DATELINE_WINDOW: usize = 1500;
/// Lines from the start of a text within which a dateline is looked for.
const DATELINE_LINES: usize = 6;
/// A dateline date starts within this many tokens of the start of its line.
const DATELINE_TOKENS: usize = 12;

/// Finds and resolves time expressions.
#[derive(Debug, Clone)]
pub struct TimexExtractor {
    vocab: Vocab,
}

impl TimexExtractor {
    /// Loads the time vocabulary (`data/time/`) from `source`.
    pub fn new(source: &DataSource) -> Result<Self, LexiconError> {
        Ok(TimexExtractor { vocab: Vocab::load(source)? })
    }

    /// Number of word variants in the loaded vocabulary.
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len()
    }

    /// All time expressions of `doc`, resolved against `reference` when given. Without a
    /// reference, expressions that need one have no value and the flag `unresolved`.
    pub fn extract(&self, doc: &TextDoc, reference: Option<Date>) -> Vec<Timex> {
        let scanner = Scanner::new(&self.vocab, doc, reference, usize::MAX);
        scanner.run().iter().map(|m| to_timex(doc, &scanner, m)).collect()
    }

    /// A publication date stated in the text itself (a dateline such as `الرياض - 12 أغسطس
    /// 2015` or `(د ب أ) الاثنين 27 يوليو 2015`): the first complete date (day, month and
    /// year) near the start of one of the first lines.
    pub fn find_dateline(&self, doc: &TextDoc) -> Option<Date> {
        let mut limit = 0;
        let mut lines = 0;
        for (k, line) in doc.text.split_inclusive('\n').enumerate() {
            limit += line.len();
            if !line.trim().is_empty() {
                lines += 1;
            }
            if lines >= DATELINE_LINES || limit >= DATELINE_WINDOW || k > 40 {
                break;
            }
        }
        let scanner = Scanner::new(&self.vocab, doc, None, limit.min(DATELINE_WINDOW));
        for m in scanner.run() {
            let Val::Day(d) = m.val else { continue };
            if !m.absolute {
                continue;
            }
            let line_start =
                doc.text.get(..m.start_byte).and_then(|t| t.rfind('\n')).map_or(0, |p| p + 1);
            let first_tok = doc.token_at(line_start);
            if m.s.saturating_sub(first_tok) <= DATELINE_TOKENS {
                return Some(d);
            }
        }
        None
    }
}

fn to_timex(doc: &TextDoc, scanner: &Scanner<'_>, m: &Match) -> Timex {
    let end_byte = scanner.end_byte(m);
    let start_byte = m.start_byte.min(end_byte);
    let (start, end) = doc.char_span(start_byte..end_byte);
    let mut flags: Vec<String> = m.flags.iter().map(|f| f.to_string()).collect();
    let hijri_of = |d: Date| {
        calendar::gregorian_to_hijri(d).map(|(y, mo, da)| format!("{y:04}-{mo:02}-{da:02}"))
    };
    let (value, kind, hijri) = match &m.val {
        Val::Day(d) => (Some(calendar::day_value(*d)), "date", hijri_of(*d)),
        Val::Month(y, mo) => (Some(format!("{y:04}-{mo:02}")), "date", None),
        Val::Year(y) => (Some(format!("{y:04}")), "date", None),
        Val::Week(d) => (Some(calendar::week_value(*d)), "date", None),
        Val::Season(s) => (Some(s.clone()), "date", None),
        Val::Time(d, h, mi) => {
            (Some(format!("{}T{h:02}:{mi:02}", calendar::day_value(*d))), "time", hijri_of(*d))
        }
        Val::Duration(p) => (Some(p.clone()), "duration", None),
        Val::HijriMonth(y, mo) => {
            flags.push("hijri-month".into());
            (None, "date", Some(format!("{y:04}-{mo:02}")))
        }
        Val::HijriYear(y) => {
            flags.push("hijri-year".into());
            (None, "date", Some(format!("{y:04}")))
        }
        Val::None(kind) => (None, *kind, None),
    };
    Timex {
        start,
        end,
        text: doc.slice(start_byte..end_byte).to_string(),
        value,
        kind: kind.to_string(),
        hijri,
        flags,
        rule: m.rule.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_vocabulary_loads() {
        let x = TimexExtractor::new(&DataSource::Embedded);
        assert!(x.as_ref().is_ok_and(|x| x.vocabulary_size() > 200), "{:?}", x.err());
    }
}
