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

use crate::config::WidgetConfig;
use crate::datetime::DateTime;
use crate::i18n::{date_line, offset_label, short_date, Labels, Lang};
use crate::load::{LoadError, Status};
use crate::model::{Block, Figure, Person, Related, SocialPage, Source};
use crate::prelude::*;
use crate::qr::{QrCode, QrError};
use crate::share::{encode_component, share_url, Network};
use crate::text_size::TextSize;
use crate::validate::{Parsed, Problem};

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

/// Pushes ` name="value"` with the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
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
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + name.len()..];
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

// ---------------------------------------------------------------- widget

/// The widget root's opening tag, `<div data-theme=".." lang=".." class="aw">`
/// (as `ArticleView`); close it with [`WIDGET_CLOSE`].
pub fn widget_open(config: &WidgetConfig, lang: Lang) -> String {
    let mut out = String::with_capacity(64);
    open(&mut out, "div");
    attr(&mut out, "data-theme", config.theme.name());
    attr(&mut out, "lang", lang.tag());
    class_end(&mut out, "aw");
    out
}

/// The end of [`widget_open`].
pub const WIDGET_CLOSE: &str = "</div>";

/// The whole widget root around `inner` (markup from this module).
pub fn widget(config: &WidgetConfig, lang: Lang, inner: &str) -> String {
    let mut out = widget_open(config, lang);
    out.push_str(inner);
    out.push_str(WIDGET_CLOSE);
    out
}

// ---------------------------------------------------------------- status

/// The whole widget while nothing is loaded yet: the root with the loading
/// placeholder, in the configured UI language (Vietnamese when none), as
/// `ArticleView` first renders.
pub fn loading_widget(config: &WidgetConfig) -> String {
    let lang = config.lang.unwrap_or(Lang::Vi);
    widget(config, lang, &loading(lang))
}

/// The loading placeholder (as `Loading`).
pub fn loading(lang: Lang) -> String {
    let mut out = String::with_capacity(160);
    out.push_str(
        "<div role=\"status\" aria-live=\"polite\" aria-busy=\"true\" class=\"aw-loading\">\
         <span aria-hidden=\"true\" class=\"aw-spinner\"></span>",
    );
    escape_into(&mut out, lang.labels().loading);
    out.push_str("</div>");
    out
}

/// The retry button of the error box and the load notice.
fn retry_button(out: &mut String, l: &Labels) {
    out.push_str("<button type=\"button\" class=\"aw-button\">");
    escape_into(out, l.retry);
    out.push_str("</button>");
}

/// Problems as `<li><code>..</code></li>`, at most 50.
fn problem_items<'a>(out: &mut String, problems: impl Iterator<Item = &'a Problem>) {
    for p in problems.take(50) {
        out.push_str("<li><code>");
        escape_into(out, &p.to_string());
        out.push_str("</code></li>");
    }
}

/// The error box (as `ErrorBox`): the error in words, each validation
/// problem with its path, and a retry button when `retry` (the shell
/// handles its click: `.aw-error .aw-button`).
pub fn error_box(error: &LoadError, lang: Lang, retry: bool) -> String {
    let l = lang.labels();
    let problems = error.problems();
    let mut out = String::with_capacity(256);
    out.push_str("<div role=\"alert\" class=\"aw-error\"><p class=\"aw-error-title\"><strong>");
    escape_into(&mut out, l.error_title);
    out.push_str("</strong></p><p class=\"aw-error-message\">");
    escape_into(&mut out, &error.message(lang));
    out.push_str("</p>");
    if !problems.is_empty() {
        out.push_str("<ul class=\"aw-problems\">");
        problem_items(&mut out, problems.iter().copied());
        if problems.len() > 50 {
            out.push_str("<li>… +");
            out.push_str(&(problems.len() - 50).to_string());
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if retry {
        retry_button(&mut out, l);
    }
    out.push_str("</div>");
    out
}

/// "Trying again in N seconds…" (as `Countdown`).
pub fn countdown(seconds: u32, lang: Lang) -> String {
    let mut out = String::with_capacity(96);
    countdown_into(&mut out, seconds, lang);
    out
}

fn countdown_into(out: &mut String, seconds: u32, lang: Lang) {
    out.push_str("<p role=\"status\" aria-live=\"polite\" class=\"aw-countdown\">");
    escape_into(out, &countdown_text(seconds, lang));
    out.push_str("</p>");
}

/// The countdown's words, as plain text: the embed puts them into the
/// existing `.aw-countdown` each second (`textContent`), so the error box and
/// its `role="alert"` stay the same node and are announced once.
pub fn countdown_text(seconds: u32, lang: Lang) -> String {
    fill(lang.labels().retry_in, "{seconds}", &seconds.to_string())
}

/// The notice above an article that stays on screen (as `LoadNotice`):
/// kept copy saved at `saved`, an update under way, or why it failed with
/// the countdown and a retry button (when `retry` and there is an error).
/// Empty for a fresh, settled article.
pub fn load_notice(status: &Status, saved: Option<&str>, lang: Lang, retry: bool) -> String {
    let l = lang.labels();
    let saved = saved.map(|s| {
        let when = DateTime::parse(s).map_or_else(|_| s.to_owned(), |d| date_line(lang, &d));
        fill(l.offline_copy, "{saved}", &when)
    });
    let (error, seconds) = match status {
        Status::Waiting { error, seconds } => (Some(error), Some(*seconds)),
        Status::Failed(error) => (Some(error), None),
        _ => (None, None),
    };
    let updating = *status == Status::Loading;
    let mut out = String::new();
    if saved.is_none() && error.is_none() && !updating {
        return out;
    }
    out.push_str("<div role=\"status\" aria-live=\"polite\" class=\"aw-notice\">");
    if let Some(saved) = saved {
        out.push_str("<p class=\"aw-offline-copy\">");
        escape_into(&mut out, &saved);
        out.push_str("</p>");
    }
    if updating {
        out.push_str("<p class=\"aw-updating\">");
        escape_into(&mut out, l.updating);
        out.push_str("</p>");
    }
    if let Some(error) = error {
        out.push_str("<p class=\"aw-refresh-failed\"><strong>");
        escape_into(&mut out, l.refresh_failed);
        out.push_str("</strong>: ");
        escape_into(&mut out, &error.message(lang));
        out.push_str("</p>");
    }
    if let Some(seconds) = seconds {
        countdown_into(&mut out, seconds, lang);
    }
    if retry && error.is_some() {
        retry_button(&mut out, l);
    }
    out.push_str("</div>");
    out
}

// ---------------------------------------------------------------- toolbar

/// The inner HTML of the toolbar's `.aw-textsize` group for `size` (as
/// `Toolbar`): smaller, larger and original buttons with their
/// `aria-disabled` states, and the live "current size" text. The buttons
/// come in that order; the shell maps clicks by position.
pub fn text_size_group(lang: Lang, size: TextSize) -> String {
    let mut out = String::with_capacity(512);
    text_size_inner(&mut out, lang.labels(), size);
    out
}

fn text_size_inner(out: &mut String, l: &Labels, t: TextSize) {
    for (text, name, enabled) in [
        ("A−", l.text_smaller, t.can_shrink()),
        ("A+", l.text_larger, t.can_grow()),
        (l.text_reset, l.text_reset_name, !t.is_original()),
    ] {
        out.push_str("<button type=\"button\"");
        attr(out, "aria-label", name);
        attr(out, "title", name);
        attr(out, "aria-disabled", if enabled { "false" } else { "true" });
        class_end(out, "aw-tool");
        escape_into(out, text);
        out.push_str("</button>");
    }
    out.push_str("<span aria-live=\"polite\" class=\"aw-visually-hidden\">");
    let percent = t.percent().to_string();
    escape_into(out, &fill(l.text_size_now, "{percent}", &percent));
    out.push_str("</span>");
}

fn toolbar(
    out: &mut String,
    lang: Lang,
    published: &DateTime,
    original: Option<&str>,
    t: TextSize,
) {
    let l = lang.labels();
    out.push_str("<div role=\"group\"");
    attr(out, "aria-label", l.toolbar);
    class_end(out, "aw-toolbar");
    out.push_str(
        "<button type=\"button\" class=\"aw-tool aw-print\">\
         <svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\" class=\"aw-icon\">\
         <path d=\"M6 9V2h12v7M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 14h12v8H6z\">\
         </path></svg>",
    );
    escape_into(out, l.print);
    out.push_str("</button><p class=\"aw-dateline\"><span class=\"aw-visually-hidden\">");
    escape_into(out, l.published);
    out.push_str(": </span><time");
    attr(out, "datetime", &published.to_string());
    attr(out, "title", &offset_label(published));
    out.push('>');
    escape_into(out, &date_line(lang, published));
    out.push_str("</time></p><div role=\"group\"");
    attr(out, "aria-label", l.text_size);
    class_end(out, "aw-textsize");
    text_size_inner(out, l, t);
    out.push_str("</div>");
    if let Some(url) = original {
        out.push_str("<a");
        attr(out, "href", url);
        out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        class_end(out, "aw-tool aw-original");
        escape_into(out, l.original_article);
        new_tab(out, l);
        out.push_str("</a>");
    }
    out.push_str("</div>");
}

// ---------------------------------------------------------------- body

/// The markup of body blocks `start..end` (as `BodyChunk`), for chunks
/// appended to `.aw-body` after [`article_page`]; `title_level` is the
/// configured heading level of the title. Out-of-range bounds are clamped.
pub fn body_blocks(parsed: &Parsed, title_level: u8, start: usize, end: usize) -> String {
    let mut out = String::new();
    body_into(&mut out, parsed, title_level, start, end);
    out
}

fn body_into(out: &mut String, parsed: &Parsed, title_level: u8, start: usize, end: usize) {
    let body = &parsed.article.body;
    let end = end.min(body.len());
    let start = start.min(end);
    for (i, b) in body.get(start..end).unwrap_or_default().iter().enumerate() {
        block(out, b, title_level, loads_eagerly(body, start + i));
    }
}

/// Most blocks in a body's first render: more than a screenful of any real
/// article (the reader's `Body` and the embed's `Page` both chunk by it).
pub const FIRST_CHUNK: usize = 40;

/// Most blocks in each later chunk of a long body.
pub const CHUNK: usize = 80;

/// Blocks from the top of the body within which the first figure is taken
/// to be on the first screen.
pub const EAGER_FIGURE_BLOCKS: usize = 3;

/// Whether the figure at `index` loads at once instead of lazily: the
/// body's first figure when it is among its first [`EAGER_FIGURE_BLOCKS`]
/// blocks. That image is usually on the first screen and the largest thing
/// on it; lazy loading would only start it after layout and delay the
/// page's largest paint.
pub fn loads_eagerly(body: &[Block], index: usize) -> bool {
    index < EAGER_FIGURE_BLOCKS
        && matches!(body.get(index), Some(Block::Figure(_)))
        && !body
            .iter()
            .take(index)
            .any(|b| matches!(b, Block::Figure(_)))
}

fn block(out: &mut String, b: &Block, title_level: u8, eager: bool) {
    match b {
        Block::Paragraph { text } => {
            out.push_str("<p>");
            escape_into(out, text);
            out.push_str("</p>");
        }
        Block::Heading { level, text } => {
            let tag = heading_tag(title_level.saturating_add(level.saturating_sub(1)));
            open(out, tag);
            class_end(out, "aw-subheading");
            escape_into(out, text);
            close(out, tag);
        }
        Block::Quote { text, cite } => {
            out.push_str("<blockquote class=\"aw-quote\"><p>");
            escape_into(out, text);
            out.push_str("</p>");
            if let Some(cite) = cite {
                out.push_str("<footer>— <cite>");
                escape_into(out, cite);
                out.push_str("</cite></footer>");
            }
            out.push_str("</blockquote>");
        }
        Block::Figure(f) => figure(out, f, eager),
    }
}

fn figure(out: &mut String, f: &Figure, eager: bool) {
    out.push_str("<figure class=\"aw-figure\"><img");
    attr(out, "src", &f.src);
    attr(out, "width", &f.width.to_string());
    attr(out, "height", &f.height.to_string());
    attr(out, "alt", &f.alt);
    attr(out, "loading", if eager { "eager" } else { "lazy" });
    out.push_str(" decoding=\"async\" referrerpolicy=\"no-referrer\">");
    if f.caption.is_some() || f.credit.is_some() {
        out.push_str("<figcaption>");
        if let Some(caption) = &f.caption {
            out.push_str("<span class=\"aw-caption\">");
            escape_into(out, caption);
            out.push_str("</span>");
        }
        if let Some(credit) = &f.credit {
            out.push_str(" <span class=\"aw-credit\">");
            escape_into(out, credit);
            out.push_str("</span>");
        }
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
}

// ---------------------------------------------------------------- footer

fn byline(out: &mut String, authors: &[Person], l: &Labels) {
    if authors.is_empty() {
        return;
    }
    out.push_str("<p class=\"aw-author\"><span class=\"aw-visually-hidden\">");
    escape_into(out, l.author);
    out.push_str(": </span>");
    for (i, a) in authors.iter().enumerate() {
        name_link(out, &a.name, a.url.as_deref(), "author noopener noreferrer");
        if i + 1 < authors.len() {
            out.push_str(", ");
        }
    }
    out.push_str("</p>");
}

fn source_block(out: &mut String, s: &Source, l: &Labels) {
    out.push_str("<p class=\"aw-source\"><span class=\"aw-source-label\">");
    escape_into(out, l.source);
    out.push_str(": </span>");
    name_link(out, &s.name, s.url.as_deref(), "noopener noreferrer");
    out.push_str("</p>");
}

/// A name: a link opening in a new tab (with `rel`) when it has a URL,
/// else a plain `<span>`.
fn name_link(out: &mut String, name: &str, url: Option<&str>, rel: &str) {
    if let Some(url) = url {
        out.push_str("<a");
        attr(out, "href", url);
        attr(out, "rel", rel);
        out.push_str(" target=\"_blank\">");
        escape_into(out, name);
        out.push_str("</a>");
    } else {
        out.push_str("<span>");
        escape_into(out, name);
        out.push_str("</span>");
    }
}

fn omitted(out: &mut String, warnings: &[Problem], l: &Labels) {
    if warnings.is_empty() {
        return;
    }
    out.push_str("<details role=\"note\" class=\"aw-omitted\"><summary>");
    escape_into(out, l.omitted_title);
    out.push_str(" (");
    out.push_str(&warnings.len().to_string());
    out.push_str(")</summary><ul>");
    problem_items(out, warnings.iter());
    out.push_str("</ul></details>");
}

// ---------------------------------------------------------------- share

/// A network's icon (path and stroke from [`Network::icon_path`]).
fn icon(out: &mut String, n: Network) {
    let d = n.icon_path();
    out.push_str("<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"");
    class_end(
        out,
        if n.icon_stroked() {
            "aw-icon aw-icon-stroke"
        } else {
            "aw-icon"
        },
    );
    out.push_str("<path d=\"");
    out.push_str(d);
    out.push_str("\"></path></svg>");
}

/// A share button item (native or copy).
fn share_button(out: &mut String, n: Network, lang: Lang) {
    out.push_str("<li><button type=\"button\" class=\"aw-share-item aw-share-");
    out.push_str(n.name());
    out.push_str("\">");
    icon(out, n);
    escape_into(out, n.display_name(lang));
    out.push_str("</button></li>");
}

/// The `<li>` the share bar gains where the browser has a native share
/// sheet (as `ShareBar` after its effect found `navigator.share`), to be
/// inserted at [`share_native_index`]. The shell handles its click
/// (`.aw-share-native`).
pub fn share_native_item(lang: Lang) -> String {
    let mut out = String::with_capacity(512);
    share_button(&mut out, Network::Native, lang);
    out
}

/// Where [`share_native_item`] goes among the `<li>` children of
/// `.aw-share-list` as [`article_page`] renders it: the number of items
/// before it. `None` when `networks` does not offer the native sheet.
pub fn share_native_index(networks: &[Network]) -> Option<usize> {
    networks.iter().position(|&n| n == Network::Native)
}

/// The inner HTML of `.aw-share-list` (as `ShareBar`): one item per network
/// in order, the native-share item only when `native`.
pub fn share_items(
    url: &str,
    title: &str,
    networks: &[Network],
    lang: Lang,
    native: bool,
) -> String {
    let mut out = String::with_capacity(networks.len() * 600);
    share_items_into(&mut out, url, title, networks, lang, native);
    out
}

fn share_items_into(
    out: &mut String,
    url: &str,
    title: &str,
    networks: &[Network],
    lang: Lang,
    native: bool,
) {
    let l = lang.labels();
    for &n in networks {
        match n {
            Network::Native if !native => {}
            Network::Native | Network::Copy => share_button(out, n, lang),
            _ => {
                let Some(href) = share_url(n, url, title) else {
                    continue;
                };
                let name = fill(l.share_via, "{network}", n.display_name(lang));
                out.push_str("<li><a");
                attr(out, "href", &href);
                if n != Network::Email {
                    out.push_str(" target=\"_blank\"");
                }
                out.push_str(" rel=\"noopener noreferrer nofollow\"");
                attr(out, "aria-label", &name);
                attr(out, "title", &name);
                out.push_str(" class=\"aw-share-item aw-share-");
                out.push_str(n.name());
                out.push_str("\">");
                icon(out, n);
                out.push_str("<span aria-hidden=\"true\">");
                escape_into(out, n.display_name(lang));
                out.push_str("</span></a></li>");
            }
        }
    }
}

/// The inner HTML of `.aw-copy-status` (a polite live region, empty until a
/// copy) after a copy of `url` (as `ShareBar`): "✓ Link copied" when
/// `copied`, else the failure words with a read-only field holding the link.
/// Only this paragraph's content changes on a copy.
pub fn copy_status(lang: Lang, copied: bool, url: &str) -> String {
    let l = lang.labels();
    let mut out = String::with_capacity(200);
    if copied {
        out.push_str("<span class=\"aw-copied\">✓ ");
        escape_into(&mut out, l.link_copied);
        out.push_str("</span>");
    } else {
        out.push_str("<span>");
        escape_into(&mut out, l.copy_failed);
        out.push_str(": </span><input");
        attr(&mut out, "value", url);
        out.push_str(" type=\"text\"");
        attr(&mut out, "aria-label", l.copy_link);
        out.push_str(" readonly=\"readonly\"");
        class_end(&mut out, "aw-copy-field");
    }
    out
}

fn share_bar(
    out: &mut String,
    url: &str,
    title: &str,
    config: &WidgetConfig,
    lang: Lang,
    ids: &str,
) {
    let l = lang.labels();
    let heading = id(ids, "-share");
    out.push_str("<section");
    attr(out, "aria-labelledby", &heading);
    class_end(out, "aw-share");
    section_title(out, config.heading_level, &heading, l.share_title);
    out.push_str("<ul class=\"aw-share-list\">");
    share_items_into(out, url, title, &config.networks, lang, false);
    out.push_str(
        "</ul><p role=\"status\" aria-live=\"polite\" class=\"aw-copy-status\"></p></section>",
    );
}

// ---------------------------------------------------------------- QR

/// One QR code of the page: what [`article_page`] shows as a pending box and
/// the shell later fills in with [`qr_result`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSpec {
    /// What the code encodes (the article's or a social page's URL).
    pub data: String,
    /// Caption and accessible name, e.g. "QR CODE: `<title>`".
    pub label: String,
    /// File name stem for downloads, e.g. `qr-article`.
    pub filename: String,
    /// Whether SVG/PNG downloads are offered (the article's code only).
    pub downloads: bool,
    /// The caption id after the widget's id prefix, e.g. `-qr` or `-social-qr-0`.
    pub id_suffix: String,
}

impl QrSpec {
    /// The caption's element id (what the code's `aria-labelledby` names).
    pub fn caption_id(&self, ids: &str) -> String {
        id(ids, &self.id_suffix)
    }
}

/// Every QR code [`article_page`] renders, in document order (the
/// article's, then one per social page), so the shell can match them to the
/// `figure.aw-qr` elements by position.
pub fn qr_figures(parsed: &Parsed, config: &WidgetConfig) -> Vec<QrSpec> {
    let a = &parsed.article;
    let l = config.ui_lang(&a.lang).labels();
    let mut specs = Vec::with_capacity(1 + a.publisher.social.len());
    specs.push(article_spec(a, l));
    for (i, p) in a.publisher.social.iter().enumerate() {
        specs.push(social_spec(i, p, l));
    }
    specs
}

fn social_spec(i: usize, p: &SocialPage, l: &Labels) -> QrSpec {
    QrSpec {
        data: p.url.clone(),
        label: fill(l.social_qr, "{name}", &p.name),
        filename: id("qr-", &p.network),
        downloads: false,
        id_suffix: id("-social-qr-", &i.to_string()),
    }
}

/// The pending QR figure as first rendered.
fn qr_figure(out: &mut String, spec: &QrSpec, ids: &str, l: &Labels) {
    out.push_str("<figure class=\"aw-qr\"><div role=\"img\"");
    attr(out, "aria-label", l.qr_making);
    out.push_str(" class=\"aw-qr-box aw-qr-pending\"></div><figcaption");
    attr(out, "id", &spec.caption_id(ids));
    out.push('>');
    escape_into(out, &spec.label);
    out.push_str("</figcaption></figure>");
}

/// What replaces the pending box of `spec` once its code is made (`code`
/// is `qr::encode(&spec.data)`, kept by the caller for the PNG download):
/// the `<svg class="aw-qr-box">` of the code or the failure note, and what
/// follows its `<figcaption>` (the downloads paragraph, or empty), as
/// `QrView` renders them. The PNG button has no `href`: the shell draws and
/// downloads the PNG on its click (`.aw-qr-downloads button`).
pub fn qr_result(
    spec: &QrSpec,
    code: Result<&QrCode, &QrError>,
    ids: &str,
    lang: Lang,
) -> (String, String) {
    (
        qr_code_markup(spec, code, ids, lang),
        code.map(|c| qr_downloads_markup(spec, c, lang))
            .unwrap_or_default(),
    )
}

/// The first half of [`qr_result`]: the `<svg class="aw-qr-box">` of the
/// code, or the note saying why there is none.
pub fn qr_code_markup(
    spec: &QrSpec,
    code: Result<&QrCode, &QrError>,
    ids: &str,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let code = match code {
        Ok(code) => code,
        Err(e) => {
            let reason = match e {
                QrError::TooLong { bytes } => fill(l.qr_too_long, "{bytes}", &bytes.to_string()),
                QrError::Empty => l.qr_empty.to_owned(),
            };
            let mut out = String::with_capacity(160);
            out.push_str("<div role=\"note\" class=\"aw-qr-box aw-qr-failed\">");
            escape_into(&mut out, &fill(l.qr_failed, "{reason}", &reason));
            out.push_str("</div>");
            return out;
        }
    };
    let side = code.size_with_quiet_zone().to_string();
    let path = code.path_data();
    let mut svg = String::with_capacity(path.len() + 256);
    svg.push_str("<svg role=\"img\"");
    attr(&mut svg, "aria-labelledby", &spec.caption_id(ids));
    svg.push_str(" viewBox=\"0 0 ");
    svg.push_str(&side);
    svg.push(' ');
    svg.push_str(&side);
    svg.push_str("\" shape-rendering=\"crispEdges\" class=\"aw-qr-box\"><rect width=\"");
    svg.push_str(&side);
    svg.push_str("\" height=\"");
    svg.push_str(&side);
    svg.push_str("\" fill=\"#fff\"></rect><path d=\"");
    svg.push_str(&path);
    svg.push_str("\" fill=\"#000\"></path></svg>");
    svg
}

/// The second half of [`qr_result`]: the downloads paragraph that follows
/// the caption, or empty when `spec` offers none.
pub fn qr_downloads_markup(spec: &QrSpec, code: &QrCode, lang: Lang) -> String {
    let mut downloads = String::new();
    if !spec.downloads {
        return downloads;
    }
    let l = lang.labels();
    let doc = encode_component(&code.svg_document(&spec.label));
    downloads.reserve(doc.len() + 256);
    downloads.push_str("<p class=\"aw-qr-downloads\"><a href=\"data:image/svg+xml;charset=utf-8,");
    // Percent-encoded: only unreserved characters and `%XX`.
    downloads.push_str(&doc);
    downloads.push('"');
    let mut name = spec.filename.clone();
    name.push_str(".svg");
    attr(&mut downloads, "download", &name);
    class_end(&mut downloads, "aw-link-button");
    escape_into(&mut downloads, l.qr_download_svg);
    downloads.push_str("</a><button type=\"button\" class=\"aw-link-button\">");
    escape_into(&mut downloads, l.qr_download_png);
    downloads.push_str("</button></p>");
    downloads
}

// ---------------------------------------------------------------- social, related

fn social(out: &mut String, pages: &[SocialPage], l: &Labels, title_level: u8, ids: &str) {
    if pages.is_empty() {
        return;
    }
    let heading = id(ids, "-social");
    out.push_str("<section");
    attr(out, "aria-labelledby", &heading);
    class_end(out, "aw-social");
    section_title(out, title_level, &heading, l.social_title);
    out.push_str("<ul class=\"aw-social-list\">");
    for (i, p) in pages.iter().enumerate() {
        out.push_str("<li class=\"aw-social-item\">");
        qr_figure(out, &social_spec(i, p, l), ids, l);
        out.push_str("<a");
        attr(out, "href", &p.url);
        out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
        escape_into(out, &p.name);
        new_tab(out, l);
        out.push_str("</a></li>");
    }
    out.push_str("</ul></section>");
}

fn related(out: &mut String, items: &[Related], lang: Lang, config: &WidgetConfig, ids: &str) {
    if items.is_empty() {
        return;
    }
    let l = lang.labels();
    let heading = id(ids, "-related");
    out.push_str("<nav");
    attr(out, "aria-labelledby", &heading);
    class_end(out, "aw-related");
    section_title(out, config.heading_level, &heading, l.related_title);
    out.push_str("<ul>");
    for r in items {
        out.push_str("<li>");
        if let Some(t) = &r.thumbnail {
            out.push_str("<img");
            attr(out, "src", &t.src);
            out.push_str(" alt=\"\"");
            attr(out, "width", &t.width.to_string());
            attr(out, "height", &t.height.to_string());
            out.push_str(" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\"");
            class_end(out, "aw-thumb");
        }
        out.push_str("<span class=\"aw-related-text\"><a");
        let in_reader = r.json.as_deref().filter(|_| config.related_in_reader);
        if let Some(json) = in_reader {
            attr(out, "href", &id("?src=", &encode_component(json)));
        } else {
            attr(out, "href", &r.url);
            out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        }
        let external = in_reader.is_none();
        out.push('>');
        escape_into(out, &r.title);
        if external {
            new_tab(out, l);
        }
        out.push_str("</a>");
        if let Some(d) = &r.published {
            out.push_str(" <time");
            attr(out, "datetime", &d.to_string());
            class_end(out, "aw-related-date");
            out.push('(');
            escape_into(out, &short_date(lang, d));
            out.push_str(")</time>");
        }
        out.push_str("</span></li>");
    }
    out.push_str("</ul></nav>");
}

// ---------------------------------------------------------------- page

/// The whole article (as `ArticlePage` inside a `ContextProvider` of
/// `config`), with `ids` as the widget's id prefix (e.g. `aw7`), the toolbar
/// showing `text_size`, only the first `body_blocks` blocks in `.aw-body`
/// (add the rest with [`body_blocks`]), every QR code pending (fill them in
/// with [`qr_result`]), the share list without the native-share item (see
/// [`share_native_item`]) and the copy status empty. The text scale itself
/// is a CSS property the shell sets.
pub fn article_page(
    parsed: &Parsed,
    config: &WidgetConfig,
    ids: &str,
    text_size: TextSize,
    body_blocks: usize,
) -> String {
    let page = article_page_without_footer(parsed, config, ids, text_size, body_blocks);
    let footer = footer_inner(parsed, config, ids);
    match page.strip_suffix(FOOTER_END) {
        Some(head) => [head, &footer, FOOTER_END].concat(),
        None => page,
    }
}

/// How [`article_page_without_footer`] ends: the empty footer and the end
/// of the article.
const FOOTER_END: &str = "</footer></article>";

/// [`article_page`] with an empty `<footer class="aw-footer">`: the part of
/// the page a first paint needs (toolbar, title, lead, the start of the
/// body). The embed fills the footer with [`footer_inner`] one frame later.
pub fn article_page_without_footer(
    parsed: &Parsed,
    config: &WidgetConfig,
    ids: &str,
    text_size: TextSize,
    body_blocks: usize,
) -> String {
    let a = &parsed.article;
    let lang = config.ui_lang(&a.lang);
    let title_id = id(ids, "-title");
    let mut out = String::with_capacity(8192 + a.title.len());
    out.push_str("<article");
    attr(&mut out, "lang", &a.lang);
    attr(&mut out, "aria-labelledby", &title_id);
    class_end(&mut out, "aw-article");
    out.push_str("<header class=\"aw-header\">");
    toolbar(
        &mut out,
        lang,
        &a.published,
        a.original_url.as_deref(),
        text_size,
    );
    let tag = heading_tag(config.heading_level);
    open(&mut out, tag);
    attr(&mut out, "id", &title_id);
    class_end(&mut out, "aw-title");
    escape_into(&mut out, &a.title);
    close(&mut out, tag);
    if let Some(lead) = &a.lead {
        out.push_str("<p class=\"aw-lead\">");
        escape_into(&mut out, lead);
        out.push_str("</p>");
    }
    out.push_str("</header><div class=\"aw-body\">");
    body_into(&mut out, parsed, config.heading_level, 0, body_blocks);
    out.push_str("</div><footer class=\"aw-footer\">");
    out.push_str(FOOTER_END);
    out
}

/// The inside of the article's `<footer class="aw-footer">`: author,
/// source, what was left out, share tools, the article's QR code (pending),
/// the publisher's social pages and related articles.
pub fn footer_inner(parsed: &Parsed, config: &WidgetConfig, ids: &str) -> String {
    let a = &parsed.article;
    let lang = config.ui_lang(&a.lang);
    let l = lang.labels();
    let mut out = String::with_capacity(8192);
    byline(&mut out, &a.authors, l);
    if let Some(source) = &a.source {
        source_block(&mut out, source, l);
    }
    omitted(&mut out, &parsed.warnings, l);
    out.push_str("<div class=\"aw-tools\">");
    share_bar(&mut out, &a.url, &a.title, config, lang, ids);
    let qr_heading = id(ids, "-qr-heading");
    out.push_str("<section");
    attr(&mut out, "aria-labelledby", &qr_heading);
    class_end(&mut out, "aw-article-qr");
    section_title(&mut out, config.heading_level, &qr_heading, l.qr_heading);
    qr_figure(&mut out, &article_spec(a, l), ids, l);
    out.push_str("</section></div>");
    social(&mut out, &a.publisher.social, l, config.heading_level, ids);
    related(&mut out, &a.related, lang, config, ids);
    out
}

/// The article's own QR spec (the first of [`qr_figures`]).
fn article_spec(a: &crate::model::Article, l: &Labels) -> QrSpec {
    let mut label = String::with_capacity(l.qr_label.len() + a.title.len() + 2);
    label.push_str(l.qr_label);
    label.push_str(": ");
    label.push_str(&a.title);
    QrSpec {
        data: a.url.clone(),
        label,
        filename: "qr-article".to_owned(),
        downloads: true,
        id_suffix: "-qr".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    use crate::model::{Article, Image, Person, Related, SocialPage, Source};
    use crate::validate::{parse_article, ParseError, Severity};

    const DEMO: &str = include_str!("../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
    const BASE: &str =
        "https://example.test/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

    /// The demo article with every text field (and every URL, which the
    /// validator would never let through like this) set to `s`.
    fn article_with(s: &str) -> Option<Parsed> {
        let mut parsed = parse_article(DEMO.as_bytes(), Some(BASE)).ok()?;
        let a: &mut Article = &mut parsed.article;
        let o = || Some(s.to_owned());
        s.clone_into(&mut a.title);
        a.lead = o();
        s.clone_into(&mut a.lang);
        s.clone_into(&mut a.url);
        a.original_url = o();
        a.body = vec![
            Block::Paragraph { text: s.to_owned() },
            Block::Heading {
                level: 3,
                text: s.to_owned(),
            },
            Block::Quote {
                text: s.to_owned(),
                cite: o(),
            },
            Block::Figure(Figure {
                src: s.to_owned(),
                width: 4,
                height: 3,
                alt: s.to_owned(),
                caption: o(),
                credit: o(),
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
        let mut out = article_page(&parsed, config, "aw1", TextSize::default(), 10);
        out.push_str(&body_blocks(&parsed, 2, 0, 10));
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
                related_in_reader: true,
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
