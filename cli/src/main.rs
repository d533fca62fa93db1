//! The `article-widget` command; everything it does lives in the library
//! ([`article_widget_cli`]), so tests drive the same code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    article_widget_cli::run(article_widget_cli::Cli::parse())
}
