//! The same scenarios in every browser engine a reader may have: Firefox
//! (Gecko) and WebKit (Safari's engine), next to the Chromium of the other
//! end-to-end tests. Each scenario is one function; the `firefox::` and
//! `webkit::` test modules run them all. Those with the page's scripts on
//! share one browser (`in_one_browser`: a Firefox start costs more than
//! most scenarios), each from a blank page and on its own servers, so its
//! own origins and storage; the test says on stderr how each went and how
//! long it took, starts a fresh browser after a failure and fails naming
//! every failed scenario. `ENGINE_SCENARIO=video` runs only the scenarios
//! whose name contains `video`. A scenario needing another browser (the
//! page's scripts off) is a test of its own.
//!
//! The scenarios: the reader's article page; the demo partner page (the
//! widget in a shadow root and in iframe mode) and a page whose widget and
//! article come from two other origins; a partner page under a strict
//! Content-Security-Policy and one with hostile CSS; the text-size buttons;
//! copy link through the real clipboard; reading offline after a reload,
//! where the engine has service workers; a page prerendered by
//! `article-widget render` (declarative shadow DOM) read with the page's
//! scripts off (the whole article, plain links, no request), and adopted by
//! `embed.js` with them on (no node replaced, the widget unmoved, the
//! controls working); videos behind their facade, played by a click, Enter
//! and Space (no request to the video host before, the player focused) and
//! under a strict CSP with and without the video host in `frame-src`. A
//! scenario that needs a feature an engine lacks says
//! so on stderr, and checks that the feature really is missing
//! ([`Engine::lacks`]), so it never passes silently.
//!
//! They are ignored by a plain `cargo test`, which need not have Firefox and
//! WebKit: `cargo xtask test` installs both and runs them in its `engines`
//! step (`cargo test -p article-widget-e2e --test engines -- --ignored`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write as _;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context as _, Result};
use article_widget_cli::render;
use article_widget_e2e::engines::{deep_find, deep_text, wait_deep, Scripts};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::videos::{
    player_path, strict_video_policy, video_facade as facade, video_player, wait_for_qr_codes,
    VideoOrigins,
};
use article_widget_e2e::{
    dist_dir, eval, find, origin_of, read_json, serve_origin, serve_partner_pages,
    wait_for_widgets, wait_until, workspace_dir, Browser, Engine, Feature, ServerHandle, Site,
    DEFAULT_TIMEOUT, DEMO_ARTICLE, EMBED_DIR, WATCH_PRERENDERED,
};
use serde_json::Value;

/// The demo article's JSON.
fn demo() -> Result<Value> {
    read_json(workspace_dir().join(DEMO_ARTICLE))
}

/// A required string field of the demo JSON.
fn field(pointer: &str) -> Result<String> {
    demo()?
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .with_context(|| format!("the demo article has no string at {pointer}"))
}

/// Writes a line to the test's stderr past the test harness's capture, so
/// that it shows in the output of a passing test too.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether the page's engine has `feature`. When the engine is known to
/// lack it, says why on stderr and checks that it really is missing.
async fn has(browser: &Browser, feature: Feature, scenario: &str) -> Result<bool> {
    let engine = browser.engine();
    let present = eval(browser, feature.probe()).await? == Value::Bool(true);
    match engine.lacks(feature) {
        None => {
            ensure!(
                present,
                "{} should have {} but the page does not see it",
                engine.name(),
                feature.name()
            );
            Ok(true)
        }
        Some(why) => {
            ensure!(
                !present,
                "{} now has {}: take it off Engine::lacks and run `{scenario}` there",
                engine.name(),
                feature.name()
            );
            say(&format!(
                "{}: `{scenario}` not run: {why} (no {})",
                engine.name(),
                feature.name()
            ));
            Ok(false)
        }
    }
}

// ---------------------------------------------------------------------------
// The reader's article page
// ---------------------------------------------------------------------------

/// Opens the demo article in the reader and waits for its title and its QR
/// code (made after the first paint).
async fn open_article(browser: &Browser, site: &Site) -> Result<()> {
    browser
        .goto(site.url(&format!("index.html?src={DEMO_ARTICLE}")))
        .await?;
    let title = field("/title")?;
    wait_until("the article's title", DEFAULT_TIMEOUT, || async {
        Ok(deep_text(browser, ".aw-title")
            .await?
            .filter(|t| *t == title)
            .map(drop))
    })
    .await?;
    wait_deep(browser, "svg.aw-qr-box", DEFAULT_TIMEOUT).await?;
    Ok(())
}

async fn reader_article_page(browser: &Browser) -> Result<()> {
    let site = Site::start()?;
    open_article(browser, &site).await?;
    let demo = demo()?;
    let lead = deep_text(browser, ".aw-lead").await?.unwrap_or_default();
    ensure!(
        lead == demo["lead"].as_str().unwrap_or_default(),
        "lead shown: {lead:?}"
    );
    let paragraphs = eval(
        browser,
        &format!("{DEEP}; return all('.aw-body > p').map((p) => p.textContent.trim());"),
    )
    .await?;
    let first_paragraph = demo["body"]
        .as_array()
        .and_then(|b| b.iter().find(|x| x["type"] == "paragraph"))
        .and_then(|p| p["text"].as_str())
        .unwrap_or_default()
        .to_owned();
    ensure!(
        paragraphs[0].as_str() == Some(first_paragraph.as_str()),
        "the first body paragraph: {}",
        paragraphs[0]
    );
    // Every photo loads (scrolled to: they are lazy).
    let images = eval(
        browser,
        &format!("{DEEP}; return all('.aw-body img, .aw-figure img').length;"),
    )
    .await?;
    let count = images.as_u64().unwrap_or(0);
    ensure!(count > 0, "no photos in the article");
    for index in 0..count {
        wait_until(
            &format!("photo {index} to load"),
            DEFAULT_TIMEOUT,
            || async {
                let done = eval(
                    browser,
                    &format!(
                        "{DEEP}; const i = all('.aw-body img, .aw-figure img')[{index}];
                         i.scrollIntoView({{block: 'center'}});
                         return i.complete && i.naturalWidth > 0;"
                    ),
                )
                .await?;
                Ok((done == Value::Bool(true)).then_some(()))
            },
        )
        .await?;
    }
    // The share links carry the canonical URL.
    let url = demo["url"].as_str().unwrap_or_default();
    let hrefs = eval(
        browser,
        &format!("{DEEP}; return all('.aw-share a[href]').map((a) => decodeURIComponent(a.href));"),
    )
    .await?;
    let hrefs: Vec<&str> = hrefs
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    ensure!(
        !hrefs.is_empty() && hrefs.iter().all(|h| h.contains(url)),
        "share links without the canonical URL: {hrefs:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Text size and copy link
// ---------------------------------------------------------------------------

/// The computed font size, in px, of the first body paragraph.
async fn body_font_px(browser: &Browser) -> Result<f64> {
    let size = eval(
        browser,
        &format!("{DEEP}; return getComputedStyle(all('.aw-body > p')[0]).fontSize;"),
    )
    .await?;
    let size = size.as_str().unwrap_or_default();
    size.trim_end_matches("px")
        .parse()
        .with_context(|| format!("font-size {size:?}"))
}

/// Clicks the text-size button showing `label` (a real click) and waits for
/// the body text's size to differ from `before`.
async fn click_size(browser: &Browser, label: &str, before: f64) -> Result<f64> {
    let button = wait_until(
        &format!("the text-size button {label:?}"),
        DEFAULT_TIMEOUT,
        || async { deep_find(browser, ".aw-textsize button", Some(label)).await },
    )
    .await?;
    button.click().await?;
    wait_until(
        &format!("the body font size to change from {before}px after {label:?}"),
        DEFAULT_TIMEOUT,
        || async {
            let now = body_font_px(browser).await?;
            Ok(((now - before).abs() > 0.01).then_some(now))
        },
    )
    .await
}

async fn text_size(browser: &Browser) -> Result<()> {
    let site = Site::start()?;
    open_article(browser, &site).await?;
    let original = body_font_px(browser).await?;
    let larger = click_size(browser, "A+", original).await?;
    ensure!(larger > original, "A+ went from {original} to {larger}");
    let back = click_size(browser, "A−", larger).await?;
    ensure!((back - original).abs() < 0.01, "A− after A+ gave {back}");
    let smaller = click_size(browser, "A−", back).await?;
    ensure!(smaller < original, "A− went from {original} to {smaller}");
    let reset = click_size(browser, "Gốc", smaller).await?;
    ensure!((reset - original).abs() < 0.01, "Gốc gave {reset}");
    // Remembered across a reload.
    let up = click_size(browser, "A+", original).await?;
    browser.refresh().await?;
    open_article(browser, &site).await?;
    wait_until("the remembered text size", DEFAULT_TIMEOUT, || async {
        let now = body_font_px(browser).await?;
        Ok(((now - up).abs() < 0.01).then_some(()))
    })
    .await?;
    Ok(())
}

async fn copy_link(browser: &Browser) -> Result<()> {
    let site = Site::start()?;
    open_article(browser, &site).await?;
    if !has(browser, Feature::ClipboardWrite, "copy_link").await? {
        return Ok(());
    }
    let copy = wait_deep(browser, ".aw-share button.aw-share-copy", DEFAULT_TIMEOUT).await?;
    copy.scroll_into_view().await?;
    copy.click().await?;
    wait_until("the copied confirmation", DEFAULT_TIMEOUT, || async {
        Ok(deep_text(browser, ".aw-share [role=status]")
            .await?
            .filter(|t| t.contains("Đã sao chép liên kết"))
            .map(drop))
    })
    .await?;
    // What the clipboard holds, pasted with the keyboard into a text box
    // (reading it from script needs a permission no engine grants here).
    eval(
        browser,
        "const t = document.createElement('textarea'); t.id = 'paste-here';
         document.body.append(t); return 0;",
    )
    .await?;
    let target = browser.find(By::Id("paste-here")).await?;
    target.scroll_into_view().await?;
    target.click().await?;
    target.send_keys(Key::Control + "v").await?;
    let url = field("/url")?;
    let pasted = wait_until("the pasted link", DEFAULT_TIMEOUT, || async {
        let value = target.prop("value").await?.unwrap_or_default();
        Ok((!value.is_empty()).then_some(value))
    })
    .await?;
    ensure!(pasted == url, "the clipboard held {pasted:?}, not {url:?}");
    Ok(())
}

// ---------------------------------------------------------------------------
// Partner pages
// ---------------------------------------------------------------------------

/// The partner's pages, the widget (the release build) and the article JSON
/// (the demo folder), each on its own origin.
struct Origins {
    pages: ServerHandle,
    _widget: ServerHandle,
    _data: ServerHandle,
}

impl Origins {
    /// Starts the three servers; `policy` (given the widget's and the data's
    /// origins) is sent as the pages' Content-Security-Policy when not empty.
    fn start(policy: fn(&str, &str) -> String) -> Result<Self> {
        let dist = dist_dir();
        ensure!(
            dist.join(EMBED_DIR).join("embed.js").is_file(),
            "no embed in {} (run `cargo xtask build`)",
            dist.display()
        );
        let widget = serve_origin(dist, |b| b)?;
        let data = serve_origin(workspace_dir().join("demo"), |b| b)?;
        let (w, d) = (origin_of(&widget), origin_of(&data));
        let csp = policy(&w, &d);
        let pages = serve_partner_pages(&[("WIDGET", w), ("DATA", d)], move |b| {
            if csp.is_empty() {
                b
            } else {
                b.header("Content-Security-Policy", csp)
            }
        })?;
        Ok(Self {
            pages,
            _widget: widget,
            _data: data,
        })
    }

    fn page(&self, name: &str) -> String {
        format!("{}{name}", self.pages.url())
    }
}

/// The policy `docs/embedding.md` gives partners, for these origins.
fn strict_policy(widget: &str, data: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {widget} 'wasm-unsafe-eval'; \
         style-src {widget}; connect-src {widget} {data}; img-src {data} data:; \
         frame-src {widget}; object-src 'none'; base-uri 'none'"
    )
}

/// The height of the page's iframe, in CSS pixels.
async fn iframe_height(browser: &Browser) -> Result<f64> {
    let h = eval(
        browser,
        "return document.querySelector('iframe').getBoundingClientRect().height;",
    )
    .await?;
    h.as_f64().context("no iframe height")
}

async fn partner_page(browser: &Browser) -> Result<()> {
    let site = Site::start()?;
    let title = field("/title")?;

    // The demo partner page: the custom element, in its shadow root...
    browser
        .goto(site.url(&format!("{EMBED_DIR}partner.html")))
        .await?;
    let states = wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    ensure!(
        states[0]["title"] == title.as_str(),
        "widget: {}",
        states[0]
    );
    ensure!(states[0]["shares"] == 3, "widget: {}", states[0]);
    let isolated = eval(
        browser,
        "const w = document.querySelector('article-widget');
         return [w.shadowRoot.mode, document.querySelector('.aw-title') === null,
                 getComputedStyle(w.shadowRoot.querySelector('.aw')).paddingTop];",
    )
    .await?;
    ensure!(
        isolated == serde_json::json!(["open", true, "16px"]),
        "the widget's shadow root and stylesheet: {isolated}"
    );
    // ... and in iframe mode (lazy, as docs/embedding.md has it: loaded
    // once scrolled to), grown to its content's height.
    eval(
        browser,
        "document.querySelector('iframe[data-article-widget]').scrollIntoView(); return 0;",
    )
    .await?;
    let height = wait_until(
        "the iframe to grow to the article",
        DEFAULT_TIMEOUT,
        || async {
            let h = iframe_height(browser).await?;
            Ok((h > 1500.0).then_some(h))
        },
    )
    .await?;
    let frame = browser.find(By::Css("iframe[data-article-widget]")).await?;
    frame.clone().enter_frame().await?;
    let framed = wait_until("the framed article", DEFAULT_TIMEOUT, || async {
        deep_text(browser, ".aw-title").await
    })
    .await?;
    browser.enter_default_frame().await?;
    ensure!(framed == title, "the iframe shows {framed:?}");
    // The framed article may still grow (its footer and QR codes come after
    // the first paint): the iframe follows its content's height as it is
    // now (the frame is on the page's origin, so the page can read both).
    let seen = std::sync::Mutex::new(Value::Null);
    wait_until(
        "the iframe to match its content",
        DEFAULT_TIMEOUT,
        || async {
            let both = eval(
                browser,
                "const f = document.querySelector('iframe[data-article-widget]');
                 return [f.getBoundingClientRect().height,
                         f.contentDocument.documentElement.getBoundingClientRect().height];",
            )
            .await?;
            let (outer, inner) = (both[0].as_f64(), both[1].as_f64());
            if let Ok(mut seen) = seen.lock() {
                *seen = both;
            }
            Ok(outer
                .zip(inner)
                .is_some_and(|(o, i)| (o - i).abs() <= 2.0)
                .then_some(()))
        },
    )
    .await
    .with_context(|| {
        let seen = seen.lock().map(|s| s.to_string()).unwrap_or_default();
        format!("iframe first {height} px; [iframe, its content] last seen {seen} px")
    })?;

    // Page, widget and article on three origins (CORS all the way).
    let origins = Origins::start(|_, _| String::new())?;
    browser.goto(origins.page("three-origins.html")).await?;
    let states = wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    ensure!(
        states[0]["title"] == title.as_str(),
        "widget: {}",
        states[0]
    );
    ensure!(states[0]["lang"] == "en", "widget: {}", states[0]);
    Ok(())
}

/// No CSP violation was reported on the page (`window.__violations`, which
/// the strict pages record). The page's own favicon request (WebKit makes
/// one; the policies allow images from the article origin only) is the
/// page's, not the widget's.
async fn no_csp_violations(browser: &WebDriver) -> Result<()> {
    let violations = eval(
        browser,
        "return window.__violations.filter((v) => !v.includes('/favicon.ico'));",
    )
    .await?;
    ensure!(
        violations == serde_json::json!([]),
        "CSP violations: {violations}"
    );
    Ok(())
}

async fn strict_csp_and_hostile_pages(browser: &Browser) -> Result<()> {
    let title = field("/title")?;
    let strict = Origins::start(strict_policy)?;
    browser.goto(strict.page("csp.html")).await?;
    let states = wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    ensure!(
        states[0]["title"] == title.as_str(),
        "widget: {}",
        states[0]
    );
    let padding = eval(
        browser,
        "return getComputedStyle(document.querySelector('article-widget')
           .shadowRoot.querySelector('.aw')).paddingTop;",
    )
    .await?;
    ensure!(
        padding == "16px",
        "the widget's stylesheet under the CSP: {padding}"
    );
    wait_for_qr_codes(browser).await?;
    no_csp_violations(browser).await?;
    // The listener does hear violations: an inline style attribute is one.
    eval(
        browser,
        "document.body.setAttribute('style', 'color: red'); return 0;",
    )
    .await?;
    wait_until("the control violation", DEFAULT_TIMEOUT, || async {
        let n = eval(browser, "return window.__violations.length;").await?;
        Ok((n.as_u64().unwrap_or(0) > 0).then_some(()))
    })
    .await?;

    // A page whose CSS attacks everything: the widget looks as on a plain page.
    let open = Origins::start(|_, _| String::new())?;
    browser.goto(open.page("plain.html")).await?;
    wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    let plain = eval(browser, STYLE_PROBE).await?;
    browser.goto(open.page("hostile.html")).await?;
    wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    let root_font = eval(
        browser,
        "return getComputedStyle(document.documentElement).fontSize;",
    )
    .await?;
    ensure!(root_font == "30px", "the hostile CSS is not in effect");
    let hostile = eval(browser, STYLE_PROBE).await?;
    ensure!(plain == hostile, "plain {plain}\nhostile {hostile}");
    Ok(())
}

/// Computed styles of the widget's key elements, read inside its shadow root.
const STYLE_PROBE: &str = r"
    const root = document.querySelector('article-widget').shadowRoot;
    const props = ['font-size', 'font-family', 'font-style', 'font-weight', 'color',
      'background-color', 'line-height', 'text-align', 'margin-top', 'padding-top',
      'border-top-width', 'display', 'box-sizing'];
    const out = {};
    for (const css of ['.aw', '.aw-toolbar', '.aw-title', '.aw-lead', '.aw-body p',
                       '.aw-author', '.aw-section-title', '.aw-share-item']) {
      const el = root.querySelector(css);
      out[css] = el ? Object.fromEntries(props.map((p) =>
        [p, getComputedStyle(el).getPropertyValue(p)])) : null;
    }
    return out;";

// ---------------------------------------------------------------------------
// Offline
// ---------------------------------------------------------------------------

async fn offline_reload(browser: &Browser) -> Result<()> {
    let slug = "quan-uy-le-chan-tong-ket-nghi-quyet-8";
    let title = field("/title")?;
    let site = Site::start()?;
    browser.goto(site.url(&format!("?article={slug}"))).await?;
    if !has(browser, Feature::ServiceWorker, "offline_reload").await? {
        return Ok(());
    }
    let shown = || async {
        Ok(deep_text(browser, ".aw-title")
            .await?
            .filter(|t| *t == title)
            .map(drop))
    };
    wait_until("the article", DEFAULT_TIMEOUT, shown).await?;
    // The first visit installs the worker; the article fetched before it
    // took control is cached on the next visit.
    wait_until(
        "a service worker to control the page",
        Duration::from_secs(30),
        || async {
            let controlled = eval(
                browser,
                "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);",
            )
            .await?;
            Ok((controlled == Value::Bool(true)).then_some(()))
        },
    )
    .await?;
    // Navigated to again rather than refreshed: geckodriver's refresh is a
    // forced reload, which bypasses service workers.
    let url = browser.current_url().await?;
    browser.goto(url.as_str()).await?;
    wait_until("the article, again", DEFAULT_TIMEOUT, shown).await?;
    wait_until("the article in a cache", DEFAULT_TIMEOUT, || async {
        let found = browser
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     caches.match(new URL('demo/articles/{slug}.json', location.href).href)
                       .then((r) => done(!!r), () => done(false));"
                ),
                Vec::new(),
            )
            .await?;
        Ok((found.json() == &Value::Bool(true)).then_some(()))
    })
    .await?;
    site.stop();
    browser.goto(url.as_str()).await?;
    wait_until("the article, offline", DEFAULT_TIMEOUT, shown).await?;
    wait_deep(browser, ".aw-offline-indicator", DEFAULT_TIMEOUT).await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// A prerendered widget (`article-widget render`)
// ---------------------------------------------------------------------------

/// Runs before any module script (the page's are deferred): notes what the
/// declarative shadow root holds, where the widget sits and where its first
/// QR code sits in it (the loader adds the code's downloads under it);
/// [`WATCH_PRERENDERED`] records its nodes.
const OBSERVE_PRERENDERED: &str = r"<script>
window.__ran = true;
const host = document.querySelector('article-widget');
const root = host.shadowRoot;
window.__locate = () => {
  const box = host.getBoundingClientRect();
  const qr = host.shadowRoot.querySelector('figure.aw-qr').getBoundingClientRect();
  return [box.top + scrollY, qr.top - box.top];
};
window.__where = root ? window.__locate() : null;
</script>";

/// The release build with `/pre/` serving the demo article's page as
/// `article-widget render --full-page` writes it (its widget's `src` the
/// article on this site), plus [`OBSERVE_PRERENDERED`].
struct PrerenderedPage {
    site: Site,
    _dir: tempfile::TempDir,
    url: String,
}

impl PrerenderedPage {
    fn start() -> Result<Self> {
        ensure!(
            dist_dir().join(EMBED_DIR).join("embed.js").is_file(),
            "no embed in {} (run `cargo xtask build`)",
            dist_dir().display()
        );
        let dir = tempfile::tempdir()?;
        let path = dir.path().to_path_buf();
        let site = Site::start_with(|b| b.mount("/pre/", path))?;
        let page = render::render(&render::Args {
            article: workspace_dir()
                .join(DEMO_ARTICLE)
                .to_string_lossy()
                .into_owned(),
            src: Some(site.url(DEMO_ARTICLE)),
            base: None,
            lang: None,
            theme: None,
            share: None,
            heading: None,
            id: None,
            full_page: true,
            icon: None,
            embed: render::DEFAULT_EMBED_SCRIPT.to_owned(),
            script: false,
        })
        .map_err(|e| anyhow::anyhow!("article-widget render: {e}"))?;
        let page = page
            .rsplit_once("</body>")
            .map(|(head, tail)| {
                format!(
                    "{head}{OBSERVE_PRERENDERED}<script>{WATCH_PRERENDERED}</script></body>{tail}"
                )
            })
            .context("the rendered page has no </body>")?;
        std::fs::write(dir.path().join("article.html"), page)?;
        let url = site.url("pre/article.html");
        Ok(Self {
            site,
            _dir: dir,
            url,
        })
    }

    /// How often the site was asked for `path`.
    fn requests(&self, path: &str) -> usize {
        self.site.server().request_count(path)
    }
}

/// What the widget shows, read from its shadow root.
const PRERENDERED_SHOWN: &str = r"
    const host = document.querySelector('article-widget');
    const root = host.shadowRoot;
    if (!root) return null;
    const all = (css) => [...root.querySelectorAll(css)];
    const text = (css) => all(css).map((e) => e.textContent.trim().replace(/\s+/g, ' '));
    const title = root.querySelector('.aw-title');
    const box = host.getBoundingClientRect();
    return {
      title: title ? title.textContent.trim() : null,
      titleColor: title ? getComputedStyle(title).color : null,
      lead: text('.aw-lead')[0] ?? null,
      paragraphs: text('.aw-body > p'),
      captions: text('.aw-body figcaption'),
      photos: all('.aw-body img').map((i) => i.getAttribute('src')),
      related: all('.aw-related a[href]').map((a) => a.href),
      shareLinks: all('.aw-share-list a[href]').map((a) => a.href),
      hrefless: all('a:not([href])').length,
      scriptLinks: all('a[href]').filter((a) => a.protocol === 'javascript:').length,
      qrCodes: all('figure.aw-qr svg').length,
      pending: all('.aw-qr-pending').length,
      containers: all('.aw-embed').length,
      shownButtons: all('button').filter((b) => getComputedStyle(b).visibility !== 'hidden')
        .map((b) => b.textContent.trim()),
      hiddenButtons: all('button').filter((b) => getComputedStyle(b).visibility === 'hidden')
        .map((b) => b.textContent.trim()),
      height: box.height,
      scripts: window.__ran === true,
    };";

/// Checks that `s` ([`PRERENDERED_SHOWN`]) is the whole demo article, read
/// without any script.
fn check_whole_article(s: &Value) -> Result<()> {
    let demo = demo()?;
    ensure!(s["title"] == demo["title"], "title: {}", s["title"]);
    ensure!(s["lead"] == demo["lead"], "lead: {}", s["lead"]);
    let blocks = demo["body"].as_array().context("the demo's body")?;
    let of = |kind: &str, field: &str| -> Vec<Value> {
        blocks
            .iter()
            .filter(|b| b["type"] == kind)
            .map(|b| b[field].clone())
            .collect()
    };
    ensure!(
        s["paragraphs"] == Value::Array(of("paragraph", "text")),
        "paragraphs: {}",
        s["paragraphs"]
    );
    // Each caption with its credit.
    let captions: Vec<Value> = blocks
        .iter()
        .filter(|b| b["type"] == "figure")
        .map(|b| {
            let caption = b["caption"].as_str().unwrap_or_default();
            match b["credit"].as_str() {
                Some(credit) => Value::from(format!("{caption} {credit}")),
                None => Value::from(caption),
            }
        })
        .collect();
    ensure!(
        s["captions"] == Value::Array(captions.clone()),
        "captions: {} (the article's: {captions:?})",
        s["captions"]
    );
    ensure!(
        s["photos"].as_array().map(Vec::len) == Some(captions.len()),
        "photos: {}",
        s["photos"]
    );
    // Links are plain links: related articles and share networks, each
    // with an http(s) address; no anchor waits for a script.
    let related: Vec<Value> = demo["related"]
        .as_array()
        .context("the demo's related articles")?
        .iter()
        .map(|r| r["url"].clone())
        .collect();
    ensure!(
        s["related"] == Value::Array(related),
        "related: {}",
        s["related"]
    );
    // Each network's address (mail's a `mailto:`) carrying the article's URL.
    let url = demo["url"].as_str().context("the demo's URL")?;
    let shares = s["shareLinks"].as_array().context("share links")?;
    ensure!(
        shares.len() > 2
            && shares.iter().filter_map(Value::as_str).all(|h| {
                (h.starts_with("https://") || h.starts_with("mailto:"))
                    && h.contains(&url.replace(':', "%3A").replace('/', "%2F"))
            }),
        "share links: {shares:?}"
    );
    ensure!(
        s["hrefless"] == 0 && s["scriptLinks"] == 0,
        "links that need a script: {s}"
    );
    // QR codes drawn, styled, and taking the article's room.
    ensure!(
        s["qrCodes"].as_u64() >= Some(2) && s["pending"] == 0,
        "QR codes: {s}"
    );
    ensure!(
        s["height"].as_f64() > Some(1500.0),
        "height: {}",
        s["height"]
    );
    ensure!(s["titleColor"] != "rgb(0, 0, 0)", "unstyled title: {s}");
    // Every button needs the script (print, text size, copy link): none is
    // shown to do nothing.
    ensure!(
        s["hiddenButtons"].as_array().map(Vec::len) > Some(3)
            && s["shownButtons"] == serde_json::json!([]),
        "buttons shown without scripts: {}",
        s["shownButtons"]
    );
    Ok(())
}

async fn prerendered_without_scripts(engine: Engine) -> Result<()> {
    let page = PrerenderedPage::start()?;
    let browser = Browser::start_engine_with(engine, &[], Scripts::Off).await?;
    browser.goto(&page.url).await?;
    if !has(
        &browser,
        Feature::DeclarativeShadowDom,
        "prerendered_without_scripts",
    )
    .await?
    {
        return browser.quit().await;
    }
    let s = eval(&browser, PRERENDERED_SHOWN).await?;
    ensure!(
        !s.is_null(),
        "no shadow root: the template was not attached"
    );
    // No script of the page ran: not its own, nor the embed.
    ensure!(s["scripts"] == false, "the page's scripts ran: {s}");
    ensure!(
        page.requests(&format!("/{EMBED_DIR}embed.js")) == 0,
        "embed.js was fetched"
    );
    ensure!(
        page.requests(&format!("/{DEMO_ARTICLE}")) == 0,
        "the article was fetched"
    );

    check_whole_article(&s)?;
    browser.quit().await
}

/// Checks that `embed.js` adopted the prerendered widget: the article
/// fetched once to compare, no node removed or moved, one container, and
/// the widget where it was, with everything above its QR code unmoved.
async fn check_adopted(browser: &Browser, page: &PrerenderedPage) -> Result<()> {
    ensure!(
        page.requests(&format!("/{DEMO_ARTICLE}")) == 1,
        "article requests"
    );
    let checks = eval(
        browser,
        r"const host = document.querySelector('article-widget');
          const root = host.shadowRoot;
          return {
            removed: window.__removed,
            detached: window.__kept.filter((n) => !n.isConnected || n.getRootNode() !== root).length,
            kept: window.__kept.length,
            containers: root.querySelectorAll('.aw-embed').length,
            now: window.__locate(),
            was: window.__where,
          };",
    )
    .await?;
    ensure!(
        checks["removed"] == serde_json::json!([]),
        "removed: {checks}"
    );
    ensure!(checks["detached"] == 0, "detached: {checks}");
    ensure!(checks["kept"].as_u64() > Some(20), "kept: {checks}");
    ensure!(checks["containers"] == 1, "containers: {checks}");
    let moved = |i: usize| {
        (checks["now"][i].as_f64().unwrap_or(f64::NAN) - checks["was"][i].as_f64().unwrap_or(0.0))
            .abs()
    };
    ensure!(
        moved(0) < 1.0 && moved(1) < 1.0,
        "the widget or what its QR code follows moved: {checks}"
    );

    Ok(())
}

async fn prerendered_adopted(browser: &Browser) -> Result<()> {
    let page = PrerenderedPage::start()?;
    browser.goto(&page.url).await?;
    if !has(
        browser,
        Feature::DeclarativeShadowDom,
        "prerendered_adopted",
    )
    .await?
    {
        return Ok(());
    }
    let before = eval(browser, PRERENDERED_SHOWN).await?;
    ensure!(
        !before.is_null(),
        "no shadow root: the template was not attached"
    );
    ensure!(before["scripts"] == true, "the page's scripts did not run");

    // The controls answer once embed.js has adopted the nodes: A+ (a real
    // click, as a reader's) until the text grows, then back with "Gốc".
    let original = body_font_px(browser).await?;
    let larger = wait_until(
        "the text-size control to answer",
        DEFAULT_TIMEOUT,
        || async {
            if let Some(button) = deep_find(browser, ".aw-textsize button", Some("A+")).await? {
                button.click().await?;
            }
            let now = body_font_px(browser).await?;
            Ok((now > original + 0.01).then_some(now))
        },
    )
    .await?;
    let reset = click_size(browser, "Gốc", larger).await?;
    ensure!((reset - original).abs() < 0.01, "Gốc gave {reset}");

    check_adopted(browser, &page).await?;

    // Copy link answers in the status line.
    if has(
        browser,
        Feature::ClipboardWrite,
        "prerendered_adopted (copy link)",
    )
    .await?
    {
        let copy = wait_deep(browser, ".aw-share button.aw-share-copy", DEFAULT_TIMEOUT).await?;
        copy.scroll_into_view().await?;
        copy.click().await?;
        wait_until("the copied confirmation", DEFAULT_TIMEOUT, || async {
            Ok(deep_text(browser, ".aw-share [role=status]")
                .await?
                .filter(|t| t.contains("Đã sao chép liên kết"))
                .map(drop))
        })
        .await?;
    }
    let after = eval(browser, PRERENDERED_SHOWN).await?;
    ensure!(
        before["title"] == after["title"] && before["paragraphs"] == after["paragraphs"],
        "before {before}\nafter {after}"
    );
    ensure!(
        after["containers"] == 1 && after["qrCodes"].as_u64() >= Some(2),
        "{after}"
    );
    ensure!(
        after["shownButtons"].as_array().map(Vec::len) > Some(3)
            && after["hiddenButtons"] == serde_json::json!([]),
        "buttons hidden with scripts on: {}",
        after["hiddenButtons"]
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Videos behind their facade (the rich engine)
// ---------------------------------------------------------------------------

/// The videos of the test article: one played by a click, one by Enter,
/// one by Space.
const VIDEOS: usize = 3;

/// Checks that video `n` (0-based) now plays: its player (the video host's
/// page) in the facade's place, with the focus, sandboxed, the link to the
/// video's page under it.
async fn check_playing(
    browser: &Browser,
    origins: &VideoOrigins,
    n: usize,
    how: &str,
) -> Result<()> {
    origins
        .wait_for_player_request(n + 1)
        .await
        .with_context(|| format!("{how} on facade {n}"))?;
    let url = origins.player_url(n + 1);
    let shown = wait_until(
        &format!("the player of video {n}"),
        DEFAULT_TIMEOUT,
        || async {
            let shown = video_player(browser, n).await?;
            Ok((!shown.is_null()).then_some(shown))
        },
    )
    .await?;
    ensure!(
        shown["src"] == url.as_str()
            && shown["link"] == url.as_str()
            && shown["facade"] == false
            && shown["sandbox"]
                .as_str()
                .is_some_and(|s| s.contains("allow-scripts")),
        "after {how}, video {n} shows {shown}"
    );
    ensure!(
        shown["focused"] == true,
        "after {how}, the player of video {n} does not have the focus: {shown}"
    );
    Ok(())
}

async fn video_facade(browser: &Browser) -> Result<()> {
    let origins = VideoOrigins::start(VIDEOS, |b, _, _, _| b)?;
    origins.open(browser).await?;
    // The page settled (QR codes drawn), three facades, the video host unasked.
    wait_for_qr_codes(browser).await?;
    let facades = article_widget_e2e::find_all(browser, "a.aw-video-facade[data-aw-video]").await?;
    ensure!(
        facades.len() == VIDEOS,
        "{} playable facades",
        facades.len()
    );
    ensure!(
        origins.video_requests().is_empty(),
        "the video host was asked before any press: {:?}",
        origins.video_requests()
    );

    // A click (a real one, through the driver).
    let first = facade(browser, 0).await?;
    first.scroll_into_view().await?;
    first.click().await?;
    check_playing(browser, &origins, 0, "a click").await?;
    // The player's page loaded inside the widget's iframe.
    let frame = find(browser, "figure.aw-video iframe.aw-video-player").await?;
    frame.clone().enter_frame().await?;
    let playing = wait_until("the player's page", DEFAULT_TIMEOUT, || async {
        Ok(browser.find(By::Id("playing")).await.ok())
    })
    .await?
    .text()
    .await?;
    browser.enter_default_frame().await?;
    ensure!(playing == "Playing", "the player shows {playing:?}");
    ensure!(
        !origins.video_requests().contains(&player_path(2)),
        "the second video loaded with the first"
    );

    // Enter, then Space, on the focused facade; Space does not scroll.
    for (n, key, how) in [
        (1, Key::Enter.value().to_string(), "Enter"),
        (2, " ".to_owned(), "Space"),
    ] {
        let next = facade(browser, 0).await?; // the first facade left
        browser
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();",
                vec![next.to_json()?],
            )
            .await?;
        let focused = eval(
            browser,
            "return document.querySelector('article-widget').shadowRoot.activeElement
               ?.matches('a.aw-video-facade') ?? false;",
        )
        .await?;
        ensure!(focused == true, "the facade of video {n} takes no focus");
        let scrolled = eval(browser, "return window.scrollY;").await?;
        browser.action_chain().send_keys(key).perform().await?;
        check_playing(browser, &origins, n, how).await?;
        let now = eval(browser, "return window.scrollY;").await?;
        ensure!(
            now == scrolled,
            "{how} scrolled the page ({scrolled} -> {now}) instead of only playing video {n}"
        );
    }
    Ok(())
}

async fn video_under_strict_csp(browser: &Browser) -> Result<()> {
    // The video host in frame-src, as docs/embedding.md says: the player loads.
    let origins = VideoOrigins::start(1, |b, widget, data, video| {
        b.header(
            "Content-Security-Policy",
            strict_video_policy(widget, data, &format!("{widget} {video}")),
        )
    })?;
    origins.open(browser).await?;
    facade(browser, 0).await?.click().await?;
    check_playing(browser, &origins, 0, "a click").await?;
    no_csp_violations(browser).await?;

    // Without it, the policy blocks the player before any request; the
    // widget still links to the video's page.
    let origins = VideoOrigins::start(1, |b, widget, data, _| {
        b.header(
            "Content-Security-Policy",
            strict_video_policy(widget, data, widget),
        )
    })?;
    origins.open(browser).await?;
    facade(browser, 0).await?.click().await?;
    origins.ensure_player_blocked(browser).await?;
    let shown = video_player(browser, 0).await?;
    ensure!(shown["link"] == origins.player_url(1).as_str(), "{shown}");
    let link = find(browser, "figure.aw-video a.aw-video-page").await?;
    ensure!(
        link.is_displayed().await?,
        "the link to the video's page is hidden"
    );
    Ok(())
}

/// Defines `all(css)` in a script: every element matching `css` in the
/// document and in every open shadow root, in document order.
const DEEP: &str = article_widget_e2e::engines::DEEP_ALL;

/// Ends scenario `name`, begun at `started`, which gave `result`: says on
/// stderr how it went and how long it took, and hands back the browser for
/// the next one, on a blank page (a fresh browser after a failure, so one
/// failure does not spill into the next scenario; the failure goes to `failed`).
async fn next_scenario(
    browser: Browser,
    name: &str,
    started: Instant,
    result: Result<()>,
    failed: &mut Vec<String>,
) -> Result<Browser> {
    let engine = browser.engine();
    let took = started.elapsed().as_secs_f64();
    match result {
        Ok(()) => {
            say(&format!("{}: {name} ok ({took:.1} s)", engine.name()));
            browser.goto("about:blank").await?;
            Ok(browser)
        }
        Err(e) => {
            say(&format!(
                "{}: {name} FAILED ({took:.1} s): {e:#}",
                engine.name()
            ));
            failed.push(format!("{name}: {e:?}"));
            let _ = browser.quit().await;
            Browser::start_engine(engine, &[]).await
        }
    }
}

/// Whether scenario `name` runs: all of them, or those whose name contains
/// `ENGINE_SCENARIO` when it is set (for a targeted run).
fn selected(name: &str) -> bool {
    std::env::var("ENGINE_SCENARIO").map_or(true, |only| name.contains(only.trim()))
}

/// Each engine's module: one test running the `shared` scenarios in turn
/// in one browser (starting Firefox takes longer than most scenarios), and
/// one test for each of the `alone` ones, which start their own browser.
macro_rules! in_engines {
    (shared: [$($scenario:ident),* $(,)?], alone: [$($alone:ident),* $(,)?] $(,)?) => {
        /// The shared scenarios in one browser of `engine`; fails naming
        /// every scenario that failed.
        async fn shared_scenarios(engine: Engine) -> Result<()> {
            let mut browser = Browser::start_engine(engine, &[]).await?;
            let mut failed = Vec::new();
            $(
                if selected(stringify!($scenario)) {
                    let started = Instant::now();
                    let result = $scenario(&browser).await;
                    browser =
                        next_scenario(browser, stringify!($scenario), started, result, &mut failed)
                            .await?;
                }
            )*
            browser.quit().await?;
            ensure!(
                failed.is_empty(),
                "{} scenario(s) failed in {}:\n{}",
                failed.len(),
                engine.name(),
                failed.join("\n")
            );
            Ok(())
        }

        mod firefox {
            #[tokio::test(flavor = "multi_thread")]
            #[ignore = "needs Firefox: run by `cargo xtask test --only engines`"]
            async fn in_one_browser() -> anyhow::Result<()> {
                super::shared_scenarios(article_widget_e2e::Engine::Firefox).await
            }
            $(
                #[tokio::test(flavor = "multi_thread")]
                #[ignore = "needs Firefox: run by `cargo xtask test --only engines`"]
                async fn $alone() -> anyhow::Result<()> {
                    super::$alone(article_widget_e2e::Engine::Firefox).await
                }
            )*
        }
        mod webkit {
            #[tokio::test(flavor = "multi_thread")]
            #[ignore = "needs WebKitGTK: run by `cargo xtask test --only engines`"]
            async fn in_one_browser() -> anyhow::Result<()> {
                super::shared_scenarios(article_widget_e2e::Engine::WebKit).await
            }
            $(
                #[tokio::test(flavor = "multi_thread")]
                #[ignore = "needs WebKitGTK: run by `cargo xtask test --only engines`"]
                async fn $alone() -> anyhow::Result<()> {
                    super::$alone(article_widget_e2e::Engine::WebKit).await
                }
            )*
        }
    };
}

in_engines!(
    shared: [
        reader_article_page,
        partner_page,
        strict_csp_and_hostile_pages,
        text_size,
        copy_link,
        offline_reload,
        prerendered_adopted,
        video_facade,
        video_under_strict_csp,
    ],
    // The page's scripts off: a browser started so.
    alone: [prerendered_without_scripts],
);
