//! The widget's states over time, in headless Chromium: the last good copy
//! of an article standing in while its server fails (a 503, a dropped
//! connection), on a partner page and in the reader, with its notice, its
//! events and its retry button; the error with a retry button when nothing
//! was kept; a 404 that shows the error and forgets the copy; `keep-copy="off"`;
//! pages where the Cache API is blocked or full; and the loading state of a
//! widget whose `src` comes after it is on the page. Every server is a
//! loopback devserver started here, with its faults switched by the test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{ensure, Result};
use article_widget_e2e::{
    dist_dir, eval, origin_of, read_json, serve_origin, serve_partner_pages, wait_until,
    workspace_dir, Browser, Reply, ServerHandle, Site, DEFAULT_TIMEOUT, DEMO_ARTICLE, EMBED_DIR,
};
use serde_json::Value;

/// The article of `#kept` on `last-good.html`, relative to `demo/`.
const ARTICLE: &str = "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// What the article server does with article requests (`/articles/…`);
/// everything else (the photos) it serves as usual.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Mode {
    /// The article.
    Serve = 0,
    /// `503 Service Unavailable`.
    Busy = 1,
    /// The connection closed without an answer: a network error.
    Drop = 2,
    /// `404 Not Found`.
    Gone = 3,
}

/// A switch the servers' handlers read on every request.
#[derive(Clone, Default)]
struct Faults(Arc<AtomicU8>);

impl Faults {
    fn set(&self, mode: Mode) {
        self.0.store(mode as u8, Ordering::SeqCst);
    }

    /// The fault for an article request, `None` to serve it.
    fn reply(&self) -> Option<Reply> {
        match self.0.load(Ordering::SeqCst) {
            1 => Some(Reply::text(503, "busy")),
            2 => Some(Reply::drop_connection()),
            3 => Some(Reply::text(404, "gone")),
            _ => None,
        }
    }
}

/// The partner pages, the widget (the release build) and the article
/// server (the demo folder, with faults and a `/slow/` prefix that answers
/// late), each on its own origin.
struct Origins {
    pages: ServerHandle,
    _widget: ServerHandle,
    data: ServerHandle,
    faults: Faults,
}

impl Origins {
    fn start() -> Result<Self> {
        ensure!(
            dist_dir().join(EMBED_DIR).join("embed.js").is_file(),
            "no embed in {} (run `cargo xtask build`)",
            dist_dir().display()
        );
        let faults = Faults::default();
        let widget = serve_origin(dist_dir(), |b| b)?;
        let switch = faults.clone();
        let demo = workspace_dir().join("demo");
        let data = serve_origin(demo.clone(), move |b| {
            b.handler(move |request| {
                if let Some(rest) = request.path.strip_prefix("/slow/") {
                    let body = std::fs::read(demo.join(rest)).ok()?;
                    return Some(
                        Reply::json(200, String::from_utf8_lossy(&body))
                            .delay(Duration::from_millis(700)),
                    );
                }
                if request.path.starts_with("/articles/") {
                    return switch.reply();
                }
                None
            })
        })?;
        let (w, d) = (origin_of(&widget), origin_of(&data));
        let pages = serve_partner_pages(&[("WIDGET", w), ("DATA", d)], |b| b)?;
        Ok(Self {
            pages,
            _widget: widget,
            data,
            faults,
        })
    }

    fn page(&self, name: &str) -> String {
        format!("{}{name}", self.pages.url())
    }
}

/// What the widget `#id` shows, read inside its shadow root: the title, the
/// notice of a last good copy (`saved`, `failed`, `noticeButton`), the
/// error box (`error`, `errorButton`) and the loading state.
async fn widget(browser: &Browser, id: &str) -> Result<Value> {
    eval(
        browser,
        &format!(
            "const root = document.getElementById('{id}')?.shadowRoot;
             const text = (css) => root?.querySelector(css)?.textContent.trim() ?? null;
             return {{
               title: text('.aw-article .aw-title'),
               saved: text('.aw-notice .aw-offline-copy'),
               failed: text('.aw-notice .aw-refresh-failed'),
               noticeButton: !!root?.querySelector('.aw-notice button.aw-button'),
               error: text('.aw-error .aw-error-message'),
               errorButton: !!root?.querySelector('.aw-error button.aw-button'),
               loading: !!root?.querySelector('.aw-loading'),
             }};"
        ),
    )
    .await
}

/// Waits until `#id` shows what `ready` accepts, and returns it.
async fn wait_widget(
    browser: &Browser,
    id: &str,
    what: &str,
    ready: impl Fn(&Value) -> bool,
) -> Result<Value> {
    wait_until(what, DEFAULT_TIMEOUT, || async {
        let state = widget(browser, id).await?;
        Ok(ready(&state).then_some(state))
    })
    .await
}

/// The article URLs the widget keeps copies of on the page's origin.
async fn kept_copies(browser: &Browser) -> Result<Vec<String>> {
    let urls = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             caches.open('article-widget:last-good')
               .then((cache) => cache.keys())
               .then((keys) => done(keys.map((k) => k.url)), (e) => done([String(e)]));",
            Vec::new(),
        )
        .await?
        .json()
        .clone();
    Ok(urls
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str().map(str::to_owned))
        .collect())
}

/// Waits until the widget keeps a copy of exactly one article, ending in `path`.
async fn wait_kept(browser: &Browser, path: &str) -> Result<()> {
    wait_until(
        &format!("a kept copy of {path}"),
        DEFAULT_TIMEOUT,
        || async {
            let urls = kept_copies(browser).await?;
            Ok((urls.len() == 1 && urls[0].ends_with(path)).then_some(()))
        },
    )
    .await
}

/// The events `#id` dispatched since the page loaded, as `[type, detail]`.
async fn events(browser: &Browser, id: &str) -> Result<Vec<(String, Value)>> {
    let all = eval(browser, "return window.__events;").await?;
    Ok(all
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["id"] == id)
        .map(|e| {
            (
                e["type"].as_str().unwrap_or("").to_owned(),
                e["detail"].clone(),
            )
        })
        .collect())
}

/// Fails when the page saw an exception nobody caught.
async fn assert_no_uncaught(browser: &Browser) -> Result<()> {
    let errors = eval(browser, "return window.__errors;").await?;
    ensure!(errors == serde_json::json!([]), "uncaught: {errors}");
    Ok(())
}

fn title_of(article: &str) -> String {
    read_json(workspace_dir().join("demo").join(article)).unwrap()["title"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// An automatic retry that fails again leaves the copy of `#kept` as it is
/// (the same nodes: a reader scrolled down a long article stays where they
/// are), and only tells the page of the failure.
async fn an_automatic_retry_leaves_the_copy_as_it_is(browser: &Browser) -> Result<()> {
    eval(
        browser,
        "document.getElementById('kept').shadowRoot.querySelector('.aw-article').awMark = 1;
         return 0;",
    )
    .await?;
    let seen = events(browser, "kept").await?.len();
    let next = wait_until("an automatic retry", DEFAULT_TIMEOUT, || async {
        let heard = events(browser, "kept").await?;
        Ok(heard.get(seen).cloned())
    })
    .await?;
    ensure!(
        next.0 == "aw-failed" && next.1["retryIn"].is_number(),
        "a failed retry with more to come: {next:?}"
    );
    let same = eval(
        browser,
        "return document.getElementById('kept').shadowRoot.querySelector('.aw-article')?.awMark === 1;",
    )
    .await?;
    ensure!(
        same == true,
        "the copy was rendered again by an automatic retry"
    );
    Ok(())
}

#[tokio::test]
async fn the_last_good_copy_stands_in_while_the_server_fails() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    let title = title_of(ARTICLE);

    // A load that works keeps the article's copy.
    browser.goto(origins.page("last-good.html")).await?;
    let fresh = wait_widget(&browser, "kept", "the article", |s| s["title"].is_string()).await?;
    assert_eq!(fresh["title"], title.as_str());
    assert!(
        fresh["saved"].is_null(),
        "a fresh article has no notice: {fresh}"
    );
    wait_kept(&browser, ARTICLE).await?;

    // The server fails: the copy stands in, under a notice that says when it
    // was saved and why it is not the latest, with a retry button; an
    // article the page never showed gets the error and its retry button.
    origins.faults.set(Mode::Busy);
    browser.goto(origins.page("last-good.html?never")).await?;
    let copy = wait_widget(&browser, "kept", "the kept copy", |s| {
        s["title"].is_string() && s["saved"].is_string()
    })
    .await?;
    assert_eq!(copy["title"], title.as_str(), "{copy}");
    let saved = copy["saved"].as_str().unwrap_or("");
    ensure!(
        saved.chars().filter(char::is_ascii_digit).count() >= 8,
        "the notice says when the copy was saved: {saved:?}"
    );
    ensure!(
        copy["failed"].as_str().unwrap_or("").contains("503"),
        "the notice says why: {copy}"
    );
    ensure!(copy["noticeButton"] == true, "a retry button: {copy}");
    assert!(
        copy["error"].is_null(),
        "no error box with the copy: {copy}"
    );
    let never = wait_widget(&browser, "never", "the error", |s| s["error"].is_string()).await?;
    ensure!(
        never["error"].as_str().unwrap_or("").contains("503") && never["errorButton"] == true,
        "{never}"
    );
    assert!(never["title"].is_null(), "{never}");
    // The page hears the failure, then the article shown, with when it was saved.
    let heard = events(&browser, "kept").await?;
    ensure!(
        heard.len() >= 2 && heard[0].0 == "aw-failed" && heard[1].0 == "aw-loaded",
        "{heard:?}"
    );
    assert_eq!(heard[0].1["status"], 503, "{heard:?}");
    assert_eq!(heard[1].1["title"], title.as_str(), "{heard:?}");
    ensure!(heard[1].1["saved"].is_string(), "{heard:?}");

    an_automatic_retry_leaves_the_copy_as_it_is(&browser).await?;

    // A dropped connection, asked for with the notice's button: still the copy.
    origins.faults.set(Mode::Drop);
    eval(
        &browser,
        "document.getElementById('kept').shadowRoot.querySelector('.aw-notice button').click();
         return 0;",
    )
    .await?;
    wait_until("a network failure", DEFAULT_TIMEOUT, || async {
        let heard = events(&browser, "kept").await?;
        Ok(heard
            .iter()
            .any(|(t, d)| t == "aw-failed" && d["kind"] == "network")
            .then_some(()))
    })
    .await?;
    let copy = wait_widget(&browser, "kept", "the copy after a network failure", |s| {
        s["saved"].is_string() && !s["failed"].as_str().unwrap_or("503").contains("503")
    })
    .await?;
    assert_eq!(copy["title"], title.as_str(), "{copy}");

    // The server is back: the fresh article replaces the copy.
    origins.faults.set(Mode::Serve);
    eval(
        &browser,
        "document.getElementById('kept').shadowRoot.querySelector('.aw-notice button')?.click();
         return 0;",
    )
    .await?;
    let fresh = wait_widget(&browser, "kept", "the fresh article", |s| {
        s["title"].is_string() && s["saved"].is_null()
    })
    .await?;
    assert_eq!(fresh["title"], title.as_str());
    assert_no_uncaught(&browser).await?;
    browser.quit().await
}

#[tokio::test]
async fn a_404_forgets_the_copy_and_keep_copy_off_keeps_none() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("last-good.html")).await?;
    wait_widget(&browser, "kept", "the article", |s| s["title"].is_string()).await?;
    wait_kept(&browser, ARTICLE).await?;

    // A 404 is the error, not the copy, and the copy is forgotten.
    origins.faults.set(Mode::Gone);
    browser.goto(origins.page("last-good.html")).await?;
    let gone = wait_widget(&browser, "kept", "the 404", |s| s["error"].is_string()).await?;
    ensure!(
        gone["error"].as_str().unwrap_or("").contains("404"),
        "{gone}"
    );
    assert!(gone["title"].is_null() && gone["saved"].is_null(), "{gone}");
    wait_until("the copy to be forgotten", DEFAULT_TIMEOUT, || async {
        Ok(kept_copies(&browser).await?.is_empty().then_some(()))
    })
    .await?;

    // keep-copy="off": the article loads, and nothing is kept to stand in later.
    origins.faults.set(Mode::Serve);
    browser.goto(origins.page("last-good.html?off")).await?;
    wait_widget(&browser, "kept", "the article", |s| s["title"].is_string()).await?;
    origins.faults.set(Mode::Busy);
    for page in ["last-good.html?off", "last-good.html"] {
        browser.goto(origins.page(page)).await?;
        let state = wait_widget(&browser, "kept", "the error", |s| s["error"].is_string()).await?;
        ensure!(
            state["title"].is_null() && state["errorButton"] == true,
            "{page}: {state}"
        );
    }
    assert_no_uncaught(&browser).await?;
    browser.quit().await
}

#[tokio::test]
async fn blocked_or_full_storage_changes_nothing_but_the_copy() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    for storage in ["blocked", "full"] {
        origins.faults.set(Mode::Serve);
        browser
            .goto(origins.page(&format!("last-good.html?storage={storage}")))
            .await?;
        let state =
            wait_widget(&browser, "kept", "the article", |s| s["title"].is_string()).await?;
        assert_eq!(state["title"], title_of(ARTICLE).as_str(), "{storage}");
        // Whatever the widget tried to keep went nowhere, and threw at no one.
        let heard = events(&browser, "kept").await?;
        ensure!(
            heard.iter().any(|(t, _)| t == "aw-loaded"),
            "{storage}: {heard:?}"
        );
        origins.faults.set(Mode::Busy);
        browser
            .goto(origins.page(&format!("last-good.html?storage={storage}&never")))
            .await?;
        let state = wait_widget(&browser, "kept", "the error", |s| s["error"].is_string()).await?;
        ensure!(
            state["errorButton"] == true && state["title"].is_null(),
            "{storage}: {state}"
        );
        assert_no_uncaught(&browser).await?;
    }
    browser.quit().await
}

#[tokio::test]
async fn the_loading_state_shows_when_src_comes_after_the_element() -> Result<()> {
    let origins = Origins::start()?;
    let browser = Browser::start().await?;
    browser.goto(origins.page("late-src.html")).await?;
    // Without `src` the widget says so, once its engine is ready.
    let state = wait_widget(&browser, "late", "the missing source", |s| {
        s["error"].is_string()
    })
    .await?;
    assert!(state["title"].is_null(), "{state}");
    // The page names the article later; it answers 700 ms late.
    let data = eval(
        &browser,
        &format!(
            "const w = document.getElementById('late');
             w.setAttribute('src', new URL('/slow/{ARTICLE}', {:?}).href);
             return w.getAttribute('src');",
            origins.data.url()
        ),
    )
    .await?;
    ensure!(data.is_string(), "{data}");
    wait_widget(&browser, "late", "the loading state", |s| {
        s["loading"] == true && s["error"].is_null()
    })
    .await?;
    let shown = wait_widget(&browser, "late", "the article", |s| s["title"].is_string()).await?;
    assert_eq!(shown["title"], title_of(ARTICLE).as_str());
    browser.quit().await
}

#[tokio::test]
async fn the_reader_shows_its_last_good_copy_when_the_server_fails() -> Result<()> {
    // Article URLs without `.json`: the reader's service worker keeps
    // `*.json` articles itself, and here the widget's own copy is tested.
    const A: &str = "/demo/articles/last-good-a";
    const B: &str = "/demo/articles/last-good-b";
    let faults = Faults::default();
    let switch = faults.clone();
    let demo = std::fs::read_to_string(workspace_dir().join(DEMO_ARTICLE))?;
    let site = Site::start_with(move |b| {
        b.handler(move |request| {
            (request.path == A || request.path == B).then(|| {
                switch
                    .reply()
                    .unwrap_or_else(|| Reply::json(200, demo.clone()))
            })
        })
    })?;
    let browser = Browser::start().await?;
    let title = read_json(workspace_dir().join(DEMO_ARTICLE))?["title"]
        .as_str()
        .unwrap()
        .to_owned();

    let reader = |src: &str| site.url(&format!("index.html?src={src}"));
    browser.goto(reader(A)).await?;
    let probe = "const root = document.querySelector('article-widget')?.shadowRoot;
                 const text = (css) => root?.querySelector(css)?.textContent.trim() ?? null;
                 return { title: text('.aw-article .aw-title'), saved: text('.aw-notice .aw-offline-copy'),
                          noticeButton: !!root?.querySelector('.aw-notice button'),
                          error: text('.aw-error .aw-error-message'),
                          errorButton: !!root?.querySelector('.aw-error button') };";
    let state = |what: &'static str, ready: fn(&Value) -> bool| {
        let browser = &browser;
        async move {
            wait_until(what, DEFAULT_TIMEOUT, || async {
                let s = eval(browser, probe).await?;
                Ok(ready(&s).then_some(s))
            })
            .await
        }
    };
    let fresh = state("the article", |s| s["title"].is_string()).await?;
    assert_eq!(fresh["title"], title.as_str());
    assert!(fresh["saved"].is_null(), "{fresh}");
    wait_kept(&browser, A).await?;

    faults.set(Mode::Busy);
    browser.goto(reader(A)).await?;
    let copy = state("the kept copy", |s| s["saved"].is_string()).await?;
    assert_eq!(copy["title"], title.as_str(), "{copy}");
    ensure!(copy["noticeButton"] == true, "{copy}");

    browser.goto(reader(B)).await?;
    let error = state("the error", |s| s["error"].is_string()).await?;
    ensure!(
        error["error"].as_str().unwrap_or("").contains("503")
            && error["errorButton"] == true
            && error["title"].is_null(),
        "{error}"
    );
    browser.quit().await
}
