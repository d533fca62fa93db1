//! Parity of `article_widget::markup` (the Yew-free renderer of the embed)
//! with the Yew components rendered by Yew's server renderer.
//!
//! Each test renders a component with `yew::LocalServerRenderer` and
//! compares it byte for byte with the markup function, after [`norm`]:
//!
//! - the per-widget id prefix (`aw7-`, a process-wide counter in Yew) becomes
//!   `awN-` on both sides, as in `tests/render.rs`;
//! - `&quot;` in *text* (not attributes) becomes `"`: the markup module
//!   escapes `"` everywhere (its security floor is `& < > "`), Yew leaves it
//!   raw in text. Both parse to the same text node.
//!
//! States reached only through an effect (a QR code made, the native share
//! button, a copy result, a text size read from storage) cannot be rendered
//! on the server. For those the test renders the component that takes the
//! state as a prop where there is one (`Toolbar` for text sizes), or a copy
//! of the component's `html!` for that state (marked "mirror of").
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::rc::Rc;

use article_widget::components::article_page::ArticlePage;
use article_widget::components::body::{BodyChunk, BodyChunkProps, FIRST_CHUNK};
use article_widget::components::status::{
    Countdown, CountdownProps, ErrorBox, ErrorBoxProps, LoadNotice, LoadNoticeProps, Loading,
    LoadingProps,
};
use article_widget::components::toolbar::{Toolbar, ToolbarProps};
use article_widget::config::{Theme, WidgetConfig};
use article_widget::i18n::Lang;
use article_widget::load::{ArticleSource, LoadError, Status};
use article_widget::markup;
use article_widget::model::Block;
use article_widget::qr;
use article_widget::share::Network;
use article_widget::text_size::TextSize;
use article_widget::validate::{parse_article, ParseError, Parsed, Problem, Severity};
use article_widget::ArticleView;
use pretty_assertions::assert_eq;
use yew::prelude::*;
use yew::LocalServerRenderer;

const IDS: &str = "aw7";

/// Maps `"awN-` id prefixes to `"awN-` and `&quot;` in text to `"`.
fn norm(html: &str) -> String {
    let mut ids = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("\"aw") {
        let (head, tail) = rest.split_at(i + 3);
        ids.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with('-') {
            ids.push('N');
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    ids.push_str(rest);
    // Attribute values never hold a raw `<` or `>` (both escape them), so
    // these two characters alone tell tags from text.
    let mut out = String::with_capacity(ids.len());
    let mut in_tag = false;
    let mut rest = ids.as_str();
    while let Some(c) = rest.chars().next() {
        if !in_tag && rest.starts_with("&quot;") {
            out.push('"');
            rest = &rest[6..];
            continue;
        }
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[track_caller]
fn same(yew: &str, ours: &str) {
    assert_eq!(
        norm(yew).replace("><", ">\n<"),
        norm(ours).replace("><", ">\n<")
    );
}

fn demo_articles() -> Vec<(String, Parsed)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo/articles");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "index.json" || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let base = format!("https://example.test/demo/articles/{name}");
        let parsed = parse_article(&std::fs::read(&path).unwrap(), Some(&base)).unwrap();
        out.push((name, parsed));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 4, "demo articles: {}", out.len());
    out
}

fn demo() -> Parsed {
    demo_articles()
        .into_iter()
        .find(|(n, _)| n == "quan-uy-le-chan-tong-ket-nghi-quyet-8.json")
        .unwrap()
        .1
}

fn corpus_articles() -> Vec<(String, Parsed)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let base = "https://tin.example.vn/tin/bai.json";
        if let Ok(parsed) = parse_article(&std::fs::read(&path).unwrap(), Some(base)) {
            out.push((name, parsed));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

// ------------------------------------------------------------ page

#[derive(Clone, PartialEq, Properties)]
struct PageProps {
    parsed: Rc<Parsed>,
    config: WidgetConfig,
}

#[component]
fn Page(props: &PageProps) -> Html {
    html! {
        <ContextProvider<WidgetConfig> context={props.config.clone()}>
            <ArticlePage parsed={Rc::clone(&props.parsed)} />
        </ContextProvider<WidgetConfig>>
    }
}

async fn ssr_page(parsed: &Parsed, config: &WidgetConfig) -> String {
    LocalServerRenderer::<Page>::with_props(PageProps {
        parsed: Rc::new(parsed.clone()),
        config: config.clone(),
    })
    .hydratable(false)
    .render()
    .await
}

/// What the server renders of the body: the first chunk.
fn first_chunk(parsed: &Parsed) -> usize {
    FIRST_CHUNK.min(parsed.article.body.len())
}

async fn check_page(parsed: &Parsed, config: &WidgetConfig) {
    let yew = ssr_page(parsed, config).await;
    let ours = markup::article_page(
        parsed,
        config,
        IDS,
        TextSize::default(),
        first_chunk(parsed),
    );
    same(&yew, &ours);
}

fn configs() -> Vec<WidgetConfig> {
    let d = WidgetConfig::default();
    vec![
        d.clone(),
        WidgetConfig {
            lang: Some(Lang::En),
            ..d.clone()
        },
        WidgetConfig {
            lang: Some(Lang::Vi),
            heading_level: 2,
            theme: Theme::Dark,
            ..d.clone()
        },
        WidgetConfig {
            lang: Some(Lang::En),
            heading_level: 2,
            networks: vec![
                Network::Copy,
                Network::Email,
                Network::Zalo,
                Network::Native,
            ],
            related_in_reader: true,
            ..d.clone()
        },
        WidgetConfig {
            heading_level: 6,
            networks: vec![],
            related_in_reader: true,
            ..d
        },
    ]
}

#[tokio::test]
async fn demo_article_matches_in_every_config() {
    let parsed = demo();
    for config in configs() {
        check_page(&parsed, &config).await;
    }
}

#[tokio::test]
async fn every_demo_article_matches() {
    for (_name, parsed) in demo_articles() {
        for config in configs() {
            check_page(&parsed, &config).await;
        }
    }
}

#[tokio::test]
async fn every_accepted_corpus_article_matches() {
    let articles = corpus_articles();
    assert!(
        articles.iter().any(|(_, p)| !p.warnings.is_empty()),
        "the corpus has degraded articles"
    );
    assert!(articles
        .iter()
        .any(|(n, _)| n == "xss-text-is-just-text.json"));
    for (_name, parsed) in &articles {
        check_page(parsed, &WidgetConfig::default()).await;
    }
}

#[tokio::test]
async fn degraded_article_lists_what_was_omitted() {
    let (_, parsed) = corpus_articles()
        .into_iter()
        .find(|(n, _)| n == "block-unknown-type.json")
        .unwrap();
    assert!(!parsed.warnings.is_empty());
    let ours = markup::article_page(
        &parsed,
        &WidgetConfig::default(),
        IDS,
        TextSize::default(),
        99,
    );
    assert!(ours.contains("<details role=\"note\" class=\"aw-omitted\">"));
    for config in configs() {
        check_page(&parsed, &config).await;
    }
}

#[tokio::test]
async fn hostile_text_in_every_field_matches() {
    let evil = "<script>x</script> & \"q\" 'a' </p><img src=x onerror=alert(1)>";
    let mut parsed = demo();
    let a = &mut parsed.article;
    a.title = evil.to_owned();
    a.lead = Some(evil.to_owned());
    a.lang = evil.to_owned();
    a.original_url = Some(format!("https://e.test/?a=1&b=\"{evil}"));
    a.url = format!("https://e.test/?a=1&b=\"{evil}");
    a.body.push(Block::Heading {
        level: 3,
        text: evil.to_owned(),
    });
    a.body.push(Block::Quote {
        text: evil.to_owned(),
        cite: Some(evil.to_owned()),
    });
    for b in &mut a.body {
        match b {
            Block::Paragraph { text } => *text = evil.into(),
            Block::Figure(f) => {
                f.alt = evil.to_owned();
                f.caption = Some(evil.to_owned());
                f.credit = Some(evil.to_owned());
                f.src = format!("https://e.test/i.jpg?{evil}");
            }
            _ => {}
        }
    }
    for p in &mut a.authors {
        p.name = evil.to_owned();
    }
    if let Some(s) = &mut a.source {
        s.name = evil.to_owned();
    }
    for s in &mut a.publisher.social {
        s.name = evil.to_owned();
        s.network = evil.to_owned();
    }
    for r in &mut a.related {
        r.title = evil.to_owned();
        r.json = Some(evil.to_owned());
    }
    parsed.warnings.push(Problem {
        path: evil.to_owned(),
        message: evil.to_owned(),
        severity: Severity::Warning,
    });
    for config in configs() {
        check_page(&parsed, &config).await;
        let ours = markup::article_page(&parsed, &config, IDS, TextSize::default(), 100);
        assert!(!ours.contains("<script"), "{ours}");
        assert!(!ours.contains("<img src=x"), "{ours}");
    }
}

// ------------------------------------------------------------ body chunks

#[tokio::test]
async fn page_in_chunks_equals_the_whole_page() {
    let parsed = demo();
    let n = parsed.article.body.len();
    assert!(n > 3 && n <= FIRST_CHUNK);
    for config in configs() {
        let whole = markup::article_page(&parsed, &config, IDS, TextSize::default(), n);
        same(&ssr_page(&parsed, &config).await, &whole);
        for first in [0, 1, 2, n - 1] {
            let mut page = markup::article_page(&parsed, &config, IDS, TextSize::default(), first);
            let at = page.find("</div><footer class=\"aw-footer\">").unwrap();
            let rest = markup::body_blocks(&parsed, &config, first, n);
            page.insert_str(at, &rest);
            assert_eq!(page, whole);
        }
        // More than there is is everything; nothing past the end.
        let more = markup::article_page(&parsed, &config, IDS, TextSize::default(), n + 10);
        assert_eq!(more, whole);
        assert_eq!(markup::body_blocks(&parsed, &config, n, n + 5), "");
        assert_eq!(markup::body_blocks(&parsed, &config, 5, 2), "");
    }
}

/// The configuration a `BodyChunk` outside a context provider uses.
fn level_only(heading_level: u8) -> WidgetConfig {
    WidgetConfig {
        heading_level,
        ..WidgetConfig::default()
    }
}

async fn ssr_chunk(parsed: &Rc<Parsed>, start: usize, end: usize, title_level: u8) -> String {
    LocalServerRenderer::<BodyChunk>::with_props(BodyChunkProps {
        parsed: Rc::clone(parsed),
        start,
        end,
        title_level,
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn long_article_first_chunk_and_later_chunks_match() {
    let mut parsed = demo();
    let blocks = parsed.article.body.clone();
    parsed.article.body.push(Block::Heading {
        level: 2,
        text: "Sub & <heading>".to_owned(),
    });
    parsed.article.body.push(Block::Heading {
        level: 4,
        text: "Deeper".to_owned(),
    });
    parsed.article.body.push(Block::Quote {
        text: "Quote".to_owned(),
        cite: None,
    });
    while parsed.article.body.len() < 300 {
        parsed.article.body.extend(blocks.iter().cloned());
    }
    let total = parsed.article.body.len();
    for config in configs() {
        // The server renders the first chunk only (the rest comes in tasks).
        check_page(&parsed, &config).await;
        let rc = Rc::new(parsed.clone());
        let mut start = FIRST_CHUNK;
        while start < total {
            let end = (start + 80).min(total);
            let yew = ssr_chunk(&rc, start, end, config.heading_level).await;
            same(
                &yew,
                &markup::body_blocks(&parsed, &level_only(config.heading_level), start, end),
            );
            start = end;
        }
    }
    for level in [0, 1, 2, 3, 5, 6, 200] {
        let rc = Rc::new(parsed.clone());
        same(
            &ssr_chunk(&rc, 0, total, level).await,
            &markup::body_blocks(&parsed, &level_only(level), 0, total),
        );
    }
}

// ------------------------------------------------------------ text size

fn noop<T: 'static>() -> Callback<T> {
    Callback::from(|_| ())
}

async fn ssr_toolbar(parsed: &Parsed, lang: Lang, size: TextSize) -> String {
    let a = &parsed.article;
    LocalServerRenderer::<Toolbar>::with_props(ToolbarProps {
        published: a.published,
        updated: a.updated,
        original_url: a.original_url.clone(),
        text_size: size,
        ontextsize: noop(),
        onprint: noop(),
        lang,
    })
    .hydratable(false)
    .render()
    .await
}

/// The inner HTML of `.aw-textsize` in `html`.
fn text_size_inner(html: &str) -> &str {
    let start = html.find("class=\"aw-textsize\">").unwrap() + "class=\"aw-textsize\">".len();
    let len = html[start..].find("</div>").unwrap();
    &html[start..start + len]
}

#[tokio::test]
async fn text_size_states_match_the_toolbar() {
    let parsed = demo();
    let sizes = [
        TextSize::from_storage(Some("0")),
        TextSize::from_storage(Some("1")),
        TextSize::default(),
        TextSize::from_storage(Some("4")),
        TextSize::from_storage(Some("6")),
    ];
    assert!(!sizes[0].can_shrink() && !sizes[4].can_grow());
    for config in configs() {
        let lang = config.ui_lang(&parsed.article.lang);
        // ArticlePage starts at the original size on the server and reads
        // storage in an effect; the page at another size is the server page
        // with the toolbar's group as `Toolbar` renders it at that size.
        let page = ssr_page(&parsed, &config).await;
        let original = ssr_toolbar(&parsed, lang, TextSize::default()).await;
        for size in sizes {
            let toolbar = ssr_toolbar(&parsed, lang, size).await;
            let group = text_size_inner(&toolbar);
            same(group, &markup::text_size_group(lang, size));
            let expected = page.replacen(text_size_inner(&original), group, 1);
            same(
                &expected,
                &markup::article_page(&parsed, &config, IDS, size, FIRST_CHUNK),
            );
        }
    }
}

// ------------------------------------------------------------ QR

/// Mirror of `QrView`'s `html!` once its code is made (the state an effect
/// sets), with the same attributes in the same order.
#[derive(Clone, PartialEq, Properties)]
struct QrDoneProps {
    spec: markup::QrSpec,
    ids: String,
    lang: Lang,
}

#[component]
fn QrDone(props: &QrDoneProps) -> Html {
    let l = props.lang.labels();
    let spec = &props.spec;
    let caption_id = spec.caption_id(&props.ids);
    let (body, downloads) = match qr::encode(&spec.data) {
        Err(e) => (
            html! {
                <div class="aw-qr-box aw-qr-failed" role="note">
                    { l.qr_failed.replace("{reason}", &match e {
                        qr::QrError::TooLong { bytes } => l.qr_too_long.replace("{bytes}", &bytes.to_string()),
                        qr::QrError::Empty => l.qr_empty.to_owned(),
                    }) }
                </div>
            },
            html! {},
        ),
        Ok(c) => {
            let side = c.size_with_quiet_zone().to_string();
            let body = html! {
                <svg class="aw-qr-box" role="img" aria-labelledby={caption_id.clone()}
                    viewBox={format!("0 0 {side} {side}")} shape-rendering="crispEdges">
                    <rect width={side.clone()} height={side} fill="#fff" />
                    <path d={c.path_data()} fill="#000" />
                </svg>
            };
            let downloads = if spec.downloads {
                let svg_href = format!(
                    "data:image/svg+xml;charset=utf-8,{}",
                    article_widget::share::encode_component(&c.svg_document(&spec.label))
                );
                html! {
                    <p class="aw-qr-downloads">
                        <a class="aw-link-button" href={svg_href} download={format!("{}.svg", spec.filename)}>
                            { l.qr_download_svg }
                        </a>
                        <button type="button" class="aw-link-button" onclick={noop::<MouseEvent>()}>{ l.qr_download_png }</button>
                    </p>
                }
            } else {
                html! {}
            };
            (body, downloads)
        }
    };
    html! {
        <figure class="aw-qr">
            { body }
            <figcaption id={caption_id.clone()}>{ &spec.label }</figcaption>
            { downloads }
        </figure>
    }
}

#[tokio::test]
async fn qr_figures_are_in_document_order_and_fill_in_like_qr_view() {
    let mut parsed = demo();
    parsed
        .article
        .publisher
        .social
        .push(article_widget::model::SocialPage {
            network: "zalo".to_owned(),
            name: "Trang \"Zalo\" & <b>".to_owned(),
            url: format!("https://zalo.me/{}", "x".repeat(3000)),
        });
    for config in configs() {
        let lang = config.ui_lang(&parsed.article.lang);
        let page = markup::article_page(&parsed, &config, IDS, TextSize::default(), 0);
        let specs = markup::qr_figures(&parsed, &config);
        assert_eq!(specs.len(), 1 + parsed.article.publisher.social.len());
        assert!(specs[0].downloads && specs[1..].iter().all(|s| !s.downloads));
        // The figures on the page, in order, carry the specs' caption ids.
        let mut at = 0;
        for spec in &specs {
            let needle = format!("<figcaption id=\"{}\">", spec.caption_id(IDS));
            let found = page[at..].find(&needle).unwrap() + at;
            at = found + needle.len();
        }
        assert_eq!(
            page.matches("<figure class=\"aw-qr\">").count(),
            specs.len()
        );
        for spec in &specs {
            let code = qr::encode(&spec.data);
            let (box_html, downloads) = markup::qr_result(spec, code.as_ref(), IDS, lang);
            // The pending figure with its box and downloads replaced.
            let mut figure = String::from("<figure class=\"aw-qr\">");
            figure.push_str(&box_html);
            figure.push_str("<figcaption id=\"");
            figure.push_str(&spec.caption_id(IDS));
            figure.push_str("\">");
            figure.push_str(&markup::escape(&spec.label));
            figure.push_str("</figcaption>");
            figure.push_str(&downloads);
            figure.push_str("</figure>");
            let yew = LocalServerRenderer::<QrDone>::with_props(QrDoneProps {
                spec: spec.clone(),
                ids: IDS.to_owned(),
                lang,
            })
            .hydratable(false)
            .render()
            .await;
            same(&yew, &figure);
            assert_eq!(code.is_ok(), box_html.starts_with("<svg"));
            assert_eq!(downloads.is_empty(), !(spec.downloads && code.is_ok()));
        }
    }
}

#[test]
fn qr_failures_are_notes() {
    let spec = markup::QrSpec {
        data: String::new(),
        label: "L".to_owned(),
        filename: "qr-x".to_owned(),
        downloads: true,
        id_suffix: "-qr".to_owned(),
    };
    let code = qr::encode("");
    let (note, downloads) = markup::qr_result(&spec, code.as_ref(), IDS, Lang::En);
    assert!(note.starts_with("<div role=\"note\" class=\"aw-qr-box aw-qr-failed\">"));
    assert!(downloads.is_empty());
}

// ------------------------------------------------------------ share

/// Mirror of the native item `ShareBar` adds after its effect found
/// `navigator.share`, and of its copy-status paragraph after a copy.
#[derive(Clone, PartialEq, Properties)]
struct ShareStateProps {
    lang: Lang,
    url: String,
    /// `None`: the native item; `Some(ok)`: the copy status.
    copied: Option<bool>,
}

#[component]
fn ShareState(props: &ShareStateProps) -> Html {
    let l = props.lang.labels();
    let n = Network::Native;
    match props.copied {
        None => html! {
            <li><button type="button" class="aw-share-item aw-share-native" onclick={noop::<MouseEvent>()}>
                { native_icon() }{ n.display_name(props.lang) }
            </button></li>
        },
        Some(true) => html! { <span class="aw-copied">{ "✓ " }{ l.link_copied }</span> },
        Some(false) => html! {
            <>
                <span>{ l.copy_failed }{ ": " }</span>
                <input class="aw-copy-field" type="text" readonly=true value={props.url.clone()}
                    aria-label={l.copy_link} />
            </>
        },
    }
}

/// Mirror of `share_bar::icon(Network::Native)`.
fn native_icon() -> Html {
    html! {
        <svg class={classes!("aw-icon", None::<&str>)} viewBox="0 0 24 24"
            aria-hidden="true" focusable="false">
            <path d="M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z" />
        </svg>
    }
}

async fn ssr_share_state(lang: Lang, url: &str, copied: Option<bool>) -> String {
    LocalServerRenderer::<ShareState>::with_props(ShareStateProps {
        lang,
        url: url.to_owned(),
        copied,
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn native_share_item_and_copy_status_match_share_bar() {
    let url = "https://e.test/a?b=1&c=\"2\"<x>";
    for lang in Lang::ALL {
        same(
            &ssr_share_state(lang, url, None).await,
            &markup::share_native_item(lang),
        );
        same(
            &ssr_share_state(lang, url, Some(true)).await,
            &markup::copy_status(lang, true, url),
        );
        same(
            &ssr_share_state(lang, url, Some(false)).await,
            &markup::copy_status(lang, false, url),
        );
    }
}

#[test]
fn native_item_goes_where_the_config_puts_it() {
    let parsed = demo();
    let a = &parsed.article;
    let networks = [
        Network::Copy,
        Network::Email,
        Network::Native,
        Network::Zalo,
    ];
    assert_eq!(markup::share_native_index(&networks), Some(2));
    assert_eq!(markup::share_native_index(&[Network::Copy]), None);
    // Inserting the item at the index gives the list with native share.
    let without = markup::share_items(&a.url, &a.title, &networks, Lang::Vi, false);
    let with = markup::share_items(&a.url, &a.title, &networks, Lang::Vi, true);
    let items: Vec<&str> = without.split_inclusive("</li>").collect();
    let mut rebuilt: String = items[..2].concat();
    rebuilt.push_str(&markup::share_native_item(Lang::Vi));
    rebuilt.push_str(&items[2..].concat());
    assert_eq!(rebuilt, with);
}

// ------------------------------------------------------------ status

fn errors() -> Vec<LoadError> {
    let broken = r#"{"format":"article-widget/1","url":"javascript:alert(1)","lang":"vi",
        "published":"2022-11-25T15:15:00","body":[{"type":"paragraph","text":"x"}],
        "publisher":{"name":"P","url":"https://p.example/"}}"#;
    let invalid = match parse_article(broken.as_bytes(), None) {
        Err(e @ ParseError::Invalid(_)) => e,
        other => panic!("expected invalid, got {other:?}"),
    };
    let many: Vec<Problem> = (0..60)
        .map(|i| Problem {
            path: format!("body[{i}].text"),
            message: "must be a \"string\" <here> & there".to_owned(),
            severity: if i % 3 == 0 {
                Severity::Warning
            } else {
                Severity::Error
            },
        })
        .collect();
    vec![
        LoadError::Network("Failed to fetch \"x\" <y> & z".to_owned()),
        LoadError::Timeout { seconds: 15 },
        LoadError::Status {
            code: 503,
            retry_after: Some(30),
        },
        LoadError::Status {
            code: 404,
            retry_after: None,
        },
        LoadError::ContentType("text/html; charset=\"utf-8\"".to_owned()),
        LoadError::Parse(ParseError::Empty),
        LoadError::Parse(ParseError::TooLarge { bytes: 5_000_000 }),
        LoadError::Parse(ParseError::NotUtf8 { offset: 17 }),
        LoadError::Parse(ParseError::TooDeep),
        LoadError::Parse(ParseError::Syntax {
            line: 3,
            column: 7,
            message: "expected `,` or `}`".to_owned(),
        }),
        LoadError::Parse(invalid),
        LoadError::Parse(ParseError::Invalid(many)),
        LoadError::NoSource,
    ]
}

#[tokio::test]
async fn error_boxes_match() {
    for error in errors() {
        for lang in Lang::ALL {
            for retry in [false, true] {
                let yew = LocalServerRenderer::<ErrorBox>::with_props(ErrorBoxProps {
                    error: error.clone(),
                    lang,
                    onretry: retry.then(noop),
                })
                .hydratable(false)
                .render()
                .await;
                same(&yew, &markup::error_box(&error, lang, retry));
            }
        }
    }
}

#[tokio::test]
async fn loading_and_countdown_match() {
    for lang in Lang::ALL {
        let yew = LocalServerRenderer::<Loading>::with_props(LoadingProps { lang })
            .hydratable(false)
            .render()
            .await;
        same(&yew, &markup::loading(lang));
        for seconds in [0, 1, 9, 60, u32::MAX] {
            let yew =
                LocalServerRenderer::<Countdown>::with_props(CountdownProps { seconds, lang })
                    .hydratable(false)
                    .render()
                    .await;
            same(&yew, &markup::countdown(seconds, lang));
        }
    }
}

#[tokio::test]
async fn load_notices_match() {
    let error = LoadError::Timeout { seconds: 10 };
    let statuses = [
        Status::Idle,
        Status::Loading,
        Status::Waiting {
            error: error.clone(),
            seconds: 4,
        },
        Status::Failed(error),
        Status::Done,
    ];
    let saved = [
        None,
        Some("2024-03-01T09:05:00+07:00"),
        Some("not a date <b>\"x\""),
    ];
    for lang in Lang::ALL {
        for status in &statuses {
            for saved in saved {
                for retry in [false, true] {
                    let yew = LocalServerRenderer::<LoadNotice>::with_props(LoadNoticeProps {
                        status: status.clone(),
                        saved: saved.map(str::to_owned),
                        lang,
                        onretry: retry.then(noop),
                    })
                    .hydratable(false)
                    .render()
                    .await;
                    same(&yew, &markup::load_notice(status, saved, lang, retry));
                }
            }
        }
    }
}

#[derive(Clone, PartialEq, Properties)]
struct ViewProps {
    config: WidgetConfig,
}

#[component]
fn View(props: &ViewProps) -> Html {
    html! {
        <ContextProvider<WidgetConfig> context={props.config.clone()}>
            <ArticleView source={ArticleSource::Url("https://e.test/a.json".to_owned())} />
        </ContextProvider<WidgetConfig>>
    }
}

#[tokio::test]
async fn widget_root_while_loading_matches_article_view() {
    for theme in [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia] {
        for lang in [None, Some(Lang::Vi), Some(Lang::En)] {
            let config = WidgetConfig {
                theme,
                lang,
                ..WidgetConfig::default()
            };
            // On the server ArticleView never fetches: it shows Loading.
            let yew = LocalServerRenderer::<View>::with_props(ViewProps {
                config: config.clone(),
            })
            .hydratable(false)
            .render()
            .await;
            same(&yew, &markup::loading_widget(&config));
            let ui = lang.unwrap_or(Lang::Vi);
            same(&yew, &markup::widget(&config, ui, &markup::loading(ui)));
            let mut open = markup::widget_open(&config, ui);
            open.push_str(&markup::loading(ui));
            open.push_str(markup::WIDGET_CLOSE);
            same(&yew, &open);
        }
    }
}
