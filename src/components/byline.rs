//! The author line and the "Nguồn tin" (source) block.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::{Person, Publisher, Source};

/// Props of [`Byline`].
#[derive(Clone, PartialEq, Properties)]
pub struct BylineProps {
    /// Authors in byline order.
    pub authors: Vec<Person>,
    /// UI language.
    pub lang: Lang,
}

/// Authors, right-aligned and bold as on the portal; linked when they have a page.
#[component]
pub fn Byline(props: &BylineProps) -> Html {
    if props.authors.is_empty() {
        return html! {};
    }
    let labels = props.lang.labels();
    let last = props.authors.len() - 1;
    html! {
        <p class="aw-author">
            <span class="aw-visually-hidden">{ labels.author }{ ": " }</span>
            { for props.authors.iter().enumerate().map(|(i, a)| html! {
                <>
                    if let Some(url) = &a.url {
                        <a href={url.clone()} rel="author noopener noreferrer" target="_blank">{ &a.name }</a>
                    } else {
                        <span>{ &a.name }</span>
                    }
                    if i < last { { ", " } }
                </>
            }) }
        </p>
    }
}

/// Props of [`SourceBlock`].
#[derive(Clone, PartialEq, Properties)]
pub struct SourceProps {
    /// Where the news came from.
    pub source: Source,
    /// UI language.
    pub lang: Lang,
}

/// "Nguồn tin: `<name>`", linked when the source has a URL.
#[component]
pub fn SourceBlock(props: &SourceProps) -> Html {
    let s = &props.source;
    html! {
        <p class="aw-source">
            <span class="aw-source-label">{ props.lang.labels().source }{ ": " }</span>
            if let Some(url) = &s.url {
                <a href={url.clone()} rel="noopener noreferrer" target="_blank">{ &s.name }</a>
            } else {
                <span>{ &s.name }</span>
            }
        </p>
    }
}

/// Props of [`PublisherLine`].
#[derive(Clone, PartialEq, Properties)]
pub struct PublisherLineProps {
    /// The publisher.
    pub publisher: Publisher,
    /// The original article (or the canonical page).
    pub href: String,
    /// UI language.
    pub lang: Lang,
}

/// The attribution line: the publisher's logo and name, linking to the
/// original article.
#[component]
pub fn PublisherLine(props: &PublisherLineProps) -> Html {
    let l = props.lang.labels();
    let p = &props.publisher;
    html! {
        <p class="aw-publisher">
            if let Some(logo) = &p.logo {
                <img src={logo.src.clone()} width={logo.width.to_string()}
                    height={logo.height.to_string()} alt="" loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" />
            }
            { l.published_by }{ " " }
            <a href={props.href.clone()} target="_blank" rel="noopener noreferrer">
                { &p.name }
                <span class="aw-visually-hidden">{ format!(" ({})", l.new_tab) }</span>
            </a>
        </p>
    }
}
