//! The running server: the tower stack, a tokio runtime on its own thread with the
//! accept loop serving each connection with hyper, the request log, and stopping.
//!
//! The accept loop is ours (hyper leaves it to the caller), which is what lets a
//! reply reset its connection and lets stopping close every open connection, idle
//! or waiting for a delayed reply, so a browser sees the site go offline.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;
use std::{fmt, io};

use http::{HeaderName, HeaderValue, Method, Request, Response};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tower::util::BoxCloneService;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::cors::{Any, CorsLayer};

use crate::builder::Config;
use crate::faults::{Faults, Hangup, Log, Remote};
use crate::{Body, BoxError};

/// Runtime threads per server. Handlers and file reads are quick, but compressing
/// a large file at brotli 11 holds a thread for a while.
const WORKERS: usize = 4;

/// How long stopping waits for file reads in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// A running server. Dropping it stops the server, like [`stop`](Self::stop).
pub struct ServerHandle {
    /// The address the server listens on (always `127.0.0.1`).
    pub addr: SocketAddr,
    log: Log,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl ServerHandle {
    /// The base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every request so far as `(method, decoded path without query)`, in arrival
    /// order. CORS preflights are answered before the log and are not in it.
    pub fn requests(&self) -> Vec<(String, String)> {
        self.log.lock().clone()
    }

    /// How many requests (any method) asked for exactly this decoded path.
    pub fn request_count(&self, path: &str) -> usize {
        self.log
            .lock()
            .iter()
            .filter(|(_, logged)| logged == path)
            .count()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.log.lock().clear();
    }

    /// Stops accepting, closes every open connection (cutting handler delays short)
    /// and joins the server's thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The whole stack, from hyper's request to the response.
type App = BoxCloneService<Request<Incoming>, Response<Body>, BoxError>;

/// Builds the stack for `config`: CORS (if on), then the site-wide headers (added
/// where a response has none of that name), then the faults layer, then the static
/// files (compressed, if on).
fn app(config: Config, defaults: Vec<(HeaderName, HeaderValue)>, log: Log) -> App {
    let files = config.tree.service();
    #[cfg(any(feature = "brotli", feature = "gzip"))]
    let files = if config.compress {
        crate::compress::layer(files)
    } else {
        files
    };
    let cors = config.cors.then(|| {
        CorsLayer::new()
            .allow_origin(Any)
            .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
            .allow_headers(Any)
            .max_age(Duration::from_secs(600))
    });
    let defaults = Arc::new(defaults);
    let stack = ServiceBuilder::new()
        .option_layer(cors)
        .map_response(move |mut response: Response<Body>| {
            for (name, value) in defaults.iter() {
                if !response.headers().contains_key(name) {
                    response.headers_mut().insert(name, value.clone());
                }
            }
            response
        })
        .service(Faults::new(files, config.handler, log));
    BoxCloneService::new(stack)
}

/// Starts serving `config` on a bound listener.
pub(crate) fn start(
    listener: TcpListener,
    config: Config,
    defaults: Vec<(HeaderName, HeaderValue)>,
) -> io::Result<ServerHandle> {
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let log = Log::default();
    let app = app(config, defaults, log.clone());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .thread_name("devserver")
        .enable_io()
        .enable_time()
        .build()?;
    let (stop, stopped) = oneshot::channel();
    let thread = thread::Builder::new()
        .name("devserver".to_owned())
        .spawn(move || {
            runtime.block_on(accept_loop(listener, app, stopped));
            runtime.shutdown_timeout(SHUTDOWN_GRACE);
        })?;
    Ok(ServerHandle {
        addr,
        log,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Accepts connections until told to stop (or the handle is gone), then closes the
/// listener and every connection.
async fn accept_loop(listener: TcpListener, app: App, mut stopped: oneshot::Receiver<()>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => accepted,
        };
        while connections.try_join_next().is_some() {}
        match accepted {
            Ok((stream, remote)) => {
                connections.spawn(serve_connection(stream, remote, app.clone()));
            }
            // Out of file descriptors or similar: back off instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    drop(listener);
    connections.shutdown().await;
}

/// Serves one connection's requests (HTTP/1.1, kept alive) until either side
/// closes it; resets it when a reply asks for that.
async fn serve_connection(stream: tokio::net::TcpStream, remote: SocketAddr, app: App) {
    // Responses go out whole; waiting for more data only adds latency.
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(Remote(remote));
        let app = app.clone();
        async move { app.oneshot(request).await.map_err(Failure) }
    });
    let mut connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    let Err(error) = (&mut connection).await else {
        return;
    };
    if hangup(&error) == Some(Hangup::Reset) {
        // A zero linger time makes closing the socket send a reset.
        let stream = connection.into_parts().io.into_inner();
        let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    }
}

/// A request the stack failed (or a [`Hangup`]), as hyper gets it: a concrete
/// error type rather than a boxed one keeps the connection future `Send`.
#[derive(Debug)]
struct Failure(BoxError);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.0.as_ref())
    }
}

/// The [`Hangup`] a reply asked for, found in the error hyper reports.
fn hangup(error: &hyper::Error) -> Option<Hangup> {
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(hangup) = cause.downcast_ref::<Hangup>() {
            return Some(*hangup);
        }
        source = cause.source();
    }
    None
}
