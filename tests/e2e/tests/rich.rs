//! The embed's two engines in headless Chromium: articles with lists,
//! tables, videos, galleries, pull quotes, separators, rich text runs and
//! responsive photos are shown whole by the rich engine — on a partner page
//! and in the reader, which shows articles through the same widget — while
//! a page of plain articles never asks for the rich engine. Every server is
//! a loopback devserver started here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::{
    dist_dir, eval, origin_of, read_json, serve_origin, serve_partner_pages, wait_for_widgets,
    wait_until, workspace_dir, Browser, ServerHandle, Site, DEFAULT_TIMEOUT, EMBED_DIR,
};
use serde_json::Value;

/// The demo article that uses every kind of block (relative to `demo/`).
const EVERY_BLOCK: &str = "articles/minh-hoa-giai-chay-vi-moi-truong-xanh.json";
/// The demo article in Arabic, right to left, with lists, a table, a pull
/// quote and a separator.
const RTL: &str = "articles/minh-hoa-bai-viet-tieng-a-rap.json";

/// The rich engine's files, which only articles that need them may request.
const RICH_FILES: [&str; 2] = ["article_widget_rich_bg.wasm", "article_widget_rich.js"];

/// Where each block type of the article format appears among the children
/// of the widget's `.aw-body`.
const BLOCK_SELECTORS: [(&str, &str); 10] = [
    ("paragraph", ":scope > p"),
    ("heading", ":scope > .aw-subheading"),
    ("figure", ":scope > figure.aw-figure"),
    ("quote", ":scope > .aw-quote"),
    ("pullquote", ":scope > aside.aw-pullquote"),
    ("list", ":scope > .aw-list"),
    ("table", ":scope > .aw-table"),
    ("video", ":scope > figure.aw-video"),
    ("gallery", ":scope > figure.aw-gallery"),
    ("separator", ":scope > hr.aw-separator"),
];

/// The widget origin (the release build) and the article origin (`demo/`).
fn origins() -> Result<(ServerHandle, ServerHandle)> {
    let dist = dist_dir();
    ensure!(
        dist.join(EMBED_DIR).join(RICH_FILES[0]).is_file(),
        "no rich engine in {} (run `cargo xtask build`)",
        dist.display()
    );
    let widget = serve_origin(dist, |b| b)?;
    let data = serve_origin(workspace_dir().join("demo"), |b| b)?;
    Ok((widget, data))
}

/// How many requests `server` saw for each of the rich engine's files.
fn rich_requests(server: &ServerHandle, prefix: &str) -> Vec<usize> {
    RICH_FILES
        .iter()
        .map(|f| server.request_count(&format!("{prefix}{f}")))
        .collect()
}

/// Counts, per block type, the blocks of `article` (its JSON) and the
/// elements the widget `host_css` (`null` for every widget's shadow root in
/// turn: the first one with a body) shows for them; fails when they differ.
async fn assert_every_block_shown(
    browser: &Browser,
    host_css: &str,
    article: &Value,
) -> Result<()> {
    let selectors: Vec<&str> = BLOCK_SELECTORS.iter().map(|(_, s)| *s).collect();
    let shown = wait_until(
        &format!("the body of {host_css} with all its blocks"),
        DEFAULT_TIMEOUT,
        || async {
            let counts = browser
                .execute(
                    "const body = document.querySelector(arguments[0])?.shadowRoot
                       ?.querySelector('.aw-body');
                     if (!body) return null;
                     return arguments[1].map((css) => body.querySelectorAll(css).length);",
                    vec![Value::from(host_css), serde_json::to_value(&selectors)?],
                )
                .await?
                .json()
                .clone();
            Ok(counts.as_array().cloned())
        },
    )
    .await?;
    let body = article["body"]
        .as_array()
        .context("the article has a body")?;
    let mut expected = Vec::new();
    for (kind, _) in BLOCK_SELECTORS {
        expected.push(Value::from(
            body.iter().filter(|b| b["type"] == kind).count(),
        ));
    }
    let named: Vec<String> = BLOCK_SELECTORS
        .iter()
        .zip(shown.iter().zip(&expected))
        .map(|((kind, _), (got, want))| format!("{kind}: {got} of {want}"))
        .collect();
    ensure!(shown == expected, "{host_css} shows {named:?}");
    Ok(())
}

/// What only the rich engine shows inside blocks of every kind: a link run
/// in a paragraph, a responsive photo's `srcset`.
async fn assert_runs_and_srcset(browser: &Browser, host_css: &str) -> Result<()> {
    let found = eval(
        browser,
        &format!(
            "const root = document.querySelector({host_css:?}).shadowRoot;
             return [root.querySelectorAll('.aw-body > p a[href]').length,
                     root.querySelectorAll('.aw-body > figure.aw-figure img[srcset]').length];"
        ),
    )
    .await?;
    ensure!(
        found[0].as_u64() > Some(0) && found[1].as_u64() > Some(0),
        "links in paragraphs and responsive photos in {host_css}: {found}"
    );
    Ok(())
}

#[tokio::test]
async fn articles_with_every_kind_of_block_are_shown_whole_by_the_rich_engine() -> Result<()> {
    let (widget, data) = origins()?;
    let pages = serve_partner_pages(
        &[("WIDGET", origin_of(&widget)), ("DATA", origin_of(&data))],
        |b| b,
    )?;
    let browser = Browser::start().await?;
    browser.goto(format!("{}rich.html", pages.url())).await?;
    let states = wait_for_widgets(&browser, 3, DEFAULT_TIMEOUT).await?;
    ensure!(
        states.iter().all(|s| s["error"].is_null()),
        "every widget shows its article: {states:?}"
    );
    let demo = workspace_dir().join("demo");
    assert_every_block_shown(&browser, "#every", &read_json(demo.join(EVERY_BLOCK))?).await?;
    assert_runs_and_srcset(&browser, "#every").await?;
    assert_every_block_shown(&browser, "#rtl", &read_json(demo.join(RTL))?).await?;
    let dir = eval(
        &browser,
        "return document.querySelector('#rtl').shadowRoot.querySelector('.aw-article').closest('[dir]')?.getAttribute('dir');",
    )
    .await?;
    assert_eq!(dir, "rtl", "the Arabic article reads right to left");
    // The plain article beside them is whole too, and both rich widgets
    // share one download of the rich engine.
    assert_eq!(
        rich_requests(&widget, &format!("/{EMBED_DIR}")),
        [1, 1],
        "requests for {RICH_FILES:?}"
    );
    browser.quit().await
}

#[tokio::test]
async fn a_page_of_plain_articles_never_requests_the_rich_engine() -> Result<()> {
    let (widget, data) = origins()?;
    let pages = serve_partner_pages(
        &[("WIDGET", origin_of(&widget)), ("DATA", origin_of(&data))],
        |b| b,
    )?;
    let browser = Browser::start().await?;
    browser.goto(format!("{}plain.html", pages.url())).await?;
    wait_for_widgets(&browser, 1, DEFAULT_TIMEOUT).await?;
    // Everything the widget does after its first paint is done too: the
    // footer's QR codes are drawn when the page is idle.
    wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
        let pending = eval(
            &browser,
            "return document.querySelector('article-widget').shadowRoot
               .querySelectorAll('.aw-qr-pending').length;",
        )
        .await?;
        Ok((pending.as_u64() == Some(0)).then_some(()))
    })
    .await?;
    ensure!(
        widget.request_count(&format!("/{EMBED_DIR}article_widget_bg.wasm")) == 1,
        "the base engine is requested once"
    );
    assert_eq!(
        rich_requests(&widget, &format!("/{EMBED_DIR}")),
        [0, 0],
        "requests for {RICH_FILES:?} from a page of plain articles"
    );
    // Nor did the page ask anyone else for them (the browser's own log).
    let asked = eval(
        &browser,
        "return performance.getEntriesByType('resource').map((e) => e.name)
           .filter((n) => n.includes('article_widget_rich'));",
    )
    .await?;
    assert_eq!(asked, serde_json::json!([]));
    browser.quit().await
}

#[tokio::test]
async fn the_reader_shows_the_every_block_article_whole() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    let slug = EVERY_BLOCK
        .trim_start_matches("articles/")
        .trim_end_matches(".json");
    browser.goto(site.url(&format!("?article={slug}"))).await?;
    let article = read_json(workspace_dir().join("demo").join(EVERY_BLOCK))?;
    assert_every_block_shown(&browser, "article-widget", &article).await?;
    assert_runs_and_srcset(&browser, "article-widget").await?;
    // (The service worker may ask for them again, to precache them.)
    let asked = rich_requests(site.server(), &format!("/{EMBED_DIR}"));
    ensure!(
        asked.iter().all(|&n| n >= 1),
        "the reader asked for the rich engine: {asked:?}"
    );
    browser.quit().await
}
