//! Related articles ("Tin khác").

use super::{attr, class_end, escape_into, id, new_tab, section_title};
use crate::config::WidgetConfig;
use crate::decimal;
use crate::i18n::{short_date, Lang};
use crate::model::Related;
use crate::prelude::*;

pub(super) fn related(
    out: &mut String,
    items: &[Related],
    lang: Lang,
    config: &WidgetConfig,
    ids: &str,
) {
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
            attr(out, "width", &decimal::text(u64::from(t.width)));
            attr(out, "height", &decimal::text(u64::from(t.height)));
            out.push_str(" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\"");
            class_end(out, "aw-thumb");
        }
        // The publisher's page in a new tab; `data-src` names the article's
        // JSON, which the widget offers the host page (`aw-navigate`) to
        // show in place instead.
        out.push_str("<span class=\"aw-related-text\"><a");
        attr(out, "href", &r.url);
        if let Some(json) = &r.json {
            attr(out, "data-src", json);
        }
        out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
        escape_into(out, &r.title);
        new_tab(out, l);
        out.push_str("</a>");
        if let Some(d) = &r.published {
            out.push_str(" <time");
            attr(out, "datetime", &d.rfc3339());
            class_end(out, "aw-related-date");
            out.push('(');
            escape_into(out, &short_date(lang, d));
            out.push_str(")</time>");
        }
        out.push_str("</span></li>");
    }
    out.push_str("</ul></nav>");
}
