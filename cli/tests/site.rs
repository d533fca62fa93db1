//! `article-widget site` on a copy of the demo publication: what it writes,
//! that a second build writes nothing, that an edit re-renders only its
//! article, that a removed article takes its files along, and that an
//! invalid article is refused by name while the others are published.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use article_widget::embed::page::Page;
use article_widget::embed::RawOptions;
use article_widget_cli::site::{build, Args, Report};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `demo/` (site.toml, articles, images) in a temporary directory.
fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo");
    copy_dir(&demo, dir.path());
    dir
}

fn run(config: &Path, out: &Path) -> Report {
    build(&Args {
        config: config.to_path_buf(),
        out: out.to_path_buf(),
        url: None,
        embed: None,
        reader: None,
        force: false,
    })
    .unwrap()
}

fn files(out: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                all.push(p.strip_prefix(out).unwrap().to_path_buf());
            }
        }
    }
    all.sort();
    all
}

#[test]
fn builds_the_demo_publication_then_only_what_changed() {
    let demo = demo_copy();
    let config = demo.path().join("site.toml");
    let out = demo.path().join("public");
    let first = run(&config, &out);
    assert!(first.invalid.is_empty(), "{:?}", first.invalid);
    assert_eq!(first.articles, 6);
    assert_eq!(first.rendered, 6);
    let written = files(&out);
    for expected in [
        "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json",
        "articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.html",
        "oembed/quan-uy-le-chan-tong-ket-nghi-quyet-8.json",
        "feed.json",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "index.html",
        "images/logo-haiphong.svg",
    ] {
        assert!(
            written.contains(&PathBuf::from(expected)),
            "{expected} in {written:?}"
        );
    }
    assert!(!written.contains(&PathBuf::from("articles/index.json")));

    // The engine finds the page's prerendered widget to be the published
    // article: it keeps the nodes rather than rendering again.
    let slug = "quan-uy-le-chan-tong-ket-nghi-quyet-8";
    let page = fs::read_to_string(out.join(format!("articles/{slug}.html"))).unwrap();
    let attr = |name: &str| {
        let start = page.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        page[start..start + page[start..].find('"').unwrap()].to_owned()
    };
    let json = fs::read(out.join(format!("articles/{slug}.json"))).unwrap();
    let options = RawOptions {
        heading: Some(attr("heading")),
        ..RawOptions::default()
    };
    let engine = Page::from_bytes(
        &json,
        Some(&format!(
            "https://tintuc.haiphong.example/articles/{slug}.json"
        )),
        options.resolve().config,
        &attr("data-ids"),
    );
    assert_eq!(engine.fingerprint(), Some(attr("data-fingerprint")));

    // Nothing changed: nothing rendered, nothing written.
    let second = run(&config, &out);
    assert_eq!(
        (second.rendered, second.written, second.removed),
        (0, 0, 0),
        "{second:?}"
    );

    // One article edited: it alone is rendered again.
    let edited = demo
        .path()
        .join("articles/le-chan-ngay-hoi-dai-doan-ket-toan-dan-toc.json");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(
        &edited,
        text.replacen("\"title\": \"", "\"title\": \"Cập nhật: ", 1),
    )
    .unwrap();
    let third = run(&config, &out);
    assert_eq!(third.rendered, 1, "{third:?}");
    // Its JSON, page and oEmbed, the two feeds, the home page and the state.
    assert!(third.written <= 7, "{third:?}");
    let page =
        fs::read_to_string(out.join("articles/le-chan-ngay-hoi-dai-doan-ket-toan-dan-toc.html"))
            .unwrap();
    assert!(page.contains("Cập nhật: "));

    // One article removed: its files go; one made invalid: refused by name.
    fs::remove_file(&edited).unwrap();
    let broken = demo
        .path()
        .join("articles/ra-quan-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-cuoi-nam.json");
    fs::write(&broken, "{\"format\": \"article-widget/1\"}").unwrap();
    let fourth = run(&config, &out);
    assert_eq!(fourth.articles, 4, "{fourth:?}");
    assert_eq!(fourth.invalid.len(), 1, "{fourth:?}");
    assert!(
        fourth.invalid[0].contains("ra-quan-cao-diem"),
        "{:?}",
        fourth.invalid
    );
    assert!(!out
        .join("articles/le-chan-ngay-hoi-dai-doan-ket-toan-dan-toc.html")
        .exists());
    assert!(!out
        .join("oembed/ra-quan-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-cuoi-nam.json")
        .exists());
}

#[test]
fn a_bad_config_names_the_problem() {
    let demo = demo_copy();
    let config = demo.path().join("site.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace("theme_color = \"#b3201f\"", "theme_color = \"red\""),
    )
    .unwrap();
    let Err(e) = build(&Args {
        config,
        out: demo.path().join("public"),
        url: None,
        embed: None,
        reader: None,
        force: false,
    }) else {
        panic!("a bad colour is refused");
    };
    assert!(e.to_string().contains("theme_color"), "{e}");
}
