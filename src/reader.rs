//! The standalone reader page: one article, chosen by the `?src=` query
//! parameter, the demo article by default.

use yew::prelude::*;

use crate::components::ArticleView;
use crate::config::WidgetConfig;
use crate::load::ArticleSource;

/// The demo article shown when the page names none.
pub const DEMO_ARTICLE: &str = "demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// Props of [`Reader`].
#[derive(Clone, PartialEq, Properties)]
pub struct ReaderProps {
    /// URL of the article JSON to show.
    pub src: String,
}

/// The reader app: a page frame around one [`ArticleView`].
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    html! {
        <ContextProvider<WidgetConfig> context={WidgetConfig::default()}>
            <main class="aw-reader">
                <ArticleView source={ArticleSource::Url(props.src.clone())} />
            </main>
        </ContextProvider<WidgetConfig>>
    }
}

/// The article URL named by a query string such as `?src=a.json`, or the demo.
pub fn src_from_query(search: &str) -> String {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("src="))
        .map(percent_decode)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEMO_ARTICLE.to_owned())
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
        assert_eq!(src_from_query(""), DEMO_ARTICLE);
        assert_eq!(src_from_query("?src="), DEMO_ARTICLE);
        assert_eq!(src_from_query("?a=1&src=x%2Fy.json"), "x/y.json");
        assert_eq!(src_from_query("?src=%E1%BA%A1%zz%4"), "ạ%zz%4");
    }
}
