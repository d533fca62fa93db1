//! Making sure the build and test tools are installed, at the versions this project
//! needs, installing whatever is missing.
//!
//! Every check is cheap and every install is announced with what and why before it
//! starts, so a second run installs nothing and says one line. The ways to install
//! are the ones that work from package registries alone (crates.io, npm, Debian),
//! without downloads from projects' release pages.

use std::fs;
use std::path::Path;

use crate::process::{self, Env};

/// The target the widget compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The Trunk release known to build with this project's Rust (0.22 needs a newer one).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The binaryen release whose `wasm-opt` understands the wasm features Rust emits.
pub const BINARYEN_VERSION: &str = "132";
/// The axe-core release the end-to-end accessibility audit injects into the page.
pub const AXE_CORE_VERSION: &str = "4.10.3";
/// Where axe-core is installed, relative to the repository root.
pub const AXE_PREFIX: &str = ".tools/axe";
/// The terser release that minifies the embed's loader.
pub const TERSER_VERSION: &str = "5.51.4";
/// Where terser is installed, relative to the repository root.
pub const TERSER_PREFIX: &str = ".tools/terser";
/// The esbuild release that bundles the embed's loader with the wasm-bindgen glue.
pub const ESBUILD_VERSION: &str = "0.28.2";
/// Where esbuild is installed, relative to the repository root.
pub const ESBUILD_PREFIX: &str = ".tools/esbuild";
/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver, matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The Lighthouse release `cargo xtask bench --lighthouse` runs (the last
/// that runs on Node 20).
pub const LIGHTHOUSE_VERSION: &str = "12.2.3";
/// Where Lighthouse is installed, relative to the repository root.
pub const LIGHTHOUSE_PREFIX: &str = ".tools/lighthouse";
/// Debian's Firefox ESR, for the cross-engine tests.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// The geckodriver release (from crates.io) that drives [`FIREFOX`].
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// The optimisation level geckodriver is built at: none. It only relays a
/// few commands per test between the test and Firefox, so optimising it buys
/// nothing, and skipping that cuts its build's CPU time by about 60%
/// (331 → 123 s: about 2.5 → 1 minute on 2 cores).
pub const GECKODRIVER_OPT_LEVEL: &str = "0";
/// Debian's `WebDriver` server for WebKitGTK (package `webkit2gtk-driver`).
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// WebKitGTK's browser, which [`WEBKIT_DRIVER`] starts (package `libwebkit2gtk-4.1-0`).
pub const WEBKIT_BROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/// The virtual X server WebKitGTK draws on in the tests (package `xvfb`).
pub const XVFB: &str = "/usr/bin/Xvfb";

/// A tool some step needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    /// The `wasm32-unknown-unknown` standard library.
    WasmTarget,
    /// `wasm-bindgen` and `wasm-bindgen-test-runner`, matching Cargo.lock.
    WasmBindgen,
    /// Trunk, the bundler.
    Trunk,
    /// `wasm-opt` from binaryen, used by Trunk in release builds.
    WasmOpt,
    /// Chromium and chromedriver for browser and end-to-end tests.
    Browser,
    /// axe-core, injected into the page by the end-to-end accessibility audit.
    Axe,
    /// terser, which minifies the embed's loader in release builds.
    Terser,
    /// esbuild, which bundles the embed's loader in release builds.
    Esbuild,
    /// Firefox ESR and geckodriver, for the cross-engine tests.
    Firefox,
    /// WebKitGTK's `WebDriver` server and browser, and Xvfb, for the cross-engine tests.
    WebKit,
    /// Lighthouse, for `cargo xtask bench --lighthouse`.
    Lighthouse,
}

/// What a release build needs.
pub const BUILD_TOOLS: &[Tool] = &[
    Tool::WasmTarget,
    Tool::WasmBindgen,
    Tool::Trunk,
    Tool::WasmOpt,
    Tool::Terser,
    Tool::Esbuild,
];

/// Installs every tool in `tools` that is missing, in a fixed order, then prints one
/// line listing what is ready.
///
/// # Errors
///
/// When an install fails or cannot be done from here (Chromium without root).
pub fn ensure(env: &Env, tools: &[Tool]) -> Result<(), String> {
    let mut tools = tools.to_vec();
    tools.sort_unstable();
    tools.dedup();
    let mut ready = Vec::new();
    for tool in tools {
        ready.push(match tool {
            Tool::WasmTarget => ensure_wasm_target(env)?,
            Tool::WasmBindgen => ensure_wasm_bindgen(env)?,
            Tool::Trunk => ensure_trunk(env)?,
            Tool::WasmOpt => ensure_wasm_opt(env)?,
            Tool::Browser => ensure_browser(env)?,
            Tool::Axe => ensure_axe(env)?,
            Tool::Terser => ensure_terser(env)?,
            Tool::Esbuild => ensure_esbuild(env)?,
            Tool::Firefox => ensure_firefox(env)?,
            Tool::WebKit => ensure_webkit(env)?,
            Tool::Lighthouse => ensure_lighthouse(env)?,
        });
    }
    if !ready.is_empty() {
        println!("xtask: tools ready: {}", ready.join(", "));
    }
    Ok(())
}

/// Announces an install: what, why, and how long it may take.
fn announce(what: &str, why: &str) {
    println!("xtask: installing {what} ({why})");
}

fn ensure_wasm_target(env: &Env) -> Result<String, String> {
    let installed = |env: &Env| {
        process::probe(
            env.command("rustup")
                .args(["target", "list", "--installed"]),
        )
        .is_some_and(|list| list.lines().any(|line| line.trim() == WASM_TARGET))
    };
    if !installed(env) {
        announce(
            &format!("the {WASM_TARGET} target with `rustup target add {WASM_TARGET}`"),
            "the widget compiles to WebAssembly; `rustup target list --installed` does not list it",
        );
        process::run(env.command("rustup").args(["target", "add", WASM_TARGET]))?;
        if !installed(env) {
            return Err(format!(
                "`rustup target add {WASM_TARGET}` ran but the target is still missing"
            ));
        }
    }
    Ok(WASM_TARGET.to_owned())
}

/// The version word of `tool --version` output such as `wasm-bindgen 0.2.130`.
pub fn version_word(output: &str) -> Option<&str> {
    output.lines().next()?.split_whitespace().nth(1)
}

/// Whether `wasm-opt --version` output (`wasm-opt version 132 (version_132)`) is
/// binaryen `version`.
pub fn is_binaryen(output: &str, version: &str) -> bool {
    let mut words = output.split_whitespace();
    words.any(|word| word == "version") && words.next() == Some(version)
}

/// What `program --version` says, for messages.
fn reported_version(env: &Env, program: &str) -> (Option<String>, String) {
    let output = process::probe(env.command(program).arg("--version"));
    let said = output.as_deref().map_or_else(
        || "not found".to_owned(),
        |text| format!("found `{}`", text.lines().next().unwrap_or_default()),
    );
    (output, said)
}

fn ensure_wasm_bindgen(env: &Env) -> Result<String, String> {
    let wanted = pinned_wasm_bindgen(env)?;
    let (output, said) = reported_version(env, "wasm-bindgen");
    if output.as_deref().and_then(version_word) != Some(wanted.as_str()) {
        announce(
            &format!("wasm-bindgen-cli {wanted} with `cargo install wasm-bindgen-cli --version ={wanted}`"),
            &format!(
                "Trunk and the browser tests need the CLI to equal the wasm-bindgen {wanted} pinned in Cargo.toml; \
                 PATH has {said}; about 4 minutes on 2 cores, once"
            ),
        );
        // No --locked: the CLI's own lock file pins a webpki-roots release that the
        // registry no longer serves.
        process::run(
            env.command("cargo")
                .args(["install", "wasm-bindgen-cli", "--version"])
                .arg(format!("={wanted}")),
        )?;
        let (output, said) = reported_version(env, "wasm-bindgen");
        if output.as_deref().and_then(version_word) != Some(wanted.as_str()) {
            return Err(format!(
                "installed wasm-bindgen-cli {wanted}, but PATH still has {said}; is another wasm-bindgen earlier on PATH?"
            ));
        }
    }
    Ok(format!("wasm-bindgen {wanted}"))
}

/// The `wasm-bindgen` version the workspace's manifests pin with `=`, as
/// `cargo metadata` reads them (the lock file then holds exactly that one).
fn pinned_wasm_bindgen(env: &Env) -> Result<String, String> {
    let mut cargo = env.command("cargo");
    cargo.args(["metadata", "--no-deps", "--format-version", "1"]);
    let output = cargo
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", process::describe(&cargo)))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` failed: {}",
            process::describe(&cargo),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    pinned_version(&String::from_utf8_lossy(&output.stdout), "wasm-bindgen")
}

/// The one version to which `cargo metadata` output's packages pin the
/// dependency `name` (`name = "=X.Y.Z"`).
///
/// # Errors
///
/// When no package depends on `name`, when one does without an `=` pin, or
/// when they pin different versions: then no single CLI can serve the build.
pub fn pinned_version(metadata: &str, name: &str) -> Result<String, String> {
    let metadata: serde_json::Value =
        serde_json::from_str(metadata).map_err(|e| format!("`cargo metadata` output: {e}"))?;
    let requirements: std::collections::BTreeSet<&str> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|package| package["dependencies"].as_array().into_iter().flatten())
        .filter(|dependency| dependency["name"] == name)
        .filter_map(|dependency| dependency["req"].as_str())
        .collect();
    let pins: Vec<&str> = requirements
        .iter()
        .filter_map(|req| req.strip_prefix('='))
        .map(str::trim)
        .collect();
    match (pins.as_slice(), requirements.len()) {
        ([version], 1) => Ok((*version).to_owned()),
        (_, 0) => Err(format!("no workspace package depends on `{name}`")),
        _ => Err(format!(
            "the workspace asks for `{name}` as {}; pin one version everywhere with \
             `{name} = \"=X.Y.Z\"` (its CLI must match it to the letter)",
            requirements.iter().copied().collect::<Vec<_>>().join(", ")
        )),
    }
}

fn ensure_trunk(env: &Env) -> Result<String, String> {
    let (output, said) = reported_version(env, "trunk");
    if output.as_deref().and_then(version_word) != Some(TRUNK_VERSION) {
        announce(
            &format!("trunk {TRUNK_VERSION} with `cargo install trunk --locked --version {TRUNK_VERSION}`"),
            &format!(
                "Trunk builds the release bundle in dist/ and newer releases need a newer Rust; \
                 PATH has {said}; about 11 minutes on 2 cores, once"
            ),
        );
        process::run(env.command("cargo").args([
            "install",
            "trunk",
            "--locked",
            "--version",
            TRUNK_VERSION,
        ]))?;
        let (output, said) = reported_version(env, "trunk");
        if output.as_deref().and_then(version_word) != Some(TRUNK_VERSION) {
            return Err(format!(
                "installed trunk {TRUNK_VERSION}, but PATH still has {said}"
            ));
        }
    }
    Ok(format!("trunk {TRUNK_VERSION}"))
}

fn ensure_wasm_opt(env: &Env) -> Result<String, String> {
    let prefix = Path::new(".tools/binaryen");
    let binary = env.root().join(prefix).join("node_modules/.bin/wasm-opt");
    let works = |env: &Env| {
        process::probe(env.command(&binary.to_string_lossy()).arg("--version"))
            .is_some_and(|output| is_binaryen(&output, BINARYEN_VERSION))
    };
    if !works(env) {
        announce(
            &format!("binaryen {BINARYEN_VERSION} (wasm-opt) with `npm install --prefix .tools/binaryen binaryen@{BINARYEN_VERSION}`"),
            &format!(
                "release builds run wasm-opt, and Debian's binaryen is too old for the wasm features Rust emits; \
                 {} does not report version {BINARYEN_VERSION}",
                binary.display()
            ),
        );
        let mut npm = env.command("npm");
        npm.args(["install", "--prefix"])
            .arg(prefix)
            .args(["--no-audit", "--no-fund"])
            .arg(format!("binaryen@{BINARYEN_VERSION}"));
        process::run(&mut npm).map_err(|e| {
            format!("{e}; wasm-opt comes from npm, so Node.js and npm must be installed")
        })?;
        if !works(env) {
            return Err(format!(
                "installed binaryen {BINARYEN_VERSION}, but {} does not work",
                binary.display()
            ));
        }
    }
    Ok(format!("wasm-opt {BINARYEN_VERSION}"))
}

fn ensure_browser(env: &Env) -> Result<String, String> {
    let present = || Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file();
    if !present() {
        let is_root = process::probe(env.command("id").arg("-u")).as_deref() == Some("0");
        if !is_root {
            return Err(format!(
                "browser and end-to-end tests need {CHROMIUM} and {CHROMEDRIVER}; install them with:\n    \
                 sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
            ));
        }
        announce(
            "Chromium and chromedriver with `apt-get update && apt-get install -y chromium chromium-driver`",
            &format!("browser and end-to-end tests drive {CHROMIUM} through {CHROMEDRIVER}, which are missing; about a minute"),
        );
        process::run(
            env.command("apt-get")
                .arg("update")
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        process::run(
            env.command("apt-get")
                .args(["install", "-y", "chromium", "chromium-driver"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        if !present() {
            return Err(format!("installed chromium and chromium-driver, but {CHROMIUM} or {CHROMEDRIVER} is still missing"));
        }
    }
    Ok("chromium + chromedriver".to_owned())
}

/// Installs Debian `packages` with apt-get unless every file in `files` is
/// there; `why` says what needs them. Only root can install.
fn ensure_debian_packages(
    env: &Env,
    packages: &[&str],
    files: &[&str],
    why: &str,
) -> Result<(), String> {
    let present = || files.iter().all(|file| Path::new(file).is_file());
    if present() {
        return Ok(());
    }
    let list = packages.join(" ");
    let is_root = process::probe(env.command("id").arg("-u")).as_deref() == Some("0");
    if !is_root {
        return Err(format!(
            "{why}, and {} is missing; install them with:\n    \
             sudo apt-get update && sudo apt-get install -y {list}",
            files.join(" or ")
        ));
    }
    announce(
        &format!("{list} with `apt-get install -y {list}`"),
        &format!(
            "{why}, and {} is missing; about a minute",
            files.join(" or ")
        ),
    );
    let install = || {
        process::run(
            env.command("apt-get")
                .args(["install", "-y"])
                .args(packages)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    // The package lists are often fresh (Chromium's install has just read
    // them); only when the install fails are they fetched again.
    if install().is_err() {
        println!("xtask: updating the package lists with `apt-get update`, then trying again");
        process::run(
            env.command("apt-get")
                .arg("update")
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        install()?;
    }
    if !present() {
        return Err(format!(
            "installed {list}, but {} is still missing",
            files.join(" or ")
        ));
    }
    Ok(())
}

fn ensure_firefox(env: &Env) -> Result<String, String> {
    ensure_debian_packages(
        env,
        &["firefox-esr"],
        &[FIREFOX],
        "the cross-engine tests run Firefox",
    )?;
    let (output, said) = reported_version(env, "geckodriver");
    if output.as_deref().and_then(version_word) != Some(GECKODRIVER_VERSION) {
        announce(
            &format!(
                "geckodriver {GECKODRIVER_VERSION} with `CARGO_PROFILE_RELEASE_OPT_LEVEL={GECKODRIVER_OPT_LEVEL} \
                 cargo install geckodriver --locked --version {GECKODRIVER_VERSION}`"
            ),
            &format!(
                "the cross-engine tests drive Firefox through geckodriver; PATH has {said}; \
                 built unoptimised, about a minute on 2 cores, once"
            ),
        );
        process::run(
            env.command("cargo")
                .args([
                    "install",
                    "geckodriver",
                    "--locked",
                    "--version",
                    GECKODRIVER_VERSION,
                ])
                .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", GECKODRIVER_OPT_LEVEL),
        )?;
        let (output, said) = reported_version(env, "geckodriver");
        if output.as_deref().and_then(version_word) != Some(GECKODRIVER_VERSION) {
            return Err(format!(
                "installed geckodriver {GECKODRIVER_VERSION}, but PATH still has {said}"
            ));
        }
    }
    Ok(format!("firefox-esr + geckodriver {GECKODRIVER_VERSION}"))
}

fn ensure_webkit(env: &Env) -> Result<String, String> {
    ensure_debian_packages(
        env,
        &["webkit2gtk-driver", "xvfb"],
        &[WEBKIT_DRIVER, WEBKIT_BROWSER, XVFB],
        "the cross-engine tests run WebKitGTK's MiniBrowser under Xvfb",
    )?;
    Ok("WebKitWebDriver + MiniBrowser + Xvfb".to_owned())
}

/// The axe-core script the end-to-end tests read (passed to them as `AXE_CORE_JS`).
pub fn axe_core_js(env: &Env) -> std::path::PathBuf {
    env.root()
        .join(AXE_PREFIX)
        .join("node_modules/axe-core/axe.min.js")
}

/// The `version` field of an npm package's `package.json`.
fn package_version(package_json: &str) -> Option<String> {
    let manifest: serde_json::Value = serde_json::from_str(package_json).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}

fn ensure_axe(env: &Env) -> Result<String, String> {
    ensure_npm_package(
        env,
        &NpmPackage {
            name: "axe-core",
            version: AXE_CORE_VERSION,
            prefix: AXE_PREFIX,
            file: "axe.min.js",
            why: "the end-to-end accessibility audit injects axe-core into the page",
        },
    )
}

/// The terser command-line script, run with `node`.
pub fn terser_js(env: &Env) -> std::path::PathBuf {
    env.root()
        .join(TERSER_PREFIX)
        .join("node_modules/terser/bin/terser")
}

fn ensure_terser(env: &Env) -> Result<String, String> {
    ensure_npm_package(
        env,
        &NpmPackage {
            name: "terser",
            version: TERSER_VERSION,
            prefix: TERSER_PREFIX,
            file: "bin/terser",
            why: "release builds minify the embed's loader (embed.js) with terser",
        },
    )
}

/// The esbuild executable: a launcher script that runs the binary npm
/// installed from esbuild's optional per-platform package (`@esbuild/linux-x64`).
pub fn esbuild_bin(env: &Env) -> std::path::PathBuf {
    env.root()
        .join(ESBUILD_PREFIX)
        .join("node_modules/esbuild/bin/esbuild")
}

fn ensure_esbuild(env: &Env) -> Result<String, String> {
    let ready = ensure_npm_package(
        env,
        &NpmPackage {
            name: "esbuild",
            version: ESBUILD_VERSION,
            prefix: ESBUILD_PREFIX,
            file: "bin/esbuild",
            why: "release builds bundle the embed's loader (embed.js) with esbuild",
        },
    )?;
    let bin = esbuild_bin(env);
    let said = process::probe(env.command(&bin.to_string_lossy()).arg("--version"));
    if said.as_deref() != Some(ESBUILD_VERSION) {
        return Err(format!(
            "{} --version says {}, not {ESBUILD_VERSION}: npm must install esbuild's optional \
             per-platform package too (not --omit=optional); delete {ESBUILD_PREFIX} to retry",
            bin.display(),
            said.as_deref().unwrap_or("nothing")
        ));
    }
    Ok(ready)
}

/// Lighthouse's command-line script, run with `node`.
pub fn lighthouse_js(env: &Env) -> std::path::PathBuf {
    env.root()
        .join(LIGHTHOUSE_PREFIX)
        .join("node_modules/lighthouse/cli/index.js")
}

fn ensure_lighthouse(env: &Env) -> Result<String, String> {
    ensure_npm_package(
        env,
        &NpmPackage {
            name: "lighthouse",
            version: LIGHTHOUSE_VERSION,
            prefix: LIGHTHOUSE_PREFIX,
            file: "cli/index.js",
            why: "`cargo xtask bench --lighthouse` audits the pages with Lighthouse",
        },
    )
}

/// An npm package installed into its own git-ignored prefix under `.tools/`.
struct NpmPackage {
    name: &'static str,
    version: &'static str,
    prefix: &'static str,
    /// A file of the package that must exist, relative to its directory.
    file: &'static str,
    why: &'static str,
}

/// Installs `package` at its exact version unless it is already there.
fn ensure_npm_package(env: &Env, package: &NpmPackage) -> Result<String, String> {
    let NpmPackage {
        name,
        version,
        prefix,
        file,
        why,
    } = *package;
    let dir = env.root().join(prefix).join("node_modules").join(name);
    let (script, manifest) = (dir.join(file), dir.join("package.json"));
    let installed = || {
        script.is_file()
            && fs::read_to_string(&manifest)
                .ok()
                .is_some_and(|m| package_version(&m).as_deref() == Some(version))
    };
    if !installed() {
        announce(
            &format!("{name} {version} with `npm install --prefix {prefix} {name}@{version}`"),
            &format!("{why}; {} is missing or another version", script.display()),
        );
        let mut npm = env.command("npm");
        npm.args(["install", "--prefix", prefix, "--no-audit", "--no-fund"])
            .arg(format!("{name}@{version}"));
        process::run(&mut npm).map_err(|e| {
            format!("{e}; {name} comes from npm, so Node.js and npm must be installed")
        })?;
        if !installed() {
            return Err(format!(
                "installed {name} {version}, but {} is missing",
                script.display()
            ));
        }
    }
    Ok(format!("{name} {version}"))
}

#[cfg(test)]
mod tests {
    use super::{is_binaryen, package_version, pinned_version, version_word};

    #[test]
    fn reads_the_pinned_version_from_cargo_metadata() {
        let metadata = |reqs: &[&str]| {
            let packages: Vec<serde_json::Value> = reqs
                .iter()
                .map(|req| {
                    serde_json::json!({"name": "p", "dependencies": [
                        {"name": "wasm-bindgen-test", "req": "^0.3", "kind": "dev"},
                        {"name": "wasm-bindgen", "req": req, "kind": null},
                    ]})
                })
                .collect();
            serde_json::json!({ "packages": packages }).to_string()
        };
        let pinned = |reqs: &[&str]| pinned_version(&metadata(reqs), "wasm-bindgen");
        assert_eq!(pinned(&["=0.2.130"]), Ok("0.2.130".to_owned()));
        assert_eq!(pinned(&["=0.2.130", "=0.2.130"]), Ok("0.2.130".to_owned()));
        assert!(pinned(&[]).is_err_and(|e| e.contains("no workspace package")));
        assert!(pinned(&["^0.2"]).is_err_and(|e| e.contains("^0.2")));
        assert!(pinned(&["=0.2.130", "=0.2.99"]).is_err_and(|e| e.contains("=0.2.99")));
        assert!(pinned(&["=0.2.130", "^0.2"]).is_err());
        assert!(pinned_version("not json", "wasm-bindgen").is_err());
    }

    #[test]
    fn reads_package_versions() {
        assert_eq!(
            package_version("{\n  \"name\": \"axe-core\",\n  \"version\": \"4.10.3\"\n}")
                .as_deref(),
            Some("4.10.3")
        );
        assert_eq!(
            package_version("{\"dependencies\": {\"version\": \"1\"}}"),
            None
        );
        assert_eq!(package_version("{}"), None);
        assert_eq!(package_version("not json"), None);
    }

    #[test]
    fn reads_version_words() {
        assert_eq!(version_word("wasm-bindgen 0.2.130\n"), Some("0.2.130"));
        assert_eq!(version_word("trunk 0.21.14"), Some("0.21.14"));
        assert_eq!(version_word("trunk"), None);
        assert_eq!(version_word(""), None);
    }

    #[test]
    fn recognises_binaryen_versions() {
        assert!(is_binaryen("wasm-opt version 132 (version_132)", "132"));
        assert!(is_binaryen("wasm-opt version 132", "132"));
        assert!(!is_binaryen("wasm-opt version 108", "132"));
        assert!(!is_binaryen("", "132"));
    }
}
