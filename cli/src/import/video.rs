//! Which video an embedded player shows: the URL of an `<iframe>` (or of a
//! WordPress embed, or a Facebook SDK `data-href`) to the article format's
//! video source — a `YouTube` or Vimeo id, a Facebook video page, or the
//! player page of another video host. URLs are read with the `url` crate;
//! ids are checked as the widget checks them, so what comes out is what it
//! accepts.

use url::Url;

/// A video as found in the HTML, before its URL is resolved and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VideoRef {
    /// A `YouTube` video id (11 characters of `A-Z a-z 0-9 _ -`).
    Youtube(String),
    /// A Vimeo video id (digits).
    Vimeo(String),
    /// A Facebook video page (`https://www.facebook.com/…`).
    Facebook(String),
    /// Another video host's player page, as written (may be relative).
    Iframe(String),
}

impl VideoRef {
    /// The video host's name, for a title when the page gives none.
    pub fn host_name(&self) -> String {
        match self {
            Self::Youtube(_) => "YouTube".to_owned(),
            Self::Vimeo(_) => "Vimeo".to_owned(),
            Self::Facebook(_) => "Facebook".to_owned(),
            Self::Iframe(u) => parse(u)
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.trim_start_matches("www.").to_owned())
                })
                .unwrap_or_default(),
        }
    }
}

/// Hosts of players that show one video, besides `YouTube`, Vimeo and
/// Facebook (the ones Firefox Reader View keeps too); any other frame
/// (maps, forms, ads, posts) is not a video.
const OTHER_VIDEO_HOSTS: [&str; 8] = [
    "dailymotion.com",
    "geo.dailymotion.com",
    "player.twitch.tv",
    "archive.org",
    "upload.wikimedia.org",
    "v.qq.com",
    "rumble.com",
    "player.bilibili.com",
];

/// An absolute URL from `raw`; a protocol-relative `//host/…` is taken as
/// `https:`.
fn parse(raw: &str) -> Option<Url> {
    let raw = raw.trim();
    let url = if raw.starts_with("//") {
        Url::parse(&format!("https:{raw}")).ok()?
    } else {
        Url::parse(raw).ok()?
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

fn youtube_id(id: &str) -> Option<String> {
    (id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| id.to_owned())
}

fn vimeo_id(id: &str) -> Option<String> {
    (!id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.to_owned())
}

/// Whether `host` is `domain` or one of its subdomains.
fn on(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// A Facebook video page, as the widget accepts it (https, Facebook host).
fn facebook_page(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    if !matches!(
        host.as_str(),
        "facebook.com" | "www.facebook.com" | "m.facebook.com" | "fb.watch"
    ) {
        return None;
    }
    let mut page = url.clone();
    page.set_scheme("https").ok()?;
    if host == "m.facebook.com" || host == "facebook.com" {
        page.set_host(Some("www.facebook.com")).ok()?;
    }
    page.set_fragment(None);
    Some(page.to_string())
}

/// The video a player or page URL shows, if it is a video.
///
/// `YouTube` (`/embed/ID`, `watch?v=ID`, `youtu.be/ID`, `/shorts/ID`, also on
/// `youtube-nocookie.com`), Vimeo (`player.vimeo.com/video/ID`,
/// `vimeo.com/ID`), Facebook (its video plugin's `href`, or a video page)
/// and the players of a few other video hosts.
pub fn from_url(raw: &str) -> Option<VideoRef> {
    let url = parse(raw)?;
    let host = url.host_str()?.to_ascii_lowercase();
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    if on(&host, "youtube.com") || on(&host, "youtube-nocookie.com") {
        let id = match segments.as_slice() {
            ["embed" | "v" | "shorts" | "live", id, ..] => youtube_id(id),
            ["watch"] => url
                .query_pairs()
                .find(|(k, _)| k == "v")
                .and_then(|(_, v)| youtube_id(&v)),
            _ => None,
        };
        return id.map(VideoRef::Youtube);
    }
    if host == "youtu.be" {
        return segments
            .first()
            .and_then(|id| youtube_id(id))
            .map(VideoRef::Youtube);
    }
    if host == "player.vimeo.com" {
        return match segments.as_slice() {
            ["video", id, ..] => vimeo_id(id).map(VideoRef::Vimeo),
            _ => None,
        };
    }
    if on(&host, "vimeo.com") {
        return segments
            .iter()
            .rev()
            .find_map(|s| vimeo_id(s))
            .map(VideoRef::Vimeo);
    }
    if on(&host, "facebook.com") || host == "fb.watch" {
        if segments.first() == Some(&"plugins") {
            // `plugins/video.php?href=<the video page>`
            return url
                .query_pairs()
                .find(|(k, _)| k == "href")
                .and_then(|(_, v)| parse(&v))
                .and_then(|page| facebook_page(&page))
                .map(VideoRef::Facebook);
        }
        let is_video = host == "fb.watch"
            || segments
                .iter()
                .any(|s| matches!(*s, "videos" | "watch" | "reel" | "video.php"));
        return if is_video {
            facebook_page(&url).map(VideoRef::Facebook)
        } else {
            None
        };
    }
    OTHER_VIDEO_HOSTS
        .iter()
        .any(|d| on(&host, d))
        .then(|| VideoRef::Iframe(url.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_urls_give_the_id() {
        for u in [
            "https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed",
            "//www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
        ] {
            assert_eq!(
                from_url(u),
                Some(VideoRef::Youtube("dQw4w9WgXcQ".into())),
                "{u}"
            );
        }
        assert_eq!(from_url("https://www.youtube.com/embed/short"), None);
        assert_eq!(
            from_url("https://www.youtube.com/embed/a%22onload=x1"),
            None
        );
    }

    #[test]
    fn vimeo_and_facebook() {
        assert_eq!(
            from_url("https://player.vimeo.com/video/76979871?h=8272103f6e"),
            Some(VideoRef::Vimeo("76979871".into()))
        );
        assert_eq!(
            from_url("https://vimeo.com/76979871"),
            Some(VideoRef::Vimeo("76979871".into()))
        );
        assert_eq!(
            from_url("https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com%2Fhaiphong%2Fvideos%2F1234567890%2F&show_text=false"),
            Some(VideoRef::Facebook(
                "https://www.facebook.com/haiphong/videos/1234567890/".into()
            ))
        );
        assert_eq!(
            from_url("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fvideos%2F1"),
            None
        );
        assert_eq!(from_url("https://www.facebook.com/plugins/page.php"), None);
    }

    #[test]
    fn other_frames_are_not_videos() {
        assert_eq!(
            from_url("https://www.dailymotion.com/embed/video/x8abc"),
            Some(VideoRef::Iframe(
                "https://www.dailymotion.com/embed/video/x8abc".into()
            ))
        );
        for u in [
            "https://www.google.com/maps/embed?pb=1",
            "javascript:alert(1)",
            "data:text/html,<script>x</script>",
            "https://notyoutube.com/embed/dQw4w9WgXcQ",
            "",
        ] {
            assert_eq!(from_url(u), None, "{u}");
        }
    }
}
