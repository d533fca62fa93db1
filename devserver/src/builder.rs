//! Configuring a server before it starts.

use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use http::{HeaderName, HeaderValue};

use crate::files::Tree;
use crate::reply::{Handler, Reply, RequestInfo};
use crate::server::{self, ServerHandle};

/// Entry point: `Server::builder()`.
#[derive(Debug, Clone, Copy)]
pub struct Server;

impl Server {
    /// A builder with no root, an ephemeral port and every option off.
    pub fn builder() -> ServerBuilder {
        ServerBuilder::default()
    }
}

/// Everything a running server needs to answer requests.
pub(crate) struct Config {
    pub tree: Tree,
    pub cors: bool,
    pub headers: Vec<(String, String)>,
    pub cache_control: String,
    pub handler: Option<Handler>,
    #[cfg_attr(not(any(feature = "brotli", feature = "gzip")), allow(dead_code))]
    pub compress: bool,
}

/// Options for a [`Server`]; finish with [`start`](Self::start).
#[must_use = "a builder does nothing until `start` is called"]
pub struct ServerBuilder {
    config: Config,
    port: u16,
}

impl Default for ServerBuilder {
    fn default() -> Self {
        Self {
            config: Config {
                tree: Tree::default(),
                cors: false,
                headers: Vec::new(),
                cache_control: "no-cache".to_owned(),
                handler: None,
                compress: false,
            },
            port: 0,
        }
    }
}

impl std::fmt::Debug for ServerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerBuilder")
            .field("root", &self.config.tree.root)
            .field("mounts", &self.config.tree.mounts)
            .field("port", &self.port)
            .field("cors", &self.config.cors)
            .field("spa_fallback", &self.config.tree.spa_fallback)
            .field("headers", &self.config.headers)
            .field("handler", &self.config.handler.is_some())
            .finish_non_exhaustive()
    }
}

impl ServerBuilder {
    /// The directory served at `/`. Without one, only mounts and the handler answer.
    pub fn root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.config.tree.root = Some(dir.into());
        self
    }

    /// Serves `dir` under a URL prefix such as `/fixtures/`; the longest matching
    /// prefix wins over other mounts and over the root.
    pub fn mount(mut self, prefix: &str, dir: impl Into<PathBuf>) -> Self {
        self.config.tree.mount(prefix, dir.into());
        self
    }

    /// The port on `127.0.0.1`; `0` (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Adds `Access-Control-Allow-Origin: *` to every response and answers CORS
    /// preflight (`OPTIONS`) requests itself (tower-http's CORS layer), without
    /// logging them or consulting the handler.
    pub fn cors(mut self, on: bool) -> Self {
        self.config.cors = on;
        self
    }

    /// Serves the root's `index.html` for `GET`/`HEAD` paths that have no file
    /// extension and match no file, so deep links into the reader work.
    pub fn spa_fallback(mut self, on: bool) -> Self {
        self.config.tree.spa_fallback = on;
        self
    }

    /// Adds a header to every response, e.g. a site-wide `Content-Security-Policy`.
    /// A handler's [`Reply::header`] of the same name wins.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.config.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the default `Cache-Control: no-cache`, e.g. with
    /// `public, max-age=31536000, immutable` to measure repeat visits.
    pub fn cache_control(mut self, value: impl Into<String>) -> Self {
        self.config.cache_control = value.into();
        self
    }

    /// A hook consulted before static files for every request; returning `None`
    /// serves the request normally. Replaces any earlier handler.
    pub fn handler<F>(self, handler: F) -> Self
    where
        F: Fn(&RequestInfo) -> Option<Reply> + Send + Sync + 'static,
    {
        self.shared_handler(Arc::new(handler))
    }

    /// Like [`handler`](Self::handler), for a hook that is already shared.
    pub fn shared_handler(mut self, handler: Handler) -> Self {
        self.config.handler = Some(handler);
        self
    }

    /// Compresses static files other than images and fonts (HTML, JS, CSS, JSON, SVG,
    /// wasm, ...) with brotli or gzip as the client's `Accept-Encoding` allows, at the
    /// strongest setting, keeping each result for the next request.
    #[cfg(any(feature = "brotli", feature = "gzip"))]
    pub fn compress(mut self, on: bool) -> Self {
        self.config.compress = on;
        self
    }

    /// Binds the port and starts serving in background threads.
    ///
    /// # Errors
    ///
    /// When the root or a mount is not a directory, a site-wide header or the
    /// `Cache-Control` value is not valid in HTTP, or the port cannot be bound.
    pub fn start(self) -> io::Result<ServerHandle> {
        let tree = &self.config.tree;
        let dirs = tree
            .root
            .iter()
            .chain(tree.mounts.iter().map(|(_, dir)| dir));
        for dir in dirs {
            if !dir.is_dir() {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("devserver: {} is not a directory", dir.display()),
                ));
            }
        }
        let defaults = self
            .config
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .chain([("Cache-Control", self.config.cache_control.as_str())])
            .map(
                |(name, value)| match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
                    (Ok(name), Ok(value)) => Ok((name, value)),
                    _ => Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("devserver: {name}: {value:?} is not a valid HTTP header"),
                    )),
                },
            )
            .collect::<io::Result<Vec<_>>>()?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))?;
        server::start(listener, self.config, defaults)
    }
}
