//! The article's body: its blocks in order, and which figure loads eagerly.

use super::figure::figure;
use super::{class_end, close, escape_into, heading_tag, open};
use crate::model::Block;
use crate::prelude::*;
use crate::validate::Parsed;

/// The markup of body blocks `start..end` (as `BodyChunk`), for chunks
/// appended to `.aw-body` after [`article_page`]; `title_level` is the
/// configured heading level of the title. Out-of-range bounds are clamped.
pub fn body_blocks(parsed: &Parsed, title_level: u8, start: usize, end: usize) -> String {
    let mut out = String::new();
    body_into(&mut out, parsed, title_level, start, end);
    out
}

pub(super) fn body_into(
    out: &mut String,
    parsed: &Parsed,
    title_level: u8,
    start: usize,
    end: usize,
) {
    let body = &parsed.article.body;
    let end = end.min(body.len());
    let start = start.min(end);
    for (i, b) in body.get(start..end).unwrap_or_default().iter().enumerate() {
        block(out, b, title_level, loads_eagerly(body, start + i));
    }
}

/// Most blocks in a body's first render: more than a screenful of any real
/// article (the reader's `Body` and the embed's `Page` both chunk by it).
pub const FIRST_CHUNK: usize = 40;

/// Most blocks in each later chunk of a long body.
pub const CHUNK: usize = 80;

/// Blocks from the top of the body within which the first figure is taken
/// to be on the first screen.
pub const EAGER_FIGURE_BLOCKS: usize = 3;

/// Whether the figure at `index` loads at once instead of lazily: the
/// body's first figure when it is among its first [`EAGER_FIGURE_BLOCKS`]
/// blocks. That image is usually on the first screen and the largest thing
/// on it; lazy loading would only start it after layout and delay the
/// page's largest paint.
pub fn loads_eagerly(body: &[Block], index: usize) -> bool {
    index < EAGER_FIGURE_BLOCKS
        && matches!(body.get(index), Some(Block::Figure(_)))
        && !body
            .iter()
            .take(index)
            .any(|b| matches!(b, Block::Figure(_)))
}

pub(super) fn block(out: &mut String, b: &Block, title_level: u8, eager: bool) {
    match b {
        Block::Paragraph { text } => {
            out.push_str("<p>");
            escape_into(out, text);
            out.push_str("</p>");
        }
        Block::Heading { level, text } => {
            let tag = heading_tag(title_level.saturating_add(level.saturating_sub(1)));
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
        Block::Figure(f) => figure(out, f, eager),
    }
}
