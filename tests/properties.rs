//! Property tests of the input path (bytes → JSON → checked article → URLs):
//! it never panics, every accepted article's URLs are `http(s)`, and an
//! accepted article written back out reads back the same. 256 cases per
//! property, so `cargo xtask test` stays quick; `PROPTEST_CASES` raises it.
//!
//! Also here, ignored by default: the time-bounded mutational fuzz loop that
//! `cargo xtask fuzz` runs when no nightly toolchain is available for
//! cargo-fuzz (`AW_FUZZ_SECONDS`, default 10).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use article_widget::url;
use article_widget::validate::{article_urls, parse_article, Parsed};
use proptest::prelude::*;
use serde_json::{json, Value};

const BASE: &str = "https://tin.example.vn/articles/a.json";

/// The invariants every accepted document must hold; panics otherwise.
fn check_invariants(parsed: &Parsed) {
    for u in article_urls(&parsed.article) {
        // Schemes are case-insensitive: `HTTPS://x` is as safe as `https://x`.
        let lower = u.to_ascii_lowercase();
        assert!(
            lower.starts_with("http://") || lower.starts_with("https://"),
            "accepted a non-http(s) URL {u:?}"
        );
        assert!(
            !u.chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '\\'),
            "accepted a URL with a hidden character {u:?}"
        );
    }
    let written = serde_json::to_vec(&parsed.article).unwrap();
    let again = parse_article(&written, None)
        .unwrap_or_else(|e| panic!("written article does not read back: {e:?}"));
    assert_eq!(
        again.article, parsed.article,
        "round trip changed the article"
    );
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
}

/// Parses, and checks the invariants when the document is accepted.
fn run(bytes: &[u8]) {
    if let Ok(parsed) = parse_article(bytes, Some(BASE)) {
        check_invariants(&parsed);
    }
}

fn valid_article() -> Value {
    json!({
        "format": "article-widget/1",
        "url": "https://tin.example.vn/a",
        "lang": "vi",
        "title": "Tiêu đề",
        "published": "2022-11-25T15:15:00+07:00",
        "body": [
            {"type": "paragraph", "text": "Nội dung."},
            {"type": "figure", "src": "anh.jpg", "width": 640, "height": 480, "alt": "Ảnh"},
            {"type": "heading", "level": 3, "text": "Mục"},
            {"type": "quote", "text": "Trích", "cite": "Ai đó"}
        ],
        "authors": [{"name": "Hoàng Tùng", "url": "/tac-gia/ht"}],
        "source": {"name": "Nguồn", "url": "https://nguon.example.vn/"},
        "publisher": {
            "name": "Cổng tin",
            "url": "https://tin.example.vn/",
            "logo": {"src": "logo.png", "width": 100, "height": 40},
            "social": [{"network": "Facebook", "name": "Fanpage", "url": "https://facebook.com/x"}]
        },
        "related": [{"title": "Tin khác", "url": "b.html", "json": "b.json",
                     "published": "2022-11-24T08:00:00Z",
                     "thumbnail": {"src": "b.jpg", "width": 120, "height": 80}}],
        "tags": ["tin tức"]
    })
}

/// Strings a hostile feed might put anywhere: URLs of every kind, markup,
/// dates, whitespace and control characters, and plain random text.
fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("javascript:alert(1)".to_owned()),
        Just("JAVASCRIPT:alert(1)".to_owned()),
        Just(" javascript:alert(1)".to_owned()),
        Just("java\nscript:alert(1)".to_owned()),
        Just("data:text/html,<script>alert(1)</script>".to_owned()),
        Just("vbscript:msgbox(1)".to_owned()),
        Just("//evil.example/x".to_owned()),
        Just("\\\\evil.example\\x".to_owned()),
        Just("https://good@evil.example/".to_owned()),
        Just("https://".to_owned()),
        Just("http://[::1]:80/x".to_owned()),
        Just("../../../../etc/passwd".to_owned()),
        Just("?q=1#frag".to_owned()),
        Just("mailto:a@b.example".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("\"'><img src=x onerror=alert(1)>".to_owned()),
        Just("2022-02-30T00:00:00+07:00".to_owned()),
        Just("2024-02-29T23:59:60Z".to_owned()),
        Just(String::new()),
        Just("\u{0}\u{202e}\u{feff}".to_owned()),
        "[a-z:/.?#@%\\\\ -]{0,40}",
        any::<String>(),
    ]
}

/// Any JSON value, nested at most 4 deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        hostile_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer to a value inside `v`.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                pointers(child, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        run(&bytes);
    }

    #[test]
    fn any_json_never_panics(v in any_json()) {
        run(v.to_string().as_bytes());
    }

    /// A valid article with one value anywhere in it replaced by anything.
    #[test]
    fn one_replaced_value_keeps_the_invariants(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let mut doc = valid_article();
        let mut all = Vec::new();
        pointers(&doc, "", &mut all);
        let target = pick.get(&all).clone();
        if let Some(slot) = doc.pointer_mut(&target) {
            *slot = replacement;
        }
        run(doc.to_string().as_bytes());
    }

    /// Every string in a valid article set to a hostile one.
    #[test]
    fn hostile_strings_everywhere_keep_the_invariants(
        s in hostile_string(),
        which in 0usize..64,
    ) {
        let mut doc = valid_article();
        let mut all = Vec::new();
        pointers(&doc, "", &mut all);
        let strings: Vec<String> = all
            .into_iter()
            .filter(|p| doc.pointer(p).is_some_and(Value::is_string))
            .collect();
        let target = &strings[which % strings.len()];
        if let Some(slot) = doc.pointer_mut(target) {
            *slot = Value::from(s);
        }
        run(doc.to_string().as_bytes());
    }

    /// A valid document cut anywhere never panics.
    #[test]
    fn truncation_never_panics(cut in 0usize..2000) {
        let text = valid_article().to_string();
        let bytes = text.as_bytes();
        run(&bytes[..cut.min(bytes.len())]);
    }

    #[test]
    fn resolved_urls_are_safe_and_stable(reference in hostile_string()) {
        if let Ok(resolved) = url::resolve(Some(BASE), &reference) {
            prop_assert!(
                resolved.to_ascii_lowercase().starts_with("https://")
                    || resolved.to_ascii_lowercase().starts_with("http://"),
                "{reference:?} resolved to {resolved:?}"
            );
            prop_assert_eq!(url::check_absolute(&resolved), Ok(resolved.clone()));
            prop_assert_eq!(url::resolve(None, &resolved), Ok(resolved.clone()));
        }
    }
}

#[test]
fn the_valid_article_is_valid() {
    let parsed = parse_article(valid_article().to_string().as_bytes(), Some(BASE)).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    check_invariants(&parsed);
}

// ---------------------------------------------------------------------------
// The mutational fuzz loop behind `cargo xtask fuzz` without nightly
// ---------------------------------------------------------------------------

/// xorshift64*: enough randomness for mutations, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Fragments that tend to reach new code: structure, escapes, numbers at
/// the edges, hostile URLs, a duplicated key.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "1e400",
    "-0",
    "18446744073709551616",
    "\u{feff}",
    "\"title\":\"x\",",
    "\"url\":\"javascript:x\",",
    "\"src\":\"//evil\",",
    "\"type\":\"figure\",",
    "\"level\":99,",
    "\"published\":\"2022-02-30T00:00:00Z\",",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(7) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            2 => input.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
            3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let len = rng.below(256).min(other.len() - from.min(other.len()));
                input.splice(at..at, other[from..from + len].iter().copied());
            }
            5 if !input.is_empty() => {
                // Repeat a chunk: deep nesting, long strings, many items.
                let from = rng.below(input.len());
                let len = rng.below(32).min(input.len() - from);
                let chunk = input[from..from + len].to_vec();
                for _ in 0..rng.below(64) {
                    input.splice(at..at, chunk.iter().copied());
                }
            }
            _ => input.truncate(at),
        }
    }
    input.truncate(256 * 1024);
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[test]
#[ignore = "time-bounded fuzzing: run by `cargo xtask fuzz`"]
fn mutational_fuzz_loop() {
    let seconds = std::env::var("AW_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10u64);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "json").then(|| std::fs::read(path).ok())?
        })
        .filter(|s| s.len() <= 64 * 1024)
        .collect();
    seeds.push(valid_article().to_string().into_bytes());
    let seed = std::env::var("AW_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| u64::from(d.subsec_nanos()) ^ d.as_secs())
                | 1
        });
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let crash_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
    let (mut runs, mut accepted) = (0u64, 0u64);
    while Instant::now() < deadline {
        let mut input = seeds[rng.below(seeds.len())].clone();
        mutate(&mut rng, &seeds, &mut input);
        let outcome = std::panic::catch_unwind(|| {
            let ok = parse_article(&input, Some(BASE)).ok();
            if let Some(parsed) = &ok {
                check_invariants(parsed);
            }
            ok.is_some()
        });
        runs += 1;
        match outcome {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(_) => {
                std::fs::create_dir_all(&crash_dir).unwrap();
                let path = crash_dir.join(format!("crash-{seed}-{runs}.json"));
                std::fs::write(&path, &input).unwrap();
                panic!(
                    "input #{runs} (seed {seed}) broke an invariant; saved to {}",
                    path.display()
                );
            }
        }
    }
    println!("fuzz: {runs} inputs in {seconds} s (seed {seed}), {accepted} accepted, no panic");
    assert!(runs > 0);
}
