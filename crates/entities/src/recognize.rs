//! The recognition pass: candidate mentions from every source, overlap resolution, actor
//! building and coreference. See the crate documentation for the rules.

use std::collections::BTreeMap;
use std::ops::Range;

use marsad_lexicon::{Country, Cue, GeoKind, Lexicon, TitleKind};
use marsad_model::{Actor, Entity, EntityType, Span};
use marsad_text::{TextDoc, TokenKind, fold_char, normalize_word};

use crate::scan::{Scanner, Source};
use crate::{DictMatches, EntityLayer};

/// What the layer derives from the lexicon once, not per document.
#[derive(Debug)]
pub(crate) struct Prepared {
    scanner: Scanner,
    /// [`crate::lists_id`] of the extra lists the scanner reports.
    extra_id: u64,
    /// Signature of each title of `titles.tsv` (see [`signature`]).
    title_sig: Vec<Vec<String>>,
    /// Whether a title ends with a definite word or has one second (`وزير الدفاع`), so that
    /// a nisba describing it is definite too.
    title_definite: Vec<bool>,
    /// Whether a title's matching form starts with the article.
    title_article: Vec<bool>,
    /// Matching form of each organisation head.
    head_norm: Vec<String>,
    /// Rule name of the first gazetteer entry of each place key (`GeoEntry::rule`), written
    /// once instead of for every place found.
    place_rule: Vec<String>,
    /// Index in `Gazetteer::countries` of each country or group code, hashed with the word
    /// hash: codes are looked up for every nisba, place and actor.
    country_index: WordMap<usize>,
    /// Word classes (`F_*` bits) of every word that has one, proclitic forms included, so
    /// that classifying a token is one lookup.
    words: WordMap<u16>,
}

/// A map keyed by words, hashed with the shared fast hash (`marsad_lexicon::hash`).
pub(crate) type WordMap<V> = marsad_lexicon::hash::FastMap<String, V>;

/// A map keyed by indices (of actors), hashed with the shared fast hash.
pub(crate) type IndexMap<V> = marsad_lexicon::hash::FastMap<usize, V>;

/// The word classes of the lexicon's cue words and given names, and of their forms behind a
/// proclitic where a rule asks about those (`وقال` ends a name like `قال`).
fn word_table(lex: &Lexicon) -> WordMap<u16> {
    let mut words: WordMap<u16> = WordMap::default();
    let names = &lex.names;
    for (w, cues) in names.cue_words() {
        *words.entry(w.to_string()).or_default() |= cues.iter().fold(0, |f, &c| f | cue_bit(c));
        if w.chars().count() < 2 {
            continue;
        }
        let ends = cues.iter().any(|c| matches!(c, Cue::Stop | Cue::Speech));
        let counterpart = cues.contains(&Cue::Counterpart);
        for c in CLITICS {
            let bits = if ends { F_CLITIC_STOP } else { 0 }
                | if counterpart { F_CLITIC_COUNTERPART } else { 0 };
            if bits != 0 {
                *words.entry(format!("{c}{w}")).or_default() |= bits;
            }
        }
    }
    for w in names.first_names() {
        *words.entry(w.to_string()).or_default() |= F_FIRST;
        if w.chars().count() >= 3 && !names.is_cue(w, Cue::Stop) {
            for c in ["و", "ف"] {
                *words.entry(format!("{c}{w}")).or_default() |= F_CLITIC_GIVEN;
            }
        }
    }
    words
}

impl Prepared {
    pub(crate) fn new(lex: &Lexicon, extra: &[(Vec<String>, crate::Pick)]) -> Self {
        let norms: Vec<String> =
            lex.titles.titles.iter().map(|t| normalize_word(&t.phrase)).collect();
        Prepared {
            scanner: Scanner::new(lex, extra),
            extra_id: crate::lists_id(extra),
            title_sig: lex.titles.titles.iter().map(|t| signature(&t.phrase)).collect(),
            title_definite: norms
                .iter()
                .map(|n| {
                    n.split_whitespace()
                        .last()
                        .is_some_and(|w| w.starts_with("ال") || w.starts_with("لل"))
                        || n.split_whitespace().nth(1).is_some_and(|w| w.starts_with("ال"))
                })
                .collect(),
            title_article: norms.iter().map(|n| n.starts_with("ال")).collect(),
            head_norm: lex.orgs.heads.iter().map(|h| normalize_word(&h.phrase)).collect(),
            country_index: {
                let mut index = WordMap::default();
                for (i, c) in lex.geo.countries.iter().enumerate() {
                    index.entry(c.code.clone()).or_insert(i);
                }
                index
            },
            place_rule: (0..lex.geo.names.len())
                .map(|k| lex.geo.entries_of(k).next().map(|e| e.rule()).unwrap_or_default())
                .collect(),
            words: word_table(lex),
        }
    }
}

impl Prepared {
    /// `lex.geo.country(code)`, through the word-hashed index.
    fn country<'l>(&self, lex: &'l Lexicon, code: &str) -> Option<&'l Country> {
        self.country_index.get(code).and_then(|&i| lex.geo.countries.get(i))
    }
}

/// Per-token word classes, computed once per document (bits of [`Ctx::flags`]).
const F_STOP: u16 = 1;
const F_SPEECH: u16 = 1 << 1;
const F_CONNECTOR: u16 = 1 << 2;
const F_ORG_ADJECTIVE: u16 = 1 << 3;
const F_TIME: u16 = 1 << 4;
const F_DIRECTION: u16 = 1 << 5;
const F_COUNTERPART: u16 = 1 << 6;
const F_NOT_NAME: u16 = 1 << 7;
const F_FIRST: u16 = 1 << 8;
const F_STOPISH: u16 = 1 << 9;
/// A proclitic followed by a stop or speech word (`وقال`, `بعد` aside).
const F_CLITIC_STOP: u16 = 1 << 10;
/// A proclitic followed by a counterpart noun (`ونظيره`).
const F_CLITIC_COUNTERPART: u16 = 1 << 11;
/// `و` or `ف` followed by a given name of three letters or more.
const F_CLITIC_GIVEN: u16 = 1 << 12;
/// A title that is also a common noun (`الفريق`).
const F_AMBIGUOUS_TITLE: u16 = 1 << 13;

fn cue_bit(cue: Cue) -> u16 {
    match cue {
        Cue::Stop => F_STOP,
        Cue::Speech => F_SPEECH,
        Cue::Connector => F_CONNECTOR,
        Cue::OrgAdjective => F_ORG_ADJECTIVE,
        Cue::Time => F_TIME,
        Cue::Direction => F_DIRECTION,
        Cue::Counterpart => F_COUNTERPART,
        Cue::NotName => F_NOT_NAME,
        Cue::AmbiguousTitle => F_AMBIGUOUS_TITLE,
    }
}

/// Proclitic letter sequences (matching form) that may open a word before a name.
const CLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

/// Words of a title that do not distinguish one office from another when comparing roles
/// (`رئيس هيئة الأركان العامة` and `رئيس الأركان` are the same office).
const SIG_NOISE: &[&str] = &["هيئه", "عامه", "قياده", "قوات", "مسلحه", "عام"];

/// Longest name run, in tokens.
const MAX_NAME: usize = 6;

/// A role phrase: a title with the words that complete it (nisba, genitive, organisation).
#[derive(Debug, Clone)]
struct Role {
    /// True when the role ends with a prepositional phrase (`في نيجيريا`): no name follows.
    closed: bool,
    bytes: Range<usize>,
    toks: Range<usize>,
    title: usize,
    country: Option<String>,
    agents: Vec<String>,
    why: String,
    sig: Vec<String>,
}

#[derive(Debug, Clone)]
enum Info {
    Geo {
        code: Option<String>,
        canonical: String,
        rule: String,
    },
    Org {
        org: usize,
    },
    OrgStruct {
        /// A named organisation directly after the head (`وكالة الأناضول`): the same body.
        inner: Option<usize>,
        head: usize,
        country: Option<String>,
        why: String,
    },
    Person {
        person: usize,
    },
    PerStruct {
        role: Option<usize>,
        extra: Vec<String>,
        rule: &'static str,
        country: Option<String>,
    },
    Alias {
        actor: usize,
    },
    Misc {
        rule: &'static str,
    },
}

/// A dictionary entry found in the text.
#[derive(Debug, Clone)]
enum DictRef {
    Geo(Option<String>),
    Org(usize),
}

#[derive(Debug, Clone)]
struct Cand {
    bytes: Range<usize>,
    toks: Range<usize>,
    kind: EntityType,
    prio: u8,
    info: Info,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    prep: &'a Prepared,
    doc: &'a TextDoc,
    n: usize,
    /// Word classes of each token (`F_*` bits).
    flags: Vec<u16>,
    /// Title hit starting at each token (index into `titles`).
    title_at: Vec<Option<usize>>,
    /// Token end and code of a nisba starting at each token.
    nisba_at: Vec<Option<(usize, &'a str)>>,
    /// True for tokens inside a title.
    in_title: Vec<bool>,
    /// True for tokens where an organisation head starts.
    head_at: Vec<bool>,
    /// True for tokens covered by an accepted dictionary or structural mention.
    covered: Vec<bool>,
    /// The longest place or named organisation of the dictionaries starting at each token,
    /// with its end token, for organisation chains (`حكومة مالي`, `وكالة الأناضول`).
    dict_at: Vec<Option<(usize, DictRef)>>,
    /// Byte start (original text) of the entry in `dict_at`, after any proclitic.
    dict_start: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn norm(&self, i: usize) -> &str {
        self.doc.token_norm(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn text(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map_or("", |t| self.doc.slice(t.start..t.end))
    }

    fn cue(&self, i: usize, cue: Cue) -> bool {
        self.flags.get(i).is_some_and(|f| f & cue_bit(cue) != 0)
    }

    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct)
            && set.contains(&self.text(i))
    }

    /// True when tokens `i` and `i + 1` touch (no space between them).
    fn touching(&self, i: usize) -> bool {
        match (self.doc.tokens.get(i), self.doc.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Token range and original byte range of a matching-form span.
    fn span_of_norm(&self, s: usize, e: usize) -> (Range<usize>, Range<usize>) {
        let bytes = self.doc.norm_to_original(s..e);
        let ts = self.doc.token_at(bytes.start);
        let te = self.doc.token_at(bytes.end.saturating_sub(1)) + 1;
        (bytes, ts..te.max(ts + 1).min(self.n.max(ts + 1)))
    }

    fn stopish(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & F_STOPISH != 0)
    }

    /// Classifies token `i` once: its cue kinds, whether it is a given name, and whether it
    /// ends names ([`Ctx::stopish`]).
    fn classify(&self, i: usize) -> u16 {
        let w = self.norm(i);
        let mut f = self.prep.words.get(w).copied().unwrap_or(0);
        // A function, time or speech word ends a name, also behind a proclitic unless the
        // whole word is a given name. `علي` (the name) and `على` (the preposition) fold
        // together; the spelling decides.
        let ali = w == "علي" && self.text(i).ends_with('ي');
        let stopish = f & F_CLITIC_STOP != 0 && f & F_FIRST == 0
            || f & (F_STOP | F_TIME | F_SPEECH | F_NOT_NAME | F_COUNTERPART) != 0;
        if stopish && !ali {
            f |= F_STOPISH;
        }
        f
    }

    fn has(&self, i: usize, bits: u16) -> bool {
        self.flags.get(i).is_some_and(|f| f & bits != 0)
    }

    /// Byte start of token `i` after a proclitic when what follows satisfies `known`.
    fn strip(&self, i: usize, known: impl Fn(&str) -> bool) -> Option<usize> {
        let w = self.norm(i);
        let tok = self.doc.tokens.get(i)?;
        if known(w) {
            return Some(tok.start);
        }
        for c in CLITICS {
            if let Some(rest) = w.strip_prefix(c)
                && rest.chars().count() >= 2
                && known(rest)
            {
                let letters = c.chars().count();
                return Some(tok.start + orig_prefix_len(self.text(i), letters));
            }
        }
        None
    }

    /// The matching form of token `i` from where its dictionary entry starts (after any
    /// proclitic).
    fn dict_proclitic_rest(&self, i: usize) -> &str {
        let w = self.norm(i);
        let Some(t) = self.doc.tokens.get(i) else { return w };
        let start = match &self.dict_at.get(i) {
            Some(Some((_, _))) => self.dict_start.get(i).copied().unwrap_or(t.start),
            _ => t.start,
        };
        // The original-text prefix skipped by the entry, measured in matching-form letters.
        let skipped = self
            .doc
            .slice(t.start..start.max(t.start))
            .chars()
            .filter(|&c| fold_char(c).is_some())
            .count();
        let cut = w.char_indices().nth(skipped).map_or(w.len(), |(b, _)| b);
        &w[cut..]
    }

    /// The country of a definite nisba right before token `i` (`الفرنسية ايزابيل بريم`,
    /// `الطفل الفلسطيني علي دوابشة`): the nationality of the person named at `i`.
    fn nisba_before(&self, i: usize) -> Option<String> {
        let k = i.checked_sub(1)?;
        let (end, code) = self.nisba_at.get(k)?.as_ref()?;
        (*end == i
            && self.norm(k).starts_with("ال")
            && self.prep.country(self.lex, code).is_some_and(|c| !c.group))
        .then(|| code.to_string())
    }

    fn first_name(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & F_FIRST != 0)
    }

    /// Whether token `i` may be part of a person name.
    fn name_word(&self, i: usize, first: bool) -> bool {
        if i >= self.n || !self.is_word(i) || self.covered[i] {
            return false;
        }
        let w = self.norm(i);
        if w.chars().count() < 2 || w.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if self.stopish(i) || self.in_title[i] || self.head_at[i] {
            return false;
        }
        if self.cue(i, Cue::OrgAdjective) || self.cue(i, Cue::Direction) {
            return false;
        }
        // A word with the accusative ending (`وزيراً`, `قليلاً`) is an adverb or a predicate,
        // and a preposition before a feminine noun (`بدورة`, `لحقيقة`) opens a phrase: neither
        // is part of a name.
        if !self.first_name(i) {
            if self.text(i).ends_with('\u{064B}') || self.text(i).ends_with("\u{064B}ا") {
                return false;
            }
            if (w.starts_with('ب') || w.starts_with('ل'))
                && w.ends_with('ه')
                && w.chars().count() >= 4
            {
                return false;
            }
            // `ب` + a noun with the `م` prefix (`بمبلغ`, `بمكرر`, `بمعدل`) is a phrase.
            if w.starts_with("بم") && w.chars().count() >= 4 {
                return false;
            }
        }
        // An adverbial nisba (`عربيا`, `دوليا`) describes; it is not a family name.
        if w.ends_with("يا") && self.lex.geo.nisba(&w[..w.len() - 'ا'.len_utf8()]).is_some() {
            return false;
        }
        if let Some((_, code)) = &self.nisba_at[i] {
            // An indefinite nisba can be a name (`تركي`); a definite one describes.
            let group = self.prep.country(self.lex, code).is_some_and(|c| c.group);
            if w.starts_with("ال") && (first || !group) {
                return false;
            }
        }
        !(first && w.starts_with("ال"))
    }

    /// The run of name words starting at `j`, as a token range. Without a known given name
    /// a name has at most two words (connector pairs such as `عبد المجيد` count as one), or
    /// three when punctuation or a function word closes it.
    fn name_run(&self, j: usize) -> Option<Range<usize>> {
        self.name_run_upto(j, 1)
    }

    /// [`Ctx::name_run`] allowing up to `2 + long` words when the run is closed right after
    /// them (a title announces foreign names of four words: `خوسيه مانويل غارسيا مارغايو`).
    fn name_run_upto(&self, j: usize, long: usize) -> Option<Range<usize>> {
        let mut k = j;
        let mut words = 0;
        let mut ends: Vec<usize> = Vec::new();
        while k < self.n && k - j < MAX_NAME {
            if k > j {
                ends.push(k);
            }
            words += 1;
            if self.cue(k, Cue::Connector)
                && self.is_word(k)
                && !self.covered[k]
                && k + 1 < self.n
                && self.is_word(k + 1)
                && !self.covered[k + 1]
                && !self.stopish(k + 1)
            {
                k += 2;
                continue;
            }
            if k > j
                && self.is_punct(k, &["-", "–"])
                && self.touching(k)
                && self.name_word(k + 1, false)
            {
                words -= 1;
                k += 2;
                continue;
            }
            if self.name_word(k, k == j) {
                k += 1;
                // A family name with the article closes the name (`نايف الحجرف`), unless it
                // is a given name itself (`عبد الله`).
                if self.norm(k - 1).starts_with("ال") && !self.first_name(k - 1) {
                    break;
                }
                continue;
            }
            words -= 1;
            break;
        }
        if k > j {
            ends.push(k);
        }
        let _ = words;
        // Count words (a connector and its noun, or a hyphenated piece, count with their
        // neighbour) and cut the run to the allowed length.
        let mut count = 0;
        let mut cut = j;
        let mut i = j;
        let limit = 2;
        while i < k {
            let step =
                if self.cue(i, Cue::Connector) || self.is_punct(i, &["-", "–"]) { 2 } else { 1 };
            count += 1;
            let next = (i + step).min(k);
            let closes = next >= self.n || !self.is_word(next) || self.stopish(next);
            if count <= limit || (count <= limit + long && closes) {
                cut = next;
            } else if count > limit + long {
                break;
            }
            i = next;
        }
        (cut > j).then_some(j..cut)
    }

    fn bytes_of(&self, toks: Range<usize>) -> Range<usize> {
        let s = self.doc.tokens.get(toks.start).map_or(0, |t| t.start);
        let e = self.doc.tokens.get(toks.end.saturating_sub(1)).map_or(s, |t| t.end);
        s..e.max(s)
    }
}

/// Agent codes of state institutions and their officials.
const STATE_AGENTS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];

/// The country an article is about: the country code (not a region or bloc) of its
/// mentions, when it is named at least four times as often as the next one.
fn document_country<'a>(
    lex: &Lexicon,
    prep: &Prepared,
    mentions: &[Cand],
    actor_of: &[usize],
    actors: &'a [Actor],
) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, &a) in mentions.iter().zip(actor_of) {
        let Some(c) = actors.get(a).and_then(|x| x.country.as_deref()) else { continue };
        if prep.country(lex, c).is_none_or(|x| x.group) {
            continue;
        }
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some(e) => e.1 += 1,
            None => counts.push((c, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match (counts.first(), counts.get(1)) {
        (Some(a), Some(b)) if a.1 >= 2 * b.1 => Some(a.0),
        (Some(a), None) if a.1 >= 2 => Some(a.0),
        _ => None,
    }
}

/// `text` without Arabic diacritics and tatweel.
fn undiacritised(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .collect()
}

/// A bucket (0..256) of the last two letters of a word.
fn ending(w: &str) -> usize {
    let mut it = w.chars().rev();
    let last = it.next().map_or(0, u32::from);
    let before = it.next().map_or(0, u32::from);
    (last.wrapping_mul(31).wrapping_add(before) % 256) as usize
}

/// Byte length of the first `letters` letters of `word` (diacritics after them included).
fn orig_prefix_len(word: &str, letters: usize) -> usize {
    let mut count = 0;
    for (i, c) in word.char_indices() {
        if fold_char(c).is_some() {
            if count == letters {
                return i;
            }
            count += 1;
        }
    }
    word.len()
}

/// Agents of a role that names an organisation: a generic role (`مسؤول`, `متحدث باسم`)
/// takes the body's sector first (`مسؤول بالجيش` is `MIL`); an office keeps its own.
fn merge_agents(title: Vec<String>, org: Vec<String>, generic: bool) -> Vec<String> {
    let (first, second) = if generic || title.is_empty() { (org, title) } else { (title, org) };
    let mut out = first;
    if out.is_empty() {
        out = second;
    }
    out
}

fn signature(title: &str) -> Vec<String> {
    normalize_word(title)
        .split_whitespace()
        .map(|w| w.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(w).to_string())
        .map(|w| w.strip_prefix("لل").map_or(w.clone(), str::to_string))
        .filter(|w| !SIG_NOISE.iter().any(|x| normalize_word(x) == *w))
        .collect()
}

/// Keeps the longest non-overlapping candidates (ties: higher priority, then earlier, then
/// first proposed). The kept spans are disjoint, so one ordered lookup tells whether a
/// candidate overlaps one. Candidates are large, so their indices are sorted, not them.
fn resolve(cands: Vec<Cand>) -> Vec<Cand> {
    let mut order: Vec<(std::cmp::Reverse<usize>, std::cmp::Reverse<u8>, usize, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let len = c.bytes.end.saturating_sub(c.bytes.start);
            (std::cmp::Reverse(len), std::cmp::Reverse(c.prio), c.bytes.start, i)
        })
        .collect();
    order.sort_unstable();
    let mut keep = vec![false; cands.len()];
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for &(_, _, _, i) in &order {
        let c = &cands[i];
        let free = taken.range(..c.bytes.end).next_back().is_none_or(|(_, &e)| e <= c.bytes.start);
        if c.bytes.start < c.bytes.end && free {
            taken.insert(c.bytes.start, c.bytes.end);
            keep[i] = true;
        }
    }
    // Kept spans are disjoint and not empty, so their starts are distinct.
    let mut out: Vec<Cand> =
        cands.into_iter().zip(keep).filter(|(_, k)| *k).map(|(c, _)| c).collect();
    out.sort_by_key(|c| c.bytes.start);
    out
}

/// For each token, the candidates whose token range contains it, in candidate order.
struct Cover {
    offsets: Vec<usize>,
    items: Vec<usize>,
}

impl Cover {
    fn new(cands: &[Cand], n: usize) -> Self {
        let mut offsets = vec![0usize; n + 1];
        for c in cands {
            for t in c.toks.start.min(n)..c.toks.end.min(n) {
                offsets[t + 1] += 1;
            }
        }
        for t in 0..n {
            offsets[t + 1] += offsets[t];
        }
        let mut fill = offsets.clone();
        let mut items = vec![0usize; offsets[n]];
        for (i, c) in cands.iter().enumerate() {
            for t in c.toks.start.min(n)..c.toks.end.min(n) {
                items[fill[t]] = i;
                fill[t] += 1;
            }
        }
        Cover { offsets, items }
    }

    fn at(&self, k: usize) -> &[usize] {
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }
}

pub(crate) fn run(lex: &Lexicon, prep: &Prepared, doc: &TextDoc) -> EntityLayer {
    let n = doc.tokens.len();
    if n == 0 {
        return EntityLayer::default();
    }
    let norm = doc.norm.text.as_str();
    let mut cx = Ctx {
        lex,
        prep,
        doc,
        n,
        flags: Vec::new(),
        title_at: vec![None; n],
        in_title: vec![false; n],
        nisba_at: vec![None; n],
        head_at: vec![false; n],
        covered: vec![false; n],
        dict_at: vec![None; n],
        dict_start: vec![0; n],
    };

    cx.flags = (0..n).map(|i| cx.classify(i)).collect();
    let ([title_hits, nisba_hits, place_hits, org_hits, people_hits, head_hits], speech, extra) =
        prep.scanner.scan(norm);
    debug_assert_eq!(Source::Heads as usize, 5);

    // Titles and nisbas by token.
    let mut titles: Vec<(Range<usize>, Range<usize>, usize)> = Vec::new();
    for m in &title_hits {
        let (bytes, toks) = cx.span_of_norm(m.start, m.end);
        if let Some(&t) = lex.titles.matcher.values(m.key).first() {
            // A generic role noun right after a definite noun is an adjective
            // (`التعاون العسكري`), not a title.
            let generic = lex.titles.titles[t].kind == TitleKind::Generic;
            if generic
                && toks.start > 0
                && cx.is_word(toks.start - 1)
                && cx.norm(toks.start - 1).starts_with("ال")
                && prep.title_article[t]
            {
                continue;
            }
            // A one-word title that folds like a function word is only that title when
            // spelled as listed (`إمام` the imam, `أمام` "in front of"; `والي` the governor,
            // `وإلى` "and to").
            if toks.len() == 1
                && cx.stopish(toks.start)
                && !undiacritised(doc.slice(bytes.clone()))
                    .ends_with(&undiacritised(&lex.titles.titles[t].phrase))
            {
                continue;
            }
            cx.title_at[toks.start] = Some(titles.len());
            for k in toks.clone() {
                if let Some(x) = cx.in_title.get_mut(k) {
                    *x = true;
                }
            }
            titles.push((bytes, toks, t));
        }
    }
    for m in nisba_hits {
        let (_, toks) = cx.span_of_norm(m.start, m.end);
        if let Some(code) = lex.geo.nisba_matcher.values(m.key).first() {
            cx.nisba_at[toks.start] = Some((toks.end, code.as_str()));
        }
    }

    let mut cands: Vec<Cand> = Vec::new();
    // Places, countries, capitals, regions.
    for m in place_hits {
        let Some(entry) = lex.geo.entries_of(m.key).next() else { continue };
        if entry.kind == GeoKind::Group
            && entry.code.as_deref().and_then(|c| prep.country(lex, c)).is_some_and(|c| c.bloc)
        {
            continue;
        }
        // `المالية` is not the capital `ماليه` with an article: a name that does not start with
        // the article never takes one.
        if norm[m.word_start..m.start].ends_with("ال") {
            continue;
        }
        let (bytes, toks) = cx.span_of_norm(m.start, m.end);
        // A country name that is also a nisba (`السعودية`) after a definite noun is an
        // adjective (`الحدود السعودية`), not a place.
        if toks.start > 0
            && m.word_start == m.start
            && cx.is_word(toks.start - 1)
            && lex.geo.names.find(cx.norm(toks.start - 1)).is_empty()
            && cx.norm(toks.start - 1).starts_with("ال")
            && lex.geo.nisba(&normalize_word(doc.slice(bytes.clone()))).is_some()
        {
            continue;
        }
        // A place inside a title is part of the title (`وزير المالية`).
        let before = titles.partition_point(|(tb, _, _)| tb.start <= bytes.start);
        if before > 0 && titles[before - 1].0.end >= bytes.end {
            continue;
        }
        cands.push(Cand {
            bytes,
            toks,
            kind: EntityType::Loc,
            prio: 4,
            info: Info::Geo {
                code: entry.code.clone(),
                canonical: entry.canonical.clone(),
                rule: prep.place_rule.get(m.key).cloned().unwrap_or_else(|| entry.rule()),
            },
        });
    }
    // Named organisations.
    for m in &org_hits {
        let Some(&org) = lex.orgs.matcher.values(m.key).first() else { continue };
        let (bytes, toks) = cx.span_of_norm(m.start, m.end);
        cands.push(Cand { bytes, toks, kind: EntityType::Org, prio: 5, info: Info::Org { org } });
    }
    // Known people.
    for m in people_hits {
        let Some(&person) = lex.names.people_matcher.values(m.key).first() else { continue };
        let (mut bytes, mut toks) = cx.span_of_norm(m.start, m.end);
        // A dictionary name written with its title (`الملك عبد الله الثاني`): the mention
        // is the name only.
        while toks.end - toks.start > 1 && cx.in_title[toks.start] {
            toks.start += 1;
            bytes.start = doc.tokens[toks.start].start;
        }
        cands.push(Cand {
            bytes,
            toks,
            kind: EntityType::Per,
            prio: 5,
            info: Info::Person { person },
        });
    }
    // Structural organisations.
    for c in &cands {
        let r = match &c.info {
            Info::Geo { code, .. } => DictRef::Geo(code.clone()),
            Info::Org { org } => DictRef::Org(*org),
            _ => continue,
        };
        if let Some(slot) = cx.dict_at.get_mut(c.toks.start)
            && slot.as_ref().is_none_or(|(e, _)| *e < c.toks.end)
        {
            *slot = Some((c.toks.end, r));
            cx.dict_start[c.toks.start] = c.bytes.start;
        }
    }
    let heads = head_hits;
    for m in &heads {
        let (_, toks) = cx.span_of_norm(m.start, m.end);
        cx.head_at[toks.start] = true;
    }
    for m in heads {
        // An indefinite head read behind an article (`التيار الكهربائي`, `الوحدات السكنية`)
        // is a common noun; definite heads that name bodies are listed with their article.
        if norm.get(m.word_start..m.start).is_some_and(|p| p.ends_with("ال")) {
            continue;
        }
        let Some(&head) = lex.orgs.head_matcher.values(m.key).first() else { continue };
        let (bytes, toks) = cx.span_of_norm(m.start, m.end);
        if let Some(c) = org_chain(&cx, head, bytes, toks) {
            cands.push(c);
        }
    }
    // Regions: [أقصى] direction + country nisba.
    for i in 0..n {
        if !cx.cue(i, Cue::Direction) || !cx.norm(i).starts_with("ال") {
            continue;
        }
        let Some((end, code)) = cx.nisba_at.get(i + 1).cloned().flatten() else { continue };
        if prep.country(lex, code).is_some_and(|c| c.group) {
            continue;
        }
        let start = if i > 0 && cx.norm(i - 1).ends_with("قصي") && cx.cue(i - 1, Cue::Direction)
        {
            i - 1
        } else {
            i
        };
        let toks = start..end;
        let mut bytes = cx.bytes_of(toks.clone());
        if let Some(s) = cx.strip(start, |w| lex.names.is_cue(w, Cue::Direction)) {
            bytes.start = s;
        }
        cands.push(Cand {
            bytes,
            toks,
            kind: EntityType::Loc,
            prio: 4,
            info: Info::Geo {
                code: Some(code.to_string()),
                canonical: String::new(),
                rule: format!("region:direction+nisba:{code}"),
            },
        });
    }
    // Named equipment: model-dash-number, optionally after a maker.
    for i in 0..n.saturating_sub(2) {
        let dash = cx.is_punct(i + 1, &["-", "–"]) && cx.touching(i) && cx.touching(i + 1);
        let spaced_model = doc.tokens[i + 1].kind == TokenKind::Number
            && lex.names.equipment(cx.norm(i)).is_some_and(|e| e.kind == "model");
        if !(cx.is_word(i) && (dash && doc.tokens[i + 2].kind == TokenKind::Number || spaced_model))
        {
            continue;
        }
        if cx.stopish(i) {
            continue;
        }
        let end = if spaced_model && !dash { i + 2 } else { i + 3 };
        let start =
            if i > 0 && lex.names.equipment(cx.norm(i - 1)).is_some_and(|e| e.kind == "maker") {
                i - 1
            } else {
                i
            };
        cands.push(Cand {
            bytes: cx.bytes_of(start..end),
            toks: start..end,
            kind: EntityType::Misc,
            prio: 3,
            info: Info::Misc {
                rule: if dash { "equipment:model-number" } else { "equipment:model" },
            },
        });
    }

    let picked = resolve(cands);
    for c in &picked {
        for t in c.toks.clone() {
            if let Some(x) = cx.covered.get_mut(t) {
                *x = true;
            }
        }
    }

    // Roles.
    let cover = Cover::new(&picked, n);
    let roles: Vec<Role> = titles
        .iter()
        .map(|(bytes, toks, t)| role_extent(&cx, &picked, &cover, bytes, toks, *t))
        .collect();

    // Structural persons.
    let mut per: Vec<Cand> = Vec::new();
    let mut role_used = vec![false; roles.len()];
    let mut role_person: Vec<Option<usize>> = vec![None; roles.len()];
    for (ri, role) in roles.iter().enumerate() {
        let title = &lex.titles.titles[role.title];
        let mut j = role.toks.end;
        let mut extra = Vec::new();
        let mut use_role = title.kind != TitleKind::Honorific;
        // A second title may stand between the first and the name (الأمين العام الدكتور نبيل).
        if let Some(ti) = cx.title_at.get(j).copied().flatten() {
            let t2 = &lex.titles.titles[titles[ti].2];
            if matches!(t2.kind, TitleKind::Rank | TitleKind::Honorific) {
                if t2.kind == TitleKind::Rank {
                    extra.extend(t2.agents.iter().cloned());
                }
                j = titles[ti].1.end;
            }
        }
        if role.closed {
            continue;
        }
        // Fillers between a rank and the name (`الفريق أول ركن فياض الرويلي`).
        let mut skipped = 0;
        while skipped < 2 && j < n && cx.cue(j, Cue::NotName) && !cx.norm(j).starts_with("ال") {
            j += 1;
            skipped += 1;
        }
        // A known person named right after the role holds it (`المبعوث الخاص للأمم المتحدة
        // برناردينو ليون`).
        if cover
            .at(j)
            .iter()
            .any(|&i| picked[i].toks.start == j && matches!(picked[i].info, Info::Person { .. }))
        {
            role_person[ri] = Some(j);
            role_used[ri] = true;
            continue;
        }
        let strong = matches!(
            title.kind,
            TitleKind::Office | TitleKind::Rank | TitleKind::Honorific | TitleKind::Spokesman
        );
        let long = if strong { 2 } else { 1 };
        let Some(run) = cx.name_run_upto(j, long) else { continue };
        // `ل` + noun + definite noun after a title is a complement (`رئيس الاتحاد الدولي
        // لكرة القدم`, `لمكافحة الفساد`), not a name.
        if !cx.first_name(j)
            && (cx.norm(j).starts_with('ل') || cx.norm(j).starts_with('ب'))
            && cx.norm(j + 1).starts_with("ال")
        {
            continue;
        }
        // An unknown word before a definite one after a title is a noun phrase (`شركات
        // القطاع`, `ذوي الإعاقة`) far more often than a rare given name with a family name.
        if !cx.first_name(j) && run.len() == 2 && cx.norm(j + 1).starts_with("ال") {
            continue;
        }
        if !(cx.first_name(j) || strong) {
            continue;
        }
        // After a described title (`الرئيس الروسي`) a single unknown word is usually a verb
        // (`سيزور`); a name there needs two words or a known given name.
        if !cx.first_name(j) && run.len() < 2 && role.toks.len() > titles[ri].1.len() {
            continue;
        }
        // After an office (`السفير`), a single unknown word is a verb (`عاد`) more often
        // than a name; ranks and honorifics are followed by names.
        if !cx.first_name(j)
            && run.len() < 2
            && !matches!(title.kind, TitleKind::Rank | TitleKind::Honorific)
        {
            continue;
        }
        // A title that is also a common noun (`الفريق جاهز` "the team is ready") needs a
        // known given name or two name words.
        if !cx.first_name(j)
            && run.len() < 2
            && titles[ri].1.len() == 1
            && cx.cue(titles[ri].1.start, Cue::AmbiguousTitle)
        {
            continue;
        }
        if title.kind == TitleKind::Rank {
            extra.extend(title.agents.iter().cloned());
            use_role = role.toks.len() > 1 || role.country.is_some();
        }
        role_used[ri] = true;
        let mut chosen = use_role.then_some(ri);
        // An apposition after the name gives the office (`العميد X، وزير الدفاع الإيراني`).
        if cx.is_punct(run.end, &["،", ","])
            && let Some(ti) = cx.title_at.get(run.end + 1).copied().flatten()
            && lex.titles.titles[roles[ti].title].kind != TitleKind::Honorific
        {
            if chosen.is_none() || roles[ti].country.is_some() {
                if !use_role {
                    extra.extend(title.agents.iter().cloned());
                }
                chosen = Some(ti);
            }
            role_used[ti] = true;
        }
        per.push(Cand {
            bytes: cx.bytes_of(run.clone()),
            toks: run,
            kind: EntityType::Per,
            prio: 3,
            info: Info::PerStruct { role: chosen, extra, rule: "title+name", country: None },
        });
    }
    // Counterpart + name: `نظيره التونسي قيس سعيد`.
    for k in 0..n {
        if !cx.has(k, F_COUNTERPART | F_CLITIC_COUNTERPART)
            || !(cx.cue(k, Cue::Counterpart)
                || cx.strip(k, |w| lex.names.is_cue(w, Cue::Counterpart)).is_some())
        {
            continue;
        }
        let (j, country) = match cx.nisba_at.get(k + 1).cloned().flatten() {
            Some((e, c)) => (e, Some(c)),
            None => (k + 1, None),
        };
        // `نظيره الإيراني وناقش معه`: after the counterpart a word with the conjunction `و`
        // opens a new clause, unless it is a given name itself (`وليد`).
        if j < cx.n && cx.norm(j).starts_with('و') && !cx.first_name(j) {
            continue;
        }
        let Some(run) = cx.name_run(j) else { continue };
        per.push(Cand {
            bytes: cx.bytes_of(run.clone()),
            toks: run,
            kind: EntityType::Per,
            prio: 3,
            info: Info::PerStruct {
                role: None,
                extra: Vec::new(),
                rule: "counterpart+name",
                country: country.map(str::to_string),
            },
        });
    }
    // Apposition: NAME، TITLE, also with a pronoun between dashes or after a comma
    // (`فيديريكو فوسي -وهو متحدث باسم ...-`).
    for (ri, role) in roles.iter().enumerate() {
        let mut a = role.toks.start;
        if a >= 3 && matches!(cx.norm(a - 1), "وهو" | "وهي" | "هو" | "هي") {
            a -= 1;
        }
        let pronoun = a < role.toks.start;
        if a < 2
            || !cx.is_punct(a - 1, if pronoun { &["،", ",", "-", "–", "("] } else { &["،", ","] })
        {
            continue;
        }
        let end = a - 1;
        let mut s = end;
        while s > 0 && end - s < 4 && (cx.name_word(s - 1, false) || cx.cue(s - 1, Cue::Connector))
        {
            s -= 1;
        }
        if s == end {
            continue;
        }
        let start =
            (s..end).find(|&k| cx.first_name(k)).unwrap_or(if end - s >= 2 { end - 2 } else { s });
        if cx.norm(start).starts_with("ال") || !cx.name_word(start, true) {
            continue;
        }
        if end - start == 1
            && !(start == 0 || !cx.is_word(start - 1) || cx.cue(start - 1, Cue::Speech))
        {
            continue;
        }
        role_used[ri] = true;
        per.push(Cand {
            bytes: cx.bytes_of(start..end),
            toks: start..end,
            kind: EntityType::Per,
            prio: 3,
            info: Info::PerStruct {
                role: Some(ri),
                extra: Vec::new(),
                rule: "name+apposition",
                country: cx.nisba_before(start),
            },
        });
    }
    // Speech verb + name, and known given names.
    let writes_ala = doc.text.contains("على");
    for j in 0..n {
        let speech = j > 0 && cx.cue(j - 1, Cue::Speech);
        // A given name opens a person name; only `و`/`ف` may be attached to it (`لدينا`,
        // `بفضل` are words, not `ل` + `دينا`), and given names that are also function
        // words after folding (`آن` = `أن`) do not count.
        let given = |w: &str| lex.names.is_first_name(w) && !lex.names.is_cue(w, Cue::Stop);
        // (`علي` spelled with ya is the name, not the preposition `على`, in a text that
        // writes the preposition with alef maqsura.)
        let first_at =
            if cx.first_name(j) && (!cx.cue(j, Cue::Stop) || !cx.stopish(j) && writes_ala) {
                Some(doc.tokens[j].start)
            } else if !cx.has(j, F_CLITIC_GIVEN) {
                None
            } else {
                ["و", "ف"].iter().find_map(|c| {
                    let rest = cx.norm(j).strip_prefix(c)?;
                    (rest.chars().count() >= 3 && given(rest))
                        .then(|| doc.tokens[j].start + orig_prefix_len(cx.text(j), 1))
                })
            };
        if !speech && first_at.is_none() {
            continue;
        }
        let run = if let Some(s) = first_at {
            // Inside a title (`المتحدث باسم`), or not the first given name of a run.
            if cx.covered[j] || cx.stopish(j) || cx.in_title[j] || j > 0 && cx.first_name(j - 1) {
                continue;
            }
            let _ = s;
            match cx.name_run(j) {
                Some(r) => r,
                None => continue,
            }
        } else {
            match cx.name_run(j) {
                Some(r) => r,
                None => continue,
            }
        };
        let ok = if first_at.is_some() {
            run.len() >= 2
        } else {
            run.len() >= 2 && (cx.is_punct(run.end, &["،", ","]) || cx.first_name(j))
        };
        if !ok {
            continue;
        }
        let mut bytes = cx.bytes_of(run.clone());
        if let Some(s) = first_at {
            bytes.start = s;
        }
        // A definite title right after the name is in apposition (`أكد كفاح محمود المستشار
        // الإعلامي في رئاسة الإقليم`).
        let apposed = cx.title_at.get(run.end).copied().flatten().filter(|&ti| {
            prep.title_article[roles[ti].title]
                && lex.titles.titles[roles[ti].title].kind != TitleKind::Honorific
                && lex.titles.titles[roles[ti].title].kind != TitleKind::Rank
        });
        if let Some(ti) = apposed {
            role_used[ti] = true;
        }
        per.push(Cand {
            bytes,
            toks: run,
            kind: EntityType::Per,
            prio: 2,
            info: Info::PerStruct {
                role: apposed,
                extra: Vec::new(),
                rule: if first_at.is_some() { "first-name" } else { "speech+name" },
                country: cx.nisba_before(j),
            },
        });
    }
    let mut all = picked;
    all.extend(per);
    let mut mentions = resolve(all);

    // Build actors.
    let mut b = Builder {
        lex,
        cx: &cx,
        roles: &roles,
        actors: Vec::new(),
        keys: WordMap::default(),
        per_names: Vec::new(),
    };
    let mut actor_of: Vec<usize> = Vec::with_capacity(mentions.len());
    for i in 0..mentions.len() {
        // A descriptive organisation name followed by its quoted or bracketed short name
        // (`وكالة الأنباء الإيرانية الرسمية "إرنا"`) is the same body.
        if let Info::OrgStruct { .. } = mentions[i].info
            && let Some(next) = mentions.get(i + 1)
            && let Info::Org { org } = next.info
            && next.toks.start > mentions[i].toks.end
            && (mentions[i].toks.end..next.toks.start)
                .all(|k| cx.is_punct(k, &["\"", "«", "(", "“", "'"]))
        {
            let a = b.org_actor(org);
            actor_of.push(a);
            continue;
        }
        let a = b.actor_for(&mentions[i]);
        actor_of.push(a);
    }
    // Surnames and short forms of people named in the article.
    let aliases = b.aliases();
    let mut covered = vec![false; n];
    for c in &mentions {
        for t in c.toks.clone() {
            if let Some(x) = covered.get_mut(t) {
                *x = true;
            }
        }
    }
    if !aliases.is_empty() {
        // Every alias ends with the last word of a name, so a token can only start an alias
        // when it or the next token ends like one: a small bit set of word endings skips the
        // map lookups for almost every token.
        let mut endings = [0u64; 4];
        for key in aliases.keys() {
            let bit = ending(key.rsplit(' ').next().unwrap_or(key));
            endings[bit / 64] |= 1 << (bit % 64);
        }
        let may_end = |w: &str| {
            let bit = ending(w);
            endings[bit / 64] & (1 << (bit % 64)) != 0
        };
        let mut two = String::new();
        for k in 0..n {
            if covered[k] || !cx.is_word(k) {
                continue;
            }
            if !(may_end(cx.norm(k)) || k + 1 < n && may_end(cx.norm(k + 1))) {
                continue;
            }
            two.clear();
            if k + 1 < n && !covered[k + 1] {
                two.push_str(cx.norm(k));
                two.push(' ');
                two.push_str(cx.norm(k + 1));
            }
            let (actor, toks, start) = if let Some(&a) = aliases.get(two.as_str()) {
                (a, k..k + 2, doc.tokens[k].start)
            } else if let Some(s) = cx.strip(k, |w| aliases.contains_key(w)) {
                let w = cx.norm(k);
                let key = CLITICS
                    .iter()
                    .find_map(|c| w.strip_prefix(c).filter(|r| aliases.contains_key(*r)))
                    .unwrap_or(w);
                match aliases.get(key) {
                    Some(&a) => (a, k..k + 1, s),
                    None => continue,
                }
            } else {
                continue;
            };
            let mut bytes = cx.bytes_of(toks.clone());
            bytes.start = start;
            for t in toks.clone() {
                covered[t] = true;
            }
            mentions.push(Cand {
                bytes,
                toks,
                kind: EntityType::Per,
                prio: 1,
                info: Info::Alias { actor },
            });
            actor_of.push(actor);
        }
    }
    // Roles that name nobody become role mentions of their holder or actors of their own.
    // Where each person actor was last referred to, for bare roles (`الوزير`) that point back.
    let mut seen_at: Vec<(usize, usize)> = mentions
        .iter()
        .zip(&actor_of)
        .filter(|(c, _)| c.kind == EntityType::Per)
        .map(|(c, &a)| (c.bytes.start, a))
        .collect();
    let mut role_sigs: IndexMap<Vec<String>> = IndexMap::default();
    let topic = document_country(lex, prep, &mentions, &actor_of, &b.actors).map(str::to_string);
    for (ri, role) in roles.iter().enumerate() {
        let title = &lex.titles.titles[role.title];
        if matches!(title.kind, TitleKind::Honorific | TitleKind::Rank) {
            continue;
        }
        let span = b.span(role.bytes.clone());
        if let Some(tok) = role_person[ri] {
            if let Some(a) = mentions
                .iter()
                .zip(&actor_of)
                .find(|(c, _)| c.kind == EntityType::Per && c.toks.start == tok)
                .map(|(_, &a)| a)
            {
                b.actors[a].role_mentions.push(span);
                seen_at.push((role.bytes.start, a));
            }
            continue;
        }
        if role_used[ri] {
            // The role of a named person: record it as a role mention of that person.
            if let Some(a) =
                b.actors.iter().position(|x| x.role.as_deref() == Some(span.text.as_str()))
            {
                b.actors[a].role_mentions.push(span);
                seen_at.push((role.bytes.start, a));
            }
            continue;
        }
        if role.country.is_none()
            && let Some(main) = &topic
            && role.toks.len() > 1
            && role.agents.first().is_some_and(|g| STATE_AGENTS.contains(&g.as_str()))
        {
            // An office of the state in an article about one country (`المتحدث باسم وزارة
            // الخارجية` in an article about North Korea).
            let mut r = role.clone();
            r.country = Some(main.clone());
            r.why = format!("{} country:document({main})", r.why).trim().to_string();
            let a = match b.holder(&r.sig, r.country.as_deref()) {
                Some(a) => a,
                None => {
                    let a = b.role_actor(&r);
                    role_sigs.insert(a, r.sig.clone());
                    a
                }
            };
            b.actors[a].role_mentions.push(span);
            seen_at.push((role.bytes.start, a));
            continue;
        }
        if role.country.is_none() {
            // A bare definite role (`الوزير`, `المسؤول`, `الرئيس`) refers back to the last
            // person referred to before it who holds such a role.
            let bare = role.toks.len() == titles[ri].1.len() && prep.title_article[role.title];
            if bare
                && let Some(a) = b.last_holder(&role.sig, role.bytes.start, &seen_at, &role_sigs)
            {
                b.actors[a].role_mentions.push(span);
                seen_at.push((role.bytes.start, a));
            }
            continue;
        }
        let holder = b.holder(&role.sig, role.country.as_deref());
        let a = match holder {
            Some(a) => a,
            None => {
                let a = b.role_actor(role);
                role_sigs.insert(a, role.sig.clone());
                a
            }
        };
        b.actors[a].role_mentions.push(span);
        seen_at.push((role.bytes.start, a));
    }
    // Counterparts: نظيره الروسي.
    for k in 0..n.saturating_sub(1) {
        if !cx.has(k, F_COUNTERPART | F_CLITIC_COUNTERPART) {
            continue;
        }
        let w = cx.norm(k);
        let bare = CLITICS
            .iter()
            .find_map(|c| w.strip_prefix(c))
            .filter(|r| lex.names.is_cue(r, Cue::Counterpart));
        if !(lex.names.is_cue(w, Cue::Counterpart) || bare.is_some()) {
            continue;
        }
        let Some((end, country)) = cx.nisba_at[k + 1] else { continue };
        let sentence = doc.sentence_at(doc.tokens[k].start);
        // The person the sentence is about: the last named person before the counterpart.
        let subject = mentions
            .iter()
            .zip(&actor_of)
            .filter(|(c, _)| c.kind == EntityType::Per && c.bytes.end <= doc.tokens[k].start)
            .filter(|(c, _)| doc.sentence_at(c.bytes.start) == sentence)
            .map(|(_, &a)| a)
            .next_back();
        let sig = subject.and_then(|a| b.sig_of(a));
        let holder = match &sig {
            Some(s) => b.holder(s, Some(country)),
            None => None,
        }
        .or_else(|| {
            b.actors
                .iter()
                .enumerate()
                .filter(|(_, x)| {
                    x.kind == EntityType::Per
                        && x.country.as_deref() == Some(country)
                        && x.role.is_some()
                })
                .max_by_key(|(_, x)| x.mentions.len())
                .map(|(i, _)| i)
        });
        if let Some(a) = holder {
            let mut bytes = cx.bytes_of(k..end);
            if let Some(s) = cx.strip(k, |r| lex.names.is_cue(r, Cue::Counterpart)) {
                bytes.start = s;
            }
            let span = b.span(bytes);
            b.actors[a].role_mentions.push(span);
        }
    }

    // Bodies and office holders of the state named without a country (`القوات الأمنية`,
    // `مجلس النواب`, `وزير العمل فلان`) belong to the main country of an article about one
    // country: the country its mentions name at least four times as often as any other.
    if let Some(main) =
        document_country(lex, prep, &mentions, &actor_of, &b.actors).map(str::to_string)
    {
        for a in b.actors.iter_mut() {
            let structural = a.rule.starts_with("org-head") || a.rule.starts_with("person:");
            let state = a.agents.first().is_some_and(|g| STATE_AGENTS.contains(&g.as_str()))
                || a.kind == EntityType::Per && a.agents.is_empty();
            if a.country.is_none() && structural && state {
                a.country = Some(main.to_string());
                a.code = code_of(a.country.as_deref(), &a.agents);
                a.rule = format!("{} country:document({main})", a.rule);
            }
        }
    } else {
        // Otherwise a state body or office without a country belongs to the country of the
        // nearest place in its sentence, or of the last place in the sentence before (`...
        // إقليم كردستان العراق. وقال المسؤول المحلي فلان`).
        let places: Vec<(usize, &str)> = mentions
            .iter()
            .zip(&actor_of)
            .filter_map(|(c, &a)| {
                let code = b.actors.get(a)?.country.as_deref()?;
                (c.kind == EntityType::Loc && prep.country(lex, code).is_some_and(|x| !x.group))
                    .then_some((c.bytes.start, code))
            })
            .collect();
        let mut first_at: IndexMap<usize> = IndexMap::default();
        for (c, &a) in mentions.iter().zip(&actor_of) {
            let e = first_at.entry(a).or_insert(c.bytes.start);
            *e = (*e).min(c.bytes.start);
        }
        for &(p, a) in &seen_at {
            let e = first_at.entry(a).or_insert(p);
            *e = (*e).min(p);
        }
        let mut assign: Vec<(usize, String)> = Vec::new();
        for (i, a) in b.actors.iter().enumerate() {
            let structural = a.rule.starts_with("org-head") || a.rule.starts_with("person:");
            let state = a.agents.first().is_some_and(|g| STATE_AGENTS.contains(&g.as_str()));
            let Some(&pos) = first_at.get(&i) else { continue };
            if a.country.is_some() || !structural || !state {
                continue;
            }
            let Some(sentence) = doc.sentence_at(pos) else { continue };
            // The nearest place of its own sentence, else the last of the sentence before.
            let near = places
                .iter()
                .filter(|(p, _)| doc.sentence_at(*p) == Some(sentence))
                .min_by_key(|(p, _)| p.abs_diff(pos))
                .or_else(|| {
                    places.iter().rfind(|(p, _)| {
                        *p < pos && doc.sentence_at(*p).is_some_and(|s| s + 1 == sentence)
                    })
                });
            if let Some((_, code)) = near {
                assign.push((i, (*code).to_string()));
            }
        }
        for (i, code) in assign {
            let a = &mut b.actors[i];
            a.rule = format!("{} country:context({code})", a.rule);
            a.country = Some(code);
            a.code = code_of(a.country.as_deref(), &a.agents);
        }
    }

    // Entities, sorted, with actor links.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].bytes.start);
    let mut entities = Vec::with_capacity(order.len());
    for i in order {
        let c = &mentions[i];
        let a = actor_of[i];
        let (start, end) = doc.char_span(c.bytes.clone());
        let actor = &mut b.actors[a];
        actor.mentions.push(entities.len());
        let rule = match &c.info {
            Info::Geo { rule, .. } => rule.clone(),
            Info::Org { org } => format!("gazetteer:orgs.tsv:{}", lex.orgs.orgs[*org].id),
            Info::OrgStruct { head, .. } => format!("org-head:{}", lex.orgs.heads[*head].phrase),
            Info::Person { person } => {
                format!("gazetteer:people.tsv:{}", lex.names.people[*person].line)
            }
            Info::PerStruct { rule, .. } => (*rule).to_string(),
            Info::Alias { .. } => "alias".to_string(),
            Info::Misc { rule } => (*rule).to_string(),
        };
        entities.push(Entity {
            start,
            end,
            text: doc.slice(c.bytes.clone()).to_string(),
            kind: c.kind,
            canonical: Some(actor.name.clone()),
            actor: Some(a),
            code: (actor.code != "---").then(|| actor.code.clone()),
            role: actor.role.clone(),
            rule,
        });
    }
    EntityLayer {
        entities,
        actors: b.actors,
        dict: Some(DictMatches {
            doc: crate::fingerprint(doc),
            titles: title_hits,
            orgs: org_hits,
            speech,
            extra: (prep.scanner.extra_lists() > 0).then_some((prep.extra_id, extra)),
        }),
    }
}

/// Extends an organisation head over its genitive chain; `None` when the head alone is too
/// vague to name a body.
fn org_chain(cx: &Ctx<'_>, head: usize, bytes: Range<usize>, toks: Range<usize>) -> Option<Cand> {
    let lex = cx.lex;
    let h = &lex.orgs.heads[head];
    let head_norm = cx.prep.head_norm[head].as_str();
    let first = cx.norm(toks.start);
    let mut definite = head_norm.split_whitespace().any(|w| w.starts_with("ال"))
        || ["ال", "وال", "فال", "بال", "كال", "لل", "ولل"].iter().any(|p| first.starts_with(p));
    let mut j = toks.end;
    let mut end = toks.end;
    let mut country: Option<String> = None;
    let mut why = String::new();
    let mut nisba_seen = false;
    let mut indef = 0;
    let mut last_genitive = false;
    let mut inner = None;
    // A named organisation that opens with the head (`وكالة الأناضول` in `وكالة الأناضول
    // للأنباء الرسمية`) is the body the longer name describes.
    let opening = match &cx.dict_at[toks.start] {
        Some((e, DictRef::Org(o))) if *e > toks.end => Some((*e, *o)),
        _ => None,
    };
    // After it only what may follow a complete name does: an adjective (`الرسمية`), a
    // nisba or a ل-complement.
    if let Some((e, _)) = opening {
        j = e;
        end = e;
        definite = true;
        nisba_seen = true;
    }
    while j < cx.n && j < toks.end + 8 {
        if !cx.is_word(j) {
            break;
        }
        let w = cx.norm(j);
        if cx.stopish(j) || cx.title_at[j].is_some() || cx.first_name(j) && !w.starts_with("ال") {
            break;
        }
        // A named organisation or a place as the genitive gives the body its country
        // (`وكالة الأناضول` → TUR, `حكومة مالي` → MLI, `رئاسة إقليم كردستان العراق`); a
        // named organisation right after the head is that organisation.
        // Not behind a preposition or a conjunction (`تنظيم داعش بسوريا`, `والتحالف العربي`),
        // and a bare place name right after the head is the place itself (`حكومة مالي` names
        // the country as an actor).
        let proclitic = cx.norm(j).len() - cx.dict_proclitic_rest(j).len();
        // (`ل` alone is mostly "to": `الوزارة لوكالة الصحافة الفرنسية`; the genitive
        // complement is `لل`.)
        let clean = proclitic == 0 || w.starts_with("لل");
        let bare_place = matches!(cx.dict_at[j], Some((_, DictRef::Geo(_))))
            && j == toks.end
            && !(w.starts_with("ال") || w.starts_with("لل"));
        if bare_place {
            break;
        }
        if !nisba_seen
            && clean
            && let Some((e, r)) = &cx.dict_at[j]
        {
            let (code, why_kind) = match r {
                DictRef::Geo(code) => (code.clone(), "genitive"),
                DictRef::Org(o) => {
                    if j == toks.end {
                        inner = Some(*o);
                    }
                    (lex.orgs.orgs[*o].country.clone().filter(|c| c != "---"), "org")
                }
            };
            if country.is_none() && code.is_some() {
                country = code;
                why = format!("country:{why_kind}({})", cx.doc.slice(cx.bytes_of(j..*e)));
            }
            j = *e;
            end = j;
            definite = true;
            last_genitive = true;
            // A named organisation completes the name (`منظمة إيقاد`, not `منظمة إيقاد
            // طرفي النزاع`).
            if matches!(r, DictRef::Org(_)) {
                break;
            }
            continue;
        }
        if let Some((e, code)) = &cx.nisba_at[j] {
            // After `اللغة` a nisba names a language (`صحيفة يومية باللغة الإنجليزية`), not a
            // country.
            if j > 0 && cx.norm(j - 1).ends_with("لغه") {
                break;
            }
            // A masculine singular nisba after a feminine head agrees with something else
            // (`رئيس هيئة الأركان العامة السعودي` describes the chief, not the staff).
            let feminine_head =
                head_norm.split_whitespace().next().is_some_and(|f| f.ends_with('ه'));
            if feminine_head && w.ends_with('ي') {
                break;
            }
            if country.is_none() {
                country = Some(code.to_string());
                why = format!("country:nisba({})", cx.doc.slice(cx.bytes_of(j..*e)));
            }
            nisba_seen = true;
            j = *e;
            end = j;
            last_genitive = false;
            continue;
        }
        if cx.cue(j, Cue::OrgAdjective) && definite {
            // After an adjective only another adjective, a nisba or a ل-complement follows.
            j += 1;
            end = j;
            last_genitive = false;
            nisba_seen = true;
            continue;
        }
        if nisba_seen {
            // After the nisba only a complement with ل may follow (للقوات, لحقوق الإنسان).
            if let Some(rest) = w.strip_prefix('ل')
                && (rest.starts_with('ل') || rest.chars().count() >= 3)
                && j < cx.n
            {
                // Accept `لل…` or `ل…` followed by a definite genitive.
                let next_def = cx.norm(j + 1).starts_with("ال");
                if rest.starts_with('ل') || next_def {
                    j += 1;
                    end = j;
                    if next_def && !cx.stopish(j) && cx.title_at[j].is_none() {
                        j += 1;
                        end = j;
                    }
                    last_genitive = true;
                    nisba_seen = false;
                    definite = true;
                    continue;
                }
            }
            break;
        }
        if w.starts_with("ال") || w.starts_with("لل") {
            definite = true;
            j += 1;
            end = j;
            last_genitive = true;
            continue;
        }
        // A coordinated genitive continues the name (`وزارة الخارجية والمغتربين`) unless it
        // opens a body of its own (`قوات التحالف والتحالف العربي`).
        if (w.starts_with("وال") || w.starts_with("ولل"))
            && last_genitive
            && !h.phrase.starts_with("ال")
            && !cx.head_at[j]
            && cx.dict_at[j].is_none()
        {
            j += 1;
            end = j;
            continue;
        }
        if !definite && indef < 2 && !w.starts_with('ل') {
            // Construct chain: قيادة أركان القوات, رئاسة إقليم كردستان العراق.
            indef += 1;
            j += 1;
            continue;
        }
        break;
    }
    if let Some((e, o)) = opening
        && end >= e
    {
        inner = Some(o);
        if country.is_none() {
            country = lex.orgs.orgs[o].country.clone().filter(|c| c != "---");
            why = format!("country:org({})", cx.doc.slice(cx.bytes_of(toks.start..e)));
        }
    }
    if end == toks.end && !h.standalone {
        return None;
    }
    if h.needs_country && country.is_none() {
        return None;
    }
    let toks = toks.start..end;
    let bytes = bytes.start..cx.bytes_of(toks.clone()).end;
    Some(Cand {
        bytes,
        toks,
        kind: EntityType::Org,
        prio: 3,
        info: Info::OrgStruct { inner, head, country, why },
    })
}

/// The role phrase that a title opens: the title and the words that complete it.
fn role_extent(
    cx: &Ctx<'_>,
    picked: &[Cand],
    cover: &Cover,
    bytes: &Range<usize>,
    toks: &Range<usize>,
    title: usize,
) -> Role {
    let lex = cx.lex;
    let t = &lex.titles.titles[title];
    let mut j = toks.end;
    let mut country: Option<String> = None;
    let mut why = String::new();
    let mut agents = t.agents.clone();
    let mut closed = false;
    let mut after_org = false;
    let title_definite = cx.prep.title_definite[title];
    // An organisation that starts at token `k` or that began inside the title and runs
    // through `k` (`رئيس هيئة الأركان العامة للقوات المسلحة الإيرانية`).
    let org_at = |k: usize| -> Option<&Cand> {
        cover.at(k).iter().map(|&i| &picked[i]).find(|c| {
            c.kind == EntityType::Org
                && (c.toks.start == k || c.toks.start >= toks.start && c.toks.contains(&k))
        })
    };
    let geo_at = |k: usize| -> Option<&Cand> {
        cover
            .at(k)
            .iter()
            .map(|&i| &picked[i])
            .find(|c| c.kind == EntityType::Loc && c.toks.start == k)
    };
    let org_info = |c: &Cand| -> (Option<String>, Vec<String>) {
        match &c.info {
            Info::Org { org } => {
                let o = &lex.orgs.orgs[*org];
                (o.country.clone(), o.agents.clone())
            }
            Info::OrgStruct { head, country, .. } => {
                (country.clone(), lex.orgs.heads[*head].agents.clone())
            }
            _ => (None, Vec::new()),
        }
    };
    // A title that contains its own nisba (`المستشار الألماني`).
    for k in toks.clone() {
        if let Some((e, code)) = &cx.nisba_at[k]
            && *e <= toks.end
            && country.is_none()
        {
            country = Some(code.to_string());
            why = format!("country:nisba({})", cx.doc.slice(cx.bytes_of(k..*e)));
        }
    }
    let generic = matches!(t.kind, TitleKind::Generic | TitleKind::Spokesman);
    while j < cx.n && j < toks.end + 10 {
        if !cx.is_word(j) {
            break;
        }
        if let Some(o) = org_at(j) {
            // `المسؤول لوكالة الصحافة الفرنسية`: speaking to an outlet, not working for it.
            let to_outlet = o.bytes.start > cx.doc.tokens[j].start
                && cx.norm(j).starts_with('ل')
                && match &o.info {
                    Info::Org { org } => lex.orgs.orgs[*org].kind == "media",
                    Info::OrgStruct { inner: Some(org), .. } => lex.orgs.orgs[*org].kind == "media",
                    Info::OrgStruct { head, .. } => lex.orgs.heads[*head].kind == "media",
                    _ => false,
                };
            if to_outlet {
                break;
            }
            let (c, a) = org_info(o);
            if country.is_none() && c.is_some() {
                country = c;
                why = format!("country:org({})", cx.doc.slice(o.bytes.clone()));
            }
            agents = merge_agents(agents, a, generic);
            j = o.toks.end;
            after_org = true;
            continue;
        }
        let w = cx.norm(j);
        // `لشؤون` + a genitive chain completes an office (`نائب وزير الخزانة لشؤون مكافحة
        // الإرهاب والاستخبارات المالية`).
        if matches!(w, "لشوون" | "لشؤون") {
            j += 1;
            let mut words = 0;
            while j < cx.n && words < 6 && cx.is_word(j) && !cx.stopish(j) && !cx.first_name(j) {
                let v = cx.norm(j);
                let definite = v.starts_with("ال") || v.starts_with("وال") || v.starts_with("لل");
                if !definite && words > 0 {
                    break;
                }
                j += 1;
                words += 1;
            }
            continue;
        }
        if matches!(w, "في" | "لدي" | "باسم" | "ب") && country.is_none() {
            closed = true;
            if let Some(o) = org_at(j + 1) {
                let (c, a) = org_info(o);
                if country.is_none() && c.is_some() {
                    country = c;
                    why = format!("country:org({})", cx.doc.slice(o.bytes.clone()));
                }
                agents = merge_agents(agents, a, generic);
                j = o.toks.end;
                after_org = true;
                continue;
            }
            if let Some(g) = geo_at(j + 1)
                && let Info::Geo { code: Some(code), .. } = &g.info
            {
                if country.is_none() {
                    country = Some(code.to_string());
                    why = format!("country:in({})", cx.doc.slice(g.bytes.clone()));
                }
                j = g.toks.end;
                continue;
            }
            break;
        }
        if let Some((e, code)) = &cx.nisba_at[j]
            && (w.starts_with("ال") || w.starts_with("لل")) == title_definite
        {
            if country.is_none() {
                country = Some(code.to_string());
                why = format!("country:nisba({})", cx.doc.slice(cx.bytes_of(j..*e)));
            }
            j = *e;
            continue;
        }
        if cx.stopish(j) || cx.first_name(j) || cx.title_at[j].is_some() {
            break;
        }
        if cx.cue(j, Cue::OrgAdjective) {
            j += 1;
            continue;
        }
        if j == toks.end
            && let Some(g) = geo_at(j)
            && let Info::Geo { code: Some(code), .. } = &g.info
        {
            if country.is_none() {
                country = Some(code.to_string());
                why = format!("country:genitive({})", cx.doc.slice(g.bytes.clone()));
            }
            j = g.toks.end;
            continue;
        }
        if (w.starts_with("ال") || w.starts_with("لل")) && !cx.covered[j] && !after_org {
            j += 1;
            continue;
        }
        break;
    }
    let end = cx.bytes_of(toks.start..j.max(toks.end)).end;
    Role {
        closed,
        bytes: bytes.start..end,
        toks: toks.start..j.max(toks.end),
        title,
        country,
        agents,
        why,
        sig: cx.prep.title_sig[title].clone(),
    }
}

struct Builder<'a> {
    lex: &'a Lexicon,
    cx: &'a Ctx<'a>,
    roles: &'a [Role],
    actors: Vec<Actor>,
    keys: WordMap<usize>,
    /// For PER actors: (actor, name tokens in matching form, role signature).
    per_names: Vec<(usize, Vec<String>, Option<Vec<String>>)>,
}

fn code_of(country: Option<&str>, agents: &[String]) -> String {
    format!("{}{}", country.unwrap_or("---"), agents.first().map_or("", String::as_str))
}

impl Builder<'_> {
    fn span(&self, bytes: Range<usize>) -> Span {
        let (start, end) = self.cx.doc.char_span(bytes.clone());
        Span { start, end, text: self.cx.doc.slice(bytes).to_string() }
    }

    fn push(&mut self, key: String, actor: Actor) -> usize {
        let i = self.actors.len();
        let mut actor = actor;
        actor.id = format!("a{i}");
        self.actors.push(actor);
        self.keys.insert(key, i);
        i
    }

    fn new_actor(
        name: String,
        kind: EntityType,
        country: Option<String>,
        agents: Vec<String>,
        role: Option<String>,
        rule: String,
    ) -> Actor {
        let mut agents_dedup: Vec<String> = Vec::new();
        for a in agents {
            if !agents_dedup.contains(&a) {
                agents_dedup.push(a);
            }
        }
        Actor {
            id: String::new(),
            code: code_of(country.as_deref(), &agents_dedup),
            name,
            kind,
            country,
            agents: agents_dedup,
            role,
            mentions: Vec::new(),
            role_mentions: Vec::new(),
            rule,
        }
    }

    fn org_actor(&mut self, org: usize) -> usize {
        let key = format!("org:{org}");
        if let Some(&a) = self.keys.get(&key) {
            return a;
        }
        let o = &self.lex.orgs.orgs[org];
        let mut actor = Self::new_actor(
            o.names[0].clone(),
            EntityType::Org,
            o.country.clone().filter(|c| c != "---"),
            o.agents.clone(),
            None,
            format!("gazetteer:orgs.tsv:{}", o.id),
        );
        actor.code = o.code.clone();
        self.push(key, actor)
    }

    fn person_actor(&mut self, person: usize) -> usize {
        let key = format!("person:{person}");
        if let Some(&a) = self.keys.get(&key) {
            return a;
        }
        let p = &self.lex.names.people[person];
        let sig = p.role.as_deref().and_then(|r| self.title_sig(r));
        let actor = Self::new_actor(
            p.names[0].clone(),
            EntityType::Per,
            p.country.clone(),
            p.agents.clone(),
            p.role.clone(),
            format!("gazetteer:people.tsv:{}", p.line),
        );
        let a = self.push(key, actor);
        let toks = normalize_word(&p.names[0]).split_whitespace().map(str::to_string).collect();
        self.per_names.push((a, toks, sig));
        a
    }

    fn title_sig(&self, role: &str) -> Option<Vec<String>> {
        let norm = normalize_word(role);
        let m = self.lex.titles.matcher.find(&norm).into_iter().next()?;
        let t = *self.lex.titles.matcher.values(m.key).first()?;
        self.cx.prep.title_sig.get(t).cloned()
    }

    fn actor_for(&mut self, c: &Cand) -> usize {
        let doc = self.cx.doc;
        let text = doc.slice(c.bytes.clone()).to_string();
        match &c.info {
            Info::Geo { code, canonical, rule } => {
                let key = format!("geo:{}", code.clone().unwrap_or_else(|| normalize_word(&text)));
                if let Some(&a) = self.keys.get(&key) {
                    return a;
                }
                let name = code
                    .as_deref()
                    .and_then(|k| self.cx.prep.country(self.lex, k))
                    .map(|x| x.names[0].clone())
                    .or_else(|| (!canonical.is_empty()).then(|| canonical.clone()))
                    .unwrap_or_else(|| text.clone());
                let mut actor = Self::new_actor(
                    name,
                    EntityType::Loc,
                    code.clone(),
                    Vec::new(),
                    None,
                    rule.clone(),
                );
                actor.code = code.clone().unwrap_or_else(|| "---".to_string());
                self.push(key, actor)
            }
            Info::Org { org } => self.org_actor(*org),
            Info::OrgStruct { inner: Some(org), .. } => self.org_actor(*org),
            Info::OrgStruct { inner: None, head, country, why } => {
                let key = format!("orgs:{}", normalize_word(&text));
                if let Some(&a) = self.keys.get(&key) {
                    return a;
                }
                let h = &self.lex.orgs.heads[*head];
                let rule = format!("org-head:{} agent:{} {}", h.phrase, h.agents.join("|"), why)
                    .trim()
                    .to_string();
                let actor = Self::new_actor(
                    text,
                    EntityType::Org,
                    country.clone(),
                    h.agents.clone(),
                    None,
                    rule,
                );
                self.push(key, actor)
            }
            Info::Person { person } => self.person_actor(*person),
            Info::PerStruct { role, extra, rule, country } => {
                // A known person written in full inside a longer name.
                if let Some(m) = self.lex.names.people_matcher.find(&normalize_word(&text)).first()
                    && let Some(&p) = self.lex.names.people_matcher.values(m.key).first()
                {
                    return self.person_actor(p);
                }
                let toks: Vec<String> =
                    normalize_word(&text).split_whitespace().map(str::to_string).collect();
                // The same person named again, fully or by the end of the name.
                for (a, names, _) in &self.per_names {
                    if names.ends_with(&toks) || toks.ends_with(names) {
                        let a = *a;
                        if toks.len() > names.len() {
                            self.actors[a].name = text.clone();
                        }
                        self.attach_role(a, *role, extra);
                        return a;
                    }
                }
                let actor = Self::new_actor(
                    text.clone(),
                    EntityType::Per,
                    country.clone(),
                    Vec::new(),
                    None,
                    format!("person:{rule}"),
                );
                let a = self.push(format!("per:{}", toks.join(" ")), actor);
                self.per_names.push((a, toks, None));
                self.attach_role(a, *role, extra);
                a
            }
            Info::Alias { actor } => *actor,
            Info::Misc { rule } => {
                let key = format!("misc:{}", normalize_word(&text));
                if let Some(&a) = self.keys.get(&key) {
                    return a;
                }
                let actor = Self::new_actor(
                    text,
                    EntityType::Misc,
                    None,
                    Vec::new(),
                    None,
                    (*rule).to_string(),
                );
                self.push(key, actor)
            }
        }
    }

    /// Gives person `a` the role `role` (when it has none) and extra agents.
    fn attach_role(&mut self, a: usize, role: Option<usize>, extra: &[String]) {
        let actor = &mut self.actors[a];
        if let Some(ri) = role
            && actor.role.is_none()
        {
            let r = &self.roles[ri];
            let title = &self.lex.titles.titles[r.title];
            actor.role = Some(self.cx.doc.slice(r.bytes.clone()).to_string());
            if actor.country.is_none() {
                actor.country = r.country.clone();
            }
            let mut agents = r.agents.clone();
            agents.extend(actor.agents.iter().cloned());
            actor.agents = agents;
            actor.rule =
                format!("{} title({}) {}", actor.rule, title.phrase, r.why).trim().to_string();
            if let Some(p) = self.per_names.iter_mut().find(|p| p.0 == a) {
                p.2 = Some(r.sig.clone());
            }
        }
        for e in extra {
            if !actor.agents.contains(e) {
                actor.agents.push(e.clone());
            }
        }
        actor.code = code_of(actor.country.as_deref(), &actor.agents);
    }

    /// Surname and short-form aliases of the people named so far (ambiguous ones dropped).
    fn aliases(&self) -> WordMap<usize> {
        let mut out: WordMap<usize> = WordMap::default();
        let mut bad: Vec<String> = Vec::new();
        for (a, toks, _) in &self.per_names {
            if toks.len() < 2 {
                continue;
            }
            let mut cands = Vec::new();
            if let Some(last) = toks.last() {
                cands.push(last.clone());
            }
            if toks.len() >= 3 {
                cands.push(format!("{} {}", toks[toks.len() - 2], toks[toks.len() - 1]));
            }
            // A name found only from a given name or a speech verb may end in a common
            // definite noun (`رائد الفضاء`, `صلاح الدين`); its last word alone is no surname.
            // After `بن` the words name the father, and a word after `عبد`, `أبو` or `آل`
            // is only half of a compound (`سلمان بن عبد العزيز` is not called `العزيز` nor
            // `عبد العزيز`).
            let connector = |w: &String| self.lex.names.is_cue(w, Cue::Connector);
            if toks[..toks.len() - 1].iter().any(|w| matches!(w.as_str(), "بن" | "ابن" | "بنت"))
            {
                continue;
            }
            let rule = &self.actors[*a].rule;
            let weak =
                rule.starts_with("person:first-name") || rule.starts_with("person:speech+name");
            for k in cands {
                let last = k.rsplit(' ').next().unwrap_or(&k);
                if weak && !k.contains(' ') && k.starts_with("ال") {
                    continue;
                }
                if !k.contains(' ') && toks.len() >= 2 && connector(&toks[toks.len() - 2]) {
                    continue;
                }
                if last.chars().count() < 3
                    || self.lex.names.is_cue(last, Cue::Stop)
                    || self.lex.names.is_cue(last, Cue::Connector)
                    || last == "الله"
                    || self.text_has_hyphen_before(*a, last)
                {
                    continue;
                }
                match out.get(&k) {
                    Some(&b) if b != *a => bad.push(k),
                    _ => {
                        out.insert(k, *a);
                    }
                }
            }
        }
        for k in bad {
            out.remove(&k);
        }
        out
    }

    fn text_has_hyphen_before(&self, a: usize, last: &str) -> bool {
        let name = normalize_word(&self.actors[a].name);
        name.contains(&format!("-{last}")) || name.contains(&format!("- {last}"))
    }

    fn sig_of(&self, a: usize) -> Option<Vec<String>> {
        self.per_names.iter().find(|p| p.0 == a).and_then(|p| p.2.clone())
    }

    /// The person actor holding an office with signature `sig` in `country`.
    fn holder(&self, sig: &[String], country: Option<&str>) -> Option<usize> {
        self.per_names
            .iter()
            .find(|(a, _, s)| {
                s.as_deref() == Some(sig) && self.actors[*a].country.as_deref() == country
            })
            .map(|p| p.0)
            .or_else(|| {
                self.keys
                    .get(&format!("role:{}:{}", sig.join(" "), country.unwrap_or("---")))
                    .copied()
            })
    }

    /// The person referred to last before byte `pos` whose role has the signature `sig` (or,
    /// failing that, the same head word: `الوزير` for `وزير الدفاع`).
    fn last_holder(
        &self,
        sig: &[String],
        pos: usize,
        seen_at: &[(usize, usize)],
        role_sigs: &IndexMap<Vec<String>>,
    ) -> Option<usize> {
        let head = sig.first()?;
        let sig_of = |a: usize| self.sig_of(a).or_else(|| role_sigs.get(&a).cloned());
        let latest = |exact: bool| {
            seen_at
                .iter()
                .filter(|(p, _)| *p < pos)
                .filter(|(_, a)| {
                    sig_of(*a)
                        .is_some_and(|s| if exact { s == sig } else { s.first() == Some(head) })
                })
                .max_by_key(|(p, _)| *p)
                .map(|&(_, a)| a)
        };
        latest(true).or_else(|| latest(false))
    }

    fn role_actor(&mut self, r: &Role) -> usize {
        let title = &self.lex.titles.titles[r.title];
        let text = self.cx.doc.slice(r.bytes.clone()).to_string();
        let rule = format!("role-only title({}) {}", title.phrase, r.why).trim().to_string();
        let actor = Self::new_actor(
            text.clone(),
            EntityType::Per,
            r.country.clone(),
            r.agents.clone(),
            Some(text),
            rule,
        );
        let key = format!("role:{}:{}", r.sig.join(" "), r.country.as_deref().unwrap_or("---"));
        self.push(key, actor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-hashed country index answers as the gazetteer's own lookup.
    #[test]
    fn country_index_is_the_gazetteer() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let prep = Prepared::new(&lex, &[]);
        for c in &lex.geo.countries {
            let want = lex.geo.country(&c.code).map(|x| x as *const Country);
            assert_eq!(prep.country(&lex, &c.code).map(|x| x as *const Country), want);
        }
        for code in ["", "XXX", "rus", "RU", "IGO"] {
            assert_eq!(prep.country(&lex, code).is_some(), lex.geo.country(code).is_some());
        }
    }

    /// Overlap resolution keeps the longest, then the most reliable, then the earliest, then
    /// the first proposed candidate.
    #[test]
    fn resolve_prefers_longest_then_priority_then_order() {
        let cand = |s: usize, e: usize, prio: u8, rule: &'static str| Cand {
            bytes: s..e,
            toks: 0..1,
            kind: EntityType::Misc,
            prio,
            info: Info::Misc { rule },
        };
        let rule = |c: &Cand| match c.info {
            Info::Misc { rule } => rule,
            _ => "",
        };
        let got = resolve(vec![
            cand(0, 4, 1, "a"),
            cand(2, 8, 1, "long"),
            cand(10, 14, 1, "low"),
            cand(10, 14, 3, "high"),
            cand(20, 24, 2, "first"),
            cand(20, 24, 2, "second"),
            cand(30, 30, 9, "empty"),
        ]);
        assert_eq!(got.iter().map(rule).collect::<Vec<_>>(), ["long", "high", "first"]);
    }
}
