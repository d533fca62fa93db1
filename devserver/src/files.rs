//! Static files: the root and each mount as a tower-http [`ServeDir`], the
//! single-page-app fallback and a plain-text 404.
//!
//! `ServeDir` picks content types by extension, answers `If-Modified-Since` and
//! `Range`, serves a precompressed `.br` or `.gz` sibling when the client accepts it,
//! redirects a directory to its slash form and serves its `index.html`. It refuses
//! paths that would leave its directory (`..` segments, percent-encoded or not, and
//! drive prefixes), which then get the 404 of a missing file.

use std::cmp::Reverse;
use std::convert::Infallible;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{CONTENT_TYPE, LOCATION};
use http::{HeaderValue, Request, Response, StatusCode, Uri};
use http_body_util::Empty;
use tower::util::BoxCloneService;
use tower::{Service, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};

use crate::{boxed, text, Body};

/// The static files as one service.
pub(crate) type Files = BoxCloneService<Request<Empty<Bytes>>, Response<Body>, Infallible>;

/// The directories a server serves from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    /// Served at `/`, if set.
    pub root: Option<PathBuf>,
    /// `(prefix, directory)`, prefixes such as `/fixtures` (no trailing slash),
    /// longest first.
    pub mounts: Vec<(String, PathBuf)>,
    /// Serve `root/index.html` for missing extension-less paths outside the mounts.
    pub spa_fallback: bool,
}

impl Tree {
    /// Adds a mount at `prefix` (e.g. `/fixtures/`), keeping longer prefixes first.
    pub fn mount(&mut self, prefix: &str, dir: PathBuf) {
        self.mounts
            .push((format!("/{}", prefix.trim_matches('/')), dir));
        self.mounts.sort_by_key(|(prefix, _)| Reverse(prefix.len()));
    }

    /// The service answering requests from these directories.
    pub fn service(&self) -> Files {
        let index = self
            .root
            .as_ref()
            .filter(|_| self.spa_fallback)
            .map(|root| Arc::new(root.join("index.html")));
        let root = self.root.as_deref().map(|root| directory(root, index));
        let mounts: Arc<[(String, Directory)]> = self
            .mounts
            .iter()
            .map(|(prefix, dir)| (prefix.clone(), directory(dir, None)))
            .collect();
        BoxCloneService::new(tower::service_fn(move |request| {
            let (root, mounts) = (root.clone(), Arc::clone(&mounts));
            async move { Ok(with_charset(route(root, &mounts, request).await)) }
        }))
    }
}

/// One served directory.
type Directory = ServeDir<Missing>;

fn directory(dir: &Path, spa_index: Option<Arc<PathBuf>>) -> Directory {
    ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(Missing { spa_index })
}

/// Sends a request to the longest matching mount, with the mount's prefix taken off
/// the path, or else to the root.
async fn route(
    root: Option<Directory>,
    mounts: &[(String, Directory)],
    request: Request<Empty<Bytes>>,
) -> Response<Body> {
    let path = request.uri().path();
    let mounted = mounts.iter().find(|(prefix, _)| {
        path.strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
    });
    let Some((prefix, dir)) = mounted else {
        return match root {
            Some(dir) => {
                let Ok(response) = dir.oneshot(request).await;
                response.map(boxed)
            }
            None => not_found(),
        };
    };
    let (mut parts, body) = request.into_parts();
    let target = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
    let Ok(uri) = Uri::try_from(&target[prefix.len()..]) else {
        return not_found();
    };
    parts.uri = uri;
    let Ok(mut response) = dir.clone().oneshot(Request::from_parts(parts, body)).await;
    // A directory's redirect to its slash form names the path inside the mount.
    let inside = response
        .headers()
        .get(LOCATION)
        .and_then(|l| l.to_str().ok());
    if let Some(location) = inside.filter(|l| l.starts_with('/')) {
        if let Ok(location) = HeaderValue::try_from(format!("{prefix}{location}")) {
            response.headers_mut().insert(LOCATION, location);
        }
    }
    response.map(boxed)
}

/// `text/html`, `text/css` and `text/plain` files are served as UTF-8, which they all
/// are here (the content types `ServeDir` picks carry no charset).
fn with_charset(mut response: Response<Body>) -> Response<Body> {
    let content_type = response.headers().get(CONTENT_TYPE);
    let utf8 = match content_type.and_then(|value| value.to_str().ok()) {
        Some("text/html") => "text/html; charset=utf-8",
        Some("text/css") => "text/css; charset=utf-8",
        Some("text/plain") => "text/plain; charset=utf-8",
        _ => return response,
    };
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(utf8));
    response
}

fn not_found() -> Response<Body> {
    text(StatusCode::NOT_FOUND, "404 Not Found\n")
}

/// What a directory answers for a `GET` or `HEAD` it has no file for: the app's
/// `index.html` for paths that look like routes of a single-page app (no extension
/// in the last segment), when the fallback is on, and otherwise a plain 404.
#[derive(Debug, Clone)]
pub(crate) struct Missing {
    spa_index: Option<Arc<PathBuf>>,
}

impl<B: Send + 'static> Service<Request<B>> for Missing {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
        let index = self
            .spa_index
            .clone()
            .filter(|_| !last_segment.contains('.'));
        Box::pin(async move {
            let Some(index) = index else {
                return Ok(not_found());
            };
            let Ok(response) = ServeFile::new(index.as_path()).oneshot(request).await;
            Ok(if response.status() == StatusCode::NOT_FOUND {
                not_found()
            } else {
                response.map(boxed)
            })
        })
    }
}
