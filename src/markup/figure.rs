//! A body figure: the image with its caption and credit.

use super::{attr, escape_into};
use crate::model::Figure;
use crate::prelude::*;

pub(super) fn figure(out: &mut String, f: &Figure, eager: bool) {
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
