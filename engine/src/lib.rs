//! The embed's WebAssembly: article-widget's pure core (validation, markup,
//! i18n, QR codes, sharing) behind a few string-in, string-out exports.
//!
//! There is no Yew and no `web-sys` here: `embed/embed.js` owns the DOM. It
//! fetches the article, hands the bytes to [`Widget::new`], inserts the HTML
//! strings this module returns into the widget's shadow root and calls back
//! for the next body chunk, the QR codes (when the page is idle), the text
//! size and the share status. Everything shown is built by
//! `article_widget::markup`, which escapes every piece of article data and
//! is tested to produce the same markup as the reader's Yew components.
//!
//! Keeping the embed to this surface is what makes it small: the wasm and
//! its glue are a fraction of the Yew reader's (see `docs/performance.md`).
//!
//! It is built twice (`cargo xtask build`): the base engine, without the
//! crate's `rich` feature, which every page fetches at once, and the rich
//! engine (feature `rich`), which the loader fetches only for an article
//! with lists, tables, videos, galleries, pull quotes, separators, rich text
//! runs or responsive photos. The rich engine has one more export,
//! [`Widget::video_player`]; the other exports are the same in both.

#![cfg_attr(all(feature = "bare", target_arch = "wasm32"), no_std)]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;

use article_widget::embed::page::{text_size_step, Page};
use article_widget::embed::RawOptions;
use article_widget::load::{parse_retry_after, LoadError};
use article_widget::text_size::TextSize;
use wasm_bindgen::prelude::wasm_bindgen;

/// The heap of the shipped build: `lol_alloc`'s free-list allocator (it merges
/// neighbouring free blocks) instead of the standard library's dlmalloc,
/// about 6 KB of code smaller. `cargo xtask bench` shows the same wasm memory
/// and longest task as dlmalloc for the demo and the 1 MB article. The wasm
/// runs on the page's main thread only, which `AssumeSingleThreaded` needs.
#[cfg(all(feature = "bare", target_arch = "wasm32"))]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: the module is instantiated without shared memory or threads, so the
// allocator is never entered from two threads.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// What a panic does in the shipped build: trap at once. No message is kept
/// or formatted (which is what lets the build leave out `core::fmt`'s panic
/// paths); the loader catches the trap as an exception and shows the
/// widget's error box, and other widgets on the page keep working.
#[cfg(all(feature = "bare", target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// One widget's article (or why there is none) and configuration.
#[wasm_bindgen]
pub struct Widget {
    page: Page,
    unknown_networks: String,
}

/// The options a page gives, as the loader passes them (`undefined` for
/// absent ones). The base engine shows no videos, so it leaves the allowed
/// video hosts out.
fn options(
    lang: Option<String>,
    theme: Option<String>,
    share: Option<String>,
    heading: Option<String>,
    video_hosts: Option<String>,
) -> (article_widget::WidgetConfig, String) {
    #[cfg(not(feature = "rich"))]
    let _ = video_hosts;
    let resolved = RawOptions {
        lang,
        theme,
        share,
        heading,
        #[cfg(feature = "rich")]
        video_hosts,
        ..RawOptions::default()
    }
    .resolve();
    let unknown = article_widget::share::join(&resolved.unknown_networks, ", ");
    (resolved.config, unknown)
}

#[wasm_bindgen]
impl Widget {
    /// Parses and checks an article document. `ids` is the widget's unique
    /// id prefix (e.g. `aw3`); `base` resolves relative URLs. (The rich
    /// engine's takes the allowed video hosts too.)
    #[cfg(not(feature = "rich"))]
    #[wasm_bindgen(constructor)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen passes owned strings
    pub fn new(
        bytes: &[u8],
        base: Option<String>,
        ids: &str,
        lang: Option<String>,
        theme: Option<String>,
        share: Option<String>,
        heading: Option<String>,
    ) -> Widget {
        let (config, unknown_networks) = options(lang, theme, share, heading, None);
        Widget {
            page: Page::from_bytes(bytes, base.as_deref(), config, ids),
            unknown_networks,
        }
    }

    /// Parses and checks an article document. `ids` is the widget's unique
    /// id prefix (e.g. `aw3`); `base` resolves relative URLs;
    /// `video_hosts` lists the hosts whose pages may be framed as video
    /// players (the `video-hosts` attribute).
    #[cfg(feature = "rich")]
    #[wasm_bindgen(constructor)]
    #[allow(clippy::needless_pass_by_value, clippy::too_many_arguments)] // wasm-bindgen passes owned strings
    pub fn new(
        bytes: &[u8],
        base: Option<String>,
        ids: &str,
        lang: Option<String>,
        theme: Option<String>,
        share: Option<String>,
        heading: Option<String>,
        video_hosts: Option<String>,
    ) -> Widget {
        let (config, unknown_networks) = options(lang, theme, share, heading, video_hosts);
        Widget {
            page: Page::from_bytes(bytes, base.as_deref(), config, ids),
            unknown_networks,
        }
    }

    /// A widget whose article could not be fetched; `kind`, `code`,
    /// `detail` and the `Retry-After` header describe why (see
    /// `LoadError::from_report`).
    #[allow(clippy::too_many_arguments)]
    pub fn failed(
        kind: &str,
        code: u32,
        detail: &str,
        retry_after: Option<String>,
        ids: &str,
        lang: Option<String>,
        theme: Option<String>,
        share: Option<String>,
        heading: Option<String>,
    ) -> Widget {
        let (config, unknown_networks) = options(lang, theme, share, heading, None);
        let retry_after = retry_after.as_deref().and_then(parse_retry_after);
        let error = LoadError::from_report(kind, code, detail, retry_after);
        Widget {
            page: Page::failed(error, config, ids),
            unknown_networks,
        }
    }

    /// Marks this article as the last good copy, saved at `saved` (RFC
    /// 3339), shown because the latest fetch failed as `kind`, `code`,
    /// `detail` and `retry_after` say (as for `failed`): `html` then puts the
    /// notice above it, and `retry_delay` follows that failure. False, and
    /// nothing changes, when the failure is not one the network may mend
    /// (a 404, say): then the error is shown, not the copy.
    pub fn kept(
        &mut self,
        saved: &str,
        kind: &str,
        code: u32,
        detail: &str,
        retry_after: Option<String>,
    ) -> bool {
        let retry_after = retry_after.as_deref().and_then(parse_retry_after);
        let error = LoadError::from_report(kind, code, detail, retry_after);
        self.page.keep_notice(error, saved)
    }

    /// New options for the same article; render again with `html`.
    #[cfg(not(feature = "rich"))]
    pub fn configure(
        &mut self,
        lang: Option<String>,
        theme: Option<String>,
        share: Option<String>,
        heading: Option<String>,
    ) {
        let (config, unknown) = options(lang, theme, share, heading, None);
        self.page.configure(config);
        self.unknown_networks = unknown;
    }

    /// New options (with the allowed video hosts) for the same article;
    /// render again with `html`.
    #[cfg(feature = "rich")]
    pub fn configure(
        &mut self,
        lang: Option<String>,
        theme: Option<String>,
        share: Option<String>,
        heading: Option<String>,
        video_hosts: Option<String>,
    ) {
        let (config, unknown) = options(lang, theme, share, heading, video_hosts);
        self.page.configure(config);
        self.unknown_networks = unknown;
    }

    /// Share network names that were not recognised, comma-separated.
    #[wasm_bindgen(getter)]
    pub fn unknown_networks(&self) -> String {
        self.unknown_networks.clone()
    }

    /// Whether an article (not an error) is shown.
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.page.parsed().is_some()
    }

    /// The article's canonical URL (empty without an article).
    #[wasm_bindgen(getter)]
    pub fn url(&self) -> String {
        self.page
            .parsed()
            .map(|p| p.article.url.clone())
            .unwrap_or_default()
    }

    /// The article's title (empty without an article).
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.page
            .parsed()
            .map(|p| p.article.title.clone())
            .unwrap_or_default()
    }

    /// The whole widget's markup with the first body chunk; `text_size` is
    /// the stored text size (or `undefined`), `countdown` the seconds
    /// until an automatic retry (0 for none).
    pub fn html(&mut self, text_size: Option<String>, countdown: u32) -> String {
        self.page
            .html(TextSize::from_storage(text_size.as_deref()), countdown)
    }

    /// The inside of the article's footer, which `html` leaves empty for a
    /// first paint without it.
    pub fn footer(&self) -> String {
        self.page.footer()
    }

    /// The next body chunk's markup, or `undefined` when the body is out.
    pub fn chunk(&mut self) -> Option<String> {
        self.page.next_chunk()
    }

    /// The fingerprint of the article at rest, compared with a prerendered
    /// widget's `data-fingerprint` (empty without an article).
    pub fn fingerprint(&self) -> String {
        self.page.fingerprint().unwrap_or_default()
    }

    /// The player `<iframe>` (and a link to the video's page) that replaces
    /// the facade of the video at body block `index` once the reader pressed
    /// play, or `undefined` when that block is no video the widget may frame.
    #[cfg(feature = "rich")]
    pub fn video_player(&self, index: usize) -> Option<String> {
        self.page.video_player(index)
    }

    /// How many QR codes the page shows (article first, then social pages).
    #[wasm_bindgen(getter)]
    pub fn qr_count(&self) -> usize {
        self.page.qr_specs().len()
    }

    /// Makes QR code `index` and returns the markup that replaces its
    /// pending box (empty for an unknown index).
    pub fn qr(&mut self, index: usize) -> String {
        self.page.qr_code_markup(index).unwrap_or_default()
    }

    /// The downloads paragraph of QR code `index` (after `qr`), or empty.
    pub fn qr_downloads(&self, index: usize) -> String {
        self.page.qr_downloads_markup(index).unwrap_or_default()
    }

    /// RGBA pixels of QR code `index` at `scale` pixels per module (after
    /// `qr`), square, for the PNG download; empty when there is no code.
    pub fn qr_rgba(&self, index: usize, scale: usize) -> Vec<u8> {
        self.page
            .qr_pixels(index, scale)
            .map(|(_, luma)| luma.iter().flat_map(|&v| [v, v, v, 255]).collect())
            .unwrap_or_default()
    }

    /// The stored form of the text size after `action` (`smaller`,
    /// `larger`, `reset`) from the stored `current`.
    pub fn text_size_step(current: Option<String>, action: &str) -> String {
        text_size_step(current.as_deref(), action).to_storage()
    }

    /// The CSS declaration (`name:value`) for the stored text size.
    pub fn text_size_style(current: Option<String>) -> String {
        TextSize::from_storage(current.as_deref()).style()
    }

    /// The text-size group's inner markup for the stored text size.
    pub fn text_size_group(&self, current: Option<String>) -> String {
        self.page
            .text_size_group(TextSize::from_storage(current.as_deref()))
    }

    /// The native share button's list item, or empty when not asked for.
    pub fn native_share_item(&self) -> String {
        self.page.native_share_item().unwrap_or_default()
    }

    /// Where the native share item goes in the share list (its index).
    #[wasm_bindgen(getter)]
    pub fn native_share_index(&self) -> usize {
        self.page.native_share_index()
    }

    /// The loading state's markup, shown while the article downloads.
    pub fn loading(lang: Option<String>, theme: Option<String>) -> String {
        let (config, _) = options(lang, theme, None, None, None);
        article_widget::markup::loading_widget(&config)
    }

    /// What the share section says after "copy link".
    pub fn copy_status(&self, copied: bool) -> String {
        self.page.copy_status(copied)
    }

    /// The countdown's words for `seconds` (plain text): the loader updates
    /// the shown countdown in place with them, so the error box is not
    /// inserted again every second.
    pub fn countdown_text(&self, seconds: u32) -> String {
        self.page.countdown_text(seconds)
    }

    /// Seconds before the next automatic retry, or -1 to wait for the
    /// reader's button. `jitter` is `Math.random()`.
    pub fn retry_delay(&self, retries_done: u32, jitter: f64) -> i32 {
        self.page
            .retry_delay(retries_done, jitter)
            .and_then(|s| i32::try_from(s).ok())
            .unwrap_or(-1)
    }
}
