//! The embed build: after Trunk has built the reader into `dist/`, build the
//! embed engine (`engine/`, no Yew) for wasm32, bind it for `--target web`,
//! shrink it with `wasm-opt`, bundle its glue into the hand-written loader
//! `embed/embed.js`, write the widget stylesheet and copy the other files
//! from `embed/` — all into `dist/embed/v1/` under fixed names (partners copy
//! those URLs; a breaking change gets a new version directory). Prints the
//! payload sizes.

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
        "article-widget-engine",
        "--lib",
        "--release",
        // No `std`: a trapping panic handler and a small allocator.
        "--features",
        "bare",
        "--target",
        tools::WASM_TARGET,
    ]);
    run(&mut cargo)?;

    let wasm = target_dir(env)
        .join(tools::WASM_TARGET)
        .join("release")
        .join("article_widget_engine.wasm");
    // Published under the names partners already use (`article_widget_bg.wasm`).
    let mut bindgen = env.command("wasm-bindgen");
    bindgen
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "article_widget",
            "--out-dir",
        ])
        .arg(&out)
        .arg(&wasm);
    run(&mut bindgen)?;

    let bound = out.join("article_widget_bg.wasm");
    let mut opt = env.command("wasm-opt");
    opt.args(["-Oz", "--converge"])
        .args(WASM_OPT_FEATURES)
        .arg(&bound)
        .arg("-o")
        .arg(&bound);
    run(&mut opt)?;

    copy_loader_files(&env.root().join("embed"), &out)?;
    bundle_glue(&out)?;
    minify(env, &out.join("embed.js"))?;
    let css = out.join("widget.css");
    fs::write(&css, article_widget::embed::css::stylesheet())
        .map_err(|e| format!("cannot write {}: {e}", css.display()))?;
    println!("xtask: embed built into {}", out.display());
    for name in ["article_widget_bg.wasm", "embed.js", "widget.css"] {
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

/// The wasm-bindgen glue wasm-bindgen writes next to the wasm.
const GLUE: &str = "article_widget.js";

/// The loader's import of the glue, which the bundle replaces.
const GLUE_IMPORT: &str = "import __wbg_init, { Widget } from './article_widget.js';";

/// Puts the wasm-bindgen glue inside `embed.js` and removes the separate
/// glue file: a partner page then waits for one script, not a script and
/// then (one round trip later) the glue, before the wasm and article
/// requests can start.
fn bundle_glue(out: &Path) -> Result<(), String> {
    let read = |path: &Path| {
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let glue_path = out.join(GLUE);
    let loader_path = out.join("embed.js");
    let bundled = bundle(&read(&glue_path)?, &read(&loader_path)?)?;
    fs::write(&loader_path, bundled)
        .map_err(|e| format!("cannot write {}: {e}", loader_path.display()))?;
    fs::remove_file(&glue_path).map_err(|e| format!("cannot remove {}: {e}", glue_path.display()))
}

/// `loader` with its one `import` of the glue replaced by the glue itself,
/// minus the glue's `export` keywords (the loader's exports are the
/// module's API). Refuses glue it does not understand and top-level names
/// that both define, rather than write a module that fails to load.
fn bundle(glue: &str, loader: &str) -> Result<String, String> {
    if loader.matches(GLUE_IMPORT).count() != 1 {
        return Err(format!("embed/embed.js must contain `{GLUE_IMPORT}` once"));
    }
    let mut inner = String::with_capacity(glue.len());
    for line in glue.lines() {
        if line.starts_with("export {") {
            // `export { initSync, __wbg_init as default };`
            continue;
        }
        let line = match line.strip_prefix("export ") {
            Some(rest) if rest.starts_with("function ") || rest.starts_with("class ") => rest,
            Some(_) => return Err(format!("glue: unexpected export form: {line}")),
            None => line,
        };
        if line.starts_with("import ") {
            return Err(format!("glue: unexpected import: {line}"));
        }
        inner.push_str(line);
        inner.push('\n');
    }
    let glue_names = top_level_names(&inner);
    if let Some(clash) = top_level_names(loader)
        .into_iter()
        .find(|n| glue_names.contains(n))
    {
        return Err(format!("embed/embed.js and the glue both define `{clash}`"));
    }
    Ok(loader.replacen(GLUE_IMPORT, &inner, 1))
}

/// Minifies `file` in place with terser (module scope, compress and mangle;
/// comments go too): the loader is parsed by every partner page, so it ships small.
fn minify(env: &Env, file: &Path) -> Result<(), String> {
    let tmp = file.with_extension("min.js");
    let mut terser = env.command("node");
    terser
        .arg(tools::terser_js(env))
        .arg(file)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(&tmp);
    run(&mut terser)?;
    fs::rename(&tmp, file).map_err(|e| format!("cannot move {} into place: {e}", tmp.display()))
}

/// Names declared at column 0 (`function f`, `class C`, `let x`, ...): the
/// module's top level in both files' formatting.
fn top_level_names(source: &str) -> Vec<&str> {
    const KEYWORDS: &[&str] = &[
        "async function ",
        "export async function ",
        "export function ",
        "export class ",
        "function ",
        "class ",
        "const ",
        "let ",
        "var ",
    ];
    source
        .lines()
        .filter_map(|line| {
            KEYWORDS
                .iter()
                .find_map(|k| line.strip_prefix(k))
                .map(|rest| {
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                        .unwrap_or(rest.len());
                    &rest[..end]
                })
        })
        .filter(|name| !name.is_empty())
        .collect()
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

/// Lints the engine as it ships (`--features bare`: no `std`, its own panic
/// handler and allocator), which the workspace's wasm32 clippy run cannot
/// cover: there the reader's crates bring `std` in.
///
/// # Errors
///
/// When clippy reports anything.
pub fn clippy_bare(env: &Env) -> Result<(), String> {
    let mut cargo = env.command("cargo");
    cargo.args([
        "clippy",
        "-p",
        "article-widget-engine",
        "--lib",
        "--features",
        "bare",
        "--target",
        tools::WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]);
    run(&mut cargo)
}

#[cfg(test)]
mod tests {
    use super::{bundle, top_level_names, GLUE_IMPORT};

    const GLUE: &str = "let wasm;\nexport class Widget {\n}\nexport function makeWidget(e) {\n  return wasm.m(e);\n}\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };\n";

    #[test]
    fn the_glue_replaces_its_import_without_exports() {
        let loader =
            format!("{GLUE_IMPORT}\nexport function mount() {{ return new Widget(1); }}\n");
        let out = bundle(GLUE, &loader).unwrap_or_else(|e| panic!("{e}"));
        assert!(!out.contains("import "), "{out}");
        assert!(out.contains("\nclass Widget {"), "{out}");
        assert!(out.contains("\nfunction makeWidget(e)"), "{out}");
        assert!(!out.contains("export {"), "{out}");
        assert!(out.contains("export function mount()"), "{out}");
        assert_eq!(out.matches("export ").count(), 1, "{out}");
    }

    /// `embed/embed.js`, the loader's source.
    fn loader_source() -> String {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../embed/embed.js"),
        )
        .unwrap_or_else(|e| panic!("embed/embed.js: {e}"))
    }

    /// The loader's top-level `function name(` … `}` (its closing brace
    /// alone on a line), to run in node.
    fn loader_function<'a>(loader: &'a str, name: &str) -> &'a str {
        let start = loader
            .find(&format!("function {name}("))
            .unwrap_or_else(|| panic!("no {name} in embed.js"));
        let end = start
            + loader[start..]
                .find("\n}\n")
                .unwrap_or_else(|| panic!("{name} has no closing brace"))
            + 2;
        &loader[start..end]
    }

    /// The loader's line `const NAME = …;`.
    fn loader_constant<'a>(loader: &'a str, name: &str) -> &'a str {
        loader
            .lines()
            .find(|l| l.starts_with(&format!("const {name} = ")))
            .unwrap_or_else(|| panic!("no {name} in embed.js"))
    }

    /// Runs `script` in node with `input` on its standard input; its output.
    fn node(script: &str, input: &str) -> String {
        use std::io::Write as _;
        let mut child = std::process::Command::new("node")
            .args(["-e", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("node is needed (the build uses it for terser): {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .unwrap_or_else(|e| panic!("writing to node: {e}"));
        }
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("node: {e}"));
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// The loader repeats two rules of the engine because it needs them
    /// before the wasm is ready: its JSON content-type check and its size
    /// limit. Node (which the build needs for terser anyway) runs the
    /// loader's own lines against the engine's answers.
    #[test]
    fn the_loader_s_rules_match_the_engine_s() {
        let loader = loader_source();
        let cases: [Option<&str>; 14] = [
            None,
            Some(""),
            Some("application/json"),
            Some("Application/JSON; charset=utf-8"),
            Some(" text/json "),
            Some("text/plain;charset=UTF-8"),
            Some("application/octet-stream"),
            Some("application/ld+json"),
            Some("application/problem+json; x=1"),
            Some("text/html"),
            Some("text/html; profile=json"),
            Some("application/jsonp"),
            Some("text/plain-ish"),
            Some("image/svg+json"),
        ];
        let js_cases: Vec<String> = cases
            .iter()
            .map(|c| c.map_or("null".to_owned(), |s| format!("{s:?}")))
            .collect();
        let script = format!(
            "{}\n{}\nconsole.log(JSON.stringify([MAX_BYTES, [{}].map(isJsonType)]));",
            loader_function(&loader, "isJsonType"),
            loader_constant(&loader, "MAX_BYTES"),
            js_cases.join(", ")
        );
        let expected: Vec<String> = cases
            .iter()
            .map(|c| article_widget::load::is_json_content_type(*c).to_string())
            .collect();
        assert_eq!(
            node(&script, ""),
            format!(
                "[{},[{}]]",
                article_widget::validate::limits::MAX_BYTES,
                expected.join(",")
            )
        );
    }

    /// Articles for the first-photo check: (name, JSON, whether the loader
    /// must find the photo). Every demo article and corpus document, and a
    /// few bodies made for the rule's edges.
    fn first_photo_documents() -> Vec<(String, String, bool)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut docs = Vec::new();
        for dir in ["demo/articles", "tests/corpus"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap_or_else(|e| panic!("{dir}: {e}"))
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let demo = dir == "demo/articles" && !path.ends_with("index.json");
                docs.push((path.display().to_string(), text, demo));
            }
        }
        let demo = std::fs::read_to_string(
            root.join("demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json"),
        )
        .unwrap_or_else(|e| panic!("demo article: {e}"));
        let mut article: serde_json::Value =
            serde_json::from_str(&demo).unwrap_or_else(|e| panic!("demo article: {e}"));
        let figure = |src: &str| serde_json::json!({"type": "figure", "src": src, "width": 8, "height": 5, "alt": "a"});
        let para = serde_json::json!({"type": "paragraph", "text": "p"});
        for (name, body) in [
            (
                "a figure below the first three blocks",
                vec![
                    para.clone(),
                    para.clone(),
                    para.clone(),
                    figure("../i/p.jpg"),
                ],
            ),
            ("a relative src", vec![figure("../i/p.jpg")]),
            (
                "a javascript: src",
                vec![figure("javascript:alert(1)"), para.clone()],
            ),
            ("no figure", vec![para.clone()]),
        ] {
            article["body"] = serde_json::Value::Array(body);
            docs.push((name.to_owned(), article.to_string(), false));
        }
        docs
    }

    /// The loader asks for an article's first photo before the engine is
    /// ready (`firstPhoto` in embed.js). Whatever it asks for must be the
    /// photo the engine's markup then loads eagerly, or the reader pays for
    /// an image nobody shows; for the demo articles it must find it.
    #[test]
    fn the_loader_s_first_photo_is_the_engine_s_eager_figure() {
        use article_widget::embed::page::Page;
        use article_widget::model::Block;
        use article_widget::{markup, WidgetConfig};

        let loader = loader_source();
        let blocks = loader_constant(&loader, "EAGER_FIGURE_BLOCKS");
        assert!(
            blocks.contains(&format!("= {};", markup::EAGER_FIGURE_BLOCKS)),
            "{blocks} is not markup::EAGER_FIGURE_BLOCKS = {}",
            markup::EAGER_FIGURE_BLOCKS
        );
        let base = "https://news.example/articles/a.json";
        let docs = first_photo_documents();
        let script = format!(
            "{blocks}\n{}\nconst docs = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n\
             console.log(JSON.stringify(docs.map((d) => firstPhoto(new TextEncoder().encode(d), {base:?}))));",
            loader_function(&loader, "firstPhoto"),
        );
        let input = serde_json::to_string(&docs.iter().map(|d| &d.1).collect::<Vec<_>>())
            .unwrap_or_default();
        let found: Vec<Option<String>> = serde_json::from_str(&node(&script, &input))
            .unwrap_or_else(|e| panic!("node's answer: {e}"));
        assert_eq!(found.len(), docs.len());

        let mut checked = 0;
        for ((name, text, must_find), loader_says) in docs.iter().zip(&found) {
            // Whatever the document, only an http(s) URL is ever requested.
            if let Some(url) = loader_says {
                assert!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "the loader would request {url} for {name}"
                );
            }
            let page = Page::from_bytes(text.as_bytes(), Some(base), WidgetConfig::default(), "t");
            let Some(parsed) = page.parsed() else {
                continue; // the widget shows an error; nothing to compare
            };
            let body = &parsed.article.body;
            let engine_says = (0..body.len())
                .find(|&i| markup::loads_eagerly(body, i))
                .and_then(|i| match &body[i] {
                    Block::Figure(f) => Some(f.src.clone()),
                    _ => None,
                });
            // The one accepted difference: the loader does not repeat the
            // engine's checks of a figure, so it may ask for a photo the
            // engine then drops as invalid (a fractional width, say). The
            // engine reports every such drop; a clean article must agree.
            let dropped = engine_says.is_none()
                && parsed
                    .warnings
                    .iter()
                    .any(|w| w.to_string().contains("body["));
            if (loader_says.is_some() && !dropped) || *must_find {
                assert_eq!(
                    loader_says, &engine_says,
                    "the loader's first photo is not the engine's eager one in {name}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 6, "only {checked} documents compared");
    }

    #[test]
    fn clashes_and_unknown_forms_are_refused() {
        let clash = format!("{GLUE_IMPORT}\nlet wasm = 1;\n");
        assert!(bundle(GLUE, &clash).is_err_and(|e| e.contains("`wasm`")));
        assert!(bundle("export default 1;\n", GLUE_IMPORT).is_err());
        assert!(bundle(GLUE, "no import here").is_err());
        assert_eq!(
            top_level_names("async function a() {}\n  let inner;\nconst B = 1;"),
            ["a", "B"]
        );
    }
}
