//! Plain-text helpers shared by every importer: whitespace as the article
//! format wants it, length limits, comparisons and file-name slugs.

/// Collapses every run of whitespace (including no-break spaces and line
/// breaks) into one space, drops control and zero-width characters, and
/// trims: the article format's strings carry no layout.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else if c.is_control() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{feff}' | '\u{ad}') {
            // Zero-width space and non-joiner, BOM, soft hyphen: invisible in text.
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// `s` cut to at most `max` characters, on a word boundary when one is near,
/// with an ellipsis; `None` when it already fits.
pub fn shorten(s: &str, max: usize) -> Option<String> {
    if s.chars().count() <= max {
        return None;
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() * 3 / 4 => cut[..i].to_owned(),
        _ => cut,
    };
    Some(format!("{}…", cut.trim_end()))
}

/// A loose comparison key: lower case, letters and digits only.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Longest file-name slug, in bytes (ASCII).
pub const MAX_SLUG: usize = 150;

/// A file-name slug: ASCII letters and digits joined by `-`, Vietnamese and
/// other Latin letters folded to ASCII, at most [`MAX_SLUG`] characters (cut
/// between words).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    if out.len() > MAX_SLUG {
        let cut = out[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    out.trim_matches('-').to_owned()
}

/// An ASCII letter for a Latin letter with diacritics (Vietnamese and the
/// common Western European ones); other characters unchanged.
fn fold(c: char) -> char {
    const GROUPS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậäåā", 'a'),
        ("èéẻẽẹêềếểễệëē", 'e'),
        ("ìíỉĩịîïī", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợöøō", 'o'),
        ("ùúủũụưừứửữựûüū", 'u'),
        ("ỳýỷỹỵÿ", 'y'),
        ("đ", 'd'),
    ];
    GROUPS.iter().find(|(set, _)| set.contains(c)).map_or(
        match c {
            'ç' => 'c',
            'ñ' => 'n',
            _ => c,
        },
        |&(_, ascii)| ascii,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_invisible_characters_go() {
        assert_eq!(clean("  a\u{a0}\n\t b\u{200b}c \u{ad}"), "a bc");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn long_text_is_cut_on_a_word() {
        assert_eq!(shorten("short", 10), None);
        assert_eq!(
            shorten("one two three four five", 16).as_deref(),
            Some("one two three…")
        );
    }

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(
            slug("Quận ủy Lê Chân: Tổng kết 10 năm"),
            "quan-uy-le-chan-tong-ket-10-nam"
        );
        assert_eq!(slug("¿¿"), "");
        let long = slug(&"word ".repeat(100));
        assert!(long.len() <= MAX_SLUG && long.ends_with("word"), "{long}");
    }
}
