//! A static-file server for loopback, used by `cargo xtask serve`, the end-to-end
//! tests and the bench.
//!
//! It is [hyper] with a stack of tower services: tower-http's `ServeDir` for the
//! root and each mount (content types, `Last-Modified` and conditional requests,
//! ranges, precompressed `.br`/`.gz` siblings), an optional single-page-app
//! fallback, tower-http's CORS and (features `brotli`, `gzip`) compression layers,
//! `Cache-Control` and site-wide headers, and a fault-injection layer of its own: a
//! [`Handler`] hook that answers a request with a [`Reply`] (a status, a delay, a
//! truncated or slow body, a dropped or reset connection). Every request is logged
//! so tests can count fetches.
//!
//! ```no_run
//! use devserver::{Reply, Server};
//!
//! # fn main() -> std::io::Result<()> {
//! let server = Server::builder()
//!     .root("dist")
//!     .mount("/fixtures/", "tests/fixtures")
//!     .spa_fallback(true)
//!     .handler(|request| {
//!         (request.path == "/fixtures/busy.json")
//!             .then(|| Reply::text(503, "busy").header("Retry-After", "1"))
//!     })
//!     .start()?;
//! println!("{}", server.url());
//! assert_eq!(server.request_count("/app_bg.wasm"), 0);
//! server.stop();
//! # Ok(())
//! # }
//! ```
//!
//! The server runs on its own tokio runtime in a background thread, so it works the
//! same from synchronous code and from inside another runtime. Stopping it (or
//! dropping its [`ServerHandle`]) closes the listener and every open connection, so a
//! browser sees the site go offline.

mod builder;
#[cfg(any(feature = "brotli", feature = "gzip"))]
mod compress;
mod faults;
mod files;
mod reply;
mod server;

pub use builder::{Server, ServerBuilder};
pub use reply::{Handler, Reply, RequestInfo};
pub use server::ServerHandle;

/// Any error a service or body of the stack can fail with.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The response body every layer of the stack produces.
pub(crate) type Body = http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, BoxError>;

/// Boxes any body with `Bytes` chunks into a [`Body`].
pub(crate) fn boxed<B>(body: B) -> Body
where
    B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    use http_body_util::BodyExt;
    body.map_err(Into::into).boxed_unsync()
}

/// A complete response body from bytes.
pub(crate) fn full(bytes: impl Into<bytes::Bytes>) -> Body {
    boxed(http_body_util::Full::new(bytes.into()))
}

/// A `text/plain` response, for the server's own messages (404, 500, ...).
pub(crate) fn text(
    status: http::StatusCode,
    message: impl Into<bytes::Bytes>,
) -> http::Response<Body> {
    let mut response = http::Response::new(full(message));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
