//! HTML content to the article's body blocks: paragraphs, headings, figures
//! with captions and credits, quotes. The HTML is parsed by a real parser
//! (html5ever through `scraper`) and only its text and a few attributes are
//! kept: no markup ever reaches an article, and what has no block of its own
//! (scripts, frames, forms, embedded players) is left out and counted.
//!
//! Lists become one paragraph per item, tables one paragraph per row, until
//! the article format has blocks for them.

use std::collections::BTreeMap;

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::text::clean;

/// How deep the walk recurses before taking a subtree's text as a whole
/// (deeper markup is not article structure, and the stack stays bounded).
const MAX_DEPTH: usize = 96;

/// A body block before URLs are checked and image sizes are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A paragraph of text.
    Paragraph(String),
    /// A sub-heading, level 2 to 4.
    Heading(u8, String),
    /// A photo.
    Figure(RawFigure),
    /// A quotation.
    Quote {
        /// The quoted text.
        text: String,
        /// Who is quoted.
        cite: Option<String>,
    },
}

impl Piece {
    /// The text of a paragraph, heading or quote.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Paragraph(t) | Self::Heading(_, t) | Self::Quote { text: t, .. } => Some(t),
            Self::Figure(_) => None,
        }
    }
}

/// A photo as found in the HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawFigure {
    /// The `src` as written (relative or absolute).
    pub src: String,
    /// Width from the `width` attribute, when it is a number.
    pub width: Option<u32>,
    /// Height from the `height` attribute, when it is a number.
    pub height: Option<u32>,
    /// The `alt` text.
    pub alt: String,
    /// The caption.
    pub caption: Option<String>,
    /// The photographer or agency.
    pub credit: Option<String>,
}

/// Blocks and what could not be carried over.
#[derive(Debug, Default)]
pub struct Converted {
    /// The blocks, in document order.
    pub pieces: Vec<Piece>,
    /// What was left out or flattened, by kind, with counts.
    pub dropped: BTreeMap<&'static str, usize>,
}

impl Converted {
    /// One line per kind of loss, for the import report.
    pub fn notes(&self) -> Vec<String> {
        self.dropped
            .iter()
            .map(|(what, n)| format!("{n} × {what}"))
            .collect()
    }
}

/// Converts an HTML fragment (an article's content) to blocks.
pub fn from_fragment(html: &str) -> Converted {
    let doc = Html::parse_fragment(html);
    let mut w = Walker::default();
    w.children(doc.tree.root(), 0);
    w.flush();
    w.out
}

/// Converts the content of one element of a parsed document to blocks.
pub fn from_element(element: ElementRef<'_>) -> Converted {
    let mut w = Walker::default();
    w.children(*element, 0);
    w.flush();
    w.out
}

/// A `figure` or `img` element as a figure (with its caption), if it is one.
pub fn from_element_as_figure(el: ElementRef<'_>) -> Option<RawFigure> {
    match el.value().name() {
        "figure" => figure(el),
        "img" | "amp-img" => image(el),
        _ => None,
    }
}

/// Elements whose content never becomes article text, with how the report
/// names them.
fn left_out(name: &str) -> Option<&'static str> {
    Some(match name {
        "script" | "noscript" | "template" | "style" | "link" | "meta" | "head" | "title" => "",
        "iframe" | "frame" | "frameset" => "embedded frame (iframe) left out",
        "video" | "audio" | "object" | "embed" | "canvas" => "video, audio or plug-in left out",
        "svg" | "math" => "inline drawing (SVG or MathML) left out",
        "form" | "button" | "input" | "select" | "textarea" | "dialog" => {
            "form or control left out"
        }
        "nav" => "navigation left out",
        _ => return None,
    })
}

/// Elements that start a new block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "li"
            | "ul"
            | "ol"
            | "hr"
            | "pre"
            | "figcaption"
            | "caption"
            | "body"
            | "html"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

#[derive(Default)]
struct Walker {
    out: Converted,
    text: String,
}

impl Walker {
    fn drop_note(&mut self, what: &'static str) {
        if !what.is_empty() {
            *self.out.dropped.entry(what).or_insert(0) += 1;
        }
    }

    /// Ends the paragraph being collected.
    fn flush(&mut self) {
        let text = clean(&self.text);
        self.text.clear();
        if !text.is_empty() {
            self.out.pieces.push(Piece::Paragraph(text));
        }
    }

    fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        match node.value() {
            Node::Text(t) => self.text.push_str(t),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(node) {
                    self.element(el, depth);
                }
            }
            _ => {}
        }
    }

    fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if let Some(what) = left_out(name) {
            self.drop_note(what);
            return;
        }
        if depth > MAX_DEPTH {
            self.text.push(' ');
            self.text.push_str(&visible_text(el));
            self.text.push(' ');
            return;
        }
        match name {
            "br" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = match name {
                    "h1" | "h2" => 2,
                    "h3" => 3,
                    _ => 4,
                };
                let text = clean(&visible_text(el));
                if !text.is_empty() {
                    self.out.pieces.push(Piece::Heading(level, text));
                }
            }
            "figure" => {
                self.flush();
                if let Some(fig) = figure(el) {
                    self.out.pieces.push(Piece::Figure(fig));
                } else {
                    self.children(*el, depth);
                    self.flush();
                }
            }
            "img" | "amp-img" => {
                self.flush();
                if let Some(fig) = image(el) {
                    self.out.pieces.push(Piece::Figure(fig));
                }
            }
            "blockquote" => {
                self.flush();
                self.quote(el, depth);
            }
            "table" => {
                self.flush();
                if let Some(fig) = table_figure(el) {
                    self.out.pieces.push(Piece::Figure(fig));
                } else {
                    self.drop_note("table written as one paragraph per row");
                    self.table(el);
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.drop_note("list written as one paragraph per item");
                self.children(*el, depth);
                self.flush();
            }
            _ if is_block(name) => {
                self.flush();
                self.children(*el, depth);
                self.flush();
            }
            _ => self.children(*el, depth),
        }
    }

    /// A `blockquote`: its text, and who is quoted from `cite` or `footer`.
    fn quote(&mut self, el: ElementRef<'_>, depth: usize) {
        let mut inner = Walker::default();
        let mut cite = None;
        for child in el.children() {
            if let Some(c) = ElementRef::wrap(child) {
                if matches!(c.value().name(), "cite" | "footer") {
                    cite = Some(clean(&visible_text(c)))
                        .filter(|s| !s.is_empty())
                        .map(|s| s.trim_start_matches(['—', '–', '-', ' ']).to_owned());
                    continue;
                }
            }
            inner.node(child, depth + 1);
        }
        inner.flush();
        for (what, n) in inner.out.dropped {
            *self.out.dropped.entry(what).or_insert(0) += n;
        }
        let mut texts = Vec::new();
        for piece in inner.out.pieces {
            match piece {
                Piece::Figure(f) => self.out.pieces.push(Piece::Figure(f)),
                other => texts.extend(other.text().map(str::to_owned)),
            }
        }
        let text = texts.join(" ");
        if !text.is_empty() {
            self.out.pieces.push(Piece::Quote { text, cite });
        }
    }

    /// A data table: one paragraph per row, cells joined with " | ".
    fn table(&mut self, el: ElementRef<'_>) {
        for row in el
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "tr")
        {
            let cells: Vec<String> = row
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| clean(&visible_text(c)))
                .filter(|t| !t.is_empty())
                .collect();
            if !cells.is_empty() {
                self.out.pieces.push(Piece::Paragraph(cells.join(" | ")));
            }
        }
    }
}

/// The text a reader sees in `el`: text nodes outside scripts, styles and
/// the other left-out elements. Iterative, so any depth is safe.
pub fn visible_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut edges = el.traverse();
    while let Some(edge) = edges.next() {
        if let ego_tree::iter::Edge::Open(node) = edge {
            match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => {
                    if left_out(e.name()).is_some() {
                        // Skip to this element's close.
                        for inner in edges.by_ref() {
                            if let ego_tree::iter::Edge::Close(n) = inner {
                                if n == node {
                                    break;
                                }
                            }
                        }
                    } else if e.name() == "br" || is_block(e.name()) {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// A number attribute such as `width="800"` (not `100%`).
fn dimension(el: ElementRef<'_>, name: &str) -> Option<u32> {
    el.value()
        .attr(name)
        .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
        .filter(|&n| n > 0)
}

/// The image URL of an `img`, looking past lazy-loading placeholders.
fn image_src(el: ElementRef<'_>) -> Option<String> {
    let attr = |n: &str| {
        el.value()
            .attr(n)
            .map(str::trim)
            .filter(|v| !v.is_empty() && !v.starts_with("data:"))
    };
    ["data-src", "data-lazy-src", "data-original", "src"]
        .into_iter()
        .find_map(attr)
        .or_else(|| {
            attr("srcset")
                .or_else(|| attr("data-srcset"))
                .and_then(|s| s.split(',').next())
                .and_then(|c| c.split_whitespace().next())
        })
        .map(str::to_owned)
}

/// A standalone image as a figure without caption.
fn image(el: ElementRef<'_>) -> Option<RawFigure> {
    let src = image_src(el)?;
    let (width, height) = (dimension(el, "width"), dimension(el, "height"));
    // Tracking pixels and icons are not photos.
    if width.is_some_and(|w| w < 48) || height.is_some_and(|h| h < 48) {
        return None;
    }
    Some(RawFigure {
        src,
        width,
        height,
        alt: clean(el.value().attr("alt").unwrap_or_default()),
        caption: None,
        credit: None,
    })
}

/// Whether an element inside a caption holds the credit (by its class).
fn is_credit(el: ElementRef<'_>) -> bool {
    el.value().classes().any(|c| {
        let c = c.to_ascii_lowercase();
        ["credit", "copyright", "photographer", "source", "byline"]
            .iter()
            .any(|k| c.contains(k))
    })
}

/// Caption and credit from a caption element.
fn caption_and_credit(cap: ElementRef<'_>) -> (Option<String>, Option<String>) {
    let mut credit = None;
    let mut caption = String::new();
    let mut edges = cap.traverse();
    while let Some(edge) = edges.next() {
        if let ego_tree::iter::Edge::Open(node) = edge {
            match node.value() {
                Node::Text(t) => caption.push_str(t),
                Node::Element(e) => {
                    let el = ElementRef::wrap(node);
                    let skip = left_out(e.name()).is_some();
                    let is_cred = el.is_some_and(is_credit);
                    if is_cred {
                        credit = el
                            .map(|c| clean(&visible_text(c)))
                            .filter(|s| !s.is_empty());
                    }
                    if skip || is_cred {
                        for inner in edges.by_ref() {
                            if let ego_tree::iter::Edge::Close(n) = inner {
                                if n == node {
                                    break;
                                }
                            }
                        }
                    } else if e.name() == "br" {
                        caption.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    let caption = Some(clean(&caption)).filter(|s| !s.is_empty());
    (caption, credit)
}

/// A `figure` with an image: the image, its caption and credit.
fn figure(el: ElementRef<'_>) -> Option<RawFigure> {
    let img = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| matches!(e.value().name(), "img" | "amp-img"))?;
    let mut fig = image(img)?;
    if let Some(cap) = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "figcaption")
    {
        (fig.caption, fig.credit) = caption_and_credit(cap);
    }
    Some(fig)
}

/// A layout table holding one image and its caption (a common CMS pattern
/// for captioned photos); `None` for a data table.
fn table_figure(el: ElementRef<'_>) -> Option<RawFigure> {
    let mut images = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "img" | "amp-img"));
    let img = images.next()?;
    if images.next().is_some() {
        return None;
    }
    let mut fig = image(img)?;
    // The caption: the cells without the image.
    let cells: Vec<ElementRef<'_>> = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "td" | "th" | "caption"))
        .filter(|c| {
            !c.descendants()
                .filter_map(ElementRef::wrap)
                .any(|e| e.value().name() == "img")
        })
        .collect();
    if cells.len() > 3 {
        return None;
    }
    let mut captions = Vec::new();
    for cell in cells {
        let (caption, credit) = caption_and_credit(cell);
        captions.extend(caption);
        if fig.credit.is_none() {
            fig.credit = credit;
        }
    }
    fig.caption = Some(captions.join(" ")).filter(|s| !s.is_empty());
    Some(fig)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(html: &str) -> Vec<Piece> {
        from_fragment(html).pieces
    }

    fn p(s: &str) -> Piece {
        Piece::Paragraph(s.to_owned())
    }

    #[test]
    fn paragraphs_headings_and_loose_text() {
        assert_eq!(
            pieces("<h2>Sub</h2><p>One <b>two</b>\n three</p><div>Loose<br>text</div>"),
            vec![
                Piece::Heading(2, "Sub".into()),
                p("One two three"),
                p("Loose"),
                p("text")
            ]
        );
    }

    #[test]
    fn figures_keep_caption_and_credit() {
        let html = r#"<figure><img src="a.jpg" width="800" height="533" alt="A">
            <figcaption>The caption. <span class="credit">Photo: X</span></figcaption></figure>"#;
        assert_eq!(
            pieces(html),
            vec![Piece::Figure(RawFigure {
                src: "a.jpg".into(),
                width: Some(800),
                height: Some(533),
                alt: "A".into(),
                caption: Some("The caption.".into()),
                credit: Some("Photo: X".into()),
            })]
        );
    }

    #[test]
    fn a_layout_table_with_one_photo_is_a_figure() {
        let html = r#"<table class="image"><tr><td><img src="b.jpg"></td></tr>
            <tr><td class="image_desc">Caption here</td></tr></table>"#;
        let got = pieces(html);
        assert!(
            matches!(&got[..], [Piece::Figure(f)] if f.caption.as_deref() == Some("Caption here"))
        );
    }

    #[test]
    fn quotes_keep_who_said_them() {
        assert_eq!(
            pieces("<blockquote><p>Words.</p><footer>— Someone</footer></blockquote>"),
            vec![Piece::Quote {
                text: "Words.".into(),
                cite: Some("Someone".into())
            }]
        );
    }

    #[test]
    fn scripts_frames_and_handlers_never_become_text() {
        let html = r#"<p onclick="alert(1)">Safe <script>alert(2)</script>text</p>
            <iframe src="https://evil.example/"></iframe><svg><script>alert(3)</script></svg>
            <a href="javascript:alert(4)">link text</a>"#;
        let got = from_fragment(html);
        assert_eq!(got.pieces, vec![p("Safe text"), p("link text")]);
        assert_eq!(got.notes().len(), 2);
    }

    #[test]
    fn deep_nesting_is_read_without_recursing() {
        let depth = 1000;
        let html = format!(
            "{}deep{}",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert_eq!(pieces(&html), vec![p("deep")]);
    }
}
