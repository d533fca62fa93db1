//! Feeds to one [`Draft`] per item: RSS 2.0 (with `content:encoded`), Atom
//! and JSON Feed 1.1, all read by `feed-rs`. An item's HTML content goes
//! through [`super::blocks`]; its summary becomes the lead; the feed's title
//! and home page are the publisher.
//!
//! Dates keep the offset the feed wrote (`+0700` in an RSS `pubDate`);
//! `feed-rs` keeps only the instant, so its timestamp parser is ours and
//! remembers what each date looked like.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use feed_rs::model::{Entry, Feed, Text};
use jiff::tz::TimeZone;

use super::blocks::{self, Piece, RawFigure};
use super::dates;
use super::draft::Draft;
use super::metadata::MetaPerson;
use super::text::clean;

/// Whether the first bytes of a document look like a feed.
pub fn looks_like(head: &str) -> bool {
    let head = head.to_ascii_lowercase();
    head.contains("<rss") || head.contains("<rdf:rdf") || head.contains("<feed")
}

/// Dates as the feed wrote them (with their offset), by UTC second.
type Written = Arc<Mutex<HashMap<i64, String>>>;

/// A parsed feed and its dates as written.
pub struct Parsed {
    /// The feed.
    pub feed: Feed,
    written: Written,
}

/// Reads a feed; dates without an offset are placed in `tz`.
///
/// # Errors
///
/// The parser's message when it is not a feed it can read.
pub fn parse(bytes: &[u8], url: Option<&str>, tz: &TimeZone) -> Result<Parsed, String> {
    let written = Written::default();
    let record = Arc::clone(&written);
    let tz = tz.clone();
    let feed = feed_rs::parser::Builder::new()
        .base_uri(url)
        .timestamp_parser(move |raw| {
            let (text, _) = dates::parse(raw, &tz)?;
            let t: jiff::Timestamp = text.parse().ok()?;
            if let Ok(mut map) = record.lock() {
                map.insert(t.as_second(), text);
            }
            chrono::DateTime::from_timestamp(t.as_second(), 0)
        })
        .build()
        .parse(bytes)
        .map_err(|e| format!("not a feed this importer reads: {e}"))?;
    Ok(Parsed { feed, written })
}

/// Every item of a feed.
pub fn import(parsed: &Parsed) -> Vec<Result<Draft, String>> {
    let feed = &parsed.feed;
    let written = parsed.written.lock().map(|m| m.clone()).unwrap_or_default();
    let publisher_name = feed.title.as_ref().map(text).filter(|t| !t.is_empty());
    let home = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let lang = feed.language.clone();
    feed.entries
        .iter()
        .map(|e| {
            let mut d = entry(e, &written);
            d.publisher_name = d.publisher_name.or_else(|| publisher_name.clone());
            d.publisher_url = d.publisher_url.or_else(|| home.clone());
            d.lang = d.lang.or_else(|| lang.clone());
            Ok(d)
        })
        .collect()
}

/// A feed text field as plain text (`type="html"` is parsed, not kept).
fn text(t: &Text) -> String {
    if t.content_type.to_string().contains("html") {
        let pieces = blocks::from_fragment(&t.content).pieces;
        clean(
            &pieces
                .iter()
                .filter_map(Piece::text)
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        clean(&t.content)
    }
}

fn entry(e: &Entry, written: &HashMap<i64, String>) -> Draft {
    let instant = |seconds: i64| written.get(&seconds).cloned();
    let mut notes = Vec::new();
    let link = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone())
        .or_else(|| Some(e.id.clone()).filter(|id| id.starts_with("http")));
    let summary = e.summary.as_ref().map(text).filter(|s| !s.is_empty());
    let mut body = Vec::new();
    if let Some(html) = e.content.as_ref().and_then(|c| c.body.as_deref()) {
        let converted = blocks::from_fragment(html);
        notes.extend(converted.notes());
        body = converted.pieces;
    } else if let Some(html) = e
        .summary
        .as_ref()
        .filter(|s| s.content_type.to_string().contains("html"))
    {
        // Only a summary, in HTML: that is all the text there is.
        body = blocks::from_fragment(&html.content).pieces;
    }
    // A media:content / media:thumbnail photo when the body has none.
    if !body.iter().any(|b| matches!(b, Piece::Figure(_))) {
        if let Some(m) = e.media.iter().flat_map(|m| m.content.iter()).find(|c| {
            c.content_type
                .as_ref()
                .is_some_and(|t| t.to_string().starts_with("image/"))
        }) {
            if let Some(url) = &m.url {
                body.insert(
                    0,
                    Piece::Figure(RawFigure {
                        src: url.to_string(),
                        width: m.width,
                        height: m.height,
                        alt: String::new(),
                        caption: None,
                        credit: None,
                        srcset: Vec::new(),
                    }),
                );
            }
        }
    }
    let authors = e
        .authors
        .iter()
        .filter_map(|a| {
            let name = a.name.as_deref()?.trim();
            // RSS puts "email (Name)" in <author>.
            let name = name
                .split_once('(')
                .and_then(|(_, n)| n.strip_suffix(')'))
                .unwrap_or(name)
                .trim();
            (!name.is_empty()).then(|| MetaPerson {
                name: name.to_owned(),
                url: a.uri.clone(),
            })
        })
        .collect();
    let tags = e
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .collect();
    Draft {
        url: link,
        lang: e.language.clone(),
        title: e.title.as_ref().map(text),
        lead: summary,
        published: e
            .published
            .or(e.updated)
            .and_then(|d| instant(d.timestamp())),
        updated: e
            .updated
            .filter(|_| e.published.is_some())
            .and_then(|d| instant(d.timestamp())),
        body,
        authors,
        publisher_name: None,
        publisher_url: None,
        logo: None,
        tags,
        notes,
    }
}
