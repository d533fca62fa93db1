//! The reader's brand: what a publication tells its standalone reader at run
//! time — its name, colours, languages, social pages and where its feed is.
//!
//! Nothing of a publisher is compiled into the reader. `article-widget site`
//! writes a [`Brand`] as JSON into the reader's `index.html`, inside
//! `<script type="application/json" id="aw-reader-brand">` ([`ELEMENT_ID`]),
//! and the reader reads it when it starts; the repository's `index.html`
//! holds the demo publication's brand, so `cargo xtask serve` shows the demo.
//! The service worker learns the feed's path from the same place through the
//! precache line written by [`precache_line`].

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// The `id` of the element in the reader's `index.html` holding its
/// [`Brand`] as JSON.
pub const ELEMENT_ID: &str = "aw-reader-brand";

/// One of the publisher's pages on a social network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialPage {
    /// Network identifier, e.g. `facebook`.
    pub network: String,
    /// Display name.
    pub name: String,
    /// Absolute URL of the page.
    pub url: String,
}

/// What the reader shows of its publisher, and where its articles are listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The publication's name: the top bar and the tab title.
    pub name: String,
    /// A short name (home screens).
    pub short_name: String,
    /// The JSON Feed 1.1 the home list shows, relative to the page.
    pub feed: String,
    /// Where a feed article's JSON is, relative to the page, with
    /// [`SLUG`] for its slug (`demo/articles/{slug}.json`): the reader
    /// opens `?article=<slug>` without waiting for the feed, and its page
    /// starts the article's fetch before the reader's wasm
    /// ([`Brand::article_json`]). Without it a slug is looked up in the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The publication's colour (`#rrggbb`): the bar's rule, browser UI.
    pub theme_color: String,
    /// The page's background while the reader starts (`#rrggbb`).
    pub background_color: String,
    /// Languages of the publication, main first: the reader's language
    /// when none is picked is the first.
    pub languages: Vec<String>,
    /// The publisher's social pages, linked under the home list.
    #[serde(default)]
    pub social: Vec<SocialPage>,
}

/// Why a [`Brand`] cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandError(pub String);

impl core::fmt::Display for BrandError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Brand {
    /// Checks what the reader relies on: a name, a feed, colours it can put
    /// into a style, at least one language, http(s) social pages.
    ///
    /// # Errors
    ///
    /// A [`BrandError`] naming the field that is wrong.
    pub fn check(&self) -> Result<(), BrandError> {
        if self.name.trim().is_empty() {
            return Err(BrandError("name: must not be empty".into()));
        }
        if self.feed.trim().is_empty() {
            return Err(BrandError("feed: must not be empty".into()));
        }
        for (key, colour) in [
            ("theme_color", &self.theme_color),
            ("background_color", &self.background_color),
        ] {
            if !is_hex_colour(colour) {
                return Err(BrandError(format!(
                    "{key}: {colour:?} is not a colour like \"#1d4ed8\""
                )));
            }
        }
        if let Some(article) = &self.article {
            if article.matches(SLUG).count() != 1 {
                return Err(BrandError(format!(
                    "article: {article:?} must hold {SLUG} once, e.g. \"articles/{SLUG}.json\""
                )));
            }
        }
        if self.languages.is_empty() {
            return Err(BrandError("languages: at least one is needed".into()));
        }
        for s in &self.social {
            crate::url::check_absolute(&s.url)
                .map_err(|e| BrandError(format!("social: {:?}: {e}", s.url)))?;
        }
        Ok(())
    }

    /// The main language's tag.
    pub fn language(&self) -> &str {
        self.languages.first().map_or("", String::as_str)
    }

    /// The JSON of the feed article `slug` (a checked slug,
    /// [`crate::route::is_valid_slug`]), relative to the page, by the
    /// brand's [`article`](Self::article) rule; `None` without one. The
    /// reader's page applies the same rule in its first script
    /// (`index.html`) by replacing [`SLUG`].
    pub fn article_json(&self, slug: &str) -> Option<String> {
        self.article.as_ref().map(|a| a.replacen(SLUG, slug, 1))
    }
}

/// The placeholder for the slug in [`Brand::article`].
pub const SLUG: &str = "{slug}";

/// Whether `s` is a CSS hex colour (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`),
/// safe to put into a style.
pub fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|hex| {
        matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The start of the one line of the service worker (`pwa/sw.js`) that a
/// build rewrites.
pub const PRECACHE_MARKER: &str = "/* @aw-precache */";

/// The service worker's precache line: its build `version`, the `feed`
/// (relative to the worker, as in [`Brand::feed`]; kept
/// stale-while-revalidate) and the `files` to precache (relative to the
/// worker; `index.html` is listed as `./`, the URL the reader is opened at).
/// `cargo xtask build` and `article-widget site` both write it with this.
pub fn precache_line(version: &str, feed: Option<&str>, files: &[String]) -> String {
    let quote = |s: &str| format!("'{}'", s.replace(['\'', '\\', '\n', '\r'], ""));
    let mut list = String::from("'./'");
    for file in files.iter().filter(|f| *f != "index.html" && *f != "./") {
        list.push_str(", ");
        list.push_str(&quote(file));
    }
    let feed = feed.map_or_else(|| "null".to_string(), quote);
    format!(
        "{PRECACHE_MARKER} const BUILD = {}, FEED = {feed}, PRECACHE = [{list}];",
        quote(version)
    )
}

/// `sw` (the worker's source) with its marked line replaced by `line`, or
/// `None` when it has no such line.
pub fn replace_precache_line(sw: &str, line: &str) -> Option<String> {
    let mut found = false;
    let mut out = String::with_capacity(sw.len() + line.len());
    for l in sw.lines() {
        if l.starts_with(PRECACHE_MARKER) {
            found = true;
            out.push_str(line);
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    found.then_some(out)
}

/// The worker's source without its marked line, so a build version does not
/// depend on an earlier rewrite of the same file.
pub fn without_precache_line(sw: &str) -> String {
    sw.lines()
        .filter(|l| !l.starts_with(PRECACHE_MARKER))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 64-bit FNV-1a: tiny, dependency-free, and enough to tell builds apart
/// (the service worker's build version).
#[derive(Clone, Debug)]
pub struct BuildHash(u64);

impl Default for BuildHash {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl BuildHash {
    /// Adds `bytes`.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The version: 16 hex digits.
    pub fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::ToOwned;
    use alloc::vec;

    fn brand() -> Brand {
        Brand {
            name: "News".into(),
            short_name: "N".into(),
            feed: "../feed.json".into(),
            theme_color: "#0a7d4f".into(),
            background_color: "#fff".into(),
            languages: vec!["en".into()],
            social: Vec::new(),
            article: Some("../articles/{slug}.json".into()),
        }
    }

    #[test]
    fn a_brand_is_checked_field_by_field() {
        assert_eq!(brand().check(), Ok(()));
        assert_eq!(brand().language(), "en");
        let mut b = brand();
        b.theme_color = "red;}body{x:".into();
        assert!(b.check().is_err_and(|e| e.0.contains("theme_color")));
        let mut b = brand();
        b.feed = " ".into();
        assert!(b.check().is_err_and(|e| e.0.contains("feed")));
        let mut b = brand();
        b.social.push(SocialPage {
            network: "x".into(),
            name: "x".into(),
            url: "javascript:alert(1)".into(),
        });
        assert!(b.check().is_err_and(|e| e.0.contains("social")));
        let mut b = brand();
        b.article = Some("../articles/a.json".into());
        assert!(b.check().is_err_and(|e| e.0.contains("article")));
    }

    #[test]
    fn a_slug_names_its_article_by_the_brand_s_rule() {
        assert_eq!(
            brand().article_json("a-b").as_deref(),
            Some("../articles/a-b.json")
        );
        let b = Brand {
            article: None,
            ..brand()
        };
        assert_eq!(b.article_json("a-b"), None);
    }

    #[test]
    fn the_precache_line_is_rewritten_alone() {
        let sw = "a\n/* @aw-precache */ const BUILD = 'dev', FEED = null, PRECACHE = ['./'];\nb\n";
        let files = vec!["app-1.js".to_owned(), "index.html".to_owned()];
        let line = precache_line("abc", Some("../feed.json"), &files);
        assert_eq!(
            line,
            "/* @aw-precache */ const BUILD = 'abc', FEED = '../feed.json', PRECACHE = ['./', 'app-1.js'];"
        );
        let out = replace_precache_line(sw, &line);
        assert_eq!(
            out.as_deref(),
            Some(
                "a\n/* @aw-precache */ const BUILD = 'abc', FEED = '../feed.json', PRECACHE = ['./', 'app-1.js'];\nb\n"
            )
        );
        assert_eq!(replace_precache_line("no marker", &line), None);
        assert_eq!(
            without_precache_line(sw),
            without_precache_line(out.as_deref().unwrap_or(""))
        );
        assert!(precache_line("v", Some("x'];alert(1);//"), &[]).contains("'x];alert(1);//'"));
        assert!(precache_line("v", None, &[]).contains("FEED = null"));
    }
}
