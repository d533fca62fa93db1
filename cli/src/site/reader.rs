//! The publication's own reader, in `reader/`: the standalone reader that
//! `cargo xtask build` puts in `dist/` (given with `--reader DIR`), branded
//! from `site.toml`. Nothing of a publisher is compiled into the reader, so
//! branding it is writing files:
//!
//! - `index.html`: the brand JSON the reader reads when it starts
//!   ([`article_widget::brand`]: name, colours, languages, social pages, the
//!   feed `../feed.json`), the title, description, `theme-color`, icons and
//!   language, and the embed script the site's pages load — rewritten with
//!   `lol_html`, an HTML rewriter, element by element;
//! - `manifest.webmanifest`, written from the config;
//! - `icons/`: the config's `icons`, else its logo, else an icon drawn in
//!   its `theme_color`, and the PNG icons of 192 and 512 pixels and the
//!   maskable one drawn from it ([`super::raster`]) when not given;
//! - `sw.js`, whose precache line (build version, feed, shell files) is
//!   written as `cargo xtask build` writes it;
//! - the reader's hashed `.js`/`.wasm`/`.css`, copied.
//!
//! The build's own `demo/`, `icons/` and manifest are not published: they are
//! the demo publication's.

use std::cell::Cell;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use article_widget::brand::{
    precache_line, replace_precache_line, without_precache_line, Brand, BuildHash, SocialPage,
    ELEMENT_ID, PRECACHE_MARKER,
};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use serde_json::json;

use super::config::SiteConfig;
use super::output::Output;
use super::raster;
use super::SiteError;

/// Where the reader goes in the output.
pub const DIR: &str = "reader";

/// The site's JSON Feed as the reader (in [`DIR`]) reaches it.
pub const FEED: &str = "../feed.json";

/// A feed article's JSON as the reader reaches it ([`Brand::article`]):
/// the site writes each beside its feed, under `articles/`.
pub const ARTICLE: &str = "../articles/{slug}.json";

/// The reader's brand for `config`.
pub fn brand(config: &SiteConfig) -> Brand {
    Brand {
        name: config.name.clone(),
        short_name: config.short_name().to_owned(),
        feed: FEED.to_owned(),
        article: Some(ARTICLE.to_owned()),
        theme_color: config.theme_color.clone(),
        background_color: config.background_color.clone(),
        languages: config.languages.clone(),
        social: config
            .social
            .iter()
            .map(|s| SocialPage {
                network: s.network.clone(),
                name: s.name.clone(),
                url: s.url.clone(),
            })
            .collect(),
    }
}

/// One of the reader's app icons.
#[derive(Debug, PartialEq, Eq)]
struct Icon {
    /// Path inside the reader, e.g. `icons/icon-192.png`.
    path: String,
    bytes: Vec<u8>,
    /// The manifest's `sizes`: `192x192`, or `any` for SVG.
    sizes: String,
    mime: &'static str,
    /// The manifest's `purpose`: `any`, or `maskable` for the icon whose
    /// background reaches every edge.
    purpose: &'static str,
}

/// The reader's icons: the config's `icons`, else its logo, else one drawn
/// in its colour; then the PNG icons of [`raster::SIDES`] the files do not
/// already hold and a maskable one, drawn from the first SVG icon (else the
/// largest PNG) by [`raster`].
fn icons(config: &SiteConfig, dir: &Path) -> Result<Vec<Icon>, SiteError> {
    let mut icons = given_icons(config, dir)?;
    let svg = icons.iter().position(|i| i.mime == "image/svg+xml");
    let largest = icons
        .iter()
        .enumerate()
        .max_by_key(|(_, i)| side(i))
        .map(|(n, _)| n);
    let Some(from) = svg.or(largest) else {
        return Ok(icons);
    };
    let source = raster::Source::read(&icons[from].bytes, svg.is_some())
        .map_err(|e| SiteError(format!("icons: {}: {e}", icons[from].path)))?;
    let drawn = |r: Result<Vec<u8>, String>| r.map_err(|e| SiteError(format!("icons: {e}")));
    for px in raster::SIDES {
        let path = format!("icons/icon-{px}.png");
        if icons
            .iter()
            .any(|i| i.path == path || (i.mime == "image/png" && side(i) == px))
        {
            continue;
        }
        icons.push(Icon {
            path,
            bytes: drawn(raster::plain(&source, px))?,
            sizes: format!("{px}x{px}"),
            mime: "image/png",
            purpose: "any",
        });
    }
    let px = raster::MASKABLE_SIDE;
    let path = format!("icons/icon-maskable-{px}.png");
    if !icons.iter().any(|i| i.path == path) {
        icons.push(Icon {
            path,
            bytes: drawn(raster::maskable(&source, &config.background_color))?,
            sizes: format!("{px}x{px}"),
            mime: "image/png",
            purpose: "maskable",
        });
    }
    Ok(icons)
}

/// The width of a PNG icon from its `sizes` (0 for SVG).
fn side(icon: &Icon) -> u32 {
    icon.sizes
        .split_once('x')
        .and_then(|(w, _)| w.parse::<u32>().ok())
        .unwrap_or(0)
}

/// The icon files the config names (its `icons`, else its logo), else one
/// drawn in its colour.
fn given_icons(config: &SiteConfig, dir: &Path) -> Result<Vec<Icon>, SiteError> {
    let files: Vec<&Path> = if config.icons.is_empty() {
        config.logo.iter().map(AsRef::as_ref).collect()
    } else {
        config.icons.iter().map(AsRef::as_ref).collect()
    };
    if files.is_empty() {
        return Ok(vec![Icon {
            path: "icons/icon.svg".into(),
            bytes: drawn_icon(&config.theme_color).into_bytes(),
            sizes: "any".into(),
            mime: "image/svg+xml",
            purpose: "any",
        }]);
    }
    let mut out: Vec<Icon> = Vec::new();
    for file in files {
        let path = dir.join(file);
        let bytes = fs::read(&path).map_err(|e| SiteError(format!("{}: {e}", path.display())))?;
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| SiteError(format!("icons: {}: not a file name", file.display())))?;
        let ext = file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let (sizes, mime) = if ext == "svg" {
            ("any".to_owned(), "image/svg+xml")
        } else if ext == "png" {
            let size = imagesize::blob_size(&bytes).map_err(|e| {
                SiteError(format!(
                    "icons: {}: not a readable PNG: {e}",
                    file.display()
                ))
            })?;
            (format!("{}x{}", size.width, size.height), "image/png")
        } else {
            return Err(SiteError(format!(
                "icons: {}: an icon must be a PNG or SVG file",
                file.display()
            )));
        };
        let path = format!("icons/{name}");
        if out.iter().any(|i| i.path == path) {
            return Err(SiteError(format!(
                "icons: two icons are named {name}: the reader keeps them side by side"
            )));
        }
        out.push(Icon {
            path,
            bytes,
            sizes,
            mime,
            purpose: "any",
        });
    }
    Ok(out)
}

/// A square tile in `colour` with a white page, a headline bar and text
/// lines: the reader's icon when the publication names none. `colour` is a
/// checked hex colour.
fn drawn_icon(colour: &str) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\">\
<rect width=\"512\" height=\"512\" rx=\"92\" fill=\"{colour}\"/>\
<rect x=\"82\" y=\"82\" width=\"348\" height=\"348\" rx=\"20\" fill=\"#ffffff\"/>\
<rect x=\"124\" y=\"124\" width=\"264\" height=\"49\" rx=\"5\" fill=\"{colour}\"/>"
    );
    for (i, y) in [207, 249, 291, 333, 374].into_iter().enumerate() {
        let width = if i == 2 { 159 } else { 264 };
        let _ = write!(
            svg,
            "<rect x=\"124\" y=\"{y}\" width=\"{width}\" height=\"21\" fill=\"#3c4048\"/>"
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// The web app manifest of the reader.
fn manifest(config: &SiteConfig, icons: &[Icon]) -> serde_json::Value {
    let mut manifest = json!({
        "name": config.name,
        "short_name": config.short_name(),
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "lang": config.language(),
        "dir": "ltr",
        "theme_color": config.theme_color,
        "background_color": config.background_color,
        "icons": icons.iter().map(|i| json!({
            "src": i.path,
            "sizes": i.sizes,
            "type": i.mime,
            "purpose": i.purpose,
        })).collect::<Vec<_>>(),
    });
    if let Some(d) = &config.description {
        manifest["description"] = d.as_str().into();
    }
    manifest
}

/// `s` for an attribute value: `lol_html` escapes the quote, this the `&`.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
}

/// The reader's `index.html` branded for `config`: every element the brand
/// shows in is rewritten; the reader's own markup stays.
fn branded_index(
    html: &str,
    config: &SiteConfig,
    icons: &[Icon],
    embed_script: &str,
) -> Result<String, SiteError> {
    // `<` never appears in the script's JSON, so no `</script>` either.
    let brand_json = serde_json::to_string(&brand(config))
        .map_err(|e| SiteError(format!("serialising the reader's brand: {e}")))?
        .replace('<', "\\u003c");
    let description = config.description.clone().unwrap_or(config.name.clone());
    let icon = icons.iter().find(|i| i.sizes == "any").or(icons.first());
    let touch_icon = icons
        .iter()
        .filter(|i| i.mime == "image/png" && i.purpose == "any")
        .max_by_key(|i| side(i));
    let brand_found = Cell::new(false);
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| {
                    el.set_attribute("lang", &attr(config.language()))?;
                    Ok(())
                }),
                element!("title", |el| {
                    el.set_inner_content(&config.name, ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", &attr(&description))?;
                    Ok(())
                }),
                element!("meta[name=theme-color]", |el| {
                    el.set_attribute("content", &config.theme_color)?;
                    Ok(())
                }),
                element!("link[rel=icon]", |el| {
                    match icon {
                        Some(i) => {
                            el.set_attribute("href", &attr(&i.path))?;
                            el.set_attribute("type", i.mime)?;
                        }
                        None => el.remove(),
                    }
                    Ok(())
                }),
                element!("link[rel=apple-touch-icon]", |el| {
                    match touch_icon {
                        Some(i) => el.set_attribute("href", &attr(&i.path))?,
                        None => el.remove(),
                    }
                    Ok(())
                }),
                element!("script[type='application/json']", |el| {
                    if el.get_attribute("id").as_deref() == Some(ELEMENT_ID) {
                        el.set_inner_content(&brand_json, ContentType::Html);
                        brand_found.set(true);
                    }
                    Ok(())
                }),
                element!("script[src$='embed.js']", |el| {
                    el.set_attribute("src", &attr(embed_script))?;
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| SiteError(format!("rewriting the reader's index.html: {e}")))?;
    if !brand_found.get() {
        return Err(SiteError(format!(
            "the reader's index.html has no <script type=\"application/json\" id=\"{ELEMENT_ID}\">: \
             give --reader the reader `cargo xtask build` puts in dist/"
        )));
    }
    Ok(rewritten)
}

/// The reader's own top-level files to copy: Trunk's hashed scripts, wasm
/// and styles (`sw.js` is written, not copied).
fn shell_files(reader: &Path) -> Result<Vec<String>, SiteError> {
    let io = |e: std::io::Error| SiteError(format!("--reader {}: {e}", reader.display()));
    let mut names = Vec::new();
    for entry in fs::read_dir(reader).map_err(io)? {
        let entry = entry.map_err(io)?;
        if !entry.file_type().map_err(io)?.is_file() {
            continue;
        }
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if name != "sw.js"
            && [".js", ".wasm", ".css"]
                .iter()
                .any(|ext| name.ends_with(ext))
        {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Writes the reader branded for `config` into [`DIR`] of `out`, from the
/// built reader in `reader`; `embed_files` are the embed's files published
/// (`embed/v1/…`, relative to the output; precached when the reader loads
/// the site's own embed).
/// Returns the paths written (relative to the output), for the next build
/// to remove what is no longer there.
///
/// # Errors
///
/// When `reader` is not a built reader, an icon cannot be used, or a file
/// cannot be read or written.
pub fn publish(
    config: &SiteConfig,
    dir: &Path,
    reader: &Path,
    embed_files: &[String],
    out: &mut Output,
) -> Result<Vec<String>, SiteError> {
    let read = |name: &str| {
        fs::read(reader.join(name)).map_err(|e| {
            SiteError(format!(
                "--reader {}: {name}: {e} (give the reader `cargo xtask build` puts in dist/)",
                reader.display()
            ))
        })
    };
    let index = String::from_utf8(read("index.html")?)
        .map_err(|_| SiteError("the reader's index.html is not UTF-8".into()))?;
    let sw = String::from_utf8(read("sw.js")?)
        .map_err(|_| SiteError("the reader's sw.js is not UTF-8".into()))?;
    let icons = icons(config, dir)?;
    // The reader loads the embed the site's pages load; the site's own is
    // precached with the shell (a relative URL, so `--url` builds agree).
    let script = config.embed_script();
    let (embed_script, precached_embed) = match script.strip_prefix(&config.url) {
        Some(rest) => (
            format!("../{rest}"),
            embed_files
                .iter()
                .map(|f| format!("../{f}"))
                .collect::<Vec<_>>(),
        ),
        None => (script.clone(), Vec::new()),
    };

    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "index.html".into(),
            branded_index(&index, config, &icons, &embed_script)?.into_bytes(),
        ),
        (
            "manifest.webmanifest".into(),
            serde_json::to_vec_pretty(&manifest(config, &icons))
                .map_err(|e| SiteError(format!("serialising the manifest: {e}")))?,
        ),
    ];
    for name in shell_files(reader)? {
        files.push((name.clone(), read(&name)?));
    }
    files.extend(icons.into_iter().map(|i| (i.path, i.bytes)));

    let mut hash = BuildHash::default();
    hash.write(without_precache_line(&sw).as_bytes());
    for (path, bytes) in &files {
        hash.write(path.as_bytes());
        hash.write(bytes);
    }
    for f in embed_files {
        let bytes = fs::read(out.root().join(f)).map_err(|e| SiteError(format!("{f}: {e}")))?;
        hash.write(f.as_bytes());
        hash.write(&bytes);
    }
    let mut precache: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    precache.extend(precached_embed);
    precache.push(FEED.to_owned());
    precache.sort();
    let line = precache_line(&hash.finish(), Some(FEED), &precache);
    let sw = replace_precache_line(&sw, &line).ok_or_else(|| {
        SiteError(format!(
            "the reader's sw.js has no line starting with {PRECACHE_MARKER}"
        ))
    })?;
    files.push(("sw.js".into(), sw.into_bytes()));

    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let rel = format!("{DIR}/{path}");
        out.put(&rel, &bytes)
            .map_err(|e| SiteError(format!("{rel}: {e}")))?;
        written.push(rel);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> SiteConfig {
        let text = format!(
            "name = \"Northwind <Ledger> & Co\"\nshort_name = \"Ledger\"\nurl = \"https://ledger.example/\"\n\
             languages = [\"en\"]\ntheme_color = \"#0a7d4f\"\n{extra}"
        );
        match SiteConfig::parse(&text) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    const INDEX: &str = r##"<!doctype html><html lang="vi"><head>
<meta name="description" content="old"><title>Old</title><meta name="theme-color" content="#b3201f">
<script type="application/json" id="aw-reader-brand">{"name":"Old"}</script>
<link rel="icon" href="icons/icon.svg" type="image/svg+xml"><link rel="apple-touch-icon" href="icons/icon-192.png">
<script type="module" src="embed/v1/embed.js"></script></head><body><div id="app"></div></body></html>"##;

    #[test]
    fn the_index_carries_the_brand_and_nothing_of_the_old_one() {
        let c = config("");
        let Ok(icons) = icons(&c, Path::new(".")) else {
            panic!("the drawn icon");
        };
        let html = match branded_index(INDEX, &c, &icons, "../embed/v1/embed.js") {
            Ok(h) => h,
            Err(e) => panic!("{e}"),
        };
        for old in ["Old", "old", "b3201f", "icon-192", "lang=\"vi\""] {
            assert!(!html.contains(old), "{old} left in {html}");
        }
        assert!(
            html.contains("<title>Northwind &lt;Ledger&gt; &amp; Co</title>"),
            "{html}"
        );
        assert!(html.contains("content=\"#0a7d4f\""));
        assert!(html.contains("src=\"../embed/v1/embed.js\""));
        assert!(html.contains("<html lang=\"en\">"));
        let json = html
            .split("id=\"aw-reader-brand\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        let parsed: Brand = match serde_json::from_str(json) {
            Ok(b) => b,
            Err(e) => panic!("{e}: {json}"),
        };
        assert_eq!(parsed, brand(&c));
        assert!(!json.contains('<'), "{json}");
        assert!(branded_index("<html></html>", &c, &icons, "x").is_err());
    }

    #[test]
    fn the_drawn_icon_and_the_manifest_follow_the_config() {
        let c = config("description = \"A paper\"");
        let Ok(icons) = icons(&c, Path::new(".")) else {
            panic!("the drawn icon");
        };
        // The drawn SVG, then PNGs of 192 and 512 pixels and a maskable one
        // drawn from it.
        let listed: Vec<(&str, &str, &str)> = icons
            .iter()
            .map(|i| (i.path.as_str(), i.sizes.as_str(), i.purpose))
            .collect();
        assert_eq!(
            listed,
            [
                ("icons/icon.svg", "any", "any"),
                ("icons/icon-192.png", "192x192", "any"),
                ("icons/icon-512.png", "512x512", "any"),
                ("icons/icon-maskable-512.png", "512x512", "maskable"),
            ]
        );
        assert!(String::from_utf8_lossy(&icons[0].bytes).contains("#0a7d4f"));
        for icon in &icons[1..] {
            let size =
                imagesize::blob_size(&icon.bytes).map(|s| format!("{}x{}", s.width, s.height));
            assert_eq!(
                size.ok().as_deref(),
                Some(icon.sizes.as_str()),
                "{}",
                icon.path
            );
        }
        let m = manifest(&c, &icons);
        assert_eq!(m["name"], "Northwind <Ledger> & Co");
        assert_eq!(m["short_name"], "Ledger");
        assert_eq!(m["theme_color"], "#0a7d4f");
        assert_eq!(m["lang"], "en");
        assert_eq!(m["description"], "A paper");
        assert_eq!(m["icons"][0]["src"], "icons/icon.svg");
        assert_eq!(m["icons"][0]["sizes"], "any");
        assert_eq!(m["icons"][3]["purpose"], "maskable");
        assert_eq!(m["icons"][3]["type"], "image/png");
        let html = branded_index(INDEX, &c, &icons, "x").unwrap_or_default();
        assert!(
            html.contains("<link rel=\"apple-touch-icon\" href=\"icons/icon-512.png\">"),
            "{html}"
        );
    }

    #[test]
    fn png_icons_given_are_kept_and_the_missing_sizes_drawn() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("temp dir");
        };
        let svg = drawn_icon("#102030");
        let Ok(source) = raster::Source::read(svg.as_bytes(), true) else {
            panic!("the drawn icon reads");
        };
        let Ok(png) = raster::plain(&source, 192) else {
            panic!("drawn");
        };
        let _ = fs::write(dir.path().join("logo-192.png"), &png);
        let c = config("icons = [\"logo-192.png\"]");
        let Ok(written) = icons(&c, dir.path()) else {
            panic!("the PNG icon");
        };
        let listed: Vec<(&str, &str)> = written
            .iter()
            .map(|i| (i.path.as_str(), i.sizes.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                ("icons/logo-192.png", "192x192"),
                ("icons/icon-512.png", "512x512"),
                ("icons/icon-maskable-512.png", "512x512"),
            ]
        );
        assert_eq!(written[0].bytes, png);
        let _ = fs::write(dir.path().join("bad.svg"), b"<svg");
        let c = config("icons = [\"bad.svg\"]");
        assert!(icons(&c, dir.path()).is_err_and(|e| e.0.contains("bad.svg")));
    }

    #[test]
    fn icons_are_png_or_svg_files() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("temp dir");
        };
        let _ = fs::write(dir.path().join("a.gif"), b"GIF89a");
        let c = config("icons = [\"a.gif\"]");
        assert!(icons(&c, dir.path()).is_err_and(|e| e.0.contains("PNG or SVG")));
        let c = config("icons = [\"missing.png\"]");
        assert!(icons(&c, dir.path()).is_err_and(|e| e.0.contains("missing.png")));
    }

    /// The repository's `index.html` is the demo publication's reader (what
    /// `cargo xtask serve` shows): its brand is `demo/site.toml`'s, with the
    /// demo feed of the build.
    #[test]
    fn the_repository_reader_carries_the_demo_publication_s_brand() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let read = |p: &str| fs::read_to_string(root.join(p)).unwrap_or_default();
        let Ok(demo) = SiteConfig::parse(&read("demo/site.toml")) else {
            panic!("demo/site.toml");
        };
        let html = read("index.html");
        let json = html
            .split(&format!("id=\"{ELEMENT_ID}\">"))
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        let in_repo: Brand = match serde_json::from_str(json) {
            Ok(b) => b,
            Err(e) => panic!("index.html's brand: {e}"),
        };
        let expected = Brand {
            feed: "demo/articles/index.json".into(),
            article: Some("demo/articles/{slug}.json".into()),
            ..brand(&demo)
        };
        assert_eq!(in_repo, expected);
        let manifest: serde_json::Value =
            serde_json::from_str(&read("pwa/manifest.webmanifest")).unwrap_or_default();
        assert_eq!(manifest["name"], demo.name.as_str());
        assert_eq!(manifest["short_name"], demo.short_name());
        assert_eq!(
            manifest["description"],
            demo.description.as_deref().unwrap_or("")
        );
        assert_eq!(manifest["theme_color"], demo.theme_color.as_str());
        assert_eq!(manifest["background_color"], demo.background_color.as_str());
        assert!(html.contains(&format!(
            "<meta name=\"theme-color\" content=\"{}\">",
            demo.theme_color
        )));
    }
}
