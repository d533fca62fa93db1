//! Harness for the video tests (`tests/video.rs` in Chromium, the video
//! scenarios of `tests/engines.rs` in Firefox and WebKit): the partner page
//! `video.html`, the widget, an article of videos and a loopback "video
//! host" each on its own origin, and probes of the facades and players
//! inside the widget's shadow root.
//!
//! The video host answers `/player/N` with a small page; the widget may
//! frame it as a generic player (the page's `video-hosts` attribute), so
//! nothing goes to the internet.

// Everything the harness root defines (helpers, imports) is shared here.
#[allow(clippy::wildcard_imports)]
use super::*;

/// The demo article whose body the video article replaces (relative to `demo/`).
const VIDEO_BASE_ARTICLE: &str = "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// The player page of video `n` (1-based) on the video host.
pub fn player_path(n: usize) -> String {
    format!("/player/{n}")
}

/// The partner page, the widget, the article and the video host, each on
/// its own loopback origin; stopped when dropped.
pub struct VideoOrigins {
    /// The partner pages (`video.html`).
    pub pages: ServerHandle,
    /// The video host.
    pub video: ServerHandle,
    _widget: ServerHandle,
    _data: ServerHandle,
}

impl VideoOrigins {
    /// Starts the servers with an article of a paragraph and `videos`
    /// videos; `pages` may add headers to the partner page, given the
    /// widget's, the article's and the video host's origins.
    ///
    /// # Errors
    ///
    /// When the build has no rich engine or a server cannot start.
    pub fn start(
        videos: usize,
        pages: impl FnOnce(ServerBuilder, &str, &str, &str) -> ServerBuilder,
    ) -> Result<Self> {
        let dist = dist_dir();
        anyhow::ensure!(
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
        let article = video_article(&origin_of(&video), videos)?;
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
            video,
            _widget: widget,
            _data: data,
        })
    }

    /// The video host's origin, e.g. `http://127.0.0.1:41234`.
    pub fn video_origin(&self) -> String {
        origin_of(&self.video)
    }

    /// The address of video `n`'s (1-based) player page.
    pub fn player_url(&self, n: usize) -> String {
        format!("{}{}", self.video_origin(), player_path(n))
    }

    /// The paths the video host has been asked for so far (a facade
    /// must have caused none).
    pub fn video_requests(&self) -> Vec<String> {
        self.video.requests().into_iter().map(|(_, p)| p).collect()
    }

    /// Opens `video.html` and waits for its widget's article.
    ///
    /// # Errors
    ///
    /// When the widget shows an error or does not render in time.
    pub async fn open(&self, driver: &WebDriver) -> Result<()> {
        driver
            .goto(format!("{}video.html", self.pages.url()))
            .await?;
        let states = wait_for_widgets(driver, 1, DEFAULT_TIMEOUT).await?;
        anyhow::ensure!(
            states[0]["error"].is_null(),
            "the article shows: {states:?}"
        );
        Ok(())
    }

    /// Waits until the video host has been asked for video `n`'s player.
    ///
    /// # Errors
    ///
    /// On timeout.
    pub async fn wait_for_player_request(&self, n: usize) -> Result<()> {
        let path = player_path(n);
        wait_until(
            &format!("the video host to be asked for {path}"),
            DEFAULT_TIMEOUT,
            || async { Ok(self.video_requests().contains(&path).then_some(())) },
        )
        .await
    }

    /// Waits for the page's report of a `frame-src` violation, and checks
    /// that it names the video host and that nothing reached the host (a
    /// player the page's policy blocks, after a press on its facade).
    ///
    /// # Errors
    ///
    /// On timeout, or when either check fails.
    pub async fn ensure_player_blocked(&self, driver: &WebDriver) -> Result<()> {
        let video = self.video_origin();
        let blocked = wait_until("the frame-src violation", DEFAULT_TIMEOUT, || async {
            let v = eval(driver, "return window.__violations;").await?;
            Ok(v.as_array().and_then(|list| {
                list.iter()
                    .find(|e| e.as_str().is_some_and(|s| s.starts_with("frame-src")))
                    .cloned()
            }))
        })
        .await?;
        anyhow::ensure!(
            blocked.as_str().is_some_and(|s| s.contains(&video)),
            "the violation names the video host: {blocked}"
        );
        anyhow::ensure!(
            self.video_requests().is_empty(),
            "the blocked player reached the video host: {:?}",
            self.video_requests()
        );
        Ok(())
    }
}

/// The demo article with a body of a paragraph and `videos` videos played
/// by pages of the video host at `video` (posters from the article's own
/// origin).
fn video_article(video: &str, videos: usize) -> Result<String> {
    let mut article = read_json(workspace_dir().join("demo").join(VIDEO_BASE_ARTICLE))?;
    let mut body = vec![json!({"type": "paragraph", "text": "Video minh họa."})];
    body.extend((1..=videos).map(|n| {
        json!({
            "type": "video", "provider": "iframe", "url": format!("{video}{}", player_path(n)),
            "title": format!("Video {n}"),
            "poster": {"src": "images/video-poster.svg", "width": 800, "height": 450, "alt": ""},
            "caption": format!("Video {n} caption")
        })
    }));
    article["body"] = Value::Array(body);
    Ok(article.to_string())
}

/// The strict policy of `docs/embedding.md` for these origins, with
/// `frame` as its `frame-src` list.
pub fn strict_video_policy(widget: &str, data: &str, frame: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {widget} 'wasm-unsafe-eval'; \
         style-src {widget}; connect-src {widget} {data}; img-src {data} data:; \
         frame-src {frame}; object-src 'none'; base-uri 'none'"
    )
}

/// Waits until the widget's QR codes are drawn: the page is settled.
///
/// # Errors
///
/// On timeout.
pub async fn wait_for_qr_codes(driver: &WebDriver) -> Result<()> {
    wait_until("the QR codes", DEFAULT_TIMEOUT, || async {
        let pending = eval(
            driver,
            "return document.querySelector('article-widget').shadowRoot
               .querySelectorAll('.aw-qr-pending').length;",
        )
        .await?;
        Ok((pending.as_u64() == Some(0)).then_some(()))
    })
    .await
}

/// The `n`th (0-based) facade still waiting to be played.
///
/// # Errors
///
/// When there is no such facade.
pub async fn video_facade(driver: &WebDriver, n: usize) -> Result<WebElement> {
    find_all(driver, "a.aw-video-facade[data-aw-video]")
        .await?
        .into_iter()
        .nth(n)
        .with_context(|| format!("no playable facade #{n}"))
}

/// What sits where the facade of video `n` (0-based) was, once there is a
/// player, else `null`: `{ src, focused, sandbox, link, facade }` (the
/// iframe's `src`, whether it has the focus, its sandbox, the link to the
/// video's page, and whether a facade is left in the figure).
///
/// # Errors
///
/// When the script fails.
pub async fn video_player(driver: &WebDriver, n: usize) -> Result<Value> {
    eval(
        driver,
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
