//! The article body: paragraphs, headings, quotes and figures, in order.

use std::rc::Rc;

use yew::prelude::*;

use super::figure::FigureView;
use crate::model::Block;
use crate::validate::Parsed;

/// Props of [`Body`].
#[derive(Clone, PartialEq, Properties)]
pub struct BodyProps {
    /// The checked article whose body is shown (shared, never copied: a
    /// body can be megabytes of text).
    pub parsed: Rc<Parsed>,
}

/// Blocks rendered in the first pass: more than a screenful of any real article.
pub const FIRST_CHUNK: usize = 40;

/// Blocks added per later pass, each in its own task.
pub const CHUNK: usize = 80;

/// Renders every block as text nodes: no field is ever inserted as HTML.
///
/// A long article is rendered in chunks — the first [`FIRST_CHUNK`] blocks at
/// once, then [`CHUNK`] more per task — so a 1 MB article does not block the
/// partner's page for a second in one long task; what is added lies below
/// the fold, so nothing visible moves.
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
            { for props.parsed.article.body.iter().take(count).enumerate().map(|(i, b)| block(b, title_level, i)) }
        </div>
    }
}

/// One block, keyed by its index: when later chunks are appended, Yew then
/// keeps every rendered node in place instead of re-matching the list from its
/// end (which rewrote every paragraph and moved the figures: layout shift).
fn block(b: &Block, title_level: u8, index: usize) -> Html {
    let key = index.to_string();
    match b {
        Block::Paragraph { text } => html! { <p {key}>{ text }</p> },
        Block::Heading { level, text } => {
            // Format level 2 sits right under the title, whatever the title's
            // own level is (h1 in the reader, h2 inside a host page).
            let tag = super::heading_tag(title_level.saturating_add(level.saturating_sub(1)));
            html! { <@{tag} {key} class="aw-subheading">{ text }</@> }
        }
        Block::Quote { text, cite } => html! {
            <blockquote {key} class="aw-quote">
                <p>{ text }</p>
                if let Some(cite) = cite {
                    <footer>{ "— " }<cite>{ cite }</cite></footer>
                }
            </blockquote>
        },
        Block::Figure(f) => html! { <FigureView {key} figure={f.clone()} /> },
    }
}
