//! The checks behind `cargo xtask test`: what each step runs, which tools it needs,
//! and running them in order with a timed summary.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::process::{self, Env};
use crate::tools::{self, Tool, CHROMEDRIVER};

/// One check of `cargo xtask test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `cargo fmt --check`.
    Fmt,
    /// Clippy on every crate for the host.
    Clippy,
    /// Clippy on the widget for wasm32.
    ClippyWasm,
    /// Native unit and rendering tests.
    Native,
    /// wasm-bindgen tests in headless Chromium.
    Browser,
    /// `trunk build --release` into `dist/`.
    Release,
    /// End-to-end tests against `dist/` in headless Chromium.
    E2e,
    /// The cross-engine end-to-end tests against `dist/` in Firefox and WebKit.
    Engines,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 8] = [
        Step::Fmt,
        Step::Clippy,
        Step::ClippyWasm,
        Step::Native,
        Step::Browser,
        Step::Release,
        Step::E2e,
        Step::Engines,
    ];

    /// The name used on the command line and in the summary.
    pub fn name(self) -> &'static str {
        match self {
            Step::Fmt => "fmt",
            Step::Clippy => "clippy",
            Step::ClippyWasm => "clippy-wasm",
            Step::Native => "native",
            Step::Browser => "browser",
            Step::Release => "release",
            Step::E2e => "e2e",
            Step::Engines => "engines",
        }
    }

    /// What the step checks, for the help of `cargo xtask test`.
    pub fn about(self) -> &'static str {
        match self {
            Step::Fmt => "cargo fmt --all -- --check",
            Step::Clippy => "clippy -D warnings on every crate, for the host",
            Step::ClippyWasm => {
                "clippy -D warnings on the widget and the engine for wasm32, \
                 then on both engines as shipped (--features bare, bare,rich)"
            }
            Step::Native => "cargo test on every crate but the end-to-end one, for the host",
            Step::Browser => {
                "the widget's and the engine's wasm-bindgen tests in headless Chromium"
            }
            Step::Release => {
                "trunk build --release into dist/, then the embed, then its size \
                 against the 55 KB brotli budget"
            }
            Step::E2e => "end-to-end tests of dist/ served on loopback, in headless Chromium",
            Step::Engines => {
                "the cross-engine end-to-end tests of dist/ in Firefox ESR and WebKitGTK"
            }
        }
    }

    /// The tools this step needs installed.
    pub fn tools(self) -> &'static [Tool] {
        match self {
            Step::Fmt | Step::Clippy | Step::Native => &[],
            Step::ClippyWasm => &[Tool::WasmTarget],
            Step::Browser => &[Tool::WasmTarget, Tool::WasmBindgen, Tool::Browser],
            Step::Release => tools::BUILD_TOOLS,
            Step::E2e => &[Tool::Browser, Tool::Axe],
            Step::Engines => &[Tool::Firefox, Tool::WebKit],
        }
    }

    /// The command this step runs.
    pub fn command(self, env: &Env) -> Command {
        let cargo = |args: &[&str]| {
            let mut command = env.command("cargo");
            command.args(args);
            command
        };
        match self {
            Step::Fmt => cargo(&["fmt", "--all", "--", "--check"]),
            Step::Clippy => cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            Step::ClippyWasm => cargo(&[
                "clippy",
                "-p",
                "article-widget",
                "-p",
                "article-widget-engine",
                "--all-targets",
                "--target",
                tools::WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ]),
            Step::Native => cargo(&["test", "--workspace", "--exclude", "article-widget-e2e"]),
            Step::Browser => {
                let mut command = cargo(&[
                    "test",
                    "-p",
                    "article-widget",
                    "-p",
                    "article-widget-engine",
                    "--target",
                    tools::WASM_TARGET,
                ]);
                // The runner's timeout covers the whole test binary, not one test.
                command
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "300");
                command
            }
            Step::Release => release_build(env),
            Step::E2e => {
                let mut command =
                    cargo(&["test", "-p", "article-widget-e2e", "--", "--test-threads=1"]);
                command
                    .env("ARTICLE_WIDGET_DIST", env.dist())
                    .env("AXE_CORE_JS", tools::axe_core_js(env))
                    .env("CHROMEDRIVER", CHROMEDRIVER);
                command
            }
            Step::Engines => {
                // The cross-engine tests are `#[ignore]`d for a plain `cargo
                // test`, which need not have Firefox and WebKit installed.
                let mut command = cargo(&[
                    "test",
                    "-p",
                    "article-widget-e2e",
                    "--test",
                    "engines",
                    "--",
                    "--ignored",
                    "--test-threads=1",
                ]);
                command
                    .env("ARTICLE_WIDGET_DIST", env.dist())
                    .env("FIREFOX", tools::FIREFOX)
                    .env("WEBKIT_DRIVER", tools::WEBKIT_DRIVER)
                    .env("WEBKIT_BROWSER", tools::WEBKIT_BROWSER)
                    .env("XVFB", tools::XVFB);
                command
            }
        }
    }
}

/// Steps on the command line (`--only STEP`), by [`Step::name`], with
/// [`Step::about`] as their help.
impl clap::ValueEnum for Step {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.about()))
    }
}

/// `trunk build --release` in the repository root.
pub fn release_build(env: &Env) -> Command {
    let mut command = env.command("trunk");
    command.args(["build", "--release"]);
    command
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Passed(Duration),
    Failed(Duration),
    NotRun,
}

/// Installs the tools the steps need, runs the steps in order until one fails, and
/// prints a summary line per step with its wall time.
///
/// # Errors
///
/// A message naming the first step (or tool install) that failed.
pub fn run_all(env: &Env, steps: &[Step]) -> Result<(), String> {
    let needed: Vec<Tool> = steps
        .iter()
        .flat_map(|step| step.tools())
        .copied()
        .collect();
    let started = Instant::now();
    let tools_result = tools::ensure(env, &needed);
    let tools_time = started.elapsed();
    let tools_label = if tools_result.is_ok() { "ok" } else { "FAILED" };

    let mut outcomes: Vec<(Step, Outcome)> =
        steps.iter().map(|step| (*step, Outcome::NotRun)).collect();
    let mut failure = tools_result
        .err()
        .map(|e| format!("installing tools failed: {e}"));
    if failure.is_none() {
        for (index, (step, outcome)) in outcomes.iter_mut().enumerate() {
            let mut command = step.command(env);
            println!(
                "\nxtask: ==> [{}/{}] {}: {}",
                index + 1,
                steps.len(),
                step.name(),
                process::describe(&command)
            );
            let step_started = Instant::now();
            let result = check_preconditions(env, *step, steps)
                .and_then(|()| process::run(&mut command))
                .and_then(|()| match step {
                    Step::Release => crate::embed::build(env)
                        .and_then(|()| crate::pwa::write(&env.dist()))
                        .and_then(|()| crate::size::check_budget(env)),
                    Step::ClippyWasm => crate::embed::clippy_bare(env),
                    _ => Ok(()),
                });
            let elapsed = step_started.elapsed();
            if let Err(error) = result {
                *outcome = Outcome::Failed(elapsed);
                failure = Some(format!("step `{}` failed: {error}", step.name()));
                println!(
                    "xtask: step `{}` FAILED after {}",
                    step.name(),
                    seconds(elapsed)
                );
                break;
            }
            *outcome = Outcome::Passed(elapsed);
        }
    }

    println!("\nxtask: summary");
    println!(
        "  {:<8} {:<12} {:>8}",
        tools_label,
        "tools",
        seconds(tools_time)
    );
    for (step, outcome) in &outcomes {
        let (label, time) = match outcome {
            Outcome::Passed(time) => ("ok", seconds(*time)),
            Outcome::Failed(time) => ("FAILED", seconds(*time)),
            Outcome::NotRun => ("not run", String::new()),
        };
        println!("  {label:<8} {:<12} {time:>8}", step.name());
    }
    let skipped: Vec<&str> = Step::ALL
        .iter()
        .filter(|step| !steps.contains(step))
        .map(|step| step.name())
        .collect();
    if !skipped.is_empty() {
        println!("  skipped by request: {}", skipped.join(", "));
    }
    println!("  total {}", seconds(started.elapsed()));
    match failure {
        Some(failure) => Err(failure),
        None => Ok(()),
    }
}

/// Checks that can fail early with a clearer message than the step itself would give.
fn check_preconditions(env: &Env, step: Step, steps: &[Step]) -> Result<(), String> {
    if matches!(step, Step::E2e | Step::Engines)
        && !steps.contains(&Step::Release)
        && !env.dist().join("index.html").is_file()
    {
        return Err(format!(
            "{} has no index.html; run the release step too, or `cargo xtask build` first",
            env.dist().display()
        ));
    }
    Ok(())
}

fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::Step;
    use crate::process::{describe, Env};
    use crate::tools::Tool;

    #[test]
    fn names_round_trip() {
        use clap::ValueEnum as _;
        for step in Step::ALL {
            assert_eq!(Step::from_str(step.name(), false), Ok(step));
        }
        assert!(Step::from_str("lint", false).is_err());
    }

    #[test]
    fn commands_match_the_ci_contract() {
        let Ok(env) = Env::new() else {
            panic!("Env::new failed");
        };
        let lines: Vec<String> = Step::ALL
            .iter()
            .map(|step| describe(&step.command(&env)))
            .collect();
        assert_eq!(
            lines,
            [
                "cargo fmt --all -- --check",
                "cargo clippy --workspace --all-targets -- -D warnings",
                "cargo clippy -p article-widget -p article-widget-engine --all-targets --target wasm32-unknown-unknown -- -D warnings",
                "cargo test --workspace --exclude article-widget-e2e",
                "cargo test -p article-widget -p article-widget-engine --target wasm32-unknown-unknown",
                "trunk build --release",
                "cargo test -p article-widget-e2e -- --test-threads=1",
                "cargo test -p article-widget-e2e --test engines -- --ignored --test-threads=1",
            ]
        );
        let e2e = Step::E2e.command(&env);
        let dist = e2e
            .get_envs()
            .find(|(key, _)| *key == "ARTICLE_WIDGET_DIST")
            .and_then(|(_, value)| value.map(std::path::PathBuf::from));
        assert_eq!(dist, Some(env.root().join("dist")));
        assert!(dist.is_some_and(|d| d.is_absolute()));
    }

    #[test]
    fn only_browser_steps_need_the_browser() {
        let needing: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|s| s.tools().contains(&Tool::Browser))
            .collect();
        assert_eq!(needing, [Step::Browser, Step::E2e]);
    }
}
