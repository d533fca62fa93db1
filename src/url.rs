//! URL safety checks and relative-reference resolution, without a URL crate.
//!
//! Every link and image source in an article passes through here before it
//! reaches the DOM. Only `http:` and `https:` survive (plus `mailto:` where a
//! caller asks for it); `javascript:`, `data:`, `vbscript:`, other schemes,
//! protocol-relative `//host` references, and anything with whitespace,
//! control characters or backslashes are refused. Relative references
//! (`../images/a.svg`, `other.json`, `/x`) resolve against the URL the article
//! was fetched from, as a browser would.

use crate::prelude::*;
use core::fmt;

/// Why a URL was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// Empty string.
    Empty,
    /// A scheme other than `http`/`https` (e.g. `javascript:`, `data:`).
    Scheme,
    /// A protocol-relative `//host` reference.
    ProtocolRelative,
    /// Whitespace, control characters, backslashes or other characters
    /// browsers silently "fix" in ways that hide the real target.
    BadCharacter,
    /// `http(s)://` without a usable host.
    NoHost,
    /// A relative reference where only an absolute URL is allowed, or with no base.
    Relative,
    /// Longer than [`MAX_URL_LEN`].
    TooLong,
}

/// Longest URL accepted, in bytes.
pub const MAX_URL_LEN: usize = 4096;

impl UrlError {
    /// What is wrong, in plain English (the `Display` text).
    pub fn message(self) -> &'static str {
        match self {
            Self::Empty => "empty URL",
            Self::Scheme => "not an http(s) URL",
            Self::ProtocolRelative => "protocol-relative URL (//host) not allowed",
            Self::BadCharacter => "URL contains whitespace, control characters or backslashes",
            Self::NoHost => "URL has no host",
            Self::Relative => "not an absolute http(s) URL",
            Self::TooLong => "URL is too long",
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for UrlError {}

/// The scheme of `s` in lower case, if it has one (`"https"` for `HTTPS://x`).
fn scheme(s: &str) -> Option<String> {
    let colon = s.find(':')?;
    let candidate = s.get(..colon).unwrap_or_default();
    let mut chars = candidate.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        Some(candidate.to_ascii_lowercase())
    } else {
        None
    }
}

fn check_characters(s: &str) -> Result<(), UrlError> {
    if s.is_empty() {
        return Err(UrlError::Empty);
    }
    if s.len() > MAX_URL_LEN {
        return Err(UrlError::TooLong);
    }
    // A well-formed foreign scheme is named as such, whatever follows it.
    if scheme(s).is_some_and(|sc| !matches!(sc.as_str(), "http" | "https" | "mailto")) {
        return Err(UrlError::Scheme);
    }
    if s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(UrlError::BadCharacter);
    }
    Ok(())
}

/// Where the authority starts: just after the first `://`. (A byte search:
/// `str::find` with a string pattern brings a substring searcher into the
/// embed's wasm for this one three-byte needle.)
fn authority_start(url: &str) -> Option<usize> {
    url.as_bytes()
        .windows(3)
        .position(|w| w == b"://")
        .map(|i| i + 3)
}

/// Splits an absolute http(s) URL into `(scheme://authority, path, rest)` where
/// `rest` is the query and fragment.
fn split_absolute(url: &str) -> Option<(&str, &str, &str)> {
    let after = authority_start(url)?;
    let auth_end = url
        .get(after..)?
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after + i);
    let origin = url.get(..auth_end)?;
    let tail = url.get(auth_end..)?;
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    Some((origin, tail.get(..path_end)?, tail.get(path_end..)?))
}

/// Checks that `s` is an absolute `http(s)` URL with a host and returns it
/// (trimmed of nothing: any surrounding whitespace is an error).
///
/// # Errors
///
/// The [`UrlError`] naming the first rule `s` breaks.
pub fn check_absolute(s: &str) -> Result<String, UrlError> {
    check_characters(s)?;
    if s.starts_with("//") {
        return Err(UrlError::ProtocolRelative);
    }
    match scheme(s).as_deref() {
        Some(sc @ ("http" | "https")) => {
            // Exactly `scheme://`: `https:://host` and `https:/host` are refused.
            let rest = s.get(sc.len() + 1..).unwrap_or_default();
            let after = rest.get(2..).unwrap_or_default();
            if !rest.starts_with("//") || after.starts_with('/') || after.starts_with(':') {
                return Err(UrlError::NoHost);
            }
        }
        Some(_) => return Err(UrlError::Scheme),
        None => return Err(UrlError::Relative),
    }
    let (origin, _, _) = split_absolute(s).ok_or(UrlError::NoHost)?;
    let host = origin
        .get(authority_start(origin).unwrap_or(0)..)
        .unwrap_or_default();
    // Drop userinfo: `https://evil@good` is a well-known spoofing trick.
    if host.contains('@') {
        return Err(UrlError::BadCharacter);
    }
    let hostname = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    if hostname.is_empty() || hostname.starts_with('.') {
        return Err(UrlError::NoHost);
    }
    Ok(s.to_owned())
}

/// Checks a `mailto:` URL.
///
/// # Errors
///
/// [`UrlError::Scheme`] if it is not `mailto:`, or a character error.
pub fn check_mailto(s: &str) -> Result<String, UrlError> {
    check_characters(s)?;
    if scheme(s).as_deref() == Some("mailto") {
        Ok(s.to_owned())
    } else {
        Err(UrlError::Scheme)
    }
}

/// Resolves `reference` against `base` and checks the result is a safe
/// absolute `http(s)` URL.
///
/// `base` may be `None` when the article did not come from a URL (inline
/// data); then only absolute references are accepted.
///
/// # Errors
///
/// The [`UrlError`] naming what is wrong with the reference (or the base).
pub fn resolve(base: Option<&str>, reference: &str) -> Result<String, UrlError> {
    check_characters(reference)?;
    if reference.starts_with("//") {
        return Err(UrlError::ProtocolRelative);
    }
    if scheme(reference).is_some() {
        return check_absolute(reference);
    }
    let base = base.ok_or(UrlError::Relative)?;
    let base = check_absolute(base)?;
    let (origin, base_path, _) = split_absolute(&base).ok_or(UrlError::NoHost)?;
    let ref_path_end = reference.find(['?', '#']).unwrap_or(reference.len());
    let ref_path = reference.get(..ref_path_end).unwrap_or_default();
    let ref_rest = reference.get(ref_path_end..).unwrap_or_default();
    let merged = if ref_path.is_empty() {
        if ref_rest.starts_with('#') {
            // Same document: keep the base query.
            let base_query = split_absolute(&base)
                .map_or("", |(_, _, rest)| rest.split('#').next().unwrap_or(""));
            return Ok([origin, base_path, base_query, ref_rest].concat());
        }
        base_path.to_owned()
    } else if ref_path.starts_with('/') {
        ref_path.to_owned()
    } else {
        let dir = base_path
            .rfind('/')
            .and_then(|i| base_path.get(..=i))
            .unwrap_or("/");
        [dir, ref_path].concat()
    };
    // `concat`, not `format!`: no `core::fmt` in the embed's wasm.
    Ok([origin, &remove_dot_segments(&merged), ref_rest].concat())
}

/// RFC 3986 section 5.2.4, on a path that starts with `/`.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    // Pushed one by one rather than `join`ed: `join` costs the embed's wasm
    // about 1 KB, and this and two other joins were its only uses.
    let mut path = String::with_capacity(path.len() + 1);
    for segment in &out {
        path.push('/');
        path.push_str(segment);
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

/// The origin (`scheme://host[:port]`) of an absolute URL, if it has one.
pub fn origin(url: &str) -> Option<&str> {
    split_absolute(url).map(|(origin, _, _)| origin)
}

/// The authority (`host[:port]`, lower case as written or not) of an
/// absolute URL, if it has one.
pub fn host(url: &str) -> Option<&str> {
    let origin = origin(url)?;
    origin.get(authority_start(origin)?..)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://127.0.0.1:8080/demo/articles/a.json?x=1#top";

    #[test]
    fn absolute_http_urls_pass() {
        assert!(check_absolute("https://haiphong.gov.vn/tin-tuc/a.html").is_ok());
        assert!(check_absolute("HTTP://example.com").is_ok());
        assert!(check_absolute("https://example.com:8443/x?y=%20#z").is_ok());
    }

    #[test]
    fn dangerous_urls_fail() {
        assert_eq!(check_absolute("javascript:alert(1)"), Err(UrlError::Scheme));
        assert_eq!(check_absolute("JaVaScRiPt:alert(1)"), Err(UrlError::Scheme));
        assert_eq!(
            check_absolute("data:text/html,<script>"),
            Err(UrlError::Scheme)
        );
        assert_eq!(check_absolute("vbscript:msgbox"), Err(UrlError::Scheme));
        assert_eq!(
            check_absolute("java\tscript:alert(1)"),
            Err(UrlError::BadCharacter)
        );
        assert_eq!(check_absolute(" https://a.b"), Err(UrlError::BadCharacter));
        assert_eq!(
            check_absolute("//evil.example/x"),
            Err(UrlError::ProtocolRelative)
        );
        assert_eq!(
            check_absolute("https:\\\\evil"),
            Err(UrlError::BadCharacter)
        );
        assert_eq!(check_absolute("https://"), Err(UrlError::NoHost));
        assert_eq!(check_absolute("https:://host/x"), Err(UrlError::NoHost));
        assert_eq!(check_absolute("https:/host/x"), Err(UrlError::NoHost));
        assert_eq!(check_absolute("https:///host/x"), Err(UrlError::NoHost));
        assert_eq!(
            check_absolute("https://good.example@evil.example/"),
            Err(UrlError::BadCharacter)
        );
        assert_eq!(check_absolute("/relative"), Err(UrlError::Relative));
        assert_eq!(check_absolute(""), Err(UrlError::Empty));
        assert_eq!(
            check_absolute(&format!("https://a.b/{}", "x".repeat(5000))),
            Err(UrlError::TooLong)
        );
    }

    #[test]
    fn relative_references_resolve_like_a_browser() {
        assert_eq!(
            resolve(Some(BASE), "../images/p.svg").unwrap(),
            "http://127.0.0.1:8080/demo/images/p.svg"
        );
        assert_eq!(
            resolve(Some(BASE), "b.json").unwrap(),
            "http://127.0.0.1:8080/demo/articles/b.json"
        );
        assert_eq!(
            resolve(Some(BASE), "./b.json?q=1").unwrap(),
            "http://127.0.0.1:8080/demo/articles/b.json?q=1"
        );
        assert_eq!(
            resolve(Some(BASE), "/x/y").unwrap(),
            "http://127.0.0.1:8080/x/y"
        );
        assert_eq!(
            resolve(Some(BASE), "../../../../etc").unwrap(),
            "http://127.0.0.1:8080/etc"
        );
        assert_eq!(
            resolve(Some(BASE), "#frag").unwrap(),
            "http://127.0.0.1:8080/demo/articles/a.json?x=1#frag"
        );
        assert_eq!(
            resolve(Some("https://h.vn"), "a.svg").unwrap(),
            "https://h.vn/a.svg"
        );
        assert_eq!(
            resolve(Some(BASE), "https://cdn.example/i.png").unwrap(),
            "https://cdn.example/i.png"
        );
    }

    #[test]
    fn relative_references_need_a_safe_base() {
        assert_eq!(resolve(None, "a.svg"), Err(UrlError::Relative));
        assert_eq!(
            resolve(Some("javascript:x"), "a.svg"),
            Err(UrlError::Scheme)
        );
        assert_eq!(
            resolve(Some(BASE), "javascript:alert(1)"),
            Err(UrlError::Scheme)
        );
        assert_eq!(
            resolve(Some(BASE), "//evil/x"),
            Err(UrlError::ProtocolRelative)
        );
    }

    #[test]
    fn mailto() {
        assert!(check_mailto("mailto:?subject=a%20b").is_ok());
        assert_eq!(check_mailto("https://x.y"), Err(UrlError::Scheme));
    }

    #[test]
    fn origin_of_urls() {
        assert_eq!(origin(BASE), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("https://h.vn"), Some("https://h.vn"));
        assert_eq!(host(BASE), Some("127.0.0.1:8080"));
        assert_eq!(
            host("https://Player.Example.com/v?x=1"),
            Some("Player.Example.com")
        );
        assert_eq!(host("relative/path"), None);
    }
}
