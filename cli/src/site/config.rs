//! `site.toml`: the publication a `site` build makes — who publishes it,
//! where it is served, its languages and colours, where its articles and
//! files are. Read with `toml` into [`SiteConfig`]; every problem is named
//! with the key it is about.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use article_widget::brand::is_hex_colour;

/// How the pages' canonical URL is chosen.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Canonical {
    /// The page on this site is the article's home: its `url` becomes the
    /// page's URL (the previous one is kept as `original_url` when that is
    /// empty), so share links, QR codes and the canonical tag agree.
    #[default]
    Site,
    /// The article's own `url` stays canonical (a mirror of articles whose
    /// home is elsewhere).
    Article,
}

/// One of the publisher's pages on a social network.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Social {
    /// Network identifier, e.g. `facebook`.
    pub network: String,
    /// Display name.
    pub name: String,
    /// Absolute URL of the page.
    pub url: String,
}

/// `site.toml`, as written.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The publisher's (and the reader's) name.
    pub name: String,
    /// A short name for home screens; defaults to `name`.
    #[serde(default)]
    pub short_name: Option<String>,
    /// One sentence about the publication.
    #[serde(default)]
    pub description: Option<String>,
    /// Where the site is served, e.g. `https://news.example/`.
    pub url: String,
    /// Languages of the publication, main language first (BCP 47 tags).
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// The publication's colour (`#rrggbb`): browser UI, banners, reader.
    #[serde(default = "default_theme_color")]
    pub theme_color: String,
    /// The reader's background while it starts (`#rrggbb`).
    #[serde(default = "default_background_color")]
    pub background_color: String,
    /// The logo, a file relative to `site.toml` (SVG or PNG), copied to the
    /// same place in the output; also the site's icon.
    #[serde(default)]
    pub logo: Option<PathBuf>,
    /// The reader's app icons (PNG or SVG files relative to `site.toml`,
    /// e.g. a 192 and a 512 pixel PNG); without them the logo, else an icon
    /// drawn in `theme_color`.
    #[serde(default)]
    pub icons: Vec<PathBuf>,
    /// The directory of article JSON files, relative to `site.toml`.
    #[serde(default = "default_articles")]
    pub articles: PathBuf,
    /// File names in `articles` that are not articles (e.g. a feed).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Directories copied as they are (images), relative to `site.toml`;
    /// each lands under its own name at the output's root.
    #[serde(default)]
    pub assets: Vec<PathBuf>,
    /// The publisher's social pages.
    #[serde(default)]
    pub social: Vec<Social>,
    /// How many of the newest articles the feeds list.
    #[serde(default = "default_feed_items")]
    pub feed_items: usize,
    /// Which URL is canonical.
    #[serde(default)]
    pub canonical: Canonical,
    /// Where pages and oEmbed snippets load `embed.js` from; defaults to
    /// `embed/v1/embed.js` on this site.
    #[serde(default)]
    pub embed_script: Option<String>,
}

fn default_languages() -> Vec<String> {
    vec!["vi".to_owned()]
}
fn default_theme_color() -> String {
    "#1d4ed8".to_owned()
}
fn default_background_color() -> String {
    "#ffffff".to_owned()
}
fn default_articles() -> PathBuf {
    PathBuf::from("articles")
}
fn default_feed_items() -> usize {
    50
}

/// Most items a feed may list (the reader reads at most this many).
pub const MAX_FEED_ITEMS: usize = 500;

impl SiteConfig {
    /// Reads and checks `text` (the contents of `site.toml`).
    ///
    /// # Errors
    ///
    /// A message naming the key that is missing or wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut config: Self = toml::from_str(text).map_err(|e| e.to_string())?;
        config.set_url(&config.url.clone())?;
        config.check()?;
        Ok(config)
    }

    /// Sets the site's URL (e.g. from `--url`), with a trailing slash.
    ///
    /// # Errors
    ///
    /// When it is not an absolute http(s) URL.
    pub fn set_url(&mut self, url: &str) -> Result<(), String> {
        let mut url =
            article_widget::url::check_absolute(url).map_err(|e| format!("url: {url:?}: {e}"))?;
        if url.contains(['?', '#']) {
            return Err(format!("url: {url:?} must not have a query or fragment"));
        }
        if !url.ends_with('/') {
            url.push('/');
        }
        self.url = url;
        Ok(())
    }

    fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("name: must not be empty".into());
        }
        if self.languages.is_empty() || self.languages.iter().any(|l| !is_lang_tag(l)) {
            return Err(format!(
                "languages: {:?} must be BCP 47 tags such as \"vi\" or \"en\", main first",
                self.languages
            ));
        }
        for (key, colour) in [
            ("theme_color", &self.theme_color),
            ("background_color", &self.background_color),
        ] {
            if !is_hex_colour(colour) {
                return Err(format!(
                    "{key}: {colour:?} is not a colour like \"#b3201f\""
                ));
            }
        }
        if !(1..=MAX_FEED_ITEMS).contains(&self.feed_items) {
            return Err(format!("feed_items: must be 1 to {MAX_FEED_ITEMS}"));
        }
        for s in &self.social {
            article_widget::url::check_absolute(&s.url)
                .map_err(|e| format!("social: {:?}: {e}", s.url))?;
        }
        if let Some(script) = &self.embed_script {
            article_widget::url::check_absolute(script)
                .map_err(|e| format!("embed_script: {script:?}: {e}"))?;
        }
        for (key, path) in self
            .logo
            .iter()
            .map(|p| ("logo", p))
            .chain(self.icons.iter().map(|p| ("icons", p)))
            .chain(self.assets.iter().map(|p| ("assets", p)))
        {
            if !is_inside(path) {
                return Err(format!(
                    "{key}: {} must be a relative path inside the site's folder",
                    path.display()
                ));
            }
        }
        Ok(())
    }

    /// The main language.
    pub fn language(&self) -> &str {
        self.languages.first().map_or("vi", String::as_str)
    }

    /// The short name.
    pub fn short_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// The logo's path in the output, with `/` separators.
    pub fn logo_path(&self) -> Option<String> {
        self.logo.as_deref().map(slash_path)
    }

    /// Where `embed.js` is loaded from (absolute).
    pub fn embed_script(&self) -> String {
        self.embed_script
            .clone()
            .unwrap_or_else(|| format!("{}embed/v1/embed.js", self.url))
    }
}

/// A relative path that stays inside its folder (no `..`, not absolute).
fn is_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

/// `path` with `/` separators.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn is_lang_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::{Canonical, SiteConfig};

    #[test]
    fn a_small_config_gets_its_defaults() {
        let Ok(c) = SiteConfig::parse("name = \"News\"\nurl = \"https://news.example\"\n") else {
            panic!("parses");
        };
        assert_eq!(c.url, "https://news.example/");
        assert_eq!(c.language(), "vi");
        assert_eq!(c.canonical, Canonical::Site);
        assert_eq!(c.embed_script(), "https://news.example/embed/v1/embed.js");
    }

    #[test]
    fn problems_name_their_key() {
        for (text, key) in [
            ("url = \"https://a.example/\"", "name"),
            ("name = \"N\"\nurl = \"ftp://a\"", "url"),
            (
                "name = \"N\"\nurl = \"https://a.example/\"\ntheme_color = \"red;}\"",
                "theme_color",
            ),
            (
                "name = \"N\"\nurl = \"https://a.example/\"\nlogo = \"../x.svg\"",
                "logo",
            ),
            (
                "name = \"N\"\nurl = \"https://a.example/\"\nlanguages = []",
                "languages",
            ),
            (
                "name = \"N\"\nurl = \"https://a.example/\"\ncolour = \"#fff\"",
                "colour",
            ),
        ] {
            match SiteConfig::parse(text) {
                Err(e) => assert!(e.contains(key), "{text}: {e}"),
                Ok(c) => panic!("{text} accepted: {c:?}"),
            }
        }
    }
}
