//! The embed (`dist/embed/v1/embed.js`, `<article-widget>`) on partner pages
//! in headless Chromium: page, widget and article on three origins; a page
//! with hostile CSS; twenty widgets sharing one wasm download; a strict CSP;
//! attribute changes, removal and re-adding; the iframe mode; no layout
//! shift while loading; a hostile article whose text must stay text; a 503
//! that counts down and recovers and a 404 that waits for the button; the
//! events a page can listen to; an axe-core audit in every theme; inline
//! JSON and the `mount()` API. Every server is a loopback devserver started
//! here; the partner pages are templates in `fixtures/embed/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::{
    console_errors, dist_dir, ensure_js, eval, origin_of, read_json, serve_origin,
    serve_partner_pages, set_viewport, wait_for_widgets, wait_until, widget_states, workspace_dir,
    Browser, Reply, ServerBuilder, ServerHandle, DEFAULT_TIMEOUT, EMBED_DIR,
};
use serde_json::Value;

/// The demo article, relative to `demo/` (the article origin's root).
const ARTICLE: &str = "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";
/// Another demo article, for a `src` change.
const OTHER_ARTICLE: &str = "articles/le-chan-ngay-hoi-dai-doan-ket-toan-dan-toc.json";
/// How long the article origin holds `/slow/...` requests: long enough for
/// the loading state to be painted.
const SLOW: Duration = Duration::from_millis(700);

/// The three origins of an embed: the partner's pages, the widget (the
/// release build) and the article JSON (the demo folder).
struct Origins {
    pages: ServerHandle,
    widget: ServerHandle,
    data: ServerHandle,
}

impl Origins {
    fn start() -> Result<Self> {
        Self::start_with(|b, _, _| b)
    }

    /// Starts the three servers; `pages` may add headers to the page origin,
    /// given the widget's and the article's origins.
    fn start_with(pages: impl FnOnce(ServerBuilder, &str, &str) -> ServerBuilder) -> Result<Self> {
        Self::start_full(pages, Duration::ZERO)
    }

    /// Like [`Origins::start_with`], with the wasm answered `wasm_delay` late.
    fn start_full(
        pages: impl FnOnce(ServerBuilder, &str, &str) -> ServerBuilder,
        wasm_delay: Duration,
    ) -> Result<Self> {
        let dist = dist_dir();
        ensure!(
            dist.join(EMBED_DIR).join("embed.js").is_file(),
            "no embed in {} (run `cargo xtask build`)",
            dist.display()
        );
        let wasm_path = format!("/{EMBED_DIR}article_widget_bg.wasm");
        let widget = serve_origin(dist, move |b| {
            b.handler(move |request| {
                (request.path == wasm_path && !wasm_delay.is_zero())
                    .then(|| Reply::passthrough().delay(wasm_delay))
            })
        })?;
        let demo = workspace_dir().join("demo");
        let flaky = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let data = serve_origin(demo.clone(), move |b| {
            b.handler(move |request| {
                if request.path == "/bad.json" {
                    return Some(Reply::json(200, "{\"version\": 1, \"title\": "));
                }
                if request.path == "/flaky.json" {
                    // Busy once (asking for a retry in 4 s, so that the test sees
                    // the countdown tick at least once), then the article.
                    if flaky.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                        // The data is on another origin: the page reads
                        // Retry-After only when the server exposes it.
                        return Some(
                            Reply::text(503, "busy")
                                .header("Retry-After", "4")
                                .header("Access-Control-Expose-Headers", "Retry-After"),
                        );
                    }
                    let body = std::fs::read(demo.join(ARTICLE)).ok()?;
                    return Some(Reply::json(200, String::from_utf8_lossy(&body)));
                }
                if request.path == "/xss.json" {
                    let path = article_widget_e2e::fixtures_dir().join("robustness/xss.json");
                    return Some(Reply::json(200, std::fs::read_to_string(path).ok()?));
                }
                if request.path == "/long.json" {
                    return Some(Reply::json(200, long_article(&demo).ok()?));
                }
                if let Some(rest) = request.path.strip_prefix("/stagger/") {
                    // `/stagger/<ms>/<path>`: the article, `ms` late.
                    let (ms, path) = rest.split_once('/')?;
                    let body = std::fs::read(demo.join(path)).ok()?;
                    let late = Duration::from_millis(ms.parse().ok()?);
                    return Some(Reply::json(200, String::from_utf8_lossy(&body)).delay(late));
                }
                let rest = request.path.strip_prefix("/slow/")?;
                let body = std::fs::read(demo.join(rest)).ok()?;
                Some(Reply::json(200, String::from_utf8_lossy(&body)).delay(SLOW))
            })
        })?;
        let (w, d) = (origin_of(&widget), origin_of(&data));
        let pages = serve_partner_pages(&[("WIDGET", w.clone()), ("DATA", d.clone())], |b| {
            pages(b, &w, &d)
        })?;
        Ok(Self {
            pages,
            widget,
            data,
        })
    }

    fn page(&self, name: &str) -> String {
        format!("{}{name}", self.pages.url())
    }

    fn wasm_requests(&self) -> usize {
        self.widget
            .request_count(&format!("/{EMBED_DIR}article_widget_bg.wasm"))
    }
}

fn demo_title(article: &str) -> String {
    let json = read_json(workspace_dir().join("demo").join(article)).unwrap();
    json["title"].as_str().unwrap().to_owned()
}

/// Opens `page` and waits for `count` widgets to render.
async fn open(
    browser: &Browser,
    origins: &Origins,
    page: &str,
    count: usize,
) -> Result<Vec<Value>> {
    browser.goto(origins.page(page)).await?;
    wait_for_widgets(browser, count, DEFAULT_TIMEOUT)
        .await
        .with_context(|| format!("opening {page}"))
}

/// Blocks in [`long_article`]: the demo's body repeated, figures included.
const LONG_BLOCKS: usize = 7 * 80;

/// The demo article with its body repeated 80 times (560 blocks), so the
/// widget renders it in several chunks.
fn long_article(demo: &std::path::Path) -> Result<String> {
    let mut article = read_json(demo.join(ARTICLE))?;
    let body = article["body"].as_array().cloned().unwrap_or_default();
    ensure!(
        body.len() * 80 == LONG_BLOCKS,
        "the demo body has {} blocks",
        body.len()
    );
    article["body"] = Value::Array(body.iter().cycle().take(LONG_BLOCKS).cloned().collect());
    Ok(article.to_string())
}

/// Fails unless `observe.js` recorded no layout shift; waits two frames first
/// so every shift of the last render has been reported.
async fn assert_no_layout_shift(browser: &Browser) -> Result<()> {
    let shifts = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() =>
               done([window.__shifts, window.__shiftSources])));",
            Vec::new(),
        )
        .await?
        .json()
        .clone();
    let total: f64 = shifts[0]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).sum())
        .unwrap_or_default();
    ensure!(total.abs() < f64::EPSILON, "layout shifts: {shifts}");
    Ok(())
}

async fn numbers(browser: &Browser, expr: &str) -> Result<Vec<f64>> {
    let v = eval(browser, &format!("return {expr};")).await?;
    Ok(v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default())
}

#[tokio::test]
async fn renders_with_page_widget_and_article_on_three_origins() -> Result<()> {
    // The wasm answers late, so an article fetch that waited for it would
    // start after it arrived (on loopback a small wasm can beat the loader's
    // own start-up otherwise).
    let origins = Origins::start_full(|b, _, _| b, Duration::from_millis(400))?;
    let browser = Browser::start().await?;
    let states = open(&browser, &origins, "three-origins.html", 1).await?;
    let s = &states[0];
    assert_eq!(s["title"], demo_title(ARTICLE).as_str(), "{s}");
    assert_eq!(s["titleTag"], "h2", "inside a host page the title is an h2");
    assert_eq!(s["lang"], "en");
    assert_eq!(s["shares"], 3, "share=\"facebook,zalo,copy\"");

    // The article was fetched once, by the loader, and handed to the wasm.
    let article_path = format!("/{ARTICLE}");
    assert_eq!(origins.data.request_count(&article_path), 1);
    assert_eq!(origins.wasm_requests(), 1);
    // Its fetch did not wait for the wasm: it started before the wasm
    // download had even finished.
    let timing = eval(
        &browser,
        &format!(
            "const t = (u) => performance.getEntriesByName(u)[0];
             const a = t('{data}{article_path}'), w = t('{widget}/{EMBED_DIR}article_widget_bg.wasm');
             return [a.startTime, w.responseEnd];",
            data = origin_of(&origins.data),
            widget = origin_of(&origins.widget),
        ),
    )
    .await?;
    let (article_start, wasm_end) = (timing[0].as_f64().unwrap(), timing[1].as_f64().unwrap());
    assert!(
        article_start < wasm_end,
        "article fetch started at {article_start} ms, after the wasm arrived at {wasm_end} ms"
    );
    let mut errors = console_errors(&browser).await?;
    errors.retain(|e| !e.contains("favicon.ico"));
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit().await
}

#[tokio::test]
async fn the_preloaded_article_and_wasm_are_each_downloaded_once() -> Result<()> {
    // docs/embedding.md's optional preload lines: the loader's own requests
    // must match them (URL, CORS mode, credentials), or the browser
    // downloads the article and the wasm a second time.
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    let states = open(&browser, &origins, "preload.html", 1).await?;
    assert_eq!(
        states[0]["title"],
        demo_title(ARTICLE).as_str(),
        "{}",
        states[0]
    );
    let article_path = format!("/{ARTICLE}");
    assert_eq!(
        origins.data.request_count(&article_path),
        1,
        "the article is fetched once: the loader's fetch takes the preloaded response"
    );
    assert_eq!(origins.wasm_requests(), 1, "the wasm is fetched once");
    // The preload started the article with the page, before the loader ran
    // (the loader requests widget.css as soon as it runs).
    let timing = eval(
        &browser,
        &format!(
            "const t = (u) => performance.getEntriesByName(u)[0];
             return [t('{data}{article_path}').startTime, t('{widget}/{EMBED_DIR}widget.css').startTime];",
            data = origin_of(&origins.data),
            widget = origin_of(&origins.widget),
        ),
    )
    .await?;
    let (article_start, loader_start) = (timing[0].as_f64().unwrap(), timing[1].as_f64().unwrap());
    assert!(
        article_start < loader_start,
        "the article was requested at {article_start} ms, not before the loader ran at {loader_start} ms"
    );
    browser.quit().await
}

/// Computed styles of the widget's key elements, read inside its shadow root.
const STYLE_PROBE: &str = r"
    const root = document.querySelector('article-widget').shadowRoot;
    const props = ['font-size', 'font-family', 'font-style', 'font-weight', 'color',
      'background-color', 'line-height', 'letter-spacing', 'word-spacing', 'text-transform',
      'text-align', 'text-indent', 'white-space', 'margin-top', 'margin-bottom', 'padding-top',
      'border-top-width', 'display', 'text-decoration-line', 'box-sizing', 'cursor'];
    const out = {};
    for (const css of ['.aw', '.aw-toolbar', '.aw-title', '.aw-lead', '.aw-body p',
                       '.aw-figure figcaption', '.aw-author', '.aw-section-title',
                       '.aw-share-item', '.aw-related a']) {
      const el = root.querySelector(css);
      if (!el) { out[css] = null; continue; }
      const s = getComputedStyle(el);
      out[css] = Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
      out[css].width = Math.round(el.getBoundingClientRect().width);
    }
    return out;";

#[tokio::test]
async fn hostile_page_css_does_not_change_the_widget() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    open(&browser, &origins, "plain.html", 1).await?;
    let plain = eval(&browser, STYLE_PROBE).await?;
    open(&browser, &origins, "hostile.html", 1).await?;
    let root_font = eval(
        &browser,
        "return getComputedStyle(document.documentElement).fontSize;",
    )
    .await?;
    assert_eq!(root_font, "30px", "the hostile CSS is in effect");
    let hostile = eval(&browser, STYLE_PROBE).await?;
    for (selector, expected) in plain.as_object().unwrap() {
        assert!(!expected.is_null(), "{selector} missing on the plain page");
        for (property, value) in expected.as_object().unwrap() {
            if property == "width" {
                continue; // the host box is the page's to size
            }
            assert_eq!(
                &hostile[selector][property], value,
                "{selector} {property} differs on the hostile page"
            );
        }
    }
    // With the same host width the layout is the same too.
    assert_eq!(plain[".aw"]["font-size"], "16px");
    browser.quit().await
}

#[tokio::test]
async fn twenty_widgets_share_one_wasm_download_and_fail_alone() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("many.html")).await?;
    let states = wait_for_widgets(&browser, 20, Duration::from_secs(40)).await?;
    let title = demo_title(ARTICLE);
    for (i, s) in states.iter().take(18).enumerate() {
        assert_eq!(s["title"], title.as_str(), "widget {i}: {s}");
        assert_eq!(s["shares"], 1, "widget {i} has share=\"copy\"");
    }
    let missing = states[18]["error"].as_str().unwrap_or_default();
    assert!(missing.contains("404"), "the 404 widget says so: {missing}");
    let bad = states[19]["error"].as_str().unwrap_or_default();
    assert!(
        bad.contains("not valid"),
        "the bad-JSON widget says so: {bad}"
    );
    assert_eq!(origins.wasm_requests(), 1, "the wasm is downloaded once");
    // One script: the wasm-bindgen glue is bundled into the loader.
    for (file, count) in [("embed.js", 1), ("article_widget.js", 0)] {
        let path = format!("/{EMBED_DIR}{file}");
        assert_eq!(origins.widget.request_count(&path), count, "{path}");
    }
    browser.quit().await
}

#[tokio::test]
async fn a_visible_widget_paints_at_once_and_those_below_the_fold_together_with_lazy_photos(
) -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("batch.html")).await?;
    wait_for_widgets(&browser, 4, DEFAULT_TIMEOUT).await?;
    let bodies = eval(&browser, "return window.__bodies;").await?;
    let bodies = bodies.as_array().cloned().unwrap_or_default();
    ensure!(
        bodies.len() == 4,
        "every widget's body was seen: {bodies:?}"
    );
    let frame = |id: &str| {
        bodies
            .iter()
            .find(|b| b["id"] == id)
            .and_then(|b| b["frame"].as_u64())
    };
    // The three below the fold (each widget reserves a viewport's height)
    // arrive 10-30 ms apart, within the 50 ms a widget waits for articles
    // still in flight: they paint in one task, one layout instead of three.
    let below: std::collections::BTreeSet<Option<u64>> =
        ["b", "c", "d"].into_iter().map(frame).collect();
    ensure!(
        below.len() == 1 && !below.contains(&None),
        "the widgets below the fold painted in frames {below:?}: {bodies:?}"
    );
    // The one in the first screen waits for nobody: it arrives first and is
    // on screen before them.
    let visible = frame("a").context("the visible widget's frame")?;
    ensure!(
        below.first().copied().flatten() > Some(visible),
        "the visible widget did not paint first: {bodies:?}"
    );
    // Each article's first photo is near its top. It loads with the page in
    // the visible widget only; below the fold the browser fetches it when
    // the reader scrolls near.
    let loading = eval(
        &browser,
        "return ['a', 'b', 'c', 'd'].map((id) => document.getElementById(id)
           .shadowRoot.querySelector('.aw-body img')?.loading ?? null);",
    )
    .await?;
    assert_eq!(
        loading,
        serde_json::json!(["eager", "lazy", "lazy", "lazy"]),
        "the first photo's loading attribute in widgets a (visible), b, c, d"
    );
    browser.quit().await
}

/// The policy `docs/embedding.md` gives partners, for these origins.
fn strict_policy(widget: &str, data: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {widget} 'wasm-unsafe-eval'; \
         style-src {widget}; connect-src {widget} {data}; img-src {data} data:; \
         frame-src {widget}; object-src 'none'; base-uri 'none'"
    )
}

#[tokio::test]
async fn strict_csp_page_renders_without_violations() -> Result<()> {
    let origins = Origins::start_with(|b, widget, data| {
        b.header("Content-Security-Policy", strict_policy(widget, data))
    })?;
    let browser = Browser::start().await?;
    let states = open(&browser, &origins, "csp.html", 1).await?;
    assert_eq!(states[0]["title"], demo_title(ARTICLE).as_str());
    // The stylesheet applied (constructable sheets are not inline styles).
    let padding = eval(
        &browser,
        "return getComputedStyle(document.querySelector('article-widget')
           .shadowRoot.querySelector('.aw')).paddingTop;",
    )
    .await?;
    assert_eq!(padding, "16px");
    // Let the QR codes and late effects run, then look for violations.
    wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
        let n = eval(
            &browser,
            "return document.querySelector('article-widget').shadowRoot
               .querySelectorAll('.aw-qr-box:not(.aw-qr-pending)').length;",
        )
        .await?;
        Ok((n.as_u64().unwrap_or(0) > 0).then_some(()))
    })
    .await?;
    let violations = eval(&browser, "return window.__violations;").await?;
    assert_eq!(violations, serde_json::json!([]), "CSP violations");
    // The listener does hear violations: an inline style attribute is one.
    eval(
        &browser,
        "document.body.setAttribute('style', 'color: red'); return 0;",
    )
    .await?;
    wait_until("the control violation", DEFAULT_TIMEOUT, || async {
        let n = eval(&browser, "return window.__violations.length;").await?;
        Ok((n.as_u64().unwrap_or(0) > 0).then_some(()))
    })
    .await?;
    browser.quit().await
}

#[tokio::test]
async fn attribute_changes_rerender_and_removal_frees_and_readding_works() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    let states = open(&browser, &origins, "single.html", 1).await?;
    assert_eq!(states[0]["lang"], "vi", "the article's language by default");
    let set = |name: &str, value: &str| {
        format!("document.getElementById('w').setAttribute('{name}', '{value}'); return 0;")
    };
    let wait_state = |what: &'static str, key: &'static str, want: String| {
        let browser = &browser;
        async move {
            wait_until(what, DEFAULT_TIMEOUT, || {
                let want = want.clone();
                async move {
                    let s = widget_states(browser).await?;
                    Ok(s.first().filter(|s| s[key] == want.as_str()).cloned())
                }
            })
            .await
        }
    };
    eval(&browser, &set("lang", "en")).await?;
    wait_state("lang=en", "lang", "en".into()).await?;
    eval(&browser, &set("theme", "dark")).await?;
    wait_state("theme=dark", "theme", "dark".into()).await?;
    eval(&browser, &set("share", "zalo")).await?;
    let s = wait_until("one share item", DEFAULT_TIMEOUT, || async {
        let s = widget_states(&browser).await?;
        Ok(s.first().filter(|s| s["shares"] == 1).cloned())
    })
    .await?;
    assert_eq!(s["lang"], "en", "other attributes stay");
    let other = format!("{}/{OTHER_ARTICLE}", origin_of(&origins.data));
    eval(&browser, &set("src", &other)).await?;
    wait_state("the other article", "title", demo_title(OTHER_ARTICLE)).await?;

    // Removed: the Yew app is destroyed and its content gone.
    let gone = eval(
        &browser,
        "const w = document.getElementById('w'); window.__w = w; w.remove();
         return w.shadowRoot.querySelector('.aw-embed') === null;",
    )
    .await?;
    assert_eq!(gone, true, "the widget's content is removed with it");
    // Removed while loading: its in-flight fetch is aborted.
    let slow = format!("{}/slow/{ARTICLE}", origin_of(&origins.data));
    eval(
        &browser,
        &format!(
            "window.__mark = window.__fetches.length;
             document.body.append(window.__w);
             window.__w.setAttribute('src', '{slow}');
             window.__w.remove(); return 0;"
        ),
    )
    .await?;
    let fetches = eval(&browser, "return window.__fetches.slice(window.__mark);").await?;
    let slow_fetches: Vec<&Value> = fetches
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["url"] == slow.as_str())
        .collect();
    assert!(!slow_fetches.is_empty(), "the slow article was requested");
    assert!(
        slow_fetches.iter().all(|f| f["aborted"] == true),
        "every fetch of the removed widget was aborted: {fetches}"
    );
    // Re-added: it renders again.
    eval(&browser, "document.body.append(window.__w); return 0;").await?;
    let states = wait_for_widgets(&browser, 1, DEFAULT_TIMEOUT).await?;
    assert_eq!(states[0]["title"], demo_title(ARTICLE).as_str());
    let containers = eval(
        &browser,
        "return window.__w.shadowRoot.querySelectorAll('.aw-embed').length;",
    )
    .await?;
    assert_eq!(containers, 1, "exactly one app after re-adding");
    browser.quit().await
}

#[tokio::test]
async fn iframe_mode_height_follows_its_content() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("frame-parent.html")).await?;
    let height = || async {
        Ok::<f64, anyhow::Error>(
            numbers(
                &browser,
                "[document.querySelector('iframe').getBoundingClientRect().height]",
            )
            .await?[0],
        )
    };
    let wide = wait_until(
        "the iframe to grow to the article",
        DEFAULT_TIMEOUT,
        || async {
            let h = height().await?;
            Ok((h > 1500.0).then_some(h))
        },
    )
    .await?;
    // A message from anyone but the iframe is ignored.
    eval(
        &browser,
        "window.postMessage({ type: 'article-widget:height', height: 7 }, '*'); return 0;",
    )
    .await?;
    // Narrower: the text wraps, the page grows, the iframe follows.
    set_viewport(&browser, 420, 900).await?;
    let narrow = wait_until("the iframe to follow", DEFAULT_TIMEOUT, || async {
        let h = height().await?;
        Ok((h > wide + 200.0).then_some(h))
    })
    .await?;
    // It matches the framed document's own height.
    browser.enter_frame(0).await?;
    let inner = numbers(
        &browser,
        "[document.documentElement.getBoundingClientRect().height]",
    )
    .await?[0];
    browser.enter_default_frame().await?;
    let now = height().await?;
    assert!(
        (now - inner).abs() <= 2.0,
        "iframe {now} px vs its content {inner} px"
    );
    assert!(narrow > 7.0);
    browser.quit().await
}

#[tokio::test]
async fn no_layout_shift_while_a_widget_loads() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    // The article origin holds the article back, so the page is painted
    // with the widget still loading.
    open(&browser, &origins, "single.html", 1).await?;
    ensure!(
        origins.data.request_count(&format!("/slow/{ARTICLE}")) >= 1,
        "the slow article was requested"
    );
    assert_no_layout_shift(&browser).await?;
    browser.quit().await
}

#[tokio::test]
async fn a_long_article_renders_in_chunks_without_layout_shift() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    open(&browser, &origins, "long.html", 1).await?;
    // Later chunks arrive in their own tasks; wait for the last one.
    let expected = LONG_BLOCKS * 4 / 7; // 4 of the demo's 7 blocks are paragraphs
    let script =
        "return document.getElementById('w').shadowRoot.querySelectorAll('.aw-body > p').length;";
    wait_until(
        "every chunk of the long article",
        DEFAULT_TIMEOUT,
        || async {
            let n = eval(&browser, script).await?.as_u64().unwrap_or(0);
            Ok((usize::try_from(n).unwrap_or(0) == expected).then_some(()))
        },
    )
    .await?;
    assert_no_layout_shift(&browser).await?;
    browser.quit().await
}

/// What the widget on `xss.html` shows and holds, read inside its shadow root.
const XSS_PROBE: &str = r"
  const root = document.getElementById('w').shadowRoot;
  const text = (css) => [...root.querySelectorAll(css)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
  const all = [...root.querySelectorAll('*')];
  return {
    title: text('.aw-title')[0] ?? null,
    lead: text('.aw-lead')[0] ?? null,
    body: text('.aw-body').join(' '),
    qr: root.querySelectorAll('svg.aw-qr-box').length,
    scripts: root.querySelectorAll('script').length,
    handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    bad_links: [...root.querySelectorAll('[href],[src]')]
      .filter((e) => !(e.matches('a[download]') && /^data:image\//.test(e.getAttribute('href'))))
      .map((e) => e.getAttribute('href') || e.getAttribute('src'))
      .filter((u) => !/^(https?:\/\/|mailto:|#|\?)/i.test(u)),
    flag: window.__xss ?? null,
  };";

#[tokio::test]
async fn hostile_article_text_stays_text_inside_the_widget() -> Result<()> {
    // The embed inserts the engine's markup with innerHTML: every field of
    // this article is a payload, and none may become markup or run.
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    let doc = read_json(article_widget_e2e::fixtures_dir().join("robustness/xss.json"))?;
    let states = open(&browser, &origins, "xss.html", 1).await?;
    ensure!(
        states[0]["error"].is_null(),
        "the article is shown: {}",
        states[0]
    );
    // Wait for the QR codes (inserted later, also as markup) and the images.
    wait_until("the QR codes and images", DEFAULT_TIMEOUT, || async {
        let probe = eval(&browser, XSS_PROBE).await?;
        let images = eval(
            &browser,
            "return [...document.getElementById('w').shadowRoot.querySelectorAll('img')]
               .every((i) => i.complete);",
        )
        .await?;
        Ok((probe["qr"].as_u64() > Some(0) && images == true).then_some(probe))
    })
    .await?;
    let probe = eval(&browser, XSS_PROBE).await?;
    let field = |p: &str| {
        let text = doc.pointer(p).and_then(Value::as_str).unwrap_or_default();
        article_widget_e2e::normalize_space(text)
    };
    assert_eq!(probe["title"], field("/title").as_str(), "{probe}");
    assert_eq!(probe["lead"], field("/lead").as_str(), "{probe}");
    let body = probe["body"].as_str().unwrap_or_default();
    for pointer in [
        "/body/0/text",
        "/body/1/text",
        "/body/2/text",
        "/body/3/caption",
    ] {
        let want = field(pointer);
        ensure!(
            body.contains(&want),
            "{pointer}: {want:?} not literal in {body:?}"
        );
    }
    assert_eq!(probe["scripts"], 0, "{probe}");
    assert_eq!(probe["handlers"], 0, "{probe}");
    assert_eq!(probe["bad_links"], serde_json::json!([]), "{probe}");
    assert_eq!(probe["flag"], Value::Null, "a payload ran: {probe}");
    // The detector works: the same payload inserted as markup runs.
    eval(
        &browser,
        "document.getElementById('w').shadowRoot
           .append(document.createRange().createContextualFragment(
             '<img src=x onerror=\"window.__xss=2\">'));
         return 0;",
    )
    .await?;
    wait_until("the control payload to run", DEFAULT_TIMEOUT, || async {
        let flag = eval(&browser, "return window.__xss ?? null;").await?;
        Ok((flag == 2).then_some(()))
    })
    .await?;
    browser.quit().await
}

#[tokio::test]
async fn failures_count_down_retry_and_recover() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("flaky.html")).await?;
    let text = |id: &str, css: &str| {
        format!(
            "return document.getElementById('{id}').shadowRoot
               ?.querySelector('{css}')?.textContent ?? null;"
        )
    };
    // A 503 with Retry-After: the reason and a countdown, then the article by itself.
    let error = wait_until("the 503", DEFAULT_TIMEOUT, || async {
        let error = eval(&browser, &text("flaky", ".aw-error")).await?;
        Ok(error.as_str().map(str::to_owned))
    })
    .await?;
    ensure!(error.contains("503"), "the error names the status: {error}");
    let countdown = eval(&browser, &text("flaky", ".aw-countdown")).await?;
    ensure!(countdown.is_string(), "a countdown is shown with the error");
    // The countdown's second tick changes its words in place: the error box
    // (role="alert") stays the same node, so it is announced once.
    eval(
        &browser,
        "document.getElementById('flaky').shadowRoot.querySelector('.aw-error').awMark = 1;
         return 0;",
    )
    .await?;
    let ticked = wait_until("the countdown's next second", DEFAULT_TIMEOUT, || async {
        let now = eval(&browser, &text("flaky", ".aw-countdown")).await?;
        Ok(now
            .as_str()
            .filter(|t| Some(*t) != countdown.as_str())
            .map(str::to_owned))
    })
    .await?;
    ensure!(
        ticked.chars().any(|c| c.is_ascii_digit()),
        "the countdown names the seconds: {ticked}"
    );
    ensure_js(
        &browser,
        "document.getElementById('flaky').shadowRoot.querySelector('.aw-error')?.awMark === 1",
        "the error box was inserted again",
    )
    .await?;
    wait_until("the article after the retry", DEFAULT_TIMEOUT, || async {
        let title = eval(&browser, &text("flaky", ".aw-title")).await?;
        Ok(title.as_str().map(str::to_owned))
    })
    .await?;
    assert_eq!(origins.data.request_count("/flaky.json"), 2);

    // A 404 is final: no automatic retry, but the button fetches again.
    let error = wait_until("the 404", DEFAULT_TIMEOUT, || async {
        let error = eval(&browser, &text("missing", ".aw-error")).await?;
        Ok(error.as_str().map(str::to_owned))
    })
    .await?;
    ensure!(error.contains("404"), "{error}");
    assert_eq!(origins.data.request_count("/missing.json"), 1);
    // A final error gives back the viewport-tall space reserved for loading.
    ensure_js(
        &browser,
        "document.getElementById('missing').getBoundingClientRect().height < innerHeight / 2",
        "a 404 leaves a short error box, not a screen of blank space",
    )
    .await?;
    eval(
        &browser,
        "document.getElementById('missing').shadowRoot.querySelector('.aw-error button').click();
         return 0;",
    )
    .await?;
    wait_until("the second request", DEFAULT_TIMEOUT, || async {
        Ok((origins.data.request_count("/missing.json") == 2).then_some(()))
    })
    .await?;
    // Another article asked of the failed widget gets its space back at
    // once, before it arrives: nothing below moves when it paints.
    ensure_js(
        &browser,
        "(() => {
           const el = document.getElementById('missing');
           el.setAttribute('src', document.getElementById('flaky').getAttribute('src'));
           return el.getBoundingClientRect().height >= innerHeight && !el.hasAttribute('data-state');
         })()",
        "another article after a final error reserves a viewport again",
    )
    .await?;
    wait_until(
        "the other article in the failed widget",
        DEFAULT_TIMEOUT,
        || async {
            let title = eval(&browser, &text("missing", ".aw-title")).await?;
            Ok(title.as_str().map(str::to_owned))
        },
    )
    .await?;
    browser.quit().await
}

/// `{ title, tag, lang, shares, embed }` of the widget in `#id`'s shadow root.
fn slot_probe(id: &str) -> String {
    format!(
        "const root = document.getElementById('{id}')?.shadowRoot;
         const q = (css) => root?.querySelector(css);
         return {{
           title: q('.aw-title')?.textContent ?? null,
           tag: q('.aw-title')?.tagName.toLowerCase() ?? null,
           lang: q('.aw')?.getAttribute('lang') ?? null,
           shares: root ? root.querySelectorAll('.aw-share-item').length : 0,
           embed: !!q('.aw-embed'),
         }};"
    )
}

#[tokio::test]
async fn inline_json_and_the_mount_api_render_update_and_unmount() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("api.html")).await?;
    let title = demo_title(ARTICLE);
    let wait_probe = |id: &'static str, want: fn(&Value) -> bool| {
        let browser = &browser;
        async move {
            wait_until(id, DEFAULT_TIMEOUT, || async {
                let probe = eval(browser, &slot_probe(id)).await?;
                Ok(want(&probe).then_some(probe))
            })
            .await
        }
    };
    // Inline JSON: rendered without any request for the article.
    let inline = wait_probe("inline", |p| p["shares"].as_u64() > Some(0)).await?;
    assert_eq!(inline["title"], title.as_str(), "{inline}");
    assert_eq!(inline["lang"], "en", "{inline}");
    // Where navigator.share exists, the default share list starts with the
    // native button, and it shares the canonical URL and the title.
    let shared = eval(
        &browser,
        "const list = document.getElementById('inline').shadowRoot.querySelector('.aw-share-list');
         const first = list.firstElementChild.querySelector('button.aw-share-native');
         if (!first) return null;
         first.click();
         return new Promise((done) => setTimeout(() => done(window.__shared ?? null), 100));",
    )
    .await?;
    let demo = read_json(workspace_dir().join("demo").join(ARTICLE))?;
    assert_eq!(shared["title"], title.as_str(), "{shared}");
    assert_eq!(shared["url"], demo["url"], "{shared}");
    // Text size: A+ keeps focus and the live region (the same element, so
    // screen readers announce it), enables "original" and scales the text.
    let size = eval(
        &browser,
        "const root = document.getElementById('inline').shadowRoot;
         const group = root.querySelector('.aw-textsize');
         const [smaller, larger, reset] = group.querySelectorAll('button');
         const live = group.querySelector('[aria-live]');
         const before = live.textContent;
         larger.focus();
         larger.click();
         return {
           before, after: live.textContent,
           sameLive: group.querySelector('[aria-live]') === live,
           focused: root.activeElement === larger,
           reset: reset.getAttribute('aria-disabled'),
           scale: root.querySelector('.aw-article').style.getPropertyValue('--aw-text-scale'),
           stored: localStorage.getItem('article-widget:text-size'),
         };",
    )
    .await?;
    assert_ne!(size["before"], size["after"], "{size}");
    assert!(
        size["after"].as_str().unwrap_or_default().contains("112%"),
        "{size}"
    );
    assert_eq!(
        (&size["sameLive"], &size["focused"]),
        (&Value::Bool(true), &Value::Bool(true)),
        "{size}"
    );
    assert_eq!(size["reset"], "false", "{size}");
    assert_eq!(size["scale"], "1.12", "{size}");
    assert!(size["stored"].is_string(), "remembered: {size}");
    // mount() with an object, options as an array and a number.
    let slot = wait_probe("slot", |p| p["shares"].as_u64() > Some(0)).await?;
    assert_eq!(slot["title"], title.as_str(), "{slot}");
    assert_eq!(
        (slot["tag"].as_str(), slot["shares"].as_u64()),
        (Some("h1"), Some(2)),
        "{slot}"
    );
    // update() with the same article re-renders with the new options.
    eval(
        &browser,
        "window.__handle.update({ json: window.__text, lang: 'vi', share: 'zalo' }); return 0;",
    )
    .await?;
    let updated = wait_probe("slot", |p| p["lang"] == "vi" && p["shares"] == 1).await?;
    assert_eq!(updated["shares"], 1, "{updated}");
    assert_eq!(
        updated["tag"], "h2",
        "the default heading level in a page: {updated}"
    );
    // unmount() removes the content; calling it twice is harmless.
    eval(
        &browser,
        "window.__handle.unmount(); window.__handle.unmount(); return 0;",
    )
    .await?;
    wait_probe("slot", |p| p["embed"] == false).await?;
    let mut errors = console_errors(&browser).await?;
    // Inline data resolves its relative image URLs against the page, which
    // has no images: those 404s are expected.
    errors.retain(|e| !e.contains("favicon.ico") && !e.contains("/images/"));
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit().await
}

/// The events `events.html` recorded so far.
async fn events(browser: &Browser) -> Result<Vec<Value>> {
    let v = eval(browser, "return window.__events;").await?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

/// Waits for an event of `type` from the widget `#id`, and returns it.
async fn wait_event(browser: &Browser, kind: &str, id: &str) -> Result<Value> {
    wait_until(&format!("{kind} from #{id}"), DEFAULT_TIMEOUT, || async {
        Ok(events(browser)
            .await?
            .into_iter()
            .find(|e| e["type"] == kind && e["id"] == id))
    })
    .await
}

#[tokio::test]
async fn events_tell_the_page_what_the_widget_did() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("events.html")).await?;
    let demo = read_json(workspace_dir().join("demo").join(ARTICLE))?;

    // Loaded: the title, the canonical URL and where the JSON came from.
    let loaded = wait_event(&browser, "aw-loaded", "ok").await?;
    assert_eq!(loaded["detail"]["title"], demo["title"], "{loaded}");
    assert_eq!(loaded["detail"]["url"], demo["url"], "{loaded}");
    let src = loaded["detail"]["src"].as_str().unwrap_or_default();
    ensure!(src.ends_with(ARTICLE), "{loaded}");

    // Failed: the kind of error and the status.
    let failed = wait_event(&browser, "aw-failed", "missing").await?;
    assert_eq!(
        (&failed["detail"]["kind"], &failed["detail"]["status"]),
        (&Value::from("status"), &Value::from(404)),
        "{failed}"
    );
    assert_eq!(
        failed["detail"]["retryIn"],
        Value::Null,
        "a 404 is final: {failed}"
    );

    // Share: the network of the link clicked.
    wait_until("the share links", DEFAULT_TIMEOUT, || async {
        let clicked = eval(
            &browser,
            "const link = document.getElementById('ok').shadowRoot
               .querySelector('a.aw-share-item.aw-share-facebook');
             link?.click();
             return !!link;",
        )
        .await?;
        Ok((clicked == true).then_some(()))
    })
    .await?;
    let share = wait_event(&browser, "aw-share", "ok").await?;
    assert_eq!(share["detail"]["network"], "facebook", "{share}");
    assert_eq!(share["detail"]["url"], demo["url"], "{share}");

    // Text size: the new size in per cent.
    eval(
        &browser,
        "document.getElementById('ok').shadowRoot
           .querySelectorAll('.aw-textsize button')[1].click();
         return 0;",
    )
    .await?;
    let size = wait_event(&browser, "aw-textsize", "ok").await?;
    assert_eq!(size["detail"]["percent"], 112, "{size}");

    // Navigate: cancelable, with the related article's JSON; the page
    // cancels it and shows that article in the same widget.
    let related = demo["related"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["json"].is_string()))
        .cloned()
        .context("the demo has a related article with JSON")?;
    eval(
        &browser,
        "document.getElementById('ok').shadowRoot.querySelector('.aw-related li a').click();
         return 0;",
    )
    .await?;
    let navigate = wait_event(&browser, "aw-navigate", "ok").await?;
    assert_eq!(navigate["cancelable"], true, "{navigate}");
    let wanted = related["json"].as_str().unwrap_or_default();
    let got = navigate["detail"]["src"].as_str().unwrap_or_default();
    ensure!(
        got.ends_with(wanted.trim_start_matches("./").trim_start_matches("../")),
        "navigate names {got}, the demo {wanted}"
    );
    wait_until("the related article in place", DEFAULT_TIMEOUT, || async {
        let title = eval(
            &browser,
            "return document.getElementById('ok').shadowRoot.querySelector('.aw-title')?.textContent ?? null;",
        )
        .await?;
        Ok((title != demo["title"] && title.is_string()).then_some(()))
    })
    .await?;
    let loads = events(&browser)
        .await?
        .iter()
        .filter(|e| e["type"] == "aw-loaded" && e["id"] == "ok")
        .count();
    assert_eq!(loads, 2, "one loaded event per article shown");
    browser.quit().await
}

#[tokio::test]
async fn axe_core_finds_no_violations_in_the_embed_in_any_theme() -> Result<()> {
    use article_widget_e2e::{emulate_media, run_axe};
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    open(&browser, &origins, "plain.html", 1).await?;
    // The page around the widget is a bare test page: the WCAG rules only,
    // on the widget (axe-core enters its shadow root).
    let options = serde_json::json!({
        "runOnly": { "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        "resultTypes": ["violations"],
    });
    let mut report = String::new();
    for (theme, system) in [
        ("light", None),
        ("dark", None),
        ("sepia", None),
        ("auto", Some("dark")),
    ] {
        emulate_media(&browser, None, system).await?;
        eval(
            &browser,
            &format!("document.querySelector('article-widget').setAttribute('theme', '{theme}'); return 0;"),
        )
        .await?;
        wait_until(&format!("the {theme} theme"), DEFAULT_TIMEOUT, || async {
            let now = widget_states(&browser).await?;
            Ok((now
                .first()
                .is_some_and(|w| w["theme"] == theme && w["rendered"] == true))
            .then_some(()))
        })
        .await?;
        // The QR codes too: they come when the page is idle.
        wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
            let pending = eval(
                &browser,
                "return document.querySelector('article-widget').shadowRoot.querySelectorAll('.aw-qr-pending').length;",
            )
            .await?;
            Ok((pending == 0).then_some(()))
        })
        .await?;
        for v in run_axe(&browser, &options).await? {
            use std::fmt::Write as _;
            let _ = write!(report, "[{theme}] {v}");
        }
    }
    ensure!(report.is_empty(), "axe-core violations:\n{report}");
    browser.quit().await
}
