//! Pairing quotation marks.
//!
//! Arabic news uses `« »`, `“ ”`, straight `" "` and occasionally `‘ ’` or straight `' '`.
//! Distinct opening and closing marks pair directly (a `”` that stands before a word after
//! white space or a proclitic opens, as some sites use it both ways, and a double prime `″`
//! closes); a straight mark has to be read from its
//! context: it opens when it stands before a word and after white space, punctuation or a
//! one-letter proclitic (`و"إدارة`), it closes when it stands after a word and before white
//! space or punctuation, and anything else is ambiguous and toggles. A straight quotation
//! never crosses a line break. Every quotation is capped in length so that an unbalanced
//! mark or a 10,000-word quotation costs a bounded amount of work; a quotation that never
//! closes runs to the end of its line (and at most to the cap).

use marsad_text::{TextDoc, TokenKind};

/// Longest quotation content accepted, in bytes (about 6,000 Arabic letters).
pub(crate) const MAX_QUOTE_BYTES: usize = 12_000;
/// Longest straight single-quoted content, in bytes.
const MAX_SINGLE_BYTES: usize = 600;

/// One quotation: its marks (token indices) and its content (bytes of the original text).
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark; `None` when the quotation never closes.
    pub close: Option<usize>,
    /// Content, trimmed of white space (bytes).
    pub content: std::ops::Range<usize>,
    /// First and one-past-last token of the content.
    pub tokens: std::ops::Range<usize>,
    /// Number of word and number tokens in the content.
    pub words: usize,
}

impl Mark {
    /// The token after the quotation (after the closing mark, or after the content).
    pub fn after(&self) -> usize {
        self.close.map_or(self.tokens.end, |c| c + 1)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Angle,
    Curly,
    Straight,
    Single,
}

fn family(c: char) -> Option<(Family, Option<bool>)> {
    // (family, Some(true) = opening, Some(false) = closing, None = decided by context)
    match c {
        '«' | '‹' => Some((Family::Angle, Some(true))),
        '»' | '›' => Some((Family::Angle, Some(false))),
        '“' => Some((Family::Curly, Some(true))),
        '”' | '″' => Some((Family::Curly, Some(false))),
        '"' | '＂' => Some((Family::Straight, None)),
        '‘' => Some((Family::Single, Some(true))),
        '’' => Some((Family::Single, Some(false))),
        '\'' => Some((Family::Single, None)),
        _ => None,
    }
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric()
}

/// Finds every quotation of `doc`, sorted by opening token, none nested in another.
pub(crate) fn find_quotes(doc: &TextDoc) -> Vec<Mark> {
    let text = doc.text.as_str();
    let mut marks: Vec<Mark> = Vec::new();
    // The quotation-mark tokens with their family, found in one walk over the tokens; each
    // family is then paired on its own, in text order.
    let candidates: Vec<(usize, char, Family, Option<bool>)> = doc
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, tok)| tok.kind == TokenKind::Punct)
        .filter_map(|(t, tok)| {
            let c = text[tok.start..tok.end].chars().next()?;
            let (f, dir) = family(c)?;
            Some((t, c, f, dir))
        })
        .collect();
    for fam in [Family::Angle, Family::Curly, Family::Straight, Family::Single] {
        let mut open: Option<usize> = None;
        for &(t, c, f, dir) in &candidates {
            if f != fam {
                continue;
            }
            let tok = &doc.tokens[t];
            let prev = text[..tok.start].chars().next_back();
            let next = text[tok.end..].chars().next();
            // A pending opener that crossed a line break (straight marks) or the cap is
            // closed as unclosed before this mark is considered.
            if let Some(o) = open {
                let gap = &text[doc.tokens[o].end..tok.start];
                let crossed_line =
                    matches!(fam, Family::Straight | Family::Single) && gap.contains('\n');
                let cap = if fam == Family::Single { MAX_SINGLE_BYTES } else { MAX_QUOTE_BYTES };
                if crossed_line || gap.len() > cap {
                    push_unclosed(doc, o, &mut marks);
                    open = None;
                }
            }
            let opening = match dir {
                // `ب”الهجوم ...”`: a closing curly mark used as an opener, before a word and
                // after white space or a proclitic.
                Some(false)
                    if c == '”'
                        && next.is_some_and(is_letter)
                        && (prev.is_none_or(|p| !is_letter(p))
                            || is_proclitic_before(text, tok.start)) =>
                {
                    Some(true)
                }
                // `«إن الحكومة ... «.`: an opening mark that a pending quotation meets
                // right before punctuation or a line end stands for its closing mark.
                Some(true) if open.is_some() && closes_before(text, tok.end) => Some(false),
                Some(d) => Some(d),
                None => {
                    let before_ok =
                        prev.is_none_or(|p| !is_letter(p)) || is_proclitic_before(text, tok.start);
                    let after_word = next.is_some_and(is_letter);
                    let after_ok = next.is_none_or(|n| !is_letter(n));
                    let prev_word = prev.is_some_and(|p| is_letter(p) || ".!?؟…".contains(p));
                    if before_ok && after_word {
                        Some(true)
                    } else if prev_word && after_ok {
                        Some(false)
                    } else if fam == Family::Single {
                        // An apostrophe inside a word (it's, Qur'an) is not a quotation mark.
                        continue;
                    } else {
                        None
                    }
                }
            };
            match (opening, open) {
                (Some(true), Some(o)) if dir.is_some() => {
                    // A second opening mark before any close: the first never closed.
                    push_unclosed(doc, o, &mut marks);
                    open = Some(t);
                }
                (Some(true), Some(_)) => {
                    // A straight mark that reads as opening while one is open: the earlier
                    // one was a stray mark; start again here.
                    open = Some(t);
                }
                (Some(true), None) | (None, None) => open = Some(t),
                (Some(false), None) => {}
                (Some(false), Some(o)) | (None, Some(o)) => {
                    push_closed(doc, o, t, &mut marks);
                    open = None;
                }
            }
        }
        if let Some(o) = open {
            push_unclosed(doc, o, &mut marks);
        }
    }
    marks.sort_by_key(|m| (m.open, std::cmp::Reverse(m.after())));
    // Drop quotations nested in an earlier one and cut unclosed ones at the next quotation.
    let mut out: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        if let Some(last) = out.last_mut()
            && m.open < last.after()
        {
            if last.close.is_none() {
                // An unclosed quotation ends where the next one starts.
                truncate(doc, last, m.open);
            } else {
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// True when only punctuation that ends a clause, a line break or the end of the text follows
/// byte `pos` (after spaces): a mark there cannot open a quotation.
fn closes_before(text: &str, pos: usize) -> bool {
    let rest = text[pos..].trim_start_matches([' ', '\t', '\u{a0}']);
    rest.chars().next().is_none_or(|c| ".,،؛;:!?؟\n\r".contains(c))
}

/// True when the mark at byte `pos` follows a one-letter proclitic at the start of a word
/// (`و"`, `ب«`).
fn is_proclitic_before(text: &str, pos: usize) -> bool {
    let mut it = text[..pos].chars().rev();
    let Some(c) = it.next() else { return false };
    if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
        return false;
    }
    it.next().is_none_or(|p| !is_letter(p))
}

fn trimmed(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let s = text.get(start..end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return start..start;
    }
    start + lead..end - trail
}

fn count_words(doc: &TextDoc, tokens: &std::ops::Range<usize>) -> usize {
    doc.tokens[tokens.clone()].iter().filter(|t| t.kind != TokenKind::Punct).count()
}

fn push_closed(doc: &TextDoc, open: usize, close: usize, out: &mut Vec<Mark>) {
    let content = trimmed(&doc.text, doc.tokens[open].end, doc.tokens[close].start);
    let tokens = open + 1..close;
    let words = count_words(doc, &tokens);
    out.push(Mark { open, close: Some(close), content, tokens, words });
}

fn push_unclosed(doc: &TextDoc, open: usize, out: &mut Vec<Mark>) {
    let text = doc.text.as_str();
    let start = doc.tokens[open].end;
    let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if end - start > MAX_QUOTE_BYTES {
        end = start + MAX_QUOTE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    let content = trimmed(text, start, end);
    let last = doc.tokens.partition_point(|t| t.end <= content.end);
    let tokens = open + 1..last.max(open + 1);
    let words = count_words(doc, &tokens);
    out.push(Mark { open, close: None, content, tokens, words });
}

fn truncate(doc: &TextDoc, m: &mut Mark, before_token: usize) {
    let end = doc.tokens[before_token].start.max(m.content.start);
    m.content = trimmed(&doc.text, m.content.start, end.min(m.content.end));
    m.tokens = m.tokens.start..before_token.max(m.tokens.start).min(m.tokens.end);
    m.words = count_words(doc, &m.tokens);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(t: &str) -> Vec<String> {
        let doc = TextDoc::new(t);
        find_quotes(&doc).iter().map(|m| t[m.content.clone()].to_string()).collect()
    }

    #[test]
    fn pairs_each_family() {
        assert_eq!(quotes("قال «نعم هنا» ثم “لا” و\"ربما\""), ["نعم هنا", "لا", "ربما"]);
    }

    #[test]
    fn straight_marks_read_from_context() {
        let t =
            "لفرض \"منطقة حظر\" في سوريا \" اخذت في الاعتبار \"الى حد ما\". واضاف \"اذا لم نرسل\".";
        assert_eq!(quotes(t), ["منطقة حظر", "الى حد ما", "اذا لم نرسل"]);
        assert_eq!(quotes("تؤدي الى\"تغيير التوازن\" قي سوريا"), ["تغيير التوازن"]);
    }

    #[test]
    fn closing_curly_mark_may_open() {
        assert_eq!(quotes("ونددت البعثة ب”الهجوم الإرهابي” أمس"), ["الهجوم الإرهابي"]);
        assert_eq!(quotes("قال ”لن نتراجع” ثم “نعم”"), ["لن نتراجع", "نعم"]);
        // A double prime closes a curly quotation on some sites.
        assert_eq!(quotes("لصحيفة “اميريتس 24-7″ إن"), ["اميريتس 24-7"]);
    }

    #[test]
    fn opening_mark_before_punctuation_closes() {
        assert_eq!(
            quotes("وقال: «إن الحكومة لن تتراجع «. وأضاف «نعم»"),
            ["إن الحكومة لن تتراجع", "نعم"]
        );
    }

    #[test]
    fn unclosed_runs_to_line_end() {
        assert_eq!(quotes("قال «لن نتراجع أبدا\nسطر آخر"), ["لن نتراجع أبدا"]);
        assert_eq!(quotes("قال \"لن نتراجع\nثم \"نعم\""), ["لن نتراجع", "نعم"]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(quotes("قال «هذا \"مهم\" جدا»"), ["هذا \"مهم\" جدا"]);
    }
}
