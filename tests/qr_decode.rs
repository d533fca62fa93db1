//! QR codes read back by an independent decoder (`rqrr`), the SVG drawing
//! checked against the module matrix, and the demo SVG as a golden file.
//!
//! Set `UPDATE_GOLDEN=1` to rewrite `tests/golden/qr-demo.svg`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use article_widget::qr::{encode, QrCode, QrError, QUIET_ZONE};
use article_widget::share::encode_component;

const DEMO_URL: &str = "https://haiphong.gov.vn/tin-tuc-su-kien/quan-uy-le-chan-tong-ket-10-nam-thuc-hien-nghi-quyet-trung-uong-8-khoa-xi-ve-chien-luoc-bao-ve-to-quoc-trong-tinh-hinh-moi-625413.html";
const DEMO_TITLE: &str = "Quận ủy Lê Chân: Tổng kết 10 năm thực hiện Nghị quyết Trung ương 8 khóa XI về Chiến lược bảo vệ Tổ quốc trong tình hình mới";
const VI_URL: &str = "https://vi.example/tin-tức/quận-ủy-lê-chân";

/// rqrr's `ecc_level` is the raw two-bit field of the format information, in
/// which M is `00` (L is 1, H is 2, Q is 3).
const RQRR_ECC_M: u16 = 0;

/// Renders `code` at 4 pixels per module and reads it with rqrr.
fn decode(code: &QrCode) -> (rqrr::MetaData, String) {
    let (side, pixels) = code.luma(4);
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "expected exactly one QR code in the image");
    grids[0].decode().expect("rqrr decodes the code")
}

fn long_url() -> String {
    let mut url = String::from("https://haiphong.gov.vn/tim-kiem?q=");
    let mut i = 0;
    while url.len() < 500 {
        url.push_str("nghi-quyet-");
        url.push_str(&i.to_string());
        url.push('-');
        i += 1;
    }
    url.push_str("#ket-qua");
    url
}

fn round_trip(data: &str) {
    let code = encode(data).unwrap_or_else(|e| panic!("{data}: {e}"));
    let (meta, content) = decode(&code);
    assert_eq!(content, data);
    assert_eq!(meta.ecc_level, RQRR_ECC_M, "{data}: not level M");
    assert_eq!(meta.version.0, usize::from(code.version()));
}

#[test]
fn short_url() {
    round_trip("https://a.example/");
}

#[test]
fn demo_canonical_url() {
    round_trip(DEMO_URL);
}

#[test]
fn long_url_of_500_characters() {
    let url = long_url();
    assert!(url.len() >= 500);
    round_trip(&url);
}

#[test]
fn raw_vietnamese_path() {
    round_trip(VI_URL);
}

#[test]
fn percent_encoded_vietnamese_path() {
    let path = "tin-tức/quận-ủy-lê-chân"
        .split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/");
    let url = format!("https://vi.example/{path}");
    assert_eq!(
        url,
        "https://vi.example/tin-t%E1%BB%A9c/qu%E1%BA%ADn-%E1%BB%A7y-l%C3%AA-ch%C3%A2n"
    );
    round_trip(&url);
}

#[test]
fn too_long_and_empty_are_errors() {
    assert_eq!(
        encode(&"a".repeat(5000)),
        Err(QrError::TooLong { bytes: 5000 })
    );
    assert_eq!(encode(""), Err(QrError::Empty));
}

#[test]
fn svg_title_is_escaped() {
    let code = encode("https://a.example/").unwrap();
    let svg = code.svg_document("<script>&\"'</script>");
    assert!(svg.contains("<title>&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;</title>"));
    assert!(!svg.contains("<script"));
    // The prolog, svg, title, /title, rect, path and /svg: none from the title.
    assert_eq!(svg.matches('<').count(), 7, "{svg}");
}

/// Parses the runs of a path back into modules: from `M4 4.5`, each run
/// `m{dx} {dy}h{n}` relative to the end of the one before.
fn modules_of_path(d: &str, size: usize) -> Vec<bool> {
    let mut grid = vec![false; size * size];
    let runs = d
        .strip_prefix("M4 4.5")
        .expect("starts past the quiet zone");
    let (mut x, mut y) = (4_isize, 4_isize);
    for (i, run) in runs.split('m').skip(1).enumerate() {
        let (dx, rest) = run.split_once(' ').expect("m{dx} {dy}");
        let (dy, n) = rest.split_once('h').expect("h{n}");
        let (dx, dy, n): (isize, isize, isize) =
            (dx.parse().unwrap(), dy.parse().unwrap(), n.parse().unwrap());
        // Runs are maximal and in reading order: on one row they never touch.
        assert!(
            dy > 0 || (dy == 0 && (dx > 0 || i == 0)),
            "run not merged or out of order: {run}"
        );
        (x, y) = (x + dx, y + dy);
        let size_i = isize::try_from(size).unwrap();
        assert!(
            n > 0 && x >= 0 && x + n <= size_i && y < size_i,
            "run out of the viewBox: {run}"
        );
        let (ux, uy, un) = (
            usize::try_from(x).unwrap(),
            usize::try_from(y).unwrap(),
            usize::try_from(n).unwrap(),
        );
        for cell in &mut grid[uy * size + ux..uy * size + ux + un] {
            assert!(!*cell, "module drawn twice: {run}");
            *cell = true;
        }
        x += n;
    }
    grid
}

#[test]
fn path_draws_exactly_the_dark_modules() {
    for data in [
        String::from("https://a.example/"),
        DEMO_URL.into(),
        long_url(),
    ] {
        let code = encode(&data).unwrap();
        let size = code.size_with_quiet_zone();
        let grid = modules_of_path(&code.path_data(), size);
        let mut drawn = 0;
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET_ZONE..QUIET_ZONE + code.width()).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + code.width()).contains(&y);
                let want = inside && code.is_dark(x - QUIET_ZONE, y - QUIET_ZONE);
                assert_eq!(grid[y * size + x], want, "module ({x},{y}) of {data}");
                drawn += usize::from(grid[y * size + x]);
            }
        }
        assert_eq!(drawn, code.dark_count());
    }
}

#[test]
fn svg_document_shape() {
    let code = encode(DEMO_URL).unwrap();
    let size = code.size_with_quiet_zone();
    let svg = code.svg_document(DEMO_TITLE);
    assert!(svg.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
    ));
    assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
    assert!(svg.contains(&format!("width=\"{}\" height=\"{}\"", size * 8, size * 8)));
    assert!(svg.contains("shape-rendering=\"crispEdges\""));
    assert!(svg.contains(&format!(
        "<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>"
    )));
    assert!(svg.contains(&format!(
        "<path stroke=\"#000\" d=\"{}\"/>",
        code.path_data()
    )));
    assert_eq!(svg.matches("<path").count(), 1);
    assert!(svg.contains(&format!("<title>{DEMO_TITLE}</title>")));
    assert!(svg.ends_with("</svg>\n"));
}

#[test]
fn golden_demo_svg() {
    let actual = encode(DEMO_URL).unwrap().svg_document(DEMO_TITLE);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/qr-demo.svg");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "golden file qr-demo.svg differs from svg_document of the demo URL; \
         if the change is intended, run with UPDATE_GOLDEN=1 and review the diff"
    );
}
