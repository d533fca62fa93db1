//! `cargo xtask fuzz`: fuzz the article input path
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

/// `cargo xtask fuzz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Args)]
pub struct FuzzArgs {
    /// How long to fuzz, in seconds
    #[arg(
        long,
        short,
        value_name = "N",
        default_value_t = DEFAULT_SECONDS,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub seconds: u64,
    /// Run the stable mutational loop even when nightly is installed
    #[arg(long)]
    pub native: bool,
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
