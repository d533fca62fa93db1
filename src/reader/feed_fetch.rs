//! Fetching the reader's feed (the home list) and checking it with
//! [`crate::feed`]. Which feed is the publication's brand's
//! ([`crate::brand::Brand::feed`]); the service worker answers from its
//! cache when offline.

use std::fmt;

use gloo_net::http::Request;

use crate::browser::absolute_url;
use crate::feed::{parse_feed, FeedError, ParsedFeed};

/// Why the feed could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedLoadError {
    /// No answer (offline, refused).
    Network(String),
    /// An HTTP error status.
    Status(u16),
    /// The document is not a usable feed.
    Invalid(FeedError),
}

impl fmt::Display for FeedLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(detail) => write!(f, "network error ({detail})"),
            Self::Status(code) => write!(f, "HTTP {code}"),
            Self::Invalid(e) => e.fmt(f),
        }
    }
}

/// Fetches and checks the feed at `url` (relative to the page).
///
/// # Errors
///
/// A [`FeedLoadError`] naming what went wrong.
pub async fn fetch_feed(url: &str) -> Result<ParsedFeed, FeedLoadError> {
    let url = absolute_url(url);
    let response = Request::get(&url)
        .header("Accept", "application/feed+json, application/json")
        .send()
        .await
        .map_err(|e| FeedLoadError::Network(e.to_string().chars().take(120).collect()))?;
    if !(200..300).contains(&response.status()) {
        return Err(FeedLoadError::Status(response.status()));
    }
    let final_url = response.url();
    let base = if final_url.is_empty() { url } else { final_url };
    let bytes = response
        .binary()
        .await
        .map_err(|e| FeedLoadError::Network(e.to_string().chars().take(120).collect()))?;
    parse_feed(&bytes, Some(&base)).map_err(FeedLoadError::Invalid)
}
