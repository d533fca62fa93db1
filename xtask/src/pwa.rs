//! Post-build step for the offline reader: writes the service worker's precache
//! list and build version into `dist/sw.js`.
//!
//! Trunk copies `pwa/sw.js` into `dist/` unchanged and gives the JS, wasm and CSS
//! content-hashed names, so the worker cannot know them in advance. This step
//! lists the app shell as Trunk produced it (`index.html` as `./`, the hashed
//! files, the manifest, the icons, the embed's files the reader shows
//! articles with, and the feed), hashes their contents into a
//! build version, and replaces the worker's one marked line
//! (`/* @aw-precache */ const BUILD = ..., PRECACHE = [...];`) with them.
//!
//! A new build therefore always changes `sw.js` byte-wise, which is what makes
//! browsers install the new worker; the version names the shell cache
//! (`aw-shell-<version>`), so old and new shells never mix. Paths are relative
//! to the worker's scope, so the site can be served from any sub-path.

use std::fmt::Write as _;
use std::path::Path;

/// The line in `sw.js` that this step rewrites starts with this marker.
pub const MARKER: &str = "/* @aw-precache */";

/// The feed the reader's home view lists, precached with the shell.
pub const FEED: &str = "demo/articles/index.json";

/// The embed's files the reader shows articles with (its `<article-widget>`),
/// precached with the shell so articles read offline.
const EMBED_FILES: [&str; 3] = [
    "embed/v1/article_widget_bg.wasm",
    "embed/v1/embed.js",
    "embed/v1/widget.css",
];

/// Writes the precache list and build version into `dist/sw.js`.
///
/// # Errors
///
/// When `dist/sw.js` or `dist/index.html` is missing, the marker line is not in
/// the worker, or a file cannot be read or written.
pub fn write(dist: &Path) -> Result<(), String> {
    let sw_path = dist.join("sw.js");
    let sw = std::fs::read_to_string(&sw_path).map_err(|e| {
        format!(
            "{}: {e} (index.html must copy pwa/sw.js into dist)",
            sw_path.display()
        )
    })?;
    let files = shell_files(dist)?;
    let mut hash = Fnv::new();
    hash.write(template_without_marker(&sw).as_bytes());
    for file in &files {
        let bytes = std::fs::read(dist.join(file))
            .map_err(|e| format!("{}: {e}", dist.join(file).display()))?;
        hash.write(file.as_bytes());
        hash.write(&bytes);
    }
    let version = format!("{:016x}", hash.finish());
    let rewritten = rewrite(&sw, &version, &files)?;
    std::fs::write(&sw_path, rewritten).map_err(|e| format!("{}: {e}", sw_path.display()))?;
    println!(
        "xtask: pwa: dist/sw.js precaches {} files, build {version}",
        files.len() + 1
    );
    Ok(())
}

/// The shell's files relative to `dist`, sorted, with `/` separators:
/// `index.html`, the top-level `.js`/`.wasm`/`.css` files, the manifest,
/// everything under `icons/`, the embed's files and the feed. (`sw.js`
/// itself is never cached.)
fn shell_files(dist: &Path) -> Result<Vec<String>, String> {
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
    files.extend(
        EMBED_FILES
            .iter()
            .filter(|f| dist.join(f).is_file())
            .map(|f| (*f).to_owned()),
    );
    if dist.join(FEED).is_file() {
        files.push(FEED.to_owned());
    }
    files.sort();
    Ok(files)
}

/// The worker source with the marked line replaced by the version and the list.
/// `index.html` is listed as `./`, the URL the reader is opened at.
fn rewrite(sw: &str, version: &str, files: &[String]) -> Result<String, String> {
    let mut list = String::from("'./'");
    for file in files.iter().filter(|f| *f != "index.html") {
        let _ = write!(list, ", '{}'", file.replace(['\'', '\\'], ""));
    }
    let line = format!("{MARKER} const BUILD = '{version}', PRECACHE = [{list}];");
    let mut found = false;
    let mut out = String::with_capacity(sw.len() + line.len());
    for l in sw.lines() {
        if l.starts_with(MARKER) {
            found = true;
            out.push_str(&line);
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    if found {
        Ok(out)
    } else {
        Err(format!("sw.js has no line starting with {MARKER}"))
    }
}

/// The worker source without the marked line, so the version does not depend
/// on an earlier rewrite of the same file.
fn template_without_marker(sw: &str) -> String {
    sw.lines()
        .filter(|l| !l.starts_with(MARKER))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 64-bit FNV-1a: tiny, dependency-free, and enough to tell builds apart.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_the_marked_line_only() {
        let sw = "a\n/* @aw-precache */ const BUILD = 'dev', PRECACHE = ['./'];\nb\n";
        let files = vec!["app-1.js".to_owned(), "index.html".to_owned()];
        let out = rewrite(sw, "abc", &files);
        assert_eq!(
            out.as_deref(),
            Ok("a\n/* @aw-precache */ const BUILD = 'abc', PRECACHE = ['./', 'app-1.js'];\nb\n")
        );
        assert!(rewrite("no marker", "abc", &files).is_err());
        assert_eq!(
            template_without_marker(sw),
            template_without_marker(out.as_deref().unwrap_or(""))
        );
    }

    #[test]
    fn lists_the_shell_and_versions_by_content() -> Result<(), String> {
        let dir = std::env::temp_dir().join(format!("aw-pwa-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mk = |p: &str, body: &str| {
            let path = dir.join(p);
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(path, body);
        };
        mk("index.html", "<html>");
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
        let files = shell_files(&dir)?;
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
        write(&dir)?;
        let again = std::fs::read_to_string(dir.join("sw.js")).map_err(|e| e.to_string())?;
        assert_eq!(first, again, "the version depends on content only");
        mk("app-1.js", "js changed");
        write(&dir)?;
        let changed = std::fs::read_to_string(dir.join("sw.js")).map_err(|e| e.to_string())?;
        assert_ne!(first, changed);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
