//! The size report behind `cargo xtask size`: raw, gzip and brotli sizes of
//! what a browser downloads, and what fills the wasm, grouped by crate.
//!
//! Compression uses the settings the devserver serves with (brotli quality 11,
//! window 22; gzip level 9), i.e. what a CDN's static pre-compression gives.
//! The breakdown reads the wasm's `name` section with a few lines of LEB128
//! parsing (no parser crate needed for two sections) and demangles names with
//! `rustc-demangle`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

/// Raw and compressed sizes of one file, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sizes {
    /// As stored.
    pub raw: usize,
    /// gzip level 9.
    pub gzip: usize,
    /// brotli quality 11, window 22.
    pub brotli: usize,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, o: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + o.raw,
            gzip: self.gzip + o.gzip,
            brotli: self.brotli + o.brotli,
        }
    }
}

/// Measures `bytes` raw, gzipped and brotli-compressed.
///
/// # Errors
///
/// When a compressor fails (it writes to memory, so practically never).
pub fn measure(bytes: &[u8]) -> Result<Sizes> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let gzip = gz.finish()?.len();
    let mut br = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
    br.write_all(bytes)?;
    br.flush()?;
    let brotli = br.into_inner().len();
    Ok(Sizes {
        raw: bytes.len(),
        gzip,
        brotli,
    })
}

/// One bundle: the wasm, its JS glue and CSS, as found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// "reader" or "embed".
    pub name: String,
    /// The `.wasm` files.
    pub wasm: Vec<PathBuf>,
    /// The `.js` files.
    pub js: Vec<PathBuf>,
    /// The `.css` files.
    pub css: Vec<PathBuf>,
}

/// The files of a bundle directly inside `dir` (not recursing into `dir/embed`
/// for the reader) or anywhere under it (`recursive`, for the embed).
///
/// # Errors
///
/// When the directory cannot be read.
pub fn find_bundle(name: &str, dir: &Path, recursive: bool) -> Result<Bundle> {
    let mut files = Vec::new();
    collect(dir, recursive, &mut files)?;
    files.sort();
    let with = |ext: &str| -> Vec<PathBuf> {
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            // Not part of a first load: the service worker, the iframe mode
            // and the embed's demo partner page.
            .filter(|p| {
                !p.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy();
                    ["sw", "frame", "partner"].iter().any(|s| n.starts_with(s))
                })
            })
            .cloned()
            .collect()
    };
    Ok(Bundle {
        name: name.to_owned(),
        wasm: with("wasm"),
        js: with("js"),
        css: with("css"),
    })
}

fn collect(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            if recursive {
                collect(&path, true, out)?;
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Sizes of the files, summed.
///
/// # Errors
///
/// When a file cannot be read.
pub fn measure_files(files: &[PathBuf]) -> Result<Sizes> {
    let mut total = Sizes::default();
    for file in files {
        let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        total = total + measure(&bytes)?;
    }
    Ok(total)
}

/// Formats bytes as kilobytes (1 KB = 1000 bytes, as the targets are written)
/// with one decimal.
pub fn kb(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
    let k = bytes as f64 / 1000.0;
    format!("{k:.1} KB")
}

// ---------------------------------------------------------------------------
// The wasm breakdown
// ---------------------------------------------------------------------------

fn leb(bytes: &[u8], pos: &mut usize) -> Result<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let Some(&byte) = bytes.get(*pos) else {
            bail!("truncated LEB128 at byte {pos}");
        };
        *pos += 1;
        if shift >= 64 {
            bail!("LEB128 too long at byte {pos}");
        }
        value |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
}

fn leb_usize(bytes: &[u8], pos: &mut usize) -> Result<usize> {
    usize::try_from(leb(bytes, pos)?).context("LEB128 value too large")
}

fn name(bytes: &[u8], pos: &mut usize) -> Result<String> {
    let len = leb_usize(bytes, pos)?;
    let end = pos.checked_add(len).context("name length overflows")?;
    let text = bytes.get(*pos..end).context("truncated name")?;
    *pos = end;
    Ok(String::from_utf8_lossy(text).into_owned())
}

/// The size of each defined function's body and its name (if the `name`
/// section has one), and the size of the data section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WasmContents {
    /// (body bytes, name) per defined function.
    pub functions: Vec<(usize, Option<String>)>,
    /// Bytes of the data section (string literals, tables, statics).
    pub data: usize,
    /// Bytes of custom sections (names, producers), which are not needed to run.
    pub custom: usize,
    /// The whole file.
    pub total: usize,
}

/// Parses the sections of a wasm module that say what fills it.
///
/// # Errors
///
/// When the bytes are not a well-formed wasm module.
pub fn parse_wasm(bytes: &[u8]) -> Result<WasmContents> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        bail!("not a wasm module");
    }
    let mut out = WasmContents {
        total: bytes.len(),
        ..WasmContents::default()
    };
    let mut imported_functions = 0usize;
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    let mut pos = 8;
    while pos < bytes.len() {
        let id = bytes[pos];
        pos += 1;
        let size = leb_usize(bytes, &mut pos)?;
        let start = pos;
        let end = start.checked_add(size).context("section size overflows")?;
        let section = bytes.get(..end).context("truncated section")?;
        match id {
            0 => {
                out.custom += end - start;
                let mut p = start;
                if name(section, &mut p)? == "name" {
                    read_function_names(section, p, &mut names)?;
                }
            }
            2 => imported_functions = count_function_imports(section, start)?,
            10 => {
                let mut p = start;
                let count = leb_usize(section, &mut p)?;
                for _ in 0..count {
                    let body_start = p;
                    let len = leb_usize(section, &mut p)?;
                    p = p.checked_add(len).context("body overflows")?;
                    out.functions.push((p - body_start, None));
                }
            }
            11 => out.data = end - start,
            _ => {}
        }
        pos = end;
    }
    for (index, function) in out.functions.iter_mut().enumerate() {
        function.1 = names.remove(&(index + imported_functions));
    }
    Ok(out)
}

fn read_function_names(
    section: &[u8],
    mut p: usize,
    names: &mut BTreeMap<usize, String>,
) -> Result<()> {
    while p < section.len() {
        let sub = section[p];
        p += 1;
        let len = leb_usize(section, &mut p)?;
        let end = p + len;
        if sub == 1 {
            let mut q = p;
            let count = leb_usize(section, &mut q)?;
            for _ in 0..count {
                let index = leb_usize(section, &mut q)?;
                names.insert(index, name(section, &mut q)?);
            }
        }
        p = end;
    }
    Ok(())
}

fn count_function_imports(section: &[u8], start: usize) -> Result<usize> {
    let mut p = start;
    let count = leb_usize(section, &mut p)?;
    let mut functions = 0;
    for _ in 0..count {
        name(section, &mut p)?;
        name(section, &mut p)?;
        let kind = *section.get(p).context("truncated import")?;
        p += 1;
        match kind {
            0 => {
                leb(section, &mut p)?;
                functions += 1;
            }
            1 | 2 => {
                if kind == 1 {
                    p += 1; // reference type
                }
                let flags = leb(section, &mut p)?;
                leb(section, &mut p)?;
                if flags & 1 == 1 {
                    leb(section, &mut p)?;
                }
            }
            3 => p += 2,
            4 => {
                p += 1;
                leb(section, &mut p)?;
            }
            other => bail!("unknown import kind {other}"),
        }
    }
    Ok(functions)
}

/// The crate a (mangled) function name belongs to: the first path segment of
/// the demangled name, or of the `Self` type for `<T as Trait>::f`. Names that
/// are not Rust (wasm-bindgen shims, `memcpy`) are grouped under a label.
pub fn crate_of(symbol: &str) -> String {
    let demangled = format!("{:#}", rustc_demangle::demangle(symbol));
    let mut rest = demangled.as_str();
    loop {
        let trimmed = rest
            .trim_start_matches('<')
            .trim_start_matches('&')
            .trim_start_matches("mut ")
            .trim_start_matches("dyn ")
            .trim_start_matches(['[', '(', '*'])
            .trim_start_matches("const ");
        if trimmed.len() == rest.len() {
            break;
        }
        rest = trimmed;
    }
    // wasm-bindgen already demangles, and v0 names carry a `[hash]` after the crate.
    let segment = rest.find("::").map(|i| {
        let segment = &rest[..i];
        segment.find('[').map_or(segment, |b| &segment[..b])
    });
    match segment {
        Some(segment)
            if !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            segment.to_owned()
        }
        _ if symbol.starts_with("__wbg") || symbol.starts_with("__wbindgen") => {
            "(wasm-bindgen shims)".to_owned()
        }
        _ => "(other)".to_owned(),
    }
}

/// Code bytes per crate, largest first.
pub fn by_crate(contents: &WasmContents) -> Vec<(String, usize)> {
    let mut sums: BTreeMap<String, usize> = BTreeMap::new();
    for (size, symbol) in &contents.functions {
        let krate = symbol
            .as_deref()
            .map_or_else(|| "(unnamed)".to_owned(), crate_of);
        *sums.entry(krate).or_default() += size;
    }
    let mut list: Vec<(String, usize)> = sums.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The largest functions, demangled without hashes.
pub fn largest_functions(contents: &WasmContents, n: usize) -> Vec<(usize, String)> {
    let mut list: Vec<(usize, String)> = contents
        .functions
        .iter()
        .map(|(size, symbol)| {
            (
                *size,
                symbol.as_deref().map_or_else(
                    || "(unnamed)".to_owned(),
                    |s| format!("{:#}", rustc_demangle::demangle(s)),
                ),
            )
        })
        .collect();
    list.sort_by_key(|f| std::cmp::Reverse(f.0));
    list.truncate(n);
    list
}

/// A markdown table of the crate breakdown: crate, bytes, share of code.
pub fn breakdown_table(contents: &WasmContents, top: usize) -> String {
    let code: usize = contents.functions.iter().map(|f| f.0).sum();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "code {} in {} functions, data {}, custom sections {} (of {} total)\n",
        kb(code),
        contents.functions.len(),
        kb(contents.data),
        kb(contents.custom),
        kb(contents.total)
    );
    out.push_str("| crate | code | share of code |\n|---|---:|---:|\n");
    let crates = by_crate(contents);
    let (shown, rest) = crates.split_at(top.min(crates.len()));
    for (krate, bytes) in shown {
        let _ = writeln!(
            out,
            "| {krate} | {} | {} |",
            kb(*bytes),
            percent(*bytes, code)
        );
    }
    if !rest.is_empty() {
        let bytes: usize = rest.iter().map(|r| r.1).sum();
        let _ = writeln!(
            out,
            "| ({} more crates) | {} | {} |",
            rest.len(),
            kb(bytes),
            percent(bytes, code)
        );
    }
    out
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    #[allow(clippy::cast_precision_loss)]
    let p = part as f64 * 100.0 / whole as f64;
    format!("{p:.1}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one imported function, two defined ones (bodies of 3
    /// and 4 bytes), a data section and a name section naming both.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // import section: 1 import "m"."f" func type 0
        m.extend_from_slice(&[2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        // code section: 2 bodies
        m.extend_from_slice(&[10, 8, 2, 2, 0, 0x0b, 3, 0, 0x01, 0x0b]);
        // data section of 5 bytes
        m.extend_from_slice(&[11, 5, 0, 0, 0, 0, 0]);
        let sym1 =
            b"_ZN3yew10dom_bundle12subtree_root11SubtreeData12add_listener17h6a60b868fbb1428bE";
        let sym2 = b"__wbg_log";
        let mut names = vec![1u8]; // function-names subsection
        let mut sub = vec![2u8, 1, u8::try_from(sym1.len()).unwrap()];
        sub.extend_from_slice(sym1);
        sub.extend_from_slice(&[2, u8::try_from(sym2.len()).unwrap()]);
        sub.extend_from_slice(sym2);
        names.push(u8::try_from(sub.len()).unwrap());
        names.extend_from_slice(&sub);
        let mut custom = vec![4u8];
        custom.extend_from_slice(b"name");
        custom.extend_from_slice(&names);
        m.push(0);
        m.push(u8::try_from(custom.len()).unwrap());
        m.extend_from_slice(&custom);
        m
    }

    #[test]
    fn parses_code_names_and_data() {
        let parsed = parse_wasm(&module()).unwrap();
        assert_eq!(parsed.functions.len(), 2);
        assert_eq!(parsed.functions[0].0, 3);
        assert_eq!(parsed.functions[1].0, 4);
        assert_eq!(parsed.data, 5);
        assert_eq!(
            by_crate(&parsed),
            vec![
                ("(wasm-bindgen shims)".to_owned(), 4),
                ("yew".to_owned(), 3)
            ]
        );
        assert_eq!(
            largest_functions(&parsed, 1),
            vec![(4, "__wbg_log".to_owned())]
        );
        assert!(parse_wasm(b"\0asm\x01\0\0\0\x0a\x05\x01").is_err());
        assert!(parse_wasm(b"GIF89a").is_err());
    }

    #[test]
    fn crates_of_symbols() {
        assert_eq!(
            crate_of(
                "_ZN3yew10dom_bundle12subtree_root11SubtreeData12add_listener17h6a60b868fbb1428bE"
            ),
            "yew"
        );
        assert_eq!(
            crate_of("_ZN107_$LT$article_widget..components..article_page..ArticlePage$u20$as$u20$yew..functional..FunctionProvider$GT$3run17h6b64d3ece9fb9831E"),
            "article_widget"
        );
        assert_eq!(
            crate_of(
                "_RINvNtNtCsgXGp5Oqx2Ny_4core3fmt5float32float_to_decimal_common_shortestfEB6_"
            ),
            "core"
        );
        assert_eq!(
            crate_of("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc[e24a27700634d609]::sys::System>>::malloc"),
            "dlmalloc"
        );
        assert_eq!(crate_of("memcpy"), "(other)");
    }

    #[test]
    fn compresses_and_formats() {
        let text = "Thứ Sáu, 25/11/2022 ".repeat(100);
        let sizes = measure(text.as_bytes()).unwrap();
        assert_eq!(sizes.raw, text.len());
        assert!(
            sizes.brotli < sizes.gzip && sizes.gzip < sizes.raw / 10,
            "{sizes:?}"
        );
        assert_eq!(kb(55_000), "55.0 KB");
        assert_eq!(kb(1_234), "1.2 KB");
    }
}
