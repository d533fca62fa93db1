//! `cargo xtask fuzz [--seconds N] [--native]`: fuzz the article input path
//! (bytes → JSON → checked article → URLs) for a bounded time.
//!
//! With a nightly toolchain installed (`rustup toolchain list`), this runs the
//! cargo-fuzz target `parse_article` in `fuzz/` under libFuzzer, installing
//! cargo-fuzz first if it is missing; new interesting inputs go to the
//! git-ignored `fuzz/corpus/parse_article/`, crashes to `fuzz/artifacts/`, and
//! `tests/corpus/` seeds it. Without nightly (or with `--native`), it runs
//! the mutational loop in `tests/properties.rs` (`mutational_fuzz_loop`) on
//! stable for the same time, seeded from `tests/corpus/`.

use crate::process::{self, Env};

/// Fuzzing time when `--seconds` is not given.
pub const DEFAULT_SECONDS: u64 = 60;

/// What `cargo xtask fuzz` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuzzArgs {
    /// How long to fuzz.
    pub seconds: u64,
    /// Use the stable mutational loop even when nightly is available.
    pub native: bool,
}

/// Parses the arguments after `cargo xtask fuzz`.
///
/// # Errors
///
/// A message naming the unknown flag or the bad value.
pub fn parse_args(args: &[&str]) -> Result<FuzzArgs, String> {
    let mut parsed = FuzzArgs {
        seconds: DEFAULT_SECONDS,
        native: false,
    };
    let mut rest = args.iter().copied();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        };
        match flag {
            "--seconds" | "-s" => {
                let value = inline
                    .or_else(|| rest.next())
                    .ok_or("`--seconds` needs a value")?;
                parsed.seconds = value.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                    format!("`--seconds` needs a whole number above 0, not `{value}`")
                })?;
            }
            "--native" if inline.is_none() => parsed.native = true,
            _ => {
                return Err(format!(
                    "`fuzz` has no option `{arg}`; see `cargo xtask --help`"
                ))
            }
        }
    }
    Ok(parsed)
}

/// Whether `rustup toolchain list` output names a nightly toolchain.
pub fn lists_nightly(toolchains: &str) -> bool {
    toolchains
        .lines()
        .any(|line| line.trim_start().starts_with("nightly"))
}

/// Runs the fuzzer for `args.seconds`.
///
/// # Errors
///
/// When a tool cannot be installed, or the fuzzer finds a crash (its input
/// is saved and named in the output).
pub fn run(env: &Env, args: FuzzArgs) -> Result<(), String> {
    let mut list = env.command("rustup");
    list.args(["toolchain", "list"]);
    let toolchains = process::probe(&mut list).unwrap_or_default();
    if args.native || !lists_nightly(&toolchains) {
        if !args.native {
            println!(
                "xtask: no nightly toolchain (cargo-fuzz needs one): running the stable \
                 mutational loop instead"
            );
        }
        return native_loop(env, args.seconds);
    }
    let mut version = env.command("cargo-fuzz");
    version.arg("--version");
    if process::probe(&mut version).is_none() {
        println!("xtask: installing cargo-fuzz (needed to run the libFuzzer target in fuzz/)");
        let mut install = env.command("cargo");
        install.args(["install", "cargo-fuzz", "--locked"]);
        println!("xtask: ==> {}", process::describe(&install));
        process::run(&mut install)?;
    }
    let corpus = env.root().join("fuzz/corpus/parse_article");
    std::fs::create_dir_all(&corpus)
        .map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    let mut command = env.command("rustup");
    command
        .args(["run", "nightly", "cargo", "fuzz", "run", "parse_article"])
        .arg(&corpus)
        .arg(env.root().join("tests/corpus"))
        .arg("--")
        .arg(format!("-max_total_time={}", args.seconds))
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg("-max_len=65536");
    // The outer `cargo xtask` is a stable cargo: let rustup pick nightly.
    for var in [
        "RUSTUP_TOOLCHAIN",
        "CARGO",
        "RUSTC",
        "RUSTDOC",
        "CARGO_TARGET_DIR",
    ] {
        command.env_remove(var);
    }
    println!("xtask: ==> {}", process::describe(&command));
    process::run(&mut command)
}

/// The stable fallback: the mutational loop in `tests/properties.rs`.
fn native_loop(env: &Env, seconds: u64) -> Result<(), String> {
    let mut command = env.command("cargo");
    command
        .args([
            "test",
            "-p",
            "article-widget",
            "--release",
            "--test",
            "properties",
            "--",
            "--ignored",
            "--nocapture",
            "--exact",
            "mutational_fuzz_loop",
        ])
        .env("AW_FUZZ_SECONDS", seconds.to_string());
    println!(
        "xtask: ==> AW_FUZZ_SECONDS={seconds} {}",
        process::describe(&command)
    );
    process::run(&mut command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fuzz_arguments() {
        assert_eq!(
            parse_args(&[]),
            Ok(FuzzArgs {
                seconds: DEFAULT_SECONDS,
                native: false
            })
        );
        assert_eq!(parse_args(&["--seconds", "30"]).map(|a| a.seconds), Ok(30));
        assert_eq!(
            parse_args(&["--seconds=5", "--native"]).map(|a| (a.seconds, a.native)),
            Ok((5, true))
        );
        assert!(parse_args(&["--seconds", "0"]).is_err());
        assert!(parse_args(&["--seconds"]).is_err());
        assert!(parse_args(&["--seconds", "x"]).is_err());
        assert!(parse_args(&["--forever"]).is_err());
    }

    #[test]
    fn finds_nightly_in_the_toolchain_list() {
        assert!(lists_nightly(
            "stable-x86_64-unknown-linux-gnu (default)\nnightly-x86_64-unknown-linux-gnu\n"
        ));
        assert!(!lists_nightly(
            "stable-x86_64-unknown-linux-gnu (default)\n"
        ));
        assert!(!lists_nightly(""));
    }
}
