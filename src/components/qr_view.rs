//! A QR code made in the browser after the first paint, with its label and
//! SVG/PNG downloads. Used for the article's own link and for each of the
//! publisher's social pages.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::qr::{self, QrCode};
use crate::share::encode_component;

/// Props of [`QrView`].
#[derive(Clone, PartialEq, Properties)]
pub struct QrViewProps {
    /// What the code encodes (an absolute http(s) URL).
    pub data: String,
    /// Visible caption and accessible name, e.g. "QR CODE: `<title>`".
    pub label: String,
    /// File name stem for downloads, e.g. "qr-article".
    pub filename: String,
    /// Whether to offer SVG/PNG downloads.
    #[prop_or(true)]
    pub downloads: bool,
    /// Id for the caption (unique per widget).
    pub caption_id: String,
    /// UI language.
    pub lang: Lang,
}

/// The longest a QR code waits for the page to be idle, in milliseconds.
pub const IDLE_TIMEOUT_MS: u32 = 2000;

/// Encoding costs 10-25 ms in wasm on a phone, so it waits for the next
/// animation frame (the article text paints first) and then for an idle
/// period: on a page with many widgets every article renders before any
/// QR code is made.
#[component]
pub fn QrView(props: &QrViewProps) -> Html {
    let l = props.lang.labels();
    let code = use_state(|| None::<Result<Rc<QrCode>, qr::QrError>>);
    {
        let code = code.clone();
        use_effect_with(props.data.clone(), move |data| {
            let holder: Rc<RefCell<Option<crate::browser::Idle>>> = Rc::default();
            let data = data.clone();
            let inner = Rc::clone(&holder);
            let frame = gloo_render::request_animation_frame(move |_| {
                let idle = crate::browser::when_idle(IDLE_TIMEOUT_MS, move || {
                    code.set(Some(qr::encode(&data).map(Rc::new)));
                });
                *inner.borrow_mut() = idle;
            });
            move || {
                drop(frame);
                holder.borrow_mut().take();
            }
        });
    }
    let body = match &*code {
        None => html! {
            <div class="aw-qr-box aw-qr-pending" role="img" aria-label={l.qr_making}></div>
        },
        Some(Err(e)) => html! {
            <div class="aw-qr-box aw-qr-failed" role="note">
                { l.qr_failed.replace("{reason}", &match e {
                    qr::QrError::TooLong { bytes } => l.qr_too_long.replace("{bytes}", &bytes.to_string()),
                    qr::QrError::Empty => l.qr_empty.to_owned(),
                }) }
            </div>
        },
        Some(Ok(c)) => {
            let side = c.size_with_quiet_zone().to_string();
            html! {
                <svg class="aw-qr-box" role="img" aria-labelledby={props.caption_id.clone()}
                    viewBox={format!("0 0 {side} {side}")} shape-rendering="crispEdges">
                    <rect width={side.clone()} height={side} fill="#fff" />
                    <path d={c.path_data()} fill="#000" />
                </svg>
            }
        }
    };
    let downloads = match (&*code, props.downloads) {
        (Some(Ok(c)), true) => {
            let svg_href = format!(
                "data:image/svg+xml;charset=utf-8,{}",
                encode_component(&c.svg_document(&props.label))
            );
            let png = {
                let (c, name) = (Rc::clone(c), format!("{}.png", props.filename));
                Callback::from(move |_: MouseEvent| {
                    if let Some(href) = crate::browser::qr_png_data_url(&c, 8) {
                        crate::browser::download(&href, &name);
                    }
                })
            };
            html! {
                <p class="aw-qr-downloads">
                    <a class="aw-link-button" href={svg_href} download={format!("{}.svg", props.filename)}>
                        { l.qr_download_svg }
                    </a>
                    <button type="button" class="aw-link-button" onclick={png}>{ l.qr_download_png }</button>
                </p>
            }
        }
        _ => html! {},
    };
    html! {
        <figure class="aw-qr">
            { body }
            <figcaption id={props.caption_id.clone()}>{ &props.label }</figcaption>
            { downloads }
        </figure>
    }
}
