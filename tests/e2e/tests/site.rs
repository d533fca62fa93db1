//! The demo publication (`article-widget site demo/site.toml`) in headless
//! Chromium: every article page carries a canonical URL, Open Graph tags and
//! `NewsArticle` JSON-LD that agree with the published article; the oEmbed
//! document is discoverable from the page and its `html` shows the article
//! in a fresh page; the prerendered widget is adopted (its controls work).
//! The publication's reader (`--reader`, in `reader/`) is the publisher's:
//! the demo's shows the demo publication, and a second publication
//! (`fixtures/second-site/`: another name, colour, language, feed and
//! articles) shows its own, with nothing of the demo publisher left in any
//! file it wrote.
//! Each site is built into a temporary directory and served on loopback
//! beside the release build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use anyhow::{anyhow, ensure, Result};
use article_widget_cli::site::{build, Args};
use article_widget_e2e::{
    dist_dir, eval, fixtures_dir, read_json, wait_for_text, wait_for_widgets, wait_until,
    workspace_dir, Browser, Site, DEFAULT_TIMEOUT, EMBED_DIR,
};
use serde_json::Value;

/// The release build with a publication built under `/pub/`.
struct Publication {
    site: Site,
    dir: tempfile::TempDir,
}

impl Publication {
    /// The demo publication, with its reader.
    fn build() -> Result<Self> {
        Self::build_from(&workspace_dir().join("demo/site.toml"))
    }

    /// The publication `config` describes, with the release build's embed
    /// and reader.
    fn build_from(config: &Path) -> Result<Self> {
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
            config: config.to_path_buf(),
            out: dir.path().to_path_buf(),
            url: Some(site.url("pub/")),
            embed: Some(embed),
            reader: Some(dist_dir()),
            force: false,
        })
        .map_err(|e| anyhow!("site: {e}"))?;
        ensure!(report.invalid.is_empty(), "refused: {:?}", report.invalid);
        ensure!(report.articles >= 2, "{report:?}");
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

/// What the reader at `pub/reader/` shows once its list is in: brand, tab
/// title, language, colours, the list's heading and titles, social links.
async fn reader_view(browser: &Browser) -> Result<Value> {
    eval(
        browser,
        r"const brand = document.querySelector('.aw-reader-brand');
          return {
            brand: brand?.textContent.trim() ?? null,
            rule: brand ? getComputedStyle(brand).borderBottomColor : null,
            themeColor: document.querySelector('meta[name=theme-color]')?.content ?? null,
            lang: document.documentElement.lang,
            tab: document.title,
            heading: document.querySelector('.aw-feed-title')?.textContent.trim() ?? null,
            titles: [...document.querySelectorAll('.aw-feed-item-title')].map((e) => e.textContent.trim()),
            social: [...document.querySelectorAll('.aw-social-pages a')].map((a) => a.href),
          };",
    )
    .await
}

/// Opens the reader's first listed article and returns what its widget shows.
async fn open_first_article(browser: &Browser) -> Result<Value> {
    eval(
        browser,
        "document.querySelector('.aw-feed-item-title a').click(); return null;",
    )
    .await?;
    let states = wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    Ok(states[0].clone())
}

/// The titles of a feed document, in order.
fn feed_titles(feed: &Value) -> Vec<Value> {
    feed["items"]
        .as_array()
        .map(|items| items.iter().map(|i| i["title"].clone()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_demo_publication_s_reader_shows_the_demo_publication_and_its_feed() -> Result<()> {
    let publication = Publication::build()?;
    let feed = read_json(publication.out().join("feed.json"))?;
    let browser = Browser::start().await?;
    browser.goto(publication.site.url("pub/reader/")).await?;
    wait_for_text(
        &browser,
        ".aw-feed-item-title",
        feed["items"][0]["title"].as_str().unwrap_or_default(),
        DEFAULT_TIMEOUT,
    )
    .await?;
    let view = reader_view(&browser).await?;
    assert_eq!(view["brand"], "Cổng tin tức Thành phố Hải Phòng", "{view}");
    assert_eq!(view["themeColor"], "#b3201f");
    assert_eq!(view["rule"], "rgb(179, 32, 31)");
    assert_eq!(view["lang"], "vi");
    assert_eq!(view["heading"], "Tin mới");
    assert_eq!(view["titles"], Value::Array(feed_titles(&feed)));
    let shown = open_first_article(&browser).await?;
    assert_eq!(shown["title"], feed["items"][0]["title"], "{shown}");
    browser.quit().await
}

/// Strings of the demo publisher: its names, site address, colour, and its
/// articles' titles and file names.
fn demo_strings() -> Result<Vec<String>> {
    let mut strings: Vec<String> = [
        "Hải Phòng",
        "Hai Phong",
        "haiphong",
        "Tin tức HP",
        "tintuc.haiphong.example",
        "#b3201f",
    ]
    .map(str::to_owned)
    .to_vec();
    for entry in std::fs::read_dir(workspace_dir().join("demo/articles"))? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n == "index.json") {
            continue;
        }
        let article = read_json(&path)?;
        strings.extend(article["title"].as_str().map(str::to_owned));
        strings.extend(path.file_stem().and_then(|s| s.to_str()).map(str::to_owned));
    }
    ensure!(strings.len() > 10, "{strings:?}");
    Ok(strings)
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

#[tokio::test]
async fn a_second_publication_s_reader_is_its_own_and_no_demo_string_is_left() -> Result<()> {
    let config = fixtures_dir().join("second-site/site.toml");
    let publication = Publication::build_from(&config)?;
    let out = publication.out();
    let feed = read_json(out.join("feed.json"))?;
    let titles = feed_titles(&feed);
    assert_eq!(
        titles,
        [
            "Old river bridge reopens after two years of repairs",
            "Valley library stays open late on Thursdays"
        ],
        "the second site's feed, newest first"
    );

    let browser = Browser::start().await?;
    browser.goto(publication.site.url("pub/reader/")).await?;
    wait_for_text(
        &browser,
        ".aw-feed-item-title",
        "Old river bridge reopens",
        DEFAULT_TIMEOUT,
    )
    .await?;
    let view = reader_view(&browser).await?;
    assert_eq!(view["brand"], "Northwind Ledger", "{view}");
    assert_eq!(view["tab"], "Northwind Ledger");
    assert_eq!(view["themeColor"], "#0a7d4f");
    assert_eq!(
        view["rule"], "rgb(10, 125, 79)",
        "the bar's rule is its colour"
    );
    assert_eq!(view["lang"], "en");
    assert_eq!(
        view["heading"], "Latest news",
        "its main language is the reader's"
    );
    assert_eq!(view["titles"], Value::Array(titles.clone()));
    assert_eq!(
        view["social"],
        serde_json::json!(["https://social.northwind.example/@ledger"])
    );
    let shown = open_first_article(&browser).await?;
    assert_eq!(shown["title"], titles[0], "{shown}");
    let tab = format!(
        "{} — Northwind Ledger",
        titles[0].as_str().unwrap_or_default()
    );
    wait_until(
        &format!("the tab title {tab:?}"),
        DEFAULT_TIMEOUT,
        || async {
            Ok((eval(&browser, "return document.title;").await? == tab.as_str()).then_some(()))
        },
    )
    .await?;
    browser.quit().await?;

    let manifest = read_json(out.join("reader/manifest.webmanifest"))?;
    assert_eq!(manifest["name"], "Northwind Ledger");
    assert_eq!(manifest["short_name"], "Ledger");
    assert_eq!(manifest["theme_color"], "#0a7d4f");
    assert_eq!(manifest["background_color"], "#f4f7f2");
    let icons = manifest["icons"].as_array().cloned().unwrap_or_default();
    ensure!(!icons.is_empty(), "{manifest}");
    for icon in &icons {
        let src = icon["src"].as_str().unwrap_or_default();
        ensure!(out.join("reader").join(src).is_file(), "icon {src} missing");
    }
    let sw = std::fs::read_to_string(out.join("reader/sw.js"))?;
    ensure!(
        sw.contains("FEED = '../feed.json'"),
        "the worker keeps this site's feed"
    );

    no_demo_string_in(out)
}

/// Fails when any file under `out` (every file a build wrote: the reader's
/// wasm, the embed, the worker, pages, feeds) holds a [`demo_strings`] string,
/// compared without ASCII case.
fn no_demo_string_in(out: &Path) -> Result<()> {
    let demo = demo_strings()?;
    let files = files_under(out)?;
    let mut left = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file)?.to_ascii_lowercase();
        for s in &demo {
            let needle = s.to_ascii_lowercase();
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                left.push(format!("{}: {s}", file.display()));
            }
        }
    }
    assert!(left.is_empty(), "demo strings left: {left:#?}");
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix(out).ok())
        .map(|f| f.display().to_string())
        .collect();
    for expected in [
        "reader/index.html",
        "reader/sw.js",
        "embed/v1/embed.js",
        "articles/river-bridge-reopens.json",
    ] {
        ensure!(
            names.iter().any(|n| n == expected),
            "{expected} not in {names:?}"
        );
    }
    ensure!(
        names
            .iter()
            .any(|n| n.starts_with("reader/")
                && Path::new(n).extension().is_some_and(|e| e == "wasm")),
        "the reader's wasm was scanned: {names:?}"
    );
    Ok(())
}
