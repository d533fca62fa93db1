//! Harness for `tests/embed.rs`: several origins, templated partner pages and
//! probes that look inside shadow roots.

// Everything the harness root defines (helpers, imports) is shared here.
#[allow(clippy::wildcard_imports)]
use super::*;

/// Where the release build puts the embed (`dist/<EMBED_DIR>embed.js`).
pub const EMBED_DIR: &str = "embed/v1/";

/// `tests/e2e/fixtures/embed/`: the partner pages of the embed tests.
pub fn embed_fixtures_dir() -> PathBuf {
    fixtures_dir().join("embed")
}

/// Serves `dir` on its own loopback port — its own origin — with CORS on
/// (what a widget or article host must send to partner pages).
///
/// # Errors
///
/// When the server cannot start.
pub fn serve_origin(
    dir: impl Into<PathBuf>,
    configure: impl FnOnce(ServerBuilder) -> ServerBuilder,
) -> Result<ServerHandle> {
    configure(devserver::Server::builder().root(dir).cors(true))
        .start()
        .context("starting a devserver origin")
}

/// The origin of a server, e.g. `http://127.0.0.1:41234` (no trailing slash).
pub fn origin_of(server: &ServerHandle) -> String {
    format!("http://{}", server.addr)
}

/// Serves the partner pages of [`embed_fixtures_dir`], replacing every
/// `{{NAME}}` in `.html` files by its value from `vars` (e.g. `{{WIDGET}}`
/// by the widget's origin), so a page can name servers whose ports are only
/// known at run time. Other files are served as they are.
///
/// # Errors
///
/// When the server cannot start.
pub fn serve_partner_pages(
    vars: &[(&str, String)],
    configure: impl FnOnce(ServerBuilder) -> ServerBuilder,
) -> Result<ServerHandle> {
    let dir = embed_fixtures_dir();
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (format!("{{{{{k}}}}}"), v.clone()))
        .collect();
    let pages = dir.clone();
    let builder = devserver::Server::builder()
        .root(dir)
        .handler(move |request| {
            let name = request.path.trim_start_matches('/');
            let is_html = Path::new(name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("html"));
            if !is_html || name.contains("..") {
                return None;
            }
            let mut text = std::fs::read_to_string(pages.join(name)).ok()?;
            for (key, value) in &vars {
                text = text.replace(key.as_str(), value);
            }
            Some(
                Reply::new(200)
                    .content_type("text/html; charset=utf-8")
                    .body(text),
            )
        });
    configure(builder)
        .start()
        .context("starting the partner-page devserver")
}

/// What the page's `<article-widget>` elements show, one JSON object each:
/// `{ title, titleTag, error, lang, theme, shares, rendered }` read from
/// inside their shadow roots (`null` fields when not there yet).
///
/// # Errors
///
/// When the script fails.
pub async fn widget_states(driver: &WebDriver) -> Result<Vec<Value>> {
    let value = eval(
        driver,
        r"return [...document.querySelectorAll('article-widget')].map((el) => {
            const root = el.shadowRoot;
            const q = (css) => root ? root.querySelector(css) : null;
            const title = q('.aw-title');
            const aw = q('.aw');
            const error = q('.aw-error');
            return {
              title: title ? title.textContent.trim() : null,
              titleTag: title ? title.tagName.toLowerCase() : null,
              error: error ? error.textContent.trim() : null,
              lang: aw ? aw.getAttribute('lang') : null,
              theme: aw ? aw.getAttribute('data-theme') : null,
              shares: root ? root.querySelectorAll('.aw-share-item').length : 0,
              // An article is rendered once its footer (filled a frame
              // after the first paint) is in too.
              rendered: !!((title && q('.aw-footer > *')) || error),
            };
          });",
    )
    .await?;
    Ok(value.as_array().cloned().unwrap_or_default())
}

/// Waits until the page has `count` `<article-widget>` elements and every
/// one shows an article or an error, and returns their [`widget_states`].
///
/// # Errors
///
/// On timeout, with the states last seen.
pub async fn wait_for_widgets(
    driver: &WebDriver,
    count: usize,
    timeout: Duration,
) -> Result<Vec<Value>> {
    let seen = std::sync::Mutex::new(Vec::new());
    let result = wait_until(&format!("{count} rendered widgets"), timeout, || {
        let seen = &seen;
        async move {
            let states = widget_states(driver).await?;
            let done = states.len() == count && states.iter().all(|s| s["rendered"] == true);
            if let Ok(mut seen) = seen.lock() {
                seen.clone_from(&states);
            }
            Ok(done.then_some(states))
        }
    })
    .await;
    result.map_err(|e| {
        let seen = seen.lock().map(|s| format!("{s:?}")).unwrap_or_default();
        e.context(format!("widget states last seen: {seen}"))
    })
}

/// Script (without its tags) for a page holding a prerendered widget, run
/// before the loader (module scripts run after it): records the nodes of
/// the widget's declarative shadow root (`window.__kept`) and every node
/// later removed from it outside live regions (`window.__removed`). The QR
/// code's downloads are left out of both: buttons hold their room until the
/// loader puts the real ones (an SVG link) there.
pub const WATCH_PRERENDERED: &str = r"{
  const root = document.querySelector('article-widget').shadowRoot;
  const held = ':not(.aw-qr-downloads, .aw-qr-downloads *)';
  window.__removed = [];
  window.__kept = root
    ? [...root.querySelectorAll(`.aw-header *, .aw-body *, .aw-footer *${held}`)]
    : [];
  if (root) new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.closest && r.target.closest('[aria-live]')) continue;
      for (const n of r.removedNodes) {
        if (n.matches && n.matches('.aw-qr-downloads')) continue;
        window.__removed.push(`${n.nodeName} from ${r.target.nodeName}.${r.target.className || ''}`);
      }
    }
  }).observe(root, { childList: true, subtree: true, characterData: true });
}
";
