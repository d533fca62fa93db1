//! Videos behind their facade, in headless Chromium: nothing is asked of the
//! video host until the reader presses play (a click, or Space on the
//! facade); then the player loads inside the widget and takes the focus.
//! Under the strict partner CSP of `docs/embedding.md` the player loads
//! when the video host is in `frame-src`, and without it the CSP blocks the
//! player while the widget still links to the video's page.
//!
//! The video host is a loopback devserver that the widget may frame as a
//! generic player (`video-hosts`), so nothing goes to the internet (see
//! `article_widget_e2e::videos`, shared with the cross-engine tests).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use anyhow::{ensure, Result};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::videos::{
    player_path, strict_video_policy as strict_policy, video_facade as facade,
    video_player as player, wait_for_qr_codes, VideoOrigins,
};
use article_widget_e2e::{eval, find, Browser};
use serde_json::{json, Value};

/// The videos of the test article.
const VIDEOS: usize = 2;

#[tokio::test]
async fn a_video_plays_inside_the_widget_only_after_a_click_or_space() -> Result<()> {
    let origins = VideoOrigins::start(VIDEOS, |b, _, _, _| b)?;
    let browser = Browser::start().await?;
    origins.open(&browser).await?;
    // The page is settled (QR codes drawn) and the video host unasked.
    wait_for_qr_codes(&browser).await?;
    ensure!(
        origins.video_requests().is_empty(),
        "the video host was asked before any click: {:?}",
        origins.video_requests()
    );
    assert_eq!(player(&browser, 0).await?, Value::Null);

    facade(&browser, 0).await?.click().await?;
    origins.wait_for_player_request(1).await?;
    let first = player(&browser, 0).await?;
    assert_eq!(first["src"], origins.player_url(1).as_str());
    assert_eq!(first["focused"], true, "the player takes the focus");
    assert_eq!(first["facade"], false, "the player replaced the facade");
    assert_eq!(first["link"], origins.player_url(1).as_str());
    ensure!(
        first["sandbox"]
            .as_str()
            .is_some_and(|s| s.contains("allow-scripts")),
        "the player is sandboxed: {first}"
    );
    // The player's page really loaded inside the widget's iframe.
    let frame = find(&browser, "figure.aw-video iframe.aw-video-player").await?;
    frame.clone().enter_frame().await?;
    let text = browser.find(By::Id("playing")).await?.text().await?;
    browser.enter_default_frame().await?;
    assert_eq!(text, "Playing");
    // The second video is still a facade and unasked for.
    ensure!(
        !origins.video_requests().contains(&player_path(2)),
        "the second video loaded with the first"
    );

    // From the keyboard: Space on the focused facade plays it too.
    let second = facade(&browser, 0).await?; // the only facade left
    browser
        .execute("arguments[0].focus();", vec![second.to_json()?])
        .await?;
    let scrolled = eval(&browser, "return window.scrollY;").await?;
    browser.action_chain().send_keys(" ").perform().await?;
    origins.wait_for_player_request(2).await?;
    let played = player(&browser, 1).await?;
    assert_eq!(played["focused"], true, "{played}");
    assert_eq!(
        eval(&browser, "return window.scrollY;").await?,
        scrolled,
        "Space played the video instead of scrolling the page"
    );
    browser.quit().await
}

#[tokio::test]
async fn under_a_strict_csp_the_player_needs_its_host_in_frame_src() -> Result<()> {
    // As docs/embedding.md says: the video host added to frame-src.
    let origins = VideoOrigins::start(VIDEOS, |b, widget, data, video| {
        b.header(
            "Content-Security-Policy",
            strict_policy(widget, data, &format!("{widget} {video}")),
        )
    })?;
    let browser = Browser::start().await?;
    origins.open(&browser).await?;
    facade(&browser, 0).await?.click().await?;
    origins.wait_for_player_request(1).await?;
    let violations = eval(&browser, "return window.__violations;").await?;
    assert_eq!(violations, json!([]), "CSP violations");
    browser.quit().await?;

    // Without it, the policy blocks the player; the widget still links to
    // the video's page.
    let origins = VideoOrigins::start(VIDEOS, |b, widget, data, _| {
        b.header(
            "Content-Security-Policy",
            strict_policy(widget, data, widget),
        )
    })?;
    let browser = Browser::start().await?;
    origins.open(&browser).await?;
    facade(&browser, 0).await?.click().await?;
    origins.ensure_player_blocked(&browser).await?;
    let shown = player(&browser, 0).await?;
    assert_eq!(shown["link"], origins.player_url(1).as_str());
    let link = find(&browser, "figure.aw-video a.aw-video-page").await?;
    ensure!(
        link.is_displayed().await?,
        "the link to the video's page is shown"
    );
    browser.quit().await
}
