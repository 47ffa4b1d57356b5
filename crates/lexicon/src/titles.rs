//! Titles, offices, ranks and role nouns (`orgs/titles.tsv`).
//!
//! A title introduces a person (`اللواء محمد باقري`), describes one in apposition
//! (`سيرجي شويجو، وزير الدفاع الروسي`) or stands for one on its own (`قال وزير الخارجية
//! الصيني`). Titles carry agent codes; the country comes from the text around them, so the
//! file lists titles without a nisba.

use std::collections::HashSet;

use crate::{DataSource, LexiconError, PhraseMatcher, tsv};

/// Title file, relative to `data/`.
pub const TITLES_FILE: &str = "orgs/titles.tsv";

/// What sort of title a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleKind {
    /// A post in an institution (`وزير الدفاع`).
    Office,
    /// A military or police rank (`اللواء`).
    Rank,
    /// A courtesy or status title (`الأمير`, `الدكتور`).
    Honorific,
    /// The holder speaks for the body that follows (`المتحدث باسم`).
    Spokesman,
    /// An occupation or role noun (`الباحث`, `مسؤول`).
    Generic,
}

/// One title.
#[derive(Debug, Clone)]
pub struct Title {
    /// The phrase as listed.
    pub phrase: String,
    /// Agent codes.
    pub agents: Vec<String>,
    /// Kind.
    pub kind: TitleKind,
    /// 1-based line in `titles.tsv`.
    pub line: usize,
}

/// All titles, compiled.
#[derive(Debug, Default)]
pub struct Titles {
    /// Titles in file order.
    pub titles: Vec<Title>,
    /// Matcher over the phrases (values index `titles`).
    pub matcher: PhraseMatcher<usize>,
}

impl Titles {
    /// Loads `titles.tsv` from `source`; a missing file counts as empty.
    pub fn load(source: &DataSource) -> Result<Self, LexiconError> {
        let mut t = Titles::default();
        if let Some(content) = source.read_optional(TITLES_FILE)? {
            let mut seen = HashSet::new();
            for row in tsv(TITLES_FILE, &content, 2, 3)? {
                let phrase = row.required(0, "title")?;
                if phrase.contains('|') {
                    return Err(row.error("one title per line, no `|` variants"));
                }
                if !seen.insert(marsad_text::normalize_word(phrase)) {
                    return Err(row.error(format!("duplicate title `{phrase}`")));
                }
                let agents = crate::orgs::agents_of(&row, 1)?;
                let kind = match row.optional(2) {
                    "office" => TitleKind::Office,
                    "rank" => TitleKind::Rank,
                    "honorific" => TitleKind::Honorific,
                    "spokesman" => TitleKind::Spokesman,
                    "generic" => TitleKind::Generic,
                    other => return Err(row.error(format!("unknown title kind `{other}`"))),
                };
                t.titles.push(Title { phrase: phrase.to_string(), agents, kind, line: row.line });
            }
        }
        t.matcher =
            PhraseMatcher::build(t.titles.iter().enumerate().map(|(i, x)| (x.phrase.clone(), i)));
        Ok(t)
    }
}
