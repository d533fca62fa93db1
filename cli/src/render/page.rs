//! A whole HTML page around one prerendered widget, with what search
//! engines and link previews read: title and description, the canonical
//! URL, Open Graph and Twitter card tags, schema.org `NewsArticle` JSON-LD,
//! and any `<link rel="alternate">` the caller adds (feeds, oEmbed).
//!
//! Every value from the article or the configuration is escaped with the
//! widget's own [`escape`]; the JSON-LD is serialised by `serde_json` with
//! `<`, `>` and `&` written as `\u003c`… so no text can end its `<script>`.

use article_widget::brand::is_hex_colour;
use article_widget::markup::escape;
use article_widget::model::{Article, Block};
use serde_json::{json, Value};

/// Longest description, in characters, before it is cut with `…`.
pub const DESCRIPTION_CHARS: usize = 200;

/// The organisation that publishes the page (the JSON-LD `publisher`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publisher {
    /// Its name.
    pub name: String,
    /// Its home page.
    pub url: String,
    /// Its logo's absolute URL, if any.
    pub logo: Option<String>,
    /// Its pages elsewhere (social networks), for `sameAs`.
    pub same_as: Vec<String>,
}

/// A `<link rel="alternate">` of the page (a feed, the oEmbed document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternate {
    /// Its media type, e.g. `application/feed+json`.
    pub media_type: &'static str,
    /// Its URL.
    pub href: String,
    /// Its title.
    pub title: String,
}

/// The site's banner above the article: a link home with the publisher's
/// name and logo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The home page (may be relative to the page).
    pub home: String,
    /// The publisher's name.
    pub name: String,
    /// The logo (may be relative to the page), if any.
    pub logo: Option<String>,
}

/// Everything a page needs besides the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's own absolute URL: canonical, `og:url`, JSON-LD `url`.
    pub canonical: String,
    /// The site's name (`og:site_name`, the title's suffix); empty for none.
    pub site_name: String,
    /// Who publishes it.
    pub publisher: Publisher,
    /// `theme-color`, if any.
    pub theme_color: Option<String>,
    /// The page icon, if any.
    pub icon: Option<String>,
    /// Where the page loads `embed.js` from.
    pub embed_script: String,
    /// Feeds, oEmbed.
    pub alternates: Vec<Alternate>,
    /// The banner, if any.
    pub banner: Option<Banner>,
}

/// The article's first photo (`og:image`, JSON-LD `image`, feed image).
pub fn first_figure(article: &Article) -> Option<&article_widget::model::Figure> {
    article.body.iter().find_map(|b| match b {
        Block::Figure(f) => Some(f),
        _ => None,
    })
}

/// The article's description: its lead, else its first paragraph, cut at
/// [`DESCRIPTION_CHARS`] on a word boundary.
pub fn description(article: &Article) -> String {
    let text = article.lead.clone().or_else(|| {
        article.body.iter().find_map(|b| match b {
            Block::Paragraph { text } => Some(text.to_plain()),
            _ => None,
        })
    });
    let text = text.as_deref().unwrap_or_default().trim();
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// schema.org `NewsArticle` for `article` published at `info.canonical`.
pub fn json_ld(article: &Article, info: &PageInfo) -> Value {
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": info.canonical,
        "mainEntityOfPage": { "@type": "WebPage", "@id": info.canonical },
        "inLanguage": article.lang,
        "datePublished": article.published.to_string(),
        "dateModified": article.updated.as_ref().unwrap_or(&article.published).to_string(),
    });
    let description = description(article);
    if !description.is_empty() {
        ld["description"] = description.into();
    }
    let images: Vec<&str> = article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f.src.as_str()),
            _ => None,
        })
        .collect();
    if !images.is_empty() {
        ld["image"] = json!(images);
    }
    if !article.authors.is_empty() {
        ld["author"] = article
            .authors
            .iter()
            .map(|a| {
                let mut person = json!({ "@type": "Person", "name": a.name });
                if let Some(url) = &a.url {
                    person["url"] = url.as_str().into();
                }
                person
            })
            .collect();
    }
    let p = &info.publisher;
    let mut publisher = json!({ "@type": "Organization", "name": p.name, "url": p.url });
    if let Some(logo) = &p.logo {
        publisher["logo"] = json!({ "@type": "ImageObject", "url": logo });
    }
    if !p.same_as.is_empty() {
        publisher["sameAs"] = json!(p.same_as);
    }
    ld["publisher"] = publisher;
    if !article.tags.is_empty() {
        ld["keywords"] = json!(article.tags);
    }
    if let Some(original) = article
        .original_url
        .as_deref()
        .filter(|u| *u != info.canonical)
    {
        ld["isBasedOn"] = original.into();
    }
    ld
}

/// `value` as JSON safe inside a `<script>` element.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn meta(out: &mut String, key: &str, name: &str, content: &str) {
    out.push_str("<meta ");
    out.push_str(key);
    out.push_str("=\"");
    out.push_str(name);
    out.push_str("\" content=\"");
    out.push_str(&escape(content));
    out.push_str("\">\n");
}

/// Open Graph (Facebook, Zalo, `LinkedIn`, messengers) and Twitter card tags.
fn social_meta(out: &mut String, article: &Article, info: &PageInfo, description: &str) {
    meta(out, "property", "og:type", "article");
    if !info.site_name.is_empty() {
        meta(out, "property", "og:site_name", &info.site_name);
    }
    meta(out, "property", "og:title", &article.title);
    if !description.is_empty() {
        meta(out, "property", "og:description", description);
    }
    meta(out, "property", "og:url", &info.canonical);
    meta(
        out,
        "property",
        "og:locale",
        &article.lang.replace('-', "_"),
    );
    let image = first_figure(article);
    if let Some(f) = image {
        meta(out, "property", "og:image", &f.src);
        meta(out, "property", "og:image:width", &f.width.to_string());
        meta(out, "property", "og:image:height", &f.height.to_string());
        if !f.alt.is_empty() {
            meta(out, "property", "og:image:alt", &f.alt);
        }
    }
    meta(
        out,
        "property",
        "article:published_time",
        &article.published.to_string(),
    );
    if let Some(updated) = &article.updated {
        meta(
            out,
            "property",
            "article:modified_time",
            &updated.to_string(),
        );
    }
    for tag in &article.tags {
        meta(out, "property", "article:tag", tag);
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    meta(out, "name", "twitter:card", card);
    meta(out, "name", "twitter:title", &article.title);
    if !description.is_empty() {
        meta(out, "name", "twitter:description", description);
    }
    if let Some(f) = image {
        meta(out, "name", "twitter:image", &f.src);
        if !f.alt.is_empty() {
            meta(out, "name", "twitter:image:alt", &f.alt);
        }
    }
}

/// The page: `<head>` with the tags above, the banner, and `widget` (the
/// prerendered `<article-widget>`) in `<main>`.
pub fn document(article: &Article, info: &PageInfo, widget: &str) -> String {
    let mut out = String::with_capacity(widget.len() + 4096);
    let title = if info.site_name.is_empty() {
        article.title.clone()
    } else {
        format!("{} — {}", article.title, info.site_name)
    };
    let description = description(article);
    out.push_str("<!doctype html>\n<html lang=\"");
    out.push_str(&escape(&article.lang));
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    out.push_str(&escape(&title));
    out.push_str("</title>\n");
    if !description.is_empty() {
        meta(&mut out, "name", "description", &description);
    }
    out.push_str("<link rel=\"canonical\" href=\"");
    out.push_str(&escape(&info.canonical));
    out.push_str("\">\n");
    if let Some(colour) = &info.theme_color {
        meta(&mut out, "name", "theme-color", colour);
    }
    if let Some(icon) = &info.icon {
        out.push_str("<link rel=\"icon\" href=\"");
        out.push_str(&escape(icon));
        out.push_str("\">\n");
    }
    for alt in &info.alternates {
        out.push_str("<link rel=\"alternate\" type=\"");
        out.push_str(alt.media_type);
        out.push_str("\" href=\"");
        out.push_str(&escape(&alt.href));
        out.push_str("\" title=\"");
        out.push_str(&escape(&alt.title));
        out.push_str("\">\n");
    }
    social_meta(&mut out, article, info, &description);
    out.push_str("<script type=\"application/ld+json\">");
    out.push_str(&script_json(&json_ld(article, info)));
    out.push_str("</script>\n");
    out.push_str(PAGE_STYLE);
    if let Some(colour) = info.theme_color.as_deref().filter(|c| is_hex_colour(c)) {
        out.push_str("<style>:root{--site-accent:");
        out.push_str(colour);
        out.push_str("}</style>\n");
    }
    out.push_str("<script type=\"module\" src=\"");
    out.push_str(&escape(&info.embed_script));
    out.push_str("\"></script>\n</head>\n<body>\n");
    if let Some(banner) = &info.banner {
        out.push_str("<header class=\"site\"><a href=\"");
        out.push_str(&escape(&banner.home));
        out.push_str("\">");
        if let Some(logo) = &banner.logo {
            out.push_str("<img src=\"");
            out.push_str(&escape(logo));
            out.push_str("\" alt=\"\" width=\"40\" height=\"40\">");
        }
        out.push_str(&escape(&banner.name));
        out.push_str("</a></header>\n");
    }
    out.push_str("<main>\n");
    out.push_str(widget);
    out.push_str("\n</main>\n</body>\n</html>\n");
    out
}

/// The page's own few rules: the widget brings its own stylesheet in its
/// shadow root. `theme-color` is the banner's rule colour. The scrollbar's
/// gutter is kept from the first frame: the browser may paint the page
/// before it has parsed all of the article, and a scrollbar appearing then
/// would move the centred column sideways (a layout shift).
const PAGE_STYLE: &str = "<style>\
html{scrollbar-gutter:stable}\
body{margin:0;background:Canvas;color:CanvasText;font-family:system-ui,sans-serif}\
header.site{border-bottom:3px solid var(--site-accent,currentColor);padding:.5rem 1rem}\
header.site a{display:inline-flex;gap:.5rem;align-items:center;color:inherit;font-weight:700;text-decoration:none}\
main{max-width:52rem;margin:0 auto;padding:1rem}\
</style>\n";

#[cfg(test)]
mod tests {
    use super::{description, document, json_ld, script_json, PageInfo, Publisher};
    use article_widget::validate::parse_article;

    const DEMO: &str =
        include_str!("../../../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
    const BASE: &str = "https://news.example/articles/a.json";

    fn info() -> PageInfo {
        PageInfo {
            canonical: "https://news.example/articles/a.html".into(),
            site_name: "News <Example>".into(),
            publisher: Publisher {
                name: "News Example".into(),
                url: "https://news.example/".into(),
                logo: Some("https://news.example/logo.svg".into()),
                same_as: vec!["https://facebook.com/news".into()],
            },
            embed_script: "/embed/v1/embed.js".into(),
            ..PageInfo::default()
        }
    }

    #[test]
    fn json_ld_describes_the_article() {
        let Ok(parsed) = parse_article(DEMO.as_bytes(), Some(BASE)) else {
            panic!("demo parses");
        };
        let a = &parsed.article;
        let ld = json_ld(a, &info());
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], a.title.as_str());
        assert_eq!(ld["datePublished"], "2022-11-25T15:15:00+07:00");
        assert_eq!(ld["mainEntityOfPage"]["@id"], info().canonical.as_str());
        assert_eq!(ld["author"][0]["name"], a.authors[0].name.as_str());
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            "https://news.example/logo.svg"
        );
        assert!(ld["image"][0]
            .as_str()
            .is_some_and(|s| s.starts_with("https://news.example/images/")));
    }

    #[test]
    fn the_page_carries_canonical_opengraph_twitter_and_json_ld() {
        let Ok(parsed) = parse_article(DEMO.as_bytes(), Some(BASE)) else {
            panic!("demo parses");
        };
        let page = document(
            &parsed.article,
            &info(),
            "<article-widget></article-widget>",
        );
        assert!(
            page.contains("<link rel=\"canonical\" href=\"https://news.example/articles/a.html\">")
        );
        assert!(page.contains("<meta property=\"og:site_name\" content=\"News &lt;Example&gt;\">"));
        assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
        assert!(page.contains("<script type=\"application/ld+json\">{"));
        assert!(page.contains("<main>\n<article-widget></article-widget>\n</main>"));
    }

    #[test]
    fn script_json_cannot_end_its_script() {
        let v = serde_json::json!({ "t": "</script><b>&" });
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('&'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(back, v);
    }

    #[test]
    fn long_descriptions_are_cut_on_a_word() {
        let Ok(mut parsed) = parse_article(DEMO.as_bytes(), Some(BASE)) else {
            panic!("demo parses");
        };
        parsed.article.lead = Some("từ ".repeat(200));
        let d = description(&parsed.article);
        assert!(d.ends_with("từ…") && d.chars().count() <= 201, "{d}");
    }
}
