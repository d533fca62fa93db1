//! The last good copy of recently read articles, kept for when the network
//! fails: which copies to keep, how big they may be, and how they are laid
//! out in `localStorage`.
//!
//! Pure bookkeeping with no browser code; [`crate::browser`] reads and writes
//! the keys. The widget may be embedded in a partner's page and so shares
//! that page's storage, so it keeps little: at most [`MAX_ENTRIES`] articles,
//! each at most [`MAX_ENTRY_BYTES`], [`MAX_TOTAL_BYTES`] in all, least
//! recently used first out. A copy is raw article JSON and is validated again
//! like any feed when it is read back, so a tampered copy cannot do more
//! than a hostile feed could.

use serde::{Deserialize, Serialize};

/// Largest article JSON kept, in bytes (1 MiB).
pub const MAX_ENTRY_BYTES: usize = 1024 * 1024;
/// Most articles kept.
pub const MAX_ENTRIES: usize = 4;
/// Most bytes kept over all articles (2 MiB: well under browsers' 5 MB quota).
pub const MAX_TOTAL_BYTES: usize = 2 * 1024 * 1024;
/// Storage key of the index.
pub const INDEX_KEY: &str = "aw-offline/v1/index";
/// Prefix of the storage key of each copy.
pub const ENTRY_PREFIX: &str = "aw-offline/v1/article:";

/// The storage key of the copy of the article fetched from `url`.
pub fn entry_key(url: &str) -> String {
    format!("{ENTRY_PREFIX}{url}")
}

/// What the index knows about one kept copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The URL the article was requested from (the cache key).
    pub url: String,
    /// The final URL after redirects: the base for relative references.
    pub base: String,
    /// When the copy was saved, RFC 3339 with the reader's UTC offset.
    pub saved: String,
    /// Size of the JSON in bytes.
    pub bytes: usize,
}

/// The kept copies, most recently used first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// The entries, most recently used first.
    pub entries: Vec<Entry>,
}

/// Why a copy was not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotKept {
    /// Larger than [`MAX_ENTRY_BYTES`].
    TooLarge,
}

impl Index {
    /// Reads a stored index; anything unreadable (absent, foreign, tampered)
    /// is an empty index, and entries past the limits are dropped.
    pub fn parse(stored: Option<&str>) -> Self {
        let mut index: Index = stored
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        index.entries.retain(|e| e.bytes <= MAX_ENTRY_BYTES);
        let mut seen = Vec::new();
        index.entries.retain(|e| {
            let fresh = !seen.contains(&e.url);
            seen.push(e.url.clone());
            fresh
        });
        index.evict();
        index
    }

    /// The index as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"entries\":[]}".to_owned())
    }

    /// The entry for `url`, if a copy is kept.
    pub fn get(&self, url: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.url == url)
    }

    /// Records a new copy as the most recently used and returns the URLs
    /// whose copies must now be removed from storage.
    ///
    /// # Errors
    ///
    /// [`NotKept::TooLarge`] when the copy exceeds [`MAX_ENTRY_BYTES`]; the
    /// index is unchanged then (an older copy of the same URL stays).
    pub fn admit(&mut self, entry: Entry) -> Result<Vec<String>, NotKept> {
        if entry.bytes > MAX_ENTRY_BYTES {
            return Err(NotKept::TooLarge);
        }
        self.entries.retain(|e| e.url != entry.url);
        self.entries.insert(0, entry);
        Ok(self.evict())
    }

    /// Forgets the copy of `url` (e.g. it could not be stored or read).
    pub fn remove(&mut self, url: &str) {
        self.entries.retain(|e| e.url != url);
    }

    /// Drops least recently used entries until the limits hold; returns their URLs.
    fn evict(&mut self) -> Vec<String> {
        let mut evicted = Vec::new();
        while self.entries.len() > MAX_ENTRIES || self.total_bytes() > MAX_TOTAL_BYTES {
            match self.entries.pop() {
                Some(e) => evicted.push(e.url),
                None => break,
            }
        }
        evicted
    }

    /// The oldest entry's URL, to make room when storage refuses a write.
    pub fn pop_oldest(&mut self) -> Option<String> {
        // Never the newest: that is the copy being stored.
        if self.entries.len() > 1 {
            self.entries.pop().map(|e| e.url)
        } else {
            None
        }
    }

    /// Bytes kept in all.
    pub fn total_bytes(&self) -> usize {
        self.entries.iter().map(|e| e.bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, bytes: usize) -> Entry {
        Entry {
            url: url.to_owned(),
            base: url.to_owned(),
            saved: "2026-11-25T19:00:00+07:00".to_owned(),
            bytes,
        }
    }

    #[test]
    fn keeps_the_most_recent_few() {
        let mut index = Index::default();
        for i in 0..MAX_ENTRIES {
            assert_eq!(index.admit(entry(&format!("u{i}"), 10)), Ok(vec![]));
        }
        assert_eq!(index.admit(entry("new", 10)), Ok(vec!["u0".to_owned()]));
        assert_eq!(index.entries[0].url, "new");
        // Re-admitting moves an entry to the front without duplicating it.
        assert_eq!(index.admit(entry("u2", 20)), Ok(vec![]));
        assert_eq!(index.entries.len(), MAX_ENTRIES);
        assert_eq!(index.entries[0].url, "u2");
        assert_eq!(index.get("u2").map(|e| e.bytes), Some(20));
    }

    #[test]
    fn size_limits() {
        let mut index = Index::default();
        assert_eq!(
            index.admit(entry("big", MAX_ENTRY_BYTES + 1)),
            Err(NotKept::TooLarge)
        );
        assert!(index.entries.is_empty());
        index.admit(entry("a", MAX_ENTRY_BYTES)).unwrap();
        index.admit(entry("b", MAX_ENTRY_BYTES)).unwrap();
        assert_eq!(index.admit(entry("c", 1)), Ok(vec!["a".to_owned()]));
        assert!(index.total_bytes() <= MAX_TOTAL_BYTES);
    }

    #[test]
    fn stored_index_round_trips_and_tolerates_garbage() {
        let mut index = Index::default();
        index.admit(entry("a", 5)).unwrap();
        assert_eq!(Index::parse(Some(&index.to_json())), index);
        assert_eq!(Index::parse(None), Index::default());
        assert_eq!(Index::parse(Some("{not json")), Index::default());
        assert_eq!(Index::parse(Some("[1,2,3]")), Index::default());
        let tampered = format!(
            r#"{{"entries":[{0},{0},{1}]}}"#,
            serde_json::to_string(&entry("x", 1)).unwrap(),
            serde_json::to_string(&entry("huge", usize::MAX)).unwrap()
        );
        assert_eq!(Index::parse(Some(&tampered)).entries, vec![entry("x", 1)]);
    }

    #[test]
    fn pop_oldest_spares_the_newest() {
        let mut index = Index::default();
        index.admit(entry("a", 1)).unwrap();
        assert_eq!(index.pop_oldest(), None);
        index.admit(entry("b", 1)).unwrap();
        assert_eq!(index.pop_oldest(), Some("a".to_owned()));
        assert_eq!(
            entry_key("http://x/a.json"),
            "aw-offline/v1/article:http://x/a.json"
        );
    }
}
