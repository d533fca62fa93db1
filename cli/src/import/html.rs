//! An article page's HTML to a [`Draft`]: metadata from JSON-LD, OpenGraph
//! and meta tags ([`super::metadata`]); the body from a Readability-style
//! extraction of the main content (`dom_smoothie`, a port of Mozilla's
//! Readability, the library behind Firefox Reader View), which drops
//! navigation, share bars, "other news" lists and ads; then the content's
//! HTML to blocks ([`super::blocks`]).

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use scraper::Html;

use super::blocks::{self, Piece};
use super::draft::Draft;
use super::metadata;
use super::text::key;

/// Deepest element nesting read; deeper pages are refused (no article
/// nests this deep, and the extraction recurses).
pub const MAX_NESTING: usize = 512;

/// Most elements the extraction scores (bounds its time on huge pages).
const MAX_ELEMENTS: usize = 200_000;

/// Reads an article page.
///
/// # Errors
///
/// A message when the page nests too deeply or no content can be found.
pub fn import(html: &str, page_url: Option<&str>) -> Result<Draft, String> {
    // Tree building slows down with the depth of open elements (every start
    // tag looks through them), so depth is measured on tokens first.
    let depth = token_nesting(html);
    if depth > MAX_NESTING * 2 {
        return Err(format!(
            "the page nests elements about {depth} levels deep, more than the {MAX_NESTING} this importer reads"
        ));
    }
    let doc = Html::parse_document(html);
    let depth = nesting(&doc);
    if depth > MAX_NESTING {
        return Err(format!(
            "the page nests elements {depth} levels deep, more than the {MAX_NESTING} this importer reads"
        ));
    }
    let meta = metadata::read(&doc);
    let mut notes = Vec::new();

    let cfg = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // Galleries, pull quotes and embeds are told by their classes.
        classes_to_preserve: blocks::PRESERVED_CLASSES
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        ..dom_smoothie::Config::default()
    };
    let extracted =
        dom_smoothie::Readability::new(html, page_url, Some(cfg)).and_then(|mut r| r.parse());
    let (mut body, title_guess, byline) = match extracted {
        Ok(article) => {
            let converted = blocks::from_fragment(&article.content);
            notes.extend(converted.notes());
            (
                converted.pieces,
                Some(article.title.clone()),
                article.byline,
            )
        }
        Err(e) => {
            notes.push(format!(
                "the main content could not be told apart ({e}): the whole page body was read"
            ));
            let body = doc
                .select(&scraper::Selector::parse("body").map_err(|e| e.to_string())?)
                .next()
                .map(blocks::from_element)
                .unwrap_or_default();
            notes.extend(body.notes());
            (body.pieces, None, None)
        }
    };

    let title = if meta.title_from_metadata {
        meta.title.clone()
    } else {
        title_guess
            .filter(|t| !t.trim().is_empty())
            .or(meta.title.clone())
    };
    // A heading repeating the title at the top of the content.
    if let (Some(t), Some(Piece::Heading(_, h))) = (&title, body.first()) {
        if key(t) == key(h) {
            body.remove(0);
        }
    }
    // The page's main image (JSON-LD, else og:image) leads the body when the
    // extracted content does not already show it.
    if let Some(img) = &meta.image {
        let shown = body
            .iter()
            .any(|p| matches!(p, Piece::Figure(f) if same_image(&f.src, &img.src)));
        if !shown {
            // Its alt text and caption from where the page shows it.
            let on_page = doc
                .select(&scraper::Selector::parse("figure, img").map_err(|e| e.to_string())?)
                .filter_map(|el| blocks::from_element_as_figure(el))
                .find(|f| same_image(&f.src, &img.src));
            let mut fig = on_page.unwrap_or_default();
            fig.src.clone_from(&img.src);
            if img.width.is_some() && img.height.is_some() {
                (fig.width, fig.height) = (img.width, img.height);
            }
            body.insert(0, Piece::Figure(fig));
        }
    }
    let mut authors = meta.authors.clone();
    if authors.is_empty() {
        if let Some(b) = byline.map(|b| b.trim().trim_start_matches("By ").trim().to_owned()) {
            if !b.is_empty() && b.chars().count() <= 100 {
                authors.push(metadata::MetaPerson { name: b, url: None });
            }
        }
    }
    Ok(Draft {
        url: meta.url,
        lang: meta.lang,
        title,
        lead: meta.description,
        published: meta.published,
        updated: meta.modified,
        body,
        authors,
        publisher_name: meta.site_name,
        publisher_url: meta.publisher_url,
        logo: meta.logo,
        tags: meta.tags,
        notes,
    })
}

/// Whether two image URLs name the same picture: equal once the query and
/// a CMS's size suffix (`photo-1024x683.jpg`) are taken off.
fn same_image(a: &str, b: &str) -> bool {
    fn stem(u: &str) -> &str {
        let u = u.split(['?', '#']).next().unwrap_or(u);
        let file = u.rsplit('/').next().unwrap_or(u);
        let name = file.rsplit_once('.').map_or(file, |(n, _)| n);
        match name.rsplit_once('-') {
            Some((base, size))
                if size.split_once('x').is_some_and(|(w, h)| {
                    !w.is_empty()
                        && !h.is_empty()
                        && w.bytes().all(|c| c.is_ascii_digit())
                        && h.bytes().all(|c| c.is_ascii_digit())
                }) =>
            {
                base
            }
            _ => name,
        }
    }
    stem(a) == stem(b)
}

/// Counts open elements along the token stream: start tags of elements
/// that must be closed, minus their end tags. Elements whose end tag may be
/// left out (`p`, `li`, `td`, …) and void elements do not count, so a sloppy
/// page is not mistaken for a deep one.
struct Nesting {
    depth: Cell<usize>,
    max: Cell<usize>,
}

impl TokenSink for Nesting {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let optional_end = matches!(
                &*tag.name,
                "p" | "li"
                    | "dt"
                    | "dd"
                    | "option"
                    | "optgroup"
                    | "tr"
                    | "td"
                    | "th"
                    | "thead"
                    | "tbody"
                    | "tfoot"
                    | "colgroup"
                    | "caption"
                    | "rb"
                    | "rt"
                    | "rtc"
                    | "rp"
                    | "html"
                    | "head"
                    | "body"
                    | "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
            );
            if !optional_end && !tag.self_closing {
                let d = self.depth.get();
                match tag.kind {
                    TagKind::StartTag => {
                        self.depth.set(d + 1);
                        self.max.set(self.max.get().max(d + 1));
                    }
                    TagKind::EndTag => self.depth.set(d.saturating_sub(1)),
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// The deepest nesting of elements that need an end tag, from the tokens.
pub(super) fn token_nesting(html: &str) -> usize {
    let sink = Nesting {
        depth: Cell::new(0),
        max: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.max.get()
}

/// The deepest element nesting of a parsed page, counted without recursion.
fn nesting(doc: &Html) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                depth += 1;
                max = max.max(depth);
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_picture_in_several_sizes_is_one_image() {
        assert!(same_image(
            "https://x.example/up/ferry-pier-1024x683.jpg",
            "/up/ferry-pier.jpg?v=2"
        ));
        assert!(!same_image(
            "https://x.example/a.jpg",
            "https://x.example/b.jpg"
        ));
    }

    #[test]
    fn nesting_is_counted_on_tokens() {
        assert_eq!(
            token_nesting("<div><span>a</span><p>b<p>c<br><img></div>"),
            2
        );
        assert_eq!(token_nesting(&"<div>".repeat(100_000)), 100_000);
    }

    #[test]
    fn too_deep_a_page_is_refused_with_a_reason() {
        let html = "<div>".repeat(MAX_NESTING + 10);
        let err = import(&html, None).unwrap_err();
        assert!(err.contains("nests elements"), "{err}");
    }
}
