//! The reader's article list: a [JSON Feed 1.1](https://jsonfeed.org/version/1.1)
//! document turned into checked [`FeedItem`]s, reporting every problem.
//!
//! Same approach as [`crate::validate`]: bytes go through the guarded
//! [`parse_json`] (size cap, UTF-8, nesting depth, syntax), then a walk over
//! the value collects *all* problems with their JSON path. A broken feed-level
//! field (`version`, `items`) is an [`Severity::Error`]; a broken item is
//! dropped with [`Severity::Warning`]s so the rest of the list still shows.
//! Nothing here panics on any input.
//!
//! Each item must carry the extension object `_article_widget.json`: the URL of
//! the article's JSON in this project's format (relative to the feed). Its file
//! name without `.json` is the item's slug, used in `?article=<slug>` links.

use std::fmt;

use serde_json::{Map, Value};

use crate::datetime::DateTime;
use crate::route::is_valid_slug;
use crate::url;
use crate::validate::{parse_json, ParseError, Problem, Severity};

/// Most items read from one feed; later ones are dropped with a warning.
pub const MAX_ITEMS: usize = 500;

/// Longest title or summary kept, in characters; longer ones are cut.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// One article in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    /// The feed's unique id of the item.
    pub id: String,
    /// Short name used in the reader's URL (`?article=<slug>`).
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Lead / summary, if given.
    pub summary: Option<String>,
    /// Publication date-time, if given and valid.
    pub published: Option<DateTime>,
    /// Thumbnail URL (resolved), if given and valid.
    pub image: Option<String>,
    /// The article's page on the publisher's site, if given and valid.
    pub url: Option<String>,
    /// The article's JSON (resolved against the feed's URL).
    pub json: String,
}

/// A checked feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    /// The feed's title.
    pub title: String,
    /// The feed's language tag, if given.
    pub language: Option<String>,
    /// The usable items, in feed order.
    pub items: Vec<FeedItem>,
}

impl Feed {
    /// The item with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<&FeedItem> {
        self.items.iter().find(|i| i.slug == slug)
    }

    /// The item whose article JSON is at `json` (an absolute URL).
    pub fn by_json(&self, json: &str) -> Option<&FeedItem> {
        self.items.iter().find(|i| i.json == json)
    }
}

/// A checked feed plus the items or fields that had to be left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed.
    pub feed: Feed,
    /// What was dropped, with why.
    pub warnings: Vec<Problem>,
}

/// Why a document is not a usable feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    /// The bytes are not acceptable JSON (size, encoding, depth, syntax).
    Json(ParseError),
    /// Valid JSON but not a JSON Feed: every problem found.
    Invalid(Vec<Problem>),
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(e) => write!(f, "the feed could not be read: {e}"),
            Self::Invalid(problems) => {
                let errors: Vec<String> = problems
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .map(ToString::to_string)
                    .collect();
                write!(f, "the feed is not valid: {}", errors.join("; "))
            }
        }
    }
}

impl std::error::Error for FeedError {}

/// Parses and checks a JSON Feed document fetched from `base`.
///
/// # Errors
///
/// [`FeedError::Json`] when the bytes are not acceptable JSON,
/// [`FeedError::Invalid`] with every problem when a feed-level field is wrong.
pub fn parse_feed(bytes: &[u8], base: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let value = parse_json(bytes).map_err(FeedError::Json)?;
    feed_from_value(&value, base)
}

/// Checks a JSON value as a feed (see [`parse_feed`]).
///
/// # Errors
///
/// [`FeedError::Invalid`] with every problem when a feed-level field is wrong.
pub fn feed_from_value(value: &Value, base: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let mut problems = Vec::new();
    let Some(obj) = value.as_object() else {
        problems.push(error("", "a feed must be a JSON object"));
        return Err(FeedError::Invalid(problems));
    };
    match obj.get("version").and_then(Value::as_str) {
        Some(v) if v.starts_with("https://jsonfeed.org/version/1") => {}
        Some(v) => problems.push(error(
            "version",
            &format!("not a JSON Feed 1.x version URL: {:?}", short(v)),
        )),
        None => problems.push(error("version", "missing (a JSON Feed version URL)")),
    }
    let title = match obj.get("title").and_then(Value::as_str) {
        Some(t) if !t.trim().is_empty() => cut(t.trim()),
        _ => {
            problems.push(warning("title", "missing or empty"));
            String::new()
        }
    };
    let language = obj
        .get("language")
        .and_then(Value::as_str)
        .map(|l| cut(l.trim()))
        .filter(|l| !l.is_empty());
    let mut items = Vec::new();
    match obj.get("items") {
        Some(Value::Array(list)) => {
            if list.len() > MAX_ITEMS {
                problems.push(warning(
                    "items",
                    &format!("{} items; only the first {MAX_ITEMS} are read", list.len()),
                ));
            }
            for (i, item) in list.iter().take(MAX_ITEMS).enumerate() {
                let path = format!("items[{i}]");
                if let Some(item) = read_item(item, &path, base, &mut problems) {
                    if items.iter().any(|o: &FeedItem| o.slug == item.slug) {
                        problems.push(warning(
                            &format!("{path}._article_widget.json"),
                            &format!("slug {:?} is used by an earlier item; dropped", item.slug),
                        ));
                    } else {
                        items.push(item);
                    }
                }
            }
        }
        Some(_) => problems.push(error("items", "must be an array")),
        None => problems.push(error("items", "missing")),
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(FeedError::Invalid(problems));
    }
    Ok(ParsedFeed {
        feed: Feed {
            title,
            language,
            items,
        },
        warnings: problems,
    })
}

/// One item, or `None` (with warnings) when it cannot be listed.
fn read_item(
    value: &Value,
    path: &str,
    base: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<FeedItem> {
    let Some(obj) = value.as_object() else {
        problems.push(warning(path, "an item must be an object; dropped"));
        return None;
    };
    let before = problems.len();
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(cut(s.trim())),
        // JSON Feed allows a number here if it is unique; keep it as text.
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => {
            problems.push(warning(&join(path, "id"), "missing or empty; item dropped"));
            None
        }
    };
    let title = text(obj, "title");
    if title.is_none() {
        problems.push(warning(
            &join(path, "title"),
            "missing or empty; item dropped",
        ));
    }
    let json_path = join(path, "_article_widget.json");
    let reference = obj
        .get("_article_widget")
        .and_then(Value::as_object)
        .and_then(|ext| ext.get("json"))
        .and_then(Value::as_str);
    let json = if let Some(reference) = reference {
        match url::resolve(base, reference.trim()) {
            Ok(resolved) => Some(resolved),
            Err(e) => {
                problems.push(warning(&json_path, &format!("{e}; item dropped")));
                None
            }
        }
    } else {
        problems.push(warning(&json_path, "missing; item dropped"));
        None
    };
    let slug = json.as_deref().and_then(|j| {
        let slug = slug_of(j);
        if slug.is_none() {
            problems.push(warning(
                &json_path,
                "its file name does not make a slug (letters, digits, - and _, ending .json); item dropped",
            ));
        }
        slug
    });
    let summary = text(obj, "summary").or_else(|| text(obj, "content_text"));
    let published = obj.get("date_published").and_then(|v| {
        if let Some(Ok(d)) = v.as_str().map(DateTime::parse) {
            Some(d)
        } else {
            problems.push(warning(
                &join(path, "date_published"),
                "not an RFC 3339 date-time; left out",
            ));
            None
        }
    });
    let image = optional_url(obj, "image", path, base, problems);
    let page = optional_url(obj, "url", path, base, problems);
    if problems.len() > before
        && problems[before..]
            .iter()
            .any(|p| p.message.ends_with("item dropped"))
    {
        return None;
    }
    Some(FeedItem {
        id: id?,
        slug: slug?,
        title: title?,
        summary,
        published,
        image,
        url: page,
        json: json?,
    })
}

/// A trimmed, non-empty string field, cut to [`MAX_TEXT_CHARS`].
fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(cut)
}

/// An optional URL field, resolved; a bad one is left out with a warning.
fn optional_url(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    base: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let value = obj.get(key)?;
    let result = match value.as_str() {
        Some(s) => url::resolve(base, s.trim()).map_err(|e| e.to_string()),
        None => Err("not a string".to_owned()),
    };
    match result {
        Ok(u) => Some(u),
        Err(e) => {
            problems.push(warning(&join(path, key), &format!("{e}; left out")));
            None
        }
    }
}

/// The slug of an article JSON URL: its last path segment without `.json`.
pub fn slug_of(json_url: &str) -> Option<String> {
    let path = json_url.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next()?;
    let slug = name.strip_suffix(".json")?;
    is_valid_slug(slug).then(|| slug.to_owned())
}

fn cut(s: &str) -> String {
    s.chars().take(MAX_TEXT_CHARS).collect()
}

fn short(s: &str) -> String {
    s.chars().take(80).collect()
}

fn join(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

fn error(path: &str, message: &str) -> Problem {
    Problem {
        path: path.to_owned(),
        message: message.to_owned(),
        severity: Severity::Error,
    }
}

fn warning(path: &str, message: &str) -> Problem {
    Problem {
        path: path.to_owned(),
        message: message.to_owned(),
        severity: Severity::Warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://127.0.0.1:8080/tin-tuc/demo/articles/index.json";

    fn item(slug: &str) -> Value {
        serde_json::json!({
            "id": format!("https://example.vn/{slug}.html"),
            "url": format!("https://example.vn/{slug}.html"),
            "title": format!("Bài {slug}"),
            "summary": "Tóm tắt",
            "date_published": "2022-11-25T15:15:00+07:00",
            "image": "../images/a.svg",
            "_article_widget": { "json": format!("{slug}.json") }
        })
    }

    fn feed(items: Vec<Value>) -> Value {
        serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Tin",
            "language": "vi",
            "items": items
        })
    }

    #[test]
    fn demo_feed_parses_cleanly() {
        let bytes = include_bytes!("../demo/articles/index.json");
        let parsed = parse_feed(bytes, Some(BASE));
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}");
        };
        assert_eq!(parsed.warnings, []);
        assert!(parsed.feed.items.len() >= 4);
        let first = &parsed.feed.items[0];
        assert_eq!(first.slug, "quan-uy-le-chan-tong-ket-nghi-quyet-8");
        assert_eq!(
            first.json,
            "http://127.0.0.1:8080/tin-tuc/demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json"
        );
        assert_eq!(
            first.image.as_deref(),
            Some("http://127.0.0.1:8080/tin-tuc/demo/images/thumb-quan-uy-le-chan.svg")
        );
        assert!(first.published.is_some() && first.summary.is_some());
        assert_eq!(parsed.feed.by_slug(&first.slug), Some(first));
        assert_eq!(parsed.feed.by_json(&first.json), Some(first));
        assert_eq!(parsed.feed.language.as_deref(), Some("vi"));
    }

    #[test]
    fn bad_items_are_dropped_with_every_reason() {
        let mut bad = item("b");
        bad["title"] = Value::Null;
        bad["date_published"] = "yesterday".into();
        let mut no_json = item("c");
        no_json["_article_widget"] = serde_json::json!({});
        let mut soft = item("d");
        soft["date_published"] = "25/11/2022".into();
        soft["image"] = "javascript:alert(1)".into();
        let doc = feed(vec![
            item("a"),
            bad,
            no_json,
            Value::from(3),
            soft,
            item("a"),
        ]);
        let parsed = feed_from_value(&doc, Some(BASE));
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}");
        };
        let slugs: Vec<&str> = parsed.feed.items.iter().map(|i| i.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "d"]);
        let d = &parsed.feed.items[1];
        assert_eq!((d.published.as_ref(), d.image.as_ref()), (None, None));
        let paths: Vec<&str> = parsed.warnings.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "items[1].title",
                "items[1].date_published",
                "items[2]._article_widget.json",
                "items[3]",
                "items[4].date_published",
                "items[4].image",
                "items[5]._article_widget.json",
            ]
        );
        assert!(parsed
            .warnings
            .iter()
            .all(|p| p.severity == Severity::Warning));
    }

    #[test]
    fn feed_level_errors_are_all_reported() {
        let doc = serde_json::json!({ "version": "https://example.com/rss", "items": {} });
        match feed_from_value(&doc, Some(BASE)) {
            Err(FeedError::Invalid(problems)) => {
                let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
                assert_eq!(paths, ["version", "title", "items"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            feed_from_value(&Value::from("x"), None),
            Err(FeedError::Invalid(_))
        ));
        assert!(matches!(
            parse_feed(b"{\"items\": [", None),
            Err(FeedError::Json(ParseError::Syntax { .. }))
        ));
        assert!(matches!(
            parse_feed(b"", None),
            Err(FeedError::Json(ParseError::Empty))
        ));
        let deep = "[".repeat(10_000);
        assert!(parse_feed(deep.as_bytes(), None).is_err());
    }

    #[test]
    fn item_count_is_capped_and_relative_urls_need_a_base() {
        let items: Vec<Value> = (0..=MAX_ITEMS).map(|i| item(&format!("s{i}"))).collect();
        let parsed = feed_from_value(&feed(items), Some(BASE));
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}");
        };
        assert_eq!(parsed.feed.items.len(), MAX_ITEMS);
        assert_eq!(parsed.warnings.len(), 1);
        // Without a base, relative article references cannot be resolved.
        let parsed = feed_from_value(&feed(vec![item("a")]), None);
        assert!(matches!(parsed, Ok(ref p) if p.feed.items.is_empty()));
    }

    #[test]
    fn slugs_from_urls() {
        assert_eq!(slug_of("http://h/a/b-c.json?x=1").as_deref(), Some("b-c"));
        assert_eq!(slug_of("http://h/a/b.html"), None);
        assert_eq!(slug_of("http://h/a/.json"), None);
        assert_eq!(slug_of("http://h/a/b%20c.json"), None);
    }
}
