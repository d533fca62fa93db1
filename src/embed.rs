//! The embed entry: what partner pages load through `embed/embed.js`.
//!
//! The wasm side is small on purpose. [`options`] turns what a page passes
//! (`<article-widget>` attributes or the JS `mount(element, options)` object)
//! into an [`ArticleSource`](crate::load::ArticleSource) and a
//! [`WidgetConfig`](crate::config::WidgetConfig); [`css`] builds the one
//! stylesheet every widget's shadow root adopts; [`root`] is the Yew root
//! component of one widget; and, on wasm32 only, `mount` exports
//! `mount(element, options)` returning a `Widget` handle with `update` and
//! `unmount` to JavaScript.
//!
//! Nothing here is global per widget: each widget is its own Yew app with its
//! own state, rendered into its own shadow root. The only state shared across
//! widgets is the parsed stylesheet (read-only, built once per page).
//!
//! The reader ([`crate::reader`]) is not reachable from these exports, so the
//! link-time optimiser leaves it out of the embed's wasm.

pub mod css;
#[cfg(target_arch = "wasm32")]
pub mod mount;
pub mod options;
pub mod root;

pub use options::{EmbedOptions, RawOptions};
pub use root::{EmbedRoot, EmbedRootProps};
