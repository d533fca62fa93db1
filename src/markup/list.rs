//! Lists: bulleted or numbered, with one level of sub-items, their text
//! with links and emphasis as in paragraphs.

use super::body::runs;
use crate::i18n::Labels;
use crate::model::List;
use crate::prelude::*;

pub(super) fn list(out: &mut String, list: &List, l: &Labels) {
    let tag = |ordered: bool| if ordered { "ol" } else { "ul" };
    let outer = tag(list.ordered);
    out.push('<');
    out.push_str(outer);
    out.push_str(" class=\"aw-list\">");
    for item in &list.items {
        out.push_str("<li>");
        runs(out, &item.text, l);
        if !item.items.is_empty() {
            let inner = tag(item.ordered.unwrap_or(list.ordered));
            out.push('<');
            out.push_str(inner);
            out.push('>');
            for sub in &item.items {
                out.push_str("<li>");
                runs(out, sub, l);
                out.push_str("</li>");
            }
            out.push_str("</");
            out.push_str(inner);
            out.push('>');
        }
        out.push_str("</li>");
    }
    out.push_str("</");
    out.push_str(outer);
    out.push('>');
}
