//! HTTP/1.1 on the wire: reading one request from a connection and writing one
//! response.
//!
//! This is a deliberately small subset (no chunked request bodies, no pipelining
//! beyond reading requests in order) that is enough for browsers and test clients on
//! loopback. It is hand-written rather than taken from a crate because fault
//! injection needs what small server crates do not offer: closing a kept-alive
//! connection on demand, and shutting every open connection when the server stops so
//! that a browser sees the site go offline instead of hanging.

use std::io::{self, BufRead, Read, Write};

/// The most bytes a request line plus headers may take.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// The largest request body accepted.
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

/// One parsed request, before its target is interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawRequest {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the connection may carry another request after this one.
    pub keep_alive: bool,
}

/// Why no request could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The client closed the connection or it failed: nothing to answer.
    Closed,
    /// A malformed or unsupported request: answer with this status, then close.
    Bad(u16),
}

/// Reads the next request, writing `100 Continue` to `writer` if the client waits
/// for it before sending a body.
///
/// # Errors
///
/// See [`ReadError`].
pub(crate) fn read_request<R: BufRead, W: Write>(
    reader: &mut R,
    writer: &mut W,
) -> Result<RawRequest, ReadError> {
    let mut budget = MAX_HEAD;
    // RFC 9112 asks servers to ignore blank lines before a request line.
    let request_line = loop {
        let line = read_line(reader, &mut budget)?;
        if !line.is_empty() {
            break line;
        }
    };
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) || target.is_empty() {
        return Err(ReadError::Bad(400));
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        v if v.starts_with("HTTP/") => return Err(ReadError::Bad(505)),
        _ => return Err(ReadError::Bad(400)),
    };

    let mut headers = Vec::new();
    loop {
        let line = read_line(reader, &mut budget)?;
        if line.is_empty() {
            break;
        }
        // Obsolete line folding and names with spaces are refused, as RFC 9112 allows.
        let Some((name, value)) = line.split_once(':') else {
            return Err(ReadError::Bad(400));
        };
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(ReadError::Bad(400));
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }

    let header = |wanted: &'static str| header_values(&headers, wanted);
    if header("Transfer-Encoding").next().is_some() {
        return Err(ReadError::Bad(501));
    }
    let mut lengths = header("Content-Length").map(str::parse::<usize>);
    let length = match (lengths.next(), lengths.next()) {
        (None, _) => 0,
        (Some(Ok(n)), None) => n,
        _ => return Err(ReadError::Bad(400)),
    };
    drop(lengths);
    if length > MAX_BODY {
        return Err(ReadError::Bad(413));
    }
    let connection_tokens: Vec<String> = header("Connection")
        .flat_map(|v| v.split(','))
        .map(|token| token.trim().to_ascii_lowercase())
        .collect();
    let keep_alive = if http10 {
        connection_tokens.iter().any(|t| t == "keep-alive")
    } else {
        !connection_tokens.iter().any(|t| t == "close")
    };
    let expects_continue = header("Expect").any(|v| v.eq_ignore_ascii_case("100-continue"));

    let mut body = vec![0; length];
    if length > 0 {
        if expects_continue && !http10 {
            writer
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .and_then(|()| writer.flush())
                .map_err(|_| ReadError::Closed)?;
        }
        reader
            .read_exact(&mut body)
            .map_err(|_| ReadError::Closed)?;
    }
    Ok(RawRequest {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
        keep_alive,
    })
}

/// The values of every header named `wanted` (case-insensitive).
fn header_values<'a>(
    headers: &'a [(String, String)],
    wanted: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    headers
        .iter()
        .filter(move |(name, _)| name.eq_ignore_ascii_case(wanted))
        .map(|(_, value)| value.as_str())
}

/// Reads one line of the request head, without its line ending, charging it to
/// `budget`.
fn read_line<R: BufRead>(reader: &mut R, budget: &mut usize) -> Result<String, ReadError> {
    let mut line = Vec::new();
    let limit = u64::try_from(*budget).unwrap_or(u64::MAX);
    let read = reader
        .by_ref()
        .take(limit)
        .read_until(b'\n', &mut line)
        .map_err(|_| ReadError::Closed)?;
    if !line.ends_with(b"\n") {
        // Either the client stopped mid-line, or the head outgrew its budget.
        return Err(if read >= *budget {
            ReadError::Bad(431)
        } else {
            ReadError::Closed
        });
    }
    *budget -= read;
    line.pop();
    if line.ends_with(b"\r") {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| ReadError::Bad(400))
}

/// A response before it is framed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a plain-text body.
    pub fn text(status: u16, body: &str) -> Self {
        let mut response = Self {
            status,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        };
        response.set_header("Content-Type", "text/plain; charset=utf-8");
        response
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets a header, replacing every header of the same name.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// Sets a header only if the response has none of that name.
    pub fn default_header(&mut self, name: &str, value: &str) {
        if self.header(name).is_none() {
            self.headers.push((name.to_owned(), value.to_owned()));
        }
    }
}

/// Headers the server computes itself; values from elsewhere are dropped.
fn is_framing_header(name: &str) -> bool {
    ["Content-Length", "Transfer-Encoding", "Connection"]
        .iter()
        .any(|framing| name.eq_ignore_ascii_case(framing))
}

/// Writes a response. `head_only` is for `HEAD` requests; `truncate_at` sends only
/// that many body bytes while still announcing the full length.
///
/// # Errors
///
/// Any write error: the caller then closes the connection.
pub(crate) fn write_response<W: Write>(
    writer: &mut W,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
    truncate_at: Option<usize>,
) -> io::Result<()> {
    let status = response.status;
    let bodiless = status < 200 || status == 204 || status == 304;
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
    for (name, value) in &response.headers {
        if is_framing_header(name) {
            continue;
        }
        // Header values come from tests and redirects: never let one end the head.
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_graphic() && *c != ':')
            .collect();
        let value: String = value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    if !bodiless {
        out.extend_from_slice(format!("Content-Length: {}\r\n", response.body.len()).as_bytes());
    }
    if !keep_alive {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    if !head_only && !bodiless {
        let end = truncate_at.map_or(response.body.len(), |n| n.min(response.body.len()));
        out.extend_from_slice(&response.body[..end]);
    }
    writer.write_all(&out)?;
    writer.flush()
}

/// The reason phrase for a status code (clients ignore it; people read it).
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        410 => "Gone",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // A panic is how a test reports failure.

    use super::{read_request, write_response, ReadError, Response, MAX_HEAD};
    use std::io::Cursor;

    fn read(input: &[u8]) -> (Result<super::RawRequest, ReadError>, Vec<u8>) {
        let mut out = Vec::new();
        let result = read_request(&mut Cursor::new(input.to_vec()), &mut out);
        (result, out)
    }

    #[test]
    fn reads_a_get() {
        let (request, _) = read(b"\r\nGET /a?b HTTP/1.1\r\nHost: x\r\nAccept:  */* \r\n\r\n");
        let request = request.unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/a?b");
        assert_eq!(request.headers[1], ("Accept".to_owned(), "*/*".to_owned()));
        assert!(request.keep_alive);
    }

    #[test]
    fn reads_a_body_and_answers_expect() {
        let (request, out) =
            read(b"POST /p HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\nConnection: close\r\n\r\nabcdef");
        let request = request.unwrap();
        assert_eq!(request.body, b"abc");
        assert!(!request.keep_alive);
        assert_eq!(out, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    #[test]
    fn http10_closes_unless_asked() {
        assert!(!read(b"GET / HTTP/1.0\r\n\r\n").0.unwrap().keep_alive);
        assert!(
            read(b"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                .0
                .unwrap()
                .keep_alive
        );
    }

    #[test]
    fn rejects_bad_requests() {
        assert_eq!(read(b"GET /\r\n\r\n").0, Err(ReadError::Bad(400)));
        assert_eq!(read(b"GET / HTTP/2.0\r\n\r\n").0, Err(ReadError::Bad(505)));
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nbad header\r\n\r\n").0,
            Err(ReadError::Bad(400))
        );
        assert_eq!(
            read(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").0,
            Err(ReadError::Bad(501))
        );
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(read(huge.as_bytes()).0, Err(ReadError::Bad(431)));
        assert_eq!(read(b"").0, Err(ReadError::Closed));
        assert_eq!(read(b"GET / HT").0, Err(ReadError::Closed));
    }

    #[test]
    fn writes_framed_responses() {
        let mut response = Response::text(200, "hello");
        response
            .headers
            .push(("Content-Length".to_owned(), "999".to_owned()));
        response
            .headers
            .push(("X-Evil".to_owned(), "a\r\nSet-Cookie: x".to_owned()));
        let mut out = Vec::new();
        write_response(&mut out, &response, false, false, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Length: 5\r\n"));
        assert!(!text.contains("999"));
        assert!(text.contains("X-Evil: a  Set-Cookie: x\r\n"));
        assert!(text.contains("Connection: close\r\n"));
        assert!(text.ends_with("\r\n\r\nhello"));

        let mut out = Vec::new();
        write_response(&mut out, &response, true, true, None).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .ends_with("Content-Length: 5\r\n\r\n"));

        let mut out = Vec::new();
        write_response(&mut out, &response, false, true, Some(2)).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .ends_with("Content-Length: 5\r\n\r\nhe"));
    }
}
