//! Native tests of the article format: round-trip, validation paths, limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use article_widget::model::{Block, FORMAT_V1};
use article_widget::validate::{parse_article, ParseError, Severity};
use serde_json::{json, Value};

const DEMO: &str = include_str!("../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
const BASE: &str = "http://127.0.0.1:8080/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";
const SEED: &str = include_str!("fixtures/seed.txt");

fn demo_value() -> Value {
    serde_json::from_str(DEMO).expect("demo JSON parses")
}

fn problems_of(v: &Value) -> Vec<String> {
    match parse_article(v.to_string().as_bytes(), Some(BASE)) {
        Err(ParseError::Invalid(ps)) => ps.iter().map(ToString::to_string).collect(),
        Ok(p) => p.warnings.iter().map(ToString::to_string).collect(),
        Err(other) => vec![other.to_string()],
    }
}

#[test]
fn demo_article_is_valid_without_warnings() {
    let parsed = parse_article(DEMO.as_bytes(), Some(BASE)).expect("demo is valid");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let a = &parsed.article;
    assert_eq!(a.format, FORMAT_V1);
    assert_eq!(a.lang, "vi");
    assert!(a
        .title
        .starts_with("Quận ủy Lê Chân: Tổng kết 10 năm thực hiện"));
    assert_eq!(a.authors[0].name, "Hoàng Tùng");
    assert_eq!(a.publisher.name, "Cổng tin tức Thành phố Hải Phòng");
    assert_eq!(a.publisher.social[0].network, "facebook");
    let figures: Vec<_> = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 3);
    // Relative image paths resolve against the JSON's own URL.
    assert!(
        figures[0]
            .src
            .starts_with("http://127.0.0.1:8080/demo/images/"),
        "{}",
        figures[0].src
    );
    assert!(a.related.len() >= 3);
    assert!(a.related.iter().all(|r| r
        .json
        .as_deref()
        .is_some_and(|j| j.starts_with("http://127.0.0.1:8080/demo/articles/"))));
}

/// The demo is the seed page transcribed word for word: every text line of the
/// seed between the date line and the author appears, in order, in the article.
#[test]
fn demo_article_matches_the_seed_text() {
    let parsed = parse_article(DEMO.as_bytes(), Some(BASE)).expect("demo is valid");
    let a = &parsed.article;
    let mut texts: Vec<String> = vec![a.lead.clone().unwrap_or_default()];
    for b in &a.body {
        match b {
            Block::Paragraph { text } => texts.push(text.to_plain()),
            Block::Figure(f) => texts.push(f.caption.clone().unwrap_or_default()),
            _ => {}
        }
    }
    let seed_lines: Vec<&str> = SEED
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip_while(|l| !l.starts_with("Sáng 25/11"))
        .take_while(|l| *l != "Hoàng Tùng")
        .collect();
    assert_eq!(seed_lines.len(), texts.len());
    for (seed, ours) in seed_lines.iter().zip(&texts) {
        assert_eq!(*seed, ours);
    }
    assert!(SEED.contains(&format!("QR CODE: {}", a.title)));
}

#[test]
fn round_trip_through_json() {
    let parsed = parse_article(DEMO.as_bytes(), Some(BASE)).expect("demo is valid");
    let text = serde_json::to_string_pretty(&parsed.article).expect("serialises");
    // Everything is absolute after resolution, so no base is needed the second time.
    let again = parse_article(text.as_bytes(), None).expect("round-trip parses");
    assert_eq!(again.article, parsed.article);
    let typed: article_widget::model::Article =
        serde_json::from_str(&text).expect("serde reads it");
    assert_eq!(typed, parsed.article);
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let mut v = demo_value();
    v["title"] = json!(null);
    v["published"] = json!("2022-11-25T15:15:00");
    v["url"] = json!("javascript:alert(1)");
    v["body"][1]["src"] = json!("javascript:alert(1)");
    v["body"][2]["width"] = json!(-5);
    v["related"][0]["url"] = json!("//evil.example/");
    v["publisher"]["social"][0]["url"] = json!(42);
    let problems = problems_of(&v);
    let expect = [
        "url: not an http(s) URL",
        "title: required field is missing",
        "published: date-time has no UTC offset",
        "body[1].src: not an http(s) URL",
        "body[2].width: must be a whole number from 1 to 10000",
        "publisher.social[0].url: expected a string, found a number",
        "related[0].url: protocol-relative URL (//host) not allowed",
    ];
    for e in expect {
        assert!(
            problems.iter().any(|p| p.starts_with(e)),
            "missing {e:?} in {problems:#?}"
        );
    }
}

#[test]
fn optional_parts_degrade_with_warnings() {
    let mut v = demo_value();
    v["body"][1]["src"] = json!("data:image/svg+xml,<svg onload=alert(1)>");
    v["tags"] = json!("not an array");
    v["body"]
        .as_array_mut()
        .expect("array")
        .push(json!({"type": "podcast", "src": "x"}));
    let parsed = parse_article(v.to_string().as_bytes(), Some(BASE)).expect("still renders");
    let w: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter()
            .any(|p| p.starts_with("body[1].src: not an http(s) URL")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|p| p.starts_with("tags: expected an array")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|p| p.starts_with("body[7].type: unknown block type \"podcast\"")),
        "{w:?}"
    );
    assert!(parsed
        .warnings
        .iter()
        .all(|p| p.severity == Severity::Warning));
    let figures = parsed
        .article
        .body
        .iter()
        .filter(|b| matches!(b, Block::Figure(_)))
        .count();
    assert_eq!(figures, 2, "the bad figure is dropped, the others stay");
}

#[test]
fn wrong_document_shapes_have_clear_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "the article document is empty"),
        (b"   \n", "the article document is empty"),
        (b"[1,2]", "expected an object, found an array"),
        (b"{\"title\": ", "not valid JSON (line 1, column 10"),
        (b"\xEF\xBB\xBF{}", "format: required field is missing"),
        (b"{\"a\": \"\xC3\x28\"}", "not valid UTF-8 (at byte 7)"),
        (
            b"{\"format\": \"article-widget/2\"}",
            "format: unsupported format",
        ),
    ];
    for (input, expected) in cases {
        let text = match parse_article(input, None) {
            Err(ParseError::Invalid(ps)) => ps
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            Err(e) => e.to_string(),
            Ok(_) => "accepted".to_owned(),
        };
        assert!(text.contains(expected), "{input:?}: {text}");
    }
}

#[test]
fn limits_are_enforced() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert_eq!(
        parse_article(deep.as_bytes(), None),
        Err(ParseError::TooDeep)
    );
    let huge = vec![b' '; 5 * 1024 * 1024];
    assert!(matches!(
        parse_article(&huge, None),
        Err(ParseError::TooLarge { .. })
    ));
    let mut v = demo_value();
    v["title"] = json!("x".repeat(501));
    assert!(problems_of(&v)
        .iter()
        .any(|p| p.starts_with("title: text is longer than 500 characters")));
    let mut v = demo_value();
    v["tags"] = json!(vec!["t"; 51]);
    assert!(problems_of(&v)
        .iter()
        .any(|p| p.starts_with("tags: has 51 items, more than the limit of 50")));
}
