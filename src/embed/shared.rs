//! What the loader (`embed/embed.js`) shares with Rust: constants it needs
//! without asking the engine (limits, timings, storage names, the media
//! types an article may come as), and the names of the events
//! `<article-widget>` dispatches. (The few rules it applies before the
//! engine is ready live in `embed/rules.js`, which takes its constants from
//! here and is checked against the engine in node.) It also names what in
//! an article needs the rich engine (`embed/rich.js`).
//!
//! Each is defined once, in Rust, next to the code that uses it; `cargo
//! xtask build` writes [`js_module`] as `shared.js` beside the loader and
//! bundles it in, so the loader imports these values instead of copying
//! them. The Yew `ArticleWidget` listens for the same [`event`] names.

use crate::prelude::*;

/// Names of the `CustomEvent`s an `<article-widget>` element dispatches on
/// itself (they bubble; see `docs/embedding.md` for their `detail`).
pub mod event {
    /// An article is shown: `{ title, url, src }`.
    pub const LOADED: &str = "aw-loaded";
    /// A load failed: `{ kind, status, retryIn }` (`kind` as the loader
    /// reports a fetch to the engine, `invalid` for a document the engine
    /// refused, `engine` when the wasm could not load).
    pub const FAILED: &str = "aw-failed";
    /// The reader used a share tool: `{ network, url }`.
    pub const SHARE: &str = "aw-share";
    /// The reader followed a related article: `{ url, src }`; cancelable,
    /// so a host can show it in place.
    pub const NAVIGATE: &str = "aw-navigate";
    /// The reader changed the text size: `{ percent }`.
    pub const TEXT_SIZE: &str = "aw-textsize";
}

/// The last good copy of each article, which the loader keeps in the Cache
/// API of the page's origin after a load that succeeded, and shows (through
/// the engine, under a notice) when a later load fails in a way the network
/// may mend. See `docs/security.md`.
pub mod last_good {
    /// The name of the cache the copies are kept in (one entry per article
    /// URL).
    pub const CACHE: &str = "article-widget:last-good";
    /// Most copies kept; the least recently saved go first.
    pub const MAX_COPIES: u32 = 20;
    /// Most bytes kept, all copies together; an article larger than this
    /// is not kept at all.
    pub const MAX_BYTES: u32 = 2 * 1024 * 1024;
}

/// How long a QR code waits for the browser to be idle before it is made
/// anyway, in milliseconds: encoding one costs 10–25 ms on a phone and must
/// not delay any widget's text.
pub const QR_IDLE_TIMEOUT_MS: u32 = 2000;

/// Every shared value as `(name, JavaScript literal)`, in the module's order.
fn values() -> Vec<(&'static str, String)> {
    let text = |s: &str| {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    };
    let mut json_types = String::from("[");
    for (i, mime) in crate::load::JSON_TYPES.iter().enumerate() {
        if i > 0 {
            json_types.push(',');
        }
        json_types.push_str(&text(mime));
    }
    json_types.push(']');
    // What the loader looks for in an article's text to know that it
    // needs the rich engine (`embed/rich.js`): a rich block type, or a
    // rich field holding an array.
    let mut rich = String::from("\"type\"\\s*:\\s*\"(?:");
    for (i, t) in crate::validate::RICH_BLOCK_TYPES.iter().enumerate() {
        if i > 0 {
            rich.push('|');
        }
        rich.push_str(t);
    }
    rich.push_str(")\"|\"(?:");
    for (i, f) in crate::validate::RICH_ARRAY_FIELDS.iter().enumerate() {
        if i > 0 {
            rich.push('|');
        }
        rich.push_str(f);
    }
    rich.push_str(")\"\\s*:\\s*\\[");
    vec![
        ("MAX_BYTES", crate::validate::limits::MAX_BYTES.to_string()),
        (
            "EAGER_FIGURE_BLOCKS",
            crate::markup::EAGER_FIGURE_BLOCKS.to_string(),
        ),
        ("JSON_TYPES", json_types),
        ("FETCH_TIMEOUT_S", crate::load::TIMEOUT_SECONDS.to_string()),
        (
            "MAX_TIMEOUT_S",
            crate::load::MAX_TIMEOUT_SECONDS.to_string(),
        ),
        ("TEXT_SIZE_KEY", text(crate::text_size::STORAGE_KEY)),
        ("LAST_GOOD_CACHE", text(last_good::CACHE)),
        ("LAST_GOOD_MAX_COPIES", last_good::MAX_COPIES.to_string()),
        ("LAST_GOOD_MAX_BYTES", last_good::MAX_BYTES.to_string()),
        ("QR_IDLE_TIMEOUT_MS", QR_IDLE_TIMEOUT_MS.to_string()),
        ("EVENT_LOADED", text(event::LOADED)),
        ("EVENT_FAILED", text(event::FAILED)),
        ("EVENT_SHARE", text(event::SHARE)),
        ("EVENT_NAVIGATE", text(event::NAVIGATE)),
        ("EVENT_TEXT_SIZE", text(event::TEXT_SIZE)),
        ("RICH_PATTERN", text(&rich)),
    ]
}

/// The shared values as an ES module: one `export const NAME = value;` line
/// each, under a comment saying where they come from.
pub fn js_module() -> String {
    let mut out = String::from(
        "// Generated by `cargo xtask build` from src/embed/shared.rs: edit the Rust, not this.\n",
    );
    for (name, value) in values() {
        out.push_str("export const ");
        out.push_str(name);
        out.push_str(" = ");
        out.push_str(&value);
        out.push_str(";\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::js_module;

    #[test]
    fn the_module_exports_each_value_once_as_a_literal() {
        let module = js_module();
        assert!(
            module.contains("export const FETCH_TIMEOUT_S = 15;\n"),
            "{module}"
        );
        assert!(
            module.contains("export const TEXT_SIZE_KEY = \"article-widget:text-size\";\n"),
            "{module}"
        );
        assert!(
            module.contains("export const JSON_TYPES = [\"application/json\",\"text/json\","),
            "{module}"
        );
        let names: Vec<&str> = module
            .lines()
            .filter_map(|l| l.strip_prefix("export const "))
            .filter_map(|l| l.split(' ').next())
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{names:?}");
        assert!(module.lines().skip(1).all(|l| l.ends_with(';')));
        assert!(
            module.contains(
                "export const RICH_PATTERN = \"\\\"type\\\"\\\\s*:\\\\s*\\\"(?:pullquote|list|table|video|gallery|separator)\\\"|\\\"(?:text|srcset)\\\"\\\\s*:\\\\s*\\\\[\";\n"
            ),
            "{module}"
        );
    }
}
