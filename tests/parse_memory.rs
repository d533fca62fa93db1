//! Peak heap use of `parse_article` on a 1 MiB article, counted by a global
//! allocator. The widget's wasm memory target is at most 4 MB for a 1 MB
//! article, input included; this native count is the parser's share of it.
//!
//! The file holds a single test on purpose: the counter is process-wide, and
//! another test running on a second thread would be counted too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use article_widget::validate::{limits, parse_article};
use peak_alloc::PeakAlloc;
use serde_json::Value;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const DEMO: &str = include_str!("../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
const BASE: &str = "http://127.0.0.1:8080/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// Size of the generated document.
const TARGET_BYTES: usize = 1024 * 1024;

/// Most heap the parse may add on top of its input, in bytes.
///
/// Measured on the 1 MiB document below (`x86_64`, this allocator's count):
/// - a `serde_json::Value` tree, then every string cloned into the article:
///   3,132,439 bytes;
/// - the same tree, its strings moved into the article: 2,066,561 bytes;
/// - the body walked block by block as it is parsed, so only one block's
///   tree exists at a time: 1,211,485 bytes (about 1 MB of it is the text
///   the article keeps).
///
/// Any extra full copy of the text (about 1 MB) breaks this bound.
const MAX_PEAK_BYTES: usize = 1_500_000;

/// The demo article with its body repeated until the document is 1 MiB.
fn big_article() -> (Vec<u8>, usize) {
    let mut doc: Value = serde_json::from_str(DEMO).expect("demo JSON parses");
    let blocks = doc["body"].as_array().expect("demo has a body").clone();
    let rest = serde_json::to_vec(&doc).expect("serialises").len()
        - serde_json::to_vec(&doc["body"]).expect("serialises").len();
    let body = doc["body"].as_array_mut().expect("demo has a body");
    body.clear();
    let mut size = rest + 2;
    'fill: loop {
        for block in &blocks {
            let len = serde_json::to_vec(block).expect("serialises").len() + 1;
            if size + len > TARGET_BYTES {
                break 'fill;
            }
            size += len;
            body.push(block.clone());
        }
    }
    let count = body.len();
    assert!(count <= limits::MAX_BLOCKS, "{count} blocks");
    let bytes = serde_json::to_vec(&doc).expect("serialises");
    assert!(
        (TARGET_BYTES - 8 * 1024..=TARGET_BYTES).contains(&bytes.len()),
        "{} bytes",
        bytes.len()
    );
    (bytes, count)
}

#[test]
fn a_one_mib_article_parses_within_the_memory_bound() {
    let (bytes, blocks) = big_article();

    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let parsed = parse_article(&bytes, Some(BASE));
    let peak = HEAP.peak_usage() - before;

    let parsed = parsed.expect("the big article is valid");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.article.body.len(), blocks);
    println!(
        "parse_article on {} bytes ({blocks} blocks): peak heap {peak} bytes above the input",
        bytes.len()
    );
    assert!(
        peak <= MAX_PEAK_BYTES,
        "parsing {} bytes took {peak} bytes of heap at peak, more than {MAX_PEAK_BYTES}",
        bytes.len()
    );
}
