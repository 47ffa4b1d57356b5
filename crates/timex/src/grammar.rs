//! The grammar of Arabic time expressions, applied token by token.
//!
//! The scanner walks the tokens of a document once. At each token every rule tries to read an
//! expression starting there (with its own optional lead-in such as `في`, `منذ`, `مساء`),
//! and the longest reading wins; scanning resumes after it. Rules only look a bounded number
//! of tokens ahead, so the work is linear in the length of the text.
//!
//! Rules recognise a shape and resolve it against the reference date in one step, because the
//! shape decides the granularity of the value (`الشهر الماضي` is a month, `قبل أسبوع` a week)
//! and the context decides the direction (`منذ 11 يوليو` is past, `سيزور ... الخميس` future).
//! A rule that recognises an expression but cannot give it a sure value still reports it,
//! with no value and a flag saying why (`unresolved`, `invalid`, `vague`, `anchored`).

use std::cell::Cell;

use jiff::civil::Date;
use marsad_text::{TextDoc, TokenKind, fold_char};

use crate::calendar::{self as cal, Dir};
use crate::vocab::{HourPart, Modifier, Prep, Unit, Vocab, Word};

/// A resolved (or deliberately unresolved) value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Day(Date),
    Month(i32, u32),
    Year(i32),
    /// The ISO week containing the date.
    Week(Date),
    Season(String),
    Time(Date, u32, u32),
    Duration(String),
    /// A Hijri month (Gregorian value spans two months, so only the Hijri value is given).
    HijriMonth(i32, u32),
    HijriYear(i32),
    /// Recognised, no value; the `&str` is the TIMEX type.
    None(&'static str),
}

/// One recognised expression.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    /// First token (inclusive).
    pub s: usize,
    /// Last token (exclusive).
    pub e: usize,
    /// Byte start in the original text (after a proclitic that is not part of it).
    pub start_byte: usize,
    pub val: Val,
    pub rule: String,
    pub flags: Vec<&'static str>,
    /// The value came from the text alone (a full date with its year), not from a reference.
    pub absolute: bool,
}

/// A number written with digits inside a token (`2015`, `و2015`, `1436هـ`).
#[derive(Debug, Clone)]
struct Num {
    value: u32,
    digits: usize,
    /// Original bytes of a proclitic before the digits.
    prefix_bytes: usize,
    era: Option<bool>,
}

/// A vocabulary entry found at a token.
#[derive(Debug, Clone)]
struct Hit {
    /// Tokens spanned.
    len: usize,
    word: Word,
    source: u32,
    /// Original bytes of a proclitic before the word.
    prefix_bytes: usize,
}

#[derive(Debug)]
struct Tok<'a> {
    start: usize,
    end: usize,
    kind: TokenKind,
    norm: &'a str,
    sentence: usize,
    num: Option<Num>,
    hits: Vec<Hit>,
}

/// Proclitics that may be attached to a time word (longest first).
const PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

/// The readings of `norm` as one of [`PROCLITICS`] followed by the rest, in the order of
/// that list: the two-letter proclitic first (at most one can match), then the one-letter
/// one. Equivalent to trying every entry of the list with `strip_prefix`, with two
/// character comparisons instead of eleven string comparisons.
fn proclitic_readings(norm: &str) -> impl Iterator<Item = (&'static str, &str)> {
    let mut chars = norm.chars();
    let c1 = chars.next();
    let c2 = chars.next();
    let one: Option<&'static str> = match c1 {
        Some('و') => Some("و"),
        Some('ف') => Some("ف"),
        Some('ب') => Some("ب"),
        Some('ل') => Some("ل"),
        Some('ك') => Some("ك"),
        _ => None,
    };
    let two: Option<&'static str> = match (c1, c2) {
        (Some('و'), Some('ب')) => Some("وب"),
        (Some('و'), Some('ل')) => Some("ول"),
        (Some('و'), Some('ك')) => Some("وك"),
        (Some('ف'), Some('ب')) => Some("فب"),
        (Some('ف'), Some('ل')) => Some("فل"),
        (Some('ف'), Some('ك')) => Some("فك"),
        _ => None,
    };
    two.into_iter().chain(one).filter_map(move |p| norm.strip_prefix(p).map(|rest| (p, rest)))
}

/// Bytes of `original` that make up its first `n` matching-form characters (plus the marks
/// that follow them).
fn original_prefix_bytes(original: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let mut count = 0;
    let mut iter = original.char_indices().peekable();
    while let Some((_, c)) = iter.next() {
        if fold_char(c).is_some() {
            count += 1;
        }
        if count == n {
            while let Some(&(b, c2)) = iter.peek() {
                if fold_char(c2).is_some() {
                    return b;
                }
                iter.next();
            }
            return original.len();
        }
    }
    original.len()
}

fn parse_num(norm: &str, original: &str) -> Option<Num> {
    // A proclitic takes at most four bytes, so a number starts within the first five.
    let first_digit = norm.bytes().take(5).position(|b| b.is_ascii_digit())?;
    let prefix = &norm[..first_digit];
    if !(prefix.is_empty() || PROCLITICS.contains(&prefix)) {
        return None;
    }
    let rest = &norm[first_digit..];
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (digits, suffix) = rest.split_at(digits_end);
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let era = match suffix {
        "" => None,
        "ه" => Some(true),
        "م" => Some(false),
        _ => return None,
    };
    Some(Num {
        value: digits.parse().ok()?,
        digits: digits.len(),
        prefix_bytes: original_prefix_bytes(original, prefix.chars().count()),
        era,
    })
}

/// The prepared tokens of a document with their vocabulary hits.
pub(crate) struct Scanner<'a> {
    vocab: &'a Vocab,
    doc: &'a TextDoc,
    toks: Vec<Tok<'a>>,
    reference: Option<Date>,
    /// The last day-level value produced, and its sentence (for `اليوم نفسه`, clock times).
    last_day: Cell<Option<(Date, usize)>>,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(
        vocab: &'a Vocab,
        doc: &'a TextDoc,
        reference: Option<Date>,
        limit_bytes: usize,
    ) -> Self {
        // Tokens starting at or after the limit are not scanned (nor matched as the later
        // words of a multi-word entry).
        let n = doc.tokens.partition_point(|t| t.start < limit_bytes);
        let norms: Vec<&'a str> = (0..n).map(|i| doc.token_norm(i)).collect();
        let mut toks: Vec<Tok<'a>> = Vec::with_capacity(n);
        let mut with_article = String::new();
        // Tokens come in text order, so the sentence of each one is found by walking the
        // sentence list once instead of searching it per token.
        let mut sent = 0;
        for (i, (t, &norm)) in doc.tokens.iter().zip(&norms).enumerate() {
            let original = t.text(&doc.text);
            while sent < doc.sentences.len() && doc.sentences[sent].end <= t.start {
                sent += 1;
            }
            let sentence = match doc.sentences.get(sent) {
                Some(s) if s.start <= t.start => sent,
                _ => usize::MAX,
            };
            let hits = if t.kind == TokenKind::Word {
                Self::hits_at(vocab, original, norm, &norms[i + 1..], &mut with_article)
            } else {
                Vec::new()
            };
            toks.push(Tok {
                start: t.start,
                end: t.end,
                kind: t.kind,
                norm,
                sentence,
                num: parse_num(norm, original),
                hits,
            });
        }
        Scanner { vocab, doc, toks, reference, last_day: Cell::new(None) }
    }

    /// The vocabulary hits of a word token: its text, its matching form and the matching
    /// forms of the tokens after it.
    fn hits_at(
        vocab: &Vocab,
        original: &str,
        norm: &str,
        following: &[&str],
        with_article: &mut String,
    ) -> Vec<Hit> {
        let mut hits = Vec::new();
        // Each reading of the token (whole, or without a proclitic) is looked up as soon as it
        // is formed, in a fixed order, so the hits come out in that order.
        let mut look = |cand: &str, pc: usize| {
            for entry in vocab.starting_with(cand) {
                let fits = entry.rest.len() <= following.len()
                    && entry.rest.iter().zip(following).all(|(w, x)| x == w);
                // A relative day only takes `و` or `ف` (`لامس` is a verb, not `ل` + `أمس`).
                let clitic_ok = pc == 0
                    || !matches!(entry.word, Word::RelDay(_))
                    || (pc == 1 && norm.starts_with(['و', 'ف']));
                if fits && clitic_ok {
                    hits.push(Hit {
                        len: 1 + entry.rest.len(),
                        word: entry.word.clone(),
                        source: entry.source,
                        prefix_bytes: original_prefix_bytes(original, pc),
                    });
                }
            }
        };
        // Most readings are not vocabulary words; the quick test spares the lookup.
        if vocab.may_start(norm) {
            look(norm, 0);
        }
        // Only words that start with a proclitic letter (و ف ل ك: D9 88/81/84/83; ب: D8 A8)
        // can carry one.
        if matches!(norm.as_bytes(), [0xD9, 0x88 | 0x81 | 0x84 | 0x83, ..] | [0xD8, 0xA8, ..]) {
            for (p, rest) in proclitic_readings(norm) {
                if rest.chars().nth(1).is_none() {
                    continue;
                }
                let pc = p.chars().count();
                // `للعام` is `ل` + `العام` with the article's alef dropped.
                if let Some(r) = rest.strip_prefix("ل").filter(|_| p.ends_with('ل')) {
                    with_article.clear();
                    with_article.push_str("ال");
                    with_article.push_str(r);
                    if vocab.may_start(with_article) {
                        look(with_article, pc - 1);
                    }
                }
                if vocab.may_start(rest) {
                    look(rest, pc);
                }
            }
            if let Some(r) = norm.strip_prefix("لل") {
                with_article.clear();
                with_article.push_str("ال");
                with_article.push_str(r);
                if vocab.may_start(with_article) {
                    look(with_article, 0);
                }
            }
        }
        hits
    }

    /// All expressions of the scanned text, in order.
    pub(crate) fn run(&self) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.try_at(i) {
                Some(m) if m.e > i => {
                    if let Val::Day(d) | Val::Time(d, _, _) = &m.val {
                        self.last_day.set(Some((*d, self.toks[m.s].sentence)));
                    }
                    i = m.e;
                    out.push(m);
                }
                _ => i += 1,
            }
        }
        out
    }

    fn try_at(&self, i: usize) -> Option<Match> {
        let t = &self.toks[i];
        if t.hits.is_empty()
            && t.num.is_none()
            && t.kind != TokenKind::Number
            && !matches!(t.norm, "من" | "بين" | "الي" | "و" | "يومي")
        {
            return None;
        }
        // Every rule is tried in this order and the first of the longest readings wins;
        // a rule that cannot start at this token is not tried.
        let may = self.may_start(i);
        let mut best: Option<Match> = None;
        for (k, rule) in Self::RULES.iter().enumerate() {
            if may & (1 << k) == 0 {
                continue;
            }
            if let Some(m) = rule(self, i)
                && best.as_ref().is_none_or(|b| m.e > b.e)
            {
                best = Some(m);
            }
        }
        best
    }

    /// The rules (bits in the order of [`Scanner::RULES`]) that can read an expression
    /// starting at token `i`: each rule begins with an optional lead-in (a preposition, a
    /// part of the day, `يوم`, a weekday) and then needs a word of a given role or a number,
    /// so a rule whose every way in is missing at `i` returns nothing there. The conditions
    /// are those of the rules' first steps, loosened (any hit of the role, of any length);
    /// a test checks them against trying every rule.
    fn may_start(&self, i: usize) -> u16 {
        let t = &self.toks[i];
        let has = |pred: fn(&Word) -> bool| t.hits.iter().any(|h| pred(&h.word));
        let num = t.num.is_some();
        let number = num || t.kind == TokenKind::Number;
        let prep_in = has(|w| *w == Word::Prep(Prep::In));
        let prep = has(|w| matches!(w, Word::Prep(_)));
        let boundary = has(|w| *w == Word::Boundary);
        let daypart = has(|w| *w == Word::DayPart);
        let yawm = t.norm == "يوم";
        let weekday = has(|w| matches!(w, Word::Weekday(_)));
        let this = has(|w| *w == Word::This);
        let rules = [
            // r_numeric
            prep_in || yawm || weekday || number,
            // r_explicit
            prep_in || daypart || yawm || weekday || num || has(|w| matches!(w, Word::Ordinal(_))),
            // r_range_first
            matches!(t.norm, "من" | "بين" | "يومي"),
            // r_relday
            daypart || has(|w| matches!(w, Word::RelDay(_))),
            // r_weekday
            daypart || yawm || weekday || has(|w| *w == Word::Unit(Unit::Day)),
            // r_time
            prep_in || has(|w| *w == Word::Clock),
            // r_month
            prep || boundary
                || matches!(t.norm, "من" | "الي" | "و" | "شهر" | "لشهر" | "بشهر" | "وشهر")
                || has(|w| matches!(w, Word::Month(_) | Word::HijriMonth { .. })),
            // r_year
            prep || num || has(|w| matches!(w, Word::Unit(Unit::Year) | Word::Period(Unit::Year))),
            // r_period
            prep || boundary || this || has(|w| matches!(w, Word::Period(_))),
            // r_season
            prep || boundary || this || has(|w| matches!(w, Word::Season(_) | Word::SeasonBare(_))),
            // r_counted
            has(|w| matches!(w, Word::Prep(Prep::Since | Prep::Before | Prep::After))),
            // r_vague
            has(|w| matches!(w, Word::Prep(Prep::In | Prep::During) | Word::Vague(_))),
            // r_duration
            num || has(|w| {
                matches!(
                    w,
                    Word::Prep(Prep::For | Prep::During)
                        | Word::Approx
                        | Word::Inexact
                        | Word::Cardinal(_)
                        | Word::Teen(_)
                        | Word::Unit2(_)
                        | Word::Unit(_)
                        | Word::Units(_)
                )
            }),
        ];
        rules.iter().enumerate().fold(0, |m, (k, &ok)| if ok { m | (1 << k) } else { m })
    }

    /// Every rule, in the order in which they are tried.
    const RULES: [fn(&Self, usize) -> Option<Match>; 13] = [
        Self::r_numeric,
        Self::r_explicit,
        Self::r_range_first,
        Self::r_relday,
        Self::r_weekday,
        Self::r_time,
        Self::r_month,
        Self::r_year,
        Self::r_period,
        Self::r_season,
        Self::r_counted,
        Self::r_vague,
        Self::r_duration,
    ];

    // ----- token helpers -------------------------------------------------------------

    /// The longest vocabulary hit at token `i` whose role satisfies `pred`.
    fn hit(&self, i: usize, pred: impl Fn(&Word) -> bool) -> Option<&Hit> {
        let mut best: Option<&Hit> = None;
        for h in self.toks.get(i)?.hits.iter().filter(|h| pred(&h.word)) {
            if best.is_none_or(|b| h.len > b.len) {
                best = Some(h);
            }
        }
        best
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm)
    }

    fn is_punct(&self, i: usize, chars: &[char]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct && t.norm.chars().next().is_some_and(|c| chars.contains(&c))
        })
    }

    fn num(&self, i: usize) -> Option<&Num> {
        self.toks.get(i)?.num.as_ref()
    }

    /// A plain number token without a proclitic.
    fn bare_num(&self, i: usize) -> Option<&Num> {
        self.num(i).filter(|n| n.prefix_bytes == 0 && n.era.is_none())
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    fn start_of(&self, i: usize) -> usize {
        self.toks.get(i).map_or(self.doc.text.len(), |t| t.start)
    }

    fn source(&self, h: &Hit) -> &str {
        self.vocab.sources.get(h.source as usize).map_or("?", String::as_str)
    }

    fn mk(&self, s: usize, e: usize, start_byte: usize, val: Val, rule: String) -> Match {
        Match { s, e, start_byte, val, rule, flags: Vec::new(), absolute: false }
    }

    /// Matches a single-token word, returning its hit.
    fn word1(&self, i: usize, pred: impl Fn(&Word) -> bool) -> Option<&Hit> {
        self.hit(i, pred).filter(|h| h.len == 1)
    }

    /// The direction the context gives to an expression starting at token `s`: `منذ` right
    /// before it means past; a future cue (a future verb, `من المقرر`) earlier in the same
    /// sentence means future.
    fn direction(&self, s: usize) -> Dir {
        if s > 0 && self.hit(s - 1, |w| *w == Word::Prep(Prep::Since)).is_some() {
            return Dir::PastInclusive;
        }
        let Some(sentence) = self.toks.get(s).map(|t| t.sentence) else { return Dir::Neutral };
        for k in (s.saturating_sub(10)..s).rev() {
            let t = &self.toks[k];
            if t.sentence != sentence {
                break;
            }
            // `على غير المتوقع` ("unexpectedly") is no cue.
            let negated = k > 0 && self.norm(k - 1) == "غير";
            let cue = t
                .hits
                .iter()
                .any(|h| h.word == Word::Future || h.word == Word::Modifier(Modifier::Next));
            if (cue && !negated) || self.future_verb(k) {
                return Dir::FutureInclusive;
            }
        }
        Dir::Neutral
    }

    /// A word that looks like an imperfect verb with the future prefix `س` (سيزور, ستعقد).
    fn future_verb(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if t.kind != TokenKind::Word || !t.hits.is_empty() {
            return false;
        }
        let w = t.norm.strip_prefix('و').or_else(|| t.norm.strip_prefix('ف')).unwrap_or(t.norm);
        let mut chars = w.chars();
        chars.next() == Some('س')
            && chars.next().is_some_and(|c| matches!(c, 'ي' | 'ت' | 'ن' | 'ا'))
            && w.chars().count() >= 4
    }

    fn reference(&self) -> Option<Date> {
        self.reference
    }

    // ----- shared pieces -------------------------------------------------------------

    /// A count written in digits or words at `j`: `(value, next token, prefix bytes)`.
    fn count(&self, j: usize) -> Option<(u32, usize, usize)> {
        if let Some(n) = self.num(j).filter(|n| n.era.is_none()) {
            return Some((n.value, j + 1, n.prefix_bytes));
        }
        let h = self.word1(j, |w| matches!(w, Word::Cardinal(_) | Word::Teen(_)))?;
        let (v, teen) = match h.word {
            Word::Cardinal(v) => (v, false),
            Word::Teen(v) => (v, true),
            _ => return None,
        };
        let ten = self.word1(j + 1, |w| *w == Word::Cardinal(10)).filter(|h| h.prefix_bytes == 0);
        if (1..=9).contains(&v) && ten.is_some() {
            return Some((v + 10, j + 2, h.prefix_bytes));
        }
        if teen {
            return None;
        }
        if (1..=9).contains(&v)
            && let Some(t) = self.toks.get(j + 1)
            && let Some(rest) = t.norm.strip_prefix('و')
            && let Some(tens) = self.vocab.starting_with(rest).iter().find_map(|e| match e.word {
                Word::Cardinal(t) if e.rest.is_empty() && (20..=90).contains(&t) && t % 10 == 0 => {
                    Some(t)
                }
                _ => None,
            })
        {
            return Some((v + tens, j + 2, h.prefix_bytes));
        }
        Some((v, j + 1, h.prefix_bytes))
    }

    /// An ordinal at `j` (`الخامسة`, `الحادية عشرة`): `(value, next token)`.
    fn ordinal(&self, j: usize) -> Option<(u32, usize)> {
        let h = self.word1(j, |w| matches!(w, Word::Ordinal(_)))?;
        let Word::Ordinal(v) = h.word else { return None };
        if (1..=9).contains(&v) && self.word1(j + 1, |w| *w == Word::Cardinal(10)).is_some() {
            return Some((v + 10, j + 2));
        }
        // `الرابع والعشرين` = 24.
        if (1..=9).contains(&v)
            && let Some(Word::Ordinal(t)) = self
                .word1(j + 1, |w| matches!(w, Word::Ordinal(20 | 30)))
                .filter(|h| h.prefix_bytes > 0 && self.norm(j + 1).starts_with('و'))
                .map(|h| h.word.clone())
        {
            return Some((v + t, j + 2));
        }
        Some((v, j + 1))
    }

    /// A year at `j`, optionally introduced by `عام`/`سنة` (and `من`), optionally followed by
    /// an era marker: `(year, era hijri?, next token)`.
    fn year_at(&self, j: usize) -> Option<(u32, Option<bool>, usize)> {
        let mut k = j;
        if self.norm(k) == "من" && self.is_year_word(k + 1) {
            k += 1;
        }
        if self.is_year_word(k) {
            k += 1;
        }
        let n = self.num(k)?;
        if !(3..=4).contains(&n.digits) || (n.prefix_bytes != 0 && k == j) {
            return None;
        }
        let mut era = n.era;
        let mut next = k + 1;
        if era.is_none()
            && let Some(h) = self.word1(next, |w| matches!(w, Word::EraHijri | Word::EraGregorian))
        {
            era = Some(h.word == Word::EraHijri);
            next += 1;
        }
        Some((n.value, era, next))
    }

    fn is_year_word(&self, k: usize) -> bool {
        self.word1(k, |w| matches!(w, Word::Unit(Unit::Year) | Word::Period(Unit::Year))).is_some()
    }

    /// Skips a parenthesised alternative name of month `m` (`أكتوبر (تشرين الأول)`).
    fn alt_month(&self, j: usize, m: u32, hijri: bool) -> usize {
        if self.is_punct(j, &['(', '[']) {
            let h = self.hit(j + 1, |w| {
                if hijri {
                    matches!(w, Word::HijriMonth { month, .. } if *month == m)
                } else {
                    *w == Word::Month(m)
                }
            });
            if let Some(h) = h
                && self.is_punct(j + 1 + h.len, &[')', ']'])
            {
                return j + 2 + h.len;
            }
        } else if self.is_punct(j, &['/'])
            && let Some(h) = self.hit(j + 1, |w| *w == Word::Month(m))
        {
            return j + 1 + h.len;
        } else if !hijri
            && let Some(h) = self.hit(j, |w| *w == Word::Month(m)).filter(|h| h.prefix_bytes == 0)
        {
            // `فبراير شباط 2010`: the other system's name written right after.
            return j + h.len;
        }
        j
    }

    /// A leading preposition at `i` that is part of the span (`في`).
    fn lead_in(&self, i: usize) -> usize {
        match self.word1(i, |w| *w == Word::Prep(Prep::In)) {
            Some(_) => i + 1,
            None => i,
        }
    }

    fn start_byte(&self, i: usize, h: Option<&Hit>) -> usize {
        self.start_of(i) + h.map_or(0, |h| h.prefix_bytes)
    }

    // ----- rules ---------------------------------------------------------------------

    /// `20/9/2023`, `2023-09-20`, `27.07.2015`, `1436/9/5هـ`.
    fn r_numeric(&self, i: usize) -> Option<Match> {
        let mut j = self.lead_in(i);
        if j == i && self.norm(j) == "يوم" {
            j += 1;
        }
        if self.word1(j, |w| matches!(w, Word::Weekday(_))).is_some() {
            j += 1;
            if self.is_punct(j, &['،', ',']) {
                j += 1;
            }
        }
        let t = self.toks.get(j)?;
        let (parts, e, era): (Vec<(u32, usize)>, usize, Option<bool>) = if t.kind
            == TokenKind::Number
            && t.norm.matches('.').count() == 2
        {
            let p: Vec<(u32, usize)> =
                t.norm.split('.').filter_map(|x| x.parse().ok().map(|v| (v, x.len()))).collect();
            (p, j + 1, None)
        } else {
            let a = self.num(j).filter(|n| n.era.is_none())?;
            let sep = self.toks.get(j + 1)?;
            let sep_c = sep.norm.chars().next()?;
            if sep.kind != TokenKind::Punct || !matches!(sep_c, '/' | '-' | '.') {
                return None;
            }
            // `2 / 6 / 1436هـ` is written with spaces; dashes and dots must be tight.
            if sep_c != '/'
                && !(self.adjacent(j, j + 1)
                    && self.adjacent(j + 1, j + 2)
                    && self.adjacent(j + 2, j + 3)
                    && self.adjacent(j + 3, j + 4))
            {
                return None;
            }
            if !self.is_punct(j + 3, &[sep_c]) {
                return None;
            }
            let b = self.bare_num(j + 2)?;
            let c = self.num(j + 4).filter(|n| n.prefix_bytes == 0)?;
            let mut e = j + 5;
            let mut era = c.era;
            if era.is_none()
                && let Some(h) = self.word1(e, |w| matches!(w, Word::EraHijri | Word::EraGregorian))
            {
                era = Some(h.word == Word::EraHijri);
                e += 1;
            }
            (vec![(a.value, a.digits), (b.value, b.digits), (c.value, c.digits)], e, era)
        };
        if parts.len() != 3 {
            return None;
        }
        let (y, m, d) = if parts[0].1 == 4 && parts[1].1 <= 2 && parts[2].1 <= 2 {
            (parts[0].0, parts[1].0, parts[2].0)
        } else if parts[2].1 == 4 && parts[0].1 <= 2 && parts[1].1 <= 2 {
            (parts[2].0, parts[1].0, parts[0].0)
        } else {
            return None;
        };
        let start = self.start_of(i);
        let yi = i32::try_from(y).ok()?;
        let hijri = era == Some(true) || (era.is_none() && cal::HIJRI_YEARS.contains(&yi));
        let mut m_ = self.mk(i, e, start, Val::None("date"), "numeric-date".into());
        let date = if hijri { cal::hijri_to_gregorian(yi, m, d) } else { cal::ymd(yi, m, d) };
        match date {
            Some(d) => {
                m_.val = Val::Day(d);
                m_.absolute = true;
                if hijri {
                    m_.rule = "numeric-date:hijri".into();
                }
            }
            None => m_.flags.push("invalid"),
        }
        Some(m_)
    }

    /// `20 سبتمبر 2023`, `الاثنين 27 يوليو 2015`, `29 سبتمبر (أيلول)`, `5 رمضان 1436 هـ`,
    /// `الأول من يونيو`.
    fn r_explicit(&self, i: usize) -> Option<Match> {
        let mut j = self.lead_in(i);
        if j == i {
            // `مساء الاثنين 18 شوال`, `صباح يوم 5 مايو`.
            j = self.daypart(j);
        }
        if self.norm(j) == "يوم" {
            j += 1;
        }
        let mut weekday = None;
        if let Some(h) = self.word1(j, |w| matches!(w, Word::Weekday(_))) {
            if let Word::Weekday(d) = h.word {
                weekday = Some(d);
            }
            j += 1;
            if self.is_punct(j, &['،', ',']) {
                j += 1;
            }
        }
        let day_tok = j;
        let (day, mut k, prefix) =
            if let Some(n) = self.num(j).filter(|n| n.digits <= 2 && n.era.is_none()) {
                (n.value, j + 1, n.prefix_bytes)
            } else if let Some((v, k)) = self.ordinal(j) {
                if self.norm(k) != "من" {
                    return None;
                }
                (v, k, 0)
            } else {
                return None;
            };
        if !(1..=31).contains(&day) {
            return None;
        }
        if self.norm(k) == "من" {
            k += 1;
        }
        if self.norm(k) == "شهر" {
            k += 1;
        }
        let mh = self.hit(k, |w| matches!(w, Word::Month(_) | Word::HijriMonth { .. }))?;
        let (month, hijri) = match mh.word {
            Word::Month(m) => (m, false),
            Word::HijriMonth { month, .. } => (month, true),
            _ => return None,
        };
        let month_src = self.source(mh).to_string();
        k += mh.len;
        k = self.alt_month(k, month, hijri);
        // A Gregorian year has four digits; a shorter number after the month counts something.
        let year = self.year_at(k).filter(|(y, era, _)| hijri || era.is_some() || *y >= 1000);
        let mut e = year.map_or(k, |y| y.2);
        // `26 أكتوبر المقبل`, `5 مايو الماضي`.
        let mut modifier = None;
        if year.is_none()
            && let Some(Word::Modifier(md)) =
                self.word1(e, |w| matches!(w, Word::Modifier(_))).map(|h| h.word.clone())
        {
            modifier = Some(md);
            e += 1;
        }
        // A span starts at the lead-in, or after the proclitic of the day (`و29`).
        let start = if i == day_tok { self.start_of(i) + prefix } else { self.start_of(i) };
        let mut m = self.mk(i, e, start, Val::None("date"), format!("explicit-date:{month_src}"));
        let dir = match modifier {
            Some(Modifier::Past) => Dir::Past,
            Some(Modifier::Next) => Dir::Next,
            Some(Modifier::Current) => Dir::Current,
            None => self.direction(i),
        };
        let date = match (year, hijri) {
            (Some((y, era, _)), false) if era != Some(true) => {
                m.absolute = true;
                m.rule.push_str("+year");
                cal::ymd(i32::try_from(y).ok()?, month, day)
            }
            (Some((y, _, _)), true) => {
                m.absolute = true;
                m.rule.push_str("+hijri-year");
                cal::hijri_to_gregorian(i32::try_from(y).ok()?, month, day)
            }
            (Some(_), false) => None,
            (None, false) => {
                if let Some(y) = self.named_year(day_tok, day, month, i) {
                    // `قوى 14 آذار` names a coalition, not a day.
                    let year = y.0?;
                    m.rule = format!(
                        "named-date:{}",
                        self.vocab.sources.get(y.1 as usize).map_or("?", String::as_str)
                    );
                    m.absolute = true;
                    cal::ymd(year, month, day)
                } else if !day_exists(day, month) {
                    None
                } else if let Some(r) = self.reference() {
                    cal::resolve_day_month(r, day, month, dir)
                } else {
                    m.flags.push("unresolved");
                    return Some(m);
                }
            }
            (None, true) => match self.reference() {
                Some(r) => cal::resolve_hijri_month(r, month, dir)
                    .and_then(|y| cal::hijri_to_gregorian(y, month, day)),
                None => {
                    m.flags.push("unresolved");
                    return Some(m);
                }
            },
        };
        match date {
            Some(d) => {
                if weekday.is_some_and(|w| w != cal::weekday(d)) {
                    m.flags.push("weekday-mismatch");
                }
                m.val = Val::Day(d);
            }
            None => m.flags.push("invalid"),
        }
        Some(m)
    }

    /// The year of a day and month that history names (`ثورة 30 يونيو`): the word before
    /// the expression must be one of the cues.
    fn named_year(
        &self,
        day_tok: usize,
        day: u32,
        month: u32,
        start: usize,
    ) -> Option<(Option<i32>, u32)> {
        let before = start.min(day_tok).checked_sub(1)?;
        let t = self.toks.get(before)?;
        let forms: Vec<&str> = std::iter::once(t.norm)
            .chain(PROCLITICS.iter().filter_map(|p| t.norm.strip_prefix(p)))
            .collect();
        self.vocab
            .named
            .iter()
            .find(|n| {
                n.day == day
                    && n.month == month
                    && n.cues.iter().any(|c| forms.contains(&c.as_str()))
            })
            .map(|n| (n.year, n.source))
    }

    /// `من 9 إلى 29 سبتمبر`, `بين 9 و29 سبتمبر`: the first day takes its month and year
    /// from the second.
    fn r_range_first(&self, i: usize) -> Option<Match> {
        if !matches!(self.norm(i), "من" | "بين" | "يومي") {
            return None;
        }
        let a = self.bare_num(i + 1).filter(|n| n.digits <= 2 && (1..=31).contains(&n.value))?;
        let second = if matches!(self.norm(i + 2), "الي" | "حتي" | "و")
            || self.is_punct(i + 2, &['-', '–'])
        {
            i + 3
        } else if self.num(i + 2).is_some_and(|n| n.prefix_bytes > 0)
            && self.norm(i + 2).starts_with('و')
        {
            i + 2
        } else {
            return None;
        };
        let b = self.r_explicit(second)?;
        let mut m = self.mk(
            i,
            i + 2,
            self.start_of(i),
            Val::None("date"),
            format!("range-start+{}", b.rule),
        );
        m.flags = b.flags.clone();
        m.absolute = b.absolute;
        match b.val {
            Val::Day(d2) => {
                let (mut y, mut mo) = (i32::from(d2.year()), u32::try_from(d2.month()).ok()?);
                if a.value > u32::try_from(d2.day()).ok()? {
                    (y, mo) = cal::add_months(y, mo, -1)?;
                }
                match cal::ymd(y, mo, a.value) {
                    Some(d) => m.val = Val::Day(d),
                    None => m.flags.push("invalid"),
                }
            }
            _ => return None,
        }
        Some(m)
    }

    /// Leading part of the day (`مساء`, `في وقت لاحق`), optionally followed by `تقريبا`.
    fn daypart(&self, i: usize) -> usize {
        match self.hit(i, |w| *w == Word::DayPart) {
            Some(h) => {
                let mut j = i + h.len;
                if self.word1(j, |w| *w == Word::Approx).is_some() && self.norm(j) == "تقريبا"
                {
                    j += 1;
                }
                j
            }
            None => i,
        }
    }

    /// `اليوم`, `أمس الثلاثاء`, `اليوم (الاثنين)`, `مساء أمس`, `فجر اليوم (أمس السبت)`,
    /// `اليوم نفسه`.
    fn r_relday(&self, i: usize) -> Option<Match> {
        let j = self.daypart(i);
        let h = self.hit(j, |w| matches!(w, Word::RelDay(_)))?;
        let Word::RelDay(mut off) = h.word else { return None };
        let mut rule = format!("relative-day:{}", self.source(h));
        let start = self.start_byte(i, if i == j { Some(h) } else { None });
        let mut e = j + h.len;
        if i == j && j > 0 && self.word1(j - 1, |w| *w == Word::Outlet).is_some() {
            return None;
        }
        // `"اليوم"` in quotation marks is the name of a newspaper.
        let quotes = ['"', '“', '”', '«', '»', '\''];
        if h.len == 1 && j > 0 && self.is_punct(j - 1, &quotes) && self.is_punct(j + 1, &quotes) {
            return None;
        }
        // `اليوم نفسه`, `اليوم التالي`: relative to the previous day mentioned.
        if off == 0
            && let Some(a) = self.word1(e, |w| matches!(w, Word::Anaphor(_)))
        {
            let Word::Anaphor(n) = a.word else { return None };
            let mut m = self.mk(
                i,
                e + 1,
                start,
                Val::None("date"),
                format!("anaphoric-day:{}", self.source(a)),
            );
            match self.last_day.get().and_then(|(d, _)| cal::add_days(d, n)) {
                Some(d) => m.val = Val::Day(d),
                None => m.flags.push("unresolved"),
            }
            return Some(m);
        }
        if self.hit(e, |w| *w == Word::NotToday || matches!(w, Word::Ordinal(_))).is_some() {
            return None;
        }
        let mut weekday = None;
        if let Some(w) =
            self.word1(e, |w| matches!(w, Word::Weekday(_))).filter(|h| h.prefix_bytes == 0)
        {
            if let Word::Weekday(d) = w.word {
                weekday = Some(d);
            }
            e += 1;
        } else if self.is_punct(e, &['(', '[']) {
            // A parenthesised weekday or corrected day: `(الاثنين)`, `(أمس السبت)`.
            let mut k = e + 1;
            let mut inner_off = None;
            if let Some(r) = self.hit(k, |w| matches!(w, Word::RelDay(_))) {
                if let Word::RelDay(o) = r.word {
                    inner_off = Some(o);
                }
                k += r.len;
            }
            let mut inner_wd = None;
            if let Some(w) = self.word1(k, |w| matches!(w, Word::Weekday(_))) {
                if let Word::Weekday(d) = w.word {
                    inner_wd = Some(d);
                }
                k += 1;
            }
            if (inner_off.is_some() || inner_wd.is_some()) && self.is_punct(k, &[')', ']']) {
                if let Some(o) = inner_off {
                    off = o;
                    rule.push_str("+corrected");
                }
                weekday = inner_wd;
                e = k + 1;
            }
        }
        let mut m = self.mk(i, e, start, Val::None("date"), rule);
        let Some(r) = self.reference() else {
            m.flags.push("unresolved");
            return Some(m);
        };
        let Some(mut d) = cal::add_days(r, off) else {
            m.flags.push("invalid");
            return Some(m);
        };
        if let Some(wd) = weekday {
            if cal::weekday(d) != wd {
                // The weekday is what the writer saw; the offset depends on when the text was
                // dated. Take the day with that weekday nearest to the offset day.
                m.flags.push("weekday-mismatch");
                let fwd = (i64::from(wd) - i64::from(cal::weekday(d))).rem_euclid(7);
                let shift = if fwd <= 3 { fwd } else { fwd - 7 };
                d = cal::add_days(d, shift).unwrap_or(d);
            }
            m.rule.push_str("+weekday");
        }
        m.val = Val::Day(d);
        Some(m)
    }

    /// `الخميس`, `يوم السبت`, `الأحد الماضي`, `الخميس المقبل`, `صباح الأربعاء`.
    fn r_weekday(&self, i: usize) -> Option<Match> {
        let mut j = self.daypart(i);
        let mut leading_hit = None;
        if self.norm(j) == "يوم"
            || self.word1(j, |w| *w == Word::Unit(Unit::Day)).is_some_and(|h| h.prefix_bytes > 0)
        {
            leading_hit = self.word1(j, |w| *w == Word::Unit(Unit::Day));
            j += 1;
        }
        let h = self.word1(j, |w| matches!(w, Word::Weekday(_)))?;
        let Word::Weekday(wd) = h.word else { return None };
        // `الأحد عشر` (eleven), `الاثنين معا` (both).
        if matches!(self.norm(j + 1), "عشر" | "عشره" | "معا") || (j > 0 && self.norm(j - 1) == "كلا")
        {
            return None;
        }
        let start = if i == j {
            self.start_byte(i, Some(h))
        } else {
            self.start_byte(i, leading_hit.filter(|_| j == i + 1))
        };
        let mut e = j + 1;
        let mut rule = format!("weekday:{}", self.source(h));
        let mut dir = None;
        if let Some(mh) = self.word1(e, |w| matches!(w, Word::Modifier(_))) {
            if let Word::Modifier(md) = mh.word {
                dir = Some(match md {
                    Modifier::Past => Dir::Past,
                    Modifier::Next => Dir::Next,
                    Modifier::Current => Dir::Current,
                });
                rule.push_str("+modifier");
            }
            e += 1;
        }
        let mut m = self.mk(i, e, start, Val::None("date"), rule);
        // `... 1436 يوافق الخميس`: the weekday of a date just given, not a day of its own.
        if i > 0 && matches!(self.norm(i - 1), "يوافق" | "توافق" | "الموافق" | "الموافقه" | "وافق")
        {
            m.rule.push_str("+agreeing");
            match self.last_day.get().filter(|(d, _)| cal::weekday(*d) == wd) {
                Some((d, _)) => m.val = Val::Day(d),
                None => m.flags.push("anchored"),
            }
            return Some(m);
        }
        if i > 0 && self.norm(i - 1) == "كل" {
            m.val = Val::None("set");
            m.flags.push("set");
            return Some(m);
        }
        let Some(r) = self.reference() else {
            m.flags.push("unresolved");
            return Some(m);
        };
        let dir = dir.unwrap_or_else(|| self.direction(i));
        match cal::resolve_weekday(r, wd, dir) {
            Some(d) => m.val = Val::Day(d),
            None => m.flags.push("invalid"),
        }
        Some(m)
    }

    /// `الساعة الخامسة مساء`, `الساعة 10:30 صباحا`, `الساعة الثانية عشرة ظهرا من يوم الأحد`.
    fn r_time(&self, i: usize) -> Option<Match> {
        let j = self.lead_in(i);
        let clock = self.word1(j, |w| *w == Word::Clock)?;
        let mut k = j + 1;
        let (mut hour, mut minute) = if let Some(n) = self.bare_num(k).filter(|n| n.digits <= 2) {
            k += 1;
            let mut minute = 0;
            if self.is_punct(k, &[':'])
                && self.adjacent(k - 1, k)
                && self.adjacent(k, k + 1)
                && let Some(mn) = self.bare_num(k + 1).filter(|n| n.digits == 2)
            {
                minute = mn.value;
                k += 2;
            }
            (n.value, minute)
        } else if let Some((v, next)) = self.ordinal(k) {
            k = next;
            (v, 0)
        } else {
            return None;
        };
        // `والنصف`, `وربع`, `إلا ربعا`.
        if let Some(h) =
            self.word1(k, |w| matches!(w, Word::Half(_))).filter(|h| h.prefix_bytes > 0)
        {
            if let Word::Half(mn) = h.word {
                minute = mn;
            }
            k += 1;
        } else if self.norm(k) == "الا"
            && let Some(h) = self.word1(k + 1, |w| matches!(w, Word::Half(_)))
        {
            if let Word::Half(mn) = h.word {
                minute = 60 - mn;
                hour = if hour == 0 { 23 } else { hour - 1 };
            }
            k += 2;
        }
        let mut hour_part = None;
        if let Some(h) = self.word1(k, |w| matches!(w, Word::HourPart(_))) {
            if let Word::HourPart(p) = h.word {
                hour_part = Some(p);
                hour = match p {
                    HourPart::Pm if hour < 12 => hour + 12,
                    HourPart::Noon if hour <= 5 => hour + 12,
                    HourPart::Night if (6..=11).contains(&hour) => hour + 12,
                    HourPart::Am if hour == 12 => 0,
                    _ => hour,
                };
            }
            k += 1;
        }
        if hour > 23 || minute > 59 {
            let mut m = self.mk(
                i,
                k,
                self.start_byte(i, Some(clock).filter(|_| i == j)),
                Val::None("time"),
                "clock-time".into(),
            );
            m.flags.push("invalid");
            return Some(m);
        }
        // The day: a day expression right after (`من يوم الأحد`, `أمس`), else the last day
        // named in the same sentence, else the reference date.
        let mut e = k;
        let mut day = None;
        let mut day_rule = "";
        let after = if self.norm(k) == "من" { k + 1 } else { k };
        if let Some(dm) = self.r_relday(after).or_else(|| self.r_weekday(after)) {
            // `الساعة الثامنة من مساء أمس`: the day part says whether the hour is pm.
            if let Some(HourPart::Pm | HourPart::Night) =
                self.word1(after, |w| matches!(w, Word::HourPart(_))).and_then(|h| match h.word {
                    Word::HourPart(p) => Some(p),
                    _ => None,
                })
                && hour < 12
                && hour_part.is_none()
            {
                hour += 12;
            }
            if let Val::Day(d) = dm.val {
                day = Some(d);
                day_rule = "+day";
            }
            e = dm.e;
        }
        let sentence = self.toks.get(i).map(|t| t.sentence);
        if day.is_none()
            && let Some((d, s)) = self.last_day.get().filter(|(_, s)| Some(*s) == sentence)
        {
            let _ = s;
            day = Some(d);
            day_rule = "+sentence-day";
        }
        let mut flags = Vec::new();
        if day.is_none() {
            day = self.reference();
            day_rule = "+reference-day";
            flags.push("day-from-reference");
        }
        let mut m =
            self.mk(i, e, self.start_of(i), Val::None("time"), format!("clock-time{day_rule}"));
        m.flags = flags;
        match day {
            Some(d) => m.val = Val::Time(d, hour, minute),
            None => {
                m.flags.clear();
                m.flags.push("unresolved");
            }
        }
        Some(m)
    }

    /// `في مارس`, `فبراير المقبل`, `سبتمبر 2023`, `أكتوبر (تشرين الأول)`, `مايو من العام
    /// الماضي`, `شهر رمضان`, `شوال 1444`, `رمضان المبارك`.
    fn r_month(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let mut context = false;
        let mut prep = false;
        let mut start = self.start_of(i);
        if let Some(h) = self.word1(j, |w| matches!(w, Word::Prep(_) | Word::Boundary)) {
            context = true;
            prep = matches!(h.word, Word::Prep(_));
            if h.word != Word::Prep(Prep::In) {
                start = self.start_of(j + 1);
            } else {
                start = self.start_byte(j, Some(h));
            }
            j += 1;
        } else if matches!(self.norm(j), "من" | "الي" | "و") {
            context = true;
            start = self.start_of(j + 1);
            j += 1;
        }
        let mut month_word = false;
        if matches!(self.norm(j), "شهر" | "لشهر" | "بشهر" | "وشهر") {
            month_word = true;
            context = true;
            j += 1;
        }
        let h = self.hit(j, |w| matches!(w, Word::Month(_) | Word::HijriMonth { .. }))?;
        if j == i {
            start = self.start_byte(i, Some(h));
            context |= h.prefix_bytes > 0 && self.toks[i].norm.starts_with('ف');
        }
        let (month, hijri, standalone) = match h.word {
            Word::Month(m) => (m, false, true),
            Word::HijriMonth { month, standalone } => (month, true, standalone),
            _ => return None,
        };
        let mut rule = format!("month:{}", self.source(h));
        let mut k = j + h.len;
        let alt = self.alt_month(k, month, hijri);
        if alt > k {
            context = true;
            k = alt;
        }
        let mut epithet = false;
        if hijri && self.word1(k, |w| *w == Word::HijriEpithet).is_some() {
            epithet = true;
            k += 1;
        }
        let mut year = None;
        let mut dir = None;
        if let Some((y, era, next)) =
            self.year_at(k).filter(|(y, era, _)| hijri || era.is_some() || *y >= 1000)
        {
            if hijri || era != Some(true) {
                year = Some(y);
                k = next;
            }
        } else if let Some(mh) = self.word1(k, |w| matches!(w, Word::Modifier(_))) {
            if let Word::Modifier(md) = mh.word {
                dir = Some(md);
            }
            k += 1;
        } else if self.norm(k) == "من" {
            // `مايو من العام الماضي`, `مايو من هذا العام`.
            let p = k + 1;
            if self.is_year_word(p) {
                if let Some(Word::Modifier(md)) =
                    self.word1(p + 1, |w| matches!(w, Word::Modifier(_))).map(|h| h.word.clone())
                {
                    year = self.reference().map(|r| {
                        let ry = i64::from(r.year());
                        let y = match md {
                            Modifier::Past => ry - 1,
                            Modifier::Next => ry + 1,
                            Modifier::Current => ry,
                        };
                        u32::try_from(y).unwrap_or(0)
                    });
                    rule.push_str("+relative-year");
                    if year.is_none() {
                        let mut m = self.mk(i, p + 2, start, Val::None("date"), rule);
                        m.flags.push("unresolved");
                        return Some(m);
                    }
                    k = p + 2;
                }
            } else if self.word1(p, |w| *w == Word::This).is_some()
                && self.is_year_word(p + 1)
                && !hijri
            {
                year = self.reference().map(|r| u32::try_from(r.year()).unwrap_or(0));
                rule.push_str("+this-year");
                if year.is_none() {
                    let mut m = self.mk(i, p + 2, start, Val::None("date"), rule);
                    m.flags.push("unresolved");
                    return Some(m);
                }
                k = p + 2;
            }
        }
        let anchored = year.is_some() || dir.is_some() || epithet;
        if !(anchored || context) {
            return None;
        }
        if hijri && !standalone && !(anchored || month_word || prep) {
            return None;
        }
        let mut m = self.mk(i, k, start, Val::None("date"), rule);
        let direction = match dir {
            Some(Modifier::Past) => Dir::Past,
            Some(Modifier::Next) => Dir::Next,
            Some(Modifier::Current) => Dir::Current,
            None => self.direction(i),
        };
        if let Some(y) = year {
            let y = i32::try_from(y).ok()?;
            m.rule.push_str("+year");
            m.absolute = true;
            if hijri {
                if cal::HIJRI_YEARS.contains(&y) {
                    m.val = Val::HijriMonth(y, month);
                } else {
                    m.flags.push("invalid");
                }
            } else if (cal::MIN_YEAR..=cal::MAX_YEAR).contains(&y) {
                m.val = Val::Month(y, month);
            } else {
                m.flags.push("invalid");
            }
            return Some(m);
        }
        let Some(r) = self.reference() else {
            m.flags.push("unresolved");
            return Some(m);
        };
        if hijri {
            match cal::resolve_hijri_month(r, month, direction) {
                Some(y) => m.val = Val::HijriMonth(y, month),
                None => m.flags.push("invalid"),
            }
        } else {
            match cal::resolve_month(r, month, direction) {
                Some((y, mo)) => m.val = Val::Month(y, mo),
                None => m.flags.push("invalid"),
            }
        }
        Some(m)
    }

    /// `عام 2022`, `في 2011`, `2011.`, `1436 هـ`, `2015م`.
    fn r_year(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let mut prep = None;
        if let Some(h) = self.word1(j, |w| matches!(w, Word::Prep(_))) {
            if let Word::Prep(p) = h.word {
                prep = Some(p);
            }
            j += 1;
        }
        let word = self.is_year_word(j).then(|| self.word1(j, |_| true)).flatten();
        if word.is_some() {
            j += 1;
        }
        let n = self.num(j)?;
        if !(3..=4).contains(&n.digits) {
            return None;
        }
        let mut e = j + 1;
        let mut era = n.era;
        if era.is_none()
            && let Some(h) = self.word1(e, |w| matches!(w, Word::EraHijri | Word::EraGregorian))
        {
            era = Some(h.word == Word::EraHijri);
            e += 1;
        }
        let y = i32::try_from(n.value).ok()?;
        let bare = prep.is_none() && word.is_none();
        if bare && era.is_none() {
            // A bare number is a year only when it stands alone before punctuation or the end
            // of the text, in a plausible range (`أوكرانيا 2022،`), not before a counted noun.
            let ends = e >= self.toks.len()
                || self.toks[e].sentence != self.toks[j].sentence
                || self.is_punct(e, &['،', ',', '.', '؛', ';', ')', '»', '"', ':', '؟', '!']);
            let follows_number =
                j > 0 && (self.num(j - 1).is_some() || self.is_punct(j - 1, &['/', '-', ':', '.']));
            if !ends || follows_number || !(1900..=2100).contains(&y) || n.digits != 4 {
                return None;
            }
        }
        if !bare && word.is_none() && era.is_none() && !(1900..=2100).contains(&y) {
            return None;
        }
        let start = match (prep, word) {
            (Some(Prep::In), _) => self.start_byte(i, self.word1(i, |_| true)),
            (Some(_), Some(w)) => self.start_byte(i + 1, Some(w)),
            (Some(_), None) => self.start_of(j) + n.prefix_bytes,
            (None, Some(w)) => self.start_byte(i, Some(w)),
            (None, None) => self.start_of(j) + n.prefix_bytes,
        };
        let mut m = self.mk(i, e, start, Val::None("date"), "year".into());
        m.absolute = true;
        if era == Some(true) {
            m.rule = "year:hijri".into();
            if cal::HIJRI_YEARS.contains(&y) {
                m.val = Val::HijriYear(y);
            } else {
                m.flags.push("invalid");
            }
        } else if (cal::MIN_YEAR..=cal::MAX_YEAR).contains(&y) {
            m.val = Val::Year(y);
        } else {
            m.flags.push("invalid");
        }
        Some(m)
    }

    /// `الأسبوع الماضي`, `الشهر المقبل`, `العام الجاري`, `هذا الشهر`, `العام قبل الماضي`.
    fn r_period(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.word1(j, |w| matches!(w, Word::Prep(_) | Word::Boundary)).is_some() {
            j += 1;
        }
        let (unit, steps, e, h, rule_word) = if let Some(this) = self.word1(j, |w| *w == Word::This)
        {
            let p = self.word1(j + 1, |w| matches!(w, Word::Period(_)))?;
            let Word::Period(u) = p.word else { return None };
            (u, 0i64, j + 2, this, p)
        } else {
            let p = self.word1(j, |w| matches!(w, Word::Period(_)))?;
            let Word::Period(u) = p.word else { return None };
            if self.norm(j + 1) == "قبل" {
                let mh = self.word1(j + 2, |w| *w == Word::Modifier(Modifier::Past))?;
                let _ = mh;
                (u, -2, j + 3, p, p)
            } else {
                let mh = self.word1(j + 1, |w| matches!(w, Word::Modifier(_)))?;
                let Word::Modifier(md) = mh.word else { return None };
                // `الأمين العام السابق`: `العام` agreeing with a definite title is "general".
                if j == i
                    && j > 0
                    && md == Modifier::Past
                    && self.norm(j + 1).starts_with("السابق")
                    && self.norm(j - 1).starts_with("ال")
                {
                    return None;
                }
                let steps = match md {
                    Modifier::Past => -1,
                    Modifier::Next => 1,
                    Modifier::Current => 0,
                };
                (u, steps, j + 2, p, p)
            }
        };
        let start = self.start_byte(j, Some(h));
        let mut m = self.mk(
            i,
            e,
            start,
            Val::None("date"),
            format!("relative-period:{}", self.source(rule_word)),
        );
        let Some(r) = self.reference() else {
            m.flags.push("unresolved");
            return Some(m);
        };
        m.val = match unit {
            Unit::Week => cal::add_days(r, 7 * steps).map_or(Val::None("date"), Val::Week),
            Unit::Month => {
                cal::add_months(i32::from(r.year()), u32::try_from(r.month()).ok()?, steps)
                    .map_or(Val::None("date"), |(y, mo)| Val::Month(y, mo))
            }
            Unit::Year => Val::Year(i32::from(r.year()) + i32::try_from(steps).ok()?),
            Unit::Day => cal::add_days(r, steps).map_or(Val::None("date"), Val::Day),
            Unit::Hour | Unit::Minute => return None,
        };
        Some(m)
    }

    /// `الخريف الماضي`, `هذا الصيف`, `صيف 2014`, `صيف العام الماضي`.
    fn r_season(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.word1(j, |w| matches!(w, Word::Prep(_) | Word::Boundary)).is_some() {
            j += 1;
        }
        let this = self.word1(j, |w| *w == Word::This);
        let sj = if this.is_some() { j + 1 } else { j };
        let h = self.word1(sj, |w| matches!(w, Word::Season(_) | Word::SeasonBare(_)))?;
        let (code, bare) = match h.word {
            Word::Season(c) => (c, false),
            Word::SeasonBare(c) => (c, true),
            _ => return None,
        };
        let start = self.start_byte(j, Some(this.unwrap_or(h)));
        let rule = format!("season:{}", self.source(h));
        let mut e = sj + 1;
        if this.is_some() {
            if bare {
                return None;
            }
            return Some(self.season_value(i, e, start, rule, code, Dir::Current));
        }
        if let Some((y, era, next)) = self.year_at(e) {
            if era == Some(true)
                || !(cal::MIN_YEAR..=cal::MAX_YEAR).contains(&i32::try_from(y).ok()?)
            {
                return None;
            }
            let mut m =
                self.mk(i, next, start, Val::Season(format!("{y:04}-{code}")), rule + "+year");
            m.absolute = true;
            return Some(m);
        }
        // `صيف العام الماضي`: the season of a relative year.
        if bare && self.is_year_word(e) {
            let mh = self.word1(e + 1, |w| matches!(w, Word::Modifier(_)))?;
            let Word::Modifier(md) = mh.word else { return None };
            e += 2;
            let mut m = self.mk(i, e, start, Val::None("date"), rule + "+relative-year");
            let Some(r) = self.reference() else {
                m.flags.push("unresolved");
                return Some(m);
            };
            let y = i32::from(r.year())
                + match md {
                    Modifier::Past => -1,
                    Modifier::Next => 1,
                    Modifier::Current => 0,
                };
            m.val = Val::Season(format!("{y:04}-{code}"));
            return Some(m);
        }
        if bare {
            return None;
        }
        let mh = self.word1(e, |w| matches!(w, Word::Modifier(_)))?;
        let Word::Modifier(md) = mh.word else { return None };
        e += 1;
        let dir = match md {
            Modifier::Past => Dir::Past,
            Modifier::Next => Dir::Next,
            Modifier::Current => Dir::Current,
        };
        Some(self.season_value(i, e, start, rule, code, dir))
    }

    fn season_value(
        &self,
        s: usize,
        e: usize,
        start: usize,
        rule: String,
        code: &str,
        dir: Dir,
    ) -> Match {
        let mut m = self.mk(s, e, start, Val::None("date"), rule);
        match self.reference().and_then(|r| cal::resolve_season(r, code, dir)) {
            Some(v) => m.val = Val::Season(v),
            None => m.flags.push("unresolved"),
        }
        m
    }

    /// A count of units at `j`: `ثلاثة أيام`, `81 يوما`, `يومين`, (singular when allowed)
    /// `أسبوع`. Returns `(count or None for a bare plural, unit, next, prefix bytes, rule)`.
    fn counted_units(
        &self,
        j: usize,
        singular: bool,
    ) -> Option<(Option<u32>, Unit, usize, usize, String)> {
        if let Some((n, k, prefix)) = self.count(j) {
            let h = self
                .word1(k, |w| matches!(w, Word::Unit(_) | Word::Units(_)))
                .filter(|h| h.prefix_bytes == 0)?;
            let (Word::Unit(u) | Word::Units(u)) = h.word else { return None };
            return Some((Some(n), u, k + 1, prefix, format!("count+unit:{}", self.source(h))));
        }
        let h = self.word1(j, |w| matches!(w, Word::Unit2(_) | Word::Unit(_) | Word::Units(_)))?;
        match h.word {
            Word::Unit2(u) => {
                Some((Some(2), u, j + 1, h.prefix_bytes, format!("dual:{}", self.source(h))))
            }
            Word::Unit(u) if singular => {
                Some((Some(1), u, j + 1, h.prefix_bytes, format!("unit:{}", self.source(h))))
            }
            Word::Units(u) => {
                Some((None, u, j + 1, h.prefix_bytes, format!("plural:{}", self.source(h))))
            }
            _ => None,
        }
    }

    /// `قبل ثلاثة أيام`, `قبل اسبوع`, `بعد أسبوعين`, `منذ عامين`, `قبل نحو شهر`.
    fn r_counted(&self, i: usize) -> Option<Match> {
        let p =
            self.word1(i, |w| matches!(w, Word::Prep(Prep::Since | Prep::Before | Prep::After)))?;
        let Word::Prep(prep) = p.word else { return None };
        let mut j = i + 1;
        let mut approx = false;
        let mut inexact = false;
        if let Some(h) = self.hit(j, |w| matches!(w, Word::Approx | Word::Inexact)) {
            approx = h.word == Word::Approx;
            inexact = h.word == Word::Inexact;
            j += h.len;
        }
        let (n, unit, mut e, _, rule) = self.counted_units(j, true)?;
        // `بعد يوم واحد فقط من ...`
        if self.word1(e, |w| *w == Word::Cardinal(1)).is_some_and(|h| h.prefix_bytes == 0) {
            e += 1;
        }
        let lookahead = if self.norm(e) == "فقط" { e + 1 } else { e };
        // `يوما بعد يوم` ("day after day") is an idiom, not a date.
        if i > 0 && self.word1(i - 1, |w| *w == Word::Unit(unit)).is_some() {
            return None;
        }
        if self.norm(e) == "تقريبا" {
            approx = true;
            e += 1;
        }
        let mut m = self.mk(
            i,
            e,
            self.start_byte(i, Some(p)),
            Val::None("date"),
            format!("relative-count:{rule}"),
        );
        if approx {
            m.flags.push("approximate");
        }
        // `قبل ثلاثة أيام من الهجوم` counts from another event, not from the reference.
        if matches!(self.norm(lookahead), "من" | "علي") {
            m.flags.push("anchored");
            return Some(m);
        }
        let Some(n) = n.filter(|_| !inexact) else {
            m.flags.push("vague");
            return Some(m);
        };
        if matches!(unit, Unit::Hour | Unit::Minute) {
            m.val = Val::None("time");
            m.flags.push("vague");
            return Some(m);
        }
        let Some(r) = self.reference() else {
            m.flags.push("unresolved");
            return Some(m);
        };
        if n > 5000 {
            m.flags.push("invalid");
            return Some(m);
        }
        let sign: i64 = if prep == Prep::After { 1 } else { -1 };
        let n = i64::from(n) * sign;
        m.val = match unit {
            Unit::Day => cal::add_days(r, n).map_or(Val::None("date"), Val::Day),
            Unit::Week => cal::add_days(r, 7 * n).map_or(Val::None("date"), Val::Week),
            Unit::Month => cal::add_months(i32::from(r.year()), u32::try_from(r.month()).ok()?, n)
                .map_or(Val::None("date"), |(y, mo)| Val::Month(y, mo)),
            Unit::Year => {
                i32::try_from(i64::from(r.year()) + n).map_or(Val::None("date"), Val::Year)
            }
            Unit::Hour | Unit::Minute => Val::None("time"),
        };
        Some(m)
    }

    /// `لمدة أربعة أيام`, `81 يوما`, `أسبوعين`, `خلال ثلاثة أشهر`, `لمدة عام`.
    fn r_duration(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let mut lead = None;
        if let Some(h) = self.hit(j, |w| matches!(w, Word::Prep(Prep::For | Prep::During))) {
            lead = Some(h);
            j += h.len;
        }
        let mut inexact = false;
        let mut approx = false;
        if let Some(h) = self.hit(j, |w| matches!(w, Word::Approx | Word::Inexact)) {
            inexact = h.word == Word::Inexact;
            approx = h.word == Word::Approx;
            j += h.len;
        }
        let singular = lead.is_some_and(|h| h.word == Word::Prep(Prep::For));
        let (n, unit, e, prefix, rule) = self.counted_units(j, singular)?;
        let n = n?;
        let start =
            if lead.is_some() { self.start_byte(i, lead) } else { self.start_of(i) + prefix };
        let mut m = self.mk(i, e, start, Val::None("duration"), format!("duration:{rule}"));
        if inexact {
            m.flags.push("inexact");
        } else if n == 0 || n > 100_000 {
            m.flags.push("invalid");
        } else {
            if approx {
                m.flags.push("approximate");
            }
            m.val = Val::Duration(unit.duration(n));
        }
        Some(m)
    }

    /// `خلال الأيام المقبلة`, `في الأسابيع الأخيرة`: recognised, deliberately without value.
    fn r_vague(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let lead = self.word1(j, |w| matches!(w, Word::Prep(Prep::In | Prep::During)));
        if lead.is_some() {
            j += 1;
        }
        let v = self.word1(j, |w| matches!(w, Word::Vague(_)))?;
        let mh = self.word1(j + 1, |w| matches!(w, Word::Modifier(_) | Word::Recent))?;
        let flag = match mh.word {
            Word::Modifier(Modifier::Next) => "future",
            Word::Modifier(Modifier::Current) => "present",
            _ => "past",
        };
        let start =
            if lead.is_some() { self.start_byte(i, lead) } else { self.start_byte(i, Some(v)) };
        let mut m =
            self.mk(i, j + 2, start, Val::None("date"), format!("vague-period:{}", self.source(v)));
        m.flags.push("vague");
        m.flags.push(flag);
        Some(m)
    }
}

/// Whether day `d` exists in month `m` of some year (29 February does).
fn day_exists(d: u32, m: u32) -> bool {
    let max = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=max).contains(&d)
}

impl Scanner<'_> {
    /// Byte end of a match in the original text.
    pub(crate) fn end_byte(&self, m: &Match) -> usize {
        m.e.checked_sub(1).and_then(|k| self.toks.get(k)).map_or(m.start_byte, |t| t.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of up to four letters over the proclitic letters and two others is read
    /// the same way as trying each proclitic of the list in turn.
    #[test]
    fn proclitic_readings_equal_the_list() {
        let letters = ["و", "ف", "ب", "ل", "ك", "ا", "x"];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                words.iter().flat_map(|w| letters.iter().map(move |l| format!("{w}{l}"))).collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for w in &words {
            let expected: Vec<(&str, &str)> =
                PROCLITICS.iter().filter_map(|p| w.strip_prefix(p).map(|r| (*p, r))).collect();
            let got: Vec<(&str, &str)> = proclitic_readings(w).collect();
            assert_eq!(got, expected, "{w}");
        }
    }

    /// Trying only the rules that [`Scanner::may_start`] allows gives what trying every
    /// rule gives, at every token of every text of the table-driven corpus and of sentences
    /// around the plain words that may start a range or a month.
    #[test]
    fn skipped_rules_would_have_found_nothing() {
        #![allow(clippy::unwrap_used)]
        let vocab = Vocab::load(&marsad_lexicon::DataSource::Embedded).unwrap();
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut texts: Vec<String> = vec![
            "من 5 إلى 7 مايو 2015 ومن مايو حتى يونيو وبين 3 و4 أغسطس".into(),
            "يومي 12 و13 سبتمبر، من الشهر المقبل إلى شهر مارس، و 2014 من عام 2015".into(),
            "خرج من البيت الى السوق بين الناس و في الأسبوع الماضي من 2010 الى 2012".into(),
        ];
        for entry in std::fs::read_dir(&dir).unwrap() {
            let raw = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let value: toml::Value = toml::from_str(&raw).unwrap();
            for case in value.get("case").and_then(|c| c.as_array()).into_iter().flatten() {
                if let Some(t) = case.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
        let (mut checked, mut found) = (0, 0);
        for text in &texts {
            let doc = TextDoc::new(text.as_str());
            let sc = Scanner::new(&vocab, &doc, "2015-07-21".parse().ok(), usize::MAX);
            for i in 0..sc.toks.len() {
                let mut all: Option<Match> = None;
                for rule in Scanner::RULES {
                    if let Some(m) = rule(&sc, i)
                        && all.as_ref().is_none_or(|b| m.e > b.e)
                    {
                        all = Some(m);
                    }
                }
                let t = &sc.toks[i];
                let gate_passes = !t.hits.is_empty()
                    || t.num.is_some()
                    || t.kind == TokenKind::Number
                    || matches!(t.norm, "من" | "بين" | "الي" | "و" | "يومي");
                let gated = if gate_passes { sc.try_at(i) } else { None };
                if gate_passes {
                    assert_eq!(format!("{all:?}"), format!("{gated:?}"), "token {i} of {text}");
                }
                checked += 1;
                found += usize::from(all.is_some());
            }
        }
        assert!(checked > 500, "{checked} tokens checked");
        assert!(found > 300, "only {found} expressions found");
    }
}
