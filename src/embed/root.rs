//! The root component of one embedded widget: its configuration context
//! around one [`ArticleView`].

use yew::prelude::*;

use crate::components::ArticleView;
use crate::config::WidgetConfig;
use crate::load::ArticleSource;

/// Props of [`EmbedRoot`]; replaced wholesale by `Widget.update`.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EmbedRootProps {
    /// Where the article comes from.
    pub source: ArticleSource,
    /// This widget's configuration.
    pub config: WidgetConfig,
}

/// One widget: [`WidgetConfig`] as context, then the article.
#[component]
pub fn EmbedRoot(props: &EmbedRootProps) -> Html {
    html! {
        <ContextProvider<WidgetConfig> context={props.config.clone()}>
            <ArticleView source={props.source.clone()} />
        </ContextProvider<WidgetConfig>>
    }
}
