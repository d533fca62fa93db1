//! The reader's PNG icons drawn from its SVG or PNG icon (`site --reader`):
//! the 192 and 512 pixel icons browsers and home screens ask for, and the
//! maskable one, whose icon sits inside the safe zone (the centred circle of
//! 80 % of the side that every mask shape keeps) on a full-bleed background.

use resvg::tiny_skia::{Color, FilterQuality, Pixmap, PixmapPaint, Transform};
use resvg::usvg;

/// The sides of the plain PNG icons, in pixels.
pub const SIDES: [u32; 2] = [192, 512];

/// The side of the maskable icon, in pixels.
pub const MASKABLE_SIDE: u32 = 512;

/// The share of the maskable icon's side the source icon takes: a square
/// of this side has its corners on the safe zone's circle (radius 40 %).
const SAFE_SQUARE: f32 = 0.8 / std::f32::consts::SQRT_2;

/// An icon to draw from.
pub enum Source {
    /// An SVG document.
    Svg(Box<usvg::Tree>),
    /// A decoded PNG.
    Png(Pixmap),
}

impl Source {
    /// Reads an SVG (`svg == true`) or PNG icon file's bytes.
    ///
    /// # Errors
    ///
    /// What the SVG or PNG parser reports.
    pub fn read(bytes: &[u8], svg: bool) -> Result<Self, String> {
        if svg {
            usvg::Tree::from_data(bytes, &usvg::Options::default())
                .map(|t| Self::Svg(Box::new(t)))
                .map_err(|e| format!("not a readable SVG: {e}"))
        } else {
            Pixmap::decode_png(bytes)
                .map(Self::Png)
                .map_err(|e| format!("not a readable PNG: {e}"))
        }
    }

    fn size(&self) -> (f32, f32) {
        match self {
            Self::Svg(t) => (t.size().width(), t.size().height()),
            #[allow(clippy::cast_precision_loss)] // icon sides are far below 2^24
            Self::Png(p) => (p.width() as f32, p.height() as f32),
        }
    }

    /// Draws the icon onto `pixmap`, fitted (aspect kept, centred) into the
    /// centred square of `share` of its side.
    fn draw(&self, pixmap: &mut Pixmap, share: f32) {
        #[allow(clippy::cast_precision_loss)] // icon sides are far below 2^24
        let side = pixmap.width() as f32;
        let (w, h) = self.size();
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let box_side = side * share;
        let scale = box_side / w.max(h);
        let dx = (side - w * scale) / 2.0;
        let dy = (side - h * scale) / 2.0;
        let transform = Transform::from_row(scale, 0.0, 0.0, scale, dx, dy);
        match self {
            Self::Svg(tree) => resvg::render(tree, transform, &mut pixmap.as_mut()),
            Self::Png(png) => {
                let paint = PixmapPaint {
                    quality: FilterQuality::Bicubic,
                    ..PixmapPaint::default()
                };
                pixmap.draw_pixmap(0, 0, png.as_ref(), &paint, transform, None);
            }
        }
    }
}

/// `#rrggbb` as an opaque colour (white when it is not one; the site's
/// config checks its colours).
fn colour(hex: &str) -> Color {
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|c| u8::from_str_radix(c, 16).ok())
            .unwrap_or(255)
    };
    Color::from_rgba8(channel(1), channel(3), channel(5), 255)
}

fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    pixmap
        .encode_png()
        .map_err(|e| format!("encoding a PNG icon: {e}"))
}

/// The icon as a `side` pixel square PNG, transparent around it.
///
/// # Errors
///
/// When the PNG cannot be encoded.
pub fn plain(source: &Source, side: u32) -> Result<Vec<u8>, String> {
    let mut pixmap = Pixmap::new(side, side).ok_or("an icon of no pixels")?;
    source.draw(&mut pixmap, 1.0);
    encode(&pixmap)
}

/// The maskable icon: `background` (`#rrggbb`) to every edge, the icon
/// inside the safe zone.
///
/// # Errors
///
/// When the PNG cannot be encoded.
pub fn maskable(source: &Source, background: &str) -> Result<Vec<u8>, String> {
    let mut pixmap = Pixmap::new(MASKABLE_SIDE, MASKABLE_SIDE).ok_or("an icon of no pixels")?;
    pixmap.fill(colour(background));
    source.draw(&mut pixmap, SAFE_SQUARE);
    encode(&pixmap)
}

#[cfg(test)]
mod tests {
    use super::{maskable, plain, Source, MASKABLE_SIDE};
    use resvg::tiny_skia::Pixmap;

    const SQUARE: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\
        <rect width=\"10\" height=\"10\" fill=\"#ff0000\"/></svg>";

    fn pixel(png: &[u8], x: u32, y: u32) -> (u8, u8, u8, u8) {
        let Ok(p) = Pixmap::decode_png(png) else {
            panic!("a PNG");
        };
        let Some(c) = p.pixel(x, y) else {
            panic!("({x}, {y}) outside {}x{}", p.width(), p.height());
        };
        (c.red(), c.green(), c.blue(), c.alpha())
    }

    #[test]
    fn svg_icons_fill_their_square_and_maskable_ones_keep_to_the_safe_zone() {
        let Ok(svg) = Source::read(SQUARE.as_bytes(), true) else {
            panic!("the SVG reads");
        };
        let Ok(png) = plain(&svg, 192) else {
            panic!("drawn");
        };
        assert_eq!(imagesize::blob_size(&png).map(|s| s.width).ok(), Some(192));
        assert_eq!(pixel(&png, 0, 0), (255, 0, 0, 255));
        assert_eq!(pixel(&png, 191, 191), (255, 0, 0, 255));
        let Ok(m) = maskable(&svg, "#0a7d4f") else {
            panic!("drawn");
        };
        let side = MASKABLE_SIDE;
        // The background to the edges, the icon in the middle, and the
        // icon's corner inside the safe zone's circle (radius 40 %).
        assert_eq!(pixel(&m, 0, 0), (0x0a, 0x7d, 0x4f, 255));
        assert_eq!(pixel(&m, side / 2, side / 2), (255, 0, 0, 255));
        let corner = (side / 2..side)
            .find(|&x| pixel(&m, x, x) != (255, 0, 0, 255))
            .unwrap_or(side);
        let radius = f64::from(corner - side / 2) * std::f64::consts::SQRT_2;
        assert!(radius <= f64::from(side) * 0.4 + 1.0, "{radius}");
        assert!(radius >= f64::from(side) * 0.4 - 4.0, "{radius}");
    }

    #[test]
    fn png_icons_are_scaled_and_bad_files_refused() {
        let Ok(svg) = Source::read(SQUARE.as_bytes(), true) else {
            panic!("the SVG reads");
        };
        let Ok(small) = plain(&svg, 16) else {
            panic!("drawn");
        };
        let Ok(png) = Source::read(&small, false) else {
            panic!("the PNG reads");
        };
        let Ok(big) = plain(&png, 512) else {
            panic!("drawn");
        };
        assert_eq!(pixel(&big, 256, 256), (255, 0, 0, 255));
        assert_eq!(pixel(&big, 2, 509), (255, 0, 0, 255));
        assert!(Source::read(b"<svg", true).is_err_and(|e| e.contains("SVG")));
        assert!(Source::read(b"GIF89a", false).is_err_and(|e| e.contains("PNG")));
    }
}
