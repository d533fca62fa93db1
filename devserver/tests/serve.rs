//! Tests of the server over real loopback sockets, with `std::net::TcpStream` as
//! the client so that nothing rewrites the request paths on the way.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic is how a test reports failure.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use devserver::{Reply, Server, ServerHandle};

/// A response as read off the wire.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Reads one response; `head_only` for answers to `HEAD`.
fn read_response(reader: &mut impl BufRead, head_only: bool) -> Response {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .map_or(0, |(_, value)| value.parse().unwrap());
    let mut body = vec![0; if head_only { 0 } else { length }];
    reader.read_exact(&mut body).unwrap();
    Response {
        status,
        headers,
        body,
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// Sends one request with `Connection: close` and reads the answer.
fn send(server: &ServerHandle, method: &str, target: &str, extra_headers: &str) -> Response {
    let mut stream = connect(server.addr);
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {}\r\n{extra_headers}Connection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let response = read_response(&mut reader, method == "HEAD");
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "bytes after the response: {rest:?}");
    response
}

fn get(server: &ServerHandle, target: &str) -> Response {
    send(server, "GET", target, "")
}

/// A fresh directory tree: `site/` (the root), `fixtures/` and a secret file beside
/// them that no request may reach.
struct Site {
    base: PathBuf,
}

impl Site {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir().join(format!(
            "devserver-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&base);
        let files: &[(&str, &[u8])] = &[
            ("site/index.html", b"<!doctype html><title>reader</title>"),
            ("site/app-1a2b.js", b"export default 1;"),
            ("site/sw.mjs", b"self;"),
            ("site/app_bg.wasm", b"\0asm\x01\0\0\0"),
            ("site/style.css", b"body{}"),
            ("site/article.json", b"{\"title\":\"t\"}"),
            ("site/icon.svg", b"<svg/>"),
            ("site/icon.png", b"\x89PNG"),
            ("site/favicon.ico", b"\0\0\x01\0"),
            ("site/manifest.webmanifest", b"{}"),
            ("site/robots.txt", b"User-agent: *"),
            ("site/a b.txt", b"spaced"),
            ("site/sub/index.html", b"<p>sub</p>"),
            ("fixtures/article.json", b"{\"fixture\":true}"),
            ("secret.txt", b"TOP SECRET"),
        ];
        for (name, contents) in files {
            let path = base.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        Self { base }
    }

    fn root(&self) -> PathBuf {
        self.base.join("site")
    }

    fn fixtures(&self) -> PathBuf {
        self.base.join("fixtures")
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.base);
    }
}

fn serve(root: &Path) -> ServerHandle {
    Server::builder().root(root).start().unwrap()
}

#[test]
fn serves_files_with_their_content_types() {
    let site = Site::new();
    let server = serve(&site.root());
    let cases = [
        ("/index.html", "text/html; charset=utf-8"),
        ("/app-1a2b.js", "text/javascript"),
        ("/sw.mjs", "application/javascript"),
        ("/app_bg.wasm", "application/wasm"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/article.json", "application/json"),
        ("/icon.svg", "image/svg+xml"),
        ("/icon.png", "image/png"),
        ("/favicon.ico", "image/x-icon"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ];
    for (path, content_type) in cases {
        let response = get(&server, path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("Content-Type"),
            Some(content_type),
            "{path}"
        );
        assert_eq!(response.header("Cache-Control"), Some("no-cache"), "{path}");
        let on_disk = fs::read(site.root().join(&path[1..])).unwrap();
        assert_eq!(response.body, on_disk, "{path}");
    }
}

#[test]
fn serves_the_index_for_the_root_and_directories() {
    let site = Site::new();
    let server = serve(&site.root());
    assert_eq!(
        get(&server, "/").text(),
        "<!doctype html><title>reader</title>"
    );
    assert_eq!(get(&server, "/sub/").text(), "<p>sub</p>");
    let redirect = get(&server, "/sub?x=1");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("Location"), Some("/sub/?x=1"));
}

#[test]
fn answers_conditional_and_range_requests() {
    let site = Site::new();
    let server = serve(&site.root());
    let first = get(&server, "/style.css");
    let modified = first
        .header("Last-Modified")
        .expect("Last-Modified")
        .to_owned();
    let again = send(
        &server,
        "GET",
        "/style.css",
        &format!("If-Modified-Since: {modified}\r\n"),
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let part = send(&server, "GET", "/robots.txt", "Range: bytes=0-3\r\n");
    assert_eq!(part.status, 206);
    assert_eq!(part.text(), "User");
}

#[test]
fn decodes_paths_and_ignores_queries() {
    let site = Site::new();
    let server = serve(&site.root());
    assert_eq!(get(&server, "/a%20b.txt").text(), "spaced");
    let response = get(&server, "/app-1a2b.js?v=2#frag");
    assert_eq!(response.status, 200);
    assert_eq!(response.text(), "export default 1;");
    assert_eq!(
        server.requests(),
        vec![
            ("GET".to_owned(), "/a b.txt".to_owned()),
            ("GET".to_owned(), "/app-1a2b.js".to_owned()),
        ]
    );
}

#[test]
fn refuses_to_leave_the_root() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .mount("/fixtures/", site.fixtures())
        .spa_fallback(true)
        .start()
        .unwrap();
    let attempts = [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sub/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/fixtures/../../secret.txt",
        "/fixtures/%2e%2e/secret.txt",
        "http://127.0.0.1/../secret.txt",
    ];
    for target in attempts {
        let response = get(&server, target);
        assert_eq!(response.status, 404, "{target}");
        assert!(!response.text().contains("SECRET"), "{target}");
    }
    // An absolute file-system path is looked up under the root, where it is not.
    let secret = site.base.join("secret.txt");
    let response = get(&server, &format!("/{}", secret.display()));
    assert_eq!(response.status, 404);
    assert!(!response.text().contains("SECRET"));
    // Not a path at all, or not one that decodes.
    assert_eq!(get(&server, "../secret.txt").status, 400);
    assert_eq!(get(&server, "/%zz.txt").status, 404);
}

#[test]
fn answers_404_in_plain_text() {
    let site = Site::new();
    let server = serve(&site.root());
    for path in ["/missing.js", "/articles/42", "/sub/missing/"] {
        let response = get(&server, path);
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(
            response.header("Content-Type"),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(response.text(), "404 Not Found\n");
    }
    let no_root = Server::builder().start().unwrap();
    assert_eq!(get(&no_root, "/").status, 404);
}

#[test]
fn spa_fallback_serves_the_index_for_routes_only() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .mount("/fixtures/", site.fixtures())
        .spa_fallback(true)
        .start()
        .unwrap();
    let deep_link = get(&server, "/articles/42");
    assert_eq!(deep_link.status, 200);
    assert_eq!(
        deep_link.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(deep_link.text(), "<!doctype html><title>reader</title>");
    assert_eq!(get(&server, "/missing.js").status, 404);
    assert_eq!(get(&server, "/fixtures/missing").status, 404);
    assert_eq!(send(&server, "POST", "/articles/42", "").status, 405);
}

#[test]
fn mounts_serve_their_own_directory() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .mount("/fixtures/", site.fixtures())
        .start()
        .unwrap();
    assert_eq!(
        get(&server, "/fixtures/article.json").text(),
        "{\"fixture\":true}"
    );
    assert_eq!(get(&server, "/article.json").text(), "{\"title\":\"t\"}");
    fs::create_dir(site.fixtures().join("nested")).unwrap();
    let redirect = get(&server, "/fixtures/nested?x=1");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("Location"), Some("/fixtures/nested/?x=1"));
}

#[test]
fn cors_and_site_headers() {
    let site = Site::new();
    let csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
    let server = Server::builder()
        .root(site.root())
        .cors(true)
        .header("Content-Security-Policy", csp)
        .handler(|request| {
            (request.path == "/own-csp").then(|| {
                Reply::text(200, "x").header("Content-Security-Policy", "default-src 'none'")
            })
        })
        .start()
        .unwrap();
    for path in ["/app_bg.wasm", "/missing.js"] {
        let response = get(&server, path);
        assert_eq!(
            response.header("Access-Control-Allow-Origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(
            response.header("Content-Security-Policy"),
            Some(csp),
            "{path}"
        );
    }
    let own = get(&server, "/own-csp");
    assert_eq!(
        own.header("Content-Security-Policy"),
        Some("default-src 'none'")
    );
    let preflight = send(
        &server,
        "OPTIONS",
        "/app_bg.wasm",
        "Origin: http://example.test\r\n",
    );
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(preflight.header("Access-Control-Allow-Methods").is_some());

    let plain = serve(&site.root());
    assert_eq!(
        get(&plain, "/app_bg.wasm").header("Access-Control-Allow-Origin"),
        None
    );
}

#[test]
fn head_sends_headers_only() {
    let site = Site::new();
    let server = serve(&site.root());
    let response = send(&server, "HEAD", "/app_bg.wasm", "");
    assert_eq!(response.status, 200);
    assert_eq!(response.header("Content-Length"), Some("8"));
    assert_eq!(response.header("Content-Type"), Some("application/wasm"));
    assert!(response.body.is_empty());
}

#[test]
fn handler_injects_statuses_headers_and_bodies() {
    let site = Site::new();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let server = Server::builder()
        .root(site.root())
        .handler(move |request| match request.path.as_str() {
            "/article.json" if seen.fetch_add(1, Ordering::SeqCst) == 0 => {
                Some(Reply::text(503, "busy").header("Retry-After", "2"))
            }
            "/wrong-type.wasm" => Some(Reply::new(200).content_type("text/html").body("<p>")),
            "/echo" => Some(Reply::json(
                200,
                format!(
                    "{{\"q\":\"{}\",\"ua\":\"{}\",\"body\":{}}}",
                    request.query.as_deref().unwrap_or_default(),
                    request.header("user-agent").unwrap_or_default(),
                    request.body.len()
                ),
            )),
            "/tagged.js" => Some(Reply::passthrough().header("X-Fault", "none")),
            _ => None,
        })
        .start()
        .unwrap();

    let busy = get(&server, "/article.json");
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("Retry-After"), Some("2"));
    assert_eq!(busy.text(), "busy");
    assert_eq!(get(&server, "/article.json").text(), "{\"title\":\"t\"}");

    let wrong = get(&server, "/wrong-type.wasm");
    assert_eq!(wrong.header("Content-Type"), Some("text/html"));
    assert_eq!(wrong.text(), "<p>");

    let echo = send(&server, "GET", "/echo?a=1", "User-Agent: probe\r\n");
    assert_eq!(echo.header("Content-Type"), Some("application/json"));
    assert_eq!(echo.text(), "{\"q\":\"a=1\",\"ua\":\"probe\",\"body\":0}");

    // Passthrough of a missing file still 404s, with the extra header.
    let tagged = get(&server, "/tagged.js");
    assert_eq!(
        (tagged.status, tagged.header("X-Fault")),
        (404, Some("none"))
    );
    assert_eq!(server.request_count("/article.json"), 2);
}

#[test]
fn handler_can_drop_and_truncate() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .handler(|request| match request.path.as_str() {
            "/drop" => Some(Reply::drop_connection()),
            "/app_bg.wasm" => Some(Reply::passthrough().truncate_body(4)),
            _ => None,
        })
        .start()
        .unwrap();

    let mut stream = connect(server.addr);
    stream
        .write_all(b"GET /drop HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut received = Vec::new();
    stream.read_to_end(&mut received).unwrap();
    assert!(received.is_empty(), "{received:?}");

    let mut stream = connect(server.addr);
    stream
        .write_all(b"GET /app_bg.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut received = Vec::new();
    stream.read_to_end(&mut received).unwrap();
    let text = String::from_utf8_lossy(&received).to_ascii_lowercase();
    assert!(text.contains("content-length: 8\r\n"), "{text}");
    assert!(received.ends_with(b"\r\n\r\n\0asm"), "{text}");
}

#[test]
fn handler_can_reset_and_throttle() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .handler(|request| match request.path.as_str() {
            "/reset" => Some(Reply::reset_connection()),
            "/robots.txt" => Some(Reply::passthrough().throttle(4, Duration::from_millis(100))),
            _ => None,
        })
        .start()
        .unwrap();

    let mut stream = connect(server.addr);
    stream
        .write_all(b"GET /reset HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut received = Vec::new();
    let error = stream.read_to_end(&mut received).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::ConnectionReset);
    assert!(received.is_empty(), "{received:?}");

    // 13 bytes in 4 chunks, each 100 ms late.
    let started = Instant::now();
    let slow = get(&server, "/robots.txt");
    assert_eq!(slow.text(), "User-agent: *");
    assert_eq!(slow.header("Content-Length"), Some("13"));
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_slow_response_does_not_block_others() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .handler(|request| {
            (request.path == "/slow.json")
                .then(|| Reply::json(200, "{}").delay(Duration::from_secs(2)))
        })
        .start()
        .unwrap();
    let addr = server.addr;
    let slow = thread::spawn(move || {
        let mut stream = connect(addr);
        stream
            .write_all(b"GET /slow.json HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let started = Instant::now();
        let response = read_response(&mut BufReader::new(stream), false);
        (response.status, started.elapsed())
    });
    // Wait until the slow request is in, then time a fast one.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.request_count("/slow.json") == 0 {
        assert!(Instant::now() < deadline, "the slow request never arrived");
        thread::sleep(Duration::from_millis(5));
    }
    let started = Instant::now();
    assert_eq!(get(&server, "/robots.txt").status, 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    let (status, waited) = slow.join().unwrap();
    assert_eq!(status, 200);
    assert!(waited >= Duration::from_millis(1500), "{waited:?}");
}

#[test]
fn keeps_connections_alive_and_closes_them_on_stop() {
    let site = Site::new();
    let server = Server::builder()
        .root(site.root())
        .handler(|request| {
            (request.path == "/forever").then(|| Reply::new(200).delay(Duration::from_secs(600)))
        })
        .start()
        .unwrap();
    let addr = server.addr;
    let mut stream = connect(addr);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for _ in 0..2 {
        stream
            .write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let response = read_response(&mut reader, false);
        assert_eq!(response.text(), "User-agent: *");
        assert_eq!(response.header("Connection"), None);
    }
    let mut waiting = connect(addr);
    waiting
        .write_all(b"GET /forever HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.request_count("/forever") == 0 {
        assert!(Instant::now() < deadline, "the request never arrived");
        thread::sleep(Duration::from_millis(5));
    }

    let started = Instant::now();
    server.stop();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stop took {:?}",
        started.elapsed()
    );
    // Both the idle kept-alive connection and the one waiting for a delayed reply
    // are closed without a response, and nothing listens any more.
    let mut rest = Vec::new();
    assert_eq!(reader.read_to_end(&mut rest).unwrap_or(0), 0);
    assert_eq!(waiting.read_to_end(&mut rest).unwrap_or(0), 0);
    assert!(TcpStream::connect(addr).is_err());
}

#[test]
fn serves_precompressed_siblings() {
    let site = Site::new();
    fs::write(site.root().join("app-1a2b.js.br"), b"pretend brotli").unwrap();
    let server = serve(&site.root());
    let compressed = send(&server, "GET", "/app-1a2b.js", "Accept-Encoding: br\r\n");
    assert_eq!(compressed.header("Content-Encoding"), Some("br"));
    assert_eq!(compressed.header("Content-Type"), Some("text/javascript"));
    assert_eq!(compressed.text(), "pretend brotli");
    assert_eq!(get(&server, "/app-1a2b.js").text(), "export default 1;");
}

#[test]
fn start_fails_without_the_root_directory() {
    let missing = std::env::temp_dir().join("devserver-test-no-such-dir");
    let error = Server::builder().root(&missing).start().unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn a_given_port_is_used() {
    let site = Site::new();
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = probe.local_addr().unwrap().port();
    drop(probe);
    let server = Server::builder()
        .root(site.root())
        .port(port)
        .start()
        .unwrap();
    assert_eq!(server.port(), port);
    assert_eq!(server.url(), format!("http://127.0.0.1:{port}/"));
}

#[test]
fn invalid_headers_are_reported_not_sent() {
    let site = Site::new();
    let error = Server::builder()
        .root(site.root())
        .header("Bad Name", "x")
        .start()
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("Bad Name"), "{error}");

    let server = Server::builder()
        .handler(|_| Some(Reply::text(200, "x").header("X-Evil", "a\r\nSet-Cookie: x")))
        .start()
        .unwrap();
    let response = get(&server, "/");
    assert_eq!(response.status, 500);
    assert!(response.text().contains("X-Evil"), "{}", response.text());
    assert_eq!(response.header("Set-Cookie"), None);
}

#[test]
fn a_panicking_handler_gives_500() {
    let server = Server::builder()
        .handler(|_| -> Option<Reply> { panic!("deliberate test panic") })
        .start()
        .unwrap();
    assert_eq!(get(&server, "/").status, 500);
}

#[cfg(feature = "gzip")]
#[test]
fn compresses_when_asked_and_accepted() {
    let site = Site::new();
    let big = "let article = 1;\n".repeat(500);
    fs::write(site.root().join("big.js"), &big).unwrap();
    let server = Server::builder()
        .root(site.root())
        .compress(true)
        .start()
        .unwrap();
    let compressed = send(&server, "GET", "/big.js", "Accept-Encoding: gzip\r\n");
    assert_eq!(compressed.header("Content-Encoding"), Some("gzip"));
    assert!(compressed
        .header("Vary")
        .is_some_and(|vary| vary.eq_ignore_ascii_case("accept-encoding")));
    assert!(compressed.body.len() < big.len() / 10);
    let mut decoded = String::new();
    flate2::read::GzDecoder::new(&compressed.body[..])
        .read_to_string(&mut decoded)
        .unwrap();
    assert_eq!(decoded, big);
    let plain = get(&server, "/big.js");
    assert_eq!(plain.header("Content-Encoding"), None);
    assert_eq!(plain.text(), big);
    // Already compressed formats, and clients that refuse every coding, get the file.
    let png = send(&server, "GET", "/icon.png", "Accept-Encoding: gzip\r\n");
    assert_eq!(png.header("Content-Encoding"), None);
    let refused = send(&server, "GET", "/big.js", "Accept-Encoding: gzip;q=0\r\n");
    assert_eq!(refused.header("Content-Encoding"), None);
}

#[cfg(feature = "brotli")]
#[test]
fn prefers_brotli_and_keeps_the_result() {
    let site = Site::new();
    let big = "let article = 1;\n".repeat(500);
    fs::write(site.root().join("big.js"), &big).unwrap();
    let server = Server::builder()
        .root(site.root())
        .compress(true)
        .start()
        .unwrap();
    let accept = "Accept-Encoding: gzip, deflate, br, zstd\r\n";
    let first = send(&server, "GET", "/big.js", accept);
    assert_eq!(first.header("Content-Encoding"), Some("br"));
    let mut decoded = String::new();
    brotli::Decompressor::new(&first.body[..], 4096)
        .read_to_string(&mut decoded)
        .unwrap();
    assert_eq!(decoded, big);
    let second = send(&server, "GET", "/big.js", accept);
    assert_eq!(second.body, first.body);
    assert_eq!(
        second.header("Content-Length"),
        Some(first.body.len().to_string().as_str())
    );
    // A new version of the file (likely within the same second) is compressed anew.
    let newer = "let article = 2;\n".repeat(600);
    fs::write(site.root().join("big.js"), &newer).unwrap();
    let third = send(&server, "GET", "/big.js", accept);
    let mut decoded = String::new();
    brotli::Decompressor::new(&third.body[..], 4096)
        .read_to_string(&mut decoded)
        .unwrap();
    assert_eq!(decoded, newer);
}
