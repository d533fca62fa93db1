//! The wasm-bindgen exports: `mountWidget(element, options)` and the `Widget`
//! handle (`update`, `unmount`). Used by `embed/embed.js`, which wraps them
//! in the `<article-widget>` element and its own `mount`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use super::css::{stylesheet, CONTAINER_CLASS};
use super::options::RawOptions;
use super::root::{EmbedRoot, EmbedRootProps};

thread_local! {
    /// The one parsed stylesheet every widget's shadow root adopts: parsed
    /// once per page, shared read-only.
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

fn shared_sheet() -> Result<CssStyleSheet, JsValue> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(&stylesheet())?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

/// One mounted widget. Call `unmount()` (or `free()`) when done.
#[wasm_bindgen]
pub struct Widget {
    app: Option<AppHandle<EmbedRoot>>,
    container: Element,
}

#[wasm_bindgen]
impl Widget {
    /// Replaces the widget's options (same shape as for `mount`). A new
    /// `src`/`json` loads the new article and aborts the old request.
    pub fn update(&mut self, options: &JsValue) {
        if let Some(app) = self.app.as_mut() {
            app.update(props(options));
        }
    }

    /// Destroys the Yew app (aborting an in-flight fetch) and removes the
    /// widget's content from the shadow root. Idempotent.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.container.remove();
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Renders a widget into `element`'s open shadow root (attached if the
/// element has none yet), with the widget stylesheet adopted.
///
/// `options` is an object with optional string fields `src`, `json` (a
/// string, or an object that is serialised), `base`, `lang`, `theme`,
/// `share` (a string or an array of names) and `heading`.
///
/// # Errors
///
/// When the element cannot host a shadow root (e.g. an `<img>`), or the
/// browser lacks constructable stylesheets.
/// Exported as `mountWidget` (the loader's own `mount` wraps it).
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount(element: &Element, options: &JsValue) -> Result<Widget, JsValue> {
    let root = match element.shadow_root() {
        Some(root) => root,
        None => element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    adopt(&root, &shared_sheet()?);
    let document = element
        .owner_document()
        .ok_or_else(|| JsValue::from_str("article-widget: element has no document"))?;
    let container = document.create_element("div")?;
    container.set_class_name(CONTAINER_CLASS);
    root.append_child(&container)?;
    let app =
        yew::Renderer::<EmbedRoot>::with_root_and_props(container.clone(), props(options)).render();
    Ok(Widget {
        app: Some(app),
        container,
    })
}

/// Appends `sheet` to the root's adopted sheets, keeping any the loader put
/// there (its space reservation), once.
fn adopt(root: &ShadowRoot, sheet: &CssStyleSheet) {
    let sheets = root.adopted_style_sheets();
    if !sheets.includes(sheet, 0) {
        sheets.push(sheet);
        root.set_adopted_style_sheets(&sheets);
    }
}

fn props(options: &JsValue) -> EmbedRootProps {
    let resolved = raw_options(options).resolve();
    if !resolved.unknown_networks.is_empty() {
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "article-widget: unknown share networks skipped: {}",
            resolved.unknown_networks.join(", ")
        )));
    }
    EmbedRootProps {
        source: resolved.source,
        config: resolved.config,
    }
}

/// Reads the options object; anything missing or of the wrong type is `None`.
fn raw_options(options: &JsValue) -> RawOptions {
    let field = |name: &str| -> Option<JsValue> {
        if !options.is_object() {
            return None;
        }
        js_sys::Reflect::get(options, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let text = |name: &str| field(name).and_then(|v| v.as_string());
    let json = field("json").and_then(|v| {
        v.as_string()
            .or_else(|| js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()))
    });
    let share = field("share").and_then(|v| {
        v.as_string().or_else(|| {
            v.dyn_ref::<js_sys::Array>()
                .map(|a| String::from(a.join(",")))
        })
    });
    let heading = field("heading").and_then(|v| {
        v.as_string().or_else(|| {
            v.as_f64()
                .map(|n| if (n - 1.0).abs() < 0.5 { "1" } else { "2" }.to_owned())
        })
    });
    RawOptions {
        src: text("src"),
        json,
        base: text("base"),
        lang: text("lang"),
        theme: text("theme"),
        share,
        heading,
    }
}
