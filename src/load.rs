//! Loading states and load errors as types, with the words shown to readers.
//!
//! Nothing here touches the browser: the fetch code in [`crate::fetch`] maps
//! what happened to a [`LoadError`], and the view renders every [`LoadState`]
//! arm in words, so a reader never sees a blank box or an endless spinner.

use std::fmt::Write as _;
use std::rc::Rc;

use crate::i18n::Lang;
use crate::validate::{ParseError, Parsed, Problem, Severity};

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

/// The state of one widget's article.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// Nothing requested yet.
    Idle,
    /// A request is in flight.
    Loading,
    /// The article is ready (possibly with parts left out).
    Loaded(Rc<Parsed>),
    /// Loading failed; the reader is told why.
    Failed(LoadError),
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
                    format!("Không kết nối được tới máy chủ tin bài ({detail}). Hãy kiểm tra kết nối mạng.")
                } else {
                    format!("Could not reach the news server ({detail}). Check your connection.")
                }
            }
            Self::Timeout { seconds } => {
                if vi {
                    format!("Máy chủ không trả lời sau {seconds} giây.")
                } else {
                    format!("The server did not answer within {seconds} seconds.")
                }
            }
            Self::Status { code, retry_after } => {
                let what = status_text(*code, vi);
                let mut s = if vi {
                    format!("Máy chủ trả lỗi HTTP {code}: {what}.")
                } else {
                    format!("The server answered HTTP {code}: {what}.")
                };
                if let Some(secs) = retry_after {
                    let _ = if vi {
                        write!(s, " Máy chủ đề nghị thử lại sau {secs} giây.")
                    } else {
                        write!(s, " The server asks to try again in {secs} seconds.")
                    };
                }
                s
            }
            Self::ContentType(ct) => {
                if vi {
                    format!("Máy chủ không trả về dữ liệu JSON (kiểu nội dung: {ct}).")
                } else {
                    format!("The server did not send JSON (content type: {ct}).")
                }
            }
            Self::Parse(e) => {
                if vi {
                    format!("Dữ liệu bài viết không hợp lệ: {e}.")
                } else {
                    format!("The article data is not valid: {e}.")
                }
            }
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
                let mut v: Vec<&Problem> = problems.iter().collect();
                v.sort_by_key(|p| p.severity != Severity::Error);
                v
            }
            _ => Vec::new(),
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

/// Whether a `Content-Type` header value is acceptable for article JSON.
/// A missing header is tolerated (many static hosts omit it for `.json`).
pub fn is_json_content_type(value: Option<&str>) -> bool {
    let Some(value) = value else { return true };
    let mime = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.is_empty()
        || mime == "application/json"
        || mime == "text/json"
        || mime == "text/plain"
        || mime == "application/octet-stream"
        || (mime.starts_with("application/") && mime.ends_with("+json"))
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
}
