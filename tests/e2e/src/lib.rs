//! End-to-end test harness for article-widget: the release build in `dist/`,
//! served on loopback by [`devserver`], driven in headless Chromium through
//! chromedriver and [`thirtyfour`].
//!
//! Every test starts its own [`Site`] and [`Browser`], so tests share no state
//! and can run in any order. Nothing here sleeps for a fixed time: waits poll
//! the page until a condition holds or a deadline passes, and a timeout error
//! says what was awaited and what the page showed instead.
//!
//! ```no_run
//! use article_widget_e2e::{wait_for, Browser, Site, DEFAULT_TIMEOUT};
//!
//! # async fn demo() -> anyhow::Result<()> {
//! let site = Site::start()?;
//! let browser = Browser::start().await?;
//! browser.goto(site.url("index.html")).await?;
//! let title = wait_for(&browser, "h1.aw-title", DEFAULT_TIMEOUT).await?;
//! println!("{}", title.text().await?);
//! browser.quit().await?;
//! # Ok(())
//! # }
//! ```
//!
//! The root holds what every test uses (paths, the site, the browser, waits,
//! element and page helpers); [`article_page`], [`embeds`] and [`pwa`] hold the
//! helpers of one test file each, re-exported here; [`engines`] starts Firefox
//! and WebKit as well, for the cross-engine tests; [`videos`] serves the video
//! pages that Chromium and the other engines play.
//!
//! Processes never outlive a test: dropping a [`Browser`] (also while a failing
//! test unwinds) ends the `WebDriver` session, kills the driver and every
//! process below it, and removes the temporary browser profile. The driver
//! stays in the test's process group, so Ctrl-C on `cargo test` ends it too.

use std::fmt::Write as _;
use std::fs::File;
use std::future::Future;
use std::net::{Ipv4Addr, TcpListener};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{anyhow, bail, Context as _, Result};
pub use devserver::{Reply, RequestInfo, ServerBuilder, ServerHandle};
use serde_json::{json, Value};
pub use thirtyfour;
use thirtyfour::prelude::*;
use thirtyfour::LoggingPrefsLogLevel;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::time::Instant;

/// How long the `wait_*` helpers wait by default: generous for a 2-core
/// machine running a release build from loopback, short enough to fail fast.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// How often the `wait_*` helpers look again.
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// The chromedriver used when `CHROMEDRIVER` is not set (Debian's `chromium-driver`).
pub const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The browser used when `CHROMIUM` is not set (Debian's `chromium`).
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// Chromium switches for every test browser. Headless as root needs
/// `--no-sandbox`; the networking switches stop background requests that
/// would otherwise flood a machine with no internet access. The profile
/// directory is added per browser.
pub const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
];

/// How long a `WebDriver` server may take to answer its `/status` endpoint.
const DRIVER_READY_TIMEOUT: Duration = Duration::from_secs(20);

/// Path of the demo article that the reader shows without `?src=`, relative to
/// the workspace (and to `dist/`).
pub const DEMO_ARTICLE: &str = "demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

/// The cargo workspace root (the directory holding the top-level `Cargo.toml`).
pub fn workspace_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// The release build under test.
///
/// Taken from `ARTICLE_WIDGET_DIST` (which `cargo xtask test` sets; a relative
/// path is taken from the workspace root, because cargo runs tests from the
/// crate's own directory), else `<workspace>/dist`.
///
/// Without `ARTICLE_WIDGET_DIST` and without a build in `<workspace>/dist`
/// (a fresh clone's `cargo test --workspace`), the whole test binary ends
/// here, successfully, with one line saying it skipped the end-to-end tests
/// and how to run them (see [`skip_without_build`]).
///
/// # Panics
///
/// When `ARTICLE_WIDGET_DIST` is set and names a directory without
/// `index.html`: a build that was asked for and is missing fails the run.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("ARTICLE_WIDGET_DIST") {
        Some(value) if !value.is_empty() => {
            let path = PathBuf::from(value);
            let dir = if path.is_relative() {
                workspace_dir().join(path)
            } else {
                path
            };
            assert!(
                dir.join("index.html").is_file(),
                "no release build of the reader at {} (from ARTICLE_WIDGET_DIST): \
                 index.html is missing. Run `cargo xtask build` first, or \
                 `cargo xtask test`, which builds and sets ARTICLE_WIDGET_DIST.",
                dir.display()
            );
            dir
        }
        _ => {
            let dir = workspace_dir().join("dist");
            if !dir.join("index.html").is_file() {
                skip_without_build(&dir);
            }
            dir
        }
    }
}

/// Ends this test binary successfully after one line on standard error,
/// because there is no release build to test: a contributor's first
/// `cargo test --workspace` runs every other layer and stays green.
/// `cargo xtask test` sets `ARTICLE_WIDGET_DIST`, so there a missing build
/// fails instead. Called before any test starts a process of its own.
fn skip_without_build(dist: &Path) -> ! {
    use std::io::Write as _;
    // The test binary's name without cargo's hash: `embed-0a1b2c` → `embed`.
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|stem| {
            stem.rsplit_once('-')
                .map_or(stem.clone(), |(name, _)| name.to_owned())
        })
        .unwrap_or_default();
    // Written to the process's stderr directly: libtest captures `eprintln!`.
    let _ = writeln!(
        std::io::stderr().lock(),
        "article-widget-e2e: {binary}: skipped, no release build in {} \
         (`cargo xtask test` builds it and runs the end-to-end tests)",
        dist.display()
    );
    std::process::exit(0)
}

/// `tests/e2e/fixtures/`, served by [`Site`] under `/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Where [`screenshot`] writes: `target/e2e-screenshots/` (under
/// `CARGO_TARGET_DIR` when that is set).
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map_or_else(|| workspace_dir().join("target"), PathBuf::from);
    let target = if target.is_relative() {
        workspace_dir().join(target)
    } else {
        target
    };
    target.join("e2e-screenshots")
}

/// Reads and parses a JSON file, e.g. the demo article to take expected texts from.
///
/// # Errors
///
/// When the file cannot be read or is not JSON.
pub fn read_json(path: impl AsRef<Path>) -> Result<Value> {
    let path = path.as_ref();
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {} as JSON", path.display()))
}

// ---------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------

/// The release build served on `127.0.0.1`, with the SPA fallback on and the
/// test fixtures under `/fixtures/`. Stops when dropped.
#[derive(Debug)]
pub struct Site {
    server: ServerHandle,
}

impl Site {
    /// Serves [`dist_dir`] plus `/fixtures/` → [`fixtures_dir`] on a free port.
    ///
    /// # Errors
    ///
    /// When the server cannot start.
    ///
    /// # Panics
    ///
    /// When `ARTICLE_WIDGET_DIST` names a directory without a build (see [`dist_dir`]).
    pub fn start() -> Result<Self> {
        Self::start_with(|builder| builder)
    }

    /// Like [`start`](Self::start), letting the test add to the server first:
    /// a fault-injecting handler, CORS, headers, more mounts.
    ///
    /// # Errors
    ///
    /// When the server cannot start.
    ///
    /// # Panics
    ///
    /// When `ARTICLE_WIDGET_DIST` names a directory without a build (see [`dist_dir`]).
    pub fn start_with(configure: impl FnOnce(ServerBuilder) -> ServerBuilder) -> Result<Self> {
        let builder = devserver::Server::builder()
            .root(dist_dir())
            .spa_fallback(true)
            .mount("/fixtures/", fixtures_dir());
        let server = configure(builder)
            .start()
            .context("starting the devserver for the e2e site")?;
        Ok(Self { server })
    }

    /// The absolute URL of `path` on this site; `path` may start with `/` or not
    /// and may carry a query, e.g. `url("index.html?src=/fixtures/a.json")`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.server.url(), path.trim_start_matches('/'))
    }

    /// The site's origin, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn origin(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// The running server: request log, port.
    pub fn server(&self) -> &ServerHandle {
        &self.server
    }

    /// Stops serving now (closing open connections), e.g. to test offline behaviour.
    pub fn stop(self) {
        self.server.stop();
    }
}

// ---------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------

/// A headless browser session driven through its own `WebDriver` server:
/// Chromium through chromedriver ([`start`](Self::start)), or any
/// [`Engine`] ([`start_engine`](Self::start_engine)).
///
/// Dereferences to [`WebDriver`], so `browser.goto(..)` and
/// `browser.find(..)` work directly. Prefer ending it with
/// [`quit`](Self::quit); dropping it (e.g. when a test panics) also ends the
/// session, kills the driver with every browser process, stops the X server
/// if any, and removes the profile.
pub struct Browser {
    // Field order is drop order: the session is let go, then the process
    // tree (driver and browser) dies, then the X server, then the profile
    // directory goes.
    driver: Session,
    engine: Engine,
    driver_process: DriverProcess,
    display: Option<engines::Xvfb>,
    profile: tempfile::TempDir,
}

/// A [`Browser`]'s `WebDriver` session. Ended by [`Browser::quit`]; dropped
/// without it (a test that failed), it is let go, not ended: thirtyfour's
/// fallback teardown sends its request on the test's own HTTP client, whose
/// connections belong to the test's runtime, which that teardown blocks, so it
/// waited out the client's 120 s timeout after every failed test. The driver's
/// process tree is killed right after, browser included.
struct Session(Option<WebDriver>);

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(driver) = self.0.take() {
            let _ = driver.leak();
        }
    }
}

impl Deref for Session {
    type Target = WebDriver;

    fn deref(&self) -> &WebDriver {
        match &self.0 {
            Some(driver) => driver,
            None => {
                unreachable!("only `Browser::quit` takes the session, and it consumes the browser")
            }
        }
    }
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("engine", &self.engine)
            .field("driver_port", &self.driver_process.port)
            .field("profile", &self.profile.path())
            .finish_non_exhaustive()
    }
}

impl Browser {
    /// Starts chromedriver (`CHROMEDRIVER`, default [`DEFAULT_CHROMEDRIVER`]) on a
    /// free loopback port, waits until it is ready, and opens a session on
    /// Chromium (`CHROMIUM`, default [`DEFAULT_CHROMIUM`]) with
    /// [`CHROMIUM_ARGS`] and a fresh profile. Browser console messages are
    /// recorded (see [`console_errors`]).
    ///
    /// # Errors
    ///
    /// When a binary is missing, chromedriver does not become ready, or the
    /// session cannot be created; the error carries chromedriver's log.
    pub async fn start() -> Result<Self> {
        Self::start_with_args(&[]).await
    }

    /// Like [`start`](Self::start), with extra Chromium switches after
    /// [`CHROMIUM_ARGS`] (for a repeated switch the last one wins), e.g.
    /// `--host-resolver-rules=...` to give loopback servers several host names.
    ///
    /// # Errors
    ///
    /// As for [`start`](Self::start).
    pub async fn start_with_args(extra_args: &[&str]) -> Result<Self> {
        Self::start_engine(Engine::Chromium, extra_args).await
    }

    /// The `WebDriver` session (also reachable through `Deref`).
    pub fn driver(&self) -> &WebDriver {
        &self.driver
    }

    /// The temporary directory holding the browser profile and the driver's log.
    pub fn profile_dir(&self) -> &Path {
        self.profile.path()
    }

    /// Ends the session, stops the driver (and X server) and removes the profile.
    ///
    /// # Errors
    ///
    /// When the session could not be ended cleanly or the profile could not
    /// be removed; the processes are stopped either way.
    pub async fn quit(self) -> Result<()> {
        let Self {
            mut driver,
            mut driver_process,
            display,
            profile,
            ..
        } = self;
        let quit = match driver.0.take() {
            Some(driver) => driver.quit().await,
            None => Ok(()),
        };
        driver_process.stop();
        drop(display);
        let removed = profile.close();
        quit.context("ending the WebDriver session")?;
        removed.context("removing the temporary browser profile")?;
        Ok(())
    }
}

impl Deref for Browser {
    type Target = WebDriver;

    fn deref(&self) -> &WebDriver {
        &self.driver
    }
}

/// The path named by environment variable `var`, or `default`; it must exist.
fn binary_from_env(var: &str, default: &str) -> Result<PathBuf> {
    let path = std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(default), PathBuf::from);
    if !path.is_file() {
        bail!(
            "{} not found (set {var} to override); `cargo xtask test` installs it \
             (`cargo xtask setup` lists what it installs)",
            path.display()
        );
    }
    Ok(path)
}

/// A `WebDriver` server child (chromedriver, geckodriver, `WebKitWebDriver`),
/// killed together with every browser process it launched when stopped or
/// dropped. It stays in the test's process group so
/// that Ctrl-C on `cargo test` ends it too.
struct DriverProcess {
    child: Child,
    port: u16,
    log: PathBuf,
    stopped: bool,
}

impl DriverProcess {
    /// Launches the driver `binary` with `args(port)` and `envs`, and waits
    /// for it to be ready. A port taken by someone else between choosing and
    /// binding it is retried with another.
    async fn start(
        binary: &Path,
        args: &dyn Fn(u16) -> Vec<String>,
        envs: &[(&str, String)],
        work_dir: &Path,
    ) -> Result<Self> {
        let name = binary
            .file_name()
            .map_or_else(|| "driver".to_owned(), |n| n.to_string_lossy().into_owned());
        let mut last_error = None;
        for attempt in 1..=3 {
            let port = free_port()?;
            let log = work_dir.join(format!("{name}-{attempt}.log"));
            let log_file =
                File::create(&log).with_context(|| format!("creating {}", log.display()))?;
            let child = Command::new(binary)
                .args(args(port))
                .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
                .stdin(Stdio::null())
                .stdout(log_file.try_clone()?)
                .stderr(log_file)
                .spawn()
                .with_context(|| format!("starting {}", binary.display()))?;
            let mut process = Self {
                child,
                port,
                log,
                stopped: false,
            };
            match process.wait_ready().await {
                Ok(()) => return Ok(process),
                Err(e) => {
                    process.stop();
                    last_error = Some(e);
                }
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow!("{name} did not start")))
    }

    /// Polls `GET /status` until the driver says it is ready.
    async fn wait_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + DRIVER_READY_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the WebDriver server exited ({status}) before it was ready on port {}\n{}",
                    self.port,
                    self.log_tail()
                );
            }
            if driver_status_ready(self.port).await {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "the WebDriver server was not ready on port {} after {:?}\n{}",
                    self.port,
                    DRIVER_READY_TIMEOUT,
                    self.log_tail()
                );
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// The last lines of the driver's output, for error messages.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.len().saturating_sub(30);
        format!(
            "--- {} (last {} lines) ---\n{}",
            self.log.display(),
            lines.len() - start,
            lines[start..].join("\n")
        )
    }

    /// Kills the driver and every process below it (the browser, its
    /// zygotes and renderers), then reaps the driver. Idempotent.
    fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        // Collect the tree before killing anything: orphans are re-parented
        // and could no longer be found. `kill` the command, not the syscall,
        // because this workspace forbids `unsafe`.
        let root = self.child.id();
        let mut pids = descendants(root);
        pids.push(root);
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg("--")
            .args(pids.iter().map(u32::to_string))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Every process whose chain of parents leads to `root`, read from `/proc`.
fn descendants(root: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(u32, u32)> = entries
        .filter_map(|entry| {
            let child: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).ok()?;
            // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
            let after_comm = &stat[stat.rfind(')')? + 1..];
            let parent = after_comm.split_whitespace().nth(1)?.parse().ok()?;
            Some((child, parent))
        })
        .collect();
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for &(pid, ppid) in &parents {
            if ppid == parent && !found.contains(&pid) {
                found.push(pid);
                frontier.push(pid);
            }
        }
    }
    found
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("finding a free loopback port")?;
    Ok(listener.local_addr()?.port())
}

/// Whether the `WebDriver` server on `port` answers `/status` with `"ready": true`.
async fn driver_status_ready(port: u16) -> bool {
    // chromedriver keeps the connection open despite `Connection: close`, so
    // read until the answer is in rather than to the end of the stream.
    let probe = async {
        let mut stream = tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port)).await?;
        let request =
            format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut response = Vec::new();
        let mut chunk = [0u8; 1024];
        loop {
            let n = stream.read(&mut chunk).await?;
            response.extend_from_slice(&chunk[..n]);
            let text: String = String::from_utf8_lossy(&response)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if n == 0 || text.contains("\"ready\":") {
                return Ok::<_, std::io::Error>(
                    text.starts_with("HTTP/1.1200") && text.contains("\"ready\":true"),
                );
            }
        }
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), probe).await,
        Ok(Ok(true))
    )
}

// ---------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------

/// Polls `probe` every [`POLL_INTERVAL`] until it yields `Some`, and returns that.
/// Errors from `probe` count as "not yet" (elements go stale while Yew
/// re-renders); the last one is reported if the deadline passes.
///
/// # Errors
///
/// When `timeout` passes first; the message names `what` was awaited.
pub async fn wait_until<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        let last_error = match probe().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => None,
            Err(e) => Some(e),
        };
        if Instant::now() >= deadline {
            let mut message = format!("timed out after {timeout:?} waiting for {what}");
            if let Some(e) = last_error {
                let _ = write!(message, " (last error: {e:#})");
            }
            bail!(message);
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// Finds every element matching `css` in the document and inside the shadow
/// root of each `<article-widget>` (where the reader and partner pages show
/// the article), document first, then widget by widget. CSS does not cross
/// the shadow boundary: a selector matches within one tree.
///
/// # Errors
///
/// When the script fails.
pub async fn find_all(driver: &WebDriver, css: &str) -> Result<Vec<WebElement>> {
    let found = driver
        .execute(
            "const css = arguments[0];
             const found = [...document.querySelectorAll(css)];
             for (const w of document.querySelectorAll('article-widget')) {
               if (w.shadowRoot) found.push(...w.shadowRoot.querySelectorAll(css));
             }
             return found;",
            vec![serde_json::Value::from(css)],
        )
        .await?;
    Ok(found.elements()?)
}

/// The first element [`find_all`] finds for `css`.
///
/// # Errors
///
/// When there is none, or the script fails.
pub async fn find(driver: &WebDriver, css: &str) -> Result<WebElement> {
    find_all(driver, css)
        .await?
        .into_iter()
        .next()
        .with_context(|| format!("no element matches `{css}`"))
}

/// Waits for the first element matching `css` to be in the document (or in
/// a widget's shadow root, see [`find_all`]).
///
/// # Errors
///
/// On timeout, with the page's URL and visible text in the message.
pub async fn wait_for(driver: &WebDriver, css: &str, timeout: Duration) -> Result<WebElement> {
    let found = wait_until(&format!("an element matching `{css}`"), timeout, || async {
        Ok(find_all(driver, css).await?.into_iter().next())
    })
    .await;
    match found {
        Ok(element) => Ok(element),
        Err(e) => Err(e.context(describe_page(driver).await)),
    }
}

/// Waits for an element matching `css` whose visible text contains `needle`
/// (whitespace-normalised on both sides), and returns it.
///
/// # Errors
///
/// On timeout, with the texts last seen and the page's URL and text.
pub async fn wait_for_text(
    driver: &WebDriver,
    css: &str,
    needle: &str,
    timeout: Duration,
) -> Result<WebElement> {
    let needle = normalize_space(needle);
    // What the last poll saw, for the timeout message. A mutex rather than
    // `&mut`: each poll's future borrows it while the closure lives on.
    let seen = std::sync::Mutex::new(Vec::new());
    let found = wait_until(
        &format!("an element matching `{css}` with text containing {needle:?}"),
        timeout,
        || {
            let needle = &needle;
            let seen = &seen;
            async move {
                let mut texts = Vec::new();
                for element in find_all(driver, css).await? {
                    let text = visible_text(&element).await?;
                    if text.contains(needle.as_str()) {
                        return Ok(Some(element));
                    }
                    texts.push(text);
                }
                if let Ok(mut seen) = seen.lock() {
                    *seen = texts;
                }
                Ok(None)
            }
        },
    )
    .await;
    match found {
        Ok(element) => Ok(element),
        Err(e) => {
            let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
            Err(e.context(format!(
                "texts of `{css}` last seen: {seen:?}\n{}",
                describe_page(driver).await
            )))
        }
    }
}

/// The page's URL and the start of its visible text, for failure messages.
pub async fn describe_page(driver: &WebDriver) -> String {
    let url = driver
        .current_url()
        .await
        .map_or_else(|e| format!("<unknown: {e}>"), |u| u.to_string());
    let text = match driver.find(By::Tag("body")).await {
        Ok(body) => body.text().await.unwrap_or_default(),
        Err(e) => format!("<no body: {e}>"),
    };
    let text: String = normalize_space(&text).chars().take(600).collect();
    format!("page {url} shows: {text:?}")
}

// ---------------------------------------------------------------------------
// Elements
// ---------------------------------------------------------------------------

/// Collapses runs of whitespace into single spaces and trims the ends.
pub fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element's rendered text as a user sees it (`WebDriver`'s visible text,
/// so `display: none` parts are left out), whitespace-normalised.
///
/// # Errors
///
/// When the element is gone or the session failed.
pub async fn visible_text(element: &WebElement) -> Result<String> {
    Ok(normalize_space(&element.text().await?))
}

/// Whether the element is shown: `WebDriver`'s `is_displayed` and a bounding
/// box of non-zero width and height. Says nothing about the scroll position;
/// see [`is_in_viewport`].
///
/// # Errors
///
/// When the element is gone or the session failed.
pub async fn is_visible(element: &WebElement) -> Result<bool> {
    if !element.is_displayed().await? {
        return Ok(false);
    }
    let rect = element.rect().await?;
    Ok(rect.width > 0.0 && rect.height > 0.0)
}

/// Scrolls the element to the middle of the viewport (instantly, so no
/// smooth-scroll animation has to be waited for).
///
/// # Errors
///
/// When the element is gone or the session failed.
pub async fn scroll_into_view(element: &WebElement) -> Result<()> {
    element
        .handle()
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});",
            vec![element.to_json()?],
        )
        .await?;
    Ok(())
}

/// Whether some part of the element's box lies inside the viewport now.
///
/// # Errors
///
/// When the element is gone or the session failed.
pub async fn is_in_viewport(element: &WebElement) -> Result<bool> {
    let ret = element
        .handle()
        .execute(
            "const r = arguments[0].getBoundingClientRect();
             return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                 && r.top < window.innerHeight && r.left < window.innerWidth;",
            vec![element.to_json()?],
        )
        .await?;
    Ok(ret.json().as_bool().unwrap_or(false))
}

/// Waits until an `<img>` has finished loading with real pixels and returns
/// its `naturalWidth`. Lazy images load only near the viewport: scroll first.
///
/// # Errors
///
/// On timeout (the image failed or never started loading).
pub async fn wait_for_image(image: &WebElement, timeout: Duration) -> Result<u32> {
    let src = image.attr("src").await?.unwrap_or_default();
    wait_until(
        &format!("image {src} to load (complete with naturalWidth > 0)"),
        timeout,
        || async {
            let ret = image
                .handle()
                .execute(
                    "const i = arguments[0]; return i.complete ? i.naturalWidth : -1;",
                    vec![image.to_json()?],
                )
                .await?;
            Ok(ret
                .json()
                .as_u64()
                .filter(|w| *w > 0)
                .and_then(|w| u32::try_from(w).ok()))
        },
    )
    .await
}

// ---------------------------------------------------------------------------
// Page and browser utilities
// ---------------------------------------------------------------------------

/// Runs a script in the page and returns its result as JSON.
///
/// # Errors
///
/// When the script throws or the session failed.
pub async fn eval(driver: &WebDriver, script: &str) -> Result<Value> {
    Ok(driver.execute(script, Vec::new()).await?.json().clone())
}

/// Checks that the JavaScript expression `condition` is true in the page.
///
/// # Errors
///
/// `why` when it is not; the script's error when it throws.
pub async fn ensure_js(driver: &WebDriver, condition: &str, why: &str) -> Result<()> {
    let value = eval(driver, &format!("return Boolean({condition});")).await?;
    anyhow::ensure!(value == Value::Bool(true), "{why}");
    Ok(())
}

/// Emulates a viewport of `width` × `height` CSS pixels (device scale 1;
/// "mobile" below 600 px wide) through the `DevTools` protocol, which is exact
/// where window sizes are not, and waits until the page sees the new width.
///
/// # Errors
///
/// When the `DevTools` command fails or the page never reports the width.
pub async fn set_viewport(driver: &WebDriver, width: u32, height: u32) -> Result<()> {
    driver
        .cdp()
        .send_raw(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 600,
            }),
        )
        .await
        .context("Emulation.setDeviceMetricsOverride")?;
    wait_until(
        &format!("window.innerWidth to become {width}"),
        DEFAULT_TIMEOUT,
        || async {
            let inner = eval(driver, "return window.innerWidth;").await?;
            Ok((inner.as_u64() == Some(u64::from(width))).then_some(()))
        },
    )
    .await
}

/// Console messages at level `SEVERE` since the last call (uncaught
/// exceptions, `console.error`, failed resource loads), each as
/// chromedriver formats it: `<url> <line>:<column> <message>`.
///
/// # Errors
///
/// When the log cannot be read.
pub async fn console_errors(driver: &WebDriver) -> Result<Vec<String>> {
    Ok(driver
        .browser_log()
        .await?
        .into_iter()
        .filter(|entry| entry.level == "SEVERE")
        .map(|entry| entry.message)
        .collect())
}

/// A PNG written by [`screenshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screenshot {
    /// Where the file was written.
    pub path: PathBuf,
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
}

/// Saves a PNG of the current viewport as `<screenshot_dir>/<name>.png`
/// (characters other than letters, digits, `-`, `_` and `.` become `_`).
///
/// # Errors
///
/// When the browser cannot take it, it is not a PNG, or it cannot be written.
pub async fn screenshot(driver: &WebDriver, name: &str) -> Result<Screenshot> {
    let png = driver.screenshot_as_png().await?;
    let (width, height) = png_size(&png).context("the screenshot is not a PNG")?;
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("{safe}.png"));
    std::fs::write(&path, &png).with_context(|| format!("writing {}", path.display()))?;
    Ok(Screenshot {
        path,
        width,
        height,
    })
}

/// Width and height from a PNG's `IHDR` chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if png.len() < 24 || !png.starts_with(SIGNATURE) || &png[12..16] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(png[20..24].try_into().ok()?);
    Some((width, height))
}

pub mod article_page;
pub mod embeds;
pub mod engines;
pub mod pwa;
pub mod videos;

pub use article_page::*;
pub use embeds::*;
pub use engines::{Engine, Feature};
pub use pwa::*;
