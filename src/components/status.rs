//! Loading, error and "parts left out" notices, always in words.

use yew::prelude::*;

use crate::datetime::DateTime;
use crate::i18n::{date_line, Lang};
use crate::load::{LoadError, Status};
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

/// Props of [`Countdown`].
#[derive(Clone, PartialEq, Properties)]
pub struct CountdownProps {
    /// Whole seconds until the next automatic attempt.
    pub seconds: u32,
    /// UI language.
    pub lang: Lang,
}

/// "Thử lại sau N giây…": the wait before an automatic retry, announced politely.
#[component]
pub fn Countdown(props: &CountdownProps) -> Html {
    let text = props
        .lang
        .labels()
        .retry_in
        .replace("{seconds}", &props.seconds.to_string());
    html! {
        <p class="aw-countdown" role="status" aria-live="polite">{ text }</p>
    }
}

/// Props of [`LoadNotice`].
#[derive(Clone, PartialEq, Properties)]
pub struct LoadNoticeProps {
    /// The latest load of the article on screen.
    pub status: Status,
    /// When the article on screen is a kept copy: when it was saved (RFC 3339).
    #[prop_or_default]
    pub saved: Option<String>,
    /// UI language.
    pub lang: Lang,
    /// Called when the reader asks to try again.
    #[prop_or_default]
    pub onretry: Option<Callback<()>>,
}

/// A small notice above an article that stays on screen: that it is a kept
/// copy and when it was saved, that an update is under way, or why an
/// update failed, with the countdown and the retry button. Renders nothing
/// for a fresh, settled article.
#[component]
pub fn LoadNotice(props: &LoadNoticeProps) -> Html {
    let labels = props.lang.labels();
    let saved = props.saved.as_ref().map(|s| {
        let when = DateTime::parse(s).map_or_else(|_| s.clone(), |d| date_line(props.lang, &d));
        labels.offline_copy.replace("{saved}", &when)
    });
    let (error, seconds) = match &props.status {
        Status::Waiting { error, seconds } => (Some(error), Some(*seconds)),
        Status::Failed(error) => (Some(error), None),
        _ => (None, None),
    };
    let updating = props.status == Status::Loading;
    if saved.is_none() && error.is_none() && !updating {
        return html! {};
    }
    let onclick = props
        .onretry
        .clone()
        .filter(|_| error.is_some())
        .map(|cb| Callback::from(move |_: MouseEvent| cb.emit(())));
    html! {
        <div class="aw-notice" role="status" aria-live="polite">
            if let Some(saved) = saved {
                <p class="aw-offline-copy">{ saved }</p>
            }
            if updating {
                <p class="aw-updating">{ labels.updating }</p>
            }
            if let Some(error) = error {
                <p class="aw-refresh-failed">
                    <strong>{ labels.refresh_failed }</strong>{ ": " }{ error.message(props.lang) }
                </p>
            }
            if let Some(seconds) = seconds {
                <Countdown {seconds} lang={props.lang} />
            }
            if let Some(onclick) = onclick {
                <button type="button" class="aw-button" {onclick}>{ labels.retry }</button>
            }
        </div>
    }
}
