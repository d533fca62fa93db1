//! The reader's home: the feed's articles, the articles saved for offline
//! reading, then the publisher's social pages (from its brand).

use std::rc::Rc;

use yew::prelude::*;

use super::feed_list::{FeedList, SavedList};
use super::hooks::FeedState;
use super::labels::reader_labels;
use crate::brand::SocialPage;
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
    /// The publisher's social pages (checked http(s) URLs).
    pub social: Rc<Vec<SocialPage>>,
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
            if !props.social.is_empty() {
                <section class="aw-social-pages" aria-labelledby="aw-social-pages-title">
                    <h2 class="aw-social-pages-title" id="aw-social-pages-title">{ words.social }</h2>
                    <ul class="aw-social-pages-list">
                        { for props.social.iter().map(|s| html! {
                            <li data-network={s.network.clone()}><a href={s.url.clone()} rel="noopener">{ &s.name }</a></li>
                        }) }
                    </ul>
                </section>
            }
        </>
    }
}
