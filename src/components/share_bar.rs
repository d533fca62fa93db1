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
    let d = n.icon_path();
    let stroke = n.icon_stroked();
    html! {
        <svg class={classes!("aw-icon", stroke.then_some("aw-icon-stroke"))} viewBox="0 0 24 24"
            aria-hidden="true" focusable="false">
            <path d={d} />
        </svg>
    }
}
