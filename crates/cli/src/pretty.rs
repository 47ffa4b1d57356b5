//! A terminal rendering of an analysis: facts grouped by layer, each with its evidence.

use marsad_model::Analysis;
use std::fmt::Write;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    fn head(&self, s: &str) -> String {
        self.paint("1;36", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn key(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
}

/// Renders `a` as text; `colour` adds ANSI colours.
pub fn render(a: &Analysis, colour: bool) -> String {
    let st = Style { on: colour };
    let mut o = String::new();
    let date = a
        .reference_date
        .as_ref()
        .map_or("none".to_string(), |r| format!("{} ({})", r.date, r.origin));
    let _ = writeln!(
        o,
        "{} {} chars, {} sentences, reference date {}",
        st.head("Article"),
        a.text.chars().count(),
        a.sentences.len(),
        date
    );
    let _ = writeln!(o, "\n{} ({})", st.head("Actors"), a.actors.len());
    for x in &a.actors {
        let role = x.role.as_deref().map(|r| format!(" — {r}")).unwrap_or_default();
        let _ = writeln!(
            o,
            "  {} {}{} {}",
            st.key(&x.code),
            x.name,
            role,
            st.dim(&format!("[{} mentions; {}]", x.mentions.len(), x.rule))
        );
    }
    let _ = writeln!(o, "\n{} ({})", st.head("Entities"), a.entities.len());
    for e in &a.entities {
        let code = e.code.as_deref().unwrap_or("");
        let _ = writeln!(
            o,
            "  {:<4} {} {} {}",
            e.kind.as_str(),
            e.text,
            st.key(code),
            st.dim(&format!("@{}-{}", e.start, e.end))
        );
    }
    let _ = writeln!(o, "\n{} ({})", st.head("Quotes"), a.quotes.len());
    for q in &a.quotes {
        let who = q.speaker.text.as_deref().unwrap_or("?");
        let _ = writeln!(o, "  {} {}: «{}»", st.dim(&q.kind), st.key(who), q.text);
    }
    let _ = writeln!(o, "\n{} ({})", st.head("Sources"), a.sources.len());
    for s in &a.sources {
        let _ = writeln!(o, "  {} {}", s.text, st.dim(&s.kind));
    }
    let _ = writeln!(o, "\n{} ({})", st.head("Time"), a.timex.len());
    for t in &a.timex {
        let v = t.value.as_deref().unwrap_or("?");
        let h = t.hijri.as_deref().map(|h| format!(" (هـ {h})")).unwrap_or_default();
        let _ = writeln!(o, "  {} → {}{} {}", t.text, st.key(v), h, st.dim(&t.kind));
    }
    let _ = writeln!(o, "\n{} ({})", st.head("Events"), a.events.len());
    for e in &a.events {
        let side = |x: &Option<marsad_model::EventActor>| {
            x.as_ref().map_or("—".to_string(), |x| x.code.clone())
        };
        let _ = writeln!(
            o,
            "  {} {} {} → {}  {}  «{}» {}",
            st.key(&e.plover),
            e.cameo,
            side(&e.source),
            side(&e.target),
            e.date.as_deref().unwrap_or(""),
            e.evidence.trigger.text,
            st.dim(&e.pattern)
        );
    }
    if !a.diagnostics.is_empty() {
        let _ = writeln!(o, "\n{}", st.head("Diagnostics"));
        for d in &a.diagnostics {
            let _ = writeln!(o, "  {} {} {}", d.level, d.code, d.message);
        }
    }
    o
}
