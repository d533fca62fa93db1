//! The toolbar above the title, as on the portal: Print, the date line,
//! text size (smaller / larger / "Gốc") and a link to the original article.

use yew::prelude::*;

use super::date_line::DateLine;
use crate::datetime::DateTime;
use crate::i18n::Lang;
use crate::text_size::{TextSize, TextSizeAction};

/// Props of [`Toolbar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ToolbarProps {
    /// Publication date-time for the date line.
    pub published: DateTime,
    /// Time of the last update, if any.
    pub updated: Option<DateTime>,
    /// Link to the original article, if any.
    pub original_url: Option<String>,
    /// Current text size.
    pub text_size: TextSize,
    /// Called with the reader's text-size choice.
    pub ontextsize: Callback<TextSizeAction>,
    /// Called when the reader asks to print.
    pub onprint: Callback<()>,
    /// UI language.
    pub lang: Lang,
}

/// Print, date line, text size and original link, all keyboard-usable buttons.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let l = props.lang.labels();
    let size_button =
        |action: TextSizeAction, text: &'static str, name: &'static str, enabled: bool| {
            let cb = props.ontextsize.clone();
            html! {
                <button type="button" class="aw-tool" aria-label={name} title={name}
                    aria-disabled={(!enabled).to_string()}
                    onclick={Callback::from(move |_: MouseEvent| cb.emit(action))}>
                    { text }
                </button>
            }
        };
    let onprint = {
        let cb = props.onprint.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let t = props.text_size;
    html! {
        <div class="aw-toolbar" role="group" aria-label={l.toolbar}>
            <button type="button" class="aw-tool aw-print" onclick={onprint}>
                <svg class="aw-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 9V2h12v7M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 14h12v8H6z" />
                </svg>
                { l.print }
            </button>
            <DateLine published={props.published} updated={props.updated} lang={props.lang} />
            <div class="aw-textsize" role="group" aria-label={l.text_size}>
                { size_button(TextSizeAction::Smaller, "A−", l.text_smaller, t.can_shrink()) }
                { size_button(TextSizeAction::Larger, "A+", l.text_larger, t.can_grow()) }
                { size_button(TextSizeAction::Reset, l.text_reset, l.text_reset_name, !t.is_original()) }
                <span class="aw-visually-hidden" aria-live="polite">
                    { l.text_size_now.replace("{percent}", &t.percent().to_string()) }
                </span>
            </div>
            if let Some(url) = &props.original_url {
                <a class="aw-tool aw-original" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    { l.original_article }
                    <span class="aw-visually-hidden">{ format!(" ({})", l.new_tab) }</span>
                </a>
            }
        </div>
    }
}
