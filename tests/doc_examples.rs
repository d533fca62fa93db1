//! The examples in `docs/` that a partner or publisher copies are real: every
//! fenced `json` block parses as JSON, and every one that declares the
//! article format (`"format": "article-widget/1"`) is accepted by the
//! widget's own validation without a warning. Every article inside an `html`
//! block (`<script type="application/json">` inline data) is checked the
//! same way. (The end-to-end test `tests/e2e/tests/docs.rs` loads each
//! `html` snippet with an `<article-widget>` in a browser.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::fs;
use std::path::{Path, PathBuf};

use article_widget::validate::parse_article;

/// One fenced code block of a Markdown file.
struct Block {
    file: PathBuf,
    /// 1-based line of the opening fence.
    line: usize,
    /// The info string (`json`, `html`, …), empty for a bare fence.
    lang: String,
    text: String,
}

/// Every fenced code block of every Markdown file in `docs/`.
fn doc_blocks() -> Vec<Block> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("docs/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut blocks = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a doc is UTF-8");
        let mut open: Option<Block> = None;
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                match open.take() {
                    Some(block) => blocks.push(block),
                    None => {
                        open = Some(Block {
                            file: file.clone(),
                            line: i + 1,
                            lang: info.trim().to_owned(),
                            text: String::new(),
                        });
                    }
                }
            } else if let Some(block) = open.as_mut() {
                block.text.push_str(line);
                block.text.push('\n');
            }
        }
        assert!(open.is_none(), "{}: unclosed code fence", file.display());
    }
    blocks
}

impl Block {
    fn at(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }
}

/// Where the examples are taken to be served from: relative URLs in them
/// (the demo article's photos, for one) resolve against it, as they would
/// against the URL a widget fetched the article from.
const BASE: &str = "https://news.example/articles/example.json";

/// Checks that `json` is an article the widget shows without a warning.
fn assert_valid_article(json: &str, at: &str) {
    match parse_article(json.as_bytes(), Some(BASE)) {
        Ok(parsed) => assert!(
            parsed.warnings.is_empty(),
            "{at}: the example article has warnings: {:?}",
            parsed.warnings
        ),
        Err(e) => panic!("{at}: the example article is refused: {e:?}"),
    }
}

#[test]
fn every_json_example_parses_and_every_article_example_validates() {
    let blocks = doc_blocks();
    let json: Vec<&Block> = blocks.iter().filter(|b| b.lang == "json").collect();
    assert!(
        !json.is_empty(),
        "no json example found in docs/ (the extraction is broken)"
    );
    let mut articles = 0;
    for block in json {
        let value: serde_json::Value = serde_json::from_str(&block.text).unwrap_or_else(|e| {
            panic!(
                "{}: not JSON ({e}); mark an illustration as `text`",
                block.at()
            )
        });
        if value.get("format").is_some() {
            assert_valid_article(&block.text, &block.at());
            articles += 1;
        }
    }
    assert!(articles > 0, "no article example found in docs/");
}

#[test]
fn inline_article_data_in_html_examples_validates() {
    const OPEN: &str = "<script type=\"application/json\">";
    let mut found = 0;
    for block in doc_blocks().iter().filter(|b| b.lang == "html") {
        let mut rest = block.text.as_str();
        while let Some(start) = rest.find(OPEN) {
            let after = &rest[start + OPEN.len()..];
            let end = after
                .find("</script>")
                .unwrap_or_else(|| panic!("{}: unclosed inline data", block.at()));
            assert_valid_article(&after[..end], &block.at());
            found += 1;
            rest = &after[end..];
        }
    }
    assert!(found > 0, "no inline-data example found in docs/");
}
