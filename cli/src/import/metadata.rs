//! An article page's metadata: schema.org `NewsArticle` (or `Article`,
//! `BlogPosting`, …) JSON-LD first, then OpenGraph, then plain meta tags and
//! the document itself, as Readability does.

use std::collections::HashMap;

use scraper::{Html, Selector};
use serde_json::Value;

use super::text::clean;

/// schema.org types that describe an article.
const ARTICLE_TYPES: [&str; 14] = [
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "AskPublicNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "Report",
];

/// Largest JSON-LD script read, in bytes.
const MAX_JSON_LD: usize = 1 << 20;

/// An image named by the metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetaImage {
    /// URL as written.
    pub src: String,
    /// Declared width.
    pub width: Option<u32>,
    /// Declared height.
    pub height: Option<u32>,
}

/// An author with an optional profile URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaPerson {
    /// Display name.
    pub name: String,
    /// Profile URL as written.
    pub url: Option<String>,
}

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Description (becomes the lead).
    pub description: Option<String>,
    /// Canonical URL as written.
    pub url: Option<String>,
    /// Publication date as written.
    pub published: Option<String>,
    /// Modification date as written.
    pub modified: Option<String>,
    /// Authors.
    pub authors: Vec<MetaPerson>,
    /// Publisher or site name.
    pub site_name: Option<String>,
    /// Publisher home page.
    pub publisher_url: Option<String>,
    /// Publisher logo.
    pub logo: Option<MetaImage>,
    /// Main image.
    pub image: Option<MetaImage>,
    /// Language tag.
    pub lang: Option<String>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// Whether the title came from JSON-LD or a meta tag (not `<title>`).
    pub title_from_metadata: bool,
}

fn selector(s: &str) -> Selector {
    // The selectors are constants of this module, tested below.
    Selector::parse(s).unwrap_or_else(|_| unreachable!("bad selector {s}"))
}

/// Reads the metadata of a parsed page.
#[allow(clippy::too_many_lines)] // one precedence list per field, in order
pub fn read(doc: &Html) -> Metadata {
    let mut m = Metadata::default();
    let doc_title = doc
        .select(&selector("title"))
        .next()
        .map(|t| clean(&t.text().collect::<String>()))
        .unwrap_or_default();
    if let Some(ld) = json_ld_article(doc) {
        from_json_ld(&ld.article, &ld.graph, &doc_title, &mut m);
    }
    let meta = meta_tags(doc);
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| meta.get(*k).and_then(|v| v.first()))
            .map(|v| clean(v))
            .filter(|v| !v.is_empty())
    };
    if m.title.is_none() {
        m.title = get(&[
            "dc:title",
            "dcterm:title",
            "og:title",
            "twitter:title",
            "parsely-title",
            "title",
        ]);
    }
    m.title_from_metadata = m.title.is_some();
    if m.title.is_none() {
        m.title = Some(doc_title).filter(|t| !t.is_empty());
    }
    m.description = m.description.or_else(|| {
        get(&[
            "og:description",
            "description",
            "dc:description",
            "twitter:description",
        ])
    });
    let canonical = doc
        .select(&selector("link[rel~=canonical][href]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned);
    m.url = m
        .url
        .or(canonical)
        .or_else(|| get(&["og:url", "parsely-link"]));
    m.published = m.published.or_else(|| {
        get(&[
            "article:published_time",
            "og:article:published_time",
            "datepublished",
            "parsely-pub-date",
            "dc.date",
            "dcterms.created",
            "pubdate",
            "date",
        ])
        .or_else(|| itemprop_date(doc, "datePublished"))
        .or_else(|| {
            doc.select(&selector("time[datetime]"))
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .map(clean)
        })
    });
    m.modified = m.modified.or_else(|| {
        get(&["article:modified_time", "og:updated_time", "datemodified"])
            .or_else(|| itemprop_date(doc, "dateModified"))
    });
    if m.authors.is_empty() {
        let author = get(&[
            "article:author",
            "author",
            "dc.creator",
            "parsely-author",
            "byl",
        ])
        .filter(|a| !a.starts_with("http://") && !a.starts_with("https://"));
        m.authors
            .extend(author.map(|name| MetaPerson { name, url: None }));
    }
    m.site_name = m
        .site_name
        .or_else(|| get(&["og:site_name", "application-name"]));
    if m.image.is_none() {
        m.image = get(&["og:image", "og:image:url", "twitter:image"]).map(|src| MetaImage {
            src,
            width: get(&["og:image:width"]).and_then(|w| w.parse().ok()),
            height: get(&["og:image:height"]).and_then(|h| h.parse().ok()),
        });
    }
    let html_lang = doc
        .root_element()
        .value()
        .attr("lang")
        .map(clean)
        .filter(|l| !l.is_empty());
    m.lang = html_lang
        .or(m.lang)
        .or_else(|| get(&["content-language", "dc.language"]))
        .or_else(|| get(&["og:locale"]).map(|l| l.replace('_', "-")));
    if m.tags.is_empty() {
        m.tags = meta
            .get("article:tag")
            .map(|tags| {
                tags.iter()
                    .map(|t| clean(t))
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
    }
    m
}

/// Every `<meta>` by lower-cased `property`, `name`, `itemprop` or
/// `http-equiv`, values in document order.
fn meta_tags(doc: &Html) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for el in doc.select(&selector("meta[content]")) {
        let v = el.value();
        let Some(content) = v.attr("content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = v.attr(attr) {
                // `property` may hold several space-separated names.
                for k in key.split_whitespace() {
                    map.entry(k.to_ascii_lowercase())
                        .or_default()
                        .push(content.to_owned());
                }
            }
        }
    }
    map
}

/// `<time itemprop="datePublished" datetime="…">` and the like.
fn itemprop_date(doc: &Html, prop: &str) -> Option<String> {
    let sel = selector(&format!("[itemprop=\"{prop}\"]"));
    doc.select(&sel).find_map(|el| {
        let v = el.value();
        v.attr("datetime")
            .or_else(|| v.attr("content"))
            .map(clean)
            .filter(|s| !s.is_empty())
    })
}

/// The article object of the page's JSON-LD, with the other nodes of its
/// graph (to follow `{"@id": …}` references).
struct JsonLd {
    article: Value,
    graph: Vec<Value>,
}

fn json_ld_article(doc: &Html) -> Option<JsonLd> {
    let mut nodes = Vec::new();
    for script in doc.select(&selector("script[type=\"application/ld+json\"]")) {
        let text: String = script.text().collect();
        if text.len() > MAX_JSON_LD {
            continue;
        }
        // Some pages wrap the JSON in a CDATA section, as XHTML once needed.
        let json = text.trim();
        let json = json
            .strip_prefix("<![CDATA[")
            .and_then(|j| j.strip_suffix("]]>"))
            .unwrap_or(json);
        let Ok(value) = serde_json::from_str::<Value>(json) else {
            continue;
        };
        flatten(value, &mut nodes);
    }
    let index = nodes
        .iter()
        .position(|n| types(n).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())))?;
    let article = nodes.swap_remove(index);
    Some(JsonLd {
        article,
        graph: nodes,
    })
}

/// Top-level nodes: arrays and `@graph`s opened up.
fn flatten(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                if item.is_object() {
                    out.push(item);
                }
            }
        }
        Value::Object(mut map) => {
            if let Some(Value::Array(graph)) = map.remove("@graph") {
                out.extend(graph.into_iter().filter(Value::is_object));
            }
            if map.contains_key("@type") {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

/// The `@type`s of a node, without a `schema:` or URL prefix.
fn types(node: &Value) -> Vec<String> {
    let strip = |t: &str| t.rsplit(['/', ':']).next().unwrap_or(t).to_owned();
    match node.get("@type") {
        Some(Value::String(t)) => vec![strip(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(strip).collect(),
        _ => Vec::new(),
    }
}

/// Follows `{"@id": …}` to the graph node with that id.
fn resolve<'a>(v: &'a Value, graph: &'a [Value]) -> &'a Value {
    if let Some(id) = v.get("@id").and_then(Value::as_str) {
        if v.as_object().is_some_and(|o| o.len() == 1) {
            if let Some(found) = graph
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
            {
                return found;
            }
        }
    }
    v
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(|i| text(Some(i))),
        _ => None,
    }
}

fn number(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().trim_end_matches("px").parse().ok(),
        _ => None,
    }
}

fn meta_image(v: Option<&Value>, graph: &[Value]) -> Option<MetaImage> {
    match resolve(v?, graph) {
        Value::String(s) => Some(MetaImage {
            src: s.trim().to_owned(),
            ..MetaImage::default()
        }),
        Value::Array(items) => items.iter().find_map(|i| meta_image(Some(i), graph)),
        o @ Value::Object(_) => Some(MetaImage {
            src: text(o.get("url").or_else(|| o.get("contentUrl")))?,
            width: number(o.get("width")),
            height: number(o.get("height")),
        }),
        _ => None,
    }
}

fn people(v: Option<&Value>, graph: &[Value], out: &mut Vec<MetaPerson>) {
    let Some(v) = v else { return };
    match resolve(v, graph) {
        Value::String(s) => {
            let name = clean(s);
            if !name.is_empty() && !name.starts_with("http") {
                out.push(MetaPerson { name, url: None });
            }
        }
        Value::Array(items) => {
            for i in items {
                people(Some(i), graph, out);
            }
        }
        o @ Value::Object(_) => {
            if let Some(name) = text(o.get("name")) {
                out.push(MetaPerson {
                    name,
                    url: text(o.get("url")),
                });
            }
        }
        _ => {}
    }
}

/// How much of `b`'s words `a` has, 0 to 1 (Readability's measure).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let all = wb.join(" ").chars().count();
    if all == 0 {
        return 0.0;
    }
    let missing: Vec<&str> = wb
        .iter()
        .filter(|w| !wa.contains(w))
        .map(String::as_str)
        .collect();
    #[allow(clippy::cast_precision_loss)] // lengths of titles
    let ratio = missing.join(" ").chars().count() as f64 / all as f64;
    1.0 - ratio
}

/// The headline: `headline` and `name` should agree; when they do not, the
/// one that matches the page's `<title>`, else `name` (as Readability does:
/// some sites put their own name in `headline`).
fn headline(a: &Value, doc_title: &str) -> Option<String> {
    match (text(a.get("name")), text(a.get("headline"))) {
        (Some(name), Some(headline)) if name != headline => {
            if similarity(&name, doc_title) > 0.75 {
                Some(name)
            } else if similarity(&headline, doc_title) > 0.75 {
                Some(headline)
            } else {
                Some(name)
            }
        }
        (name, headline) => headline.or(name),
    }
}

fn from_json_ld(a: &Value, graph: &[Value], doc_title: &str, m: &mut Metadata) {
    m.title = headline(a, doc_title);
    m.description = text(a.get("description"));
    m.published = text(a.get("datePublished"));
    m.modified = text(a.get("dateModified"));
    m.url = text(a.get("url")).or_else(|| match a.get("mainEntityOfPage") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(o @ Value::Object(_)) => text(o.get("@id")).or_else(|| text(o.get("url"))),
        _ => None,
    });
    people(a.get("author"), graph, &mut m.authors);
    if let Some(p) = a.get("publisher").map(|p| resolve(p, graph)) {
        m.site_name = text(p.get("name"));
        m.publisher_url = text(p.get("url"));
        m.logo = meta_image(p.get("logo"), graph);
    }
    m.image = meta_image(a.get("image"), graph);
    m.lang = text(a.get("inLanguage"));
    m.tags = match a.get("keywords") {
        Some(Value::String(s)) => s.split(',').map(clean).filter(|t| !t.is_empty()).collect(),
        Some(Value::Array(items)) => items.iter().filter_map(|i| text(Some(i))).collect(),
        _ => Vec::new(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_comes_before_opengraph() {
        let doc = Html::parse_document(
            r##"<html lang="vi"><head><title>T - Site</title>
            <meta property="og:title" content="OG title">
            <meta property="og:site_name" content="Site">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"#org","name":"Org","url":"https://example.org/"},
              {"@type":"NewsArticle","headline":"LD title","datePublished":"2022-11-25T15:15:00+07:00",
               "author":[{"@type":"Person","name":"A B"}],"publisher":{"@id":"#org"},
               "keywords":"x, y"}]}</script></head><body></body></html>"##,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("LD title"));
        assert_eq!(m.site_name.as_deref(), Some("Org"));
        assert_eq!(m.publisher_url.as_deref(), Some("https://example.org/"));
        assert_eq!(m.authors[0].name, "A B");
        assert_eq!(m.tags, ["x", "y"]);
        assert_eq!(m.lang.as_deref(), Some("vi"));
    }

    #[test]
    fn opengraph_and_meta_tags_without_json_ld() {
        let doc = Html::parse_document(
            r#"<head><title>Doc title</title><meta property="og:title" content="OG title">
            <meta name="description" content="Desc"><link rel="canonical" href="/a.html">
            <meta property="article:published_time" content="2022-11-25T15:15:00">
            <meta property="article:tag" content="t1"><meta property="article:tag" content="t2">
            <meta name="author" content="Someone"></head>"#,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("OG title"));
        assert_eq!(m.description.as_deref(), Some("Desc"));
        assert_eq!(m.url.as_deref(), Some("/a.html"));
        assert_eq!(m.published.as_deref(), Some("2022-11-25T15:15:00"));
        assert_eq!(m.tags, ["t1", "t2"]);
        assert_eq!(m.authors[0].name, "Someone");
    }

    #[test]
    fn name_and_headline_disagreeing_take_the_one_like_the_title() {
        let a = serde_json::json!({"name": "Site Name", "headline": "The story"});
        assert_eq!(headline(&a, "The story").as_deref(), Some("The story"));
        assert_eq!(headline(&a, "Something else").as_deref(), Some("Site Name"));
        let only = serde_json::json!({"headline": "The story"});
        assert_eq!(headline(&only, "").as_deref(), Some("The story"));
    }

    #[test]
    fn json_ld_in_a_cdata_section_is_read() {
        let doc = Html::parse_document(
            r#"<script type="application/ld+json"><![CDATA[ {"@type": "NewsArticle", "headline": "H"} ]]></script>"#,
        );
        assert_eq!(read(&doc).title.as_deref(), Some("H"));
    }

    #[test]
    fn broken_json_ld_is_skipped() {
        let doc = Html::parse_document(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", </script><title>X</title>"#,
        );
        assert_eq!(read(&doc).title.as_deref(), Some("X"));
    }
}
