//! A loaded article, laid out like the portal page: date line, title, lead,
//! body with figures, author and source.

use std::rc::Rc;

use yew::prelude::*;

use super::body::Body;
use super::byline::{Byline, SourceBlock};
use super::date_line::DateLine;
use super::status::Omitted;
use crate::config::WidgetConfig;
use crate::validate::Parsed;

/// Props of [`ArticlePage`].
#[derive(Clone, PartialEq, Properties)]
pub struct ArticlePageProps {
    /// The checked article and what was left out of it.
    pub parsed: Rc<Parsed>,
}

/// The whole article. Reads [`WidgetConfig`] from context when present.
#[component]
pub fn ArticlePage(props: &ArticlePageProps) -> Html {
    let config = use_context::<WidgetConfig>().unwrap_or_default();
    let a = &props.parsed.article;
    let lang = config.ui_lang(&a.lang);
    let blocks = use_memo(props.parsed.clone(), |p| p.article.body.clone());
    html! {
        <article class="aw-article" lang={a.lang.clone()}>
            <header class="aw-header">
                <DateLine published={a.published} {lang} />
                <h1 class="aw-title">{ &a.title }</h1>
                if let Some(lead) = &a.lead {
                    <p class="aw-lead">{ lead }</p>
                }
            </header>
            <Body blocks={Rc::new((*blocks).clone())} />
            <footer class="aw-footer">
                <Byline authors={a.authors.clone()} {lang} />
                if let Some(source) = &a.source {
                    <SourceBlock source={source.clone()} {lang} />
                }
            </footer>
            <Omitted warnings={props.parsed.warnings.clone()} {lang} />
        </article>
    }
}
