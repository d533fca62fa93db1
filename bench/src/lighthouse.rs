//! `cargo xtask bench --lighthouse`: Lighthouse's audits of the reader's
//! article page, the demo partner page and a prerendered article page (the
//! demo article made by `article-widget render --full-page`), served as a
//! real host serves them.
//!
//! The release build is served by the devserver with compression and
//! long-lived caching, behind the bench's HTTPS + HTTP/2 front
//! ([`crate::front`]); every file is requested once first, so the server has
//! its compressed copies ready as a CDN would. Lighthouse (npm, installed by
//! xtask) then runs on Debian's Chromium with its default mobile profile
//! (simulated slow 4G and a 4x slower CPU), several times per page. The
//! report gives the median of each score and figure, and, from the run with
//! the median performance score, what holds each score below 100.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use article_widget_e2e::Site;
use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use crate::front::Front;
use crate::report::median;

/// The categories scored, in report order: Lighthouse's id and our label.
pub const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "performance"),
    ("accessibility", "accessibility"),
    ("best-practices", "best practices"),
    ("seo", "SEO"),
];

/// How long one Lighthouse run may take before it counts as failed.
const RUN_TIMEOUT: Duration = Duration::from_secs(240);

/// What to audit and with what.
#[derive(Debug, Clone)]
pub struct Options {
    /// The release build.
    pub dist: PathBuf,
    /// Lighthouse's command-line script (`node_modules/lighthouse/cli/index.js`).
    pub lighthouse: PathBuf,
    /// Where each run's JSON report goes.
    pub work: PathBuf,
    /// Runs per page.
    pub runs: usize,
}

/// A page to audit: its label and its path on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The label in the report.
    pub label: &'static str,
    /// The path and query on the site.
    pub path: String,
}

/// Where the prerendered article page is served.
const PAGES: &str = "/lighthouse/";
/// The prerendered article page's file name.
const PRERENDERED_PAGE: &str = "prerendered.html";

/// The pages of `dist` to audit: the reader's article page, and when the
/// embed is built the demo partner page and the prerendered article page
/// ([`write_prerendered_page`]).
pub fn targets(dist: &Path) -> Vec<Target> {
    let slug = crate::run::DEMO
        .trim_start_matches("demo/articles/")
        .trim_end_matches(".json");
    let mut targets = vec![Target {
        label: "reader's article page",
        path: format!("/?article={slug}"),
    }];
    if dist.join("embed/v1/partner.html").is_file() {
        targets.push(Target {
            label: "partner page",
            path: "/embed/v1/partner.html".to_owned(),
        });
        targets.push(Target {
            label: "prerendered article page",
            path: format!("{PAGES}{PRERENDERED_PAGE}"),
        });
    }
    targets
}

/// Writes the prerendered article page into `dir`: what
/// `article-widget render DEMO --src /DEMO --base PAGE_URL --full-page
/// --icon /icons/icon.svg`
/// prints, for the page at `origin` + [`PAGES`] + [`PRERENDERED_PAGE`]
/// (the article's relative URLs resolve against it, as in the widget, so
/// the embed adopts the prerendered nodes).
///
/// # Errors
///
/// When the demo article cannot be read or rendered, or the page written.
pub fn write_prerendered_page(dist: &Path, dir: &Path, origin: &str) -> Result<()> {
    let page_url = format!("{origin}{PAGES}{PRERENDERED_PAGE}");
    let args = article_widget_cli::render::Args {
        article: dist.join(crate::run::DEMO).to_string_lossy().into_owned(),
        src: Some(format!("/{}", crate::run::DEMO)),
        base: Some(page_url),
        lang: None,
        theme: None,
        share: None,
        heading: None,
        id: None,
        full_page: true,
        // The release build's icon, as a publisher's page names its own.
        icon: Some("/icons/icon.svg".to_owned()),
        embed: article_widget_cli::render::DEFAULT_EMBED_SCRIPT.to_owned(),
        script: false,
    };
    let html = article_widget_cli::render::render(&args)
        .map_err(|e| anyhow::anyhow!("article-widget render: {e}"))?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = dir.join(PRERENDERED_PAGE);
    std::fs::write(&file, html).with_context(|| format!("writing {}", file.display()))
}

/// One Lighthouse run's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Each of [`CATEGORIES`], 0 to 100.
    pub categories: [f64; 4],
    /// Largest contentful paint, ms.
    pub lcp_ms: f64,
    /// Total blocking time, ms.
    pub tbt_ms: f64,
    /// Cumulative layout shift.
    pub cls: f64,
    /// What keeps each category below 100: one line per audit.
    pub limits: Vec<String>,
}

/// Reads the scores and the limiting audits from a Lighthouse JSON report.
///
/// # Errors
///
/// When the report lacks a category or a metric (e.g. the page failed to load).
pub fn scores(report: &Value) -> Result<Scores> {
    if let Some(error) = report["runtimeError"]["message"].as_str() {
        bail!("Lighthouse could not audit the page: {error}");
    }
    let mut categories = [0.0; 4];
    let mut limits = Vec::new();
    for (slot, (id, label)) in categories.iter_mut().zip(CATEGORIES) {
        let category = &report["categories"][id];
        let score = category["score"]
            .as_f64()
            .with_context(|| format!("the report has no {label} score"))?;
        *slot = (score * 100.0).round();
        for reference in category["auditRefs"].as_array().into_iter().flatten() {
            let audit_id = reference["id"].as_str().unwrap_or_default();
            let audit = &report["audits"][audit_id];
            let Some(audit_score) = audit["score"].as_f64() else {
                continue;
            };
            let weighted = reference["weight"].as_f64().unwrap_or(0.0) > 0.0;
            let mode = audit["scoreDisplayMode"].as_str().unwrap_or_default();
            let counts = weighted || (id == "performance" && mode == "metricSavings");
            if audit_score < 0.9 && counts {
                let shown = audit["displayValue"]
                    .as_str()
                    .map(|v| format!(" ({v})"))
                    .unwrap_or_default();
                limits.push(format!(
                    "{label}: `{audit_id}` {}{shown}",
                    audit["title"].as_str().unwrap_or_default()
                ));
            }
        }
    }
    let metric = |id: &str| {
        report["audits"][id]["numericValue"]
            .as_f64()
            .with_context(|| format!("the report has no {id}"))
    };
    Ok(Scores {
        categories,
        lcp_ms: metric("largest-contentful-paint")?,
        tbt_ms: metric("total-blocking-time")?,
        cls: metric("cumulative-layout-shift")?,
        limits,
    })
}

/// A page's runs, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct PageResult {
    /// Which page.
    pub target: Target,
    /// Every run that completed.
    pub runs: Vec<Scores>,
    /// Why the other runs failed.
    pub failures: Vec<String>,
}

impl PageResult {
    /// The run with the median performance score (the limits are read from it).
    fn median_run(&self) -> Option<&Scores> {
        let mut runs: Vec<&Scores> = self.runs.iter().collect();
        runs.sort_by(|a, b| a.categories[0].total_cmp(&b.categories[0]));
        runs.get(runs.len() / 2).copied()
    }
}

/// The report: one table row per page (medians), then what limits each score.
pub fn report(results: &[PageResult], runs: usize) -> String {
    let mut out = format!(
        "Lighthouse, mobile profile (simulated slow 4G, 4x CPU slowdown), medians of {runs} runs.\n\n\
         | page | performance | accessibility | best practices | SEO | LCP | TBT | CLS |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for result in results {
        if result.runs.is_empty() {
            let _ = writeln!(out, "| {} | failed | | | | | | |", result.target.label);
            continue;
        }
        let med =
            |f: &dyn Fn(&Scores) -> f64| median(result.runs.iter().map(f)).unwrap_or(f64::NAN);
        let _ = writeln!(
            out,
            "| {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} ms | {:.0} ms | {:.3} |",
            result.target.label,
            med(&|s| s.categories[0]),
            med(&|s| s.categories[1]),
            med(&|s| s.categories[2]),
            med(&|s| s.categories[3]),
            med(&|s| s.lcp_ms),
            med(&|s| s.tbt_ms),
            med(&|s| s.cls),
        );
    }
    for result in results {
        let _ = write!(
            out,
            "\n{} (`{}`):\n",
            result.target.label, result.target.path
        );
        match result.median_run() {
            Some(run) if run.limits.is_empty() => out.push_str("- nothing below 90\n"),
            Some(run) => {
                for line in &run.limits {
                    let _ = writeln!(out, "- {line}");
                }
            }
            None => {}
        }
        for failure in &result.failures {
            let _ = writeln!(out, "- a run failed: {failure}");
        }
    }
    out
}

/// Requests every file of `dist` once through the devserver at `backend`,
/// asking for brotli, so that the audited loads find them compressed.
async fn warm(backend: std::net::SocketAddr, dist: &Path, targets: &[Target]) -> Result<()> {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut paths: Vec<String> = targets.iter().map(|t| t.path.clone()).collect();
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dist) {
                paths.push(format!("/{}", rel.to_string_lossy().replace('\\', "/")));
            }
        }
    }
    for path in paths {
        let request = hyper::Request::get(format!("http://{backend}{path}"))
            .header("accept-encoding", "br, gzip")
            .body(Full::new(Bytes::new()))?;
        let response = client
            .request(request)
            .await
            .with_context(|| format!("warming {path}"))?;
        response.into_body().collect().await?;
    }
    Ok(())
}

/// Runs Lighthouse once on `url`, writing its JSON report to `out`.
async fn lighthouse_once(
    options: &Options,
    url: &str,
    chrome_flag: &str,
    out: &Path,
) -> Result<Value> {
    let chrome_flags = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        chrome_flag,
    ]
    .join(" ");
    let _ = std::fs::remove_file(out);
    let log = out.with_extension("log");
    let log_file =
        std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
    let mut child = Command::new("node")
        .arg(&options.lighthouse)
        .arg(url)
        .args([
            "--output=json",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--max-wait-for-load=60000",
        ])
        .arg(format!("--output-path={}", out.display()))
        .arg(format!("--chrome-flags={chrome_flags}"))
        .env(
            "CHROME_PATH",
            std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()),
        )
        .stdin(Stdio::null())
        .stdout(log_file.try_clone()?)
        .stderr(log_file)
        .spawn()
        .context("starting Lighthouse with node")?;
    let deadline = tokio::time::Instant::now() + RUN_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if tokio::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "Lighthouse took over {RUN_TIMEOUT:?} (log: {})",
                log.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    if !status.success() {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(15).collect();
        bail!(
            "Lighthouse exited with {status}:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    let text =
        std::fs::read_to_string(out).with_context(|| format!("reading {}", out.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", out.display()))
}

/// Serves the build and audits every page [`targets`] finds, `runs` times each.
///
/// # Errors
///
/// When the server cannot start or the build cannot be read; a failed run is
/// recorded in its page's result instead.
pub async fn run(options: &Options) -> Result<Vec<PageResult>> {
    std::fs::create_dir_all(&options.work)
        .with_context(|| format!("creating {}", options.work.display()))?;
    let targets = targets(&options.dist);
    let pages = options.work.join("pages");
    std::fs::create_dir_all(&pages).with_context(|| format!("creating {}", pages.display()))?;
    let site = Site::start_with(|builder| {
        builder
            .root(&options.dist)
            .mount(PAGES, &pages)
            .compress(true)
            .cache_control("public, max-age=3600")
    })?;
    let front = Front::start(site.server().addr).await?;
    if targets.iter().any(|t| t.path.starts_with(PAGES)) {
        write_prerendered_page(&options.dist, &pages, &front.origin())?;
    }
    warm(site.server().addr, &options.dist, &targets).await?;
    let flag = front.chromium_flag();
    let mut results = Vec::new();
    for target in targets {
        let url = format!("{}{}", front.origin(), target.path);
        let mut result = PageResult {
            target: target.clone(),
            runs: Vec::new(),
            failures: Vec::new(),
        };
        for run in 1..=options.runs {
            let out = options.work.join(format!(
                "{}-{run}.json",
                target.label.replace([' ', '\''], "-")
            ));
            eprintln!("bench: Lighthouse run {run}/{} of {url}", options.runs);
            match lighthouse_once(options, &url, &flag, &out)
                .await
                .and_then(|report| scores(&report))
            {
                Ok(scores) => result.runs.push(scores),
                Err(e) => result.failures.push(format!("{e:#}")),
            }
        }
        results.push(result);
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "categories": {
                "performance": {"score": 0.78, "auditRefs": [
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "unused-javascript", "weight": 0}
                ]},
                "accessibility": {"score": 0.96, "auditRefs": [
                    {"id": "label-content-name-mismatch", "weight": 7},
                    {"id": "color-contrast", "weight": 7}
                ]},
                "best-practices": {"score": 1.0, "auditRefs": []},
                "seo": {"score": 0.92, "auditRefs": [{"id": "meta-description", "weight": 1}]}
            },
            "audits": {
                "largest-contentful-paint": {"score": 0.3, "numericValue": 4512.0,
                    "displayValue": "4.5 s", "title": "Largest Contentful Paint",
                    "scoreDisplayMode": "numeric"},
                "unused-javascript": {"score": 0.5, "title": "Reduce unused JavaScript",
                    "scoreDisplayMode": "metricSavings", "displayValue": "Est savings of 20 KiB"},
                "label-content-name-mismatch": {"score": 0, "title": "Label in name",
                    "scoreDisplayMode": "binary"},
                "color-contrast": {"score": 1, "title": "Contrast", "scoreDisplayMode": "binary"},
                "meta-description": {"score": 0, "title": "No meta description",
                    "scoreDisplayMode": "binary"},
                "total-blocking-time": {"numericValue": 270.4},
                "cumulative-layout-shift": {"numericValue": 0.0}
            }
        })
    }

    #[test]
    fn reads_scores_metrics_and_limits() {
        let s = scores(&sample()).unwrap();
        // Scores are whole numbers, rounded from Lighthouse's fractions.
        assert_eq!(
            s.categories.map(|c| c.to_string()),
            ["78", "96", "100", "92"]
        );
        assert!((s.lcp_ms - 4512.0).abs() < 0.1);
        assert!((s.tbt_ms - 270.4).abs() < 0.1);
        assert_eq!(
            s.limits,
            [
                "performance: `largest-contentful-paint` Largest Contentful Paint (4.5 s)",
                "performance: `unused-javascript` Reduce unused JavaScript (Est savings of 20 KiB)",
                "accessibility: `label-content-name-mismatch` Label in name",
                "SEO: `meta-description` No meta description",
            ]
        );
    }

    #[test]
    fn the_prerendered_page_is_the_full_page_render_prints() {
        // The repository holds the demo article where the build puts it.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::temp_dir().join(format!("aw-lighthouse-test-{}", std::process::id()));
        write_prerendered_page(&root, &dir, "https://127.0.0.1:4443").unwrap();
        let html = std::fs::read_to_string(dir.join(PRERENDERED_PAGE)).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(html.starts_with("<!doctype html>"), "{html}");
        assert!(html.contains(&format!("<article-widget src=\"/{}\"", crate::run::DEMO)));
        assert!(html.contains("<template shadowrootmode=\"open\">"));
        assert!(html.contains("<h1 id=\"awp"));
        // The article's relative URLs resolved against the page's origin.
        assert!(html.contains("src=\"https://127.0.0.1:4443/demo/images/"));
        assert!(html.contains("<script type=\"module\" src=\"/embed/v1/embed.js\"></script>"));
    }

    #[test]
    fn a_runtime_error_is_an_error() {
        let report = json!({"runtimeError": {"message": "NO_FCP"}});
        assert!(scores(&report).unwrap_err().to_string().contains("NO_FCP"));
    }

    #[test]
    fn the_report_has_medians_and_limits() {
        let mut a = scores(&sample()).unwrap();
        let mut b = a.clone();
        let c = a.clone();
        a.categories[0] = 70.0;
        b.categories[0] = 90.0;
        let result = PageResult {
            target: Target {
                label: "reader's article page",
                path: "/?article=x".to_owned(),
            },
            runs: vec![a, b, c],
            failures: vec!["timed out".to_owned()],
        };
        let text = report(&[result], 3);
        assert!(
            text.contains(
                "| reader's article page | 78 | 96 | 100 | 92 | 4512 ms | 270 ms | 0.000 |"
            ),
            "{text}"
        );
        assert!(text.contains("- accessibility: `label-content-name-mismatch` Label in name"));
        assert!(text.contains("- a run failed: timed out"));
    }
}
