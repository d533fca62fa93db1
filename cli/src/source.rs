//! Where a document comes from: a file, standard input (`-`) or an `http(s)`
//! URL, read whole but never past a size limit, so a huge or endless input
//! cannot exhaust memory.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;
use std::time::Duration;

use ureq::ResponseExt as _;

/// How long one request may take, connection to last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The `User-Agent` of every request this command makes.
const USER_AGENT: &str = concat!("article-widget/", env!("CARGO_PKG_VERSION"));

/// One input named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, named `-`.
    Stdin,
    /// An `http` or `https` URL.
    Url(String),
}

impl Source {
    /// Reads a command-line argument: `-` is standard input, anything that
    /// starts with `http://` or `https://` (any case) is a URL, the rest a path.
    pub fn from_arg(arg: &str) -> Self {
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if arg == "-" {
            Self::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Self::Url(arg.to_owned())
        } else {
            Self::File(PathBuf::from(arg))
        }
    }

    /// The URL, when the source is one.
    pub fn url(&self) -> Option<&str> {
        match self {
            Self::Url(u) => Some(u),
            _ => None,
        }
    }

    /// Reads the whole document, at most `limit` bytes.
    ///
    /// # Errors
    ///
    /// A [`ReadError`] when the input cannot be opened, the server answers
    /// with an error status or the network fails, or when it is larger than
    /// `limit` ([`ReadError::TooLarge`]).
    pub fn read(&self, limit: u64) -> Result<Fetched, ReadError> {
        match self {
            Self::File(path) => {
                let file = File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
                let len = file.metadata().map_or(0, |m| m.len());
                if len > limit {
                    return Err(ReadError::TooLarge { limit });
                }
                read_limited(file, limit).map(|bytes| Fetched {
                    bytes,
                    url: None,
                    content_type: None,
                    last_modified: None,
                })
            }
            Self::Stdin => read_limited(io::stdin().lock(), limit).map(|bytes| Fetched {
                bytes,
                url: None,
                content_type: None,
                last_modified: None,
            }),
            Self::Url(url) => fetch(url, limit),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Stdin => f.write_str("-"),
            Self::Url(url) => f.write_str(url),
        }
    }
}

/// A document read from a [`Source`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The bytes, as received (not decompressed beyond HTTP's own encoding).
    pub bytes: Vec<u8>,
    /// For a URL, the final URL after redirects: relative references in the
    /// document resolve against it.
    pub url: Option<String>,
    /// For a URL, the `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// For a URL, the `Last-Modified` date the server sent.
    pub last_modified: Option<String>,
}

/// Why a source could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(String),
    /// The server answered, with an error status.
    Status(u16),
    /// The request failed (name resolution, connection, TLS, timeout).
    Network(String),
    /// More than the limit, in bytes.
    TooLarge {
        /// The limit that was passed.
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) | Self::Network(e) => f.write_str(e),
            Self::Status(code) => write!(f, "the server answered HTTP {code}"),
            Self::TooLarge { limit } => write!(f, "larger than the limit of {limit} bytes"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads at most `limit` bytes; one byte more is an error.
fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The agent every request goes through: timeouts, our user agent, and HTTP
/// error statuses as errors.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .user_agent(USER_AGENT)
        .build()
        .into()
}

/// GETs `url`, following redirects, reading at most `limit` bytes.
///
/// # Errors
///
/// A [`ReadError`] for an error status, a network failure or a body over
/// `limit`.
pub fn fetch(url: &str, limit: u64) -> Result<Fetched, ReadError> {
    let mut response = agent().get(url).call().map_err(|e| match e {
        ureq::Error::StatusCode(code) => ReadError::Status(code),
        other => ReadError::Network(other.to_string()),
    })?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    let last_modified = header("last-modified");
    let final_url = response.get_uri().to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limit.saturating_add(1))
        .read_to_vec()
        .map_err(|e| ReadError::Network(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(Fetched {
        bytes,
        url: Some(final_url),
        content_type,
        last_modified,
    })
}

/// GETs the first `limit` bytes of `url` (for an image's header), asking the
/// server for only that range; a server that ignores the range is cut off
/// after `limit` bytes.
///
/// # Errors
///
/// A [`ReadError`] for an error status or a network failure.
pub fn fetch_head(url: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut response = agent()
        .get(url)
        .header("Range", format!("bytes=0-{}", limit.saturating_sub(1)))
        .call()
        .map_err(|e| match e {
            ureq::Error::StatusCode(code) => ReadError::Status(code),
            other => ReadError::Network(other.to_string()),
        })?;
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Network(e.to_string()))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_name_their_kind() {
        assert_eq!(Source::from_arg("-"), Source::Stdin);
        assert_eq!(
            Source::from_arg("HTTPS://example.org/a.json"),
            Source::Url("HTTPS://example.org/a.json".into())
        );
        assert_eq!(
            Source::from_arg("articles/a.json"),
            Source::File("articles/a.json".into())
        );
        assert_eq!(Source::from_arg("http"), Source::File("http".into()));
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        assert_eq!(read_limited(&b"abc"[..], 3), Ok(b"abc".to_vec()));
        assert_eq!(
            read_limited(&b"abcd"[..], 3),
            Err(ReadError::TooLarge { limit: 3 })
        );
    }
}
