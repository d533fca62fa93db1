//! The bad-input corpus: every file under `tests/corpus/` goes through the
//! widget's input path, and its sidecar `.expect` file says what must come
//! out — the error kind (and for invalid documents every problem with its
//! severity and JSON path), or a render degraded by exactly the listed
//! warnings, or a clean article. Two inputs too big to commit (10 MB of
//! JSON, a 5 MB string) are made here. See `tests/corpus/README.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use article_widget::i18n::Lang;
use article_widget::load::LoadError;
use article_widget::validate::{
    article_urls, limits, parse_article, ParseError, Problem, Severity,
};

/// Where the corpus documents pretend to come from.
const BASE: &str = "https://tin.example.vn/articles/x.json";

/// One expected problem: severity, exact path, and a piece of the message.
#[derive(Debug)]
struct ExpectedProblem {
    severity: Severity,
    path: String,
    contains: String,
}

/// A parsed `.expect` file.
#[derive(Debug)]
struct Expect {
    /// `ok`, `degraded` or `error <kind> [key=value…] [~ text]`.
    outcome: String,
    problems: Vec<ExpectedProblem>,
}

fn parse_expect(text: &str) -> Expect {
    let mut outcome = None;
    let mut problems = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(rest) = line.strip_prefix("outcome:") {
            outcome = Some(rest.trim().to_owned());
        } else if let Some(rest) = line.strip_prefix("problem:") {
            let (head, contains) = rest.split_once('~').unwrap_or((rest, ""));
            let mut words = head.split_whitespace();
            let severity = match words.next() {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                other => panic!("bad severity {other:?} in {line:?}"),
            };
            problems.push(ExpectedProblem {
                severity,
                path: words.next().unwrap_or("").to_owned(),
                contains: contains.trim().to_owned(),
            });
        } else {
            panic!("unknown line in .expect: {line:?}");
        }
    }
    Expect {
        outcome: outcome.expect("an .expect file has an `outcome:` line"),
        problems,
    }
}

/// Checks that `actual` is exactly the `expected` problems, in any order.
fn assert_problems(name: &str, actual: &[Problem], expected: &[ExpectedProblem]) {
    let mut unmatched: Vec<&Problem> = actual.iter().collect();
    for e in expected {
        let at = unmatched.iter().position(|p| {
            p.severity == e.severity && p.path == e.path && p.message.contains(&e.contains)
        });
        match at {
            Some(i) => {
                unmatched.remove(i);
            }
            None => panic!(
                "{name}: expected {:?} at `{}` containing {:?}; got {actual:#?}",
                e.severity, e.path, e.contains
            ),
        }
    }
    assert!(
        unmatched.is_empty(),
        "{name}: unexpected problems {unmatched:#?}"
    );
}

/// Checks the outcome of one input against its expectation.
fn check(name: &str, bytes: &[u8], expect: &Expect) {
    let result = parse_article(bytes, Some(BASE));
    // Every failure has a message in both UI languages that names it.
    if let Err(e) = &result {
        let load = LoadError::Parse(e.clone());
        for lang in Lang::ALL {
            assert!(load.message(lang).len() > 20, "{name}: {lang:?} message");
        }
    }
    let mut words = expect.outcome.split_whitespace();
    match (words.next(), result) {
        (Some("ok"), Ok(parsed)) => {
            assert!(parsed.warnings.is_empty(), "{name}: {:#?}", parsed.warnings);
            assert_urls_safe(name, &parsed.article);
        }
        (Some("degraded"), Ok(parsed)) => {
            assert!(!parsed.warnings.is_empty(), "{name}: expected warnings");
            assert_problems(name, &parsed.warnings, &expect.problems);
            assert_urls_safe(name, &parsed.article);
        }
        (Some("error"), Err(error)) => {
            let kind = words.next().unwrap_or("");
            let details: Vec<&str> = words.collect();
            check_error(name, kind, &details, &error, expect);
        }
        (want, got) => panic!("{name}: expected {want:?}, got {got:#?}"),
    }
}

fn check_error(name: &str, kind: &str, details: &[&str], error: &ParseError, expect: &Expect) {
    let detail = |key: &str| {
        details
            .iter()
            .find_map(|d| d.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.parse::<usize>().unwrap())
    };
    let text = details
        .iter()
        .position(|d| *d == "~")
        .map(|i| details[i + 1..].join(" "));
    match (kind, error) {
        ("empty", ParseError::Empty)
        | ("too-large", ParseError::TooLarge { .. })
        | ("too-deep", ParseError::TooDeep) => {}
        ("not-utf8", ParseError::NotUtf8 { offset }) => {
            if let Some(want) = detail("offset") {
                assert_eq!(*offset, want, "{name}: offset of the bad byte");
            }
        }
        (
            "syntax",
            ParseError::Syntax {
                line,
                column,
                message,
            },
        ) => {
            if let Some(want) = detail("line") {
                assert_eq!(*line, want, "{name}: line");
            }
            if let Some(want) = detail("column") {
                assert_eq!(*column, want, "{name}: column");
            }
            if let Some(want) = &text {
                assert!(message.contains(want.as_str()), "{name}: {message:?}");
            }
        }
        ("invalid", ParseError::Invalid(problems)) => {
            assert!(
                problems.iter().any(|p| p.severity == Severity::Error),
                "{name}: an invalid document has an error"
            );
            assert_problems(name, problems, &expect.problems);
        }
        _ => panic!("{name}: expected error kind {kind}, got {error:#?}"),
    }
    if kind != "invalid" {
        assert!(
            expect.problems.is_empty(),
            "{name}: problems only for `invalid`"
        );
    }
}

fn assert_urls_safe(name: &str, article: &article_widget::model::Article) {
    for url in article_urls(article) {
        let lower = url.to_ascii_lowercase();
        assert!(
            lower.starts_with("https://") || lower.starts_with("http://"),
            "{name}: {url}"
        );
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[test]
fn every_corpus_file_has_its_expected_outcome() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 40, "the corpus has {} files", inputs.len());
    let mut failed = Vec::new();
    for input in &inputs {
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let expect_path = input.with_extension("expect");
        let expect = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        let bytes = std::fs::read(input).unwrap();
        let expect = parse_expect(&expect);
        if std::panic::catch_unwind(|| check(&name, &bytes, &expect)).is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "corpus files with another outcome: {failed:?}"
    );
    // Every expectation belongs to an input.
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "expect") {
            assert!(path.with_extension("json").is_file(), "{}", path.display());
        }
    }
}

#[test]
fn ten_megabytes_of_json_is_refused_by_size() {
    let mut doc = String::from("{\"title\":\"");
    doc.push_str(&"a".repeat(10 * 1024 * 1024));
    doc.push_str("\"}");
    let bytes = doc.len();
    assert!(bytes > limits::MAX_BYTES);
    let expect = parse_expect("outcome: error too-large");
    check("generated-10mb", doc.as_bytes(), &expect);
    let message = LoadError::Parse(parse_article(doc.as_bytes(), None).unwrap_err());
    assert!(message.message(Lang::En).contains(&bytes.to_string()));
    assert!(message
        .message(Lang::Vi)
        .contains(&limits::MAX_BYTES.to_string()));
}

#[test]
fn a_string_just_under_the_byte_limit_is_refused_by_length() {
    let corpus = std::fs::read_to_string(corpus_dir().join("bytes-bom-valid.json")).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(corpus.trim_start_matches('\u{feff}')).unwrap();
    doc["body"][0]["text"] = "Ư".repeat(limits::MAX_STRING_CHARS + 1).into();
    let expect = parse_expect(
        "outcome: degraded\nproblem: warning body[0].text ~ longer than 100000 characters",
    );
    check(
        "generated-huge-paragraph",
        doc.to_string().as_bytes(),
        &expect,
    );
}

#[test]
fn deep_nesting_past_serde_json_limits_does_not_overflow_the_stack() {
    // Far past serde_json's own recursion limit (128) and any stack: the
    // pre-scan refuses it without recursion.
    for depth in [65, 129, 100_000, 1_000_000] {
        let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            parse_article(doc.as_bytes(), None),
            Err(ParseError::TooDeep)
        );
    }
}

/// The browser test's XSS fixture: every text survives as text, every
/// hostile URL is dropped with a warning naming its field.
#[test]
fn the_browser_xss_fixture_keeps_texts_and_drops_hostile_urls() {
    let bytes = include_bytes!("e2e/fixtures/robustness/xss.json");
    let parsed = parse_article(
        bytes,
        Some("http://127.0.0.1:9/fixtures/robustness/xss.json"),
    )
    .expect("the fixture is a (degraded) article");
    let paths: Vec<&str> = parsed.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "original_url",
            "body[4].src",
            "authors[0].url",
            "source.url",
            "publisher.social[0].url",
            "publisher.social[2].url",
            "related[0].url",
            "related[1].json",
        ]
    );
    assert!(parsed.article.title.contains("<script>"));
    assert_urls_safe("xss.json", &parsed.article);
}
