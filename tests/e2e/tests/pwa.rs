//! The reader as an installable offline app, in headless Chromium against the
//! release build: reading offline after the server is gone (shell, opened and
//! saved articles from the caches, the offline indicator, a never-opened
//! article saying it is not available offline), deep links with reload and
//! back/forward under a sub-path, a new build taking over on the same origin
//! with the old caches removed, Chromium's installability check, and the
//! manifest's icons at their declared sizes.
//!
//! "Offline" means the test's server is stopped: `DevTools` network emulation
//! does not cover the service worker's own fetches.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use anyhow::{ensure, Context as _, Result};
use article_widget_e2e::thirtyfour::prelude::*;
use article_widget_e2e::{
    cache_names, cache_urls, cdp, copy_dir, dist_dir, eval, eval_async, find, find_all,
    installability_errors, png_dimensions, read_json, scroll_into_view, serve_dir_on_port,
    wait_for, wait_for_image, wait_for_sw_control, wait_for_text, wait_until, workspace_dir,
    Browser, Site, DEFAULT_TIMEOUT,
};
use serde_json::json;

/// A feed article: slug and title, from the built feed.
struct Item {
    slug: String,
    title: String,
}

/// The first `n` items of the feed in `dist`.
fn feed_items(dist: &Path, n: usize) -> Result<Vec<Item>> {
    let feed = read_json(dist.join("demo/articles/index.json"))?;
    let items = feed["items"].as_array().context("feed has no items")?;
    ensure!(items.len() >= n, "the feed needs {n} items");
    items
        .iter()
        .take(n)
        .map(|item| {
            let json = item["_article_widget"]["json"]
                .as_str()
                .context("no json")?;
            Ok(Item {
                slug: json.trim_end_matches(".json").to_owned(),
                title: item["title"].as_str().context("no title")?.to_owned(),
            })
        })
        .collect()
}

/// The `BUILD` version written into `sw.js` by `cargo xtask build`.
fn build_version(sw: &str) -> Result<String> {
    let line = sw
        .lines()
        .find(|l| l.starts_with("/* @aw-precache */"))
        .context("sw.js has no precache line: was it built with `cargo xtask build`?")?;
    let start = line.find("BUILD = '").context("no BUILD")? + "BUILD = '".len();
    let end = line[start..].find('\'').context("no BUILD end")? + start;
    Ok(line[start..end].to_owned())
}

/// Waits for the article heading with `title`.
async fn wait_article(browser: &Browser, title: &str) -> Result<()> {
    wait_for_text(browser, "h1.aw-title", title, DEFAULT_TIMEOUT)
        .await
        .map(drop)
}

/// Waits until the page URL's query is `query` (e.g. `?article=x`).
async fn wait_query(browser: &Browser, query: &str) -> Result<()> {
    wait_until(
        &format!("location.search == {query:?}"),
        DEFAULT_TIMEOUT,
        || async {
            let search = eval(browser, "return location.search;").await?;
            Ok((search.as_str() == Some(query)).then_some(()))
        },
    )
    .await
}

/// Waits until `caches.match(url)` finds `url`, in any cache.
async fn wait_cached(browser: &Browser, what: &str, pattern: &str) -> Result<()> {
    wait_until(&format!("{what} in a cache"), DEFAULT_TIMEOUT, || async {
        for name in cache_names(browser).await? {
            if cache_urls(browser, &name)
                .await?
                .iter()
                .any(|u| u.contains(pattern))
            {
                return Ok(Some(()));
            }
        }
        Ok(None)
    })
    .await
}

/// Long because it is one reader's story, from first visit to reading offline.
#[allow(clippy::too_many_lines)]
#[tokio::test(flavor = "multi_thread")]
async fn opened_and_saved_articles_read_offline_and_others_say_so() -> Result<()> {
    let items = feed_items(&dist_dir(), 3)?;
    let (a, b, c) = (&items[0], &items[1], &items[2]);
    let site = Site::start()?;
    let browser = Browser::start().await?;

    // Home: the feed's list with titles, dates, leads and thumbnails.
    browser.goto(site.url("/")).await?;
    wait_for_text(&browser, ".aw-feed-item-title", &a.title, DEFAULT_TIMEOUT).await?;
    let entries = find_all(&browser, ".aw-feed-item").await?;
    ensure!(
        entries.len() >= 3,
        "expected the feed's items, got {}",
        entries.len()
    );
    let first = &entries[0];
    ensure!(!first
        .find(By::Css("time.aw-feed-date"))
        .await?
        .text()
        .await?
        .is_empty());
    ensure!(!first
        .find(By::Css(".aw-feed-lead"))
        .await?
        .text()
        .await?
        .is_empty());
    wait_for_image(
        &first.find(By::Css("img.aw-feed-thumb")).await?,
        DEFAULT_TIMEOUT,
    )
    .await?;
    wait_for_sw_control(&browser).await?;

    // Open A from the list (in-app navigation), then B, and save B.
    find(&browser, &format!("li[data-slug='{}'] a", a.slug))
        .await?
        .click()
        .await?;
    wait_article(&browser, &a.title).await?;
    wait_query(&browser, &format!("?article={}", a.slug)).await?;
    wait_cached(&browser, "article A", &format!("{}.json", a.slug)).await?;

    browser
        .goto(site.url(&format!("?article={}", b.slug)))
        .await?;
    wait_article(&browser, &b.title).await?;
    wait_for(&browser, "button.aw-save", DEFAULT_TIMEOUT)
        .await?
        .click()
        .await?;
    wait_for(&browser, ".aw-saved-note", DEFAULT_TIMEOUT).await?;
    let saved = cache_urls(&browser, "aw-saved-v1").await?;
    ensure!(
        saved
            .iter()
            .any(|u| u.ends_with(&format!("{}.json", b.slug))),
        "B is not in the saved cache: {saved:?}"
    );
    ensure!(
        saved.iter().any(|u| u.contains("/demo/images/")),
        "B's images were not saved: {saved:?}"
    );
    // The home view lists it under the saved articles.
    find(&browser, "a.aw-back").await?.click().await?;
    wait_for_text(&browser, ".aw-saved-list a", &b.title, DEFAULT_TIMEOUT).await?;

    // The server goes away, and so does the worker: the browser restarts it
    // on the next fetch, without `install`, so all it knows is in the caches.
    site.stop();
    cdp(&browser, "ServiceWorker.enable", json!({})).await?;
    cdp(&browser, "ServiceWorker.stopAllWorkers", json!({})).await?;

    // Reload A: the shell and A come from the caches, and the indicator shows.
    browser
        .goto(&format!(
            "{}?article={}",
            origin_url(&browser).await?,
            a.slug
        ))
        .await?;
    wait_article(&browser, &a.title).await?;
    wait_for(&browser, ".aw-offline-indicator", DEFAULT_TIMEOUT).await?;
    browser.refresh().await?;
    wait_article(&browser, &a.title).await?;
    wait_for(&browser, ".aw-offline-indicator", DEFAULT_TIMEOUT).await?;

    // B was saved: text and images read offline.
    browser
        .goto(&format!(
            "{}?article={}",
            origin_url(&browser).await?,
            b.slug
        ))
        .await?;
    wait_article(&browser, &b.title).await?;
    let image = wait_for(&browser, "article.aw-article img", DEFAULT_TIMEOUT).await?;
    scroll_into_view(&image).await?;
    wait_for_image(&image, DEFAULT_TIMEOUT).await?;

    // C was never opened: the reader says so plainly.
    browser
        .goto(&format!(
            "{}?article={}",
            origin_url(&browser).await?,
            c.slug
        ))
        .await?;
    wait_for_text(
        &browser,
        ".aw-offline-unavailable",
        "chưa có trên máy để đọc ngoại tuyến",
        DEFAULT_TIMEOUT,
    )
    .await?;
    wait_for(&browser, ".aw-offline-indicator", DEFAULT_TIMEOUT).await?;
    ensure!(
        find_all(&browser, "h1.aw-title").await?.is_empty(),
        "a never-opened article must not render offline"
    );

    browser.quit().await
}

/// `scheme://host:port/` of the current page (the site is gone, the URL stays).
async fn origin_url(browser: &Browser) -> Result<String> {
    let origin = eval(browser, "return location.origin + location.pathname;").await?;
    origin.as_str().map(str::to_owned).context("no location")
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_links_reload_and_history_work_under_a_sub_path() -> Result<()> {
    let items = feed_items(&dist_dir(), 2)?;
    let (a, b) = (&items[0], &items[1]);
    let site = Site::start_with(|builder| builder.mount("/tin-tuc/", dist_dir()))?;
    let browser = Browser::start().await?;

    browser
        .goto(site.url(&format!("/tin-tuc/?article={}", a.slug)))
        .await?;
    wait_article(&browser, &a.title).await?;
    browser.refresh().await?;
    wait_article(&browser, &a.title).await?;
    wait_for_sw_control(&browser).await?;
    let scope = eval(
        &browser,
        "return navigator.serviceWorker.getRegistration().then((r) => r && r.scope);",
    )
    .await?;
    ensure!(
        scope.as_str() == Some(&site.url("/tin-tuc/")),
        "the worker's scope should be the sub-path, got {scope}"
    );

    // "Tin khác" opens B inside the reader: no page load, a history entry.
    eval(&browser, "window.__awNoReload = 1; return 1;").await?;
    let related = find_all(&browser, "nav.aw-related a")
        .await?
        .into_iter()
        .next()
        .context("A has no related links")?;
    scroll_into_view(&related).await?;
    related.click().await?;
    wait_article(&browser, &b.title).await?;
    wait_query(&browser, &format!("?article={}", b.slug)).await?;
    let path = eval(&browser, "return location.pathname;").await?;
    ensure!(path.as_str() == Some("/tin-tuc/"), "path changed: {path}");

    browser.back().await?;
    wait_article(&browser, &a.title).await?;
    wait_query(&browser, &format!("?article={}", a.slug)).await?;
    browser.forward().await?;
    wait_article(&browser, &b.title).await?;
    let marker = eval(&browser, "return window.__awNoReload || 0;").await?;
    ensure!(marker == 1, "the page reloaded during in-app navigation");

    // Back to the list, and a reload there.
    find(&browser, "a.aw-back").await?.click().await?;
    wait_for_text(&browser, ".aw-feed-item-title", &a.title, DEFAULT_TIMEOUT).await?;
    wait_query(&browser, "").await?;
    browser.back().await?;
    wait_article(&browser, &b.title).await?;
    browser.refresh().await?;
    wait_article(&browser, &b.title).await?;

    browser.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_build_takes_over_and_old_caches_are_removed() -> Result<()> {
    let items = feed_items(&dist_dir(), 1)?;
    let old_dir = tempfile::tempdir()?;
    copy_dir(&dist_dir(), old_dir.path())?;
    let old_build = build_version(&std::fs::read_to_string(old_dir.path().join("sw.js"))?)?;

    let server = serve_dir_on_port(old_dir.path(), 0).await?;
    let port = server.port();
    let base = server.url();
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{base}?article={}", items[0].slug))
        .await?;
    wait_article(&browser, &items[0].title).await?;
    wait_for_sw_control(&browser).await?;
    let old_shell = format!("aw-shell-{old_build}");
    ensure!(cache_names(&browser).await?.contains(&old_shell));

    // Deploy: the same files plus a visible change, and a new version.
    let new_dir = tempfile::tempdir()?;
    copy_dir(old_dir.path(), new_dir.path())?;
    let new_build = format!("{old_build}2");
    let sw = std::fs::read_to_string(new_dir.path().join("sw.js"))?;
    std::fs::write(
        new_dir.path().join("sw.js"),
        sw.replacen(
            &format!("BUILD = '{old_build}'"),
            &format!("BUILD = '{new_build}'"),
            1,
        ),
    )?;
    let index = std::fs::read_to_string(new_dir.path().join("index.html"))?;
    std::fs::write(
        new_dir.path().join("index.html"),
        index.replacen(
            "<head>",
            "<head>\n  <meta name=\"aw-test-build\" content=\"2\">",
            1,
        ),
    )?;
    server.stop();
    let server = serve_dir_on_port(new_dir.path(), port).await?;

    // The open reader finds the new worker waiting and offers to reload.
    browser.refresh().await?;
    let reload = wait_for(
        &browser,
        ".aw-update button.aw-update-reload",
        DEFAULT_TIMEOUT,
    )
    .await?;
    let before = eval(
        &browser,
        "return !!document.querySelector('meta[name=aw-test-build]');",
    )
    .await?;
    ensure!(
        before == false,
        "the old shell must stay until the reader agrees"
    );
    reload.click().await?;
    wait_until("the new shell to load", DEFAULT_TIMEOUT, || async {
        let v = eval(
            &browser,
            "return !!document.querySelector('meta[name=aw-test-build]');",
        )
        .await?;
        Ok((v == true).then_some(()))
    })
    .await?;
    wait_article(&browser, &items[0].title).await?;

    let new_shell = format!("aw-shell-{new_build}");
    let names = wait_until(
        "the old shell cache to be deleted",
        DEFAULT_TIMEOUT,
        || async {
            let names = cache_names(&browser).await?;
            Ok((!names.contains(&old_shell) && names.contains(&new_shell)).then_some(names))
        },
    )
    .await?;
    ensure!(
        names
            .iter()
            .all(|n| !n.starts_with("aw-shell-") || *n == new_shell),
        "only the new shell cache may remain: {names:?}"
    );
    // Every script and wasm the page uses is in the new shell cache.
    let shell = cache_urls(&browser, &new_shell).await?;
    let used = eval(
        &browser,
        "return performance.getEntriesByType('resource').map((e) => e.name)
             .filter((u) => /\\.(js|wasm)$/.test(u) && !u.endsWith('/sw.js'));",
    )
    .await?;
    let used: Vec<String> = serde_json::from_value(used)?;
    ensure!(!used.is_empty(), "no script resources seen");
    for url in &used {
        ensure!(
            shell.contains(url),
            "{url} is not in {new_shell}: {shell:?}"
        );
    }

    browser.quit().await?;
    server.stop();
    Ok(())
}

/// The read time the runtime article cache holds for `slug` (0 when absent).
async fn read_at(browser: &Browser, slug: &str) -> Result<f64> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         caches.open('aw-articles-v1')
             .then((c) => c.keys().then((ks) => {{
                 const k = ks.find((k) => k.url.endsWith('/{slug}.json'));
                 return k ? c.match(k) : null;
             }}))
             .then((r) => done(r ? Number(r.headers.get('x-aw-read-at')) : 0), () => done(0));"
    );
    Ok(eval_async(browser, &script).await?.as_f64().unwrap_or(0.0))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_article_cache_evicts_the_least_recently_read() -> Result<()> {
    let items = feed_items(&dist_dir(), 3)?;
    let (a, b, c) = (&items[0], &items[1], &items[2]);
    // The same build with a cap of two articles instead of thirty.
    let dir = tempfile::tempdir()?;
    copy_dir(&dist_dir(), dir.path())?;
    let sw = std::fs::read_to_string(dir.path().join("sw.js"))?;
    ensure!(sw.contains("const MAX_ARTICLES = 30;"));
    std::fs::write(
        dir.path().join("sw.js"),
        sw.replacen("const MAX_ARTICLES = 30;", "const MAX_ARTICLES = 2;", 1),
    )?;
    let server = serve_dir_on_port(dir.path(), 0).await?;
    let base = server.url();
    let browser = Browser::start().await?;
    browser.goto(&base).await?;
    wait_for(&browser, ".aw-feed-item", DEFAULT_TIMEOUT).await?;
    wait_for_sw_control(&browser).await?;

    // Read A, then B, then A again: B is now the least recently read.
    let mut last = 0.0;
    for item in [a, b, a] {
        browser
            .goto(&format!("{base}?article={}", item.slug))
            .await?;
        wait_article(&browser, &item.title).await?;
        let before = last;
        last = wait_until(
            &format!("{} to be stamped as read", item.slug),
            DEFAULT_TIMEOUT,
            || async {
                let t = read_at(&browser, &item.slug).await?;
                Ok((t > before).then_some(t))
            },
        )
        .await?;
    }
    // Reading C makes three: B goes.
    browser.goto(&format!("{base}?article={}", c.slug)).await?;
    wait_article(&browser, &c.title).await?;
    let kept = wait_until(
        "the cache to hold two articles",
        DEFAULT_TIMEOUT,
        || async {
            let urls = cache_urls(&browser, "aw-articles-v1").await?;
            Ok((urls.len() == 2
                && urls
                    .iter()
                    .any(|u| u.ends_with(&format!("/{}.json", c.slug))))
            .then_some(urls))
        },
    )
    .await?;
    ensure!(
        kept.iter()
            .any(|u| u.ends_with(&format!("/{}.json", a.slug)))
            && !kept
                .iter()
                .any(|u| u.ends_with(&format!("/{}.json", b.slug))),
        "expected A and C kept, B evicted: {kept:?}"
    );
    browser.quit().await?;
    server.stop();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn chromium_reports_no_installability_errors() -> Result<()> {
    let site = Site::start()?;
    let browser = Browser::start().await?;
    browser.goto(site.url("/")).await?;
    wait_for(&browser, ".aw-feed-item", DEFAULT_TIMEOUT).await?;
    wait_for_sw_control(&browser).await?;
    let last = std::sync::Mutex::new(Vec::new());
    let result = wait_until("no installability errors", DEFAULT_TIMEOUT, || async {
        let errors = installability_errors(&browser).await?;
        let empty = errors.is_empty();
        if let Ok(mut last) = last.lock() {
            *last = errors;
        }
        Ok(empty.then_some(()))
    })
    .await;
    let last = last.lock().map(|l| l.clone()).unwrap_or_default();
    result.with_context(|| format!("Page.getInstallabilityErrors: {last:?}"))?;
    browser.quit().await
}

#[test]
fn manifest_icons_exist_at_their_declared_sizes() -> Result<()> {
    let pwa = workspace_dir().join("pwa");
    let manifest = read_json(pwa.join("manifest.webmanifest"))?;
    for key in [
        "name",
        "short_name",
        "start_url",
        "theme_color",
        "background_color",
    ] {
        ensure!(
            manifest[key].as_str().is_some_and(|s| !s.is_empty()),
            "manifest lacks {key}"
        );
    }
    ensure!(manifest["display"] == "standalone");
    let icons = manifest["icons"].as_array().context("no icons")?;
    let mut sizes = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().context("icon without src")?;
        let declared = icon["sizes"].as_str().context("icon without sizes")?;
        let purpose = icon["purpose"].as_str().unwrap_or("any");
        for dir in [pwa.clone(), dist_dir()] {
            let path = dir.join(src);
            if icon["type"] == "image/png" {
                let (w, h) = png_dimensions(&path)?;
                ensure!(
                    declared == format!("{w}x{h}"),
                    "{} is {w}x{h}, declared {declared}",
                    path.display()
                );
            } else {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                ensure!(text.starts_with("<svg"), "{} is not an SVG", path.display());
            }
        }
        sizes.push((declared.to_owned(), purpose.to_owned()));
    }
    for (size, purpose) in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        ensure!(
            sizes.iter().any(|(s, p)| s == size && p == purpose),
            "no {size} {purpose} icon: {sizes:?}"
        );
    }
    Ok(())
}
