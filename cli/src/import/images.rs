//! Image sizes for figures and logos: the widget reserves each photo's box
//! before it loads, so a figure needs its width and height. They come from
//! the HTML attributes when given, else from the image file's header: read
//! from disk when the page is a local file and the image sits beside it, or
//! fetched (only the first bytes) when the image is reachable over HTTP.

use std::path::Path;

use crate::source;

/// How many bytes of an image are fetched to read its header.
const HEADER_BYTES: u64 = 64 * 1024;

/// Most image headers fetched for one import (a page with hundreds of images
/// must not take minutes).
pub const MAX_FETCHES: usize = 64;

/// Largest side the article format accepts.
const MAX_SIDE: u32 = 10_000;

/// Where an image's bytes may be read from.
#[derive(Clone, Copy, Debug)]
pub struct Lookup<'a> {
    /// The folder of the page when it is a local file.
    pub local_dir: Option<&'a Path>,
    /// Whether images may be fetched over HTTP.
    pub fetch: bool,
}

/// Counts fetches against [`MAX_FETCHES`].
#[derive(Debug, Default)]
pub struct Budget {
    fetched: usize,
}

/// The size of the image written as `raw` (as in the HTML) and resolved to
/// `url`, from its header; `None` when it cannot be read.
pub fn probe(raw: &str, url: &str, lookup: Lookup<'_>, budget: &mut Budget) -> Option<(u32, u32)> {
    if let Some(dir) = lookup.local_dir {
        if let Some(path) = local_path(dir, raw) {
            if let Ok(size) = imagesize::size(&path) {
                return fit(size.width, size.height);
            }
        }
    }
    if lookup.fetch && budget.fetched < MAX_FETCHES && url.starts_with("http") {
        budget.fetched += 1;
        let head = source::fetch_head(url, HEADER_BYTES).ok()?;
        let size = imagesize::blob_size(&head).ok()?;
        return fit(size.width, size.height);
    }
    None
}

/// A relative reference as a path from the page's folder `dir`.
fn local_path(dir: &Path, raw: &str) -> Option<std::path::PathBuf> {
    let path = raw.split(['?', '#']).next()?;
    if path.is_empty() || path.contains(':') || path.starts_with('/') {
        return None;
    }
    let mut out = dir.to_path_buf();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    Some(out)
}

/// A size within the format's limits, scaled down when a side is too big.
pub fn fit(width: usize, height: usize) -> Option<(u32, u32)> {
    if width == 0 || height == 0 {
        return None;
    }
    let max = width.max(height);
    let (w, h) = if max > MAX_SIDE as usize {
        let scale = |v: usize| ((v as u64 * u64::from(MAX_SIDE)) / max as u64).max(1);
        (scale(width), scale(height))
    } else {
        (width as u64, height as u64)
    };
    Some((u32::try_from(w).ok()?, u32::try_from(h).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_fit_the_format() {
        assert_eq!(fit(800, 533), Some((800, 533)));
        assert_eq!(fit(20_000, 10_000), Some((10_000, 5_000)));
        assert_eq!(fit(0, 5), None);
    }

    #[test]
    fn local_paths_stay_relative() {
        let dir = Path::new("/site/news");
        assert_eq!(
            local_path(dir, "../images/a.png?v=2"),
            Some("/site/images/a.png".into())
        );
        assert_eq!(local_path(dir, "https://example.org/a.png"), None);
        assert_eq!(local_path(dir, "/abs.png"), None);
    }
}
