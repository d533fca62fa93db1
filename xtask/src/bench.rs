//! `cargo xtask bench`: builds the release site, then runs the `article-widget-bench` crate, which serves it on
//! loopback and measures it in headless Chromium (see `docs/performance.md`).
//!
//! The bench crate is run in the dev profile: it only drives the browser and
//! serves files, and the release profile (LTO, opt-level z) is tuned for the
//! wasm, not for a quick build of a `WebDriver` client.

use crate::process::{self, Env};
use crate::tools::{self, Tool, CHROMEDRIVER};

/// `cargo xtask bench`.
#[allow(clippy::struct_excessive_bools)] // independent command-line flags
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct BenchArgs {
    /// Runs per scenario and variant (default 5, or 3 with --quick)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: Option<u64>,
    /// One scenario, 3 runs: a smoke check
    #[arg(long)]
    pub quick: bool,
    /// Measure the existing dist/ without building first
    #[arg(long)]
    pub no_build: bool,
    /// Plain HTTP/1.1 instead of HTTPS with HTTP/2
    #[arg(long)]
    pub http1: bool,
    /// Only this scenario
    #[arg(long, value_enum, value_name = "S")]
    pub scenario: Option<Scenario>,
    /// Instead: Lighthouse's scores of the reader's article page and the
    /// partner page (median of --runs, default 3), in target/bench/lighthouse.md
    #[arg(long, conflicts_with_all = ["quick", "http1", "scenario"])]
    pub lighthouse: bool,
}

/// A page the bench measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// One article on a page
    One,
    /// One very large article
    Big,
    /// Twenty widgets on one page
    Twenty,
}

/// `cargo run -p article-widget-bench -- <subcommand> --dist <dist>`: the bench
/// crate runs in the dev profile so the release LTO build stays off the tool.
pub fn bench_crate(env: &Env, subcommand: &str) -> std::process::Command {
    let mut command = env.command("cargo");
    command
        .args([
            "run",
            "--quiet",
            "-p",
            "article-widget-bench",
            "--",
            subcommand,
            "--dist",
        ])
        .arg(env.dist());
    command
}

/// Runs `cargo xtask bench`.
///
/// # Errors
///
/// When the build, the browser install or the benchmark fails.
pub fn run(env: &Env, args: &BenchArgs) -> Result<(), String> {
    if !args.no_build {
        crate::build(env)?;
    }
    let target = env.root().join("target").join("bench");
    if args.lighthouse {
        tools::ensure(env, &[Tool::Browser, Tool::Lighthouse])?;
        let mut command = bench_crate(env, "lighthouse");
        command
            .arg("--lighthouse")
            .arg(tools::lighthouse_js(env))
            .arg("--work")
            .arg(target.join("lighthouse"))
            .arg("--out")
            .arg(target.join("lighthouse.md"))
            .env("CHROMIUM", tools::CHROMIUM);
        if let Some(runs) = args.runs {
            command.args(["--runs", &runs.to_string()]);
        }
        println!("xtask: ==> {}", process::describe(&command));
        return process::run(&mut command);
    }
    tools::ensure(env, &[Tool::Browser])?;
    let mut command = bench_crate(env, "run");
    command
        .arg("--work")
        .arg(target.join("site"))
        .arg("--out")
        .arg(target.join("latest.md"))
        .env("CHROMEDRIVER", CHROMEDRIVER);
    if let Some(runs) = args.runs {
        command.args(["--runs", &runs.to_string()]);
    }
    if args.quick {
        command.arg("--quick");
    }
    if args.http1 {
        command.arg("--http1");
    }
    if let Some(scenario) = args.scenario {
        let name = clap::ValueEnum::to_possible_value(&scenario)
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default();
        command.args(["--scenario", &name]);
    }
    println!("xtask: ==> {}", process::describe(&command));
    process::run(&mut command)
}
