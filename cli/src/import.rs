//! `article-widget import`: articles from what a CMS already publishes.
//!
//! One module per kind of source, each giving [`draft::Draft`]s:
//! [`html`] (an article page), [`wordpress`] (the REST API's posts),
//! [`feed`] (RSS, Atom, JSON Feed). [`draft`] turns a draft into a checked
//! `article-widget/1` document the one same way for all of them; [`blocks`]
//! turns HTML into body blocks, with [`table`] (tables), [`video`] (embedded
//! players), [`srcset`] (responsive photos) and [`runs`] (links and
//! emphasis); [`metadata`], [`dates`], [`images`] and [`text`] are the
//! other helpers. Output is deterministic: the same source gives
//! the same bytes, and a file that would not change is not rewritten.

pub mod blocks;
pub mod dates;
pub mod draft;
pub mod feed;
pub mod html;
pub mod images;
pub mod metadata;
pub mod runs;
pub mod srcset;
pub mod table;
pub mod text;
pub mod video;
pub mod wordpress;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::source::{Fetched, Source};
use draft::{Context, Draft, Imported};

/// Largest source read, in bytes (a page with inline images can be large;
/// beyond this it is refused, not parsed).
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// `article-widget import SOURCE [-o DIR]`
#[derive(Debug, clap::Args)]
#[command(after_help = "\
EXAMPLES:
    article-widget import https://example.org/news/some-article.html -o articles/
    article-widget import 'https://example.org/wp-json/wp/v2/posts?_embed&per_page=20' -o articles/
    article-widget import https://example.org/feed/ -o articles/ --timezone Asia/Ho_Chi_Minh
    article-widget import saved-page.html --url https://example.org/news/a.html > a.json

Each article is checked with the widget's own rules before it is written;
what could not be carried over (frames, forms, images without a size, dates
without an offset, ...) is reported on standard error as `warning:` lines.

Exit status: 0 when every article was written, 1 when some or all could not
be imported, 2 when the source could not be read.")]
pub struct Args {
    /// What to import: a file, `-` for standard input, or an http(s) URL.
    ///
    /// An article page (HTML with schema.org JSON-LD, OpenGraph or meta
    /// tags), a WordPress REST `wp/v2/posts` response (one post or a list,
    /// with or without `_embed`), an RSS 2.0 or Atom feed, or a JSON Feed.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Folder to write the articles to, one `NAME.json` each, named after
    /// the article's URL (created when missing). Without it, a single
    /// article is printed to standard output.
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What the source is, when the content does not tell.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Time zone (IANA name, e.g. `Asia/Ho_Chi_Minh`) for dates written
    /// without a UTC offset, and for feed dates. Default: the system's. Each
    /// date that needed it is reported.
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// The page's own URL, for a saved page that does not name it (its
    /// canonical link). Relative links and images resolve against it.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Language tag (e.g. `vi`) when the source does not declare one.
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// Publisher name, instead of what the source says (or its host name).
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// Publisher home page, instead of the source's origin.
    #[arg(long, value_name = "URL")]
    pub publisher_url: Option<String>,
    /// Read the size of images that have no width and height in the HTML by
    /// fetching their first bytes over HTTP. On by default when SOURCE is a
    /// URL; images next to a local file are always read from disk.
    #[arg(long)]
    pub fetch_images: bool,
}

/// Kinds of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// An article page.
    Html,
    /// A WordPress REST API posts response.
    Wordpress,
    /// An RSS 2.0, Atom or JSON Feed document.
    Feed,
}

/// Guesses the kind of a document from its first bytes (and the server's
/// content type).
pub fn sniff(bytes: &[u8], content_type: Option<&str>) -> Kind {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let ct = content_type.unwrap_or_default().to_ascii_lowercase();
    if ct.contains("rss") || ct.contains("atom") || ct.contains("feed+json") {
        return Kind::Feed;
    }
    if head.starts_with('{') || head.starts_with('[') {
        if head.contains("jsonfeed.org/version") {
            Kind::Feed
        } else {
            Kind::Wordpress
        }
    } else if head.starts_with("<?xml") && !head.to_ascii_lowercase().contains("<html")
        || feed::looks_like(&head[..head.len().min(512)])
    {
        Kind::Feed
    } else {
        Kind::Html
    }
}

/// Every draft in a document, or why the document cannot be read.
///
/// # Errors
///
/// A message when the document is not of its kind.
pub fn drafts(
    fetched: &Fetched,
    kind: Kind,
    cx: &Context,
) -> Result<Vec<Result<Draft, String>>, String> {
    match kind {
        Kind::Html => {
            let html = String::from_utf8_lossy(&fetched.bytes);
            let page_url = cx.url.as_deref().or(fetched.url.as_deref());
            Ok(vec![html::import(&html, page_url)])
        }
        Kind::Wordpress => {
            let value: serde_json::Value = serde_json::from_slice(&fetched.bytes)
                .map_err(|e| format!("not valid JSON: {e}"))?;
            wordpress::import(&value)
        }
        Kind::Feed => {
            let parsed = feed::parse(&fetched.bytes, fetched.url.as_deref(), &cx.tz)?;
            Ok(feed::import(&parsed))
        }
    }
}

/// What one import produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Articles made, in source order.
    pub articles: Vec<Imported>,
    /// Items that could not be imported, with why.
    pub failures: Vec<String>,
}

/// Imports every item of a fetched source.
///
/// # Errors
///
/// A message when the source as a whole cannot be read as its kind.
pub fn import(fetched: &Fetched, kind: Kind, cx: &Context) -> Result<Outcome, String> {
    let mut out = Outcome::default();
    let mut budget = images::Budget::default();
    let drafts = drafts(fetched, kind, cx)?;
    let several = drafts.len() > 1;
    for (i, d) in drafts.into_iter().enumerate() {
        match d.and_then(|d| draft::finish(d, cx, &mut budget)) {
            Ok(a) => out.articles.push(a),
            Err(e) if several => out.failures.push(format!("item {}: {e}", i + 1)),
            Err(e) => out.failures.push(e),
        }
    }
    // Unique file names, in source order.
    let mut seen = BTreeSet::new();
    for a in &mut out.articles {
        let base = a.slug.clone();
        let mut n = 1;
        while !seen.insert(a.slug.clone()) {
            n += 1;
            a.slug = format!("{base}-{n}");
        }
    }
    Ok(out)
}

/// The shared context from the command line and the fetched source.
fn context(args: &Args, source: &Source, fetched: &Fetched) -> Result<Context, String> {
    let tz = dates::zone(args.timezone.as_deref())?;
    let (local_dir, fallback_date) = match source {
        Source::File(path) => {
            let modified = fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| jiff::Timestamp::try_from(t).ok())
                .map(|t| (dates::in_zone(t, &tz), "the file's modification time"));
            (
                Some(path.parent().unwrap_or(Path::new(".")).to_path_buf()),
                modified,
            )
        }
        _ => (None, None),
    };
    let fallback_date = fallback_date.or_else(|| {
        fetched
            .last_modified
            .clone()
            .map(|d| (d, "the server's Last-Modified date"))
    });
    Ok(Context {
        fetched_from: fetched.url.clone(),
        local_dir,
        source_name: source.to_string(),
        tz,
        tz_given: args.timezone.is_some(),
        fetch_images: args.fetch_images || matches!(source, Source::Url(_)),
        url: args.url.clone(),
        lang: args.lang.clone(),
        publisher: args.publisher.clone(),
        publisher_url: args.publisher_url.clone(),
        fallback_date,
    })
}

/// Writes `json` to `path` unless the file already holds exactly it.
/// Returns whether it wrote.
fn write_if_changed(path: &Path, json: &str) -> std::io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == json.as_bytes()) {
        return Ok(false);
    }
    fs::write(path, json)?;
    Ok(true)
}

/// Runs `import`.
pub fn run(args: &Args) -> ExitCode {
    let source = Source::from_arg(&args.source);
    let fetched = match source.read(MAX_SOURCE_BYTES) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {source}: could not read: {e}");
            return ExitCode::from(2);
        }
    };
    let cx = match context(args, &source, &fetched) {
        Ok(cx) => cx,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let kind = args
        .kind
        .unwrap_or_else(|| sniff(&fetched.bytes, fetched.content_type.as_deref()));
    let outcome = match import(&fetched, kind, &cx) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {source}: {e}");
            return ExitCode::from(1);
        }
    };
    for f in &outcome.failures {
        eprintln!("error: {source}: {f}");
    }
    let mut failed = !outcome.failures.is_empty() || outcome.articles.is_empty();
    match &args.out {
        None if outcome.articles.len() > 1 => {
            eprintln!(
                "error: {source} holds {} articles: give -o DIR to write them",
                outcome.articles.len()
            );
            return ExitCode::from(1);
        }
        None => {
            for a in &outcome.articles {
                for n in &a.notes {
                    eprintln!("warning: {}: {n}", a.slug);
                }
                let _ = std::io::stdout().write_all(a.json.as_bytes());
            }
        }
        Some(dir) => {
            if let Err(e) = fs::create_dir_all(dir) {
                eprintln!("error: {}: {e}", dir.display());
                return ExitCode::from(2);
            }
            let (mut written, mut unchanged) = (0, 0);
            for a in &outcome.articles {
                let path = dir.join(format!("{}.json", a.slug));
                for n in &a.notes {
                    eprintln!("warning: {}: {n}", path.display());
                }
                match write_if_changed(&path, &a.json) {
                    Ok(true) => written += 1,
                    Ok(false) => unchanged += 1,
                    Err(e) => {
                        eprintln!("error: {}: {e}", path.display());
                        failed = true;
                    }
                }
            }
            eprintln!(
                "{} into {}: {written} written, {unchanged} unchanged, {} failed",
                match outcome.articles.len() {
                    1 => "1 article".to_owned(),
                    n => format!("{n} articles"),
                },
                dir.display(),
                outcome.failures.len()
            );
        }
    }
    ExitCode::from(u8::from(failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_from_the_content() {
        assert_eq!(sniff(b"<!doctype html><html>", None), Kind::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">", None),
            Kind::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", None),
            Kind::Feed
        );
        assert_eq!(
            sniff(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}", None),
            Kind::Feed
        );
        assert_eq!(sniff(b"[{\"id\": 1}]", None), Kind::Wordpress);
        assert_eq!(sniff(b"<html>", Some("application/rss+xml")), Kind::Feed);
    }
}
