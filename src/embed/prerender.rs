//! A widget prerendered as HTML: the `<article-widget>` element holding a
//! declarative shadow root (`<template shadowrootmode="open">`) with the
//! widget's stylesheet and the whole article as the embed shows it once
//! everything is in (every body block, the footer, the QR codes drawn),
//! except the QR code's download links, which the loader adds.
//!
//! A page that carries this markup shows the article before any script runs
//! (and with scripts off). When `embed/embed.js` then finds the element, it
//! compares the article it fetched with the prerendered one through a
//! [`fingerprint`]: equal, it keeps the nodes and only attaches behaviour;
//! different (the article was updated), it renders once.
//!
//! The fingerprint is taken over the widget's markup with the QR codes still
//! pending (their content follows from URLs already in that markup), so the
//! engine computes it without encoding a QR code. It covers the article and
//! the options (language, theme, share list), and changes whenever the
//! markup the engine would write changes, including after an engine upgrade.
//!
//! The contract with `embed.js`: the shadow root's container is
//! `div.aw-embed` (see [`CONTAINER_CLASS`]) with `data-ids` (the id prefix
//! the engine must use so ids match) and `data-fingerprint`.
//! Pure string work, tested natively; the command line's `render` and `site`
//! are thin layers over [`prerender`].

use crate::config::WidgetConfig;
use crate::embed::css::{self, CONTAINER_CLASS};
use crate::embed::RawOptions;
use crate::markup::{self, attr};
use crate::prelude::*;
use crate::qr;
use crate::text_size::TextSize;
use crate::validate::{parse_article, ParseError, Parsed};

/// The container attribute holding the widget's id prefix.
pub const IDS_ATTRIBUTE: &str = "data-ids";

/// The container attribute holding the [`fingerprint`].
pub const FINGERPRINT_ATTRIBUTE: &str = "data-fingerprint";

/// One prerendered widget.
#[derive(Debug)]
pub struct Prerendered {
    /// The checked article shown.
    pub parsed: Parsed,
    /// The `<article-widget>` element with its declarative shadow root.
    pub html: String,
    /// The fingerprint `embed.js` compares with the fetched article's.
    pub fingerprint: String,
    /// The id prefix of the widget's elements.
    pub ids: String,
}

/// Rules of a prerendered widget only: until `embed.js` defines the
/// element (scripts off, or the script not loaded yet or blocked), its
/// buttons (print, text size, copy link) would do nothing, so they are
/// hidden; `visibility` keeps their room, so nothing moves when the script
/// arrives. Links (share, related, social pages) work without it.
pub const SCRIPTLESS_CSS: &str = ":host(:not(:defined)) button{visibility:hidden}";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// How `markup::article_page_without_footer` ends: its empty footer and the
/// end of the article (the tests fail if it changes).
const FOOTER_END: &str = "</footer></article>";

/// 64-bit FNV-1a of `bytes`, continued from `hash`.
fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// `hash` as 16 lower-case hex digits.
fn hex(hash: u64) -> String {
    let mut out = String::with_capacity(16);
    for shift in (0..16).rev() {
        let nibble = ((hash >> (shift * 4)) & 0xf) as u8;
        out.push(char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + nibble - 10
        }));
    }
    out
}

/// 64-bit FNV-1a of `bytes` as 16 lower-case hex digits: small enough for
/// the wasm, and only ever compared for equality (not a security check: a
/// page that forges one only gets its own prerendered markup kept).
pub fn hash_hex(bytes: &[u8]) -> String {
    hex(fnv(FNV_OFFSET, bytes))
}

/// The widget's markup at rest with the QR codes still pending: the root,
/// the whole article with every body block and the footer, the default
/// text size.
fn markup_at_rest(parsed: &Parsed, config: &WidgetConfig, ids: &str) -> String {
    let lang = config.ui_lang(&parsed.article.lang);
    let mut out = markup::widget_open(config, lang);
    out.push_str(&markup::article_page(
        parsed,
        config,
        ids,
        TextSize::default(),
        parsed.article.body.len(),
    ));
    out.push_str(markup::WIDGET_CLOSE);
    out
}

/// The fingerprint of the widget showing `parsed` with `config` and `ids`
/// (what `embed.js` compares, through the engine, with the prerendered
/// container's [`FINGERPRINT_ATTRIBUTE`]): the hash of the widget's markup
/// at rest, fed in the pieces the engine already makes, so the engine
/// builds no page-sized string for it (tested equal to hashing the whole).
pub fn fingerprint(parsed: &Parsed, config: &WidgetConfig, ids: &str) -> String {
    let lang = config.ui_lang(&parsed.article.lang);
    let body = parsed.article.body.len();
    let page = markup::article_page_without_footer(parsed, config, ids, TextSize::default(), body);
    // The page ends with its empty footer: the footer's inside goes there.
    let (head, end) = match page.strip_suffix(FOOTER_END) {
        Some(head) => (head, FOOTER_END),
        None => (page.as_str(), ""),
    };
    let mut hash = fnv(FNV_OFFSET, markup::widget_open(config, lang).as_bytes());
    hash = fnv(hash, head.as_bytes());
    hash = fnv(hash, markup::footer_inner(parsed, config, ids).as_bytes());
    hash = fnv(hash, end.as_bytes());
    hex(fnv(hash, markup::WIDGET_CLOSE.as_bytes()))
}

/// The id prefix of a prerendered widget of the article at `url`: `awp`
/// and a hash of the URL, so that widgets of different articles on one
/// page have different ids, and differ from the `aw1`, `aw2`… the loader
/// gives widgets it renders itself.
pub fn ids_for(url: &str) -> String {
    let mut ids = String::from("awp");
    ids.push_str(&hash_hex(url.as_bytes())[..8]);
    ids
}

/// `markup` with every pending QR box replaced by its drawn code.
///
/// The downloads paragraph after a code's caption is held by buttons
/// ([`markup::qr_downloads_placeholder`]): its SVG link would carry the
/// whole code again as a percent-encoded `data:` URL (about 5 KB for the
/// demo article's code, before the rest of the footer), and its PNG button
/// needs the script anyway. The loader puts the real paragraph in their
/// place once it has adopted the widget, when the page is idle; the
/// buttons kept its room, so nothing below the code moves then.
fn draw_qr_codes(markup: &str, parsed: &Parsed, config: &WidgetConfig, ids: &str) -> String {
    const FIGURE: &str = "<figure class=\"aw-qr\">";
    const PENDING: &str = "aw-qr-pending";
    const CAPTION_END: &str = "</figcaption>";
    let lang = config.ui_lang(&parsed.article.lang);
    let mut out = String::with_capacity(markup.len() + 8192);
    let mut rest = markup;
    for spec in markup::qr_figures(parsed, config) {
        // All article data in `markup` is escaped, so these tags can only
        // be the markup's own.
        let Some(figure) = rest.find(FIGURE) else {
            break;
        };
        let Some(pending) = rest[figure..].find(PENDING).map(|p| figure + p) else {
            break;
        };
        let Some(box_start) = rest[..pending].rfind('<') else {
            break;
        };
        let Some(box_end) = rest[pending..].find("</div>").map(|e| pending + e + 6) else {
            break;
        };
        let code = qr::encode(&spec.data);
        out.push_str(&rest[..box_start]);
        out.push_str(&markup::qr_code_markup(&spec, code.as_ref(), ids, lang));
        rest = &rest[box_end..];
        if let (Ok(_), Some(caption)) = (&code, rest.find(CAPTION_END)) {
            let caption = caption + CAPTION_END.len();
            out.push_str(&rest[..caption]);
            out.push_str(&markup::qr_downloads_placeholder(&spec, lang));
            rest = &rest[caption..];
        }
    }
    out.push_str(rest);
    out
}

/// Prerenders the article in `bytes` as a widget whose `src` attribute is
/// `src` (where the loader fetches the article to check it is current;
/// `base` resolves the article's relative URLs, normally `src` made
/// absolute). `options` are the element's other attributes (`lang`,
/// `theme`, `share`, `heading`; `src`, `json` and `base` there are
/// ignored). `ids` is
/// the id prefix, by default [`ids_for`] the article's URL.
///
/// # Errors
///
/// The article's [`ParseError`] when it is not a valid article.
pub fn prerender(
    bytes: &[u8],
    src: &str,
    base: Option<&str>,
    options: &RawOptions,
    ids: Option<&str>,
) -> Result<Prerendered, ParseError> {
    let parsed = parse_article(bytes, base)?;
    let config = options.resolve().config;
    let ids = ids.map_or_else(|| ids_for(&parsed.article.url), ToOwned::to_owned);
    let at_rest = markup_at_rest(&parsed, &config, &ids);
    let fingerprint = hash_hex(at_rest.as_bytes());
    let drawn = draw_qr_codes(&at_rest, &parsed, &config, &ids);
    let sheet = css::stylesheet();

    let mut html = String::with_capacity(drawn.len() + sheet.len() + SCRIPTLESS_CSS.len() + 512);
    html.push_str("<article-widget");
    attr(&mut html, "src", src);
    for (name, value) in [
        ("lang", &options.lang),
        ("theme", &options.theme),
        ("share", &options.share),
        ("heading", &options.heading),
    ] {
        if let Some(value) = value {
            attr(&mut html, name, value);
        }
    }
    html.push_str("><template shadowrootmode=\"open\"><style>");
    // Our own stylesheet: it holds no `<`, so it cannot end the element.
    html.push_str(&sheet.replace('<', "\\3c "));
    html.push_str(SCRIPTLESS_CSS);
    html.push_str("</style><div");
    attr(&mut html, "class", CONTAINER_CLASS);
    attr(&mut html, IDS_ATTRIBUTE, &ids);
    attr(&mut html, FINGERPRINT_ATTRIBUTE, &fingerprint);
    html.push('>');
    html.push_str(&drawn);
    html.push_str("</div></template></article-widget>");
    Ok(Prerendered {
        parsed,
        html,
        fingerprint,
        ids,
    })
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, hash_hex, ids_for, prerender};
    use crate::embed::page::Page;
    use crate::embed::RawOptions;
    use crate::text_size::TextSize;

    const DEMO: &str =
        include_str!("../../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
    const SRC: &str = "https://example.test/demo/articles/a.json";

    #[test]
    fn the_hash_is_fnv1a_64() {
        assert_eq!(hash_hex(b""), "cbf29ce484222325");
        assert_eq!(hash_hex(b"a"), "af63dc4c8601ec8c");
        assert_eq!(ids_for("x").len(), 11);
        assert_ne!(ids_for("x"), ids_for("y"));
    }

    #[test]
    fn the_widget_holds_the_whole_article_in_a_declarative_shadow_root() {
        let options = RawOptions {
            theme: Some("sepia".into()),
            ..RawOptions::default()
        };
        let Ok(p) = prerender(DEMO.as_bytes(), SRC, Some(SRC), &options, None) else {
            panic!("the demo article prerenders");
        };
        let html = &p.html;
        assert!(html.starts_with(
            "<article-widget src=\"https://example.test/demo/articles/a.json\" theme=\"sepia\">\
             <template shadowrootmode=\"open\"><style>:host{"
        ));
        assert!(html.ends_with("</article></div></div></template></article-widget>"));
        assert!(html.contains(&format!(
            "<div class=\"aw-embed\" data-ids=\"{}\" data-fingerprint=\"{}\"><div data-theme=\"sepia\"",
            p.ids, p.fingerprint
        )));
        // Every paragraph, the footer, and the QR codes drawn, not pending.
        let last = p.parsed.article.body.len();
        assert!(last > 3);
        assert!(html.contains("class=\"aw-share-list\""));
        let widget = html
            .split_once("<div class=\"aw-embed\"")
            .map_or("", |(_, w)| w);
        assert!(!widget.is_empty() && !widget.contains("aw-qr-pending"));
        let codes = html.matches("<svg role=\"img\"").count();
        assert!(codes >= 2, "article and social QR codes: {codes}");
        // The download links (the code again, as a data: URL) come with the
        // loader; buttons hold their room until then.
        assert!(!widget.contains("data:image/svg+xml"));
        let held = widget
            .matches("<p class=\"aw-qr-downloads\"><button")
            .count();
        assert_eq!(held, 1, "the article's code only");
        let after_caption = widget
            .split_once("</figcaption><p class=\"aw-qr-downloads\">")
            .is_some();
        assert!(
            after_caption,
            "the downloads follow the caption, as the loader puts them"
        );
    }

    #[test]
    fn the_engine_computes_the_same_fingerprint() {
        let options = RawOptions::default();
        let Ok(p) = prerender(DEMO.as_bytes(), SRC, Some(SRC), &options, None) else {
            panic!("the demo article prerenders");
        };
        let page = Page::from_bytes(DEMO.as_bytes(), Some(SRC), options.resolve().config, &p.ids);
        assert_eq!(page.fingerprint().as_deref(), Some(p.fingerprint.as_str()));
        // Another id prefix, theme or article text: another fingerprint.
        let config = options.resolve().config;
        assert_eq!(fingerprint(&p.parsed, &config, &p.ids), p.fingerprint);
        assert_ne!(fingerprint(&p.parsed, &config, "aw1"), p.fingerprint);
        let dark = RawOptions {
            theme: Some("dark".into()),
            ..RawOptions::default()
        };
        assert_ne!(
            fingerprint(&p.parsed, &dark.resolve().config, &p.ids),
            p.fingerprint
        );
        let edited = DEMO.replacen("Quận ủy Lê Chân", "Quận ủy Lê  Chân", 1);
        let page = Page::from_bytes(edited.as_bytes(), Some(SRC), config, &p.ids);
        assert_ne!(page.fingerprint().as_deref(), Some(p.fingerprint.as_str()));
        // The engine's first paint is the start of the same markup.
        let mut page =
            Page::from_bytes(DEMO.as_bytes(), Some(SRC), options.resolve().config, &p.ids);
        let first = page.html(TextSize::default(), 0);
        let head = first.split("<footer").next().unwrap_or_default();
        assert!(p.html.contains(head));
    }

    #[test]
    fn attribute_values_are_escaped_and_bad_articles_refused() {
        let options = RawOptions {
            lang: Some("\"><script>".into()),
            ..RawOptions::default()
        };
        let Ok(p) = prerender(DEMO.as_bytes(), "a.json?x=\"<", Some(SRC), &options, None) else {
            panic!("the demo article prerenders");
        };
        assert!(p.html.starts_with(
            "<article-widget src=\"a.json?x=&quot;&lt;\" lang=\"&quot;&gt;&lt;script&gt;\">"
        ));
        assert!(prerender(b"{}", SRC, Some(SRC), &options, None).is_err());
    }
}
