//! The time vocabulary of `data/time/`, loaded into a lookup from words to their roles.
//!
//! Every variant is stored in the matching form (`normalize_word`) as a sequence of words, and
//! indexed by its first word, so the grammar can ask "which time words start at this token,
//! and how many tokens do they span". Multi-word variants (`كانون الثاني`, `أول من أمس`,
//! `في وقت لاحق`) are matched token by token. Every entry remembers the file and line it came
//! from, which becomes part of the `rule` of the expressions it produces.

use std::collections::HashMap;

use marsad_lexicon::{DataSource, LexiconError, Row, tsv};
use marsad_text::normalize_word;

/// A calendar unit of counts and periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
    Hour,
    Minute,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Y" => Unit::Year,
            "H" => Unit::Hour,
            "MIN" => Unit::Minute,
            _ => return None,
        })
    }

    /// ISO 8601 duration of `n` units (`P4D`, `PT2H`).
    pub(crate) fn duration(self, n: u32) -> String {
        match self {
            Unit::Day => format!("P{n}D"),
            Unit::Week => format!("P{n}W"),
            Unit::Month => format!("P{n}M"),
            Unit::Year => format!("P{n}Y"),
            Unit::Hour => format!("PT{n}H"),
            Unit::Minute => format!("PT{n}M"),
        }
    }
}

/// A direction modifier after a period, month, weekday or season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Past,
    Next,
    Current,
}

/// What a clock-hour qualifier says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HourPart {
    Am,
    Pm,
    Noon,
    Night,
}

/// The role a vocabulary entry plays in the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Word {
    Month(u32),
    HijriMonth { month: u32, standalone: bool },
    Weekday(u32),
    Cardinal(u32),
    Teen(u32),
    Ordinal(u32),
    RelDay(i64),
    Unit(Unit),
    Units(Unit),
    Unit2(Unit),
    Period(Unit),
    Vague(Unit),
    Modifier(Modifier),
    Recent,
    This,
    DayPart,
    HourPart(HourPart),
    Season(&'static str),
    SeasonBare(&'static str),
    EraHijri,
    EraGregorian,
    Prep(Prep),
    Approx,
    Inexact,
    Future,
    NotFuture,
    Anaphor(i64),
    NotToday,
    Outlet,
    Boundary,
    Clock,
    Half(u32),
    HijriEpithet,
}

/// The role of a preposition before a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    In,
    During,
    Since,
    Before,
    After,
    Until,
    For,
}

/// One vocabulary entry: the words after the first, the role, and where it was defined.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub rest: Vec<String>,
    pub word: Word,
    pub source: u32,
}

/// A day and month that history fixes to one year after a cue word (`ثورة 30 يونيو`).
#[derive(Debug, Clone)]
pub(crate) struct NamedDate {
    pub cues: Vec<String>,
    pub day: u32,
    pub month: u32,
    /// `None`: the day and month name something else (a coalition, a movement).
    pub year: Option<i32>,
    pub source: u32,
}

/// FNV-1a: a fast hash for the short word keys of the vocabulary (looked up once per token
/// and proclitic reading, so the hash dominates the lookup cost).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A set of bits keyed by a cheap hash of a word (its length and its first and last eight
/// bytes): a word whose bit is clear is certainly not a first word of the vocabulary, so
/// most tokens of a text are rejected without hashing them.
#[derive(Debug, Clone)]
struct QuickFilter {
    bits: Vec<u64>,
}

impl Default for QuickFilter {
    fn default() -> Self {
        QuickFilter { bits: vec![0; QuickFilter::WORDS] }
    }
}

impl QuickFilter {
    /// 2^16 bits.
    const WORDS: usize = 1 << 10;

    #[inline]
    fn key(s: &str) -> usize {
        let b = s.as_bytes();
        let n = b.len();
        // The whole word when it fits in eight bytes, else its first and last eight bytes.
        let (head, tail) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
            (Some(h), Some(t)) => (u64::from_le_bytes(*h), u64::from_le_bytes(*t)),
            _ => (b.iter().fold(0u64, |a, &x| (a << 8) | u64::from(x)), 0),
        };
        let h = (head ^ tail.rotate_left(29) ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        ((h ^ (h >> 29)).wrapping_mul(0xC4CE_B9FE_1A85_EC53) >> 48) as usize
    }

    fn insert(&mut self, s: &str) {
        let k = Self::key(s);
        self.bits[k / 64] |= 1 << (k % 64);
    }

    #[inline]
    fn may_contain(&self, s: &str) -> bool {
        let k = Self::key(s);
        self.bits.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

/// The loaded vocabulary.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    by_first: HashMap<String, Vec<Entry>, std::hash::BuildHasherDefault<Fnv>>,
    /// First words of `by_first`, for a quick rejection before the hash lookup.
    filter: QuickFilter,
    /// `file:line` of every entry, indexed by [`Entry::source`].
    pub sources: Vec<String>,
    pub named: Vec<NamedDate>,
}

pub(crate) const MONTHS: &str = "time/months.tsv";
pub(crate) const HIJRI_MONTHS: &str = "time/hijri_months.tsv";
pub(crate) const WEEKDAYS: &str = "time/weekdays.tsv";
pub(crate) const NUMBERS: &str = "time/numbers.tsv";
pub(crate) const WORDS: &str = "time/words.tsv";
pub(crate) const NAMED_DATES: &str = "time/named_dates.tsv";

fn number(
    row: &Row<'_>,
    i: usize,
    column: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, LexiconError> {
    let cell = row.required(i, column)?;
    let n: u32 =
        cell.parse().map_err(|_| row.error(format!("`{column}` is not a number: `{cell}`")))?;
    if !range.contains(&n) {
        return Err(row.error(format!(
            "`{column}` {n} is out of range {}..={}",
            range.start(),
            range.end()
        )));
    }
    Ok(n)
}

fn season_code(s: &str) -> Option<&'static str> {
    ["SP", "SU", "FA", "WI"].into_iter().find(|c| *c == s)
}

impl Vocab {
    /// Loads every file of `data/time/` from `source`.
    pub(crate) fn load(source: &DataSource) -> Result<Vocab, LexiconError> {
        let mut v = Vocab::default();
        let content = source.read(MONTHS)?;
        for row in tsv(MONTHS, &content, 3, 3)? {
            let system = row.required(0, "system")?;
            if !matches!(system, "gregorian" | "levantine" | "maghrebi") {
                return Err(row.error(format!("unknown system `{system}`")));
            }
            let m = number(&row, 1, "month", 1..=12)?;
            v.add_variants(&row, 2, Word::Month(m))?;
        }
        let content = source.read(HIJRI_MONTHS)?;
        for row in tsv(HIJRI_MONTHS, &content, 3, 3)? {
            let m = number(&row, 0, "month", 1..=12)?;
            let standalone = match row.required(2, "standalone")? {
                "yes" => true,
                "no" => false,
                other => {
                    return Err(row.error(format!("`standalone` must be yes or no, not `{other}`")));
                }
            };
            v.add_variants(&row, 1, Word::HijriMonth { month: m, standalone })?;
        }
        let content = source.read(WEEKDAYS)?;
        for row in tsv(WEEKDAYS, &content, 2, 2)? {
            let d = number(&row, 0, "iso_day", 1..=7)?;
            v.add_variants(&row, 1, Word::Weekday(d))?;
        }
        let content = source.read(NUMBERS)?;
        for row in tsv(NUMBERS, &content, 3, 3)? {
            let n = number(&row, 0, "value", 1..=1000)?;
            let word = match row.required(1, "kind")? {
                "cardinal" => Word::Cardinal(n),
                "teen" => Word::Teen(n),
                "ordinal" => Word::Ordinal(n),
                other => return Err(row.error(format!("unknown kind `{other}`"))),
            };
            v.add_variants(&row, 2, word)?;
        }
        let content = source.read(WORDS)?;
        for row in tsv(WORDS, &content, 3, 3)? {
            let word = Self::word_of(&row)?;
            v.add_variants(&row, 2, word)?;
        }
        let content = source.read(NAMED_DATES)?;
        for row in tsv(NAMED_DATES, &content, 4, 4)? {
            let cues: Vec<String> = row.list(0).into_iter().map(normalize_word).collect();
            if cues.is_empty() {
                return Err(row.error("empty column `cues`"));
            }
            let day = number(&row, 1, "day", 1..=31)?;
            let month = number(&row, 2, "month", 1..=12)?;
            let year = if row.required(3, "year")? == "-" {
                None
            } else {
                let year = i32::try_from(number(&row, 3, "year", 1000..=2200)?).unwrap_or(0);
                if crate::calendar::ymd(year, month, day).is_none() {
                    return Err(row.error(format!("{year}-{month}-{day} is not a date")));
                }
                Some(year)
            };
            let source = v.source_of(&row);
            v.named.push(NamedDate { cues, day, month, year, source });
        }
        Ok(v)
    }

    fn word_of(row: &Row<'_>) -> Result<Word, LexiconError> {
        let cat = row.required(0, "category")?;
        let val = row.required(1, "value")?;
        let unit = || Unit::parse(val).ok_or_else(|| row.error(format!("unknown unit `{val}`")));
        let int = || {
            val.parse::<i64>().map_err(|_| row.error(format!("`value` is not a number: `{val}`")))
        };
        Ok(match cat {
            "relday" => Word::RelDay(int()?),
            "unit" => Word::Unit(unit()?),
            "units" => Word::Units(unit()?),
            "unit2" => Word::Unit2(unit()?),
            "period" => Word::Period(unit()?),
            "vague" => Word::Vague(unit()?),
            "modifier" => Word::Modifier(match val {
                "past" => Modifier::Past,
                "next" => Modifier::Next,
                "current" => Modifier::Current,
                _ => return Err(row.error(format!("unknown modifier `{val}`"))),
            }),
            "recent" => Word::Recent,
            "this" => Word::This,
            "daypart" => Word::DayPart,
            "hourpart" => Word::HourPart(match val {
                "am" => HourPart::Am,
                "pm" => HourPart::Pm,
                "noon" => HourPart::Noon,
                "night" => HourPart::Night,
                _ => return Err(row.error(format!("unknown hour part `{val}`"))),
            }),
            "season" => Word::Season(
                season_code(val).ok_or_else(|| row.error(format!("unknown season `{val}`")))?,
            ),
            "season_bare" => Word::SeasonBare(
                season_code(val).ok_or_else(|| row.error(format!("unknown season `{val}`")))?,
            ),
            "era" => match val {
                "hijri" => Word::EraHijri,
                "gregorian" => Word::EraGregorian,
                _ => return Err(row.error(format!("unknown era `{val}`"))),
            },
            "prep" => Word::Prep(match val {
                "in" => Prep::In,
                "during" => Prep::During,
                "since" => Prep::Since,
                "before" => Prep::Before,
                "after" => Prep::After,
                "until" => Prep::Until,
                "for" => Prep::For,
                _ => return Err(row.error(format!("unknown preposition role `{val}`"))),
            }),
            "approx" => Word::Approx,
            "inexact" => Word::Inexact,
            "future" => Word::Future,
            "notfuture" => Word::NotFuture,
            "anaphor" => Word::Anaphor(int()?),
            "not_today" => Word::NotToday,
            "outlet" => Word::Outlet,
            "boundary" => Word::Boundary,
            "clock" => Word::Clock,
            "half" => Word::Half(
                u32::try_from(int()?)
                    .ok()
                    .filter(|m| *m < 60)
                    .ok_or_else(|| row.error("minutes must be 0..59"))?,
            ),
            "hijri_epithet" => Word::HijriEpithet,
            other => return Err(row.error(format!("unknown category `{other}`"))),
        })
    }

    fn source_of(&mut self, row: &Row<'_>) -> u32 {
        let file = row.file.rsplit('/').next().unwrap_or(row.file);
        self.sources.push(format!("{file}:{}", row.line));
        u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX)
    }

    fn add_variants(&mut self, row: &Row<'_>, col: usize, word: Word) -> Result<(), LexiconError> {
        let variants = row.list(col);
        if variants.is_empty() {
            return Err(row.error("no variants"));
        }
        let source = self.source_of(row);
        let mut seen: Vec<String> = Vec::new();
        for variant in variants {
            let words: Vec<String> =
                normalize_word(variant).split_whitespace().map(str::to_string).collect();
            let Some((first, rest)) = words.split_first() else {
                return Err(row.error(format!("variant `{variant}` is empty after normalisation")));
            };
            let key = words.join(" ");
            if seen.contains(&key) {
                return Err(row.error(format!(
                    "variant `{variant}` repeats another variant of this line once normalised"
                )));
            }
            seen.push(key);
            self.filter.insert(first);
            self.by_first.entry(first.clone()).or_default().push(Entry {
                rest: rest.to_vec(),
                word: word.clone(),
                source,
            });
        }
        Ok(())
    }

    /// False when no entry starts with the word `first`; true when one may (a quick test
    /// before [`Vocab::starting_with`]).
    #[inline]
    pub(crate) fn may_start(&self, first: &str) -> bool {
        self.filter.may_contain(first)
    }

    /// Entries whose first word is `first` (matching form).
    #[inline]
    pub(crate) fn starting_with(&self, first: &str) -> &[Entry] {
        if !self.filter.may_contain(first) {
            return &[];
        }
        self.by_first.get(first).map_or(&[], Vec::as_slice)
    }

    /// Number of distinct variants loaded.
    pub(crate) fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }
}
