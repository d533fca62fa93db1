//! The article's body: its blocks in order, and which figure loads eagerly;
//! paragraphs with their links and emphasis, pull quotes and separators
//! here, the other blocks in [`super::figure`], [`super::list`],
//! [`super::table`] and [`super::video`].

use super::figure::figure;
#[cfg(feature = "rich")]
use super::{attr, new_tab};
use super::{class_end, close, escape_into, heading_tag, open};
#[cfg(feature = "rich")]
use super::{figure::gallery, list::list, table::table, video::video_facade};
use crate::config::WidgetConfig;
use crate::i18n::Labels;
use crate::model::{Block, Text};
use crate::prelude::*;
use crate::validate::Parsed;

/// The markup of body blocks `start..end` (as `BodyChunk`), for chunks
/// appended to `.aw-body` after [`article_page`] of the same `config`.
/// Out-of-range bounds are clamped.
pub fn body_blocks(parsed: &Parsed, config: &WidgetConfig, start: usize, end: usize) -> String {
    let mut out = String::new();
    body_into(&mut out, parsed, config, start, end);
    out
}

pub(super) fn body_into(
    out: &mut String,
    parsed: &Parsed,
    config: &WidgetConfig,
    start: usize,
    end: usize,
) {
    let body = &parsed.article.body;
    let l = config.ui_lang(&parsed.article.lang).labels();
    let end = end.min(body.len());
    let start = start.min(end);
    for (i, b) in body.get(start..end).unwrap_or_default().iter().enumerate() {
        let at = start + i;
        block(out, b, at, config, l, loads_eagerly(body, at));
    }
}

/// Blocks from the top of the body within which the first figure is taken
/// to be on the first screen.
pub const EAGER_FIGURE_BLOCKS: usize = 3;

/// Whether the figure at `index` loads at once instead of lazily: the
/// body's first figure when it is among its first [`EAGER_FIGURE_BLOCKS`]
/// blocks. That image is usually on the first screen and the largest thing
/// on it; lazy loading would only start it after layout and delay the
/// page's largest paint. A responsive photo (with a `srcset`) stays lazy:
/// only then can the browser pick its file for the width it is laid out at.
pub fn loads_eagerly(body: &[Block], index: usize) -> bool {
    index < EAGER_FIGURE_BLOCKS
        && matches!(body.get(index), Some(Block::Figure(f)) if f.srcset.is_empty())
        && !body
            .iter()
            .take(index)
            .any(|b| matches!(b, Block::Figure(_)))
}

/// Block `b`, the body's block number `index`.
#[cfg_attr(not(feature = "rich"), allow(unused_variables))]
pub(super) fn block(
    out: &mut String,
    b: &Block,
    index: usize,
    config: &WidgetConfig,
    l: &Labels,
    eager: bool,
) {
    match b {
        Block::Paragraph { text } => {
            out.push_str("<p>");
            runs(out, text, l);
            out.push_str("</p>");
        }
        Block::Heading { level, text } => {
            let tag = heading_tag(config.heading_level.saturating_add(level.saturating_sub(1)));
            open(out, tag);
            class_end(out, "aw-subheading");
            escape_into(out, text);
            close(out, tag);
        }
        Block::Quote { text, cite } => {
            out.push_str("<blockquote class=\"aw-quote\"><p>");
            escape_into(out, text);
            out.push_str("</p>");
            if let Some(cite) = cite {
                out.push_str("<footer>— <cite>");
                escape_into(out, cite);
                out.push_str("</cite></footer>");
            }
            out.push_str("</blockquote>");
        }
        #[cfg(feature = "rich")]
        // An `<aside>`, as the HTML standard's own pull-quote example: the
        // passage is repeated from the text, not quoted from a source. Its
        // role is `note`, not the complementary landmark: it sits inside
        // the article (and, in the reader, inside `<main>`), where a landmark
        // would be a nested one (axe-core's best practices).
        Block::Pullquote { text, cite } => {
            out.push_str("<aside role=\"note\" class=\"aw-pullquote\"><p>");
            escape_into(out, text);
            out.push_str("</p>");
            if let Some(cite) = cite {
                out.push_str("<p class=\"aw-pullquote-cite\">— ");
                escape_into(out, cite);
                out.push_str("</p>");
            }
            out.push_str("</aside>");
        }
        Block::Figure(f) => figure(out, f, eager),
        #[cfg(feature = "rich")]
        Block::Separator => out.push_str("<hr class=\"aw-separator\">"),
        #[cfg(feature = "rich")]
        Block::Gallery(g) => gallery(out, g, l),
        #[cfg(feature = "rich")]
        Block::List(list_block) => list(out, list_block, l),
        #[cfg(feature = "rich")]
        Block::Table(t) => table(out, t, l),
        #[cfg(feature = "rich")]
        Block::Video(v) => video_facade(out, v, index, config, l),
        // Without `rich` the validator never makes these blocks.
        #[cfg(not(feature = "rich"))]
        _ => {}
    }
}

/// The runs of `text`: each escaped, a link opening in a new tab, emphasis
/// as `<em>` and `<strong>` inside the link.
#[cfg(feature = "rich")]
pub(super) fn runs(out: &mut String, text: &Text, l: &Labels) {
    for run in &text.0 {
        if let Some(href) = &run.href {
            out.push_str("<a");
            attr(out, "href", href);
            out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
        }
        if run.strong {
            out.push_str("<strong>");
        }
        if run.em {
            out.push_str("<em>");
        }
        escape_into(out, &run.text);
        if run.em {
            out.push_str("</em>");
        }
        if run.strong {
            out.push_str("</strong>");
        }
        if run.href.is_some() {
            new_tab(out, l);
            out.push_str("</a>");
        }
    }
}

/// The runs of `text`, which without `rich` are plain text (the validator
/// keeps no links or emphasis).
#[cfg(not(feature = "rich"))]
pub(super) fn runs(out: &mut String, text: &Text, _: &Labels) {
    for run in &text.0 {
        escape_into(out, &run.text);
    }
}
