//! Browser tests: the Yew `ArticleWidget` mounted in headless Chromium by
//! wasm-bindgen-test. It renders the `<article-widget>` element with its
//! props as attributes, and turns the element's events into callbacks with
//! Rust values (the article inside comes from the embed's loader, which
//! the end-to-end tests run through the reader). Waits use
//! `yew::scheduler::flush`; nothing touches the network.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_widget::embed::shared::event;
use article_widget::i18n::Lang;
use article_widget::share::Network;
use article_widget::widget::{ArticleWidgetProps, Failed, FailureKind, Loaded, Navigation, Shared};
use article_widget::{ArticleWidget, Theme};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

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

/// What the callbacks received, in order.
#[derive(Debug, Default)]
struct Seen {
    loaded: Vec<Loaded>,
    failed: Vec<Failed>,
    shared: Vec<Shared>,
    navigated: Vec<Navigation>,
    sizes: Vec<u32>,
}

fn props(seen: &Rc<RefCell<Seen>>, navigate: bool) -> ArticleWidgetProps {
    let s = Rc::clone(seen);
    let onload = Callback::from(move |l| s.borrow_mut().loaded.push(l));
    let s = Rc::clone(seen);
    let onerror = Callback::from(move |f| s.borrow_mut().failed.push(f));
    let s = Rc::clone(seen);
    let onshare = Callback::from(move |x| s.borrow_mut().shared.push(x));
    let s = Rc::clone(seen);
    let onnavigate = navigate.then(|| Callback::from(move |n| s.borrow_mut().navigated.push(n)));
    let s = Rc::clone(seen);
    let ontextsize = Callback::from(move |p| s.borrow_mut().sizes.push(p));
    ArticleWidgetProps {
        src: Some("https://news.example/a.json".into()),
        article: None,
        lang: Some(Lang::En),
        theme: Theme::Sepia,
        share: Some(vec![Network::Zalo, Network::Copy]),
        heading: 1,
        timeout: None,
        keep_copy: true,
        video_hosts: None,
        onload,
        onerror,
        onshare,
        onnavigate,
        ontextsize,
    }
}

async fn mount(props: ArticleWidgetProps) -> Element {
    let root = container();
    yew::Renderer::<ArticleWidget>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root.query_selector("article-widget")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no <article-widget> in {}", root.inner_html()))
}

/// Dispatches `name` with `detail` (a JS object literal) on `el`, as the
/// loader does; whether no listener cancelled it.
fn dispatch(el: &Element, name: &str, detail: &str) -> bool {
    let detail = js_sys::JSON::parse(detail).expect("detail JSON");
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = CustomEvent::new_with_event_init_dict(name, &init).expect("event");
    el.dispatch_event(&e).expect("dispatch")
}

#[wasm_bindgen_test]
async fn props_become_the_element_s_attributes_and_nothing_else() {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let el = mount(props(&seen, true)).await;
    let attr = |n: &str| el.get_attribute(n);
    assert_eq!(attr("src").as_deref(), Some("https://news.example/a.json"));
    assert_eq!(attr("lang").as_deref(), Some("en"));
    assert_eq!(attr("theme").as_deref(), Some("sepia"));
    assert_eq!(attr("share").as_deref(), Some("zalo,copy"));
    assert_eq!(attr("heading").as_deref(), Some("1"));
    assert_eq!(attr("timeout"), None);
    assert_eq!(
        attr("keep-copy"),
        None,
        "the last good copy is kept by default"
    );
    assert_eq!(
        el.inner_html(),
        "",
        "nothing of the article is rendered here"
    );
}

#[wasm_bindgen_test]
async fn an_inline_article_goes_in_as_data() {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let mut p = props(&seen, false);
    p.article = Some("{\"title\": \"</script><b>x</b>\"}".into());
    let el = mount(p).await;
    assert_eq!(el.get_attribute("src"), None, "inline data wins over src");
    let script = el
        .query_selector("script[type=\"application/json\"]")
        .ok()
        .flatten()
        .expect("the data script");
    assert_eq!(
        script.text_content().as_deref(),
        Some("{\"title\": \"</script><b>x</b>\"}")
    );
    assert!(el.query_selector("b").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn events_become_callbacks_with_rust_values() {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let el = mount(props(&seen, true)).await;
    dispatch(
        &el,
        event::LOADED,
        r#"{"title":"T","url":"https://news.example/t","src":"https://news.example/a.json"}"#,
    );
    dispatch(
        &el,
        event::LOADED,
        r#"{"title":"T","url":"https://news.example/t","src":"https://news.example/a.json","saved":"2026-12-03T09:05:00+07:00"}"#,
    );
    dispatch(
        &el,
        event::FAILED,
        r#"{"kind":"status","status":503,"retryIn":4}"#,
    );
    dispatch(
        &el,
        event::SHARE,
        r#"{"network":"zalo","url":"https://news.example/t"}"#,
    );
    dispatch(&el, event::TEXT_SIZE, r#"{"percent":112}"#);
    let followed = dispatch(
        &el,
        event::NAVIGATE,
        r#"{"url":"https://news.example/b","src":"https://news.example/b.json"}"#,
    );
    let seen = seen.borrow();
    assert_eq!(
        seen.loaded,
        [
            Loaded {
                title: "T".into(),
                url: "https://news.example/t".into(),
                src: Some("https://news.example/a.json".into()),
                saved: None,
            },
            Loaded {
                title: "T".into(),
                url: "https://news.example/t".into(),
                src: Some("https://news.example/a.json".into()),
                saved: Some("2026-12-03T09:05:00+07:00".into()),
            }
        ]
    );
    assert_eq!(
        seen.failed,
        [Failed {
            kind: FailureKind::Status,
            status: Some(503),
            retry_in: Some(4),
        }]
    );
    assert_eq!(seen.shared[0].network, Some(Network::Zalo));
    assert_eq!(seen.sizes, [112]);
    assert_eq!(
        seen.navigated,
        [Navigation {
            url: "https://news.example/b".into(),
            src: Some("https://news.example/b.json".into()),
        }]
    );
    assert!(!followed, "an app that routes cancels the link");
}

#[wasm_bindgen_test]
async fn without_onnavigate_related_links_are_followed() {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let el = mount(props(&seen, false)).await;
    let followed = dispatch(
        &el,
        event::NAVIGATE,
        r#"{"url":"https://news.example/b","src":null}"#,
    );
    assert!(followed);
    assert!(seen.borrow().navigated.is_empty());
    // Malformed details never panic: missing fields are empty.
    dispatch(&el, event::FAILED, "{}");
    dispatch(&el, event::LOADED, "null");
    assert_eq!(seen.borrow().failed[0].kind, FailureKind::Network);
    assert_eq!(seen.borrow().loaded[0].title, "");
}
