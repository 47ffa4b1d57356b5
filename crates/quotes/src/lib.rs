//! Direct and indirect quotes, their speakers, and cited sources in Arabic news.
//!
//! Reported speech in Arabic news follows a small number of constructions, and this crate
//! reads each of them from the words around it rather than from a parser:
//!
//! * **indirect speech**: a verb of saying (`قال`, `وأضاف`, `أشار إلى`, `مضيفًا`), its subject,
//!   and a complementizer (`إن`, `أن`, `بأن`, `أنه`); the content runs from after the
//!   complementizer to the end of the reported clause (the sentence end, or the start of the
//!   next statement: `، مضيفًا أن`, `، وقال`, `لكنه أضاف`);
//! * **direct speech**: a quotation (`« »`, `" "`, `“ ”`) introduced by a verb of saying, a
//!   colon, `عن <speaker>:`, or attributed after it (`«...»، قال`); a reported clause that is
//!   mostly quoted words (`شدد على أن إيران هي "شريك استراتيجي"`) yields its quoted parts as
//!   direct quotes; a headline `شويجو: إيران شريك استراتيجي` quotes what follows the colon.
//!   A quoted name or title that no speech introduces (`"شويجو"`, `«بوكو حرام»`) is not a quote;
//! * **attribution cues**: `بحسب`, `وفقًا لـ`, `نقلًا عن`, `على ما أعلنت`; the phrase after a cue
//!   is a cited source when it is an outlet, a document, an institution or an unnamed source,
//!   and the attribution of a person's words when a person follows (`وبحسب باقري، فإن ...`);
//! * **reporting outlets**: the subject of a verb of saying or reporting that is a news outlet
//!   (`نقلت وكالات روسية عن شويجو`, `قال المسؤول لوكالة الصحافة الفرنسية`) is a cited source; an
//!   outlet that merely reports (`ذكرت صحيفة ... أن`) is a source, not a speaker.
//!
//! The speaker is the entity named in the subject (through [`EntityLayer`], including role
//! coreference such as `رئيس الأركان الإيراني` → the named chief of staff), the subject phrase
//! itself when no entity covers it or when it is an unnamed source (resolved against earlier
//! speakers: `المتحدث` → `متحدث باسم الرئاسة`), the issuer of a document (`بيان صادر عن
//! وزير الدفاع`), or, for a verb without subject, the previous speaker (`وأضاف`, `مضيفًا`,
//! never a statement subordinated or reported inside another). A plural pronoun (`لكنهم
//! قالوا`) that no speaker agrees with takes the last plural phrase, even the subject of a
//! negated verb (`ولم يفصح الدبلوماسيون`), or the nearest plural noun; a pronoun with no
//! speaker before it takes the actor opening its verb-first sentence. Vocabulary comes from
//! `data/speech/` through [`marsad_lexicon::Speech`].
//!
//! Work is linear in the text: every search window is bounded in tokens and every quotation
//! in bytes, so garbage, unbalanced marks or a 10,000-word quotation cost little. The speech,
//! title and organisation dictionaries are not scanned here when the [`EntityLayer`] comes from
//! the same document: the entity recognizer finds them in its own automaton pass and keeps the
//! matches ([`EntityLayer::speech_matches`]); only a layer built otherwise makes this crate
//! scan the text, through one combined automaton built on first use.

mod extract;
mod marks;

use marsad_entities::{EntityLayer, MultiMatcher};
use marsad_lexicon::Lexicon;
use marsad_model::{Quote, Source};
use marsad_text::TextDoc;
use std::sync::{Arc, OnceLock};

/// Quotes and sources of one document.
#[derive(Debug, Clone, Default)]
pub struct QuoteLayer {
    /// Quotes, sorted by start.
    pub quotes: Vec<Quote>,
    /// Cited sources, sorted by start.
    pub sources: Vec<Source>,
}

/// Finds quotes and sources.
#[derive(Debug, Clone)]
pub struct QuoteExtractor {
    lexicon: Arc<Lexicon>,
    /// The speech dictionaries compiled into one automaton (see [`extract::speech_matcher`]),
    /// built on first use: an entity layer recognised from the same document already carries
    /// their matches, and only a layer built otherwise needs a scan here.
    speech: Arc<OnceLock<MultiMatcher>>,
}

impl QuoteExtractor {
    /// An extractor over `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        QuoteExtractor { lexicon, speech: Arc::new(OnceLock::new()) }
    }

    /// Quotes and sources of `doc`, with speakers resolved against `entities`.
    pub fn extract(&self, doc: &TextDoc, entities: &EntityLayer) -> QuoteLayer {
        let scanned;
        let speech = match entities.speech_matches(doc) {
            Some(found) => found,
            None => {
                let matcher = self.speech.get_or_init(|| extract::speech_matcher(&self.lexicon));
                scanned = extract::scan_speech(matcher, &doc.norm.text);
                &scanned
            }
        };
        extract::run(&self.lexicon, speech, doc, entities)
    }
}
