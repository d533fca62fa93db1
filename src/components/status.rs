//! Loading, error and "parts left out" notices, always in words.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::load::LoadError;
use crate::validate::Problem;

/// Props of [`Loading`].
#[derive(Clone, PartialEq, Properties)]
pub struct LoadingProps {
    /// UI language.
    pub lang: Lang,
}

/// A polite, busy placeholder with text (never an empty box).
#[component]
pub fn Loading(props: &LoadingProps) -> Html {
    html! {
        <div class="aw-loading" role="status" aria-live="polite" aria-busy="true">
            <span class="aw-spinner" aria-hidden="true"></span>
            { props.lang.labels().loading }
        </div>
    }
}

/// Props of [`ErrorBox`].
#[derive(Clone, PartialEq, Properties)]
pub struct ErrorBoxProps {
    /// What went wrong.
    pub error: LoadError,
    /// UI language.
    pub lang: Lang,
    /// Called when the reader asks to try again; no button when absent.
    #[prop_or_default]
    pub onretry: Option<Callback<()>>,
}

/// The error, in words, with each validation problem and its JSON path.
#[component]
pub fn ErrorBox(props: &ErrorBoxProps) -> Html {
    let labels = props.lang.labels();
    let problems = props.error.problems();
    let onclick = props
        .onretry
        .clone()
        .map(|cb| Callback::from(move |_: MouseEvent| cb.emit(())));
    html! {
        <div class="aw-error" role="alert">
            <p class="aw-error-title"><strong>{ labels.error_title }</strong></p>
            <p class="aw-error-message">{ props.error.message(props.lang) }</p>
            if !problems.is_empty() {
                <ul class="aw-problems">
                    { for problems.iter().take(50).map(|p| html! { <li><code>{ p.to_string() }</code></li> }) }
                    if problems.len() > 50 {
                        <li>{ format!("… +{}", problems.len() - 50) }</li>
                    }
                </ul>
            }
            if let Some(onclick) = onclick {
                <button type="button" class="aw-button" {onclick}>{ labels.retry }</button>
            }
        </div>
    }
}

/// Props of [`Omitted`].
#[derive(Clone, PartialEq, Properties)]
pub struct OmittedProps {
    /// The warnings from validation.
    pub warnings: Vec<Problem>,
    /// UI language.
    pub lang: Lang,
}

/// Tells the reader which parts of a degraded article were left out.
#[component]
pub fn Omitted(props: &OmittedProps) -> Html {
    if props.warnings.is_empty() {
        return html! {};
    }
    html! {
        <details class="aw-omitted" role="note">
            <summary>{ props.lang.labels().omitted_title }{ format!(" ({})", props.warnings.len()) }</summary>
            <ul>
                { for props.warnings.iter().take(50).map(|p| html! { <li><code>{ p.to_string() }</code></li> }) }
            </ul>
        </details>
    }
}
