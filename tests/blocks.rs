//! The rich body blocks (lists, tables, videos, galleries, pull quotes,
//! separators, responsive photos) and right-to-left articles, rendered by
//! `markup`: golden files in both UI languages and right to left, and the
//! rules each block must keep whatever the data (escaping, no request to a
//! video host before play, accessible tables and galleries).
//!
//! Set `UPDATE_GOLDEN=1` to rewrite the files under `tests/golden/` after an
//! intended change, then review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use article_widget::config::WidgetConfig;
use article_widget::i18n::Lang;
use article_widget::markup;
use article_widget::model::{Block, VideoSource};
use article_widget::text_size::TextSize;
use article_widget::validate::{parse_article, Parsed};
use serde_json::{json, Value};

const BLOCKS: &str = include_str!("../demo/articles/minh-hoa-giai-chay-vi-moi-truong-xanh.json");
const RTL: &str = include_str!("../demo/articles/minh-hoa-bai-viet-tieng-a-rap.json");
const BASE: &str = "https://example.test/demo/articles/a.json";

fn parse(json: &str) -> Parsed {
    let parsed = parse_article(json.as_bytes(), Some(BASE)).expect("valid");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed
}

fn config(lang: Option<Lang>) -> WidgetConfig {
    WidgetConfig {
        lang,
        ..WidgetConfig::default()
    }
}

fn page(parsed: &Parsed, config: &WidgetConfig) -> String {
    let n = parsed.article.body.len();
    markup::article_page(parsed, config, "aw1", TextSize::default(), n)
}

fn check_golden(name: &str, html: &str) {
    let actual = html.replace("><", ">\n<") + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).expect("write golden");
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

#[test]
fn every_block_golden_in_both_languages_and_right_to_left() {
    let blocks = parse(BLOCKS);
    let kinds: Vec<&str> = blocks
        .article
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Figure(f) if !f.srcset.is_empty() => "responsive figure",
            Block::Figure(_) => "figure",
            Block::Quote { .. } => "quote",
            Block::Pullquote { .. } => "pullquote",
            Block::List(l) if l.ordered => "ordered list",
            Block::List(_) => "list",
            Block::Table(_) => "table",
            Block::Video(_) => "video",
            Block::Gallery(_) => "gallery",
            Block::Separator => "separator",
        })
        .collect();
    for kind in [
        "paragraph",
        "heading",
        "responsive figure",
        "quote",
        "pullquote",
        "ordered list",
        "list",
        "table",
        "video",
        "gallery",
        "separator",
    ] {
        assert!(kinds.contains(&kind), "the demo has no {kind}: {kinds:?}");
    }
    check_golden("blocks.vi.html", &page(&blocks, &config(Some(Lang::Vi))));
    check_golden("blocks.en.html", &page(&blocks, &config(Some(Lang::En))));
    let rtl = parse(RTL);
    assert!(rtl.article.is_rtl());
    let html = page(&rtl, &config(None));
    assert!(html.contains("<article lang=\"ar\" dir=\"rtl\""), "{html}");
    check_golden("blocks-rtl.en.html", &html);
    check_golden("blocks-rtl.vi.html", &page(&rtl, &config(Some(Lang::Vi))));
}

#[test]
fn every_article_states_its_direction() {
    let mut v: Value = serde_json::from_str(BLOCKS).unwrap();
    let dir_of = |v: &Value| {
        let html = page(&parse(&v.to_string()), &config(None));
        let at = html.find(" dir=\"").unwrap() + 6;
        html[at..at + 3].to_owned()
    };
    assert_eq!(dir_of(&v), "ltr");
    for (lang, dir) in [
        ("ar", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("az-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("en", "ltr"),
        ("arn", "ltr"),
    ] {
        v["lang"] = json!(lang);
        assert_eq!(dir_of(&v), dir, "{lang}");
    }
    v["lang"] = json!("ar");
    v["dir"] = json!("ltr");
    assert_eq!(dir_of(&v), "ltr", "an explicit dir wins over the language");
    v["lang"] = json!("vi");
    v["dir"] = json!("rtl");
    assert_eq!(dir_of(&v), "rtl");
}

#[test]
fn the_updated_time_and_the_publisher_line_are_shown() {
    let blocks = parse(BLOCKS);
    let vi = page(&blocks, &config(Some(Lang::Vi)));
    assert!(
        vi.contains(
            "<span class=\"aw-updated\">Cập nhật: <time datetime=\"2022-11-27T16:30:00+07:00\""
        ),
        "{vi}"
    );
    assert!(vi.contains("Chủ Nhật, 27/11/2022 16:30</time>"), "{vi}");
    let line_at = vi.find("<p class=\"aw-publisher\">").unwrap();
    let line = &vi[line_at..line_at + vi[line_at..].find("</p>").unwrap()];
    assert!(line.contains("logo-haiphong.svg"), "{line}");
    assert!(
        line.contains(&format!(
            "Bài gốc đăng trên <a href=\"{}\"",
            blocks.article.original_url.as_deref().unwrap()
        )),
        "{line}"
    );
    assert!(
        line.contains(">Cổng tin tức Thành phố Hải Phòng<"),
        "{line}"
    );
    // Without an update the date line has no "updated" part.
    let rtl = parse(&RTL.replace("\"updated\"", "\"x_updated\""));
    assert!(!page(&rtl, &config(None)).contains("aw-updated"));
}

#[test]
fn the_video_facade_asks_nothing_of_the_video_host() {
    let blocks = parse(BLOCKS);
    let index = blocks
        .article
        .body
        .iter()
        .position(|b| matches!(b, Block::Video(_)))
        .unwrap();
    let html = page(&blocks, &config(None));
    // Nothing on the page loads from YouTube: the only YouTube URL is the
    // facade's link to the video page, followed only on a click.
    for host in ["youtube-nocookie.com", "ytimg.com", "<iframe"] {
        assert!(!html.contains(host), "{host} in {html}");
    }
    let facade = &html[html.find("<figure class=\"aw-video\">").unwrap()..];
    assert!(facade.starts_with(&format!(
        "<figure class=\"aw-video\"><a href=\"https://www.youtube.com/watch?v=M7lc1UVf-VE\" \
         target=\"_blank\" rel=\"noopener noreferrer\" data-aw-video=\"{index}\""
    )));
    let player = markup::video_player(&blocks, &WidgetConfig::default(), index).unwrap();
    assert_eq!(
        player,
        "<iframe src=\"https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&amp;playsinline=1&amp;rel=0\" \
         title=\"Lễ xuất phát giải chạy “Vì môi trường xanh” (video minh họa)\" \
         allow=\"autoplay; encrypted-media; fullscreen; picture-in-picture; clipboard-write\" \
         sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox\" \
         allowfullscreen referrerpolicy=\"strict-origin-when-cross-origin\" class=\"aw-video-player\"></iframe>\
         <a href=\"https://www.youtube.com/watch?v=M7lc1UVf-VE\" target=\"_blank\" rel=\"noopener noreferrer\" \
         class=\"aw-video-page\">Xem trên YouTube<span class=\"aw-visually-hidden\"> (mở trong thẻ mới)</span></a>"
    );
    // No player for a block that is not a video, or past the end.
    assert_eq!(
        markup::video_player(&blocks, &WidgetConfig::default(), 0),
        None
    );
    assert_eq!(
        markup::video_player(&blocks, &WidgetConfig::default(), 999),
        None
    );
}

fn one_block(block: &Value) -> Parsed {
    let mut v: Value = serde_json::from_str(BLOCKS).unwrap();
    v["body"] = json!([block]);
    parse_article(v.to_string().as_bytes(), Some(BASE)).expect("valid")
}

#[test]
fn each_provider_plays_from_its_own_player() {
    let cases = [
        (
            json!({"provider": "vimeo", "id": "76979871"}),
            "https://vimeo.com/76979871",
            Some("https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"),
        ),
        (
            json!({"provider": "facebook", "url": "https://www.facebook.com/haiphong/videos/123/"}),
            "https://www.facebook.com/haiphong/videos/123/",
            Some("https://www.facebook.com/plugins/video.php?autoplay=true&amp;show_text=false&amp;href=https%3A%2F%2Fwww.facebook.com%2Fhaiphong%2Fvideos%2F123%2F"),
        ),
        // A generic player is framed only from an allowed host.
        (
            json!({"provider": "iframe", "url": "https://player.example.org/v/1?a=1&b=2"}),
            "https://player.example.org/v/1?a=1&amp;b=2",
            Some("https://player.example.org/v/1?a=1&amp;b=2"),
        ),
        (
            json!({"provider": "iframe", "url": "https://other.example.org/v/1"}),
            "https://other.example.org/v/1",
            None,
        ),
        (
            json!({"provider": "iframe", "url": "https://player.example.org:8443/v/1"}),
            "https://player.example.org:8443/v/1",
            None,
        ),
    ];
    let config = WidgetConfig {
        video_hosts: vec!["Player.Example.org".to_owned()],
        lang: Some(Lang::En),
        ..WidgetConfig::default()
    };
    for (source, page_url, player) in cases {
        let mut block = source.clone();
        block["type"] = json!("video");
        block["title"] = json!("T");
        let parsed = one_block(&block);
        let html = markup::body_blocks(&parsed, &config, 0, 1);
        assert!(
            html.contains(&format!("<a href=\"{page_url}\"")),
            "{source}: {html}"
        );
        let got = markup::video_player(&parsed, &config, 0);
        if let Some(src) = player {
            assert!(html.contains("data-aw-video=\"0\""), "{html}");
            assert!(got
                .unwrap()
                .starts_with(&format!("<iframe src=\"{src}\" title=\"T\"")));
        } else {
            // Not framed: the facade is a plain link that says it opens a tab.
            assert!(!html.contains("data-aw-video"), "{html}");
            assert!(
                html.contains("aw-visually-hidden\"> (opens in a new tab)"),
                "{html}"
            );
            assert_eq!(got, None);
        }
    }
}

/// Hostile text in every new field stays text; hostile URLs never arrive.
#[test]
fn hostile_values_in_every_new_field_stay_text() {
    let evil = "\"><script>alert(1)</script><img src=x onerror=alert(1)>&amp;";
    let figure = json!({"src": "a.jpg", "width": 8, "height": 5, "alt": evil,
        "caption": evil, "credit": evil,
        "srcset": [{"src": "a-1.jpg?q=\"><b>", "width": 4}]});
    let blocks = [
        json!({"type": "paragraph", "text": [evil, {"text": evil, "href": "https://x.vn/?q=\"><b>", "em": true, "strong": true}]}),
        json!({"type": "list", "items": [evil, {"text": [evil], "items": [evil, [{"text": evil, "em": true}]]}]}),
        json!({"type": "table", "caption": evil, "header": [evil], "rows": [[evil, evil]], "row_headers": true}),
        json!({"type": "video", "provider": "iframe", "url": "https://p.example/?q=\"><b>", "title": evil,
            "poster": {"src": "p.jpg?\"<b>", "width": 8, "height": 5, "alt": evil}, "caption": evil, "credit": evil}),
        json!({"type": "gallery", "caption": evil, "figures": [figure.clone(), figure.clone()]}),
        json!({"type": "pullquote", "text": evil, "cite": evil}),
        json!({"type": "figure", "src": "a.jpg", "width": 8, "height": 5, "alt": evil,
            "srcset": [{"src": "a-1.jpg?q=\"><b>", "width": 4}]}),
    ];
    let config = WidgetConfig {
        video_hosts: vec!["p.example".to_owned()],
        ..WidgetConfig::default()
    };
    for block in blocks {
        let parsed = one_block(&block);
        assert!(parsed.warnings.is_empty(), "{block}: {:?}", parsed.warnings);
        let mut html = markup::body_blocks(&parsed, &config, 0, 1);
        html.push_str(&markup::video_player(&parsed, &config, 0).unwrap_or_default());
        for bad in ["<script", "<img src=x", "<b>"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&amp;amp;"), "{html}");
    }
}

#[test]
fn tables_and_galleries_are_keyboard_scrollable_and_named() {
    let blocks = parse(BLOCKS);
    let html = page(&blocks, &config(Some(Lang::Vi)));
    assert!(html.contains(
        "<div role=\"region\" tabindex=\"0\" aria-label=\"Thành tích tốt nhất theo cự ly (số liệu minh họa)\" class=\"aw-table\"><table><caption>"
    ));
    assert!(html.contains("<th scope=\"col\">Cự ly</th>"));
    assert!(html.contains("<tr><th scope=\"row\">5 km</th><td>16:42</td>"));
    assert!(html.contains(
        "<figure class=\"aw-gallery\"><div role=\"region\" tabindex=\"0\" aria-label=\"Một số hình ảnh tại giải chạy (ảnh minh họa)\" class=\"aw-gallery-track\">"
    ));
    // Without captions they are named by the widget's words.
    let table = one_block(&json!({"type": "table", "rows": [["a"]]}));
    let html = markup::body_blocks(&table, &config(Some(Lang::En)), 0, 1);
    assert!(html.contains("aria-label=\"Table\""), "{html}");
    assert!(
        !html.contains("<caption>") && !html.contains("<thead>"),
        "{html}"
    );
    let gallery = one_block(&json!({"type": "gallery", "figures": [
        {"src": "a.jpg", "width": 8, "height": 5, "alt": "A"}]}));
    let html = markup::body_blocks(&gallery, &config(Some(Lang::Vi)), 0, 1);
    assert!(html.contains("aria-label=\"Bộ ảnh\""), "{html}");
}

#[test]
fn a_responsive_photo_is_lazy_and_sized_by_its_own_width() {
    let blocks = parse(BLOCKS);
    let body = &blocks.article.body;
    let at = body
        .iter()
        .position(|b| matches!(b, Block::Figure(f) if !f.srcset.is_empty()))
        .unwrap();
    assert!(at < markup::EAGER_FIGURE_BLOCKS);
    assert!(
        !markup::loads_eagerly(body, at),
        "a responsive photo is lazy, even first"
    );
    let html = markup::body_blocks(&blocks, &config(None), at, at + 1);
    assert!(
        html.contains(
            "srcset=\"https://example.test/demo/images/duong-chay-480.svg 480w, \
             https://example.test/demo/images/duong-chay-1280.svg 1280w\" \
             sizes=\"auto, min(100vw, 46rem)\" width=\"1280\" height=\"720\""
        ),
        "{html}"
    );
    assert!(html.contains("loading=\"lazy\""), "{html}");
    // A plain first photo stays eager.
    let plain =
        one_block(&json!({"type": "figure", "src": "a.jpg", "width": 8, "height": 5, "alt": "A"}));
    assert!(markup::loads_eagerly(&plain.article.body, 0));
}

#[test]
fn lists_nest_one_level_and_keep_links_and_emphasis() {
    let parsed = one_block(&json!({"type": "list", "ordered": true, "items": [
        "a",
        {"text": ["b ", {"text": "c", "href": "https://x.vn/", "strong": true}], "ordered": false, "items": ["d", [{"text": "e", "em": true}]]},
        {"text": "f", "items": ["g"]}
    ]}));
    let html = markup::body_blocks(&parsed, &config(Some(Lang::Vi)), 0, 1);
    assert_eq!(
        html,
        "<ol class=\"aw-list\"><li>a</li>\
         <li>b <a href=\"https://x.vn/\" target=\"_blank\" rel=\"noopener noreferrer\"><strong>c</strong>\
         <span class=\"aw-visually-hidden\"> (mở trong thẻ mới)</span></a>\
         <ul><li>d</li><li><em>e</em></li></ul></li>\
         <li>f<ol><li>g</li></ol></li></ol>"
    );
    let Block::List(list) = &parsed.article.body[0] else {
        panic!("a list");
    };
    assert_eq!(list.items[1].text.to_plain(), "b c");
    assert!(matches!(
        one_block(&json!({"type": "video", "provider": "youtube", "id": "M7lc1UVf-VE", "title": "T"}))
            .article
            .body[0],
        Block::Video(ref v) if v.source == VideoSource::Youtube { id: "M7lc1UVf-VE".to_owned() }
    ));
}

#[test]
fn rich_articles_round_trip_through_serde() {
    for doc in [BLOCKS, RTL] {
        let parsed = parse(doc);
        let text = serde_json::to_string(&parsed.article).unwrap();
        let again = parse_article(text.as_bytes(), None).expect("round-trip parses");
        assert_eq!(again.article, parsed.article);
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        let typed: article_widget::model::Article = serde_json::from_str(&text).unwrap();
        assert_eq!(typed, parsed.article);
    }
}

#[test]
fn runs_keep_their_spaces_through_a_round_trip() {
    for text in [
        json!([" a "]),
        json!(["a", " "]),
        json!([{"text": " b ", "em": true}]),
    ] {
        let parsed = one_block(&json!({"type": "list", "items": [text.clone(), {"text": text}]}));
        let written = serde_json::to_vec(&parsed.article).unwrap();
        let again = parse_article(&written, None).unwrap();
        assert_eq!(again.article, parsed.article);
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    }
}
