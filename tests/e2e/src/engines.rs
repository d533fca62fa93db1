//! The browser engines the end-to-end tests drive, each through its own
//! W3C `WebDriver` server: Chromium (chromedriver), Firefox (geckodriver) and
//! WebKit (`WebKitWebDriver` driving WebKitGTK's `MiniBrowser` on a private
//! Xvfb display). [`Browser::start_engine`] starts any of them; the
//! cross-engine tests (`tests/engines.rs`) run the same scenarios in each.

// Everything the harness root defines (helpers, imports) is shared here.
#[allow(clippy::wildcard_imports)]
use super::*;

use std::io::{BufRead as _, BufReader};
use thirtyfour::common::capabilities::desiredcapabilities::Capabilities;

/// geckodriver when `GECKODRIVER` is not set: the one `cargo install` put on `PATH`.
pub const DEFAULT_GECKODRIVER: &str = "geckodriver";

/// Firefox when `FIREFOX` is not set (Debian's `firefox-esr`).
pub const DEFAULT_FIREFOX: &str = "/usr/bin/firefox-esr";

/// The WebKit `WebDriver` server when `WEBKIT_DRIVER` is not set (Debian's `webkit2gtk-driver`).
pub const DEFAULT_WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";

/// WebKitGTK's browser when `WEBKIT_BROWSER` is not set (Debian's `libwebkit2gtk-4.1-0`).
pub const DEFAULT_WEBKIT_BROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// The X server WebKitGTK draws on when `XVFB` is not set (Debian's `xvfb`).
pub const DEFAULT_XVFB: &str = "/usr/bin/Xvfb";

/// The window every engine's page gets, in CSS pixels (as [`CHROMIUM_ARGS`] gives Chromium).
pub const WINDOW: (u32, u32) = (1280, 1000);

/// How long Xvfb may take to report its display.
const XVFB_READY_TIMEOUT: Duration = Duration::from_secs(20);

/// A browser engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Blink, in Debian's Chromium.
    Chromium,
    /// Gecko, in Debian's Firefox ESR.
    Firefox,
    /// WebKit, in WebKitGTK's `MiniBrowser` (the engine of Safari).
    WebKit,
}

/// Whether the page's own scripts run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scripts {
    /// As a reader's browser runs them.
    On,
    /// Off, as for a reader who turned JavaScript off: the page's scripts,
    /// inline or not, never run. The test's own (`WebDriver`'s execute
    /// script) still do, to read the page.
    Off,
}

/// A web platform feature some scenario needs and some engine may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// Service workers on a loopback origin (the reader's offline mode).
    ServiceWorker,
    /// Writing to the clipboard from a click (`navigator.clipboard.writeText`).
    ClipboardWrite,
    /// Declarative shadow DOM (`<template shadowrootmode>`), which shows a
    /// prerendered widget before (and without) any script.
    DeclarativeShadowDom,
}

impl Feature {
    /// A script returning whether the page's engine has the feature.
    pub fn probe(self) -> &'static str {
        match self {
            Feature::ServiceWorker => {
                "return window.isSecureContext && 'serviceWorker' in navigator;"
            }
            Feature::ClipboardWrite => {
                "return !!(navigator.clipboard && navigator.clipboard.writeText);"
            }
            Feature::DeclarativeShadowDom => {
                "return HTMLTemplateElement.prototype.hasOwnProperty('shadowRootMode');"
            }
        }
    }

    /// The feature's name in test output.
    pub fn name(self) -> &'static str {
        match self {
            Feature::ServiceWorker => "service workers",
            Feature::ClipboardWrite => "navigator.clipboard.writeText",
            Feature::DeclarativeShadowDom => "declarative shadow DOM",
        }
    }
}

impl Engine {
    /// The engine's name in test output.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::WebKit => "WebKit",
        }
    }

    /// Why the engine, as the tests run it, cannot do `feature`, or `None`
    /// when it can. A scenario needing the feature then prints this reason
    /// and checks that the feature really is missing, so the table cannot go
    /// stale: an engine that gains the feature fails the test until it is
    /// taken off here.
    pub fn lacks(self, feature: Feature) -> Option<&'static str> {
        match (self, feature) {
            // Every engine run here has all of them today; a gap found
            // later gets its own arm, with the reason.
            (
                Engine::Chromium | Engine::Firefox | Engine::WebKit,
                Feature::ServiceWorker | Feature::ClipboardWrite | Feature::DeclarativeShadowDom,
            ) => None,
        }
    }

    /// The `WebDriver` server binary: from `env_var`, else the default.
    fn driver_binary(self) -> Result<PathBuf> {
        match self {
            Engine::Chromium => binary_from_env("CHROMEDRIVER", DEFAULT_CHROMEDRIVER),
            Engine::Firefox => program_from_env("GECKODRIVER", DEFAULT_GECKODRIVER),
            Engine::WebKit => binary_from_env("WEBKIT_DRIVER", DEFAULT_WEBKIT_DRIVER),
        }
    }

    /// The arguments that make the driver listen on `port` (loopback only).
    fn driver_args(self, port: u16) -> Vec<String> {
        match self {
            Engine::Chromium | Engine::WebKit => vec![format!("--port={port}")],
            // geckodriver picks a free Marionette port itself.
            Engine::Firefox => vec![
                "--host".into(),
                "127.0.0.1".into(),
                "--port".into(),
                port.to_string(),
            ],
        }
    }

    /// The session's capabilities: the browser binary, headless, a window
    /// of [`WINDOW`], the page's [`Scripts`] on or off, and the `extra_args`
    /// on its command line. (Chromium's scripts are turned off once the
    /// session runs, see [`Browser::start_engine_with`].)
    fn capabilities(
        self,
        profile: &Path,
        extra_args: &[&str],
        scripts: Scripts,
    ) -> Result<Capabilities> {
        let caps = match self {
            Engine::Chromium => {
                let chromium = binary_from_env("CHROMIUM", DEFAULT_CHROMIUM)?;
                let mut caps = DesiredCapabilities::chrome();
                caps.set_binary(&chromium.to_string_lossy())?;
                for arg in CHROMIUM_ARGS.iter().chain(extra_args) {
                    caps.add_arg(arg)?;
                }
                caps.add_arg(&format!(
                    "--user-data-dir={}",
                    profile.join("profile").display()
                ))?;
                caps.set_browser_log_level(LoggingPrefsLogLevel::All)?;
                caps.into()
            }
            Engine::Firefox => {
                let firefox = binary_from_env("FIREFOX", DEFAULT_FIREFOX)?;
                let mut args = vec![
                    "-headless".to_owned(),
                    "-width".to_owned(),
                    WINDOW.0.to_string(),
                    "-height".to_owned(),
                    WINDOW.1.to_string(),
                ];
                args.extend(extra_args.iter().map(|a| (*a).to_owned()));
                let options = json!({
                    "binary": firefox,
                    "args": args,
                    // No background traffic to a network the tests never reach.
                    "prefs": {
                        "app.update.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        // Pages' scripts only: Marionette's own still run.
                        "javascript.enabled": scripts == Scripts::On,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "toolkit.telemetry.enabled": false,
                    },
                });
                capabilities_of(&json!({
                    "browserName": "firefox",
                    "moz:firefoxOptions": options,
                }))
            }
            Engine::WebKit => {
                let browser = binary_from_env("WEBKIT_BROWSER", DEFAULT_WEBKIT_BROWSER)?;
                let mut args = vec!["--automation".to_owned()];
                if scripts == Scripts::Off {
                    // Scripts of the page's markup only: the automation's
                    // own scripts still run.
                    args.push("--enable-javascript-markup=false".to_owned());
                }
                args.extend(extra_args.iter().map(|a| (*a).to_owned()));
                capabilities_of(&json!({
                    "browserName": "MiniBrowser",
                    "webkitgtk:browserOptions": { "binary": browser, "args": args },
                }))
            }
        };
        Ok(caps)
    }
}

/// The JSON object `value` as capabilities.
fn capabilities_of(value: &Value) -> Capabilities {
    value.as_object().cloned().unwrap_or_default().into()
}

/// A program named by environment variable `var`, or `default`: a path that
/// must exist, or a bare name looked up on `PATH`.
fn program_from_env(var: &str, default: &str) -> Result<PathBuf> {
    let name = std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(default), PathBuf::from);
    if name.components().count() > 1 {
        return binary_from_env(var, default);
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(&name))
        .find(|path| path.is_file())
        .with_context(|| {
            format!(
                "{} is not on PATH (set {var} to its path); `cargo xtask test` installs it",
                name.display()
            )
        })
}

/// A private X server for one browser, on a display it chose itself
/// (`-displayfd`), so parallel tests never share or fight over one.
/// Killed when dropped.
pub(crate) struct Xvfb {
    child: Child,
    /// The display, e.g. `:3`.
    pub(crate) display: String,
}

impl Xvfb {
    /// Starts Xvfb and waits until it has opened its display.
    pub(crate) async fn start() -> Result<Self> {
        let binary = binary_from_env("XVFB", DEFAULT_XVFB)?;
        let mut child = Command::new(&binary)
            .args(["-displayfd", "1", "-nolisten", "tcp", "-screen", "0"])
            .arg(format!("{}x{}x24", WINDOW.0 + 200, WINDOW.1 + 200))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = child.stdout.take().context("Xvfb's stdout")?;
        // Xvfb writes the display number once the server is ready; read it on
        // a blocking thread and give up at the deadline.
        let reader = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        });
        let line = match tokio::time::timeout(XVFB_READY_TIMEOUT, reader).await {
            Ok(Ok(Ok(line))) if !line.trim().is_empty() => line,
            other => {
                let _ = child.kill();
                let _ = child.wait();
                bail!("Xvfb did not report a display within {XVFB_READY_TIMEOUT:?} ({other:?})");
            }
        };
        Ok(Self {
            child,
            display: format!(":{}", line.trim()),
        })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts `engine` headless (WebKit on its own Xvfb display) through its
    /// `WebDriver` server on a free loopback port, with a fresh profile and a
    /// window of [`WINDOW`]; `extra_args` go on the browser's command line.
    ///
    /// Binaries come from `CHROMEDRIVER`/`CHROMIUM`, `GECKODRIVER`/`FIREFOX`,
    /// `WEBKIT_DRIVER`/`WEBKIT_BROWSER` and `XVFB`, else Debian's paths
    /// (geckodriver from `PATH`).
    ///
    /// # Errors
    ///
    /// When a binary is missing, the driver does not become ready, or the
    /// session cannot be created; the error carries the driver's log.
    pub async fn start_engine(engine: Engine, extra_args: &[&str]) -> Result<Self> {
        Self::start_engine_with(engine, extra_args, Scripts::On).await
    }

    /// Like [`start_engine`](Self::start_engine), with the page's scripts
    /// on or off ([`Scripts`]).
    ///
    /// # Errors
    ///
    /// As for [`start_engine`](Self::start_engine), and when Chromium's
    /// scripts cannot be turned off.
    pub async fn start_engine_with(
        engine: Engine,
        extra_args: &[&str],
        scripts: Scripts,
    ) -> Result<Self> {
        // Every browser here tests the build: without one, skip before any
        // process starts (see `dist_dir`).
        dist_dir();
        let driver_binary = engine.driver_binary()?;
        let profile = tempfile::Builder::new()
            .prefix(&format!("aw-e2e-{}-", engine.name().to_lowercase()))
            .tempdir()
            .context("creating a temporary browser profile")?;
        let display = match engine {
            Engine::WebKit => Some(Xvfb::start().await?),
            Engine::Chromium | Engine::Firefox => None,
        };
        let envs: Vec<(&str, String)> = display
            .iter()
            .map(|x| ("DISPLAY", x.display.clone()))
            .collect();
        let mut process = DriverProcess::start(
            &driver_binary,
            &|port| engine.driver_args(port),
            &envs,
            profile.path(),
        )
        .await?;
        let caps = engine.capabilities(profile.path(), extra_args, scripts)?;
        let server = format!("http://127.0.0.1:{}", process.port);
        let driver = match WebDriver::new(server, caps).await {
            Ok(driver) => driver,
            Err(e) => {
                process.stop();
                return Err(anyhow!(e).context(format!(
                    "creating a {} session (the driver's log follows)\n{}",
                    engine.name(),
                    process.log_tail()
                )));
            }
        };
        if engine != Engine::Chromium {
            let (width, height) = WINDOW;
            if let Err(e) = driver
                .set_window_rect(0, 0, width, height)
                .await
                .context("sizing the window")
            {
                let _ = driver.clone().quit().await;
                process.stop();
                return Err(e);
            }
        }
        let browser = Self {
            driver: Session(Some(driver)),
            engine,
            driver_process: process,
            display,
            profile,
        };
        if engine == Engine::Chromium && scripts == Scripts::Off {
            browser
                .cdp()
                .send_raw(
                    "Emulation.setScriptExecutionDisabled",
                    json!({ "value": true }),
                )
                .await
                .context("turning Chromium's scripts off")?;
        }
        Ok(browser)
    }

    /// The engine this browser runs.
    pub fn engine(&self) -> Engine {
        self.engine
    }
}

/// A script prelude defining `all(css)`: every element matching `css` in the
/// document and in every open shadow root below it, in document order. The
/// reader and the embed put the article in different places (the page or a
/// widget's shadow root); the cross-engine tests look in both.
pub const DEEP_ALL: &str = "const all = (css) => {
      const out = [];
      const walk = (root) => {
        out.push(...root.querySelectorAll(css));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
      };
      walk(document);
      return out;
    }";

/// The first element matching `css` in the document or an open shadow root
/// ([`DEEP_ALL`]) whose text contains `text` (any text when `None`).
///
/// # Errors
///
/// When the script fails.
pub async fn deep_find(
    driver: &WebDriver,
    css: &str,
    text: Option<&str>,
) -> Result<Option<WebElement>> {
    let script = format!(
        "{DEEP_ALL}; const text = arguments[1];
         return all(arguments[0]).find((e) => text === null || e.textContent.includes(text)) || null;"
    );
    let ret = driver
        .execute(
            &script,
            vec![Value::from(css), text.map_or(Value::Null, Value::from)],
        )
        .await?;
    if ret.json().is_null() {
        return Ok(None);
    }
    Ok(Some(ret.element()?))
}

/// The whitespace-normalised text of the first element matching `css` in the
/// document or an open shadow root, if there is one.
///
/// # Errors
///
/// When the script fails.
pub async fn deep_text(driver: &WebDriver, css: &str) -> Result<Option<String>> {
    let script =
        format!("{DEEP_ALL}; const e = all(arguments[0])[0]; return e ? e.textContent : null;");
    let ret = driver.execute(&script, vec![Value::from(css)]).await?;
    Ok(ret.json().as_str().map(normalize_space))
}

/// Waits for an element matching `css` in the document or an open shadow root.
///
/// # Errors
///
/// On timeout, with the page's URL and text.
pub async fn wait_deep(driver: &WebDriver, css: &str, timeout: Duration) -> Result<WebElement> {
    let found = wait_until(&format!("an element matching `{css}`"), timeout, || async {
        deep_find(driver, css, None).await
    })
    .await;
    match found {
        Ok(element) => Ok(element),
        Err(e) => Err(e.context(describe_page(driver).await)),
    }
}
