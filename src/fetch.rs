//! The one network function: fetch an article's JSON and check it.
//!
//! Every outcome maps to a [`LoadError`] variant: network failure, timeout
//! (the request *and* the body read are bounded, so a slow trickle cannot
//! hang the widget), HTTP status with `Retry-After`, wrong content type, and
//! every parse/validation problem. A request is aborted through an
//! [`AbortController`] when its widget goes away.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use crate::load::{is_json_content_type, parse_retry_after, timeout_from_query, LoadError};
use crate::validate::{limits, parse_article, ParseError, Parsed};

/// Time allowed for one fetch, response and body included.
pub const TIMEOUT_SECONDS: u32 = 15;

/// A handle that aborts an in-flight fetch when dropped or on [`Abort::abort`].
#[derive(Debug)]
pub struct Abort(Option<AbortController>);

impl Abort {
    /// Creates a new controller (none if the browser lacks `AbortController`).
    pub fn new() -> Self {
        Self(AbortController::new().ok())
    }

    /// Aborts the request now.
    pub fn abort(&self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }
}

impl Default for Abort {
    fn default() -> Self {
        Self::new()
    }
}

/// Resolves `src` against the page URL, so relative references in the
/// article can be resolved against an absolute base.
pub fn absolute_url(src: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|base| web_sys::Url::new_with_base(src, &base).ok())
        .map_or_else(|| src.to_owned(), |u| u.href())
}

/// The fetch time limit for this page: [`TIMEOUT_SECONDS`], or the
/// `aw_timeout` query parameter of the page (1 to 60 seconds) so tests of
/// slow servers need not wait 15 seconds.
pub fn page_timeout_seconds() -> u32 {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| timeout_from_query(&search))
        .unwrap_or(TIMEOUT_SECONDS)
}

/// An article fetched and checked, with what is needed to keep a copy.
#[derive(Debug)]
pub struct Fetched {
    /// The checked article.
    pub parsed: Parsed,
    /// The document as text (BOM removed), for the last-good-copy cache.
    pub text: String,
    /// The final URL after redirects: the base of relative references.
    pub base: String,
}

/// Fetches and validates the article at `url`, giving up after
/// `timeout_seconds` (response and body together).
///
/// # Errors
///
/// A [`LoadError`] naming what went wrong.
pub async fn fetch_article(
    url: &str,
    abort: &Abort,
    timeout_seconds: u32,
) -> Result<Fetched, LoadError> {
    let url = absolute_url(url);
    let timed_out = Rc::new(Cell::new(false));
    let _timer = abort.0.clone().map(|controller| {
        let timed_out = Rc::clone(&timed_out);
        Timeout::new(timeout_seconds.saturating_mul(1000), move || {
            timed_out.set(true);
            controller.abort();
        })
    });
    let signal = abort.0.as_ref().map(AbortController::signal);
    let network = |e: gloo_net::Error| {
        if timed_out.get() {
            LoadError::Timeout {
                seconds: timeout_seconds,
            }
        } else {
            LoadError::Network(describe(&e))
        }
    };
    let response = Request::get(&url)
        .abort_signal(signal.as_ref())
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(network)?;
    let status = response.status();
    if !(200..300).contains(&status) {
        return Err(LoadError::Status {
            code: status,
            retry_after: response
                .headers()
                .get("retry-after")
                .as_deref()
                .and_then(parse_retry_after),
        });
    }
    let content_type = response.headers().get("content-type");
    if !is_json_content_type(content_type.as_deref()) {
        return Err(LoadError::ContentType(
            content_type.unwrap_or_default().chars().take(80).collect(),
        ));
    }
    // Refuse an announced oversize body before reading it into memory.
    if let Some(bytes) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > limits::MAX_BYTES)
    {
        abort.abort();
        return Err(LoadError::Parse(ParseError::TooLarge { bytes }));
    }
    let final_url = response.url();
    let base = if final_url.is_empty() { url } else { final_url };
    let bytes = response.binary().await.map_err(network)?;
    let parsed = parse_article(&bytes, Some(&base)).map_err(LoadError::Parse)?;
    // `parse_article` has checked the bytes are UTF-8: reuse the buffer as the
    // kept text instead of copying up to megabytes of it.
    let mut text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(Fetched { parsed, text, base })
}

/// A short description of a fetch failure. Browsers hide the cause of
/// network errors (CORS, DNS, reset) from scripts on purpose, so this says
/// what can be said.
fn describe(e: &gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => {
            if js.name == "AbortError" {
                "request aborted".to_owned()
            } else {
                js.message.chars().take(120).collect()
            }
        }
        other @ gloo_net::Error::GlooError(_) => other.to_string().chars().take(120).collect(),
    }
}
