//! Organisations: named bodies (`orgs.tsv`) and the head nouns that open structural
//! organisation names (`org_heads.tsv`).
//!
//! News names most bodies by description rather than by a fixed name (`وزارة الخارجية
//! الصينية`, `القوات المسلحة الإيرانية`, `هيئة الأركان العامة للقوات المسلحة`). A dictionary
//! cannot list them all, so the entity layer recognises a head noun from `org_heads.tsv`
//! followed by a genitive chain and an optional country nisba; the head gives the agent
//! codes (`الجيش` → `MIL`), the nisba the country. Named bodies that are not descriptive
//! (`رويترز`, `حزب الله`, `داعش`) come from `orgs.tsv` with their full actor code.

use std::collections::HashSet;

use crate::{DataSource, LexiconError, PhraseMatcher, tsv};

/// Organisation file, relative to `data/`.
pub const ORGS_FILE: &str = "orgs/orgs.tsv";
/// Organisation head-noun file, relative to `data/`.
pub const ORG_HEADS_FILE: &str = "orgs/org_heads.tsv";

/// CAMEO agent codes (and the few role codes used as agents) accepted in data files.
pub const AGENT_CODES: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "MED", "REB", "OPP", "PTY", "CVL", "BUS", "EDU", "REL",
    "IGO", "NGO", "SPY", "LAB", "HLH", "ELI", "REF", "UAF", "AGR", "CRM", "DEV", "ENV", "MOD",
    "RAD", "INS", "SEP", "IMG", "SET", "UIS", "HRI", "IRC", "AMN", "MNC", "PRO", "NAV", "AIR",
    // Religion codes that CAMEO uses in the agent position.
    "CHR", "CTH", "ORT", "MOS", "SUN", "SHI", "JEW", "BUD", "HIN", "BAH", "DRZ", "ALE", "SFI",
];

/// True when `code` is an accepted agent code.
pub fn is_agent_code(code: &str) -> bool {
    AGENT_CODES.contains(&code)
}

/// Checks a `|`-separated agent cell of `row`.
pub(crate) fn agents_of(row: &crate::Row<'_>, i: usize) -> Result<Vec<String>, LexiconError> {
    let mut out = Vec::new();
    for a in row.list(i) {
        if !is_agent_code(a) {
            return Err(row.error(format!("unknown agent code `{a}`")));
        }
        out.push(a.to_string());
    }
    Ok(out)
}

/// A named organisation.
#[derive(Debug, Clone)]
pub struct Org {
    /// ASCII snake_case id, unique.
    pub id: String,
    /// Names, canonical first.
    pub names: Vec<String>,
    /// Full actor code (`GBRMED`, `---REB`).
    pub code: String,
    /// Country or group code, `IGO`, `NGO`, or `None`.
    pub country: Option<String>,
    /// Agent codes.
    pub agents: Vec<String>,
    /// Kind (`media`, `armed`, ...).
    pub kind: String,
    /// 1-based line in `orgs.tsv`.
    pub line: usize,
}

/// A head noun that opens a structural organisation name.
#[derive(Debug, Clone)]
pub struct OrgHead {
    /// The head phrase as listed (`وزارة الدفاع`, `الجيش`).
    pub phrase: String,
    /// Agent codes implied by the head.
    pub agents: Vec<String>,
    /// Kind (`government`, `military`, `media`, ...).
    pub kind: String,
    /// True when the head names a body on its own, without a complement (`البرلمان`,
    /// `وزارة الخارجية`); otherwise a complement or a nisba is required (`الحكومة`).
    pub standalone: bool,
    /// True when only a country nisba or a place in the chain makes the head a named body
    /// (`إدارة`, `مكتب`, `لجنة` are too general otherwise).
    pub needs_country: bool,
    /// 1-based line in `org_heads.tsv`.
    pub line: usize,
}

/// Named organisations and organisation heads, compiled.
#[derive(Debug, Default)]
pub struct Organisations {
    /// Named organisations in file order.
    pub orgs: Vec<Org>,
    /// Matcher over every organisation name (values index `orgs`).
    pub matcher: PhraseMatcher<usize>,
    /// Head nouns in file order.
    pub heads: Vec<OrgHead>,
    /// Matcher over head phrases (values index `heads`).
    pub head_matcher: PhraseMatcher<usize>,
}

const ORG_KINDS: &[&str] = &[
    "igo",
    "media",
    "armed",
    "party",
    "government",
    "military",
    "security",
    "court",
    "parliament",
    "company",
    "ngo",
    "religious",
    "university",
    "sport",
];

impl Organisations {
    /// Loads `orgs.tsv` and `org_heads.tsv` from `source`; missing files count as empty.
    pub fn load(source: &DataSource) -> Result<Self, LexiconError> {
        let known = crate::geo::known_codes(source)?;
        let mut o = Organisations::default();
        let mut ids = HashSet::new();
        if let Some(content) = source.read_optional(ORGS_FILE)? {
            for row in tsv(ORGS_FILE, &content, 3, 6)? {
                let id = row.required(0, "id")?;
                if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                    return Err(row.error(format!("id `{id}` is not ASCII snake_case")));
                }
                if !ids.insert(id.to_string()) {
                    return Err(row.error(format!("duplicate id `{id}`")));
                }
                let names: Vec<String> = row.list(1).iter().map(|s| s.to_string()).collect();
                if names.is_empty() {
                    return Err(row.error("empty column `names`"));
                }
                let code = row.required(2, "code")?;
                if code.len() < 3 || !code.is_ascii() {
                    return Err(row.error(format!("bad actor code `{code}`")));
                }
                let country = row.optional(3);
                if !country.is_empty() && known.len() > 2 && !known.contains(country) {
                    return Err(row.error(format!("unknown country code `{country}`")));
                }
                let agents = agents_of(&row, 4)?;
                let kind = row.optional(5);
                if !kind.is_empty() && !ORG_KINDS.contains(&kind) {
                    return Err(row.error(format!("unknown organisation kind `{kind}`")));
                }
                o.orgs.push(Org {
                    id: id.to_string(),
                    names,
                    code: code.to_string(),
                    country: (!country.is_empty()).then(|| country.to_string()),
                    agents,
                    kind: kind.to_string(),
                    line: row.line,
                });
            }
        }
        if let Some(content) = source.read_optional(ORG_HEADS_FILE)? {
            let mut seen = HashSet::new();
            for row in tsv(ORG_HEADS_FILE, &content, 3, 4)? {
                let phrase = row.required(0, "head")?;
                if !seen.insert(marsad_text::normalize_word(phrase)) {
                    return Err(row.error(format!("duplicate head `{phrase}`")));
                }
                let agents = agents_of(&row, 1)?;
                let kind = row.required(2, "kind")?;
                if !ORG_KINDS.contains(&kind) {
                    return Err(row.error(format!("unknown organisation kind `{kind}`")));
                }
                let (standalone, needs_country) = match row.optional(3) {
                    "" | "complement" => (false, false),
                    "standalone" => (true, false),
                    "nisba" => (false, true),
                    other => {
                        return Err(row.error(format!(
                            "use `standalone`, `complement` or `nisba`, not `{other}`"
                        )));
                    }
                };
                o.heads.push(OrgHead {
                    phrase: phrase.to_string(),
                    agents,
                    kind: kind.to_string(),
                    standalone,
                    needs_country,
                    line: row.line,
                });
            }
        }
        o.matcher = PhraseMatcher::build(
            o.orgs
                .iter()
                .enumerate()
                .flat_map(|(i, org)| org.names.iter().map(move |n| (n.clone(), i))),
        );
        o.head_matcher =
            PhraseMatcher::build(o.heads.iter().enumerate().map(|(i, h)| (h.phrase.clone(), i)));
        Ok(o)
    }
}
