//! The article page's markup (`src/markup/`, what every host shows) against
//! golden files: the whole demo article and the schema-error box.
//!
//! Set `UPDATE_GOLDEN=1` to rewrite the files under `tests/golden/` after an
//! intended change, then review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use article_widget::i18n::Lang;
use article_widget::load::LoadError;
use article_widget::markup;
use article_widget::text_size::TextSize;
use article_widget::validate::{parse_article, ParseError};
use article_widget::WidgetConfig;

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

/// The whole page of `json` (every block, the footer, QR codes pending) as
/// a widget with the default configuration shows it, ids prefixed `aw1`.
fn render(json: &str) -> String {
    let parsed = parse_article(json.as_bytes(), Some(BASE)).expect("a valid article");
    markup::article_page(
        &parsed,
        &WidgetConfig::default(),
        "aw1",
        TextSize::default(),
        usize::MAX,
    )
}

fn render_demo() -> String {
    render(DEMO)
}

#[test]
fn demo_article_golden_html() {
    let html = render_demo();
    check_golden("demo-article.html", &pretty(&html));
}

#[test]
fn demo_article_has_every_part() {
    let html = render_demo();
    for needle in [
        "class=\"aw-title\">Quận ủy Lê Chân: Tổng kết 10 năm",
        "In bài",
        "aria-label=\"A+ (Tăng cỡ chữ)\"",
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

#[test]
fn text_is_escaped_never_markup() {
    let evil = DEMO.replacen(
        "\"title\": \"",
        "\"title\": \"<script>window.__pwned=1</script><img src=x onerror=alert(1)>",
        1,
    );
    let html = render(&evil);
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
}

#[test]
fn schema_errors_golden_html() {
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
        let html = markup::error_box(&error, lang, false);
        check_golden(file, &pretty(&html));
    }
}

/// WCAG 2.5.3 (label in name): every button's accessible name contains the
/// text it shows, so a speech-input user can say what they see. A button's
/// name is its `aria-label` when it has one, else its whole text.
#[test]
fn buttons_are_named_by_what_they_show() {
    let html = render_demo();
    let mut rest = html.as_str();
    let mut seen = 0;
    while let Some(at) = rest.find("<button") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |i| at + i);
        let tag = &rest[at..tag_end];
        let close = rest[tag_end..]
            .find("</button>")
            .map_or(rest.len(), |i| tag_end + i);
        let inner = &rest[tag_end + 1..close];
        let strip = |html: &str| {
            let mut t = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => t.push(c),
                    _ => {}
                }
            }
            t
        };
        let text = strip(inner);
        // What shows: the text without the visually hidden parts.
        let mut shown = inner.to_owned();
        while let Some(h) = shown.find("<span class=\"aw-visually-hidden\">") {
            let end = shown[h..]
                .find("</span>")
                .map_or(shown.len(), |i| h + i + 7);
            shown.replace_range(h..end, "");
        }
        let visible = strip(&shown).trim().to_owned();
        let name = tag
            .split("aria-label=\"")
            .nth(1)
            .and_then(|l| l.split('"').next())
            .map_or(text.clone(), str::to_owned);
        assert!(
            name.to_lowercase().contains(&visible.to_lowercase()),
            "the button showing {visible:?} is named {name:?}"
        );
        seen += 1;
        rest = &rest[close..];
    }
    assert!(seen >= 4, "print and the three text-size buttons at least");
}
