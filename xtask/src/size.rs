//! `cargo xtask size`: builds the release site, then
//! prints raw/gzip/brotli sizes of the reader's and the embed's wasm, JS glue
//! and CSS — the embed's twice: `embed` (the loader and the base engine) and
//! `embed-rich` (the loader and the rich engine) — and what fills the wasm
//! (the `article-widget-bench` crate's `size` command). `--check` fails when
//! the embed's wasm + JS is over 55 KB brotli, or the rich engine's wasm +
//! glue + the loader over 64 KB.

use std::path::PathBuf;

use crate::process::{self, Env};
use crate::tools;

/// `cargo xtask size`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct SizeArgs {
    /// Fail when the embed's wasm + JS is over 55 KB brotli (the rich engine's: 64 KB)
    #[arg(long)]
    pub check: bool,
    /// Measure the existing dist/ without building first
    #[arg(long)]
    pub no_build: bool,
}

/// wasm files that still have their `name` section, for the breakdown: the
/// reader's wasm-bindgen output (Trunk's staging copy, before wasm-opt) and
/// the embed library as cargo built it (before wasm-bindgen).
fn named_wasm(env: &Env) -> Vec<PathBuf> {
    let target = env.root().join("target");
    let mut files: Vec<PathBuf> = std::fs::read_dir(target.join("wasm-bindgen").join("release"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .collect();
    files.sort();
    let embed = target
        .join(tools::WASM_TARGET)
        .join("release")
        .join("article_widget_engine.wasm");
    if embed.is_file() {
        files.push(embed);
    }
    files
}

/// Runs `cargo xtask size`.
///
/// # Errors
///
/// When the build fails, or with `--check` when the budget is exceeded.
pub fn run(env: &Env, args: &SizeArgs) -> Result<(), String> {
    if !args.no_build {
        crate::build(env)?;
    }
    let mut command = crate::bench::bench_crate(env, "size");
    for file in named_wasm(env) {
        command.arg("--names").arg(file);
    }
    if args.check {
        command.arg("--check");
    }
    println!("xtask: ==> {}", process::describe(&command));
    process::run(&mut command)
}

/// Fails when the built embed's wasm + JS glue is over the 55 KB brotli
/// budget, or the rich engine's over its 64 KB (`size --check` without the
/// breakdown). `cargo xtask
/// test` runs it after the release build, so a change that grows the embed
/// past its budget cannot land unnoticed. Sizes are exact, not timed, so the
/// check cannot be flaky.
///
/// # Errors
///
/// When the embed is over budget. (A missing embed is reported, not failed:
/// this runs right after the release build has written it.)
pub fn check_budget(env: &Env) -> Result<(), String> {
    let mut command = crate::bench::bench_crate(env, "size");
    command.arg("--check");
    println!("xtask: ==> {}", process::describe(&command));
    process::run(&mut command)
}
