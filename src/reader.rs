//! The standalone reader: a single-page app over one document (`index.html`)
//! with a home list of the feed's articles, each article at its own shareable
//! URL, theme and language pickers, and offline reading through the service
//! worker (`pwa/sw.js`).
//!
//! Routes are query strings ([`crate::route`]): `./` home, `./?article=<slug>`
//! a feed article, `./?src=<article JSON URL>` any article. Links into the
//! reader (the list, "Tin khác", "← Danh sách tin") are followed with
//! `history.pushState` instead of a page load; back/forward re-read the
//! address bar. `?theme=dark` and `?lang=en` preset the pickers and ride along.
//!
//! Offline: an indicator shows while the network does not answer
//! (`navigator.onLine`, a probe, and failures the worker reports); an article
//! that no cache holds says plainly that it is not available offline; a
//! "save for offline" action keeps an article with its images, and the home
//! view lists what is saved. When a new build is installed the reader offers
//! to reload, which lets the new worker take over and then reloads once, so
//! the old shell never runs with new wasm. See `docs/reader.md`.

pub mod feed_fetch;
pub mod labels;
pub mod nav;
pub mod protocol;
pub mod pwa;

use std::rc::Rc;

use gloo_timers::callback::Interval;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use self::feed_fetch::{fetch_feed, FeedLoadError};
use self::labels::reader_labels;
use self::protocol::{FromWorker, ToWorker};
use self::pwa::{Hooks, Listener, Registration, SavedEntry};
use crate::components::feed_list::{FeedList, SavedList};
use crate::components::ArticleView;
use crate::config::{Theme, WidgetConfig};
use crate::feed::Feed;
use crate::fetch::absolute_url;
use crate::i18n::Lang;
use crate::load::ArticleSource;
use crate::route::{query_param, Route};

/// The demo article (the seed page): the first item of the demo feed.
pub const DEMO_ARTICLE: &str = "demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// What the reader page was asked to show, from its query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderQuery {
    /// The route (home, a feed article, or an article JSON URL).
    pub route: Route,
    /// Preset theme.
    pub theme: Theme,
    /// Preset UI language (`None` follows the article).
    pub lang: Option<Lang>,
}

impl ReaderQuery {
    /// Parses a query string such as `?article=slug&theme=dark&lang=en`.
    pub fn parse(search: &str) -> Self {
        Self {
            route: Route::from_query(search),
            theme: query_param(search, "theme").map_or(Theme::Auto, |t| Theme::from_name(&t)),
            lang: query_param(search, "lang").map(|l| Lang::from_tag(&l)),
        }
    }
}

/// Props of [`Reader`].
#[derive(Clone, PartialEq, Properties)]
pub struct ReaderProps {
    /// What to show first.
    pub query: ReaderQuery,
}

/// The feed's loading state.
#[derive(Clone, Debug, PartialEq)]
enum FeedState {
    Loading,
    Loaded(Rc<Feed>),
    Failed(FeedLoadError),
}

/// Where a "save for offline" request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SaveStatus {
    Idle,
    Saving,
    Failed,
}

/// A counter that only goes up: bumping it re-runs the effects that read the caches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Revision(u32);

impl Reducible for Revision {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Revision(self.0.wrapping_add(1)))
    }
}

/// What the current route shows.
#[derive(Clone, Debug, PartialEq)]
enum View {
    Home,
    /// An article: the JSON URL and its title when the feed knows it.
    Article {
        json: String,
        title: Option<String>,
    },
    /// A slug the feed does not have.
    Unknown,
    /// Waiting for the feed to resolve a slug.
    Waiting,
    /// The feed failed, so a slug cannot be resolved.
    FeedFailed(FeedLoadError),
}

fn view_of(route: &Route, feed: &FeedState) -> View {
    match (route, feed) {
        (Route::Home, _) => View::Home,
        (Route::Source(src), FeedState::Loaded(feed)) => {
            let json = absolute_url(src);
            let title = feed.by_json(&json).map(|i| i.title.clone());
            View::Article { json, title }
        }
        (Route::Source(src), _) => View::Article {
            json: absolute_url(src),
            title: None,
        },
        (Route::Article(slug), FeedState::Loaded(feed)) => match feed.by_slug(slug) {
            Some(item) => View::Article {
                json: item.json.clone(),
                title: Some(item.title.clone()),
            },
            None => View::Unknown,
        },
        (Route::Article(_), FeedState::Loading) => View::Waiting,
        (Route::Article(_), FeedState::Failed(e)) => View::FeedFailed(e.clone()),
    }
}

/// The reader app.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let theme = use_state(|| props.query.theme);
    let lang = use_state(|| props.query.lang);
    let route = use_state(|| props.query.route.clone());
    let feed = use_state(|| FeedState::Loading);
    let online = use_state(pwa::navigator_online);
    let update_ready = use_state(|| false);
    let saved = use_state(Vec::<SavedEntry>::new);
    let saved_rev = use_reducer(Revision::default);
    let save_status = use_state(|| SaveStatus::Idle);
    let cached = use_state(|| None::<bool>);
    let worker = use_mut_ref(|| None::<Registration>);

    // Mount: the worker, network state, back/forward, and the feed.
    {
        let (online, update_ready, saved_rev, save_status, route, feed, worker) = (
            online.clone(),
            update_ready.clone(),
            saved_rev.dispatcher(),
            save_status.clone(),
            route.clone(),
            feed.clone(),
            Rc::clone(&worker),
        );
        use_effect_with((), move |()| {
            let hooks = Hooks {
                on_message: {
                    let online = online.clone();
                    Rc::new(move |message| match message {
                        FromWorker::Network { online: up } => online.set(up),
                        FromWorker::Saved { ok, .. } => {
                            save_status.set(if ok {
                                SaveStatus::Idle
                            } else {
                                SaveStatus::Failed
                            });
                            saved_rev.dispatch(());
                        }
                        FromWorker::Unsaved { .. } => saved_rev.dispatch(()),
                        FromWorker::Version { .. } => {}
                    })
                },
                on_update: Rc::new(move || update_ready.set(true)),
            };
            *worker.borrow_mut() = pwa::register(&hooks);
            let mut listeners: Vec<Listener> = Vec::new();
            if let Some(window) = web_sys::window() {
                let up = online.clone();
                listeners.push(Listener::new(&window, "online", move |_| up.set(true)));
                let down = online.clone();
                listeners.push(Listener::new(&window, "offline", move |_| down.set(false)));
            }
            listeners.extend(nav::on_popstate(move |r| route.set(r)));
            {
                let online = online.clone();
                spawn_local(async move { online.set(pwa::probe_online().await) });
            }
            spawn_local(async move {
                match fetch_feed().await {
                    Ok(parsed) => feed.set(FeedState::Loaded(Rc::new(parsed.feed))),
                    Err(e) => {
                        if matches!(e, FeedLoadError::Network(_)) {
                            online.set(false);
                        }
                        feed.set(FeedState::Failed(e));
                    }
                }
            });
            move || {
                drop(listeners);
                worker.borrow_mut().take();
            }
        });
    }

    // While offline, ask the network again every few seconds.
    {
        let online_handle = online.clone();
        use_effect_with(*online, move |up| {
            let timer = (!*up).then(|| {
                Interval::new(5_000, move || {
                    let online = online_handle.clone();
                    spawn_local(async move {
                        if pwa::probe_online().await {
                            online.set(true);
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }

    // The saved list, re-read whenever the worker reports a change.
    {
        let saved = saved.clone();
        use_effect_with(*saved_rev, move |_| {
            spawn_local(async move { saved.set(pwa::saved_entries().await) });
        });
    }

    let view = view_of(&route, &feed);
    let article_json = match &view {
        View::Article { json, .. } => Some(json.clone()),
        _ => None,
    };

    // Whether the shown article can be read offline.
    {
        let cached = cached.clone();
        use_effect_with(
            (article_json.clone(), *online, *saved_rev),
            move |(json, _, _)| {
                cached.set(None);
                if let Some(json) = json.clone() {
                    spawn_local(async move { cached.set(pwa::is_cached(&json).await) });
                }
            },
        );
    }

    // The tab title follows the article.
    {
        let title = match &view {
            View::Article {
                title: Some(title), ..
            } => format!("{title} — Tin tức"),
            _ => "Tin tức — article-widget".to_owned(),
        };
        use_effect_with(title, |title| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(title);
            }
        });
    }

    let ui_lang = lang.unwrap_or(Lang::Vi);
    let ui = ui_lang.labels();
    let words = reader_labels(ui_lang);
    let keep: Vec<(&str, String)> = [
        ("lang", lang.map(|l| l.tag().to_owned()).unwrap_or_default()),
        (
            "theme",
            if *theme == Theme::Auto {
                String::new()
            } else {
                theme.name().to_owned()
            },
        ),
    ]
    .into_iter()
    .collect();
    let keep_ref: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let path = nav::page_path();
    let href = |r: &Route| r.href(&path, &keep_ref);

    let navigate = {
        let (route, feed) = (route.clone(), feed.clone());
        let (path, keep) = (path.clone(), keep.clone());
        Callback::from(move |target: Route| {
            // A "Tin khác" link names the JSON; show the feed's shorter URL for it.
            let target = match (&target, &*feed) {
                (Route::Source(src), FeedState::Loaded(f)) => f
                    .by_json(&absolute_url(src))
                    .map_or(target.clone(), |i| Route::Article(i.slug.clone())),
                _ => target,
            };
            let keep_ref: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (*k, v.as_str())).collect();
            nav::push(&target.href(&path, &keep_ref));
            route.set(target);
        })
    };
    let onclick = Callback::from(move |e: MouseEvent| {
        if let Some(target) = nav::clicked_route(&e) {
            e.prevent_default();
            navigate.emit(target);
        }
    });

    let config = WidgetConfig {
        lang: *lang,
        theme: *theme,
        related_in_reader: true,
        ..WidgetConfig::default()
    };
    let ontheme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                theme.set(Theme::from_name(&select.value()));
            }
        })
    };
    let onlang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let v = select.value();
                lang.set((!v.is_empty()).then(|| Lang::from_tag(&v)));
            }
        })
    };
    let onupdate = {
        let worker = Rc::clone(&worker);
        Callback::from(move |_: MouseEvent| {
            if let Some(reg) = worker.borrow().as_ref() {
                reg.apply_update();
            }
        })
    };
    let themes = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];

    let main = match &view {
        View::Home => {
            let list = match &*feed {
                FeedState::Loading => {
                    html! { <p class="aw-feed-status" role="status">{ words.loading_feed }</p> }
                }
                FeedState::Failed(e) => html! {
                    <p class="aw-feed-status aw-feed-error" role="alert">{ format!("{}: {e}.", words.feed_failed) }</p>
                },
                FeedState::Loaded(f) if f.items.is_empty() => {
                    html! { <p class="aw-feed-status">{ words.feed_empty }</p> }
                }
                FeedState::Loaded(f) => {
                    let items: Vec<_> = f
                        .items
                        .iter()
                        .map(|i| (i.clone(), href(&Route::Article(i.slug.clone()))))
                        .collect();
                    html! { <FeedList items={Rc::new(items)} lang={ui_lang} heading={words.latest} /> }
                }
            };
            let saved_items: Vec<(String, String)> = saved
                .iter()
                .map(|s| {
                    let route = match &*feed {
                        FeedState::Loaded(f) => {
                            f.by_json(&s.url).map(|i| Route::Article(i.slug.clone()))
                        }
                        _ => None,
                    }
                    .unwrap_or_else(|| Route::Source(s.url.clone()));
                    (s.title.clone(), href(&route))
                })
                .collect();
            html! {
                <>
                    { list }
                    if worker.borrow().is_some() {
                        <SavedList items={Rc::new(saved_items)} heading={words.saved_title} empty={words.saved_empty} />
                    }
                </>
            }
        }
        View::Waiting => {
            html! { <p class="aw-feed-status" role="status">{ words.loading_feed }</p> }
        }
        View::Unknown => {
            html! { <p class="aw-feed-status aw-feed-error" role="alert">{ words.unknown_article }</p> }
        }
        View::FeedFailed(e) => html! {
            <p class="aw-feed-status aw-feed-error" role="alert">{ format!("{}: {e}.", words.feed_failed) }</p>
        },
        View::Article { json, title } => {
            let is_saved = saved.iter().any(|s| s.url == *json);
            let save_controls = if worker.borrow().is_none() {
                html! { <span class="aw-save-note">{ words.save_unavailable }</span> }
            } else if is_saved {
                let onunsave = {
                    let (worker, url) = (Rc::clone(&worker), json.clone());
                    Callback::from(move |_: MouseEvent| {
                        if let Some(reg) = worker.borrow().as_ref() {
                            reg.send(ToWorker::Unsave { url: url.clone() });
                        }
                    })
                };
                html! {
                    <>
                        <span class="aw-save-note aw-saved-note" role="status">{ words.saved }</span>
                        <button type="button" class="aw-unsave" onclick={onunsave}>{ words.unsave }</button>
                    </>
                }
            } else {
                let onsave = {
                    let (worker, url, save_status) =
                        (Rc::clone(&worker), json.clone(), save_status.clone());
                    let title = title.clone().unwrap_or_else(|| json.clone());
                    Callback::from(move |_: MouseEvent| {
                        if let Some(reg) = worker.borrow().as_ref() {
                            save_status.set(SaveStatus::Saving);
                            reg.send(ToWorker::Save {
                                url: url.clone(),
                                title: title.clone(),
                            });
                        }
                    })
                };
                let label = if *save_status == SaveStatus::Saving {
                    words.saving
                } else {
                    words.save
                };
                html! {
                    <>
                        <button type="button" class="aw-save" onclick={onsave}
                            disabled={*save_status == SaveStatus::Saving}>{ label }</button>
                        if *save_status == SaveStatus::Failed {
                            <span class="aw-save-note" role="alert">{ words.save_failed }</span>
                        }
                    </>
                }
            };
            html! {
                <>
                    <nav class="aw-article-nav">
                        <a class="aw-back" href={href(&Route::Home)}>{ words.home }</a>
                        <span class="aw-save-controls">{ save_controls }</span>
                    </nav>
                    if !*online && *cached == Some(false) {
                        <p class="aw-offline-unavailable" role="alert">{ words.not_offline }</p>
                    }
                    <ArticleView source={ArticleSource::Url(json.clone())} />
                </>
            }
        }
    };

    html! {
        <ContextProvider<WidgetConfig> context={config}>
            <div class="aw-reader-shell" data-theme={theme.name()} {onclick}>
                <header class="aw-reader-bar">
                    <a class="aw-reader-brand" href={href(&Route::Home)}>{ "Tin tức Hải Phòng" }</a>
                    <label>
                        { ui.theme }
                        <select onchange={ontheme}>
                            { for themes.iter().enumerate().map(|(i, t)| html! {
                                <option value={t.name()} selected={*t == *theme}>{ ui.theme_names[i] }</option>
                            }) }
                        </select>
                    </label>
                    <label>
                        { ui.language }
                        <select onchange={onlang}>
                            <option value="" selected={lang.is_none()}>{ ui.language_auto }</option>
                            <option value="vi" selected={*lang == Some(Lang::Vi)}>{ "Tiếng Việt" }</option>
                            <option value="en" selected={*lang == Some(Lang::En)}>{ "English" }</option>
                        </select>
                    </label>
                </header>
                if *update_ready {
                    <div class="aw-update" role="status">
                        <span>{ words.update_ready }</span>
                        <button type="button" class="aw-update-reload" onclick={onupdate}>{ words.update_reload }</button>
                    </div>
                }
                if !*online {
                    <p class="aw-offline-indicator" role="status">{ words.offline }</p>
                }
                <main class="aw-reader">
                    { main }
                </main>
            </div>
        </ContextProvider<WidgetConfig>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parsing() {
        assert_eq!(ReaderQuery::parse("").route, Route::Home);
        assert_eq!(
            ReaderQuery::parse("?a=1&src=x%2Fy.json").route,
            Route::Source("x/y.json".into())
        );
        let q = ReaderQuery::parse("?theme=dark&lang=en&article=a-b");
        assert_eq!(
            (q.theme, q.lang, q.route),
            (Theme::Dark, Some(Lang::En), Route::Article("a-b".into()))
        );
    }

    #[test]
    fn views_follow_route_and_feed() {
        let parsed = crate::feed::parse_feed(
            include_bytes!("../demo/articles/index.json"),
            Some("http://h/demo/articles/index.json"),
        );
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}");
        };
        let loaded = FeedState::Loaded(Rc::new(parsed.feed));
        let slug = "quan-uy-le-chan-tong-ket-nghi-quyet-8";
        assert_eq!(
            view_of(&Route::Article(slug.into()), &loaded),
            View::Article {
                json: format!("http://h/demo/articles/{slug}.json"),
                title: Some(
                    "Quận ủy Lê Chân: Tổng kết 10 năm thực hiện Nghị quyết Trung ương 8 khóa XI về Chiến lược bảo vệ Tổ quốc trong tình hình mới".into()
                )
            }
        );
        assert_eq!(
            view_of(&Route::Article("nope".into()), &loaded),
            View::Unknown
        );
        assert_eq!(
            view_of(&Route::Article(slug.into()), &FeedState::Loading),
            View::Waiting
        );
        assert_eq!(view_of(&Route::Home, &FeedState::Loading), View::Home);
        let failed = FeedState::Failed(FeedLoadError::Status(404));
        assert!(matches!(
            view_of(&Route::Article(slug.into()), &failed),
            View::FeedFailed(_)
        ));
    }
}
