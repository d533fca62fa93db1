//! The `article-widget` command line: one module per subcommand, built on the
//! widget's pure core (`article-widget` without its `ui` feature), so that what
//! this command accepts is exactly what the widget accepts.
//!
//! - [`validate`]: the widget's own checks on article files or URLs, every
//!   problem with its JSON path and line:column;
//! - [`import`]: articles from article pages, WordPress's REST API and feeds;
//! - [`source`]: reading a file, standard input or a URL, within a size limit;
//! - [`locate`]: from a JSON path (`body[3].src`) to a line and column;
//! - [`render`]: an article as a prerendered widget (declarative shadow DOM),
//!   or a whole article page;
//! - [`site`]: a static publication (pages, oEmbed, feeds, sitemap) from a
//!   `site.toml` and a directory of articles, rebuilt incrementally.

pub mod import;
pub mod locate;
pub mod render;
pub mod site;
pub mod source;
pub mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Checks and imports articles for the article widget.
///
/// The widget shows articles in its own JSON format, `article-widget/1`
/// (see docs/article-format.md). This command checks such files with the
/// widget's own rules and makes them from what a CMS already publishes.
#[derive(Debug, Parser)]
#[command(name = "article-widget", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks article files with the widget's own rules.
    ///
    /// Every problem is printed with its file, line:column, JSON path and
    /// what is wrong, then a summary. Errors make an article unusable (the
    /// widget refuses it); warnings name optional parts the widget drops.
    ///
    /// Exit status: 0 when every article is usable (warnings allowed),
    /// 1 when at least one is invalid, 2 when at least one could not be read.
    Validate(validate::Args),
    /// Makes articles from what a CMS publishes: an article page's HTML,
    /// WordPress's REST API, or an RSS, Atom or JSON feed.
    ///
    /// Metadata comes from schema.org JSON-LD first, then OpenGraph and meta
    /// tags; the body from a Readability-style extraction of the page's main
    /// content, turned into the article format's blocks (never markup). Every
    /// article is checked with the widget's own rules before it is written.
    Import(import::Args),
    /// Prints an article as a prerendered widget (declarative shadow DOM).
    ///
    /// The `<article-widget>` element it prints shows the article before
    /// any script runs (and with scripts off); embed.js then keeps its nodes
    /// and attaches the controls, or renders once if the article changed.
    Render(render::Args),
    /// Builds a static publication: pages, oEmbed, feeds, sitemap.
    ///
    /// From a `site.toml` and a directory of articles, writes a directory
    /// any static host or CDN serves; a second run writes only what changed.
    Site(site::Args),
}

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Site(args) => site::run(&args),
    }
}
