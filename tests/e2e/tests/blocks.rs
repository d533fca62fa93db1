//! The every-block demo article (`demo/articles/minh-hoa-giai-chay-vi-moi-truong-xanh.json`:
//! rich text, a responsive photo, sub-headings, lists, a table, a pull quote,
//! a video facade, a gallery, a separator, a quotation) in headless Chromium:
//! every block is shown (the rich engine renders them); its responsive photo
//! is picked for the widget's own width, not the page's (the article
//! origin's request log says which file was fetched); and axe-core finds no
//! violation in any theme (light, dark, sepia, auto under a dark system), in
//! the embed and in the reader.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::{
    dist_dir, emulate_media, eval, find_all, origin_of, run_axe, serve_origin, serve_partner_pages,
    set_viewport, wait_for_widgets, wait_until, widget_states, workspace_dir, Browser,
    ServerHandle, Site, DEFAULT_TIMEOUT,
};
use serde_json::{json, Value};

/// The every-block demo article, relative to `demo/`.
const ARTICLE: &str = "articles/minh-hoa-giai-chay-vi-moi-truong-xanh.json";

/// One element each block of the article must give, by its markup.
const BLOCKS: &[&str] = &[
    ".aw-body p a[href]",
    ".aw-body strong",
    ".aw-body em",
    "figure.aw-figure img[srcset]",
    ".aw-body h3, .aw-body h2",
    "ul.aw-list li ul",
    "ol.aw-list",
    ".aw-table table th[scope=row]",
    ".aw-pullquote",
    ".aw-video .aw-video-facade",
    ".aw-gallery .aw-gallery-track img",
    "hr.aw-separator",
    ".aw-quote",
];

/// The WCAG rules (and, where `best_practice`, axe's best practices).
fn axe_options(best_practice: bool) -> Value {
    let mut tags = vec!["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    if best_practice {
        tags.push("best-practice");
    }
    json!({
        "runOnly": { "type": "tag", "values": tags },
        "resultTypes": ["violations"],
    })
}

/// Checks that every block of the article is on the page, not dropped.
async fn assert_every_block(browser: &Browser) -> Result<()> {
    for css in BLOCKS {
        ensure!(
            !find_all(browser, css).await?.is_empty(),
            "the every-block article shows no `{css}`"
        );
    }
    Ok(())
}

/// Waits until the widget's QR codes (made when the page is idle) are in.
async fn wait_for_qr_codes(browser: &Browser) -> Result<()> {
    wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
        let pending = find_all(browser, ".aw-qr-pending").await?.len();
        let drawn = find_all(browser, ".aw-article-qr svg.aw-qr-box")
            .await?
            .len();
        Ok((pending == 0 && drawn == 1).then_some(()))
    })
    .await
}

/// The responsive photo's two files, as the article origin serves them.
const SMALL: &str = "/images/duong-chay-480.svg";
const LARGE: &str = "/images/duong-chay-1280.svg";

/// The partner pages' three origins: pages, widget (the release build) and
/// articles (the demo folder, whose request log the tests read).
struct Origins {
    pages: ServerHandle,
    _widget: ServerHandle,
    data: ServerHandle,
}

impl Origins {
    fn start() -> Result<Self> {
        let widget = serve_origin(dist_dir(), |b| b)?;
        let data = serve_origin(workspace_dir().join("demo"), |b| b)?;
        let (w, d) = (origin_of(&widget), origin_of(&data));
        let pages = serve_partner_pages(&[("WIDGET", w), ("DATA", d)], |b| b)?;
        Ok(Self {
            pages,
            _widget: widget,
            data,
        })
    }

    fn page(&self, name: &str) -> String {
        format!("{}{name}", self.pages.url())
    }
}

/// The responsive photo in the page's widget, once it has loaded: its
/// `currentSrc`, `sizes`, laid-out width and the widget's width.
async fn loaded_photo(browser: &Browser) -> Result<Value> {
    let seen = std::sync::Mutex::new(Value::Null);
    let loaded = wait_until("the responsive photo to load", DEFAULT_TIMEOUT, || async {
        let photo = eval(
            browser,
            "const host = document.querySelector('article-widget');
             const img = host.shadowRoot.querySelector('img[srcset]');
             if (!img) return null;
             img.scrollIntoView({ block: 'center', behavior: 'instant' });
             return { src: img.currentSrc, sizes: img.sizes, complete: img.complete,
                      natural: img.naturalWidth,
                      width: img.getBoundingClientRect().width,
                      widget: host.getBoundingClientRect().width };",
        )
        .await?;
        let done = photo["complete"] == true && photo["natural"].as_u64().unwrap_or(0) > 0;
        if let Ok(mut seen) = seen.lock() {
            seen.clone_from(&photo);
        }
        Ok(done.then_some(photo))
    })
    .await;
    loaded.map_err(|e| {
        let seen = seen.lock().map(|s| format!("{s}")).unwrap_or_default();
        e.context(format!("the photo last seen: {seen}"))
    })
}

/// Opens `page` at 1280 × 1000 and returns the loaded photo (see
/// [`loaded_photo`]) and how often each file was requested.
async fn photo_on(page: &str) -> Result<(Value, usize, usize)> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    set_viewport(&browser, 1280, 1000).await?;
    browser.goto(origins.page(page)).await?;
    wait_for_widgets(&browser, 1, DEFAULT_TIMEOUT).await?;
    let photo = loaded_photo(&browser).await?;
    // Whatever else the page would load has had its chance: the footer and
    // the QR codes come after the first paint.
    wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
        let pending = eval(
            &browser,
            "return document.querySelector('article-widget').shadowRoot
               .querySelectorAll('.aw-qr-pending').length;",
        )
        .await?;
        Ok((pending == 0).then_some(()))
    })
    .await?;
    let counts = (
        origins.data.request_count(SMALL),
        origins.data.request_count(LARGE),
    );
    browser.quit().await?;
    Ok((photo, counts.0, counts.1))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_narrow_widget_on_a_wide_page_loads_the_small_photo() -> Result<()> {
    let (photo, small, large) = photo_on("photos.html").await?;
    let widget = photo["widget"].as_f64().context("widget width")?;
    ensure!(
        (widget - 320.0).abs() < 1.0,
        "the widget is {widget} px wide"
    );
    ensure!(
        small == 1 && large == 0,
        "requests: {small} for the 480 px file, {large} for the 1280 px one; photo {photo:#}"
    );
    ensure!(
        photo["src"].as_str().unwrap_or_default().ends_with(SMALL),
        "{photo:#}"
    );
    // The browser picked the file by the width the photo is laid out at.
    ensure!(
        photo["sizes"]
            .as_str()
            .unwrap_or_default()
            .starts_with("auto,"),
        "{photo:#}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_width_widget_loads_the_large_photo() -> Result<()> {
    let (photo, small, large) = photo_on("photos-wide.html").await?;
    let width = photo["width"].as_f64().context("photo width")?;
    ensure!(width > 480.0, "the photo is laid out {width} px wide");
    ensure!(
        small == 0 && large == 1,
        "requests: {small} for the 480 px file, {large} for the 1280 px one; photo {photo:#}"
    );
    Ok(())
}

/// The themes audited, with the system colour scheme each runs under.
const THEMES: [(&str, Option<&str>); 4] = [
    ("light", None),
    ("dark", None),
    ("sepia", None),
    ("auto", Some("dark")),
];

#[tokio::test(flavor = "multi_thread")]
async fn axe_core_finds_no_violations_in_every_block_in_the_embed_in_any_theme() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("blocks.html")).await?;
    wait_for_widgets(&browser, 1, DEFAULT_TIMEOUT).await?;
    assert_every_block(&browser).await?;
    let mut report = String::new();
    for (theme, system) in THEMES {
        emulate_media(&browser, None, system).await?;
        eval(
            &browser,
            &format!(
                "document.querySelector('article-widget').setAttribute('theme', '{theme}'); return 0;"
            ),
        )
        .await?;
        wait_until(&format!("the {theme} theme"), DEFAULT_TIMEOUT, || async {
            let now = widget_states(&browser).await?;
            Ok(now
                .first()
                .is_some_and(|w| w["theme"] == theme && w["rendered"] == true)
                .then_some(()))
        })
        .await?;
        wait_for_qr_codes(&browser).await?;
        assert_every_block(&browser).await?;
        // The page around the widget is a bare test page: the WCAG rules
        // only, on the widget (axe-core enters its shadow root).
        for v in run_axe(&browser, &axe_options(false)).await? {
            let _ = write!(report, "[{theme}] {v}");
        }
    }
    ensure!(report.is_empty(), "axe-core violations:\n{report}");
    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_core_finds_no_violations_in_every_block_in_the_reader_in_any_theme() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    let mut report = String::new();
    for (theme, system) in THEMES {
        emulate_media(&browser, None, system).await?;
        browser
            .goto(site.url(&format!("index.html?src=demo/{ARTICLE}&theme={theme}")))
            .await?;
        wait_until(
            &format!("the article in the {theme} theme"),
            DEFAULT_TIMEOUT,
            || async {
                let themed =
                    find_all(&browser, &format!(".aw[data-theme={theme}] .aw-body")).await?;
                Ok((!themed.is_empty()).then_some(()))
            },
        )
        .await?;
        wait_for_qr_codes(&browser).await?;
        assert_every_block(&browser).await?;
        for v in run_axe(&browser, &axe_options(true)).await? {
            let _ = write!(report, "[{theme}] {v}");
        }
    }
    ensure!(report.is_empty(), "axe-core violations:\n{report}");
    browser.quit().await
}
