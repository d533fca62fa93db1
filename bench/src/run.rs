//! Driving the benchmark: fixture pages, the server, the browser, the loads.
//!
//! Every page is loaded in one headless Chromium tab through chromedriver (the
//! e2e harness's [`Browser`]), with `pages/probe.js` injected before any page
//! script. Variants are interleaved within each run so that drift on a shared
//! machine hits all three alike, and ratios are taken between medians measured
//! in the same invocation.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use article_widget::embed::prerender::prerender;
use article_widget::embed::RawOptions;
use article_widget_e2e::thirtyfour::WebDriver;
use article_widget_e2e::{eval, Browser, Site};
use serde_json::{json, Value};
use tokio::time::Instant;

use crate::article::{big_article, page, render_article};
use crate::front::Front;
use crate::report::{median_sample, Row, Sample, Verdict};
use crate::size;

/// The script injected into every page before its own scripts.
pub const PROBE: &str = include_str!("../pages/probe.js");
/// The plain-JS renderer, served as `/bench/plain.js`.
pub const PLAIN_JS: &str = include_str!("../pages/plain.js");

/// The demo article, relative to `dist/`.
pub const DEMO: &str = "demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json";

/// How long the page must have been quiet (no new LCP, long task, or layout
/// shift entry) after the articles appeared before the sample is read.
const QUIET_MS: u32 = 700;
/// How often the settled check runs: rarely, as each check is a task on the
/// page's main thread.
const POLL: Duration = Duration::from_millis(150);
/// A load that takes longer than this failed.
const LOAD_TIMEOUT: Duration = Duration::from_secs(90);

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The release build.
    pub dist: PathBuf,
    /// Where generated pages go (served under `/bench/`).
    pub work: PathBuf,
    /// Runs per variant and scenario.
    pub runs: usize,
    /// Fewer scenarios.
    pub quick: bool,
    /// Plain HTTP/1.1 from the devserver instead of HTTPS with HTTP/2.
    pub http1: bool,
    /// Only this scenario (overrides `quick`'s choice, not its run count).
    pub scenario: Option<Scenario>,
}

/// The site as the browser reaches it: the devserver, behind the HTTPS +
/// HTTP/2 front unless `--http1`.
struct Served {
    site: Site,
    front: Option<Front>,
}

impl Served {
    fn url(&self, path: &str) -> String {
        match &self.front {
            Some(front) => format!("{}/{}", front.origin(), path.trim_start_matches('/')),
            None => self.site.url(path),
        }
    }
    fn origin(&self) -> String {
        self.front
            .as_ref()
            .map_or_else(|| self.site.origin(), Front::origin)
    }
    fn server(&self) -> &devserver::ServerHandle {
        self.site.server()
    }
}

/// The three page shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scenario {
    /// The demo article.
    One,
    /// A generated ~1 MB article.
    Big,
    /// Twenty articles on one page.
    Twenty,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::One => "1 article",
            Scenario::Big => "1 MB article",
            Scenario::Twenty => "20 widgets",
        }
    }
    fn key(self) -> &'static str {
        match self {
            Scenario::One => "one",
            Scenario::Big => "big",
            Scenario::Twenty => "twenty",
        }
    }
    /// The scenario named `key` (`one`, `big`, `twenty`), as `--scenario` takes it.
    pub fn from_key(key: &str) -> Option<Self> {
        [Scenario::One, Scenario::Big, Scenario::Twenty]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// What renders the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Variant {
    /// The article in the HTML.
    Static,
    /// `pages/plain.js`.
    Plain,
    /// The widget: the embed on a page of its own.
    Widget,
    /// The widget prerendered (`article-widget render`: declarative shadow
    /// DOM), adopted by the embed.
    Prerendered,
    /// The standalone reader (`index.html?src=`): the Yew shell showing the
    /// article through the same widget (one article only).
    Reader,
}

impl Variant {
    const ALL: [Variant; 5] = [
        Variant::Static,
        Variant::Plain,
        Variant::Widget,
        Variant::Prerendered,
        Variant::Reader,
    ];
    fn label(self) -> &'static str {
        match self {
            Variant::Static => "static",
            Variant::Plain => "plain-JS",
            Variant::Widget => "widget",
            Variant::Prerendered => "prerendered widget",
            Variant::Reader => "reader",
        }
    }
}

/// Device and network emulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Profile {
    /// 4x CPU slowdown, 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, 412 px wide.
    Mobile,
    /// No throttling, 1280 px wide.
    Desktop,
}

impl Profile {
    fn label(self) -> &'static str {
        match self {
            Profile::Mobile => "mobile",
            Profile::Desktop => "desktop",
        }
    }
}

/// Cold (HTTP cache and service workers cleared, cache disabled) or warm
/// (the same page loaded before, cache on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cache {
    /// First visit.
    Cold,
    /// Repeat visit.
    Warm,
}

impl Cache {
    fn label(self) -> &'static str {
        match self {
            Cache::Cold => "cold",
            Cache::Warm => "warm",
        }
    }
}

/// The generated pages: a path on the site per scenario and variant (`None`
/// when a variant cannot show a scenario, e.g. 20 widgets without the embed).
#[derive(Debug, Clone, Default)]
pub struct Pages {
    urls: BTreeMap<(Scenario, Variant), String>,
    /// What "widget" means in this run.
    pub widget: String,
    /// The articles of each scenario (site paths), for the prerendered pages.
    articles: BTreeMap<Scenario, Vec<String>>,
    /// The embed's loader, when built.
    embed: Option<String>,
}

/// The embed's loader script under `dist/embed/`, as a site path.
pub fn embed_script(dist: &Path) -> Option<String> {
    let dir = dist.join("embed");
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "embed.js") {
                files.push(path);
            }
        }
    }
    files.sort();
    let rel = files.first()?.strip_prefix(dist).ok()?;
    Some(format!("/{}", rel.to_string_lossy().replace('\\', "/")))
}

/// The widget's stylesheet for the static and plain-JS pages, as the page's
/// own CSS (the widget adopts the same rules in its shadow root).
const WIDGET_CSS: &str = include_str!("../../style/widget.css");

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Writes the fixture pages and the 1 MB article into `work`.
///
/// # Errors
///
/// When the build lacks the demo article or a file cannot be written.
pub fn prepare(dist: &Path, work: &Path) -> Result<Pages> {
    std::fs::create_dir_all(work).with_context(|| format!("creating {}", work.display()))?;
    std::fs::write(work.join("widget.css"), WIDGET_CSS)?;
    let css = vec!["/bench/widget.css".to_owned()];
    let demo_path = format!("/{DEMO}");
    let demo = read_json(&dist.join(DEMO))?;
    // The twenty: every demo article in turn, the main one first.
    let mut sources = vec![demo_path.clone()];
    let mut others: Vec<String> = std::fs::read_dir(dist.join("demo/articles"))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .map(|n| format!("/demo/articles/{n}"))
        .filter(|p| *p != demo_path)
        .collect();
    others.sort();
    sources.extend(others);
    let twenty: Vec<String> = sources.iter().cycle().take(20).cloned().collect();

    let big_path = "/bench/big-article.json".to_owned();
    let big = big_article(&demo, &demo_path, 1_000_000);
    std::fs::write(work.join("big-article.json"), big.to_string())?;
    std::fs::write(work.join("plain.js"), PLAIN_JS)?;

    let mut articles: BTreeMap<String, Value> = BTreeMap::new();
    for src in &sources {
        articles.insert(
            src.clone(),
            read_json(&dist.join(src.trim_start_matches('/')))?,
        );
    }
    articles.insert(big_path.clone(), big);

    let lists = [
        (Scenario::One, vec![demo_path.clone()]),
        (Scenario::Big, vec![big_path.clone()]),
        (Scenario::Twenty, twenty),
    ];
    let embed = embed_script(dist);
    let mut pages = Pages {
        widget: match &embed {
            Some(js) => format!("the embed ({js})"),
            None => "missing: dist/embed/ is not built".to_owned(),
        },
        ..Pages::default()
    };
    pages.embed.clone_from(&embed);
    for (scenario, srcs) in lists {
        pages.articles.insert(scenario, srcs.clone());
        let n = srcs.len();
        let title = format!("bench: {}", scenario.label());
        let mut body = String::from("<main class=\"aw-reader\">\n");
        for src in &srcs {
            let article = articles.get(src).context("article not loaded")?;
            body.push_str("<div class=\"aw\">");
            body.push_str(&render_article(article, src));
            body.push_str("</div>\n");
        }
        body.push_str("</main>");
        let name = format!("static-{}.html", scenario.key());
        std::fs::write(work.join(&name), page(&title, &css, "", &body, n))?;
        pages
            .urls
            .insert((scenario, Variant::Static), format!("/bench/{name}"));

        let mut body = String::from("<main class=\"aw-reader\">\n");
        for src in &srcs {
            let _ = writeln!(body, "<div class=\"aw\" data-article-src=\"{src}\"></div>");
        }
        body.push_str("</main>\n<script src=\"/bench/plain.js\"></script>");
        let name = format!("plain-{}.html", scenario.key());
        std::fs::write(work.join(&name), page(&title, &css, "", &body, n))?;
        pages
            .urls
            .insert((scenario, Variant::Plain), format!("/bench/{name}"));

        if let Some(js) = &embed {
            // The snippet a partner pastes (docs/embedding.md): the wasm
            // preload, one module script, one element per article.
            let wasm = js.replace("embed.js", "article_widget_bg.wasm");
            let mut head = format!(
                "<link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
                 <script type=\"module\" src=\"{js}\"></script>\n"
            );
            // The snippet's optional fourth line, for the article in the
            // first screen only: its fetch starts with the page, not after
            // embed.js has run. The 20-widget page preloads its first article.
            // BENCH_NO_ARTICLE_PRELOAD=1 leaves it out, for an A/B.
            if std::env::var_os("BENCH_NO_ARTICLE_PRELOAD").is_none() {
                let _ = writeln!(
                    head,
                    "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>",
                    srcs[0]
                );
            }
            let mut body = String::new();
            for src in &srcs {
                let _ = writeln!(body, "<article-widget src=\"{src}\"></article-widget>");
            }
            let name = format!("widget-{}.html", scenario.key());
            std::fs::write(work.join(&name), page(&title, &[], &head, &body, n))?;
            pages
                .urls
                .insert((scenario, Variant::Widget), format!("/bench/{name}"));
        }
        if n == 1 {
            // The reader's first article paint: its shell, then the widget.
            pages.urls.insert(
                (scenario, Variant::Reader),
                format!("/index.html?src={}", srcs[0]),
            );
        }
    }
    Ok(pages)
}

/// Writes the prerendered pages (`article-widget render` for each article of
/// each scenario, and the embed's module script) into `work` and adds them
/// to `pages`. They need the origin the browser reaches (`origin`): the
/// prerendered markup holds the article's URLs resolved against it, as the
/// widget resolves them, so the embed adopts the nodes instead of rendering.
///
/// # Errors
///
/// When an article cannot be read or a page cannot be written.
pub fn prerendered(dist: &Path, work: &Path, origin: &str, pages: &mut Pages) -> Result<()> {
    let Some(js) = pages.embed.clone() else {
        return Ok(());
    };
    let head = format!("<script type=\"module\" src=\"{js}\"></script>\n");
    for (scenario, srcs) in pages.articles.clone() {
        let mut body = String::new();
        for src in &srcs {
            let file = match src.strip_prefix("/bench/") {
                Some(name) => work.join(name),
                None => dist.join(src.trim_start_matches('/')),
            };
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let url = format!("{origin}{src}");
            let widget = prerender(&bytes, src, Some(&url), &RawOptions::default(), None)
                .map_err(|e| anyhow::anyhow!("prerendering {src}: {e}"))?;
            body.push_str(&widget.html);
            body.push('\n');
        }
        let title = format!("bench: {}", scenario.label());
        let name = format!("prerendered-{}.html", scenario.key());
        std::fs::write(
            work.join(&name),
            page(&title, &[], &head, &body, srcs.len()),
        )?;
        pages
            .urls
            .insert((scenario, Variant::Prerendered), format!("/bench/{name}"));
    }
    Ok(())
}

async fn cdp(driver: &WebDriver, method: &str, params: Value) -> Result<Value> {
    driver
        .cdp()
        .send_raw(method, params)
        .await
        .with_context(|| format!("CDP {method}"))
}

async fn emulate(driver: &WebDriver, profile: Profile) -> Result<()> {
    match profile {
        Profile::Mobile => {
            cdp(driver, "Emulation.setCPUThrottlingRate", json!({"rate": 4})).await?;
            cdp(
                driver,
                "Network.emulateNetworkConditions",
                json!({"offline": false, "latency": 150,
                       "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}),
            )
            .await?;
            cdp(
                driver,
                "Emulation.setDeviceMetricsOverride",
                json!({"width": 412, "height": 823, "deviceScaleFactor": 1, "mobile": true}),
            )
            .await?;
        }
        Profile::Desktop => {
            cdp(driver, "Emulation.setCPUThrottlingRate", json!({"rate": 1})).await?;
            cdp(
                driver,
                "Network.emulateNetworkConditions",
                json!({"offline": false, "latency": 0,
                       "downloadThroughput": -1, "uploadThroughput": -1}),
            )
            .await?;
            cdp(driver, "Emulation.clearDeviceMetricsOverride", json!({})).await?;
        }
    }
    Ok(())
}

async fn set_cache(driver: &WebDriver, site: &Served, cache: Cache) -> Result<()> {
    match cache {
        Cache::Cold => {
            cdp(driver, "Network.clearBrowserCache", json!({})).await?;
            cdp(
                driver,
                "Storage.clearDataForOrigin",
                json!({"origin": site.origin(), "storageTypes": "service_workers,cache_storage"}),
            )
            .await?;
            cdp(
                driver,
                "Network.setCacheDisabled",
                json!({"cacheDisabled": true}),
            )
            .await?;
        }
        Cache::Warm => {
            cdp(
                driver,
                "Network.setCacheDisabled",
                json!({"cacheDisabled": false}),
            )
            .await?;
        }
    }
    Ok(())
}

/// Loads `path` once and reads the probe when the page has settled.
async fn load(driver: &WebDriver, site: &Served, path: &str) -> Result<Sample> {
    driver.goto("about:blank").await?;
    site.server().clear_requests();
    driver.goto(site.url(path)).await?;
    let deadline = Instant::now() + LOAD_TIMEOUT;
    let script = format!("return !!(window.__bench && window.__bench.settled({QUIET_MS}));");
    loop {
        if eval(driver, &script).await?.as_bool() == Some(true) {
            break;
        }
        if Instant::now() > deadline {
            let text = eval(
                driver,
                "return document.body ? document.body.innerText.slice(0, 300) : ''",
            )
            .await
            .unwrap_or_default();
            bail!("{path} did not render within {LOAD_TIMEOUT:?}; page shows {text}");
        }
        tokio::time::sleep(POLL).await;
    }
    let report = eval(driver, "return window.__bench.report();").await?;
    if std::env::var_os("BENCH_TRACE").is_some() {
        let trace = eval(driver, "return window.__bench.trace();").await?;
        eprintln!(
            "bench trace: {path}\n{}",
            trace.as_str().unwrap_or_default()
        );
    }
    let wasm = site
        .server()
        .requests()
        .iter()
        .filter(|(_, p)| p.ends_with(".wasm"))
        .count();
    Sample::from_probe(&report, wasm).map_err(anyhow::Error::msg)
}

type Key = (Scenario, Profile, Cache, Variant);

/// Runs every scenario and returns the table rows, in a stable order.
///
/// # Errors
///
/// When the browser or the server cannot start or fixture pages cannot be
/// written; a single failed load is recorded in its row instead.
pub async fn run(options: &Options, pages: &Pages) -> Result<Vec<Row>> {
    let site = Site::start_with(|builder| {
        builder
            .compress(true)
            .mount("/bench/", &options.work)
            // Long-lived caching, so a warm load is served from the HTTP cache
            // as it would be from a CDN; cold loads disable the cache.
            .cache_control("public, max-age=3600")
    })?;
    let front = if options.http1 {
        None
    } else {
        Some(Front::start(site.server().addr).await?)
    };
    let flag = front.as_ref().map(Front::chromium_flag);
    let site = Served { site, front };
    let mut pages = pages.clone();
    prerendered(&options.dist, &options.work, &site.origin(), &mut pages)?;
    let pages = &pages;
    let browser =
        Browser::start_with_args(&flag.iter().map(String::as_str).collect::<Vec<_>>()).await?;
    let driver = browser.driver();
    cdp(driver, "Network.enable", json!({})).await?;
    cdp(
        driver,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": PROBE}),
    )
    .await?;

    let scenarios = match (options.scenario, options.quick) {
        (Some(scenario), _) => vec![scenario],
        (None, true) => vec![Scenario::One],
        (None, false) => vec![Scenario::One, Scenario::Big, Scenario::Twenty],
    };
    // One unmeasured load of every page first: the server compresses each file
    // on its first request (brotli 11 takes a while) and keeps the result, as a
    // CDN would have it ready.
    emulate(driver, Profile::Desktop).await?;
    for &scenario in &scenarios {
        for variant in Variant::ALL {
            if let Some(path) = pages.urls.get(&(scenario, variant)) {
                set_cache(driver, &site, Cache::Cold).await?;
                if let Err(e) = load(driver, &site, path).await {
                    eprintln!("bench: warming up {path} failed: {e:#}");
                }
            }
        }
    }
    let mut samples: BTreeMap<Key, Vec<Sample>> = BTreeMap::new();
    let mut failures: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    for &scenario in &scenarios {
        for profile in [Profile::Mobile, Profile::Desktop] {
            emulate(driver, profile).await?;
            for cache in [Cache::Cold, Cache::Warm] {
                let started = Instant::now();
                let variants: Vec<(Variant, &String)> = Variant::ALL
                    .iter()
                    .filter_map(|v| Some((*v, pages.urls.get(&(scenario, *v))?)))
                    .collect();
                set_cache(driver, &site, cache).await?;
                if cache == Cache::Warm {
                    // Fill the cache once; every measured load after it is a repeat visit.
                    for (_, path) in &variants {
                        let _ = load(driver, &site, path).await;
                    }
                }
                for _ in 0..options.runs {
                    for (variant, path) in &variants {
                        if cache == Cache::Cold {
                            set_cache(driver, &site, cache).await?;
                        }
                        let key = (scenario, profile, cache, *variant);
                        match load(driver, &site, path).await {
                            Ok(sample) => samples.entry(key).or_default().push(sample),
                            Err(e) => failures.entry(key).or_default().push(format!("{e:#}")),
                        }
                    }
                }
                eprintln!(
                    "bench: {} / {} / {} done in {:.0} s",
                    scenario.label(),
                    profile.label(),
                    cache.label(),
                    started.elapsed().as_secs_f64()
                );
            }
        }
    }
    browser.quit().await?;
    drop(site);

    Ok(build_rows(&scenarios, pages, &samples, &failures))
}

/// Medians, baselines and failures per scenario and variant, in table order.
fn build_rows(
    scenarios: &[Scenario],
    pages: &Pages,
    samples: &BTreeMap<Key, Vec<Sample>>,
    failures: &BTreeMap<Key, Vec<String>>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for &scenario in scenarios {
        for profile in [Profile::Mobile, Profile::Desktop] {
            for cache in [Cache::Cold, Cache::Warm] {
                let median_of = |v: Variant| {
                    samples
                        .get(&(scenario, profile, cache, v))
                        .and_then(|s| median_sample(s))
                };
                let baseline = median_of(Variant::Static);
                for variant in Variant::ALL {
                    let key = (scenario, profile, cache, variant);
                    let missing = !pages.urls.contains_key(&(scenario, variant));
                    if missing && variant == Variant::Reader {
                        continue; // the reader shows one article
                    }
                    rows.push(Row {
                        scenario: scenario.label().to_owned(),
                        profile: profile.label().to_owned(),
                        cache: cache.label().to_owned(),
                        variant: variant.label().to_owned(),
                        median: median_of(variant),
                        baseline,
                        runs: samples.get(&key).map_or(0, Vec::len),
                        failures: if missing {
                            vec!["needs the embed (dist/embed/)".to_owned()]
                        } else {
                            failures.get(&key).cloned().unwrap_or_default()
                        },
                    });
                }
            }
        }
    }
    rows
}

fn find(rows: &[Row], scenario: Scenario, profile: Profile, cache: Cache) -> Option<&Row> {
    find_variant(rows, scenario, profile, cache, Variant::Widget)
}

fn find_variant(
    rows: &[Row],
    scenario: Scenario,
    profile: Profile,
    cache: Cache,
    variant: Variant,
) -> Option<&Row> {
    rows.iter().find(|r| {
        r.scenario == scenario.label()
            && r.profile == profile.label()
            && r.cache == cache.label()
            && r.variant == variant.label()
    })
}

/// The prerendered widget's targets: LCP within 1.1x of static HTML on every
/// profile (one article), and 20 prerendered widgets rendered within 1.2x of
/// the static page of the same 20 articles.
fn prerendered_verdicts(rows: &[Row]) -> Vec<Verdict> {
    let mut out = Vec::new();
    let medians = |s, p, c| {
        find_variant(rows, s, p, c, Variant::Prerendered)
            .and_then(|r| Some((r.median?, r.baseline?)))
    };
    for profile in [Profile::Mobile, Profile::Desktop] {
        for cache in [Cache::Cold, Cache::Warm] {
            let at = format!("{}, {}", profile.label(), cache.label());
            let one = medians(Scenario::One, profile, cache);
            out.push(Verdict {
                target: format!("prerendered: LCP ≤ 1.1x static ({at})"),
                measured: one.map_or("-".into(), |(p, b)| {
                    format!("{:.2}x ({:.0} vs {:.0} ms)", p.lcp / b.lcp, p.lcp, b.lcp)
                }),
                met: one
                    .filter(|(_, b)| b.lcp > 0.0)
                    .map(|(p, b)| p.lcp / b.lcp <= 1.1),
            });
            let twenty = medians(Scenario::Twenty, profile, cache);
            out.push(Verdict {
                target: format!("prerendered: 20 widgets rendered ≤ 1.2x the static page ({at})"),
                measured: twenty.map_or("-".into(), |(p, b)| {
                    format!(
                        "{:.2}x ({:.0} vs {:.0} ms)",
                        p.rendered / b.rendered,
                        p.rendered,
                        b.rendered
                    )
                }),
                met: twenty
                    .filter(|(_, b)| b.rendered > 0.0)
                    .map(|(p, b)| p.rendered / b.rendered <= 1.2),
            });
        }
    }
    out
}

/// Checks the measurements against the targets in `docs/performance.md`.
#[allow(clippy::too_many_lines)] // one flat list of targets, easier to check against the doc
pub fn verdicts(rows: &[Row], payload: Option<(String, size::Sizes)>) -> Vec<Verdict> {
    let mut out = Vec::new();
    let widget = |s, p, c| find(rows, s, p, c).and_then(|r| Some((r.median?, r.baseline?)));
    out.push(match payload {
        Some((name, sizes)) => Verdict {
            target: "payload (wasm + JS glue) ≤ 55 KB brotli".into(),
            measured: format!(
                "{name}: {} brotli, {} gzip, {} raw",
                size::kb(sizes.brotli),
                size::kb(sizes.gzip),
                size::kb(sizes.raw)
            ),
            met: Some(sizes.brotli <= 55_000),
        },
        None => Verdict {
            target: "payload ≤ 55 KB brotli".into(),
            measured: "-".into(),
            met: None,
        },
    });
    let lcp_ratio = |target: &str, p, c, limit: f64| match widget(Scenario::One, p, c) {
        Some((w, b)) if b.lcp > 0.0 => Verdict {
            target: target.into(),
            measured: format!("{:.2}x ({:.0} vs {:.0} ms)", w.lcp / b.lcp, w.lcp, b.lcp),
            met: Some(w.lcp / b.lcp <= limit),
        },
        _ => Verdict {
            target: target.into(),
            measured: "-".into(),
            met: None,
        },
    };
    out.push(lcp_ratio(
        "LCP ≤ 2.0x static, mobile, cold",
        Profile::Mobile,
        Cache::Cold,
        2.0,
    ));
    out.push(lcp_ratio(
        "LCP ≤ 1.3x static, mobile, warm",
        Profile::Mobile,
        Cache::Warm,
        1.3,
    ));
    out.push(lcp_ratio(
        "LCP ≤ 1.5x static, desktop, cold",
        Profile::Desktop,
        Cache::Cold,
        1.5,
    ));
    out.push(lcp_ratio(
        "LCP ≤ 1.5x static, desktop, warm",
        Profile::Desktop,
        Cache::Warm,
        1.5,
    ));
    let one = widget(Scenario::One, Profile::Mobile, Cache::Cold);
    out.push(Verdict {
        target: "TBT ≤ 50 ms at 4x (1 article, cold)".into(),
        measured: one.map_or("-".into(), |(w, _)| format!("{:.0} ms", w.tbt)),
        met: one.map(|(w, _)| w.tbt <= 50.0),
    });
    let qr: Vec<f64> = rows
        .iter()
        .filter(|r| r.variant == "widget")
        .filter_map(|r| r.median.map(|m| m.qr_at_render))
        .collect();
    out.push(Verdict {
        target: "QR encoding never inside the first paint".into(),
        measured: format!(
            "QR present in the first rendered frame in {} of {} widget rows",
            qr.iter().filter(|q| **q > 0.0).count(),
            qr.len()
        ),
        met: (!qr.is_empty()).then(|| qr.iter().all(|q| *q == 0.0)),
    });
    let mem = |m: &Sample| m.wasm_memory.map(|b| b / 1_048_576.0);
    out.push(Verdict {
        target: "wasm memory ≤ 1.5 MB (1 article)".into(),
        measured: one
            .and_then(|(w, _)| mem(&w))
            .map_or("-".into(), |m| format!("{m:.2} MB")),
        met: one.and_then(|(w, _)| mem(&w)).map(|m| m <= 1.5),
    });
    let big = widget(Scenario::Big, Profile::Mobile, Cache::Cold);
    out.push(Verdict {
        target: "1 MB article: longest task ≤ 100 ms at 4x".into(),
        measured: big.map_or("-".into(), |(w, _)| format!("{:.0} ms", w.longest)),
        met: big.map(|(w, _)| w.longest <= 100.0),
    });
    out.push(Verdict {
        target: "1 MB article: wasm memory ≤ 4 MB".into(),
        measured: big
            .and_then(|(w, _)| mem(&w))
            .map_or("-".into(), |m| format!("{m:.2} MB")),
        met: big.and_then(|(w, _)| mem(&w)).map(|m| m <= 4.0),
    });
    out.extend(prerendered_verdicts(rows));
    for (profile, cache) in [
        (Profile::Mobile, Cache::Cold),
        (Profile::Desktop, Cache::Cold),
    ] {
        let twenty = widget(Scenario::Twenty, profile, cache);
        let single = widget(Scenario::One, profile, cache);
        let target = format!(
            "20 widgets rendered ≤ 1.5x one, wasm fetched once ({}, {})",
            profile.label(),
            cache.label()
        );
        out.push(match (twenty, single) {
            (Some((t, _)), Some((s, _))) => Verdict {
                target,
                measured: format!(
                    "{:.2}x ({:.0} vs {:.0} ms), wasm fetched {:.0}x",
                    t.rendered / s.rendered,
                    t.rendered,
                    s.rendered,
                    t.wasm_downloads
                ),
                met: Some(t.rendered / s.rendered <= 1.5 && t.wasm_downloads <= 1.0),
            },
            _ => Verdict {
                target,
                measured: "-".into(),
                met: None,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_embed_script() {
        let dir = std::env::temp_dir().join(format!("aw-bench-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("embed/v1")).unwrap();
        assert_eq!(embed_script(&dir), None);
        std::fs::write(dir.join("embed/v1/embed.js"), "").unwrap();
        assert_eq!(embed_script(&dir).as_deref(), Some("/embed/v1/embed.js"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
