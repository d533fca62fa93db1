//! The publisher's social pages, each with its QR code.

use super::qr::{qr_figure, social_spec};
use super::{attr, class_end, escape_into, id, new_tab, section_title};
use crate::i18n::Labels;
use crate::model::SocialPage;
use crate::prelude::*;

pub(super) fn social(
    out: &mut String,
    pages: &[SocialPage],
    l: &Labels,
    title_level: u8,
    ids: &str,
) {
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
