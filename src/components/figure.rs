//! A photo with its caption and credit, its box reserved before it loads.

use yew::prelude::*;

use crate::model::Figure;

/// Props of [`FigureView`].
#[derive(Clone, PartialEq, Properties)]
pub struct FigureProps {
    /// The checked figure (its `src` is a safe absolute URL).
    pub figure: Figure,
    /// Load the image at once (the first screen's figure, see
    /// [`crate::markup::loads_eagerly`]) instead of lazily.
    #[prop_or(false)]
    pub eager: bool,
}

/// `<figure>` with an image (lazy unless `eager`) whose declared width/height reserve its box
/// (CSS keeps the aspect ratio when it scales down), so nothing moves when it arrives.
#[component]
pub fn FigureView(props: &FigureProps) -> Html {
    let f = &props.figure;
    html! {
        <figure class="aw-figure">
            <img
                src={f.src.clone()}
                width={f.width.to_string()}
                height={f.height.to_string()}
                alt={f.alt.clone()}
                loading={if props.eager { "eager" } else { "lazy" }}
                decoding="async"
                referrerpolicy="no-referrer"
            />
            if f.caption.is_some() || f.credit.is_some() {
                <figcaption>
                    if let Some(caption) = &f.caption {
                        <span class="aw-caption">{ caption }</span>
                    }
                    if let Some(credit) = &f.credit {
                        { " " }<span class="aw-credit">{ credit }</span>
                    }
                </figcaption>
            }
        </figure>
    }
}
