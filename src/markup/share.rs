//! The share tools: one item per configured network, the native share
//! item, and what the copy-link button reports.

use super::{attr, class_end, escape_into, fill, id, section_title};
use crate::config::WidgetConfig;
use crate::i18n::Lang;
use crate::prelude::*;
use crate::share::{share_url, Network};

/// A network's icon (path and stroke from [`Network::icon_path`]).
pub(super) fn icon(out: &mut String, n: Network) {
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
pub(super) fn share_button(out: &mut String, n: Network, lang: Lang) {
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

pub(super) fn share_items_into(
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

pub(super) fn share_bar(
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
