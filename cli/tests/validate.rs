//! `article-widget validate` as a user runs it: the real binary on the demo
//! articles, on broken documents, on a missing file and on URLs served by a
//! loopback server that the test starts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_article-widget"))
        .arg("validate")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_demo_articles_are_valid() {
    let dir = root().join("demo/articles");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("index.json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = validate(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "{} articles checked: {} valid (0 with warnings), 0 invalid, 0 could not be read\n",
            files.len(),
            files.len()
        )
    );
}

#[test]
fn every_problem_is_printed_with_file_line_column_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{
  "format": "article-widget/1",
  "url": "https://example.org/a.html",
  "lang": "en",
  "title": "A",
  "published": "2022-11-25T15:15:00",
  "body": [
    { "type": "paragraph", "text": "x" },
    { "type": "figure", "src": "javascript:alert(1)", "width": 1, "height": 1, "alt": "" }
  ],
  "publisher": { "name": "P" }
}"#,
    )
    .unwrap();
    let name = bad.to_string_lossy();
    let out = validate(&[&name]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with(&format!("{name}:6:3: error: published: ")),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{name}:9:25: warning: body[1].src: not an http(s) URL"
        )),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!("{name}:11:3: error: publisher.url: ")),
        "{text}"
    );
    assert_eq!(
        lines[3],
        "1 article checked: 0 valid (0 with warnings), 1 invalid, 0 could not be read"
    );
}

#[test]
fn json_reports_and_unreadable_files() {
    let out = validate(&[
        "--format",
        "json",
        "demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json",
        "no/such/file.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["status"], "valid");
    assert_eq!(report["files"][1]["status"], "unreadable");
    assert_eq!(report["summary"]["valid"], 1);
    assert_eq!(report["summary"]["unreadable"], 1);
}

#[test]
fn syntax_errors_name_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("broken.json");
    std::fs::write(&f, "{\n  \"format\": \"article-widget/1\",\n}\n").unwrap();
    let name = f.to_string_lossy();
    let out = validate(&[&name]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with(&format!("{name}:3:1: error: not valid JSON: ")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn urls_are_fetched_and_resolve_relative_references() {
    let server = devserver::Server::builder()
        .root(root().join("demo"))
        .start()
        .unwrap();
    let good = format!(
        "{}articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json",
        server.url()
    );
    let missing = format!("{}articles/missing.json", server.url());
    let out = validate(&[&good]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = validate(&[&missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("could not read: the server answered HTTP 404"));
    server.stop();
}
