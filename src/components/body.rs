//! The article body: paragraphs, headings, quotes and figures, in order.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::WidgetConfig;
use crate::validate::Parsed;

/// Props of [`Body`].
#[derive(Clone, PartialEq, Properties)]
pub struct BodyProps {
    /// The checked article whose body is shown (shared, never copied: a
    /// body can be megabytes of text).
    pub parsed: Rc<Parsed>,
}

pub use crate::markup::{CHUNK, FIRST_CHUNK};

/// Renders every block as text nodes: no field is ever inserted as HTML.
///
/// A long article is rendered in chunks — the first [`FIRST_CHUNK`] blocks at
/// once, then [`CHUNK`] more per task — so a 1 MB article does not block the
/// partner's page for a second in one long task; what is added lies below
/// the fold, so nothing visible moves. Each chunk is its own keyed component
/// whose props never change, so adding a chunk renders only that chunk: the
/// blocks already on screen are neither rebuilt nor copied again (which made
/// a 1 MB article's rendering quadratic in time and its memory double).
#[component]
pub fn Body(props: &BodyProps) -> Html {
    let title_level = use_context::<crate::config::WidgetConfig>().map_or(1, |c| c.heading_level);
    let total = props.parsed.article.body.len();
    let shown = use_state(|| FIRST_CHUNK.min(total));
    {
        let shown = shown.clone();
        use_effect_with(
            (Rc::clone(&props.parsed), *shown),
            move |(parsed, count)| {
                let (len, count) = (parsed.article.body.len(), *count);
                let timer = (count < len).then(|| {
                    gloo_timers::callback::Timeout::new(0, move || {
                        shown.set((count + CHUNK).min(len));
                    })
                });
                move || drop(timer)
            },
        );
    }
    // A new article with fewer blocks than already shown renders whole at once.
    let count = (*shown).min(total).max(FIRST_CHUNK.min(total));
    html! {
        <div class="aw-body">
            { for chunk_ranges(count).map(|(start, end)| html! {
                <BodyChunk key={start} parsed={Rc::clone(&props.parsed)} {start} {end} {title_level} />
            }) }
        </div>
    }
}

/// The block ranges of the chunks covering the first `count` blocks: the
/// first [`FIRST_CHUNK`], then [`CHUNK`] at a time.
pub fn chunk_ranges(count: usize) -> impl Iterator<Item = (usize, usize)> {
    let first = FIRST_CHUNK.min(count);
    std::iter::once((0, first))
        .filter(|&(_, end)| end > 0)
        .chain(
            (first..count)
                .step_by(CHUNK)
                .map(move |s| (s, (s + CHUNK).min(count))),
        )
}

/// Props of [`BodyChunk`]: equal when they name the same range of the same
/// parsed article (compared by pointer, never by content).
#[derive(Clone, Properties)]
pub struct BodyChunkProps {
    /// The article.
    pub parsed: Rc<Parsed>,
    /// First block shown.
    pub start: usize,
    /// One past the last block shown.
    pub end: usize,
    /// Level of the article's title (section headings sit below it).
    pub title_level: u8,
}

impl PartialEq for BodyChunkProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.parsed, &other.parsed)
            && (self.start, self.end, self.title_level)
                == (other.start, other.end, other.title_level)
    }
}

/// One chunk of the body's blocks, as [`crate::markup::body_blocks`] writes
/// them (one renderer for every host; its text is escaped there).
#[component]
pub fn BodyChunk(props: &BodyChunkProps) -> Html {
    let config = use_context::<WidgetConfig>().unwrap_or_else(|| WidgetConfig {
        heading_level: props.title_level,
        ..WidgetConfig::default()
    });
    let markup = crate::markup::body_blocks(&props.parsed, &config, props.start, props.end);
    Html::from_html_unchecked(AttrValue::from(markup))
}

#[cfg(test)]
mod tests {
    use super::{chunk_ranges, CHUNK, FIRST_CHUNK};

    #[test]
    fn chunks_cover_every_block_once_in_order() {
        for count in [
            0,
            1,
            FIRST_CHUNK - 1,
            FIRST_CHUNK,
            FIRST_CHUNK + 1,
            500,
            2000,
        ] {
            let ranges: Vec<_> = chunk_ranges(count).collect();
            let mut next = 0;
            for &(start, end) in &ranges {
                assert_eq!(start, next, "{count}: {ranges:?}");
                assert!(end > start && end - start <= FIRST_CHUNK.max(CHUNK));
                next = end;
            }
            assert_eq!(next, count, "{count}: {ranges:?}");
        }
        assert_eq!(
            chunk_ranges(FIRST_CHUNK + 1).nth(1),
            Some((FIRST_CHUNK, FIRST_CHUNK + 1))
        );
    }
}
