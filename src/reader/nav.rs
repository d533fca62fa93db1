//! The reader's History API plumbing: reading the route from the address bar,
//! pushing a new entry, hearing back/forward, and telling which clicked links
//! are routes inside the reader. The decisions themselves are pure
//! ([`crate::route`]); this module only talks to the browser.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlAnchorElement, MouseEvent};

use super::pwa::Listener;
use crate::route::{internal_route, Route};

/// The route in the address bar now.
pub fn current_route() -> Route {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Route::from_query(&search)
}

/// The document's path (e.g. `/` or `/tin-tuc/index.html`), kept in every
/// route URL so the reader works under any sub-path.
pub fn page_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

/// Adds a history entry for `href` (same document) and scrolls to the top.
pub fn push(href: &str) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(href));
        }
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Calls `f` with the new route after back/forward navigation.
pub fn on_popstate(f: impl Fn(Route) + 'static) -> Option<Listener> {
    let window = web_sys::window()?;
    Some(Listener::new(&window, "popstate", move |_| {
        f(current_route());
    }))
}

/// The reader route of a plain left click on a link into this document, if
/// any. Clicks with a modifier, on links opening elsewhere (`target`,
/// `download`) or to other pages are left to the browser.
pub fn clicked_route(e: &MouseEvent) -> Option<Route> {
    if e.default_prevented()
        || e.button() != 0
        || e.ctrl_key()
        || e.meta_key()
        || e.shift_key()
        || e.alt_key()
    {
        return None;
    }
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let anchor = target
        .closest("a[href]")
        .ok()
        .flatten()?
        .dyn_into::<HtmlAnchorElement>()
        .ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let page = web_sys::window()?.location().href().ok()?;
    internal_route(&anchor.href(), &page)
}
