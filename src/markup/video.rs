//! Embedded videos behind a click-to-load facade.
//!
//! Until the reader presses play, a video is only a link to its page on the
//! video host, drawn as a still (the publisher's poster), the title, the
//! host's name and a play button: nothing is requested from the video host,
//! so it sets no cookie and learns nothing about readers who never play.
//! The widget's script turns the press into the player: it asks
//! [`video_player`] for the `<iframe>` and puts it in the facade's place,
//! with a link to the video's page under it (which stays useful where the
//! page's Content-Security-Policy does not allow the player in `frame-src`).
//! Without the script the link opens the video on its host.
//!
//! A `YouTube` video plays from `youtube-nocookie.com`. A generic player page is
//! framed only when its host is in the widget's list of allowed video
//! hosts ([`WidgetConfig::video_hosts`]); otherwise its facade stays a link.

use super::figure::caption;
use super::{attr, escape_into, new_tab};
use crate::config::WidgetConfig;
use crate::decimal;
use crate::i18n::Labels;
use crate::model::{Block, Video, VideoSource};
use crate::prelude::*;
use crate::share::encode_component;
use crate::url;
use crate::validate::Parsed;

/// What a player `<iframe>` may use: autoplay (the reader pressed play),
/// full screen, picture-in-picture and protected media; nothing else.
pub const PLAYER_ALLOW: &str =
    "autoplay; encrypted-media; fullscreen; picture-in-picture; clipboard-write";

/// The player's sandbox: its own scripts and origin (the players need
/// both), full screen, and opening the video on its host in a new tab.
/// No top navigation, forms or downloads.
pub const PLAYER_SANDBOX: &str =
    "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox";

/// `parts` one after the other (`concat` would bring the slice-join code
/// into the embed's wasm).
fn cat(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The host's name shown on the facade (empty for a generic player), the
/// video's page on its host (the facade's link) and the player's URL, when
/// the widget may frame it.
fn urls(v: &Video, config: &WidgetConfig) -> (&'static str, String, Option<String>) {
    let (name, page, player) = match &v.source {
        VideoSource::Youtube { id } => (
            "YouTube",
            cat(&["https://www.youtube.com/watch?v=", id]),
            cat(&[
                "https://www.youtube-nocookie.com/embed/",
                id,
                "?autoplay=1&playsinline=1&rel=0",
            ]),
        ),
        VideoSource::Vimeo { id } => (
            "Vimeo",
            cat(&["https://vimeo.com/", id]),
            cat(&["https://player.vimeo.com/video/", id, "?autoplay=1&dnt=1"]),
        ),
        VideoSource::Facebook { url } => (
            "Facebook",
            url.clone(),
            cat(&[
                "https://www.facebook.com/plugins/video.php?autoplay=true&show_text=false&href=",
                &encode_component(url),
            ]),
        ),
        VideoSource::Iframe { url } => {
            let host = url::host(url).unwrap_or_default();
            let allowed = config
                .video_hosts
                .iter()
                .any(|h| h.eq_ignore_ascii_case(host));
            return ("", url.clone(), allowed.then(|| url.clone()));
        }
    };
    (name, page, Some(player))
}

/// The facade of video `v`, the body's block number `index`: a link to the
/// video's page that the widget's script turns into the player (it carries
/// `data-aw-video` when the widget may frame the player).
pub(super) fn video_facade(
    out: &mut String,
    v: &Video,
    index: usize,
    config: &WidgetConfig,
    l: &Labels,
) {
    let (host, page, player) = urls(v, config);
    out.push_str("<figure class=\"aw-video\"><a");
    attr(out, "href", &page);
    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
    if player.is_some() {
        attr(out, "data-aw-video", &decimal::text(index as u64));
    }
    out.push_str(" class=\"aw-video-facade\">");
    if let Some(p) = &v.poster {
        out.push_str("<img");
        attr(out, "src", &p.src);
        attr(out, "width", &decimal::text(u64::from(p.width)));
        attr(out, "height", &decimal::text(u64::from(p.height)));
        out.push_str(
            " alt=\"\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">",
        );
    }
    out.push_str("<span class=\"aw-video-title\"><span class=\"aw-visually-hidden\">");
    escape_into(out, l.play_video);
    out.push_str(": </span>");
    escape_into(out, &v.title);
    out.push_str("</span>");
    if !host.is_empty() {
        out.push_str("<span class=\"aw-video-host\">");
        out.push_str(host);
        out.push_str("</span>");
    }
    out.push_str("<span aria-hidden=\"true\" class=\"aw-video-button\"></span>");
    if player.is_none() {
        new_tab(out, l);
    }
    out.push_str("</a>");
    caption(out, v.caption.as_deref(), v.credit.as_deref());
    out.push_str("</figure>");
}

/// The player `<iframe>` that replaces the facade of the video at body
/// block `index`, followed by a link to the video's page on its host
/// (`Xem trên YouTube`, or the player's host for a generic player), or
/// `None` when that block is not a video the widget may frame.
pub fn video_player(parsed: &Parsed, config: &WidgetConfig, index: usize) -> Option<String> {
    let Some(Block::Video(v)) = parsed.article.body.get(index) else {
        return None;
    };
    let (host, page, player) = urls(v, config);
    let player = player?;
    let l = config.ui_lang(&parsed.article.lang).labels();
    let mut out = String::with_capacity(768);
    out.push_str("<iframe");
    attr(&mut out, "src", &player);
    attr(&mut out, "title", &v.title);
    attr(&mut out, "allow", PLAYER_ALLOW);
    attr(&mut out, "sandbox", PLAYER_SANDBOX);
    out.push_str(
        " allowfullscreen referrerpolicy=\"strict-origin-when-cross-origin\" class=\"aw-video-player\"></iframe>",
    );
    out.push_str("<a");
    attr(&mut out, "href", &page);
    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\" class=\"aw-video-page\">");
    escape_into(&mut out, l.watch_on);
    out.push(' ');
    let host = if host.is_empty() {
        url::host(&page).unwrap_or_default()
    } else {
        host
    };
    escape_into(&mut out, host);
    new_tab(&mut out, l);
    out.push_str("</a>");
    Some(out)
}
