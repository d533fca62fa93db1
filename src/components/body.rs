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
    html! {
        <div class="aw-body">
            { for props.blocks.iter().map(block) }
        </div>
    }
}

fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph { text } => html! { <p>{ text }</p> },
        Block::Heading { level, text } => {
            // The widget's title is an h2 inside the host page (h1 in the reader),
            // so body headings start one level below it.
            let tag = match level {
                2 => "h3",
                3 => "h4",
                _ => "h5",
            };
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
