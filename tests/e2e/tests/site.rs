//! The demo publication (`article-widget site demo/site.toml`) in headless
//! Chromium: every article page carries a canonical URL, Open Graph tags and
//! `NewsArticle` JSON-LD that agree with the published article; the oEmbed
//! document is discoverable from the page and its `html` shows the article
//! in a fresh page; the prerendered widget is adopted (its controls work).
//! The site is built into a temporary directory and served on loopback
//! beside the release build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use anyhow::{anyhow, ensure, Result};
use article_widget_cli::site::{build, Args};
use article_widget_e2e::{
    dist_dir, eval, read_json, wait_for_widgets, workspace_dir, Browser, Site, DEFAULT_TIMEOUT,
    EMBED_DIR,
};
use serde_json::Value;

/// The release build with the demo publication built under `/pub/`.
struct Publication {
    site: Site,
    dir: tempfile::TempDir,
}

impl Publication {
    fn build() -> Result<Self> {
        let embed = dist_dir().join(EMBED_DIR);
        ensure!(
            embed.join("embed.js").is_file(),
            "no embed in {}",
            embed.display()
        );
        let dir = tempfile::tempdir()?;
        let path = dir.path().to_path_buf();
        let site = Site::start_with(|b| b.mount("/pub/", path))?;
        let report = build(&Args {
            config: workspace_dir().join("demo/site.toml"),
            out: dir.path().to_path_buf(),
            url: Some(site.url("pub/")),
            embed: Some(embed),
            force: false,
        })
        .map_err(|e| anyhow!("site: {e}"))?;
        ensure!(report.invalid.is_empty(), "refused: {:?}", report.invalid);
        ensure!(report.articles >= 4, "{report:?}");
        Ok(Self { site, dir })
    }

    fn out(&self) -> &Path {
        self.dir.path()
    }

    fn slugs(&self) -> Vec<String> {
        let mut slugs: Vec<String> = std::fs::read_dir(self.out().join("articles"))
            .unwrap()
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".html")
                    .map(str::to_owned)
            })
            .collect();
        slugs.sort();
        slugs
    }

    /// The file in the output that `url` (on this site) names.
    fn file_of(&self, url: &str) -> PathBuf {
        let prefix = self.site.url("pub/");
        self.out().join(url.strip_prefix(&prefix).unwrap_or(url))
    }
}

/// The page's head as the browser parsed it.
async fn head(browser: &Browser) -> Result<Value> {
    eval(
        browser,
        r"const attr = (css, name) => document.querySelector(css)?.getAttribute(name) ?? null;
          const meta = (p) => attr(`meta[property='${p}']`, 'content');
          return {
            canonical: document.querySelector('link[rel=canonical]')?.href ?? null,
            ogTitle: meta('og:title'), ogUrl: meta('og:url'), ogType: meta('og:type'),
            ogImage: meta('og:image'), ogSite: meta('og:site_name'),
            twitter: attr(`meta[name='twitter:card']`, 'content'),
            ld: [...document.querySelectorAll('script[type=\'application/ld+json\']')].map((s) => s.textContent),
            oembed: document.querySelector('link[rel=alternate][type=\'application/json+oembed\']')?.href ?? null,
          };",
    )
    .await
}

#[tokio::test]
async fn article_pages_carry_json_ld_canonical_and_opengraph_that_match_the_article() -> Result<()>
{
    let publication = Publication::build()?;
    let browser = Browser::start().await?;
    let slugs = publication.slugs();
    ensure!(slugs.len() >= 4, "pages: {slugs:?}");
    for slug in &slugs {
        let page = publication.site.url(&format!("pub/articles/{slug}.html"));
        browser.goto(&page).await?;
        let article = read_json(publication.out().join(format!("articles/{slug}.json")))?;
        let h = head(&browser).await?;
        assert_eq!(h["canonical"], page.as_str(), "{slug}: {h}");
        assert_eq!(h["ogUrl"], page.as_str(), "{slug}");
        assert_eq!(
            article["url"],
            page.as_str(),
            "the article's URL is its page"
        );
        assert_eq!(h["ogTitle"], article["title"], "{slug}");
        assert_eq!(h["ogType"], "article");
        assert_eq!(h["ogSite"], "Cổng tin tức Thành phố Hải Phòng");
        let first_photo = article["body"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["type"] == "figure")
            .map(|b| b["src"].clone());
        if let Some(src) = &first_photo {
            assert_eq!(&h["ogImage"], src, "{slug}");
            assert_eq!(h["twitter"], "summary_large_image");
        }
        // One JSON-LD block, valid JSON, describing this article.
        let blocks = h["ld"].as_array().unwrap();
        assert_eq!(blocks.len(), 1, "{slug}");
        let ld: Value = serde_json::from_str(blocks[0].as_str().unwrap())?;
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], article["title"]);
        assert_eq!(ld["url"], page.as_str());
        assert_eq!(ld["mainEntityOfPage"]["@id"], page.as_str());
        assert_eq!(ld["datePublished"], article["published"]);
        assert_eq!(ld["inLanguage"], article["lang"]);
        let authors: Vec<&Value> = article["authors"]
            .as_array()
            .map(|a| a.iter().map(|p| &p["name"]).collect())
            .unwrap_or_default();
        let ld_authors: Vec<&Value> = ld["author"]
            .as_array()
            .map(|a| a.iter().map(|p| &p["name"]).collect())
            .unwrap_or_default();
        assert_eq!(authors, ld_authors, "{slug}");
        if let Some(src) = &first_photo {
            assert_eq!(&ld["image"][0], src, "{slug}");
        }
        assert_eq!(ld["publisher"]["name"], "Cổng tin tức Thành phố Hải Phòng");
        // The prerendered article is the page's h1.
        let title = eval(
            &browser,
            "return document.querySelector('article-widget').shadowRoot.querySelector('h1.aw-title').textContent.trim();",
        )
        .await?;
        assert_eq!(title, article["title"], "{slug}");
    }
    browser.quit().await
}

#[tokio::test]
async fn the_oembed_document_is_discoverable_and_its_html_shows_the_article() -> Result<()> {
    let publication = Publication::build()?;
    let slug = "quan-uy-le-chan-tong-ket-nghi-quyet-8";
    let browser = Browser::start().await?;
    browser
        .goto(publication.site.url(&format!("pub/articles/{slug}.html")))
        .await?;
    let h = head(&browser).await?;
    let href = h["oembed"]
        .as_str()
        .ok_or_else(|| anyhow!("no oEmbed link: {h}"))?;
    // What a consumer does: fetch the discovered URL.
    let fetched = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then((r) => r.json()).then(done, (e) => done(String(e)));",
            vec![Value::String(href.to_owned())],
        )
        .await?
        .json()
        .clone();
    assert_eq!(fetched["version"], "1.0", "{fetched}");
    assert_eq!(fetched["type"], "rich");
    assert!(fetched["width"].as_u64().is_some() && fetched["height"].as_u64().is_some());
    let article = read_json(publication.out().join(format!("articles/{slug}.json")))?;
    assert_eq!(fetched["title"], article["title"]);
    assert_eq!(read_json(publication.file_of(href))?, fetched);

    // A fresh page holding only the snippet shows the article.
    let html = fetched["html"].as_str().unwrap();
    std::fs::write(
        publication.out().join("consumer.html"),
        format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>A consumer</title></head><body>{html}</body></html>"),
    )?;
    let fresh = Browser::start().await?;
    fresh
        .goto(publication.site.url("pub/consumer.html"))
        .await?;
    let states = wait_for_widgets(&fresh, 1, DEFAULT_TIMEOUT).await?;
    assert_eq!(states[0]["title"], article["title"], "{}", states[0]);
    fresh.quit().await?;
    browser.quit().await
}
