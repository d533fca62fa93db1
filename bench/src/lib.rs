//! The performance benchmark and size report of article-widget, run through
//! `cargo xtask bench` and `cargo xtask size` (see `docs/performance.md`).
//!
//! - [`article`]: the demo article as static HTML, and a generated 1 MB article;
//! - [`size`]: raw/gzip/brotli sizes and the wasm breakdown by crate;
//! - [`report`]: medians, ratios and the markdown tables;
//! - [`run`]: fixture pages, the loopback server and the headless-Chromium loads;
//! - [`lighthouse`]: Lighthouse's scores of the reader's, the partner's and a
//!   prerendered article page.
//!
//! `pages/plain.js` is the plain-JS renderer the widget is compared with, and
//! `pages/probe.js` the measuring script injected into every page.
// File names compared here come from our own build output and fixtures, always
// lower case, so case-insensitive extension checks would only add noise.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

pub mod article;
pub mod front;
pub mod lighthouse;
pub mod report;
pub mod run;
pub mod size;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

/// The start of the rich engine's file names (`article_widget_rich.js`,
/// `article_widget_rich_bg.wasm`): the embed's second engine, fetched only
/// for articles that need it.
const RICH_ENGINE: &str = "article_widget_rich";

/// The loader's file name: the one script of the embed's first load.
const LOADER: &str = "embed.js";

/// The embed's payloads, if the embed is built: `embed` (the loader and
/// the base engine, what every page loads), `embed-rich` (the loader
/// and the rich engine, what an article with lists, tables, videos… needs
/// besides the base engine's wasm, which the loader has asked for before it
/// sees the article), and the other scripts beside the loader: modules it
/// imports on first use (Print's code), in neither payload.
///
/// # Errors
///
/// When the embed's directory cannot be read.
pub fn embed_bundles(dist: &Path) -> Result<Option<(size::Bundle, size::Bundle, Vec<PathBuf>)>> {
    let embed_dir = dist.join("embed");
    if !embed_dir.is_dir() {
        return Ok(None);
    }
    let all = size::find_bundle("embed", &embed_dir, true)?;
    let rich = |p: &PathBuf| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(RICH_ENGINE))
    };
    let loader = |p: &PathBuf| p.file_name().is_some_and(|n| n == LOADER);
    let base = size::Bundle {
        wasm: all.wasm.iter().filter(|p| !rich(p)).cloned().collect(),
        js: all.js.iter().filter(|p| loader(p)).cloned().collect(),
        ..all.clone()
    };
    let first_use = all
        .js
        .iter()
        .filter(|p| !rich(p) && !loader(p))
        .cloned()
        .collect();
    let with_rich = size::Bundle {
        name: "embed-rich".to_owned(),
        wasm: all.wasm.iter().filter(|p| rich(p)).cloned().collect(),
        js: all
            .js
            .iter()
            .filter(|p| rich(p) || loader(p))
            .cloned()
            .collect(),
        css: all.css.clone(),
    };
    Ok(Some((base, with_rich, first_use)))
}

/// The payload (wasm + JS, brotli and all) of the rich engine's bundle
/// ([`embed_bundles`]), or `None` when there is no rich engine in `dist`.
///
/// # Errors
///
/// When a file cannot be read.
pub fn rich_payload(dist: &Path) -> Result<Option<size::Sizes>> {
    let Some((_, rich, _)) = embed_bundles(dist)? else {
        return Ok(None);
    };
    if rich.wasm.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        size::measure_files(&rich.wasm)? + size::measure_files(&rich.js)?,
    ))
}

/// The size report of the build in `dist` as markdown, and the payload
/// (wasm + JS) of the embed's base engine if built, else of the reader.
///
/// `names` lists wasm files that still carry a `name` section (wasm-bindgen's
/// output before wasm-opt strips it) for the breakdown.
///
/// # Errors
///
/// When `dist` or a file in it cannot be read.
pub fn size_report(dist: &Path, names: &[PathBuf]) -> Result<(String, (String, size::Sizes))> {
    let mut out = String::new();
    let reader = size::find_bundle("reader", dist, false)?;
    let embeds = embed_bundles(dist)?;
    out.push_str(
        "| bundle | part | files | raw | gzip | brotli |\n|---|---|---:|---:|---:|---:|\n",
    );
    let mut payload = None;
    let bundles = match &embeds {
        Some((base, rich, _)) if rich.wasm.is_empty() => vec![&reader, base],
        Some((base, rich, _)) => vec![&reader, rich, base],
        None => vec![&reader],
    };
    for bundle in bundles {
        let wasm = size::measure_files(&bundle.wasm)?;
        let js = size::measure_files(&bundle.js)?;
        let css = size::measure_files(&bundle.css)?;
        for (part, files, sizes) in [
            ("wasm", bundle.wasm.len(), wasm),
            ("JS glue", bundle.js.len(), js),
            (
                "**wasm + JS**",
                bundle.wasm.len() + bundle.js.len(),
                wasm + js,
            ),
            ("CSS", bundle.css.len(), css),
        ] {
            let _ = writeln!(
                out,
                "| {} | {part} | {files} | {} | {} | {} |",
                bundle.name,
                size::kb(sizes.raw),
                size::kb(sizes.gzip),
                size::kb(sizes.brotli)
            );
        }
        payload = Some((bundle.name.clone(), wasm + js));
    }
    // Listed, not hidden, but outside the payload: fetched on first use.
    for file in embeds.iter().flat_map(|(_, _, first_use)| first_use) {
        let sizes = size::measure_files(std::slice::from_ref(file))?;
        let _ = writeln!(
            out,
            "| embed | `{}`, loaded on first use | 1 | {} | {} | {} |",
            file.file_name().unwrap_or_default().to_string_lossy(),
            size::kb(sizes.raw),
            size::kb(sizes.gzip),
            size::kb(sizes.brotli)
        );
    }
    let payload = payload.unwrap_or_else(|| ("none".to_owned(), size::Sizes::default()));
    for file in &reader.wasm {
        let bytes = std::fs::read(file)?;
        let parsed = size::parse_wasm(&bytes)?;
        let code: usize = parsed.functions.iter().map(|f| f.0).sum();
        let _ = writeln!(
            out,
            "\n`{}` as shipped: code {}, data {}, custom sections {}.",
            file.file_name().unwrap_or_default().to_string_lossy(),
            size::kb(code),
            size::kb(parsed.data),
            size::kb(parsed.custom)
        );
    }
    for file in names {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        let parsed = size::parse_wasm(&bytes)?;
        let _ = writeln!(
            out,
            "\n### What fills `{}` (wasm-bindgen output, before wasm-opt)\n",
            file.display()
        );
        out.push_str(&size::breakdown_table(&parsed, 20));
        out.push_str("\nLargest functions:\n\n| bytes | function |\n|---:|---|\n");
        for (bytes, name) in size::largest_functions(&parsed, 15) {
            let name: String = name.chars().take(140).collect();
            let _ = writeln!(out, "| {bytes} | `{}` |", name.replace('|', "\\|"));
        }
        if let Ok(output) = Command::new("twiggy")
            .args(["top", "-n", "12"])
            .arg(file)
            .output()
        {
            if output.status.success() {
                let _ = writeln!(
                    out,
                    "\n`twiggy top -n 12`:\n\n```\n{}```",
                    String::from_utf8_lossy(&output.stdout)
                );
            }
        }
    }
    Ok((out, payload))
}
