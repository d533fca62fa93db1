//! Videos behind their facade, in headless Chromium: nothing is asked of the
//! video host until the reader presses play (a click, or Space on the
//! facade); then the player loads inside the widget and takes the focus.
//! Under the strict partner CSP of `docs/embedding.md` the player loads
//! when the video host is in `frame-src`, and without it the CSP blocks the
//! player while the widget still links to the video's page.
//!
//! The video host is a loopback devserver that the widget may frame as a
//! generic player (`video-hosts`), so nothing goes to the internet.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::{
    dist_dir, eval, find, origin_of, read_json, serve_origin, serve_partner_pages,
    wait_for_widgets, wait_until, workspace_dir, Browser, Reply, ServerBuilder, ServerHandle,
    DEFAULT_TIMEOUT, EMBED_DIR,
};
use serde_json::{json, Value};

/// The demo article whose body the test article replaces (relative to `demo/`).
const ARTICLE: &str = "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// The player pages of the two videos on the video host.
const PLAYERS: [&str; 2] = ["/player/1", "/player/2"];

/// The partner page, the widget, the article and the video host, each on
/// its own loopback origin.
struct Origins {
    pages: ServerHandle,
    _widget: ServerHandle,
    video: ServerHandle,
    /// The article's origin, kept running with the others.
    _data: ServerHandle,
}

impl Origins {
    /// Starts the servers; `pages` may add headers to the partner page,
    /// given the widget's, the article's and the video host's origins.
    fn start(pages: impl FnOnce(ServerBuilder, &str, &str, &str) -> ServerBuilder) -> Result<Self> {
        let dist = dist_dir();
        ensure!(
            dist.join(EMBED_DIR)
                .join("article_widget_rich_bg.wasm")
                .is_file(),
            "no rich engine in {} (run `cargo xtask build`)",
            dist.display()
        );
        let widget = serve_origin(dist, |b| b)?;
        let video = serve_origin(workspace_dir().join("demo"), |b| {
            b.handler(|request| {
                request.path.starts_with("/player/").then(|| {
                    Reply::new(200)
                        .content_type("text/html; charset=utf-8")
                        .body("<!doctype html><title>Player</title><p id=\"playing\">Playing</p>")
                })
            })
        })?;
        let article = video_article(&origin_of(&video))?;
        let data = serve_origin(workspace_dir().join("demo"), move |b| {
            b.handler(move |request| {
                (request.path == "/video.json").then(|| Reply::json(200, article.clone()))
            })
        })?;
        let (w, d, v) = (origin_of(&widget), origin_of(&data), origin_of(&video));
        let host = v.trim_start_matches("http://").to_owned();
        let pages = serve_partner_pages(
            &[
                ("WIDGET", w.clone()),
                ("DATA", d.clone()),
                ("VIDEO_HOST", host),
            ],
            |b| pages(b, &w, &d, &v),
        )?;
        Ok(Self {
            pages,
            _widget: widget,
            video,
            _data: data,
        })
    }

    /// Requests the video host has seen so far (its poster-free facade
    /// must have caused none).
    fn video_requests(&self) -> Vec<(String, String)> {
        self.video.requests()
    }
}

/// The demo article with a body of a paragraph and two videos played by
/// pages of the video host at `video` (posters from the article's own origin).
fn video_article(video: &str) -> Result<String> {
    let mut article = read_json(workspace_dir().join("demo").join(ARTICLE))?;
    let clip = |n: usize, path: &str| {
        json!({
            "type": "video", "provider": "iframe", "url": format!("{video}{path}"),
            "title": format!("Video {n}"),
            "poster": {"src": "images/video-poster.svg", "width": 800, "height": 450, "alt": ""},
            "caption": format!("Video {n} caption")
        })
    };
    article["body"] = json!([
        {"type": "paragraph", "text": "Hai video minh họa."},
        clip(1, PLAYERS[0]),
        clip(2, PLAYERS[1]),
    ]);
    Ok(article.to_string())
}

/// The strict policy of `docs/embedding.md` for these origins, with
/// `frame` as its `frame-src` list.
fn strict_policy(widget: &str, data: &str, frame: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {widget} 'wasm-unsafe-eval'; \
         style-src {widget}; connect-src {widget} {data}; img-src {data} data:; \
         frame-src {frame}; object-src 'none'; base-uri 'none'"
    )
}

/// Opens the video page and waits for its widget's article.
async fn open(browser: &Browser, origins: &Origins) -> Result<()> {
    browser
        .goto(format!("{}video.html", origins.pages.url()))
        .await?;
    let states = wait_for_widgets(browser, 1, DEFAULT_TIMEOUT).await?;
    ensure!(
        states[0]["error"].is_null(),
        "the article shows: {states:?}"
    );
    Ok(())
}

/// The facade of video `n` (0-based) in the widget.
async fn facade(browser: &Browser, n: usize) -> Result<WebElement> {
    let all = article_widget_e2e::find_all(browser, "a.aw-video-facade[data-aw-video]").await?;
    all.into_iter()
        .nth(n)
        .with_context(|| format!("no playable facade #{n}"))
}

/// What sits where the facade of video `n` was: `{ player, src, focused,
/// link }` (the iframe's `src`, whether it has the focus, and the link to
/// the video's page) once there is a player, else `null`.
async fn player(browser: &Browser, n: usize) -> Result<Value> {
    eval(
        browser,
        &format!(
            "const root = document.querySelector('article-widget').shadowRoot;
             const video = root.querySelectorAll('figure.aw-video')[{n}];
             const player = video?.querySelector('iframe.aw-video-player');
             if (!player) return null;
             const link = video.querySelector('a.aw-video-page');
             return {{ src: player.getAttribute('src'), focused: root.activeElement === player,
                       sandbox: player.getAttribute('sandbox'),
                       link: link ? link.href : null, facade: !!video.querySelector('.aw-video-facade') }};"
        ),
    )
    .await
}

/// Waits until the video host has seen a request for `path`.
async fn wait_for_request(origins: &Origins, path: &str) -> Result<()> {
    wait_until(
        &format!("the video host to be asked for {path}"),
        DEFAULT_TIMEOUT,
        || async {
            Ok(origins
                .video_requests()
                .iter()
                .any(|(_, p)| p == path)
                .then_some(()))
        },
    )
    .await
}

#[tokio::test]
async fn a_video_plays_inside_the_widget_only_after_a_click_or_space() -> Result<()> {
    let origins = Origins::start(|b, _, _, _| b)?;
    let browser = Browser::start().await?;
    open(&browser, &origins).await?;
    // The page is settled (QR codes drawn) and the video host unasked.
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
        origins.video_requests().is_empty(),
        "the video host was asked before any click: {:?}",
        origins.video_requests()
    );
    assert_eq!(player(&browser, 0).await?, Value::Null);

    facade(&browser, 0).await?.click().await?;
    wait_for_request(&origins, PLAYERS[0]).await?;
    let first = player(&browser, 0).await?;
    let video = origin_of(&origins.video);
    assert_eq!(first["src"], format!("{video}{}", PLAYERS[0]).as_str());
    assert_eq!(first["focused"], true, "the player takes the focus");
    assert_eq!(first["facade"], false, "the player replaced the facade");
    assert_eq!(first["link"], format!("{video}{}", PLAYERS[0]).as_str());
    ensure!(
        first["sandbox"]
            .as_str()
            .is_some_and(|s| s.contains("allow-scripts")),
        "the player is sandboxed: {first}"
    );
    // The player's page really loaded inside the widget's iframe.
    let frame = find(&browser, "figure.aw-video iframe.aw-video-player").await?;
    frame.clone().enter_frame().await?;
    let text = browser.find(By::Id("playing")).await?.text().await?;
    browser.enter_default_frame().await?;
    assert_eq!(text, "Playing");
    // The second video is still a facade and unasked for.
    ensure!(
        !origins
            .video_requests()
            .iter()
            .any(|(_, p)| p == PLAYERS[1]),
        "the second video loaded with the first"
    );

    // From the keyboard: Space on the focused facade plays it too.
    let second = facade(&browser, 0).await?; // the only facade left
    browser
        .execute("arguments[0].focus();", vec![second.to_json()?])
        .await?;
    let scrolled = eval(&browser, "return window.scrollY;").await?;
    browser.action_chain().send_keys(" ").perform().await?;
    wait_for_request(&origins, PLAYERS[1]).await?;
    let played = player(&browser, 1).await?;
    assert_eq!(played["focused"], true, "{played}");
    assert_eq!(
        eval(&browser, "return window.scrollY;").await?,
        scrolled,
        "Space played the video instead of scrolling the page"
    );
    browser.quit().await
}

#[tokio::test]
async fn under_a_strict_csp_the_player_needs_its_host_in_frame_src() -> Result<()> {
    // As docs/embedding.md says: the video host added to frame-src.
    let origins = Origins::start(|b, widget, data, video| {
        b.header(
            "Content-Security-Policy",
            strict_policy(widget, data, &format!("{widget} {video}")),
        )
    })?;
    let browser = Browser::start().await?;
    open(&browser, &origins).await?;
    facade(&browser, 0).await?.click().await?;
    wait_for_request(&origins, PLAYERS[0]).await?;
    let violations = eval(&browser, "return window.__violations;").await?;
    assert_eq!(violations, json!([]), "CSP violations");
    browser.quit().await?;

    // Without it, the policy blocks the player; the widget still links to
    // the video's page.
    let origins = Origins::start(|b, widget, data, _| {
        b.header(
            "Content-Security-Policy",
            strict_policy(widget, data, widget),
        )
    })?;
    let browser = Browser::start().await?;
    open(&browser, &origins).await?;
    facade(&browser, 0).await?.click().await?;
    let video = origin_of(&origins.video);
    let blocked = wait_until("the frame-src violation", DEFAULT_TIMEOUT, || async {
        let v = eval(&browser, "return window.__violations;").await?;
        Ok(v.as_array().and_then(|list| {
            list.iter()
                .find(|e| e.as_str().is_some_and(|s| s.starts_with("frame-src")))
                .cloned()
        }))
    })
    .await?;
    ensure!(
        blocked.as_str().is_some_and(|s| s.contains(&video)),
        "the violation names the video host: {blocked}"
    );
    ensure!(
        origins.video_requests().is_empty(),
        "the blocked player reached the video host: {:?}",
        origins.video_requests()
    );
    let shown = player(&browser, 0).await?;
    assert_eq!(shown["link"], format!("{video}{}", PLAYERS[0]).as_str());
    let link = find(&browser, "figure.aw-video a.aw-video-page").await?;
    ensure!(
        link.is_displayed().await?,
        "the link to the video's page is shown"
    );
    browser.quit().await
}
