//! The reader's long-lived browser state as Yew hooks: the service worker
//! (updates, saved articles, network reports), whether the network answers,
//! the feed, and back/forward navigation.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::feed_fetch::{fetch_feed, FeedLoadError};
use super::nav;
use super::protocol::{FromWorker, ToWorker};
use super::pwa::{self, Hooks, Listener, Registration, SavedEntry};
use crate::feed::Feed;
use crate::route::Route;

/// The feed's loading state.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedState {
    /// Not in yet.
    Loading,
    /// The checked feed.
    Loaded(Rc<Feed>),
    /// Why there is no feed.
    Failed(FeedLoadError),
}

/// Where a "save for offline" request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing under way.
    Idle,
    /// The worker is saving.
    Saving,
    /// The last save failed.
    Failed,
}

/// A counter that only goes up: bumping it re-runs the effects that read the caches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Revision(u32);

impl Reducible for Revision {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Revision(self.0.wrapping_add(1)))
    }
}

/// The page's service worker as the reader sees it.
#[derive(Clone)]
pub struct Worker {
    /// The registration, `None` where the browser has no service workers
    /// (and until it is made, just after the first render).
    pub registration: Rc<RefCell<Option<Registration>>>,
    /// Whether the browser has service workers, known from the start so
    /// that the first render already shows the right controls.
    pub has_worker: bool,
    /// Whether the network answers (the browser's word, a probe, and what
    /// the worker reports).
    pub online: UseStateHandle<bool>,
    /// A new version is installed and waiting.
    pub update_ready: bool,
    /// The articles saved for offline reading.
    pub saved: Rc<Vec<SavedEntry>>,
    /// Bumped whenever the saved articles change.
    pub saved_rev: Revision,
    /// The latest save request.
    pub save_status: UseStateHandle<SaveStatus>,
}

impl Worker {
    /// Whether the browser can keep articles for offline reading.
    pub fn available(&self) -> bool {
        self.has_worker
    }

    /// Asks the worker to save the article at `url` (titled `title`).
    pub fn save(&self, url: String, title: String) {
        if let Some(reg) = self.registration.borrow().as_ref() {
            self.save_status.set(SaveStatus::Saving);
            reg.send(ToWorker::Save { url, title });
        }
    }

    /// Asks the worker to forget the saved article at `url`.
    pub fn unsave(&self, url: String) {
        if let Some(reg) = self.registration.borrow().as_ref() {
            reg.send(ToWorker::Unsave { url });
        }
    }

    /// Lets the waiting version take over (the page reloads once).
    pub fn apply_update(&self) {
        if let Some(reg) = self.registration.borrow().as_ref() {
            reg.apply_update();
        }
    }
}

/// Registers the worker, follows the network and the saved list.
#[hook]
pub fn use_worker() -> Worker {
    let registration = use_mut_ref(|| None::<Registration>);
    let has_worker = *use_state(|| pwa::container().is_some());
    let online = use_state(pwa::navigator_online);
    let update_ready = use_state(|| false);
    let saved = use_state(|| Rc::new(Vec::<SavedEntry>::new()));
    let saved_rev = use_reducer(Revision::default);
    let save_status = use_state(|| SaveStatus::Idle);

    {
        let (online, update_ready, saved_rev, save_status, registration) = (
            online.clone(),
            update_ready.clone(),
            saved_rev.dispatcher(),
            save_status.clone(),
            Rc::clone(&registration),
        );
        use_effect_with((), move |()| {
            // Nothing of this is needed for the page's first paint: each part
            // runs in a task of its own after the first render, so that its
            // code (compiled when first run) does not lengthen that render's
            // task or one another's.
            let listeners: Rc<RefCell<Vec<Listener>>> = Rc::default();
            let later = {
                let (registration, listeners) = (Rc::clone(&registration), Rc::clone(&listeners));
                let heard = online.clone();
                [
                    Timeout::new(0, move || {
                        let hooks = Hooks {
                            on_message: {
                                let online = heard;
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
                        *registration.borrow_mut() = pwa::register(&hooks);
                    }),
                    Timeout::new(0, move || {
                        if let Some(window) = web_sys::window() {
                            let up = online.clone();
                            let down = online.clone();
                            listeners.borrow_mut().extend([
                                Listener::new(&window, "online", move |_| up.set(true)),
                                Listener::new(&window, "offline", move |_| down.set(false)),
                            ]);
                        }
                        spawn_local(async move { online.set(pwa::probe_online().await) });
                    }),
                ]
            };
            move || {
                drop(later);
                listeners.borrow_mut().clear();
                registration.borrow_mut().take();
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
            // After the first render, in a task of its own (see above).
            let later = Timeout::new(0, move || {
                spawn_local(async move { saved.set(Rc::new(pwa::saved_entries().await)) });
            });
            move || drop(later)
        });
    }

    Worker {
        registration,
        has_worker,
        online,
        update_ready: *update_ready,
        saved: Rc::clone(&saved),
        saved_rev: *saved_rev,
        save_status,
    }
}

/// Fetches the feed at `url` once it is `wanted` (the home list, or a slug
/// the brand has no rule for), then keeps it; a network failure also tells
/// `online`. An article page of a brand with a rule never waits for it, so
/// its download and check stay off the page's first seconds.
#[hook]
pub fn use_feed(online: UseStateHandle<bool>, url: AttrValue, wanted: bool) -> FeedState {
    let feed = use_state(|| FeedState::Loading);
    let asked = use_mut_ref(|| None::<AttrValue>);
    {
        let feed = feed.clone();
        use_effect_with((url, wanted), move |(url, wanted)| {
            if *wanted && asked.borrow().as_ref() != Some(url) {
                *asked.borrow_mut() = Some(url.clone());
                let url = url.clone();
                // In a task of its own (once asked, it runs: the feed is
                // kept): this code is compiled only on the pages that want
                // the feed, not on an article's.
                Timeout::new(0, move || {
                    spawn_local(async move {
                        match fetch_feed(&url).await {
                            Ok(parsed) => feed.set(FeedState::Loaded(Rc::new(parsed.feed))),
                            Err(e) => {
                                if matches!(e, FeedLoadError::Network(_)) {
                                    online.set(false);
                                }
                                feed.set(FeedState::Failed(e));
                            }
                        }
                    });
                })
                .forget();
            }
        });
    }
    (*feed).clone()
}

/// The route, following back/forward.
#[hook]
pub fn use_route(first: Route) -> UseStateHandle<Route> {
    let route = use_state(|| first);
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = nav::on_popstate(move |r| route.set(r));
            move || drop(listener)
        });
    }
    route
}

/// Whether the article at `json` can be read offline (`None` while asking
/// or with no article), asked again when the network or the saved list
/// changes.
#[hook]
pub fn use_cached(json: Option<String>, online: bool, saved_rev: Revision) -> Option<bool> {
    let cached = use_state(|| None::<bool>);
    {
        let cached = cached.clone();
        use_effect_with((json, online, saved_rev), move |(json, _, _)| {
            cached.set(None);
            // After the render that asked, in a task of its own.
            let later = json.clone().map(|json| {
                Timeout::new(0, move || {
                    spawn_local(async move { cached.set(pwa::is_cached(&json).await) });
                })
            });
            move || drop(later)
        });
    }
    *cached
}
