//! Main-content and metadata extraction from news pages.
//!
//! A saved news page is mostly furniture: menus, share bars (`مشاركة`), "read also" lists,
//! comments, cookie banners, ads. The extractor keeps the article body with a
//! readability-style method written for this project, deliberately simple and explainable:
//!
//! 1. Furniture is removed by tag (`nav`, `aside`, `footer`, `form`, `script`, ...), by
//!    ARIA role, by hidden state, and by class/id words (`share`, `related`, `comment`,
//!    `cookie`, `advert`, ...).
//! 2. The remaining text is cut into blocks at block-level elements and `<br>`.
//! 3. Every substantial block (enough letters, few links) scores its enclosing element and
//!    that element's parent (comma count, length); elements named like article bodies get
//!    a bonus. The best-scoring element, corrected by its link density, is the article;
//!    sibling elements that score well are added (articles split around an ad).
//! 4. Within it, link lists and short furniture lines (`اقرأ أيضا`, `تابعونا`) are dropped.
//!
//! Metadata comes from JSON-LD (`NewsArticle` and its relatives, including `@graph` and
//! `@id` references), OpenGraph and `<meta>` tags, `itemprop`, `<time>`, and byline or
//! date elements, in that order of trust. If no body is found, JSON-LD `articleBody` is
//! used.
//!
//! Robustness: html5ever's tree builder is iterative, but some of its scope checks walk the
//! stack of open elements, which makes pathological nesting quadratic. Pages nested deeper
//! than [`MAX_DEPTH`] are first flattened by [`cap_depth`] (tags beyond that depth are
//! dropped, their text kept). Every walk over the tree here is iterative.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use marsad_model::{DocMeta, Document};
use scraper::{Html, Node};
use serde_json::Value;

/// Nesting depth beyond which tags are dropped before parsing.
pub const MAX_DEPTH: usize = 400;

/// What was extracted from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Headline.
    pub title: Option<String>,
    /// Article body: one paragraph per line.
    pub body: String,
    /// Byline.
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language tag.
    pub language: Option<String>,
}

impl Page {
    /// The page as a document; with `headline`, the title is the first line of the text.
    pub fn into_document(self, headline: bool) -> Document {
        let text = match (&self.title, headline) {
            (Some(t), true) if !self.body.is_empty() && !self.body.starts_with(t.as_str()) => {
                format!("{t}\n\n{}", self.body)
            }
            _ => self.body,
        };
        Document {
            id: self.url.clone(),
            text,
            meta: DocMeta {
                url: self.url,
                outlet: self.outlet,
                title: self.title,
                author: self.author,
                published: self.published,
                language: self.language,
                source: None,
            },
        }
    }
}

/// Extracts the article and its metadata from an HTML page. `url` is where the page was
/// fetched from, used when the page names no canonical URL.
pub fn extract(html: &str, url: Option<&str>) -> Page {
    let guarded = cap_depth(html, MAX_DEPTH);
    let doc = Html::parse_document(&guarded);
    let mut page = metadata(&doc);
    if page.url.is_none() {
        page.url = url.map(str::to_string);
    }
    let ld_body = page_ld_body(&doc);
    let (mut body, dateline) = main_text(&doc);
    // A visible dateline ("name | 2024-05-20") fills what the metadata left empty.
    if let Some(line) = dateline {
        if page.published.is_none() {
            page.published = crate::date::find(&line);
        }
        if page.author.is_none() {
            page.author = byline_name(&line).filter(|a| Some(a) != page.outlet.as_ref());
        }
    }
    if body.chars().count() < 200
        && let Some(ld) = ld_body
        && ld.chars().count() > body.chars().count()
    {
        body = ld;
    }
    page.body = body;
    page
}

// ---------------------------------------------------------------------------------------
// Depth guard.

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag is optional: they close implicitly, so they are not counted.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "rb", "rt", "rtc", "rp", "caption", "html", "head", "body",
];
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Drops tags nested deeper than `max` (their text is kept). Pages within the limit are
/// returned unchanged without copying.
pub fn cap_depth(html: &str, max: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut last = 0usize;
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| lt + e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let counted = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
        let mut drop_tag = false;
        if closing {
            if counted {
                drop_tag = depth > max;
                depth = depth.saturating_sub(1);
            }
        } else if counted && !self_closing {
            depth += 1;
            drop_tag = depth > max;
        }
        if drop_tag {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[last..lt]);
            o.push(' ');
            last = end;
        }
        i = end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            // Skip the element's content up to its end tag, which is handled normally.
            let close = format!("</{name}");
            let hay = &bytes[end..];
            i = find_ascii_ci(hay, close.as_bytes()).map_or(bytes.len(), |p| end + p);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[last..]);
            Cow::Owned(o)
        }
    }
}

/// Index just past the `>` closing a tag whose name ends at `from`, honouring quotes.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = 0u8;
    let mut j = from;
    while j < bytes.len() {
        let b = bytes[j];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            return j + 1;
        }
        j += 1;
    }
    bytes.len()
}

fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut from = 0;
    while let Some(p) =
        memchr::memchr2(first.to_ascii_lowercase(), first.to_ascii_uppercase(), &hay[from..])
    {
        let at = from + p;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

// ---------------------------------------------------------------------------------------
// Metadata.

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNews",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Report",
    "LiveBlogPosting",
];

/// Longest text read from one element for metadata (titles, bylines, dates). The cap keeps
/// the metadata scan linear: nested elements with byline-like classes would otherwise each
/// read their whole subtree.
const META_TEXT_CAP: usize = 2048;

/// Concatenated text of a node's descendants (iterative), at most about
/// [`META_TEXT_CAP`] bytes.
fn node_text(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            if s.len() > META_TEXT_CAP {
                break;
            }
        }
    }
    collapse(&s)
}

/// Collapses runs of whitespace (including no-break spaces) to one space and trims.
/// Directional marks and embeddings (`U+200E/F`, `U+202A–E`, `U+2066–9`) and byte-order
/// marks are dropped: Arabic pages sprinkle them around numbers and Latin words, where they
/// are invisible but split words for every later matching step.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        {
            continue;
        }
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| collapse(&s)).filter(|s| !s.is_empty())
}

#[derive(Default)]
struct Found {
    title_tag: Option<String>,
    h1: Option<String>,
    metas: HashMap<String, String>,
    ld: Vec<String>,
    canonical: Option<String>,
    lang: Option<String>,
    time: Option<String>,
    byline: Option<String>,
    date_text: Option<String>,
}

fn metadata(doc: &Html) -> Page {
    let mut f = Found::default();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else { continue };
        let name = el.name();
        match name {
            "title" if f.title_tag.is_none() => f.title_tag = non_empty(Some(node_text(node))),
            "h1" if f.h1.is_none() => f.h1 = non_empty(Some(node_text(node))),
            "meta" => {
                let key = el
                    .attr("property")
                    .or(el.attr("name"))
                    .or(el.attr("itemprop"))
                    .or(el.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    f.metas
                        .entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| v.trim().to_string());
                }
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                f.ld.push(node_text_raw(node));
            }
            "link"
                if f.canonical.is_none()
                    && el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                f.canonical = el.attr("href").map(str::to_string);
            }
            "html" => f.lang = el.attr("lang").map(str::to_string),
            "time" if f.time.is_none() => {
                f.time = el
                    .attr("datetime")
                    .map(str::to_string)
                    .or_else(|| non_empty(Some(node_text(node))));
            }
            _ => {}
        }
        if let Some(prop) = el.attr("itemprop") {
            let value = || {
                el.attr("content")
                    .or(el.attr("datetime"))
                    .map(str::to_string)
                    .or_else(|| Some(node_text(node)))
            };
            match prop {
                "datePublished" => {
                    f.metas
                        .entry("itemprop:datepublished".into())
                        .or_insert_with(|| value().unwrap_or_default());
                }
                "author" => {
                    f.metas
                        .entry("itemprop:author".into())
                        .or_insert_with(|| value().unwrap_or_default());
                }
                _ => {}
            }
        }
        let class = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or(""))
            .to_ascii_lowercase();
        if f.byline.is_none()
            && (class.contains("byline") || class.contains("author"))
            && !class.contains("comment")
        {
            let t = node_text(node);
            if !t.is_empty() && t.chars().count() < 80 {
                f.byline = Some(t);
            }
        }
        if f.date_text.is_none()
            && (class.contains("date") || class.contains("time") || class.contains("publish"))
        {
            let t = node_text(node);
            if t.chars().count() < 100 && crate::date::normalize(&t).is_some() {
                f.date_text = Some(t);
            }
        }
    }
    let ld = ld_article(&f.ld);
    let meta = |k: &str| f.metas.get(k).cloned().filter(|v| !v.is_empty());
    let title = non_empty(ld.headline.clone())
        .or_else(|| non_empty(meta("og:title")))
        .or_else(|| non_empty(meta("twitter:title")))
        .or_else(|| f.h1.clone())
        .or_else(|| f.title_tag.as_deref().map(strip_site_suffix));
    let author = non_empty(ld.author.clone())
        .or_else(|| meta("author").filter(|a| !a.starts_with("http")))
        .or_else(|| meta("article:author").filter(|a| !a.starts_with("http")))
        .or_else(|| meta("itemprop:author"))
        .or_else(|| f.byline.clone().map(|b| strip_byline(&b)))
        .filter(|a| !a.is_empty());
    let date_candidates = [
        ld.published.clone(),
        meta("article:published_time"),
        meta("og:article:published_time"),
        meta("itemprop:datepublished"),
        meta("datepublished"),
        meta("pubdate"),
        meta("publishdate"),
        meta("publish-date"),
        meta("date"),
        meta("dc.date.issued"),
        meta("dc.date"),
        meta("dcterms.created"),
        meta("sailthru.date"),
        meta("parsely-pub-date"),
        f.time.clone(),
        f.date_text.clone(),
    ];
    let published = date_candidates.into_iter().flatten().find_map(|d| crate::date::normalize(&d));
    let outlet = non_empty(ld.publisher.clone())
        .or_else(|| meta("og:site_name"))
        .or_else(|| meta("application-name"));
    let url = f
        .canonical
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta("og:url"))
        .or(ld.url.clone());
    let language = ld
        .language
        .clone()
        .or_else(|| f.lang.clone())
        .or_else(|| meta("og:locale"))
        .or_else(|| meta("content-language"))
        .map(|l| l.split(['_', '-', ',']).next().unwrap_or("").trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty());
    Page { title, body: String::new(), author, published, outlet, url, language }
}

/// Raw (uncollapsed) text of a node, for script contents.
fn node_text_raw(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

/// `Headline | Site` → `Headline` (the longest part).
fn strip_site_suffix(title: &str) -> String {
    let mut best = title;
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(p) = best.split(sep).max_by_key(|p| p.chars().count()) {
            best = p;
        }
    }
    best.trim().to_string()
}

/// `بقلم: فلان — 2024-08-25` → `فلان`.
fn strip_byline(s: &str) -> String {
    let mut t = s.trim();
    if let Some(cut) = t.find(['|', '·', '\u{2014}']) {
        t = t[..cut].trim();
    }
    if let Some(cut) =
        t.find(|c: char| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c))
    {
        t = t[..cut].trim_end_matches([' ', '-', '،', ',']);
    }
    for p in ["بقلم", "كتب", "كتبت", "إعداد", "اعداد", "تحرير", "By", "by"]
    {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim_start_matches([':', '-', ' ', '\u{a0}']);
            break;
        }
    }
    t.trim().to_string()
}

#[derive(Default, Debug)]
struct LdArticle {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
    body: Option<String>,
}

fn parse_ld(raw: &str) -> Option<Value> {
    let raw = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    serde_json::from_str(raw).ok().or_else(|| {
        // Raw control characters inside strings are a common publishing error.
        let cleaned: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&cleaned).ok()
    })
}

fn has_type(obj: &serde_json::Map<String, Value>, types: &[&str]) -> bool {
    match obj.get("@type") {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    }
}

/// Finds the article object among the JSON-LD blocks, resolving `@id` references for
/// author and publisher.
fn ld_article(blocks: &[String]) -> LdArticle {
    let values: Vec<Value> = blocks.iter().filter_map(|b| parse_ld(b)).collect();
    let mut by_id: HashMap<&str, &serde_json::Map<String, Value>> = HashMap::new();
    let mut article: Option<&serde_json::Map<String, Value>> = None;
    let mut stack: Vec<&Value> = values.iter().collect();
    let mut visited = 0usize;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(id) = o.get("@id").and_then(Value::as_str) {
                    by_id.entry(id).or_insert(o);
                }
                if article.is_none() && has_type(o, ARTICLE_TYPES) {
                    article = Some(o);
                }
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                if let Some(m) = o.get("mainEntity") {
                    stack.push(m);
                }
            }
            _ => {}
        }
    }
    let Some(a) = article else { return LdArticle::default() };
    let resolve = |v: &Value| -> Option<String> {
        match v {
            Value::Object(o) if !o.contains_key("name") => o
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| by_id.get(id))
                .and_then(|o| o.get("name"))
                .and_then(crate::json::scalar_or_names),
            Value::Array(items) => {
                let names: Vec<String> = items
                    .iter()
                    .take(16)
                    .filter_map(|i| match i {
                        Value::Object(o) if !o.contains_key("name") => o
                            .get("@id")
                            .and_then(Value::as_str)
                            .and_then(|id| by_id.get(id))
                            .and_then(|o| o.get("name"))
                            .and_then(crate::json::scalar_or_names),
                        other => crate::json::scalar_or_names(other),
                    })
                    .collect();
                (!names.is_empty()).then(|| names.join("، "))
            }
            other => crate::json::scalar_or_names(other),
        }
    };
    let s = |k: &str| a.get(k).and_then(crate::json::scalar_or_names);
    LdArticle {
        headline: s("headline").or_else(|| s("name")),
        author: a.get("author").and_then(resolve),
        published: s("datePublished").or_else(|| s("dateCreated")),
        publisher: a.get("publisher").and_then(resolve),
        url: s("url").or_else(|| match a.get("mainEntityOfPage") {
            Some(Value::String(u)) => Some(u.clone()),
            Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }),
        language: s("inLanguage"),
        body: s("articleBody"),
    }
}

fn page_ld_body(doc: &Html) -> Option<String> {
    let blocks: Vec<String> = doc
        .tree
        .nodes()
        .filter(|n| {
            matches!(n.value(), Node::Element(el) if el.name() == "script"
                && el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
        })
        .map(node_text_raw)
        .collect();
    ld_article(&blocks).body
}

// ---------------------------------------------------------------------------------------
// Main content.

/// Tags whose whole subtree is furniture.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "header",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "math",
    "figure",
    "figcaption",
    "dialog",
    "menu",
    "h1",
    "head",
    "title",
    "video",
    "audio",
    "picture",
    "map",
];

/// Block-level tags: text on either side of them belongs to different blocks.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "pre",
    "address",
    "body",
    "center",
    "hr",
];

/// Class/id fragments of furniture containers.
const NEGATIVE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "cookie",
    "consent",
    "gdpr",
    "advert",
    "ads-",
    "-ads",
    "ad-slot",
    "adslot",
    "ad-container",
    "banner",
    "sponsor",
    "promo",
    "sidebar",
    "widget",
    "footer",
    "header",
    "breadcrumb",
    "newsletter",
    "subscribe",
    "popup",
    "modal",
    "most-read",
    "mostread",
    "most_read",
    "trending",
    "popular",
    "recommend",
    "outbrain",
    "taboola",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "article-meta",
    "post-meta",
    "entry-meta",
    "tags",
    "tag-list",
    "keywords",
    "navbar",
    "navigation",
    "menu",
    "pagination",
    "pager",
    "toolbar",
    "caption",
    "read-more",
    "readmore",
    "more-news",
    "also-read",
    "login",
    "search",
    "rss",
    "follow",
    "whatsapp",
    "telegram",
    "facebook",
    "twitter",
    "print",
    "copyright",
    "disclaimer",
    "breaking",
    "ticker",
    "weather",
    "video-list",
    "topics",
];
/// Whole class/id words of furniture.
const NEGATIVE_WORDS: &[&str] =
    &["ad", "ads", "adv", "tag", "meta", "date", "time", "nav", "share", "info", "tools"];
/// Class/id fragments of article bodies.
const POSITIVE: &[&str] = &[
    "article-body",
    "articlebody",
    "article-content",
    "article_body",
    "article-text",
    "entry-content",
    "post-content",
    "story-body",
    "story-content",
    "news-body",
    "news-content",
    "content-body",
    "field-body",
    "details-body",
    "article-details",
    "news-details",
    "text-body",
    "main-content",
];
/// Short lines that are page furniture even inside the article container.
const FURNITURE_LINES: &[&str] = &[
    "مشاركة",
    "شارك",
    "شارك الخبر",
    "شارك المقال",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "اقرأ ايضا",
    "اقرأ المزيد",
    "للمزيد",
    "تابعونا",
    "تابعنا",
    "تابعوا",
    "اشترك",
    "الكلمات المفتاحية",
    "كلمات مفتاحية",
    "الوسوم",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مواضيع ذات صلة",
    "مقالات ذات صلة",
    "الأكثر قراءة",
    "الاكثر قراءة",
    "التعليقات",
    "أضف تعليق",
    "اضف تعليق",
    "إعلان",
    "اعلان",
    "جميع الحقوق محفوظة",
    "طباعة",
    "نسخ الرابط",
    "المصدر",
];

fn class_of(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(c) = el.attr("class") {
        s.push_str(c);
    }
    if let Some(i) = el.attr("id") {
        s.push(' ');
        s.push_str(i);
    }
    s.to_ascii_lowercase()
}

/// True when an element and its subtree are furniture.
/// With `relaxed`, only tags, roles and hidden state count; class and id words are ignored
/// (the fallback for pages whose outer wrappers carry furniture-like class names).
fn is_furniture(el: &scraper::node::Element, relaxed: bool) -> bool {
    let name = el.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role")
        && matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "search"
        )
    {
        return true;
    }
    if relaxed
        || matches!(name, "body" | "html" | "main" | "article")
        || el.attr("role") == Some("main")
    {
        return false;
    }
    if el.attr("itemprop") == Some("articleBody") {
        return false;
    }
    let class = class_of(el);
    if class.is_empty() || POSITIVE.iter().any(|p| class.contains(p)) {
        return false;
    }
    if NEGATIVE.iter().any(|n| class.contains(n)) {
        return true;
    }
    class.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| NEGATIVE_WORDS.contains(&w))
}

fn element_bonus(el: &scraper::node::Element) -> f64 {
    if el.attr("itemprop") == Some("articleBody") {
        return 2.0;
    }
    let class = class_of(el);
    let mut b = 1.0;
    if POSITIVE.iter().any(|p| class.contains(p)) {
        b *= 1.5;
    }
    if el.name() == "article" || el.attr("role") == Some("main") {
        b *= 1.25;
    }
    b
}

/// One run of text between block boundaries.
#[derive(Debug)]
struct Block {
    text: String,
    /// Characters inside links.
    link_chars: usize,
    /// The nearest block-level element enclosing the text.
    container: NodeId,
    heading: bool,
    /// The text sits directly in a paragraph-like element (`p`, `li`, `blockquote`, `td`...).
    paragraph: bool,
}

impl Block {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }
    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars().max(1) as f64
    }
}

/// Cuts the non-furniture text under `root` into blocks (iterative walk).
fn blocks(root: NodeRef<'_, Node>, relaxed: bool) -> Vec<Block> {
    enum Step<'a> {
        Enter(NodeRef<'a, Node>),
        Exit(NodeRef<'a, Node>),
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_links = 0usize;
    // (element, is heading, is paragraph-like)
    let mut containers: Vec<(NodeId, bool, bool)> = vec![(root.id(), false, false)];
    let mut in_link = 0usize;
    let mut stack = vec![Step::Enter(root)];
    let flush = |cur: &mut String,
                 links: &mut usize,
                 containers: &[(NodeId, bool, bool)],
                 out: &mut Vec<Block>| {
        let text = collapse(cur);
        if !text.is_empty() {
            let (container, heading, paragraph) =
                containers.last().copied().unwrap_or((root.id(), false, false));
            out.push(Block { text, link_chars: *links, container, heading, paragraph });
        }
        cur.clear();
        *links = 0;
    };
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => match node.value() {
                Node::Text(t) => {
                    if in_link > 0 {
                        cur_links += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    cur.push_str(t);
                }
                Node::Element(el) => {
                    if node.id() != root.id() && is_furniture(el, relaxed) {
                        continue;
                    }
                    let name = el.name();
                    if name == "br" {
                        flush(&mut cur, &mut cur_links, &containers, &mut out);
                        continue;
                    }
                    if BLOCK_TAGS.contains(&name) {
                        flush(&mut cur, &mut cur_links, &containers, &mut out);
                        containers.push((
                            node.id(),
                            matches!(name, "h2" | "h3" | "h4" | "h5" | "h6"),
                            matches!(name, "p" | "li" | "blockquote" | "td" | "dd" | "pre"),
                        ));
                    } else if matches!(name, "img" | "wbr") {
                        continue;
                    }
                    if name == "a" {
                        in_link += 1;
                    }
                    stack.push(Step::Exit(node));
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(Step::Enter));
                }
                Node::Document | Node::Fragment => {
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(Step::Enter));
                }
                _ => {}
            },
            Step::Exit(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "a" {
                        // Text after a link but before the block ends counts with the link's
                        // density; the characters themselves are already counted.
                        in_link = in_link.saturating_sub(1);
                        cur.push(' ');
                    }
                    if BLOCK_TAGS.contains(&name) {
                        flush(&mut cur, &mut cur_links, &containers, &mut out);
                        containers.pop();
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut cur_links, &containers, &mut out);
    out
}

/// Commas and sentence ends: prose has many, link lists and menus have none.
fn punctuation(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, '،' | ',' | '.' | '؛' | '؟' | ':')).count()
}

/// Sentence punctuation (commas and stops), which labels and datelines lack.
fn sentence_marks(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, '،' | ',' | '.' | '؛' | '؟' | '!' | '?')).count()
}

/// Lines of page furniture. With `strict` (an article container was found, so there is
/// real prose to keep), short labels outside paragraphs are dropped too.
fn is_furniture_line(b: &Block, strict: bool) -> bool {
    let t = b.text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '|' | '»' | '«' | '.')
    });
    let words = t.split_whitespace().count();
    if words == 0 {
        return true;
    }
    if words <= 4 && FURNITURE_LINES.iter().any(|f| t.starts_with(f)) {
        return true;
    }
    // A date line or byline with a date (a `<time>` element, `author | 2024-05-20`).
    if is_date_line(b) {
        return true;
    }
    // No letters at all: clock times, counters, separators.
    if !t.chars().any(char::is_alphabetic) {
        return true;
    }
    // Very short labels outside paragraphs (badges, buttons, section names); headings and
    // paragraph text are kept.
    if strict && words <= 3 && !b.heading && !b.paragraph && sentence_marks(t) == 0 {
        return true;
    }
    // "Read also: <linked headline>" lines.
    (t.starts_with("اقرأ") || t.starts_with("إقرأ")) && b.link_density() > 0.3
}

/// The name part of a dateline (`د. فلان الفلاني | 2024-05-20` → `د. فلان الفلاني`): two to
/// four words left once the date and separators are removed, `None` otherwise.
fn byline_name(line: &str) -> Option<String> {
    let cut = line.find(['|', '·', '\u{2014}', '\u{2013}']).or_else(|| line.find(" - "))?;
    let name = strip_byline(line[..cut].trim());
    let words = name.split_whitespace().count();
    ((2..=4).contains(&words)
        && !crate::date::contains_date(&name)
        && !name.chars().any(|c| c.is_ascii_digit()))
    .then_some(name)
}

fn is_date_line(b: &Block) -> bool {
    let t = b.text.trim();
    t.split_whitespace().count() <= 8 && sentence_marks(t) <= 1 && crate::date::contains_date(t)
}

/// The article text and the first dateline met before it.
fn main_text(doc: &Html) -> (String, Option<String>) {
    let root = doc.tree.root();
    let mut all = blocks(root, false);
    let mut text = article_text(doc, &all);
    if text.chars().count() < 200 {
        // Class words may have hidden the whole page (`<div class="page-with-sidebar">`
        // around everything): retry without them and keep the result if it is much longer.
        let relaxed = blocks(root, true);
        let relaxed_text = article_text(doc, &relaxed);
        if relaxed_text.chars().count() > 2 * text.chars().count().max(100) {
            all = relaxed;
            text = relaxed_text;
        }
    }
    if all.is_empty() {
        return (String::new(), None);
    }
    let first_line = text.lines().next().unwrap_or("");
    let dateline = all
        .iter()
        .take_while(|b| b.text != first_line)
        .find(|b| is_date_line(b))
        .map(|b| b.text.clone());
    (text, dateline)
}

fn article_text(doc: &Html, all: &[Block]) -> String {
    if all.is_empty() {
        return String::new();
    }
    // Score the enclosing elements of substantial blocks.
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    let mut chars: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for b in all {
        let n = b.chars();
        let mut node = doc.tree.get(b.container);
        let mut level = 0usize;
        while let Some(cur) = node {
            let e = chars.entry(cur.id()).or_insert((0, 0));
            e.0 += n;
            e.1 += b.link_chars;
            if n >= 25 && b.link_density() < 0.5 && !b.heading && level < 3 {
                let s = 1.0 + punctuation(&b.text).min(20) as f64 + (n as f64 / 100.0).min(3.0);
                let w = [1.0, 0.9, 0.4][level];
                *score.entry(cur.id()).or_insert(0.0) += s * w;
            }
            level += 1;
            node = cur.parent();
        }
    }
    let adjusted = |id: NodeId, s: f64| -> f64 {
        let (total, links) = chars.get(&id).copied().unwrap_or((1, 0));
        let density = links as f64 / total.max(1) as f64;
        let bonus = match doc.tree.get(id).map(|n| n.value().clone()) {
            Some(Node::Element(el)) => element_bonus(&el),
            _ => 1.0,
        };
        s * (1.0 - density) * bonus
    };
    let mut best: Option<(NodeId, f64)> = None;
    // Iterate in document order so ties keep the first (deepest enclosing) element.
    for b in all {
        let mut node = doc.tree.get(b.container);
        let mut level = 0;
        while let Some(cur) = node {
            if level >= 3 {
                break;
            }
            if let Some(&s) = score.get(&cur.id()) {
                let a = adjusted(cur.id(), s);
                if best.is_none_or(|(_, bs)| a > bs) {
                    best = Some((cur.id(), a));
                }
            }
            level += 1;
            node = cur.parent();
        }
    }
    let Some((best_id, best_score)) = best else {
        // No prose anywhere: keep what is not furniture.
        return join(all.iter().filter(|b| !is_furniture_line(b, false) && b.link_density() < 0.5));
    };
    // The article plus siblings that also look like article text.
    let mut chosen: HashSet<NodeId> = HashSet::new();
    chosen.insert(best_id);
    let signature = |id: NodeId| -> Option<(String, String)> {
        match doc.tree.get(id)?.value() {
            Node::Element(el) => {
                Some((el.name().to_string(), el.attr("class").unwrap_or("").to_string()))
            }
            _ => None,
        }
    };
    let best_signature = signature(best_id);
    if let Some(parent) = doc.tree.get(best_id).and_then(|n| n.parent()) {
        for sib in parent.children() {
            // Only parts of the same kind as the article (a body split around an ad), not
            // neighbouring columns of teasers.
            if sib.id() == best_id || signature(sib.id()) != best_signature {
                continue;
            }
            if let Some(&s) = score.get(&sib.id()) {
                let (total, links) = chars.get(&sib.id()).copied().unwrap_or((1, 0));
                if adjusted(sib.id(), s) >= best_score * 0.25
                    && (links as f64 / total.max(1) as f64) < 0.25
                {
                    chosen.insert(sib.id());
                }
            }
        }
    }
    let inside = |b: &Block| {
        let mut node = doc.tree.get(b.container);
        while let Some(cur) = node {
            if chosen.contains(&cur.id()) {
                return true;
            }
            node = cur.parent();
        }
        false
    };
    let mut seen = HashSet::new();
    join(all.iter().filter(|b| {
        inside(b)
            && !is_furniture_line(b, true)
            && (b.link_density() < 0.5 || b.chars() > 200)
            && seen.insert(b.text.clone())
    }))
}

fn join<'a>(blocks: impl Iterator<Item = &'a Block>) -> String {
    let mut s = String::new();
    for b in blocks {
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(&b.text);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_flattened() {
        let mut html = String::from("<html><body>");
        for _ in 0..5000 {
            html.push_str("<div>");
        }
        html.push_str("نص عميق");
        let capped = cap_depth(&html, 100);
        assert!(capped.len() < html.len());
        let page = extract(&html, None);
        assert_eq!(page.body, "نص عميق");
    }

    #[test]
    fn directional_marks_are_dropped() {
        let page = extract(
            "<p>\u{200f}قال الوزير\u{200e} إن النمو بلغ \u{202b}3%\u{202c} هذا العام، وفق التقديرات الأولية.</p>",
            None,
        );
        assert_eq!(page.body, "قال الوزير إن النمو بلغ 3% هذا العام، وفق التقديرات الأولية.");
    }

    #[test]
    fn shallow_pages_are_not_copied() {
        let html = "<html><body><div><p>نص</p></div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(cap_depth(html, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn json_ld_graph_is_read() {
        let html = r##"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"Organization","@id":"#org","name":"صحيفة المرصد"},
          {"@type":"Person","@id":"#p1","name":"سارة علي"},
          {"@type":["NewsArticle"],"headline":"عنوان الخبر","datePublished":"2024-03-05T08:00:00+03:00",
           "author":{"@id":"#p1"},"publisher":{"@id":"#org"},"inLanguage":"ar"}]}
        </script></head><body><p>نص</p></body></html>"##;
        let page = extract(html, None);
        assert_eq!(page.title.as_deref(), Some("عنوان الخبر"));
        assert_eq!(page.author.as_deref(), Some("سارة علي"));
        assert_eq!(page.outlet.as_deref(), Some("صحيفة المرصد"));
        assert_eq!(page.published.as_deref(), Some("2024-03-05"));
        assert_eq!(page.language.as_deref(), Some("ar"));
    }
}
