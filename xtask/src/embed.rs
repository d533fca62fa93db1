//! The embed build: after Trunk has built the reader into `dist/`, build the
//! embed engine (`engine/`, no Yew) for wasm32 twice — the base engine, and
//! the rich engine with the `rich` feature (lists, tables, videos,
//! galleries…), which the loader fetches only for articles that need it —
//! bind each for `--target web` next to copies of `embed/`'s scripts, shrink
//! the wasm with `wasm-opt`, bundle the loader `embed/embed.js` with the base
//! engine's glue and the modules it imports into one script with esbuild,
//! minify it and the rich engine's glue (a module the loader imports when it
//! needs it) with terser, write the widget stylesheet and copy the other
//! files of `embed/` — all into `dist/embed/v1/` under fixed names (partners
//! copy those URLs; a breaking change gets a new version directory). Prints
//! the payload sizes.

use std::collections::BTreeSet;
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

/// The loader, the one script a partner page loads; what it imports is bundled into it.
const LOADER: &str = "embed.js";

/// The wasm-bindgen glue's name (`article_widget.js`, `article_widget_bg.wasm`),
/// which the loader imports and partners' preload lines name.
const OUT_NAME: &str = "article_widget";

/// The rich engine's glue and wasm (`article_widget_rich.js`,
/// `article_widget_rich_bg.wasm`), which the loader names in `embed/embed.js`.
pub const RICH_OUT_NAME: &str = "article_widget_rich";

/// The rich engine's module in `embed/`, bundled with its glue into
/// `article_widget_rich.js`.
const RICH_ENTRY: &str = "rich-engine.js";

/// The two builds of the engine: cargo features and wasm-bindgen name. The
/// base engine is built last, so that cargo's own output (which `cargo xtask
/// size` breaks down by crate) is the one every page loads.
const ENGINES: [(&str, &str); 2] = [("bare,rich", RICH_OUT_NAME), ("bare", OUT_NAME)];

/// The modules the loader imports only on first use (`import('./…')`),
/// each split off the bundle by esbuild into a script of its own next to
/// it: Print's code, fetched on the first Print.
pub const ON_FIRST_USE: [&str; 1] = ["print.js"];

/// The files of the embed that the reader needs to show any article:
/// the loader, the stylesheet, both engines (glue and wasm) and the
/// loader's modules of first use. The service worker precaches them.
pub const READER_FILES: [&str; 6] = [
    "article_widget_bg.wasm",
    "article_widget_rich.js",
    "article_widget_rich_bg.wasm",
    "embed.js",
    "print.js",
    "widget.css",
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
    let stage = target_dir(env).join("embed-bundle");
    for dir in [&out, &stage] {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    // The glue goes next to copies of the loader's modules, where its
    // `import ... from './article_widget.js'` finds it.
    let sources = env.root().join("embed");
    copy_files(&sources, &stage, |_, ext| ext == "js")?;
    // The values the loader shares with Rust (`src/embed/shared.rs`), which
    // `embed.js` imports from `./shared.js`: written here, bundled below.
    let shared = stage.join("shared.js");
    fs::write(&shared, article_widget::embed::shared::js_module())
        .map_err(|e| format!("cannot write {}: {e}", shared.display()))?;
    for (features, out_name) in ENGINES {
        build_engine(env, features, out_name, &stage, &out)?;
    }

    let mut bundled = bundle(env, &stage, &out)?;
    // The rich engine's module (its glue and the video player's code) stays
    // a script of its own, imported by the loader only for an article that
    // needs it.
    let rich = stage.join("rich-bundle.js");
    let mut esbuild = env.command(&tools::esbuild_bin(env).to_string_lossy());
    esbuild
        .arg(stage.join(RICH_ENTRY))
        .args([
            "--bundle",
            "--format=esm",
            "--charset=utf8",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", rich.display()));
    run(&mut esbuild)?;
    minify(env, &rich, &out.join(format!("{RICH_OUT_NAME}.js")))?;
    bundled.insert(RICH_ENTRY.to_owned());
    // Everything else a partner may load: pages, styles, the iframe mode's scripts.
    copy_files(&sources, &out, |name, ext| {
        !bundled.contains(name) && matches!(ext, "js" | "html" | "css")
    })?;
    let css = out.join("widget.css");
    fs::write(&css, article_widget::embed::css::stylesheet())
        .map_err(|e| format!("cannot write {}: {e}", css.display()))?;
    println!("xtask: embed built into {}", out.display());
    for name in READER_FILES {
        let size = fs::metadata(out.join(name)).map_or(0, |m| m.len());
        println!("xtask:   {name}: {size} bytes");
    }
    Ok(())
}

/// Builds the engine with cargo `features` for wasm32, binds it for the
/// web as `out_name` into `stage` and shrinks its wasm into `out`.
fn build_engine(
    env: &Env,
    features: &str,
    out_name: &str,
    stage: &Path,
    out: &Path,
) -> Result<(), String> {
    let mut cargo = env.command("cargo");
    cargo.args([
        "build",
        "-p",
        "article-widget-engine",
        "--lib",
        "--release",
        // `bare`: no `std`, a trapping panic handler and a small allocator.
        "--features",
        features,
        "--target",
        tools::WASM_TARGET,
    ]);
    run(&mut cargo)?;

    let wasm = target_dir(env)
        .join(tools::WASM_TARGET)
        .join("release")
        .join("article_widget_engine.wasm");
    let mut bindgen = env.command("wasm-bindgen");
    // `--omit-default-module-path`: no fallback URL of the wasm in the glue;
    // the loader and `rich-engine.js` always pass the fetch of their wasm.
    bindgen
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--omit-default-module-path",
        ])
        .args(["--out-name", out_name])
        .arg("--out-dir")
        .arg(stage)
        .arg(&wasm);
    run(&mut bindgen)?;

    let bound = format!("{out_name}_bg.wasm");
    let mut opt = env.command("wasm-opt");
    // `--flatten --rereloop` first: the code flattened and its control flow
    // rebuilt from scratch, then shrunk twice, is about 350 bytes brotli
    // smaller than `-Oz` alone (the same markup, and the same speed within
    // the noise, for the demo and the large corpus articles).
    // `--low-memory-unused`: Rust never uses the first 1 KB of memory, so
    // addresses fold into shorter offsets. The `producers` and
    // `target_features` sections are metadata no browser reads. Together
    // about 300 bytes brotli of each engine.
    opt.args([
        "--flatten",
        "--rereloop",
        "-Oz",
        "-Oz",
        "--converge",
        "--low-memory-unused",
        "--strip-producers",
        "--strip-target-features",
    ])
    .args(WASM_OPT_FEATURES)
    .arg(stage.join(&bound))
    .arg("-o")
    .arg(out.join(&bound));
    run(&mut opt)
}

/// Minifies the ES module `from` into `to` with terser (module scope,
/// compress and mangle; comments go too).
fn minify(env: &Env, from: &Path, to: &Path) -> Result<(), String> {
    let mut terser = env.command("node");
    terser
        .arg(tools::terser_js(env))
        .arg(from)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(to);
    run(&mut terser)
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

/// Bundles `stage/embed.js` and everything it imports (the glue, the
/// loader's modules) into one minified ES module, `out/embed.js`: a partner
/// page then waits for one script, not a chain of imports, before the wasm
/// and article requests can start. What it imports dynamically
/// ([`ON_FIRST_USE`]) is split off into minified scripts of their own beside
/// it. Returns the file names esbuild read.
///
/// esbuild bundles and terser minifies: terser's output is smaller after
/// brotli (5.9 against 6.1 KB for esbuild's own `--minify`), and the loader
/// counts against the embed's 55 KB budget.
fn bundle(env: &Env, stage: &Path, out: &Path) -> Result<BTreeSet<String>, String> {
    let (split, metafile) = (stage.join("split"), stage.join("meta.json"));
    let mut esbuild = env.command(&tools::esbuild_bin(env).to_string_lossy());
    esbuild
        .arg(stage.join(LOADER))
        // The modules of first use as entry points too: each is then a
        // script of its own under its own name, which the loader's
        // `import('./print.js')` finds beside it.
        .args(ON_FIRST_USE.iter().map(|name| stage.join(name)))
        .args([
            "--bundle",
            "--format=esm",
            "--splitting",
            "--entry-names=[name]",
            "--chunk-names=chunk-[hash]",
            // The loader's Vietnamese fallback message stays as it is, not
            // escaped (module scripts are always UTF-8).
            "--charset=utf8",
            "--log-level=warning",
        ])
        .arg(format!("--outdir={}", split.display()))
        .arg(format!("--metafile={}", metafile.display()));
    run(&mut esbuild)?;
    // Exactly the loader and its modules of first use: a chunk of code
    // shared between them would be one more request before the first paint
    // and one more file to precache.
    let mut written: Vec<String> = fs::read_dir(&split)
        .map_err(|e| format!("cannot read {}: {e}", split.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = ON_FIRST_USE.iter().map(|&n| n.to_owned()).collect();
    expected.push(LOADER.to_owned());
    expected.sort();
    if written != expected {
        return Err(format!(
            "esbuild split {LOADER} into {written:?}, not {expected:?}: does a module of \
             first use share code with the loader, or is a dynamic import missing from \
             ON_FIRST_USE?"
        ));
    }
    for name in &written {
        minify(env, &split.join(name), &out.join(name))?;
    }
    let meta = fs::read_to_string(&metafile)
        .map_err(|e| format!("cannot read {}: {e}", metafile.display()))?;
    let inputs = bundled_inputs(&meta)?;
    let glue = format!("{OUT_NAME}.js");
    if !inputs.contains(&glue) {
        return Err(format!(
            "esbuild did not bundle the glue {glue} into {LOADER}; does embed/{LOADER} import it?"
        ));
    }
    Ok(inputs)
}

/// The file names of the inputs listed in an esbuild metafile.
fn bundled_inputs(metafile: &str) -> Result<BTreeSet<String>, String> {
    let meta: serde_json::Value =
        serde_json::from_str(metafile).map_err(|e| format!("esbuild's metafile: {e}"))?;
    let inputs = meta
        .get("inputs")
        .and_then(serde_json::Value::as_object)
        .ok_or("esbuild's metafile lists no inputs")?;
    Ok(inputs
        .keys()
        .filter_map(|path| Path::new(path).file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect())
}

/// Copies the files of `from` that `wanted` accepts (given the file name and
/// its extension) into `to`.
fn copy_files(from: &Path, to: &Path, wanted: impl Fn(&str, &str) -> bool) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", from.display()))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str());
        let ext = path.extension().and_then(|e| e.to_str());
        let (Some(name), Some(ext)) = (name, ext) else {
            continue;
        };
        if path.is_file() && wanted(name, ext) {
            fs::copy(&path, to.join(name))
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Lints both engines as they ship (`--features bare`: no `std`, its own panic
/// handler and allocator; and `bare,rich`, the engine for rich articles), which the workspace's wasm32 clippy run cannot
/// cover: there the reader's crates bring `std` in.
///
/// # Errors
///
/// When clippy reports anything.
pub fn clippy_bare(env: &Env) -> Result<(), String> {
    // Both shipped engines: the base one and the one with the rich blocks.
    for features in ["bare", "bare,rich"] {
        let mut cargo = env.command("cargo");
        cargo.args([
            "clippy",
            "-p",
            "article-widget-engine",
            "--lib",
            "--features",
            features,
            "--target",
            tools::WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ]);
        run(&mut cargo)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::bundled_inputs;

    #[test]
    fn the_metafile_names_the_bundled_files() {
        let meta = r#"{"inputs":{"target/embed-bundle/rules.js":{"bytes":1},
            "target/embed-bundle/article_widget.js":{"bytes":2},
            "target/embed-bundle/embed.js":{"bytes":3}},"outputs":{}}"#;
        let names: Vec<String> = bundled_inputs(meta)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .collect();
        assert_eq!(names, ["article_widget.js", "embed.js", "rules.js"]);
        assert!(bundled_inputs("{}").is_err());
        assert!(bundled_inputs("not json").is_err());
    }

    /// Runs the ES module `script` in node with the path of a copy of
    /// `embed/rules.js` as its argument and `input` on its standard input;
    /// its output. The copy sits next to the `shared.js` the build writes
    /// (`js_module`), which it imports, in a directory of its own named for
    /// `test`; `script` sees both modules as `rules` and `shared`.
    fn node_with_rules(test: &str, script: &str, input: &str) -> String {
        use std::io::Write as _;
        let embed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../embed");
        let dir = std::env::temp_dir().join(format!("aw-rules-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        std::fs::copy(embed.join("rules.js"), dir.join("rules.js"))
            .unwrap_or_else(|e| panic!("copying rules.js: {e}"));
        std::fs::write(
            dir.join("shared.js"),
            article_widget::embed::shared::js_module(),
        )
        .unwrap_or_else(|e| panic!("writing shared.js: {e}"));
        let rules = dir.join("rules.js");
        let script = format!(
            "import {{ pathToFileURL }} from 'node:url';\n\
             const rules = await import(pathToFileURL(process.argv[1]));\n\
             const shared = await import(new URL('./shared.js', pathToFileURL(process.argv[1])));\n\
             {script}"
        );
        let mut child = std::process::Command::new("node")
            .args(["--input-type=module", "-e", &script])
            .arg(rules)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("node is needed (the build uses it for esbuild): {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .unwrap_or_else(|e| panic!("writing to node: {e}"));
        }
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("node: {e}"));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// The loader applies two rules of the engine because it needs them
    /// before the wasm is ready: its JSON content-type check and its size
    /// limit. Node runs `embed/rules.js` (with the generated `shared.js`)
    /// against the engine's answers.
    #[test]
    fn the_loader_s_rules_match_the_engine_s() {
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
            "console.log(JSON.stringify([shared.MAX_BYTES, [{}].map(rules.isJsonType)]));",
            js_cases.join(", ")
        );
        let expected: Vec<String> = cases
            .iter()
            .map(|c| article_widget::load::is_json_content_type(*c).to_string())
            .collect();
        assert_eq!(
            node_with_rules("types", &script, ""),
            format!(
                "[{},[{}]]",
                article_widget::validate::limits::MAX_BYTES,
                expected.join(",")
            )
        );
    }

    /// Whether the rich engine shows something in `article` that the base
    /// engine leaves out: a block of a rich type, a link or emphasis in a
    /// paragraph, a responsive photo.
    fn uses_rich(article: &article_widget::model::Article) -> bool {
        use article_widget::model::Block;
        article.body.iter().any(|block| match block {
            Block::Paragraph { text } => {
                text.0.iter().any(|r| r.href.is_some() || r.em || r.strong)
            }
            Block::Figure(f) => !f.srcset.is_empty(),
            Block::Heading { .. } | Block::Quote { .. } => false,
            _ => true,
        })
    }

    /// The loader fetches the rich engine when `needsRich` (embed/rich.js,
    /// over the lists of `src/embed/shared.rs`) says so. It must say yes for
    /// every article with something only the rich engine shows (or the
    /// base engine would drop it), and, for the demo articles, no for the
    /// others (or plain articles would pay for the rich engine).
    #[test]
    fn the_loader_asks_for_the_rich_engine_exactly_when_an_article_needs_it() {
        use article_widget::embed::page::Page;
        use article_widget::WidgetConfig;

        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let stage = std::env::temp_dir().join(format!("aw-rich-rule-{}", std::process::id()));
        std::fs::create_dir_all(&stage).unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(root.join("embed/rich.js"), stage.join("rich.js"))
            .unwrap_or_else(|e| panic!("embed/rich.js: {e}"));
        std::fs::write(
            stage.join("shared.js"),
            article_widget::embed::shared::js_module(),
        )
        .unwrap_or_else(|e| panic!("{e}"));

        let mut docs = first_photo_documents();
        let demo = std::fs::read_to_string(
            root.join("demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json"),
        )
        .unwrap_or_else(|e| panic!("demo article: {e}"));
        let mut article: serde_json::Value =
            serde_json::from_str(&demo).unwrap_or_else(|e| panic!("demo article: {e}"));
        for (name, block) in [
            ("a separator", r#"{"type":"separator"}"#),
            (
                "a spaced list",
                "{ \"type\" :\n \"list\", \"items\": [\"a\"] }",
            ),
            (
                "a link",
                r#"{"type":"paragraph","text":["a ",{"text":"b","href":"https://x.example/"}]}"#,
            ),
            (
                "a srcset",
                r#"{"type":"figure","src":"a.jpg","width":8,"height":5,"alt":"a","srcset":[{"src":"b.jpg","width":4}]}"#,
            ),
            (
                "the words of a key in text",
                r#"{"type":"paragraph","text":"\"type\": \"table\", \"text\": ["}"#,
            ),
        ] {
            let block: serde_json::Value =
                serde_json::from_str(block).unwrap_or_else(|e| panic!("{name}: {e}"));
            article["body"] = serde_json::Value::Array(vec![block]);
            docs.push((name.to_owned(), article.to_string(), false));
        }
        let script = "import { pathToFileURL } from 'node:url';\n\
             import { readFileSync } from 'node:fs';\n\
             const { needsRich } = await import(pathToFileURL(process.argv[1]));\n\
             const docs = JSON.parse(readFileSync(0, 'utf8'));\n\
             console.log(JSON.stringify(docs.map((d) => needsRich(new TextEncoder().encode(d)))));";
        let mut child = std::process::Command::new("node")
            .args(["--input-type=module", "-e", script])
            .arg(stage.join("rich.js"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("node is needed (the build uses it for esbuild): {e}"));
        let input = serde_json::to_string(&docs.iter().map(|d| &d.1).collect::<Vec<_>>())
            .unwrap_or_default();
        if let Some(mut stdin) = child.stdin.take() {
            std::io::Write::write_all(&mut stdin, input.as_bytes())
                .unwrap_or_else(|e| panic!("writing to node: {e}"));
        }
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("node: {e}"));
        let _ = std::fs::remove_dir_all(&stage);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let says: Vec<bool> =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("node's answer: {e}"));
        assert_eq!(says.len(), docs.len());
        let mut rich = 0;
        for ((name, text, _), loader_says) in docs.iter().zip(says) {
            let page = Page::from_bytes(
                text.as_bytes(),
                Some("https://news.example/articles/a.json"),
                WidgetConfig::default(),
                "t",
            );
            let Some(parsed) = page.parsed() else {
                continue;
            };
            let needed = uses_rich(&parsed.article);
            if needed {
                rich += 1;
                assert!(
                    loader_says,
                    "the loader would show {name} without its rich blocks"
                );
            } else if name.contains("demo/articles") || name.starts_with("the words") {
                assert!(
                    !loader_says,
                    "the loader would fetch the rich engine for {name}"
                );
            }
        }
        assert!(rich >= 6, "only {rich} articles with rich content");
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

        let base = "https://news.example/articles/a.json";
        let docs = first_photo_documents();
        let script = format!(
            "import {{ readFileSync }} from 'node:fs';\n\
             const docs = JSON.parse(readFileSync(0, 'utf8'));\n\
             console.log(JSON.stringify([shared.EAGER_FIGURE_BLOCKS, \
             docs.map((d) => rules.firstPhoto(new TextEncoder().encode(d), {base:?}))]));",
        );
        let input = serde_json::to_string(&docs.iter().map(|d| &d.1).collect::<Vec<_>>())
            .unwrap_or_default();
        let (blocks, found): (usize, Vec<Option<String>>) =
            serde_json::from_str(&node_with_rules("photo", &script, &input))
                .unwrap_or_else(|e| panic!("node's answer: {e}"));
        assert_eq!(blocks, markup::EAGER_FIGURE_BLOCKS);
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
}
