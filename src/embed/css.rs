//! The stylesheet of an embedded widget: `style/widget.css` made immune to
//! the host page, plus the rules for the shadow host.
//!
//! Inside a shadow root, selectors of the host page no longer match, but two
//! things still cross the boundary: inherited properties (a host's
//! `body { letter-spacing: 2px }` would flow into the widget) and `rem`
//! units, which always refer to the *document's* root font size (a host's
//! `html { font-size: 30px }` would scale the widget). So the embed
//! stylesheet resets every property on the container element inside the
//! shadow root (`all: initial`; custom properties are exempt, so the
//! documented `--aw-*` properties still reach the widget), and rewrites
//! `Nrem` to `calc(N * 16px)`. Pure string work, tested natively.

use crate::prelude::*;

/// The widget's own CSS, shared with the reader.
pub const WIDGET_CSS: &str = include_str!("../../style/widget.css");

/// Class of the container element the widget renders into, inside the
/// shadow root.
pub const CONTAINER_CLASS: &str = "aw-embed";

/// Rules for the host element and the container, put before the widget CSS.
/// The host stays `display: block` and otherwise styleable by the page
/// (margins, width); the container cuts inheritance from the page.
/// `direction` is set explicitly because `all` leaves it alone.
pub const HOST_CSS: &str = ":host{display:block}\
.aw-embed{all:initial;display:block;direction:ltr;unicode-bidi:isolate}\n";

/// The root font size `rem` units are fixed to: the browser default.
pub const ROOT_FONT_PX: u32 = 16;

/// The full stylesheet adopted by every widget's shadow root.
pub fn stylesheet() -> String {
    let mut out = String::with_capacity(HOST_CSS.len() + WIDGET_CSS.len() + 1024);
    out.push_str(HOST_CSS);
    out.push_str(&rem_to_px(WIDGET_CSS));
    out
}

/// Rewrites every `<number>rem` length to `calc(<number> * 16px)`, leaving
/// everything else (identifiers such as `remove`, hex colours, comments'
/// words) untouched. No float arithmetic, so no float formatting code is
/// pulled into the wasm.
pub fn rem_to_px(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len() + css.len() / 8);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = (bytes[i].is_ascii_digit()
            || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            && (i == 0 || !is_ident_byte(bytes[i - 1]));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let unit_end = i + 3;
        let is_rem = bytes.get(i..unit_end) == Some(b"rem".as_slice())
            && bytes.get(unit_end).is_none_or(|b| !is_ident_byte(*b));
        if is_rem {
            out.push_str(&css[copied..start]);
            out.push_str("calc(");
            out.push_str(&css[start..i]);
            out.push_str(" * ");
            out.push_str(&ROOT_FONT_PX.to_string());
            out.push_str("px)");
            copied = unit_end;
            i = unit_end;
        } else {
            // Skip the rest of this token (e.g. `232b` in `#1d232b`, `px`).
            while i < bytes.len() && is_ident_byte(bytes[i]) {
                i += 1;
            }
        }
    }
    out.push_str(&css[copied..]);
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rem_lengths_become_fixed_pixels() {
        assert_eq!(
            rem_to_px("a{gap:0.25rem 1.5rem;width:6rem}"),
            "a{gap:calc(0.25 * 16px) calc(1.5 * 16px);width:calc(6 * 16px)}"
        );
        assert_eq!(
            rem_to_px("b{font-size:calc(1rem * var(--aw-text-scale))}"),
            "b{font-size:calc(calc(1 * 16px) * var(--aw-text-scale))}"
        );
        assert_eq!(rem_to_px(".x{margin:.5rem}"), ".x{margin:calc(.5 * 16px)}");
    }

    #[test]
    fn other_tokens_are_left_alone() {
        for css in [
            "a{color:#1d232b;width:12px;line-height:1.5}",
            ".remove{x:2remx}",
            "a{b:h2rem}",
            "a{content:\"3 rem\"}",
            "@media (max-width: 600px){a{b:1em}}",
        ] {
            assert_eq!(rem_to_px(css), css);
        }
    }

    #[test]
    fn the_embed_stylesheet_has_no_rem_left_and_starts_with_the_host_rules() {
        let sheet = stylesheet();
        assert!(sheet.starts_with(HOST_CSS));
        assert!(sheet.contains(".aw-title"));
        let mut rest = sheet.as_str();
        while let Some(at) = rest.find("rem") {
            let before = rest[..at].chars().last().unwrap_or(' ');
            assert!(
                !before.is_ascii_digit(),
                "a rem length survived near: {}",
                &rest[at.saturating_sub(20)..(at + 10).min(rest.len())]
            );
            rest = &rest[at + 3..];
        }
        assert!(HOST_CSS.contains(&format!(".{CONTAINER_CLASS}{{all:initial")));
    }
}
