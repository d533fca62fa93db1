//! An HTML `<table>` to a table block, or the verdict that it only lays
//! out the page. A data table keeps its caption, its header row (`<th>`
//! cells in the first row or `<thead>`), row headings (a `<th>` opening
//! every row) and its cells' text; `colspan` and `rowspan` are spread over
//! empty cells so the columns stay aligned. A table of one row or one
//! column, one marked `role="presentation"`, or one whose cells hold
//! headings, lists, other tables or long text is a layout table: its
//! content is read as ordinary blocks.

use scraper::ElementRef;

use super::blocks::{visible_text, RawTable};
use super::text::{clean, shorten};

/// Most cells a row keeps (the article format's limit).
pub const MAX_COLUMNS: usize = 50;

/// Longest cell, in characters (the article format's limit).
pub const MAX_CELL: usize = 2000;

/// Most rows read from one table; beyond, the table is cut (the format
/// holds 1000 rows per table block, so this is several blocks).
const MAX_ROWS: usize = 10_000;

/// What a table is.
#[derive(Debug)]
pub enum TableKind {
    /// A data table, with what could not be carried over.
    Data(RawTable, Vec<&'static str>),
    /// A layout table.
    Layout,
}

/// The rows of `table` itself (not of tables inside its cells).
fn rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|r| r.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    out
}

fn cells(row: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    row.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| matches!(c.value().name(), "td" | "th"))
}

fn span(cell: ElementRef<'_>, name: &str, max: usize) -> usize {
    cell.value()
        .attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// Whether a cell holds page layout rather than a value.
fn holds_layout(cell: ElementRef<'_>) -> bool {
    let mut paragraphs = 0;
    for e in cell.descendants().skip(1).filter_map(ElementRef::wrap) {
        match e.value().name() {
            "table" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figure"
            | "blockquote" | "iframe" => return true,
            "p" => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The text of a cell inside its `b` and `strong` elements.
fn bold_text(cell: ElementRef<'_>) -> String {
    let bold: Vec<String> = cell
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "b" | "strong"))
        .filter(|e| {
            !e.ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|a| a.id() != cell.id())
                .any(|a| matches!(a.value().name(), "b" | "strong"))
        })
        .map(visible_text)
        .collect();
    clean(&bold.join(" "))
}

/// One row as read: its cells, whether it reads as a header row, whether
/// its first cell is a `th`.
type GridRow = (Vec<String>, bool, bool);

/// The rows' cells, with spans spread over empty cells; rows with no text
/// are left out.
fn grid(rows: &[ElementRef<'_>], losses: &mut Vec<&'static str>) -> Vec<GridRow> {
    let in_thead = |r: &ElementRef<'_>| {
        r.parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().name() == "thead")
    };
    let mut grid: Vec<GridRow> = Vec::new();
    // Columns still covered by a `rowspan` from above: rows left.
    let mut pending: Vec<usize> = Vec::new();
    for (i, row) in rows.iter().take(MAX_ROWS).enumerate() {
        let mut out: Vec<String> = Vec::new();
        let mut col = 0;
        let (mut all_th, mut first_th, mut any) = (true, false, false);
        let mut cut = false;
        for cell in cells(*row) {
            while pending.get(col).is_some_and(|&n| n > 0) {
                pending[col] -= 1;
                out.push(String::new());
                col += 1;
            }
            let is_th = cell.value().name() == "th";
            if !any {
                first_th = is_th;
            }
            any = true;
            all_th &= is_th;
            let text = clean(&visible_text(cell));
            let text = match shorten(&text, MAX_CELL) {
                Some(short) => {
                    losses.push("table cell cut to 2000 characters");
                    short
                }
                None => text,
            };
            let down = span(cell, "rowspan", MAX_ROWS) - 1;
            let mut text = Some(text);
            for _ in 0..span(cell, "colspan", MAX_COLUMNS) {
                if col >= MAX_COLUMNS {
                    cut = true;
                    break;
                }
                out.push(text.take().unwrap_or_default());
                if pending.len() <= col {
                    pending.resize(col + 1, 0);
                }
                pending[col] = down;
                col += 1;
            }
            if cut {
                break;
            }
        }
        // Columns at the end still covered from above.
        if let Some(last) = pending.iter().rposition(|&n| n > 0) {
            while col <= last && col < MAX_COLUMNS {
                if pending[col] > 0 {
                    pending[col] -= 1;
                }
                out.push(String::new());
                col += 1;
            }
        }
        if cut {
            losses.push("table row cut to its first 50 cells");
        }
        let header_like = any && (all_th || (i == 0 && in_thead(row)));
        if out.iter().any(|c| !c.is_empty()) {
            grid.push((out, header_like, first_th));
        }
    }
    grid
}

/// Reads a table.
pub fn read(table: ElementRef<'_>) -> TableKind {
    let role = table.value().attr("role").unwrap_or_default();
    if role.eq_ignore_ascii_case("presentation")
        || role.eq_ignore_ascii_case("none")
        || table.value().attr("datatable") == Some("0")
    {
        return TableKind::Layout;
    }
    let rows = rows(table);
    if rows.len() < 2 || rows.iter().all(|r| cells(*r).take(2).count() < 2) {
        return TableKind::Layout;
    }
    if rows
        .iter()
        .take(MAX_ROWS)
        .flat_map(|r| cells(*r))
        .any(holds_layout)
    {
        return TableKind::Layout;
    }
    let mut losses = Vec::new();
    if rows.len() > MAX_ROWS {
        losses.push("table cut to its first 10000 rows");
    }
    let mut grid = grid(&rows, &mut losses);
    let mut header = Vec::new();
    let bold_first = || {
        let all_bold = |r: &ElementRef<'_>| {
            let mut any = false;
            let bold = cells(*r).all(|c| {
                let text = clean(&visible_text(c));
                any |= !text.is_empty();
                text.is_empty() || text == bold_text(c)
            });
            any && bold
        };
        rows.first().is_some_and(all_bold) && !rows.get(1).is_some_and(all_bold)
    };
    if let Some((first, header_like, _)) = grid.first() {
        // A header row of `th`, or of bold cells (tables pasted from a
        // word processor).
        if *header_like || bold_first() {
            header.clone_from(first);
            grid.remove(0);
        }
    }
    if grid.is_empty() {
        return TableKind::Layout;
    }
    let row_headers = grid
        .iter()
        .all(|(cells, all_th, first_th)| *first_th && !*all_th && cells.len() > 1);
    let caption = table
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "caption")
        .map(|c| clean(&visible_text(c)))
        .filter(|c| !c.is_empty());
    losses.dedup();
    TableKind::Data(
        RawTable {
            caption,
            header,
            rows: grid.into_iter().map(|(cells, _, _)| cells).collect(),
            row_headers,
        },
        losses,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn read_html(html: &str) -> TableKind {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("table").unwrap_or_else(|_| unreachable!());
        let table = doc.select(&sel).next().unwrap_or_else(|| unreachable!());
        read(table)
    }

    fn data(html: &str) -> RawTable {
        match read_html(html) {
            TableKind::Data(t, _) => t,
            TableKind::Layout => panic!("a layout table: {html}"),
        }
    }

    #[test]
    fn header_caption_and_cells() {
        let t = data(
            "<table><caption>Ferries</caption><thead><tr><th>Route</th><th>Time</th></tr></thead>
             <tbody><tr><td>Cat Ba</td><td>7:00</td></tr><tr><td>Bach Long Vi</td><td></td></tr></tbody></table>",
        );
        assert_eq!(t.caption.as_deref(), Some("Ferries"));
        assert_eq!(t.header, vec!["Route", "Time"]);
        assert_eq!(
            t.rows,
            vec![vec!["Cat Ba", "7:00"], vec!["Bach Long Vi", ""]]
        );
        assert!(!t.row_headers);
    }

    #[test]
    fn row_headings_and_spans_keep_columns_aligned() {
        let t = data(
            r#"<table><tr><th>Day</th><th colspan="2">Times</th></tr>
             <tr><th rowspan="2">Mon</th><td>7:00</td><td>9:00</td></tr>
             <tr><td>13:00</td><td>15:00</td></tr></table>"#,
        );
        assert_eq!(t.header, vec!["Day", "Times", ""]);
        assert_eq!(
            t.rows,
            vec![vec!["Mon", "7:00", "9:00"], vec!["", "13:00", "15:00"]]
        );
        assert!(!t.row_headers, "the second row does not start with a th");
        let t = data(
            "<table><tr><td><p><b>Status</b></p></td><td><strong>Next</strong></td></tr>
             <tr><td>new</td><td><b>soon</b></td></tr></table>",
        );
        assert_eq!(t.header, vec!["Status", "Next"]);
    }

    #[test]
    fn layout_tables_are_told_apart() {
        for html in [
            "<table><tr><td>One cell</td></tr><tr><td>per row</td></tr></table>",
            "<table><tr><td>a</td><td>b</td></tr></table>",
            r#"<table role="presentation"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"#,
            "<table><tr><td><h2>Menu</h2></td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
            "<table><tr><td><table><tr><td>x</td></tr></table></td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        ] {
            assert!(matches!(read_html(html), TableKind::Layout), "{html}");
        }
    }

    #[test]
    fn wide_and_malformed_tables_stay_within_limits() {
        let wide = format!(
            "<table><tr>{}</tr><tr><td>a</td><td colspan=\"1000000\">b</td></tr></table>",
            "<td>x</td>".repeat(80)
        );
        let TableKind::Data(t, losses) = read_html(&wide) else {
            panic!("layout");
        };
        assert!(t.rows.iter().all(|r| r.len() <= MAX_COLUMNS));
        assert_eq!(losses, vec!["table row cut to its first 50 cells"]);
        let t = data(
            r#"<table><tr><td rowspan="99999999">a</td><td>b</td></tr><tr><td>c</td></tr><tr></tr></table>"#,
        );
        assert_eq!(t.rows, vec![vec!["a", "b"], vec!["", "c"]]);
    }
}
