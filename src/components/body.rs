//! The article body: paragraphs, headings, quotes and figures, in order.

use std::rc::Rc;

use yew::prelude::*;

use super::figure::FigureView;
use crate::model::Block;

/// Props of [`Body`].
#[derive(Clone, PartialEq, Properties)]
pub struct BodyProps {
    /// The body blocks, already validated.
    pub blocks: Rc<Vec<Block>>,
}

/// Renders every block as text nodes: no field is ever inserted as HTML.
#[component]
pub fn Body(props: &BodyProps) -> Html {
    let title_level = use_context::<crate::config::WidgetConfig>().map_or(1, |c| c.heading_level);
    html! {
        <div class="aw-body">
            { for props.blocks.iter().map(|b| block(b, title_level)) }
        </div>
    }
}

fn block(b: &Block, title_level: u8) -> Html {
    match b {
        Block::Paragraph { text } => html! { <p>{ text }</p> },
        Block::Heading { level, text } => {
            // Format level 2 sits right under the title, whatever the title's
            // own level is (h1 in the reader, h2 inside a host page).
            let tag = super::heading_tag(title_level.saturating_add(level.saturating_sub(1)));
            html! { <@{tag} class="aw-subheading">{ text }</@> }
        }
        Block::Quote { text, cite } => html! {
            <blockquote class="aw-quote">
                <p>{ text }</p>
                if let Some(cite) = cite {
                    <footer>{ "— " }<cite>{ cite }</cite></footer>
                }
            </blockquote>
        },
        Block::Figure(f) => html! { <FigureView figure={f.clone()} /> },
    }
}
