//! Thin, panic-free wrappers over the browser APIs the components use:
//! `localStorage`, printing, the clipboard, the Web Share API, downloads and
//! drawing a QR code to a PNG through a canvas.
//!
//! Every function degrades quietly (returns `false`/`None`/an error value)
//! when an API is missing or refuses — storage disabled in a sandboxed
//! iframe, no clipboard permission, no `navigator.share` on desktop — so a
//! partner page never loses its widgets to an exception.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::qr::QrCode;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Reads a value from `localStorage`, if storage is available.
pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Writes a value to `localStorage`; returns whether it was stored.
pub fn storage_set(key: &str, value: &str) -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

fn navigator_has(name: &str) -> bool {
    window().is_some_and(|w| {
        js_sys::Reflect::has(&w.navigator(), &JsValue::from_str(name)).unwrap_or(false)
    })
}

/// Whether the browser offers a native share sheet (`navigator.share`).
pub fn has_native_share() -> bool {
    navigator_has("share")
}

/// Opens the native share sheet. Returns `Ok(false)` when the reader
/// cancelled, `Err` with a reason when sharing failed.
///
/// # Errors
///
/// A short description of why the browser refused.
pub async fn native_share(url: &str, title: &str) -> Result<bool, String> {
    let w = window().ok_or("no window")?;
    let data = web_sys::ShareData::new();
    data.set_url(url);
    data.set_title(title);
    match JsFuture::from(w.navigator().share_with_data(&data)).await {
        Ok(_) => Ok(true),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if name == "AbortError" {
                Ok(false)
            } else {
                Err(if name.is_empty() {
                    "share failed".to_owned()
                } else {
                    name
                })
            }
        }
    }
}

/// Copies `text` to the clipboard; returns whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    if !navigator_has("clipboard") {
        return false;
    }
    let promise = w.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Starts a download of `href` (a `data:` URL) saved as `filename`.
pub fn download(href: &str, filename: &str) -> bool {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(a) = doc
        .create_element("a")
        .map(JsCast::unchecked_into::<web_sys::HtmlAnchorElement>)
    else {
        return false;
    };
    a.set_href(href);
    a.set_download(filename);
    a.click();
    true
}

/// Draws `code` on a canvas, `scale` pixels per module, quiet zone included,
/// and returns it as a `data:image/png` URL.
pub fn qr_png_data_url(code: &QrCode, scale: usize) -> Option<String> {
    let doc = window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let side = code.size_with_quiet_zone() * scale;
    let side_u32 = u32::try_from(side).ok()?;
    canvas.set_width(side_u32);
    canvas.set_height(side_u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(side_u32), f64::from(side_u32));
    ctx.set_fill_style_str("#000000");
    let s = f64::from(u32::try_from(scale).ok()?);
    let quiet = crate::qr::QUIET_ZONE;
    for y in 0..code.width() {
        for x in 0..code.width() {
            if code.is_dark(x, y) {
                let px = f64::from(u32::try_from(x + quiet).ok()?) * s;
                let py = f64::from(u32::try_from(y + quiet).ok()?) * s;
                ctx.fill_rect(px, py, s, s);
            }
        }
    }
    canvas.to_data_url_with_type("image/png").ok()
}

// ---------------------------------------------------------------------------
// Last good copies and retry helpers (robustness; see `crate::offline_cache`)
// ---------------------------------------------------------------------------

/// Removes a value from `localStorage`; returns whether storage answered.
pub fn storage_remove(key: &str) -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.remove_item(key).is_ok())
}

/// Now, as RFC 3339 in the reader's own UTC offset (e.g.
/// `2026-11-25T19:15:00+07:00`), so a saved copy can say when it was saved
/// in the reader's local time.
pub fn local_now_rfc3339() -> String {
    let d = js_sys::Date::new_0();
    // getTimezoneOffset is minutes *behind* UTC: -420 for UTC+07:00.
    #[allow(clippy::cast_possible_truncation)]
    let offset = -(d.get_timezone_offset() as i32);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        abs / 60,
        abs % 60
    )
}

/// A random number in `[0, 1)` for retry jitter.
pub fn random_unit() -> f64 {
    js_sys::Math::random()
}

/// Keeps `json` as the last good copy of the article requested from `url`
/// (`base`: the final URL after redirects). Returns whether it was stored;
/// too large a copy, disabled storage or a full quota only mean no copy.
pub fn offline_save(url: &str, base: &str, json: &str) -> bool {
    use crate::offline_cache::{entry_key, Entry, Index, INDEX_KEY};
    let mut index = Index::parse(storage_get(INDEX_KEY).as_deref());
    let entry = Entry {
        url: url.to_owned(),
        base: base.to_owned(),
        saved: local_now_rfc3339(),
        bytes: json.len(),
    };
    let Ok(evicted) = index.admit(entry) else {
        return false;
    };
    for old in evicted {
        storage_remove(&entry_key(&old));
    }
    // The page's own data may fill the quota: make room from our oldest copies.
    while !storage_set(&entry_key(url), json) {
        let Some(old) = index.pop_oldest() else {
            index.remove(url);
            storage_set(INDEX_KEY, &index.to_json());
            return false;
        };
        storage_remove(&entry_key(&old));
    }
    storage_set(INDEX_KEY, &index.to_json())
}

/// The last good copy of the article requested from `url`, if one is kept:
/// its index entry and the raw JSON (to be validated again by the caller).
pub fn offline_load(url: &str) -> Option<(crate::offline_cache::Entry, String)> {
    use crate::offline_cache::{entry_key, Index, INDEX_KEY};
    let index = Index::parse(storage_get(INDEX_KEY).as_deref());
    let entry = index.get(url)?.clone();
    let json = storage_get(&entry_key(url))?;
    Some((entry, json))
}

/// A callback waiting for the browser to be idle; dropping it cancels it.
pub struct Idle {
    handle: u32,
    native: bool,
    _closure: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for Idle {
    fn drop(&mut self) {
        if let Some(w) = window() {
            if self.native {
                w.cancel_idle_callback(self.handle);
            } else {
                w.clear_timeout_with_handle(i32::try_from(self.handle).unwrap_or(0));
            }
        }
    }
}

/// Runs `f` once the page is idle (`requestIdleCallback`, at the latest
/// `timeout_ms` later), or in the next task where that API is missing
/// (Safari). Work that can wait (QR codes) then never delays the rendering
/// of other widgets on the same page.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) -> Option<Idle> {
    let w = window()?;
    let closure = wasm_bindgen::closure::Closure::once(f);
    let function: &js_sys::Function = closure.as_ref().unchecked_ref();
    let native =
        js_sys::Reflect::has(&w, &JsValue::from_str("requestIdleCallback")).unwrap_or(false);
    let handle = if native {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(timeout_ms);
        w.request_idle_callback_with_options(function, &options)
            .ok()?
    } else {
        u32::try_from(
            w.set_timeout_with_callback_and_timeout_and_arguments_0(function, 0)
                .ok()?,
        )
        .ok()?
    };
    Some(Idle {
        handle,
        native,
        _closure: closure,
    })
}
