//! HTML content to the article's body blocks: paragraphs with their links
//! and emphasis, headings, figures (with captions, credits and `srcset`),
//! quotes and pull quotes, lists (one level of sub-items), tables, videos
//! from embedded players, galleries and separators. The HTML is parsed by a
//! real parser (html5ever through `scraper`) and only its text and a few
//! attributes are kept: no markup ever reaches an article, and what has no
//! block of its own (scripts, other frames, forms, audio) is left out and
//! counted.
//!
//! WordPress's block and shortcode markup is recognised by its classes
//! (`wp-block-embed`, `wp-block-gallery`, `gallery`, `wp-block-pullquote`,
//! …); [`PRESERVED_CLASSES`] are the ones the page extraction must keep.

use std::collections::BTreeMap;

use ego_tree::NodeRef;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use scraper::{ElementRef, Html, Node};

use super::runs::{self, RawRun};
use super::srcset;
use super::table::{self, TableKind};
use super::text::clean;
use super::video::{self, VideoRef};

/// How deep the walk recurses before taking a subtree's text as a whole
/// (deeper markup is not article structure, and the stack stays bounded).
const MAX_DEPTH: usize = 96;

/// Most images looked at in one gallery (the format holds 100 per gallery;
/// more are split over several galleries).
const MAX_GALLERY_IMAGES: usize = 1000;

/// Classes that mark galleries (WordPress's gallery block and `[gallery]`
/// shortcode, Jetpack's tiled gallery).
const GALLERY_CLASSES: [&str; 4] = [
    "wp-block-gallery",
    "gallery",
    "blocks-gallery-grid",
    "tiled-gallery",
];

/// Classes that mark pull quotes.
const PULLQUOTE_CLASSES: [&str; 4] = [
    "wp-block-pullquote",
    "pullquote",
    "pull-quote",
    "pull_quote",
];

/// Elements a gallery never holds: an element with a gallery's class
/// that holds them is read as text.
const TEXT_BLOCKS: [&str; 9] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
];

/// Longest text read as a pull quote (the format's limit); an element of a
/// pull quote's class holding more is read as text.
pub const MAX_PULLQUOTE_CHARS: usize = 2000;

/// Classes the page extraction keeps on the content it hands over, so that
/// galleries, pull quotes and embeds are still recognised.
pub const PRESERVED_CLASSES: [&str; 11] = [
    "wp-block-gallery",
    "gallery",
    "blocks-gallery-grid",
    "tiled-gallery",
    "wp-block-pullquote",
    "pullquote",
    "pull-quote",
    "pull_quote",
    "wp-block-embed",
    "fb-video",
    "gallery-caption",
];

/// A body block before URLs are checked and image sizes are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A paragraph of text, with its links and emphasis.
    Paragraph(Vec<RawRun>),
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
    /// A pull quote: a passage of the article set apart.
    Pullquote {
        /// The passage.
        text: String,
        /// Who said it.
        cite: Option<String>,
    },
    /// A bulleted or numbered list.
    List(RawList),
    /// A data table.
    Table(RawTable),
    /// An embedded video.
    Video(RawVideo),
    /// Several photos.
    Gallery(RawGallery),
    /// A thematic break (`<hr>`).
    Separator,
}

impl Piece {
    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Piece {
        Piece::Paragraph(vec![RawRun::plain(text)])
    }

    /// The plain text of a block that holds text (a list's items joined).
    pub fn text(&self) -> Option<String> {
        match self {
            Self::Paragraph(r) => Some(runs::plain(r)),
            Self::Heading(_, t) | Self::Quote { text: t, .. } | Self::Pullquote { text: t, .. } => {
                Some(t.clone())
            }
            Self::List(l) => Some(
                l.items
                    .iter()
                    .flat_map(|i| std::iter::once(&i.text).chain(&i.items))
                    .map(|r| runs::plain(r))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Self::Table(t) => Some(
                t.header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Self::Figure(_) | Self::Video(_) | Self::Gallery(_) | Self::Separator => None,
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
    /// Other widths of the photo, `(url as written, width)`, from `srcset`.
    pub srcset: Vec<(String, u32)>,
}

/// A list as found in the HTML: items with at most one level of sub-items
/// (deeper levels are folded into the sub-items, in reading order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawList {
    /// `<ol>` rather than `<ul>`.
    pub ordered: bool,
    /// The items.
    pub items: Vec<RawItem>,
}

/// One list item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawItem {
    /// The item's text.
    pub text: Vec<RawRun>,
    /// Its sub-items.
    pub items: Vec<Vec<RawRun>>,
    /// Whether the sub-items are numbered, when that differs from the list.
    pub ordered: Option<bool>,
}

/// A data table as found in the HTML (cells as plain text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawTable {
    /// `<caption>` or the figure's caption.
    pub caption: Option<String>,
    /// The header row.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
    /// Whether each row starts with its own heading (`<th>`).
    pub row_headers: bool,
}

/// An embedded video as found in the HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawVideo {
    /// Which video.
    pub video: VideoRef,
    /// The player's `title`, if it names the video.
    pub title: Option<String>,
    /// The caption under it.
    pub caption: Option<String>,
}

/// A gallery as found in the HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawGallery {
    /// The photos, in order.
    pub figures: Vec<RawFigure>,
    /// The caption of the whole gallery.
    pub caption: Option<String>,
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

/// Converts an HTML fragment (an article's content) to blocks. Markup
/// nesting deeper than a page may (see [`super::html::MAX_NESTING`]) is not
/// built into a tree (that slows down with the depth) but read flat: its
/// text in paragraphs, reported.
pub fn from_fragment(html: &str) -> Converted {
    let depth = super::html::token_nesting(html);
    if depth > super::html::MAX_NESTING * 2 {
        let mut out = flat(html);
        out.dropped.insert(
            "HTML nesting elements too deep: its text read as plain paragraphs",
            1,
        );
        return out;
    }
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
/// names them (`iframe` is read first for a video).
pub(super) fn left_out(name: &str) -> Option<&'static str> {
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
pub(super) fn is_block(name: &str) -> bool {
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
            | "figure"
            | "figcaption"
            | "caption"
            | "blockquote"
            | "body"
            | "html"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

/// Whether `el` has one of `classes` (compared without case).
fn has_class(el: ElementRef<'_>, classes: &[&str]) -> bool {
    el.value()
        .classes()
        .any(|c| classes.iter().any(|k| c.eq_ignore_ascii_case(k)))
}

/// The first descendant element (not `el` itself) named one of `names`.
fn find<'a>(el: ElementRef<'a>, names: &[&str]) -> Option<ElementRef<'a>> {
    el.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .find(|e| names.contains(&e.value().name()))
}

/// A non-empty, trimmed attribute.
fn attr<'a>(el: ElementRef<'a>, name: &str) -> Option<&'a str> {
    el.value()
        .attr(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

#[derive(Default)]
struct Walker {
    out: Converted,
    /// The paragraph being collected.
    runs: Vec<RawRun>,
    /// The link and emphasis of text met now (its `text` unused).
    style: RawRun,
}

impl Walker {
    fn drop_note(&mut self, what: &'static str) {
        if !what.is_empty() {
            *self.out.dropped.entry(what).or_insert(0) += 1;
        }
    }

    /// Ends the paragraph being collected.
    fn flush(&mut self) {
        let runs = runs::tidy(std::mem::take(&mut self.runs));
        if !runs.is_empty() {
            self.out.pieces.push(Piece::Paragraph(runs));
        }
    }

    fn push_text(&mut self, text: &str) {
        runs::push(&mut self.runs, text, &self.style);
    }

    fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        match node.value() {
            Node::Text(t) => {
                let t: &str = t;
                self.push_text(t);
            }
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(node) {
                    self.element(el, depth);
                }
            }
            _ => {}
        }
    }

    /// Walks `el`'s content in a walker of its own (for a list item, a
    /// quote): its blocks, and its losses counted here.
    fn inner(&mut self, el: ElementRef<'_>, depth: usize, skip: &[&str]) -> Vec<Piece> {
        let mut inner = Walker::default();
        for child in el.children() {
            if ElementRef::wrap(child).is_some_and(|c| skip.contains(&c.value().name())) {
                continue;
            }
            inner.node(child, depth + 1);
        }
        inner.flush();
        for (what, n) in inner.out.dropped {
            *self.out.dropped.entry(what).or_insert(0) += n;
        }
        inner.out.pieces
    }

    fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if name == "iframe" && self.embedded_video(el) {
            return;
        }
        if let Some(what) = left_out(name) {
            self.drop_note(what);
            return;
        }
        if depth > MAX_DEPTH {
            let text = format!(" {} ", visible_text(el));
            self.push_text(&text);
            return;
        }
        if self.by_class(el, depth) {
            return;
        }
        match name {
            "br" => self.flush(),
            "hr" => {
                self.flush();
                self.out.pieces.push(Piece::Separator);
            }
            "a" => {
                let saved = self.style.clone();
                if let Some(href) = attr(el, "href").filter(|h| !h.starts_with('#')) {
                    self.style.href = Some(href.to_owned());
                }
                self.children(*el, depth);
                self.style = saved;
            }
            "em" | "i" | "strong" | "b" => {
                let saved = self.style.clone();
                if matches!(name, "em" | "i") {
                    self.style.em = true;
                } else {
                    self.style.strong = true;
                }
                self.children(*el, depth);
                self.style = saved;
            }
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
                self.figure(el, depth);
            }
            "img" | "amp-img" => {
                self.flush();
                if let Some(fig) = image(el) {
                    self.out.pieces.push(Piece::Figure(fig));
                }
            }
            "picture" => {
                self.flush();
                if let Some(fig) = picture(el) {
                    self.out.pieces.push(Piece::Figure(fig));
                }
            }
            "blockquote" => {
                self.flush();
                let (text, cite) = self.quote(el, depth);
                if !text.is_empty() {
                    self.out.pieces.push(Piece::Quote { text, cite });
                }
            }
            "table" => {
                self.flush();
                self.table(el, depth, None);
            }
            "ul" | "ol" => {
                self.flush();
                self.list(el, depth);
            }
            _ if is_block(name) => {
                self.flush();
                self.children(*el, depth);
                self.flush();
            }
            _ => self.children(*el, depth),
        }
    }

    /// Galleries, pull quotes and embeds told by their classes; whether
    /// `el` was one.
    fn by_class(&mut self, el: ElementRef<'_>, depth: usize) -> bool {
        // A wrapper of text that happens to carry one of these classes is
        // not a gallery or a pull quote: its text is kept.
        if has_class(el, &GALLERY_CLASSES) && find(el, &TEXT_BLOCKS).is_none() {
            if let Some(piece) = gallery(el) {
                self.flush();
                self.out.pieces.push(piece);
                return true;
            }
        } else if has_class(el, &PULLQUOTE_CLASSES)
            && visible_text(el).chars().count() <= MAX_PULLQUOTE_CHARS
        {
            self.flush();
            let (text, cite) = self.quote(el, depth);
            if !text.is_empty() {
                self.out.pieces.push(Piece::Pullquote { text, cite });
            }
            return true;
        } else if has_class(el, &["wp-block-embed", "fb-video"]) {
            if let Some(v) = embed(el) {
                self.flush();
                self.out.pieces.push(Piece::Video(v));
                return true;
            }
        }
        false
    }

    /// An `iframe` showing a video; whether it was one.
    fn embedded_video(&mut self, el: ElementRef<'_>) -> bool {
        let Some(v) = iframe_video(el) else {
            return false;
        };
        self.flush();
        self.out.pieces.push(Piece::Video(RawVideo {
            video: v,
            title: attr(el, "title").map(clean),
            caption: None,
        }));
        true
    }

    /// A `figure`: a photo, several photos, a video, a table or, failing
    /// those, its content as blocks.
    fn figure(&mut self, el: ElementRef<'_>, depth: usize) {
        let images = el
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "img" | "amp-img"))
            .take(2)
            .count();
        if images == 0 {
            if let Some(v) = embed(el) {
                self.out.pieces.push(Piece::Video(v));
                return;
            }
            if let Some(t) = find(el, &["table"]) {
                let caption = find(el, &["figcaption"]).and_then(|c| caption_and_credit(c).0);
                self.table(t, depth + 1, caption);
                return;
            }
        }
        if images > 1 {
            if let Some(piece) = gallery(el) {
                self.out.pieces.push(piece);
                return;
            }
        }
        if let Some(fig) = figure(el) {
            self.out.pieces.push(Piece::Figure(fig));
        } else {
            self.children(*el, depth);
            self.flush();
        }
    }

    /// A quotation's text, and who is quoted from `cite` or `footer`.
    fn quote(&mut self, el: ElementRef<'_>, depth: usize) -> (String, Option<String>) {
        let cite = el
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|c| matches!(c.value().name(), "cite" | "footer"))
            .map(|c| clean(&visible_text(c)))
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_start_matches(['—', '–', '-', ' ']).to_owned());
        let mut texts = Vec::new();
        let pieces = self.inner_without(el, depth, &["cite", "footer"]);
        for piece in pieces {
            match piece {
                Piece::Figure(_) | Piece::Gallery(_) | Piece::Video(_) => {
                    self.out.pieces.push(piece);
                }
                other => texts.extend(other.text()),
            }
        }
        (texts.join(" "), cite)
    }

    /// Like [`Walker::inner`], leaving out the named elements wherever they
    /// are (a pull quote's `cite` sits inside its `blockquote`).
    fn inner_without(&mut self, el: ElementRef<'_>, depth: usize, skip: &[&str]) -> Vec<Piece> {
        let holds_skipped_deeper = el
            .children()
            .filter_map(ElementRef::wrap)
            .any(|c| find(c, skip).is_some());
        if holds_skipped_deeper && depth < MAX_DEPTH {
            // One level down, so the skipped element is a direct child.
            let mut pieces = Vec::new();
            for child in el.children() {
                match ElementRef::wrap(child) {
                    Some(c) if skip.contains(&c.value().name()) => {}
                    Some(c) if find(c, skip).is_some() => {
                        pieces.extend(self.inner_without(c, depth + 1, skip));
                    }
                    Some(c) => pieces.extend(self.inner_only(c, depth + 1)),
                    None => {
                        if let Node::Text(t) = child.value() {
                            let t = clean(t);
                            if !t.is_empty() {
                                pieces.push(Piece::paragraph(t));
                            }
                        }
                    }
                }
            }
            pieces
        } else {
            self.inner(el, depth, skip)
        }
    }

    /// The blocks of `el` itself, in a walker of its own.
    fn inner_only(&mut self, el: ElementRef<'_>, depth: usize) -> Vec<Piece> {
        let mut inner = Walker::default();
        inner.element(el, depth);
        inner.flush();
        for (what, n) in inner.out.dropped {
            *self.out.dropped.entry(what).or_insert(0) += n;
        }
        inner.out.pieces
    }

    /// A table: a data table becomes a table block; a layout table (one
    /// column, one row, blocks in its cells) is read as the blocks it holds.
    fn table(&mut self, el: ElementRef<'_>, depth: usize, caption: Option<String>) {
        if let Some(fig) = table_figure(el) {
            self.out.pieces.push(Piece::Figure(fig));
            return;
        }
        match table::read(el) {
            TableKind::Data(mut t, losses) => {
                if t.caption.is_none() {
                    t.caption = caption;
                }
                for what in losses {
                    self.drop_note(what);
                }
                self.out.pieces.push(Piece::Table(t));
            }
            TableKind::Layout => {
                self.children(*el, depth);
                self.flush();
                if let Some(c) = caption {
                    self.out.pieces.push(Piece::paragraph(c));
                }
            }
        }
    }

    /// A `ul` or `ol`: a list block; photos, videos and tables found in its
    /// items follow it.
    fn list(&mut self, el: ElementRef<'_>, depth: usize) {
        let ordered = el.value().name() == "ol";
        let mut items = Vec::new();
        let mut after = Vec::new();
        for child in el.children() {
            let pieces = match ElementRef::wrap(child) {
                Some(c) if c.value().name() == "li" => self.inner(c, depth + 1, &[]),
                Some(c) => self.inner_only(c, depth + 1),
                None => match child.value() {
                    Node::Text(t) if !t.trim().is_empty() => vec![Piece::paragraph(clean(t))],
                    _ => continue,
                },
            };
            let mut item = RawItem::default();
            for piece in pieces {
                let text = match piece {
                    Piece::Paragraph(r) => r,
                    Piece::Heading(_, t)
                    | Piece::Quote { text: t, .. }
                    | Piece::Pullquote { text: t, .. } => vec![RawRun::plain(t)],
                    Piece::List(l) => {
                        if l.ordered != ordered {
                            item.ordered.get_or_insert(l.ordered);
                        }
                        for sub in l.items {
                            item.items.push(sub.text);
                            item.items.extend(sub.items);
                        }
                        continue;
                    }
                    other => {
                        after.push(other);
                        continue;
                    }
                };
                if item.items.is_empty() {
                    runs::join(&mut item.text, text);
                } else {
                    item.items.push(text);
                }
            }
            if item.text.is_empty() && !item.items.is_empty() {
                item.text = item.items.remove(0);
            }
            if !item.text.is_empty() {
                items.push(item);
            }
        }
        if !items.is_empty() {
            self.out
                .pieces
                .push(Piece::List(RawList { ordered, items }));
        }
        self.out.pieces.extend(after);
    }
}

/// Collects the text of a token stream into paragraphs, without a tree.
#[derive(Default)]
struct Flat {
    pieces: std::cell::RefCell<Vec<Piece>>,
    text: std::cell::RefCell<String>,
    /// Open elements whose content is never text (`script`, `style`, …).
    hidden: std::cell::Cell<usize>,
}

impl Flat {
    fn flush(&self) {
        let text = clean(&self.text.take());
        if !text.is_empty() {
            self.pieces.borrow_mut().push(Piece::paragraph(text));
        }
    }
}

impl TokenSink for Flat {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if left_out(name).is_some() && !tag.self_closing {
                    let n = self.hidden.get();
                    self.hidden.set(match tag.kind {
                        TagKind::StartTag => n + 1,
                        TagKind::EndTag => n.saturating_sub(1),
                    });
                } else if is_block(name)
                    || matches!(name, "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                {
                    self.flush();
                }
            }
            Token::CharacterTokens(t) if self.hidden.get() == 0 => {
                self.text.borrow_mut().push_str(&t);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The text of `html` in paragraphs, read from its tokens alone.
fn flat(html: &str) -> Converted {
    let tokenizer = Tokenizer::new(Flat::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.flush();
    Converted {
        pieces: tokenizer.sink.pieces.take(),
        dropped: BTreeMap::new(),
    }
}

/// The video an `iframe` plays, if it is a video player.
fn iframe_video(el: ElementRef<'_>) -> Option<VideoRef> {
    ["src", "data-src", "data-lazy-src"]
        .into_iter()
        .filter_map(|n| attr(el, n))
        .find_map(video::from_url)
}

/// An embed wrapper (WordPress's `wp-block-embed`, a `figure` around a
/// player, Facebook's `div.fb-video`): its video and caption.
fn embed(el: ElementRef<'_>) -> Option<RawVideo> {
    let caption = el
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "figcaption")
        .and_then(|c| caption_and_credit(c).0);
    if has_class(el, &["fb-video"]) {
        let v = attr(el, "data-href").and_then(video::from_url)?;
        return Some(RawVideo {
            video: v,
            title: None,
            caption,
        });
    }
    if let Some(frame) = find(el, &["iframe"]) {
        return Some(RawVideo {
            video: iframe_video(frame)?,
            title: attr(frame, "title").map(clean),
            caption,
        });
    }
    if !has_class(el, &["wp-block-embed"]) {
        return None;
    }
    // Without its player, a WordPress embed holds the video's URL as text
    // (or as a link) in its wrapper.
    let wrapper = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| has_class(*e, &["wp-block-embed__wrapper"]))?;
    let url = find(wrapper, &["a"])
        .and_then(|a| attr(a, "href"))
        .map_or_else(|| clean(&visible_text(wrapper)), str::to_owned);
    Some(RawVideo {
        video: video::from_url(&url)?,
        title: None,
        caption,
    })
}

/// A gallery's photos (each with its own caption) and its caption: a
/// figure for one photo, a gallery for more, `None` for none.
fn gallery(el: ElementRef<'_>) -> Option<Piece> {
    let mut figures = Vec::new();
    for img in el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "img" | "amp-img"))
        .take(MAX_GALLERY_IMAGES)
    {
        let Some(mut fig) = image(img) else {
            continue;
        };
        // The caption of the smallest part of the gallery around this photo.
        for node in img.ancestors() {
            if node.id() == el.id() {
                break;
            }
            let Some(item) = ElementRef::wrap(node) else {
                break;
            };
            let photos = item
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| matches!(e.value().name(), "img" | "amp-img"))
                .take(2)
                .count();
            if photos > 1 {
                break;
            }
            let caption = item.children().filter_map(ElementRef::wrap).find(|c| {
                c.value().name() == "figcaption"
                    || c.value().name() == "dd"
                    || c.value().classes().any(|k| k.contains("caption"))
            });
            if let Some(c) = caption {
                (fig.caption, fig.credit) = caption_and_credit(c);
                break;
            }
        }
        figures.push(fig);
    }
    let caption = el
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "figcaption")
        .and_then(|c| caption_and_credit(c).0);
    match figures.len() {
        0 => None,
        1 => {
            let mut fig = figures.remove(0);
            if fig.caption.is_none() {
                fig.caption = caption;
            }
            Some(Piece::Figure(fig))
        }
        _ => Some(Piece::Gallery(RawGallery { figures, caption })),
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

/// The width-described files of an element's `srcset` (a lazy-loading
/// `data-srcset` first).
fn srcset_of(el: ElementRef<'_>) -> Vec<(String, u32)> {
    ["data-srcset", "data-lazy-srcset", "srcset"]
        .into_iter()
        .filter_map(|n| attr(el, n))
        .map(srcset::parse)
        .find(|files| !files.is_empty())
        .unwrap_or_default()
}

/// A standalone image as a figure without caption.
fn image(el: ElementRef<'_>) -> Option<RawFigure> {
    let src = image_src(el)?;
    let (width, height) = (dimension(el, "width"), dimension(el, "height"));
    // Tracking pixels and icons are not photos.
    if width.is_some_and(|w| w < 48) || height.is_some_and(|h| h < 48) {
        return None;
    }
    let mut srcset = srcset_of(el);
    if srcset.is_empty() {
        // A `picture`'s sources, when they show the same crop (no `media`).
        if let Some(picture) = el
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|p| p.value().name() == "picture")
        {
            srcset = picture
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|s| s.value().name() == "source" && s.value().attr("media").is_none())
                .map(srcset_of)
                .find(|files| !files.is_empty())
                .unwrap_or_default();
        }
    }
    Some(RawFigure {
        src,
        width,
        height,
        alt: clean(el.value().attr("alt").unwrap_or_default()),
        caption: None,
        credit: None,
        srcset,
    })
}

/// A `picture`: its `img` with the `source`s' files, or the widest file of
/// its first source when it has no `img`.
fn picture(el: ElementRef<'_>) -> Option<RawFigure> {
    if let Some(img) = find(el, &["img"]) {
        return image(img);
    }
    let srcset = el
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|s| s.value().name() == "source" && s.value().attr("media").is_none())
        .map(srcset_of)
        .find(|files| !files.is_empty())?;
    Some(RawFigure {
        src: srcset.last()?.0.clone(),
        srcset,
        ..RawFigure::default()
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
pub(super) fn caption_and_credit(cap: ElementRef<'_>) -> (Option<String>, Option<String>) {
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
        Piece::paragraph(s)
    }

    fn plain(s: &str) -> Vec<RawRun> {
        vec![RawRun::plain(s)]
    }

    fn run(text: &str, href: Option<&str>, em: bool, strong: bool) -> RawRun {
        RawRun {
            text: text.into(),
            href: href.map(str::to_owned),
            em,
            strong,
        }
    }

    #[test]
    fn paragraphs_headings_and_loose_text() {
        assert_eq!(
            pieces("<h2>Sub</h2><p>One <b>two</b>\n three</p><div>Loose<br>text</div>"),
            vec![
                Piece::Heading(2, "Sub".into()),
                Piece::Paragraph(vec![
                    run("One ", None, false, false),
                    run("two", None, false, true),
                    run(" three", None, false, false),
                ]),
                p("Loose"),
                p("text")
            ]
        );
    }

    #[test]
    fn links_and_emphasis_become_runs() {
        assert_eq!(
            pieces(
                r##"<p>See <a href="/r.html">the <em>results</em></a>, <i>then</i> <a href="#top">top</a>.</p>"##
            ),
            vec![Piece::Paragraph(vec![
                run("See ", None, false, false),
                run("the ", Some("/r.html"), false, false),
                run("results", Some("/r.html"), true, false),
                run(", ", None, false, false),
                run("then", None, true, false),
                run(" top.", None, false, false),
            ])]
        );
    }

    #[test]
    fn figures_keep_caption_credit_and_srcset() {
        let html = r#"<figure><img src="a.jpg" width="800" height="533" alt="A"
            srcset="a-480.jpg 480w, a.jpg 800w, a@2x.jpg 2x">
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
                srcset: vec![("a-480.jpg".into(), 480), ("a.jpg".into(), 800)],
            })]
        );
    }

    #[test]
    fn a_picture_gives_its_sources_files() {
        let html = r#"<picture><source media="(max-width: 600px)" srcset="crop.jpg 600w">
            <source type="image/webp" srcset="b-400.webp 400w, b-1200.webp 1200w">
            <img src="b.jpg" width="1200" height="800" alt="B"></picture>"#;
        let got = pieces(html);
        assert!(
            matches!(&got[..], [Piece::Figure(f)] if f.srcset == vec![("b-400.webp".into(), 400), ("b-1200.webp".into(), 1200)]),
            "{got:?}"
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
    fn pull_quotes_are_told_by_their_class() {
        let want = Piece::Pullquote {
            text: "Big words.".into(),
            cite: Some("Someone".into()),
        };
        assert_eq!(
            pieces(
                r#"<figure class="wp-block-pullquote"><blockquote><p>Big words.</p><cite>Someone</cite></blockquote></figure>"#
            ),
            vec![want.clone()]
        );
        assert_eq!(
            pieces(r#"<aside class="pullquote">Big words.<cite>— Someone</cite></aside>"#),
            vec![want]
        );
    }

    #[test]
    fn lists_keep_one_level_and_fold_deeper_ones() {
        let html = "<ol><li>One</li><li>Two <b>bold</b><ul><li>a<ol><li>a1</li></ol></li><li>b</li></ul></li>
            <li><p>Three</p><p>more</p></li><li> </li></ol>";
        assert_eq!(
            pieces(html),
            vec![Piece::List(RawList {
                ordered: true,
                items: vec![
                    RawItem {
                        text: plain("One"),
                        ..RawItem::default()
                    },
                    RawItem {
                        text: vec![
                            run("Two ", None, false, false),
                            run("bold", None, false, true)
                        ],
                        items: vec![plain("a"), plain("a1"), plain("b")],
                        ordered: Some(false),
                    },
                    RawItem {
                        text: plain("Three more"),
                        ..RawItem::default()
                    },
                ],
            })]
        );
    }

    #[test]
    fn photos_in_a_list_follow_it() {
        let got = pieces(r#"<ul><li>Item<img src="c.jpg" width="100" height="100"></li></ul>"#);
        assert!(
            matches!(&got[..], [Piece::List(l), Piece::Figure(f)] if l.items.len() == 1 && f.src == "c.jpg"),
            "{got:?}"
        );
    }

    #[test]
    fn players_become_videos_and_other_frames_are_left_out() {
        let html = r#"<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Ferry"></iframe>
            <figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
            https://vimeo.com/76979871
            </div><figcaption>The crossing</figcaption></figure>
            <div class="fb-video" data-href="https://www.facebook.com/hp/videos/123/"></div>
            <iframe src="https://maps.example/embed"></iframe>"#;
        let got = from_fragment(html);
        assert_eq!(
            got.pieces,
            vec![
                Piece::Video(RawVideo {
                    video: VideoRef::Youtube("dQw4w9WgXcQ".into()),
                    title: Some("Ferry".into()),
                    caption: None
                }),
                Piece::Video(RawVideo {
                    video: VideoRef::Vimeo("76979871".into()),
                    title: None,
                    caption: Some("The crossing".into())
                }),
                Piece::Video(RawVideo {
                    video: VideoRef::Facebook("https://www.facebook.com/hp/videos/123/".into()),
                    title: None,
                    caption: None
                }),
            ]
        );
        assert_eq!(got.notes(), vec!["1 × embedded frame (iframe) left out"]);
    }

    #[test]
    fn galleries_keep_each_photo_and_caption() {
        let html = r#"<figure class="wp-block-gallery has-nested-images">
            <figure class="wp-block-image"><img src="1.jpg" width="600" height="400" alt="One"><figcaption>First</figcaption></figure>
            <figure class="wp-block-image"><img src="2.jpg" width="600" height="400" alt="Two"></figure>
            <figcaption class="blocks-gallery-caption">The market</figcaption></figure>
            <div class="gallery"><dl class="gallery-item"><dt><a href="3.jpg"><img src="3-150.jpg" width="150" height="150"></a></dt>
            <dd class="wp-caption-text gallery-caption">Third</dd></dl>
            <dl class="gallery-item"><dt><img src="4-150.jpg" width="150" height="150"></dt></dl></div>"#;
        let got = pieces(html);
        let [Piece::Gallery(a), Piece::Gallery(b)] = &got[..] else {
            panic!("{got:?}");
        };
        assert_eq!(a.caption.as_deref(), Some("The market"));
        let caps: Vec<_> = a.figures.iter().map(|f| f.caption.as_deref()).collect();
        assert_eq!(caps, vec![Some("First"), None]);
        assert_eq!(b.figures[0].caption.as_deref(), Some("Third"));
        assert_eq!(b.figures.len(), 2);
    }

    #[test]
    fn wrappers_with_a_gallery_or_pull_quote_class_keep_their_text() {
        let long = "word ".repeat(500);
        let html = format!(
            r#"<div class="gallery"><p>Text.</p><img src="a.jpg" width="99" height="99"><img src="b.jpg" width="99" height="99"></div>
            <div class="pullquote"><p>{long}</p></div>"#
        );
        let got = pieces(&html);
        assert!(
            matches!(
                &got[..],
                [
                    Piece::Paragraph(_),
                    Piece::Figure(_),
                    Piece::Figure(_),
                    Piece::Paragraph(_)
                ]
            ),
            "{got:?}"
        );
    }

    #[test]
    fn too_deep_a_fragment_is_read_flat() {
        let html = format!(
            "<p>Intro.</p>{}deep<script>alert(1)</script> text{}<p>End.</p>",
            "<div><span>".repeat(5000),
            "</span></div>".repeat(5000)
        );
        let got = from_fragment(&html);
        assert_eq!(got.pieces, vec![p("Intro."), p("deep text"), p("End.")]);
        assert_eq!(got.notes().len(), 1);
    }

    #[test]
    fn rules_are_separators() {
        assert_eq!(
            pieces("<p>a</p><hr><p>b</p>"),
            vec![p("a"), Piece::Separator, p("b")]
        );
    }

    #[test]
    fn scripts_frames_and_handlers_never_become_text() {
        let html = r#"<p onclick="alert(1)">Safe <script>alert(2)</script>text</p>
            <iframe src="https://evil.example/"></iframe><svg><script>alert(3)</script></svg>
            <a href="javascript:alert(4)">link text</a>"#;
        let got = from_fragment(html);
        assert_eq!(
            got.pieces,
            vec![
                p("Safe text"),
                Piece::Paragraph(vec![run(
                    "link text",
                    Some("javascript:alert(4)"),
                    false,
                    false
                )])
            ]
        );
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
        let lists = format!(
            "{}deep{}",
            "<ul><li>".repeat(depth),
            "</li></ul>".repeat(depth)
        );
        let got = pieces(&lists);
        assert!(
            matches!(&got[..], [Piece::List(l)] if runs::plain(&l.items[0].text) == "deep"),
            "{got:?}"
        );
    }
}
