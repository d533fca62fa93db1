//! The standalone reader page (`index.html`) in headless Chromium: the demo
//! article shown in full at desktop and phone widths, a schema-invalid article
//! reported problem by problem, and a missing article reported as HTTP 404
//! with a working retry.
//!
//! Expected texts come from the demo article's JSON, not from copies here.

use std::time::Duration;

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::{
    console_errors, eval, find, find_all, is_in_viewport, is_visible, read_json, screenshot,
    scroll_into_view, set_viewport, visible_text, wait_for, wait_for_image, wait_for_text,
    wait_until, workspace_dir, Browser, Reply, Site, DEFAULT_TIMEOUT, DEMO_ARTICLE,
};
use serde_json::Value;

/// The reader's two end states: an article or an error box.
const ARTICLE_OR_ERROR: &str = "div.aw article.aw-article, div.aw .aw-error";

/// A fixture path that does not exist.
const MISSING: &str = "/fixtures/does-not-exist.json";

/// Opens the reader at `path` and waits until it shows an article or an error.
async fn open_reader(browser: &Browser, site: &Site, path: &str) -> Result<WebElement> {
    browser.goto(site.url(path)).await?;
    wait_for(browser, ARTICLE_OR_ERROR, DEFAULT_TIMEOUT).await
}

/// The visible text of every element matching `css`, in document order, after
/// checking that each one is shown and, scrolled to, inside the viewport.
async fn shown_texts(driver: &WebDriver, css: &str) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for (i, element) in find_all(driver, css).await?.iter().enumerate() {
        scroll_into_view(element).await?;
        ensure!(is_visible(element).await?, "`{css}` #{i} is not visible");
        ensure!(
            is_in_viewport(element).await?,
            "`{css}` #{i} is not in the viewport after scrolling to it"
        );
        texts.push(visible_text(element).await?);
    }
    Ok(texts)
}

/// The one visible text of the single element matching `css`.
async fn shown_text(driver: &WebDriver, css: &str) -> Result<String> {
    let mut texts = shown_texts(driver, css).await?;
    ensure!(
        texts.len() == 1,
        "expected one `{css}`, found {}: {texts:?}",
        texts.len()
    );
    Ok(texts.remove(0))
}

/// String field `key` of every body block of type `kind`, in order.
fn block_fields(article: &Value, kind: &str, key: &str) -> Vec<String> {
    article["body"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|block| block["type"] == kind)
        .filter_map(|block| block[key].as_str().map(str::to_owned))
        .collect()
}

/// A required string field of the demo JSON.
fn field<'a>(article: &'a Value, pointer: &str) -> Result<&'a str> {
    article
        .pointer(pointer)
        .and_then(Value::as_str)
        .with_context(|| format!("the demo article has no string at {pointer}"))
}

/// Checks that every text part of the demo article is shown, scrolled to and
/// inside the viewport, with exactly the JSON's words, in order.
async fn assert_demo_texts_shown(browser: &Browser, demo: &Value) -> Result<()> {
    assert_eq!(
        shown_text(browser, "h1.aw-title").await?,
        field(demo, "/title")?
    );
    assert_eq!(
        shown_text(browser, "p.aw-dateline time").await?,
        "Thứ Sáu, 25/11/2022 15:15"
    );
    let time = find(browser, "p.aw-dateline time").await?;
    assert_eq!(
        time.attr("datetime").await?.as_deref(),
        Some(field(demo, "/published")?)
    );
    assert_eq!(
        shown_text(browser, "p.aw-lead").await?,
        field(demo, "/lead")?
    );
    assert_eq!(
        shown_texts(browser, "div.aw-body > p").await?,
        block_fields(demo, "paragraph", "text"),
        "body paragraphs, in order"
    );
    let captions = block_fields(demo, "figure", "caption");
    assert_eq!(captions.len(), 3, "the demo article has three captions");
    assert_eq!(
        shown_texts(browser, "figure.aw-figure figcaption .aw-caption").await?,
        captions
    );
    assert_eq!(
        shown_texts(browser, "figure.aw-figure figcaption .aw-credit").await?,
        block_fields(demo, "figure", "credit")
    );
    let author = shown_text(browser, "p.aw-author").await?;
    let author_name = field(demo, "/authors/0/name")?;
    assert_eq!(author_name, "Hoàng Tùng");
    assert!(author.contains(author_name), "author line: {author:?}");
    let source = shown_text(browser, "p.aw-source").await?;
    assert!(
        source.contains(field(demo, "/source/name")?),
        "source line: {source:?}"
    );
    Ok(())
}

/// Checks that every figure's image loads from the site with the JSON's alt
/// text, and returns the images. They are lazy, so each is scrolled to first.
async fn assert_demo_images_load(
    browser: &Browser,
    site: &Site,
    demo: &Value,
) -> Result<Vec<WebElement>> {
    let images = find_all(browser, "figure.aw-figure img").await?;
    let sources = block_fields(demo, "figure", "src");
    let alts = block_fields(demo, "figure", "alt");
    assert_eq!(images.len(), sources.len(), "one <img> per figure");
    for ((image, src), alt) in images.iter().zip(&sources).zip(&alts) {
        scroll_into_view(image).await?;
        let natural_width = wait_for_image(image, DEFAULT_TIMEOUT).await?;
        assert!(natural_width > 0);
        let actual = image.attr("src").await?.unwrap_or_default();
        let file = src.trim_start_matches("../");
        assert!(
            actual.ends_with(file) && actual.starts_with(&site.origin()),
            "img src {actual:?} should be {file} resolved on the site"
        );
        assert_eq!(image.attr("alt").await?.as_deref(), Some(alt.as_str()));
        assert!(is_visible(image).await?, "image {actual} is not visible");
    }
    Ok(images)
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_article_is_shown_in_full_at_desktop_and_phone_widths() -> Result<()> {
    let demo = read_json(workspace_dir().join(DEMO_ARTICLE))?;
    let site = Site::start()?;
    let browser = Browser::start().await?;

    // The home view lists the feed; the demo article is its first item.
    let root = open_reader(
        &browser,
        &site,
        "?article=quan-uy-le-chan-tong-ket-nghi-quyet-8",
    )
    .await?;
    ensure!(
        root.class_name()
            .await?
            .unwrap_or_default()
            .contains("aw-article"),
        "the demo article did not load: {}",
        visible_text(&root).await?
    );
    assert_demo_texts_shown(&browser, &demo).await?;
    // The page's first script started the article's download by the brand's
    // rule, before the reader's wasm had arrived; the widget took that
    // response (one download), and the article page asked for no feed.
    let timing = eval(
        &browser,
        &format!(
            "const all = performance.getEntriesByType('resource');
             const article = all.filter((e) => e.name.endsWith('/{DEMO_ARTICLE}'));
             const wasm = all.find((e) => /article-widget-reader-[^/]*\\.wasm$/.test(e.name));
             return [article.length, article[0] ? article[0].startTime : -1,
                     wasm ? wasm.responseEnd : -1,
                     all.filter((e) => e.name.endsWith('/index.json')).length];"
        ),
    )
    .await?;
    assert_eq!(timing[0], 1, "the article is downloaded once: {timing}");
    let (article_start, wasm_end) = (
        timing[1].as_f64().unwrap_or(-1.0),
        timing[2].as_f64().unwrap_or(-1.0),
    );
    assert!(
        (0.0..wasm_end).contains(&article_start),
        "the article was requested at {article_start} ms, not before the reader's wasm arrived at {wasm_end} ms"
    );
    assert_eq!(timing[3], 0, "an article page fetches no feed: {timing}");
    assert!(
        find_all(&browser, ".aw-omitted").await?.is_empty(),
        "the demo article should have no parts left out"
    );
    let images = assert_demo_images_load(&browser, &site, &demo).await?;

    // index.html declares no icon, so Chromium's automatic /favicon.ico
    // request is a 404 that says nothing about the reader itself.
    let errors: Vec<String> = console_errors(&browser)
        .await?
        .into_iter()
        .filter(|e| !e.contains("/favicon.ico "))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // Desktop width, as the window was opened.
    eval(&browser, "window.scrollTo(0, 0);").await?;
    assert_eq!(eval(&browser, "return window.innerWidth;").await?, 1280);
    let shot = screenshot(&browser, "reader-demo-1280").await?;
    assert_eq!(shot.width, 1280, "{}", shot.path.display());

    // Phone width: every part still shown, nothing wider than the screen.
    set_viewport(&browser, 390, 844).await?;
    assert_demo_texts_shown(&browser, &demo).await?;
    eval(&browser, "window.scrollTo(0, 0);").await?;
    let scroll_width = eval(&browser, "return document.documentElement.scrollWidth;").await?;
    assert_eq!(scroll_width, 390, "the page scrolls sideways at 390 px");
    for image in &images {
        let rect = image.rect().await?;
        assert!(
            rect.width > 0.0 && rect.x >= 0.0 && rect.x + rect.width <= 390.5,
            "image overflows at 390 px: {rect:?}"
        );
    }
    let shot = screenshot(&browser, "reader-demo-390").await?;
    assert_eq!(shot.width, 390, "{}", shot.path.display());

    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn schema_errors_are_listed_with_their_paths() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;

    open_reader(
        &browser,
        &site,
        "index.html?src=/fixtures/schema-error.json",
    )
    .await?;
    let alert = wait_for(&browser, ".aw-error[role=alert]", DEFAULT_TIMEOUT).await?;
    assert!(is_visible(&alert).await?, "the error box is not visible");
    let message = visible_text(&alert.find(By::Css(".aw-error-message")).await?).await?;
    assert!(
        message.contains("Dữ liệu bài viết không hợp lệ"),
        "the message should say the article data is invalid: {message:?}"
    );

    let problems = shown_texts(&browser, ".aw-error ul.aw-problems li code").await?;
    let line = |prefix: &str| {
        problems
            .iter()
            .find(|p| p.starts_with(prefix))
            .cloned()
            .with_context(|| format!("no problem line starts with {prefix:?}: {problems:#?}"))
    };
    assert_eq!(line("title:")?, "title: required field is missing");
    let published = line("published:")?;
    assert!(published.contains("offset"), "{published:?}");
    let figure = line("body[1].src:")?;
    assert!(figure.contains("http"), "{figure:?}");

    // Nothing of the invalid article reaches the page, least of all the script URL.
    assert!(find_all(&browser, "article.aw-article").await?.is_empty());
    let unsafe_links =
        find_all(&browser, "[src^='javascript:' i], [href^='javascript:' i]").await?;
    assert!(unsafe_links.is_empty(), "a javascript: URL reached the DOM");

    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_article_shows_http_404_and_retry_fetches_again() -> Result<()> {
    // Slow the missing file down so the loading state can be seen: the
    // widget shows it once the article is 200 ms later than its engine,
    // which on a loaded 2-core machine can take more than a second.
    let site = Site::start_with(|builder| {
        builder.handler(|request| {
            (request.path == MISSING).then(|| Reply::passthrough().delay(Duration::from_secs(4)))
        })
    })?;
    let browser = Browser::start().await?;
    let src = format!("index.html?src={MISSING}");
    browser.goto(site.url(&src)).await?;

    let loading = wait_for(&browser, ".aw-loading[role=status]", DEFAULT_TIMEOUT).await?;
    assert!(
        is_visible(&loading).await?,
        "the loading notice is not visible"
    );
    assert!(
        !visible_text(&loading).await?.is_empty(),
        "loading without words"
    );

    let alert = wait_for_text(
        &browser,
        ".aw-error[role=alert] .aw-error-message",
        "HTTP 404",
        DEFAULT_TIMEOUT,
    )
    .await?;
    assert!(is_visible(&alert).await?);
    let retry = find(&browser, ".aw-error[role=alert] button").await?;
    assert!(is_visible(&retry).await? && retry.is_enabled().await?);
    assert!(
        !visible_text(&retry).await?.is_empty(),
        "retry button without a label"
    );
    assert_eq!(site.server().request_count(MISSING), 1);

    retry.click().await?;
    wait_until(
        "a second request for the article",
        DEFAULT_TIMEOUT,
        || async { Ok((site.server().request_count(MISSING) == 2).then_some(())) },
    )
    .await?;
    // While it asks again, the widget says it is loading.
    wait_for(&browser, ".aw-loading[role=status]", DEFAULT_TIMEOUT).await?;
    wait_for_text(
        &browser,
        ".aw-error[role=alert] .aw-error-message",
        "HTTP 404",
        DEFAULT_TIMEOUT,
    )
    .await?;
    assert_eq!(site.server().request_count(MISSING), 2);

    browser.quit().await
}
