//! The page side of the offline reader: registering `sw.js`, hearing about new
//! versions, talking to the worker, asking the Cache API what is kept, and
//! knowing whether the network answers.
//!
//! Every call here tolerates a browser without service workers or caches (it
//! then does nothing and says so through its return value), and nothing throws
//! into Rust: a missing API is checked before it is used.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    Cache, Response, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

use super::protocol::{FromWorker, ToWorker, SAVED_CACHE, TITLE_HEADER};
use crate::route::percent_decode;

pub use crate::browser::Listener;

/// The page's service-worker container, if the browser has one (it needs a
/// secure context: https or loopback).
pub fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has = Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| navigator.service_worker())
}

/// What the reader hears from the worker side.
#[derive(Clone)]
pub struct Hooks {
    /// A message from a worker.
    pub on_message: Rc<dyn Fn(FromWorker)>,
    /// A new version is installed and waiting.
    pub on_update: Rc<dyn Fn()>,
}

/// Keeps the worker listeners alive; dropping it removes them.
pub struct Registration {
    _listeners: Vec<Listener>,
    _message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    container: ServiceWorkerContainer,
    reload_requested: Rc<Cell<bool>>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.container.set_onmessage(None);
    }
}

impl Registration {
    /// Asks the waiting worker to take over; the page reloads once it has, so
    /// the new shell and the new wasm arrive together.
    pub fn apply_update(&self) {
        self.reload_requested.set(true);
        let container = self.container.clone();
        spawn_local(async move {
            match registration(&container).await.and_then(|r| r.waiting()) {
                Some(waiting) => post(&waiting, &ToWorker::SkipWaiting),
                // Nothing waiting any more (another tab took it over): reload.
                None => reload(),
            }
        });
    }

    /// Sends a message to the active worker.
    pub fn send(&self, message: ToWorker) {
        let container = self.container.clone();
        spawn_local(async move {
            let worker = match container.controller() {
                Some(worker) => Some(worker),
                None => registration(&container).await.and_then(|r| r.active()),
            };
            if let Some(worker) = worker {
                post(&worker, &message);
            }
        });
    }
}

/// Registers `sw.js` (resolved against the page, so the scope is the page's
/// directory and sub-path deployments work) and wires `hooks`. `None` when
/// the browser has no service workers.
pub fn register(hooks: &Hooks) -> Option<Registration> {
    let container = container()?;
    let reload_requested = Rc::new(Cell::new(false));
    let mut listeners = Vec::new();

    let on_message = Rc::clone(&hooks.on_message);
    let message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let text = js_sys::JSON::stringify(&e.data())
                .ok()
                .and_then(|s| s.as_string());
            if let Some(message) = text.as_deref().and_then(FromWorker::parse) {
                on_message(message);
            }
        });
    // Setting `onmessage` (not addEventListener) starts delivery of queued messages.
    container.set_onmessage(Some(message.as_ref().unchecked_ref()));

    {
        let reload_requested = Rc::clone(&reload_requested);
        listeners.push(Listener::new(&container, "controllerchange", move |_| {
            if reload_requested.get() {
                reload();
            }
        }));
    }

    let on_update = Rc::clone(&hooks.on_update);
    let c = container.clone();
    spawn_local(async move {
        let promise = c.register("sw.js");
        let Ok(reg) = JsFuture::from(promise).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_updates(&c, &reg, on_update);
        if let Ok(p) = reg.update() {
            let _ = JsFuture::from(p).await;
        }
    });

    Some(Registration {
        _listeners: listeners,
        _message: message,
        container,
        reload_requested,
    })
}

/// Calls `on_update` when a new worker is installed while an older one still
/// controls this page (a first install is not an update).
fn watch_updates(
    container: &ServiceWorkerContainer,
    reg: &ServiceWorkerRegistration,
    on_update: Rc<dyn Fn()>,
) {
    if reg.waiting().is_some() && container.controller().is_some() {
        on_update();
    }
    let container = container.clone();
    let reg2 = reg.clone();
    let found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg2.installing() else {
            return;
        };
        let container = container.clone();
        let on_update = Rc::clone(&on_update);
        let worker = installing.clone();
        let changed = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                on_update();
            }
        });
        installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
        // The worker object lives as long as the page; so may its handler.
        changed.forget();
    });
    reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
}

async fn registration(container: &ServiceWorkerContainer) -> Option<ServiceWorkerRegistration> {
    let reg = JsFuture::from(container.get_registration()).await.ok()?;
    reg.dyn_into::<ServiceWorkerRegistration>().ok()
}

fn post(worker: &ServiceWorker, message: &ToWorker) {
    if let Ok(value) = js_sys::JSON::parse(&message.to_json()) {
        let _ = worker.post_message(&value);
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Whether the browser says it is online (`navigator.onLine`; `true` when unknown).
pub fn navigator_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Asks the network (bypassing the worker, which only handles `GET`) whether
/// the site answers: a `HEAD` of the manifest.
pub async fn probe_online() -> bool {
    // Whole milliseconds: formatting a float would bring its code into the
    // page's start-up for nothing.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    let url = format!("manifest.webmanifest?probe={now}");
    RequestBuilder::new(&url)
        .method(Method::HEAD)
        .send()
        .await
        .is_ok()
}

/// Whether any cache of this origin holds `url` (so it can be read offline).
/// `None` when the Cache API is not available.
pub async fn is_cached(url: &str) -> Option<bool> {
    let caches = web_sys::window()?.caches().ok()?;
    let found = JsFuture::from(caches.match_with_str(url)).await.ok()?;
    Some(found.dyn_ref::<Response>().is_some())
}

/// One article kept for offline reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedEntry {
    /// Absolute URL of the article JSON.
    pub url: String,
    /// Its title, as given when it was saved.
    pub title: String,
}

/// The saved articles, read from the saved cache (images left out).
pub async fn saved_entries() -> Vec<SavedEntry> {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return Vec::new();
    };
    let Ok(cache) = JsFuture::from(caches.open(SAVED_CACHE)).await else {
        return Vec::new();
    };
    let Ok(cache) = cache.dyn_into::<Cache>() else {
        return Vec::new();
    };
    let Ok(keys) = JsFuture::from(cache.keys()).await else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for request in Array::from(&keys).iter() {
        let Ok(request) = request.dyn_into::<web_sys::Request>() else {
            continue;
        };
        let Ok(response) = JsFuture::from(cache.match_with_request(&request)).await else {
            continue;
        };
        let Ok(response) = response.dyn_into::<Response>() else {
            continue;
        };
        let title = response.headers().get(TITLE_HEADER).ok().flatten();
        if let Some(title) = title {
            out.push(SavedEntry {
                url: request.url(),
                title: percent_decode(&title),
            });
        }
    }
    out
}
