//! Tables: in a box that scrolls sideways on narrow screens instead of
//! overflowing the widget, focusable so that keyboards scroll it too and
//! named by the caption; header cells are `<th>` with their `scope`.

use super::{attr, escape_into};
use crate::i18n::Labels;
use crate::model::Table;
use crate::prelude::*;

pub(super) fn table(out: &mut String, t: &Table, l: &Labels) {
    out.push_str("<div role=\"region\" tabindex=\"0\"");
    attr(out, "aria-label", t.caption.as_deref().unwrap_or(l.table));
    out.push_str(" class=\"aw-table\"><table>");
    if let Some(caption) = &t.caption {
        out.push_str("<caption>");
        escape_into(out, caption);
        out.push_str("</caption>");
    }
    if !t.header.is_empty() {
        out.push_str("<thead><tr>");
        for cell in &t.header {
            out.push_str("<th scope=\"col\">");
            escape_into(out, cell);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let head = i == 0 && t.row_headers;
            out.push_str(if head { "<th scope=\"row\">" } else { "<td>" });
            escape_into(out, cell);
            out.push_str(if head { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}
