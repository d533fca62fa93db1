//! WordPress's REST API: a `wp/v2/posts` response (one post or a list, with
//! or without `?_embed`) to one [`Draft`] per post. `content.rendered` is
//! HTML and goes through [`super::blocks`]; the featured image becomes the
//! first figure; with `_embed`, the author's name and the categories' and
//! tags' names come along (without it they are only numbers, reported).
//!
//! WordPress gives `date` in the site's time without an offset and
//! `date_gmt` in UTC: their difference is the offset, so no time zone has to
//! be guessed when both are there.

use serde_json::Value;

use super::blocks::{self, Piece, RawFigure};
use super::draft::Draft;
use super::metadata::{MetaImage, MetaPerson};
use super::text::clean;

/// Whether a JSON value looks like a post or a list of posts.
pub fn looks_like(v: &Value) -> bool {
    let post = |p: &Value| p.get("content").and_then(|c| c.get("rendered")).is_some();
    match v {
        Value::Array(items) => items.first().is_some_and(post),
        other => post(other),
    }
}

/// The posts of a response.
///
/// # Errors
///
/// A message when the JSON is neither a post nor a list of posts.
pub fn import(v: &Value) -> Result<Vec<Result<Draft, String>>, String> {
    match v {
        Value::Array(items) => Ok(items.iter().map(post).collect()),
        Value::Object(_) if looks_like(v) => Ok(vec![post(v)]),
        _ => Err("not a WordPress post or list of posts (no content.rendered)".to_owned()),
    }
}

/// Plain text of a `{ "rendered": "<html>" }` field.
fn rendered_text(v: Option<&Value>) -> Option<String> {
    let html = v?.get("rendered")?.as_str()?;
    let pieces = blocks::from_fragment(html).pieces;
    let text: Vec<String> = pieces.iter().filter_map(Piece::text).collect();
    Some(clean(&text.join(" "))).filter(|t| !t.is_empty())
}

fn str_field<'a>(v: &'a Value, name: &str) -> Option<&'a str> {
    v.get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// `date` with the offset that `date_gmt` implies, as RFC 3339.
fn dated(post: &Value, local: &str, gmt: &str) -> Option<String> {
    let local_raw = str_field(post, local)?;
    let Some(gmt_raw) = str_field(post, gmt) else {
        return Some(local_raw.to_owned());
    };
    let local_dt: jiff::civil::DateTime = local_raw.parse().ok()?;
    let gmt_dt: jiff::civil::DateTime = gmt_raw.parse().ok()?;
    let seconds = local_dt
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp()
        .as_second()
        - gmt_dt
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_second();
    let offset = jiff::tz::Offset::from_seconds(i32::try_from(seconds).ok()?).ok()?;
    let z = local_dt
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
        .ok()?;
    Some(super::dates::format(&z))
}

fn post(p: &Value) -> Result<Draft, String> {
    let mut notes = Vec::new();
    let content = p
        .get("content")
        .and_then(|c| c.get("rendered"))
        .and_then(Value::as_str)
        .ok_or("a post without content.rendered")?;
    if p.get("content").and_then(|c| c.get("protected")) == Some(&Value::Bool(true)) {
        return Err("the post is password-protected".to_owned());
    }
    let converted = blocks::from_fragment(content);
    notes.extend(converted.notes());
    let mut body = converted.pieces;
    let embedded = p.get("_embedded");

    // The featured image first, as on the post's page.
    if let Some(media) = embedded
        .and_then(|e| e.get("wp:featuredmedia"))
        .and_then(|m| m.get(0))
    {
        if let Some(src) = str_field(media, "source_url") {
            let details = media.get("media_details");
            let dim = |n: &str| {
                details
                    .and_then(|d| d.get(n))
                    .and_then(Value::as_u64)
                    .and_then(|v| u32::try_from(v).ok())
            };
            let fig = RawFigure {
                src: src.to_owned(),
                width: dim("width"),
                height: dim("height"),
                alt: str_field(media, "alt_text").map(clean).unwrap_or_default(),
                caption: rendered_text(media.get("caption")),
                credit: None,
                srcset: Vec::new(),
            };
            if !body
                .iter()
                .any(|b| matches!(b, Piece::Figure(f) if f.src == fig.src))
            {
                body.insert(0, Piece::Figure(fig));
            }
        }
    } else if p.get("featured_media").and_then(Value::as_u64).unwrap_or(0) > 0 {
        notes.push("featured image left out: it is only an id without _embed".to_owned());
    }

    let mut authors = Vec::new();
    if let Some(list) = embedded
        .and_then(|e| e.get("author"))
        .and_then(Value::as_array)
    {
        for a in list {
            if let Some(name) = str_field(a, "name") {
                authors.push(MetaPerson {
                    name: clean(name),
                    url: str_field(a, "link").map(str::to_owned),
                });
            }
        }
    } else if p.get("author").is_some_and(Value::is_number) {
        notes.push("author left out: it is only an id without _embed".to_owned());
    }

    let mut tags = Vec::new();
    if let Some(groups) = embedded
        .and_then(|e| e.get("wp:term"))
        .and_then(Value::as_array)
    {
        for term in groups.iter().filter_map(Value::as_array).flatten() {
            if let Some(name) = str_field(term, "name") {
                // WordPress's default category says nothing about the post.
                if name != "Uncategorized" {
                    tags.push(clean(&blocks_text(name)));
                }
            }
        }
    } else if ["categories", "tags"].iter().any(|k| {
        p.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    }) {
        notes.push("categories and tags left out: they are only ids without _embed".to_owned());
    }

    let yoast = p.get("yoast_head_json");
    let site_name = yoast.and_then(|y| str_field(y, "og_site_name")).map(clean);
    let lang = yoast
        .and_then(|y| str_field(y, "og_locale"))
        .map(str::to_owned);
    let logo = None::<MetaImage>;
    Ok(Draft {
        url: str_field(p, "link").map(str::to_owned),
        lang,
        title: rendered_text(p.get("title")),
        lead: rendered_text(p.get("excerpt")),
        published: dated(p, "date", "date_gmt"),
        updated: dated(p, "modified", "modified_gmt"),
        body,
        authors,
        publisher_name: site_name,
        publisher_url: None,
        logo,
        tags,
        notes,
    })
}

/// Term names come HTML-escaped (`Tin t&amp;c`).
fn blocks_text(name: &str) -> String {
    let pieces = blocks::from_fragment(name).pieces;
    pieces
        .iter()
        .filter_map(Piece::text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_date_gmt_give_the_offset() {
        let p = serde_json::json!({
            "date": "2022-11-25T15:15:00", "date_gmt": "2022-11-25T08:15:00"
        });
        assert_eq!(
            dated(&p, "date", "date_gmt").as_deref(),
            Some("2022-11-25T15:15:00+07:00")
        );
        let only_local = serde_json::json!({ "date": "2022-11-25T15:15:00" });
        assert_eq!(
            dated(&only_local, "date", "date_gmt").as_deref(),
            Some("2022-11-25T15:15:00")
        );
    }

    #[test]
    fn titles_are_unescaped_text() {
        let v = serde_json::json!({ "rendered": "Tin &#8220;mới&#8221; &amp; <em>nóng</em>" });
        assert_eq!(rendered_text(Some(&v)).as_deref(), Some("Tin “mới” & nóng"));
    }
}
