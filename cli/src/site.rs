//! `article-widget site CONFIG`: a static publication, ready for any static
//! host or CDN, from a directory of articles and a `site.toml`.
//!
//! For each article: its checked, normalised JSON (`articles/<slug>.json`,
//! what the widgets fetch), its prerendered page (`articles/<slug>.html`:
//! the widget in declarative shadow DOM, canonical URL, Open Graph and
//! Twitter tags, `NewsArticle` JSON-LD, feed and oEmbed discovery links) and
//! its static oEmbed document (`oembed/<slug>.json`). For the site: a JSON
//! Feed (`feed.json`, also the reader's list), an Atom feed (`atom.xml`),
//! `sitemap.xml`, `robots.txt`, a home page, the assets and logo, given
//! `--embed` the embed itself, and given `--reader` the standalone reader
//! branded as the publication's own ([`reader`], in `reader/`).
//!
//! Incremental ([`output`]): an article whose file and inputs did not change
//! is not rendered again, and only files whose bytes change are written.

pub mod config;
pub mod feeds;
pub mod home;
pub mod output;
pub mod raster;
pub mod reader;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use article_widget::embed::prerender::{hash_hex, prerender};
use article_widget::embed::{css, RawOptions};
use article_widget::route::is_valid_slug;
use article_widget::validate::{limits, parse_article, Severity};

use crate::render::page::{self, Alternate, Banner, PageInfo, Publisher};
use config::{Canonical, SiteConfig};
use feeds::{Entry, Picture};
use output::{Known, Output, State};

/// `article-widget site CONFIG`
#[derive(Debug, clap::Args)]
#[command(after_help = "\
EXAMPLES:
    article-widget site demo/site.toml --out public
    article-widget site site.toml --out public --embed dist/embed/v1
    article-widget site site.toml --out public --reader dist
    article-widget site site.toml --out public --url https://staging.news.example/

A second run writes only what changed. Exit status: 0 when every article was
published, 1 when some article is invalid (the others are published), 2 when
the configuration or the output cannot be used.")]
pub struct Args {
    /// The publication's `site.toml` (see docs/publishing.md).
    #[arg(value_name = "CONFIG")]
    pub config: PathBuf,
    /// The directory to write (created if missing).
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    pub out: PathBuf,
    /// Serve from this URL instead of the config's `url` (staging, tests).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// A built embed (`dist/embed/v1`) to publish as `embed/v1/` (its demo
    /// partner page left out); with `--reader`, `DIR/embed/v1` by default.
    #[arg(long, value_name = "DIR")]
    pub embed: Option<PathBuf>,
    /// The built reader (`dist`, as `cargo xtask build` makes it) to publish
    /// as `reader/`, branded from the config: its name, colours, icons,
    /// languages, social pages and this site's feed.
    #[arg(long, value_name = "DIR")]
    pub reader: Option<PathBuf>,
    /// Render every article again, whatever the last build kept.
    #[arg(long)]
    pub force: bool,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Articles published.
    pub articles: usize,
    /// Of those, rendered in this build (new or changed).
    pub rendered: usize,
    /// Articles refused, with why (`file: message`).
    pub invalid: Vec<String>,
    /// Optional parts dropped from published articles (`file: path: message`).
    pub warnings: Vec<String>,
    /// Files written.
    pub written: usize,
    /// Files already right.
    pub unchanged: usize,
    /// Files removed.
    pub removed: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// Why a build could not run at all.
#[derive(Debug)]
pub struct SiteError(pub String);

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn io_error(what: &Path) -> impl Fn(std::io::Error) -> SiteError + '_ {
    move |e| SiteError(format!("{}: {e}", what.display()))
}

/// One article's files and entry.
struct Rendered {
    entry: Entry,
    warnings: Vec<String>,
    files: Vec<(String, Vec<u8>)>,
}

/// The output paths of article `slug`.
fn article_files(slug: &str) -> [String; 3] {
    [
        format!("articles/{slug}.json"),
        format!("articles/{slug}.html"),
        format!("oembed/{slug}.json"),
    ]
}

/// Checks, normalises and prerenders one article.
fn render_article(config: &SiteConfig, slug: &str, bytes: &[u8]) -> Result<Rendered, String> {
    let json_url = format!("{}articles/{slug}.json", config.url);
    let page_url = format!("{}articles/{slug}.html", config.url);
    let mut parsed = parse_article(bytes, Some(&json_url)).map_err(|e| e.to_string())?;
    let warnings = parsed
        .warnings
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    let article = &mut parsed.article;
    if config.canonical == Canonical::Site && article.url != page_url {
        let previous = std::mem::replace(&mut article.url, page_url);
        article.original_url.get_or_insert(previous);
    }
    let mut json = serde_json::to_vec_pretty(&*article).map_err(|e| e.to_string())?;
    json.push(b'\n');
    // The page shows what the widget will fetch: the normalised JSON.
    let options = RawOptions {
        heading: Some("1".into()),
        ..RawOptions::default()
    };
    let src = format!("{slug}.json");
    let widget = prerender(&json, &src, Some(&json_url), &options, None)
        .map_err(|e| format!("after normalising: {e}"))?;
    let a = &widget.parsed.article;
    let logo = config.logo_path();
    let info = PageInfo {
        canonical: a.url.clone(),
        site_name: config.name.clone(),
        publisher: Publisher {
            name: config.name.clone(),
            url: config.url.clone(),
            logo: logo.as_ref().map(|l| format!("{}{l}", config.url)),
            same_as: config.social.iter().map(|s| s.url.clone()).collect(),
        },
        theme_color: Some(config.theme_color.clone()),
        icon: logo.as_ref().map(|l| format!("../{l}")),
        embed_script: config.embed_script(),
        alternates: vec![
            Alternate {
                media_type: "application/feed+json",
                href: format!("{}feed.json", config.url),
                title: config.name.clone(),
            },
            Alternate {
                media_type: "application/atom+xml",
                href: format!("{}atom.xml", config.url),
                title: config.name.clone(),
            },
            Alternate {
                media_type: "application/json+oembed",
                href: format!("{}oembed/{slug}.json", config.url),
                title: a.title.clone(),
            },
        ],
        banner: Some(Banner {
            home: "../".into(),
            name: config.name.clone(),
            logo: logo.as_ref().map(|l| format!("../{l}")),
        }),
    };
    let html = page::document(a, &info, &widget.html);
    let entry = Entry {
        slug: slug.to_owned(),
        url: a.url.clone(),
        title: a.title.clone(),
        summary: page::description(a),
        published: a.published.to_string(),
        published_unix: a.published.unix_seconds(),
        updated: a.updated.as_ref().map(ToString::to_string),
        image: page::first_figure(a).map(|f| Picture {
            src: f.src.clone(),
            width: f.width,
            height: f.height,
        }),
        authors: a.authors.iter().map(|p| p.name.clone()).collect(),
        tags: a.tags.clone(),
        lang: a.lang.clone(),
    };
    let oembed = feeds::oembed(config, &entry);
    let [json_path, html_path, oembed_path] = article_files(slug);
    Ok(Rendered {
        files: vec![
            (json_path, json),
            (html_path, html.into_bytes()),
            (
                oembed_path,
                serde_json::to_vec(&oembed).map_err(|e| e.to_string())?,
            ),
        ],
        entry,
        warnings,
    })
}

/// The article files of the config's `articles` directory, sorted.
fn article_sources(config: &SiteConfig, dir: &Path) -> Result<Vec<(String, PathBuf)>, SiteError> {
    let articles = dir.join(&config.articles);
    let mut found = Vec::new();
    for entry in fs::read_dir(&articles).map_err(io_error(&articles))? {
        let path = entry.map_err(io_error(&articles))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(slug) = name.strip_suffix(".json") else {
            continue;
        };
        if config.exclude.iter().any(|e| e == name) || !path.is_file() {
            continue;
        }
        found.push((slug.to_owned(), path));
    }
    found.sort();
    Ok(found)
}

/// Articles rendered between two writes.
const RENDER_BATCH: usize = 256;

/// An article to render: slug, file name, bytes, hash of the bytes.
type Todo = (String, String, Vec<u8>, String);

/// Renders `todo` (pure work) spread over the cores, in order.
fn render_all(config: &SiteConfig, todo: &[Todo]) -> Vec<Result<Rendered, String>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = todo.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = todo
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(slug, _, bytes, _)| render_article(config, slug, bytes))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec![Err("rendering failed".to_owned())])
            })
            .collect()
    })
}

/// What every page depends on besides its article.
fn inputs_hash(config_text: &str, config: &SiteConfig) -> String {
    let mut all = String::new();
    for part in [
        env!("CARGO_PKG_VERSION"),
        &css::stylesheet(),
        config_text,
        &config.url,
    ] {
        all.push_str(&hash_hex(part.as_bytes()));
    }
    hash_hex(all.as_bytes())
}

/// Builds the site `args` describe.
///
/// # Errors
///
/// A [`SiteError`] when the config cannot be read or is invalid, or the
/// output cannot be written. Invalid articles are reported, not errors.
pub fn build(args: &Args) -> Result<Report, SiteError> {
    let started = Instant::now();
    let text = fs::read_to_string(&args.config).map_err(io_error(&args.config))?;
    let mut config = SiteConfig::parse(&text)
        .map_err(|e| SiteError(format!("{}: {e}", args.config.display())))?;
    if let Some(url) = &args.url {
        config
            .set_url(url)
            .map_err(|e| SiteError(format!("--url: {e}")))?;
    }
    let dir = args.config.parent().unwrap_or(Path::new("."));
    let mut out = Output::new(&args.out).map_err(io_error(&args.out))?;
    let old = if args.force {
        State::default()
    } else {
        out.state()
    };
    let mut state = State {
        inputs: inputs_hash(&text, &config),
        ..State::default()
    };
    let same_inputs = old.inputs == state.inputs;
    let mut report = Report::default();

    // Which articles need rendering: new, changed, or missing an output.
    let mut todo = Vec::new();
    for (slug, path) in article_sources(&config, dir)? {
        let name = path.display().to_string();
        if !is_valid_slug(&slug) {
            report.invalid.push(format!(
                "{name}: the file name must be letters, digits, - and _ (it is the page's name)"
            ));
            continue;
        }
        let bytes = match read_limited(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                report.invalid.push(format!("{name}: {e}"));
                continue;
            }
        };
        let source = hash_hex(&bytes);
        let kept = old.articles.get(&slug).filter(|k| {
            same_inputs && k.source == source && article_files(&slug).iter().all(|f| out.exists(f))
        });
        match kept {
            Some(known) => {
                state.articles.insert(slug, known.clone());
            }
            None => todo.push((slug, name, bytes, source)),
        }
    }

    // Rendered a batch at a time and written after each, so memory holds
    // one batch of pages, not the whole site.
    for batch in todo.chunks(RENDER_BATCH) {
        let results = render_all(&config, batch);
        for ((slug, name, _, source), result) in batch.iter().zip(results) {
            match result {
                Ok(rendered) => {
                    for (path, bytes) in &rendered.files {
                        out.put(path, bytes).map_err(io_error(Path::new(path)))?;
                    }
                    report
                        .warnings
                        .extend(rendered.warnings.iter().map(|w| format!("{name}: {w}")));
                    report.rendered += 1;
                    state.articles.insert(
                        slug.clone(),
                        Known {
                            source: source.clone(),
                            entry: rendered.entry,
                        },
                    );
                }
                Err(e) => report.invalid.push(format!("{name}: {e}")),
            }
        }
    }
    // Articles gone (or now invalid) take their files with them.
    for slug in old.articles.keys() {
        if !state.articles.contains_key(slug) {
            for file in article_files(slug) {
                out.remove(&file).map_err(io_error(Path::new(&file)))?;
            }
        }
    }
    report.articles = state.articles.len();

    publish_site_wide(&config, dir, args, &old, &mut state, &mut out)?;
    out.save_state(&state).map_err(io_error(&args.out))?;
    report.written = out.written;
    report.unchanged = out.unchanged;
    report.removed = out.removed;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Writes what the whole site shares: feeds, sitemaps, home page, assets,
/// logo, embed and reader (whose files it records in `state`).
fn publish_site_wide(
    config: &SiteConfig,
    dir: &Path,
    args: &Args,
    old: &State,
    state: &mut State,
    out: &mut Output,
) -> Result<(), SiteError> {
    let mut entries: Vec<Entry> = state.articles.values().map(|k| k.entry.clone()).collect();
    feeds::sort_newest_first(&mut entries);
    let site_files = site_files(config, &entries, args.reader.is_some())?;
    for (path, bytes) in &site_files {
        out.put(path, bytes).map_err(io_error(Path::new(path)))?;
    }
    for asset in &config.assets {
        let rel = config::slash_path(asset);
        out.copy_dir(&dir.join(asset), &rel, &|_| true)
            .map_err(io_error(&dir.join(asset)))?;
    }
    if let (Some(logo), Some(rel)) = (&config.logo, config.logo_path()) {
        let bytes = fs::read(dir.join(logo)).map_err(io_error(&dir.join(logo)))?;
        out.put(&rel, &bytes).map_err(io_error(logo))?;
    }
    let embed = args
        .embed
        .clone()
        .or_else(|| args.reader.as_ref().map(|r| r.join("embed/v1")));
    let mut embed_files = Vec::new();
    if let Some(embed) = &embed {
        // The build's demo partner page is the demo publisher's, not the embed.
        embed_files = out
            .copy_dir(embed, "embed/v1", &|name| !name.starts_with("partner."))
            .map_err(io_error(embed))?;
        embed_files.retain(|f| [".js", ".wasm", ".css"].iter().any(|ext| f.ends_with(ext)));
    }
    if let Some(built) = &args.reader {
        state.reader = reader::publish(config, dir, built, &embed_files, out)?;
    }
    for file in &old.reader {
        if !state.reader.contains(file) {
            out.remove(file).map_err(io_error(Path::new(file)))?;
        }
    }
    Ok(())
}

/// The site-wide files: feeds, sitemaps, `robots.txt`, the home page
/// (linking to the reader when the site publishes it, `with_reader`).
fn site_files(
    config: &SiteConfig,
    entries: &[Entry],
    with_reader: bool,
) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
    let json = |v: &serde_json::Value| {
        serde_json::to_vec_pretty(v).map_err(|e| SiteError(format!("serialising: {e}")))
    };
    let mut files = vec![
        (
            "feed.json".to_owned(),
            json(&feeds::json_feed(config, entries))?,
        ),
        (
            "atom.xml".to_owned(),
            feeds::atom(config, entries).into_bytes(),
        ),
        ("robots.txt".to_owned(), feeds::robots(config).into_bytes()),
    ];
    files.extend(
        feeds::sitemaps(config, entries)
            .into_iter()
            .map(|(path, text)| (path, text.into_bytes())),
    );
    files.push((
        "index.html".to_owned(),
        home::page(config, entries, with_reader).into_bytes(),
    ));
    Ok(files)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let len = fs::metadata(path).map_err(|e| e.to_string())?.len();
    if len > limits::MAX_BYTES as u64 {
        return Err(format!(
            "{len} bytes; an article may have at most {}",
            limits::MAX_BYTES
        ));
    }
    fs::read(path).map_err(|e| e.to_string())
}

/// Runs `article-widget site` and returns its exit status.
pub fn run(args: &Args) -> ExitCode {
    match build(args) {
        Ok(report) => {
            for line in &report.warnings {
                eprintln!("warning: {line}");
            }
            for line in &report.invalid {
                eprintln!("error: {line}");
            }
            eprintln!(
                "{} articles published to {} ({} rendered, {} unchanged{}); {} files written, {} unchanged, {} removed in {:.2} s",
                report.articles,
                args.out.display(),
                report.rendered,
                report.articles - report.rendered,
                if report.invalid.is_empty() {
                    String::new()
                } else {
                    format!(", {} refused", report.invalid.len())
                },
                report.written,
                report.unchanged,
                report.removed,
                report.elapsed.as_secs_f64()
            );
            if report.invalid.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("article-widget site: {e}");
            ExitCode::from(2)
        }
    }
}
