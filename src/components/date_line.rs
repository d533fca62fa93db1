//! The date line under the toolbar: "Thứ Sáu, 25/11/2022 15:15".

use yew::prelude::*;

use crate::datetime::DateTime;
use crate::i18n::{date_line, offset_label, Lang};

/// Props of [`DateLine`].
#[derive(Clone, PartialEq, Properties)]
pub struct DateLineProps {
    /// When the article was published, in the publisher's offset.
    pub published: DateTime,
    /// Time of the last update, if any ("Cập nhật: …").
    #[prop_or_default]
    pub updated: Option<DateTime>,
    /// UI language.
    pub lang: Lang,
}

/// A `<time>` element showing the publisher's wall time; the offset is in
/// the `title` tooltip and the machine-readable `datetime` attribute.
#[component]
pub fn DateLine(props: &DateLineProps) -> Html {
    let text = date_line(props.lang, &props.published);
    html! {
        <p class="aw-dateline">
            <span class="aw-visually-hidden">{ props.lang.labels().published }{ ": " }</span>
            <time datetime={props.published.to_string()} title={offset_label(&props.published)}>
                { text }
            </time>
            if let Some(u) = &props.updated {
                <span class="aw-updated">
                    { props.lang.labels().updated }{ ": " }
                    <time datetime={u.to_string()} title={offset_label(u)}>
                        { date_line(props.lang, u) }
                    </time>
                </span>
            }
        </p>
    }
}
