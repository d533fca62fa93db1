//! Prerendered widgets (`article-widget render`, `src/embed/prerender.rs`)
//! in headless Chromium: with JavaScript disabled the declarative shadow
//! root shows the whole article (text, captions, links, drawn QR codes);
//! with it enabled `embed.js` adopts the nodes (a `MutationObserver` sees
//! none of them removed, no layout shift), the controls work, the QR code's
//! downloads are added, the page hears `aw-loaded` and the
//! article is kept as the widget's last good copy; an article updated since
//! it was prerendered is rendered once (and announced); an article that
//! cannot be fetched leaves the prerendered one in place. The release build and the
//! pages made here are served on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use anyhow::{ensure, Context as _, Result};
use article_widget::embed::prerender::prerender;
use article_widget::embed::RawOptions;
use article_widget_e2e::thirtyfour::By;
use article_widget_e2e::{
    dist_dir, eval, read_json, wait_until, workspace_dir, Browser, Site, DEFAULT_TIMEOUT,
    DEMO_ARTICLE, EMBED_DIR, WATCH_PRERENDERED,
};
use serde_json::{json, Value};

/// Records layout shifts, the `aw-loaded` events and the QR figure's
/// heights from before `embed.js` runs (module scripts run after this one);
/// [`WATCH_PRERENDERED`] records the nodes.
const OBSERVE: &str = r"<script>
window.__loaded = [];
document.addEventListener('aw-loaded', (event) => window.__loaded.push(event.detail));
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    const what = (n) => n ? `${n.nodeName}.${n.className || ''}` : '?';
    window.__shifts.push([e.value, Math.round(e.startTime), (e.sources || []).map((s) =>
      `${what(s.node)} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`)]);
  }
}).observe({ type: 'layout-shift', buffered: true });
const root = document.querySelector('article-widget').shadowRoot;
// The article's QR figure's heights, from its first layout on.
window.__qrHeights = [];
const figure = root && root.querySelector('.aw-qr');
if (figure) new ResizeObserver((entries) => {
  for (const e of entries) window.__qrHeights.push(Math.round(e.contentRect.height));
}).observe(figure);
</script>";

/// A partner page around `widget`, loading the embed from the site. It keeps its scrollbar's gutter, as
/// `docs/embedding.md` advises: Chromium may paint the page before it has
/// parsed the whole prerendered article, and the scrollbar that appears when
/// the rest arrives would move the widget's centred column sideways by half
/// its width (a shift of the host page's making, 3 runs in 20 without it).
fn page(widget: &str) -> String {
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>A prerendered widget</title>\
         <style>html{{scrollbar-gutter:stable}}</style>\
         <script type=\"module\" src=\"/{EMBED_DIR}embed.js\"></script></head>\
         <body><h1>A partner page</h1><p>Text before the widget.</p>{widget}\
         <p id=\"after\">Text after the widget.</p>{OBSERVE}\
         <script>{WATCH_PRERENDERED}</script></body></html>"
    )
}

/// The site (the release build) with `/pre/` serving the pages written into
/// a temporary directory, and the demo article's URL on it.
struct Pages {
    site: Site,
    dir: tempfile::TempDir,
}

impl Pages {
    fn start() -> Result<Self> {
        ensure!(
            dist_dir().join(EMBED_DIR).join("embed.js").is_file(),
            "no embed in {} (run `cargo xtask build`)",
            dist_dir().display()
        );
        let dir = tempfile::tempdir()?;
        let path = dir.path().to_path_buf();
        let site = Site::start_with(|b| b.mount("/pre/", path))?;
        Ok(Self { site, dir })
    }

    /// Writes `/pre/<name>` with the demo article (`bytes`) prerendered,
    /// its `src` being `src` on the site; returns the page's URL.
    fn write(&self, name: &str, bytes: &[u8], src: &str) -> Result<String> {
        let absolute = self.site.url(src);
        let widget = prerender(
            bytes,
            &absolute,
            Some(&absolute),
            &RawOptions::default(),
            None,
        )
        .map_err(|e| anyhow::anyhow!("prerendering: {e}"))?;
        std::fs::write(self.dir.path().join(name), page(&widget.html))?;
        Ok(self.site.url(&format!("pre/{name}")))
    }
}

fn demo_bytes() -> Vec<u8> {
    std::fs::read(workspace_dir().join(DEMO_ARTICLE)).unwrap()
}

/// What the widget shows, read from its shadow root.
async fn shown(browser: &Browser) -> Result<Value> {
    eval(
        browser,
        r"const el = document.querySelector('article-widget');
          const root = el.shadowRoot;
          if (!root) return null;
          const all = (css) => [...root.querySelectorAll(css)];
          const title = root.querySelector('.aw-title');
          const box = el.getBoundingClientRect();
          return {
            title: title ? title.textContent.trim() : null,
            titleColor: title ? getComputedStyle(title).color : null,
            paragraphs: all('.aw-body p').map((p) => p.textContent.trim()),
            captions: all('.aw-body figcaption').map((c) => c.textContent.trim()),
            images: all('.aw-body img').map((i) => i.getAttribute('src')),
            shareLinks: all('.aw-share-list a[href]').map((a) => a.href),
            qrCodes: all('figure.aw-qr svg').length,
            pending: all('.aw-qr-pending').length,
            height: box.height,
            afterTop: document.getElementById('after').getBoundingClientRect().top,
          };",
    )
    .await
}

#[tokio::test]
async fn with_javascript_disabled_the_prerendered_widget_shows_the_whole_article() -> Result<()> {
    let pages = Pages::start()?;
    let url = pages.write("plain.html", &demo_bytes(), DEMO_ARTICLE)?;
    let browser = Browser::start().await?;
    browser
        .cdp()
        .send_raw(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": true }),
        )
        .await?;
    browser.goto(&url).await?;
    let s = shown(&browser).await?;
    let article = read_json(workspace_dir().join(DEMO_ARTICLE))?;
    assert_eq!(s["title"], article["title"], "{s}");
    let paragraphs: Vec<&str> = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .filter_map(|b| b["text"].as_str())
        .collect();
    assert!(!paragraphs.is_empty());
    for p in &paragraphs {
        assert!(
            s["paragraphs"].as_array().unwrap().iter().any(|x| x == p),
            "paragraph missing: {p}"
        );
    }
    let captions = s["captions"].as_array().unwrap();
    assert!(!captions.is_empty(), "{s}");
    assert!(
        s["shareLinks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h.as_str().unwrap().starts_with("https://www.facebook.com/")),
        "share links are plain links: {s}"
    );
    assert!(s["qrCodes"].as_u64().unwrap() >= 2, "QR codes drawn: {s}");
    assert_eq!(s["pending"], 0);
    // Styled (the stylesheet is in the shadow root) and taking its room.
    assert!(s["height"].as_f64().unwrap() > 600.0, "{s}");
    assert_ne!(s["titleColor"], "rgb(0, 0, 0)", "{s}");
    // No script ran: the embed never fetched the article nor the wasm.
    let server = pages.site.server();
    assert_eq!(server.request_count(&format!("/{DEMO_ARTICLE}")), 0);
    assert_eq!(server.request_count(&format!("/{EMBED_DIR}embed.js")), 0);
    browser.quit().await
}

/// Clicks "larger text" (a real click, as a reader's) until the widget
/// answers (it does once `embed.js` has adopted the nodes): exactly one
/// effective click.
async fn larger_text_once(browser: &Browser) -> Result<Value> {
    wait_until("the text-size control to answer", DEFAULT_TIMEOUT, || async {
        let host = browser.find(By::Css("article-widget")).await?;
        let buttons = host
            .get_shadow_root()
            .await?
            .find_all(By::Css(".aw-textsize button"))
            .await?;
        buttons
            .get(1)
            .ok_or_else(|| anyhow::anyhow!("no text-size buttons"))?
            .click()
            .await?;
        let v = eval(
            browser,
            r"const root = document.querySelector('article-widget').shadowRoot;
              const scale = root.querySelector('.aw-article').style.getPropertyValue('--aw-text-scale');
              return scale ? { scale, live: root.querySelector('.aw-textsize [aria-live]').textContent } : null;",
        )
        .await?;
        Ok((!v.is_null()).then_some(v))
    })
    .await
}

/// `expression`'s value two frames from now, when the observers have
/// reported what the last frame did.
async fn two_frames_later(browser: &Browser, expression: &str) -> Result<Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => done({expression})));"
    );
    Ok(browser
        .execute_async(&script, Vec::new())
        .await?
        .json()
        .clone())
}

/// The article's request and the engine waited for the page's idle period,
/// after the document was parsed and its scripts had run (`DOMContentLoaded`)
/// and after its first paint: they never delay it.
async fn requested_when_idle(browser: &Browser) -> Result<()> {
    let order = eval(
        browser,
        r"const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const parsed = performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
          const asked = (end) => performance.getEntriesByType('resource')
            .find((r) => r.name.endsWith(end))?.startTime;
          return { paint, parsed, article: asked('.json'), wasm: asked('_bg.wasm') };",
    )
    .await?;
    let at = |key: &str| order[key].as_f64().unwrap_or(f64::NAN);
    for request in ["article", "wasm"] {
        ensure!(
            at(request) > at("paint") && at(request) > at("parsed"),
            "the {request} was requested before the page was parsed and painted: {order}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn embed_js_adopts_the_prerendered_nodes_without_a_shift_and_the_controls_work() -> Result<()>
{
    let pages = Pages::start()?;
    let url = pages.write("adopt.html", &demo_bytes(), DEMO_ARTICLE)?;
    let browser = Browser::start().await?;
    browser.goto(&url).await?;
    let before = shown(&browser).await?;
    let text = larger_text_once(&browser).await?;
    assert!(!text["live"].as_str().unwrap_or("").is_empty(), "{text}");

    // The article was fetched once, to compare; nothing was re-rendered.
    let server = pages.site.server();
    assert_eq!(server.request_count(&format!("/{DEMO_ARTICLE}")), 1);
    let checks = eval(
        &browser,
        r"const root = document.querySelector('article-widget').shadowRoot;
          return {
            removed: window.__removed,
            detached: window.__kept.filter((n) => !n.isConnected || n.getRootNode() !== root).length,
            kept: window.__kept.length,
            containers: root.querySelectorAll('.aw-embed').length,
          };",
    )
    .await?;
    assert_eq!(checks["removed"], json!([]), "{checks}");
    assert_eq!(checks["detached"], 0, "{checks}");
    assert!(checks["kept"].as_u64().unwrap() > 20, "{checks}");
    assert_eq!(checks["containers"], 1, "{checks}");
    requested_when_idle(&browser).await?;

    let shifts = two_frames_later(&browser, "window.__shifts").await?;
    let total: f64 = shifts
        .as_array()
        .map(|a| a.iter().filter_map(|s| s[0].as_f64()).sum())
        .unwrap_or_default();
    // The text-size click moved things, but after an input: not counted.
    ensure!(total.abs() < f64::EPSILON, "layout shifts: {shifts}");
    // Copy link answers in the status line.
    let copied = wait_until("the copy status", DEFAULT_TIMEOUT, || async {
        let v = eval(
            &browser,
            r"const root = document.querySelector('article-widget').shadowRoot;
              const status = root.querySelector('.aw-copy-status');
              if (!status.textContent.trim()) root.querySelector('.aw-share-copy')?.click();
              return status.textContent.trim();",
        )
        .await?;
        Ok(v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
    })
    .await?;
    assert!(!copied.is_empty());

    // The QR code's downloads, prerendered without them (the SVG link is the
    // code again, as a data: URL), come from the loader when the page is idle.
    let href = wait_until("the QR code's SVG download", DEFAULT_TIMEOUT, || async {
        let v = eval(
            &browser,
            r"const a = document.querySelector('article-widget').shadowRoot
                .querySelector('.aw-qr-downloads a[download]');
              return a ? a.getAttribute('href') : null;",
        )
        .await?;
        Ok(v.as_str().map(str::to_owned))
    })
    .await?;
    assert!(href.starts_with("data:image/svg+xml"), "{href}");

    let after = shown(&browser).await?;
    assert_eq!(before["title"], after["title"]);
    assert_eq!(before["paragraphs"], after["paragraphs"]);

    // The page heard the article shown, once, and the widget kept its copy.
    let loaded = eval(&browser, "return window.__loaded;").await?;
    assert_eq!(loaded.as_array().map(Vec::len), Some(1), "{loaded}");
    assert_eq!(loaded[0]["title"], before["title"], "{loaded}");
    assert_eq!(
        loaded[0]["src"].as_str(),
        Some(pages.site.url(DEMO_ARTICLE).as_str()),
        "{loaded}"
    );
    assert!(loaded[0]["saved"].is_null(), "{loaded}");
    wait_until("the last good copy", DEFAULT_TIMEOUT, || async {
        let kept = browser
            .execute_async(
                "const [url, done] = arguments;
                 caches.open('article-widget:last-good')
                   .then((cache) => cache.match(url))
                   .then((copy) => copy ? copy.text() : null)
                   .then(done, (e) => done(String(e)));",
                vec![Value::String(pages.site.url(DEMO_ARTICLE))],
            )
            .await?
            .json()
            .clone();
        Ok(kept
            .as_str()
            .filter(|text| text.contains(before["title"].as_str().unwrap_or("?")))
            .map(str::to_owned))
    })
    .await?;
    browser.quit().await
}

#[tokio::test]
async fn the_qr_codes_downloads_come_into_the_room_held_for_them() -> Result<()> {
    let pages = Pages::start()?;
    let url = pages.write("downloads.html", &demo_bytes(), DEMO_ARTICLE)?;
    let browser = Browser::start().await?;
    browser.goto(&url).await?;
    wait_until("the QR code's SVG download", DEFAULT_TIMEOUT, || async {
        let v = eval(
            &browser,
            r"return !!document.querySelector('article-widget').shadowRoot
                .querySelector('.aw-qr-downloads a[download]');",
        )
        .await?;
        Ok((v == Value::Bool(true)).then_some(()))
    })
    .await?;
    // Two frames later, every resize has been reported.
    let heights = two_frames_later(&browser, "window.__qrHeights").await?;
    let seen: std::collections::BTreeSet<i64> = heights
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    ensure!(
        seen.len() == 1,
        "the QR figure kept its height when its downloads came: {heights}"
    );
    browser.quit().await
}

#[tokio::test]
async fn an_article_updated_since_it_was_prerendered_is_rendered_once() -> Result<()> {
    let pages = Pages::start()?;
    let mut stale = read_json(workspace_dir().join(DEMO_ARTICLE))?;
    let served_title = stale["title"].as_str().unwrap().to_owned();
    stale["title"] = Value::String("An older headline".into());
    let url = pages.write("stale.html", stale.to_string().as_bytes(), DEMO_ARTICLE)?;
    let browser = Browser::start().await?;
    browser.goto(&url).await?;
    let title = wait_until("the current headline", DEFAULT_TIMEOUT, || async {
        let s = shown(&browser).await?;
        Ok(s["title"]
            .as_str()
            .filter(|t| *t != "An older headline")
            .map(str::to_owned))
    })
    .await?;
    assert_eq!(title, served_title);
    let loaded = eval(&browser, "return window.__loaded.map((d) => d.title);").await?;
    assert_eq!(loaded, json!([served_title]), "announced once, as served");
    // Rendered whole, once: the footer and QR codes come as usual.
    wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
        let s = shown(&browser).await?;
        Ok((s["qrCodes"].as_u64() >= Some(2)).then_some(()))
    })
    .await?;
    let containers = eval(
        &browser,
        "return document.querySelector('article-widget').shadowRoot.querySelectorAll('.aw-embed').length;",
    )
    .await?;
    assert_eq!(containers, 1);
    browser.quit().await
}

#[tokio::test]
async fn a_source_that_cannot_be_fetched_leaves_the_prerendered_article() -> Result<()> {
    let pages = Pages::start()?;
    let url = pages
        .write("gone.html", &demo_bytes(), "demo/articles/gone.json")
        .context("writing the page")?;
    let browser = Browser::start().await?;
    browser.goto(&url).await?;
    let server = pages.site.server();
    wait_until("the article's 404", DEFAULT_TIMEOUT, || async {
        Ok((server.request_count("/demo/articles/gone.json") > 0).then_some(()))
    })
    .await?;
    // Once the engine is ready and the answer is in, the loader has decided
    // (in the task that follows both).
    browser
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 import('/{EMBED_DIR}embed.js').then((m) => m.ready())
                   .then(() => setTimeout(() => requestAnimationFrame(() => done(true)), 0));"
            ),
            Vec::new(),
        )
        .await?;
    let s = shown(&browser).await?;
    let article = read_json(workspace_dir().join(DEMO_ARTICLE))?;
    assert_eq!(s["title"], article["title"], "{s}");
    let removed = eval(&browser, "return window.__removed;").await?;
    assert_eq!(removed, json!([]));
    let containers = eval(
        &browser,
        "return document.querySelector('article-widget').shadowRoot.querySelectorAll('.aw-embed').length;",
    )
    .await?;
    assert_eq!(
        containers, 1,
        "nothing was added beside the prerendered article"
    );
    browser.quit().await
}
