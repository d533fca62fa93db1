//! Native HTML rendering of components (Yew's server renderer) with golden files.
//!
//! Set `UPDATE_GOLDEN=1` to rewrite the files under `tests/golden/` after an
//! intended change, then review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::rc::Rc;

use article_widget::components::status::{ErrorBox, ErrorBoxProps};
use article_widget::components::{article_page::ArticlePageProps, ArticlePage};
use article_widget::i18n::Lang;
use article_widget::load::LoadError;
use article_widget::validate::{parse_article, ParseError};
use yew::LocalServerRenderer;

const DEMO: &str = include_str!("../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
const BASE: &str = "https://example.test/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// Puts one element per line so golden diffs are readable, and replaces the
/// per-widget id prefix (`aw7-`, a process-wide counter that depends on test
/// order) with `awN-`.
fn pretty(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("\"aw") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with('-') {
            out.push('N');
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out.replace("><", ">\n<") + "\n"
}

fn check_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    pretty_assertions::assert_eq!(expected, actual, "golden file {name} differs");
}

async fn render_demo() -> String {
    let parsed = parse_article(DEMO.as_bytes(), Some(BASE)).expect("demo is valid");
    let props = ArticlePageProps {
        parsed: Rc::new(parsed),
    };
    LocalServerRenderer::<ArticlePage>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

#[tokio::test]
async fn demo_article_golden_html() {
    let html = render_demo().await;
    check_golden("demo-article.html", &pretty(&html));
}

#[tokio::test]
async fn demo_article_has_every_part() {
    let html = render_demo().await;
    for needle in [
        "class=\"aw-title\">Quận ủy Lê Chân: Tổng kết 10 năm",
        "In bài",
        "aria-label=\"Tăng cỡ chữ\"",
        "Xem bài gốc",
        "Tiện ích thông tin",
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fhaiphong.gov.vn%2F",
        "QR CODE: Quận ủy Lê Chân: Tổng kết 10 năm",
        "Chúng tôi trên Mạng Xã hội",
        "Mã QR Code truy cập vào Fanpage Cổng tin tức Thành phố Hải Phòng",
        "Tin khác",
        "Thứ Sáu, 25/11/2022 15:15",
        "datetime=\"2022-11-25T15:15:00+07:00\"",
        "<p class=\"aw-lead\">Sáng 25/11, Quận ủy Lê Chân",
        "Đồng chí Nguyễn Huy Bình, Chỉ huy trưởng Ban Chỉ huy quân sự quận báo cáo tại Hội nghị.",
        "Hoàng Tùng",
        "Nguồn tin",
        "loading=\"lazy\"",
        "src=\"https://example.test/demo/images/",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
}

#[tokio::test]
async fn text_is_escaped_never_markup() {
    let evil = DEMO.replacen(
        "\"title\": \"",
        "\"title\": \"<script>window.__pwned=1</script><img src=x onerror=alert(1)>",
        1,
    );
    let parsed = parse_article(evil.as_bytes(), Some(BASE)).expect("still valid");
    let html = LocalServerRenderer::<ArticlePage>::with_props(ArticlePageProps {
        parsed: Rc::new(parsed),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
}

#[tokio::test]
async fn schema_errors_golden_html() {
    let broken = r#"{"format":"article-widget/1","url":"javascript:alert(1)","lang":"vi",
        "published":"2022-11-25T15:15:00","body":[{"type":"paragraph","text":"x"}],
        "publisher":{"name":"P","url":"https://p.example/"}}"#;
    let error = match parse_article(broken.as_bytes(), None) {
        Err(e @ ParseError::Invalid(_)) => LoadError::Parse(e),
        other => panic!("expected invalid, got {other:?}"),
    };
    for (lang, file) in [
        (Lang::Vi, "schema-errors.vi.html"),
        (Lang::En, "schema-errors.en.html"),
    ] {
        let props = ErrorBoxProps {
            error: error.clone(),
            lang,
            onretry: None,
        };
        let html = LocalServerRenderer::<ErrorBox>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        check_golden(file, &pretty(&html));
    }
}
