//! The extraction itself: annotate tokens with speech vocabulary, find statements (a trigger,
//! a speaker phrase and a body), delimit their content, resolve speakers in reading order.
//!
//! A *statement* is found from its trigger: a verb of saying, an attribution cue followed by
//! `فإن`, a colon in a headline, or a quotation attributed after it. Its body is a reported
//! clause (after a complementizer), a quotation, or the text after a colon. Bodies are
//! delimited only once every trigger of the document is known, because a reported clause
//! ends where the next statement of the same sentence begins (`، مضيفًا أن ...`).

use crate::QuoteLayer;
use crate::marks::{Mark, find_quotes};
use marsad_entities::{EntityLayer, MultiMatcher, Pick, SpeechMatches, matcher_keys};
use marsad_lexicon::{
    Agreement, CueKind, Lexicon, MarkerRole, PhraseMatch, SourceClass, SourceCue, SpeechVerb,
    VerbKind,
};
use marsad_model::{EntityType, Quote, Source, Span, Speaker};
use marsad_text::{SentenceKind, TextDoc, TokenKind};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// A multiply-rotate hash for the token and statement indices that the extraction keeps in
/// sets (only looked up and filled, never iterated): the default SipHash costs more than the
/// rest of each lookup.
#[derive(Debug, Default, Clone, Copy)]
struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of indices hashed with [`IndexHasher`].
type IndexSet<T> = HashSet<T, BuildHasherDefault<IndexHasher>>;
use std::ops::Range;

/// Words scanned after a verb of saying for its complementizer or quotation.
const MAX_GAP_WORDS: usize = 16;
/// Words kept in a speaker phrase.
const MAX_SUBJECT_WORDS: usize = 8;
/// Words kept in a source phrase.
const MAX_SOURCE_WORDS: usize = 6;
/// Tokens of one reported clause (long clauses are cut, not followed).
const MAX_CLAUSE_TOKENS: usize = 600;
/// Words before a headline colon.
const MAX_HEADLINE_SPEAKER_WORDS: usize = 4;

const SENTENCE_END: &[char] = &['.', '!', '?', '؟', '…', '؛', ';'];
const COMMAS: &[char] = &['،', ',', '؛', ';'];
const QUOTE_CHARS: &[char] = &['«', '»', '“', '”', '"', '＂', '‘', '’', '\'', '‹', '›', '″'];

/// The matches the entity layer kept for this document, or a scan of its own when the layer
/// was built without them.
fn kept_or_scan<'a>(
    kept: Option<&'a [PhraseMatch]>,
    scan: impl FnOnce() -> Vec<PhraseMatch>,
) -> std::borrow::Cow<'a, [PhraseMatch]> {
    match kept {
        Some(found) => std::borrow::Cow::Borrowed(found),
        None => std::borrow::Cow::Owned(scan()),
    }
}

/// One speech-vocabulary hit at a token.
#[derive(Debug, Clone, Copy)]
struct Hit<'a, V> {
    value: V,
    /// One past the last token of the match.
    end: usize,
    /// Proclitics before the match inside its first word (matching form).
    prefix: &'a str,
    /// Byte start of the match itself (after the proclitics) in the original text.
    byte_start: usize,
}

/// The document with every token annotated.
struct Ctx<'a> {
    doc: &'a TextDoc,
    ents: &'a EntityLayer,
    n: usize,
    sent: Vec<usize>,
    verbs: Vec<Option<Hit<'a, &'a SpeechVerb>>>,
    markers: PerToken<Hit<'a, MarkerRole>>,
    cues: Vec<Option<Hit<'a, &'a SourceCue>>>,
    classes: PerToken<Hit<'a, SourceClass>>,
    titles: Vec<bool>,
    /// Verbs of saying after a negating particle (`لم يفصح`), kept apart from the verbs.
    negated: Vec<Option<Hit<'a, &'a SpeechVerb>>>,
    in_cue: Vec<bool>,
    media_orgs: Vec<Option<usize>>,
    marks: Vec<Mark>,
    open_mark: Vec<Option<usize>>,
    in_mark: Vec<Option<usize>>,
    ent_cover: Vec<Option<usize>>,
}

/// The four speech dictionaries in one automaton, in the order read by [`Ctx::new`]: verbs
/// and cues as `find` reports them (non-overlapping), markers and source words as `find_all`
/// does (a word may be several markers, a source phrase may contain another).
pub(crate) fn speech_matcher(lex: &Lexicon) -> MultiMatcher {
    let sp = &lex.speech;
    MultiMatcher::new(&[
        (matcher_keys(&sp.verbs), Pick::Longest),
        (matcher_keys(&sp.markers), Pick::All),
        (matcher_keys(&sp.cues), Pick::Longest),
        (matcher_keys(&sp.sources), Pick::All),
    ])
}

/// `TextDoc::sentence_at` of each token's start (`usize::MAX` outside every sentence). Tokens
/// and sentences are both in text order, so one forward walk replaces a search per token.
fn token_sentences(doc: &TextDoc) -> Vec<usize> {
    let mut si = 0;
    doc.tokens
        .iter()
        .map(|t| {
            while si < doc.sentences.len() && doc.sentences[si].end <= t.start {
                si += 1;
            }
            match doc.sentences.get(si) {
                Some(s) if s.start <= t.start => si,
                _ => usize::MAX,
            }
        })
        .collect()
}

/// The speech matches of `norm` through [`speech_matcher`].
pub(crate) fn scan_speech(matcher: &MultiMatcher, norm: &str) -> SpeechMatches {
    let mut lists = matcher.scan(norm).into_iter();
    let mut next = || lists.next().unwrap_or_default();
    SpeechMatches { verbs: next(), markers: next(), cues: next(), sources: next() }
}

/// Items attached to tokens, stored in one array (most tokens have none, and a vector per
/// token would allocate for each one that has some). `per[t]` is the items of token `t` in
/// the order they were given.
struct PerToken<T> {
    /// `offsets[t]..offsets[t + 1]` indexes the items of token `t`.
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for PerToken<T> {
    fn default() -> Self {
        PerToken { offsets: Vec::new(), items: Vec::new() }
    }
}

impl<T: Copy> PerToken<T> {
    /// Groups `pairs` (token, item) by token for `n` tokens, keeping their order within a
    /// token; pairs of tokens `>= n` are dropped.
    fn new(n: usize, pairs: Vec<(usize, T)>) -> Self {
        let mut offsets = vec![0u32; n + 1];
        for &(t, _) in &pairs {
            if t < n {
                offsets[t + 1] += 1;
            }
        }
        for t in 0..n {
            offsets[t + 1] += offsets[t];
        }
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let mut slots: Vec<Option<T>> = vec![None; offsets[n] as usize];
        for (t, item) in pairs {
            if t < n {
                slots[fill[t] as usize] = Some(item);
                fill[t] += 1;
            }
        }
        PerToken { offsets, items: slots.into_iter().flatten().collect() }
    }

    /// The items of token `t` (none when out of range).
    fn get(&self, t: usize) -> Option<&[T]> {
        let a = *self.offsets.get(t)? as usize;
        let b = *self.offsets.get(t + 1)? as usize;
        self.items.get(a..b)
    }
}

impl<T: Copy> std::ops::Index<usize> for PerToken<T> {
    type Output = [T];

    fn index(&self, t: usize) -> &[T] {
        self.get(t).unwrap_or(&[])
    }
}

fn allowed_prefix(p: &str) -> bool {
    matches!(p, "" | "و" | "ف")
}

impl<'a> Ctx<'a> {
    fn new(
        lex: &'a Lexicon,
        speech: &SpeechMatches,
        doc: &'a TextDoc,
        ents: &'a EntityLayer,
    ) -> Self {
        let n = doc.tokens.len();
        let sent = token_sentences(doc);
        let sp = &lex.speech;
        let mut cx = Ctx {
            doc,
            ents,
            n,
            sent,
            verbs: vec![None; n],
            markers: PerToken::default(),
            cues: vec![None; n],
            classes: PerToken::default(),
            titles: vec![false; n],
            negated: vec![None; n],
            in_cue: vec![false; n],
            media_orgs: vec![None; n],
            marks: Vec::new(),
            open_mark: vec![None; n],
            in_mark: vec![None; n],
            ent_cover: vec![None; n],
        };
        let norm = doc.norm.text.as_str();
        for m in &speech.verbs {
            if let Some((a, hit)) = cx.hit(m, ())
                && allowed_prefix(hit.prefix)
                && let Some(v) = sp.verbs.values(m.key).first()
                // A marked form (`بيّن`) counts only where the text writes its shadda.
                && (!v.marked || doc.slice(doc.tokens[a].start..doc.tokens[a].end).contains('\u{0651}'))
            {
                cx.verbs[a] = Some(Hit {
                    value: v,
                    end: hit.end,
                    prefix: hit.prefix,
                    byte_start: hit.byte_start,
                });
            }
        }
        let mut markers = Vec::new();
        for m in &speech.markers {
            for &role in sp.markers.values(m.key) {
                if let Some((a, hit)) = cx.hit(m, role) {
                    markers.push((a, hit));
                }
            }
        }
        cx.markers = PerToken::new(n, markers);
        // The cue matches serve twice (cue heads here, covered tokens below).
        for m in &speech.cues {
            if let Some(c) = sp.cues.values(m.key).first()
                && let Some((a, hit)) = cx.hit(m, c)
                && allowed_prefix(hit.prefix)
            {
                cx.cues[a] = Some(hit);
            }
        }
        let mut classes = Vec::new();
        let mut excluded = vec![false; n];
        for m in &speech.sources {
            for &class in sp.sources.values(m.key) {
                if let Some((a, hit)) = cx.hit(m, class) {
                    excluded[a] |= class == SourceClass::Excluded;
                    classes.push((a, hit));
                }
            }
        }
        // `وكالة الفضاء`, `موقع الحادث`: an excluded phrase silences the source words at its
        // first word.
        classes.retain(|(a, _)| !excluded[*a]);
        cx.classes = PerToken::new(n, classes);
        // The entity layer has already looked up titles and organisations in this document.
        let titles = kept_or_scan(ents.title_matches(doc), || lex.titles.matcher.find(norm));
        for m in titles.iter() {
            if let Some((a, _)) = cx.hit(m, ()) {
                cx.titles[a] = true;
            }
        }
        let orgs = kept_or_scan(ents.org_matches(doc), || lex.orgs.matcher.find(norm));
        for m in orgs.iter() {
            let media = lex
                .orgs
                .matcher
                .values(m.key)
                .iter()
                .any(|&i| lex.orgs.orgs.get(i).is_some_and(|o| o.kind == "media"));
            if media && let Some((a, hit)) = cx.hit(m, ()) {
                cx.media_orgs[a] = Some(hit.end);
            }
        }
        // A negated verb (`لم تعلن`, `عدم كشف`) reports nothing; it still names who is
        // spoken of (`ولم يفصح الدبلوماسيون ... لكنهم قالوا`).
        for t in 1..n {
            if cx.verbs[t].is_some()
                && cx.sent[t - 1] == cx.sent[t]
                && cx.has(t - 1, MarkerRole::Negation)
            {
                cx.negated[t] = cx.verbs[t].take();
            }
        }
        for m in &speech.cues {
            if let Some((a, hit)) = cx.hit(m, ())
                && allowed_prefix(hit.prefix)
            {
                for t in a..hit.end {
                    cx.in_cue[t] = true;
                }
            }
        }
        // `ما يعتبر`, `في ما قال`: a verb in a free relative clause ("what is considered")
        // reports nothing, unless it follows a verbal cue (`بحسب ما قال`).
        for t in 1..n {
            if cx.verbs[t].is_some()
                && cx.sent[t - 1] == cx.sent[t]
                && matches!(cx.norm(t - 1), "ما" | "مما")
                && !cx.in_cue[t - 1]
            {
                cx.verbs[t] = None;
            }
        }
        cx.marks = find_quotes(doc);
        for (i, m) in cx.marks.iter().enumerate() {
            cx.open_mark[m.open] = Some(i);
            for t in m.open..m.after().min(n) {
                cx.in_mark[t] = Some(i);
            }
        }
        for (i, e) in ents.entities.iter().enumerate() {
            let a = doc.tokens.partition_point(|t| t.char_end <= e.start);
            for t in a..n {
                if doc.tokens[t].char_start >= e.end {
                    break;
                }
                if cx.ent_cover[t].is_none() {
                    cx.ent_cover[t] = Some(i);
                }
            }
        }
        cx
    }

    /// Maps a phrase match to (first token, hit).
    fn hit<V>(&self, m: &PhraseMatch, value: V) -> Option<(usize, Hit<'a, V>)> {
        let orig = self.doc.norm_to_original(m.start..m.end);
        if orig.is_empty() {
            return None;
        }
        let a = self.doc.token_at(orig.start);
        let b = self.doc.token_at(orig.end - 1) + 1;
        if a >= self.n || b > self.n || a >= b {
            return None;
        }
        let prefix = self.doc.norm.text.get(m.word_start..m.start).unwrap_or("");
        Some((a, Hit { value, end: b, prefix, byte_start: orig.start }))
    }

    fn is_word(&self, t: usize) -> bool {
        t < self.n && self.doc.tokens[t].kind != TokenKind::Punct
    }

    fn punct(&self, t: usize) -> Option<char> {
        let tok = self.doc.tokens.get(t)?;
        if tok.kind != TokenKind::Punct {
            return None;
        }
        self.doc.text[tok.start..tok.end].chars().next()
    }

    fn norm(&self, t: usize) -> &str {
        self.doc.token_norm(t)
    }

    /// The marker hit of `role` at token `t`, respecting proclitic rules.
    fn role(&self, t: usize, role: MarkerRole) -> Option<&Hit<'a, MarkerRole>> {
        self.markers.get(t)?.iter().find(|h| {
            h.value == role
                && match role {
                    MarkerRole::Complementizer | MarkerRole::Resumptive | MarkerRole::Label => {
                        h.prefix.is_empty()
                    }
                    _ => allowed_prefix(h.prefix),
                }
        })
    }

    fn has(&self, t: usize, role: MarkerRole) -> bool {
        self.role(t, role).is_some()
    }

    fn ends_subject(&self, t: usize) -> bool {
        [MarkerRole::Time, MarkerRole::Setting, MarkerRole::Preposition, MarkerRole::Relative]
            .into_iter()
            .any(|r| self.has(t, r))
    }

    fn any_marker(&self, t: usize) -> bool {
        self.markers.get(t).is_some_and(|v| {
            v.iter().any(|h| h.value != MarkerRole::Label && allowed_prefix(h.prefix))
        })
    }

    fn verb(&self, t: usize) -> Option<&Hit<'a, &'a SpeechVerb>> {
        self.verbs.get(t)?.as_ref()
    }

    /// The entity covering token `t`.
    fn entity(&self, t: usize) -> Option<&'a marsad_model::Entity> {
        self.ent_cover.get(t).copied().flatten().and_then(|i| self.ents.entities.get(i))
    }

    /// One past the last token of the entity that covers token `t`, if any.
    fn entity_end(&self, t: usize) -> Option<usize> {
        let i = self.ent_cover.get(t).copied().flatten()?;
        let mut e = t + 1;
        while e < self.n && self.ent_cover[e] == Some(i) {
            e += 1;
        }
        Some(e)
    }

    fn bytes(&self, r: &Range<usize>) -> Range<usize> {
        if r.start >= r.end || r.end > self.n {
            return 0..0;
        }
        self.doc.tokens[r.start].start..self.doc.tokens[r.end - 1].end
    }

    fn span(&self, bytes: Range<usize>) -> Span {
        let (start, end) = self.doc.char_span(bytes.clone());
        Span { start, end, text: self.doc.slice(bytes).to_string() }
    }

    /// End of the longest multi-word dictionary phrase (outlet, body, title) that starts at
    /// token `t` without a proclitic, if any.
    fn phrase_end(&self, t: usize) -> Option<usize> {
        self.classes[t].iter().filter(|h| h.prefix.is_empty() && h.end > t + 1).map(|h| h.end).max()
    }

    fn words_in(&self, r: &Range<usize>) -> usize {
        (r.start..r.end.min(self.n)).filter(|&t| self.is_word(t)).count()
    }

    fn prev_in_sentence(&self, t: usize) -> Option<usize> {
        let p = t.checked_sub(1)?;
        (self.sent[p] == self.sent[t]).then_some(p)
    }

    /// A phrase range trimmed of punctuation (but not of quotation marks enclosing words).
    fn trim(&self, r: Range<usize>) -> Range<usize> {
        let (mut a, mut b) = (r.start, r.end.min(self.n));
        while a < b && self.punct(a).is_some_and(|c| !QUOTE_CHARS.contains(&c)) {
            a += 1;
        }
        while b > a && self.punct(b - 1).is_some_and(|c| !QUOTE_CHARS.contains(&c)) {
            b -= 1;
        }
        // A proclitic written apart before a quotation (`البعثة بـ«...»`) is not a word of
        // the phrase.
        while b > a
            && self.is_word(b - 1)
            && matches!(self.norm(b - 1), "ب" | "ل" | "و" | "ف" | "ك")
        {
            b -= 1;
            while b > a && self.punct(b - 1).is_some_and(|c| !QUOTE_CHARS.contains(&c)) {
                b -= 1;
            }
        }
        // Unpaired quotation marks at either edge.
        if a < b
            && self.punct(a).is_some_and(|c| QUOTE_CHARS.contains(&c))
            && self.in_mark[a].is_none_or(|m| self.marks[m].after() > b)
        {
            a += 1;
        }
        if b > a
            && self.punct(b - 1).is_some_and(|c| QUOTE_CHARS.contains(&c))
            && self.in_mark[b - 1].is_none_or(|m| self.marks[m].open < a)
        {
            b -= 1;
        }
        a..b
    }

    /// The source class of the phrase starting at `t` (looking at its first two words).
    fn class_at(&self, r: &Range<usize>) -> Option<SourceClass> {
        let mut seen = 0;
        for t in r.clone() {
            if !self.is_word(t) {
                continue;
            }
            let lam = t == r.start && self.lam_start(t);
            if let Some(h) = self.classes[t]
                .iter()
                .find(|h| allowed_prefix(h.prefix) || (lam && matches!(h.prefix, "ل" | "لل")))
            {
                return Some(h.value);
            }
            if self.media_orgs[t].is_some() {
                return Some(SourceClass::Agency);
            }
            // Only the head word decides (`مؤسس موقع ويكيليكس` is a person), after an
            // optional demonstrative (`تلك المصادر`).
            seen += 1;
            if seen >= 1 && !self.has(t, MarkerRole::Demonstrative) {
                break;
            }
        }
        None
    }

    /// True when token `t` opens with the preposition `ل` of a cue (`وفقًا لمكتب ...`).
    fn lam_start(&self, t: usize) -> bool {
        t > 0
            && self.cues[t - 1]
                .as_ref()
                .is_some_and(|h| h.end == t && h.value.phrase.ends_with('ا'))
            && self.norm(t).starts_with('ل')
    }

    /// What kind of thing the phrase `r` names, for deciding whether it is a cited source.
    fn kind_of(&self, r: &Range<usize>) -> Kind {
        let first = (r.start..r.end).find(|&t| self.is_word(t));
        let class = self.class_at(r);
        if let Some(
            c @ (SourceClass::Anonymous
            | SourceClass::Document
            | SourceClass::Media
            | SourceClass::Agency),
        ) = class
        {
            return Kind::Source(c);
        }
        if let Some(f) = first
            && let Some(e) = self.entity(f)
        {
            match e.kind {
                EntityType::Per => return Kind::Person,
                EntityType::Org => {
                    let media = e.code.as_deref().is_some_and(|c| c.contains("MED"));
                    return if media { Kind::Source(SourceClass::Agency) } else { Kind::Org };
                }
                _ => {}
            }
        }
        if let Some(c) = self.class_at(r) {
            return Kind::Source(c);
        }
        if let Some(f) = first
            && self.titles[f]
        {
            return Kind::Person;
        }
        let any_per =
            (r.start..r.end).any(|t| self.entity(t).is_some_and(|e| e.kind == EntityType::Per));
        if any_per {
            return Kind::Person;
        }
        let any_org =
            (r.start..r.end).any(|t| self.entity(t).is_some_and(|e| e.kind == EntityType::Org));
        if any_org {
            return Kind::Org;
        }
        Kind::Unknown
    }

    /// End of a source phrase starting at `a` (exclusive).
    fn source_end(&self, a: usize) -> usize {
        let s = self.sent.get(a).copied().unwrap_or(usize::MAX);
        let mut t = a;
        let mut words = 0;
        while t < self.n && self.sent[t] == s && words < MAX_SOURCE_WORDS {
            if let Some(m) = self.open_mark[t] {
                let mk = &self.marks[m];
                if mk.words <= 4 && mk.close.is_some() {
                    words += mk.words;
                    t = mk.after();
                    // A quoted name with no head noun (`«رويترز»`) is the whole phrase.
                    if mk.open == a {
                        break;
                    }
                    continue;
                }
                break;
            }
            if let Some(end) = self.phrase_end(t) {
                words += self.words_in(&(t..end));
                t = end;
                continue;
            }
            if self.punct(t).is_some() {
                break;
            }
            if t > a
                && (self.has(t, MarkerRole::Complementizer)
                    || self.has(t, MarkerRole::Resumptive)
                    || self.ends_subject(t)
                    || self.has(t, MarkerRole::Subordinator)
                    || self.has(t, MarkerRole::Connective)
                    || self.has(t, MarkerRole::Clause)
                    || self.verb(t).is_some()
                    || self.norm(t) == "في"
                    || self.outlet_at(t).is_some())
            {
                break;
            }
            words += 1;
            t += 1;
        }
        t
    }

    /// An outlet named after `لـ` (`لوكالة الصحافة الفرنسية`, `لـ«رويترز»`): the phrase tokens
    /// and the byte where the outlet's name starts.
    fn outlet_at(&self, t: usize) -> Option<(Range<usize>, usize)> {
        // `"للاقتصادية"`: the preposition written inside the quotation marks.
        if let Some(m) = self.open_mark.get(t).copied().flatten() {
            let mk = &self.marks[m];
            let first = mk.tokens.start;
            if mk.close.is_some()
                && mk.words <= 3
                && first < mk.tokens.end
                && self.norm(first).starts_with("لل")
                && !self.names_non_outlet(mk)
            {
                return Some((first..mk.tokens.end, mk.content.start));
            }
            return None;
        }
        if !self.is_word(t) {
            return None;
        }
        let outlet =
            |h: &Hit<'_, SourceClass>| matches!(h.value, SourceClass::Media | SourceClass::Agency);
        if let Some(h) =
            self.classes[t].iter().find(|h| matches!(h.prefix, "ل" | "لل" | "ول") && outlet(h))
        {
            let end = self.source_end_from(t, h.end);
            return Some((t..end, h.byte_start));
        }
        if self.norm(t) == "ل" && t + 1 < self.n {
            // `لـ«رويترز»`: a quoted name after `لـ` is the outlet spoken to, unless it names
            // something else (`لـ«النصرة»`).
            if let Some(m) = self.open_mark[t + 1] {
                let mk = &self.marks[m];
                if mk.close.is_some() && mk.words <= 4 && !self.names_non_outlet(mk) {
                    return Some((t + 1..mk.after(), self.doc.tokens[t + 1].start));
                }
            }
            if let Some(h) = self.classes[t + 1].iter().find(|h| h.prefix.is_empty() && outlet(h)) {
                let end = self.source_end_from(t + 1, h.end);
                return Some((t + 1..end, self.doc.tokens[t + 1].start));
            }
        }
        None
    }

    /// True when a quotation holds the name of a person or of an organisation that is not a
    /// news outlet (`«النصرة»`). Place names stay possible outlets (`«الشرق الأوسط»`).
    fn names_non_outlet(&self, mk: &Mark) -> bool {
        (mk.tokens.start..mk.tokens.end).any(|t| {
            self.entity(t).is_some_and(|e| match e.kind {
                EntityType::Per => true,
                EntityType::Org => !e.code.as_deref().is_some_and(|c| c.contains("MED")),
                _ => false,
            })
        })
    }

    /// Like [`Ctx::source_end`] but never stops at the first token.
    fn source_end_from(&self, a: usize, min_end: usize) -> usize {
        let s = self.sent[a];
        let mut t = (a + 1).max(min_end);
        let mut words = self.words_in(&(a..t));
        while t < self.n && self.sent[t] == s && words < MAX_SOURCE_WORDS {
            if let Some(m) = self.open_mark[t] {
                let mk = &self.marks[m];
                if mk.words <= 4 && mk.close.is_some() {
                    words += mk.words;
                    t = mk.after();
                    continue;
                }
                break;
            }
            // A multi-word outlet name (`سي إن إن`) is taken whole.
            if let Some(end) = self.phrase_end(t) {
                words += self.words_in(&(t..end));
                t = end;
                continue;
            }
            if self.punct(t).is_some()
                || self.has(t, MarkerRole::Complementizer)
                || self.ends_subject(t)
                || self.has(t, MarkerRole::Subordinator)
                || self.has(t, MarkerRole::Connective)
                || self.verb(t).is_some()
                || self.norm(t) == "في"
            {
                break;
            }
            words += 1;
            t += 1;
        }
        t
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Org,
    Source(SourceClass),
    Unknown,
}

/// What a statement says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Body {
    /// A verb with no content of its own; it still tells who speaks in its sentence.
    Bare,
    /// A reported clause starting at this token.
    Clause(usize),
    /// A quotation (index into the marks).
    Quote(usize),
    /// Unquoted words after a colon, starting at this token.
    Colon(usize),
}

/// Who says it, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// The phrase at these tokens.
    Phrase(Range<usize>),
    /// The speaker of the previous statement.
    Previous,
    /// The speaker of the last verb of the same sentence (participles).
    Sentence,
    /// The same speaker as another statement.
    Same(usize),
}

#[derive(Debug, Clone)]
struct Statement {
    trigger: Range<usize>,
    rule: String,
    body: Body,
    who: Who,
    plural: bool,
    sentence: usize,
    /// A subordinated statement (`بعد أن قال الشعب كلمته`): background, not a speaker of its
    /// sentence for the participles that follow.
    background: bool,
}

/// A speaker after resolution.
#[derive(Debug, Clone, Default)]
struct Resolved {
    text: Option<String>,
    actor: Option<usize>,
    code: Option<String>,
    mention: Option<Span>,
    plural: bool,
    how: &'static str,
}

struct SourceOut {
    bytes: Range<usize>,
    tokens: Range<usize>,
    anonymous: bool,
    cue: Option<Range<usize>>,
    rule: String,
}

struct Run<'a> {
    cx: Ctx<'a>,
    statements: Vec<Statement>,
    sources: Vec<SourceOut>,
}

pub(crate) fn run(
    lex: &Lexicon,
    speech: &SpeechMatches,
    doc: &TextDoc,
    ents: &EntityLayer,
) -> QuoteLayer {
    if doc.tokens.is_empty() {
        return QuoteLayer::default();
    }
    let cx = Ctx::new(lex, speech, doc, ents);
    let mut r = Run { cx, statements: Vec::new(), sources: Vec::new() };
    for t in 0..r.cx.n {
        if r.cx.verbs[t].is_some() && r.cx.in_mark[t].is_none() {
            r.scan_verb(t);
        }
        if r.cx.cues[t].is_some() && r.cx.in_mark[t].is_none() {
            r.scan_cue(t);
        }
        if r.cx.negated[t].is_some() && r.cx.in_mark[t].is_none() {
            r.scan_negated(t);
        }
    }
    r.scan_headlines();
    r.finish()
}

impl<'a> Run<'a> {
    fn verb_rule(v: &SpeechVerb) -> String {
        format!("verbs.tsv:{}({})", v.line, v.lemma)
    }

    /// A verb of saying at token `v`: find its subject and its body.
    fn scan_verb(&mut self, v: usize) {
        let cx = &self.cx;
        let Some(hit) = cx.verb(v) else { return };
        let verb = hit.value;
        let ve = hit.end;
        let prefixed = !hit.prefix.is_empty();
        let s = cx.sent[v];
        // `بعدما أفادت ...`, `بعد أن قال ...`: background, not a reported statement.
        let subordinated = cx.prev_in_sentence(v).is_some_and(|p| {
            cx.has(p, MarkerRole::Subordinator)
                || (cx.has(p, MarkerRole::Complementizer)
                    && cx.prev_in_sentence(p).is_some_and(|q| cx.has(q, MarkerRole::Subordinator)))
        });
        // `داعيا الله أن`, `ودعا الله أن`: a prayer, not a statement.
        if verb.lemma == "دعا" && ve < cx.n && matches!(cx.norm(ve), "الله" | "المولي")
        {
            return;
        }
        let participle = verb.kind == VerbKind::Participle;
        let mut j = ve;
        let mut words = 0;
        let mut subj_end: Option<usize> = None;
        let mut an: Option<(usize, Option<usize>)> = None;
        let mut outlets: Vec<(Range<usize>, usize)> = Vec::new();
        let mut body = Body::Bare;
        let mut via = "";
        // Where the subject starts: after time adverbs and asides that stand between the verb
        // and its subject (`كما أعلن أمس الاثنين متحدثون عسكريون إن`, `كما ذكرت من جانبها
        // وكالة`).
        let mut subj_start = ve;
        while j < cx.n && cx.sent[j] == s && words <= MAX_GAP_WORDS {
            if j == subj_start
                && !participle
                && subj_end.is_none()
                && an.is_none()
                && !matches!(cx.norm(j), "قبل" | "منذ")
                && let Some(h) =
                    cx.role(j, MarkerRole::Time).or_else(|| cx.role(j, MarkerRole::Aside))
            {
                let next = h.end.max(j + 1);
                subj_start = next;
                j = next;
                words += 1;
                continue;
            }
            // `قال مصدر "للاقتصادية" إن`: an outlet spoken to, quoted with its preposition.
            if cx.open_mark[j].is_some()
                && let Some((r, b)) = cx.outlet_at(j)
            {
                subj_end.get_or_insert(j);
                if let Some((st, None)) = an {
                    an = Some((st, Some(j)));
                }
                let next = r.end.max(j + 1);
                outlets.push((r, b));
                j = next;
                continue;
            }
            if let Some(mi) = cx.open_mark[j] {
                let m = &cx.marks[mi];
                let subject_open =
                    (subj_end.is_none() && !participle) || an.is_some_and(|(_, e)| e.is_none());
                let next_is_word = cx.is_word(m.after());
                let named = (m.tokens.start..m.tokens.end).any(|t| cx.entity(t).is_some());
                // A short quotation right after the verb is a quoted name when the clause goes
                // on after it (`وقال "النعمي": "..."`, `وشدد "شويجو" على أن`), speech when it
                // ends the sentence (`وقال «سنتابع التنفيذ».`).
                let after = m.after();
                let goes_on = next_is_word
                    || cx.punct(after).is_some_and(|c| {
                        c == ':' || c == '-' || COMMAS.contains(&c) && c != '؛' && c != ';'
                    });
                if m.close.is_some()
                    && m.words <= 2
                    && subject_open
                    && ((subj_end.is_none() && goes_on) || named)
                {
                    words += m.words;
                    j = m.after();
                    continue;
                }
                // A name in quotation marks after an outlet or body noun (`صحيفة «لويل دو
                // ساحل»`, `منظمة «أنقذوا الأطفال»`) or wholly recognised as an entity.
                let after_head = j > 0
                    && cx.classes[j - 1]
                        .iter()
                        .any(|h| matches!(h.value, SourceClass::Media | SourceClass::Body));
                let all_named = m.words <= 3
                    && (m.tokens.start..m.tokens.end)
                        .all(|t| !cx.is_word(t) || cx.entity(t).is_some());
                // A short quoted name after a preposition (`المسؤول في "ترينيتي ميرور"، "..."`)
                // or followed at once by the real quotation.
                let after_prep = j > 0
                    && matches!(
                        cx.norm(j - 1),
                        "في" | "من" | "عن" | "مع" | "الي" | "علي" | "لدي" | "باسم"
                    );
                let mut k = m.after();
                while k < cx.n && cx.punct(k).is_some_and(|c| COMMAS.contains(&c) || c == ':') {
                    k += 1;
                }
                let quote_follows =
                    k > m.after() && cx.open_mark.get(k).copied().flatten().is_some();
                // `كشف المبعوث "إسماعيل ولد الشيخ أحمد"؛ عن ...`: a name in apposition when the
                // verb's complement follows it.
                let mut k2 = m.after();
                while k2 < cx.n && cx.punct(k2).is_some_and(|c| COMMAS.contains(&c)) {
                    k2 += 1;
                }
                let complement_follows = k2 < cx.n
                    && k2 > m.after()
                    && (cx.has(k2, MarkerRole::Complementizer) || cx.norm(k2) == "عن");
                let short_name =
                    m.words <= 2 && (after_prep || quote_follows) || complement_follows;
                if m.close.is_some() && m.words <= 4 && (after_head || all_named || short_name) {
                    if subj_end.is_none() {
                        words += m.words;
                    }
                    j = m.after();
                    continue;
                }
                if m.words <= 1 || reports(verb.kind) {
                    subj_end.get_or_insert(j);
                    j = m.after();
                    continue;
                }
                // A short quotation right after a common noun, once the subject is over, is a
                // term or a name the writer marks (`في فضيحة «كسب غير مشروع»`, `صندوق «1
                // ماليزيا»`), not what the speaker said.
                // Not after a preposition (`دعا إلى «العودة إلى عملية السلام»`) or a word of
                // speaking or writing (`في بيان «...»`), which introduce the words themselves.
                let prev_noun = j > 0
                    && cx.is_word(j - 1)
                    && cx.entity(j - 1).is_none()
                    && !cx.has(j - 1, MarkerRole::Complementizer)
                    && !QUOTE_INTRODUCERS.contains(&cx.norm(j - 1))
                    && !cx.classes[j - 1]
                        .iter()
                        .any(|h| matches!(h.value, SourceClass::Document | SourceClass::Media));
                if m.close.is_some() && m.words <= 4 && prev_noun && j > subj_start + 1 {
                    subj_end.get_or_insert(j);
                    j = m.after();
                    continue;
                }
                body = Body::Quote(mi);
                via = "quote";
                break;
            }
            if let Some(c) = cx.punct(j) {
                if c == ':' {
                    subj_end.get_or_insert(j);
                    let k = j + 1;
                    if k < cx.n && cx.sent[k] == s {
                        if cx.has(k, MarkerRole::Complementizer) {
                            body = Body::Clause(k + 1);
                            via = "colon+complementizer";
                        } else if let Some(mi) = cx.open_mark[k] {
                            if cx.marks[mi].words >= 1 {
                                body = Body::Quote(mi);
                                via = "colon+quote";
                            }
                        } else if cx.words_in(&(k..(k + 3).min(cx.n))) >= 2 {
                            body = Body::Colon(k);
                            via = "colon";
                        }
                    }
                    break;
                }
                if SENTENCE_END.contains(&c) {
                    break;
                }
                subj_end.get_or_insert(j);
                if let Some((st, None)) = an {
                    an = Some((st, Some(j)));
                }
                j += 1;
                continue;
            }
            if cx.has(j, MarkerRole::Complementizer) {
                // `بعد أن`, `قبل أن`, `بدون أن`: a time or manner clause, not what was said.
                let adverbial = cx.prev_in_sentence(j).is_some_and(|p| {
                    cx.has(p, MarkerRole::Subordinator)
                        || matches!(cx.norm(p), "قبل" | "منذ" | "دون" | "بدون")
                });
                if !adverbial {
                    body = Body::Clause(j + 1);
                    via = "complementizer";
                }
                break;
            }
            if j >= ve && cx.verb(j).is_some() {
                break;
            }
            // `في ما يعتبر ...` ("in what is considered") is a parenthesis, not a new clause.
            let in_what = cx.norm(j) == "ما" && j > 0 && cx.norm(j - 1) == "في";
            if (cx.has(j, MarkerRole::Clause) && !in_what) || cx.has(j, MarkerRole::Connective) {
                break;
            }
            if cx.cues[j].is_some() {
                subj_end.get_or_insert(j);
                if let Some((st, None)) = an {
                    an = Some((st, Some(j)));
                }
            }
            if verb.kind == VerbKind::Relay && an.is_none() && cx.norm(j) == "عن" && !cx.in_cue[j]
            {
                subj_end.get_or_insert(j);
                an = Some((j + 1, None));
                j += 1;
                continue;
            }
            if let Some((r, b)) = cx.outlet_at(j) {
                subj_end.get_or_insert(j);
                if let Some((st, None)) = an {
                    an = Some((st, Some(j)));
                }
                let next = r.end.max(j + 1);
                outlets.push((r, b));
                j = next;
                continue;
            }
            // After the first word of the subject, a demonstrative (`مصدر آخر هذه المعلومات`)
            // or a definite word with `ب` outside any name (`بعض المسافرين بالإسراع`) opens
            // the object.
            let object = j > ve
                && cx.is_word(j - 1)
                && (cx.has(j, MarkerRole::Demonstrative)
                    || (cx.norm(j).starts_with("بال")
                        && cx.norm(j).chars().count() > 5
                        && cx.entity(j).is_none()));
            if cx.ends_subject(j) || object {
                subj_end.get_or_insert(j);
                if let Some((st, None)) = an {
                    an = Some((st, Some(j)));
                }
            }
            words += 1;
            j += 1;
        }
        let subject_range = |a: usize, b: usize| -> Range<usize> {
            let mut e = a;
            let mut w = 0;
            while e < b && w < MAX_SUBJECT_WORDS {
                if cx.is_word(e) {
                    w += 1;
                }
                e += 1;
            }
            cx.trim(a..e)
        };
        let mut subject =
            if participle { ve..ve } else { subject_range(subj_start, subj_end.unwrap_or(j)) };
        // A phrase opening with a bare preposition (`وقال في 26 يوليو`) is no subject.
        if !subject.is_empty()
            && matches!(
                cx.norm(subject.start),
                "في" | "من" | "الي" | "علي" | "عن" | "مع" | "ل" | "ب"
            )
        {
            subject = subject.start..subject.start;
        }
        let issuer = if participle { None } else { self.issuer(&subject) };
        let said_by = an.map(|(a, e)| subject_range(a, e.unwrap_or(j))).or(issuer.clone());
        let plural = verb.agreement == Agreement::Plural;
        let who_phrase = said_by.clone().filter(|r| !r.is_empty()).unwrap_or(subject.clone());
        let mut preverbal_phrase: Option<Range<usize>> = None;
        let who = if participle {
            Who::Sentence
        } else if !who_phrase.is_empty() {
            Who::Phrase(who_phrase.clone())
        } else {
            match self.preverbal(v, prefixed) {
                Pre::Suppress => return,
                Pre::Phrase(r) => {
                    preverbal_phrase = Some(r.clone());
                    Who::Phrase(r)
                }
                Pre::Previous => Who::Previous,
            }
        };
        let vrule = Self::verb_rule(verb);
        let has_body = body != Body::Bare;
        let cx = &self.cx;
        let mut found: Vec<SourceOut> = Vec::new();
        let mut push_source = |tokens: Range<usize>, anonymous: bool, rule: String| {
            let bytes = cx.bytes(&tokens);
            if !bytes.is_empty() {
                found.push(SourceOut { bytes, tokens, anonymous, cue: Some(v..ve), rule });
            }
        };
        // Sources named by the subject.
        let mut suppress = false;
        if !participle && !subject.is_empty() && issuer.is_none() {
            let kind = cx.kind_of(&subject);
            let report_by_outlet =
                reports(verb.kind) && said_by.as_ref().is_none_or(|r| r.is_empty());
            match kind {
                Kind::Source(SourceClass::Media | SourceClass::Agency) => {
                    if !(cx.words_in(&subject) == 1
                        && cx.class_at(&subject) == Some(SourceClass::Media))
                    {
                        push_source(subject.clone(), false, format!("subject-outlet:{vrule}"));
                    }
                    suppress = report_by_outlet;
                }
                // `أعلنت مصادر ... أن`, `وأضاف المصدر أن`, `أعلن مصدر عسكري عن سقوط`, `وأكد
                // مصدر آخر ذلك قائلا`: an unnamed source that tells something is cited.
                Kind::Source(SourceClass::Anonymous)
                    if has_body || self.tells_about(subj_end.unwrap_or(j)) =>
                {
                    push_source(subject.clone(), true, format!("subject-anonymous:{vrule}"));
                }
                Kind::Source(SourceClass::Document)
                    if has_body
                        && !cx.norm(subject.start).starts_with("ال")
                        && cx.words_in(&subject) <= 2 =>
                {
                    push_source(subject.clone(), false, format!("subject-document:{vrule}"));
                }
                Kind::Org | Kind::Source(_)
                    if reports(verb.kind) && said_by.as_ref().is_some_and(|r| !r.is_empty()) =>
                {
                    push_source(subject.clone(), false, format!("reported-from:{vrule}"));
                }
                // `ذكرت المنظمات الإنسانية أن`: a body named by its kind reports; a named
                // institution (`ذكر مكتب مراقبة الأصول أن`) speaks.
                Kind::Source(SourceClass::Body)
                    if report_by_outlet
                        && has_body
                        && (cx.norm(subject.start).starts_with("ال")
                            || cx.words_in(&subject) == 1) =>
                {
                    push_source(subject.clone(), false, format!("subject-report:{vrule}"));
                }
                _ => {}
            }
        }
        // `وكانت مصادر عسكرية قد أفادت بأن`: unnamed sources before their verb are cited too.
        // A definite one before its verb (`إلا أن المصدر الطبي قال`) points back to a source
        // already named.
        if let Some(r) = &preverbal_phrase
            && has_body
            && !cx.norm(r.start).starts_with("ال")
            && matches!(cx.kind_of(r), Kind::Source(SourceClass::Anonymous))
        {
            push_source(r.clone(), true, format!("preverbal-anonymous:{vrule}"));
        }
        if has_body || matches!(verb.kind, VerbKind::Say) {
            for (r, b) in outlets {
                let single_head = cx.words_in(&r) == 1
                    && cx.classes[r.start].iter().any(|h| h.value == SourceClass::Media);
                if !single_head {
                    let bytes = b..cx.bytes(&r).end;
                    found.push(SourceOut {
                        bytes,
                        tokens: r,
                        anonymous: false,
                        cue: Some(v..ve),
                        rule: format!("speech-to-outlet:{vrule}"),
                    });
                }
            }
        }
        self.sources.extend(found);
        if suppress || subordinated {
            body = Body::Bare;
        }
        let rule = match &body {
            Body::Bare => format!("bare:{vrule}"),
            _ => format!("{vrule}+{via}"),
        };
        self.statements.push(Statement {
            trigger: v..ve,
            rule,
            body,
            who,
            plural,
            sentence: s,
            background: subordinated,
        });
    }

    /// A negated verb of saying (`ولم يفصح الدبلوماسيون عن اسم الجماعة`): nothing is reported
    /// and nothing cited, but its subject is an antecedent for a pronoun that follows (`لكنهم
    /// قالوا`).
    fn scan_negated(&mut self, v: usize) {
        let cx = &self.cx;
        let Some(hit) = cx.negated[v].as_ref() else { return };
        // Only a negated finite verb (`لم يفصح`, `لن يعلن`) has a subject; `عدم كشف`,
        // `دون ذكر` are nouns.
        let finite = cx
            .prev_in_sentence(v)
            .is_some_and(|p| matches!(cx.norm(p).trim_start_matches(['و', 'ف']), "لم" | "لن"));
        if !finite {
            return;
        }
        let s = cx.sent[v];
        let mut e = hit.end;
        while e < cx.n
            && cx.sent[e] == s
            && cx.is_word(e)
            && e - hit.end < MAX_SUBJECT_WORDS
            && !cx.any_marker(e)
            && cx.verb(e).is_none()
            && cx.cues[e].is_none()
        {
            e += 1;
        }
        let subject = cx.trim(hit.end..e);
        if subject.is_empty() {
            return;
        }
        let rule = format!("negated:{}", Self::verb_rule(hit.value));
        self.statements.push(Statement {
            trigger: v..hit.end,
            rule,
            body: Body::Bare,
            who: Who::Phrase(subject),
            plural: hit.value.agreement == Agreement::Plural,
            sentence: s,
            background: false,
        });
    }

    /// The issuer of a document subject (`بيان صادر عن وزير الدفاع`, `تقرير صادر عن
    /// المنظمة`): the one who speaks through it.
    fn issuer(&self, subject: &Range<usize>) -> Option<Range<usize>> {
        let cx = &self.cx;
        if subject.is_empty() || cx.class_at(subject) != Some(SourceClass::Document) {
            return None;
        }
        let last = subject.end - 1;
        let issued = matches!(strip_article(cx.norm(last)), "صادر" | "صادره");
        let by = subject.end;
        if !issued || by >= cx.n || cx.sent[by] != cx.sent[last] || cx.norm(by) != "عن" {
            return None;
        }
        let r = cx.trim(by + 1..cx.source_end(by + 1));
        (!r.is_empty()).then_some(r)
    }

    /// True when the words after a subject ending at `e` still tell something: `عن` (`أعلن
    /// مصدر عن سقوط قتلى`) or a participle of saying later in the sentence (`قائلا`).
    fn tells_about(&self, e: usize) -> bool {
        let cx = &self.cx;
        let Some(&s) = cx.sent.get(e) else { return false };
        let mut t = e;
        while t < cx.n && cx.sent[t] == s && cx.has(t, MarkerRole::Time) {
            t += 1;
        }
        if t < cx.n && cx.sent[t] == s && cx.norm(t) == "عن" {
            return true;
        }
        while t < cx.n && cx.sent[t] == s && t - e <= MAX_GAP_WORDS {
            if cx.verb(t).is_some_and(|h| h.value.kind == VerbKind::Participle) {
                return true;
            }
            if cx.verb(t).is_some() {
                return false;
            }
            t += 1;
        }
        false
    }

    /// The subject before a verb of saying that has none after it.
    fn preverbal(&self, v: usize, prefixed: bool) -> Pre {
        let cx = &self.cx;
        if prefixed {
            return Pre::Previous;
        }
        let Some(mut t) = cx.prev_in_sentence(v) else { return Pre::Previous };
        // The particle `قد` between subject and verb (`وكان الوزير قد أكد`) is not part of
        // the subject.
        if matches!(cx.norm(t), "قد" | "لقد" | "فقد")
            && let Some(p) = cx.prev_in_sentence(t)
        {
            t = p;
        }
        if cx.verb(t).is_some() || cx.verbs[..=t].iter().rev().take(3).flatten().any(|h| h.end == v)
        {
            return Pre::Previous;
        }
        let relative = cx.has(t, MarkerRole::Relative);
        if relative {
            // `نظيره الروسي، الذي أعلن`: the antecedent before the relative pronoun.
            let Some(p) = cx.prev_in_sentence(t) else { return Pre::Previous };
            t = p;
            if cx.punct(t).is_some_and(|c| COMMAS.contains(&c)) {
                let Some(p) = cx.prev_in_sentence(t) else { return Pre::Previous };
                t = p;
            }
        }
        let end = t + 1;
        let mut a = end;
        let mut words = 0;
        while a > 0 && words < 4 {
            let k = a - 1;
            if cx.sent[k] != cx.sent[v]
                || !cx.is_word(k)
                || cx.any_marker(k)
                || cx.verb(k).is_some()
                || cx.cues[k].is_some()
            {
                break;
            }
            words += 1;
            a = k;
            // An indefinite head with a pronoun or construct ending (`نظيره`, `وزارة`) opens
            // the noun phrase: what precedes it belongs to another phrase.
            // An adjective after a noun of unnamed sources (`مصادر عسكرية`) is not such a
            // head.
            let w = cx.norm(k);
            let after_anonymous =
                k > 0 && cx.classes[k - 1].iter().any(|h| h.value == SourceClass::Anonymous);
            if !w.starts_with("ال")
                && w.ends_with('ه')
                && cx.entity(k).is_none()
                && !after_anonymous
            {
                break;
            }
        }
        if a == end {
            return Pre::Previous;
        }
        if let Some(b) = a.checked_sub(1) {
            if cx.sent[b] == cx.sent[v] && cx.has(b, MarkerRole::Subordinator) {
                return Pre::Suppress;
            }
            // The phrase must follow a boundary: the sentence start, punctuation, a
            // complementizer (`إلا أن المصدر قال`) or a conjunction (`لكن منتقدين يقولون`).
            let boundary = cx.sent[b] != cx.sent[v]
                || cx.punct(b).is_some()
                || cx.has(b, MarkerRole::Complementizer)
                || cx.has(b, MarkerRole::Connective)
                || cx.has(b, MarkerRole::Auxiliary);
            if !boundary && !relative {
                return Pre::Previous;
            }
        }
        Pre::Phrase(a..end)
    }

    /// An attribution cue at token `c`.
    fn scan_cue(&mut self, c: usize) {
        let cx = &self.cx;
        let Some(hit) = cx.cues[c].as_ref() else { return };
        let cue = hit.value;
        let s = cx.sent[c];
        let mut k = hit.end;
        if k < cx.n && cx.norm(k) == "ل" {
            k += 1;
        }
        if cue.kind == CueKind::Addressed {
            // `مراسل لرويترز`, `ردا على سؤال لوكالة فرانس برس`: the outlet after لـ.
            if k < cx.n
                && cx.sent[k] == s
                && let Some((mut r, b)) = cx.outlet_at(k)
            {
                // A recognised outlet name ends the phrase (`مراسل لرويترز قد شاهد`).
                if let Some(e) = cx.entity_end(r.start) {
                    r.end = r.end.min(e);
                }
                let bytes = b..cx.bytes(&r).end;
                self.sources.push(SourceOut {
                    bytes,
                    tokens: r,
                    anonymous: false,
                    cue: Some(c..hit.end),
                    rule: format!("addressed:cues.tsv({})", cue.phrase),
                });
            }
            return;
        }
        if cue.kind == CueKind::Verbal {
            match cx.verb(k) {
                Some(h) if h.prefix.is_empty() => k = h.end,
                _ => match cx.role(k, MarkerRole::CueVerb) {
                    Some(h) => k = h.end,
                    None => return,
                },
            }
        }
        if k >= cx.n || cx.sent[k] != s {
            return;
        }
        // `بحسب قوله، فإن ...`: the current speaker's words, no source.
        let own_words = cx.role(c, MarkerRole::Afterword).is_some();
        let mut end = cx.source_end(k);
        // After a carried report the outlet's recognised name ends the phrase (`نبأ أوردته
        // وكالة الأنباء الرسمية بالاتفاق`).
        if cue.kind == CueKind::Carried
            && let Some(e) = cx.entity_end(k)
        {
            end = end.min(e);
        }
        let np = cx.trim(k..end);
        if np.is_empty() {
            return;
        }
        let kind = cx.kind_of(&np);
        // `وبحسب فلان، فإن ...`: the attribution of someone's words.
        let mut r = np.end;
        while r < cx.n && cx.sent[r] == s && cx.punct(r).is_some_and(|ch| COMMAS.contains(&ch)) {
            r += 1;
        }
        let resumptive = r < cx.n && cx.sent[r] == s && cx.has(r, MarkerRole::Resumptive);
        let place = cx.words_in(&np) <= 3
            && (np.start..np.end)
                .filter(|&t| cx.is_word(t))
                .all(|t| cx.entity(t).is_some_and(|e| e.kind == EntityType::Loc));
        let outlet = matches!(kind, Kind::Source(SourceClass::Media | SourceClass::Agency));
        let is_source = !own_words
            && (cue.kind != CueKind::Carried || outlet)
            && match kind {
                Kind::Person => false,
                Kind::Org | Kind::Source(_) => true,
                // `بحسب أنقرة`: a capital or country standing for its government.
                Kind::Unknown => (cue.kind == CueKind::Strong && !resumptive) || place,
            };
        let rule = format!("cues.tsv({})", cue.phrase);
        let cue_end = hit.end;
        if is_source {
            let anonymous = kind == Kind::Source(SourceClass::Anonymous);
            let mut bytes = cx.bytes(&np);
            if cx.lam_start(np.start) {
                // `للمفوضية`: the article's alef is not written; both lams go.
                let lams = if cx.norm(np.start).starts_with("لل") { 2 } else { 1 };
                bytes.start += lams * 'ل'.len_utf8();
            }
            self.sources.push(SourceOut {
                bytes,
                tokens: np.clone(),
                anonymous,
                cue: Some(c..cue_end),
                rule: format!("cue:{rule}"),
            });
        }
        if resumptive {
            let body = Body::Clause(r + 1);
            self.statements.push(Statement {
                trigger: c..cue_end,
                rule: format!("{rule}+resumptive"),
                body,
                who: if own_words { Who::Previous } else { Who::Phrase(np) },
                plural: false,
                sentence: s,
                background: false,
            });
        }
    }

    /// `شويجو: إيران شريك استراتيجي لروسيا` as a headline line.
    fn scan_headlines(&mut self) {
        let cx = &self.cx;
        let mut found = Vec::new();
        for (si, sentence) in cx.doc.sentences.iter().enumerate() {
            if sentence.kind != SentenceKind::Headline {
                continue;
            }
            let a = cx.doc.token_at(sentence.start);
            let b = cx.doc.tokens.partition_point(|t| t.end <= sentence.end);
            let Some(colon) = (a..b).find(|&t| cx.punct(t) == Some(':')) else { continue };
            let pre = cx.trim(a..colon);
            let pre_words = cx.words_in(&pre);
            if pre.is_empty() || pre_words > MAX_HEADLINE_SPEAKER_WORDS || pre.len() != pre_words {
                continue;
            }
            if (pre.clone()).any(|t| {
                cx.verb(t).is_some()
                    || cx.role(t, MarkerRole::Label).is_some()
                    || cx.doc.tokens[t].kind == TokenKind::Number
            }) {
                continue;
            }
            if (pre.clone()).all(|t| cx.entity(t).is_some_and(|e| e.kind == EntityType::Loc)) {
                continue;
            }
            if cx.words_in(&(colon + 1..b)) < 2 {
                continue;
            }
            found.push(Statement {
                trigger: colon..colon + 1,
                rule: "headline-colon".to_string(),
                body: Body::Colon(colon + 1),
                who: Who::Phrase(pre),
                plural: false,
                sentence: si,
                background: false,
            });
        }
        self.statements.extend(found);
    }

    /// True when a statement triggered at token `t` starts a new statement of its sentence
    /// (after a comma, with its own conjunction, or after `لكنه`), ending the clause before.
    fn is_boundary(&self, t: usize, triggers: &IndexSet<usize>) -> bool {
        let cx = &self.cx;
        if !triggers.contains(&t) {
            return false;
        }
        if cx.verb(t).is_some_and(|h| !h.prefix.is_empty()) || cx.cues[t].is_some() {
            return true;
        }
        // `غير أنه أضاف`, `إلا أنه أكد`: a contrasted new statement.
        if let Some(p) = cx.prev_in_sentence(t)
            && cx.has(p, MarkerRole::Complementizer)
            && cx
                .prev_in_sentence(p)
                .is_some_and(|q| cx.norm(q) == "غير" || cx.has(q, MarkerRole::Clause))
        {
            return true;
        }
        match cx.prev_in_sentence(t) {
            None => true,
            Some(p) => {
                cx.punct(p).is_some_and(|c| COMMAS.contains(&c) || c == '-')
                    || cx.has(p, MarkerRole::Connective)
            }
        }
    }

    /// One past the last token of the reported clause starting at `k`.
    fn clause_end(&self, k: usize, s: usize, triggers: &IndexSet<usize>) -> usize {
        let cx = &self.cx;
        let mut t = k;
        let mut end = k;
        while t < cx.n && t - k < MAX_CLAUSE_TOKENS {
            if cx.sent[t] != s && t > k {
                break;
            }
            if let Some(m) = cx.open_mark[t] {
                let after = cx.marks[m].after().max(t + 1);
                end = after;
                t = after;
                continue;
            }
            if t > k && self.is_boundary(t, triggers) {
                break;
            }
            if cx.punct(t).is_some_and(|c| COMMAS.contains(&c)) {
                let nx = t + 1;
                let next_starts = nx < cx.n
                    && (cx.verb(nx).is_some_and(|h| h.value.kind == VerbKind::Participle)
                        || cx.cues[nx].is_some()
                        || cx.has(nx, MarkerRole::Afterword));
                if next_starts {
                    break;
                }
            }
            if t > k && cx.has(t, MarkerRole::Afterword) {
                break;
            }
            end = t + 1;
            t += 1;
        }
        // Trim trailing punctuation and conjunctions.
        while end > k {
            let last = end - 1;
            let trailing_punct =
                cx.punct(last).is_some_and(|c| !QUOTE_CHARS.contains(&c) && c != ')' && c != ']');
            // Conjunctions and a dangling `غير أنه` / `إلا أن` before the next statement.
            let trailing_conj = cx.in_mark[last].is_none()
                && (cx.has(last, MarkerRole::Connective)
                    || cx.has(last, MarkerRole::Complementizer)
                    || cx.has(last, MarkerRole::Clause)
                    || cx.norm(last) == "غير");
            if trailing_punct || trailing_conj {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }

    /// True when the head word of phrase `r` is a plural noun (`الدبلوماسيون`, `مسؤولين`,
    /// `مصادر`), read from its ending or the plural source nouns.
    fn plural_head(&self, r: &Range<usize>) -> bool {
        let cx = &self.cx;
        let Some(t) = (r.start..r.end).find(|&t| cx.is_word(t)) else { return false };
        if cx.entity(t).is_some() {
            return false;
        }
        let w = strip_article(cx.norm(t));
        let sound = w.chars().count() >= 5 && (w.ends_with("ون") || w.ends_with("ين"));
        sound || matches!(w, "مصادر" | "شهود" | "اوساط" | "دوائر" | "مسوولون" | "بعض")
    }

    /// The subject of a sentence opening with a verb (`وسعت الولايات المتحدة عقوباتها ...
    /// أفرادًا قالت إنهم ...`): the actor named among its first words, for a pronoun subject
    /// that has no earlier speaker.
    fn sentence_subject(&self, v: usize) -> Option<Resolved> {
        let cx = &self.cx;
        let s = *cx.sent.get(v)?;
        let a = (0..v).rev().take_while(|&t| cx.sent[t] == s).last()?;
        let mut words = 0;
        for t in a..v {
            if !cx.is_word(t) {
                continue;
            }
            words += 1;
            if words > 4 || cx.verb(t).is_some() || cx.cues[t].is_some() {
                return None;
            }
            if let Some(e) = cx.entity(t)
                && e.actor.is_some()
                && words > 1
            {
                let x = e.actor.and_then(|i| cx.ents.actors.get(i))?;
                let id = e.actor?;
                return Some(Resolved {
                    text: Some(fullest_mention(cx.ents, id).unwrap_or_else(|| x.name.clone())),
                    actor: Some(id),
                    code: Some(x.code.clone()),
                    mention: None,
                    plural: false,
                    how: "sentence-subject",
                });
            }
        }
        None
    }

    /// The subject of the verb opening this sentence or the previous one, for a pronoun
    /// subject or a participle whose speaker is otherwise unknown: `وعبّر المجلس في اجتماعه
    /// عن رفضه ... وقال إن`, `ووصف معالي وزير الخارجية اللقاء ... مبينًا أن`. The subject
    /// must open with a title, a person or organisation, or a body noun, so that an object
    /// or a place after an unknown verb is not taken for a speaker. With `spoken`, the opening
    /// must give the occasion of a statement.
    fn opening_subject(&self, v: usize, spoken: bool) -> Option<Resolved> {
        let cx = &self.cx;
        let s = *cx.sent.get(v)?;
        let mut starts: Vec<usize> = Vec::new();
        let mut t = v;
        while t > 0 && cx.sent[t - 1] + 1 >= s {
            if cx.sent[t - 1] != cx.sent[t] {
                starts.push(t);
            }
            t -= 1;
        }
        starts.push(t);
        for a in starts {
            let Some(f) = (a..v).find(|&t| cx.is_word(t)) else {
                continue;
            };
            // A statement opening its own sentence (`وقال إن`) looks at the previous one;
            // any other sentence that does not open as expected ends the search.
            if f == v {
                continue;
            }
            // The opening word must be an unknown verb with its conjunction (`ووصف`).
            if f > v
                || !cx.is_word(f)
                || !cx.norm(f).starts_with('و')
                || cx.verb(f).is_some()
                || cx.titles[f]
                || cx.entity(f).is_some()
                || (cx.any_marker(f) && !cx.has(f, MarkerRole::Setting))
            {
                return None;
            }
            let g = f + 1;
            if g >= v || !cx.is_word(g) || cx.sent[g] != cx.sent[f] {
                return None;
            }
            let body =
                cx.classes[g].iter().any(|h| h.value == SourceClass::Body && h.prefix.is_empty());
            let named =
                cx.entity(g).is_some_and(|e| matches!(e.kind, EntityType::Per | EntityType::Org));
            if !(cx.titles[g] || named || body) {
                return None;
            }
            let mut e = g;
            let mut words = 0;
            while e < v
                && cx.sent[e] == cx.sent[g]
                && cx.is_word(e)
                && words < MAX_SUBJECT_WORDS
                && (e == g
                    || !(cx.ends_subject(e)
                        || cx.any_marker(e)
                        || cx.verb(e).is_some()
                        || matches!(cx.norm(e), "عن" | "في" | "من" | "الي" | "علي" | "مع")
                        || (cx.norm(e).starts_with("وال")
                            && cx.entity(e).is_none()
                            && !cx.titles[e])))
            {
                words += 1;
                e += 1;
            }
            // A participle needs an opening that is itself a statement: the subject is
            // followed by its occasion (`ووصف الوزير في تصريح له ...، مبينًا أن`).
            if spoken && !cx.has(e, MarkerRole::Setting) {
                return None;
            }
            let r = self.resolve_tokens(g..e, &[]);
            if r.text.is_some() {
                return Some(Resolved { mention: None, how: "opening-subject", ..r });
            }
        }
        None
    }

    /// The nearest plural noun (`المهاجرين`) in this sentence or the previous one, before a
    /// plural pronoun subject that no speaker phrase agrees with (`وقالوا إن ...`).
    fn plural_noun_before(&self, v: usize) -> Option<Resolved> {
        let cx = &self.cx;
        let s = *cx.sent.get(v)?;
        for t in (0..v).rev() {
            if cx.sent[t] + 1 < s {
                break;
            }
            if !cx.is_word(t) || cx.entity(t).is_some() || !cx.norm(t).starts_with("ال") {
                continue;
            }
            if self.plural_head(&(t..t + 1)) {
                let mention = cx.span(cx.bytes(&(t..t + 1)));
                return Some(Resolved {
                    text: Some(mention.text.clone()),
                    mention: Some(mention),
                    plural: true,
                    how: "plural-noun",
                    ..Default::default()
                });
            }
        }
        None
    }

    /// The conjuncts of a reported clause: `X، وأن Y` splits before `وأن` (each part trimmed).
    fn conjuncts(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let cx = &self.cx;
        let mut parts = Vec::new();
        let mut a = r.start;
        for t in r.start + 1..r.end {
            let and_that = cx.in_mark[t].is_none()
                && cx.punct(t - 1).is_some_and(|c| COMMAS.contains(&c))
                && cx.markers[t]
                    .iter()
                    .any(|h| h.value == MarkerRole::Complementizer && h.prefix == "و");
            if and_that {
                let p = cx.trim(a..t);
                if !p.is_empty() {
                    parts.push(p);
                }
                a = t + 1;
            }
        }
        let p = cx.trim(a..r.end);
        if !p.is_empty() {
            parts.push(p);
        }
        parts
    }

    /// The quotations (of two words or more) of a clause part when they make up at least half
    /// of it: such a part is direct speech.
    fn quoted_parts(&self, r: &Range<usize>, limit: usize) -> Option<Vec<usize>> {
        let cx = &self.cx;
        let inner: Vec<usize> = (0..cx.marks.len())
            .filter(|&m| cx.marks[m].open >= r.start && cx.marks[m].after() <= r.end.max(limit))
            .collect();
        let total = cx.doc.char_span(cx.bytes(r));
        let quoted: usize = inner
            .iter()
            .map(|&m| {
                let (a, b) = cx.doc.char_span(cx.marks[m].content.clone());
                b - a
            })
            .sum();
        let long: Vec<usize> = inner.into_iter().filter(|&m| cx.marks[m].words >= 2).collect();
        (!long.is_empty() && 2 * quoted >= total.1 - total.0).then_some(long)
    }

    fn finish(mut self) -> QuoteLayer {
        let mut statements = std::mem::take(&mut self.statements);
        let mut found_sources = std::mem::take(&mut self.sources);
        statements.sort_by_key(|s| (s.trigger.start, s.trigger.end));
        let triggers: IndexSet<usize> = statements.iter().map(|s| s.trigger.start).collect();
        // Delimit bodies; a statement whose trigger lies inside an earlier content is part
        // of that content (`إن بلاده أكدت أن ...` is reported, not a new statement).
        struct Unit {
            stmt: usize,
            bytes: Range<usize>,
            direct: bool,
            rule_tail: &'static str,
        }
        let mut units: Vec<Unit> = Vec::new();
        let mut claimed: IndexSet<usize> = IndexSet::default();
        let mut covered: Vec<Range<usize>> = Vec::new();
        // Statements reported inside another statement's content.
        let mut embedded: IndexSet<usize> = IndexSet::default();
        let cx = &self.cx;
        for (i, st) in statements.iter().enumerate() {
            if covered.iter().any(|r| r.contains(&st.trigger.start)) {
                embedded.insert(i);
                continue;
            }
            match st.body {
                Body::Bare => {}
                Body::Quote(m) => {
                    if claimed.contains(&m) {
                        continue;
                    }
                    let mk = &cx.marks[m];
                    claimed.insert(m);
                    covered.push(mk.open..mk.after());
                    units.push(Unit {
                        stmt: i,
                        bytes: mk.content.clone(),
                        direct: true,
                        rule_tail: if mk.close.is_some() { "" } else { "+unclosed" },
                    });
                }
                Body::Clause(k) | Body::Colon(k) => {
                    if k >= cx.n {
                        continue;
                    }
                    let e = self.clause_end(k, cx.sent[k], &triggers);
                    let r = cx.trim(k..e);
                    if r.is_empty() {
                        continue;
                    }
                    covered.push(k..e);
                    for m in (0..cx.marks.len()).filter(|&m| {
                        cx.marks[m].open >= r.start && cx.marks[m].after() <= r.end.max(e)
                    }) {
                        claimed.insert(m);
                    }
                    let direct = matches!(st.body, Body::Colon(_));
                    // `قالوا إن «...»، وإن فلانًا ناقشها`: a quoted conjunct is direct speech,
                    // the unquoted one stays reported; a clause with no mostly quoted part
                    // is one quote, however many `وأن` it has.
                    let parts = self.conjuncts(r.clone());
                    let quoted: Vec<Option<Vec<usize>>> = parts
                        .iter()
                        .enumerate()
                        .map(|(x, p)| {
                            let limit = if x + 1 == parts.len() { e } else { p.end };
                            self.quoted_parts(p, limit)
                        })
                        .collect();
                    if quoted.iter().any(Option::is_some) {
                        for (p, q) in parts.iter().zip(quoted) {
                            match q {
                                Some(marks) => {
                                    for m in marks {
                                        units.push(Unit {
                                            stmt: i,
                                            bytes: cx.marks[m].content.clone(),
                                            direct: true,
                                            rule_tail: "+quoted-part",
                                        });
                                    }
                                }
                                None => units.push(Unit {
                                    stmt: i,
                                    bytes: cx.bytes(p),
                                    direct,
                                    rule_tail: "+conjunct",
                                }),
                            }
                        }
                    } else {
                        units.push(Unit { stmt: i, bytes: cx.bytes(&r), direct, rule_tail: "" });
                    }
                }
            }
        }
        // Quotations no statement introduced: attributed after them, after a colon, or
        // continuing a direct quote of the same sentence.
        let mut extra: Vec<Statement> = Vec::new();
        let mut extra_units: Vec<(usize, Range<usize>, &'static str)> = Vec::new();
        for (m, mk) in cx.marks.iter().enumerate() {
            if claimed.contains(&m) || mk.words < 2 || covered.iter().any(|r| r.contains(&mk.open))
            {
                continue;
            }
            let s = cx.sent[mk.open];
            let mut a = mk.after();
            while a < cx.n && cx.punct(a).is_some_and(|c| COMMAS.contains(&c)) {
                a += 1;
            }
            let mut who: Option<(Who, String)> = None;
            if a < cx.n {
                if let Some(h) = cx.verb(a).filter(|h| h.value.kind != VerbKind::Participle) {
                    let e = cx.source_end_from(h.end.min(cx.n - 1), 0);
                    let r = if h.end < cx.n && cx.is_word(h.end) && cx.verb(h.end).is_none() {
                        cx.trim(h.end..e)
                    } else {
                        h.end..h.end
                    };
                    let w = if r.is_empty() { Who::Previous } else { Who::Phrase(r) };
                    who = Some((w, format!("postposed:{}", Self::verb_rule(h.value))));
                } else if cx.has(a, MarkerRole::Afterword) {
                    who = Some((Who::Previous, "afterword".to_string()));
                }
            }
            if who.is_none() {
                let mut p = mk.open;
                while p > 0 && cx.punct(p - 1).is_some_and(|c| c == '-') {
                    p -= 1;
                }
                if p > 0 && cx.punct(p - 1) == Some(':') && cx.sent[p - 1] == s {
                    let colon = p - 1;
                    let mut b = colon;
                    while b > 0 && cx.sent[b - 1] == s && cx.punct(b - 1).is_none() {
                        b -= 1;
                    }
                    let pre = cx.trim(b..colon);
                    let ok = !pre.is_empty()
                        && cx.words_in(&pre) <= MAX_HEADLINE_SPEAKER_WORDS
                        && !pre.clone().any(|t| cx.verb(t).is_some());
                    let w = if ok { Who::Phrase(pre) } else { Who::Previous };
                    who = Some((w, "colon".to_string()));
                }
            }
            if who.is_none() && mk.words >= 3 {
                // Another quotation of a sentence whose earlier quotation was reported.
                let before = units.iter().rev().find(|u| {
                    u.direct
                        && cx.doc.sentence_at(u.bytes.start) == Some(s)
                        && u.bytes.end <= mk.content.start
                });
                if let Some(u) = before {
                    let gap_has_verb =
                        (cx.doc.token_at(u.bytes.end)..mk.open).any(|t| cx.verb(t).is_some());
                    if !gap_has_verb {
                        who = Some((Who::Same(u.stmt), "same-sentence".to_string()));
                    }
                }
            }
            if let Some((w, rule)) = who {
                extra.push(Statement {
                    trigger: mk.open..mk.open + 1,
                    rule,
                    body: Body::Quote(m),
                    who: w,
                    plural: false,
                    sentence: s,
                    background: false,
                });
                extra_units.push((extra.len() - 1, mk.content.clone(), ""));
            }
        }
        let base = statements.len();
        statements.extend(extra);
        for (i, bytes, tail) in extra_units {
            units.push(Unit { stmt: base + i, bytes, direct: true, rule_tail: tail });
        }
        // Resolve speakers in reading order of the triggers.
        let mut order: Vec<usize> = (0..statements.len()).collect();
        order.sort_by_key(|&i| (statements[i].trigger.start, i));
        let mut resolved: Vec<Option<Resolved>> = vec![None; statements.len()];
        let mut last: Option<Resolved> = None;
        // Every speaker phrase met so far, with or without content (`ولم يفصح الدبلوماسيون`),
        // by sentence: the antecedents of a plural pronoun subject.
        let mut antecedents: Vec<(usize, Resolved)> = Vec::new();
        let mut known: Vec<Resolved> = Vec::new();
        let mut last_owner: Option<Resolved> = None;
        let with_units: IndexSet<usize> = units.iter().map(|u| u.stmt).collect();
        for &i in &order {
            let st = &statements[i];
            let r = match &st.who {
                Who::Phrase(r) => {
                    let (mut res, owner) =
                        self.resolve_phrase(r.clone(), &known, last_owner.as_ref());
                    if let Some(o) = owner {
                        last_owner = Some(o);
                    }
                    res.plural |= res.actor.is_none() && self.plural_head(r);
                    res
                }
                // `أعلنت المفوضية انزعاجها ...، وقالت إن`: a named speaker earlier in the same
                // sentence, even without reported content, is the pronoun's antecedent.
                Who::Previous
                    if let Some((_, a)) = antecedents.iter().rev().find(|(s, a)| {
                        *s == st.sentence && a.actor.is_some() && (!st.plural || a.plural)
                    }) =>
                {
                    Resolved { mention: None, how: "antecedent", ..a.clone() }
                }
                Who::Previous => match &last {
                    Some(p) if !st.plural || p.plural => {
                        Resolved { mention: None, how: "previous", ..p.clone() }
                    }
                    _ => {
                        // A plural pronoun (`لكنهم قالوا`) takes the last plural phrase of
                        // this or the previous sentence; no speaker yet, the last phrase.
                        let near = antecedents
                            .iter()
                            .rev()
                            .take_while(|(s, _)| s + 2 >= st.sentence && *s <= st.sentence);
                        let found = if st.plural {
                            near.filter(|(_, a)| a.plural).map(|(_, a)| a).next()
                        } else if last.is_none() {
                            near.map(|(_, a)| a).next()
                        } else {
                            None
                        };
                        let found = found
                            .map(|p| Resolved { mention: None, how: "antecedent", ..p.clone() })
                            .or_else(|| {
                                st.plural
                                    .then(|| self.plural_noun_before(st.trigger.start))
                                    .flatten()
                            });
                        match found {
                            Some(p) => p,
                            None if last.is_none() => self
                                .sentence_subject(st.trigger.start)
                                .or_else(|| self.opening_subject(st.trigger.start, false))
                                .unwrap_or(Resolved { how: "unresolved", ..Default::default() }),
                            None => Resolved { how: "unresolved", ..Default::default() },
                        }
                    }
                },
                Who::Sentence => {
                    let same = order
                        .iter()
                        .take_while(|&&k| k != i)
                        .filter(|&&k| {
                            statements[k].sentence == st.sentence
                                && statements[k].trigger.start < st.trigger.start
                                && !statements[k].background
                                && !embedded.contains(&k)
                        })
                        .filter_map(|&k| resolved[k].clone())
                        .filter(|x| x.text.is_some())
                        .last();
                    match same.or_else(|| last.clone()) {
                        Some(p) => Resolved { mention: None, how: "sentence", ..p },
                        None => self
                            .opening_subject(st.trigger.start, true)
                            .unwrap_or(Resolved { how: "unresolved", ..Default::default() }),
                    }
                }
                Who::Same(k) => resolved.get(*k).cloned().flatten().unwrap_or_default(),
            };
            let r = Resolved { plural: st.plural || r.plural, ..r };
            if r.text.is_some()
                && matches!(st.who, Who::Phrase(_))
                && !st.background
                && !embedded.contains(&i)
            {
                antecedents.push((st.sentence, r.clone()));
            }
            if r.text.is_some() && with_units.contains(&i) {
                known.push(r.clone());
                last = Some(r.clone());
            }
            resolved[i] = Some(r);
        }
        // Output.
        let mut quotes: Vec<Quote> = Vec::new();
        let mut seen: IndexSet<(usize, usize)> = IndexSet::default();
        for u in &units {
            let st = &statements[u.stmt];
            let bytes = u.bytes.clone();
            if bytes.is_empty() || !seen.insert((bytes.start, bytes.end)) {
                continue;
            }
            let r = resolved[u.stmt].clone().unwrap_or_default();
            let (start, end) = cx.doc.char_span(bytes.clone());
            let verb = Some(cx.span(cx.bytes(&st.trigger)));
            let kind = if u.direct { "direct" } else { "indirect" };
            quotes.push(Quote {
                start,
                end,
                text: cx.doc.slice(bytes).to_string(),
                kind: kind.to_string(),
                speaker: Speaker { text: r.text, actor: r.actor, code: r.code, mention: r.mention },
                verb,
                rule: format!("{kind}:{}{};speaker:{}", st.rule, u.rule_tail, r.how),
            });
        }
        quotes.sort_by_key(|q| (q.start, q.end));
        let mut sources: Vec<Source> = Vec::new();
        let mut seen_src: Vec<(usize, usize)> = Vec::new();
        found_sources.sort_by_key(|s| (s.bytes.start, std::cmp::Reverse(s.bytes.end)));
        for s in &found_sources {
            let (start, end) = cx.doc.char_span(s.bytes.clone());
            if start >= end || seen_src.iter().any(|&(a, b)| a < end && start < b) {
                continue;
            }
            seen_src.push((start, end));
            let actor = cx
                .ents
                .actor_at(start, end)
                .filter(|&a| cx.ents.actors.get(a).is_some_and(|x| x.kind != EntityType::Loc));
            let code = actor.and_then(|a| cx.ents.actors.get(a)).map(|a| a.code.clone());
            let _ = &s.tokens;
            sources.push(Source {
                start,
                end,
                text: cx.doc.slice(s.bytes.clone()).to_string(),
                kind: if s.anonymous { "anonymous" } else { "named" }.to_string(),
                cue: s.cue.as_ref().map(|c| cx.span(cx.bytes(c))),
                actor,
                code,
                rule: s.rule.clone(),
            });
        }
        QuoteLayer { quotes, sources }
    }

    /// Resolves a speaker phrase: an entity or role mention in it, else the phrase itself
    /// (completed from an earlier, fuller speaker with the same head noun). Also returns the
    /// owner when the phrase names a document with its owner (`بيان رئاسة الإقليم`).
    fn resolve_phrase(
        &self,
        r: Range<usize>,
        known: &[Resolved],
        last_owner: Option<&Resolved>,
    ) -> (Resolved, Option<Resolved>) {
        let cx = &self.cx;
        let mut r = cx.trim(r);
        if r.is_empty() {
            return (Resolved { how: "unresolved", ..Default::default() }, None);
        }
        // A document as speaker: its owner speaks.
        let mut owner_phrase = false;
        if cx.classes[r.start].iter().any(|h| {
            h.value == SourceClass::Document && h.prefix.is_empty() && h.end == r.start + 1
        }) {
            let definite = cx.norm(r.start).starts_with("ال");
            let rest = r.start + 1;
            let owner_follows =
                rest < r.end && (cx.norm(rest).starts_with("ال") || cx.entity(rest).is_some());
            if r.end > r.start + 1 && !definite && !owner_follows {
                // `تقرير أممي`, `دراسة حديثة`: the document itself is the speaker.
            } else if r.end > r.start + 1 && !definite {
                r = cx.trim(r.start + 1..r.end);
                owner_phrase = true;
            } else if let Some(o) = last_owner {
                return (Resolved { how: "document-owner", ..o.clone() }, None);
            }
        }
        let res = self.resolve_tokens(r, known);
        let owner = owner_phrase.then(|| res.clone());
        (res, owner)
    }

    fn resolve_tokens(&self, r: Range<usize>, known: &[Resolved]) -> Resolved {
        let cx = &self.cx;
        let bytes = cx.bytes(&r);
        let (cs, ce) = cx.doc.char_span(bytes.clone());
        let mention = cx.span(bytes.clone());
        let first_word = (r.start..r.end).find(|&t| cx.is_word(t)).unwrap_or(r.start);
        let fw_end = cx.doc.tokens[first_word].char_end;
        let from_actor = |a: usize, how: &'static str| {
            cx.ents.actors.get(a).map(|x| Resolved {
                text: Some(fullest_mention(cx.ents, a).unwrap_or_else(|| x.name.clone())),
                actor: Some(a),
                code: Some(x.code.clone()),
                mention: Some(mention.clone()),
                plural: false,
                how,
            })
        };
        let from_entity = |e: &marsad_model::Entity| {
            e.actor.and_then(|a| from_actor(a, "entity")).unwrap_or_else(|| Resolved {
                text: Some(e.text.clone()),
                mention: Some(mention.clone()),
                how: "entity",
                ..Default::default()
            })
        };
        // A person or organisation opening the phrase.
        if let Some(e) = cx.entity(first_word)
            && matches!(e.kind, EntityType::Per | EntityType::Org)
        {
            return from_entity(e);
        }
        // An unnamed source (`مصدر أمني يمني رفيع`, `مصدر في وزارة الداخلية`) is the phrase
        // itself, whatever names its modifiers hold.
        let anonymous = cx.classes[first_word]
            .iter()
            .any(|h| h.value == SourceClass::Anonymous && allowed_prefix(h.prefix));
        // A person named anywhere in the phrase (`الفنان الصيني المعارض آي ويوي`).
        let per = (r.start..r.end).filter_map(|t| cx.entity(t)).find(|e| e.kind == EntityType::Per);
        if let Some(e) = per
            && !anonymous
        {
            return from_entity(e);
        }
        // A role phrase starting the subject.
        if !anonymous && let Some(a) = cx.ents.resolve_role(cs, fw_end.max(cs + 1)) {
            // A role that resolves to a named actor speaks with the actor's name; a role
            // standing alone keeps the words of this phrase (and its fuller earlier form).
            if fullest_mention(cx.ents, a).is_some()
                && let Some(x) = from_actor(a, "role")
            {
                return x;
            }
        }
        let _ = ce;
        let text = strip_stray_quotes(&mention.text);
        // `المتحدث` after `متحدث باسم الرئاسة`: the fuller earlier phrase.
        if let Some(full) = fuller(&text, known) {
            return Resolved {
                text: Some(full),
                mention: Some(mention),
                how: "phrase+earlier",
                ..Default::default()
            };
        }
        Resolved { text: Some(text), mention: Some(mention), how: "phrase", ..Default::default() }
    }
}

/// The longest mention text of actor `a` in the document (its fullest name as written),
/// falling back to the actor's name when it has no mention.
fn fullest_mention(ents: &EntityLayer, a: usize) -> Option<String> {
    ents.entities
        .iter()
        .filter(|e| e.actor == Some(a))
        .map(|e| e.text.as_str())
        .max_by_key(|t| t.chars().count())
        .map(str::to_string)
}

enum Pre {
    Phrase(Range<usize>),
    Previous,
    Suppress,
}

/// A speaker text without quotation marks at its edges, unless they close a quotation opened
/// inside it (`مجلة «دير شبيغل»` keeps its marks, `"شويجو"` loses them).
fn strip_stray_quotes(text: &str) -> String {
    let mut t = text.trim();
    loop {
        let first = t.chars().next();
        let last = t.chars().next_back();
        let is_q = |c: Option<char>| c.is_some_and(|c| QUOTE_CHARS.contains(&c));
        if t.chars().count() >= 2 && is_q(first) && is_q(last) {
            t = strip_edge(t, true, true);
        } else if is_q(first) {
            t = strip_edge(t, true, false);
        } else if is_q(last) {
            let inner = &t[..t.len() - last.map_or(0, char::len_utf8)];
            let opened = inner.chars().any(|c| matches!(c, '«' | '“' | '‹' | '‘'))
                || inner.chars().filter(|&c| c == '"').count() % 2 == 1;
            if opened {
                return t.to_string();
            }
            t = strip_edge(t, false, true);
        } else {
            return t.to_string();
        }
    }
}

fn strip_edge(t: &str, front: bool, back: bool) -> &str {
    let mut s = t;
    if front && let Some(c) = s.chars().next() {
        s = &s[c.len_utf8()..];
    }
    if back && let Some(c) = s.chars().next_back() {
        s = &s[..s.len() - c.len_utf8()];
    }
    s.trim()
}

/// Verbs whose outlet subject is a source rather than a speaker.
fn reports(k: VerbKind) -> bool {
    matches!(k, VerbKind::Report | VerbKind::Relay)
}

fn strip_article(w: &str) -> &str {
    w.strip_prefix("ال").unwrap_or(w)
}

fn stem_key(w: &str) -> String {
    let w = strip_article(w);
    w.trim_end_matches(['ه', 'ة']).to_string()
}

/// An earlier speaker text that a short definite phrase (`المسؤول`, `المسؤول التركي`,
/// `المتحدث`) refers back to: same head noun, every modifier found in it, and longer.
fn fuller(text: &str, known: &[Resolved]) -> Option<String> {
    let norm = marsad_text::normalize_word(text);
    let words: Vec<&str> = norm.split_whitespace().collect();
    let head = *words.first()?;
    if !head.starts_with("ال") || words.len() > 3 {
        return None;
    }
    let key = stem_key(head);
    let mut best: Option<&String> = None;
    for k in known {
        if k.actor.is_some() {
            continue;
        }
        let Some(t) = &k.text else { continue };
        let kn = marsad_text::normalize_word(t);
        let kw: Vec<&str> = kn.split_whitespace().collect();
        if kw.len() < words.len() || kn == norm || kw.first().is_none_or(|f| stem_key(f) != key) {
            continue;
        }
        let mods_ok = words[1..].iter().all(|m| {
            let mk = stem_key(m);
            kw.iter().any(|w| {
                stem_key(w).starts_with(&mk)
                    || mk.starts_with(&stem_key(w)) && stem_key(w).len() >= 3
            })
        });
        if mods_ok && best.is_none_or(|b| t.len() > b.len()) {
            best = Some(t);
        }
    }
    best.cloned()
}

/// Words (matching form) after which a short quotation is what was said, not a marked term:
/// prepositions and nouns of speech.
const QUOTE_INTRODUCERS: &[&str] = &[
    "الي",
    "علي",
    "عن",
    "من",
    "في",
    "ب",
    "ل",
    "مع",
    "ضد",
    "حول",
    "بشان",
    "قائلا",
    "قائله",
    "بقوله",
    "بالقول",
    "عبارة",
    "عباره",
    "كلمه",
    "كلمته",
    "تصريح",
    "تصريحه",
    "تصريحات",
    "قوله",
    "مضيفا",
    "مضيفه",
    "مؤكدا",
    "مؤكده",
    "واصفا",
    "معتبرا",
    "مشيرا",
    "موضحا",
];

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::normalize;

    #[test]
    fn token_sentences_walk_matches_search() {
        let texts = [
            "قال الوزير: «نعم». ثم غادر!   وأضاف؟ نعم\n\nعنوان\nنص آخر… بلا نهاية",
            "",
            " . ، «",
            "واحد.اثنان.ثلاثة",
        ];
        for t in texts {
            let doc = TextDoc::new(t);
            let want: Vec<usize> = doc
                .tokens
                .iter()
                .map(|tok| doc.sentence_at(tok.start).unwrap_or(usize::MAX))
                .collect();
            assert_eq!(token_sentences(&doc), want, "{t}");
        }
    }

    /// The combined speech scan returns what each dictionary's own matcher finds.
    #[test]
    fn speech_scan_same_as_separate_matchers() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let sp = &lex.speech;
        let multi = speech_matcher(&lex);
        let texts = [
            "وقال المتحدث باسم الوزارة للصحفيين إن الحكومة لم تعلن بعد عن موعد الزيارة",
            "وأضاف مضيفًا أن المصادر أشارت إلى أن الاجتماع سيعقد، بحسب ما أفادت وكالة الأنباء",
            "ونقلت وكالات روسية عن مسؤول في الوزارة قوله إن «الوضع مستقر»، وفقًا لمصدر مطلع",
            "وذكرت صحيفة محلية نقلًا عن بيان صادر عن الرئاسة أن للمتحدث وللمصادر والللجنة رأيًا",
            "على ما أعلنت الشرطة، ولم يفصح الدبلوماسيون عن التفاصيل لكنهم قالوا لوكالة الصحافة الفرنسية",
            "",
            "١٢٣ abc ال ل لل «» : ،",
        ];
        for t in texts {
            let norm = normalize(t).text;
            let got = scan_speech(&multi, &norm);
            assert_eq!(got.verbs, sp.verbs.find(&norm), "{t}");
            assert_eq!(got.markers, sp.markers.find_all(&norm), "{t}");
            assert_eq!(got.cues, sp.cues.find(&norm), "{t}");
            assert_eq!(got.sources, sp.sources.find_all(&norm), "{t}");
        }
    }
}
