//! Marsad's knowledge base.
//!
//! Knowledge is data: countries, places, organisations, titles, names, speech verbs, time
//! words and event patterns live in documented TSV/TOML files under the repository's `data/`
//! directory, which analysts can extend without touching Rust. This crate
//!
//! * finds those files ([`DataSource`]: embedded in the binary at build time, or read from a
//!   directory given at run time),
//! * parses them with errors that name file, line and reason ([`LexiconError`], [`tsv`]),
//! * compiles phrase lists into fast automata over the matching form of the text
//!   ([`PhraseMatcher`], built on a character-wise double-array Aho–Corasick automaton),
//! * and holds the entity knowledge shared by every extractor ([`Lexicon`]).
//!
//! Layers with knowledge of their own (time words, event patterns) load it through the same
//! [`DataSource`] and [`tsv`] helpers from their own crates.

mod geo;
pub mod hash;
mod loader;
mod matcher;
mod names;
mod orgs;
mod speech;
mod titles;

pub use geo::{Country, Gazetteer, GeoEntry, GeoKind, known_codes, nisba_forms};
pub use loader::{DataSource, LexiconError, Row, tsv};
pub use matcher::{PhraseMatch, PhraseMatcher};
pub use names::{Cue, Equipment, Names, Person};
pub use orgs::{AGENT_CODES, Org, OrgHead, Organisations, is_agent_code};
pub use speech::{
    Agreement, CueKind, MarkerRole, SourceClass, SourceCue, Speech, SpeechVerb, VerbKind,
};
pub use titles::{Title, TitleKind, Titles};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// All entity knowledge, loaded and compiled.
#[derive(Debug)]
pub struct Lexicon {
    source: DataSource,
    /// Countries, groups, places.
    pub geo: Gazetteer,
    /// Organisations, agencies, outlets, armed groups.
    pub orgs: Organisations,
    /// Titles, offices, ranks, honorifics.
    pub titles: Titles,
    /// First names and known people.
    pub names: Names,
    /// Speech verbs and source cues.
    pub speech: Speech,
}

impl Lexicon {
    /// Loads the knowledge embedded in the binary.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Lexicon::load(DataSource::Embedded)
    }

    /// Loads the knowledge from a directory laid out like the repository's `data/`.
    pub fn from_dir(dir: impl Into<std::path::PathBuf>) -> Result<Lexicon, LexiconError> {
        Lexicon::load(DataSource::Dir(dir.into()))
    }

    /// Loads everything from `source`.
    pub fn load(source: DataSource) -> Result<Lexicon, LexiconError> {
        let geo = Gazetteer::load(&source)?;
        let orgs = Organisations::load(&source)?;
        let titles = Titles::load(&source)?;
        let names = Names::load(&source)?;
        let speech = Speech::load(&source)?;
        Ok(Lexicon { source, geo, orgs, titles, names, speech })
    }

    /// Where the knowledge came from; other layers load their own files from it.
    pub fn source(&self) -> &DataSource {
        &self.source
    }
}
