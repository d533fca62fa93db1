//! The command line of `cargo xtask`: one clap definition per command, from
//! which both the parsing and the help (`cargo xtask help [COMMAND]`) come.
//!
//! The flags of `bench`, `size` and `fuzz` are defined next to the code that
//! runs them ([`crate::bench::BenchArgs`], [`crate::size::SizeArgs`],
//! [`crate::fuzz::FuzzArgs`]); the steps of `test` are [`Step`]'s.

use clap::{Args, CommandFactory as _, Parser, Subcommand};

use crate::steps::Step;

/// The default port for `cargo xtask serve`.
pub const DEFAULT_PORT: u16 = 8080;

/// What the help says after the commands.
const TOOLS_NOTE: &str = "\
Tools are installed only when missing or at the wrong version; every install says
what and why first. The npm tools (wasm-opt, esbuild, terser, axe-core, Lighthouse)
live in .tools/ (git-ignored); cargo installs go to ~/.cargo/bin. Both are put first
on PATH for every command xtask runs.";

/// `cargo xtask`: build, serve and test article-widget.
#[derive(Debug, Parser)]
#[command(
    name = "xtask",
    bin_name = "cargo xtask",
    about = "cargo xtask: build, serve and test article-widget",
    after_help = TOOLS_NOTE,
    disable_version_flag = true
)]
pub struct Cli {
    /// The command; without one, the help is printed.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A command of `cargo xtask`.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Install missing build tools, then `trunk build --release` and the embed into dist/
    Build,
    /// Build, then serve dist/ on http://127.0.0.1:PORT/ until Ctrl-C
    Serve(ServeArgs),
    /// Install missing tools, then run every check CI runs, in order
    ///
    /// Stops at the first failure; prints one timed line per step.
    #[command(verbatim_doc_comment)]
    Test(TestArgs),
    /// Build, then benchmark the widget against static HTML and plain JS
    ///
    /// Measures static HTML vs plain JS vs the widget in headless Chromium
    /// (mobile/desktop, cold/warm), served over HTTPS + HTTP/2, and writes the
    /// table to target/bench/latest.md (see docs/performance.md). With
    /// --lighthouse: Lighthouse's four scores, LCP and TBT of the reader's
    /// article page and the partner page instead.
    #[command(verbatim_doc_comment)]
    Bench(crate::bench::BenchArgs),
    /// Build, then report the payload's sizes and what fills the wasm
    ///
    /// Prints wasm/JS/CSS raw, gzip and brotli sizes of the reader and the embed.
    #[command(verbatim_doc_comment)]
    Size(crate::size::SizeArgs),
    /// Fuzz the article input path for a while
    ///
    /// Runs the cargo-fuzz target `fuzz/parse_article` on nightly (installing
    /// cargo-fuzz if missing), or, without nightly or with --native, the stable
    /// mutational loop of tests/properties.rs (see docs/security.md).
    #[command(verbatim_doc_comment)]
    Fuzz(crate::fuzz::FuzzArgs),
    /// Score `article-widget import` on real pages nobody here wrote
    ///
    /// Builds the command, imports every page of ../shared/import-dev-set/ (when
    /// that folder is present beside the repository) and compares titles and
    /// body text with what Firefox Reader View extracts; fails below the targets.
    #[command(verbatim_doc_comment)]
    ImportScore,
    /// Install every missing tool and nothing else
    ///
    /// The wasm32 target, the wasm-bindgen CLI, Trunk, wasm-opt, esbuild, terser,
    /// Chromium and chromedriver, axe-core, Firefox ESR and geckodriver, WebKitGTK
    /// with its driver and MiniBrowser, and Xvfb.
    #[command(verbatim_doc_comment)]
    Setup,
}

/// `cargo xtask serve`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port)
    #[arg(long, short, value_name = "N", default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Serve the existing dist/ without building first
    #[arg(long)]
    pub no_build: bool,
}

/// `cargo xtask test`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct TestArgs {
    /// Run only these steps (repeatable, or comma-separated); they run in pipeline order
    #[arg(long, value_name = "STEP", value_delimiter = ',')]
    pub only: Vec<Step>,
    /// Leave these steps out (repeatable, or comma-separated; the steps of --only)
    #[arg(
        long,
        value_name = "STEP",
        value_delimiter = ',',
        hide_possible_values = true
    )]
    pub skip: Vec<Step>,
    /// Same as --skip e2e
    #[arg(long)]
    pub skip_e2e: bool,
    /// Same as --skip browser
    #[arg(long)]
    pub skip_browser: bool,
}

impl TestArgs {
    /// The selected steps, in pipeline order.
    ///
    /// # Errors
    ///
    /// When `--only` and `--skip` leave no step to run.
    pub fn steps(&self) -> Result<Vec<Step>, String> {
        let skipped = |step: &Step| {
            self.skip.contains(step)
                || (self.skip_e2e && *step == Step::E2e)
                || (self.skip_browser && *step == Step::Browser)
        };
        let steps: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|step| self.only.is_empty() || self.only.contains(step))
            .filter(|step| !skipped(step))
            .collect();
        if steps.is_empty() {
            return Err("`--only`/`--skip` left no step to run".to_owned());
        }
        Ok(steps)
    }
}

/// Parses the process's arguments; on a usage error, or for `--help`, prints
/// clap's message and exits (status 2 for an error, 0 for help).
pub fn parse() -> Cli {
    Cli::parse()
}

/// Prints the top-level help (for `cargo xtask` without a command).
pub fn print_help() {
    let _ = Cli::command().print_help();
}

/// Exits with a usage error of `command` (status 2) in clap's format, as a
/// bad flag would.
pub fn usage_error(command: &str, message: &str) -> ! {
    let mut cli = Cli::command();
    cli.build();
    let kind = clap::error::ErrorKind::ArgumentConflict;
    match cli.find_subcommand_mut(command) {
        Some(sub) => sub.error(kind, message).exit(),
        None => cli.error(kind, message).exit(),
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory as _, Parser as _};

    use super::{Cli, Command, ServeArgs, DEFAULT_PORT};
    use crate::steps::Step;

    fn parse(args: &[&str]) -> Result<Option<Command>, String> {
        Cli::try_parse_from(std::iter::once("xtask").chain(args.iter().copied()))
            .map(|cli| cli.command)
            .map_err(|e| e.to_string())
    }

    fn steps(args: &[&str]) -> Result<Vec<Step>, String> {
        match parse(args)? {
            Some(Command::Test(test)) => test.steps(),
            other => Err(format!("not a test command: {other:?}")),
        }
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn commands_and_help() {
        assert_eq!(parse(&[]), Ok(None));
        assert_eq!(parse(&["build"]), Ok(Some(Command::Build)));
        assert_eq!(parse(&["setup"]), Ok(Some(Command::Setup)));
        for help in [
            &["--help"][..],
            &["help"],
            &["test", "-h"],
            &["help", "bench"],
        ] {
            let error = Cli::try_parse_from(std::iter::once("xtask").chain(help.iter().copied()))
                .err()
                .map(|e| e.kind());
            assert_eq!(error, Some(clap::error::ErrorKind::DisplayHelp), "{help:?}");
        }
        assert!(parse(&["deploy"]).is_err());
        assert!(parse(&["build", "--release"]).is_err());
    }

    #[test]
    fn the_help_lists_every_command_and_step() {
        let help = Cli::command().render_long_help().to_string();
        for command in ["build", "serve", "test", "bench", "size", "fuzz", "setup"] {
            assert!(help.contains(command), "{command} missing from:\n{help}");
        }
        let mut cli = Cli::command();
        let test = cli
            .find_subcommand_mut("test")
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default();
        for step in Step::ALL {
            assert!(
                test.contains(step.name()),
                "{} missing from:\n{test}",
                step.name()
            );
        }
    }

    #[test]
    fn serve_port() {
        let serve = |port, no_build| Ok(Some(Command::Serve(ServeArgs { port, no_build })));
        assert_eq!(parse(&["serve"]), serve(DEFAULT_PORT, false));
        assert_eq!(parse(&["serve", "--port", "9000"]), serve(9000, false));
        assert_eq!(parse(&["serve", "-p", "9001"]), serve(9001, false));
        assert_eq!(parse(&["serve", "--port=0", "--no-build"]), serve(0, true));
        assert!(parse(&["serve", "--port"]).is_err());
        assert!(parse(&["serve", "--port", "70000"]).is_err());
        assert!(parse(&["serve", "--port", "x"]).is_err());
        assert!(parse(&["serve", "8080"]).is_err());
    }

    #[test]
    fn bench_size_and_fuzz_flags() {
        use crate::bench::{BenchArgs, Scenario};
        use crate::fuzz::{FuzzArgs, DEFAULT_SECONDS};
        use crate::size::SizeArgs;

        let bench = |runs, quick, no_build, http1, scenario| {
            Ok(Some(Command::Bench(BenchArgs {
                runs,
                quick,
                no_build,
                http1,
                scenario,
                lighthouse: false,
            })))
        };
        assert_eq!(parse(&["bench"]), bench(None, false, false, false, None));
        assert_eq!(
            parse(&[
                "bench",
                "--runs",
                "7",
                "--quick",
                "--no-build",
                "--http1",
                "--scenario=twenty"
            ]),
            bench(Some(7), true, true, true, Some(Scenario::Twenty))
        );
        assert_eq!(
            parse(&["bench", "--runs=3", "--scenario", "big"]),
            bench(Some(3), false, false, false, Some(Scenario::Big))
        );
        assert_eq!(
            parse(&["bench", "--lighthouse", "--runs", "2", "--no-build"]),
            Ok(Some(Command::Bench(BenchArgs {
                runs: Some(2),
                quick: false,
                no_build: true,
                http1: false,
                scenario: None,
                lighthouse: true,
            })))
        );
        for bad in [
            &["--runs", "0"][..],
            &["--runs"],
            &["--fast"],
            &["--scenario", "two"],
            &["--lighthouse", "--quick"],
        ] {
            let args: Vec<&str> = std::iter::once("bench")
                .chain(bad.iter().copied())
                .collect();
            assert!(parse(&args).is_err(), "{args:?}");
        }

        let size = |check, no_build| Ok(Some(Command::Size(SizeArgs { check, no_build })));
        assert_eq!(parse(&["size"]), size(false, false));
        assert_eq!(parse(&["size", "--check", "--no-build"]), size(true, true));
        assert!(parse(&["size", "--fast"]).is_err());

        let fuzz = |seconds, native| Ok(Some(Command::Fuzz(FuzzArgs { seconds, native })));
        assert_eq!(parse(&["fuzz"]), fuzz(DEFAULT_SECONDS, false));
        assert_eq!(parse(&["fuzz", "--seconds", "30"]), fuzz(30, false));
        assert_eq!(parse(&["fuzz", "-s", "5", "--native"]), fuzz(5, true));
        assert_eq!(parse(&["fuzz", "--seconds=5"]), fuzz(5, false));
        for bad in [
            &["--seconds", "0"][..],
            &["--seconds"],
            &["--seconds", "x"],
            &["--forever"],
        ] {
            let args: Vec<&str> = std::iter::once("fuzz").chain(bad.iter().copied()).collect();
            assert!(parse(&args).is_err(), "{args:?}");
        }
    }

    #[test]
    fn test_runs_everything_by_default() {
        assert_eq!(steps(&["test"]), Ok(Step::ALL.to_vec()));
    }

    #[test]
    fn test_only_and_skip() {
        assert_eq!(steps(&["test", "--only", "fmt"]), Ok(vec![Step::Fmt]));
        // Pipeline order wins over the order given.
        assert_eq!(
            steps(&["test", "--only=e2e,clippy", "--only", "fmt"]),
            Ok(vec![Step::Fmt, Step::Clippy, Step::E2e])
        );
        let without_e2e = steps(&["test", "--skip-e2e"]).unwrap_or_default();
        assert_eq!(without_e2e.len(), Step::ALL.len() - 1);
        assert!(!without_e2e.contains(&Step::E2e));
        assert_eq!(
            steps(&["test", "--only", "native,browser", "--skip-browser"]),
            Ok(vec![Step::Native])
        );
        assert_eq!(
            steps(&["test", "--skip", "e2e", "--skip=browser,release"]).map(|s| s.len()),
            Ok(Step::ALL.len() - 3)
        );
        assert!(steps(&["test", "--only", "lint"]).is_err());
        assert!(steps(&["test", "--only"]).is_err());
        assert!(steps(&["test", "--only", "fmt", "--skip", "fmt"]).is_err());
        assert!(steps(&["test", "--fast"]).is_err());
    }
}
