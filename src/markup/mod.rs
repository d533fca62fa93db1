//! The article page as HTML strings, without Yew: what the embed engine
//! renders and its JavaScript shell puts into the shadow root.
//!
//! Every function here mirrors one of the Yew components in
//! `src/components/` and writes the same bytes Yew's server renderer writes
//! for it: the same elements, the same attribute order (Yew writes `class`
//! last, an `<input>`'s `value` first), the same text. The CSS, the e2e tests
//! and the reader therefore see one page whichever renderer made it.
//! `tests/markup_parity.rs` renders the components with
//! `yew::LocalServerRenderer` and compares them byte for byte with these
//! functions (after mapping the per-widget id prefix). States that only an
//! effect reaches (a QR code made, the native share button, a copy result,
//! a stored text size) are compared with the markup the component's own
//! `html!` writes for that state.
//!
//! Security: every string from the article, the configuration or an error
//! goes through one function, [`escape`], whether it lands in text or in an
//! attribute (always double-quoted). It escapes `&`, `<`, `>` and `"`; Yew
//! leaves `"` unescaped in text, which the parity test accounts for (the
//! DOM is the same). `'` is left as Yew leaves it: no attribute is
//! single-quoted, so it cannot end one.
//!
//! The module is pure (no Yew, no browser APIs) and written for a small wasm:
//! markup is pushed into one `String`, with no `format!` on the way.
//!
//! One file per part of the page: [`page`] (the widget root and the whole
//! article), [`header`] (toolbar), [`body`] with [`figure`], [`list`],
//! [`table`] and [`video`], [`footer`]
//! (byline, source, omitted parts), [`share`], [`qr`], [`social`],
//! [`related`] and [`status`] (loading, errors, notices). The helpers below
//! (escaping, attributes, placeholders) are the only way markup is written.

use crate::i18n::Labels;
use crate::prelude::*;

pub mod body;
pub mod figure;
pub mod footer;
pub mod header;
#[cfg(feature = "rich")]
pub mod list;
pub mod page;
pub mod qr;
pub mod related;
pub mod share;
pub mod social;
pub mod status;
#[cfg(feature = "rich")]
pub mod table;
#[cfg(feature = "rich")]
pub mod video;

pub use body::{body_blocks, loads_eagerly, EAGER_FIGURE_BLOCKS};
pub use footer::footer_inner;
pub use header::text_size_group;
pub use page::{article_page, article_page_without_footer, widget, widget_open, WIDGET_CLOSE};
pub use qr::{
    qr_code_markup, qr_downloads_markup, qr_downloads_placeholder, qr_figures, qr_result, QrSpec,
};
pub use share::{copy_status, share_items, share_native_index, share_native_item};
pub use status::{countdown, countdown_text, error_box, load_notice, loading, loading_widget};
#[cfg(feature = "rich")]
pub use video::video_player;
/// Appends `s` to `out` with `&`, `<`, `>` and `"` escaped: safe as text and
/// inside a double-quoted attribute.
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        // `i` and `last` sit next to ASCII bytes, so they are char boundaries.
        out.push_str(s.get(last..i).unwrap_or_default());
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(s.get(last..).unwrap_or_default());
}

/// `s` escaped as by [`escape_into`].
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Pushes ` name="value"` with the value escaped (the one way an
/// attribute is written, here and in the prerendered widget).
pub(crate) fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(out, value);
    out.push('"');
}

/// Pushes `<tag`.
fn open(out: &mut String, tag: &str) {
    out.push('<');
    out.push_str(tag);
}

/// Pushes ` class="class">`, ending an opening tag as Yew does (class last).
fn class_end(out: &mut String, class: &str) {
    out.push_str(" class=\"");
    out.push_str(class);
    out.push_str("\">");
}

/// Pushes `</tag>`.
fn close(out: &mut String, tag: &str) {
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// `text` with every `{name}` placeholder replaced, as the components do
/// with `str::replace`. Searched byte by byte: `str::replace` would bring
/// the two-way substring searcher (about 2 KB of wasm) for these few short
/// label templates.
fn fill(text: &str, name: &str, value: &str) -> String {
    if name.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + value.len());
    let mut rest = text;
    while let Some(at) = rest
        .as_bytes()
        .windows(name.len())
        .position(|w| w == name.as_bytes())
    {
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(value);
        rest = rest.get(at + name.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The tag name for a heading level, clamped to `h1`..=`h6` (shared with
/// the reader's components).
pub fn heading_tag(level: u8) -> &'static str {
    match level {
        0 | 1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// ` (opens in a new tab)` in a visually hidden span.
fn new_tab(out: &mut String, l: &Labels) {
    out.push_str("<span class=\"aw-visually-hidden\"> (");
    escape_into(out, l.new_tab);
    out.push_str(")</span>");
}

/// `<hN id=".." class="aw-section-title">text</hN>` one level below the title.
fn section_title(out: &mut String, title_level: u8, id: &str, text: &str) {
    let tag = heading_tag(title_level.saturating_add(1));
    open(out, tag);
    attr(out, "id", id);
    class_end(out, "aw-section-title");
    escape_into(out, text);
    close(out, tag);
}

/// `ids` followed by `suffix`, e.g. `aw7-title`.
fn id(ids: &str, suffix: &str) -> String {
    let mut s = String::with_capacity(ids.len() + suffix.len());
    s.push_str(ids);
    s.push_str(suffix);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::load::Status;
    use crate::model::{Block, Figure};
    use crate::text_size::TextSize;

    #[test]
    fn fill_replaces_every_placeholder_like_str_replace() {
        for (text, name) in [
            ("Thử lại sau {seconds} giây", "{seconds}"),
            ("{a}{a} và {a}", "{a}"),
            ("không có", "{a}"),
            ("", "{a}"),
            ("{a", "{a}"),
            ("ậ{a}ậ", "{a}"),
        ] {
            assert_eq!(fill(text, name, "ủ"), text.replace(name, "ủ"), "{text}");
        }
    }

    #[test]
    fn only_the_first_figure_near_the_top_loads_eagerly() {
        let p = || Block::Paragraph { text: "x".into() };
        let f = || {
            Block::Figure(Figure {
                src: "https://e.test/a.png".into(),
                width: 10,
                height: 10,
                alt: "a".into(),
                caption: None,
                credit: None,
                srcset: Vec::new(),
            })
        };
        let body = [p(), f(), p(), f()];
        let eager: Vec<bool> = (0..5).map(|i| loads_eagerly(&body, i)).collect();
        assert_eq!(eager, [false, true, false, false, false]);
        let late = [p(), p(), p(), f()];
        assert!(
            (0..4).all(|i| !loads_eagerly(&late, i)),
            "below the first screen"
        );
    }

    #[test]
    fn escape_covers_the_floor_and_keeps_the_rest() {
        assert_eq!(
            escape("a & b < c > d \"e\" 'f' ậ"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; 'f' ậ"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("&&<<"), "&amp;&amp;&lt;&lt;");
        assert_eq!(escape("Gốc"), "Gốc");
    }

    #[test]
    fn attributes_are_escaped_and_double_quoted() {
        let mut out = String::new();
        attr(&mut out, "href", "https://e.test/?a=1&b=\"><script>");
        assert_eq!(
            out,
            " href=\"https://e.test/?a=1&amp;b=&quot;&gt;&lt;script&gt;\""
        );
    }

    #[test]
    fn text_size_group_reflects_the_size() {
        let smallest = TextSize::from_storage(Some("0"));
        let html = text_size_group(Lang::En, smallest);
        assert_eq!(html.matches("aria-disabled=\"true\"").count(), 1);
        assert!(html.contains("85%"));
        let original = text_size_group(Lang::Vi, TextSize::default());
        assert!(original.contains("Cỡ chữ hiện tại: 100%"));
        assert!(original.ends_with("</span>"));
    }

    #[test]
    fn heading_levels_clamp() {
        assert_eq!(heading_tag(0), "h1");
        assert_eq!(heading_tag(2), "h2");
        assert_eq!(heading_tag(255), "h6");
    }

    #[test]
    fn load_notice_is_empty_for_a_settled_article() {
        assert_eq!(load_notice(&Status::Done, None, Lang::Vi, true), "");
        assert_eq!(load_notice(&Status::Idle, None, Lang::En, false), "");
        assert!(load_notice(&Status::Loading, None, Lang::En, true).contains("aw-updating"));
        // No retry button without an error.
        assert!(!load_notice(&Status::Loading, None, Lang::En, true).contains("aw-button"));
    }
}

/// Property tests: whatever text an article (or an error) carries, it adds
/// no markup: the `<`, `>` and `"` in the output are exactly those of the
/// same page with harmless text of the same length.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::config::WidgetConfig;
    use crate::i18n::Lang;
    use crate::load::{LoadError, Status};
    use crate::model::{
        Article, Block, Figure, Gallery, Image, ImageFile, List, ListItem, Person, Related, Run,
        SocialPage, Source, Table, Text, Video, VideoSource,
    };
    use crate::text_size::TextSize;
    use crate::validate::{parse_article, ParseError, Severity};
    use crate::validate::{Parsed, Problem};

    const DEMO: &str =
        include_str!("../../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
    const BASE: &str =
        "https://example.test/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

    /// The demo article with every text field (and every URL, which the
    /// validator would never let through like this) set to `s`.
    #[allow(clippy::too_many_lines)] // one block of every kind, spelt out
    fn article_with(s: &str) -> Option<Parsed> {
        let mut parsed = parse_article(DEMO.as_bytes(), Some(BASE)).ok()?;
        let a: &mut Article = &mut parsed.article;
        let o = || Some(s.to_owned());
        s.clone_into(&mut a.title);
        a.lead = o();
        s.clone_into(&mut a.lang);
        s.clone_into(&mut a.url);
        a.original_url = o();
        let text = || {
            Text(vec![
                Run {
                    text: s.to_owned(),
                    ..Run::default()
                },
                Run {
                    text: s.to_owned(),
                    href: o(),
                    em: true,
                    strong: true,
                },
            ])
        };
        let figure = Figure {
            src: s.to_owned(),
            width: 4,
            height: 3,
            alt: s.to_owned(),
            caption: o(),
            credit: o(),
            srcset: vec![ImageFile {
                src: s.to_owned(),
                width: 2,
            }],
        };
        let video = |source| {
            Block::Video(Video {
                source,
                title: s.to_owned(),
                poster: Some(Image {
                    src: s.to_owned(),
                    width: 1,
                    height: 1,
                    alt: s.to_owned(),
                }),
                caption: o(),
                credit: o(),
            })
        };
        a.tags = vec![s.to_owned()];
        a.body = vec![
            Block::Paragraph { text: text() },
            Block::List(List {
                ordered: true,
                items: vec![ListItem {
                    text: text(),
                    items: vec![text()],
                    ordered: None,
                }],
            }),
            Block::Table(Table {
                caption: o(),
                header: vec![s.to_owned()],
                rows: vec![vec![s.to_owned(), s.to_owned()]],
                row_headers: true,
            }),
            video(VideoSource::Youtube { id: s.to_owned() }),
            video(VideoSource::Facebook { url: s.to_owned() }),
            video(VideoSource::Iframe {
                url: ["https://h.example/v?q=", s].concat(),
            }),
            Block::Gallery(Gallery {
                figures: vec![figure.clone(), figure.clone()],
                caption: o(),
            }),
            Block::Pullquote {
                text: s.to_owned(),
                cite: o(),
            },
            Block::Separator,
            Block::Figure(figure.clone()),
            Block::Heading {
                level: 3,
                text: s.to_owned(),
            },
            Block::Quote {
                text: s.to_owned(),
                cite: o(),
            },
            Block::Figure(Figure {
                srcset: Vec::new(),
                ..figure.clone()
            }),
        ];
        a.authors = vec![
            Person {
                name: s.to_owned(),
                url: o(),
            },
            Person {
                name: s.to_owned(),
                url: None,
            },
        ];
        a.source = Some(Source {
            name: s.to_owned(),
            url: o(),
        });
        a.publisher.social = vec![SocialPage {
            network: s.to_owned(),
            name: s.to_owned(),
            url: s.to_owned(),
        }];
        let related = |json| Related {
            title: s.to_owned(),
            url: s.to_owned(),
            json,
            published: a.related.first().and_then(|r| r.published),
            thumbnail: Some(Image {
                src: s.to_owned(),
                width: 1,
                height: 1,
                alt: s.to_owned(),
            }),
        };
        a.related = vec![related(o()), related(None)];
        parsed.warnings = vec![Problem {
            path: s.to_owned(),
            message: s.to_owned(),
            severity: Severity::Warning,
        }];
        Some(parsed)
    }

    /// Everything this module renders from `s`, in one string.
    fn render_all(s: &str, config: &WidgetConfig) -> String {
        let Some(parsed) = article_with(s) else {
            return String::new();
        };
        let lang = config.lang.unwrap_or(Lang::Vi);
        let mut out = article_page(&parsed, config, "aw1", TextSize::default(), 20);
        out.push_str(&body_blocks(&parsed, config, 0, 20));
        for index in 0..20 {
            out.push_str(&video_player(&parsed, config, index).unwrap_or_default());
        }
        out.push_str(&copy_status(lang, false, s));
        out.push_str(&copy_status(lang, true, s));
        for spec in qr_figures(&parsed, config) {
            let (a, b) = qr_result(&spec, qr::encode(&spec.data).as_ref(), "aw1", lang);
            out.push_str(&a);
            out.push_str(&b);
        }
        let problem = Problem {
            path: s.to_owned(),
            message: s.to_owned(),
            severity: Severity::Error,
        };
        for error in [
            LoadError::Network(s.to_owned()),
            LoadError::ContentType(s.to_owned()),
            LoadError::Parse(ParseError::Syntax {
                line: 1,
                column: 1,
                message: s.to_owned(),
            }),
            LoadError::Parse(ParseError::Invalid(vec![problem])),
        ] {
            out.push_str(&error_box(&error, lang, true));
            out.push_str(&load_notice(&Status::Failed(error), Some(s), lang, true));
        }
        out
    }

    use crate::qr;

    fn count(html: &str, c: char) -> usize {
        html.matches(c).count()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn text_never_becomes_markup(
            s in "[<>&\"'/= a-zA-Z0-9\u{e0}-\u{1ef9}]{0,40}|\\PC{0,20}",
            vi in any::<bool>(),
        ) {
            let config = WidgetConfig {
                lang: Some(if vi { Lang::Vi } else { Lang::En }),
                video_hosts: vec!["h.example".to_owned()],
                ..WidgetConfig::default()
            };
            let evil = render_all(&s, &config);
            // Same byte length: the same QR codes fit or fail.
            let safe = render_all(&"x".repeat(s.len()), &config);
            prop_assert!(!evil.is_empty());
            for c in ['<', '>', '"'] {
                prop_assert_eq!(count(&evil, c), count(&safe, c), "{} in {}", c, evil);
            }
        }
    }
}
