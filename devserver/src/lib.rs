//! A static-file server for loopback, used by `cargo xtask serve` and by the
//! end-to-end tests.
//!
//! It serves a root directory and extra mounts on `127.0.0.1` with correct content
//! types, `Cache-Control: no-cache`, optional CORS and site-wide headers, an optional
//! single-page-app fallback, and a [`Handler`] hook that tests use to inject faults.
//! Every request is logged so tests can count fetches.
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
//! Each connection is served on its own thread, so a delayed response does not hold
//! up the others. Stopping the server (or dropping its [`ServerHandle`]) closes the
//! listener and every open connection, so a browser sees the site go offline.

mod builder;
#[cfg(any(feature = "brotli", feature = "gzip"))]
mod compress;
mod files;
mod http;
pub mod mime;
mod reply;
mod server;
mod target;

pub use builder::{Server, ServerBuilder};
pub use reply::{Handler, Reply, RequestInfo};
pub use server::ServerHandle;
