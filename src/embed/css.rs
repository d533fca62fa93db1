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
//! `Nrem` to `N×16px`.
//!
//! The stylesheet is shipped minified (no comments, no layout whitespace):
//! every prerendered widget carries a copy in its page before its article,
//! so its bytes come before the article's first line. Pure string work,
//! tested natively.

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
///
/// A widget out of the reader's sight is not laid out nor painted
/// (`content-visibility: auto`) until it comes near the viewport: on a page
/// of many widgets the first frames lay out only those on screen (on a page
/// of 20 prerendered articles, layout at 4x CPU fell from about 700 to about
/// 140 ms). Its content stays in the document, for find-in-page, screen
/// readers and links into it. While skipped it holds the height it last had
/// (`auto`), or one viewport before it was ever rendered, as the loading
/// state does.
pub const HOST_CSS: &str =
    ":host{display:block;content-visibility:auto;contain-intrinsic-size:auto 100vh}\
.aw-embed{all:initial;display:block;direction:ltr;unicode-bidi:isolate}";

/// The root font size `rem` units are fixed to: the browser default.
pub const ROOT_FONT_PX: u32 = 16;

/// The full stylesheet adopted by every widget's shadow root, minified.
pub fn stylesheet() -> String {
    let mut out = String::with_capacity(HOST_CSS.len() + WIDGET_CSS.len());
    out.push_str(HOST_CSS);
    out.push_str(&minify(&rem_to_px(WIDGET_CSS)));
    out
}

/// `css` without comments and without the whitespace that only lays it
/// out: runs of whitespace become one space, and none is kept next to
/// `{`, `}`, `;`, `,` or after `:` (a space before `:` is a descendant
/// combinator, as in `.aw :focus-visible`, and stays). Quoted strings are
/// copied as they are. Meant for the widget's own stylesheet, whose
/// strings never hold an unbalanced quote.
pub fn minify(css: &str) -> String {
    const TIGHT: &[u8] = b"{};,";
    let bytes = css.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(css.len());
    let mut i = 0;
    // A space is written only once the next byte is known to need it.
    let mut pending_space = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let end = css[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            i = end;
            pending_space = true;
            continue;
        }
        if b.is_ascii_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        if pending_space {
            let before = out.last().copied();
            let needed =
                before.is_some_and(|p| !TIGHT.contains(&p) && p != b':') && !TIGHT.contains(&b);
            if needed {
                out.push(b' ');
            }
            pending_space = false;
        }
        if b == b'"' || b == b'\'' {
            let end = css[i + 1..]
                .find(char::from(b))
                .map_or(bytes.len(), |e| i + 1 + e + 1);
            out.extend_from_slice(&bytes[i..end]);
            i = end;
            continue;
        }
        // The last declaration of a block needs no `;`.
        if b == b'}' && out.last() == Some(&b';') {
            out.pop();
        }
        out.push(b);
        i += 1;
    }
    // Only whole ASCII bytes were dropped, so the rest is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| css.to_owned())
}

/// `digits` (a CSS number such as `0.8125` or `.5`) times `factor`, exactly,
/// as the shortest decimal (`13`, `8`, `0.5`): decimal arithmetic on
/// integers, no floats. `None` when it does not fit in a `u64`.
fn times(digits: &str, factor: u64) -> Option<String> {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let scale = u32::try_from(frac.len()).ok()?;
    let mut whole: u64 = 0;
    for d in int.bytes().chain(frac.bytes()) {
        whole = whole
            .checked_mul(10)?
            .checked_add(u64::from(d.checked_sub(b'0')?))?;
    }
    let value = whole.checked_mul(factor)?;
    let unit = 10_u64.checked_pow(scale)?;
    let mut out = (value / unit).to_string();
    let mut rest = value % unit;
    if rest > 0 {
        out.push('.');
        let mut unit = unit;
        while rest > 0 {
            unit /= 10;
            out.push(char::from(b'0' + u8::try_from(rest / unit).ok()?));
            rest %= unit;
        }
    }
    Some(out)
}

/// Rewrites every `<number>rem` length to pixels (`<number>` × 16, exact,
/// e.g. `0.75rem` → `12px`), leaving everything else (identifiers such as
/// `remove`, hex colours, comments' words) untouched.
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
        let px = if is_rem {
            times(&css[start..i], u64::from(ROOT_FONT_PX))
        } else {
            None
        };
        if let Some(px) = px {
            out.push_str(&css[copied..start]);
            out.push_str(&px);
            out.push_str("px");
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
            "a{gap:4px 24px;width:96px}"
        );
        assert_eq!(
            rem_to_px("b{font-size:calc(1rem * var(--aw-text-scale))}"),
            "b{font-size:calc(16px * var(--aw-text-scale))}"
        );
        assert_eq!(rem_to_px(".x{margin:.5rem}"), ".x{margin:8px}");
        assert_eq!(
            rem_to_px(".x{margin:0.03125rem 0.8125rem}"),
            ".x{margin:0.5px 13px}"
        );
        assert_eq!(rem_to_px(".x{margin:0.1rem}"), ".x{margin:1.6px}");
    }

    #[test]
    fn minified_css_keeps_strings_combinators_and_values() {
        assert_eq!(
            minify("/* c */\n.a :focus-visible ,\n.b > .c {\n  margin: 0 0 1em;\n  content: \" · \";\n}\n"),
            ".a :focus-visible,.b > .c{margin:0 0 1em;content:\" · \"}"
        );
        assert_eq!(
            minify("@media (max-width: 600px) {\n  a { b: 1em; }\n}\n"),
            "@media (max-width:600px){a{b:1em}}"
        );
        assert_eq!(minify("a{font:a, 'x  y'}"), "a{font:a,'x  y'}");
    }

    #[test]
    fn the_stylesheet_has_every_rule_of_the_source() {
        let sheet = stylesheet();
        assert!(!sheet.contains("/*") && !sheet.contains('\n'));
        let count = |css: &str, c: char| css.matches(c).count();
        let source = rem_to_px(WIDGET_CSS);
        let comments: usize = source
            .split("/*")
            .skip(1)
            .filter_map(|c| c.split_once("*/"))
            .map(|(c, _)| count(c, '{'))
            .sum();
        assert_eq!(
            count(&sheet, '{'),
            count(HOST_CSS, '{') + count(&source, '{') - comments
        );
        assert!(sheet.len() < WIDGET_CSS.len() * 17 / 20, "{}", sheet.len());
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
