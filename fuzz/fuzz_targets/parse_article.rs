//! Fuzz target: any bytes through the whole input path the widget runs on a
//! response body — size, BOM and UTF-8 checks, nesting pre-scan, JSON with
//! duplicate-key detection, validation, URL resolution — must never panic,
//! and every accepted article must hold the format's invariants.
//!
//! Run with `cargo xtask fuzz --seconds 60` (or `cargo +nightly fuzz run
//! parse_article` inside `fuzz/`); see docs/security.md.
#![no_main]

use article_widget::validate::{article_urls, parse_article};
use libfuzzer_sys::fuzz_target;

/// The base a fetched document would have.
const BASE: &str = "https://tin.example.vn/articles/a.json";

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = parse_article(data, Some(BASE)) else {
        return;
    };
    for url in article_urls(&parsed.article) {
        // Schemes are case-insensitive: `HTTPS://x` is as safe as `https://x`.
        let lower = url.to_ascii_lowercase();
        assert!(
            lower.starts_with("http://") || lower.starts_with("https://"),
            "accepted a non-http(s) URL: {url:?}"
        );
    }
    // What the widget accepted, written back out, reads back the same.
    let json = serde_json::to_vec(&parsed.article).expect("an article serialises");
    let again = parse_article(&json, None).expect("a written article reads back");
    assert_eq!(again.article, parsed.article);
});
