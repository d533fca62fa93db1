//! The complete article page of the release build, through the reader, in
//! headless Chromium: every part of the seed page shown, share links that
//! fetch nothing before a click, text size, copy-link, print media, the QR
//! code decoded back from a screenshot, an axe-core audit in every theme,
//! keyboard focus, and full-page screenshots at desktop and phone widths.
//!
//! Expected texts and URLs come from the demo article's JSON, not from
//! copies here; the expected share links are decoded here independently of
//! the widget's own encoder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;

use anyhow::{bail, ensure, Context as _, Result};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::{
    cdp, emulate_media, eval, eval_async, find, find_all, full_page_screenshot, grant_clipboard,
    is_visible, read_json, resource_urls, run_axe, scroll_into_view, visible_text, wait_for,
    wait_for_text, wait_until, workspace_dir, Browser, RequestSink, Site, DEFAULT_TIMEOUT,
    DEMO_ARTICLE,
};
use serde_json::{json, Value};

/// The demo article's JSON.
fn demo() -> Result<Value> {
    read_json(workspace_dir().join(DEMO_ARTICLE))
}

/// A required string field of the demo JSON.
fn field<'a>(article: &'a Value, pointer: &str) -> Result<&'a str> {
    article
        .pointer(pointer)
        .and_then(Value::as_str)
        .with_context(|| format!("the demo article has no string at {pointer}"))
}

/// Opens the demo article in the reader, with `extra` query parameters
/// (e.g. `&theme=dark`), and waits until the article and its QR code (made
/// after the first paint) are in.
async fn open_article(browser: &Browser, site: &Site, extra: &str) -> Result<()> {
    browser
        .goto(site.url(&format!("index.html?src={DEMO_ARTICLE}{extra}")))
        .await?;
    wait_for(browser, "article.aw-article", DEFAULT_TIMEOUT).await?;
    wait_for(browser, ".aw-article-qr svg.aw-qr-box", DEFAULT_TIMEOUT).await?;
    Ok(())
}

/// The single element matching `css`, scrolled to and checked visible.
async fn shown(driver: &WebDriver, css: &str) -> Result<WebElement> {
    let all = find_all(driver, css).await?;
    ensure!(all.len() == 1, "expected one `{css}`, found {}", all.len());
    let element = all.into_iter().next().context("no element")?;
    scroll_into_view(&element).await?;
    ensure!(is_visible(&element).await?, "`{css}` is not visible");
    Ok(element)
}

/// The visible text of the single element matching `css`.
async fn shown_text(driver: &WebDriver, css: &str) -> Result<String> {
    visible_text(&shown(driver, css).await?).await
}

/// A computed style property of the first element matching `css`.
async fn computed(driver: &WebDriver, css: &str, property: &str) -> Result<String> {
    let element = find(driver, css).await?;
    let ret = driver
        .execute(
            "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);",
            vec![element.to_json()?, json!(property)],
        )
        .await?;
    Ok(ret.json().as_str().unwrap_or_default().to_owned())
}

/// Decodes `%XX` escapes (UTF-8); `+` stays a plus, as in RFC 3986.
fn percent_decode(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).context("truncated % escape")?;
            out.push(u8::from_str_radix(hex, 16).with_context(|| format!("bad escape %{hex}"))?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(String::from_utf8(out)?)
}

/// Splits a link into its part before `?` and its decoded query parameters,
/// after checking that the query holds only unreserved characters, `%XX`,
/// `=` and `&`: every value in it was percent-encoded.
fn split_link(href: &str) -> Result<(String, Vec<(String, String)>)> {
    let (base, query) = href.split_once('?').context("no query")?;
    ensure!(
        query
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)),
        "the query of {href:?} holds characters that should have been percent-encoded"
    );
    let params = query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').context("parameter without =")?;
            Ok((k.to_owned(), percent_decode(v)?))
        })
        .collect::<Result<_>>()?;
    Ok((base.to_owned(), params))
}

/// The host a proxied request line asks for: `CONNECT host:443 HTTP/1.1`
/// or `GET http://host/path HTTP/1.1`.
fn request_host(line: &str) -> String {
    let target = line.split_whitespace().nth(1).unwrap_or_default();
    let authority = target.split_once("://").map_or(target, |(_, rest)| rest);
    let authority = authority.split('/').next().unwrap_or_default();
    authority
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Hosts Chromium itself contacts whatever the page does (time and update
/// checks, account and search-engine preconnects), even with background
/// networking off. None of them is a share network, the publisher or the
/// original site, so a request to any other host came from the page.
fn is_browser_own(host: &str) -> bool {
    [
        "google.com",
        "googleapis.com",
        "gstatic.com",
        "gvt1.com",
        "duckduckgo.com",
    ]
    .iter()
    .any(|own| host == *own || host.ends_with(&format!(".{own}")))
}

// ---------------------------------------------------------------------------
// 1. Every part of the seed page
// ---------------------------------------------------------------------------

/// The toolbar: Print, the date line, text size and the original link.
async fn assert_toolbar(browser: &Browser, demo: &Value) -> Result<()> {
    let print = shown(browser, ".aw-toolbar button.aw-print").await?;
    assert_eq!(visible_text(&print).await?, "In bài");
    assert_eq!(
        shown_text(browser, ".aw-toolbar p.aw-dateline time").await?,
        "Thứ Sáu, 25/11/2022 15:15"
    );
    let mut sizes = Vec::new();
    for button in find_all(browser, ".aw-textsize button").await? {
        ensure!(is_visible(&button).await?, "a text-size button is hidden");
        sizes.push(visible_text(&button).await?);
    }
    assert_eq!(sizes, ["A−", "A+", "Gốc"]);
    let original = shown(browser, ".aw-toolbar a.aw-original").await?;
    assert_eq!(
        original.attr("href").await?.as_deref(),
        Some(field(demo, "/original_url")?)
    );
    Ok(())
}

/// Title, lead, body, captions, author and source, each visible.
async fn assert_article_text(browser: &Browser, demo: &Value) -> Result<()> {
    let title = field(demo, "/title")?;
    assert_eq!(shown_text(browser, "h1.aw-title").await?, title);
    assert_eq!(
        shown_text(browser, "p.aw-lead").await?,
        field(demo, "/lead")?
    );
    let paragraphs = find_all(browser, "div.aw-body > p").await?;
    let expected: Vec<&str> = demo["body"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["type"] == "paragraph")
        .filter_map(|b| b["text"].as_str())
        .collect();
    assert_eq!(paragraphs.len(), expected.len(), "body paragraphs");
    for (p, text) in paragraphs.iter().zip(&expected) {
        scroll_into_view(p).await?;
        ensure!(is_visible(p).await?, "a body paragraph is hidden");
        assert_eq!(visible_text(p).await?, *text);
    }
    let captions = find_all(browser, "figure.aw-figure figcaption .aw-caption").await?;
    assert_eq!(captions.len(), 3, "three captions");
    for caption in &captions {
        scroll_into_view(caption).await?;
        ensure!(is_visible(caption).await?, "a caption is hidden");
    }
    assert!(shown_text(browser, "p.aw-author")
        .await?
        .contains(field(demo, "/authors/0/name")?));
    let source = shown_text(browser, "p.aw-source").await?;
    assert!(
        source.starts_with("Nguồn tin") && source.contains(field(demo, "/source/name")?),
        "source line: {source:?}"
    );
    Ok(())
}

/// The share section: each network's link carries the canonical URL, percent-encoded, and opens safely.
async fn assert_share_links(browser: &Browser, demo: &Value) -> Result<()> {
    let url = field(demo, "/url")?;
    let title = field(demo, "/title")?;
    // Share: heading, one link per network with the canonical URL encoded in.
    // Section headings are upper-cased by CSS, as on the portal.
    assert_eq!(
        shown_text(browser, "section.aw-share h2")
            .await?
            .to_lowercase(),
        "tiện ích thông tin"
    );
    let cases: [(&str, &str, &str); 5] = [
        (
            "facebook",
            "https://www.facebook.com/sharer/sharer.php",
            "u",
        ),
        ("zalo", "https://sp.zalo.me/plugins/share", "href"),
        ("x", "https://x.com/intent/tweet", "url"),
        (
            "linkedin",
            "https://www.linkedin.com/sharing/share-offsite/",
            "url",
        ),
        ("telegram", "https://t.me/share/url", "url"),
    ];
    let encoded_url = url.replace(':', "%3A").replace('/', "%2F");
    for (network, endpoint, param) in cases {
        let link = shown(browser, &format!("section.aw-share a.aw-share-{network}")).await?;
        let href = link.attr("href").await?.unwrap_or_default();
        assert!(
            href.contains(&encoded_url),
            "{network}: {href:?} should hold {encoded_url}"
        );
        let (base, params) = split_link(&href)?;
        assert_eq!(base, endpoint, "{network} endpoint");
        let value = params.iter().find(|(k, _)| k == param).map(|(_, v)| v);
        assert_eq!(value.map(String::as_str), Some(url), "{network} `{param}`");
        if let Some((_, text)) = params.iter().find(|(k, _)| k == "text") {
            assert_eq!(text, title, "{network} text");
        }
        let rel = link.attr("rel").await?.unwrap_or_default();
        let rel: Vec<&str> = rel.split_whitespace().collect();
        assert!(
            rel.contains(&"noopener") && rel.contains(&"noreferrer"),
            "{network} rel={rel:?}"
        );
        assert_eq!(link.attr("target").await?.as_deref(), Some("_blank"));
        let name = link.attr("aria-label").await?.unwrap_or_default();
        assert!(!name.is_empty(), "{network} link has no name");
    }
    let mail = shown(browser, "section.aw-share a.aw-share-email").await?;
    let (base, params) = split_link(&mail.attr("href").await?.unwrap_or_default())?;
    assert_eq!(base, "mailto:");
    assert_eq!(params[0], ("subject".to_owned(), title.to_owned()));
    assert_eq!(params[1], ("body".to_owned(), format!("{title}\r\n{url}")));
    let copy = shown(browser, "section.aw-share button.aw-share-copy").await?;
    assert_eq!(visible_text(&copy).await?, "Sao chép liên kết");
    Ok(())
}

/// The article's QR code, the social pages and the related list.
async fn assert_qr_social_and_related(browser: &Browser, demo: &Value) -> Result<()> {
    let title = field(demo, "/title")?;
    // The article's QR code, labelled with the title.
    shown(browser, ".aw-article-qr svg.aw-qr-box").await?;
    assert_eq!(
        shown_text(browser, ".aw-article-qr figcaption").await?,
        format!("QR CODE: {title}")
    );

    // Social pages: the fanpage's QR code and link.
    assert_eq!(
        shown_text(browser, "section.aw-social h2")
            .await?
            .to_lowercase(),
        "chúng tôi trên mạng xã hội"
    );
    wait_for(browser, ".aw-social-item svg.aw-qr-box", DEFAULT_TIMEOUT).await?;
    shown(browser, ".aw-social-item svg.aw-qr-box").await?;
    let fanpage = shown(browser, ".aw-social-item a").await?;
    assert_eq!(
        fanpage.attr("href").await?.as_deref(),
        Some(field(demo, "/publisher/social/0/url")?)
    );
    assert!(visible_text(&fanpage)
        .await?
        .contains(field(demo, "/publisher/social/0/name")?));

    // "Tin khác": every related article, linked, with its date.
    assert_eq!(
        shown_text(browser, "nav.aw-related h2")
            .await?
            .to_lowercase(),
        "tin khác"
    );
    let items = find_all(browser, "nav.aw-related li").await?;
    let related = demo["related"].as_array().context("no related")?;
    assert_eq!(items.len(), related.len());
    for (item, r) in items.iter().zip(related) {
        scroll_into_view(item).await?;
        let link = item.find(By::Css("a")).await?;
        ensure!(is_visible(&link).await?, "a related link is hidden");
        assert!(visible_text(&link)
            .await?
            .contains(r["title"].as_str().unwrap_or_default()));
        let published = r["published"].as_str().unwrap_or_default();
        let (day, month, year) = (&published[8..10], &published[5..7], &published[..4]);
        let date = visible_text(&item.find(By::Css("time.aw-related-date")).await?).await?;
        assert_eq!(date, format!("({day}/{month}/{year})"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_part_of_the_seed_is_shown_and_nothing_else_is_fetched() -> Result<()> {
    let demo = demo()?;
    let site = Site::start()?;
    let sink = RequestSink::start()?;
    let browser = Browser::start_with_args(&[&sink.arg()]).await?;
    open_article(&browser, &site, "").await?;

    assert_toolbar(&browser, &demo).await?;
    assert_article_text(&browser, &demo).await?;
    assert_share_links(&browser, &demo).await?;
    assert_qr_social_and_related(&browser, &demo).await?;

    // Nothing went anywhere but the site: not the share networks, not the
    // fanpage, not the original. The sink would have seen any such request.
    let loaded = resource_urls(&browser).await?;
    let foreign: Vec<&String> = loaded
        .iter()
        .filter(|u| !u.starts_with(&format!("{}/", site.origin())))
        .collect();
    assert!(foreign.is_empty(), "resources from elsewhere: {foreign:#?}");
    let from_page: Vec<String> = sink
        .requests()
        .into_iter()
        .filter(|line| !is_browser_own(&request_host(line)))
        .collect();
    assert!(
        from_page.is_empty(),
        "requests to other origins before any click: {from_page:#?}"
    );
    assert_eq!(
        site.server().request_count(&format!("/{DEMO_ARTICLE}")),
        1,
        "the article JSON, once: {:#?}",
        site.server().requests()
    );

    // And the sink does see a click: the Facebook link opens a tab whose
    // request lands in it (so the empty log above means something).
    let facebook = find(&browser, "section.aw-share a.aw-share-facebook").await?;
    facebook.click().await?;
    wait_until(
        "the Facebook request in the sink",
        DEFAULT_TIMEOUT,
        || async {
            Ok(sink
                .requests()
                .iter()
                .any(|r| r.contains("www.facebook.com"))
                .then_some(()))
        },
    )
    .await?;

    browser.quit().await
}

// ---------------------------------------------------------------------------
// 2. Text size
// ---------------------------------------------------------------------------

/// The computed font size, in px, of the first body paragraph.
async fn body_font_px(driver: &WebDriver) -> Result<f64> {
    let size = computed(driver, "div.aw-body > p", "font-size").await?;
    size.trim_end_matches("px")
        .parse()
        .with_context(|| format!("font-size {size:?}"))
}

/// Clicks the text-size button labelled `text` and waits for the body
/// paragraph's font size to differ from `before`.
async fn click_size(driver: &WebDriver, text: &str, before: f64) -> Result<f64> {
    let button = wait_for_text(driver, ".aw-textsize button", text, DEFAULT_TIMEOUT).await?;
    button.click().await?;
    wait_until(
        &format!("the body font size to change from {before}px after `{text}`"),
        DEFAULT_TIMEOUT,
        || async {
            let now = body_font_px(driver).await?;
            Ok(((now - before).abs() > 0.01).then_some(now))
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn text_size_buttons_scale_the_text_reset_exactly_and_are_remembered() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    open_article(&browser, &site, "").await?;
    let original = body_font_px(&browser).await?;
    let toolbar_size = computed(&browser, ".aw-toolbar button.aw-print", "font-size").await?;

    let larger = click_size(&browser, "A+", original).await?;
    assert!(larger > original, "A+ went from {original} to {larger}");
    let back = click_size(&browser, "A−", larger).await?;
    assert!(
        (back - original).abs() < 0.01,
        "A− after A+ gave {back}, not {original}"
    );
    let smaller = click_size(&browser, "A−", back).await?;
    assert!(smaller < original, "A− went from {original} to {smaller}");
    let reset = click_size(&browser, "Gốc", smaller).await?;
    assert!(
        (reset - original).abs() < f64::EPSILON,
        "Gốc gave {reset}, the original was {original}"
    );
    // Only the article text scales; the controls keep their size.
    assert_eq!(
        computed(&browser, ".aw-toolbar button.aw-print", "font-size").await?,
        toolbar_size
    );

    // Two steps up, then a reload: the choice is still there.
    let one = click_size(&browser, "A+", original).await?;
    let two = click_size(&browser, "A+", one).await?;
    browser.refresh().await?;
    wait_for(&browser, "article.aw-article", DEFAULT_TIMEOUT).await?;
    let after_reload = wait_until("the remembered text size", DEFAULT_TIMEOUT, || async {
        let now = body_font_px(&browser).await?;
        Ok(((now - two).abs() < 0.01).then_some(now))
    })
    .await?;
    assert!(after_reload > one);
    let stored = eval(
        &browser,
        "return localStorage.getItem('article-widget:text-size');",
    )
    .await?;
    assert!(stored.is_string(), "nothing in localStorage: {stored}");
    let reset = click_size(&browser, "Gốc", after_reload).await?;
    assert!((reset - original).abs() < f64::EPSILON);

    browser.quit().await
}

// ---------------------------------------------------------------------------
// 3. Copy link
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn copy_link_puts_the_canonical_url_on_the_clipboard_and_says_so() -> Result<()> {
    let demo = demo()?;
    let site = Site::start()?;
    let browser = Browser::start().await?;
    grant_clipboard(&browser, &site.origin()).await?;
    open_article(&browser, &site, "").await?;
    // Something else on the clipboard first, so a no-op copy cannot pass.
    let primed = eval_async(
        &browser,
        "const done = arguments[arguments.length - 1];
         navigator.clipboard.writeText('not yet').then(() => done('ok'), e => done(String(e)));",
    )
    .await?;
    assert_eq!(primed, "ok");

    let status = find(&browser, "section.aw-share [role=status]").await?;
    assert_eq!(visible_text(&status).await?, "", "status before the click");
    let copy = shown(&browser, "section.aw-share button.aw-share-copy").await?;
    copy.click().await?;
    let confirmation = wait_for_text(
        &browser,
        "section.aw-share [role=status]",
        "Đã sao chép liên kết",
        DEFAULT_TIMEOUT,
    )
    .await?;
    assert!(is_visible(&confirmation).await?);
    let clipboard = eval_async(
        &browser,
        "const done = arguments[arguments.length - 1];
         navigator.clipboard.readText().then(done, e => done('error: ' + e));",
    )
    .await?;
    assert_eq!(clipboard.as_str(), Some(field(&demo, "/url")?));

    browser.quit().await
}

// ---------------------------------------------------------------------------
// 4. Print
// ---------------------------------------------------------------------------

/// Whether every element matching `css` is shown (`true`) or every one is
/// hidden (`false`); an error if they differ or none exist.
async fn all_displayed(driver: &WebDriver, css: &str) -> Result<bool> {
    let elements = find_all(driver, css).await?;
    ensure!(!elements.is_empty(), "nothing matches `{css}`");
    let mut states = Vec::new();
    for e in &elements {
        states.push(is_visible(e).await?);
    }
    if states.iter().all(|s| *s) {
        Ok(true)
    } else if states.iter().all(|s| !*s) {
        Ok(false)
    } else {
        bail!("`{css}` is partly shown: {states:?}")
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn print_media_shows_the_article_and_its_qr_without_controls() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    open_article(&browser, &site, "").await?;

    let controls = [
        ".aw-toolbar button",
        ".aw-toolbar a.aw-original",
        ".aw-share",
        ".aw-social",
        ".aw-related",
        ".aw-qr-downloads",
        ".aw-reader-bar",
    ];
    let content = [
        "h1.aw-title",
        "p.aw-dateline",
        "p.aw-lead",
        "div.aw-body > p",
        "figure.aw-figure img",
        "figure.aw-figure figcaption",
        "p.aw-author",
        "p.aw-source",
        ".aw-article-qr svg.aw-qr-box",
        ".aw-article-qr figcaption",
    ];
    // On screen everything is there, so the print check below can fail.
    for css in controls.iter().chain(&content) {
        assert!(
            all_displayed(&browser, css).await?,
            "`{css}` hidden on screen"
        );
    }

    emulate_media(&browser, Some("print"), None).await?;
    wait_until("print media to apply", DEFAULT_TIMEOUT, || async {
        Ok((eval(&browser, "return matchMedia('print').matches;").await? == true).then_some(()))
    })
    .await?;
    for css in controls {
        assert!(!all_displayed(&browser, css).await?, "`{css}` is printed");
    }
    for css in content {
        assert!(
            all_displayed(&browser, css).await?,
            "`{css}` is not printed"
        );
    }
    // No control of any kind reaches paper, the reader's own frame included.
    let mut printed_controls = Vec::new();
    for control in find_all(&browser, "button, select, input").await? {
        if is_visible(&control).await? {
            printed_controls.push(control.outer_html().await?);
        }
    }
    assert!(
        printed_controls.is_empty(),
        "controls printed: {printed_controls:#?}"
    );
    let qr = find(&browser, ".aw-article-qr svg.aw-qr-box").await?;
    let rect = qr.rect().await?;
    assert!(rect.width >= 60.0, "the printed QR code is tiny: {rect:?}");

    emulate_media(&browser, None, None).await?;
    browser.quit().await
}

// ---------------------------------------------------------------------------
// 5. QR code decodes back
// ---------------------------------------------------------------------------

/// Decodes the one QR code in a PNG image.
fn decode_qr(png: &[u8]) -> Result<String> {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)?.to_luma8();
    let (width, height) = image.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        usize::try_from(width)?,
        usize::try_from(height)?,
        |x, y| {
            let (x, y) = (u32::try_from(x).unwrap_or(0), u32::try_from(y).unwrap_or(0));
            image.get_pixel(x, y).0[0]
        },
    );
    let grids = prepared.detect_grids();
    ensure!(
        grids.len() == 1,
        "found {} QR codes in the image",
        grids.len()
    );
    let (_, content) = grids[0].decode().context("decoding the QR code")?;
    Ok(content)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_article_qr_code_decodes_to_the_canonical_url() -> Result<()> {
    let demo = demo()?;
    let url = field(&demo, "/url")?;
    let title = field(&demo, "/title")?;
    let site = Site::start()?;
    let browser = Browser::start().await?;
    open_article(&browser, &site, "").await?;

    // At 1 CSS px per device pixel a module is ~2.4 px wide, too coarse
    // for a camera-grade decoder: render at 4 device pixels per CSS pixel.
    cdp(
        &browser,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 1000, "deviceScaleFactor": 4, "mobile": false}),
    )
    .await?;
    let qr = shown(&browser, ".aw-article-qr svg.aw-qr-box").await?;
    let png = qr.screenshot_as_png().await?;
    let dir = article_widget_e2e::screenshot_dir();
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("article-qr.png"), &png)?;
    assert_eq!(decode_qr(&png)?, url);

    // The fanpage's code leads to the fanpage.
    let social = shown(&browser, ".aw-social-item svg.aw-qr-box").await?;
    assert_eq!(
        decode_qr(&social.screenshot_as_png().await?)?,
        field(&demo, "/publisher/social/0/url")?
    );

    // The SVG download is a data URL of an SVG document naming the article.
    let download = shown(&browser, ".aw-article-qr .aw-qr-downloads a[download]").await?;
    assert_eq!(
        download.attr("download").await?.as_deref(),
        Some("qr-article.svg")
    );
    let href = download.attr("href").await?.unwrap_or_default();
    let data = href
        .strip_prefix("data:image/svg+xml;charset=utf-8,")
        .with_context(|| format!("not an SVG data URL: {href:.80}"))?;
    let svg = percent_decode(data)?;
    assert!(svg.contains("<svg"), "{svg:.200}");
    assert!(svg.contains(title), "the SVG does not name the article");
    assert!(
        svg.contains("viewBox"),
        "the SVG has no viewBox: {svg:.200}"
    );

    browser.quit().await
}

// ---------------------------------------------------------------------------
// 6. Accessibility
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn axe_core_finds_no_violations_in_any_theme() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    let options = json!({
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
        "resultTypes": ["violations"],
    });
    let mut report = String::new();
    for theme in ["light", "dark", "sepia"] {
        open_article(&browser, &site, &format!("&theme={theme}")).await?;
        let root = find(&browser, ".aw").await?;
        assert_eq!(root.attr("data-theme").await?.as_deref(), Some(theme));
        let violations = run_axe(&browser, &options).await?;
        for v in &violations {
            let _ = write!(report, "[{theme}] {v}");
        }
    }
    // Auto follows the system: check it in dark too.
    emulate_media(&browser, None, Some("dark")).await?;
    open_article(&browser, &site, "&theme=auto").await?;
    for v in run_axe(&browser, &options).await? {
        let _ = write!(report, "[auto, dark system] {v}");
    }
    assert!(report.is_empty(), "axe-core violations:\n{report}");
    browser.quit().await
}

/// What the focused element is and whether it shows a focus indicator.
const FOCUS_PROBE: &str = "
    let e = document.activeElement;
    // Focus inside the widget's shadow root shows as the host element.
    while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== 'none');
    return {
        key: e.tagName + '|' + (e.className && e.className.baseVal === undefined ? e.className : '')
            + '|' + (e.getAttribute('href') || '') + '|' + (e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40)),
        inWidget: !!e.closest('.aw'),
        ring: ring,
        outline: s.outlineStyle + ' ' + s.outlineWidth,
    };";

/// A key for each interactive element of the widget, as [`FOCUS_PROBE`] makes them.
const INTERACTIVE_KEYS: &str = "
    return [...document.querySelector('article-widget').shadowRoot
            .querySelectorAll('.aw a[href], .aw button, .aw input, .aw select, .aw [tabindex]')]
        .filter(e => e.getClientRects().length > 0 && !e.closest('[inert]'))
        .map(e => e.tagName + '|' + e.className + '|' + (e.getAttribute('href') || '') + '|'
            + (e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40)));";

#[tokio::test(flavor = "multi_thread")]
async fn tab_reaches_every_control_with_a_visible_focus_ring() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    open_article(&browser, &site, "").await?;
    wait_for(&browser, ".aw-social-item svg.aw-qr-box", DEFAULT_TIMEOUT).await?;
    let wanted: Vec<String> = eval(&browser, INTERACTIVE_KEYS)
        .await?
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    assert!(wanted.len() >= 12, "too few controls found: {wanted:#?}");

    let mut reached: Vec<String> = Vec::new();
    let mut no_ring = Vec::new();
    for _ in 0..(wanted.len() + 20) {
        browser.action_chain().send_keys(Key::Tab).perform().await?;
        let focus = eval(&browser, FOCUS_PROBE).await?;
        if focus.is_null() {
            continue;
        }
        let key = focus["key"].as_str().unwrap_or_default().to_owned();
        if focus["inWidget"] != true {
            continue;
        }
        if reached.contains(&key) {
            break; // Wrapped around.
        }
        if focus["ring"] != true {
            no_ring.push(format!("{key} (outline {})", focus["outline"]));
        }
        reached.push(key);
    }
    let missed: Vec<&String> = wanted.iter().filter(|k| !reached.contains(k)).collect();
    assert!(
        missed.is_empty(),
        "not reachable by Tab: {missed:#?}\nreached: {reached:#?}"
    );
    assert!(
        no_ring.is_empty(),
        "focused without a visible ring: {no_ring:#?}"
    );

    // Enter on the focused "A+" works like a click.
    let before = body_font_px(&browser).await?;
    let larger = wait_for_text(&browser, ".aw-textsize button", "A+", DEFAULT_TIMEOUT).await?;
    browser
        .execute("arguments[0].focus();", vec![larger.to_json()?])
        .await?;
    browser
        .action_chain()
        .send_keys(Key::Enter)
        .perform()
        .await?;
    wait_until(
        "Enter on A+ to enlarge the text",
        DEFAULT_TIMEOUT,
        || async { Ok((body_font_px(&browser).await? > before).then_some(())) },
    )
    .await?;

    browser.quit().await
}

// ---------------------------------------------------------------------------
// 7. Screenshots
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn full_page_screenshots_at_1280_and_390_show_every_part() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    open_article(&browser, &site, "").await?;
    wait_for(&browser, ".aw-social-item svg.aw-qr-box", DEFAULT_TIMEOUT).await?;
    for width in [1280, 390] {
        // Lazy images load only near the viewport: make the viewport the
        // page, let every image arrive, then take the picture again.
        full_page_screenshot(&browser, &format!("article-page-{width}"), width).await?;
        for image in find_all(&browser, "img").await? {
            article_widget_e2e::wait_for_image(&image, DEFAULT_TIMEOUT).await?;
        }
        let shot = full_page_screenshot(&browser, &format!("article-page-{width}"), width).await?;
        assert_eq!(shot.width, width);
        assert!(
            shot.height > 2000,
            "{width}px page is only {}px tall",
            shot.height
        );
        let scroll_width = eval(&browser, "return document.documentElement.scrollWidth;").await?;
        assert_eq!(
            scroll_width, width,
            "the page scrolls sideways at {width}px"
        );
        println!(
            "screenshot: {} ({}x{})",
            shot.path.display(),
            shot.width,
            shot.height
        );
    }
    // The dark and sepia themes on a phone, for the eye (axe checks contrast).
    for theme in ["dark", "sepia"] {
        open_article(&browser, &site, &format!("&theme={theme}")).await?;
        wait_for(&browser, ".aw-social-item svg.aw-qr-box", DEFAULT_TIMEOUT).await?;
        for image in find_all(&browser, "img").await? {
            article_widget_e2e::wait_for_image(&image, DEFAULT_TIMEOUT).await?;
        }
        let shot =
            full_page_screenshot(&browser, &format!("article-page-390-{theme}"), 390).await?;
        assert_eq!(shot.width, 390);
    }
    browser.quit().await
}
