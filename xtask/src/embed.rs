//! The embed build: after Trunk has built the reader into `dist/`, build the
//! library for wasm32, bind it for `--target web`, shrink it with `wasm-opt`,
//! and copy the hand-written loader files from `embed/` — all into
//! `dist/embed/v1/` under fixed names (partners copy those URLs; a breaking
//! change gets a new version directory). Prints the payload sizes.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::process::{self, Env};
use crate::tools;

/// Versioned directory under `dist/embed/`: the cache-busting scheme.
pub const EMBED_VERSION: &str = "v1";

/// The wasm features Rust 1.95 emits, which wasm-opt must be told about.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `dist/embed/<version>/`.
pub fn out_dir(env: &Env) -> PathBuf {
    env.dist().join("embed").join(EMBED_VERSION)
}

/// Builds the embed into [`out_dir`].
///
/// # Errors
///
/// A message naming the step that failed.
pub fn build(env: &Env) -> Result<(), String> {
    let out = out_dir(env);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let mut cargo = env.command("cargo");
    cargo.args([
        "build",
        "-p",
        "article-widget",
        "--lib",
        "--release",
        "--target",
        tools::WASM_TARGET,
    ]);
    run(&mut cargo)?;

    let wasm = target_dir(env)
        .join(tools::WASM_TARGET)
        .join("release")
        .join("article_widget.wasm");
    let mut bindgen = env.command("wasm-bindgen");
    bindgen
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&out)
        .arg(&wasm);
    run(&mut bindgen)?;

    let bound = out.join("article_widget_bg.wasm");
    let mut opt = env.command("wasm-opt");
    opt.arg("-Oz")
        .args(WASM_OPT_FEATURES)
        .arg(&bound)
        .arg("-o")
        .arg(&bound);
    run(&mut opt)?;

    copy_loader_files(&env.root().join("embed"), &out)?;
    println!("xtask: embed built into {}", out.display());
    for name in ["article_widget_bg.wasm", "article_widget.js", "embed.js"] {
        let size = fs::metadata(out.join(name)).map_or(0, |m| m.len());
        println!("xtask:   {name}: {size} bytes");
    }
    Ok(())
}

fn run(command: &mut std::process::Command) -> Result<(), String> {
    println!("xtask: ==> {}", process::describe(command));
    let _ = std::io::stdout().flush();
    process::run(command)
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, else `target/`).
fn target_dir(env: &Env) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .map_or_else(
            || env.root().join("target"),
            |dir| {
                if dir.is_relative() {
                    env.root().join(dir)
                } else {
                    dir
                }
            },
        )
}

/// Copies `embed/*.{js,html,css}` next to the wasm.
fn copy_loader_files(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", from.display()))?
            .path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "js" | "html" | "css"));
        if wanted {
            if let Some(name) = path.file_name() {
                fs::copy(&path, to.join(name))
                    .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}
