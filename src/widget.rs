//! [`ArticleWidget`]: the `<article-widget>` element for Yew apps.
//!
//! A thin wrapper over the same custom element partner pages use: props
//! become the element's attributes, the element's `CustomEvent`s become
//! callbacks with plain Rust values, and nothing of the article is rendered
//! here. The element itself comes from the embed's loader, which the page
//! loads once (`<script type="module" src="…/embed/v1/embed.js">`); the
//! article page is then exactly the one partners get, markup and behaviour.
//! The reader shows its articles through it.

use std::fmt::Write as _;
use std::hash::{Hash as _, Hasher as _};

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, Element, Event};
use yew::prelude::*;

use crate::browser::Listener;
use crate::config::Theme;
use crate::embed::shared::event;
use crate::i18n::Lang;
use crate::share::Network;

/// An article shown (`aw-loaded`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The article's title.
    pub title: String,
    /// The article's canonical URL.
    pub url: String,
    /// Where its JSON came from (`None` for an inline article).
    pub src: Option<String>,
    /// When the article shown is the widget's last good copy (the latest
    /// load failed, see [`Failed`]): when that copy was saved (RFC 3339).
    pub saved: Option<String>,
}

/// What kind of failure a load met (`aw-failed`'s `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The request could not be made or was cut off.
    Network,
    /// No answer within the time limit.
    Timeout,
    /// An HTTP error status.
    Status,
    /// The answer was not JSON.
    NotJson,
    /// The document is larger than the widget reads.
    TooLarge,
    /// The document is not a valid article.
    Invalid,
    /// No article was named.
    NoSource,
    /// The widget's engine could not be loaded.
    Engine,
}

impl FailureKind {
    /// The kind for the event's word for it (unknown words are `Network`,
    /// the failure a page can least do anything about).
    pub fn from_name(name: &str) -> FailureKind {
        match name {
            "timeout" => FailureKind::Timeout,
            "status" => FailureKind::Status,
            "type" => FailureKind::NotJson,
            "too-large" => FailureKind::TooLarge,
            "invalid" => FailureKind::Invalid,
            "none" => FailureKind::NoSource,
            "engine" => FailureKind::Engine,
            _ => FailureKind::Network,
        }
    }
}

/// A failed load (`aw-failed`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    /// What went wrong.
    pub kind: FailureKind,
    /// The HTTP status, for [`FailureKind::Status`].
    pub status: Option<u16>,
    /// Seconds to the automatic retry, or `None` when the widget waits for
    /// the reader's button.
    pub retry_in: Option<u32>,
}

/// A share tool used (`aw-share`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The network (`None` for a name this build does not know).
    pub network: Option<Network>,
    /// The URL shared.
    pub url: String,
}

/// A related article followed (`aw-navigate`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Navigation {
    /// The related article's page.
    pub url: String,
    /// Its JSON, when the article names one (then it can be shown in place).
    pub src: Option<String>,
}

/// Props of [`ArticleWidget`].
#[derive(Clone, PartialEq, Properties)]
pub struct ArticleWidgetProps {
    /// URL of the article JSON.
    #[prop_or_default]
    pub src: Option<AttrValue>,
    /// The article JSON itself (wins over `src`); its relative URLs resolve
    /// against the page.
    #[prop_or_default]
    pub article: Option<AttrValue>,
    /// Language of the widget's own words; `None` follows the article.
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// Colour theme.
    #[prop_or_default]
    pub theme: Theme,
    /// Share tools in order; `None` for the default list.
    #[prop_or_default]
    pub share: Option<Vec<Network>>,
    /// Heading level of the title: 1 where the article is the page, 2
    /// inside a page.
    #[prop_or(2)]
    pub heading: u8,
    /// Time limit of one fetch in seconds (1–60); `None` for the default.
    #[prop_or_default]
    pub timeout: Option<u32>,
    /// Whether the widget keeps the last good copy of the article in the
    /// browser and shows it when a later load fails for a while.
    #[prop_or(true)]
    pub keep_copy: bool,
    /// Hosts (`host` or `host:port`) whose pages the widget may frame as
    /// generic video players; `None` for none.
    #[prop_or_default]
    pub video_hosts: Option<Vec<String>>,
    /// An article is shown.
    #[prop_or_default]
    pub onload: Callback<Loaded>,
    /// A load failed.
    #[prop_or_default]
    pub onerror: Callback<Failed>,
    /// The reader used a share tool.
    #[prop_or_default]
    pub onshare: Callback<Shared>,
    /// The reader followed a related article. When set, the link is not
    /// followed: the app shows the article (in place, or wherever it likes).
    #[prop_or_default]
    pub onnavigate: Option<Callback<Navigation>>,
    /// The reader changed the text size (the new size in per cent).
    #[prop_or_default]
    pub ontextsize: Callback<u32>,
}

/// Field `name` of an event's `detail`.
fn field(detail: &JsValue, name: &str) -> JsValue {
    Reflect::get(detail, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A string field, `None` when absent or not a string.
fn text(detail: &JsValue, name: &str) -> Option<String> {
    field(detail, name).as_string()
}

/// A whole-number field, `None` when absent or not a number in range.
fn number<T: TryFrom<i64>>(detail: &JsValue, name: &str) -> Option<T> {
    let n = field(detail, name).as_f64()?;
    if n.fract() != 0.0 || !n.is_finite() {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    T::try_from(n as i64).ok()
}

/// The `detail` of a `CustomEvent` (undefined for any other event).
fn detail(e: &Event) -> JsValue {
    e.dyn_ref::<CustomEvent>()
        .map_or(JsValue::UNDEFINED, CustomEvent::detail)
}

/// What `aw-loaded` says, from the event's `detail`.
pub fn loaded(d: &JsValue) -> Loaded {
    Loaded {
        title: text(d, "title").unwrap_or_default(),
        url: text(d, "url").unwrap_or_default(),
        src: text(d, "src"),
        saved: text(d, "saved"),
    }
}

/// What `aw-failed` says.
fn failed(d: &JsValue) -> Failed {
    Failed {
        kind: FailureKind::from_name(&text(d, "kind").unwrap_or_default()),
        status: number(d, "status"),
        retry_in: number(d, "retryIn"),
    }
}

/// The element's attribute values for `props`, `None` for those left out
/// (the widget's defaults, such as the automatic theme).
pub fn attributes(props: &ArticleWidgetProps) -> [(&'static str, Option<String>); 8] {
    let share = props.share.as_ref().map(|networks| {
        let mut list = String::new();
        for (i, n) in networks.iter().enumerate() {
            let _ = write!(list, "{}{}", if i > 0 { "," } else { "" }, n.name());
        }
        list
    });
    [
        (
            "src",
            props
                .src
                .as_ref()
                .filter(|_| props.article.is_none())
                .map(ToString::to_string),
        ),
        ("lang", props.lang.map(|l| l.tag().to_owned())),
        (
            "theme",
            (props.theme != Theme::Auto).then(|| props.theme.name().to_owned()),
        ),
        ("share", share),
        ("heading", Some(props.heading.to_string())),
        ("timeout", props.timeout.map(|t| t.to_string())),
        ("keep-copy", (!props.keep_copy).then(|| "off".to_owned())),
        (
            "video-hosts",
            props.video_hosts.as_ref().map(|hosts| hosts.join(",")),
        ),
    ]
}

/// Listens to the widget `target`'s events for `props`' callbacks, until
/// the listeners are dropped.
pub fn listen(target: &Element, props: &ArticleWidgetProps) -> Vec<Listener> {
    let mut listeners = Vec::new();
    let on = |kind: &'static str, f: Box<dyn Fn(&Event)>| {
        Listener::new(target, kind, move |e: JsValue| {
            if let Ok(e) = e.dyn_into::<Event>() {
                f(&e);
            }
        })
    };
    let onload = props.onload.clone();
    listeners.push(on(
        event::LOADED,
        Box::new(move |e| onload.emit(loaded(&detail(e)))),
    ));
    let onerror = props.onerror.clone();
    listeners.push(on(
        event::FAILED,
        Box::new(move |e| onerror.emit(failed(&detail(e)))),
    ));
    let onshare = props.onshare.clone();
    listeners.push(on(
        event::SHARE,
        Box::new(move |e| {
            let d = detail(e);
            onshare.emit(Shared {
                network: text(&d, "network").and_then(|n| Network::from_name(&n)),
                url: text(&d, "url").unwrap_or_default(),
            });
        }),
    ));
    let ontextsize = props.ontextsize.clone();
    listeners.push(on(
        event::TEXT_SIZE,
        Box::new(move |e| {
            if let Some(percent) = number(&detail(e), "percent") {
                ontextsize.emit(percent);
            }
        }),
    ));
    if let Some(onnavigate) = props.onnavigate.clone() {
        listeners.push(on(
            event::NAVIGATE,
            Box::new(move |e| {
                let d = detail(e);
                e.prevent_default();
                onnavigate.emit(Navigation {
                    url: text(&d, "url").unwrap_or_default(),
                    src: text(&d, "src"),
                });
            }),
        ));
    }
    listeners
}

/// `<article-widget>` with `props` as its attributes and its events as the
/// `on*` callbacks. The page must load the embed's `embed.js` once; until it
/// has, the element stays empty.
#[component]
pub fn ArticleWidget(props: &ArticleWidgetProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let props = props.clone();
        use_effect_with(props.clone(), move |_| {
            let listeners = node
                .cast::<Element>()
                .map(|target| listen(&target, &props))
                .unwrap_or_default();
            move || drop(listeners)
        });
    }
    let attrs = attributes(props);
    let value = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.clone())
            .map(AttrValue::from)
    };
    // The loader reads inline JSON when the element connects: a new article
    // is a new element.
    let key = props.article.as_ref().map_or_else(String::new, |json| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        json.hash(&mut hasher);
        hasher.finish().to_string()
    });
    html! {
        <article-widget ref={node} key={key}
            src={value("src")} lang={value("lang")} theme={value("theme")}
            share={value("share")} heading={value("heading")} timeout={value("timeout")}
            keep-copy={value("keep-copy")} video-hosts={value("video-hosts")}>
            if let Some(json) = &props.article {
                <script type="application/json">{ json.clone() }</script>
            }
        </article-widget>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn props_become_attributes() {
        let props = ArticleWidgetProps {
            src: Some("a.json".into()),
            article: None,
            lang: Some(Lang::En),
            theme: Theme::Dark,
            share: Some(vec![Network::Facebook, Network::Copy]),
            heading: 1,
            timeout: Some(5),
            keep_copy: false,
            video_hosts: Some(vec!["player.example".into(), "127.0.0.1:8081".into()]),
            onload: Callback::noop(),
            onerror: Callback::noop(),
            onshare: Callback::noop(),
            onnavigate: None,
            ontextsize: Callback::noop(),
        };
        let attrs = attributes(&props);
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| v.clone())
        };
        assert_eq!(get("src").as_deref(), Some("a.json"));
        assert_eq!(get("lang").as_deref(), Some("en"));
        assert_eq!(get("theme").as_deref(), Some("dark"));
        assert_eq!(get("share").as_deref(), Some("facebook,copy"));
        assert_eq!(get("heading").as_deref(), Some("1"));
        assert_eq!(get("timeout").as_deref(), Some("5"));
        assert_eq!(get("keep-copy").as_deref(), Some("off"));
        assert_eq!(
            get("video-hosts").as_deref(),
            Some("player.example,127.0.0.1:8081")
        );
        let inline = ArticleWidgetProps {
            article: Some("{}".into()),
            share: None,
            lang: None,
            keep_copy: true,
            video_hosts: None,
            ..props
        };
        let attrs = attributes(&inline);
        let left_out: Vec<&str> = attrs
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(
            left_out,
            ["src", "lang", "share", "keep-copy", "video-hosts"],
            "inline JSON wins over src"
        );
    }

    #[test]
    fn failure_kinds_follow_the_event_words() {
        for (word, kind) in [
            ("network", FailureKind::Network),
            ("timeout", FailureKind::Timeout),
            ("status", FailureKind::Status),
            ("type", FailureKind::NotJson),
            ("too-large", FailureKind::TooLarge),
            ("invalid", FailureKind::Invalid),
            ("none", FailureKind::NoSource),
            ("engine", FailureKind::Engine),
            ("something new", FailureKind::Network),
        ] {
            assert_eq!(FailureKind::from_name(word), kind, "{word}");
        }
    }
}
