//! The reader's home: the feed's articles, then the articles saved for
//! offline reading.

use std::rc::Rc;

use yew::prelude::*;

use super::feed_list::{FeedList, SavedList};
use super::hooks::FeedState;
use super::labels::reader_labels;
use crate::i18n::Lang;

/// Props of [`Home`].
#[derive(Clone, PartialEq, Properties)]
pub struct HomeProps {
    /// The feed.
    pub feed: FeedState,
    /// Reader URLs of the feed's items, in order.
    pub hrefs: Rc<Vec<String>>,
    /// Saved articles as (title, reader URL); `None` where the browser
    /// cannot save.
    pub saved: Option<Rc<Vec<(String, String)>>>,
    /// UI language.
    pub lang: Lang,
}

/// The home list.
#[component]
pub fn Home(props: &HomeProps) -> Html {
    let words = reader_labels(props.lang);
    let list = match &props.feed {
        FeedState::Loading => {
            html! { <p class="aw-feed-status" role="status">{ words.loading_feed }</p> }
        }
        FeedState::Failed(e) => html! {
            <p class="aw-feed-status aw-feed-error" role="alert">{ format!("{}: {e}.", words.feed_failed) }</p>
        },
        FeedState::Loaded(f) if f.items.is_empty() => {
            html! { <p class="aw-feed-status">{ words.feed_empty }</p> }
        }
        FeedState::Loaded(f) => {
            let items: Vec<_> = f
                .items
                .iter()
                .cloned()
                .zip(props.hrefs.iter().cloned())
                .collect();
            html! { <FeedList items={Rc::new(items)} lang={props.lang} heading={words.latest} /> }
        }
    };
    html! {
        <>
            { list }
            if let Some(saved) = &props.saved {
                <SavedList items={Rc::clone(saved)} heading={words.saved_title} empty={words.saved_empty} />
            }
        </>
    }
}
