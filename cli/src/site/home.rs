//! The publication's static home page: the newest articles as links to their pages, readable without
//! script and by crawlers, with the feeds linked for discovery and, when the site publishes its
//! reader (`--reader`), a link to it.

use article_widget::i18n::Lang;
use article_widget::markup::escape;

use super::config::SiteConfig;
use super::feeds::Entry;

/// The home page's link to the publication's reader app, in the site's
/// language.
fn reader_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Đọc trên ứng dụng",
        Lang::En => "Read in the app",
    }
}

/// The home page listing the newest `config.feed_items` of `entries`
/// (sorted newest first), linking to the reader (`reader/`) when the site
/// publishes it (`with_reader`).
pub fn page(config: &SiteConfig, entries: &[Entry], with_reader: bool) -> String {
    let mut out = String::with_capacity(2048 + entries.len().min(config.feed_items) * 256);
    out.push_str("<!doctype html>\n<html lang=\"");
    out.push_str(&escape(config.language()));
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    out.push_str(&escape(&config.name));
    out.push_str("</title>\n");
    if let Some(d) = &config.description {
        out.push_str("<meta name=\"description\" content=\"");
        out.push_str(&escape(d));
        out.push_str("\">\n");
    }
    out.push_str("<link rel=\"canonical\" href=\"");
    out.push_str(&escape(&config.url));
    out.push_str("\">\n<meta name=\"theme-color\" content=\"");
    out.push_str(&escape(&config.theme_color));
    out.push_str("\">\n");
    if let Some(logo) = config.logo_path() {
        out.push_str("<link rel=\"icon\" href=\"");
        out.push_str(&escape(&logo));
        out.push_str("\">\n");
    }
    out.push_str(
        "<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\" title=\"",
    );
    out.push_str(&escape(&config.name));
    out.push_str(
        "\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\" title=\"",
    );
    out.push_str(&escape(&config.name));
    out.push_str("\">\n<style>html{scrollbar-gutter:stable}body{margin:0 auto;max-width:52rem;padding:1rem;font-family:system-ui,sans-serif}\
h1{border-bottom:3px solid ");
    out.push_str(&escape(&config.theme_color));
    out.push_str(
        "}li{margin:.5rem 0}time{color:GrayText;margin-left:.5rem}</style>\n</head>\n<body>\n<h1>",
    );
    out.push_str(&escape(&config.name));
    out.push_str("</h1>\n");
    if with_reader {
        out.push_str("<nav><a href=\"");
        out.push_str(super::reader::DIR);
        out.push_str("/\">");
        out.push_str(&escape(reader_label(Lang::from_tag(config.language()))));
        out.push_str("</a></nav>\n");
    }
    out.push_str("<ul>\n");
    for e in entries.iter().take(config.feed_items) {
        out.push_str("<li><a href=\"articles/");
        out.push_str(&escape(&e.slug));
        out.push_str(".html\">");
        out.push_str(&escape(&e.title));
        out.push_str("</a><time datetime=\"");
        out.push_str(&escape(&e.published));
        out.push_str("\">");
        out.push_str(&escape(e.published.get(..10).unwrap_or(&e.published)));
        out.push_str("</time></li>\n");
    }
    out.push_str("</ul>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::page;
    use crate::site::config::SiteConfig;

    #[test]
    fn links_to_the_reader_when_the_site_publishes_it() {
        let Ok(c) =
            SiteConfig::parse("name = \"N\"\nurl = \"https://a.example/\"\nlanguages = [\"en\"]")
        else {
            panic!("the config parses");
        };
        let with = page(&c, &[], true);
        assert!(
            with.contains("<nav><a href=\"reader/\">Read in the app</a></nav>"),
            "{with}"
        );
        assert!(!page(&c, &[], false).contains("reader/"));
        let Ok(vi) = SiteConfig::parse("name = \"N\"\nurl = \"https://a.example/\"") else {
            panic!("the config parses");
        };
        assert!(page(&vi, &[], true).contains(">Đọc trên ứng dụng</a>"));
    }
}
