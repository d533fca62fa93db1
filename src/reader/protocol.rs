//! Messages between the reader page and its service worker (`pwa/sw.js`), as
//! plain serde types so both directions are tested natively. On the wire each
//! is a JSON object with a `type` field, built with `JSON.parse` on the page.

use serde::{Deserialize, Serialize};

/// Name of the cache holding saved articles and their images (`sw.js` `SAVED`).
pub const SAVED_CACHE: &str = "aw-saved-v1";

/// Header on a saved article holding its percent-encoded title (`sw.js` `TITLE`).
pub const TITLE_HEADER: &str = "x-aw-title";

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// Activate the waiting worker now (the reader then reloads once).
    SkipWaiting,
    /// Keep this article JSON and its images for offline reading.
    Save {
        /// Absolute URL of the article JSON.
        url: String,
        /// Title shown in the saved list.
        title: String,
    },
    /// Forget a saved article.
    Unsave {
        /// Absolute URL of the article JSON.
        url: String,
    },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// A network request by the worker succeeded or failed.
    Network {
        /// Whether the network answered.
        online: bool,
    },
    /// The outcome of a [`ToWorker::Save`].
    Saved {
        /// The article JSON URL.
        url: String,
        /// Whether the article was stored.
        ok: bool,
    },
    /// A [`ToWorker::Unsave`] was done.
    Unsaved {
        /// The article JSON URL.
        url: String,
    },
    /// The worker's build version.
    Version {
        /// The version hash.
        build: String,
    },
}

impl FromWorker {
    /// Parses a message; unknown or malformed ones give `None` (a newer worker
    /// may send kinds this page does not know).
    pub fn parse(json: &str) -> Option<FromWorker> {
        serde_json::from_str(json).ok()
    }
}

impl ToWorker {
    /// The JSON text of the message.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_the_worker() {
        assert_eq!(
            ToWorker::SkipWaiting.to_json(),
            r#"{"type":"skip-waiting"}"#
        );
        assert_eq!(
            ToWorker::Save {
                url: "http://h/a.json".into(),
                title: "Tin \"A\"".into()
            }
            .to_json(),
            r#"{"type":"save","url":"http://h/a.json","title":"Tin \"A\""}"#
        );
        assert_eq!(
            FromWorker::parse(r#"{"type":"network","online":false}"#),
            Some(FromWorker::Network { online: false })
        );
        assert_eq!(
            FromWorker::parse(r#"{"type":"saved","url":"u","ok":true,"images":3}"#),
            Some(FromWorker::Saved {
                url: "u".into(),
                ok: true
            })
        );
        assert_eq!(FromWorker::parse(r#"{"type":"future"}"#), None);
        assert_eq!(FromWorker::parse("not json"), None);
    }
}
