//! article-widget: a news article widget in Rust + Yew, compiled to WebAssembly.
//!
//! The crate is a library (used by the reader binary, the embed engine and
//! the tests) with pure modules that never touch the browser —
//! [`model`], [`validate`], [`url`], [`datetime`], [`i18n`], [`load`],
//! [`config`], and [`markup`], the one description of the article page —
//! and, with the `ui` feature, the Yew side: [`widget`] (the
//! `<article-widget>` element for Yew apps) and the [`reader`].

// Without `ui` the crate is the embed engine's core and needs only `alloc`:
// no `std`, so the engine can drop the standard library's panic machinery
// (see `engine/` and `docs/performance.md`).
#![cfg_attr(not(any(feature = "ui", test)), no_std)]

extern crate alloc;

pub mod brand;
#[cfg(feature = "ui")]
pub mod browser;
pub mod config;
pub mod datetime;
pub mod decimal;
pub mod embed;
#[cfg(feature = "ui")]
pub mod feed;
pub mod i18n;
pub mod json;
pub mod load;
pub mod markup;
pub mod model;
pub mod prelude;
pub mod qr;
#[cfg(feature = "ui")]
pub mod reader;
pub mod retry;
pub mod route;
pub mod share;
pub mod text_size;
pub mod url;
pub mod validate;
#[cfg(feature = "ui")]
pub mod widget;

pub use config::{Theme, WidgetConfig};
pub use load::ArticleSource;
#[cfg(feature = "ui")]
pub use widget::ArticleWidget;
