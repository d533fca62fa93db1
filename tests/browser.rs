//! Browser tests: `ArticleView` mounted in headless Chromium by
//! wasm-bindgen-test. Waits poll the DOM; nothing touches the network
//! (articles come inline or from `blob:` URLs made here).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(target_arch = "wasm32")]

use article_widget::{ArticleSource, ArticleView};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const DEMO: &str = include_str!("../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
const BASE: &str = "http://127.0.0.1:9/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// A fresh, visible container (never the runner's hidden `#output`).
fn container() -> Element {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

fn mount(source: ArticleSource) -> (Element, yew::AppHandle<ArticleView>) {
    let root = container();
    let handle = yew::Renderer::<ArticleView>::with_root_and_props(
        root.clone(),
        article_widget::components::article_view::ArticleViewProps { source },
    )
    .render();
    (root, handle)
}

/// Polls until `selector` matches inside `root`, up to 10 s.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..500 {
        yew::scheduler::flush().await;
        if let Ok(Some(el)) = root.query_selector(selector) {
            return el;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("{selector} never appeared; DOM: {}", root.inner_html());
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

fn demo_value() -> serde_json::Value {
    serde_json::from_str(DEMO).expect("demo parses")
}

fn blob_url(json: &str) -> String {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(json));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).expect("blob");
    web_sys::Url::create_object_url_with_blob(&blob).expect("object url")
}

#[wasm_bindgen_test]
async fn renders_the_demo_article_inline() {
    let (root, _app) = mount(ArticleSource::Inline {
        json: DEMO.to_owned(),
        base: Some(BASE.to_owned()),
    });
    let title = wait_for(&root, "h1.aw-title").await;
    let v = demo_value();
    assert_eq!(title.text_content().as_deref(), v["title"].as_str());
    assert_eq!(
        texts(&root, ".aw-dateline time"),
        ["Thứ Sáu, 25/11/2022 15:15"]
    );
    assert_eq!(
        texts(&root, ".aw-lead").first().map(String::as_str),
        v["lead"].as_str()
    );
    let paragraphs: Vec<String> = v["body"]
        .as_array()
        .expect("body")
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .map(|b| b["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(texts(&root, ".aw-body > p"), paragraphs);
    assert_eq!(texts(&root, "figcaption .aw-caption").len(), 3);
    assert!(texts(&root, ".aw-author").concat().contains("Hoàng Tùng"));
    // The title is laid out, not hidden.
    let h: HtmlElement = title.dyn_into().expect("html element");
    assert!(h.offset_height() > 0);
}

#[wasm_bindgen_test]
async fn fetches_an_article_from_a_url() {
    let mut v = demo_value();
    // A blob: URL cannot be a base for relative references, so make them absolute.
    v["body"][1]["src"] = "https://example.test/a.svg".into();
    v["body"][2]["src"] = "https://example.test/b.svg".into();
    v["body"][4]["src"] = "https://example.test/c.svg".into();
    let url = blob_url(&v.to_string());
    let (root, _app) = mount(ArticleSource::Url(url));
    let title = wait_for(&root, "h1.aw-title").await;
    assert!(title
        .text_content()
        .unwrap_or_default()
        .starts_with("Quận ủy Lê Chân"));
}

#[wasm_bindgen_test]
async fn shows_schema_errors_with_paths() {
    let mut v = demo_value();
    v.as_object_mut().expect("object").remove("title");
    v["published"] = "2022-11-25 15:15".into();
    let (root, _app) = mount(ArticleSource::Inline {
        json: v.to_string(),
        base: Some(BASE.to_owned()),
    });
    wait_for(&root, ".aw-error[role=alert]").await;
    let problems = texts(&root, ".aw-problems li");
    assert!(
        problems
            .iter()
            .any(|p| p == "title: required field is missing"),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("published: ")),
        "{problems:?}"
    );
    assert!(root.query_selector("h1.aw-title").expect("query").is_none());
}

#[wasm_bindgen_test]
async fn shows_invalid_json_and_network_errors_in_words() {
    let (root, _app) = mount(ArticleSource::Url(blob_url("{\"title\": ")));
    let err = wait_for(&root, ".aw-error .aw-error-message").await;
    assert!(
        err.text_content().unwrap_or_default().contains("JSON"),
        "{}",
        root.inner_html()
    );

    // A revoked blob URL fails like a network error.
    let url = blob_url("{}");
    web_sys::Url::revoke_object_url(&url).expect("revoke");
    let (root, _app2) = mount(ArticleSource::Url(url));
    let err = wait_for(&root, ".aw-error .aw-error-message").await;
    assert!(
        err.text_content()
            .unwrap_or_default()
            .contains("Không kết nối được"),
        "{}",
        root.inner_html()
    );
    assert!(
        root.query_selector(".aw-error button")
            .expect("query")
            .is_some(),
        "retry button"
    );

    let (root, _app3) = mount(ArticleSource::Url(String::new()));
    let err = wait_for(&root, ".aw-error .aw-error-message").await;
    assert!(err.text_content().unwrap_or_default().contains("src"));
}

#[wasm_bindgen_test]
async fn long_articles_render_in_chunks_until_complete() {
    let mut v = demo_value();
    // 300 paragraphs with a figure after every tenth, like a long real article.
    let mut paragraphs: Vec<serde_json::Value> = Vec::new();
    for i in 0..300 {
        paragraphs.push(serde_json::json!({"type": "paragraph", "text": format!("Đoạn {i}")}));
        if i % 10 == 9 {
            paragraphs.push(
                serde_json::json!({"type": "figure", "src": "https://example.test/a.svg",
                "width": 800, "height": 533, "alt": format!("Ảnh {i}")}),
            );
        }
    }
    v["body"] = serde_json::Value::Array(paragraphs);
    let (root, _app) = mount(ArticleSource::Inline {
        json: v.to_string(),
        base: Some(BASE.to_owned()),
    });
    wait_for(&root, "h1.aw-title").await;
    // The first pass renders only the first chunk; later tasks add the rest.
    let first = texts(&root, ".aw-body > p").len();
    assert!(
        first < 300,
        "expected a first chunk, got {first} paragraphs at once"
    );
    let last = wait_for(&root, ".aw-body > p:nth-of-type(300)").await;
    assert_eq!(last.text_content().as_deref(), Some("Đoạn 299"));
    assert_eq!(texts(&root, ".aw-body > p").len(), 300);
}
