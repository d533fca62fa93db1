//! The reader's article screen: a way back to the list, the "save for
//! offline" controls, a note when the article cannot be read offline, and
//! the article itself: the same `<article-widget>` element partner pages
//! embed, the page's own when it has one ([`super::page::use_page_widget`]).

use yew::prelude::*;

use super::hooks::SaveStatus;
use super::labels::reader_labels;
use super::page::use_page_widget;
use crate::config::Theme;
use crate::i18n::Lang;
use crate::widget::{ArticleWidgetProps, Loaded, Navigation};

/// Props of [`SaveControls`].
#[derive(Clone, PartialEq, Properties)]
pub struct SaveControlsProps {
    /// Whether the browser can keep articles (it has a service worker).
    pub available: bool,
    /// Whether this article is saved.
    pub saved: bool,
    /// The latest save request.
    pub status: SaveStatus,
    /// UI language.
    pub lang: Lang,
    /// Save this article.
    pub onsave: Callback<()>,
    /// Forget the saved copy.
    pub onunsave: Callback<()>,
}

/// "Save for offline", or "saved" with "remove", or why neither is possible.
#[component]
pub fn SaveControls(props: &SaveControlsProps) -> Html {
    let words = reader_labels(props.lang);
    if !props.available {
        return html! { <span class="aw-save-note">{ words.save_unavailable }</span> };
    }
    if props.saved {
        let onunsave = props.onunsave.reform(|_: MouseEvent| ());
        return html! {
            <>
                <span class="aw-save-note aw-saved-note" role="status">{ words.saved }</span>
                <button type="button" class="aw-unsave" onclick={onunsave}>{ words.unsave }</button>
            </>
        };
    }
    let saving = props.status == SaveStatus::Saving;
    let onsave = props.onsave.reform(|_: MouseEvent| ());
    html! {
        <>
            <button type="button" class="aw-save" onclick={onsave} disabled={saving}>
                { if saving { words.saving } else { words.save } }
            </button>
            if props.status == SaveStatus::Failed {
                <span class="aw-save-note" role="alert">{ words.save_failed }</span>
            }
        </>
    }
}

/// Props of [`ArticleScreen`].
#[derive(Clone, PartialEq, Properties)]
pub struct ArticleScreenProps {
    /// The article JSON's URL.
    pub json: AttrValue,
    /// The page's `<main>`, where the article's widget is ([`super::page`]).
    pub main: web_sys::Element,
    /// The reader URL of the home list.
    pub home: AttrValue,
    /// The UI language picked (`None` follows the article).
    pub lang: Option<Lang>,
    /// The theme picked.
    pub theme: Theme,
    /// The fetch time limit asked for in the address (`aw_timeout`).
    pub timeout: Option<u32>,
    /// The article is known to be unreadable offline right now.
    pub unavailable_offline: bool,
    /// The save controls.
    pub save: SaveControlsProps,
    /// The article is shown.
    pub onload: Callback<Loaded>,
    /// A related article was followed (the reader shows it in place).
    pub onnavigate: Callback<Navigation>,
}

/// One article in the reader.
#[component]
pub fn ArticleScreen(props: &ArticleScreenProps) -> Html {
    // The UI language: the one picked, else the publication's.
    let words = reader_labels(props.save.lang);
    use_page_widget(
        props.main.clone(),
        ArticleWidgetProps {
            src: Some(props.json.clone()),
            article: None,
            lang: props.lang,
            theme: props.theme,
            share: None,
            heading: 1,
            timeout: props.timeout,
            keep_copy: true,
            video_hosts: None,
            onload: props.onload.clone(),
            onerror: Callback::noop(),
            onshare: Callback::noop(),
            onnavigate: Some(props.onnavigate.clone()),
            ontextsize: Callback::noop(),
        },
    );
    html! {
        <>
            <nav class="aw-article-nav">
                <a class="aw-back" href={props.home.clone()}>{ words.home }</a>
                <span class="aw-save-controls"><SaveControls ..props.save.clone() /></span>
            </nav>
            if props.unavailable_offline {
                <p class="aw-offline-unavailable" role="alert">{ words.not_offline }</p>
            }
        </>
    }
}
