//! The reader's top bar: the publication's name (a link home, underlined in
//! its colour) and the theme and language pickers.

use yew::prelude::*;

use crate::config::Theme;
use crate::i18n::Lang;

/// Props of [`ReaderBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ReaderBarProps {
    /// The publication's name.
    pub name: AttrValue,
    /// The UI language when none is picked (the publication's main one).
    pub default_lang: Lang,
    /// The reader URL of the home list.
    pub home: AttrValue,
    /// The theme picked.
    pub theme: Theme,
    /// The language picked (`None`: follow the article).
    pub lang: Option<Lang>,
    /// A theme was picked.
    pub ontheme: Callback<Theme>,
    /// A language was picked.
    pub onlang: Callback<Option<Lang>>,
}

/// The brand and the pickers.
#[component]
pub fn ReaderBar(props: &ReaderBarProps) -> Html {
    let ui = props.lang.unwrap_or(props.default_lang).labels();
    let selected = |e: &Event| {
        e.target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
    };
    let ontheme = {
        let ontheme = props.ontheme.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = selected(&e) {
                ontheme.emit(Theme::from_name(&v));
            }
        })
    };
    let onlang = {
        let onlang = props.onlang.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = selected(&e) {
                onlang.emit((!v.is_empty()).then(|| Lang::from_tag(&v)));
            }
        })
    };
    let themes = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];
    html! {
        <header class="aw-reader-bar">
            <a class="aw-reader-brand" href={props.home.clone()}>{ props.name.clone() }</a>
            <label>
                { ui.theme }
                <select onchange={ontheme}>
                    { for themes.iter().enumerate().map(|(i, t)| html! {
                        <option value={t.name()} selected={*t == props.theme}>{ ui.theme_names[i] }</option>
                    }) }
                </select>
            </label>
            <label>
                { ui.language }
                <select onchange={onlang}>
                    <option value="" selected={props.lang.is_none()}>{ ui.language_auto }</option>
                    // Each language is named in itself, whatever the UI language.
                    <option value="vi" selected={props.lang == Some(Lang::Vi)}>{ "Tiếng Việt" }</option>
                    <option value="en" selected={props.lang == Some(Lang::En)}>{ "English" }</option>
                </select>
            </label>
        </header>
    }
}
