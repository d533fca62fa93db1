//! The reader's page frame as `index.html` lays it out, and the article's
//! widget in it.
//!
//! ```html
//! <div class="aw-reader-shell" id="aw-reader">        theme, link clicks
//!   <div id="app" class="aw-reader-top">…</div>      the top bar (Yew's root)
//!   <main class="aw-reader" id="aw-reader-main">
//!     <div id="aw-reader-view">…</div>               the view (a Yew portal)
//!     <article-widget …>                             the article, if any
//! ```
//!
//! An article's page gets its `<article-widget>` from `index.html`'s script
//! while the page is parsed, so the embed renders the article while the
//! reader's wasm is still loading. The reader then keeps that element
//! ([`use_page_widget`]): it only sets the attributes that differ from what
//! it wants (none, on a normal load: no second load, no second render) and
//! listens to its events. Later articles reuse the element (a new `src`) or
//! get a new one; the home list removes it.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};
use yew::prelude::*;

use crate::browser::Listener;
use crate::widget::{attributes, listen, loaded, ArticleWidgetProps};

/// The element that carries the theme and hears link clicks.
pub const SHELL_ID: &str = "aw-reader";
/// The `<main>` that holds the view and the article.
pub const MAIN_ID: &str = "aw-reader-main";
/// The view's container (home list, notices, the article's controls).
pub const VIEW_ID: &str = "aw-reader-view";
/// The tag of the widget element.
const WIDGET: &str = "article-widget";
/// The element's property where `index.html`'s script keeps the `detail` of
/// an `aw-loaded` that came before the reader listened.
const LOADED_PROPERTY: &str = "awLoaded";

/// The frame's elements.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The shell ([`SHELL_ID`]).
    pub shell: Element,
    /// The main element ([`MAIN_ID`]).
    pub main: Element,
    /// The view's container ([`VIEW_ID`]).
    pub view: Element,
}

fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The page's frame, completed after `root` where the page lacks it (a page
/// other than `index.html`).
pub fn frame(root: &Element) -> Option<Frame> {
    let doc = document()?;
    // The element `id` of the page, or a new `tag` of `class` that `place`
    // puts into the page.
    let element = |tag: &str, id: &str, class: &str, place: &dyn Fn(&Element) -> bool| {
        if let Some(found) = doc.get_element_by_id(id) {
            return Some(found);
        }
        let el = doc.create_element(tag).ok()?;
        el.set_id(id);
        if !class.is_empty() {
            el.set_class_name(class);
        }
        place(&el).then_some(el)
    };
    let shell = element("div", SHELL_ID, "aw-reader-shell", &|el| {
        root.after_with_node_1(el).is_ok()
    })?;
    let main = element("main", MAIN_ID, "aw-reader", &|el| {
        shell.append_with_node_1(el).is_ok()
    })?;
    let view = element("div", VIEW_ID, "", &|el| {
        main.prepend_with_node_1(el).is_ok()
    })?;
    Some(Frame { shell, main, view })
}

/// Removes an article widget the page holds (when the reader shows no
/// article: a route the page's script read otherwise).
pub fn remove_widget(main: &Element) {
    if let Ok(Some(widget)) = main.query_selector(WIDGET) {
        widget.remove();
    }
}

/// Sets `attributes` on `widget`: only those that differ, so that an element
/// that already has them is left as it is (the widget reloads or re-renders
/// on every change).
fn sync_attributes(widget: &Element, attributes: &[(&'static str, Option<String>)]) {
    for (name, value) in attributes {
        match value {
            Some(v) if widget.get_attribute(name).as_deref() != Some(v.as_str()) => {
                let _ = widget.set_attribute(name, v);
            }
            None if widget.has_attribute(name) => {
                let _ = widget.remove_attribute(name);
            }
            _ => {}
        }
    }
}

/// The widget in `main`: the page's own if it has one, else a new one
/// appended to it.
fn widget_in(main: &Element) -> Option<Element> {
    if let Ok(Some(widget)) = main.query_selector(WIDGET) {
        return Some(widget);
    }
    let widget = document()?.create_element(WIDGET).ok()?;
    main.append_with_node_1(&widget).ok()?;
    Some(widget)
}

/// Shows the article of `props` in the frame's `main` with the page's
/// widget element (see the module's documentation), while the calling
/// component is mounted; removes it when it unmounts.
#[hook]
pub fn use_page_widget(main: Element, props: ArticleWidgetProps) {
    let widget = use_mut_ref(|| None::<Element>);
    {
        let widget = std::rc::Rc::clone(&widget);
        use_effect_with(props, move |props| {
            let mut held = widget.borrow_mut();
            if held.is_none() {
                *held = widget_in(&main);
                // An article shown before the reader listened: say so now.
                if let Some(el) = held.as_ref() {
                    let key = JsValue::from_str(LOADED_PROPERTY);
                    let detail = Reflect::get(el, &key).unwrap_or(JsValue::UNDEFINED);
                    if detail.is_object() {
                        let _ = Reflect::delete_property(el, &key);
                        if props.src.as_deref() == el.get_attribute("src").as_deref() {
                            props.onload.emit(loaded(&detail));
                        }
                    }
                }
            }
            let listeners: Vec<Listener> = match held.as_ref() {
                Some(el) => {
                    sync_attributes(el, &attributes(props));
                    listen(el, props)
                }
                None => Vec::new(),
            };
            move || drop(listeners)
        });
    }
    use_effect_with((), move |()| {
        move || {
            if let Some(el) = widget.borrow_mut().take() {
                el.remove();
            }
        }
    });
}

/// Sets the shell's theme (`data-theme`, which the page's style reads).
pub fn set_theme(shell: &Element, name: &str) {
    if shell.get_attribute("data-theme").as_deref() != Some(name) {
        let _ = shell.set_attribute("data-theme", name);
    }
}

/// Calls `f` for every click in the shell, until dropped.
pub fn on_click(shell: &Element, f: impl Fn(&web_sys::MouseEvent) + 'static) -> Listener {
    Listener::new(shell, "click", move |e| {
        if let Ok(e) = e.dyn_into::<web_sys::MouseEvent>() {
            f(&e);
        }
    })
}
