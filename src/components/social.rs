//! "Chúng tôi trên Mạng Xã hội": each social page of the publisher with a
//! QR code to open it on a phone, and a link.

use yew::prelude::*;

use super::qr_view::QrView;
use crate::i18n::Lang;
use crate::model::SocialPage;

/// Props of [`Social`].
#[derive(Clone, PartialEq, Properties)]
pub struct SocialProps {
    /// The publisher's social pages.
    pub pages: Vec<SocialPage>,
    /// UI language.
    pub lang: Lang,
    /// Prefix for element ids (unique per widget).
    pub id_prefix: String,
}

/// The social section; nothing when the publisher lists no pages.
#[component]
pub fn Social(props: &SocialProps) -> Html {
    if props.pages.is_empty() {
        return html! {};
    }
    let l = props.lang.labels();
    let heading_id = format!("{}-social", props.id_prefix);
    html! {
        <section class="aw-social" aria-labelledby={heading_id.clone()}>
            <super::SectionTitle id={heading_id} text={l.social_title} />
            <ul class="aw-social-list">
                { for props.pages.iter().enumerate().map(|(i, p)| html! {
                    <li class="aw-social-item">
                        <QrView data={p.url.clone()}
                            label={l.social_qr.replace("{name}", &p.name)}
                            filename={format!("qr-{}", p.network)}
                            downloads={false}
                            caption_id={format!("{}-social-qr-{i}", props.id_prefix)}
                            lang={props.lang} />
                        <a href={p.url.clone()} target="_blank" rel="noopener noreferrer">
                            { &p.name }
                            <span class="aw-visually-hidden">{ format!(" ({})", l.new_tab) }</span>
                        </a>
                    </li>
                }) }
            </ul>
        </section>
    }
}
