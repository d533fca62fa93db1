//! The running server: the accept loop, one thread per connection, answering each
//! request, the request log, and stopping.

use std::collections::HashMap;
use std::io::BufReader;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;
use std::{fmt, io};

use crate::builder::Config;
use crate::http::{self, ReadError, Response};
use crate::reply::{Action, Reply, RequestInfo};
use crate::target;

/// A running server. Dropping it stops the server, like [`stop`](Self::stop).
pub struct ServerHandle {
    /// The address the server listens on (always `127.0.0.1`).
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    accept_thread: Option<JoinHandle<()>>,
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
    /// order.
    pub fn requests(&self) -> Vec<(String, String)> {
        lock(&self.shared.log).clone()
    }

    /// How many requests (any method) asked for exactly this decoded path.
    pub fn request_count(&self, path: &str) -> usize {
        lock(&self.shared.log)
            .iter()
            .filter(|(_, logged)| logged == path)
            .count()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        lock(&self.shared.log).clear();
    }

    /// Stops accepting, closes every open connection (cutting handler delays short)
    /// and joins the server's threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let Some(accept_thread) = self.accept_thread.take() else {
            return;
        };
        *lock(&self.shared.stopping) = true;
        self.shared.stopped.notify_all();
        // The accept loop is blocked in accept(): a connection wakes it to see the flag.
        if TcpStream::connect_timeout(&self.addr, Duration::from_secs(2)).is_ok() {
            let _ = accept_thread.join();
        }
        let (open, threads) = {
            let mut connections = lock(&self.shared.connections);
            (
                connections
                    .open
                    .drain()
                    .map(|(_, stream)| stream)
                    .collect::<Vec<_>>(),
                std::mem::take(&mut connections.threads),
            )
        };
        for stream in open {
            let _ = stream.shutdown(Shutdown::Both);
        }
        for thread in threads {
            let _ = thread.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// State shared by the handle and the server's threads.
struct Shared {
    config: Config,
    log: Mutex<Vec<(String, String)>>,
    stopping: Mutex<bool>,
    stopped: Condvar,
    connections: Mutex<Connections>,
    #[cfg(any(feature = "brotli", feature = "gzip"))]
    compressed: crate::compress::Cache,
}

#[derive(Default)]
struct Connections {
    next_id: u64,
    /// A clone of each open connection's socket, to shut it down on stop.
    open: HashMap<u64, TcpStream>,
    threads: Vec<JoinHandle<()>>,
}

/// Whether a connection can carry another request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    KeepOpen,
    Close,
}

/// Locks a mutex, carrying on after a panic elsewhere: the data stays consistent
/// because every critical section here is a single push, clone or drain.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts the accept thread on a bound listener.
pub(crate) fn start(listener: TcpListener, config: Config) -> io::Result<ServerHandle> {
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        config,
        log: Mutex::new(Vec::new()),
        stopping: Mutex::new(false),
        stopped: Condvar::new(),
        connections: Mutex::new(Connections::default()),
        #[cfg(any(feature = "brotli", feature = "gzip"))]
        compressed: crate::compress::Cache::default(),
    });
    let accept_shared = Arc::clone(&shared);
    let accept_thread = thread::Builder::new()
        .name("devserver-accept".to_owned())
        .spawn(move || accept_loop(&listener, &accept_shared))?;
    Ok(ServerHandle {
        addr,
        shared,
        accept_thread: Some(accept_thread),
    })
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    loop {
        let accepted = listener.accept();
        if shared.is_stopping() {
            return;
        }
        let Ok((stream, remote)) = accepted else {
            // Out of file descriptors or similar: back off instead of spinning.
            thread::sleep(Duration::from_millis(20));
            continue;
        };
        let Ok(registered) = stream.try_clone() else {
            continue;
        };
        let mut connections = lock(&shared.connections);
        connections.threads.retain(|thread| !thread.is_finished());
        let id = connections.next_id;
        connections.next_id += 1;
        connections.open.insert(id, registered);
        let thread_shared = Arc::clone(shared);
        let spawned = thread::Builder::new()
            .name("devserver-conn".to_owned())
            .spawn(move || {
                serve_connection(stream, remote, &thread_shared);
                if let Some(stream) = lock(&thread_shared.connections).open.remove(&id) {
                    let _ = stream.shutdown(Shutdown::Both);
                }
            });
        match spawned {
            Ok(thread) => connections.threads.push(thread),
            Err(_) => {
                connections.open.remove(&id);
            }
        }
    }
}

fn serve_connection(stream: TcpStream, remote: SocketAddr, shared: &Shared) {
    // Responses go out in one write; waiting for more data only adds latency.
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let request = match http::read_request(&mut reader, &mut writer) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(status)) => {
                let mut response =
                    Response::text(status, &format!("{status} {}\n", http::reason(status)));
                shared.add_site_headers(&mut response);
                let _ = http::write_response(&mut writer, &response, false, false, None);
                return;
            }
        };
        if shared.is_stopping() || shared.answer(request, remote, &mut writer) == Flow::Close {
            return;
        }
    }
}

impl Shared {
    fn is_stopping(&self) -> bool {
        *lock(&self.stopping)
    }

    /// Sleeps for `delay` unless the server stops first; returns whether it stopped.
    fn sleep_unless_stopped(&self, delay: Duration) -> bool {
        let guard = lock(&self.stopping);
        let (guard, _) = self
            .stopped
            .wait_timeout_while(guard, delay, |stopping| !*stopping)
            .unwrap_or_else(PoisonError::into_inner);
        *guard
    }

    fn add_site_headers(&self, response: &mut Response) {
        for (name, value) in &self.config.headers {
            response.default_header(name, value);
        }
        response.default_header("Cache-Control", &self.config.cache_control);
        if self.config.cors {
            response.default_header("Access-Control-Allow-Origin", "*");
        }
    }

    fn answer(
        &self,
        request: http::RawRequest,
        remote: SocketAddr,
        writer: &mut TcpStream,
    ) -> Flow {
        let Ok(target) = target::parse(&request.target) else {
            let mut response = Response::text(400, "400 Bad Request\n");
            self.add_site_headers(&mut response);
            let _ = http::write_response(writer, &response, false, false, None);
            return Flow::Close;
        };
        lock(&self.log).push((request.method.clone(), target.path.clone()));
        let info = RequestInfo {
            method: request.method,
            path: target.path.clone(),
            query: target.query.clone(),
            headers: request.headers,
            body: request.body,
            remote_addr: remote,
        };
        let reply = self.config.handler.as_ref().and_then(|handler| {
            catch_unwind(AssertUnwindSafe(|| handler(&info)))
                .unwrap_or_else(|_| Some(Reply::text(500, "500 devserver: the handler panicked\n")))
        });
        let reply = reply.unwrap_or_else(Reply::passthrough);
        if reply.delay > Duration::ZERO && self.sleep_unless_stopped(reply.delay) {
            return Flow::Close;
        }
        let mut response = match reply.action {
            Action::Drop => return Flow::Close,
            Action::Respond => Response {
                status: reply.status,
                headers: reply.headers,
                body: reply.body,
            },
            Action::Passthrough => {
                let mut response = if info.method == "OPTIONS" && self.config.cors {
                    preflight()
                } else {
                    self.serve_static(&info, &target)
                };
                for (name, value) in &reply.headers {
                    response.set_header(name, value);
                }
                response
            }
        };
        self.add_site_headers(&mut response);
        let keep_alive = request.keep_alive && reply.truncate_at.is_none();
        let head_only = info.method == "HEAD";
        match http::write_response(writer, &response, head_only, keep_alive, reply.truncate_at) {
            Ok(()) if keep_alive => Flow::KeepOpen,
            _ => Flow::Close,
        }
    }

    #[cfg_attr(
        not(any(feature = "brotli", feature = "gzip")),
        allow(clippy::unused_self)
    )]
    fn serve_static(&self, info: &RequestInfo, target: &target::Target) -> Response {
        #[cfg_attr(not(any(feature = "brotli", feature = "gzip")), allow(unused_mut))]
        let mut response = self.config.tree.serve(&info.method, target);
        #[cfg(any(feature = "brotli", feature = "gzip"))]
        if self.config.compress {
            crate::compress::apply(
                &mut response,
                info.header("Accept-Encoding"),
                &self.compressed,
            );
        }
        response
    }
}

/// The answer to a CORS preflight when CORS is on.
fn preflight() -> Response {
    let mut response = Response::text(204, "");
    response.headers.clear();
    response.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    response.set_header("Access-Control-Allow-Headers", "*");
    response.set_header("Access-Control-Max-Age", "600");
    response
}
