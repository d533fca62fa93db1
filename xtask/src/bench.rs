//! `cargo xtask bench [--runs N] [--quick] [--no-build] [--http1] [--scenario S]`: builds the release
//! site, then runs the `article-widget-bench` crate, which serves it on
//! loopback and measures it in headless Chromium (see `docs/performance.md`).
//!
//! The bench crate is run in the dev profile: it only drives the browser and
//! serves files, and the release profile (LTO, opt-level z) is tuned for the
//! wasm, not for a quick build of a `WebDriver` client.

use crate::process::{self, Env};
use crate::tools::{self, Tool, CHROMEDRIVER};

/// Parsed `bench` flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchArgs {
    /// Runs per scenario and variant (`None`: the bench's default, 5 or 3 with `--quick`).
    pub runs: Option<usize>,
    /// One scenario, 3 runs: a smoke check.
    pub quick: bool,
    /// Whether to run the release build first.
    pub build: bool,
    /// Plain HTTP/1.1 instead of HTTPS with HTTP/2.
    pub http1: bool,
    /// Only one scenario: `one`, `big` or `twenty`.
    pub scenario: Option<String>,
}

/// Parses the arguments after `cargo xtask bench`.
///
/// # Errors
///
/// A message naming the unknown flag or the bad value.
pub fn parse(args: &[String]) -> Result<BenchArgs, String> {
    let mut parsed = BenchArgs {
        runs: None,
        quick: false,
        build: true,
        http1: false,
        scenario: None,
    };
    let mut rest = args.iter().map(String::as_str);
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        };
        match flag {
            "--runs" => {
                let value = inline.or_else(|| rest.next()).unwrap_or_default();
                let runs: usize = value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("`--runs` needs a number above 0, not `{value}`"))?;
                parsed.runs = Some(runs);
            }
            "--quick" if inline.is_none() => parsed.quick = true,
            "--no-build" if inline.is_none() => parsed.build = false,
            "--http1" if inline.is_none() => parsed.http1 = true,
            "--scenario" => {
                let value = inline.or_else(|| rest.next()).unwrap_or_default();
                if !["one", "big", "twenty"].contains(&value) {
                    return Err(format!(
                        "`--scenario` is one of `one`, `big`, `twenty`, not `{value}`"
                    ));
                }
                parsed.scenario = Some(value.to_owned());
            }
            _ => {
                return Err(format!(
                    "`bench` has no option `{arg}`; see `cargo xtask --help`"
                ))
            }
        }
    }
    Ok(parsed)
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
pub fn run(env: &Env, args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    if args.build {
        crate::build(env)?;
    }
    tools::ensure(env, &[Tool::Browser])?;
    let target = env.root().join("target").join("bench");
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
    if let Some(scenario) = &args.scenario {
        command.args(["--scenario", scenario]);
    }
    println!("xtask: ==> {}", process::describe(&command));
    process::run(&mut command)
}

#[cfg(test)]
mod tests {
    use super::{parse, BenchArgs};

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags() {
        assert_eq!(
            parse(&[]),
            Ok(BenchArgs {
                runs: None,
                quick: false,
                build: true,
                http1: false,
                scenario: None,
            })
        );
        assert_eq!(
            parse(&args(&[
                "--runs",
                "7",
                "--quick",
                "--no-build",
                "--http1",
                "--scenario=twenty"
            ])),
            Ok(BenchArgs {
                runs: Some(7),
                quick: true,
                build: false,
                http1: true,
                scenario: Some("twenty".to_owned()),
            })
        );
        assert_eq!(parse(&args(&["--runs=3"])).map(|a| a.runs), Ok(Some(3)));
        assert!(parse(&args(&["--runs", "0"])).is_err());
        assert!(parse(&args(&["--runs"])).is_err());
        assert!(parse(&args(&["--fast"])).is_err());
        assert!(parse(&args(&["--scenario", "two"])).is_err());
    }
}
