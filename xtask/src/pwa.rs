//! Post-build step for the offline reader: writes the service worker's precache
//! list, feed and build version into `dist/sw.js`.
//!
//! Trunk copies `pwa/sw.js` into `dist/` unchanged and gives the JS, wasm and CSS
//! content-hashed names, so the worker cannot know them in advance. This step
//! lists the app shell as Trunk produced it (`index.html` as `./`, the hashed
//! files, the manifest, the icons, the embed's files the reader shows
//! articles with, and the feed its brand names — the `aw-reader-brand` JSON
//! of `index.html`, see `src/brand.rs`), hashes their contents into a build
//! version, and replaces the worker's one marked line
//! (`/* @aw-precache */ const BUILD = ..., FEED = ..., PRECACHE = [...];`,
//! written by [`article_widget::brand::precache_line`], as
//! `article-widget site --reader` does for a publication's reader).
//!
//! A new build therefore always changes `sw.js` byte-wise, which is what makes
//! browsers install the new worker; the version names the shell cache
//! (`aw-shell-<version>`), so old and new shells never mix. Paths are relative
//! to the worker's scope, so the site can be served from any sub-path.

use std::path::Path;

use article_widget::brand::{
    precache_line, replace_precache_line, without_precache_line, Brand, BuildHash, ELEMENT_ID,
    PRECACHE_MARKER,
};

/// Writes the precache list, feed and build version into `dist/sw.js`.
///
/// # Errors
///
/// When `dist/sw.js` or `dist/index.html` is missing, `index.html` has no
/// usable brand, the marker line is not in the worker, or a file cannot be
/// read or written.
pub fn write(dist: &Path) -> Result<(), String> {
    let sw_path = dist.join("sw.js");
    let sw = std::fs::read_to_string(&sw_path).map_err(|e| {
        format!(
            "{}: {e} (index.html must copy pwa/sw.js into dist)",
            sw_path.display()
        )
    })?;
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let feed = brand_of(&html)
        .map_err(|e| format!("{}: {e}", index.display()))?
        .feed;
    let files = shell_files(dist, &feed)?;
    let mut hash = BuildHash::default();
    hash.write(without_precache_line(&sw).as_bytes());
    for file in &files {
        let bytes = std::fs::read(dist.join(file))
            .map_err(|e| format!("{}: {e}", dist.join(file).display()))?;
        hash.write(file.as_bytes());
        hash.write(&bytes);
    }
    let version = hash.finish();
    let line = precache_line(&version, Some(&feed), &files);
    let rewritten = replace_precache_line(&sw, &line)
        .ok_or_else(|| format!("sw.js has no line starting with {PRECACHE_MARKER}"))?;
    std::fs::write(&sw_path, rewritten).map_err(|e| format!("{}: {e}", sw_path.display()))?;
    println!(
        "xtask: pwa: dist/sw.js precaches {} files, feed {feed}, build {version}",
        files.len() + 1
    );
    Ok(())
}

/// The reader brand in `html` (the reader's `index.html`): the JSON inside
/// the element whose id is [`ELEMENT_ID`].
fn brand_of(html: &str) -> Result<Brand, String> {
    let id = format!("id=\"{ELEMENT_ID}\"");
    let start = html
        .find(&id)
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1))
        .ok_or_else(|| format!("no element with {id} (the reader's brand)"))?;
    let end = html[start..]
        .find("</script>")
        .ok_or_else(|| format!("the element with {id} is not closed"))?;
    let brand: Brand = serde_json::from_str(&html[start..start + end])
        .map_err(|e| format!("the reader's brand: {e}"))?;
    brand
        .check()
        .map_err(|e| format!("the reader's brand: {e}"))?;
    Ok(brand)
}

/// The shell's files relative to `dist`, sorted, with `/` separators:
/// `index.html`, the top-level `.js`/`.wasm`/`.css` files, the manifest,
/// everything under `icons/`, the embed's files and the `feed` when it is a
/// file of the build. (`sw.js` itself is never cached.)
fn shell_files(dist: &Path, feed: &str) -> Result<Vec<String>, String> {
    let read = |dir: &Path| {
        std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            })
    };
    if !dist.join("index.html").is_file() {
        return Err(format!("{} has no index.html", dist.display()));
    }
    let mut files: Vec<String> = read(dist)?
        .into_iter()
        .filter(|name| {
            name == "index.html"
                || name == "manifest.webmanifest"
                || [".js", ".wasm", ".css"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
        })
        .filter(|name| name != "sw.js")
        .collect();
    if dist.join("icons").is_dir() {
        files.extend(
            read(&dist.join("icons"))?
                .into_iter()
                .map(|name| format!("icons/{name}")),
        );
    }
    // The embed's files the reader shows articles with (its
    // `<article-widget>`, both engines), so articles read offline.
    files.extend(
        crate::embed::READER_FILES
            .iter()
            .map(|f| format!("embed/{}/{f}", crate::embed::EMBED_VERSION))
            .filter(|f| dist.join(f).is_file()),
    );
    if !feed.contains("..") && !feed.contains(':') && dist.join(feed).is_file() {
        files.push(feed.to_owned());
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_shell_and_versions_by_content() -> Result<(), String> {
        const FEED: &str = "demo/articles/index.json";
        let dir = std::env::temp_dir().join(format!("aw-pwa-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mk = |p: &str, body: &str| {
            let path = dir.join(p);
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(path, body);
        };
        mk(
            "index.html",
            r##"<html><script type="application/json" id="aw-reader-brand">{"name":"N","short_name":"N",
            "feed":"demo/articles/index.json","theme_color":"#123456","background_color":"#ffffff",
            "languages":["vi"]}</script>"##,
        );
        mk("app-1.js", "js");
        mk("app-1_bg.wasm", "wasm");
        mk("icons/icon-192.png", "png");
        mk("embed/v1/embed.js", "js");
        mk("embed/v1/partner.html", "<html>");
        mk(FEED, "{}");
        mk("demo/articles/a.json", "{}");
        mk(
            "sw.js",
            "x\n/* @aw-precache */ const BUILD = 'dev', PRECACHE = [];\n",
        );
        let files = shell_files(&dir, FEED)?;
        assert_eq!(
            files,
            [
                "app-1.js",
                "app-1_bg.wasm",
                FEED,
                "embed/v1/embed.js",
                "icons/icon-192.png",
                "index.html"
            ]
        );
        write(&dir)?;
        let first = std::fs::read_to_string(dir.join("sw.js")).map_err(|e| e.to_string())?;
        assert!(
            first.contains("FEED = 'demo/articles/index.json'"),
            "{first}"
        );
        write(&dir)?;
        let again = std::fs::read_to_string(dir.join("sw.js")).map_err(|e| e.to_string())?;
        assert_eq!(first, again, "the version depends on content only");
        assert!(brand_of("<html></html>").is_err());
        mk("app-1.js", "js changed");
        write(&dir)?;
        let changed = std::fs::read_to_string(dir.join("sw.js")).map_err(|e| e.to_string())?;
        assert_ne!(first, changed);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
