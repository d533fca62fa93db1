//! The HTML snippets of `docs/` that a partner copies, loaded as they are in
//! headless Chromium: every fenced `html` block with an `<article-widget>`
//! becomes a page in which the documented placeholder hosts
//! (`https://WIDGET.example`, `https://NEWS.example`) are replaced by
//! loopback servers (the release build and the demo articles), and each of
//! its widgets must show an article, with no error and nothing in the
//! console. A snippet without the loader line gets the documented one. A snippet that stops working fails here, not on a partner's page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::{
    console_errors, dist_dir, origin_of, serve_origin, wait_for_widgets, workspace_dir, Browser,
    DEFAULT_TIMEOUT, EMBED_DIR,
};

/// The demo article every `https://NEWS.example/...json` URL of a snippet
/// is pointed at (relative to `demo/`).
const ARTICLE: &str = "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// A fenced `html` block of a doc that holds an `<article-widget>`.
struct Snippet {
    at: String,
    html: String,
}

/// Every such block of every Markdown file in `docs/`.
fn widget_snippets() -> Vec<Snippet> {
    let dir = workspace_dir().join("docs");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("docs/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut snippets = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a doc is UTF-8");
        let mut open: Option<(usize, bool, String)> = None;
        for (i, line) in text.lines().enumerate() {
            if let Some(info) = line.trim_start().strip_prefix("```") {
                match open.take() {
                    Some((start, true, html)) if html.contains("<article-widget") => {
                        snippets.push(Snippet {
                            at: format!("{}:{start}", file.display()),
                            html,
                        });
                    }
                    Some(_) => {}
                    None => open = Some((i + 1, info.trim() == "html", String::new())),
                }
            } else if let Some((_, _, html)) = open.as_mut() {
                html.push_str(line);
                html.push('\n');
            }
        }
    }
    snippets
}

/// `html` with every `https://NEWS.example/<path>.json` pointed at the demo
/// article on `news` and `https://WIDGET.example` replaced by `widget`.
fn localise(html: &str, widget: &str, news: &str) -> String {
    const NEWS: &str = "https://NEWS.example/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(NEWS) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after
            .find(|c: char| c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(after.len());
        let url = &after[..end];
        if std::path::Path::new(url)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        {
            out.push_str(news);
            out.push('/');
            out.push_str(ARTICLE);
        } else {
            out.push_str(news);
            out.push('/');
            out.push_str(&url[NEWS.len()..]);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out.replace("https://WIDGET.example", widget)
}

#[tokio::test]
async fn every_documented_widget_snippet_renders_its_article() -> Result<()> {
    let dist = dist_dir();
    ensure!(
        dist.join(EMBED_DIR).join("embed.js").is_file(),
        "no embed in {} (run `cargo xtask build`)",
        dist.display()
    );
    let snippets = widget_snippets();
    ensure!(!snippets.is_empty(), "no <article-widget> snippet in docs/");

    let widget = serve_origin(&dist, |b| b)?;
    let news = serve_origin(workspace_dir().join("demo"), |b| b)?;
    let pages_dir = tempfile::tempdir().context("a folder for the snippet pages")?;
    let pages = serve_origin(pages_dir.path(), |b| b)?;
    let browser = Browser::start().await?;
    for (i, snippet) in snippets.iter().enumerate() {
        let mut body = localise(&snippet.html, &origin_of(&widget), &origin_of(&news));
        // A snippet shown on its own (inline data, a second widget) assumes
        // the loader line of the main snippet.
        if !body.contains("embed.js") {
            body.insert_str(
                0,
                &format!(
                    "<script type=\"module\" src=\"{}/{EMBED_DIR}embed.js\"></script>\n",
                    origin_of(&widget)
                ),
            );
        }
        let count = body.matches("<article-widget").count();
        let name = format!("snippet-{i}.html");
        fs::write(
            pages_dir.path().join(&name),
            format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                 <title>{}</title></head><body>\n{body}</body></html>\n",
                snippet.at
            ),
        )?;
        browser
            .goto(format!("{}/{name}", origin_of(&pages)))
            .await?;
        let states = wait_for_widgets(&browser, count, DEFAULT_TIMEOUT)
            .await
            .with_context(|| format!("the snippet at {}", snippet.at))?;
        for state in &states {
            ensure!(
                state["error"].is_null() && state["title"].is_string(),
                "the snippet at {} shows no article: {state}",
                snippet.at
            );
        }
        let mut errors = console_errors(&browser).await?;
        errors.retain(|e| !e.contains("favicon.ico"));
        ensure!(
            errors.is_empty(),
            "the snippet at {} logs errors: {errors:#?}",
            snippet.at
        );
    }
    browser.quit().await
}
