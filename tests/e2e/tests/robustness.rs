//! Robustness and security in headless Chromium, on the release build:
//!
//! - XSS payloads (`<script>`, `<img onerror>`, SVG with script, entities,
//!   attribute breakers, `javascript:`/`data:`/`vbscript:` URLs) in every
//!   string and URL field: no script runs (a global flag every payload would
//!   set stays unset, no dialog opens), the text shows literally, no hostile
//!   link exists, and the dropped URLs are reported;
//! - network faults made by the test's own loopback servers: 404, 410, 500,
//!   503 with `Retry-After`, a wrong content type, a dropped connection, a
//!   response that never comes and a body that trickles, each with its own
//!   message, automatic retry only where it can help;
//! - an automatic retry that succeeds.
//!
//! Timeouts are shortened through the page's `aw_timeout` parameter (the
//! widget's `timeout` attribute).

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::{
    eval, find, find_all, read_json, visible_text, wait_for, wait_for_text, wait_until, Browser,
    Reply, Site, DEFAULT_TIMEOUT,
};
use serde_json::Value;

/// The reader's two end states: an article or an error box.
const ARTICLE_OR_ERROR: &str = "div.aw article.aw-article, div.aw .aw-error";

const ARTICLE: &str = "/fixtures/robustness/article.json";
const XSS: &str = "/fixtures/robustness/xss.json";

/// Waits a little longer than the default: a countdown plus a retry.
const RETRY_TIMEOUT: Duration = Duration::from_secs(30);

fn fixture(name: &str) -> Result<Value> {
    read_json(
        article_widget_e2e::fixtures_dir()
            .join("robustness")
            .join(name),
    )
}

/// Whether any payload ran: the flag every payload sets.
async fn xss_flag(browser: &Browser) -> Result<Value> {
    eval(
        browser,
        "return window.__xss === undefined ? null : window.__xss;",
    )
    .await
}

/// Asserts that no alert, confirm or prompt dialog is open.
async fn assert_no_dialog(browser: &Browser) -> Result<()> {
    match browser.get_alert_text().await {
        Ok(text) => anyhow::bail!("a dialog is open: {text:?}"),
        Err(e) => {
            let e = e.to_string().to_lowercase();
            ensure!(
                e.contains("no such alert"),
                "unexpected error probing dialogs: {e}"
            );
            Ok(())
        }
    }
}

/// Texts of every element matching `css`.
async fn texts(browser: &Browser, css: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in find_all(browser, css).await? {
        out.push(visible_text(&e).await?);
    }
    Ok(out)
}

/// Checks that the fixture's texts show literally, markup and entities included.
async fn assert_texts_literal(browser: &Browser, doc: &Value) -> Result<()> {
    // Text shows literally, markup and entities included.
    let field = |p: &str| {
        doc.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let norm = |s: String| article_widget_e2e::normalize_space(&s);
    assert_eq!(
        visible_text(&find(browser, "h1.aw-title").await?).await?,
        norm(field("/title"))
    );
    assert_eq!(
        visible_text(&find(browser, "p.aw-lead").await?).await?,
        norm(field("/lead"))
    );
    let body = texts(browser, "div.aw-body").await?.join(" ");
    for pointer in [
        "/body/0/text",
        "/body/1/text",
        "/body/2/text",
        "/body/5/text",
        "/body/3/caption",
    ] {
        let want = norm(field(pointer));
        ensure!(
            body.contains(&want),
            "{pointer}: {want:?} not shown literally in {body:?}"
        );
    }
    let page = visible_text(&find(browser, "div.aw").await?).await?;
    for pointer in [
        "/authors/0/name",
        "/source/name",
        "/related/1/title",
        "/publisher/social/1/name",
    ] {
        let want = norm(field(pointer));
        ensure!(page.contains(&want), "{pointer}: {want:?} not on the page");
    }

    Ok(())
}

/// Checks that nothing ran, no dialog opened and no markup or hostile link
/// from the feed exists in the widget.
async fn assert_nothing_injected(browser: &Browser) -> Result<()> {
    // Nothing ran, no dialog opened, no markup from the feed exists.
    assert_eq!(xss_flag(browser).await?, Value::Null, "a payload ran");
    assert_no_dialog(browser).await?;
    let injected = eval(
        browser,
        r"const w = document.querySelector('article-widget').shadowRoot.querySelector('div.aw');
         return {
           scripts: w.querySelectorAll('script').length,
           handlers: Array.from(w.querySelectorAll('*')).filter(e =>
             Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
           // Links and sources from the feed are http(s) (or the reader's own
           // `?src=` links); the widget's own QR downloads are data:image links.
           bad_links: Array.from(w.querySelectorAll('[href],[src]'))
             .filter(e => !(e.matches('a[download]') && /^data:image\//.test(e.getAttribute('href'))))
             .map(e => e.getAttribute('href') || e.getAttribute('src'))
             .filter(u => !/^(https?:\/\/|mailto:|#|\?)/i.test(u)),
           external_without_rel: Array.from(w.querySelectorAll('a[target=_blank]'))
             .filter(a => !/noopener/.test(a.rel) || !/noreferrer/.test(a.rel)).length,
         };",
    )
    .await?;
    assert_eq!(injected["scripts"], 0, "{injected}");
    assert_eq!(injected["handlers"], 0, "{injected}");
    assert_eq!(injected["bad_links"], Value::Array(vec![]), "{injected}");
    assert_eq!(injected["external_without_rel"], 0, "{injected}");
    let hrefs = eval(
        browser,
        "return Array.from(document.querySelector('article-widget').shadowRoot.querySelectorAll('div.aw a[href]')).map(a => a.getAttribute('href'));",
    )
    .await?;
    ensure!(
        !hrefs.to_string().to_lowercase().contains("script:"),
        "a script link: {hrefs}"
    );

    Ok(())
}

#[tokio::test]
async fn xss_payloads_render_as_text_and_never_run() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    let doc = fixture("xss.json")?;
    browser
        .goto(site.url(&format!("index.html?src={XSS}")))
        .await?;
    wait_for(&browser, "article.aw-article h1.aw-title", DEFAULT_TIMEOUT).await?;
    // Let every image (including the SVG with a script) finish loading or fail.
    wait_until("every image to settle", DEFAULT_TIMEOUT, || async {
        let done = eval(
            &browser,
            "return document.readyState === 'complete' &&
                Array.from(document.images).every(i => i.complete);",
        )
        .await?;
        Ok(done.as_bool().unwrap_or(false).then_some(()))
    })
    .await?;

    assert_texts_literal(&browser, &doc).await?;
    assert_nothing_injected(&browser).await?;

    // The dropped URLs are reported with their paths.
    let omitted = eval(
        &browser,
        "return document.querySelector('article-widget').shadowRoot.querySelector('details.aw-omitted')?.textContent || '';",
    )
    .await?;
    let omitted = omitted.as_str().unwrap_or_default();
    for path in [
        "original_url",
        "authors[0].url",
        "source.url",
        "publisher.social[0].url",
        "related[0].url",
    ] {
        ensure!(omitted.contains(path), "{path} not reported in {omitted:?}");
    }

    // The detector works: a real payload inserted as HTML does set the flag.
    eval(
        &browser,
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__xss=2\">');",
    )
    .await?;
    wait_until(
        "the control payload to set the flag",
        DEFAULT_TIMEOUT,
        || async { Ok((xss_flag(&browser).await? == 2).then_some(())) },
    )
    .await?;
    browser.quit().await
}

/// One fault: the path it is served at, the reply, what the error must say,
/// and whether an automatic retry must follow.
struct Fault {
    path: &'static str,
    reply: fn() -> Reply,
    message: &'static str,
    retries: bool,
}

/// A path and the reply the test's server gives for it.
type Route = (&'static str, fn() -> Reply);

fn faults() -> Vec<Fault> {
    vec![
        Fault {
            path: "/fixtures/robustness/f404.json",
            reply: || Reply::text(404, "not here"),
            message: "HTTP 404: không tìm thấy bài viết",
            retries: false,
        },
        Fault {
            path: "/fixtures/robustness/f410.json",
            reply: || Reply::text(410, "gone"),
            message: "HTTP 410: bài viết đã bị gỡ",
            retries: false,
        },
        Fault {
            path: "/fixtures/robustness/f500.json",
            reply: || Reply::text(500, "boom"),
            message: "HTTP 500: lỗi máy chủ",
            retries: true,
        },
        Fault {
            path: "/fixtures/robustness/f503.json",
            reply: || Reply::text(503, "busy").header("Retry-After", "7"),
            message: "Máy chủ đề nghị thử lại sau 7 giây",
            retries: true,
        },
        Fault {
            path: "/fixtures/robustness/html.json",
            reply: || {
                Reply::new(200)
                    .content_type("text/html; charset=utf-8")
                    .body("<html><body>Đăng nhập Wi-Fi</body></html>")
            },
            message: "kiểu nội dung: text/html",
            retries: false,
        },
        Fault {
            path: "/fixtures/robustness/dropped.json",
            reply: Reply::drop_connection,
            message: "Không kết nối được tới máy chủ tin bài",
            retries: true,
        },
        Fault {
            path: "/fixtures/robustness/silent.json",
            reply: || Reply::json(200, "{}").delay(Duration::from_secs(20)),
            message: "Máy chủ không trả lời sau 2 giây",
            retries: true,
        },
        Fault {
            path: "/fixtures/robustness/invalid.json",
            reply: || {
                Reply::json(
                    200,
                    r#"{"format":"article-widget/1","title":"a","title":"b"}"#,
                )
            },
            message: "Dữ liệu bài viết không hợp lệ",
            retries: false,
        },
    ]
}

#[tokio::test]
async fn each_network_fault_has_its_own_message_and_retry_policy() -> Result<()> {
    let table = faults();
    let replies: Vec<Route> = table.iter().map(|f| (f.path, f.reply)).collect();
    let site = Site::start_with(move |b| {
        b.handler(move |request| {
            replies
                .iter()
                .find(|(path, _)| request.path == *path)
                .map(|(_, reply)| reply())
        })
    })?;
    let browser = Browser::start().await?;
    for fault in &table {
        browser
            .goto(site.url(&format!("index.html?src={}&aw_timeout=2", fault.path)))
            .await?;
        let error = wait_for_text(
            &browser,
            ".aw-error .aw-error-message",
            fault.message,
            DEFAULT_TIMEOUT,
        )
        .await
        .with_context(|| fault.path)?;
        let _ = error;
        // The retry button is always there.
        let button = find(&browser, ".aw-error button.aw-button").await?;
        // A countdown is shown exactly when an automatic retry follows; the
        // state is settled before the error is rendered.
        let countdown = texts(&browser, ".aw-countdown").await?;
        if fault.retries {
            ensure!(
                countdown.len() == 1 && countdown[0].starts_with("Thử lại sau "),
                "{}: countdown {countdown:?}",
                fault.path
            );
        } else {
            ensure!(
                countdown.is_empty(),
                "{}: unexpected countdown {countdown:?}",
                fault.path
            );
        }
        if fault.path.ends_with("f503.json") {
            // Retry-After: 7 sets the wait (backoff alone would be 1 s); a
            // second may have passed while looking.
            let seconds: u32 = countdown[0]
                .split_whitespace()
                .find_map(|w| w.parse().ok())
                .unwrap_or(0);
            ensure!(
                (5..=7).contains(&seconds),
                "Retry-After not honoured: {countdown:?}"
            );
        }
        if fault.path.ends_with("invalid.json") {
            let problems = texts(&browser, ".aw-problems li").await?.join("\n");
            ensure!(problems.contains("title: duplicate key"), "{problems}");
        }
        if !fault.retries {
            // The button tries again at once.
            let before = site.server().request_count(fault.path);
            ensure!(
                before == 1,
                "{}: {before} requests without retrying",
                fault.path
            );
            button.click().await?;
            wait_until("the manual retry's request", DEFAULT_TIMEOUT, || async {
                Ok((site.server().request_count(fault.path) == 2).then_some(()))
            })
            .await?;
        }
    }
    // The 500 was retried automatically while the others were shown.
    ensure!(
        site.server()
            .request_count("/fixtures/robustness/f500.json")
            >= 1
    );
    browser.quit().await
}

#[tokio::test]
async fn a_body_that_trickles_times_out() -> Result<()> {
    // A server of our own that sends headers, then one byte every 300 ms.
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let (stop_t, served_t) = (Arc::clone(&stop), Arc::clone(&served));
    listener.set_nonblocking(true)?;
    let thread = std::thread::spawn(move || {
        while !stop_t.load(Ordering::Relaxed) {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            };
            let _ = stream.set_nonblocking(false);
            let mut buf = [0u8; 4096];
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            if request.starts_with("OPTIONS") {
                let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Headers: *\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                continue;
            }
            served_t.fetch_add(1, Ordering::Relaxed);
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n{\"title\":\"";
            if stream.write_all(head.as_bytes()).is_err() {
                continue;
            }
            let stop = Arc::clone(&stop_t);
            std::thread::spawn(move || {
                for _ in 0..200 {
                    if stop.load(Ordering::Relaxed) || stream.write_all(b"a").is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(300));
                }
            });
        }
    });
    let site = Site::start()?;
    let browser = Browser::start().await?;
    let src = format!("http://127.0.0.1:{port}/trickle.json");
    browser
        .goto(site.url(&format!("index.html?src={src}&aw_timeout=2")))
        .await?;
    let result = async {
        wait_for_text(
            &browser,
            ".aw-error .aw-error-message",
            "không trả lời sau 2 giây",
            DEFAULT_TIMEOUT,
        )
        .await?;
        ensure!(
            served.load(Ordering::Relaxed) >= 1,
            "the trickle server was never asked"
        );
        let countdown = texts(&browser, ".aw-countdown").await?;
        ensure!(
            countdown.len() == 1,
            "a timeout is retried automatically: {countdown:?}"
        );
        Ok(())
    }
    .await;
    stop.store(true, Ordering::Relaxed);
    let _ = thread.join();
    result?;
    browser.quit().await
}

#[tokio::test]
async fn an_automatic_retry_recovers_without_a_click() -> Result<()> {
    let failures_left = Arc::new(AtomicUsize::new(2));
    let left = Arc::clone(&failures_left);
    let site = Site::start_with(move |b| {
        b.handler(move |request| {
            (request.path == ARTICLE
                && left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok())
            .then(|| Reply::text(503, "warming up"))
        })
    })?;
    let browser = Browser::start().await?;
    browser
        .goto(site.url(&format!("index.html?src={ARTICLE}")))
        .await?;
    wait_for_text(&browser, ".aw-countdown", "Thử lại sau", DEFAULT_TIMEOUT).await?;
    let title = wait_for(&browser, "article.aw-article h1.aw-title", RETRY_TIMEOUT).await?;
    assert_eq!(
        visible_text(&title).await?,
        fixture("article.json")?["title"]
            .as_str()
            .unwrap_or_default()
    );
    assert_eq!(
        site.server().request_count(ARTICLE),
        3,
        "two failures, one success"
    );
    ensure!(find_all(&browser, ".aw-error, .aw-notice")
        .await?
        .is_empty());
    browser.quit().await
}

#[tokio::test]
async fn page_ignores_hostile_query_values() -> Result<()> {
    // `?src=javascript:…` is a fetch of a bad URL, never a navigation or script.
    let site = Site::start()?;
    let browser = Browser::start().await?;
    browser
        .goto(site.url("index.html?src=javascript:window.__xss=1&aw_timeout=1"))
        .await?;
    wait_for(&browser, ARTICLE_OR_ERROR, DEFAULT_TIMEOUT).await?;
    assert_eq!(xss_flag(&browser).await?, Value::Null);
    assert_no_dialog(&browser).await?;
    browser.quit().await
}
