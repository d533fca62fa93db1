//! QR codes of URLs: the module matrix, its SVG drawing and a greyscale image.
//!
//! Encoding is done by `qrcodegen-no-heap` (Project Nayuki's encoder: no
//! allocation, no `std`, the mask penalty rules exactly as ISO/IEC 18004
//! states them) at error-correction level M (15 % of the code can be damaged
//! or covered and it still reads), always in byte mode with no ECI header: a
//! URL's UTF-8 bytes, which every phone scanner reads as UTF-8. Byte mode is
//! also what a lower-case URL needs anyway; only all-digit or all-upper-case
//! texts could be a version smaller in another mode, and we never make those.
//! Kanji mode is never used (UTF-8 Vietnamese is full of byte pairs that are
//! valid Shift-JIS, which would make scanners show Japanese characters).
//!
//! Nothing here touches the browser: the SVG is a string and the raster image
//! a plain pixel buffer, which the page draws on a canvas for the PNG download.

use crate::decimal;
use crate::prelude::*;
use core::fmt;

use qrcodegen_no_heap::{QrCode as Encoder, QrCodeEcc, Version as EncoderVersion};

/// Why a QR code could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// There was nothing to encode.
    Empty,
    /// The text does not fit in the largest QR code (version 40) at level M.
    TooLong {
        /// Length of the text in UTF-8 bytes.
        bytes: usize,
    },
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::Empty => f.write_str("cannot make a QR code of an empty text"),
            QrError::TooLong { bytes } => write!(
                f,
                "the text is too long for a QR code: {bytes} bytes, and a QR code at \
                 error-correction level M holds at most {MAX_BYTES_M} bytes of arbitrary text"
            ),
        }
    }
}

impl core::error::Error for QrError {}

/// The result of QR operations.
pub type Result<T> = core::result::Result<T, QrError>;

/// Width of the light margin around the code, in modules, that scanners need
/// to find it (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// Where [`QrCode::path_data`] starts: the middle of the first row, past the
/// quiet zone (tested against [`QUIET_ZONE`]).
const PATH_START: &str = "M4 4.5";

/// The most bytes of arbitrary (byte-mode) text a version 40 code holds at level M.
pub const MAX_BYTES_M: usize = 2331;

/// Largest `scale` that [`QrCode::luma`] accepts; bigger values are clamped so
/// a wrong argument cannot ask for gigabytes.
pub const MAX_LUMA_SCALE: usize = 32;

/// Pixels per module in [`QrCode::svg_document`]'s `width` and `height`.
pub const SVG_PIXELS_PER_MODULE: usize = 8;

/// A QR code: a square of dark and light modules, without the quiet zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrCode {
    /// Modules per side.
    width: usize,
    /// QR version, 1 to 40.
    version: u8,
    /// Row by row, `true` for dark.
    dark: Vec<bool>,
}

/// Encodes `data` (its UTF-8 bytes in byte mode, with no ECI header) at
/// error-correction level M in the smallest QR version that holds it. Never
/// panics.
///
/// # Errors
///
/// [`QrError::Empty`] for an empty string and [`QrError::TooLong`] when the
/// text does not fit in a version 40 code (more than [`MAX_BYTES_M`] bytes).
pub fn encode(data: &str) -> Result<QrCode> {
    let bytes = data.as_bytes();
    if bytes.is_empty() {
        return Err(QrError::Empty);
    }
    let too_long = QrError::TooLong { bytes: bytes.len() };
    if bytes.len() > MAX_BYTES_M {
        return Err(too_long);
    }
    let len = EncoderVersion::MAX.buffer_len();
    let mut data_and_temp = vec![0_u8; len];
    let mut out = vec![0_u8; len];
    data_and_temp[..bytes.len()].copy_from_slice(bytes);
    let code = Encoder::encode_binary(
        &mut data_and_temp,
        bytes.len(),
        &mut out,
        QrCodeEcc::Medium,
        EncoderVersion::MIN,
        EncoderVersion::MAX,
        None,
        false,
    )
    .map_err(|_| too_long)?;
    let side = code.size();
    let dark = (0..side)
        .flat_map(|y| (0..side).map(move |x| (x, y)))
        .map(|(x, y)| code.get_module(x, y))
        .collect();
    Ok(QrCode {
        width: usize::try_from(side).unwrap_or(0),
        version: code.version().value(),
        dark,
    })
}

impl QrCode {
    /// Modules per side, without the quiet zone (21 for version 1, 177 for 40).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The QR version (1 to 40) the data needed.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Whether the module at column `x`, row `y` (quiet zone excluded) is dark;
    /// `false` out of range.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// Modules per side including the quiet zone on both sides.
    pub fn size_with_quiet_zone(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// The number of dark modules.
    pub fn dark_count(&self) -> usize {
        self.dark.iter().filter(|&&d| d).count()
    }

    /// An SVG path `d` drawing every dark module as a 1-unit-wide stroke (the
    /// path is stroked, not filled), in a viewBox of
    /// `0 0 size_with_quiet_zone() size_with_quiet_zone()` (the quiet-zone
    /// offset applied). Each horizontal run of dark modules is one line along
    /// the middle of its row: from `M4 4.5` (the first row's middle, past
    /// the quiet zone), each run is `m{dx} {dy}h{n}`, a move from the end of
    /// the run before and a line of `n` modules. About half the size of one
    /// rectangle per run.
    pub fn path_data(&self) -> String {
        let mut d = String::with_capacity(self.width * self.width / 2);
        d.push_str(PATH_START);
        // Where the pen is: the column (a run's end), the row.
        let (mut pen_x, mut pen_y) = (0, 0);
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if row[x] {
                    let start = x;
                    while x < row.len() && row[x] {
                        x += 1;
                    }
                    d.push('m');
                    if start < pen_x {
                        d.push('-');
                    }
                    decimal::push(&mut d, start.abs_diff(pen_x) as u64);
                    d.push(' ');
                    decimal::push(&mut d, (y - pen_y) as u64);
                    d.push('h');
                    decimal::push(&mut d, (x - start) as u64);
                    (pen_x, pen_y) = (x, y);
                } else {
                    x += 1;
                }
            }
        }
        d
    }

    /// A standalone SVG file: XML declaration, `xmlns`, `viewBox`, a
    /// `width`/`height` of [`SVG_PIXELS_PER_MODULE`] pixels per module, a white
    /// background (the quiet zone must be light even on a dark page), one black
    /// stroked path ([`QrCode::path_data`]), `shape-rendering="crispEdges"`,
    /// and `title` (XML-escaped) as the accessible name. Ends with a newline.
    pub fn svg_document(&self, title: &str) -> String {
        let size = decimal::text(self.size_with_quiet_zone() as u64);
        let px = decimal::text((self.size_with_quiet_zone() * SVG_PIXELS_PER_MODULE) as u64);
        // Joined with `concat`, not `format!` (which would link `core::fmt`
        // into the embed's wasm).
        [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ",
            &size,
            " ",
            &size,
            "\" width=\"",
            &px,
            "\" height=\"",
            &px,
            "\" shape-rendering=\"crispEdges\" role=\"img\"><title>",
            &escape_xml(title),
            "</title><rect width=\"",
            &size,
            "\" height=\"",
            &size,
            "\" fill=\"#fff\"/><path stroke=\"#000\" d=\"",
            &self.path_data(),
            "\"/></svg>\n",
        ]
        .concat()
    }

    /// A square greyscale image of the code with its quiet zone: `(side, pixels)`
    /// with `side * side` pixels row by row, 0 for dark and 255 for light, each
    /// module `scale` pixels wide. `scale` is clamped to `1..=MAX_LUMA_SCALE`.
    pub fn luma(&self, scale: usize) -> (usize, Vec<u8>) {
        let scale = scale.clamp(1, MAX_LUMA_SCALE);
        let modules = self.size_with_quiet_zone();
        let side = modules * scale;
        let mut pixels = vec![255_u8; side * side];
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            for (x, _) in row.iter().enumerate().filter(|(_, &d)| d) {
                let left = (x + QUIET_ZONE) * scale;
                for py in (y + QUIET_ZONE) * scale..(y + QUIET_ZONE + 1) * scale {
                    let start = py * side + left;
                    pixels[start..start + scale].fill(0);
                }
            }
        }
        (side, pixels)
    }
}

/// Escapes the five XML special characters and drops the control characters
/// that XML 1.0 does not allow at all (they would make the file unreadable).
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO_URL: &str = "https://haiphong.gov.vn/tin-tuc-su-kien/quan-uy-le-chan-tong-ket-10-nam-thuc-hien-nghi-quyet-trung-uong-8-khoa-xi-ve-chien-luoc-bao-ve-to-quoc-trong-tinh-hinh-moi-625413.html";

    /// Byte-mode capacity at level M of versions 1 to 40 (ISO/IEC 18004,
    /// table 7): an independent check of the encoder's version choice.
    const CAPACITY_M: [usize; 40] = [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624,
        666, 711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809,
        1911, 1989, 2099, 2213, 2331,
    ];

    #[test]
    fn smallest_version_is_chosen() {
        for (i, &cap) in CAPACITY_M.iter().enumerate() {
            let version = u8::try_from(i + 1).unwrap();
            let full = encode(&"a".repeat(cap)).unwrap();
            assert_eq!(full.version(), version, "{cap} bytes");
            assert_eq!(full.width(), 17 + 4 * usize::from(version));
            if version < 40 {
                assert_eq!(encode(&"a".repeat(cap + 1)).unwrap().version(), version + 1);
            }
        }
        assert_eq!(MAX_BYTES_M, CAPACITY_M[39]);
        assert_eq!(
            encode(&"a".repeat(MAX_BYTES_M + 1)),
            Err(QrError::TooLong {
                bytes: MAX_BYTES_M + 1
            })
        );
        // Digits and capitals are bytes too: one code shape for every text.
        assert_eq!(encode(&"1".repeat(14)).unwrap().version(), 1);
        assert_eq!(encode(&"1".repeat(15)).unwrap().version(), 2);
    }

    #[test]
    fn the_same_text_gives_the_same_code() {
        assert_eq!(encode(DEMO_URL), encode(DEMO_URL));
        assert_ne!(encode(DEMO_URL), encode("https://a.example/"));
        let vi = encode("https://vi.example/tin-tức/quận-ủy-lê-chân").unwrap();
        assert_eq!(vi.version(), 4, "50 UTF-8 bytes: more than 3-M holds (42)");
    }

    #[test]
    fn errors_instead_of_panics() {
        assert_eq!(encode(""), Err(QrError::Empty));
        assert_eq!(
            encode(&"x".repeat(5000)),
            Err(QrError::TooLong { bytes: 5000 })
        );
        assert!(encode(&"ủ".repeat(100_000)).is_err());
        let msg = QrError::TooLong { bytes: 5000 }.to_string();
        assert!(
            msg.contains("5000 bytes") && msg.contains("too long"),
            "{msg}"
        );
        // A spread of lengths and byte mixes (digits, upper case, Shift-JIS
        // look-alikes, emoji) around the version boundaries.
        let alphabet = ["7", "Q", "q", "ậ", "😀", "%", " ", "\0", "ｱ"];
        let mut seed = 0x2545_f491_u32;
        for len in (1..2400).step_by(37) {
            let s: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    alphabet[seed as usize % alphabet.len()]
                })
                .collect();
            match encode(&s) {
                Ok(code) => assert_eq!(code.width(), 17 + 4 * usize::from(code.version())),
                Err(e) => assert!(matches!(e, QrError::TooLong { .. }), "{e}"),
            }
        }
    }

    #[test]
    fn geometry() {
        let code = encode("https://a.example/").unwrap();
        assert_eq!(code.width(), 25);
        assert_eq!(code.size_with_quiet_zone(), 33);
        // Finder pattern corners are dark; out of range is light.
        assert!(code.is_dark(0, 0) && code.is_dark(24, 0) && code.is_dark(0, 24));
        assert!(!code.is_dark(25, 0) && !code.is_dark(0, 25) && !code.is_dark(usize::MAX, 0));
    }

    #[test]
    fn path_starts_at_the_quiet_zone() {
        let code = encode("https://a.example/").unwrap();
        assert_eq!(super::PATH_START, format!("M{QUIET_ZONE} {QUIET_ZONE}.5"));
        // The top-left finder pattern's first row is 7 dark modules.
        assert!(
            code.path_data().starts_with("M4 4.5m0 0h7m"),
            "{}",
            code.path_data()
        );
    }

    #[test]
    fn luma_layout() {
        let code = encode("https://a.example/").unwrap();
        let (side, px) = code.luma(2);
        assert_eq!(side, 66);
        assert_eq!(px.len(), side * side);
        assert_eq!(px[0], 255);
        // Module (0,0) starts at pixel (8,8).
        assert_eq!(px[8 * side + 8], 0);
        assert_eq!(px[9 * side + 9], 0);
        let dark_px: usize = px.iter().map(|&p| usize::from(p == 0)).sum();
        assert_eq!(dark_px, 4 * code.dark_count());
        assert_eq!(code.luma(0).0, 33);
        assert_eq!(code.luma(usize::MAX).0, 33 * MAX_LUMA_SCALE);
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(
            escape_xml("<script>&\"'</script>"),
            "&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;"
        );
        assert_eq!(escape_xml("a\u{1}b\u{FFFF}c\nd"), "abc\nd");
        assert_eq!(escape_xml("Quận ủy"), "Quận ủy");
    }
}
