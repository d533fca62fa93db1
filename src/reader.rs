//! The standalone reader: a single-page app over one document (`index.html`)
//! with a home list of the feed's articles, each article at its own shareable
//! URL, theme and language pickers, and offline reading through the service
//! worker (`pwa/sw.js`).
//!
//! The reader is a shell around the widget: each article is shown by the
//! `<article-widget>` element partner pages embed (`embed/v1/embed.js`,
//! loaded by `index.html`), so the reader shows exactly what partners ship.
//! On an article's page that element is the page's own, put there by
//! `index.html`'s script before the reader's wasm has loaded; the reader
//! renders its bar and views beside it and keeps it ([`page`]).
//!
//! Routes are query strings ([`crate::route`]): `./` home, `./?article=<slug>`
//! a feed article, `./?src=<article JSON URL>` any article. Links into the
//! reader (the list, "← Danh sách tin") are followed with
//! `history.pushState` instead of a page load, and so are related articles
//! ("Tin khác"): the widget asks before following one (`aw-navigate`) and
//! the reader routes to it in place. Back/forward re-read the address bar.
//! `?theme=dark` and `?lang=en` preset the pickers and ride along;
//! `?aw_timeout=N` shortens the widget's fetch time limit (for tests).
//!
//! Offline: an indicator shows while the network does not answer
//! (`navigator.onLine`, a probe, and failures the worker reports); an article
//! that no cache holds says plainly that it is not available offline; a
//! "save for offline" action keeps an article with its images, and the home
//! view lists what is saved. When a new build is installed the reader offers
//! to reload, which lets the new worker take over and then reloads once, so
//! the old shell never runs with new wasm. See `docs/reader.md`.

pub mod article;
pub mod bar;
pub mod brand;
pub mod feed_fetch;
pub mod feed_list;
pub mod home;
pub mod hooks;
pub mod labels;
pub mod nav;
pub mod page;
pub mod protocol;
pub mod pwa;

use std::rc::Rc;

use yew::prelude::*;

use self::article::{ArticleScreen, SaveControlsProps};
use self::bar::ReaderBar;
use self::feed_fetch::FeedLoadError;
use self::home::Home;
use self::hooks::{use_cached, use_feed, use_route, use_worker, FeedState};
use self::labels::reader_labels;
use crate::brand::Brand;
use crate::browser::absolute_url;
use crate::config::Theme;
use crate::i18n::Lang;
use crate::load::timeout_from_query;
use crate::route::{query_param, Route};
use crate::widget::{Loaded, Navigation};

/// What the reader page was asked to show, from its query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderQuery {
    /// The route (home, a feed article, or an article JSON URL).
    pub route: Route,
    /// Preset theme.
    pub theme: Theme,
    /// Preset UI language (`None` follows the article).
    pub lang: Option<Lang>,
    /// The widget's fetch time limit (`aw_timeout`, 1 to 60 seconds).
    pub timeout: Option<u32>,
}

impl ReaderQuery {
    /// Parses a query string such as `?article=slug&theme=dark&lang=en`.
    pub fn parse(search: &str) -> Self {
        Self {
            route: Route::from_query(search),
            theme: query_param(search, "theme").map_or(Theme::Auto, |t| Theme::from_name(&t)),
            lang: query_param(search, "lang").map(|l| Lang::from_tag(&l)),
            timeout: timeout_from_query(search),
        }
    }
}

/// Props of [`Reader`].
#[derive(Clone, PartialEq, Properties)]
pub struct ReaderProps {
    /// What to show first.
    pub query: ReaderQuery,
    /// The publication: name, colours, languages, feed ([`brand::read`]).
    pub brand: Rc<Brand>,
    /// The page's frame: the views and the article go into its `main`
    /// ([`page`]).
    pub frame: page::Frame,
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

/// What `route` shows, given the `feed` so far and the `brand`'s rule for
/// a slug's JSON; `resolve` makes a URL absolute against the page.
fn view_of(
    route: &Route,
    feed: &FeedState,
    brand: &Brand,
    resolve: &dyn Fn(&str) -> String,
) -> View {
    let loaded = match feed {
        FeedState::Loaded(feed) => Some(feed),
        _ => None,
    };
    match (route, feed) {
        (Route::Home, _) => View::Home,
        (Route::Source(src), _) => {
            let json = resolve(src);
            let title = loaded
                .and_then(|f| f.by_json(&json))
                .map(|i| i.title.clone());
            View::Article { json, title }
        }
        // The brand's rule names the article's JSON: no need to wait for the feed.
        (Route::Article(slug), _) if brand.article.is_some() => View::Article {
            json: resolve(&brand.article_json(slug).unwrap_or_default()),
            title: loaded
                .and_then(|f| f.by_slug(slug))
                .map(|i| i.title.clone()),
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

/// The route for an article JSON (absolute): the shorter `?article=` URL
/// when its slug leads back to it (by the brand's rule, else by the feed),
/// else `?src=`.
fn route_for_json(
    json: &str,
    feed: &FeedState,
    brand: &Brand,
    resolve: &dyn Fn(&str) -> String,
) -> Route {
    let by_rule = crate::feed::slug_of(json).filter(|slug| {
        brand
            .article_json(slug)
            .is_some_and(|rule| resolve(&rule) == json)
    });
    let by_feed = || match feed {
        FeedState::Loaded(f) if brand.article.is_none() => f.by_json(json).map(|i| i.slug.clone()),
        _ => None,
    };
    by_rule
        .or_else(by_feed)
        .map_or_else(|| Route::Source(json.to_owned()), Route::Article)
}

/// The tab title: the article's (as the widget or the feed knows it) with
/// the publication's `site` name, or the name alone.
fn tab_title(view: &View, shown: Option<&str>, lang: Lang, site: &str) -> String {
    let words = reader_labels(lang);
    let title = match view {
        View::Article { title, .. } => shown.or(title.as_deref()),
        _ => None,
    };
    title.map_or_else(
        || site.to_owned(),
        |t| {
            words
                .tab_article
                .replace("{site}", site)
                .replace("{title}", t)
        },
    )
}

/// The reader app.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let theme = use_state(|| props.query.theme);
    let lang = use_state(|| props.query.lang);
    let route = use_route(props.query.route.clone());
    let worker = use_worker();
    let brand = &props.brand;
    // The home list needs the feed; an article page needs it only to look a
    // slug up when the brand has no rule for it.
    let feed_wanted = match &*route {
        Route::Home => true,
        Route::Article(_) => brand.article.is_none(),
        Route::Source(_) => false,
    };
    let feed = use_feed(
        worker.online.clone(),
        AttrValue::from(brand.feed.clone()),
        feed_wanted,
    );
    // The title of the article the widget shows, from its `aw-loaded`.
    let shown = use_state(|| None::<String>);

    let resolve = |url: &str| absolute_url(url);
    let view = view_of(&route, &feed, brand, &resolve);
    let article_json = match &view {
        View::Article { json, .. } => Some(json.clone()),
        _ => None,
    };
    let cached = use_cached(article_json.clone(), *worker.online, worker.saved_rev);

    let default_lang = Lang::from_tag(brand.language());
    let ui_lang = lang.unwrap_or(default_lang);
    {
        let title = tab_title(&view, shown.as_deref(), ui_lang, &brand.name);
        use_effect_with(title, |title| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(title);
            }
        });
    }

    let words = reader_labels(ui_lang);
    let keep: Vec<(&str, String)> = vec![
        ("lang", lang.map(|l| l.tag().to_owned()).unwrap_or_default()),
        (
            "theme",
            if *theme == Theme::Auto {
                String::new()
            } else {
                theme.name().to_owned()
            },
        ),
    ];
    let path = nav::page_path();
    let href = {
        let (path, keep) = (path.clone(), keep.clone());
        move |r: &Route| {
            let keep_ref: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (*k, v.as_str())).collect();
            r.href(&path, &keep_ref)
        }
    };
    let navigate = {
        let (route, shown, href) = (route.clone(), shown.clone(), href.clone());
        Callback::from(move |target: Route| {
            nav::push(&href(&target));
            shown.set(None);
            route.set(target);
        })
    };
    // Links into the reader, anywhere in the page's shell, are routed in place.
    let latest_navigate = use_mut_ref(|| navigate.clone());
    *latest_navigate.borrow_mut() = navigate.clone();
    {
        let shell = props.frame.shell.clone();
        use_effect_with((), move |()| {
            let listener = page::on_click(&shell, move |e| {
                if let Some(target) = nav::clicked_route(e) {
                    e.prevent_default();
                    let navigate = latest_navigate.borrow().clone();
                    navigate.emit(target);
                }
            });
            move || drop(listener)
        });
    }
    {
        let shell = props.frame.shell.clone();
        use_effect_with(*theme, move |theme| page::set_theme(&shell, theme.name()));
    }
    // A widget the page's script made for an address the reader reads
    // otherwise (no article) goes.
    {
        let main = props.frame.main.clone();
        let article = matches!(view, View::Article { .. });
        use_effect_with(article, move |article| {
            if !*article {
                page::remove_widget(&main);
            }
        });
    }
    let ontheme = {
        let theme = theme.clone();
        Callback::from(move |t: Theme| theme.set(t))
    };
    let onlang = {
        let lang = lang.clone();
        Callback::from(move |l: Option<Lang>| lang.set(l))
    };
    let onupdate = {
        let worker = worker.clone();
        Callback::from(move |_: MouseEvent| worker.apply_update())
    };

    let main = match &view {
        View::Home => {
            let hrefs = match &feed {
                FeedState::Loaded(f) => f
                    .items
                    .iter()
                    .map(|i| href(&route_for_json(&i.json, &feed, brand, &resolve)))
                    .collect(),
                _ => Vec::new(),
            };
            let saved = worker.available().then(|| {
                Rc::new(
                    worker
                        .saved
                        .iter()
                        .map(|s| {
                            let route =
                                route_for_json(&absolute_url(&s.url), &feed, brand, &resolve);
                            (s.title.clone(), href(&route))
                        })
                        .collect::<Vec<_>>(),
                )
            });
            let social = Rc::new(brand.social.clone());
            html! { <Home feed={feed.clone()} hrefs={Rc::new(hrefs)} {saved} lang={ui_lang} {social} /> }
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
            let save_title = shown
                .as_ref()
                .or(title.as_ref())
                .cloned()
                .unwrap_or_else(|| json.clone());
            let save = SaveControlsProps {
                available: worker.available(),
                saved: worker.saved.iter().any(|s| s.url == *json),
                status: *worker.save_status,
                lang: ui_lang,
                onsave: {
                    let (worker, url) = (worker.clone(), json.clone());
                    Callback::from(move |()| worker.save(url.clone(), save_title.clone()))
                },
                onunsave: {
                    let (worker, url) = (worker.clone(), json.clone());
                    Callback::from(move |()| worker.unsave(url.clone()))
                },
            };
            let onload = {
                let shown = shown.clone();
                Callback::from(move |loaded: Loaded| shown.set(Some(loaded.title)))
            };
            let onnavigate = {
                let (navigate, feed, brand) = (navigate.clone(), feed.clone(), Rc::clone(brand));
                Callback::from(move |n: Navigation| match n.src {
                    Some(src) => navigate.emit(route_for_json(
                        &absolute_url(&src),
                        &feed,
                        &brand,
                        &|url: &str| absolute_url(url),
                    )),
                    // Nothing to show in place: the publisher's page, in a new tab.
                    None => {
                        if let Some(w) = web_sys::window() {
                            let _ = w.open_with_url_and_target(&n.url, "_blank");
                        }
                    }
                })
            };
            html! {
                <ArticleScreen json={json.clone()} main={props.frame.main.clone()}
                    home={href(&Route::Home)} lang={*lang}
                    theme={*theme} timeout={props.query.timeout}
                    unavailable_offline={!*worker.online && cached == Some(false)}
                    {save} {onload} {onnavigate} />
            }
        }
    };

    html! {
        <>
            <ReaderBar name={AttrValue::from(brand.name.clone())} {default_lang} home={href(&Route::Home)}
                theme={*theme} lang={*lang} {ontheme} {onlang} />
            if worker.update_ready {
                <div class="aw-update" role="status">
                    <span>{ words.update_ready }</span>
                    <button type="button" class="aw-update-reload" onclick={onupdate}>{ words.update_reload }</button>
                </div>
            }
            if !*worker.online {
                <p class="aw-offline-indicator" role="status">{ words.offline }</p>
            }
            { create_portal(main, props.frame.view.clone()) }
        </>
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

    /// The demo publication's brand as `index.html` holds it, with or
    /// without its rule for a slug's JSON.
    fn demo_brand(rule: bool) -> Brand {
        let html = include_str!("../index.html");
        let json = html
            .split("id=\"aw-reader-brand\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        let Ok(brand) = brand::parse(json) else {
            panic!("index.html's brand");
        };
        assert!(
            brand.article.is_some(),
            "index.html's brand names its articles"
        );
        Brand {
            article: brand.article.filter(|_| rule),
            ..brand
        }
    }

    /// Resolves against the page `http://h/`.
    fn resolve(url: &str) -> String {
        if url.contains("://") {
            url.to_owned()
        } else {
            format!("http://h/{url}")
        }
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
        let json = format!("http://h/demo/articles/{slug}.json");
        let title = "Quận ủy Lê Chân: Tổng kết 10 năm thực hiện Nghị quyết Trung ương 8 khóa XI về Chiến lược bảo vệ Tổ quốc trong tình hình mới";
        let failed = FeedState::Failed(FeedLoadError::Status(404));
        for rule in [false, true] {
            let brand = demo_brand(rule);
            let view = |route: &Route, feed: &FeedState| view_of(route, feed, &brand, &resolve);
            assert_eq!(
                view(&Route::Article(slug.into()), &loaded),
                View::Article {
                    json: json.clone(),
                    title: Some(title.into())
                }
            );
            assert_eq!(view(&Route::Home, &FeedState::Loading), View::Home);
            // The feed tells the shorter link of its articles, with or without the rule.
            assert_eq!(
                route_for_json(&json, &loaded, &brand, &resolve),
                Route::Article(slug.into())
            );
            assert_eq!(
                route_for_json("http://h/elsewhere/x.json", &loaded, &brand, &resolve),
                Route::Source("http://h/elsewhere/x.json".into())
            );
        }
        // Without the rule, a slug waits for the feed, which may not know it.
        let brand = demo_brand(false);
        let view = |route: &Route, feed: &FeedState| view_of(route, feed, &brand, &resolve);
        assert_eq!(view(&Route::Article("nope".into()), &loaded), View::Unknown);
        assert_eq!(
            view(&Route::Article(slug.into()), &FeedState::Loading),
            View::Waiting
        );
        assert!(matches!(
            view(&Route::Article(slug.into()), &failed),
            View::FeedFailed(_)
        ));
        // With it, the article is named at once, whatever the feed is doing.
        let brand = demo_brand(true);
        for feed in [&FeedState::Loading, &failed] {
            assert_eq!(
                view_of(&Route::Article(slug.into()), feed, &brand, &resolve),
                View::Article {
                    json: json.clone(),
                    title: None
                }
            );
            assert_eq!(
                route_for_json(&json, feed, &brand, &resolve),
                Route::Article(slug.into())
            );
        }
    }
}
