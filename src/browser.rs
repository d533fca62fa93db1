//! The few browser calls the crate's Yew code makes outside the reader's
//! own modules: resolving a URL against the page, and event listeners that
//! go away with their guard.
//!
//! Nothing here throws into Rust: a missing API gives the input back or
//! does nothing.

use wasm_bindgen::{JsCast, JsValue};

/// Resolves `src` against the page URL (so relative references in an
/// article resolve against an absolute base, and one article has one key).
pub fn absolute_url(src: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|base| web_sys::Url::new_with_base(src, &base).ok())
        .map_or_else(|| src.to_owned(), |u| u.href())
}

/// An event listener that is removed when this guard is dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    closure: wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>,
}

impl Listener {
    /// Listens for `kind` events on `target`.
    pub fn new(
        target: &web_sys::EventTarget,
        kind: &'static str,
        f: impl FnMut(JsValue) + 'static,
    ) -> Self {
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(f);
        let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        Self {
            target: target.clone(),
            kind,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}
