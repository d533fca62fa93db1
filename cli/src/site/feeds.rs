//! What a publication offers besides its pages: a JSON Feed 1.1 (also the
//! reader's home list: each item carries `_article_widget.json`), an Atom
//! feed, `sitemap.xml` (split with a sitemap index past 50,000 URLs),
//! `robots.txt` and one static oEmbed document per article.
//!
//! All of it is built from [`Entry`]s, the few fields of each article that
//! lists need, which the incremental build keeps between runs so that an
//! unchanged article is not read again. XML is written with every text and
//! attribute value escaped by [`xml_escape`].

use article_widget::datetime::DateTime;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::config::SiteConfig;

/// Most URLs in one sitemap file (the sitemaps.org limit).
pub const SITEMAP_URLS: usize = 50_000;

/// An image with its size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// Absolute URL.
    pub src: String,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// What the lists need of one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file name without `.json`.
    pub slug: String,
    /// The page's canonical URL.
    pub url: String,
    /// Headline.
    pub title: String,
    /// The description (lead or first paragraph).
    pub summary: String,
    /// Publication date-time (RFC 3339).
    pub published: String,
    /// Seconds since the epoch, for ordering.
    pub published_unix: i64,
    /// Last update (RFC 3339), if any.
    pub updated: Option<String>,
    /// The first photo, if any.
    pub image: Option<Picture>,
    /// Author names.
    pub authors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Language tag.
    pub lang: String,
}

impl Entry {
    /// The last change: the update, else the publication.
    pub fn modified(&self) -> &str {
        self.updated.as_deref().unwrap_or(&self.published)
    }
}

/// Newest first (ties by slug), as every list shows them.
pub fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.published_unix
            .cmp(&a.published_unix)
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

/// `s` with `&`, `<`, `>`, `"` and `'` escaped for XML text and attributes;
/// characters XML 1.0 cannot hold (most control characters) are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The JSON Feed 1.1 of the newest `config.feed_items` entries (`entries`
/// sorted newest first). Item links are absolute; `_article_widget.json`
/// is relative to the feed, so the reader opens the article from wherever
/// the site is served.
pub fn json_feed(config: &SiteConfig, entries: &[Entry]) -> Value {
    let items: Vec<Value> = entries
        .iter()
        .take(config.feed_items)
        .map(|e| {
            let mut item = json!({
                "id": e.url,
                "url": e.url,
                "title": e.title,
                "date_published": e.published,
                "language": e.lang,
                "_article_widget": { "json": format!("articles/{}.json", e.slug) },
            });
            if !e.summary.is_empty() {
                item["summary"] = e.summary.as_str().into();
            }
            if let Some(updated) = &e.updated {
                item["date_modified"] = updated.as_str().into();
            }
            if let Some(image) = &e.image {
                item["image"] = image.src.as_str().into();
            }
            if !e.authors.is_empty() {
                item["authors"] = e.authors.iter().map(|n| json!({ "name": n })).collect();
            }
            if !e.tags.is_empty() {
                item["tags"] = json!(e.tags);
            }
            item
        })
        .collect();
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.name,
        "home_page_url": config.url,
        "feed_url": format!("{}feed.json", config.url),
        "language": config.language(),
        "items": items,
    });
    if let Some(description) = &config.description {
        feed["description"] = description.as_str().into();
    }
    if let Some(logo) = config.logo_path() {
        feed["icon"] = format!("{}{logo}", config.url).into();
    }
    feed
}

/// The Atom feed of the same entries as [`json_feed`].
pub fn atom(config: &SiteConfig, entries: &[Entry]) -> String {
    let listed = &entries[..entries.len().min(config.feed_items)];
    let updated = listed
        .iter()
        .map(Entry::modified)
        .max_by_key(|d| DateTime::parse(d).map_or(0, |d| d.unix_seconds()))
        .unwrap_or("1970-01-01T00:00:00Z");
    let mut out = String::with_capacity(1024 + listed.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    out.push_str(&xml_escape(config.language()));
    out.push_str("\">\n<title>");
    out.push_str(&xml_escape(&config.name));
    out.push_str("</title>\n");
    if let Some(description) = &config.description {
        out.push_str("<subtitle>");
        out.push_str(&xml_escape(description));
        out.push_str("</subtitle>\n");
    }
    let link = |out: &mut String, rel: &str, href: &str, media: &str| {
        out.push_str("<link rel=\"");
        out.push_str(rel);
        out.push_str("\" href=\"");
        out.push_str(&xml_escape(href));
        if !media.is_empty() {
            out.push_str("\" type=\"");
            out.push_str(media);
        }
        out.push_str("\"/>\n");
    };
    link(
        &mut out,
        "self",
        &format!("{}atom.xml", config.url),
        "application/atom+xml",
    );
    link(&mut out, "alternate", &config.url, "text/html");
    out.push_str("<id>");
    out.push_str(&xml_escape(&config.url));
    out.push_str("</id>\n<updated>");
    out.push_str(&xml_escape(updated));
    out.push_str("</updated>\n<author><name>");
    out.push_str(&xml_escape(&config.name));
    out.push_str("</name></author>\n");
    if let Some(logo) = config.logo_path() {
        out.push_str("<icon>");
        out.push_str(&xml_escape(&format!("{}{logo}", config.url)));
        out.push_str("</icon>\n");
    }
    for e in listed {
        out.push_str("<entry>\n<id>");
        out.push_str(&xml_escape(&e.url));
        out.push_str("</id>\n<title>");
        out.push_str(&xml_escape(&e.title));
        out.push_str("</title>\n");
        link(&mut out, "alternate", &e.url, "text/html");
        out.push_str("<published>");
        out.push_str(&xml_escape(&e.published));
        out.push_str("</published>\n<updated>");
        out.push_str(&xml_escape(e.modified()));
        out.push_str("</updated>\n");
        for name in &e.authors {
            out.push_str("<author><name>");
            out.push_str(&xml_escape(name));
            out.push_str("</name></author>\n");
        }
        for tag in &e.tags {
            out.push_str("<category term=\"");
            out.push_str(&xml_escape(tag));
            out.push_str("\"/>\n");
        }
        if !e.summary.is_empty() {
            out.push_str("<summary>");
            out.push_str(&xml_escape(&e.summary));
            out.push_str("</summary>\n");
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The sitemap files: `sitemap.xml` alone, or, past [`SITEMAP_URLS`]
/// pages, `sitemap.xml` as an index of `sitemap-1.xml`, `sitemap-2.xml`…
/// Returns `(path, contents)` pairs.
pub fn sitemaps(config: &SiteConfig, entries: &[Entry]) -> Vec<(String, String)> {
    let urlset = |chunk: &[Entry], home: bool| {
        let mut out = String::with_capacity(128 + chunk.len() * 160);
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        if home {
            out.push_str("<url><loc>");
            out.push_str(&xml_escape(&config.url));
            out.push_str("</loc></url>\n");
        }
        for e in chunk {
            out.push_str("<url><loc>");
            out.push_str(&xml_escape(&e.url));
            out.push_str("</loc><lastmod>");
            out.push_str(&xml_escape(e.modified()));
            out.push_str("</lastmod></url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if entries.len() < SITEMAP_URLS {
        return vec![("sitemap.xml".to_owned(), urlset(entries, true))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in entries.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str("<sitemap><loc>");
        index.push_str(&xml_escape(&format!("{}{name}", config.url)));
        index.push_str("</loc></sitemap>\n");
        files.push((name, urlset(chunk, i == 0)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_owned(), index));
    files
}

/// `robots.txt`: everything may be crawled; where the sitemap is.
pub fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        config.url
    )
}

/// Nominal size of the oEmbed snippet (it is as wide as its container and
/// as tall as the article; consumers that size a frame read these).
pub const OEMBED_WIDTH: u32 = 680;
/// See [`OEMBED_WIDTH`].
pub const OEMBED_HEIGHT: u32 = 1200;

/// How long oEmbed consumers may cache the document, in seconds.
pub const OEMBED_CACHE_AGE: u32 = 86_400;

/// The embed snippet of the article whose JSON is at `src`: the element and
/// the loader (what a partner pastes; docs/embedding.md).
pub fn snippet(src: &str, embed_script: &str) -> String {
    let esc = article_widget::markup::escape;
    format!(
        "<article-widget src=\"{}\"></article-widget>\n<script type=\"module\" src=\"{}\"></script>",
        esc(src),
        esc(embed_script)
    )
}

/// The static oEmbed document (`type: rich`) of one article.
pub fn oembed(config: &SiteConfig, e: &Entry) -> Value {
    let src = format!("{}articles/{}.json", config.url, e.slug);
    let mut doc = json!({
        "version": "1.0",
        "type": "rich",
        "title": e.title,
        "provider_name": config.name,
        "provider_url": config.url,
        "cache_age": OEMBED_CACHE_AGE,
        "html": snippet(&src, &config.embed_script()),
        "width": OEMBED_WIDTH,
        "height": OEMBED_HEIGHT,
    });
    if let Some(name) = e.authors.first() {
        doc["author_name"] = name.as_str().into();
    }
    if let Some(image) = &e.image {
        doc["thumbnail_url"] = image.src.as_str().into();
        doc["thumbnail_width"] = image.width.into();
        doc["thumbnail_height"] = image.height.into();
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::{atom, json_feed, oembed, sitemaps, sort_newest_first, xml_escape, Entry};
    use crate::site::config::SiteConfig;

    fn config() -> SiteConfig {
        let Ok(c) = SiteConfig::parse(
            "name = \"A & B\"\nurl = \"https://news.example/\"\nfeed_items = 2\n",
        ) else {
            panic!("parses");
        };
        c
    }

    fn entry(slug: &str, unix: i64) -> Entry {
        Entry {
            slug: slug.into(),
            url: format!("https://news.example/articles/{slug}.html"),
            title: format!("<{slug}>"),
            summary: "s".into(),
            published: "2022-11-25T15:15:00+07:00".into(),
            published_unix: unix,
            updated: None,
            image: None,
            authors: vec!["PV".into()],
            tags: vec![],
            lang: "vi".into(),
        }
    }

    #[test]
    fn feeds_list_the_newest_items_with_the_reader_extension() {
        let mut entries = vec![entry("a", 1), entry("c", 3), entry("b", 2)];
        sort_newest_first(&mut entries);
        let feed = json_feed(&config(), &entries);
        let slugs: Vec<&str> = feed["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["_article_widget"]["json"].as_str())
            .collect();
        assert_eq!(slugs, ["articles/c.json", "articles/b.json"]);
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(
            feed["items"][0]["id"],
            "https://news.example/articles/c.html"
        );
        let xml = atom(&config(), &entries);
        assert!(xml.contains("<title>A &amp; B</title>"));
        assert_eq!(xml.matches("<entry>").count(), 2);
        assert!(xml.contains("<title>&lt;c&gt;</title>"));
    }

    #[test]
    fn sitemaps_split_past_the_limit() {
        let few = sitemaps(&config(), &[entry("a", 1)]);
        assert_eq!(few.len(), 1);
        assert!(few[0]
            .1
            .contains("<loc>https://news.example/articles/a.html</loc>"));
        let many: Vec<Entry> = (0..50_001).map(|i| entry(&format!("a{i}"), i)).collect();
        let files = sitemaps(&config(), &many);
        assert_eq!(files.len(), 3);
        assert_eq!(files[2].0, "sitemap.xml");
        assert!(files[2].1.contains("sitemap-2.xml"));
    }

    #[test]
    fn oembed_is_rich_with_the_snippet() {
        let doc = oembed(&config(), &entry("a", 1));
        assert_eq!(doc["type"], "rich");
        assert_eq!(
            doc["html"],
            "<article-widget src=\"https://news.example/articles/a.json\"></article-widget>\n\
             <script type=\"module\" src=\"https://news.example/embed/v1/embed.js\"></script>"
        );
        assert_eq!(xml_escape("a\u{1}'"), "a&apos;");
    }
}
