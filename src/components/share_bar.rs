//! "Tiện ích thông tin": the native share sheet where the browser has one,
//! plain share links (no SDK, no request before a click) and copy-link with
//! a visible, announced confirmation.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::share::{share_url, Network};

/// Props of [`ShareBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ShareBarProps {
    /// The canonical URL to share.
    pub url: String,
    /// The article title.
    pub title: String,
    /// Which networks to show, in order.
    pub networks: Vec<Network>,
    /// UI language.
    pub lang: Lang,
    /// Id for the section heading (unique per widget).
    pub heading_id: String,
}

/// What happened on the last copy.
#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// The share section.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let l = props.lang.labels();
    // The native button appears only after mount, where `navigator.share` exists.
    let native = use_state(|| false);
    {
        let native = native.clone();
        use_effect_with((), move |()| {
            native.set(crate::browser::has_native_share());
        });
    }
    let copy = use_state(|| CopyState::Idle);
    let items = props.networks.iter().filter_map(|&n| match n {
        Network::Native if !*native => None,
        Network::Native => {
            let (url, title) = (props.url.clone(), props.title.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                let (url, title) = (url.clone(), title.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = crate::browser::native_share(&url, &title).await;
                });
            });
            Some(html! {
                <li><button type="button" class="aw-share-item aw-share-native" {onclick}>
                    { icon(n) }{ n.display_name(props.lang) }
                </button></li>
            })
        }
        Network::Copy => {
            let (url, copy) = (props.url.clone(), copy.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                let (url, copy) = (url.clone(), copy.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = crate::browser::copy_text(&url).await;
                    copy.set(if ok {
                        CopyState::Copied
                    } else {
                        CopyState::Failed
                    });
                });
            });
            Some(html! {
                <li><button type="button" class="aw-share-item aw-share-copy" {onclick}>
                    { icon(n) }{ n.display_name(props.lang) }
                </button></li>
            })
        }
        _ => share_url(n, &props.url, &props.title).map(|href| {
            let name = l.share_via.replace("{network}", n.display_name(props.lang));
            let external = n != Network::Email;
            html! {
                <li><a class={classes!("aw-share-item", format!("aw-share-{}", n.name()))}
                    href={href}
                    target={external.then_some("_blank")}
                    rel="noopener noreferrer nofollow"
                    aria-label={name.clone()} title={name}>
                    { icon(n) }<span aria-hidden="true">{ n.display_name(props.lang) }</span>
                </a></li>
            }
        }),
    });
    html! {
        <section class="aw-share" aria-labelledby={props.heading_id.clone()}>
            <super::SectionTitle id={props.heading_id.clone()} text={l.share_title} />
            <ul class="aw-share-list">{ for items }</ul>
            <p class="aw-copy-status" role="status" aria-live="polite">
                { match *copy {
                    CopyState::Idle => html! {},
                    CopyState::Copied => html! { <span class="aw-copied">{ "✓ " }{ l.link_copied }</span> },
                    CopyState::Failed => html! {
                        <>
                            <span>{ l.copy_failed }{ ": " }</span>
                            <input class="aw-copy-field" type="text" readonly=true value={props.url.clone()}
                                aria-label={l.copy_link} />
                        </>
                    },
                } }
            </p>
        </section>
    }
}

/// A small monochrome icon per network, drawn with `currentColor`.
fn icon(n: Network) -> Html {
    let d = match n {
        Network::Native => "M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z",
        Network::Facebook => "M14 8h3V4h-3a4 4 0 0 0-4 4v2H8v4h2v8h4v-8h3l1-4h-4V8z",
        Network::Zalo => "M4 5h16v11H10l-4 3v-3H4zM8 8v1h4l-4 4v1h6v-1h-4l4-4V8z",
        Network::X => "M4 4h4.5l4 5.6L17.2 4H20l-6.2 7.2L20.5 20H16l-4.3-6-5.2 6H3.8l6.6-7.6z",
        Network::LinkedIn => "M4 9h3.5v11H4zM5.8 3.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM10 9h3.4v1.6c.5-.9 1.7-1.9 3.5-1.9 3.6 0 4.1 2.3 4.1 5.3v6h-3.5v-5.3c0-1.3 0-2.9-1.8-2.9s-2.1 1.4-2.1 2.8V20H10z",
        Network::Telegram => "M21 4 2.5 11.2c-1 .4-1 1.1 0 1.4l4.6 1.4 1.8 5.5c.2.6.5.7 1 .3l2.6-2.2 4.9 3.6c.6.3 1 .2 1.2-.6L22 5.1c.3-1.1-.4-1.6-1-1.1zM8.5 13.5l9-6-7 7-.4 3.5z",
        Network::Email => "M3 5h18v14H3zM3 6l9 7 9-7",
        Network::Copy => "M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1",
    };
    let stroke = matches!(n, Network::Email | Network::Copy);
    html! {
        <svg class={classes!("aw-icon", stroke.then_some("aw-icon-stroke"))} viewBox="0 0 24 24"
            aria-hidden="true" focusable="false">
            <path d={d} />
        </svg>
    }
}
