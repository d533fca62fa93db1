//! QR codes of URLs: the module matrix, its SVG drawing and a greyscale image.
//!
//! Encoding is done by the `qrcode` crate at error-correction level M (15 %
//! of the code can be damaged or covered and it still reads), with one change
//! to its automatic mode choice: Kanji mode is never used. `qrcode` treats any
//! byte pair that is valid Shift-JIS as Kanji, and UTF-8 Vietnamese is full of
//! such pairs (`ậ` is `E1 BA AD`); phone scanners would then show Japanese
//! characters instead of the URL. Numeric, alphanumeric and byte segments are
//! still mixed optimally, so ASCII input gives exactly the code `qrcode` gives.
//!
//! Nothing here touches the browser: the SVG is a string and the raster image
//! a plain pixel buffer, which the page draws on a canvas for the PNG download.

use std::fmt;

use qrcode::bits::Bits;
use qrcode::optimize::{total_encoded_len, Optimizer, Parser, Segment};
use qrcode::types::{Color, Mode, QrError as EncoderError, Version};
use qrcode::EcLevel;

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
    /// The encoder refused the data for another reason (a bug if it happens:
    /// every input that fits should encode).
    Encoder {
        /// The encoder's own description of the problem.
        reason: &'static str,
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
            QrError::Encoder { reason } => write!(f, "the QR encoder failed: {reason}"),
        }
    }
}

impl std::error::Error for QrError {}

impl From<EncoderError> for QrError {
    fn from(e: EncoderError) -> Self {
        let reason = match e {
            EncoderError::DataTooLong => "data too long",
            EncoderError::InvalidVersion => "invalid version",
            EncoderError::UnsupportedCharacterSet => "unsupported character set",
            EncoderError::InvalidEciDesignator => "invalid ECI designator",
            EncoderError::InvalidCharacter => "invalid character",
        };
        QrError::Encoder { reason }
    }
}

/// The result of QR operations.
pub type Result<T> = std::result::Result<T, QrError>;

/// Width of the light margin around the code, in modules, that scanners need
/// to find it (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// The most bytes of arbitrary (byte-mode) text a version 40 code holds at level M.
pub const MAX_BYTES_M: usize = 2331;

/// The most digits (the densest mode) a version 40 code holds at level M: no
/// longer text can fit, so longer input is refused before any work is done.
const MAX_DIGITS_M: usize = 5596;

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

/// Encodes `data` (its UTF-8 bytes, with no ECI header) at error-correction
/// level M in the smallest QR version that holds it. Never panics.
///
/// # Errors
///
/// [`QrError::Empty`] for an empty string, [`QrError::TooLong`] when the text
/// does not fit in a version 40 code (for URLs: more than about 2300
/// characters), and [`QrError::Encoder`] if the encoder refuses the data.
pub fn encode(data: &str) -> Result<QrCode> {
    let bytes = data.as_bytes();
    if bytes.is_empty() {
        return Err(QrError::Empty);
    }
    if bytes.len() > MAX_DIGITS_M {
        return Err(QrError::TooLong { bytes: bytes.len() });
    }
    let segments = segments(bytes);
    // The length field of each segment has the same size for every version in
    // one of these groups, so one optimisation serves the whole group.
    for (first, last) in [(1_i16, 9_i16), (10, 26), (27, 40)] {
        let optimized: Vec<Segment> =
            Optimizer::new(segments.iter().copied(), Version::Normal(last)).collect();
        let needed = total_encoded_len(&optimized, Version::Normal(last));
        for v in first..=last {
            let version = Version::Normal(v);
            if needed <= Bits::new(version).max_len(EcLevel::M)? {
                let mut bits = Bits::new(version);
                bits.push_segments(bytes, optimized.into_iter())?;
                bits.push_terminator(EcLevel::M)?;
                let code = qrcode::QrCode::with_bits(bits, EcLevel::M)?;
                return Ok(QrCode::from_encoder(&code, v));
            }
        }
    }
    Err(QrError::TooLong { bytes: bytes.len() })
}

/// `qrcode`'s segmentation of `bytes` with Kanji segments turned into byte
/// segments (see the module documentation for why).
fn segments(bytes: &[u8]) -> Vec<Segment> {
    Parser::new(bytes)
        .map(|s| {
            if s.mode == Mode::Kanji {
                Segment {
                    mode: Mode::Byte,
                    ..s
                }
            } else {
                s
            }
        })
        .collect()
}

impl QrCode {
    fn from_encoder(code: &qrcode::QrCode, version: i16) -> QrCode {
        QrCode {
            width: code.width(),
            version: u8::try_from(version).unwrap_or(0),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        }
    }

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

    /// An SVG path `d` drawing every dark module, in a viewBox of
    /// `0 0 size_with_quiet_zone() size_with_quiet_zone()` (the quiet-zone
    /// offset applied). Each horizontal run of dark modules is one rectangle,
    /// `M{x} {y}h{n}v1h-{n}z`, which keeps the path about a third the size of
    /// one square per module.
    pub fn path_data(&self) -> String {
        use fmt::Write as _;
        let mut d = String::with_capacity(self.width * self.width);
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if row[x] {
                    let start = x;
                    while x < row.len() && row[x] {
                        x += 1;
                    }
                    let n = x - start;
                    // Writing to a String cannot fail.
                    let _ = write!(d, "M{} {}h{n}v1h-{n}z", start + QUIET_ZONE, y + QUIET_ZONE);
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
    /// path, `shape-rendering="crispEdges"`, and `title` (XML-escaped) as the
    /// accessible name. Ends with a newline.
    pub fn svg_document(&self, title: &str) -> String {
        let size = self.size_with_quiet_zone();
        let px = size * SVG_PIXELS_PER_MODULE;
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
             width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" role=\"img\">\
             <title>{title}</title>\
             <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
             <path fill=\"#000\" d=\"{d}\"/>\
             </svg>\n",
            title = escape_xml(title),
            d = self.path_data(),
        )
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

    #[test]
    fn ascii_matches_the_crate_s_own_encoder() {
        for data in [
            "https://a.example/",
            DEMO_URL,
            "HTTPS://A.EXAMPLE/%E1%BA%AD?Q=1234567890",
            "0123456789012345678901234567890",
        ] {
            let ours = encode(data).unwrap();
            let theirs = qrcode::QrCode::with_error_correction_level(data, EcLevel::M).unwrap();
            assert_eq!(ours.width(), theirs.width(), "{data}");
            let dark: Vec<bool> = theirs
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            assert_eq!(ours.dark, dark, "{data}");
        }
    }

    #[test]
    fn vietnamese_utf8_never_uses_kanji_mode() {
        let data = "https://vi.example/tin-tức/quận-ủy-lê-chân";
        let raw: Vec<Segment> = Parser::new(data.as_bytes()).collect();
        assert!(
            raw.iter().any(|s| s.mode == Mode::Kanji),
            "the crate's parser sees Shift-JIS pairs in UTF-8 Vietnamese"
        );
        assert!(segments(data.as_bytes())
            .iter()
            .all(|s| s.mode != Mode::Kanji));
        assert!(encode(data).is_ok());
    }

    #[test]
    fn smallest_version_is_chosen() {
        // Version 1-M holds 14 bytes in byte mode; 2331 is the version 40 limit.
        assert_eq!(encode(&"a".repeat(14)).unwrap().version(), 1);
        assert_eq!(encode(&"a".repeat(15)).unwrap().version(), 2);
        let max = encode(&"a".repeat(MAX_BYTES_M)).unwrap();
        assert_eq!((max.version(), max.width()), (40, 177));
        assert_eq!(
            encode(&"a".repeat(MAX_BYTES_M + 1)),
            Err(QrError::TooLong {
                bytes: MAX_BYTES_M + 1
            })
        );
        assert_eq!(encode(&"1".repeat(MAX_DIGITS_M)).unwrap().version(), 40);
        assert!(encode(&"1".repeat(MAX_DIGITS_M + 1)).is_err());
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
        // The top-left finder pattern's first row is 7 dark modules.
        assert!(code.path_data().starts_with("M4 4h7v1h-7z"));
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
