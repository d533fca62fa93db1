//! The embed's pure core: what partner pages run through `embed/embed.js`
//! and the wasm engine in `engine/`.
//!
//! The embed does not use Yew: Yew alone is about 42 KB brotli, close to the
//! embed's whole budget. Instead [`options`] turns what a page passes
//! (`<article-widget>` attributes or the JS `mount(element, options)` object)
//! into a [`WidgetConfig`](crate::config::WidgetConfig); [`page`] keeps one
//! widget's checked article and hands out its markup (built by
//! [`crate::markup`], the one description of the article page);
//! and [`css`] builds the stylesheet every widget's shadow root adopts
//! (written to `dist/embed/v1/widget.css` at build time). `embed/embed.js`
//! owns the DOM: it inserts the markup, appends body chunks, makes QR codes
//! when idle and handles clicks.
//!
//! Nothing here is global per widget: each widget has its own [`page::Page`]
//! in the engine and its own shadow root. The only state shared across
//! widgets is the wasm instance and the parsed stylesheet (read-only).

pub mod css;
pub mod options;
pub mod page;
pub mod prerender;
pub mod shared;

pub use options::{EmbedOptions, RawOptions};
