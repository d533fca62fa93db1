//! The widget root: loads an article from its source and renders every state.

use std::rc::Rc;

use yew::prelude::*;

use super::article_page::ArticlePage;
use super::status::{ErrorBox, Loading};
use crate::config::WidgetConfig;
use crate::i18n::Lang;
use crate::load::{ArticleSource, LoadError, LoadState};
use crate::validate::parse_article;

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
    let state = use_state(|| LoadState::Idle);
    let attempt = use_state(|| 0u32);

    {
        let state = state.clone();
        use_effect_with((props.source.clone(), *attempt), move |(source, _)| {
            let abort = start_load(source, state);
            // Dropping the guard aborts the request (a no-op type on native).
            #[allow(clippy::drop_non_drop)]
            move || drop(abort)
        });
    }

    let ui_lang = match &*state {
        LoadState::Loaded(p) => config.ui_lang(&p.article.lang),
        _ => config.lang.unwrap_or(Lang::Vi),
    };
    let onretry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let content = match &*state {
        LoadState::Idle | LoadState::Loading => html! { <Loading lang={ui_lang} /> },
        LoadState::Loaded(parsed) => html! { <ArticlePage parsed={Rc::clone(parsed)} /> },
        LoadState::Failed(error) => {
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

/// Starts loading `source` into `state`; the returned guard aborts on drop.
fn start_load(source: &ArticleSource, state: UseStateHandle<LoadState>) -> Option<Guard> {
    match source {
        ArticleSource::Inline { json, base } => {
            state.set(match parse_article(json.as_bytes(), base.as_deref()) {
                Ok(parsed) => LoadState::Loaded(Rc::new(parsed)),
                Err(e) => LoadState::Failed(LoadError::Parse(e)),
            });
            None
        }
        ArticleSource::Url(url) if url.trim().is_empty() => {
            state.set(LoadState::Failed(LoadError::NoSource));
            None
        }
        ArticleSource::Url(url) => fetch_into(url.clone(), state),
    }
}

/// Aborts the in-flight request it guards when dropped.
#[cfg(target_arch = "wasm32")]
struct Guard(Rc<crate::fetch::Abort>);

#[cfg(target_arch = "wasm32")]
impl Drop for Guard {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(not(target_arch = "wasm32"))]
struct Guard;

// Both targets share one signature, so the Option is needed on one of them.
#[allow(clippy::unnecessary_wraps)]
#[cfg(target_arch = "wasm32")]
fn fetch_into(url: String, state: UseStateHandle<LoadState>) -> Option<Guard> {
    let abort = Rc::new(crate::fetch::Abort::new());
    let guard = Rc::clone(&abort);
    state.set(LoadState::Loading);
    wasm_bindgen_futures::spawn_local(async move {
        let result = crate::fetch::fetch_article(&url, &abort).await;
        // A dropped guard means the view moved on; its result is stale.
        if Rc::strong_count(&abort) > 1 {
            state.set(match result {
                Ok(parsed) => LoadState::Loaded(Rc::new(parsed)),
                Err(e) => LoadState::Failed(e),
            });
        }
    });
    Some(Guard(guard))
}

#[allow(clippy::unnecessary_wraps)]
#[cfg(not(target_arch = "wasm32"))]
fn fetch_into(_url: String, state: UseStateHandle<LoadState>) -> Option<Guard> {
    // Native builds render on the server side and never fetch.
    state.set(LoadState::Loading);
    None
}
