//! The command line: what `cargo xtask ...` was asked to do, and the help text.
//!
//! Parsing is hand-written: four commands and a handful of flags do not need a
//! parser crate, and this keeps `cargo xtask` quick to build on a fresh machine.

use crate::steps::Step;

/// The help text for `cargo xtask --help`.
pub const HELP: &str = "\
cargo xtask: build, serve and test article-widget

USAGE:
    cargo xtask <COMMAND> [OPTIONS]

COMMANDS:
    build                 Install missing build tools, then `trunk build --release` into dist/
    serve [--port N]      Build, then serve dist/ on http://127.0.0.1:N/ (default 8080) until Ctrl-C
          [--no-build]    Serve the existing dist/ without building first
    test                  Install missing tools, then run every check in order, stopping at
                          the first failure:
                            fmt          cargo fmt --all -- --check
                            clippy       cargo clippy --workspace --all-targets -- -D warnings
                            clippy-wasm  cargo clippy -p article-widget -p article-widget-engine --all-targets
                                           --target wasm32-unknown-unknown -- -D warnings,
                                           then the engine as shipped (--features bare)
                            native       cargo test --workspace --exclude article-widget-e2e
                            browser      cargo test -p article-widget -p article-widget-engine
                                           --target wasm32-unknown-unknown
                            release      trunk build --release, then the embed engine, then
                                           its size against the 55 KB brotli budget
                            e2e          cargo test -p article-widget-e2e -- --test-threads=1
         [--only STEP]    Run only these steps (repeatable, or comma-separated)
         [--skip STEP]    Leave these steps out (repeatable, or comma-separated)
         [--skip-e2e]     Same as --skip e2e
         [--skip-browser] Same as --skip browser
    bench [--runs N]      Build, then measure static HTML vs plain JS vs the widget in headless
          [--quick]       Chromium (mobile/desktop, cold/warm), served over HTTPS + HTTP/2;
          [--no-build]    table in target/bench/latest.md. --quick: 1 scenario, 3 runs;
          [--http1]       --http1: plain HTTP/1.1; --scenario one|big|twenty: only that one.
          [--scenario S]  See docs/performance.md
    size [--check]        Build, then report wasm/JS/CSS raw, gzip, brotli and what fills the
         [--no-build]     wasm; --check fails when the embed's wasm + JS is over 55 KB brotli
    fuzz [--seconds N]    Fuzz the article input path for N seconds (default 60): the cargo-fuzz
         [--native]       target fuzz/parse_article on nightly (installs cargo-fuzz if missing),
                          or, without nightly or with --native, the stable mutational loop
    setup                 Install every missing tool (wasm32 target, wasm-bindgen CLI, Trunk,
                          wasm-opt, Chromium + chromedriver) and nothing else
    help, --help, -h      Show this text

Tools are installed only when missing or at the wrong version; every install says
what and why first. wasm-opt lives in .tools/ (git-ignored); cargo installs go to
~/.cargo/bin. Both are put first on PATH for every command xtask runs.
";

/// The default port for `cargo xtask serve`.
pub const DEFAULT_PORT: u16 = 8080;

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print [`HELP`].
    Help,
    /// Release build into `dist/`.
    Build,
    /// Serve `dist/`, building it first unless `build` is false.
    Serve {
        /// Port on 127.0.0.1.
        port: u16,
        /// Whether to run the release build first.
        build: bool,
    },
    /// Run these checks, in this order.
    Test {
        /// The selected steps, in pipeline order.
        steps: Vec<Step>,
    },
    /// Install every tool.
    Setup,
    /// Fuzz the input path for a while.
    Fuzz(crate::fuzz::FuzzArgs),
}

/// Parses the arguments after `cargo xtask`.
///
/// # Errors
///
/// A message naming the unknown command, flag or step, or the missing value.
pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Command, String> {
    let mut args = args.iter().map(AsRef::as_ref);
    let Some(command) = args.next() else {
        return Ok(Command::Help);
    };
    let rest: Vec<&str> = args.collect();
    match command {
        "help" | "--help" | "-h" => Ok(Command::Help),
        _ if rest.iter().any(|a| matches!(*a, "--help" | "-h")) => Ok(Command::Help),
        "build" => no_flags("build", &rest).map(|()| Command::Build),
        "serve" => parse_serve(&rest),
        "test" => parse_test(&rest),
        "setup" => no_flags("setup", &rest).map(|()| Command::Setup),
        "fuzz" => crate::fuzz::parse_args(&rest).map(Command::Fuzz),
        other => Err(format!(
            "unknown command `{other}`; see `cargo xtask --help`"
        )),
    }
}

fn no_flags(command: &str, rest: &[&str]) -> Result<(), String> {
    match rest.first() {
        None => Ok(()),
        Some(flag) => Err(format!(
            "`{command}` takes no argument `{flag}`; see `cargo xtask --help`"
        )),
    }
}

/// Splits `--flag=value` or takes the value from the next argument.
fn flag_value<'a>(
    flag: &str,
    inline: Option<&'a str>,
    rest: &mut impl Iterator<Item = &'a str>,
) -> Result<&'a str, String> {
    inline
        .or_else(|| rest.next())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| format!("`{flag}` needs a value"))
}

fn parse_serve(args: &[&str]) -> Result<Command, String> {
    let mut port = DEFAULT_PORT;
    let mut build = true;
    let mut rest = args.iter().copied();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        };
        match flag {
            "--port" | "-p" => {
                let value = flag_value(flag, inline, &mut rest)?;
                port = value.parse().map_err(|_| {
                    format!("`--port` needs a number from 0 to 65535, not `{value}`")
                })?;
            }
            "--no-build" if inline.is_none() => build = false,
            _ => {
                return Err(format!(
                    "`serve` has no option `{arg}`; see `cargo xtask --help`"
                ))
            }
        }
    }
    Ok(Command::Serve { port, build })
}

fn parse_test(args: &[&str]) -> Result<Command, String> {
    let mut only: Vec<Step> = Vec::new();
    let mut skip: Vec<Step> = Vec::new();
    let mut rest = args.iter().copied();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        };
        match flag {
            "--only" => only.extend(step_list(flag_value(flag, inline, &mut rest)?)?),
            "--skip" => skip.extend(step_list(flag_value(flag, inline, &mut rest)?)?),
            "--skip-e2e" if inline.is_none() => skip.push(Step::E2e),
            "--skip-browser" if inline.is_none() => skip.push(Step::Browser),
            _ => {
                return Err(format!(
                    "`test` has no option `{arg}`; see `cargo xtask --help`"
                ))
            }
        }
    }
    let steps: Vec<Step> = Step::ALL
        .iter()
        .copied()
        .filter(|step| only.is_empty() || only.contains(step))
        .filter(|step| !skip.contains(step))
        .collect();
    if steps.is_empty() {
        return Err("`--only`/`--skip` left no step to run".to_owned());
    }
    Ok(Command::Test { steps })
}

fn step_list(value: &str) -> Result<Vec<Step>, String> {
    value
        .split(',')
        .map(|name| {
            Step::from_name(name.trim()).ok_or_else(|| {
                let known: Vec<&str> = Step::ALL.iter().map(|s| s.name()).collect();
                format!("unknown step `{name}`; steps are {}", known.join(", "))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{parse, Command, DEFAULT_PORT};
    use crate::steps::Step;

    fn steps(args: &[&str]) -> Result<Vec<Step>, String> {
        match parse(args)? {
            Command::Test { steps } => Ok(steps),
            other => Err(format!("not a test command: {other:?}")),
        }
    }

    #[test]
    fn commands_and_help() {
        assert_eq!(parse::<&str>(&[]), Ok(Command::Help));
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["test", "-h"]), Ok(Command::Help));
        assert_eq!(parse(&["build"]), Ok(Command::Build));
        assert_eq!(parse(&["setup"]), Ok(Command::Setup));
        assert!(parse(&["deploy"]).is_err());
        assert!(parse(&["build", "--release"]).is_err());
    }

    #[test]
    fn serve_port() {
        assert_eq!(
            parse(&["serve"]),
            Ok(Command::Serve {
                port: DEFAULT_PORT,
                build: true
            })
        );
        assert_eq!(
            parse(&["serve", "--port", "9000"]),
            Ok(Command::Serve {
                port: 9000,
                build: true
            })
        );
        assert_eq!(
            parse(&["serve", "--port=0", "--no-build"]),
            Ok(Command::Serve {
                port: 0,
                build: false
            })
        );
        assert!(parse(&["serve", "--port"]).is_err());
        assert!(parse(&["serve", "--port", "70000"]).is_err());
        assert!(parse(&["serve", "--port", "x"]).is_err());
        assert!(parse(&["serve", "8080"]).is_err());
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
        assert!(steps(&["test", "--only", "lint"]).is_err());
        assert!(steps(&["test", "--only"]).is_err());
        assert!(steps(&["test", "--only", "fmt", "--skip", "fmt"]).is_err());
        assert!(steps(&["test", "--fast"]).is_err());
    }
}
