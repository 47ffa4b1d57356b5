//! The gazetteer: countries, region/bloc groups and places, with their Arabic names and
//! relational adjectives (nisbas).
//!
//! Places are entity mentions (`روسيا`, `موسكو`, `الشرق الأوسط`); nisbas are not mentions
//! but the main way Arabic news gives an actor its country (`وزير الدفاع الروسي`,
//! `القوات المسلحة الإيرانية`), so both are compiled here: one [`PhraseMatcher`] over every
//! place name and one exact table of nisba forms. The loader generates the regular nisba
//! inflections itself (+ة, +ان, +تان, +ين, +ون, +تين, +ات, each with and without `ال`, applied
//! to every word of a multi-word nisba), so data files list only the masculine singular.

use std::collections::{HashMap, HashSet};

use marsad_text::normalize_word;

use crate::{DataSource, LexiconError, PhraseMatcher, tsv};

/// Country file, relative to `data/`.
pub const COUNTRIES_FILE: &str = "geo/countries.tsv";
/// Group file, relative to `data/`.
pub const GROUPS_FILE: &str = "geo/groups.tsv";
/// Place file, relative to `data/`.
pub const PLACES_FILE: &str = "geo/places.tsv";

/// Codes that may stand in a country column without being a country or a group.
pub const SPECIAL_CODES: &[&str] = &["IGO", "NGO"];

/// What a gazetteer name refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeoKind {
    /// A state or territory name.
    Country,
    /// A capital city (stands for its country by metonymy).
    Capital,
    /// A region or bloc from `groups.tsv`.
    Group,
    /// A place from `places.tsv` with its kind (`city`, `region`, ...).
    Place(String),
}

/// One name of the gazetteer.
#[derive(Debug, Clone)]
pub struct GeoEntry {
    /// ISO3 or group code, `None` for places that span several countries.
    pub code: Option<String>,
    /// What the name refers to.
    pub kind: GeoKind,
    /// The name as listed.
    pub name: String,
    /// Canonical name (first variant of the line).
    pub canonical: String,
    /// File the entry comes from (`countries.tsv`, ...), for rule names.
    pub file: &'static str,
    /// 1-based line in that file.
    pub line: usize,
}

impl GeoEntry {
    /// A rule name such as `gazetteer:countries.tsv:RUS`.
    pub fn rule(&self) -> String {
        let file = self.file.rsplit('/').next().unwrap_or(self.file);
        match &self.code {
            Some(c) => format!("gazetteer:{file}:{c}"),
            None => format!("gazetteer:{file}:{}", self.line),
        }
    }
}

/// A country or group with its names.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO3 or group code.
    pub code: String,
    /// Names, canonical first.
    pub names: Vec<String>,
    /// Masculine singular nisbas without article.
    pub nisbas: Vec<String>,
    /// True for entries of `groups.tsv`.
    pub group: bool,
    /// True for political or cultural blocs (`الغرب`, `العالم العربي`): they code actors but
    /// are not place mentions.
    pub bloc: bool,
}

/// Countries, groups and places, compiled.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Countries then groups, in file order.
    pub countries: Vec<Country>,
    /// Every place name entry; the matcher values index into it.
    pub entries: Vec<GeoEntry>,
    /// Matcher over every place, country, capital and group name.
    pub names: PhraseMatcher<usize>,
    /// Matcher over every nisba form (values: country or group code).
    pub nisba_matcher: PhraseMatcher<String>,
    nisba_forms: HashMap<String, String>,
    by_code: HashMap<String, usize>,
}

/// The inflected forms of a (possibly multi-word) masculine singular nisba, in matching form.
pub fn nisba_forms(base: &str) -> Vec<String> {
    let words: Vec<String> = base.split_whitespace().map(normalize_word).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for suffix in ["", "ه", "ان", "ين", "ون", "تان", "تين", "ات"] {
        for article in ["", "ال"] {
            let form: Vec<String> = words.iter().map(|w| format!("{article}{w}{suffix}")).collect();
            out.push(form.join(" "));
        }
    }
    out
}

fn check_code(row: &crate::Row<'_>, code: &str) -> Result<(), LexiconError> {
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(row.error(format!("`{code}` is not a three-letter upper-case code")));
    }
    Ok(())
}

/// The codes a country column may hold (countries, groups, `IGO`, `NGO`), read from the
/// country and group files of `source`. Other loaders use it to validate references.
pub fn known_codes(source: &DataSource) -> Result<HashSet<String>, LexiconError> {
    let mut out: HashSet<String> = SPECIAL_CODES.iter().map(|s| s.to_string()).collect();
    for file in [COUNTRIES_FILE, GROUPS_FILE] {
        if let Some(content) = source.read_optional(file)? {
            for row in tsv(file, &content, 1, 5)? {
                out.insert(row.required(0, "code")?.to_string());
            }
        }
    }
    Ok(out)
}

impl Gazetteer {
    /// Loads countries, groups and places from `source`; missing files count as empty.
    pub fn load(source: &DataSource) -> Result<Self, LexiconError> {
        let mut g = Gazetteer::default();
        let mut name_owner: HashMap<String, (String, usize)> = HashMap::new();
        let mut nisba_entries: Vec<(String, String)> = Vec::new();
        for (file, group) in [(COUNTRIES_FILE, false), (GROUPS_FILE, true)] {
            let Some(content) = source.read_optional(file)? else { continue };
            for row in tsv(file, &content, 2, if group { 4 } else { 5 })? {
                let code = row.required(0, "code")?;
                check_code(&row, code)?;
                if g.by_code.contains_key(code) {
                    return Err(row.error(format!("duplicate code `{code}`")));
                }
                let names: Vec<String> = row.list(1).iter().map(|s| s.to_string()).collect();
                if names.is_empty() {
                    return Err(row.error("empty column `names`"));
                }
                let nisbas: Vec<String> = row.list(2).iter().map(|s| s.to_string()).collect();
                for n in &names {
                    let k = normalize_word(n);
                    if let Some((other, line)) = name_owner.get(&k)
                        && other != code
                    {
                        return Err(row.error(format!(
                            "name `{n}` already belongs to `{other}` (line {line})"
                        )));
                    }
                    name_owner.insert(k, (code.to_string(), row.line));
                    g.entries.push(GeoEntry {
                        code: Some(code.to_string()),
                        kind: if group { GeoKind::Group } else { GeoKind::Country },
                        name: n.clone(),
                        canonical: names[0].clone(),
                        file,
                        line: row.line,
                    });
                }
                for n in &nisbas {
                    for f in nisba_forms(n) {
                        nisba_entries.push((f, code.to_string()));
                    }
                }
                if !group {
                    for p in row.list(3) {
                        nisba_entries.push((normalize_word(p), code.to_string()));
                    }
                    for c in row.list(4) {
                        g.entries.push(GeoEntry {
                            code: Some(code.to_string()),
                            kind: GeoKind::Capital,
                            name: c.to_string(),
                            canonical: c.to_string(),
                            file,
                            line: row.line,
                        });
                    }
                } else {
                    let kind = row.optional(3);
                    if !kind.is_empty() && !matches!(kind, "region" | "bloc") {
                        return Err(row.error(format!("kind `{kind}` is not region|bloc")));
                    }
                }
                g.by_code.insert(code.to_string(), g.countries.len());
                let bloc = group && row.optional(3) == "bloc";
                g.countries.push(Country { code: code.to_string(), names, nisbas, group, bloc });
            }
        }
        if let Some(content) = source.read_optional(PLACES_FILE)? {
            for row in tsv(PLACES_FILE, &content, 1, 3)? {
                let names = row.list(0);
                if names.is_empty() {
                    return Err(row.error("empty column `names`"));
                }
                let code = row.optional(1);
                if !code.is_empty() && !g.by_code.contains_key(code) && !g.by_code.is_empty() {
                    return Err(row.error(format!("unknown country code `{code}`")));
                }
                let kind = row.optional(2);
                const KINDS: &[&str] = &[
                    "city",
                    "province",
                    "region",
                    "area",
                    "island",
                    "border_crossing",
                    "base",
                    "",
                ];
                if !KINDS.contains(&kind) {
                    return Err(row.error(format!("unknown place kind `{kind}`")));
                }
                for n in &names {
                    g.entries.push(GeoEntry {
                        code: (!code.is_empty()).then(|| code.to_string()),
                        kind: GeoKind::Place(kind.to_string()),
                        name: n.to_string(),
                        canonical: names[0].to_string(),
                        file: PLACES_FILE,
                        line: row.line,
                    });
                }
            }
        }
        let phrases: Vec<(String, usize)> =
            g.entries.iter().enumerate().map(|(i, e)| (e.name.clone(), i)).collect();
        g.names = PhraseMatcher::build(phrases);
        for (f, code) in &nisba_entries {
            g.nisba_forms.entry(f.clone()).or_insert_with(|| code.clone());
        }
        g.nisba_matcher = PhraseMatcher::build(nisba_entries);
        Ok(g)
    }

    /// The country or group code of a nisba form in matching form (`الروسيه` → `RUS`).
    pub fn nisba(&self, norm_word: &str) -> Option<&str> {
        self.nisba_forms.get(norm_word).map(String::as_str)
    }

    /// The country or group with `code`.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code).map(|&i| &self.countries[i])
    }

    /// True when `code` is a country, a group, `IGO` or `NGO`.
    pub fn knows(&self, code: &str) -> bool {
        self.by_code.contains_key(code) || SPECIAL_CODES.contains(&code)
    }

    /// The entries a name match refers to (usually one).
    pub fn entries_of(&self, key: usize) -> impl Iterator<Item = &GeoEntry> {
        self.names.values(key).iter().filter_map(|&i| self.entries.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nisba_inflections() {
        let f = nisba_forms("كوري شمالي");
        assert!(f.contains(&"الكوريه الشماليه".to_string()));
        assert!(f.contains(&"كوريون شماليون".to_string()));
        assert_eq!(nisba_forms("روسي").len(), 16);
    }
}
