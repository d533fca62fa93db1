//! The widget root and the whole article page: header, body and footer put
//! together from the other parts.

use super::body::body_into;
use super::footer::footer_inner;
use super::header::toolbar;
use super::{attr, class_end, close, escape_into, heading_tag, id, open};
use crate::config::WidgetConfig;
use crate::i18n::Lang;
use crate::prelude::*;
use crate::text_size::TextSize;
use crate::validate::Parsed;

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
pub(super) const FOOTER_END: &str = "</footer></article>";

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
    // Always said, so that a right-to-left host page does not turn a
    // left-to-right article (or the reverse).
    attr(&mut out, "dir", if a.is_rtl() { "rtl" } else { "ltr" });
    attr(&mut out, "aria-labelledby", &title_id);
    class_end(&mut out, "aw-article");
    out.push_str("<header class=\"aw-header\">");
    toolbar(
        &mut out,
        lang,
        &a.published,
        a.updated.as_ref(),
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
    body_into(&mut out, parsed, config, 0, body_blocks);
    out.push_str("</div><footer class=\"aw-footer\">");
    out.push_str(FOOTER_END);
    out
}
