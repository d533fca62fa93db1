//! Body photos: a figure (the image with its caption and credit, and the
//! files of a responsive photo), and a gallery of figures in one swipeable,
//! keyboard-scrollable row.

use super::{attr, escape_into};
use crate::decimal;
#[cfg(feature = "rich")]
use crate::i18n::Labels;
use crate::model::Figure;
#[cfg(feature = "rich")]
use crate::model::Gallery;
use crate::prelude::*;

/// A figure; `eager` loads it at once (see [`super::loads_eagerly`]).
pub(super) fn figure(out: &mut String, f: &Figure, eager: bool) {
    out.push_str("<figure class=\"aw-figure\">");
    image(out, f, eager);
    caption(out, f.caption.as_deref(), f.credit.as_deref());
    out.push_str("</figure>");
}

/// The `<img>` of a figure. With files of other widths it has a `srcset`
/// and `sizes="auto"`: the browser picks the file for the width the photo
/// is laid out at, the widget's own and not the page's (a responsive photo
/// is never eager, see [`super::loads_eagerly`]: `auto` needs a lazy
/// image). Browsers without `auto` fall back to the viewport's width, at
/// most the widget's largest.
fn image(out: &mut String, f: &Figure, eager: bool) {
    out.push_str("<img");
    attr(out, "src", &f.src);
    if !f.srcset.is_empty() {
        out.push_str(" srcset=\"");
        for (i, file) in f.srcset.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            escape_into(out, &file.src);
            out.push(' ');
            out.push_str(&decimal::text(u64::from(file.width)));
            out.push('w');
        }
        out.push_str("\" sizes=\"auto, min(100vw, 46rem)\"");
    }
    attr(out, "width", &decimal::text(u64::from(f.width)));
    attr(out, "height", &decimal::text(u64::from(f.height)));
    attr(out, "alt", &f.alt);
    attr(out, "loading", if eager { "eager" } else { "lazy" });
    out.push_str(" decoding=\"async\" referrerpolicy=\"no-referrer\">");
}

/// `<figcaption>` with the caption and credit, when there is either.
pub(super) fn caption(out: &mut String, caption: Option<&str>, credit: Option<&str>) {
    if caption.is_none() && credit.is_none() {
        return;
    }
    out.push_str("<figcaption>");
    if let Some(caption) = caption {
        out.push_str("<span class=\"aw-caption\">");
        escape_into(out, caption);
        out.push_str("</span>");
    }
    if let Some(credit) = credit {
        out.push_str(" <span class=\"aw-credit\">");
        escape_into(out, credit);
        out.push_str("</span>");
    }
    out.push_str("</figcaption>");
}

#[cfg(feature = "rich")]
/// A gallery: its photos in a scroll-snapping row that the reader swipes,
/// or scrolls with the arrow keys once it has focus (`tabindex="0"`), named
/// by its caption (or "Photo gallery"). Every photo loads lazily.
pub(super) fn gallery(out: &mut String, g: &Gallery, l: &Labels) {
    out.push_str("<figure class=\"aw-gallery\"><div role=\"region\" tabindex=\"0\"");
    attr(out, "aria-label", g.caption.as_deref().unwrap_or(l.gallery));
    out.push_str(" class=\"aw-gallery-track\">");
    for f in &g.figures {
        out.push_str("<figure class=\"aw-figure\">");
        image(out, f, false);
        caption(out, f.caption.as_deref(), f.credit.as_deref());
        out.push_str("</figure>");
    }
    out.push_str("</div>");
    caption(out, g.caption.as_deref(), None);
    out.push_str("</figure>");
}
