//! The standalone reader page: one article, chosen by the `?src=` query
//! parameter (the demo article by default), with theme and language pickers.
//! `?theme=dark` and `?lang=en` preset them.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::ArticleView;
use crate::config::{Theme, WidgetConfig};
use crate::i18n::Lang;
use crate::load::ArticleSource;

/// The demo article shown when the page names none.
pub const DEMO_ARTICLE: &str = "demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// What the reader page was asked to show, from its query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderQuery {
    /// URL of the article JSON.
    pub src: String,
    /// Preset theme.
    pub theme: Theme,
    /// Preset UI language (`None` follows the article).
    pub lang: Option<Lang>,
}

impl ReaderQuery {
    /// Parses a query string such as `?src=a.json&theme=dark&lang=en`.
    pub fn parse(search: &str) -> Self {
        let param = |name: &str| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                .map(percent_decode)
                .filter(|s| !s.is_empty())
        };
        Self {
            src: param("src").unwrap_or_else(|| DEMO_ARTICLE.to_owned()),
            theme: param("theme").map_or(Theme::Auto, |t| Theme::from_name(&t)),
            lang: param("lang").map(|l| Lang::from_tag(&l)),
        }
    }
}

/// Props of [`Reader`].
#[derive(Clone, PartialEq, Properties)]
pub struct ReaderProps {
    /// What to show first.
    pub query: ReaderQuery,
}

/// The reader app: a page frame around one [`ArticleView`].
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let theme = use_state(|| props.query.theme);
    let lang = use_state(|| props.query.lang);
    let config = WidgetConfig {
        lang: *lang,
        theme: *theme,
        related_in_reader: true,
        ..WidgetConfig::default()
    };
    let ui = lang.unwrap_or(Lang::Vi).labels();
    let ontheme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                theme.set(Theme::from_name(&select.value()));
            }
        })
    };
    let onlang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let v = select.value();
                lang.set((!v.is_empty()).then(|| Lang::from_tag(&v)));
            }
        })
    };
    let themes = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];
    html! {
        <ContextProvider<WidgetConfig> context={config}>
            <div class="aw-reader-shell" data-theme={theme.name()}>
                <header class="aw-reader-bar">
                    <label>
                        { ui.theme }
                        <select onchange={ontheme}>
                            { for themes.iter().enumerate().map(|(i, t)| html! {
                                <option value={t.name()} selected={*t == *theme}>{ ui.theme_names[i] }</option>
                            }) }
                        </select>
                    </label>
                    <label>
                        { ui.language }
                        <select onchange={onlang}>
                            <option value="" selected={lang.is_none()}>{ ui.language_auto }</option>
                            <option value="vi" selected={*lang == Some(Lang::Vi)}>{ "Tiếng Việt" }</option>
                            <option value="en" selected={*lang == Some(Lang::En)}>{ "English" }</option>
                        </select>
                    </label>
                </header>
                <main class="aw-reader">
                    <ArticleView source={ArticleSource::Url(props.query.src.clone())} />
                </main>
            </div>
        </ContextProvider<WidgetConfig>>
    }
}

/// Decodes `%XX` escapes and `+` (as a space); invalid escapes stay as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parsing() {
        assert_eq!(ReaderQuery::parse("").src, DEMO_ARTICLE);
        assert_eq!(ReaderQuery::parse("?src=").src, DEMO_ARTICLE);
        assert_eq!(ReaderQuery::parse("?a=1&src=x%2Fy.json").src, "x/y.json");
        assert_eq!(ReaderQuery::parse("?src=%E1%BA%A1%zz%4").src, "ạ%zz%4");
        let q = ReaderQuery::parse("?theme=dark&lang=en&srcx=1");
        assert_eq!(
            (q.theme, q.lang, q.src.as_str()),
            (Theme::Dark, Some(Lang::En), DEMO_ARTICLE)
        );
    }
}
