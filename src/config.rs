//! Per-widget configuration: what one `<article-widget>` was asked for.
//!
//! Several widgets can live on one page and share one wasm instance, so
//! nothing here is global: each widget's state holds its own.

use crate::i18n::Lang;
use crate::prelude::*;
use crate::share::{Network, DEFAULT_NETWORKS};

/// Colour theme of one widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
    /// Dark brown on warm paper.
    Sepia,
}

impl Theme {
    /// Parses a theme name (`auto`, `light`, `dark`, `sepia`); unknown names give `Auto`.
    pub fn from_name(name: &str) -> Theme {
        match name.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            "sepia" => Theme::Sepia,
            _ => Theme::Auto,
        }
    }

    /// The name used in the `data-theme` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Sepia => "sepia",
        }
    }
}

/// Configuration of one widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetConfig {
    /// UI language override; `None` follows the article's language.
    pub lang: Option<Lang>,
    /// Colour theme.
    pub theme: Theme,
    /// Share targets, in display order.
    pub networks: Vec<Network>,
    /// Heading level of the article title: 1 where the article is the page
    /// (the reader, the iframe mode), 2 inside a host page (embeds).
    pub heading_level: u8,
    /// Hosts (`host` or `host:port`) whose pages the widget may frame as
    /// generic video players; `YouTube`, `Vimeo` and `Facebook` need no entry.
    pub video_hosts: Vec<String>,
}

impl Default for WidgetConfig {
    fn default() -> Self {
        Self {
            lang: None,
            theme: Theme::Auto,
            networks: DEFAULT_NETWORKS.to_vec(),
            heading_level: 1,
            video_hosts: Vec::new(),
        }
    }
}

impl WidgetConfig {
    /// The UI language for an article written in `article_lang`.
    pub fn ui_lang(&self, article_lang: &str) -> Lang {
        self.lang.unwrap_or_else(|| Lang::from_tag(article_lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_and_language() {
        assert_eq!(Theme::from_name("Dark"), Theme::Dark);
        assert_eq!(Theme::from_name("nonsense"), Theme::Auto);
        let c = WidgetConfig::default();
        assert_eq!(c.ui_lang("vi-VN"), Lang::Vi);
        let c = WidgetConfig {
            lang: Some(Lang::En),
            ..WidgetConfig::default()
        };
        assert_eq!(c.ui_lang("vi"), Lang::En);
    }
}
