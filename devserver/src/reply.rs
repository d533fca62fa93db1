//! What a [`handler`](crate::ServerBuilder::handler) hook sees and what it can answer.
//!
//! The hook is how tests inject faults: a status code with headers such as
//! `Retry-After`, a custom body, a wrong content type, a delay, a truncated or slow
//! body, or a connection closed (or reset) without any response. The `faults`
//! layer carries them out.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The hook consulted before static files; `None` means "serve normally".
pub type Handler = Arc<dyn Fn(&RequestInfo) -> Option<Reply> + Send + Sync>;

/// A request as the [`Handler`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    /// The method as sent, e.g. `GET`.
    pub method: String,
    /// The percent-decoded path without the query, e.g. `/articles/a b.json`.
    pub path: String,
    /// The query string without the `?`, still percent-encoded.
    pub query: Option<String>,
    /// The request headers in the order sent, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The request body (empty for `GET`).
    pub body: Vec<u8>,
    /// The client's address.
    pub remote_addr: SocketAddr,
}

impl RequestInfo {
    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// What to do with a connection instead of (or on top of) normal static serving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    /// Send this reply's status, headers and body.
    Respond,
    /// Serve the request as if there were no hook, adding this reply's headers.
    Passthrough,
    /// Close the connection without writing anything.
    Drop,
    /// Reset the connection (TCP RST) without writing anything.
    Reset,
}

/// A response chosen by a [`Handler`].
///
/// ```
/// use devserver::Reply;
/// use std::time::Duration;
///
/// let busy = Reply::text(503, "try later").header("Retry-After", "2");
/// let slow_wasm = Reply::passthrough().delay(Duration::from_millis(500));
/// let broken = Reply::drop_connection();
/// let trickle = Reply::passthrough().throttle(1024, Duration::from_millis(100));
/// # let _ = (busy, slow_wasm, broken, trickle);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub(crate) action: Action,
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) delay: Duration,
    pub(crate) truncate_at: Option<usize>,
    pub(crate) throttle: Option<(usize, Duration)>,
}

impl Reply {
    fn with_action(action: Action, status: u16) -> Self {
        Self {
            action,
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            truncate_at: None,
            throttle: None,
        }
    }

    /// A response with this status and an empty body.
    pub fn new(status: u16) -> Self {
        Self::with_action(Action::Respond, status)
    }

    /// A `text/plain; charset=utf-8` response.
    pub fn text(status: u16, body: impl Into<String>) -> Self {
        Self::new(status)
            .content_type("text/plain; charset=utf-8")
            .body(body.into())
    }

    /// An `application/json` response; the body is sent as given, not re-encoded.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Self::new(status)
            .content_type("application/json")
            .body(body.into())
    }

    /// Serve the request normally (static file, SPA fallback or 404), still applying
    /// this reply's [`delay`](Self::delay), [`header`](Self::header)s,
    /// [`truncate_body`](Self::truncate_body) and [`throttle`](Self::throttle).
    pub fn passthrough() -> Self {
        Self::with_action(Action::Passthrough, 200)
    }

    /// Close the connection without sending a response, after any
    /// [`delay`](Self::delay). A browser reports a network error.
    pub fn drop_connection() -> Self {
        Self::with_action(Action::Drop, 0)
    }

    /// Reset the connection (a TCP RST) without sending a response, after any
    /// [`delay`](Self::delay). A browser reports the connection as reset.
    pub fn reset_connection() -> Self {
        Self::with_action(Action::Reset, 0)
    }

    /// Adds a response header; it replaces a header of the same name that the server
    /// would add (`Cache-Control`, `Content-Type`, the site-wide headers), except the
    /// CORS headers of [`cors`](crate::ServerBuilder::cors).
    ///
    /// `Content-Length`, `Transfer-Encoding` and `Connection` are ignored: the server
    /// frames every response itself (see [`truncate_body`](Self::truncate_body)). A
    /// name or value that is not valid in HTTP makes the reply a 500 saying so.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets `Content-Type`, e.g. a deliberately wrong one.
    #[must_use]
    pub fn content_type(self, value: impl Into<String>) -> Self {
        self.header("Content-Type", value)
    }

    /// Sets the body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Waits this long before answering. Stopping the server cuts the wait short.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Announces the full `Content-Length` but sends only the first `bytes` bytes of
    /// the body, then closes the connection.
    #[must_use]
    pub fn truncate_body(mut self, bytes: usize) -> Self {
        self.truncate_at = Some(bytes);
        self
    }

    /// Sends the body `chunk` bytes at a time, waiting `every` before each chunk: a
    /// slow network for one response. A `chunk` of 0 counts as 1.
    #[must_use]
    pub fn throttle(mut self, chunk: usize, every: Duration) -> Self {
        self.throttle = Some((chunk.max(1), every));
        self
    }
}
