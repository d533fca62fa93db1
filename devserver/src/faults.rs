//! The fault-injection layer: logs each request, asks the [`Handler`] what to do
//! with it and carries out the [`Reply`]: a delay, an answer of its own, the static
//! files with extra headers, a truncated or throttled body, or a connection closed
//! or reset without a response.
//!
//! Closing and resetting are errors of the service: hyper then closes the connection
//! without writing anything, and the accept loop, seeing a [`Hangup::Reset`] in the
//! error, closes the socket with a reset instead of a normal close.

use std::convert::Infallible;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use std::{error, fmt};

use bytes::Bytes;
use http::header::{CONNECTION, CONTENT_LENGTH, TRANSFER_ENCODING};
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body::Frame;
use http_body_util::{BodyExt, Empty, LengthLimitError, Limited, StreamBody};
use tower::{Service, ServiceExt};

use crate::reply::{Action, Handler, Reply, RequestInfo};
use crate::{boxed, full, text, Body, BoxError};

/// The largest request body accepted.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// How long a truncated body waits after its last bytes before the connection
/// closes, so that hyper flushes them first.
const TRUNCATION_GRACE: Duration = Duration::from_millis(50);

/// Every request so far as `(method, percent-decoded path without query)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Log(Arc<Mutex<Vec<(String, String)>>>);

impl Log {
    /// The entries, carrying on after a panic elsewhere: every critical section is
    /// a single push, clone or clear.
    pub fn lock(&self) -> MutexGuard<'_, Vec<(String, String)>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The client's address, put in each request's extensions by the accept loop.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Remote(pub SocketAddr);

/// How a reply ends its connection instead of answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hangup {
    /// A normal close (FIN).
    Close,
    /// A reset (RST).
    Reset,
}

impl fmt::Display for Hangup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hangup::Close => f.write_str("the handler closed the connection"),
            Hangup::Reset => f.write_str("the handler reset the connection"),
        }
    }
}

impl error::Error for Hangup {}

/// The layer around the static files.
#[derive(Clone)]
pub(crate) struct Faults<S> {
    files: S,
    handler: Option<Handler>,
    log: Log,
}

impl<S> Faults<S> {
    /// Consults `handler` (if any) before `files`, logging every request to `log`.
    pub fn new(files: S, handler: Option<Handler>, log: Log) -> Self {
        Self {
            files,
            handler,
            log,
        }
    }
}

impl<S, B> Service<Request<B>> for Faults<S>
where
    S: Service<Request<Empty<Bytes>>, Response = Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        Box::pin(self.clone().answer(request))
    }
}

impl<S> Faults<S>
where
    S: Service<Request<Empty<Bytes>>, Response = Response<Body>, Error = Infallible> + Send,
    S::Future: Send,
{
    async fn answer<B>(self, request: Request<B>) -> Result<Response<Body>, BoxError>
    where
        B: http_body::Body<Data = Bytes>,
        B::Error: Into<BoxError>,
    {
        let (parts, body) = request.into_parts();
        let path = percent_encoding::percent_decode_str(parts.uri.path())
            .decode_utf8_lossy()
            .into_owned();
        self.log
            .lock()
            .push((parts.method.to_string(), path.clone()));
        let body = match Limited::new(body, MAX_BODY).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.is::<LengthLimitError>() => {
                return Ok(text(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "413 devserver: the request body is over 16 MiB\n",
                ));
            }
            Err(error) => return Err(error),
        };
        let info = RequestInfo {
            method: parts.method.to_string(),
            path,
            query: parts.uri.query().map(str::to_owned),
            headers: parts
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.as_str().to_owned(), value)
                })
                .collect(),
            body: body.to_vec(),
            remote_addr: parts
                .extensions
                .get::<Remote>()
                .map_or(SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)), |r| r.0),
        };
        let reply = self.handler.as_ref().and_then(|handler| {
            catch_unwind(AssertUnwindSafe(|| handler(&info)))
                .unwrap_or_else(|_| Some(Reply::text(500, "500 devserver: the handler panicked\n")))
        });
        let reply = reply.unwrap_or_else(Reply::passthrough);
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        let response = match reply.action {
            Action::Drop => return Err(Hangup::Close.into()),
            Action::Reset => return Err(Hangup::Reset.into()),
            Action::Respond => {
                let Ok(status) = StatusCode::from_u16(reply.status) else {
                    let message = format!(
                        "500 devserver: the handler's reply has an invalid status {}\n",
                        reply.status
                    );
                    return Ok(text(StatusCode::INTERNAL_SERVER_ERROR, message));
                };
                let mut response = Response::new(full(reply.body.clone()));
                *response.status_mut() = status;
                response
            }
            Action::Passthrough => {
                let request = Request::from_parts(parts, Empty::new());
                let Ok(response) = self.files.oneshot(request).await;
                response
            }
        };
        shape(response, &reply).await
    }
}

/// Applies a reply's headers, truncation and throttling to a response.
async fn shape(mut response: Response<Body>, reply: &Reply) -> Result<Response<Body>, BoxError> {
    let mut headers = Vec::new();
    for (name, value) in &reply.headers {
        let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) else {
            let message = format!(
                "500 devserver: the handler's reply has an invalid header {name:?}: {value:?}\n"
            );
            return Ok(text(StatusCode::INTERNAL_SERVER_ERROR, message));
        };
        if ![CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION].contains(&name) {
            headers.push((name, value));
        }
    }
    for (name, _) in &headers {
        response.headers_mut().remove(name);
    }
    for (name, value) in headers {
        response.headers_mut().append(name, value);
    }
    if reply.truncate_at.is_none() && reply.throttle.is_none() {
        return Ok(response);
    }

    let (mut parts, body) = response.into_parts();
    let bytes = body.collect().await?.to_bytes();
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let sent = bytes.slice(..reply.truncate_at.unwrap_or(usize::MAX).min(bytes.len()));
    let truncated = sent.len() < bytes.len();
    if reply.truncate_at.is_some() && !truncated {
        // The whole body fits: still close the connection after it, as promised.
        parts
            .headers
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    let (chunk, every) = reply
        .throttle
        .unwrap_or((sent.len().max(1), Duration::ZERO));
    let chunks: Vec<Bytes> = (0..sent.len())
        .step_by(chunk)
        .map(|start| sent.slice(start..(start + chunk).min(sent.len())))
        .collect();
    let frames = futures_util::stream::unfold(chunks.into_iter(), move |mut rest| async move {
        let Some(piece) = rest.next() else {
            if truncated {
                // Ending the body short of its length makes hyper close the
                // connection; wait for the bytes sent so far to leave first.
                tokio::time::sleep(TRUNCATION_GRACE).await;
            }
            return None;
        };
        if !every.is_zero() {
            tokio::time::sleep(every).await;
        }
        Some((Ok::<_, Infallible>(Frame::data(piece)), rest))
    });
    Ok(Response::from_parts(parts, boxed(StreamBody::new(frames))))
}
