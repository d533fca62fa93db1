//! Harness for `tests/article_page.rs`: `DevTools` commands, async scripts,
//! the axe-core audit, full-page and element screenshots, and a sink that
//! records requests to other origins.

// Everything the harness root defines (helpers, imports) is shared here.
#[allow(clippy::wildcard_imports)]
use super::*;

/// Sends one `DevTools` protocol command and returns its result.
///
/// # Errors
///
/// When the command fails; the message names it.
pub async fn cdp(driver: &WebDriver, method: &str, params: Value) -> Result<Value> {
    driver
        .cdp()
        .send_raw(method, params)
        .await
        .with_context(|| format!("DevTools command {method}"))
}

/// Runs an asynchronous script: it gets a `done` callback as its last
/// argument (`const done = arguments[arguments.length - 1];`) and the result
/// is what it passes to `done`.
///
/// # Errors
///
/// When the script throws, never calls `done` within the session's script
/// timeout, or the session failed.
pub async fn eval_async(driver: &WebDriver, script: &str) -> Result<Value> {
    Ok(driver
        .execute_async(script, Vec::new())
        .await?
        .json()
        .clone())
}

/// Lets pages of `origin` read and write the clipboard without a prompt.
///
/// # Errors
///
/// When `Browser.grantPermissions` fails.
pub async fn grant_clipboard(driver: &WebDriver, origin: &str) -> Result<()> {
    cdp(
        driver,
        "Browser.grantPermissions",
        json!({
            "origin": origin,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        }),
    )
    .await
    .map(drop)
}

/// Emulates a CSS media type (`"print"`, `"screen"`) and, when given,
/// `prefers-color-scheme`; `None` for `media` goes back to the real one.
///
/// # Errors
///
/// When `Emulation.setEmulatedMedia` fails.
pub async fn emulate_media(
    driver: &WebDriver,
    media: Option<&str>,
    color_scheme: Option<&str>,
) -> Result<()> {
    let mut features = Vec::new();
    if let Some(scheme) = color_scheme {
        features.push(json!({"name": "prefers-color-scheme", "value": scheme}));
    }
    cdp(
        driver,
        "Emulation.setEmulatedMedia",
        json!({"media": media.unwrap_or(""), "features": features}),
    )
    .await
    .map(drop)
}

/// The URL of every resource the page has fetched so far, from the Resource
/// Timing API (`performance.getEntriesByType('resource')`), in order.
///
/// # Errors
///
/// When the script fails.
pub async fn resource_urls(driver: &WebDriver) -> Result<Vec<String>> {
    let value = eval(
        driver,
        "return performance.getEntriesByType('resource').map(e => e.name);",
    )
    .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect())
}

/// Sets the viewport to `width` and the document's full height, then saves
/// a PNG of the whole page like [`screenshot`]. The viewport stays that size.
///
/// # Errors
///
/// When the viewport cannot be set or the screenshot fails.
pub async fn full_page_screenshot(
    driver: &WebDriver,
    name: &str,
    width: u32,
) -> Result<Screenshot> {
    set_viewport(driver, width, 800).await?;
    let height = eval(
        driver,
        "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));",
    )
    .await?
    .as_u64()
    .and_then(|h| u32::try_from(h).ok())
    .context("reading the document height")?;
    set_viewport(driver, width, height.max(1)).await?;
    eval(driver, "window.scrollTo(0, 0);").await?;
    screenshot(driver, name).await
}

/// The axe-core script to inject: `AXE_CORE_JS` (set by `cargo xtask test`),
/// else `<workspace>/.tools/axe/node_modules/axe-core/axe.min.js`.
///
/// # Errors
///
/// When the file is missing, saying how to install it: an audit that cannot
/// run must fail, never pass.
pub fn axe_core_js() -> Result<PathBuf> {
    let (path, origin) = match std::env::var_os("AXE_CORE_JS") {
        Some(value) if !value.is_empty() => (PathBuf::from(value), "from AXE_CORE_JS"),
        _ => (
            workspace_dir().join(".tools/axe/node_modules/axe-core/axe.min.js"),
            "the default; AXE_CORE_JS is not set",
        ),
    };
    if !path.is_file() {
        bail!(
            "axe-core not found at {} ({origin}). `cargo xtask test --only e2e` installs it; by hand: \
             `npm install --prefix .tools/axe axe-core@4.10.3`",
            path.display()
        );
    }
    Ok(path)
}

/// One rule axe-core found broken, with the elements that break it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxeViolation {
    /// The rule id, e.g. `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks for.
    pub help: String,
    /// Each failing element: its CSS selector and axe's failure summary.
    pub nodes: Vec<(String, String)>,
}

impl std::fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} ({}): {}", self.id, self.impact, self.help)?;
        for (target, summary) in &self.nodes {
            writeln!(f, "  at {target}")?;
            for line in summary.lines() {
                writeln!(f, "    {line}")?;
            }
        }
        Ok(())
    }
}

/// Injects axe-core (see [`axe_core_js`]) into the page if it is not there
/// yet, runs `axe.run(document, options)` and returns its violations.
///
/// # Errors
///
/// When axe-core is missing, cannot be injected, or fails to run.
pub async fn run_axe(driver: &WebDriver, options: &Value) -> Result<Vec<AxeViolation>> {
    let present = eval(driver, "return typeof window.axe === 'object';").await?;
    if present != Value::Bool(true) {
        let path = axe_core_js()?;
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        driver
            .execute(&source, Vec::new())
            .await
            .context("injecting axe-core")?;
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {options})
           .then(r => done({{ok: r.violations.map(v => ({{
               id: v.id, impact: v.impact || '', help: v.help,
               nodes: v.nodes.map(n => [n.target.join(' '), n.failureSummary || ''])
           }}))}}))
           .catch(e => done({{error: String(e)}}));"
    );
    let result = eval_async(driver, &script).await?;
    if let Some(error) = result.get("error") {
        bail!("axe.run failed: {error}");
    }
    let violations = result
        .get("ok")
        .and_then(Value::as_array)
        .context("axe.run returned no violations list")?;
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    Ok(violations
        .iter()
        .map(|v| AxeViolation {
            id: text(v, "id"),
            impact: text(v, "impact"),
            help: text(v, "help"),
            nodes: v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| (text_at(n, 0), text_at(n, 1)))
                .collect(),
        })
        .collect())
}

fn text_at(v: &Value, index: usize) -> String {
    v[index].as_str().unwrap_or_default().to_owned()
}

/// A loopback "proxy" that answers nothing and records the first line of
/// every request sent to it. Start Chromium with [`arg`](Self::arg) and every
/// request to another origin (`CONNECT host:443` for https, `GET http://..`
/// for http) lands here instead of leaving the machine, while the loopback
/// site is still reached directly (Chromium never proxies loopback).
#[derive(Debug)]
pub struct RequestSink {
    port: u16,
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RequestSink {
    /// Starts listening on a free loopback port.
    ///
    /// # Errors
    ///
    /// When no port can be bound.
    pub fn start() -> Result<Self> {
        use std::io::{BufRead as _, BufReader};
        use std::sync::atomic::Ordering;

        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("binding the request sink")?;
        let port = listener.local_addr()?.port();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let thread = {
            let (seen, stop) = (seen.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                    let mut line = String::new();
                    if BufReader::new(&stream).read_line(&mut line).is_ok() && !line.is_empty() {
                        if let Ok(mut seen) = seen.lock() {
                            seen.push(line.trim_end().to_owned());
                        }
                    }
                    // Dropping the stream closes it: the browser sees a failed proxy.
                }
            })
        };
        Ok(Self {
            port,
            seen,
            stop,
            thread: Some(thread),
        })
    }

    /// The Chromium switch that sends every non-loopback request here.
    pub fn arg(&self) -> String {
        format!("--proxy-server=http://127.0.0.1:{}", self.port)
    }

    /// The first line of each request received so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Drop for RequestSink {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = std::net::TcpStream::connect((Ipv4Addr::LOCALHOST, self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
