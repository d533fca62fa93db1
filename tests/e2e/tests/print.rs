//! The widget's Print button prints the article alone, in headless Chromium:
//! in the reader, on a partner page (shadow DOM), on the partner page under
//! the strict Content-Security-Policy of `docs/embedding.md`, and in iframe
//! mode. Each test stubs the browser's print dialog (the page's `print()`
//! and the print frame's), presses Print, and then looks at what would be
//! printed under print media: the article's title, lead, body, captions,
//! author, source, its QR code and its URL, its photos loaded, no control,
//! nothing of the page around it, and the page's own `print()` never called.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::{
    dist_dir, emulate_media, eval, normalize_space, origin_of, read_json, serve_origin,
    serve_partner_pages, wait_for_sw_control, wait_until, workspace_dir, Browser, ServerHandle,
    Site, DEFAULT_TIMEOUT, DEMO_ARTICLE, EMBED_DIR,
};
use serde_json::{json, Value};

/// Installs the print stubs in the current frame's document, whose widget's
/// shadow root is `ROOT` (a JS expression). The page's `print()` only counts
/// its calls; every frame added to the shadow root gets a `print()` that
/// records the call, and a listener for CSP violations in its document.
const STUB: &str = "
    const root = ROOT;
    window.__violations ??= [];
    window.__pagePrints = 0;
    window.print = () => { window.__pagePrints += 1; };
    window.__printFrames = [];
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) {
        if (node.tagName !== 'IFRAME') continue;
        const entry = { frame: node, printed: 0 };
        window.__printFrames.push(entry);
        node.contentWindow.print = () => { entry.printed += 1; };
        node.contentDocument.addEventListener('securitypolicyviolation', (e) => {
          window.__violations.push(`print frame: ${e.violatedDirective} ${e.blockedURI}`);
        });
      }
    }).observe(root, { childList: true });
    return true;";

/// What the print frame would print, read under print media.
const PRINTED: &str = "
    const entry = window.__printFrames.find((e) => e.printed > 0);
    if (!entry) return null;
    const doc = entry.frame.contentDocument;
    const win = entry.frame.contentWindow;
    const shown = (e) => e.getClientRects().length > 0
        && win.getComputedStyle(e).visibility !== 'hidden';
    const qr = doc.querySelector('.aw-article-qr svg.aw-qr-box');
    const box = qr && shown(qr) ? qr.getBoundingClientRect() : null;
    return {
      printMedia: win.matchMedia('print').matches,
      printed: entry.printed,
      pagePrints: window.__pagePrints,
      title: doc.title,
      text: doc.body.innerText,
      bodyChildren: [...doc.body.children].map((e) => e.className),
      qrWidth: box ? box.width : 0,
      qrPath: qr ? qr.querySelectorAll('path').length : 0,
      photos: [...doc.images].filter(shown).map((i) => ({ src: i.currentSrc, width: i.naturalWidth })),
      controls: [...doc.querySelectorAll('button, input, select, textarea, iframe, script')]
        .filter(shown).map((e) => e.outerHTML.slice(0, 120)),
      violations: window.__violations,
    };";

/// The demo article's JSON.
fn demo() -> Result<Value> {
    read_json(workspace_dir().join(DEMO_ARTICLE))
}

/// The strings of the demo article that paper must show: title, lead, the
/// first paragraph's start, every caption, the author, the source and the
/// canonical URL (printed under its QR code).
fn printed_texts(article: &Value) -> Result<Vec<String>> {
    let text = |pointer: &str| {
        article
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(normalize_space)
            .with_context(|| format!("the demo article has no string at {pointer}"))
    };
    let mut texts = vec![
        text("/title")?,
        text("/lead")?,
        text("/authors/0/name")?,
        text("/source/name")?,
        text("/url")?,
    ];
    let first: String = text("/body/0/text")?.chars().take(60).collect();
    texts.push(first);
    for block in article["body"].as_array().context("no body")? {
        if let Some(caption) = block["caption"].as_str() {
            texts.push(normalize_space(caption));
        }
    }
    Ok(texts)
}

/// Presses the widget's Print button in the current frame (the widget's
/// shadow root is `root`, a JS expression), waits for the print frame's
/// `print()`, and returns what it would print under print media. `absent`
/// are texts of the page around the widget that must not be printed.
async fn press_print_and_read(browser: &Browser, root: &str, absent: &[&str]) -> Result<Value> {
    let article = demo()?;
    wait_until("the article's QR code", DEFAULT_TIMEOUT, || async {
        let drawn = eval(
            browser,
            &format!("return !!({root})?.querySelector('.aw-article-qr svg.aw-qr-box');"),
        )
        .await?;
        Ok((drawn == true).then_some(()))
    })
    .await?;
    eval(browser, &STUB.replace("ROOT", root)).await?;
    eval(
        browser,
        &format!("({root}).querySelector('button.aw-print').click(); return 0;"),
    )
    .await?;
    wait_until("the print frame's print()", DEFAULT_TIMEOUT, || async {
        let n = eval(
            browser,
            "return (window.__printFrames || []).filter((e) => e.printed > 0).length;",
        )
        .await?;
        Ok((n.as_u64() == Some(1)).then_some(()))
    })
    .await?;
    emulate_media(browser, Some("print"), None).await?;
    let printed = eval(browser, PRINTED).await?;
    emulate_media(browser, None, None).await?;

    ensure!(printed["printMedia"] == true, "print media: {printed:#}");
    ensure!(
        printed["pagePrints"] == 0,
        "the page's own print() was called: the whole page would print"
    );
    ensure!(printed["printed"] == 1, "printed once: {printed:#}");
    assert_eq!(
        printed["title"].as_str(),
        article["title"].as_str(),
        "the print document's title"
    );
    // The print document holds the widget's nodes and nothing else.
    assert_eq!(printed["bodyChildren"], json!(["aw-embed"]));
    let text = normalize_space(printed["text"].as_str().unwrap_or_default());
    for expected in printed_texts(&article)? {
        ensure!(
            text.contains(&expected),
            "{expected:?} is not printed; the printed text: {text:.2000}"
        );
    }
    // Related articles and share tools stay on screen.
    let related = article["related"][0]["title"].as_str().unwrap_or_default();
    ensure!(!text.contains(related), "related articles are printed");
    for page_text in absent {
        ensure!(
            !text.contains(page_text),
            "the page's own {page_text:?} is printed"
        );
    }
    ensure!(
        printed["qrWidth"].as_f64().unwrap_or(0.0) >= 60.0 && printed["qrPath"] == 1,
        "the QR code is not printed at a readable size: {printed:#}"
    );
    let photos = printed["photos"].as_array().cloned().unwrap_or_default();
    let figures = article["body"]
        .as_array()
        .map_or(0, |b| b.iter().filter(|b| b["type"] == "figure").count());
    ensure!(
        photos.len() > figures,
        "the figures and the publisher's logo are printed: {photos:#?}"
    );
    ensure!(
        photos.iter().all(|p| p["width"].as_u64().unwrap_or(0) > 0),
        "a printed photo has not loaded: {photos:#?}"
    );
    ensure!(
        printed["controls"] == json!([]),
        "controls printed: {:#}",
        printed["controls"]
    );
    ensure!(
        printed["violations"] == json!([]),
        "CSP violations: {:#}",
        printed["violations"]
    );
    Ok(printed)
}

/// The partner pages' three origins: pages, widget (the release build) and
/// articles (the demo folder).
struct Origins {
    pages: ServerHandle,
    _widget: ServerHandle,
    _data: ServerHandle,
}

impl Origins {
    /// Starts them, the pages with the strict policy of `docs/embedding.md`
    /// when `strict`.
    fn start(strict: bool) -> Result<Self> {
        let widget = serve_origin(dist_dir(), |b| b)?;
        let data = serve_origin(workspace_dir().join("demo"), |b| b)?;
        let (w, d) = (origin_of(&widget), origin_of(&data));
        let policy = format!(
            "default-src 'self'; script-src 'self' {w} 'wasm-unsafe-eval'; \
             style-src {w}; connect-src {w} {d}; img-src {d} data:; \
             frame-src {w}; object-src 'none'; base-uri 'none'"
        );
        let pages = serve_partner_pages(&[("WIDGET", w), ("DATA", d)], |b| {
            if strict {
                b.header("Content-Security-Policy", policy)
            } else {
                b
            }
        })?;
        ensure!(
            dist_dir().join(EMBED_DIR).join("embed.js").is_file(),
            "no embed in the build"
        );
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

const WIDGET_ROOT: &str = "document.querySelector('article-widget')?.shadowRoot";

#[tokio::test(flavor = "multi_thread")]
async fn print_in_the_reader_prints_the_article_without_the_reader() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    browser
        .goto(site.url(&format!("index.html?src={DEMO_ARTICLE}")))
        .await?;
    // The reader's own frame (its bar with the pickers) is not printed.
    let bar = eval(
        &browser,
        "const b = document.querySelector('.aw-reader-bar'); return b ? b.innerText : null;",
    )
    .await?;
    let bar = bar.as_str().context("the reader shows no bar")?;
    // A line of the bar that the article does not also hold (the
    // publication's name is the article's publisher too, printed with it).
    let article = demo()?.to_string();
    let bar_line = bar
        .lines()
        .map(str::trim)
        .find(|l| l.len() > 3 && !article.contains(l))
        .context("the reader's bar has no text of its own")?
        .to_owned();
    press_print_and_read(&browser, WIDGET_ROOT, &[bar_line.as_str()]).await?;
    browser.quit().await
}

/// Print's code is not in the loader's bundle: `embed.js` imports
/// `print.js` on the first Print. The reader's service worker precaches it
/// with the loader, so Print still works once the server has gone.
#[tokio::test(flavor = "multi_thread")]
async fn print_in_the_reader_works_offline() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    browser
        .goto(site.url(&format!("index.html?src={DEMO_ARTICLE}")))
        .await?;
    wait_for_sw_control(&browser).await?;
    wait_until("the article's QR code", DEFAULT_TIMEOUT, || async {
        let drawn = eval(
            &browser,
            &format!("return !!({WIDGET_ROOT})?.querySelector('.aw-article-qr svg.aw-qr-box');"),
        )
        .await?;
        Ok((drawn == true).then_some(()))
    })
    .await?;
    let fetched = site
        .server()
        .request_count(&format!("/{EMBED_DIR}print.js"));
    site.stop();

    eval(&browser, &STUB.replace("ROOT", WIDGET_ROOT)).await?;
    eval(
        &browser,
        &format!("({WIDGET_ROOT}).querySelector('button.aw-print').click(); return 0;"),
    )
    .await?;
    wait_until(
        "the print frame's print(), offline",
        DEFAULT_TIMEOUT,
        || async {
            let n = eval(
                &browser,
                "return (window.__printFrames || []).filter((e) => e.printed > 0).length;",
            )
            .await?;
            Ok((n.as_u64() == Some(1)).then_some(()))
        },
    )
    .await?;
    let printed = eval(&browser, PRINTED).await?;
    let article = demo()?;
    let title = article["title"].as_str().unwrap_or_default();
    assert_eq!(printed["title"].as_str(), Some(title), "{printed:#}");
    ensure!(
        normalize_space(printed["text"].as_str().unwrap_or_default()).contains(title),
        "the article is not printed offline: {printed:#}"
    );
    ensure!(
        printed["pagePrints"] == 0,
        "the page's own print() was called"
    );
    // While online, the worker precached it and the page did not ask for it.
    ensure!(
        fetched == 1,
        "print.js was requested {fetched} times before the first Print (expected once, by the worker's precache)"
    );
    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn print_on_a_partner_page_prints_the_article_alone() -> Result<()> {
    let origins = Origins::start(false)?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("csp.html")).await?;
    press_print_and_read(
        &browser,
        WIDGET_ROOT,
        &["This page's Content-Security-Policy"],
    )
    .await?;
    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn print_under_a_strict_csp_prints_the_article_without_violations() -> Result<()> {
    let origins = Origins::start(true)?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("csp.html")).await?;
    press_print_and_read(
        &browser,
        WIDGET_ROOT,
        &["This page's Content-Security-Policy"],
    )
    .await?;
    // The page's own listener heard nothing either.
    let violations = eval(&browser, "return window.__violations;").await?;
    assert_eq!(violations, json!([]), "CSP violations");
    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn print_in_iframe_mode_prints_the_article_alone() -> Result<()> {
    let origins = Origins::start(false)?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("frame-parent.html")).await?;
    let frame = browser.find(By::Css("iframe[data-article-widget]")).await?;
    frame.enter_frame().await?;
    press_print_and_read(
        &browser,
        "document.getElementById('article')?.shadowRoot",
        &["The article in iframe mode"],
    )
    .await?;
    browser.enter_default_frame().await?;
    browser.quit().await
}
