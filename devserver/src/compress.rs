//! On-the-fly compression of static files (features `brotli` and `gzip`).
//!
//! tower-http's compression layer does the work: it picks brotli or gzip from the
//! client's `Accept-Encoding`, leaves images, fonts, ranges and precompressed files
//! alone, and sets `Vary`. Benchmarks measure transfer sizes as a CDN would serve
//! them, so it runs at its strongest setting (brotli quality 11 with a 4 MiB window,
//! gzip level 9), and each result is kept in memory: the same few files are fetched
//! again and again, and brotli 11 on a large wasm file takes a while.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, LAST_MODIFIED};
use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty};
use tower::util::BoxCloneService;
use tower::{Layer, Service, ServiceExt};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::files::Files;
use crate::{boxed, full, text, Body, BoxError};

/// Compresses what `files` serves, as the client allows.
pub(crate) fn layer(files: Files) -> Files {
    // WOFF fonts are compressed already; the default leaves out other images.
    let worth_it = DefaultPredicate::new().and(NotForContentType::const_new("font/"));
    // The file's own length, which compressing takes off the headers, identifies
    // its version together with `Last-Modified` (whole seconds only).
    let measured = files.map_response(|mut response: Response<Body>| {
        let length = response.headers().get(CONTENT_LENGTH).cloned();
        response.extensions_mut().insert(FileLength(length));
        response
    });
    let compressed = CompressionLayer::new()
        .quality(CompressionLevel::Best)
        .compress_when(worth_it)
        .layer(measured);
    BoxCloneService::new(Cached {
        inner: compressed,
        cache: Arc::default(),
    })
}

/// The `Content-Length` of a file before compression.
#[derive(Debug, Clone)]
struct FileLength(Option<HeaderValue>);

/// Identifies a compressed file: its path, the coding, its `Last-Modified` and its
/// uncompressed length.
type Key = (
    String,
    HeaderValue,
    Option<HeaderValue>,
    Option<HeaderValue>,
);

/// Keeps the body of every compressed `GET` answer.
#[derive(Clone)]
struct Cached<S> {
    inner: S,
    cache: Arc<Mutex<HashMap<Key, Bytes>>>,
}

impl<S, B> Service<Request<Empty<Bytes>>> for Cached<S>
where
    S: Service<Request<Empty<Bytes>>, Response = Response<B>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Empty<Bytes>>) -> Self::Future {
        // HEAD answers have no body to keep.
        let path = (request.method() == Method::GET).then(|| request.uri().path().to_owned());
        let (inner, cache) = (self.inner.clone(), Arc::clone(&self.cache));
        Box::pin(async move {
            let Ok(response) = inner.oneshot(request).await;
            let coding = response.headers().get(CONTENT_ENCODING).cloned();
            let (Some(path), Some(coding), StatusCode::OK) = (path, coding, response.status())
            else {
                return Ok(response.map(boxed));
            };
            let key = (
                path,
                coding,
                response.headers().get(LAST_MODIFIED).cloned(),
                response
                    .extensions()
                    .get::<FileLength>()
                    .and_then(|length| length.0.clone()),
            );
            let (parts, body) = response.into_parts();
            let kept = cache
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&key)
                .cloned();
            let bytes = match kept {
                Some(bytes) => bytes,
                // Compressing happens here, outside the lock.
                None => match body.collect().await {
                    Ok(collected) => {
                        let bytes = collected.to_bytes();
                        cache
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert(key, bytes.clone());
                        bytes
                    }
                    Err(error) => {
                        let error: BoxError = error.into();
                        let message = format!("500 devserver: cannot compress the file: {error}\n");
                        return Ok(text(StatusCode::INTERNAL_SERVER_ERROR, message));
                    }
                },
            };
            // A complete body: hyper announces its `Content-Length`.
            Ok(Response::from_parts(parts, full(bytes)))
        })
    }
}
