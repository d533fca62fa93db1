//! The engine's exports in headless Chromium (wasm32): what `embed/embed.js`
//! calls, as the browser runs it. `cargo xtask test` runs these in its
//! `browser` step; the loader around them is covered by the e2e tests.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use article_widget_engine::Widget;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const DEMO: &str = include_str!("../../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
const BASE: &str = "https://example.test/articles/demo.json";

fn demo(lang: Option<&str>, share: Option<&str>) -> Widget {
    Widget::new(
        DEMO.as_bytes(),
        Some(BASE.to_owned()),
        "aw9",
        lang.map(str::to_owned),
        None,
        share.map(str::to_owned),
        None,
    )
}

#[wasm_bindgen_test]
fn the_demo_renders_with_its_footer_and_qr_codes() {
    let mut w = demo(None, None);
    assert!(w.ok());
    assert!(w.unknown_networks().is_empty());
    let html = w.html(None, 0);
    assert!(
        html.contains(" lang=\"vi\""),
        "the article's language by default"
    );
    assert!(
        html.contains("id=\"aw9-title\""),
        "ids use the given prefix"
    );
    assert!(html.contains(&w.title()), "the title is shown");
    assert!(html.contains("<footer class=\"aw-footer\"></footer>"));
    assert!(w.chunk().is_none(), "the demo fits in the first chunk");
    let footer = w.footer();
    assert_eq!(footer.matches("aw-qr-pending").count(), w.qr_count());
    assert!(w.qr(0).starts_with("<svg"), "the article's code");
    assert!(w.qr_downloads(0).contains("download=\"qr-article.svg\""));
    let rgba = w.qr_rgba(0, 2);
    let side = (rgba.len() / 4).isqrt();
    assert!(
        side > 40 && side * side * 4 == rgba.len(),
        "square RGBA, got {}",
        rgba.len()
    );
    assert!(w.qr(99).is_empty() && w.qr_rgba(99, 2).is_empty());
}

#[wasm_bindgen_test]
fn options_change_language_shares_and_report_unknown_names() {
    let mut w = demo(Some("en"), Some("zalo, nonsense, copy"));
    assert_eq!(w.unknown_networks(), "nonsense");
    let footer = w.footer();
    assert_eq!(footer.matches("aw-share-item").count(), 2, "{footer}");
    assert!(
        w.native_share_item().is_empty(),
        "native is not in the list"
    );
    assert!(w.html(None, 0).contains(" lang=\"en\""));
    w.configure(
        Some("vi".into()),
        Some("dark".into()),
        None,
        Some("1".into()),
    );
    let html = w.html(None, 0);
    assert!(
        html.contains("data-theme=\"dark\"") && html.contains("<h1 "),
        "{html}"
    );
    assert!(
        !w.native_share_item().is_empty(),
        "the default list starts with native"
    );
    assert_eq!(w.native_share_index(), 0);
}

#[wasm_bindgen_test]
fn text_size_steps_are_stored_and_shown() {
    let w = demo(None, None);
    let larger = Widget::text_size_step(None, "larger");
    assert_ne!(larger, Widget::text_size_step(None, "reset"));
    assert!(Widget::text_size_style(Some(larger.clone())).starts_with("--aw-text-scale:1."));
    let group = w.text_size_group(Some(larger));
    assert!(group.contains("aria-disabled=\"false\""), "{group}");
    assert_eq!(
        Widget::text_size_step(Some("junk".into()), "reset"),
        Widget::text_size_step(None, "reset")
    );
}

#[wasm_bindgen_test]
fn failures_say_why_and_when_to_retry() {
    let mut busy = Widget::failed(
        "status",
        503,
        "",
        Some("2".into()),
        "aw1",
        None,
        None,
        None,
        None,
    );
    assert!(!busy.ok() && busy.url().is_empty());
    assert_eq!(busy.retry_delay(0, 0.0), 2, "Retry-After is honoured");
    let html = busy.html(None, 2);
    assert!(
        html.contains("503") && html.contains("aw-countdown"),
        "{html}"
    );
    let gone = Widget::failed(
        "status",
        404,
        "",
        None,
        "aw2",
        Some("en".into()),
        None,
        None,
        None,
    );
    assert_eq!(gone.retry_delay(0, 0.5), -1, "a 404 waits for the button");
    let mut bad = Widget::new(b"{\"title\": 1", None, "aw3", None, None, None, None);
    assert!(!bad.ok());
    assert!(bad.html(None, 0).contains("role=\"alert\""));
    assert_eq!(bad.retry_delay(0, 0.0), -1);
    let mut none = Widget::failed("none", 0, "", None, "aw4", None, None, None, None);
    assert!(
        !none.html(None, 0).contains("<button"),
        "nothing to retry without a source"
    );
}

#[wasm_bindgen_test]
fn a_last_good_copy_is_shown_for_failures_the_network_may_mend() {
    const SAVED: &str = "2026-12-03T09:05:00+07:00";
    for (kind, code) in [
        ("network", 0),
        ("timeout", 15),
        ("status", 503),
        ("status", 429),
    ] {
        assert!(
            demo(None, None).kept(SAVED, kind, code, "", None),
            "{kind} {code}"
        );
    }
    for (kind, code) in [
        ("status", 404),
        ("status", 410),
        ("type", 0),
        ("too-large", 9),
        ("none", 0),
    ] {
        let mut copy = demo(None, None);
        assert!(!copy.kept(SAVED, kind, code, "", None), "{kind} {code}");
        assert!(!copy.html(None, 0).contains("aw-notice"), "{kind} {code}");
    }
    let mut copy = demo(Some("en"), None);
    assert!(copy.kept(SAVED, "status", 503, "", Some("3".into())));
    assert!(copy.ok() && !copy.title().is_empty());
    assert_eq!(
        copy.retry_delay(0, 0.0),
        3,
        "the failure's Retry-After is honoured"
    );
    let html = copy.html(None, 3);
    assert!(html.contains("class=\"aw-notice\""), "{html}");
    assert!(
        html.contains("3 December 2026, 09:05") && html.contains("503"),
        "{html}"
    );
    assert!(
        html.contains("aw-countdown") && html.contains(&copy.title()),
        "{html}"
    );
}

#[wasm_bindgen_test]
fn a_long_body_comes_in_chunks_that_add_up() {
    let mut doc = DEMO.to_owned();
    let paragraphs: Vec<String> = (0..500)
        .map(|i| {
            format!(
                "{{\"type\":\"paragraph\",\"text\":\"Đoạn {i} {}\"}}",
                "chữ ".repeat(40)
            )
        })
        .collect();
    let start = doc.find("\"body\"").unwrap();
    let open = start + doc[start..].find('[').unwrap();
    doc.insert_str(open + 1, &format!("{},", paragraphs.join(",")));
    let mut w = Widget::new(
        doc.as_bytes(),
        Some(BASE.to_owned()),
        "aw5",
        None,
        None,
        None,
        None,
    );
    assert!(w.ok());
    let mut seen = w.html(None, 0).matches("<p>Đoạn ").count();
    let mut chunks = 0;
    while let Some(chunk) = w.chunk() {
        chunks += 1;
        seen += chunk.matches("<p>Đoạn ").count();
    }
    assert_eq!(seen, 500);
    assert!(chunks >= 2, "{chunks} chunks");
}
