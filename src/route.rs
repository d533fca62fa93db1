//! The reader's routes and their URLs, as pure functions (no browser).
//!
//! The reader routes with the **query string** of one document, never with the
//! path:
//!
//! | URL (under any base path)          | route                                 |
//! |------------------------------------|---------------------------------------|
//! | `./` or `./index.html`             | [`Route::Home`]: the feed's list      |
//! | `./?article=<slug>`                | [`Route::Article`]: a feed article    |
//! | `./?src=<url of article JSON>`     | [`Route::Source`]: any article JSON   |
//!
//! Why the query: the page's path never changes, so the relative URLs of the
//! build (scripts, wasm, styles, manifest, `sw.js`) resolve the same on every
//! route and the site works unchanged under a sub-path such as `/tin-tuc/`;
//! a deep link reloads through the ordinary static file (and through the
//! service worker's cached `index.html` when offline) without any server
//! rewrite. `theme` and `lang` parameters ride along unchanged.

use crate::prelude::*;
use crate::share::encode_component;

/// Longest slug accepted, in bytes.
pub const MAX_SLUG_LEN: usize = 120;

/// Where the reader is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of the feed's articles.
    Home,
    /// A feed article by its slug (see [`is_valid_slug`]).
    Article(String),
    /// An article JSON named by URL (absolute, or relative to the page).
    Source(String),
}

impl Route {
    /// The route a query string (with or without the leading `?`) names.
    /// `article` wins over `src`; empty or malformed values count as absent.
    pub fn from_query(search: &str) -> Route {
        if let Some(slug) = query_param(search, "article").filter(|s| is_valid_slug(s)) {
            return Route::Article(slug);
        }
        match query_param(search, "src") {
            Some(src) => Route::Source(src),
            None => Route::Home,
        }
    }

    /// The query string of this route, with the `keep` parameters (name,
    /// value) after it: `""` for home without extras, else `?a=b&...`.
    /// Every value is percent-encoded.
    pub fn to_query(&self, keep: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(&str, &str)> = match self {
            Route::Home => Vec::new(),
            Route::Article(slug) => vec![("article", slug.as_str())],
            Route::Source(src) => vec![("src", src.as_str())],
        };
        pairs.extend(keep.iter().filter(|(_, v)| !v.is_empty()));
        if pairs.is_empty() {
            return String::new();
        }
        let joined: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        format!("?{}", joined.join("&"))
    }

    /// The URL to put in the address bar: the document's `path` (kept as it
    /// is, e.g. `/tin-tuc/` or `/tin-tuc/index.html`) plus [`to_query`](Self::to_query).
    pub fn href(&self, path: &str, keep: &[(&str, &str)]) -> String {
        let path = if path.is_empty() { "/" } else { path };
        format!("{path}{}", self.to_query(keep))
    }
}

/// Whether `slug` can name a feed article: 1 to [`MAX_SLUG_LEN`] ASCII
/// letters, digits, `-` and `_`.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG_LEN
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// If `link` (an absolute URL) points at the reader document `page` (an
/// absolute URL) — same origin and same path, treating `dir/` and
/// `dir/index.html` alike — the route it names. Links elsewhere give `None`
/// and are left to the browser.
pub fn internal_route(link: &str, page: &str) -> Option<Route> {
    let (link_doc, link_query) = split_document(link)?;
    let (page_doc, _) = split_document(page)?;
    (link_doc == page_doc).then(|| Route::from_query(link_query))
}

/// The value of query parameter `name`, percent-decoded (`+` as a space);
/// `None` when absent or empty.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('#')
        .next()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .map(percent_decode)
        .filter(|s| !s.is_empty())
}

/// An absolute URL split into its document (origin and path, with a trailing
/// `index.html` removed) and its query (without `?`; fragment dropped).
fn split_document(url: &str) -> Option<(&str, &str)> {
    let scheme_end = url.find("://")?;
    let without_fragment = url.split('#').next().unwrap_or(url);
    let (doc, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    // A URL with no path after the host is the same document as `host/`.
    let doc = doc.strip_suffix("index.html").unwrap_or(doc);
    let doc = doc.strip_suffix('/').unwrap_or(doc);
    (doc.len() > scheme_end + 3).then_some((doc, query))
}

/// Decodes `%XX` escapes and `+` (as a space); invalid escapes stay as they are.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = core::str::from_utf8(&bytes[i + 1..i + 3]).ok();
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
    fn parses_routes() {
        assert_eq!(Route::from_query(""), Route::Home);
        assert_eq!(Route::from_query("?"), Route::Home);
        assert_eq!(Route::from_query("?theme=dark"), Route::Home);
        assert_eq!(
            Route::from_query("?article=quan-uy-8&lang=en"),
            Route::Article("quan-uy-8".into())
        );
        assert_eq!(
            Route::from_query("lang=en&src=%2Fa%2Fb.json"),
            Route::Source("/a/b.json".into())
        );
        // article wins; a malformed slug falls back to the next rule.
        assert_eq!(
            Route::from_query("?src=x.json&article=a"),
            Route::Article("a".into())
        );
        assert_eq!(
            Route::from_query("?article=..%2Fetc&src=x.json"),
            Route::Source("x.json".into())
        );
        assert_eq!(Route::from_query("?article=a%20b"), Route::Home);
        assert_eq!(Route::from_query("?article="), Route::Home);
        assert_eq!(
            Route::from_query("?article=ok#frag"),
            Route::Article("ok".into())
        );
        assert_eq!(
            Route::from_query("?src=%E1%BA%A1%zz%4"),
            Route::Source("ạ%zz%4".into())
        );
    }

    #[test]
    fn builds_hrefs_that_round_trip() {
        let routes = [
            Route::Home,
            Route::Article("le-chan_2022".into()),
            Route::Source("http://127.0.0.1:8080/x y/ạ.json?v=1&w=2".into()),
        ];
        for route in routes {
            for keep in [&[][..], &[("lang", "en"), ("theme", "")][..]] {
                let href = route.href("/tin-tuc/", keep);
                assert!(href.starts_with("/tin-tuc/"), "{href}");
                let query = href.trim_start_matches("/tin-tuc/");
                assert_eq!(Route::from_query(query), route, "{href}");
                if !keep.is_empty() {
                    assert_eq!(query_param(query, "lang").as_deref(), Some("en"));
                    assert_eq!(query_param(query, "theme"), None);
                }
            }
        }
        assert_eq!(Route::Home.href("/", &[]), "/");
        assert_eq!(Route::Home.href("", &[("lang", "vi")]), "/?lang=vi");
        assert_eq!(
            Route::Article("a".into()).href("/sub/index.html", &[]),
            "/sub/index.html?article=a"
        );
        assert_eq!(
            Route::Source("a&b=c.json".into()).to_query(&[]),
            "?src=a%26b%3Dc.json"
        );
    }

    #[test]
    fn recognises_links_into_the_reader() {
        let page = "http://h:1/tin-tuc/?article=a";
        assert_eq!(
            internal_route("http://h:1/tin-tuc/?src=http%3A%2F%2Fh%3A1%2Fx.json", page),
            Some(Route::Source("http://h:1/x.json".into()))
        );
        assert_eq!(
            internal_route("http://h:1/tin-tuc/index.html?article=b", page),
            Some(Route::Article("b".into()))
        );
        assert_eq!(
            internal_route("http://h:1/tin-tuc", page),
            Some(Route::Home)
        );
        assert_eq!(internal_route("http://h:1/other/?article=b", page), None);
        assert_eq!(internal_route("http://h:2/tin-tuc/?article=b", page), None);
        assert_eq!(internal_route("https://haiphong.gov.vn/a.html", page), None);
        assert_eq!(internal_route("not a url", page), None);
        // Root deployments.
        assert_eq!(
            internal_route("http://h:1/?article=c", "http://h:1/"),
            Some(Route::Article("c".into()))
        );
        assert_eq!(
            internal_route("http://h:1", "http://h:1/index.html"),
            Some(Route::Home)
        );
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("quan-uy-le-chan-tong-ket-nghi-quyet-8"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(&"a".repeat(MAX_SLUG_LEN + 1)));
    }
}
