//! The article's header toolbar: print, the date line, the text-size group
//! and the link to the original article.

use super::{attr, class_end, escape_into, fill, new_tab};
use crate::datetime::DateTime;
use crate::decimal;
use crate::i18n::{date_line, offset_label, Labels, Lang};
use crate::prelude::*;
use crate::text_size::TextSize;

/// The inner HTML of the toolbar's `.aw-textsize` group for `size` (as
/// `Toolbar`): smaller, larger and original buttons with their
/// `aria-disabled` states, and the live "current size" text. The buttons
/// come in that order; the shell maps clicks by position.
pub fn text_size_group(lang: Lang, size: TextSize) -> String {
    let mut out = String::with_capacity(512);
    text_size_inner(&mut out, lang.labels(), size);
    out
}

pub(super) fn text_size_inner(out: &mut String, l: &Labels, t: TextSize) {
    for (text, name, enabled) in [
        ("A−", l.text_smaller, t.can_shrink()),
        ("A+", l.text_larger, t.can_grow()),
        (l.text_reset, l.text_reset_name, !t.is_original()),
    ] {
        // The accessible name starts with the visible text ("A−", "Gốc"),
        // so speech-input users can say what they see (WCAG 2.5.3), and
        // goes on in words; the words alone are the tooltip.
        let mut label = String::with_capacity(text.len() + name.len() + 3);
        label.push_str(text);
        label.push_str(" (");
        label.push_str(name);
        label.push(')');
        out.push_str("<button type=\"button\"");
        attr(out, "aria-label", &label);
        attr(out, "title", name);
        attr(out, "aria-disabled", if enabled { "false" } else { "true" });
        class_end(out, "aw-tool");
        escape_into(out, text);
        out.push_str("</button>");
    }
    out.push_str("<span aria-live=\"polite\" class=\"aw-visually-hidden\">");
    let percent = decimal::text(u64::from(t.percent()));
    escape_into(out, &fill(l.text_size_now, "{percent}", &percent));
    out.push_str("</span>");
}

/// `<time>` with the date line of `t` in its own offset.
fn time(out: &mut String, lang: Lang, t: &DateTime) {
    out.push_str("<time");
    attr(out, "datetime", &t.rfc3339());
    attr(out, "title", &offset_label(t));
    out.push('>');
    escape_into(out, &date_line(lang, t));
    out.push_str("</time>");
}

pub(super) fn toolbar(
    out: &mut String,
    lang: Lang,
    published: &DateTime,
    updated: Option<&DateTime>,
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
    out.push_str(": </span>");
    time(out, lang, published);
    if let Some(updated) = updated {
        out.push_str("<span class=\"aw-updated\">");
        escape_into(out, l.updated);
        out.push_str(": ");
        time(out, lang, updated);
        out.push_str("</span>");
    }
    out.push_str("</p><div role=\"group\"");
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
