//! Embed options: from the strings a page gives (element attributes or the
//! fields of the JS options object) to what one widget shows and how.
//!
//! Pure and native-tested. Unknown values never fail: an unknown theme is
//! `auto`, an unknown language follows the article, unknown share networks
//! are skipped (and reported back so the loader can warn in the console).

use crate::config::{Theme, WidgetConfig};
use crate::i18n::Lang;
use crate::load::ArticleSource;
use crate::prelude::*;
use crate::share::{parse_networks, DEFAULT_NETWORKS};

/// The options exactly as given: every field optional, all strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawOptions {
    /// URL of the article JSON (`src` attribute / option).
    pub src: Option<String>,
    /// Article JSON given directly; wins over `src` when non-empty.
    pub json: Option<String>,
    /// Base URL for relative references in inline JSON (defaults to `src`).
    pub base: Option<String>,
    /// UI language: `vi`, `en`, or `auto`/empty to follow the article.
    pub lang: Option<String>,
    /// `auto`, `light`, `dark` or `sepia`.
    pub theme: Option<String>,
    /// Share networks in order, e.g. `facebook,zalo,copy`; empty for none.
    pub share: Option<String>,
    /// Title heading level, `1` or `2` (the default inside a host page).
    pub heading: Option<String>,
    /// Hosts whose pages may be framed as generic video players, comma- or
    /// space-separated (`video-hosts` attribute): see [`video_hosts`]. Only
    /// with the `rich` feature, which brings videos.
    #[cfg(feature = "rich")]
    pub video_hosts: Option<String>,
}

/// The allowed video hosts in a `video-hosts` list: each entry a host or
/// `host:port` (`player.example.org`, `127.0.0.1:8081`), compared without
/// regard to case; a scheme or path around it is an error of the page, so
/// such an entry (anything but letters, digits, `.`, `-`, `:`, `[`, `]`)
/// is skipped rather than guessed at.
#[cfg(feature = "rich")]
pub fn video_hosts(list: &str) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for entry in list
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let host_chars = entry
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        let entry = entry.to_ascii_lowercase();
        if host_chars && !hosts.contains(&entry) {
            hosts.push(entry);
        }
    }
    hosts
}

/// What one widget shows and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// Where the article comes from.
    pub source: ArticleSource,
    /// The widget's configuration.
    pub config: WidgetConfig,
    /// Share network names that were not recognised (skipped).
    pub unknown_networks: Vec<String>,
}

impl RawOptions {
    /// Resolves the options. Nothing fails: see the module docs.
    pub fn resolve(&self) -> EmbedOptions {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let src = given(&self.src);
        let source = match self.json.as_deref().filter(|j| !j.trim().is_empty()) {
            Some(json) => ArticleSource::Inline {
                json: json.to_owned(),
                base: given(&self.base).or_else(|| src.clone()),
            },
            None => ArticleSource::Url(src.unwrap_or_default()),
        };
        let lang = given(&self.lang)
            .filter(|l| !l.eq_ignore_ascii_case("auto"))
            .map(|l| Lang::from_tag(&l));
        let theme = given(&self.theme).map_or(Theme::Auto, |t| Theme::from_name(&t));
        let (networks, unknown_networks) = match &self.share {
            None => (DEFAULT_NETWORKS.to_vec(), Vec::new()),
            Some(list) => parse_networks(list),
        };
        let heading_level = if given(&self.heading).as_deref() == Some("1") {
            1
        } else {
            2
        };
        EmbedOptions {
            source,
            config: WidgetConfig {
                lang,
                theme,
                networks,
                heading_level,
                #[cfg(feature = "rich")]
                video_hosts: self
                    .video_hosts
                    .as_deref()
                    .map(video_hosts)
                    .unwrap_or_default(),
                #[cfg(not(feature = "rich"))]
                video_hosts: Vec::new(),
            },
            unknown_networks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::Network;

    fn raw(pairs: &[(&str, &str)]) -> RawOptions {
        let mut r = RawOptions::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "src" => r.src = v,
                "json" => r.json = v,
                "base" => r.base = v,
                "lang" => r.lang = v,
                "theme" => r.theme = v,
                "share" => r.share = v,
                "heading" => r.heading = v,
                #[cfg(feature = "rich")]
                "video-hosts" => r.video_hosts = v,
                _ => panic!("unknown option {k}"),
            }
        }
        r
    }

    #[test]
    fn defaults_for_an_element_with_only_src() {
        let o = raw(&[("src", " https://news.example/a.json ")]).resolve();
        assert_eq!(
            o.source,
            ArticleSource::Url("https://news.example/a.json".into())
        );
        assert_eq!(o.config.lang, None);
        assert_eq!(o.config.theme, Theme::Auto);
        assert_eq!(o.config.networks, DEFAULT_NETWORKS.to_vec());
        assert_eq!(o.config.heading_level, 2);
        assert!(o.unknown_networks.is_empty());
    }

    #[test]
    fn no_src_gives_an_empty_url_which_the_view_reports() {
        assert_eq!(
            RawOptions::default().resolve().source,
            ArticleSource::Url(String::new())
        );
        assert_eq!(
            raw(&[("src", "  ")]).resolve().source,
            ArticleSource::Url(String::new())
        );
    }

    #[test]
    fn inline_json_wins_and_takes_src_as_base() {
        let o = raw(&[("src", "https://a.example/x.json"), ("json", "{}")]).resolve();
        assert_eq!(
            o.source,
            ArticleSource::Inline {
                json: "{}".into(),
                base: Some("https://a.example/x.json".into())
            }
        );
        let o = raw(&[("json", "{}"), ("base", "https://b.example/")]).resolve();
        assert_eq!(
            o.source,
            ArticleSource::Inline {
                json: "{}".into(),
                base: Some("https://b.example/".into())
            }
        );
        let o = raw(&[("json", " "), ("src", "a.json")]).resolve();
        assert_eq!(o.source, ArticleSource::Url("a.json".into()));
    }

    #[test]
    fn language_theme_and_heading() {
        let o = raw(&[("lang", "en"), ("theme", "DARK"), ("heading", "1")]).resolve();
        assert_eq!(o.config.lang, Some(Lang::En));
        assert_eq!(o.config.theme, Theme::Dark);
        assert_eq!(o.config.heading_level, 1);
        let o = raw(&[("lang", "vi-VN"), ("theme", "purple"), ("heading", "7")]).resolve();
        assert_eq!(o.config.lang, Some(Lang::Vi));
        assert_eq!(o.config.theme, Theme::Auto);
        assert_eq!(o.config.heading_level, 2);
        for auto in ["auto", "AUTO", ""] {
            assert_eq!(raw(&[("lang", auto)]).resolve().config.lang, None);
        }
    }

    #[test]
    fn share_list_keeps_order_and_reports_unknown_names() {
        let o = raw(&[("share", "zalo, facebook,myspace,copy")]).resolve();
        assert_eq!(
            o.config.networks,
            vec![Network::Zalo, Network::Facebook, Network::Copy]
        );
        assert_eq!(o.unknown_networks, vec!["myspace".to_owned()]);
        assert!(raw(&[("share", "")]).resolve().config.networks.is_empty());
    }

    #[cfg(feature = "rich")]
    #[test]
    fn video_hosts_are_hosts_in_lower_case_once() {
        let o = raw(&[(
            "video-hosts",
            "Player.Example.org, 127.0.0.1:8081 https://x.example/ player.example.org,,[::1]:9",
        )])
        .resolve();
        assert_eq!(
            o.config.video_hosts,
            ["player.example.org", "127.0.0.1:8081", "[::1]:9"]
        );
        assert!(RawOptions::default()
            .resolve()
            .config
            .video_hosts
            .is_empty());
    }
}
