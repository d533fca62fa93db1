//! Loading states and load errors as types, with the words shown to readers.
//!
//! Nothing here touches the browser: the loader (`embed/embed.js`) reports
//! what happened to a fetch, [`LoadError::from_report`] makes it a
//! [`LoadError`], and the widget shows every [`Status`] in words, so a reader
//! never sees a blank box or an endless spinner.

use crate::prelude::*;

use crate::decimal;
use crate::i18n::Lang;
use crate::validate::{ParseError, Problem, Severity};

/// Where the article of one widget comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleSource {
    /// Fetch the JSON from this URL (absolute, or relative to the page).
    Url(String),
    /// Article JSON given directly (inline data); relative URLs in it
    /// resolve against `base` when given.
    Inline {
        /// The JSON text.
        json: String,
        /// Base URL for relative references, if any.
        base: Option<String>,
    },
}

/// Why an article could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request could not be made or was cut off (offline, DNS, CORS
    /// refusal, connection reset). The browser does not tell these apart.
    Network(String),
    /// No response within the time limit.
    Timeout {
        /// The limit that passed, in seconds.
        seconds: u32,
    },
    /// The server answered with an HTTP error status.
    Status {
        /// The HTTP status code.
        code: u16,
        /// Seconds from a `Retry-After` header, if sent.
        retry_after: Option<u32>,
    },
    /// The server answered with something that is not JSON.
    ContentType(String),
    /// The body is not a valid article.
    Parse(ParseError),
    /// The widget was given no article URL.
    NoSource,
}

impl LoadError {
    /// A failure the embed's JavaScript met while fetching, from the words
    /// it reports: `kind` is `network` (with the browser's message as
    /// `detail`), `timeout` (`code` = seconds), `status` (`code` = HTTP
    /// status, `retry_after` from its header), `type` (`detail` = the
    /// content type), `too-large` (`code` = declared bytes) or anything
    /// else for "no source". Details are cut to what the UI shows.
    pub fn from_report(kind: &str, code: u32, detail: &str, retry_after: Option<u32>) -> LoadError {
        match kind {
            "network" => Self::Network(detail.chars().take(120).collect()),
            "timeout" => Self::Timeout { seconds: code },
            "status" => Self::Status {
                code: u16::try_from(code).unwrap_or(0),
                retry_after,
            },
            "type" => Self::ContentType(detail.chars().take(80).collect()),
            "too-large" => Self::Parse(ParseError::TooLarge {
                bytes: usize::try_from(code).unwrap_or(usize::MAX),
            }),
            _ => Self::NoSource,
        }
    }

    /// Whether trying again later may help (network trouble, 5xx, 429, timeouts).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network(_) | Self::Timeout { .. } => true,
            Self::Status { code, .. } => matches!(code, 408 | 425 | 429 | 500..=599),
            Self::ContentType(_) | Self::Parse(_) | Self::NoSource => false,
        }
    }

    /// The message shown to the reader, in the UI language.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Self::Network(detail) => {
                if vi {
                    [
                        "Không kết nối được tới máy chủ tin bài (",
                        detail.as_str(),
                        "). Hãy kiểm tra kết nối mạng.",
                    ]
                    .concat()
                } else {
                    [
                        "Could not reach the news server (",
                        detail.as_str(),
                        "). Check your connection.",
                    ]
                    .concat()
                }
            }
            Self::Timeout { seconds } => {
                let n = u64::from(*seconds);
                if vi {
                    decimal::between("Máy chủ không trả lời sau ", n, " giây.")
                } else {
                    decimal::between("The server did not answer within ", n, " seconds.")
                }
            }
            Self::Status { code, retry_after } => {
                let what = status_text(*code, vi);
                let mut s = decimal::between(
                    if vi {
                        "Máy chủ trả lỗi HTTP "
                    } else {
                        "The server answered HTTP "
                    },
                    u64::from(*code),
                    ": ",
                );
                s.push_str(what);
                s.push('.');
                if let Some(secs) = retry_after {
                    let (before, after) = if vi {
                        (" Máy chủ đề nghị thử lại sau ", " giây.")
                    } else {
                        (" The server asks to try again in ", " seconds.")
                    };
                    s.push_str(before);
                    decimal::push(&mut s, u64::from(*secs));
                    s.push_str(after);
                }
                s
            }
            Self::ContentType(ct) => {
                if vi {
                    [
                        "Máy chủ không trả về dữ liệu JSON (kiểu nội dung: ",
                        ct.as_str(),
                        ").",
                    ]
                    .concat()
                } else {
                    [
                        "The server did not send JSON (content type: ",
                        ct.as_str(),
                        ").",
                    ]
                    .concat()
                }
            }
            Self::Parse(e) => parse_error_message(e, vi),
            Self::NoSource => {
                if vi {
                    "Chưa có địa chỉ bài viết (thuộc tính src).".to_owned()
                } else {
                    "No article address was given (the src attribute).".to_owned()
                }
            }
        }
    }

    /// The individual problems behind a validation failure, errors first.
    pub fn problems(&self) -> Vec<&Problem> {
        match self {
            Self::Parse(ParseError::Invalid(problems)) => {
                // A stable partition in two passes: no sort code in the wasm.
                let is_error = |p: &&Problem| p.severity == Severity::Error;
                let mut v: Vec<&Problem> = problems.iter().filter(is_error).collect();
                v.extend(problems.iter().filter(|p| !is_error(p)));
                v
            }
            _ => Vec::new(),
        }
    }
}

/// A [`ParseError`] in the reader's language. The per-field problems listed
/// under it stay in English: they are addressed to the feed's publisher and
/// quote the field names of the format.
fn parse_error_message(e: &ParseError, vi: bool) -> String {
    use crate::validate::limits;
    match (e, vi) {
        (ParseError::Empty, true) => "Máy chủ trả về dữ liệu bài viết rỗng.".to_owned(),
        (ParseError::Empty, false) => "The server sent an empty article document.".to_owned(),
        (ParseError::TooLarge { bytes }, _) => {
            let (before, middle, after) = if vi {
                ("Dữ liệu bài viết quá lớn (", " byte, giới hạn ", " byte).")
            } else {
                (
                    "The article document is too large (",
                    " bytes; the limit is ",
                    " bytes).",
                )
            };
            let mut s = decimal::between(before, *bytes as u64, middle);
            decimal::push(&mut s, limits::MAX_BYTES as u64);
            s.push_str(after);
            s
        }
        (ParseError::NotUtf8 { offset }, true) => decimal::between(
            "Dữ liệu bài viết không phải văn bản UTF-8 hợp lệ (lỗi tại byte ",
            *offset as u64,
            ").",
        ),
        (ParseError::NotUtf8 { offset }, false) => decimal::between(
            "The article document is not valid UTF-8 text (at byte ",
            *offset as u64,
            ").",
        ),
        (ParseError::TooDeep, true) => decimal::between(
            "Dữ liệu bài viết lồng nhau quá sâu (quá ",
            limits::MAX_DEPTH as u64,
            " cấp).",
        ),
        (ParseError::TooDeep, false) => decimal::between(
            "The article document nests deeper than ",
            limits::MAX_DEPTH as u64,
            " levels.",
        ),
        (
            ParseError::Syntax {
                line,
                column,
                message,
            },
            _,
        ) => {
            let (before, middle) = if vi {
                ("Dữ liệu bài viết không phải JSON hợp lệ (dòng ", ", cột ")
            } else {
                ("The article document is not valid JSON (line ", ", column ")
            };
            let mut s = decimal::between(before, *line as u64, middle);
            decimal::push(&mut s, *column as u64);
            s.push_str(": ");
            s.push_str(message);
            s.push_str(").");
            s
        }
        (ParseError::Invalid(problems), _) => {
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            if vi {
                decimal::between("Dữ liệu bài viết không hợp lệ: có ", errors as u64, " lỗi.")
            } else {
                decimal::between(
                    "The article data is not valid: ",
                    errors as u64,
                    if errors == 1 { " error." } else { " errors." },
                )
            }
        }
    }
}

fn status_text(code: u16, vi: bool) -> &'static str {
    match (code, vi) {
        (404, true) => "không tìm thấy bài viết",
        (404, false) => "the article was not found",
        (410, true) => "bài viết đã bị gỡ",
        (410, false) => "the article has been removed",
        (401 | 403, true) => "không có quyền truy cập",
        (401 | 403, false) => "access is not allowed",
        (429, true) => "quá nhiều yêu cầu",
        (429, false) => "too many requests",
        (503, true) => "máy chủ tạm thời không phục vụ",
        (503, false) => "the server is temporarily unavailable",
        (500..=599, true) => "lỗi máy chủ",
        (500..=599, false) => "server error",
        (_, true) => "yêu cầu không thành công",
        (_, false) => "the request failed",
    }
}

/// Parses a `Retry-After` header given in seconds (HTTP dates are ignored),
/// capped at one hour so a hostile server cannot park the widget forever.
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse::<u32>().ok().map(|s| s.min(3600))
}

/// Time allowed for one fetch of an article, response and body included.
pub const TIMEOUT_SECONDS: u32 = 15;

/// The longest fetch time limit a page may ask for (`timeout` attribute).
pub const MAX_TIMEOUT_SECONDS: u32 = 60;

/// Media types accepted for article JSON besides `application/*+json`
/// (static hosts serve `.json` files under each of these).
pub const JSON_TYPES: [&str; 4] = [
    "application/json",
    "text/json",
    "text/plain",
    "application/octet-stream",
];

/// Whether a `Content-Type` header value is acceptable for article JSON:
/// one of [`JSON_TYPES`] or `application/*+json`, parameters ignored. A
/// missing or empty header is tolerated (many static hosts omit it for
/// `.json`).
pub fn is_json_content_type(value: Option<&str>) -> bool {
    let Some(value) = value else { return true };
    let mime = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.is_empty()
        || JSON_TYPES.contains(&mime.as_str())
        || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// The `aw_timeout` query parameter (whole seconds, 1 to 60) of a page's
/// query string such as `?src=a.json&aw_timeout=2`, if present and sane.
pub fn timeout_from_query(search: &str) -> Option<u32> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("aw_timeout="))
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|s| (1..=MAX_TIMEOUT_SECONDS).contains(s))
}

/// Where the latest load of one widget stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    /// Nothing requested yet.
    #[default]
    Idle,
    /// A request is in flight.
    Loading,
    /// The last attempt failed; an automatic retry follows in `seconds`.
    Waiting {
        /// Why the last attempt failed.
        error: LoadError,
        /// Whole seconds until the next attempt.
        seconds: u32,
    },
    /// Loading failed and will not be retried automatically.
    Failed(LoadError),
    /// The latest load succeeded.
    Done,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_errors() {
        assert!(LoadError::Network("x".into()).is_transient());
        assert!(LoadError::Status {
            code: 503,
            retry_after: Some(2)
        }
        .is_transient());
        assert!(LoadError::Status {
            code: 429,
            retry_after: None
        }
        .is_transient());
        assert!(!LoadError::Status {
            code: 404,
            retry_after: None
        }
        .is_transient());
        assert!(!LoadError::Status {
            code: 410,
            retry_after: None
        }
        .is_transient());
        assert!(!LoadError::Parse(ParseError::Empty).is_transient());
    }

    #[test]
    fn messages_name_the_problem() {
        let e = LoadError::Status {
            code: 503,
            retry_after: Some(30),
        };
        assert_eq!(
            e.message(Lang::En),
            "The server answered HTTP 503: the server is temporarily unavailable. The server asks to try again in 30 seconds."
        );
        assert!(LoadError::Status {
            code: 404,
            retry_after: None
        }
        .message(Lang::Vi)
        .contains("không tìm thấy"));
        assert!(LoadError::ContentType("text/html".into())
            .message(Lang::En)
            .contains("text/html"));
    }

    #[test]
    fn retry_after_and_content_types() {
        assert_eq!(parse_retry_after(" 120 "), Some(120));
        assert_eq!(parse_retry_after("999999"), Some(3600));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert!(is_json_content_type(Some(
            "application/json; charset=utf-8"
        )));
        assert!(is_json_content_type(Some("application/feed+json")));
        assert!(is_json_content_type(None));
        assert!(!is_json_content_type(Some("text/html; charset=utf-8")));
    }

    #[test]
    fn timeout_parameter() {
        assert_eq!(timeout_from_query("?src=a.json&aw_timeout=2"), Some(2));
        assert_eq!(timeout_from_query("aw_timeout=60"), Some(60));
        assert_eq!(timeout_from_query("?aw_timeout=0"), None);
        assert_eq!(timeout_from_query("?aw_timeout=61"), None);
        assert_eq!(timeout_from_query("?aw_timeout=x"), None);
        assert_eq!(timeout_from_query("?xaw_timeout=3"), None);
        assert_eq!(timeout_from_query(""), None);
    }

    #[test]
    fn parse_errors_speak_the_ui_language() {
        let e = LoadError::Parse(ParseError::TooDeep);
        assert!(e.message(Lang::Vi).contains("lồng nhau quá sâu"));
        assert!(e.message(Lang::En).contains("nests deeper than 64"));
        let e = LoadError::Parse(ParseError::Empty);
        assert!(e.message(Lang::Vi).contains("rỗng"));
        let e = LoadError::Parse(ParseError::NotUtf8 { offset: 7 });
        assert!(e.message(Lang::En).contains("byte 7"));
    }
}
