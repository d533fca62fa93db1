//! `article-widget render ARTICLE`: the widget as HTML, before any script.
//!
//! Prints `<article-widget src=…>` holding a declarative shadow root
//! (`<template shadowrootmode="open">`) with the widget's stylesheet and the
//! very markup the embed engine renders (built by
//! [`article_widget::embed::prerender`] from the same `markup` functions),
//! so a partner page, a CMS plugin or an edge function can put the article
//! in the page itself: it reads with scripts off, and `embed.js` adopts it
//! (keeps the nodes, attaches the controls; renders once if the article at
//! `src` has changed). `--full-page` prints a standalone article page with
//! its canonical URL, Open Graph and Twitter tags and JSON-LD ([`page`]).

pub mod page;

use std::io::Write as _;
use std::process::ExitCode;

use article_widget::embed::prerender::{prerender, Prerendered};
use article_widget::embed::RawOptions;
use article_widget::validate::limits;

use crate::source::Source;

/// Where pages load the embed from unless told: the layout of the release
/// build and of `article-widget site` output.
pub const DEFAULT_EMBED_SCRIPT: &str = "/embed/v1/embed.js";

/// `article-widget render ARTICLE`
#[derive(Debug, clap::Args)]
#[command(after_help = "\
EXAMPLES:
    article-widget render demo/articles/a.json --src https://news.example/articles/a.json
    article-widget render https://news.example/articles/a.json --theme sepia > widget.html
    article-widget render a.json --src /articles/a.json --base https://news.example/ --full-page --icon /favicon.svg

The printed <article-widget> goes where the article should show; the page also
loads embed.js once (see docs/publishing.md). Exit status: 0 when printed,
1 when the article is invalid, 2 when it could not be read.")]
pub struct Args {
    /// The article: a file, `-` for standard input, or an http(s) URL.
    #[arg(value_name = "FILE|URL")]
    pub article: String,
    /// The URL the widget fetches the article from, to check it is current
    /// (its `src`). Defaults to ARTICLE when that is a URL.
    #[arg(long, value_name = "URL")]
    pub src: Option<String>,
    /// The absolute URL a relative `--src` is relative to (the page's URL).
    #[arg(long, value_name = "URL")]
    pub base: Option<String>,
    /// UI language: `vi`, `en`, or `auto` to follow the article.
    #[arg(long)]
    pub lang: Option<String>,
    /// `auto`, `light`, `dark` or `sepia`.
    #[arg(long)]
    pub theme: Option<String>,
    /// Share networks in order, e.g. `facebook,zalo,copy`.
    #[arg(long)]
    pub share: Option<String>,
    /// The title's heading level: `1` where the article is the page, `2`
    /// (default) inside a page with its own `h1`. `--full-page` uses 1.
    #[arg(long, value_parser = ["1", "2"])]
    pub heading: Option<String>,
    /// The id prefix of the widget's elements (default: from the article's
    /// URL); give distinct ones to two widgets of one article on one page.
    #[arg(long, value_name = "PREFIX")]
    pub id: Option<String>,
    /// Print a whole standalone article page instead of the element.
    #[arg(long)]
    pub full_page: bool,
    /// The page's icon (`<link rel="icon">`), with `--full-page`; without
    /// one, browsers ask for `/favicon.ico`.
    #[arg(long, value_name = "URL")]
    pub icon: Option<String>,
    /// Where the page loads embed.js from (with `--full-page`, or printed
    /// after the element with `--script`).
    #[arg(long, value_name = "URL", default_value = DEFAULT_EMBED_SCRIPT)]
    pub embed: String,
    /// Print the `<script type="module">` line that loads embed.js after
    /// the element.
    #[arg(long)]
    pub script: bool,
}

/// Why a render failed, with the exit status it gives.
#[derive(Debug)]
pub enum RenderError {
    /// The input could not be read (exit status 2).
    Read(String),
    /// The input or an option is not usable (exit status 1).
    Invalid(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read(m) | Self::Invalid(m) => f.write_str(m),
        }
    }
}

/// The page's options as the widget reads its attributes.
pub fn options(args: &Args, heading: Option<&str>) -> RawOptions {
    RawOptions {
        lang: args.lang.clone(),
        theme: args.theme.clone(),
        share: args.share.clone(),
        heading: heading.map(str::to_owned),
        ..RawOptions::default()
    }
}

/// Renders what `args` ask for.
///
/// # Errors
///
/// A [`RenderError`] saying what could not be read or is not valid.
pub fn render(args: &Args) -> Result<String, RenderError> {
    let source = Source::from_arg(&args.article);
    let fetched = source
        .read(limits::MAX_BYTES as u64)
        .map_err(|e| RenderError::Read(format!("{source}: {e}")))?;
    let src = args
        .src
        .clone()
        .or_else(|| fetched.url.clone())
        .or_else(|| source.url().map(str::to_owned))
        .ok_or_else(|| {
            RenderError::Invalid(
                "--src is required: the URL the widget fetches the article from".into(),
            )
        })?;
    // The absolute URL the article is fetched from: its relative URLs
    // resolve against it, as they do in the widget.
    let base = match &args.base {
        Some(base) => article_widget::url::resolve(Some(base), &src)
            .map_err(|e| RenderError::Invalid(format!("--src {src:?} with --base: {e}")))?,
        None => article_widget::url::check_absolute(&src).map_err(|_| {
            RenderError::Invalid(format!(
                "--src {src:?} is relative: give --base (the page's URL) to resolve it"
            ))
        })?,
    };
    let heading = args.heading.as_deref().or(args.full_page.then_some("1"));
    let options = options(args, heading);
    let widget: Prerendered = prerender(
        &fetched.bytes,
        &src,
        Some(&base),
        &options,
        args.id.as_deref(),
    )
    .map_err(|e| RenderError::Invalid(format!("{source}: not a valid article: {e}")))?;
    if args.full_page {
        let a = &widget.parsed.article;
        let info = page::PageInfo {
            canonical: a.url.clone(),
            site_name: a.publisher.name.clone(),
            publisher: page::Publisher {
                name: a.publisher.name.clone(),
                url: a.publisher.url.clone(),
                logo: a.publisher.logo.as_ref().map(|l| l.src.clone()),
                same_as: a.publisher.social.iter().map(|s| s.url.clone()).collect(),
            },
            embed_script: args.embed.clone(),
            icon: args.icon.clone(),
            ..page::PageInfo::default()
        };
        return Ok(page::document(a, &info, &widget.html));
    }
    let mut out = widget.html;
    out.push('\n');
    if args.script {
        out.push_str("<script type=\"module\" src=\"");
        out.push_str(&article_widget::markup::escape(&args.embed));
        out.push_str("\"></script>\n");
    }
    Ok(out)
}

/// Runs `article-widget render` and returns its exit status.
pub fn run(args: &Args) -> ExitCode {
    match render(args) {
        Ok(html) => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(html.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("article-widget render: {e}");
            match e {
                RenderError::Read(_) => ExitCode::from(2),
                RenderError::Invalid(_) => ExitCode::FAILURE,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{render, Args, RenderError, DEFAULT_EMBED_SCRIPT};

    fn args(article: &str) -> Args {
        Args {
            article: article.into(),
            src: Some("https://news.example/articles/a.json".into()),
            base: None,
            lang: None,
            theme: None,
            share: None,
            heading: None,
            id: None,
            full_page: false,
            icon: None,
            embed: DEFAULT_EMBED_SCRIPT.into(),
            script: false,
        }
    }

    fn demo() -> String {
        format!(
            "{}/../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json",
            env!("CARGO_MANIFEST_DIR")
        )
    }

    #[test]
    fn prints_the_element_with_its_shadow_root() {
        let mut a = args(&demo());
        a.script = true;
        let Ok(html) = render(&a) else {
            panic!("renders");
        };
        assert!(html.starts_with(
            "<article-widget src=\"https://news.example/articles/a.json\"><template shadowrootmode=\"open\">"
        ));
        assert!(
            html.contains("<h2 id=\"awp"),
            "the title is an h2 in a host page"
        );
        assert!(html.ends_with("<script type=\"module\" src=\"/embed/v1/embed.js\"></script>\n"));
    }

    #[test]
    fn full_pages_have_an_h1_and_their_head() {
        let mut a = args(&demo());
        a.full_page = true;
        a.icon = Some("/icon.svg?a=\"".into());
        let Ok(html) = render(&a) else {
            panic!("renders");
        };
        assert!(html.starts_with("<!doctype html>\n<html lang=\"vi\">"));
        assert!(html.contains("<link rel=\"icon\" href=\"/icon.svg?a=&quot;\">"));
        assert!(html.contains(" heading=\"1\"><template"));
        assert!(html.contains("<h1 id=\"awp"));
        assert!(html.contains("\"@type\":\"NewsArticle\""));
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        let mut a = args(&demo());
        a.src = Some("articles/a.json".into());
        assert!(matches!(render(&a), Err(RenderError::Invalid(m)) if m.contains("--base")));
        a.base = Some("https://news.example/page.html".into());
        let Ok(html) = render(&a) else {
            panic!("a relative --src with --base renders");
        };
        assert!(html.contains("src=\"https://news.example/images/le-chan-hoi-nghi-1.svg\""));
        assert!(matches!(
            render(&args("/no/such/file.json")),
            Err(RenderError::Read(m)) if m.contains("file.json")
        ));
        let mut a = args(&demo());
        a.src = None;
        assert!(matches!(render(&a), Err(RenderError::Invalid(_))));
    }
}
