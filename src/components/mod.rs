//! Yew components, one per part of the article page.

use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

pub mod article_page;
pub mod article_view;
pub mod body;
pub mod byline;
pub mod date_line;
pub mod feed_list;
pub mod figure;
pub mod qr_view;
pub mod related;
pub mod share_bar;
pub mod social;
pub mod status;
pub mod toolbar;

pub use article_page::ArticlePage;
pub use article_view::ArticleView;

pub use crate::markup::heading_tag;

/// Props of [`SectionTitle`].
#[derive(Clone, PartialEq, Properties)]
pub struct SectionTitleProps {
    /// Element id, for `aria-labelledby`.
    pub id: String,
    /// The heading text.
    pub text: AttrValue,
}

/// A section heading one level below the article title (`h2` in the reader,
/// `h3` inside a host page where the title is an `h2`), so the outline stays
/// sensible wherever the widget is placed.
#[component]
pub fn SectionTitle(props: &SectionTitleProps) -> Html {
    let title_level = use_context::<crate::config::WidgetConfig>().map_or(1, |c| c.heading_level);
    html! {
        <@{heading_tag(title_level.saturating_add(1))} class="aw-section-title" id={props.id.clone()}>
            { props.text.clone() }
        </@>
    }
}

/// A prefix for element ids that is unique among the widgets on a page, so
/// `aria-labelledby` never points into another widget. (A counter, not
/// configuration: it holds no state a widget reads back.)
#[hook]
pub fn use_id_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let id = use_state(|| NEXT.fetch_add(1, Ordering::Relaxed));
    format!("aw{}", *id)
}
