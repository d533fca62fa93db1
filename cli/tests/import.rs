//! `article-widget import` as a publisher runs it: the real binary on pages,
//! WordPress responses and feeds written for these tests (`fixtures/`), each
//! compared with its golden output (`golden/`, rewritten with
//! `UPDATE_GOLDEN=1`), checked by `validate`, imported twice for the same
//! bytes; hostile HTML; and URLs served by a loopback server the test starts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_article-widget");

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports `source` into a fresh folder: the files written, by name, and the
/// report with the folder's path replaced by `OUT`.
fn import(source: &str, extra: &[&str]) -> (Vec<(String, String)>, String, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_string_lossy().into_owned();
    let mut args = vec![
        "import",
        source,
        "-o",
        &out_dir,
        "--timezone",
        "Asia/Ho_Chi_Minh",
    ];
    args.extend_from_slice(extra);
    let out = run(&args);
    let mut files: Vec<(String, String)> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    (
        files,
        text(&out.stderr).replace(&out_dir, "OUT"),
        out.status.code(),
    )
}

fn fixture(name: &str) -> String {
    here()
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Compares an import of `fixture` with `golden/CASE/`.
fn golden(case: &str, source: &str) {
    let (files, report, code) = import(&fixture(source), &[]);
    assert_eq!(code, Some(0), "{report}");
    let dir = here().join("tests/golden").join(case);
    let mut got = files.clone();
    got.push(("report.txt".into(), report));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for (name, body) in &got {
            fs::write(dir.join(name), body).unwrap();
        }
    }
    let mut want: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|_| {
            panic!(
                "no golden files in {}: run with UPDATE_GOLDEN=1",
                dir.display()
            )
        })
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    want.sort();
    got.sort();
    pretty_assertions::assert_eq!(got, want, "golden output of {case}");
    // Every file written is one the widget accepts.
    for (name, body) in &files {
        let check = Command::new(BIN)
            .args(["validate", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        check
            .stdin
            .as_ref()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
        let out = check.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stdout));
    }
}

#[test]
fn portal_page() {
    golden("portal", "portal/le-chan-tong-ket-nghi-quyet-8.html");
}

#[test]
fn wordpress_theme_page() {
    golden("wordpress-theme", "wordpress-theme/ferry-timetable.html");
}

#[test]
fn page_with_only_opengraph() {
    golden("opengraph-only", "opengraph-only/cho-hoa-xuan.html");
}

#[test]
fn wordpress_rest_post_with_embed() {
    golden("wp-post-embed", "wp-json/post-embed.json");
}

#[test]
fn wordpress_rest_list_without_embed() {
    golden("wp-posts-list", "wp-json/posts-list.json");
}

#[test]
fn page_with_every_block() {
    golden("rich-blocks", "rich-blocks/every-block.html");
}

#[test]
fn wordpress_rest_post_with_blocks() {
    golden("wp-post-blocks", "wp-json/post-blocks.json");
}

#[test]
fn rss_feed() {
    golden("rss", "feeds/rss.xml");
}

#[test]
fn atom_feed() {
    golden("atom", "feeds/atom.xml");
}

#[test]
fn json_feed() {
    golden("json-feed", "feeds/feed.json");
}

/// The seed page rebuilt as the portal's HTML gives the demo article's text
/// word for word.
#[test]
fn the_seed_page_imports_to_the_demo_article() {
    let out = run(&[
        "import",
        &fixture("portal/le-chan-tong-ket-nghi-quyet-8.html"),
        "--timezone",
        "Asia/Ho_Chi_Minh",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let demo: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            here().join("../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for field in [
        "url",
        "lang",
        "title",
        "lead",
        "published",
        "original_url",
        "authors",
        "tags",
    ] {
        assert_eq!(got[field], demo[field], "{field}");
    }
    let of_type = |a: &serde_json::Value, t: &str, field: &str| -> Vec<serde_json::Value> {
        a["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == t)
            .map(|b| b[field].clone())
            .collect()
    };
    assert_eq!(
        of_type(&got, "paragraph", "text"),
        of_type(&demo, "paragraph", "text")
    );
    assert_eq!(
        of_type(&got, "figure", "caption"),
        of_type(&demo, "figure", "caption")
    );
    assert_eq!(
        of_type(&got, "figure", "alt"),
        of_type(&demo, "figure", "alt")
    );
    assert_eq!(got["publisher"]["name"], demo["publisher"]["name"]);
    // The third photo has no size in the HTML: it was read from the PNG beside the page.
    let sizes: Vec<_> = of_type(&got, "figure", "width");
    assert_eq!(sizes, vec![serde_json::json!(800); 3]);
}

#[test]
fn imports_are_deterministic_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_string_lossy().into_owned();
    let feed = fixture("feeds/rss.xml");
    let args = [
        "import",
        &feed,
        "-o",
        &out_dir,
        "--timezone",
        "Asia/Ho_Chi_Minh",
    ];
    let first = run(&args);
    let before: Vec<Vec<u8>> = {
        let mut paths: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths.iter().map(|p| fs::read(p).unwrap()).collect()
    };
    let second = run(&args);
    assert!(text(&first.stderr).ends_with(
        "2 articles into OUT: 2 written, 0 unchanged, 0 failed\n"
            .replace("OUT", &out_dir)
            .as_str()
    ));
    assert!(text(&second.stderr).ends_with(
        "2 articles into OUT: 0 written, 2 unchanged, 0 failed\n"
            .replace("OUT", &out_dir)
            .as_str()
    ));
    let mut paths: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let after: Vec<Vec<u8>> = paths.iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
}

/// Hostile markup gives text, never markup or script.
#[test]
fn hostile_html_gives_only_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    fs::write(
        &page,
        r#"<!doctype html><html lang="en"><head><title>Hostile</title>
        <meta property="og:title" content="<script>alert('t')</script>Hostile &lt;b&gt;page">
        <meta property="article:published_time" content="2022-11-25T15:15:00+07:00">
        <script>alert('head')</script><style>p{}</style></head>
        <body onload="alert('load')"><article>
        <p onclick="alert('p')">First <b onmouseover="alert(1)">paragraph</b> of a long enough article text that the extraction keeps it, with several words.</p>
        <p><a href="javascript:alert('link')">A javascript link</a> and <a href="data:text/html,<script>x</script>">a data link</a> in a paragraph that is long enough to be kept by the extraction.</p>
        <iframe src="javascript:alert('frame')"></iframe><iframe srcdoc="<script>alert(2)</script>"></iframe>
        <svg><script>alert('svg')</script><text>svg text</text></svg>
        <img src="x.jpg" width="600" height="400" alt="<img src=x onerror=alert(3)>" onerror="alert(4)">
        <img src="javascript:alert(5)" width="600" height="400" alt="bad">
        <object data="x.swf"></object><embed src="x.swf"><form><input value="x"><button>Go</button></form>
        <p>Last paragraph &lt;script&gt;alert('escaped')&lt;/script&gt; stays text, long enough to be kept by the extraction.</p>
        <noscript><p>noscript text</p></noscript>
        </article></body></html>"#,
    )
    .unwrap();
    let out = run(&[
        "import",
        &page.to_string_lossy(),
        "--url",
        "https://example.org/h.html",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut strings = Vec::new();
    collect_strings(&article, &mut strings);
    for s in &strings {
        assert!(
            !s.contains("javascript:") && !s.contains("alert(4)") && !s.contains("onclick"),
            "{s}"
        );
    }
    // An alt attribute is text, even when it reads like markup: kept as characters.
    assert!(strings.iter().any(|s| s == "<img src=x onerror=alert(3)>"));
    let body = serde_json::to_string(&article["body"]).unwrap();
    assert!(
        !body.contains("alert('p')") && !body.contains("svg text") && !body.contains("noscript"),
        "{body}"
    );
    let texts = paragraph_texts(&article);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("First paragraph of a long enough article")),
        "{texts:?}"
    );
    // Links with refused schemes keep their text, without the link.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("A javascript link and a data link")),
        "{texts:?}"
    );
    // Escaped markup in the page is the page's text, kept as characters.
    assert!(
        body.contains("<script>alert('escaped')</script> stays text"),
        "{body}"
    );
    assert!(
        !body.contains("javascript:") && !body.contains("data:"),
        "{body}"
    );
}

/// The plain text of each paragraph (its runs joined).
fn paragraph_texts(article: &serde_json::Value) -> Vec<String> {
    article["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .map(|b| rich_text(&b["text"]))
        .collect()
}

fn rich_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(runs) => runs
            .iter()
            .map(|r| r.as_str().or(r["text"].as_str()).unwrap().to_owned())
            .collect(),
        other => panic!("not rich text: {other}"),
    }
}

/// Every URL-valued field (`href`, `src`, `url`) in `v`.
fn collect_urls(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_urls(x, out)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                match x.as_str() {
                    Some(s) if matches!(k.as_str(), "href" | "src" | "url") => out.push(s.into()),
                    _ => collect_urls(x, out),
                }
            }
        }
        _ => {}
    }
}

/// Checks `json` with `article-widget validate`: its exit status and report.
fn validate(json: &[u8]) -> (Option<i32>, String) {
    let check = Command::new(BIN)
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    check.stdin.as_ref().unwrap().write_all(json).unwrap();
    let out = check.wait_with_output().unwrap();
    (out.status.code(), text(&out.stdout))
}

/// A WordPress REST post with `content` as its HTML, imported to stdout.
fn import_post(dir: &Path, content: &str) -> (Output, serde_json::Value) {
    let post = serde_json::json!({
        "date": "2023-01-14T08:00:00", "date_gmt": "2023-01-14T01:00:00",
        "link": "https://hostile.example/2023/01/14/post/",
        "title": { "rendered": "Hostile post" },
        "content": { "rendered": content },
    });
    let path = dir.join("post.json");
    fs::write(&path, post.to_string()).unwrap();
    let out = run(&["import", &path.to_string_lossy(), "--lang", "en"]);
    let article = serde_json::from_slice(&out.stdout).unwrap_or_default();
    (out, article)
}

fn blocks_of<'a>(article: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    article["body"]
        .as_array()
        .map(|b| b.iter().filter(|b| b["type"] == kind).collect())
        .unwrap_or_default()
}

/// Unsafe URLs in links, players, photos and `srcset`s never reach the article.
#[test]
fn hostile_urls_in_rich_blocks_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (out, article) = import_post(
        dir.path(),
        r#"<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(2)">two</a>
        <a href="vbscript:msgbox">three</a> <a href="data:text/html,x">four</a>
        <a href="//evil.example/x">five</a> <a href="https://ok.example/a b">six</a></p>
        <ul><li><a href="javascript:alert(3)">item</a></li></ul>
        <iframe src="javascript:alert(4)"></iframe>
        <iframe src="https://www.youtube.com/embed/x%22onload%3D"></iframe>
        <iframe src="https://www.facebook.com/plugins/video.php?href=javascript%3Aalert(5)"></iframe>
        <figure class="wp-block-embed"><div class="wp-block-embed__wrapper">javascript:alert(6)</div></figure>
        <img src="https://ok.example/a.jpg" width="600" height="400" alt="a"
             srcset="javascript:alert(7) 300w, data:image/png;base64,AAA 400w, https://ok.example/a-600.jpg 600w">
        <figure class="wp-block-gallery"><img src="javascript:alert(8)" width="600" height="400">
        <img src="https://ok.example/b.jpg" width="600" height="400"></figure>"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = serde_json::to_string(&article).unwrap();
    let mut urls = Vec::new();
    collect_urls(&article, &mut urls);
    for bad in [
        "javascript",
        "JaVaScRiPt",
        "vbscript",
        "data:",
        "evil.example",
        "onload",
    ] {
        assert!(urls.iter().all(|u| !u.contains(bad)), "{bad} in {urls:?}");
    }
    assert!(urls.iter().all(|u| u.starts_with("https://")), "{urls:?}");
    assert_eq!(paragraph_texts(&article)[0], "one two three four five six");
    assert!(blocks_of(&article, "video").is_empty(), "{json}");
    let figures = blocks_of(&article, "figure");
    assert_eq!(figures[0]["srcset"][0]["width"], 600, "{json}");
    assert_eq!(validate(json.as_bytes()).0, Some(0));
}

/// Content nesting elements far deeper than any article is read flat: its
/// text in paragraphs, with a note, and no tree built from it.
#[test]
fn deeply_nested_content_is_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<p>Intro.</p>{}deep text<script>alert(1)</script>",
        "<ul><li><div>".repeat(50_000)
    );
    let (out, article) = import_post(dir.path(), &html);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("HTML nesting elements too deep"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(paragraph_texts(&article), vec!["Intro.", "deep text"]);
    assert_eq!(validate(&out.stdout).0, Some(0));
}

/// Lists, tables and galleries beyond the format's limits are split or cut
/// to fit, deep lists are folded, broken tables give what they hold: the
/// result always validates.
#[test]
fn huge_and_malformed_rich_blocks_fit_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let mut html = String::from("<p>Intro.</p><ul>");
    for i in 0..1200 {
        write!(html, "<li>item {i}").unwrap();
        if i == 0 {
            html.push_str("<ul>");
            for j in 0..700 {
                write!(html, "<li>sub {j}</li>").unwrap();
            }
            html.push_str("</ul>");
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    // Lists nested 300 deep.
    html.push_str(&"<ol><li>deep ".repeat(300));
    html.push_str(&"</li></ol>".repeat(300));
    // A table of 2500 rows and 80 columns, with absurd spans.
    html.push_str("<table><tr>");
    for c in 0..80 {
        write!(html, "<th>h{c}</th>").unwrap();
    }
    html.push_str("</tr>");
    html.push_str(r#"<tr><td rowspan="99999999">spans every row</td></tr>"#);
    for r in 1..2500 {
        write!(html,
            r#"<tr><td rowspan="x">r{r}</td><td colspan="-5">x</td><td colspan="4000000000">y</td></tr>"#
        ).unwrap();
    }
    html.push_str("</table>");
    // Broken table markup.
    html.push_str(
        "<table><td>loose cell<tr><th>a<td>b</table><tr><td>outside</td></tr><td>cell</td>",
    );
    // A gallery of 250 photos.
    html.push_str(r#"<figure class="wp-block-gallery">"#);
    for i in 0..250 {
        write!(
            html,
            r#"<figure><img src="/p/{i}.jpg" width="300" height="200" alt="p{i}"></figure>"#
        )
        .unwrap();
    }
    html.push_str("</figure><hr><hr><hr>");
    let (out, article) = import_post(dir.path(), &html);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stderr);
    assert!(
        report.contains("a list of 1200 items split into lists of 500"),
        "{report}"
    );
    assert!(
        report.contains("sub-items cut to the first 500"),
        "{report}"
    );
    assert!(
        report.contains("table row cut to its first 50 cells"),
        "{report}"
    );
    let lists = blocks_of(&article, "list");
    assert!(lists.len() >= 4, "{}", lists.len());
    assert_eq!(lists[0]["items"].as_array().unwrap().len(), 500);
    assert_eq!(lists[0]["items"][0]["items"].as_array().unwrap().len(), 500);
    let tables = blocks_of(&article, "table");
    assert_eq!(
        tables
            .iter()
            .map(|t| t["rows"].as_array().unwrap().len())
            .collect::<Vec<_>>(),
        vec![1000, 1000, 500, 2],
        "2500 rows in tables of 1000, then the broken table"
    );
    assert!(tables[..3]
        .iter()
        .all(|t| t["header"].as_array().unwrap().len() == 50));
    let galleries = blocks_of(&article, "gallery");
    assert_eq!(
        galleries
            .iter()
            .map(|g| g["figures"].as_array().unwrap().len())
            .collect::<Vec<_>>(),
        vec![100, 100, 50]
    );
    // Separators: never two in a row, never last.
    let body = article["body"].as_array().unwrap();
    assert_ne!(body.last().unwrap()["type"], "separator");
    let (code, report) = validate(&out.stdout);
    assert_eq!(code, Some(0), "{report}");
    assert!(!report.contains("warning:"), "{report}");
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

#[test]
fn deep_nesting_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    fs::write(
        &page,
        format!("<title>Deep</title>{}x", "<div>".repeat(200_000)),
    )
    .unwrap();
    let out = run(&[
        "import",
        &page.to_string_lossy(),
        "--url",
        "https://example.org/d.html",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("nests elements about 200000 levels deep"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_ten_megabyte_page_is_read_and_cut_to_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("big.html");
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
        .repeat(3);
    let mut html = String::from("<html><head><title>Big</title><meta property=\"article:published_time\" content=\"2022-11-25T15:15:00+07:00\"></head><body><article>");
    while html.len() < 10 * 1024 * 1024 {
        html.push_str("<p>");
        html.push_str(&para);
        html.push_str("</p>");
    }
    html.push_str("</article></body></html>");
    fs::write(&page, html).unwrap();
    let out = run(&[
        "import",
        &page.to_string_lossy(),
        "--url",
        "https://example.org/b.html",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("only the first 2000 of"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_source_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("huge.html");
    let file = fs::File::create(&page).unwrap();
    file.set_len(40 * 1024 * 1024).unwrap();
    let out = run(&["import", &page.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("larger than the limit"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn urls_are_fetched_from_a_loopback_server() {
    let server = devserver::Server::builder()
        .root(here().join("tests/fixtures"))
        .start()
        .unwrap();
    // A page: its image without a size is fetched (its first bytes) to read it.
    let page = format!("{}portal/le-chan-tong-ket-nghi-quyet-8.html", server.url());
    let out = run(&["import", &page, "--timezone", "Asia/Ho_Chi_Minh"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let third = &article["body"][4];
    assert_eq!(third["type"], "figure");
    assert_eq!(
        third["src"],
        format!("{}portal/images/le-chan-hoi-nghi-3.png", server.url())
    );
    assert_eq!(
        (third["width"].clone(), third["height"].clone()),
        (800.into(), 533.into())
    );
    assert_eq!(
        server.request_count("/portal/images/le-chan-hoi-nghi-3.png"),
        1
    );
    // A feed by URL.
    let (files, report, code) = import(&format!("{}feeds/feed.json", server.url()), &[]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(files.len(), 2);
    // A missing page: could not read.
    let out = run(&["import", &format!("{}missing.html", server.url())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("HTTP 404"),
        "{}",
        text(&out.stderr)
    );
    server.stop();
}

#[test]
fn several_articles_need_an_output_folder() {
    let out = run(&["import", &fixture("feeds/atom.xml"), "--timezone", "UTC"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(&["import", &fixture("feeds/rss.xml"), "--timezone", "UTC"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("give -o DIR"));
    let _ = Path::new("");
}
