//! A loaded article, laid out like the portal page and better: toolbar
//! (Print, date line, text size, original), title, lead, body with figures,
//! author, source, share tools, the article's QR code, the publisher's social
//! pages with their QR codes, and related articles.

use std::rc::Rc;

use yew::prelude::*;

use super::body::Body;
use super::byline::{Byline, PublisherLine, SourceBlock};
use super::qr_view::QrView;
use super::related::RelatedList;
use super::share_bar::ShareBar;
use super::social::Social;
use super::status::Omitted;
use super::toolbar::Toolbar;
use super::use_id_prefix;
use crate::config::WidgetConfig;
use crate::text_size::{TextSize, TextSizeAction, STORAGE_KEY};
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
    let ids = use_id_prefix();
    let a = &props.parsed.article;
    let lang = config.ui_lang(&a.lang);
    let l = lang.labels();

    // Text size starts at the original on the server and is read from
    // storage after mount, so the first paint never waits on storage.
    let text_size = use_state(TextSize::default);
    {
        let text_size = text_size.clone();
        use_effect_with((), move |()| {
            text_size.set(TextSize::from_storage(
                crate::browser::storage_get(STORAGE_KEY).as_deref(),
            ));
        });
    }
    let ontextsize = {
        let text_size = text_size.clone();
        Callback::from(move |action: TextSizeAction| {
            let next = text_size.apply(action);
            crate::browser::storage_set(STORAGE_KEY, &next.to_storage());
            text_size.set(next);
        })
    };
    let onprint = Callback::from(|()| crate::browser::print());
    // The scale goes in through the CSSOM, not a `style` attribute: partner
    // pages with a strict CSP (no 'unsafe-inline' styles) block the latter.
    let article_ref = use_node_ref();
    {
        let article_ref = article_ref.clone();
        use_effect_with(*text_size, move |size| {
            let style = size.style();
            let declaration = style.split_once(':');
            if let (Some(el), Some((name, value))) =
                (article_ref.cast::<web_sys::HtmlElement>(), declaration)
            {
                let _ = el.style().set_property(name, value);
            }
        });
    }

    html! {
        <article class="aw-article" lang={a.lang.clone()} dir={if a.is_rtl() { "rtl" } else { "ltr" }} ref={article_ref}
            aria-labelledby={format!("{ids}-title")}>
            <header class="aw-header">
                <Toolbar published={a.published} updated={a.updated} original_url={a.original_url.clone()}
                    text_size={*text_size} {ontextsize} {onprint} {lang} />
                <@{super::heading_tag(config.heading_level)} class="aw-title" id={format!("{ids}-title")}>{ &a.title }</@>
                if let Some(lead) = &a.lead {
                    <p class="aw-lead">{ lead }</p>
                }
            </header>
            <Body parsed={Rc::clone(&props.parsed)} />
            <footer class="aw-footer">
                <Byline authors={a.authors.clone()} {lang} />
                if let Some(source) = &a.source {
                    <SourceBlock source={source.clone()} {lang} />
                }
                <PublisherLine publisher={a.publisher.clone()}
                    href={a.original_url.clone().unwrap_or_else(|| a.url.clone())} {lang} />
                <Omitted warnings={props.parsed.warnings.clone()} {lang} />
                <div class="aw-tools">
                    <ShareBar url={a.url.clone()} title={a.title.clone()}
                        networks={config.networks.clone()} {lang}
                        heading_id={format!("{ids}-share")} />
                    <section class="aw-article-qr" aria-labelledby={format!("{ids}-qr-heading")}>
                        <super::SectionTitle id={format!("{ids}-qr-heading")} text={l.qr_heading} />
                        <QrView data={a.url.clone()}
                            label={format!("{}: {}", l.qr_label, a.title)}
                            filename="qr-article" caption_id={format!("{ids}-qr")} {lang} />
                    </section>
                </div>
                <Social pages={a.publisher.social.clone()} {lang} id_prefix={ids.clone()} />
                <RelatedList items={a.related.clone()} {lang}
                    in_reader={config.related_in_reader} heading_id={format!("{ids}-related")} />
            </footer>
        </article>
    }
}
