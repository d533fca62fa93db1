//! The widget root: loads an article from its source and renders every state.
//!
//! Transient failures (network, timeout, 408/429/5xx) are retried
//! automatically on the [`RetryPolicy`] schedule with a visible countdown;
//! final ones (404, 410, wrong content type, invalid document) wait for the
//! retry button. When the network fails, the last good copy of the article
//! (if this browser kept one) is shown with a notice saying when it was
//! saved. An article on screen is never replaced by an error: failures of a
//! refresh show as a small notice above it.

use std::rc::Rc;

use yew::prelude::*;

use super::article_page::ArticlePage;
use super::status::{Countdown, ErrorBox, LoadNotice, Loading};
use crate::config::WidgetConfig;
use crate::i18n::Lang;
use crate::load::{ArticleSource, LoadError, Status, ViewAction, ViewState};
#[cfg(target_arch = "wasm32")]
use crate::retry::RetryPolicy;
use crate::validate::parse_article;

impl Reducible for ViewState {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Props of [`ArticleView`].
#[derive(Clone, PartialEq, Properties)]
pub struct ArticleViewProps {
    /// Where the article comes from.
    pub source: ArticleSource,
}

/// Fetches (or parses inline) the article and shows loading, the article,
/// or the error in words with a retry button. A change of `source` starts a
/// new load and aborts the old one; so does unmounting.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let config = use_context::<WidgetConfig>().unwrap_or_default();
    let state = use_reducer(ViewState::default);
    let attempt = use_state(|| 0u32);

    {
        let dispatcher = state.dispatcher();
        use_effect_with((props.source.clone(), *attempt), move |(source, _)| {
            let guard = start_load(source, &dispatcher);
            // Dropping the guard aborts the request and stops its retries
            // (a no-op type on native).
            #[allow(clippy::drop_non_drop)]
            move || drop(guard)
        });
    }

    let ui_lang = match &state.shown {
        Some(shown) => config.ui_lang(&shown.parsed.article.lang),
        None => config.lang.unwrap_or(Lang::Vi),
    };
    let onretry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(attempt.wrapping_add(1)))
    };
    let content = match (&state.shown, &state.status) {
        (Some(shown), status) => html! {
            <>
                <LoadNotice status={status.clone()} saved={shown.saved.clone()} lang={ui_lang}
                    onretry={onretry} />
                <ArticlePage parsed={Rc::clone(&shown.parsed)} />
            </>
        },
        (None, Status::Idle | Status::Loading | Status::Done) => {
            html! { <Loading lang={ui_lang} /> }
        }
        (None, Status::Waiting { error, seconds }) => html! {
            <>
                <ErrorBox error={error.clone()} lang={ui_lang} onretry={onretry} />
                <Countdown seconds={*seconds} lang={ui_lang} />
            </>
        },
        (None, Status::Failed(error)) => {
            let onretry = (!matches!(error, LoadError::NoSource)).then_some(onretry);
            html! { <ErrorBox error={error.clone()} lang={ui_lang} {onretry} /> }
        }
    };
    html! {
        <div class="aw" data-theme={config.theme.name()} lang={ui_lang.tag()}>
            { content }
        </div>
    }
}

/// Starts loading `source`; the returned guard stops the load when dropped.
fn start_load(source: &ArticleSource, dispatch: &UseReducerDispatcher<ViewState>) -> Option<Guard> {
    dispatch.dispatch(ViewAction::Start(source.clone()));
    match source {
        ArticleSource::Inline { json, base } => {
            dispatch.dispatch(match parse_article(json.as_bytes(), base.as_deref()) {
                Ok(parsed) => ViewAction::Loaded(Rc::new(parsed)),
                Err(e) => ViewAction::Failed(LoadError::Parse(e)),
            });
            None
        }
        ArticleSource::Url(url) if url.trim().is_empty() => {
            dispatch.dispatch(ViewAction::Failed(LoadError::NoSource));
            None
        }
        ArticleSource::Url(url) => fetch_into(url.clone(), dispatch.clone()),
    }
}

/// One load with its retries: cancelled, and its request aborted, on drop.
#[cfg(target_arch = "wasm32")]
#[derive(Default)]
struct Task {
    cancelled: std::cell::Cell<bool>,
    current: std::cell::RefCell<Option<Rc<crate::fetch::Abort>>>,
}

/// Stops the load it guards when dropped.
#[cfg(target_arch = "wasm32")]
struct Guard(Rc<Task>);

#[cfg(target_arch = "wasm32")]
impl Drop for Guard {
    fn drop(&mut self) {
        self.0.cancelled.set(true);
        if let Some(abort) = self.0.current.borrow_mut().take() {
            abort.abort();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
struct Guard;

// Both targets share one signature, so the Option is needed on one of them.
#[allow(clippy::unnecessary_wraps)]
#[cfg(target_arch = "wasm32")]
fn fetch_into(url: String, dispatch: UseReducerDispatcher<ViewState>) -> Option<Guard> {
    let task = Rc::new(Task::default());
    wasm_bindgen_futures::spawn_local(run_load(url, dispatch, Rc::clone(&task)));
    Some(Guard(task))
}

/// Fetches `url` until it succeeds, fails for good, or the task is cancelled;
/// shows a kept copy once when the network fails, and keeps the good copy
/// after a success.
#[cfg(target_arch = "wasm32")]
async fn run_load(url: String, dispatch: UseReducerDispatcher<ViewState>, task: Rc<Task>) {
    use crate::browser;
    use crate::fetch::{absolute_url, fetch_article, page_timeout_seconds, Abort};

    let policy = RetryPolicy::DEFAULT;
    let timeout = page_timeout_seconds();
    let key = absolute_url(&url);
    let mut retries = 0;
    let mut looked_for_copy = false;
    loop {
        let abort = Rc::new(Abort::new());
        *task.current.borrow_mut() = Some(Rc::clone(&abort));
        let result = fetch_article(&url, &abort, timeout).await;
        if task.cancelled.get() {
            return;
        }
        let error = match result {
            Ok(fetched) => {
                dispatch.dispatch(ViewAction::Loaded(Rc::new(fetched.parsed)));
                // Keeping the copy (up to 1 MB into localStorage, synchronously)
                // waits for a later task, so it never delays the first paint.
                let (base, text) = (fetched.base, fetched.text);
                gloo_timers::future::TimeoutFuture::new(0).await;
                browser::offline_save(&key, &base, &text);
                return;
            }
            Err(error) => error,
        };
        if !looked_for_copy && ViewState::offline_copy_helps(&error) {
            looked_for_copy = true;
            if let Some((entry, json)) = browser::offline_load(&key) {
                // A kept copy is checked again like any feed.
                if let Ok(parsed) = parse_article(json.as_bytes(), Some(&entry.base)) {
                    dispatch.dispatch(ViewAction::Cached {
                        parsed: Rc::new(parsed),
                        saved: entry.saved,
                    });
                }
            }
        }
        let Some(delay) = policy.delay_seconds(retries, &error, browser::random_unit()) else {
            dispatch.dispatch(ViewAction::Failed(error));
            return;
        };
        for seconds in (1..=delay).rev() {
            dispatch.dispatch(ViewAction::Waiting {
                error: error.clone(),
                seconds,
            });
            gloo_timers::future::TimeoutFuture::new(1000).await;
            if task.cancelled.get() {
                return;
            }
        }
        retries += 1;
        dispatch.dispatch(ViewAction::Start(ArticleSource::Url(url.clone())));
    }
}

#[allow(clippy::unnecessary_wraps)]
#[cfg(not(target_arch = "wasm32"))]
fn fetch_into(_url: String, _dispatch: UseReducerDispatcher<ViewState>) -> Option<Guard> {
    // Native builds render on the server side and never fetch; the state
    // stays `Loading`.
    None
}
