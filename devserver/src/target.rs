//! The request target: splitting off the query, percent-decoding the path, and
//! refusing paths that could leave the served directory.
//!
//! Decoding happens before the traversal check, so `%2e%2e` and `..%2f` are caught
//! like a literal `..`.

/// A request target split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The path exactly as sent (still percent-encoded), used for redirects.
    pub raw_path: String,
    /// The percent-decoded path, always starting with `/`.
    pub path: String,
    /// The query string without the `?`, if there was one.
    pub query: Option<String>,
}

/// Why a request target was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetError {
    /// Neither origin-form (`/path`) nor absolute-form (`http://host/path`).
    NotAPath,
    /// A `%` escape that is not two hex digits, or a path that is not UTF-8.
    BadEncoding,
}

/// Parses an HTTP request target such as `/a%20b/c.js?v=1`.
///
/// # Errors
///
/// [`TargetError::NotAPath`] for targets like `*` or `a/b`, and
/// [`TargetError::BadEncoding`] when the path does not decode to UTF-8.
pub(crate) fn parse(target: &str) -> Result<Target, TargetError> {
    let origin_form = match strip_scheme(target) {
        Some(after_scheme) => after_scheme
            .find('/')
            .map_or("/", |slash| &after_scheme[slash..]),
        None => target,
    };
    if !origin_form.starts_with('/') {
        return Err(TargetError::NotAPath);
    }
    let without_fragment = origin_form.split('#').next().unwrap_or_default();
    let (raw_path, query) = match without_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (without_fragment, None),
    };
    let decoded = percent_decode(raw_path).ok_or(TargetError::BadEncoding)?;
    let path = String::from_utf8(decoded).map_err(|_| TargetError::BadEncoding)?;
    Ok(Target {
        raw_path: raw_path.to_owned(),
        path,
        query,
    })
}

fn strip_scheme(target: &str) -> Option<&str> {
    ["http://", "https://"].iter().find_map(|scheme| {
        let head = target.get(..scheme.len())?;
        head.eq_ignore_ascii_case(scheme)
            .then(|| &target[scheme.len()..])
    })
}

/// Decodes `%XX` escapes. `+` is left alone: it means a space only in query strings.
///
/// Returns `None` when a `%` is not followed by two hex digits.
pub(crate) fn percent_decode(input: &str) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = hex_value(*bytes.get(i + 1)?)?;
            let low = hex_value(*bytes.get(i + 2)?)?;
            out.push(high << 4 | low);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Splits a decoded path into the segments to join onto a directory.
///
/// Empty segments (`//`) are skipped, so a path can never become absolute.
/// Returns `None`, meaning "refuse", for `.` and `..` segments and for segments
/// holding a backslash, a colon (a Windows drive or stream) or a NUL byte.
pub(crate) fn safe_segments(path: &str) -> Option<Vec<&str>> {
    let mut segments = Vec::new();
    for segment in path.split('/') {
        if segment.is_empty() {
            continue;
        }
        if segment == "." || segment == ".." || segment.contains(['\\', ':', '\0']) {
            return None;
        }
        segments.push(segment);
    }
    Some(segments)
}

#[cfg(test)]
mod tests {
    use super::{parse, percent_decode, safe_segments, Target, TargetError};

    #[test]
    fn splits_query_and_decodes_path() {
        assert_eq!(
            parse("/a%20b/c.js?v=1&x=%20"),
            Ok(Target {
                raw_path: "/a%20b/c.js".to_owned(),
                path: "/a b/c.js".to_owned(),
                query: Some("v=1&x=%20".to_owned()),
            })
        );
    }

    #[test]
    fn accepts_absolute_form() {
        let target = parse("http://127.0.0.1:8080/x.wasm?q").ok();
        assert_eq!(
            target.map(|t| (t.path, t.query)),
            Some(("/x.wasm".to_owned(), Some("q".to_owned())))
        );
        assert_eq!(parse("HTTP://host").map(|t| t.path), Ok("/".to_owned()));
    }

    #[test]
    fn rejects_non_paths_and_bad_escapes() {
        assert_eq!(parse("*"), Err(TargetError::NotAPath));
        assert_eq!(parse("etc/passwd"), Err(TargetError::NotAPath));
        assert_eq!(parse("/a%zz"), Err(TargetError::BadEncoding));
        assert_eq!(parse("/a%2"), Err(TargetError::BadEncoding));
        assert_eq!(parse("/%ff%fe"), Err(TargetError::BadEncoding));
    }

    #[test]
    fn decoding_keeps_plus() {
        assert_eq!(percent_decode("a+b%2Fc"), Some(b"a+b/c".to_vec()));
    }

    #[test]
    fn refuses_traversal_after_decoding() {
        for path in [
            "/../etc/passwd",
            "/a/../../b",
            "/./x",
            "/a\\..\\b",
            "/C:/x",
            "/a\0b",
        ] {
            assert_eq!(safe_segments(path), None, "{path:?}");
        }
        let decoded = parse("/%2e%2e/%2E%2E/etc/passwd")
            .map(|t| t.path)
            .unwrap_or_default();
        assert_eq!(safe_segments(&decoded), None);
        let decoded = parse("/x/..%2f..%2fsecret")
            .map(|t| t.path)
            .unwrap_or_default();
        assert_eq!(safe_segments(&decoded), None);
    }

    #[test]
    fn skips_empty_segments() {
        assert_eq!(safe_segments("//etc//passwd/"), Some(vec!["etc", "passwd"]));
        assert_eq!(safe_segments("/"), Some(vec![]));
        assert_eq!(safe_segments("/..."), Some(vec!["..."]));
    }
}
