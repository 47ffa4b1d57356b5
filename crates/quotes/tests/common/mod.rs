//! Scoring of quotes, attribution and sources against a `gold/1` file, following the
//! rules of the project's format contract: a quote matches when the spans overlap by at least
//! half of the shorter one; attribution also needs the speaker text to equal, contain or be
//! contained in a mention text of the gold speaker; a source matches on any overlap. Pairs are
//! one-to-one (maximum bipartite matching).

#![allow(dead_code)]

use marsad_entities::EntityRecognizer;
use marsad_lexicon::Lexicon;
use marsad_quotes::{QuoteExtractor, QuoteLayer};
use marsad_text::TextDoc;
use serde_json::Value;
use std::sync::Arc;

/// Counts of one layer.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    pub fn f1(&self) -> f64 {
        let p = if self.pred == 0 {
            if self.gold == 0 { 1.0 } else { 0.0 }
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 { 1.0 } else { self.tp as f64 / self.gold as f64 };
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// Scores of one document.
#[derive(Debug, Default)]
pub struct DocScore {
    pub id: String,
    pub quotes: Counts,
    pub attribution: Counts,
    pub sources: Counts,
    pub report: Vec<String>,
}

pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Maximum bipartite matching (augmenting paths).
fn matching(np: usize, ng: usize, ok: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let adj: Vec<Vec<usize>> = (0..np).map(|i| (0..ng).filter(|&j| ok(i, j)).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; ng];
    fn aug(i: usize, adj: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for &j in &adj[i] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|k| aug(k, adj, seen, owner)) {
                owner[j] = Some(i);
                return true;
            }
        }
        false
    }
    for i in 0..np {
        let mut seen = vec![false; ng];
        aug(i, &adj, &mut seen, &mut owner);
    }
    owner.iter().enumerate().filter_map(|(j, o)| o.map(|i| (i, j))).collect()
}

fn span(v: &Value) -> (usize, usize) {
    (v["start"].as_u64().unwrap_or(0) as usize, v["end"].as_u64().unwrap_or(0) as usize)
}

/// Scores one gold document against the extractor's output for it.
pub fn score(doc: &Value, text: &str, layer: &QuoteLayer) -> DocScore {
    let id = doc["id"].as_str().unwrap_or("?").to_string();
    let empty = Vec::new();
    let gq = doc["quotes"].as_array().unwrap_or(&empty);
    let gs = doc["sources"].as_array().unwrap_or(&empty);
    let pq = &layer.quotes;
    let snippet = |a: usize, b: usize| -> String {
        let s: String = text.chars().skip(a).take(b.saturating_sub(a)).collect();
        s.chars().take(60).collect()
    };
    let qok = |i: usize, j: usize| {
        let (a, b) = ((pq[i].start, pq[i].end), span(&gq[j]));
        let shorter = (a.1 - a.0).min(b.1 - b.0);
        let o = overlap(a, b);
        o > 0 && 2 * o >= shorter
    };
    let mentions = |who: &str| -> Vec<String> {
        let mut m: Vec<String> = Vec::new();
        for e in doc["entities"].as_array().unwrap_or(&empty) {
            if e["ref"].as_str() == Some(who) {
                m.push(e["text"].as_str().unwrap_or("").to_string());
            }
        }
        for n in doc["actors"][who]["names"].as_array().unwrap_or(&empty) {
            m.push(n.as_str().unwrap_or("").to_string());
        }
        m
    };
    let sok = |i: usize, j: usize| {
        let (Some(said), Some(who)) = (pq[i].speaker.text.as_deref(), gq[j]["speaker"].as_str())
        else {
            return false;
        };
        let said = fold(said);
        !said.is_empty()
            && mentions(who).iter().any(|m| {
                let m = fold(m);
                !m.is_empty() && (m.contains(&said) || said.contains(&m))
            })
    };
    let qp = matching(pq.len(), gq.len(), qok);
    let ap = matching(pq.len(), gq.len(), |i, j| qok(i, j) && sok(i, j));
    let ps = &layer.sources;
    let sp =
        matching(ps.len(), gs.len(), |i, j| overlap((ps[i].start, ps[i].end), span(&gs[j])) > 0);
    let mut report = Vec::new();
    for (i, q) in pq.iter().enumerate() {
        let mark = if !qp.iter().any(|p| p.0 == i) {
            "SPURIOUS"
        } else if !ap.iter().any(|p| p.0 == i) {
            "BADSPK"
        } else {
            "ok"
        };
        report.push(format!(
            "{mark:8} Q {} «{}» by {:?} [{}]",
            q.kind,
            snippet(q.start, q.end),
            q.speaker.text,
            q.rule
        ));
    }
    for (j, g) in gq.iter().enumerate() {
        if !qp.iter().any(|p| p.1 == j) {
            let (a, b) = span(g);
            report.push(format!(
                "MISSED   Q {} «{}» by {}",
                g["kind"].as_str().unwrap_or("?"),
                snippet(a, b),
                g["speaker"].as_str().unwrap_or("?")
            ));
        }
    }
    for (i, s) in ps.iter().enumerate() {
        let mark = if sp.iter().any(|p| p.0 == i) { "ok" } else { "SPURIOUS" };
        report.push(format!("{mark:8} S {} ({}) [{}]", s.text, s.kind, s.rule));
    }
    for (j, g) in gs.iter().enumerate() {
        if !sp.iter().any(|p| p.1 == j) {
            report.push(format!("MISSED   S {}", g["text"].as_str().unwrap_or("")));
        }
    }
    DocScore {
        id,
        quotes: Counts { tp: qp.len(), pred: pq.len(), gold: gq.len() },
        attribution: Counts { tp: ap.len(), pred: pq.len(), gold: gq.len() },
        sources: Counts { tp: sp.len(), pred: ps.len(), gold: gs.len() },
        report,
    }
}

/// Loads the embedded knowledge once per test binary.
pub fn extractors() -> (EntityRecognizer, QuoteExtractor) {
    let lex = match Lexicon::embedded() {
        Ok(l) => Arc::new(l),
        Err(e) => panic!("knowledge must load: {e}"),
    };
    (EntityRecognizer::new(lex.clone()), QuoteExtractor::new(lex))
}

/// Runs entities and quotes on `text`.
pub fn analyse(ents: &EntityRecognizer, quotes: &QuoteExtractor, text: &str) -> QuoteLayer {
    let doc = TextDoc::new(text);
    let layer = ents.recognize(&doc);
    quotes.extract(&doc, &layer)
}

/// Scores every document of a gold file whose texts are inline or relative to `base`.
pub fn score_file(path: &std::path::Path) -> Vec<DocScore> {
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let gold: Value = match serde_json::from_str(&raw) {
        Ok(v) => v,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let (ents, quotes) = extractors();
    let base = path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let mut out = Vec::new();
    for doc in gold["documents"].as_array().unwrap_or(&Vec::new()) {
        let text = match doc["text"].as_str() {
            Some(t) => t.to_string(),
            None => {
                let p = base.join(doc["text_path"].as_str().unwrap_or(""));
                std::fs::read_to_string(&p).unwrap_or_default()
            }
        };
        let layer = analyse(&ents, &quotes, &text);
        out.push(score(doc, &text, &layer));
    }
    out
}

/// Sums the counts of all documents.
pub fn totals(scores: &[DocScore]) -> (Counts, Counts, Counts) {
    let (mut q, mut a, mut s) = (Counts::default(), Counts::default(), Counts::default());
    for d in scores {
        q.add(d.quotes);
        a.add(d.attribution);
        s.add(d.sources);
    }
    (q, a, s)
}
