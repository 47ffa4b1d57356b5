//! The scoring rules of `formats.md`, layer by layer.

use crate::gold::GoldDocument;
use crate::matching::max_matching;
use marsad_model::{Analysis, code_country};
use serde::Serialize;
use std::collections::BTreeSet;

/// The layers, in report order.
pub const LAYERS: [&str; 8] = [
    "entities",
    "entities_relaxed",
    "quotes",
    "attribution",
    "sources",
    "timex",
    "events",
    "events_cameo",
];

/// Counts and figures of one layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LayerScore {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// Number of predictions.
    pub pred: usize,
    /// Number of gold items.
    pub gold: usize,
    /// True positives (matched pairs).
    pub tp: usize,
}

impl LayerScore {
    /// Figures from counts. An empty prediction set has precision 1 only when the gold set is
    /// empty too; an empty gold set has recall 1.
    pub fn from_counts(tp: usize, pred: usize, gold: usize) -> Self {
        let p = if pred == 0 { if gold == 0 { 1.0 } else { 0.0 } } else { tp as f64 / pred as f64 };
        let r = if gold == 0 { 1.0 } else { tp as f64 / gold as f64 };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        LayerScore { p, r, f1, pred, gold, tp }
    }

    /// Adds counts (micro-averaging) and recomputes the figures.
    pub fn add(&mut self, other: &LayerScore) {
        *self = LayerScore::from_counts(
            self.tp + other.tp,
            self.pred + other.pred,
            self.gold + other.gold,
        );
    }
}

/// A prediction without a gold partner or a gold item without a prediction, for reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    /// The layer.
    pub layer: &'static str,
    /// `missed` (gold not found) or `spurious` (prediction without gold).
    pub kind: &'static str,
    /// A one-line description.
    pub what: String,
}

/// Scores of one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentScore {
    /// Document id.
    pub id: String,
    /// Scores by layer, in [`LAYERS`] order.
    pub layers: Vec<(&'static str, LayerScore)>,
    /// What was missed or spurious.
    pub mismatches: Vec<Mismatch>,
}

/// Scores of a whole gold file, micro-averaged.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Totals by layer, in [`LAYERS`] order.
    pub totals: Vec<(&'static str, LayerScore)>,
    /// Per-document scores.
    pub documents: Vec<DocumentScore>,
}

impl Report {
    /// Adds a document.
    pub fn push(&mut self, doc: DocumentScore) {
        if self.totals.is_empty() {
            self.totals = LAYERS.iter().map(|&l| (l, LayerScore::from_counts(0, 0, 0))).collect();
        }
        for ((_, t), (_, s)) in self.totals.iter_mut().zip(&doc.layers) {
            t.add(s);
        }
        self.documents.push(doc);
    }

    /// The total of one layer.
    pub fn layer(&self, name: &str) -> LayerScore {
        self.totals.iter().find(|(l, _)| *l == name).map(|(_, s)| *s).unwrap_or_default()
    }

    /// The `--json` form: `{layer: {p, r, f1, pred, gold}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for (l, s) in &self.totals {
            m.insert(
                (*l).to_string(),
                serde_json::json!({"p": s.p, "r": s.r, "f1": s.f1, "pred": s.pred, "gold": s.gold}),
            );
        }
        serde_json::Value::Object(m)
    }
}

/// The comparison form of `formats.md`: diacritics and tatweel stripped, `أ إ آ ٱ` → `ا`,
/// `ى` → `ي`, `ة` → `ه`, surrounding white space trimmed.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| !marsad_text::chars::is_diacritic(c) && c != marsad_text::chars::TATWEEL)
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

fn snippet(text: &str, start: usize, end: usize) -> String {
    let s: String = text.chars().skip(start).take(end.saturating_sub(start).min(60)).collect();
    if end - start > 60 { format!("{s}…") } else { s }
}

struct Layer<'a> {
    name: &'static str,
    out: &'a mut DocumentScore,
}

impl Layer<'_> {
    fn record(
        self,
        n_pred: usize,
        n_gold: usize,
        pairs: &[(usize, usize)],
        pred_desc: impl Fn(usize) -> String,
        gold_desc: impl Fn(usize) -> String,
    ) {
        let matched_p: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
        let matched_g: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
        for i in (0..n_pred).filter(|i| !matched_p.contains(i)) {
            self.out.mismatches.push(Mismatch {
                layer: self.name,
                kind: "spurious",
                what: pred_desc(i),
            });
        }
        for j in (0..n_gold).filter(|j| !matched_g.contains(j)) {
            self.out.mismatches.push(Mismatch {
                layer: self.name,
                kind: "missed",
                what: gold_desc(j),
            });
        }
        self.out.layers.push((self.name, LayerScore::from_counts(pairs.len(), n_pred, n_gold)));
    }
}

/// Scores one analysis against one gold document.
pub fn score_document(gold: &GoldDocument, pred: &Analysis) -> DocumentScore {
    let text = gold.text();
    let mut out = DocumentScore { id: gold.id.clone(), ..Default::default() };

    // Entities: only when the gold annotates them.
    let gold_ents = gold.entities.as_deref().unwrap_or(&[]);
    let has_ents = gold.entities.is_some();
    let pe: Vec<_> = if has_ents { pred.entities.iter().collect() } else { Vec::new() };
    let strict = max_matching(pe.len(), gold_ents.len(), |i, j| {
        pe[i].kind.as_str() == gold_ents[j].kind
            && pe[i].start == gold_ents[j].start
            && pe[i].end == gold_ents[j].end
    });
    let pdesc =
        |i: usize| format!("{} {}@{}-{}", pe[i].kind.as_str(), pe[i].text, pe[i].start, pe[i].end);
    let gdesc = |j: usize| {
        let g = &gold_ents[j];
        format!("{} {}@{}-{}", g.kind, snippet(text, g.start, g.end), g.start, g.end)
    };
    Layer { name: "entities", out: &mut out }.record(
        pe.len(),
        gold_ents.len(),
        &strict,
        pdesc,
        gdesc,
    );
    let relaxed = max_matching(pe.len(), gold_ents.len(), |i, j| {
        pe[i].kind.as_str() == gold_ents[j].kind
            && overlap((pe[i].start, pe[i].end), (gold_ents[j].start, gold_ents[j].end)) > 0
    });
    Layer { name: "entities_relaxed", out: &mut out }.record(
        pe.len(),
        gold_ents.len(),
        &relaxed,
        pdesc,
        gdesc,
    );

    // Quotes and attribution.
    let gq = &gold.quotes;
    let pq = &pred.quotes;
    let quote_overlaps = |i: usize, j: usize| {
        let (a, b) = ((pq[i].start, pq[i].end), (gq[j].start, gq[j].end));
        let shorter = (a.1 - a.0).min(b.1 - b.0);
        let o = overlap(a, b);
        o > 0 && 2 * o >= shorter
    };
    let qpairs = max_matching(pq.len(), gq.len(), quote_overlaps);
    let qp = |i: usize| {
        format!(
            "{} «{}» by {:?}",
            pq[i].kind,
            snippet(text, pq[i].start, pq[i].end),
            pq[i].speaker.text
        )
    };
    let qg = |j: usize| {
        format!(
            "{} «{}» by {}",
            gq[j].kind.as_deref().unwrap_or("?"),
            snippet(text, gq[j].start, gq[j].end),
            gq[j].speaker.as_deref().unwrap_or("?")
        )
    };
    Layer { name: "quotes", out: &mut out }.record(pq.len(), gq.len(), &qpairs, qp, qg);
    let speaker_ok = |i: usize, j: usize| {
        let (Some(said), Some(who)) = (pq[i].speaker.text.as_deref(), gq[j].speaker.as_deref())
        else {
            return false;
        };
        let said = fold(said);
        if said.is_empty() {
            return false;
        }
        gold.mention_texts(who).iter().any(|m| {
            let m = fold(m);
            !m.is_empty() && (m.contains(&said) || said.contains(&m))
        })
    };
    let apairs = max_matching(pq.len(), gq.len(), |i, j| quote_overlaps(i, j) && speaker_ok(i, j));
    Layer { name: "attribution", out: &mut out }.record(pq.len(), gq.len(), &apairs, qp, qg);

    // Sources.
    let gs = &gold.sources;
    let ps = &pred.sources;
    let spairs = max_matching(ps.len(), gs.len(), |i, j| {
        overlap((ps[i].start, ps[i].end), (gs[j].start, gs[j].end)) > 0
    });
    Layer { name: "sources", out: &mut out }.record(
        ps.len(),
        gs.len(),
        &spairs,
        |i| format!("{}@{}", ps[i].text, ps[i].start),
        |j| format!("{}@{}", gs[j].text, gs[j].start),
    );

    // Time expressions: durations and unresolved values are not scored.
    let scored = |v: Option<&str>| v.is_some_and(|v| !v.starts_with('P'));
    let gt: Vec<_> = gold.timex.iter().filter(|t| scored(t.value.as_deref())).collect();
    let pt: Vec<_> = pred.timex.iter().filter(|t| scored(t.value.as_deref())).collect();
    let tpairs = max_matching(pt.len(), gt.len(), |i, j| {
        overlap((pt[i].start, pt[i].end), (gt[j].start, gt[j].end)) > 0
            && pt[i].value == gt[j].value
    });
    Layer { name: "timex", out: &mut out }.record(
        pt.len(),
        gt.len(),
        &tpairs,
        |i| format!("{}={}@{}", pt[i].text, pt[i].value.as_deref().unwrap_or("-"), pt[i].start),
        |j| format!("{}={}@{}", gt[j].text, gt[j].value.as_deref().unwrap_or("-"), gt[j].start),
    );

    // Events: distinct (type, source country, target country) tuples.
    let ge = &gold.events;
    let country = |a: &Option<marsad_model::EventActor>| {
        a.as_ref().and_then(|x| code_country(&x.code)).map(str::to_string)
    };
    let side_ok = |g: &Option<String>, p: &Option<String>| g.is_none() || g == p;
    let tuple_ok = |g: &crate::GoldEvent, src: &Option<String>, tgt: &Option<String>| {
        (side_ok(&g.source, src) && side_ok(&g.target, tgt))
            || (g.symmetric && side_ok(&g.source, tgt) && side_ok(&g.target, src))
    };
    for (name, cameo) in [("events", false), ("events_cameo", true)] {
        let tuples: BTreeSet<(String, Option<String>, Option<String>)> = pred
            .events
            .iter()
            .map(|e| {
                let kind = if cameo { e.cameo.chars().take(2).collect() } else { e.plover.clone() };
                (kind, country(&e.source), country(&e.target))
            })
            .collect();
        let tuples: Vec<_> = tuples.into_iter().collect();
        let pairs = max_matching(tuples.len(), ge.len(), |i, j| {
            let (k, s, t) = &tuples[i];
            let list = if cameo { &ge[j].cameo_root } else { &ge[j].plover };
            list.contains(k) && tuple_ok(&ge[j], s, t)
        });
        Layer { name, out: &mut out }.record(
            tuples.len(),
            ge.len(),
            &pairs,
            |i| {
                let (k, s, t) = &tuples[i];
                format!("{k} {}→{}", s.as_deref().unwrap_or("null"), t.as_deref().unwrap_or("null"))
            },
            |j| {
                let g = &ge[j];
                let list = if cameo { &g.cameo_root } else { &g.plover };
                format!(
                    "{} {}{}{} «{}»",
                    list.join("/"),
                    g.source.as_deref().unwrap_or("null"),
                    if g.symmetric { "↔" } else { "→" },
                    g.target.as_deref().unwrap_or("null"),
                    g.evidence.as_ref().map(|e| snippet(text, e.start, e.end)).unwrap_or_default()
                )
            },
        );
    }
    out
}
