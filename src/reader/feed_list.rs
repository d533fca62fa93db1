//! The reader's home list: one entry per feed article (thumbnail, title, date,
//! lead) linking to the article's route, and the list of saved articles.

use std::rc::Rc;

use yew::prelude::*;

use crate::feed::FeedItem;
use crate::i18n::{short_date, Lang};

/// Props of [`FeedList`].
#[derive(Clone, PartialEq, Properties)]
pub struct FeedListProps {
    /// The articles with the reader URL of each (same order).
    pub items: Rc<Vec<(FeedItem, String)>>,
    /// UI language.
    pub lang: Lang,
    /// The list's heading.
    pub heading: AttrValue,
}

/// The list of articles; the heading stays when the list is empty.
#[component]
pub fn FeedList(props: &FeedListProps) -> Html {
    html! {
        <section class="aw-feed" aria-labelledby="aw-feed-title">
            <h1 class="aw-feed-title" id="aw-feed-title">{ props.heading.clone() }</h1>
            <ul class="aw-feed-list">
                { for props.items.iter().map(|(item, href)| html! {
                    <li class="aw-feed-item" data-slug={item.slug.clone()}>
                        if let Some(src) = &item.image {
                            <img class="aw-feed-thumb" src={src.clone()} alt="" width="160" height="90"
                                loading="lazy" decoding="async" referrerpolicy="no-referrer" />
                        }
                        <div class="aw-feed-text">
                            <h2 class="aw-feed-item-title"><a href={href.clone()}>{ &item.title }</a></h2>
                            if let Some(d) = &item.published {
                                <time class="aw-feed-date" datetime={d.to_string()}>{ short_date(props.lang, d) }</time>
                            }
                            if let Some(summary) = &item.summary {
                                <p class="aw-feed-lead">{ summary }</p>
                            }
                        </div>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// Props of [`SavedList`].
#[derive(Clone, PartialEq, Properties)]
pub struct SavedListProps {
    /// Saved articles as (title, reader URL).
    pub items: Rc<Vec<(String, String)>>,
    /// The section heading.
    pub heading: AttrValue,
    /// Shown when nothing is saved.
    pub empty: AttrValue,
}

/// The articles kept for offline reading.
#[component]
pub fn SavedList(props: &SavedListProps) -> Html {
    html! {
        <section class="aw-saved" aria-labelledby="aw-saved-title">
            <h2 class="aw-saved-title" id="aw-saved-title">{ props.heading.clone() }</h2>
            if props.items.is_empty() {
                <p class="aw-saved-empty">{ props.empty.clone() }</p>
            } else {
                <ul class="aw-saved-list">
                    { for props.items.iter().map(|(title, href)| html! {
                        <li><a href={href.clone()}>{ title }</a></li>
                    }) }
                </ul>
            }
        </section>
    }
}
