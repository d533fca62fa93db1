//! Content types by file extension.
//!
//! Browsers are strict about a few of these: module scripts must be served as
//! JavaScript, `WebAssembly.instantiateStreaming` needs `application/wasm`, and a
//! web app manifest should be `application/manifest+json`.

use std::path::Path;

/// The content type used for files whose extension is not known.
pub const FALLBACK: &str = "application/octet-stream";

/// Returns the `Content-Type` for a file, chosen by its extension (case-insensitive).
///
/// Unknown or missing extensions give [`FALLBACK`].
pub fn content_type(path: &Path) -> &'static str {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return FALLBACK;
    };
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => FALLBACK,
    }
}

/// Whether a response of this content type is worth compressing.
///
/// Images other than SVG and fonts in WOFF formats are already compressed.
#[cfg_attr(not(any(feature = "gzip", feature = "brotli")), allow(dead_code))]
pub(crate) fn is_compressible(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || matches!(
            essence.as_str(),
            "application/wasm"
                | "application/json"
                | "application/manifest+json"
                | "application/xml"
                | "image/svg+xml"
                | "image/x-icon"
        )
}

#[cfg(test)]
mod tests {
    use super::{content_type, is_compressible, FALLBACK};
    use std::path::Path;

    #[test]
    fn known_extensions_get_their_types() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("app-1a2b.js", "text/javascript"),
            ("sw.mjs", "text/javascript"),
            ("app_bg.wasm", "application/wasm"),
            ("style.css", "text/css; charset=utf-8"),
            ("article.json", "application/json"),
            ("icon.svg", "image/svg+xml"),
            ("icon-192.png", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("manifest.webmanifest", "application/manifest+json"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("UPPER.WASM", "application/wasm"),
        ];
        for (name, expected) in cases {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn unknown_extensions_fall_back() {
        assert_eq!(content_type(Path::new("archive.xyz")), FALLBACK);
        assert_eq!(content_type(Path::new("LICENSE")), FALLBACK);
    }

    #[test]
    fn compressible_types() {
        assert!(is_compressible("application/wasm"));
        assert!(is_compressible("text/html; charset=utf-8"));
        assert!(is_compressible("image/svg+xml"));
        assert!(!is_compressible("image/png"));
        assert!(!is_compressible(FALLBACK));
    }
}
