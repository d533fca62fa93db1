//! Static files: mapping a request path onto the root or a mount, directory
//! indexes, the single-page-app fallback and the plain 404.

use std::fs;
use std::path::{Path, PathBuf};

use crate::http::Response;
use crate::mime;
use crate::target::{safe_segments, Target};

/// The directories a server serves from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    /// Served at `/`, if set.
    pub root: Option<PathBuf>,
    /// `(prefix segments, directory)`, longest prefix first.
    pub mounts: Vec<(Vec<String>, PathBuf)>,
    /// Serve `root/index.html` for missing extension-less paths outside the mounts.
    pub spa_fallback: bool,
}

impl Tree {
    /// Adds a mount at `prefix` (e.g. `/fixtures/`), keeping longer prefixes first.
    pub fn mount(&mut self, prefix: &str, dir: PathBuf) {
        let segments = prefix
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>();
        self.mounts.push((segments, dir));
        self.mounts
            .sort_by_key(|(segments, _)| std::cmp::Reverse(segments.len()));
    }

    /// Answers a request from the files, without site-wide headers.
    pub fn serve(&self, method: &str, target: &Target) -> Response {
        if method != "GET" && method != "HEAD" {
            let mut response = Response::text(405, "405 Method Not Allowed\n");
            response.set_header("Allow", "GET, HEAD");
            return response;
        }
        let Some(segments) = safe_segments(&target.path) else {
            return Response::text(403, "403 Forbidden: the path leaves the served directory\n");
        };
        let mounted = self.mounts.iter().find_map(|(prefix, dir)| {
            let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();
            segments
                .starts_with(&prefix)
                .then(|| (dir, &segments[prefix.len()..]))
        });
        let (base, rest, is_mount) = match (mounted, &self.root) {
            (Some((dir, rest)), _) => (dir, rest, true),
            (None, Some(root)) => (root, &segments[..], false),
            (None, None) => return not_found(),
        };
        let candidate = rest
            .iter()
            .fold(base.clone(), |path, segment| path.join(segment));
        match lookup(base, &candidate) {
            Some(Kind::File(path)) => file_response(&path),
            Some(Kind::Dir(dir)) if target.raw_path.ends_with('/') => {
                match lookup(base, &dir.join("index.html")) {
                    Some(Kind::File(index)) => file_response(&index),
                    _ => not_found(),
                }
            }
            Some(Kind::Dir(_)) => {
                // Relative links inside an index page only work below a slash.
                let mut location = format!("{}/", target.raw_path);
                if let Some(query) = &target.query {
                    location.push('?');
                    location.push_str(query);
                }
                let mut response = Response::text(301, "301 Moved Permanently\n");
                response.set_header("Location", &location);
                response
            }
            None => {
                let looks_like_route = !segments.last().is_some_and(|last| last.contains('.'));
                match &self.root {
                    Some(root) if self.spa_fallback && !is_mount && looks_like_route => {
                        match lookup(root, &root.join("index.html")) {
                            Some(Kind::File(index)) => file_response(&index),
                            _ => not_found(),
                        }
                    }
                    _ => not_found(),
                }
            }
        }
    }
}

enum Kind {
    File(PathBuf),
    Dir(PathBuf),
}

/// Resolves `candidate` and checks it is still inside `base` after symlinks.
fn lookup(base: &Path, candidate: &Path) -> Option<Kind> {
    let base = fs::canonicalize(base).ok()?;
    let resolved = fs::canonicalize(candidate).ok()?;
    if !resolved.starts_with(&base) {
        return None;
    }
    let metadata = fs::metadata(&resolved).ok()?;
    if metadata.is_file() {
        Some(Kind::File(resolved))
    } else if metadata.is_dir() {
        Some(Kind::Dir(resolved))
    } else {
        None
    }
}

fn file_response(path: &Path) -> Response {
    match fs::read(path) {
        Ok(body) => {
            let mut response = Response {
                status: 200,
                headers: Vec::new(),
                body,
            };
            response.set_header("Content-Type", mime::content_type(path));
            response
        }
        Err(_) => not_found(),
    }
}

fn not_found() -> Response {
    Response::text(404, "404 Not Found\n")
}
