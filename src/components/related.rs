//! "Tin khác": related articles as a list of links with dates.

use yew::prelude::*;

use crate::i18n::{short_date, Lang};
use crate::model::Related;
use crate::share::encode_component;

/// Props of [`RelatedList`].
#[derive(Clone, PartialEq, Properties)]
pub struct RelatedProps {
    /// The related articles.
    pub items: Vec<Related>,
    /// UI language.
    pub lang: Lang,
    /// Open items that have article JSON inside the reader (`?src=`) instead
    /// of on the publisher's site.
    #[prop_or_default]
    pub in_reader: bool,
    /// Id for the heading (unique per widget).
    pub heading_id: String,
}

/// The related list; nothing when there are none.
#[component]
pub fn RelatedList(props: &RelatedProps) -> Html {
    if props.items.is_empty() {
        return html! {};
    }
    let l = props.lang.labels();
    html! {
        <nav class="aw-related" aria-labelledby={props.heading_id.clone()}>
            <super::SectionTitle id={props.heading_id.clone()} text={l.related_title} />
            <ul>
                { for props.items.iter().map(|r| {
                    let (href, external) = match (&r.json, props.in_reader) {
                        (Some(json), true) => (format!("?src={}", encode_component(json)), false),
                        _ => (r.url.clone(), true),
                    };
                    html! {
                        <li>
                            if let Some(t) = &r.thumbnail {
                                <img class="aw-thumb" src={t.src.clone()} alt=""
                                    width={t.width.to_string()} height={t.height.to_string()}
                                    loading="lazy" decoding="async" referrerpolicy="no-referrer" />
                            }
                            <span class="aw-related-text">
                                <a {href} target={external.then_some("_blank")}
                                    rel={external.then_some("noopener noreferrer")}>
                                    { &r.title }
                                    if external {
                                        <span class="aw-visually-hidden">{ format!(" ({})", l.new_tab) }</span>
                                    }
                                </a>
                                if let Some(d) = &r.published {
                                    { " " }
                                    <time class="aw-related-date" datetime={d.to_string()}>
                                        { format!("({})", short_date(props.lang, d)) }
                                    </time>
                                }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
