//! The reader's brand as its page gives it: the JSON in
//! `<script type="application/json" id="aw-reader-brand">` of `index.html`
//! ([`crate::brand`]), written by `article-widget site` (the repository's
//! `index.html` holds the demo publication's). Read once at start; its
//! colours become the page's `--aw-reader-accent` and
//! `--aw-reader-background`.

use crate::brand::{Brand, BrandError, ELEMENT_ID};

/// Most bytes of brand JSON read (a brand is a few hundred).
pub const MAX_BYTES: usize = 64 * 1024;

/// Parses and checks the brand's JSON.
///
/// # Errors
///
/// A [`BrandError`] saying what is wrong: too big, not JSON, a field missing
/// or unusable.
pub fn parse(text: &str) -> Result<Brand, BrandError> {
    if text.len() > MAX_BYTES {
        return Err(BrandError(format!(
            "{} bytes; at most {MAX_BYTES}",
            text.len()
        )));
    }
    let brand: Brand =
        serde_json::from_str(text).map_err(|e| BrandError(format!("not a reader brand: {e}")))?;
    brand.check()?;
    Ok(brand)
}

/// The page's brand.
///
/// # Errors
///
/// A [`BrandError`] when the page has no brand element or it is unusable.
pub fn read() -> Result<Brand, BrandError> {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ELEMENT_ID))
        .ok_or_else(|| {
            BrandError(format!(
                "the page has no <script type=\"application/json\" id=\"{ELEMENT_ID}\">"
            ))
        })?;
    parse(&element.text_content().unwrap_or_default())
}

/// Gives the page the brand's colours as CSS custom properties on its root
/// element. Only checked hex colours ([`Brand::check`]) reach the style, so
/// it holds nothing but the two declarations.
pub fn apply_colours(brand: &Brand) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute(
            "style",
            &format!(
                "--aw-reader-accent:{};--aw-reader-background:{}",
                brand.theme_color, brand.background_color
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_brand_json_is_checked() {
        let ok = r##"{"name":"News","short_name":"N","feed":"../feed.json","theme_color":"#123456",
            "background_color":"#ffffff","languages":["en"],"social":[]}"##;
        assert!(parse(ok).is_ok_and(|b| b.name == "News" && b.feed == "../feed.json"));
        assert!(parse("").is_err());
        assert!(parse(&ok.replace("#123456", "url(x)")).is_err_and(|e| e.0.contains("theme_color")));
        assert!(parse(&ok.replace("\"name\"", "\"nom\"")).is_err());
        assert!(parse(&" ".repeat(super::MAX_BYTES + 1)).is_err_and(|e| e.0.contains("bytes")));
    }
}
